"""The bills table: oldest first, the total and the stamp duty follow the ticks."""

from __future__ import annotations

from PySide6.QtCore import Qt

from counter.rules.money import format_rupiah
from counter.rules.period import label
from counter.ui.table_models import BillsModel
from tests.ui.desk_helpers import customer_owing


def open_customer(qtbot, window, number: str) -> None:  # noqa: ANN001
    qtbot.keyClicks(window.search, number)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.panel.quote is not None, timeout=3000)


def checked(model: BillsModel) -> list[bool]:
    return [model.index(row, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
            for row in range(model.rowCount())]


def test_bill_rows_show_month_usage_and_rupiah(qtbot, app, window):
    open_customer(qtbot, window, customer_owing(app, 3))
    model, bill = window.panel.bills, window.panel.quote.bills[0]
    row = [model.index(0, column).data() for column in range(model.columnCount())]
    assert row[1:] == [label(bill.period), str(bill.usage_m3), format_rupiah(bill.water_charge),
                       format_rupiah(bill.fixed_charges), format_rupiah(bill.admin_fee),
                       format_rupiah(bill.fine), format_rupiah(bill.amount)]
    align = model.index(0, BillsModel.AMOUNT).data(Qt.ItemDataRole.TextAlignmentRole)
    assert align & Qt.AlignmentFlag.AlignRight


def test_checkboxes_keep_the_oldest_first_rule(qtbot, app, window):
    open_customer(qtbot, window, customer_owing(app, 4))
    panel = window.panel
    model, quote = panel.bills, panel.quote
    n = model.rowCount()
    assert checked(model) == [True] * n  # all selected by default

    # unchecking a month unchecks every newer one
    model.setData(model.index(1, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert checked(model) == [True] + [False] * (n - 1)
    assert panel.total.text() == format_rupiah(quote.oldest(1).total)
    assert [b.period for b in panel.paying().bills] == [quote.bills[0].period]  # what F5 pays

    # checking a month checks every older one
    model.setData(model.index(2, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert checked(model) == [True] * 3 + [False] * (n - 3)
    assert panel.total.text() == format_rupiah(quote.oldest(3).total)

    # unchecking the oldest leaves nothing to pay: F5 does nothing
    model.setData(model.index(0, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert checked(model) == [False] * n
    assert not panel.pay_button.isEnabled()
    qtbot.keyClick(window.search, Qt.Key.Key_F5)
    assert window.pay_dialog is None


def test_clicking_a_checkbox_in_the_view_and_space_key(qtbot, app, window):
    open_customer(qtbot, window, customer_owing(app, 3))
    view, model = window.panel.table, window.panel.bills
    n = model.rowCount()
    rect = view.visualRect(model.index(0, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert checked(model) == [False] * n  # clicking the oldest one off: none left

    view.setFocus()
    view.setCurrentIndex(model.index(1, 1))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert checked(model) == [True, True] + [False] * (n - 2)


def test_stamp_duty_shows_only_when_due(qtbot, app, window):
    open_customer(qtbot, window, customer_owing(app, 3))
    quote = window.panel.quote
    assert quote.stamp_duty == 0  # small demo bills stay under Rp 5.000.000
    assert window.panel.stamp.text() == ""
    # a quote over the threshold shows its stamp duty (stamp rule from the store)
    from dataclasses import replace

    big = replace(quote, bills=tuple(replace(b, water_charge=b.water_charge + 3_000_000) for b in quote.bills[:2]))
    window.panel.show_quote(big.oldest(2))
    assert window.panel.paying().stamp_duty == 10_000
    assert window.panel.stamp.text() == "Meterai Rp 10.000"
    assert window.panel.total.text() == format_rupiah(big.oldest(2).total)


def test_the_panel_says_credit_and_open_conflicts_central_reported(qtbot, app, window):
    import datetime as dt

    from sqlalchemy import select

    from counter.models import Customer, CustomerNote

    number = customer_owing(app, 2)
    open_customer(qtbot, window, number)
    panel = window.panel
    assert not panel.credit.isVisible() and not panel.conflict.isVisible() and not panel.in_plan.isVisible()
    with app.uow() as uow:  # as a refresh from central leaves it
        customer_id = uow.session.scalar(select(Customer.id).where(Customer.number == number))
        uow.session.add(CustomerNote(customer_id=customer_id, credit=45_600, open_conflicts=1,
                                     read_at=dt.datetime.now(dt.timezone.utc)))
        uow.commit()
    window.panel.quote = None
    open_customer(qtbot, window, number)
    assert panel.credit.isVisible() and panel.credit.text() == "KREDIT Rp 45.600"
    assert panel.conflict.isVisible() and panel.conflict.text() == "KONFLIK (1)"


def test_tab_from_search_goes_to_results_as_one_stop_then_to_the_bills_where_space_ticks(qtbot, app, window):
    """Keyboard only: Tab leaves the search field for the results (one stop, never
    cell by cell), the next Tab reaches the bills; ↑/↓ move, Space ticks/unticks
    (the oldest-first rule kept); Shift+Tab goes back."""
    from PySide6.QtWidgets import QApplication

    from tests.ui.desk_helpers import press, type_keys

    number = customer_owing(app, 4)
    type_keys(qtbot, number)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.panel.quote is not None, timeout=3000)
    model = window.panel.bills
    n = model.rowCount()
    assert n >= 4 and QApplication.focusWidget() is window.search
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.results_view
    press(qtbot, Qt.Key.Key_Tab)  # one stop: the next Tab leaves the results
    assert QApplication.focusWidget() is window.panel.table
    assert window.panel.table.currentIndex().row() == 0  # the oldest month, ready for Space
    press(qtbot, Qt.Key.Key_Space)  # unticking the oldest unticks every later one
    assert checked(model) == [False] * n
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Space)  # ticking the third ticks the two before it
    assert checked(model) == [True] * 3 + [False] * (n - 3)
    assert window.panel.total.text() == format_rupiah(window.panel.quote.oldest(3).total)
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Space)  # unticking the second unticks the third
    assert checked(model) == [True] + [False] * (n - 1)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is window.results_view
    press(qtbot, Qt.Key.Key_F5)  # F5 from anywhere pays what is ticked
    qtbot.waitUntil(lambda: window.pay_dialog is not None, timeout=3000)
    assert [b.period for b in window.pay_dialog.paying.bills] == [window.panel.quote.bills[0].period]


def test_tab_from_results_of_many_rows_reaches_the_bills(qtbot, app, window):
    from PySide6.QtWidgets import QApplication

    from tests.ui.desk_helpers import press, type_keys

    type_keys(qtbot, "Oebobo")
    qtbot.waitUntil(lambda: window.results.rowCount() > 2, timeout=3000)
    press(qtbot, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.panel.quote is not None, timeout=3000)
    assert QApplication.focusWidget() is window.results_view
    press(qtbot, Qt.Key.Key_Tab)
    if window.panel.bills.rowCount():
        assert QApplication.focusWidget() is window.panel.table
    else:  # owes nothing: no bills to reach, back round to the search field
        assert QApplication.focusWidget() is not window.results_view


def test_ctrl_down_and_ctrl_up_tick_one_month_more_or_less_from_the_search_field(qtbot, app, window):
    from PySide6.QtWidgets import QApplication

    from tests.ui.desk_helpers import press, type_keys

    type_keys(qtbot, customer_owing(app, 4))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.panel.quote is not None, timeout=3000)
    model, n = window.panel.bills, window.panel.bills.rowCount()
    text = window.search.text()
    for _ in range(n - 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert checked(model) == [True] + [False] * (n - 1)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert checked(model) == [False] * n
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert checked(model) == [False] * n  # never below none
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert checked(model) == [True, True] + [False] * (n - 2)
    assert window.panel.total.text() == format_rupiah(window.panel.quote.oldest(2).total)
    assert QApplication.focusWidget() is window.search and window.search.text() == text  # typing untouched
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.panel.table  # the same keys in the bills table
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert checked(model) == [True] * 3 + [False] * (n - 3)
