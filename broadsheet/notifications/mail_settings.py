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

Imported by settings.py before Django is configured: no Django imports at module level.
"""

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"
LOCMEM_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

DEFAULT_TIMEOUT = 20
DEFAULT_FROM = "Broadsheet <noreply@localhost>"
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
