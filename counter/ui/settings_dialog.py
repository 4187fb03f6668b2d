"""Pengaturan: the settings dialog for supervisors.

Opening it::

    from counter.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(app, desk, runner, parent=window)
    dialog.settings_saved.connect(...)   # optional: "printer", "desk", "central", "rules", "programmes"
    dialog.open()                        # modal; Esc (or "Tutup") closes it

- `app`: the `counter.bootstrap.App` of the desk. Its `config.source` is the
  settings file (TOML) that the Printer, Kantor & loket and Pusat tabs write;
  `app.uow()` opens the store for the rules and programmes.
- `desk`: the `services.context.Desk` at this counter (office, counter, user,
  business date); shown on the Kantor & loket tab, used for programme changes
  and the test receipt.
- `runner`: the desk's `ui.tasks.TaskRunner`. Every store, file, network and
  printer call of the dialog runs on its worker, never on the GUI thread.
- `parent`: the main window (or None).

The dialog does not check who opens it: whoever opens it decides (the desk's
user's role is in `desk.role`). The acts that need a credential ask for it
themselves: rules need an admin's, relief programmes a supervisor's (the
approval dialog, checked by the use case).

Tabs (Alt+1 ... Alt+5, or Ctrl+Tab):

1. **Printer**: kind, paper, and the fields that kind needs; *Cetak uji* sends a
   small test receipt to what is typed (saved or not); *Simpan* writes
   `[printer]` and the desk uses it at once for the next receipt.
2. **Kantor & loket**: who and where this desk is; the office and counter codes
   for `[desk]`, checked against the local store, used from the next start.
3. **Pusat**: `central.url` (its password shown as `***`); *Uji koneksi* opens
   central with a 3-second timeout and runs `SELECT 1`; *Simpan* writes it, used
   from the next start.
4. **Aturan**: the fine scheme, stamp duty and instalment rule in force; a new
   fine scheme or stamp duty from a date, with an admin's credential.
5. **Program keringanan**: the current relief programmes; add, edit (a new
   version) or end one, with a supervisor's credential.

Writing the settings file keeps its comments and other sections
(`ui.settings_file`); a file that would not load is never written.
"""

from __future__ import annotations

import dataclasses
import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QDialog, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox,
    QTabWidget, QVBoxLayout, QWidget,
)

from counter.config import Config, PrinterSettings
from counter.errors import CounterError
from counter.services.approval import ROLE_LABELS
from counter.services.context import Desk
from counter.ui.settings_base import SettingsTab, button, buttons_row, column, form_layout, heading, hint, sized
from counter.settings_file import write_settings
from counter.ui.settings_rules import ProgrammesTab, RulesTab
from counter.ui.settings_work import (
    PAPERS, PRINTER_KINDS, CentralProbe, desk_check, print_test, printer_place, probe_central,
)
from counter.ui.tasks import TaskRunner
from counter.ui.widgets import MUTED, font, text_scale

BAUDRATES = (9600, 19200, 38400, 57600, 115200)
FIELD_WIDTH = 380


VALUE_WIDTH = 440  # px at normal text size: a longer value is shortened in its middle


def value_label(text: str, name: str) -> QLabel:
    """A value shown beside its caption (a folder, a file, a URL): selectable; a long one is
    shortened in its middle ("/tmp/.../central.sqlite") and shown whole in its tooltip, so it
    never squeezes the form's captions."""
    label = QLabel(QFontMetrics(font()).elidedText(text, Qt.TextElideMode.ElideMiddle,
                                                   round(VALUE_WIDTH * text_scale())))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(name)
    label.setToolTip(text)
    return label


def _line(text: str = "", placeholder: str = "", name: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(name)
    edit.setMaxLength(200)
    edit.setMinimumWidth(FIELD_WIDTH)
    return edit


def _e(text: object) -> str:
    return html.escape(str(text))


def _work(text: str) -> str:
    """A label of settings_work (printer kinds, papers) in the desk's language."""
    return QCoreApplication.translate("SettingsWork", text)


def _role(role: str) -> str:
    """The user's role (approval.ROLE_LABELS) in the desk's language."""
    return QCoreApplication.translate("SettingsWork", ROLE_LABELS.get(role, role))


# ---- 1. printer ---------------------------------------------------------------------------------

class PrinterTab(SettingsTab):
    FIELDS = ("host", "port", "device", "baudrate", "vendor_id", "product_id", "name")

    def __init__(self, app, desk: Desk, runner: TaskRunner, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(app, desk, runner, parent)
        current: PrinterSettings = app.config.printer
        self.kind = QComboBox()
        for kind, (label, _fields) in PRINTER_KINDS.items():
            self.kind.addItem(_work(label), kind)
        self.kind.setAccessibleName(self.tr("Jenis printer"))
        self.paper = QComboBox()
        for paper, label in PAPERS.items():
            self.paper.addItem(_work(label), paper)
        self.paper.setAccessibleName(self.tr("Lebar kertas"))
        self.host = _line(current.host, self.tr("mis. 192.168.1.50"), self.tr("Alamat printer jaringan"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(current.port if 1 <= current.port <= 65535 else 9100)
        self.port.setAccessibleName(self.tr("Port printer jaringan"))
        self.device = _line(current.device, self.tr("mis. /dev/usb/lp0, /dev/ttyUSB0 atau COM3"),
                            self.tr("Perangkat printer"))
        self.baudrate = QComboBox()
        for rate in sorted({*BAUDRATES, current.baudrate}):
            self.baudrate.addItem(str(rate), rate)
        self.baudrate.setCurrentIndex(self.baudrate.findData(current.baudrate))
        self.baudrate.setAccessibleName(self.tr("Kecepatan serial"))
        hex_id = QRegularExpressionValidator(QRegularExpression(r"(0[xX])?[0-9A-Fa-f]{0,4}"), self)
        self.vendor_id = _line(current.vendor_id, self.tr("mis. 0x0416"), self.tr("ID vendor USB"))
        self.vendor_id.setValidator(hex_id)
        self.product_id = _line(current.product_id, self.tr("mis. 0x5011"), self.tr("ID produk USB"))
        self.product_id.setValidator(hex_id)
        self.name = _line(current.name, self.tr("nama printer di Windows, mis. EPSON TM-T82"),
                          self.tr("Nama printer Windows"))
        self.kind_hint = hint("")
        self.first_field = self.kind

        sized(self.kind, FIELD_WIDTH)
        sized(self.paper, 200)
        sized(self.port, 120)
        sized(self.baudrate, 120)
        for edit in (self.vendor_id, self.product_id):
            sized(edit, 120)
        self.form = form_layout()
        self.form.addRow(self.tr("&Jenis printer"), self.kind)
        self.form.addRow(self.tr("&Lebar kertas"), self.paper)
        self.form.addRow(self.tr("&Alamat (IP / nama)"), self.host)
        self.form.addRow(self.tr("P&ort"), self.port)
        self.form.addRow(self.tr("&Perangkat"), self.device)
        self.form.addRow(self.tr("&Kecepatan (baud)"), self.baudrate)
        self.form.addRow(self.tr("ID &vendor USB"), self.vendor_id)
        self.form.addRow(self.tr("ID p&roduk USB"), self.product_id)
        self.form.addRow(self.tr("&Nama printer"), self.name)

        self.test_button = button(self.tr("Cetak &uji"))
        self.test_button.setToolTip(
            self.tr("Kirim struk uji ke printer seperti yang terisi di atas (belum perlu disimpan)"))
        self.test_button.clicked.connect(self.print_test)
        self.save_button = button(self.tr("&Simpan [Enter]"), primary=True)
        self.save_button.clicked.connect(self.save)
        self.default_button = self.save_button

        where = hint(self.tr("Disimpan di bagian [printer] berkas {file}; struk berikutnya langsung memakai "
                             "pengaturan baru. Cetak uji memakai isian di atas, belum perlu disimpan. Waktu tunggu "
                             "printer (timeout_ms, status_timeout_ms) tetap seperti di berkas.").format(
                                 file=_e(app.config.source or self.tr("(tidak ada)"))))
        layout = QVBoxLayout(self)
        layout.addLayout(column(heading(self.tr("Printer struk")), self.form, self.kind_hint, where,
                                buttons_row(self.test_button, right=(self.save_button,)), self.note))

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.kind.setCurrentIndex(max(self.kind.findData(current.kind), 0))
        self.paper.setCurrentIndex(max(self.paper.findData(current.paper), 0))
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        needed = PRINTER_KINDS[kind][1]
        for field in self.FIELDS:
            self.form.setRowVisible(getattr(self, field), field in needed)
        folder = Path(self.app.config.store.data_dir) / "receipts"
        self.kind_hint.setText({
            "none": self.tr("Tanpa printer: setiap struk disimpan sebagai PDF di {folder}.").format(folder=folder),
            "network": self.tr("Printer dengan kabel LAN atau Wi-Fi; hampir semua memakai port 9100."),
            "usb": self.tr("ID vendor dan produk terlihat dengan 'lsusb' (Linux) atau di Device Manager (Windows). "
                           "Perlu libusb di komputer ini."),
            "serial": self.tr("Port serial: /dev/ttyUSB0 (Linux) atau COM3 (Windows)."),
            "file": self.tr("Berkas perangkat printer, mis. /dev/usb/lp0: data struk ditulis langsung ke sana."),
            "windows": self.tr("Nama printer persis seperti di Windows (Printers & scanners); perlu pywin32."),
        }[kind])
        self.test_button.setEnabled(kind != "none" and not self.writing)

    def values(self) -> dict:
        """The printer as typed, in the shape of [printer] (and of `dataclasses.asdict(config.printer)`)."""
        current = dataclasses.asdict(self.app.config.printer)
        current.update(kind=self.kind.currentData(), paper=self.paper.currentData(), host=self.host.text().strip(),
                       port=self.port.value(), device=self.device.text().strip(),
                       baudrate=int(self.baudrate.currentData()), vendor_id=self.vendor_id.text().strip(),
                       product_id=self.product_id.text().strip(), name=self.name.text().strip())
        return current

    def changes(self) -> dict:
        """What to write: kind and paper; each text field typed (an emptied one is removed, back to
        its default); port and baud rate when their kind is chosen or they differ from the default."""
        values, default = self.values(), PrinterSettings()
        written: dict[str, object] = {"kind": values["kind"], "paper": values["paper"]}
        for key in ("host", "device", "vendor_id", "product_id", "name"):
            written[key] = values[key] or None
        for key, kind in (("port", "network"), ("baudrate", "serial")):
            if values["kind"] == kind or values[key] != getattr(default, key):
                written[key] = values[key]
        return written

    def print_test(self) -> None:
        settings, desk = self.values(), self.desk
        logo = self.app.config.receipt.logo or None
        self.test_button.setEnabled(False)
        self.say(self.tr("Mengirim struk uji ke {printer} ...").format(printer=_e(printer_place(settings))))
        self.run(lambda: print_test(desk, settings, logo), self._printed, self._print_failed, "settings-printer-test")

    def _printed(self, outcome: tuple[int, str]) -> None:
        size, warning = outcome
        self.test_button.setEnabled(True)
        text = self.tr("Struk uji terkirim ke {printer} ({size} byte). Periksa hasil cetaknya.").format(
            printer=_e(printer_place(self.values())), size=size)
        self.say(text + (f" <b>{_e(warning)}</b>" if warning else ""), "ok")

    def _print_failed(self, error: CounterError) -> None:
        self.test_button.setEnabled(self.kind.currentData() != "none")
        self.say_error(error)

    def save(self) -> None:
        if self.writing:
            return
        source, changes = self.app.config.source, self.changes()
        self.save_button.setEnabled(False)
        self.say(self.tr("Menyimpan ..."))
        self.write(lambda: write_settings(source, {"printer": changes}), self._saved, "settings-printer-save",
                   self._save_failed)

    def _saved(self, loaded: Config) -> None:
        self.save_button.setEnabled(True)
        # the desk reads app.config.printer for every receipt: the next one uses this
        self.app.config = dataclasses.replace(self.app.config, printer=loaded.printer)
        self.say(self.tr("Pengaturan printer disimpan di {file} dan langsung dipakai untuk struk berikutnya.").format(
            file=_e(self.app.config.source)), "ok")
        self.saved.emit("printer")

    def _save_failed(self, error: CounterError) -> None:
        self.save_button.setEnabled(True)
        self.say_error(error)


# ---- 2. office and counter ----------------------------------------------------------------------

class DeskTab(SettingsTab):
    def __init__(self, app, desk: Desk, runner: TaskRunner, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(app, desk, runner, parent)
        info = form_layout()
        role = _role(desk.role)
        full_name = getattr(desk, "full_name", "")
        user = f"{full_name} ({desk.username}, {role})" if full_name else f"{desk.username} ({role})"
        for caption, value, bold in (
            (self.tr("Kantor"), desk.office_code, True), (self.tr("Loket"), desk.counter_code, True),
            (self.tr("Pengguna"), user, True), (self.tr("Tanggal usaha"), f"{desk.today():%d-%m-%Y}", False),
            (self.tr("Zona waktu"), getattr(desk.zone, "key", str(desk.zone)), False),
            (self.tr("Folder data"), str(app.config.store.data_dir), False),
            (self.tr("Berkas pengaturan"), str(app.config.source or "-"), False),
        ):
            label = value_label(value, caption)
            if bold:
                label.setFont(font(12, bold=True))
            info.addRow(caption, label)
        now = QGroupBox(self.tr("Loket ini sekarang"))
        now.setLayout(info)

        self.office = _line(app.config.desk.office, self.tr("mis. KPG"), self.tr("Kode kantor"))
        self.counter = _line(app.config.desk.counter, self.tr("mis. L01"), self.tr("Kode loket"))
        for edit in (self.office, self.counter):
            edit.setMaxLength(16)
            sized(edit, 140)
            edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"[A-Za-z0-9_-]{0,16}"), self))
        self.first_field = self.office
        form = form_layout()
        form.addRow(self.tr("Kode &kantor"), self.office)
        form.addRow(self.tr("Kode &loket"), self.counter)
        change_layout = QVBoxLayout()
        change_layout.addLayout(form)
        change_layout.addWidget(hint(self.tr(
            "Kantor dan loket harus sudah terdaftar di data loket ini (dari pusat, atau 'counter setup'). "
            "Berlaku setelah Loket ditutup dan dibuka lagi. Nama pengguna yang terisi saat masuk ([desk] user) "
            "tetap {user}.").format(user=_e(app.config.desk.user))))
        change = QGroupBox(self.tr("Ubah kantor && loket [desk]"))
        change.setLayout(change_layout)

        self.save_button = button(self.tr("&Simpan [Enter]"), primary=True)
        self.save_button.clicked.connect(self.save)
        self.default_button = self.save_button

        layout = QVBoxLayout(self)
        layout.addLayout(column(now, change, buttons_row(right=(self.save_button,)), self.note))

    def save(self) -> None:
        if self.writing:
            return
        app, office, counter = self.app, self.office.text().strip().upper(), self.counter.text().strip().upper()
        source = app.config.source

        def work() -> tuple[str, str]:  # on the worker
            desk_check(app, office, counter)  # the desk must be able to start with them
            write_settings(source, {"desk": {"office": office, "counter": counter}})
            return office, counter

        self.save_button.setEnabled(False)
        self.say(self.tr("Memeriksa dan menyimpan ..."))
        self.write(work, self._saved, "settings-desk-save", self._failed)

    def _saved(self, saved: tuple[str, str]) -> None:
        office, counter = saved
        self.save_button.setEnabled(True)
        self.office.setText(office)
        self.counter.setText(counter)
        same = (office, counter) == (self.desk.office_code, self.desk.counter_code)
        self.say(self.tr("Disimpan: kantor <b>{office}</b>, loket <b>{counter}</b>. ").format(
            office=_e(office), counter=_e(counter)) + (
            self.tr("Sama dengan loket yang sedang berjalan.") if same else
            self.tr("Berlaku setelah Loket ditutup dan dibuka lagi; sampai itu loket ini tetap "
                    "{office} / {counter}.").format(office=_e(self.desk.office_code),
                                                    counter=_e(self.desk.counter_code))), "ok")
        self.saved.emit("desk")

    def _failed(self, error: CounterError) -> None:
        self.save_button.setEnabled(True)
        self.say_error(error)


# ---- 3. central ---------------------------------------------------------------------------------

class CentralTab(SettingsTab):
    def __init__(self, app, desk: Desk, runner: TaskRunner, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(app, desk, runner, parent)
        configured = app.config.central.url
        self.url = _line(configured, self.tr("kosong: pusat demo di folder data (central.sqlite)"),
                         self.tr("URL pusat"))
        self.url.setMaxLength(500)
        self.first_field = self.url
        in_use = value_label(_e(configured) if configured else self.tr("pusat demo: {file}").format(
            file=_e(Path(app.config.store.data_dir) / "central.sqlite")), self.tr("Pusat yang dipakai"))
        sized(self.url, 620)
        form = form_layout()
        form.addRow(self.tr("Dipakai sekarang"), in_use)
        form.addRow(self.tr("&URL pusat"), self.url)
        notes = hint(self.tr(
            "Alamat API pusat: https://pusat.pdam.example. Loket didaftarkan sekali dengan kode dari pusat: "
            "'counter sync enrol URL KODE' (kunci loket disimpan di keyring atau berkas yang hanya bisa dibaca "
            "pemiliknya). Kosong: pusat demo di folder data."))
        test_note = hint(self.tr("Uji koneksi memakai alamat yang terisi (belum perlu disimpan) dan menunggu "
                                 "paling lama 3 detik. URL yang disimpan berlaku setelah Loket ditutup dan dibuka lagi."))

        self.test_button = button(self.tr("Uji &koneksi [Enter]"), primary=True)
        self.test_button.clicked.connect(self.test_connection)
        self.default_button = self.test_button
        self.save_button = button(self.tr("&Simpan"))
        self.save_button.clicked.connect(self.save)

        layout = QVBoxLayout(self)
        layout.addLayout(column(heading(self.tr("Server pusat")), form, notes, test_note,
                                buttons_row(self.test_button, right=(self.save_button,)), self.note))

    def typed_url(self) -> str:
        return self.url.text().strip()

    def test_connection(self) -> None:
        if self.runner.is_running("settings-central-test"):
            return
        url, data_dir = self.typed_url(), Path(self.app.config.store.data_dir)
        plain = self.app.config.central.allow_plain_http
        self.test_button.setEnabled(False)
        self.say(self.tr("Menghubungi pusat ..."))
        self.run(lambda: probe_central(url, data_dir, plain), self._reached, self._unreachable, "settings-central-test")

    def _reached(self, probe: CentralProbe) -> None:
        self.test_button.setEnabled(True)
        what = self.tr("pusat demo (berkas SQLite)") if probe.embedded else self.tr("pusat")
        self.say(self.tr("<b>Koneksi OK</b>: {what} menjawab dalam {ms} ms. {url}").format(
            what=what, ms=probe.milliseconds, url=_e(probe.shown_url)), "ok")

    def _unreachable(self, error: CounterError) -> None:
        self.test_button.setEnabled(True)
        self.say_error(error)

    def save(self) -> None:
        if self.writing:
            return
        url, source = self.typed_url(), self.app.config.source
        self.save_button.setEnabled(False)
        self.say(self.tr("Menyimpan ..."))
        self.write(lambda: write_settings(source, {"central": {"url": url or None}}), self._saved,
                   "settings-central-save", self._failed)

    def _saved(self, _loaded: Config) -> None:
        self.save_button.setEnabled(True)
        self.say(self.tr("URL pusat disimpan. Berlaku setelah Loket ditutup dan dibuka lagi."), "ok")
        self.saved.emit("central")

    def _failed(self, error: CounterError) -> None:
        self.save_button.setEnabled(True)
        self.say_error(error)


# ---- the dialog ---------------------------------------------------------------------------------

class SettingsDialog(QDialog):
    """Pengaturan loket: printer, office and counter, central, rules, relief programmes."""

    settings_saved = Signal(str)  # "printer", "desk", "central", "rules" or "programmes"

    def __init__(self, app, desk: Desk, runner: TaskRunner, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.app, self.desk, self.runner = app, desk, runner
        self.setWindowTitle(self.tr("Pengaturan"))
        self.setModal(True)
        self.resize(1180, 700)

        who = getattr(desk, "full_name", "") or desk.username
        title = QLabel(self.tr("<b>Pengaturan loket</b>") + f" &nbsp; <span style='color:{MUTED}'>" + self.tr(
            "Kantor {office} | Loket {counter} | {who} ({role})").format(
                office=_e(desk.office_code), counter=_e(desk.counter_code), who=_e(who), role=_e(_role(desk.role)))
            + "</span>")
        title.setFont(font(13))

        self.printer_tab = PrinterTab(app, desk, runner)
        self.desk_tab = DeskTab(app, desk, runner)
        self.central_tab = CentralTab(app, desk, runner)
        self.rules_tab = RulesTab(app, desk, runner)
        self.programmes_tab = ProgrammesTab(app, desk, runner)
        self.tabs = QTabWidget()
        self.tabs.setFont(font(11))
        for number, (tab, caption) in enumerate((
                (self.printer_tab, self.tr("Printer")), (self.desk_tab, self.tr("Kantor && loket")),
                (self.central_tab, self.tr("Pusat")), (self.rules_tab, self.tr("Aturan")),
                (self.programmes_tab, self.tr("Program keringanan"))), start=1):
            self.tabs.addTab(tab, f"{caption}  [Alt+{number}]")
            tab.saved.connect(self.settings_saved)
            tab.writing_changed.connect(self._writing_changed)
            QShortcut(QKeySequence(f"Alt+{number}"), self, lambda index=number - 1: self.show_tab(index))
        self.tabs.currentChanged.connect(self._tab_changed)

        self.hint = QLabel(self.tr("Alt+1 … Alt+5 atau Ctrl+Tab: pindah tab  |  Alt+huruf bergaris: ke isian  |  "
                                   "Esc: tutup"))
        self.hint.setStyleSheet(f"color: {MUTED};")
        self.close_button = QPushButton(self.tr("Tutup [Esc]"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self._tab_changed(0)

    @property
    def all_tabs(self) -> tuple[SettingsTab, ...]:
        return (self.printer_tab, self.desk_tab, self.central_tab, self.rules_tab, self.programmes_tab)

    @property
    def writing(self) -> bool:
        return any(tab.writing for tab in self.all_tabs)

    def show_tab(self, index: int) -> None:
        """Alt+1 ... Alt+5: that tab, the keyboard in its first field."""
        self.tabs.setCurrentIndex(index)
        first = getattr(self.tabs.currentWidget(), "first_field", None)
        if first is not None:
            first.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _tab_changed(self, index: int) -> None:
        """Enter presses the tab's main button (Printer, Kantor & loket: Simpan; Pusat: Uji koneksi)."""
        for tab in self.all_tabs:
            default = getattr(tab, "default_button", None)
            if default is not None:
                default.setDefault(False)
                default.setAutoDefault(tab is self.tabs.widget(index))
        default = getattr(self.tabs.widget(index), "default_button", None)
        if default is not None:
            default.setDefault(True)

    def _writing_changed(self, _writing: bool) -> None:
        self.close_button.setEnabled(not self.writing)

    def reject(self) -> None:
        if self.writing:  # a file or the store is being written: wait for the outcome
            return
        for tab in self.all_tabs:
            tab.cancel_tasks()
        super().reject()
