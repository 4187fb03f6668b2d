"""The print queue: a receipt is printed after its payment has committed, so a
printer that fails never loses or blocks a payment."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from counter.models.base import Base


class PrintJob(Base):
    __tablename__ = "print_job"
    __table_args__ = (Index("ix_print_job_status", "status", "created_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(48))
    copy_number: Mapped[int] = mapped_column(default=0)  # 0: the original; n: SALINAN ke-n
    copy_printed_by: Mapped[str] = mapped_column(String(120), default="")
    status: Mapped[str] = mapped_column(String(12), default="queued")  # queued | printed | failed | pdf
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(String(400), default="")
    created_at: Mapped[dt.datetime]
    done_at: Mapped[dt.datetime | None]
    pdf_path: Mapped[str] = mapped_column(String(400), default="")
