"""Progressive block tariffs: usage (m3) priced by the blocks of a tariff group."""

from __future__ import annotations

import bisect
import datetime as dt
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


# ---- a tariff version and its price ------------------------------------------


@dataclass(frozen=True)
class Tariff:
    """A tariff group's tariff as in force from `valid_from` (None: the group's own,
    from always): progressive blocks, a minimum use, and fixed monthly charges."""

    code: str
    blocks: tuple[Block, ...]
    minimum_m3: int = 0
    standing_charge: int = 0  # biaya beban / abonemen
    meter_fee: int = 0  # pemeliharaan meter
    admin_fee: int = 0  # administrasi
    valid_from: dt.date | None = None

    @property
    def fixed_charges(self) -> int:
        return self.standing_charge + self.meter_fee + self.admin_fee


@dataclass(frozen=True)
class BlockLine:
    """The m3 of one block priced: `lower`+1 through `upper` (inclusive), `m3` of them."""

    lower: int
    upper: int | None  # the block's limit; None: open
    m3: int
    price_per_m3: int

    @property
    def amount(self) -> int:
        return self.m3 * self.price_per_m3


@dataclass(frozen=True)
class Price:
    """The price of `usage_m3` by a tariff: the m3 billed (at least the minimum),
    every block's share, the water charge and the fixed charges."""

    tariff: Tariff
    usage_m3: int
    billed_m3: int
    lines: tuple[BlockLine, ...]

    @property
    def water_charge(self) -> int:
        return sum(line.amount for line in self.lines)

    @property
    def total(self) -> int:
        return self.water_charge + self.tariff.fixed_charges


def price(usage_m3: int, tariff: Tariff) -> Price:
    """Price `usage_m3` progressively: m3 number 1 through the first limit at the
    first block's price, the next m3 through the second limit at the second's, and
    so on (limits are inclusive: "11 s/d 20" is the 10 m3 after the first ten);
    m3 beyond the last limit at the last block's price. Usage under `minimum_m3` is
    billed as the minimum. Every block gets a line, those the usage does not reach
    with 0 m3, so that a breakdown shows the whole tariff."""
    if usage_m3 < 0:
        raise ValueError("usage must not be negative")
    validate_blocks(tariff.blocks)
    billed = max(usage_m3, tariff.minimum_m3)
    lines = []
    lower = 0
    for i, block in enumerate(tariff.blocks):
        last = i == len(tariff.blocks) - 1
        upper = block.up_to_m3
        top = billed if last or upper is None else min(billed, upper)
        lines.append(BlockLine(lower, None if last else upper, max(top - lower, 0), block.price_per_m3))
        if upper is not None:
            lower = upper
    return Price(tariff, usage_m3, billed, tuple(lines))


@dataclass(frozen=True)
class TariffBook:
    """Every tariff group's tariffs: the group's own (`base`, from always) and its
    versions by date. The tariff of a bill is the one in force on the first day
    of its billing month (`for_period`)."""

    base: dict[str, Tariff]
    versions: dict[str, tuple[Tariff, ...]]  # by code, oldest first

    def on(self, code: str, day: dt.date) -> Tariff | None:
        """The tariff of `code` in force on `day` (None: no such group)."""
        versions = self.versions.get(code, ())
        i = bisect.bisect_right([v.valid_from for v in versions], day)
        return versions[i - 1] if i else self.base.get(code)

    def for_period(self, code: str, period: int) -> Tariff | None:
        """`period` as YYYYMM: the tariff in force on its first day."""
        return self.on(code, dt.date(period // 100, period % 100, 1))
