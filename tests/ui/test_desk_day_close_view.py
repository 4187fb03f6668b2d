"""The day close (F11) as it shows the figures: amounts right-aligned, each shift's
opening and closing times, nothing cut at the dialog's edge."""

from __future__ import annotations

import dataclasses
import re

from counter.rules.money import format_rupiah
from counter.ui.day_close_dialog import DayCloseDialog
from tests.printing.day_samples import day
from tests.ui.test_language import shown


def test_the_day_close_shows_every_shift_with_its_times_and_amounts_right_aligned(
        qtbot, app, desk, runner, opened) -> None:  # noqa: ANN001
    figures = dataclasses.replace(day(40, 2, late=0, deposit=False), refunds=25_000)
    dialog = shown(qtbot, opened, DayCloseDialog(app, desk, runner, None))
    dialog.show_day((figures, []))
    body = dialog.body.text()
    for shift in figures.shifts:
        opened_at = f"{shift.opened_at.astimezone(desk.zone):%H:%M}"
        closed_at = f"{shift.closed_at.astimezone(desk.zone):%H:%M}"
        row = re.search(rf"<tr>.*?{shift.counter_code} {shift.cashier}.*?</tr>", body).group(0)
        assert opened_at in row and closed_at in row and format_rupiah(shift.counted) in row
    for amount in [format_rupiah(t.amount) for t in (*figures.by_counter, *figures.by_method)]:
        assert f"<td align=right>&nbsp;{amount}&nbsp;</td>" in body  # every amount right-aligned
    assert "<th align=right>&nbsp;Buka&nbsp;</th>" in body and "Tutup" in body
    qtbot.wait(20)
    assert dialog.body.sizeHint().width() <= dialog.body.width()  # nothing cut at the edge


def test_an_open_shift_says_so_in_the_day_close(qtbot, app, desk, runner, opened) -> None:  # noqa: ANN001
    figures = day(40, 2, late=0, deposit=False)
    still_open = dataclasses.replace(figures.shifts[0], closed_at=None, counted=None)
    figures = dataclasses.replace(figures, shifts=(still_open, *figures.shifts[1:]))
    dialog = shown(qtbot, opened, DayCloseDialog(app, desk, runner, None))
    dialog.show_day((figures, []))
    row = re.search(rf"<tr>.*?{still_open.counter_code} {still_open.cashier}.*?</tr>", dialog.body.text()).group(0)
    assert "masih buka" in row
