"""Stamp duty (meterai) on a receipt that states a large amount."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StampDutyRule:
    """`amount` is due on a receipt stating more than `threshold` Rupiah."""

    threshold: int = 5_000_000
    amount: int = 10_000

    def __post_init__(self) -> None:
        if min(self.threshold, self.amount) < 0:
            raise ValueError("stamp duty numbers must not be negative")


def stamp_duty(receipt_amount: int, rule: StampDutyRule) -> int:
    return rule.amount if receipt_amount > rule.threshold else 0
