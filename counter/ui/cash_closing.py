"""The desk's closing keys: F12 closes the cashier's shift (the count, then
the Z-report, then a new shift may be opened), F11 opens the office day's
closing for the branch head."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QObject

from counter.rules.money import format_rupiah
from counter.services import shifts
from counter.printing.day_figures import ShiftFigures
from counter.services.shift_report import deliver_z_report
from counter.ui.day_close_dialog import DayCloseDialog
from counter.ui.shift_close_dialog import ShiftCloseDialog


class CashClosing(QObject):
    def __init__(self, window) -> None:  # noqa: ANN001 - main_window.MainWindow
        super().__init__(window)
        self.window = window
        self.dialog = None

    def _free(self) -> bool:
        w = self.window
        return not w.locked and w.signed_in and self.dialog is None and w.pay_dialog is None

    def close_shift(self) -> None:
        """F12: read the open shift on the worker, then count the drawer."""
        if not self._free():
            return
        w = self.window
        app, desk = w.app, w.desk
        w.runner.run(lambda: shifts.open_shift_now(app.uow(), desk), self._shift_read,
                     lambda error: w.banner.show_message(str(error), "error"), tag="shift-close")

    def _shift_read(self, shift: ShiftFigures | None) -> None:
        w = self.window
        if shift is None:
            w.banner.show_message(self.tr("Tidak ada shift terbuka di loket ini untuk ditutup."), "error")
            return
        if not self._free():
            return
        dialog = ShiftCloseDialog(w.app, w.desk, w.runner, shift, w.app.config.closing.variance_limit, w)
        dialog.closed.connect(self._shift_closed)
        self._open(dialog)

    def _shift_closed(self, shift: ShiftFigures) -> None:
        w = self.window
        w.set_shift(None)
        variance = shift.variance or 0
        amount = self.tr("PAS") if variance == 0 else ("-" if variance < 0 else "+") + format_rupiah(abs(variance))
        closed = self.tr("<b>Shift ditutup.</b> Selisih kas {amount}.").format(amount=amount)
        w.banner.show_message(closed + " " + self.tr("Mencetak laporan Z ..."), "info")
        config = w.app.config
        printer, folder = dataclasses.asdict(config.printer), Path(config.store.data_dir) / "reports"
        w.runner.run(lambda: deliver_z_report(shift, printer, folder),
                     lambda said: w.banner.show_message(f"{closed} {said}", "info"),
                     lambda error: w.banner.show_message(
                         closed + " " + self.tr("Laporan Z gagal: {error}").format(error=error), "error"))
        w.offer_shift()  # a new shift (Esc: not now)

    def close_day(self) -> None:
        """F11: the office day, read from central."""
        if not self._free():
            return
        w = self.window
        if w.desk.role == "admin":
            w.banner.show_message(self.tr("Tutup hari dilakukan kepala unit atau kasir dengan persetujuannya."),
                                  "error")
            return
        central = w.sync.central if w.sync is not None else None
        self._open(DayCloseDialog(w.app, w.desk, w.runner, central, w))

    def _open(self, dialog) -> None:  # noqa: ANN001
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog) -> None:  # noqa: ANN001
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        shift_dialog = self.window.shift_dialog
        if shift_dialog is not None:  # the new shift's float (offered after closing) keeps the keyboard
            shift_dialog.activateWindow()
            shift_dialog.amount.setFocus()
        else:
            self.window.focus_search()


