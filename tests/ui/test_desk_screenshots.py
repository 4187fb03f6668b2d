"""`counter gui --screenshot DIR`: every main screen saved as a 1366x768 PNG."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from counter.ui.screenshots import SCREENS, SIZE


def counter(data_dir: Path, *args: str, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config")}
    return subprocess.run([sys.executable, "-m", "counter", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=env, timeout=240, check=False)


def test_screenshot_writes_every_screen(tmp_path):
    data, out = tmp_path / "data", tmp_path / "shots"
    made = counter(data, "demo", "--customers", "300", home=tmp_path)
    assert made.returncode == 0, made.stderr
    done = counter(data, "gui", "--screenshot", str(out), home=tmp_path)
    assert done.returncode == 0, done.stderr
    for name in SCREENS:
        path = out / f"{name}.png"
        assert str(path) in done.stdout
        image = QImage(str(path))
        assert (image.width(), image.height()) == SIZE, name
    assert not (tmp_path / "config" / "counter").exists()  # the user's desk settings untouched


def rows(data: Path, query: str) -> list[tuple]:
    import sqlite3

    connection = sqlite3.connect(f"{(data / 'counter.sqlite').resolve().as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()


def test_screenshots_after_the_day_is_closed_leave_the_store_as_it_was(tmp_path):
    data, out = tmp_path / "data", tmp_path / "shots"
    assert counter(data, "demo", "--customers", "300", home=tmp_path).returncode == 0
    closed = counter(data, "-o", "desk.user=kepala", "day", "close", "--pin", "kepala123", "--approver", "kepala",
                     "--approver-pin", "kepala123", "--override-reason", "tutup lebih awal", home=tmp_path)
    assert closed.returncode == 0, closed.stderr
    before = (rows(data, "SELECT * FROM shift"), rows(data, "SELECT id, business_date FROM day_closing"))
    assert before[1]  # today is signed off
    done = counter(data, "gui", "--screenshot", str(out), home=tmp_path)
    assert done.returncode == 0, done.stderr  # a closed day does not stop the pictures
    assert all((out / f"{name}.png").is_file() for name in SCREENS)
    after = (rows(data, "SELECT * FROM shift"), rows(data, "SELECT id, business_date FROM day_closing"))
    assert after == before  # no shift (no Rp 500.000 float) in the store itself, the day still closed
    assert not rows(data, "SELECT id FROM shift WHERE opening_float = 500000")
