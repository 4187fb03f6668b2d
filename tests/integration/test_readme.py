"""The README's tour, run as written: every `.venv/bin/counter ...` line of its
code blocks, in the README's order, on a fresh small demo made today with the
`demo` command itself, each exiting as the README says (0 unless a comment on
the line says `exit code N`), never with a traceback.

What a reader fills in is filled in here: `demo-data` and `DIR` are the demo's
folder (any other `--data-dir` a fresh folder of its own), `YYYYMMDD` is
today's date, `YYYY-MM` a month `quote` lists for that customer (oldest first),
the PIN a command asks for comes from COUNTER_SECRET (the desk user's) and an
approver's from `--approver-pin`, and a demo bigger than the test's is made at
the test's size.
"""

from __future__ import annotations

import json
import re
import shlex
import traceback
from pathlib import Path

import pytest
from sqlalchemy import select

from counter import config
from counter.bootstrap import App
from counter.cli import main
from counter.models import User
from counter.services import demo

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
COMMAND = ".venv/bin/counter"
DEMO_DIRS = {"demo-data", "DIR"}

# Lines that need a server of their own; everything else in the README is run.
NOT_RUN = {
    "central serve": "serves until stopped, on the PostgreSQL host `db` the README names; central's API "
                     "under uvicorn is tested in test_central_api.py and test_sync_postgres.py",
    "central enrol": "needs the README's PostgreSQL central (host `db`); enrolment is tested in test_cli_central.py",
    "sync enrol": "needs central at https://pusat.pdam.example and a code `central enrol` printed there; "
                  "tested against a real server in test_cli_central.py",
}


def readme_commands() -> list[str]:
    """The command lines of README.md's code blocks (fenced or indented), in order."""
    found, fenced = [], False
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if (fenced or line.startswith("    ")) and line.strip().startswith(COMMAND + " "):
            found.append(line.strip())
    return found


def expected_exit(line: str) -> int:
    """0, unless the line's comment documents another exit code."""
    comment = line.partition("  #")[2]
    said = re.search(r"exit code (\d+)", comment)
    return int(said.group(1)) if said else 0


def not_run(argv: list[str]) -> str | None:
    words = " ".join(a for a in argv if not a.startswith("-"))
    return next((why for what, why in NOT_RUN.items() if what in words), None)


def secret_of(role: str) -> str:
    """The demo's secret for a user of `role`: the cashiers' PIN, or the supervisor's
    and admin's password where the demo has one of its own."""
    return demo.DEMO_PIN if role == "cashier" else getattr(demo, "DEMO_PASSWORD", demo.DEMO_PIN)


def customers_in(lines: list[str]) -> list[int]:
    """The ids of the demo customers the README names (NN-NN-IIIIII) in lines
    meant to succeed (a line may show a number that does not exist)."""
    return [int(m) for line in lines if expected_exit(line) == 0
            for m in re.findall(r"\b\d\d-\d\d-(\d{6})\b", line)]


class Tour:
    """Runs the README's command lines in-process with the blanks filled in."""

    def __init__(self, capsys, folder: Path, size: int) -> None:  # noqa: ANN001
        self.capsys, self.folder, self.size = capsys, folder, size
        self.demo_dir = folder / "demo-data"

    def run(self, argv: list[str]) -> tuple[int, str, str]:
        self.capsys.readouterr()
        try:
            code = main(argv)
        except BaseException:  # noqa: BLE001 - a traceback is the failure being looked for
            out, err = self.capsys.readouterr()
            return -1, out, err + traceback.format_exc()
        out, err = self.capsys.readouterr()
        return code, out, err

    def app(self, data_dir: str | Path) -> App:
        return App(config.load(data_dir=Path(data_dir)))

    def today(self) -> str:
        return self.app(self.demo_dir).today().strftime("%Y%m%d")

    def secret(self, data_dir: str, username: str) -> str:
        app = self.app(data_dir)
        try:
            with app.uow() as uow:
                role = uow.session.scalar(select(User.role).where(User.username == username))
        finally:
            app.engine.dispose()
        assert role, f"the README's --approver {username} is not a user of the demo"
        return secret_of(role)

    def months_owed(self, data_dir: str, customer: str) -> list[str]:
        code, out, err = self.run(["--data-dir", data_dir, "quote", customer, "--json"])
        assert code == 0, f"quote {customer}: {err}"
        return [f"{b['period'] // 100}-{b['period'] % 100:02d}" for b in json.loads(out)["bills"]]

    def argv(self, line: str) -> list[str]:
        args = shlex.split(line, comments=True)[1:]
        for i, arg in enumerate(args[:-1]):
            if arg == "--data-dir":
                name = args[i + 1]
                args[i + 1] = str(self.demo_dir if name in DEMO_DIRS else self.folder / name)
        if "demo" in args and "--customers" in args:  # a million customers take minutes
            i = args.index("--customers") + 1
            args[i] = str(min(int(args[i]), self.size))
        if any("YYYYMMDD" in a for a in args):
            today = self.today()
            args = [a.replace("YYYYMMDD", today) for a in args]
        if "--bills" in args and "YYYY-MM" in args[args.index("--bills") + 1]:
            i = args.index("--bills") + 1
            wanted = args[i].count("YYYY-MM")
            customer = args[args.index("pay") + 1]
            args[i] = ",".join(self.months_owed(args[args.index("--data-dir") + 1], customer)[:wanted])
        if "--approver" in args and "--approver-pin" not in args:
            data_dir = args[args.index("--data-dir") + 1]
            args += ["--approver-pin", self.secret(data_dir, args[args.index("--approver") + 1])]
        return args


def test_the_readme_names_commands_that_exist_on_a_fresh_demo():
    lines = readme_commands()
    assert len(lines) >= 20, "the README's tour was not found"
    ids = customers_in(lines)
    assert ids and max(ids) <= 1_000, "the README's customers should be among the first of the demo"


def test_the_readme_tour_runs_as_written(tmp_path, capsys, monkeypatch):
    lines = readme_commands()
    monkeypatch.chdir(ROOT)  # paths in the README are from the repository's folder
    # The PIN a command asks for: the desk user's (kasir1), which a new user also gets.
    monkeypatch.setenv("COUNTER_SECRET", secret_of("cashier"))
    size = max(customers_in(lines)) + 50
    tour = Tour(capsys, tmp_path, size)
    code, _, err = tour.run(["--data-dir", str(tour.demo_dir), "demo", "--customers", str(size)])
    assert code == 0, err

    failures, ran = [], 0
    for line in lines:
        argv = tour.argv(line)
        if not_run(argv):
            continue
        code, out, err = tour.run(argv)
        ran += 1
        expected = expected_exit(line)
        if code != expected or "Traceback" in out + err:
            failures.append(f"{line}\n  ran: {shlex.join(argv)}\n  exit {code}, README says {expected}\n"
                            f"  stdout: {out[-1500:]}\n  stderr: {err[-3000:]}")
    assert not failures, f"{len(failures)} of {ran} README command lines failed:\n\n" + "\n\n".join(failures)


@pytest.mark.parametrize("what", sorted(NOT_RUN))
def test_commands_not_run_are_still_in_the_readme(what):
    """The short list of README lines not run above, each with its reason (reported as a skip)."""
    assert any(not_run(shlex.split(line, comments=True)[1:]) == NOT_RUN[what] for line in readme_commands()), (
        f"'{what}' is no longer in the README: take it off NOT_RUN")
    pytest.skip(f"README's `counter {what}` not run: {NOT_RUN[what]}")
