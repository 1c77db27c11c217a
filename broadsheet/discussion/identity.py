"""Who is reading: account, voter cookie, own comments, remembered guest details.

Guests are recognised by signed cookies, never by IP alone: a random voter token
(long-lived), the ids of comments they wrote (for editing and "awaiting moderation"),
and, only when they ask for it, their name, e-mail and website.

The voter cookie also carries the time it was issued. Article pages set no cookie
(so they can be cached at the edge), which means every first vote arrives without
one; a script that simply never keeps cookies would be a new voter on every request.
So a guest's vote counts only once their identity is a few seconds old: the cookie's
issue time, or the signed form token of the page they voted from (see
discussion/forms.py), proves it. And issuing new identities is rate-limited per
network (services.NEW_VOTER_LIMITS).
"""

import secrets
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing

from broadsheet.core.hashing import client_ip, ip_hash, keyed_hash, network_of
from broadsheet.core.numbers import is_whole_number

VOTER_COOKIE = "bs_voter"
OWN_COOKIE = "bs_own"
REMEMBER_COOKIE = "bs_remember"
VOTER_MAX_AGE = 2 * 365 * 24 * 3600
OWN_MAX_AGE = 30 * 24 * 3600
REMEMBER_MAX_AGE = 365 * 24 * 3600
OWN_LIMIT = 50


@dataclass
class Viewer:
    user: object | None
    voter_token: str
    ip_hash: str
    own_comment_ids: list[int] = field(default_factory=list)
    remembered: dict = field(default_factory=dict)
    new_voter: bool = False
    cookies_changed: bool = False
    # The keyed hash of the reader's network: the IPv4 address, or the IPv6 /64.
    network_hash: str = ""
    # When the voter cookie was issued (Unix time; 0 for a cookie from before it said).
    voter_issued_at: float = 0.0
    # When the page the reader acted from was served (its signed form token), if sent.
    page_issued_at: float | None = None

    @property
    def user_id(self):
        return self.user.pk if self.user else None

    @property
    def voter_key(self) -> str:
        """The stable key under which this reader's votes and ratings are stored."""
        if self.user:
            return keyed_hash(f"user:{self.user.pk}", purpose="voter")
        return keyed_hash(f"guest:{self.voter_token}", purpose="voter")

    def identity_age(self, *, now: float | None = None) -> float:
        """How long this reader has demonstrably existed, in seconds.

        A script that sends one request without cookies has existed for no time at
        all; a reader has either a voter cookie from earlier or a page they loaded.
        """
        now = time.time() if now is None else now
        issued = [self.voter_issued_at]
        if self.page_issued_at is not None:
            issued.append(self.page_issued_at)
        return now - min(issued)

    @property
    def is_staff(self) -> bool:
        return bool(self.user and self.user.is_staff)

    def owns(self, comment) -> bool:
        if self.user and comment.user_id == self.user.pk:
            return True
        return comment.pk in self.own_comment_ids or (
            bool(comment.author_key) and comment.author_key == self.voter_key
        )

    def remember_comment(self, comment_id: int) -> None:
        self.own_comment_ids = [*self.own_comment_ids, comment_id][-OWN_LIMIT:]
        self.cookies_changed = True


def _signed(request, name: str, *, salt: str, max_age: int, default):
    try:
        return request.get_signed_cookie(name, salt=salt, max_age=max_age)
    except (KeyError, signing.BadSignature):
        return default


def _voter_cookie(value: str) -> tuple[str, float]:
    """ "token.issued" → (token, issued); a cookie from before the issue time: (token, 0)."""
    token, _, issued = value.rpartition(".")
    if not token:
        return value, 0.0
    try:
        return token, float(int(issued))
    except ValueError:
        return value, 0.0


def viewer_from_request(request) -> Viewer:
    cached = getattr(request, "_broadsheet_viewer", None)
    if cached is not None:
        return cached
    user = request.user if request.user.is_authenticated else None
    cookie = _signed(request, VOTER_COOKIE, salt="voter", max_age=VOTER_MAX_AGE, default="")
    token, issued_at = _voter_cookie(cookie) if cookie else ("", time.time())
    new_voter = not token
    own_raw = _signed(request, OWN_COOKIE, salt="own", max_age=OWN_MAX_AGE, default="")
    own_ids = [int(part) for part in own_raw.split(".") if is_whole_number(part)][-OWN_LIMIT:]
    try:
        remembered = signing.loads(
            request.COOKIES.get(REMEMBER_COOKIE, ""), salt="remember", max_age=REMEMBER_MAX_AGE
        )
    except signing.BadSignature:
        remembered = {}
    ip = client_ip(request)
    viewer = Viewer(
        user=user,
        # token_urlsafe never contains a ".", which separates the issue time.
        voter_token=token or secrets.token_urlsafe(24),
        ip_hash=ip_hash(ip),
        network_hash=ip_hash(network_of(ip)),
        voter_issued_at=issued_at,
        own_comment_ids=own_ids,
        remembered=remembered if isinstance(remembered, dict) else {},
        new_voter=new_voter,
    )
    request._broadsheet_viewer = viewer
    return viewer


def _cookie_options() -> dict:
    return {
        "httponly": True,
        "samesite": "Lax",
        "secure": settings.SESSION_COOKIE_SECURE,
    }


def store_viewer(response, viewer: Viewer) -> None:
    """Write the cookies a reader needs to be recognised next time."""
    if viewer.new_voter:
        response.set_signed_cookie(
            VOTER_COOKIE,
            f"{viewer.voter_token}.{int(viewer.voter_issued_at)}",
            salt="voter",
            max_age=VOTER_MAX_AGE,
            **_cookie_options(),
        )
    if viewer.cookies_changed:
        response.set_signed_cookie(
            OWN_COOKIE,
            ".".join(str(i) for i in viewer.own_comment_ids),
            salt="own",
            max_age=OWN_MAX_AGE,
            **_cookie_options(),
        )


def remember_guest(response, *, name: str, email: str, url: str) -> None:
    data = signing.dumps({"name": name, "email": email, "url": url}, salt="remember")
    response.set_cookie(REMEMBER_COOKIE, data, max_age=REMEMBER_MAX_AGE, **_cookie_options())


def forget_guest(response) -> None:
    response.delete_cookie(REMEMBER_COOKIE, samesite="Lax")
