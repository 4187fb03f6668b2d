"""instalment plans, relief programmes, work orders

Revision ID: 0007
Revises: 0006
"""
import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

# Built from the sources: Kota Kupang's "Buka Segel" (17 Nov - 31 Dec 2025: fines
# waived, pay 50% and the meter is unsealed, the rest in up to three instalments)
# and Kabupaten Kupang's arrears instalments (at most four).
PROGRAMMES = [
    dict(id=uuid.UUID("0193a1c0-0000-7000-8000-000000000001"), code="BUKA-SEGEL-2025", version=1, name="Program Buka Segel Kota Kupang 2025",
         valid_from=dt.date(2025, 11, 17), valid_to=dt.date(2025, 12, 31), sealed_only=True,
         min_arrears_months=1, arrears_before=None, tariff_groups=[], offices=[], fine_waiver_pct=100,
         discount_pct=0, discount_before=None, min_down_payment_pct=50, max_terms=3,
         unseal_on_down_payment=True, needs_approval=True, changed_by="", changed_at=None, change_seq=0),
    dict(id=uuid.UUID("0193a1c0-0000-7000-8000-000000000002"), code="ANGSURAN-KAB-KUPANG", version=1, name="Angsuran Tunggakan Kabupaten Kupang",
         valid_from=dt.date(2026, 1, 1), valid_to=dt.date(2026, 12, 31), sealed_only=False,
         min_arrears_months=2, arrears_before=None, tariff_groups=[], offices=[], fine_waiver_pct=0,
         discount_pct=0, discount_before=None, min_down_payment_pct=0, max_terms=4,
         unseal_on_down_payment=False, needs_approval=True, changed_by="", changed_at=None, change_seq=0),
]


def upgrade() -> None:
    rule = op.create_table(
        "instalment_rule",
        sa.Column("id", BigInt, nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("max_terms", BigInt, nullable=False),
        sa.Column("fine_mode", sa.String(8), nullable=False),
        sa.Column("grace_days", BigInt, nullable=False),
        sa.Column("min_down_payment_pct", BigInt, nullable=False),
        sa.Column("change_seq", BigInt, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instalment_rule")),
    )
    op.create_index(op.f("ix_instalment_rule_change_seq"), "instalment_rule", ["change_seq"])
    programme = op.create_table(
        "relief_programme",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(24), nullable=False),
        sa.Column("version", BigInt, nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=False),
        sa.Column("sealed_only", sa.Boolean(), nullable=False),
        sa.Column("min_arrears_months", BigInt, nullable=False),
        sa.Column("arrears_before", sa.Date(), nullable=True),
        sa.Column("tariff_groups", sa.JSON(), nullable=False),
        sa.Column("offices", sa.JSON(), nullable=False),
        sa.Column("fine_waiver_pct", BigInt, nullable=False),
        sa.Column("discount_pct", BigInt, nullable=False),
        sa.Column("discount_before", sa.Date(), nullable=True),
        sa.Column("min_down_payment_pct", BigInt, nullable=False),
        sa.Column("max_terms", BigInt, nullable=False),
        sa.Column("unseal_on_down_payment", sa.Boolean(), nullable=False),
        sa.Column("needs_approval", sa.Boolean(), nullable=False),
        sa.Column("changed_by", sa.String(40), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=True),
        sa.Column("change_seq", BigInt, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relief_programme")),
        sa.UniqueConstraint("code", "version", name=op.f("uq_relief_programme_code")),
    )
    op.create_index(op.f("ix_relief_programme_change_seq"), "relief_programme", ["change_seq"])
    op.create_table(
        "instalment_plan",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("plan_no", sa.String(48), nullable=False),
        sa.Column("customer_id", BigInt, nullable=False),
        sa.Column("office_id", BigInt, nullable=False),
        sa.Column("counter_id", BigInt, nullable=False),
        sa.Column("made_by", BigInt, nullable=False),
        sa.Column("approved_by", BigInt, nullable=True),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=False),
        sa.Column("programme_id", sa.Uuid(), nullable=True),
        sa.Column("fine_mode", sa.String(8), nullable=False),
        sa.Column("grace_days", BigInt, nullable=False),
        sa.Column("unseal_on_down_payment", sa.Boolean(), nullable=False),
        sa.Column("bills", sa.JSON(), nullable=False),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.Column("principal", BigInt, nullable=False),
        sa.Column("fines", BigInt, nullable=False),
        sa.Column("waived", BigInt, nullable=False),
        sa.Column("total", BigInt, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("credit", BigInt, nullable=False),
        sa.Column("revision", BigInt, nullable=False),
        sa.Column("change_seq", BigInt, nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], name=op.f("fk_instalment_plan_customer_id_customer")),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"], name=op.f("fk_instalment_plan_office_id_office")),
        sa.ForeignKeyConstraint(["counter_id"], ["counter.id"], name=op.f("fk_instalment_plan_counter_id_counter")),
        sa.ForeignKeyConstraint(["made_by"], ["app_user.id"], name=op.f("fk_instalment_plan_made_by_app_user")),
        sa.ForeignKeyConstraint(["approved_by"], ["app_user.id"], name=op.f("fk_instalment_plan_approved_by_app_user")),
        sa.ForeignKeyConstraint(["programme_id"], ["relief_programme.id"],
                                name=op.f("fk_instalment_plan_programme_id_relief_programme")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instalment_plan")),
        sa.UniqueConstraint("plan_no", name=op.f("uq_instalment_plan_plan_no")),
    )
    op.create_index(op.f("ix_instalment_plan_customer_id"), "instalment_plan", ["customer_id"])
    op.create_index(op.f("ix_instalment_plan_change_seq"), "instalment_plan", ["change_seq"])
    op.create_table(
        "work_order",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("order_no", sa.String(48), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("customer_id", BigInt, nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("payment_id", sa.Uuid(), nullable=False),
        sa.Column("counter_id", BigInt, nullable=False),
        sa.Column("issued_by", BigInt, nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("change_seq", BigInt, nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], name=op.f("fk_work_order_customer_id_customer")),
        sa.ForeignKeyConstraint(["plan_id"], ["instalment_plan.id"], name=op.f("fk_work_order_plan_id_instalment_plan")),
        sa.ForeignKeyConstraint(["counter_id"], ["counter.id"], name=op.f("fk_work_order_counter_id_counter")),
        sa.ForeignKeyConstraint(["issued_by"], ["app_user.id"], name=op.f("fk_work_order_issued_by_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_order")),
        sa.UniqueConstraint("order_no", name=op.f("uq_work_order_order_no")),
    )
    op.create_index(op.f("ix_work_order_customer_id"), "work_order", ["customer_id"])
    op.create_index(op.f("ix_work_order_change_seq"), "work_order", ["change_seq"])
    op.create_table(
        "document_sequence",
        sa.Column("counter_id", BigInt, nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("year", BigInt, nullable=False),
        sa.Column("last_no", BigInt, nullable=False),
        sa.ForeignKeyConstraint(["counter_id"], ["counter.id"], name=op.f("fk_document_sequence_counter_id_counter")),
        sa.PrimaryKeyConstraint("counter_id", "kind", "year", name=op.f("pk_document_sequence")),
    )
    with op.batch_alter_table("payment_line") as batch:
        batch.add_column(sa.Column("plan_id", sa.Uuid(), nullable=True))
        batch.add_column(sa.Column("term_seq", BigInt, nullable=True))
    op.bulk_insert(rule, [dict(valid_from=dt.date(2000, 1, 1), max_terms=4, fine_mode="freeze", grace_days=30,
                               min_down_payment_pct=0, change_seq=0)])
    op.bulk_insert(programme, PROGRAMMES)


def downgrade() -> None:
    with op.batch_alter_table("payment_line") as batch:
        batch.drop_column("term_seq")
        batch.drop_column("plan_id")
    for name in ("document_sequence", "work_order", "instalment_plan", "relief_programme", "instalment_rule"):
        op.drop_table(name)
