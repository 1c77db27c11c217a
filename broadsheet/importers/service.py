"""import_wxr: a WordPress export into Broadsheet, in one transaction.

The file is streamed (parser.iter_wxr) and written as it is read, inside a single
transaction.atomic: a bad file, noticed perhaps only at its last byte, rolls back to
the database exactly as it was, and pictures already stored for the run are deleted
again. A dry run does all the work and rolls back at the end.

Idempotent by design: every WordPress object is matched on (site, kind, WordPress id)
through ImportedObject, and skipped without a write when its data did not change.
"""

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone, translation
from django.utils.translation import gettext

from broadsheet.core.numbers import is_whole_number, parse_whole_number
from broadsheet.discussion import anchoring, passages
from broadsheet.discussion.models import EditorQuestion, Thread
from broadsheet.discussion.services import adjust_thread, set_comment_count
from broadsheet.publishing import services as publishing
from broadsheet.publishing.models import Article, ArticleAuthor, Author, Category, Image, Page, Tag
from broadsheet.publishing.models.site import bump_site_version
from broadsheet.publishing.search import indexing_deferred

from .comments import CommentImporter
from .content import ConvertedBody, convert_body, make_slug, plain_text, question_text
from .dates import parse_wp_date
from .media import Attachment, MediaLibrary, PictureImport
from .models import (
    ImportedFeedbackForm,
    ImportedFeedbackLink,
    ImportedObject,
    LegacyRedirect,
    fingerprint_of,
)  # fmt: skip
from .parser import Channel, WxrAuthor, WxrError, WxrItem, WxrTerm, iter_wxr
from .report import ImportReport
from .taxonomy import TaxonomyImport

Kind = ImportedObject.Kind
ARTICLE_CATEGORIES = Article.categories.through
ARTICLE_TAGS = Article.tags.through
POST_STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.SCHEDULED,
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.DRAFT,
    "private": Article.Status.DRAFT,
    "trash": Article.Status.DRAFT,
}
# WordPress leaves the GMT date of unpublished drafts at zero: they have no date yet.
UNDATED = ("draft", "pending")


def import_wxr(
    source: BinaryIO | str | Path,
    *,
    site_url: str | None = None,
    media_dir: Path | None = None,
    dry_run: bool = False,
    on_item: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    """Import a WXR 1.0–1.2 file; raise WxrError (and change nothing) for bad input.

    site_url overrides the export's own base URL: it is both the key under which the
    import is remembered and the prefix of links that are made relative.
    """
    events = iter_wxr(str(source) if isinstance(source, Path) else source)
    channel = next(events)  # header problems surface before any database work
    report = ImportReport(version=channel.version, dry_run=dry_run)
    importer = WxrImporter(channel, site_url=site_url, media_dir=media_dir, report=report)
    try:
        with _large_page_cache(), transaction.atomic(), indexing_deferred():
            importer.load()
            for event in events:
                importer.handle(event)
                if on_item is not None:
                    on_item(report)
            importer.finish()
            if report.changed:
                # Rows written in bulk send no signals: move the site's stored versions
                # here, in the import's transaction, so every node shows the import next.
                bump_site_version(chrome=True, articles=True)
            if dry_run:
                transaction.set_rollback(True)
    except BaseException:
        importer.media.discard_saved_files()
        raise
    return report


@contextlib.contextmanager
def _large_page_cache():
    """On SQLite, a 64 MiB page cache while importing (the site's default is 16 MiB).

    One transaction writes every index of every table; with the small cache SQLite
    spills pages to the WAL and reads them back, and the import takes a third longer.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        cursor.execute("PRAGMA cache_size = -65536")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def site_key(url: str) -> str:
    """ "https://www.Example.org/blog/" → "example.org/blog": http and https are one site."""
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url if "//" in url else f"//{url}")
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port not in (None, 80, 443) else ""
    return f"{host}{port}{parts.path.rstrip('/')}" if host else ""


def site_prefixes(urls) -> tuple[str, ...]:
    prefixes = set()
    for url in urls:
        key = site_key(url)
        if key:
            for host in (key, f"www.{key}"):
                prefixes.update({f"https://{host}", f"http://{host}", f"//{host}"})
    return tuple(sorted(prefixes, key=len, reverse=True))


def item_fingerprint(item: WxrItem) -> str:
    data = {k: v for k, v in vars(item).items() if k not in ("comments", "position")}
    data["meta"] = sorted(item.meta.items())
    data["terms"] = sorted(item.terms)
    return fingerprint_of(sorted(data.items()))


def old_path(link: str) -> str | None:
    """The decoded path of an old permalink; None for "/" (plain "?p=" permalinks)."""
    path = unquote(urlsplit(link or "").path)
    return path if path not in ("", "/") else None


def rating_from_meta(meta: dict[str, str]) -> tuple[int, int] | None:
    """(count, sum) from wpDiscuz's average and count: the page shows the same average."""
    try:
        average = float(meta.get("wpdiscuz_post_rating", "").strip())
        count = int(float(meta.get("wpdiscuz_post_rating_count", "").strip()))
    except ValueError:
        return None
    if not 0 < count <= 100_000_000 or not 0 <= average <= 5:
        return None
    return count, round(average * count)


class DeferredRows:
    """New rows that nothing reads back during the import, inserted in batches.

    One bulk insert per kind and batch instead of one INSERT per row: for thousands
    of posts, this is most of the difference between minutes and seconds.
    """

    ORDER = (
        ImportedObject,
        LegacyRedirect,
        ArticleAuthor,
        ARTICLE_CATEGORIES,
        ARTICLE_TAGS,
        Thread,
    )

    def __init__(self):
        self.rows = {model: [] for model in self.ORDER}
        self.size = 0

    def add(self, row) -> None:
        self.rows[type(row)].append(row)
        self.size += 1

    def flush(self) -> None:
        for model in self.ORDER:
            if self.rows[model]:
                model.objects.bulk_create(self.rows[model], batch_size=500)
                for row in self.rows[model]:
                    row.deferred = False
                self.rows[model] = []
        self.size = 0


class WxrImporter(TaxonomyImport, PictureImport):
    """The state of one import run; see import_wxr."""

    FLUSH_EVERY = 2000

    def __init__(self, channel: Channel, *, site_url, media_dir, report: ImportReport):
        url = site_url or channel.base_site_url or channel.base_blog_url or channel.link
        self.site = site_key(url)
        if not self.site:
            raise WxrError("the export names no site URL; pass --site-url")
        report.site = self.site
        self.report = report
        self.prefixes = site_prefixes(
            [url, channel.base_site_url, channel.base_blog_url, channel.link]
        )
        self.media = MediaLibrary(media_dir, site=self.site, report=report, dry_run=report.dry_run)
        self.deferred = DeferredRows()
        self.new_threads: list[int] = []
        self.slugs: dict[type, set[str]] = {}
        self.authors: dict[str, int] = {}  # login → Author pk
        self.author_logins: dict[str, str] = {}  # WordPress user id → login
        self.author_emails: dict[str, str] = {}
        self.categories: dict[str, int] = {}  # nicename → Category pk
        self.category_terms: dict[str, WxrTerm] = {}
        self.pending_parents: list[tuple[int, str]] = []
        self.unsettled: list[WxrTerm] = []
        self.tags: dict[str, int] = {}
        self.seen_items: set[str] = set()
        self.attachments: dict[str, Attachment] = {}
        self.attachment_images: dict[str, int | None] = {}
        self.used_attachments: set[str] = set()
        self.pending_thumbnails: list[tuple[int, str, ImportedObject, bool]] = []
        self.image_urls: dict[int, str] = {}
        self.users: dict[str, int | None] = {}

    # -- setup and dispatch --------------------------------------------------------------

    def load(self) -> None:
        self.types = {
            model: ContentType.objects.get_for_model(model)
            for model in (Author, Category, Tag, Article, Page, Image)
        }
        self.maps: dict[str, dict[str, ImportedObject]] = {k: {} for k in Kind.values}
        for mapping in ImportedObject.objects.filter(site=self.site).exclude(kind=Kind.MEDIA):
            self.maps[mapping.kind][mapping.wp_id] = mapping
        self.redirects = {
            r.old_path: r
            for r in LegacyRedirect.objects.only("old_path", "content_type", "object_id", "site")
        }
        self.comments = CommentImporter(report=self.report, users=self.user_for)
        with translation.override(settings.LANGUAGE_CODE):
            self.untitled = gettext("Untitled")

    def handle(self, event) -> None:
        if isinstance(event, WxrItem):
            self.report.items_read += 1
            self.item(event)
            if self.deferred.size >= self.FLUSH_EVERY:
                self.deferred.flush()
        elif isinstance(event, WxrAuthor):
            self.author(event)
        elif isinstance(event, WxrTerm):
            self.term(event)

    def finish(self) -> None:
        self._settle_terms()
        self.deferred.flush()
        set_comment_count(self.new_threads)
        self.comments.finish()
        for article_pk, attachment_id, mapping, was_unchanged in self.pending_thumbnails:
            if attachment_id not in self.attachments and was_unchanged:
                continue
            image = self._attachment_image(attachment_id, f"post {mapping.wp_id}")
            if image is not None:
                Article.objects.filter(pk=article_pk).update(
                    lead_image_id=image, updated_at=timezone.now()
                )
                mapping.state = {**mapping.state, "lead_image": image}
                mapping.save(update_fields=["state", "updated_at"])
                if was_unchanged:
                    self.report.count("post", "unchanged", -1)
                    self.report.count("post", "updated")
        self.deferred.flush()
        for attachment_id in sorted(set(self.attachments) - self.used_attachments, key=int):
            self.report.note(
                "attachment not used as a featured image (pictures in post text are imported)",
                f"attachment {attachment_id}",
            )

    # -- mapping helpers ----------------------------------------------------------------

    def _remember(self, kind: str, wp_id: str, obj: Model, fingerprint: str, state=None):
        """Record where a WordPress object went; new records are inserted in a batch."""
        mapping = self.maps[kind].get(wp_id)
        is_new = mapping is None
        if is_new:
            mapping = ImportedObject(site=self.site, kind=kind, wp_id=wp_id[:255])
            self.maps[kind][wp_id] = mapping
        mapping.content_type = self.types[type(obj)]
        mapping.object_id = obj.pk
        mapping.fingerprint = fingerprint
        if state is not None:
            mapping.state = state
        if is_new:
            mapping.deferred = True
            self.deferred.add(mapping)
        elif not getattr(mapping, "deferred", False):
            mapping.save()
        return mapping

    def _mapped(self, kind: str, wp_id: str, model):
        mapping = self.maps[kind].get(wp_id)
        if mapping is None or mapping.object_id is None:
            return None, mapping
        return model.objects.filter(pk=mapping.object_id).first(), mapping

    def _unique_slug(self, model, wanted: str, max_length: int, *, current: str = "") -> str:
        """wanted, or wanted-2, -3 …: free among the rows and this run's new ones."""
        if model not in self.slugs:
            self.slugs[model] = set(model.objects.values_list("slug", flat=True))
        taken = self.slugs[model]
        slug, n = wanted, 1
        while slug in taken and slug != current:
            n += 1
            suffix = f"-{n}"
            slug = f"{wanted[: max_length - len(suffix)]}{suffix}"
        taken.add(slug)
        return slug

    def redirect(self, path: str | None, obj: Model, *, keeps_suffix: bool = False) -> None:
        if not path or len(path) > 500:
            return
        content_type = ContentType.objects.get_for_model(obj)
        existing = self.redirects.get(path)
        if existing is not None:
            if existing.content_type_id == content_type.pk and existing.object_id == obj.pk:
                return
            if existing.site != self.site:
                self.report.skip("redirect", "old path already taken by another import", path)
                return
            existing.content_type, existing.object_id = content_type, obj.pk
            existing.keeps_suffix = keeps_suffix
            if not getattr(existing, "deferred", False):
                existing.save(update_fields=["content_type", "object_id", "keeps_suffix"])
            self.report.count("redirect", "updated")
            return
        redirect = LegacyRedirect(
            old_path=path,
            content_type=content_type,
            object_id=obj.pk,
            keeps_suffix=keeps_suffix,
            site=self.site,
        )
        redirect.deferred = True
        self.deferred.add(redirect)
        self.redirects[path] = redirect
        self.report.count("redirect", "created")

    def redirect_if_moved(self, path: str | None, obj: Model, **kwargs) -> None:
        if path and path != unquote(obj.get_absolute_url()):
            self.redirect(path, obj, **kwargs)

    # -- items -----------------------------------------------------------------------------

    def item(self, item: WxrItem) -> None:
        self._settle_terms()
        post_type = item.post_type or "post"
        duplicate = item.wp_id in self.seen_items
        self.seen_items.add(item.wp_id)
        where = f"{post_type} {item.wp_id or '#' + str(item.position)}"
        if not is_whole_number(item.wp_id):
            self.report.skip("item", "no WordPress post id", where)
        elif duplicate:
            self.report.skip("item", "post id repeated in the file (first one imported)", where)
        elif post_type == "attachment":
            self.attachments[item.wp_id] = Attachment(
                url=item.attachment_url or item.guid,
                file=item.meta.get("_wp_attached_file", ""),
                alt=plain_text(item.meta.get("_wp_attachment_image_alt", "")),
                caption=plain_text(item.excerpt),
            )
        elif item.status in ("auto-draft", "inherit"):
            self.report.skip("item", f"status {item.status} (never a real post)", where)
        elif post_type == "post":
            self.post(item, where)
        elif post_type == "page":
            self.page(item, where)
        else:
            self.report.skip("item", f"post type {post_type} is not imported", where)

    def _status(self, item: WxrItem, where: str):
        status = POST_STATUSES.get(item.status)
        if status is None:
            status = Article.Status.DRAFT
            self.report.note(f"unknown status {item.status!r}, imported as a draft", where)
        elif item.status in ("private", "trash"):
            self.report.note(f"{item.status} post imported as a draft", where)
        if item.post_password and status != Article.Status.DRAFT:
            status = Article.Status.DRAFT
            self.report.note("password-protected post imported as a draft", where)
        published_at = parse_wp_date(
            item.post_date_gmt, item.post_date, local_fallback=item.status not in UNDATED
        )
        return status, published_at

    def _body(self, item: WxrItem, where: str) -> ConvertedBody:
        body = convert_body(
            item.content, site_prefixes=self.prefixes, image_url=self._content_image
        )
        self.report.shortcodes.update(body.shortcodes)
        for url in body.external_images:
            self.report.note("picture in the text still loads from the old site", f"{where}: {url}")
        return body

    def post(self, item: WxrItem, where: str) -> None:
        fingerprint = item_fingerprint(item)
        article, mapping = self._mapped(Kind.POST, item.wp_id, Article)
        new_article = article is None
        state = dict(mapping.state) if mapping is not None else {}
        record = dict(state.get("comments", {}))
        unchanged = article is not None and mapping.fingerprint == fingerprint
        forms = thread = None
        if unchanged:
            self.report.count("post", "unchanged")
        else:
            article, thread, forms = self._save_article(item, article, state, where)
        if forms is None and any(c.meta.get("wpdiscuz_feedback_form_id") for c in item.comments):
            forms = dict(
                ImportedFeedbackForm.objects.filter(article=article).values_list("wp_form_id", "pk")
            )
        result = self.comments.import_comments(
            item, article, forms or {}, record, new_article=new_article
        )
        if forms:
            self._attach_feedback(article, where)
        if new_article:
            self.deferred.add(Thread(article=article, **thread))
            self.new_threads.append(article.pk)  # counted by discussion after the flush
        state["comments"] = record
        thumbnail = item.meta.get("_thumbnail_id", "")
        if thumbnail:
            self.used_attachments.add(thumbnail)
        resolve_later = bool(thumbnail) and article.lead_image_id is None
        if unchanged:
            if result.created or result.updated:
                mapping.state = state
                mapping.save(update_fields=["state", "updated_at"])
            resolve_later = resolve_later and self.media.root is not None
        else:
            if thumbnail and thumbnail in self.attachments:
                image = self._attachment_image(thumbnail, where)
                resolve_later = False
                if image is not None and image != article.lead_image_id:
                    Article.objects.filter(pk=article.pk).update(
                        lead_image_id=image, updated_at=timezone.now()
                    )
                    state["lead_image"] = image
            elif not thumbnail and state.get("lead_image") == article.lead_image_id:
                if article.lead_image_id is not None:  # WordPress dropped the picture
                    Article.objects.filter(pk=article.pk).update(
                        lead_image=None, updated_at=timezone.now()
                    )
                state["lead_image"] = None
            mapping = self._remember(Kind.POST, item.wp_id, article, fingerprint, state)
        if resolve_later:  # the attachment may come later in the file
            self.pending_thumbnails.append((article.pk, thumbnail, mapping, unchanged))

    def _attach_feedback(self, article, where: str) -> None:
        """Comments written on a wpDiscuz inline-feedback form quote its passage.

        The passage became an editor question ([[passage|question]]) when the form had
        one, so these comments are its answers; otherwise they quote the passage.
        Comments that already quote a passage (an earlier import) are left alone.
        """
        links = ImportedFeedbackLink.objects.filter(
            comment__article=article, form__isnull=False, comment__passage__isnull=True
        ).select_related("form", "comment")
        questions = {
            q.question: q for q in EditorQuestion.objects.filter(article=article, active=True)
        }
        for link in links:
            form = link.form
            question = questions.get(question_text(form.question))
            try:
                if question is not None:
                    selector = anchoring.select(article.body_text, exact=question.passage)
                else:
                    selector = anchoring.select(
                        article.body_text, exact=form.exact, prefix=form.prefix,
                        suffix=form.suffix, hint=form.position,
                    )  # fmt: skip
            except anchoring.AnchorError:
                self.report.note("inline-feedback comment whose passage is not in the text", where)
                continue
            passages.attach(link.comment, selector, question)
            self.report.count("feedback comment", "created")

    def _save_article(self, item, article, state: dict, where):
        """Create or update the article; returns it, a new thread's fields and its forms."""
        status, published_at = self._status(item, where)
        title = plain_text(item.title)[:300] or self.untitled
        # Trashed posts get "__trashed" appended to their slug by WordPress.
        post_name = item.post_name.removesuffix("__trashed")
        wanted = make_slug(post_name, 200) or make_slug(title, 200) or f"post-{item.wp_id}"
        body = self._body(item, where)
        fields = {
            "title": title,
            "dek": plain_text(item.excerpt),
            "body": body.source,
            "status": status,
            "published_at": published_at,
            "sticky": item.is_sticky == "1",
            "comments_enabled": item.comment_status != "closed",
        }
        created = article is None
        if created:
            article = Article(slug=self._unique_slug(Article, wanted, 200), **fields)
        else:
            if article.slug != wanted:
                article.slug = self._unique_slug(Article, wanted, 200, current=article.slug)
            for name, value in fields.items():
                setattr(article, name, value)
        publishing.save_article(article)  # revision, passages; by=None: the import itself
        self.report.count("post", "created" if created else "updated")
        self._bylines_and_terms(article, item, created=created)

        rating = rating_from_meta(item.meta) or (0, 0)
        closed = item.meta.get("wpdiscuz_closed", "").strip() not in ("", "0")
        thread = None
        if created:
            thread = {"rating_count": rating[0], "rating_sum": rating[1], "closed": closed}
        else:
            self._update_thread(article, rating, closed, state)
        state.update(rating=list(rating), closed=closed)
        forms = self._feedback_forms(article, body, created=created)
        self.redirect_if_moved(old_path(item.link), article)
        self.redirect(f"/?p={item.wp_id}", article)
        return article, thread, forms

    def _bylines_and_terms(self, article, item: WxrItem, *, created: bool) -> None:
        author = self._author_for(item.creator)
        categories, tags = self._term_ids(item)
        if created:
            # A new article has no links yet: they are inserted with the next batch.
            if author is not None:
                self.deferred.add(ArticleAuthor(article=article, author_id=author, position=0))
            for category in categories:
                self.deferred.add(ARTICLE_CATEGORIES(article_id=article.pk, category_id=category))
            for tag in tags:
                self.deferred.add(ARTICLE_TAGS(article_id=article.pk, tag_id=tag))
            return
        current = list(article.article_authors.values_list("author_id", flat=True))
        if author is not None and current != [author]:
            article.article_authors.all().delete()
            ArticleAuthor.objects.create(article=article, author_id=author, position=0)
        article.categories.set(categories)
        article.tags.set(tags)

    def _update_thread(self, article, rating, closed: bool, state: dict) -> None:
        """Ratings and the closed flag move by what changed since the last import."""
        count, total = rating
        before_count, before_total = state.get("rating", [0, 0])
        was_closed = state.get("closed", False)
        adjust_thread(
            article,
            rating_count=count - before_count,
            rating_sum=total - before_total,
            closed=closed if closed != was_closed else None,
        )

    def _feedback_forms(self, article, body: ConvertedBody, *, created: bool) -> dict[str, int]:
        """Record the article's inline-feedback passages; returns {form id: pk}."""
        existing = {}
        if not created:
            existing = {
                f.wp_form_id: f for f in ImportedFeedbackForm.objects.filter(article=article)
            }
        forms = {}
        for n, passage in enumerate(body.feedback, start=1):
            form_id = passage.wp_form_id or f"passage-{n}"
            values = {
                "question": passage.question,
                "opened": passage.opened,
                "exact": passage.exact,
                "prefix": passage.prefix[:64],
                "suffix": passage.suffix[:64],
                "position": passage.position,
            }
            form = existing.get(form_id)
            if form is None:
                form = ImportedFeedbackForm.objects.create(
                    article=article, wp_form_id=form_id, **values
                )
                self.report.count("feedback passage", "created")
            elif any(getattr(form, k) != v for k, v in values.items()):
                ImportedFeedbackForm.objects.filter(pk=form.pk).update(**values)
                self.report.count("feedback passage", "updated")
            else:
                self.report.count("feedback passage", "unchanged")
            forms[form_id] = form.pk
        stale = [f.pk for k, f in existing.items() if k not in forms]
        if stale:
            ImportedFeedbackForm.objects.filter(pk__in=stale, links__isnull=True).delete()
        return forms

    def page(self, item: WxrItem, where: str) -> None:
        for comment in item.comments:
            self.report.skip(
                "comment", "comments on pages are not imported (pages have no discussion)",
                f"comment {comment.wp_id} on page {item.wp_id}",
            )  # fmt: skip
        if item.status != "publish" or item.post_password:
            reason = "password-protected" if item.post_password else item.status
            self.report.skip("page", f"{reason} page (Broadsheet pages are always public)", where)
            return
        fingerprint = item_fingerprint(item)
        page, mapping = self._mapped(Kind.PAGE, item.wp_id, Page)
        if page is not None and mapping.fingerprint == fingerprint:
            self.report.count("page", "unchanged")
            return
        title = plain_text(item.title)[:200] or self.untitled
        wanted = make_slug(item.post_name, 100) or make_slug(title, 100) or f"page-{item.wp_id}"
        created = page is None
        if created:
            # Footer links are an editorial choice: imported pages start outside the footer.
            page = Page(slug=self._unique_slug(Page, wanted, 100), in_footer=False)
        elif page.slug != wanted:
            page.slug = self._unique_slug(Page, wanted, 100, current=page.slug)
        page.title = title
        page.body = self._body(item, where).source
        page.position = parse_whole_number(item.menu_order, max_digits=9) or 0
        page.save()
        self.report.count("page", "created" if created else "updated")
        self._remember(Kind.PAGE, item.wp_id, page, fingerprint)
        self.redirect_if_moved(old_path(item.link), page)
        self.redirect(f"/?page_id={item.wp_id}", page)
        self.redirect(f"/?p={item.wp_id}", page)
