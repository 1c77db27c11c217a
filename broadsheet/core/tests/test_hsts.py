"""HSTS comes on with the redirect to HTTPS (`check --deploy` W004 used to stay)."""

import subprocess

import pytest

from broadsheet.core import e2e
from broadsheet.settings import hsts_settings

YEAR = 365 * 24 * 3600


def test_a_year_of_hsts_when_http_is_redirected_to_https():
    assert hsts_settings("", ssl_redirect=True) == {
        "SECURE_HSTS_SECONDS": YEAR,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_HSTS_PRELOAD": False,
    }


def test_no_hsts_without_the_redirect_unless_asked_for():
    assert hsts_settings("", ssl_redirect=False)["SECURE_HSTS_SECONDS"] == 0
    assert hsts_settings("600", ssl_redirect=False)["SECURE_HSTS_SECONDS"] == 600


def test_hsts_can_be_switched_off_and_extended():
    assert hsts_settings("0", ssl_redirect=True, preload=True) == {
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_HSTS_PRELOAD": False,
    }
    extended = hsts_settings("63072000", ssl_redirect=True, include_subdomains=True, preload=True)
    assert extended == {
        "SECURE_HSTS_SECONDS": 63072000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
    }


@pytest.mark.parametrize("bad", ["-1", "ein Jahr", "1.5"])
def test_a_bad_value_is_named(bad):
    with pytest.raises(ValueError, match="BROADSHEET_HSTS_SECONDS must be a whole number"):
        hsts_settings(bad, ssl_redirect=True)


def check_deploy(tmp_path, **env) -> str:
    environment = e2e.server_environment(tmp_path, ALLOWED_HOSTS="news.example", **env)
    result = subprocess.run(  # noqa: S603 - our own command line
        e2e.broadsheet_command("check", "--deploy"),
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.stdout + result.stderr


def test_check_deploy_is_content_with_hsts_once_ssl_redirect_is_on(tmp_path):
    output = check_deploy(tmp_path, SECURE_SSL_REDIRECT="1")
    assert "security.W008" not in output  # the redirect is on, so this is the right run
    assert "security.W004" not in output
    switched_off = check_deploy(tmp_path, SECURE_SSL_REDIRECT="1", BROADSHEET_HSTS_SECONDS="0")
    assert "security.W004" in switched_off
