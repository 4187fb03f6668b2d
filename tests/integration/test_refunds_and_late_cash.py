"""Money going back out and money arriving late each have a place in a drawer
and a deposit: a refund of a conflict's credit is paid from a cashier's open
shift (its expected cash and the day's deposit go down by it) and resolves the
conflict at central when it arrives; cash central receives after the day's
deposit goes to the bank in a supplementary deposit."""

from __future__ import annotations

import dataclasses
import json

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from uuid6 import uuid7

from counter.central.conflicts import customer_credit, list_conflicts
from counter.errors import NotFound, PaymentRefused
from counter.models import Conflict, DayClosing, Deposit, Refund
from counter.services.day_closing import read_day, record_deposit
from counter.services.refunds import pay_refund
from counter.services.shifts import open_shift, open_shift_now
from tests.integration.test_plans import SUPERVISOR
from tests.integration.test_sync import owing, pay_oldest, two_counters  # noqa: F401


def paid_twice(two_counters, opening_float: int = 0):  # noqa: ANN001, ANN201, F811
    """Both counters' cashiers on shift, the same bill paid at both while apart,
    both synced: central keeps the second payment as credit, with a conflict."""
    one, two = two_counters
    desks = [a.desk() for a in (one, two)]
    for counter, desk in zip((one, two), desks):
        open_shift(counter.uow(), desk, opening_float)
    number = owing(one)
    for counter, desk in zip((one, two), desks):
        pay_oldest(counter, desk, number)
    one.sync_link().cycle()
    two.sync_link().cycle()
    [conflict] = list_conflicts(one.app.embedded_engine)
    assert conflict.kind == "bill_already_paid"
    return one, two, desks, number, conflict


def test_a_refund_leaves_the_drawer_and_settles_the_conflict_at_central(two_counters):  # noqa: F811
    one, two, desks, number, conflict = paid_twice(two_counters, 200_000)
    central = one.app.embedded_engine

    before = open_shift_now(one.uow(), desks[0])
    with pytest.raises(NotFound):
        pay_refund(one.uow(), desks[0], one.central, conflict.id + 99, SUPERVISOR)
    refund = pay_refund(one.uow(), desks[0], one.central, conflict.id, SUPERVISOR)
    assert refund.amount == conflict.amount and refund.customer == number
    after = open_shift_now(one.uow(), desks[0])
    assert after.refunds_paid == conflict.amount
    assert after.expected_cash == before.expected_cash - conflict.amount  # the cash left this drawer
    with pytest.raises(PaymentRefused, match="sudah dikembalikan"):
        pay_refund(one.uow(), desks[0], one.central, conflict.id, SUPERVISOR)

    one.sync_link().cycle()
    with central.connect() as connection:
        status = connection.scalar(select(Conflict.status).where(Conflict.id == conflict.id))
        refunds = connection.execute(select(Refund.amount, Refund.counter_id, Refund.slip_no)).all()
    assert status == "refunded" and refunds == [(conflict.amount, desks[0].counter_id, refund.slip_no)]
    assert refund.slip_no.startswith("0001/BPU/")  # central keeps the slip's number, to find the paper
    with Session(central) as session:
        customer_id = session.scalar(select(Conflict.customer_id).where(Conflict.id == conflict.id))
        assert customer_credit(session, customer_id) == 0
    figures = read_day(one.uow(), one.central, desks[0], desks[0].today())
    assert figures.refunds == conflict.amount
    assert figures.to_deposit == figures.cash_total - conflict.amount


def test_a_refund_needs_an_open_shift(two_counters):  # noqa: F811
    one, two, desks, number, conflict = paid_twice(two_counters)
    desk = dataclasses.replace(desks[0], user_id=desks[1].user_id, username="kasir2")  # no shift at L01
    with pytest.raises(PaymentRefused, match="Buka shift"):
        pay_refund(one.uow(), desk, one.central, conflict.id, SUPERVISOR)
    with one.uow() as uow:
        assert uow.session.scalars(select(Refund)).first() is None


def test_supplementary_deposits_after_the_days_own(two_counters):  # noqa: F811
    one, two = two_counters
    desks = [a.desk() for a in (one, two)]
    day = desks[0].today()
    with pytest.raises(PaymentRefused):  # nothing to supplement before the day's own deposit
        record_deposit(one.uow(), desks[0], day, 1_000, "Bank NTT", "S-0", SUPERVISOR, supplementary=True)
    for counter in (one, two):  # the day signed off (as the pull brings it), at both counters
        with counter.uow() as uow:
            uow.session.add(DayClosing(id=uuid7(), office_id=desks[0].office_id, business_date=day,
                                       closed_at=desks[0].now(), closed_by=desks[0].user_id, covered={"receipts": {}},
                                       count=0, total=0, cash_total=0, change_seq=0))
            uow.commit()
    own = record_deposit(one.uow(), desks[0], day, 500_000, "Bank NTT", "S-1", SUPERVISOR)
    with pytest.raises(PaymentRefused, match="susulan"):
        record_deposit(one.uow(), desks[0], day, 500_000, "Bank NTT", "S-1b", SUPERVISOR)
    late = record_deposit(one.uow(), desks[0], day, 40_000, "Bank NTT", "S-2", SUPERVISOR, supplementary=True)
    assert (own.seq, late.seq) == (1, 2)
    with two.uow() as uow:  # L02 recorded the day's own deposit too, then a supplementary one: seq 2 as well
        uow.session.add(Deposit(id=uuid7(), office_id=desks[1].office_id, business_date=day, seq=1, amount=1,
                                bank="x", reference="x", recorded_at=desks[1].now(), recorded_by=desks[1].user_id))
        uow.commit()
    other = record_deposit(two.uow(), desks[1], day, 15_000, "Bank NTT", "S-3", SUPERVISOR, supplementary=True)
    assert other.seq == 2
    one.sync_link().cycle()
    two.sync_link().cycle()
    with one.app.embedded_engine.connect() as connection:
        held = connection.execute(select(Deposit.seq, Deposit.amount, Deposit.reference).order_by(Deposit.seq)).all()
    assert held == [(1, 500_000, "S-1"), (2, 40_000, "S-2"), (3, 15_000, "S-3")]  # both in the bank, both kept
    figures = read_day(one.uow(), one.central, desks[0], day)
    assert figures.deposit.amount == 500_000
    assert [(d.seq, d.amount) for d in figures.supplementary] == [(2, 40_000), (3, 15_000)]


def test_refund_and_supplementary_deposit_from_the_command_line(two_counters, capsys):  # noqa: F811
    from counter.cli import main
    from counter.services.demo import DEMO_PASSWORD, DEMO_PIN

    one, two, desks, number, conflict = paid_twice(two_counters)
    data = ["--data-dir", str(one.config.store.data_dir)]
    credentials = ["--pin", DEMO_PIN, "--approver", SUPERVISOR.username, "--approver-pin", DEMO_PASSWORD]
    assert main([*data, "central", "resolve", "--id", str(conflict.id), "--resolution", "refund", *credentials[2:]]) == 2
    assert "counter refund --conflict" in capsys.readouterr().err  # cash leaves a drawer: it is a refund there
    assert main([*data, "refund", "--conflict", str(conflict.id), *credentials, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["amount"] == conflict.amount
    assert main([*data, "refund", "--conflict", str(conflict.id), *credentials]) == 2  # once
    assert "sudah" in capsys.readouterr().err
    assert main([*data, "deposit", "--amount", "10.000", "--bank", "Bank NTT", "--reference", "S-9", "--supplementary",
                 *credentials]) == 2
    assert "Tutup hari" in capsys.readouterr().err  # a supplementary deposit comes after the day's own
