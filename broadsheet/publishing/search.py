"""Full-text search: SQLite FTS5 on the embedded default, PostgreSQL full-text otherwise.

The FTS5 table and the PostgreSQL GIN index are created by migration 0002.
"""

import re

from django.conf import settings
from django.db import connection

from .models import Article

MAX_RESULTS = 500
_TERM = re.compile(r"\w+", re.UNICODE)


def postgres_config() -> str:
    return "german" if settings.LANGUAGE_CODE == "de" else "english"


def search_articles(query: str) -> list[tuple[int, object]]:
    """(pk, updated_at) of published articles matching every word, best match first."""
    terms = _TERM.findall(query)[:12]
    if not terms:
        return []
    if connection.vendor == "postgresql":
        ids = _postgres_ids(" ".join(terms))
    else:
        ids = _sqlite_ids(terms)
    rank = {pk: i for i, pk in enumerate(ids)}
    rows = Article.objects.published().filter(pk__in=ids).values_list("pk", "updated_at")
    return sorted(rows, key=lambda row: rank[row[0]])


def _sqlite_ids(terms: list[str]) -> list[int]:
    # Each term is quoted, so a reader's input can never become FTS5 syntax;
    # the last one is a prefix so "Klima" finds "Klimaschutz".
    match = " ".join(f'"{t}"' for t in terms[:-1]) + f' "{terms[-1]}"*'
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM publishing_article_fts WHERE publishing_article_fts MATCH %s "
            "ORDER BY bm25(publishing_article_fts, 10.0, 4.0, 1.0) LIMIT %s",
            [match.strip(), MAX_RESULTS],
        )
        return [row[0] for row in cursor.fetchall()]


def _postgres_ids(text: str) -> list[int]:
    document = document_sql(postgres_config())
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT id FROM publishing_article, websearch_to_tsquery(%s::regconfig, %s) query
            WHERE {document} @@ query
            ORDER BY ts_rank({document}, query) DESC
            LIMIT %s
            """,  # noqa: S608 - document_sql only takes configs from a fixed list
            [postgres_config(), text, MAX_RESULTS],
        )
        return [row[0] for row in cursor.fetchall()]


def document_sql(config: str) -> str:
    """The indexed expression; migration 0002 builds a GIN index on it per language."""
    if config not in {"german", "english"}:
        raise ValueError(config)
    return (
        f"(setweight(to_tsvector('{config}'::regconfig, coalesce(title, '')), 'A') || "
        f"setweight(to_tsvector('{config}'::regconfig, coalesce(dek, '')), 'B') || "
        f"setweight(to_tsvector('{config}'::regconfig, coalesce(body_text, '')), 'C'))"
    )
