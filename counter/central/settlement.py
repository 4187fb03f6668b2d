"""A channel's daily settlement file reconciled against central
(docs/channels.md, "Settlement / rekonsiliasi").

The whole file is read and checked first: any bad line and nothing is applied,
recorded or written. Its transactions are then matched by the channel's
reference against central's payments of that channel: matched, amount (or
customer, or months) differing, missing at central, missing in the file,
reversed at central, or at central on another day. What is missing at central
is paid from the file once the operator agrees, through `channels.pay` with
fines as of the file's day, each under its own reference (so a second run pays
nothing twice). Last, in one transaction that holds the day's payments, the
day is matched again and recorded as settled: from then on its payments cannot
be reversed.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counter.central import channels
from counter.central.channels import MAX_PERIODS, REFERENCE, Caller, ChannelError
from counter.errors import InvalidInput, NotFound
from counter.models import Channel, ChannelPayment, ChannelPaymentLine, ChannelSettlement, Customer, Office
from counter.printing.settlement_report import SettlementFigures, SettlementLine
from counter.rules.money import format_rupiah
from counter.rules.stamp_duty import stamp_duty
from counter.rules.text import key
from counter.services.billing import stamp_rule
from counter.services.importing.csv_table import column_name
from counter.services.importing.values import Bad, period, rupiah, show

REQUIRED = ("reference", "customer", "amount")
OPTIONAL = ("periods", "paid_at")
MAX_SHOWN = 20  # bad lines named in the message
CHUNK = 5_000  # references per IN (...) list
NOT_CONFIRMED = "belum diterapkan (tidak dikonfirmasi)"
_PERIOD_SPLIT = re.compile(r"[;,\s]+")


class SettlementFileError(InvalidInput):
    """A settlement file that cannot be used as it is; `problems` names each bad line."""

    def __init__(self, name: str, problems: list[tuple[int | None, str]]) -> None:
        shown = [f"{name} baris {line}: {reason}" if line else f"{name}: {reason}"
                 for line, reason in sorted(problems, key=lambda p: p[0] or 0)[:MAX_SHOWN]]
        many = len(problems) > 1
        lines = [f"Berkas settlement ditolak, tidak ada yang diterapkan, dicatat atau ditulis"
                 f"{f'. {len(problems)} kesalahan' if many else ''}:", *shown]
        if len(problems) > len(shown):
            lines.append(f"... dan {len(problems) - len(shown)} kesalahan lain.")
        super().__init__("\n".join(lines))
        self.problems = tuple(shown)


# ---- the file ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FileRow:
    line: int  # where the row starts, the header being line 1
    reference: str
    customer: str  # as written
    amount: int
    periods: tuple[int, ...]  # empty: the file named none
    paid_at: str  # as written ("" when not given)


@dataclass(frozen=True)
class SettlementFile:
    name: str
    sha256: str
    rows: tuple[FileRow, ...]


def _text(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SettlementFileError(name, [(None, "berkas berformat UTF-16; simpan ulang sebagai 'CSV UTF-8'")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise SettlementFileError(name, [(line, "bukan teks UTF-8 (byte tidak sah); simpan ulang sebagai "
                                                "'CSV UTF-8'")]) from None
    if not text.strip():
        raise SettlementFileError(name, [(None, "berkas kosong (baris judul pun tidak ada)")])
    return text


def _records(text: str, delimiter: str, problems: list) -> Iterable[tuple[int, list[str]]]:
    """(first line, cells) of every row that is not blank."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    last = 0
    try:
        for cells in reader:
            start, last = last + 1, reader.line_num
            if "".join(cells).strip():
                yield start, cells
    except csv.Error as error:
        problems.append((reader.line_num, f"bentuk CSV rusak ({error})"))


def _periods(value: str) -> tuple[int, ...]:
    if not value:
        return ()
    found = [period(part) for part in _PERIOD_SPLIT.split(value) if part]
    if len(set(found)) != len(found):
        raise Bad(f"periods {show(value)} menyebut bulan yang sama dua kali")
    if len(found) > MAX_PERIODS:
        raise Bad(f"periods lebih dari {MAX_PERIODS} bulan")
    return tuple(sorted(found))


def _paid_at(value: str) -> str:
    if value:
        try:
            dt.datetime.fromisoformat(value)
        except ValueError:
            raise Bad(f"paid_at {show(value)} bukan waktu ISO 8601 (tulis 2026-10-05T14:03:22+08:00)") from None
    return value


def _row(line: int, cells: dict[str, str], seen: dict[str, int]) -> FileRow:
    """One row, or Bad naming every problem it has."""
    reasons, values = [], {}
    reference = cells["reference"]
    if not REFERENCE.match(reference):
        reasons.append(f"reference {show(reference)} harus 1-64 huruf, angka atau _ . / : -")
    elif reference in seen:
        reasons.append(f"reference {show(reference)} sudah ada di baris {seen[reference]}")
    else:
        seen[reference] = line  # a later row repeating it is named, even when this one is bad otherwise
    customer = cells["customer"]
    if not customer or len(customer) > 40 or not key(customer):
        reasons.append(f"customer {show(customer)} bukan nomor sambungan" if customer else "customer kosong")
    for name, parse in (("amount", lambda v: rupiah(v, "amount")), ("periods", _periods), ("paid_at", _paid_at)):
        try:
            values[name] = parse(cells.get(name, ""))
        except Bad as error:
            reasons.append(str(error))
    if values.get("amount") == 0:
        reasons.append("amount 0: pembayaran harus lebih dari nol")
    if reasons:
        raise Bad("; ".join(reasons))
    return FileRow(line, reference, customer, values["amount"], values["periods"], values["paid_at"])


def read_settlement(data: bytes, name: str) -> SettlementFile:
    """The file's transactions, every one checked; SettlementFileError naming each
    bad line otherwise. A file of the header alone is a day without transactions."""
    text = _text(data, name)
    first = next(line for line in io.StringIO(text) if line.strip())
    delimiter = ";" if first.count(";") > first.count(",") else ","
    problems: list[tuple[int | None, str]] = []
    records = iter(_records(text, delimiter, problems))
    header_line, header = next(records, (0, None))
    if header is None:
        raise SettlementFileError(name, problems)
    names = [column_name(cell) for cell in header]
    columns: dict[str, int] = {}
    for index, column in enumerate(names):
        if column in columns:
            raise SettlementFileError(name, [(header_line, f"kolom '{column}' muncul dua kali di baris judul")])
        if column:
            columns[column] = index
    missing = [c for c in REQUIRED if c not in columns]
    unknown = [c for c in columns if c not in REQUIRED + OPTIONAL]
    if missing or unknown:
        said = [f"kolom wajib tidak ada: {', '.join(missing)}"] if missing else []
        said += [f"kolom tidak dikenal: {', '.join(unknown)}"] if unknown else []
        raise SettlementFileError(name, [(header_line, f"baris judul salah: {'; '.join(said)} (kolom yang terbaca "
                                                       f"dengan pemisah '{delimiter}': {', '.join(columns) or '-'}; "
                                                       f"yang dipakai: {', '.join(REQUIRED + OPTIONAL)})")])
    rows, seen = [], {}
    for line, cells in records:
        if len(cells) != len(names):
            problems.append((line, f"berisi {len(cells)} kolom, baris judul {len(names)} kolom (nilai yang memuat "
                                   f"'{delimiter}' harus diapit tanda kutip \")"))
            continue
        try:
            row = _row(line, {c: cells[i].strip() for c, i in columns.items()}, seen)
        except Bad as error:
            problems.append((line, str(error)))
            continue
        rows.append(row)
    if problems:
        raise SettlementFileError(name, problems)
    return SettlementFile(name, hashlib.sha256(data).hexdigest(), tuple(rows))


# ---- central's side ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Held:
    """One of central's payments of the channel."""

    id: object
    reference: str
    customer: str  # connection number
    customer_key: str
    total: int
    status: str
    business_date: dt.date
    source: str
    paid_at: dt.datetime
    reversed_at: dt.datetime | None
    periods: tuple[int, ...]


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _held(session: Session, channel_id: int, day: dt.date, references: list[str], lock: bool) -> list[_Held]:
    """The channel's payments of `day` and those the file names, with their months.
    With `lock`, the day's payments stay locked until the transaction ends: a
    reversal waits, then finds the day settled."""
    p = ChannelPayment
    columns = (p.id, p.reference, Customer.number, Customer.number_key, p.total, p.status, p.business_date,
               p.source, p.paid_at, p.reversed_at)
    day_query = select(*columns).join(Customer, Customer.id == p.customer_id).where(
        p.channel_id == channel_id, p.business_date == day).order_by(p.paid_at, p.reference)
    rows = {r.id: r for r in session.execute(day_query.with_for_update(of=p) if lock else day_query)}
    for part in _chunks(references):
        query = select(*columns).join(Customer, Customer.id == p.customer_id).where(
            p.channel_id == channel_id, p.reference.in_(part), p.business_date != day)
        rows.update((r.id, r) for r in session.execute(query))
    periods: dict[object, list[int]] = {}
    for part in _chunks(list(rows)):
        for line in session.execute(select(ChannelPaymentLine.payment_id, ChannelPaymentLine.period)
                                    .where(ChannelPaymentLine.payment_id.in_(part))
                                    .order_by(ChannelPaymentLine.seq)):
            periods.setdefault(line.payment_id, []).append(line.period)
    return [_Held(r.id, r.reference, r.number, r.number_key, r.total, r.status, r.business_date, r.source,
                  r.paid_at, r.reversed_at, tuple(sorted(periods.get(r.id, ())))) for r in rows.values()]


def _rupiah(amount: int) -> str:
    return format_rupiah(amount)


def _line(category: str, row: FileRow | None, held: _Held | None, note: str, zone: ZoneInfo) -> SettlementLine:
    central_time = held.paid_at.astimezone(zone).isoformat(timespec="seconds") if held else ""
    return SettlementLine(
        category=category, reference=(row or held).reference, line=row.line if row else None,
        customer=row.customer if row else held.customer, file_amount=row.amount if row else None,
        central_amount=held.total if held else None, file_periods=row.periods if row else (),
        central_periods=held.periods if held else (),
        paid_at=row.paid_at if row and row.paid_at else central_time,
        note=note)


def _match(held: list[_Held], day: dt.date, file: SettlementFile, notes: dict[str, str],
           zone: ZoneInfo) -> list[SettlementLine]:
    """Every file row in its category (file order), then central's completed payments
    of the day that the file lacks. `notes`: what became of a row missing at central."""
    by_reference = {h.reference: h for h in held}
    line = partial(_line, zone=zone)
    lines = []
    for row in file.rows:
        h = by_reference.get(row.reference)
        if h is None:
            lines.append(line("missing_at_central", row, None, notes.get(row.reference, "")))
        elif h.business_date != day:
            state = "dibatalkan" if h.status == "reversed" else "selesai"
            lines.append(line("other_date", row, h, f"di pusat tanggal {h.business_date.isoformat()} ({state})"))
        elif h.status == "reversed":
            when = h.reversed_at.astimezone(zone).strftime("%H:%M") if h.reversed_at else "?"
            lines.append(line("reversed_at_central", row, h, f"dibatalkan kanal pukul {when}, tetapi ada di "
                                                             "berkas"))
        else:
            said = []
            if row.amount != h.total:
                said.append(f"jumlah berkas {_rupiah(row.amount)}, pusat {_rupiah(h.total)} "
                            f"(selisih {_rupiah(row.amount - h.total)})")
            if key(row.customer) != h.customer_key:
                said.append(f"pelanggan berkas {row.customer}, pusat {h.customer}")
            if row.periods and row.periods != h.periods:
                said.append(f"bulan berkas {';'.join(map(str, row.periods))}, pusat "
                            f"{';'.join(map(str, h.periods))}")
            if said:
                lines.append(line("differs", row, h, "; ".join(said)))
            elif h.source == "settlement":
                lines.append(line("applied", row, h, notes.get(row.reference, "diterapkan pada rekonsiliasi "
                                                                                "sebelumnya")))
            else:
                lines.append(line("matched", row, h, ""))
    in_file = {row.reference for row in file.rows}
    lines += [line("missing_in_file", None, h, f"dibayar lewat kanal pukul {h.paid_at.astimezone(zone):%H:%M}, "
                                               "tidak ada di berkas")
              for h in sorted(held, key=lambda h: (h.paid_at, h.reference))
              if h.business_date == day and h.status == "completed" and h.reference not in in_file]
    return lines


# ---- applying what central lacks --------------------------------------------------------


def _periods_for(engine: Engine, caller: Caller, row: FileRow, day: dt.date) -> tuple[list[int] | None, str]:
    """The oldest open bills whose total on `day` is the row's amount, or None and why."""
    with Session(engine) as session:
        owed = channels.customer_owed(session, caller, key(row.customer), day)
        rule = stamp_rule(session, day)
        subtotal = 0
        for n, bill in enumerate(owed.bills, 1):
            subtotal += bill["amount"]
            total = subtotal + stamp_duty(subtotal, rule)
            if total == row.amount:
                return [b["period"] for b in owed.bills[:n]], ""
            if total > row.amount:
                break
    if not owed.bills:
        return None, f"NOTHING_TO_PAY: pelanggan {owed.customer.number} tidak punya tagihan terbuka"
    return None, (f"AMOUNT_MISMATCH: jumlah {_rupiah(row.amount)} bukan jumlah rekening tertua mana pun pada "
                  f"{day.isoformat()} (tagihan terbuka: {len(owed.bills)} bulan, {_rupiah(owed.total)})")


def _apply(engine: Engine, caller: Caller, row: FileRow, day: dt.date, zone: ZoneInfo) -> str:
    """Pay one row missing at central; what became of it, in words."""
    try:
        periods, why = (list(row.periods), "") if row.periods else _periods_for(engine, caller, row, day)
        if periods is None:
            return why
        answer = channels.pay(engine, caller, {"reference": row.reference, "customer": row.customer,
                                               "periods": periods, "amount": row.amount},
                              zone, source="settlement", on=day)
    except ChannelError as error:
        return f"{error.code}: {error}"
    if answer["business_date"] != day.isoformat() or answer["status"] != "paid":
        return f"referensi ini ada di pusat tanggal {answer['business_date']} ({answer['status']})"
    return "diterapkan pada rekonsiliasi ini"


# ---- the reconciliation -----------------------------------------------------------------


@dataclass(frozen=True)
class _Channel:
    caller: Caller
    name: str
    revoked: bool
    utility: str


def _channel(engine: Engine, code: str) -> _Channel:
    with Session(engine) as session:
        row = session.scalars(select(Channel).where(Channel.code == (code or "").strip().upper())).first()
        if row is None:
            raise NotFound(f"Kanal {code!r} tidak terdaftar di pusat (lihat: counter central channel list).")
        offices = select(Office.utility_name).where(Office.utility_name != "")
        if row.offices:
            offices = offices.where(Office.code.in_(row.offices))
        utilities = sorted(set(session.scalars(offices)))
        return _Channel(Caller(row.id, row.code, frozenset(row.offices or ())), row.name,
                        row.revoked_at is not None, utilities[0] if len(utilities) == 1 else "Pusat")


def _figures(channel: _Channel, day: dt.date, file: SettlementFile, lines: list[SettlementLine], zone: ZoneInfo,
             applied_now: int, recorded: bool) -> SettlementFigures:
    return SettlementFigures(
        utility=channel.utility, channel_code=channel.caller.code, channel_name=channel.name,
        channel_revoked=channel.revoked, business_date=day, file_name=file.name, file_sha256=file.sha256,
        made_at=channels.utc_now().astimezone(zone), lines=tuple(lines), applied_now=applied_now,
        recorded=recorded)


def _record(session: Session, channel_id: int, day: dt.date, figures: SettlementFigures) -> None:
    """The day's settlement row: made by the first reconciliation, brought up to date by the next."""
    now = channels.utc_now()
    summary = figures.summary()
    settled = session.get(ChannelSettlement, (channel_id, day), with_for_update=True)
    if settled is None:
        summary.update(runs=1, first_settled_at=now.isoformat())
        session.add(ChannelSettlement(channel_id=channel_id, business_date=day, settled_at=now,
                                      file_sha256=figures.file_sha256, summary=summary))
        return
    before = settled.summary or {}
    summary.update(runs=int(before.get("runs", 1)) + 1,
                   first_settled_at=before.get("first_settled_at") or settled.settled_at.isoformat())
    settled.settled_at, settled.file_sha256, settled.summary = now, figures.file_sha256, summary


def reconcile(engine: Engine, code: str, day: dt.date, data: bytes, file_name: str, zone: ZoneInfo,
              confirm: Callable[[SettlementFigures], bool] = lambda figures: False) -> SettlementFigures:
    """Reconcile channel `code`'s day `day` against its settlement file (`data`).

    `confirm` sees the matches before anything is written and says whether the
    transactions missing at central are to be paid from the file (it is asked
    only when there are some). The day is then recorded as settled, whatever the
    answer, and the final figures are returned."""
    file = read_settlement(data, file_name)
    channel = _channel(engine, code)
    today = channels.utc_now().astimezone(zone).date()
    if day > today:
        raise InvalidInput(f"Tanggal {day.isoformat()} belum lewat: settlement hanya untuk hari ini atau "
                           "sebelumnya.")
    references = [row.reference for row in file.rows]
    with Session(engine) as session:
        preview = _match(_held(session, channel.caller.id, day, references, lock=False), day, file, {}, zone)
    missing = [line for line in preview if line.category == "missing_at_central"]
    notes: dict[str, str] = {}
    applied = 0
    if missing and confirm(_figures(channel, day, file, preview, zone, 0, False)):
        by_reference = {row.reference: row for row in file.rows}
        for line in missing:
            notes[line.reference] = _apply(engine, channel.caller, by_reference[line.reference], day, zone)
            applied += notes[line.reference] == "diterapkan pada rekonsiliasi ini"
    else:
        notes = {line.reference: NOT_CONFIRMED for line in missing}
    try:
        with Session(engine) as session, session.begin():
            lines = _match(_held(session, channel.caller.id, day, references, lock=True), day, file, notes, zone)
            figures = _figures(channel, day, file, lines, zone, applied, True)
            _record(session, channel.caller.id, day, figures)
    except IntegrityError:
        raise InvalidInput("Rekonsiliasi lain untuk kanal dan hari ini baru saja dicatat; jalankan lagi "
                           "(pembayaran yang sudah diterapkan tidak diterapkan dua kali).") from None
    return figures
