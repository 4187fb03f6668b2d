"""`counter central import` at 1,000,000 customers, against PostgreSQL's own COPY
of the same rows (the floor), in the same run.

    .venv/bin/python bench/central_import.py                   # 1,000,000 customers, 3 runs
    .venv/bin/python bench/central_import.py --quick           # 20,000 customers, a quick look
    .venv/bin/python bench/central_import.py --customers 200000 --runs 5

Target (issue): central import of 1,000,000 customers and their month's bills
<= 3 minutes.

Every import is the command an operator runs, `counter central import ... --json`,
as a process of its own: its wall time (Python's start-up included) and its peak
memory (the child's maxrss, from os.wait4) are measured. Each run starts from a
fresh central with the tariff groups present (a clone of a template database) and
measures, in order:
  (a) the first import: N customers and their month's bills (2025-10), --office KPG;
  (b) the same files again: must change nothing (checked: the summary counts
      everything unchanged and central's change number stays where it was);
  (c) the next month's bills (2025-11) for the same customers.
The figures are medians over the runs (--runs, default 3).

Baselines, same run, the median of --runs rounds each:
- the floor: COPY of the same customer file and month's bill file (CSV, header
  skipped by COPY) into two plain tables without indexes or keys, one
  transaction, committed;
- COPY into central's own tables: the rows (a) wrote, customers and bills as
  central stores them (dumped after the first run's (a)), copied back into a
  fresh central's `customer` and `bill` tables with their indexes and foreign
  keys, one transaction: what the database itself costs;
- reading and checking the files alone (`rows.parse_files` of (a)'s files, in
  the benchmark's process): the Python floor of the import.

The benchmark has its own role `counter_bench_import` and its own databases
(`counter_bench_import`, the template `counter_bench_import_tpl`) on the
PostgreSQL server at 127.0.0.1:5432, made at the start and dropped at the end
(--keep leaves them). The CSV files are generated once (seed 2025) and cached
under --cache (default /tmp/counter-bench-import/<N>).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from counter.central.importing import import_into_central  # noqa: E402
from counter.central.store import central_engine, init_central  # noqa: E402
from counter.models import Office  # noqa: E402
from counter.rules.tariff import water_charge  # noqa: E402
from counter.services.importing import values as cell  # noqa: E402
from counter.services.demo_names import DISTRICTS, name_and_address  # noqa: E402

HOST, PORT = "127.0.0.1", 5432
ROLE = "counter_bench_import"
DATABASE = "counter_bench_import"
TEMPLATE = f"{DATABASE}_tpl"
OFFICE = "KPG"
APPLICATION = "counter_bench_import"  # the import's application_name, to find its backends
SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"
MONTHS = ("2025-10", "2025-11")
TARGET_S = 180.0
# tariff group and its share of customers, roughly a town's mix
GROUP_SHARES = (("R1", 30), ("R2", 35), ("R3", 12), ("S1", 3), ("S2", 2), ("N1", 10), ("N2", 3), ("I1", 1),
                ("K1", 4))
ADMIN_FEE = 2500
FILES_VERSION = 2  # of the generated files: bills priced by the sample tariffs (rules.tariff.water_charge)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---- the files ---------------------------------------------------------------------------


def sample_tariffs() -> dict[str, tuple[int, int, int, tuple]]:
    """(minimum m3, standing charge, meter fee, blocks) of the sample tariff groups, by code."""
    with (SAMPLES / "tariffs.csv").open(encoding="utf-8") as f:
        return {r["code"]: (int(r["minimum_m3"]), int(r["standing_charge"]), int(r["meter_fee"]),
                            cell.blocks(r["blocks"])) for r in csv.DictReader(f)}


def write_files(folder: Path, customers: int) -> dict[str, Path]:
    """customers.csv, bills-2025-10.csv and bills-2025-11.csv for `customers`
    customers (seed 2025), written once and kept in `folder`; the bills priced by the
    sample tariffs."""
    paths = {"customers": folder / "customers.csv", **{m: folder / f"bills-{m}.csv" for m in MONTHS}}
    done = folder / "files.json"
    if done.exists() and json.loads(done.read_text()) == {"customers": customers, "version": FILES_VERSION}:
        return paths
    folder.mkdir(parents=True, exist_ok=True)
    log(f"writing the files for {customers:,} customers in {folder}")
    rng = random.Random(2025)
    groups = [code for code, share in GROUP_SHARES for _ in range(share)]
    tariffs = sample_tariffs()
    districts = list(DISTRICTS.items())
    with (paths["customers"].open("w", newline="", encoding="utf-8") as people,
          paths[MONTHS[0]].open("w", newline="", encoding="utf-8") as first,
          paths[MONTHS[1]].open("w", newline="", encoding="utf-8") as second):
        out_people, out_first, out_second = csv.writer(people), csv.writer(first), csv.writer(second)
        out_people.writerow(["number", "meter_no", "name", "address", "village", "district", "tariff_group",
                             "status", "household_size"])
        header = ["number", "period", "meter_start", "meter_end", "water_charge", "standing_charge", "meter_fee",
                  "admin_fee", "status"]
        out_first.writerow(header)
        out_second.writerow(header)
        for i in range(1, customers + 1):
            group = rng.choice(groups)
            d_index = rng.randrange(len(districts))
            district, villages = districts[d_index]
            v_index = rng.randrange(len(villages))
            name, address = name_and_address(rng)
            number = f"{d_index + 1:02d}.{v_index + 1:02d}.{i:07d}"
            roll = rng.random()
            status = "tutup" if roll < 0.005 else "tutup_sementara" if roll < 0.015 else "segel" if roll < 0.05 \
                else "aktif"
            out_people.writerow([number, f"{rng.choice('ABCM')}{rng.randint(12, 25):02d}{i:07d}", name, address,
                                 villages[v_index], district, group, status, rng.randint(1, 9)])
            minimum, standing, meter_fee, blocks = tariffs[group]
            reading = rng.randint(0, 9000)
            for out, month, paid_share in ((out_first, MONTHS[0], 0.1), (out_second, MONTHS[1], 0.0)):
                usage = rng.randint(5, 40)
                out.writerow([number, month, reading, reading + usage, water_charge(usage, blocks, minimum), standing,
                              meter_fee, ADMIN_FEE, "lunas" if rng.random() < paid_share else ""])
                reading += usage
    done.write_text(json.dumps({"customers": customers, "version": FILES_VERSION}))
    return paths


# ---- PostgreSQL: role and databases --------------------------------------------------------


def admin() -> psycopg.Connection:
    return psycopg.connect(host=HOST, port=PORT, user="postgres", dbname="postgres", autocommit=True)


def url(database: str = DATABASE) -> str:
    return f"postgresql://{ROLE}@{HOST}:{PORT}/{database}"


def drop_all() -> None:
    with admin() as c:
        for name in (DATABASE, TEMPLATE):
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        c.execute(f'DROP ROLE IF EXISTS "{ROLE}"')


def make_template() -> None:
    """The role, and central with office KPG and the sample tariff groups, as a template."""
    drop_all()
    with admin() as c:
        c.execute(f'CREATE ROLE "{ROLE}" LOGIN')
        c.execute(f'CREATE DATABASE "{TEMPLATE}" OWNER "{ROLE}"')
    engine = central_engine(url(TEMPLATE), timeout_s=60)
    init_central(engine)
    with Session(engine) as session, session.begin():
        session.add(Office(code=OFFICE, name="Unit Kupang"))
    import_into_central(engine, tariffs=SAMPLES / "tariffs.csv")
    engine.dispose()


def fresh_database() -> None:
    with admin() as c:
        c.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{DATABASE}" TEMPLATE "{TEMPLATE}" OWNER "{ROLE}"')


def bench_connection() -> psycopg.Connection:
    return psycopg.connect(host=HOST, port=PORT, user=ROLE, dbname=DATABASE)


def central_state() -> tuple[int, int, int, int]:
    """Central's change number, customers, bills and the highest change number of a bill."""
    with bench_connection() as c:
        return c.execute("SELECT (SELECT value FROM change_sequence WHERE name = 'change'),"
                         " (SELECT count(*) FROM customer), (SELECT count(*) FROM bill),"
                         " (SELECT coalesce(max(change_seq), 0) FROM bill)").fetchone()


def analyse() -> None:
    """As autovacuum would, between the steps (the import's plans do not depend on it)."""
    with psycopg.connect(host=HOST, port=PORT, user=ROLE, dbname=DATABASE, autocommit=True) as c:
        c.execute("ANALYZE")


# ---- measuring ---------------------------------------------------------------------------------


def counter_command() -> list[str]:
    script = Path(sys.executable).parent / "counter"
    return [str(script)] if script.exists() else [sys.executable, "-m", "counter"]


@dataclass
class Measured:
    seconds: float  # wall time of the command
    peak_mb: float  # its peak memory (maxrss)
    client_cpu_s: float  # its CPU time, user + system
    server_cpu_s: float  # the CPU time of the PostgreSQL backends serving it
    summary: dict


def backend_cpu(admin_connection: psycopg.Connection, seen: dict[int, float]) -> None:
    """The CPU seconds so far of each backend serving the import (by its
    application_name), from /proc: PostgreSQL runs on this machine."""
    for (pid,) in admin_connection.execute("SELECT pid FROM pg_stat_activity WHERE application_name = %s",
                                           (APPLICATION,)):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone
        seen[pid] = max(seen.get(pid, 0.0), (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"))


def run_import(operator: Path, *files: str) -> Measured:
    """`counter central import FILES --office KPG --json` as its own process, its
    backends' CPU sampled every 0.2 s while it runs."""
    argv = [*counter_command(), "--data-dir", str(operator), "central", "import",
            "--url", f"{url()}?application_name={APPLICATION}", *files, "--office", OFFICE, "--json"]
    backends: dict[int, float] = {}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, admin() as watch:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=err)
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            backend_cpu(watch, backends)
            time.sleep(0.2)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        said = out.read().decode()
        if child.returncode != 0:  # with --json the reason is on the standard output
            raise SystemExit(f"import failed ({child.returncode}): {said[-2000:]} {err.read().decode()[-2000:]}")
    return Measured(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, sum(backends.values()),
                    json.loads(said))


def copy_floor(paths: dict[str, Path]) -> dict[str, float]:
    """COPY of the customer file and the first month's bill file into plain tables."""
    with bench_connection() as c:
        c.execute("CREATE TABLE bare_customer (number text, meter_no text, name text, address text, village text,"
                  " district text, tariff_group text, status text, household_size int)")
        c.execute("CREATE TABLE bare_bill (number text, period text, meter_start bigint, meter_end bigint,"
                  " water_charge bigint, standing_charge bigint, meter_fee bigint, admin_fee bigint, status text)")
        c.commit()
        times = {}
        start = time.perf_counter()
        for table, path in (("bare_customer", paths["customers"]), ("bare_bill", paths[MONTHS[0]])):
            begun = time.perf_counter()
            with c.cursor() as cursor, cursor.copy(f"COPY {table} FROM STDIN (FORMAT csv, HEADER true)") as copy, \
                    path.open("rb") as f:
                while block := f.read(1 << 20):
                    copy.write(block)
            times[table] = time.perf_counter() - begun
        c.commit()
        times["both"] = time.perf_counter() - start
        c.execute("DROP TABLE bare_customer, bare_bill")
        c.commit()
    return times


def dump_rows(folder: Path) -> dict[str, Path]:
    """The customers and the first month's bills as central holds them after (a)."""
    dumps = {"customer": folder / "customer.copy", "bill": folder / "bill.copy"}
    period = int(MONTHS[0].replace("-", ""))
    with bench_connection() as c, c.cursor() as cursor:
        for table, query in (("customer", "SELECT * FROM customer"),
                             ("bill", f"SELECT * FROM bill WHERE period = {period}")):
            with dumps[table].open("wb") as f, cursor.copy(f"COPY ({query}) TO STDOUT") as copy:
                for block in copy:
                    f.write(block)
    return dumps


def copy_into_central(dumps: dict[str, Path]) -> float:
    """COPY of those rows into a fresh central's own tables, one transaction."""
    fresh_database()
    with bench_connection() as c:
        start = time.perf_counter()
        for table in ("customer", "bill"):
            with c.cursor() as cursor, cursor.copy(f"COPY {table} FROM STDIN") as copy, \
                    dumps[table].open("rb") as f:
                while block := f.read(1 << 20):
                    copy.write(block)
        c.commit()
        return time.perf_counter() - start


def parse_only(paths: dict[str, Path]) -> float:
    from counter.services.importing.csv_table import Problems
    from counter.services.importing.rows import parse_files

    start = time.perf_counter()
    problems = Problems()
    parsed = parse_files(None, paths["customers"], paths[MONTHS[0]], problems, [])
    seconds = time.perf_counter() - start
    assert not problems and len(parsed.bills) == len(parsed.customers)
    return seconds


def median(values: list[float]) -> float:
    return round(statistics.median(values), 2)


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal"))
    with admin() as c:
        server = c.execute("SHOW server_version").fetchone()[0]
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gib": round(memory_kb / 2**20, 1),
            "python": platform.python_version(), "postgresql": server, "load_average": os.getloadavg()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="20,000 customers")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/counter-bench-import"))
    parser.add_argument("--keep", action="store_true", help="leave the role and databases (to look at them)")
    args = parser.parse_args()
    customers = 20_000 if args.quick else args.customers
    load_at_start = os.getloadavg()
    paths = write_files(args.cache / str(customers), customers)
    files = {"first": ["--customers", str(paths["customers"]), "--bills", str(paths[MONTHS[0]])],
             "next": ["--bills", str(paths[MONTHS[1]])]}
    log("making the role and the template database")
    make_template()
    results: dict[str, list[Measured]] = {"first": [], "again": [], "next": []}
    operator = Path(tempfile.mkdtemp(prefix="counter-bench-import-"))
    try:
        for run in range(1, args.runs + 1):
            fresh_database()
            done = run_import(operator, *files["first"])
            summary = done.summary
            assert (summary["customers_new"], summary["bills_new"] + summary["bills_marked_paid"]) \
                == (customers, customers), summary
            log(f"run {run}: (a) first import {done}")
            results["first"].append(done)
            if run == 1:
                dumps = dump_rows(operator)
            analyse()
            before = central_state()
            done = run_import(operator, *files["first"])
            changed = [k for k in ("tariffs_new", "tariffs_updated", "customers_new", "customers_updated",
                                   "bills_new", "bills_updated", "bills_marked_paid") if done.summary[k]]
            assert not changed and central_state() == before, (done, before, central_state())
            log(f"run {run}: (b) re-import, nothing changed: {done}")
            results["again"].append(done)
            done = run_import(operator, *files["next"])
            assert done.summary["bills_new"] == customers, done
            log(f"run {run}: (c) next month {done}")
            results["next"].append(done)
        floors, tables, parsing = [], [], []
        for _ in range(args.runs):
            tables.append(copy_into_central(dumps))
            floors.append(copy_floor(paths))
            parsing.append(parse_only(paths))
        log(f"COPY floor: {floors}; COPY into central's tables: {tables}; reading the files: {parsing}")
    finally:
        shutil.rmtree(operator, ignore_errors=True)
        if not args.keep:
            drop_all()
    report = {
        "date": dt.date.today().isoformat(),
        "machine": machine(),
        "load_average_at_start": load_at_start,
        "customers": customers,
        "runs": args.runs,
        "first_import_s": median([m.seconds for m in results["first"]]),
        "reimport_s": median([m.seconds for m in results["again"]]),
        "next_month_s": median([m.seconds for m in results["next"]]),
        "all_s": {k: [round(m.seconds, 2) for m in ms] for k, ms in results.items()},
        "client_cpu_s": {k: median([m.client_cpu_s for m in ms]) for k, ms in results.items()},
        "server_cpu_s": {k: median([m.server_cpu_s for m in ms]) for k, ms in results.items()},
        "peak_mb": {k: round(max(m.peak_mb for m in ms)) for k, ms in results.items()},
        "copy_floor_s": {k: median([f[k] for f in floors]) for k in ("bare_customer", "bare_bill", "both")},
        "copy_into_central_tables_s": median(tables),
        "reading_files_s": median(parsing),
        "target_s": TARGET_S,
        "met": median([m.seconds for m in results["first"]]) <= TARGET_S,
        "csv_mb": {k: round(p.stat().st_size / 2**20, 1) for k, p in paths.items()},
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
