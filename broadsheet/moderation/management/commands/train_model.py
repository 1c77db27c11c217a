"""`broadsheet train_model [--reset]`: train the spam and abuse model again, from scratch."""

from django.core.management.base import BaseCommand

from broadsheet.discussion.models import Comment
from broadsheet.moderation.classifier import learning, training
from broadsheet.moderation.models import AuditEntry, ClassifierHead


def decisions_so_far() -> list[training.Example]:
    """Every moderator's latest decision on each comment that still exists, as examples."""
    entries = (
        AuditEntry.objects.filter(
            actor__isnull=False,
            comment__isnull=False,
            action__in=[
                AuditEntry.Action.APPROVE,
                AuditEntry.Action.REJECT,
                AuditEntry.Action.SPAM,
            ],
        )
        .order_by("at", "id")
        .values_list("comment_id", "action", "reason")
    )
    latest = {}
    for comment_id, action, reason in entries.iterator():
        latest[comment_id] = learning.APPROVE if action == AuditEntry.Action.APPROVE else reason
    bodies = dict(Comment.objects.filter(pk__in=latest).values_list("pk", "body"))
    examples = []
    for comment_id, decision in latest.items():
        label = learning.label_for(decision)
        if label in ("ham", "spam", "abuse") and bodies.get(comment_id):
            examples.append(training.Example(label, "", bodies[comment_id]))
    return examples


class Command(BaseCommand):
    help = (
        "Train the spam and abuse model again: from the seed set and every moderator "
        "decision so far, or with --reset from the seed set alone (the starting model)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Forget what the model learned from decisions: back to the starting model.",
        )

    def handle(self, *args, reset, **options):
        decisions = [] if reset else decisions_so_far()
        training.train(decisions=decisions)
        heads = ", ".join(f"{h.name} v{h.version}" for h in ClassifierHead.objects.order_by("name"))
        self.stdout.write(
            f"Trained the model from {len(training.read_seed())} seed examples and "
            f"{len(decisions)} moderator decisions ({heads})."
        )
