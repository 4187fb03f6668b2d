"""Other charges in a payment: alone or with bills and terms, priced from the
catalogue in force for the customer's group, stamp duty on the whole; the
unseal order with its fee for a sealed customer paying all they owe; receipts,
voids and the command line; bad input writes nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from counter.errors import BillSelectionError, InvalidInput, PaymentRefused
from counter.models import (
    AuditRecord, Bill, Customer, OutboxEvent, Payment, PaymentLine, StampDutyRow, WorkOrder,
)
from counter.printing.escpos_receipt import receipt_text
from counter.services.audit import verify_local
from counter.services.billing import quote
from counter.services.demo import DEMO_PASSWORD, DEMO_PIN
from counter.services.payment import pay
from counter.services.receipts import build_receipt
from counter.services.voids import describe, void_payment
from counter.services.approval import Approval
from tests.conftest import AS_OF

pytestmark = pytest.mark.usefixtures("till")  # money is taken only into an open shift
SUPERVISOR = Approval("kepala", DEMO_PASSWORD)


def customer(app, *, unpaid: int | None = None, status: str = "active", group: str | None = None) -> str:
    """A customer with exactly `unpaid` unpaid bills (None: any number), of `status` (and `group`)."""
    from counter.models import TariffGroup

    with app.uow() as uow:
        owing = select(Bill.customer_id).where(Bill.status == "unpaid").group_by(Bill.customer_id)
        query = select(Customer.number).join(TariffGroup).where(Customer.status == status)
        if unpaid == 0:
            query = query.where(Customer.id.not_in(owing))
        elif unpaid is not None:
            query = query.where(Customer.id.in_(owing.having(func.count() == unpaid)))
        if group:
            query = query.where(TariffGroup.code == group)
        return uow.session.scalars(query.order_by(Customer.id).limit(1)).one()


def counts(app) -> tuple[int, ...]:
    with app.uow() as uow:
        s = uow.session
        return tuple(s.scalar(select(func.count()).select_from(t))
                     for t in (Payment, PaymentLine, OutboxEvent, AuditRecord, WorkOrder))


def test_a_change_of_name_alone_by_a_customer_with_no_arrears(app, desk):
    number = customer(app, unpaid=0)
    result = pay(app.uow(), desk, number, [], "cash", tendered=50_000, charges=["balik-nama"])
    assert (result.total, result.change, result.quote.bills) == (50_000, 0, ())
    assert [(c.code, c.name, c.amount) for c in result.quote.charges] == [("BALIK-NAMA", "Biaya balik nama", 50_000)]
    with app.uow() as uow:
        s = uow.session
        line = s.scalars(select(PaymentLine).where(PaymentLine.payment_id == result.payment_id)).one()
        assert (line.kind, line.charge_code, line.amount, line.bill_id, line.period) == ("charge", "BALIK-NAMA",
                                                                                          50_000, None, 0)
        event = s.scalars(select(OutboxEvent).where(OutboxEvent.kind == "payment.created")).one()
        assert event.payload["lines"] == [{"kind": "charge", "period": 0, "water_charge": 0, "standing_charge": 0,
                                           "meter_fee": 0, "admin_fee": 0, "fine": 0, "amount": 50_000,
                                           "charge_code": "BALIK-NAMA", "discount": 0}]
        audit = s.scalars(select(AuditRecord).where(AuditRecord.action == "payment")).one()
        assert audit.details["charges"] == ["BALIK-NAMA"] and audit.details["lines"] == [50_000]
        receipt = build_receipt(s, result.receipt_no, desk.zone)
    text = receipt_text(receipt, "58mm")
    assert "Biaya balik nama" in text and "Rp 50.000" in text
    assert verify_local(app.engine)[1] == []


def test_charges_with_bills_the_groups_own_rate_and_stamp_duty_on_the_whole(app, desk):
    number = customer(app, unpaid=2, group="N1")
    with app.uow() as uow:
        owed = quote(uow.session, number, AS_OF)
        # stamp duty on a receipt above the bills (a rule of this test): the bills alone pay none
        uow.session.add(StampDutyRow(valid_from=dt.date(2025, 1, 1), threshold=owed.total, amount=10_000))
        uow.commit()
    result = pay(app.uow(), desk, number, [b.period for b in owed.bills], "transfer", reference="TRX-1",
                 charges=["BUKA-SEGEL", "GANTI-METER"])
    bills = sum(b.amount for b in owed.bills)
    assert [(c.code, c.amount) for c in result.quote.charges] == [("BUKA-SEGEL", 250_000), ("GANTI-METER", 350_000)]
    assert result.quote.stamp_duty == 10_000 and result.total == bills + 600_000 + 10_000
    with app.uow() as uow:
        payment = uow.session.get(Payment, result.payment_id)
        assert [l.kind for l in payment.lines] == ["bill", "bill", "charge", "charge"]
        assert payment.subtotal == sum(l.amount for l in payment.lines)
        assert payment.total == payment.subtotal + payment.stamp_duty + payment.rounding


def test_the_total_shown_includes_the_charges(app, desk):
    number = customer(app, unpaid=0)
    with pytest.raises(PaymentRefused, match="Tagihan berubah menjadi Rp 150.000"):
        pay(app.uow(), desk, number, [], "qris", expected_total=100_000, charges=["SAMBUNG-KEMBALI"])
    result = pay(app.uow(), desk, number, [], "qris", expected_total=150_000, charges=["SAMBUNG-KEMBALI"])
    assert result.total == 150_000


@pytest.mark.parametrize("charges, unseal, error, message", [
    (["BALIK-NAMA", "balik-nama"], False, InvalidInput, "dipilih dua kali"),
    (["PASANG-PAGAR"], False, InvalidInput, "Biaya PASANG-PAGAR tidak ada di katalog untuk golongan"),
    (["BALIK NAMA"], False, InvalidInput, "Kode biaya 'BALIK NAMA' tidak sah"),
    ([""], False, InvalidInput, "Kode biaya"),
    ([], False, BillSelectionError, "rekening, angsuran atau biaya lain"),
    ([], True, PaymentRefused, "tidak disegel"),
])
def test_bad_charges_are_refused_and_nothing_is_written(app, desk, charges, unseal, error, message):
    number = customer(app, unpaid=0)
    before = counts(app)
    with pytest.raises(error, match=message):
        pay(app.uow(), desk, number, [], "cash", tendered=10**6, charges=charges, unseal=unseal)
    assert counts(app) == before


def sealed(app) -> tuple[str, list[int]]:
    number = customer(app, status="sealed")
    with app.uow() as uow:
        return number, [b.period for b in quote(uow.session, number, AS_OF).bills]


def test_a_sealed_customer_paying_all_arrears_gets_the_unseal_order_with_its_fee(app, desk):
    number, periods = sealed(app)
    with pytest.raises(PaymentRefused, match="pilih semua rekening"):
        pay(app.uow(), desk, number, periods[:-1], "cash", tendered=10**7, unseal=True)
    result = pay(app.uow(), desk, number, periods, "cash", tendered=10**7, unseal=True)
    assert [c.code for c in result.quote.charges] == ["BUKA-SEGEL"]
    assert result.work_order_no == "0001/SPK-BS/KPG-L01/XI/2025"
    with app.uow() as uow:
        s = uow.session
        order = s.scalars(select(WorkOrder)).one()
        assert (order.kind, order.plan_id, order.payment_id, order.status) == ("unseal", None, result.payment_id,
                                                                               "open")
        event = s.scalars(select(OutboxEvent).where(OutboxEvent.kind == "work_order.created")).one()
        assert event.payload["plan_id"] is None and event.payload["customer"] == number
        receipt = build_receipt(s, result.receipt_no, desk.zone)
    assert "SPK buka segel: 0001/SPK-BS/KPG-L01/XI/2025" in receipt_text(receipt, "80mm")
    before = counts(app)  # nothing more to pay, and an order is open already
    with pytest.raises(PaymentRefused, match="masih terbuka"):
        pay(app.uow(), desk, number, [], "cash", tendered=10**6, unseal=True)
    assert counts(app) == before
    voided = void_payment(app.uow(), desk, result.receipt_no, "Salah pelanggan", SUPERVISOR)
    assert voided.work_orders_cancelled == 1 and voided.charges_voided == 1
    assert "1 biaya lain" in describe(voided)
    with app.uow() as uow:
        assert uow.session.scalars(select(WorkOrder.status)).one() == "cancelled"
    assert verify_local(app.engine)[1] == []


def test_pay_and_unseal_on_the_command_line(app, capsys, monkeypatch):
    from counter.cli import main

    monkeypatch.setenv("COUNTER_SECRET", DEMO_PIN)
    folder = str(app.config.store.data_dir)

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["--data-dir", folder, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("-o", "desk.counter=L02", "shift", "open", "--float", "0")[0] == 0
    number = customer(app, unpaid=0)
    code, out, err = run("-o", "desk.counter=L02", "pay", number, "--charge", "BALIK-NAMA,GANTI-METER",
                         "--tendered", "400000", "--no-print", "--json")
    assert code == 0, err
    paid = json.loads(out)
    assert [c["code"] for c in paid["quote"]["charges"]] == ["BALIK-NAMA", "GANTI-METER"]
    assert paid["quote"]["total"] == 400_000 and paid["quote"]["bills"] == []
    before = counts(app)
    for argv, message in ((["--charge", "NOPE"], "Biaya NOPE tidak ada di katalog"),
                          (["--charge=-x"], "Kode biaya '-x' tidak sah"),
                          (["--unseal"], "tidak disegel")):
        code, out, err = run("-o", "desk.counter=L02", "pay", number, *argv, "--tendered", "10000000", "--no-print")
        assert code == 2 and message in err and "Traceback" not in err, err
    after = counts(app)  # the PIN checks are audited; nothing else is written
    assert after[:3] + after[4:] == before[:3] + before[4:]
    number, periods = sealed(app)
    code, out, err = run("-o", "desk.counter=L02", "pay", number, "--unseal", "--tendered", "10000000", "--no-print")
    assert code == 0, err
    assert "[BUKA-SEGEL]: Rp " in out and "SPK buka segel: 0001/SPK-BS/KPG-L02" in out


def test_an_unseal_order_without_a_plan_is_listed_and_printed(app, desk):
    from counter.application import write_work_order
    from counter.services.plan_papers import work_orders

    number, periods = sealed(app)
    result = pay(app.uow(), desk, number, periods, "cash", tendered=10**8, unseal=True)
    [listed] = work_orders(app.uow())
    assert (listed.order_no, listed.customer_number, listed.plan_no) == (result.work_order_no, number, "")
    path = write_work_order(app, result.work_order_no)
    assert path.read_bytes().startswith(b"%PDF")


def test_a_copy_of_a_receipt_with_a_charge(app, desk, tmp_path):
    """A reprint (SALINAN ke-1) shows the charge as the original did."""
    from pypdf import PdfReader

    from counter.services import print_queue

    result = pay(app.uow(), desk, customer(app, unpaid=0), [], "cash", tendered=50_000, charges=["BALIK-NAMA"])
    job = print_queue.reprint(app.uow(), desk, result.receipt_no)
    done = print_queue.job_to_pdf(app.uow(), job, desk.zone, tmp_path)
    text = "\n".join(page.extract_text() for page in PdfReader(done.pdf_path).pages)
    assert "SALINAN ke-1" in text and "Biaya balik nama" in text and "Rp 50.000" in text
