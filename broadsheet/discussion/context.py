"""Everything the discussion part of an article page needs, in a fixed number of queries."""

from django.conf import settings

from broadsheet.core.numbers import is_whole_number, parse_whole_number
from broadsheet.moderation.access import can_moderate

from . import selectors, services
from .forms import FORM_TIMESTAMP_PLACEHOLDER, CommentForm, form_timestamp
from .identity import viewer_from_request
from .models import Comment, EditorQuestion, Passage, Rating, Thread, Vote
from .rendering import attach_html, cached_page, conversations_html, page_cache_key, store_page
from .rendering import cache as fragments


def discussion_context(request, article, *, comment_form=None, error: str | None = None) -> dict:
    viewer = viewer_from_request(request)
    try:
        thread = article.thread
    except Thread.DoesNotExist:
        thread = Thread(article=article)
    sort = selectors.normalise_sort(request.GET.get("sort"))
    cursor = request.GET.get("after")
    filter_ = "inline" if request.GET.get("filter") == "inline" else "all"
    raw_filter = request.GET.get("filter", "")
    passage_span = _span(request.GET.get("passage") or raw_filter.removeprefix("passage:"))
    if passage_span:
        filter_ = f"passage:{passage_span[0]}-{passage_span[1]}"
    is_open = services.is_open_for_comments(article, thread)

    reply_to = None
    reply_param = request.GET.get("reply_to") or (
        comment_form.data.get("reply_to") if comment_form else None
    )
    if is_open and (reply_pk := _row_id(reply_param)):
        reply_to = (
            Comment.objects.filter(pk=reply_pk, article=article, status=Comment.Status.APPROVED)
            .only("pk", "author_name", "body", "article_id")
            .first()
        )
    question = None
    question_param = request.GET.get("question") or (
        comment_form.data.get("question") if comment_form else None
    )
    if is_open and not reply_to and (number := _row_id(question_param)):
        question = EditorQuestion.objects.filter(
            article=article, number=number, active=True
        ).first()
    # A first-time reader's discussion looks the same for everyone: cached whole, with
    # a placeholder where each response gets its own form timestamp (see render_article).
    cacheable = (
        not returning_viewer(viewer)
        and comment_form is None
        and not error
        and not reply_to
        and not question
    )
    discussion_key = (
        "discussion-html:" + page_cache_key(article, thread.version, sort, cursor, is_open, filter_)
        if cacheable and request.resolver_match and request.resolver_match.url_name == "article"
        else None
    )
    if discussion_key and (html := fragments.get(discussion_key)) is not None:
        # The whole discussion, as everyone without cookies sees it: no comment query.
        return {
            "thread": thread,
            "discussion_html": html,
            "question_counts": passages_on_page(article, thread)["question_counts"],
        }
    if comment_form is None:
        initial = {
            "ts": FORM_TIMESTAMP_PLACEHOLDER if cacheable else form_timestamp(),
            "reply_to": reply_to.pk if reply_to else None,
            "question": question.number if question else None,
        }
        if viewer.remembered:
            initial.update(viewer.remembered, remember=True)
        comment_form = CommentForm(initial=initial, user=viewer.user)

    my_rating = 0
    returning = returning_viewer(viewer)
    if returning and article.rating_enabled:
        my_rating = (
            Rating.objects.filter(article=article, voter_key=viewer.voter_key)
            .values_list("stars", flat=True)
            .first()
            or 0
        )
    page = _thread(
        article,
        thread,
        viewer,
        sort=sort,
        cursor=cursor,
        is_open=is_open,
        returning=returning,
        filter_=filter_,
        request=request,
    )
    passage_data = passages_on_page(article, thread)

    return {
        "article": article,
        "thread": thread,
        "thread_page": page,
        "thread_html": page.html,
        "discussion_cache_key": discussion_key,
        "filter": filter_,
        "question": question,
        "passages": passage_data["passages"],
        "question_counts": passage_data["question_counts"],
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
        "vote_min_seconds": settings.BROADSHEET_VOTE_MIN_SECONDS,
        **_thread_controls(viewer, returning),
    }


def _thread_controls(viewer, returning: bool) -> dict:
    """Slow mode and the surge's lift, for moderators reading the thread (never cached)."""
    if not (returning and can_moderate(viewer.user)):
        return {"moderating": False}
    from broadsheet.moderation.services import slow_mode_choices

    choices = slow_mode_choices()
    return {"moderating": True, "slow_mode_choices": choices}


def render_discussion(request, context: dict) -> dict:
    """Render the discussion once for a cacheable context and keep the HTML."""
    from django.template.loader import render_to_string

    key = context.get("discussion_cache_key")
    if key and "discussion_html" not in context:
        # Kept as UTF-8 bytes: spliced into the response as they are (see render_article).
        html = render_to_string("discussion/discussion.html", context, request).encode()
        fragments.set(key, html, 60)
        context["discussion_html"] = html
    return context


def _row_id(value) -> int | None:
    """A positive id from a query or form value, or None for anything else."""
    return parse_whole_number(value) or None


def returning_viewer(viewer) -> bool:
    """A reader whose page may differ from everyone else's: own votes, comments, account."""
    return viewer.user is not None or not viewer.new_voter or bool(viewer.own_comment_ids)


def _thread(
    article, thread, viewer, *, sort, cursor, is_open, returning, filter_, request=None
) -> selectors.ThreadPage:
    """A page of the thread with its HTML; from the page cache for first-time readers."""
    key = page_cache_key(article, thread.version, sort, cursor, is_open, filter_)
    if not returning and (hit := cached_page(key)) is not None:
        return hit
    moderating = returning and can_moderate(viewer.user)
    page = selectors.thread_page(
        article,
        viewer=viewer,
        sort=sort,
        cursor=cursor,
        tombstones=thread.has_tombstones,
        pinned=thread.has_pinned,
        held=moderating,
        only_inline=filter_ == "inline",
        passage_span=_span(filter_.removeprefix("passage:"))
        if filter_.startswith("passage:")
        else None,
    )
    everything = [item for comment, replies in page.entries for item in (comment, *replies)]
    my_votes = {}
    if returning and page.comment_ids:
        my_votes = dict(
            Vote.objects.filter(
                comment_id__in=page.comment_ids, voter_key=viewer.voter_key
            ).values_list("comment_id", "value")
        )
    for item in everything:
        item.my_vote = my_votes.get(item.pk, 0)
        item.is_mine = returning and viewer.owns(item)
        item.can_edit = item.is_mine and services.can_edit(item, viewer)
        item.moderate = moderating
    personal = _moderation_context(request, article) if moderating else {}
    attach_html(everything, article=article, comments_open=is_open, personal=personal)
    page.html = conversations_html(page.entries)
    page.size = len(page.entries)
    page.entries = []  # rendered; the cached page keeps only its HTML
    if not returning:
        store_page(key, page)
    return page


def passages_on_page(article, thread) -> dict:
    """Highlights for the article body: each quoted passage with its comment count.

    Cached per thread version (bumped by new comments, moderation and re-anchoring).
    """
    from django.core.cache import cache

    key = f"passages:{article.pk}:{thread.version}:{article.updated_at.timestamp()}"
    data = cache.get(key)
    if data is None:
        groups: dict = {}
        question_counts: dict = {}
        rows = Passage.objects.filter(
            article=article, orphaned=False, comment__status=Comment.Status.APPROVED
        ).values_list("exact", "prefix", "suffix", "start", "end", "question__number")
        for exact, prefix, suffix, start, end, number in rows:
            group = groups.setdefault(
                (start, end),
                {"id": f"{start}-{end}", "exact": exact, "prefix": prefix, "suffix": suffix,
                 "start": start, "end": end, "count": 0, "question": number},
            )  # fmt: skip
            group["count"] += 1
            if number:
                question_counts[number] = question_counts.get(number, 0) + 1
        data = {
            "passages": sorted(groups.values(), key=lambda g: g["start"]),
            "question_counts": question_counts,
        }
        cache.set(key, data, 3600)
    return data


def _span(value: str | None) -> tuple[int, int] | None:
    """ "120-168" → (120, 168); anything else → None."""
    start, _, end = (value or "").partition("-")
    # Offsets into an article's text: ASCII digits, a few of them ("²" is a digit too).
    numbers = all(is_whole_number(part, max_digits=9) for part in (start, end))
    return (int(start), int(end)) if numbers and int(start) < int(end) else None


def _moderation_context(request, article) -> dict:
    """What a moderator's controls on each comment need (rendered for them only)."""
    from django.middleware.csrf import get_token

    from broadsheet.moderation.models import Reason

    return {
        "csrf_token": get_token(request) if request is not None else "",
        "moderation_reasons": Reason.choices,
        "request_path": article.get_absolute_url(),
    }
