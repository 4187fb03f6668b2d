"""The audit chain's hash: each record's digest covers the one before it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

GENESIS = "0" * 64


def canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def digest(prev_hash: str, chain: int, seq: int, at: dt.datetime, user_id: int | None, counter_id: int | None,
           action: str, subject: str, details: dict) -> str:
    body = canonical([prev_hash, chain, seq, at.astimezone(dt.timezone.utc).isoformat(), user_id, counter_id,
                      action, subject, details])
    return hashlib.sha256(body.encode()).hexdigest()
