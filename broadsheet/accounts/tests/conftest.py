"""Readers with accounts: sign-in links read from a real SMTP conversation."""

import re

import pytest

from broadsheet.accounts import services
from broadsheet.accounts.models import LoginLink, User
from broadsheet.core.testing import make_article
from broadsheet.notifications.tests.conftest import run_worker, smtp  # noqa: F401

ORIGIN = "http://testserver"


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    settings.BROADSHEET_COMMENT_MIN_SECONDS = 0
    settings.BROADSHEET_MODERATION = "none"


@pytest.fixture
def article(db):
    return make_article("Streit um die Stadtbahn", slug="stadtbahn")


@pytest.fixture
def worker():
    return run_worker


def ask_for_link(client, email: str, **extra):
    return client.post("/account/link/", {"email": email, **extra})


def newest_link_path(email: str) -> str:
    """The path in the sign-in mail to this address, built as the worker builds it."""
    link = LoginLink.objects.filter(email=email).latest("pk")
    return f"/account/link/{services.login_link_token(link)}/"


def link_path_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/account/link/[^/\s]+/)", message.text).group(1)


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None
