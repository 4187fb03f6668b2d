"""Qt item models for instalment plans: the open terms on the customer panel
(checkable, first ones only) and the plain tables of the relief preview."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor

from counter.rules.money import MONTHS_ID, format_rupiah
from counter.rules.relief import PlanFigures
from counter.services.plan_state import OpenTerm
from counter.ui.table_models import _LEFT, OldestFirstModel, _Index
from counter.ui.widgets import MONEY_ALIGN, MUTED, SHORTFALL, font, month_label, months_label


def day_label(day: dt.date) -> str:
    """`24 Nov 2025`, as the agreement prints it."""
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"


def term_name(term: OpenTerm) -> str:
    """`Uang muka` or `Angsuran 1/3`: the plan's number stands above the table."""
    return _term_text(term.seq, term.of)


def _term_text(seq: int, of: int) -> str:
    if seq == 0:
        return QCoreApplication.translate("PlanModels", "Uang muka")
    return QCoreApplication.translate("PlanModels", "Angsuran {seq}/{of}").format(seq=seq, of=of)


def end_of_month(day: dt.date) -> dt.date:
    following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


class TermsModel(OldestFirstModel):
    """A running plan's open terms, in order, with a checkbox column. Terms due
    this month or earlier are checked when shown: what a customer who comes to
    pay this month's bill usually pays with it."""

    HEADERS = (
        QT_TRANSLATE_NOOP("TermsModel", "Bayar"),
        QT_TRANSLATE_NOOP("TermsModel", "Angsuran"),
        QT_TRANSLATE_NOOP("TermsModel", "Jatuh tempo"),
        QT_TRANSLATE_NOOP("TermsModel", "Jumlah"),
    )
    CHECK, NAME, DUE, AMOUNT = range(4)

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.today: dt.date | None = None

    def set_terms(self, terms: Sequence[OpenTerm], today: dt.date) -> None:
        self.today = today
        due_now = sum(1 for t in terms if t.due_date <= end_of_month(today))
        self._reset(terms, due_now)

    def clear(self) -> None:
        self._reset((), 0)

    @property
    def terms(self) -> tuple[OpenTerm, ...]:
        return self._rows

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        term = self._rows[row]
        overdue = self.today is not None and term.due_date < self.today
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return term_name(term)
            if column == self.DUE:
                late = QCoreApplication.translate("TermsModel", " (lewat)") if overdue else ""
                return day_label(term.due_date) + late
            if column == self.AMOUNT:
                return format_rupiah(term.amount)
            return None
        if role == Qt.ItemDataRole.CheckStateRole and column == self.CHECK:
            return self.check_state(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return MONEY_ALIGN if column == self.AMOUNT else _LEFT
        if role == Qt.ItemDataRole.ForegroundRole:
            if overdue and column == self.DUE:
                return QColor(SHORTFALL)
            if not self.is_checked(row):
                return QColor(MUTED)
        if role == Qt.ItemDataRole.FontRole and column == self.AMOUNT:
            return font(bold=True)
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate("TermsModel", "{label}, jatuh tempo {date}").format(
                label=term.label, date=f"{term.due_date:%d-%m-%Y}")
        return None


class TextTableModel(QAbstractTableModel):
    """A read-only table of ready-made text; amounts flush right from column
    `right_from`, and a bold last row when `total_row`."""

    def __init__(self, headers: Sequence[str], right_from: int, total_row: bool = False,
                 parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.headers = tuple(headers)
        self.right_from = right_from
        self.total_row = total_row
        self._rows: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        self.beginResetModel()
        self._rows = [tuple(r) for r in rows]
        self.endResetModel()

    def cell(self, row: int, column: int) -> str:
        return self._rows[row][column]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.headers)

    def _alignment(self, column: int) -> Qt.AlignmentFlag:
        return MONEY_ALIGN if column >= self.right_from else _LEFT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(section)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(index.column())
        if role == Qt.ItemDataRole.FontRole and self.total_row and index.row() == len(self._rows) - 1:
            return font(bold=True)
        return None


def bill_rows(figures: PlanFigures) -> list[tuple[str, ...]]:
    """Month, principal, fine, waived, amount per bill, then the totals."""
    rp = format_rupiah
    rows = [(month_label(b.period), rp(b.principal), rp(b.fine), rp(b.waived), rp(b.amount)) for b in figures.bills]
    rows.append((QCoreApplication.translate("PlanModels", "Jumlah"), rp(figures.principal), rp(figures.fines),
                 rp(figures.waived), rp(figures.total)))
    return rows


def schedule_rows(figures: PlanFigures) -> list[tuple[str, ...]]:
    """The down payment and the monthly terms, then their sum."""
    monthly = sum(1 for t in figures.schedule if t.seq > 0)
    rows = [(_term_text(t.seq, monthly), day_label(t.due_date), format_rupiah(t.amount)) for t in figures.schedule]
    total = format_rupiah(sum(t.amount for t in figures.schedule))
    rows.append((QCoreApplication.translate("PlanModels", "Jumlah"), "", total))
    return rows


def paying_text(paying) -> str:  # noqa: ANN001 - billing.Quote
    """What a payment covers, in a line: `3 bulan: Agu - Okt 2025 + Uang muka 0001/ANGS/...`."""
    parts = []
    if paying.bills:
        months = months_label([b.period for b in paying.bills])
        parts.append(QCoreApplication.translate("PlanModels", "{n} bulan: {months}").format(
            n=len(paying.bills), months=months))
    if paying.terms:
        parts.append(", ".join(term_name(t) for t in paying.terms) + f" {paying.terms[0].plan_no}")
    if paying.charges:  # other charges by name, as the catalogue has them
        parts.append(", ".join(c.name for c in paying.charges))
    return " + ".join(parts)
