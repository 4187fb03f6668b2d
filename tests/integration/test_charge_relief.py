"""A relief programme's discount on other charges: saved as a programme's term
(`--charge-discount BUKA-SEGEL:50`), applied to a charge paid while the
customer's plan under that programme runs (Buka Segel: the unseal fee halved),
and priced alike by central."""

from __future__ import annotations

import dataclasses
import json

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.central.applier import apply_pending
from counter.cli import main
from counter.errors import InvalidInput
from counter.models import Conflict, OutboxEvent, PaymentLine, ReliefProgramme, WorkOrder
from counter.printing.escpos_receipt import receipt_text
from counter.services import programmes
from counter.services.demo import DEMO_PASSWORD
from counter.services.payment import pay
from counter.services.plans import make_plan
from counter.services.receipts import build_receipt
from tests.integration.shift_helpers import clock_agrees
from tests.integration.test_charge_payments import SUPERVISOR, customer, sealed

PROGRAMME = "BUKA-SEGEL-2025"


def halve_the_unseal_fee(app, desk) -> None:
    with app.uow() as uow:
        spec = programmes.spec_of(programmes.current_programme(uow.session, PROGRAMME))
    programmes.save_programme(app.uow(), desk, dataclasses.replace(spec, charge_discounts=(("BUKA-SEGEL", 50),)),
                              SUPERVISOR)


def test_a_programme_saves_its_discounts_and_refuses_bad_ones(app, desk, capsys, monkeypatch):
    monkeypatch.setenv("COUNTER_SECRET", DEMO_PASSWORD)
    folder = str(app.config.store.data_dir)

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["--data-dir", folder, "programme", *argv])
        out, err = capsys.readouterr()
        return code, out, err

    code, out, err = run("save", PROGRAMME, "--charge-discount", "buka-segel:50", "--charge-discount",
                         "DENDA-SEGEL:100", "--approver", "kepala", "--json")
    assert code == 0, err
    with app.uow() as uow:
        row = programmes.current_programme(uow.session, PROGRAMME)
        assert row.charge_discounts == {"BUKA-SEGEL": 50, "DENDA-SEGEL": 100}
        event = uow.session.scalars(select(OutboxEvent).where(OutboxEvent.kind == "programme.saved")).all()[-1]
        assert event.payload["charge_discounts"] == {"BUKA-SEGEL": 50, "DENDA-SEGEL": 100}
    code, out, _ = run("list", "--json")
    assert {p["code"]: p["charge_discounts"] for p in json.loads(out)}[PROGRAMME] == {"BUKA-SEGEL": 50,
                                                                                     "DENDA-SEGEL": 100}
    with app.uow() as uow:
        versions = len(uow.session.scalars(select(ReliefProgramme).where(ReliefProgramme.code == PROGRAMME)).all())
    for bad, message in (("BUKA-SEGEL:150", "0-100"), ("BUKA-SEGEL", "KODE:PERSEN"), ("X Y:5", "tidak sah"),
                         ("BUKA-SEGEL:-5", "KODE:PERSEN")):
        code, _, err = run("save", PROGRAMME, f"--charge-discount={bad}", "--approver", "kepala")
        assert code == 2 and message in err and "Traceback" not in err, err
    with app.uow() as uow:
        assert len(uow.session.scalars(select(ReliefProgramme).where(ReliefProgramme.code == PROGRAMME)).all()) \
            == versions
    with pytest.raises(InvalidInput, match="0-100"):
        programmes.ProgrammeSpec(code="X", name="X", valid_from=desk.today(), valid_to=desk.today(),
                                 charge_discounts=(("BUKA-SEGEL", 101),)).checked()


def test_the_unseal_fee_is_halved_while_a_buka_segel_plan_runs(app, desk, till):
    halve_the_unseal_fee(app, desk)
    number, _ = sealed(app)
    made = make_plan(app.uow(), desk, number, 0, programme=PROGRAMME, approval=SUPERVISOR)
    down = made.offer.figures.down_payment
    paid = pay(app.uow(), desk, number, [], "cash", tendered=down + 10**6, terms=[0], unseal=True)
    fee = paid.quote.charges[0]
    assert (fee.code, fee.discount, fee.amount, fee.programme) == ("BUKA-SEGEL", fee.list_amount // 2,
                                                                   fee.list_amount - fee.list_amount // 2, PROGRAMME)
    assert paid.quote.total == down + fee.amount + paid.quote.stamp_duty
    with app.uow() as uow:
        s = uow.session
        line = s.scalars(select(PaymentLine).where(PaymentLine.kind == "charge")).one()
        assert (line.amount, line.charge_discount) == (fee.amount, fee.discount)
        assert len(s.scalars(select(WorkOrder)).all()) == 1  # the plan's down payment made it, once
        text = receipt_text(build_receipt(s, paid.receipt_no, desk.zone), "80mm")
    assert "Keringanan" in text and f"-Rp {fee.discount:,}".replace(",", ".") in text
    # the plan is completed: another charge now costs the full amount
    again = pay(app.uow(), desk, number, [], "cash", tendered=10**6, charges=["DENDA-SEGEL"])
    assert again.quote.charges[0].discount == 0


def test_without_a_plan_under_the_programme_no_discount(app, desk, till):
    halve_the_unseal_fee(app, desk)
    number, periods = sealed(app)
    paid = pay(app.uow(), desk, number, periods, "cash", tendered=10**8, unseal=True)
    assert paid.quote.charges[0].discount == 0


def test_central_prices_the_discounted_fee_alike(app, desk, central, link, till):
    clock_agrees(app, desk)
    halve_the_unseal_fee(app, desk)
    number, _ = sealed(app)
    made = make_plan(app.uow(), desk, number, 2, programme=PROGRAMME, approval=SUPERVISOR)
    paid = pay(app.uow(), desk, number, [], "transfer", terms=[0], charges=["BUKA-SEGEL"])
    assert paid.quote.charges[0].discount > 0 and made.plan_no
    link.cycle()
    apply_pending(central)
    link.cycle()
    with app.uow() as uow:
        judged = dict(uow.session.execute(select(OutboxEvent.kind, OutboxEvent.outcome)
                                          .where(OutboxEvent.kind != "shift.opened")).all())
    assert judged == {"programme.saved": "applied", "plan.created": "applied", "payment.created": "applied",
                      "work_order.created": "applied"}
    with Session(central) as s:
        assert s.scalars(select(Conflict)).all() == []
        assert s.scalar(select(PaymentLine.charge_discount).where(PaymentLine.kind == "charge")) \
            == paid.quote.charges[0].discount
