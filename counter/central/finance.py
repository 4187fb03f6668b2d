"""What finance takes from central for one business day, counters and channels alike.

- `export_payments`: every payment line by line, one row per bill (or per
  instalment term, or per other charge), with its components, for the billing and accounting
  systems (the columns: `EXPORT_HEADER`, docs/import.md "Ekspor pembayaran").
  The rows are streamed from the database (a server-side cursor on
  PostgreSQL), never held all at once: a large utility's day is 100,000 rows.
- `central_day`: the day's totals per office (counter payments by method,
  voids, refunds from the drawers, deposits) and per channel (payments,
  reversals), and over all, as `printing.central_day.CentralDay` for the PDF
  and CSV reports. It stands beside each office's cash closing
  (`services.day_report`), which stays about the counters' cash and which it
  does not change.

Columns add up: on every row the components (water ... down payment, and the
other charges, `biaya_lain`) make the row's amount; a payment's stamp duty and cash rounding are on its first row
only, so its rows' amounts plus those two are its total, and the counted rows
(completed payments) sum to the day's total taken. The customer credit a
payment used is on its first row too: part of the total, no money, so the
money taken is the total less it. Void and reversed payments are listed with
`dihitung` 0, to be left out of every sum.

`office`: both can be limited to one office (its counters' payments and the
channels' for its customers); `office_codes` are the ones central knows.
"""

from __future__ import annotations

import csv
import datetime as dt
import uuid
from collections import Counter as Tallies
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TextIO
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, and_, case, func, literal, null, select, text
from sqlalchemy.engine import Connection

from counter.models import (
    Channel, ChannelPayment, ChannelPaymentLine, ChannelSettlement, Counter, Customer, DayClosing, Deposit,
    InstalmentPlan, Office, Payment, PaymentLine, Refund,
)
from counter.printing.central_day import CentralDay, ChannelDay, Components, OfficeDay
from counter.printing.day_figures import Tally
from counter.printing.day_report_csv import safe
from counter.rules.payment_methods import CREDIT

BATCH = 2_000  # rows fetched from the server at a time

EXPORT_HEADER = (
    "sumber", "tanggal", "kantor", "loket_kanal", "no_bukti", "referensi_bayar", "id_pembayaran",
    "no_sambungan", "bulan", "jenis_baris", "rencana", "angsuran_ke",
    "air", "beban", "pemeliharaan_meter", "administrasi", "denda", "angsuran", "uang_muka", "jumlah",
    "meterai", "keringanan", "metode", "status", "dihitung", "waktu_bayar",
    # appended, so that a reader by position keeps its columns; named as in the office's finance CSV
    "no_kuitansi_manual", "pembulatan", "kredit_dipakai",
    "biaya_lain", "kode_biaya",  # an other charge's line: its amount (a component) and its code
)
COMPONENTS = ("water_charge", "standing_charge", "meter_fee", "admin_fee", "fine")
CHANNEL_METHOD = "channel"  # the `metode` of a channel's payment


def _int(value: object) -> int:
    """A sum from the database as int Rupiah (PostgreSQL sums BIGINT as numeric)."""
    return int(value or 0)


# ---- plans: what a relief waived ------------------------------------------------------------


@dataclass(frozen=True)
class PlanNote:
    """What the export says of a plan beside its term lines."""

    plan_no: str
    first_term: int  # the term that carries the waiver: the down payment (0), or term 1 when there is none
    waived: int  # fines waived and principal discounted by the plan: not collected


def _plans(connection: Connection, day: dt.date) -> dict[uuid.UUID, PlanNote]:
    """The plans of the day's term and down-payment lines (a few, beside the bills)."""
    p, l = Payment.__table__, PaymentLine.__table__
    paid = (select(l.c.plan_id).join(p, p.c.id == l.c.payment_id)
            .where(p.c.business_date == day, l.c.kind != "bill", l.c.plan_id.is_not(None)).distinct())
    plan = InstalmentPlan.__table__
    return {row.id: PlanNote(row.plan_no, min((t["seq"] for t in row.terms or ()), default=0), int(row.waived))
            for row in connection.execute(select(plan.c.id, plan.c.plan_no, plan.c.terms, plan.c.waived)
                                          .where(plan.c.id.in_(paid)))}


# ---- the export -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportLine:
    """One row of the payments export (see EXPORT_HEADER for the CSV's names)."""

    source: str  # counter | channel
    business_date: dt.date
    office: str
    point: str  # the counter's code, or the channel's
    voucher: str  # the receipt number, or the channel's reference
    pay_reference: str  # a counter payment's transfer / QRIS / card reference
    payment_id: uuid.UUID
    customer: str
    period: int  # yyyymm; 0 for a term, a down payment or a charge
    kind: str  # bill | term | down_payment | charge
    plan_no: str
    term_seq: int | None
    water_charge: int
    standing_charge: int
    meter_fee: int
    admin_fee: int
    fine: int
    term: int  # an instalment term's amount
    down_payment: int
    amount: int  # the sum of the seven components before it
    stamp_duty: int  # the payment's, on its first row; 0 on the others
    rounding: int  # the payment's cash rounding (signed, part of its total), on its first row; 0 on the others
    credit_used: int  # customer credit the payment used (of its total, no money), on its first row; 0 on the others
    paper_no: str  # the paper receipt (kuitansi manual) of an outage the payment records; "" for any other
    waived: int  # what the plan waived, on the line of its first term: not collected, in no sum
    method: str  # cash | transfer | qris | debit | channel
    status: str  # completed | void | reversed
    paid_at: dt.datetime
    charge: int = 0  # an other charge's amount (biaya_lain)
    charge_code: str = ""  # its code in the catalogue

    @property
    def counted(self) -> bool:
        """In the day's total: a void or reversed payment is listed only so that it can be left out."""
        return self.status == "completed"

    @property
    def parts(self) -> int:
        return (self.water_charge + self.standing_charge + self.meter_fee + self.admin_fee + self.fine
                + self.term + self.down_payment + self.charge)

    def cells(self, zone: ZoneInfo) -> list[object]:
        period = f"{self.period // 100:04d}-{self.period % 100:02d}" if self.period else ""
        return [self.source, self.business_date.isoformat(), self.office, self.point, safe(self.voucher),
                safe(self.pay_reference), str(self.payment_id), safe(self.customer), period, self.kind,
                safe(self.plan_no), "" if self.term_seq is None else self.term_seq,
                self.water_charge, self.standing_charge, self.meter_fee, self.admin_fee, self.fine, self.term,
                self.down_payment, self.amount, self.stamp_duty, self.waived, self.method, self.status,
                1 if self.counted else 0, self.paid_at.astimezone(zone).isoformat(timespec="seconds"),
                safe(self.paper_no), self.rounding, self.credit_used, self.charge, self.charge_code]


def export_lines(rows: Iterable[Mapping], source: str, plans: Mapping[uuid.UUID, PlanNote]) -> Iterator[ExportLine]:
    """The export's rows from the query's, which come grouped by payment and in
    line order: the stamp duty, rounding and credit go on each payment's first row."""
    last = None
    for r in rows:
        first, last = r["payment_id"] != last, r["payment_id"]
        kind = r["kind"]
        plan = plans.get(r["plan_id"]) if r["plan_id"] is not None else None
        yield ExportLine(
            source=source, business_date=r["business_date"], office=r["office"], point=r["point"],
            voucher=r["voucher"], pay_reference=r["pay_reference"] or "", payment_id=r["payment_id"],
            customer=r["customer"], period=r["period"] if kind == "bill" else 0, kind=kind,
            plan_no=plan.plan_no if plan else "", term_seq=r["term_seq"],
            **{c: r[c] if kind == "bill" else 0 for c in COMPONENTS},
            term=r["amount"] if kind == "term" else 0, down_payment=r["amount"] if kind == "down_payment" else 0,
            amount=r["amount"], stamp_duty=r["stamp_duty"] if first else 0,
            rounding=r["rounding"] if first else 0, credit_used=r["credit_used"] if first else 0,
            paper_no=r["paper_no"] or "",
            waived=plan.waived if plan and r["term_seq"] == plan.first_term else 0,
            method=r["method"], status=r["status"], paid_at=r["paid_at"],
            charge=r["amount"] if kind == "charge" else 0, charge_code=r["charge_code"] or "")


def _day_of(p, o, day: dt.date, office: str | None):  # noqa: ANN001, ANN202 - tables; a condition
    """A query's payments of the day, of `office` only when one is given."""
    return and_(p.c.business_date == day, *([o.c.code == office] if office else []))


def _counter_rows(day: dt.date, office: str | None):  # noqa: ANN202 - a Select
    p, l, o, c, cu = (Payment.__table__, PaymentLine.__table__, Office.__table__, Counter.__table__,
                      Customer.__table__)
    return (select(p.c.id.label("payment_id"), p.c.business_date, o.c.code.label("office"),
                   c.c.code.label("point"), p.c.receipt_no.label("voucher"), p.c.reference.label("pay_reference"),
                   cu.c.number.label("customer"), p.c.paid_at, p.c.method, p.c.status, p.c.stamp_duty,
                   p.c.rounding, p.c.credit_used, p.c.paper_no,
                   l.c.kind, l.c.period, l.c.plan_id, l.c.term_seq, *(l.c[name] for name in COMPONENTS),
                   l.c.amount, l.c.charge_code)
            .select_from(p.join(l, l.c.payment_id == p.c.id).join(o, o.c.id == p.c.office_id)
                         .join(c, c.c.id == p.c.counter_id).join(cu, cu.c.id == p.c.customer_id))
            .where(_day_of(p, o, day, office))
            .order_by(o.c.code, c.c.code, p.c.paid_at, p.c.receipt_no, l.c.seq))


def _channel_rows(day: dt.date, office: str | None):  # noqa: ANN202 - a Select
    p, l, ch, o, cu = (ChannelPayment.__table__, ChannelPaymentLine.__table__, Channel.__table__,
                       Office.__table__, Customer.__table__)
    return (select(p.c.id.label("payment_id"), p.c.business_date, o.c.code.label("office"),
                   ch.c.code.label("point"), p.c.reference.label("voucher"), literal("").label("pay_reference"),
                   cu.c.number.label("customer"), p.c.paid_at, literal(CHANNEL_METHOD).label("method"),
                   p.c.status, p.c.stamp_duty, literal(0).label("rounding"), literal(0).label("credit_used"),
                   literal("").label("paper_no"), literal("bill").label("kind"), l.c.period,
                   null().label("plan_id"), null().label("term_seq"), *(l.c[name] for name in COMPONENTS),
                   l.c.amount, literal("").label("charge_code"))
            .select_from(p.join(l, l.c.payment_id == p.c.id).join(ch, ch.c.id == p.c.channel_id)
                         .join(o, o.c.id == p.c.office_id).join(cu, cu.c.id == p.c.customer_id))
            .where(_day_of(p, o, day, office))
            .order_by(ch.c.code, p.c.paid_at, p.c.reference, l.c.seq))


def _snapshot(connection: Connection) -> Connection:
    """One consistent view of the day for every query of a read, with no time
    limit on PostgreSQL (the API's statement timeout is for requests)."""
    if connection.dialect.name == "postgresql":
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
        connection.execute(text("SET TRANSACTION READ ONLY"))
        connection.execute(text("SET LOCAL statement_timeout = 0"))
    return connection


def office_codes(engine: Engine) -> list[str]:
    """The codes of the offices central knows, in order."""
    with engine.connect() as connection:
        return list(connection.scalars(select(Office.code).order_by(Office.code)))


def payment_lines(engine: Engine, day: dt.date, office: str | None = None) -> Iterator[ExportLine]:
    """Every line of the day's payments (of `office` only, when given): the
    counters' (by office, counter and time), then the channels' (by channel and
    time), streamed."""
    with engine.connect() as connection:
        connection = _snapshot(connection)
        plans = _plans(connection, day)
        for source, query in (("counter", _counter_rows(day, office)), ("channel", _channel_rows(day, office))):
            result = connection.execution_options(yield_per=BATCH).execute(query)
            yield from export_lines(result.mappings(), source, plans)


@dataclass
class ExportSummary:
    """What an export wrote."""

    rows: int = 0
    payments: int = 0  # completed, in the total
    total: int = 0  # Rupiah: the counted rows' amounts, stamp duty and rounding
    rounding: int = 0  # of the total: the counted payments' cash rounding (signed)
    credit_used: int = 0  # of the total: customer credit the counted payments used, no money
    not_counted: int = 0  # void or reversed payments, listed with dihitung 0
    by_source: dict[str, list[int]] = field(default_factory=dict)  # counter|channel -> [payments, Rupiah]

    @property
    def received(self) -> int:
        """The money the counted payments brought in."""
        return self.total - self.credit_used


def write_payments_csv(lines: Iterable[ExportLine], out: TextIO, zone: ZoneInfo) -> ExportSummary:
    """The export as CSV (RFC 4180: comma, CRLF, quotes where needed; header
    first), written row by row as `lines` come."""
    writer = csv.writer(out)
    writer.writerow(EXPORT_HEADER)
    summary, last = ExportSummary(), None
    for line in lines:
        writer.writerow(line.cells(zone))
        summary.rows += 1
        if line.payment_id != last:
            last = line.payment_id
            if line.counted:
                summary.payments += 1
                summary.by_source.setdefault(line.source, [0, 0])[0] += 1
            else:
                summary.not_counted += 1
        if line.counted:
            summary.total += line.amount + line.stamp_duty + line.rounding
            summary.rounding += line.rounding
            summary.credit_used += line.credit_used
            summary.by_source.setdefault(line.source, [0, 0])[1] += line.amount + line.stamp_duty + line.rounding
    return summary


# ---- the day report ---------------------------------------------------------------------------


def _of(payments, day: dt.date, office_id: int | None):  # noqa: ANN001, ANN202 - a table; a condition
    """A table's payments of the day, of one office when `office_id` is given."""
    return and_(payments.c.business_date == day, *([payments.c.office_id == office_id] if office_id else []))


def _components(connection: Connection, day: dt.date, plans: Mapping[uuid.UUID, PlanNote],
                office_id: int | None) -> Components:
    """The components of the completed payments of the day, counters' and channels' together."""
    p, l = Payment.__table__, PaymentLine.__table__
    cp, cl = ChannelPayment.__table__, ChannelPaymentLine.__table__
    totals: Tallies = Tallies()
    for lines, payments, terms in ((l, p, True), (cl, cp, False)):
        done = and_(_of(payments, day, office_id), payments.c.status == "completed")
        row = connection.execute(select(*(func.coalesce(func.sum(lines.c[c]), 0).label(c) for c in COMPONENTS))
                                 .join_from(lines, payments, payments.c.id == lines.c.payment_id)
                                 .where(done)).one()
        for name in COMPONENTS:
            totals[name] += _int(row._mapping[name])
        totals["stamp_duty"] += _int(connection.scalar(
            select(func.coalesce(func.sum(payments.c.stamp_duty), 0)).where(done)))
        if terms:  # a counter's payments: their rounding, and the instalment and other charge lines
            totals["rounding"] += _int(connection.scalar(select(func.coalesce(func.sum(p.c.rounding), 0))
                                                         .where(done)))
            for kind, plan_id, seq, amount in connection.execute(
                    select(l.c.kind, l.c.plan_id, l.c.term_seq, l.c.amount).join_from(l, p, p.c.id == l.c.payment_id)
                    .where(done, l.c.kind != "bill")):
                totals[{"down_payment": "down_payments", "charge": "charges"}.get(kind, "terms")] += amount
                plan = plans.get(plan_id)
                if plan is not None and seq == plan.first_term:
                    totals["waived"] += plan.waived
    return Components(water=totals["water_charge"], standing=totals["standing_charge"], meter=totals["meter_fee"],
                      admin=totals["admin_fee"], fines=totals["fine"], terms=totals["terms"],
                      down_payments=totals["down_payments"], stamp_duty=totals["stamp_duty"],
                      waived=totals["waived"], rounding=totals["rounding"], charges=totals["charges"])


def _completed(connection: Connection, day: dt.date) -> dict[int, tuple[list[Tally], int]]:
    """Per office, its completed counter payments as the closing's breakdown by
    method gives them (what each method brought in, then the customer credit
    used, a line of its own that is no money), and their cash rounding."""
    p = Payment.__table__
    found: dict[int, tuple[list[Tally], Tallies]] = {}
    for office_id, method, count, brought, credits, credit, rounding in connection.execute(
            select(p.c.office_id, p.c.method, func.count(), func.coalesce(func.sum(p.c.total - p.c.credit_used), 0),
                   func.coalesce(func.sum(case((p.c.credit_used > 0, 1), else_=0)), 0),
                   func.coalesce(func.sum(p.c.credit_used), 0), func.coalesce(func.sum(p.c.rounding), 0))
            .where(p.c.business_date == day, p.c.status == "completed")
            .group_by(p.c.office_id, p.c.method).order_by(p.c.office_id, p.c.method)):
        methods, more = found.setdefault(office_id, ([], Tallies()))
        methods.append(Tally(method, count, _int(brought)))
        more.update(credits=_int(credits), credit=_int(credit), rounding=_int(rounding))
    return {office_id: (methods + ([Tally(CREDIT, more["credits"], more["credit"])] if more["credit"] else []),
                        more["rounding"]) for office_id, (methods, more) in found.items()}


def _per_office(connection: Connection, table, amount, *where) -> dict[int, tuple[int, int]]:  # noqa: ANN001
    """How many of `table`'s rows, and the sum of their `amount`, per office."""
    return {office: (n, _int(total)) for office, n, total in connection.execute(
        select(table.c.office_id, func.count(), func.coalesce(func.sum(amount), 0)).where(*where)
        .group_by(table.c.office_id))}


def _offices(connection: Connection, day: dt.date, office_id: int | None) -> list[OfficeDay]:
    p, l, r, d = Payment.__table__, PaymentLine.__table__, Refund.__table__, Deposit.__table__
    voids = _per_office(connection, p, p.c.total, p.c.business_date == day, p.c.status != "completed")
    completed = _completed(connection, day)
    bills = dict(connection.execute(
        select(p.c.office_id, func.count()).join_from(l, p, p.c.id == l.c.payment_id)
        .where(p.c.business_date == day, p.c.status == "completed", l.c.kind == "bill").group_by(p.c.office_id)).all())
    refunds = _per_office(connection, r, r.c.amount, r.c.business_date == day)
    deposits = _per_office(connection, d, d.c.amount, d.c.business_date == day)
    closed = set(connection.scalars(select(DayClosing.office_id).where(DayClosing.business_date == day)))
    offices = []
    for office, code, name in connection.execute(select(Office.id, Office.code, Office.name).order_by(Office.code)):
        if office_id is not None and office != office_id:
            continue
        methods, rounding = completed.get(office, ([], 0))
        offices.append(OfficeDay(
            code=code, name=name, by_method=tuple(methods), voids=Tally("batal", *voids.get(office, (0, 0))),
            refunds=Tally("pengembalian_uang", *refunds.get(office, (0, 0))),
            deposits=Tally("setoran", *deposits.get(office, (0, 0))),
            bills=bills.get(office, 0), closed=office in closed, rounding=rounding))
    return offices


def _channels(connection: Connection, day: dt.date, office: tuple[int, str] | None) -> list[ChannelDay]:
    p, l = ChannelPayment.__table__, ChannelPaymentLine.__table__
    mine = _of(p, day, office[0] if office else None)
    sums: dict[tuple[int, str], tuple[int, int]] = {
        (channel_id, status): (n, _int(amount)) for channel_id, status, n, amount in connection.execute(
            select(p.c.channel_id, p.c.status, func.count(), func.coalesce(func.sum(p.c.total), 0))
            .where(mine).group_by(p.c.channel_id, p.c.status))}
    bills = dict(connection.execute(
        select(p.c.channel_id, func.count()).join_from(l, p, p.c.id == l.c.payment_id)
        .where(mine, p.c.status == "completed").group_by(p.c.channel_id)).all())
    settled = set(connection.scalars(select(ChannelSettlement.channel_id)
                                     .where(ChannelSettlement.business_date == day)))
    channels = []
    for channel_id, code, name, revoked_at, collects_for in connection.execute(
            select(Channel.id, Channel.code, Channel.name, Channel.revoked_at, Channel.offices)
            .order_by(Channel.code)):
        done = sums.get((channel_id, "completed"), (0, 0))
        undone = [v for (cid, status), v in sums.items() if cid == channel_id and status != "completed"]
        elsewhere = office is not None and collects_for and office[1] not in collects_for
        if (revoked_at is not None or elsewhere) and not done[0] and not undone:
            continue  # a channel gone before the day, or not collecting for the office, with nothing on it
        channels.append(ChannelDay(
            code=code, name=name, count=done[0], total=done[1],
            reversed=Tally("dibatalkan", sum(n for n, _ in undone), sum(a for _, a in undone)),
            bills=bills.get(channel_id, 0), settled=channel_id in settled))
    return channels


def utility_name(connection: Connection) -> str:
    """The utility the offices belong to, as the offices name it."""
    names = Tallies(n for n in connection.scalars(select(Office.utility_name)) if n)
    return names.most_common(1)[0][0] if names else "Pusat"


def central_day(engine: Engine, day: dt.date, zone: ZoneInfo, made_at: dt.datetime | None = None,
                office: str | None = None) -> CentralDay:
    """The day across offices and channels, as central holds it now; of `office`
    (a code central knows) only: its counters and the channels' payments for its customers."""
    with engine.connect() as connection:
        connection = _snapshot(connection)
        plans = _plans(connection, day)
        office_id = connection.scalar(select(Office.id).where(Office.code == office)) if office else None
        return CentralDay(
            business_date=day, made_at=(made_at or dt.datetime.now(dt.timezone.utc)).astimezone(zone),
            utility=utility_name(connection), offices=tuple(_offices(connection, day, office_id)),
            channels=tuple(_channels(connection, day, (office_id, office) if office else None)),
            components=_components(connection, day, plans, office_id), office=office or "")


def today(zone: ZoneInfo) -> dt.date:
    return dt.datetime.now(dt.timezone.utc).astimezone(zone).date()

