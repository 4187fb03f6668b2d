"""Supervisor approval for one act: their username and password (or PIN),
checked against a slow hash in the use case itself."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.errors import ApprovalRefused, InvalidInput
from counter.models import User

SCRYPT = dict(n=2**14, r=8, p=1)  # ~50 ms and 16 MB per check: slow for guessing, quick for a person
APPROVER_ROLES = ("supervisor", "admin")


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
    """A supervisor's credential given for one act."""

    username: str
    secret: str

    def __repr__(self) -> str:  # never print the secret
        return f"Approval({self.username!r})"


def check_approval(session: Session, approval: Approval | None, act: str) -> User:
    """The approving supervisor, or ApprovalRefused saying plainly why not."""
    if approval is None or not approval.username.strip():
        raise ApprovalRefused(f"{act} perlu persetujuan kepala unit: isi nama pengguna dan PIN-nya.")
    user = session.scalars(select(User).where(User.username == approval.username.strip().lower())).first()
    if user is None or not user.active or not verify_secret(approval.secret or "", user.password_hash):
        raise ApprovalRefused("Nama pengguna atau PIN penyetuju salah.")
    if user.role not in APPROVER_ROLES:
        raise ApprovalRefused(f"{user.full_name} bukan kepala unit; {act.lower()} harus disetujui kepala unit.")
    return user
