"""an index on the events sent and still waiting for central's verdict

Revision ID: 0019
Revises: 0018
"""
import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_outbox_unjudged", "outbox", ["sent_at"], sqlite_where=sa.text("outcome = ''"),
                    postgresql_where=sa.text("outcome = ''"))


def downgrade() -> None:
    op.drop_index("ix_outbox_unjudged", table_name="outbox")
