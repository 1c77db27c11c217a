"""EMAIL_URL → MAILERS: one URL configures where mail goes."""

from pathlib import Path

import pytest

from broadsheet.notifications.mail_settings import email_settings


def mailer(url: str, data_dir="/srv/broadsheet") -> dict:
    return email_settings(url, Path(data_dir))["MAILERS"]["default"]


def test_without_email_url_mail_is_written_to_files_in_the_data_folder():
    assert mailer("") == {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": "/srv/broadsheet/mail"},
    }


def test_a_plain_smtp_url_with_credentials():
    config = mailer("smtp://news%40example.org:s3cr%3At@mail.example.org")

    assert config["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert config["OPTIONS"] == {
        "host": "mail.example.org",
        "port": 25,
        "username": "news@example.org",
        "password": "s3cr:t",
        "use_tls": False,
        "use_ssl": False,
        "timeout": 20,
    }


@pytest.mark.parametrize(
    ("url", "port", "tls", "ssl"),
    [
        ("smtp+tls://u:p@mail.example.org", 587, True, False),
        ("smtp://u:p@mail.example.org:587?tls", 587, True, False),
        ("smtp://u:p@mail.example.org:2525?tls=1&timeout=5", 2525, True, False),
        ("smtps://u:p@mail.example.org", 465, False, True),
        ("smtp://mail.example.org?ssl=yes", 465, False, True),
        ("smtp://mail.example.org?tls=0", 25, False, False),
    ],
)
def test_tls_and_ssl_options(url, port, tls, ssl):
    options = mailer(url)["OPTIONS"]

    assert (options["port"], options["use_tls"], options["use_ssl"]) == (port, tls, ssl)


def test_a_file_url_and_the_console():
    assert mailer("file:///var/mail/broadsheet")["OPTIONS"] == {"file_path": "/var/mail/broadsheet"}
    assert mailer("console://")["BACKEND"].endswith("console.EmailBackend")


def test_the_sender_comes_from_the_url_the_argument_or_the_site():
    assert (
        email_settings("smtp://h?from=Zeitung%20<news@zeitung.example>", "/d")["DEFAULT_FROM_EMAIL"]
        == "Zeitung <news@zeitung.example>"
    )
    assert email_settings("", "/d", from_email="a@b.example")["SERVER_EMAIL"] == "a@b.example"
    assert (
        email_settings("", "/d", site_url="https://zeitung.example")["DEFAULT_FROM_EMAIL"]
        == "noreply@zeitung.example"
    )


@pytest.mark.parametrize("url", ["smtpx://host", "smtp://", "smtp://host:port", "http://host"])
def test_a_url_it_does_not_understand_stops_the_start(url):
    with pytest.raises(ValueError, match="EMAIL_URL"):
        email_settings(url, "/d")
