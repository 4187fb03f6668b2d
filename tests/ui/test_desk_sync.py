"""The desk and central: the background sync, the status bar, refreshing a
customer from central when opened, and working on when central is away.

Real widgets, real SQLite; central is the embedded SQLite store (seeded from
the local one on first use) or a PostgreSQL address where nothing listens."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select, update

from counter.models import Bill, Customer, InboxEvent, OutboxEvent
from counter.sync.state import SyncStatus
from counter.ui.app import start_sync
from counter.ui.customer_panel import CENTRAL_DATA, LOCAL_DATA
from counter.ui.main_window import MainWindow
from counter.ui.sync import LEVEL_COLOURS, age_text, status_line
from tests.conftest import AS_OF, clock_at, make_app
from tests.integration.shift_helpers import on_shift
from tests.ui.desk_helpers import bill_states, customer_owing, pay_cash

UNREACHABLE = ("central.url=http://127.0.0.1:1", "central.timeout_ms=300")  # nothing listens on port 1
FAST = "central.interval_s=1"


@pytest.fixture
def synced_desk(qtbot, demo_template, tmp_path, messages):  # noqa: ANN001, ANN201
    """make(*overrides) -> (app, window, sync): the desk on a copy of the demo
    store with the background sync started as `counter.ui.app.run` starts it,
    its user's shift open."""
    opened = []

    def make(*overrides: str, enrolled: bool = True):  # noqa: ANN202
        folder = tmp_path / f"counter{len(opened)}"
        shutil.copytree(demo_template, folder)
        if enrolled and any(o.startswith("central.url=") for o in overrides):  # the counter holds a key
            store_key_file(folder)
        app = make_app(folder, FAST, *overrides)
        # the embedded central answers, and the sync notes when, on the machine's clock: a desk
        # dated in the demo's past would take that for a clock set back and refuse the payment
        answers = not any(o.startswith("central.url=") for o in overrides)
        desk = app.desk() if answers else dataclasses.replace(app.desk(), clock=clock_at(AS_OF))
        on_shift(app, desk)  # money goes into the cashier's open shift
        window = MainWindow(app, desk)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        sync = start_sync(app, window, status_ms=100)
        opened.append((app, window, sync))
        return app, window, sync

    yield make
    for app, window, sync in opened:
        window.close()  # stops the sync worker, then the database worker
        window.runner.wait()
        assert sync.worker is None or not sync.worker._thread.is_alive()
        if "embedded_engine" in app.__dict__:
            app.embedded_engine.dispose()
        app.engine.dispose()


def store_key_file(folder) -> None:  # noqa: ANN001
    """A device key as `counter sync enrol` leaves it when there is no keyring."""
    key = folder / "device.key"
    key.write_text("ctr_" + "k" * 43 + "\n")
    key.chmod(0o600)


def open_customer(qtbot, window, number: str) -> None:  # noqa: ANN001
    window.search.setText(number)
    window.search_now()
    qtbot.waitUntil(lambda: window.panel.quote is not None and window.panel.quote.customer.number == number,
                    timeout=15_000)


def test_unreachable_central_shows_offline_with_the_queue_and_payments_go_on(qtbot, synced_desk, messages):
    app, window, sync = synced_desk(*UNREACHABLE)
    qtbot.waitUntil(lambda: sync.worker is not None, timeout=15_000)  # the engine is made; it never connects
    number = customer_owing(app, 2)
    pay_cash(qtbot, window, number)
    assert messages.shown == []
    assert set(bill_states(app, number).values()) == {"paid"}  # taken locally, waiting in the outbox

    label = window.central_label
    # queued: the shift's opening and the payment
    qtbot.waitUntil(lambda: label.text().startswith("Pusat: OFFLINE, 2 antre (tertua "), timeout=15_000)
    assert LEVEL_COLOURS["offline"][1] in label.styleSheet()  # red text on pink: colour and the word
    assert "Belum pernah tersambung" in label.toolTip()
    assert "127.0.0.1" in label.toolTip() or "Kesalahan terakhir" in label.toolTip()
    qtbot.waitUntil(lambda: window.printer.pending == 0, timeout=15_000)  # the receipt is done ...
    assert not window.runner.busy  # ... and the status reads do not make the desk look busy


def test_embedded_central_takes_the_payment_and_the_status_says_online(qtbot, synced_desk, messages):
    app, window, sync = synced_desk()
    qtbot.waitUntil(lambda: sync.central is not None, timeout=20_000)
    number = customer_owing(app, 1)
    pay_cash(qtbot, window, number)
    assert messages.shown == []

    def sent() -> bool:  # sent, applied at central, and the verdict is back
        with app.engine.connect() as connection:
            return connection.scalar(select(func.count()).where(OutboxEvent.outcome != "applied")) == 0

    qtbot.waitUntil(lambda: sent() and window.central_label.text() == "Pusat: ONLINE, 0 antre", timeout=20_000)
    assert LEVEL_COLOURS["online"][1] in window.central_label.styleSheet()
    with app.embedded_engine.connect() as connection:  # it arrived and was applied at central
        assert sorted(connection.execute(select(InboxEvent.kind, InboxEvent.status)).all()) == [
            ("payment.created", "applied"), ("shift.opened", "applied")]  # the drawer it went into, too
        central_bills = connection.execute(
            select(Bill.status, Bill.payment_id).join(Customer, Customer.id == Bill.customer_id)
            .where(Customer.number == number, Bill.period.in_([b.period for b in window.last_payment.quote.bills]))
        ).all()
    assert central_bills and all(s == "paid" and p is not None for s, p in central_bills)


def test_opening_a_customer_says_local_data_when_central_is_unreachable(qtbot, synced_desk):
    app, window, sync = synced_desk(*UNREACHABLE)
    qtbot.waitUntil(lambda: sync.worker is not None, timeout=15_000)
    number = customer_owing(app, 2)
    open_customer(qtbot, window, number)
    panel = window.panel
    assert panel.from_central is False
    assert panel.local_notice.isVisible() and LOCAL_DATA in panel.local_notice.text()
    assert not panel.central_note.isVisible()
    assert panel.bills.rowCount() >= 2 and panel.pay_button.isEnabled()  # the replica still serves


def test_a_customer_opened_before_central_is_set_up_is_local_data(qtbot, app, window):
    # no sync attached at all: the same as central not there yet
    open_customer(qtbot, window, customer_owing(app, 1))
    assert window.panel.local_notice.isVisible() and not window.panel.central_note.isVisible()


def test_a_bill_paid_at_central_disappears_when_the_customer_is_opened(qtbot, synced_desk):
    app, window, sync = synced_desk()
    qtbot.waitUntil(lambda: sync.central is not None, timeout=20_000)
    number = customer_owing(app, 3)
    unpaid = sorted(p for p, s in bill_states(app, number).items() if s == "unpaid")
    paid_at_bank = unpaid[0]
    with app.embedded_engine.begin() as connection:  # paid at a bank: central knows, the replica does not
        customer_id = connection.scalar(select(Customer.id).where(Customer.number == number))
        changed = connection.execute(
            update(Bill).where(Bill.customer_id == customer_id, Bill.period == paid_at_bank).values(status="paid")
        ).rowcount
    assert changed == 1
    assert bill_states(app, number)[paid_at_bank] == "unpaid"

    open_customer(qtbot, window, number)
    panel = window.panel
    shown = [b.period for b in panel.quote.bills]
    assert paid_at_bank not in shown and shown == unpaid[1:]
    assert panel.bills.rowCount() == len(unpaid) - 1
    assert panel.central_note.isVisible() and panel.central_note.text() == CENTRAL_DATA
    assert not panel.local_notice.isVisible()
    assert bill_states(app, number)[paid_at_bank] == "paid"  # the replica has it now


def test_central_that_cannot_be_set_up_leaves_the_desk_working_offline(qtbot, synced_desk, messages):
    app, window, sync = synced_desk("central.url=https://pusat.example", enrolled=False)
    qtbot.waitUntil(lambda: sync.error is not None, timeout=15_000)
    assert sync.worker is None and sync.central is None
    qtbot.waitUntil(lambda: window.central_label.text().startswith("Pusat: OFFLINE"), timeout=15_000)
    # a status read made before the failure may still say "Menyiapkan ..."; the next one says why
    qtbot.waitUntil(lambda: "tidak dapat disiapkan" in window.central_label.toolTip(), timeout=15_000)
    number = customer_owing(app, 1)
    pay_cash(qtbot, window, number)
    assert messages.shown == []
    qtbot.waitUntil(lambda: window.central_label.text().startswith("Pusat: OFFLINE, 2 antre"),
                    timeout=15_000)  # the shift's opening and the payment


# ---- the status line on its own ------------------------------------------------------------

NOW = dt.datetime(2025, 11, 24, 6, 0, tzinfo=dt.timezone.utc)
WITA = dt.timezone(dt.timedelta(hours=8))


def status(state: str, queued: int = 0, held: int = 0, oldest_h: float | None = None,
           error: str = "") -> SyncStatus:
    oldest = NOW - dt.timedelta(hours=oldest_h) if oldest_h is not None else None
    return SyncStatus(state, queued, held, oldest, NOW - dt.timedelta(hours=3), error)


def test_status_line_words():
    line = status_line(status("offline", 14, oldest_h=2.5, error="connection refused"), WITA, NOW)
    assert line.level == "offline" and line.text == "Pusat: OFFLINE, 14 antre (tertua 2 jam)"
    assert "connection refused" in line.tooltip and "24-11-2025 11:00:00" in line.tooltip  # office time
    line = status_line(status("degraded", 3, held=2, oldest_h=0.25), WITA, NOW)
    assert line.text == "Pusat: TERGANGGU, 3 antre (tertua 15 menit), 2 ditahan"
    assert "2 ditahan" in line.tooltip
    assert status_line(status("online"), WITA, NOW).text == "Pusat: ONLINE, 0 antre"
    assert status_line(status("online"), WITA, NOW, setup_error="x").text == "Pusat: OFFLINE, 0 antre"


@pytest.mark.parametrize(("seconds", "text"), [
    (-30, "baru saja"), (59, "baru saja"), (60, "1 menit"), (3599, "59 menit"), (3600, "1 jam"),
    (47 * 3600, "47 jam"), (49 * 3600, "2 hari"),
])
def test_age_text(seconds, text):
    assert age_text(dt.timedelta(seconds=seconds)) == text
