import hashlib

from django import template
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import ngettext

register = template.Library()

# Muted colours with white text at a contrast of at least 4.5:1.
AVATAR_COLOURS = [
    "#7b2d26",
    "#1f5f8b",
    "#2f6b3a",
    "#6b4c9a",
    "#8a5a00",
    "#006b6b",
    "#9a3b6b",
    "#4a5560",
]


@register.simple_tag
def avatar(comment, size: int = 40):
    """An avatar drawn here from the author's name: no request to a third party."""
    seed = (comment.author_email or comment.author_name or "?").strip().lower()
    digest = hashlib.sha256(seed.encode()).digest()
    colour = AVATAR_COLOURS[digest[0] % len(AVATAR_COLOURS)]
    words = (comment.author_name or "?").split()
    initials = "".join(w[0] for w in words[:2]).upper() or "?"
    return format_html(
        '<svg class="avatar" width="{s}" height="{s}" viewBox="0 0 40 40" aria-hidden="true" focusable="false">'
        '<rect width="40" height="40" rx="20" fill="{c}"/>'
        '<text x="20" y="25" text-anchor="middle" font-size="15" font-family="sans-serif" fill="#fff">{i}</text>'
        "</svg>",
        s=size,
        c=colour,
        i=initials,
    )


UNITS = [
    (365 * 86400, lambda n: ngettext("%(n)d year ago", "%(n)d years ago", n)),
    (30 * 86400, lambda n: ngettext("%(n)d month ago", "%(n)d months ago", n)),
    (7 * 86400, lambda n: ngettext("%(n)d week ago", "%(n)d weeks ago", n)),
    (86400, lambda n: ngettext("%(n)d day ago", "%(n)d days ago", n)),
    (3600, lambda n: ngettext("%(n)d hour ago", "%(n)d hours ago", n)),
    (60, lambda n: ngettext("%(n)d minute ago", "%(n)d minutes ago", n)),
]


@register.filter
def relative_time(value, now=None):
    """ "vor 2 Jahren" / "2 years ago": the largest whole unit only, as the reference shows."""
    if not value:
        return ""
    seconds = ((now or timezone.now()) - value).total_seconds()
    for size, phrase in UNITS:
        if seconds >= size:
            n = int(seconds // size)
            return phrase(n) % {"n": n}
    return ngettext("just now", "just now", 1)


@register.simple_tag
def page_token():
    """Where each response gets its own signed timestamp (forms.sign_forms): cached
    fragments keep the placeholder, every response fills it in."""
    from ..forms import FORM_TIMESTAMP_PLACEHOLDER

    return FORM_TIMESTAMP_PLACEHOLDER


@register.filter
def grouped(value) -> str:
    """A count as people read it: "10.000" in German, "10,000" in English.

    Always grouped, whatever USE_THOUSAND_SEPARATOR says: that setting would group
    every number a template prints, ids in URLs and data attributes too.
    """
    return number_format(value, force_grouping=True)


@register.simple_tag
def comment_count(count: int) -> str:
    """ "1 comment" / "10,000 comments": the heading of the thread, with a grouped count."""
    return ngettext("%(counter)s comment", "%(counter)s comments", count) % {
        "counter": grouped(count)
    }


# Quotation marks by language (CLDR's delimiters). Kept here rather than in the
# catalogues: they are typography, not words, and a missing translation must not
# give a German page English quotes.
QUOTES = {"de": ("„", "“"), "en": ("“", "”")}


@register.filter
def quoted(value) -> str:
    """ "„Zitat“" on the German site, "“quote”" on the English one (escaped)."""
    from django.utils import translation

    language = (translation.get_language() or "").split("-")[0]
    opening, closing = QUOTES.get(language, QUOTES["en"])
    return format_html("{}{}{}", opening, value, closing)
