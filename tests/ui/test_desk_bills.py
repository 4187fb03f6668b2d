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
