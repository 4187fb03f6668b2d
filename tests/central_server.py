"""Central's API served for real by uvicorn on 127.0.0.1: in a thread of the
test process (quick to start), or as its own process (`counter central serve`)
for the tests that kill it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy import Engine

from counter.central import devices
from counter.central.api import make_api
from counter.sync.link import HttpCentral, enrol


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ThreadServer:
    """make_api(engine) under uvicorn in a thread; `apply` runs the applier too."""

    def __init__(self, engine: Engine, apply: bool = True) -> None:
        self.engine = engine
        config = uvicorn.Config(make_api(engine, apply=apply), host="127.0.0.1", port=free_port(),
                                log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.url = f"http://127.0.0.1:{config.port}"
        self.thread = threading.Thread(target=self.server.run, name="uvicorn", daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert self.thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)

    def key_for(self, office: str = "KPG", counter: str = "L01") -> str:
        """A device key for a counter, enrolled over HTTP as a counter would."""
        return enrol(self.url, devices.make_enrolment(self.engine, office, counter).code)["key"]

    def link(self, office: str = "KPG", counter: str = "L01", **options: object) -> HttpCentral:
        return HttpCentral(self.url, self.key_for(office, counter), **options)


class ProcessServer:
    """`counter central serve` as a process of its own, to be killed and started again."""

    def __init__(self, database_url: str, data_dir: Path, port: int | None = None, workers: int = 1) -> None:
        self.database_url, self.data_dir = database_url, data_dir
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        self.process: subprocess.Popen | None = None

    def start(self) -> ProcessServer:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "counter", "--data-dir", str(self.data_dir), "central", "serve",
             "--url", self.database_url, "--listen", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
             "--quiet"], env={**os.environ, "PYTHONUNBUFFERED": "1"}, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{self.url}/v1/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            if self.process.poll() is not None:
                raise AssertionError(f"central serve ended: {self.process.stderr.read().decode()[-2000:]}")
            assert time.monotonic() < deadline, "central serve did not start"
            time.sleep(0.1)

    def kill(self) -> None:
        """kill -9, every worker with it."""
        if self.process is None:
            return
        import signal

        for pid in [*_children(self.process.pid), self.process.pid]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.process.wait(10)
        self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
            self.process = None


def _children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (uvicorn's workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found
