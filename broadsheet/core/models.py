"""Core tables: only what every process must share and no app owns."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RateCounter(models.Model):
    """One fixed window of one rate limit for one key (see core/ratelimit.py).

    Written only by ratelimit's single-statement upsert (count + 1, atomically), and
    pruned once its window has ended. The bucket names a keyed hash, never an address
    or an e-mail.
    """

    bucket = models.CharField(_("bucket"), max_length=120, primary_key=True)
    hits = models.PositiveIntegerField(_("hits"), default=0)
    expires = models.BigIntegerField(_("expires (Unix time)"), db_index=True)

    class Meta:
        verbose_name = _("rate counter")
        verbose_name_plural = _("rate counters")

    def __str__(self):
        return f"{self.bucket}: {self.hits}"
