"""Hostile values sent to every reader URL and every form field: never a 5xx, never a traceback.

The URL list is read from the URL configuration, so a new view is covered the day it is
added; a path parameter this module has no sample for fails the test instead of being
skipped. Runs on whichever database the suite runs on (SQLite in `make test`,
PostgreSQL in `make test-postgres`): some bad values (NUL bytes, over-long strings)
only break on one of them.
"""

import logging
import re
from urllib.parse import quote, urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from broadsheet.core.testing import make_article, make_author, make_category, make_comment, make_tag
from broadsheet.publishing.models import Page

pytestmark = pytest.mark.django_db

HOSTILE = [
    "",
    "\x00",
    "a\x00b",
    "9" * 5000,
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "' OR 1=1 --",
    '"><script>alert(1)</script>',
    "../../secret_key",
    "\u202egnp.exe",
    "\r\nSet-Cookie: x=1",
    "ä" * 300,
    "x" * 20_000,
    "2021-13-45",
    "passage:99999999999999999999-1",
    "passage:" + "9" * 5000 + "-" + "9" * 5001,
    "²³",
    "a" * 300 + "@example.org",
    "lea@" + "b" * 60 + "." + "c" * 60 + "." + "d" * 60 + "." + "e" * 60 + ".de",
    LONG_ADDRESS := "a" * 64 + "@" + ("b" * 63 + ".") * 3 + "de",  # 259: valid parts, too long
]
# Every query parameter a reader page reads, and every field a reader form posts.
QUERY_NAMES = [
    "q", "sort", "after", "filter", "passage", "reply_to", "question", "page", "state",
    "p", "page_id", "cat", "tag", "author", "next",
]  # fmt: skip
FORM_FIELDS = [
    "name", "email", "url", "body", "reply_to", "question", "ts", "homepage", "remember",
    "passage_exact", "passage_prefix", "passage_suffix", "passage_start", "value", "stars",
    "scope", "all", "List-Unsubscribe", "username", "password", "next", "consent",
]  # fmt: skip
ORIGIN = "http://testserver"
SKIPPED_PREFIXES = ("admin/",)  # Django's own admin, behind a staff login


def reader_routes(resolver=None, prefix: str = ""):
    """Every (route, pattern) of the site's URL configuration, outside the admin."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            yield from reader_routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


@pytest.fixture
def site(settings):
    # One client sends thousands of requests: limits would stop it before the views.
    settings.BROADSHEET_RATE_LIMITS = False
    category = make_category("Politik", slug="politik")
    tag = make_tag("Klima")
    author = make_author("Anna Berger")
    article = make_article(categories=[category], tags=[tag], authors=[author])
    comment = make_comment(article)
    page = Page.objects.create(title="Impressum", slug="impressum", body="Wer wir sind.")
    local = article.published_at.astimezone()
    return {
        "year": f"{local.year:04d}",
        "month": f"{local.month:02d}",
        "day": f"{local.day:02d}",
        "slug": article.slug,
        "path": category.path,
        "pk": str(comment.pk),
        "article_pk": str(article.pk),
        "root_pk": str(comment.pk),  # /discussion/<article_pk>/conversations/<root_pk>/
        "page": "1",
        "token": "not-a-token",
        "section": "articles",
        "name": "images/2026/01/nicht-da.png",  # /media/<path:name>
        "queue": "reported",  # /moderation/<queue>/ (the console answers a log-in redirect)
        "_pages": {"page": page.slug, "tag": tag.slug, "author": author.slug},
    }


def urls_with(site, replace: str | None = None, value: str = "") -> list[str]:
    """Each reader route filled with sample values; with replace, that parameter is value."""
    urls = []
    for route in reader_routes():
        names = re.findall(r"<(?:\w+:)?(\w+)>", route)
        missing = [name for name in names if name not in site]
        assert not missing, f"no sample value for {missing} in {route}: add one to site()"
        if replace and replace not in names:
            continue

        def fill(match):
            name = match.group(1)
            return quote(value if name == replace else site[name], safe="/")

        urls.append("/" + re.sub(r"<(?:\w+:)?(\w+)>", fill, route))
    return urls


@pytest.fixture
def server_errors(caplog):
    """What Django logged as a server error: a 5xx, or an exception with its traceback."""
    caplog.set_level(logging.ERROR, logger="django")
    return lambda: [record.getMessage() for record in caplog.records if record.levelno >= 40]


class Failures(list):
    """Every request that broke, with why: one run shows them all, not only the first."""

    def check(self, send, url: str) -> None:
        try:
            response = send()
        except Exception as error:  # noqa: BLE001 - what broke is the finding
            self.append(f"{type(error).__name__}: {str(error)[:120]} <- {url[:160]!r}")
        else:
            if response.status_code >= 500:
                self.append(f"{response.status_code} <- {url[:160]!r}")

    def summary(self) -> str:
        kinds = sorted(set(self))
        return f"{len(self)} failures:\n" + "\n".join(kinds[:40])


def test_no_hostile_query_string_breaks_a_reader_page(client, site, server_errors):
    failures = Failures()
    for url in urls_with(site):
        for value in HOSTILE:
            target = f"{url}?{urlencode(dict.fromkeys(QUERY_NAMES, value))}"
            failures.check(lambda target=target: client.get(target), target)
    assert not failures, failures.summary()
    assert server_errors() == []


def test_no_hostile_path_value_breaks_a_reader_page(client, site, server_errors):
    failures = Failures()
    urls = ["/%00/", "/tag/%00/feed/", "/9999/", "/9999/12/", "/9999/12/31/", "/0000/"]
    for name in (
        "year", "month", "day", "slug", "path", "pk", "article_pk", "root_pk", "token", "section"
    ):  # fmt: skip
        for value in [*HOSTILE, "9999", "0000", "12", "99", "%00"]:
            urls.extend(urls_with(site, name, value))
    for url in urls:
        failures.check(lambda url=url: client.get(url), url)
    assert not failures, failures.summary()
    assert server_errors() == []


def test_no_hostile_form_post_breaks_a_reader_url(client, site, server_errors):
    failures = Failures()
    for url in urls_with(site):
        for value in HOSTILE:
            data = dict.fromkeys(FORM_FIELDS, value)
            failures.check(
                lambda url=url, data=data: client.post(url, data, HTTP_ORIGIN=ORIGIN), url
            )
        for body, content_type in (
            ("", "application/x-www-form-urlencoded"),
            ("not a form", "text/plain"),
            ('{"body": 1}', "application/json"),
            ("\xff\xfe", "application/x-www-form-urlencoded"),
        ):
            failures.check(
                lambda url=url, body=body, content_type=content_type: client.post(
                    url, body, content_type=content_type, HTTP_ORIGIN=ORIGIN
                ),
                f"{url} ({content_type}: {body!r})",
            )
    assert not failures, failures.summary()
    assert server_errors() == []


def test_an_absurdly_long_address_is_refused_with_414_before_any_view(client, site):
    assert client.get("/?q=" + "x" * 5000).status_code == 414
    assert client.get("/tag/" + "x" * 3000 + "/").status_code == 414
    assert client.get("/?q=" + "x" * 3000).status_code == 200


def test_a_nul_byte_in_the_address_is_refused_with_400_on_every_database(client, site):
    assert client.get("/tag/a%00b/").status_code == 400
    assert client.get("/search/?q=a%00b").status_code == 400
    assert client.get("/search/?q=ab").status_code == 200


def test_an_address_longer_than_254_characters_is_refused_by_every_form(client, site):
    from broadsheet.discussion.models import Comment
    from broadsheet.notifications.models import Subscriber

    article = f"/discussion/{site['article_pk']}/comments/"
    subscribe = f"/notifications/subscribe/{site['article_pk']}/"
    fields = {"name": "Lea", "body": "Ein Gedanke.", "ts": "", "scope": "article"}

    for url in (article, subscribe):
        # The comment form answers a refusal by post/redirect/get: the page it redirects
        # to carries the refusal's status and the field's error.
        response = client.post(
            url, {**fields, "email": LONG_ADDRESS}, HTTP_ORIGIN=ORIGIN, follow=True
        )
        assert response.status_code == 400, url
    assert not Subscriber.objects.exists()
    assert not Comment.objects.filter(author_email=LONG_ADDRESS).exists()


# The moderation console's filters and forms, as a logged-in moderator would send them.
CONSOLE_FIELDS = [
    "action", "actor", "article", "author", "author_email", "author_name", "author_url",
    "body", "category", "comment", "duration", "end", "explanation", "good_faith", "illegal",
    "kind", "law", "legal_ground", "means", "message", "notices", "period", "q", "reason",
    "reject_earlier", "status", "target", "text", "until", "since", "start", "value", "ids",
    "page", "next", "focus", "person",
]  # fmt: skip


def test_no_hostile_value_breaks_the_moderation_console(client, site, moderator, server_errors):
    client.force_login(moderator)
    failures = Failures()
    console = [url for url in urls_with(site) if url.startswith("/moderation/")]
    assert len(console) > 10, console
    for url in console:
        for value in HOSTILE:
            fields = dict.fromkeys(CONSOLE_FIELDS, value)
            target = f"{url}?{urlencode(fields)}"
            failures.check(lambda target=target: client.get(target), target)
            failures.check(
                lambda url=url, fields=fields: client.post(url, fields, HTTP_ORIGIN=ORIGIN), url
            )
    assert not failures, failures.summary()
    assert server_errors() == []
