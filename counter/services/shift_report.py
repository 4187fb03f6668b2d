"""Where a shift's Z-report goes: the receipt printer, or a text file when the
counter has none."""

from __future__ import annotations

from pathlib import Path

from counter.printing.printers import send
from counter.printing.z_report import z_report_bytes, z_report_text
from counter.printing.day_figures import ShiftFigures


def deliver_z_report(shift: ShiftFigures, printer: dict, folder: Path) -> str:
    """Print it, or save it as text; returns what happened, for the cashier."""
    if str(printer.get("kind", "none")).strip().lower() == "none":
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"z-{shift.office_code}-{shift.counter_code}-{shift.business_date:%Y%m%d}-{shift.shift_id[-8:]}.txt"
        path.write_text(z_report_text(shift, printer.get("paper", "80mm")) + "\n", encoding="utf-8")
        return f"Laporan Z disimpan: {path}"
    warning = send(z_report_bytes(shift, printer.get("paper", "80mm")), printer)
    return "Laporan Z dicetak." + (f" {warning}" if warning else "")
