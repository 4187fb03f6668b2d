"""An act central rejected is money that is not in central's books: the counter
keeps saying so (status bar, `sync status` and its exit code) until a
supervisor has dealt with it and dismissed it, with a note, in the audit trail."""

from __future__ import annotations

import json

from sqlalchemy import delete, select

from counter.cli import main
from counter.models import AuditRecord, Bill, Customer
from counter.services.outbox import rejected_events
from counter.services.payment import pay
from counter.services.shifts import open_shift
from counter.sync.state import sync_status
from counter.ui.sync import status_line
from tests.integration.test_plans import SUPERVISOR
from tests.integration.test_sync import owing


def test_a_rejected_payment_stays_on_screen_until_a_supervisor_dismisses_it(app, capsys, monkeypatch):
    desk = app.desk()  # today, by the real clock: the sync below is today's contact with central
    open_shift(app.uow(), desk, 100_000)
    link = app.sync_link()
    link.cycle()
    number = owing(app)
    with app.uow() as uow:
        period = uow.session.scalar(select(Bill.period).join(Customer).where(
            Customer.number == number, Bill.status == "unpaid").order_by(Bill.period).limit(1))
    with app.embedded_engine.begin() as connection:  # central never had this bill (a wrong import, say)
        customer_id = connection.scalar(select(Customer.id).where(Customer.number == number))
        connection.execute(delete(Bill).where(Bill.customer_id == customer_id, Bill.period == period))
    paid = pay(app.uow(), desk, number, [period], method="transfer")
    link.cycle()

    status = sync_status(app.engine)
    assert status.rejected == 1 and status.state == "degraded"
    line = status_line(status, app.config.zone)
    assert "1 DITOLAK" in line.text and "DITOLAK pusat" in line.tooltip
    [event] = rejected_events(app.uow())
    assert event.kind == "payment.created" and event.receipt_no == paid.receipt_no and "tidak ada di pusat" in event.reason

    data = ["--data-dir", str(app.config.store.data_dir)]
    assert main([*data, "sync", "status"]) == 1
    assert "1 transaksi DITOLAK pusat" in capsys.readouterr().out
    assert main([*data, "sync", "rejected", "--json"]) == 0
    assert [e["id"] for e in json.loads(capsys.readouterr().out)] == [event.id]

    monkeypatch.setenv("COUNTER_SECRET", "salah-sekali")
    assert main([*data, "sync", "dismiss", event.id, "--note", "dicatat ulang di pusat", "--approver",
                 SUPERVISOR.username]) == 2  # a wrong PIN dismisses nothing
    assert sync_status(app.engine).rejected == 1
    monkeypatch.setenv("COUNTER_SECRET", SUPERVISOR.secret)
    assert main([*data, "sync", "dismiss", event.id, "--note", "x", "--approver", SUPERVISOR.username]) == 2
    assert main([*data, "sync", "dismiss", event.id, "--note", "rekening diimpor ulang, dibayar di pusat",
                 "--approver", SUPERVISOR.username]) == 0
    capsys.readouterr()
    assert sync_status(app.engine).rejected == 0
    assert main([*data, "sync", "status"]) == 0
    with app.uow() as uow:
        record = uow.session.scalars(select(AuditRecord).where(AuditRecord.action == "sync.dismissed")).one()
        assert record.subject == event.id and record.details["note"] == "rekening diimpor ulang, dibayar di pusat"
