"""The pay dialog: amount due, method, cash tendered, the change, Enter to pay.

Customer credit that central has just reported is offered (a check box, Alt+K,
unticked: the cashier confirms it with the customer); cash is rounded to the
utility's unit (rules/settlement), and the dialog shows the rounding and what
is left to pay before the cash is typed.

Alt+U fills the cash with exactly what is to be paid (uang pas), Alt+5 and
Alt+1 with the next Rp 50.000 / Rp 100.000 above it. While the cash is short
the pay button stays off, and Enter only says in the dialog's message line how
much is missing; every check of what was typed is said there, in red.

Other charges of the catalogue for this customer (services/charges) are listed
unticked (Alt+B, Space ticks one); a sealed customer paying all they owe is
offered the unseal order with its fee (Alt+S ticks both).

The dialog only collects; the main window runs `payment.pay` on the worker and
then calls `succeeded()`, `failed(error)` (everything typed stays) or, when the
bills changed under it, `withdraw()`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QFrame, QGridLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from counter.errors import CounterError, InvalidInput
from counter.rules.charges import UNSEAL_CHARGE, ChargeDue
from counter.rules.money import format_rupiah
from counter.services.billing import Quote
from counter.rules.payment_methods import CREDIT, METHOD_LABELS, PAYMENT_METHODS
from counter.rules.settlement import Settlement, settle
from counter.ui.plan_models import paying_text
from counter.ui.widgets import (
    GOOD, MONEY_ALIGN, MUTED, SHORTFALL, MoneyLabel, RupiahEdit, button_row, cancel_button, error_label, font,
    primary_button,
)

QUICK_STEPS = (50_000, 100_000)  # the quick amounts: the next multiple of these above what is to be paid


def next_above(amount: int, step: int) -> int:
    """The next multiple of `step` strictly above `amount`: Rp 87.300 -> Rp 100.000 for Rp 50.000."""
    return (amount // step + 1) * step


def method_box() -> QComboBox:
    """How the customer pays: every payment method, by its label in the desk's language."""
    box = QComboBox()
    box.setFont(font(13))
    for key in PAYMENT_METHODS:
        box.addItem(method_label(key), key)
    return box


def cash_field(size: int) -> RupiahEdit:
    """The cash tendered, typed with thousands separators."""
    field = RupiahEdit()
    field.setFont(font(size, bold=True))
    field.setPlaceholderText("0")
    field.setAccessibleName(QCoreApplication.translate("PayDialog", "Uang diterima"))
    return field


def quick_amounts(due: int) -> tuple[int, int]:
    """The two quick amounts above `due`: the next Rp 50.000, and the next Rp
    100.000 above that when the two would be the same (Rp 757.400: 800.000, 900.000)."""
    fifty = next_above(due, QUICK_STEPS[0])
    return fifty, next_above(fifty if fifty % QUICK_STEPS[1] == 0 else due, QUICK_STEPS[1])


TITLE_FAILED = QT_TRANSLATE_NOOP("PayDialog", "Pembayaran gagal")

METHOD_NAMES = {  # payment.METHOD_LABELS, in the desk's language (the services keep Indonesian)
    "cash": QT_TRANSLATE_NOOP("PaymentMethod", "Tunai"),
    "transfer": QT_TRANSLATE_NOOP("PaymentMethod", "Transfer bank"),
    "qris": QT_TRANSLATE_NOOP("PaymentMethod", "QRIS"),
    "debit": QT_TRANSLATE_NOOP("PaymentMethod", "Kartu debit"),
    CREDIT: QT_TRANSLATE_NOOP("PaymentMethod", "Kredit pelanggan"),
}


def method_label(code: str) -> str:
    """A payment method's name on screen: `Tunai`, or `Cash` in English; an unknown code as the services say it."""
    name = METHOD_NAMES.get(code)
    if name is None:
        return METHOD_LABELS.get(code, code)
    return QCoreApplication.translate("PaymentMethod", name)


@dataclass(frozen=True)
class PayRequest:
    method: str
    tendered: int | None  # cash only; the use case takes the total for other methods
    reference: str
    credit: int = 0  # customer credit to use, as offered and ticked
    charges: tuple[str, ...] = ()  # codes of the other charges ticked
    unseal: bool = False  # the unseal order (with its fee) ticked


class PayDialog(QDialog):
    confirmed = Signal(object)  # PayRequest

    def __init__(self, paying: Quote | None = None, parent: QWidget | None = None, *, credit: int = 0,
                 rounding_unit: int = 0, charges: tuple[ChargeDue, ...] = (), unseal: bool = False) -> None:
        """Built empty, or for `paying` (see `load`). The desk builds the next one
        ahead, while the cashier hands over the change, and loads it on F5."""
        super().__init__(parent)
        self.submitting = False
        self.setWindowTitle(self.tr("Pembayaran"))
        self.setModal(True)
        self.setMinimumWidth(680)

        self.who = who = QLabel()
        who.setFont(font(12))
        who.setWordWrap(True)

        self.due_label = MoneyLabel(30)
        self.due_label.setAccessibleName(self.tr("Jumlah tagihan"))
        self.due_note = due_note = QLabel()
        due_note.setAlignment(MONEY_ALIGN)
        due_note.setStyleSheet(f"color: {MUTED};")

        self.unseal = QCheckBox()
        self.unseal.setFont(font(12, bold=True))
        self.unseal.setToolTip(self.tr("Seluruh tunggakan dilunasi: SPK buka segel dibuat untuk tim lapangan"
                                       " bersama biayanya. Centang bila pelanggan minta segelnya dibuka."))
        self.unseal.toggled.connect(self._unseal_toggled)
        # one row per charge: its name and code, ticked or not; its amount (after any relief) at the right
        self.charges = QTreeWidget()
        self.charges.setColumnCount(2)
        self.charges.setHeaderHidden(True)
        self.charges.setRootIsDecorated(False)
        self.charges.setFont(font(11))
        self.charges.setAccessibleName(self.tr("Biaya lain"))
        self.charges.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.charges.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.charges.setToolTip(self.tr("↑/↓ pilih, Spasi centang: biaya dibayar bersama tagihan ini"))
        header = self.charges.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

        self.use_credit = QCheckBox()
        self.use_credit.setFont(font(12))
        self.use_credit.setToolTip(self.tr("Kredit yang disimpan untuk pelanggan (kelebihan bayar), menurut pusat "
                                           "barusan. Centang hanya bila pelanggan setuju memakainya."))
        self.use_credit.toggled.connect(self._credit_toggled)
        self.credit_line = MoneyLabel(13, bold=False)
        self.credit_line.setAccessibleName(self.tr("Kredit dipakai"))
        self.rounding_line = MoneyLabel(13, bold=False)
        self.rounding_line.setAccessibleName(self.tr("Pembulatan"))
        self.to_pay_caption = QLabel(self.tr("HARUS DIBAYAR"))
        self.to_pay_caption.setFont(font(14, bold=True))
        self.to_pay = MoneyLabel(26)
        self.to_pay.setAccessibleName(self.tr("Harus dibayar"))

        self.method = method_box()

        self.tendered = cash_field(22)
        self.tendered.textChanged.connect(self._update_change)
        # the money keys: exact money and the next round amounts, for cash (the cash field keeps the keyboard)
        self.exact_button = self._money_button(self.tr("Uang pas [Alt+U]"), self.fill_exact)
        self.fifty_button = self._money_button("", lambda: self.fill_cash(quick_amounts(self.to_pay_amount)[0]))
        self.hundred_button = self._money_button("", lambda: self.fill_cash(quick_amounts(self.to_pay_amount)[1]))
        self.money_keys = QWidget()
        keys_row = button_row(self.exact_button, self.fifty_button, self.hundred_button)
        keys_row.setContentsMargins(0, 0, 0, 0)
        self.money_keys.setLayout(keys_row)

        self.reference = QLineEdit()
        self.reference.setFont(font(13))
        self.reference.setMaxLength(64)
        self.reference.setPlaceholderText(self.tr("no. transaksi / kode persetujuan"))

        self.change_caption = QLabel(self.tr("KEMBALIAN"))
        self.change_caption.setFont(font(14, bold=True))
        self.change = MoneyLabel(36)
        self.change.setMinimumHeight(70)
        self.change.setAccessibleName(self.tr("Kembalian"))

        grid = QGridLayout()
        grid.setVerticalSpacing(10)
        grid.setHorizontalSpacing(16)
        grid.setColumnStretch(1, 1)
        self._captions: dict[QWidget, QLabel] = {}
        rows = ((self.tr("JUMLAH TAGIHAN"), self.due_label), (None, due_note), (None, self.unseal),
                (self.tr("&Biaya lain"), self.charges), (None, self.use_credit),
                (self.tr("Kredit dipakai"), self.credit_line), (self.tr("Pembulatan"), self.rounding_line),
                (self.to_pay_caption, self.to_pay), (self.tr("Cara bayar"), self.method),
                (self.tr("Uang diterima"), self.tendered), (None, self.money_keys), (self.tr("No. referensi"), self.reference), (self.change_caption, self.change))
        for row, (caption, field) in enumerate(rows):
            if caption is not None:
                label_widget = caption if isinstance(caption, QLabel) else self._caption(caption)
                label_widget.setBuddy(field)
                grid.addWidget(label_widget, row, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self._captions[field] = label_widget
            grid.addWidget(field, row, 1)

        self.hint = QLabel()
        self.hint.setStyleSheet(f"color: {MUTED};")
        self.hint.setWordWrap(True)
        self.message = error_label()  # what is wrong with what was typed, said here (never a pop-up)
        self.message.setAccessibleName(self.tr("Pesan"))
        self.cancel_button = cancel_button(self.tr("Batal [Esc]"), self.reject, focus=True)
        self.pay_button = primary_button(self.tr("BAYAR [Enter]"), self.confirm, 14, 48, padding=22, default=True)
        buttons = button_row(self.cancel_button, self.pay_button)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #cfd8dc;")
        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addWidget(line)
        layout.addLayout(grid)
        layout.addSpacing(6)
        layout.addWidget(self.message)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)

        QShortcut(QKeySequence("Alt+C"), self, self._focus_method)
        self.money_shortcuts = [QShortcut(QKeySequence(keys), self, button.click) for keys, button in
                                (("Alt+U", self.exact_button), ("Alt+5", self.fifty_button),
                                 ("Alt+1", self.hundred_button))]
        QWidget.setTabOrder(self.charges, self.tendered)  # Tab from the charges to the cash
        if paying is not None:
            self.load(paying, credit=credit, rounding_unit=rounding_unit, charges=charges, unseal=unseal)

    def load(self, paying: Quote, *, credit: int = 0, rounding_unit: int = 0, charges: tuple[ChargeDue, ...] = (),
             unseal: bool = False) -> None:
        """What this payment is about, once, before the dialog is opened. `credit`:
        customer credit to offer (what central just reported they hold, at most the
        total); `rounding_unit`: cash is rounded to it; `charges`: the other charges to
        offer; `unseal`: offer the unseal order (a sealed customer paying all they
        owe), with the UNSEAL_CHARGE fee when offered."""
        if hasattr(self, "paying"):
            raise RuntimeError("a pay dialog is loaded once")
        self.owed = paying.with_charges(())  # the bills and terms ticked at the desk
        self.paying = paying
        self.due = paying.total  # the bills, terms, charges and stamp duty: what the payment must find
        self.credit_held = max(credit, 0)
        self.credit_offered = min(self.credit_held, self.due)
        self.rounding_unit = rounding_unit
        self.offered = tuple(charges)
        self.unseal_fee = next((c for c in self.offered if c.code == UNSEAL_CHARGE), None)
        self.due_label.set_amount(self.due)
        for charge in self.offered:
            relief = (self.tr("keringanan {programme} -{amount}").format(
                programme=charge.programme, amount=format_rupiah(charge.discount)) if charge.discount else "")
            item = QTreeWidgetItem([f"{charge.name}  [{charge.code}]", format_rupiah(charge.amount)])
            item.setData(0, Qt.ItemDataRole.UserRole, charge.code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            item.setTextAlignment(1, MONEY_ALIGN)
            if relief:
                item.setToolTip(0, relief)
                item.setText(0, f"{item.text(0)}  ({relief})")
            self.charges.addTopLevelItem(item)
        if self.offered:
            self.charges.setCurrentItem(self.charges.topLevelItem(0))
            rows = min(len(self.offered), 6)
            row = self.charges.sizeHintForRow(0)
            self.charges.setFixedHeight(row * rows + 2 * self.charges.frameWidth() + 6)
        self.charges.itemChanged.connect(self._charges_changed)
        self.rounding_line.setToolTip(self.tr("Tunai dibulatkan ke {unit} terdekat (setengah ke bawah); transfer, "
                                              "QRIS dan kartu debit membayar tepat.").format(
            unit=format_rupiah(rounding_unit)))
        hint = self.tr("Enter = bayar  |  Esc = batal  |  Alt+C = ganti cara bayar")
        self.use_credit.setVisible(self.credit_held > 0)
        if self.credit_held > 0:
            hint += self.tr("  |  Alt+K = pakai kredit")
        for field, shown in ((self.charges, bool(self.offered)), (self.unseal, unseal)):
            field.setVisible(shown)
            if field in self._captions:
                self._captions[field].setVisible(shown)
        if self.offered:
            hint += self.tr("  |  Alt+B = biaya lain (Spasi centang)")
        if unseal:
            hint += self.tr("  |  Alt+S = buka segel")
        self.hint.setText(hint)
        self.method.currentIndexChanged.connect(self._method_changed)
        self._update_charges()
        self._method_changed()
        if not (self.owed.bills or self.owed.terms) and self.offered:  # other charges alone: choose one first
            self.charges.setFocus()

    @staticmethod
    def _money_button(text: str, clicked) -> QPushButton:  # noqa: ANN001
        button = QPushButton(text)
        button.setFont(font(11))
        button.setAutoDefault(False)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the cash field keeps the keyboard
        button.clicked.connect(clicked)
        return button

    @staticmethod
    def _caption(text: str) -> QLabel:
        caption = QLabel(text)
        caption.setFont(font(12))
        return caption

    # ---- the form ---------------------------------------------------------

    @property
    def method_key(self) -> str:
        return self.method.currentData()

    def set_method(self, key: str) -> None:
        self.method.setCurrentIndex(self.method.findData(key))

    def _focus_method(self) -> None:
        self.method.setFocus()
        self.method.showPopup()

    def fill_exact(self) -> None:
        """Alt+U: the cash is exactly what is to be paid."""
        self.fill_cash(self.to_pay_amount)

    def fill_cash(self, amount: int) -> None:
        if self.method_key != "cash" or self.submitting:
            return
        self.tendered.setText(format_rupiah(amount, symbol=False))
        self.tendered.setFocus()
        self.tendered.end(False)

    def _input(self) -> QLineEdit:
        """Where the cashier types for the chosen method: the cash tendered or the reference."""
        return self.tendered if self.method_key == "cash" else self.reference

    # ---- other charges and the unseal order ---------------------------------

    @property
    def chosen_codes(self) -> tuple[str, ...]:
        """The codes of the charges ticked, in the catalogue's order."""
        items = (self.charges.topLevelItem(n) for n in range(self.charges.topLevelItemCount()))
        return tuple(item.data(0, Qt.ItemDataRole.UserRole) for item in items
                     if item.checkState(0) == Qt.CheckState.Checked)

    def _unseal_toggled(self, on: bool) -> None:
        """The unseal order brings its fee: ticked with it (the fee is then not unticked alone)."""
        if self.unseal_fee is not None:
            for n in range(self.charges.topLevelItemCount()):
                item = self.charges.topLevelItem(n)
                if item.data(0, Qt.ItemDataRole.UserRole) == UNSEAL_CHARGE:
                    item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._update_charges()
        self._input().setFocus()

    def _charges_changed(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        if (item.data(0, Qt.ItemDataRole.UserRole) == UNSEAL_CHARGE and self.unseal.isChecked()
                and item.checkState(0) != Qt.CheckState.Checked):
            item.setCheckState(0, Qt.CheckState.Checked)  # the order's fee stays while the order is ticked
            return
        self._update_charges()

    def _update_charges(self) -> None:
        """The total with the charges ticked: what is paid, its stamp duty, and the credit that fits."""
        chosen = set(self.chosen_codes)
        self.paying = self.owed.with_charges(c for c in self.offered if c.code in chosen)
        self.due = self.paying.total
        self.due_label.set_amount(self.due)
        c = self.paying.customer
        what = paying_text(self.paying) or self.tr("belum ada yang dipilih")
        self.who.setText(f"<b>{c.number}</b> &nbsp; {c.name}<br>{what}")
        self.due_note.setText(self.tr("termasuk meterai {amount}").format(amount=format_rupiah(self.paying.stamp_duty))
                              if self.paying.stamp_duty else "")
        self.due_note.setVisible(bool(self.paying.stamp_duty))  # no empty row under the amount
        fee = (self.tr("Buka &segel: SPK buka segel + biaya {amount}").format(amount=format_rupiah(self.unseal_fee.amount))
               if self.unseal_fee is not None else self.tr("Buka &segel: SPK buka segel (tanpa biaya)"))
        self.unseal.setText(fee)
        self.credit_offered = min(self.credit_held, self.due)
        self.use_credit.setText(self.tr("Pakai &kredit pelanggan {amount}").format(
            amount=format_rupiah(self.credit_offered)))
        self._update_settlement()

    @property
    def credit(self) -> int:
        """The credit to use: what was offered, once ticked."""
        return self.credit_offered if self.use_credit.isChecked() else 0

    @property
    def settlement(self) -> Settlement:
        """The total, its rounding and what is left to pay, as the payment will reckon them."""
        return settle(self.due, self.credit, self.method_key, self.rounding_unit)

    @property
    def to_pay_amount(self) -> int:
        return self.settlement.due

    def _credit_toggled(self) -> None:
        self._update_settlement()
        self._input().setFocus()

    def _method_changed(self) -> None:
        cash = self.method_key == "cash"
        for field, visible in ((self.tendered, cash), (self.reference, not cash), (self.change, cash)):
            field.setVisible(visible)
            self._captions[field].setVisible(visible)
        self.money_keys.setVisible(cash)
        self._input().setFocus()
        self._update_settlement()

    def _update_settlement(self) -> None:
        """The credit line, the rounding and what is left to pay, shown only when they differ from the total."""
        s = self.settlement
        for field, visible in ((self.credit_line, s.credit_used > 0), (self.rounding_line, s.rounding != 0),
                               (self.to_pay, s.due != self.due)):
            field.setVisible(visible)
            self._captions[field].setVisible(visible)
        self.credit_line.set_amount(-s.credit_used)
        self.rounding_line.set_amount(s.rounding)
        self.to_pay.set_amount(s.due)
        for button, amount, keys in zip((self.fifty_button, self.hundred_button), quick_amounts(s.due),
                                        ("Alt+5", "Alt+1")):
            button.setText(f"{format_rupiah(amount)} [{keys}]")
        self._update_change()

    @property
    def shortfall(self) -> int:
        """How much the cash typed is short of what is to be paid (0 for other methods, or when enough)."""
        if self.method_key != "cash":
            return 0
        return max(self.to_pay_amount - (self.tendered.value_or_none() or 0), 0)

    def _update_change(self) -> None:
        self._update_pay_button()
        if self.method_key != "cash":
            self.change.set_amount(0)
            return
        due = self.to_pay_amount
        tendered = self.tendered.value_or_none()
        if tendered is None:
            self.change.setText("-")
            self.change.setStyleSheet(f"color: {MUTED};")
            self.change_caption.setText(self.tr("KEMBALIAN"))
        elif tendered < due:
            self.change.set_amount(due - tendered)
            self.change.setStyleSheet(f"color: {SHORTFALL};")
            self.change_caption.setText(self.tr("KURANG"))
        else:
            self.change.set_amount(tendered - due)
            self.change.setStyleSheet(f"color: {GOOD};")
            self.change_caption.setText(self.tr("KEMBALIAN"))

    def _update_pay_button(self) -> None:
        """The pay button is on only when the cash is enough; what is missing is said once something is typed."""
        if self.submitting:
            return
        short = self.shortfall
        self.pay_button.setEnabled(short == 0)
        if short and self.tendered.text().strip():
            self._say(self._short_text(short))
        elif not short:  # enough now (or another method): what was said before no longer holds
            self._say("")

    def _short_text(self, short: int) -> str:
        if not self.tendered.text().strip():
            return self.tr("Isi uang yang diterima: harus dibayar {amount} (Alt+U = uang pas).").format(
                amount=format_rupiah(self.to_pay_amount))
        return self.tr("Uang kurang {short}: harus dibayar {amount}.").format(
            short=format_rupiah(short), amount=format_rupiah(self.to_pay_amount))

    def _say(self, text: str, *, short: bool = True) -> None:
        """The dialog's message line, in red; empty hides it."""
        self.message.setText(text)
        self.message.setProperty("short", bool(text) and short)
        self.message.setVisible(bool(text))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Enter with the pay button off (the cash short) only says what is missing."""
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.submitting
                and not self.pay_button.isEnabled()):
            self._say(self._short_text(self.shortfall))
            self._input().setFocus()
            self._input().selectAll()
            return
        super().keyPressEvent(event)

    def request(self) -> PayRequest:
        """What was typed, checked for form; InvalidInput (Indonesian) if not."""
        if not (self.paying.bills or self.paying.terms or self.paying.charges or self.unseal.isChecked()):
            raise InvalidInput("Pilih minimal satu rekening, angsuran atau biaya lain untuk dibayar.")
        chosen = {"charges": self.chosen_codes, "unseal": self.unseal.isChecked()}
        if self.method_key == "cash":
            tendered = self.tendered.value_or_none()
            if tendered is None and self.to_pay_amount == 0:  # the credit (or nothing) pays it all: no cash to type
                return PayRequest("cash", 0, "", self.credit, **chosen)
            return PayRequest("cash", self.tendered.value(), "", self.credit, **chosen)
        return PayRequest(self.method_key, None, self.reference.text().strip(), self.credit, **chosen)

    # ---- confirm / outcome -----------------------------------------------

    def confirm(self) -> None:
        if self.submitting:  # a second Enter while saving pays nothing twice
            return
        try:
            request = self.request()
        except InvalidInput as error:
            self._say(str(error), short=False)
            self._input().setFocus()
            self._input().selectAll()
            if not (self.paying.bills or self.paying.terms or self.paying.charges) and self.offered:
                self.charges.setFocus()  # nothing chosen: back to the charges
            return
        self._say("")
        self._set_busy(True)
        self.confirmed.emit(request)

    def succeeded(self) -> None:
        self._set_busy(False)
        self.accept()

    def failed(self, error: CounterError) -> None:
        """The payment refused what was typed: said in the dialog's message line, the input selected."""
        self._set_busy(False)
        self._say(str(error), short=False)
        self._input().setFocus()
        self._input().selectAll()

    def withdraw(self) -> None:
        """Close unpaid: what it offered is out of date (the desk reloads and says why)."""
        self._set_busy(False)
        self.reject()

    def _set_busy(self, busy: bool) -> None:
        self.submitting = busy
        for widget in (self.method, self.tendered, self.reference, self.pay_button, self.cancel_button,
                       self.use_credit, self.charges, self.unseal, self.money_keys):
            widget.setEnabled(not busy)
        self.pay_button.setText(self.tr("Menyimpan ...") if busy else self.tr("BAYAR [Enter]"))
        self._update_pay_button()

    def reject(self) -> None:
        if self.submitting:  # the payment is being written: wait for its outcome
            return
        super().reject()
