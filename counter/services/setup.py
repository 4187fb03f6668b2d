"""Setting up a store without the central server: offices, counters, users and
the rules in force (fine scheme, stamp duty, instalments). Each act is
idempotent and audited, and needs an admin's credential once the store has an
admin with a password."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from counter.errors import InvalidInput, NotFound, quoted
from counter.models import Counter, FineSchemeRow, InstalmentRuleRow, Office, StampDutyRow, TariffGroup, User
from counter.rules.fines import FineScheme
from counter.rules.stamp_duty import StampDutyRule
from counter.rules.text import one_line
from counter.services import audit
from counter.services.approval import Approval, Approver, admin_approval, hash_secret
from counter.services.billing import fine_scheme, fine_schemes, stamp_rule
from counter.services.programmes import InstalmentRule, instalment_rule
from counter.store.uow import UnitOfWork

ROLES = ("cashier", "supervisor", "admin")
CODE_MAX = 16


def _code(value: str, what: str) -> str:
    value = (value or "").strip().upper()
    if not value or len(value) > CODE_MAX or not value.replace("-", "").replace("_", "").isalnum():
        raise InvalidInput(f"Kode {what} harus 1-{CODE_MAX} huruf/angka, mis. KPG atau L01.")
    return value


def _name(value: str, what: str, limit: int = 120) -> str:
    return one_line(value, 1, limit, f"Nama {what} wajib diisi (maksimal {limit} huruf).")


def _audit(session, action: str, subject: str, details: dict, approver: Approver | None) -> None:  # noqa: ANN001
    audit.append(session, action, subject, details, user_id=approver.id if approver else None)


def register_office(uow: UnitOfWork, code: str, name: str, utility_name: str = "", address: str = "",
                    approval: Approval | None = None) -> str:
    code, name = _code(code, "kantor"), _name(name, "kantor")
    approver = admin_approval(uow, approval, "Mengubah kantor")
    with uow.writing():
        office = uow.session.scalars(select(Office).where(Office.code == code)).first() or Office(code=code)
        office.name, office.utility_name, office.address = name, utility_name.strip(), address.strip()
        uow.session.add(office)
        _audit(uow.session, "setup.office", code, {"name": name, "utility": office.utility_name}, approver)
        uow.commit()
    return code


def _office(session, code: str) -> Office:  # noqa: ANN001
    office = session.scalars(select(Office).where(Office.code == _code(code, "kantor"))).first()
    if office is None:
        raise NotFound(f"Kantor {quoted(code)} belum terdaftar; daftarkan dulu dengan 'counter setup office'.")
    return office


def register_counter(uow: UnitOfWork, office_code: str, code: str, name: str = "",
                     approval: Approval | None = None) -> str:
    code = _code(code, "loket")
    approver = admin_approval(uow, approval, "Mengubah loket")
    with uow.writing():
        office = _office(uow.session, office_code)
        counter = uow.session.scalars(
            select(Counter).where(Counter.office_id == office.id, Counter.code == code)
        ).first() or Counter(office_id=office.id, code=code)
        counter.name = name.strip() or f"Loket {code}"
        uow.session.add(counter)
        _audit(uow.session, "setup.counter", f"{office.code}-{code}", {"name": counter.name}, approver)
        uow.commit()
    return code


def register_user(uow: UnitOfWork, username: str, full_name: str, role: str, office_code: str,
                  password: str | None = None, approval: Approval | None = None, active: bool = True) -> str:
    """Add, update or (active=False) disable a user; `password` (or PIN), when
    given, is stored as a slow hash."""
    username = (username or "").strip().lower()
    if not username.isidentifier() or len(username) > 40:
        raise InvalidInput("Nama pengguna harus huruf/angka tanpa spasi (maksimal 40), mis. kasir1.")
    if role not in ROLES:
        raise InvalidInput(f"Peran harus salah satu dari: {', '.join(ROLES)}.")
    full_name = _name(full_name, "lengkap")
    secret_hash = hash_secret(password, role) if password is not None else None
    approver = admin_approval(uow, approval, "Mengubah pengguna")
    with uow.writing():
        office = _office(uow.session, office_code)
        user = uow.session.scalars(select(User).where(User.username == username)).first() or User(username=username)
        user.full_name, user.role, user.office_id, user.active = full_name, role, office.id, active
        if secret_hash:
            user.password_hash = secret_hash
        uow.session.add(user)
        _audit(uow.session, "setup.user", username,
               {"role": role, "office": office.code, "active": active, "password_changed": secret_hash is not None},
               approver)
        uow.commit()
    return username


@dataclass(frozen=True)
class RulesInForce:
    on: dt.date
    fine: FineScheme  # the general scheme
    stamp_duty: StampDutyRule
    instalments: InstalmentRule
    group_fines: dict[str, FineScheme] = dataclasses.field(default_factory=dict)  # by tariff group code: its own


def rules_in_force(uow: UnitOfWork, on: dt.date) -> RulesInForce:
    with uow:
        s = uow.session
        fines = fine_schemes(s, on)
        codes = dict(s.execute(select(TariffGroup.id, TariffGroup.code)).all())
        own = {codes[group]: scheme for group, scheme in sorted(fines.by_group.items(), key=lambda g: codes[g[0]])}
        return RulesInForce(on, fines.general, stamp_rule(s, on), instalment_rule(s, on), own)


def set_instalment_rule(uow: UnitOfWork, rule: InstalmentRule, valid_from: dt.date,
                        approval: Approval | None = None) -> None:
    """The instalment rule (term limit, fines in a plan, grace) for plans made on or after `valid_from`."""
    rule.terms()  # checks the limit, the fine mode and the percentage
    if isinstance(rule.grace_days, bool) or not isinstance(rule.grace_days, int) or not 0 <= rule.grace_days <= 366:
        raise InvalidInput("Tenggang angsuran harus 0-366 hari.")
    approver = admin_approval(uow, approval, "Mengubah aturan angsuran")
    with uow.writing():
        before = instalment_rule(uow.session, valid_from)
        uow.session.add(InstalmentRuleRow(valid_from=valid_from, **dataclasses.asdict(rule)))
        _audit(uow.session, "rule.instalment", valid_from.isoformat(),
               {"before": dataclasses.asdict(before), "after": dataclasses.asdict(rule)}, approver)
        uow.commit()


def set_fine_scheme(uow: UnitOfWork, scheme: FineScheme, valid_from: dt.date, approval: Approval | None = None,
                    group: str | None = None) -> int:
    """The fine scheme for quotes and payments on or after `valid_from`: of the
    customers of tariff group `group` (its code), or the general one. Returns the row's id."""
    group_id = None
    if group is not None:  # before the credential: an act refused anyway needs no approval
        with uow:
            group_id = uow.session.scalar(select(TariffGroup.id).where(TariffGroup.code == group.strip().upper()))
        if group_id is None:
            raise NotFound(f"Golongan tarif {quoted(group)} tidak dikenal.")
    approver = admin_approval(uow, approval, "Mengubah aturan denda")
    with uow.writing():
        before = fine_scheme(uow.session, valid_from, group_id)
        row = FineSchemeRow(tariff_group_id=group_id, valid_from=valid_from, kind=scheme.kind, amount=scheme.amount,
                            stages=[list(s) for s in scheme.stages], percent_bp=scheme.percent_bp,
                            minimum=scheme.minimum, maximum=scheme.maximum)
        uow.session.add(row)
        uow.session.flush()
        row_id = row.id
        _audit(uow.session, "rule.fine", valid_from.isoformat(),
               {"group": group.strip().upper() if group_id else None, "before": dataclasses.asdict(before),
                "after": dataclasses.asdict(scheme)}, approver)
        uow.commit()
    return row_id


def set_stamp_duty(uow: UnitOfWork, rule: StampDutyRule, valid_from: dt.date, approval: Approval | None = None) -> None:
    approver = admin_approval(uow, approval, "Mengubah aturan meterai")
    with uow.writing():
        before = stamp_rule(uow.session, valid_from)
        uow.session.add(StampDutyRow(valid_from=valid_from, threshold=rule.threshold, amount=rule.amount))
        _audit(uow.session, "rule.stamp_duty", valid_from.isoformat(),
               {"before": dataclasses.asdict(before), "after": dataclasses.asdict(rule)}, approver)
        uow.commit()
