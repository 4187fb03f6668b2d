"""A store set up by hand (no demo, no server): office, counter, user, rules."""

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from counter.cli import main
from counter.errors import InvalidInput, NotFound
from counter.models import AuditRecord
from counter.rules.fines import FineScheme
from counter.services import setup
from counter.services.approval import Approval
from counter.services.billing import quote
from counter.services.demo import DEMO_PASSWORD
from tests.conftest import AS_OF, make_app

ADMIN = Approval("admin", DEMO_PASSWORD)


def cli(app, capsys, *args):
    code = main(["--data-dir", str(app.config.store.data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_new_store_has_the_default_rules(tmp_path):
    rules = setup.rules_in_force(make_app(tmp_path).uow(), AS_OF)
    assert rules.fine == FineScheme("flat", amount=10_000)
    assert (rules.stamp_duty.threshold, rules.stamp_duty.amount) == (5_000_000, 10_000)


def test_setting_up_a_desk_by_command_line(tmp_path, capsys):
    (tmp_path / "config.toml").write_text('[desk]\noffice = "SOE"\ncounter = "L07"\nuser = "yanti"\n')
    app = make_app(tmp_path)
    assert cli(app, capsys, "setup", "office", "soe", "--name", "Unit Soe", "--utility", "Perumda Air Minum TTS")[0] == 0
    assert cli(app, capsys, "setup", "counter", "L07")[0] == 0
    assert cli(app, capsys, "setup", "user", "yanti", "--name", "Yanti Tefa")[0] == 0
    assert cli(app, capsys, "setup", "user", "yanti", "--name", "Yanti Tefa Nope", "--role", "supervisor")[0] == 0
    desk = app.desk()
    assert (desk.office_code, desk.counter_code, desk.username) == ("SOE", "L07", "yanti")
    with app.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(AuditRecord)) == 4


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda u: setup.register_office(u, "", "Unit"), InvalidInput, "Kode kantor"),
        (lambda u: setup.register_office(u, "K P G", "Unit"), InvalidInput, "Kode kantor"),
        (lambda u: setup.register_office(u, "KPG", "\x1b[31m"), InvalidInput, "Nama kantor"),
        (lambda u: setup.register_counter(u, "XXX", "L01", approval=ADMIN), NotFound, "belum terdaftar"),
        (lambda u: setup.register_user(u, "ka sir", "Siti", "cashier", "KPG"), InvalidInput, "Nama pengguna"),
        (lambda u: setup.register_user(u, "kasir9", "Siti", "boss", "KPG"), InvalidInput, "Peran"),
    ],
)
def test_bad_setup_is_refused(app, call, error, message):
    with pytest.raises(error, match=message):
        call(app.uow())


def test_changing_the_fine_scheme_from_a_date(app, capsys):
    number = None
    with app.uow() as uow:
        from counter.models import Bill, Customer

        number = uow.session.scalars(select(Customer.number).join(Bill, Bill.customer_id == Customer.id)
                                     .where(Bill.status == "unpaid", Bill.due_date < AS_OF,
                                            Customer.fine_exempt.is_(False)).limit(1)).first()
    code, _, _ = cli(app, capsys, "rules", "fine", "--kind", "percent", "--percent", "2,5", "--minimum", "3000",
                     "--maximum", "50.000", "--from", "2025-11-24", "--approver", "admin",
                     "--approver-pin", DEMO_PASSWORD)
    assert code == 0
    with app.uow() as uow:
        before = quote(uow.session, number, dt.date(2025, 11, 23))
        after = quote(uow.session, number, AS_OF)
    overdue = [(b, a) for b, a in zip(before.bills, after.bills) if a.due_date < dt.date(2025, 11, 23)]
    if before.customer.tariff_code != "S1":
        assert all(b.fine == 10_000 for b, _ in overdue)
        assert all(a.fine == max(3_000, (a.principal * 250 + 5_000) // 10_000) for _, a in overdue)
    code, out, _ = cli(app, capsys, "rules", "show", "--json")
    shown = json.loads(out)
    assert code == 0 and shown["fine"]["kind"] == "percent" and shown["fine"]["percent_bp"] == 250


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["rules", "fine", "--kind", "flat", "--amount", "5000"], "--from"),
        (["rules", "fine", "--from", "2025-12-01"], "--kind"),
        (["rules", "fine", "--kind", "percent", "--percent", "abc", "--from", "2025-12-01"], "Persen"),
        (["rules", "fine", "--kind", "staged", "--stages", "x", "--from", "2025-12-01"], "Tahapan"),
        (["rules", "fine", "--kind", "percent", "--percent", "10", "--minimum", "9000", "--maximum", "10",
          "--from", "2025-12-01"], "maximum"),
        (["rules", "stamp-duty", "--amount", "10000", "--from", "2025-12-01"], "--threshold"),
        (["rules", "fine", "--kind", "weekly", "--from", "2025-12-01"], "invalid choice"),
        (["pay", "01", "--oldest", "0"], "--oldest"),
        (["pay", "01", "--oldest", "1", "--bills", "2025-10"], "tidak keduanya"),
        (["find", "oesapa", "--limit", "-1"], "Jumlah hasil"),
        (["nonsense"], "Perintah tidak lengkap"),
    ],
)
def test_bad_commands_exit_2_and_change_nothing(app, capsys, args, message):
    with app.uow() as uow:
        audits = uow.session.scalar(select(func.count()).select_from(AuditRecord))
    code, _, err = cli(app, capsys, *args)
    assert code == 2 and message in err
    with app.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(AuditRecord)) == audits


def test_usage_errors_come_as_json_when_asked(app, capsys):
    code, out, _ = cli(app, capsys, "pay", "01", "--method", "cheque", "--json")
    assert code == 2 and "invalid choice" in json.loads(out)["error"]
