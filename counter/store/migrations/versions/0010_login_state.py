"""wrong credential tries and lock-outs

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "login_state",
        sa.Column("username", sa.String(40), nullable=False),
        sa.Column("failures", BigInt, nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_login_state")),
    )


def downgrade() -> None:
    op.drop_table("login_state")
