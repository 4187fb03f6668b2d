"""The settings dialog (Pengaturan) on a real demo store and real files: the
printer section written and read back, a test receipt printed to a file
printer, central's connection tested, programmes ended and rules refused with
the credentials the use cases ask for.

Run as a module it saves its screenshots for docs/desk.md:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.test_settings_dialog docs/screens
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import socket
import stat
import sys
import tomllib
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy import func, select

from counter import config
from counter.config import DEFAULT_TEXT
from counter.models import AuditRecord, FineSchemeRow, ReliefProgramme, StampDutyRow
from counter.services import setup
from counter.services.demo import DEMO_PASSWORD
from counter.services.programmes import current_programme
from counter.ui.settings_base import AdminApprovalDialog, qdate
from counter.ui.settings_dialog import SettingsDialog
from counter.settings_file import new_text
from counter.sync.link import store_key
from counter.ui.tasks import TaskRunner
from tests.conftest import AS_OF
from tests.ui.desk_helpers import press, type_keys

BUKA_SEGEL = "BUKA-SEGEL-2025"


def open_dialog(qtbot, app, desk, runner, opened) -> SettingsDialog:  # noqa: ANN001
    dialog = SettingsDialog(app, desk, runner)
    opened.append(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    qtbot.waitUntil(lambda: runner.idle, timeout=5000)  # the rules and the programmes are on screen
    return dialog


@pytest.fixture
def dialog(qtbot, app, desk, runner, opened):  # noqa: ANN001, ANN201
    return open_dialog(qtbot, app, desk, runner, opened)


def wait_message(qtbot, tab, kind: str | None = None, timeout: int = 5000) -> str:  # noqa: ANN001
    """What the tab says once its work is done (kind: the strip's colour, "ok" or "error")."""
    colours = {"ok": "#e8f5e9", "error": "#ffebee"}
    qtbot.waitUntil(lambda: not tab.runner.busy and bool(tab.message) and not tab.message.endswith("..."),
                    timeout=timeout)
    if kind is not None:
        assert colours[kind] in tab.note.styleSheet(), tab.message
    return tab.message


def approve(qtbot, tab, username: str, pin: str):  # noqa: ANN001, ANN201
    """Type the credential into the approval dialog the tab opened, as the supervisor would."""
    qtbot.waitUntil(lambda: tab.approval_dialog is not None and tab.approval_dialog.isVisible(), timeout=3000)
    approval = tab.approval_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is approval.username, timeout=3000)
    type_keys(qtbot, username)
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is approval.pin
    assert approval.pin.echoMode() == approval.pin.EchoMode.Password
    type_keys(qtbot, pin)
    press(qtbot, Qt.Key.Key_Return)
    return approval


def count(app, table) -> int:  # noqa: ANN001
    with app.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(table))


# ---- printer ---------------------------------------------------------------------------------

def test_saving_the_printer_writes_its_section_and_keeps_the_rest(qtbot, app, dialog):
    source = app.config.source
    assert source == app.config.store.data_dir / "config.toml" and source.read_text() == DEFAULT_TEXT
    tab = dialog.printer_tab
    assert not tab.form.isRowVisible(tab.host)  # kind "none": no connection fields
    tab.kind.setCurrentIndex(tab.kind.findData("network"))
    assert tab.form.isRowVisible(tab.host) and tab.form.isRowVisible(tab.port) and not tab.form.isRowVisible(tab.device)
    tab.paper.setCurrentIndex(tab.paper.findData("58mm"))
    tab.host.setText("192.168.1.77")
    tab.port.setValue(9101)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "disimpan" in wait_message(qtbot, tab, "ok")

    loaded = config.load(config_file=source, create=False)
    assert (loaded.printer.kind, loaded.printer.paper, loaded.printer.host, loaded.printer.port) == (
        "network", "58mm", "192.168.1.77", 9101)
    assert loaded.desk == app.config.desk and loaded.security == app.config.security  # the rest kept
    assert loaded.central == app.config.central and loaded.billing == app.config.billing
    text = source.read_text()
    assert text.startswith("# counter settings.")  # comments kept
    assert 'kind = "network"          # none | usb | serial' in text
    assert 'host = "192.168.1.77"     # network (port 9100)' in text  # the commented example's place
    assert stat.S_IMODE(os.stat(source).st_mode) == 0o600
    assert app.config.printer == loaded.printer  # the next receipt uses it

    # a USB printer now: the network address is emptied, so it leaves the file
    tab.kind.setCurrentIndex(tab.kind.findData("usb"))
    tab.host.clear()
    tab.vendor_id.setText("0x0416")
    tab.product_id.setText("0x5011")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    wait_message(qtbot, tab, "ok")
    values = tomllib.loads(source.read_text())
    assert values["printer"]["kind"] == "usb" and "host" not in values["printer"]
    assert (values["printer"]["vendor_id"], values["printer"]["product_id"]) == ("0x0416", "0x5011")
    assert values["desk"] == {"office": "KPG", "counter": "L01", "user": "kasir1", "timezone": "Asia/Makassar"}


def test_enter_saves_the_printer_and_a_broken_file_is_not_overwritten(qtbot, app, dialog):
    source = app.config.source
    source.write_text("[printer]\nkind = \n")  # broken by hand meanwhile
    tab = dialog.printer_tab
    tab.paper.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert "rusak" in wait_message(qtbot, tab, "error")
    assert source.read_text() == "[printer]\nkind = \n"


def test_a_test_receipt_goes_to_a_file_printer_as_escpos(qtbot, app, dialog, tmp_path):
    tab = dialog.printer_tab
    assert not tab.test_button.isEnabled()  # no printer: nothing to test
    target = tmp_path / "lp0"
    tab.kind.setCurrentIndex(tab.kind.findData("file"))
    tab.device.setText(str(target))
    assert tab.test_button.isEnabled()
    qtbot.mouseClick(tab.test_button, Qt.MouseButton.LeftButton)
    message = wait_message(qtbot, tab, "ok")
    assert "Struk uji terkirim" in message and str(target) in message
    data = target.read_bytes()
    assert data.startswith(b"\x1b@")  # ESC @: initialise
    assert b"STRUK UJI PRINTER" in data and b"CETAK UJI" in data and b"bukan bukti pembayaran" in data
    assert b"\x1dV" in data  # GS V: cut
    assert app.config.source.read_text() == DEFAULT_TEXT  # a test print saves nothing


def test_a_printer_that_does_not_answer_is_said_plainly(qtbot, dialog):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    tab = dialog.printer_tab
    tab.kind.setCurrentIndex(tab.kind.findData("network"))
    tab.host.setText("127.0.0.1")
    tab.port.setValue(port)
    qtbot.mouseClick(tab.test_button, Qt.MouseButton.LeftButton)
    assert f"Printer tidak tersambung (127.0.0.1:{port})" in wait_message(qtbot, tab, "error")


# ---- office and counter ----------------------------------------------------------------------

def test_office_and_counter_are_checked_against_the_store_before_saving(qtbot, app, dialog):
    tab = dialog.desk_tab
    tab.counter.setText("L99")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "Loket 'L99' tidak terdaftar di kantor KPG" in wait_message(qtbot, tab, "error")
    assert app.config.source.read_text() == DEFAULT_TEXT
    tab.counter.setText("l02")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "Berlaku setelah Loket ditutup" in wait_message(qtbot, tab, "ok")
    assert config.load(config_file=app.config.source, create=False).desk.counter == "L02"
    assert 'counter = "L02"           # counter (loket) code' in app.config.source.read_text()
    assert app.config.desk.counter == "L01"  # the running desk stays what it is


# ---- central ---------------------------------------------------------------------------------

def with_central(app, url: str) -> None:  # noqa: ANN001
    app.config = dataclasses.replace(app.config, central=dataclasses.replace(app.config.central, url=url))


def test_connection_to_a_bad_central_says_why(qtbot, app, desk, runner, opened):
    with_central(app, "http://127.0.0.1:1")  # nothing listens on port 1
    dialog = open_dialog(qtbot, app, desk, runner, opened)
    tab = dialog.central_tab
    qtbot.mouseClick(tab.test_button, Qt.MouseButton.LeftButton)
    assert "belum terdaftar" in wait_message(qtbot, tab, "error")  # never enrolled: no device key

    store_key(app.config.store.data_dir, "http://127.0.0.1:1", "ctr_" + "x" * 43)
    qtbot.mouseClick(tab.test_button, Qt.MouseButton.LeftButton)
    message = wait_message(qtbot, tab, "error", timeout=10_000)
    assert message.startswith("Pusat tidak terjangkau") and "ctr_" not in message

    tab.url.setText("http://10.1.2.3:8080")  # plain HTTP to another machine
    qtbot.mouseClick(tab.test_button, Qt.MouseButton.LeftButton)
    assert "tanpa TLS" in wait_message(qtbot, tab, "error")


def test_connection_to_central_with_this_counters_key(qtbot, app, desk, runner, opened):
    from tests.central_server import ThreadServer

    engine = app.embedded_engine
    server = ThreadServer(engine)
    try:
        store_key(app.config.store.data_dir, server.url, server.key_for("KPG", "L01"))
        with_central(app, server.url)
        dialog = open_dialog(qtbot, app, desk, runner, opened)
        tab = dialog.central_tab
        qtbot.mouseClick(tab.test_button, Qt.MouseButton.LeftButton)
        message = wait_message(qtbot, tab, "ok", timeout=10_000)
        assert "Koneksi OK" in message and server.url in message
    finally:
        server.stop()


def test_connection_to_the_embedded_central(qtbot, app, dialog):  # noqa: ANN001
    tab = dialog.central_tab
    embedded = app.embedded_central_path
    assert tab.url.text() == ""
    dialog.show_tab(2)
    assert QApplication.focusWidget() is tab.url
    press(qtbot, Qt.Key.Key_Return)  # Enter = Uji koneksi on this tab
    assert "belum ada" in wait_message(qtbot, tab, "error")
    assert not embedded.exists()  # the test made no empty file in its place

    app.central  # the desk makes it from the local store when it first syncs
    assert embedded.exists()
    qtbot.mouseClick(tab.test_button, Qt.MouseButton.LeftButton)
    message = wait_message(qtbot, tab, "ok")
    assert "Koneksi OK" in message and "pusat demo" in message


def test_saving_the_central_url(qtbot, app, desk, runner, opened):
    with_central(app, "https://pusat.pdam.example")
    dialog = open_dialog(qtbot, app, desk, runner, opened)
    tab = dialog.central_tab
    tab.url.setText("https://pusat2.pdam.example")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    wait_message(qtbot, tab, "ok")
    assert config.load(config_file=app.config.source, create=False).central.url == "https://pusat2.pdam.example"


# ---- rules -----------------------------------------------------------------------------------

def test_rules_in_force_are_shown(dialog):
    tab = dialog.rules_tab
    assert tab.fine_now.text() == "Rp 10.000 per rekening yang terlambat"
    assert tab.stamp_now.text() == "Rp 10.000 bila jumlah struk lebih dari Rp 5.000.000"
    assert tab.instalments_now.text().startswith("maks. 4 kali")
    assert tab.fine_amount.text() == "10.000" and tab.stamp_threshold.text() == "5.000.000"
    # the demo's Niaga Besar has a scheme of its own, shown read only
    assert tab.in_force.isRowVisible(tab.group_fines_now)
    assert tab.group_fines_now.text() == ("N2: +Rp 15.000 setelah 0 bulan, +Rp 10.000 setelah 1 bulan, "
                                          "+Rp 15.000 setelah 3 bulan, +Rp 20.000 setelah 6 bulan, maks. Rp 50.000")


def test_a_fine_change_with_a_wrong_admin_pin_is_refused_and_nothing_changes(qtbot, app, dialog):
    tab = dialog.rules_tab
    before = count(app, FineSchemeRow)
    later = AS_OF + dt.timedelta(days=30)
    tab.fine_kind.setCurrentIndex(tab.fine_kind.findData("percent"))
    assert tab.fine_form.isRowVisible(tab.fine_percent) and not tab.fine_form.isRowVisible(tab.fine_amount)
    tab.fine_percent.setText("2,5")
    tab.fine_minimum.setText("2.000")
    tab.fine_maximum.setText("50.000")
    tab.fine_from.setDate(qdate(later))
    qtbot.mouseClick(tab.fine_button, Qt.MouseButton.LeftButton)
    approval = approve(qtbot, tab, "admin", "9999")
    assert isinstance(approval, AdminApprovalDialog) and approval.windowTitle() == "Persetujuan admin"
    assert not any("kepala unit" in label.text().lower() for label in approval.findChildren(QLabel))
    qtbot.waitUntil(lambda: approval.error.isVisible() and not approval.submitting, timeout=5000)
    assert "PIN salah" in approval.error.text() and approval.pin.text() == ""
    assert approval.isVisible()  # another try, or Esc

    # a supervisor is not an admin
    approval.username.setText("kepala")
    approval.pin.setText(DEMO_PASSWORD)
    approval.confirm()
    qtbot.waitUntil(lambda: "bukan admin" in approval.error.text(), timeout=5000)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: tab.approval_dialog is None, timeout=3000)
    assert dialog.isVisible()
    assert count(app, FineSchemeRow) == before
    assert setup.rules_in_force(app.uow(), later).fine.kind == "flat"
    assert tab.fine_now.text() == "Rp 10.000 per rekening yang terlambat"


def test_an_admin_changes_the_stamp_duty_from_a_date(qtbot, app, dialog):
    tab = dialog.rules_tab
    before = count(app, StampDutyRow)
    later = AS_OF + dt.timedelta(days=7)
    tab.stamp_threshold.setText("1.000.000")
    tab.stamp_amount.setText("10.000")
    tab.stamp_from.setDate(qdate(later))
    qtbot.mouseClick(tab.stamp_button, Qt.MouseButton.LeftButton)
    approve(qtbot, tab, "admin", DEMO_PASSWORD)
    qtbot.waitUntil(lambda: tab.approval_dialog is None, timeout=5000)
    assert "Meterai baru mulai" in wait_message(qtbot, tab, "ok")
    assert count(app, StampDutyRow) == before + 1
    assert setup.rules_in_force(app.uow(), later).stamp_duty.threshold == 1_000_000
    assert setup.rules_in_force(app.uow(), AS_OF).stamp_duty.threshold == 5_000_000  # today: as it was
    with app.uow() as uow:
        audited = uow.session.scalars(select(AuditRecord).where(AuditRecord.action == "rule.stamp_duty")).all()
    assert len(audited) == 1


def test_a_bad_fine_is_refused_before_anyone_is_asked(qtbot, app, dialog):
    tab = dialog.rules_tab
    tab.fine_kind.setCurrentIndex(tab.fine_kind.findData("staged"))
    tab.fine_stages.setText("nol:5000")
    qtbot.mouseClick(tab.fine_button, Qt.MouseButton.LeftButton)
    assert "Tahapan denda tidak valid" in wait_message(qtbot, tab, "error")
    assert tab.approval_dialog is None


# ---- programmes ------------------------------------------------------------------------------

def test_ending_a_programme_with_the_supervisor_shows_its_new_version(qtbot, app, dialog):
    tab = dialog.programmes_tab
    dialog.show_tab(4)
    assert dialog.tabs.currentWidget() is tab
    codes = [tab.table.item(row, 0).text() for row in range(tab.table.rowCount())]
    assert BUKA_SEGEL in codes
    row = codes.index(BUKA_SEGEL)
    tab.table.setCurrentCell(row, 0)
    assert tab.editing.spec.code == BUKA_SEGEL and tab.code.isReadOnly()
    assert tab.table.item(row, 2).text() == "1" and tab.table.item(row, 4).text() == "berlaku"

    qtbot.mouseClick(tab.end_button, Qt.MouseButton.LeftButton)
    approval = approve(qtbot, tab, "kepala", "0000")  # a wrong PIN first
    qtbot.waitUntil(lambda: approval.error.isVisible() and not approval.submitting, timeout=5000)
    assert "PIN salah" in approval.error.text()
    with app.uow() as uow:
        assert current_programme(uow.session, BUKA_SEGEL).version == 1  # nothing saved on a wrong PIN
    type_keys(qtbot, DEMO_PASSWORD)  # the PIN field has the keyboard again
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.approval_dialog is None, timeout=5000)

    message = wait_message(qtbot, tab, "ok")
    assert f"{BUKA_SEGEL} diakhiri: versi 2, disetujui oleh kepala" in message.replace("<b>", "").replace("</b>", "")
    row = [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())].index(BUKA_SEGEL)
    yesterday = AS_OF - dt.timedelta(days=1)
    assert tab.table.item(row, 2).text() == "2"
    assert tab.table.item(row, 3).text().endswith(f"s/d {yesterday:%d-%m-%Y}")
    assert tab.table.item(row, 4).text() == "berakhir"
    assert tab.editing.version == 2 and "(versi 2)" in tab.form_title.text()
    assert not tab.end_button.isEnabled()  # it has ended
    with app.uow() as uow:
        stored = current_programme(uow.session, BUKA_SEGEL)
        assert (stored.version, stored.valid_to, stored.changed_by) == (2, yesterday, "kepala")


def test_a_new_programme_is_checked_then_saved_with_the_supervisor(qtbot, app, dialog):
    tab = dialog.programmes_tab
    dialog.show_tab(4)
    before = count(app, ReliefProgramme)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    assert tab.editing is None and not tab.code.isReadOnly() and tab.code.text() == ""
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "Kode program" in tab.refusal.text() and tab.approval_dialog is None  # refused before asking

    tab.code.setText("diskon-2026")
    tab.name.setText("Diskon Tunggakan 2026")
    tab.valid_from.setDate(qdate(dt.date(2026, 1, 1)))
    tab.valid_to.setDate(qdate(dt.date(2026, 6, 30)))
    tab.tariff_groups.setText("r1, r2")
    tab.discount.setValue(20)
    tab.discount_before.enabled.setChecked(True)
    tab.discount_before.date.setDate(qdate(dt.date(2025, 1, 1)))
    tab.max_terms.setValue(6)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    approve(qtbot, tab, "kepala", DEMO_PASSWORD)
    qtbot.waitUntil(lambda: tab.approval_dialog is None, timeout=5000)
    assert "DISKON-2026" in wait_message(qtbot, tab, "ok")
    assert count(app, ReliefProgramme) == before + 1
    assert tab.editing.spec.code == "DISKON-2026" and tab.editing.version == 1
    with app.uow() as uow:
        stored = current_programme(uow.session, "DISKON-2026")
        assert stored.tariff_groups == ["R1", "R2"] and stored.discount_pct == 20 and stored.max_terms == 6
        assert stored.discount_before == dt.date(2025, 1, 1) and stored.arrears_before is None

    # unchanged: nothing to save, nobody asked
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.refusal.text() == "Tidak ada yang berubah." and tab.approval_dialog is None


# ---- the dialog ------------------------------------------------------------------------------

def test_keys_switch_tabs_and_esc_closes(qtbot, dialog):
    for number, tab in enumerate(dialog.all_tabs, start=1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.AltModifier)
        assert dialog.tabs.currentWidget() is tab
        assert QApplication.focusWidget() is tab.first_field
    press(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


# ---- the settings file -----------------------------------------------------------------------

def test_the_file_is_edited_in_place_or_written_anew_but_never_loses_values():
    text = new_text(DEFAULT_TEXT, {"printer": {"kind": "file", "device": "C:\\lp \"1\" # x"}})
    assert 'device = "C:\\\\lp \\"1\\" # x" # file, or serial port' in text
    assert tomllib.loads(text)["printer"]["device"] == 'C:\\lp "1" # x'
    assert text.count("\n") == DEFAULT_TEXT.count("\n")  # one line changed, one example taken
    unusual = '[printer]\nkind = "usb"\n[desk]\noffice = { a = 1 }\n'  # beyond a line edit: written anew
    assert tomllib.loads(new_text(unusual, {"desk": {"office": "KPG"}})) == {
        "printer": {"kind": "usb"}, "desk": {"office": "KPG"}}
    assert tomllib.loads(new_text("", {"central": {"url": "x"}})) == {"central": {"url": "x"}}


# ---- screenshots -----------------------------------------------------------------------------

def take_screens(out: Path) -> None:
    """The five tabs at the desk's smallest screen, each in a telling state."""
    import tempfile
    import time

    from PySide6.QtCore import QCoreApplication

    from counter.services.demo import create_demo
    from tests.conftest import DEMO_CUSTOMERS, clock_at, make_app

    def settle(condition=lambda: True) -> None:  # noqa: ANN001
        end = time.monotonic() + 15
        while not condition():
            if time.monotonic() > end:
                raise TimeoutError("the dialog did not get there in time")
            QCoreApplication.processEvents()
            time.sleep(0.01)
        for _ in range(30):
            QCoreApplication.processEvents()

    out.mkdir(parents=True, exist_ok=True)
    QApplication.instance() or QApplication(sys.argv)
    folder = Path(tempfile.mkdtemp(prefix="counter-")) / "demo-data"
    app = make_app(folder)
    create_demo(app.uow(), customers=DEMO_CUSTOMERS, seed=7, as_of=AS_OF)
    desk = dataclasses.replace(app.desk(), clock=clock_at(AS_OF))
    runner = TaskRunner(app)
    dialog = SettingsDialog(app, desk, runner)
    dialog.resize(1180, 700)
    dialog.show()
    settle(lambda: runner.idle)

    tab = dialog.printer_tab
    tab.kind.setCurrentIndex(tab.kind.findData("file"))
    tab.paper.setCurrentIndex(tab.paper.findData("58mm"))
    tab.device.setText(str(folder / "lp0"))
    tab.print_test()
    settle(lambda: runner.idle)
    dialog.show_tab(0)
    settle()
    dialog.grab().save(str(out / "settings-printer.png"))

    dialog.show_tab(1)
    settle()
    dialog.grab().save(str(out / "settings-desk.png"))

    app.central  # the embedded demo central, as the desk makes it
    dialog.show_tab(2)
    dialog.central_tab.test_connection()
    settle(lambda: runner.idle)
    dialog.grab().save(str(out / "settings-central.png"))

    dialog.show_tab(3)
    rules = dialog.rules_tab
    rules.fine_kind.setCurrentIndex(rules.fine_kind.findData("staged"))
    rules.fine_stages.setText("0:5.000, 1:7.500, 3:10.000")
    rules.fine_from.setDate(qdate(dt.date(2026, 1, 1)))
    settle()
    dialog.grab().save(str(out / "settings-rules.png"))

    dialog.show_tab(4)
    settle()
    dialog.grab().save(str(out / "settings-programmes.png"))

    dialog.close()
    runner.shutdown()
    shiboken6.delete(dialog)
    shiboken6.delete(runner)
    app.engine.dispose()
    print(f"saved {out}/settings-*.png")


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    take_screens(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screens"))


def test_a_long_folder_is_shortened_in_its_middle_and_whole_in_its_tooltip(qtbot):
    """A data folder deep in the file system must not squeeze the form's captions
    ("Dipakai sekarang", "Berkas pengaturan") out of their column."""
    from counter.ui.settings_dialog import VALUE_WIDTH, value_label
    from counter.ui.widgets import text_scale

    path = "/srv/" + "/".join(["folder-data-loket-kantor-cabang"] * 8) + "/central.sqlite"
    label = value_label(path, "Folder data")
    qtbot.addWidget(label)
    assert label.toolTip() == path
    assert label.text().startswith("/srv/") and label.text().endswith("central.sqlite") and "…" in label.text()
    assert label.sizeHint().width() <= VALUE_WIDTH * text_scale() + 20
    short = value_label("/data/counter", "Folder data")
    qtbot.addWidget(short)
    assert short.text() == "/data/counter"
