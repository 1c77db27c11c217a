from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "broadsheet.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from broadsheet.notifications import email

        from .mail import build_login_link
        from .roles import ensure_roles
        from .services import LINK_KIND

        email.register_builder(LINK_KIND, build_login_link)

        # Permissions only exist after every app has migrated, so roles are kept in
        # step from post_migrate rather than from a data migration.
        post_migrate.connect(ensure_roles, dispatch_uid="broadsheet-roles")
