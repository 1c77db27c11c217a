from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from .models import BlocklistEntry
from .policy import BLOCKLIST_CACHE_KEY


def _drop_blocklist(**kwargs):
    cache.delete(BLOCKLIST_CACHE_KEY)


post_save.connect(_drop_blocklist, sender=BlocklistEntry, dispatch_uid="blocklist-save")
post_delete.connect(_drop_blocklist, sender=BlocklistEntry, dispatch_uid="blocklist-delete")
