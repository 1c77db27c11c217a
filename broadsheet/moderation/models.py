from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BlocklistEntry(models.Model):
    """A word or e-mail address that sends a comment straight to spam."""

    class Kind(models.TextChoices):
        WORD = "word", _("Word or phrase")
        EMAIL = "email", _("E-mail address or domain")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.WORD)
    value = models.CharField(
        _("value"),
        max_length=200,
        help_text=_("Case-insensitive. For e-mail, a whole address or “@domain.example”."),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="unique_blocklist_entry")
        ]
        verbose_name = _("blocklist entry")
        verbose_name_plural = _("blocklist")

    def __str__(self) -> str:
        return self.value

    def save(self, *args, **kwargs):
        self.value = self.value.strip().lower()
        super().save(*args, **kwargs)


# --- Decisions, reports, sanctions and the audit trail -----------------------------------
#
# A "person" is named by one of four keys, as the comments store them: an account, an
# e-mail address (lower case), a voter identity (the keyed voter hash) or a keyed IP hash.
# No table of people exists: a person is whoever those keys find.


class Reason(models.TextChoices):
    """Why a comment was removed: the codes of a statement of reasons (DSA Art. 17)."""

    SPAM = "spam", _("Spam or advertising")
    INSULT = "insult", _("Insult")
    HARASSMENT = "harassment", _("Harassment")
    HATE = "hate", _("Hate speech")
    MISINFORMATION = "misinformation", _("Misinformation")
    ILLEGAL = "illegal", _("Illegal content")
    OFF_TOPIC = "off_topic", _("Off topic")
    PERSONAL_DATA = "personal_data", _("Personal data")
    OTHER = "other", _("Other")


class Target(models.TextChoices):
    ACCOUNT = "account", _("Account")
    EMAIL = "email", _("E-mail address")
    VOTER = "voter", _("Voter identity")
    IP = "ip", _("IP address (keyed hash)")


class Report(models.Model):
    """A reader's report of a comment; with category "illegal" a DSA notice (Art. 16).

    The comment's text is kept as it was reported, so the case can be decided and
    exported even after the comment was edited or deleted.
    """

    class Category(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        INSULT = "insult", _("Insult")
        HARASSMENT = "harassment", _("Harassment")
        MISINFORMATION = "misinformation", _("Misinformation")
        OFF_TOPIC = "off_topic", _("Off topic")
        OTHER = "other", _("Something else")
        ILLEGAL = "illegal", _("Illegal content")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        IN_REVIEW = "in_review", _("In review")
        DECIDED = "decided", _("Decided")

    class Outcome(models.TextChoices):
        REMOVED = "removed", _("Comment removed")
        KEPT = "kept", _("Comment kept")

    comment = models.ForeignKey(
        "discussion.Comment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        verbose_name=_("comment"),
    )
    article = models.ForeignKey(
        "publishing.Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("article"),
    )
    comment_text = models.TextField(_("reported text"))
    comment_author = models.CharField(_("author of the comment"), max_length=80)
    category = models.CharField(_("category"), max_length=16, choices=Category)
    explanation = models.TextField(_("reporter's explanation"), blank=True)
    law = models.CharField(_("law concerned"), max_length=300, blank=True)
    reporter_name = models.CharField(_("reporter's name"), max_length=80, blank=True)
    reporter_email = models.EmailField(_("reporter's e-mail"), max_length=254, blank=True)
    good_faith = models.BooleanField(_("good-faith statement"), default=False)
    reporter_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reporter's account"),
    )
    reporter_key = models.CharField(max_length=64, editable=False)
    reporter_ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.RECEIVED)
    notes = models.TextField(_("case notes"), blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome, blank=True)
    # For notices of illegal content: the legal assessment, told to the reporter.
    illegal = models.BooleanField(_("illegal"), null=True, blank=True)
    legal_ground = models.CharField(_("legal ground"), max_length=300, blank=True)
    decision_explanation = models.TextField(_("explanation of the decision"), blank=True)
    automated = models.BooleanField(_("decided by automated means"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter_key"], name="one_report_per_reader_and_comment"
            )
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="report_queue"),
            models.Index(fields=["comment", "status"], name="report_by_comment"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.comment_text[:40]}"

    @property
    def is_notice(self) -> bool:
        """A notice of illegal content under the Digital Services Act (Art. 16)."""
        return self.category == self.Category.ILLEGAL

    @property
    def case_number(self) -> str:
        return f"{self.created_at:%Y}-{self.pk:05d}"


class SanctionQuerySet(models.QuerySet):
    def in_force(self, *, now=None):
        now = now or timezone.now()
        return self.filter(lifted_at__isnull=True).filter(
            models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=now)
        )


class Sanction(models.Model):
    """A warning, a suspension until ends_at, or a ban (no end) of one person key."""

    class Kind(models.TextChoices):
        WARNING = "warning", _("Warning")
        SUSPENSION = "suspension", _("Suspension")
        BAN = "ban", _("Ban")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    target = models.CharField(_("applies to"), max_length=8, choices=Target)
    value = models.CharField(_("key"), max_length=254)
    # Shown to the person; the reason code is for statistics.
    reason = models.CharField(_("reason"), max_length=16, choices=Reason)
    message = models.TextField(_("message to the person"), blank=True)
    created_at = models.DateTimeField(_("given"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("given by"),
    )
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    # A warning is shown once, the next time the person comments; then it ends.
    acknowledged_at = models.DateTimeField(_("seen"), null=True, blank=True)
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lifted by"),
    )

    objects = SanctionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        indexes = [models.Index(fields=["target", "value"], name="sanction_by_person")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_target_display()}"


class PersonNote(models.Model):
    """A moderator's note on a person, shown beside their comments in the console."""

    target = models.CharField(_("applies to"), max_length=8, choices=Target)
    value = models.CharField(_("key"), max_length=254)
    text = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("note on a person")
        verbose_name_plural = _("notes on people")
        indexes = [models.Index(fields=["target", "value"], name="note_by_person")]

    def __str__(self) -> str:
        return self.text[:60]


class AppendOnly(Exception):
    """The audit log is never changed or deleted from."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("audit entries cannot be changed")

    def delete(self):
        raise AppendOnly("audit entries cannot be deleted")


class AuditEntry(models.Model):
    """One moderation action: who (or which automated rule), what, when, why, before/after.

    Append-only: saving an existing entry, and updating or deleting through the
    ORM, raise AppendOnly. Its references carry no database constraint and are never
    cleared: an entry still names the comment, article or moderator by id after they
    were deleted (actor_name keeps the moderator's name).
    """

    class Action(models.TextChoices):
        APPROVE = "approve", _("approved")
        REJECT = "reject", _("rejected")
        SPAM = "spam", _("marked as spam")
        HOLD = "hold", _("held for review")
        EDIT = "edit", _("edited")
        DELETE = "delete", _("deleted")
        PIN = "pin", _("pinned")
        UNPIN = "unpin", _("unpinned")
        FEATURE = "feature", _("featured")
        UNFEATURE = "unfeature", _("no longer featured")
        REPORT = "report", _("reported")
        DECIDE = "decide", _("report decided")
        SANCTION = "sanction", _("sanctioned")
        LIFT = "lift", _("sanction lifted")
        NOTE = "note", _("note added")
        # An article's surge controls (surge.py): slow mode, pre-moderation on, lifted.
        SLOW_MODE = "slow_mode", _("slow mode changed")
        SURGE = "surge", _("pre-moderation started")
        SURGE_LIFT = "surge_lift", _("pre-moderation lifted")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_name = models.CharField(_("who"), max_length=150, blank=True)
    automated = models.BooleanField(_("automated"), default=False)
    action = models.CharField(_("action"), max_length=10, choices=Action)
    comment = models.ForeignKey(
        "discussion.Comment",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("comment"),
    )
    article = models.ForeignKey(
        "publishing.Article",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("article"),
    )
    report = models.ForeignKey(
        Report,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="audit",
    )
    sanction = models.ForeignKey(
        Sanction,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="audit",
    )
    target = models.CharField(_("person key"), max_length=8, choices=Target, blank=True)
    value = models.CharField(max_length=254, blank=True)
    reason = models.CharField(_("reason"), max_length=16, choices=Reason, blank=True)
    detail = models.TextField(_("detail"), blank=True)
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [
            models.Index(fields=["comment", "at"], name="audit_by_comment"),
            models.Index(fields=["target", "value", "at"], name="audit_by_person"),
            models.Index(fields=["action", "at"], name="audit_by_action"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name or '—'} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnly("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("audit entries cannot be deleted")


# --- The local spam and abuse model (moderation/classifier) -------------------------------


class ClassifierHead(models.Model):
    """One head of the model (spam or abuse): the weights of a linear classifier, shared.

    Every node reads its weights from here (classifier/store.py) and the worker writes
    them under a row lock, so all nodes score alike. Only numbers are kept: no comment
    text. `coef` is a numpy array in .npy format (np.save without pickle).
    """

    class Name(models.TextChoices):
        SPAM = "spam", _("Spam")
        ABUSE = "abuse", _("Abuse")

    name = models.CharField(_("head"), max_length=8, choices=Name, unique=True)
    coef = models.BinaryField(_("weights"))
    intercept = models.FloatField(_("intercept"))
    # The SGD step counter (SGDClassifier.t_): the next step's learning rate follows from it.
    steps = models.FloatField(_("steps"), default=1.0)
    features = models.JSONField(_("feature settings"), default=dict)
    version = models.PositiveBigIntegerField(_("version"), default=1)
    seed_examples = models.PositiveIntegerField(_("examples of the seed set"), default=0)
    decisions = models.PositiveIntegerField(_("moderator decisions learned"), default=0)
    positives = models.PositiveIntegerField(_("of them positive"), default=0)
    trained_at = models.DateTimeField(_("trained"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("model head")
        verbose_name_plural = _("model heads")

    def __str__(self) -> str:
        return f"{self.get_name_display()} v{self.version}"
