"""Honest feedback: the desk says what happened, to whom, and nothing it can't back up
(the receipt's PDF named, F8's copy said, no user before signing in, no key a role can't use,
a refusal gone once the next act starts, wording that reads naturally)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter.services import billing
from counter.services.approval import Approval
from counter.services.demo import DEMO_PASSWORD
from counter.services.payment import pay
from counter.services.shifts import open_shift
from counter.services.voids import describe, void_payment
from counter.sync.state import SyncStatus
from counter.ui.main_window import MainWindow
from counter.ui.sync import status_line
from tests.integration.sync_helpers import owing_customers
from tests.ui.desk_helpers import customer_owing, pay_cash, press, type_keys
from tests.ui.test_desk_start_of_day import open_desk, sign_in


def test_without_a_printer_the_desk_says_where_the_receipt_went(qtbot, app, window) -> None:  # noqa: ANN001
    receipt_no = pay_cash(qtbot, window, customer_owing(app, 1))
    pdf = app.config.store.data_dir / "receipts" / f"{receipt_no}.pdf"
    qtbot.waitUntil(lambda: str(pdf) in window.banner.text(), timeout=10_000)
    assert "LUNAS" in window.banner.text()  # the payment's news stays, the receipt's place under it
    assert f"Struk {receipt_no} tidak dicetak, disimpan sebagai PDF: {pdf}" in window.banner.text()
    assert window.printer.label.text() == "Tanpa printer: struk disimpan sebagai PDF"  # never "Printer: siap"
    assert "siap" not in window.printer.label.text() and "tercetak" not in window.printer.label.toolTip()
    assert str(pdf) in window.printer.label.toolTip()


def test_f8_says_the_copy_and_where_it_went(qtbot, app, window) -> None:  # noqa: ANN001
    receipt_no = pay_cash(qtbot, window, customer_owing(app, 1))
    qtbot.waitUntil(lambda: "disimpan sebagai PDF" in window.banner.text(), timeout=10_000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search)
    type_keys(qtbot, "x")  # the cashier moves on: the payment's banner goes with the next customer's search
    press(qtbot, Qt.Key.Key_F8)
    copy = app.config.store.data_dir / "receipts" / f"{receipt_no}-salinan-1.pdf"
    qtbot.waitUntil(lambda: str(copy) in window.banner.text(), timeout=10_000)
    assert window.banner.isVisible()
    assert f"Salinan ke-1 struk {receipt_no} tidak dicetak, disimpan sebagai PDF: {copy}" in window.banner.text()


def test_a_cashier_has_no_settings_key_and_f10_leaves_no_banner(qtbot, app, window) -> None:  # noqa: ANN001
    assert window.desk.role == "cashier"
    assert window.settings_button.isHidden()
    press(qtbot, Qt.Key.Key_F10)
    assert window.settings_dialog is None and not window.banner.isVisible()
    assert window.statusBar().currentMessage() == "Pengaturan hanya untuk kepala unit atau admin."


@pytest.mark.no_shift
def test_a_refusal_banner_does_not_outlive_the_lock(qtbot, app, window) -> None:  # noqa: ANN001
    type_keys(qtbot, customer_owing(app, 1))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.panel.quote is not None, timeout=3000)
    press(qtbot, Qt.Key.Key_F5)  # no shift: said in red, the shift dialog offered
    qtbot.waitUntil(lambda: window.shift_dialog is not None and window.shift_dialog.isVisible(), timeout=3000)
    assert window.banner.isVisible() and window.banner.kind == "error"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.locked, timeout=3000)
    assert not window.banner.isVisible()


def test_no_user_shows_in_the_status_bar_before_signing_in(qtbot, app, desk, messages) -> None:  # noqa: ANN001
    window = open_desk(qtbot, app, desk)
    try:
        assert not window.user_label.isVisible() and desk.full_name not in window.user_label.text()
        assert window.settings_button.isHidden()
        sign_in(qtbot, window)
        qtbot.waitUntil(lambda: window.user_label.isVisible(), timeout=5000)
        assert window.user_label.text() == f"Kasir: {desk.full_name}"
    finally:
        window.close()
        window.runner.wait()


def test_a_supervisor_sees_the_settings_button(qtbot, app, desk, messages) -> None:  # noqa: ANN001
    window = open_desk(qtbot, app, desk)
    try:
        sign_in(qtbot, window, username="kepala")
        qtbot.waitUntil(lambda: window.user_label.isVisible(), timeout=5000)
        assert window.desk.role == "supervisor"
        qtbot.waitUntil(lambda: not window.settings_button.isHidden(), timeout=5000)
    finally:
        window.close()
        window.runner.wait()


def test_a_void_names_only_what_is_owed_again(app, desk) -> None:  # noqa: ANN001
    number = owing_customers(app, min_bills=3)[0]
    open_shift(app.uow(), desk, 0)
    with app.uow() as uow:
        owed = billing.quote(uow.session, number, desk.today()).oldest(3)
    paid = pay(app.uow(), desk, number, [b.period for b in owed.bills], "cash", tendered=owed.total)
    voided = void_payment(app.uow(), desk, paid.receipt_no, "Salah pelanggan", Approval("kepala", DEMO_PASSWORD))
    text = describe(voided)
    assert "3 rekening kembali belum dibayar." in text and "angsuran" not in text


def test_the_central_line_reads_naturally_for_a_fresh_queue() -> None:
    now = dt.datetime(2025, 11, 24, 6, 0, tzinfo=dt.timezone.utc)
    status = SyncStatus("online", 1, 0, now - dt.timedelta(seconds=5), now, "")
    line = status_line(status, dt.timezone(dt.timedelta(hours=8)), now)
    assert line.text == "Pusat: ONLINE, 1 antre (baru saja)"
    assert "tertua baru saja" not in line.text


def test_the_indonesian_desk_mixes_in_no_english_words() -> None:
    """Every text of the desk (its Indonesian source) says struk for a receipt and has no English
    words such as 'approval code' beside the Indonesian."""
    import xml.etree.ElementTree as ET
    from pathlib import Path

    import re

    ts = Path(__file__).parents[2] / "resources" / "translations" / "counter_en.ts"
    english = re.compile(r"\b(approval|receipt|code|cancel|payment|cashier)\b", re.IGNORECASE)
    mixed = [message.findtext("source") for message in ET.parse(ts).getroot().iter("message")
             if message.find("translation").get("type") not in ("vanished", "obsolete")
             and english.search(re.sub(r"\{[^}]*\}|<[^>]*>", "", message.findtext("source") or ""))]
    assert mixed == []
