"""The audit trail is a hash chain per counter: a row edited, deleted or
inserted by hand in the SQLite file is caught."""

import datetime as dt
import json
import sqlite3

import pytest
from sqlalchemy import func, select

from counter.models import AuditRecord

from counter.services.audit import verify
from counter.services.billing import quote
from counter.services.payment import pay
from counter.services.print_queue import reprint
from tests.integration.test_cli import run
from tests.integration.test_plans import owing
from tests.integration.sync_helpers import pay_oldest

pytestmark = pytest.mark.usefixtures("till")  # money is taken only into an open shift


def acts(app, desk, n: int = 3) -> list:
    paid = [pay_oldest(app, desk, number) for number in [owing(app, 1)] * 1]
    for _ in range(n - 1):
        paid.append(pay_oldest(app, desk, owing(app, 2)))
    reprint(app.uow(), desk, paid[0].receipt_no)
    return paid


def store_file(app) -> str:
    return str(app.config.store.data_dir / "counter.sqlite")


def test_an_intact_trail_verifies(app, desk, capsys):
    acts(app, desk)
    checked, broken = verify(app.engine)
    assert checked == 5 and broken == []  # the shift opened, three payments, a reprint
    code, out, _ = run(capsys, app, "audit", "verify")
    assert code == 0 and "utuh: 5 catatan" in out


def test_a_row_edited_by_hand_is_caught(app, desk, capsys):
    paid = acts(app, desk)
    app.engine.dispose()
    with sqlite3.connect(store_file(app)) as db:  # someone lowers a payment's total in the audit record
        details = json.loads(db.execute("SELECT details FROM audit_log WHERE subject = ?",
                                        (paid[1].receipt_no,)).fetchone()[0])
        details["total"] = 1
        db.execute("UPDATE audit_log SET details = ? WHERE subject = ?", (json.dumps(details), paid[1].receipt_no))
    checked, broken = verify(app.engine)
    assert [(b.seq, b.reason) for b in broken] == [(3, "isi catatan diubah")]  # after the shift's and paid[0]'s
    code, out, _ = run(capsys, app, "audit", "verify", "--json")
    assert code == 1 and json.loads(out)["broken"][0]["seq"] == 3


def test_a_deleted_or_forged_row_is_caught(app, desk):
    acts(app, desk)
    app.engine.dispose()
    with sqlite3.connect(store_file(app)) as db:
        db.execute("DELETE FROM audit_log WHERE seq = 2")
    assert [(b.seq, b.reason) for b in verify(app.engine)[1]] == [(3, "catatan 2 hilang")]
    with sqlite3.connect(store_file(app)) as db:  # put a made-up record in its place
        row = db.execute("SELECT chain, prev_hash, hash, at, user_id, counter_id, action, subject, details"
                         " FROM audit_log WHERE seq = 1").fetchone()
        db.execute("INSERT INTO audit_log (chain, seq, prev_hash, hash, at, user_id, counter_id, action, subject,"
                   " details) VALUES (?, 2, ?, ?, ?, ?, ?, 'payment', 'palsu', '{}')",
                   (row[0], row[2], "f" * 64, row[3], row[4], row[5]))
    assert [(b.seq, b.reason) for b in verify(app.engine)[1]] == [(2, "isi catatan diubah")]


def test_records_written_before_the_chain_existed_are_chained_by_the_upgrade(tmp_path):
    from sqlalchemy import text

    from counter.store import migrate
    from counter.store.engine import sqlite_engine

    engine = sqlite_engine(tmp_path / "old.sqlite")
    migrate.upgrade(engine, "0007")
    with engine.begin() as connection:
        for n, counter in enumerate([None, 1, 1, None, 1]):
            connection.execute(text("INSERT INTO audit_log (at, user_id, counter_id, action, subject, details)"
                                    " VALUES (:at, 1, :c, 'payment', :s, '{\"total\": 5}')"),
                               {"at": f"2025-11-24 02:00:0{n}.000000", "c": counter, "s": f"struk {n}"})
    migrate.upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT chain, seq FROM audit_log ORDER BY id")).all() == [
            (0, 1), (1, 1), (1, 2), (0, 2), (1, 3)]
    assert verify(engine) == (5, [])
    engine.dispose()


def local_verify(app):
    from counter.services.audit import verify_local

    return verify_local(app.engine)


def test_a_payment_amount_edited_in_its_rows_is_caught(app, desk, capsys):
    """The chain is intact, but the payment rows say another amount than the audit record."""
    paid = acts(app, desk)
    assert local_verify(app)[1] == []
    app.engine.dispose()
    with sqlite3.connect(store_file(app)) as db:  # the total alone, lowered by 1.000
        db.execute("UPDATE payment SET total = total - 1000 WHERE receipt_no = ?", (paid[0].receipt_no,))
    assert verify(app.engine)[1] == []  # the chain itself is intact
    reasons = [b.reason for b in local_verify(app)[1]]
    assert len(reasons) == 1 and paid[0].receipt_no in reasons[0] and "total" in reasons[0]
    code, out, _ = run(capsys, app, "audit", "verify", "--json")
    assert code == 1 and paid[0].receipt_no in json.loads(out)["broken"][0]["reason"]

    with sqlite3.connect(store_file(app)) as db:  # the rows made to agree: a line, the subtotal, the total
        db.execute("UPDATE payment SET total = total + 1000 WHERE receipt_no = ?", (paid[0].receipt_no,))
        payment_id = db.execute("SELECT id FROM payment WHERE receipt_no = ?", (paid[1].receipt_no,)).fetchone()[0]
        db.execute("UPDATE payment_line SET water_charge = water_charge - 5000, amount = amount - 5000"
                   " WHERE payment_id = ?", (payment_id,))
        db.execute("UPDATE payment SET subtotal = subtotal - 5000, total = total - 5000, tendered = tendered - 5000"
                   " WHERE id = ?", (payment_id,))
    [broken] = local_verify(app)[1]
    assert paid[1].receipt_no in broken.reason and "catatan audit" in broken.reason
    code, out, _ = run(capsys, app, "audit", "verify")
    assert code == 1 and paid[1].receipt_no in out


def test_a_line_that_does_not_add_up_is_caught(app, desk):
    paid = acts(app, desk, 1)
    app.engine.dispose()
    with sqlite3.connect(store_file(app)) as db:  # a fine moved into the water charge: the line's sum is kept
        payment_id = db.execute("SELECT id FROM payment WHERE receipt_no = ?", (paid[0].receipt_no,)).fetchone()[0]
        db.execute("UPDATE payment_line SET water_charge = water_charge + 1 WHERE payment_id = ?", (payment_id,))
    [broken] = local_verify(app)[1]
    assert paid[0].receipt_no in broken.reason and "baris" in broken.reason


def test_a_chain_recomputed_from_scratch_is_caught_by_the_anchor_at_central(app, desk, capsys):
    from counter.models import SyncState
    from counter.rules.audit_chain import GENESIS, digest

    paid = acts(app, desk)
    assert run(capsys, app, "sync", "--json")[0] == 0
    with app.engine.connect() as connection:
        anchors = dict(connection.execute(select(SyncState.key, SyncState.value)
                                          .where(SyncState.key.like("audit-anchor:%"))).all())
    [(key, value)] = anchors.items()  # the head central answered: seq and hash
    seq, anchored = value.split(":")
    with app.engine.connect() as connection:
        sent = connection.scalar(select(func.count()).select_from(AuditRecord)
                                 .where(AuditRecord.chain == int(key.split(":")[1])))
    assert int(seq) == sent and len(anchored) == 64
    assert local_verify(app)[1] == []

    app.engine.dispose()
    with sqlite3.connect(store_file(app)) as db:  # a payment's record lowered, and the whole chain hashed again
        rows = db.execute("SELECT id, chain, seq, at, user_id, counter_id, action, subject, details FROM audit_log"
                          " WHERE chain = ? ORDER BY seq", (int(key.split(":")[1]),)).fetchall()
        prev = GENESIS
        for rid, chain, seq_, at, user_id, counter_id, action, subject, details in rows:
            details = json.loads(details)
            if subject == paid[1].receipt_no:
                details["total"] = 1
            moment = dt.datetime.fromisoformat(at).replace(tzinfo=dt.timezone.utc)
            new = digest(prev, chain, seq_, moment, user_id, counter_id, action, subject, details)
            db.execute("UPDATE audit_log SET details = ?, prev_hash = ?, hash = ? WHERE id = ?",
                       (json.dumps(details), prev, new, rid))
            prev = new
        db.execute("UPDATE payment SET total = 1, subtotal = 1 WHERE receipt_no = ?", (paid[1].receipt_no,))
    assert verify(app.engine)[1] == []  # the chain alone looks whole
    reasons = {b.reason for b in local_verify(app)[1]}
    assert any("pusat" in r for r in reasons), reasons
    code, out, _ = run(capsys, app, "audit", "verify")
    assert code == 1 and "pusat" in out
    code, out, _ = run(capsys, app, "audit", "verify", "--central")  # central's own copy is untouched
    assert code is None or code == 0
    assert f"utuh: {sent} catatan" in out


def test_money_moved_between_the_lines_of_one_payment_is_caught(app, desk):
    number = owing(app, 2)
    with app.uow() as uow:
        periods = [b.period for b in quote(uow.session, number, desk.today()).bills[:2]]
    paid = pay(app.uow(), desk, number, periods, method="transfer")
    app.engine.dispose()
    with sqlite3.connect(store_file(app)) as db:  # every sum still adds up: only the audit record knows
        payment_id = db.execute("SELECT id FROM payment WHERE receipt_no = ?", (paid.receipt_no,)).fetchone()[0]
        db.execute("UPDATE payment_line SET water_charge = water_charge - 5000, amount = amount - 5000"
                   " WHERE payment_id = ? AND seq = 1", (payment_id,))
        db.execute("UPDATE payment_line SET water_charge = water_charge + 5000, amount = amount + 5000"
                   " WHERE payment_id = ? AND seq = 2", (payment_id,))
    [broken] = local_verify(app)[1]
    assert paid.receipt_no in broken.reason and "per baris" in broken.reason
