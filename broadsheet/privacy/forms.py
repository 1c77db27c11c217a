from django import forms
from django.utils.translation import gettext_lazy as _


class DataLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("The address you commented or subscribed with."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class ErasureForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my comments, votes, ratings and subscriptions will be erased."),
        error_messages={"required": _("Please tick the box to confirm the erasure.")},
    )
