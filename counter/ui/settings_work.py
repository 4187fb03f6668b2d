"""What the settings dialog does on the worker, and how it words rules: no Qt here.

- `print_test`: a small test receipt (`test_receipt`) sent to the printer settings
  typed in the dialog, as ESC/POS bytes, the way receipts go;
- `probe_central`: ask central's API who this counter is, with a short timeout;
- `desk_check`: the office, counter and user of changed [desk] settings exist
  in the local store (the desk could not start otherwise);
- `describe_*` and `parse_*`: rules in words, and what a supervisor types.

No widgets here; the words shown on screen are marked for translation in the
context "SettingsWork" and put in the desk's language where they are shown
(`QCoreApplication.translate`, a plain function that any thread may call).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from counter.errors import CounterError, InvalidInput, quoted
from counter.printing.receipt import Receipt, ReceiptLine
from counter.rules.fines import FineScheme, parse_percent, parse_stages, percent_text
from counter.rules.money import format_rupiah, in_words, parse_rupiah
from counter.rules.stamp_duty import StampDutyRule
from counter.services.context import Desk
from counter.services.programmes import InstalmentRule, ProgrammeSpec, current_programmes, spec_of
from counter.sync.link import HttpCentral, load_key
from counter.sync.state import CentralUnreachable



translate = QCoreApplication.translate  # translate("SettingsWork", text): the desk's language

CENTRAL_TEST_TIMEOUT_S = 3

# ---- printer ---------------------------------------------------------------------------------

PRINTER_KINDS = {  # kind -> (label, the fields it needs)
    "none": (QT_TRANSLATE_NOOP("SettingsWork", "Tanpa printer (struk disimpan sebagai PDF)"), ()),
    "network": (QT_TRANSLATE_NOOP("SettingsWork", "Jaringan (LAN / Wi-Fi, port 9100)"), ("host", "port")),
    "usb": ("USB", ("vendor_id", "product_id")),
    "serial": ("Serial (COM / ttyUSB)", ("device", "baudrate")),
    "file": (QT_TRANSLATE_NOOP("SettingsWork", "Berkas perangkat (mis. /dev/usb/lp0)"), ("device",)),
    "windows": (QT_TRANSLATE_NOOP("SettingsWork", "Printer Windows"), ("name",)),
}
PAPERS = {"80mm": QT_TRANSLATE_NOOP("SettingsWork", "80 mm (48 kolom)"),
          "58mm": QT_TRANSLATE_NOOP("SettingsWork", "58 mm (32 kolom)")}
ROLE_WORDS = (  # approval.ROLE_LABELS, for the screen
    QT_TRANSLATE_NOOP("SettingsWork", "kasir"), QT_TRANSLATE_NOOP("SettingsWork", "kepala unit"),
    QT_TRANSLATE_NOOP("SettingsWork", "admin"),
)


def test_receipt(desk: Desk, now: dt.datetime | None = None) -> Receipt:
    """A short receipt that says plainly it is a test, not a proof of payment."""
    moment = (now or desk.now()).astimezone(desk.zone)
    line = ReceiptLine(f"Uji {moment:%m/%Y}", 1200, 1210, 10, 45_000, 12_500, 2_500, 0, 60_000)
    return Receipt(
        utility_name="STRUK UJI PRINTER", office_name=f"Kantor {desk.office_code}",
        office_address="Bukan bukti pembayaran", counter_code=desk.counter_code, cashier_name=desk.username,
        paid_at=moment, receipt_no=f"UJI-{desk.office_code}-{desk.counter_code}-{moment:%Y%m%d%H%M%S}",
        customer_number="00-00-000000", customer_name="CETAK UJI",
        customer_address="Huruf, angka, QR dan potong kertas",
        tariff="-", lines=(line,), waived=0, stamp_duty=0, total=line.amount, tendered=line.amount, change=0,
        method="Uji", reference="", total_in_words=in_words(line.amount), qr_payload="UJI-PRINTER", offline=False,
        footer="Struk uji - bukan bukti pembayaran",
    )


def print_test(desk: Desk, settings: dict, logo: str | None = None) -> tuple[int, str]:
    """Send the test receipt; (bytes sent, the printer's warning or ""). PrinterError / InvalidInput on failure."""
    from counter.printing.escpos_receipt import receipt_bytes
    from counter.printing.printers import send

    if settings.get("kind", "none") == "none":
        raise InvalidInput("Jenis printer 'tanpa printer': tidak ada yang dicetak; struk disimpan sebagai PDF.")
    data = receipt_bytes(test_receipt(desk), paper=settings.get("paper", "80mm"), logo=logo)
    return len(data), send(data, settings)


def printer_place(settings: dict) -> str:
    kind = settings.get("kind")
    if kind == "network":
        return f"{settings.get('host')}:{settings.get('port')}"
    if kind == "usb":
        return f"USB {settings.get('vendor_id')}:{settings.get('product_id')}"
    if kind == "windows":
        return str(settings.get("name"))
    return str(settings.get("device") or kind)


# ---- central ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class CentralProbe:
    shown_url: str
    embedded: bool
    milliseconds: int


def probe_central(url: str, data_dir: Path, allow_plain_http: bool = False,
                  timeout_s: float = CENTRAL_TEST_TIMEOUT_S) -> CentralProbe:
    """Ask central (`url`; empty: the embedded demo file) who this counter is,
    with this counter's device key. CentralUnreachable or InvalidInput in plain
    words when that fails."""
    url = url.strip()
    if not url:
        path = data_dir / "central.sqlite"
        if not path.exists():
            raise CentralUnreachable(f"Berkas pusat {path} belum ada. Pusat demo dibuat dari data loket saat "
                                     "Loket dibuka.")
        started = time.monotonic()
        try:
            with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
                connection.execute("SELECT count(*) FROM office").fetchone()  # a central file, not any file
        except sqlite3.Error as error:
            raise CentralUnreachable(f"Berkas pusat {path} tidak bisa dibaca: {error}") from None
        return CentralProbe(str(path), True, max(1, round((time.monotonic() - started) * 1000)))
    central = HttpCentral(url, load_key(data_dir), timeout_s=timeout_s, allow_plain_http=allow_plain_http)
    started = time.monotonic()
    try:
        central.me()
    finally:
        central.close()
    return CentralProbe(central.url, False, round((time.monotonic() - started) * 1000))


# ---- desk ------------------------------------------------------------------------------------

def desk_check(app, office: str, counter: str) -> Desk:  # noqa: ANN001 - bootstrap.App
    """The desk these [desk] settings would give (NotFound when the office, counter or user is not in the
    local store): the same look-up as when the desk starts, on this store."""
    office, counter = office.strip().upper(), counter.strip().upper()
    for value, what in ((office, "kantor"), (counter, "loket")):
        if not value or len(value) > 16 or not value.replace("-", "").replace("_", "").isalnum():
            raise InvalidInput(f"Kode {what} harus 1-16 huruf/angka, mis. KPG atau L01.")
    config = dataclasses.replace(app.config, desk=dataclasses.replace(app.config.desk, office=office, counter=counter))
    probe = dataclasses.replace(app, config=config)
    probe.__dict__["engine"] = app.engine  # the same store, not a second engine on it
    return probe.desk()


# ---- rules -----------------------------------------------------------------------------------

FINE_KINDS = {"flat": QT_TRANSLATE_NOOP("SettingsWork", "Tetap per rekening"),
              "staged": QT_TRANSLATE_NOOP("SettingsWork", "Bertahap per bulan"),
              "percent": QT_TRANSLATE_NOOP("SettingsWork", "Persen dari rekening"),
              "none": QT_TRANSLATE_NOOP("SettingsWork", "Tanpa denda")}
FINE_MODES = {"freeze": QT_TRANSLATE_NOOP("SettingsWork", "tidak dikenakan selama angsuran berjalan"),
              "waive": QT_TRANSLATE_NOOP("SettingsWork", "dihapuskan"),
              "include": QT_TRANSLATE_NOOP("SettingsWork", "ikut diangsur")}


def describe_fine(fine: FineScheme) -> str:
    rp = format_rupiah
    cap = translate("SettingsWork", ", maks. {amount}").format(amount=rp(fine.maximum)) if fine.maximum else ""
    if fine.kind == "flat":
        return translate("SettingsWork", "{amount} per rekening yang terlambat").format(amount=rp(fine.amount)) + cap
    if fine.kind == "staged":
        return (", ".join(translate("SettingsWork", "+{amount} setelah {months} bulan").format(amount=rp(a), months=m)
                          for m, a in fine.stages) or translate("SettingsWork", "tanpa tahapan")) + cap
    if fine.kind == "percent":
        bounds = translate("SettingsWork", "min. {amount}").format(amount=rp(fine.minimum))
        if fine.maximum:
            bounds += translate("SettingsWork", ", maks. {amount}").format(amount=rp(fine.maximum))
        return translate("SettingsWork", "{percent}% dari rekening ({bounds})").format(
            percent=percent_text(fine.percent_bp), bounds=bounds)
    return translate("SettingsWork", "tidak ada denda")


def describe_stamp_duty(rule: StampDutyRule) -> str:
    return translate("SettingsWork", "{amount} bila jumlah struk lebih dari {threshold}").format(
        amount=format_rupiah(rule.amount), threshold=format_rupiah(rule.threshold))


def describe_instalments(rule: InstalmentRule) -> str:
    fines = FINE_MODES.get(rule.fine_mode)
    return translate("SettingsWork", "maks. {n} kali, uang muka min. {pct}%, denda {fines}, "
                                     "batal bila terlambat lebih dari {days} hari").format(
        n=rule.max_terms, pct=rule.min_down_payment_pct,
        fines=translate("SettingsWork", fines) if fines else rule.fine_mode, days=rule.grace_days)


def fine_scheme(kind: str, amount: str, stages: str, percent: str, minimum: str, maximum: str) -> FineScheme:
    """The scheme from what was typed; InvalidInput in plain words."""
    try:
        if kind == "flat":
            if not amount.strip():
                raise InvalidInput(translate("SettingsWork", "Isi jumlah denda."))
            return FineScheme("flat", amount=parse_rupiah(amount))
        if kind == "staged":
            return FineScheme("staged", amount=0, stages=parse_stages(stages))
        if kind == "percent":
            return FineScheme("percent", amount=0, percent_bp=parse_percent(percent),
                              minimum=parse_rupiah(minimum) if minimum.strip() else 0,
                              maximum=parse_rupiah(maximum) if maximum.strip() else 0)
        if kind == "none":
            return FineScheme("none", amount=0)
    except ValueError as error:
        if isinstance(error, CounterError):
            raise
        if "below" in str(error):
            raise InvalidInput(translate(
                "SettingsWork", "Aturan denda tidak valid: denda maksimal di bawah denda minimal.")) from None
        raise InvalidInput(translate(
            "SettingsWork", "Aturan denda tidak valid: jumlah harus Rupiah bulat, tidak negatif.")) from None
    raise InvalidInput(translate("SettingsWork", "Jenis denda tidak dikenal: {kind}.").format(kind=quoted(kind)))


# ---- programmes ------------------------------------------------------------------------------

@dataclass(frozen=True)
class ProgrammeView:
    """The latest version of a programme, as plain data for the screen."""

    spec: ProgrammeSpec
    version: int
    changed_by: str
    changed_at: dt.datetime | None

    def state(self, today: dt.date) -> str:
        """berakhir, belum berlaku or berlaku (translate with the context "SettingsWork" to show)."""
        if self.spec.valid_to < today:
            return QT_TRANSLATE_NOOP("SettingsWork", "berakhir")
        if self.spec.valid_from > today:
            return QT_TRANSLATE_NOOP("SettingsWork", "belum berlaku")
        return QT_TRANSLATE_NOOP("SettingsWork", "berlaku")


def programme_views(app) -> list[ProgrammeView]:  # noqa: ANN001 - bootstrap.App
    with app.uow() as uow:
        return [ProgrammeView(spec_of(p), p.version, p.changed_by or "", p.changed_at)
                for p in current_programmes(uow.session)]


def codes(text: str) -> tuple[str, ...]:
    """`r1, R2 ,N1` -> ("R1", "R2", "N1")."""
    return tuple(part.strip().upper() for part in text.replace(";", ",").split(",") if part.strip())
