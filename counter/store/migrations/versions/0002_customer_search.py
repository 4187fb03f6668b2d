"""customer text search: word-prefix indexes over the name and over name and
place, and a trigram index over both for matches inside a word

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Both are external-content FTS5 tables: the text lives once, in
# customer.search_name / customer.search_place (already lower-cased and
# accent-free); the triggers keep both indexes in step with every change.
WORDS = "tokenize='unicode61 remove_diacritics 2', prefix='2 3'"
TABLES = {
    "customer_names": ("search_name", WORDS),
    "customer_words": (
        "search_name, search_place", WORDS),
    "customer_trigram": ("search_name, search_place", "tokenize='trigram'"),
}


def _statements(table: str, columns: str, options: str) -> list[str]:
    names = [c.strip() for c in columns.split(",")]
    new = ", ".join(f"new.{c}" for c in names)
    old = ", ".join(f"old.{c}" for c in names)
    delete = f"INSERT INTO {table}({table}, rowid, {columns}) VALUES ('delete', old.id, {old});"
    insert = f"INSERT INTO {table}(rowid, {columns}) VALUES (new.id, {new});"
    return [
        f"CREATE VIRTUAL TABLE {table} USING fts5({columns}, content='customer', content_rowid='id', {options})",
        f"CREATE TRIGGER {table}_ai AFTER INSERT ON customer BEGIN {insert} END",
        f"CREATE TRIGGER {table}_ad AFTER DELETE ON customer BEGIN {delete} END",
        f"CREATE TRIGGER {table}_au AFTER UPDATE OF {columns} ON customer BEGIN {delete} {insert} END",
        f"INSERT INTO {table}({table}) VALUES ('rebuild')",
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, (columns, options) in TABLES.items():
        for statement in _statements(table, columns, options):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {table}")
