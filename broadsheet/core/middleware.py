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
