"""Receipts through the print queue: a failed printer never touches the payment."""

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import func, select

from counter.services.demo import DEMO_PIN
from counter.config import PrinterSettings
from counter.errors import InvalidInput, NotFound
from counter.models import AuditRecord, Bill, Customer, Payment
from counter.services import print_queue
from counter.services.billing import quote
from counter.services.payment import pay
from tests.conftest import AS_OF
from tests.printer_server import PAPER_QUERY, PrinterServer, free_port

pytestmark = pytest.mark.usefixtures("till")  # money is taken only into an open shift

LOGO = Path(__file__).parents[2] / "resources" / "logo.png"


def paid_receipt(app, desk) -> str:
    with app.uow() as uow:
        number = uow.session.scalars(
            select(Customer.number).join(Bill, Bill.customer_id == Customer.id)
            .where(Bill.status == "unpaid", Customer.status == "active").limit(1)).first()
        owed = quote(uow.session, number, AS_OF).oldest(1)
    return pay(app.uow(), desk, number, [owed.bills[0].period], "qris").receipt_no


def settings(**values) -> dict:
    return dataclasses.asdict(dataclasses.replace(PrinterSettings(), **values))


def test_without_a_printer_the_receipt_becomes_a_pdf(app, desk, tmp_path):
    receipt_no = paid_receipt(app, desk)
    job = print_queue.queue_receipt(app.uow(), receipt_no)
    done = print_queue.print_job(app.uow(), job, app.config.zone, settings(kind="none"), tmp_path)
    assert done.status == "pdf" and done.pdf_path.endswith(f"{receipt_no}.pdf")
    assert (tmp_path / f"{receipt_no}.pdf").read_bytes().startswith(b"%PDF")


def test_a_network_printer_gets_the_receipt(app, desk, tmp_path):
    receipt_no = paid_receipt(app, desk)
    server = PrinterServer()
    job = print_queue.queue_receipt(app.uow(), receipt_no)
    done = print_queue.print_job(app.uow(), job, app.config.zone,
                                 settings(kind="network", host="127.0.0.1", port=server.port), tmp_path)
    server.close()
    assert done.status == "printed" and done.attempts == 1
    assert receipt_no.encode() in bytes(server.received)


def payment_row(app, receipt_no: str) -> tuple:
    with app.uow() as uow:
        return tuple(uow.session.execute(select(Payment.id, Payment.total, Payment.reprint_count)
                                         .where(Payment.receipt_no == receipt_no)).one())


def test_out_of_paper_the_job_stays_queued_with_the_reason(app, desk, tmp_path):
    receipt_no = paid_receipt(app, desk)
    before = payment_row(app, receipt_no)
    server = PrinterServer(paper="out")
    job = print_queue.queue_receipt(app.uow(), receipt_no)
    failed = print_queue.print_job(app.uow(), job, app.config.zone,
                                   settings(kind="network", host="127.0.0.1", port=server.port), tmp_path)
    server.close()
    assert failed.status == "failed" and failed.attempts == 1
    assert failed.last_error.startswith("Kertas printer habis. ")
    assert bytes(server.received) == PAPER_QUERY  # asked, and sent nothing to print
    assert payment_row(app, receipt_no) == before
    print_queue.retry(app.uow(), job)  # paper replaced
    server = PrinterServer(paper="ok")
    done = print_queue.print_job(app.uow(), job, app.config.zone,
                                 settings(kind="network", host="127.0.0.1", port=server.port), tmp_path)
    server.close()
    assert (done.status, done.attempts, done.last_error) == ("printed", 2, "")
    assert receipt_no.encode() in bytes(server.received)


def test_a_printer_that_ignores_the_status_query_still_prints(app, desk, tmp_path):
    receipt_no = paid_receipt(app, desk)
    server = PrinterServer(paper=None)
    job = print_queue.queue_receipt(app.uow(), receipt_no)
    done = print_queue.print_job(app.uow(), job, app.config.zone,
                                 settings(kind="network", host="127.0.0.1", port=server.port), tmp_path)
    server.close()
    assert (done.status, done.last_error) == ("printed", "")
    assert bytes(server.received).startswith(PAPER_QUERY) and receipt_no.encode() in bytes(server.received)


def test_paper_near_its_end_prints_and_says_so(app, desk, tmp_path):
    receipt_no = paid_receipt(app, desk)
    server = PrinterServer(paper="near_end")
    job = print_queue.queue_receipt(app.uow(), receipt_no)
    done = print_queue.print_job(app.uow(), job, app.config.zone,
                                 settings(kind="network", host="127.0.0.1", port=server.port), tmp_path, logo=LOGO)
    server.close()
    assert (done.status, done.last_error) == ("printed", "Kertas printer hampir habis")
    assert b"\x1dv0" in bytes(server.received)  # the logo went along


def test_the_logo_reaches_the_pdf(app, desk, tmp_path):
    from pypdf import PdfReader

    receipt_no = paid_receipt(app, desk)
    job = print_queue.queue_receipt(app.uow(), receipt_no)
    done = print_queue.print_job(app.uow(), job, app.config.zone, settings(kind="none"), tmp_path, logo=LOGO)
    assert len(PdfReader(done.pdf_path).pages[0].images) == 1


def test_a_dead_printer_leaves_the_payment_and_the_job_for_a_retry(app, desk, tmp_path):
    receipt_no = paid_receipt(app, desk)
    port = free_port()
    job = print_queue.queue_receipt(app.uow(), receipt_no)
    failed = print_queue.print_job(app.uow(), job, app.config.zone,
                                   settings(kind="network", host="127.0.0.1", port=port, timeout_ms=500), tmp_path)
    assert failed.status == "failed" and "Printer" in failed.last_error
    with app.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Payment).where(Payment.receipt_no == receipt_no)) == 1
    print_queue.retry(app.uow(), job)
    sent_to_pdf = print_queue.job_to_pdf(app.uow(), job, app.config.zone, tmp_path, page="A6")
    assert sent_to_pdf.status == "pdf"
    with pytest.raises(InvalidInput, match="tidak sedang gagal"):
        print_queue.retry(app.uow(), job)


def test_reprints_are_copies_counted_and_audited(app, desk, tmp_path):
    receipt_no = paid_receipt(app, desk)
    first = print_queue.reprint(app.uow(), desk, receipt_no)
    second = print_queue.reprint(app.uow(), desk, receipt_no)
    _, copy = print_queue.receipt_of(app.uow(), second, app.config.zone)
    assert copy.copy_number == 2 and copy.copy_printed_by == desk.username and copy.copy_printed_at
    assert [j.copy_number for j in print_queue.jobs(app.uow())] == [1, 2] and first != second
    with app.uow() as uow:
        assert uow.session.scalar(select(Payment.reprint_count).where(Payment.receipt_no == receipt_no)) == 2
        audits = uow.session.scalars(select(AuditRecord.details).where(AuditRecord.action == "reprint")).all()
    assert audits == [{"copy": 1}, {"copy": 2}]
    with pytest.raises(NotFound):
        print_queue.reprint(app.uow(), desk, "KPG-L01-20990101-0001")


def test_receipt_commands(app, desk, capsys):
    import json

    from counter.cli import main

    receipt_no = paid_receipt(app, desk)
    data = ["--data-dir", str(app.config.store.data_dir)]
    assert main([*data, "receipt", "show", receipt_no]) == 0
    assert receipt_no in capsys.readouterr().out
    assert main([*data, "receipt", "pdf", receipt_no, "--page", "A6", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "pdf"
    refused = ["-o", "printer.kind=network", "-o", "printer.host=127.0.0.1", "-o", "printer.port=1",
               "-o", "printer.timeout_ms=300"]
    assert main([*data, *refused, "receipt", "print", receipt_no, "--pin", DEMO_PIN]) == 2
    assert "GAGAL" in capsys.readouterr().out
    failed = [j for j in print_queue.jobs(app.uow()) if j.status == "failed"]
    assert [j.copy_number for j in failed] == [1]
    assert main([*data, "receipt", "retry", str(failed[0].id), "--json"]) == 0  # no printer: to PDF
    assert json.loads(capsys.readouterr().out)["last_error"] == ""
    for args, message in ((["receipt", "show", "NOPE"], "tidak ditemukan"), (["receipt", "print"], "Sebutkan"),
                          (["receipt", "retry", "x"], "antrean tidak valid")):
        assert main([*data, *args]) == 2 and message in capsys.readouterr().err
