"""Receipts to print in tests: a plain one, the hardest one (a 60-character
name, a long address with accents and curly quotes, a total in the millions),
the down payment and a term of an instalment plan with an amount waived, and one
of every other kind: a down payment under a relief programme, a term, an other
charge a relief programme made cheaper, nineteen months of arrears."""

import datetime as dt

from counter.printing.receipt import Receipt, ReceiptLine
from counter.rules.money import in_words

WITA = dt.timezone(dt.timedelta(hours=8))


PLAN_NO = "0001/ANGS/KPG-L01/XI/2026"  # as plans are numbered: the issuing office and counter
WORK_ORDER_NO = "0001/SPK/KPG-L01/XI/2026"


def line(label: str, amount_scale: int = 1) -> ReceiptLine:
    water, standing, meter_fee, admin, fine = 91_200 * amount_scale, 12_500, 5_000, 2_500, 10_000
    return ReceiptLine(label, 1203, 1224, 21, water, standing, admin, fine,
                       water + standing + meter_fee + admin + fine, meter_fee=meter_fee)


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
    return ReceiptLine(label, 0, 0, 0, 0, 0, 0, 0, amount, kind=kind, settles=False)


def instalment_receipt(**changes) -> Receipt:
    lines = (instalment_line("down_payment", "Uang muka 0001/ANGS/KPG/XI/2026", 450_000),
             instalment_line("term", "Angsuran 2/3 0001/ANGS/KPG/XI/2026", 312_500))
    waived = 25_000
    total = sum(l.amount for l in lines) - waived
    values = dict(lines=lines, waived=waived, total=total, tendered=800_000, change=800_000 - total,
                  total_in_words=in_words(total))
    values.update(changes)
    return plain_receipt(**values)


def down_payment_receipt(**changes) -> Receipt:
    """The down payment of a plan under Buka Segel: three months of Rp 617.500 with
    their fines, Rp 40.000 of fines waived, 30% down, the rest left to three terms."""
    down = ReceiptLine(f"Uang muka {PLAN_NO}", 0, 0, 0, 0, 0, 0, 0, 173_250, kind="down_payment",
                       plan_no=PLAN_NO, covers=("Jul 2025", "Agu 2025", "Sep 2025"), before_relief=617_500,
                       waived=40_000, deferred=404_250, settles=False)
    values = dict(lines=(down,), waived=40_000, total=173_250, tendered=200_000, change=26_750,
                  total_in_words=in_words(173_250), receipt_no="KPGK-L01-20261124-0001",
                  work_order_no=WORK_ORDER_NO, meter_number="KPG-21-0045123")
    values.update(changes)
    return plain_receipt(**values)


def term_receipt(**changes) -> Receipt:
    """A plan's second of three terms."""
    term = ReceiptLine(f"Angsuran 2/3 {PLAN_NO}", 0, 0, 0, 0, 0, 0, 0, 134_750, kind="term", plan_no=PLAN_NO,
                       settles=False)
    values = dict(lines=(term,), total=134_750, tendered=150_000, change=15_250, total_in_words=in_words(134_750))
    values.update(changes)
    return plain_receipt(**values)


def charge_receipt(**changes) -> Receipt:
    """The unseal fee at half its catalogue amount under a relief programme, paid with a month's bill."""
    charge = ReceiptLine("Biaya buka segel", 0, 0, 0, 0, 0, 0, 0, 75_000, kind="charge", discount=75_000)
    bill = line("Okt 2025")
    total = bill.amount + charge.amount
    values = dict(lines=(bill, charge), total=total, tendered=total, change=0,
                  total_in_words=in_words(total), method="QRIS", reference="QR-20251124-8F3A2C")
    values.update(changes)
    return plain_receipt(**values)


def many_months_receipt(months: int = 19, **changes) -> Receipt:
    """`months` months of arrears from Mei 2024, each with its fine."""
    from counter.rules.period import add_months, label

    lines = tuple(line(label(add_months(202405, n))) for n in range(months))
    total = sum(l.amount for l in lines) + 10_000
    values = dict(lines=lines, stamp_duty=10_000, total=total, tendered=total, change=0,
                  total_in_words=in_words(total))
    values.update(changes)
    return plain_receipt(**values)
