"""print queue

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "print_job",
        sa.Column("id", BigInt, nullable=False),
        sa.Column("receipt_no", sa.String(48), nullable=False),
        sa.Column("copy_number", BigInt, nullable=False),
        sa.Column("copy_printed_by", sa.String(120), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("attempts", BigInt, nullable=False),
        sa.Column("last_error", sa.String(400), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("pdf_path", sa.String(400), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_job")),
    )
    op.create_index("ix_print_job_status", "print_job", ["status", "created_at"])


def downgrade() -> None:
    op.drop_table("print_job")
