"""What the central applier makes of one event."""

from __future__ import annotations

from dataclasses import dataclass, field

from counter.models import Conflict


class Rejected(Exception):
    """The event cannot be applied as it is; the reason is kept for the counter."""


@dataclass
class Outcome:
    status: str  # applied | duplicate | conflict | rejected
    reason: str = ""
    conflicts: list[Conflict] = field(default_factory=list)
