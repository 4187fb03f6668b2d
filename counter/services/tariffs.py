"""The tariffs in the store: every group's own tariff and its versions by date
(rules.tariff.TariffBook), and a usage priced by the tariff in force."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from counter.errors import InvalidInput, quoted
from counter.models import TariffGroup, TariffVersion
from counter.rules.tariff import Block, Price, Tariff, TariffBook, price


def group_tariff(group: TariffGroup) -> Tariff:
    """The group's own tariff (its columns and blocks), in force before any version."""
    return Tariff(group.code, tuple(Block(b.up_to_m3, b.price_per_m3) for b in group.blocks), group.minimum_m3,
                  group.standing_charge, group.meter_fee, group.admin_fee)


def version_tariff(code: str, version: TariffVersion) -> Tariff:
    return Tariff(code, tuple(Block(up_to, p) for up_to, p in version.blocks), version.minimum_m3,
                  version.standing_charge, version.meter_fee, version.admin_fee, version.valid_from)


def tariff_book(session: Session) -> TariffBook:
    """Every group's tariffs, read in two queries."""
    groups = session.scalars(select(TariffGroup).options(selectinload(TariffGroup.blocks))).all()
    codes = {g.id: g.code.upper() for g in groups}
    versions: dict[str, list[Tariff]] = {}
    for v in session.scalars(select(TariffVersion).order_by(TariffVersion.valid_from)):
        versions.setdefault(codes[v.tariff_group_id], []).append(version_tariff(codes[v.tariff_group_id], v))
    return TariffBook({g.code.upper(): group_tariff(g) for g in groups},
                      {code: tuple(found) for code, found in versions.items()})


def price_usage(session: Session, code: str, usage_m3: int, on: dt.date) -> Price:
    """`usage_m3` of group `code` priced by its tariff in force on `on`."""
    if usage_m3 < 0:
        raise InvalidInput(f"Pemakaian tidak boleh negatif: {usage_m3} m3.")
    tariff = tariff_book(session).on(code.strip().upper(), on)
    if tariff is None:
        raise InvalidInput(f"Golongan tarif {quoted(code)} tidak dikenal.")
    if not tariff.blocks:
        raise InvalidInput(f"Golongan tarif {tariff.code} belum punya blok tarif.")
    return price(usage_m3, tariff)
