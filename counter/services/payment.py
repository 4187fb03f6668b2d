"""Taking a full payment of a customer's oldest bills."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from uuid6 import uuid7

from counter.errors import BillSelectionError, InvalidInput, PaymentRefused, quoted
from counter.models import (
    Bill, InstalmentPlan, Payment, PaymentLine, ReceiptSequence, WorkOrder,
)
from counter.rules.payment_methods import PAYMENT_METHODS
from counter.rules.allocation import check_oldest_first
from counter.rules.charges import ChargeDue
from counter.rules.money import MAX_PAYMENT, format_rupiah
from counter.rules.period import check_periods, period_of
from counter.rules.settlement import check_rounding_unit, settle
from counter.services import audit
from counter.services.approval import SUPERVISORS, Approval, authorise, check_credential
from counter.services.billing import BillDue, Quote, quote_customer
from counter.services.charges import checked_codes, priced
from counter.services.context import Desk
from counter.services.credit import take_credit
from counter.services.lookup import customer_by_number
from counter.services.outbox import queue_event
from counter.services.plan_state import OpenTerm, record_terms, settle_completed
from counter.services.plans import next_document_no, settle_default
from counter.services.shifts import refuse_closed_day, require_shift
from counter.store.uow import UnitOfWork
from counter.sync.state import answering, contact_times

BACKDATE_DAYS = 31  # how far back a supervisor may date a payment


@dataclass(frozen=True)
class PaymentPolicy:
    """The utility's limits on taking money ([payment] settings)."""

    max_amount: int = MAX_PAYMENT  # the most one payment may take: cash tendered, or its total
    closed_arrears: bool = True  # a closed connection's arrears may still be paid
    cash_rounding: int = 0  # Rupiah: cash is rounded to this unit (rules/settlement); 0: not rounded


@dataclass(frozen=True)
class PaymentResult:
    payment_id: uuid.UUID
    receipt_no: str
    quote: Quote  # exactly what was paid: the chosen bills, their fines, stamp duty
    method: str
    tendered: int
    change: int
    paid_at: dt.datetime
    work_order_no: str | None = None  # an unseal work order the payment earned (a down payment, or unseal=True)
    rounding: int = 0  # cash rounding (signed), part of the total
    credit_used: int = 0  # customer credit taken toward the total

    @property
    def total(self) -> int:
        """What the receipt states: the bills, terms and stamp duty, and the rounding."""
        return self.quote.total + self.rounding

    @property
    def due(self) -> int:
        """What the method paid: the total less the credit used."""
        return self.total - self.credit_used


def _check_amount(value: object, what: str, most: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(f"{what} harus angka bulat Rupiah.")
    if value < 0:
        raise InvalidInput(f"{what} tidak boleh negatif.")
    if value > most:
        raise InvalidInput(f"{what} {format_rupiah(value)} melebihi batas satu pembayaran {format_rupiah(most)}; "
                           "periksa lagi angkanya.")
    return value


def date_doubts(contact: dt.datetime | None, desk: Desk, day: dt.date, periods: list[int]) -> str | None:
    """Why the business date `day` can't be trusted, or None: it lies before
    `contact`, the last time central answered this counter (the clock was set
    back), or before the month of a bill being paid (its fine would be gone)."""
    if contact is not None and day < contact.astimezone(desk.zone).date():
        return (f"Tanggal {day:%d-%m-%Y} lebih awal dari kontak terakhir dengan pusat "
                f"({contact.astimezone(desk.zone):%d-%m-%Y}): jam komputer mundur? Betulkan jam, atau minta "
                "persetujuan kepala unit untuk tanggal ini.")
    early = [p for p in periods if p > period_of(day)]
    if early:
        first = min(early)
        return (f"Tanggal {day:%d-%m-%Y} lebih awal dari bulan rekening {first % 100:02d}-{first // 100}: "
                "jam komputer mundur? "
                "Betulkan jam, atau minta persetujuan kepala unit untuk tanggal ini.")
    return None


def next_receipt_no(session, desk: Desk, day: dt.date) -> str:  # noqa: ANN001
    """`<office>-<counter>-<yyyymmdd>-<seq>`: unique offline because the counter code is."""
    statement = (
        sqlite_insert(ReceiptSequence)
        .values(counter_id=desk.counter_id, business_date=day, last_no=1)
        .on_conflict_do_update(
            index_elements=[ReceiptSequence.counter_id, ReceiptSequence.business_date],
            set_={"last_no": ReceiptSequence.last_no + 1},
        )
        .returning(ReceiptSequence.last_no)
    )
    number = session.execute(statement).scalar_one()
    return f"{desk.office_code}-{desk.counter_code}-{day:%Y%m%d}-{number:04d}"


def pay(
    uow: UnitOfWork,
    desk: Desk,
    customer: str,
    periods: Iterable[int],
    method: str = "cash",
    tendered: int | None = None,
    reference: str = "",
    expected_total: int | None = None,
    offline: bool = False,
    terms: Iterable[int] = (),
    on: dt.date | None = None,
    approval: Approval | None = None,
    policy: PaymentPolicy | None = None,
    use_credit: int = 0,
    charges: Iterable[str] = (),
    unseal: bool = False,
) -> PaymentResult:
    """Pay the chosen bills (the oldest ones), instalment terms (the first
    open ones, by number; 0 is the down payment) and other charges (by code,
    at the catalogue's amount for the customer: services/charges) of `customer` in one
    transaction: the payment, its lines, the bills and terms marked paid, an
    outbox event and an audit record. Every amount is recomputed here; the
    caller only chooses.

    `expected_total` is the total the cashier showed the customer: if the
    recomputed total differs (a due date passed, the bills changed), nothing is
    paid and the cashier is asked to reload. `offline` says central was
    unreachable when the money was taken (the receipt says so).

    `on` back-dates the payment (money taken on an earlier day, e.g. recorded
    late after an outage): a supervisor's act, with their `approval`, at most
    BACKDATE_DAYS back; fines are those of that day.

    Money is taken only into the drawer of the cashier's open shift at this
    counter (`shifts.NoShift` otherwise). A business date before central's last
    answer or before a paid bill's month (a clock set back) is refused unless a
    supervisor approves it, as for `on`. `offline` is also set when central has
    not answered lately (the sync status when the money is taken). `policy`:
    the most one payment may take, whether closed connections may pay, and the
    unit cash is rounded to (once, on what is left after the credit:
    rules/settlement). `use_credit`: Rupiah of the customer's credit to take
    toward the total, at most what central just said they hold (services/credit).
    `unseal`: a sealed customer paying all they owe also orders the unsealing:
    the unseal fee (rules.charges.UNSEAL_CHARGE, when the catalogue has it) is
    added to the charges and an unseal work order is made (see `take`).
    """
    policy = policy or PaymentPolicy()
    authorise(desk, "pay")
    backdated = on is not None and on != desk.today()
    if backdated and not desk.today() - dt.timedelta(days=BACKDATE_DAYS) <= on < desk.today():
        raise InvalidInput(f"Tanggal bayar mundur paling lama {BACKDATE_DAYS} hari dan tidak boleh di masa depan.")
    periods, terms, charges = check_periods(list(periods)), list(terms), checked_codes(charges)
    if any(isinstance(t, bool) or not isinstance(t, int) for t in terms):
        raise InvalidInput("Nomor angsuran harus angka bulat (0 untuk uang muka).")
    if not periods and not terms and not charges and not unseal:
        raise BillSelectionError("Pilih minimal satu rekening, angsuran atau biaya lain untuk dibayar.")
    if method not in PAYMENT_METHODS:
        raise InvalidInput(f"Cara bayar {quoted(method)} tidak dikenal.")
    if len(reference) > 64:
        raise InvalidInput("Nomor referensi terlalu panjang (maksimal 64 huruf).")
    approver = None
    if backdated:
        approver = check_credential(uow, approval, "Pembayaran tanggal mundur", SUPERVISORS, desk)
    elif approval is not None:  # a supervisor approves the date the clock gives, if it is in doubt
        with uow:
            doubt = date_doubts(contact_times(uow.session)[0], desk, desk.today(), periods)
        if doubt:
            approver = check_credential(uow, approval, "Pembayaran tanggal mundur", SUPERVISORS, desk)
    with uow.writing():
        session = uow.session
        today = on if backdated else desk.today()
        refuse_closed_day(session, desk.office_id, today, "pembayaran")
        require_shift(session, desk)
        contact, _ = contact_times(session)
        doubt = None if approver else date_doubts(contact, desk, today, periods)
        if doubt:
            raise PaymentRefused(doubt)
        result = take(session, desk, customer, periods, terms, today, method=method, tendered=tendered,
                      reference=reference, expected_total=expected_total, offline=offline, policy=policy,
                      use_credit=use_credit, charges=charges, unseal=unseal,
                      approved=({"backdated_to" if backdated else "date_approved": today.isoformat(),
                                 "approved_by": approver.username} if approver else {}))
        uow.commit()
    return result


def take(session, desk: Desk, customer: str, periods: list[int], terms: list[int], today: dt.date, *,  # noqa: ANN001
         method: str, tendered: int | None, reference: str = "", expected_total: int | None = None,
         offline: bool = False, policy: PaymentPolicy, use_credit: int = 0, approved: dict | None = None,
         charges: Iterable[str] = (), unseal: bool = False) -> PaymentResult:
    """Take one customer's payment inside the caller's write transaction (which
    has checked the desk, the shift and the date): the rows, the bills and terms
    marked paid, the outbox event and the audit record; the caller commits.
    `approved` is what the audit record says of a supervisor's approval.
    `charges`: codes of other charges, each a line at the catalogue's amount
    (less the discount of the programme the customer's running plan is under).
    `unseal`: see `pay`; refused unless the customer is sealed, pays every bill
    and open term they owe, and has no open unseal work order."""
    now = desk.now()
    contact, failure = contact_times(session)
    found = customer_by_number(session, customer)
    settle_default(session, desk, found.id, today)
    owed = quote_customer(session, found, today)
    if owed.customer.status == "closed" and not policy.closed_arrears:
        raise PaymentRefused(
            f"Sambungan {owed.customer.number} sudah ditutup; pembayaran tidak bisa diterima di loket."
        )
    if periods and not owed.bills:
        raise BillSelectionError(f"Pelanggan {owed.customer.number} tidak punya tunggakan.")
    chosen = check_oldest_first([b.period for b in owed.bills], periods) if periods else []
    paying = owed.oldest(len(chosen), len(_check_terms_in_order(owed, terms)))
    if unseal:
        _check_unseal(session, owed, paying)
    paying = paying.with_charges(priced(session, found, charges, today, unseal))
    if expected_total is not None and expected_total != paying.total:
        raise PaymentRefused(
            f"Tagihan berubah menjadi {format_rupiah(paying.total)} (tadi {format_rupiah(expected_total)}); "
            "muat ulang pelanggan lalu bayar lagi."
        )
    _check_amount(paying.total, "Tagihan", policy.max_amount)
    settled = settle(paying.total, use_credit, method, check_rounding_unit(policy.cash_rounding))
    if settled.credit_used:
        take_credit(session, owed.customer.id, settled.credit_used)
    if method == "cash":
        if tendered is None and settled.due == 0:  # the credit paid it all
            tendered = 0
        if tendered is None:
            raise InvalidInput("Isi uang yang diterima.")
        tendered = _check_amount(tendered, "Uang diterima", policy.max_amount)
        if tendered < settled.due:
            raise PaymentRefused(
                f"Uang diterima {format_rupiah(tendered)} kurang dari tagihan {format_rupiah(settled.due)}."
            )
    else:
        tendered = settled.due
    change = tendered - settled.due

    payment_id = uuid7()
    receipt_no = next_receipt_no(session, desk, today)
    payment = dict(
        id=payment_id, receipt_no=receipt_no, office_id=desk.office_id, counter_id=desk.counter_id,
        cashier_id=desk.user_id, customer_id=owed.customer.id, paid_at=now, business_date=today,
        method=method, subtotal=paying.subtotal, stamp_duty=paying.stamp_duty, total=settled.total,
        rounding=settled.rounding, credit_used=settled.credit_used, tendered=tendered, change=change,
        reference=reference, status="completed",
        taken_offline=bool(offline) or not answering(contact, failure, now), reprint_count=0,
    )
    lines = [_line(payment_id, seq, bill) for seq, bill in enumerate(paying.bills, 1)]
    lines += [_term_line(payment_id, seq, term) for seq, term in enumerate(paying.terms, len(lines) + 1)]
    lines += [_charge_line(payment_id, seq, charge) for seq, charge in enumerate(paying.charges, len(lines) + 1)]
    # Plain inserts rather than the ORM's unit of work: this is the counter's
    # busiest write, and the rows are never read back in this transaction.
    session.execute(insert(Payment.__table__), payment)
    session.execute(insert(PaymentLine.__table__), lines)
    marked = session.execute(
        update(Bill.__table__)
        .where(Bill.id.in_([b.bill_id for b in paying.bills]), Bill.status == "unpaid")
        .values(status="paid", payment_id=payment_id)
    ).rowcount
    if marked != len(paying.bills):
        raise BillSelectionError("Sebagian rekening baru saja dibayar di tempat lain; muat ulang pelanggan.")
    work_order_no = _pay_terms(session, desk, paying, payment_id, receipt_no) if paying.terms else None
    if unseal and work_order_no is None:  # a programme plan's down payment may have made it just now
        work_order_no = unseal_order(session, desk, paying, payment_id)
    queue_event(session, desk, "payment.created",
                {**_event(payment, lines, desk, owed.customer.number), "rounding_unit": policy.cash_rounding}, now)
    audit.append(session, "payment", receipt_no, {
        "customer": owed.customer.number, "total": settled.total, "method": method,
        **{k: payment[k] for k in ("rounding", "credit_used") if payment[k]},
        "bills": [b.period for b in paying.bills], "terms": [t.seq for t in paying.terms],
        **({"charges": [c.code for c in paying.charges]} if paying.charges else {}),
        "lines": [line["amount"] for line in lines],  # audit verify checks each line against its row
        **(approved or {})},
        **audit.by(desk))
    return PaymentResult(payment_id, receipt_no, paying, method, tendered, change, now, work_order_no,
                         settled.rounding, settled.credit_used)


def _check_terms_in_order(owed: Quote, terms: list[int]) -> list[int]:
    """The chosen terms, which must be the first open ones of the running plan."""
    if not terms:
        return []
    if owed.plan is None:
        raise BillSelectionError(f"Pelanggan {owed.customer.number} tidak punya rencana angsuran yang berjalan.")
    open_terms = owed.plan.open_terms
    chosen = sorted(set(terms))
    unknown = [t for t in chosen if t not in {o.seq for o in open_terms}]
    if unknown:
        raise BillSelectionError(f"Angsuran ke-{unknown[0]} {owed.plan.plan_no} tidak ada atau sudah lunas.")
    expected = [o.seq for o in open_terms[:len(chosen)]]
    if chosen != expected:
        first = next(o for o in open_terms if o.seq not in chosen)
        raise BillSelectionError(f"Angsuran harus dibayar berurutan: {first.label} belum dipilih.")
    return chosen


def _pay_terms(session, desk: Desk, paying: Quote, payment_id: uuid.UUID, receipt_no: str) -> str | None:  # noqa: ANN001
    """Mark the paid terms on their plan; a completed plan settles its bills, a
    paid down payment may earn an unseal work order (whose number is returned)."""
    plan = session.get(InstalmentPlan, paying.plan.plan_id)
    seqs = [t.seq for t in paying.terms]
    if record_terms(plan, seqs, payment_id, receipt_no):
        raise BillSelectionError("Angsuran ini baru saja dibayar di loket lain; muat ulang pelanggan.")
    if plan.status == "completed":
        settle_completed(session, plan, payment_id, paying.on)
    if 0 not in seqs or not plan.unseal_on_down_payment:
        return None
    return unseal_order(session, desk, paying, payment_id, plan.id)


def _check_unseal(session, owed: Quote, paying: Quote) -> None:  # noqa: ANN001
    """An unseal order with a payment: the customer is sealed and pays all they owe, with none open already."""
    number = owed.customer.number
    if owed.customer.status != "sealed":
        raise PaymentRefused(f"Sambungan {number} tidak disegel; tidak perlu SPK buka segel.")
    open_terms = owed.plan.open_terms if owed.plan else ()
    if len(paying.bills) < len(owed.bills) or len(paying.terms) < len(open_terms):
        raise PaymentRefused(f"Segel {number} dibuka setelah seluruh tunggakan lunas: pilih semua rekening"
                             " (dan angsuran) untuk dibayar bersama SPK buka segel.")
    found = session.scalar(select(WorkOrder.order_no).where(
        WorkOrder.customer_id == owed.customer.id, WorkOrder.kind == "unseal", WorkOrder.status == "open"))
    if found:
        raise PaymentRefused(f"Sudah ada SPK buka segel {found} yang masih terbuka untuk {number}.")


def unseal_order(session, desk: Desk, paying: Quote, payment_id: uuid.UUID,  # noqa: ANN001
                 plan_id: uuid.UUID | None = None) -> str:
    """An unseal work order (SPK buka segel) the payment earned: a plan's down
    payment, or a sealed customer's arrears paid in full; its number is returned."""
    now = desk.now()
    order = WorkOrder(id=uuid7(), order_no=next_document_no(session, desk, "SPK-BS", paying.on), kind="unseal",
                      customer_id=paying.customer.id, plan_id=plan_id, payment_id=payment_id,
                      counter_id=desk.counter_id, issued_by=desk.user_id, issued_at=now, status="open",
                      change_seq=0)
    session.add(order)
    queue_event(session, desk, "work_order.created", {
        "order_id": str(order.id), "order_no": order.order_no, "plan_id": str(plan_id) if plan_id else None,
        "payment_id": str(payment_id), "customer": paying.customer.number, "issued_by": desk.username,
        "issued_at": now.isoformat()}, now)
    return order.order_no


def _line(payment_id: uuid.UUID, seq: int, bill: BillDue) -> dict:
    return dict(
        payment_id=payment_id, seq=seq, kind="bill", bill_id=bill.bill_id, plan_id=None, term_seq=None,
        period=bill.period, water_charge=bill.water_charge, standing_charge=bill.standing_charge,
        meter_fee=bill.meter_fee, admin_fee=bill.admin_fee, fine=bill.fine, amount=bill.amount,
        charge_code=None, charge_discount=0,
    )


def _term_line(payment_id: uuid.UUID, seq: int, term: OpenTerm) -> dict:
    return dict(
        payment_id=payment_id, seq=seq, kind="down_payment" if term.seq == 0 else "term", bill_id=None,
        plan_id=term.plan_id, term_seq=term.seq, period=0, water_charge=0, standing_charge=0, meter_fee=0,
        admin_fee=0, fine=0, amount=term.amount, charge_code=None, charge_discount=0,
    )


def _charge_line(payment_id: uuid.UUID, seq: int, charge: ChargeDue) -> dict:
    return dict(
        payment_id=payment_id, seq=seq, kind="charge", bill_id=None, plan_id=None, term_seq=None, period=0,
        water_charge=0, standing_charge=0, meter_fee=0, admin_fee=0, fine=0, amount=charge.amount,
        charge_code=charge.code, charge_discount=charge.discount,
    )


LINE_FIELDS = ("kind", "period", "water_charge", "standing_charge", "meter_fee", "admin_fee", "fine", "amount")


def _event(payment: dict, lines: list[dict], desk: Desk, customer_number: str) -> dict:
    """The payment as central will receive it: central recomputes every amount;
    queue_event adds who sent it."""
    return {
        "payment_id": str(payment["id"]), "receipt_no": payment["receipt_no"], "cashier": desk.username,
        "customer": customer_number,
        "paid_at": payment["paid_at"].isoformat(), "business_date": payment["business_date"].isoformat(),
        **{k: payment[k] for k in ("method", "reference", "subtotal", "stamp_duty", "total", "tendered", "change",
                                   "taken_offline", "rounding", "credit_used")},
        "lines": [{**{k: line[k] for k in LINE_FIELDS},
                   **({"plan_id": str(line["plan_id"]), "term_seq": line["term_seq"]} if line["plan_id"] else {}),
                   **({"charge_code": line["charge_code"], "discount": line["charge_discount"]}
                      if line["kind"] == "charge" else {})}
                  for line in lines],
    }
