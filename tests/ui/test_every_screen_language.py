"""Every screen of the desk in both languages: in English nothing of the desk's own
Indonesian may show. Two checks:

- every translatable source text of counter/ui has a finished English translation in the
  .ts, and the shipped .qm is compiled from it (a text added without its translation fails);
- every screen opened by its key as a cashier would (the desk with a customer, sign-in,
  shift open and close, pay, void, relief, day close, settings, paper receipts, collective,
  customer details, history, help card, lock, approval) is walked: labels, buttons, group
  boxes, tabs, table headers, placeholders, check boxes and window titles must hold none of
  the Indonesian words below.

By design some Indonesian stays (docs/desk.md, "Bahasa / Language"): the services' messages
(refusals, errors), customer statuses, the method's name in the banner, receipts and
reports, and the data itself (names, addresses, tariff groups). They are excluded: the
screens are opened without a refusal, and table cells (data) are not read, except the
month column of the bills, whose month names are the desk's own."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton, QApplication, QComboBox, QGroupBox, QHeaderView, QLabel, QLineEdit, QTabWidget, QWidget,
)

from counter.services.shifts import open_shift
from counter.ui.app import TRANSLATIONS, install_language
from counter.ui.approval_dialog import ApprovalDialog
from counter.ui.day_close_dialog import DayCloseDialog
from counter.ui.main_window import MainWindow
from counter.ui.settings_dialog import SettingsDialog
from tests.printing.day_samples import day
from tests.ui.desk_helpers import customer_owing, press, show, type_keys
from tests.ui.test_desk_start_of_day import open_desk, sign_in

ROOT = Path(__file__).parents[2]
TS = ROOT / "resources" / "translations" / "counter_en.ts"
SHOTS = Path("/tmp/every-screen")

# Indonesian words of the desk's own texts that never belong in English (whole words)
INDONESIAN = (
    "Tutup", "tutup", "Masuk", "masuk", "Bayar", "BAYAR", "bayar", "Batal", "batal", "BATAL", "rekening", "Rekening",
    "Simpan", "simpan", "Buka", "buka", "Cari", "Bantuan", "Pengaturan", "Kasir", "kasir", "Tanggal", "Jumlah",
    "Denda", "Bulan", "bulan", "Struk", "struk", "pelanggan", "Pelanggan", "Setoran", "setoran", "Loket", "loket",
    "Pusat", "pusat", "belum", "sudah", "dan", "atau", "yang", "untuk", "dengan", "dari", "Alasan", "alasan",
    "Keringanan", "Angsuran", "angsuran", "Kembali", "kembali", "Keluar", "Ganti", "Kunci", "Layar", "Terkunci",
    "Hari", "hari", "Shift", "Uang", "uang", "Tunai", "Koin", "kertas", "Persetujuan", "Pengguna", "Nama",
    "Kantor", "kantor", "Tidak", "tidak", "Ada", "ada", "Dibayar", "dibayar", "Kuitansi", "kuitansi",
    "Riwayat", "Salinan", "salinan", "Memproses", "Menyimpan", "Ubah", "Catat", "Biaya", "biaya", "lain",
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
)
MONTHS_ID = re.compile(r"\b(Mei|Agu|Okt|Des)\b")
# "Shift" is English too, and "Jan" ... "Nov" are the same in both: only checked as Indonesian where they differ
SAME_IN_ENGLISH = {"Shift", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Sep", "Nov"}
WORDS = re.compile(r"\b(" + "|".join(w for w in INDONESIAN if w not in SAME_IN_ENGLISH) + r")\b")
TAGS = re.compile(r"<[^>]+>")
# addresses, commands and data (a programme's code and name) are no Indonesian of the desk
NOT_WORDS = re.compile(r"https?://\S+|'counter [^']*'|\b[A-Z0-9]+(?:-[A-Z0-9]+)+: [^(]*")


# ---- the translation file ---------------------------------------------------------------------

def test_every_text_of_the_desk_has_its_english_translation(tmp_path) -> None:
    """lupdate over counter/ui finds no text without a finished translation in the .ts."""
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    fresh = tmp_path / "counter_en.ts"
    shutil.copy(TS, fresh)
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "counter" / "ui").glob("*.py"))
    done = subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    untranslated = []
    for context in ET.parse(fresh).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "")
            if kind in ("vanished", "obsolete"):
                continue
            forms = [f.text for f in translation.iter("numerusform")] or [translation.text]
            if kind == "unfinished" or not all(forms):
                untranslated.append(f"{name}: {message.findtext('source')!r}")
    assert untranslated == []


def test_the_shipped_translation_is_compiled_from_the_ts(tmp_path) -> None:
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    compiled = tmp_path / "counter_en.qm"
    done = subprocess.run([str(lrelease), str(TS), "-qm", str(compiled)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert compiled.read_bytes() == (TRANSLATIONS / "counter_en.qm").read_bytes()
    assert (ROOT / "resources" / "translations" / "counter_en.qm").read_bytes() == compiled.read_bytes()


# ---- every screen, walked -----------------------------------------------------------------------

def texts(root: QWidget) -> list[str]:
    """What a cashier reads on `root` (shown widgets only), table cells (data) left out."""
    found = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel):
            found.append(widget.text())
        elif isinstance(widget, QAbstractButton):
            found.append(widget.text())
        elif isinstance(widget, QGroupBox):
            found.append(widget.title())
        elif isinstance(widget, QLineEdit):
            found.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            found.extend(widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, QTabWidget):
            found.extend(widget.tabText(i) for i in range(widget.count()))
        elif isinstance(widget, QHeaderView) and widget.model() is not None:
            model = widget.model()
            count = model.columnCount() if widget.orientation() == Qt.Orientation.Horizontal else 0
            found.extend(str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(count))
    return [TAGS.sub(" ", t).replace("&nbsp;", " ").replace("&amp;", "&").replace("&", "") for t in found if t]


class Screens:
    """Each screen's texts by name, and its picture in SHOTS."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.seen: dict[str, list[str]] = {}
        self.cut: dict[str, list[str]] = {}  # a heading or caption narrower than its text
        SHOTS.mkdir(parents=True, exist_ok=True)

    def take(self, name: str, widget: QWidget, extra: list[str] = ()) -> None:  # noqa: B006
        QApplication.processEvents()
        self.seen[name] = texts(widget) + list(extra)
        self.cut[name] = [label.text() for label in [widget, *widget.findChildren(QLabel)]
                          if isinstance(label, QLabel) and label.isVisible() and not label.wordWrap()
                          and label.text() and label.width() < label.sizeHint().width() - 1]
        widget.grab().save(str(SHOTS / f"{self.language}-{name}.png"))

    def indonesian(self) -> dict[str, list[str]]:
        """Per screen, the texts holding an Indonesian word of the desk."""
        return {name: hits for name, found in self.seen.items()
                if (hits := sorted({t for t in found if WORDS.search(NOT_WORDS.sub("", t))
                                    or MONTHS_ID.search(t)}))}


@pytest.fixture(params=["id", "en"])
def language(request, qapp):  # noqa: ANN001, ANN201
    install_language(qapp, request.param)
    yield request.param
    install_language(qapp, "id")


def wait_for(qtbot, condition) -> None:  # noqa: ANN001
    qtbot.waitUntil(condition, timeout=8000)


def test_every_screen_speaks_the_desk_language(qtbot, app, desk, runner, opened, messages, language) -> None:  # noqa: ANN001, C901, PLR0915
    screens = Screens(language)

    # ---- sign-in and the shift, as the desk opens
    start = open_desk(qtbot, app, desk)
    try:
        screens.take("sign-in", start.sign_in_dialog)
        sign_in(qtbot, start)
        wait_for(qtbot, lambda: start.shift_dialog is not None and start.shift_dialog.isVisible())
        screens.take("shift-open", start.shift_dialog)
    finally:
        start.close()
        start.runner.wait()

    # ---- the desk itself, a customer on screen, then each key's screen
    open_shift(app.uow(), desk, 0)
    window = show(qtbot, MainWindow(app, desk))
    try:
        wait_for(qtbot, lambda: window.shift is not None)
        type_keys(qtbot, customer_owing(app, 3))
        press(qtbot, Qt.Key.Key_Return)
        wait_for(qtbot, lambda: window.panel.quote is not None and not window.runner.busy)
        months = [window.panel.bills.index(r, 1).data() for r in range(window.panel.bills.rowCount())]
        screens.take("desk", window, months)

        press(qtbot, Qt.Key.Key_F1)
        wait_for(qtbot, lambda: window.help.isVisible())
        screens.take("help", window.help, [window.help.text()])
        press(qtbot, Qt.Key.Key_Escape)
        wait_for(qtbot, lambda: QApplication.focusWidget() is window.search)

        press(qtbot, Qt.Key.Key_F5)
        wait_for(qtbot, lambda: window.pay_dialog is not None and window.pay_dialog.isVisible())
        screens.take("pay", window.pay_dialog)
        press(qtbot, Qt.Key.Key_Escape)
        wait_for(qtbot, lambda: window.pay_dialog is None)

        wait_for(qtbot, lambda: QApplication.focusWidget() is window.search)
        press(qtbot, Qt.Key.Key_F9)
        wait_for(qtbot, lambda: window.relief_dialog is not None and window.relief_dialog.ready)
        screens.take("relief", window.relief_dialog)
        press(qtbot, Qt.Key.Key_Escape)
        wait_for(qtbot, lambda: window.relief_dialog is None)

        for name, key, attribute in (("customer-details", "Ctrl+E", "customer_dialog"),
                                     ("history", "Ctrl+H", "history_dialog"),
                                     ("paper-receipts", "Ctrl+K", "paper_dialog"),
                                     ("collective", "Ctrl+G", "collective_dialog")):
            wait_for(qtbot, lambda: QApplication.focusWidget() is window.search)
            qtbot.keyClick(QApplication.focusWidget(), getattr(Qt.Key, f"Key_{key[-1]}"),
                           Qt.KeyboardModifier.ControlModifier)
            wait_for(qtbot, lambda attribute=attribute: getattr(window, attribute) is not None
                     and getattr(window, attribute).isVisible() and not window.runner.busy)
            screens.take(name, getattr(window, attribute))
            getattr(window, attribute).reject()
            wait_for(qtbot, lambda attribute=attribute: getattr(window, attribute) is None)

        wait_for(qtbot, lambda: QApplication.focusWidget() is window.search)
        press(qtbot, Qt.Key.Key_F7)
        wait_for(qtbot, lambda: window.void_dialog is not None and window.void_dialog.listed)
        screens.take("void", window.void_dialog)
        press(qtbot, Qt.Key.Key_Escape)
        wait_for(qtbot, lambda: window.void_dialog is None)

        wait_for(qtbot, lambda: QApplication.focusWidget() is window.search)
        press(qtbot, Qt.Key.Key_F12)
        wait_for(qtbot, lambda: window.cash_closing.dialog is not None and not window.runner.busy)
        screens.take("shift-close", window.cash_closing.dialog)
        window.cash_closing.dialog.reject()
        wait_for(qtbot, lambda: window.cash_closing.dialog is None)

        wait_for(qtbot, lambda: QApplication.focusWidget() is window.search)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        wait_for(qtbot, lambda: window.locked)
        screens.take("lock", window)
    finally:
        window.close()
        window.runner.wait()

    # ---- the supervisor's screens, opened on their own
    figures = dataclasses.replace(day(40, 2, late=0, deposit=False), refunds=25_000)
    closing = DayCloseDialog(app, desk, runner, None)
    opened.append(closing)
    closing.show()
    closing.show_day((figures, ["1 shift"]))
    screens.take("day-close", closing)
    settings = SettingsDialog(app, desk, runner)
    opened.append(settings)
    settings.show()
    wait_for(qtbot, lambda: runner.idle)
    for tab in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(tab)
        screens.take(f"settings-{tab + 1}", settings)
    approval = ApprovalDialog("X")
    opened.append(approval)
    approval.show()
    screens.take("approval", approval)

    assert len(screens.seen) >= 19
    assert {name: cut for name, cut in screens.cut.items() if cut} == {}  # no label cut, in either language
    if language == "en":
        found = screens.indonesian()
        assert found == {}, "\n".join(f"{name}: {hit!r} ({WORDS.findall(NOT_WORDS.sub('', hit))})"
                                       for name, hits in found.items() for hit in hits)
    else:  # the Indonesian desk speaks Indonesian (the words list is a fair test of it)
        assert {"desk", "pay", "void", "day-close", "shift-close", "sign-in"} <= set(screens.indonesian())
