"""Broadsheet settings: one file, driven by environment variables.

No DATABASE_URL means SQLite in the data folder; no SECRET_KEY means one is generated
once into the data folder. There is deliberately no dev/prod split.
"""

import contextlib
import os
import re
import secrets
import sys
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    # A typo ("ture") must not quietly mean False.
    raise ValueError(f"{name} must be one of 1/0, true/false, yes/no, on/off, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name, "")
    return float(value) if value.strip() else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("BROADSHEET_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    if key := env_str("SECRET_KEY"):
        return key
    # Generated once and kept beside the database, so sessions and signed cookies
    # survive restarts without a secret ever living in the repository.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
# IP addresses are hashed with a key of their own that changes every month (see
# core/hashing.py). Set BROADSHEET_IP_HASH_KEY on several nodes (each would otherwise
# make its own file), or to keep the key out of the data folder; otherwise the file
# below is made on first use, 0600 like the secret key file.
BROADSHEET_IP_HASH_KEY = env_str("BROADSHEET_IP_HASH_KEY")
BROADSHEET_IP_HASH_KEY_FILE = DATA_DIR / "ip-hash.key"
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL").rstrip("/")

INSTALLED_APPS = [
    "broadsheet.core",
    "broadsheet.accounts",
    "broadsheet.publishing",
    "broadsheet.discussion",
    "broadsheet.moderation",
    "broadsheet.notifications",
    "broadsheet.importers",
    "broadsheet.privacy",
    "broadsheet.errata",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks_db",
]

MIDDLEWARE = [
    # Forwarded headers count only from trusted proxies: dropped before anything reads them.
    "broadsheet.core.middleware.TrustedProxyMiddleware",
    # Health probes answer whatever the Host header says: first, before any host check.
    "broadsheet.core.middleware.ProbeMiddleware",
    "broadsheet.core.middleware.RequestLineMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages' cache headers and 304s; before sessions, so it sees every cookie set.
    "broadsheet.core.http_cache.HttpCacheMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "broadsheet.core.middleware.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "broadsheet.importers.middleware.LegacyRedirectMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "broadsheet.urls"
WSGI_APPLICATION = "broadsheet.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "broadsheet.core.context_processors.publication",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # An unreachable server fails the request (and /readyz) in seconds, not minutes.
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
            "connect_timeout", env_int("BROADSHEET_DB_CONNECT_TIMEOUT", 5)
        )
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "broadsheet.sqlite3",
            # Keep connections: opening one (and running the PRAGMAs below) costs more
            # than a whole cached page.
            "CONN_MAX_AGE": None,
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so two writers queue on the
                # busy timeout instead of failing with "database is locked" mid-transaction.
                "transaction_mode": "IMMEDIATE",
                # A writer waits this long for the lock, then fails ("database is
                # locked"), which readers are told about with their text kept. Writes
                # here take milliseconds; every second more a writer waits holds one
                # of the server's few threads, and readers queue behind them.
                "timeout": env_int("BROADSHEET_SQLITE_BUSY_TIMEOUT", 5),
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA mmap_size=134217728;"
                    "PRAGMA cache_size=-16000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
# "fragments" holds rendered comments and thread pages: many small entries, kept apart
# so they can never push the site-wide entries (navigation, promo blocks) out.
if REDIS_URL:
    # Redis is an accelerator, never a dependency (core/cache.py): every call is bounded
    # by BROADSHEET_REDIS_TIMEOUT, a failure is a miss, and after one the process leaves
    # Redis alone for BROADSHEET_REDIS_RETRY_SECONDS.
    _redis_options = {
        "SOCKET_TIMEOUT": env_float("BROADSHEET_REDIS_TIMEOUT", 0.25),
        "RETRY_SECONDS": env_float("BROADSHEET_REDIS_RETRY_SECONDS", 5),
    }
    _prefix = env_str("CACHE_KEY_PREFIX", "broadsheet")
    CACHES = {
        "default": {
            "BACKEND": "broadsheet.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": _prefix,
            "OPTIONS": _redis_options,
        },
        # Fragment keys derive from database versions, so an entry never changes under
        # its key: a small in-process copy saves fetching a big thread page from Redis
        # on every view.
        "fragments": {
            "BACKEND": "broadsheet.core.cache.TieredRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": _prefix + ":fr",
            "OPTIONS": {
                **_redis_options,
                "LOCAL_MAX_BYTES": env_int("BROADSHEET_LOCAL_CACHE_MB", 32) * 1024 * 1024,
                "LOCAL_MAX_ENTRIES": env_int("BROADSHEET_FRAGMENT_CACHE_ENTRIES", 3000),
                "LOCAL_MAX_SECONDS": env_int("BROADSHEET_LOCAL_CACHE_SECONDS", 60),
            },
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "default",
        },
        "fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "fragments",
            "OPTIONS": {"MAX_ENTRIES": env_int("BROADSHEET_FRAGMENT_CACHE_ENTRIES", 3000)},
        },
    }

# --- Tasks ----------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- E-mail ---------------------------------------------------------------------------
# EMAIL_URL=smtp://user:pass@host:587 (see README); unset: mail is written to files in
# the data folder, so the demo shows what would be sent.
from broadsheet.notifications.mail_settings import email_settings  # noqa: E402

globals().update(
    email_settings(
        env_str("EMAIL_URL"), DATA_DIR, from_email=env_str("EMAIL_FROM"), site_url=SITE_URL
    )
)

# --- Internationalisation --------------------------------------------------------------
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LANGUAGE_CODE = env_str("BROADSHEET_LANGUAGE", "de")
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ValueError("BROADSHEET_LANGUAGE must be 'de' or 'en'")
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["broadsheet.formats"]  # the time of day on articles
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "Europe/Berlin")

# --- Static and media -----------------------------------------------------------------
# Static files belong to the installed release, not to a node's data: `make install`
# and `broadsheet setup` collect them into the environment Broadsheet runs from (the
# venv, or the image it was built into), so every node built from a release has them
# before it starts. Uploaded media are shared state: on several nodes point
# BROADSHEET_MEDIA_ROOT at one shared folder.
STATIC_URL = "/static/"
STATIC_ROOT = Path(
    env_str("BROADSHEET_STATIC_ROOT") or Path(sys.prefix) / "share" / "broadsheet" / "static"
).resolve()
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("BROADSHEET_MEDIA_ROOT") or DATA_DIR / "media").resolve()
for _folder in (STATIC_ROOT, MEDIA_ROOT):
    # A read-only install (static collected at build time) must still start.
    with contextlib.suppress(OSError):
        _folder.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 3600
# Who may embed uploaded images (Cross-Origin-Resource-Policy on /media/): same-site
# lets www. and a cdn. subdomain share them; cross-origin is needed when a CDN on a
# foreign domain serves them, or for web feed readers that show our images.
BROADSHEET_MEDIA_RESOURCE_POLICY = env_str("BROADSHEET_MEDIA_RESOURCE_POLICY", "same-site")
if BROADSHEET_MEDIA_RESOURCE_POLICY not in {"same-origin", "same-site", "cross-origin"}:
    raise ValueError(
        "BROADSHEET_MEDIA_RESOURCE_POLICY must be same-origin, same-site or cross-origin"
    )
# Editors upload images only; the admin form re-encodes them and rejects the rest.
BROADSHEET_MAX_IMAGE_BYTES = env_int("BROADSHEET_MAX_IMAGE_BYTES", 10 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# --- Security -------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", SECURE_SSL_REDIRECT)


def hsts_settings(
    seconds: str, *, ssl_redirect: bool, include_subdomains: bool = False, preload: bool = False
) -> dict:
    """HSTS on (a year) wherever HTTP is redirected to HTTPS anyway; "0" switches it off."""
    seconds = seconds.strip()
    if seconds and not seconds.isdigit():
        raise ValueError(
            f"BROADSHEET_HSTS_SECONDS must be a whole number of seconds, not {seconds!r}"
        )
    value = int(seconds) if seconds else (365 * 24 * 3600 if ssl_redirect else 0)
    return {
        "SECURE_HSTS_SECONDS": value,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": include_subdomains and value > 0,
        "SECURE_HSTS_PRELOAD": preload and value > 0,
    }


globals().update(
    hsts_settings(
        env_str("BROADSHEET_HSTS_SECONDS"),
        ssl_redirect=SECURE_SSL_REDIRECT,
        include_subdomains=env_bool("BROADSHEET_HSTS_INCLUDE_SUBDOMAINS"),
        preload=env_bool("BROADSHEET_HSTS_PRELOAD"),
    )
)

# Proxies whose X-Forwarded-For / X-Forwarded-Proto we believe (core/hashing.py):
# addresses or networks, IPv4 or IPv6, comma-separated; empty trusts nobody. HOPS is how
# many of them stand in front of us (nginx alone: 1; a CDN and nginx: 2). Checked at
# start-up (core/security.py): a bad entry stops `serve` with a message.
BEHIND_PROXY = env_bool("BEHIND_PROXY")  # deprecated: 127.0.0.1 and ::1, one hop
BROADSHEET_TRUSTED_PROXIES = env_list("BROADSHEET_TRUSTED_PROXIES")
BROADSHEET_TRUSTED_PROXY_HOPS = env_str("BROADSHEET_TRUSTED_PROXY_HOPS", "1").strip() or "1"
if BROADSHEET_TRUSTED_PROXY_HOPS.isdigit():
    BROADSHEET_TRUSTED_PROXY_HOPS = int(BROADSHEET_TRUSTED_PROXY_HOPS)
if BEHIND_PROXY and "BROADSHEET_TRUSTED_PROXIES" not in os.environ:
    BROADSHEET_TRUSTED_PROXIES, BROADSHEET_TRUSTED_PROXY_HOPS = ["127.0.0.1", "::1"], 1
if BROADSHEET_TRUSTED_PROXIES:
    # Safe only because TrustedProxyMiddleware drops the header from everyone else.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# --- Publication ----------------------------------------------------------------------
BROADSHEET_PAGE_SIZE = env_int("BROADSHEET_PAGE_SIZE", 12)

# --- HTTP caching and purges (core/http_cache.py, core/purge.py, deploy/nginx) ---------
# Public pages for readers without cookies: browsers keep them MAX_AGE seconds (0: they
# revalidate each time, cheaply, with the version ETag), shared caches (nginx, a CDN)
# S_MAXAGE, and serve a stale copy for STALE_WHILE_REVALIDATE more while they refetch.
BROADSHEET_HTTP_MAX_AGE = env_int("BROADSHEET_HTTP_MAX_AGE", 0)
BROADSHEET_HTTP_S_MAXAGE = env_int("BROADSHEET_HTTP_S_MAXAGE", 600)
BROADSHEET_HTTP_STALE_WHILE_REVALIDATE = env_int("BROADSHEET_HTTP_STALE_WHILE_REVALIDATE", 30)
# Where the worker sends purges when a write changes a page (each one optional):
# a plain HTTP proxy (nginx with cache-purge, Varnish): PURGE <path> to this base URL,
# with the site's Host, the token in X-Purge-Token and the keys in Surrogate-Key;
BROADSHEET_PURGE_URL = env_str("BROADSHEET_PURGE_URL").rstrip("/")
BROADSHEET_PURGE_TOKEN = env_str("BROADSHEET_PURGE_TOKEN")
BROADSHEET_PURGE_HOST = env_str("BROADSHEET_PURGE_HOST")  # default: SITE_URL's host
# Cloudflare (purge by Cache-Tag) and Fastly (purge by Surrogate-Key).
BROADSHEET_CLOUDFLARE_ZONE_ID = env_str("BROADSHEET_CLOUDFLARE_ZONE_ID")
BROADSHEET_CLOUDFLARE_API_TOKEN = env_str("BROADSHEET_CLOUDFLARE_API_TOKEN")
BROADSHEET_CLOUDFLARE_API_URL = env_str(
    "BROADSHEET_CLOUDFLARE_API_URL", "https://api.cloudflare.com/client/v4"
).rstrip("/")
BROADSHEET_FASTLY_SERVICE_ID = env_str("BROADSHEET_FASTLY_SERVICE_ID")
BROADSHEET_FASTLY_API_TOKEN = env_str("BROADSHEET_FASTLY_API_TOKEN")
BROADSHEET_FASTLY_API_URL = env_str("BROADSHEET_FASTLY_API_URL", "https://api.fastly.com").rstrip(
    "/"
)
BROADSHEET_PURGE_TIMEOUT = env_float("BROADSHEET_PURGE_TIMEOUT", 5.0)
# Behind deploy/nginx: /media/ answers with X-Accel-Redirect to this internal prefix
# (after the draft check), and nginx sends the file from disk. Empty: Django sends it.
BROADSHEET_MEDIA_ACCEL_REDIRECT = env_str("BROADSHEET_MEDIA_ACCEL_REDIRECT")
# --- end of HTTP caching -------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}

# --- Discussion -----------------------------------------------------------------------
# Which trust levels (moderation/trust.py) are held: first-time (new and restricted
# people), all, none, or per level, e.g. "new=hold,known=publish,trusted=publish,
# restricted=hold" (moderation/policy.py). Trusted after this many approved comments.
BROADSHEET_MODERATION = env_str("BROADSHEET_MODERATION", "first-time").strip().lower()
BROADSHEET_TRUSTED_AFTER = env_int("BROADSHEET_TRUSTED_AFTER", 5)
# Automatic pre-moderation of an article (moderation/surge.py): more than this many
# comments in a minute (0: never), or more than BROADSHEET_SURGE_FACTOR times its usual
# rate (its average over the last 24 hours, at least one a minute).
BROADSHEET_SURGE_PER_MINUTE = env_int("BROADSHEET_SURGE_PER_MINUTE", 10)
BROADSHEET_SURGE_FACTOR = env_float("BROADSHEET_SURGE_FACTOR", 5.0)
# Reports on an article's comments in one minute that put it under pre-moderation too.
BROADSHEET_SURGE_REPORTS_PER_MINUTE = env_int("BROADSHEET_SURGE_REPORTS_PER_MINUTE", 5)
# Reports by this many different readers take a comment off the site until a moderator
# decides; where authors of removed comments can appeal (an e-mail address or a URL,
# named in every statement of reasons; empty: the mail names judicial redress only).
BROADSHEET_REPORTS_TO_HOLD = env_int("BROADSHEET_REPORTS_TO_HOLD", 3)
# The local spam and abuse model (moderation/classifier): a comment whose probability
# passes a threshold gets the model's verdict. Chosen on the seed set's held-out part
# (make bench-model): spam 0.7 and abuse 0.6 kept precision at 0.96 and 1.0.
BROADSHEET_MODEL_SPAM_THRESHOLD = env_float("BROADSHEET_MODEL_SPAM_THRESHOLD", 0.7)
BROADSHEET_MODEL_ABUSE_THRESHOLD = env_float("BROADSHEET_MODEL_ABUSE_THRESHOLD", 0.6)
BROADSHEET_APPEALS = env_str("BROADSHEET_APPEALS")
BROADSHEET_COMMENT_MAX_DEPTH = env_int("BROADSHEET_COMMENT_MAX_DEPTH", 5)
# Conversations on a page of a thread. With three replies each that keeps the first
# page of a 10,000-comment thread near 125 KB of HTML (test_long_threads).
BROADSHEET_COMMENTS_PER_PAGE = env_int("BROADSHEET_COMMENTS_PER_PAGE", 15)
# Replies shown under each conversation on a thread page; the rest behind "N more
# replies" (loaded in place, or a plain link without JS). 0: every reply.
BROADSHEET_REPLIES_SHOWN = env_int("BROADSHEET_REPLIES_SHOWN", 3)
if BROADSHEET_REPLIES_SHOWN < 0:
    raise ValueError("BROADSHEET_REPLIES_SHOWN must be 0 (every reply) or a number of replies")
BROADSHEET_COMMENT_SORT = env_str("BROADSHEET_COMMENT_SORT", "oldest")
# How often an open article asks whether comments were approved meanwhile, in seconds
# ("3 new comments — show", discussion/live.py); 0: never.
BROADSHEET_LIVE_POLL_SECONDS = env_int("BROADSHEET_LIVE_POLL_SECONDS", 20)
if BROADSHEET_LIVE_POLL_SECONDS < 0:
    raise ValueError("BROADSHEET_LIVE_POLL_SECONDS must be 0 (off) or a number of seconds")
_LEVEL_RULE = r"(new|known|trusted|restricted)=(hold|publish)"
if BROADSHEET_MODERATION not in {"first-time", "all", "none"} and not re.fullmatch(
    rf"{_LEVEL_RULE}(,{_LEVEL_RULE})*", BROADSHEET_MODERATION.replace(" ", "")
):
    raise ValueError(
        "BROADSHEET_MODERATION must be first-time, all, none or a list like "
        "new=hold,known=publish,trusted=publish,restricted=hold"
    )
if BROADSHEET_COMMENT_SORT not in {"oldest", "newest", "voted"}:
    raise ValueError("BROADSHEET_COMMENT_SORT must be oldest, newest or voted")
BROADSHEET_COMMENT_EDIT_MINUTES = env_int("BROADSHEET_COMMENT_EDIT_MINUTES", 15)
BROADSHEET_COMMENT_MAX_LENGTH = env_int("BROADSHEET_COMMENT_MAX_LENGTH", 5000)
BROADSHEET_COMMENT_MAX_LINKS = env_int("BROADSHEET_COMMENT_MAX_LINKS", 2)
BROADSHEET_COMMENT_MIN_SECONDS = env_int("BROADSHEET_COMMENT_MIN_SECONDS", 3)
# How long a comment form's signed timestamp is good for. Long enough for a reader who
# opens an article in the morning and replies after lunch; a form older than this is
# not lost, it comes back with the text and a fresh timestamp. A collected timestamp
# cannot be replayed for days.
BROADSHEET_COMMENT_FORM_MAX_AGE = env_int("BROADSHEET_COMMENT_FORM_MAX_AGE", 6 * 3600)
# Votes and ratings: a guest identity must be this old (discussion/identity.py), and a
# page's signed form token is accepted for at most this long.
BROADSHEET_VOTE_MIN_SECONDS = env_int("BROADSHEET_VOTE_MIN_SECONDS", 2)
BROADSHEET_VOTE_TOKEN_MAX_AGE = env_int("BROADSHEET_VOTE_TOKEN_MAX_AGE", 24 * 3600)
# Off only for load tests (make bench): a single load generator looks like a flood.
BROADSHEET_RATE_LIMITS = env_bool("BROADSHEET_RATE_LIMITS", True)

# --- Replies by e-mail (notifications/mail_in.py, `broadsheet mail-in`) ---------------
# The domain of reply addresses (reply+<signed token>@<domain>); unset: notifications
# carry no Reply-To and answering them reaches EMAIL_FROM as before.
BROADSHEET_MAIL_IN_DOMAIN = env_str("BROADSHEET_MAIL_IN_DOMAIN").strip().lower()
# How long a reply address in a notification stays good, in days.
BROADSHEET_MAIL_IN_REPLY_DAYS = env_int("BROADSHEET_MAIL_IN_REPLY_DAYS", 30)
# Where `broadsheet mail-in` listens (for the mail server that forwards to it), and how.
BROADSHEET_MAIL_IN_HOST = env_str("BROADSHEET_MAIL_IN_HOST", "127.0.0.1")
BROADSHEET_MAIL_IN_PORT = env_int("BROADSHEET_MAIL_IN_PORT", 2525)
BROADSHEET_MAIL_IN_PROTOCOL = env_str("BROADSHEET_MAIL_IN_PROTOCOL", "smtp").lower()
if BROADSHEET_MAIL_IN_PROTOCOL not in {"smtp", "lmtp"}:
    raise ValueError("BROADSHEET_MAIL_IN_PROTOCOL must be smtp or lmtp")
# The largest message accepted, in bytes (a reply is text; 256 KB leaves room for an
# HTML copy and a quoted original).
BROADSHEET_MAIL_IN_MAX_BYTES = env_int("BROADSHEET_MAIL_IN_MAX_BYTES", 256 * 1024)
# --- end of replies by e-mail ---------------------------------------------------------

# --- Reader accounts (accounts/services.py) -------------------------------------------
# How long a sign-in link from the e-mail stays good, in minutes (once only, either way).
BROADSHEET_LOGIN_LINK_MINUTES = env_int("BROADSHEET_LOGIN_LINK_MINUTES", 15)
if BROADSHEET_LOGIN_LINK_MINUTES < 1:
    raise ValueError("BROADSHEET_LOGIN_LINK_MINUTES must be a number of minutes, at least 1")
# The longest "about me" text on a reader's profile, in characters.
BROADSHEET_BIO_MAX_LENGTH = env_int("BROADSHEET_BIO_MAX_LENGTH", 300)
# --- end of reader accounts -----------------------------------------------------------

# --- Privacy self-service (privacy/) ---------------------------------------------------
# Hours between asking for an erasure and the worker carrying it out (cancel meanwhile).
BROADSHEET_ERASURE_GRACE_HOURS = env_int("BROADSHEET_ERASURE_GRACE_HOURS", 24)
# What an erasure does with comments: "tombstone" keeps a "deleted" placeholder where
# others replied (and removes the rest), "remove" takes every comment off the thread.
BROADSHEET_ERASURE_COMMENTS = env_str("BROADSHEET_ERASURE_COMMENTS", "tombstone").lower()
if BROADSHEET_ERASURE_COMMENTS not in {"tombstone", "remove"}:
    raise ValueError("BROADSHEET_ERASURE_COMMENTS must be tombstone or remove")
# Keyed IP hashes and voter identities older than this many days are dropped.
BROADSHEET_RETENTION_DAYS = env_int("BROADSHEET_RETENTION_DAYS", 90)
# How long a "my data" link from the e-mail stays good, in minutes (once only).
BROADSHEET_DATA_LINK_MINUTES = env_int("BROADSHEET_DATA_LINK_MINUTES", 30)
for _name in ("BROADSHEET_ERASURE_GRACE_HOURS", "BROADSHEET_RETENTION_DAYS",
              "BROADSHEET_DATA_LINK_MINUTES"):  # fmt: skip
    if globals()[_name] < 1:
        raise ValueError(f"{_name} must be a whole number of at least 1")
# --- end of privacy self-service ---------------------------------------------------------
