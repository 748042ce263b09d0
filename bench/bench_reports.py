"""The owner's reports on three years of a busy shop: each report for a month and a year.

On a working copy of the cache that reports_db.py builds (10,000,000 sale
lines on four tills, 1,000,000 products, 100,000 members) with the loyalty and
care history that reports_history.py adds to it (the points ledger, stage
changes, visits, vouchers, card offers, referrals, ratings, reminders marked and
left alone, promises, complaints, notes: what posapp writes beside those sales),
it times:

* summing the reports' aggregates from nothing (`aggregates.rebuild`), what a
  shop upgrading to this version pays once (timed when the summed cache is made,
  then kept beside the cache as reports-...-summed.sqlite; the history is added
  to a copy of that, reports-...-summed-h<n>.sqlite);
* the catch-up a report makes first, once (untimed by the runs after it): the
  days not summed yet, and the loyalty and care readings of the months and years
  over kept (posapp.services.reports.kept), what the first report after a
  month's end pays;
* every report that exists (posapp.services.reports.REPORT_NAMES) for the
  month of November 2026 and for the year 2025, through run_report as the
  window and `posapp report` call it: --runs times each, median and p95, beside
  the targets (p95 ≤ 200 ms for a month, ≤ 1 s for a year); and for the month
  and the year still running (read from the rows, compared with the last kept);
* the year's sales report written as CSV (target ≤ 2 s);
* `posapp check` on the whole file, once.

The machine's load is printed with the figures: these machines are shared.

    python bench/bench_reports.py [--lines N] [--runs N] [--rebuild]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import time
from collections.abc import Callable
from datetime import date
from functools import partial

from bulk import DATA_DIR, copy_database
from reports_db import DEFAULT_LINES
from reports_history import ensure_history_db

from posapp.db.uow import UnitOfWork
from posapp.domain.periods import Period
from posapp.domain.roles import Actor
from posapp.services.reports import REPORT_NAMES, ReportQuery, aggregates, kept, run_report
from posapp.services.setup import open_database

MONTH = Period(date(2026, 11, 1), date(2026, 11, 30))
YEAR = Period(date(2025, 1, 1), date(2025, 12, 31))
TODAY = date.today()
THIS_MONTH = Period(TODAY.replace(day=1), TODAY)
THIS_YEAR = Period(date(TODAY.year, 1, 1), TODAY)
PERIODS = (("month", MONTH), ("year", YEAR), ("this month", THIS_MONTH), ("this year", THIS_YEAR))
TARGETS_MS = {"month": 200.0, "year": 1000.0}


def _timed(call: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and p95 (nearest rank) of `runs` calls, in milliseconds."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, round(0.95 * len(ordered)) - 1)]


def _load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load {one:.2f} / {five:.2f}"


_COUNTED = (
    ("sales", "sales"),
    ("points_entries", "ledger entries"),
    ("stage_changes", "stage changes"),
    ("customer_visits", "visit days"),
    ("vouchers", "vouchers"),
    ("card_offers", "card offers"),
    ("ratings", "ratings"),
    ("reminder_actions", "reminders marked"),
    ("promises", "promises"),
    ("complaints", "complaints"),
)


def _contents(uow: UnitOfWork) -> str:
    """What the shop holds: the rows of the tables the reports read."""
    with uow:
        counted = [
            (uow.connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one(), label)
            for table, label in _COUNTED
        ]
    return "the shop: " + ", ".join(f"{n:,} {label}" for n, label in counted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--lines", type=int, default=DEFAULT_LINES)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rebuild", action="store_true", help="build the cache anew")
    args = parser.parse_args()

    built = ensure_history_db(args.lines, rebuild=args.rebuild)
    if built.build_seconds is not None:
        print(f"(the loyalty and care history was added in {built.build_seconds:.1f} s)")
    work = DATA_DIR / "reports-work.sqlite"
    copy_database(built.path, work)
    uow = open_database(str(work))
    owner = Actor.command_line()
    try:
        print(_contents(uow))
        started = time.perf_counter()
        aggregates.catch_up(uow)
        kept.catch_up(uow)
        print(f"catch-up, the months and years over kept: {time.perf_counter() - started:.1f} s")
        heading = f"{'report':<10} {'period':<10} {'median ms':>10} {'p95 ms':>9} {'target':>8}"
        print(f"{heading}  {_load()}")
        for name in REPORT_NAMES:
            if importlib.util.find_spec(f"posapp.services.reports.{name}") is None:
                print(f"{name:<10} not built yet")
                continue
            for label, period in PERIODS:
                query = ReportQuery(period)
                median, p95 = _timed(partial(run_report, uow, owner, name, query), args.runs)
                target = TARGETS_MS[label.split()[-1]]
                verdict = "ok" if p95 <= target else "SLOW"
                print(
                    f"{name:<10} {label:<10} {median:>10.1f} {p95:>9.1f} "
                    f"{target:>6.0f}ms  {verdict}"
                )
        from posapp.output.report_csv import render_report_csv

        year = run_report(uow, owner, "sales", ReportQuery(YEAR))
        median, p95 = _timed(
            lambda: render_report_csv(run_report(uow, owner, "sales", ReportQuery(YEAR)), "lv"),
            args.runs,
        )
        rows = sum(len(table.rows) for table in year.tables)
        print(f"year's sales CSV ({rows} rows): median {median:.0f} ms, p95 {p95:.0f} ms (≤ 2000)")
        every = ReportQuery(YEAR, limit=None)
        products = run_report(uow, owner, "products", every)
        median, p95 = _timed(
            lambda: render_report_csv(run_report(uow, owner, "products", every), "lv"),
            max(1, args.runs // 2),
        )
        rows = sum(len(table.rows) for table in products.tables)
        timing = f"median {median:.0f} ms, p95 {p95:.0f} ms"
        print(f"year's products CSV, every product ({rows} rows): {timing}")
        from posapp.services.health import check_shop

        started = time.perf_counter()
        checks = check_shop(uow)
        wrong = [check.name for check in checks if check.count]
        print(
            f"posapp check: {time.perf_counter() - started:.1f} s, "
            + ("all passed" if not wrong else f"WRONG: {wrong}")
        )
        print(_load())
    finally:
        uow.engine.dispose()


if __name__ == "__main__":
    main()
