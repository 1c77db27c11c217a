"""Reader endpoints: subscribe, confirm, manage, unsubscribe — no account needed.

The links in e-mails carry the only credential (an opaque or signed token), so those
pages are never cached, never indexed and send no Referer to other sites. Opening a
link changes nothing (mail scanners open them all): confirming, cancelling and
unsubscribing are POSTs from a button on the page, or the RFC 8058 one-click POST.
"""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from broadsheet.core.numbers import parse_whole_number
from broadsheet.core.security import private_page, same_origin_post
from broadsheet.discussion.identity import store_viewer, viewer_from_request
from broadsheet.publishing.models import Article

from . import services
from .forms import CancelForm, SubscribeForm
from .models import Subscriber, Subscription


def _wants_fragment(request) -> bool:
    return request.headers.get("X-Broadsheet-Fragment") == "1"


STATE_MESSAGES = {
    "active": lambda: _("Done: we will notify you by e-mail."),
    "pending": lambda: _(
        "Almost done: please confirm your address with the link we are sending you by e-mail."
    ),
}


@require_http_methods(["GET", "HEAD", "POST"])
@same_origin_post
@private_page
def subscribe(request, article_pk):
    """POST: subscribe from the bar above the discussion. GET: the same form on its own."""
    article = get_object_or_404(Article.objects.published(), pk=article_pk)
    viewer = viewer_from_request(request)
    state = request.GET.get("state", "")
    # Bound on every POST, even an empty one: an empty form is invalid, with messages.
    form = SubscribeForm(request.POST if request.method == "POST" else None, user=viewer.user)
    error, status = "", 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = services.subscribe(
                    form.address(),
                    article=article,
                    scope=form.cleaned_data["scope"],
                    language=translation.get_language(),
                    user=viewer.user,
                    voter_key=viewer.voter_key,
                    ip_hash=viewer.ip_hash,
                )
            except services.SubscriptionError as exc:
                error, status = exc.message, exc.status
            else:
                state = "active" if result.proven and result.is_active else "pending"
                if _wants_fragment(request):
                    return JsonResponse({"state": state, "message": STATE_MESSAGES[state]()})
                url = reverse("notifications:subscribe", args=[article.pk])
                response = HttpResponseRedirect(f"{url}?{urlencode({'state': state})}", status=303)
                store_viewer(response, viewer)
                return response
        else:
            error, status = next(iter(form.errors.values()))[0], 400
        if _wants_fragment(request):
            return JsonResponse({"error": error}, status=status)
    message = STATE_MESSAGES[state]() if state in STATE_MESSAGES else ""
    context = {
        "article": article,
        "form": form,
        "error": error,
        "message": message,
        "viewer": viewer,
    }
    return render(request, "notifications/subscribe.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@same_origin_post
@private_page
def confirm(request, token):
    """The link in the confirmation e-mail: GET asks, the button POSTs and confirms.

    Mail scanners and link previews open every link in an e-mail, so opening one
    changes nothing: the GET shows what the e-mail asked for, with a button. The form
    carries Django's CSRF token (the page is private, so it may set the cookie) for
    browsers that send no Origin header.
    """
    if request.method == "POST":
        viewer = viewer_from_request(request)
        try:
            services.confirm_subscription(token, voter_key=viewer.voter_key)
        except services.SubscriptionError as exc:
            return _confirm_error(request, exc)
        # Back to the link itself, which now shows what is confirmed.
        url = reverse("notifications:confirm", args=[token])
        response = HttpResponseRedirect(url, status=303)
        # The browser that pressed the button reads this mailbox: remember it.
        store_viewer(response, viewer)
        return response
    try:
        asked = services.confirmation_request(token)
    except services.SubscriptionError as exc:
        return _confirm_error(request, exc)
    subscriber = asked.subscriber
    if asked.pending or not subscriber.is_verified:
        context = {"asking": True, "subscriber": subscriber, "pending": asked.pending}
        return render(request, "notifications/confirm.html", context)
    context = {"subscriber": subscriber, "subscriptions": _subscriptions_of(subscriber)}
    return render(request, "notifications/confirm.html", context)


def _confirm_error(request, exc):
    return render(request, "notifications/confirm.html", {"error": exc.message}, status=400)


def _subscriptions_of(subscriber):
    return list(
        subscriber.subscriptions.select_related("article", "comment").order_by("-created_at", "-pk")
    )


@require_http_methods(["GET", "HEAD", "POST"])
@same_origin_post
@private_page
def manage(request, token):
    """Every subscription of one address, each with a cancel button, and "cancel all"."""
    subscriber = get_object_or_404(Subscriber, manage_token=token)
    if request.method == "POST":
        form = CancelForm(request.POST)
        cancelled = 0
        if form.is_valid():
            if form.cleaned_data["all"]:
                cancelled = services.cancel_subscriptions(subscriber)
            elif form.cleaned_data["subscription"]:
                ids = [form.cleaned_data["subscription"]]
                cancelled = services.cancel_subscriptions(subscriber, ids=ids)
        url = reverse("notifications:manage", args=[token])
        return HttpResponseRedirect(f"{url}?{urlencode({'cancelled': cancelled})}", status=303)
    cancelled = request.GET.get("cancelled", "")
    return render(
        request,
        "notifications/manage.html",
        {
            "subscriber": subscriber,
            "subscriptions": _subscriptions_of(subscriber),
            "cancelled": parse_whole_number(cancelled),
        },
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@private_page
def unsubscribe(request, token):
    """RFC 8058 one-click unsubscribe.

    Mail providers POST "List-Unsubscribe=One-Click" without cookies or Origin, so this
    endpoint is exempt from CSRF checks: the unguessable token is the authorisation,
    and the worst a forged request can do is what the link's owner asked for. A GET
    (a person, or a link scanner) only shows the question with a button.
    """
    if request.method == "POST":
        subscription = services.unsubscribe(token)
        return render(
            request,
            "notifications/unsubscribe.html",
            {"done": True, "subscription": subscription, **_manage_context(subscription)},
        )
    subscription = (
        Subscription.objects.select_related("article", "subscriber", "comment")
        .filter(token=token)
        .first()
    )
    return render(
        request,
        "notifications/unsubscribe.html",
        {"done": False, "subscription": subscription, **_manage_context(subscription)},
    )


def _manage_context(subscription) -> dict:
    if subscription is None:
        return {"manage_url": ""}
    return {
        "manage_url": reverse("notifications:manage", args=[subscription.subscriber.manage_token])
    }
