"""A cashier's shift at a counter: opened with a float, closed with a count (closing: issue of the day's cash)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from counter.models.base import Base


class Shift(Base):
    __tablename__ = "shift"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)  # UUIDv7 made at the counter
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    counter_id: Mapped[int] = mapped_column(ForeignKey("counter.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    business_date: Mapped[dt.date]
    opened_at: Mapped[dt.datetime]
    opening_float: Mapped[int]  # cash in the drawer at the start (modal awal)
    status: Mapped[str] = mapped_column(String(12), default="open")  # open | closed
    closed_at: Mapped[dt.datetime | None]
