"""Relief: what a programme (or the ordinary instalment rule) waives, what the
customer pays today, and the schedule of the rest. Pure arithmetic over the
bills; the use cases read the bills and write the plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from counter.errors import InvalidInput
from counter.rules.instalments import monthly_due_dates, split_terms
from counter.rules.money import format_rupiah

FINE_MODES = ("include", "waive", "freeze")  # fines in a plan: charged, waived, or not charged unless it defaults


@dataclass(frozen=True)
class ReliefTerms:
    """How a plan treats the bills it takes in."""

    max_terms: int = 4
    fine_waiver_pct: int = 0  # 0-100 of the fines, after `fine_mode`
    fine_mode: str = "include"
    discount_pct: int = 0  # 0-100 off the principal of bills due before `discount_before`
    discount_before: dt.date | None = None
    min_down_payment_pct: int = 0  # of what remains after waivers

    def __post_init__(self) -> None:
        for name in ("fine_waiver_pct", "discount_pct", "min_down_payment_pct"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
                raise InvalidInput(f"Persentase {name} harus 0-100.")
        if isinstance(self.max_terms, bool) or not isinstance(self.max_terms, int) or not 0 <= self.max_terms <= 60:
            raise InvalidInput("Batas jumlah angsuran harus 0-60.")
        if self.fine_mode not in FINE_MODES:
            raise InvalidInput(f"Perlakuan denda harus salah satu dari: {', '.join(FINE_MODES)}.")


@dataclass(frozen=True)
class BillIn:
    """An unpaid bill as a plan sees it."""

    bill_id: int
    period: int
    due_date: dt.date
    principal: int
    fine: int  # today's fine


@dataclass(frozen=True)
class BillRelief:
    bill_id: int
    period: int
    principal: int
    fine: int  # the fine the plan counts (0 when frozen)
    fine_waived: int
    discount: int

    @property
    def waived(self) -> int:
        return self.fine_waived + self.discount

    @property
    def amount(self) -> int:
        return self.principal + self.fine - self.waived


@dataclass(frozen=True)
class Term:
    seq: int  # 0: the down payment
    due_date: dt.date
    amount: int


@dataclass(frozen=True)
class PlanFigures:
    bills: tuple[BillRelief, ...]
    minimum_down_payment: int
    schedule: tuple[Term, ...]  # the down payment (when above 0) first

    @property
    def principal(self) -> int:
        return sum(b.principal for b in self.bills)

    @property
    def fines(self) -> int:
        return sum(b.fine for b in self.bills)

    @property
    def waived(self) -> int:
        return sum(b.waived for b in self.bills)

    @property
    def total(self) -> int:
        return sum(b.amount for b in self.bills)

    @property
    def down_payment(self) -> int:
        return sum(t.amount for t in self.schedule if t.seq == 0)


def _percent(amount: int, pct: int) -> int:
    """`pct`% of `amount`, rounded half up to whole Rupiah."""
    return (amount * pct + 50) // 100


def relieve(bill: BillIn, terms: ReliefTerms) -> BillRelief:
    fine = 0 if terms.fine_mode == "freeze" else bill.fine
    waiver = 100 if terms.fine_mode == "waive" else terms.fine_waiver_pct
    discounted = terms.discount_before is None or bill.due_date < terms.discount_before
    discount = _percent(bill.principal, terms.discount_pct) if discounted else 0
    return BillRelief(bill.bill_id, bill.period, bill.principal, fine, _percent(fine, waiver), discount)


def plan_figures(bills: Sequence[BillIn], terms: ReliefTerms, on: dt.date, instalments: int,
                 down_payment: int | None = None) -> PlanFigures:
    """The exact figures of a plan over `bills` made on `on`: `instalments`
    monthly terms after a down payment (the minimum when not given)."""
    if not bills:
        raise InvalidInput("Pilih minimal satu rekening untuk rencana angsuran.")
    if isinstance(instalments, bool) or not isinstance(instalments, int) or instalments < 0:
        raise InvalidInput("Jumlah angsuran harus angka bulat 0 atau lebih.")
    if instalments > terms.max_terms:
        raise InvalidInput(f"Paling banyak {terms.max_terms} kali angsuran.")
    relieved = tuple(relieve(b, terms) for b in bills)
    total = sum(b.amount for b in relieved)
    minimum = total if instalments == 0 else -(-total * terms.min_down_payment_pct // 100)
    if down_payment is None:
        down_payment = minimum
    if isinstance(down_payment, bool) or not isinstance(down_payment, int):
        raise InvalidInput("Uang muka harus angka bulat Rupiah.")
    if down_payment < minimum:
        raise InvalidInput(f"Uang muka minimal {format_rupiah(minimum)}.")
    if down_payment > total:
        raise InvalidInput(f"Uang muka melebihi jumlah yang harus dibayar ({format_rupiah(total)}).")
    if instalments and down_payment == total:
        raise InvalidInput("Uang muka sudah melunasi semuanya; pilih 0 kali angsuran.")
    schedule = [Term(0, on, down_payment)] if down_payment else []
    if instalments:
        amounts = split_terms(total - down_payment, instalments)
        schedule += [Term(k, due, amount) for k, (due, amount)
                     in enumerate(zip(monthly_due_dates(on, instalments), amounts), 1)]
    return PlanFigures(relieved, minimum, tuple(schedule))


@dataclass(frozen=True)
class Eligibility:
    """Who a programme is for; an empty or zero criterion admits everyone."""

    sealed_only: bool = False
    min_arrears_months: int = 0
    arrears_before: dt.date | None = None  # has a bill due before this date
    tariff_groups: tuple[str, ...] = ()
    offices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Applicant:
    status: str  # customer status: active, sealed, ...
    tariff_group: str
    office: str
    arrears_due_dates: tuple[dt.date, ...]  # of the unpaid bills outside any plan


def ineligibility(rule: Eligibility, who: Applicant, valid_from: dt.date, valid_to: dt.date,
                  on: dt.date) -> list[str]:
    """Why `who` may not join the programme on `on` (empty: they may)."""
    reasons = []
    if on < valid_from:
        reasons.append(f"program belum berlaku (mulai {valid_from:%d-%m-%Y})")
    if on > valid_to:
        reasons.append(f"program sudah berakhir ({valid_to:%d-%m-%Y})")
    if not who.arrears_due_dates:
        reasons.append("tidak ada tunggakan")
    if rule.sealed_only and who.status != "sealed":
        reasons.append("hanya untuk sambungan yang disegel")
    if len(who.arrears_due_dates) < rule.min_arrears_months:
        reasons.append(f"tunggakan kurang dari {rule.min_arrears_months} bulan")
    if rule.arrears_before and not any(d < rule.arrears_before for d in who.arrears_due_dates):
        reasons.append(f"tidak ada tunggakan sebelum {rule.arrears_before:%d-%m-%Y}")
    if rule.tariff_groups and who.tariff_group not in rule.tariff_groups:
        reasons.append(f"golongan tarif {who.tariff_group} tidak termasuk")
    if rule.offices and who.office not in rule.offices:
        reasons.append(f"kantor {who.office} tidak termasuk")
    return reasons
