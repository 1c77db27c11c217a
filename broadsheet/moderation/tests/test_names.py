"""Guests cannot take the newsroom's names."""

import pytest

from broadsheet.accounts.models import User
from broadsheet.moderation.policy import is_reserved_name, name_skeleton

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    [
        "Redaktion",
        "redaktion",
        "REDAKTION",
        "R e d a k t i o n",
        "Rеdaktion",  # Cyrillic е
        "Rédaktion",
        "R3dakti0n",
        "Admin",
        "Аdmin",
        "Redaktion Süd",
        "Admin-Team",
        "Moderator",
        "Newsroom",
        "Moritz Moderator",
    ],  # fmt: skip
)
def test_names_that_pass_for_the_newsroom_are_reserved(name):
    assert is_reserved_name(name)


@pytest.mark.parametrize("name", ["Lea Leserin", "Moritz Lang", "Adminah", "Karl R.", "Ökopax"])
def test_ordinary_names_are_not(name, moderator):
    assert not is_reserved_name(name)


def test_a_staff_members_shown_name_is_reserved_but_not_their_login(db):
    User.objects.create_user("mmueller", is_staff=True, first_name="Martina", last_name="Müller")
    assert is_reserved_name("Martina Müller")
    assert is_reserved_name("MARTINA  MULLER")
    assert not is_reserved_name("mmueller")
    assert not is_reserved_name("Martina")


def test_the_publication_name_is_reserved():
    from broadsheet.publishing.models.site import site_chrome

    assert is_reserved_name(site_chrome()["publication"].name)


def test_skeletons_fold_what_looks_alike():
    assert name_skeleton("Ré-dak·tion") == name_skeleton("redaktion")
