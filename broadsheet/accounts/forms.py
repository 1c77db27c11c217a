from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import throttle


class ThrottledLoginMixin:
    """Refuse a blocked log-in before the password is hashed; count the failures."""

    def clean(self):
        username = self.data.get("username", "") if self.is_bound else ""
        keys = throttle.keys_for(str(username), self.request)
        try:
            throttle.check_login_allowed(keys)
        except throttle.Throttled as refused:
            raise ValidationError(refused.message, code="throttled") from None
        try:
            cleaned = super().clean()
        except ValidationError as error:
            if error.code == "invalid_login":
                throttle.record_failure(keys)
            raise
        throttle.record_success(keys)
        return cleaned


class ThrottledAuthenticationForm(ThrottledLoginMixin, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(ThrottledLoginMixin, AdminAuthenticationForm):
    pass


class LoginLinkForm(forms.Form):
    """An address to send a sign-in link to (the same for signing up)."""

    email = forms.EmailField(label=_("E-mail"), max_length=254)
    next = forms.CharField(required=False, max_length=300)


class ProfileForm(forms.Form):
    # Lengths and names are checked by services.update_profile, with its messages.
    display_name = forms.CharField(label=_("Display name"), max_length=200)
    bio = forms.CharField(label=_("About me"), required=False, widget=forms.Textarea)
