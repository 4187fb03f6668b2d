"""A channel's settlement file reconciled against central, on real PostgreSQL:
every category, paying what central lacks (once), a malformed file that
changes nothing, no reversal after the day is settled, the CSV and PDF
reports, and `counter central channel reconcile` end to end."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import subprocess

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter.central import channels
from counter.central.settlement import SettlementFileError, read_settlement, reconcile
from counter.cli import main
from counter.models import Bill, Channel, ChannelPayment, ChannelPaymentLine, ChannelSettlement, Customer, Office
from counter.printing.settlement_report import settlement_csv, settlement_pdf
from counter.rules.money import format_rupiah
from tests.integration.attack_helpers import owing
from tests.printing.pdf_fonts import fonts

pytestmark = [pytest.mark.postgres, pytest.mark.timeout(180)]
ZONE = channels.ZoneInfo("Asia/Makassar")
HEADER = "reference,customer,amount,periods,paid_at"


def today() -> dt.date:
    return channels.utc_now().astimezone(ZONE).date()


@pytest.fixture
def bank(central):
    """Channel BANK-NTT at central, and connection numbers of KPG customers in arrears."""
    channels.add_channel(central, "BANK-NTT", "Bank NTT")
    with Session(central) as session:
        channel_id = session.scalar(select(Channel.id).where(Channel.code == "BANK-NTT"))
        kpg = session.scalar(select(Office.id).where(Office.code == "KPG"))
        numbers = session.scalars(select(Customer.number).where(Customer.id.in_(owing(kpg)))
                                  .order_by(Customer.id).limit(20)).all()
    return central, channels.Caller(channel_id, "BANK-NTT", frozenset()), numbers


def offer(engine, caller, number: str, day: dt.date, months: int | None = None) -> tuple[list[int], int]:
    """The oldest `months` open bills (all by default) and their total on `day`, as the inquiry offers them."""
    from counter.rules.stamp_duty import stamp_duty
    from counter.services.billing import stamp_rule

    with Session(engine) as session:
        owed = channels.customer_owed(session, caller, channels.key(number), day)
        bills = owed.bills[:months] if months else owed.bills
        subtotal = sum(b["amount"] for b in bills)
        return [b["period"] for b in bills], subtotal + stamp_duty(subtotal, stamp_rule(session, day))


def pay(engine, caller, reference: str, number: str, day: dt.date, months: int | None = 1) -> dict:
    periods, total = offer(engine, caller, number, day, months)
    return channels.pay(engine, caller, {"reference": reference, "customer": number, "periods": periods,
                                         "amount": total}, ZONE, on=day)


def settlement(*rows: str, header: str = HEADER) -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode()


def state(engine) -> dict:
    """Everything a refused reconciliation must leave as it was."""
    with engine.connect() as connection:
        return {"payments": connection.execute(select(ChannelPayment.reference, ChannelPayment.status,
                                                      ChannelPayment.business_date)
                                               .order_by(ChannelPayment.reference)).all(),
                "lines": connection.scalar(select(func.count()).select_from(ChannelPaymentLine)),
                "bills": connection.execute(select(Bill.id, Bill.status, Bill.payment_id).order_by(Bill.id)).all(),
                "settled": connection.execute(select(ChannelSettlement.business_date,
                                                     ChannelSettlement.file_sha256)).all()}


def by_reference(figures) -> dict:
    return {line.reference: line for line in figures.lines}


def test_every_category_is_found_and_the_day_is_recorded(bank):
    engine, caller, numbers = bank
    day, yesterday = today(), today() - dt.timedelta(days=1)
    matched = pay(engine, caller, "TRX-MATCH", numbers[0], day)
    differs = pay(engine, caller, "TRX-AMOUNT", numbers[1], day)
    other_customer = pay(engine, caller, "TRX-WHO", numbers[2], day)
    only_central = pay(engine, caller, "TRX-CENTRAL", numbers[3], day)
    reversed_ = pay(engine, caller, "TRX-REVERSED", numbers[4], day)
    channels.reverse(engine, caller, {"reference": "TRX-REVERSED"}, ZONE)
    earlier = pay(engine, caller, "TRX-EARLIER", numbers[5], yesterday)
    later_periods, later_total = offer(engine, caller, numbers[6], day, 1)
    data = settlement(
        f"TRX-MATCH,{numbers[0]},{matched['total']},{matched['periods'][0]},{day}T09:15:00+08:00",
        f"TRX-AMOUNT,{numbers[1]},{differs['total'] + 1000},,",
        f"TRX-WHO,{numbers[7]},{other_customer['total']},,",
        f"TRX-REVERSED,{numbers[4]},{reversed_['total']},,",
        f"TRX-EARLIER,{numbers[5]},{earlier['total']},,",
        f"TRX-MISSING,{numbers[6]},{later_total},{later_periods[0]},")
    figures = reconcile(engine, "bank-ntt", day, data, "settlement.csv", ZONE)  # no one confirmed: nothing paid
    lines = by_reference(figures)
    assert {ref: line.category for ref, line in lines.items()} == {
        "TRX-MATCH": "matched", "TRX-AMOUNT": "differs", "TRX-WHO": "differs", "TRX-REVERSED": "reversed_at_central",
        "TRX-EARLIER": "other_date", "TRX-MISSING": "missing_at_central", "TRX-CENTRAL": "missing_in_file"}
    assert [line.reference for line in figures.lines][-1] == "TRX-CENTRAL"  # central's own after the file's
    assert lines["TRX-AMOUNT"].difference == 1000 and "selisih Rp 1.000" in lines["TRX-AMOUNT"].note
    assert f"pelanggan berkas {numbers[7]}, pusat {numbers[2]}" in lines["TRX-WHO"].note
    assert lines["TRX-EARLIER"].note.startswith(f"di pusat tanggal {yesterday}")
    assert lines["TRX-MISSING"].note == "belum diterapkan (tidak dikonfirmasi)" and lines["TRX-MISSING"].line == 7
    assert lines["TRX-CENTRAL"].line is None and lines["TRX-CENTRAL"].central_amount == only_central["total"]
    assert lines["TRX-CENTRAL"].paid_at.endswith("+08:00")  # central's time, in central's zone
    assert lines["TRX-REVERSED"].note.startswith("dibatalkan kanal pukul ")
    assert lines["TRX-MATCH"].paid_at == f"{day}T09:15:00+08:00" and lines["TRX-MATCH"].line == 2

    assert figures.tally("differs").count == 2
    assert figures.tally("differs").file_amount == differs["total"] + 1000 + other_customer["total"]
    assert figures.file_count == 6 and figures.applied_now == 0
    central_day = matched["total"] + differs["total"] + other_customer["total"] + only_central["total"]
    assert (figures.central_count, figures.central_total) == (4, central_day)
    with Session(engine) as session:
        settled = session.get(ChannelSettlement, (caller.id, day))
        assert settled.file_sha256 == figures.file_sha256 == read_settlement(data, "x").sha256
        assert settled.summary["categories"]["differs"]["count"] == 2 and settled.summary["runs"] == 1
        assert settled.summary["file_total"] == figures.file_total
        assert session.scalar(select(func.count()).select_from(ChannelPayment)
                              .where(ChannelPayment.reference == "TRX-MISSING")) == 0


def test_what_central_lacks_is_paid_from_the_file_once(bank):
    engine, caller, numbers = bank
    day = today() - dt.timedelta(days=2)  # a past day: fines as of that day
    first = pay(engine, caller, "TRX-1", numbers[0], day, months=None)  # all of numbers[0]'s bills
    named, named_total = offer(engine, caller, numbers[1], day, 2)
    guessed, guessed_total = offer(engine, caller, numbers[2], day, 1)
    wrong, wrong_total = offer(engine, caller, numbers[3], day, 1)
    data = settlement(
        f"TRX-1,{numbers[0]},{first['total']},,",
        f"TRX-2,{numbers[1]},{named_total},{';'.join(map(str, named))},",
        f"TRX-3,{numbers[2]},{guessed_total},,",  # no months: the oldest bills of that amount
        f"TRX-4,{numbers[3]},{wrong_total + 7},,",  # no bills add up to it
        f"TRX-5,{numbers[0]},{first['total']},,",  # bills already paid (by TRX-1)
        f"TRX-6,{numbers[4]},1000,{wrong[0]},")  # a month not offered
    asked = []
    figures = reconcile(engine, "BANK-NTT", day, data, "settlement.csv", ZONE,
                        lambda preview: asked.append(preview.tally("missing_at_central").count) or True)
    assert asked == [5]
    lines = by_reference(figures)
    assert {ref: line.category for ref, line in lines.items()} == {
        "TRX-1": "matched", "TRX-2": "applied", "TRX-3": "applied", "TRX-4": "missing_at_central",
        "TRX-5": "missing_at_central", "TRX-6": "missing_at_central"}
    assert figures.applied_now == 2 and lines["TRX-2"].note == "diterapkan pada rekonsiliasi ini"
    assert lines["TRX-4"].note.startswith("AMOUNT_MISMATCH") and format_rupiah(wrong_total + 7) in lines["TRX-4"].note
    assert lines["TRX-5"].note.startswith("NOTHING_TO_PAY")
    assert lines["TRX-6"].note.startswith("BILLS_NOT_OFFERED")
    with Session(engine) as session:
        for reference, periods, total in (("TRX-2", named, named_total), ("TRX-3", guessed, guessed_total)):
            payment = session.scalars(select(ChannelPayment).where(ChannelPayment.reference == reference)).one()
            assert (payment.source, payment.business_date, payment.total, payment.status) == (
                "settlement", day, total, "completed")
            paid = session.execute(select(Bill.period, Bill.status, Bill.payment_id).where(
                Bill.payment_id == payment.id).order_by(Bill.period)).all()
            assert [(p, s) for p, s, _ in paid] == [(p, "paid") for p in periods]
        before = state(engine)

    again = reconcile(engine, "BANK-NTT", day, data, "settlement.csv", ZONE, lambda preview: True)
    assert again.applied_now == 0
    assert {ref: line.category for ref, line in by_reference(again).items()} == {
        ref: line.category for ref, line in lines.items()}
    assert by_reference(again)["TRX-2"].note == "diterapkan pada rekonsiliasi sebelumnya"
    after = state(engine)
    assert after["payments"] == before["payments"] and after["bills"] == before["bills"]
    with Session(engine) as session:
        summary = session.get(ChannelSettlement, (caller.id, day)).summary
        assert summary["runs"] == 2 and summary["applied_now"] == 0 and summary["categories"]["applied"]["count"] == 2


def test_fines_of_a_payment_applied_from_the_file_are_those_of_its_day(bank):
    engine, caller, numbers = bank
    day = dt.date(2025, 11, 10)  # before the demo's November bills fell due: no fine on them yet
    periods, total = offer(engine, caller, numbers[8], day)
    assert 202511 in periods and total < offer(engine, caller, numbers[8], today())[1]  # fined since
    figures = reconcile(engine, "BANK-NTT", day, settlement(f"TRX-OLD,{numbers[8]},{total},,"), "s.csv", ZONE,
                        lambda preview: True)
    assert by_reference(figures)["TRX-OLD"].category == "applied"
    with Session(engine) as session:
        payment = session.scalars(select(ChannelPayment).where(ChannelPayment.reference == "TRX-OLD")).one()
        assert (payment.business_date, payment.total) == (day, total)


MALFORMED = {
    "no amount column": (settlement("TRX-1,01-01-000001", header="reference,customer"), "baris 1: baris judul salah",
                         "kolom wajib tidak ada: amount"),
    "an unknown column": (settlement("TRX-1,01-01-000001,5000,x", header="reference,customer,amount,channel"),
                          "baris 1: baris judul salah", "kolom tidak dikenal: channel"),
    "a bad amount": (settlement("TRX-1,{n},5000,,", "TRX-2,{n},15.000,,"), "baris 3: amount '15.000'", ""),
    "a duplicate reference": (settlement("TRX-1,{n},5000,,", "TRX-2,{n},6000,,", "TRX-1,{n},5000,,"),
                              "baris 4: reference 'TRX-1' sudah ada di baris 2", ""),
    "bad months and time": (settlement("TRX-1,{n},5000,202613,kemarin"), "baris 2: bulan rekening '202613'",
                            "paid_at 'kemarin'"),
    "a short row": (settlement("TRX-1,{n},5000,,", "TRX-2,{n}"), "baris 3: berisi 2 kolom", ""),
    "not UTF-8": (settlement("TRX-1,{n},5000,,", "TRX-2,Ndoen \xe9,5000,,").replace(b"\xc3\xa9", b"\xe9"),
                  "baris 3: bukan teks UTF-8", ""),
    "empty": (b"", "settlement.csv: berkas kosong", ""),
    "UTF-16": ("reference,customer,amount\r\n".encode("utf-16"), "UTF-16", ""),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_file_changes_nothing_and_names_the_line(bank, case):
    engine, caller, numbers = bank
    day = today()
    pay(engine, caller, "TRX-KNOWN", numbers[0], day)
    data, said, also = MALFORMED[case]
    data = data.replace(b"{n}", numbers[1].encode())
    before = state(engine)
    with pytest.raises(SettlementFileError) as refused:
        reconcile(engine, "BANK-NTT", day, data, "settlement.csv", ZONE, lambda preview: True)
    message = str(refused.value)
    assert message.startswith("Berkas settlement ditolak, tidak ada yang diterapkan, dicatat atau ditulis")
    assert said in message and also in message, message
    assert state(engine) == before
    channels.reverse(engine, caller, {"reference": "TRX-KNOWN"}, ZONE)  # the day is not settled


def test_every_bad_line_is_named_at_once(bank):
    _, _, numbers = bank
    rows = [f"TRX-{n},{numbers[0]},{'x' if n % 2 else 5000},," for n in range(1, 31)]
    with pytest.raises(SettlementFileError) as refused:
        read_settlement(settlement(*rows), "s.csv")
    message = str(refused.value)
    assert "15 kesalahan" in message and "s.csv baris 2: amount 'x'" in message and "s.csv baris 30:" in message
    with pytest.raises(SettlementFileError) as refused:  # a bad row's reference still counts as used
        read_settlement(settlement(f"TRX-1,{numbers[0]},5.000,,", f"TRX-1,{numbers[0]},5000,,"), "s.csv")
    assert "s.csv baris 3: reference 'TRX-1' sudah ada di baris 2" in str(refused.value)
    header_only = read_settlement(settlement(), "s.csv")
    semicolons = read_settlement(settlement(f'TRX-1;{numbers[0]};5000;"202510;202511";',
                                            header=HEADER.replace(",", ";")), "s.csv")
    assert header_only.rows == () and semicolons.rows[0].periods == (202510, 202511)


def test_no_reversal_once_the_day_is_reconciled(bank):
    engine, caller, numbers = bank
    paid = pay(engine, caller, "TRX-TODAY", numbers[0], today())
    reconcile(engine, "BANK-NTT", today(), settlement(f"TRX-TODAY,{numbers[0]},{paid['total']},,"), "s.csv", ZONE)
    with pytest.raises(channels.ChannelError) as refused:
        channels.reverse(engine, caller, {"reference": "TRX-TODAY"}, ZONE)
    assert refused.value.code == "ALREADY_SETTLED"
    with Session(engine) as session:
        assert session.scalars(select(ChannelPayment.status)).all() == ["completed"]


def test_a_day_not_yet_come_and_an_unknown_channel_are_refused(bank):
    engine, _, numbers = bank
    data = settlement(f"TRX-1,{numbers[0]},5000,,")
    before = state(engine)
    with pytest.raises(channels.InvalidInput, match="belum lewat"):
        reconcile(engine, "BANK-NTT", today() + dt.timedelta(days=1), data, "s.csv", ZONE, lambda preview: True)
    with pytest.raises(channels.NotFound, match="tidak terdaftar"):
        reconcile(engine, "BANK-XYZ", today(), data, "s.csv", ZONE, lambda preview: True)
    assert state(engine) == before


# ---- the reports ------------------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def test_the_csv_and_the_pdf_hold_the_figures(bank, tmp_path):
    engine, caller, numbers = bank
    day = today()
    matched = pay(engine, caller, "TRX-MATCH", numbers[0], day)
    differs = pay(engine, caller, "TRX-AMOUNT", numbers[1], day)
    only_central = pay(engine, caller, "TRX-CENTRAL", numbers[2], day)
    data = settlement(f"TRX-MATCH,{numbers[0]},{matched['total']},,",
                      f"TRX-AMOUNT,{numbers[1]},{differs['total'] - 500},,",
                      f"TRX-PLAIN,{numbers[3]},1234,,",
                      f"-TRX-DASH,{numbers[3]},4321,,")
    figures = reconcile(engine, "BANK-NTT", day, data, "settlement 05.csv", ZONE)

    rows = list(csv.DictReader(io.StringIO(settlement_csv(figures))))
    assert [r["kategori"] for r in rows] == ["cocok", "berbeda", "tidak_ada_di_pusat", "tidak_ada_di_pusat",
                                             "tidak_ada_di_berkas"]
    assert rows[1]["jumlah_berkas"] == str(differs["total"] - 500) and rows[1]["selisih"] == "-500"
    assert rows[1]["jumlah_pusat"] == str(differs["total"]) and rows[1]["baris_berkas"] == "3"
    assert rows[3]["referensi"] == "'-TRX-DASH"  # never a formula in a spreadsheet
    assert rows[4]["referensi"] == "TRX-CENTRAL" and rows[4]["jumlah_berkas"] == "" and rows[4]["baris_berkas"] == ""
    assert rows[4]["jumlah_pusat"] == str(only_central["total"])

    pdf = settlement_pdf(figures)
    text = pdf_text(pdf)
    for piece in ("LAPORAN REKONSILIASI SETTLEMENT KANAL PEMBAYARAN", "BANK-NTT", "Bank NTT", "settlement 05.csv",
                  figures.file_sha256, "Cocok", "Berbeda (1)", "Tidak ada di pusat (2)", "Tidak ada di berkas (1)",
                  "TRX-AMOUNT", "TRX-DASH", "TRX-CENTRAL", "selisih -Rp 500",
                  format_rupiah(figures.file_total), format_rupiah(figures.central_total),
                  format_rupiah(only_central["total"], symbol=False), "Halaman 1 dari"):
        assert piece in text, piece
    assert "TRX-MATCH" not in text  # matched ones are in the CSV only
    reader = PdfReader(io.BytesIO(pdf))
    assert all(abs(float(p.mediabox.width) - 595.28) < 1 for p in reader.pages)
    _, used, embedded = fonts(reader.pages)
    assert embedded and all("DejaVu" in name for name in used)


def test_a_long_report_pages_and_renders(bank, tmp_path):
    engine, _, numbers = bank
    rows = [f"TRX-{n:05d}-{'X' * 40},{numbers[n % 20]},{1000 + n},," for n in range(150)]
    figures = reconcile(engine, "BANK-NTT", today(), settlement(*rows), "besar.csv", ZONE)
    pdf = settlement_pdf(figures)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) > 3 and "TRX-00149" in pdf_text(pdf)
    if shutil.which("pdftoppm") is None:
        pytest.skip("needs pdftoppm (poppler-utils)")
    (tmp_path / "r.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-l", "2", str(tmp_path / "r.pdf"), str(tmp_path / "r")],
                   check=True, capture_output=True, timeout=60)
    pngs = sorted(tmp_path.glob("r-*.png"))
    assert len(pngs) == 2 and all(png.read_bytes().startswith(b"\x89PNG") for png in pngs)


# ---- the command line -------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(capsys, app, pg_url: str, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(app.config.store.data_dir), "central", "channel", "reconcile", *argv,
                 "--url", pg_url])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line_with_yes(capsys, monkeypatch, app, pg_url, bank, tmp_path):
    engine, caller, numbers = bank
    day = today()
    matched = pay(engine, caller, "TRX-MATCH", numbers[0], day)
    missing, missing_total = offer(engine, caller, numbers[1], day, 1)
    (tmp_path / "bank.csv").write_bytes(settlement(f"TRX-MATCH,{numbers[0]},{matched['total']},,",
                                                   f"TRX-NEW,{numbers[1]},{missing_total},{missing[0]},"))
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    out_dir = tmp_path / "laporan"
    code, out, err = run(capsys, app, pg_url, "BANK-NTT", str(tmp_path / "bank.csv"), "--date", day.isoformat(),
                         "--yes", "--out", str(out_dir))
    assert code == 0, err
    assert "Diterapkan dari berkas: 1 dari 1 pembayaran." in out and "Terapkan" not in out
    assert "tercatat sudah direkonsiliasi" in out
    csv_file, pdf_file = out_dir / f"rekonsiliasi-BANK-NTT-{day}.csv", out_dir / f"rekonsiliasi-BANK-NTT-{day}.pdf"
    assert f"Laporan: {csv_file}\n" in out and f"Laporan: {pdf_file}\n" in out
    assert pdf_file.read_bytes().startswith(b"%PDF-")
    assert "diterapkan" in csv_file.read_text()
    with Session(engine) as session:
        payment = session.scalars(select(ChannelPayment).where(ChannelPayment.reference == "TRX-NEW")).one()
        assert payment.source == "settlement" and payment.total == missing_total

    code, out, _ = run(capsys, app, pg_url, "BANK-NTT", str(tmp_path / "bank.csv"), "--date", day.isoformat(),
                       "--yes", "--out", str(out_dir), "--json")
    answer = json.loads(out)
    assert code == 0 and answer["applied_now"] == 0 and answer["categories"]["applied"]["count"] == 1
    assert answer["reports"] == [str(csv_file), str(pdf_file)] and answer["open"] == []


def test_the_command_line_without_yes(capsys, monkeypatch, app, pg_url, bank, tmp_path):
    engine, caller, numbers = bank
    day = today()
    periods, total = offer(engine, caller, numbers[1], day, 1)
    (tmp_path / "bank.csv").write_bytes(settlement(f"TRX-NEW,{numbers[1]},{total},,"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))  # not a terminal: nothing is asked, nothing applied
    code, out, _ = run(capsys, app, pg_url, "BANK-NTT", "bank.csv", "--date", day.isoformat())
    assert code == 1  # something is left to look into
    assert "tidak diterapkan" in out and "--yes" in out and "Terapkan" not in out
    assert (tmp_path / f"rekonsiliasi-BANK-NTT-{day}.pdf").is_file()  # in the current folder
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(ChannelPayment)) == 0

    monkeypatch.setattr("sys.stdin", Terminal("n\n"))  # a terminal: asked, and refused
    code, out, _ = run(capsys, app, pg_url, "BANK-NTT", "bank.csv", "--date", day.isoformat())
    assert "Terapkan 1 pembayaran dari berkas? [y/N]" in out and code == 1
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))  # asked, and agreed
    code, out, _ = run(capsys, app, pg_url, "BANK-NTT", "bank.csv", "--date", day.isoformat())
    assert "Terapkan 1 pembayaran dari berkas? [y/N]" in out and code == 0, out
    assert "Diterapkan dari berkas: 1 dari 1" in out
    with Session(engine) as session:
        assert session.scalars(select(ChannelPayment.reference)).all() == ["TRX-NEW"]
        assert session.get(ChannelSettlement, (caller.id, day)).summary["runs"] == 3


def test_the_command_line_refuses_bad_input_and_writes_nothing(capsys, monkeypatch, app, pg_url, bank, tmp_path):
    engine, caller, numbers = bank
    day = today()
    good, bad = tmp_path / "bank.csv", tmp_path / "rusak.csv"
    good.write_bytes(settlement(f"TRX-1,{numbers[0]},5000,,"))
    bad.write_bytes(settlement(f"TRX-1,{numbers[0]},lima ribu,,"))
    (tmp_path / "a-file").write_text("")
    out_dir = tmp_path / "laporan"
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    before = state(engine)
    for argv, said in (
            (["BANK-XYZ", str(good), "--date", day.isoformat()], "Kanal 'BANK-XYZ' tidak terdaftar"),
            (["BANK-NTT", str(tmp_path / "hilang.csv"), "--date", day.isoformat()], "tidak ada"),
            (["BANK-NTT", str(good), "--date", "05/10/2026"], "Tanggal tidak valid: '05/10/2026'"),
            (["BANK-NTT", str(good)], "--date"),
            (["BANK-NTT", str(bad), "--date", day.isoformat()], "rusak.csv baris 2: amount 'lima ribu'"),
            (["BANK-NTT", str(good), "--date", (day + dt.timedelta(days=3)).isoformat()], "belum lewat"),
            (["BANK-NTT", "--date", day.isoformat()], "Perintah kanal tidak dikenal")):
        code, out, err = run(capsys, app, pg_url, *argv, "--yes", "--out", str(out_dir))
        assert code == 2 and said in err, (argv, err)
    code, _, err = run(capsys, app, pg_url, "BANK-NTT", str(good), "--date", day.isoformat(), "--yes",
                       "--out", str(tmp_path / "a-file"))
    assert code == 2 and "--out harus folder" in err
    code, out, _ = run(capsys, app, pg_url, "BANK-NTT", str(bad), "--date", day.isoformat(), "--json")
    assert code == 2 and "baris 2" in json.loads(out)["error"]
    assert not out_dir.exists() and state(engine) == before


def test_a_revoked_channel_s_last_day_can_still_be_reconciled(capsys, monkeypatch, app, pg_url, bank, tmp_path):
    engine, caller, numbers = bank
    paid = pay(engine, caller, "TRX-1", numbers[0], today())
    channels.revoke_channel(engine, "BANK-NTT")
    (tmp_path / "bank.csv").write_bytes(settlement(f"TRX-1,{numbers[0]},{paid['total']},,"))
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, out, _ = run(capsys, app, pg_url, "BANK-NTT", str(tmp_path / "bank.csv"), "--date", today().isoformat(),
                       "--out", str(tmp_path))
    assert code == 0 and "sudah dicabut" in out
    assert "dicabut" in pdf_text((tmp_path / f"rekonsiliasi-BANK-NTT-{today()}.pdf").read_bytes())


def test_other_channels_add_revoke_list_still_work(capsys, app, pg_url, bank):
    code = main(["--data-dir", str(app.config.store.data_dir), "central", "channel", "list", "--url", pg_url,
                 "--json"])
    out, _ = capsys.readouterr()
    assert code == 0 and [c["code"] for c in json.loads(out)] == ["BANK-NTT"]

