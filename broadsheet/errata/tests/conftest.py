import re

import pytest

from broadsheet.core.testing import make_article

BODY = (
    "Die Stadt plant eine neue Straßenbahnlinie durch die Altstadt.\n\n"
    "Die Linie soll 2027 fertig sein und 40 Millionen Euro kosten.\n\n"
    "Der Senat entscheidet im Herbst."
)
WRONG = "40 Millionen Euro"


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    settings.BROADSHEET_COMMENT_MIN_SECONDS = 0


@pytest.fixture
def article(db):
    return make_article("Die neue Linie", slug="linie", body=BODY)


def report_url(article) -> str:
    return f"/errata/{article.pk}/report/"


def form_timestamp(client, article, query="") -> str:
    page = client.get(report_url(article) + query).content.decode()
    return re.search(r'name="ts" value="([^"]+)"', page).group(1)


def send_report(client, article, **fields):
    data = {"exact": WRONG, "suggestion": "Es sind 45 Millionen.", **fields}
    if "ts" not in data:
        data["ts"] = form_timestamp(client, article)
    return client.post(report_url(article), data)


@pytest.fixture
def one_rate_limit_window():
    """Stop the clock just after a minute begins, so a test never straddles two windows."""
    import datetime

    import time_machine
    from django.utils import timezone

    now = timezone.now()
    start = now.replace(second=1, microsecond=0) + datetime.timedelta(minutes=1)
    with time_machine.travel(start, tick=False):
        yield
