"""Reporting a comment, for guests and accounts, with and without JavaScript (DSA Art. 16).

"Melden" under each comment is a plain link to this page (so the cached thread stays
the same for everyone); the page asks what is wrong. Choosing "illegal content" asks
for what Art. 16(2) requires of a notice: which law, why, the reporter's name and
e-mail and a good-faith statement. The POST redirects to a thank-you page (a reload
cannot report twice, and a second report by the same reader is refused anyway).
"""

from django import forms
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from broadsheet.core.security import same_origin_post
from broadsheet.core.text import normalise_display_name
from broadsheet.discussion.identity import store_viewer, viewer_from_request
from broadsheet.discussion.models import Comment

from . import services
from .models import Report


class ReportForm(forms.Form):
    category = forms.ChoiceField(
        label=_("What is wrong with this comment?"),
        choices=Report.Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose what is wrong with the comment.")},
    )
    explanation = forms.CharField(
        label=_("Why? (for illegal content: why it breaks the law)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    law = forms.CharField(
        label=_("Which law does it break? (e.g. § 185 StGB, insult)"),
        required=False,
        max_length=300,
    )
    reporter_name = forms.CharField(label=_("Your name"), required=False, max_length=80)
    reporter_email = forms.EmailField(
        label=_("Your e-mail address (for a receipt and our decision)"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    good_faith = forms.BooleanField(
        label=_(
            "I am convinced in good faith that the information and allegations in this "
            "notice are accurate and complete."
        ),
        required=False,
    )

    def clean_reporter_name(self):
        return normalise_display_name(self.cleaned_data["reporter_name"])

    def clean(self):
        data = super().clean()
        if data.get("category") == Report.Category.ILLEGAL:
            if not data.get("reporter_name"):
                self.add_error("reporter_name", _("A notice of illegal content needs your name."))
            if not data.get("reporter_email"):
                self.add_error(
                    "reporter_email", _("A notice of illegal content needs your e-mail address.")
                )
        return data

    def to_request(self) -> services.ReportRequest:
        data = self.cleaned_data
        return services.ReportRequest(
            category=data["category"],
            explanation=data["explanation"],
            law=data["law"],
            reporter_name=data["reporter_name"],
            reporter_email=data["reporter_email"],
            good_faith=data["good_faith"],
        )


def _reportable(pk: int) -> Comment:
    comment = get_object_or_404(
        Comment.objects.select_related("article"), pk=pk, kind=Comment.Kind.COMMENT
    )
    if comment.status != Comment.Status.APPROVED or not comment.article.is_published():
        raise Http404
    return comment


@require_http_methods(["GET", "HEAD", "POST"])
@same_origin_post
@never_cache
def report(request, pk):
    comment = _reportable(pk)
    viewer = viewer_from_request(request)
    error, status = None, 200
    if request.method == "POST":
        form = ReportForm(request.POST)
        if form.is_valid():
            language = translation.get_language() or ""
            try:
                services.report_comment(
                    comment, viewer=viewer, request=form.to_request(), language=language
                )
            except services.ModerationError as exc:
                if exc.field and exc.field in form.fields:
                    form.add_error(exc.field, exc.message)
                else:
                    error, status = exc.message, exc.status
            else:
                response = HttpResponseRedirect(reverse("discussion:reported", args=[comment.pk]))
                store_viewer(response, viewer)
                return response
    else:
        initial = {}
        if viewer.user is not None:
            initial = {
                "reporter_name": viewer.user.get_display_name(),
                "reporter_email": viewer.user.email,
            }
        form = ReportForm(initial=initial)
    response = render(
        request,
        "moderation/report.html",
        {"comment": comment, "article": comment.article, "form": form, "error": error},
        status=status,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
def reported(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
    response = render(
        request, "moderation/report_done.html", {"comment": comment, "article": comment.article}
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
