"""The office day as CSV for the finance office (RFC 4180 via the csv module:
comma-separated, CRLF line ends, quotes where needed).

`receipts_csv`: one row per receipt, the day's and the late ones, under an
Indonesian snake_case header, the words the finance staff use:

    bagian        "hari" (in the signed figures) or "terlambat" (reached central after the day was closed)
    no_kuitansi, tanggal (the business day, ISO), waktu_bayar (ISO 8601 with offset),
    loket, kasir (username), no_sambungan, nama, bulan,
    metode        cash | transfer | qris | debit
    air, beban, denda, angsuran, meterai, total    whole Rupiah as plain integers
    status        completed | void (a void's amounts are listed but belong in no sum)
    no_kuitansi_manual   the paper receipt (kuitansi manual) of an outage that the payment
                  records, entered afterwards; empty for any other payment
    pembulatan    the cash rounding (signed Rupiah): air + beban + denda + angsuran + meterai
                  + pembulatan (+ biaya_lain) = total
    kredit_dipakai  of the total, the customer's credit used (no money); the method brought in
                  total - kredit_dipakai
    biaya_lain    other charges (unsealing, a new connection, ...): air + beban + denda + angsuran
                  + biaya_lain + meterai + pembulatan = total; the codes are in bulan
    referensi     a transfer's, QRIS's or card's reference (empty for cash), to match the bank statement

`summary_csv`: `section,label,count,amount` rows (the header the finance
office's sheets expect): the totals, the components, then every breakdown;
`count` is empty where nothing is counted (components, the deposit, listed
only once made; the cash paid back to customers and the cash left for the
bank, listed only on a day with refunds). The method breakdown gives what each
method brought in, and customer credit used as the label `credit` (also in the
totals as `kredit_dipakai`, on a day with any); the components list the cash
rounding as `pembulatan` and the other charges as `biaya_lain`. Section
`rekening` counts the bills paid (count: bills; amount: water, charges and
fines) by their period's year: `tahun_berjalan` (the business date's year)
and `tunggakan` (earlier years).

Text that a spreadsheet would take for a formula (starting with = + - @, or a
tab or carriage return) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io

from counter.printing.day_figures import DayFigures, ReceiptRow, Tally
from counter.rules.payment_methods import CREDIT

RECEIPT_HEADER = ("bagian", "no_kuitansi", "tanggal", "waktu_bayar", "loket", "kasir", "no_sambungan", "nama",
                  "bulan", "metode", "air", "beban", "denda", "angsuran", "meterai", "total", "status",
                  "no_kuitansi_manual", "pembulatan", "kredit_dipakai", "biaya_lain", "referensi")
SUMMARY_HEADER = ("section", "label", "count", "amount")
BILL_LABELS = {"current": "tahun_berjalan", "arrears": "tunggakan"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(text: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _write(rows: list[tuple]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # the excel dialect: RFC 4180
    for row in rows:
        writer.writerow([safe(cell) if isinstance(cell, str) else cell for cell in row])
    return buffer.getvalue()


def _receipt(part: str, receipt: ReceiptRow, figures: DayFigures) -> tuple:
    r = receipt
    return (part, r.receipt_no, figures.business_date.isoformat(), r.paid_at.isoformat(timespec="seconds"),
            r.counter_code, r.cashier, r.customer_number, r.customer_name, r.months, r.method, r.water, r.fixed,
            r.fines, r.terms, r.stamp_duty, r.total, r.status, r.paper_no, r.rounding, r.credit_used, r.charges,
            r.reference)


def receipts_csv(figures: DayFigures) -> str:
    """Every receipt of the day, then the late ones, as CSV text (header first)."""
    rows = [RECEIPT_HEADER]
    rows += [_receipt("hari", r, figures) for r in figures.receipts]
    rows += [_receipt("terlambat", r, figures) for r in figures.late]
    return _write(rows)


def _tallies(section: str, tallies: tuple[Tally, ...]) -> list[tuple]:
    return [(section, t.label, t.count, t.amount) for t in tallies]


def summary_csv(figures: DayFigures) -> str:
    """The day's totals, components and breakdowns as `section,label,count,amount` CSV text."""
    c = figures.components
    voided = [r for r in figures.receipts if r.status == "void"]
    late = [r for r in figures.late if r.status != "void"]
    rows: list[tuple] = [SUMMARY_HEADER,
                         ("ringkasan", "diterima", figures.count, figures.total),
                         ("ringkasan", "tunai", sum(t.count for t in figures.by_method if t.label == "cash"),
                          figures.cash_total),
                         ("ringkasan", "batal", len(voided), sum(r.total for r in voided)),
                         ("ringkasan", "terlambat", len(late), sum(r.total for r in late))]
    if figures.credit_used:  # part of the receipts' totals, no money: neither cash nor for the bank
        rows.append(("ringkasan", "kredit_dipakai", sum(t.count for t in figures.by_method if t.label == CREDIT),
                     figures.credit_used))
    if figures.refunds:  # cash paid back from the drawers: it does not go to the bank
        rows += [("ringkasan", "pengembalian_uang", "", figures.refunds),
                 ("ringkasan", "tunai_untuk_disetor", "", figures.to_deposit)]
    if figures.deposit:
        rows.append(("ringkasan", "setoran", "", figures.deposit.amount))
    rows += [("komponen", label, "", amount) for label, amount in (
        ("air", c.water), ("beban", c.fixed), ("denda", c.fines), ("meterai", c.stamp_duty), ("angsuran", c.terms),
        ("uang_muka", c.down_payments), ("biaya_lain", c.charges), ("pembulatan", c.rounding),
        ("jumlah_diterima", c.collected),
        ("keringanan_tidak_diterima", c.waived))]
    # the bills paid by their period's year (BILL_LABELS): this year's, and older arrears
    rows += [("rekening", BILL_LABELS.get(t.label, t.label), t.count, t.amount) for t in figures.bill_years]
    rows += _tallies("loket", figures.by_counter)
    rows += _tallies("kasir", figures.by_cashier)
    rows += _tallies("metode", figures.by_method)
    rows += _tallies("golongan_tarif", figures.by_tariff)
    rows += _tallies("jam", figures.by_hour)
    rows += _tallies("cetak_ulang", figures.reprints)
    return _write(rows)
