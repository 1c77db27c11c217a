from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from broadsheet.core.views import media

admin.site.site_header = _("Broadsheet newsroom")
admin.site.site_title = _("Broadsheet")
admin.site.index_title = _("Newsroom")

urlpatterns = [
    path("admin/", admin.site.urls),
    # Uploaded pictures through Django, not from disk: a draft's picture stays hidden.
    path(f"{settings.MEDIA_URL.strip('/')}/<path:name>", media, name="media"),
    path("moderation/", include("broadsheet.moderation.urls")),
    path("", include("broadsheet.publishing.syndication_urls")),
    path("", include("broadsheet.discussion.urls")),
    path("", include("broadsheet.notifications.urls")),
    path("privacy/", include("broadsheet.privacy.urls")),
    path("errata/", include("broadsheet.errata.urls")),
    path("", include("broadsheet.accounts.urls")),
    path("", include("broadsheet.publishing.urls")),
]

handler404 = "broadsheet.core.views.page_not_found"
handler500 = "broadsheet.core.views.server_error"
