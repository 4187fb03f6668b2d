"""The print queue opens the cash drawer with the original receipt of a cash
payment (the kick in the job's bytes, as the network printer receives them),
never with its copy (F8 reprint) nor with a QRIS payment's receipt."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from counter.config import PrinterSettings
from counter.models import Bill, Customer
from counter.services import print_queue
from counter.services.billing import quote
from counter.services.payment import pay
from tests.conftest import AS_OF
from tests.printer_server import PrinterServer

pytestmark = [
    pytest.mark.usefixtures("till"),  # money is taken only into an open shift
]

KICK_PIN2 = b"\x1bp\x00\x32\x32"


def paid(app, desk, method: str) -> str:
    with app.uow() as uow:
        number = uow.session.scalars(
            select(Customer.number).join(Bill, Bill.customer_id == Customer.id)
            .where(Bill.status == "unpaid", Customer.status == "active").limit(1)).first()
        owed = quote(uow.session, number, AS_OF).oldest(1)
    tendered = {"tendered": 10**7} if method == "cash" else {}
    return pay(app.uow(), desk, number, [owed.bills[0].period], method, **tendered).receipt_no


def printed(app, job: int, tmp_path) -> bytes:
    server = PrinterServer()
    settings = dataclasses.asdict(dataclasses.replace(PrinterSettings(), kind="network", host="127.0.0.1",
                                                      port=server.port, status_timeout_ms=0))
    done = print_queue.print_job(app.uow(), job, app.config.zone, settings, tmp_path)
    server.close()
    assert done.status == "printed", done.last_error
    return bytes(server.received)


def test_the_cash_original_opens_the_drawer_its_copy_and_qris_do_not(app, desk, tmp_path):
    cash = paid(app, desk, "cash")
    original = printed(app, print_queue.queue_receipt(app.uow(), cash), tmp_path)
    assert cash.encode() in original and original.count(KICK_PIN2) == 1
    copy = printed(app, print_queue.reprint(app.uow(), desk, cash), tmp_path)
    assert cash.encode() in copy and b"SALINAN" in copy and b"\x1bp" not in copy
    qris = paid(app, desk, "qris")
    data = printed(app, print_queue.queue_receipt(app.uow(), qris), tmp_path)
    assert qris.encode() in data and b"\x1bp" not in data
