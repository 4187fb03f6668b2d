"""Relief and instalment plans at the desk: F9, the live preview, the
supervisor's approval, the agreement and work order PDFs, and paying a plan's
terms with bills."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from counter.models import AuditRecord, Bill, Customer, InstalmentPlan, OutboxEvent, WorkOrder
from counter.rules.money import format_rupiah
from counter.rules.period import label
from counter.services import billing
from counter.services.approval import Approval
from counter.services.demo import DEMO_PASSWORD, DEMO_PIN
from counter.services.plans import make_plan, preview_plan
from counter.ui.plan_box import DEFAULTED, RUNNING
from counter.ui.plan_models import day_label
from tests.conftest import AS_OF
from tests.ui.desk_helpers import payments, press, type_keys

BUKA_SEGEL = "BUKA-SEGEL-2025"
rp = format_rupiah


def owing(app, months: int, status: str) -> str:  # noqa: ANN001
    """A customer with at least `months` unpaid bills, fines not exempt (so relief has fines to waive)."""
    with app.uow() as uow:
        unpaid = (select(Bill.customer_id).where(Bill.status == "unpaid").group_by(Bill.customer_id)
                  .having(func.count() >= months))
        return uow.session.scalars(select(Customer.number).where(
            Customer.id.in_(unpaid), Customer.status == status, Customer.fine_exempt.is_(False))
            .order_by(Customer.id).limit(1)).one()


def counts(app) -> tuple[int, ...]:  # noqa: ANN001
    with app.uow() as uow:
        return tuple(uow.session.scalar(select(func.count()).select_from(t))
                     for t in (InstalmentPlan, OutboxEvent, AuditRecord, WorkOrder))


def plan_counts(app) -> tuple[int, ...]:  # noqa: ANN001
    """Plans, outbox events and work orders: what making a plan writes (a refused
    credential may be audited, and counts toward locking the user out)."""
    with app.uow() as uow:
        return tuple(uow.session.scalar(select(func.count()).select_from(t))
                     for t in (InstalmentPlan, OutboxEvent, WorkOrder))


def plan_files(app) -> list[str]:  # noqa: ANN001
    folder = app.config.store.data_dir / "plans"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def open_customer(qtbot, window, number: str) -> None:  # noqa: ANN001
    type_keys(qtbot, number)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.panel.quote is not None and window.panel.quote.customer.number == number,
                    timeout=3000)


def open_relief(qtbot, window):  # noqa: ANN001, ANN201
    """F9, then wait for the programmes and the first preview."""
    press(qtbot, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.relief_dialog is not None and window.relief_dialog.isVisible(), timeout=3000)
    dialog = window.relief_dialog
    qtbot.waitUntil(lambda: bool(dialog.choices), timeout=3000)
    return dialog


def settled(qtbot, dialog) -> None:  # noqa: ANN001
    """The preview for what is typed has arrived (figures or an error)."""
    qtbot.waitUntil(lambda: not dialog._debounce.isActive() and not dialog.runner.is_running("relief-preview"),
                    timeout=3000)
    qtbot.wait(10)  # the result's delivery


def table(model) -> list[list[str]]:  # noqa: ANN001
    return [[model.cell(r, c) for c in range(model.columnCount())] for r in range(model.rowCount())]


def approve(qtbot, dialog, username: str, pin: str):  # noqa: ANN001, ANN201
    """Enter on the relief dialog, then the supervisor types their name and PIN."""
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.approval_dialog is not None and dialog.approval_dialog.isVisible(), timeout=3000)
    approval = dialog.approval_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is approval.username, timeout=3000)
    type_keys(qtbot, username)
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is approval.pin
    assert approval.pin.echoMode() == approval.pin.EchoMode.Password
    type_keys(qtbot, pin)
    press(qtbot, Qt.Key.Key_Return)
    return approval


def test_buka_segel_from_f9_to_the_unseal_work_order(qtbot, app, desk, window, messages):
    number = owing(app, 3, "sealed")
    open_customer(qtbot, window, number)
    dialog = open_relief(qtbot, window)
    assert dialog.choice.code == BUKA_SEGEL  # the programme the customer qualifies for comes first
    assert dialog.instalments.maximum() == 3 and dialog.instalments.value() == 3
    settled(qtbot, dialog)

    # the preview shows preview_plan's exact figures
    expected = preview_plan(app.uow(), desk, number, 3, programme=BUKA_SEGEL)
    f = expected.figures
    assert f.waived > 0 and f.down_payment == f.minimum_down_payment
    assert table(dialog.bills_model) == (
        [[label(b.period), rp(b.principal), rp(b.fine), rp(b.waived), rp(b.amount)] for b in f.bills]
        + [["Jumlah", rp(f.principal), rp(f.fines), rp(f.waived), rp(f.total)]])
    assert table(dialog.schedule_model) == (
        [["Uang muka", day_label(AS_OF), rp(f.down_payment)]]
        + [[f"Angsuran {t.seq}/3", day_label(t.due_date), rp(t.amount)] for t in f.schedule[1:]]
        + [["Jumlah", "", rp(f.total)]])
    assert dialog.total.text() == rp(f.total)
    assert f"Uang muka minimal {rp(f.minimum_down_payment)}" in dialog.minimum.text()
    assert "Segel dibuka" in dialog.notes.text() and "persetujuan kepala unit" in dialog.notes.text()

    # a down payment below the minimum is refused in plain words; the minimum again previews
    dialog.down_payment.setFocus()
    type_keys(qtbot, "1000")
    assert dialog.down_payment.text() == "1.000"
    settled(qtbot, dialog)
    assert dialog.error.isVisible() and dialog.error.text() == f"Uang muka minimal {rp(f.minimum_down_payment)}."
    assert not dialog.make_button.isEnabled()
    dialog.down_payment.clear()
    settled(qtbot, dialog)
    assert not dialog.error.isVisible() and dialog.make_button.isEnabled()

    before = counts(app)
    approve(qtbot, dialog, "kepala", DEMO_PASSWORD)
    qtbot.waitUntil(lambda: dialog.agreement_path is not None, timeout=10_000)
    assert dialog.approval_dialog is None  # closed (and deleted)
    made = dialog.made
    assert made.plan_no == "0001/ANGS/KPG-L01/XI/2025" and made.offer.figures == f
    assert counts(app)[:1] == (before[0] + 1,)
    path = dialog.agreement_path
    assert path.parent == app.config.store.data_dir / "plans" and path.read_bytes().startswith(b"%PDF")
    assert str(path) in dialog.done_note.text() and made.plan_no in dialog.done_note.text()
    assert made.plan_no in window.banner.text() and str(path) in window.banner.text()

    # the customer reloads behind the dialog: the plan and its terms show
    qtbot.waitUntil(lambda: window.panel.quote is not None and window.panel.quote.plan is not None, timeout=3000)
    assert window.panel.plan_box.isVisible() and window.panel.plan_box.status.text() == RUNNING

    # Enter takes the down payment right away: the pay dialog for term 0 only
    assert dialog.make_button.text() == f"Terima uang muka {rp(f.down_payment)} [Enter]"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.make_button, timeout=3000)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pay_dialog is not None and window.pay_dialog.isVisible(), timeout=3000)
    pay = window.pay_dialog
    assert [t.seq for t in pay.paying.terms] == [0] and pay.paying.bills == ()
    assert pay.due == f.down_payment  # no stamp duty on the demo's small arrears
    qtbot.waitUntil(lambda: QApplication.focusWidget() is pay.tendered, timeout=3000)
    type_keys(qtbot, str(pay.due))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_payment is not None, timeout=10_000)
    result = window.last_payment
    assert result.work_order_no == "0001/SPK-BS/KPG-L01/XI/2025"
    assert f"Uang muka {made.plan_no}" in window.banner.text()
    qtbot.waitUntil(lambda: "SPK buka segel" in window.banner.text(), timeout=10_000)
    spk = app.config.store.data_dir / "plans" / "spk-0001-SPK-BS-KPG-L01-XI-2025.pdf"
    assert f"SPK buka segel <b>{result.work_order_no}</b> dibuat: <b>{spk}</b>" in window.banner.text()
    assert spk.read_bytes().startswith(b"%PDF")
    assert messages.shown == []


def test_a_wrong_pin_is_refused_and_nothing_is_written(qtbot, app, window, messages):
    number = owing(app, 3, "sealed")
    open_customer(qtbot, window, number)
    dialog = open_relief(qtbot, window)
    settled(qtbot, dialog)
    before = plan_counts(app)
    approval = approve(qtbot, dialog, "kepala", "9999")
    qtbot.waitUntil(lambda: approval.error.isVisible(), timeout=5000)
    assert "PIN" in approval.error.text() and "salah" in approval.error.text()  # the use case's words
    assert approval.isVisible() and approval.pin.text() == "" and QApplication.focusWidget() is approval.pin
    assert plan_counts(app) == before and plan_files(app) == [] and dialog.made is None

    # a cashier is no supervisor
    approval.username.setText("kasir2")
    approval.pin.setFocus()
    type_keys(qtbot, DEMO_PIN)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "bukan kepala unit" in approval.error.text(), timeout=5000)

    press(qtbot, Qt.Key.Key_Escape)  # cancel the approval, then the dialog
    qtbot.waitUntil(lambda: dialog.approval_dialog is None, timeout=3000)
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.relief_dialog is None, timeout=3000)
    assert plan_counts(app) == before and plan_files(app) == [] and messages.shown == []
    assert window.panel.quote.plan is None


def test_an_ineligible_programme_shows_why_and_cannot_be_made(qtbot, app, window):
    number = owing(app, 3, "active")
    open_customer(qtbot, window, number)
    dialog = open_relief(qtbot, window)
    assert dialog.choice.code is None  # no programme fits: the ordinary plan is chosen
    texts = {c.code: dialog.programmes.item(i).text() for i, c in enumerate(dialog.choices)}
    assert "Tidak memenuhi syarat: hanya untuk sambungan yang disegel" in texts[BUKA_SEGEL]
    assert "program belum berlaku (mulai 01-01-2026)" in texts["ANGSURAN-KAB-KUPANG"]
    assert "Angsuran biasa" in texts[None] and "maks. 4 kali angsuran" in texts[None]

    dialog.choose(BUKA_SEGEL)
    settled(qtbot, dialog)
    assert dialog.error.isVisible()
    assert dialog.error.text() == ("Pelanggan tidak memenuhi syarat Program Buka Segel Kota Kupang 2025: "
                                   "hanya untuk sambungan yang disegel.")
    assert not dialog.make_button.isEnabled()
    before = counts(app)
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.approval_dialog is None and counts(app) == before

    # the ordinary plan: at most the rule's 4 instalments, the spin box stops there
    dialog.choose(None)
    assert (dialog.instalments.minimum(), dialog.instalments.maximum()) == (1, 4)
    dialog.instalments.setValue(9)
    assert dialog.instalments.value() == 4
    settled(qtbot, dialog)
    assert not dialog.error.isVisible() and dialog.make_button.isEnabled()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.relief_dialog is None, timeout=3000)
    assert counts(app) == before and plan_files(app) == []


def test_plan_terms_are_paid_with_bills_at_the_total_shown(qtbot, app, desk, window, messages):
    number = owing(app, 4, "active")
    with app.uow() as uow:
        periods = [b.period for b in billing.quote(uow.session, number, AS_OF).bills]
    made = make_plan(app.uow(), desk, number, 3, 100_000, periods=periods[:2],
                     approval=Approval("kepala", DEMO_PASSWORD))  # the two oldest months in the plan
    open_customer(qtbot, window, number)
    panel = window.panel
    quote = panel.quote
    assert [b.period for b in quote.bills] == periods[2:]
    assert panel.plan_box.isVisible() and made.plan_no in panel.plan_box.title.text()
    assert panel.plan_box.status.text() == RUNNING
    terms = panel.terms
    rows = [[terms.index(r, c).data() for c in (1, 2, 3)] for r in range(terms.rowCount())]
    schedule = made.offer.figures.schedule
    assert rows == [["Uang muka", day_label(AS_OF), rp(100_000)]] + [
        [f"Angsuran {t.seq}/3", day_label(t.due_date), rp(t.amount)] for t in schedule[1:]]
    # the down payment, due today, is ticked with every bill; later terms are not
    assert (panel.bills.selected_count, terms.selected_count) == (len(quote.bills), 1)
    assert panel.total.text() == rp(quote.oldest(len(quote.bills), 1).total)

    # ticking the second instalment ticks the first; unticking a bill keeps the oldest-first rule
    view = panel.plan_box.table
    rect = view.visualRect(terms.index(2, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert terms.selected_count == 3
    panel.bills.set_selected_count(1)
    shown = quote.oldest(1, 3)
    assert panel.total.text() == rp(shown.total)
    assert "Uang muka, Angsuran 1/3, Angsuran 2/3" in panel.selection_note.text()

    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.pay_dialog is not None and window.pay_dialog.isVisible(), timeout=3000)
    pay = window.pay_dialog
    assert pay.due == shown.total
    qtbot.waitUntil(lambda: QApplication.focusWidget() is pay.tendered, timeout=3000)
    type_keys(qtbot, str(pay.due - 1))  # short: refused, and the dialog keeps the same bills and terms
    press(qtbot, Qt.Key.Key_Return)
    assert messages.shown == [] and not pay.pay_button.isEnabled()  # said in the dialog, no pop-up
    assert pay.message.text() == f"Uang kurang {rp(1)}: harus dibayar {rp(pay.due)}."
    assert pay.isVisible() and payments(app, number) == []
    type_keys(qtbot, str(pay.due))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.last_payment is not None, timeout=10_000)
    result = window.last_payment
    assert result.total == shown.total and [t.seq for t in result.quote.terms] == [0, 1, 2]
    assert [b.period for b in result.quote.bills] == periods[2:3]
    assert [p[1] for p in payments(app, number)] == [shown.total] and messages.shown == []
    assert result.work_order_no is None  # an ordinary plan unseals nothing

    # the rest: the last term alone, at the total the panel shows
    open_customer(qtbot, window, number)
    assert [t.seq for t in window.panel.terms.terms] == [3]
    window.panel.choose(0, 1)
    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.pay_dialog is not None and window.pay_dialog.isVisible(), timeout=3000)
    assert window.pay_dialog.due == schedule[-1].amount


def test_a_defaulted_plan_says_so_in_red(qtbot, app, desk, window):
    number = owing(app, 4, "active")
    make_plan(app.uow(), desk, number, 2, approval=Approval("kepala", DEMO_PASSWORD))
    late = dt.date(2026, 1, 24)  # the first term (24 Dec) is 31 days late: past the 30-day grace
    with app.uow() as uow:
        quote = billing.quote(uow.session, number, late)
    assert quote.plan.defaulted_on == late
    window.panel.show_quote(quote)
    box = window.panel.plan_box
    assert box.isVisible() and box.status.text() == DEFAULTED and "#c62828" in box.status.styleSheet()
    assert not box.table.isVisible() and "kembali menjadi tunggakan" in box.note.text()
    assert window.panel.terms.rowCount() == 0 and window.panel.bills.rowCount() == len(quote.bills)


def test_f9_without_a_customer_does_nothing(qtbot, window):
    press(qtbot, Qt.Key.Key_F9)
    assert window.relief_dialog is None


def test_relief_dialog_edits_nothing_when_cancelled_after_a_preview(qtbot, app, window):
    number = owing(app, 3, "sealed")
    open_customer(qtbot, window, number)
    before = counts(app)
    dialog = open_relief(qtbot, window)
    settled(qtbot, dialog)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.instalments
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    assert dialog.instalments.value() == 1
    settled(qtbot, dialog)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.down_payment
    assert [row[0] for row in table(dialog.schedule_model)] == ["Uang muka", "Angsuran 1/1", "Jumlah"]
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.relief_dialog is None, timeout=3000)
    assert counts(app) == before and plan_files(app) == []
    assert window.panel.quote.plan is None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search, timeout=3000)
