"""Reader pages of the privacy self-service: "My data", its export, erasure, cancel.

Every page here is personal: Cache-Control private, no-store (never in a shared
cache), noindex, and no Referer to other sites (a link's token is in its address).
Links from e-mails open a page whose button does the work (POST): a mail scanner that
follows the link changes nothing. The address a link proved stays in the session for
SESSION_MINUTES; an account needs no link.
"""

import json
import time

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_http_methods, require_POST

from broadsheet.core.hashing import client_ip, ip_hash, network_of
from broadsheet.core.security import private_page

from . import services
from .export import as_json
from .forms import DataLinkForm, ErasureForm
from .subject import Subject, personal_data

SESSION_EMAIL = "privacy:email"
SESSION_UNTIL = "privacy:until"
SESSION_MINUTES = 60


def _subject(request) -> tuple[Subject | None, object | None]:
    """Whose data this browser may see: a proven address, else the account, else none."""
    email = request.session.get(SESSION_EMAIL)
    if email and request.session.get(SESSION_UNTIL, 0) > time.time():
        return Subject.of_address(email), None
    if request.user.is_authenticated:
        return Subject.of_account(request.user), request.user
    return None, None


def _back(state: str = "") -> HttpResponseRedirect:
    url = reverse("privacy:my-data")
    return HttpResponseRedirect(f"{url}?state={state}" if state else url)


@require_http_methods(["GET", "HEAD", "POST"])
@private_page
def my_data(request):
    """GET: the data of whoever this browser proved to be, or the form asking for a link.
    POST: mail a link to the address entered (the answer is the same for any address)."""
    subject, user = _subject(request)
    state = request.GET.get("state", "")
    if request.method == "POST":
        form = DataLinkForm(request.POST)
        if form.is_valid():
            try:
                services.request_data_link(
                    form.cleaned_data["email"],
                    network_hash=ip_hash(network_of(client_ip(request))),
                    language=translation.get_language(),
                )
            except services.PrivacyError as error:
                return _form_page(request, form, error=error.message, status=error.status)
            return _back("sent")
        return _form_page(request, form, status=400)
    if subject is None:
        return _form_page(request, DataLinkForm(), state=state)
    data = personal_data(subject, user=user)
    return render(
        request,
        "privacy/my_data.html",
        {
            "data": data,
            "state": state,
            "erasure_form": ErasureForm(),
            "by_link": user is None,
            **_numbers(),
        },
    )


def _numbers() -> dict:
    from django.conf import settings

    return {
        "retention_days": settings.BROADSHEET_RETENTION_DAYS,
        "grace_hours": settings.BROADSHEET_ERASURE_GRACE_HOURS,
        "tombstones": settings.BROADSHEET_ERASURE_COMMENTS == "tombstone",
    }


def _form_page(request, form, *, state: str = "", error: str = "", status: int = 200):
    return render(
        request,
        "privacy/ask.html",
        {"form": form, "state": state, "error": error, **_numbers()},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@private_page
def open_link(request, token):
    """GET: a page with one button (changes nothing). POST: use the link, show the data."""
    try:
        if request.method != "POST":
            services.check_data_link(token)
            return render(request, "privacy/open_link.html", {})
        email = services.use_data_link(token)
    except services.PrivacyError as error:
        return render(
            request, "privacy/open_link.html", {"error": error.message}, status=error.status
        )
    request.session.cycle_key()
    request.session[SESSION_EMAIL] = email
    request.session[SESSION_UNTIL] = time.time() + SESSION_MINUTES * 60
    return _back()


@require_http_methods(["GET", "HEAD"])
@private_page
def export(request):
    subject, user = _subject(request)
    if subject is None:
        return _back()
    document = as_json(personal_data(subject, user=user))
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.json"'
    return response


@require_POST
@private_page
def erase(request):
    subject, user = _subject(request)
    if subject is None:
        return _back()
    form = ErasureForm(request.POST)
    error, status = "", 400
    if form.is_valid():
        try:
            services.request_erasure(subject, user=user, language=translation.get_language())
        except services.PrivacyError as refused:
            error, status = refused.message, refused.status
        else:
            return _back("erasure")
    data = personal_data(subject, user=user)
    return render(
        request,
        "privacy/my_data.html",
        {
            "data": data,
            "erasure_form": form,
            "error": error,
            "by_link": user is None,
            **_numbers(),
        },  # fmt: skip
        status=status,
    )


@require_POST
@private_page
def cancel_mine(request):
    from .subject import erasure_waiting

    subject, _user = _subject(request)
    if subject is None:
        return _back()
    waiting = erasure_waiting(subject)
    if waiting is not None:
        services.cancel_erasure(waiting)
    return _back("cancelled")


@require_POST
@private_page
def leave(request):
    """Forget the proven address in this browser (a shared computer, say)."""
    request.session.pop(SESSION_EMAIL, None)
    request.session.pop(SESSION_UNTIL, None)
    return _back("left")


@require_http_methods(["GET", "HEAD", "POST"])
@private_page
def cancel(request, token):
    """The cancel link of the erasure mail. GET: a page with a button; POST: cancel."""
    waiting = services.erasure_by_token(token)
    if waiting is None:
        return render(request, "privacy/cancel.html", {"gone": True}, status=404)
    if request.method == "POST":
        cancelled = services.cancel_erasure(waiting)
        return render(
            request, "privacy/cancel.html", {"cancelled": cancelled, "gone": not cancelled}
        )
    return render(request, "privacy/cancel.html", {"erasure": waiting})
