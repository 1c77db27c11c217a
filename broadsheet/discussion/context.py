"""Everything the discussion part of an article page needs, in a fixed number of queries."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.translation import ngettext

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
    # "N more replies" without JS: this conversation is shown whole.
    expanded = _row_id(request.GET.get("conversation"))

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
        "discussion-html:"
        + page_cache_key(article, thread.version, sort, cursor, is_open, filter_, expanded=expanded)
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
        expanded=expanded,
        request=request,
    )
    passage_data = passages_on_page(article, thread, own=page.own_passages)

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
    article, thread, viewer, *, sort, cursor, is_open, returning, filter_, expanded=None,
    request=None,
) -> selectors.ThreadPage:  # fmt: skip
    """A page of the thread with its HTML; from the page cache for first-time readers."""
    key = page_cache_key(article, thread.version, sort, cursor, is_open, filter_, expanded=expanded)
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
        expanded=expanded,
    )
    everything = [item for comment, replies in page.entries for item in (comment, *replies)]
    personalise(everything, viewer, returning=returning, moderating=moderating)
    personal = _moderation_context(request, article) if moderating else {}
    attach_html(everything, article=article, comments_open=is_open, personal=personal)
    page.html = conversations_html(
        page.entries,
        more_replies=page.more_replies,
        more_links=_more_links(article, sort=sort, cursor=cursor, filter_=filter_),
        end_anchor="comments-more" if page.has_more else "comments-end",
    )
    page.size = len(page.entries)
    page.own_passages = [
        item.passage
        for item in everything
        if item.is_mine and item.status == Comment.Status.PENDING and item.has_passage
    ]
    page.entries = []  # rendered; the cached page keeps only its HTML
    if not returning:
        store_page(key, page)
    return page


def conversation_html(request, article, root_pk: int) -> str | None:
    """One whole conversation as the thread shows it, for "N more replies" in place;
    None when the viewer cannot see such a top-level comment. Every comment comes from
    the per-comment cache as on a page; the conversation itself is not cached (its
    rendering is a few joins)."""
    viewer = viewer_from_request(request)
    try:
        thread = article.thread
    except Thread.DoesNotExist:
        thread = Thread(article=article)
    returning = returning_viewer(viewer)
    moderating = returning and can_moderate(viewer.user)
    entry = selectors.conversation(
        article, root_pk, viewer=viewer, tombstones=thread.has_tombstones, held=moderating
    )
    if entry is None:
        return None
    everything = [entry[0], *entry[1]]
    personalise(everything, viewer, returning=returning, moderating=moderating)
    attach_html(
        everything,
        article=article,
        comments_open=services.is_open_for_comments(article, thread),
        personal=_moderation_context(request, article) if moderating else {},
    )
    return conversations_html([entry])


def personalise(comments, viewer, *, returning: bool, moderating: bool) -> None:
    """Mark what looks different to this reader: their votes, their own comments (one
    query for the votes, none for a first-time reader)."""
    my_votes = {}
    if returning and comments:
        my_votes = dict(
            Vote.objects.filter(
                comment_id__in=[c.pk for c in comments], voter_key=viewer.voter_key
            ).values_list("comment_id", "value")
        )
    for item in comments:
        item.my_vote = my_votes.get(item.pk, 0)
        item.is_mine = returning and viewer.owns(item)
        item.can_edit = item.is_mine and services.can_edit(item, viewer)
        item.moderate = moderating


def _more_links(article, *, sort: str, cursor: str | None, filter_: str):
    """For "N more replies": this page again with the conversation whole (no JS), at the
    first reply it adds, and the fragment JS loads in place instead."""
    params = {}
    if sort != selectors.normalise_sort(None):
        params["sort"] = sort
    if filter_ != "all":
        params["filter"] = filter_
    if cursor:
        params["after"] = cursor
    base = article.get_absolute_url()

    def links(root_pk: int) -> tuple[str, str]:
        query = urlencode({**params, "conversation": root_pk})
        fragment = reverse("discussion:conversation", args=[article.pk, root_pk])
        return f"{base}?{query}#conversation-{root_pk}-more", fragment

    return links


def passages_on_page(article, thread, *, own=()) -> dict:
    """Highlights for the article body: each quoted passage with its comment count.

    Cached per thread version (bumped by new comments, moderation and re-anchoring).
    own: the reader's own passages awaiting moderation (Passage rows already loaded
    with the page), highlighted for them as approved ones are for everyone. Each
    passage carries its count as a phrase ("1 comment on this passage") for the
    highlight's button, in the language of the request.
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
        for row in rows:
            _count_passage(groups, question_counts, *row)
        data = {
            "passages": sorted(groups.values(), key=lambda g: g["start"]),
            "question_counts": question_counts,
        }
        cache.set(key, data, 3600)
    if own:
        groups = {(g["start"], g["end"]): dict(g) for g in data["passages"]}
        question_counts = dict(data["question_counts"])
        for passage in own:
            if not passage.orphaned:
                number = passage.question.number if passage.question_id else None
                _count_passage(
                    groups, question_counts, passage.exact, passage.prefix, passage.suffix,
                    passage.start, passage.end, number,
                )  # fmt: skip
        data = {
            "passages": sorted(groups.values(), key=lambda g: g["start"]),
            "question_counts": question_counts,
        }
    passages = [{**g, "label": passage_count_label(g["count"])} for g in data["passages"]]
    return {"passages": passages, "question_counts": data["question_counts"]}


def _count_passage(groups, question_counts, exact, prefix, suffix, start, end, number) -> None:
    group = groups.setdefault(
        (start, end),
        {"id": f"{start}-{end}", "exact": exact, "prefix": prefix, "suffix": suffix,
         "start": start, "end": end, "count": 0, "question": number},
    )  # fmt: skip
    group["count"] += 1
    if number:
        question_counts[number] = question_counts.get(number, 0) + 1


def passage_count_label(count: int) -> str:
    """ "1 comment on this passage" / "3 Kommentare zu dieser Stelle"."""
    from .templatetags.discussion import grouped

    return ngettext(
        "%(count)s comment on this passage", "%(count)s comments on this passage", count
    ) % {"count": grouped(count)}


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
