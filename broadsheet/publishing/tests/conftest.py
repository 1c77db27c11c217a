"""Newsroom personas beyond the shared ones: a contributor and an author with a byline."""

import pytest

from broadsheet.accounts.models import User
from broadsheet.accounts.roles import AUTHOR, CONTRIBUTOR, grant_role
from broadsheet.core.testing import make_author


@pytest.fixture
def contributor(db):
    user = User.objects.create_user("carla", "carla@example.org", "freie-geheim")
    grant_role(user, CONTRIBUTOR)
    return user


@pytest.fixture
def author(db):
    user = User.objects.create_user("anton", "anton@example.org", "autor-geheim")
    grant_role(user, AUTHOR)
    user.byline = make_author("Anton Autor", user=user)
    return user
