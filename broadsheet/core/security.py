"""CSRF protection that survives cached pages.

Reader forms on article pages carry no per-reader token, so an article page can be
served from a shared cache. Instead, a POST must prove it comes from our own pages:
modern browsers send Sec-Fetch-Site and Origin on every POST, and a cross-site page
cannot forge either. A request with neither header (very old browsers, scripts)
falls back to Django's token check, which works whenever the page was not cached.
"""

import os
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.middleware.csrf import CsrfViewMiddleware
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt


def _allowed_origins(request) -> set[str]:
    scheme = "https" if request.is_secure() else "http"
    allowed = {f"{scheme}://{request.get_host()}"}
    allowed.update(origin.rstrip("/") for origin in settings.CSRF_TRUSTED_ORIGINS)
    if settings.SITE_URL:
        parts = urlsplit(settings.SITE_URL)
        allowed.add(f"{parts.scheme}://{parts.netloc}")
    return allowed


def is_same_origin(request) -> bool | None:
    """True / False when the browser told us, None when it sent neither header."""
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    origin = request.META.get("HTTP_ORIGIN")
    if origin == "null":
        return False
    if origin:
        return origin.rstrip("/") in _allowed_origins(request)
    if fetch_site:
        return fetch_site in ("same-origin", "none")
    return None


def same_origin_post(view):
    """Protect a reader POST view without requiring a token in the (cacheable) page."""
    token_check = CsrfViewMiddleware(lambda request: None)

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST":
            verdict = is_same_origin(request)
            if verdict is False:
                from django.views.csrf import csrf_failure

                return csrf_failure(request, reason="cross-origin request")
            if verdict is None:
                rejected = token_check.process_view(request, view, args, kwargs)
                if rejected is not None:
                    return rejected
        return view(request, *args, **kwargs)

    return wrapper


# --- Start-up checks (registered in CoreConfig.ready) ---------------------------------


@checks.register(checks.Tags.security)
def check_trusted_proxies(app_configs=None, **kwargs):
    """A bad proxy setting stops `serve` with a message, not a traceback or a guess."""
    from .hashing import proxy_config

    config = proxy_config()
    found = [checks.Error(error, hint=PROXY_HINT, id="broadsheet.E001") for error in config.errors]
    for network in config.networks:
        if network.prefixlen == 0:
            found.append(
                checks.Warning(
                    f"BROADSHEET_TRUSTED_PROXIES contains {network}: every client is trusted "
                    "and can choose the address Broadsheet sees.",
                    hint=PROXY_HINT,
                    id="broadsheet.W002",
                )
            )
    if settings.BEHIND_PROXY:
        if "BROADSHEET_TRUSTED_PROXIES" in os.environ:
            message = "BEHIND_PROXY is ignored: BROADSHEET_TRUSTED_PROXIES is set."
        else:
            message = (
                "BEHIND_PROXY is deprecated: it now means BROADSHEET_TRUSTED_PROXIES="
                "127.0.0.1,::1 and BROADSHEET_TRUSTED_PROXY_HOPS=1."
            )
        found.append(checks.Warning(message, hint=PROXY_HINT, id="broadsheet.W001"))
    return found


@checks.register(checks.Tags.security)
def check_ip_hash_key(app_configs=None, **kwargs):
    """Make (or read) the IP-hash key file now, not at the first comment."""
    from django.core.exceptions import ImproperlyConfigured

    from .hashing import ip_hash_key

    try:
        ip_hash_key()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="broadsheet.E002")]
    return []


@checks.register(checks.Tags.security, deploy=True)
def check_ip_hash_key_is_shared(app_configs=None, **kwargs):
    """Several nodes, each with its own key file, would each hash an address its own way."""
    if settings.DATABASE_URL and not settings.BROADSHEET_IP_HASH_KEY:
        return [
            checks.Warning(
                "BROADSHEET_IP_HASH_KEY is not set: each node makes its own IP-hash key file, "
                "so on several nodes per-address rate limits count per node.",
                hint="Set the same BROADSHEET_IP_HASH_KEY on every node (like SECRET_KEY).",
                id="broadsheet.W003",
            )
        ]
    return []


PROXY_HINT = (
    "Set BROADSHEET_TRUSTED_PROXIES to the addresses or networks of your reverse proxies "
    "(e.g. 127.0.0.1 for nginx on this host, plus your CDN's networks) and "
    "BROADSHEET_TRUSTED_PROXY_HOPS to how many stand in front (nginx: 1, CDN and nginx: 2)."
)


def private_page(view):
    """No cache, no index, no Referer to other sites: the URL or the page is personal.

    "same-origin", not "no-referrer": under "no-referrer" browsers send `Origin: null`
    with the page's own form POSTs (the Fetch standard), which same_origin_post must
    refuse, so the page's own buttons would answer 403.
    """

    @never_cache
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper
