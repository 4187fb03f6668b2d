"""Relief programmes (keringanan) as data: the versions in force, who qualifies
today, and a supervisor's adding, editing and ending of them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from uuid6 import uuid7

from counter.errors import InvalidInput, NotFound, quoted
from counter.models import Customer, InstalmentRuleRow, Office, ReliefProgramme
from counter.rules.charges import checked_discounts
from counter.rules.relief import Applicant, Eligibility, ReliefTerms
from counter.rules.text import one_line
from counter.services import audit
from counter.services.approval import SUPERVISORS, Approval, check_credential
from counter.services.context import Desk
from counter.services.outbox import queue_event
from counter.store.uow import UnitOfWork

PROGRAMME_FIELDS = (
    "name", "valid_from", "valid_to", "sealed_only", "min_arrears_months", "arrears_before", "tariff_groups",
    "offices", "fine_waiver_pct", "discount_pct", "discount_before", "min_down_payment_pct", "max_terms",
    "unseal_on_down_payment", "needs_approval", "charge_discounts",
)


@dataclass(frozen=True)
class InstalmentRule:
    max_terms: int = 4
    fine_mode: str = "freeze"
    grace_days: int = 30
    min_down_payment_pct: int = 0

    def terms(self) -> ReliefTerms:
        return ReliefTerms(max_terms=self.max_terms, fine_mode=self.fine_mode,
                           min_down_payment_pct=self.min_down_payment_pct)


def instalment_rule(session: Session, on: dt.date) -> InstalmentRule:
    row = session.scalars(select(InstalmentRuleRow).where(InstalmentRuleRow.valid_from <= on)
                          .order_by(InstalmentRuleRow.valid_from.desc(), InstalmentRuleRow.id.desc())).first()
    if row is None:
        return InstalmentRule()
    return InstalmentRule(row.max_terms, row.fine_mode, row.grace_days, row.min_down_payment_pct)


def relief_terms(programme: ReliefProgramme) -> ReliefTerms:
    return ReliefTerms(
        max_terms=programme.max_terms, fine_mode="include", fine_waiver_pct=programme.fine_waiver_pct,
        discount_pct=programme.discount_pct, discount_before=programme.discount_before,
        min_down_payment_pct=programme.min_down_payment_pct,
    )


def eligibility(programme: ReliefProgramme) -> Eligibility:
    return Eligibility(programme.sealed_only, programme.min_arrears_months, programme.arrears_before,
                       tuple(programme.tariff_groups), tuple(programme.offices))


def current_programmes(session: Session) -> list[ReliefProgramme]:
    """The latest version of every programme, by code."""
    latest = (select(ReliefProgramme.code, func.max(ReliefProgramme.version).label("version"))
              .group_by(ReliefProgramme.code).subquery())
    return list(session.scalars(
        select(ReliefProgramme).join(latest, (ReliefProgramme.code == latest.c.code)
                                     & (ReliefProgramme.version == latest.c.version))
        .order_by(ReliefProgramme.valid_from, ReliefProgramme.code)))


def current_programme(session: Session, code: str) -> ReliefProgramme:
    found = [p for p in current_programmes(session) if p.code == (code or "").strip().upper()]
    if not found:
        raise NotFound(f"Program keringanan {quoted(code)} tidak ada.")
    return found[0]


def applicant(session: Session, customer: Customer, arrears_due_dates: tuple[dt.date, ...]) -> Applicant:
    office = session.get(Office, customer.office_id) if customer.office_id else None
    return Applicant(customer.status, customer.tariff_group.code, office.code if office else "", arrears_due_dates)


@dataclass(frozen=True)
class ProgrammeSpec:
    """A programme as a supervisor writes it (see ReliefProgramme for the fields)."""

    code: str
    name: str
    valid_from: dt.date
    valid_to: dt.date
    sealed_only: bool = False
    min_arrears_months: int = 0
    arrears_before: dt.date | None = None
    tariff_groups: tuple[str, ...] = ()
    offices: tuple[str, ...] = ()
    fine_waiver_pct: int = 0
    discount_pct: int = 0
    discount_before: dt.date | None = None
    min_down_payment_pct: int = 0
    max_terms: int = 0
    unseal_on_down_payment: bool = False
    needs_approval: bool = True
    # percent off other charges paid under it, by code: (("BUKA-SEGEL", 50),); rules.charges
    charge_discounts: tuple[tuple[str, int], ...] = ()

    def checked(self) -> ProgrammeSpec:
        code = (self.code or "").strip().upper()
        if not code or len(code) > 24 or not code.replace("-", "").isalnum():
            raise InvalidInput("Kode program harus 1-24 huruf/angka/minus, mis. BUKA-SEGEL-2026.")
        name = one_line(self.name, 1, 120, "Nama program wajib diisi (maksimal 120 huruf).")
        if self.valid_to < self.valid_from:
            raise InvalidInput("Tanggal akhir program sebelum tanggal mulainya.")
        if isinstance(self.min_arrears_months, bool) or not 0 <= self.min_arrears_months <= 600:
            raise InvalidInput("Syarat tunggakan minimal harus 0-600 bulan.")
        ReliefTerms(max_terms=self.max_terms, fine_waiver_pct=self.fine_waiver_pct,
                    discount_pct=self.discount_pct, min_down_payment_pct=self.min_down_payment_pct)
        groups = tuple(sorted({g.strip().upper() for g in self.tariff_groups if g.strip()}))
        offices = tuple(sorted({o.strip().upper() for o in self.offices if o.strip()}))
        discounts = tuple(checked_discounts(dict(self.charge_discounts)).items())
        return dataclasses.replace(self, code=code, name=name, tariff_groups=groups, offices=offices,
                                   charge_discounts=discounts)


def spec_of(programme: ReliefProgramme) -> ProgrammeSpec:
    values = {f: getattr(programme, f) for f in PROGRAMME_FIELDS}
    values["tariff_groups"], values["offices"] = tuple(values["tariff_groups"]), tuple(values["offices"])
    values["charge_discounts"] = tuple(sorted((values["charge_discounts"] or {}).items()))
    return ProgrammeSpec(code=programme.code, **values)


def save_programme(uow: UnitOfWork, desk: Desk, spec: ProgrammeSpec, approval: Approval | None) -> ReliefProgramme:
    """Add a programme, or a new version of one (plans keep the version they were made under)."""
    spec = spec.checked()
    supervisor = check_credential(uow, approval, "Mengubah program keringanan", SUPERVISORS, desk)
    with uow.writing():
        session = uow.session
        version = session.scalar(select(func.max(ReliefProgramme.version)).where(ReliefProgramme.code == spec.code))
        before = spec_of(current_programme(session, spec.code)) if version else None
        values = dataclasses.asdict(spec)
        values["tariff_groups"], values["offices"] = list(spec.tariff_groups), list(spec.offices)
        values["charge_discounts"] = dict(spec.charge_discounts)
        row = ReliefProgramme(**values, id=uuid7(), version=(version or 0) + 1, changed_by=supervisor.username,
                              changed_at=desk.now())
        session.add(row)
        queue_event(session, desk, "programme.saved", {
            **{k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()},
            "id": str(row.id), "version": row.version, "changed_by": supervisor.username,
            "changed_at": desk.now().isoformat()})
        audit.append(session, "programme.saved", f"{spec.code} v{row.version}", {
            "approved_by": supervisor.username, "before": dataclasses.asdict(before) if before else None,
            "after": values}, **audit.by(desk))
        uow.commit()
        session.refresh(row)
        session.expunge(row)
        return row


def end_programme(uow: UnitOfWork, desk: Desk, code: str, approval: Approval | None) -> ReliefProgramme:
    """End a programme today: a new version valid until yesterday."""
    with uow:
        spec = spec_of(current_programme(uow.session, code))
    yesterday = desk.today() - dt.timedelta(days=1)
    if spec.valid_to <= yesterday:
        raise InvalidInput(f"Program {spec.code} sudah berakhir.")
    ended = dataclasses.replace(spec, valid_to=yesterday, valid_from=min(spec.valid_from, yesterday))
    return save_programme(uow, desk, ended, approval)
