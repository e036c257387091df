"""Full-text search columns and GIN indexes, on PostgreSQL only.

Each table gets a generated tsvector column (thread title weighted A, bodies B) and a
GIN index on it. On SQLite nothing happens and search falls back to substring
matching (forum.selectors.search).
"""

from django.db import migrations

FORWARD = [
    """
    ALTER TABLE forum_thread ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(body_source, '')), 'B')
    ) STORED
    """,
    "CREATE INDEX forum_thread_search ON forum_thread USING GIN (search)",
    """
    ALTER TABLE forum_reply ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(body_source, '')), 'B')
    ) STORED
    """,
    "CREATE INDEX forum_reply_search ON forum_reply USING GIN (search)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS forum_reply_search",
    "ALTER TABLE forum_reply DROP COLUMN IF EXISTS search",
    "DROP INDEX IF EXISTS forum_thread_search",
    "ALTER TABLE forum_thread DROP COLUMN IF EXISTS search",
]


class PostgreSQLOnly(migrations.RunSQL):
    """RunSQL that does nothing on databases other than PostgreSQL."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("forum", "0001_initial")]

    operations = [PostgreSQLOnly(sql=FORWARD, reverse_sql=BACKWARD)]
