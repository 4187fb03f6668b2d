"""Collective payments and saved groups on the command line, against the
embedded central: a group saved, shown, paid with one tender, the summary
printed (to PDF: no printer) and printed again as a copy; every bad input exits
2 with an Indonesian reason and writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from counter.models import (
    AuditRecord, Bill, CollectivePayment, Customer, DocumentSequence, OutboxEvent, Payment, PaymentGroup, PrintJob,
    ReceiptSequence,
)
from counter.services.demo import DEMO_PIN
from tests.integration.test_cli import run


def snapshot(app) -> tuple:  # noqa: ANN001
    """What a payment or a group writes (a refresh from central before it may copy central's rows: not these)."""
    with app.uow() as uow:
        s = uow.session
        counts = tuple(s.scalar(select(func.count()).select_from(t)) for t in (
            Payment, CollectivePayment, PaymentGroup, OutboxEvent, PrintJob, ReceiptSequence, DocumentSequence))
        acts = s.scalar(select(func.count()).select_from(AuditRecord).where(~AuditRecord.action.like("credential.%")))
        return counts + (acts, s.scalar(select(func.count()).select_from(Bill).where(Bill.status == "paid")),
                         tuple(s.scalars(select(ReceiptSequence.last_no))))


@pytest.fixture(autouse=True)
def desk_pin(monkeypatch):
    monkeypatch.setenv("COUNTER_SECRET", DEMO_PIN)


def owing(app, many: int) -> list[str]:  # noqa: ANN001
    """Active connections with unpaid bills (the machine's today: all overdue)."""
    with app.uow() as uow:
        return list(uow.session.scalars(
            select(Customer.number).where(Customer.status == "active", Customer.id.in_(
                select(Bill.customer_id).where(Bill.status == "unpaid"))).order_by(Customer.number).limit(many)))


def checked(capsys, app, *args: str) -> dict:  # noqa: ANN001
    code, out, err = run(capsys, app, "pay-collective", *args, "--check", "--json")
    assert code == 0, err + out
    return json.loads(out)


def refused(capsys, app, *args: str) -> str:  # noqa: ANN001
    """Run a command that must be refused: exit 2, nothing written; its message."""
    before = snapshot(app)
    code, out, err = run(capsys, app, *args)
    assert code == 2, (args, out, err)
    assert "Traceback" not in out + err and snapshot(app) == before, args
    return err or json.loads(out)["error"]


def test_a_group_paid_with_one_tender_and_its_summary(app, capsys):
    first, second, third = owing(app, 3)
    assert run(capsys, app, "shift", "open", "--float", "0")[0] == 0
    code, out, err = run(capsys, app, "group", "save", "Griya-Asri", "--name", "Perumahan Griya Asri",
                         first, second.replace("-", ""), third, "--json")
    assert code == 0, err + out
    assert json.loads(out)["numbers"] == [first, second, third] and json.loads(out)["code"] == "griya-asri"
    code, out, _ = run(capsys, app, "group", "list")
    assert code == 0 and "griya-asri" in out and "Perumahan Griya Asri" in out
    code, out, _ = run(capsys, app, "group", "show", "griya-asri", "--json")
    assert code == 0 and [m["number"] for m in json.loads(out)["members"]] == [first, second, third]

    quoted = checked(capsys, app, "--group", "griya-asri")
    total = quoted["total"]
    assert [m["number"] for m in quoted["members"]] == [first, second, third]
    code, out, err = run(capsys, app, "pay-collective", "--group", "griya-asri", "--cash", str(total + 20_000),
                         "--expect", str(total), "--json")
    assert code == 0, err
    done = json.loads(out)
    paid = done["paid"]
    assert paid["collective_no"].startswith("0001/KOL/KPG-L01/")
    assert paid["label"] == "Perumahan Griya Asri" and paid["total"] == total and paid["change"] == 20_000
    assert sum(p["tendered"] - p["change"] for p in paid["payments"]) == total
    assert done["summary"]["status"] == "pdf" and Path(done["summary"]["pdf_path"]).is_file()
    assert done["receipts"] == []

    code, out, _ = run(capsys, app, "collective", "show", paid["collective_no"])
    assert code == 0 and "BUKTI PEMBAYARAN KOLEKTIF" in out and paid["payments"][1]["receipt_no"] in out
    code, out, _ = run(capsys, app, "collective", "print", paid["payments"][0]["receipt_no"], "--json")
    again = json.loads(out)
    assert code == 0 and again["copy_number"] == 1 and again["status"] == "pdf"
    code, out, _ = run(capsys, app, "receipt", "show", paid["payments"][2]["receipt_no"])
    assert code == 0 and "Kembali" in out  # each connection's own receipt, as ever
    assert refused(capsys, app, "collective", "show", "0999/KOL/KPG-L01/XI/2025").startswith(
        "Gagal: Pembayaran kolektif '0999/KOL")


def test_numbers_by_transfer_printing_each_receipt(app, capsys):
    numbers = owing(app, 2)
    assert run(capsys, app, "shift", "open", "--float", "0")[0] == 0
    total = checked(capsys, app, *numbers, "--method", "transfer")["total"]
    code, out, err = run(capsys, app, "pay-collective", *numbers, "--method", "transfer", "--reference", "TRF-1",
                         "--print-each")
    assert code == 0, err
    assert "TOTAL" in out and numbers[0] in out and "Bukti kolektif" in out and out.count("KPG-L01-") >= 2
    code, out, _ = run(capsys, app, "receipt", "queue", "--json")
    assert len(json.loads(out)) == 2  # each connection's receipt, printed (to PDF)


def test_every_bad_input_exits_2_with_a_reason_and_writes_nothing(app, capsys):
    first, second, third = owing(app, 3)
    assert run(capsys, app, "shift", "open", "--float", "0")[0] == 0
    total = checked(capsys, app, first, second)["total"]
    with app.engine.begin() as connection:
        connection.execute(update(Customer).where(Customer.number == third).values(status="closed"))
    cases = [
        (["pay-collective", first, "99-99-999999", "--cash", "10000000"], "'99-99-999999' tidak ditemukan"),
        (["pay-collective", first, second, first, "--cash", "10000000"], f"Sambungan {first} disebut dua kali"),
        (["-o", "payment.closed_arrears=false", "pay-collective", first, third, "--cash", "10000000"],
         f"Sambungan {third} sudah ditutup"),
        (["pay-collective", first, second, "--cash", str(total - 100)], "kurang dari total kolektif"),
        (["pay-collective", first, second], "Isi uang yang diterima"),
        (["pay-collective", first, second, "--cash", "sejuta"], "tidak valid"),
        (["pay-collective", first, second, "--cash", str(total), "--expect", str(total + 100)],
         "Total kolektif menjadi"),
        (["pay-collective", "--cash", "100000"], "Sebutkan nomor sambungan"),
        (["pay-collective", first, "--group", "griya", "--cash", "100000"], "tidak keduanya"),
        (["pay-collective", "--group", "tidak-ada", "--cash", "100000"], "Grup 'tidak-ada' tidak ada"),
        (["pay-collective", first, second, "--method", "qris", "--cash", "100000"], "--cash hanya untuk tunai"),
        (["pay-collective", first, second, "--cash", str(total), "--pin", "000000"], "salah"),
        (["group", "save", "griya", first, "99-99-999999"], "Grup griya tidak disimpan: Pelanggan '99-99-999999'"),
        (["group", "save", "griya", first, first], "disebut dua kali"),
        (["group", "save", "griya"], "minimal satu"),
        (["group", "save", "Griya Asri!", first], "Kode grup"),
        (["group", "delete", "griya"], "Grup 'griya' tidak ada"),
        (["group", "show", "griya"], "Grup 'griya' tidak ada"),
    ]
    for args, message in cases:
        said = refused(capsys, app, *args)
        assert message in said, (args, said)
    # --json says the refusal as JSON, with the same words
    for engine in (app.engine, app.embedded_engine):  # the first connection's bill was corrected meanwhile
        with engine.begin() as connection:
            connection.execute(update(Bill).where(Bill.id == select(Bill.id).join(Customer).where(
                Customer.number == first, Bill.status == "unpaid").order_by(Bill.period).limit(1).scalar_subquery())
                .values(water_charge=Bill.water_charge + 1_000))
    said = refused(capsys, app, "pay-collective", first, second, "--cash", str(total + 5_000), "--expect", str(total),
                   "--json")
    assert said.startswith("Total kolektif menjadi") and "tidak ada yang dibayar" in said
