"""Signing off an office day and recording its deposit: a supervisor's acts.

The figures come from central, which has every counter's events; the sign-off
is written here and goes to central as an event like any other act, and from
there to every counter by the pull, which then refuse payments and voids dated
that day. What a counter that was offline sends afterwards lands in the
report's late section, never in the signed figures (`covered`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from dataclasses import replace

from sqlalchemy import func, select
from uuid6 import uuid7

from counter.errors import InvalidInput, PaymentRefused
from counter.models import DayClosing, Office, OutboxEvent
from counter.models.replication import encode_row
from counter.models import Deposit as DepositRow
from counter.rules.money import MAX_AMOUNT, format_rupiah
from counter.rules.text import one_line
from counter.services import audit
from counter.services.approval import SUPERVISORS, Approval, authorise, check_credential
from counter.services.context import Desk
from counter.printing.day_figures import DayFigures, Deposit, figures_from_json
from counter.services.day_report import consolidate, covered, deposits_of, split_deposits
from counter.services.outbox import queue_event
from counter.services.shifts import day_closed
from counter.store.uow import UnitOfWork
from counter.sync.state import reaching_central


def read_day(uow: UnitOfWork, central, desk: Desk, day: dt.date) -> DayFigures:  # noqa: ANN001 - sync.link.Central
    """The office day from central (the closing and deposit made here count even
    before central has them); from this counter's store alone when `central` is None."""
    with uow:
        mine = day_closed(uow.session, desk.office_id, day)
        if central is None:
            return consolidate(uow.session, desk.office_code, day, desk.zone, desk.now())
        closing = None if mine is None else encode_row(
            {c.name: getattr(mine, c.name) for c in DayClosing.__table__.columns})
    with reaching_central(uow.engine):
        figures = figures_from_json(central.day(day, desk.zone.key, closing))
    with uow:
        own, later = split_deposits(deposits_of(uow.session, desk.office_id, day, desk.zone))
    known = {(d.reference, d.amount) for d in figures.supplementary}  # central may have numbered them anew
    return replace(figures, deposit=figures.deposit or own, supplementary=figures.supplementary + tuple(
        d for d in later if (d.reference, d.amount) not in known))


def blockers(uow: UnitOfWork, figures: DayFigures) -> list[str]:
    """What makes a sign-off premature: shifts still open, events not yet at
    central or not yet applied there. Each needs the supervisor's override."""
    found = [f"shift {s.cashier} di loket {s.counter_code} masih buka" for s in figures.shifts if s.is_open]
    found += [f"{w.pending} transaksi loket {w.counter_code} belum diproses pusat"
              for w in figures.waiting if w.pending]
    with uow:
        queued = uow.session.scalar(select(func.count()).select_from(OutboxEvent).where(OutboxEvent.sent_at.is_(None)))
    if queued:
        found.append(f"{queued} transaksi loket ini belum terkirim ke pusat")
    return found


def close_day(uow: UnitOfWork, central, desk: Desk, day: dt.date, approval: Approval | None,
              override_reason: str = "") -> DayFigures:
    """Sign off the office day with a supervisor's credential. Shifts still open
    or events not yet applied need `override_reason` (audited); the day is then
    locked and what comes after is reported as late."""
    authorise(desk, "day.close")
    reason = one_line(override_reason, 0, 200, "Alasan pengecualian paling panjang 200 huruf.")
    if day > desk.today():
        raise InvalidInput("Hari yang belum berjalan tidak bisa ditutup.")
    with uow:
        if day_closed(uow.session, desk.office_id, day) is not None:
            raise PaymentRefused(f"Hari {day:%d-%m-%Y} sudah ditutup.")
    figures = read_day(uow, central, desk, day)
    if figures.closing is not None:
        raise PaymentRefused(f"Hari {day:%d-%m-%Y} sudah ditutup oleh {figures.closing.closed_by}.")
    pending = blockers(uow, figures)
    if pending and len(reason) < 5:
        raise PaymentRefused("Hari belum bisa ditutup: " + "; ".join(pending) + ". Tunggu sampai selesai, "
                             "atau tutup dengan alasan (minimal 5 huruf) sebagai pengecualian.")
    supervisor = check_credential(uow, approval, "Tutup hari", SUPERVISORS, desk)
    scope = covered(figures)
    with uow.writing():
        session = uow.session
        if day_closed(session, desk.office_id, day) is not None:
            raise PaymentRefused(f"Hari {day:%d-%m-%Y} sudah ditutup.")
        now = desk.now()
        row = DayClosing(id=uuid7(), office_id=desk.office_id, business_date=day, closed_at=now,
                         closed_by=supervisor.id, override_reason=reason if pending else "", covered=scope,
                         count=figures.count, total=figures.total, cash_total=figures.cash_total, change_seq=0)
        session.add(row)
        queue_event(session, desk, "day.closed", {
            "closing_id": str(row.id), "business_date": day.isoformat(), "closed_at": now.isoformat(),
            "closed_by": supervisor.username, "override_reason": row.override_reason, "covered": scope,
            "count": figures.count, "total": figures.total, "cash_total": figures.cash_total}, now)
        audit.append(session, "day.closed", day.isoformat(), {
            "count": figures.count, "total": figures.total, "approved_by": supervisor.username,
            **({"override": row.override_reason, "pending": pending} if row.override_reason else {})},
            **audit.by(desk))
        uow.commit()
        session.expunge(row)
    return read_day(uow, central, desk, day)


def record_deposit(uow: UnitOfWork, desk: Desk, day: dt.date, amount: int, bank: str, reference: str,
                   approval: Approval | None, supplementary: bool = False) -> Deposit:
    """The day's cash taken to the bank: once per office day, after its sign-off;
    then, `supplementary`, for cash that arrived after it (a counter that was
    offline), as often as that happens."""
    authorise(desk, "deposit")
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 < amount <= MAX_AMOUNT:
        raise InvalidInput(f"Jumlah setoran harus antara Rp 1 dan {format_rupiah(MAX_AMOUNT)}.")
    bank = one_line(bank, 2, 60, "Isi nama bank tempat setoran (2-60 huruf).")
    reference = one_line(reference, 1, 64, "Isi nomor bukti setoran dari bank (paling panjang 64 huruf).")
    with uow:
        if day_closed(uow.session, desk.office_id, day) is None:
            raise PaymentRefused(f"Tutup hari {day:%d-%m-%Y} dulu; setoran dicatat sesudahnya.")
        made = deposits_of(uow.session, desk.office_id, day, desk.zone)
        if supplementary and not any(d.seq == 1 for d in made):
            raise PaymentRefused(f"Setoran hari {day:%d-%m-%Y} belum dicatat; setoran susulan sesudahnya.")
        if not supplementary and any(d.seq == 1 for d in made):
            raise PaymentRefused(f"Setoran hari {day:%d-%m-%Y} sudah dicatat; uang yang datang sesudahnya "
                                 "disetor sebagai setoran susulan.")
        seq = max((d.seq for d in made), default=0) + 1
    supervisor = check_credential(uow, approval, "Setoran", SUPERVISORS, desk)
    with uow.writing():
        session = uow.session
        now = desk.now()
        row = DepositRow(id=uuid7(), office_id=desk.office_id, business_date=day, seq=seq, amount=amount, bank=bank,
                         reference=reference, recorded_at=now, recorded_by=supervisor.id)
        session.add(row)
        queue_event(session, desk, "deposit.recorded", {
            "deposit_id": str(row.id), "business_date": day.isoformat(), "seq": seq, "amount": amount, "bank": bank,
            "reference": reference, "recorded_at": now.isoformat(), "recorded_by": supervisor.username}, now)
        audit.append(session, "deposit", day.isoformat(), {"amount": amount, "bank": bank, "reference": reference,
                                                           "seq": seq}, **audit.by(desk))
        uow.commit()
    return Deposit(amount, bank, reference, now.astimezone(desk.zone), supervisor.username, seq)


def write_reports(uow: UnitOfWork, figures: DayFigures, folder: Path, kind: str = "pdf") -> list[Path]:
    """The day's reports in `folder`: the daily receipts report (LPP) and the
    closing report as PDFs, or (`csv`) the receipts and the summary for finance."""
    from counter.printing import day_report_csv, day_report_pdf
    from counter.store.files import reason, write_whole

    with uow:
        office = uow.session.scalars(select(Office).where(Office.code == figures.office_code)).one()
        utility = office.utility_name or office.name
    stem = f"{figures.office_code}-{figures.business_date:%Y%m%d}"
    if kind == "pdf":
        files = {folder / f"lpp-{stem}.pdf": day_report_pdf.daily_receipts_pdf(figures, utility),
                 folder / f"tutup-kas-{stem}.pdf": day_report_pdf.closing_pdf(figures, utility)}
    else:
        files = {folder / f"penerimaan-{stem}.csv": day_report_csv.receipts_csv(figures).encode("utf-8"),
                 folder / f"ringkasan-{stem}.csv": day_report_csv.summary_csv(figures).encode("utf-8")}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path, content in files.items():
            write_whole(path, content)
    except OSError as error:
        raise InvalidInput(f"Laporan tidak dapat ditulis ke {folder}: {reason(error)}. Pilih folder lain "
                           "dengan --out.") from error
    return list(files)
