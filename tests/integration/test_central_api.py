"""Central's HTTP API under attack, for real: uvicorn on 127.0.0.1, PostgreSQL,
two offices. A counter's device key names its office and counter; whatever a
request claims, it reads and writes that office only, and a refused request
leaves central's tables as they were. Then the API's own OpenAPI schema drives
generated requests, with and without a key: none may end in a server error."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass

import pytest
import httpx
from sqlalchemy import Engine, select

from counter.central import devices
from counter.central.applier import apply_pending
from counter.models import Bill, Customer, InboxEvent, Office, Payment
from counter.services.receipts import check_value
from counter.store.migrate import head_revision
from counter.sync.link import SCHEMA_HEADER
from tests.central_server import ThreadServer
from tests.conftest import AS_OF
from tests.integration.attack_helpers import (
    OTHER, PIN, OfficeB, add_office, owing, audit_chain, build_central, changed, client, envelope, payment_payload,
    rehash, settle, snapshot, wait_outcomes,
)

pytestmark = pytest.mark.timeout(120)
ZONE = "Asia/Makassar"
OPEN = ("/v1/health", "/v1/enrol")  # the operations that need no device key


@dataclass
class World:
    engine: Engine
    server: ThreadServer
    a_key: str  # KPG-L01
    b_key: str  # TLK-L01
    b: OfficeB
    a_counter_id: int
    a_customers: tuple[str, ...]

    @property
    def url(self) -> str:
        return self.server.url


@pytest.fixture
def world(app, pg_url):
    engine = build_central(app, pg_url)
    b = add_office(engine)
    server = ThreadServer(engine, apply=True)
    with engine.connect() as connection:
        kpg = connection.scalar(select(Office.id).where(Office.code == "KPG"))
        a_customers = tuple(connection.scalars(select(Customer.number).where(
            Customer.office_id == kpg, Customer.id.in_(owing(kpg))).order_by(Customer.id).limit(10)))
    a_counter_id = devices.caller_of(engine, a_key := server.key_for("KPG", "L01")).counter_id
    try:
        yield World(engine, server, a_key, server.key_for(OTHER, "L01"), b, a_counter_id, a_customers)
    finally:
        server.stop()
        engine.dispose()


def pay(world: World, device_key: str, number: str, office: str, cashier: str, off_by: int = 0) -> tuple[dict, dict]:
    """A payment pushed with `device_key`; returns its payload and central's outcome."""
    payload = payment_payload(world.engine, number, office, "L01", cashier, off_by=off_by)
    event = envelope("payment.created", payload)
    with client(world.url, device_key) as http:
        assert http.post("/events", json={"events": [event]}).json()["received"] == [event["id"]]
        return payload, wait_outcomes(http, [event["id"]])[event["id"]]


def receipt_code(engine: Engine, payment_id: str) -> str:
    from sqlalchemy.orm import Session

    with Session(engine) as session:
        payment = session.get(Payment, uuid.UUID(payment_id))
        office = session.get(Office, payment.office_id)
        return f"{office.code}|{payment.id}|{check_value(payment, office)}"


def assert_nothing_of_b(world: World, text: str) -> None:
    """No secret, user or customer of office B in an answer given to office A."""
    assert world.b.receipt_key not in text
    for secret in world.b.password_hashes:
        assert secret not in text
    for number in world.b.customers:
        assert number not in text
    assert world.b.cashier not in text and world.b.supervisor not in text


# ---- reading another office ---------------------------------------------------------------------


def test_a_key_of_office_a_reads_nothing_of_office_b(world):
    _, paid = pay(world, world.b_key, world.b.customers[0], OTHER, world.b.cashier)
    b_payment, mismatch = pay(world, world.b_key, world.b.customers[1], OTHER, world.b.cashier, off_by=500)
    assert (paid["status"], mismatch["status"]) == ("applied", "conflict")
    before = snapshot(world.engine)
    answers = []
    with client(world.url, world.a_key) as a, client(world.url, world.b_key) as b:
        # one customer: B's number is unknown to A, exactly as a number nobody has
        for number in world.b.customers[:3]:
            response = a.get(f"/customers/{number}")
            assert response.status_code == 200 and response.json() == {"customer": None}
            answers.append(response.text)
        assert a.get("/customers/00-NOBODY-00").json() == {"customer": None}
        assert b.get(f"/customers/{world.b.customers[0]}").json()["customer"]["number"] == world.b.customers[0]
        assert a.get(f"/customers/{world.a_customers[0]}").json()["customer"]["number"] == world.a_customers[0]

        # the pull, page by page from scratch: A's office only
        marks, pulled = {}, {}
        for _ in range(50):
            response = a.post("/changes", json={"marks": marks, "page": 400})
            assert response.status_code == 200, response.text
            answers.append(response.text)
            for entry in response.json()["tables"]:
                pulled.setdefault(entry["table"], []).extend(entry["rows"])
                last = entry["rows"][-1] if entry["rows"] else None
                marks[entry["table"]] = ({"seq": last["change_seq"], "id": last["id"],
                                          "up_to": None if entry["done"] else entry["up_to"]}
                                         if last else marks.get(entry["table"]))
            if not response.json()["more"]:
                break
        else:
            pytest.fail("the pull did not end")
        assert [o["code"] for o in pulled["office"]] == ["KPG"]
        assert {c["office_id"] for c in pulled["counter"]} == {pulled["office"][0]["id"]}
        assert pulled["app_user"] and {u["office_id"] for u in pulled["app_user"]} == {pulled["office"][0]["id"]}
        assert {c["office_id"] for c in pulled["customer"]} == {pulled["office"][0]["id"]}
        b_ids = set(world.engine.connect().scalars(select(Customer.id).where(
            Customer.office_id == world.b.office_id)))
        assert pulled["bill"] and not {bill["customer_id"] for bill in pulled["bill"]} & b_ids

        # conflicts: B's are not A's to see
        response = a.get("/conflicts", params={"status": "all"})
        assert response.status_code == 200 and response.json() == {"conflicts": []}
        answers.append(response.text)
        assert [c["customer"] for c in b.get("/conflicts").json()["conflicts"]] == [world.b.customers[1]]

        # a receipt of B, asked by A: not genuine to A, and nothing of it is told
        code = receipt_code(world.engine, b_payment["payment_id"])
        assert b.post("/receipts/verify", json={"code": code}).json()["genuine"] is True
        for asked in (code, "KPG|" + code.split("|", 1)[1]):
            response = a.post("/receipts/verify", json={"code": asked})
            assert response.status_code == 200 and response.json()["genuine"] is False, response.text
            assert response.json()["receipt_no"] == "" and response.json()["total"] == 0
            answers.append(response.text)

        # the day: A gets its own office; a sign-off of B's office is refused
        response = a.post("/day", json={"date": AS_OF.isoformat(), "zone": ZONE})
        assert response.status_code == 200, response.text
        assert response.json()["office_code"] == "KPG" and response.json()["count"] == 0
        answers.append(response.text)
        assert b.post("/day", json={"date": AS_OF.isoformat(), "zone": ZONE}).json()["count"] == 2
        closing = {"id": str(uuid.uuid4()), "office_id": world.b.office_id, "business_date": AS_OF.isoformat(),
                   "closed_at": dt.datetime.now(dt.timezone.utc).isoformat(), "closed_by": 1,
                   "override_reason": "", "covered": {"receipts": {}}, "count": 0, "total": 0, "cash_total": 0}
        response = a.post("/day", json={"date": AS_OF.isoformat(), "zone": ZONE, "closing": closing})
        assert response.status_code == 400 and "error" in response.json()
        answers.append(response.text)

        # the audit copy: A's chain only
        assert a.get("/audit/head").json()["head"] == 0
        assert a.get("/me").json() == {"office": "KPG", "counter": "L01"}
    for text in answers:
        assert_nothing_of_b(world, text)
    assert changed(before, snapshot(world.engine)) == []


# ---- writing as another office --------------------------------------------------------------------


def _plan_payload(engine: Engine, number: str, office: str, made_by: str = "kasir1",
                  approved_by: str = "kepala") -> dict:
    """An instalment plan of one unpaid bill, figures consistent among themselves."""
    with engine.connect() as connection:
        customer = connection.scalar(select(Customer.id).where(Customer.number == number))
        bill = connection.execute(select(Bill).where(Bill.customer_id == customer, Bill.status == "unpaid")
                                  .order_by(Bill.period).limit(1)).mappings().one()
    principal = bill["water_charge"] + bill["standing_charge"] + bill["meter_fee"] + bill["admin_fee"]
    return {"plan_id": str(uuid.uuid4()), "plan_no": f"ANG-{uuid.uuid4().hex[:8]}", "customer": number,
            "office": office, "counter": "L01", "made_by": made_by, "approved_by": approved_by,
            "made_at": dt.datetime.now(dt.timezone.utc).isoformat(), "made_on": AS_OF.isoformat(),
            "programme": None, "fine_mode": "waive", "grace_days": 0, "unseal_on_down_payment": False,
            "bills": [{"bill_id": bill["id"], "period": bill["period"], "principal": principal, "fine": 0,
                       "fine_waived": 0, "discount": 0}],
            "terms": [{"seq": 0, "amount": principal, "due": AS_OF.isoformat()}],
            "principal": principal, "fines": 0, "waived": 0, "total": principal}


def test_a_key_of_office_a_cannot_write_as_office_b(world):
    b_paid, outcome = pay(world, world.b_key, world.b.customers[0], OTHER, world.b.cashier)
    assert outcome["status"] == "applied"
    shift_id = str(uuid.uuid4())
    with client(world.url, world.b_key) as b:
        opened = envelope("shift.opened", {"shift_id": shift_id, "cashier": world.b.cashier,
                                           "business_date": AS_OF.isoformat(), "opening_float": 0,
                                           "opened_at": dt.datetime.now(dt.timezone.utc).isoformat()})
        b.post("/events", json={"events": [opened]})
        b_plan = _plan_payload(world.engine, world.b.customers[2], OTHER, world.b.cashier, world.b.supervisor)
        made = envelope("plan.created", b_plan)
        b.post("/events", json={"events": [made]})
        assert {o["status"] for o in wait_outcomes(b, [opened["id"], made["id"]]).values()} == {"applied"}
    before = snapshot(world.engine)

    now = dt.datetime.now(dt.timezone.utc).isoformat()
    as_b = payment_payload(world.engine, world.b.customers[3], OTHER, "L01", world.b.cashier)
    b_customer = payment_payload(world.engine, world.b.customers[4], "KPG", "L01", "kasir1")
    b_customer_b_cashier = payment_payload(world.engine, world.b.customers[5], "KPG", "L01", world.b.cashier)
    attacks = {
        "payload claims office B": envelope("payment.created", as_b),
        "payment of B's customer": envelope("payment.created", b_customer),
        "B's customer by B's cashier": envelope("payment.created", b_customer_b_cashier),
        "plan for B's customer": envelope("plan.created", _plan_payload(world.engine, world.b.customers[6], "KPG")),
        "void of B's payment": envelope("payment.voided", {
            "payment_id": b_paid["payment_id"], "voided_at": now, "reason": "salah", "approved_by": "kepala"}),
        "reprint of B's receipt": envelope("receipt.reprinted", {"payment_id": b_paid["payment_id"], "copies": 5}),
        "closing B's shift": envelope("shift.closed", {
            "shift_id": shift_id, "closed_at": now, "closed_by": "kepala", "counts": {}, "counted": 0,
            "expected_cash": 0}),
        "work order on B's plan": envelope("work_order.created", {
            "order_id": str(uuid.uuid4()), "order_no": "SPK-1", "plan_id": b_plan["plan_id"],
            "payment_id": b_paid["payment_id"], "issued_by": "kasir1", "issued_at": now}),
        "A's customer by B's cashier": envelope("payment.created", payment_payload(
            world.engine, world.a_customers[5], "KPG", "L01", world.b.cashier)),
        "office and counter in the envelope": envelope(
            "payment.created", payment_payload(world.engine, world.b.customers[7], OTHER, "L01", world.b.cashier),
            office=OTHER, counter="L01"),
    }
    with client(world.url, world.a_key) as a:
        answer = a.post("/events", json={"events": list(attacks.values())})
        assert answer.status_code == 200 and len(answer.json()["received"]) == len(attacks)
        outcomes = wait_outcomes(a, [e["id"] for e in attacks.values()])
        # the control: A paying its own customer is applied
        _, own = pay(world, world.a_key, world.a_customers[0], "KPG", "kasir1")
    assert own["status"] == "applied"
    verdicts = {name: outcomes[e["id"]]["status"] for name, e in attacks.items()}
    assert verdicts == {name: "rejected" for name in attacks}, {
        name: outcomes[e["id"]] for name, e in attacks.items()}
    after = snapshot(world.engine)
    inbox = {row.id: row for row in after["inbox_rows"]}
    assert all(inbox[uuid.UUID(e["id"])].payload == e["payload"] for e in attacks.values())
    with world.engine.connect() as connection:
        senders = set(connection.execute(select(InboxEvent.office, InboxEvent.counter).where(
            InboxEvent.id.in_([uuid.UUID(e["id"]) for e in attacks.values()]))).all())
        b_bills = connection.execute(select(Bill.id, Bill.status, Bill.payment_id, Bill.change_seq)
                                     .join(Customer, Customer.id == Bill.customer_id)
                                     .where(Customer.office_id == world.b.office_id).order_by(Bill.id)).all()
        b_payment = connection.execute(select(Payment.status, Payment.reprint_count)
                                       .where(Payment.id == uuid.UUID(b_paid["payment_id"]))).one()
    assert senders == {("KPG", "L01")}
    assert b_bills == [b for b in before["bills"] if b.id in {x.id for x in b_bills}]
    assert tuple(b_payment) == ("completed", 0)
    # only A's own payment (and its inbox rows) were written
    grown = {name for name in changed(before, after)}
    assert grown <= {"inbox", "inbox_rows", "payment", "payment_line", "bills"}
    assert after["payment"] == before["payment"] + 1


# ---- replays and self-judged events ----------------------------------------------------------------


def test_a_replayed_event_id_writes_nothing_and_outcomes_are_central_s(world):
    with client(world.url, world.a_key) as a:
        first = envelope("payment.created", payment_payload(world.engine, world.a_customers[1], "KPG", "L01",
                                                            "kasir1"))
        a.post("/events", json={"events": [first]})
        assert wait_outcomes(a, [first["id"]])[first["id"]]["status"] == "applied"
        before = snapshot(world.engine)
        other = payment_payload(world.engine, world.a_customers[2], "KPG", "L01", "kasir1")
        replays = [envelope("payment.created", other, event_id=first["id"]),
                   envelope("payment.created", {**other, "payment_id": first["payload"]["payment_id"]}),
                   envelope("shift.opened", {"shift_id": str(uuid.uuid4())}, event_id=first["id"].upper())]
        for replay in replays:
            response = a.post("/events", json={"events": [replay]})
            assert response.status_code == 200, response.text
        settle(world.engine)
        outcomes = wait_outcomes(a, [first["id"], replays[1]["id"]])
    assert outcomes[first["id"]]["status"] == "applied"
    assert outcomes[replays[1]["id"]]["status"] == "duplicate"  # the same payment id under a new event id
    after = snapshot(world.engine)
    assert changed(before, after) == ["inbox", "inbox_rows"]
    assert after["inbox"] == before["inbox"] + 1
    row = {r.id: r for r in after["inbox_rows"]}[uuid.UUID(first["id"])]
    assert (row.kind, row.payload, row.status) == ("payment.created", first["payload"], "applied")


def test_an_event_cannot_bring_its_own_outcome(world):
    quiet = ThreadServer(world.engine, apply=False)  # no applier: what the push itself stored is seen
    try:
        with client(quiet.url, world.a_key) as a:
            claims = [
                envelope("payment.created", {"payment_id": "x"}, status="applied", outcome="applied",
                         reason="sudah", processed_at=dt.datetime.now(dt.timezone.utc).isoformat()),
                envelope("payment.created", {"status": "applied"}, status="duplicate", office=OTHER,
                         counter="L01", received_at="2020-01-01T00:00:00+00:00"),
            ]
            assert len(a.post("/events", json={"events": claims}).json()["received"]) == 2
            ids = [c["id"] for c in claims]
            # the world's own server applies in the background: an event is pending, or judged by central
            # (rejected: its payload is no payment), never with the outcome it brought
            judged = {o["status"] for o in a.post("/outcomes", json={"ids": ids}).json()["outcomes"]}
            assert judged <= {"rejected"}
            rows = [r for r in snapshot(world.engine)["inbox_rows"] if str(r.id) in ids]
            assert {r.status for r in rows} <= {"pending", "rejected"} and len(rows) == 2
            with world.engine.connect() as connection:
                stored = connection.execute(select(InboxEvent.office, InboxEvent.counter, InboxEvent.reason, InboxEvent.processed_at,
                                                   InboxEvent.received_at).where(InboxEvent.id.in_(
                                                       [uuid.UUID(i) for i in ids]))).all()
            assert {(s.office, s.counter) for s in stored} == {("KPG", "L01")}
            assert all(s.reason != "sudah" and (s.processed_at is None or s.processed_at.year >= 2025) for s in stored)
            assert all(s.received_at.year >= 2025 for s in stored)
            apply_pending(world.engine)
            outcomes = a.post("/outcomes", json={"ids": ids}).json()["outcomes"]
            assert {o["status"] for o in outcomes} == {"rejected"}
    finally:
        quiet.stop()


# ---- the audit copy -----------------------------------------------------------------------------------


def test_the_audit_copy_takes_only_the_counter_s_own_chain_in_sequence(world):
    chain = world.a_counter_id
    genuine = audit_chain(chain, 5)
    with client(world.url, world.a_key) as a:
        assert a.post("/audit", json={"records": genuine[:3]}).json() == {"head": 3, "hash": genuine[2]["hash"]}
        before = snapshot(world.engine)
        forged_second = rehash({**genuine[1], "details": {"n": 2, "total": 1}})
        rewritten = audit_chain(chain, 3, action="payment.voided")
        attacks = {
            "out of sequence": ([genuine[4]], 409),
            "a gap then the rest": ([genuine[3] | {"seq": 5}], 409),
            "prev_hash not central's": ([rehash({**genuine[3], "prev_hash": "f" * 64})], 409),
            "a forged record with a valid hash ahead": ([forged_second, *genuine[2:4]], 409),
            "another counter's chain": (audit_chain(world.b.counter_id, 1), 409),
            "another counter's chain, continued": ([rehash({**genuine[3], "chain": world.b.counter_id})], 409),
            "an earlier record rewritten": (rewritten, 409),
            "a hash that does not match": ([{**genuine[3], "subject": "R-999"}], 409),
            "a record missing a field": ([{k: v for k, v in genuine[3].items() if k != "details"}], 409),
            "a record with odd types": ([rehash({**genuine[3], "user_id": "1"}) | {"user_id": "1"}], 409),
            "a naive time": ([{**genuine[3], "at": "2025-11-24T02:04:00"}], 409),
            "not a record": (["x"], 422),
            "not a list": ({"records": "x"}, 422),
            "the valid ones with a bad one behind": ([genuine[3], genuine[4] | {"prev_hash": "0" * 64}], 409),
        }
        for name, (records, status) in attacks.items():
            body = records if isinstance(records, dict) else {"records": records}
            response = a.post("/audit", json=body)
            assert response.status_code == status, (name, response.text)
            assert "error" in response.json() or "detail" in response.json(), name
            assert changed(before, snapshot(world.engine)) == [], name
            assert a.get("/audit/head").json() == {"head": 3, "hash": genuine[2]["hash"]}, name
            assert a.get("/audit/verify").json() == {"checked": 3, "broken": []}, name
        # the genuine continuation is still taken, and a resend of what central has is a no-op
        assert a.post("/audit", json={"records": genuine}).json() == {"head": 5, "hash": genuine[4]["hash"]}
        assert a.get("/audit/verify").json() == {"checked": 5, "broken": []}
    with client(world.url, world.b_key) as b:
        assert b.get("/audit/head").json()["head"] == 0


# ---- keys and enrolment ----------------------------------------------------------------------------


def test_no_valid_key_no_answer_and_nothing_written(world):
    before = snapshot(world.engine)
    event = envelope("payment.created", payment_payload(world.engine, world.a_customers[3], "KPG", "L01", "kasir1"))
    keys = {"none": None, "garbage": "garbage", "prefixed garbage": "ctr_" + "x" * 43, "too long": "ctr_" + "x" * 200,
            "prefix only": "ctr_", "B's key with a letter changed": world.b_key[:-1] + ("A" if world.b_key[-1] != "A" else "B")}
    for name, device_key in keys.items():
        with client(world.url, device_key) as http:
            for method, path, body in (("GET", "/me", None), ("POST", "/events", {"events": [event]}),
                                       ("POST", "/audit", {"records": audit_chain(world.a_counter_id, 1)}),
                                       ("POST", "/changes", {"marks": {}}), ("GET", "/customers/x", None)):
                response = http.request(method, path, json=body)
                assert response.status_code == 401, (name, path, response.text)
                assert response.json()["error"].startswith("Ditolak"), (name, path)
    with client(world.url) as http:
        response = http.get("/me", headers={"Authorization": f"Basic {world.a_key}"})
        assert response.status_code == 401
    assert changed(before, snapshot(world.engine)) == []

    # a revoked key: refused, and so is a code of that counter made before the revoke
    waiting = devices.make_enrolment(world.engine, "KPG", "L01")
    assert devices.revoke(world.engine, "KPG", "L01") == 2
    before = snapshot(world.engine)
    with client(world.url, world.a_key) as a:
        assert a.get("/me").status_code == 401
        assert a.post("/events", json={"events": [event]}).status_code == 401
    with client(world.url) as anyone:
        response = anyone.post("/enrol", json={"code": waiting.code})
        assert response.status_code == 401 and "error" in response.json()
    assert changed(before, snapshot(world.engine)) == []
    # the other office is untouched by the revoke
    with client(world.url, world.b_key) as b:
        assert b.get("/me").json() == {"office": OTHER, "counter": "L01"}
    # the counter enrols again: a new key works, the old one stays dead
    fresh = world.server.key_for("KPG", "L01")
    with client(world.url, fresh) as a, client(world.url, world.a_key) as old:
        assert a.get("/me").json() == {"office": "KPG", "counter": "L01"}
        assert old.get("/me").status_code == 401


def test_an_enrolment_code_works_once_and_only_in_its_time(world):
    code = devices.make_enrolment(world.engine, OTHER, "L01").code
    late = devices.make_enrolment(world.engine, "KPG", "L01", lifetime=dt.timedelta(seconds=-1)).code
    with client(world.url) as anyone:
        first = anyone.post("/enrol", json={"code": code.lower()})
        assert first.status_code == 200 and first.json()["office"] == OTHER
        before = snapshot(world.engine)
        attempts = {"used twice": {"code": code}, "expired": {"code": late}, "unknown": {"code": "AAAAAA-BBBBBB"},
                    "empty": {"code": ""}}
        for name, body in attempts.items():
            response = anyone.post("/enrol", json=body)
            assert response.status_code == 401, (name, response.text)
            assert "error" in response.json() and "key" not in response.json(), name
        for body in ({"code": "x" * 65}, {"code": 12}, {}, {"code": None}, []):
            assert anyone.post("/enrol", json=body).status_code == 422, body
        assert anyone.post("/enrol", content=b"{", headers={"content-type": "application/json"}).status_code == 422
        assert changed(before, snapshot(world.engine)) == []
    with client(world.url, first.json()["key"]) as b:
        assert b.get("/me").json() == {"office": OTHER, "counter": "L01"}


# ---- conflicts -------------------------------------------------------------------------------------------


def test_a_supervisor_of_another_office_resolves_no_conflict(world):
    pay(world, world.a_key, world.a_customers[4], "KPG", "kasir1", off_by=700)
    pay(world, world.b_key, world.b.customers[8], OTHER, world.b.cashier, off_by=700)
    with client(world.url, world.a_key) as a, client(world.url, world.b_key) as b:
        [a_conflict] = a.get("/conflicts").json()["conflicts"]
        [b_conflict] = b.get("/conflicts").json()["conflicts"]
        before = snapshot(world.engine)

        def resolve(http, conflict: int, username: str) -> int:  # noqa: ANN001
            return http.post(f"/conflicts/{conflict}/resolve", json={
                "resolution": "accept", "username": username, "secret": PIN, "note": "x"}).status_code

        assert resolve(a, b_conflict["id"], "kepala") == 404  # B's conflict is not one A's key sees
        assert resolve(a, b_conflict["id"], world.b.supervisor) == 403  # B's supervisor at A's counter
        assert resolve(a, a_conflict["id"], world.b.supervisor) == 403
        assert resolve(b, a_conflict["id"], world.b.supervisor) == 404
        assert resolve(b, a_conflict["id"], "kepala") == 403
        assert resolve(a, 10**6, "kepala") == 404
        assert resolve(a, a_conflict["id"], "kasir1") == 403  # a cashier is no supervisor
        after = snapshot(world.engine)
        # central's own audit trail notes each credential checked; nothing else is written
        assert set(changed(before, after)) <= {"audit_log", "audit_rows"}
        noted = set(after["audit_rows"]) - set(before["audit_rows"])
        assert noted and {r.chain for r in noted} == {0}
        assert {r.action for r in noted} <= {"credential.ok", "credential.failed"}
        assert set(before["audit_rows"]) <= set(after["audit_rows"])
        assert resolve(a, a_conflict["id"], "kepala") == 200
        assert resolve(b, b_conflict["id"], world.b.supervisor) == 200


# ---- odd input ----------------------------------------------------------------------------------------


def test_odd_input_is_refused_with_a_plain_message_and_nothing_written(world):
    now = dt.datetime.now(dt.timezone.utc).isoformat()
    record = audit_chain(world.a_counter_id, 1)[0]
    resolve = {"resolution": "accept", "username": "kepala", "secret": PIN}

    def events(**fields: object) -> dict:
        return {"events": [{"id": str(uuid.uuid4()), "kind": "payment.created", "payload": {}, "created_at": now,
                            **fields}]}

    def closing(**fields: object) -> dict:
        return {"date": AS_OF.isoformat(), "zone": ZONE, "closing": {
            "office_id": 1, "business_date": AS_OF.isoformat(), **fields}}

    probes = [  # method, path, body, status
        ("POST", "/conflicts/99999999999999999999/resolve", resolve, 422),
        ("POST", "/conflicts/-99999999999999999999/resolve", resolve, 422),
        ("POST", "/conflicts/1/resolve", {**resolve, "username": "kep\x00ala"}, 400),
        ("POST", "/conflicts/1/resolve", {**resolve, "secret": "12\x0034"}, 400),
        ("POST", "/conflicts/1/resolve", {**resolve, "resolution": "acc\x00"}, 400),
        ("GET", "/conflicts?status=%00", None, 400),
        ("GET", "/conflicts?status=" + "x" * 5000, None, 400),
        ("GET", "/customers/%00", None, 200),
        ("GET", "/customers/" + "\u0130" * 40, None, 200),
        ("GET", "/customers/%F0%9F%92%A9%E2%80%AE", None, 200),
        ("GET", "/customers/" + "9" * 41, None, 400),
        ("POST", "/changes", {"marks": {"bill": {"seq": 10**30, "id": 1, "up_to": None}}}, 400),
        ("POST", "/changes", {"marks": {"bill": {"seq": 1, "id": 10**30, "up_to": None}}}, 400),
        ("POST", "/changes", {"marks": {"bill": {"seq": 1, "id": 1, "up_to": -10**30}}}, 400),
        ("POST", "/changes", {"marks": {"bill": {"seq": True, "id": [], "up_to": "x"}}}, 400),
        ("POST", "/changes", {"marks": {"bill": {"seq": 1, "id": {"a": 1}, "up_to": None}}}, 400),
        ("POST", "/changes", {"marks": {"bill": [1]}}, 422),
        ("POST", "/changes", {"marks": {"inbox": None}}, 400),
        ("POST", "/changes", {"marks": {}, "page": 10**30}, 422),
        ("POST", "/day", {"date": "0001-01-01", "zone": ZONE}, 400),
        ("POST", "/day", {"date": "9999-12-31", "zone": "Etc/GMT+12"}, 400),
        ("POST", "/day", {"date": AS_OF.isoformat(), "zone": "\x00"}, 400),
        ("POST", "/day", {"date": AS_OF.isoformat(), "zone": "../../../etc/passwd"}, 400),
        ("POST", "/day", closing(business_date=5), 400),
        ("POST", "/day", closing(id="x"), 400),
        ("POST", "/day", closing(closed_at="x"), 400),
        ("POST", "/day", closing(closed_at="0001-01-01T00:00:00+05:00", closed_by=1, covered={"receipts": {}}), 400),
        ("POST", "/day", closing(closed_at=now, closed_by=1, covered=5), 400),
        ("POST", "/day", closing(closed_at=now, closed_by=1, covered={"receipts": {"L01": "x"}}), 400),
        ("POST", "/day", closing(closed_at=now, closed_by=10**6, covered={"receipts": {}}), 400),
        ("POST", "/events", events(kind="payment\x00"), 200),
        ("POST", "/events", events(created_at="0001-01-01T00:00:00+05:00"), 200),
        ("POST", "/events", events(created_at="9999-12-31T23:59:59-05:00"), 200),
        ("POST", "/events", {"events": [5, None]}, 422),
        ("POST", "/outcomes", {"ids": ["x"]}, 400),
        ("POST", "/audit", {"records": [rehash({**record, "action": "a\x00"})]}, 409),
        ("POST", "/audit", {"records": [rehash({**record, "user_id": 10**30})]}, 409),
        ("POST", "/audit", {"records": [{**record, "at": "0001-01-01T00:00:00+05:00"}]}, 409),
        ("POST", "/audit", {"records": [{**record, "seq": 10**30}]}, 409),
        ("POST", "/receipts/verify", {"code": "KPG|\x00|" + "a" * 16}, 200),
        ("POST", "/enrol", {"code": "\x00"}, 401),
    ]
    before = snapshot(world.engine)
    with client(world.url, world.a_key) as a:
        for method, path, body, status in probes:
            response = a.request(method, path, json=body)
            assert response.status_code == status, (method, path, body, response.text)
            if status in (400, 401, 409):
                assert response.json()["error"], (path, body)
            if method == "POST" and path == "/events":
                assert status == 422 or response.json()["received"] == [], body
    assert changed(before, snapshot(world.engine)) == []


# ---- the schema's own property test ---------------------------------------------------------------------


@pytest.mark.timeout(900)  # about a thousand requests: a loaded 2-core machine takes minutes, not seconds
def test_generated_requests_from_the_openapi_schema_never_end_in_a_server_error(world):
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from hypothesis.errors import Unsatisfiable
    from schemathesis.checks import not_a_server_error

    schema = schemathesis.openapi.from_url(f"{world.url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    failures, statuses = [], Counter()
    for operation in operations:
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):
            keyed = {"Authorization": f"Bearer {world.a_key}", SCHEMA_HEADER: head_revision()}
            for headers, examples in ((keyed, 30), ({}, 8)):

                @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                          suppress_health_check=list(HealthCheck))
                @given(case=operation.as_strategy(generation_mode=mode))
                def run(case) -> None:  # noqa: ANN001
                    response = case.call(base_url=world.url, headers=headers, timeout=30)
                    statuses[bool(headers) or operation.path in OPEN, response.status_code] += 1
                    case.validate_response(response, checks=[not_a_server_error])

                try:
                    run()
                except Unsatisfiable:  # nothing to make invalid (an operation without parameters)
                    assert mode is schemathesis.GenerationMode.NEGATIVE
                except Exception as error:  # noqa: BLE001 - collected to report every operation at once
                    failures.append(f"{operation.label} {mode.name} {'key' if headers else 'no key'}: {error}")
    assert not failures, "\n\n".join(failures)
    # the key was sent: most requests with it got past the key check; none without it did (but to the open ones)
    with_key = sum(n for (keyed, status), n in statuses.items() if keyed)
    assert sum(n for (keyed, status), n in statuses.items() if keyed and status != 401) > with_key / 2, statuses
    assert not [status for (keyed, status) in statuses if not keyed and status in (200, 409)], statuses


def test_a_counter_of_another_version_is_told_to_update_and_keeps_its_payments(world):
    """Central serves counters of its own store schema only: an older counter would
    price what it pulls (a group's own fine scheme, other charges) by its own rules.
    It is told so in Indonesian (426), and nothing it sends is taken."""
    for schema in (None, "0026", head_revision() + "x"):
        headers = {"Authorization": f"Bearer {world.a_key}", **({SCHEMA_HEADER: schema} if schema else {})}
        with httpx.Client(base_url=world.url + "/v1", headers=headers, timeout=30) as http:
            for method, path, body in (("GET", "/me", None), ("POST", "/changes", {"marks": {}, "page": 1}),
                                       ("POST", "/events", {"events": []})):
                response = http.request(method, path, json=body)
                assert response.status_code == 426, (schema, path, response.text)
                assert "perbarui program loket" in response.json()["error"]
    with httpx.Client(base_url=world.url + "/v1", headers={"Authorization": f"Bearer {world.a_key}",
                                                           SCHEMA_HEADER: head_revision()}, timeout=30) as http:
        assert http.get("/me").status_code == 200
