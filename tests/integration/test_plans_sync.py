"""Plans, their terms, defaults, work orders and programmes travel to a real
PostgreSQL central store and on to other counters."""

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.models import Bill, InstalmentPlan, Payment, ReliefProgramme, WorkOrder
from counter.services.billing import quote
from counter.services.payment import pay
from counter.services.plans import make_plan, sweep_defaults
from counter.services.programmes import ProgrammeSpec, current_programme, save_programme
from counter.sync.refresh import refresh_customer
from counter.sync.worker import SyncLink
from tests.integration.shift_helpers import clock_agrees, on_shift
from tests.integration.sync_helpers import WITA, counter_copy, desk_at, drain
from tests.integration.test_plans import SUPERVISOR, owing


def test_a_buka_segel_plan_reaches_central_and_another_counter_collects_its_next_term(app, central, server, link,
                                                                                      tmp_path):
    number = owing(app, 3, status="sealed")
    second = counter_copy(app, tmp_path / "l02", "desk.counter=L02", "desk.user=kasir2")  # never saw the plan
    desk = on_shift(app, desk_at(app))
    made = make_plan(app.uow(), desk, number, 3, programme="BUKA-SEGEL-2025", approval=SUPERVISOR)
    down = pay(app.uow(), desk, number, [], "cash", tendered=10**8, terms=[0])
    assert link.cycle()[0].sent == 4  # shift.opened, plan.created, payment.created, work_order.created
    assert drain(central) == {"applied": 4}
    link.cycle()
    with Session(central) as session:
        plan = session.get(InstalmentPlan, made.plan_id)
        assert plan.plan_no == made.plan_no and plan.waived == made.offer.figures.waived
        assert [bool(t["payment"]) for t in plan.terms] == [True, False, False, False]
        assert session.scalars(select(WorkOrder.order_no)).one() == down.work_order_no
        lines = session.get(Payment, down.payment_id).lines
        assert [(line.kind, line.term_seq, line.plan_id, line.bill_id) for line in lines] == [
            ("down_payment", 0, made.plan_id, None)]

    l02 = server.link("KPG", "L02")
    try:
        assert refresh_customer(second.engine, l02, number)  # opening the customer brings the plan
        later = dataclasses.replace(desk_at(second), clock=lambda: dt.datetime(2025, 12, 20, 9, tzinfo=WITA))
        on_shift(second, later)
        clock_agrees(second, later)
        with second.uow() as uow:
            owed = quote(uow.session, number, later.today())
        assert [t.seq for t in owed.plan.open_terms] == [1, 2, 3]
        term = pay(second.uow(), later, number, [], "cash", tendered=10**8, terms=[1])
        other = SyncLink(second.engine, l02, "KPG", "L02")
        assert other.cycle()[0].sent == 2  # shift.opened, payment.created
        assert drain(central) == {"applied": 2}
        link.cycle()  # L01 learns of the term L02 collected
        with app.uow() as uow:
            plan = uow.session.get(InstalmentPlan, made.plan_id)
            assert plan.terms[1]["receipt"] == term.receipt_no and plan.revision == 3
    finally:
        l02.close()
        second.engine.dispose()


def test_a_default_and_a_programme_version_reach_central(app, central, link):
    number = owing(app, 4)
    desk = on_shift(app, desk_at(app))
    made = make_plan(app.uow(), desk, number, 2, down_payment=100_000, approval=SUPERVISOR)
    pay(app.uow(), desk, number, [], "cash", tendered=10**8, terms=[0])
    late = dataclasses.replace(desk, clock=lambda: dt.datetime(2026, 2, 1, 9, tzinfo=WITA))
    assert sweep_defaults(app.uow(), late) == [made.plan_no]
    spec = dataclasses.replace(ProgrammeSpec(code="PEMUTIHAN-2026", name="Pemutihan denda 2026",
                                             valid_from=dt.date(2026, 1, 1), valid_to=dt.date(2026, 6, 30)),
                               fine_waiver_pct=100, max_terms=2)
    saved = save_programme(app.uow(), desk, spec, SUPERVISOR)
    link.cycle()
    assert drain(central) == {"applied": 5}  # shift.opened, plan.created, payment.created, plan.defaulted, programme.saved
    link.cycle()
    with Session(central) as session:
        plan = session.get(InstalmentPlan, made.plan_id)
        assert plan.status == "defaulted" and plan.ended_on == dt.date(2026, 2, 1)
        first = plan.bills[0]
        assert session.get(Bill, first["bill_id"]).status == ("paid" if first["principal"] <= 100_000 else "unpaid")
        assert session.scalars(select(ReliefProgramme.id).where(ReliefProgramme.code == "PEMUTIHAN-2026")).one() \
            == saved.id  # the same row everywhere, so pulling it back is harmless
    with app.uow() as uow:
        assert current_programme(uow.session, "PEMUTIHAN-2026").fine_waiver_pct == 100
