from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "broadsheet.publishing"
    verbose_name = _("Publishing")

    def ready(self):
        from . import search, signals, slugs  # noqa: F401

        search.connect()
        slugs.connect()

        from broadsheet.notifications import email

        from . import review

        email.register_builder(review.REVIEW, review.build_review)
