from django.conf import settings
from django.utils import translation

from .hashing import is_trusted_peer


class SiteLanguageMiddleware:
    """Serve every page in the publication's language.

    A Broadsheet site is written in one language (BROADSHEET_LANGUAGE); the reader's
    Accept-Language must not turn half the interface into another one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with translation.override(settings.LANGUAGE_CODE):
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
            response = self.get_response(request)
            response.headers.setdefault("Content-Language", settings.LANGUAGE_CODE)
            return response


class ProbeMiddleware:
    """Answer /healthz and /readyz before anything looks at the request.

    A load balancer probes each node by its IP address, which is not in ALLOWED_HOSTS:
    these two paths must not reach CommonMiddleware's host check (400 and a traceback
    in the log per probe), nor the session or language machinery (no cookies, no
    database query for liveness). First in MIDDLEWARE for that reason.
    """

    def __init__(self, get_response):
        from .views import healthz, readyz

        self.get_response = get_response
        self.probes = {"/healthz": healthz, "/readyz": readyz}

    def __call__(self, request):
        probe = self.probes.get(request.path_info.rstrip("/"))
        if probe is not None and request.method in {"GET", "HEAD"}:
            return probe(request)
        return self.get_response(request)


class RequestLineMiddleware:
    """Refuse addresses no Broadsheet URL can have, at once, before any view reads them.

    - Absurdly long ones (414): no URL of ours needs more than a few hundred characters;
      a 20 KB query string is an attack or a broken client, and further in it only
      costs work (a redirect to the login page with it as ?next= that Django refuses
      with an error in the log). Reverse proxies cut such lines too (nginx at 8 KB):
      this holds without one.
    - NUL bytes (400): never part of a slug, a path or a search, and PostgreSQL refuses
      them in any text parameter (a DataError, i.e. a 500, from the first lookup).
    """

    MAX_PATH = 2048
    MAX_QUERY = 4096

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.http import HttpResponse

        query = request.META.get("QUERY_STRING", "")
        if len(request.path_info) > self.MAX_PATH or len(query) > self.MAX_QUERY:
            return HttpResponse("Request-URI too long.\n", status=414, content_type=TEXT)
        if "\x00" in request.path_info or "%00" in query or "\x00" in query:
            return HttpResponse("Bad request.\n", status=400, content_type=TEXT)
        return self.get_response(request)


TEXT = "text/plain; charset=utf-8"


class TrustedProxyMiddleware:
    """Drop forwarding headers that do not come from one of our proxies. First in line.

    Django believes X-Forwarded-Proto wherever SECURE_PROXY_SSL_HEADER is set: without
    this, a client that reaches the app port directly could claim https (skipping the
    redirect to HTTPS, passing an https Origin check, getting https links). Removing
    the headers from the request, rather than overriding is_secure(), keeps every
    reader of them truthful at once: SecurityMiddleware, CSRF, build_absolute_uri and
    client_ip (which checks the peer again, for requests that never pass here).
    """

    FORWARDED = (
        "HTTP_X_FORWARDED_FOR",
        "HTTP_X_FORWARDED_PROTO",
        "HTTP_X_FORWARDED_HOST",
        "HTTP_X_FORWARDED_PORT",
        "HTTP_FORWARDED",
        "HTTP_X_REAL_IP",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_trusted_peer(request):
            for name in self.FORWARDED:
                request.META.pop(name, None)
        return self.get_response(request)
