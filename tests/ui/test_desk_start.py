"""Starting the desk with `counter.ui.app.run`: errors, demo data, the window."""

from __future__ import annotations

import datetime as dt

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

import counter.ui.app as ui_app
from counter.models import Bill, Customer
from counter.ui.main_window import MainWindow
from tests.conftest import make_app


def close_desk_when_shown(seen: list[MainWindow]) -> QTimer:
    """Close the main window as soon as it is up, as the cashier would: closing
    the last window ends `run`'s event loop. (No extra quit(): it would end the
    loop before it takes the Quit that closing posted, and that Quit, taken by a
    later test, leaves no window able to become active.)"""
    timer = QTimer()
    timer.setInterval(20)

    def check() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append(widget)
                timer.stop()
                widget.close()

    timer.timeout.connect(check)
    timer.start()
    return timer


def test_run_without_office_shows_why_and_exits_2(qapp, tmp_path, messages):
    app = make_app(tmp_path / "empty")
    assert ui_app.run(app) == 2
    [(kind, _title, text)] = messages.shown
    assert kind == "critical" and "belum ada di data lokal" in text
    app.engine.dispose()


def test_run_with_demo_fills_an_empty_store_then_opens_the_desk(qapp, tmp_path, monkeypatch, messages):
    monkeypatch.setattr(ui_app, "DEMO_CUSTOMERS", 60)
    app = make_app(tmp_path / "fresh")
    monkeypatch.setattr(app, "today", lambda: dt.date(2024, 3, 5))  # the business date in the office
    seen: list[MainWindow] = []
    timer = close_desk_when_shown(seen)
    assert ui_app.run(app, demo=True, sign_in=False) == 0
    timer.stop()
    assert messages.shown == []
    [window] = seen
    assert window.desk.office_code == "KPG" and window.desk.counter_code == "L01"
    with app.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Customer)) == 60
        assert uow.session.scalar(select(func.max(Bill.period))) == 202403  # the demo ends on that date
    window.deleteLater()
    app.engine.dispose()


def test_run_with_demo_keeps_an_existing_store(qapp, app, monkeypatch, messages):
    called = []
    monkeypatch.setattr(ui_app.demo_service, "create_demo", lambda *a, **k: called.append(1))
    seen: list[MainWindow] = []
    timer = close_desk_when_shown(seen)
    assert ui_app.run(app, demo=True, sign_in=False) == 0
    timer.stop()
    assert called == [] and len(seen) == 1
    seen[0].deleteLater()


def test_a_mistyped_user_on_a_store_with_data_says_so_and_exits_2(qapp, app, monkeypatch, messages):
    called = []
    monkeypatch.setattr(ui_app.demo_service, "create_demo", lambda *a, **k: called.append(1))
    mistyped = make_app(app.config.store.data_dir, "desk.user=nobody")  # as `-o desk.user=nobody`
    assert ui_app.run(mistyped, demo=True) == 2
    [(kind, _title, text)] = messages.shown
    assert kind == "critical" and text == "Pengguna 'nobody' tidak terdaftar atau tidak aktif."
    assert called == []  # the store has data: no demo over it
    mistyped.engine.dispose()


def test_a_new_counter_pulls_its_data_from_central_first(qtbot, tmp_path, demo_template):
    """An empty store, enrolled at central (its API on 127.0.0.1): the first pull fills it."""
    from counter.central.store import central_engine, init_central, seed_embedded
    from counter.sync.link import store_key
    from counter.ui.app import first_pull_with_progress
    from counter.ui.tasks import TaskRunner
    from tests.central_server import ThreadServer
    from tests.conftest import DEMO_CUSTOMERS, make_app

    central_file = tmp_path / "central.sqlite"
    seed_embedded(demo_template / "counter.sqlite", central_file)
    engine = central_engine(f"sqlite:///{central_file}")
    init_central(engine)
    server = ThreadServer(engine)
    (tmp_path / "new").mkdir()
    store_key(tmp_path / "new", server.url, server.key_for("KPG", "L01"))
    app = make_app(tmp_path / "new", f"central.url={server.url}")
    runner = TaskRunner(app)
    try:
        first_pull_with_progress(app, runner)
        with app.uow() as uow:
            from sqlalchemy import func, select

            from counter.models import Customer

            assert uow.session.scalar(select(func.count()).select_from(Customer)) == DEMO_CUSTOMERS
        assert app.desk().counter_code == "L01"
    finally:
        runner.shutdown()
        shiboken6.delete(runner)  # here, on the GUI thread; not by the garbage collector on another one
        app.engine.dispose()
        server.stop()
        engine.dispose()


def test_run_asks_who_is_at_the_desk_and_esc_closes_it(qapp, app, monkeypatch, messages):
    monkeypatch.setattr(ui_app.demo_service, "create_demo", lambda *a, **k: None)
    seen: list[MainWindow] = []
    timer = QTimer()
    timer.setInterval(20)

    def check() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.sign_in_dialog is not None \
                    and widget.sign_in_dialog.isVisible():
                seen.append(widget)
                timer.stop()
                assert widget.stack.currentWidget() is widget.waiting  # nothing of the desk shows
                widget.sign_in_dialog.reject()  # Esc: the program ends

    timer.timeout.connect(check)
    timer.start()
    assert ui_app.run(app, demo=True) == 0
    timer.stop()
    assert len(seen) == 1 and not seen[0].signed_in
    seen[0].deleteLater()


def test_a_store_damaged_where_the_desk_does_not_read_is_found_by_the_days_check(qtbot, app, window, messages):
    """The full check runs in the background once a day; damage it finds stops
    the desk with the recovery steps (nothing more may be written to that store)."""
    from counter.ui.app import StoreCheck

    store = app.config.store.local_path
    (store.parent / "counter.store").write_text("checked = 2000-01-01\n")  # not checked today yet
    with store.open("r+b") as f:
        f.seek(store.stat().st_size // 2)
        f.write(b"\xff" * 8192)
    StoreCheck(app, window).start()
    qtbot.waitUntil(lambda: bool(messages.shown), timeout=20_000)
    [(kind, title, text)] = messages.shown
    assert kind == "critical" and title == "Data lokal rusak" and "rusak" in text and "cadangan" in text
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
