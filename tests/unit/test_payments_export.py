"""The payments export's rows, from the rows its queries give, for any payments
(hypothesis): on every row the components make the amount, a payment's rows and
its stamp duty and cash rounding (both on its first row only) make its total,
the credit it used stands on its first row, the counted rows make the day's
total and, less the credit, the money taken, what a plan waived stands beside
its first term in no sum, and every text a spreadsheet would run as a formula is
written as text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from counter.central.finance import COMPONENTS, EXPORT_HEADER, PlanNote, export_lines, write_payments_csv

ZONE = ZoneInfo("Asia/Makassar")
DAY = dt.date(2026, 12, 7)
PARTS = ("air", "beban", "pemeliharaan_meter", "administrasi", "denda", "angsuran", "uang_muka", "biaya_lain")
money = st.integers(0, 10**9)
PLAN = uuid.UUID(int=7)
NOTE = PlanNote("0001/ANGS/KPG-L01/XII/2026", 0, 123_456)


@st.composite
def payment(draw: st.DrawFn, source: str) -> dict:
    """A payment as its query rows (one per line, in order), and its total."""
    bills = draw(st.lists(st.tuples(*[money] * 5), min_size=0 if source == "counter" else 1, max_size=6))
    terms = draw(st.lists(st.sampled_from([0, 1, 2]), max_size=2, unique=True)) if source == "counter" else []
    if not bills and not terms:
        terms = [1]
    term_amounts = [draw(st.integers(1, 10**9)) for _ in terms]
    duty = draw(st.sampled_from([0, 10_000]))
    rounding = draw(st.integers(-500, 500)) if source == "counter" else 0  # channels have none
    status = draw(st.sampled_from(["completed", "void"] if source == "counter" else ["completed", "reversed"]))
    text = st.text(alphabet="=+-@ \tAB1/-", min_size=1, max_size=12)
    head = {"payment_id": uuid.uuid4(), "business_date": DAY, "office": "KPG",
            "point": "L01" if source == "counter" else "BANK-NTT", "voucher": draw(text),
            "pay_reference": draw(text) if source == "counter" else "", "customer": draw(text),
            "paid_at": dt.datetime(2026, 12, 7, 2, 30, tzinfo=dt.timezone.utc),
            "method": draw(st.sampled_from(["cash", "transfer", "qris"])) if source == "counter" else "channel",
            "status": status, "stamp_duty": duty, "rounding": rounding, "credit_used": 0,
            "paper_no": draw(st.sampled_from(["", "KM-0042", "=1+2"])) if source == "counter" else ""}
    rows = [{**head, "kind": "bill", "period": 202500 + n + 1, "plan_id": None, "term_seq": None,
             **dict(zip(COMPONENTS, parts, strict=True)), "amount": sum(parts)} for n, parts in enumerate(bills)]
    rows += [{**head, "kind": "down_payment" if seq == 0 else "term", "period": 0, "plan_id": PLAN, "term_seq": seq,
              **dict.fromkeys(COMPONENTS, 0), "amount": amount}
             for seq, amount in zip(terms, term_amounts, strict=True)]
    charges = draw(st.lists(st.sampled_from(["BALIK-NAMA", "BUKA-SEGEL"]), max_size=2, unique=True)) \
        if source == "counter" else []
    rows += [{**head, "kind": "charge", "period": 0, "plan_id": None, "term_seq": None,
              **dict.fromkeys(COMPONENTS, 0), "amount": draw(money), "charge_code": code} for code in charges]
    for row in rows:
        row.setdefault("charge_code", "")
    total = sum(r["amount"] for r in rows) + duty + rounding
    credit = draw(st.integers(0, max(total, 0))) if source == "counter" else 0
    for row in rows:
        row["credit_used"] = credit
    return {"rows": rows, "total": total, "credit": credit, "rounding": rounding, "status": status, "terms": terms,
            "paper_no": head["paper_no"]}


days = st.tuples(st.lists(payment("counter"), max_size=6), st.lists(payment("channel"), max_size=6))


def exported(counter: list[dict], channel: list[dict]) -> tuple[list[dict], object, str]:
    lines = [*export_lines((r for p in counter for r in p["rows"]), "counter", {PLAN: NOTE}),
             *export_lines((r for p in channel for r in p["rows"]), "channel", {})]
    out = io.StringIO(newline="")
    summary = write_payments_csv(iter(lines), out, ZONE)
    return list(csv.DictReader(io.StringIO(out.getvalue(), newline=""))), summary, out.getvalue()


@settings(max_examples=150)
@given(days)
def test_every_column_adds_up(day):
    counter, channel = day
    rows, summary, text = exported(counter, channel)
    assert text.startswith(",".join(EXPORT_HEADER) + "\r\n")
    everything = [*counter, *channel]
    assert len(rows) == summary.rows == sum(len(p["rows"]) for p in everything)
    for row in rows:
        assert sum(int(row[c]) for c in PARTS) == int(row["jumlah"])
        assert row["dihitung"] == ("1" if row["status"] == "completed" else "0")
        assert dt.datetime.fromisoformat(row["waktu_bayar"]).isoformat() == "2026-12-07T10:30:00+08:00"
    taken = credit = rounding = 0
    for p, mine in zip(everything, _grouped(rows), strict=True):
        assert sum(int(r["jumlah"]) + int(r["meterai"]) + int(r["pembulatan"]) for r in mine) == p["total"]
        assert (int(mine[0]["pembulatan"]), int(mine[0]["kredit_dipakai"])) == (p["rounding"], p["credit"])
        assert all(r["meterai"] == r["pembulatan"] == r["kredit_dipakai"] == "0" for r in mine[1:])
        assert {r["no_kuitansi_manual"].removeprefix("'") for r in mine} == {p["paper_no"]}
        if p["status"] == "completed":
            taken, credit, rounding = taken + p["total"], credit + p["credit"], rounding + p["rounding"]
    counted = [r for r in rows if r["dihitung"] == "1"]
    assert sum(int(r["jumlah"]) + int(r["meterai"]) + int(r["pembulatan"]) for r in counted) == taken \
        == summary.total
    assert sum(int(r["kredit_dipakai"]) for r in counted) == credit == summary.credit_used
    assert sum(int(r["pembulatan"]) for r in counted) == rounding == summary.rounding
    assert summary.received == taken - credit
    assert summary.payments + summary.not_counted == len(everything)


@settings(max_examples=100)
@given(days)
def test_a_waiver_stands_beside_the_plan_s_first_term_only(day):
    counter, channel = day
    rows, _, _ = exported(counter, channel)
    for row in rows:
        first = row["jenis_baris"] == "down_payment" and row["angsuran_ke"] == "0"
        assert int(row["keringanan"]) == (NOTE.waived if first else 0)
        assert row["rencana"] == (NOTE.plan_no if row["jenis_baris"] in ("term", "down_payment") else "")
        charge = row["jenis_baris"] == "charge"  # an other charge: its amount in biaya_lain, with its code
        assert (int(row["biaya_lain"]) == int(row["jumlah"])) if charge else row["biaya_lain"] == "0"
        assert bool(row["kode_biaya"]) == charge
        assert (row["bulan"] == "") == (row["jenis_baris"] != "bill")
        assert int(row["uang_muka"]) == (int(row["jumlah"]) if row["jenis_baris"] == "down_payment" else 0)
        assert int(row["angsuran"]) == (int(row["jumlah"]) if row["jenis_baris"] == "term" else 0)


@settings(max_examples=100)
@given(days)
def test_no_text_starts_a_formula(day):
    rows, _, _ = exported(*day)
    for row in rows:
        for name in ("no_bukti", "referensi_bayar", "no_sambungan", "rencana", "no_kuitansi_manual"):
            assert not row[name].startswith(("=", "+", "-", "@", "\t", "\r")), row[name]


def _grouped(rows: list[dict]) -> list[list[dict]]:
    groups: list[list[dict]] = []
    for row in rows:
        if not groups or groups[-1][0]["id_pembayaran"] != row["id_pembayaran"]:
            groups.append([])
        groups[-1].append(row)
    return groups
