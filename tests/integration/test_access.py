"""Every use case with every role: who may act, who may approve, and the lock-out."""

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from counter.errors import ApprovalRefused, InvalidInput, NotAllowed
from counter.models import AuditRecord, DayClosing, FineSchemeRow, InstalmentPlan, Payment, PrintJob, Shift, User
from counter.rules.fines import FineScheme
from counter.rules.stamp_duty import StampDutyRule
from counter.services import setup
from counter.services.approval import Approval, sign_in, unlock
from counter.services.collective import pay_collective
from counter.services.day_closing import close_day
from counter.services.demo import DEMO_PASSWORD, DEMO_PIN
from counter.services.importing import import_files
from counter.services.payment import pay
from counter.services.plans import make_plan
from counter.services.print_queue import reprint
from counter.services.programmes import InstalmentRule, ProgrammeSpec, end_programme, save_programme
from counter.services.shifts import open_shift
from tests.conftest import AS_OF, clock_at
from tests.integration.test_plans import owing

SAMPLE_TARIFFS = Path(__file__).resolve().parents[2] / "resources" / "samples" / "tariffs.csv"

USERS = {"cashier": "kasir1", "supervisor": "kepala", "admin": "admin"}
ROLES = tuple(USERS)
SECRETS = {"cashier": DEMO_PIN, "supervisor": DEMO_PASSWORD, "admin": DEMO_PASSWORD}  # the demo's
from tests.integration.shift_helpers import on_shift


def as_role(app, desk, role: str):
    with app.uow() as uow:
        user_id, stored_role = uow.session.execute(
            select(User.id, User.role).where(User.username == USERS[role])).one()
    return dataclasses.replace(desk, user_id=user_id, username=USERS[role], role=stored_role)


def written(app) -> tuple:
    with app.uow() as uow:
        return tuple(uow.session.scalar(select(func.count()).select_from(t))
                     for t in (Payment, InstalmentPlan, PrintJob, FineSchemeRow, Shift, DayClosing))


# acts done at the desk: (name, call(app, desk)); admins keep the system, not the cash
DESK_ACTS = {
    "pay": lambda app, desk: pay(app.uow(), on_shift(app, desk), owing(app, 2), [min_period(app, owing(app, 2))],
                                 "transfer"),
    "pay.collective": lambda app, desk: pay_collective(app.uow(), on_shift(app, desk), [owing(app, 2)],
                                                       method="transfer"),
    "reprint": lambda app, desk: reprint(app.uow(), desk, first_receipt(app)),
    "plan": lambda app, desk: make_plan(app.uow(), desk, owing(app, 3), 2, approval=Approval("kepala", DEMO_PASSWORD)),
    "shift.open": lambda app, desk: open_shift(app.uow(), desk, 100_000),
    "day.close": lambda app, desk: close_day(app.uow(), None, desk, AS_OF, Approval("kepala", DEMO_PASSWORD)),
}
MAY_ACT = {"cashier": True, "supervisor": True, "admin": False}


def min_period(app, number: str) -> int:
    from counter.services.billing import quote

    with app.uow() as uow:
        return quote(uow.session, number, AS_OF).bills[0].period


def first_receipt(app) -> str:
    with app.uow() as uow:
        return uow.session.scalars(select(Payment.receipt_no)).first()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("act", DESK_ACTS)
def test_who_may_act_at_the_desk(app, desk, act, role):
    if act == "reprint":
        DESK_ACTS["pay"](app, desk)  # a receipt to reprint, taken by the cashier
    actor = as_role(app, desk, role)
    before = written(app)
    if MAY_ACT[role]:
        DESK_ACTS[act](app, actor)
        assert written(app) != before
    else:
        with pytest.raises(NotAllowed, match="tidak boleh"):
            DESK_ACTS[act](app, actor)
        assert written(app) == before


SPEC = ProgrammeSpec(code="UJI", name="Program uji", valid_from=dt.date(2025, 1, 1), valid_to=dt.date(2026, 1, 1),
                     max_terms=2, fine_waiver_pct=50)
# acts that need an approver's credential: (call(app, desk, approval), the roles that may approve)
APPROVED_ACTS = {
    "plan": (lambda app, desk, a: make_plan(app.uow(), desk, owing(app, 3), 2, approval=a), ("supervisor", "admin")),
    "programme.save": (lambda app, desk, a: save_programme(app.uow(), desk, SPEC, a), ("supervisor", "admin")),
    "programme.end": (lambda app, desk, a: end_programme(app.uow(), desk, "ANGSURAN-KAB-KUPANG", a),
                      ("supervisor", "admin")),
    "rules.fine": (lambda app, desk, a: setup.set_fine_scheme(app.uow(), FineScheme("flat", 5_000), AS_OF, a),
                   ("admin",)),
    "rules.stamp": (lambda app, desk, a: setup.set_stamp_duty(app.uow(), StampDutyRule(), AS_OF, a), ("admin",)),
    "rules.instalment": (lambda app, desk, a: setup.set_instalment_rule(app.uow(), InstalmentRule(), AS_OF, a),
                         ("admin",)),
    "setup.office": (lambda app, desk, a: setup.register_office(app.uow(), "KPG", "Unit Kota", approval=a),
                     ("admin",)),
    "setup.counter": (lambda app, desk, a: setup.register_counter(app.uow(), "KPG", "L09", approval=a), ("admin",)),
    "setup.user": (lambda app, desk, a: setup.register_user(app.uow(), "kasir9", "Kasir Baru", "cashier", "KPG",
                                                            approval=a), ("admin",)),
    "import": (lambda app, desk, a: import_files(app.uow(), tariffs=SAMPLE_TARIFFS, approval=a), ("admin",)),
    "day.close": (lambda app, desk, a: close_day(app.uow(), None, desk, AS_OF, a), ("supervisor", "admin")),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("act", APPROVED_ACTS)
def test_who_may_approve(app, desk, act, role):
    call, approvers = APPROVED_ACTS[act]
    before = written(app)
    with pytest.raises(ApprovalRefused):  # never without a credential
        call(app, desk, None)
    if role in approvers:
        call(app, desk, Approval(USERS[role], SECRETS[role]))
    else:
        with pytest.raises(ApprovalRefused, match="bukan"):
            call(app, desk, Approval(USERS[role], SECRETS[role]))
        assert written(app) == before


class RunningClock:
    """The lock-out's clock (services.approval.running_time: seconds the computer
    has run), moved by the test instead of waiting."""

    def __init__(self, seconds: float = 10_000.0) -> None:
        self.seconds = seconds

    def __call__(self) -> float:
        return self.seconds


@pytest.fixture
def running(monkeypatch):
    from counter.services import approval

    clock = RunningClock()
    monkeypatch.setattr(approval, "running_time", clock, raising=False)
    return clock


def lock_out(app, desk, username: str = "kepala") -> None:
    for _ in range(desk.lockout_attempts):
        with pytest.raises(ApprovalRefused, match="PIN salah"):
            sign_in(app.uow(), desk, Approval(username, "0000"))


def at(desk, **moved):
    return dataclasses.replace(desk, clock=lambda: clock_at(AS_OF)() + dt.timedelta(**moved))


def test_five_wrong_pins_lock_a_user_for_the_configured_time(app, desk, running):
    for _ in range(4):
        with pytest.raises(ApprovalRefused, match="PIN salah.$"):
            sign_in(app.uow(), desk, Approval("kepala", "0000"))
    with pytest.raises(ApprovalRefused, match="terkunci 15 menit"):
        sign_in(app.uow(), desk, Approval("kepala", "0000"))
    with pytest.raises(ApprovalRefused, match="terkunci"):  # even the right PIN, for now
        sign_in(app.uow(), desk, Approval("kepala", DEMO_PASSWORD))
    later = dataclasses.replace(desk, clock=lambda: clock_at(AS_OF)() + dt.timedelta(minutes=16))
    running.seconds += 16 * 60  # 16 minutes have really passed
    signed = sign_in(app.uow(), later, Approval("kepala", DEMO_PASSWORD))
    assert (signed.username, signed.role) == ("kepala", "supervisor")
    unlock(app.uow(), signed, DEMO_PASSWORD)
    with pytest.raises(ApprovalRefused):
        unlock(app.uow(), signed, "1111")
    with app.uow() as uow:
        actions = uow.session.scalars(select(AuditRecord.action).order_by(AuditRecord.id)).all()
    assert actions == ["credential.failed"] * 4 + ["login.locked", "credential.ok", "credential.ok",
                                                   "credential.failed"]


def test_moving_the_clock_forward_does_not_end_a_lock(app, desk, running):
    lock_out(app, desk)
    for moved in (dict(minutes=16), dict(days=1), dict(days=400)):  # the clock set forward, no time passed
        with pytest.raises(ApprovalRefused, match="terkunci"):
            sign_in(app.uow(), at(desk, **moved), Approval("kepala", DEMO_PASSWORD))
    running.seconds += 14 * 60  # 14 real minutes: not yet
    with pytest.raises(ApprovalRefused, match="terkunci"):
        sign_in(app.uow(), at(desk, days=1), Approval("kepala", DEMO_PASSWORD))
    running.seconds += 60  # 15: the lock is over, whatever the clock says
    assert sign_in(app.uow(), at(desk, days=1), Approval("kepala", DEMO_PASSWORD)).username == "kepala"


def test_moving_the_clock_back_neither_ends_nor_prolongs_a_lock(app, desk, running):
    lock_out(app, at(desk, days=-1))  # locked under a clock set a day back ...
    with pytest.raises(ApprovalRefused, match="terkunci"):  # ... then set right again: still locked
        sign_in(app.uow(), desk, Approval("kepala", DEMO_PASSWORD))
    lock_out(app, desk, "kasir2")  # locked, then the clock set back a day
    with pytest.raises(ApprovalRefused, match="terkunci"):
        sign_in(app.uow(), at(desk, days=-1), Approval("kasir2", DEMO_PIN))
    running.seconds += 15 * 60  # the real time has passed: both locks are over, the clock set back or not
    assert sign_in(app.uow(), at(desk, days=-1), Approval("kasir2", DEMO_PIN)).username == "kasir2"
    assert sign_in(app.uow(), desk, Approval("kepala", DEMO_PASSWORD)).username == "kepala"


def test_after_a_restart_of_the_computer_the_lock_counts_from_the_restart(app, desk, running):
    lock_out(app, desk)
    running.seconds = 5 * 60  # the computer restarted 5 minutes ago (its running time begins again)
    with pytest.raises(ApprovalRefused, match="terkunci"):
        sign_in(app.uow(), at(desk, hours=3), Approval("kepala", DEMO_PASSWORD))
    running.seconds = 15 * 60  # up for 15 minutes: at least that long since the lock
    assert sign_in(app.uow(), at(desk, hours=3), Approval("kepala", DEMO_PASSWORD)).username == "kepala"


def test_a_new_pin_or_password_must_be_long_enough_for_the_role(app, desk):
    admin = Approval("admin", DEMO_PASSWORD)
    for role, short, message in (("cashier", "12345", "PIN kasir minimal 6 angka."),
                                 ("supervisor", "1234567", "Kata sandi kepala unit minimal 8 karakter."),
                                 ("admin", "admin12", "Kata sandi admin minimal 8 karakter.")):
        with pytest.raises(InvalidInput) as refused:
            setup.register_user(app.uow(), "baru", "Pengguna Baru", role, "KPG", password=short, approval=admin)
        assert str(refused.value) == message
    with app.uow() as uow:
        assert uow.session.scalar(select(User).where(User.username == "baru")) is None
    setup.register_user(app.uow(), "kasir9", "Kasir Baru", "cashier", "KPG", password="654321", approval=admin)
    setup.register_user(app.uow(), "kepala2", "Kepala Baru", "supervisor", "KPG", password="rahasia8",
                        approval=admin)
    assert sign_in(app.uow(), desk, Approval("kasir9", "654321")).role == "cashier"
    assert sign_in(app.uow(), desk, Approval("kepala2", "rahasia8")).role == "supervisor"


def test_a_shorter_pin_set_before_the_rule_works_until_it_is_changed(app, desk):
    import hashlib

    salt = b"garam-lama-16byt"  # a hash as made before: a 4-digit PIN under the old, cheaper parameters
    old = f"scrypt$16384$8$1${salt.hex()}${hashlib.scrypt(b'1234', salt=salt, n=2**14, r=8, p=1).hex()}"
    uow = app.uow()
    with uow.writing():
        uow.session.scalar(select(User).where(User.username == "kasir2")).password_hash = old
        uow.commit()
    assert sign_in(app.uow(), desk, Approval("kasir2", "1234")).username == "kasir2"
    with pytest.raises(InvalidInput, match="minimal 6"):  # but it cannot be set again
        setup.register_user(app.uow(), "kasir2", "Yohana Manafe", "cashier", "KPG", password="1234",
                            approval=Approval("admin", DEMO_PASSWORD))


def test_the_lockout_follows_the_settings(app, desk):
    strict = dataclasses.replace(desk, lockout_attempts=2, lockout_minutes=60)
    with pytest.raises(ApprovalRefused, match="PIN salah.$"):
        sign_in(app.uow(), strict, Approval("kasir2", "0000"))
    with pytest.raises(ApprovalRefused, match="terkunci 60 menit"):
        sign_in(app.uow(), strict, Approval("kasir2", "0000"))


def test_a_disabled_user_can_no_longer_approve(app, desk):
    setup.register_user(app.uow(), "kepala", "Paulus Fanggidae", "supervisor", "KPG",
                        approval=Approval("admin", DEMO_PASSWORD), active=False)
    with pytest.raises(ApprovalRefused, match="PIN salah"):
        sign_in(app.uow(), desk, Approval("kepala", DEMO_PASSWORD))


@pytest.mark.parametrize("role", ROLES)
def test_only_a_supervisor_may_date_a_payment_back(app, desk, role, till):
    from counter.services.billing import quote

    number = owing(app, 2)
    yesterday = AS_OF - dt.timedelta(days=1)
    with app.uow() as uow:
        period = quote(uow.session, number, yesterday).bills[0].period
    before = written(app)
    call = lambda a: pay(app.uow(), desk, number, [period], "transfer", on=yesterday, approval=a)  # noqa: E731
    if role in ("supervisor", "admin"):
        paid = call(Approval(USERS[role], SECRETS[role]))
        with app.uow() as uow:
            assert uow.session.get(Payment, paid.payment_id).business_date == yesterday
        assert paid.receipt_no.endswith(f"{yesterday:%Y%m%d}-0001")
    else:
        with pytest.raises(ApprovalRefused, match="bukan kepala unit"):
            call(Approval(USERS[role], SECRETS[role]))
        assert written(app) == before
    with pytest.raises(Exception, match="paling lama 31 hari"):
        pay(app.uow(), desk, number, [period], "transfer", on=AS_OF - dt.timedelta(days=40),
            approval=Approval("kepala", DEMO_PASSWORD))
