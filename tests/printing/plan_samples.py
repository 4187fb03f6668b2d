"""Instalment-plan documents to print in tests: an agreement over `n` months of
arrears with a down payment and monthly terms, and its unseal work order."""

import datetime as dt

from counter.printing.plan_documents import MONTH_NAMES, PlanAgreement, PlanBillLine, ScheduleLine, WorkOrder

WITA = dt.timezone(dt.timedelta(hours=8))
MADE_ON = dt.date(2026, 11, 24)
LONG_NAME = "MARIA GONÇALVES ARAÚJO DA COSTA “MAMA ROSA” FERNANDES XIMENES DE JESUS SOARES BELO PEREIRA"
assert len(LONG_NAME) == 90


def month(year: int, index: int) -> tuple[int, int]:
    """(year, month 1..12) `index` months after January of `year`."""
    return year + index // 12, index % 12 + 1


def bills(count: int) -> tuple[PlanBillLine, ...]:
    """`count` months of arrears ending Oktober 2026, each with a fine, every third with part of it waived."""
    lines = []
    for n in range(count):
        year, mon = month(2026, 9 - count + 1 + n)
        principal, fine = 98_700 + 1_000 * (n % 7), 10_000
        waived = 5_000 if n % 3 == 0 else 0
        lines.append(PlanBillLine(f"{MONTH_NAMES[mon - 1]} {year}", principal, fine, waived, principal + fine - waived))
    return tuple(lines)


def schedule(total: int, terms: int) -> tuple[ScheduleLine, ...]:
    """A 20 % down payment today, the rest in equal terms due on the 20th (the last takes the remainder)."""
    down = total // 5
    term = (total - down) // terms
    lines = [ScheduleLine(0, "Uang muka", MADE_ON, down)]
    for n in range(1, terms + 1):
        year, mon = month(2026, 10 + n)
        amount = total - down - term * (terms - 1) if n == terms else term
        lines.append(ScheduleLine(n, f"Angsuran {n}", dt.date(year, mon, 20), amount))
    return tuple(lines)


def agreement(months: int = 4, terms: int = 6, **changes) -> PlanAgreement:
    lines = bills(months)
    principal, fines = sum(b.principal for b in lines), sum(b.fine for b in lines)
    waived, total = sum(b.waived for b in lines), sum(b.amount for b in lines)
    values = dict(
        utility_name="Perumda Air Minum Demo Kupang", office_name="Unit Pelayanan Kota Kupang",
        office_address="Jl. Timor Raya No. 1, Oesapa, Kota Kupang", plan_no="0001/ANGS/KPG/XI/2026",
        made_on=MADE_ON, customer_number="06-08-000205", customer_name="Ñoño Süßmann",
        customer_address="Jl. Samratulangi III No. 226, RT 005/RW 10, Airmata, Kota Lama",
        tariff="R2 Rumah Tangga 2", programme="Pemutihan Denda 2026", bills=lines, principal=principal,
        fines=fines, waived=waived, total=total, schedule=schedule(total, terms),
        conditions=(
            "PIHAK KEDUA membayar uang muka pada tanggal perjanjian ini dan setiap angsuran paling lambat "
            "pada tanggal jatuh temponya di loket PIHAK PERTAMA.",
            "Selain angsuran, PIHAK KEDUA tetap membayar rekening air bulan berjalan setiap bulan.",
            "Bila dua angsuran berturut-turut tidak dibayar, perjanjian ini batal, keringanan denda dicabut "
            "dan sambungan air dapat ditutup kembali tanpa pemberitahuan lebih dahulu.",
            "Meter air dibuka segelnya setelah uang muka dibayar lunas.",
        ),
        customer_signatory="Ñoño Süßmann", approver_name="Yohanes Benu, S.T.", approver_title="Kepala Unit",
        city="Kupang",
    )
    values.update(changes)
    return PlanAgreement(**values)


def work_order(**changes) -> WorkOrder:
    values = dict(
        utility_name="Perumda Air Minum Demo Kupang", office_name="Unit Pelayanan Kota Kupang",
        order_no="0001/SPK-BS/KPG/XI/2026", issued_at=dt.datetime(2026, 11, 24, 10, 5, 7, tzinfo=WITA),
        customer_number="06-08-000205", customer_name="Ñoño Süßmann",
        customer_address="Jl. Samratulangi III No. 226, RT 005/RW 10, Airmata, Kota Lama", meter_no="MTR-2019-004417",
        plan_no="0001/ANGS/KPG/XI/2026", programme="Pemutihan Denda 2026", receipt_no="KPG-L01-20261124-0007",
        issued_by="Siti Nurhaliza Bessie", city="Kupang",
    )
    values.update(changes)
    return WorkOrder(**values)
