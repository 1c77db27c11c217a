"""Django's mail settings (MAILERS, new in Django 6.1) from one EMAIL_URL.

    smtp://user:pass@host:25          plain SMTP (add ?tls for STARTTLS, ?ssl for TLS)
    smtp+tls://user:pass@host:587     STARTTLS (the usual submission port)
    smtps://user:pass@host:465        implicit TLS
    file:///var/mail/broadsheet       one file per message in that folder
    console://                        print messages on the worker's standard output
    (empty)                           files in <DATA_DIR>/mail, so the demo shows what it sends

User and password are percent-decoded (write "@" as %40). Other query options:
timeout=<seconds> (default 20: a hanging server must not hold the worker) and
from=<address> (the sender; otherwise the from_email argument, e.g. from EMAIL_FROM).

The sender's display name is the publication's name unless EMAIL_FROM gives one. A
worker refuses to start with a sender address no real mail server accepts (see
`sender_problem`) unless mail goes to files, the console or memory.

Imported by settings.py before Django is configured: no Django imports at module level.
"""

import ipaddress
import re
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"
LOCMEM_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

DEFAULT_TIMEOUT = 20
# Good enough for mail written to files (the default); refused for SMTP.
DEFAULT_FROM = "noreply@localhost"
# Backends that hand mail to no mail server: any sender will do.
LOCAL_BACKENDS = {FILE_BACKEND, CONSOLE_BACKEND, LOCMEM_BACKEND}
# Domains that never receive mail (RFC 2606, RFC 6761, RFC 6762): a server checking
# the sender's domain refuses them, and replies and bounces go nowhere.
RESERVED_DOMAINS = {"localhost", "example.com", "example.net", "example.org"}
RESERVED_SUFFIXES = (".localhost", ".invalid", ".test", ".local", ".example", ".localdomain")
_LOCAL_PART = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_TRUE = {"", "1", "true", "yes", "on"}


def _flag(query: dict[str, list[str]], name: str) -> bool:
    # "?tls" alone means yes, as does tls=1/true/yes/on; tls=0 means no.
    return name in query and query[name][-1].strip().lower() in _TRUE


def email_settings(
    url: str, data_dir: Path | str, *, from_email: str = "", site_url: str = ""
) -> dict:
    """Return MAILERS (Django 6.1's mail configuration), DEFAULT_FROM_EMAIL, SERVER_EMAIL.

    Raises ValueError for a URL it does not understand, so a typo stops the start
    instead of silently dropping mail.
    """
    url = (url or "").strip()
    parts = urlsplit(url)
    query = parse_qs(parts.query, keep_blank_values=True)
    sender = (query.get("from") or [""])[-1] or from_email or _default_sender(site_url)
    return {
        "MAILERS": {"default": _mailer(url, parts, query, Path(data_dir))},
        "DEFAULT_FROM_EMAIL": sender,
        "SERVER_EMAIL": sender,
    }


def _mailer(url: str, parts, query: dict[str, list[str]], data_dir: Path) -> dict:
    scheme = parts.scheme.lower()
    if not url:
        return {"BACKEND": FILE_BACKEND, "OPTIONS": {"file_path": str(data_dir / "mail")}}
    if scheme == "file":
        path = unquote(parts.path) or str(data_dir / "mail")
        return {"BACKEND": FILE_BACKEND, "OPTIONS": {"file_path": path}}
    if scheme == "console":
        return {"BACKEND": CONSOLE_BACKEND}
    if scheme == "locmem":
        return {"BACKEND": LOCMEM_BACKEND}
    if scheme not in {"smtp", "smtp+tls", "smtp+ssl", "smtps"}:
        raise ValueError(f"EMAIL_URL: unknown scheme {parts.scheme!r}")
    if not parts.hostname:
        raise ValueError("EMAIL_URL: no host")
    use_ssl = scheme in {"smtps", "smtp+ssl"} or _flag(query, "ssl")
    use_tls = not use_ssl and (scheme == "smtp+tls" or _flag(query, "tls"))
    default_port = 465 if use_ssl else 587 if use_tls else 25
    try:
        timeout = int((query.get("timeout") or [DEFAULT_TIMEOUT])[-1])
        port = parts.port or default_port
    except ValueError:
        raise ValueError("EMAIL_URL: port and timeout must be numbers") from None
    return {
        "BACKEND": SMTP_BACKEND,
        "OPTIONS": {
            "host": parts.hostname,
            "port": port,
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_tls": use_tls,
            "use_ssl": use_ssl,
            "timeout": timeout,
        },
    }


def _default_sender(site_url: str) -> str:
    host = urlsplit(site_url).hostname if site_url else ""
    if host and host not in {"localhost", "127.0.0.1"} and "." in host:
        return f"noreply@{host}"
    return DEFAULT_FROM


def sender_problem(sender: str) -> str:
    """Why no real mail server would accept mail from this address; "" if it is fine.

    One line, for a start-up error: the address is taken apart as the email package
    does, then checked for plain syntax (ASCII local part, host name labels) and for
    domains that cannot receive mail (no dot, reserved names, IP literals).
    """
    name, address = parseaddr(sender or "")
    local, at, domain = address.rpartition("@")
    domain = domain.lower().rstrip(".")
    if not address or not at or not local or not domain:
        return f"the sender address {sender!r} is not an e-mail address"
    if (
        not _LOCAL_PART.match(local)
        or ".." in local
        or local.startswith(".")
        or local.endswith(".")
    ):
        return f"the sender address {address!r} has an invalid local part"
    if domain.startswith("[") or _is_ip_address(domain):
        return f"the sender domain {domain!r} is an IP address, which mail servers refuse"
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return f"the sender domain {domain!r} is not a valid host name"
    if not all(_LABEL.match(label) for label in ascii_domain.split(".")):
        return f"the sender domain {domain!r} is not a valid host name"
    reserved = (
        ascii_domain in RESERVED_DOMAINS
        or ascii_domain.endswith(RESERVED_SUFFIXES)
        or any(ascii_domain.endswith(f".{name}") for name in RESERVED_DOMAINS)
    )
    if reserved:
        return f"the sender domain {domain!r} is reserved and receives no mail"
    if "." not in ascii_domain:
        return f"the sender domain {domain!r} has no dot, so it is not a public domain"
    return ""


def _is_ip_address(domain: str) -> bool:
    try:
        ipaddress.ip_address(domain)
    except ValueError:
        return False
    return True


def configured_sender_problem() -> str:
    """The start-up check of `broadsheet worker` and `broadsheet serve`: "" if mail can go.

    Mail written to files (the default), the console or memory may have any sender;
    mail handed to a server needs one it accepts. Returns one line for the operator.
    """
    from django.conf import settings

    from . import conf

    backends = {mailer.get("BACKEND") for mailer in settings.MAILERS.values()}
    if backends <= LOCAL_BACKENDS or not conf.get("BROADSHEET_MAIL_SENDER_CHECK"):
        return ""
    problem = sender_problem(settings.DEFAULT_FROM_EMAIL)
    if not problem:
        return ""
    return (
        f"Cannot send e-mail: {problem}. Set EMAIL_FROM to an address of your own domain "
        '(e.g. EMAIL_FROM="Zeitung <leserpost@zeitung.de>"), or leave EMAIL_URL unset to '
        "write mail to files."
    )
