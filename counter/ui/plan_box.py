"""The running instalment plan on the customer panel: its number, a coloured
status, and its open terms to tick for payment (first ones only, in order)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHBoxLayout, QHeaderView, QLabel, QVBoxLayout, QWidget

from counter.rules.money import format_rupiah
from counter.services.plan_state import PlanStanding
from counter.ui.check_table import CheckTableView
from counter.ui.plan_models import TermsModel, day_label
from counter.ui.widgets import MUTED, font

RUNNING = QT_TRANSLATE_NOOP("PlanBox", "Dalam angsuran")
DEFAULTED = QT_TRANSLATE_NOOP("PlanBox", "Angsuran menunggak – rencana batal")
# (background, text): colour and words together, as the status badge does
STATUS_STYLE = {RUNNING: ("#e3f2fd", "#0d47a1"), DEFAULTED: ("#c62828", "#ffffff")}
ROW_HEIGHT = 26
VISIBLE_ROWS = 4  # more terms scroll; the bills above keep their room


class PlanBox(QFrame):
    """Hidden unless the customer has a plan (running, or defaulted today)."""

    def __init__(self, terms: TermsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planBox")
        self.setStyleSheet("QFrame#planBox { border: 1px solid #90caf9; border-radius: 4px; background: #f7fbff; }")
        self.terms = terms

        self.title = QLabel()
        self.title.setFont(font(12))
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setFont(font(11, bold=True))
        self.remaining = QLabel()
        self.remaining.setFont(font(11))
        self.remaining.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setFont(font(11))
        self.note.setStyleSheet(f"color: {MUTED};")

        self.table = CheckTableView()
        self.table.setModel(terms)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setFont(font(11))
        self.table.setAccessibleName(self.tr("Angsuran yang belum dibayar"))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TermsModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TermsModel.CHECK, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(TermsModel.CHECK, 56)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(10)
        top.addWidget(self.status)
        top.addStretch(1)
        top.addWidget(self.remaining)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        self.hide()

    def show_plan(self, plan: PlanStanding | None, today: dt.date) -> None:
        if plan is None:
            self.terms.clear()
            self.hide()
            return
        self.title.setText(self.tr("Rencana angsuran <b>{plan}</b>").format(plan=plan.plan_no))
        defaulted = plan.defaulted_on is not None
        status = DEFAULTED if defaulted else RUNNING
        background, text = STATUS_STYLE[status]
        self.status.setText(self.tr(status))
        self.status.setAccessibleName(self.tr("Status rencana: {status}").format(status=self.tr(status)))
        self.status.setStyleSheet(f"QLabel {{ background: {background}; color: {text}; border-radius: 3px;"
                                  " padding: 2px 8px; }")
        if defaulted:
            self.remaining.setText("")
            self.note.setText(self.tr("Batal sejak {day}: angsuran terlambat melewati masa tenggang. Rekening yang "
                                      "belum terlunasi kembali menjadi tunggakan dengan dendanya.").format(
                                          day=day_label(plan.defaulted_on)))
            self.terms.clear()
        else:
            self.remaining.setText(self.tr("Sisa {amount}").format(amount=format_rupiah(plan.open_amount)))
            self.note.setText("")
            self.terms.set_terms(plan.open_terms, today)
        self.note.setVisible(defaulted)
        self.table.setVisible(not defaulted)
        rows = min(len(plan.open_terms), VISIBLE_ROWS)
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + rows * ROW_HEIGHT + 4)
        self.show()
