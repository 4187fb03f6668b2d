"""Qt item models over the frozen dataclasses the services return."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView

from counter.rules.money import format_rupiah
from counter.services.billing import BillDue
from counter.services.lookup import STATUS_LABELS, CustomerSummary
from counter.ui.widgets import MONEY_ALIGN, MUTED, SHORTFALL, font, month_label, status_colour, text_scale

_Index = QModelIndex | QPersistentModelIndex
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def status_lines(label: str) -> str:
    """`TUTUP\nSEMENTARA`: a status of two words on the row's two lines, whole in a narrow column."""
    return label.upper().replace(" ", "\n", 1)


class CustomerResultsModel(QAbstractTableModel):
    """Search results: number, name, address + village, tariff group, status."""

    HEADERS = (
        QT_TRANSLATE_NOOP("CustomerResultsModel", "No. samb."),
        QT_TRANSLATE_NOOP("CustomerResultsModel", "Nama"),
        QT_TRANSLATE_NOOP("CustomerResultsModel", "Alamat"),
        QT_TRANSLATE_NOOP("CustomerResultsModel", "Gol."),
        QT_TRANSLATE_NOOP("CustomerResultsModel", "Status"),
    )

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._rows: list[CustomerSummary] = []

    def set_results(self, rows: Sequence[CustomerSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_results([])

    def customer(self, row: int) -> CustomerSummary:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(type(self).__name__, self.HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        c = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (c.number, c.name, f"{c.address}\n{c.village}", c.tariff_code, status_lines(c.status_label))[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{c.number}  {c.name}\n{c.address}\n{c.village}, {c.district}\nGol. {c.tariff_code} - {c.status_label}"
        if role == Qt.ItemDataRole.ForegroundRole and column == 4:
            return status_colour(c.status)
        if role == Qt.ItemDataRole.FontRole and column == 4:
            return font(bold=True)
        return None


class ResultsView(QTableView):
    """The search results. The address is what tells two customers of the same name apart:
    it takes the room; the number, the tariff group and the status are as wide as their
    widest text (a status is never cut), and the name gives way first (elided)."""

    NUMBER, NAME, ADDRESS, TARIFF, STATUS = range(5)
    NAME_SHARE = 0.38  # the name keeps at least this share of what the fixed columns leave

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def setModel(self, model) -> None:  # noqa: N802, ANN001
        super().setModel(model)
        header = self.horizontalHeader()
        header.setMinimumSectionSize(24)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.ADDRESS, QHeaderView.ResizeMode.Stretch)
        model.modelReset.connect(self.fit_columns)

    def _text_width(self, texts, bold: bool = False) -> int:  # noqa: ANN001
        metrics = QFontMetrics(font(bold=bold))
        return max(metrics.horizontalAdvance(text) for text in texts) + round(16 * text_scale())

    def fixed_widths(self) -> dict[int, int]:
        """The columns as wide as their widest possible text, and their header."""
        header = self.horizontalHeader()
        widths = {
            self.NUMBER: self._text_width(["00-00-000000"]),
            self.TARIFF: self._text_width(["R2-A"]),
            self.STATUS: self._text_width([line for label in STATUS_LABELS.values()
                                           for line in status_lines(label).split("\n")], bold=True),
        }
        return {column: max(width, header.sectionSizeHint(column), self.sizeHintForColumn(column))
                for column, width in widths.items()}

    def fit_columns(self) -> None:
        model = self.model()
        if model is None:
            return
        self.verticalHeader().setDefaultSectionSize(round(40 * text_scale()))  # street and village, two lines
        header = self.horizontalHeader()
        fixed = self.fixed_widths()
        for column, width in fixed.items():
            header.resizeSection(column, width)
        left = self.viewport().width() - sum(fixed.values())  # for the name and the address
        name = max(self.sizeHintForColumn(self.NAME), header.sectionSizeHint(self.NAME))
        address = self.sizeHintForColumn(self.ADDRESS)
        # the address whole first (the name elided), but never the name below a share of what is left
        header.resizeSection(self.NAME, max(min(name, left - address), round(left * self.NAME_SHARE), 40))

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # taller or shorter (a banner came): the columns stay
            self.fit_columns()

    def changeEvent(self, event) -> None:  # noqa: N802, ANN001
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_columns()


class OldestFirstModel(QAbstractTableModel):
    """Rows with a checkbox in column 0 where the checked rows are always the
    first `selected` ones: checking a row checks every earlier row, unchecking
    a row unchecks every later one (bills oldest first, instalment terms in
    order)."""

    selection_changed = Signal(int)

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._rows: tuple = ()
        self._selected = 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(type(self).__name__, self.HEADERS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(section)
        return None

    def _alignment(self, column: int) -> Qt.AlignmentFlag:
        return MONEY_ALIGN if column == self.AMOUNT else _LEFT

    def _reset(self, rows: Sequence, selected: int) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self._selected = max(0, min(selected, len(self._rows)))
        self.endResetModel()
        self.selection_changed.emit(self._selected)

    @property
    def selected_count(self) -> int:
        return self._selected

    def is_checked(self, row: int) -> bool:
        return row < self._selected

    def set_selected_count(self, count: int) -> None:
        count = max(0, min(count, len(self._rows)))
        if count == self._selected:
            return
        low, high = sorted((count, self._selected))
        self._selected = count
        if self._rows:
            self.dataChanged.emit(self.index(low, 0), self.index(max(high - 1, low), self.columnCount() - 1))
        self.selection_changed.emit(count)

    def toggle(self, row: int) -> None:
        self.set_selected_count(row if self.is_checked(row) else row + 1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def check_state(self, row: int) -> Qt.CheckState:
        return Qt.CheckState.Checked if self.is_checked(row) else Qt.CheckState.Unchecked

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802, ANN001
        if not index.isValid() or index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole:
            return False
        checked = getattr(value, "value", value) == Qt.CheckState.Checked.value
        row = index.row()
        self.set_selected_count(row + 1 if checked else row)
        return True


class BillsModel(OldestFirstModel):
    """The unpaid bills, oldest first, with a checkbox column (see OldestFirstModel)."""

    HEADERS = (
        QT_TRANSLATE_NOOP("BillsModel", "Bayar"),
        QT_TRANSLATE_NOOP("BillsModel", "Bulan"),
        QT_TRANSLATE_NOOP("BillsModel", "m3"),
        QT_TRANSLATE_NOOP("BillsModel", "Harga air"),
        QT_TRANSLATE_NOOP("BillsModel", "Beban"),
        QT_TRANSLATE_NOOP("BillsModel", "Admin"),
        QT_TRANSLATE_NOOP("BillsModel", "Denda"),
        QT_TRANSLATE_NOOP("BillsModel", "Jumlah"),
    )
    CHECK, MONTH, USAGE, WATER, FIXED, ADMIN, FINE, AMOUNT = range(8)

    def set_bills(self, bills: Sequence[BillDue]) -> None:
        self._reset(bills, len(bills))  # by default every bill is paid

    def clear(self) -> None:
        self.set_bills(())

    @property
    def bills(self) -> tuple[BillDue, ...]:
        return self._rows

    # ---- Qt model ---------------------------------------------------------

    def _alignment(self, column: int) -> Qt.AlignmentFlag:
        """Numbers right-aligned, the checkbox and the month left, in header and cells alike."""
        return MONEY_ALIGN if column >= self.USAGE else _LEFT

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        bill = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.CHECK:
                return None
            if column == self.MONTH:
                return month_label(bill.period)
            if column == self.USAGE:
                return str(bill.usage_m3)
            amount = (bill.water_charge, bill.fixed_charges, bill.admin_fee, bill.fine, bill.amount)[column - self.WATER]
            return format_rupiah(amount)
        if role == Qt.ItemDataRole.CheckStateRole and column == self.CHECK:
            return self.check_state(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        if role == Qt.ItemDataRole.ForegroundRole and not self.is_checked(row):
            return QColor(MUTED)
        if role == Qt.ItemDataRole.FontRole and column == self.AMOUNT:
            return font(bold=True)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{month_label(bill.period)}: meter {bill.meter_start} - {bill.meter_end} ({bill.usage_m3} m3), "
                    f"jatuh tempo {bill.due_date:%d-%m-%Y}")
        return None


class ReceiptRows(QAbstractTableModel):
    """Receipts in a table, newest first: the amount bold and right-aligned, a void
    one struck through with its status in red. A subclass names its HEADERS, its
    AMOUNT and STATUS columns, its translation CONTEXT and each row's `cells`."""

    HEADERS: tuple[str, ...] = ()
    AMOUNT = STATUS = -1
    CONTEXT = ""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._rows: tuple = ()

    @classmethod
    def _tr(cls, text: str) -> str:
        return QCoreApplication.translate(cls.CONTEXT, text)

    def cells(self, r) -> tuple[str, ...]:  # noqa: ANN001
        raise NotImplementedError

    def tooltip(self, r) -> str:  # noqa: ANN001
        return r.receipt_no

    def foreground(self, r, column: int) -> QColor | None:  # noqa: ANN001
        if r.voided:
            return QColor(SHORTFALL) if column == self.STATUS else QColor(MUTED)
        return None

    def set_receipts(self, rows: Sequence) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    @property
    def receipts(self) -> tuple:
        return self._rows

    def receipt(self, row: int):  # noqa: ANN201
        return self._rows[row]

    def row_of(self, receipt_no: str) -> int | None:
        wanted = receipt_no.strip().upper()
        return next((i for i, r in enumerate(self._rows) if r.receipt_no.upper() == wanted), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def _alignment(self, column: int) -> Qt.AlignmentFlag:
        return MONEY_ALIGN if column == self.AMOUNT else _LEFT

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._tr(self.HEADERS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(section)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(r)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(r, column)
        if role == Qt.ItemDataRole.FontRole:
            if r.voided:
                struck = font(bold=column == self.STATUS)
                struck.setStrikeOut(column != self.STATUS)
                return struck
            if column == self.AMOUNT:
                return font(bold=True)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(r)
        return None
