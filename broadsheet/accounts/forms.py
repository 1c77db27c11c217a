from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

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
