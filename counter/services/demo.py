"""A realistic demo utility (Kupang-like), deterministic from a seed.

Customers are made in Python (names, addresses, how much each uses and owes);
their 24 months of bills are made by SQLite itself with one INSERT ... SELECT
per chunk, pricing usage with an SQL expression built from the same tariff
blocks that `rules.tariff` uses. That keeps a million customers within minutes.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from uuid6 import uuid7

from counter.errors import InvalidInput
from counter.models import (
    Bill, Counter, Customer, FineSchemeRow, Office, ReliefProgramme, StampDutyRow, TariffBlock, TariffGroup,
    TariffVersion, User,
)
from counter.rules.fines import stages_from_table
from counter.rules.period import add_months, due_date, period_of
from counter.rules.tariff import Block
from counter.rules.text import fold, key
from counter.services.approval import hash_secret
from counter.services.demo_names import DISTRICTS, name_and_address
from counter.services.programmes import PROGRAMME_FIELDS, current_programmes
from counter.store.uow import UnitOfWork

MONTHS = 24
ADMIN_FEE = 2_500
TARIFF_FROM = dt.date(2020, 1, 1)  # the demo utility's tariff decree (SK tarif): every bill is priced by it
# Niaga Besar's own fine, as the utility publishes it (the fine at N months late), capped per bill
N2_FINE_TABLE, N2_FINE_CAP = "0:15000,1:25000,3:40000,6:60000", 50_000
DEMO_PIN = "123456"  # every demo cashier's PIN (kasir1..kasir4)
DEMO_PASSWORD = "kepala123"  # the demo supervisor's ("kepala") and admin's password
CHUNK = 20_000  # customers per transaction (fewer for a small demo, so progress moves)
MAX_CUSTOMERS = 1_000_000


@dataclass(frozen=True)
class GroupSpec:
    code: str
    name: str
    category: str
    share: int  # per mille of customers
    minimum_m3: int
    standing_charge: int
    meter_fee: int
    prices: tuple[int, int, int, int]  # 0-10, 11-20, 21-30, >30 m3
    usage: tuple[int, int]  # typical monthly m3, low-high
    fine_exempt: bool = False

    @property
    def blocks(self) -> tuple[Block, ...]:
        return tuple(Block(upper, price) for upper, price in zip((10, 20, 30, None), self.prices))


GROUPS = (
    GroupSpec("S1", "Sosial Umum", "Kelompok I", 20, 10, 5_000, 5_000, (2_000, 2_500, 3_000, 3_500), (10, 40), True),
    GroupSpec("S2", "Sosial Khusus", "Kelompok I", 30, 10, 6_000, 5_000, (2_200, 2_700, 3_200, 3_700), (10, 40)),
    GroupSpec("R1", "Rumah Tangga 1", "Kelompok II", 250, 10, 10_000, 5_000, (3_100, 4_300, 5_500, 6_900), (6, 25)),
    GroupSpec("R2", "Rumah Tangga 2", "Kelompok II", 400, 10, 12_500, 5_000, (3_600, 4_900, 6_200, 7_800), (8, 30)),
    GroupSpec("R3", "Rumah Tangga 3", "Kelompok II", 150, 10, 15_000, 7_500, (4_300, 5_600, 7_200, 9_000), (10, 40)),
    GroupSpec("N1", "Niaga Kecil", "Kelompok III", 80, 10, 25_000, 10_000, (6_500, 7_800, 9_100, 10_500), (15, 80)),
    GroupSpec("N2", "Niaga Besar", "Kelompok III", 30, 20, 40_000, 15_000, (8_000, 9_500, 11_000, 12_500), (40, 200)),
    GroupSpec("I1", "Industri", "Kelompok III", 10, 30, 60_000, 20_000, (10_000, 11_500, 13_000, 14_500), (80, 450)),
    GroupSpec("K1", "Instansi Pemerintah", "Khusus", 30, 10, 30_000, 10_000, (6_000, 7_000, 8_000, 9_000), (20, 120)),
)

# How many months an arrears customer owes (beyond the current one), with weights.
ARREARS_MONTHS = ((1, 30), (2, 20), (3, 12), (4, 7), (5, 6), (6, 5), (9, 8), (12, 5), (18, 4), (23, 3))


@dataclass(frozen=True)
class DemoSummary:
    customers: int
    bills: int
    unpaid_bills: int
    sealed: int
    first_period: int
    last_period: int


def water_charge_sql(blocks: tuple[Block, ...], minimum_m3: int, usage: str) -> str:
    """`rules.tariff.water_charge` as an SQL expression over the column `usage`."""
    billed = f"MAX({usage}, {minimum_m3})"
    terms, lower = [], 0
    for block in blocks:
        upper = billed if block.up_to_m3 is None else f"MIN({billed}, {block.up_to_m3})"
        terms.append(f"MAX({upper} - {lower}, 0) * {block.price_per_m3}")
        lower = block.up_to_m3 or lower
    return " + ".join(terms)


def _reference_data(session) -> dict[str, int]:  # noqa: ANN001
    office = Office(code="KPG", name="Unit Pelayanan Kota Kupang", address="Jl. Timor Raya No. 1, Oesapa",
                    utility_name="Perumda Air Minum Demo Kupang")
    session.add(office)
    session.flush()
    session.add_all(Counter(office_id=office.id, code=f"L{n:02d}", name=f"Loket {n}") for n in range(1, 5))
    users = [("kasir1", "Siti Nurhaliza Bessie", "cashier"), ("kasir2", "Yohana Manafe", "cashier"),
             ("kasir3", "Marthen Ndolu", "cashier"), ("kasir4", "Agustinus Foeh", "cashier"),
             ("kepala", "Paulus Fanggidae", "supervisor"), ("admin", "Admin Sistem", "admin")]
    pin, password = hash_secret(DEMO_PIN, "cashier"), hash_secret(DEMO_PASSWORD, "admin")  # shared by all
    session.add_all(User(username=u, full_name=n, role=r, office_id=office.id,
                         password_hash=pin if r == "cashier" else password) for u, n, r in users)
    ids = {}
    for spec in GROUPS:
        tariff = dict(minimum_m3=spec.minimum_m3, standing_charge=spec.standing_charge, meter_fee=spec.meter_fee,
                      admin_fee=ADMIN_FEE)
        group = TariffGroup(
            code=spec.code, name=spec.name, category=spec.category, fine_exempt=spec.fine_exempt, **tariff,
            blocks=[TariffBlock(seq=i, up_to_m3=b.up_to_m3, price_per_m3=b.price_per_m3)
                    for i, b in enumerate(spec.blocks, 1)],
        )
        session.add(group)
        session.flush()
        ids[spec.code] = group.id
        # the same tariff as a dated version: what `counter tariff price` and reading-priced imports read
        session.add(TariffVersion(tariff_group_id=group.id, valid_from=TARIFF_FROM, **tariff,
                                  blocks=[[b.up_to_m3, b.price_per_m3] for b in spec.blocks]))
    session.add(FineSchemeRow(valid_from=dt.date(2020, 1, 1), kind="flat", amount=10_000))
    session.add(FineSchemeRow(tariff_group_id=ids["N2"], valid_from=dt.date(2020, 1, 1), kind="staged", amount=0,
                              stages=[list(s) for s in stages_from_table(N2_FINE_TABLE)], maximum=N2_FINE_CAP))
    session.add(StampDutyRow(valid_from=dt.date(2021, 1, 1), threshold=5_000_000, amount=10_000))
    ids["office"] = office.id
    return ids


# The other charges (biaya lain) every demo customer may pay, and the business groups' own unseal fee.
CHARGES = (
    ("SAMBUNG-KEMBALI", "Biaya penyambungan kembali", 150_000, None),
    ("BUKA-SEGEL", "Biaya buka segel", 100_000, None),
    ("SAMBUNG-BARU", "Biaya sambungan baru", 1_500_000, None),
    ("BALIK-NAMA", "Biaya balik nama", 50_000, None),
    ("GANTI-METER", "Biaya ganti meter", 350_000, None),
    ("DENDA-SEGEL", "Denda merusak segel", 500_000, None),
    *(("BUKA-SEGEL", "Biaya buka segel niaga/industri", 250_000, code) for code in ("N1", "N2", "I1")),
)


def _charge_catalogue(session, ids: dict[str, int]) -> None:  # noqa: ANN001
    """The catalogue of other charges, in force from the demo's first day of rules."""
    from counter.models import ChargeType

    session.add_all(ChargeType(code=code, name=name, amount=amount, tariff_group_id=ids[group] if group else None,
                               valid_from=dt.date(2020, 1, 1)) for code, name, amount, group in CHARGES)


def _customer_rows(rng: random.Random, first_id: int, count: int, ids: dict[str, int], pending: bool,
                   seed: int = 0):
    """Customer rows and, per customer, (base usage, first reading, unpaid months)."""
    groups = [spec for spec in GROUPS for _ in range(spec.share)]
    districts = list(DISTRICTS.items())
    customers, plans = [], []
    for cid in range(first_id, first_id + count):
        spec = rng.choice(groups)
        d_index = rng.randrange(len(districts))
        district, villages = districts[d_index]
        v_index = rng.randrange(len(villages))
        name, address = name_and_address(rng)
        number = f"{d_index + 1:02d}-{v_index + 1:02d}-{cid:06d}"
        meter = f"{rng.choice('ABCM')}{rng.randint(12, 25):02d}{cid:07d}"
        in_arrears = rng.random() < 0.40
        owed = rng.choices([m for m, _ in ARREARS_MONTHS], [w for _, w in ARREARS_MONTHS])[0] if in_arrears else 0
        # Whether this month's not yet overdue bill is still open comes from the customer's
        # number, not from `rng`: so the customers (numbers, names, arrears, seals) are the
        # same whatever day the demo is made on.
        unpaid = min(MONTHS, owed + (1 if pending and (in_arrears or _coin(cid, seed)) else 0))
        roll = rng.random()
        status = ("closed" if roll < 0.005 else "temporarily_closed" if roll < 0.015
                  else "sealed" if owed >= 3 and roll < 0.75 else "active")
        customers.append((
            cid, number, key(number), meter, key(meter), name, address, villages[v_index], district,
            ids[spec.code], ids["office"], status, rng.randint(1, 9), 0,
            fold(name), fold(f"{address} {villages[v_index]} {district}"),
        ))
        plans.append((cid, ids[spec.code], rng.randint(*spec.usage), rng.randint(0, 9000), unpaid))
    return customers, plans


def _coin(cid: int, seed: int) -> bool:
    """A fair coin for customer `cid`, without drawing from the demo's random sequence."""
    return (cid * 2654435761 + seed * 40503) % 2**32 >= 2**31


_CUSTOMER_COLUMNS = (
    "id, number, number_key, meter_no, meter_key, name, address, village, district,"
    " tariff_group_id, office_id, status, household_size, fine_exempt, search_name, search_place"
)


def _bills_sql(ids: dict[str, int], seed: int) -> str:
    # d(i) is a deterministic wobble in 0..4; usage(i) = base + d(i) - d(i-1) makes the
    # meter readings a closed form: start(i) = first + base*i + d(i-1).
    def wobble(i: str) -> str:
        return f"((p.id * 2654435761 + ({i}) * 40503 + {seed % 1_000_003}) % 5)"

    charge = " ".join(
        f"WHEN {ids[s.code]} THEN {water_charge_sql(s.blocks, s.minimum_m3, 'u.usage')}" for s in GROUPS
    )
    return f"""
        INSERT INTO bill (customer_id, period, meter_start, meter_end, usage_m3, water_charge,
            standing_charge, meter_fee, admin_fee, due_date, status)
        SELECT u.id, u.period, u.meter_start, u.meter_start + u.usage, u.usage,
            CASE u.group_id {charge} END, g.standing_charge, g.meter_fee, {ADMIN_FEE}, u.due,
            CASE WHEN u.idx >= {MONTHS} - u.unpaid THEN 'unpaid' ELSE 'paid' END
        FROM (
            SELECT p.id, p.group_id, p.unpaid, m.idx, m.period, m.due,
                p.first + p.base * m.idx + {wobble('m.idx - 1')} AS meter_start,
                p.base + {wobble('m.idx')} - {wobble('m.idx - 1')} AS usage
            FROM demo_plan p, demo_month m
        ) u JOIN tariff_group g ON g.id = u.group_id
        ORDER BY u.id, u.period
    """


def _programmes_around(session, as_of: dt.date) -> int:  # noqa: ANN001
    """The relief programmes shipped with the store (migration 0007) have fixed
    dates; a programme already over by the demo's today gets a new version
    running around it: from a week before, as long as the shipped one ran.
    Programmes still running or yet to start are left as shipped. Returns how
    many versions were added."""
    added = 0
    for programme in current_programmes(session):
        if programme.valid_to >= as_of:
            continue
        shift = as_of - dt.timedelta(days=7) - programme.valid_from
        values = {f: getattr(programme, f) for f in PROGRAMME_FIELDS}
        for name in ("valid_from", "valid_to", "arrears_before", "discount_before"):
            if values[name] is not None:
                values[name] = values[name] + shift
        values["name"] = values["name"].replace(str(programme.valid_from.year), str(values["valid_from"].year))
        session.add(ReliefProgramme(**values, id=uuid7(), code=programme.code, version=programme.version + 1,
                                    changed_by="demo", changed_at=None, change_seq=0))
        added += 1
    return added


def reopen_day_in_scratch_copy(uow: UnitOfWork, office_id: int, day: dt.date) -> bool:
    """Take away `day`'s sign-off (and deposit) of the office, so a shift can be opened that
    day. Only for a scratch copy of a store (the desk's screenshots): never on a real one.
    Whether there was one."""
    from sqlalchemy import delete

    from counter.models.shift import DayClosing, Deposit

    with uow.writing():
        closed = uow.session.scalar(select(func.count()).select_from(DayClosing).where(
            DayClosing.office_id == office_id, DayClosing.business_date == day))
        if not closed:
            return False
        for table in (Deposit, DayClosing):
            uow.session.execute(delete(table).where(table.office_id == office_id, table.business_date == day))
        uow.commit()
        return True


def store_is_empty(uow: UnitOfWork) -> bool:
    """True when the local store has no office yet (nothing imported, no demo)."""
    with uow:
        return not uow.session.scalar(select(func.count()).select_from(Office))


def create_demo(
    uow: UnitOfWork,
    customers: int = 20_000,
    seed: int = 2025,
    as_of: dt.date | None = None,
    due_day: int = 20,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill an empty local store with a demo utility of `customers` connections."""
    if isinstance(customers, bool) or not isinstance(customers, int) or not 1 <= customers <= MAX_CUSTOMERS:
        raise InvalidInput(f"Jumlah pelanggan demo harus 1 sampai {MAX_CUSTOMERS:,}.".replace(",", "."))
    as_of = as_of or dt.date.today()
    last = period_of(as_of)
    periods = [add_months(last, i - MONTHS + 1) for i in range(MONTHS)]
    pending = due_date(last, due_day) >= as_of  # this month's bill is not yet overdue
    rng = random.Random(seed)
    with uow.writing():
        session = uow.session
        if session.scalar(select(func.count()).select_from(Office)):
            raise InvalidInput("Data lokal sudah berisi data; demo hanya dibuat di data kosong (pakai --replace).")
        ids = _reference_data(session)
        _charge_catalogue(session, ids)
        _programmes_around(session, as_of)
        uow.commit()
    # The bulk goes through the driver: one transaction per chunk keeps the WAL small.
    raw = uow.engine.raw_connection()
    try:
        db = raw.driver_connection
        db.execute("CREATE TEMP TABLE demo_month (idx INTEGER, period INTEGER, due TEXT)")
        db.executemany("INSERT INTO demo_month VALUES (?, ?, ?)",
                       [(i, p, due_date(p, due_day).isoformat()) for i, p in enumerate(periods)])
        # Customers are staged and copied with one INSERT ... SELECT: row-by-row inserts
        # fire the search-index triggers far more slowly.
        db.execute(f"CREATE TEMP TABLE demo_customer AS SELECT {_CUSTOMER_COLUMNS} FROM customer WHERE 0")
        db.execute("CREATE TEMP TABLE demo_plan (id INTEGER PRIMARY KEY, group_id INTEGER, base INTEGER,"
                   " first INTEGER, unpaid INTEGER)")
        bills_sql = _bills_sql(ids, seed)
        done = 0
        chunk = max(1_000, min(CHUNK, customers // 10))
        while done < customers:
            count = min(chunk, customers - done)
            rows, plans = _customer_rows(rng, done + 1, count, ids, pending, seed)
            db.execute("BEGIN")
            db.executemany(f"INSERT INTO demo_customer VALUES ({', '.join('?' * 16)})", rows)
            db.execute(f"INSERT INTO customer ({_CUSTOMER_COLUMNS}) SELECT * FROM demo_customer")
            db.execute("DELETE FROM demo_customer")
            db.execute("DELETE FROM demo_plan")
            db.executemany("INSERT INTO demo_plan VALUES (?, ?, ?, ?, ?)", plans)
            db.execute(bills_sql)
            db.execute("COMMIT")
            done += count
            if progress:
                progress(done, customers)
        db.execute("DROP TABLE demo_customer")
        db.execute("DROP TABLE demo_plan")
        db.execute("DROP TABLE demo_month")
        db.execute("PRAGMA optimize")
    finally:
        raw.close()
    with uow:
        def count(table, *where) -> int:  # noqa: ANN001
            return uow.session.scalar(select(func.count()).select_from(table).where(*where))

        return DemoSummary(
            customers=customers,
            bills=count(Bill),
            unpaid_bills=count(Bill, Bill.status == "unpaid"),
            sealed=count(Customer, Customer.status == "sealed"),
            first_period=periods[0],
            last_period=periods[-1],
        )
