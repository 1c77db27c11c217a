"""The write side of publishing: verbs that save, review, publish and restore articles.

Every path that writes an article's text or status (the admin, the importer, the demo)
calls these, so each save keeps a revision, re-anchors the discussion's passages
explicitly (discussion.services.sync_passages) and moves the cache versions through
the same post_save bump points as before (signals.py: SiteVersion.articles and the
article's purge, queued by purge_later for after commit).

Permissions are checked here, not only in the admin: `by` is the person acting, or
None for the system itself (an import, the demo, a shell script), which may do anything.
Contributors write and submit for review; Authors publish what they wrote; Editors
publish everything (accounts.roles).
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from broadsheet.discussion import services as discussion

from . import review
from .models import Article, ArticleAutosave, ArticleRevision, Author, Correction
from .models.workflow import REVISION_FIELDS

Kind = ArticleRevision.Kind


class PublishingDenied(PermissionDenied):
    """The person may not do this to this article; the message says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class PublishingError(ValueError):
    """The request itself is wrong (a schedule in the past); the message says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# -- checks (may refuse, never write) ---------------------------------------------


def is_own(user, article: Article) -> bool:
    """The person is in the byline or started the article (a new one is their own)."""
    if article.pk is None:
        return True
    if Author.objects.filter(user=user, articles=article).exists():
        return True
    return ArticleRevision.objects.filter(article=article, number=1, created_by=user).exists()


def can_publish(user, article: Article) -> bool:
    if user is None or user.has_perm("publishing.publish_article"):
        return True
    return user.has_perm("publishing.publish_own_article") and is_own(user, article)


def check_can_publish(user, article: Article) -> None:
    if can_publish(user, article):
        return
    if user.has_perm("publishing.publish_own_article"):
        raise PublishingDenied(_("You may publish only your own articles."))
    raise PublishingDenied(
        _("You may not publish articles. Submit the article for review instead.")
    )


def _stored_status(article: Article) -> str | None:
    if article.pk is None:
        return None
    return Article.objects.filter(pk=article.pk).values_list("status", flat=True).first()


def check_can_change(user, article: Article) -> None:
    """Changing what readers already see is publishing again."""
    if _stored_status(article) in Article.PUBLIC_STATUSES:
        check_can_publish(user, article)


# -- verbs ----------------------------------------------------------------------------


def _store(article: Article, *, by, kind: str, now=None) -> ArticleRevision:
    """Save the article and everything that follows a save, in one transaction."""
    created = article.pk is None
    article.save()  # signals.py moves the versions and queues the purges
    article.passage_report = discussion.sync_passages(
        article, questions=getattr(article, "marked_questions", None), created=created
    )
    revision = _record_revision(article, by=by, kind=kind, now=now)
    if by is not None:  # an explicit save takes the place of the person's autosave
        ArticleAutosave.objects.filter(article=article, user=by).delete()
    article.saved_revision = revision
    return revision


def _record_revision(article: Article, *, by, kind: str, now=None, restored_from=None):
    last = ArticleRevision.objects.filter(article=article).aggregate(n=Max("number"))["n"]
    return ArticleRevision.objects.create(
        article=article,
        number=(last or 0) + 1,
        kind=kind,
        status=article.status,
        created_at=now or timezone.now(),
        created_by=by,
        restored_from=restored_from,
        **{name: getattr(article, name) for name in REVISION_FIELDS},
    )


def save_draft(article: Article, *, by=None) -> ArticleRevision:
    """Save the article as a draft; a published one is taken off the site (unpublish)."""
    with transaction.atomic():
        if _stored_status(article) in Article.PUBLIC_STATUSES:
            return unpublish_article(article, by=by)
        article.status = Article.Status.DRAFT
        return _store(article, by=by, kind=Kind.SAVED)


def submit_for_review(article: Article, *, by=None) -> ArticleRevision:
    """Save the article as "in review" and mail the editors (after commit, via the outbox).

    The mail goes once per submission: saving again while in review sends no new one.
    """
    with transaction.atomic():
        check_can_change(by, article)
        was_in_review = _stored_status(article) == Article.Status.IN_REVIEW
        article.status = Article.Status.IN_REVIEW
        revision = _store(article, by=by, kind=Kind.SUBMITTED if not was_in_review else Kind.SAVED)
        if not was_in_review:
            review.notify_editors(article, revision=revision, by=by)
    return revision


def publish_article(article: Article, *, by=None, at: datetime.datetime | None = None):
    """Publish now (or at `at` if that is in the past, as for an import)."""
    with transaction.atomic():
        check_can_publish(by, article)
        now = timezone.now()
        if at is not None and at > now:
            return schedule_article(article, by=by, at=at)
        article.status = Article.Status.PUBLISHED
        if at is not None:
            article.published_at = at
        elif article.published_at is None or article.published_at > now:
            article.published_at = now
        return _store(article, by=by, kind=Kind.PUBLISHED, now=now)


def schedule_article(article: Article, *, by=None, at: datetime.datetime | None = None):
    """Publish at a future time: visibility follows the clock (ArticleQuerySet.published)."""
    at = at or article.published_at
    if at is None or at <= timezone.now():
        raise PublishingError(_("Choose a publication date in the future to schedule."))
    with transaction.atomic():
        check_can_publish(by, article)
        article.status = Article.Status.SCHEDULED
        article.published_at = at
        return _store(article, by=by, kind=Kind.SCHEDULED)


def unpublish_article(article: Article, *, by=None) -> ArticleRevision:
    """Take the article off the site; its date stays, so republishing keeps its URL."""
    with transaction.atomic():
        check_can_publish(by, article)
        article.status = Article.Status.DRAFT
        return _store(article, by=by, kind=Kind.UNPUBLISHED)


def save_article(article: Article, *, by=None) -> ArticleRevision:
    """Save with the status the article carries (the admin form, the importer)."""
    status = article.status
    if status == Article.Status.IN_REVIEW:
        return submit_for_review(article, by=by)
    if status == Article.Status.SCHEDULED and not article.is_published():
        return schedule_article(article, by=by)
    if status in Article.PUBLIC_STATUSES:
        # As it stands: a scheduled article whose time has come stays "scheduled".
        with transaction.atomic():
            check_can_publish(by, article)
            return _store(article, by=by, kind=Kind.PUBLISHED)
    return save_draft(article, by=by)


def restore_revision(revision: ArticleRevision, *, by=None) -> ArticleRevision:
    """Put a revision's text back; this is a new revision, and history is kept whole."""
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=revision.article_id)
        check_can_change(by, article)
        for name, value in revision.fields().items():
            setattr(article, name, value)
        article.save()
        article.passage_report = discussion.sync_passages(
            article, questions=article.marked_questions
        )
        restored = _record_revision(article, by=by, kind=Kind.RESTORED, restored_from=revision)
    return restored


def link_corrections(revision: ArticleRevision, correction_ids) -> int:
    """Corrections saved with a revision point to it (the save that made the fix)."""
    return Correction.objects.filter(
        pk__in=list(correction_ids), article_id=revision.article_id, revision__isnull=True
    ).update(revision=revision)


def autosave(article: Article, *, by, fields: dict[str, str]) -> ArticleAutosave:
    """Keep what the person is typing in their one autosave slot; no revision, no publish.

    The article itself is not changed, so readers and caches see nothing until an
    explicit save turns the slot into a revision.
    """
    values = {name: str(fields.get(name, ""))[: _limit(name)] for name in REVISION_FIELDS}
    slot, _created = ArticleAutosave.objects.update_or_create(
        article=article, user=by, defaults={**values, "saved_at": timezone.now()}
    )
    return slot


def _limit(name: str) -> int:
    return ArticleAutosave._meta.get_field(name).max_length or 1_000_000
