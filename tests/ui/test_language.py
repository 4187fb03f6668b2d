"""[desk] language: Indonesian by default, English through counter_en.qm."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QGroupBox, QLabel, QWidget

from counter.config import load
from counter.errors import InvalidInput
from counter.services import billing
from counter.services.approval import Approval
from counter.services.demo import DEMO_PIN
from counter.services.payment import pay
from counter.services.plans import make_plan
from counter.services.voids import void_payment
from counter.ui.app import TRANSLATIONS, install_language
from counter.ui.help_overlay import HelpOverlay
from counter.ui.main_window import MainWindow
from counter.ui.plan_box import PlanBox
from counter.ui.plan_models import TermsModel
from counter.ui.relief_dialog import ReliefDialog
from counter.ui.settings_base import AdminApprovalDialog
from counter.ui.settings_dialog import SettingsDialog
from counter.ui.tasks import TaskRunner
from counter.ui.void_dialog import VoidDialog
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

@pytest.fixture
def runner(qtbot, app):  # noqa: ANN001, ANN201
    """A worker for dialogs opened alone, destroyed here on the GUI thread."""
    made = TaskRunner(app)
    yield made
    made.shutdown()
    shiboken6.delete(made)


@pytest.fixture
def opened(runner):  # noqa: ANN001, ANN201
    """Dialogs a test opens, closed and destroyed here once the worker is idle."""
    made: list[QWidget] = []
    yield made
    for widget in made:
        widget.close()
    runner.wait()
    for widget in made:
        if shiboken6.isValid(widget):
            shiboken6.delete(widget)


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
    voided = pay_oldest(app, desk, first)
    kept = pay_oldest(app, desk, second)
    void_payment(app.uow(), desk, voided, "Salah pelanggan", Approval("kepala", DEMO_PIN))
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
    make_plan(app.uow(), desk, number, 3, 100_000, approval=Approval("kepala", DEMO_PIN))
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
    assert "Space, Tab: Tick / untick bill months or instalments (the order is kept)" in help_card.text()
