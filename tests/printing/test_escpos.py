"""ESC/POS receipts: golden bytes, layout limits, and sending to printers.

Regenerate the golden files (and review the .txt next to each by eye):
    UPDATE_GOLDEN=1 .venv/bin/pytest -q -p no:xdist tests/printing/test_escpos.py
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest
from escpos.printer import Dummy

from counter.errors import InvalidInput
from counter.printing.escpos_receipt import LOGO_HEIGHT, layout, read_logo, receipt_bytes, receipt_text, render
from counter.printing.printers import PrinterError, open_printer, send
from counter.rules.money import format_rupiah
from tests.printer_server import PAPER_QUERY
from tests.printing.samples import (WITA, charge_receipt, down_payment_receipt, hard_receipt, instalment_receipt,
                                    many_months_receipt, plain_receipt)

import datetime as dt

GOLDEN = Path(__file__).parent / "golden"
LOGO = Path(__file__).parents[2] / "resources" / "logo.png"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


# ---------------------------------------------------------------- decoding

# ESC/POS commands python-escpos emits here, by prefix -> number of parameter bytes.
_FIXED = {
    b"\x1b@": 0, b"\x1bt": 1, b"\x1bE": 1, b"\x1ba": 1, b"\x1b!": 1, b"\x1b{": 1, b"\x1b-": 1,
    b"\x1bM": 1, b"\x1bd": 1, b"\x1db": 1, b"\x1dB": 1, b"\x1d!": 1, b"\x1dV": 1,
}


def decode(data: bytes) -> str:
    """The printable text of an ESC/POS job, commands stripped ([IMAGE: ...], [QR: ...] and [CUT] marked)."""
    out, i = [], 0
    while i < len(data):
        two = data[i:i + 2]
        if two == b"\x1dv" and data[i + 2:i + 3] == b"0":  # GS v 0 m xL xH yL yH [raster]
            width_bytes, height = data[i + 4] + 256 * data[i + 5], data[i + 6] + 256 * data[i + 7]
            out.append(f"[IMAGE: {width_bytes * 8}x{height} dots]\n")
            i += 8 + width_bytes * height
        elif two == b"\x1d(" and data[i + 2:i + 3] == b"k":  # GS ( k pL pH cn fn [data]
            length = data[i + 3] + 256 * data[i + 4]
            body = data[i + 5:i + 5 + length]
            if body[1:2] == b"P":  # store data: cn fn m data
                out.append(f"[QR: {body[3:].decode('ascii')}]")
            i += 5 + length
        elif two in _FIXED:
            if two == b"\x1dV":
                out.append("[CUT]\n")
            i += 2 + _FIXED[two]
        elif data[i] in (0x1b, 0x1d):
            raise AssertionError(f"unknown ESC/POS command at {i}: {data[i:i + 4]!r}")
        else:
            byte = data[i]
            assert byte == 0x0a or 32 <= byte < 127, f"non-ASCII text byte {byte:#x} at {i}"
            out.append(chr(byte))
            i += 1
    return "".join(out)


def text_lines(receipt, width: int) -> list[str]:
    return [op[1] for op in layout(receipt, width) if op[0] == "line"]


# ---------------------------------------------------------------- golden files


@pytest.mark.parametrize("name, make, paper, logo", [
    ("plain-80mm", plain_receipt, "80mm", None), ("hard-58mm", hard_receipt, "58mm", None),
    ("logo-80mm", plain_receipt, "80mm", LOGO), ("logo-58mm", hard_receipt, "58mm", LOGO),
    ("instalment-80mm", instalment_receipt, "80mm", None), ("instalment-58mm", instalment_receipt, "58mm", None),
    ("down-payment-58mm", down_payment_receipt, "58mm", None), ("many-months-58mm", many_months_receipt, "58mm", None),
    ("voided-copy-80mm", lambda: charge_receipt(voided="salah pelanggan", copy_number=1), "80mm", None),
])
def test_golden_bytes(name, make, paper, logo):
    data = receipt_bytes(make(), paper, logo=logo)
    binary, text = GOLDEN / f"{name}.bin", GOLDEN / f"{name}.txt"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        binary.write_bytes(data)
        text.write_text(decode(data), encoding="ascii")
    assert data == binary.read_bytes(), f"{name}: bytes changed; review and regenerate with UPDATE_GOLDEN=1"
    assert decode(data) == text.read_text(encoding="ascii")


def test_render_on_any_printer_object_matches_receipt_bytes():
    printer = Dummy()
    render(plain_receipt(), printer, 48)
    assert printer.output == receipt_bytes(plain_receipt(), "80mm")


# ---------------------------------------------------------------- layout


@pytest.mark.parametrize("width, paper", [(32, "58mm"), (48, "80mm")])
@pytest.mark.parametrize("make", [plain_receipt, hard_receipt, instalment_receipt])
def test_no_line_wider_than_paper_and_only_ascii(make, width, paper):
    lines = text_lines(make(), width)
    assert all(len(line) <= width for line in lines), [l for l in lines if len(l) > width]
    assert all(line.isascii() for line in lines)
    printed = decode(receipt_bytes(make(), paper))  # also asserts no byte > 127 outside commands
    assert all(len(line) <= width for line in printed.splitlines() if not line.startswith("[QR"))


@pytest.mark.parametrize("width", [32, 48])
def test_long_name_and_address_wrap_whole(width):
    lines = text_lines(hard_receipt(), width)
    start = next(i for i, l in enumerate(lines) if l.startswith("Nama"))
    end = next(i for i, l in enumerate(lines) if l.startswith("Alamat"))
    name = " ".join(l[10:].strip() for l in lines[start:end])
    assert name == 'MARIA GONCALVES ARAUJO DA COSTA "MAMA ROSA" FERNANDES XIMENES'
    assert end - start > 1  # it did wrap
    addr_end = next(i for i, l in enumerate(lines) if l.startswith("Tarif"))
    address = " ".join(l[10:].strip() for l in lines[end:addr_end])
    assert address == hard_receipt().customer_address
    assert b"GONCALVES ARAUJO" in receipt_bytes(hard_receipt(), "80mm")


@pytest.mark.parametrize("width", [32, 48])
def test_amounts_right_aligned(width):
    receipt = hard_receipt()
    lines = text_lines(receipt, width)
    total = next(l for l in lines if l.startswith("TOTAL"))
    assert total.endswith(format_rupiah(receipt.total)) and len(total) == width
    assert format_rupiah(receipt.total) == "Rp 8.308.000"
    for label in ("  Harga air", "  Beban", "  Admin", "  Denda", "Meterai", "Diterima", "Kembali"):
        matching = [l for l in lines if l.startswith(label)]
        assert matching and all(len(l) == width and l.endswith(tuple("0123456789")) for l in matching), label


def test_header_date_copy_and_offline():
    copy = plain_receipt(copy_number=2, copy_printed_at=dt.datetime(2025, 11, 25, 8, 0, 1, tzinfo=WITA),
                         copy_printed_by="Budi", offline=True, waived=5_000)
    lines = text_lines(copy, 48)
    assert "24 Nov 2025 10:05:07 WITA" in lines
    assert "Loket L01  Kasir: Siti Nurhaliza Bessie" in lines
    assert "No. struk: KPG-L01-20251124-0001" in lines
    assert "SALINAN ke-2" in lines
    assert "dicetak ulang 25 Nov 2025 08:00:01 WITA oleh Budi" in " ".join(lines)
    assert "Dicatat saat pusat tidak terjangkau" in lines
    assert any(l.startswith("Keringanan") and l.endswith("-Rp 5.000") for l in lines)
    original = text_lines(plain_receipt(), 48)
    assert not any("SALINAN" in l or "pusat tidak" in l for l in original)
    assert b"SALINAN ke-2" in receipt_bytes(copy)
    assert "[QR: KPG|01a20c44-dbd2-7729-a01d-4dbdcae3b980|3f9a2c1d]" in decode(receipt_bytes(copy))


# ---------------------------------------------------------------- logo


@pytest.mark.parametrize("paper, dots", [("58mm", 384), ("80mm", 576)])
def test_the_logo_is_printed_first_as_wide_as_the_paper(paper, dots):
    data = receipt_bytes(plain_receipt(), paper, logo=LOGO)
    assert data.startswith(b"\x1b@\x1dv0\x00")  # INIT, then the logo as a raster image
    assert decode(data).startswith(f"[IMAGE: {dots}x120 dots]\nPerumda Air Minum Demo Kupang\n")
    assert decode(data).split("\n", 1)[1] == decode(receipt_bytes(plain_receipt(), paper))


def test_a_big_logo_is_shrunk_to_fit_and_kept_in_proportion(tmp_path):
    from PIL import Image, ImageDraw

    wide = Image.new("RGBA", (2000, 500), (0, 0, 0, 0))  # transparent: the background must print white
    ImageDraw.Draw(wide).rectangle((0, 0, 1999, 499), outline="black", width=40)
    path = tmp_path / "wide.png"
    wide.save(path)
    assert decode(receipt_bytes(plain_receipt(), "58mm", logo=path)).startswith("[IMAGE: 384x96 dots]")
    tall = tmp_path / "tall.png"
    Image.new("L", (300, 3000), 0).save(tall)
    image = next(op[1] for op in layout(plain_receipt(), 48, read_logo(tall)) if op[0] == "image")
    assert image.size == (576, LOGO_HEIGHT)
    black = [x for x in range(576) if image.getpixel((x, 60)) == 0]
    assert (black[0], black[-1]) == (282, 293)  # 12 dots wide, centred


@pytest.mark.parametrize("content", [None, b"not an image", b"\x89PNG\r\n\x1a\n broken"])
def test_a_missing_or_unreadable_logo_prints_without_it(tmp_path, caplog, content):
    path = tmp_path / "logo.png"
    if content is not None:
        path.write_bytes(content)
    with caplog.at_level("WARNING"):
        data = receipt_bytes(plain_receipt(), "80mm", logo=path)
    assert data == receipt_bytes(plain_receipt(), "80mm")
    assert "logo" in caplog.text and str(path) in caplog.text


def test_a_logo_says_nothing_on_stdout(capsys):
    """python-escpos complains on stdout about an unknown paper width; `counter --json` prints there."""
    receipt_bytes(plain_receipt(), "80mm", logo=LOGO)
    assert capsys.readouterr().out == ""


# ---------------------------------------------------------------- instalment lines


@pytest.mark.parametrize("width, paper", [(32, "58mm"), (48, "80mm")])
def test_down_payment_and_term_are_label_and_amount(width, paper):
    receipt = instalment_receipt()
    lines = text_lines(receipt, width)
    text = "\n".join(lines)
    assert not any(word in text for word in ("m3", "Harga air", "Beban", "Admin", "Denda", "Jumlah"))
    for line in receipt.lines:  # the label whole (maybe wrapped), the amount right-aligned on its last line
        amount = format_rupiah(line.amount)
        end = next(i for i, l in enumerate(lines) if l.endswith(amount))
        start = next(i for i, l in enumerate(lines) if l.startswith(line.label.split()[0]))
        assert " ".join(l.removesuffix(amount).strip() for l in lines[start:end + 1]) == line.label
        assert end - start == (1 if width == 32 else 0)
        assert len(lines[end]) == width
    waived = next(l for l in lines if l.startswith("Keringanan"))
    assert waived.endswith("-Rp 25.000") and len(waived) == width
    total = next(l for l in lines if l.startswith("TOTAL"))
    assert total.endswith(format_rupiah(737_500))
    assert "Uang muka 0001/ANGS/KPG/XI/2026" in " ".join(receipt_text(receipt, paper).split())


def test_unknown_paper():
    with pytest.raises(InvalidInput):
        receipt_bytes(plain_receipt(), "76mm")


# ---------------------------------------------------------------- printer settings


def test_open_printer_kinds(tmp_path):
    assert open_printer({"kind": "none"}) is None
    net = open_printer({"kind": "network", "host": "10.0.0.5"})
    assert (net.host, net.port) == ("10.0.0.5", 9100)
    assert open_printer({"kind": "file", "device": str(tmp_path / "lp0")}).devfile == str(tmp_path / "lp0")
    for bad in ({"kind": "laser"}, {}, {"kind": "network"}, {"kind": "file"}, {"kind": "serial"},
                {"kind": "usb", "vendor_id": "0x04b8"}, {"kind": "usb", "vendor_id": "xyz", "product_id": "1"},
                {"kind": "network", "host": "h", "port": "abc"}, {"kind": "windows"}):
        with pytest.raises(InvalidInput):
            open_printer(bad)


@pytest.mark.skipif(os.name == "nt", reason="the Windows printer works on Windows")
def test_windows_printer_elsewhere_is_a_clear_error():
    with pytest.raises(PrinterError, match="Windows"):
        open_printer({"kind": "windows", "name": "EPSON TM-T82"})


def test_file_printer_gets_the_bytes(tmp_path):
    data = receipt_bytes(plain_receipt(), "58mm")
    target = tmp_path / "lp0"
    send(data, {"kind": "file", "device": str(target)})
    assert target.read_bytes() == data


def test_file_printer_missing_device(tmp_path):
    with pytest.raises(PrinterError, match="tidak tersambung"):
        send(b"x", {"kind": "file", "device": str(tmp_path / "no" / "such" / "lp0")})


def test_serial_printer_missing_device():
    with pytest.raises(PrinterError, match=r"^Printer tidak tersambung \(/dev/ttyUSB-counter-test\)\. Periksa kabel"):
        send(b"x", {"kind": "serial", "device": "/dev/ttyUSB-counter-test", "baudrate": 9600})


def test_usb_printer_missing_is_a_clear_error():
    # without libusb: "pustaka libusb belum terpasang"; with it: no such device on the bus
    with pytest.raises(PrinterError, match=r"^Printer (USB tidak bisa dibuka|tidak tersambung) \(USB 0x1234:0x5678\)"):
        send(b"x", {"kind": "usb", "vendor_id": "0x1234", "product_id": "0x5678"})


# ---------------------------------------------------------------- network printer


class Server:
    """A stand-in network printer on 127.0.0.1: `mode` is read | hang | drop."""

    def __init__(self, mode: str):
        self.mode, self.received, self.release = mode, bytearray(), threading.Event()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        self.sock.settimeout(5)
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        try:
            conn, _ = self.sock.accept()
        except OSError:
            return
        with conn:
            conn.settimeout(5)
            if self.mode == "hang":
                self.release.wait(5)  # accepts and never reads
            elif self.mode == "drop":
                conn.recv(1024)
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            else:
                while chunk := conn.recv(65536):
                    self.received += chunk

    def settings(self, timeout: float = 2.0) -> dict:
        return {"kind": "network", "host": "127.0.0.1", "port": self.port, "timeout": timeout}

    def stop(self):
        self.release.set()
        self.thread.join(5)
        self.sock.close()


def test_network_printer_receives_exact_bytes():
    server = Server("read")  # it never answers the paper status query: the job is sent all the same
    data = receipt_bytes(hard_receipt(), "80mm")
    started = time.monotonic()
    assert send(data, server.settings()) == ""
    assert time.monotonic() - started < 2  # waited for the status no longer than status_timeout_ms
    server.thread.join(5)
    server.stop()
    assert bytes(server.received) == PAPER_QUERY + data


@pytest.mark.parametrize("paper, warning", [("ok", ""), ("near_end", "Kertas printer hampir habis")])
def test_paper_status_ok_or_near_its_end_prints(paper, warning):
    from tests.printer_server import PrinterServer

    server = PrinterServer(paper=paper)
    assert send(b"struk", {"kind": "network", "host": "127.0.0.1", "port": server.port}) == warning
    server.close()
    assert bytes(server.received) == PAPER_QUERY + b"struk"


def test_paper_out_is_refused_before_the_job():
    from tests.printer_server import PrinterServer

    server = PrinterServer(paper="out")
    with pytest.raises(PrinterError, match=r"^Kertas printer habis\. .*127\.0\.0\.1"):
        send(b"struk", {"kind": "network", "host": "127.0.0.1", "port": server.port})
    server.close()
    assert bytes(server.received) == PAPER_QUERY


def test_status_query_can_be_switched_off():
    from tests.printer_server import PrinterServer

    server = PrinterServer(paper="out")
    send(b"struk", {"kind": "network", "host": "127.0.0.1", "port": server.port, "status_timeout_ms": 0})
    server.close()
    assert bytes(server.received) == b"struk"


def test_network_printer_refuses():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now
    with pytest.raises(PrinterError, match="Printer tidak tersambung"):
        send(b"x", {"kind": "network", "host": "127.0.0.1", "port": port, "timeout": 1})


def test_network_printer_hangs_times_out():
    server = Server("hang")
    started = time.monotonic()
    try:
        with pytest.raises(PrinterError, match="Printer tidak menjawab"):
            send(b"\x00" * (64 * 1024 * 1024), server.settings(timeout=0.3))
    finally:
        server.stop()
    assert time.monotonic() - started < 5


def test_network_printer_drops_mid_job():
    server = Server("drop")
    try:
        with pytest.raises(PrinterError, match="Printer tidak tersambung"):
            send(b"\x00" * (64 * 1024 * 1024), server.settings())
    finally:
        server.stop()
