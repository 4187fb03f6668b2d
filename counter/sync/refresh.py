"""Refreshing one customer from central before the cashier takes their money,
so a bill paid at a bank or in a marketplace, or a plan made or a term paid at
another counter, is not taken twice."""

from __future__ import annotations

import threading

from sqlalchemy import Engine, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from counter.models import Bill, Customer, CustomerNote, InstalmentPlan, Payment, ReliefProgramme
from counter.models.replication import decode_row
from counter.sync.link import Central
from counter.sync.pull import upsert
from counter.sync.state import (
    CentralUnreachable, reaching_central, record_contact, record_failure, utc_now, writing,
)


def _read(local: Engine, central: Central, number: str, timeout_ms: int) -> tuple[dict | None, list, list, dict]:
    with reaching_central(local):
        answer = central.customer(number, timeout_s=timeout_ms / 1000)
    if answer.get("customer") is None:
        return None, [], [], {}
    customer = decode_row(Customer.__table__, answer["customer"])
    bills = [decode_row(Bill.__table__, b) for b in answer["bills"]]
    plans = [decode_row(InstalmentPlan.__table__, p) for p in answer["plans"]]
    note = {"customer_id": customer["id"], "credit": int(answer["credit"]),
            "open_conflicts": int(answer["open_conflicts"]), "read_at": utc_now(),
            "recorded": {str(p) for p in answer.get("credit_payments", [])}}
    return customer, bills, plans, note


def _unrecorded_credit(connection, customer_id: int, recorded: set[str]) -> int:  # noqa: ANN001
    """Credit this counter used for the customer that central's answer does not
    count yet (the payment's event has not been applied there)."""
    uses = connection.execute(select(Payment.id, Payment.credit_used).where(
        Payment.customer_id == customer_id, Payment.credit_used > 0, Payment.status == "completed")).all()
    return sum(used for payment_id, used in uses if str(payment_id) not in recorded)


def refresh_customer(local: Engine, central: Central, number: str, timeout_ms: int = 1000) -> bool:
    """Copy the customer's row and bills from central. False when central did not
    answer within `timeout_ms` (the caller then works from the replica and says so).

    The read runs on a thread of its own that the caller waits for no longer than
    the timeout: a network gone dark with the connection open, or a server that
    takes the connection and never answers, would otherwise hold the desk for as
    long as TCP takes to give up (the driver's connect timeout is 2 s at least)."""
    answer: list = []

    def read() -> None:
        try:
            answer.append(_read(local, central, number, timeout_ms))
        except BaseException as error:  # noqa: BLE001 - handed to the caller
            answer.append(error)

    reader = threading.Thread(target=read, name="refresh-customer", daemon=True)
    reader.start()
    reader.join(timeout_ms / 1000)
    if not answer:
        record_failure(local, f"pusat tidak menjawab dalam {timeout_ms} ms")
        return False
    if isinstance(answer[0], CentralUnreachable):
        return False
    if isinstance(answer[0], BaseException):
        raise answer[0]
    customer, bills, plans, note = answer[0]
    if customer is None:
        return True  # central does not know it: nothing to refresh
    with writing(local) as connection:
        note["credit"] -= _unrecorded_credit(connection, customer["id"], note.pop("recorded"))
        connection.execute(upsert(Customer.__table__), [customer])
        if bills:
            connection.execute(upsert(Bill.__table__), bills)
        known = set(connection.scalars(select(ReliefProgramme.id)))
        plans = [p for p in plans if p["programme_id"] is None or p["programme_id"] in known]  # the rest: next pull
        if plans:
            connection.execute(upsert(InstalmentPlan.__table__), plans)
        connection.execute(sqlite_insert(CustomerNote.__table__).values(note).on_conflict_do_update(
            index_elements=["customer_id"], set_={k: v for k, v in note.items() if k != "customer_id"}))
    record_contact(local)
    return True
