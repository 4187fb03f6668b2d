"""The right side of the desk: who the customer is, what they owe (bills and
the open terms of a running instalment plan), the total."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QFrame, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QVBoxLayout, QWidget,
)

from counter.rules.money import format_rupiah
from counter.services.billing import Quote
from counter.ui.check_table import CheckTableView
from counter.ui.plan_box import PlanBox
from counter.ui.plan_models import TermsModel, term_name
from counter.ui.table_models import BillsModel
from counter.ui.widgets import GOOD, MONEY_ALIGN, MUTED, MoneyLabel, StatusBadge, font, months_label

LOCAL_DATA = QT_TRANSLATE_NOOP("CustomerPanel", "Data lokal – pusat tidak terjangkau")
LOCAL_DATA_HINT = QT_TRANSLATE_NOOP("CustomerPanel", "Pembayaran di bank/marketplace bisa belum tampak.")
CENTRAL_DATA = QT_TRANSLATE_NOOP("CustomerPanel", "Data dari pusat")


class BillsView(CheckTableView):
    """The bills table, its columns fitted to the panel. The cells are measured once
    per customer shown (or text size): a wider or narrower panel only shares out the
    spare width again, with no cell read."""

    _measured: list[int] | None = None

    def setModel(self, model) -> None:  # noqa: N802, ANN001
        super().setModel(model)
        model.modelReset.connect(self.measure)

    def measure(self) -> None:
        """Every column as wide as its widest cell, then fitted."""
        model = self.model()
        header = self.horizontalHeader()
        widths = [max(self.sizeHintForColumn(c), header.sectionSizeHint(c)) + 8 for c in range(model.columnCount())]
        widths[BillsModel.CHECK] = max(widths[BillsModel.CHECK], 56)
        widths[BillsModel.MONTH] = max(widths[BillsModel.MONTH], 90)
        self._measured = widths
        self.fit_columns()

    def fit_columns(self) -> None:
        """The columns as measured; the spare width goes to the money columns."""
        if self.model() is None:
            return
        if self._measured is None:
            self.measure()
            return
        widths = list(self._measured)
        money = range(BillsModel.WATER, BillsModel.AMOUNT + 1)
        spare = self.viewport().width() - sum(widths)
        if spare > 0:
            for column in money:
                widths[column] += spare // len(money)
        header = self.horizontalHeader()
        for column, width in enumerate(widths):
            header.resizeSection(column, width)

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # taller or shorter (a banner came): the columns stay
            self.fit_columns()

    def changeEvent(self, event) -> None:  # noqa: N802, ANN001
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.model() is not None:
            self.measure()


class CustomerPanel(QWidget):
    """Customer header, bills and plan terms with checkboxes, stamp duty, TOTAL,
    the pay button and the relief button."""

    pay_requested = Signal()
    relief_requested = Signal()
    NO_CUSTOMER = QT_TRANSLATE_NOOP("CustomerPanel", "Belum ada pelanggan.\nKetik nomor sambungan, scan barcode rekening,\n"
                                    "atau cari nama / alamat di kolom Cari [F2].")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.quote: Quote | None = None
        self.from_central: bool | None = None  # None: not said (shown without a refresh)
        self.offered_charges: tuple = ()  # rules.charges.ChargeDue: what the pay dialog offers (services/charges)
        self.bills = BillsModel(self)
        self.bills.selection_changed.connect(self._update_total)
        self.terms = TermsModel(self)
        self.terms.selection_changed.connect(self._update_total)

        self.placeholder = QLabel(self.tr(self.NO_CUSTOMER))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setFont(font(13))
        self.placeholder.setStyleSheet(f"color: {MUTED};")

        # -- header
        self.number = QLabel()
        self.number.setFont(font(15, bold=True))
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name = QLabel()
        self.name.setFont(font(15, bold=True))
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = StatusBadge()
        self.in_plan, self.credit, self.conflict = StatusBadge(), StatusBadge(), StatusBadge()
        for badge in (self.in_plan, self.credit, self.conflict):
            badge.setFont(font(11, bold=True))
        self.relief_button = QPushButton(self.tr("Keringanan / Angsuran [F9]"))
        self.relief_button.setFont(font(10))
        self.relief_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # F9 is the keyboard way
        self.relief_button.clicked.connect(self.relief_requested)
        self.address = QLabel()
        self.address.setFont(font(11))
        self.area = QLabel()
        self.area.setFont(font(11))
        self.tariff = QLabel()
        self.tariff.setFont(font(11))
        self.household = QLabel()
        self.household.setFont(font(11))
        self.meter = QLabel()
        self.meter.setFont(font(10))
        self.meter.setStyleSheet(f"color: {MUTED};")

        # -- where the bills come from: an amber strip when central did not answer
        self.local_notice = QLabel(f"<b>{self.tr(LOCAL_DATA)}.</b>&nbsp; {self.tr(LOCAL_DATA_HINT)}")
        self.local_notice.setTextFormat(Qt.TextFormat.RichText)
        self.local_notice.setWordWrap(True)  # a narrow panel wraps it instead of widening
        self.local_notice.setFont(font(11))
        self.local_notice.setAccessibleName(f"{self.tr(LOCAL_DATA)}. {self.tr(LOCAL_DATA_HINT)}")
        self.local_notice.setStyleSheet(
            "QLabel { background: #fff3cd; color: #6d4c00; border: 1px solid #ffb300;"
            " border-left: 6px solid #ffb300; border-radius: 3px; padding: 4px 10px; }"
        )
        self.local_notice.hide()
        self.central_note = QLabel(self.tr(CENTRAL_DATA))
        self.central_note.setFont(font(10))
        self.central_note.setStyleSheet(f"color: {GOOD};")
        self.central_note.hide()

        top = QHBoxLayout()
        top.addWidget(self.number)
        top.addSpacing(12)
        top.addWidget(self.name, 1)
        for badge in (self.in_plan, self.credit, self.conflict, self.status):
            top.addWidget(badge)
        info = QGridLayout()
        info.setHorizontalSpacing(24)
        info.addWidget(self.address, 0, 0)
        info.addWidget(self.tariff, 0, 1, alignment=Qt.AlignmentFlag.AlignRight)
        info.addWidget(self.area, 1, 0)
        info.addWidget(self.household, 1, 1, alignment=Qt.AlignmentFlag.AlignRight)
        info.addWidget(self.meter, 2, 0)
        info.addWidget(self.central_note, 2, 1, alignment=Qt.AlignmentFlag.AlignRight)
        info.setColumnStretch(0, 1)

        # -- bills
        self.table = BillsView()
        self.table.setModel(self.bills)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setFont(font(11))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.empty_bills = QLabel(self.tr("Tidak ada tunggakan: semua rekening sudah lunas."))
        self.empty_bills.setFont(font(13, bold=True))
        self.empty_bills.setStyleSheet("color: #1b5e20;")
        self.empty_bills.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_bills.hide()
        self.plan_box = PlanBox(self.terms)

        # -- totals
        self.selection_note = QLabel()
        self.selection_note.setFont(font(11))
        self.selection_note.setWordWrap(True)  # a long note must not widen the panel
        self.stamp = QLabel()
        self.stamp.setFont(font(11, bold=True))
        self.stamp.setAlignment(MONEY_ALIGN)
        total_caption = QLabel(self.tr("TOTAL"))
        total_caption.setFont(font(20, bold=True))
        total_caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.total = MoneyLabel(34)
        self.total.setMinimumWidth(300)
        self.total.setAccessibleName(self.tr("Total dibayar"))
        self.pay_button = QPushButton(self.tr("BAYAR [F5]"))
        self.pay_button.setFont(font(17, bold=True))
        self.pay_button.setMinimumSize(190, 64)
        self.pay_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # F5 is the keyboard way; focus stays in search
        self.pay_button.setStyleSheet(
            "QPushButton { background: #1565c0; color: white; border-radius: 6px; padding: 6px 18px; }"
            "QPushButton:disabled { background: #b0bec5; color: #eceff1; }"
        )
        self.pay_button.clicked.connect(self.pay_requested)

        notes = QHBoxLayout()
        notes.addWidget(self.selection_note, 1)
        notes.addSpacing(16)
        notes.addWidget(self.stamp)
        notes.addSpacing(16)
        notes.addWidget(self.relief_button)  # the other act on this customer, by the pay button; the note wraps
        amount = QHBoxLayout()
        amount.addStretch(1)
        amount.addWidget(total_caption)
        amount.addSpacing(12)
        amount.addWidget(self.total)
        amount.addSpacing(16)
        amount.addWidget(self.pay_button)
        totals = QVBoxLayout()
        totals.setSpacing(2)
        totals.addLayout(notes)
        totals.addLayout(amount)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #cfd8dc;")

        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addWidget(self.local_notice)
        details.addLayout(top)
        details.addLayout(info)
        details.addWidget(line)
        details.addWidget(self.table, 1)
        details.addWidget(self.empty_bills, 1)
        details.addWidget(self.plan_box)

        self.totals = QFrame()
        self.totals.setObjectName("totals")
        self.totals.setStyleSheet("QFrame#totals { background: #f4f6f8; border-top: 2px solid #cfd8dc; }")
        self.totals.setLayout(totals)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.totals)
        self.clear()

    # ---- state ------------------------------------------------------------

    def clear(self, message: str | None = None) -> None:
        self.quote = None
        self.from_central = None
        self.offered_charges = ()
        self.bills.clear()
        self.plan_box.show_plan(None, None)
        self.details.hide()
        self.placeholder.setText(message or self.tr(self.NO_CUSTOMER))
        self.placeholder.show()
        self._update_total(0)

    def show_loading(self, number: str) -> None:
        self.clear(self.tr("Memuat pelanggan {number} ...").format(number=number))

    def show_quote(self, quote: Quote, from_central: bool | None = None, charges: tuple | None = None) -> None:
        """Show `quote`; `from_central` False says the bills are the local replica's
        because central did not answer, True that they were just refreshed.
        `charges`: the other charges the customer may pay (None: those shown, for the same customer)."""
        same = self.quote is not None and self.quote.customer.id == quote.customer.id
        self.offered_charges = tuple(charges) if charges is not None else self.offered_charges if same else ()
        self.quote = quote
        self.from_central = from_central
        self.local_notice.setVisible(from_central is False)
        self.central_note.setVisible(from_central is True)
        c = quote.customer
        self.number.setText(c.number)
        self.name.setText(c.name)
        self.name.setToolTip(c.name)
        self.status.set_status(c.status, c.status_label)
        self._flag(self.in_plan, quote.plan is not None, "in_plan", self.tr("ANGSURAN"))
        self._flag(self.credit, c.credit > 0, "credit", self.tr("KREDIT {amount}").format(amount=format_rupiah(c.credit)))
        self._flag(self.conflict, c.open_conflicts > 0, "conflict", self.tr("KONFLIK ({n})").format(n=c.open_conflicts))
        self.conflict.setToolTip(self.tr("Ada pembayaran yang belum beres di pusat; kepala unit menyelesaikannya."))
        self.address.setText(c.address)
        self.area.setText(self.tr("Kel. {village}, Kec. {district}").format(village=c.village, district=c.district))
        self.tariff.setText(self.tr("Gol. {code} ({name})").format(code=c.tariff_code, name=c.tariff_name))
        self._show_household(c)
        meter = self.tr("No. meter {meter}").format(meter=c.meter_no)
        self.meter.setText(meter + (self.tr(" · Telp. {phone}").format(phone=c.phone) if c.phone else "")
                           + self.tr(" · Ubah [Ctrl+E]"))
        self.plan_box.show_plan(quote.plan, quote.on)  # the terms first: the bills' signal updates the total
        self.bills.set_bills(quote.bills)
        self.table.setVisible(bool(quote.bills))
        self.empty_bills.setText(self.tr("Tidak ada tunggakan di luar rencana angsuran.") if quote.plan
                                 else self.tr("Tidak ada tunggakan: semua rekening sudah lunas."))
        self.empty_bills.setVisible(not quote.bills)
        if quote.bills:
            self.table.scrollToBottom()  # the newest months, next to the total
        self.placeholder.hide()
        self.details.show()

    def _show_household(self, c) -> None:  # noqa: ANN001 - services.billing.CustomerDetail
        """`5 jiwa · 180 L/orang/hari`, in red with the reason when implausible."""
        text = self.tr("{n} jiwa").format(n=c.household_size) if c.household_size else self.tr("jiwa: belum dicatat")
        flag, tip = "", ""
        if c.usage is not None:
            text += self.tr(" · {litres} L/orang/hari").format(litres=c.usage.per_person.litres_per_day)
            flag = c.usage.per_person.flag
            tip = self.tr("Pemakaian {m3} m3 bulan {month} untuk {n} jiwa.").format(
                m3=c.usage.usage_m3, month=months_label([c.usage.period]), n=c.household_size)
        if flag:
            text = "⚠ " + text + (self.tr(" (terlalu tinggi)") if flag == "high" else self.tr(" (terlalu rendah)"))
            tip += " " + self.tr("Pemakaian tidak wajar untuk jumlah jiwa ini: periksa meter, kebocoran, atau "
                                 "jumlah jiwa (Ctrl+E).")
        self.household.setText(text)
        self.household.setToolTip(tip)
        self.household.setStyleSheet("color: #b71c1c; font-weight: bold;" if flag else "")

    @staticmethod
    def _flag(badge: StatusBadge, on: bool, kind: str, label: str) -> None:
        if on:
            badge.set_status(kind, label, upper=False)  # "Rp" stays as written
        else:
            badge.hide()

    def paying(self) -> Quote | None:
        """The quote for the checked bills and plan terms (stamp duty recomputed on their sum)."""
        if self.quote is None or (self.bills.selected_count == 0 and self.terms.selected_count == 0):
            return None
        return self.quote.oldest(self.bills.selected_count, self.terms.selected_count)

    def charges_alone(self) -> bool:
        """A customer who owes nothing may still pay other charges (F5 opens the pay dialog for them);
        one who owes chooses a bill or term first."""
        return (self.quote is not None and bool(self.offered_charges) and not self.quote.bills
                and not (self.quote.plan and self.quote.plan.open_terms))

    def choose(self, bills: int, terms: int = 0) -> None:
        """Tick the oldest `bills` bills and the first `terms` open terms."""
        self.bills.set_selected_count(bills)
        self.terms.set_selected_count(terms)

    def step_months(self, step: int) -> None:
        """Ctrl+Down / Ctrl+Up: one month more or less, from the oldest (the
        instalment terms when no bill is owed outside the plan)."""
        if self.quote is None:
            return
        model = self.bills if self.bills.rowCount() else self.terms
        model.set_selected_count(model.selected_count + step)

    def _update_total(self, count: int) -> None:
        self.totals.setVisible(self.quote is not None)
        paying = self.paying()
        if paying is None:
            self.total.set_amount(0 if self.quote is not None else None)
            self.stamp.setText("")
            if self.quote is not None and self.terms.terms:
                self.selection_note.setText(self.tr("Belum ada rekening atau angsuran dipilih."))
            elif self.quote is not None and self.quote.bills:
                self.selection_note.setText(self.tr("Belum ada rekening dipilih."))
            else:
                self.selection_note.setText("")
            self.pay_button.setEnabled(self.charges_alone())
            return
        self.total.set_amount(paying.total)
        bills = paying.bills
        fines = sum(b.fine for b in bills)
        parts = []
        if bills:
            note = self.tr("{n} dari {m} bulan: {months}").format(
                n=len(bills), m=len(self.quote.bills), months=months_label([b.period for b in bills]))
            parts.append(note + (self.tr(", termasuk denda {amount}").format(amount=format_rupiah(fines)) if fines else ""))
        if paying.terms:
            parts.append(", ".join(term_name(t) for t in paying.terms))
        # a wrapped note keeps "Rp" with its amount
        self.selection_note.setText(self.tr("Dibayar {what}").format(what=" + ".join(parts)).replace("Rp ", "Rp\u00a0"))
        self.stamp.setText(self.tr("Meterai {amount}").format(amount=format_rupiah(paying.stamp_duty)) if paying.stamp_duty else "")
        self.stamp.setVisible(bool(paying.stamp_duty))
        self.pay_button.setEnabled(True)
