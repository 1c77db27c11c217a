"""Mentions: "@Moritz L." in a comment links that person's latest comment in the thread.

Resolved when a comment is written (posted, edited by its author, revised by a
moderator) and stored: the link is part of body_html, and Mention rows name the
comments it points to, for the notification sent when the comment goes live. The
per-comment HTML cache is keyed by the stored row (rendering.py), so it stays true
whatever names come and go in the thread later; a mention means the person who was in
the thread when it was written, as a quotation does.

What matches: "@" with no letter or digit before it, then the author name of an
approved comment in the same thread exactly as shown there (case-sensitive; both sides
NFC, as display names are stored), with no letter or digit after it. The longest name
wins ("@Moritz L." over "@Moritz"). Only text a reader wrote is searched: markdown-it's
text tokens, never code or a link's text, so a name is text like any other and is
escaped as such, whatever characters it holds.
"""

import unicodedata
from dataclasses import dataclass, field

from django.db.models import Max
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from markdown_it.token import Token

from broadsheet.core.text import render_comment_markdown

from .live import BIGGEST_ID
from .models import Comment, Mention

# Names sent to the form's autocomplete: the most recently active first.
SUGGESTED_NAMES = 500


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def names_in_thread(article_id: int) -> dict[str, int]:
    """Each author name of the thread's approved comments → that name's latest comment."""
    rows = (
        Comment.objects.filter(
            article_id=article_id, status=Comment.Status.APPROVED, kind=Comment.Kind.COMMENT
        )
        .order_by()
        .values("author_name")
        .annotate(latest=Max("pk"))
        .values_list("author_name", "latest")
    )
    return {_nfc(name): latest for name, latest in rows if name}


def suggested_names(article_id: int) -> list[str]:
    """The names the comment form offers after "@", most recently active first."""
    names = names_in_thread(article_id)
    return sorted(names, key=names.get, reverse=True)[:SUGGESTED_NAMES]


@dataclass
class Rendered:
    html: str
    mentioned: list[int] = field(default_factory=list)  # the comments linked, in order


def render_body(source: str, *, article_id: int) -> Rendered:
    """A comment's HTML with its mentions linked; one query, only if the text has an "@"."""
    if "@" not in source:
        return Rendered(render_comment_markdown(source))
    names = names_in_thread(article_id)
    if not names:
        return Rendered(render_comment_markdown(source))
    matcher = _Matcher(names)
    html = render_comment_markdown(source, transform=matcher.link)
    return Rendered(html, matcher.found)


def store_mentions(comment: Comment, mentioned: list[int], *, created: bool) -> None:
    """Replace the comment's Mention rows (inside the writing transaction)."""
    if not created:
        Mention.objects.filter(comment=comment).delete()
    if mentioned:
        Mention.objects.bulk_create([Mention(comment=comment, target_id=pk) for pk in mentioned])


class _Matcher:
    def __init__(self, names: dict[str, int]):
        self.names = names
        # Candidates by first character, longest first: the longest match wins.
        self.by_first: dict[str, list[str]] = {}
        for name in sorted(names, key=len, reverse=True):
            self.by_first.setdefault(name[0], []).append(name)
        self.found: list[int] = []

    def link(self, tokens) -> None:
        for block in tokens:
            if block.type != "inline" or not block.children:
                continue
            children, in_link = [], 0
            for token in block.children:
                in_link += {"link_open": 1, "link_close": -1}.get(token.type, 0)
                if token.type == "text" and not in_link and "@" in token.content:
                    children.extend(self._split(token.content))
                else:
                    children.append(token)
            block.children = children

    def _name_at(self, text: str, start: int) -> str | None:
        for name in self.by_first.get(text[start : start + 1], ()):
            end = start + len(name)
            if text.startswith(name, start) and not (end < len(text) and _is_word(text[end])):
                return name
        return None

    def _split(self, content: str) -> list[Token]:
        text = _nfc(content)
        pieces: list[Token] = []
        last = 0
        at = text.find("@")
        while at != -1:
            name = None if at and _is_word(text[at - 1]) else self._name_at(text, at + 1)
            if name is None:
                at = text.find("@", at + 1)
                continue
            target = self.names[name]
            if at > last:
                pieces.append(_text(text[last:at]))
            link = Token("link_open", "a", 1)
            link.attrs = {"href": _href(target), "class": "mention"}
            pieces += [link, _text(f"@{name}"), Token("link_close", "a", -1)]
            if target not in self.found:
                self.found.append(target)
            last = at + 1 + len(name)
            at = text.find("@", last)
        if not pieces:
            return [_text(content)]
        if last < len(text):
            pieces.append(_text(text[last:]))
        return pieces


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _href(comment_pk: int) -> str:
    # The permalink finds the page that holds the comment in a long thread; the
    # fragment survives its redirect.
    return f"{reverse('discussion:permalink', args=[comment_pk])}#comment-{comment_pk}"


# --- The names the comment form offers --------------------------------------------------

# The answer changes with the thread: the page asks with its thread version in the
# address (?v=…), so a shared cache keeps each version's answer and a new version is a
# new address. Five minutes bound how long an address asked without it stays stale.
NAMES_MAX_AGE = 300


@require_safe
def names(request, article_pk: int):
    """{"names": [...]}: who commented in the thread (approved), most recently first.

    The same for every reader: no cookie read or set. One query for the thread's version,
    and the names from the fragment cache under that version (one more query on a miss).
    """
    from broadsheet.publishing.models import Article

    from .rendering import cache

    row = (
        Article.objects.published()
        .filter(pk=article_pk)
        .values_list("pk", "thread__version")
        .first()
        if article_pk <= BIGGEST_ID
        else None
    )
    if row is None:
        return JsonResponse({"error": "not-found"}, status=404)
    key = f"mention-names:{article_pk}:{row[1] or 0}"
    found = cache.get(key)
    if found is None:
        found = suggested_names(article_pk)
        cache.set(key, found, 3600)
    response = JsonResponse({"names": found})
    response["Cache-Control"] = f"public, max-age={NAMES_MAX_AGE}"
    return response
