"""python-escpos reads its printer profiles (a YAML file) on import, 0.3 s of the
worker holding the interpreter while the first receipt of the day waits; it keeps
them as a pickle, by default in a new temporary folder each time. The counter
keeps that pickle in the user's own cache, so it is read once per machine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def first_receipt_in_a_fresh_process(cache: Path) -> None:
    code = ("from counter.printing.escpos_receipt import ops_bytes; from escpos.printer import Dummy; Dummy()")
    env = {k: v for k, v in os.environ.items() if k != "ESCPOS_CAPABILITIES_PICKLE_DIR"}
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60, env={**env, "XDG_CACHE_HOME": str(cache)},
                   cwd=Path(__file__).parents[2])


def test_the_printer_profiles_are_kept_in_the_users_cache(tmp_path) -> None:
    cache = tmp_path / "cache"
    first_receipt_in_a_fresh_process(cache)
    [pickle] = (cache / "counter" / "escpos").glob("*.capabilities.pickle")
    kept = pickle.stat().st_mtime_ns
    assert (pickle.parent.stat().st_mode & 0o077) == 0  # the user's own: a pickle is code
    first_receipt_in_a_fresh_process(cache)
    assert pickle.stat().st_mtime_ns == kept  # read, not made again


def test_preparing_loads_what_the_first_receipt_needs() -> None:
    code = ("import sys; from counter.application import prepare_printing;"
            "wanted = {'escpos.printer', 'num2words.lang_ID'}; assert not wanted & set(sys.modules);"
            "prepare_printing(); assert wanted <= set(sys.modules), wanted - set(sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60, cwd=Path(__file__).parents[2])
