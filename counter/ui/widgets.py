"""Small widgets and the desk's look: colours, big money labels, the status
badge and the Rupiah field that shows thousands separators as you type."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QColor, QFont, QRegularExpressionValidator
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from counter.errors import InvalidInput
from counter.rules.money import MAX_AMOUNT, format_rupiah, parse_rupiah

# Status words carry colour AND text (colour alone fails for colour-blind cashiers).
STATUS_COLOURS = {  # status -> (background, text)
    "active": ("#1e7d32", "#ffffff"),
    "sealed": ("#c62828", "#ffffff"),
    "temporarily_closed": ("#f9a825", "#000000"),
    "closed": ("#424242", "#ffffff"),
}
STATUS_TEXT_COLOURS = {  # for status words in a table (dark enough on white)
    "active": "#1b5e20",
    "sealed": "#b71c1c",
    "temporarily_closed": "#8d5a00",
    "closed": "#424242",
}
SHORTFALL = "#b71c1c"
GOOD = "#1b5e20"
MUTED = "#6b6b6b"

MONEY_ALIGN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def font(point_size: float | None = None, bold: bool = False) -> QFont:
    """The default font, at `point_size` (or the default size) and weight."""
    f = QFont()
    if point_size is not None:
        f.setPointSizeF(point_size)
    f.setBold(bold)
    return f


def status_colour(status: str) -> QColor:
    return QColor(STATUS_TEXT_COLOURS.get(status, "#000000"))


class StatusBadge(QLabel):
    """`DISEGEL` in white on red, `AKTIF` in white on green, ..."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(font(13, bold=True))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumWidth(110)
        self.status = ""
        self.hide()

    def set_status(self, status: str, label: str) -> None:
        self.status = status
        background, text = STATUS_COLOURS.get(status, ("#e0e0e0", "#000000"))
        self.setText(label.upper())
        self.setStyleSheet(
            f"QLabel {{ background: {background}; color: {text}; border-radius: 4px; padding: 4px 12px; }}"
        )
        self.setAccessibleName(f"Status: {label}")
        self.show()


class MoneyLabel(QLabel):
    """A right-aligned Rupiah amount in a given size."""

    def __init__(self, point_size: float, parent: QWidget | None = None, bold: bool = True) -> None:
        super().__init__(parent)
        self.setFont(font(point_size, bold=bold))
        self.setAlignment(MONEY_ALIGN)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.amount: int | None = None

    def set_amount(self, amount: int | None) -> None:
        self.amount = amount
        self.setText("" if amount is None else format_rupiah(amount))


def group_digits(text: str) -> str:
    """`150000` (or `150.000`, `Rp150000`) -> `150.000`; keeps only digits."""
    digits = "".join(ch for ch in text if ch.isdigit()).lstrip("0")
    if not digits:
        return "0" if any(ch.isdigit() for ch in text) else ""
    return format_rupiah(int(digits), symbol=False)


class RupiahEdit(QLineEdit):
    """Whole Rupiah, digits only; shows `150.000` while typing `150000`."""

    MAX_DIGITS = len(str(MAX_AMOUNT))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(MONEY_ALIGN)
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9.]{0,20}"), self))
        self.setMaxLength(20)
        self.textEdited.connect(self._regroup)

    def _regroup(self, text: str) -> None:
        cursor = self.cursorPosition()
        digits_after = sum(ch.isdigit() for ch in text[cursor:])
        digits = "".join(ch for ch in text if ch.isdigit())[: self.MAX_DIGITS]
        grouped = group_digits(digits)
        if grouped == text:
            return
        self.setText(grouped)
        # put the cursor back before the same number of digits
        position, seen = len(grouped), 0
        while position > 0 and seen < digits_after:
            position -= 1
            if grouped[position].isdigit():
                seen += 1
        self.setCursorPosition(position)

    def value(self) -> int:
        """The amount typed; InvalidInput (Indonesian) when empty or malformed."""
        if not self.text().strip():
            raise InvalidInput("Isi uang yang diterima.")
        return parse_rupiah(self.text())

    def value_or_none(self) -> int | None:
        try:
            return self.value()
        except InvalidInput:
            return None


class Banner(QLabel):
    """A coloured strip for news that must not block the cashier."""

    KINDS = {"ok": ("#e8f5e9", "#1b5e20", "#66bb6a"), "error": ("#ffebee", "#b71c1c", "#ef5350"),
             "info": ("#e3f2fd", "#0d47a1", "#64b5f6")}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setFont(font(11))
        self.hide()

    def show_message(self, html: str, kind: str = "info") -> None:
        background, text, border = self.KINDS[kind]
        self.setStyleSheet(
            f"QLabel {{ background: {background}; color: {text}; border: 1px solid {border};"
            " border-radius: 4px; padding: 6px 10px; }"
        )
        self.setText(html)
        self.show()
