"""Build (and cache) a busy shop's three years of trading for the reports benchmark.

Starts from the catalogue cache (catalog_db.py: 1,000,000 products, schema and
reference data made by posapp itself), adds three more tills, 100,000 members
(customers, cards, loyalty accounts) and then, day by day from 2024-01-01 to
2026-12-05 in Europe/Riga, four tills' shifts (opened at 08:00 with a float,
closed at 21:00 with their cash counted) and their sales: baskets of 1 to 8
lines drawn with Zipf-like product popularity, more on Fridays and Saturdays
and in December, by hour from 08 to 20; about 40 % with a member's card; cash,
card or both; 2 % of sales refunded whole a little later, 0.5 % voided. Each
sale's lines carry the VAT of their rate's gross as posapp allocates it (the
last line of a rate takes the rounding), so `posapp check` passes on the file.
Rows are written with the stdlib sqlite3 module as the other builders do
(bulk.py); receipt numbers are gap-free per till.

The reports' aggregates are NOT built here: bench_reports.py times summing
them (`aggregates.rebuild`, what an upgraded shop pays once) on a copy.

    python bench/reports_db.py [--lines N] [--rebuild]
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bulk import DATA_DIR, building_file, bulk_connection, cached, copy_database, head_revision
from bulk import publish as publish_file
from catalog_db import DEFAULT_PRODUCTS, ensure_catalog

from posapp.domain.barcodes import make_ean13
from posapp.domain.text import search_key
from posapp.services.reports import aggregates
from posapp.services.setup import open_database

DEFAULT_LINES = 10_000_000
MEMBERS = 100_000
TILLS = ("T1", "T2", "T3", "T4")
FIRST_DAY = date(2024, 1, 1)
LAST_DAY = date(2026, 12, 5)
ZONE_NAME = "Europe/Riga"
ZONE = ZoneInfo(ZONE_NAME)
SEED = 20_261_206
BUILD_FORMAT = 1
LINES_PER_SALE = 3.4  # the mean of the basket sizes drawn below
_BASKETS = (1, 2, 3, 4, 5, 6, 7, 8)
_BASKET_WEIGHTS = (20, 20, 17, 14, 11, 8, 6, 4)
_HOURS = tuple(range(8, 21))
_HOUR_WEIGHTS = (3, 6, 8, 9, 11, 10, 8, 8, 9, 11, 10, 7, 4)
_WEEKDAY_WEIGHTS = (0.9, 0.9, 0.95, 1.0, 1.25, 1.35, 0.65)
FLOAT_CENTS = 10_000


@dataclass(frozen=True)
class Built:
    path: Path
    lines: int
    build_seconds: float | None


def cache_path(lines: int) -> Path:
    return DATA_DIR / f"reports-{lines}-{head_revision()}-f{BUILD_FORMAT}.sqlite"


def ensure_reports_db(lines: int = DEFAULT_LINES, *, rebuild: bool = False) -> Built:
    """The cache for posapp's schema revision: built, or (when only an older revision's
    cache exists) that one upgraded by posapp's own migrations, as a shop is upgraded."""
    path = cache_path(lines)
    if not rebuild and not path.exists():
        upgraded = _upgraded(path, f"reports-{lines}-*-f{BUILD_FORMAT}.sqlite")
        if upgraded is not None:
            return Built(path, lines, upgraded)
    seconds = cached(path, lambda building: build(building, lines), rebuild=rebuild)
    return Built(path, lines, seconds)


def _upgraded(path: Path, pattern: str) -> float | None:
    """Make `path` from the newest older cache matching `pattern`, upgraded by posapp's
    migrations (Alembic) and analysed; the seconds it took, None when there is none."""
    older = sorted(p for p in DATA_DIR.glob(pattern) if p != path)
    if not older:
        return None
    started = time.perf_counter()
    building = building_file(path)
    copy_database(older[-1], building)
    open_database(str(building)).engine.dispose()  # to the head revision
    connection = bulk_connection(building)
    connection.execute("ANALYZE")
    publish_file(connection, building, path)
    seconds = time.perf_counter() - started
    print(f"upgraded {older[-1].name} to {path.name} in {seconds:.1f} s", flush=True)
    return seconds


def ensure_summed_db(lines: int = DEFAULT_LINES, *, rebuild: bool = False) -> Built:
    """The cache with the reports' aggregates summed (`aggregates.rebuild`, timed once):
    what bench_reports.py times the reports on."""
    path = cache_path(lines).with_name(cache_path(lines).stem + "-summed.sqlite")
    if not rebuild and not path.exists():
        upgraded = _upgraded(path, f"reports-{lines}-*-f{BUILD_FORMAT}-summed.sqlite")
        if upgraded is not None:
            return Built(path, lines, None)
    base = ensure_reports_db(lines, rebuild=rebuild)

    def summed(building: Path) -> float:
        copy_database(base.path, building)
        uow = open_database(str(building))
        started = time.perf_counter()
        try:
            through = aggregates.rebuild(uow)
        finally:
            uow.engine.dispose()
        seconds = time.perf_counter() - started
        print(f"aggregates summed through {through} in {seconds:.1f} s", flush=True)
        publish_file(bulk_connection(building), building, path)
        return seconds

    return Built(path, lines, cached(path, summed, rebuild=rebuild or bool(base.build_seconds)))


def _utc_text(moment: datetime) -> str:
    """How posapp's UtcDateTime stores a moment on SQLite."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def _vat_cents(gross: int, rate_hundredths: int) -> int:
    """posapp.domain.vat.vat_included in integer cents (half up, as to_cents rounds)."""
    numerator = gross * rate_hundredths * 2
    denominator = (10_000 + rate_hundredths) * 2
    sign = -1 if numerator < 0 else 1
    return sign * ((abs(numerator) + denominator // 2) // denominator)


def build(path: Path, lines: int) -> float:
    started = time.perf_counter()
    catalogue = ensure_catalog(DEFAULT_PRODUCTS)
    building = building_file(path)
    copy_database(catalogue.path, building)
    connection = bulk_connection(building)
    connection.execute("PRAGMA journal_mode=OFF")
    try:
        connection.execute("BEGIN")
        till_ids = _tills(connection)
        users = [row[0] for row in connection.execute("SELECT id FROM users ORDER BY id")]
        connection.execute("DELETE FROM shift_counts")
        connection.execute("DELETE FROM shifts")
        connection.execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES ('time_zone', ?)",
            (f'"{ZONE_NAME}"',),
        )
        _members(connection)
        connection.execute("COMMIT")
        print(f"  tills, {MEMBERS:,} members: {time.perf_counter() - started:6.1f} s", flush=True)
        written = _trade(connection, lines, till_ids, users)
        connection.execute("ANALYZE")
    except BaseException:
        connection.close()
        raise
    publish_file(connection, building, path)
    seconds = time.perf_counter() - started
    print(
        f"built {written:,} sale lines in {seconds:.1f} s ({path.stat().st_size / 2**30:.2f} GiB)"
    )
    return seconds


def _tills(connection: sqlite3.Connection) -> list[int]:
    for code in TILLS[1:]:
        connection.execute(
            "INSERT OR IGNORE INTO tills (code, name, next_receipt_number) VALUES (?, ?, 1)",
            (code, f"Kase {code[1:]}"),
        )
    return [
        connection.execute("SELECT id FROM tills WHERE code = ?", (code,)).fetchone()[0]
        for code in TILLS
    ]


def _members(connection: sqlite3.Connection) -> None:
    rng = random.Random(SEED)
    joined = _utc_text(datetime(2023, 12, 1, 10, tzinfo=UTC))
    customers, keys, cards, accounts = [], [], [], []
    for n in range(1, MEMBERS + 1):
        name = f"Klients {n}"
        customers.append((n, name, joined))
        keys.append((n, search_key("Klients")))
        cards.append((n, str(make_ean13(f"27{n:010d}")), n, "active", joined))
        accounts.append((n, rng.choice(("visitor", "buyer", "client", "advocate"))))
    connection.executemany(
        "INSERT INTO customers (id, name, created_at) VALUES (?, ?, ?)", customers
    )
    connection.executemany(
        "INSERT OR IGNORE INTO customer_name_keys (customer_id, key) VALUES (?, ?)", keys
    )
    connection.executemany(
        "INSERT INTO loyalty_cards (id, number, customer_id, status, issued_at)"
        " VALUES (?, ?, ?, ?, ?)",
        cards,
    )
    connection.executemany(
        "INSERT INTO loyalty_accounts (customer_id, stage) VALUES (?, ?)", accounts
    )


def _products(
    connection: sqlite3.Connection,
) -> tuple[list[int], list[int], list[str], list[float]]:
    """Each product's price (cents), VAT rate (hundredths), name, and Zipf-like weights."""
    prices, rates, names = [], [], []
    for price, rate, name in connection.execute(
        "SELECT p.price, v.rate, p.name FROM products p JOIN vat_rates v ON v.id = p.vat_rate_id"
        " ORDER BY p.id"
    ):
        prices.append(price)
        rates.append(rate)
        names.append(name)
    cumulative = list(itertools.accumulate(1 / (rank + 10) for rank in range(len(prices))))
    return prices, rates, names, cumulative


def _days() -> Iterator[date]:
    day = FIRST_DAY
    while day <= LAST_DAY:
        yield day
        day += timedelta(1)


def _trade(
    connection: sqlite3.Connection, lines: int, till_ids: list[int], users: list[int]
) -> int:
    rng = random.Random(SEED + 1)
    prices, rates, names, cumulative = _products(connection)
    total_weight = cumulative[-1]
    days = list(_days())
    day_weights = [_WEEKDAY_WEIGHTS[d.weekday()] * (1.3 if d.month == 12 else 1.0) for d in days]
    sales_wanted = lines / LINES_PER_SALE / len(till_ids)
    per_weight = sales_wanted / sum(day_weights)
    sale_id = line_id = payment_id = shift_id = 0
    receipt = dict.fromkeys(till_ids, 0)
    written = 0
    started = time.perf_counter()
    for day_no, (day, weight) in enumerate(zip(days, day_weights, strict=True)):
        sales: list[tuple[Any, ...]] = []
        sale_lines: list[tuple[Any, ...]] = []
        payments: list[tuple[Any, ...]] = []
        shifts: list[tuple[Any, ...]] = []
        counts: list[tuple[Any, ...]] = []
        for till in till_ids:
            shift_id += 1
            opened = datetime(day.year, day.month, day.day, 8, tzinfo=ZONE)
            closed = datetime(day.year, day.month, day.day, 21, tzinfo=ZONE)
            cashier = users[(day_no + till) % len(users)]
            cash = 0
            moments = sorted(
                datetime(day.year, day.month, day.day, hour, tzinfo=ZONE)
                + timedelta(seconds=rng.randrange(3600))
                for hour in rng.choices(_HOURS, _HOUR_WEIGHTS, k=int(per_weight * weight))
            )
            for moment in moments:
                sale_id += 1
                size = rng.choices(_BASKETS, _BASKET_WEIGHTS)[0]
                picks = [
                    bisect.bisect_left(cumulative, rng.random() * total_weight) for _ in range(size)
                ]
                voided = rng.random() < 0.005
                receipt_number = None
                if not voided:
                    receipt[till] += 1
                    receipt_number = receipt[till]
                member = rng.randrange(1, MEMBERS + 1) if rng.random() < 0.4 else None
                sale_lines_now = _lines(picks, prices, rates, names, rng)
                total = sum(line[4] for line in sale_lines_now)
                at = _utc_text(moment)
                sales.append(
                    (
                        sale_id,
                        f"{sale_id:032x}",
                        "sale",
                        "voided" if voided else "completed",
                        till,
                        shift_id,
                        receipt_number,
                        cashier,
                        member,
                        None,
                        _utc_text(moment - timedelta(seconds=40)),
                        at,
                        total,
                        "Klients pārdomāja" if voided else None,
                    )
                )
                first_line = line_id + 1
                for no, (product, quantity, unit, rate, line_total, vat) in enumerate(
                    sale_lines_now, 1
                ):
                    line_id += 1
                    sale_lines.append(
                        (
                            line_id,
                            sale_id,
                            no,
                            product + 1,
                            names[product],
                            quantity,
                            unit,
                            unit,
                            0,
                            line_total,
                            rate,
                            vat,
                        )
                    )
                if voided:
                    continue
                paid = _pay(total, rng)
                for method, amount in paid:
                    payment_id += 1
                    payments.append((payment_id, sale_id, method, amount, amount))
                    cash += amount if method == "cash" else 0
                written += len(sale_lines_now)
                if rng.random() < 0.02:  # refunded whole, a few minutes later
                    original = sale_id
                    sale_id += 1
                    receipt[till] += 1
                    later = _utc_text(moment + timedelta(minutes=rng.randrange(2, 30)))
                    sales.append(
                        (
                            sale_id,
                            f"{sale_id:032x}",
                            "refund",
                            "completed",
                            till,
                            shift_id,
                            receipt[till],
                            cashier,
                            member,
                            original,
                            later,
                            later,
                            -total,
                            "Prece bojāta",
                        )
                    )
                    for no, (product, quantity, unit, rate, line_total, vat) in enumerate(
                        sale_lines_now, 1
                    ):
                        line_id += 1
                        sale_lines.append(
                            (
                                line_id,
                                sale_id,
                                no,
                                product + 1,
                                names[product],
                                -quantity,
                                unit,
                                unit,
                                0,
                                -line_total,
                                rate,
                                -vat,
                                first_line + no - 1,
                            )
                        )
                    payment_id += 1
                    payments.append((payment_id, sale_id, "cash", -total, -total))
                    cash -= total
                    written += len(sale_lines_now)
            shifts.append(
                (
                    shift_id,
                    till,
                    cashier,
                    _utc_text(opened),
                    FLOAT_CENTS,
                    cashier,
                    _utc_text(closed),
                )
            )
            counts.append((shift_id, "cash", FLOAT_CENTS + cash, FLOAT_CENTS + cash))
        connection.execute("BEGIN")
        connection.executemany(
            "INSERT INTO shifts (id, till_id, opened_by, opened_at,"
            " opening_float, closed_by, closed_at) VALUES (?,?,?,?,?,?,?)",
            shifts,
        )
        connection.executemany(
            "INSERT INTO shift_counts (shift_id, method, expected, counted) VALUES (?,?,?,?)",
            counts,
        )
        connection.executemany(
            "INSERT INTO sales (id, uuid, kind, status, till_id, shift_id, receipt_number,"
            " user_id, customer_id, refund_of_id, started_at, completed_at, total, reason)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            sales,
        )
        connection.executemany(
            "INSERT INTO sale_lines (id, sale_id, line_no, product_id, name, quantity,"
            " unit_price, list_price, discount, total, vat_rate, vat_amount, refund_of_line_id)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [line if len(line) == 13 else (*line, None) for line in sale_lines],
        )
        connection.executemany(
            "INSERT INTO payments (id, sale_id, method, amount, tendered) VALUES (?,?,?,?,?)",
            payments,
        )
        connection.execute("COMMIT")
        if day_no % 60 == 0:
            print(f"  {day}: {written:,} lines, {time.perf_counter() - started:6.1f} s", flush=True)
    connection.execute("BEGIN")
    for till, last in receipt.items():
        connection.execute(
            "UPDATE tills SET next_receipt_number = ? WHERE id = ?", (last + 1, till)
        )
    connection.execute("COMMIT")
    return written


def _lines(
    picks: list[int], prices: list[int], rates: list[int], names: list[str], rng: random.Random
) -> list[tuple[int, int, int, int, int, int]]:
    """(product index, quantity in thousandths, unit price, rate, total, VAT) per line;
    the VAT of each rate's gross allocated to its lines, the last taking the rounding."""
    rows = []
    for product in dict.fromkeys(picks):
        quantity = 1000 * rng.choice((1, 1, 1, 1, 2, 2, 3))
        rows.append(
            [
                product,
                quantity,
                prices[product],
                rates[product],
                prices[product] * quantity // 1000,
                0,
            ]
        )
    by_rate: dict[int, list[list[int]]] = {}
    for row in rows:
        by_rate.setdefault(row[3], []).append(row)
    for rate, group in by_rate.items():
        left = _vat_cents(sum(row[4] for row in group), rate)
        for row in group[:-1]:
            row[5] = _vat_cents(row[4], rate)
            left -= row[5]
        group[-1][5] = left
    return [tuple(row) for row in rows]  # type: ignore[misc]


def _pay(total: int, rng: random.Random) -> list[tuple[str, int]]:
    draw = rng.random()
    if total == 0:
        return []
    if draw < 0.45:
        return [("card", total)]
    if draw < 0.9 or total < 200:
        return [("cash", total)]
    cash = rng.randrange(100, total)
    return [("cash", cash), ("card", total - cash)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--lines", type=int, default=DEFAULT_LINES)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    built = ensure_reports_db(args.lines, rebuild=args.rebuild)
    print(built.path, "built" if built.build_seconds else "cached")


if __name__ == "__main__":
    main()
