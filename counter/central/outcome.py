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


def whole(data: dict, name: str, minimum: int = 0) -> int:
    """`data[name]` as a whole number (Rupiah, a count) of at least `minimum`, else Rejected."""
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise Rejected(f"nilai {name!r} tidak sah: {value!r}")
    return value
