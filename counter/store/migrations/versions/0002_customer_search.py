"""customer text search: FTS5 trigram index over normalised name and place

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# External-content FTS5: the text lives once, in customer.search_name and
# customer.search_place; the triggers keep the index in step with every change.
STATEMENTS = [
    "CREATE VIRTUAL TABLE customer_fts USING fts5("
    " search_name, search_place, content='customer', content_rowid='id',"
    " tokenize='trigram')",
    "CREATE TRIGGER customer_fts_ai AFTER INSERT ON customer BEGIN"
    " INSERT INTO customer_fts(rowid, search_name, search_place)"
    " VALUES (new.id, new.search_name, new.search_place); END",
    "CREATE TRIGGER customer_fts_ad AFTER DELETE ON customer BEGIN"
    " INSERT INTO customer_fts(customer_fts, rowid, search_name, search_place)"
    " VALUES ('delete', old.id, old.search_name, old.search_place); END",
    "CREATE TRIGGER customer_fts_au AFTER UPDATE OF search_name, search_place ON customer BEGIN"
    " INSERT INTO customer_fts(customer_fts, rowid, search_name, search_place)"
    " VALUES ('delete', old.id, old.search_name, old.search_place);"
    " INSERT INTO customer_fts(rowid, search_name, search_place)"
    " VALUES (new.id, new.search_name, new.search_place); END",
    "INSERT INTO customer_fts(customer_fts) VALUES ('rebuild')",
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in ("customer_fts_ai", "customer_fts_ad", "customer_fts_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS customer_fts")
