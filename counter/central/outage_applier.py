"""Central's side of outages and the paper receipts written during them
(services.outages, services.paper_receipts): `outage.opened` is kept with a
change number, so every counter of the office pulls it; a payment event of a
paper receipt carries `paper_no` and `entered_by`, which central keeps on the
payment (see applier.apply_payment)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from counter.models import InboxEvent, Outage, Payment
from counter.central.outcome import Outcome, Rejected
from counter.central.plan_applier import _counter, _payload, _user_id, _uuid

PAPER_NO_LENGTH = 32


def _date(p: dict, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(p[name])
    except (KeyError, TypeError, ValueError):
        raise Rejected(f"{name} tidak sah") from None


def apply_outage_opened(batch, event: InboxEvent) -> Outcome:  # noqa: ANN001
    """An outage a supervisor opened at a counter: kept as it is (two counters
    that opened overlapping ones offline both stand: each is a record)."""
    p = _payload(event)
    outage_id = _uuid(p.get("outage_id"), "outage_id")
    if batch.session.get(Outage, outage_id) is not None:
        return Outcome("duplicate", "gangguan ini sudah tercatat")
    counter_id, office_id = _counter(batch, event)
    date_from, date_to = _date(p, "date_from"), _date(p, "date_to")
    if date_to < date_from:
        raise Rejected("tanggal akhir gangguan sebelum tanggal awalnya")
    try:
        opened_at = dt.datetime.fromisoformat(p["opened_at"])
    except (KeyError, TypeError, ValueError):
        raise Rejected("opened_at tidak sah") from None
    if opened_at.tzinfo is None:
        raise Rejected("opened_at tanpa zona waktu")
    reason = p.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise Rejected("alasan gangguan tidak sah")
    batch.session.add(Outage(
        id=outage_id, office_id=office_id, date_from=date_from, date_to=date_to, reason=reason[:200],
        opened_at=opened_at, opened_by=_user_id(batch.session, p.get("opened_by"), office_id),
        approved_by=_user_id(batch.session, p.get("approved_by"), office_id), counter_id=counter_id,
        change_seq=batch.change()))
    return Outcome("applied")


def paper_fields(batch, p: dict, office_id: int) -> dict:  # noqa: ANN001 - applier.Batch
    """A payment event's paper receipt number and who entered it, as the payment
    row keeps them (`""` and None for an ordinary payment); Rejected when malformed."""
    paper_no = p.get("paper_no", "")
    if paper_no in ("", None):
        return {"paper_no": "", "entered_by": None}
    if not isinstance(paper_no, str) or len(paper_no) > PAPER_NO_LENGTH or not paper_no.strip():
        raise Rejected(f"nilai 'paper_no' tidak sah: {str(paper_no)[:40]!r}")
    entered = p.get("entered_by")
    user_id, user_office = batch.cashiers.get(entered, (None, None)) if isinstance(entered, str) else (None, None)
    if user_id is None or user_office not in (None, office_id):
        raise Rejected(f"pengguna {str(entered)[:40]!r} yang mencatat kuitansi manual tidak dikenal")
    return {"paper_no": paper_no, "entered_by": user_id}


def paper_conflicts(batch, fields: dict, office_id: int) -> list[tuple[str, dict]]:  # noqa: ANN001
    """A paper number the office already has on another payment (two counters
    entered the same paper receipt): the money is kept, a supervisor looks."""
    paper_no = fields["paper_no"]
    if not paper_no:
        return []
    earlier = [row["receipt_no"] for row in batch.payments
               if row.get("paper_no") == paper_no and row["office_id"] == office_id]
    earlier += batch.session.scalars(select(Payment.receipt_no).where(
        Payment.office_id == office_id, Payment.paper_no == paper_no)).all()
    return [("paper_no_reused", {"paper_no": paper_no, "receipt_no": earlier[0]})] if earlier else []
