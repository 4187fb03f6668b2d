import json

import pytest
from sqlalchemy import func, select

from counter.cli import main
from counter.models import Bill, Customer, Payment
from counter.services.demo import DEMO_PIN
from tests.conftest import AS_OF


@pytest.fixture(autouse=True)
def desk_pin(monkeypatch):
    """The desk user's PIN as a script gives it (acts with money ask for it otherwise)."""
    monkeypatch.setenv("COUNTER_SECRET", DEMO_PIN)


def run(capsys, app, *args):
    code = main(["--data-dir", str(app.config.store.data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def owing(app) -> str:
    with app.uow() as uow:
        return uow.session.scalars(
            select(Customer.number).join(Bill, Bill.customer_id == Customer.id)
            .where(Bill.status == "unpaid", Customer.status == "active")
            .group_by(Customer.id).having(func.count() >= 2).limit(1)
        ).one()


def test_find_prints_a_table_or_json(app, capsys):
    code, out, _ = run(capsys, app, "find", "oesapa")
    assert code == 0 and "No. samb." in out and "Oesapa" in out
    code, out, _ = run(capsys, app, "find", "oesapa", "--json", "--limit", "3")
    found = json.loads(out)
    assert code == 0 and len(found) == 3 and all(f["village"].startswith("Oesapa") for f in found) and found[0]["status_label"]


def test_quote_and_pay_by_command_line(app, capsys):
    number = owing(app)
    code, out, _ = run(capsys, app, "quote", number, "--on", AS_OF.isoformat(), "--json")
    owed = json.loads(out)
    assert code == 0 and owed["customer"]["number"] == number and owed["total"] > 0
    oldest = owed["bills"][0]
    month = f"{oldest['period'] // 100}-{oldest['period'] % 100:02d}"
    assert run(capsys, app, "-o", "desk.counter=L02", "shift", "open", "--float", "0")[0] == 0
    code, out, _ = run(capsys, app, "-o", "desk.counter=L02", "pay", number, "--bills", month,
                       "--tendered", "5.000.000", "--json")
    paid = json.loads(out)
    assert code == 0 and paid["receipt_no"].startswith("KPG-L02-")
    assert paid["change"] == 5_000_000 - paid["quote"]["total"]
    with app.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Payment)) == 1
    # no printer configured: the receipt was printed to PDF after the payment committed
    assert (app.config.store.data_dir / "receipts" / f"{paid['receipt_no']}.pdf").read_bytes().startswith(b"%PDF")


def test_bad_input_exits_2_with_the_cashiers_message(app, capsys):
    number = owing(app)
    before = None
    with app.uow() as uow:
        before = uow.session.scalar(select(func.count()).select_from(Payment))
    assert run(capsys, app, "shift", "open", "--float", "0")[0] == 0
    cases = [
        (["find", "ab"], "minimal 3"),
        (["quote", "99-99-999999"], "tidak ditemukan"),
        (["pay", number, "--tendered", "seribu"], "Jumlah uang tidak valid"),
        (["pay", number, "--tendered", "1"], "kurang dari tagihan"),
        (["pay", number, "--bills", "2025-13"], "Bulan rekening tidak valid"),
        (["-o", "desk.user=nobody", "pay", number, "--method", "qris"], "Pengguna 'nobody'"),
    ]
    for args, message in cases:
        code, _, err = run(capsys, app, *args)
        assert code == 2 and message in err, (args, err)
    code, out, _ = run(capsys, app, "pay", number, "--tendered", "1", "--json")
    assert code == 2 and "kurang dari tagihan" in json.loads(out)["error"]
    with app.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Payment)) == before
