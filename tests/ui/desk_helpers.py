"""Helpers for the desk tests: find demo customers, read back what was stored."""

from __future__ import annotations

from sqlalchemy import func, select

from counter.models import Bill, Customer, Payment


def customer_owing(app, months: int, status: str | None = None, exactly: bool = False) -> str:  # noqa: ANN001
    """The connection number of a customer with (at least) `months` unpaid bills."""
    with app.uow() as uow:
        count = func.count()
        unpaid = select(Bill.customer_id).where(Bill.status == "unpaid").group_by(Bill.customer_id)
        unpaid = unpaid.having(count == months if exactly else count >= months)
        query = select(Customer.number).where(Customer.id.in_(unpaid), Customer.status != "closed")
        if status is not None:
            query = query.where(Customer.status == status)
        return uow.session.scalars(query.order_by(Customer.id).limit(1)).one()


def bill_states(app, number: str) -> dict[int, str]:  # noqa: ANN001
    with app.uow() as uow:
        rows = uow.session.execute(
            select(Bill.period, Bill.status).join(Customer, Customer.id == Bill.customer_id)
            .where(Customer.number == number)
        ).all()
    return dict(rows)


def payments(app, number: str) -> list[tuple]:  # noqa: ANN001
    """(method, total, tendered, change, reference, receipt_no) of the customer's payments."""
    with app.uow() as uow:
        return [tuple(row) for row in uow.session.execute(
            select(Payment.method, Payment.total, Payment.tendered, Payment.change, Payment.reference,
                   Payment.receipt_no)
            .join(Customer, Customer.id == Payment.customer_id).where(Customer.number == number)
        )]
