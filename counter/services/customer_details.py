"""What a cashier may correct of a customer at the counter: the phone number
and the household size (jiwa). Each change is audited and synced; the desk
shows the usage per person it implies (rules.usage)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from counter.errors import InvalidInput
from counter.services import audit
from counter.services.approval import authorise
from counter.services.context import Desk
from counter.services.lookup import customer_by_number
from counter.services.outbox import queue_event
from counter.store.uow import UnitOfWork

MAX_HOUSEHOLD = 99
_SEPARATORS = re.compile(r"[ \-().]")  # as people write them; a line break is no separator


@dataclass(frozen=True)
class DetailsChanged:
    customer: str
    phone: str
    household_size: int
    changed: tuple[str, ...]  # the names of what changed


def clean_phone(text: str) -> str:
    """A phone number as kept: digits with an optional leading +, 8-15 digits;
    "" clears it. InvalidInput otherwise."""
    text = _SEPARATORS.sub("", (text or "").strip())
    if not text:
        return ""
    digits = text[1:] if text.startswith("+") else text
    if not digits.isascii() or not digits.isdigit() or not 8 <= len(digits) <= 15:
        raise InvalidInput("Nomor telepon 8-15 angka (boleh diawali +), mis. 0812 3456 7890.")
    return text


def check_household(size: object) -> int:
    if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= MAX_HOUSEHOLD:
        raise InvalidInput(f"Jumlah jiwa harus angka bulat 1-{MAX_HOUSEHOLD}.")
    return size


def update_details(uow: UnitOfWork, desk: Desk, number: str, *, phone: str | None = None,
                   household_size: int | None = None) -> DetailsChanged:
    """Set what is given (None: keep); nothing is written when nothing changes."""
    authorise(desk, "customer.update")
    if phone is None and household_size is None:
        raise InvalidInput("Sebutkan nomor telepon dan/atau jumlah jiwa yang diubah.")
    new_phone = None if phone is None else clean_phone(phone)
    new_size = None if household_size is None else check_household(household_size)
    with uow.writing():
        session = uow.session
        customer = customer_by_number(session, number)
        before = {"phone": customer.phone, "household_size": customer.household_size}
        after = {"phone": customer.phone if new_phone is None else new_phone,
                 "household_size": customer.household_size if new_size is None else new_size}
        changed = tuple(name for name in before if before[name] != after[name])
        if changed:
            customer.phone, customer.household_size = after["phone"], after["household_size"]
            now = desk.now()
            queue_event(session, desk, "customer.updated", {
                "customer": customer.number, "cashier": desk.username, "updated_at": now.isoformat(),
                **{name: after[name] for name in changed}}, now)
            audit.append(session, "customer.updated", customer.number,
                         {name: {"was": before[name], "now": after[name]} for name in changed}, **audit.by(desk))
            uow.commit()
        return DetailsChanged(customer.number, after["phone"], after["household_size"], changed)

