"""An outage of the payment system: the days an office's cashiers wrote paper
receipts (kuitansi manual) instead, opened once by a supervisor so that the
paper receipts of those days can be entered afterwards."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from counter.models.base import Base, Replicated


class Outage(Replicated, Base):
    """Made at a counter (`outage.opened`), kept by central and pulled by every
    counter of the office: a paper receipt is entered only for a date inside one."""

    __tablename__ = "outage"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)  # UUIDv7 made at the counter
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), index=True)
    date_from: Mapped[dt.date]
    date_to: Mapped[dt.date]  # inclusive
    reason: Mapped[str] = mapped_column(String(200))
    opened_at: Mapped[dt.datetime]
    opened_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))  # the user at the desk
    approved_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))  # the supervisor
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counter.id"))  # where it was opened
