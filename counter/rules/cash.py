"""Cash in the drawer: the denominations a cashier counts and what they add up to."""

from __future__ import annotations

from dataclasses import dataclass

from counter.errors import InvalidInput
from counter.rules.money import format_rupiah


@dataclass(frozen=True)
class Denomination:
    key: str  # how a count is stored: "100000" for a note, "c1000" for a coin
    value: int
    coin: bool

    @property
    def label(self) -> str:
        return f"{'Koin' if self.coin else 'Uang kertas'} {format_rupiah(self.value)}"


DENOMINATIONS = (
    *(Denomination(str(v), v, False) for v in (100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000)),
    *(Denomination(f"c{v}", v, True) for v in (1_000, 500, 200, 100)),
)
BY_KEY = {d.key: d for d in DENOMINATIONS}
MAX_PIECES = 100_000  # of one denomination in one drawer: more is a typing slip


def checked_counts(counts: dict[str, object]) -> dict[str, int]:
    """Every denomination with its count (0 when not given); a negative, a
    fraction, a word or an unknown denomination is refused."""
    checked = {d.key: 0 for d in DENOMINATIONS}
    for name, count in counts.items():
        denomination = BY_KEY.get(str(name))
        if denomination is None:
            raise InvalidInput(f"Pecahan {str(name)[:20]!r} tidak dikenal.")
        if isinstance(count, bool) or not isinstance(count, int):
            raise InvalidInput(f"Jumlah lembar/keping {denomination.label} harus bilangan bulat.")
        if not 0 <= count <= MAX_PIECES:
            raise InvalidInput(f"Jumlah {denomination.label} harus antara 0 dan {MAX_PIECES:,}.".replace(",", "."))
        checked[denomination.key] = count
    return checked


def counted_total(counts: dict[str, int]) -> int:
    return sum(BY_KEY[name].value * count for name, count in counts.items())
