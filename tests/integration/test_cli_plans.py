import pytest
"""Plans, programmes and work orders from the command line (real today's date)."""

import json
from pathlib import Path

from counter.services.demo import DEMO_PASSWORD, DEMO_PIN
from tests.integration.test_cli import run
from tests.integration.test_plans import owing

APPROVE = ["--approver", "kepala", "--approver-pin", DEMO_PASSWORD]


@pytest.fixture(autouse=True)
def desk_pin(monkeypatch):
    """The desk user's PIN as a script gives it (acts with money ask for it otherwise)."""
    monkeypatch.setenv("COUNTER_SECRET", DEMO_PIN)


def test_a_supervisor_adds_a_programme_and_a_cashier_applies_it(app, capsys):
    code, out, _ = run(capsys, app, "programme", "save", "segel-selalu", "--name", "Buka segel sepanjang masa",
                       "--from", "2000-01-01", "--to", "2099-12-31", "--sealed-only", "yes", "--fine-waiver-pct",
                       "100", "--min-down-payment-pct", "50", "--max-terms", "3", "--unseal-on-down-payment", "yes",
                       "--json", *APPROVE)
    assert code == 0 and json.loads(out) == {"code": "SEGEL-SELALU", "version": 1}
    number = owing(app, 3, status="sealed")
    code, out, _ = run(capsys, app, "plan", "eligible", number, "--json")
    offers = {o["code"]: o for o in json.loads(out)}
    assert offers["SEGEL-SELALU"]["reasons"] == [] and offers["BUKA-SEGEL-2025"]["reasons"]

    code, out, _ = run(capsys, app, "plan", "preview", number, "--programme", "segel-selalu", "--instalments", "3",
                       "--json")
    preview = json.loads(out)["figures"]
    assert code == 0 and preview["waived"] == preview["fines"] > 0

    code, out, _ = run(capsys, app, "plan", "make", number, "--programme", "segel-selalu", "--instalments", "3",
                       "--json", "--approver", "kepala", "--approver-pin", "0000")
    assert code == 2 and "PIN salah" in json.loads(out)["error"]
    code, out, _ = run(capsys, app, "plan", "make", number, "--programme", "segel-selalu", "--instalments", "3",
                       "--json", *APPROVE)
    made = json.loads(out)
    assert code == 0 and Path(made["agreement"]).read_bytes().startswith(b"%PDF")

    down = made["offer"]["figures"]["schedule"][0]["amount"]
    assert run(capsys, app, "shift", "open", "--float", "0")[0] == 0  # the down payment goes into the drawer
    code, out, _ = run(capsys, app, "pay", number, "--terms", "0", "--tendered", str(down + 100), "--no-print",
                       "--json")
    paid = json.loads(out)
    assert abs(paid["rounding"]) < 100  # cash, rounded to Rp 100 ([payment] cash_rounding)
    assert code == 0 and paid["total"] == down + paid["rounding"] and paid["work_order_no"].endswith("/SPK-BS/KPG-L01/" +
                                                                                   made["plan_no"].split("/", 3)[3])
    code, out, _ = run(capsys, app, "workorder", "list", "--json")
    assert [o["order_no"] for o in json.loads(out)] == [paid["work_order_no"]]
    code, out, _ = run(capsys, app, "workorder", "pdf", paid["work_order_no"], "--json")
    assert Path(json.loads(out)["pdf"]).read_bytes().startswith(b"%PDF")

    code, out, _ = run(capsys, app, "plan", "status", made["plan_no"], "--json")
    view = json.loads(out)
    assert view["status"] == "active" and view["paid"] == down and view["terms"][0]["receipt_no"] == paid["receipt_no"]

    code, out, _ = run(capsys, app, "programme", "end", "segel-selalu", "--json", *APPROVE)
    assert code == 0 and json.loads(out)["version"] == 2
    code, out, _ = run(capsys, app, "plan", "eligible", number, "--json")
    assert any("berakhir" in r for o in json.loads(out) if o["code"] == "SEGEL-SELALU" for r in o["reasons"])


def test_plan_commands_refuse_bad_input_plainly(app, capsys):
    number = owing(app, 3)
    code, out, _ = run(capsys, app, "plan", "make", number, "--instalments", "9", "--json", *APPROVE)
    assert code == 2 and "Paling banyak 4" in json.loads(out)["error"]
    code, out, _ = run(capsys, app, "plan", "preview", number, "--json")
    assert code == 2 and "--instalments" in json.loads(out)["error"]
    code, out, _ = run(capsys, app, "pay", number, "--terms", "x", "--json")
    assert code == 2 and "Nomor angsuran tidak valid" in json.loads(out)["error"]
    code, out, _ = run(capsys, app, "programme", "save", "baru", "--name", "Tanpa tanggal", "--json", *APPROVE)
    assert code == 2 and "--from" in json.loads(out)["error"]
    code, out, _ = run(capsys, app, "rules", "instalment", "--from", "2026-01-01", "--grace-days", "-1", "--json")
    assert code == 2 and "Tenggang" in json.loads(out)["error"]
