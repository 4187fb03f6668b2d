"""Building a receipt's ESC/POS bytes and its PDF, p50/p95 over many runs,
against a baseline in the same run (the python-escpos Dummy printing the same
lines as bare text; ReportLab drawing one line on an empty page).

    python bench/receipts.py [--rounds 300]

Targets (issue: receipts): ESC/POS bytes p95 <= 5 ms; PDF p95 <= 50 ms.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import timed  # noqa: E402
from counter.printing.escpos_receipt import receipt_bytes, receipt_text  # noqa: E402
from counter.printing.pdf_receipt import receipt_pdf  # noqa: E402
from tests.printing.samples import hard_receipt, plain_receipt  # noqa: E402




def bare_escpos(text: str) -> bytes:
    from escpos.printer import Dummy

    printer = Dummy()
    printer.text(text)
    printer.cut()
    return printer.output


def bare_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(10, 10, "Rp 8.308.000")
    page.save()
    return out.getvalue()


def from_store(rounds: int) -> dict:
    """Building the receipt of a committed payment from the store, then its bytes."""
    import dataclasses
    import datetime as dt
    import tempfile

    from sqlalchemy import select

    from counter import config
    from counter.bootstrap import App
    from counter.models import Bill, Customer
    from counter.services.billing import quote
    from counter.services.demo import create_demo
    from counter.services.payment import pay
    from counter.services.receipts import build_receipt

    with tempfile.TemporaryDirectory() as folder:
        app = App(config.load(data_dir=Path(folder)))
        create_demo(app.uow(), customers=2_000, as_of=dt.date(2025, 11, 24))
        desk = dataclasses.replace(app.desk(), clock=lambda: dt.datetime(2025, 11, 24, 2, tzinfo=dt.timezone.utc))
        with app.uow() as uow:
            number = uow.session.scalars(select(Customer.number).join(Bill, Bill.customer_id == Customer.id)
                                         .where(Bill.status == "unpaid").limit(1)).first()
            owed = quote(uow.session, number, desk.today())
        receipt_no = pay(app.uow(), desk, number, [b.period for b in owed.bills], "qris").receipt_no

        def build_and_render() -> bytes:
            with app.uow() as uow:
                return receipt_bytes(build_receipt(uow.session, receipt_no, app.config.zone), "80mm")

        result = timed(build_and_render, rounds)
        app.engine.dispose()
        return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=300)
    rounds = parser.parse_args().rounds
    results = {"build_from_store_and_escpos_80mm": from_store(rounds)}
    for name, receipt in (("plain", plain_receipt()), ("hard", hard_receipt(copy_number=1))):
        text = receipt_text(receipt, "80mm")
        results[name] = {
            "escpos_80mm": timed(lambda: receipt_bytes(receipt, "80mm"), rounds),
            "escpos_58mm": timed(lambda: receipt_bytes(receipt, "58mm"), rounds),
            "baseline_escpos_bare_text": timed(lambda: bare_escpos(text), rounds),
            "pdf_80mm": timed(lambda: receipt_pdf(receipt, "80mm"), max(rounds // 3, 20)),
            "pdf_a6": timed(lambda: receipt_pdf(receipt, "A6"), max(rounds // 3, 20)),
        }
    results["baseline_pdf_one_line"] = timed(bare_pdf, max(rounds // 3, 20))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
