"""A PDF receipt of a payment on a real store adds up on its face: a Buka Segel
down payment (the plan's months before relief, the relief, what is left to the
terms, down to the down payment and the TOTAL) at 80 mm and on A6."""

import pytest

from counter.printing.pdf_receipt import receipt_pdf
from counter.services.payment import pay
from counter.services.plans import make_plan
from counter.services.receipts import build_receipt
from tests.integration.test_plans import SUPERVISOR, owing
from tests.printing.test_receipt_pdf_content import amounts, text_of

pytestmark = pytest.mark.usefixtures("till")


@pytest.mark.parametrize("page", ["80mm", "A6"])
def test_a_buka_segel_down_payment_pdf_adds_up(app, desk, page):
    number = owing(app, 3, status="sealed")
    made = make_plan(app.uow(), desk, number, 3, programme="BUKA-SEGEL-2025", approval=SUPERVISOR)
    paid = pay(app.uow(), desk, number, [], "cash", tendered=10**8, terms=[0])
    with app.uow() as uow:
        receipt = build_receipt(uow.session, paid.receipt_no, app.config.zone)
    text = text_of(receipt_pdf(receipt, page=page))
    (down,) = receipt.lines
    (before,) = amounts(text, f"Tagihan {len(down.covers)} bulan")
    (waived,) = amounts(text, "Keringanan")
    (deferred,) = amounts(text, "Sisa diangsur")
    assert waived < 0 and deferred < 0 and made.plan_no in text
    assert before + waived + deferred == amounts(text, "Uang muka")[0] == amounts(text, "TOTAL")[0] == paid.total
    assert f"Rekening: {down.covers[0]} - {down.covers[-1]}" in text and "LUNAS" not in text
