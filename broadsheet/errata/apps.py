from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ErrataConfig(AppConfig):
    name = "broadsheet.errata"
    verbose_name = _("Error reports")

    def ready(self):
        from broadsheet.notifications import email

        from . import notices

        email.register_builder(notices.THANKS, notices.build_thanks)
