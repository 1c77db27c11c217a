"""`broadsheet privacy_text`: the privacy-page block, in Markdown, with this site's numbers."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from broadsheet.privacy.text import privacy_text


class Command(BaseCommand):
    help = "Print the privacy-page text about comments and reader data (Markdown)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--language",
            action="append",
            help="de or en; repeat for both (default: every language of the site).",
        )

    def handle(self, *args, language, **options):
        known = [code for code, _name in settings.LANGUAGES]
        wanted = language or known
        unknown = [code for code in wanted if code not in known]
        if unknown:
            raise CommandError(f"Unknown language {unknown[0]!r}: choose from {', '.join(known)}.")
        self.stdout.write("\n".join(f"<!-- {code} -->\n{privacy_text(code)}" for code in wanted))
