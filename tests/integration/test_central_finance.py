"""What finance takes from central, on real PostgreSQL: the day's payments
exported line by line (`counter central export payments`) and the day report
across offices and channels (`counter central report day`), against what
central holds after counters' events were applied and channels paid: two
offices, cash, transfer and QRIS, a void, a plan's down payment with a waiver,
stamp duty, two channels, a reversal, a bill paid twice and its refund, a
deposit, cash rounded to Rp 100 (down and up) with customer credit used, a
paper receipt typed in after an outage, and a payment of another day that must
stay out."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import sys
import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from counter.central import channels
from counter.central.applier import apply_pending
from counter.central.finance import EXPORT_HEADER, central_day, today
from counter.central.service import caller_for, receive_events
from counter.central.store import next_change
from counter.cli import main
from counter.models import (
    Bill, Channel, ChannelPayment, ChannelPaymentLine, Conflict, Customer, CustomerCredit, Deposit, InboxEvent,
    Office, Payment, PaymentLine, Refund, StampDutyRow,
)
from counter.rules.fines import fine_for
from counter.rules.money import format_rupiah
from counter.rules.settlement import rounding_for
from counter.services.billing import fine_scheme
from tests.integration.attack_helpers import OTHER, add_office, envelope, owing, payment_payload

pytestmark = pytest.mark.timeout(240)  # the tests on PostgreSQL are marked `postgres` by their fixture
ZONE = ZoneInfo("Asia/Makassar")
PARTS = ("air", "beban", "pemeliharaan_meter", "administrasi", "denda", "angsuran", "uang_muka")


@dataclass
class Day:
    engine: Engine
    url: str
    data_dir: str
    on: dt.date
    voided: str  # payment id of the voided counter payment
    down_payment: str  # payment id of the plan's down payment
    waived: int  # what the plan waived
    reversed: str  # the reversed channel payment's reference
    yesterday: str  # a counter payment of the day before
    transfer: str  # the transfer's payment id
    rounded: tuple[str, ...]  # cash payments with customer credit, rounded down and up
    paper: str  # a paper receipt's payment id
    paper_no: str  # its number


def push(engine: Engine, office: str, events: list[dict]) -> None:
    """Events as counter L01 of `office` sends them, applied by central."""
    answer = receive_events(engine, caller_for(engine, office, "L01"), events)
    assert not answer["refused"], answer
    while apply_pending(engine):
        pass
    with engine.connect() as connection:
        outcomes = connection.execute(select(InboxEvent.kind, InboxEvent.status, InboxEvent.reason)
                                      .where(InboxEvent.id.in_([uuid.UUID(e["id"]) for e in events]))).all()
    assert {status for _, status, _ in outcomes} <= {"applied", "conflict"}, outcomes


def pay_payload(engine: Engine, number: str, office: str, cashier: str, on: dt.date, periods: int = 1,
                method: str = "cash", reference: str = "") -> dict:
    payload = payment_payload(engine, number, office, "L01", cashier, periods=periods, on=on)
    payload["method"], payload["reference"] = method, reference
    payload["receipt_no"] = f"{office}-L01-{on:%Y%m%d}-{uuid.uuid4().hex[:4]}"
    return payload


def with_credit(engine: Engine, payload: dict, rest: int, unit: int = 100) -> dict:
    """`payload` paid with customer credit (held at central, given here) chosen so
    that what is left in cash ends in `rest` Rupiah, rounded to `unit` as a
    counter rounds it."""
    owed = payload["subtotal"] + payload["stamp_duty"]
    credit = 30_000 + (owed - 30_000 - rest) % unit
    with Session(engine) as session, session.begin():
        customer_id = session.scalar(select(Customer.id).where(Customer.number == payload["customer"]))
        session.add(CustomerCredit(customer_id=customer_id, payment_id=None, amount=credit, reason="kelebihan bayar",
                                   created_at=dt.datetime.now(dt.timezone.utc)))
    rounding = rounding_for(owed - credit, unit)
    assert rounding and owed + rounding > credit
    payload.update(rounding=rounding, rounding_unit=unit, credit_used=credit, total=owed + rounding,
                   tendered=owed + rounding - credit, change=0)
    return payload


def on_paper(payload: dict, paper_no: str, unit: int = 100) -> dict:
    """`payload` as a paper receipt of an outage, typed in by kasir1 afterwards."""
    owed = payload["subtotal"] + payload["stamp_duty"]
    rounding = rounding_for(owed, unit)
    payload.update(paper_no=paper_no, entered_by="kasir1", taken_offline=True, rounding=rounding,
                   rounding_unit=unit, total=owed + rounding, tendered=owed + rounding)
    return payload


def plan_with_waiver(engine: Engine, number: str, on: dt.date) -> tuple[dict, dict]:
    """A relief plan over the customer's two oldest bills (fines waived, half down)
    and the payment of its down payment."""
    with Session(engine) as session:
        customer = session.scalars(select(Customer).where(Customer.number == number)).one()
        bills = session.scalars(select(Bill).where(Bill.customer_id == customer.id, Bill.status == "unpaid")
                                .order_by(Bill.period).limit(2)).all()
        scheme = fine_scheme(session, on)
        rows = [{"bill_id": b.id, "period": b.period, "principal": b.principal,
                 "fine": fine_for(b.principal, b.due_date, on, scheme), "discount": 0} for b in bills]
    for row in rows:
        row["fine_waived"] = row["fine"]
    principal, fines = sum(r["principal"] for r in rows), sum(r["fine"] for r in rows)
    assert fines > 0
    down = principal // 2
    plan_id = str(uuid.uuid4())
    plan = {"plan_id": plan_id, "plan_no": f"0001/ANGS/KPG-L01/{uuid.uuid4().hex[:4]}", "customer": number,
            "office": "KPG", "counter": "L01", "made_by": "kasir1", "approved_by": "kepala",
            "made_at": dt.datetime.now(dt.timezone.utc).isoformat(), "made_on": on.isoformat(), "programme": None,
            "fine_mode": "waive", "grace_days": 30, "unseal_on_down_payment": False, "bills": rows,
            "terms": [{"seq": 0, "amount": down, "due": on.isoformat()},
                      {"seq": 1, "amount": principal - down, "due": (on + dt.timedelta(days=30)).isoformat()}],
            "principal": principal, "fines": fines, "waived": fines, "total": principal}
    payment = pay_payload(engine, number, "KPG", "kasir1", on)
    duty = 10_000 if down > 100_000 else 0
    payment.update(lines=[{"kind": "down_payment", "plan_id": plan_id, "term_seq": 0, "amount": down}],
                   subtotal=down, stamp_duty=duty, total=down + duty, tendered=down + duty, change=0)
    return plan, payment


@pytest.fixture
def day(app, central, pg_url) -> Day:
    engine = central
    tlk = add_office(engine)
    on = today(ZONE)
    with Session(engine) as session, session.begin():  # stamp duty on more than Rp 100.000, from today
        session.add(StampDutyRow(valid_from=on, threshold=100_000, amount=10_000, change_seq=next_change(session)))
    with engine.connect() as connection:
        kpg = connection.scalar(select(Office.id).where(Office.code == "KPG"))
        numbers = connection.scalars(select(Customer.number).where(Customer.id.in_(owing(kpg)))
                                     .order_by(Customer.id).limit(12)).all()

    cash = pay_payload(engine, numbers[0], "KPG", "kasir1", on, periods=3)
    transfer = pay_payload(engine, numbers[1], "KPG", "kasir1", on, method="transfer", reference="TRF-8812")
    wrong = pay_payload(engine, numbers[2], "KPG", "kasir1", on)
    yesterday = pay_payload(engine, numbers[8], "KPG", "kasir1", on - dt.timedelta(days=1))
    twice = pay_payload(engine, numbers[7], "KPG", "kasir1", on)  # taken offline: a bank pays the bill meanwhile
    plan, down = plan_with_waiver(engine, numbers[3], on)
    rounded = [with_credit(engine, pay_payload(engine, numbers[9], "KPG", "kasir1", on, periods=2), rest=37),
               with_credit(engine, pay_payload(engine, numbers[11], "KPG", "kasir1", on, periods=2), rest=80)]
    paper = on_paper(pay_payload(engine, numbers[10], "KPG", "kasir1", on, periods=2), "KM-0042")
    push(engine, "KPG", [envelope("plan.created", plan)])  # a batch is taken in the order of the events' ids
    push(engine, "KPG", [envelope("payment.created", p)
                         for p in (cash, transfer, wrong, yesterday, down, *rounded, paper)])
    push(engine, "KPG", [envelope("payment.voided", {
        "payment_id": wrong["payment_id"], "office": "KPG", "counter": "L01", "reason": "salah pelanggan",
        "approved_by": "kepala", "voided_at": dt.datetime.now(dt.timezone.utc).isoformat()})])
    qris = pay_payload(engine, tlk.customers[0], OTHER, tlk.cashier, on, periods=2, method="qris", reference="QR-1")
    push(engine, OTHER, [envelope("payment.created", qris)])

    bank = channels.add_channel(engine, "BANK-NTT", "Bank NTT")
    shop = channels.add_channel(engine, "TOKO-AIR", "Toko Air Marketplace")
    with engine.connect() as connection:
        ids = dict(connection.execute(select(Channel.code, Channel.id)).all())
    callers = {code: channels.Caller(ids[code], code, frozenset()) for code in ids}

    def channel_pays(code: str, number: str, reference: str) -> None:
        owed = channels.inquiry(engine, callers[code], {"customer": number}, ZONE)
        channels.pay(engine, callers[code], {"reference": reference, "customer": number,
                                             "periods": [b["period"] for b in owed["bills"]],
                                             "amount": owed["total"]}, ZONE)

    channel_pays("BANK-NTT", numbers[4], "NTT-0001")
    channel_pays("BANK-NTT", numbers[5], "NTT-0002")
    channels.reverse(engine, callers["BANK-NTT"], {"reference": "NTT-0002"}, ZONE)
    channel_pays("TOKO-AIR", numbers[6], "-TA-7")  # a reference a spreadsheet would take for a formula
    channel_pays("BANK-NTT", numbers[7], "NTT-0003")
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(ChannelPayment)) == 4
    push(engine, "KPG", [envelope("payment.created", twice)])  # arrives after the bank's: paid twice
    with engine.connect() as connection:
        conflict = connection.execute(select(Conflict.id, Conflict.amount)
                                      .where(Conflict.kind == "bill_already_paid")).one()
    now = dt.datetime.now(dt.timezone.utc).isoformat()
    push(engine, "KPG", [
        envelope("refund.paid", {"refund_id": str(uuid.uuid4()), "conflict_id": conflict.id,
                                 "amount": conflict.amount, "cashier": "kasir1", "approved_by": "kepala",
                                 "business_date": on.isoformat(), "paid_at": now, "office": "KPG",
                                 "counter": "L01"}),
        envelope("deposit.recorded", {"deposit_id": str(uuid.uuid4()), "business_date": on.isoformat(),
                                      "amount": 123_000, "bank": "Bank NTT", "reference": "SETOR-1",
                                      "recorded_at": now, "recorded_by": "kepala", "office": "KPG",
                                      "counter": "L01"})])
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Refund)) == 1
        assert connection.scalar(select(func.count()).select_from(Deposit)) == 1
        assert connection.scalar(select(func.count()).select_from(Payment)) == 10
        assert connection.scalar(select(func.count()).select_from(Payment).where(Payment.rounding != 0)) >= 2
        assert connection.scalar(select(func.sum(Payment.rounding))) != 0  # the day's rounding shows
    return Day(engine, pg_url, str(app.config.store.data_dir), on, wrong["payment_id"], down["payment_id"],
               plan["waived"], "NTT-0002", yesterday["payment_id"], transfer["payment_id"],
               tuple(p["payment_id"] for p in rounded), paper["payment_id"], paper["paper_no"])


def held(engine: Engine, on: dt.date) -> dict:
    """What central holds for the day, straight from its tables."""
    with engine.connect() as connection:
        payments = {str(r.id): r for r in connection.execute(
            select(Payment.id, Payment.total, Payment.status, Payment.method, Payment.office_id, Payment.rounding,
                   Payment.credit_used, Payment.paper_no)
            .where(Payment.business_date == on))}
        channel = {str(r.id): r for r in connection.execute(
            select(ChannelPayment.id, ChannelPayment.total, ChannelPayment.status, ChannelPayment.reference)
            .where(ChannelPayment.business_date == on))}
        lines = connection.scalar(select(func.count()).select_from(PaymentLine).join(
            Payment, Payment.id == PaymentLine.payment_id).where(Payment.business_date == on))
        lines += connection.scalar(select(func.count()).select_from(ChannelPaymentLine).join(
            ChannelPayment, ChannelPayment.id == ChannelPaymentLine.payment_id)
            .where(ChannelPayment.business_date == on))
    done = [p for p in payments.values() if p.status == "completed"]
    return {"payments": payments, "channel": channel, "lines": lines,
            "taken": sum(p.total for p in [*payments.values(), *channel.values()] if p.status == "completed"),
            "rounding": sum(p.rounding for p in done), "credit": sum(p.credit_used for p in done)}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# ---- the export --------------------------------------------------------------------------------


def test_the_export_has_every_line_of_the_day_and_its_columns_add_up(capsys, tmp_path, day):
    code, out, err = run(capsys, "--data-dir", day.data_dir, "central", "export", "payments", "--url", day.url,
                         "--date", day.on.isoformat(), "--out", str(tmp_path), "--json")
    assert code == 0, err
    said = json.loads(out)
    path = tmp_path / f"pembayaran-{day.on.isoformat()}.csv"
    assert said["file"] == str(path) and not list(tmp_path.glob("*.part"))
    raw = path.read_bytes()
    assert raw.startswith(",".join(EXPORT_HEADER).encode() + b"\r\n")
    rows = read_csv(path)
    central = held(day.engine, day.on)
    assert len(rows) == said["rows"] == central["lines"]

    # every row: the components make its amount; only whole Rupiah
    for row in rows:
        assert sum(int(row[c]) for c in PARTS) == int(row["jumlah"]), row
        assert row["dihitung"] == ("1" if row["status"] == "completed" else "0")
        paid_at = dt.datetime.fromisoformat(row["waktu_bayar"])
        assert paid_at.utcoffset() == dt.timedelta(hours=8)
        assert row["tanggal"] == day.on.isoformat()

    # every payment: its rows' amounts, the stamp duty and the cash rounding (both on its first row only)
    # make its total; the credit it used (on its first row) is what of it was no money
    by_payment: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_payment[row["id_pembayaran"]].append(row)
    assert set(by_payment) == set(central["payments"]) | set(central["channel"])
    assert day.yesterday not in by_payment
    duty_seen = 0
    for payment_id, mine in by_payment.items():
        held_row = central["payments"].get(payment_id) or central["channel"][payment_id]
        assert sum(int(r["jumlah"]) + int(r["meterai"]) + int(r["pembulatan"]) for r in mine) == held_row.total
        assert all(r["meterai"] == r["pembulatan"] == r["kredit_dipakai"] == "0" for r in mine[1:])
        assert int(mine[0]["pembulatan"]) == getattr(held_row, "rounding", 0)
        assert int(mine[0]["kredit_dipakai"]) == getattr(held_row, "credit_used", 0)
        assert {r["no_kuitansi_manual"] for r in mine} == {getattr(held_row, "paper_no", "")}
        duty_seen += int(mine[0]["meterai"])
        assert {r["status"] for r in mine} == {held_row.status}
    assert duty_seen > 0  # the rule of the day put stamp duty on some
    assert {int(by_payment[p][0]["pembulatan"]) for p in day.rounded} == {-37, 20}
    assert all(int(by_payment[p][0]["kredit_dipakai"]) > 0 for p in day.rounded)
    assert {r["no_kuitansi_manual"] for r in by_payment[day.paper]} == {day.paper_no}
    assert {r["no_kuitansi_manual"] for r in rows if r["id_pembayaran"] != day.paper} == {""}

    # the counted rows sum to the day's total taken, counters and channels alike; less the credit used,
    # to the money taken
    counted = [r for r in rows if r["dihitung"] == "1"]
    assert sum(int(r["jumlah"]) + int(r["meterai"]) + int(r["pembulatan"]) for r in counted) == central["taken"] \
        == said["total"]
    assert sum(int(r["pembulatan"]) for r in counted) == central["rounding"] == said["rounding"]
    assert sum(int(r["kredit_dipakai"]) for r in counted) == central["credit"] == said["credit_used"] > 0
    assert said["received"] == central["taken"] - central["credit"]
    assert said["payments"] == sum(1 for p in [*central["payments"].values(), *central["channel"].values()]
                                   if p.status == "completed")
    assert said["not_counted"] == 2

    # the void and the reversal are there, marked, for accounting to drop
    assert {r["status"] for r in by_payment[day.voided]} == {"void"}
    reversed_rows = [r for r in rows if r["no_bukti"] == day.reversed]
    assert reversed_rows and {(r["status"], r["dihitung"], r["sumber"]) for r in reversed_rows} == {
        ("reversed", "0", "channel")}

    # the plan's down payment, and what the plan waived beside it (in no sum)
    (down,) = by_payment[day.down_payment]
    assert (down["jenis_baris"], down["angsuran_ke"], down["bulan"]) == ("down_payment", "0", "")
    assert int(down["uang_muka"]) == int(down["jumlah"]) > 0 and down["rencana"].startswith("0001/ANGS/")
    assert int(down["keringanan"]) == day.waived > 0
    assert sum(int(r["keringanan"]) for r in rows) == day.waived

    # who, where and how
    transfer = by_payment[day.transfer]
    assert {(r["sumber"], r["kantor"], r["loket_kanal"], r["metode"], r["referensi_bayar"]) for r in transfer} == {
        ("counter", "KPG", "L01", "transfer", "TRF-8812")}
    assert {r["kantor"] for r in rows if r["sumber"] == "counter"} == {"KPG", OTHER}
    assert {r["loket_kanal"] for r in rows if r["sumber"] == "channel"} == {"BANK-NTT", "TOKO-AIR"}
    assert {r["metode"] for r in rows if r["sumber"] == "channel"} == {"channel"}
    assert {r["bulan"][4] for r in rows if r["jenis_baris"] == "bill"} == {"-"}
    assert "'-TA-7" in {r["no_bukti"] for r in rows}  # kept as text by a spreadsheet, never run
    # counters first (by office), then channels (by channel)
    sources = [r["sumber"] for r in rows]
    assert sources == sorted(sources, key=["counter", "channel"].index)


def test_the_export_to_the_current_folder_and_to_standard_output(capsys, tmp_path, day, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "--data-dir", day.data_dir, "central", "export", "payments", "--url", day.url,
                         "--date", day.on.isoformat())
    assert code == 0, err
    path = tmp_path / f"pembayaran-{day.on.isoformat()}.csv"
    assert path.is_file() and str(path) in out.replace("\n", "") and "pembayaran" in out
    assert "uang diterima Rp" in " ".join(out.split()) and "kredit pelanggan Rp" in " ".join(out.split())
    code, out, err = run(capsys, "--data-dir", day.data_dir, "central", "export", "payments", "--url", day.url,
                         "--date", day.on.isoformat(), "--out", "-")
    assert code == 0, err
    assert "Ditulis: keluaran standar" in err
    assert out.replace("\r\n", "\n") == path.read_text(encoding="utf-8").replace("\r\n", "\n")


# ---- the day report ----------------------------------------------------------------------------


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_day_report_has_every_office_and_channel_and_the_grand_total(capsys, tmp_path, day):
    code, out, err = run(capsys, "--data-dir", day.data_dir, "central", "report", "day", "--url", day.url,
                         "--date", day.on.isoformat(), "--out", str(tmp_path / "laporan"), "--json")
    assert code == 0, err
    said = json.loads(out)
    stem = tmp_path / "laporan" / f"laporan-pusat-{day.on.isoformat()}"
    assert said["files"] == [str(stem.with_suffix(".pdf")), str(stem.with_suffix(".csv"))]
    central = held(day.engine, day.on)
    assert said["total"] == central["taken"]

    figures = central_day(day.engine, day.on, ZONE)
    with day.engine.connect() as connection:
        offices = dict(connection.execute(select(Office.id, Office.code)).all())
    for office in figures.offices:
        mine = [p for p in central["payments"].values() if offices[p.office_id] == office.code]
        done = [p for p in mine if p.status == "completed"]
        assert (office.count, office.total) == (len(done), sum(p.total for p in done))
        # what each method brought in, and the customer credit used as a line of its own (no money)
        credit = [p for p in done if p.credit_used]
        assert {t.label: (t.count, t.amount) for t in office.by_method} == {
            m: (sum(1 for p in done if p.method == m), sum(p.total - p.credit_used for p in done if p.method == m))
            for m in {p.method for p in done}} | (
            {"credit": (len(credit), sum(p.credit_used for p in credit))} if credit else {})
        assert (office.rounding, office.credit_used) == (sum(p.rounding for p in done),
                                                         sum(p.credit_used for p in done))
        voids = [p for p in mine if p.status == "void"]
        assert (office.voids.count, office.voids.amount) == (len(voids), sum(p.total for p in voids))
    kpg = next(o for o in figures.offices if o.code == "KPG")
    assert (kpg.refunds.count, kpg.deposits.count, kpg.deposits.amount) == (1, 1, 123_000)
    assert kpg.refunds.amount > 0 and kpg.voids.count == 1 and not kpg.closed
    bank = next(c for c in figures.channels if c.code == "BANK-NTT")
    assert bank.count == 2 and bank.reversed.count == 1
    assert figures.total == central["taken"] == figures.components.collected
    assert (figures.components.rounding, figures.credit_used) == (central["rounding"], central["credit"])
    assert figures.received == central["taken"] - central["credit"] == said["received"]
    assert said["credit_used"] == central["credit"] > 0
    assert figures.components.waived == day.waived
    with day.engine.connect() as connection:  # every bill line of a completed payment, counters' and channels'
        counted_bills = connection.scalar(
            select(func.count()).select_from(PaymentLine).join(Payment, Payment.id == PaymentLine.payment_id)
            .where(Payment.business_date == day.on, Payment.status == "completed", PaymentLine.kind == "bill"))
    assert figures.bills == said["bills"] == counted_bills + sum(c.bills for c in figures.channels)

    # the CSV
    rows = read_csv(stem.with_suffix(".csv"))
    value = {(r["section"], r["code"], r["label"]): r for r in rows}
    assert int(value[("jumlah", "", "diterima")]["amount"]) == central["taken"]
    assert int(value[("jumlah", "", "diterima")]["count"]) == figures.count
    assert int(value[("kantor", "KPG", "diterima")]["amount"]) == kpg.total
    assert int(value[("kantor", "KPG", "batal")]["count"]) == 1
    assert int(value[("kantor", "KPG", "setoran")]["amount"]) == 123_000
    assert value[("kantor", "KPG", "tutup_kas")]["count"] == "0"
    assert int(value[("kanal", "BANK-NTT", "dibatalkan")]["count"]) == 1
    assert sum(int(r["amount"]) for r in rows if r["section"] in ("kantor", "kanal") and r["label"] == "diterima") \
        == central["taken"]
    # the components with the rounding make the total; the credit used and the money taken beside it
    parts = ("air", "beban", "pemeliharaan_meter", "administrasi", "denda", "angsuran", "uang_muka", "meterai",
             "pembulatan")
    assert sum(int(value[("komponen", "", label)]["amount"]) for label in parts) == central["taken"] \
        == int(value[("komponen", "", "jumlah_diterima")]["amount"])
    assert int(value[("komponen", "", "pembulatan")]["amount"]) == central["rounding"]
    assert int(value[("jumlah", "", "kredit_dipakai")]["amount"]) == central["credit"]
    assert int(value[("jumlah", "", "uang_diterima")]["amount"]) == central["taken"] - central["credit"]
    assert int(value[("kantor", "KPG", "credit")]["amount"]) == kpg.credit_used
    assert int(value[("kantor", "KPG", "pembulatan")]["amount"]) == kpg.rounding
    assert sum(int(r["amount"]) for r in rows if r["section"] == "kantor" and r["code"] == "KPG"
               and r["label"] in {t.label for t in kpg.by_method}) == kpg.total

    # the PDF, read back and rendered
    pdf = stem.with_suffix(".pdf")
    text = pdf_text(pdf)
    flat = " ".join(text.split())
    assert "LAPORAN PENERIMAAN HARIAN PUSAT" in text
    for office in figures.offices:
        assert office.code in text and format_rupiah(office.total, symbol=False) in flat
    for channel in figures.channels:
        assert channel.code in text and format_rupiah(channel.total, symbol=False) in flat
    assert f"Jumlah keseluruhan {figures.count} {figures.bills} {format_rupiah(figures.total, symbol=False)}" in flat
    assert "BELUM ditutup" in text
    assert f"Pembulatan tunai {format_rupiah(central['rounding'])}" in flat
    assert f"Kredit pelanggan dipakai (bukan uang) {format_rupiah(central['credit'])}" in flat
    assert f"Uang diterima {format_rupiah(central['taken'] - central['credit'])}" in flat
    with_credit = [p for p in central["payments"].values() if p.credit_used and p.status == "completed"]
    assert f"Kredit pelanggan {len(with_credit)} {format_rupiah(kpg.credit_used, symbol=False)}" in flat  # KPG's
    png = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(png)], check=True, timeout=60)
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages and all(p.stat().st_size > 5_000 for p in pages)


def test_the_export_and_the_report_agree(capsys, tmp_path, day):
    code, out, _ = run(capsys, "--data-dir", day.data_dir, "central", "export", "payments", "--url", day.url,
                       "--date", day.on.isoformat(), "--out", str(tmp_path / "x.csv"), "--json")
    assert code == 0
    exported = json.loads(out)
    code, out, _ = run(capsys, "--data-dir", day.data_dir, "central", "report", "day", "--url", day.url,
                       "--date", day.on.isoformat(), "--out", str(tmp_path), "--format", "csv", "--json")
    assert code == 0
    reported = json.loads(out)
    assert exported["total"] == reported["total"]
    assert exported["by_source"]["counter"] == reported["counters"]
    assert exported["by_source"]["channel"] == reported["channels"]
    assert (exported["rounding"], exported["credit_used"], exported["received"]) == (
        reported["rounding"], reported["credit_used"], reported["received"])
    rows = read_csv(tmp_path / "x.csv")
    assert sum(1 for r in rows if r["jenis_baris"] == "bill" and r["dihitung"] == "1") == reported["bills"]


def test_one_office_only(capsys, tmp_path, day):
    """--office: the export's rows and the report's figures of that office alone
    (its counters' payments and the channels' for its customers), under names of
    their own beside the whole utility's."""
    code, out, err = run(capsys, "--data-dir", day.data_dir, "central", "export", "payments", "--url", day.url,
                         "--date", day.on.isoformat(), "--out", str(tmp_path), "--office", "kpg", "--json")
    assert code == 0, err
    said = json.loads(out)
    path = tmp_path / f"pembayaran-{day.on.isoformat()}-KPG.csv"
    assert said["file"] == str(path) and said["office"] == "KPG"
    rows = read_csv(path)
    central = held(day.engine, day.on)
    with day.engine.connect() as connection:
        kpg = connection.scalar(select(Office.id).where(Office.code == "KPG"))
        channel_kpg = connection.scalar(select(func.coalesce(func.sum(ChannelPayment.total), 0)).where(
            ChannelPayment.business_date == day.on, ChannelPayment.status == "completed",
            ChannelPayment.office_id == kpg))
    counter_kpg = sum(p.total for p in central["payments"].values() if p.office_id == kpg and p.status == "completed")
    assert rows and {r["kantor"] for r in rows} == {"KPG"}
    assert {r["sumber"] for r in rows} == {"counter", "channel"}
    assert said["total"] == counter_kpg + channel_kpg
    assert said["by_source"]["counter"]["total"] == counter_kpg

    code, out, err = run(capsys, "--data-dir", day.data_dir, "central", "report", "day", "--url", day.url,
                         "--date", day.on.isoformat(), "--out", str(tmp_path), "--office", "KPG", "--json")
    assert code == 0, err
    reported = json.loads(out)
    stem = tmp_path / f"laporan-pusat-{day.on.isoformat()}-KPG"
    assert reported["files"] == [str(stem.with_suffix(".pdf")), str(stem.with_suffix(".csv"))]
    assert reported["office"] == "KPG" and reported["total"] == said["total"]
    assert reported["counters"]["total"] == counter_kpg and reported["channels"]["total"] == channel_kpg
    assert (reported["rounding"], reported["credit_used"]) == (said["rounding"], said["credit_used"])
    report = read_csv(stem.with_suffix(".csv"))
    assert {r["code"] for r in report if r["section"] == "kantor"} == {"KPG"}
    assert int(next(r for r in report if (r["section"], r["label"]) == ("jumlah", "diterima"))["amount"]) \
        == said["total"]
    text = " ".join(pdf_text(stem.with_suffix(".pdf")).split())
    assert "Kantor KPG" in text and OTHER not in text
    assert not (tmp_path / f"laporan-pusat-{day.on.isoformat()}.pdf").exists()


# ---- the command line as a script runs it -------------------------------------------------------


def counter_command(*argv: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "counter", *argv], capture_output=True, text=True, cwd=cwd,
                          timeout=120, env={**os.environ, "COUNTER_TEST_CHEAP_HASH": "1"})


def test_end_to_end_as_a_separate_process(tmp_path, day):
    done = counter_command("--data-dir", day.data_dir, "central", "export", "payments", "--url", day.url,
                           "--date", day.on.isoformat(), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / f"pembayaran-{day.on.isoformat()}.csv").is_file()
    done = counter_command("--data-dir", day.data_dir, "central", "report", "day", "--url", day.url,
                           "--date", day.on.isoformat(), "--format", "pdf", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / f"laporan-pusat-{day.on.isoformat()}.pdf").read_bytes().startswith(b"%PDF-")
    assert not (tmp_path / f"laporan-pusat-{day.on.isoformat()}.csv").exists()
    done = counter_command("--data-dir", day.data_dir, "central", "export", "payments", "--url", day.url,
                           "--date", "kemarin", cwd=tmp_path)
    assert done.returncode == 2 and "Tanggal tidak valid" in done.stderr and "Traceback" not in done.stderr


# ---- bad input ---------------------------------------------------------------------------------


def test_a_day_with_nothing_gives_an_empty_valid_file_and_says_so(capsys, tmp_path, app, central, pg_url):
    data = str(app.config.store.data_dir)
    code, out, err = run(capsys, "--data-dir", data, "central", "export", "payments", "--url", pg_url,
                         "--date", "2020-01-06", "--out", str(tmp_path))
    assert code == 0, err
    path = tmp_path / "pembayaran-2020-01-06.csv"
    assert path.read_bytes() == ",".join(EXPORT_HEADER).encode() + b"\r\n"
    assert "Tidak ada pembayaran pada 2020-01-06" in out
    code, out, err = run(capsys, "--data-dir", data, "central", "report", "day", "--url", pg_url,
                         "--date", "2020-01-06", "--out", str(tmp_path))
    assert code == 0, err
    assert "Tidak ada pembayaran" in out
    assert "Tidak ada pembayaran yang tercatat" in pdf_text(tmp_path / "laporan-pusat-2020-01-06.pdf")
    rows = read_csv(tmp_path / "laporan-pusat-2020-01-06.csv")
    assert {(r["label"], r["count"], r["amount"]) for r in rows if r["section"] == "jumlah"} >= {
        ("diterima", "0", "0")}


@pytest.mark.parametrize("argv, says", [
    (["export", "payments"], "--date"),
    (["report", "day"], "--date"),
    (["export", "payments", "--date", "2026-13-01"], "Tanggal tidak valid"),
    (["export", "payments", "--date", "06-12-2026"], "Tanggal tidak valid"),
    (["export", "receipts", "--date", "2025-11-24"], "central export payments"),
    (["export", "--date", "2025-11-24"], "central export payments"),
    (["report", "week", "--date", "2025-11-24"], "central report day"),
    (["report", "day", "extra", "--date", "2025-11-24"], "central report day"),
    (["export", "payments", "--date", "2025-11-24", "--format", "pdf"], "CSV"),
    (["export", "payments", "--date", "2999-01-01"], "belum tiba"),
    (["report", "day", "--date", "2999-01-01"], "belum tiba"),
    (["export", "payments", "--date", "2025-11-24", "--out", "-", "--json"], "--out -"),
    (["export", "payments", "--date", "2025-11-24", "--office", "XYZ"], "Kantor 'XYZ' tidak dikenal di pusat"),
    (["export", "payments", "--date", "2025-11-24", "--office", "XYZ", "--out", "-"], "Kantor 'XYZ' tidak dikenal"),
    (["report", "day", "--date", "2025-11-24", "--office", "XYZ"], "Kantor 'XYZ' tidak dikenal di pusat"),
    (["report", "day", "--date", "2025-11-24", "--office", " "], "--office"),
    (["export", "payments", "--date", "2025-11-24", "--office", ""], "--office"),
    (["report", "day", "--date", "2025-11-24", "--out", "-"], "--out -"),
    (["report", "day", "--date", "2025-11-24", "--zone", "Mars/Olympus"], "Zona waktu tidak dikenal"),
    (["export", "payments", "--date", "2025-11-24", "--zone", "Mars/Olympus"], "Zona waktu tidak dikenal"),
    (["report", "day", "--date", "2025-11-24", "--format", "xlsx"], "--format"),
])
def test_bad_input_is_said_plainly_with_exit_code_2(capsys, tmp_path, app, central, pg_url, argv, says, monkeypatch):
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    what, *rest = argv
    code, out, err = run(capsys, "--data-dir", str(app.config.store.data_dir), "central", what, *rest,
                         "--url", pg_url)
    assert code == 2
    message = json.loads(out)["error"] if "--json" in argv else err
    assert says in message and "Traceback" not in out + err
    assert not list(here.iterdir()) and "sumber," not in out  # nothing written, not even a header


def test_an_unwritable_out_is_said_plainly(capsys, tmp_path, app, central, pg_url):
    data = str(app.config.store.data_dir)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    for what, out in (("export payments", blocker / "x.csv"), ("export payments", tmp_path / "missing" / "x.csv"),
                      ("report day", blocker / "folder"), ("report day", blocker)):
        code, said, err = run(capsys, "--data-dir", data, "central", *what.split(), "--url", pg_url,
                              "--date", "2025-11-24", "--out", str(out), "--json")
        assert code == 2, (what, out)
        message = json.loads(said)["error"]
        assert str(blocker) in message or "missing" in message, message
        assert "Traceback" not in said + err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "counter"]  # no .part left behind


def test_the_demo_s_embedded_central_exports_too(capsys, tmp_path, app):
    """Without --url: the demo's SQLite central in the data folder, the same queries."""
    code, out, err = run(capsys, "--data-dir", str(app.config.store.data_dir), "central", "export", "payments",
                         "--date", "2025-11-24", "--out", str(tmp_path), "--json")
    assert code == 0, err
    assert json.loads(out)["rows"] == 0
    code, out, err = run(capsys, "--data-dir", str(app.config.store.data_dir), "central", "report", "day",
                         "--date", "2025-11-24", "--out", str(tmp_path), "--json")
    assert code == 0, err
    assert json.loads(out)["total"] == 0
