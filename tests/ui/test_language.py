"""[desk] language: Indonesian by default, English through counter_en.qm."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QGroupBox, QLabel, QWidget

from counter.config import load
from counter.errors import InvalidInput
from counter.services import billing
from counter.services.approval import Approval
from counter.services.demo import DEMO_PASSWORD
from counter.services.payment import pay
from counter.services.plans import make_plan
from counter.services.shifts import open_shift, open_shift_now
from counter.services.voids import void_payment
from counter.sync.state import SyncStatus
from counter.ui.app import TRANSLATIONS, install_language
from counter.ui.help_overlay import HelpOverlay
from counter.ui.main_window import MainWindow
from counter.ui.pay_dialog import PayDialog
from counter.ui.plan_box import PlanBox
from counter.ui.plan_models import TermsModel
from counter.ui.relief_dialog import ReliefDialog
from counter.ui.settings_base import AdminApprovalDialog
from counter.ui.settings_dialog import SettingsDialog
from counter.ui.shift_close_dialog import ShiftCloseDialog
from counter.ui.sync import age_text, status_line
from counter.ui.void_dialog import VoidDialog
from counter.ui.widgets import FONT_SCALES, set_font_scale
from tests.integration.sync_helpers import owing_customers
from tests.ui.desk_helpers import show


@pytest.fixture
def english(qapp):  # noqa: ANN001, ANN201
    assert install_language(qapp, "en")
    yield
    install_language(qapp, "id")


def test_the_english_translation_is_shipped_in_the_package_and_loads(qapp) -> None:  # noqa: ANN001
    assert (TRANSLATIONS / "counter_en.qm").is_file()
    assert install_language(qapp, "en")
    assert QApplication.translate("CustomerPanel", "BAYAR [F5]") == "PAY [F5]"
    install_language(qapp, "id")
    assert QApplication.translate("CustomerPanel", "BAYAR [F5]") == "BAYAR [F5]"


def test_the_desk_speaks_english_with_language_en(qtbot, app, desk, messages, english) -> None:  # noqa: ANN001
    win = show(qtbot, MainWindow(app, desk))
    try:
        assert win.panel.pay_button.text() == "PAY [F5]"
        assert win.search_caption.text() == "Search:"
        assert win.search_button.text() == "Search [F2]"
        assert win.results.headerData(1, win.results_view.horizontalHeader().orientation()) == "Name"
    finally:
        win.close()
        win.runner.wait()


def test_the_desk_stays_indonesian_by_default(window) -> None:  # noqa: ANN001
    assert window.panel.pay_button.text() == "BAYAR [F5]"
    assert window.search_caption.text() == "Cari:"


def test_the_language_setting(tmp_path) -> None:  # noqa: ANN001
    assert load(data_dir=tmp_path).desk.language == "id"
    assert load(data_dir=tmp_path, overrides=["desk.language=en"]).desk.language == "en"
    with pytest.raises(InvalidInput):
        load(data_dir=tmp_path, overrides=["desk.language=fr"])


# ---- the dialogs, in English ----------------------------------------------------------------

def shown(qtbot, opened, widget):  # noqa: ANN001, ANN201
    opened.append(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def labels(widget) -> str:  # noqa: ANN001
    """Every label's text in `widget`, one per line."""
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def pay_oldest(app, desk, number: str) -> str:  # noqa: ANN001
    with app.uow() as uow:
        owed = billing.quote(uow.session, number, desk.today()).oldest(1)
    return pay(app.uow(), desk, number, [b.period for b in owed.bills], "cash", tendered=owed.total).receipt_no


def test_the_void_and_approval_dialogs_speak_english(qtbot, app, desk, runner, opened, english) -> None:  # noqa: ANN001
    first, second = owing_customers(app, limit=2)
    open_shift(app.uow(), desk, 0)  # the drawer the two payments go into
    voided = pay_oldest(app, desk, first)
    kept = pay_oldest(app, desk, second)
    void_payment(app.uow(), desk, voided, "Salah pelanggan", Approval("kepala", DEMO_PASSWORD))
    dialog = shown(qtbot, opened, VoidDialog(app, desk, runner))
    qtbot.waitUntil(lambda: dialog.listed, timeout=5000)
    assert dialog.windowTitle() == "Void a payment"
    assert dialog.ok_button.text() == "Void receipt [Enter]" and dialog.cancel_button.text() == "Close [Esc]"
    text = labels(dialog)
    assert "Void a payment taken <b>today</b>" in text and "&Today's receipts at counter L01" in text
    assert "Receipt &no." in text and "&Reason" in text
    model = dialog.receipts
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "Receipt no.", "Time", "Customer", "Amount", "Method", "Status"]
    assert [(model.receipt(r).receipt_no, model.index(r, model.METHOD).data(), model.index(r, model.STATUS).data())
            for r in range(model.rowCount())] == [(kept, "Cash", ""), (voided, "Cash", "VOID")]
    assert dialog.receipt.text() == kept
    dialog.confirm()  # no reason yet
    assert dialog.error.text() == "Write the reason for voiding (5-200 characters)."

    dialog.reason.setText("wrong customer")
    dialog.confirm()
    approval = dialog.approval_dialog
    assert approval.windowTitle() == "Supervisor's approval"
    assert approval.ok_button.text() == "Approve [Enter]" and approval.cancel_button.text() == "Cancel [Esc]"
    assert f"<b>Voiding receipt {kept}</b> needs the supervisor's approval." in labels(approval)
    assert "&User name" in labels(approval)
    approval.confirm()
    assert approval.error.text() == "Enter the supervisor's user name."
    approval.reject()

    admin = shown(qtbot, opened, AdminApprovalDialog("Changing the fine rule"))
    assert admin.windowTitle() == "Admin's approval"
    assert "<b>Changing the fine rule</b> needs an admin's approval." in labels(admin)
    assert "supervisor" not in labels(admin).lower()


def test_the_relief_dialog_and_the_plan_box_speak_english(qtbot, app, desk, runner, opened, english) -> None:  # noqa: ANN001
    number = owing_customers(app, min_bills=4)[0]
    with app.uow() as uow:
        owed = billing.quote(uow.session, number, desk.today())
    dialog = shown(qtbot, opened, ReliefDialog(app, desk, runner, owed))
    qtbot.waitUntil(lambda: bool(dialog.choices), timeout=5000)
    dialog.choose(None)  # the ordinary instalment rule
    qtbot.waitUntil(lambda: dialog.ready, timeout=5000)
    assert dialog.windowTitle() == "Relief / Instalments"
    assert dialog.make_button.text() == "Make plan [Enter]" and dialog.cancel_button.text() == "Cancel [Esc]"
    assert dialog.programmes.item(0).text().startswith("✓ Ordinary instalments\nat most ")
    assert "Alt+N number of instalments" in dialog.hint.text()
    assert "&Number of instalments" in labels(dialog) and "Bills in the plan" in labels(dialog)
    assert [dialog.bills_model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Month", "Principal", "Fine", "Relief", "Amount"]
    assert "days late: the plan is void." in dialog.notes.text()
    assert dialog.minimum.text().startswith("Minimum down payment Rp")
    dialog.down_payment.setText("100.000")
    qtbot.waitUntil(lambda: dialog.ready, timeout=5000)
    schedule = [dialog.schedule_model.cell(r, 0) for r in range(dialog.schedule_model.rowCount())]
    assert schedule[0] == "Down payment" and schedule[1].startswith("Instalment 1/") and schedule[-1] == "Total"

    # the plan on the customer panel
    make_plan(app.uow(), desk, number, 3, 100_000, approval=Approval("kepala", DEMO_PASSWORD))
    with app.uow() as uow:
        owed = billing.quote(uow.session, number, desk.today())
    box = shown(qtbot, opened, PlanBox(TermsModel()))
    box.show_plan(owed.plan, desk.today())
    assert box.status.text() == "Instalments running" and box.title.text().startswith("Instalment plan <b>")
    assert box.remaining.text().startswith("Left Rp")
    terms = box.terms
    assert [terms.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == ["Pay", "Instalment", "Due", "Amount"]
    assert terms.index(0, TermsModel.NAME).data() == "Down payment"
    assert terms.index(1, TermsModel.NAME).data() == "Instalment 1/3"


def test_the_settings_dialog_speaks_english(qtbot, app, desk, runner, opened, english) -> None:  # noqa: ANN001
    dialog = shown(qtbot, opened, SettingsDialog(app, desk, runner))
    qtbot.waitUntil(lambda: runner.idle, timeout=5000)  # the rules and the programmes are on screen
    assert dialog.windowTitle() == "Settings" and dialog.close_button.text() == "Close [Esc]"
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "Printer  [Alt+1]", "Office && counter  [Alt+2]", "Central  [Alt+3]", "Rules  [Alt+4]",
        "Relief programmes  [Alt+5]"]
    assert "Alt+1 … Alt+5 or Ctrl+Tab: switch tabs" in dialog.hint.text()
    printer = dialog.printer_tab
    assert printer.kind.itemText(0) == "No printer (receipts saved as PDF)"
    assert printer.paper.itemText(0) == "80 mm (48 columns)"
    assert (printer.test_button.text(), printer.save_button.text()) == ("Print &test", "&Save [Enter]")
    assert "No printer: every receipt is saved as a PDF in" in printer.kind_hint.text()
    assert "This counter now" in [box.title() for box in dialog.desk_tab.findChildren(QGroupBox)]
    assert dialog.central_tab.test_button.text() == "Test &connection [Enter]"
    rules = dialog.rules_tab
    assert rules.in_force_title.text().startswith("Rules in force on ")
    assert rules.fine_kind.itemText(0) == "Fixed per bill" and rules.fine_button.text() == "Save fin&e ..."
    assert rules.instalments_now.text().startswith("at most ") and "days late" in rules.instalments_now.text()
    programmes = dialog.programmes_tab
    assert [programmes.table.horizontalHeaderItem(c).text() for c in range(5)] == [
        "Code", "Name", "Version", "Valid", "Status"]
    states = {programmes.table.item(row, 4).text() for row in range(programmes.table.rowCount())}
    assert states and states <= {"in force", "ended", "not yet in force"}
    assert programmes.save_button.text() == "Sa&ve programme ..."


def test_the_help_card_names_the_keys_in_english(qtbot, english) -> None:  # noqa: ANN001
    parent = QWidget()
    qtbot.addWidget(parent)
    help_card = HelpOverlay(parent)
    assert "↑ / ↓, Space: In the bills / instalments: move from row to row, tick / untick (the order is kept)" in help_card.text()


def test_the_help_card_lists_the_closing_keys_in_order(qtbot) -> None:  # noqa: ANN001
    parent = QWidget()
    qtbot.addWidget(parent)
    keys = [key for key, _what in HelpOverlay(parent).rows]
    assert keys[keys.index("F10"):keys.index("Esc") + 1] == ["F10", "F11", "F12", "Esc"]
    text = HelpOverlay(parent).text()
    assert "F11: Tutup hari: angka semua loket dari pusat, tanda tangan kepala unit, setoran" in text
    assert "F12: Tutup shift: hitung laci per pecahan, laporan Z" in text


def test_the_help_card_names_the_closing_keys_in_english(qtbot, english) -> None:  # noqa: ANN001
    parent = QWidget()
    qtbot.addWidget(parent)
    text = HelpOverlay(parent).text()
    assert "F11: Close the day: all counters' figures from central, supervisor's sign-off, deposit" in text
    assert "F12: Close the shift: count the drawer by denomination, the Z report" in text
    assert "Tutup" not in text


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_help_card_fits_the_smallest_screen_at_every_text_size(qtbot, qapp, language) -> None:  # noqa: ANN001
    install_language(qapp, language)
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(1366, 768)
    help_card = HelpOverlay(parent)
    parent.show()
    qtbot.waitExposed(parent)
    try:
        for scale in FONT_SCALES:
            set_font_scale(scale)
            help_card.open()
            top, bottom = help_card.card.geometry().top(), help_card.card.geometry().bottom()
            assert help_card.fits() and top >= 0 and bottom < 768, scale
            help_card.close_help()
    finally:
        set_font_scale(1.0)
        install_language(qapp, "id")


# ---- the status bar, the pay dialog and the shift close in English ---------------------------

NOW = dt.datetime(2025, 11, 24, 6, 0, tzinfo=dt.timezone.utc)
WITA = dt.timezone(dt.timedelta(hours=8))


def sync_status(state: str, queued: int = 0, held: int = 0, oldest_h: float | None = None) -> SyncStatus:
    oldest = NOW - dt.timedelta(hours=oldest_h) if oldest_h is not None else None
    return SyncStatus(state, queued, held, oldest, NOW - dt.timedelta(hours=3), "connection refused")


def test_the_central_status_speaks_english(english) -> None:  # noqa: ANN001
    line = status_line(sync_status("offline", 14, oldest_h=2.5), WITA, NOW)
    assert line.text == "Central: OFFLINE, 14 queued (oldest 2 hours)"
    assert line.tooltip.splitlines() == [
        "Last connected: 24-11-2025 11:00:00",
        "14 transactions waiting to be sent to central, the oldest made 24-11-2025 11:30.",
        "Last error: connection refused",
        "The counter can still take payments; transactions are sent by themselves when central is back.",
    ]
    line = status_line(sync_status("degraded", 1, held=2, oldest_h=1), WITA, NOW)
    assert line.text == "Central: DEGRADED, 1 queued (oldest 1 hour), 2 held back"
    assert "1 transaction waiting to be sent to central" in line.tooltip
    assert "2 held back: refused by central, tried again later (tell the supervisor)." in line.tooltip
    assert status_line(sync_status("online"), WITA, NOW).text == "Central: ONLINE, 0 queued"
    line = status_line(sync_status("online"), WITA, NOW, setup_error="no driver")
    assert line.text == "Central: OFFLINE, 0 queued"
    assert line.tooltip.startswith("The connection to central could not be set up: no driver\n")
    assert [age_text(dt.timedelta(seconds=s)) for s in (5, 60, 600, 3600, 7200, 86400, 3 * 86400)] == [
        "just now", "1 minute", "10 minutes", "1 hour", "2 hours", "24 hours", "3 days"]


def test_the_central_status_stays_indonesian_by_default() -> None:
    line = status_line(sync_status("degraded", 1, held=2, oldest_h=1), WITA, NOW)
    assert line.text == "Pusat: TERGANGGU, 1 antre (tertua 1 jam), 2 ditahan"
    assert "1 transaksi menunggu dikirim ke pusat, yang tertua dibuat 24-11-2025 13:00." in line.tooltip


def test_the_printer_status_speaks_english(qtbot, app, desk, messages, english) -> None:  # noqa: ANN001
    win = show(qtbot, MainWindow(app, desk))
    try:
        printer = win.printer
        assert printer.label.text() == "Printer: nothing printed yet" and printer.state == "idle"
        assert printer.retry_button.text() == "Print again [F8]" and printer.pdf_button.text() == "Save PDF"
        printer.f8()  # nothing printed yet: nothing to copy
        assert printer.label.text() == "Printer: no receipt to print again yet" and printer.state == "idle"
        printer._refresh([], "Printer tidak tersambung (127.0.0.1:9). Periksa kabelnya.")  # the queue failed
        assert printer.label.text() == "Printer: FAILED – Printer tidak tersambung (127.0.0.1:9)"
        assert printer.state == "failed"
    finally:
        win.close()
        win.runner.wait()


def test_the_pay_dialog_names_the_methods_in_english(qtbot, app, desk, opened, english) -> None:  # noqa: ANN001
    number = owing_customers(app, limit=1)[0]
    with app.uow() as uow:
        owed = billing.quote(uow.session, number, desk.today()).oldest(1)
    dialog = shown(qtbot, opened, PayDialog(owed))
    methods = [(dialog.method.itemData(i), dialog.method.itemText(i)) for i in range(dialog.method.count())]
    assert methods == [("cash", "Cash"), ("transfer", "Bank transfer"), ("qris", "QRIS"), ("debit", "Debit card")]
    assert dialog.method.currentText() == "Cash" and dialog.method_key == "cash"


def test_the_shift_close_dialog_speaks_english(qtbot, app, desk, runner, opened, english) -> None:  # noqa: ANN001
    open_shift(app.uow(), desk, 150_000)
    pay_oldest(app, desk, owing_customers(app, limit=1)[0])
    shift = open_shift_now(app.uow(), desk)
    dialog = shown(qtbot, opened, ShiftCloseDialog(app, desk, runner, shift, app.config.closing.variance_limit))
    text = labels(dialog)
    assert dialog.windowTitle() == "Close shift"
    assert "1 receipt (Cash 1× Rp" in text and "); 0 void." in text
    assert "Note Rp 100.000" in text and "Coin Rp 500" in text
    assert "Tunai" not in text and "Uang kertas" not in text and "Koin" not in text
