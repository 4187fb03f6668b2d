"""Settings: a TOML file, every value overridable on the command line.

Where the file lives: `--config FILE`, else `DATA_DIR/config.toml` when
`--data-dir` is given (so one folder holds everything of one counter), else
`config.toml` in the platform's user config folder.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs

from counter.errors import InvalidInput
from counter.rules.money import MAX_AMOUNT, MAX_PAYMENT
from counter.rules.settlement import DEFAULT_ROUNDING_UNIT, check_rounding_unit
from counter.store.files import owner_only, private_folder, reason, write_private

APP = "counter"


@dataclass(frozen=True)
class StoreSettings:
    data_dir: Path = field(default_factory=lambda: Path(platformdirs.user_data_dir(APP)))

    @property
    def local_path(self) -> Path:
        return self.data_dir / "counter.sqlite"


@dataclass(frozen=True)
class DeskSettings:
    office: str = "KPG"  # office code
    counter: str = "L01"  # counter (loket) code
    user: str = "kasir1"  # the user at this desk
    timezone: str = "Asia/Makassar"  # business dates are local dates (WITA for Kupang)
    language: str = "id"  # the desk's screens: id (Bahasa Indonesia) | en (English)


@dataclass(frozen=True)
class BillingSettings:
    due_day: int = 20  # bills fall due on this day of their month


@dataclass(frozen=True)
class CentralSettings:
    url: str = ""  # central's API, https://...; empty: the embedded demo central (DATA_DIR/central.sqlite)
    allow_plain_http: bool = False  # http:// to another machine (a closed network); loopback is always allowed
    timeout_ms: int = 1000  # how long the desk waits for central before using its replica
    interval_s: int = 10  # seconds between background syncs


@dataclass(frozen=True)
class PrinterSettings:
    kind: str = "none"  # none | usb | serial | network | file | windows
    paper: str = "80mm"  # 80mm (48 columns) | 58mm (32 columns)
    host: str = ""  # network
    port: int = 9100  # network
    device: str = ""  # serial (/dev/ttyUSB0, COM3) or file (/dev/usb/lp0)
    baudrate: int = 9600  # serial
    vendor_id: str = ""  # usb, hex, e.g. 0x0416
    product_id: str = ""  # usb, hex
    name: str = ""  # windows printer name
    timeout_ms: int = 3000  # network and USB: how long one read or write may take
    status_timeout_ms: int = 500  # network, serial, USB: wait this long for the paper status; 0: do not ask
    cash_drawer: str = "pin2"  # pin2 | pin5 | none: the drawer port pin the cash drawer opens on (cash originals)


@dataclass(frozen=True)
class ReceiptSettings:
    logo: str = ""  # image file printed at the top of every receipt; relative to store.data_dir; empty: none
    head_office: str = ""  # the utility's head office address, printed at the foot of receipts; empty: none
    call_centre: str = ""  # the utility's call centre number, printed at the foot of receipts; empty: none


@dataclass(frozen=True)
class SecuritySettings:
    lockout_attempts: int = 5  # wrong PINs in a row that lock a user
    lockout_minutes: int = 15  # for this long
    idle_lock_minutes: int = 5  # the desk locks after this long without a key or click; 0: never


@dataclass(frozen=True)
class ClosingSettings:
    variance_limit: int = 10_000  # a shift's cash over or short by more than this needs a reason


@dataclass(frozen=True)
class PaymentSettings:
    max_amount: int = MAX_PAYMENT  # Rupiah: the most one payment may take (cash tendered or total); more is refused
    closed_arrears: bool = True  # a closed connection's arrears may still be paid at the counter
    cash_rounding: int = DEFAULT_ROUNDING_UNIT  # Rupiah: cash is rounded to this (0, 50, 100, 500, 1000); 0: none


@dataclass(frozen=True)
class Config:
    store: StoreSettings = field(default_factory=StoreSettings)
    desk: DeskSettings = field(default_factory=DeskSettings)
    billing: BillingSettings = field(default_factory=BillingSettings)
    central: CentralSettings = field(default_factory=CentralSettings)
    printer: PrinterSettings = field(default_factory=PrinterSettings)
    receipt: ReceiptSettings = field(default_factory=ReceiptSettings)
    security: SecuritySettings = field(default_factory=SecuritySettings)
    closing: ClosingSettings = field(default_factory=ClosingSettings)
    payment: PaymentSettings = field(default_factory=PaymentSettings)
    source: Path | None = None  # the file read, if any

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.desk.timezone)


DEFAULT_TEXT = """\
# counter settings. Every value may be overridden on the command line:
#   counter -o desk.counter=L02 ...
[store]
# data_dir = "/path/to/folder"   # where the local store of this counter lives

[desk]
office = "KPG"            # office (unit) code
counter = "L01"           # counter (loket) code
user = "kasir1"           # user at this desk
timezone = "Asia/Makassar"
# language = "id"         # screens of the desk: id (Bahasa Indonesia) | en (English)

[billing]
due_day = 20

[central]
# url = "https://pusat.pdam.example"   # set by 'counter sync enrol URL CODE'
# empty: an embedded central in the data folder (demo, no server)
timeout_ms = 1000
interval_s = 10

[printer]
kind = "none"             # none | usb | serial | network | file | windows; none: receipts become PDFs
paper = "80mm"            # 80mm | 58mm
# host = "192.168.1.50"   # network (port 9100)
# device = "/dev/usb/lp0" # file, or serial port
cash_drawer = "pin2"      # pin2 | pin5 | none: the original receipt of a cash payment opens the drawer

[receipt]
# logo = "logo.png"       # printed at the top of receipts (PNG, black on white); relative to the data folder
# head_office = "Jl. Timor Raya No. 1, Kupang"  # at the foot of receipts; empty: not printed
# call_centre = "(0380) 821234"                 # at the foot of receipts; empty: not printed

[security]
lockout_attempts = 5      # wrong PINs in a row that lock a user ...
lockout_minutes = 15      # ... for this long
idle_lock_minutes = 5     # the desk locks after this long idle; 0: never

[closing]
variance_limit = 10000    # Rupiah: a shift's cash over or short by more needs a reason

[payment]
max_amount = 100000000    # Rupiah: the most one payment may take (cash tendered or total)
closed_arrears = true     # a closed connection's arrears may still be paid
cash_rounding = 100       # Rupiah: cash is rounded to the nearest 0 | 50 | 100 | 500 | 1000 (halves down); 0: none
"""


def default_path(data_dir: Path | None) -> Path:
    if data_dir is not None:
        return data_dir / "config.toml"
    return Path(platformdirs.user_config_dir(APP)) / "config.toml"


def _coerce(value: str, like: object) -> object:
    if isinstance(like, bool):
        return value.lower() in ("1", "true", "yes", "ya")
    if isinstance(like, int):
        return int(value)
    if isinstance(like, Path):
        return Path(value)
    return value


def load(
    *,
    config_file: Path | None = None,
    data_dir: Path | None = None,
    overrides: list[str] = (),
    create: bool = True,
) -> Config:
    """Read the config file (writing a commented default if missing) and apply
    `section.key=value` overrides, then `data_dir` (the command line wins)."""
    path = config_file or default_path(data_dir)
    values: dict[str, dict[str, object]] = {}
    try:
        if path.exists():
            owner_only(path)  # it may hold the office's settings and, later, secrets: its owner's alone
            values = tomllib.loads(path.read_text(encoding="utf-8"))
        elif create:
            private_folder(path.parent)
            write_private(path, DEFAULT_TEXT.encode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"Berkas pengaturan {path} rusak: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        why = reason(exc) if isinstance(exc, OSError) else "bukan teks UTF-8"
        raise InvalidInput(f"Berkas pengaturan {path} tidak dapat dipakai ({why}); periksa --data-dir dan "
                           "--config.") from exc
    for item in overrides:
        key, sep, value = item.partition("=")
        section, dot, name = key.strip().partition(".")
        if not sep or not dot:
            raise InvalidInput(f"Pengaturan {item!r} harus berbentuk bagian.nama=nilai.")
        values.setdefault(section, {})[name] = value
    if data_dir is not None:
        values.setdefault("store", {})["data_dir"] = str(data_dir)
    known_sections = {f.name for f in dataclasses.fields(Config)} - {"source"}
    unknown_sections = set(values) - known_sections
    if unknown_sections:
        raise InvalidInput(f"Bagian pengaturan tidak dikenal: [{sorted(unknown_sections)[0]}]")

    sections = {}
    for spec in dataclasses.fields(Config):
        if spec.name == "source":
            continue
        default = spec.default_factory()
        given = dict(values.get(spec.name, {}))
        known = {f.name for f in dataclasses.fields(default)}
        unknown = set(given) - known
        if unknown:
            raise InvalidInput(f"Pengaturan tidak dikenal: {spec.name}.{sorted(unknown)[0]}")
        try:
            coerced = {k: _coerce(str(v), getattr(default, k)) for k, v in given.items()}
        except ValueError as exc:
            raise InvalidInput(f"Nilai pengaturan di [{spec.name}] tidak valid: {exc}") from exc
        sections[spec.name] = dataclasses.replace(default, **coerced)
    logo = sections["receipt"].logo.strip()
    if logo:  # one folder holds everything of one counter: a relative logo lives there too
        logo = str(sections["store"].data_dir / Path(logo).expanduser())
    sections["receipt"] = dataclasses.replace(sections["receipt"], logo=logo)
    config = Config(**sections, source=path if path.exists() else None)
    try:
        config.zone
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidInput(f"Zona waktu tidak dikenal: {config.desk.timezone}") from exc
    if config.central.url and not config.central.url.startswith(("https://", "http://")):
        raise InvalidInput("central.url adalah alamat API pusat (https://...), bukan basis data; daftarkan "
                           "loket dengan 'counter sync enrol URL KODE' (docs/operations.md).")
    if config.central.timeout_ms < 100 or config.central.interval_s < 1:
        raise InvalidInput("central.timeout_ms minimal 100 dan central.interval_s minimal 1.")
    if config.printer.cash_drawer.strip().lower() not in ("none", "pin2", "pin5"):
        raise InvalidInput("Laci kas (printer.cash_drawer) harus pin2, pin5 atau none.")
    if config.desk.language not in ("id", "en"):
        raise InvalidInput("Bahasa (desk.language) harus id atau en.")
    if config.closing.variance_limit < 0:
        raise InvalidInput("Batas selisih kas (closing.variance_limit) tidak boleh negatif.")
    if not 1_000 <= config.payment.max_amount <= MAX_AMOUNT:
        raise InvalidInput("Batas pembayaran (payment.max_amount) harus antara Rp 1.000 dan Rp 10.000.000.000.000.")
    check_rounding_unit(config.payment.cash_rounding)
    if not 1 <= config.billing.due_day <= 28:
        raise InvalidInput("Tanggal jatuh tempo (billing.due_day) harus 1 sampai 28.")
    return config
