from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "broadsheet.core"
    verbose_name = _("Core")

    def ready(self):
        from . import security  # noqa: F401 - registers the start-up checks
