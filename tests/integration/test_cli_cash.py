"""The cash on the command line, against the embedded central: a shift opened
and closed with the count, its Z-report, the day's status, sign-off, deposit
and the daily reports as PDF and CSV; bad input exits 2 and changes nothing."""

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from counter.models import DayClosing, Shift
from counter.services.demo import DEMO_PASSWORD, DEMO_PIN
from tests.integration.test_cli import owing, run


@pytest.fixture(autouse=True)
def desk_pin(monkeypatch):
    """The desk user's PIN as a script gives it (acts with money ask for it otherwise)."""
    monkeypatch.setenv("COUNTER_SECRET", DEMO_PIN)


def shift_status(app) -> str:
    with app.uow() as uow:
        return uow.session.scalar(select(Shift.status).order_by(Shift.opened_at.desc()).limit(1))


def test_shift_day_deposit_and_reports_by_command_line(app, capsys, tmp_path):
    assert run(capsys, app, "shift", "open", "--float", "100.000")[0] == 0
    number = owing(app)
    code, out, _ = run(capsys, app, "pay", number, "--method", "qris", "--no-print", "--json")
    assert code == 0, out
    code, out, _ = run(capsys, app, "shift", "status", "--json")
    shift = json.loads(out)
    assert code == 0 and shift["payments"] == 1 and shift["expected_cash"] == 100_000

    code, _, err = run(capsys, app, "shift", "close", "--count", "100000=abc")
    assert code == 2 and "bilangan bulat" in err and shift_status(app) == "open"
    code, _, err = run(capsys, app, "shift", "close", "--count", "50000=1")
    assert code == 2 and "alasan" in err and shift_status(app) == "open"
    code, out, _ = run(capsys, app, "shift", "close", "--count", "100000=1", "--json")
    assert code == 0 and json.loads(out)["variance"] == 0 and shift_status(app) == "closed"
    assert run(capsys, app, "shift", "close", "--count", "100000=1")[0] == 2  # twice: refused
    code, out, _ = run(capsys, app, "shift", "z", "--id", shift["shift_id"], "--text")
    assert code == 0 and "LAPORAN Z" in out and "PAS" in out

    today = json.loads(run(capsys, app, "day", "status", "--json")[1])
    code, _, err = run(capsys, app, "day", "close", "--approver", "kepala", "--approver-pin", "0000")
    assert code == 2 and "salah" in err
    code, out, _ = run(capsys, app, "day", "close", "--approver", "kepala", "--approver-pin", DEMO_PASSWORD, "--json")
    closed = json.loads(out)
    assert code == 0 and closed["closing"]["closed_by"] == "kepala" and closed["count"] == today["count"] == 1
    with app.embedded_engine.connect() as c:  # sent at once
        assert c.scalar(select(func.count()).select_from(DayClosing)) == 1
    code, _, err = run(capsys, app, "pay", owing(app), "--no-print")
    assert code == 2 and "sudah ditutup" in err

    code, out, _ = run(capsys, app, "deposit", "--amount", str(closed["cash_total"] or 1), "--bank", "Bank NTT",
                       "--reference", "SLIP-9", "--approver", "kepala", "--approver-pin", DEMO_PASSWORD, "--json")
    assert code == 0 and json.loads(out)["bank"] == "Bank NTT"

    code, out, _ = run(capsys, app, "report", "daily", "--format", "csv", "--out", str(tmp_path), "--json")
    files = json.loads(out)["files"]
    assert code == 0 and len(files) == 2
    rows = list(csv.DictReader(io.StringIO(Path(files[0]).read_text(encoding="utf-8"))))
    assert [r["no_sambungan"] for r in rows] == [number] and int(rows[0]["total"]) == closed["total"]
    code, out, _ = run(capsys, app, "report", "daily", "--format", "pdf", "--out", str(tmp_path), "--json")
    pdfs = json.loads(out)["files"]
    assert code == 0 and all(Path(p).read_bytes()[:5] == b"%PDF-" for p in pdfs)
    assert run(capsys, app, "report", "daily", "--date", "2025-13-01")[0] == 2


def test_a_shift_closed_by_command_line_stays_closed_when_its_z_report_cannot_print(app, capsys):
    assert run(capsys, app, "shift", "open", "--float", "0")[0] == 0
    code, out, _ = run(capsys, app, "-o", "printer.kind=network", "-o", "printer.host=127.0.0.1",
                       "-o", "printer.port=1", "shift", "close", "--count", "c100=0")
    assert code == 0 and "laporan Z gagal" in out and shift_status(app) == "closed"
