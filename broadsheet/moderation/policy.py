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
) -> tuple[str, str]:
    """(status, held_because) for a new comment: pending / approved / spam, and why.

    is_known: the author has an approved comment already (by account or e-mail).
    """
    from broadsheet.discussion.models import Comment

    held = Comment.HeldBecause
    if is_staff:
        return Comment.Status.APPROVED, ""
    if is_blocked(text=text, email=email, name=name, url=url):
        return Comment.Status.SPAM, held.BLOCKLIST
    if count_links(text) > settings.BROADSHEET_COMMENT_MAX_LINKS:
        return Comment.Status.PENDING, held.LINKS
    policy = settings.BROADSHEET_MODERATION
    if policy == Policy.HOLD_ALL:
        return Comment.Status.PENDING, held.ALL
    if policy == Policy.HOLD_FIRST_TIME and not is_known:
        return Comment.Status.PENDING, held.FIRST_TIME
    return Comment.Status.APPROVED, ""


# --- Names a guest cannot take -------------------------------------------------------------

# Words that claim to speak for the publication, in both site languages.
RESERVED_NAMES = {
    "redaktion", "newsroom", "admin", "administrator", "administration", "moderator",
    "moderatorin", "moderation", "editor", "herausgeber", "publisher", "webmaster",
}  # fmt: skip
# Letters of other scripts that look like Latin ones: "Аdmin" with a Cyrillic А is "admin".
_LOOKALIKES = str.maketrans(
    "аеорсухіјԁһкмтвпАВЕКМНОРСТХІЈΑΒΕΖΗΙΚΜΝΟΡΤΥΧο0135@$",
    "aeopcyxijdhkmtbnabekmhopctxijabezhikmnoptyxoolesas",
)


def name_skeleton(name: str) -> str:
    """What a name looks like: accents, case, look-alike letters, spacing and punctuation
    folded away, so "R e d a k t i o n", "RÉDAKTION" and "Rеdaktion" (Cyrillic е) match."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", name.casefold().translate(_LOOKALIKES))
    return "".join(ch for ch in folded if ch.isalnum() and not unicodedata.combining(ch))


def staff_names() -> set[str]:
    """Skeletons of the names staff members are shown with, and the publication's.

    Log-in names are not reserved unless they are what is shown: a staff member who
    logs in as "moritz" must not keep every reader called Moritz from commenting.
    """
    from django.contrib.auth import get_user_model

    from broadsheet.publishing.models.site import site_chrome

    skeletons = {name_skeleton(word) for word in RESERVED_NAMES}
    skeletons.add(name_skeleton(site_chrome()["publication"].name))
    staff = get_user_model().objects.filter(is_staff=True, is_active=True)
    for user in staff.only("username", "display_name", "first_name", "last_name"):
        skeletons.add(name_skeleton(user.get_display_name()))
    skeletons.discard("")
    return skeletons


def is_reserved_name(name: str) -> bool:
    """A guest's name that would pass for the newsroom's: a staff name or "Redaktion".

    Also any name with a reserved word in it as a word of its own ("Redaktion Süd",
    "Admin-Team"), since that is how impostors write it.
    """
    import re

    skeleton = name_skeleton(name)
    if not skeleton:
        return False
    if skeleton in staff_names():
        return True
    reserved_words = {name_skeleton(word) for word in RESERVED_NAMES}
    words = {name_skeleton(w) for w in re.split(r"[\s\-_.,/|:()]+", name) if w}
    return bool(words & reserved_words)
