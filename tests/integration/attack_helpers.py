"""Helpers for the attacks on central's HTTP API: a central PostgreSQL store
with two offices (the demo's KPG and a second office, TLK, made here), events
and audit records built as a counter would send them, and a count of what
central holds, so an attack can show it wrote nothing."""

from __future__ import annotations

import datetime as dt
import secrets
import time
import uuid
from dataclasses import dataclass

import httpx
from sqlalchemy import Engine, func, insert, select, text
from sqlalchemy.orm import Session

from counter.bootstrap import App
from counter.central.loading import load_reference_data
from counter.central.store import central_engine, init_central, next_change
from counter.models import (
    AuditRecord, Bill, Conflict, Counter, Customer, CustomerCredit, DayClosing, Deposit, Device, InboxEvent,
    InstalmentPlan, Office, Payment, PaymentLine, Shift, User, WorkOrder,
)
from counter.rules.audit_chain import GENESIS, digest
from counter.rules.fines import fine_for
from counter.rules.stamp_duty import stamp_duty
from counter.rules.text import key
from counter.services.approval import hash_secret
from counter.services.billing import fine_scheme, stamp_rule
from counter.services.demo import DEMO_PASSWORD
from counter.store.migrate import head_revision
from counter.sync.link import SCHEMA_HEADER
from tests.conftest import AS_OF

OTHER = "TLK"  # the second office
OTHER_CUSTOMERS = 12  # customers (with their bills) the second office gets
PIN = DEMO_PASSWORD  # the demo supervisor's, and every user's of the second office (long enough for any role)
WITA = dt.timezone(dt.timedelta(hours=8))


# ---- the central store ----------------------------------------------------------------------


def build_central(app: App, pg_url: str) -> Engine:
    """Central's store on PostgreSQL with the demo counter store's reference data."""
    engine = central_engine(pg_url)
    init_central(engine)
    load_reference_data(app.engine, engine)
    return engine


def owing(office_id: int):  # noqa: ANN201
    """The ids of an office's customers with an unpaid bill (a query)."""
    return (select(Bill.customer_id).join(Customer, Customer.id == Bill.customer_id)
            .where(Customer.office_id == office_id, Bill.status == "unpaid").distinct())


@dataclass(frozen=True)
class OfficeB:
    """What the second office holds that office A must never see or touch."""

    office_id: int
    counter_id: int
    receipt_key: str
    password_hashes: tuple[str, ...]
    customers: tuple[str, ...]  # connection numbers
    cashier: str
    supervisor: str


def add_office(engine: Engine, code: str = OTHER) -> OfficeB:
    """A second office with its counter L01, a cashier and a supervisor (the secret PIN),
    and copies of KPG's first customers (new ids and numbers) with their bills."""
    with Session(engine) as session, session.begin():
        seq = next_change(session)
        receipt_key = secrets.token_hex(32)
        office = Office(code=code, name=f"Unit {code}", address="Jl. Lain 2", utility_name="PDAM Lain",
                        receipt_key=receipt_key, change_seq=seq)
        session.add(office)
        session.flush()
        counter = Counter(office_id=office.id, code="L01", name="Loket 1", change_seq=seq)
        cashier = User(username=f"kasir_{code.lower()}", full_name="Kasir Lain", role="cashier",
                       office_id=office.id, password_hash=hash_secret(PIN, "cashier"), change_seq=seq)
        supervisor = User(username=f"kepala_{code.lower()}", full_name="Kepala Lain", role="supervisor",
                          office_id=office.id, password_hash=hash_secret(PIN, "supervisor"), change_seq=seq)
        session.add_all([counter, cashier, supervisor])
        session.flush()
        kpg = session.scalar(select(Office.id).where(Office.code == "KPG"))
        c, b = Customer.__table__, Bill.__table__
        originals = session.execute(select(c).where(c.c.office_id == kpg, c.c.id.in_(owing(kpg)))
                                    .order_by(c.c.id).limit(OTHER_CUSTOMERS)).mappings().all()
        next_customer = session.scalar(select(func.max(c.c.id))) + 1
        next_bill = session.scalar(select(func.max(b.c.id))) + 1
        numbers = []
        for n, original in enumerate(originals):
            number = f"99-{n:02d}-{original['number']}"[:32]
            numbers.append(number)
            new_id = next_customer + n
            session.execute(insert(c).values({**original, "id": new_id, "number": number, "number_key": key(number),
                                              "office_id": office.id, "change_seq": seq}))
            for bill in session.execute(select(b).where(b.c.customer_id == original["id"])).mappings().all():
                session.execute(insert(b).values({**bill, "id": next_bill, "customer_id": new_id,
                                                  "status": "unpaid", "payment_id": None, "change_seq": seq}))
                next_bill += 1
        answer = OfficeB(office.id, counter.id, receipt_key, (cashier.password_hash, supervisor.password_hash),
                         tuple(numbers), cashier.username, supervisor.username)
    with engine.begin() as connection:  # the id sequences continue after the copied ids
        for name in ("customer", "bill"):
            connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                    f"(SELECT max(id) FROM {name}))"))
    return answer


# ---- what central holds ------------------------------------------------------------------------

COUNTED = (InboxEvent, Payment, PaymentLine, Conflict, CustomerCredit, AuditRecord, Device, InstalmentPlan,
           WorkOrder, Shift, DayClosing, Deposit, Office, Counter, User, Customer, Bill)


def snapshot(engine: Engine) -> dict[str, object]:
    """Row counts of central's tables an attack could write to, and the state of
    every bill, device and inbox event (an update changes no count)."""
    with engine.connect() as connection:
        state: dict[str, object] = {m.__tablename__: connection.scalar(select(func.count()).select_from(m))
                                    for m in COUNTED}
        state["bills"] = connection.execute(select(Bill.id, Bill.status, Bill.payment_id, Bill.change_seq)
                                            .order_by(Bill.id)).all()
        state["devices"] = connection.execute(select(Device.id, Device.code_hash, Device.key_hash,
                                                     Device.revoked_at).order_by(Device.id)).all()
        state["inbox_rows"] = connection.execute(select(InboxEvent.id, InboxEvent.kind, InboxEvent.payload,
                                                        InboxEvent.status).order_by(InboxEvent.id)).all()
        state["audit_rows"] = connection.execute(select(AuditRecord.chain, AuditRecord.seq, AuditRecord.hash,
                                                        AuditRecord.action)
                                                 .order_by(AuditRecord.chain, AuditRecord.seq)).all()
        state["conflicts"] = connection.execute(select(Conflict.id, Conflict.status).order_by(Conflict.id)).all()
    return state


def changed(before: dict, after: dict) -> list[str]:
    return [name for name in before if before[name] != after[name]]


# ---- HTTP -----------------------------------------------------------------------------------


def client(url: str, device_key: str | None = None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {device_key}"} if device_key is not None else {}
    headers[SCHEMA_HEADER] = head_revision()  # a counter of this version
    return httpx.Client(base_url=url + "/v1", headers=headers, timeout=30)


def wait_outcomes(http: httpx.Client, ids: list[str], timeout_s: float = 20) -> dict[str, dict]:
    """Central's outcomes of these events, once the applier has given every one."""
    deadline = time.monotonic() + timeout_s
    while True:
        response = http.post("/outcomes", json={"ids": ids})
        assert response.status_code == 200, response.text
        found = {o["id"]: o for o in response.json()["outcomes"]}
        if len(found) == len(ids):
            return found
        assert time.monotonic() < deadline, f"no outcome for {set(ids) - set(found)}"
        time.sleep(0.05)


def settle(engine: Engine, timeout_s: float = 20) -> None:
    """Wait until the applier has no pending event left."""
    deadline = time.monotonic() + timeout_s
    while True:
        with engine.connect() as connection:
            if not connection.scalar(select(func.count()).select_from(InboxEvent)
                                     .where(InboxEvent.status == "pending")):
                return
        assert time.monotonic() < deadline, "the applier left events pending"
        time.sleep(0.05)


# ---- events and audit records -------------------------------------------------------------------


def envelope(kind: str, payload: dict, event_id: str | None = None, **extra: object) -> dict:
    return {"id": event_id or str(uuid.uuid4()), "kind": kind, "payload": payload,
            "created_at": dt.datetime.now(dt.timezone.utc).isoformat(), **extra}


def payment_payload(engine: Engine, number: str, office: str, counter: str, cashier: str, periods: int = 1,
                    on: dt.date = AS_OF, off_by: int = 0) -> dict:
    """A payment of the customer's oldest unpaid bills with central's own figures
    (`off_by` Rupiah more on the first line: an amount mismatch)."""
    with Session(engine) as session:
        customer = session.scalars(select(Customer).where(Customer.number_key == key(number))).one()
        bills = session.scalars(select(Bill).where(Bill.customer_id == customer.id, Bill.status == "unpaid")
                                .order_by(Bill.period).limit(periods)).all()
        assert bills, f"{number} has nothing to pay"
        scheme, rule = fine_scheme(session, on, customer.tariff_group_id), stamp_rule(session, on)
        lines = []
        for n, bill in enumerate(bills):
            fine = fine_for(bill.principal, bill.due_date, on, scheme, exempt=customer.fine_exempt) + (
                off_by if n == 0 else 0)
            lines.append({"kind": "bill", "period": bill.period, "water_charge": bill.water_charge,
                          "standing_charge": bill.standing_charge, "meter_fee": bill.meter_fee,
                          "admin_fee": bill.admin_fee, "fine": fine, "amount": bill.principal + fine})
        subtotal = sum(line["amount"] for line in lines)
        duty = stamp_duty(subtotal, rule)
    paid_at = dt.datetime.combine(on, dt.time(10), WITA)
    return {"payment_id": str(uuid.uuid4()), "receipt_no": f"{office}-{counter}-{uuid.uuid4().hex[:10]}",
            "cashier": cashier, "customer": number, "office": office, "counter": counter,
            "paid_at": paid_at.isoformat(), "business_date": on.isoformat(), "method": "cash", "reference": "",
            "subtotal": subtotal, "stamp_duty": duty, "total": subtotal + duty, "tendered": subtotal + duty,
            "change": 0, "taken_offline": False, "lines": lines}


def audit_chain(chain: int, count: int, start: int = 1, prev: str = GENESIS, action: str = "payment.created",
                user_id: int | None = None) -> list[dict]:
    """`count` audit records of counter `chain`, seq `start`.., linked from `prev`, as JSON."""
    records = []
    at = dt.datetime(2025, 11, 24, 2, 0, tzinfo=dt.timezone.utc)
    for seq in range(start, start + count):
        moment = at + dt.timedelta(minutes=seq)
        details = {"n": seq}
        subject = f"R-{seq}"
        hashed = digest(prev, chain, seq, moment, user_id, chain, action, subject, details)
        records.append({"chain": chain, "seq": seq, "prev_hash": prev, "hash": hashed, "at": moment.isoformat(),
                        "user_id": user_id, "counter_id": chain, "action": action, "subject": subject,
                        "details": details})
        prev = hashed
    return records


def rehash(record: dict) -> dict:
    """The record with its hash made right for its (changed) content."""
    at = dt.datetime.fromisoformat(record["at"])
    return {**record, "hash": digest(record["prev_hash"], record["chain"], record["seq"], at, record["user_id"],
                                     record["counter_id"], record["action"], record["subject"], record["details"])}
