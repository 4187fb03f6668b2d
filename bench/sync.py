"""Sync benchmarks: counters against central's HTTP API, `counter central serve`
running as its own process (the applier in it) over PostgreSQL on 127.0.0.1:5432.

    .venv/bin/python bench/sync.py                       # 1,000,000 customers (first run builds, ~10 min)
    .venv/bin/python bench/sync.py --customers 20000     # a quick look
    .venv/bin/python bench/sync.py --workers 2           # central with two API processes

Targets (issue 13), at 1,000,000 customers on central:
1. 10,000 queued payments pushed and applied <= 5 s: from the first push until
   every event has an outcome at central; baseline, a bare batched INSERT of the
   same 10,000 rows into a scratch table, same run.
2. A sync cycle with nothing to do <= 20 ms (median and p95 of `SyncLink.cycle()`);
   baseline, a bare `GET /v1/health` round trip, same run.
3. 50 counters syncing every 10 s (with jitter) at once for about a minute, half
   of them with a payment queued per cycle: p95 cycle <= 200 ms.

The expensive parts are cached under --cache (default /tmp/counter-bench-sync),
one folder per size, and reused by later runs: the demo store (`create_demo`,
seed 2025, as of 2025-11-24) with 10,000 payments taken at counter KPG-L01 (their
outbox events reset to unsent at each run), and a PostgreSQL template database
`counter_bench_sync_tpl_<customers>` holding central loaded from the demo before
the payments (open bills only) with counters L11-L60 registered. Each run clones
the template into `counter_bench_sync` (dropped and made again). `--rebuild`
throws the cache away.

Target 3's counters each have a store of their own: copies of a small store cut
from the demo (the last 2,000 customers and their unpaid bills, every reference
table, sync marks at central's head), so what they pull exists there; each
counter pays customers of its own (id mod 50), so no two pay the same bill. The
50 counters run as threads in 5 client processes.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import multiprocessing
import os
import platform
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from sqlalchemy import Engine, Uuid, create_engine, func, insert, select, text, update

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from counter import config  # noqa: E402
from counter.bootstrap import App  # noqa: E402
from counter.central import devices  # noqa: E402
from counter.central.loading import load_reference_data  # noqa: E402
from counter.central.store import central_engine, init_central, next_change  # noqa: E402
from counter.models import Bill, Counter, Customer, InboxEvent, Office, OutboxEvent, SyncState  # noqa: E402
from counter.models.replication import BY_NAME, COUNTER_MADE, REPLICATED  # noqa: E402
from counter.services.billing import quote  # noqa: E402
from counter.services.demo import create_demo  # noqa: E402
from counter.services.payment import pay  # noqa: E402
from counter.sync.link import HttpCentral, enrol  # noqa: E402
from counter.sync.pull import END, END_UUID, pull_outcomes  # noqa: E402
from counter.sync.push import push_all  # noqa: E402
from counter.sync.state import write_state, writing  # noqa: E402
from counter.sync.worker import SyncLink  # noqa: E402

HOST = "127.0.0.1:5432"
ADMIN = f"postgresql+psycopg://postgres@{HOST}/postgres"
DATABASE = "counter_bench_sync"
AS_OF = dt.date(2025, 11, 24)
PAID_AT = dt.datetime(2025, 11, 24, 2, tzinfo=dt.timezone.utc)
OFFICE = "KPG"
LOAD_COUNTERS = [f"L{n}" for n in range(11, 61)]  # target 3's counters, registered at central
SMALL_CUSTOMERS = 2_000  # customers in target 3's counter stores (the last ones of the demo)
CLIENT_PROCESSES = 5


def stats(samples: list[float]) -> dict:
    ms = sorted(s * 1000 for s in samples)
    if not ms:
        return {"n": 0}
    return {"n": len(ms), "p50_ms": round(statistics.median(ms), 2), "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 2),
            "max_ms": round(ms[-1], 2)}


def timed(fn, *args, **kwargs):  # noqa: ANN001, ANN201
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return time.perf_counter() - start, value


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---- PostgreSQL databases ---------------------------------------------------------------


def admin_engine() -> Engine:
    return create_engine(ADMIN, isolation_level="AUTOCOMMIT")


def database_exists(name: str) -> bool:
    admin = admin_engine()
    with admin.connect() as c:
        found = c.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
    admin.dispose()
    return bool(found)


def make_database(name: str, template: str | None = None) -> str:
    """Drop and make `name` (from `template` if given); returns its URL."""
    admin = admin_engine()
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        c.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
    admin.dispose()
    return f"postgresql://postgres@{HOST}/{name}"


def drop_database(name: str) -> None:
    admin = admin_engine()
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


# ---- the cache: demo store, central template, payments -----------------------------------


def read_json(path: Path) -> dict:
    return json.loads(path.read_text()) if path.exists() else {}


def ensure_store(folder: Path, customers: int) -> Path:
    store = folder / "store"
    if (store / "bench.json").exists():
        return store
    building = folder / "building"
    shutil.rmtree(building, ignore_errors=True)
    log(f"building the {customers:,}-customer demo store in {building}")
    app = App(config.load(data_dir=building))
    seconds, summary = timed(create_demo, app.uow(), customers=customers, seed=2025, as_of=AS_OF)
    app.engine.dispose()
    shutil.rmtree(store, ignore_errors=True)
    building.rename(store)
    (store / "bench.json").write_text(json.dumps({"customers": summary.customers, "bills": summary.bills,
                                                 "unpaid_bills": summary.unpaid_bills, "build_s": round(seconds, 1),
                                                 "built_at": time.time()}))
    return store


def ensure_template(folder: Path, store: Path, customers: int) -> str:
    """Central loaded from the demo store (before the payments), as a template database."""
    name = f"{DATABASE}_tpl_{customers}"
    marker, built = folder / "central.json", read_json(store / "bench.json")
    if read_json(marker).get("store_built_at") == built["built_at"] and database_exists(name):
        return name
    if read_json(store / "bench.json").get("payments"):
        raise SystemExit(f"{store} already holds the benchmark's payments: run with --rebuild")
    log(f"loading central ({name}) from the demo store")
    url = make_database(name)
    central = central_engine(url, timeout_s=600)
    init_central(central)
    local = App(config.load(data_dir=store))
    seconds, counts = timed(load_reference_data, local.engine, central, True)
    local.engine.dispose()
    with central.begin() as c:  # target 3's counters
        office = c.scalar(select(Office.id).where(Office.code == OFFICE))
        from sqlalchemy.orm import Session

        with Session(bind=c) as s:
            seq = next_change(s)
        c.execute(insert(Counter.__table__), [dict(office_id=office, code=code, name=f"Loket {code[1:]}",
                                                   change_seq=seq) for code in LOAD_COUNTERS])
    central.dispose()
    vacuum_analyze(url)
    marker.write_text(json.dumps({"store_built_at": built["built_at"], "load_s": round(seconds, 1),
                                  "rows": counts}))
    return name


def vacuum_analyze(url: str) -> None:
    """The freshly loaded database's statistics and visibility map, made now."""
    analyse = create_engine(url.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with analyse.connect() as c:
        c.execute(text("VACUUM ANALYZE"))
    analyse.dispose()


def desk_with_shift(app: App, clock=None):  # noqa: ANN001, ANN201 - Desk
    """The store's desk (on `clock`'s day), its cashier's shift open (money goes into a drawer)."""
    from counter.services.shifts import open_shift, open_shift_of

    desk = dataclasses.replace(app.desk(), clock=clock) if clock else app.desk()
    with app.uow() as uow:
        shift = open_shift_of(uow.session, desk)
    if shift is None:
        open_shift(app.uow(), desk, 0)
    return desk


def take_payments(app: App, count: int) -> int:
    """One payment per bill, oldest first, of the first customers who owe (by id)."""
    desk = desk_with_shift(app, clock=lambda: PAID_AT)
    taken = 0
    with app.uow() as uow:
        numbers = uow.session.scalars(
            select(Customer.number).join(Bill, Bill.customer_id == Customer.id)
            .where(Bill.status == "unpaid", Customer.status != "closed").group_by(Customer.id)
            .order_by(Customer.id).limit(count)).all()
    for number in numbers:
        if taken == count:
            break
        with app.uow() as uow:
            owed = quote(uow.session, number, AS_OF)
        while owed.bills and taken < count:
            first = owed.oldest(1)
            pay(app.uow(), desk, number, [first.bills[0].period], "qris")
            taken += 1
            owed = dataclasses.replace(owed, bills=owed.bills[1:])
    return taken


def ensure_payments(store: Path, count: int) -> None:
    info = read_json(store / "bench.json")
    if info.get("payments", 0) >= count:
        return
    app = App(config.load(data_dir=store))
    with app.engine.connect() as c:
        have = c.scalar(select(func.count()).select_from(OutboxEvent).where(OutboxEvent.kind == "payment.created"))
    log(f"taking {count - have:,} payments at KPG-L01 in the cached store")
    seconds, _ = timed(take_payments, app, count - have)
    app.engine.dispose()
    info.update(payments=count, payments_s=round(seconds, 1))
    (store / "bench.json").write_text(json.dumps(info))


# ---- per run: central and the counters' stores -----------------------------------------


def central_heads(central: Engine) -> dict[str, int]:
    with central.connect() as c:
        return {m.__tablename__: c.scalar(select(func.coalesce(func.max(m.__table__.c.change_seq), 0)))
                for m in REPLICATED}


def set_marks(local: Engine, heads: dict[str, int]) -> None:
    """The store as a counter whose first pull finished at these change numbers."""
    with writing(local) as c:
        c.execute(SyncState.__table__.delete())
        write_state(c, **{f"pulled:{name}": f"{seq}:{END_UUID if isinstance(BY_NAME[name].__table__.c.id.type, Uuid) else END}"
                          for name, seq in heads.items()})


def reset_outbox(local: Engine) -> int:
    with writing(local) as c:
        return c.execute(update(OutboxEvent.__table__).values(
            sent_at=None, attempts=0, last_error="", next_attempt_at=None, outcome="", outcome_reason="")).rowcount


def small_store(big: Engine, central: Engine, folder: Path, heads: dict[str, int]) -> Path:
    """A counter store with the last SMALL_CUSTOMERS customers, their unpaid bills,
    every reference table and central's counters, pulled up to `heads`."""
    app = App(config.load(data_dir=folder))
    with big.connect() as c:
        top = c.scalar(select(func.max(Customer.id)))
    floor = top - SMALL_CUSTOMERS
    with app.engine.begin() as out, big.connect() as source, central.connect() as centre:
        for model in REPLICATED:
            if model in COUNTER_MADE:
                continue
            table = model.__table__
            if model is Counter:
                rows = centre.execute(select(table)).mappings().all()
            elif model is Customer:
                rows = source.execute(select(table).where(table.c.id > floor)).mappings().all()
            elif model is Bill:
                rows = source.execute(select(table).where(table.c.customer_id > floor,
                                                          table.c.status == "unpaid")).mappings().all()
            else:
                rows = source.execute(select(table)).mappings().all()
            if rows:
                out.execute(table.delete())
                out.execute(insert(table), [dict(r) for r in rows])
    set_marks(app.engine, heads)
    app.engine.dispose()
    for extra in ("-wal", "-shm"):
        Path(str(app.config.store.local_path) + extra).unlink(missing_ok=True)
    return folder


# ---- central as its own process ---------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`counter central serve` in a process of its own."""

    def __init__(self, url: str, data_dir: Path, workers: int) -> None:
        import httpx

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        data_dir.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "counter", "--data-dir", str(data_dir), "central", "serve", "--url", url,
             "--listen", f"127.0.0.1:{self.port}", "--workers", str(workers), "--quiet"],
            cwd=Path(__file__).resolve().parent.parent, env={**os.environ, "PYTHONUNBUFFERED": "1"},
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{self.url}/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if self.process.poll() is not None:
                raise SystemExit(f"central serve ended: {self.process.stderr.read().decode()[-2000:]}")
            if time.monotonic() > deadline:
                self.stop()
                raise SystemExit("central serve did not start")
            time.sleep(0.1)
        time.sleep(0.5 * workers)  # every worker up

    def pids(self) -> list[int]:
        found = [self.process.pid]
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == self.process.pid:
                    found.append(int(entry.name))
        return found

    def cpu_seconds(self) -> float:
        """User + system CPU time of the server's processes so far."""
        total = 0.0
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return total

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                for pid in self.pids():
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                self.process.wait(10)


def device_key(central: Engine, server_url: str, counter: str) -> str:
    return enrol(server_url, devices.make_enrolment(central, OFFICE, counter).code)["key"]


def postgres_cpu() -> float:
    """CPU seconds used so far by the PostgreSQL server (every database on it: others' too)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                raw = (entry / "stat").read_text()
            except OSError:
                continue
            name, rest = raw.split("(", 1)[1].rsplit(")", 1)
            if name.startswith("postgres"):  # with the children it reaped: backends that ended
                fields = rest.split()
                total += sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")
    return total


# ---- 1. push and apply ------------------------------------------------------------------


def bench_push(store: App, central: Engine, server: Server, key: str) -> dict:
    link = HttpCentral(server.url, key, timeout_s=120)
    with store.engine.connect() as c:
        queued = c.execute(select(OutboxEvent.__table__)).mappings().all()
    inbox = InboxEvent.__table__
    watch = central.connect()

    def settled() -> tuple[int, int]:
        row = watch.execute(select(func.count(), func.count().filter(inbox.c.status == "pending"))).one()
        watch.commit()
        return row[0], row[1]

    start = time.perf_counter()
    pushed = push_all(store.engine, link)
    push_s = time.perf_counter() - start
    while True:
        total, pending = settled()
        if total >= pushed.sent and pending == 0:
            break
        time.sleep(0.005)
    total_s = time.perf_counter() - start
    watch.close()
    with central.connect() as c:
        outcomes = dict(c.execute(select(inbox.c.status, func.count()).group_by(inbox.c.status)).all())
        first_in, last_in, last_out = c.execute(select(func.min(inbox.c.received_at), func.max(inbox.c.received_at),
                                                       func.max(inbox.c.processed_at))).one()
    outcomes_s, judged = timed(pull_outcomes, store.engine, link)
    link.close()
    with store.engine.connect() as c:
        recorded = c.scalar(select(func.count()).select_from(OutboxEvent).where(OutboxEvent.outcome != ""))
    # baseline: the same rows, one batched INSERT into a bare copy of the inbox table
    rows = [dict(id=uuid.uuid4(), office=OFFICE, counter="L01", kind=r["kind"], payload=json.dumps(r["payload"]),
                 created_at=r["created_at"]) for r in queued]
    with central.begin() as c:
        c.execute(text("DROP TABLE IF EXISTS bare_inbox"))
        c.execute(text("CREATE TABLE bare_inbox (LIKE inbox INCLUDING DEFAULTS)"))
    bare_start = time.perf_counter()
    with central.begin() as c:
        c.execute(text(
            "INSERT INTO bare_inbox (id, office, counter, kind, payload, created_at, received_at, status, reason)"
            " VALUES (:id, :office, :counter, :kind, CAST(:payload AS json), :created_at, now(), 'pending', '')"
        ), rows)
    bare_s = time.perf_counter() - bare_start
    with central.begin() as c:
        c.execute(text("DROP TABLE bare_inbox"))
    return {"events": pushed.sent, "outcomes": outcomes, "push_s": round(push_s, 3),
            "push_to_all_outcomes_s": round(total_s, 3),
            "central_clock": {"receiving_s": round((last_in - first_in).total_seconds(), 3),
                              "first_received_to_last_applied_s": round((last_out - first_in).total_seconds(), 3)},
            "counter_fetches_outcomes_s": round(outcomes_s, 3), "outcomes_fetched": judged,
            "outcomes_recorded_at_the_counter": recorded,
            "bare_batched_insert_s": round(bare_s, 3), "ratio_to_bare": round(total_s / bare_s, 1),
            "push_ratio_to_bare": round(push_s / bare_s, 1)}


# ---- 2. the idle cycle ------------------------------------------------------------------


def bench_idle(store: App, server: Server, key: str, rounds: int) -> dict:
    import httpx

    http = HttpCentral(server.url, key, timeout_s=120)
    link = SyncLink(store.engine, http, OFFICE, "L01")
    catch_up = []
    while True:  # the audit chain and the bills the 10,000 payments changed
        seconds, (pushed, pulled) = timed(link.cycle)
        catch_up.append({"seconds": round(seconds, 2), "pulled": sum(pulled.rows.values()),
                         "outcomes": pulled.outcomes})
        if not sum(pulled.rows.values()) and not pulled.outcomes and len(catch_up) > 1:
            break
    from counter.sync.pull import _marks
    from counter.sync.state import read_state

    with store.engine.connect() as c:
        marks = _marks(read_state(c))
    bare = httpx.Client(base_url=server.url)
    cycles, health, changes = [], [], []
    for _ in range(5):  # warm
        link.cycle(), bare.get("/v1/health"), http.changes(marks, 5000)
    for _ in range(rounds):  # interleaved, so a busy moment of the machine falls on all alike
        seconds, (pushed, pulled) = timed(link.cycle)
        assert not pushed.sent and not sum(pulled.rows.values()), (pushed, pulled)
        cycles.append(seconds)
        health.append(timed(bare.get, "/v1/health")[0])
        changes.append(timed(http.changes, marks, 5000)[0])
    bare.close()
    http.close()
    return {"catch_up_cycles": catch_up, "idle_cycle": stats(cycles), "bare_get_health": stats(health),
            "post_changes_alone": stats(changes)}


# ---- 3. fifty counters ------------------------------------------------------------------


def run_counter(spec: dict, url: str, start_at: float, duration: float, interval: float, out: list) -> None:
    app = App(config.load(data_dir=Path(spec["dir"]), overrides=[f"desk.counter={spec['code']}"]))
    desk = desk_with_shift(app) if spec["pays"] else None
    http = HttpCentral(url, spec["key"], timeout_s=60)
    link = SyncLink(app.engine, http, OFFICE, spec["code"])
    with app.engine.connect() as c:
        numbers = c.scalars(select(Customer.number).join(Bill, Bill.customer_id == Customer.id).where(
            Bill.status == "unpaid", Customer.status != "closed", Customer.id % 50 == spec["slot"])
            .group_by(Customer.id).order_by(Customer.id)).all()
    rng = random.Random(spec["slot"])
    due = start_at + rng.uniform(0, interval)
    while due < start_at + duration:
        time.sleep(max(0.0, due - time.time()))
        paid = False
        if spec["pays"]:
            while numbers and not paid:
                with app.uow() as uow:  # today's fines: the desk's clock is the machine's
                    owed = quote(uow.session, numbers[0], desk.today())
                if not owed.bills:
                    numbers.pop(0)
                    continue
                pay(app.uow(), desk, numbers[0], [owed.oldest(1).bills[0].period], "cash",
                    tendered=owed.oldest(1).total)
                paid = True
        began = time.perf_counter()
        try:
            pushed, pulled = link.cycle()
            row = {"pushed": pushed.sent, "pulled": sum(pulled.rows.values()), "outcomes": pulled.outcomes}
        except Exception as error:  # noqa: BLE001 - counted, reported
            row = {"error": f"{error.__class__.__name__}: {error}"[:200]}
        row.update(code=spec["code"], at=round(time.time() - start_at, 3), paid=paid,
                   seconds=time.perf_counter() - began)
        out.append(row)
        due += interval * rng.uniform(0.9, 1.1)
    http.close()
    app.engine.dispose()


def client_process(specs: list[dict], url: str, start_at: float, duration: float, interval: float,
                   result_file: str) -> None:
    out: list = []
    threads = [threading.Thread(target=run_counter, args=(s, url, start_at, duration, interval, out)) for s in specs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    Path(result_file).write_text(json.dumps(out))


def bench_fifty(big: App, central: Engine, server: Server, work: Path, duration: float, interval: float) -> dict:
    import httpx

    heads = central_heads(central)
    template = small_store(big.engine, central, work / "small", heads)
    specs = []
    for slot, code in enumerate(LOAD_COUNTERS):
        folder = work / f"counter-{code}"
        shutil.copytree(template, folder)
        specs.append({"code": code, "dir": str(folder), "slot": slot, "pays": slot % 2 == 0,
                      "key": device_key(central, server.url, code)})
    start_at = time.time() + 8  # after every client process has imported and opened its stores
    context = multiprocessing.get_context("spawn")
    processes = []
    for n in range(CLIENT_PROCESSES):
        result = work / f"clients-{n}.json"
        p = context.Process(target=client_process, args=(specs[n::CLIENT_PROCESSES], server.url, start_at, duration,
                                                         interval, str(result)))
        p.start()
        processes.append((p, result))
    time.sleep(max(0.0, start_at - time.time()))
    cpu_server, cpu_pg, began = server.cpu_seconds(), postgres_cpu(), time.perf_counter()
    load_before = os.getloadavg()
    health = []
    with httpx.Client(base_url=server.url) as bare:  # a bare round trip under the same load
        while time.time() < start_at + duration:
            health.append(timed(bare.get, "/v1/health")[0])
            time.sleep(0.25)
    for p, _ in processes:
        p.join(duration + 120)
    wall = time.perf_counter() - began
    cpu_server, cpu_pg = server.cpu_seconds() - cpu_server, postgres_cpu() - cpu_pg
    rows = [r for _, result in processes for r in json.loads(result.read_text())]
    good = [r for r in rows if "error" not in r]
    inbox = InboxEvent.__table__
    with central.connect() as c:
        outcomes = dict(c.execute(select(inbox.c.status, func.count()).where(inbox.c.counter.in_(LOAD_COUNTERS))
                                  .group_by(inbox.c.status)).all())
    return {"counters": len(specs), "paying_counters": sum(s["pays"] for s in specs), "interval_s": interval,
            "duration_s": duration, "cycles": len(rows), "errors": [r["error"] for r in rows if "error" in r][:5],
            "error_count": len(rows) - len(good),
            "all_cycles": stats([r["seconds"] for r in good]),
            "cycles_with_a_payment": stats([r["seconds"] for r in good if r["paid"]]),
            "cycles_without": stats([r["seconds"] for r in good if not r["paid"]]),
            "payments_pushed": sum(r.get("pushed", 0) for r in good),
            "rows_pulled": sum(r.get("pulled", 0) for r in good),
            "outcomes_at_central": outcomes,
            "bare_get_health_meanwhile": stats(health),
            "server_cpu_s": round(cpu_server, 1), "postgres_cpu_s": round(cpu_pg, 1), "wall_s": round(wall, 1),
            "loadavg_before_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)]}


# ---- main -------------------------------------------------------------------------------


def machine() -> dict:
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines()[:10]
    with admin_engine().connect() as c:
        pg = c.scalar(text("SHOW server_version"))
    return {"nproc": os.cpu_count(), "affinity": len(os.sched_getaffinity(0)), "lscpu": lscpu,
            "python": platform.python_version(), "postgresql": pg, "loadavg_at_start": os.getloadavg()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--payments", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1, help="central's API processes (`serve --workers`)")
    parser.add_argument("--idle-rounds", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="target 3: seconds the counters sync")
    parser.add_argument("--interval", type=float, default=10.0, help="target 3: seconds between a counter's cycles")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/counter-bench-sync"))
    parser.add_argument("--rebuild", action="store_true", help="throw the cached store and template away first")
    parser.add_argument("--skip", default="", help="comma-separated targets to leave out: push,idle,fifty")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    folder = args.cache / f"c{args.customers}"
    if args.rebuild:
        shutil.rmtree(folder, ignore_errors=True)
        drop_database(f"{DATABASE}_tpl_{args.customers}")
    folder.mkdir(parents=True, exist_ok=True)
    results: dict = {"date": dt.date.today().isoformat(), "machine": machine(), "customers": args.customers,
                     "workers": args.workers}
    store = ensure_store(folder, args.customers)
    template = ensure_template(folder, store, args.customers)
    ensure_payments(store, args.payments)
    results["cache"] = {"store": read_json(store / "bench.json"), "central": read_json(folder / "central.json")}

    log("cloning central from the template")
    seconds, url = timed(make_database, DATABASE, template)
    results["clone_central_s"] = round(seconds, 1)
    central = central_engine(url, timeout_s=60)
    big = App(config.load(data_dir=store))
    results["events_reset"] = reset_outbox(big.engine)
    set_marks(big.engine, central_heads(central))
    work = Path(tempfile.mkdtemp(prefix="counter-sync-bench-"))
    server = Server(url, work / "server", args.workers)
    try:
        key = device_key(central, server.url, "L01")
        if "push" not in skip:
            log("1. push and apply")
            results["push_and_apply"] = bench_push(big, central, server, key)
            print(json.dumps(results["push_and_apply"]), file=sys.stderr, flush=True)
        if "idle" not in skip:
            log("2. idle cycles")
            results["idle"] = bench_idle(big, server, key, args.idle_rounds)
            print(json.dumps(results["idle"]), file=sys.stderr, flush=True)
        if "fifty" not in skip:
            log("3. fifty counters")
            results["fifty_counters"] = bench_fifty(big, central, server, work, args.duration, args.interval)
        results["machine"]["loadavg_at_end"] = os.getloadavg()
    finally:
        server.stop()
        big.engine.dispose()
        central.dispose()
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
