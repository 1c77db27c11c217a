"""Newsroom roles as Django groups, kept in step with the models after each migrate."""

from django.contrib.auth.models import Group, Permission

CONTRIBUTOR = "Contributor"  # writes and submits for review, cannot publish
AUTHOR = "Author"  # publishes what they wrote
EDITOR = "Editor"  # everything in publishing
MODERATOR = "Moderator"

# Writing, without the right to publish (publishing.services checks the extra ones).
WRITER_MODELS = {
    "publishing": ["article", "articleauthor", "correction", "articlenote", "image"],
}

# app_label -> models whose add/change/delete/view permissions the role gets.
ROLE_MODELS: dict[str, dict[str, list[str]]] = {
    EDITOR: {
        "publishing": [
            "article",
            "articleauthor",
            "author",
            "category",
            "tag",
            "image",
            "correction",
            "page",
            "promoblock",
            "promolink",
            "publication",
            "articlenote",
            "articlerevision",
        ],
        "discussion": ["comment", "thread"],
        "errata": ["errorreport"],
    },  # fmt: skip
    MODERATOR: {
        "discussion": ["comment", "thread"],
        "moderation": ["blocklistentry", "report", "sanction", "personnote", "auditentry"],
        "notifications": ["delivery", "subscription", "subscriber"],
    },
}
ACTIONS = ("add", "change", "delete", "view")
# Beyond the model permissions: publishing.publish_own_article / publish_article.
EXTRA_PERMISSIONS: dict[str, list[str]] = {
    CONTRIBUTOR: [],
    AUTHOR: ["publish_own_article"],
    EDITOR: ["publish_own_article", "publish_article"],
}
# Contributors and authors write, but delete nothing.
WRITER_ACTIONS = ("add", "change", "view")


def ensure_roles(sender=None, **kwargs) -> None:
    for role, apps in ROLE_MODELS.items():
        _grant(role, apps, ACTIONS)
    for role in (CONTRIBUTOR, AUTHOR):
        _grant(role, WRITER_MODELS, WRITER_ACTIONS)
    for role, codenames in EXTRA_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="publishing", codename__in=codenames
            )
        )


def _grant(role: str, apps: dict[str, list[str]], actions) -> None:
    group, _ = Group.objects.get_or_create(name=role)
    codenames = [
        f"{action}_{model}" for models in apps.values() for model in models for action in actions
    ]
    permissions = Permission.objects.filter(
        content_type__app_label__in=list(apps), codename__in=codenames
    )
    group.permissions.add(*permissions)


def grant_role(user, role: str) -> None:
    ensure_roles()
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(Group.objects.get(name=role))
