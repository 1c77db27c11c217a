"""Reader accounts: the sign-in link, the profile, claiming guest comments, "My comments".

The link in the e-mail only shows a page with a button (mail scanners open every
link); pressing it, a same-site POST with a CSRF token, signs the reader in. Pages
with a token in their address are never cached and send no Referer elsewhere.
"""

from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_http_methods, require_POST

from broadsheet.core.hashing import client_ip, keyed_hash, network_of
from broadsheet.core.numbers import parse_whole_number
from broadsheet.core.security import private_page
from broadsheet.discussion.identity import viewer_from_request
from broadsheet.discussion.models import Comment
from broadsheet.discussion.services import can_edit

from . import selectors, services
from .forms import LoginLinkForm, ProfileForm

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _network_key(request) -> str:
    ip = client_ip(request)
    return keyed_hash(network_of(ip), purpose="login-link") if ip else ""


@require_POST
@private_page
def request_link(request):
    """Queue a sign-in link; the answer is the same whether the address has an account."""
    form = LoginLinkForm(request.POST)
    error, status = "", 400
    if form.is_valid():
        try:
            services.request_login_link(
                form.cleaned_data["email"],
                network_key=_network_key(request),
                language=translation.get_language() or "",
                next_url=form.cleaned_data["next"],
            )
        except services.AccountError as refused:
            error, status = refused.message, refused.status
        else:
            return HttpResponseRedirect(reverse("accounts:link-sent"), status=303)
    context = {
        "form": AuthenticationForm(request),
        "link_form": form,
        "link_error": error,
        "next": services.safe_next(request.POST.get("next", "")),
    }
    return render(request, "accounts/login.html", context, status=status)


@private_page
def link_sent(request):
    minutes = settings.BROADSHEET_LOGIN_LINK_MINUTES
    return render(request, "accounts/link_sent.html", {"link_minutes": minutes})


@require_http_methods(["GET", "HEAD", "POST"])
@private_page
def open_link(request, token):
    """GET: a page with a button, changing nothing. POST: spend the link and sign in."""
    try:
        if request.method != "POST":
            services.check_login_link(token)
            return render(request, "accounts/link_confirm.html")
        signed_in = services.use_login_link(token)
    except services.AccountError as refused:
        return render(
            request, "accounts/link_confirm.html", {"error": refused.message}, status=refused.status
        )
    login(request, signed_in.user, backend=BACKEND)
    if services.claimable_comments(signed_in.user).exists():
        return HttpResponseRedirect(reverse("accounts:claim"), status=303)
    if not signed_in.user.display_name:
        return HttpResponseRedirect(reverse("accounts:profile"), status=303)
    return HttpResponseRedirect(signed_in.next_url or reverse("accounts:comments"), status=303)


def avatar_subject(user):
    """What the avatar tag draws from: the name and address, as on the user's comments."""
    return SimpleNamespace(author_name=user.get_display_name(), author_email=user.email)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@private_page
def profile(request):
    user = request.user
    form = ProfileForm(
        request.POST or None, initial={"display_name": user.display_name, "bio": user.bio}
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.update_profile(
                    user,
                    display_name=form.cleaned_data["display_name"],
                    bio=form.cleaned_data["bio"],
                )
            except services.AccountError as refused:
                form.add_error(refused.field, refused.message)
            else:
                return HttpResponseRedirect(f"{reverse('accounts:profile')}?saved=1", status=303)
    context = {
        "form": form,
        "avatar_of": avatar_subject(user),
        "subscriber": selectors.subscriber_of(user),
        "claimable": services.claimable_comments(user).count(),
        "saved": request.GET.get("saved") == "1",
        "password_saved": request.GET.get("password") == "1",
    }
    return render(request, "accounts/profile.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@private_page
def claim(request):
    """Attach the comments written as a guest under the account's confirmed address."""
    if request.method == "POST":
        claimed = services.claim_comments(request.user)
        return HttpResponseRedirect(f"{reverse('accounts:comments')}?claimed={claimed}", status=303)
    count = services.claimable_comments(request.user).count()
    return render(request, "accounts/claim.html", {"count": count})


@login_required
@private_page
def my_comments(request):
    """Everything the reader wrote, newest first, a page at a time (keyset: ?before=id)."""
    before = parse_whole_number(request.GET.get("before", ""))
    page = selectors.comments_page(request.user, before=before)
    viewer = viewer_from_request(request)
    for comment in page.comments:
        comment.can_edit = can_edit(comment, viewer)
    context = {
        "page": page,
        "claimed": parse_whole_number(request.GET.get("claimed", "")),
        "deleted": request.GET.get("deleted", ""),
    }
    return render(request, "accounts/my_comments.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@private_page
def delete_comment(request, pk):
    """GET: what will happen, and a button. POST: delete (a tombstone if it has replies)."""
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
    if comment.user_id != request.user.pk:
        raise Http404
    error = ""
    if request.method == "POST":
        try:
            tombstone = services.delete_own_comment(comment, user=request.user)
        except services.AccountError as refused:
            error = refused.message
        else:
            outcome = "tombstone" if tombstone else "removed"
            return HttpResponseRedirect(
                f"{reverse('accounts:comments')}?deleted={outcome}", status=303
            )
    has_replies = Comment.objects.filter(parent_id=comment.pk).exists()
    return render(
        request,
        "accounts/delete_comment.html",
        {"comment": comment, "has_replies": has_replies, "error": error},
        status=400 if error else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@private_page
def password(request):
    """Set a password (optional: the link always works), or change the one there is."""
    user = request.user
    form_class = PasswordChangeForm if user.has_usable_password() else SetPasswordForm
    form = form_class(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)  # stay signed in on this device
        return HttpResponseRedirect(f"{reverse('accounts:profile')}?password=1", status=303)
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/password.html", {"form": form}, status=status)
