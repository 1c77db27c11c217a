"""Full-text search with word forms: "Bäckereien" finds the bakery, "Züge" the train.

One index table per database, kept by this module rather than by database triggers:

- SQLite: an FTS5 table (publishing_article_search) holding the *stemmed* words of each
  article in four columns (headline; kicker and excerpt; body; authors, tags and
  sections), stemmed in Python with the Snowball stemmer of the article's language.
  SQLite has no German stemmer of its own, and a custom FTS5 tokenizer cannot be
  registered from Python's sqlite3; storing stemmed text keeps plain FTS5 and bm25().
- PostgreSQL: publishing_article_search(article_id, document tsvector) with a GIN
  index, built with the article's text-search configuration ('german', 'english', …).

Both are written by index_articles(), which the receivers below call inside the
writer's transaction (admin, importer, shell, demo alike), so the index commits with
the text. Triggers would have to be recreated after every SQLite table rebuild
(migration 0007 had to), and could not see authors or tags or stem German.
`broadsheet reindex_search` rebuilds the whole index.

A query is stemmed for the site's language and for German and English (readers do not
say which language they type), every word must match, the last one also as a prefix
("Klima" finds "Klimaschutz"). Ranking: headline > kicker/excerpt > names > body.
"""

import contextlib
import functools
import re
import threading
from dataclasses import dataclass

import snowballstemmer
from django.apps import apps as global_apps
from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_RESULTS = 500
MAX_TERMS = 12
MAX_TERM_LENGTH = 60  # PostgreSQL refuses words over 2047 bytes; no real word is this long
BATCH = 200
SNIPPET_WORDS = 30
MIN_PREFIX = 3

# Letters and digits: never an FTS5 or tsquery operator, quote, star or bracket.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Languages with a Snowball stemmer and a PostgreSQL configuration of the same name;
# any other language is indexed word for word ('simple').
_LANGUAGES = {
    "da": "danish", "de": "german", "en": "english", "es": "spanish", "fi": "finnish",
    "fr": "french", "hu": "hungarian", "it": "italian", "nb": "norwegian", "nl": "dutch",
    "no": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian",
    "sv": "swedish", "tr": "turkish",
}  # fmt: skip
_SQLITE_TABLE = "publishing_article_search"
_WEIGHTS = "10.0, 5.0, 1.0, 3.0"  # bm25 per column: title, lead, body, names


def config_for(language: str) -> str:
    """The stemmer/configuration for an article's language; empty means the site's."""
    code = (language or settings.LANGUAGE_CODE).split("-")[0].lower()
    return _LANGUAGES.get(code, "simple")


def query_configs() -> list[str]:
    return list(dict.fromkeys([config_for(""), "german", "english"]))


@functools.cache
def _stemmer(config: str):
    return snowballstemmer.stemmer(config) if config != "simple" else None


@functools.lru_cache(maxsize=50_000)
def stem(word: str, config: str) -> str:
    word = word.lower()
    stemmer = _stemmer(config)
    return stemmer.stemWord(word) if stemmer else word


def _stemmed_text(text: str, config: str) -> str:
    return " ".join(stem(w, config) for w in _WORD.findall(text or ""))


def query_terms(query: str) -> list[str]:
    return [w.lower()[:MAX_TERM_LENGTH] for w in _WORD.findall(query or "")[:MAX_TERMS]]


# --- Searching ------------------------------------------------------------------------


def search_articles(query: str) -> list[tuple[int, object]]:
    """(pk, updated_at) of published articles matching every word, best match first.

    Two queries: the ranked ids from the index, then which of them are public now.
    """
    from .models import Article

    terms = query_terms(query)
    if not terms:
        return []
    ids = _postgres_ids(terms) if connection.vendor == "postgresql" else _sqlite_ids(terms)
    if not ids:
        return []
    rank = {pk: i for i, pk in enumerate(ids)}
    rows = Article.objects.published().filter(pk__in=ids).values_list("pk", "updated_at")
    return sorted(rows, key=lambda row: rank[row[0]])


def _prefixed(terms: list[str]) -> bool:
    # Two letters as a prefix would match half the archive.
    return len(terms[-1]) >= MIN_PREFIX


def _sqlite_match(terms: list[str], *, prefix: bool) -> str:
    # Every word becomes its stems (and itself, for unstemmed languages) in quotes, so
    # a reader's input is never FTS5 syntax: NEAR, AND, * and quotes are just words.
    groups = []
    for i, term in enumerate(terms):
        star = "*" if prefix and i == len(terms) - 1 else ""
        forms = dict.fromkeys([*(stem(term, c) for c in query_configs()), term])
        groups.append("(" + " OR ".join(f'"{form}"{star}' for form in forms) + ")")
    return " AND ".join(groups)


def _sqlite_ids(terms: list[str]) -> list[int]:
    # Whole words first ("Züge": the train before "zugesagt"), then by bm25.
    loose = _sqlite_match(terms, prefix=_prefixed(terms))
    exact = _sqlite_match(terms, prefix=False)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT s.rowid FROM {_SQLITE_TABLE} s JOIN publishing_article a ON a.id = s.rowid "  # noqa: S608
            f"WHERE {_SQLITE_TABLE} MATCH %s AND a.status IN ('scheduled', 'published') "
            f"ORDER BY s.rowid IN (SELECT rowid FROM {_SQLITE_TABLE} WHERE {_SQLITE_TABLE} "
            f"MATCH %s) DESC, bm25({_SQLITE_TABLE}, {_WEIGHTS}), a.published_at DESC LIMIT %s",
            [loose, exact, MAX_RESULTS],
        )
        return [row[0] for row in cursor.fetchall()]


def _postgres_ids(terms: list[str]) -> list[int]:
    # The words are letters and digits only, so joined with & they are a valid tsquery;
    # each configuration stems them its own way and any of them may match.
    exact = " & ".join(terms)
    loose = exact + (":*" if _prefixed(terms) else "")
    configs = query_configs()
    tsquery = " || ".join("to_tsquery(%s::regconfig, %s)" for _ in configs)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT s.article_id
            FROM publishing_article_search s
            JOIN publishing_article a ON a.id = s.article_id,
            (SELECT {tsquery} AS loose, {tsquery} AS exact) query
            WHERE s.document @@ query.loose AND a.status IN ('scheduled', 'published')
            ORDER BY s.document @@ query.exact DESC, ts_rank(s.document, query.loose) DESC,
                a.published_at DESC
            LIMIT %s
            """,  # noqa: S608 - only placeholders are interpolated
            [
                *(p for c in configs for p in (c, loose)),
                *(p for c in configs for p in (c, exact)),
                MAX_RESULTS,
            ],
        )
        return [row[0] for row in cursor.fetchall()]


# --- Snippets -------------------------------------------------------------------------


def snippets_for(pks, query: str) -> dict[int, SafeString]:
    """A passage of each article with the query's words in <mark>; one query.

    Words match as the index matches them (same stems), so "Bäckereien" marks
    "Bäckerei". The text around the marks is escaped.
    """
    from .models import Article

    terms = query_terms(query)
    if not pks or not terms:
        return {}
    wanted = {stem(t, c) for t in terms for c in query_configs()} | set(terms)
    prefixes = {stem(terms[-1], c) for c in query_configs()} | {terms[-1]}
    prefixes = prefixes if _prefixed(terms) else set()
    rows = Article.objects.filter(pk__in=pks).values_list("pk", "dek", "body_text", "language")
    return {
        pk: _snippet(body, dek, config_for(language), wanted, prefixes)
        for pk, dek, body, language in rows
    }


def _snippet(body: str, dek: str, config: str, wanted: set, prefixes: set) -> SafeString:
    def matches(word: str) -> bool:
        forms = {word.lower(), stem(word, config)}
        return bool(forms & wanted) or any(f.startswith(p) for f in forms for p in prefixes)

    for text in (body, dek):
        words = list(_WORD.finditer(text or ""))
        hits = [i for i, w in enumerate(words) if matches(w.group())]
        if hits:
            return _marked(text, words, hits[0], matches)
    words = list(_WORD.finditer(body or ""))
    return _marked(body or "", words, 0, lambda word: False) if words else mark_safe("")


def _marked(text: str, words: list, first: int, matches) -> SafeString:
    start = max(0, first - SNIPPET_WORDS // 3)
    end = min(len(words), start + SNIPPET_WORDS)
    window = words[start:end]
    begin, finish = window[0].start(), window[-1].end()
    parts, position = [], begin
    for word in window:
        parts.append(escape(text[position : word.start()]))
        piece = escape(word.group())
        parts.append(f"<mark>{piece}</mark>" if matches(word.group()) else piece)
        position = word.end()
    html = "".join(parts)
    if begin > 0:
        html = "… " + html
    if finish < len(text.rstrip()):
        html += " …"
    return mark_safe(html)  # noqa: S308 - every piece of the text was escaped above


# --- Indexing -------------------------------------------------------------------------


@dataclass
class _Document:
    pk: int
    config: str
    title: str
    lead: str
    body: str
    names: str


def _documents(ids, apps) -> list[_Document]:
    """The indexed text of these articles: four queries per batch."""
    Article = apps.get_model("publishing", "Article")
    names: dict[int, list[str]] = {}
    through = [
        (apps.get_model("publishing", "ArticleAuthor"), "author__name"),
        (Article.tags.through, "tag__name"),
        (Article.categories.through, "category__name"),
    ]
    for model, field in through:
        for article_id, name in model.objects.filter(article_id__in=ids).values_list(
            "article_id", field
        ):
            names.setdefault(article_id, []).append(name)
    rows = Article.objects.filter(pk__in=ids).values_list(
        "pk", "language", "title", "kicker", "dek", "body_text"
    )
    return [
        _Document(
            pk, config_for(lang), title, f"{kicker}\n{dek}", body, "\n".join(names.get(pk, []))
        )
        for pk, lang, title, kicker, dek, body in rows
    ]


def index_articles(ids, *, apps=global_apps) -> None:
    """Write the index rows of these articles (drafts too: the search filters)."""
    ids = list(dict.fromkeys(ids))
    for i in range(0, len(ids), BATCH):
        batch = ids[i : i + BATCH]
        documents = _documents(batch, apps)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                _write_postgres(cursor, batch, documents)
            elif connection.vendor == "sqlite":
                _write_sqlite(cursor, batch, documents)


def _write_sqlite(cursor, ids, documents) -> None:
    marks = ", ".join(["%s"] * len(ids))
    cursor.execute(f"DELETE FROM {_SQLITE_TABLE} WHERE rowid IN ({marks})", ids)  # noqa: S608
    if documents:
        cursor.executemany(
            f"INSERT INTO {_SQLITE_TABLE}(rowid, title, lead, body, names) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s)",
            [
                (d.pk, *(_stemmed_text(t, d.config) for t in (d.title, d.lead, d.body, d.names)))
                for d in documents
            ],
        )


def _write_postgres(cursor, ids, documents) -> None:
    cursor.execute("DELETE FROM publishing_article_search WHERE article_id = ANY(%s)", [ids])
    if documents:
        vector = "setweight(to_tsvector(%s::regconfig, %s), %s)"
        cursor.executemany(
            "INSERT INTO publishing_article_search(article_id, document) "  # noqa: S608
            f"VALUES (%s, {vector} || {vector} || {vector} || {vector})",
            [
                (
                    d.pk,
                    *(d.config, d.title, "A"),
                    *(d.config, d.lead, "B"),
                    *(d.config, d.names, "C"),
                    *(d.config, d.body, "D"),
                )
                for d in documents
            ],
        )


def unindex_articles(ids) -> None:
    ids = list(ids)
    if not ids:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            marks = ", ".join(["%s"] * len(ids))
            cursor.execute(f"DELETE FROM {_SQLITE_TABLE} WHERE rowid IN ({marks})", ids)  # noqa: S608
        elif connection.vendor == "postgresql":
            cursor.execute(
                "DELETE FROM publishing_article_search WHERE article_id = ANY(%s)", [ids]
            )


def reindex_all(*, apps=global_apps) -> int:
    """Rebuild the whole index; returns the number of articles indexed."""
    Article = apps.get_model("publishing", "Article")
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {_SQLITE_TABLE}")  # noqa: S608
        elif connection.vendor == "postgresql":
            cursor.execute("DELETE FROM publishing_article_search")
    index_articles(ids, apps=apps)
    return len(ids)


# --- Keeping the index true -----------------------------------------------------------

_deferred = threading.local()


@contextlib.contextmanager
def indexing_deferred():
    """Collect the articles written inside, index them once at the end (the importer:
    thousands of saves, and links inserted in bulk that send no signals)."""
    outer = getattr(_deferred, "ids", None)
    _deferred.ids = outer if outer is not None else set()
    try:
        yield
        # A dry run marks its transaction for rollback: nothing to index then.
        doomed = connection.in_atomic_block and transaction.get_rollback()
        if outer is None and not doomed:
            index_articles(sorted(_deferred.ids))
    finally:
        if outer is None:
            _deferred.ids = None


def _reindex(ids) -> None:
    ids = [pk for pk in ids if pk is not None]
    pending = getattr(_deferred, "ids", None)
    if pending is not None:
        pending.update(ids)
    elif ids:
        index_articles(ids)


def _article_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _reindex([instance.pk])


def _article_deleted(sender, instance, **kwargs):
    unindex_articles([instance.pk])


def _link_changed(sender, instance, raw=False, **kwargs):
    if not raw:  # a byline added, moved or removed
        _reindex([instance.article_id])


def _terms_changed(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    from .models import Article

    if not action.startswith("post_"):
        return
    if isinstance(instance, Article):
        _reindex([instance.pk])
    elif pk_set:  # changed from the tag's or category's side
        _reindex(pk_set)


def _name_changed(sender, instance, raw=False, created=False, **kwargs):
    # A renamed author, tag or section: the articles carrying it are found by it.
    if not raw and not created:
        _reindex(instance.articles.values_list("pk", flat=True))


def connect() -> None:
    from .models import Article, ArticleAuthor, Author, Category, Tag

    post_save.connect(_article_saved, sender=Article, dispatch_uid="search-article-save")
    post_delete.connect(_article_deleted, sender=Article, dispatch_uid="search-article-del")
    post_save.connect(_link_changed, sender=ArticleAuthor, dispatch_uid="search-byline-save")
    post_delete.connect(_link_changed, sender=ArticleAuthor, dispatch_uid="search-byline-del")
    for through in (Article.tags.through, Article.categories.through):
        m2m_changed.connect(_terms_changed, sender=through, dispatch_uid=f"search-{through}")
    for model in (Author, Tag, Category):
        post_save.connect(_name_changed, sender=model, dispatch_uid=f"search-name-{model}")


# --- Structures (migrations 0002 and 0009) ---------------------------------------------


def document_sql(config: str) -> str:
    """The expression migration 0002 indexed on PostgreSQL (dropped again by 0009)."""
    if config not in {"german", "english"}:
        raise ValueError(config)
    return (
        f"(setweight(to_tsvector('{config}'::regconfig, coalesce(title, '')), 'A') || "
        f"setweight(to_tsvector('{config}'::regconfig, coalesce(dek, '')), 'B') || "
        f"setweight(to_tsvector('{config}'::regconfig, coalesce(body_text, '')), 'C'))"
    )


SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE {_SQLITE_TABLE} USING fts5("
    "title, lead, body, names, tokenize='unicode61 remove_diacritics 2')"
)
SQLITE_DROP = f"DROP TABLE IF EXISTS {_SQLITE_TABLE}"
POSTGRES_CREATE = [
    # No foreign key, as on SQLite (an FTS5 table has none): the write path keeps the index
    # (post_delete removes a row, queries join the article), and a key would make Django's
    # TRUNCATE of publishing_article (flush, tests) refuse to run.
    """CREATE TABLE publishing_article_search (
        article_id integer PRIMARY KEY,
        document tsvector NOT NULL)""",
    "CREATE INDEX publishing_article_search_document ON publishing_article_search "
    "USING GIN (document)",
]
POSTGRES_DROP = ["DROP TABLE IF EXISTS publishing_article_search"]
