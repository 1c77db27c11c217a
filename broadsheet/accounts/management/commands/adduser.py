"""`broadsheet adduser NAME --role contributor|author|editor|moderator|admin`: a newsroom account.

The password is read from standard input when one is piped in (so it never shows in
the process list or shell history), asked for on a terminal, or generated and printed.
"""

import getpass
import secrets
import sys

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from broadsheet.accounts.models import User
from broadsheet.accounts.roles import AUTHOR, CONTRIBUTOR, EDITOR, MODERATOR, grant_role

ROLES = {
    "contributor": CONTRIBUTOR,
    "author": AUTHOR,
    "editor": EDITOR,
    "moderator": MODERATOR,
    "admin": None,
}


class Command(BaseCommand):
    help = "Create a newsroom account: a contributor, author, editor, moderator or administrator."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=sorted(ROLES), default="editor")
        parser.add_argument("--email", default="")
        parser.add_argument("--name", default="", help="Display name, e.g. for comments.")
        parser.add_argument(
            "--generate-password", action="store_true", help="Generate a password and print it."
        )

    def handle(self, username, role, email, name, generate_password, **options):
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user called {username!r} already exists.")
        password = self._password(generate_password)
        user = User(username=username, email=email, display_name=name)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        with transaction.atomic():
            user.set_password(password)
            if ROLES[role] is None:
                user.is_staff = user.is_superuser = True
            user.save()
            if ROLES[role]:
                grant_role(user, ROLES[role])
        self.stdout.write(f"Created {role} {username!r}. Log in at /admin/.")
        if generate_password:
            self.stdout.write(f"Password: {password}")

    def _password(self, generate: bool) -> str:
        if generate:
            return secrets.token_urlsafe(15)
        if not sys.stdin.isatty():
            password = sys.stdin.readline().rstrip("\n")
            if not password:
                raise CommandError("No password on standard input (or use --generate-password).")
            return password
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords do not match.")
        return password
