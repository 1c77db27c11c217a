"""Threads, comments, votes and ratings.

Counters (comment_count, upvotes, score, rating_sum …) are denormalised and changed
only by services.py, in the same transaction as the rows they count, with F()
expressions so concurrent writers never lose an update.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from broadsheet.core.versions import clock_version


class Thread(models.Model):
    """Per-article discussion state: counters and a version for fragment caches."""

    article = models.OneToOneField(
        "publishing.Article", primary_key=True, on_delete=models.CASCADE, related_name="thread"
    )
    comment_count = models.PositiveIntegerField(_("approved comments"), default=0)
    rating_count = models.PositiveIntegerField(_("ratings"), default=0)
    rating_sum = models.PositiveIntegerField(_("sum of ratings"), default=0)
    closed = models.BooleanField(
        _("closed"), default=False, help_text=_("No new comments, whatever the article says.")
    )
    # Whether a removed comment stays in this thread as a tombstone: only then do
    # thread queries look beyond approved comments (which keeps them on their index).
    has_tombstones = models.BooleanField(default=False, editable=False)
    # Whether a comment is pinned: only then is the first page sorted pinned-first.
    has_pinned = models.BooleanField(default=False, editable=False)
    # Surge controls (moderation/surge.py), set only by moderation services.
    slow_mode_minutes = models.PositiveSmallIntegerField(
        _("slow mode (minutes)"),
        null=True,
        blank=True,
        help_text=_("At most one comment per reader in this many minutes; empty: off."),
    )
    # Since when new comments of people not yet trusted are held: comments came in
    # much faster than usual. Until a moderator lifts it; the rate after a lift is
    # counted from surge_lifted_at, so the same burst does not set it again at once.
    surge_since = models.DateTimeField(_("pre-moderation since"), null=True, blank=True)
    surge_lifted_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Bumped by every change a reader can see; part of the thread fragment cache key.
    # Starts at the clock and never repeats (core/versions.py). Indexed: the front page
    # reads the newest one (publishing/frontpage.py) on every cold request.
    version = models.PositiveBigIntegerField(default=clock_version, editable=False, db_index=True)

    class Meta:
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")

    def __str__(self) -> str:
        return str(self.article)

    @property
    def rating_average(self) -> float:
        return self.rating_sum / self.rating_count if self.rating_count else 0.0


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def visible_to(self, viewer, *, tombstones: bool = False, held: bool = False):
        """Approved comments, plus the viewer's own comments awaiting moderation.

        tombstones: also removed comments kept as "removed" placeholders (only for
        threads that have any: Thread.has_tombstones). held: every comment awaiting
        moderation, for moderators reading the thread.
        """
        own = Q(pk__in=viewer.own_comment_ids) if viewer.own_comment_ids else Q(pk__in=[])
        if viewer.user_id:
            own |= Q(user_id=viewer.user_id)
        visible = Q(status=Comment.Status.APPROVED)
        if held:
            visible |= Q(status=Comment.Status.PENDING)
        else:
            visible |= Q(status=Comment.Status.PENDING) & own
        if tombstones:
            visible |= Q(status=Comment.Status.TRASH, tombstone=True)
        return self.filter(visible)

    def top_level(self):
        return self.filter(parent__isnull=True)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        # "Rejected" in the console; the value is WordPress's, so imports map one to one.
        TRASH = "trash", _("Rejected")

    class HeldBecause(models.TextChoices):
        FIRST_TIME = "first_time", _("first comment of this person")
        ALL = "all", _("all comments are held")
        LINKS = "links", _("too many links")
        BLOCKLIST = "blocklist", _("blocklist")
        REPORTS = "reports", _("reported by readers")
        MODERATOR = "moderator", _("held by a moderator")
        RESTRICTED = "restricted", _("restricted person")
        POLICY = "policy", _("held by the site's moderation setting")
        MODEL = "model", _("possible insult (automatic)")
        MODEL_SPAM = "model_spam", _("possible spam (automatic)")
        SURGE = "surge", _("many comments at once (automatic)")

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Comment")
        PINGBACK = "pingback", _("Pingback")
        TRACKBACK = "trackback", _("Trackback")
        NOTE = "note", _("Editorial note")

    article = models.ForeignKey(
        "publishing.Article",
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("article"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.COMMENT)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name=_("parent"),
    )
    # The top-level comment of this conversation (None for top-level comments), and
    # the path of ancestor ids: one indexed range query returns a subtree in order.
    # Indexed by comment_subtree (root, path), which also serves lookups by root alone.
    root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    path = models.CharField(max_length=255, default="", editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    # Whom the reader answered; differs from parent when a reply below the maximum
    # depth was attached to the deepest level instead.
    reply_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("in reply to"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    author_name = models.CharField(_("name"), max_length=80)
    author_email = models.EmailField(_("e-mail"), blank=True)
    author_url = models.URLField(_("website"), blank=True, max_length=300)
    # Keyed hash of the author's voter identity (account or cookie) at posting time.
    author_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    body = models.TextField(_("text"))
    body_html = models.TextField(editable=False, default="")
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    created_at = models.DateTimeField(_("written"), db_index=False)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    ip_hash = models.CharField(_("IP hash"), max_length=64, blank=True, editable=False)
    # Denormalised from Passage, for the "Inline feedback" filter's index.
    has_passage = models.BooleanField(default=False, editable=False)
    # Moderation state, written only by broadsheet.moderation.services.
    held_because = models.CharField(
        _("held because"), max_length=12, choices=HeldBecause, blank=True
    )
    removal_reason = models.CharField(_("reason for removal"), max_length=16, blank=True)
    # A removed comment with replies stays in the thread as "Kommentar entfernt: …",
    # so the replies keep their context.
    tombstone = models.BooleanField(_("shown as removed"), default=False)
    staff_edited_at = models.DateTimeField(_("edited by the newsroom"), null=True, blank=True)
    pinned = models.BooleanField(_("pinned"), default=False)
    featured = models.BooleanField(_("recommended by the newsroom"), default=False)
    # Open reports (not yet decided) by distinct readers.
    report_count = models.PositiveIntegerField(_("open reports"), default=0)
    # Written by a member of the newsroom (shown with a "Redaktion" badge).
    by_newsroom = models.BooleanField(_("by the newsroom"), default=False)
    upvotes = models.IntegerField(_("up votes"), default=0)
    downvotes = models.IntegerField(_("down votes"), default=0)
    score = models.IntegerField(_("score"), default=0)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        indexes = [
            # One index per sort order of the top-level list (newest scans "oldest" backwards).
            models.Index(
                fields=["article", "status", "created_at", "id"],
                condition=Q(parent__isnull=True),
                name="comment_top_by_time",
            ),
            models.Index(
                fields=["article", "status", "-score", "id"],
                condition=Q(parent__isnull=True),
                name="comment_top_by_score",
            ),
            models.Index(
                fields=["article", "status", "created_at", "id"],
                condition=Q(parent__isnull=True, has_passage=True),
                name="comment_inline_by_time",
            ),
            models.Index(fields=["root", "path"], name="comment_subtree"),
            models.Index(fields=["status", "created_at"], name="comment_moderation_queue"),
            models.Index(fields=["author_email", "status"], name="comment_by_email"),
            # The comment rate of an article (surge.py) and a reader's last comment on it
            # (slow mode): one range on this index each.
            models.Index(fields=["article", "created_at"], name="comment_by_article_time"),
            # The author's history in the console looks people up by these keys too.
            models.Index(fields=["ip_hash", "status"], name="comment_by_ip_hash"),
            models.Index(
                fields=["article", "pinned"], condition=Q(pinned=True), name="comment_pinned"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.body[:50]}"

    def get_absolute_url(self) -> str:
        return reverse("discussion:permalink", kwargs={"pk": self.pk})

    def place_under(self, parent: "Comment | None") -> None:
        """Set parent, root and depth for a new comment (before it is saved)."""
        self.parent = parent
        self.root = (parent.root or parent) if parent else None
        self.depth = parent.depth + 1 if parent else 0

    def save_path(self) -> None:
        """Store the materialised path, which needs this comment's id (after saving)."""
        self.path = f"{self.parent.path}{self.pk:010d}/" if self.parent_id else ""
        Comment.objects.filter(pk=self.pk).update(path=self.path)

    @property
    def anchor(self) -> str:
        return f"comment-{self.pk}"

    @property
    def removal_reason_label(self) -> str:
        from broadsheet.moderation.models import Reason

        if self.removal_reason == "author":  # accounts.services.delete_own_comment
            return _("deleted by its author")
        try:
            return Reason(self.removal_reason).label
        except ValueError:
            return _("removed by the moderators")

    @property
    def is_edited(self) -> bool:
        return self.edited_at is not None


class Mention(models.Model):
    """A comment's "@Name": the latest comment of that name in the thread when written.

    Written with the comment's text (discussion/mentions.py); read when the comment goes
    live, to tell the person mentioned (if they subscribed to the discussion).
    """

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="mentions")
    target = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        constraints = [
            models.UniqueConstraint(fields=["comment", "target"], name="one_mention_per_target")
        ]

    def __str__(self) -> str:
        return f"{self.comment_id} → {self.target_id}"


class Vote(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="votes")
    voter_key = models.CharField(max_length=64)
    value = models.SmallIntegerField(choices=[(1, "+1"), (-1, "-1")])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "voter_key"], name="one_vote_per_voter"),
            models.CheckConstraint(
                condition=Q(value__in=[1, -1]), name="vote_is_plus_or_minus_one"
            ),
        ]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self) -> str:
        return f"{self.value:+d} on {self.comment_id}"


class Rating(models.Model):
    article = models.ForeignKey(
        "publishing.Article", on_delete=models.CASCADE, related_name="ratings"
    )
    voter_key = models.CharField(max_length=64)
    stars = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "voter_key"], name="one_rating_per_voter"),
            models.CheckConstraint(
                condition=Q(stars__gte=1, stars__lte=5), name="rating_one_to_five"
            ),
        ]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self) -> str:
        return f"{self.stars}★ for {self.article_id}"


class EditorQuestion(models.Model):
    """A passage an editor marked in the body with a question for readers.

    Written in the Markdown body as [[passage|question]]; kept in step by
    Article.save() through services.sync_editor_questions().
    """

    article = models.ForeignKey(
        "publishing.Article", on_delete=models.CASCADE, related_name="editor_questions"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    passage = models.TextField(_("passage"))
    question = models.CharField(_("question"), max_length=300)
    active = models.BooleanField(_("in the article"), default=True)

    class Meta:
        ordering = ["article", "number"]
        verbose_name = _("editor question")
        verbose_name_plural = _("editor questions")

    def __str__(self) -> str:
        return self.question

    @property
    def html_id(self) -> str:
        return f"frage-{self.number}"


class Passage(models.Model):
    """The passage a comment is about: a W3C TextQuoteSelector plus a position."""

    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="passage")
    article = models.ForeignKey(
        "publishing.Article", on_delete=models.CASCADE, related_name="passages"
    )
    question = models.ForeignKey(
        EditorQuestion, null=True, blank=True, on_delete=models.SET_NULL, related_name="passages"
    )
    exact = models.TextField(_("quoted text"))
    prefix = models.CharField(max_length=64, blank=True)
    suffix = models.CharField(max_length=64, blank=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    orphaned = models.BooleanField(
        _("no longer in the article"),
        default=False,
        help_text=_("The quoted text was edited away."),
    )

    class Meta:
        verbose_name = _("passage")
        verbose_name_plural = _("passages")

    def __str__(self) -> str:
        return self.exact[:60]

    @property
    def selector(self):
        from .anchoring import Selector

        return Selector(self.exact, self.prefix, self.suffix, self.start, self.end)


class CommentDraft(models.Model):
    """A refused comment, kept for its author between the POST and the page after it.

    A refused form is answered with a redirect (post/redirect/get), so reloading the
    page cannot send the comment again; the text, the errors and the message wait
    here, under an unguessable token in the redirect's address (never the e-mail).
    The database, not the cache: in the embedded default each web process has a cache
    of its own, and the GET after the redirect may reach another process. A comment of
    up to BROADSHEET_COMMENT_MAX_LENGTH characters (20 KB of UTF-8) would not fit a
    cookie either. Reading a draft never writes (a reload shows it again); it goes
    when its comment is posted, and expired rows are deleted when the next is saved.
    """

    token = models.CharField(max_length=64, unique=True)
    article = models.ForeignKey("publishing.Article", on_delete=models.CASCADE, related_name="+")
    fields = models.JSONField(default=dict)
    errors = models.JSONField(default=dict)
    message = models.TextField(blank=True)
    status = models.PositiveSmallIntegerField(default=400)
    # The refused form's token was valid and old enough: the one it comes back with
    # need not make the author wait the minimum fill time again.
    waited = models.BooleanField(default=False)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("comment draft")
        verbose_name_plural = _("comment drafts")

    def __str__(self) -> str:
        return f"draft for {self.article_id}"
