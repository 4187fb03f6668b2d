"""The status bar and the row of buttons shrink their type to fit, and then
stay still: a fit that changes a font must not make the next fit change it back
(every turn of the event loop would relayout the window, and the keys wait)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from counter.ui.customer_panel import BillsView
from counter.ui.table_models import BillsModel, CustomerResultsModel, ResultsView
from counter.ui.widgets import ButtonStrip, FittingStatusBar, font


def narrow_host(qtbot, child: QWidget, width: int) -> QWidget:  # noqa: ANN001
    host = QWidget()
    QVBoxLayout(host).addWidget(child)
    host.resize(width, 80)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    return host


def counted_fits(monkeypatch: pytest.MonkeyPatch, widget_class: type, name: str = "fit") -> list[int]:
    calls: list[int] = []
    fit = getattr(widget_class, name)

    def counting(self) -> None:  # noqa: ANN001
        calls.append(1)
        fit(self)

    monkeypatch.setattr(widget_class, name, counting)
    return calls


def test_a_status_bar_too_narrow_fits_once_and_stays_still(qtbot, monkeypatch) -> None:  # noqa: ANN001
    fits = counted_fits(monkeypatch, FittingStatusBar)
    bar = FittingStatusBar()
    labels = [QLabel(f"Keterangan yang panjang sekali nomor {n}") for n in range(5)]
    for label in labels:
        bar.addPermanentWidget(label)
    host = narrow_host(qtbot, bar, 700)
    qtbot.wait(100)
    assert bar.font().pointSizeF() < bar.natural()  # it had to shrink
    fits.clear()
    qtbot.wait(300)  # nothing changes: no fit runs
    assert len(fits) <= 1, len(fits)
    labels[0].setText("Teks lain yang sama panjangnya, nomor 0")
    qtbot.wait(300)
    assert 1 <= len(fits) <= 3, len(fits)  # a text changed: fitted again, then still
    assert host.isVisible()


def test_a_row_of_buttons_too_narrow_fits_once_and_stays_still(qtbot, monkeypatch) -> None:  # noqa: ANN001
    fits = counted_fits(monkeypatch, ButtonStrip)
    strip = ButtonStrip(12)
    for n in range(6):
        strip.add(QPushButton(f"Tombol panjang nomor {n} [F{n}]"))
    host = narrow_host(qtbot, strip, 500)
    qtbot.wait(100)
    assert strip.font().pointSizeF() < strip.natural()
    fits.clear()
    qtbot.wait(300)
    assert len(fits) <= 1, len(fits)
    assert host.isVisible()


@pytest.mark.parametrize("view_class", [BillsView, ResultsView])
def test_a_table_refits_its_columns_when_wider_or_narrower_not_taller(qtbot, monkeypatch, view_class) -> None:  # noqa: ANN001
    """A banner above the bills makes them shorter: measuring every cell again then
    (every row's text, on the GUI thread) only delays the keys."""
    fits = counted_fits(monkeypatch, view_class, "fit_columns")
    view = view_class()
    view.setModel(BillsModel(view) if view_class is BillsView else CustomerResultsModel(view))
    qtbot.addWidget(view)
    view.resize(800, 300)
    view.show()
    qtbot.waitExposed(view)
    fits.clear()
    view.resize(800, 200)
    qtbot.wait(20)
    assert fits == []
    view.resize(700, 200)
    qtbot.wait(20)
    assert len(fits) == 1
    view.setFont(font(14))
    qtbot.wait(20)
    assert len(fits) >= 2  # larger text: measured again


def test_the_bills_are_measured_once_per_customer_not_on_every_resize(qtbot, monkeypatch) -> None:  # noqa: ANN001
    """Measuring reads every cell (Python, on the GUI thread, while the worker and the
    sync want the interpreter too): once per customer shown; a resize only shares out the width."""
    measured = counted_fits(monkeypatch, BillsView, "measure")
    model = BillsModel()
    view = BillsView()
    view.setModel(model)
    qtbot.addWidget(view)
    view.resize(800, 300)
    view.show()
    qtbot.waitExposed(view)
    measured.clear()
    for width in (700, 760, 640):
        view.resize(width, 300)
        qtbot.wait(10)
    assert measured == []
    model.beginResetModel()
    model.endResetModel()
    assert len(measured) == 1
    view.setFont(font(14))
    qtbot.wait(20)
    assert len(measured) == 2
