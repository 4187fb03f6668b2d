"""A refund prints its slip (bukti pengembalian uang) where receipts go: on the
configured thermal printer (the bytes a network printer received, decoded), or
as a PDF in DATA_DIR/receipts (read back with pypdf); printed again it is a
counted copy. The refund is in the shift's Z-report and status as money out.
Real stores (SQLite files), a real embedded central, the real command line."""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from counter.application import print_refund_slip, refund_then_print
from counter.errors import NotFound
from counter.models import AuditRecord, Refund
from counter.rules.money import format_rupiah, in_words
from counter.rules.instalments import document_number
from counter.rules.period import label
from tests.integration.test_plans import SUPERVISOR
from tests.integration.test_refunds_and_late_cash import paid_twice
from tests.integration.test_sync import two_counters  # noqa: F401
from tests.printer_server import PrinterServer
from tests.printing.test_escpos import decode


def pdf_text(path: Path | str) -> str:
    """The PDF's text with runs of blanks as one space."""
    reader = PdfReader(io.BytesIO(Path(path).read_bytes()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def receipts_of(two, one):  # noqa: ANN001, ANN201
    """The receipts of the two payments of the bill: the first (L01's, applied), the second (L02's, credit)."""
    from counter.models import Payment

    numbers = []
    for counter in (one, two):
        with counter.uow() as uow:
            numbers.append(uow.session.scalars(select(Payment.receipt_no)).one())
    return numbers


def test_the_refund_writes_its_slip_as_a_pdf_where_receipts_go_without_a_printer(two_counters):  # noqa: F811
    one, two, desks, number, conflict = paid_twice(two_counters, 200_000)
    first, second = receipts_of(two, one)
    assert conflict.receipt_no == second  # central kept the second payment's money as credit

    done = refund_then_print(one.app, desks[0], conflict.id, SUPERVISOR, one.central)
    refund, printed = done.refund, done.printed
    assert refund.slip_no == document_number(1, "BPU", "KPG-L01", desks[0].today())  # 0001/BPU/KPG-L01/XI/2025
    assert printed.status == "pdf" and printed.copy_number == 0 and done.print_error == ""
    path = Path(printed.pdf_path)
    assert path.parent == one.config.store.data_dir / "receipts"
    assert path.name == f"pengembalian-{refund.slip_no.replace('/', '-')}.pdf"
    text = pdf_text(path)
    with one.uow() as uow:
        row = uow.session.scalars(select(Refund)).one()
        assert row.slip_no == refund.slip_no and row.printed_at is not None and row.copies == 0
        assert row.detail == {"period": conflict.detail["period"], "receipt_no": second, "first_paid": first}
    for expected in ("BUKTI PENGEMBALIAN UANG", f"No. {refund.slip_no}", number, f"Konflik {conflict.id}",
                     f"Rekening {label(conflict.detail['period'])}", f"Bayar ke-1 {first}", f"Bayar ke-2 {second}",
                     f"DIKEMBALIKAN {format_rupiah(conflict.amount)}", f"Terbilang: {in_words(conflict.amount)}",
                     "Disetujui oleh: ", "Diterima oleh,", "Diserahkan oleh,", "Kasir,", "Pelanggan,"):
        assert expected in text, expected
    assert "SALINAN" not in text

    again = print_refund_slip(one.app, desks[0], refund.slip_no)  # printed again: a copy, counted and audited
    assert again.status == "pdf" and again.copy_number == 1 and again.pdf_path.endswith("-salinan-1.pdf")
    assert "SALINAN ke-1" in pdf_text(again.pdf_path)
    assert print_refund_slip(one.app, desks[0], str(conflict.id)).copy_number == 2  # by the conflict's number
    with one.uow() as uow:
        assert uow.session.scalars(select(Refund.copies)).one() == 2
        assert uow.session.scalar(select(AuditRecord.subject).where(AuditRecord.action == "refund.reprinted")) \
            == refund.slip_no
    with pytest.raises(NotFound):
        print_refund_slip(one.app, desks[0], "9999/BPU/KPG-L01/XI/2025")


def test_the_slip_prints_on_the_thermal_printer_at_58_mm(two_counters, monkeypatch):  # noqa: F811
    one, two, desks, number, conflict = paid_twice(two_counters, 200_000)
    printer = PrinterServer()
    try:
        config = one.app.config
        settings = dataclasses.replace(config.printer, kind="network", host="127.0.0.1", port=printer.port,
                                       paper="58mm", status_timeout_ms=0)
        monkeypatch.setattr(one.app, "config", dataclasses.replace(config, printer=settings))
        done = refund_then_print(one.app, desks[0], conflict.id, SUPERVISOR, one.central)
    finally:
        printer.close()
    assert done.printed.status == "printed", done.printed
    printed = decode(bytes(printer.received))
    assert printed.endswith("[CUT]\n")
    lines = printed[:-len("[CUT]\n")].splitlines()
    assert all(len(line) <= 32 for line in lines), [line for line in lines if len(line) > 32]
    assert "BUKTI PENGEMBALIAN UANG" in lines and f"No. {done.refund.slip_no}" in lines
    amount = format_rupiah(conflict.amount)
    assert any(line.startswith("DIKEMBALIKAN") and line.endswith(amount) for line in lines)
    words = " ".join(printed.split("Terbilang: ", 1)[1].split("Disetujui", 1)[0].split())
    assert words == in_words(conflict.amount)
    with one.uow() as uow:
        assert uow.session.scalars(select(Refund.printed_at)).one() is not None


def test_a_printer_that_is_off_leaves_the_refund_and_its_original_to_print(two_counters, monkeypatch):  # noqa: F811
    from tests.printer_server import free_port

    one, two, desks, number, conflict = paid_twice(two_counters, 200_000)
    config = one.app.config
    off = dataclasses.replace(config.printer, kind="network", host="127.0.0.1", port=free_port(), timeout_ms=500)
    monkeypatch.setattr(one.app, "config", dataclasses.replace(config, printer=off))
    done = refund_then_print(one.app, desks[0], conflict.id, SUPERVISOR, one.central)
    assert done.printed.status == "failed" and "Printer tidak tersambung" in done.printed.message
    with one.uow() as uow:
        row = uow.session.scalars(select(Refund)).one()
        assert row.amount == conflict.amount and row.printed_at is None  # paid; its slip not out yet
    monkeypatch.setattr(one.app, "config", config)  # no printer: the PDF, still the original
    again = print_refund_slip(one.app, desks[0], done.refund.slip_no)
    assert again.status == "pdf" and again.copy_number == 0 and "SALINAN" not in pdf_text(again.pdf_path)


def test_refund_from_the_command_line_prints_its_slip_and_the_shift_shows_it(two_counters, capsys,  # noqa: F811
                                                                             monkeypatch):
    from counter.cli import main
    from counter.services.demo import DEMO_PASSWORD, DEMO_PIN

    monkeypatch.setenv("COLUMNS", "300")  # a path on one line
    one, two, desks, number, conflict = paid_twice(two_counters, 200_000)
    data = ["--data-dir", str(one.config.store.data_dir)]
    credentials = ["--pin", DEMO_PIN, "--approver", SUPERVISOR.username, "--approver-pin", DEMO_PASSWORD]
    assert main([*data, "refund", "--conflict", str(conflict.id), *credentials]) == 0
    out = " ".join(capsys.readouterr().out.split())
    slip_no = document_number(1, "BPU", "KPG-L01", desks[0].today())
    assert f"Dikembalikan {format_rupiah(conflict.amount)} tunai kepada pelanggan {number}" in out
    pdf = one.config.store.data_dir / "receipts" / f"pengembalian-{slip_no.replace('/', '-')}.pdf"
    assert f"No. bukti {slip_no}" in out and f"Bukti pengembalian {slip_no}: PDF {pdf}" in out
    assert f"DIKEMBALIKAN {format_rupiah(conflict.amount)}" in pdf_text(pdf)

    assert main([*data, "refund", "show", slip_no]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert "BUKTI PENGEMBALIAN UANG" in shown and all(len(line) <= 48 for line in shown)
    assert main([*data, "refund", "print", "--conflict", str(conflict.id), "--pin", DEMO_PIN, "--json"]) == 0
    copy = json.loads(capsys.readouterr().out)
    assert copy["copy_number"] == 1 and copy["status"] == "pdf" and Path(copy["pdf_path"]).is_file()
    out_dir = one.config.store.data_dir / "elsewhere"
    assert main([*data, "refund", "pdf", slip_no, "--out", str(out_dir), "--pin", DEMO_PIN]) == 0
    assert "SALINAN ke-2" in capsys.readouterr().out and len(list(out_dir.glob("*.pdf"))) == 1
    assert main([*data, "refund", "print", "--pin", DEMO_PIN]) == 2  # which slip?
    assert "nomor bukti pengembalian" in capsys.readouterr().err

    assert main([*data, "shift", "status"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert f"- pengembalian uang {format_rupiah(conflict.amount)} = seharusnya" in out
    assert main([*data, "shift", "z", "--text"]) == 0
    z = capsys.readouterr().out.splitlines()
    refund_line = next(line for line in z if line.startswith("Pengembalian uang"))
    assert refund_line.endswith(f"-{format_rupiah(conflict.amount)}")
