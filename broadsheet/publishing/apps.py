from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "broadsheet.publishing"
    verbose_name = _("Publishing")

    def ready(self):
        from . import search, signals, slugs  # noqa: F401

        search.connect()
        slugs.connect()
