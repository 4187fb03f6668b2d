"""The closing report of a day made in the demo store: paid in cash, by QRIS and
by transfer (with their references), last year's arrears and this year's bills,
a void and a reprint, signed off by the branch head and deposited. Its text
names people in full, lists the non-cash references for the bank, splits and
counts the bills, names the tariff groups and holds only the covered shifts."""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from counter.models import Bill, Counter, Customer, Shift, TariffGroup, User
from counter.printing.day_report_pdf import closing_pdf
from counter.rules.money import format_rupiah
from counter.services import day_report
from counter.services.billing import quote
from counter.services.day_closing import close_day, record_deposit
from counter.services.payment import pay
from counter.services.print_queue import reprint
from counter.services.shifts import open_shift
from counter.services.voids import void_payment
from tests.conftest import AS_OF
from tests.integration.test_plans import SUPERVISOR

UTILITY = "Perumda Air Minum Demo Kupang"


def text_of(data: bytes) -> str:
    """The report's text as pypdf reads it, runs of blanks as one space."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def owing(app, *, before_this_year: bool, skip: int = 0) -> str:
    """An active customer whose oldest unpaid bill is of last year (or of this year)."""
    with app.uow() as uow:
        oldest = (select(Customer.number).join(Bill, Bill.customer_id == Customer.id)
                  .where(Bill.status == "unpaid", Customer.status == "active").group_by(Customer.id))
        year_start = AS_OF.year * 100
        oldest = oldest.having(func.min(Bill.period) < year_start if before_this_year
                               else func.min(Bill.period) > year_start)
        return list(uow.session.scalars(oldest.order_by(Customer.number).limit(skip + 1)))[skip]


def pay_oldest(app, desk, number: str, bills: int, method: str, reference: str = ""):
    with app.uow() as uow:
        periods = [b.period for b in quote(uow.session, number, AS_OF).bills][:bills]
    return pay(app.uow(), desk, number, periods, method, tendered=10**8 if method == "cash" else None,
               reference=reference)


@pytest.fixture
def closed_day(app, desk):
    """The day's receipts at L01, the day signed off by the branch head (the
    cashier's shift left open, with a reason) and its cash deposited."""
    open_shift(app.uow(), desk, 0)
    arrears = pay_oldest(app, desk, owing(app, before_this_year=True), 3, "cash")
    qris = pay_oldest(app, desk, owing(app, before_this_year=False), 1, "qris", "QR-20251124-778899")
    transfer = pay_oldest(app, desk, owing(app, before_this_year=False, skip=1), 2, "transfer", "TRF BNI 0042117")
    voided = pay_oldest(app, desk, owing(app, before_this_year=False, skip=2), 1, "debit", "EDC-551")
    void_payment(app.uow(), desk, voided.receipt_no, "Salah pilih pelanggan", SUPERVISOR)
    reprint(app.uow(), desk, arrears.receipt_no)
    close_day(app.uow(), None, desk, AS_OF, SUPERVISOR, "Kasir masih melayani antrean terakhir")
    with app.uow() as uow:
        figures = day_report.consolidate(uow.session, "KPG", AS_OF, desk.zone)
    record_deposit(app.uow(), desk, AS_OF, figures.to_deposit, "Bank NTT", "STR-0042", SUPERVISOR)
    with app.uow() as uow:
        figures = day_report.consolidate(uow.session, "KPG", AS_OF, desk.zone)
    return figures, (arrears, qris, transfer, voided)


def full_name(app, username: str) -> str:
    with app.uow() as uow:
        return uow.session.scalar(select(User.full_name).where(User.username == username))


def test_people_are_named_in_full_and_the_head_who_closed_made_the_report(app, desk, closed_day):
    figures, (arrears, *_) = closed_day
    head, cashier = full_name(app, "kepala"), full_name(app, desk.username)
    text = text_of(closing_pdf(figures, UTILITY))
    assert f"Ditutup oleh : {head} (Kepala Unit)" in text
    assert f"Dicatat oleh : {head}" in text  # the deposit
    assert f"{arrears.receipt_no} {cashier} 1" in text  # the reprinted receipt's cashier
    assert f"Dibuat oleh, Kepala Unit {head} Diperiksa oleh, Bagian Keuangan (" in text
    assert not re.search(rf"\b(kepala|{desk.username})\b", text)  # no login name anywhere


def test_non_cash_receipts_are_listed_with_their_references(app, desk, closed_day):
    figures, (arrears, qris, transfer, voided) = closed_day
    text = text_of(closing_pdf(figures, UTILITY))
    section = text[text.index("Penerimaan non-tunai"):text.index("Dibuat oleh,")]
    assert re.search(rf"{qris.receipt_no} \d\d:\d\d QRIS QR-20251124-778899 "
                     rf"{format_rupiah(qris.total, symbol=False)}", section)
    assert re.search(rf"{transfer.receipt_no} \d\d:\d\d Transfer bank TRF BNI 0042117 "
                     rf"{format_rupiah(transfer.total, symbol=False)}", section)
    assert arrears.receipt_no not in section and voided.receipt_no not in section  # cash, and a void
    assert f"Jumlah (2 kuitansi) {format_rupiah(qris.total + transfer.total, symbol=False)}" in section


def test_this_years_bills_stand_apart_from_last_years_arrears_and_are_counted(app, desk, closed_day):
    figures, (arrears, qris, transfer, _) = closed_day
    bills = [line for r in (arrears, qris, transfer) for line in r.quote.bills]
    old = [b for b in bills if b.period // 100 < AS_OF.year]
    new = [b for b in bills if b.period // 100 == AS_OF.year]
    assert old and new and len(bills) == 6
    amount = lambda chosen: sum(b.water_charge + b.standing_charge + b.meter_fee + b.admin_fee + b.fine  # noqa: E731
                                for b in chosen)
    text = text_of(closing_pdf(figures, UTILITY))
    assert "Rekening dibayar : 6 lembar" in text
    assert f"Rekening tahun berjalan (2025) {len(new)} {format_rupiah(amount(new))}" in text
    assert f"Tunggakan tahun lalu (s.d. 2024) {len(old)} {format_rupiah(amount(old))}" in text
    assert f"Jumlah 6 {format_rupiah(amount(bills))}" in text


def test_tariff_groups_are_named(app, desk, closed_day):
    figures, _ = closed_day
    with app.uow() as uow:
        names = dict(uow.session.execute(select(TariffGroup.code, TariffGroup.name)).all())
    text = text_of(closing_pdf(figures, UTILITY))
    for tally in figures.by_tariff:
        assert f"{tally.label} {names[tally.label]} {tally.count} {format_rupiah(tally.amount)}" in text


def test_the_shift_table_holds_only_the_shifts_the_sign_off_covers(app, desk, closed_day):
    figures, _ = closed_day
    assert [s.cashier for s in figures.shifts] == [desk.username] and not figures.late_shifts
    with app.uow() as uow:  # another counter's shift of the day reaches the store after the sign-off
        office = uow.session.scalars(select(Shift.office_id)).first()
        cashier = uow.session.scalars(select(User).where(User.username == "kasir2")).one()
        uow.session.add(Shift(id=uuid.uuid4(), office_id=office, user_id=cashier.id, business_date=AS_OF,
                              counter_id=uow.session.scalar(select(Counter.id).where(Counter.code == "L02")),
                              opened_at=figures.closing.closed_at + dt.timedelta(minutes=10), opening_float=0))
        uow.session.commit()
    with app.uow() as uow:
        figures = day_report.consolidate(uow.session, "KPG", AS_OF, desk.zone)
    assert [s.cashier for s in figures.shifts] == [desk.username]
    assert [s.cashier for s in figures.late_shifts] == ["kasir2"]
    text = text_of(closing_pdf(figures, UTILITY))
    late_at = text.index("DITERIMA SETELAH TUTUP HARI")
    assert cashier.full_name not in text[:late_at]
    assert f"L02 {cashier.full_name}, " in text[late_at:]


def test_the_components_name_each_part_of_the_bills_as_the_receipts_do(app, desk, closed_day):
    """Beban, Pemeliharaan meter and Administrasi on lines of their own, in the receipts' words."""
    from counter.printing.receipt import COMPONENT_LABELS

    figures, (arrears, qris, transfer, _) = closed_day
    bills = [line for r in (arrears, qris, transfer) for line in r.quote.bills]
    text = text_of(closing_pdf(figures, UTILITY))
    section = text[text.index("Komponen penerimaan"):text.index("Jumlah diterima")]
    for field in ("water_charge", "standing_charge", "meter_fee", "admin_fee", "fine"):
        total = sum(getattr(b, field) for b in bills)
        if total or field != "meter_fee":  # a part the day's bills never charged is left out
            assert f"{COMPONENT_LABELS[field]} {format_rupiah(total)}" in section, (field, section)
    assert "Beban tetap" not in section
