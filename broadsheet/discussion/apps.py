from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionConfig(AppConfig):
    name = "broadsheet.discussion"
    verbose_name = _("Discussion")

    def ready(self):
        from . import receivers  # noqa: F401
