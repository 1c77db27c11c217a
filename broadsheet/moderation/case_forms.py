"""Forms of the case pages, the audit log and the statistics: they parse, the services decide.

The decision forms check only the shape of the input (a choice, a length); whether a
decision is complete (an explanation, a legal ground) is the services' rule, so the
console, the admin and the e-mail links refuse the same things with the same words.
"""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry, Reason, Report, Target
from .statistics import Period

ANY = [("", _("All"))]


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=ANY + Report.Status.choices, required=False
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=ANY + Report.Category.choices, required=False
    )
    notices = forms.BooleanField(label=_("Notices of illegal content only"), required=False)

    def filter(self, reports):
        """Reports narrowed by category and notices (the status is applied separately,
        so the counts per status can be taken over the rest of the filter)."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("category"):
            reports = reports.filter(category=data["category"])
        if data.get("notices"):
            reports = reports.filter(category=Report.Category.ILLEGAL)
        return reports

    @property
    def chosen_status(self) -> str:
        return self.cleaned_data.get("status", "") if self.is_valid() else ""


class CaseNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class NoticeDecisionForm(forms.Form):
    """The legal assessment of a notice of illegal content (DSA Art. 16(5), 17)."""

    illegal = forms.TypedChoiceField(
        label=_("Is the comment illegal?"),
        choices=[("yes", _("Yes: remove the comment")), ("no", _("No: keep the comment"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    legal_ground = forms.CharField(
        label=_("Legal ground"),
        max_length=300,
        required=False,
        help_text=_("The law the comment breaks, e.g. “§ 185 StGB”."),
    )
    explanation = forms.CharField(
        label=_("Explanation"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent to the reporter and, if removed, to the author."),
    )


class RemoveForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=[("", "—"), *Reason.choices])
    explanation = forms.CharField(
        label=_("Explanation"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    legal_ground = forms.CharField(
        label=_("Legal ground (for illegal content)"), max_length=300, required=False
    )


def _staff():
    return get_user_model().objects.filter(is_staff=True).order_by("username")


class AuditFilterForm(forms.Form):
    MEANS = [("", _("All")), ("automated", _("Automated")), ("manual", _("Manual"))]

    action = forms.ChoiceField(
        label=_("Action"), choices=ANY + AuditEntry.Action.choices, required=False
    )
    actor = forms.ModelChoiceField(
        label=_("Moderator"), queryset=_staff(), required=False, empty_label=_("All")
    )
    means = forms.ChoiceField(label=_("Decided"), choices=MEANS, required=False)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    comment = forms.IntegerField(
        label=_("Comment no."), min_value=1, max_value=2**63 - 1, required=False
    )
    target = forms.ChoiceField(label=_("Person key"), choices=ANY + Target.choices, required=False)
    value = forms.CharField(label=_("Key value"), max_length=254, required=False)

    def filter(self, entries):
        if not self.is_valid():
            return entries
        data = self.cleaned_data
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["actor"]:
            entries = entries.filter(actor_id=data["actor"].pk)
        if data["means"]:
            entries = entries.filter(automated=data["means"] == "automated")
        if data["start"]:
            entries = entries.filter(at__gte=Period(data["start"], data["start"]).bounds[0])
        if data["end"]:
            entries = entries.filter(at__lt=Period(data["end"], data["end"]).bounds[1])
        if data["comment"]:
            entries = entries.filter(comment_id=data["comment"])
        if data["target"]:
            entries = entries.filter(target=data["target"])
        if data["value"].strip():
            value = data["value"].strip()
            entries = entries.filter(value=value.lower() if data["target"] == "email" else value)
        return entries


class PeriodForm(forms.Form):
    """?start=…&end=… (both included), or ?period=last-year; else the last 30 days."""

    PRESETS = [("30d", _("Last 30 days")), ("last-year", _("Last year"))]

    period = forms.ChoiceField(choices=PRESETS, required=False)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data

    def chosen(self, *, today: datetime.date | None = None) -> Period:
        today = today or timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("period") == "last-year":
            return Period.last_year(today=today)
        if data.get("start") or data.get("end"):
            end = data.get("end") or today
            start = data.get("start") or end - datetime.timedelta(days=29)
            return Period(start, end)
        return Period.last_days(30, today=today)
