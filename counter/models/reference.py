"""Reference data replicated from central: offices, counters, users, tariffs, rules."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from counter.models.base import Base, Replicated


class Office(Replicated, Base):
    """A unit office (unit / cabang) of the utility."""

    __tablename__ = "office"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    address: Mapped[str] = mapped_column(String(200), default="")
    utility_name: Mapped[str] = mapped_column(String(120), default="")
    # the key of the receipts' check values (HMAC): made with the office, secret to it and its counters
    receipt_key: Mapped[str] = mapped_column(String(64), default=lambda: secrets.token_hex(32))


class Counter(Replicated, Base):
    """A cashier counter (loket) of an office."""

    __tablename__ = "counter"
    __table_args__ = (UniqueConstraint("office_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(60), default="")
    office: Mapped[Office] = relationship()


class User(Replicated, Base):
    __tablename__ = "app_user"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))  # cashier | supervisor | admin
    office_id: Mapped[int | None] = mapped_column(ForeignKey("office.id"))
    active: Mapped[bool] = mapped_column(default=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))


class LoginState(Base):
    """Wrong tries of a user's credential at this store (not replicated: a lock-out is local)."""

    __tablename__ = "login_state"
    username: Mapped[str] = mapped_column(String(40), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[dt.datetime | None]  # by the clock: only for locks set before locked_at_ms existed
    locked_at_ms: Mapped[int | None]  # the lock's start in the computer's running time (services.approval)
    locked_minutes: Mapped[int | None]


class TariffGroup(Replicated, Base):
    """A tariff group (golongan tarif) with its fixed monthly charges."""

    __tablename__ = "tariff_group"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    category: Mapped[str] = mapped_column(String(40), default="")  # Kelompok I, II, III, Khusus
    minimum_m3: Mapped[int] = mapped_column(default=0)
    standing_charge: Mapped[int] = mapped_column(default=0)  # biaya beban / abonemen
    meter_fee: Mapped[int] = mapped_column(default=0)  # pemeliharaan meter
    admin_fee: Mapped[int] = mapped_column(default=0)  # administrasi
    fine_exempt: Mapped[bool] = mapped_column(default=False)
    # a household's usage per person per day (litres) outside these is flagged at the desk; 0: not checked
    usage_low_lpd: Mapped[int] = mapped_column(default=10)
    usage_high_lpd: Mapped[int] = mapped_column(default=500)
    blocks: Mapped[list[TariffBlock]] = relationship(
        order_by="TariffBlock.seq", cascade="all, delete-orphan"
    )


class TariffBlock(Replicated, Base):
    """One progressive block: the price per m3 up to `up_to_m3` (NULL: no limit)."""

    __tablename__ = "tariff_block"
    __table_args__ = (UniqueConstraint("tariff_group_id", "seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    tariff_group_id: Mapped[int] = mapped_column(ForeignKey("tariff_group.id"))
    seq: Mapped[int]
    up_to_m3: Mapped[int | None]
    price_per_m3: Mapped[int]


class TariffVersion(Replicated, Base):
    """A tariff group's tariff in force from `valid_from` (for bills of the periods
    whose first day is on or after it, until the next version): blocks as
    `[[up_to_m3 or null, price_per_m3], ...]`, lowest first. A group without a
    version in force is priced by its own columns and blocks."""

    __tablename__ = "tariff_version"
    __table_args__ = (UniqueConstraint("tariff_group_id", "valid_from"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    tariff_group_id: Mapped[int] = mapped_column(ForeignKey("tariff_group.id"))
    valid_from: Mapped[dt.date]
    minimum_m3: Mapped[int] = mapped_column(default=0)
    standing_charge: Mapped[int] = mapped_column(default=0)
    meter_fee: Mapped[int] = mapped_column(default=0)
    admin_fee: Mapped[int] = mapped_column(default=0)
    blocks: Mapped[list] = mapped_column(JSON, default=list)


class ChargeType(Replicated, Base):
    """An other charge (biaya lain: unsealing, a new connection, a change of name
    ...) in force from `valid_from`: for one tariff group, or for every group when
    `tariff_group_id` is NULL (a group's own row wins; rules.charges)."""

    __tablename__ = "charge_type"
    __table_args__ = (UniqueConstraint("code", "tariff_group_id", "valid_from"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(24))
    name: Mapped[str] = mapped_column(String(80))
    amount: Mapped[int]
    tariff_group_id: Mapped[int | None] = mapped_column(ForeignKey("tariff_group.id"))
    valid_from: Mapped[dt.date]


class FineSchemeRow(Replicated, Base):
    """The fine scheme in force from `valid_from` (see rules.fines.FineScheme) for
    the customers of one tariff group, or (no group) of every group without its own."""

    __tablename__ = "fine_scheme"
    id: Mapped[int] = mapped_column(primary_key=True)
    tariff_group_id: Mapped[int | None] = mapped_column(ForeignKey("tariff_group.id"))
    valid_from: Mapped[dt.date]
    kind: Mapped[str] = mapped_column(String(16))
    amount: Mapped[int] = mapped_column(default=0)
    stages: Mapped[list] = mapped_column(JSON, default=list)
    percent_bp: Mapped[int] = mapped_column(default=0)
    minimum: Mapped[int] = mapped_column(default=0)
    maximum: Mapped[int] = mapped_column(default=0)


class StampDutyRow(Replicated, Base):
    """The stamp-duty rule in force from `valid_from`."""

    __tablename__ = "stamp_duty_rule"
    id: Mapped[int] = mapped_column(primary_key=True)
    valid_from: Mapped[dt.date]
    threshold: Mapped[int]
    amount: Mapped[int]
