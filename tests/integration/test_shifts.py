"""Opening a shift with the float in the drawer."""

import uuid

import pytest
from sqlalchemy.orm import Session

from counter.errors import InvalidInput, NotAllowed, PaymentRefused
from counter.models import Shift
from counter.services.shifts import current_shift, open_shift
from tests.integration.sync_helpers import desk_at
from tests.integration.test_access import as_role
from tests.integration.sync_helpers import drain


def test_a_shift_opens_once_with_its_float_and_reaches_central(app, central, link):
    desk = desk_at(app)
    assert current_shift(app.uow(), desk) is None
    shift = open_shift(app.uow(), desk, 500_000)
    assert current_shift(app.uow(), desk) == shift and shift.opening_float == 500_000
    with pytest.raises(PaymentRefused, match="masih punya shift"):
        open_shift(app.uow(), desk, 100_000)
    link.cycle()
    assert drain(central) == {"applied": 1}
    with Session(central) as session:
        assert session.get(Shift, uuid.UUID(shift.id)).opening_float == 500_000


@pytest.mark.parametrize("value", [-1, 10**12, "100000", True, 1.5])
def test_a_bad_float_is_refused(app, desk, value):
    with pytest.raises(InvalidInput, match="Modal awal"):
        open_shift(app.uow(), desk, value)
    assert current_shift(app.uow(), desk) is None


def test_an_admin_does_not_open_a_cash_shift(app, desk):
    with pytest.raises(NotAllowed):
        open_shift(app.uow(), as_role(app, desk, "admin"), 0)


def test_a_shift_closed_today_takes_no_more_money_and_the_desk_is_offered_a_new_one(app, desk):
    from counter.services.payment import pay
    from counter.services.shifts import NoShift, close_shift
    from tests.integration.test_plans import owing

    open_shift(app.uow(), desk, 0)
    close_shift(app.uow(), desk, {}, "laci kosong, tutup sebentar", 10**12)
    from counter.services.billing import quote

    number = owing(app, 1)
    with app.uow() as uow:
        oldest = quote(uow.session, number, desk.today()).bills[0].period
    with pytest.raises(NoShift, match="sudah ditutup; buka shift baru"):  # NoShift: the desk offers a new shift
        pay(app.uow(), desk, number, [oldest], "transfer")
