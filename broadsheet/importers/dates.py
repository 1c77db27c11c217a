"""WordPress dates: "YYYY-MM-DD HH:MM:SS" in UTC (…_gmt) or in the site's time zone."""

import datetime
import zoneinfo

from django.conf import settings

ZERO_DATE = "0000-00-00 00:00:00"


def _parse(value: str) -> datetime.datetime | None:
    value = (value or "").strip()
    if not value or value.startswith("0000-00-00"):
        return None
    if len(value) != 19:
        return None
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        return None


def parse_wp_date(gmt: str, local: str = "", *, local_fallback: bool = True):
    """An aware datetime from the _gmt field; else from the local one in TIME_ZONE.

    Drafts carry "0000-00-00 00:00:00" as their GMT date (WordPress fills it in on
    publishing); callers decide with local_fallback whether the local date counts.
    """
    parsed = _parse(gmt)
    if parsed is not None:
        return parsed.replace(tzinfo=datetime.UTC)
    if not local_fallback:
        return None
    parsed = _parse(local)
    if parsed is None:
        return None
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return parsed.replace(tzinfo=zone)
