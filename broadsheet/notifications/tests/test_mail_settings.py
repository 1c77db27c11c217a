"""EMAIL_URL → MAILERS: one URL configures where mail goes."""

from pathlib import Path

import pytest

from broadsheet.notifications.mail_settings import (
    configured_sender_problem,
    email_settings,
    sender_problem,
)


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


@pytest.mark.parametrize(
    "sender",
    [
        "noreply@localhost", "Broadsheet <noreply@localhost>", "a@example.com",
        "a@news.example.org", "a@x.invalid", "a@x.test", "a@box.local", "a@intranet",
        "a@[127.0.0.1]", "a@127.0.0.1", "not an address", "a b@zeitung.de", "a@zeitung..de",
        "a@-zeitung.de", "", "@zeitung.de",
    ],
)  # fmt: skip
def test_a_sender_no_mail_server_accepts_is_named(sender):
    assert sender_problem(sender)


@pytest.mark.parametrize(
    "sender", ["leserpost@zeitung.de", "Tagblatt <post@tagblatt-zürich.ch>", "a.b+c@news.co.uk"]
)
def test_a_real_sender_passes(sender):
    assert sender_problem(sender) == ""


def test_the_default_sender_has_no_name_so_the_publication_gives_it_one():
    assert email_settings("", "/d")["DEFAULT_FROM_EMAIL"] == "noreply@localhost"


def test_only_mail_for_a_server_needs_a_real_sender(settings):
    settings.DEFAULT_FROM_EMAIL = "noreply@localhost"
    settings.MAILERS = email_settings("", "/d")["MAILERS"]
    assert configured_sender_problem() == ""
    settings.MAILERS = email_settings("smtp://mail.zeitung.de", "/d")["MAILERS"]
    assert "'localhost' is reserved" in configured_sender_problem()
    settings.DEFAULT_FROM_EMAIL = "Zeitung <leserpost@zeitung.de>"
    assert configured_sender_problem() == ""
