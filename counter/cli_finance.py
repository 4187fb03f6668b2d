"""`counter central export payments` and `counter central report day`: what
finance takes from central. See counter.cli for the conventions."""

from __future__ import annotations

import argparse

from counter.bootstrap import App
from counter.errors import InvalidInput


def cmd_finance(app: App, engine, args: argparse.Namespace) -> object:  # noqa: ANN001 - central's Engine
    raise InvalidInput("Belum tersedia: counter central export payments | report day.")
