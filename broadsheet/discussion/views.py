"""Discussion endpoints. Each is a plain POST that redirects to the right anchor;
the JS module sends the same POST with `X-Broadsheet-Fragment` and gets a fragment
(or JSON for votes and ratings) back instead.
"""

import contextlib
import datetime
import secrets
from urllib.parse import urlencode

from django.db import OperationalError, transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from broadsheet.core.ratelimit import brief_lock_wait
from broadsheet.core.security import same_origin_post
from broadsheet.publishing.models import Article

from . import selectors, services
from .context import conversation_html, discussion_context
from .forms import (
    CommentForm,
    EditForm,
    RatingForm,
    VoteForm,
    form_timestamp,
    passage_request,
    send_anyway_token,
    sign_forms,
)
from .identity import forget_guest, remember_guest, store_viewer, viewer_from_request
from .models import Comment, CommentDraft
from .templatetags.discussion import grouped

# A refused comment waits this long for its author (see CommentDraft).
DRAFT_SECONDS = 3600
# How long to tell a client to wait when the database is busy (SQLite's write lock).
RETRY_AFTER_SECONDS = 5
# The fields of a refused form that come back to its author; never the honeypot.
DRAFT_FIELDS = (
    "name", "email", "url", "body", "remember", "notify", "reply_to",
    "passage_exact", "passage_prefix", "passage_suffix", "passage_start", "question",
    "anyway_token",
)  # fmt: skip


def _wants_fragment(request) -> bool:
    return request.headers.get("X-Broadsheet-Fragment") == "1"


def _published_article(pk) -> Article:
    return get_object_or_404(Article.objects.published().select_related("thread"), pk=pk)


def _comment_url(comment: Comment, *, sort: str | None = None, conversation: bool = False) -> str:
    """The article page that shows comment, at its anchor. A reply past the first
    BROADSHEET_REPLIES_SHOWN of its conversation is behind "more replies": the address
    asks for the conversation whole (conversation=True: always, at its first added
    reply)."""
    sort = selectors.normalise_sort(sort)
    params = {}
    if sort != selectors.normalise_sort(None):
        params["sort"] = sort
    if comment.status == Comment.Status.APPROVED:
        cursor = selectors.cursor_before(comment, sort=sort)
        if cursor:
            params["after"] = cursor
    anchor = comment.anchor
    if conversation:
        params["conversation"] = comment.pk
        anchor = f"conversation-{comment.pk}-more"
    elif comment.root_id and selectors.is_past_shown_replies(comment):
        params["conversation"] = comment.root_id
    query = f"?{urlencode(params)}" if params else ""
    return f"{comment.article.get_absolute_url()}{query}#{anchor}"


def _error(request, article, message: str, *, status=400, form=None, **extra):
    if _wants_fragment(request):
        return _with_retry_after(JsonResponse({"error": message, **extra}, status=status))
    # Without JS: the article page again, with the message.
    from broadsheet.publishing.views import render_article

    response = render_article(
        request, article, comment_form=form, discussion_error=message, status=status
    )
    add_never_cache_headers(response)
    return _with_retry_after(response)


def _with_retry_after(response):
    if response.status_code == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def is_locked(exc: OperationalError) -> bool:
    """SQLite's "database is locked": another writer held the lock past the busy timeout."""
    return "locked" in str(exc)


def _database_busy() -> str:
    return _("The comment could not be saved just now. Please send it again.")


def _not_counted() -> str:
    return _("Your vote could not be counted just now. Please try again.")


def _refuse_comment(request, article, form, message: str, *, status=400, anyway_token=""):
    """Give a refused comment back to its author, so nothing typed is lost.

    With JS: the message and the fields' errors as JSON (plus a fresh form timestamp
    when the sent one was expired or missing) for the form still on the page.
    Without: post/redirect/get, so a reload cannot send the comment again. The form
    waits as a CommentDraft for the page the reader is redirected to; only when even
    that cannot be written (the database is locked) the page is rendered at the POST
    address, where a reload is what "send it again" means. anyway_token: the model
    objected to the text; the form comes back with "send anyway" for exactly this text.
    """
    errors = {
        field: [str(text) for text in texts]
        for field, texts in form.errors.items()
        if field != "ts"  # the page's message says it; the field is hidden
    }
    waited = form.author_waited()
    if _wants_fragment(request):
        body = {"error": message, "fields": form.errors.get_json_data()}
        if "ts" in form.errors and not form.has_error("ts", "too_fast"):
            # Expired or missing: the form on the page needs a new one to be sent again.
            body["ts"] = form_timestamp(waited=waited)
        if anyway_token:
            body["anyway_token"] = anyway_token
        return _with_retry_after(JsonResponse(body, status=status))
    fields = {name: form.data.get(name, "") for name in DRAFT_FIELDS if name in form.data}
    if anyway_token:
        fields["anyway_token"] = anyway_token
    try:
        # After a lock timeout the lock is likely still taken: don't wait for it again.
        with brief_lock_wait() if status == 503 else contextlib.nullcontext():
            token = _save_draft(
                article, fields=fields, errors=errors, message=message, status=status,
                waited=waited,
            )  # fmt: skip
    except OperationalError as exc:
        if not is_locked(exc):
            raise
        again = CommentForm.from_draft(
            fields, errors, user=form.user, ts=form_timestamp(waited=waited)
        )
        return _error(request, article, message, status=status, form=again)
    url = reverse("discussion:post", args=[article.pk])
    return HttpResponseRedirect(f"{url}?{urlencode({'draft': token})}#respond", status=303)


def _save_draft(article, *, fields, errors, message, status, waited) -> str:
    # NUL cannot be stored in PostgreSQL text or JSON (the form refused it anyway).
    fields = {
        key: value.replace("\x00", "") if isinstance(value, str) else value
        for key, value in fields.items()
    }
    now = timezone.now()
    token = secrets.token_urlsafe(24)
    with transaction.atomic():
        CommentDraft.objects.filter(expires_at__lt=now).delete()
        CommentDraft.objects.create(
            token=token, article=article, fields=fields, errors=errors, message=message,
            status=status, waited=waited,
            expires_at=now + datetime.timedelta(seconds=DRAFT_SECONDS),
        )  # fmt: skip
    return token


def _show_draft(request, article):
    """GET after a refusal: the article page with the author's form, private to them.

    Only reads. No draft (expired, already posted, a stranger's guess): the article.
    """
    from broadsheet.publishing.views import render_article

    token = request.GET.get("draft", "")[:64]
    draft = (
        CommentDraft.objects.filter(token=token, article=article, expires_at__gt=timezone.now())
        .only("fields", "errors", "message", "status", "waited")
        .first()
        if token
        else None
    )
    if draft is None:
        return HttpResponseRedirect(f"{article.get_absolute_url()}#respond")
    viewer = viewer_from_request(request)
    form = CommentForm.from_draft(
        {**draft.fields, "draft": token},
        draft.errors,
        user=viewer.user,
        ts=form_timestamp(waited=draft.waited),
    )
    response = render_article(
        request, article, comment_form=form, discussion_error=draft.message, status=draft.status
    )
    # The page holds one reader's name, address and text: no shared cache may keep it,
    # and its address (with the token) is not sent on as a Referer.
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return _with_retry_after(response)


def _forget_draft(token: str) -> None:
    """The draft's comment is posted: best effort, an expired draft goes anyway."""
    if token:
        try:
            with brief_lock_wait():
                CommentDraft.objects.filter(token=token[:64]).delete()
        except OperationalError as exc:
            if not is_locked(exc):
                raise


@require_http_methods(["GET", "HEAD", "POST"])
@same_origin_post
def post_comment(request, article_pk):
    """POST: a new comment. GET (after a refusal's redirect): the form given back."""
    article = _published_article(article_pk)
    if request.method != "POST":
        return _show_draft(request, article)
    viewer = viewer_from_request(request)
    form = CommentForm(request.POST, user=viewer.user)
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        return _refuse_comment(request, article, form, first)
    data = form.cleaned_data
    reply_to = None
    if data.get("reply_to"):
        reply_to = Comment.objects.filter(pk=data["reply_to"]).first()
        if reply_to is None:
            return _refuse_comment(
                request, article, form, _("The comment you are replying to is not available.")
            )
    author = None
    if viewer.user is None:
        author = services.Author(name=data["name"], email=data["email"], url=data.get("url") or "")
    try:
        comment = services.post_comment(
            article,
            viewer=viewer,
            body=data["body"],
            author=author,
            reply_to=reply_to,
            notify=data.get("notify") or "",
            passage=passage_request(data),
            seconds_to_write=form.seconds_to_write(),
            send_anyway=form.sent_anyway(article_id=article.pk),
        )
    except services.RevisionSuggested as exc:
        token = send_anyway_token(data["body"], article_id=article.pk)
        form.add_error("body", exc.message)
        return _refuse_comment(
            request, article, form, exc.message, status=exc.status, anyway_token=token
        )
    except services.DiscussionError as exc:
        if exc.field in form.fields:
            form.add_error(exc.field, exc.message)
        return _refuse_comment(request, article, form, exc.message, status=exc.status)
    except OperationalError as exc:
        if not is_locked(exc):
            raise
        # Another writer held SQLite's lock past the busy timeout: nothing was saved.
        return _refuse_comment(request, article, form, _database_busy(), status=503)
    _forget_draft(request.POST.get("draft", ""))

    if _wants_fragment(request):
        comment.reply_to_comment = reply_to
        html = render_to_string(
            "discussion/discussion.html#comment",
            {
                "comment": comment,
                "viewer": viewer,
                "article": article,
                "can_edit": True,
                "is_new": True,
            },
            request=request,
        )
        response = HttpResponse(sign_forms(html.encode()), status=201)
        response["X-Comment-Id"] = str(comment.pk)
        response["X-Comment-Status"] = str(comment.status)
    else:
        response = HttpResponseRedirect(_comment_url(comment), status=303)
    store_viewer(response, viewer)
    if viewer.user is None:
        if data.get("remember"):
            remember_guest(
                response, name=data["name"], email=data["email"], url=data.get("url") or ""
            )
        else:
            forget_guest(response)
    return response


@require_POST
@same_origin_post
def vote(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
    viewer = viewer_from_request(request)
    form = VoteForm(request.POST)
    if not form.is_valid():
        return _error(request, comment.article, form.first_error())
    viewer.page_issued_at = form.cleaned_data["ts"]
    try:
        result = services.cast_vote(comment, viewer=viewer, value=form.numeric)
    except services.DiscussionError as exc:
        return _error(request, comment.article, exc.message, status=exc.status)
    except OperationalError as exc:
        if not is_locked(exc):
            raise
        return _error(request, comment.article, _not_counted(), status=503)
    if _wants_fragment(request):
        response = JsonResponse(
            {"up": result.upvotes, "down": result.downvotes, "mine": result.mine}
        )
    else:
        response = HttpResponseRedirect(_comment_url(comment), status=303)
    store_viewer(response, viewer)
    return response


@require_POST
@same_origin_post
def rate(request, article_pk):
    article = _published_article(article_pk)
    viewer = viewer_from_request(request)
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _error(request, article, form.first_error())
    viewer.page_issued_at = form.cleaned_data["ts"]
    try:
        result = services.rate_article(article, viewer=viewer, stars=form.cleaned_data["stars"])
    except services.DiscussionError as exc:
        return _error(request, article, exc.message, status=exc.status)
    except OperationalError as exc:
        if not is_locked(exc):
            raise
        return _error(request, article, _not_counted(), status=503)
    if _wants_fragment(request):
        label = ngettext("%(counter)s vote", "%(counter)s votes", result.count) % {
            "counter": grouped(result.count)
        }
        response = JsonResponse(
            {
                "average": result.average,
                "count": result.count,
                "count_label": label,
                "mine": result.mine,
            }
        )
    else:
        response = HttpResponseRedirect(f"{article.get_absolute_url()}#rating", status=303)
    store_viewer(response, viewer)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@same_origin_post
def edit(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
    viewer = viewer_from_request(request)
    if not services.can_edit(comment, viewer):
        if _wants_fragment(request):
            return JsonResponse({"error": _("This comment can no longer be edited.")}, status=403)
        return HttpResponseRedirect(_comment_url(comment), status=303)
    form = EditForm(request.POST or None, initial={"body": comment.body})
    busy = False
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_comment(comment, viewer=viewer, body=form.cleaned_data["body"])
        except services.DiscussionError as exc:
            form.add_error("body", exc.message)
        except OperationalError as exc:
            if not is_locked(exc):
                raise
            form.add_error("body", _database_busy())
            busy = True
        else:
            if _wants_fragment(request):
                response = render(
                    request,
                    "discussion/discussion.html#comment",
                    {
                        "comment": comment,
                        "viewer": viewer,
                        "article": comment.article,
                        "can_edit": True,
                    },
                )
                response.content = sign_forms(response.content)
                return response
            return HttpResponseRedirect(_comment_url(comment), status=303)
    status = (503 if busy else 400) if request.method == "POST" else 200
    template = (
        "discussion/edit.html#edit-form" if _wants_fragment(request) else "discussion/edit.html"
    )
    return _with_retry_after(
        render(request, template, {"comment": comment, "form": form}, status=status)
    )


@require_safe
def thread_fragment(request, article_pk):
    """The next page of top-level comments, for "Load more" and the sort tabs."""
    article = _published_article(article_pk)
    context = discussion_context(request, article)
    response = render(request, "discussion/discussion.html#thread-page", context)
    response.content = sign_forms(response.content)
    return response


@require_safe
def conversation(request, article_pk, root_pk):
    """A whole conversation, for "N more replies" loaded in place.

    The link itself works without JS (the article page with ?conversation=); a browser
    that comes here without asking for the fragment is sent to that page.
    """
    article = _published_article(article_pk)
    if not _wants_fragment(request):
        root = get_object_or_404(
            Comment.objects.select_related("article"),
            pk=root_pk, article=article, parent__isnull=True, status=Comment.Status.APPROVED,
        )  # fmt: skip
        url = _comment_url(root, conversation=True)
        return HttpResponseRedirect(url)
    html = conversation_html(request, article, root_pk)
    if html is None:
        raise Http404
    return HttpResponse(sign_forms(html.encode()))


@require_safe
def permalink(request, pk):
    """/comment/<id>/ → the article page that holds the comment, at its anchor."""
    comment = get_object_or_404(
        Comment.objects.select_related("article"), pk=pk, status=Comment.Status.APPROVED
    )
    if not comment.article.is_published():
        raise Http404
    return HttpResponseRedirect(_comment_url(comment, sort=request.GET.get("sort")))
