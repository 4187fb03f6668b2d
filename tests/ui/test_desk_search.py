"""Finding a customer at the desk: type-ahead, scan + Enter, F2."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter.rules.money import format_rupiah
from counter.rules.text import fold
from tests.conftest import AS_OF, clock_at
from tests.ui.desk_helpers import customer_owing


def test_search_field_has_focus_at_start(window):
    assert QApplication.focusWidget() is window.search


def test_typing_a_name_shows_results_after_the_debounce(qtbot, window):
    qtbot.keyClicks(window.search, "marthen")
    assert window.results.rowCount() == 0  # debounced: nothing searched yet
    qtbot.waitUntil(lambda: window.results.rowCount() > 0, timeout=3000)
    model = window.results
    names = [model.index(row, 1).data() for row in range(model.rowCount())]
    assert any("marthen" in fold(name) for name in names)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "No. samb."
    assert model.index(0, 4).data() in {"AKTIF", "DISEGEL", "TUTUP SEMENTARA", "TUTUP"}
    assert "pelanggan" in window.search_hint.text()
    assert window.panel.quote is None  # typing alone opens nobody
    assert QApplication.focusWidget() is window.search


def test_too_short_text_shows_a_hint_not_a_dialog(qtbot, window, messages):
    qtbot.keyClicks(window.search, "ma")
    qtbot.waitUntil(lambda: "minimal 3" in window.search_hint.text(), timeout=3000)
    assert window.results.rowCount() == 0
    assert messages.shown == []


def test_scanning_a_connection_number_and_enter_opens_the_customer(qtbot, app, window):
    number = customer_owing(app, 2)
    qtbot.keyClicks(window.search, number)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.panel.quote is not None, timeout=3000)
    quote = window.panel.quote
    assert quote.customer.number == number
    assert window.panel.number.text() == number
    assert window.panel.name.text() == quote.customer.name
    assert window.panel.status.text() == quote.customer.status_label.upper()
    usage = quote.customer.usage.per_person
    assert window.panel.household.text().removeprefix("⚠ ").startswith(
        f"{quote.customer.household_size} jiwa · {usage.litres_per_day} L/orang/hari")
    assert window.panel.bills.rowCount() == len(quote.bills) >= 2
    assert window.panel.total.text() == format_rupiah(quote.total)  # every bill selected by default
    assert QApplication.focusWidget() is window.search  # ready for F5 or the next scan


def test_scanning_a_bill_barcode_opens_its_customer(qtbot, app, window):
    number = customer_owing(app, 1)
    qtbot.keyClicks(window.search, number.replace("-", "") + "202511")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.panel.quote is not None, timeout=3000)
    assert window.panel.quote.customer.number == number


def test_unknown_number_says_so_inline(qtbot, window, messages):
    qtbot.keyClicks(window.search, "99-99-999999")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Tidak ada pelanggan" in window.search_hint.text(), timeout=3000)
    assert window.panel.quote is None and messages.shown == []


def test_down_arrow_moves_into_results_and_opens_the_first(qtbot, window):
    qtbot.keyClicks(window.search, "Oebobo")
    qtbot.waitUntil(lambda: window.results.rowCount() > 1, timeout=3000)
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    first = window.results.customer(0).number
    qtbot.waitUntil(lambda: window.panel.quote is not None, timeout=3000)
    assert window.panel.quote.customer.number == first
    qtbot.keyClick(window.results_view, Qt.Key.Key_Down)
    second = window.results.customer(1).number
    qtbot.waitUntil(lambda: window.panel.quote is not None and window.panel.quote.customer.number == second,
                    timeout=3000)


def test_f2_puts_focus_back_in_search(qtbot, window):
    window.results_view.setFocus()
    qtbot.keyClick(window.results_view, Qt.Key.Key_F2)
    assert QApplication.focusWidget() is window.search


@pytest.mark.no_shift
def test_status_bar_shows_desk_and_central_placeholder(window, desk):
    texts = [window.place_label.text(), window.user_label.text(), window.central_label.text()]
    assert desk.counter_code in texts[0] and desk.office_code in texts[0]
    assert texts[1] == f"Kasir: {desk.full_name}"  # the full name (the user name is in its tooltip)
    assert desk.username in window.user_label.toolTip()
    assert window.shift_label.text() == "Shift: belum dibuka"
    assert texts[2] == "Pusat: belum tersambung"
    assert window.search_button.text() == "Cari [F2]"
    assert window.panel.pay_button.text() == "BAYAR [F5]"
    assert window.date_label.text() == "Tanggal: 24-11-2025"


def test_business_date_in_the_status_bar_follows_the_clock(window, desk):
    import dataclasses
    import datetime as dt

    assert window.date_timer.isActive() and window.date_timer.interval() == 30_000
    window.desk = dataclasses.replace(desk, clock=clock_at(AS_OF + dt.timedelta(days=1), hour=0))
    window.date_timer.timeout.emit()  # the next tick after midnight
    assert window.date_label.text() == "Tanggal: 25-11-2025"


def test_enter_opening_the_single_match_highlights_its_row(qtbot, app, window):
    """The row Enter opened is the results' current, selected row, in sight, and is
    painted in the full selection colour although the keys stay in the search field."""
    number = customer_owing(app, 2)
    qtbot.keyClicks(window.search, "Oebobo")
    qtbot.waitUntil(lambda: window.results.rowCount() > 1, timeout=3000)
    qtbot.keyClick(window.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search, number)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.panel.quote is not None, timeout=3000)
    view = window.results_view
    row = next(r for r in range(window.results.rowCount()) if window.results.customer(r).number == number)
    assert view.currentIndex().row() == row
    assert [i.row() for i in view.selectionModel().selectedRows()] == [row]
    qtbot.wait(50)
    image = view.viewport().grab().toImage()
    rect = view.visualRect(window.results.index(row, 2))
    assert view.viewport().rect().contains(rect.center())  # in sight
    colour = image.pixelColor(rect.center().x() + rect.width() // 3, rect.center().y())
    highlight = view.palette().color(view.palette().ColorGroup.Active, view.palette().ColorRole.Highlight)
    assert QApplication.focusWidget() is window.search  # the view is not the one with the keys: still marked
    assert colour.name() == highlight.name()
