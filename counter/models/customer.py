"""Customers (connections) and their monthly water bills."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from counter.models.base import Base, Replicated
from counter.models.reference import TariffGroup

CUSTOMER_STATUSES = ("active", "sealed", "temporarily_closed", "closed")
BILL_STATUSES = ("unpaid", "paid")


class Customer(Replicated, Base):
    __tablename__ = "customer"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32))  # nomor sambungan as printed
    number_key: Mapped[str] = mapped_column(String(32), unique=True)  # normalised for look-up
    meter_no: Mapped[str] = mapped_column(String(32), default="")
    meter_key: Mapped[str] = mapped_column(String(32), default="", index=True)
    name: Mapped[str] = mapped_column(String(120))
    address: Mapped[str] = mapped_column(String(200), default="")
    village: Mapped[str] = mapped_column(String(80), default="")  # kelurahan / desa
    district: Mapped[str] = mapped_column(String(80), default="")  # kecamatan
    tariff_group_id: Mapped[int] = mapped_column(ForeignKey("tariff_group.id"))
    office_id: Mapped[int | None] = mapped_column(ForeignKey("office.id"))
    status: Mapped[str] = mapped_column(String(20), default="active")
    household_size: Mapped[int] = mapped_column(default=0)  # people living on the connection (jiwa)
    phone: Mapped[str] = mapped_column(String(24), default="")  # digits, a leading + kept
    fine_exempt: Mapped[bool] = mapped_column(default=False)
    # lower-cased, accent-free copies of the name and of the address, village and
    # district: what the trigram index (customer_fts) reads
    search_name: Mapped[str] = mapped_column(String(120), default="")
    search_place: Mapped[str] = mapped_column(String(400), default="")
    tariff_group: Mapped[TariffGroup] = relationship()


class Bill(Replicated, Base):
    """One month's water bill (rekening) of one connection."""

    __tablename__ = "bill"
    __table_args__ = (
        UniqueConstraint("customer_id", "period"),
        Index("ix_bill_payment_id", "payment_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    period: Mapped[int]  # billing month as yyyymm
    meter_start: Mapped[int] = mapped_column(default=0)
    meter_end: Mapped[int] = mapped_column(default=0)
    usage_m3: Mapped[int] = mapped_column(default=0)
    water_charge: Mapped[int] = mapped_column(default=0)  # harga air
    standing_charge: Mapped[int] = mapped_column(default=0)  # biaya beban / abonemen
    meter_fee: Mapped[int] = mapped_column(default=0)  # pemeliharaan meter
    admin_fee: Mapped[int] = mapped_column(default=0)  # administrasi
    due_date: Mapped[dt.date]
    status: Mapped[str] = mapped_column(String(12), default="unpaid")
    payment_id: Mapped[uuid.UUID | None]  # set when paid at a counter of this system

    @property
    def principal(self) -> int:
        """The bill before any fine."""
        return self.water_charge + self.standing_charge + self.meter_fee + self.admin_fee
