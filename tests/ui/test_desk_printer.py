"""Receipts at the desk: printed after the payment on the worker; a dead printer
is shown in the status bar, never undoes the payment; retry, PDF and F8 copies."""

from __future__ import annotations

import dataclasses
import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from counter.models import Payment
from counter.services import print_queue
from counter.ui.main_window import MainWindow
from tests.conftest import AS_OF, clock_at, make_app
from tests.integration.shift_helpers import on_shift
from tests.printer_server import PrinterServer, free_port
from tests.ui.desk_helpers import customer_owing, pay_cash, payments, press, show


def open_window(qtbot, app):  # noqa: ANN001, ANN201
    """The desk on `app`, its user's shift open."""
    desk = on_shift(app, dataclasses.replace(app.desk(), clock=clock_at(AS_OF)))
    window = show(qtbot, MainWindow(app, desk))
    qtbot.waitUntil(lambda: window.shift is not None, timeout=5000)
    return window


@pytest.fixture
def network(demo_template, tmp_path):  # noqa: ANN001, ANN201
    """A store whose printer is a network printer on a port nobody listens on (yet)."""
    folder = tmp_path / "counter"
    shutil.copytree(demo_template, folder)
    port = free_port()
    application = make_app(folder, "printer.kind=network", "printer.host=127.0.0.1", f"printer.port={port}",
                           "printer.timeout_ms=500")
    yield application, port
    application.engine.dispose()


@pytest.fixture
def network_window(qtbot, network, messages):  # noqa: ANN001, ANN201
    app, _port = network
    win = open_window(qtbot, app)
    yield win
    win.close()
    win.runner.wait()


def reprint_count(app, receipt_no: str) -> int:  # noqa: ANN001
    with app.uow() as uow:
        return uow.session.scalar(select(Payment.reprint_count).where(Payment.receipt_no == receipt_no))


def test_without_a_printer_the_receipt_is_saved_as_pdf(qtbot, app, window, messages):
    assert app.config.printer.kind == "none"
    assert window.printer.label.text() == "Printer: belum mencetak"
    receipt_no = pay_cash(qtbot, window, customer_owing(app, 1))
    pdf = app.config.store.data_dir / "receipts" / f"{receipt_no}.pdf"
    qtbot.waitUntil(lambda: window.printer.state == "ready", timeout=10_000)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert window.printer.label.text() == "Tanpa printer: struk disimpan sebagai PDF"  # not "siap": nothing printed
    assert "#7a4f00" in window.printer.label.styleSheet()  # amber words, not colour alone
    assert str(pdf) in window.printer.label.toolTip()
    assert not window.printer.retry_button.isVisible() and not window.printer.pdf_button.isVisible()
    assert [j.status for j in print_queue.jobs(app.uow())] == ["pdf"]
    assert messages.shown == []
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search)


def test_f8_prints_a_copy_of_the_last_receipt(qtbot, app, window, messages):
    press(qtbot, Qt.Key.Key_F8)  # nothing paid yet: nothing to copy
    assert window.printer.label.text() == "Printer: belum ada struk untuk dicetak ulang"
    receipt_no = pay_cash(qtbot, window, customer_owing(app, 1))
    qtbot.waitUntil(lambda: window.printer.state == "ready", timeout=10_000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search)
    press(qtbot, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: window.printer.state == "ready" and window.printer.last_job.copy_number == 1,
                    timeout=10_000)
    assert reprint_count(app, receipt_no) == 1
    copy = app.config.store.data_dir / "receipts" / f"{receipt_no}-salinan-1.pdf"
    assert copy.read_bytes().startswith(b"%PDF")
    assert messages.shown == []


def test_a_dead_printer_keeps_the_payment_and_retry_prints_once_it_is_back(
        qtbot, network, network_window, messages):
    app, port = network
    window = network_window
    number = customer_owing(app, 1)
    receipt_no = pay_cash(qtbot, window, number)
    qtbot.waitUntil(lambda: window.printer.state == "failed", timeout=10_000)

    # the payment is committed and the desk is free for the next customer
    assert [p[5] for p in payments(app, number)] == [receipt_no]
    assert receipt_no in window.banner.text() and messages.shown == []
    text = window.printer.label.text()
    assert text.startswith("Printer: GAGAL – Printer tidak tersambung") and f"127.0.0.1:{port}" in text
    assert "#b71c1c" in window.printer.label.styleSheet()
    assert "Connection refused" in window.printer.label.toolTip()  # the whole reason
    assert window.printer.retry_button.isVisible() and window.printer.pdf_button.isVisible()
    assert window.printer.retry_button.text() == "Cetak ulang [F8]"
    [job] = print_queue.jobs(app.uow())
    assert job.status == "failed" and job.attempts == 1

    window.grab().save("/tmp/desk-printer-failed.png")

    # the printer is back: F8 retries the failed receipt (not a copy)
    server = PrinterServer(port)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search)
    press(qtbot, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: window.printer.state == "ready", timeout=10_000)
    server.close()
    assert receipt_no.encode() in bytes(server.received)
    assert window.printer.label.text() == "Printer: siap"
    assert not window.printer.retry_button.isVisible() and not window.printer.pdf_button.isVisible()
    [job] = print_queue.jobs(app.uow())
    assert job.status == "printed" and job.attempts == 2 and job.copy_number == 0
    assert reprint_count(app, receipt_no) == 0


def test_the_retry_button_fails_again_and_simpan_pdf_saves_the_receipt(
        qtbot, network, network_window, messages):
    app, _port = network
    window = network_window
    receipt_no = pay_cash(qtbot, window, customer_owing(app, 1))
    qtbot.waitUntil(lambda: window.printer.state == "failed", timeout=10_000)
    qtbot.mouseClick(window.printer.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.printer.state == "failed", timeout=10_000)
    [job] = print_queue.jobs(app.uow())
    assert job.status == "failed" and job.attempts == 2

    qtbot.mouseClick(window.printer.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.printer.state == "pdf", timeout=10_000)
    pdf = app.config.store.data_dir / "receipts" / f"{receipt_no}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert window.printer.label.text() == "Printer: struk disimpan ke PDF"
    assert str(pdf) in window.printer.label.toolTip()
    assert not window.printer.retry_button.isVisible()
    assert [j.status for j in print_queue.jobs(app.uow())] == ["pdf"]
    assert messages.shown == []
