"""Fine schemes per tariff group, for real: set on the command line (here or at
central), chosen by the customer's group wherever a fine is priced (the
counter's quote, central's applier, a channel's inquiry), replicated to the
counters, and a cap on the fine of a bill."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter.central import channels
from counter.models import AuditRecord, Bill, Conflict, Customer, FineSchemeRow, TariffGroup
from counter.rules.fines import FineScheme
from counter.rules.text import key
from counter.services import setup
from counter.services.approval import Approval
from counter.services.billing import fine_schemes, quote, quote_customer
from counter.services.demo import DEMO_PASSWORD
from tests.conftest import AS_OF
from tests.integration.test_setup import cli

ADMIN = ("--approver", "admin", "--approver-pin", DEMO_PASSWORD)
R2_RULE = ("rules", "fine", "--group", "R2", "--kind", "staged", "--table", "0:4000,1:9000,2:15000",
           "--cap", "12000", "--from", "2025-01-01", *ADMIN)


def overdue_customer(engine, group: str, months: int = 2) -> str:  # noqa: ANN001
    """A customer of `group`, not exempt, with at least `months` bills overdue on AS_OF."""
    with Session(engine) as session:
        return session.scalars(
            select(Customer.number).join(TariffGroup).join(Bill, Bill.customer_id == Customer.id)
            .where(TariffGroup.code == group, Customer.fine_exempt.is_(False), Customer.status != "closed",
                   Bill.status == "unpaid", Bill.due_date < AS_OF)
            .group_by(Customer.id).having(func.count() >= months).order_by(Customer.id)).first()


def written(app) -> tuple[int, int]:  # noqa: ANN001
    with app.uow() as uow:
        return (uow.session.scalar(select(func.count()).select_from(FineSchemeRow)),
                uow.session.scalar(select(func.count()).select_from(AuditRecord)
                                   .where(AuditRecord.action == "rule.fine")))


# ---- at the counter -----------------------------------------------------------------------------


def test_a_group_s_own_scheme_prices_its_customers_and_no_one_else(app, capsys):
    r2, r1 = overdue_customer(app.engine, "R2", 3), overdue_customer(app.engine, "R1", 3)
    code, out, err = cli(app, capsys, *R2_RULE)
    assert code == 0, err
    with app.uow() as uow:
        mine, other = quote(uow.session, r2, AS_OF), quote(uow.session, r1, AS_OF)
        row = uow.session.scalars(select(FineSchemeRow).order_by(FineSchemeRow.id.desc())).first()
        r2_id = uow.session.scalar(select(TariffGroup.id).where(TariffGroup.code == "R2"))
        assert (row.tariff_group_id, row.kind, row.stages, row.maximum) == (
            r2_id, "staged", [[0, 4000], [1, 5000], [2, 6000]], 12_000)
        record = uow.session.scalars(select(AuditRecord).order_by(AuditRecord.id.desc())).first()
        assert (record.action, record.details["group"]) == ("rule.fine", "R2")
    late = [b for b in mine.bills if b.due_date < AS_OF]
    # the table: 4.000 in the first month late, 9.000 from the second, 15.000 from the third, capped at 12.000
    assert {b.fine for b in late} <= {4_000, 9_000, 12_000} and late[0].fine == 12_000
    assert {b.fine for b in other.bills if b.due_date < AS_OF} == {10_000}  # R1: the general scheme

    code, out, _ = cli(app, capsys, "rules", "show")
    assert code == 0 and "R2" in out and "maks. Rp 12.000" in out and "Rp 10.000 per rekening" in out
    code, out, _ = cli(app, capsys, "rules", "show", "--json")
    shown = json.loads(out)
    assert shown["fine"]["kind"] == "flat" and shown["group_fines"]["R2"]["maximum"] == 12_000
    assert shown["group_fines"]["N2"]["kind"] == "staged"  # the demo's own


def test_a_newer_general_scheme_leaves_a_group_s_own_in_force(app):
    r2 = overdue_customer(app.engine, "R2")
    setup.set_fine_scheme(app.uow(), FineScheme("flat", 7_000, maximum=6_000), dt.date(2025, 1, 1),
                          Approval("admin", DEMO_PASSWORD), group="r2")
    setup.set_fine_scheme(app.uow(), FineScheme("flat", 3_000), dt.date(2025, 6, 1),
                          Approval("admin", DEMO_PASSWORD))
    with app.uow() as uow:
        assert {b.fine for b in quote(uow.session, r2, AS_OF).bills if b.due_date < AS_OF} == {6_000}
        schemes = fine_schemes(uow.session, AS_OF)
    assert schemes.general == FineScheme("flat", 3_000)
    assert setup.rules_in_force(app.uow(), AS_OF).group_fines["R2"] == FineScheme("flat", 7_000, maximum=6_000)


@pytest.mark.parametrize(("args", "message"), [
    (("--kind", "staged", "--table", "0:12500,1:5000"), "tidak boleh turun"),
    (("--kind", "staged", "--table", "0:5000,1:7500,1:9000"), "dua kali"),
    (("--kind", "staged", "--table", ""), "kosong"),
    (("--kind", "staged", "--table", "0:5000", "--stages", "0:5000"), "--table atau --stages"),
    (("--kind", "flat", "--amount", "5000", "--table", "0:5000"), "--table"),
    (("--kind", "flat", "--amount", "5000", "--group", "X9"), "Golongan tarif 'X9' tidak dikenal"),
    (("--kind", "flat", "--amount", "5000", "--cap", "lima"), "Jumlah uang tidak valid"),
])
def test_a_bad_scheme_exits_2_and_writes_nothing(app, capsys, args, message):
    before = written(app)
    code, out, err = cli(app, capsys, "rules", "fine", *args, "--from", "2025-12-01", *ADMIN)
    assert code == 2 and message in err and "Traceback" not in err
    assert written(app) == before


def test_a_group_scheme_needs_an_admin_like_any_other(app, capsys):
    before = written(app)
    code, _, err = cli(app, capsys, "rules", "fine", "--group", "R2", "--kind", "flat", "--amount", "5000",
                       "--from", "2025-12-01", "--approver", "kepala", "--approver-pin", DEMO_PASSWORD)
    assert code == 2 and "admin" in err
    assert written(app) == before


# ---- at central, and between central and a counter ---------------------------------------------


def test_a_group_scheme_set_at_central_reaches_the_counter_and_both_price_alike(
        app, capsys, central, link, pg_url, monkeypatch):
    from tests.integration.sync_helpers import desk_at, drain, pay_oldest

    monkeypatch.setenv("COUNTER_CENTRAL_DATABASE", pg_url)
    code, _, err = cli(app, capsys, *R2_RULE[:2], "--central", *R2_RULE[2:])
    assert code == 0, err
    with app.uow() as uow:  # not yet here: it comes with the pull
        assert not uow.session.scalar(select(func.count()).select_from(FineSchemeRow)
                                      .where(FineSchemeRow.maximum == 12_000))
    link.cycle()
    with app.uow() as uow:
        r2_id = uow.session.scalar(select(TariffGroup.id).where(TariffGroup.code == "R2"))
        assert fine_schemes(uow.session, AS_OF).by_group[r2_id].maximum == 12_000

    # one batch at central: a customer of R2 (its own scheme), of N2 (the demo's) and of R1 (the general)
    numbers = [overdue_customer(app.engine, group, months) for group, months in (("R2", 4), ("N2", 2), ("R1", 2))]
    paid = [pay_oldest(app, desk_at(app), number, bills=2) for number in numbers]
    fines = [[b.fine for b in p.quote.bills] for p in paid]
    assert fines[0] == [12_000, 12_000] and fines[2] == [10_000, 10_000] and fines[1][0] > 10_000
    link.cycle()
    assert drain(central) == {"applied": 3}
    with Session(central) as session:
        assert not session.scalar(select(func.count()).select_from(Conflict))

        # a channel's inquiry prices the same as the counter
        other = overdue_customer(central, "R2", 3)
        owed = channels.customer_owed(session, SimpleNamespace(offices=()), key(other), AS_OF)
        counter_quote = quote_customer(session, session.scalars(
            select(Customer).where(Customer.number == other)).one(), AS_OF)
    assert [b["fine"] for b in owed.bills] == [b.fine for b in counter_quote.bills]
    assert max(b["fine"] for b in owed.bills) == 12_000
