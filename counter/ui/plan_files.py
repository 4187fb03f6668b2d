"""The plan's papers as PDF files in DATA_DIR/plans, named as `counter plan
agreement` and `counter workorder pdf` name them. Run on the worker: both read
the store and render with ReportLab."""

from __future__ import annotations

from pathlib import Path

from counter.printing.plan_pdf import agreement_pdf, work_order_pdf
from counter.services.plan_papers import agreement, work_order


def plans_folder(app) -> Path:  # noqa: ANN001 - bootstrap.App
    folder = Path(app.config.store.data_dir) / "plans"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def file_name(prefix: str, number: str) -> str:
    """`perjanjian-0001-ANGS-KPG-L01-XI-2025.pdf`: a document number has slashes."""
    return f"{prefix}-{number.replace('/', '-')}.pdf"


def write_agreement(app, plan_no: str) -> Path:  # noqa: ANN001
    doc = agreement(app.uow(), plan_no)
    path = plans_folder(app) / file_name("perjanjian", doc.plan_no)
    path.write_bytes(agreement_pdf(doc))
    return path


def write_work_order(app, order_no: str) -> Path:  # noqa: ANN001
    order = work_order(app.uow(), order_no, app.config.zone)
    path = plans_folder(app) / file_name("spk", order.order_no)
    path.write_bytes(work_order_pdf(order))
    return path
