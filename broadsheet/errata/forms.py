"""The reader's error report: a plain form, with the comment form's spam traps."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from broadsheet.discussion.forms import TIMESTAMP_SALT

from .services import MAX_SUGGESTION


class ErrorReportForm(forms.Form):
    exact = forms.CharField(
        label=_("The passage"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The words from the article that are wrong."),
    )
    prefix = forms.CharField(required=False, max_length=200, strip=False, widget=forms.HiddenInput)
    suffix = forms.CharField(required=False, max_length=200, strip=False, widget=forms.HiddenInput)
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    paragraph = forms.TypedChoiceField(
        label=_("Or choose the paragraph"), required=False, coerce=int, widget=forms.RadioSelect
    )
    suggestion = forms.CharField(
        label=_("What is right? (optional)"),
        required=False,
        max_length=MAX_SUGGESTION,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        max_length=254,
        help_text=_("Only to thank you once if we correct the article. Never published."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    homepage = forms.CharField(required=False, label=_("Leave this field empty"))
    ts = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, paragraphs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.paragraphs = list(paragraphs)
        self.fields["paragraph"].choices = list(enumerate(self.paragraphs))

    def clean_homepage(self):
        if self.cleaned_data.get("homepage"):
            raise forms.ValidationError(_("Your report looks like spam and was not accepted."))
        return ""

    def clean_ts(self):
        try:
            rendered = signing.loads(
                self.cleaned_data.get("ts") or "",
                salt=TIMESTAMP_SALT,
                max_age=settings.BROADSHEET_COMMENT_FORM_MAX_AGE,
            )
        except signing.BadSignature:
            raise forms.ValidationError(
                _("The form has expired. Please reload the page and send your report again.")
            ) from None
        if time.time() - rendered < settings.BROADSHEET_COMMENT_MIN_SECONDS:
            raise forms.ValidationError(
                _("That was quick! Please take a moment and send your report again.")
            )
        return rendered

    def clean(self):
        data = super().clean()
        if not (data.get("exact") or "").strip():
            index = data.get("paragraph")
            if index is None or index == "":
                raise forms.ValidationError(
                    _("Please quote the passage or choose its paragraph."), code="no_passage"
                )
            data["exact"], data["prefix"], data["suffix"] = self.paragraphs[index], "", ""
            data["start"] = None
        return data
