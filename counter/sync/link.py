"""How a counter reaches central: `Central` is what the sync client and the
desk ask of it; `HttpCentral` asks central's HTTP API with this counter's
device key. (The demo's embedded central answers the same questions in-process;
bootstrap wires whichever the settings name.)

Answers are plain JSON values. Central being away (no connection, a timeout, a
5xx) raises CentralUnreachable; central refusing a request raises a
CounterError with central's own message.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import stat
from pathlib import Path
from typing import Protocol
from urllib.parse import quote, urlsplit

from counter.errors import InvalidInput, NotAllowed, NotFound
from counter.store.migrate import head_revision
from counter.sync.state import CentralUnreachable

SCHEMA_HEADER = "X-Counter-Schema"  # the counter's store schema: central serves only its own

KEYRING_SERVICE = "counter-central-device"
KEY_FILE = "device.key"


class CentralRefused(InvalidInput):
    """Central understood the request and refused it; its message says why."""


class KeyRejected(CentralUnreachable):
    """Central does not accept this counter's device key (revoked, unknown):
    nothing syncs until the counter is enrolled again."""


class Central(Protocol):
    def push(self, events: list[dict]) -> dict: ...
    def outcomes(self, ids: list[str]) -> list[dict]: ...
    def changes(self, marks: dict, page: int, receipts_on: list[str] | None = None) -> dict: ...
    def customer(self, number: str, timeout_s: float | None = None) -> dict: ...
    def audit_head(self) -> dict: ...
    def append_audit(self, records: list[dict]) -> dict: ...
    def verify_audit(self) -> dict: ...
    def day(self, day: dt.date, zone: str, closing: dict | None) -> dict: ...
    def conflicts(self, status: str) -> list[dict]: ...
    def resolve(self, conflict_id: int, resolution: str, username: str, secret: str, note: str) -> dict: ...
    def verify_receipt(self, code: str) -> dict: ...


def check_url(url: str, allow_plain_http: bool = False) -> str:
    """Central's address: https, or plain http only to this machine (or when
    the settings allow it, on a network the utility trusts)."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
    except ValueError:
        host, parts = "", None
    if parts is None or parts.scheme not in ("http", "https") or not host:
        raise InvalidInput(f"Alamat pusat tidak valid: {url!r} (mis. https://pusat.pdam.example).")
    if parts.scheme == "http" and not allow_plain_http and not is_loopback(host):
        raise InvalidInput(f"Alamat pusat {url!r} tanpa TLS: pakai https://, atau izinkan http dengan "
                           "central.allow_plain_http = true bila jaringannya memang tertutup.")
    return url.strip().rstrip("/")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class HttpCentral:
    """Central's HTTP API with this counter's device key."""

    def __init__(self, url: str, key: str, timeout_s: float = 10.0, allow_plain_http: bool = False) -> None:
        import httpx

        self.url = check_url(url, allow_plain_http)
        self._httpx = httpx
        self._client = httpx.Client(base_url=self.url + "/v1", timeout=httpx.Timeout(timeout_s),
                                    headers={"Authorization": f"Bearer {key}", SCHEMA_HEADER: head_revision()})

    def close(self) -> None:
        self._client.close()

    def _call(self, method: str, path: str, body: object = None, timeout_s: float | None = None,
              params: dict | None = None) -> object:
        httpx = self._httpx
        try:
            response = self._client.request(method, path, json=body, params=params,
                                            timeout=timeout_s if timeout_s is not None else httpx.USE_CLIENT_DEFAULT)
        except httpx.HTTPError as error:
            raise CentralUnreachable(f"Pusat tidak terjangkau: {error.__class__.__name__}: {error}"[:300]) from None
        if response.status_code < 400:
            try:
                return response.json()
            except ValueError:
                raise CentralUnreachable("Pusat menjawab bukan JSON (alamat salah?)") from None
        try:
            message = response.json().get("error") or response.text
        except (ValueError, AttributeError):
            message = response.text
        message = str(message)[:300]
        if response.status_code == 401:
            raise KeyRejected(f"Pusat menolak kunci loket ini: {message}")
        if response.status_code >= 500:
            raise CentralUnreachable(f"Pusat bermasalah ({response.status_code}): {message}")
        if response.status_code == 403:
            raise NotAllowed(message)
        if response.status_code == 404:
            raise NotFound(message)
        raise CentralRefused(message)

    def me(self) -> dict:
        """The office and counter central knows this key as."""
        return self._call("GET", "/me")

    def push(self, events: list[dict]) -> dict:
        return self._call("POST", "/events", {"events": events})

    def outcomes(self, ids: list[str]) -> list[dict]:
        return self._call("POST", "/outcomes", {"ids": ids})["outcomes"]

    def changes(self, marks: dict, page: int, receipts_on: list[str] | None = None) -> dict:
        body = {"marks": marks, "page": page, **({"receipts_on": receipts_on} if receipts_on is not None else {})}
        return self._call("POST", "/changes", body)

    def customer(self, number: str, timeout_s: float | None = None) -> dict:
        return self._call("GET", f"/customers/{quote(number, safe='')}", timeout_s=timeout_s)

    def audit_head(self) -> dict:
        return self._call("GET", "/audit/head")

    def append_audit(self, records: list[dict]) -> dict:
        return self._call("POST", "/audit", {"records": records})

    def verify_audit(self) -> dict:
        return self._call("GET", "/audit/verify")

    def day(self, day: dt.date, zone: str, closing: dict | None) -> dict:
        return self._call("POST", "/day", {"date": day.isoformat(), "zone": zone, "closing": closing})

    def conflicts(self, status: str) -> list[dict]:
        return self._call("GET", "/conflicts", params={"status": status})["conflicts"]

    def resolve(self, conflict_id: int, resolution: str, username: str, secret: str, note: str) -> dict:
        return self._call("POST", f"/conflicts/{int(conflict_id)}/resolve",
                          {"resolution": resolution, "username": username, "secret": secret, "note": note})

    def verify_receipt(self, code: str) -> dict:
        return self._call("POST", "/receipts/verify", {"code": code})


def enrol(url: str, code: str, allow_plain_http: bool = False, timeout_s: float = 10.0) -> dict:
    """Exchange a one-time code at central for a device key: {key, office, counter}."""
    import httpx

    base = check_url(url, allow_plain_http)
    try:
        response = httpx.post(f"{base}/v1/enrol", json={"code": code.strip()}, timeout=timeout_s)
    except httpx.HTTPError as error:
        raise CentralUnreachable(f"Pusat tidak terjangkau: {error}"[:300]) from None
    try:
        answer = response.json()
    except ValueError:
        raise CentralUnreachable(f"{base} tidak menjawab seperti pusat (bukan JSON).") from None
    if response.status_code != 200:
        raise CentralRefused(f"Pendaftaran ditolak pusat: {answer.get('error', response.status_code)}")
    return answer


# ---- keeping the key ------------------------------------------------------------------------


def store_key(data_dir: Path, url: str, key: str) -> str:
    """Keep the device key in the platform's keyring, or else in a file of
    DATA_DIR readable by its owner only. Returns where it went."""
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(KEYRING_SERVICE, str(data_dir.resolve()), key)
            (data_dir / KEY_FILE).unlink(missing_ok=True)
            return "keyring"
        except (KeyringError, RuntimeError):
            pass
    except ImportError:  # pragma: no cover - keyring is a dependency
        pass
    path = data_dir / KEY_FILE
    descriptor = os.open(path.with_suffix(".tmp"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as out:
        out.write(key + "\n")
        out.flush()
        os.fsync(out.fileno())
    os.replace(path.with_suffix(".tmp"), path)
    return str(path)


def load_key(data_dir: Path) -> str:
    """The device key kept by `store_key`, or CentralUnreachable saying how to enrol."""
    path = data_dir / KEY_FILE
    if path.exists():
        if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise InvalidInput(f"Kunci loket {path} bisa dibaca orang lain: chmod 600 {path}.")
        return path.read_text().strip()
    try:
        import keyring
        from keyring.errors import KeyringError

        key = keyring.get_password(KEYRING_SERVICE, str(data_dir.resolve()))
    except (KeyringError, RuntimeError):
        key = None
    if not key:
        raise KeyRejected("Loket ini belum terdaftar di pusat: jalankan 'counter sync enrol URL KODE'.")
    return key
