"""Closing a cashier's shift with the count, and the branch head's day closing
from central over two counters: sign-off, the lock, the late section, the deposit."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter.errors import ApprovalRefused, InvalidInput, PaymentRefused
from counter.models import AuditRecord, DayClosing, Deposit, OutboxEvent, Shift, User
from counter.services.billing import quote
from counter.services.day_closing import close_day, read_day, record_deposit
from counter.services.payment import pay
from counter.services.shifts import close_shift, open_shift, shift_figures
from counter.services.voids import void_payment
from counter.sync.worker import SyncLink
from tests.conftest import AS_OF, clock_at
from tests.integration.shift_helpers import clock_agrees, on_shift
from tests.integration.sync_helpers import WITA, counter_copy, desk_at, drain, owing_customers
from tests.integration.test_plans import SUPERVISOR


def pay_one(app, desk, number: str, method: str = "cash"):
    with app.uow() as uow:
        owed = quote(uow.session, number, desk.today()).oldest(1)
    tendered = -(-owed.total // 10_000) * 10_000 if method == "cash" else None  # rounded up: change is given
    clock_agrees(app, desk)
    return pay(app.uow(), desk, number, [owed.bills[0].period], method, tendered=tendered)


def no_decimals(value, where: str = "figures") -> None:
    """Money and counts read from PostgreSQL are int, never Decimal (sums of BIGINT are numeric there)."""
    if dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            no_decimals(getattr(value, f.name), f"{where}.{f.name}")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            no_decimals(item, f"{where}[{i}]")
    elif isinstance(value, dict):
        for k, item in value.items():
            no_decimals(item, f"{where}[{k}]")
    else:
        assert not isinstance(value, (Decimal, float)), where


def count_rows(engine, model, *where) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(model).where(*where))


# ---- the shift --------------------------------------------------------------------------


def test_a_shift_closes_with_its_count_and_then_takes_no_money(app):
    desk = desk_at(app)
    open_shift(app.uow(), desk, 200_000)
    numbers = owing_customers(app, 3)
    taken = [pay_one(app, desk, numbers[0]), pay_one(app, desk, numbers[1]), pay_one(app, desk, numbers[2], "qris")]
    cash = sum(r.quote.total for r in taken[:2])
    assert sum(r.tendered - r.change for r in taken[:2]) == cash
    expected = 200_000 + cash
    counts = {"100000": expected // 100_000}
    rest = expected % 100_000
    counts["1000"], counts["c100"] = rest // 1_000, rest % 1_000 // 100
    assert rest % 100 == 0  # bills are whole hundreds

    closed = close_shift(app.uow(), desk, counts)
    assert closed.expected_cash == expected and closed.counted == expected and closed.variance == 0
    assert closed.payments == 3 and {t.label: t.count for t in closed.by_method} == {"cash": 2, "qris": 1}
    assert closed.cash_taken - closed.change_given == cash and closed.closed_by == desk.username

    with pytest.raises(PaymentRefused, match="sudah ditutup"):
        pay_one(app, desk, owing_customers(app, 4)[3])
    with pytest.raises(PaymentRefused, match="Tidak ada shift terbuka"):
        close_shift(app.uow(), desk, counts)
    with app.uow() as uow:
        kinds = list(uow.session.scalars(select(OutboxEvent.kind).order_by(OutboxEvent.created_at)))
    assert kinds[0] == "shift.opened" and kinds[-1] == "shift.closed"
    void_payment(app.uow(), desk, taken[0].receipt_no, "salah pelanggan", SUPERVISOR)  # after the count
    with app.uow() as uow:
        again = shift_figures(uow.session, uow.session.scalars(select(Shift)).one(), desk.zone)
    assert (again.expected_cash, again.variance, again.voids) == (expected, 0, 1)  # the count's difference stands
    open_shift(app.uow(), desk, 0)  # a new shift takes money again
    pay_one(app, desk, owing_customers(app, 4)[3])


@pytest.mark.parametrize("counts, message", [
    ({"100000": -1}, "antara 0"), ({"50000": 1.5}, "bilangan bulat"), ({"50000": "2"}, "bilangan bulat"),
    ({"75000": 1}, "tidak dikenal"), ({"c1000": True}, "bilangan bulat"), ({"c100": 10**9}, "antara 0"), ({"100": 1}, "tidak dikenal"),
])
def test_a_bad_count_is_refused_and_the_shift_stays_open(app, counts, message):
    desk = desk_at(app)
    open_shift(app.uow(), desk, 50_000)
    with pytest.raises(InvalidInput, match=message):
        close_shift(app.uow(), desk, counts)
    with app.uow() as uow:
        assert uow.session.scalar(select(Shift.status)) == "open"
        assert uow.session.scalar(select(func.count()).select_from(OutboxEvent)
                                  .where(OutboxEvent.kind == "shift.closed")) == 0


def test_a_variance_beyond_the_limit_needs_a_reason(app):
    desk = desk_at(app)
    open_shift(app.uow(), desk, 100_000)
    short = {"50000": 1, "20000": 2}  # 90,000 of 100,000
    with pytest.raises(InvalidInput, match="kurang Rp 10.000.*alasan"):
        close_shift(app.uow(), desk, short, variance_limit=5_000)
    closed = close_shift(app.uow(), desk, short, "uang kembalian salah hitung", variance_limit=5_000)
    assert closed.variance == -10_000 and closed.variance_reason == "uang kembalian salah hitung"
    with app.uow() as uow:
        details = uow.session.scalars(select(AuditRecord.details).where(AuditRecord.action == "shift.closed")).one()
    assert details["variance"] == -10_000


# ---- the office day ---------------------------------------------------------------------


@pytest.fixture
def second(app, tmp_path):
    other = counter_copy(app, tmp_path / "l02", "desk.counter=L02", "desk.user=kasir2")
    yield other
    other.engine.dispose()


def test_the_day_is_consolidated_signed_locked_and_late_events_kept_apart(app, second, central, server, link):
    one, two = desk_at(app), desk_at(second)
    link_two = SyncLink(second.engine, server.link("KPG", "L02"), "KPG", "L02")
    numbers = owing_customers(app, 12)
    open_shift(app.uow(), one, 100_000)
    open_shift(second.uow(), two, 100_000)
    mine = [pay_one(app, one, numbers[0]), pay_one(app, one, numbers[1], "transfer")]
    theirs = [pay_one(second, two, numbers[5])]
    voided = pay_one(app, one, numbers[2])
    void_payment(app.uow(), one, voided.receipt_no, "salah pelanggan", SUPERVISOR)
    link.cycle(), link_two.cycle()
    drain(central)
    link.cycle(), link_two.cycle()

    figures = read_day(app.uow(), link.central, one, AS_OF)
    assert figures.count == 3 and figures.total == sum(r.quote.total for r in mine + theirs)
    assert {t.label: t.count for t in figures.by_counter} == {"L01": 2, "L02": 1}
    assert {t.label for t in figures.by_method} == {"cash", "transfer"}
    assert [v.receipt_no for v in figures.voids] == [voided.receipt_no]
    assert figures.components.collected == figures.total
    assert sum(t.amount for t in figures.by_hour) == figures.total
    assert sum(s.is_open for s in figures.shifts) == 2
    no_decimals(figures)

    with pytest.raises(PaymentRefused, match="shift kasir1 di loket L01 masih buka"):
        close_day(app.uow(), link.central, one, AS_OF, SUPERVISOR)
    with pytest.raises(ApprovalRefused):
        close_day(app.uow(), link.central, one, AS_OF, dataclasses.replace(SUPERVISOR, secret="0000"), "kasir 2 pulang")
    assert count_rows(app.engine, DayClosing) == 0
    close_shift(app.uow(), one, {"100000": 1}, "hitungan contoh saja")  # L02's shift stays open
    link.cycle()
    drain(central)
    closed = close_day(app.uow(), link.central, one, AS_OF, SUPERVISOR, "kasir loket 2 sakit, pulang")
    assert closed.closing.closed_by == "kepala" and closed.closing.override_reason == "kasir loket 2 sakit, pulang"
    assert closed.count == 3 and not closed.late
    wita = dt.timedelta(hours=8)  # every time of the day's figures in the office's zone
    assert closed.closing.closed_at.utcoffset() == wita and closed.shifts[0].opened_at.utcoffset() == wita
    assert closed.voids[0].voided_at.utcoffset() == wita and closed.receipts[0].paid_at.utcoffset() == wita

    with pytest.raises(PaymentRefused, match="sudah ditutup"):  # the same counter: locked at once
        pay_one(app, one, numbers[3])
    with pytest.raises(PaymentRefused, match="sudah ditutup"):
        void_payment(app.uow(), one, mine[0].receipt_no, "salah pelanggan", SUPERVISOR)
    with pytest.raises(PaymentRefused, match="sudah ditutup"):
        close_day(app.uow(), link.central, one, AS_OF, SUPERVISOR, "lagi")

    late = pay_one(second, two, numbers[6])  # L02 has not heard of the closing yet
    void_payment(second.uow(), two, theirs[0].receipt_no, "salah pelanggan", SUPERVISOR)  # nor does its void
    link.cycle()
    link_two.cycle()
    drain(central)
    link_two.cycle()  # the closing reaches L02 with the pull
    with pytest.raises(PaymentRefused, match="sudah ditutup"):
        pay_one(second, two, numbers[7])

    after = read_day(second.uow(), link_two.central, two, AS_OF)
    assert after.closing is not None and after.count == 3 and after.total == closed.total
    assert [r.receipt_no for r in after.late] == [late.receipt_no]
    assert [v.receipt_no for v in after.late_voids] == [theirs[0].receipt_no]  # the signed figures keep it
    assert [r.status for r in after.receipts if r.receipt_no == theirs[0].receipt_no] == ["completed"]
    no_decimals(after)
    with Session(central) as session:
        row = session.scalars(select(DayClosing)).one()
        assert row.count == 3 and row.covered["receipts"] == {"L01": 3, "L02": 1}

    with pytest.raises(InvalidInput, match="bank"):
        record_deposit(app.uow(), one, AS_OF, closed.cash_total, "", "SLIP-1", SUPERVISOR)
    deposit = record_deposit(app.uow(), one, AS_OF, closed.cash_total, "Bank NTT", "SLIP-0042", SUPERVISOR)
    with pytest.raises(PaymentRefused, match="sudah dicatat"):
        record_deposit(app.uow(), one, AS_OF, 1, "Bank NTT", "SLIP-0043", SUPERVISOR)
    link.cycle()
    drain(central)
    assert count_rows(central, Deposit) == 1
    assert read_day(second.uow(), link_two.central, two, AS_OF).deposit == deposit


def test_a_deposit_waits_for_the_sign_off_and_a_future_day_is_not_closed(app, link):
    desk, central = desk_at(app), link.central
    with pytest.raises(PaymentRefused, match="Tutup hari"):
        record_deposit(app.uow(), desk, AS_OF, 100_000, "Bank NTT", "SLIP-1", SUPERVISOR)
    with pytest.raises(InvalidInput, match="belum berjalan"):
        close_day(app.uow(), central, desk, AS_OF + dt.timedelta(days=1), SUPERVISOR)
    tomorrow = dataclasses.replace(desk, clock=clock_at(AS_OF + dt.timedelta(days=1)))
    assert read_day(app.uow(), central, tomorrow, AS_OF).count == 0


def test_two_sign_offs_at_once_central_keeps_the_first_and_both_counters_agree(app, second, central, server, link):
    one = desk_at(app)
    two = desk_at(second, dt.datetime(AS_OF.year, AS_OF.month, AS_OF.day, 10, 30, tzinfo=WITA))
    link_two = SyncLink(second.engine, server.link("KPG", "L02"), "KPG", "L02")
    first = close_day(app.uow(), link.central, one, AS_OF, SUPERVISOR)  # neither has sent it yet
    close_day(second.uow(), link_two.central, two, AS_OF, SUPERVISOR)
    link.cycle()
    link_two.cycle()
    assert drain(central) == {"applied": 1, "duplicate": 1}
    link.cycle()
    link_two.cycle()  # the pull puts central's sign-off in place of L02's own
    for engine in (app.engine, second.engine, central):
        with engine.connect() as connection:
            assert connection.execute(select(DayClosing.closed_at)).scalars().all() == [
                first.closing.closed_at.astimezone(dt.timezone.utc)]


def test_a_shift_left_open_by_another_cashier_is_closed_with_a_supervisor(app):
    first = desk_at(app)
    open_shift(app.uow(), first, 100_000)
    with app.uow() as uow:
        kasir2 = uow.session.scalar(select(User.id).where(User.username == "kasir2"))
    tomorrow = dataclasses.replace(first, user_id=kasir2, username="kasir2",
                                   clock=clock_at(AS_OF + dt.timedelta(days=1)))
    with pytest.raises(PaymentRefused, match="masih punya shift"):
        open_shift(app.uow(), tomorrow, 50_000)
    with pytest.raises(ApprovalRefused, match="perlu persetujuan"):
        close_shift(app.uow(), tomorrow, {"100000": 1})
    with app.uow() as uow:
        assert uow.session.scalar(select(Shift.status)) == "open"
    closed = close_shift(app.uow(), tomorrow, {"100000": 1}, approval=SUPERVISOR)
    assert (closed.cashier, closed.closed_by, closed.variance) == ("kasir1", "kepala", 0)
    open_shift(app.uow(), tomorrow, 50_000)  # the counter takes money again


def test_the_day_counts_down_payments_terms_and_what_plans_waived(app):
    from counter.services.plans import make_plan
    from tests.integration.test_plans import owing

    desk = desk_at(app)
    number = owing(app, 3, status="sealed")
    made = make_plan(app.uow(), desk, number, 3, programme="BUKA-SEGEL-2025", approval=SUPERVISOR)
    paid = pay(app.uow(), on_shift(app, desk), number, [], "cash", tendered=10**8, terms=[0, 1])
    figures = read_day(app.uow(), None, desk, AS_OF)  # this counter's store alone (--local)
    schedule = made.offer.figures.schedule
    assert figures.components.waived == made.offer.figures.waived > 0
    assert (figures.components.down_payments, figures.components.terms) == (schedule[0].amount, schedule[1].amount)
    assert figures.components.collected == figures.total == paid.total
    [row] = figures.receipts
    assert row.months == "uang muka, angsuran" and row.terms == schedule[0].amount + schedule[1].amount
