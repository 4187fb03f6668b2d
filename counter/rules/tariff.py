"""Progressive block tariffs: usage (m3) priced by the blocks of a tariff group."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Block:
    """A price per m3 for usage up to `up_to_m3` (None: no upper limit)."""

    up_to_m3: int | None
    price_per_m3: int


def validate_blocks(blocks: Sequence[Block]) -> None:
    if not blocks:
        raise ValueError("a tariff needs at least one block")
    limits = [b.up_to_m3 for b in blocks]
    if any(limit is None for limit in limits[:-1]):
        raise ValueError("only the last block may be open-ended")
    bounded = [limit for limit in limits if limit is not None]
    if bounded != sorted(set(bounded)) or (bounded and bounded[0] <= 0):
        raise ValueError("block limits must be positive and increasing")
    if any(b.price_per_m3 < 0 for b in blocks):
        raise ValueError("block prices must not be negative")


def water_charge(usage_m3: int, blocks: Sequence[Block], minimum_m3: int = 0) -> int:
    """The water charge for `usage_m3`, billing at least `minimum_m3`.

    Usage beyond the last bounded block is priced at the last block's price.
    """
    if usage_m3 < 0:
        raise ValueError("usage must not be negative")
    billed = max(usage_m3, minimum_m3)
    total = 0
    lower = 0
    for block in blocks:
        upper = billed if block.up_to_m3 is None else min(billed, block.up_to_m3)
        if upper > lower:
            total += (upper - lower) * block.price_per_m3
        if block.up_to_m3 is None or billed <= block.up_to_m3:
            return total
        lower = block.up_to_m3
    return total + (billed - lower) * blocks[-1].price_per_m3
