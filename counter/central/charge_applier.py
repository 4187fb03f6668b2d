"""Central's side of other charges: a payment's charge lines checked against
central's own catalogue and the relief of the customer's running plan there
(services/charges, the counter's code). Money already taken is never refused:
a charge central prices otherwise, or does not know, is an amount_mismatch
conflict for a supervisor."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from counter.central.outcome import Rejected, whole
from counter.models import TariffGroup
from counter.rules.charges import check_code
from counter.services.charges import as_paid, rates


def checked_line(line: dict) -> None:
    """A charge line's own form: its code, amount and discount."""
    try:
        line["charge_code"] = check_code(line.get("charge_code"))
    except ValueError:
        raise Rejected(f"kode biaya tidak sah: {line.get('charge_code')!r}") from None
    whole(line, "amount")
    line.setdefault("discount", 0)
    whole(line, "discount")


def charge_conflicts(batch, customer, lines: list[dict], on: dt.date) -> list[dict]:  # noqa: ANN001
    """(kind, amount, detail) of every charge line central prices otherwise."""
    if not lines:
        return []
    if batch.charge_rates is None:  # read once a batch: the catalogue is small
        batch.charge_rates = rates(batch.session)
    group = batch.session.scalar(select(TariffGroup.code).where(TariffGroup.id == customer.tariff_group_id))
    expected = as_paid(batch.session, customer.id, group.upper(), [line["charge_code"] for line in lines], on,
                       batch.charge_rates)
    found = []
    for line in lines:
        due = expected[line["charge_code"]]
        central = due.amount if due is not None else 0
        if due is None or central != line["amount"]:
            found.append(dict(kind="amount_mismatch", amount=line["amount"] - central,
                              detail={"charge": line["charge_code"], "counter_amount": line["amount"],
                                      "central_amount": central if due is not None else None}))
    return found
