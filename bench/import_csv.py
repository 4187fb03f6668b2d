"""Importing 100,000 customers and 100,000 bills from CSV, against a baseline:
SQLite's own executemany of the same customer rows into a bare table.

    python bench/import_csv.py [--customers 100000]
"""

from __future__ import annotations

import argparse
import csv
import json
import sqlite3
import tempfile
import time
from pathlib import Path

from counter import config
from counter.bootstrap import App
from counter.services.importer import import_files

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"


def write_files(folder: Path, count: int) -> tuple[Path, Path]:
    customers, bills = folder / "customers.csv", folder / "bills.csv"
    with customers.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["number", "meter_no", "name", "address", "village", "district", "tariff_group", "status",
                      "household_size"])
        for i in range(count):
            out.writerow([f"09-{i % 40:02d}-{i:06d}", f"M{i:09d}", f"Pelanggan {i} Ndun",
                          f"Jl. Timor Raya No. {i % 250}, RT {i % 40:03d}", "Oesapa", "Kelapa Lima",
                          f"R{1 + i % 3}", "aktif", 4])
    with bills.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["number", "period", "meter_start", "meter_end", "water_charge", "standing_charge",
                      "meter_fee", "admin_fee"])
        for i in range(count):
            out.writerow([f"09-{i % 40:02d}-{i:06d}", "2025-10", i % 5000, i % 5000 + 12, 39600, 10000, 5000, 2500])
    return customers, bills


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        customers, bills = write_files(folder, args.customers)
        app = App(config.load(data_dir=folder / "store"))
        start = time.perf_counter()
        import_files(app.uow(), tariffs=SAMPLES / "tariffs.csv", customers=customers, bills=bills,
                     office_code="KPG", due_day=20)
        first = time.perf_counter() - start
        start = time.perf_counter()
        import_files(app.uow(), tariffs=SAMPLES / "tariffs.csv", customers=customers, bills=bills,
                     office_code="KPG", due_day=20)
        again = time.perf_counter() - start
        app.engine.dispose()
        db = sqlite3.connect(folder / "bare.sqlite")
        start = time.perf_counter()
        with customers.open(encoding="utf-8") as f:
            rows = list(csv.reader(f))[1:]
        db.execute("CREATE TABLE bare (" + ", ".join(f"c{i}" for i in range(9)) + ")")
        db.executemany("INSERT INTO bare VALUES (" + ", ".join("?" * 9) + ")", rows)
        db.commit()
        baseline = time.perf_counter() - start
        db.close()
    print(json.dumps({"customers": args.customers, "bills": args.customers, "first_import_s": round(first, 2),
                      "reimport_unchanged_s": round(again, 2), "baseline_bare_customer_rows_s": round(baseline, 2)}))


if __name__ == "__main__":
    main()
