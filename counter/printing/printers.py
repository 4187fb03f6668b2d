"""Thermal printer connections from configuration, and sending a job to one.

Settings (a dict, e.g. from the counter's configuration file):

- ``{"kind": "usb", "vendor_id": "0x04b8", "product_id": "0x0202"}``
- ``{"kind": "serial", "device": "/dev/ttyUSB0", "baudrate": 9600}``
- ``{"kind": "network", "host": "192.168.1.50", "port": 9100, "timeout": 10}``
- ``{"kind": "file", "device": "/dev/usb/lp0"}``
- ``{"kind": "windows", "printer": "EPSON TM-T82"}``  (Windows only)
- ``{"kind": "none"}``  -> no printer
"""

from __future__ import annotations

import socket
from typing import Any

from counter.errors import CounterError, InvalidInput

KINDS = ("usb", "serial", "network", "file", "windows", "none")
DEFAULT_NETWORK_TIMEOUT = 10.0


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

            return Usb(_hex_id(settings, "vendor_id"), _hex_id(settings, "product_id"))
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
            timeout = _number(settings, "timeout", DEFAULT_NETWORK_TIMEOUT, kind, integer=False)
            return Network(host=host, port=port, timeout=timeout)
        if kind == "file":
            from escpos.printer import File

            return File(devfile=_required(settings, "device", kind))
        # windows
        name = _required(settings, "printer", kind)
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
    return str(settings.get("device") or settings.get("printer") or kind)


def send(data: bytes, settings: dict) -> None:
    """Open the configured printer, write the job's bytes as they are, close.

    Raises PrinterError (Indonesian message) when the printer is not connected,
    does not answer in time, or drops the connection mid-job; InvalidInput for
    bad settings. Kind "none" does nothing.
    """
    from escpos.exceptions import DeviceNotFoundError
    from escpos.exceptions import Error as EscposError

    printer = open_printer(settings)
    if printer is None:
        return
    where = _where(settings)
    try:
        try:
            printer.open()
        except (DeviceNotFoundError, OSError) as error:
            raise PrinterError(
                f"Printer tidak tersambung ({where}). Periksa kabel, daya, dan pengaturan printer. [{error}]"
            ) from error
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
