"""Credentials: passwords and PINs under a slow hash, checked for a login or
for one act (a supervisor's or an admin's approval), with lock-out after too
many wrong tries. Each check is its own transaction, so a wrong try is counted
and audited even when the act it was for writes nothing.

Secrets: a cashier's PIN is at least 6 characters (six digits), a supervisor's
or an admin's password at least 8; the rule applies when a secret is set or
changed, so a shorter one set before keeps working until it is changed.

Hashes are scrypt, self-describing (`scrypt$n$r$p$salt$digest`): a hash made
with older, cheaper parameters still verifies with its own. New hashes use
STRONG (~0.37 s and 64 MB per guess on a 2-core test machine, see
docs/benchmarks.md). Only the test suite may ask for cheap hashes, by setting
COUNTER_TEST_CHEAP_HASH=1 before this module is imported (tests/conftest.py).

A lock-out counts real time, not the clock: it ends once the lock's minutes
have passed on the computer's running-time clock (`running_time`, which
setting the date and time does not move), read when the lock was set and kept
with it (`login_state.locked_at_ms`). After a restart of the computer that clock
starts again from zero; then the time since the restart is what counts (less
than the real time since the lock, never more)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass

from sqlalchemy import exists, select

from counter.errors import ApprovalRefused, InvalidInput, NotAllowed
from counter.models import LoginState, User
from counter.services import audit
from counter.store.uow import UnitOfWork

STRONG = dict(n=2**16, r=8, p=2)  # ~0.37 s and 64 MB per check: one offline guess costs as much
CHEAP = dict(n=2**10, r=8, p=1)  # for the test suite only: ~1 ms
MAX_N = 2**20  # a stored hash asking for more memory than this (1 GB at r=8) is not tried


def scrypt_cost(environ=os.environ) -> dict:  # noqa: ANN001 - a mapping
    """STRONG, unless the test suite asked for CHEAP hashes (COUNTER_TEST_CHEAP_HASH=1)."""
    return dict(CHEAP if environ.get("COUNTER_TEST_CHEAP_HASH") == "1" else STRONG)


SCRYPT = scrypt_cost()  # read once, when the module is imported
SUPERVISORS = ("supervisor", "admin")
ADMINS = ("admin",)
ROLE_LABELS = {"cashier": "kasir", "supervisor": "kepala unit", "admin": "admin"}
MIN_SECRET = {"cashier": 6, "supervisor": 8, "admin": 8}  # characters, for a secret set or changed


def check_secret(secret: str, role: str) -> None:
    """InvalidInput unless `secret` is long enough for `role`: a cashier's PIN at
    least 6 characters, a supervisor's or an admin's password at least 8."""
    least = MIN_SECRET.get(role, max(MIN_SECRET.values()))
    if not isinstance(secret, str) or len(secret) > 128:
        raise InvalidInput("Kata sandi atau PIN paling banyak 128 karakter.")
    if len(secret) < least:
        if role == "cashier":
            raise InvalidInput(f"PIN kasir minimal {least} angka.")
        raise InvalidInput(f"Kata sandi {ROLE_LABELS.get(role, role)} minimal {least} karakter.")


def _scrypt(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(secret.encode()[:1024], salt=salt, n=n, r=r, p=p, maxmem=128 * r * (n + p) + 2**20)


def hash_secret(secret: str, role: str, cost: dict | None = None) -> str:
    """The hash to store for `secret`, a new credential of a user with `role`
    (checked against the role's minimum length first)."""
    check_secret(secret, role)
    cost = cost or SCRYPT
    salt = secrets.token_bytes(16)
    digest = _scrypt(secret, salt, cost["n"], cost["r"], cost["p"])
    return f"scrypt${cost['n']}${cost['r']}${cost['p']}${salt.hex()}${digest.hex()}"


def verify_secret(secret: str, stored: str | None) -> bool:
    """Whether `secret` matches `stored`, with the parameters written in it."""
    try:
        kind, n, r, p, salt, digest = (stored or "").split("$")
        if kind != "scrypt" or not 1 < int(n) <= MAX_N or not 0 < int(r) * int(p) <= 64:
            return False
        actual = _scrypt(secret, bytes.fromhex(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(actual.hex(), digest)


running_time = time.monotonic  # the lock-out's clock: seconds the computer has run; the date and time don't move it


def _lock_holds(state: LoginState, now: dt.datetime) -> bool:
    """Whether the lock on `state`'s user still holds: until its minutes of real
    time have passed since it was set (module docstring)."""
    if state.locked_at_ms is None or state.locked_minutes is None:
        return _utc(state.locked_until) > now  # a lock set before this rule: the clock decides
    running = round(running_time() * 1000)
    passed = running - state.locked_at_ms if running >= state.locked_at_ms else running  # a restart: since it
    return passed < state.locked_minutes * 60_000


@dataclass(frozen=True)
class Approval:
    """A credential given for one act (or a login)."""

    username: str
    secret: str

    def __repr__(self) -> str:  # never print the secret
        return f"Approval({self.username!r})"


@dataclass(frozen=True)
class Lockout:
    attempts: int = 5  # wrong tries in a row that lock a user
    minutes: int = 15  # for this long


@dataclass(frozen=True)
class Approver:
    id: int
    username: str
    full_name: str
    role: str


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def check_credential(uow: UnitOfWork, approval: Approval | None, act: str, roles: tuple[str, ...],
                     desk=None) -> Approver:  # noqa: ANN001 - Desk
    """The user of `approval` if their credential is right, they are not locked
    out and their role is one of `roles`; else ApprovalRefused saying plainly why.
    `act` names what it is for ("Rencana angsuran", "Masuk")."""
    if approval is None or not (approval.username or "").strip():
        raise ApprovalRefused(f"{act} perlu persetujuan {ROLE_LABELS[roles[0]]}: isi nama pengguna dan PIN-nya.")
    username = approval.username.strip().lower()[:40]
    lockout = Lockout(desk.lockout_attempts, desk.lockout_minutes) if desk is not None else Lockout()
    who = audit.by(desk) if desk is not None else {}
    now = who.get("at") or audit.utc_now()
    with uow.writing():
        session = uow.session
        state = session.get(LoginState, username) or LoginState(username=username, failures=0)
        if state.locked_until and _lock_holds(state, now):
            raise ApprovalRefused(f"Pengguna {username} terkunci karena salah PIN {lockout.attempts} kali; "
                                  f"coba lagi setelah {lockout.minutes} menit.")
        user = session.scalars(select(User).where(User.username == username)).first()
        if user is None or not user.active or not verify_secret(approval.secret or "", user.password_hash):
            state.failures += 1
            locked = state.failures >= lockout.attempts
            if locked:  # its end is measured in running time from now (_lock_holds)
                state.locked_until, state.failures = now + dt.timedelta(minutes=lockout.minutes), 0
                state.locked_at_ms, state.locked_minutes = round(running_time() * 1000), lockout.minutes
            session.add(state)
            details = {"for": act, **({"minutes": lockout.minutes} if locked else {})}
            audit.append(session, "login.locked" if locked else "credential.failed", username, details, **who)
            uow.commit()
            raise ApprovalRefused("Nama pengguna atau PIN salah." + (
                f" Pengguna {username} terkunci {lockout.minutes} menit." if locked else ""))
        state.failures, state.locked_until, state.locked_at_ms, state.locked_minutes = 0, None, None, None
        session.add(state)
        audit.append(session, "credential.ok", username, {"for": act, "role": user.role}, **who)
        uow.commit()
        if user.role not in roles:
            raise ApprovalRefused(f"{user.full_name} bukan {ROLE_LABELS[roles[0]]}; "
                                  f"{act.lower()} harus disetujui {ROLE_LABELS[roles[0]]}.")
        return Approver(user.id, user.username, user.full_name, user.role)


# What each role may do at a desk. Admins set up and change rules (with their
# credential), but do not take money: who keeps the system is not who keeps the cash.
DESK_ACTS = {
    "pay": ("cashier", "supervisor"),
    "reprint": ("cashier", "supervisor"),
    "plan.make": ("cashier", "supervisor"),
    "void": ("cashier", "supervisor"),  # and a supervisor's credential for the act
    "day.close": ("cashier", "supervisor"),  # likewise
    "deposit": ("cashier", "supervisor"),  # likewise
    "customer.update": ("cashier", "supervisor"),  # phone number, household size
    "outage.open": ("cashier", "supervisor"),  # with a supervisor's credential for the act
    "paper.enter": ("cashier", "supervisor"),  # paper receipts of an outage: money into the drawer, likewise
}


def authorise(desk, act: str) -> None:  # noqa: ANN001 - Desk
    """Raise NotAllowed unless the desk's user may do `act`."""
    if desk.role not in DESK_ACTS[act]:
        raise NotAllowed(f"Pengguna {desk.username} ({ROLE_LABELS.get(desk.role, desk.role)}) tidak boleh "
                         f"{ACT_LABELS[act]}.")


ACT_LABELS = {"pay": "menerima pembayaran", "reprint": "mencetak ulang struk", "plan.make": "membuat rencana angsuran",
              "void": "membatalkan pembayaran", "day.close": "menutup hari", "deposit": "mencatat setoran",
              "customer.update": "mengubah data pelanggan", "outage.open": "mencatat gangguan sistem",
              "paper.enter": "mencatat kuitansi manual"}


def admin_approval(uow: UnitOfWork, approval: Approval | None, act: str, desk=None) -> Approver | None:  # noqa: ANN001
    """An admin's approval for changing set-up, rules or data; a store with no
    admin who has a password yet (being set up) needs none."""
    with uow:
        guarded = uow.session.scalar(select(exists().where(
            User.role == "admin", User.active.is_(True), User.password_hash.is_not(None))))
    return check_credential(uow, approval, act, ADMINS, desk) if guarded else None


ALL_ROLES = ("cashier", "supervisor", "admin")


def sign_in(uow: UnitOfWork, desk, approval: Approval | None):  # noqa: ANN001, ANN201 - Desk -> Desk
    """The desk with `approval`'s user at it, once their credential is right
    (a wrong one counts toward the lock-out, like any other)."""
    user = check_credential(uow, approval, "Masuk", ALL_ROLES, desk)
    return dataclasses.replace(desk, user_id=user.id, username=user.username, role=user.role,
                               full_name=user.full_name)


def unlock(uow: UnitOfWork, desk, secret: str) -> None:  # noqa: ANN001 - Desk
    """Unlock a desk locked after idle time: only with the same user's credential."""
    check_credential(uow, Approval(desk.username, secret), "Membuka kunci layar", ALL_ROLES, desk)
