"""The console's chrome: the queue bar with live counts, and links to pages that may not exist yet."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import ngettext

from ..models import Reason
from ..selectors import QUEUES, queue_counts

register = template.Library()


def waiting_age(since, *, now=None) -> str:
    """ "oldest for 3 hours": how long the oldest waiting comment has waited (one unit)."""
    seconds = max(0, int(((now or timezone.now()) - since).total_seconds()))
    if seconds >= 86400:
        n = seconds // 86400
        return ngettext("oldest for %(n)d day", "oldest for %(n)d days", n) % {"n": n}
    if seconds >= 3600:
        n = seconds // 3600
        return ngettext("oldest for %(n)d hour", "oldest for %(n)d hours", n) % {"n": n}
    n = max(1, seconds // 60)
    return ngettext("oldest for %(n)d minute", "oldest for %(n)d minutes", n) % {"n": n}


@register.inclusion_tag("moderation/_queue_nav.html", takes_context=True)
def queue_nav(context):
    """The queues with their counts, on every console page (one aggregate query)."""
    counts = queue_counts()
    current = context.get("queue_slug")
    queues = [
        {
            "slug": slug,
            "label": queue.label,
            "count": counts[slug],
            "url": reverse("moderation:queue", kwargs={"queue": slug}),
            "current": slug == current,
        }
        for slug, queue in QUEUES.items()
    ]
    oldest = counts["oldest_waiting"]
    return {"queues": queues, "oldest_waiting": waiting_age(oldest) if oldest else ""}


@register.simple_tag
def optional_url(name: str, *args) -> str:
    """The URL of a view that may not be installed (yet); "" instead of NoReverseMatch."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register.filter
def reason_label(code: str) -> str:
    """The label of a removal reason code (Comment.removal_reason has no choices of its own)."""
    return Reason(code).label if code in Reason.values else code
