from django.conf import settings


def publication(request):
    from broadsheet.publishing.models.site import site_chrome

    chrome = site_chrome()
    return {**chrome, "SITE_LANGUAGE": settings.LANGUAGE_CODE}
