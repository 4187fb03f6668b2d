"""Small widgets and the desk's look: colours, big money labels, the status
badge and the Rupiah field that shows thousands separators as you type."""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QRegularExpression, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QApplication, QDialog, QHBoxLayout, QLabel, QLayout, QLineEdit, QPushButton, QSizePolicy, QStatusBar, QVBoxLayout,
    QWidget,
)

from counter.errors import InvalidInput
from counter.rules.money import MAX_AMOUNT, format_rupiah, parse_rupiah

# Status words carry colour AND text (colour alone fails for colour-blind cashiers).
STATUS_COLOURS = {  # status -> (background, text)
    "active": ("#1e7d32", "#ffffff"),
    "sealed": ("#c62828", "#ffffff"),
    "temporarily_closed": ("#f9a825", "#000000"),
    "closed": ("#424242", "#ffffff"),
    # beside the connection's status, when they apply
    "in_plan": ("#1565c0", "#ffffff"),
    "credit": ("#00695c", "#ffffff"),
    "conflict": ("#e65100", "#ffffff"),
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


# The larger-font mode (Ctrl++ / Ctrl+- / Ctrl+0): every size is multiplied by this.
FONT_SCALES = (0.9, 1.0, 1.1, 1.2, 1.35, 1.5, 1.7)
_font_scale = 1.0
# ... and by the screen's: the desk is laid out for 1366x768; on a larger screen its type grows with it
SMALLEST_SCREEN = (1366, 768)
MAX_SCREEN_FACTOR = 1.6
_screen_factor = 1.0
_base_point_size: float | None = None  # the application's own font size, before any scaling
_SIZE_RESOLVED = 0x0002  # QFont::SizeResolved: the widget's font names its own size


def desk_settings() -> QSettings:
    """What the desk remembers between runs on this computer (window, font size):
    organisation "counter", application "desk", an INI file in the user's folder."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "counter", "desk")


def font_scale() -> float:
    """The cashier's setting (Ctrl++ / Ctrl+-), 1.0 the normal size."""
    return _font_scale


def text_scale() -> float:
    """What every size is multiplied by: the cashier's setting times the screen's factor."""
    return _font_scale * _screen_factor


def screen_factor(width: int, height: int) -> float:
    """How much larger the type is on a screen of `width` x `height` (available pixels) than on
    the smallest one the desk is laid out for: 1920x1080 gives 1.4 (in steps of 0.05, 1.0 to 1.6)."""
    factor = min(width / SMALLEST_SCREEN[0], height / SMALLEST_SCREEN[1])
    return min(max(math.floor(factor * 20) / 20, 1.0), MAX_SCREEN_FACTOR)


def font(point_size: float | None = None, bold: bool = False) -> QFont:
    """The default font, at `point_size` (or the default size) times the
    larger-font mode's scale and the screen's factor, and weight."""
    f = QFont()
    if point_size is not None:
        f.setPointSizeF(point_size * text_scale())
    f.setBold(bold)
    return f


def _rescale(before: float) -> None:
    """Every text from `before` (the old text_scale) to the new one: the application
    font, and each widget that names its own size (`font(14)`)."""
    global _base_point_size  # noqa: PLW0603 - one program-wide setting
    after = text_scale()
    qapp = QApplication.instance()
    if qapp is None or abs(after - before) < 1e-9:
        return
    if _base_point_size is None:
        _base_point_size = QApplication.font().pointSizeF() / before
    ratio = after / before
    sized = [w for w in QApplication.allWidgets()
             if w.testAttribute(Qt.WidgetAttribute.WA_SetFont) and w.font().resolveMask() & _SIZE_RESOLVED]
    sizes = [w.font().pointSizeF() for w in sized]  # before the application font moves the others
    app_font = QApplication.font()
    app_font.setPointSizeF(_base_point_size * after)
    QApplication.setFont(app_font)
    for widget, size in zip(sized, sizes, strict=True):
        if size > 0:
            own = widget.font()
            own.setPointSizeF(size * ratio)
            widget.setFont(own)


def set_font_scale(scale: float) -> float:
    """Make every text of the program `scale` times its normal size (the cashier's
    setting; the screen's factor stays). Returns the scale now in force (kept within FONT_SCALES)."""
    global _font_scale  # noqa: PLW0603 - one program-wide setting
    scale = min(max(scale, FONT_SCALES[0]), FONT_SCALES[-1])
    before = text_scale()
    _font_scale = scale
    _rescale(before)
    return _font_scale


def set_screen_factor(factor: float) -> float:
    """The type's size for the screen the desk is on (see `screen_factor`); every text follows."""
    global _screen_factor  # noqa: PLW0603 - one program-wide setting
    before = text_scale()
    _screen_factor = min(max(factor, 1.0), MAX_SCREEN_FACTOR)
    _rescale(before)
    return _screen_factor


def step_font_scale(steps: int) -> float:
    """One step larger (+1) or smaller (-1) in FONT_SCALES; 0: normal size."""
    if steps == 0:
        return set_font_scale(1.0)
    nearest = min(range(len(FONT_SCALES)), key=lambda i: abs(FONT_SCALES[i] - _font_scale))
    index = min(max(nearest + steps, 0), len(FONT_SCALES) - 1)
    return set_font_scale(FONT_SCALES[index])


# Month names as the desk shows them (Indonesian source, English through the translation)
MONTHS = (QT_TRANSLATE_NOOP("Months", "Jan"), QT_TRANSLATE_NOOP("Months", "Feb"), QT_TRANSLATE_NOOP("Months", "Mar"),
          QT_TRANSLATE_NOOP("Months", "Apr"), QT_TRANSLATE_NOOP("Months", "Mei"), QT_TRANSLATE_NOOP("Months", "Jun"),
          QT_TRANSLATE_NOOP("Months", "Jul"), QT_TRANSLATE_NOOP("Months", "Agu"), QT_TRANSLATE_NOOP("Months", "Sep"),
          QT_TRANSLATE_NOOP("Months", "Okt"), QT_TRANSLATE_NOOP("Months", "Nov"), QT_TRANSLATE_NOOP("Months", "Des"))


def month_label(period: int) -> str:
    """`202510` -> `Okt 2025` (`Oct 2025` on the English desk); rules.period.label for the screen."""
    return f"{QCoreApplication.translate('Months', MONTHS[period % 100 - 1])} {period // 100}"


def months_label(periods) -> str:  # noqa: ANN001 - a sequence of yyyymm
    """`Jul 2025 - Nov 2025`, or one `Okt 2025`, in the desk's language (rules.period.span_label)."""
    if not periods:
        return ""
    first, last = min(periods), max(periods)
    return month_label(first) if first == last else f"{month_label(first)} - {month_label(last)}"


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

    def set_status(self, status: str, label: str, upper: bool = True) -> None:
        self.status = status
        background, text = STATUS_COLOURS.get(status, ("#e0e0e0", "#000000"))
        self.setText(label.upper() if upper else label)
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


def _direct_children(parent: QWidget) -> list[QWidget]:
    return [w for w in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if w.isVisibleTo(parent) and w.sizeHint().isValid()]


class _Fitting:
    """Shrinks the type of a row of widgets until they fit its width (never below MIN_POINT_SIZE):
    `natural()` is the size they have when there is room; `needed()` the width they then ask for."""

    MIN_POINT_SIZE = 6.0
    SPACING = 10

    def _init_fitting(self) -> None:
        self._fitting = False
        self._pending = False

    def natural(self) -> float:
        return QApplication.font().pointSizeF()

    def extra(self) -> int:
        return 0

    def needed(self) -> int:
        return sum(w.sizeHint().width() + self.SPACING for w in _direct_children(self)) + self.extra()

    def fit(self) -> None:
        """The largest size (in half points, up to `natural()`) at which the row fits. The widths
        at another size are estimated from the ones at the present size, with a margin for
        growing, and fonts are set only when the size changes: a font set makes a layout
        request, which fits again, and must find nothing more to change."""
        self._pending = False
        if self._fitting or self.width() <= 0:
            return
        self._fitting = True
        try:
            present = self.font().pointSizeF()
            present = present if present > 0 else self.natural()  # a font sized in pixels has no point size
            needed = self.needed()
            size = self.natural()
            while size > self.MIN_POINT_SIZE and needed * size / present * (1.0 if size <= present else 1.03) > self.width():
                size = max(size - 0.5, self.MIN_POINT_SIZE)
            while True:  # the estimate fell short: smaller still, never back up
                self._set_point_size(size)
                if size <= self.MIN_POINT_SIZE or self.needed() <= self.width():
                    break
                size = max(size - 0.5, self.MIN_POINT_SIZE)
        finally:
            self._fitting = False

    def _set_point_size(self, size: float) -> None:
        for widget in [self, *_direct_children(self)]:
            if abs(widget.font().pointSizeF() - size) > 1e-6:
                own = QFont(widget.font())
                own.setPointSizeF(size)
                widget.setFont(own)

    def schedule_fit(self) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self.fit)  # with self as context: dropped if self is deleted first

    def _fitting_event(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Resize) and not self._fitting:  # a text changed
            self.schedule_fit()


class FittingStatusBar(_Fitting, QStatusBar):
    """A status bar whose widgets never overlap: when all of them (and a short message)
    would not fit at the desk's text size, their type is made smaller until they do."""

    RESERVE = "Ukuran huruf 170%"  # room kept for a short message at the left

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._init_fitting()
        self.setSizeGripEnabled(False)

    def extra(self) -> int:
        return self.fontMetrics().horizontalAdvance(self.currentMessage() or self.RESERVE) + 16

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - it can be squeezed: its type shrinks
        return QSize(0, super().minimumSizeHint().height())

    def event(self, event: QEvent) -> bool:
        self._fitting_event(event)
        return super().event(event)


class ButtonStrip(_Fitting, QWidget):
    """The desk's row of buttons beside the search field, at `point_size` while there is
    room; on a narrow window (or with large text) their type gets smaller, so the search
    field keeps its room and nothing is cut."""

    def __init__(self, point_size: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._init_fitting()
        self.point_size = point_size
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(6)
        self.setFont(font(point_size))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def add(self, widget: QWidget) -> None:
        self.row.addWidget(widget)

    def natural(self) -> float:
        return self.point_size * text_scale()

    def needed(self) -> int:
        return sum(w.sizeHint().width() + self.row.spacing() for w in _direct_children(self))

    def sizeHint(self) -> QSize:  # noqa: N802 - room for every button at its natural size
        hint = super().sizeHint()
        ratio = self.natural() / max(self.font().pointSizeF(), 1.0)
        return QSize(round(hint.width() * ratio), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - it can be squeezed: its type shrinks
        return QSize(0, super().minimumSizeHint().height())

    def event(self, event: QEvent) -> bool:
        self._fitting_event(event)
        return super().event(event)


class Banner(QLabel):
    """A coloured strip for news that must not block the cashier."""

    KINDS = {"ok": ("#e8f5e9", "#1b5e20", "#66bb6a"), "error": ("#ffebee", "#b71c1c", "#ef5350"),
             "info": ("#e3f2fd", "#0d47a1", "#64b5f6")}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setFont(font(11))
        self.kind = ""
        self.hide()

    def clear_error(self) -> None:
        """The next act starts: a refusal said before no longer applies."""
        if self.kind == "error":
            self.hide()
            self.kind = ""

    def add_line(self, html: str) -> None:
        """One more line under the news shown (e.g. where its receipt went), or a line of its own."""
        if self.isVisible() and self.kind != "error":
            self.show_message(f"{self.text()}<br>{html}", self.kind)
        else:
            self.show_message(html, "info")

    def show_message(self, html: str, kind: str = "info") -> None:
        self.kind = kind
        background, text, border = self.KINDS[kind]
        self.setStyleSheet(
            f"QLabel {{ background: {background}; color: {text}; border: 1px solid {border};"
            " border-radius: 4px; padding: 6px 10px; }"
        )
        self.setText(html)
        self.show()


PRIMARY_STYLE = ("QPushButton {{ background: {colour}; color: white; border-radius: 6px; padding: 6px {padding}px; }}"
                 "QPushButton:disabled {{ background: #b0bec5; color: #eceff1; }}")


def primary_button(text: str, clicked, size: float = 13, height: int = 42, colour: str = "#1565c0",  # noqa: ANN001
                   padding: int = 24, default: bool = False) -> QPushButton:
    """The big coloured button that does a dialog's act: the default button, or
    (not `default`) one that takes no focus, Enter coming from the fields."""
    button = QPushButton(text)
    button.setFont(font(size, bold=True))
    button.setMinimumHeight(height)
    if default:
        button.setDefault(True)
    else:
        button.setAutoDefault(False)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setStyleSheet(PRIMARY_STYLE.format(colour=colour, padding=padding))
    button.clicked.connect(clicked)
    return button


def cancel_button(text: str, clicked, focus: bool = False) -> QPushButton:  # noqa: ANN001
    button = QPushButton(text)
    button.setAutoDefault(False)
    if not focus:
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.clicked.connect(clicked)
    return button


def button_row(*buttons: QWidget, lead: QWidget | None = None) -> QHBoxLayout:
    """The buttons at the right, after `lead` (stretched) or an empty stretch."""
    row = QHBoxLayout()
    if lead is None:
        row.addStretch(1)
    else:
        row.addWidget(lead, 1)
    for button in buttons:
        row.addWidget(button)
    return row


def error_label() -> QLabel:
    """A hidden label for refusals, in bold red."""
    label = QLabel()
    label.setWordWrap(True)
    label.setFont(font(12, bold=True))
    label.setStyleSheet(f"color: {SHORTFALL};")
    label.hide()
    return label


def show_field_error(label: QLabel, message: str, field: QLineEdit) -> None:
    label.setText(message)
    label.show()
    field.setFocus(Qt.FocusReason.OtherFocusReason)
    field.selectAll()


class FormDialog(QDialog):
    """A modal dialog that submits one thing at a time: `error` says a refusal
    in red; while `submitting`, its fields are off and Esc does nothing."""

    def __init__(self, min_width: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.submitting = False
        self.setModal(True)
        self.setMinimumWidth(min_width)
        self.error = error_label()

    def _show_error(self, message: str, field: QLineEdit) -> None:
        show_field_error(self.error, message, field)

    def _set_busy(self, busy: bool, widgets: tuple[QWidget, ...], ok_text: str) -> None:
        self.submitting = busy
        for widget in widgets:
            widget.setEnabled(not busy)
        self.ok_button.setText(ok_text)

    def _lay_out(self, *items: QWidget | QLayout, margins: bool = True) -> QVBoxLayout:
        layout = QVBoxLayout(self)
        if margins:
            layout.setContentsMargins(24, 20, 24, 18)
            layout.setSpacing(12)
        for item in items:
            (layout.addLayout if isinstance(item, QLayout) else layout.addWidget)(item)
        return layout

    def reject(self) -> None:
        if self.submitting:
            return
        super().reject()
