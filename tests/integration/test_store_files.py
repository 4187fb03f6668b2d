"""The local store and the files around it, as a support person meets them: a
damaged, emptied or vanished store, a mistyped --data-dir or --config, files
that only their owner may read, a folder that cannot be written, a reader that
goes away. Every one ends with a message and exit code 2, never a traceback."""

import datetime as dt
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from counter import cli
from counter.cli import main
from counter.services import print_queue
from counter.services.billing import quote
from counter.services.payment import pay
from counter.services.shifts import open_shift
from tests.conftest import AS_OF, make_app
from tests.integration.test_plans import owing

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def closed(app) -> Path:
    """The app's data folder, with its store closed (as between two commands)."""
    app.engine.dispose()
    return app.config.store.data_dir


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ---- a damaged, emptied or vanished store ------------------------------------------


def test_a_store_that_is_not_sqlite_stops_with_the_recovery_steps(app, capsys):
    folder = closed(app)
    store = folder / "counter.sqlite"
    size = store.stat().st_size
    with store.open("r+b") as f:
        f.write(b"\xde\xad" * 2048)
    code, _, err = run(capsys, "--data-dir", folder, "find", "ndun")
    assert code == 2 and "rusak" in err and "cadangan" in err and str(store) in err
    assert store.stat().st_size == size  # left as it is, for whoever investigates


def test_a_store_with_damaged_pages_is_found_by_the_full_check(app, capsys):
    """A page damaged where no command reads is found by the full check: the
    desk's daily one in the background, or `counter store check` (with the backup)."""
    folder = closed(app)
    store = folder / "counter.sqlite"
    with store.open("r+b") as f:
        f.seek(store.stat().st_size // 2)
        f.write(b"\xff" * 8192)
    (folder / "counter.store").write_text("checked = 2000-01-01\n")  # last checked long ago
    code, _, err = run(capsys, "--data-dir", folder, "store", "check")
    assert code == 2 and "rusak" in err and "cadangan" in err
    again = make_app(folder)
    with pytest.raises(cli.CounterError, match="rusak"):
        again.check_store()
    again.engine.dispose()


def test_damage_met_by_a_query_is_said_plainly(app, capsys):
    folder = closed(app)
    store = folder / "counter.sqlite"
    with store.open("r+b") as f:  # every page but the first: the schema still reads
        f.seek(4096)
        f.write(b"\xff" * (store.stat().st_size - 4096))
    code, _, err = run(capsys, "--data-dir", folder, "find", "ndun oesapa")
    assert code == 2 and "rusak" in err and "cadangan" in err


@pytest.mark.parametrize("how", ["deleted", "emptied"])
def test_a_store_that_vanished_is_not_taken_for_a_new_one(app, capsys, how):
    folder = closed(app)
    store = folder / "counter.sqlite"
    if how == "deleted":
        store.unlink()
    else:
        store.write_bytes(b"")
    for argv in (["find", "ndun"], ["gui", "--demo"], ["setup", "office", "BARU", "--name", "Baru"]):
        code, _, err = run(capsys, "--data-dir", folder, *argv)
        assert code == 2 and "counter.sqlite" in err and "cadangan" in err, argv
    assert (not store.exists()) if how == "deleted" else store.stat().st_size == 0


def test_demo_replace_still_makes_a_new_store(app, capsys):
    folder = closed(app)
    (folder / "counter.sqlite").unlink()
    code, _, err = run(capsys, "--data-dir", folder, "demo", "--customers", "30", "--replace", "--as-of", "2025-11-24")
    assert code == 0, err
    assert run(capsys, "--data-dir", folder, "find", "kupang")[0] == 0


def test_an_older_store_without_the_marker_gets_one(app):
    folder = closed(app)
    (folder / "counter.store").unlink()
    again = make_app(folder)
    again.engine.dispose()
    assert (folder / "counter.store").exists()


# ---- owner-only files ----------------------------------------------------------------


def test_a_new_counter_is_readable_by_its_owner_only(tmp_path, capsys):
    folder = tmp_path / "baru"
    code, _, err = run(capsys, "--data-dir", folder, "setup", "office", "KPG", "--name", "Unit Kota")
    assert code == 0, err
    assert mode(folder) == 0o700
    files = [folder / name for name in ("counter.sqlite", "counter.sqlite-wal", "counter.sqlite-shm", "config.toml")]
    assert [mode(p) for p in files if p.exists()] == [0o600] * sum(p.exists() for p in files)
    assert (folder / "counter.sqlite").exists() and (folder / "config.toml").exists()


def test_an_existing_store_is_made_owner_only_when_opened(app):
    folder = closed(app)
    for name in ("counter.sqlite", "config.toml"):
        (folder / name).chmod(0o644)
    again = make_app(folder)
    with again.engine.connect():
        pass
    assert mode(folder / "counter.sqlite") == 0o600 and mode(folder / "config.toml") == 0o600
    assert all(mode(p) == 0o600 for p in folder.glob("counter.sqlite-*"))
    again.engine.dispose()


# ---- a mistyped --data-dir or --config -----------------------------------------------


def test_a_mistyped_data_dir_or_config_is_an_error(app, tmp_path, capsys):
    data = closed(app)
    missing = tmp_path / "loket-salah-ketik"
    code, _, err = run(capsys, "--data-dir", missing, "find", "ndun")
    assert code == 2 and "tidak ada" in err and not missing.exists()
    code, _, err = run(capsys, "--data-dir", data, "--config", missing / "config.toml", "find", "ndun")
    assert code == 2 and "tidak ada" in err and not missing.exists()
    empty = tmp_path / "folder-lain"
    empty.mkdir()
    code, _, err = run(capsys, "--data-dir", empty, "find", "ndun")
    assert code == 2 and "tidak berisi data loket" in err and not list(empty.iterdir())
    code, _, err = run(capsys, "--data-dir", "", "find", "ndun")
    assert code == 2 and "--data-dir" in err
    code, _, err = run(capsys, "--data-dir", data, "--config", "", "find", "ndun")
    assert code == 2 and "--config" in err


@pytest.mark.parametrize("place", ["file", "/proc", "/dev/null"])
def test_a_data_dir_that_cannot_hold_a_store_is_said(tmp_path, capsys, place):
    if place == "file":
        place = tmp_path / "berkas.txt"
        place.write_text("bukan folder")
    for argv in (["find", "ndun"], ["demo", "--customers", "10"]):
        code, out, err = run(capsys, "--data-dir", place, *argv)
        assert code == 2 and str(place) in err, (argv, err)


def test_commands_that_make_a_counter_may_make_its_folder_and_settings(tmp_path, capsys):
    settings = tmp_path / "lain" / "pengaturan.toml"
    code, _, err = run(capsys, "--data-dir", tmp_path / "loket", "--config", settings, "setup", "office", "KPG",
                       "--name", "Unit")
    assert code == 0, err
    assert settings.exists() and mode(settings) == 0o600 and (tmp_path / "loket" / "counter.sqlite").exists()


# ---- unwritable outputs --------------------------------------------------------------


def paid_receipt(app, desk) -> str:
    number = owing(app, 1)
    open_shift(app.uow(), desk, 100_000)
    with app.uow() as uow:
        oldest = quote(uow.session, number, AS_OF).bills[0].period
    return pay(app.uow(), desk, number, [oldest], "cash", 10_000_000, "").receipt_no


def test_a_receipt_pdf_to_an_unwritable_folder_fails_the_job_with_the_reason(app, desk, tmp_path, capsys):
    number = paid_receipt(app, desk)
    blocker = tmp_path / "berkas"
    blocker.write_text("")
    data = app.config.store.data_dir
    code, out, err = run(capsys, "--data-dir", data, "receipt", "pdf", number, "--out", blocker / "struk")
    assert code == 2 and "GAGAL" in out + err and str(blocker) in out + err
    (job,) = [j for j in print_queue.jobs(app.uow()) if j.receipt_no == number]
    assert job.status == "failed" and str(blocker) in job.last_error
    code, out, _ = run(capsys, "--data-dir", data, "receipt", "pdf", number, "--out", tmp_path / "ok", "--json")
    written = Path(json.loads(out)["pdf_path"])
    assert code == 0 and written.read_bytes().startswith(b"%PDF")


def test_a_report_to_an_unwritable_folder_is_said(app, desk, tmp_path, capsys):
    paid_receipt(app, desk)
    blocker = tmp_path / "berkas"
    blocker.write_text("")
    code, _, err = run(capsys, "--data-dir", app.config.store.data_dir, "report", "daily", "--local",
                       "--date", "2025-11-24", "--out", blocker / "laporan")
    assert code == 2 and str(blocker) in err and not list(tmp_path.glob("**/*.pdf"))


# ---- the last resort -----------------------------------------------------------------


def test_an_os_error_is_a_message_and_the_details_go_to_a_log(app, capsys):
    folder = closed(app)
    store = folder / "counter.sqlite"
    store.unlink()
    store.mkdir()  # the store's place taken by a folder: SQLite cannot open it
    code, _, err = run(capsys, "--data-dir", folder, "find", "ndun")
    assert code == 2 and "counter.sqlite" in err


def test_a_genuine_bug_is_logged_in_the_data_folder_and_named(app, capsys, monkeypatch):
    def broken(app, args):  # noqa: ANN001, ARG001 - stands for a bug in a command
        return {}["no such key"]

    monkeypatch.setattr(cli, "cmd_find", broken)
    folder = app.config.store.data_dir
    code, _, err = run(capsys, "--data-dir", folder, "find", "ndun")
    log = folder / "errors.log"
    assert code == cli.EXIT_BUG and str(log) in err
    assert "KeyError" in log.read_text() and "Traceback" in log.read_text() and mode(log) == 0o600


def subprocess_counter(*argv, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "counter", *map(str, argv)], cwd=ROOT, env=env,
                            stderr=subprocess.PIPE, text=True, **kwargs)


def test_a_reader_that_goes_away_ends_the_output_quietly(app):
    folder = closed(app)
    for extra in ([], ["--json"]):
        process = subprocess_counter("--data-dir", folder, "find", "oesapa", "--limit", "200", *extra,
                                     stdout=subprocess.PIPE)
        process.stdout.close()  # like `| head` that has read enough
        err = process.stderr.read()
        process.wait(timeout=60)
        assert "Traceback" not in err and "Exception ignored" not in err and "BrokenPipe" not in err, err
        assert process.returncode in (0, 1)


def test_no_traceback_from_the_listed_cases(app, tmp_path):
    """Each of these once printed a traceback; a real process, as support would run it."""
    folder = closed(app)
    cases = [
        ["-o", "central.url=notaurl", "sync"],
        ["central", "init", "--url", "postgresql://x@[bad"],
        ["central", "init", "--url", f"sqlite:///{tmp_path}/tidak/ada/pusat.sqlite"],
        ["--data-dir", "/proc", "find", "ndun"],
    ]
    for argv in cases:
        if argv[0] != "--data-dir":
            argv = ["--data-dir", folder, *argv]
        process = subprocess_counter(*argv, stdout=subprocess.DEVNULL)
        err = process.stderr.read()
        process.wait(timeout=60)
        assert process.returncode == 2 and "Traceback" not in err and err.startswith("Gagal: "), (argv, err)


def test_the_days_check_is_recorded_and_runs_once_a_day(app, capsys):
    folder = closed(app)
    (folder / "counter.store").write_text("checked = 2000-01-01\n")
    again = make_app(folder)
    assert again.check_store() is True
    assert f"checked = {dt.date.today().isoformat()}" in (folder / "counter.store").read_text()
    assert again.check_store() is False  # done today
    again.engine.dispose()
    code, out, _ = run(capsys, "--data-dir", folder, "store", "check")
    assert code == 0 and "utuh" in out
