"""What a shift's close and an office day's closing say, as plain frozen data:
the consolidation fills them, the PDF, CSV and thermal reports print them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pydantic import TypeAdapter

from counter.rules.payment_methods import CREDIT


# The components of a shift's receipts, in the order the Z report prints them
COMPONENT_LABELS = {"bills": "Rekening air", "terms": "Angsuran & uang muka", "charges": "Biaya lain",
                    "stamp_duty": "Meterai", "rounding": "Pembulatan"}


@dataclass(frozen=True)
class Tally:
    """A line of a breakdown: receipts counted and Rupiah collected under a label."""

    label: str
    count: int
    amount: int


@dataclass(frozen=True)
class ShiftFigures:
    """One cashier's shift at one counter: what the drawer should hold and what was counted."""

    shift_id: str
    office_code: str
    office_name: str
    counter_code: str
    cashier: str  # username
    cashier_name: str
    business_date: dt.date
    opened_at: dt.datetime
    closed_at: dt.datetime | None  # None: still open
    opening_float: int
    payments: int  # completed receipts
    voids: int
    reprints: int
    cash_taken: int  # tendered in cash on completed receipts
    change_given: int
    by_method: tuple[Tally, ...]  # completed receipts per method, cash included: what each brought in; then "credit"
    counts: dict[str, int] = field(default_factory=dict)  # rules.cash denomination key -> pieces; empty while open
    counted: int | None = None  # None while open
    variance_reason: str = ""
    closed_by: str = ""  # username of who closed it (the cashier, or a supervisor)
    closed_by_name: str = ""  # their full name, as papers print it
    expected_at_close: int | None = None  # what the drawer should have held when it was counted
    refunds_paid: int = 0  # cash paid back to customers from this drawer (conflicts' credit)
    # of cash_taken: paper receipts of an outage, written on earlier days and entered in this shift (the
    # cash is in this drawer; the receipts are in their own days' reports)
    paper_cash: int = 0
    rounding: int = 0  # cash rounding of the shift's receipts (signed): part of cash taken less change
    credit_used: int = 0  # customer credit the shift's receipts used (in by_method as "credit"): not in the drawer
    # what the completed receipts paid for (label: COMPONENT_LABELS' keys), adding up to their totals
    components: tuple[Tally, ...] = ()

    @property
    def expected_cash(self) -> int:
        """Float + cash taken - change given - refunds paid; for a closed shift, as
        it stood when the drawer was counted (a receipt voided later moves neither)."""
        if self.expected_at_close is not None:
            return self.expected_at_close
        return self.opening_float + self.cash_taken - self.change_given - self.refunds_paid

    @property
    def variance(self) -> int | None:
        """Counted - expected: negative is a shortfall."""
        return None if self.counted is None else self.counted - self.expected_cash

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True)
class ReceiptRow:
    """One receipt of the day, as the daily receipts report (LPP) lists it."""

    receipt_no: str
    paid_at: dt.datetime
    counter_code: str
    cashier: str
    customer_number: str
    customer_name: str
    method: str
    months: str  # the billing months paid, e.g. "Jan-Mar 2025"; terms named too
    water: int
    fixed: int  # standing charge + meter fee + admin fee
    fines: int
    terms: int  # instalment terms and down payments
    stamp_duty: int
    total: int
    status: str  # completed | void
    paper_no: str = ""  # a paper receipt of an outage entered afterwards: its number ("" otherwise)
    rounding: int = 0  # cash rounding (signed), part of the total
    credit_used: int = 0  # customer credit taken toward the total: the method brought in total - credit_used
    charges: int = 0  # other charges (biaya lain), part of the total
    reference: str = ""  # a transfer's, QRIS's or card's reference, to find the payment on the bank statement


@dataclass(frozen=True)
class VoidRow:
    receipt_no: str
    counter_code: str
    cashier: str
    amount: int
    reason: str
    approved_by: str
    voided_at: dt.datetime | None


@dataclass(frozen=True)
class ConflictRow:
    kind: str
    customer_number: str
    amount: int
    status: str
    created_at: dt.datetime


@dataclass(frozen=True)
class CounterSync:
    """How current central's view of a counter is: events received and not yet
    applied, the last one received, and whether a shift there is still open."""

    counter_code: str
    pending: int
    last_received_at: dt.datetime | None
    open_shifts: int


@dataclass(frozen=True)
class Deposit:
    amount: int
    bank: str
    reference: str
    recorded_at: dt.datetime
    recorded_by: str
    seq: int = 1  # 1: the day's deposit; 2, 3, ...: supplementary ones for cash that arrived late


@dataclass(frozen=True)
class Closing:
    """The sign-off of an office day."""

    closed_at: dt.datetime
    closed_by: str  # the supervisor's username
    override_reason: str  # why it was closed with shifts still open; "" when none were
    included: dict[str, int]  # counter code -> the highest receipt number of the day it covers
    closed_by_role: str = ""  # their role (rules: supervisor | admin), for the report's signature


@dataclass(frozen=True)
class Components:
    """The day's collection split by what it paid for."""

    water: int
    fixed: int  # standing charge + meter fee + admin fee
    fines: int
    stamp_duty: int
    terms: int  # instalment terms
    down_payments: int
    waived: int  # fines and arrears waived by plans made that day (not collected: for the record)
    rounding: int = 0  # cash rounding of the receipts (signed)
    charges: int = 0  # other charges (biaya lain): unsealing, a new connection, a change of name ...
    # `fixed` part by part (0, 0, 0 when not known: figures of an older central)
    standing: int = 0
    meter_fee: int = 0
    admin_fee: int = 0

    @property
    def fixed_parts(self) -> tuple[tuple[str, int], ...]:
        """`fixed` as its parts, in the receipts' words (receipt.COMPONENT_LABELS' keys), a
        part charged by no bill left out; `(("fixed", fixed),)` when the parts are not known."""
        parts = (("standing_charge", self.standing), ("meter_fee", self.meter_fee), ("admin_fee", self.admin_fee))
        if sum(amount for _, amount in parts) != self.fixed:
            return (("fixed", self.fixed),)
        return tuple((key, amount) for key, amount in parts if amount or key != "meter_fee")

    @property
    def collected(self) -> int:
        return (self.water + self.fixed + self.fines + self.stamp_duty + self.terms + self.down_payments
                + self.rounding + self.charges)


@dataclass(frozen=True)
class DayFigures:
    """An office's business day, consolidated from the central store."""

    office_code: str
    office_name: str
    business_date: dt.date
    made_at: dt.datetime  # when these figures were read
    count: int  # completed receipts (the late section apart)
    total: int
    components: Components
    by_counter: tuple[Tally, ...]
    by_cashier: tuple[Tally, ...]
    by_method: tuple[Tally, ...]
    by_tariff: tuple[Tally, ...]
    by_hour: tuple[Tally, ...]  # label "08", "09", ... in the office's time zone
    receipts: tuple[ReceiptRow, ...]  # every receipt of the day, voided ones too, late ones apart
    shifts: tuple[ShiftFigures, ...]
    voids: tuple[VoidRow, ...]
    reprints: tuple[Tally, ...]  # label: receipt number; count: copies printed after the original
    conflicts: tuple[ConflictRow, ...]
    waiting: tuple[CounterSync, ...]
    closing: Closing | None = None
    deposit: Deposit | None = None
    late: tuple[ReceiptRow, ...] = ()  # arrived after the sign-off: outside the signed figures
    late_voids: tuple[VoidRow, ...] = ()
    refunds: int = 0  # cash paid back from drawers that day (conflicts' credit): leaves the deposit
    supplementary: tuple[Deposit, ...] = ()  # deposits after the day's own, for cash that arrived late
    # the bills the completed receipts paid, by the year of their period: label "current" (the business
    # date's year) and "arrears" (earlier years); count: bills, amount: what they came to with their fines
    bill_years: tuple[Tally, ...] = ()
    people: dict[str, str] = field(default_factory=dict)  # username -> full name, of everyone the figures name
    tariff_names: dict[str, str] = field(default_factory=dict)  # tariff group code -> name
    late_shifts: tuple[ShiftFigures, ...] = ()  # shifts the sign-off did not cover (opened or sent after it)

    @property
    def cash_total(self) -> int:
        return sum(t.amount for t in self.by_method if t.label == "cash")

    @property
    def credit_used(self) -> int:
        """Customer credit the day's receipts used: part of their total, no money taken."""
        return sum(t.amount for t in self.by_method if t.label == CREDIT)

    @property
    def to_deposit(self) -> int:
        """The day's cash for the bank: cash taken less what was paid back."""
        return self.cash_total - self.refunds

    @property
    def late_cash(self) -> int:
        """Cash of receipts that arrived after the sign-off (a counter that was
        offline): outside the day's deposit, for a supplementary one."""
        return sum(r.total - r.credit_used for r in self.late if r.status == "completed" and r.method == "cash")

    @property
    def bills_paid(self) -> int:
        return sum(t.count for t in self.bill_years)

    def name_of(self, username: str) -> str:
        """A person's full name ("" stays ""; a name not known, the username)."""
        return self.people.get(username, username)

    @property
    def closed(self) -> bool:
        return self.closing is not None

    @property
    def silent_counters(self) -> tuple[str, ...]:
        """Counters central has heard nothing from since the day began: money one
        of them took offline is not in these figures yet."""
        return tuple(c.counter_code for c in self.waiting if c.last_received_at is None)


def figures_to_json(figures: DayFigures) -> dict:
    """The figures as central sends them to a counter."""
    return _ADAPTER.dump_python(figures, mode="json")


def figures_from_json(data: object) -> DayFigures:
    """The figures central sent (times and dates back to Python values)."""
    return _ADAPTER.validate_python(data)


_ADAPTER = TypeAdapter(DayFigures)
