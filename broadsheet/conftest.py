"""Shared fixtures: a clean cache and media folder per test, and named personas."""

import pytest
from django.core.cache import caches

from broadsheet.accounts.models import User
from broadsheet.accounts.roles import EDITOR, MODERATOR, grant_role

pytest_plugins = ["broadsheet.core.browser"]


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    for alias in ("default", "fragments"):
        caches[alias].clear()
    yield
    for alias in ("default", "fragments"):
        caches[alias].clear()


@pytest.fixture
def editor(db):
    user = User.objects.create_user("erika", "erika@example.org", "redaktion-geheim")
    grant_role(user, EDITOR)
    return user


@pytest.fixture
def moderator(db):
    user = User.objects.create_user("moritz", "moritz@example.org", "moderation-geheim")
    grant_role(user, MODERATOR)
    return user


@pytest.fixture
def reader(db):
    return User.objects.create_user("lea", "lea@example.org", "leserin-geheim", display_name="Lea")


@pytest.fixture
def guest(client):
    """An anonymous reader with a fresh cookie jar."""
    return client


@pytest.fixture
def english(settings):
    settings.LANGUAGE_CODE = "en"
