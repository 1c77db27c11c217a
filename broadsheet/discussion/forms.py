"""Reader forms: plain Django forms, so every action also works without JavaScript."""

import hashlib
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from broadsheet.core.text import normalise_display_name

TIMESTAMP_SALT = "comment-form-time"
SEND_ANYWAY_SALT = "comment-send-anyway"
FORM_TIMESTAMP_PLACEHOLDER = "@@form-timestamp@@"


def form_timestamp(*, waited: bool = False) -> str:
    """A signed "the form was served now".

    waited: for a form that comes back to an author who already spent the minimum fill
    time on it (their own form's timestamp proved it), dated back by that time, so
    sending it again at once is not refused as too quick.
    """
    now = time.time() - (settings.BROADSHEET_COMMENT_MIN_SECONDS if waited else 0)
    return signing.dumps(int(now), salt=TIMESTAMP_SALT)


def sign_forms(content: bytes) -> bytes:
    """Put one fresh signed timestamp into every form of a response.

    Cached HTML (the whole first-time discussion, each comment's fragment with its
    vote form) carries FORM_TIMESTAMP_PLACEHOLDER instead, so every response, however
    cached, proves when it was served.
    """
    placeholder = FORM_TIMESTAMP_PLACEHOLDER.encode()
    if placeholder not in content:
        return content
    return content.replace(placeholder, form_timestamp().encode())


def _text_hash(body: str, article_id: int) -> str:
    return hashlib.sha256(f"{article_id}\n{body.strip()}".encode()).hexdigest()[:32]


def send_anyway_token(body: str, *, article_id: int) -> str:
    """A signed "the model objected to exactly this text, and its author was told".

    Bound to the text's hash and the article: ticking "send anyway" counts only for the
    text the author was asked about, so a script cannot pre-set it for another text (a
    changed text is scored again).
    """
    return signing.dumps(_text_hash(body, article_id), salt=SEND_ANYWAY_SALT, compress=True)


def is_sent_anyway(token: str, body: str, *, article_id: int) -> bool:
    try:
        signed = signing.loads(
            token or "", salt=SEND_ANYWAY_SALT, max_age=settings.BROADSHEET_COMMENT_FORM_MAX_AGE
        )
    except signing.BadSignature:
        return False
    return signed == _text_hash(body, article_id)


class PageTokenForm(forms.Form):
    """A vote or a rating: sent from a page, with that page's signed timestamp.

    The timestamp says when the page was served (see sign_forms). Without one the
    request did not come from our page; one older than BROADSHEET_VOTE_TOKEN_MAX_AGE
    could have been collected long ago and replayed. How young a token may be is
    decided with the voter's identity (services.check_established_voter).
    """

    ts = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_ts(self) -> float:
        try:
            return float(
                signing.loads(
                    self.cleaned_data.get("ts") or "",
                    salt=TIMESTAMP_SALT,
                    max_age=settings.BROADSHEET_VOTE_TOKEN_MAX_AGE,
                )
            )
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError(
                _("This page is out of date. Please reload it and try again.")
            ) from None

    def first_error(self) -> str:
        """The message to show: the page's token first, since it blocks everything."""
        errors = self.errors
        return (errors.get("ts") or next(iter(errors.values())))[0]


class CommentForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        max_length=254,  # RFC 5321; the column holds no more
        help_text=_("Will not be published."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    url = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=300,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    body = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("You can use *emphasis*, [links](https://…), > quotes, `code` and lists."),
    )
    remember = forms.BooleanField(
        label=_("Remember my name and e-mail in this browser"), required=False
    )
    notify = forms.ChoiceField(
        label=_("Notify me by e-mail"),
        required=False,
        choices=[
            ("", _("no")),
            ("replies", _("of replies to my comment")),
            ("all", _("of all new comments on this article")),
        ],
        help_text=_("We first send you a message to confirm your address."),
    )
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # The passage a comment is about: from a reader's selection (JS) or an editor question.
    passage_exact = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)
    passage_prefix = forms.CharField(
        required=False, max_length=200, strip=False, widget=forms.HiddenInput
    )
    passage_suffix = forms.CharField(
        required=False, max_length=200, strip=False, widget=forms.HiddenInput
    )
    passage_start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    question = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    # After the model objected: "send it anyway", and the signed hash of the text asked about.
    anyway = forms.BooleanField(label=_("Send anyway"), required=False)
    anyway_token = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)
    # Spam traps: a field humans never see, and the time the form was rendered.
    homepage = forms.CharField(required=False, label=_("Leave this field empty"))
    ts = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["body"].widget.attrs["maxlength"] = settings.BROADSHEET_COMMENT_MAX_LENGTH
        if user is None:
            self.fields["name"].required = True
            self.fields["email"].required = True
        else:
            for name in ("name", "email", "url", "remember"):
                del self.fields[name]

    @classmethod
    def from_draft(cls, fields: dict, errors: dict, *, user=None, ts: str) -> "CommentForm":
        """The refused form again, as its author sent it, with its errors and a fresh ts.

        Bound to what was sent, but not validated again: the errors are the ones the
        POST got (the GET that shows them must neither re-run the checks nor write).
        """
        form = cls({**fields, "ts": ts}, user=user)
        form.cleaned_data = {}
        form._errors = ErrorDict()
        for field, messages in errors.items():
            form.add_error(field if field in form.fields else None, messages)
        return form

    def clean_name(self):
        """Names reach pages, logs and mail headers: normalised once, here."""
        name = normalise_display_name(self.cleaned_data.get("name") or "")
        if not name and self.fields["name"].required:
            raise forms.ValidationError(self.fields["name"].error_messages["required"])
        return name

    def clean_homepage(self):
        if self.cleaned_data.get("homepage"):
            raise forms.ValidationError(_("Your comment looks like spam and was not accepted."))
        return ""

    def clean_ts(self):
        try:
            rendered = signing.loads(
                self.cleaned_data.get("ts") or "",
                salt=TIMESTAMP_SALT,
                max_age=settings.BROADSHEET_COMMENT_FORM_MAX_AGE,
            )
        except signing.SignatureExpired:
            # A reader who took long: the form comes back with everything kept.
            raise forms.ValidationError(
                _("The form was open for too long. Please send it again."), code="expired"
            ) from None
        except signing.BadSignature:
            raise forms.ValidationError(
                _("The form has expired. Please reload the page and send your comment again."),
                code="invalid",
            ) from None
        if time.time() - rendered < settings.BROADSHEET_COMMENT_MIN_SECONDS:
            raise forms.ValidationError(
                _("That was quick! Please take a moment and send your comment again."),
                code="too_fast",
            )
        return rendered

    def seconds_to_write(self) -> float | None:
        """From serving the form to sending it (after clean): a feature of the model."""
        rendered = self.cleaned_data.get("ts")
        return max(0.0, time.time() - rendered) if isinstance(rendered, int | float) else None

    def sent_anyway(self, *, article_id: int) -> bool:
        data = self.cleaned_data
        return bool(data.get("anyway")) and is_sent_anyway(
            data.get("anyway_token") or "", data.get("body") or "", article_id=article_id
        )

    def author_waited(self) -> bool:
        """Did the sent form prove its author spent the minimum fill time on it?

        True unless its timestamp was missing, forged or too young; an expired one
        proves it too (the page was served hours ago).
        """
        codes = {error.code for error in self.errors.as_data().get("ts", [])}
        return not codes & {"invalid", "too_fast"}


class EditForm(forms.Form):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 5}))


class VoteForm(PageTokenForm):
    value = forms.TypedChoiceField(
        choices=[("up", "up"), ("down", "down")],
        coerce=str,
        error_messages={
            "required": _("A vote is either up or down."),
            "invalid_choice": _("A vote is either up or down."),
        },
    )

    @property
    def numeric(self) -> int:
        return 1 if self.cleaned_data["value"] == "up" else -1


class RatingForm(PageTokenForm):
    stars = forms.TypedChoiceField(
        choices=[(str(i), str(i)) for i in range(1, 6)],
        coerce=int,
        error_messages={
            "required": _("Please choose between one and five stars."),
            "invalid_choice": _("Please choose between one and five stars."),
        },
    )


def passage_request(data: dict):
    from .passages import PassageRequest

    return PassageRequest(
        exact=data.get("passage_exact") or "",
        prefix=data.get("passage_prefix") or "",
        suffix=data.get("passage_suffix") or "",
        hint=data.get("passage_start"),
        question_number=data.get("question"),
    )
