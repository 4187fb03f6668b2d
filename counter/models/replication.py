"""What central and a counter share of replication: which tables a counter
copies, and how a row of them travels as JSON. The counter's sync client and
central's API both use this, so neither needs to import the other."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Date, DateTime, Table, Uuid

from counter.models.base import UTCDateTime

from counter.models.customer import Bill, Customer
from counter.models.outage import Outage
from counter.models.plan import InstalmentPlan, InstalmentRuleRow, ReliefProgramme, WorkOrder
from counter.models.reference import (
    ChargeType, Counter, FineSchemeRow, Office, StampDutyRow, TariffBlock, TariffGroup, TariffVersion, User,
)
from counter.models.shift import DayClosing

# In the order foreign keys need them.
REPLICATED = (Office, Counter, User, TariffGroup, TariffBlock, TariffVersion, ChargeType, FineSchemeRow, StampDutyRow, InstalmentRuleRow,
              ReliefProgramme, Customer, Bill, InstalmentPlan, WorkOrder, DayClosing, Outage)
BY_NAME = {model.__tablename__: model for model in REPLICATED}
# Made at counters: central has them only from the inbox, so loading it skips them.
COUNTER_MADE = (InstalmentPlan, WorkOrder, DayClosing, Outage)
# An audit record as a counter sends it and central keeps its copy (the local id stays local).
AUDIT_FIELDS = ("chain", "seq", "prev_hash", "hash", "at", "user_id", "counter_id", "action", "subject", "details")


def encode_value(value: object) -> object:
    """A column value as JSON: times and dates in ISO 8601, UUIDs as text."""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def encode_row(row: dict) -> dict:
    return {name: encode_value(value) for name, value in row.items()}


def decode_row(table: Table, row: dict) -> dict:
    """A row as it came over the wire, with Python values for the table's columns
    (unknown names dropped, so a newer central does not break an older counter)."""
    out = {}
    for column in table.columns:
        if column.name not in row:
            continue
        value = row[column.name]
        if value is not None:
            kind = column.type
            if isinstance(kind, (UTCDateTime, DateTime)):
                value = dt.datetime.fromisoformat(value)
                if value.tzinfo is None:
                    value = value.replace(tzinfo=dt.timezone.utc)
            elif isinstance(kind, Date):
                value = dt.date.fromisoformat(value)
            elif isinstance(kind, Uuid):
                value = uuid.UUID(value)
        out[column.name] = value
    return out
