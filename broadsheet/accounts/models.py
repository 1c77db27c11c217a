from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A newsroom member or a registered reader."""

    display_name = models.CharField(_("display name"), max_length=100, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def get_display_name(self) -> str:
        return self.display_name or self.get_full_name() or self.username


class LoginFailures(models.Model):
    """Failed log-ins per account name and per network, for throttling (see throttle.py).

    In the database, so every web process and node counts the same attempts. The key
    is a keyed hash ("account:…", "ip:…"): neither names nor addresses are stored.
    """

    key = models.CharField(max_length=80, primary_key=True)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField()
    blocked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("failed log-ins")
        verbose_name_plural = _("failed log-ins")

    def __str__(self) -> str:
        return f"{self.key}: {self.failures}"
