"""The desk on the screens it meets: opened maximised (unless the cashier's own window is
remembered), its type growing with a larger screen and with Ctrl++, the results' address
and status shown whole, the status bar and the row of buttons never overlapping."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from counter.ui.main_window import GEOMETRY_KEY, MainWindow
from counter.ui.widgets import desk_settings, screen_factor


def probe(demo_template: Path, folder: Path, width: int, height: int, plus: int) -> dict:
    """The desk on a `width` x `height` screen after `plus` Ctrl++, measured (tests/ui/screen_probe.py)."""
    data = folder / f"data-{width}-{plus}"
    shutil.copytree(demo_template, data)
    screen = folder / f"screen-{width}.json"
    screen.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}"}
    done = subprocess.run([sys.executable, "-m", "tests.ui.screen_probe", str(data), str(plus),
                           str(folder / f"desk-{width}-{plus}.png")],
                          capture_output=True, text=True, env=env, timeout=120, check=False,
                          cwd=Path(__file__).parents[2])
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def measured(demo_template, tmp_path_factory) -> dict:  # noqa: ANN001
    folder = tmp_path_factory.mktemp("screens")
    return {(w, plus): probe(demo_template, folder, w, h, plus)
            for w, h, plus in ((1366, 768, 0), (1366, 768, 3), (1920, 1080, 0), (1920, 1080, 3))}


@pytest.mark.parametrize("screen", [(1366, 0), (1366, 3), (1920, 0), (1920, 3)])
def test_the_desk_opens_maximised_and_nothing_overlaps(measured, screen) -> None:  # noqa: ANN001
    seen = measured[screen]
    width = 1366 if screen[0] == 1366 else 1920
    assert seen["maximised"] and seen["size"][0] <= width, seen  # never wider than the screen
    assert seen["overlaps"] == [] and seen["outside"] == [] and seen["cut"] == [], seen  # the status bar
    assert seen["status_cut"] == [], seen  # TUTUP SEMENTARA whole


@pytest.mark.parametrize("width", [1366, 1920])
def test_the_address_is_whole_at_the_normal_size(measured, width) -> None:  # noqa: ANN001
    seen = measured[(width, 0)]
    assert seen["address_cut"] == 0, seen
    number, name, address, tariff, status = seen["columns"]
    assert address > name, seen  # the address has the room; the name gives way


def test_the_type_grows_with_the_screen_and_with_ctrl_plus(measured) -> None:  # noqa: ANN001
    small, big = measured[(1366, 0)], measured[(1920, 0)]
    assert big["search_pt"] / small["search_pt"] == pytest.approx(screen_factor(1920, 1080))
    assert big["app_pt"] > small["app_pt"]
    assert measured[(1920, 3)]["search_pt"] == pytest.approx(big["search_pt"] * 1.35)


def test_the_screen_factor() -> None:
    assert screen_factor(1366, 768) == 1.0 and screen_factor(800, 600) == 1.0
    assert screen_factor(1920, 1080) == 1.4 and screen_factor(1920, 1040) == 1.35  # a task bar
    assert screen_factor(3840, 2160) == 1.6


def test_a_remembered_window_opens_as_it_was_left(qtbot, app, desk, messages) -> None:  # noqa: ANN001
    first = MainWindow(app, desk, shift=None)
    qtbot.addWidget(first)
    assert not first.remembered
    first.show_desk()
    qtbot.waitUntil(lambda: first.isMaximized())
    first.showNormal()
    first.resize(780, 560)
    qtbot.wait(20)
    first.close()
    first.runner.wait()
    assert desk_settings().value(GEOMETRY_KEY) is not None

    again = MainWindow(app, desk, shift=None)
    qtbot.addWidget(again)
    try:
        assert again.remembered
        again.show_desk()
        qtbot.waitExposed(again)
        assert not again.isMaximized() and (again.width(), again.height()) == (780, 560)
    finally:
        again.close()
        again.runner.wait()
    assert Qt.WindowState.WindowMaximized not in again.windowState()
