"""default rules: a flat Rp 10.000 fine and Rp 10.000 stamp duty above Rp 5.000.000

Every store starts with these (valid from 2000-01-01), so no store charges
silently without fines; `counter rules` replaces them from a date on.

Revision ID: 0003
Revises: 0002
"""
import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SINCE = dt.date(2000, 1, 1)


def upgrade() -> None:
    bind = op.get_bind()
    if not bind.execute(sa.text("SELECT count(*) FROM fine_scheme")).scalar():
        bind.execute(sa.text(
            "INSERT INTO fine_scheme (valid_from, kind, amount, stages, percent_bp, minimum, maximum)"
            " VALUES (:since, 'flat', 10000, '[]', 0, 0, 0)"), {"since": SINCE})
    if not bind.execute(sa.text("SELECT count(*) FROM stamp_duty_rule")).scalar():
        bind.execute(sa.text(
            "INSERT INTO stamp_duty_rule (valid_from, threshold, amount) VALUES (:since, 5000000, 10000)"),
            {"since": SINCE})


def downgrade() -> None:
    op.get_bind().execute(sa.text("DELETE FROM fine_scheme WHERE valid_from = :since"), {"since": SINCE})
    op.get_bind().execute(sa.text("DELETE FROM stamp_duty_rule WHERE valid_from = :since"), {"since": SINCE})
