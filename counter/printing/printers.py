"""Thermal printer connections from configuration, and sending a job to one.

Settings (a dict, e.g. from the counter's configuration file):

- ``{"kind": "usb", "vendor_id": "0x04b8", "product_id": "0x0202"}``
- ``{"kind": "serial", "device": "/dev/ttyUSB0", "baudrate": 9600}``
- ``{"kind": "network", "host": "192.168.1.50", "port": 9100, "timeout_ms": 3000}``
- ``{"kind": "file", "device": "/dev/usb/lp0"}``
- ``{"kind": "windows", "name": "EPSON TM-T82"}``  (Windows only; `[printer] name`)
- ``{"kind": "none"}``  -> no printer

``timeout_ms`` bounds each network read or write (and USB transfer);
``status_timeout_ms`` how long to wait for the paper status (0: do not ask);
``cash_drawer`` the drawer port pin the cash drawer is wired to ("pin2", "pin5",
"none"): `with_drawer_kick` adds its kick to the original receipt of a cash payment.
"""

from __future__ import annotations

import logging
import socket
from typing import TYPE_CHECKING, Any

from counter.errors import CounterError, InvalidInput
from counter.rules.payment_methods import METHOD_LABELS

if TYPE_CHECKING:
    from counter.printing.receipt import Receipt

log = logging.getLogger(__name__)

KINDS = ("usb", "serial", "network", "file", "windows", "none")
DEFAULT_TIMEOUT_MS = 10_000
DEFAULT_STATUS_TIMEOUT_MS = 500
READS_BACK = ("network", "serial", "usb")  # connections that can carry the printer's status reply
PAPER_OUT = "Kertas printer habis"
PAPER_LOW = "Kertas printer hampir habis"
# `cash_drawer`: the pin of the printer's drawer port (RJ11) that fires the drawer. Most drawers
# are wired to pin 2; a printer with no drawer ignores the kick.
CASH_DRAWER_PINS = {"none": None, "pin2": 2, "pin5": 5}
DEFAULT_CASH_DRAWER = "pin2"
INIT = b"\x1b@"  # ESC @: every job starts by resetting the printer


class PrinterError(CounterError):
    """The printer could not take the job (not connected, no answer, connection dropped)."""


def _required(settings: dict, key: str, kind: str) -> Any:
    value = settings.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InvalidInput(f"Pengaturan printer '{kind}' belum lengkap: isian '{key}' wajib diisi.")
    return value


def _hex_id(settings: dict, key: str) -> int:
    value = _required(settings, key, "usb")
    try:
        number = int(str(value).strip(), 16)
    except ValueError:
        raise InvalidInput(f"Isian '{key}' printer USB harus angka heksadesimal, mis. 0x04b8; tertulis {value!r}.") from None
    if not 0 < number <= 0xFFFF:
        raise InvalidInput(f"Isian '{key}' printer USB di luar rentang: {value!r}.")
    return number


def _number(settings: dict, key: str, default: float, kind: str, *, integer: bool) -> Any:
    value = settings.get(key, default)
    try:
        number = int(value) if integer else float(value)
    except (TypeError, ValueError):
        raise InvalidInput(f"Isian '{key}' printer '{kind}' harus angka; tertulis {value!r}.") from None
    if number <= 0:
        raise InvalidInput(f"Isian '{key}' printer '{kind}' harus lebih dari nol; tertulis {value!r}.")
    return number


def _timeout_ms(settings: dict, kind: str) -> float:
    """`timeout_ms` (the configuration's key), or `timeout` in seconds."""
    if "timeout_ms" in settings:
        return _number(settings, "timeout_ms", DEFAULT_TIMEOUT_MS, kind, integer=False)
    return _number(settings, "timeout", DEFAULT_TIMEOUT_MS / 1000, kind, integer=False) * 1000


def open_printer(settings: dict):
    """A python-escpos printer object for the settings (not yet connected), or None for kind "none"."""
    if not isinstance(settings, dict):
        raise InvalidInput("Pengaturan printer tidak valid.")
    kind = str(settings.get("kind") or "").strip().lower()
    if kind not in KINDS:
        raise InvalidInput(
            f"Jenis printer tidak dikenal: {settings.get('kind')!r}. Pilih salah satu: {', '.join(KINDS)}."
        )
    if kind == "none":
        return None
    try:
        if kind == "usb":
            from escpos.printer import Usb

            # pyusb waits this many milliseconds per transfer; python-escpos's default (0) waits forever
            return Usb(_hex_id(settings, "vendor_id"), _hex_id(settings, "product_id"),
                       timeout=int(_timeout_ms(settings, kind)))
        if kind == "serial":
            from escpos.printer import Serial

            device = _required(settings, "device", kind)
            return Serial(devfile=device, baudrate=_number(settings, "baudrate", 9600, kind, integer=True))
        if kind == "network":
            from escpos.printer import Network

            host = _required(settings, "host", kind)
            port = _number(settings, "port", 9100, kind, integer=True)
            if port > 65535:
                raise InvalidInput(f"Port printer jaringan di luar rentang: {port}.")
            return Network(host=host, port=port, timeout=_timeout_ms(settings, kind) / 1000)
        if kind == "file":
            from escpos.printer import File

            return File(devfile=_required(settings, "device", kind))
        # windows
        name = _required(settings, "name", kind)
        try:
            from escpos.printer import Win32Raw
        except ImportError:
            Win32Raw = None
        if Win32Raw is None or not Win32Raw.is_usable():
            raise PrinterError(
                "Printer Windows hanya bisa dipakai di komputer Windows dengan pywin32 terpasang. "
                "Pilih jenis printer lain (usb, serial, network, file) atau 'none'."
            )
        return Win32Raw(printer_name=name)
    except RuntimeError as error:  # python-escpos: pyusb / pyserial missing
        raise PrinterError(f"Pustaka untuk printer '{kind}' belum terpasang: {error}") from error


def _where(settings: dict) -> str:
    kind = settings.get("kind")
    if kind == "network":
        return f"{settings.get('host')}:{settings.get('port', 9100)}"
    if kind == "usb":
        return f"USB {settings.get('vendor_id')}:{settings.get('product_id')}"
    return str(settings.get("device") or settings.get("name") or kind)


def _status_timeout(settings: dict) -> float:
    """Seconds to wait for the paper status; 0 when it should not be asked."""
    value = settings.get("status_timeout_ms", DEFAULT_STATUS_TIMEOUT_MS)
    try:
        milliseconds = float(value)
    except (TypeError, ValueError):
        raise InvalidInput(f"Isian 'status_timeout_ms' printer harus angka; tertulis {value!r}.") from None
    return max(milliseconds, 0) / 1000


def paper_status(printer: Any, kind: str, seconds: float) -> int | None:
    """Ask an open network, serial or USB printer about its paper (python-escpos
    sends DLE EOT 4): 2 enough, 1 near its end, 0 out; None when asking failed.

    The reply is awaited at most `seconds`. Many cheap printers ignore DLE EOT:
    silence (python-escpos reads an empty reply as "enough") or a read error
    must not stop the job, which reports a real connection fault itself.
    """
    device = printer.device
    if kind == "network":  # a socket: its timeout bounds recv
        previous = device.gettimeout()
        device.settimeout(seconds)
    elif kind == "serial":  # pyserial: read waits `timeout` seconds
        previous = device.timeout
        device.timeout = seconds
    else:  # usb: pyusb's read without a timeout waits default_timeout milliseconds
        previous = device.default_timeout
        device.default_timeout = max(1, round(seconds * 1000))
    try:
        return printer.paper_status()
    except (OSError, NotImplementedError) as error:  # socket, serial and USB timeouts are OSErrors
        log.info("printer gave no paper status: %s", error)
        return None
    finally:
        if kind == "network":
            device.settimeout(previous)
        elif kind == "serial":
            device.timeout = previous
        else:
            device.default_timeout = previous


def send(data: bytes, settings: dict) -> str:
    """Open the configured printer, check its paper, write the job's bytes as they are, close.

    Returns a warning for the cashier ("Kertas printer hampir habis") or "".
    Raises PrinterError (Indonesian message) when the printer is not connected,
    is out of paper, does not answer in time, or drops the connection mid-job;
    InvalidInput for bad settings. Kind "none" does nothing.
    """
    from escpos.exceptions import DeviceNotFoundError
    from escpos.exceptions import Error as EscposError

    printer = open_printer(settings)
    if printer is None:
        return ""
    kind = str(settings.get("kind")).strip().lower()
    where = _where(settings)
    status_timeout = _status_timeout(settings)
    warning = ""
    try:
        try:
            printer.open()
        except (DeviceNotFoundError, OSError) as error:
            raise PrinterError(
                f"Printer tidak tersambung ({where}). Periksa kabel, daya, dan pengaturan printer. [{error}]"
            ) from error
        except ValueError as error:
            if kind != "usb":
                raise
            # pyusb's NoBackendError: no libusb on this computer
            raise PrinterError(
                f"Printer USB tidak bisa dibuka ({where}): pustaka libusb belum terpasang di komputer ini. "
                f"Pasang libusb (Debian/Ubuntu: apt-get install libusb-1.0-0). [{error}]"
            ) from error
        if kind in READS_BACK and status_timeout > 0:
            paper = paper_status(printer, kind, status_timeout)
            if paper == 0:
                raise PrinterError(
                    f"{PAPER_OUT}. Pasang gulungan kertas baru di printer ({where}), lalu cetak ulang."
                )
            if paper == 1:
                warning = PAPER_LOW
        try:
            printer._raw(bytes(data))
            flush = getattr(printer, "flush", None)
            if callable(flush):
                flush()
        except (socket.timeout, TimeoutError) as error:
            raise PrinterError(
                f"Printer tidak menjawab ({where}): waktu habis saat mengirim struk. "
                "Periksa kertas dan apakah printer menyala."
            ) from error
        except (ConnectionError, OSError) as error:
            raise PrinterError(
                f"Printer tidak tersambung ({where}): sambungan terputus saat mencetak. [{error}]"
            ) from error
        except EscposError as error:
            raise PrinterError(f"Printer menolak pekerjaan cetak ({where}): {error}") from error
    finally:
        try:
            printer.close()
        except Exception:  # closing a broken connection must not hide the real error
            pass
    return warning


def drawer_pin(settings: dict) -> int | None:
    """The drawer port pin of `cash_drawer` (2 or 5), None for "none"."""
    value = str(settings.get("cash_drawer") or DEFAULT_CASH_DRAWER).strip().lower()
    if value not in CASH_DRAWER_PINS:
        raise InvalidInput(f"Isian 'cash_drawer' printer tidak dikenal: {value!r}. Pilih salah satu: "
                           f"{', '.join(CASH_DRAWER_PINS)}.")
    return CASH_DRAWER_PINS[value]


def drawer_kick(pin: int) -> bytes:
    """ESC p m t1 t2: a pulse on pin 2 (m=0) or pin 5 (m=1), as python-escpos's `cashdraw` sends it."""
    from escpos.printer import Dummy

    printer = Dummy()
    printer.cashdraw(pin)
    return printer.output


def opens_drawer(receipt: Receipt) -> bool:
    """Whether printing the receipt opens the drawer: the original (not a copy) of a
    payment that took cash over the counter; never a copy, a voided payment, or a
    non-cash one."""
    return (receipt.copy_number == 0 and not receipt.voided and receipt.method == METHOD_LABELS["cash"]
            and receipt.tendered > 0)


def with_drawer_kick(data: bytes, receipt: Receipt, settings: dict) -> bytes:
    """The receipt's job bytes, with the drawer kick right after the printer's reset
    when the receipt opens the drawer and a drawer is set; else `data` unchanged.
    The drawer opens as the receipt starts printing, so the change can be counted out."""
    pin = drawer_pin(settings)
    if pin is None or not opens_drawer(receipt):
        return data
    at = len(INIT) if data.startswith(INIT) else 0
    return data[:at] + drawer_kick(pin) + data[at:]
