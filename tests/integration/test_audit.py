"""The audit trail is a hash chain per counter: a row edited, deleted or
inserted by hand in the SQLite file is caught."""

import json
import sqlite3

from counter.services.audit import verify
from counter.services.print_queue import reprint
from tests.integration.test_cli import run
from tests.integration.test_plans import owing
from tests.integration.sync_helpers import pay_oldest


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
    assert checked == 4 and broken == []
    code, out, _ = run(capsys, app, "audit", "verify")
    assert code == 0 and "utuh: 4 catatan" in out


def test_a_row_edited_by_hand_is_caught(app, desk, capsys):
    paid = acts(app, desk)
    app.engine.dispose()
    with sqlite3.connect(store_file(app)) as db:  # someone lowers a payment's total in the audit record
        details = json.loads(db.execute("SELECT details FROM audit_log WHERE subject = ?",
                                        (paid[1].receipt_no,)).fetchone()[0])
        details["total"] = 1
        db.execute("UPDATE audit_log SET details = ? WHERE subject = ?", (json.dumps(details), paid[1].receipt_no))
    checked, broken = verify(app.engine)
    assert [(b.seq, b.reason) for b in broken] == [(2, "isi catatan diubah")]
    code, out, _ = run(capsys, app, "audit", "verify", "--json")
    assert code == 1 and json.loads(out)["broken"][0]["seq"] == 2


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
