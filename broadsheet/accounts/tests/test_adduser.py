import io
import sys

import pytest
from django.core.management import CommandError, call_command

from broadsheet.accounts.models import User
from broadsheet.accounts.roles import AUTHOR, CONTRIBUTOR, EDITOR, MODERATOR

pytestmark = pytest.mark.django_db


def add(*args, stdin="") -> str:
    out = io.StringIO()
    old, sys.stdin = sys.stdin, io.StringIO(stdin)
    try:
        call_command("adduser", *args, stdout=out)
    finally:
        sys.stdin = old
    return out.getvalue()


def test_an_editor_is_created_with_the_editor_role_and_a_piped_password():
    add("erika", "--email", "erika@example.org", stdin="ein-sehr-gutes-Passwort\n")
    user = User.objects.get(username="erika")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [EDITOR]
    assert user.check_password("ein-sehr-gutes-Passwort")


def test_a_moderator_gets_a_generated_password_printed_once():
    output = add("moritz", "--role", "moderator", "--generate-password")
    password = output.split("Password: ")[1].strip()
    user = User.objects.get(username="moritz")
    assert user.check_password(password) and user.groups.get().name == MODERATOR


@pytest.mark.parametrize("role, group", [("contributor", CONTRIBUTOR), ("author", AUTHOR)])
def test_writers_who_may_not_publish_everything_get_their_role(role, group):
    add("jana", "--role", role, "--generate-password")
    user = User.objects.get(username="jana")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [group]
    assert user.has_perm("publishing.change_article")
    assert not user.has_perm("publishing.publish_article")
    assert user.has_perm("publishing.publish_own_article") == (role == "author")


def test_a_weak_password_or_a_taken_name_is_refused_and_nothing_is_created():
    with pytest.raises(CommandError, match="too short|zu kurz"):
        add("kurz", stdin="abc\n")
    assert not User.objects.filter(username="kurz").exists()
    add("erika", "--generate-password")
    with pytest.raises(CommandError, match="already exists"):
        add("erika", "--generate-password")
    assert User.objects.filter(username="erika").count() == 1
