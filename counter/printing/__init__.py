"""Receipts and reports as plain objects, turned into ESC/POS bytes or PDFs.
Knows nothing of Qt or the database."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def _keep_printer_profiles() -> None:
    """python-escpos reads its printer profiles (a YAML file, 0.3 s) on import and
    keeps them as a pickle in a new temporary folder each process: keep the pickle
    in the user's own cache (a folder only they can write: a pickle is code), so
    the day's first receipt does not wait for the file to be read again."""
    if "ESCPOS_CAPABILITIES_PICKLE_DIR" in os.environ:
        return
    folder = Path(platformdirs.user_cache_dir("counter")) / "escpos"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if folder.stat().st_mode & 0o077 and os.name == "posix":
            return  # someone else may write there: the library's own temporary folder
    except OSError:
        return
    os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(folder)


_keep_printer_profiles()
