"""Keyed hashes: how Broadsheet remembers an IP address without storing it."""

import hashlib
import hmac
import ipaddress

from django.conf import settings


def keyed_hash(value: str, *, purpose: str) -> str:
    """HMAC-SHA256 of value under a key derived from SECRET_KEY and the purpose.

    Without the secret key the hash cannot be reversed by trying all 2^32 IPv4
    addresses, which a plain hash could.
    """
    key = hashlib.sha256(f"broadsheet:{purpose}:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:32]


def client_ip(request) -> str:
    # Only trust X-Forwarded-For when told we are behind a proxy; otherwise a reader
    # could choose their own rate-limit bucket.
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def ip_hash(ip: str) -> str:
    return keyed_hash(ip, purpose="ip") if ip else ""


def network_of(ip: str) -> str:
    """The address, or its /64 for IPv6: one household or phone gets a whole /64, and
    can pick any address in it, so a per-address bucket would not limit anyone."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)
