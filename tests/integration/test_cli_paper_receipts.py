"""Outages and paper receipts on the command line, against the embedded central:
the outage opened and listed, a book checked and entered from its CSV file;
bad input exits 2 with the reason and records nothing."""

import datetime as dt
import json

import pytest
from sqlalchemy import select

from counter.models import Outage, Payment
from counter.services.demo import DEMO_PASSWORD, DEMO_PIN
from tests.integration.paper_helpers import owed, owing_customers, written
from tests.integration.test_cli import run

HEADER = "number,months,paper_no,amount,cashier,written_on\n"


@pytest.fixture(autouse=True)
def desk_pin(monkeypatch):
    monkeypatch.setenv("COUNTER_SECRET", DEMO_PIN)


def book(tmp_path, rows: list[tuple], name: str = "buku.csv"):  # noqa: ANN201
    path = tmp_path / name
    path.write_text(HEADER + "".join(",".join(str(c) for c in row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_outage_then_a_book_of_paper_receipts_by_command_line(app, capsys, tmp_path):
    today = app.desk().today()  # the machine's clock: the demo's bills are all overdue by then
    start, end = today - dt.timedelta(days=6), today - dt.timedelta(days=1)
    code, _, err = run(capsys, app, "outage", "open", "--from", start.isoformat(), "--to", end.isoformat(),
                       "--reason", "Server SOPP mati", "--approver", "kepala", "--approver-pin", "salah")
    assert code == 2 and "salah" in err
    code, out, _ = run(capsys, app, "outage", "open", "--from", start.isoformat(), "--to", end.isoformat(),
                       "--reason", "Server SOPP mati", "--approver", "kepala", "--approver-pin", DEMO_PASSWORD,
                       "--json")
    assert code == 0 and json.loads(out)["approved_by"] == "kepala"
    with app.embedded_engine.connect() as c:  # sent at once
        assert c.scalar(select(Outage.reason)) == "Server SOPP mati"
    code, out, _ = run(capsys, app, "outage", "list", "--json")
    listed = json.loads(out)
    assert code == 0 and [(o["date_from"], o["days"], o["reason"]) for o in listed] == [
        (start.isoformat(), 6, "Server SOPP mati")]
    assert run(capsys, app, "outage", "list")[0] == 0
    code, _, err = run(capsys, app, "outage", "open", "--from", end.isoformat(), "--to", end.isoformat(),
                       "--reason", "lagi-lagi mati", "--approver", "kepala", "--approver-pin", DEMO_PASSWORD)
    assert code == 2 and "sudah dicatat" in err

    first, second = owing_customers(app, count=2)
    day = end - dt.timedelta(days=1)
    (m1, a1, _), (m2, a2, _) = owed(app, first, day, 2), owed(app, second, end)
    months = " ".join(f"{m // 100}-{m % 100:02d}" for m in m1)
    rows = [(first, months, "KM-0101", f"{a1:,}".replace(",", "."), "kasir2", f"{day:%d-%m-%Y}"),
            (second, f"{m2[0]}", "KM-0102", a2, "kasir3", end.isoformat())]
    good = book(tmp_path, rows)
    total = str(a1 + a2)
    assert run(capsys, app, "shift", "open", "--float", "0")[0] == 0
    before = written(app)

    code, out, _ = run(capsys, app, "paper-receipts", str(good), "--book-total", total, "--check", "--json")
    assert code == 0 and json.loads(out)["checked"] == 2 and written(app) == before
    code, _, err = run(capsys, app, "paper-receipts", str(good), "--book-total", str(a1 + a2 - 1),
                       "--approver", "kepala", "--approver-pin", DEMO_PASSWORD)
    assert code == 2 and "jumlah buku" in err and "selisih Rp 1" in err and written(app) == before
    future = book(tmp_path, rows[:1] + [(*rows[1][:5], (today + dt.timedelta(days=1)).isoformat())], "besok.csv")
    code, out, _ = run(capsys, app, "paper-receipts", str(future), "--book-total", total, "--approver", "kepala",
                       "--approver-pin", DEMO_PASSWORD, "--json")
    assert code == 2 and "di masa depan" in json.loads(out)["error"] and written(app) == before
    broken = tmp_path / "rusak.csv"
    broken.write_text("number,months,amount\n1,2,3\n", encoding="utf-8")
    code, _, err = run(capsys, app, "paper-receipts", str(broken), "--book-total", "3")
    assert code == 2 and "kolom wajib tidak ada: paper_no, cashier, written_on" in err
    code, _, err = run(capsys, app, "paper-receipts", str(good), "--approver", "kepala")
    assert code == 2 and "--book-total" in err

    code, out, _ = run(capsys, app, "paper-receipts", str(good), "--book-total", f"{a1 + a2:,}".replace(",", "."),
                       "--approver", "kepala", "--approver-pin", DEMO_PASSWORD, "--json")
    assert code == 0, out
    entered = json.loads(out)["entered"]
    assert entered["total"] == a1 + a2 and [e["paper_no"] for e in entered["entries"]] == ["KM-0101", "KM-0102"]
    with app.uow() as uow:
        kept = dict(uow.session.execute(select(Payment.receipt_no, Payment.paper_no)
                                        .where(Payment.paper_no != "")).all())
    assert sorted(kept.values()) == ["KM-0101", "KM-0102"]
    with app.embedded_engine.connect() as c:  # central keeps the paper numbers
        assert dict(c.execute(select(Payment.receipt_no, Payment.paper_no).where(Payment.paper_no != "")).all()) == kept
    code, _, err = run(capsys, app, "paper-receipts", str(good), "--book-total", total, "--approver", "kepala",
                       "--approver-pin", DEMO_PASSWORD)
    assert code == 2 and "KM-0101 sudah dipakai" in err
    code, out, _ = run(capsys, app, "shift", "status", "--json")
    assert json.loads(out)["paper_cash"] == a1 + a2
