"""Central's day across offices and channels, as plain frozen data
(`central.finance.central_day` fills it; the PDF in `central_day_pdf` and the CSV
here print it), beside each office's cash closing, which stays about the
counters' cash.

`central_day_csv`: `section,code,label,count,amount` rows (the summary CSV's
header with the office's or channel's code added), RFC 4180 as the other
finance CSVs:

    kantor,KPG,<method>,N,Rp        completed counter payments per method (cash, transfer, qris, debit):
                                    what the method brought in (their totals less the credit they used)
    kantor,KPG,credit,N,Rp          customer credit the payments used (only when any): part of their totals, no money
    kantor,KPG,diterima,N,Rp        all completed counter payments of the office: the lines above summed
    kantor,KPG,pembulatan,,Rp       of that, the cash rounding (signed)
    kantor,KPG,batal,N,Rp           voided payments (not in any sum)
    kantor,KPG,pengembalian_uang,N,Rp   cash paid back from the drawers
    kantor,KPG,setoran,N,Rp         deposits recorded for the day (only when there are any)
    kantor,KPG,rekening_dibayar,N,  bill lines of the completed payments
    kantor,KPG,tutup_kas,1|0,       the office day signed off (1) or not yet (0)
    kanal,BANK-NTT,diterima,N,Rp    completed channel payments
    kanal,BANK-NTT,dibatalkan,N,Rp  reversed by the channel (not in any sum)
    kanal,BANK-NTT,rekening_dibayar,N,
    kanal,BANK-NTT,rekonsiliasi,1|0,   the channel's settlement file reconciled for the day
    komponen,,air|beban|pemeliharaan_meter|administrasi|denda|angsuran|uang_muka|biaya_lain|meterai|pembulatan,,Rp
    komponen,,jumlah_diterima,,Rp   the components above summed: jumlah,,diterima
    komponen,,keringanan_tidak_diterima,,Rp
    jumlah,,loket|kanal|diterima,N,Rp
    jumlah,,kredit_dipakai,N,Rp     of diterima, customer credit used (no money), N payments
    jumlah,,uang_diterima,,Rp       the money taken: diterima - kredit_dipakai
    jumlah,,rekening_dibayar,N,

With `office` set (`--office`), the report is that office's alone: its
counters, and the channels' payments for its customers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from counter.printing.day_figures import Tally
from counter.printing.day_report_csv import safe
from counter.rules.payment_methods import CREDIT


@dataclass(frozen=True)
class OfficeDay:
    """One office's counter payments of the day."""

    code: str
    name: str
    by_method: tuple[Tally, ...]  # completed payments per method code: what each brought in; then CREDIT, if any
    voids: Tally  # voided payments: listed, in no sum
    refunds: Tally  # cash paid back to customers from the office's drawers
    deposits: Tally  # deposits recorded for the day (count 0: none yet)
    bills: int  # bill lines of the completed payments
    closed: bool  # the office day is signed off
    rounding: int = 0  # cash rounding of the completed payments (signed): part of their total

    @property
    def count(self) -> int:
        return sum(t.count for t in self.by_method if t.label != CREDIT)  # credit is part of payments counted

    @property
    def credit_used(self) -> int:
        return sum(t.amount for t in self.by_method if t.label == CREDIT)

    @property
    def total(self) -> int:
        return sum(t.amount for t in self.by_method)


@dataclass(frozen=True)
class ChannelDay:
    """One channel's payments of the day (central's business date)."""

    code: str
    name: str
    count: int  # completed payments
    total: int
    reversed: Tally  # payments the channel reversed: listed, in no sum
    bills: int  # bills paid by the completed payments
    settled: bool  # the channel's settlement file for the day is reconciled


@dataclass(frozen=True)
class Components:
    """What the day's completed payments, counters' and channels', were made of."""

    water: int
    standing: int
    meter: int
    admin: int
    fines: int
    terms: int
    down_payments: int
    stamp_duty: int
    waived: int  # waived by relief on the plans whose first term was paid: not collected, in no sum
    rounding: int = 0  # cash rounding (signed), part of the payments' totals
    charges: int = 0  # other charges (biaya lain) paid at the counters

    @property
    def collected(self) -> int:
        """The payments' totals: customer credit used is part of it."""
        return (self.water + self.standing + self.meter + self.admin + self.fines + self.terms
                + self.down_payments + self.charges + self.stamp_duty + self.rounding)


@dataclass(frozen=True)
class CentralDay:
    business_date: dt.date
    made_at: dt.datetime  # in central's time zone
    utility: str
    offices: tuple[OfficeDay, ...]
    channels: tuple[ChannelDay, ...]
    components: Components
    office: str = ""  # the one office the report is limited to; "" for all

    @property
    def counter_count(self) -> int:
        return sum(o.count for o in self.offices)

    @property
    def counter_total(self) -> int:
        return sum(o.total for o in self.offices)

    @property
    def channel_count(self) -> int:
        return sum(c.count for c in self.channels)

    @property
    def channel_total(self) -> int:
        return sum(c.total for c in self.channels)

    @property
    def count(self) -> int:
        return self.counter_count + self.channel_count

    @property
    def total(self) -> int:
        return self.counter_total + self.channel_total

    @property
    def credit_used(self) -> int:
        """Customer credit the counter payments used: part of the total, no money (channels take none)."""
        return sum(o.credit_used for o in self.offices)

    @property
    def credit_count(self) -> int:
        return sum(t.count for o in self.offices for t in o.by_method if t.label == CREDIT)

    @property
    def received(self) -> int:
        """The money taken: the total less the customer credit used."""
        return self.total - self.credit_used

    @property
    def bills(self) -> int:
        return sum(o.bills for o in self.offices) + sum(c.bills for c in self.channels)

    @property
    def empty(self) -> bool:
        """Nothing at all was recorded for the day: no payment, void, reversal, refund or deposit."""
        return not any(o.count or o.voids.count or o.refunds.count or o.deposits.count for o in self.offices) \
            and not any(c.count or c.reversed.count for c in self.channels)


def central_day_csv(day: CentralDay) -> str:
    """The day report as `section,code,label,count,amount` CSV text (header first)."""
    rows: list[tuple] = [("section", "code", "label", "count", "amount")]
    for o in day.offices:
        rows += [("kantor", o.code, t.label, t.count, t.amount) for t in o.by_method]
        rows += [("kantor", o.code, "diterima", o.count, o.total),
                 ("kantor", o.code, "pembulatan", "", o.rounding),
                 ("kantor", o.code, "batal", o.voids.count, o.voids.amount),
                 ("kantor", o.code, "pengembalian_uang", o.refunds.count, o.refunds.amount)]
        if o.deposits.count:
            rows.append(("kantor", o.code, "setoran", o.deposits.count, o.deposits.amount))
        rows += [("kantor", o.code, "rekening_dibayar", o.bills, ""),
                 ("kantor", o.code, "tutup_kas", int(o.closed), "")]
    for c in day.channels:
        rows += [("kanal", c.code, "diterima", c.count, c.total),
                 ("kanal", c.code, "dibatalkan", c.reversed.count, c.reversed.amount),
                 ("kanal", c.code, "rekening_dibayar", c.bills, ""),
                 ("kanal", c.code, "rekonsiliasi", int(c.settled), "")]
    k = day.components
    rows += [("komponen", "", label, "", amount) for label, amount in (
        ("air", k.water), ("beban", k.standing), ("pemeliharaan_meter", k.meter), ("administrasi", k.admin),
        ("denda", k.fines), ("angsuran", k.terms), ("uang_muka", k.down_payments), ("biaya_lain", k.charges),
        ("meterai", k.stamp_duty), ("pembulatan", k.rounding), ("jumlah_diterima", k.collected),
        ("keringanan_tidak_diterima", k.waived))]
    rows += [("jumlah", "", "loket", day.counter_count, day.counter_total),
             ("jumlah", "", "kanal", day.channel_count, day.channel_total),
             ("jumlah", "", "diterima", day.count, day.total),
             ("jumlah", "", "kredit_dipakai", day.credit_count, day.credit_used),
             ("jumlah", "", "uang_diterima", "", day.received),
             ("jumlah", "", "rekening_dibayar", day.bills, "")]
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # the excel dialect: RFC 4180
    for row in rows:
        writer.writerow([safe(cell) if isinstance(cell, str) else cell for cell in row])
    return buffer.getvalue()
