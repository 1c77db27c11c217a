"""Who may use the moderation console: the Moderator role and above."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def can_moderate(user) -> bool:
    """Moderators, editors and superusers: whoever may change comments."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("discussion.change_comment")
    )


def moderator_required(view):
    """Anonymous visitors are sent to log in; other accounts get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_moderate(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
