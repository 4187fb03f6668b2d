"""The desk's closing keys with real widgets: F12 counts the drawer and closes
the shift (Z-report saved, a new shift offered); F11 reads the office day from
the embedded central, signs it off with a supervisor's PIN, then records the deposit."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from counter.models import DayClosing, Deposit, OutboxEvent, Payment, Shift
from counter.rules.cash import DENOMINATIONS
from counter.services.demo import DEMO_PASSWORD
from counter.services.shifts import close_shift, open_shift, open_shift_now
from tests.ui.desk_helpers import customer_owing, pay_cash, press
from tests.ui.test_desk_sync import synced_desk  # noqa: F401 - the fixture


def fill_counts(dialog, amount: int) -> None:
    """Put `amount` in the drawer, largest pieces first, as the cashier would count it."""
    for d in DENOMINATIONS:
        dialog.pieces[d.key].setValue(amount // d.value)
        amount %= d.value
    assert amount == 0


def close_drawer(app, desk) -> None:  # noqa: ANN001
    """Close the desk user's shift with the drawer counted exactly."""
    counts, rest = {}, open_shift_now(app.uow(), desk).expected_cash
    for d in DENOMINATIONS:
        counts[d.key], rest = divmod(rest, d.value)
    assert rest == 0
    close_shift(app.uow(), desk, counts)


@pytest.mark.no_shift  # the shift opened here, with its float
def test_f12_counts_the_drawer_closes_the_shift_and_saves_the_z_report(qtbot, app, desk, window):
    open_shift(app.uow(), desk, 150_000)
    window._read_shift()
    pay_cash(qtbot, window, customer_owing(app, 1))
    press(qtbot, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: window.cash_closing.dialog is not None and window.cash_closing.dialog.isVisible(),
                    timeout=5000)
    dialog = window.cash_closing.dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    assert dialog.shift.payments == 1 and dialog.shift.expected_cash > 150_000

    fill_counts(dialog, dialog.shift.expected_cash - 50_000)  # short: beyond the limit, a reason is asked
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.error.isVisible() and "alasan" in dialog.error.text() and dialog.reason.isVisible()
    with app.uow() as uow:
        assert uow.session.scalar(select(Shift.status)) == "open"

    fill_counts(dialog, dialog.shift.expected_cash)
    assert "PAS" in dialog.variance.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.cash_closing.dialog is None, timeout=5000)
    with app.uow() as uow:
        assert uow.session.scalar(select(Shift.status)) == "closed"
    folder = Path(app.config.store.data_dir) / "reports"
    qtbot.waitUntil(lambda: any(folder.glob("z-*.txt")), timeout=5000)
    text = next(folder.glob("z-*.txt")).read_text(encoding="utf-8")
    assert "L01" in text and "kasir1" in text
    qtbot.waitUntil(lambda: "disimpan" in window.banner.text(), timeout=5000)
    assert "Selisih kas PAS" in window.banner.text()  # the variance stays said with where the report went
    qtbot.waitUntil(lambda: window.shift_dialog is not None, timeout=5000)  # a new shift is offered


def test_f11_signs_off_the_day_and_records_the_deposit(qtbot, synced_desk):  # noqa: F811
    app, window, sync = synced_desk()
    qtbot.waitUntil(lambda: sync.central is not None, timeout=20_000)
    pay_cash(qtbot, window, customer_owing(app, 1))

    def at_central() -> int:
        with app.embedded_engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(Payment))

    qtbot.waitUntil(lambda: at_central() == 1, timeout=20_000)
    close_drawer(app, window.desk)  # the cashier closes the shift (F12) before the day is signed off

    def all_applied() -> bool:  # the shift's close too is at central: nothing stands in the way
        with app.engine.connect() as connection:
            return connection.scalar(select(func.count()).where(OutboxEvent.outcome != "applied")) == 0

    qtbot.waitUntil(all_applied, timeout=20_000)

    press(qtbot, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: window.cash_closing.dialog is not None, timeout=5000)
    dialog = window.cash_closing.dialog
    qtbot.waitUntil(lambda: dialog.figures is not None and QApplication.activeWindow() is dialog, timeout=10_000)
    assert dialog.figures.count == 1 and "BELUM DITUTUP" in dialog.state.text()

    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.approval_dialog is not None and dialog.approval_dialog.isVisible(), timeout=3000)
    approval = dialog.approval_dialog
    approval.username.setText("kepala")
    approval.pin.setText(DEMO_PASSWORD)
    approval.confirm()
    qtbot.waitUntil(lambda: dialog.figures.closing is not None, timeout=10_000)
    assert "DITUTUP" in dialog.state.text() and dialog.deposit_form.isVisible()
    with app.uow() as uow:
        assert uow.session.scalar(select(DayClosing.count)) == 1

    dialog.bank.setText("Bank NTT")
    dialog.reference.setText("SLIP-77")
    qtbot.mouseClick(dialog.deposit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.approval_dialog is not approval and dialog.approval_dialog is not None,
                    timeout=3000)
    second = dialog.approval_dialog
    second.username.setText("kepala")
    second.pin.setText(DEMO_PASSWORD)
    second.confirm()
    qtbot.waitUntil(lambda: dialog.figures.deposit is not None, timeout=10_000)
    with app.uow() as uow:
        amount, bank = uow.session.execute(select(Deposit.amount, Deposit.bank)).one()
    assert (amount, bank) == (dialog.figures.cash_total, "Bank NTT")
    assert not dialog.deposit_form.isVisible()
    qtbot.mouseClick(dialog.report_button, Qt.MouseButton.LeftButton)
    folder = Path(app.config.store.data_dir) / "reports"
    qtbot.waitUntil(lambda: "disimpan" in dialog.state.text(), timeout=15_000)
    assert sorted(p.name.split("-")[0] for p in folder.glob("*.pdf")) == ["lpp", "tutup"]
    assert all(p.read_bytes()[:5] == b"%PDF-" for p in folder.glob("*.pdf"))

    yesterday = dialog.date.date().addDays(-1)  # the day before, closed the next morning
    dialog.date.setDate(yesterday)
    qtbot.waitUntil(lambda: dialog.figures is not None and dialog.figures.business_date.day == yesterday.day(),
                    timeout=10_000)
    assert dialog.figures.count == 0 and "BELUM DITUTUP" in dialog.state.text() and dialog.ok_button.isVisible()


def test_f12_closes_a_shift_another_cashier_left_open_with_a_supervisor(qtbot, app, desk, messages):
    import dataclasses

    from counter.models import User
    from counter.ui.main_window import MainWindow
    from tests.ui.desk_helpers import show

    open_shift(app.uow(), desk, 100_000)  # kasir1's, never closed
    with app.uow() as uow:
        kasir2 = uow.session.scalar(select(User.id).where(User.username == "kasir2"))
    window = show(qtbot, MainWindow(app, dataclasses.replace(desk, user_id=kasir2, username="kasir2")))
    try:
        press(qtbot, Qt.Key.Key_F12)
        qtbot.waitUntil(lambda: window.cash_closing.dialog is not None, timeout=5000)
        dialog = window.cash_closing.dialog
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
        assert dialog.shift.cashier == "kasir1"
        fill_counts(dialog, 100_000)
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: dialog.approval_dialog is not None and dialog.approval_dialog.isVisible(), timeout=3000)
        approval = dialog.approval_dialog
        approval.username.setText("kepala")
        approval.pin.setText("0000")  # wrong: typed again, nothing closed
        approval.confirm()
        qtbot.waitUntil(lambda: approval.error.isVisible(), timeout=5000)
        with app.uow() as uow:
            assert uow.session.scalar(select(Shift.status)) == "open"
        approval.pin.setText(DEMO_PASSWORD)  # the supervisor's password
        approval.confirm()
        qtbot.waitUntil(lambda: window.cash_closing.dialog is None, timeout=5000)
        with app.uow() as uow:
            status, closed_by = uow.session.execute(select(Shift.status, Shift.closed_by)).one()
            assert status == "closed" and closed_by == uow.session.scalar(
                select(User.id).where(User.username == "kepala"))
    finally:
        window.close()
        window.runner.wait()


def test_the_day_closing_shows_refunds_and_offers_the_cash_less_them_for_the_bank(qtbot, app, desk, runner,
                                                                                  opened):
    import dataclasses

    from counter.rules.money import format_rupiah
    from counter.ui.day_close_dialog import DayCloseDialog
    from tests.printing.day_samples import day
    from tests.ui.test_language import shown

    figures = dataclasses.replace(day(40, 2, late=0, deposit=False), refunds=25_000)
    dialog = shown(qtbot, opened, DayCloseDialog(app, desk, runner, None))
    dialog.show_day((figures, []))
    assert dialog.deposit_form.isVisible()
    assert dialog.amount.text() == f"{figures.cash_total - 25_000:,}".replace(",", ".")  # what goes to the bank
    body = " ".join(dialog.body.text().replace("&nbsp;", " ").split())
    assert (f"Pengembalian uang <b>{format_rupiah(25_000)}</b>, tunai untuk disetor "
            f"<b>{format_rupiah(figures.to_deposit)}</b>") in body


def test_the_shift_close_dialog_counts_the_refunds_out_of_the_drawer(qtbot, app, desk, runner, opened):
    import dataclasses

    from counter.rules.money import format_rupiah
    from counter.ui.shift_close_dialog import ShiftCloseDialog
    from tests.ui.test_language import shown

    open_shift(app.uow(), desk, 150_000)
    shift = dataclasses.replace(open_shift_now(app.uow(), desk), refunds_paid=25_000)
    dialog = shown(qtbot, opened, ShiftCloseDialog(app, desk, runner, shift, app.config.closing.variance_limit))
    assert dialog.expected.text() == f"Seharusnya di laci: {format_rupiah(125_000)}"
    assert dialog.expected.toolTip().endswith(f"- pengembalian uang {format_rupiah(25_000)}")
