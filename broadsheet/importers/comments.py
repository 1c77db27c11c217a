"""A post's WordPress comments as Broadsheet comments: threads, statuses, wpDiscuz votes.

Comments keep their WordPress comment ID as their id wherever it is free, so old
"#comment-1234" links still point at the same comment, and a whole thread is then
written with one bulk insert (every reply knows its parent's id in advance). Where an
id is taken, the comment gets a new one and its place in the thread is written just
after the insert.

Each post's import record (the post's ImportedObject.state["comments"]) maps the
WordPress comment id to [our id, fingerprint, imported up votes, imported down votes,
extras]. Unchanged comments are not touched; changed ones are updated, with vote
totals moved by the difference between the old and the new export so that votes
cast on Broadsheet in between are kept; comments deleted here stay deleted.
"""

import dataclasses
import datetime
import functools
import hashlib
import ipaddress
import operator
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.management.color import no_style
from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKey,
    IntegerField,
    Max,
    TextField,
)
from django.utils import timezone, translation
from django.utils.translation import gettext

from broadsheet.core.hashing import ip_hash
from broadsheet.core.numbers import is_whole_number
from broadsheet.core.text import normalise_display_name
from broadsheet.discussion.models import Comment
from broadsheet.discussion.services import recount_thread

from . import phpserialize
from .content import comment_html
from .dates import parse_wp_date
from .models import ImportedFeedbackLink
from .parser import WxrComment, WxrItem
from .report import ImportReport

KINDS = {
    "": Comment.Kind.COMMENT,
    "comment": Comment.Kind.COMMENT,
    "wpdiscuz_sticky": Comment.Kind.COMMENT,
    "private": Comment.Kind.COMMENT,
    "pingback": Comment.Kind.PINGBACK,
    "trackback": Comment.Kind.TRACKBACK,
    "webmention": Comment.Kind.PINGBACK,
    "note": Comment.Kind.NOTE,
}
STATUSES = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.TRASH,
    "post-trashed": Comment.Status.TRASH,
}
# The materialised path holds 11 characters per level in 255.
PATH_DEPTH_LIMIT = 22
MAX_ID = 2**63 - 1
MAX_VOTES = 1_000_000_000  # more is not a vote count but a broken value
FIELDS = [
    "kind", "author_name", "author_email", "author_url", "user_id", "body", "body_html",
    "status", "created_at", "ip_hash", "upvotes", "downvotes", "score",
]  # fmt: skip


FINGERPRINTED = [f.name for f in dataclasses.fields(WxrComment) if f.name != "meta"]


def fingerprint(comment: WxrComment) -> str:
    """A short hash of everything WordPress says about the comment, meta included."""
    parts = [*(getattr(comment, name) for name in FINGERPRINTED)]
    parts += [part for item in sorted(comment.meta.items()) for part in item]
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).hexdigest()


_COMMON_VOTES = re.compile(r'a:2:\{s:4:"like";i:([0-9]{1,9});s:7:"dislike";i:(-?[0-9]{1,9});\}')


def votes_from_meta(meta: dict[str, str]) -> tuple[int, int] | None:
    """(up, down) from wpDiscuz's comment meta; None when there are none.

    wpdiscuz_votes_seperate (sic) is a PHP array with like / dislike counts (older
    versions stored dislikes negative); wpdiscuz_votes is the net score alone.
    """
    raw = meta.get("wpdiscuz_votes_seperate", "").strip()
    common = _COMMON_VOTES.fullmatch(raw) if raw else None
    if common:  # what wpDiscuz writes; the parser below takes every other shape
        return int(common.group(1)), abs(int(common.group(2)))
    if raw:
        try:
            value = phpserialize.loads(raw)
        except phpserialize.PHPSerializeError:
            value = None
        if isinstance(value, dict):
            up = value.get("like", value.get("likes", 0))
            down = value.get("dislike", value.get("dislikes", 0))
            try:
                up, down = abs(int(up)), abs(int(down))
            except (TypeError, ValueError):
                up = down = MAX_VOTES + 1
            if up <= MAX_VOTES and down <= MAX_VOTES:
                return up, down
    net = meta.get("wpdiscuz_votes", "").strip()
    if net.lstrip("-").isdigit() and abs(int(net)) <= MAX_VOTES:
        value = int(net)
        return (value, 0) if value >= 0 else (0, -value)
    return None


@functools.lru_cache(maxsize=65536)
def hashed_ip(raw: str) -> str:
    """Our keyed hash of a valid IP address; the address itself is never stored."""
    try:
        return ip_hash(str(ipaddress.ip_address(raw.strip())))
    except ValueError:
        return ""


@dataclass
class CommentsResult:
    created: int = 0
    updated: int = 0
    comment_count: int | None = None  # for a new article: its approved reader comments


class NewComment:
    """A comment about to be inserted: its values, and its place once it is known."""

    __slots__ = ("depth", "parent_id", "path", "pk", "reply_to_id", "root_id", "values", "wxr")

    def __init__(self, wxr: WxrComment, values: dict):
        self.wxr, self.values = wxr, values
        self.pk = self.parent_id = self.root_id = self.reply_to_id = None
        self.depth, self.path = 0, ""

    def __getattr__(self, name):  # kind, status, upvotes … as on a Comment
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None


class RowWriter:
    """Plain INSERTs for comments whose ids are known, with executemany.

    bulk_create prepares every field of every row through the ORM; for the hundred
    thousand comments of a large site that is most of the import's time. The
    columns, their defaults and their database conversions come from the model, so
    this stays in step with it.
    """

    def __init__(self, model):
        fields = model._meta.concrete_fields
        self.base = {}
        self.factories = []
        self.converters = []
        for index, field in enumerate(fields):
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                self.factories.append((field.attname, timezone.now))
            elif field.has_default() and callable(field.default):
                self.factories.append((field.attname, field.get_default))
            else:
                self.base[field.attname] = field.get_default()
            if isinstance(field, DateTimeField):
                self.converters.append((index, connection.ops.adapt_datetimefield_value))
            elif not isinstance(
                field, CharField | TextField | IntegerField | BooleanField | ForeignKey
            ):
                convert = functools.partial(field.get_db_prep_save, connection=connection)
                self.converters.append((index, convert))
        self.getter = operator.itemgetter(*(field.attname for field in fields))
        quote = connection.ops.quote_name
        names = ", ".join(quote(field.column) for field in fields)
        marks = ", ".join(["%s"] * len(fields))
        self.sql = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608

    def insert(self, rows, *, article_id: int) -> None:
        params = []
        for row in rows:
            data = dict(self.base)
            data.update(row.values)
            data.update(
                id=row.pk,
                article_id=article_id,
                parent_id=row.parent_id,
                root_id=row.root_id,
                reply_to_id=row.reply_to_id,
                depth=row.depth,
                path=row.path,
            )
            for name, factory in self.factories:
                data[name] = factory()
            values = list(self.getter(data))
            for index, convert in self.converters:
                if values[index] is not None:
                    values[index] = convert(values[index])
            params.append(values)
        with connection.cursor() as cursor:
            for start in range(0, len(params), 500):
                cursor.executemany(self.sql, params[start : start + 500])


class CommentImporter:
    """Imports the comments of one item at a time; users maps WordPress user ids."""

    def __init__(self, *, report: ImportReport, users):
        self.report = report
        self.users = users
        self.max_depth = min(settings.BROADSHEET_COMMENT_MAX_DEPTH, PATH_DEPTH_LIMIT)
        self.sequence_behind = False
        self.writer = RowWriter(Comment)
        self.highest_id: int | None = None  # in the database before this run
        self.used_ids: set[int] = set()  # given out in this run
        with translation.override(settings.LANGUAGE_CODE):
            self.anonymous = gettext("Anonymous")

    def import_comments(
        self, item: WxrItem, article, forms: dict[str, int], record: dict, *, new_article: bool
    ) -> CommentsResult:
        """Import item's comments into article; record is updated in place.

        For an article imported before, the thread's counter is recounted when a
        comment was added or changed; a new article's thread is created by the caller
        with the returned comment_count.
        """
        placed: dict[str, Comment] = {}
        if record and not new_article:
            ids = [entry[0] for entry in record.values()]
            by_pk = {
                c.pk: c
                for c in Comment.objects.filter(pk__in=ids, article=article).only(
                    "pk", "parent_id", "root_id", "path", "depth", *FIELDS
                )
            }
            placed = {w: by_pk[e[0]] for w, e in record.items() if e[0] in by_pk}

        result = CommentsResult()
        fresh: list[WxrComment] = []
        seen: set[str] = set()
        unchanged = 0
        for wxr in item.comments:
            where = f"comment {wxr.wp_id or '?'} on post {item.wp_id}"
            if not is_whole_number(wxr.wp_id) or wxr.wp_id in seen:
                self.report.skip("comment", "missing or repeated comment id", where)
                continue
            seen.add(wxr.wp_id)
            if wxr.wp_id in placed:
                if record[wxr.wp_id][1] == fingerprint(wxr):
                    unchanged += 1
                else:
                    self._update(placed[wxr.wp_id], record, wxr, item, article)
                    result.updated += 1
            elif wxr.wp_id in record:
                self.report.skip("comment", "deleted in Broadsheet since the last import", where)
            else:
                fresh.append(wxr)

        rows = self._create(fresh, placed, record, item, article, forms)
        result.created = len(rows)
        self.report.count("comment", "created", result.created)
        self.report.count("comment", "updated", result.updated)
        self.report.count("comment", "unchanged", unchanged)
        if new_article:
            result.comment_count = sum(
                1
                for c in rows
                if c.kind == Comment.Kind.COMMENT and c.status == Comment.Status.APPROVED
            )
        elif rows or result.updated:
            self._recount(article)
        return result

    def finish(self) -> None:
        """After explicit ids were inserted, move the id sequence past them (PostgreSQL)."""
        if self.sequence_behind:
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), [Comment]):
                    cursor.execute(statement)
            self.sequence_behind = False

    # -- building rows ---------------------------------------------------------------

    def _values(self, wxr: WxrComment, item: WxrItem, article) -> dict:
        where = f"comment {wxr.wp_id} on post {item.wp_id}"
        raw_type = wxr.type.strip().lower()
        kind = KINDS.get(raw_type)
        if kind is None:
            kind = Comment.Kind.COMMENT
            self.report.note(f"unknown comment type imported as a comment ({raw_type})", where)
        status = STATUSES.get(wxr.approved.strip().lower())
        if status is None:
            status = Comment.Status.PENDING
            self.report.note("unknown comment status, held for moderation", where)
        if kind == Comment.Kind.NOTE and status == Comment.Status.APPROVED:
            # Editorial notes (WordPress 6.9) are never shown to readers.
            status = Comment.Status.PENDING
        if raw_type == "private" and status == Comment.Status.APPROVED:
            status = Comment.Status.PENDING
            self.report.note("private wpDiscuz comment held for moderation", where)
        created_at = parse_wp_date(wxr.date_gmt, wxr.date)
        if created_at is None:
            created_at = article.published_at or datetime.datetime.now(datetime.UTC)
            self.report.note("comment without a valid date, dated like its post", where)
        url = wxr.author_url.strip()
        if url and (not url.lower().startswith(("http://", "https://")) or len(url) > 300):
            self.report.note("author website dropped (not an http(s) URL)", where)
            url = ""
        up, down = votes_from_meta(wxr.meta) or (0, 0)
        return {
            "kind": kind,
            # WordPress stored names as typed: no CR/LF, bidi or zero-width tricks here.
            "author_name": (normalise_display_name(wxr.author) or self.anonymous)[:80],
            "author_email": wxr.author_email.strip().lower()[:254],
            "author_url": url,
            "user_id": self.users(wxr.user_id, where),
            "body": wxr.content,
            "body_html": comment_html(wxr.content),
            "status": status,
            "created_at": created_at,
            "ip_hash": hashed_ip(wxr.author_ip),
            "upvotes": up,
            "downvotes": down,
            "score": up - down,
        }

    def _remember(self, record: dict, wxr: WxrComment, pk: int, up: int, down: int, item) -> None:
        """Note the comment in the post's import record, with what the model cannot hold."""
        extras = {}
        where = f"comment {wxr.wp_id} on post {item.wp_id}"
        if wxr.meta.get("wpdiscuz_closed", "").strip() not in ("", "0"):
            extras["closed"] = True
            self.report.note(
                "wpDiscuz closed this conversation to replies (recorded in the import; "
                "Broadsheet closes whole threads only)",
                where,
            )
        if wxr.type.strip().lower() in ("wpdiscuz_sticky", "private"):
            extras["type"] = wxr.type.strip().lower()
            if extras["type"] == "wpdiscuz_sticky":
                self.report.note("sticky wpDiscuz comment imported as a normal comment", where)
        if wxr.user_id.strip() not in ("", "0"):
            extras["wp_user_id"] = wxr.user_id.strip()
        record[wxr.wp_id] = [pk, fingerprint(wxr), up, down, *([extras] if extras else [])]

    def _create(self, fresh, placed, record, item, article, forms) -> list["NewComment"]:
        if not fresh:
            return []
        rows = [NewComment(wxr, self._values(wxr, item, article)) for wxr in fresh]
        wanted = [int(row.wxr.wp_id) for row in rows]
        if max(wanted) <= MAX_ID and not self._taken(wanted):
            # WordPress's ids are free: keep them, and write each row complete.
            for row in rows:
                row.pk = int(row.wxr.wp_id)
            self.used_ids.update(wanted)
            self._place_all(rows, placed, item, links=None)
            self.writer.insert(rows, article_id=article.pk)
            self.sequence_behind = True
        else:
            # New ids come from the sequence: make sure it is past every id in use.
            self.sequence_behind = True
            self.finish()
            self.report.note(
                "comment ids already in use here, new ids given (old #comment links "
                "to these land on the article)",
                f"post {item.wp_id}",
            )
            objects = [Comment(article_id=article.pk, **row.values) for row in rows]
            Comment.objects.bulk_create(objects, batch_size=500)
            for row, obj in zip(rows, objects, strict=True):
                row.pk = obj.pk
                self.used_ids.add(obj.pk)
            links: list[tuple] = []
            self._place_all(rows, placed, item, links=links)
            self._write_places(links)
        for row in rows:
            self._remember(record, row.wxr, row.pk, row.upvotes, row.downvotes, item)
        self._link_feedback(rows, forms, item)
        return rows

    def _taken(self, ids: list[int]) -> bool:
        """Is any of these ids in use? Asks the database only below its highest id."""
        if self.highest_id is None:
            self.highest_id = Comment.objects.aggregate(highest=Max("pk"))["highest"] or 0
        if any(i in self.used_ids for i in ids):
            return True
        below = [i for i in ids if i <= self.highest_id]
        for start in range(0, len(below), 900):
            if Comment.objects.filter(pk__in=below[start : start + 900]).exists():
                return True
        return False

    def _place_all(self, rows, placed, item, *, links) -> None:
        by_pk = {c.pk: c for c in placed.values()} | {row.pk: row for row in rows}
        waiting = {c.wxr.wp_id: c for c in rows}
        for comment in rows:
            self._place(comment, waiting, placed, by_pk, item, links)

    def _place(self, comment, waiting, placed, by_pk, item, links) -> None:
        """Give comment (and first any unplaced ancestors) its parent, depth and path.

        Replies below the maximum depth attach at the deepest level, as post_comment
        does, and keep whom they answered in reply_to; a reply whose parent is
        missing (or part of a loop) becomes top-level.
        """
        chain, node = [], comment
        while node is not None and node.wxr.wp_id in waiting:
            chain.append(node)
            del waiting[node.wxr.wp_id]
            parent_id = node.wxr.parent
            node = waiting.get(parent_id) if parent_id not in placed else None
        for node in reversed(chain):
            reply_to = placed.get(node.wxr.parent)
            if reply_to is None and node.wxr.parent not in ("", "0"):
                self.report.note(
                    "reply whose parent is missing, imported as a top-level comment",
                    f"comment {node.wxr.wp_id} on post {item.wp_id}",
                )
            parent = reply_to
            while parent is not None and parent.depth >= self.max_depth:
                parent = by_pk.get(parent.parent_id)
            placed[node.wxr.wp_id] = node
            if parent is None:
                continue
            node.parent_id, node.reply_to_id = parent.pk, reply_to.pk
            node.root_id = parent.root_id or parent.pk
            node.depth = parent.depth + 1
            node.path = f"{parent.path}{node.pk:010d}/"
            if links is not None:
                links.append((parent.pk, node.root_id, reply_to.pk, node.depth, node.path, node.pk))

    @staticmethod
    def _write_places(links: list[tuple]) -> None:
        """One executemany instead of bulk_update, whose CASE per row is far slower here."""
        if not links:
            return
        quote = connection.ops.quote_name
        columns = ", ".join(
            f"{quote(Comment._meta.get_field(name).column)} = %s"
            for name in ("parent", "root", "reply_to", "depth", "path")
        )
        sql = f"UPDATE {quote(Comment._meta.db_table)} SET {columns} WHERE id = %s"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.executemany(sql, links)

    def _update(self, comment: Comment, record: dict, wxr, item, article) -> None:
        values = self._values(wxr, item, article)
        entry = record[wxr.wp_id]
        imported_up, imported_down = values["upvotes"], values["downvotes"]
        # Votes move by what changed in WordPress; votes cast here in between stay.
        up = max(0, comment.upvotes + imported_up - entry[2])
        down = max(0, comment.downvotes + imported_down - entry[3])
        values.update(upvotes=up, downvotes=down, score=up - down)
        for name, value in values.items():
            setattr(comment, name, value)
        Comment.objects.filter(pk=comment.pk).update(**values)
        self._remember(record, wxr, comment.pk, imported_up, imported_down, item)

    def _link_feedback(self, rows, forms: dict[str, int], item: WxrItem) -> None:
        """Comments wpDiscuz showed as inline feedback, attached where the form is known.

        wpDiscuz stores its own database id of the form, not the shortcode's id, and the
        export carries no table between the two. Only a direct match, or a post with a
        single passage whose feedback comments all name a single form, is certain.
        """
        wanted = [(c, c.wxr.meta.get("wpdiscuz_feedback_form_id", "").strip()) for c in rows]
        wanted = [(c, form_id) for c, form_id in wanted if form_id not in ("", "0")]
        if not wanted:
            return
        named = {form_id for _, form_id in wanted}
        links = []
        for comment, form_id in wanted:
            form = forms.get(form_id)
            if form is None and len(forms) == 1 and len(named) == 1:
                form = next(iter(forms.values()))
            if form is None:
                self.report.note(
                    "inline feedback comment whose passage is not known (form id kept)",
                    f"comment {comment.wxr.wp_id} on post {item.wp_id} (form {form_id})",
                )
            links.append(
                ImportedFeedbackLink(comment_id=comment.pk, wp_form_id=form_id[:64], form_id=form)
            )
        ImportedFeedbackLink.objects.bulk_create(links, batch_size=500)

    @staticmethod
    def _recount(article) -> None:
        """comment_count is the number of approved reader comments, exactly (a service)."""
        recount_thread(article.pk)
