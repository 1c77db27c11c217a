from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "broadsheet.notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from . import receivers

        receivers.connect()
