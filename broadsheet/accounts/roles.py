"""Newsroom roles as Django groups, kept in step with the models after each migrate."""

from django.contrib.auth.models import Group, Permission

EDITOR = "Editor"
MODERATOR = "Moderator"

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
        ],
        "discussion": ["comment", "thread"],
    },  # fmt: skip
    MODERATOR: {
        "discussion": ["comment", "thread"],
        "moderation": ["blocklistentry", "report", "sanction", "personnote", "auditentry"],
        "notifications": ["delivery", "subscription", "subscriber"],
    },
}
ACTIONS = ("add", "change", "delete", "view")


def ensure_roles(sender=None, **kwargs) -> None:
    for role, apps in ROLE_MODELS.items():
        group, _ = Group.objects.get_or_create(name=role)
        codenames = [
            f"{action}_{model}"
            for models in apps.values()
            for model in models
            for action in ACTIONS
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
