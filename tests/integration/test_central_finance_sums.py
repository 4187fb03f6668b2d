"""The payments export and the central day report add up to what central holds,
for any day's payments (hypothesis), on real PostgreSQL: two offices, counter
payments by every method with cash rounding by any unit, customer credit and
paper receipts, voids, channel payments and reversals. The payments are written
straight into central's tables, as the appliers leave them (total = lines +
stamp duty + rounding, the rounding by the rule), so that any mix can be drawn
and not only what one demo day's unpaid bills allow; the appliers' own path is
in test_central_finance."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import uuid
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from counter.central import channels
from counter.central.finance import central_day, payment_lines, write_payments_csv
from counter.models import (
    Bill, Channel, ChannelPayment, ChannelPaymentLine, Counter, Customer, Office, Payment, PaymentLine, User,
)
from counter.printing.central_day import central_day_csv
from counter.rules.settlement import ROUNDING_UNITS, rounding_for
from tests.integration.attack_helpers import OTHER, add_office

pytestmark = pytest.mark.timeout(600)
ZONE = ZoneInfo("Asia/Makassar")
PARTS = ("air", "beban", "pemeliharaan_meter", "administrasi", "denda", "angsuran", "uang_muka")
COMPONENTS = ("water_charge", "standing_charge", "meter_fee", "admin_fee", "fine")
PAID_AT = dt.datetime(2001, 1, 1, 2, 0, tzinfo=dt.timezone.utc)

lines = st.lists(st.tuples(*[st.integers(0, 400_000)] * 5), min_size=1, max_size=3)
counter_payment = st.fixed_dictionaries({
    "office": st.sampled_from([0, 1]), "method": st.sampled_from(["cash", "transfer", "qris", "debit"]),
    "status": st.sampled_from(["completed", "completed", "void"]), "lines": lines,
    "duty": st.sampled_from([0, 10_000]), "unit": st.sampled_from(sorted(ROUNDING_UNITS)),
    "credit_share": st.sampled_from([0, 0, 1, 37, 100]), "paper": st.booleans()})
channel_payment = st.fixed_dictionaries({
    "office": st.sampled_from([0, 1]), "status": st.sampled_from(["completed", "reversed"]), "lines": lines,
    "duty": st.sampled_from([0, 10_000])})


def places(engine: Engine) -> list[dict]:
    """Per office: its code, counter, cashier, a customer and one of its bills, and a channel."""
    channels.add_channel(engine, "BANK-X", "Bank X")
    found = []
    with Session(engine) as session:
        channel = session.scalar(select(Channel.id).where(Channel.code == "BANK-X"))
        for code in ("KPG", OTHER):
            office = session.scalar(select(Office.id).where(Office.code == code))
            customer = session.scalar(select(Customer.id).where(Customer.office_id == office).order_by(Customer.id))
            found.append({"code": code, "office": office, "customer": customer,
                          "counter": session.scalar(select(Counter.id).where(Counter.office_id == office)),
                          "cashier": session.scalar(select(User.id).where(User.office_id == office)),
                          "bill": session.scalar(select(Bill.id).where(Bill.customer_id == customer)),
                          "channel": channel})
    return found


def line_rows(parts: list[tuple[int, ...]], bill: int | None) -> list[dict]:
    return [dict(seq=n, period=200001, bill_id=bill, amount=sum(p), **dict(zip(COMPONENTS, p, strict=True)))
            for n, p in enumerate(parts, 1)]


def write_day(engine: Engine, on: dt.date, where: list[dict], paid: list[dict], by_channel: list[dict]) -> None:
    """The drawn payments as central's tables hold them."""
    with Session(engine) as session, session.begin():
        for n, p in enumerate(paid):
            at = where[p["office"]]
            owed = sum(map(sum, p["lines"])) + p["duty"]
            credit = owed * p["credit_share"] // 100
            rounding = rounding_for(owed - credit, p["unit"]) if p["method"] == "cash" else 0
            payment = Payment(
                id=uuid.uuid4(), receipt_no=f"R-{uuid.uuid4().hex[:16]}", office_id=at["office"],
                counter_id=at["counter"], cashier_id=at["cashier"], customer_id=at["customer"],
                paid_at=PAID_AT + dt.timedelta(minutes=n), business_date=on, method=p["method"],
                subtotal=owed - p["duty"], stamp_duty=p["duty"], total=owed + rounding, rounding=rounding,
                credit_used=credit, tendered=owed + rounding - credit, change=0, status=p["status"],
                paper_no=f"KM-{n}" if p["paper"] else "", entered_by=at["cashier"] if p["paper"] else None)
            payment.lines = [PaymentLine(kind="bill", **row) for row in line_rows(p["lines"], None)]
            session.add(payment)
        for n, p in enumerate(by_channel):
            at = where[p["office"]]
            subtotal = sum(map(sum, p["lines"]))
            payment_id = uuid.uuid4()
            session.add(ChannelPayment(
                id=payment_id, channel_id=at["channel"], reference=f"C-{uuid.uuid4().hex[:16]}", request_hash="x",
                office_id=at["office"], customer_id=at["customer"], paid_at=PAID_AT + dt.timedelta(minutes=n),
                business_date=on, subtotal=subtotal, stamp_duty=p["duty"], total=subtotal + p["duty"],
                status=p["status"]))
            session.flush()
            session.add_all(ChannelPaymentLine(payment_id=payment_id, **row)
                            for row in line_rows(p["lines"], at["bill"]))


def held(engine: Engine, on: dt.date) -> dict[str, dict]:
    """Every payment of the day as central holds it, by id."""
    with engine.connect() as connection:
        found = {str(r.id): dict(r._mapping, source="counter") for r in connection.execute(
            select(Payment.id, Payment.total, Payment.rounding, Payment.credit_used, Payment.paper_no, Payment.status,
                   Payment.method, Office.code.label("office")).join(Office, Office.id == Payment.office_id)
            .where(Payment.business_date == on))}
        found |= {str(r.id): dict(r._mapping, source="channel", rounding=0, credit_used=0, paper_no="")
                  for r in connection.execute(
                      select(ChannelPayment.id, ChannelPayment.total, ChannelPayment.status,
                             Office.code.label("office")).join(Office, Office.id == ChannelPayment.office_id)
                      .where(ChannelPayment.business_date == on))}
    return found


def exported(engine: Engine, on: dt.date, office: str | None = None) -> tuple[list[dict], object]:
    out = io.StringIO(newline="")
    summary = write_payments_csv(payment_lines(engine, on, office), out, ZONE)
    return list(csv.DictReader(io.StringIO(out.getvalue(), newline=""))), summary


def test_the_export_and_the_day_report_always_add_up_to_what_central_holds(app, central):
    add_office(central)
    where = places(central)
    days = (dt.date(2001, 1, 1) + dt.timedelta(days=n) for n in itertools.count())
    seen: set[str] = set()  # what the drawn days held, so that the test is seen to have tried it

    @settings(max_examples=20, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(paid=st.lists(counter_payment, max_size=6), by_channel=st.lists(channel_payment, max_size=3))
    def check(paid: list[dict], by_channel: list[dict]) -> None:
        on = next(days)
        write_day(central, on, where, paid, by_channel)
        payments = held(central, on)
        done = [p for p in payments.values() if p["status"] == "completed"]
        taken, credit = sum(p["total"] for p in done), sum(p["credit_used"] for p in done)
        seen.update(name for name in ("rounding", "credit_used", "paper_no") if any(p[name] for p in done))

        # the export: per payment, its rows make its total; the rounding, the credit and the paper number are its
        rows, summary = exported(central, on)
        by_payment: dict[str, list[dict]] = {}
        for row in rows:
            by_payment.setdefault(row["id_pembayaran"], []).append(row)
        assert set(by_payment) == set(payments)
        for payment_id, mine in by_payment.items():
            p = payments[payment_id]
            assert sum(int(r["jumlah"]) + int(r["meterai"]) + int(r["pembulatan"]) for r in mine) == p["total"]
            assert (int(mine[0]["pembulatan"]), int(mine[0]["kredit_dipakai"])) == (p["rounding"], p["credit_used"])
            assert sum(int(r["pembulatan"]) for r in mine) == p["rounding"]
            assert sum(int(r["kredit_dipakai"]) for r in mine) == p["credit_used"]
            assert {r["no_kuitansi_manual"] for r in mine} == {p["paper_no"]}
            assert all(sum(int(r[c]) for c in PARTS) == int(r["jumlah"]) for r in mine)
        counted = [r for r in rows if r["dihitung"] == "1"]
        assert sum(int(r["jumlah"]) + int(r["meterai"]) + int(r["pembulatan"]) for r in counted) == taken \
            == summary.total
        assert sum(int(r["kredit_dipakai"]) for r in counted) == credit == summary.credit_used
        assert summary.received == taken - credit

        # the day report: the same total, its components with the rounding make it; the credit and the money
        figures = central_day(central, on, ZONE)
        assert figures.total == taken == figures.components.collected
        assert (figures.credit_used, figures.received) == (credit, taken - credit)
        assert figures.components.rounding == sum(p["rounding"] for p in done) == summary.rounding
        for office in figures.offices:
            mine = [p for p in done if p["office"] == office.code and p["source"] == "counter"]
            assert (office.count, office.total) == (len(mine), sum(p["total"] for p in mine))
            assert sum(t.amount for t in office.by_method) == office.total
            assert office.credit_used == sum(p["credit_used"] for p in mine)
            assert office.rounding == sum(p["rounding"] for p in mine)
        report = {(r["section"], r["code"], r["label"]): r
                  for r in csv.DictReader(io.StringIO(central_day_csv(figures), newline=""))}
        parts = ("air", "beban", "pemeliharaan_meter", "administrasi", "denda", "angsuran", "uang_muka", "meterai",
                 "pembulatan")
        assert sum(int(report[("komponen", "", label)]["amount"]) for label in parts) == taken \
            == int(report[("jumlah", "", "diterima")]["amount"])
        assert int(report[("jumlah", "", "kredit_dipakai")]["amount"]) == credit
        assert int(report[("jumlah", "", "uang_diterima")]["amount"]) == taken - credit

        # one office at a time: the offices' parts make the whole, the export's and the report's alike
        parts_total = 0
        for code in ("KPG", OTHER):
            rows, mine = exported(central, on, code)
            assert {r["kantor"] for r in rows} <= {code}
            assert mine.total == central_day(central, on, ZONE, office=code).total \
                == sum(p["total"] for p in done if p["office"] == code)
            parts_total += mine.total
        assert parts_total == taken

    check()
    assert seen == {"rounding", "credit_used", "paper_no"}
