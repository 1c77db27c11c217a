"""Cache versions that never run backwards, whatever happens to the database.

Cache keys carry versions stored in the database (Thread.version, SiteVersion). A plain
counter (0, 1, 2 …) repeats itself when the database is rebuilt, restored from a backup
or flushed while Redis keeps its entries, and when a bump is rolled back after someone
cached what it described: the same key then names different content, and readers get
the old page. So every version starts at the clock (microseconds) and each bump takes
the larger of "one more" and the clock: unique across rebuilds, and still exact and
atomic as an UPDATE … SET version = GREATEST(version + 1, now).
"""

import time

from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Greatest

BIG = models.PositiveBigIntegerField()


def clock_version() -> int:
    return time.time_ns() // 1000


def next_version(field: str) -> Greatest:
    """The expression for an UPDATE that moves field on (see the module docstring)."""
    return Greatest(F(field) + 1, Value(clock_version(), output_field=BIG), output_field=BIG)
