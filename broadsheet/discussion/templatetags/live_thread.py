"""The data-* attributes live.js reads from the discussion section (see discussion/live.py)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext, ngettext, pgettext

from broadsheet.discussion.live import poll_seconds

register = template.Library()

# live.js puts the number where this stands; gettext's plural form is picked for 1 and 2
# here and by Intl.PluralRules in the browser (one / other, as in German and English).
NUMBER = "{n}"


def _notice(n: int) -> str:
    return ngettext("%(number)s new comment — show", "%(number)s new comments — show", n) % {
        "number": NUMBER
    }


@register.simple_tag
def live_attributes(article, thread):
    """Attributes for the section: what the page holds, where to ask, and the texts.

    Without polling (BROADSHEET_LIVE_POLL_SECONDS=0) no URL: live.js only marks what is
    new since the reader's last visit.
    """
    attributes = {
        "data-live-count": thread.comment_count,
        "data-msg-live-one": _notice(1),
        "data-msg-live-other": _notice(2),
        "data-msg-live-shown": gettext("The new comments are shown, newest first."),
        "data-msg-unread": pgettext("comment", "New"),
    }
    if seconds := poll_seconds():
        attributes["data-live-url"] = reverse("discussion:live", args=[article.pk])
        attributes["data-live-seconds"] = seconds
    return format_html_join(" ", '{}="{}"', attributes.items())
