"""Central applies what a counter corrected of a customer (phone number,
household size): checked as the counter checks it, for its own office's
customers only, and given a change number so every counter of the office has it."""

from __future__ import annotations

from sqlalchemy import select

from counter.central.outcome import Outcome, Rejected
from counter.central.plan_applier import _counter, _payload, _user_id
from counter.errors import InvalidInput
from counter.models import Customer, InboxEvent
from counter.rules.text import key
from counter.services.customer_details import check_household, clean_phone


def apply_customer_updated(batch, event: InboxEvent) -> Outcome:  # noqa: ANN001
    p = _payload(event)
    _, office_id = _counter(batch, event)
    _user_id(batch.session, p.get("cashier"), office_id)
    customer = batch.session.scalars(select(Customer).where(
        Customer.number_key == key(str(p.get("customer", ""))))).first()
    if customer is None or customer.office_id != office_id:
        raise Rejected(f"pelanggan {p.get('customer')!r} tidak dikenal")
    if "phone" not in p and "household_size" not in p:
        raise Rejected("tidak ada yang diubah")
    try:
        phone = clean_phone(p["phone"]) if "phone" in p and isinstance(p["phone"], str) else None
        if "phone" in p and phone is None:
            raise InvalidInput("nomor telepon bukan teks")
        size = check_household(p["household_size"]) if "household_size" in p else None
    except InvalidInput as error:
        raise Rejected(str(error)) from None
    if phone is not None:
        customer.phone = phone
    if size is not None:
        customer.household_size = size
    customer.change_seq = batch.change()
    return Outcome("applied")
