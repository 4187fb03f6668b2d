"""F9: relief and instalment plans for the open customer.

The cashier chooses a relief programme (or the ordinary instalment rule), the
number of instalments and, when the customer pays more than the minimum, the
down payment; the exact figures come from `plans.preview_plan` on the worker
as they type. "Buat rencana" asks for the supervisor when the plan needs one,
makes the plan with the previewed total (a changed figure refuses it) and
writes the agreement PDF. Nothing is written before that: Esc at any earlier
point leaves the store as it was.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QFormLayout, QFrame, QHBoxLayout, QHeaderView, QLabel, QListWidget,
    QListWidgetItem, QSpinBox, QTableView, QVBoxLayout, QWidget,
)

from counter import application
from counter.errors import ApprovalRefused, CounterError
from counter.rules.money import format_rupiah, parse_rupiah
from counter.services import plans
from counter.services.billing import Quote
from counter.services.context import Desk
from counter.services.plans import PlanMade, PlanOffer, ProgrammeOffer
from counter.services.programmes import InstalmentRule, instalment_rule
from counter.ui.approval_dialog import ApprovalDialog
from counter.ui.plan_models import TextTableModel, bill_rows, schedule_rows
from counter.ui.tasks import TaskRunner
from counter.ui.widgets import (
    GOOD, MUTED, SHORTFALL, MoneyLabel, RupiahEdit, StatusBadge, button_row, cancel_button, font, primary_button,
)

SCHEDULE_ROWS = 7  # the down payment, up to five terms and the sum without scrolling
PREVIEW_DELAY_MS = 200  # typing a down payment digit by digit previews once, not per digit
ORDINARY = QT_TRANSLATE_NOOP("ReliefDialog", "Angsuran biasa")
FINE_MODES = {"freeze": QT_TRANSLATE_NOOP("ReliefDialog", "denda dibekukan selama angsuran"),
              "waive": QT_TRANSLATE_NOOP("ReliefDialog", "denda dihapus"),
              "include": QT_TRANSLATE_NOOP("ReliefDialog", "denda ikut diangsur")}
BILL_HEADERS = (QT_TRANSLATE_NOOP("ReliefDialog", "Bulan"), QT_TRANSLATE_NOOP("ReliefDialog", "Pokok"),
                QT_TRANSLATE_NOOP("ReliefDialog", "Denda"), QT_TRANSLATE_NOOP("ReliefDialog", "Keringanan"),
                QT_TRANSLATE_NOOP("ReliefDialog", "Jumlah"))
SCHEDULE_HEADERS = (QT_TRANSLATE_NOOP("ReliefDialog", "Pembayaran"), QT_TRANSLATE_NOOP("ReliefDialog", "Jatuh tempo"),
                    QT_TRANSLATE_NOOP("ReliefDialog", "Jumlah"))
MAKE_TEXT = QT_TRANSLATE_NOOP("ReliefDialog", "Buat rencana [Enter]")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReliefDialog", text)


@dataclasses.dataclass(frozen=True)
class Choice:
    """One line of the list: a programme, or the ordinary rule (`offer` None)."""

    offer: ProgrammeOffer | None
    max_terms: int

    @property
    def code(self) -> str | None:
        return self.offer.code if self.offer else None

    @property
    def eligible(self) -> bool:
        return self.offer is None or self.offer.eligible

    @property
    def min_terms(self) -> int:
        return 0 if self.offer else 1  # a programme may settle at once; the ordinary rule needs a term


def _table(model: TextTableModel, stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # read-only figures: Tab goes from field to field
    view.setAlternatingRowColors(True)
    view.setFont(font(11))
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class ReliefDialog(QDialog):
    plan_made = Signal(object, str)  # PlanMade, what to tell the cashier about the agreement
    take_down_payment = Signal(str)  # the customer's number: pay the down payment now

    def __init__(self, app, desk: Desk, runner: TaskRunner, quote: Quote,  # noqa: ANN001 - bootstrap.App
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.desk, self.runner = app, desk, runner
        self.customer = quote.customer
        self.choices: list[Choice] = []
        self.rule: InstalmentRule | None = None  # the ordinary instalment rule, once loaded
        self.offer: PlanOffer | None = None  # the preview on screen
        self.offer_key: tuple | None = None  # the inputs it was computed for
        self.made: PlanMade | None = None
        self.agreement_path: Path | None = None
        self.approval_dialog: ApprovalDialog | None = None
        self.submitting = False
        self.setWindowTitle(self.tr("Keringanan / Angsuran"))
        self.setModal(True)
        self.resize(1180, 690)

        c = self.customer
        who = QLabel(f"<b>{c.number}</b> &nbsp; {c.name}<br><span style='color:{MUTED}'>{c.address}, " + self.tr(
            "Kel. {village} &nbsp;|&nbsp; Gol. {tariff}").format(village=c.village, tariff=c.tariff_code) + "</span>")
        who.setFont(font(12))
        badge = StatusBadge()
        badge.set_status(c.status, c.status_label)
        header = QHBoxLayout()
        header.addWidget(who, 1)
        header.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)

        # ---- left: what kind of plan, how many terms, the down payment
        self.programmes = QListWidget()
        self.programmes.setFont(font(11))
        self.programmes.setWordWrap(True)
        self.programmes.setSpacing(2)
        self.programmes.setAccessibleName(self.tr("Program keringanan"))
        self.programmes.addItem(self.tr("Memuat program ..."))
        self.programmes.currentRowChanged.connect(self._choice_changed)
        self.instalments = QSpinBox()
        self.instalments.setFont(font(13))
        self._terms_suffix()
        self.instalments.setAccessibleName(self.tr("Jumlah angsuran"))
        self.instalments.valueChanged.connect(self._terms_suffix)
        self.instalments.valueChanged.connect(self._inputs_changed)
        self.down_payment = RupiahEdit()
        self.down_payment.setFont(font(13))
        self.down_payment.setAccessibleName(self.tr("Uang muka"))
        self.down_payment.textChanged.connect(self._inputs_changed)
        self.terms_note = QLabel()
        self.terms_note.setStyleSheet(f"color: {MUTED};")
        self.terms_note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Jumlah angsuran"), self.instalments)
        form.addRow(self.tr("&Uang muka"), self.down_payment)
        form.addRow("", self.terms_note)
        caption = QLabel(self.tr("&Program"))
        caption.setFont(font(11, bold=True))
        caption.setBuddy(self.programmes)
        left = QVBoxLayout()
        left.addWidget(caption)
        left.addWidget(self.programmes, 1)
        left.addLayout(form)

        # ---- right: the exact figures
        # models owned by the dialog: a Python-owned Qt object may be destroyed by the garbage
        # collector on the worker thread, which crashes Qt
        self.bills_model = TextTableModel([_tr(h) for h in BILL_HEADERS], 1, total_row=True, parent=self)
        self.schedule_model = TextTableModel([_tr(h) for h in SCHEDULE_HEADERS], 2, total_row=True, parent=self)
        self.bills_view = _table(self.bills_model, 0)
        self.schedule_view = _table(self.schedule_model, 0)
        self.total = MoneyLabel(20)
        self.total.setAccessibleName(self.tr("Jumlah diangsur"))
        self.minimum = QLabel()
        self.minimum.setFont(font(11))
        self.minimum.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setFont(font(11))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setFont(font(12, bold=True))
        self.error.setStyleSheet(f"color: {SHORTFALL};")
        self.error.hide()
        self.state = QLabel()
        self.state.setStyleSheet(f"color: {MUTED};")
        self.waived = QLabel()
        self.waived.setFont(font(11))
        self.waived.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        total_caption = QLabel(self.tr("Jumlah diangsur"))
        total_caption.setFont(font(12, bold=True))
        total_caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        sums = QVBoxLayout()
        sums.addWidget(total_caption)
        sums.addWidget(self.total)
        sums.addWidget(self.waived)
        sums.addWidget(self.minimum)
        sums.addStretch(1)
        schedule = QVBoxLayout()
        schedule.addWidget(self._heading(self.tr("Jadwal pembayaran")))
        schedule.addWidget(self.schedule_view)
        schedule.addStretch(1)
        lower = QHBoxLayout()  # the schedule is short: under the bills, beside the sums
        lower.addLayout(schedule, 3)
        lower.addSpacing(16)
        lower.addLayout(sums, 2)
        right = QVBoxLayout()
        right.addWidget(self._heading(self.tr("Rekening yang diangsur")))
        right.addWidget(self.bills_view, 1)
        right.addLayout(lower)
        right.addWidget(self.notes)
        right.addWidget(self.error)
        right.addWidget(self.state)

        left_box = QWidget()
        left_box.setLayout(left)
        left_box.setFixedWidth(340)  # the figures take the rest: five money columns must fit
        left.setContentsMargins(0, 0, 0, 0)
        body = QHBoxLayout()
        body.addWidget(left_box)
        body.addSpacing(12)
        body.addLayout(right, 1)

        # ---- the outcome, and the buttons
        self.done_note = QLabel()
        self.done_note.setWordWrap(True)
        self.done_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.done_note.setFont(font(12))
        self.done_note.setStyleSheet(f"QLabel {{ background: #e8f5e9; color: {GOOD}; border: 1px solid #66bb6a;"
                                     " border-radius: 4px; padding: 6px 10px; }")
        self.done_note.hide()
        self.hint = QLabel(self.tr("Alt+P ↑↓ program  |  Alt+J jumlah angsuran  |  Alt+U uang muka (kosong = minimal)"
                                   "  |  Enter = buat rencana  |  Esc = batal"))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {MUTED};")
        self.cancel_button = cancel_button(self.tr("Batal [Esc]"), self.reject, focus=True)
        self.make_button = primary_button(self.tr(MAKE_TEXT), self._make_or_pay, 13, 44, padding=22, default=True)
        buttons = button_row(self.cancel_button, self.make_button, lead=self.hint)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #cfd8dc;")
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(line)
        layout.addLayout(body, 1)
        layout.addWidget(self.done_note)
        layout.addLayout(buttons)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(PREVIEW_DELAY_MS)
        self._debounce.timeout.connect(self.preview_now)
        self._show_figures(None)
        self._update_buttons()
        self._load_choices()

    def _terms_suffix(self) -> None:
        """` kali` after the number (in English ` term` or ` terms`, by the number)."""
        self.instalments.setSuffix(self.tr(" kali", "", self.instalments.value()))

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        label.setFont(font(11, bold=True))
        return label

    # ---- the programmes ---------------------------------------------------

    def _load_choices(self) -> None:
        app, desk, number = self.app, self.desk, self.customer.number

        def load() -> tuple[list[ProgrammeOffer], InstalmentRule]:  # on the worker
            offers = plans.programme_offers(app.uow(), desk, number)
            with app.uow() as uow:
                return offers, instalment_rule(uow.session, desk.today())

        self.runner.run(load, self._show_choices, self._choices_failed, tag="relief-offers")

    def _show_choices(self, loaded: tuple[list[ProgrammeOffer], InstalmentRule]) -> None:
        offers, rule = loaded
        self.rule = rule
        self.choices = [Choice(None, rule.max_terms)] + [Choice(o, o.max_terms) for o in offers]
        self.programmes.blockSignals(True)
        self.programmes.clear()
        for choice in self.choices:
            self.programmes.addItem(self._item(choice))
        self.programmes.blockSignals(False)
        # the first programme the customer qualifies for: it is why they came to the counter
        first = next((i for i, c in enumerate(self.choices) if c.offer and c.eligible), 0)
        self.programmes.setCurrentRow(first)
        self._choice_changed(first)
        self.programmes.setFocus()

    def _item(self, choice: Choice) -> QListWidgetItem:
        if choice.offer is None:
            fines = FINE_MODES.get(self.rule.fine_mode)
            text = f"✓ {self.tr(ORDINARY)}\n" + self.tr("maks. {n} kali angsuran, {fines}").format(
                n=choice.max_terms, fines=self.tr(fines) if fines else self.rule.fine_mode)
            colour = None
        elif choice.eligible:
            text = f"✓ {choice.offer.name}\n" + self.tr("berlaku s/d {date}, maks. {n} kali angsuran").format(
                date=f"{choice.offer.valid_to:%d-%m-%Y}", n=choice.max_terms)
            colour = None
        else:
            text = f"✗ {choice.offer.name}\n" + self.tr("Tidak memenuhi syarat: {reasons}").format(
                reasons="; ".join(choice.offer.reasons))
            colour = QColor(SHORTFALL)
        item = QListWidgetItem(text)
        item.setToolTip(text)
        if colour is not None:
            item.setForeground(colour)
        return item

    def _choices_failed(self, error: CounterError) -> None:
        self.programmes.clear()
        self._show_error(str(error))

    @property
    def choice(self) -> Choice | None:
        row = self.programmes.currentRow()
        return self.choices[row] if 0 <= row < len(self.choices) else None

    def choose(self, code: str | None) -> None:
        """Select the programme `code` (None: the ordinary rule)."""
        self.programmes.setCurrentRow(next(i for i, c in enumerate(self.choices) if c.code == code))

    def _choice_changed(self, _row: int) -> None:
        choice = self.choice
        if choice is None or self.made is not None:
            return
        self.instalments.blockSignals(True)
        self.instalments.setRange(choice.min_terms, max(choice.min_terms, choice.max_terms))
        self.instalments.setValue(self.instalments.maximum())  # the lightest terms; the cashier lowers it
        self.instalments.blockSignals(False)
        self._terms_suffix()
        self.terms_note.setText(
            self.tr("{low}-{high} kali; 0 = lunas sekaligus dengan keringanan").format(
                low=choice.min_terms, high=choice.max_terms) if choice.min_terms == 0
            else self.tr("{low}-{high} kali").format(low=1, high=choice.max_terms))
        self._inputs_changed()

    # ---- the preview ------------------------------------------------------

    def key(self) -> tuple | None:
        """What the preview depends on: programme, instalments, down payment (None: the minimum).
        None when the down payment typed is not a number."""
        choice = self.choice
        if choice is None:
            return None
        text = self.down_payment.text().strip()
        try:
            down = parse_rupiah(text) if text else None
        except CounterError:
            return None
        return choice.code, self.instalments.value(), down

    def _inputs_changed(self) -> None:
        if self.made is not None:
            return
        self._update_buttons()
        self.state.setText(self.tr("Menghitung ..."))
        self._debounce.start()

    def preview_now(self) -> None:
        self._debounce.stop()
        key = self.key()
        if key is None:
            if self.choice is not None:
                self._show_figures(None)
                self._show_error(self.tr("Uang muka harus angka Rupiah, mis. 1.500.000."))
            return
        app, desk, number = self.app, self.desk, self.customer.number
        code, instalments, down = key
        self.runner.run(
            lambda: plans.preview_plan(app.uow(), desk, number, instalments, down, code),
            functools.partial(self._previewed, key), functools.partial(self._preview_failed, key),
            tag="relief-preview",
        )

    def _previewed(self, key: tuple, offer: PlanOffer) -> None:
        if key != self.key() or self.made is not None:
            return  # the cashier changed something meanwhile; its own preview follows
        self.offer, self.offer_key = offer, key
        self._show_error("")
        self._show_figures(offer)
        self._update_buttons()

    def _preview_failed(self, key: tuple, error: CounterError) -> None:
        if key != self.key() or self.made is not None:
            return
        self.offer, self.offer_key = None, None
        self._show_figures(None)
        self._show_error(str(error))
        self._update_buttons()

    def _show_figures(self, offer: PlanOffer | None) -> None:
        self.state.setText("")
        if offer is None:
            self.bills_model.set_rows([])
            self.schedule_model.set_rows([])
            self.total.set_amount(None)
            self.minimum.setText("")
            self.waived.setText("")
            self._fit_schedule()
            self.notes.setText("")
            self.down_payment.setPlaceholderText(self.tr("minimal"))
            return
        f = offer.figures
        self.bills_model.set_rows(bill_rows(f))
        self.schedule_model.set_rows(schedule_rows(f))
        self.total.set_amount(f.total)
        self._fit_schedule()
        self.waived.setText(self.tr("termasuk keringanan {amount}").format(amount=format_rupiah(f.waived))
                            if f.waived else self.tr("tanpa keringanan"))
        self.minimum.setText(self.tr("Uang muka minimal {amount}").format(amount=format_rupiah(f.minimum_down_payment)))
        self.down_payment.setPlaceholderText(self.tr("minimal {amount}").format(
            amount=format_rupiah(f.minimum_down_payment, symbol=False)))
        notes = []
        if offer.unseal_on_down_payment:
            notes.append(self.tr("Segel dibuka setelah uang muka dibayar (SPK buka segel)."))
        if offer.programme and offer.programme.charge_discounts:  # while the plan runs (services/charges)
            notes.append(self.tr("Selama rencana berjalan, biaya lain dipotong: {discounts}.").format(
                discounts=", ".join(f"{code} {pct}%" for code, pct in offer.programme.charge_discounts)))
        if offer.needs_approval:
            notes.append(self.tr("Perlu persetujuan kepala unit."))
        notes.append(self.tr("Terlambat lebih dari {days} hari: rencana batal.").format(days=offer.grace_days))
        self.notes.setText(" ".join(notes))

    def _fit_schedule(self) -> None:
        """The schedule as tall as its rows (a long one scrolls), so the bills keep the room."""
        rows = min(max(self.schedule_model.rowCount(), 3), SCHEDULE_ROWS)
        header = self.schedule_view.horizontalHeader().sizeHint().height()
        self.schedule_view.setFixedHeight(header + rows * 24 + 2 * self.schedule_view.frameWidth())

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    @property
    def ready(self) -> bool:
        """A preview is on screen for exactly what is typed, and the plan may be made."""
        return (self.offer is not None and self.offer_key == self.key() and not self._debounce.isActive()
                and self.choice is not None and self.choice.eligible)

    def _update_buttons(self) -> None:
        if self.made is not None:
            return
        self.make_button.setEnabled(self.ready and not self.submitting)

    # ---- making the plan --------------------------------------------------

    def _make_or_pay(self) -> None:
        if self.made is not None:
            self._pay_now()
        else:
            self.make()

    def make(self) -> None:
        """Buat rencana: the supervisor first when the plan needs one."""
        if self.submitting or not self.ready:
            return
        if not self.offer.needs_approval:
            self._make(None)
            return
        what = self.offer.programme.name if self.offer.programme else self.tr("Rencana angsuran")
        dialog = ApprovalDialog(self.tr("{what} untuk {customer}").format(what=what, customer=self.customer.number),
                                self)
        dialog.approved.connect(self._make)
        dialog.finished.connect(functools.partial(self._approval_closed, dialog))
        self.approval_dialog = dialog
        dialog.open()

    def _approval_closed(self, dialog: ApprovalDialog, _result: int) -> None:
        if self.approval_dialog is dialog:
            self.approval_dialog = None
        dialog.deleteLater()
        self.activateWindow()  # some window managers leave no window active after a dialog closes
        if self.made is None:
            self.make_button.setFocus()

    def _make(self, approval) -> None:  # noqa: ANN001 - Approval | None
        app, desk, number, offer = self.app, self.desk, self.customer.number, self.offer
        code, instalments, down = self.offer_key
        self._set_busy(True)
        self.runner.run(  # the plan, then its agreement (application.make_plan_then_papers)
            lambda: application.make_plan_then_papers(app, desk, number, instalments, down, code, approval=approval,
                                                      expected_total=offer.figures.total),
            self._made, self._make_failed,
        )

    def _make_failed(self, error: CounterError) -> None:
        self._set_busy(False)
        if isinstance(error, ApprovalRefused) and self.approval_dialog is not None:
            self.approval_dialog.refused(str(error))  # the supervisor types the PIN again
            return
        if self.approval_dialog is not None:
            self.approval_dialog.set_busy(False)
            self.approval_dialog.reject()
        self._show_error(str(error))
        self.offer, self.offer_key = None, None  # the figures may have changed: preview again
        self._inputs_changed()

    def _made(self, papers: application.PlanPapers) -> None:
        self.made = papers.made
        if self.approval_dialog is not None:
            self.approval_dialog.set_busy(False)
            self.approval_dialog.accept()
        if papers.agreement is not None:
            self._agreement_written(papers.agreement)
        else:
            self._agreement_failed(papers.agreement_error)

    def _agreement_written(self, path: Path) -> None:
        self.agreement_path = path
        self._finish(self.tr("Rencana <b>{plan}</b> dibuat. Surat perjanjian untuk ditandatangani "
                             "pelanggan dan kepala unit: <b>{path}</b>").format(plan=self.made.plan_no, path=path),
                     self.tr("Surat perjanjian {plan}: {path}").format(plan=self.made.plan_no, path=path))

    def _agreement_failed(self, error: CounterError) -> None:
        self._finish(self.tr("Rencana <b>{plan}</b> dibuat, tetapi surat perjanjian gagal disimpan: "
                             "{error} Cetak dengan: counter plan agreement {plan}").format(
                                 plan=self.made.plan_no, error=error),
                     self.tr("Surat perjanjian {plan} gagal disimpan: {error}").format(
                         plan=self.made.plan_no, error=error))

    def _finish(self, html: str, message: str) -> None:
        self._set_busy(False)
        self.state.setText("")
        self.done_note.setText(html)
        self.done_note.show()
        for widget in (self.programmes, self.instalments, self.down_payment):
            widget.setEnabled(False)
        down = self.made.offer.figures.down_payment
        self.cancel_button.setText(self.tr("Tutup [Esc]"))
        self.hint.setText(self.tr("Enter = terima uang muka sekarang  |  Esc = tutup") if down
                         else self.tr("Esc = tutup"))
        if down:
            self.make_button.setText(self.tr("Terima uang muka {amount} [Enter]").format(amount=format_rupiah(down)))
            self.make_button.setEnabled(True)
            self.make_button.setFocus()
        else:
            self.make_button.hide()
            self.cancel_button.setDefault(True)
            self.cancel_button.setFocus()
        self.plan_made.emit(self.made, message)

    def _pay_now(self) -> None:
        if self.made is None or not self.made.offer.figures.down_payment:
            return
        self.take_down_payment.emit(self.customer.number)
        self.accept()

    def _set_busy(self, busy: bool) -> None:
        self.submitting = busy
        for widget in (self.programmes, self.instalments, self.down_payment):
            widget.setEnabled(not busy and self.made is None)  # what is being made stays what was shown
        self.make_button.setEnabled(not busy and (self.ready or self.made is not None))
        self.cancel_button.setEnabled(not busy)
        if busy and self.made is None:
            self.make_button.setText(self.tr("Menyimpan ..."))
        elif self.made is None:
            self.make_button.setText(self.tr(MAKE_TEXT))

    def reject(self) -> None:
        if self.submitting:  # the plan or its agreement is being written: wait for it
            return
        self._debounce.stop()
        self.runner.cancel("relief-preview")
        self.runner.cancel("relief-offers")
        super().reject()
