"""Reader pages. Thin: parse, look up through QuerySets, render."""

import datetime
from urllib.parse import urlencode

from django.contrib.auth.decorators import permission_required
from django.core.paginator import EmptyPage
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from broadsheet.core.http_cache import describe_article
from broadsheet.core.numbers import parse_whole_number

from .listing import teaser_page
from .models import Article, ArticleSlugRedirect, Author, Category, Page, Tag
from .models.site import site_chrome
from .search import search_articles, snippets_for


def _page_number(request, page: int | None) -> int:
    if page is not None:
        return page
    number = parse_whole_number(request.GET.get("page", "1"), max_digits=9)
    if number is None:
        raise Http404(_("No such page."))
    return max(1, number)


def _listing(
    request, articles, *, page, template="publishing/article_list.html", listing_key=None, **context
):
    try:
        page_obj, teasers = teaser_page(
            articles, _page_number(request, page), listing_key=listing_key
        )
    except EmptyPage:
        raise Http404(_("No such page.")) from None
    return render(request, template, {"page_obj": page_obj, "teasers": teasers, **context})


@require_safe
def front_page(request, page=None):
    if "s" in request.GET:  # WordPress search links: /?s=term
        query = urlencode({"q": request.GET["s"]})
        return redirect(f"{reverse('publishing:search')}?{query}", permanent=True)
    # Sticky articles lead the front page, as in WordPress.
    articles = Article.objects.published().for_listing().order_by("-sticky", "-published_at", "-id")
    return _listing(request, articles, page=page, is_front=True, listing_key="front")


@require_safe
def category_archive(request, path, page=None):
    category = get_object_or_404(Category, path=path.strip("/"))
    articles = Article.objects.published().in_category_tree(category).for_listing()
    return _listing(
        request,
        articles,
        page=page,
        listing_key=f"category:{category.pk}",
        archive_title=category.name,
        archive_kind=_("Category"),
        archive_description=category.description,
        feed_base=category.get_absolute_url(),
    )


@require_safe
def tag_archive(request, slug, page=None):
    tag = get_object_or_404(Tag, slug=slug)
    articles = Article.objects.published().filter(tags=tag).for_listing()
    return _listing(
        request,
        articles,
        page=page,
        listing_key=f"tag:{tag.pk}",
        archive_title=tag.name,
        archive_kind=_("Tag"),
        feed_base=tag.get_absolute_url(),
    )


@require_safe
def author_archive(request, slug, page=None):
    author = get_object_or_404(Author, slug=slug)
    articles = Article.objects.published().filter(authors=author).for_listing()
    return _listing(
        request,
        articles,
        page=page,
        listing_key=f"author:{author.pk}",
        archive_title=author.name,
        archive_kind=_("Author"),
        archive_description=author.bio,
        feed_base=author.get_absolute_url(),
    )


@require_safe
def date_archive(request, year, month=None, day=None):
    try:
        start = datetime.date(year, month or 1, day or 1)
        if day:
            end, title = start + datetime.timedelta(days=1), start
            fmt = "DATE_FORMAT"
        elif month:
            end = (start + datetime.timedelta(days=32)).replace(day=1)
            title, fmt = start, "YEAR_MONTH_FORMAT"
        else:
            end, title, fmt = start.replace(year=year + 1), start, "Y"
    except (ValueError, OverflowError):  # 2021/02/30, or the end of year 9999
        raise Http404(_("No such date.")) from None
    tz = timezone.get_current_timezone()
    articles = (
        Article.objects.published()
        .filter(
            published_at__gte=datetime.datetime.combine(start, datetime.time(), tz),
            published_at__lt=datetime.datetime.combine(end, datetime.time(), tz),
        )
        .for_listing()
    )
    return _listing(
        request, articles, page=None, archive_date=title, archive_date_format=fmt,
        archive_kind=_("Archive"),
    )  # fmt: skip


LATEST_ON_EMPTY_SEARCH = 5


@require_safe
def search(request):
    query = " ".join(request.GET.get("q", "").split())[:200]
    articles = search_articles(query) if query else []
    try:
        page_obj, teasers = teaser_page(articles, _page_number(request, None))
    except EmptyPage:
        raise Http404(_("No such page.")) from None
    pks = [pk for pk, _updated in page_obj.object_list]
    snippets = snippets_for(pks, query)
    latest = []
    if query and not pks:  # something to read instead of a bare "nothing found"
        latest = Article.objects.published().only("title", "slug", "published_at")
        latest = list(latest.order_by("-published_at", "-id")[:LATEST_ON_EMPTY_SEARCH])
    return render(
        request,
        "publishing/search.html",
        {
            "page_obj": page_obj,
            "results": [(teaser, snippets.get(pk)) for pk, teaser in zip(pks, teasers)],  # noqa: B905
            "query": query,
            "latest": latest,
            "archive_kind": _("Search"),
        },
    )


def _article_queryset():
    return Article.objects.select_related("lead_image", "thread")


@require_safe
def article_detail(request, year, month, day, slug):
    article = _article_queryset().published().filter(slug=slug).first()
    if article is None:
        # A slug the editors changed: its old URL moves with the article for good.
        moved = ArticleSlugRedirect.objects.filter(old_slug=slug).select_related("article")
        moved = moved.first()
        if moved is None or not moved.article.is_published():
            raise Http404(_("No such article."))
        return redirect(moved.article.get_absolute_url(), permanent=True)
    canonical = article.get_absolute_url()
    if request.path != canonical:
        # A wrong date in the URL (or a moved article) still finds the article.
        return redirect(canonical, permanent=True)
    return render_article(request, article)


@require_safe
@permission_required("publishing.view_article")
def preview(request, pk):
    article = get_object_or_404(_article_queryset(), pk=pk)
    return render_article(request, article, is_preview=True)


def render_article(
    request, article, *, is_preview=False, comment_form=None, discussion_error=None, status=200
):
    """The article page; the discussion views re-render it to show a form's errors."""
    from broadsheet.discussion.context import discussion_context, render_discussion

    # Bylines, sections, tags, corrections and promo blocks are read inside the
    # template's cached fragments, so a cached article page needs none of them.
    context = {
        "article": article,
        "is_preview": is_preview,
        "chrome_version": site_chrome()["version"],
    }
    if not is_preview:
        context.update(
            discussion_context(request, article, comment_form=comment_form, error=discussion_error)
        )
        render_discussion(request, context)
    response = render(request, "publishing/article_detail.html", context, status=status)
    if discussion := context.get("discussion_html"):
        # The cached discussion (often most of the page) is spliced in as bytes rather
        # than pushed through every template level.
        response.content = response.content.replace(b"<!--broadsheet:discussion-->", discussion, 1)
    if not is_preview:
        # Its forms (comment, votes, rating; cached or not) get a fresh signed timestamp.
        from broadsheet.discussion.forms import sign_forms

        response.content = sign_forms(response.content)
        # What the page was built from, for its ETag and surrogate keys (core/http_cache.py).
        describe_article(request, article=article, thread=context.get("thread"))
    return response


@require_safe
def page_detail(request, slug):
    page = get_object_or_404(Page, slug=slug)
    return render(request, "publishing/page.html", {"page": page})
