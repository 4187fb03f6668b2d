"""Entering the paper receipts (kuitansi manual) written during an outage.

While the payment system was down, cashiers took the money and wrote paper
receipts from a book. Afterwards the book is typed in, row by row (connection
number, months, paper receipt number, amount, the cashier who wrote it, the
date it was written), with the book's stated total, and a supervisor approves.

Everything is checked before anything is written, and the book is recorded in
one transaction, all or nothing:

- each date is not in the future and lies inside an outage of the office
  (`services.outages`);
- each month is a bill that was already issued on that date: a bill of billing
  month M is issued on the 1st of M (its due date is in M, the 20th by default),
  so a month after the date's own month is refused; the months are the
  customer's oldest unpaid ones as of that date (a book's earlier receipts of the
  same customer counted first);
- the amount is exactly the bills with the fines as of that date (the fine
  scheme then in force) plus the stamp duty of that date's rule;
- the paper number is used once: never before in the office's payments here,
  and once in the book;
- the rows add up to the book's total.

Each receipt becomes an ordinary cash payment with the paper number kept
(`payment.paper_no`, in its `payment.created` event and at central), its
cashier the one who wrote it, business date and fines those of the written
date, and a receipt number of that day's sequence at this counter. The money is
handed over now: it goes into the drawer of the open shift of the user entering
the book (`payment.entered_by`; `shifts.shift_figures` counts it there), while
the written day's report lists the receipt, in its late section when that day
was already signed off, and its deposit takes the cash (a supplementary one
after the sign-off)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session
from uuid6 import uuid7

from counter.errors import CounterError, InvalidInput, NotFound, quoted
from counter.models import Bill, Customer, Payment, PaymentLine, User
from counter.rules.money import format_rupiah, parse_rupiah
from counter.rules.period import check_periods, label, parse_period, period_of
from counter.services import audit
from counter.services.approval import SUPERVISORS, Approval, authorise, check_credential
from counter.services.billing import BillDue, Quote, quote_customer
from counter.services.context import Desk
from counter.services.lookup import customer_by_number
from counter.services.outages import outage_on, outages_of, span
from counter.services.outbox import queue_event
from counter.services.payment import next_receipt_no
from counter.services.shifts import day_closed, require_shift
from counter.store.uow import UnitOfWork
from counter.sync.state import answering, contact_times

COLUMNS = ("number", "months", "paper_no", "amount", "cashier", "written_on")
COLUMN_LABELS = {"number": "no. sambungan", "months": "bulan", "paper_no": "no. kuitansi manual",
                 "amount": "jumlah", "cashier": "kasir", "written_on": "tanggal"}
MAX_ROWS = 500  # rows of one book
MAX_SHOWN = 20  # problems named in the message
PAPER_NO_LENGTH = 32
_PAPER_NO = re.compile(r"[A-Z0-9][A-Z0-9 ./\-]*")
_MONTH_SEPARATORS = re.compile(r"[\s,;+]+")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_LOCAL_DATE = re.compile(r"([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})")
TAKERS = ("cashier", "supervisor")  # who may have written a paper receipt: those who take money


@dataclass(frozen=True)
class PaperRow:
    """One paper receipt as written in the book."""

    line: int  # its row in the book (the CSV file's line, the desk table's row)
    customer: str
    months: tuple[int, ...]
    paper_no: str
    amount: int
    cashier: str  # username of who wrote it
    written_on: dt.date


class PaperBookRefused(InvalidInput):
    """The book was not recorded, nothing of it written; `problems` says why,
    as (row, message) pairs (row 0: the book as a whole)."""

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        self.problems = tuple(sorted(problems, key=lambda p: p[0]))
        shown = [f"baris {line}: {message}" if line else message for line, message in self.problems[:MAX_SHOWN]]
        if len(self.problems) == 1:
            head = "Kuitansi manual tidak dicatat, tidak ada yang disimpan:"
        else:
            head = f"Kuitansi manual tidak dicatat, tidak ada yang disimpan. {len(self.problems)} kesalahan:"
        more = ([f"... dan {len(self.problems) - MAX_SHOWN} kesalahan lain."]
                if len(self.problems) > MAX_SHOWN else [])
        super().__init__("\n".join([head, *shown, *more]))


@dataclass(frozen=True)
class PaperEntered:
    line: int
    paper_no: str
    receipt_no: str
    customer: str
    customer_name: str
    written_on: dt.date
    cashier: str
    months: tuple[int, ...]
    fines: int
    stamp_duty: int
    total: int
    late: bool  # the written day was already signed off: its report lists this in the late section


@dataclass(frozen=True)
class BookEntered:
    entries: tuple[PaperEntered, ...]
    total: int
    approved_by: str
    entered_by: str

    @property
    def late(self) -> tuple[PaperEntered, ...]:
        return tuple(e for e in self.entries if e.late)


# ---- reading rows ---------------------------------------------------------------------


def clean_paper_no(text: str) -> str:
    """A paper receipt number as kept: spaces collapsed, upper case: ` 00 12 ` -> `00 12`."""
    value = " ".join((text or "").split()).upper()
    if not value:
        raise InvalidInput("no. kuitansi manual kosong")
    if len(value) > PAPER_NO_LENGTH or not value.isascii() or not _PAPER_NO.fullmatch(value):
        raise InvalidInput(f"no. kuitansi manual {quoted(text)} tidak sah (huruf, angka, spasi, '.', '/' atau '-'; "
                           f"maksimal {PAPER_NO_LENGTH})")
    return value


def parse_months(text: str) -> tuple[int, ...]:
    """`2025-09 2025-10`, `2025-09;2025-10`, `202509,202510` -> (202509, 202510)."""
    parts = [p for p in _MONTH_SEPARATORS.split((text or "").strip()) if p]
    if not parts:
        raise InvalidInput("bulan kosong (tulis mis. 2025-10, beberapa bulan dipisah spasi atau ';')")
    months = []
    for part in parts:
        try:
            months.append(parse_period(part))
        except InvalidInput:
            raise InvalidInput(f"bulan {quoted(part)} tidak sah (tulis 2025-10 atau 202510)") from None
    if len(set(months)) != len(months):
        raise InvalidInput(f"bulan {quoted(text)} menyebut satu bulan dua kali")
    return tuple(sorted(months))


def parse_date(text: str) -> dt.date:
    """`2026-04-14` (ISO) or `14-04-2026`, `14/04/2026`, `14.04.2026` (day first)."""
    value = (text or "").strip()
    iso, local = _ISO_DATE.fullmatch(value), _LOCAL_DATE.fullmatch(value)
    try:
        if iso:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        if local:
            return dt.date(int(local.group(3)), int(local.group(2)), int(local.group(1)))
    except ValueError:
        pass
    raise InvalidInput(f"tanggal {quoted(value)} tidak sah (tulis 2026-04-14 atau 14-04-2026)")


def parse_row(line: int, cells: dict[str, str]) -> tuple[PaperRow | None, list[str]]:
    """A row typed or read from a file, as cells by column name (COLUMNS): the
    row, or None and every problem of its cells."""
    problems: list[str] = []
    values: dict[str, object] = {}

    def cell(name: str, parse) -> None:  # noqa: ANN001
        text = (cells.get(name) or "").strip()
        try:
            if not text:
                raise InvalidInput(f"{COLUMN_LABELS[name]} kosong")
            values[name] = parse(text)
        except InvalidInput as error:
            problems.append(str(error).rstrip("."))

    def amount(text: str) -> int:
        try:
            value = parse_rupiah(text)
        except InvalidInput:
            raise InvalidInput(f"jumlah {quoted(text)} tidak sah (tulis angka rupiah, mis. 125000 atau "
                               "125.000)") from None
        if value <= 0:
            raise InvalidInput("jumlah harus lebih dari Rp 0")
        return value

    def number(text: str) -> str:
        if len(text) > 32:
            raise InvalidInput(f"no. sambungan {quoted(text)} terlalu panjang")
        return text

    def cashier(text: str) -> str:
        if len(text) > 40:
            raise InvalidInput(f"kasir {quoted(text)} terlalu panjang")
        return text.lower()

    cell("number", number)
    cell("months", parse_months)
    cell("paper_no", clean_paper_no)
    cell("amount", amount)
    cell("cashier", cashier)
    cell("written_on", parse_date)
    if problems:
        return None, problems
    return PaperRow(line, values["number"], values["months"], values["paper_no"], values["amount"],
                    values["cashier"], values["written_on"]), []


def parse_rows(rows: list[tuple[int, dict[str, str]]]) -> list[PaperRow]:
    """Rows as (line, cells); PaperBookRefused naming every bad cell."""
    parsed, problems = [], []
    for line, cells in rows:
        row, found = parse_row(line, cells)
        problems += [(line, p) for p in found]
        if row is not None:
            parsed.append(row)
    if problems:
        raise PaperBookRefused(problems)
    return parsed


def read_csv(path: Path) -> list[PaperRow]:
    """The rows of a CSV file of paper receipts (docs/import.md, "Kuitansi manual"):
    the import's dialect (UTF-8, comma or semicolon, a header row)."""
    from counter.services.importing.csv_table import Problems, read_table

    problems, warnings = Problems(), []
    table = read_table(Path(path), 0, COLUMNS, (), problems, warnings)
    rows = list(table.rows) if table is not None else []
    if problems:  # an unreadable file, a missing column, a row with the wrong number of cells
        raise PaperBookRefused([(line, message.split(": ", 1)[-1]) for _, line, message in problems.kept])
    return parse_rows(rows)


# ---- checking the book -----------------------------------------------------------------


@dataclass(frozen=True)
class _Planned:
    row: PaperRow
    customer_id: int
    customer_number: str
    customer_name: str
    cashier_id: int
    paying: Quote  # the bills with their fines and stamp duty as of the written date
    late: bool


def _money_parts(paying: Quote) -> str:
    principal = sum(b.principal for b in paying.bills)
    fines = sum(b.fine for b in paying.bills)
    parts = [f"rekening {format_rupiah(principal)}"]
    parts += [f"denda {format_rupiah(fines)}"] if fines else []
    parts += [f"meterai {format_rupiah(paying.stamp_duty)}"] if paying.stamp_duty else []
    return " + ".join(parts)


def _plan(session: Session, desk: Desk, rows: list[PaperRow], book_total: object) -> list[_Planned]:
    """Every row checked against the store as it is now, in the order they will
    be recorded; PaperBookRefused with every problem found."""
    problems: list[tuple[int, str]] = []
    if isinstance(book_total, bool) or not isinstance(book_total, int) or book_total <= 0:
        problems.append((0, "jumlah buku harus angka rupiah lebih dari Rp 0"))
    if not rows:
        raise PaperBookRefused(problems + [(0, "buku kuitansi kosong: tidak ada baris untuk dicatat")])
    if len(rows) > MAX_ROWS:
        raise PaperBookRefused([(0, f"satu buku paling banyak {MAX_ROWS} kuitansi; catat sisanya sebagai buku "
                                    "berikutnya")])
    rows = _checked_rows(rows)
    stated = sum(r.amount for r in rows)
    if isinstance(book_total, int) and not isinstance(book_total, bool) and book_total > 0 and stated != book_total:
        problems.append((0, f"jumlah buku {format_rupiah(book_total)} tidak sama dengan jumlah {len(rows)} "
                            f"kuitansinya {format_rupiah(stated)} (selisih {format_rupiah(stated - book_total)})"))
    today = desk.today()
    outages = outages_of(session, desk.office_id)
    known = "; ".join(span(o.date_from, o.date_to) for o in outages[:3])
    first_line: dict[str, int] = {}
    for row in rows:
        if row.paper_no in first_line:
            problems.append((row.line, f"no. kuitansi manual {row.paper_no} dua kali dalam buku ini (baris "
                                       f"{first_line[row.paper_no]})"))
        else:
            first_line[row.paper_no] = row.line
    used = dict(session.execute(select(Payment.paper_no, Payment.receipt_no).where(
        Payment.office_id == desk.office_id, Payment.paper_no.in_(list(first_line)))).all())
    users = {u.username: u for u in session.scalars(select(User).where(
        User.username.in_({r.cashier for r in rows})))}

    planned: list[_Planned] = []
    taken: dict[int, set[int]] = defaultdict(set)  # customer -> months paid by the book's earlier rows
    quotes: dict[tuple[int, dt.date], Quote] = {}
    for row in sorted(rows, key=lambda r: (r.written_on, r.line)):
        found: list[str] = []
        if row.written_on > today:
            found.append(f"tanggal {row.written_on:%d-%m-%Y} di masa depan (hari ini {today:%d-%m-%Y})")
        elif outage_on(session, desk.office_id, row.written_on) is None:
            found.append(f"tanggal {row.written_on:%d-%m-%Y} di luar gangguan sistem yang tercatat "
                         + (f"({known})" if known else "(belum ada; kepala unit mencatat gangguannya dulu)"))
        if row.paper_no in used:
            found.append(f"no. kuitansi manual {row.paper_no} sudah dipakai (struk {used[row.paper_no]})")
        user = users.get(row.cashier)
        if user is None or user.office_id not in (None, desk.office_id):
            found.append(f"kasir {quoted(row.cashier)} tidak dikenal")
        elif user.role not in TAKERS:
            found.append(f"{user.username} bukan kasir atau kepala unit: tidak menerima uang")
        try:
            customer = customer_by_number(session, row.customer)
        except NotFound:
            problems += [(row.line, p) for p in found + [f"pelanggan {quoted(row.customer)} tidak dikenal"]]
            continue
        try:
            paying = _bills_paid(session, customer, row, quotes, taken[customer.id])
        except CounterError as error:
            found.append(str(error).rstrip("."))
            paying = None
        if paying is not None and paying.total != row.amount:
            found.append(f"jumlah {format_rupiah(row.amount)} tidak sama dengan tagihan per "
                         f"{row.written_on:%d-%m-%Y} {format_rupiah(paying.total)} ({_money_parts(paying)}); "
                         f"selisih {format_rupiah(row.amount - paying.total)}")
        if found:
            problems += [(row.line, p) for p in found]
            continue
        taken[customer.id].update(row.months)
        planned.append(_Planned(row, customer.id, customer.number, customer.name, user.id, paying,
                                day_closed(session, desk.office_id, row.written_on) is not None))
    if problems:
        raise PaperBookRefused(problems)
    return planned


def _checked_rows(rows: list[PaperRow]) -> list[PaperRow]:
    """Rows as `parse_row` makes them (a caller may build them itself): the paper
    number cleaned, the cashier in lower case; PaperBookRefused for a value of the
    wrong kind."""
    checked, problems = [], []
    for row in rows:
        try:
            if not isinstance(row.written_on, dt.date) or isinstance(row.written_on, dt.datetime):
                raise InvalidInput("tanggal tidak sah")
            if isinstance(row.amount, bool) or not isinstance(row.amount, int) or row.amount <= 0:
                raise InvalidInput("jumlah harus angka rupiah lebih dari Rp 0")
            months = tuple(sorted(check_periods(list(row.months))))
            if not months or len(set(months)) != len(months):
                raise InvalidInput("bulan kosong atau disebut dua kali")
            checked.append(dataclasses.replace(row, paper_no=clean_paper_no(row.paper_no), months=months,
                                               cashier=str(row.cashier).strip().lower(),
                                               customer=str(row.customer).strip()))
        except InvalidInput as error:
            problems.append((row.line, str(error).rstrip(".")))
    if problems:
        raise PaperBookRefused(problems)
    return checked


def _bills_paid(session: Session, customer: Customer, row: PaperRow, quotes: dict, taken: set[int]) -> Quote:
    """What `row` paid: its months, issued by the written date and the oldest
    then unpaid (after the book's earlier rows), priced as of that date."""
    on = row.written_on
    early = [m for m in row.months if m > period_of(on)]
    if early:
        raise InvalidInput(f"rekening {label(early[0])} belum terbit pada {on:%d-%m-%Y} (rekening sebuah bulan "
                           "terbit tanggal 1 bulan itu)")
    if (customer.id, on) not in quotes:
        quotes[customer.id, on] = quote_customer(session, customer, on)
    owed = quotes[customer.id, on]
    open_bills = [b for b in owed.bills if b.period <= period_of(on) and b.period not in taken]
    periods = [b.period for b in open_bills]
    for month in row.months:
        if month in periods:
            continue
        if month in taken:
            raise InvalidInput(f"rekening {label(month)} {customer.number} sudah dibayar kuitansi lain dalam buku ini")
        bill = session.scalars(select(Bill).where(Bill.customer_id == customer.id, Bill.period == month)).first()
        if bill is None:
            raise InvalidInput(f"pelanggan {customer.number} tidak punya rekening {label(month)}")
        if bill.status == "paid":
            by = session.scalar(select(Payment.receipt_no).where(Payment.id == bill.payment_id)) if bill.payment_id \
                else None
            raise InvalidInput(f"rekening {label(month)} {customer.number} sudah lunas"
                               + (f" (struk {by})" if by else ""))
        raise InvalidInput(f"rekening {label(month)} {customer.number} masuk rencana angsuran; bayar angsurannya "
                           "di loket")
    expected = periods[:len(row.months)]
    if list(row.months) != expected:
        skipped = next(p for p in expected if p not in row.months)
        raise InvalidInput(f"rekening harus dibayar dari yang terlama: {label(skipped)} {customer.number} belum "
                           "dibayar pada tanggal itu")
    chosen: tuple[BillDue, ...] = tuple(open_bills[:len(row.months)])
    return dataclasses.replace(owed, bills=chosen, terms=()).oldest(len(chosen))


def check_book(uow: UnitOfWork, desk: Desk, rows: list[PaperRow], book_total: int) -> list[PaperEntered]:
    """What `enter_book` would record, without writing anything (receipt numbers
    not yet given); PaperBookRefused with every problem."""
    authorise(desk, "paper.enter")
    with uow:
        planned = _plan(uow.session, desk, rows, book_total)
    return sorted((_entered(p, "") for p in planned), key=lambda e: e.line)


def _entered(p: _Planned, receipt_no: str) -> PaperEntered:
    return PaperEntered(p.row.line, p.row.paper_no, receipt_no, p.customer_number, p.customer_name,
                        p.row.written_on, p.row.cashier, p.row.months, sum(b.fine for b in p.paying.bills),
                        p.paying.stamp_duty, p.paying.total, p.late)


# ---- recording the book -----------------------------------------------------------------


def enter_book(uow: UnitOfWork, desk: Desk, rows: list[PaperRow], book_total: int,
               approval: Approval | None) -> BookEntered:
    """Record the book's paper receipts as payments, all or nothing (module
    docstring), with a supervisor's `approval`; taken into the desk user's open
    shift today. PaperBookRefused (nothing written) when any row is wrong."""
    authorise(desk, "paper.enter")
    with uow:
        _plan(uow.session, desk, rows, book_total)  # every problem said before a credential is asked
        require_shift(uow.session, desk)
    supervisor = check_credential(uow, approval, "Kuitansi manual", SUPERVISORS, desk)
    with uow.writing():
        session = uow.session
        planned = _plan(session, desk, rows, book_total)  # again, under the write lock
        require_shift(session, desk)
        now = desk.now()
        contact, failure = contact_times(session)
        offline = not answering(contact, failure, now)
        entries = sorted((_record(session, desk, p, now, offline, supervisor.username) for p in planned),
                         key=lambda e: e.line)  # recorded in date order, listed in the book's
        outages = sorted({str(outage_on(session, desk.office_id, p.row.written_on).id) for p in planned})
        audit.append(session, "paper.book", f"{len(entries)} kuitansi manual", {
            "count": len(entries), "total": sum(e.total for e in entries), "book_total": book_total,
            "paper_nos": [e.paper_no for e in entries], "receipts": [e.receipt_no for e in entries],
            "outages": outages, "approved_by": supervisor.username}, **audit.by(desk))
        uow.commit()
    return BookEntered(tuple(entries), sum(e.total for e in entries), supervisor.username, desk.username)


def _record(session: Session, desk: Desk, p: _Planned, now: dt.datetime, offline: bool,
            approver: str) -> PaperEntered:
    row, paying = p.row, p.paying
    payment_id = uuid7()
    receipt_no = next_receipt_no(session, desk, row.written_on)
    payment = dict(
        id=payment_id, receipt_no=receipt_no, office_id=desk.office_id, counter_id=desk.counter_id,
        cashier_id=p.cashier_id, customer_id=p.customer_id, paid_at=now, business_date=row.written_on,
        method="cash", subtotal=paying.subtotal, stamp_duty=paying.stamp_duty, total=paying.total,
        tendered=paying.total, change=0, reference="", status="completed", taken_offline=offline,
        reprint_count=0, paper_no=row.paper_no, entered_by=desk.user_id)
    lines = [_line(payment_id, seq, bill) for seq, bill in enumerate(paying.bills, 1)]
    session.execute(insert(Payment.__table__), payment)
    session.execute(insert(PaymentLine.__table__), lines)
    marked = session.execute(
        update(Bill.__table__).where(Bill.id.in_([b.bill_id for b in paying.bills]), Bill.status == "unpaid")
        .values(status="paid", payment_id=payment_id)).rowcount
    if marked != len(paying.bills):  # the write lock is held: only a broken store gets here
        raise InvalidInput(f"Rekening {p.customer_number} berubah saat dicatat; coba lagi.")
    queue_event(session, desk, "payment.created", paper_event(payment, lines, row.cashier, p.customer_number,
                                                              desk.username), now)
    audit.append(session, "payment", receipt_no, {
        "customer": p.customer_number, "total": paying.total, "method": "cash",
        "bills": [b.period for b in paying.bills], "terms": [], "lines": [line["amount"] for line in lines],
        "paper_no": row.paper_no, "written_by": row.cashier, "backdated_to": row.written_on.isoformat(),
        "approved_by": approver}, **audit.by(desk))
    return _entered(p, receipt_no)


LINE_FIELDS = ("kind", "period", "water_charge", "standing_charge", "meter_fee", "admin_fee", "fine", "amount")


def _line(payment_id: uuid.UUID, seq: int, bill: BillDue) -> dict:
    return dict(payment_id=payment_id, seq=seq, kind="bill", bill_id=bill.bill_id, plan_id=None, term_seq=None,
                period=bill.period, water_charge=bill.water_charge, standing_charge=bill.standing_charge,
                meter_fee=bill.meter_fee, admin_fee=bill.admin_fee, fine=bill.fine, amount=bill.amount)


def paper_event(payment: dict, lines: list[dict], cashier: str, customer_number: str, entered_by: str) -> dict:
    """The `payment.created` event of a paper receipt: an ordinary payment's
    fields, its cashier the one who wrote it, plus `paper_no` and `entered_by`
    (whose drawer took the cash)."""
    return {
        "payment_id": str(payment["id"]), "receipt_no": payment["receipt_no"], "cashier": cashier,
        "customer": customer_number, "paid_at": payment["paid_at"].isoformat(),
        "business_date": payment["business_date"].isoformat(),
        **{k: payment[k] for k in ("method", "reference", "subtotal", "stamp_duty", "total", "tendered", "change",
                                   "taken_offline", "paper_no")},
        "entered_by": entered_by,
        "lines": [{k: line[k] for k in LINE_FIELDS} for line in lines],
    }
