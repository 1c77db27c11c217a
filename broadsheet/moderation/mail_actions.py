"""Moderation by e-mail: the digest's signed links open a page whose button decides.

A link names one comment, one action and the moderator it was sent to, signed with
the site's key and valid for a week. Opening it changes nothing (mail scanners open
links); the page shows the comment and a button that POSTs. The POST acts as that
moderator, only while they still may moderate, and only on a comment still waiting:
a link from an old digest cannot undo a later decision.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core import signing
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from broadsheet.discussion.models import Comment

from . import services
from .access import can_moderate
from .models import Reason

SALT = "broadsheet.moderation.mail-action"
MAX_AGE = 7 * 24 * 3600
ACTIONS = ("approve", "reject")


def action_token(comment, *, action: str, moderator) -> str:
    assert action in ACTIONS
    return signing.dumps({"c": comment.pk, "a": action, "u": moderator.pk}, salt=SALT)


def action_url(comment, *, action: str, moderator) -> str:
    return reverse(
        "moderation:mail-action", args=[action_token(comment, action=action, moderator=moderator)]
    )


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=gettext_lazy("Reason"), choices=Reason.choices)
    explanation = forms.CharField(
        label=gettext_lazy("Explanation for the author (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    legal_ground = forms.CharField(
        label=gettext_lazy("Legal ground (for illegal content)"), required=False, max_length=300
    )


def _decode(token: str):
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
        comment_id, action, user_id = int(data["c"]), data["a"], int(data["u"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if action not in ACTIONS:
        return None
    moderator = get_user_model().objects.filter(pk=user_id).first()
    if not can_moderate(moderator):
        return None
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None:
        return None
    return comment, action, moderator


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def mail_action(request, token):
    decoded = _decode(token)
    if decoded is None:
        response = render(request, "moderation/mail_action.html", {"invalid": True}, status=404)
        response["Referrer-Policy"] = "no-referrer"
        return response
    comment, action, moderator = decoded
    waiting = comment.status == Comment.Status.PENDING
    form = RejectForm(request.POST or None) if action == "reject" else None
    error = None
    if request.method == "POST" and waiting:
        try:
            if action == "approve":
                services.approve_comments(Comment.objects.filter(pk=comment.pk), actor=moderator)
                messages.success(request, _("The comment is published."))
            elif form.is_valid():
                services.reject_comments(
                    Comment.objects.filter(pk=comment.pk),
                    actor=moderator,
                    reason=form.cleaned_data["reason"],
                    explanation=form.cleaned_data["explanation"],
                    legal_ground=form.cleaned_data["legal_ground"],
                )
                messages.success(request, _("The comment is rejected; its author is told why."))
            else:
                error = _("Please check the marked fields.")
        except services.ModerationError as exc:
            error = exc.message
        if error is None:
            return HttpResponseRedirect(request.path)
    response = render(
        request,
        "moderation/mail_action.html",
        {
            "comment": comment,
            "action": action,
            "waiting": waiting,
            "form": form,
            "error": error,
            "moderator": moderator,
        },
        status=400 if error else 200,
    )
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
