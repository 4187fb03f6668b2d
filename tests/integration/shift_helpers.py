"""Money is taken only into the cashier's open shift at the counter, on its day:
tests that pay on several days or at several counters open the shifts they need."""

from __future__ import annotations

from sqlalchemy import select

from counter.models import Shift
from counter.services.shifts import close_shift, open_shift


def on_shift(app, desk):  # noqa: ANN001, ANN201
    """`desk`, with its user's shift open at its counter today (a shift of another
    day there is closed first, its drawer counted empty with a reason)."""
    with app.uow() as uow:
        shift = uow.session.scalars(select(Shift).where(Shift.counter_id == desk.counter_id,
                                                        Shift.status == "open")).first()
        same = shift is not None and shift.user_id == desk.user_id and shift.business_date == desk.today()
        open_elsewhere = shift is not None
    if same:
        return desk
    if open_elsewhere:
        close_shift(app.uow(), desk, {}, "Ditutup untuk hari berikutnya", 10**12)
    open_shift(app.uow(), desk, 0)
    return desk


def clock_agrees(app, desk) -> None:  # noqa: ANN001
    """Central's last answer as of the desk's clock: these tests run the sync on
    the machine's clock but date the desk's acts in the demo's past, which the
    payment would otherwise take for a clock set back (and refuse)."""
    from counter.models import SyncState

    with app.uow() as uow:
        uow.session.merge(SyncState(key="last_contact", value=desk.now().isoformat()))
        uow.commit()
