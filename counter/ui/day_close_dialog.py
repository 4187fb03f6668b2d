"""The branch head's day closing (F11): the office day read from central on
the worker, what still stands in the way (open shifts, events not yet at
central), the sign-off with a supervisor's credential, the report PDFs, and
the deposit once the day is closed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDateEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from counter.errors import CounterError, InvalidInput
from counter.rules.money import format_rupiah
from counter.services import day_closing
from counter.services.approval import Approval
from counter.services.context import Desk
from counter.printing.day_figures import DayFigures
from counter.ui.approval_dialog import ApprovalDialog, approve_then
from counter.ui.pay_dialog import method_label
from counter.ui.tasks import TaskRunner
from counter.ui.widgets import (
    GOOD, SHORTFALL, FormDialog, RupiahEdit, button_row, cancel_button, font, primary_button,
)

CLOSE_TEXT = QT_TRANSLATE_NOOP("DayCloseDialog", "Tutup hari [Ctrl+Enter]")
DEPOSIT_TEXT = QT_TRANSLATE_NOOP("DayCloseDialog", "Catat setoran")


def _rows(title: str, rows: list[tuple[str, ...]], header: tuple[str, ...] = ()) -> str:
    """A titled table: the first column left, every other (counts, amounts, times) right-aligned."""
    def line(cells: tuple[str, ...], tag: str = "td") -> str:
        return "<tr>" + "".join(f"<{tag} align={'left' if i == 0 else 'right'}>&nbsp;{c}&nbsp;</{tag}>"
                                for i, c in enumerate(cells)) + "</tr>"

    cells = "".join(line(row) for row in rows) or "<tr><td>&nbsp;–</td></tr>"
    head = line(header, "th") if header and rows else ""
    return f"<b>{title}</b><table cellspacing=0 cellpadding=1>{head}{cells}</table>"


def clock(moment: dt.datetime | None, zone: dt.tzinfo, day: dt.date) -> str:
    """`07:58`, or `25-11 07:58` on another day than `day`; `–` when there is none."""
    if moment is None:
        return "–"
    local = moment.astimezone(zone)
    return f"{local:%H:%M}" if local.date() == day else f"{local:%d-%m %H:%M}"


class DayCloseDialog(FormDialog):
    def __init__(self, app, desk: Desk, runner: TaskRunner, central, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(720, parent)
        self.app, self.desk, self.runner, self.central = app, desk, runner, central
        self.day: dt.date = desk.today()
        self.figures: DayFigures | None = None
        self.pending: list[str] = []
        self.approval_dialog: ApprovalDialog | None = None
        self.setWindowTitle(self.tr("Tutup hari"))

        self.title = QLabel(self.tr("Tutup hari kantor {office}").format(office=desk.office_code))
        self.title.setFont(font(15, bold=True))
        self.date = QDateEdit(QDate(self.day.year, self.day.month, self.day.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.date.setMaximumDate(self.date.date())  # a day not yet begun is not closed
        self.date.setFont(font(15, bold=True))
        self.date.setAccessibleName(self.tr("Tanggal yang ditutup"))
        self.date.dateChanged.connect(self._day_changed)
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.date)
        heading.addStretch(1)
        self.state = QLabel(self.tr("Membaca data semua loket dari pusat ..."))
        self.state.setFont(font(12, bold=True))
        self.body = QLabel()
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setFont(font(11))
        self.silent = QLabel()  # counters central heard nothing from: a note of its own, wrapped in the dialog
        self.silent.setTextFormat(Qt.TextFormat.RichText)
        self.silent.setWordWrap(True)
        self.silent.setFont(font(11))
        self.blocking = QLabel()
        self.blocking.setWordWrap(True)
        self.blocking.setStyleSheet(f"color: {SHORTFALL};")
        self.override = QLineEdit()
        self.override.setMaxLength(200)
        self.override.setPlaceholderText(self.tr("Alasan menutup walau belum lengkap (minimal 5 huruf)"))
        self.override.setAccessibleName(self.tr("Alasan pengecualian"))

        self.amount = RupiahEdit()
        self.bank = QLineEdit()
        self.bank.setMaxLength(60)
        self.reference = QLineEdit()
        self.reference.setMaxLength(64)
        self.deposit_form = QWidget()
        form = QFormLayout(self.deposit_form)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Jumlah setoran (Rp)"), self.amount)
        form.addRow(self.tr("Bank"), self.bank)
        form.addRow(self.tr("No. bukti setoran"), self.reference)
        self.deposit_button = primary_button(self.tr(DEPOSIT_TEXT), self.record_deposit, colour=GOOD)

        self.report_button = cancel_button(self.tr("Simpan laporan PDF"), self.save_reports)
        self.cancel_button = cancel_button(self.tr("Tutup [Esc]"), self.reject)
        self.ok_button = primary_button(self.tr(CLOSE_TEXT), self.confirm)
        self.keys = [QShortcut(QKeySequence(keys), self, self.confirm) for keys in ("Ctrl+Return", "Ctrl+Enter")]
        buttons = button_row(self.cancel_button, self.report_button, self.deposit_button, self.ok_button)
        self._lay_out(heading, self.state, self.body, self.silent, self.blocking, self.override, self.deposit_form,
                      self.error, buttons)
        for widget in (self.override, self.deposit_form, self.deposit_button, self.report_button, self.ok_button,
                       self.blocking):
            widget.hide()
        self.load()

    # ---- reading ----------------------------------------------------------

    def load(self) -> None:
        if self.central is None:
            self.state.setText(self.tr("Pusat belum tersambung: tutup hari perlu data semua loket dari pusat."))
            self.state.setStyleSheet(f"color: {SHORTFALL};")
            return
        app, desk, central, day = self.app, self.desk, self.central, self.day

        def read() -> tuple[DayFigures, list[str]]:
            figures = day_closing.read_day(app.uow(), central, desk, day)
            return figures, ([] if figures.closing else day_closing.blockers(app.uow(), figures))

        self.runner.run(read, self.show_day, self._read_failed, tag="day")

    def _day_changed(self, date: QDate) -> None:
        """Another day (yesterday's, closed the next morning): read it afresh."""
        self.day = dt.date(date.year(), date.month(), date.day())
        self.figures, self.pending = None, []
        self.state.setText(self.tr("Membaca data semua loket dari pusat ..."))
        self.state.setStyleSheet("")
        self.body.clear()
        for widget in (self.override, self.deposit_form, self.deposit_button, self.report_button, self.ok_button,
                       self.blocking, self.error, self.silent):
            widget.hide()
        self.load()

    def _read_failed(self, error: CounterError) -> None:
        self.state.setText(str(error))
        self.state.setStyleSheet(f"color: {SHORTFALL};")

    def show_day(self, read: tuple[DayFigures, list[str]]) -> None:
        figures, self.pending = read
        self.figures = figures
        if figures.closing:
            c = figures.closing
            self.state.setText(self.tr("DITUTUP {time} oleh {who}").format(
                time=f"{c.closed_at.astimezone(self.desk.zone):%d-%m-%Y %H:%M}", who=c.closed_by))
            self.state.setStyleSheet(f"color: {GOOD};")
        else:
            self.state.setText(self.tr("BELUM DITUTUP"))
            self.state.setStyleSheet("")
        total = self.tr("{n} struk, total <b>{total}</b>, tunai <b>{cash}</b>", "", figures.count).format(
            n=figures.count, total=format_rupiah(figures.total), cash=format_rupiah(figures.cash_total))
        counters = [(t.label, str(t.count), format_rupiah(t.amount)) for t in figures.by_counter]
        methods = [(method_label(t.label), str(t.count), format_rupiah(t.amount)) for t in figures.by_method]
        zone = self.desk.zone
        shifts = [(f"{s.counter_code} {s.cashier}", clock(s.opened_at, zone, figures.business_date),
                   self.tr("masih buka") if s.is_open else clock(s.closed_at, zone, figures.business_date),
                   "" if s.is_open else format_rupiah(s.counted or 0),
                   "" if s.variance is None else format_rupiah(s.variance)) for s in figures.shifts]
        shift_header = (self.tr("Loket, kasir"), self.tr("Buka"), self.tr("Tutup"), self.tr("Dihitung"),
                        self.tr("Selisih"))
        late = (self.tr("<br><b>{n} struk diterima setelah tutup hari</b> (di luar angka yang ditandatangani).", "",
                        len(figures.late)).format(
            n=len(figures.late)) if figures.late else "")
        refunds = (self.tr("<br>Pengembalian uang <b>{refunds}</b>, tunai untuk disetor <b>{deposit}</b>.").format(
            refunds=format_rupiah(figures.refunds), deposit=format_rupiah(figures.to_deposit))
            if figures.refunds else "")
        self.silent.setText(self.tr("<br><b>Belum ada kabar hari ini dari loket {codes}</b>: uang yang diterima "
                                    "secara offline belum terhitung.").format(codes=", ".join(figures.silent_counters)))
        self.silent.setVisible(bool(figures.silent_counters))
        per_counter, per_method, per_shift = self.tr("Per loket"), self.tr("Per cara bayar"), self.tr("Shift")
        self.body.setText(
            f"{total}<table><tr><td valign=top>{_rows(per_counter, counters)}</td><td width=32></td>"
            f"<td valign=top>{_rows(per_method, methods)}</td></tr></table>"
            f"{_rows(per_shift, shifts, shift_header)}{refunds}{late}")
        self.blocking.setText(self.tr("Belum lengkap: {what}.").format(what="; ".join(self.pending)))
        self.blocking.setVisible(bool(self.pending))
        self.override.setVisible(bool(self.pending))
        self.ok_button.setVisible(figures.closing is None)
        self.report_button.show()
        closed_without_deposit = figures.closing is not None and figures.deposit is None
        self.deposit_form.setVisible(closed_without_deposit)
        self.deposit_button.setVisible(closed_without_deposit)
        if closed_without_deposit:
            self.amount.setText(f"{figures.to_deposit:,}".replace(",", "."))  # the cash less the refunds paid
            self.bank.setFocus()
        elif figures.deposit:
            d = figures.deposit
            self.body.setText(self.body.text() + self.tr("<br>Setoran {amount} ke {bank}, bukti {ref}.").format(
                amount=format_rupiah(d.amount), bank=d.bank, ref=d.reference))
        self.adjustSize()  # the figures, notes and forms shown decide the dialog's height

    # ---- acts -------------------------------------------------------------

    def confirm(self) -> None:
        """Ctrl+Enter: sign the day off (a supervisor's credential)."""
        if (self.submitting or self.approval_dialog is not None or self.figures is None
                or self.figures.closing is not None):
            return
        reason = " ".join(self.override.text().split())
        if self.pending and len(reason) < 5:
            self._show_error(self.tr("Tulis alasan menutup hari walau belum lengkap (minimal 5 huruf)."), self.override)
            return
        app, desk, central, day = self.app, self.desk, self.central, self.day
        self._approved(self.tr("Tutup hari {date}").format(date=f"{day:%d-%m-%Y}"),
                       lambda given: day_closing.close_day(app.uow(), central, desk, day, given, reason),
                       lambda figures: self.show_day((figures, [])))

    def record_deposit(self) -> None:
        if self.submitting or self.approval_dialog is not None or self.figures is None:
            return
        try:
            amount = self.amount.value()
        except InvalidInput as error:
            self._show_error(str(error), self.amount)
            return
        bank, reference = self.bank.text(), self.reference.text()
        app, desk, day = self.app, self.desk, self.day
        self._approved(self.tr("Setoran {amount}").format(amount=format_rupiah(amount)),
                       lambda given: day_closing.record_deposit(app.uow(), desk, day, amount, bank, reference, given),
                       lambda _deposit: self.load())

    def _approved(self, act: str, work: Callable[[Approval], object], done: Callable[[object], None]) -> None:
        """Ask a supervisor, then run `work(approval)` on the worker."""
        self.error.hide()
        approve_then(
            self, self.runner, act, work, done,
            lambda error: self._show_error(str(error), self.override if self.override.isVisible() else self.bank))

    def save_reports(self) -> None:
        """The LPP and the closing report as PDFs in the data folder's reports/."""
        if self.figures is None:
            return
        figures, app = self.figures, self.app
        folder = Path(app.config.store.data_dir) / "reports"
        saved = self.tr("Laporan disimpan di {folder}").format(folder=folder)
        self.runner.run(lambda: day_closing.write_reports(app.uow(), figures, folder),
                        lambda _files: self.state.setText(saved), self._read_failed)

    def done(self, result: int) -> None:
        self.runner.cancel("day")
        super().done(result)
