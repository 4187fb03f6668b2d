"""central: counters enrolled with a device key instead of a database login

Revision ID: 0016
Revises: 0015
"""
import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

BigInt = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "device",
        sa.Column("id", BigInt, nullable=False),
        sa.Column("office_id", BigInt, nullable=False),
        sa.Column("counter_id", BigInt, nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=True),
        sa.Column("code_expires_at", sa.DateTime(), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("last_seen_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"], name=op.f("fk_device_office_id_office")),
        sa.ForeignKeyConstraint(["counter_id"], ["counter.id"], name=op.f("fk_device_counter_id_counter")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_device_code_hash")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_device_key_hash")),
    )
    op.drop_table("desk_office")
    if op.get_bind().dialect.name == "postgresql":
        _retire_desk_logins()


RLS_TABLES = ("customer", "bill", "instalment_plan", "work_order", "day_closing", "payment", "payment_line",
              "shift", "conflict", "customer_credit", "deposit", "inbox", "audit_log")


def _retire_desk_logins() -> None:
    """Counters no longer log into the database: the row-level policies go, and the
    counters' login roles keep no right in this database (roles are cluster-wide:
    dropping them is the operator's step, docs/operations.md)."""
    for table in RLS_TABLES:
        for policy in ("desk_reads", "desk_sends", "desk_appends", "desk_skips"):
            op.execute(f"DROP POLICY IF EXISTS {policy} ON {table}")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    op.execute("DROP FUNCTION IF EXISTS desk_office()")
    roles = op.get_bind().execute(sa.text("SELECT rolname FROM pg_roles WHERE rolname LIKE :pattern"),
                                  {"pattern": "counter\\_desk%"}).scalars().all()
    database = op.get_bind().exec_driver_sql("SELECT current_database()").scalar_one()
    for role in roles:
        op.execute(f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{role}"')
        op.execute(f'REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM "{role}"')
        op.execute(f'REVOKE ALL ON SCHEMA public FROM "{role}"')
        op.execute(f'REVOKE ALL ON DATABASE "{database}" FROM "{role}"')


def downgrade() -> None:
    op.create_table(
        "desk_office",
        sa.Column("role_name", sa.String(63), nullable=False),
        sa.Column("office_id", BigInt, nullable=False),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"], name=op.f("fk_desk_office_office_id_office")),
        sa.PrimaryKeyConstraint("role_name", name=op.f("pk_desk_office")),
    )
    op.drop_table("device")
