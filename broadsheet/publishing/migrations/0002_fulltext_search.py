"""Full-text search structures, per database vendor.

SQLite: an external-content FTS5 table kept in step by triggers.
PostgreSQL: GIN expression indexes matching search.document_sql().
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE publishing_article_fts USING fts5(
        title, dek, body_text, content='publishing_article', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER publishing_article_fts_ai AFTER INSERT ON publishing_article BEGIN
        INSERT INTO publishing_article_fts(rowid, title, dek, body_text)
        VALUES (new.id, new.title, new.dek, new.body_text);
    END""",
    """CREATE TRIGGER publishing_article_fts_ad AFTER DELETE ON publishing_article BEGIN
        INSERT INTO publishing_article_fts(publishing_article_fts, rowid, title, dek, body_text)
        VALUES ('delete', old.id, old.title, old.dek, old.body_text);
    END""",
    """CREATE TRIGGER publishing_article_fts_au AFTER UPDATE OF title, dek, body_text
        ON publishing_article BEGIN
        INSERT INTO publishing_article_fts(publishing_article_fts, rowid, title, dek, body_text)
        VALUES ('delete', old.id, old.title, old.dek, old.body_text);
        INSERT INTO publishing_article_fts(rowid, title, dek, body_text)
        VALUES (new.id, new.title, new.dek, new.body_text);
    END""",
    "INSERT INTO publishing_article_fts(publishing_article_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS publishing_article_fts_ai",
    "DROP TRIGGER IF EXISTS publishing_article_fts_ad",
    "DROP TRIGGER IF EXISTS publishing_article_fts_au",
    "DROP TABLE IF EXISTS publishing_article_fts",
]


def forward(apps, schema_editor):
    from broadsheet.publishing.search import document_sql

    if schema_editor.connection.vendor == "sqlite":
        statements = SQLITE_FORWARD
    elif schema_editor.connection.vendor == "postgresql":
        statements = [
            f"CREATE INDEX IF NOT EXISTS publishing_article_fts_{config} "
            f"ON publishing_article USING GIN ({document_sql(config)})"
            for config in ("german", "english")
        ]
    else:
        return
    for statement in statements:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        statements = SQLITE_BACKWARD
    elif schema_editor.connection.vendor == "postgresql":
        statements = [
            f"DROP INDEX IF EXISTS publishing_article_fts_{c}" for c in ("german", "english")
        ]
    else:
        return
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial")]
    operations = [migrations.RunPython(forward, backward, elidable=False)]
