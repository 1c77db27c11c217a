"""The newsroom workflow in the article admin: roles, review queue, notes, history, autosave.

ArticleAdmin (admin.py) mixes EditorialAdmin in. Every write goes through
publishing.services; the form offers only the statuses the person may choose, and
the services refuse the rest anyway (a crafted POST gets the same clear message).
"""

import difflib

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy

from . import services
from .body import render_body
from .image_picker import image_picker
from .models import Article, ArticleAutosave, ArticleNote, ArticleRevision
from .models.workflow import REVISION_FIELDS

# Notes are a field of the article form (a new note) and a read-only list (older ones)
# rather than a formset, so a POST without them (a script, an old form) still saves.
PREVIEW_LIMIT = 500_000  # characters; an article body is far shorter

NOTES_FIELDSET = (
    gettext_lazy("Editorial notes (never public)"),
    {"fields": ("editorial_notes", "new_note")},
)


def _status_choices(user, article) -> list:
    allowed = [Article.Status.DRAFT, Article.Status.IN_REVIEW]
    if services.can_publish(user, article):
        allowed += [Article.Status.SCHEDULED, Article.Status.PUBLISHED]
    return [(value, label) for value, label in Article.Status.choices if value in allowed]


class EditorialArticleForm(forms.ModelForm):
    new_note = forms.CharField(
        label=gettext_lazy("New note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class EditorialAdmin:
    """Mixed into ArticleAdmin."""

    form = EditorialArticleForm

    change_form_template = "admin/publishing/article/change_form.html"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        user = request.user

        class ArticleForm(form_class):
            def __init__(self, *args, **kw):
                super().__init__(*args, **kw)
                if "status" in self.fields:
                    self.fields["status"].choices = _status_choices(user, self.instance)

            def clean(self):
                data = super().clean()
                try:
                    if data.get("status") in Article.PUBLIC_STATUSES:
                        services.check_can_publish(user, self.instance)
                    else:
                        services.check_can_change(user, self.instance)
                except services.PublishingDenied as exc:
                    raise forms.ValidationError(exc.message) from exc
                return data

        return form_class if user is None else ArticleForm

    actions = ["submit_selected", "publish_selected", "unpublish_selected"]

    def has_publish_permission(self, request) -> bool:
        """For the publish and unpublish actions: shown to those who may publish."""
        user = request.user
        return user.has_perm("publishing.publish_article") or user.has_perm(
            "publishing.publish_own_article"
        )

    def _each(self, request, queryset, verb, done_message) -> None:
        done, refused = 0, []
        for article in queryset:
            try:
                verb(article, by=request.user)
            except (services.PublishingDenied, services.PublishingError) as exc:
                refused.append(
                    _("“%(title)s”: %(reason)s") % {"title": article.title, "reason": exc.message}
                )
            else:
                done += 1
        if done:
            messages.success(request, done_message % {"count": done})
        for line in refused:
            messages.error(request, line)

    @admin.action(description=gettext_lazy("Submit selected articles for review"))
    def submit_selected(self, request, queryset):
        self._each(
            request,
            queryset,
            services.submit_for_review,
            ngettext_lazy(
                "%(count)d article submitted for review.",
                "%(count)d articles submitted for review.",
                "count",
            ),
        )

    @admin.action(description=gettext_lazy("Publish selected articles"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._each(
            request,
            queryset,
            services.publish_article,
            ngettext_lazy(
                "%(count)d article published.",
                "%(count)d articles published.",
                "count",
            ),
        )

    @admin.action(description=gettext_lazy("Unpublish selected articles"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._each(
            request,
            queryset,
            services.unpublish_article,
            ngettext_lazy(
                "%(count)d article unpublished.",
                "%(count)d articles unpublished.",
                "count",
            ),
        )

    def get_fieldsets(self, request, obj=None):
        return [*super().get_fieldsets(request, obj), NOTES_FIELDSET]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "editorial_notes"]

    @admin.display(description=gettext_lazy("notes"))
    def editorial_notes(self, article):
        notes = article.notes.select_related("author") if article.pk else []
        return (
            format_html_join(
                "",
                "<p><strong>{} · {}</strong><br>{}</p>",
                (
                    (
                        n.author or "—",
                        date_format(timezone.localtime(n.created_at), "DATETIME_FORMAT"),
                        n.text,
                    )
                    for n in notes
                ),
            )
            or "—"
        )

    def save_model(self, request, obj, form, change):
        try:
            services.save_article(obj, by=request.user)
        except services.PublishingError as exc:
            messages.error(request, exc.message)
            raise PermissionDenied(exc.message) from exc
        if getattr(obj, "missing_images", ()):
            messages.warning(
                request,
                _("The text refers to images the library does not have: %(ids)s.")
                % {"ids": ", ".join(str(pk) for pk in obj.missing_images)},
            )
        note = form.cleaned_data.get("new_note", "").strip()
        if note:
            ArticleNote.objects.create(article=obj, author=request.user, text=note)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        revision = getattr(form.instance, "saved_revision", None)
        if revision is not None and formset.model._meta.model_name == "correction":
            services.link_corrections(revision, [c.pk for c in formset.new_objects])

    def changelist_view(self, request, extra_context=None):
        waiting = Article.objects.filter(status=Article.Status.IN_REVIEW).count()
        extra_context = {**(extra_context or {}), "in_review_count": waiting}
        if waiting and request.GET.get("status__exact") != Article.Status.IN_REVIEW:
            messages.info(
                request,
                ngettext(
                    "%(count)d article is waiting for review.",
                    "%(count)d articles are waiting for review.",
                    waiting,
                )
                % {"count": waiting},
            )
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        own = [
            path(
                "<int:pk>/history/revisions/",
                self.admin_site.admin_view(self.revisions_view),
                name="publishing_article_revisions",
            ),
            path(
                "<int:pk>/restore/<int:number>/",
                self.admin_site.admin_view(self.restore_view),
                name="publishing_article_restore",
            ),
            path(
                "preview-body/",
                self.admin_site.admin_view(self.preview_body_view),
                name="publishing_article_preview_body",
            ),
            path(
                "image-picker/",
                self.admin_site.admin_view(image_picker),
                name="publishing_article_image_picker",
            ),
            path(
                "<int:pk>/autosave/",
                self.admin_site.admin_view(self.autosave_view),
                name="publishing_article_autosave",
            ),
        ]
        return own + super().get_urls()

    def _article(self, request, pk) -> Article:
        article = get_object_or_404(Article, pk=pk)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def revisions_view(self, request, pk):
        article = self._article(request, pk)
        revisions = list(article.revisions.select_related("created_by"))
        by_number = {r.number: r for r in revisions}
        diff = None
        if revisions:
            try:
                new = by_number[int(request.GET.get("b", revisions[0].number))]
                old = by_number[int(request.GET.get("a", max(new.number - 1, 1)))]
            except (KeyError, ValueError) as exc:
                raise Http404(_("No such revision.")) from exc
            diff = revision_diff(old, new)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("History of “%(title)s”") % {"title": article.title},
            "article": article,
            "revisions": revisions,
            "diff": diff,
            "can_restore": services.can_publish(request.user, article)
            or article.status not in Article.PUBLIC_STATUSES,
        }
        return TemplateResponse(request, "admin/publishing/article/revisions.html", context)

    def restore_view(self, request, pk, number):
        if request.method != "POST":
            return redirect("admin:publishing_article_revisions", pk)
        article = self._article(request, pk)
        revision = get_object_or_404(ArticleRevision, article=article, number=number)
        try:
            restored = services.restore_revision(revision, by=request.user)
        except services.PublishingDenied as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("Revision %(old)d restored as revision %(new)d.")
                % {"old": revision.number, "new": restored.number},
            )
        return redirect("admin:publishing_article_change", pk)

    def preview_body_view(self, request):
        """POST: the body as readers will see it, by the renderer Article.save() uses."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        source = request.POST.get("body", "")
        if len(source) > PREVIEW_LIMIT:
            return JsonResponse({"error": _("The text is too long to preview.")}, status=413)
        rendered = render_body(source)
        return JsonResponse(
            {
                "html": rendered.html,
                "words": len(rendered.text.split()),
                "missing_images": list(rendered.missing_images),
            }
        )

    def autosave_view(self, request, pk):
        """POST (with CSRF, as every admin POST): the draft fields into the person's slot."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article(request, pk)
        fields = {name: request.POST.get(name, getattr(article, name)) for name in REVISION_FIELDS}
        slot = services.autosave(article, by=request.user, fields=fields)
        return JsonResponse({"saved_at": slot.saved_at.isoformat()})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["preview_body_url"] = reverse("admin:publishing_article_preview_body")
        context["image_picker_url"] = reverse("admin:publishing_article_image_picker")
        if obj is not None:
            slot = ArticleAutosave.objects.filter(article=obj, user=request.user).first()
            context["autosave_url"] = reverse("admin:publishing_article_autosave", args=[obj.pk])
            context["revisions_url"] = reverse("admin:publishing_article_revisions", args=[obj.pk])
            if slot is not None and slot.fields() != {n: getattr(obj, n) for n in REVISION_FIELDS}:
                context["autosave_slot"] = slot
                # The form opens with what was typed, not yet saved: nothing is lost.
                for name, value in slot.fields().items():
                    if name in context["adminform"].form.initial:
                        context["adminform"].form.initial[name] = value
                messages.info(
                    request,
                    _("Unsaved changes from %(when)s were restored; save to keep them.")
                    % {"when": slot.saved_at.strftime("%d.%m.%Y %H:%M")},
                )
        return super().render_change_form(request, context, add, change, form_url, obj)


def revision_diff(old: ArticleRevision, new: ArticleRevision) -> list[dict]:
    """Per field, the changed lines of old → new (escaped HTML table rows from difflib)."""
    changes = []
    for name in REVISION_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        table = difflib.HtmlDiff(wrapcolumn=70).make_table(
            before.splitlines() or [""],  # HtmlDiff escapes &, < and > itself
            after.splitlines() or [""],
            context=True,
            numlines=2,
        )
        changes.append(
            {
                "label": ArticleRevision._meta.get_field(name).verbose_name,
                "table": table,
            }
        )
    return changes
