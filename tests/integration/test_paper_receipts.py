"""Outages of the payment system and the paper receipts written during them: the
outage a supervisor opens once, a book of paper receipts checked whole and
recorded all or nothing, fines as of the written date, the cash in today's
drawer and the receipts in their own day's report."""

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.errors import ApprovalRefused, InvalidInput, NotAllowed, PaymentRefused
from counter.models import AuditRecord, Bill, Customer, Outage, OutboxEvent, Payment, Shift, User
from counter.services.approval import Approval
from counter.services.audit import verify_local
from counter.services.day_closing import close_day
from counter.services.day_report import consolidate
from counter.services.demo import DEMO_PIN
from counter.services.outages import list_outages, open_outage
from counter.services.paper_receipts import (
    PaperBookRefused, PaperRow, check_book, enter_book, parse_months, parse_row,
)
from counter.services.shifts import shift_figures
from tests.conftest import AS_OF, clock_at
from tests.integration.paper_helpers import (
    OUTAGE_FROM, OUTAGE_TO, SUPERVISOR, open_the_outage, owed, owing_customers, paper, written,
)
from tests.integration.shift_helpers import on_shift
from tests.integration.test_sync import two_counters  # noqa: F401 - a fixture

DAY = dt.date(2025, 11, 12)  # inside the outage; November's bills issued, not yet due (the 20th)
LATE_DAY = dt.date(2025, 10, 28)  # inside the outage; October's bills overdue since the 20th


@pytest.fixture
def outage(app, desk):
    """The outage opened, the cashier's shift open today."""
    made = open_the_outage(app, desk)
    on_shift(app, desk)
    return made


# ---- the outage ---------------------------------------------------------------------


def test_a_supervisor_opens_an_outage_once(app, desk):
    before = written(app)
    made = open_the_outage(app, desk)
    assert (made.date_from, made.date_to, made.days, made.approved_by) == (OUTAGE_FROM, OUTAGE_TO, 21, "kepala")
    assert [o.id for o in list_outages(app.uow(), desk)] == [made.id]
    with app.uow() as uow:
        event = uow.session.scalars(select(OutboxEvent.payload).where(OutboxEvent.kind == "outage.opened")).one()
        record = uow.session.scalars(select(AuditRecord.details).where(AuditRecord.action == "outage.opened")).one()
    assert event["date_from"] == "2025-10-27" and event["approved_by"] == "kepala"
    assert record["reason"] == "Server SOPP pihak ketiga mati"
    assert written(app)[1] == before[1] + 1
    with pytest.raises(PaymentRefused, match="sudah dicatat"):  # overlapping: once per date
        open_outage(app.uow(), desk, dt.date(2025, 11, 16), dt.date(2025, 11, 18), "lagi mati", SUPERVISOR)


@pytest.mark.parametrize("start, end, reason, message", [
    (dt.date(2025, 11, 25), dt.date(2025, 11, 26), "server mati", "belum mulai"),
    (dt.date(2025, 11, 10), dt.date(2025, 11, 9), "server mati", "lebih awal"),
    (dt.date(2025, 10, 1), dt.date(2025, 11, 10), "server mati", "paling lama 31 hari"),
    (dt.date(2025, 6, 1), dt.date(2025, 6, 3), "server mati", "lebih dari 92 hari"),
    (dt.date(2025, 11, 10), dt.date(2025, 11, 12), "mati", "alasan"),
])
def test_an_outage_out_of_range_is_refused(app, desk, start, end, reason, message):
    before = written(app)
    with pytest.raises(InvalidInput, match=message):
        open_outage(app.uow(), desk, start, end, reason, SUPERVISOR)
    assert written(app) == before


def test_an_outage_needs_a_supervisor(app, desk):
    with pytest.raises(ApprovalRefused, match="kepala unit"):
        open_outage(app.uow(), desk, OUTAGE_FROM, OUTAGE_TO, "server mati", Approval("kasir2", DEMO_PIN))
    with pytest.raises(ApprovalRefused):
        open_outage(app.uow(), desk, OUTAGE_FROM, OUTAGE_TO, "server mati", None)
    with app.uow() as uow:
        admin = uow.session.scalars(select(User.id).where(User.username == "admin")).one()
    with pytest.raises(NotAllowed):
        open_outage(app.uow(), dataclasses.replace(desk, user_id=admin, username="admin", role="admin"),
                    OUTAGE_FROM, OUTAGE_TO, "server mati", SUPERVISOR)
    assert list_outages(app.uow(), desk) == []


# ---- reading a row ---------------------------------------------------------------------


def test_a_row_is_read_as_people_write_it():
    row, problems = parse_row(3, {"number": " 01-02-000003 ", "months": "2025-09; 202510", "paper_no": " 0012 a",
                                  "amount": "125.500", "cashier": "Kasir2", "written_on": "12/11/2025"})
    assert problems == []
    assert row == PaperRow(3, "01-02-000003", (202509, 202510), "0012 A", 125_500, "kasir2", dt.date(2025, 11, 12))
    assert parse_months("202510 2025-09") == (202509, 202510)
    _, problems = parse_row(4, {"number": "", "months": "Okt 2025", "paper_no": "no#1", "amount": "-5",
                                "cashier": "kasir2", "written_on": "2025-02-30"})
    assert len(problems) == 5 and problems[0] == "no. sambungan kosong"
    assert any("bulan 'Okt'" in p for p in problems) and any("tanggal '2025-02-30'" in p for p in problems)


# ---- recording a book --------------------------------------------------------------------


def test_a_book_is_recorded_with_its_paper_numbers_fines_of_the_written_date_and_the_cash_in_todays_drawer(
        app, desk, outage):
    first, second = owing_customers(app, count=2)
    current = november_only(app)
    rows = [paper(app, 1, first, DAY, "0101", count=2), paper(app, 2, second, LATE_DAY, "0102", cashier="kasir3"),
            paper(app, 3, current, DAY, "0103")]
    assert owed(app, current, DAY)[2] == 0 < owed(app, current, AS_OF)[2]  # fines as of the written date
    total = sum(r.amount for r in rows)
    assert [e.total for e in check_book(app.uow(), desk, rows, total)] == [r.amount for r in rows]

    book = enter_book(app.uow(), desk, rows, total, SUPERVISOR)

    assert book.total == total and book.approved_by == "kepala" and book.entered_by == desk.username
    assert [e.paper_no for e in book.entries] == ["0101", "0102", "0103"] and not book.late
    assert book.entries[2].fines == 0
    assert book.entries[0].receipt_no.startswith("KPG-L01-20251112-")
    assert book.entries[1].receipt_no.startswith("KPG-L01-20251028-")
    with app.uow() as uow:
        s = uow.session
        payments = {p.paper_no: p for p in s.execute(select(Payment.__table__).where(Payment.paper_no != ""))}
        users = dict(s.execute(select(User.id, User.username)).all())
        event = s.scalars(select(OutboxEvent.payload).where(OutboxEvent.kind == "payment.created")).all()
        paid = s.scalars(select(Bill.period).join(Customer).where(Customer.number == first,
                                                                   Bill.status == "paid",
                                                                   Bill.payment_id == payments["0101"].id)).all()
        shift = s.scalars(select(Shift).where(Shift.status == "open")).one()
        figures = shift_figures(s, shift, desk.zone)
    p = payments["0101"]
    assert (p.business_date, p.method, p.total, p.tendered, p.change) == (DAY, "cash", rows[0].amount,
                                                                           rows[0].amount, 0)
    assert users[p.cashier_id] == "kasir2" and users[p.entered_by] == desk.username
    assert users[payments["0102"].cashier_id] == "kasir3"
    assert sorted(paid) == list(rows[0].months)
    assert {e["paper_no"] for e in event} == {"0101", "0102", "0103"}
    assert {e["entered_by"] for e in event} == {desk.username}
    assert {e["cashier"] for e in event} == {"kasir2", "kasir3"}
    # the money was handed over now: it is in today's drawer
    assert figures.cash_taken == total and figures.paper_cash == total and figures.payments == 3
    assert figures.expected_cash == total
    assert verify_local(app.engine)[1] == []  # the audit records agree with the payments
    with app.uow() as uow:
        book_record = uow.session.scalars(select(AuditRecord.details).where(AuditRecord.action == "paper.book")).one()
    assert book_record["paper_nos"] == ["0101", "0102", "0103"] and book_record["book_total"] == total


def november_only(app) -> str:  # noqa: ANN001
    """A customer whose only unpaid bill is November 2025's (due on the 20th)."""
    from sqlalchemy import func

    with app.uow() as uow:
        return uow.session.scalars(
            select(Customer.number).join(Bill, Bill.customer_id == Customer.id)
            .where(Bill.status == "unpaid", Customer.status == "active")
            .group_by(Customer.id).having(func.min(Bill.period) == 202511).limit(1)).one()


def test_receipts_of_one_customer_in_a_book_pay_oldest_first_in_date_order(app, desk, outage):
    number = owing_customers(app, months=3, count=1)[0]
    earlier = paper(app, 1, number, LATE_DAY, "A-1")
    later = paper(app, 2, number, DAY, "A-2", skip=1)  # the next month: the first was paid on the earlier day
    later = dataclasses.replace(later, line=1)
    earlier = dataclasses.replace(earlier, line=2)  # the book lists them out of date order
    book = enter_book(app.uow(), desk, [later, earlier], later.amount + earlier.amount, SUPERVISOR)
    assert {e.paper_no: e.months for e in book.entries} == {"A-1": earlier.months, "A-2": later.months}
    skipping = paper(app, 1, number, DAY, "A-3", skip=1)  # the oldest still open is left out
    with pytest.raises(PaperBookRefused, match="dari yang terlama"):
        enter_book(app.uow(), desk, [skipping], skipping.amount, SUPERVISOR)


def bad_book(app, kind: str) -> tuple[list[PaperRow], int, str]:  # noqa: ANN001
    """A book with one kind of mistake, and what the refusal says."""
    first, second = owing_customers(app, count=2)
    good = paper(app, 1, first, DAY, "0201")
    if kind == "future":
        row = paper(app, 2, second, AS_OF, "0202")
        row = dataclasses.replace(row, written_on=AS_OF + dt.timedelta(days=1))
        return [good, row], good.amount + row.amount, "baris 2: tanggal 25-11-2025 di masa depan"
    if kind == "outside":
        row = paper(app, 2, second, dt.date(2025, 11, 18), "0202")
        return [good, row], good.amount + row.amount, "baris 2: tanggal 18-11-2025 di luar gangguan sistem"
    if kind == "not issued":
        months, amount, _ = owed(app, second, DAY, 1)
        row = PaperRow(2, second, (202511,), "0202", amount, "kasir2", dt.date(2025, 10, 30))
        return [good, row], good.amount + row.amount, "rekening Nov 2025 belum terbit pada 30-10-2025"
    if kind == "a Rupiah off":
        row = paper(app, 2, second, DAY, "0202", off=1)
        return [good, row], good.amount + row.amount, "selisih Rp 1"
    if kind == "paper number twice":
        row = paper(app, 2, second, DAY, "0201")
        return [good, row], good.amount + row.amount, "no. kuitansi manual 0201 dua kali dalam buku ini (baris 1)"
    if kind == "book total":
        row = paper(app, 2, second, DAY, "0202")
        return [good, row], good.amount + row.amount + 1000, "tidak sama dengan jumlah 2 kuitansinya"
    if kind == "unknown cashier":
        row = paper(app, 2, second, DAY, "0202", cashier="kasir9")
        return [good, row], good.amount + row.amount, "kasir 'kasir9' tidak dikenal"
    if kind == "unknown customer":
        row = dataclasses.replace(paper(app, 2, second, DAY, "0202"), customer="99-99-999999")
        return [good, row], good.amount + row.amount, "pelanggan '99-99-999999' tidak dikenal"
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["future", "outside", "not issued", "a Rupiah off", "paper number twice",
                                  "book total", "unknown cashier", "unknown customer"])
def test_a_book_with_a_bad_row_is_refused_whole_and_nothing_is_written(app, desk, outage, kind):
    rows, total, message = bad_book(app, kind)
    before = written(app)
    with pytest.raises(PaperBookRefused) as refused:
        check_book(app.uow(), desk, rows, total)
    assert message in str(refused.value)
    with pytest.raises(PaperBookRefused) as refused:
        enter_book(app.uow(), desk, rows, total, SUPERVISOR)
    assert message in str(refused.value) and str(refused.value).startswith("Kuitansi manual tidak dicatat")
    assert written(app) == before  # no payment, no event, not even the credential check


def test_a_paper_number_already_used_is_refused(app, desk, outage):
    first, second = owing_customers(app, count=2)
    row = paper(app, 1, first, DAY, "0301")
    book = enter_book(app.uow(), desk, [row], row.amount, SUPERVISOR)
    again = paper(app, 1, second, DAY, "0301")
    before = written(app)
    with pytest.raises(PaperBookRefused, match=f"0301 sudah dipakai \\(struk {book.entries[0].receipt_no}\\)"):
        enter_book(app.uow(), desk, [again], again.amount, SUPERVISOR)
    assert written(app) == before


def test_every_problem_is_named_at_once_with_its_row(app, desk, outage):
    first, second = owing_customers(app, count=2)
    rows = [paper(app, 1, first, DAY, "0401", off=-1), paper(app, 2, second, dt.date(2025, 11, 20), "0402")]
    with pytest.raises(PaperBookRefused) as refused:
        enter_book(app.uow(), desk, rows, 1, SUPERVISOR)
    lines = [line for line, _ in refused.value.problems]
    assert lines == [0, 1, 2] and "2 kuitansinya" in refused.value.problems[0][1]


def test_no_outage_no_shift_no_supervisor(app, desk):
    number = owing_customers(app, count=1)[0]
    row = paper(app, 1, number, DAY, "0501")
    with pytest.raises(PaperBookRefused, match="belum ada; kepala unit mencatat gangguannya dulu"):
        enter_book(app.uow(), desk, [row], row.amount, SUPERVISOR)
    open_the_outage(app, desk)
    with pytest.raises(PaymentRefused, match="belum membuka shift"):  # the cash goes into a drawer
        enter_book(app.uow(), desk, [row], row.amount, SUPERVISOR)
    on_shift(app, desk)
    with pytest.raises(ApprovalRefused):
        enter_book(app.uow(), desk, [row], row.amount, Approval("kasir2", DEMO_PIN))
    with pytest.raises(PaperBookRefused, match="kosong"):
        enter_book(app.uow(), desk, [], 0, SUPERVISOR)
    assert enter_book(app.uow(), desk, [row], row.amount, SUPERVISOR).total == row.amount


def test_a_bill_paid_meanwhile_is_named(app, desk, outage):
    from counter.services.payment import pay
    from tests.integration.shift_helpers import clock_agrees

    number = owing_customers(app, count=1)[0]
    row = paper(app, 1, number, DAY, "0601")
    clock_agrees(app, desk)
    with app.uow() as uow:
        from counter.services.billing import quote

        today = quote(uow.session, number, AS_OF).oldest(1)
    paid = pay(app.uow(), desk, number, [today.bills[0].period], "cash", tendered=today.total)
    with pytest.raises(PaperBookRefused, match=f"sudah lunas \\(struk {paid.receipt_no}\\)"):
        enter_book(app.uow(), desk, [row], row.amount, SUPERVISOR)


# ---- the written day's report ---------------------------------------------------------------


def test_a_receipt_of_a_day_already_closed_goes_to_its_late_section(app, desk, outage):
    first, second = owing_customers(app, count=2)
    on_time = paper(app, 1, first, DAY, "0701")
    enter_book(app.uow(), desk, [on_time], on_time.amount, SUPERVISOR)
    close_day(app.uow(), None, desk, DAY, SUPERVISOR, "dicatat tanpa pusat")
    late = paper(app, 1, second, DAY, "0702")
    book = enter_book(app.uow(), desk, [late], late.amount, SUPERVISOR)
    assert book.late == book.entries
    with app.uow() as uow:
        figures = consolidate(uow.session, "KPG", DAY, desk.zone)
    assert [r.paper_no for r in figures.receipts] == ["0701"]
    assert [r.paper_no for r in figures.late] == ["0702"] and figures.late_cash == late.amount
    with app.uow() as uow:
        today = consolidate(uow.session, "KPG", AS_OF, desk.zone)
    assert today.count == 0  # today's report has no receipt of the paper book; its drawer has the cash
    assert today.shifts[0].paper_cash == on_time.amount + late.amount


def test_a_paper_receipt_written_today_counts_once_in_the_drawer(app, desk):
    open_the_outage(app, desk, dt.date(2025, 11, 20), AS_OF)
    desk2 = dataclasses.replace(desk, clock=clock_at(AS_OF, 11))
    on_shift(app, desk)
    number = owing_customers(app, count=1)[0]
    row = paper(app, 1, number, AS_OF, "0801", cashier=desk.username)
    enter_book(app.uow(), desk2, [row], row.amount, SUPERVISOR)
    with app.uow() as uow:
        shift = uow.session.scalars(select(Shift).where(Shift.status == "open")).one()
        figures = shift_figures(uow.session, shift, desk.zone)
    assert figures.cash_taken == row.amount and figures.payments == 1 and figures.paper_cash == 0


def test_who_may_enter_a_book(app, desk, outage):
    number = owing_customers(app, count=1)[0]
    row = paper(app, 1, number, DAY, "0901")
    with app.uow() as uow:
        admin = uow.session.scalars(select(User.id).where(User.username == "admin")).one()
    with pytest.raises(NotAllowed):
        enter_book(app.uow(), dataclasses.replace(desk, user_id=admin, username="admin", role="admin"),
                   [row], row.amount, SUPERVISOR)
    with app.uow() as uow:
        supervisor = uow.session.scalars(select(User.id).where(User.username == "kepala")).one()
    boss = dataclasses.replace(desk, user_id=supervisor, username="kepala", role="supervisor",
                               counter_id=desk.counter_id + 1, counter_code="L02")  # the cashier's shift is at L01
    on_shift(app, boss)
    assert enter_book(app.uow(), boss, [row], row.amount, SUPERVISOR).entered_by == "kepala"


# ---- central ---------------------------------------------------------------------------------


def test_outage_and_paper_receipts_reach_central_and_the_other_counter(two_counters):
    from counter.models import Conflict, InboxEvent

    one, two = two_counters
    desk1, desk2 = (dataclasses.replace(c.desk(), clock=clock_at(AS_OF)) for c in (one, two))
    opened = open_the_outage(one, desk1)
    one.sync_link().cycle()
    two.sync_link().cycle()  # the outage reaches the office's other counter
    assert [o.id for o in list_outages(two.uow(), desk2)] == [opened.id]
    first, second = owing_customers(one, count=2)
    row1, row2 = paper(one, 1, first, DAY, "KM-7"), paper(two, 1, second, DAY, "KM-7")  # one paper, entered twice
    on_shift(one, desk1)
    on_shift(two, desk2)
    entered1 = enter_book(one.uow(), desk1, [row1], row1.amount, SUPERVISOR)
    entered2 = enter_book(two.uow(), desk2, [row2], row2.amount, SUPERVISOR)  # L02 cannot know of L01's
    one.sync_link().cycle()
    two.sync_link().cycle()
    central = one.app.embedded_engine
    with central.connect() as c:
        kept = {r.receipt_no: r for r in c.execute(select(
            Payment.receipt_no, Payment.paper_no, Payment.business_date, User.username.label("entered_by"))
            .join(User, User.id == Payment.entered_by))}
        outage = c.execute(select(Outage.date_from, Outage.date_to, Outage.reason)).one()
        conflicts = c.execute(select(Conflict.kind, Conflict.detail)).all()
        outcomes = dict(c.execute(select(InboxEvent.kind, InboxEvent.status)
                                  .where(InboxEvent.kind == "outage.opened")).all())
    assert outcomes == {"outage.opened": "applied"}
    assert tuple(outage) == (OUTAGE_FROM, OUTAGE_TO, "Server SOPP pihak ketiga mati")
    r1, r2 = kept[entered1.entries[0].receipt_no], kept[entered2.entries[0].receipt_no]
    assert (r1.paper_no, r1.business_date, r1.entered_by) == ("KM-7", DAY, desk1.username)
    assert (r2.paper_no, r2.entered_by) == ("KM-7", desk2.username)
    assert [(kind, detail["paper_no"]) for kind, detail in conflicts] == [("paper_no_reused", "KM-7")]
    with Session(central) as session:  # central's day report and the drawer it came into
        figures = consolidate(session, "KPG", DAY, desk1.zone)
        today = consolidate(session, "KPG", AS_OF, desk1.zone)
    assert sorted(r.paper_no for r in figures.receipts) == ["KM-7", "KM-7"]
    assert sorted(s.paper_cash for s in today.shifts) == sorted([row1.amount, row2.amount])


def test_the_receipt_of_a_paper_receipt_names_it_and_its_date(app, desk, outage):
    from counter.printing.escpos_receipt import receipt_text
    from counter.services.receipts import build_receipt

    number = owing_customers(app, count=1)[0]
    row = paper(app, 1, number, DAY, "km 0117")
    entered = enter_book(app.uow(), desk, [row], row.amount, SUPERVISOR).entries[0]
    assert entered.paper_no == "KM 0117"  # kept in capitals
    with app.uow() as uow:
        receipt = build_receipt(uow.session, entered.receipt_no, desk.zone)
    assert (receipt.paper_no, receipt.paper_date, receipt.cashier_name) == ("KM 0117", DAY, "Yohana Manafe")
    assert receipt.replaces == ("Pengganti kuitansi manual no. KM 0117", "tertanggal 12 Nov 2025")
    assert "Pengganti kuitansi manual no. KM 0117" in receipt_text(receipt, "80mm")
