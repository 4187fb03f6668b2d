"""Collective payment (pembayaran kolektif): a housing complex, a company or a
family pays many connections at once, with one tender.

Each connection is paid as an ordinary payment (`payment.take`: every open bill,
oldest first, with its own receipt number, lines, outbox event and audit
record), so central, the shift and the day's closing see nothing new. They and
the collective record that ties them to one summary receipt are written in one
transaction: when one connection is refused (its bills changed since they were
shown, paid elsewhere, closed ...) nothing is written and no number is used.

One tender: cash is rounded per payment as usual, and the collective's total is
the sum of the payments' totals. Every payment but the last records tendered =
its due and no change; the last takes the rest of the tender and the whole
change, so the drawer (tendered - change, summed) adds up to the total.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from uuid6 import uuid7

from counter.errors import BillSelectionError, CounterError, InvalidInput, PaymentRefused, quoted
from counter.models import CollectiveMember, CollectivePayment
from counter.rules.money import format_rupiah
from counter.rules.payment_methods import PAYMENT_METHODS
from counter.rules.settlement import check_rounding_unit, settle
from counter.services import audit
from counter.services.approval import authorise
from counter.services.billing import quote_customer
from counter.services.context import Desk
from counter.services.lookup import customer_by_number
from counter.services.payment import PaymentPolicy, PaymentResult, date_doubts, take
from counter.services.plans import next_document_no
from counter.services.shifts import refuse_closed_day, require_shift
from counter.store.uow import UnitOfWork
from counter.sync.state import contact_times

MAX_MEMBERS = 300  # connections in one collective payment
DOCUMENT_KIND = "KOL"  # 0001/KOL/KPG-L01/XI/2025


@dataclass(frozen=True)
class Member:
    """A connection to pay, and the total of its bills the cashier showed (None: not shown)."""

    customer: str
    expected_total: int | None = None


@dataclass(frozen=True)
class MemberOwed:
    """What one connection owes now: every open bill, oldest first."""

    number: str
    name: str
    address: str
    periods: tuple[int, ...]
    total: int  # its bills, fines and stamp duty: the `expected_total` to pay it with
    due: int  # what its payment takes by the method (cash rounded as one receipt)


@dataclass(frozen=True)
class CollectiveQuote:
    members: tuple[MemberOwed, ...]
    method: str

    @property
    def total(self) -> int:
        return sum(m.due for m in self.members)


@dataclass(frozen=True)
class CollectivePaid:
    collective_id: uuid.UUID
    collective_no: str
    label: str
    method: str
    reference: str
    tendered: int
    change: int
    paid_at: dt.datetime
    payments: tuple[PaymentResult, ...]  # in paying order, one per connection

    @property
    def total(self) -> int:
        return sum(p.total for p in self.payments)


def member_owed(session, number: str, today: dt.date, method: str = "cash",  # noqa: ANN001 - Session
                policy: PaymentPolicy | None = None) -> MemberOwed:
    """What connection `number` owes on `today`, all its open bills; refused
    (Indonesian) when it is unknown, owes no bill, or is closed and the policy
    refuses closed connections."""
    policy = policy or PaymentPolicy()
    owed = quote_customer(session, customer_by_number(session, number), today)
    c = owed.customer
    if c.status == "closed" and not policy.closed_arrears:
        raise PaymentRefused(f"Sambungan {c.number} sudah ditutup; pembayaran tidak bisa diterima di loket.")
    if not owed.bills:
        raise BillSelectionError(f"Sambungan {c.number} ({c.name}) tidak punya rekening yang belum dibayar.")
    due = settle(owed.total, 0, method, check_rounding_unit(policy.cash_rounding)).due
    return MemberOwed(c.number, c.name, ", ".join(p for p in (c.address, c.village) if p),
                      tuple(b.period for b in owed.bills), owed.total, due)


def _members(members: Iterable[Member | str]) -> list[Member]:
    checked = [m if isinstance(m, Member) else Member(m) for m in members]
    if not checked:
        raise InvalidInput("Pilih minimal satu sambungan untuk pembayaran kolektif.")
    if len(checked) > MAX_MEMBERS:
        raise InvalidInput(f"Satu pembayaran kolektif paling banyak {MAX_MEMBERS} sambungan.")
    for member in checked:
        if not isinstance(member.customer, str) or not member.customer.strip():
            raise InvalidInput("Nomor sambungan kosong.")
        shown = member.expected_total
        if shown is not None and (isinstance(shown, bool) or not isinstance(shown, int)):
            raise InvalidInput("Total yang ditunjukkan harus angka bulat Rupiah.")
    return checked


def _owed_all(session, members: Sequence[Member], today: dt.date, method: str,  # noqa: ANN001 - Session
              policy: PaymentPolicy) -> list[MemberOwed]:
    """Each member's bills now; the same connection twice, or one whose total is
    no longer what the cashier showed, refused."""
    owed: list[MemberOwed] = []
    for member in members:
        row = member_owed(session, member.customer.strip(), today, method, policy)
        if any(o.number == row.number for o in owed):
            raise InvalidInput(f"Sambungan {row.number} disebut dua kali; setiap sambungan dibayar sekali.")
        if member.expected_total is not None and member.expected_total != row.total:
            raise PaymentRefused(
                f"Tagihan sambungan {row.number} ({row.name}) berubah menjadi {format_rupiah(row.total)} "
                f"(tadi {format_rupiah(member.expected_total)}); tidak ada yang dibayar. Muat ulang lalu bayar lagi.")
        owed.append(row)
    return owed


def quote_collective(uow: UnitOfWork, desk: Desk, numbers: Iterable[str], method: str = "cash",
                     policy: PaymentPolicy | None = None) -> CollectiveQuote:
    """What the connections owe today, each refused as `pay_collective` would."""
    policy = policy or PaymentPolicy()
    members = _members(numbers)
    _check_method(method, "")
    with uow:
        return CollectiveQuote(tuple(_owed_all(uow.session, members, desk.today(), method, policy)), method)


def _check_method(method: str, reference: str) -> None:
    if method not in PAYMENT_METHODS:
        raise InvalidInput(f"Cara bayar {quoted(method)} tidak dikenal.")
    if not isinstance(reference, str) or len(reference) > 64:
        raise InvalidInput("Nomor referensi terlalu panjang (maksimal 64 huruf).")


def _check_tender(tendered: object, total: int, last_due: int, policy: PaymentPolicy) -> int:
    """The cash covers the whole total; the change stays a believable amount
    (the last payment records it, within one payment's limit)."""
    if tendered is None:
        raise InvalidInput("Isi uang yang diterima.")
    if isinstance(tendered, bool) or not isinstance(tendered, int):
        raise InvalidInput("Uang diterima harus angka bulat Rupiah.")
    if tendered < total:
        raise PaymentRefused(f"Uang diterima {format_rupiah(tendered)} kurang dari total kolektif "
                             f"{format_rupiah(total)} (kurang {format_rupiah(total - tendered)}); tidak ada yang "
                             "dibayar.")
    if tendered - total + last_due > policy.max_amount:
        raise InvalidInput(f"Uang diterima {format_rupiah(tendered)} jauh melebihi total {format_rupiah(total)} "
                           f"(kembalian {format_rupiah(tendered - total)}); periksa lagi angkanya.")
    return tendered


def _about(error: CounterError, number: str) -> CounterError:
    """A member's refusal, naming its connection when it does not already."""
    if number in str(error):
        return error
    return type(error)(f"Sambungan {number}: {error}")


def pay_collective(uow: UnitOfWork, desk: Desk, members: Iterable[Member | str], *, method: str = "cash",
                   tendered: int | None = None, reference: str = "", expected_total: int | None = None,
                   offline: bool = False, policy: PaymentPolicy | None = None, label: str = "") -> CollectivePaid:
    """Pay every open bill of each connection in `members`, in that order, with
    one tender, in one transaction (see the module's docstring). A member's
    `expected_total` is its total as shown (bills and stamp duty, before
    rounding); `expected_total` the collective's total as shown. `label` says
    who paid (a saved group's name)."""
    policy = policy or PaymentPolicy()
    authorise(desk, "pay")
    members = _members(members)
    _check_method(method, reference)
    if not isinstance(label, str) or len(label) > 120:
        raise InvalidInput("Nama pembayar kolektif terlalu panjang (maksimal 120 huruf).")
    with uow.writing():
        session = uow.session
        today = desk.today()
        # pay()'s checks, once for the whole collective: the day is open, the
        # cashier's shift is open here, the date can be trusted for every bill
        refuse_closed_day(session, desk.office_id, today, "pembayaran")
        require_shift(session, desk)
        owed = _owed_all(session, members, today, method, policy)
        doubt = date_doubts(contact_times(session)[0], desk, today, [p for row in owed for p in row.periods])
        if doubt:
            raise PaymentRefused(doubt)
        total = sum(row.due for row in owed)
        if expected_total is not None and expected_total != total:
            raise PaymentRefused(f"Total kolektif menjadi {format_rupiah(total)} (tadi "
                                 f"{format_rupiah(expected_total)}); tidak ada yang dibayar. Muat ulang lalu bayar lagi.")
        cash = method == "cash"
        tendered = _check_tender(tendered, total, owed[-1].due, policy) if cash else total
        payments: list[PaymentResult] = []
        for index, row in enumerate(owed):
            last = index == len(owed) - 1
            given = (tendered - sum(p.due for p in payments) if last else row.due) if cash else None
            try:
                payments.append(take(session, desk, row.number, list(row.periods), [], today, method=method,
                                     tendered=given, reference=reference, expected_total=row.total,
                                     offline=offline, policy=policy))
            except CounterError as error:
                raise _about(error, row.number) from None
        record = CollectivePayment(
            id=uuid7(), collective_no=next_document_no(session, desk, DOCUMENT_KIND, today),
            office_id=desk.office_id, counter_id=desk.counter_id, cashier_id=desk.user_id, business_date=today,
            paid_at=payments[-1].paid_at, method=method, reference=reference, total=total, tendered=tendered,
            change=tendered - total, label=label.strip(), copies=0,
            members=[CollectiveMember(seq=seq, payment_id=p.payment_id) for seq, p in enumerate(payments, 1)])
        session.add(record)
        audit.append(session, "collective.paid", record.collective_no, {
            "total": total, "method": method, "tendered": tendered, "change": record.change,
            "receipts": [p.receipt_no for p in payments], **({"label": record.label} if record.label else {})},
            **audit.by(desk))
        uow.commit()
    return CollectivePaid(record.id, record.collective_no, record.label, method, reference, tendered,
                          record.change, record.paid_at, tuple(payments))
