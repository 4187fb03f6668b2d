"""The catalogue of other charges in a store (the counter's replica or central's)
and what one customer pays for them today: the rate in force for their tariff
group (rules.charges), less the discount of the relief programme their running
plan was granted under. The counter's payment and central's applier both ask
here, so they price a charge alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.errors import InvalidInput, quoted
from counter.models import ChargeType, Customer, ReliefProgramme, TariffGroup
from counter.rules.charges import (
    UNSEAL_CHARGE, ChargeDue, ChargeRate, catalogue_for, charge_due, check_code, in_force,
)
from counter.services.plan_state import active_plan


def rates(session: Session) -> list[ChargeRate]:
    """Every row of the catalogue (a small table: read whole)."""
    return [ChargeRate(code, name, amount, group, since) for code, name, amount, group, since in session.execute(
        select(ChargeType.code, ChargeType.name, ChargeType.amount, TariffGroup.code, ChargeType.valid_from)
        .outerjoin(TariffGroup, TariffGroup.id == ChargeType.tariff_group_id)
        .order_by(ChargeType.code, ChargeType.valid_from))]


def catalogue(session: Session, group: str | None, on: dt.date) -> list[ChargeRate]:
    """What is in force on `on`: for a customer of `group`, one rate per code; without
    a group, every row in force (the one for every group and each group's own)."""
    found = rates(session)
    if group is not None:
        code = group.strip().upper()
        if session.scalar(select(TariffGroup.id).where(TariffGroup.code == code)) is None:
            raise InvalidInput(f"Golongan tarif {quoted(group)} tidak dikenal.")
        return catalogue_for(found, code, on)
    latest: dict[tuple, ChargeRate] = {}
    for rate in found:
        if rate.valid_from <= on:
            latest[rate.code, rate.group or ""] = rate  # in date order: the last is in force
    return [latest[k] for k in sorted(latest)]


@dataclass(frozen=True)
class Relief:
    """The discounts on charges a customer pays under: their running plan's programme version."""

    programme: str = ""
    discounts: dict | None = None


def relief_of(session: Session, customer_id: int) -> Relief:
    plan = active_plan(session, customer_id)
    if plan is None or plan.programme_id is None:
        return Relief()
    programme = session.get(ReliefProgramme, plan.programme_id)
    return Relief(programme.code, dict(programme.charge_discounts or {}))


def offered(session: Session, customer: Customer, on: dt.date) -> tuple[ChargeDue, ...]:
    """Every charge `customer` may pay on `on`, at what they would pay."""
    relief = relief_of(session, customer.id)
    return tuple(charge_due(r, relief.discounts or {}, relief.programme)
                 for r in catalogue_for(rates(session), customer.tariff_group.code.upper(), on))


def checked_codes(codes: Iterable[object]) -> list[str]:
    """The chosen charges' codes, each once."""
    found = []
    for text in codes:
        code = check_code(text)
        if code in found:
            raise InvalidInput(f"Biaya {code} dipilih dua kali; satu pembayaran membayar satu biaya sekali.")
        found.append(code)
    return found


def charges_due(session: Session, customer: Customer, codes: list[str], on: dt.date,
                all_rates: list[ChargeRate] | None = None, missing_ok: bool = False) -> tuple[ChargeDue, ...]:
    """The charges `codes` (checked) as `customer` pays them on `on`; InvalidInput
    for one the catalogue does not have for their tariff group that day (left
    out instead with `missing_ok`)."""
    if not codes:
        return ()
    group = customer.tariff_group.code.upper()
    found = as_paid(session, customer.id, group, codes, on, all_rates)
    missing = [code for code, due in found.items() if due is None]
    if missing and not missing_ok:
        raise InvalidInput(f"Biaya {missing[0]} tidak ada di katalog untuk golongan {group} per {on:%d-%m-%Y}; "
                           "lihat 'counter charges list'.")
    return tuple(due for due in found.values() if due is not None)


def as_paid(session: Session, customer_id: int, group: str, codes: Iterable[str], on: dt.date,
            all_rates: list[ChargeRate] | None = None) -> dict[str, ChargeDue | None]:
    """Each code as the customer (of tariff group `group`) pays it on `on`, None
    where the catalogue has no rate: what a counter charges and central expects."""
    all_rates = rates(session) if all_rates is None else all_rates
    relief = relief_of(session, customer_id)
    found = {}
    for code in codes:
        rate = in_force(all_rates, code, group, on)
        found[code] = None if rate is None else charge_due(rate, relief.discounts or {}, relief.programme)
    return found


def priced(session: Session, customer: Customer, codes: Iterable[object], on: dt.date,
           unseal: bool = False) -> tuple[ChargeDue, ...]:
    """The chosen charges as a payment takes them: with the unseal fee when it
    orders the unsealing (if the catalogue has one for the customer)."""
    codes = checked_codes(codes)
    if unseal and UNSEAL_CHARGE not in codes:
        return charges_due(session, customer, codes, on) + charges_due(session, customer, [UNSEAL_CHARGE], on,
                                                                      missing_ok=True)
    return charges_due(session, customer, codes, on)
