"""Screenshots of the plan screens for docs/desk.md, on the demo utility at
1366x768 (the desk's smallest supported screen):

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.take_screens docs/screens [NAME ...]

relief.png: F9 on a sealed customer, the Buka Segel preview;
plan-panel.png: a customer whose two newest months stay outside a running plan;
lock.png: the desk locked after idle time, a wrong PIN just refused.
NAMEs (relief, plan-panel, lock) take only those; without any, all of them.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from counter.services import billing  # noqa: E402
from counter.services.approval import Approval  # noqa: E402
from counter.services.demo import DEMO_PASSWORD, create_demo  # noqa: E402
from counter.services.plans import make_plan  # noqa: E402
from counter.ui.main_window import MainWindow  # noqa: E402
from tests.conftest import AS_OF, DEMO_CUSTOMERS, clock_at, make_app  # noqa: E402
from tests.ui.test_desk_plans import owing  # noqa: E402

SIZE = (1366, 768)


def wait_until(condition, timeout: float = 10.0) -> None:  # noqa: ANN001
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the desk did not get there in time")
        QCoreApplication.processEvents()
        time.sleep(0.01)
    for _ in range(20):  # let layouts and paints settle
        QCoreApplication.processEvents()


def show_customer(window: MainWindow, number: str) -> None:
    window.search.setText(number)
    window.search_now()
    wait_until(lambda: window.panel.quote is not None and window.panel.quote.customer.number == number)


SCREENS = ("relief", "plan-panel", "lock")


def main(out: Path, names: tuple[str, ...] = SCREENS) -> None:
    out.mkdir(parents=True, exist_ok=True)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())  # not the user's
    QApplication.instance() or QApplication(sys.argv)
    app = make_app(Path(tempfile.mkdtemp(prefix="counter-screens-")))
    create_demo(app.uow(), customers=DEMO_CUSTOMERS, seed=7, as_of=AS_OF)
    desk = dataclasses.replace(app.desk(), clock=clock_at(AS_OF))
    window = MainWindow(app, desk)
    window.resize(*SIZE)
    window.show()

    saved = []

    if "relief" in names:
        sealed = owing(app, 3, "sealed")
        show_customer(window, sealed)
        window.open_relief()
        dialog = window.relief_dialog
        wait_until(lambda: dialog.offer is not None and not dialog.runner.busy)
        dialog.grab().save(str(out / "relief.png"))
        saved.append(out / "relief.png")
        dialog.reject()

    number = owing(app, 5, "active")
    if "plan-panel" in names:
        with app.uow() as uow:
            periods = [b.period for b in billing.quote(uow.session, number, AS_OF).bills]
        make_plan(app.uow(), desk, number, 3, 150_000, periods=periods[:-2], approval=Approval("kepala", DEMO_PASSWORD))
        show_customer(window, number)
        # as on the demo desk, whose embedded central answers (the tests' desk has no sync)
        window.panel.show_quote(window.panel.quote, from_central=True)
        wait_until(lambda: True)
        window.grab().save(str(out / "plan-panel.png"))
        saved.append(out / "plan-panel.png")

    if "lock" in names:
        show_customer(window, number)  # a customer on screen: none of it shows through the lock
        window.desk_lock.lock(idle=True)  # as after idle_lock_minutes (5) without a key or a click
        screen = window.desk_lock.screen
        wait_until(lambda: window.locked)
        screen.pin.setText("4321")
        screen.submit()  # a wrong PIN, refused in red
        wait_until(lambda: not screen.checking)
        window.grab().save(str(out / "lock.png"))
        saved.append(out / "lock.png")

    window.close()
    window.runner.wait()
    app.engine.dispose()
    print("saved " + ", ".join(str(path) for path in saved))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screens"), tuple(sys.argv[2:]) or SCREENS)
