"""Payment channels' host-to-host calls against central: `counter central serve`
as its own process over PostgreSQL on 127.0.0.1:5432, 16 channel clients
signing every request over real HTTP.

    .venv/bin/python bench/channels.py                      # 1,000,000 customers (first run builds, ~10 min)
    .venv/bin/python bench/channels.py --quick              # the same, shorter phases
    .venv/bin/python bench/channels.py --customers 20000    # a small central

Central as it should be installed has the extra `central` (uvloop, httptools:
`.venv/bin/pip install -e '.[central]'`); the results say whether they were there.

Targets, at 1,000,000 customers on central, 16 concurrent clients:
1. inquiry p95 <= 20 ms,
2. payment p95 <= 40 ms (each payment of a different customer, for the amount
   an inquiry made beforehand gave; that inquiry is not timed),
3. >= 300 channel payments/s sustained for >= 30 s, with no growing backlog:
   the publish queue drains and a counter's pull gets every bill paid.
Baselines in the same run: a bare indexed SELECT (a customer by `number_key`)
and a bare INSERT (one row into a scratch table, its own commit) over psycopg
from 16 threads, p50/p95.

Central is the one bench/sync.py builds and caches (--cache, default
/tmp/counter-bench-sync, one folder per size: the demo, seed 2025, loaded
into the template database `counter_bench_sync_tpl_<N>`); each run clones the
template into `counter_bench_channels`, registers one channel (every office)
and starts the server with --workers (default 2).

Phases, in this order:
- baselines (server idle);
- inquiries, closed loop: 16 clients, each sends its next request as soon as
  the answer to the last one is in, over a sample of customers with open bills
  (every customer paid later is inquired here: the payments' amounts);
- inquiries, paced: --rate requests/s (open loop, spread over the 16 clients;
  latency counted from the moment a request was due, so a client held up by a
  slow answer counts the wait);
- payments, closed loop for --duration seconds: latency and payments/s;
- payments, paced at --rate for --duration seconds.
During each payment phase the publish queue is sampled every second; after it,
the time until the queue is empty, then a counter (L11, enrolled) pulls every
change since before the phase and must get each bill its office's customers
had paid.

The load generator is one asyncio process with 16 keep-alive connections and a
minimal HTTP/1.1 client of its own, so that it takes little of the CPU the
server needs. CPU time per request is reported for it, for the server's processes
and for the PostgreSQL backends of the benchmark's database.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import datetime as dt
import importlib.util
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sync as base  # noqa: E402  - bench/sync.py: the cached central, the server process, machine facts

from sqlalchemy import Uuid, func, select  # noqa: E402

from counter.central import channels  # noqa: E402
from counter.central.store import central_engine  # noqa: E402
from counter.models import Bill, ChannelPayment, Counter, Customer, Office, PublishQueue  # noqa: E402
from counter.models.replication import BY_NAME  # noqa: E402
from counter.rules.text import key  # noqa: E402
from counter.sync.link import HttpCentral  # noqa: E402
from counter.sync.pull import START, START_UUID  # noqa: E402

DATABASE = "counter_bench_channels"
CHANNEL = "BENCH-BANK"
CLIENTS = 16
log = base.log


def pct(samples: list[float]) -> dict:
    ms = sorted(s * 1000 for s in samples)
    if not ms:
        return {"n": 0}
    at = lambda q: round(ms[min(len(ms) - 1, int(q * len(ms)))], 2)  # noqa: E731
    return {"n": len(ms), "p50_ms": round(statistics.median(ms), 2), "p95_ms": at(0.95), "p99_ms": at(0.99),
            "max_ms": round(ms[-1], 2)}


# ---- a minimal HTTP/1.1 client ------------------------------------------------------------


class Connection:
    """One keep-alive connection; POSTs a body and reads the answer (Content-Length)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port, self.reader, self.writer = host, port, None, None

    async def post(self, path: str, body: bytes, headers: dict) -> tuple[int, bytes]:
        if self.writer is not None:
            try:
                return await self.send(path, body, headers)
            except (asyncio.IncompleteReadError, ConnectionError):  # closed while idle: once more, anew
                self.close()
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        return await self.send(path, body, headers)

    async def send(self, path: str, body: bytes, headers: dict) -> tuple[int, bytes]:
        head = [f"POST {path} HTTP/1.1", f"Host: {self.host}:{self.port}", f"Content-Length: {len(body)}"]
        head += [f"{k}: {v}" for k, v in headers.items()]
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        raw = await self.reader.readuntil(b"\r\n\r\n")
        lines = raw.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        fields = {name.strip().lower(): value.strip() for name, _, value in (l.partition(":") for l in lines[1:] if l)}
        answer = await self.reader.readexactly(int(fields.get("content-length", "0")))
        if fields.get("connection", "").lower() == "close":
            self.close()
        return status, answer

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


class Channel:
    """A channel's client: signs each request as docs/channels.md says."""

    def __init__(self, url: str, secret: str) -> None:
        host, port = url.removeprefix("http://").rsplit(":", 1)
        self.connections = [Connection(host, int(port)) for _ in range(CLIENTS)]
        self.secret = secret

    async def call(self, client: int, name: str, body: dict) -> tuple[int, dict]:
        path = f"/v1/channel/{name}"
        data = json.dumps(body).encode()
        status, answer = await self.connections[client].post(
            path, data, channels.signed_headers(CHANNEL, self.secret, path, data))
        return status, json.loads(answer)

    def close(self) -> None:
        for c in self.connections:
            c.close()


async def closed_loop(channel: Channel, work: collections.deque, request, duration: float | None) -> dict:  # noqa: ANN001
    """CLIENTS clients, each taking the next item of `work` as soon as its last
    answer is in, until `work` is empty or `duration` seconds have passed."""
    samples, errors, done_at = [], collections.Counter(), []
    start = time.perf_counter()
    end = None if duration is None else start + duration

    async def client(n: int) -> None:
        while work and (end is None or time.perf_counter() < end):
            item = work.popleft()
            name, body, keep = request(item)
            began = time.perf_counter()
            status, answer = await channel.call(n, name, body)
            finished = time.perf_counter()
            if status == 200:
                samples.append(finished - began)
                done_at.append(finished - start)
                keep(item, answer)
            else:
                errors[f"{status} {answer.get('code')}"] += 1

    cpu = time.process_time()
    await asyncio.gather(*(client(n) for n in range(CLIENTS)))
    wall = time.perf_counter() - start
    return {"latency": pct(samples), "completed": len(samples), "errors": dict(errors), "wall_s": round(wall, 2),
            "per_s": round(len(samples) / wall, 1), "per_10s": per_window(done_at, 10.0),
            "client_cpu_ms_per_request": round(1000 * (time.process_time() - cpu) / max(1, len(samples)), 3),
            "ran_out_of_customers": bool(duration is not None and not work and wall < duration - 0.5)}


async def paced(channel: Channel, work: collections.deque, request, rate: float, duration: float) -> dict:  # noqa: ANN001
    """Open loop: request k is due at start + k / rate, sent by client k mod CLIENTS;
    latency is counted from when it was due (a client held up counts the wait)."""
    count = min(len(work), int(rate * duration))
    late, service, errors, done_at = [], [], collections.Counter(), []
    start = time.perf_counter() + 0.2

    async def client(n: int) -> None:
        for k in range(n, count, CLIENTS):
            due = start + k / rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            item = work.popleft()
            name, body, keep = request(item)
            began = time.perf_counter()
            status, answer = await channel.call(n, name, body)
            finished = time.perf_counter()
            if status == 200:
                late.append(finished - due)
                service.append(finished - began)
                done_at.append(finished - start)
                keep(item, answer)
            else:
                errors[f"{status} {answer.get('code')}"] += 1

    cpu = time.process_time()
    await asyncio.gather(*(client(n) for n in range(CLIENTS)))
    wall = time.perf_counter() - start
    return {"offered_per_s": rate, "latency_from_due": pct(late), "latency_from_sent": pct(service),
            "completed": len(late), "errors": dict(errors), "wall_s": round(wall, 2),
            "per_s": round(len(late) / wall, 1), "per_10s": per_window(done_at, 10.0),
            "client_cpu_ms_per_request": round(1000 * (time.process_time() - cpu) / max(1, len(late)), 3)}


def per_window(done_at: list[float], width: float) -> list[float]:
    counts = collections.Counter(int(t // width) for t in done_at)
    return [round(counts.get(w, 0) / width, 1) for w in range(int(max(done_at, default=0) // width) + 1)]


# ---- what the run needs at central ---------------------------------------------------------


def sample_customers(dsn: str, count: int) -> list[str]:
    """`count` customers with open bills, in a random (seeded) order."""
    with psycopg.connect(dsn) as c:
        c.execute("SELECT setseed(0.2025)")
        return [r[0] for r in c.execute(
            "SELECT c.number FROM customer c WHERE c.status <> 'closed' AND EXISTS "
            "(SELECT 1 FROM bill b WHERE b.customer_id = c.id AND b.status = 'unpaid') ORDER BY random() LIMIT %s",
            (count,))]


def bare_baselines(dsn: str, numbers: list[str], per_thread: int) -> dict:
    """A bare indexed SELECT and a bare INSERT over psycopg, CLIENTS threads, each
    with its own connection (autocommit: each INSERT its own commit)."""
    keys = [key(n) for n in numbers]
    with psycopg.connect(dsn, autocommit=True) as c:
        c.execute("DROP TABLE IF EXISTS bench_scratch")
        c.execute("CREATE TABLE bench_scratch (id bigserial PRIMARY KEY, reference text NOT NULL, "
                  "amount bigint NOT NULL, at timestamptz NOT NULL DEFAULT now())")
    out = {}
    for name, sql, args in (
            ("select_customer_by_number_key", "SELECT id, number, name, address, office_id FROM customer "
             "WHERE number_key = %s", lambda n, i: (keys[(n * per_thread + i) % len(keys)],)),
            ("insert_one_row", "INSERT INTO bench_scratch (reference, amount) VALUES (%s, %s)",
             lambda n, i: (f"S-{n}-{i}", 1000 + i))):
        samples: list[float] = []
        gate = threading.Barrier(CLIENTS)

        def run(n: int) -> None:
            with psycopg.connect(dsn, autocommit=True) as c:
                for i in range(20):  # warm: connection, plan
                    c.execute(sql, args(n, i)).fetchall() if sql.startswith("SELECT") else c.execute(sql, args(n, i))
                gate.wait()
                mine = []
                for i in range(per_thread):
                    began = time.perf_counter()
                    cursor = c.execute(sql, args(n, i))
                    if cursor.description:
                        cursor.fetchall()
                    mine.append(time.perf_counter() - began)
                samples.extend(mine)

        threads = [threading.Thread(target=run, args=(n,)) for n in range(CLIENTS)]
        began = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        out[name] = {**pct(samples), "per_s": round(len(samples) / (time.perf_counter() - began))}
    with psycopg.connect(dsn, autocommit=True) as c:
        c.execute("DROP TABLE bench_scratch")
    return out


def backends_cpu(database: str) -> float:
    """CPU seconds used so far by the PostgreSQL backends serving `database` (the
    server's own processes and other databases' backends left out)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if f" {database} " not in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    continue
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def pull_marks(central) -> dict:  # noqa: ANN001
    """A counter's marks at central's head now: it has everything so far."""
    heads = base.central_heads(central)
    return {name: {"seq": seq + 1, "id": str(START_UUID if isinstance(BY_NAME[name].__table__.c.id.type, Uuid)
                                             else START), "up_to": None} for name, seq in heads.items()}


class Watch:
    """Samples the publish queue's length every second while a phase runs."""

    def __init__(self, dsn: str) -> None:
        self.dsn, self.samples, self.stop = dsn, [], threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        with psycopg.connect(self.dsn, autocommit=True) as c:
            start = time.perf_counter()
            while not self.stop.wait(1.0):
                self.samples.append((round(time.perf_counter() - start, 1),
                                     c.execute("SELECT count(*) FROM publish_queue").fetchone()[0]))

    def __enter__(self) -> Watch:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self.thread.join()


def drained_and_pulled(central, dsn: str, server_url: str, device_key: str, marks: dict, office: str,  # noqa: ANN001
                       since: dt.datetime) -> dict:
    """After a payment phase: how long until the publish queue is empty, then a
    counter of `office` pulls from `marks` and must get every bill its office's
    customers paid through the channel since `since`."""
    began = time.perf_counter()
    with psycopg.connect(dsn, autocommit=True) as c:
        left_at_end = c.execute("SELECT count(*) FROM publish_queue").fetchone()[0]
        while c.execute("SELECT count(*) FROM publish_queue").fetchone()[0]:
            time.sleep(0.05)
            if time.perf_counter() - began > 120:
                break
    drain_s = time.perf_counter() - began
    with central.connect() as c:
        expected = set(c.scalars(
            select(Bill.id).join(Customer, Customer.id == Bill.customer_id).join(Office, Office.id == Customer.office_id)
            .join(ChannelPayment, ChannelPayment.id == Bill.payment_id)
            .where(Office.code == office, ChannelPayment.paid_at >= since)))
    link = HttpCentral(server_url, device_key, timeout_s=120)
    got, pages, began = set(), 0, time.perf_counter()
    while True:
        answer = link.changes(marks, 5000)
        pages += 1
        for entry in answer["tables"]:
            if entry["rows"]:
                last = entry["rows"][-1]
                marks[entry["table"]] = {"seq": last["change_seq"], "id": str(last["id"]), "up_to": None}
            if entry["table"] == "bill":
                got.update(r["id"] for r in entry["rows"] if r["status"] == "paid")
        if not answer["more"]:
            break
    pull_s = time.perf_counter() - began
    link.close()
    return {"queue_at_end": left_at_end, "queue_drained_s": round(drain_s, 2),
            "counter_pull": {"office": office, "pages": pages, "seconds": round(pull_s, 2),
                             "paid_bills_expected": len(expected), "paid_bills_pulled": len(got & expected),
                             "every_one": expected <= got}}


# ---- main ---------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2, help="central's API processes (`serve --workers`)")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of each payment phase")
    parser.add_argument("--rate", type=float, default=300.0, help="the paced phases' requests/s")
    parser.add_argument("--max-rate", type=float, default=700.0,
                        help="customers set aside for the closed-loop payment phase: duration x this")
    parser.add_argument("--quick", action="store_true", help="10 s phases, fewer customers")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/counter-bench-sync"))
    parser.add_argument("--skip", default="", help="comma-separated phases to leave out: bare,paced")
    args = parser.parse_args()
    if args.quick:
        args.duration, args.max_rate = min(args.duration, 10.0), min(args.max_rate, 600.0)
    skip = set(filter(None, args.skip.split(",")))
    folder = args.cache / f"c{args.customers}"
    folder.mkdir(parents=True, exist_ok=True)
    results: dict = {"date": dt.date.today().isoformat(), "machine": base.machine(), "customers": args.customers,
                     "workers": args.workers, "clients": CLIENTS, "duration_s": args.duration, "rate": args.rate,
                     # uvicorn takes them when installed (pip install '.[central]')
                     "uvloop_httptools": [importlib.util.find_spec(m) is not None for m in ("uvloop", "httptools")]}
    store = base.ensure_store(folder, args.customers)
    template = base.ensure_template(folder, store, args.customers)
    log("cloning central from the template")
    seconds, url = base.timed(base.make_database, DATABASE, template)
    results["clone_central_s"] = round(seconds, 1)
    dsn = f"host=127.0.0.1 user=postgres dbname={DATABASE}"
    central = central_engine(url, timeout_s=60)
    secret = channels.add_channel(central, CHANNEL, "Bank bench")["secret"]
    closed_count = int(args.duration * args.max_rate)
    paced_count = int(args.duration * args.rate) + CLIENTS
    numbers = sample_customers(dsn, closed_count + paced_count)
    results["customers_sampled"] = len(numbers)
    if "bare" not in skip:
        log("baselines: bare SELECT and INSERT over psycopg")
        results["bare"] = bare_baselines(dsn, numbers, 200 if args.quick else 500)
        log(json.dumps(results["bare"]))
    work_dir = Path(tempfile.mkdtemp(prefix="counter-channels-bench-"))
    server = base.Server(url, work_dir / "server", args.workers)
    said: list[str] = []  # the server's stderr, read as it comes so that its pipe never fills
    threading.Thread(target=lambda: said.extend(line.decode(errors="replace") for line in server.process.stderr),
                     daemon=True).start()
    try:
        device_key = base.device_key(central, server.url, "L11")
        with central.connect() as c:
            office = c.scalar(select(Office.code).join(Counter, Counter.office_id == Office.id)
                              .where(Counter.code == "L11"))
        results["phases"] = asyncio.run(run_phases(args, skip, server, secret, numbers, closed_count, central, dsn,
                                                   device_key, office))
        results["machine"]["loadavg_at_end"] = os.getloadavg()
        with central.connect() as c:
            results["channel_payments"] = c.scalar(select(func.count()).select_from(ChannelPayment))
            results["publish_queue_left"] = c.scalar(select(func.count()).select_from(PublishQueue))
    finally:
        server.stop()
        central.dispose()
        if said:
            log("the server said:\n" + "".join(said[-40:]))
        results["server_stderr_lines"] = len(said)
    print(json.dumps(results, indent=2, default=str))


async def run_phases(args, skip, server, secret, numbers, closed_count, central, dsn, device_key,  # noqa: ANN001, ANN201
                     office):
    channel = Channel(server.url, secret)
    offers: dict[str, dict] = {}
    phases: dict = {}
    run = f"{int(time.time()) % 100000}"

    def inquire(number):  # noqa: ANN001, ANN202
        return "inquiry", {"customer": number}, lambda n, answer: offers.__setitem__(n, answer)

    def pay(number):  # noqa: ANN001, ANN202
        offer = offers[number]
        return ("payment", {"reference": f"B{run}-{number}", "customer": number,
                            "periods": [b["period"] for b in offer["bills"]], "amount": offer["total"]},
                lambda n, answer: None)

    def cpu_now() -> tuple[float, float, float]:
        return server.cpu_seconds(), base.postgres_cpu(), backends_cpu(DATABASE)

    def measured(name: str, result: dict, cpu_server: float, cpu_pg: float, cpu_backends: float) -> dict:
        wall, done = result["wall_s"], max(1, result["completed"])
        server_s, backends_s = server.cpu_seconds() - cpu_server, backends_cpu(DATABASE) - cpu_backends
        result["server_cpu_per_s"] = round(server_s / wall, 2)
        result["postgres_cpu_per_s"] = round((base.postgres_cpu() - cpu_pg) / wall, 2)
        result["cpu_ms_per_request"] = {"server": round(1000 * server_s / done, 2),
                                        "postgres_backends": round(1000 * backends_s / done, 2),
                                        "client": result["client_cpu_ms_per_request"]}
        result["loadavg_1m"] = round(os.getloadavg()[0], 2)
        phases[name] = result
        log(f"{name}: {json.dumps(result)}")
        return result

    # warm every worker: connections, caches, the interpreter's first calls
    await closed_loop(channel, collections.deque(numbers[-CLIENTS * 8:]), inquire, None)

    log(f"inquiries, closed loop, {len(numbers):,} customers")
    marks = cpu_now()
    measured("inquiry_closed", await closed_loop(channel, collections.deque(numbers), inquire, None), *marks)

    if "paced" not in skip:
        log(f"inquiries, paced at {args.rate}/s")
        marks = cpu_now()
        again = collections.deque(numbers[:int(args.rate * args.duration)])
        measured("inquiry_paced", await paced(channel, again, inquire, args.rate, args.duration), *marks)

    payable = [n for n in numbers if offers.get(n, {}).get("bills")]
    closed, rest = collections.deque(payable[:closed_count]), payable[closed_count:]

    async def payment_phase(name: str, go) -> None:  # noqa: ANN001
        pull_from, since = pull_marks(central), dt.datetime.now(dt.timezone.utc)
        marks = cpu_now()
        with Watch(dsn) as watch:
            result = await go()
        measured(name, result, *marks)
        result["publish_queue_each_s"] = [q for _, q in watch.samples]
        result.update(await asyncio.to_thread(drained_and_pulled, central, dsn, server.url, device_key, pull_from,
                                              office, since))
        log(f"{name}: queue {result['queue_at_end']} at the end, drained in {result['queue_drained_s']} s; "
            f"pull {json.dumps(result['counter_pull'])}")

    log(f"payments, closed loop, {args.duration} s")
    await payment_phase("payment_closed", lambda: closed_loop(channel, closed, pay, args.duration))
    if "paced" not in skip:
        leftover = collections.deque(list(closed) + rest)  # customers the closed loop did not reach
        log(f"payments, paced at {args.rate}/s, {args.duration} s ({len(leftover):,} customers)")
        await payment_phase("payment_paced", lambda: paced(channel, leftover, pay, args.rate, args.duration))
    channel.close()
    return phases


if __name__ == "__main__":
    main()
