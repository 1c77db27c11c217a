from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A newsroom member or a registered reader."""

    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    # Plain text, shown escaped on the profile; at most BIO_MAX_LENGTH characters.
    bio = models.TextField(_("about me"), max_length=500, blank=True)
    # When the account last proved it reads its mailbox (it opened a sign-in link):
    # only then may it claim the comments written as a guest under that address.
    email_confirmed_at = models.DateTimeField(_("e-mail address confirmed"), null=True, blank=True)

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


class LoginLink(models.Model):
    """One sign-in link sent by e-mail: good once, for a few minutes.

    The mail carries this row's id, signed with SECRET_KEY (services.login_link_token);
    the row says whether it was used and until when it is good. Whether an account
    exists for the address is decided only when the link is used, so asking for a link
    looks the same for every address.
    """

    email = models.EmailField(_("e-mail"), max_length=254)
    next_url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"))
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in link")
        verbose_name_plural = _("sign-in links")
        indexes = [models.Index(fields=["expires_at"], name="login_link_expiry")]

    def __str__(self) -> str:
        return f"{self.email} ({self.created_at:%Y-%m-%d %H:%M})"
