"""The cash drawer: the original receipt of a cash payment carries the drawer kick
(ESC p m t1 t2) to the printer's drawer port; a copy, a voided or a non-cash
receipt never does; `printer.cash_drawer` picks the pin or turns it off."""

from __future__ import annotations

import pytest

from counter.config import load
from counter.errors import InvalidInput
from counter.printing.escpos_receipt import receipt_bytes
from counter.printing.printers import send, with_drawer_kick
from tests.printer_server import PrinterServer
from tests.printing.samples import plain_receipt
from tests.printing.test_escpos import decode

KICK_PIN2 = b"\x1bp\x00\x32\x32"  # ESC p 0 t1 t2: pin 2, 100 ms on, 100 ms off
KICK_PIN5 = b"\x1bp\x01\x32\x32"
KICK = b"\x1bp"


def printed(receipt, **printer) -> bytes:
    """What a network printer receives for the receipt, the job made as the print queue makes it."""
    server = PrinterServer()
    settings = {"kind": "network", "host": "127.0.0.1", "port": server.port, "status_timeout_ms": 0, **printer}
    send(with_drawer_kick(receipt_bytes(receipt, "58mm"), receipt, settings), settings)
    server.close()
    return bytes(server.received)


def without_kick(data: bytes) -> bytes:
    return data.replace(KICK_PIN2, b"").replace(KICK_PIN5, b"")


def test_a_cash_original_opens_the_drawer_on_pin_2_by_default():
    receipt = plain_receipt()
    data = printed(receipt)
    assert data.count(KICK_PIN2) == 1 and KICK_PIN5 not in data
    assert data.startswith(b"\x1b@" + KICK_PIN2)  # as the receipt starts printing, after the reset
    assert without_kick(data) == receipt_bytes(receipt, "58mm")  # the kick is all that was added
    assert decode(without_kick(data)).endswith("[CUT]\n")


def test_pin_5_and_none():
    assert printed(plain_receipt(), cash_drawer="pin5").count(KICK_PIN5) == 1
    data = printed(plain_receipt(), cash_drawer="none")
    assert KICK not in data and data == receipt_bytes(plain_receipt(), "58mm")


@pytest.mark.parametrize("receipt", [
    plain_receipt(copy_number=1),  # SALINAN ke-1: the money was taken when the original printed
    plain_receipt(method="QRIS", tendered=0, change=0, reference="QR-123"),
    plain_receipt(method="Transfer bank", tendered=0, change=0, reference="TRF-1"),
    plain_receipt(voided="salah pelanggan", copy_number=2),
], ids=["copy", "qris", "transfer", "voided copy"])
def test_no_kick_for_a_copy_or_a_non_cash_payment(receipt):
    data = printed(receipt)
    assert KICK not in data and data == receipt_bytes(receipt, "58mm")


def test_an_unknown_drawer_setting_is_refused(tmp_path):
    with pytest.raises(InvalidInput, match="cash_drawer"):
        with_drawer_kick(b"\x1b@x", plain_receipt(), {"kind": "network", "cash_drawer": "pin3"})
    assert load(data_dir=tmp_path).printer.cash_drawer == "pin2"
    assert load(data_dir=tmp_path, overrides=["printer.cash_drawer=none"]).printer.cash_drawer == "none"
    with pytest.raises(InvalidInput, match="printer.cash_drawer"):
        load(data_dir=tmp_path, overrides=["printer.cash_drawer=pin3"])
