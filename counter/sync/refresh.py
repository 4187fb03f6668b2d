"""Refreshing one customer from central before the cashier takes their money,
so a bill paid at a bank or in a marketplace is not taken twice."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError

from counter.models import Bill, Customer
from counter.rules.text import key
from counter.sync.pull import upsert
from counter.sync.state import record_contact, record_failure


def refresh_customer(local: Engine, central: Engine, number: str) -> bool:
    """Copy the customer's row and bills from central. False when central did not
    answer in time (the caller then works from the replica and says so)."""
    try:
        with central.connect() as connection:
            customer = connection.execute(
                select(Customer.__table__).where(Customer.number_key == key(number))
            ).mappings().first()
            if customer is None:
                return True  # central does not know it: nothing to refresh
            bills = connection.execute(
                select(Bill.__table__).where(Bill.customer_id == customer["id"])
            ).mappings().all()
    except DBAPIError as error:
        record_failure(local, error.orig)
        return False
    with local.begin() as connection:
        connection.execute(upsert(Customer.__table__), [dict(customer)])
        if bills:
            connection.execute(upsert(Bill.__table__), [dict(b) for b in bills])
    record_contact(local)
    return True
