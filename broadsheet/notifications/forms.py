from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Subscription


class SubscribeForm(forms.Form):
    """The subscribe bar above the discussion: what to follow, and where to write."""

    scope = forms.ChoiceField(
        label=_("Notify me of"),
        choices=[
            (Subscription.Scope.ARTICLE, _("all new comments")),
            (Subscription.Scope.REPLIES, _("replies to my comments")),
        ],
        initial=Subscription.Scope.ARTICLE,
        widget=forms.RadioSelect,
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        max_length=254,  # RFC 5321; the column holds no more
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Logged-in readers subscribe with their account's address, in one click.
        self.fields["email"].required = user is None or not user.email
        self.user = user

    def address(self) -> str:
        if self.user is not None and self.user.email and not self.cleaned_data.get("email"):
            return self.user.email
        return self.cleaned_data["email"]


class CancelForm(forms.Form):
    """The manage page: cancel one subscription, or all of them."""

    subscription = forms.IntegerField(required=False)
    all = forms.BooleanField(required=False)
