"""a counter's events central rejected: dismissed by a supervisor once dealt with

Revision ID: 0017
Revises: 0016
"""
import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as table:
        table.add_column(sa.Column("dismissed_at", sa.DateTime(), nullable=True))
        table.add_column(sa.Column("dismissed_by", sa.String(40), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as table:
        table.drop_column("dismissed_by")
        table.drop_column("dismissed_at")
