from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "broadsheet.privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from broadsheet.notifications import email

        from . import notices

        email.register_builder(notices.DATA_LINK, notices.build_data_link)
        email.register_builder(notices.ERASURE, notices.build_erasure)
