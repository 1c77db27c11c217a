"""Log-in throttling: by account name and by network, with increasing delays.

Every attempt costs a password hash (hundreds of milliseconds by design), so a blocked
attempt is refused before the password is looked at. After a few free failures each
further one blocks the account name (and, at a higher count, the network it came
from) for twice as long as the last: 1 s, 2 s, 4 s … up to 15 minutes. 400 guesses in
a row, which once worked, now take days. The network limit is higher because a
newsroom or a university shares one address. A correct log-in clears the account's
count; a day without failures forgets a key.

Counts live in the database (LoginFailures), shared by every process and node; the
keys are keyed hashes, so the table holds neither account names nor IP addresses.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import ngettext

from broadsheet.core.hashing import client_ip, keyed_hash, network_of

from .models import LoginFailures

FREE_FAILURES = {"account": 5, "ip": 20}
FIRST_DELAY_SECONDS = 1
MAX_DELAY_SECONDS = 15 * 60
FORGET_AFTER = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Throttled(Exception):
    retry_after: int

    @property
    def message(self) -> str:
        if self.retry_after >= 90:
            minutes = round(self.retry_after / 60)
            return ngettext(
                "Too many failed log-ins. Please wait a minute and try again.",
                "Too many failed log-ins. Please wait %(count)d minutes and try again.",
                minutes,
            ) % {"count": minutes}
        return ngettext(
            "Too many failed log-ins. Please wait a second and try again.",
            "Too many failed log-ins. Please wait %(count)d seconds and try again.",
            self.retry_after,
        ) % {"count": self.retry_after}


def keys_for(username: str, request) -> dict[str, str]:
    keys = {"account": "account:" + keyed_hash(username.strip().lower(), purpose="login")}
    ip = client_ip(request) if request is not None else ""
    if ip:
        keys["ip"] = "ip:" + keyed_hash(network_of(ip), purpose="login")
    return keys


def check_login_allowed(keys: dict[str, str], *, now=None) -> None:
    """Raise Throttled while any key is blocked. One query, no writes."""
    now = now or timezone.now()
    blocked = LoginFailures.objects.filter(
        key__in=keys.values(), blocked_until__gt=now, last_failure_at__gt=now - FORGET_AFTER
    ).values_list("blocked_until", flat=True)
    if waits := [until for until in blocked]:
        raise Throttled(retry_after=max(1, int((max(waits) - now).total_seconds() + 0.999)))


def record_failure(keys: dict[str, str], *, now=None) -> None:
    """Count one failed log-in for each key, and block those past their free failures."""
    now = now or timezone.now()
    with transaction.atomic():
        for scope, key in keys.items():
            row, created = LoginFailures.objects.select_for_update().get_or_create(
                key=key, defaults={"failures": 1, "last_failure_at": now}
            )
            if not created:
                stale = row.last_failure_at <= now - FORGET_AFTER
                row.failures = 1 if stale else F("failures") + 1
                row.last_failure_at = now
                row.save(update_fields=["failures", "last_failure_at"])
                row.refresh_from_db(fields=["failures"])
            excess = row.failures - FREE_FAILURES[scope]
            if excess > 0:
                delay = min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** min(excess - 1, 20))
                row.blocked_until = now + datetime.timedelta(seconds=delay)
                row.save(update_fields=["blocked_until"])


def record_success(keys: dict[str, str]) -> None:
    """A correct password clears the account's count (not the network's)."""
    LoginFailures.objects.filter(key=keys["account"]).delete()
