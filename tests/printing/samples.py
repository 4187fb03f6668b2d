"""Receipts to print in tests: a plain one, the hardest one (a 60-character
name, a long address with accents and curly quotes, a total in the millions),
and the down payment and a term of an instalment plan with an amount waived."""

import datetime as dt

from counter.printing.receipt import Receipt, ReceiptLine
from counter.rules.money import in_words

WITA = dt.timezone(dt.timedelta(hours=8))


def line(label: str, amount_scale: int = 1) -> ReceiptLine:
    water, fixed, admin, fine = 91_200 * amount_scale, 17_500, 2_500, 10_000
    return ReceiptLine(label, 1203, 1224, 21, water, fixed, admin, fine, water + fixed + admin + fine)


def plain_receipt(**changes) -> Receipt:
    lines = (line("Sep 2025"), line("Okt 2025"))
    total = sum(l.amount for l in lines)
    values = dict(
        utility_name="Perumda Air Minum Demo Kupang", office_name="Unit Pelayanan Kota Kupang",
        office_address="Jl. Timor Raya No. 1, Oesapa", counter_code="L01", cashier_name="Siti Nurhaliza Bessie",
        paid_at=dt.datetime(2025, 11, 24, 10, 5, 7, tzinfo=WITA), receipt_no="KPG-L01-20251124-0001",
        customer_number="06-08-000205", customer_name="ELISABETH MELKIANUS HADJO",
        customer_address="Jl. Samratulangi III No. 226, RT 005/RW 10, Airmata, Kota Lama",
        tariff="R2 Rumah Tangga 2", lines=lines, waived=0, stamp_duty=0, total=total, tendered=300_000,
        change=300_000 - total, method="Tunai", reference="",
        total_in_words=in_words(total),
        qr_payload="KPG|01a20c44-dbd2-7729-a01d-4dbdcae3b980|3f9a2c1d", offline=False,
    )
    values.update(changes)
    return Receipt(**values)


def hard_receipt(**changes) -> Receipt:
    lines = tuple(line(label, 30) for label in ("Jul 2025", "Agu 2025", "Sep 2025"))
    subtotal = sum(l.amount for l in lines)
    values = dict(
        customer_name="MARIA GONÇALVES ARAÚJO DA COSTA “MAMA ROSA” FERNANDES XIMENES",  # 60 characters
        customer_address="Jl. Perintis Kemerdekaan Gg. Swakarsa II No. 17B, RT 033/RW 011, Kel. Oesapa Selatan, Kec. Kelapa Lima",
        tariff="N2 Niaga Besar", lines=lines, stamp_duty=10_000, total=subtotal + 10_000,
        tendered=subtotal + 10_000, change=0, method="Transfer bank", reference="TRX-778899",
        total_in_words=in_words(subtotal + 10_000), offline=True,
    )
    values.update(changes)
    return plain_receipt(**values)


def instalment_line(kind: str, label: str, amount: int) -> ReceiptLine:
    """A plan's down payment or term: only the label and the amount mean anything."""
    return ReceiptLine(label, 0, 0, 0, 0, 0, 0, 0, amount, kind=kind)


def instalment_receipt(**changes) -> Receipt:
    lines = (instalment_line("down_payment", "Uang muka 0001/ANGS/KPG/XI/2026", 450_000),
             instalment_line("term", "Angsuran 2/3 0001/ANGS/KPG/XI/2026", 312_500))
    waived = 25_000
    total = sum(l.amount for l in lines) - waived
    values = dict(lines=lines, waived=waived, total=total, tendered=800_000, change=800_000 - total,
                  total_in_words=in_words(total))
    values.update(changes)
    return plain_receipt(**values)
