"""The front page as a news front: a lead story, sections by category, most commented.

Which articles go where:

- the lead: the editors' pick (Article.is_lead), else the latest sticky article, else
  the latest article; among several picks the latest wins;
- one section per top-level category, in the editors' order (Category.position, as in
  the navigation), each with its latest SECTION_SIZE articles from the category and its
  subcategories (the lead is not repeated);
- "latest": the LATEST_SIZE newest articles after the lead, whatever their section (an
  article filed in no category shows here too);
- "most commented": the articles with the most approved comments written in the last
  MOST_COMMENTED_HOURS hours, counted in one aggregate query over the comments index
  (status, created_at).

A cold front page costs a fixed number of queries whatever the data: the versions with
the newest thread's (one), the lead, the latest, the section rows (one window query),
the most commented (one aggregate), then the articles with their images and threads,
their sections and their bylines (four with the authors). The comment counts on the
teasers are the stored Thread.comment_count, joined to the articles.

The rendered blocks are cached for a minute (scheduled articles appear by the clock)
under the versions they are built from: SiteVersion (chrome, articles) and
the newest Thread.version (front_page_versions()), which every approval, removal or
edit of a comment moves in its transaction. The front page's ETag carries the same
three (core/http_cache.py), so an approval shows on the next request.
"""

import datetime

from django.core.cache import caches
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Case, Count, F, Subquery, Value, When, Window
from django.db.models.functions import RowNumber, StrIndex, Substr
from django.db.models.lookups import GreaterThan
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from .models import Article
from .models import site as site_module
from .models.site import SiteVersion, site_chrome

SECTION_SIZE = 3
LATEST_SIZE = 5
MOST_COMMENTED_SIZE = 5
MOST_COMMENTED_HOURS = 48
FRONT_SECONDS = 60


def front_page_versions(request=None) -> tuple[int, int, int]:
    """(chrome, articles, discussion): what the front page and its ETag derive from.

    discussion is the newest Thread.version, which moves with every change a reader of
    any thread sees. All three are read in one query (the site's versions with the
    top of the threads by version, read from Thread.version's index), once per request;
    the site's two are handed on to site_versions().
    """
    from broadsheet.discussion.models import Thread

    versions = getattr(request, "_front_versions", None)
    if versions is not None:
        return versions
    newest = Subquery(Thread.objects.order_by("-version").values("version")[:1])
    row = (
        SiteVersion.objects.filter(pk=1)
        .annotate(discussion=newest)
        .values_list("chrome", "articles", "discussion")
        .first()
    )
    chrome, articles, discussion = row or (0, 0, None)
    # Within a request the site's versions are read once (models/site.py): hand these on.
    request_state = site_module._request
    if getattr(request_state, "active", False):
        if request_state.versions is None:
            request_state.versions = (chrome, articles)
        chrome, articles = request_state.versions
    versions = (chrome, articles, discussion or 0)
    if request is not None:
        request._front_versions = versions
    return versions


def lead_story_pk(published) -> int | None:
    order = ("-is_lead", "-sticky", "-published_at", "-id")
    return published.order_by(*order).values_list("pk", flat=True).first()


def _root_path():
    """The top-level category's path (its slug) of a category-link row, in SQL."""
    path = F("category__path")
    slash = StrIndex(path, Value("/"))
    return Case(When(GreaterThan(slash, 0), then=Substr(path, 1, slash - 1)), default=path)


def section_rows(published, *, exclude_pk) -> dict[str, list[int]]:
    """{top-level path: [article pk, …]}, newest first, SECTION_SIZE each; one query.

    An article filed in two subcategories of one section has two rows there, so the
    window takes twice the size and duplicates are dropped here.
    """
    links = Article.categories.through.objects.filter(article__in=published)
    if exclude_pk is not None:
        links = links.exclude(article_id=exclude_pk)
    newest = [F("article__published_at").desc(), F("article_id").desc()]
    rows = (
        links.annotate(
            root=_root_path(),
            rank=Window(RowNumber(), partition_by=[_root_path()], order_by=newest),
        )
        .filter(rank__lte=SECTION_SIZE * 2)
        .order_by("root", "rank")
        .values_list("root", "article_id")
    )
    sections: dict[str, list[int]] = {}
    for root, pk in rows:
        pks = sections.setdefault(root, [])
        if pk not in pks and len(pks) < SECTION_SIZE:
            pks.append(pk)
    return sections


def most_commented(published, *, now) -> list[tuple[int, int]]:
    """[(article pk, approved comments in the window)], most first; one aggregate query.

    Counts reader comments written in the last MOST_COMMENTED_HOURS hours that are
    approved now: held, rejected and spam comments never count, nor older ones.
    """
    from broadsheet.discussion.models import Comment

    since = now - datetime.timedelta(hours=MOST_COMMENTED_HOURS)
    rows = (
        Comment.objects.approved()
        .filter(kind=Comment.Kind.COMMENT, created_at__gte=since, article__in=published)
        .values("article_id")
        .annotate(recent=Count("pk"))
        .order_by("-recent", "-article_id")
        .values_list("article_id", "recent")
    )
    return list(rows[:MOST_COMMENTED_SIZE])


def front_page_blocks(*, now=None) -> dict:
    """The lead, the latest, the sections and the most commented, in seven queries."""
    now = now or timezone.now()
    published = Article.objects.published(now=now)
    lead_pk = lead_story_pk(published)
    latest = published.exclude(pk=lead_pk) if lead_pk is not None else published
    latest = list(
        latest.order_by("-published_at", "-id").values_list("pk", flat=True)[:LATEST_SIZE]
    )
    rows = section_rows(published, exclude_pk=lead_pk)
    commented = most_commented(published, now=now)
    pks = {pk for pks in rows.values() for pk in pks} | {pk for pk, _ in commented} | set(latest)
    if lead_pk is not None:
        pks.add(lead_pk)
    articles = {}
    for article in Article.objects.filter(pk__in=pks).for_listing().select_related("thread"):
        article.comment_total = _stored_comment_count(article)
        articles[article.pk] = article
    sections = []
    for category in site_chrome()["sections"]:
        teasers = [articles[pk] for pk in rows.get(category.path, []) if pk in articles]
        if teasers:
            sections.append({"category": category, "articles": teasers})
    return {
        "lead": articles.get(lead_pk),
        "latest": [articles[pk] for pk in latest if pk in articles],
        "sections": sections,
        "most_commented": [(articles[pk], n) for pk, n in commented if pk in articles],
        "window_hours": MOST_COMMENTED_HOURS,
    }


def _stored_comment_count(article) -> int:
    """The stored counter; an article nobody has commented on may have no Thread yet."""
    try:
        return article.thread.comment_count
    except ObjectDoesNotExist:
        return 0


def front_page_html(request) -> str:
    """The front page's blocks as HTML, cached for a minute under their versions."""
    chrome, articles, discussion = front_page_versions(request)
    key = f"front:{chrome}:{articles}:{discussion}:{translation.get_language()}"
    cache = caches["fragments"]
    cached = cache.get(key)
    if cached is None:
        blocks = front_page_blocks()
        html = render_to_string("publishing/_front_blocks.html", blocks, request)
        shown = {article.pk for section in blocks["sections"] for article in section["articles"]}
        shown |= {article.pk for article, _ in blocks["most_commented"]}
        shown |= {article.pk for article in blocks["latest"]}
        if blocks["lead"] is not None:
            shown.add(blocks["lead"].pk)
        cached = (html, sorted(shown))
        cache.set(key, cached, FRONT_SECONDS)
    html, shown = cached
    # Surrogate keys (core/http_cache.py): an approval in a thread shown here purges
    # the shared caches' copy of the front page as well as the article's.
    request._front_thread_keys = [f"thread-{pk}" for pk in shown]
    return html


@require_safe
def front_page(request, page=None):
    """Page one is the news front; later pages (and WordPress links) the plain listing."""
    from . import views

    if page is not None or "s" in request.GET or "page" in request.GET:
        return views.front_page(request, page)
    return render(
        request,
        "publishing/front_page.html",
        {"is_front": True, "front_html": front_page_html(request)},
    )
