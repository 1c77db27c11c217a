"""Passages of an article that comments are about: editor questions and reader quotes.

Kept in step with the article body after every save (see receivers.py): editor
questions are synced from the [[passage|question]] marks, and every passage is found
again in the new text or marked as orphaned — never silently moved.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from . import anchoring
from .models import Comment, EditorQuestion, Passage


@dataclass
class PassageRequest:
    """What a reader asked to comment on: free text (from a selection) or a question."""

    exact: str = ""
    prefix: str = ""
    suffix: str = ""
    hint: int | None = None
    question_number: int | None = None

    @property
    def is_empty(self) -> bool:
        return not self.exact.strip() and self.question_number is None


def resolve(article, request: PassageRequest) -> tuple[anchoring.Selector, EditorQuestion | None]:
    """The server's own selector for a reader's request; AnchorError if it is not there."""
    question = None
    if request.question_number is not None:
        question = EditorQuestion.objects.filter(
            article=article, number=request.question_number, active=True
        ).first()
        if question is None:
            raise anchoring.AnchorError("no such question")
        return anchoring.select(article.body_text, exact=question.passage), question
    selector = anchoring.select(
        article.body_text,
        exact=request.exact,
        prefix=request.prefix,
        suffix=request.suffix,
        hint=request.hint,
    )
    return selector, None


def attach(
    comment: Comment, selector: anchoring.Selector, question: EditorQuestion | None
) -> Passage:
    passage = Passage.objects.create(
        comment=comment,
        article_id=comment.article_id,
        question=question,
        exact=selector.exact,
        prefix=selector.prefix,
        suffix=selector.suffix,
        start=selector.start,
        end=selector.end,
    )
    Comment.objects.filter(pk=comment.pk).update(has_passage=True)
    comment.has_passage = True
    return passage


@dataclass
class ReanchorReport:
    kept: Counter = field(default_factory=Counter)  # how -> count
    orphaned: int = 0

    @property
    def total(self) -> int:
        return sum(self.kept.values()) + self.orphaned


@transaction.atomic
def refresh(article, marked_questions=None) -> ReanchorReport:
    """Sync editor questions from the body and re-attach every passage of the article."""
    from broadsheet.core.versions import next_version

    from .models import Thread

    if marked_questions is not None:
        _sync_questions(article, marked_questions)
    # Comments quoting passages render differently now: expire cached thread pages.
    Thread.objects.filter(pk=article.pk).update(version=next_version("version"))
    from broadsheet.core.purge import purge_later

    purge_later(f"thread-{article.pk}")
    report = ReanchorReport()
    for passage in Passage.objects.filter(article=article).select_related("question"):
        if passage.question_id and passage.question.active:
            # An editor question's passage is wherever the editor's mark now is.
            found, how = _question_selector(article, passage.question), "question"
        else:
            found, how = anchoring.reanchor(article.body_text, passage.selector)
        if found is None:
            report.orphaned += 1
            if not passage.orphaned:
                Passage.objects.filter(pk=passage.pk).update(orphaned=True)
            continue
        report.kept[how] += 1
        Passage.objects.filter(pk=passage.pk).update(
            exact=found.exact, prefix=found.prefix, suffix=found.suffix,
            start=found.start, end=found.end, orphaned=False,
        )  # fmt: skip
    return report


def _question_selector(article, question: EditorQuestion):
    try:
        return anchoring.select(article.body_text, exact=question.passage)
    except anchoring.AnchorError:
        return None


def _sync_questions(article, marked_questions) -> None:
    existing = {q.question: q for q in EditorQuestion.objects.filter(article=article)}
    seen = set()
    for marked in marked_questions:
        question = existing.get(marked.question)
        if question is None:
            question = EditorQuestion(article=article, question=marked.question)
        question.number, question.passage, question.active = marked.number, marked.passage, True
        question.save()
        seen.add(question.pk)
    EditorQuestion.objects.filter(article=article).exclude(pk__in=seen).update(active=False)
