"""301 answers for the URLs a WordPress site had, so links and bookmarks keep working.

Placed right after CommonMiddleware. Path lookups happen only for responses that are
404 anyway, so ordinary pages pay nothing. WordPress's query forms ("/?p=123") are
answered before the view runs, because "/" itself exists and would answer 200.
"""

import re

from django.http import HttpResponsePermanentRedirect

from .models import LegacyRedirect

QUERY_FORMS = ("p", "page_id", "cat", "tag", "author")
QUERY_PATHS = ("/", "/index.php")
_PAGED = re.compile(r"^page/[0-9]+/$")


def redirect_for_query(request) -> str | None:
    for name in QUERY_FORMS:
        value = request.GET.get(name, "").strip()
        if value and len(value) <= 200:
            redirect = LegacyRedirect.objects.filter(old_path=f"/?{name}={value}").first()
            return redirect.target() if redirect else None
    return None


def redirect_for_path(path: str) -> str | None:
    """The target for an old path, tolerating a missing trailing slash and archive pages."""
    if len(path) > 500:
        return None
    slashed = path if path.endswith("/") else f"{path}/"
    candidates = {path, slashed}
    match = re.match(r"^(.*/)(page/[0-9]+/)$", slashed)
    if match:
        candidates.add(match.group(1))
    found = {r.old_path: r for r in LegacyRedirect.objects.filter(old_path__in=candidates)}
    for candidate in (path, slashed):
        if candidate in found:
            return found[candidate].target()
    if match and match.group(1) in found and found[match.group(1)].keeps_suffix:
        target = found[match.group(1)].target()
        return f"{target.rstrip('/')}/{match.group(2)}" if target else None
    return None


class LegacyRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        is_read = request.method in ("GET", "HEAD")
        if is_read and request.path in QUERY_PATHS and any(q in request.GET for q in QUERY_FORMS):
            target = redirect_for_query(request)
            if target:
                return HttpResponsePermanentRedirect(target)
        response = self.get_response(request)
        if is_read and response.status_code == 404:
            target = redirect_for_path(request.path)
            if target and target != request.path:
                return HttpResponsePermanentRedirect(target)
        return response
