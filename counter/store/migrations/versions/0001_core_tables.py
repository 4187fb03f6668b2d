"""core tables

Revision ID: 0001
Revises: 
"""
from alembic import op
import sqlalchemy as sa

# 64-bit everywhere; plain INTEGER on SQLite so that integer keys are rowids.
BigInt = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', BigInt, nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_id', BigInt, nullable=True),
    sa.Column('counter_id', BigInt, nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('subject', sa.String(length=80), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    op.create_table('fine_scheme',
    sa.Column('id', BigInt, nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('amount', BigInt, nullable=False),
    sa.Column('stages', sa.JSON(), nullable=False),
    sa.Column('percent_bp', BigInt, nullable=False),
    sa.Column('minimum', BigInt, nullable=False),
    sa.Column('maximum', BigInt, nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fine_scheme'))
    )
    op.create_table('office',
    sa.Column('id', BigInt, nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('utility_name', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_office')),
    sa.UniqueConstraint('code', name=op.f('uq_office_code'))
    )
    op.create_table('outbox',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox'))
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_unsent', ['sent_at', 'created_at'], unique=False)

    op.create_table('stamp_duty_rule',
    sa.Column('id', BigInt, nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('threshold', BigInt, nullable=False),
    sa.Column('amount', BigInt, nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stamp_duty_rule'))
    )
    op.create_table('tariff_group',
    sa.Column('id', BigInt, nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('minimum_m3', BigInt, nullable=False),
    sa.Column('standing_charge', BigInt, nullable=False),
    sa.Column('meter_fee', BigInt, nullable=False),
    sa.Column('fine_exempt', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tariff_group')),
    sa.UniqueConstraint('code', name=op.f('uq_tariff_group_code'))
    )
    op.create_table('app_user',
    sa.Column('id', BigInt, nullable=False),
    sa.Column('username', sa.String(length=40), nullable=False),
    sa.Column('full_name', sa.String(length=120), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('office_id', BigInt, nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name=op.f('fk_app_user_office_id_office')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('username', name=op.f('uq_app_user_username'))
    )
    op.create_table('counter',
    sa.Column('id', BigInt, nullable=False),
    sa.Column('office_id', BigInt, nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name=op.f('fk_counter_office_id_office')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_counter')),
    sa.UniqueConstraint('office_id', 'code', name=op.f('uq_counter_office_id'))
    )
    op.create_table('customer',
    sa.Column('id', BigInt, nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('number_key', sa.String(length=32), nullable=False),
    sa.Column('meter_no', sa.String(length=32), nullable=False),
    sa.Column('meter_key', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('village', sa.String(length=80), nullable=False),
    sa.Column('district', sa.String(length=80), nullable=False),
    sa.Column('tariff_group_id', BigInt, nullable=False),
    sa.Column('office_id', BigInt, nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('household_size', BigInt, nullable=False),
    sa.Column('fine_exempt', sa.Boolean(), nullable=False),
    sa.Column('search_name', sa.String(length=120), nullable=False),
    sa.Column('search_place', sa.String(length=400), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name=op.f('fk_customer_office_id_office')),
    sa.ForeignKeyConstraint(['tariff_group_id'], ['tariff_group.id'], name=op.f('fk_customer_tariff_group_id_tariff_group')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customer')),
    sa.UniqueConstraint('number_key', name=op.f('uq_customer_number_key'))
    )
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_meter_key'), ['meter_key'], unique=False)

    op.create_table('tariff_block',
    sa.Column('id', BigInt, nullable=False),
    sa.Column('tariff_group_id', BigInt, nullable=False),
    sa.Column('seq', BigInt, nullable=False),
    sa.Column('up_to_m3', BigInt, nullable=True),
    sa.Column('price_per_m3', BigInt, nullable=False),
    sa.ForeignKeyConstraint(['tariff_group_id'], ['tariff_group.id'], name=op.f('fk_tariff_block_tariff_group_id_tariff_group')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tariff_block')),
    sa.UniqueConstraint('tariff_group_id', 'seq', name=op.f('uq_tariff_block_tariff_group_id'))
    )
    op.create_table('bill',
    sa.Column('id', BigInt, nullable=False),
    sa.Column('customer_id', BigInt, nullable=False),
    sa.Column('period', BigInt, nullable=False),
    sa.Column('meter_start', BigInt, nullable=False),
    sa.Column('meter_end', BigInt, nullable=False),
    sa.Column('usage_m3', BigInt, nullable=False),
    sa.Column('water_charge', BigInt, nullable=False),
    sa.Column('standing_charge', BigInt, nullable=False),
    sa.Column('meter_fee', BigInt, nullable=False),
    sa.Column('admin_fee', BigInt, nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('payment_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_bill_customer_id_customer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bill')),
    sa.UniqueConstraint('customer_id', 'period', name=op.f('uq_bill_customer_id'))
    )
    with op.batch_alter_table('bill', schema=None) as batch_op:
        batch_op.create_index('ix_bill_payment_id', ['payment_id'], unique=False)

    op.create_table('payment',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('receipt_no', sa.String(length=48), nullable=False),
    sa.Column('office_id', BigInt, nullable=False),
    sa.Column('counter_id', BigInt, nullable=False),
    sa.Column('cashier_id', BigInt, nullable=False),
    sa.Column('customer_id', BigInt, nullable=False),
    sa.Column('paid_at', sa.DateTime(), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('method', sa.String(length=12), nullable=False),
    sa.Column('subtotal', BigInt, nullable=False),
    sa.Column('stamp_duty', BigInt, nullable=False),
    sa.Column('total', BigInt, nullable=False),
    sa.Column('tendered', BigInt, nullable=False),
    sa.Column('change', BigInt, nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.ForeignKeyConstraint(['cashier_id'], ['app_user.id'], name=op.f('fk_payment_cashier_id_app_user')),
    sa.ForeignKeyConstraint(['counter_id'], ['counter.id'], name=op.f('fk_payment_counter_id_counter')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_payment_customer_id_customer')),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name=op.f('fk_payment_office_id_office')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment')),
    sa.UniqueConstraint('receipt_no', name=op.f('uq_payment_receipt_no'))
    )
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.create_index('ix_payment_day', ['business_date', 'counter_id'], unique=False)

    op.create_table('receipt_sequence',
    sa.Column('counter_id', BigInt, nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('last_no', BigInt, nullable=False),
    sa.ForeignKeyConstraint(['counter_id'], ['counter.id'], name=op.f('fk_receipt_sequence_counter_id_counter')),
    sa.PrimaryKeyConstraint('counter_id', 'business_date', name=op.f('pk_receipt_sequence'))
    )
    op.create_table('payment_line',
    sa.Column('id', BigInt, nullable=False),
    sa.Column('payment_id', sa.Uuid(), nullable=False),
    sa.Column('seq', BigInt, nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('bill_id', BigInt, nullable=True),
    sa.Column('period', BigInt, nullable=False),
    sa.Column('water_charge', BigInt, nullable=False),
    sa.Column('standing_charge', BigInt, nullable=False),
    sa.Column('meter_fee', BigInt, nullable=False),
    sa.Column('admin_fee', BigInt, nullable=False),
    sa.Column('fine', BigInt, nullable=False),
    sa.Column('amount', BigInt, nullable=False),
    sa.ForeignKeyConstraint(['bill_id'], ['bill.id'], name=op.f('fk_payment_line_bill_id_bill')),
    sa.ForeignKeyConstraint(['payment_id'], ['payment.id'], name=op.f('fk_payment_line_payment_id_payment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment_line'))
    )
    with op.batch_alter_table('payment_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payment_line_payment_id'), ['payment_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('payment_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payment_line_payment_id'))

    op.drop_table('payment_line')
    op.drop_table('receipt_sequence')
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.drop_index('ix_payment_day')

    op.drop_table('payment')
    with op.batch_alter_table('bill', schema=None) as batch_op:
        batch_op.drop_index('ix_bill_payment_id')

    op.drop_table('bill')
    op.drop_table('tariff_block')
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customer_meter_key'))

    op.drop_table('customer')
    op.drop_table('counter')
    op.drop_table('app_user')
    op.drop_table('tariff_group')
    op.drop_table('stamp_duty_rule')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_unsent')

    op.drop_table('outbox')
    op.drop_table('office')
    op.drop_table('fine_scheme')
    op.drop_table('audit_log')
