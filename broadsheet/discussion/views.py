"""Discussion endpoints. Each is a plain POST that redirects to the right anchor;
the JS module sends the same POST with `X-Broadsheet-Fragment` and gets a fragment
(or JSON for votes and ratings) back instead.
"""

from urllib.parse import urlencode

from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from broadsheet.core.security import same_origin_post
from broadsheet.publishing.models import Article

from . import selectors, services
from .context import discussion_context
from .forms import CommentForm, EditForm, RatingForm, VoteForm, passage_request, sign_forms
from .identity import forget_guest, remember_guest, store_viewer, viewer_from_request
from .models import Comment


def _wants_fragment(request) -> bool:
    return request.headers.get("X-Broadsheet-Fragment") == "1"


def _published_article(pk) -> Article:
    return get_object_or_404(Article.objects.published().select_related("thread"), pk=pk)


def _comment_url(comment: Comment, *, sort: str | None = None) -> str:
    sort = selectors.normalise_sort(sort)
    params = {}
    if sort != selectors.normalise_sort(None):
        params["sort"] = sort
    if comment.status == Comment.Status.APPROVED:
        cursor = selectors.cursor_before(comment, sort=sort)
        if cursor:
            params["after"] = cursor
    query = f"?{urlencode(params)}" if params else ""
    return f"{comment.article.get_absolute_url()}{query}#{comment.anchor}"


def _error(request, article, message: str, *, status=400, form=None, **extra):
    if _wants_fragment(request):
        return JsonResponse({"error": message, **extra}, status=status)
    # Without JS: the article page again, with the message and everything typed kept.
    from broadsheet.publishing.views import render_article

    return render_article(
        request, article, comment_form=form, discussion_error=message, status=status
    )


@require_POST
@same_origin_post
def post_comment(request, article_pk):
    article = _published_article(article_pk)
    viewer = viewer_from_request(request)
    form = CommentForm(request.POST, user=viewer.user)
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        return _error(request, article, first, form=form, fields=form.errors.get_json_data())
    data = form.cleaned_data
    reply_to = None
    if data.get("reply_to"):
        reply_to = Comment.objects.filter(pk=data["reply_to"]).first()
        if reply_to is None:
            return _error(
                request, article, _("The comment you are replying to is not available."), form=form
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
        )
    except services.DiscussionError as exc:
        return _error(request, article, exc.message, form=form, status=exc.status)

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
    if _wants_fragment(request):
        label = ngettext("%(counter)s vote", "%(counter)s votes", result.count) % {
            "counter": result.count
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
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_comment(comment, viewer=viewer, body=form.cleaned_data["body"])
        except services.DiscussionError as exc:
            form.add_error("body", exc.message)
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
    status = 400 if request.method == "POST" else 200
    template = (
        "discussion/edit.html#edit-form" if _wants_fragment(request) else "discussion/edit.html"
    )
    return render(request, template, {"comment": comment, "form": form}, status=status)


@require_safe
def thread_fragment(request, article_pk):
    """The next page of top-level comments, for "Load more" and the sort tabs."""
    article = _published_article(article_pk)
    context = discussion_context(request, article)
    response = render(request, "discussion/discussion.html#thread-page", context)
    response.content = sign_forms(response.content)
    return response


@require_safe
def permalink(request, pk):
    """/comment/<id>/ → the article page that holds the comment, at its anchor."""
    comment = get_object_or_404(
        Comment.objects.select_related("article"), pk=pk, status=Comment.Status.APPROVED
    )
    if not comment.article.is_published():
        raise Http404
    return HttpResponseRedirect(_comment_url(comment, sort=request.GET.get("sort")))
