"""Everything the discussion part of an article page needs, in a fixed number of queries."""

from django.conf import settings

from . import selectors, services
from .forms import CommentForm, form_timestamp
from .identity import viewer_from_request
from .models import Comment, Rating, Thread, Vote
from .rendering import attach_html, cached_page, conversations_html, page_cache_key, store_page


def discussion_context(request, article, *, comment_form=None, error: str | None = None) -> dict:
    viewer = viewer_from_request(request)
    try:
        thread = article.thread
    except Thread.DoesNotExist:
        thread = Thread(article=article)
    sort = selectors.normalise_sort(request.GET.get("sort"))
    cursor = request.GET.get("after")
    is_open = services.is_open_for_comments(article, thread)

    reply_to = None
    reply_param = request.GET.get("reply_to") or (comment_form.data.get("reply_to") if comment_form else None)
    if is_open and reply_param and str(reply_param).isdigit():
        reply_to = (
            Comment.objects.filter(pk=int(reply_param), article=article, status=Comment.Status.APPROVED)
            .only("pk", "author_name", "body", "article_id")
            .first()
        )
    if comment_form is None:
        initial = {"ts": form_timestamp(), "reply_to": reply_to.pk if reply_to else None}
        if viewer.remembered:
            initial.update(viewer.remembered, remember=True)
        comment_form = CommentForm(initial=initial, user=viewer.user)

    my_rating = 0
    returning = viewer.user is not None or not viewer.new_voter or bool(viewer.own_comment_ids)
    if returning and article.rating_enabled:
        my_rating = (
            Rating.objects.filter(article=article, voter_key=viewer.voter_key).values_list("stars", flat=True).first()
            or 0
        )
    page = _thread(article, thread, viewer, sort=sort, cursor=cursor, is_open=is_open, returning=returning)

    return {
        "article": article,
        "thread": thread,
        "thread_page": page,
        "thread_html": page.html,
        "sort": sort,
        "default_sort": selectors.normalise_sort(None),
        "sorts": selectors.SORTS,
        "viewer": viewer,
        "comments_open": is_open,
        "comment_form": comment_form,
        "discussion_error": error,
        "reply_to": reply_to,
        "my_rating": my_rating,
        "rating_average": round(thread.rating_average, 1),
        "max_length": settings.BROADSHEET_COMMENT_MAX_LENGTH,
    }


def _thread(article, thread, viewer, *, sort, cursor, is_open, returning) -> selectors.ThreadPage:
    """A page of the thread with its HTML; from the page cache for first-time readers."""
    key = page_cache_key(article, thread.version, sort, cursor, is_open)
    if not returning and (hit := cached_page(key)) is not None:
        return hit
    page = selectors.thread_page(article, viewer=viewer, sort=sort, cursor=cursor)
    everything = [item for comment, replies in page.entries for item in (comment, *replies)]
    my_votes = {}
    if returning and page.comment_ids:
        my_votes = dict(
            Vote.objects.filter(comment_id__in=page.comment_ids, voter_key=viewer.voter_key).values_list(
                "comment_id", "value"
            )
        )
    for item in everything:
        item.my_vote = my_votes.get(item.pk, 0)
        item.is_mine = returning and viewer.owns(item)
        item.can_edit = item.is_mine and services.can_edit(item, viewer)
    attach_html(everything, article=article, comments_open=is_open)
    page.html = conversations_html(page.entries)
    page.size = len(page.entries)
    page.entries = []  # rendered; the cached page keeps only its HTML
    if not returning:
        store_page(key, page)
    return page
