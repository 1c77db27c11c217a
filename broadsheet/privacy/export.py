"""The machine-readable copy of a person's data (GDPR Art. 15 and 20).

Schema "broadsheet-personal-data", version 1. One JSON object:

    schema          "broadsheet-personal-data"
    version         1 (a field may be added within a version; none is renamed or removed)
    generated_at    ISO 8601 time, UTC
    subject         {"email": address or null, "account": {username, display_name,
                    email, bio, date_joined} or null}
    comments        [{id, url, article: {title, url}, parent_id, status (pending,
                    approved, spam, trash), removal_reason, shown_as_removed,
                    created_at, edited_at, author_name, author_email, author_url,
                    body (as written, Markdown), passage (quoted article text) or null,
                    upvotes, downvotes}]
    votes           [{comment_id, comment_url, article: {title, url}, value (1 | -1),
                    created_at}]
    ratings         [{article: {title, url}, stars (1–5), created_at, updated_at}]
    subscriptions   [{scope (article, replies, comment), article: {title, url},
                    comment_id, confirmed_at, created_at, language}]
    sanctions       [{kind (warning, suspension, ban), reason, message, created_at,
                    ends_at, lifted_at, in_force}]
    moderator_notes [{text, created_at}]
    reports_filed   [{case, category, created_at, status, outcome}]
    error_reports   [{article: {title, url}, passage, suggestion, email, status (new,
                    accepted, dismissed), created_at, correction (its text) or null}]
    stored_not_shown [{kind: "ip_hash", count, retention_days}]: what is kept but not
                    shown, and for how long
    erasure         {"requested_at", "due_at"} while an erasure waits, else null

Times are ISO 8601 with offset; URLs are absolute.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from broadsheet.notifications.email import absolute

SCHEMA = "broadsheet-personal-data"
VERSION = 1


def _time(value):
    return value.astimezone(datetime.UTC).isoformat() if value else None


def _article(article) -> dict:
    return {"title": article.title, "url": absolute(article.get_absolute_url())}


def _account(user) -> dict | None:
    if user is None:
        return None
    return {
        "username": user.username,
        "display_name": user.display_name,
        "email": user.email,
        "bio": getattr(user, "bio", ""),
        "date_joined": _time(user.date_joined),
    }


def _passage(comment):
    try:
        return comment.passage.exact
    except comment._meta.get_field("passage").related_model.DoesNotExist:
        return None


def as_json(data, *, now=None) -> dict:
    """The export of a PersonalData (subject.personal_data), as a dict for json.dumps."""
    now = now or timezone.now()
    return {
        "schema": SCHEMA,
        "version": VERSION,
        "generated_at": _time(now),
        "subject": {"email": data.subject.email or None, "account": _account(data.user)},
        "comments": [
            {
                "id": c.pk,
                "url": absolute(c.get_absolute_url()),
                "article": _article(c.article),
                "parent_id": c.parent_id,
                "status": c.status,
                "removal_reason": c.removal_reason or None,
                "shown_as_removed": c.tombstone,
                "created_at": _time(c.created_at),
                "edited_at": _time(c.edited_at),
                "author_name": c.author_name,
                "author_email": c.author_email,
                "author_url": c.author_url,
                "body": c.body,
                "passage": _passage(c),
                "upvotes": c.upvotes,
                "downvotes": c.downvotes,
            }
            for c in data.comments
        ],
        "votes": [
            {
                "comment_id": v.comment_id,
                "comment_url": absolute(v.comment.get_absolute_url()),
                "article": _article(v.comment.article),
                "value": v.value,
                "created_at": _time(v.created_at),
            }
            for v in data.votes
        ],
        "ratings": [
            {
                "article": _article(r.article),
                "stars": r.stars,
                "created_at": _time(r.created_at),
                "updated_at": _time(r.updated_at),
            }
            for r in data.ratings
        ],
        "subscriptions": [
            {
                "scope": s.scope,
                "article": _article(s.article),
                "comment_id": s.comment_id,
                "confirmed_at": _time(s.confirmed_at),
                "created_at": _time(s.created_at),
                "language": s.language,
            }
            for s in data.subscriptions
        ],
        "sanctions": [
            {
                "kind": s.kind,
                "reason": s.reason,
                "message": s.message,
                "created_at": _time(s.created_at),
                "ends_at": _time(s.ends_at),
                "lifted_at": _time(s.lifted_at),
                "in_force": s.lifted_at is None and (s.ends_at is None or s.ends_at > now),
            }
            for s in data.sanctions
        ],
        "moderator_notes": [
            {"text": n.text, "created_at": _time(n.created_at)} for n in data.notes
        ],
        "reports_filed": [
            {
                "case": r.case_number,
                "category": r.category,
                "created_at": _time(r.created_at),
                "status": r.status,
                "outcome": r.outcome or None,
            }
            for r in data.reports
        ],
        "error_reports": [
            {
                "article": _article(r.article),
                "passage": r.exact,
                "suggestion": r.suggestion,
                "email": r.email,
                "status": r.status,
                "created_at": _time(r.created_at),
                "correction": r.correction.text if r.correction else None,
            }
            for r in data.error_reports
        ],
        "stored_not_shown": [
            {
                "kind": "ip_hash",
                "count": data.ip_hash_count,
                "retention_days": settings.BROADSHEET_RETENTION_DAYS,
            }
        ],
        "erasure": (
            {"requested_at": _time(data.erasure.requested_at), "due_at": _time(data.erasure.due_at)}
            if data.erasure
            else None
        ),
    }
