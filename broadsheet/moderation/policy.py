"""Which status a new comment gets: the rules a moderator would apply first."""

import re

from django.conf import settings

from .models import BlocklistEntry

_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


class Policy:
    HOLD_FIRST_TIME = "first-time"
    HOLD_ALL = "all"
    HOLD_NONE = "none"


def blocklist() -> tuple[list[str], list[str]]:
    """(words, e-mail entries), read from the database for each new comment.

    Not cached: it is read only when a comment is posted, it is small, and an entry a
    moderator just added must hold on every node for the very next comment.
    """
    words, emails = [], []
    for kind, value in BlocklistEntry.objects.values_list("kind", "value"):
        (emails if kind == BlocklistEntry.Kind.EMAIL else words).append(value)
    return words, emails


def is_blocked(*, text: str, email: str, name: str = "", url: str = "") -> bool:
    words, emails = blocklist()
    haystack = f"{name}\n{url}\n{text}".lower()
    if any(word in haystack for word in words):
        return True
    email = email.lower()
    return bool(email) and any(
        email == entry or (entry.startswith("@") and email.endswith(entry)) for entry in emails
    )


def count_links(text: str) -> int:
    return len(_LINK.findall(text))


def initial_status(
    *, text: str, email: str, name: str, url: str, is_known: bool, is_staff: bool
) -> str:
    """pending / approved / spam for a new comment.

    is_known: the author has an approved comment already (by account or e-mail).
    """
    from broadsheet.discussion.models import Comment

    if is_staff:
        return Comment.Status.APPROVED
    if is_blocked(text=text, email=email, name=name, url=url):
        return Comment.Status.SPAM
    if count_links(text) > settings.BROADSHEET_COMMENT_MAX_LINKS:
        return Comment.Status.PENDING
    policy = settings.BROADSHEET_MODERATION
    if policy == Policy.HOLD_ALL:
        return Comment.Status.PENDING
    if policy == Policy.HOLD_FIRST_TIME and not is_known:
        return Comment.Status.PENDING
    return Comment.Status.APPROVED
