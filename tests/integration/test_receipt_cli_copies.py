"""`counter receipt pdf` through the command line on a demo store: the original
is made once; every PDF after it is a copy (SALINAN ke-N), counted and audited
like a reprint, in a file of its own (page size and copy number in the name)
that never overwrites another."""

import io
import json
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import func, select

from counter.models import AuditRecord, Bill, Customer, Payment
from tests.integration.test_cli import desk_pin, run  # noqa: F401 - desk_pin: the desk user's PIN, a fixture


def text_of(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages).split())


def pay_by_cli(capsys, app, *extra) -> str:
    with app.uow() as uow:
        number = uow.session.scalars(
            select(Customer.number).join(Bill, Bill.customer_id == Customer.id)
            .where(Bill.status == "unpaid", Customer.status == "active").limit(1)).one()
    assert run(capsys, app, "shift", "open", "--float", "0")[0] == 0
    code, out, err = run(capsys, app, "pay", number, "--method", "qris", "--reference", "QR-1", *extra, "--json")
    assert code == 0, err
    return json.loads(out)["receipt_no"]


def counted(app, receipt_no: str) -> tuple[int, list]:
    with app.uow() as uow:
        copies = uow.session.scalar(select(Payment.reprint_count).where(Payment.receipt_no == receipt_no))
        audits = uow.session.scalars(select(AuditRecord.details).where(
            AuditRecord.action == "reprint", AuditRecord.subject == receipt_no).order_by(AuditRecord.id)).all()
    return copies, audits


def test_every_pdf_after_the_original_is_a_counted_copy_in_its_own_file(app, capsys):
    receipt_no = pay_by_cli(capsys, app)
    folder = app.config.store.data_dir / "receipts"
    original = folder / f"{receipt_no}.pdf"  # no printer: the original went to PDF as the payment committed
    kept = original.read_bytes()
    assert "SALINAN" not in text_of(original) and counted(app, receipt_no) == (0, [])

    code, out, _ = run(capsys, app, "receipt", "pdf", receipt_no, "--json")
    first = json.loads(out)
    code2, out2, _ = run(capsys, app, "receipt", "pdf", receipt_no, "--json")
    second = json.loads(out2)
    assert (code, code2) == (0, 0)
    assert (first["copy_number"], second["copy_number"]) == (1, 2)
    one, two = (folder / f"{receipt_no}-salinan-1.pdf"), (folder / f"{receipt_no}-salinan-2.pdf")
    assert (first["pdf_path"], second["pdf_path"]) == (str(one), str(two))
    assert "SALINAN ke-1" in text_of(one) and "SALINAN ke-2" in text_of(two)
    assert original.read_bytes() == kept
    copies, audits = counted(app, receipt_no)
    assert copies == 2 and [a["copy"] for a in audits] == [1, 2]

    code, out, _ = run(capsys, app, "receipt", "pdf", receipt_no, "--page", "A6")
    a6 = folder / f"{receipt_no}-salinan-3-A6.pdf"
    assert code in (0, None) and str(a6) in "".join(out.split()) and "SALINAN ke-3" in out  # rich wraps it
    assert "SALINAN ke-3" in text_of(a6) and text_of(two).count("SALINAN ke-2") == 1
    assert counted(app, receipt_no)[0] == 3
    assert sorted(p.name for p in folder.glob(f"{receipt_no}*.pdf")) == sorted(
        [original.name, one.name, two.name, a6.name])


def test_a_receipt_never_printed_gets_its_original_first_then_copies(app, capsys, tmp_path):
    receipt_no = pay_by_cli(capsys, app, "--no-print")
    code, out, _ = run(capsys, app, "receipt", "pdf", receipt_no, "--page", "A6", "--out", str(tmp_path), "--json")
    made = json.loads(out)
    assert code == 0 and made["copy_number"] == 0 and made["pdf_path"] == str(tmp_path / f"{receipt_no}-A6.pdf")
    assert "SALINAN" not in text_of(tmp_path / f"{receipt_no}-A6.pdf") and counted(app, receipt_no)[0] == 0
    code, out, _ = run(capsys, app, "receipt", "pdf", receipt_no, "--page", "A6", "--out", str(tmp_path), "--json")
    assert code == 0 and json.loads(out)["copy_number"] == 1
    assert "SALINAN ke-1" in text_of(tmp_path / f"{receipt_no}-salinan-1-A6.pdf")
    assert counted(app, receipt_no)[0] == 1


def test_a_file_already_there_is_never_overwritten(app, capsys, tmp_path):
    receipt_no = pay_by_cli(capsys, app, "--no-print")
    squatter = tmp_path / f"{receipt_no}.pdf"  # e.g. from a store restored from a backup
    squatter.write_bytes(b"%PDF- not ours")
    code, out, _ = run(capsys, app, "receipt", "pdf", receipt_no, "--out", str(tmp_path), "--json")
    written = json.loads(out)["pdf_path"]
    assert code == 0 and written != str(squatter) and squatter.read_bytes() == b"%PDF- not ours"
    assert written.startswith(str(tmp_path / receipt_no)) and written.endswith(".pdf")
    with app.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Payment)) >= 1


def test_the_head_office_and_call_centre_reach_the_original_and_its_copies(app, capsys):
    settings = ["-o", "receipt.head_office=Jl. Soekarno No. 1, Kupang", "-o", "receipt.call_centre=(0380) 821234"]
    receipt_no = pay_by_cli(capsys, app)  # paid without the settings: they are read when printing
    code, out, _ = run(capsys, app, *settings, "receipt", "pdf", receipt_no, "--page", "A6", "--json")
    made = json.loads(out)
    text = text_of(Path(made["pdf_path"]))
    assert code == 0 and "Kantor pusat: Jl. Soekarno No. 1, Kupang" in text and "Call center: (0380) 821234" in text
    code, out, _ = run(capsys, app, *settings, "receipt", "show", receipt_no)
    assert code == 0 and "Kantor pusat: Jl. Soekarno No. 1, Kupang" in " ".join(out.split())


def test_a_paid_original_carries_the_head_office(app, capsys):
    settings = ["-o", "receipt.head_office=Jl. Soekarno No. 1, Kupang", "-o", "receipt.call_centre=(0380) 821234"]
    assert run(capsys, app, "shift", "open", "--float", "0")[0] == 0
    with app.uow() as uow:
        number = uow.session.scalars(
            select(Customer.number).join(Bill, Bill.customer_id == Customer.id)
            .where(Bill.status == "unpaid", Customer.status == "active").limit(1)).one()
    code, out, _ = run(capsys, app, *settings, "pay", number, "--method", "qris", "--reference", "QR-2", "--json")
    receipt_no = json.loads(out)["receipt_no"]
    text = text_of(app.config.store.data_dir / "receipts" / f"{receipt_no}.pdf")
    assert code == 0 and "Call center: (0380) 821234" in text and "LUNAS" in text
