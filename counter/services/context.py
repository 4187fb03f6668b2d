"""Who is acting, where, and when: passed to every use case that writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass(frozen=True)
class Desk:
    office_id: int
    office_code: str
    counter_id: int
    counter_code: str
    user_id: int
    username: str
    zone: ZoneInfo
    clock: Callable[[], dt.datetime] = field(default=utc_now)
    role: str = "cashier"  # of the user at the desk: what they may do (services.approval.authorise)
    lockout_attempts: int = 5  # wrong PINs in a row that lock a user ([security] settings)
    lockout_minutes: int = 15
    full_name: str = ""  # of the user at the desk, for the screen

    def now(self) -> dt.datetime:
        return self.clock()

    def today(self) -> dt.date:
        """The business date: today in the office's time zone."""
        return self.clock().astimezone(self.zone).date()
