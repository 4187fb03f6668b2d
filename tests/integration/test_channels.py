"""Payment channels (banks, marketplaces) at central, for real: uvicorn on
127.0.0.1 over PostgreSQL, signed requests over HTTP. A channel pays what the
inquiry offered, to the Rupiah, once per reference; every refusal has its
documented code and writes nothing; a bill a channel paid disappears at the
counters after their next pull."""

from __future__ import annotations

import datetime as dt
import json
import threading

import httpx
import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from counter.central import channels
from counter.central.applier import apply_pending
from counter.models import (
    Bill, ChannelPayment, ChannelPaymentLine, ChannelSettlement, Conflict, Customer, CustomerCredit, Office,
    PublishQueue,
)
from counter.rules.text import key
from counter.services.billing import quote_customer
from counter.services.payment import pay as pay_at_counter
from tests.integration.attack_helpers import OTHER, add_office, owing
from tests.integration.shift_helpers import on_shift

pytestmark = [pytest.mark.postgres, pytest.mark.timeout(120)]
ZONE = "Asia/Makassar"


class Bank:
    """A channel's client: signs each request as docs/channels.md says."""

    def __init__(self, url: str, code: str, secret: str) -> None:
        self.http, self.code, self.secret = httpx.Client(base_url=url, timeout=30), code, secret

    def post(self, path: str, body: object, *, timestamp: int | None = None, secret: str | None = None,
             headers: dict | None = None, raw: bytes | None = None) -> httpx.Response:
        data = raw if raw is not None else json.dumps(body).encode()
        signed = channels.signed_headers(self.code, secret or self.secret, f"/v1/channel/{path}", data, timestamp)
        return self.http.post(f"/v1/channel/{path}", content=data, headers=headers if headers is not None else signed)

    def inquiry(self, customer: str) -> httpx.Response:
        return self.post("inquiry", {"customer": customer})

    def pay(self, reference: str, customer: str, periods: list[int], amount: int) -> httpx.Response:
        return self.post("payment", {"reference": reference, "customer": customer, "periods": periods,
                                     "amount": amount})

    def reverse(self, reference: str) -> httpx.Response:
        return self.post("reversal", {"reference": reference})


@pytest.fixture
def world(central, server):
    engine = central
    add_office(engine)
    bank = channels.add_channel(engine, "BANK-NTT", "Bank NTT")
    local = channels.add_channel(engine, "POS-TLK", "Kantor Pos Tilong", [OTHER])
    with engine.connect() as connection:
        kpg = connection.scalar(select(Office.id).where(Office.code == "KPG"))
        numbers = connection.scalars(select(Customer.number).where(Customer.id.in_(owing(kpg)))
                                     .order_by(Customer.id).limit(20)).all()
    clients = [Bank(server.url, bank["code"], bank["secret"]), Bank(server.url, local["code"], local["secret"])]
    try:
        yield engine, server, clients[0], clients[1], numbers
    finally:
        for client in clients:
            client.http.close()


def held(engine) -> dict:
    """What a refused request must leave as it was."""
    with engine.connect() as connection:
        return {"payments": connection.execute(select(ChannelPayment.reference, ChannelPayment.status)
                                               .order_by(ChannelPayment.reference)).all(),
                "lines": connection.scalar(select(func.count()).select_from(ChannelPaymentLine)),
                "bills": connection.execute(select(Bill.id, Bill.status, Bill.payment_id).order_by(Bill.id)).all(),
                "queued": connection.scalar(select(func.count()).select_from(PublishQueue))}


def refused(response: httpx.Response, status: int, code: str) -> dict:
    assert (response.status_code, response.json()["code"]) == (status, code), response.text
    assert response.json()["message"]
    return response.json()


def test_inquiry_offers_the_open_bills_oldest_first_with_todays_fines(world):
    engine, _, bank, _, numbers = world
    answer = bank.inquiry(numbers[0]).json()
    today = dt.datetime.now(dt.timezone.utc).astimezone(channels.ZoneInfo(ZONE)).date()
    with Session(engine) as session:
        customer = session.scalars(select(Customer).where(Customer.number == numbers[0])).one()
        owed = quote_customer(session, customer, today)  # the counter's own quote, on central's data
    assert answer["customer"]["number"] == numbers[0] and answer["customer"]["name"] == customer.name
    assert answer["date"] == today.isoformat()
    assert [b["period"] for b in answer["bills"]] == [b.period for b in owed.bills] == sorted(
        b["period"] for b in answer["bills"])
    assert [b["fine"] for b in answer["bills"]] == [b.fine for b in owed.bills]
    assert (answer["subtotal"], answer["stamp_duty"], answer["total"]) == (owed.subtotal, owed.stamp_duty, owed.total)
    for bill in answer["bills"]:
        parts = ("water_charge", "standing_charge", "meter_fee", "admin_fee", "fine")
        assert sum(bill[p] for p in parts) == bill["amount"] and all(isinstance(bill[p], int) for p in parts)


def test_a_payment_is_once_per_reference_and_to_the_rupiah(world):
    engine, _, bank, _, numbers = world
    offer = bank.inquiry(numbers[1]).json()
    periods = [b["period"] for b in offer["bills"]]
    paid = bank.pay("TRX-0001", numbers[1], periods, offer["total"])
    assert paid.status_code == 200, paid.text
    assert paid.json()["status"] == "paid" and paid.json()["total"] == offer["total"]
    assert bank.pay("TRX-0001", numbers[1], periods, offer["total"]).json() == paid.json()  # the same answer
    before = held(engine)
    refused(bank.pay("TRX-0001", numbers[1], periods, offer["total"] + 1), 409, "REFERENCE_REUSED")
    refused(bank.pay("TRX-0001", numbers[2], [202501], 1000), 409, "REFERENCE_REUSED")
    assert held(engine) == before
    with Session(engine) as session:
        payment = session.scalars(select(ChannelPayment)).one()
        bills = session.scalars(select(Bill).where(Bill.customer_id == payment.customer_id,
                                                   Bill.period.in_(periods))).all()
        assert {b.status for b in bills} == {"paid"} and {b.payment_id for b in bills} == {payment.id}
        lines = session.scalars(select(ChannelPaymentLine).where(ChannelPaymentLine.payment_id == payment.id)).all()
        assert sum(line.amount for line in lines) + payment.stamp_duty == payment.total == offer["total"]
    assert bank.inquiry(numbers[1]).json()["bills"] == []
    refused(bank.pay("TRX-0002", numbers[1], periods, offer["total"]), 409, "NOTHING_TO_PAY")


def test_what_the_inquiry_did_not_offer_is_refused_and_writes_nothing(world):
    engine, _, bank, _, numbers = world
    offer = bank.inquiry(numbers[3]).json()
    periods = [b["period"] for b in offer["bills"]]
    before = held(engine)
    answer = refused(bank.pay("T-1", numbers[3], periods, offer["total"] - 1), 409, "AMOUNT_MISMATCH")
    assert answer["central_amount"] == offer["total"]
    if len(periods) > 1:  # a newer month before the oldest
        refused(bank.pay("T-2", numbers[3], periods[1:], offer["total"]), 409, "BILLS_NOT_OFFERED")
    refused(bank.pay("T-3", numbers[3], [209912], offer["total"]), 409, "BILLS_NOT_OFFERED")
    refused(bank.pay("T-4", "00-NOBODY-00", periods, offer["total"]), 404, "CUSTOMER_UNKNOWN")
    refused(bank.inquiry("00-NOBODY-00"), 404, "CUSTOMER_UNKNOWN")
    for body in ({"customer": numbers[3]}, {"reference": "x", "customer": numbers[3], "periods": "all", "amount": 5},
                 {"reference": "x", "customer": numbers[3], "periods": [periods[0]], "amount": 1.5},
                 {"reference": "x" * 65, "customer": numbers[3], "periods": [periods[0]], "amount": 5},
                 {"reference": "x", "customer": numbers[3], "periods": [periods[0], periods[0]], "amount": 5},
                 {"reference": "x", "customer": numbers[3], "periods": [True], "amount": 5},
                 {"reference": "x", "customer": numbers[3], "periods": [periods[0]], "amount": True},
                 {"reference": "x", "customer": numbers[3], "periods": [periods[0]], "amount": 5, "extra": 1},
                 [1, 2], "text"):
        refused(bank.post("payment", body), 400, "BODY_INVALID")
    refused(bank.post("payment", None, raw=b"{not json"), 400, "BODY_INVALID")
    assert held(engine) == before


def test_a_channel_of_one_office_reaches_no_other(world):
    engine, _, bank, local, numbers = world
    before = held(engine)
    refused(local.inquiry(numbers[0]), 403, "OFFICE_NOT_SERVED")
    offer = bank.inquiry(numbers[0]).json()
    refused(local.pay("P-1", numbers[0], [offer["bills"][0]["period"]], offer["bills"][0]["amount"]), 403,
            "OFFICE_NOT_SERVED")
    assert held(engine) == before
    with engine.connect() as connection:
        tlk = connection.scalar(select(Customer.number).join(Office).where(Office.code == OTHER).limit(1))
    assert local.inquiry(tlk).status_code == 200


def test_unsigned_badly_signed_stale_unknown_and_revoked_requests_are_refused(world):
    engine, server, bank, _, numbers = world
    offer = bank.inquiry(numbers[4]).json()
    body = {"reference": "S-1", "customer": numbers[4], "periods": [offer["bills"][0]["period"]],
            "amount": offer["bills"][0]["amount"]}
    before = held(engine)
    refused(bank.post("payment", body, headers={"Content-Type": "application/json"}), 401, "SIGNATURE_MISSING")
    refused(bank.post("payment", body, secret="00" * 32), 401, "SIGNATURE_INVALID")
    now = int(dt.datetime.now(dt.timezone.utc).timestamp())
    refused(bank.post("payment", body, timestamp=now - channels.REPLAY_WINDOW_S - 5), 401, "TIMESTAMP_STALE")
    refused(bank.post("payment", body, timestamp=now + channels.REPLAY_WINDOW_S + 5), 401, "TIMESTAMP_STALE")
    data = json.dumps(body).encode()
    signed = channels.signed_headers(bank.code, bank.secret, "/v1/channel/payment", data)
    tampered = data.replace(str(body["amount"]).encode(), str(body["amount"] + 1000).encode())
    response = bank.http.post("/v1/channel/payment", content=tampered, headers=signed)
    refused(response, 401, "SIGNATURE_INVALID")
    other_path = bank.http.post("/v1/channel/reversal", content=data, headers=signed)  # signed for another path
    refused(other_path, 401, "SIGNATURE_INVALID")
    for odd in ("ü" * 64, "zz" * 32, ""):  # not hex, not even ASCII: refused like any wrong signature
        headers = {**signed, "X-Signature": odd.encode()}
        code = "SIGNATURE_MISSING" if not odd else "SIGNATURE_INVALID"
        refused(bank.http.post("/v1/channel/payment", content=data, headers=headers), 401, code)
    signed["X-Timestamp"] = "soon"
    refused(bank.http.post("/v1/channel/payment", content=data, headers=signed), 401, "SIGNATURE_INVALID")
    refused(Bank(server.url, "BANK-NOBODY", bank.secret).post("payment", body), 401, "CHANNEL_UNKNOWN")
    channels.revoke_channel(engine, "BANK-NTT")
    refused(bank.post("payment", body), 401, "CHANNEL_REVOKED")
    refused(bank.inquiry(numbers[4]), 401, "CHANNEL_REVOKED")
    assert held(engine) == before


def test_a_reversal_the_same_day_before_settlement_and_of_its_own_payments_only(world):
    engine, _, bank, local, numbers = world
    offer = bank.inquiry(numbers[5]).json()
    periods = [b["period"] for b in offer["bills"]]
    assert bank.pay("R-1", numbers[5], periods, offer["total"]).status_code == 200
    refused(local.reverse("R-1"), 404, "PAYMENT_UNKNOWN")  # another channel's reference
    refused(bank.reverse("R-nothing"), 404, "PAYMENT_UNKNOWN")
    undone = bank.reverse("R-1")
    assert undone.status_code == 200 and undone.json()["status"] == "reversed", undone.text
    assert bank.reverse("R-1").json() == undone.json()  # asked again: the same answer
    assert bank.inquiry(numbers[5]).json()["total"] == offer["total"]  # owed again
    refused(bank.pay("R-1", numbers[5], periods, offer["total"] + 5), 409, "REFERENCE_REUSED")

    offer = bank.inquiry(numbers[6]).json()
    assert bank.pay("R-2", numbers[6], [offer["bills"][0]["period"]], offer["bills"][0]["amount"] +
                    channels.stamp_duty(offer["bills"][0]["amount"], _rule(engine))).status_code == 200
    with Session(engine) as session, session.begin():
        payment = session.scalars(select(ChannelPayment).where(ChannelPayment.reference == "R-2")).one()
        day = payment.business_date
        session.add(ChannelSettlement(channel_id=payment.channel_id, business_date=day,
                                      settled_at=channels.utc_now(), file_sha256="0" * 64, summary={}))
    before = held(engine)
    refused(bank.reverse("R-2"), 409, "ALREADY_SETTLED")
    with Session(engine) as session, session.begin():
        session.execute(update(ChannelPayment).where(ChannelPayment.reference == "R-2")
                        .values(business_date=day - dt.timedelta(days=1)))
    refused(bank.reverse("R-2"), 409, "REVERSAL_TOO_LATE")
    assert held(engine)["bills"] == before["bills"]


def _rule(engine):  # noqa: ANN202
    from counter.services.billing import stamp_rule

    with Session(engine) as session:
        return stamp_rule(session, dt.date.today())


def test_many_payments_of_one_customer_at_once_pay_once(world):
    engine, _, bank, _, numbers = world
    offer = bank.inquiry(numbers[7]).json()
    periods = [b["period"] for b in offer["bills"]]
    answers: list[httpx.Response] = []

    def attempt(n: int) -> None:
        with httpx.Client(base_url=bank.http.base_url, timeout=30) as http:
            data = json.dumps({"reference": f"C-{n}", "customer": numbers[7], "periods": periods,
                               "amount": offer["total"]}).encode()
            answers.append(http.post("/v1/channel/payment", content=data, headers=channels.signed_headers(
                bank.code, bank.secret, "/v1/channel/payment", data)))

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    codes = sorted(a.json().get("code", "paid") for a in answers)
    assert codes.count("paid") == 1 and set(codes) - {"paid"} <= {"NOTHING_TO_PAY"}, codes
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(ChannelPayment)) == 1


def test_a_bill_paid_by_a_channel_leaves_every_counter_and_a_second_payment_becomes_credit(app, world, link):
    engine, server, bank, _, numbers = world
    number = numbers[8]
    link.cycle()  # the counter holds central's bills
    offer = bank.inquiry(number).json()
    oldest = offer["bills"][0]
    desk = on_shift(app, app.desk())  # the counter, offline, takes the same month in cash
    taken = pay_at_counter(app.uow(), desk, number, [oldest["period"]], tendered=10**7, offline=True)
    paid = bank.pay("B-1", number, [oldest["period"]], oldest["amount"] +
                    channels.stamp_duty(oldest["amount"], _rule(engine)))
    assert paid.status_code == 200, paid.text
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(PublishQueue)) == 1
    apply_pending(engine)  # publishes the bill the channel paid
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(PublishQueue)) == 0

    link.cycle()
    settle_all(engine)
    link.cycle()
    with Session(engine) as session:
        conflict = session.scalars(select(Conflict).where(Conflict.payment_id == taken.payment_id)).one()
        assert conflict.kind == "bill_already_paid" and conflict.detail["paid_by"] == paid.json()["payment_id"]
        credit = session.scalar(select(func.sum(CustomerCredit.amount)).where(
            CustomerCredit.payment_id == taken.payment_id))
        assert credit == conflict.amount > 0
    with Session(app.engine) as session:  # the counter has the bill paid by the channel
        bill = session.scalars(select(Bill).join(Customer).where(Customer.number_key == key(number),
                                                                 Bill.period == oldest["period"])).one()
        assert bill.status == "paid" and str(bill.payment_id) == paid.json()["payment_id"]

    # a second counter that never took it: the month is gone after its next pull
    other = bank.inquiry(numbers[9]).json()
    first = other["bills"][0]
    with Session(app.engine) as session:
        assert session.scalar(select(Bill.status).join(Customer).where(
            Customer.number_key == key(numbers[9]), Bill.period == first["period"])) == "unpaid"
    assert bank.pay("B-2", numbers[9], [first["period"]], first["amount"] + channels.stamp_duty(
        first["amount"], _rule(engine))).status_code == 200
    apply_pending(engine)
    link.cycle()
    with Session(app.engine) as session:
        assert session.scalar(select(Bill.status).join(Customer).where(
            Customer.number_key == key(numbers[9]), Bill.period == first["period"])) == "paid"


def settle_all(engine) -> None:  # noqa: ANN001
    while sum(apply_pending(engine).values()):
        pass


def test_the_worked_example_of_the_docs_signs_as_central_checks():
    from pathlib import Path

    docs = (Path(__file__).parents[2] / "docs" / "channels.md").read_text()
    body = ('{"reference":"NTT-20261206-000042","customer":"01-02-003456","periods":[202610,202611],'
            '"amount":187000}')
    assert body in docs
    expected = channels.signature("7f" * 32, "1796521200", "POST", "/v1/channel/payment", body.encode())
    assert f"`{expected}`" in docs


def test_the_operator_registers_lists_and_revokes_channels_from_the_command_line(capsys, central, tmp_path):
    from counter.cli import main

    url = central.url.render_as_string(hide_password=False).replace("postgresql+psycopg", "postgresql")

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["--data-dir", str(tmp_path / "op"), "central", "channel", *argv, "--url", url])
        out, err = capsys.readouterr()
        return code, out, err

    code, out, _ = run("add", "bank-ntt", "--name", "Bank NTT", "--offices", "KPG", "--json")
    assert code == 0
    made = json.loads(out)
    assert made["code"] == "BANK-NTT" and made["offices"] == ["KPG"] and len(made["secret"]) == 64
    code, out, _ = run("list", "--json")
    assert [(c["code"], c["state"]) for c in json.loads(out)] == [("BANK-NTT", "aktif")]
    assert made["secret"] not in out  # shown once, at registration only
    for argv, says in ((("add", "BANK-NTT", "--name", "Lagi"), "sudah terdaftar"),
                       (("add", "X", "--name", "Satu huruf"), "Kode kanal"),
                       (("add", "BANK-2"), "nama kanal"),
                       (("add", "BANK-3", "--name", "B", "--offices", "ZZZ"), "ZZZ"),
                       (("revoke", "NOBODY"), "tidak terdaftar"),
                       (("fly",), "Perintah kanal")):
        code, out, err = run(*argv)
        assert code == 2 and says in err + out and "Traceback" not in err + out, (argv, out, err)
    code, _, _ = run("revoke", "BANK-NTT")
    assert code == 0
    code, out, _ = run("list", "--json")
    assert [(c["code"], c["state"]) for c in json.loads(out)] == [("BANK-NTT", "dicabut")]


def test_any_signed_body_gets_a_documented_answer_never_a_server_error(world):
    """A channel holding a valid key sends whatever JSON it likes: each answer is
    a documented code (or a payment of what was really owed), never a 500."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    engine, _, bank, _, numbers = world
    scalars = st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=False) | st.text(max_size=70)
    values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.text(max_size=10), inner, max_size=4), max_leaves=8)
    plausible = st.fixed_dictionaries({
        "reference": st.text(max_size=70) | st.from_regex(r"[A-Za-z0-9_.:/-]{1,64}", fullmatch=True),
        "customer": st.sampled_from(list(numbers)) | st.text(max_size=50),
        "periods": st.lists(st.integers(190001, 999912) | values, max_size=5),
        "amount": st.integers(-10, 10**7) | values})
    documented = {"BODY_INVALID", "CUSTOMER_UNKNOWN", "NOTHING_TO_PAY", "BILLS_NOT_OFFERED", "AMOUNT_MISMATCH",
                  "REFERENCE_REUSED", "PAYMENT_UNKNOWN", "REVERSAL_TOO_LATE", "ALREADY_SETTLED"}

    @settings(max_examples=120, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(path=st.sampled_from(["inquiry", "payment", "reversal"]), body=plausible | values)
    def run(path: str, body: object) -> None:
        response = bank.post(path, body)
        assert response.status_code < 500, (path, body, response.text)
        answer = response.json()
        if response.status_code != 200:
            assert answer["code"] in documented and answer["message"], answer

    run()
    with Session(engine) as session:  # whatever was paid was paid in full, each bill once
        for payment in session.scalars(select(ChannelPayment)):
            lines = session.scalars(select(ChannelPaymentLine).where(
                ChannelPaymentLine.payment_id == payment.id)).all()
            assert sum(line.amount for line in lines) + payment.stamp_duty == payment.total
        paid_twice = session.execute(select(ChannelPaymentLine.bill_id).group_by(ChannelPaymentLine.bill_id)
                                     .having(func.count() > 1)).all()
        assert not paid_twice


def test_a_retry_racing_its_original_gets_the_same_answer(world):
    """A channel that times out and retries at once: the requests overlap, and
    every one of them answers the one payment made (or REFERENCE_REUSED for
    other content under that reference), never NOTHING_TO_PAY or a 500."""
    engine, _, bank, _, numbers = world
    offers = {n: bank.inquiry(n).json() for n in numbers[10:12]}
    barrier = threading.Barrier(8)
    answers: list[httpx.Response] = []

    def attempt(n: int) -> None:
        number = numbers[10] if n < 6 else numbers[11]  # two of them: other content, same reference
        offer = offers[number]
        data = json.dumps({"reference": "RETRY-1", "customer": number,
                           "periods": [b["period"] for b in offer["bills"]], "amount": offer["total"]}).encode()
        with httpx.Client(base_url=bank.http.base_url, timeout=30) as http:
            headers = channels.signed_headers(bank.code, bank.secret, "/v1/channel/payment", data)
            barrier.wait()
            answers.append(http.post("/v1/channel/payment", content=data, headers=headers))

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(a.status_code in (200, 409) for a in answers), [a.text for a in answers]
    paid = [a.json() for a in answers if a.status_code == 200]
    assert paid and all(p == paid[0] for p in paid)
    assert {a.json()["code"] for a in answers if a.status_code == 409} <= {"REFERENCE_REUSED"}
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(ChannelPayment)) == 1
