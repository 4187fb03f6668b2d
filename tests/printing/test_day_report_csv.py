"""The day's CSV read back with the csv module: every receipt once, sums that
match the figures, plain integers and ISO dates, formulas defused."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io

from counter.printing.day_report_csv import RECEIPT_HEADER, SUMMARY_HEADER, receipts_csv, safe, summary_csv
from tests.printing.day_samples import day, empty_day


def read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_receipts_csv_lists_every_receipt_and_sums_to_the_day_total():
    figures = day(200, 4, late=3)
    text = receipts_csv(figures)
    assert text.splitlines()[0] == ",".join(RECEIPT_HEADER)
    assert "\r\n" in text  # RFC 4180 line ends
    rows = read(text)
    assert [r["no_kuitansi"] for r in rows] == [r.receipt_no for r in figures.receipts + figures.late]
    day_rows = [r for r in rows if r["bagian"] == "hari"]
    late_rows = [r for r in rows if r["bagian"] == "terlambat"]
    assert len(day_rows) == len(figures.receipts) and len(late_rows) == len(figures.late) == 3
    completed = [r for r in day_rows if r["status"] == "completed"]
    assert len(completed) == figures.count
    assert sum(int(r["total"]) for r in completed) == figures.total
    for name, component in (("air", "water"), ("beban", "fixed"), ("denda", "fines"), ("meterai", "stamp_duty")):
        assert sum(int(r[name]) for r in completed) == getattr(figures.components, component), name
    assert sum(int(r["angsuran"]) for r in completed) == figures.components.terms + figures.components.down_payments
    assert {r["status"] for r in late_rows} == {"completed", "void"}
    late_sum = sum(r.total for r in figures.late if r.status == "completed")
    assert sum(int(r["total"]) for r in late_rows if r["status"] == "completed") == late_sum


def test_amounts_are_plain_integers_and_dates_iso():
    figures = day(50, 2)
    rows = read(receipts_csv(figures))
    for row in rows:
        for name in ("air", "beban", "denda", "angsuran", "meterai", "total"):
            assert row[name].isdigit(), (name, row[name])
        assert row["tanggal"] == "2025-11-24"
        moment = dt.datetime.fromisoformat(row["waktu_bayar"])
        assert moment.utcoffset() == dt.timedelta(hours=8)
        assert row["metode"] in {"cash", "transfer", "qris", "debit"}
    big = next(r for r in rows if r["no_kuitansi"] == figures.receipts[5].receipt_no)
    assert big["total"] == "6502500" and big["meterai"] == "10000"
    assert rows[0]["waktu_bayar"] == "2025-11-24T08:00:00+08:00"


def test_text_that_looks_like_a_formula_gets_an_apostrophe():
    rows = read(receipts_csv(day(10, 2)))
    assert rows[4]["nama"] == "'=HYPERLINK(\"x\")"
    assert all(not r["nama"].startswith(("=", "+", "-", "@")) for r in rows)
    assert [safe(t) for t in ("=1+1", "+62", "-5", "@SUM(A1)", "\tx", "Budi", "", "a=b")] == \
        ["'=1+1", "'+62", "'-5", "'@SUM(A1)", "'\tx", "Budi", "", "a=b"]


def test_names_with_commas_quotes_and_accents_survive():
    rows = read(receipts_csv(day(10, 2)))
    names = {r["nama"] for r in rows}
    assert "MARIA GONÇALVES ARAÚJO DA COSTA “MAMA ROSA” FERNANDES" in names
    assert "Toko Sinar Jaya & Anak" in names and "Ñoño Süßmann" in names


def test_summary_csv_has_totals_components_and_breakdowns():
    figures = day(200, 4, late=3)
    text = summary_csv(figures)
    assert text.splitlines()[0] == ",".join(SUMMARY_HEADER)
    rows = read(text)
    by = {(r["section"], r["label"]): r for r in rows}
    assert by[("ringkasan", "diterima")] == {"section": "ringkasan", "label": "diterima", "count": str(figures.count),
                                              "amount": str(figures.total)}
    assert int(by[("ringkasan", "tunai")]["amount"]) == figures.cash_total
    assert int(by[("ringkasan", "setoran")]["amount"]) == figures.deposit.amount
    assert by[("ringkasan", "batal")]["count"] == "5"
    components = [r for r in rows if r["section"] == "komponen"]
    assert [r["label"] for r in components] == ["air", "beban", "denda", "meterai", "angsuran", "uang_muka",
                                                "biaya_lain", "pembulatan", "jumlah_diterima",
                                                "keringanan_tidak_diterima"]
    assert sum(int(r["amount"]) for r in components[:7]) == int(by[("komponen", "jumlah_diterima")]["amount"]) \
        == figures.total
    assert all(r["count"] == "" for r in components)
    for section in ("loket", "kasir", "metode", "golongan_tarif", "jam"):
        part = [r for r in rows if r["section"] == section]
        assert part and sum(int(r["amount"]) for r in part) == figures.total, section
        assert sum(int(r["count"]) for r in part) == figures.count, section
    assert {r["label"] for r in rows if r["section"] == "metode"} == {"cash", "transfer", "qris", "debit"}


def test_an_empty_day_is_a_header_and_zeros():
    figures = empty_day()
    assert read(receipts_csv(figures)) == []
    rows = read(summary_csv(figures))
    assert {(r["label"], r["amount"]) for r in rows if r["section"] == "ringkasan"} == \
        {("diterima", "0"), ("tunai", "0"), ("batal", "0"), ("terlambat", "0")}  # no deposit row


def test_refunds_are_a_summary_line_of_their_own():
    figures = dataclasses.replace(day(40, 2, late=0), refunds=25_000)
    by = {(r["section"], r["label"]): r for r in read(summary_csv(figures))}
    assert int(by[("ringkasan", "pengembalian_uang")]["amount"]) == 25_000
    assert int(by[("ringkasan", "tunai_untuk_disetor")]["amount"]) == figures.cash_total - 25_000
    assert ("ringkasan", "pengembalian_uang") not in {(r["section"], r["label"]) for r in read(summary_csv(day(40, 2)))}


def test_csv_carries_the_non_cash_references_and_the_bills_by_year():
    figures = day(120, 3, late=0)
    rows = {r["no_kuitansi"]: r for r in read(receipts_csv(figures))}
    for receipt in figures.receipts:
        assert rows[receipt.receipt_no]["referensi"] == receipt.reference
    assert any(r["referensi"] for r in rows.values()) and RECEIPT_HEADER[-1] == "referensi"  # added at the end
    summary = {(r["section"], r["label"]): (int(r["count"]), int(r["amount"])) for r in read(summary_csv(figures))
               if r["section"] == "rekening"}
    current, arrears = figures.bill_years
    assert summary["rekening", "tahun_berjalan"] == (current.count, current.amount)
    assert summary["rekening", "tunggakan"] == (arrears.count, arrears.amount)
