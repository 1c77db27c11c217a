"""The read side of the discussion: one page of a thread in a fixed number of queries.

A page is up to N top-level comments in the chosen order, found by keyset (never
OFFSET), plus the first BROADSHEET_REPLIES_SHOWN visible replies of each, found by one
range query over (root, path) that also counts each conversation's replies (window
functions), so the page can say "12 more replies". Two queries, whatever the size of
the thread or of a conversation.
"""

import base64
import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber

from .models import Comment

SORTS = ("oldest", "newest", "voted")


@dataclass
class ThreadPage:
    sort: str
    entries: list  # [(top-level comment, [replies in conversation order])]
    next_cursor: str | None
    cursor: str | None
    comment_ids: list[int] = field(default_factory=list)
    html: str = ""
    size: int = 0
    # Top-level comment id -> how many of its visible replies this page leaves out.
    more_replies: dict[int, int] = field(default_factory=dict)
    # The reader's own comments awaiting moderation that quote a passage (for the
    # article's highlights, which otherwise show approved passages only).
    own_passages: list = field(default_factory=list)

    @property
    def has_more(self) -> bool:
        return self.next_cursor is not None


def normalise_sort(value: str | None) -> str:
    return value if value in SORTS else settings.BROADSHEET_COMMENT_SORT


def encode_cursor(comment: Comment, sort: str) -> str:
    key = f"{comment.score}" if sort == "voted" else comment.created_at.isoformat()
    raw = f"{key}|{comment.pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, sort: str):
    """(key, id) from a cursor, or None when it is absent or malformed."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        key, pk = raw.rsplit("|", 1)
        value = int(key) if sort == "voted" else datetime.datetime.fromisoformat(key)
        return value, int(pk)
    except (ValueError, UnicodeDecodeError):
        return None


def _after(cursor, sort: str) -> Q:
    value, pk = cursor
    if sort == "oldest":
        return Q(created_at__gt=value) | Q(created_at=value, pk__gt=pk)
    if sort == "newest":
        return Q(created_at__lt=value) | Q(created_at=value, pk__lt=pk)
    return Q(score__lt=value) | Q(score=value, pk__gt=pk)


ORDERING = {
    "oldest": ("created_at", "id"),
    "newest": ("-created_at", "-id"),
    "voted": ("-score", "id"),
}


FILTERS = ("all", "inline")


def thread_page(
    article,
    *,
    viewer,
    sort: str,
    cursor: str | None = None,
    limit: int | None = None,
    only_inline: bool = False,
    passage_span: tuple[int, int] | None = None,
    tombstones: bool = False,
    pinned: bool = False,
    held: bool = False,
    expanded: int | None = None,
) -> ThreadPage:
    """tombstones / pinned: the thread has removed comments kept as placeholders / pinned
    comments (Thread.has_tombstones, has_pinned); only then do the queries look for them,
    so an ordinary thread's page stays on its index. held: a moderator's view, with every
    comment awaiting moderation in place. expanded: the id of a top-level comment whose
    conversation is shown whole (the "more replies" link without JS)."""
    limit = limit or settings.BROADSHEET_COMMENTS_PER_PAGE
    visible = Comment.objects.filter(article=article, kind=Comment.Kind.COMMENT).visible_to(
        viewer, tombstones=tombstones, held=held
    )
    top = visible.top_level().order_by(*ORDERING[sort])
    filtered = only_inline or passage_span
    if filtered:
        top = top.filter(has_passage=True)
    if passage_span:
        top = top.filter(passage__start=passage_span[0], passage__end=passage_span[1])
    position = decode_cursor(cursor, sort)
    if pinned and not filtered:
        # Pinned comments open the first page, whatever the order; later pages (which
        # continue after the first page's last unpinned comment) leave them out.
        if position is None:
            top = top.order_by("-pinned", *ORDERING[sort])
        else:
            top = top.filter(pinned=False)
    if position is not None:
        top = top.filter(_after(position, sort))
    top_comments = list(
        top.select_related("passage__question").defer("body", "ip_hash")[: limit + 1]
    )
    next_cursor = None
    if len(top_comments) > limit:
        top_comments = top_comments[:limit]
        next_cursor = encode_cursor(top_comments[-1], sort)

    replies_by_root, more = _first_replies(visible, [c.pk for c in top_comments], expanded=expanded)
    entries, by_id = _conversations(top_comments, replies_by_root)
    return ThreadPage(
        sort=sort,
        entries=entries,
        next_cursor=next_cursor,
        cursor=cursor,
        comment_ids=list(by_id),
        more_replies=more,
    )


def conversation(
    article, root_pk: int, *, viewer, tombstones: bool = False, held: bool = False
) -> tuple[Comment, list[Comment]] | None:
    """One whole conversation (a top-level comment and every reply the viewer may see),
    for "more replies"; None when there is no such top-level comment for this viewer.
    Two queries, like a page."""
    visible = Comment.objects.filter(article=article, kind=Comment.Kind.COMMENT).visible_to(
        viewer, tombstones=tombstones, held=held
    )
    root = (
        visible.top_level()
        .filter(pk=root_pk)
        .select_related("passage__question")
        .defer("body", "ip_hash")
        .first()
    )
    if root is None:
        return None
    replies_by_root = {root.pk: []}
    replies = visible.filter(root=root).order_by("path")
    for reply in replies.select_related("passage__question").defer("body", "ip_hash"):
        replies_by_root[root.pk].append(reply)
    (entry,), _ = _conversations([root], replies_by_root)
    return entry


def _first_replies(visible, root_ids: list[int], *, expanded: int | None):
    """The replies shown below each of root_ids, and how many each leaves out.

    One query: each conversation's visible replies are numbered in path order and
    counted; the first BROADSHEET_REPLIES_SHOWN come back, plus every reply awaiting
    moderation (only its author or a moderator sees those, and they must find it in
    place), plus the whole of the expanded conversation.
    """
    replies_by_root: dict[int, list[Comment]] = {pk: [] for pk in root_ids}
    more: dict[int, int] = {}
    if not root_ids:
        return replies_by_root, more
    shown = settings.BROADSHEET_REPLIES_SHOWN
    replies = visible.filter(root__in=root_ids)
    if shown:
        wanted = Q(position__lte=shown) | Q(status=Comment.Status.PENDING)
        if expanded:
            wanted |= Q(root_id=expanded)
        replies = replies.annotate(
            position=Window(RowNumber(), partition_by=[F("root_id")], order_by=[F("path").asc()]),
            in_conversation=Window(Count("pk"), partition_by=[F("root_id")]),
        ).filter(wanted)
    replies = replies.order_by("root_id", "path").select_related("passage__question")
    for reply in replies.defer("body", "ip_hash"):
        replies_by_root[reply.root_id].append(reply)
    if shown:
        for root_id, chain in replies_by_root.items():
            if chain and (left_out := chain[0].in_conversation - len(chain)) > 0:
                more[root_id] = left_out
    return replies_by_root, more


def _conversations(top_comments, replies_by_root):
    by_id = {c.pk: c for c in top_comments}
    for chain in replies_by_root.values():
        by_id.update((r.pk, r) for r in chain)
    for comment in by_id.values():
        # Whom a reply answers, for "@name" without another query.
        comment.reply_to_comment = by_id.get(comment.reply_to_id or comment.parent_id)
    entries = [(c, _flatten(replies_by_root[c.pk], by_id)) for c in top_comments]
    return entries, by_id


def _flatten(replies: list[Comment], by_id: dict) -> list[Comment]:
    """Replies in path order; a reply whose parent is hidden shows one level in."""
    for reply in replies:
        if reply.parent_id not in by_id:
            reply.depth = 1
    return replies


def cursor_before(comment: Comment, *, sort: str) -> str | None:
    """The cursor of the page that holds comment's conversation, for deep links.

    Pages are aligned to multiples of the page size from the start of the thread,
    so a permalink always lands on the same page a reader paging by hand would see.
    """
    root = comment.root or comment
    ordering = ORDERING[sort]
    visible = Comment.objects.filter(
        article_id=root.article_id, kind=Comment.Kind.COMMENT, status=Comment.Status.APPROVED
    ).top_level()
    if sort == "oldest":
        before = visible.filter(
            Q(created_at__lt=root.created_at) | Q(created_at=root.created_at, pk__lt=root.pk)
        )
    elif sort == "newest":
        before = visible.filter(
            Q(created_at__gt=root.created_at) | Q(created_at=root.created_at, pk__gt=root.pk)
        )
    else:
        before = visible.filter(Q(score__gt=root.score) | Q(score=root.score, pk__lt=root.pk))
    size = settings.BROADSHEET_COMMENTS_PER_PAGE
    start = (before.count() // size) * size
    if start == 0:
        return None
    previous = visible.order_by(*ordering)[start - 1 : start].first()
    return encode_cursor(previous, sort) if previous else None


def is_past_shown_replies(reply: Comment) -> bool:
    """Whether reply is not among the replies a page shows of its conversation (for a
    deep link, which then asks for the conversation whole). A comment awaiting
    moderation is always shown to whom sees it."""
    shown = settings.BROADSHEET_REPLIES_SHOWN
    if not shown or reply.status == Comment.Status.PENDING:
        return False
    before = Comment.objects.filter(
        root_id=reply.root_id, kind=Comment.Kind.COMMENT, path__lt=reply.path
    ).filter(Q(status=Comment.Status.APPROVED) | Q(status=Comment.Status.TRASH, tombstone=True))
    return before.count() >= shown
