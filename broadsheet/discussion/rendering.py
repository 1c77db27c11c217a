"""Comments are rendered once and reused until something a reader sees changes.

Re-rendering every comment on every view is what makes the reference slow (about a
millisecond per comment). Two caches avoid it:

- each comment's public HTML, keyed by a hash of its stored row as loaded (text,
  name, website, status, counts …) and of what around it shows (depth, whether
  replies are open, language, the relative time as shown, its passage);
- a whole page of the thread for readers with nothing personal on it (no account, no
  voter cookie, no comments of their own), keyed by the thread's stored version
  (bumped by every service that changes the thread, in its transaction), the sort,
  the cursor and the language, kept for a minute, so it costs no comment query at all.

The few comments that look different to a returning reader (their own, or those
they voted on) are rendered fresh.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from broadsheet.publishing.models.site import site_chrome

from .models import Comment
from .templatetags.discussion import grouped, relative_time

TEMPLATE = "discussion/discussion.html#comment"
cache = caches["fragments"]
COMMENT_SECONDS = 24 * 3600
PAGE_SECONDS = 60


def _digest(parts) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


def _comment_key(comment, *, comments_open: bool) -> str:
    """Everything the fragment shows, as stored: the comment's row plus its context.

    The row part is every loaded column of the comment (text, name, website, status,
    counts, edit time …), whatever path last wrote it: a moderator's admin edit, a
    re-import or a shell UPDATE change the key on every node with no version to
    remember to bump, and a column added to the model later joins the key by itself.
    Nothing is queried for it: these are the values the page has loaded anyway.
    """
    reply_to = getattr(comment, "reply_to_comment", None)
    parts = (
        _row_state(comment),
        comments_open,
        reply_to.author_name if reply_to and comment.depth else "",
        translation.get_language(),
        relative_time(comment.created_at),
        _passage_state(comment),
    )
    return f"comment-html:{comment.pk}:{_digest(parts)}"


_COLUMNS = [field.attname for field in Comment._meta.concrete_fields]


def _row_state(comment) -> tuple:
    # Deferred columns (the Markdown source, the IP hash) are not rendered.
    loaded = comment.__dict__
    return tuple(loaded.get(name) for name in _COLUMNS)


def _passage_state(comment):
    passage = getattr(comment, "passage", None)  # the reverse accessor raises AttributeError
    if passage is None:
        return None
    question = passage.question
    return (
        passage.exact,
        passage.start,
        passage.end,
        passage.orphaned,
        (question.pk, question.question) if question else None,
    )


def render_comment(comment, *, article, comments_open: bool, **extra) -> str:
    context = {"comment": comment, "article": article, "comments_open": comments_open, **extra}
    return render_to_string(TEMPLATE, context)


def attach_html(comments, *, article, comments_open: bool, personal=None) -> None:
    """Set comment.html on each comment, from the cache where possible.

    personal: extra context for the comments rendered for this reader only (a
    moderator's controls and their CSRF token), never for cached ones.
    """
    public, own = [], []
    for comment in comments:
        is_personal = (
            comment.my_vote or comment.is_mine or comment.can_edit
            or getattr(comment, "moderate", False)
        )  # fmt: skip
        (own if is_personal else public).append(comment)
    keys = {comment.pk: _comment_key(comment, comments_open=comments_open) for comment in public}
    cached = cache.get_many(list(keys.values())) if keys else {}
    missing = {}
    for comment in public:
        html = cached.get(keys[comment.pk])
        if html is None:
            html = missing[keys[comment.pk]] = render_comment(
                comment, article=article, comments_open=comments_open
            )
        comment.html = html
    if missing:
        cache.set_many(missing, COMMENT_SECONDS)
    for comment in own:
        comment.html = render_comment(
            comment, article=article, comments_open=comments_open, **(personal or {})
        )


def conversations_html(
    entries, *, more_replies=None, more_links=None, end_anchor: str = "comments-end"
) -> SafeString:
    """The thread's conversations: each top-level comment with its replies below it.

    Assembled here rather than in a template loop: it is plain wrapping markup around
    fragments that were rendered (and cached) by the comment partial. It depends only
    on what the page's cache key already names (the thread version, sort, cursor,
    filter and language), never on the reader.

    more_replies: top-level id -> replies left out ("N more replies"); more_links:
    top-level id -> (the page address that shows the conversation whole, the fragment
    address JS loads it from). end_anchor: where the last conversation's "skip" link
    leads (the next page's link, or the end of the thread).
    """
    more_replies = more_replies or {}
    parts = []
    for index, (comment, replies) in enumerate(entries):
        parts.append(
            format_html(
                '<div class="conversation" id="conversation-{}" data-conversation="{}">',
                comment.pk,
                comment.pk,
            )
        )
        if replies:
            following = (
                f"conversation-{entries[index + 1][0].pk}"
                if index + 1 < len(entries)
                else end_anchor
            )
            parts.append(
                format_html(
                    '<a class="conversation__skip skip-link" href="#{}">{}</a>',
                    following,
                    _("Skip this conversation"),
                )
            )
        parts.append(comment.html)
        if replies:
            parts.append('<div class="replies">')
            for position, reply in enumerate(replies):
                # Where the replies a reader asked for begin, for the link's anchor.
                first_more = position and position == settings.BROADSHEET_REPLIES_SHOWN
                parts.append(
                    format_html(
                        '<div class="reply depth-{}"{}>',
                        reply.depth,
                        format_html(' id="conversation-{}-more"', comment.pk) if first_more else "",
                    )
                )
                parts.append(reply.html)
                parts.append("</div>")
            parts.append("</div>")
        if left_out := more_replies.get(comment.pk):
            href, fragment = more_links(comment.pk)
            # Among a list of links, "3 more replies" says whose conversation it is.
            opener = (
                format_html(' aria-describedby="{}-author"', comment.anchor)
                if comment.status != Comment.Status.TRASH
                else ""
            )
            parts.append(
                format_html(
                    '<p class="conversation__more" data-more-replies>'
                    '<a href="{}" data-href="{}"{}>{}</a></p>',
                    href,
                    fragment,
                    opener,
                    more_replies_label(left_out),
                )
            )
        parts.append("</div>")
    featured = [c for comment, replies in entries for c in (comment, *replies) if c.featured]
    if featured:
        parts.append(_featured_json_ld(featured))
    return mark_safe("".join(parts))  # noqa: S308 - fragments come from autoescaped templates


def more_replies_label(count: int) -> str:
    return ngettext("%(count)s more reply", "%(count)s more replies", count) % {
        "count": grouped(count)
    }


def _featured_json_ld(comments) -> str:
    """The newsroom's recommendations as schema.org Comments (a data block, never run)."""
    from django.utils.html import strip_tags

    from broadsheet.publishing.templatetags.publishing import json_for_script

    data = [
        {
            "@context": "https://schema.org",
            "@type": "Comment",
            "text": strip_tags(c.body_html).strip(),
            "author": {"@type": "Person", "name": c.author_name},
            "dateCreated": c.created_at.isoformat(),
            "url": c.get_absolute_url(),
            "upvoteCount": c.upvotes,
            "downvoteCount": c.downvotes,
            "keywords": "Empfehlung der Redaktion",
        }
        for c in comments
    ]
    return f'<script type="application/ld+json" data-featured-comments>{json_for_script(data)}</script>'


def page_cache_key(
    article,
    version: int,
    sort: str,
    cursor: str | None,
    comments_open: bool,
    filter_: str,
    *,
    expanded: int | None = None,
) -> str:
    parts = (
        version,
        sort,
        cursor or "",
        comments_open,
        filter_,
        expanded,
        # How a page is cut: a restart with other settings may find the cache full.
        settings.BROADSHEET_COMMENTS_PER_PAGE,
        settings.BROADSHEET_REPLIES_SHOWN,
        translation.get_language(),
        site_chrome()["version"],  # the form's consent line links the privacy page
    )
    # No clock in the key: the entry is replaced in place and expires after a minute,
    # which bounds how stale a relative time ("vor 5 Minuten") can get.
    return f"thread-page:{article.pk}:{_digest(parts)}"


def cached_page(key: str):
    return cache.get(key)


def store_page(key: str, value) -> None:
    cache.set(key, value, PAGE_SECONDS)
