"""The console's forms: they parse and validate; the services decide and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from broadsheet.core.numbers import is_whole_number
from broadsheet.discussion.models import Comment

from .models import Reason, Sanction, Target
from .selectors import QueueFilter
from .services import SUSPENSIONS

REASON_CHOICES = [("", _("Choose a reason …")), *Reason.choices]


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    article = forms.IntegerField(
        label=_("Article"), required=False, min_value=1, max_value=2**63 - 1
    )
    reason = forms.ChoiceField(label=_("Reason"), required=False)
    author = forms.CharField(label=_("Author (name or e-mail)"), required=False, max_length=200)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, reasons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", _("any reason")), *reasons]

    def filters(self) -> QueueFilter:
        """The valid filters; an invalid one (a typed date, say) is left out, not fatal."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if value}
        for name in list(data):
            if isinstance(data[name], str):
                data[name] = data[name].strip()
        return QueueFilter(**data)


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=REASON_CHOICES, required=False)
    explanation = forms.CharField(label=_("Explanation (optional)"), required=False)
    legal_ground = forms.CharField(label=_("Legal ground"), required=False, max_length=300)


class ActionForm(RejectForm):
    """One click on an item: what to do; rejecting carries the reason (services check it)."""

    ACTIONS = (
        "approve", "reject", "spam", "hold", "pin", "unpin", "feature", "unfeature",
    )  # fmt: skip
    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])


class BulkForm(RejectForm):
    ACTIONS = ("approve", "reject", "spam")
    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])

    def clean(self):
        cleaned = super().clean()
        # The checkboxes of the page's items; ids that no longer exist are simply not found.
        cleaned["ids"] = sorted({int(v) for v in self.data.getlist("ids") if is_whole_number(v)})
        if not cleaned["ids"]:
            raise forms.ValidationError(_("Please select at least one comment."))
        return cleaned


class EditForm(forms.Form):
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}))
    author_name = forms.CharField(label=_("Name"), max_length=80)
    author_email = forms.EmailField(label=_("E-mail"), required=False)
    author_url = forms.URLField(label=_("Website"), required=False, max_length=300)

    @classmethod
    def for_comment(cls, comment: Comment):
        return cls(
            initial={
                name: getattr(comment, name)
                for name in ("body", "author_name", "author_email", "author_url")
            }
        )


def target_choices(people) -> list[tuple[str, str]]:
    return [(person.target, f"{Target(person.target).label}: {person.label}") for person in people]


class PersonKeyForm(forms.Form):
    """A form about the comment's author: which of their keys it applies to."""

    target = forms.ChoiceField(label=_("Applies to"), widget=forms.RadioSelect)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {person.target: person for person in people}
        self.fields["target"].choices = target_choices(people)
        if people and not self.is_bound:
            self.initial.setdefault("target", people[0].target)

    def person(self):
        return self.people[self.cleaned_data["target"]]


class NoteForm(PersonKeyForm):
    prefix = "note"
    text = forms.CharField(
        label=_("Note for the moderators"), widget=forms.Textarea(attrs={"rows": 3})
    )


DURATION_CHOICES = [
    ("1h", _("1 hour")),
    ("24h", _("24 hours")),
    ("7d", _("7 days")),
    ("30d", _("30 days")),
]


class SanctionForm(PersonKeyForm):
    prefix = "sanction"
    kind = forms.ChoiceField(
        label=_("Measure"), choices=Sanction.Kind.choices, widget=forms.RadioSelect,
        initial=Sanction.Kind.WARNING,
    )  # fmt: skip
    duration = forms.ChoiceField(
        label=_("Duration of a suspension"), choices=DURATION_CHOICES, initial="24h"
    )
    reason = forms.ChoiceField(label=_("Reason"), choices=REASON_CHOICES)
    message = forms.CharField(
        label=_("Message shown to the person"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reject_earlier = forms.BooleanField(
        label=_("Also reject all their earlier comments"), required=False
    )

    def duration_delta(self):
        return SUSPENSIONS[self.cleaned_data["duration"]]


class ThreadControlForm(forms.Form):
    """An article's surge controls: slow mode (minutes, 0 for off), or lifting a surge."""

    action = forms.ChoiceField(choices=[("slow_mode", "slow_mode"), ("lift_surge", "lift_surge")])
    minutes = forms.IntegerField(required=False, min_value=0, max_value=24 * 60)
