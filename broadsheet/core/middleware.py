from django.conf import settings
from django.utils import translation


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
