"""The moderation console under /moderation/: queues and actions (console_urls.py), cases,
the audit log and statistics (case_urls.py), in one namespace."""

from django.urls import include, path

from . import mail_actions

app_name = "moderation"

urlpatterns = [
    path("mail/<str:token>/", mail_actions.mail_action, name="mail-action"),
    path("", include("broadsheet.moderation.console_urls")),
    path("", include("broadsheet.moderation.case_urls")),
]
