"""Whether a household's water use is plausible for the people living on the
connection (the meter census looks for a stuck or bypassed meter, a leak, or
more people or a business behind a household connection)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass


@dataclass(frozen=True)
class UsagePerPerson:
    litres_per_day: int  # per person, rounded down
    flag: str  # "" | "low" | "high"


def usage_per_person(usage_m3: int, period: int, household_size: int, low_lpd: int,
                     high_lpd: int) -> UsagePerPerson | None:
    """The month's use per person per day, and whether it lies outside
    `low_lpd`..`high_lpd` (0: that side not checked). None without a household size."""
    if household_size <= 0 or usage_m3 < 0:
        return None
    days = calendar.monthrange(period // 100, period % 100)[1]
    litres = usage_m3 * 1000 // (household_size * days)
    flag = "low" if low_lpd and litres < low_lpd else "high" if high_lpd and litres > high_lpd else ""
    return UsagePerPerson(litres, flag)
