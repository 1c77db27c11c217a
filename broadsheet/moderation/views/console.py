"""The console's queues and items. Views parse a form, call one service, and redirect (PRG).

Every action is a plain POST that works without JavaScript; moderation.js only adds
keyboard shortcuts. A refusal (ModerationError) is shown as a message and changes
nothing.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from broadsheet.core.numbers import is_whole_number
from broadsheet.discussion.models import Comment
from broadsheet.publishing.models import Article

from .. import classifier, services
from ..access import moderator_required
from ..forms import (
    ActionForm,
    BulkForm,
    EditForm,
    NoteForm,
    QueueFilterForm,
    SanctionForm,
    ThreadControlForm,
)
from ..models import Reason, Sanction
from ..selectors import PAGE_SIZE, QUEUES, histories_for, person_record, queue_comments
from ..services import ModerationError, people_of, slow_mode_choices


def _queue_url(slug: str) -> str:
    return reverse("moderation:queue", kwargs={"queue": slug})


def _back(request, default: str) -> HttpResponseRedirect:
    """Back to the page the form was on (PRG), focused on the item the form names."""
    target = request.POST.get("next", "")
    if not (
        target.startswith("/")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        target = default
    focus = request.POST.get("focus", "")
    if is_whole_number(focus):
        target = f"{target.split('#')[0]}#item-{focus}"
    return HttpResponseRedirect(target)


def _one(comment: Comment):
    return Comment.objects.filter(pk=comment.pk)


@moderator_required
def queue(request, queue: str):
    if queue not in QUEUES:
        raise Http404
    current = QUEUES[queue]
    form = QueueFilterForm(request.GET or None, reasons=current.reasons())
    filters = form.filters() if form.is_bound else None
    page = Paginator(queue_comments(queue, filters), PAGE_SIZE).get_page(request.GET.get("page"))
    comments = list(page.object_list)
    histories = histories_for(comments)
    items = [
        {
            "comment": comment,
            "history": histories[comment.pk],
            # Where the focus goes once this item has left the queue.
            "after": (comments[i + 1] if i + 1 < len(comments) else comments[i - 1]).pk
            if len(comments) > 1
            else "",
        }
        for i, comment in enumerate(comments)
    ]
    article = None
    if filters and filters.article:
        article = Article.objects.filter(pk=filters.article).only("title").first()
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "moderation/queue.html",
        {
            "queue_slug": queue,
            "queue": current,
            "form": form,
            "page": page,
            "items": items,
            "filter_article": article,
            "query": query.urlencode(),
            "here": request.get_full_path(),
            "reasons": Reason.choices,
        },
    )


def _approve(request, comment: Comment) -> None:
    if comment.status == Comment.Status.APPROVED and comment.report_count:
        # Approving a reported comment that is online keeps it: the reports are closed.
        count = services.dismiss_reports(comment, actor=request.user)
        messages.success(
            request,
            ngettext(
                "The comment stays; %(count)d report closed.",
                "The comment stays; %(count)d reports closed.",
                count,
            )
            % {"count": count},
        )
        return
    if services.approve_comments(_one(comment), actor=request.user):
        messages.success(
            request, _("Comment by %(name)s approved.") % {"name": comment.author_name}
        )
    else:
        messages.info(request, _("The comment was already approved."))


def _reject(request, comment: Comment, form: ActionForm) -> None:
    data = form.cleaned_data
    changed = services.reject_comments(
        _one(comment),
        actor=request.user,
        reason=data["reason"],
        explanation=data["explanation"],
        legal_ground=data["legal_ground"],
    )
    if changed:
        messages.success(
            request,
            _("Comment by %(name)s rejected: %(reason)s.")
            % {"name": comment.author_name, "reason": Reason(data["reason"]).label},
        )
    else:
        messages.info(request, _("The comment was already rejected."))


def _changed(request, changed, done: str, already: str) -> None:
    if changed:
        messages.success(request, done)
    else:
        messages.info(request, already)


@require_POST
@moderator_required
def act(request, pk: int):
    comment = get_object_or_404(Comment, pk=pk)
    form = ActionForm(request.POST)
    default = reverse("moderation:comment", args=[pk])
    if not form.is_valid():
        messages.error(request, _("Unknown action; nothing was changed."))
        return _back(request, default)
    action = form.cleaned_data["action"]
    name = comment.author_name
    try:
        if action == "approve":
            _approve(request, comment)
        elif action == "reject":
            _reject(request, comment, form)
        elif action == "spam":
            _changed(
                request,
                services.mark_spam(_one(comment), actor=request.user),
                _("Comment by %(name)s marked as spam.") % {"name": name},
                _("The comment was already marked as spam."),
            )
        elif action == "hold":
            _changed(
                request,
                services.hold_comments(_one(comment), actor=request.user),
                _("Comment by %(name)s held for review.") % {"name": name},
                _("The comment was already waiting."),
            )
        elif action in ("pin", "unpin"):
            services.pin_comment(comment, actor=request.user, pinned=action == "pin")
            messages.success(
                request, _("Comment pinned.") if action == "pin" else _("Comment unpinned.")
            )
        elif action in ("feature", "unfeature"):
            services.feature_comment(comment, actor=request.user, featured=action == "feature")
            messages.success(
                request,
                _("Comment recommended.")
                if action == "feature"
                else _("Comment no longer recommended."),
            )
    except ModerationError as refused:
        messages.error(request, refused.message)
    return _back(request, default)


@require_POST
@moderator_required
def bulk(request):
    form = BulkForm(request.POST)
    default = _queue_url("waiting")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back(request, default)
    data = form.cleaned_data
    selected = Comment.objects.filter(pk__in=data["ids"])
    try:
        if data["action"] == "approve":
            changed = services.approve_comments(selected, actor=request.user)
            text = ngettext(
                "%(count)d comment approved.", "%(count)d comments approved.", len(changed)
            )
        elif data["action"] == "reject":
            changed = services.reject_comments(
                selected,
                actor=request.user,
                reason=data["reason"],
                explanation=data["explanation"],
                legal_ground=data["legal_ground"],
            )
            text = ngettext(
                "%(count)d comment rejected.", "%(count)d comments rejected.", len(changed)
            )
        else:
            changed = services.mark_spam(selected, actor=request.user)
            text = ngettext(
                "%(count)d comment marked as spam.",
                "%(count)d comments marked as spam.",
                len(changed),
            )
        messages.success(request, text % {"count": len(changed)})
    except ModerationError as refused:
        messages.error(request, refused.message)
    return _back(request, default)


# --- One item: its person, the edit, note and sanction forms ------------------------------


def _comment(pk: int) -> Comment:
    return get_object_or_404(
        Comment.objects.select_related("article__thread", "parent", "passage"), pk=pk
    )


def _render_comment(request, comment: Comment, *, status: int = 200, **forms):
    people = people_of(comment)
    record = person_record(comment)
    forms.setdefault("edit_form", EditForm.for_comment(comment))
    forms.setdefault("note_form", NoteForm(people=people))
    forms.setdefault("sanction_form", SanctionForm(people=people))
    here = request.path
    return render(
        request,
        "moderation/comment.html",
        {
            "comment": comment,
            "item": {"comment": comment, "history": record.history, "after": ""},
            "record": record,
            "people": people,
            "here": here,
            "reasons": Reason.choices,
            "queue_slug": None,
            "assessment": classifier.explain(comment),
            "thread": getattr(comment.article, "thread", None),
            "slow_mode_choices": slow_mode_choices(),
            **forms,
        },
        status=status,
    )


@moderator_required
def comment(request, pk: int):
    return _render_comment(request, _comment(pk))


@require_POST
@moderator_required
def edit(request, pk: int):
    current = _comment(pk)
    form = EditForm(request.POST)
    if form.is_valid():
        try:
            services.edit_comment(current, actor=request.user, **form.cleaned_data)
        except ModerationError as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        else:
            messages.success(request, _("The comment was saved."))
            return HttpResponseRedirect(reverse("moderation:comment", args=[pk]))
    messages.error(request, _("The comment was not saved; please check the form."))
    return _render_comment(request, current, status=400, edit_form=form)


@require_POST
@moderator_required
def note(request, pk: int):
    current = _comment(pk)
    form = NoteForm(request.POST, people=people_of(current))
    if form.is_valid():
        try:
            services.add_note(form.person(), actor=request.user, text=form.cleaned_data["text"])
        except ModerationError as refused:
            form.add_error("text", refused.message)
        else:
            messages.success(request, _("The note was added."))
            return HttpResponseRedirect(reverse("moderation:comment", args=[pk]) + "#person")
    return _render_comment(request, current, status=400, note_form=form)


@require_POST
@moderator_required
def sanction(request, pk: int):
    current = _comment(pk)
    form = SanctionForm(request.POST, people=people_of(current))
    if form.is_valid():
        data = form.cleaned_data
        kind = data["kind"]
        try:
            given = services.sanction_person(
                form.person(),
                actor=request.user,
                kind=kind,
                reason=data["reason"],
                message=data["message"],
                duration=form.duration_delta() if kind == Sanction.Kind.SUSPENSION else None,
                reject_earlier=data["reject_earlier"],
            )
        except ModerationError as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        else:
            messages.success(
                request,
                _("%(kind)s given to %(person)s.")
                % {"kind": given.get_kind_display(), "person": form.person().label},
            )
            return HttpResponseRedirect(reverse("moderation:comment", args=[pk]) + "#person")
    messages.error(request, _("No sanction was given; please check the form."))
    return _render_comment(request, current, status=400, sanction_form=form)


@require_POST
@moderator_required
def lift(request, pk: int):
    given = get_object_or_404(Sanction, pk=pk)
    if given.lifted_at:
        messages.info(request, _("This sanction had already been lifted."))
    else:
        services.lift_sanction(given, actor=request.user)
        messages.success(request, _("The sanction was lifted."))
    return _back(request, _queue_url("waiting"))


@require_POST
@moderator_required
def thread_controls(request, pk: int):
    """Slow mode on an article, or the end of its automatic pre-moderation (PRG)."""
    from broadsheet.discussion.services import thread_for

    article = get_object_or_404(Article, pk=pk)
    form = ThreadControlForm(request.POST)
    default = f"{_queue_url('waiting')}?article={pk}"
    if not form.is_valid():
        messages.error(request, _("Unknown action; nothing was changed."))
        return _back(request, default)
    thread = thread_for(article)
    try:
        if form.cleaned_data["action"] == "slow_mode":
            minutes = form.cleaned_data["minutes"] or None
            services.set_slow_mode(thread, minutes, actor=request.user)
            messages.success(
                request,
                ngettext(
                    "Slow mode: one comment per minute.",
                    "Slow mode: one comment per %(minutes)d minutes.",
                    minutes,
                )
                % {"minutes": minutes}
                if minutes
                else _("Slow mode is off."),
            )
        elif services.lift_surge(thread, actor=request.user):
            messages.success(
                request, _("Pre-moderation lifted; new comments follow the rules again.")
            )
        else:
            messages.info(request, _("This article was not under pre-moderation."))
    except ModerationError as refused:
        messages.error(request, refused.message)
    return _back(request, default)
