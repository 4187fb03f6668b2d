"""An office day to print in tests: `day(n, counters)` builds `n` receipts spread
over `counters` counters between 08:00 and 15:30 WITA, deterministically, with
every total consistent (breakdowns, components, each shift's drawer).

Every 40th receipt is voided, every 37th carries an instalment term or a down
payment, every 7th (from the 4th) pays last year's arrears, receipt 5 is large
enough for stamp duty, and one customer's name starts with "=" (for the CSV's
formula-injection guard). Non-cash receipts carry a reference; people have full
names and tariff groups names, as the consolidation gives them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from counter.rules.cash import DENOMINATIONS
from counter.rules.money import MONTHS_ID
from counter.printing.day_figures import (Closing, Components, ConflictRow, CounterSync, DayFigures, Deposit,
                                          ReceiptRow, ShiftFigures, Tally, VoidRow)

WITA = dt.timezone(dt.timedelta(hours=8))
DAY = dt.date(2025, 11, 24)
UTILITY = "Perumda Air Minum Demo Kupang"
OFFICE = ("KPG", "Unit Pelayanan Kota Kupang")
NAMES = ("ELISABETH MELKIANUS HADJO", "Yohanes Ndun", "MARIA GONÇALVES ARAÚJO DA COSTA “MAMA ROSA” FERNANDES",
         "Toko Sinar Jaya & Anak", "=HYPERLINK(\"x\")", "Agustinus Fanggidae", "Ñoño Süßmann", "Kornelis Benu")
TARIFF_NAMES = {"R1": "Rumah Tangga 1", "R2": "Rumah Tangga 2", "R3": "Rumah Tangga 3", "N1": "Niaga Kecil",
                "S1": "Sosial Umum"}
TARIFFS = tuple(TARIFF_NAMES)
METHODS = ("cash", "cash", "cash", "cash", "cash", "cash", "transfer", "qris", "qris", "debit")
CASHIER_NAMES = ("Siti Nurhaliza Bessie", "Budi Santoso", "Maria Lay", "Yanto Tefa", "Rina Nalle", "Daniel Amalo",
                 "Ester Lona", "Petrus Kase")
HEAD = ("kepala", "Paulus Fanggidae")  # the supervisor who closes the day and records the deposit
VARIANCES = (-2_000, 500)  # the first two counters' drawers: short, then over; the others exact
CLOSED_AT = dt.datetime.combine(DAY, dt.time(16, 30), WITA)


def at(hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(hour, minute, second), WITA)


def counter_code(index: int) -> str:
    return f"L{index + 1:02d}"


def receipt(i: int, seq: int, counter: int, paid_at: dt.datetime, status: str = "completed") -> ReceiptRow:
    """The i-th receipt of the day, all money in whole hundreds of Rupiah."""
    months = 1 + i % 3
    first = 10 - months  # the paid months end in Okt 2025
    label = MONTHS_ID[9] if months == 1 else f"{MONTHS_ID[first]}-{MONTHS_ID[9]}"
    water = months * (38_000 + (i * 7_919) % 1_200 * 100)
    if i == 5:
        water = 6_420_000  # an industrial customer: stamp duty
    fixed, fines = months * 17_500, (months - 1) * 10_000
    terms, label = (0, f"{label} {arrears_year(i)}")
    if i % 37 == 0:
        terms = 250_000 if i % 74 == 0 else 125_000
        label += " + uang muka" if i % 74 == 0 else " + angsuran 2/4"
    stamp = 10_000 if water + fixed + fines + terms > 5_000_000 else 0
    return ReceiptRow(
        receipt_no=f"KPG-{counter_code(counter)}-{paid_at:%Y%m%d}-{seq:04d}", paid_at=paid_at,
        counter_code=counter_code(counter), cashier=f"kasir{counter + 1}",
        customer_number=f"{(i % 9) + 1:02d}-{(i * 7) % 20 + 1:02d}-{100_000 + i * 13:06d}",
        customer_name=NAMES[i % len(NAMES)], method=METHODS[i % len(METHODS)], months=label, water=water,
        fixed=fixed, fines=fines, terms=terms, stamp_duty=stamp, total=water + fixed + fines + terms + stamp,
        status=status, reference="" if METHODS[i % len(METHODS)] == "cash" else f"REF{paid_at:%m%d}{i:05d}")


def arrears_year(i: int) -> int:
    """The year of the i-th receipt's months: every 7th, from the 4th, pays last year's."""
    return DAY.year - 1 if i % 7 == 3 else DAY.year


def bill_years(done: list[ReceiptRow]) -> tuple[Tally, ...]:
    """The bills the completed receipts paid (one a month: Rp 17.500 of standing charge each)."""
    years: dict[str, list[ReceiptRow]] = {"current": [], "arrears": []}
    for r in done:
        years["arrears" if r.months.split(" + ")[0].endswith(str(DAY.year - 1)) else "current"].append(r)
    return tuple(Tally(key, sum(r.fixed // 17_500 for r in rows), sum(r.water + r.fixed + r.fines for r in rows))
                 for key, rows in years.items())


def tally(groups: dict[str, list[ReceiptRow]]) -> tuple[Tally, ...]:
    return tuple(Tally(label, len(rows), sum(r.total for r in rows)) for label, rows in sorted(groups.items()))


def denominations_of(amount: int) -> dict[str, int]:
    """The pieces a cashier would count for `amount` (largest first)."""
    counts = {}
    for d in DENOMINATIONS:
        counts[d.key], amount = divmod(amount, d.value)
    assert amount == 0
    return counts


def tendered_for(total: int) -> int:
    """Cash handed over: the total rounded up to the next Rp 50.000."""
    return -(-total // 50_000) * 50_000


def shift(counter: int, rows: list[ReceiptRow], *, still_open: bool = False, voids: int = 0,
          reprints: int = 0) -> ShiftFigures:
    done = [r for r in rows if r.status == "completed"]
    cash = [r for r in done if r.method == "cash"]
    taken = sum(tendered_for(r.total) for r in cash)
    by_method: dict[str, list[ReceiptRow]] = defaultdict(list)
    for r in done:
        by_method[r.method].append(r)
    opening = 500_000
    expected = opening + sum(r.total for r in cash)
    variance = VARIANCES[counter] if counter < len(VARIANCES) else 0
    values = dict(
        shift_id=f"S-{counter_code(counter)}-1", office_code=OFFICE[0], office_name=OFFICE[1],
        counter_code=counter_code(counter), cashier=f"kasir{counter + 1}",
        cashier_name=CASHIER_NAMES[counter % len(CASHIER_NAMES)], business_date=DAY, opened_at=at(7, 52, counter),
        closed_at=None, opening_float=opening, payments=len(done), voids=voids, reprints=reprints,
        cash_taken=taken, change_given=taken - sum(r.total for r in cash), by_method=tally(by_method))
    if not still_open:
        values.update(closed_at=at(15, 45 + counter % 10), counts=denominations_of(expected + variance),
                      counted=expected + variance, closed_by=f"kasir{counter + 1}",
                      variance_reason={0: "Kembalian salah hitung pada pelanggan terakhir",
                                       1: "Uang koin pelanggan tidak diminta kembali"}.get(counter, ""))
    return ShiftFigures(**values)


def day(n: int = 120, counters: int = 3, *, closed: bool = True, late: int = 3, deposit: bool = True,
        open_shift: bool = False, waiting: bool = False) -> DayFigures:
    """An office day of `n` receipts over `counters` counters. `open_shift`: the
    last counter's shift is still open (closed with an override when `closed`);
    `waiting`: the second counter still has events central has not applied."""
    span = 7.5 * 3600 / max(n, 1)
    seqs = [0] * counters
    rows = []
    for i in range(n):
        counter = i % counters
        seqs[counter] += 1
        paid_at = at(8) + dt.timedelta(seconds=int(i * span))
        rows.append(receipt(i, seqs[counter], counter, paid_at, "void" if i % 40 == 17 else "completed"))
    done = [r for r in rows if r.status == "completed"]
    voided = [r for r in rows if r.status == "void"]

    late_rows = []
    for j in range(late):
        counter = j % counters
        seqs[counter] += 1
        late_rows.append(receipt(n + j, seqs[counter], counter, at(16, 40 + j), "void" if j == 2 else "completed"))

    groups: dict[str, dict[str, list[ReceiptRow]]] = {key: defaultdict(list) for key in
                                                      ("counter", "cashier", "method", "tariff", "hour")}
    for i, r in enumerate(rows):
        if r.status != "completed":
            continue
        for key, label in (("counter", r.counter_code), ("cashier", r.cashier), ("method", r.method),
                           ("tariff", TARIFFS[i % len(TARIFFS)]), ("hour", f"{r.paid_at.hour:02d}")):
            groups[key][label].append(r)

    down = sum(r.terms for r in done if "uang muka" in r.months)
    components = Components(
        water=sum(r.water for r in done), fixed=sum(r.fixed for r in done), fines=sum(r.fines for r in done),
        stamp_duty=sum(r.stamp_duty for r in done), terms=sum(r.terms for r in done) - down, down_payments=down,
        waived=185_000 if n else 0)
    void_rows = tuple(VoidRow(r.receipt_no, r.counter_code, r.cashier, r.total,
                              "Salah pilih pelanggan, dibayar ulang pada kuitansi berikutnya", "kepala",
                              r.paid_at + dt.timedelta(minutes=4)) for r in voided)
    people = {f"kasir{c + 1}": CASHIER_NAMES[c % len(CASHIER_NAMES)] for c in range(counters)} | dict([HEAD])
    per_counter = [[r for r in rows if r.counter_code == counter_code(c)] for c in range(counters)]
    shifts = tuple(shift(c, per_counter[c], still_open=open_shift and c == counters - 1,
                         voids=sum(r.status == "void" for r in per_counter[c]), reprints=1 if c == 0 and n else 0)
                   for c in range(counters))
    figures = dict(
        office_code=OFFICE[0], office_name=OFFICE[1], business_date=DAY, made_at=at(17, 2, 9), count=len(done),
        total=sum(r.total for r in done), components=components, by_counter=tally(groups["counter"]),
        by_cashier=tally(groups["cashier"]), by_method=tally(groups["method"]), by_tariff=tally(groups["tariff"]),
        by_hour=tally(groups["hour"]), receipts=tuple(rows), shifts=shifts, voids=void_rows,
        reprints=(Tally(rows[0].receipt_no, 1, rows[0].total),) if n else (),
        bill_years=bill_years(done), people=people, tariff_names=TARIFF_NAMES,
        conflicts=(ConflictRow("bayar_ganda", "03-08-100039", 143_500, "menunggu", at(11, 7, 30)),) if n else (),
        waiting=tuple(CounterSync(counter_code(c), 3 if waiting and c == 1 else 0, at(15, 50 + c),
                                  int(open_shift and c == counters - 1)) for c in range(counters)),
        late=tuple(late_rows),
        late_voids=(VoidRow(done[0].receipt_no, done[0].counter_code, done[0].cashier, done[0].total,
                            "Dibatalkan setelah tutup hari atas permintaan pelanggan", "kepala", at(16, 55)),)
        if late and done else ())
    if closed:
        override = f"Loket {counter_code(counters - 1)} lupa menutup shift, kasir sudah pulang" if open_shift else ""
        figures["closing"] = Closing(CLOSED_AT, "kepala", override,
                                     {counter_code(c): seqs[c] - sum(1 for r in late_rows
                                                                     if r.counter_code == counter_code(c))
                                      for c in range(counters)}, closed_by_role="supervisor")
    if deposit and closed:
        cash = sum(t.amount for t in figures["by_method"] if t.label == "cash")
        figures["deposit"] = Deposit(cash, "Bank NTT Cabang Kupang", "STR-20251124-0042", at(16, 50), "kepala")
    return DayFigures(**figures)


def empty_day() -> DayFigures:
    """A day on which nothing was received: no receipts, nothing late, not closed."""
    return day(0, 2, closed=False, late=0, deposit=False)
