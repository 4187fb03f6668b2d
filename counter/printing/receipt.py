"""The receipt as plain data: what every output (thermal printer, PDF, screen)
prints, built once from the committed payment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ReceiptLine:
    """One bill paid (or, later, one instalment term)."""

    label: str  # "Okt 2025"
    meter_start: int
    meter_end: int
    usage_m3: int
    water_charge: int
    fixed_charges: int  # standing charge + meter fee
    admin_fee: int
    fine: int
    amount: int
    kind: str = "bill"


@dataclass(frozen=True)
class Receipt:
    utility_name: str
    office_name: str
    office_address: str
    counter_code: str
    cashier_name: str
    paid_at: dt.datetime  # aware, in the office's time zone
    receipt_no: str
    customer_number: str
    customer_name: str
    customer_address: str
    tariff: str  # "R2 Rumah Tangga 2"
    lines: tuple[ReceiptLine, ...]
    waived: int  # amounts waived (relief); 0 when none
    stamp_duty: int
    total: int
    tendered: int
    change: int
    method: str  # as printed: "Tunai", "QRIS", ...
    reference: str
    total_in_words: str  # "seratus dua puluh tiga ribu rupiah"
    qr_payload: str  # what the QR code holds: payment id and a check value
    offline: bool  # taken while central was unreachable
    copy_number: int = 0  # 0: the original; n: "SALINAN ke-n"
    copy_printed_at: dt.datetime | None = None
    copy_printed_by: str = ""
    footer: str = "Simpan struk ini sebagai bukti pembayaran yang sah"
