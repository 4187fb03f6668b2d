"""Refreshing one customer from central before the cashier takes their money,
so a bill paid at a bank or in a marketplace is not taken twice."""

from __future__ import annotations

from sqlalchemy import Engine, select, text

from counter.models import Bill, Customer
from counter.rules.text import key
from counter.sync.pull import upsert
from counter.sync.state import CentralUnreachable, reaching_central, record_contact, writing


def refresh_customer(local: Engine, central: Engine, number: str, timeout_ms: int = 1000) -> bool:
    """Copy the customer's row and bills from central. False when central did not
    answer within `timeout_ms` (the caller then works from the replica and says so)."""
    try:
        with reaching_central(local), central.begin() as connection:
            if central.dialect.name == "postgresql":
                connection.execute(text(f"SET LOCAL statement_timeout = {int(timeout_ms)}"))
            customer = connection.execute(
                select(Customer.__table__).where(Customer.number_key == key(number))
            ).mappings().first()
            if customer is None:
                return True  # central does not know it: nothing to refresh
            bills = connection.execute(
                select(Bill.__table__).where(Bill.customer_id == customer["id"])
            ).mappings().all()
    except CentralUnreachable:
        return False
    with writing(local) as connection:
        connection.execute(upsert(Customer.__table__), [dict(customer)])
        if bills:
            connection.execute(upsert(Bill.__table__), [dict(b) for b in bills])
    record_contact(local)
    return True
