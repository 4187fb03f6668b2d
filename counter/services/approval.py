"""Credentials: passwords and PINs under a slow hash, checked for a login or
for one act (a supervisor's or an admin's approval), with lock-out after too
many wrong tries. Each check is its own transaction, so a wrong try is counted
and audited even when the act it was for writes nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import exists, select

from counter.errors import ApprovalRefused, InvalidInput, NotAllowed
from counter.models import LoginState, User
from counter.services import audit
from counter.store.uow import UnitOfWork

SCRYPT = dict(n=2**14, r=8, p=1)  # ~50 ms and 16 MB per check: slow for guessing, quick for a person
SUPERVISORS = ("supervisor", "admin")
ADMINS = ("admin",)
ROLE_LABELS = {"cashier": "kasir", "supervisor": "kepala unit", "admin": "admin"}


def hash_secret(secret: str) -> str:
    if not isinstance(secret, str) or not 4 <= len(secret) <= 128:
        raise InvalidInput("Kata sandi atau PIN harus 4-128 karakter.")
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, **SCRYPT)
    return f"scrypt${SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}${salt.hex()}${digest.hex()}"


def verify_secret(secret: str, stored: str | None) -> bool:
    try:
        kind, n, r, p, salt, digest = (stored or "").split("$")
        if kind != "scrypt":
            return False
        actual = hashlib.scrypt(secret.encode()[:1024], salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p))
    except ValueError:
        return False
    return hmac.compare_digest(actual.hex(), digest)


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
        if state.locked_until and _utc(state.locked_until) > now:
            raise ApprovalRefused(f"Pengguna {username} terkunci karena salah PIN {lockout.attempts} kali; "
                                  f"coba lagi setelah {lockout.minutes} menit.")
        user = session.scalars(select(User).where(User.username == username)).first()
        if user is None or not user.active or not verify_secret(approval.secret or "", user.password_hash):
            state.failures += 1
            locked = state.failures >= lockout.attempts
            if locked:
                state.locked_until, state.failures = now + dt.timedelta(minutes=lockout.minutes), 0
            session.add(state)
            audit.append(session, "login.locked" if locked else "credential.failed", username, {"for": act}, **who)
            uow.commit()
            raise ApprovalRefused("Nama pengguna atau PIN salah." + (
                f" Pengguna {username} terkunci {lockout.minutes} menit." if locked else ""))
        state.failures, state.locked_until = 0, None
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
}


def authorise(desk, act: str) -> None:  # noqa: ANN001 - Desk
    """Raise NotAllowed unless the desk's user may do `act`."""
    if desk.role not in DESK_ACTS[act]:
        raise NotAllowed(f"Pengguna {desk.username} ({ROLE_LABELS.get(desk.role, desk.role)}) tidak boleh "
                         f"{ACT_LABELS[act]}.")


ACT_LABELS = {"pay": "menerima pembayaran", "reprint": "mencetak ulang struk", "plan.make": "membuat rencana angsuran",
              "void": "membatalkan pembayaran", "day.close": "menutup hari", "deposit": "mencatat setoran"}


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
