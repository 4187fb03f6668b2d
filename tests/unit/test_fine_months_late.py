"""The months-late examples of docs/configuration.md, as the fine rules count them."""

from __future__ import annotations

import datetime as dt
import re
import shlex
from pathlib import Path

import pytest

from counter.rules.fines import FineScheme, fine_for

SCHEME = FineScheme("staged", amount=0, stages=((0, 5000), (1, 7500), (3, 10000)))


@pytest.mark.parametrize("paid, fine", [
    (dt.date(2026, 10, 20), 0), (dt.date(2026, 10, 21), 5000), (dt.date(2026, 11, 20), 5000),
    (dt.date(2026, 11, 21), 12500), (dt.date(2027, 1, 21), 22500),
])
def test_the_documented_table_of_a_bill_due_on_20_october(paid, fine):
    assert fine_for(100_000, dt.date(2026, 10, 20), paid, SCHEME) == fine


def test_a_due_day_the_next_month_lacks():
    due = dt.date(2027, 1, 31)
    assert fine_for(100_000, due, dt.date(2027, 2, 28), SCHEME) == 5000  # 0 months late
    assert fine_for(100_000, due, dt.date(2027, 3, 1), SCHEME) == 12500  # 1 month late


# ---- a tariff group's own table, capped (docs/configuration.md, "Fines per tariff group") ------------

DOC = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"
MONTHS = {"Oct": 10, "Nov": 11, "Dec": 12, "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6, "Jul": 7,
          "Aug": 8, "Sep": 9}


def test_the_documented_group_table_is_what_the_command_and_the_demo_do():
    from counter.cli import _fine_scheme_args, build_parser
    from counter.services import demo

    doc = DOC.read_text(encoding="utf-8")
    line = next(text.strip() for text in doc.splitlines() if text.strip().startswith("counter rules fine --group N2"))
    args = build_parser().parse_args(shlex.split(line)[1:])
    scheme = _fine_scheme_args(args)
    assert (args.group, scheme.kind, scheme.maximum) == ("N2", "staged", 50_000)
    assert f"stored as the stages `{','.join(f'{m}:{a}' for m, a in scheme.stages)}`" in " ".join(doc.split())
    assert (demo.N2_FINE_TABLE, demo.N2_FINE_CAP) == (args.table, scheme.maximum)

    table = doc[doc.index("| paid on | months late | fine of an N2 bill |"):].split("\n\n")[0].splitlines()[2:]
    assert len(table) >= 5
    for row in table:
        paid, _, fine = (cell.strip() for cell in row.strip("|").split("|"))
        day, month, year = paid.split()
        amount = int(re.match(r"Rp ([\d.]+)", fine).group(1).replace(".", ""))
        on = dt.date(int(year), MONTHS[month], int(day))
        assert fine_for(100_000, dt.date(2026, 10, 20), on, scheme) == amount, row
