"""A counter store restored from a backup numbers receipts again from where the
backup stopped: central already has those numbers. The money is kept and
flagged for a supervisor, never refused for ever."""

from __future__ import annotations

import shutil

from sqlalchemy import select

from counter.models import Bill, Conflict, Customer, OutboxEvent, Payment
from counter.services.payment import pay
from counter.services.shifts import open_shift
from counter.sync.state import sync_status
from tests.integration.test_sync import owing


def unpaid(app, number: str) -> list[int]:  # noqa: ANN001
    with app.uow() as uow:
        return list(uow.session.scalars(select(Bill.period).join(Customer).where(
            Customer.number == number, Bill.status == "unpaid").order_by(Bill.period)))


def paid_then_restored(app, tmp_path):  # noqa: ANN001, ANN201
    """A backup of the store is taken, a payment is made and reaches central,
    then the disk dies and the backup comes back: (desk, link, that payment)."""
    desk = app.desk()  # today
    open_shift(app.uow(), desk, 0)
    link = app.sync_link()
    link.cycle()
    store = app.config.store.local_path
    app.engine.dispose()
    shutil.copy(store, tmp_path / "backup.sqlite")  # the nightly backup
    first = owing(app)
    before = pay(app.uow(), desk, first, unpaid(app, first)[:1], method="transfer")
    link.cycle()
    app.engine.dispose()  # the disk dies; the backup comes back
    for suffix in ("-wal", "-shm"):
        store.with_name(store.name + suffix).unlink(missing_ok=True)
    shutil.copy(tmp_path / "backup.sqlite", store)
    return desk, link, before


def test_a_receipt_number_central_already_has_becomes_a_conflict_not_a_rejection(app, tmp_path):
    desk, link, before = paid_then_restored(app, tmp_path)
    second = owing(app, 2)
    after = pay(app.uow(), desk, second, unpaid(app, second)[:1], method="transfer")
    assert after.receipt_no == before.receipt_no  # restored, and no sync since: it cannot know better
    link.cycle()

    with app.uow() as uow:
        outcome = uow.session.scalars(select(OutboxEvent.outcome).where(
            OutboxEvent.kind == "payment.created")).all()
    assert outcome == ["conflict"]  # not rejected: central kept the money
    with app.embedded_engine.connect() as connection:
        payments = connection.execute(select(Payment.id, Payment.receipt_no).order_by(Payment.paid_at)).all()
        conflicts = connection.execute(select(Conflict.kind, Conflict.detail)).all()
    assert [p.id for p in payments] == [before.payment_id, after.payment_id]
    assert payments[1].receipt_no.startswith(before.receipt_no + "~")
    assert conflicts == [("receipt_number_reused", {"receipt_no": before.receipt_no,
                                                     "recorded_as": payments[1].receipt_no})]
    # the restored audit chain no longer continues central's copy: said, not hidden
    status = sync_status(app.engine)
    assert status.state == "degraded" and "Rantai audit ditolak pusat" in status.last_error


def test_a_restored_store_learns_its_last_receipt_number_at_the_first_sync(app, tmp_path):
    desk, link, before = paid_then_restored(app, tmp_path)
    link.cycle()  # the restored counter syncs before it takes money again
    second = owing(app, 2)
    after = pay(app.uow(), desk, second, unpaid(app, second)[:1], method="transfer")
    assert after.receipt_no != before.receipt_no
    assert int(after.receipt_no.rsplit("-", 1)[1]) == int(before.receipt_no.rsplit("-", 1)[1]) + 1
    link.cycle()
    with app.uow() as uow:
        outcomes = uow.session.scalars(select(OutboxEvent.outcome).where(OutboxEvent.kind == "payment.created")).all()
    assert outcomes == ["applied"]
