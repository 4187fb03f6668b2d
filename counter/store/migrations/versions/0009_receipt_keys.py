"""a secret key per office for the receipts' check values

Revision ID: 0009
Revises: 0008
"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("office") as batch:
        batch.add_column(sa.Column("receipt_key", sa.String(64), nullable=False, server_default=""))
    connection = op.get_bind()
    office = sa.table("office", sa.column("id"), sa.column("receipt_key"))
    for (office_id,) in connection.execute(sa.select(office.c.id)).all():
        connection.execute(sa.update(office).where(office.c.id == office_id)
                           .values(receipt_key=secrets.token_hex(32)))


def downgrade() -> None:
    with op.batch_alter_table("office") as batch:
        batch.drop_column("receipt_key")
