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
