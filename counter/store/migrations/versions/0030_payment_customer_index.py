"""a customer's payments, newest first: the desk's history (Ctrl+H) reads them by customer

Revision ID: 0030
Revises: 0029
"""
from alembic import op

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_payment_customer", "payment", ["customer_id", "paid_at"])


def downgrade() -> None:
    op.drop_index("ix_payment_customer", table_name="payment")
