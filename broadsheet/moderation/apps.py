from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "broadsheet.moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from broadsheet.notifications import email

        from . import notices

        email.register_builder(notices.REMOVAL, notices.build_removal)
        email.register_builder(notices.RECEIPT, notices.build_receipt)
        email.register_builder(notices.DECISION, notices.build_decision)
        email.register_builder(notices.SURGE, notices.build_surge)
