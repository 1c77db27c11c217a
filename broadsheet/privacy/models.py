"""What the privacy self-service keeps: links in flight, erasures waiting, erasures done.

Each table holds as little as its job needs. A data link and a waiting erasure name
the address (they must reach it); both rows go once they are used, cancelled or
carried out. The ErasureLog keeps only that an erasure happened: when, a keyed hash
of the address (so a data protection officer asked "did you erase lea@…?" can check,
while nobody can read addresses off the table) and how many rows of each kind went.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    # 256 bits: the token alone authorises cancelling an erasure.
    return secrets.token_urlsafe(32)


class DataLink(models.Model):
    """One "my data" link sent by e-mail: good once, for a few minutes.

    The mail carries this row's id, signed (services.data_link_token); the row says
    whether it was used and until when it is good. Whether anything is stored for the
    address is looked at only when the link is used, so asking looks the same for all.
    """

    email = models.EmailField(_("e-mail"), max_length=254)
    created_at = models.DateTimeField(_("created"))
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("data link")
        verbose_name_plural = _("data links")
        indexes = [models.Index(fields=["expires_at"], name="data_link_expiry")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M}"


class ErasureRequest(models.Model):
    """An erasure waiting for its grace period to end (then erasure.carry_out runs).

    For an address (email) or an account (user); deleted when cancelled or carried out.
    """

    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    cancel_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    requested_at = models.DateTimeField(_("requested"))
    due_at = models.DateTimeField(_("carried out after"))

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        indexes = [models.Index(fields=["due_at"], name="erasure_due")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(email="") | models.Q(user__isnull=False),
                name="erasure_names_someone",
            )
        ]

    def __str__(self) -> str:
        return f"{self.requested_at:%Y-%m-%d %H:%M} → {self.due_at:%Y-%m-%d %H:%M}"


class ErasureLog(models.Model):
    """That an erasure happened: never what was erased."""

    class Subject(models.TextChoices):
        EMAIL = "email", _("E-mail address")
        ACCOUNT = "account", _("Account")

    erased_at = models.DateTimeField(_("erased"))
    requested_at = models.DateTimeField(_("requested"))
    subject = models.CharField(_("for"), max_length=8, choices=Subject)
    # keyed_hash(address, purpose="erasure"): comparable, not readable.
    email_hash = models.CharField(_("keyed hash of the address"), max_length=64, blank=True)
    counts = models.JSONField(_("rows erased"), default=dict)

    class Meta:
        ordering = ["-erased_at", "-id"]
        verbose_name = _("erasure")
        verbose_name_plural = _("erasure log")

    def __str__(self) -> str:
        return f"{self.erased_at:%Y-%m-%d %H:%M} ({self.get_subject_display()})"
