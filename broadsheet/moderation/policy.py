"""Which status a new comment gets: the rules a moderator would apply first."""

import re

from django.conf import settings

from .models import BlocklistEntry

_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


class Policy:
    """BROADSHEET_MODERATION: which trust levels are held for a moderator.

    "first-time" (the default): hold new people and restricted ones, publish known and
    trusted people. "all": hold everyone. "none": hold no one for who they are. Or per
    level, e.g. "new=hold,known=publish,trusted=publish,restricted=hold"; a level not
    named keeps its first-time rule. Whatever the setting, staff are published, the
    blocklist sends to spam, too many links hold, the model's objections the author
    sent anyway hold, and during a surge everyone but trusted people is held.
    """

    HOLD_FIRST_TIME = "first-time"
    HOLD_ALL = "all"
    HOLD_NONE = "none"
    HOLD, PUBLISH = "hold", "publish"


def level_rules(value: str | None = None) -> dict[str, str]:
    """{trust level: "hold" or "publish"} for a BROADSHEET_MODERATION value.

    Raises ValueError for anything else (a typo must not open the door).
    """
    from .trust import Level

    value = (settings.BROADSHEET_MODERATION if value is None else value).strip().lower()
    first_time = {
        Level.NEW: Policy.HOLD,
        Level.KNOWN: Policy.PUBLISH,
        Level.TRUSTED: Policy.PUBLISH,
        Level.RESTRICTED: Policy.HOLD,
    }
    if value == Policy.HOLD_FIRST_TIME:
        return first_time
    if value == Policy.HOLD_ALL:
        return dict.fromkeys(Level.ALL, Policy.HOLD)
    if value == Policy.HOLD_NONE:
        return dict.fromkeys(Level.ALL, Policy.PUBLISH)
    rules = dict(first_time)
    for part in filter(None, (p.strip() for p in value.split(","))):
        level, _sep, rule = (x.strip() for x in part.partition("="))
        if level not in Level.ALL or rule not in (Policy.HOLD, Policy.PUBLISH):
            raise ValueError(
                "BROADSHEET_MODERATION must be first-time, all, none or a list like "
                f"new=hold,known=publish,trusted=publish,restricted=hold (not {part!r})"
            )
        rules[level] = rule
    return rules


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


def model_hold(verdict: str) -> str:
    """The held_because of a comment the model objected to and its author sent anyway."""
    from broadsheet.discussion.models import Comment

    return Comment.HeldBecause.MODEL_SPAM if verdict == "spam" else Comment.HeldBecause.MODEL


def initial_status(
    *,
    text: str,
    email: str,
    name: str,
    url: str,
    trust,
    is_staff: bool,
    model_verdict: str | None = None,
    surge: bool = False,
) -> tuple[str, str]:
    """(status, held_because) for a new comment: pending / approved / spam, and why.

    trust: the author's trust.Trust. model_verdict: "spam" or "abuse" when the model
    objected and the author sent the comment anyway (else None). surge: the article is
    under automatic pre-moderation (surge.py).
    """
    from broadsheet.discussion.models import Comment

    from .trust import Level

    held = Comment.HeldBecause
    if is_staff:
        return Comment.Status.APPROVED, ""
    if is_blocked(text=text, email=email, name=name, url=url):
        return Comment.Status.SPAM, held.BLOCKLIST
    if model_verdict:
        return Comment.Status.PENDING, model_hold(model_verdict)
    if count_links(text) > settings.BROADSHEET_COMMENT_MAX_LINKS:
        return Comment.Status.PENDING, held.LINKS
    if level_rules()[trust.level] == Policy.HOLD:
        if settings.BROADSHEET_MODERATION == Policy.HOLD_ALL:
            return Comment.Status.PENDING, held.ALL
        if trust.level == Level.NEW:
            return Comment.Status.PENDING, held.FIRST_TIME
        if trust.level == Level.RESTRICTED:
            return Comment.Status.PENDING, held.RESTRICTED
        return Comment.Status.PENDING, held.POLICY
    if surge and trust.level != Level.TRUSTED:
        return Comment.Status.PENDING, held.SURGE
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
