"""Build (and cache) a loyalty programme's database for the benchmarks: a million members.

The schema is made by posapp itself (open_database(): Alembic), and so are the
VAT rates, the till, the users, a small café catalogue (posapp's CSV import),
the shop's reward catalogue (settings.update_settings) and today's open shift.
The bulk rows are written with the stdlib sqlite3 module as catalog_db.py
writes its products (bulk.py): executemany in one transaction, synchronous=OFF,
foreign key checks off (and no journal while loading), the rows valid by
construction -- and checked after the build (SQL): every account's balance is
the sum of its ledger entries, its visit count and last visit are its visit
days, every member has one active card, PRAGMA foreign_key_check finds nothing
and PRAGMA quick_check says ok. A child process walks the members' history and
hands the rows over in batches while this one inserts them, so the build keeps
two cores busy; the random generator is seeded, so every build is the same.

What is in it, for `customers` members and 10 x `customers` ledger entries,
over three years of history that ends at NOW (a fixed moment, so the cache is
the same file whatever day it is built, and the benchmark's clock is set to it):

* customers with their name keys (as posapp.db.models.loyalty writes them), some with
  a phone, e-mail, birthday, language and marketing consent;
* loyalty cards: EAN-13s in the card prefix 27, numbered from the shop's
  series (number_series 'loyalty_card'); 2 % of members lost a card, which is
  blocked, and got a new one (0.3 % twice);
* one loyalty account each, with the facts that posapp.services.loyalty keeps
  as sales commit: purchases, visits (days with a purchase, one customer_visits
  row each), first and last purchase, the stored stage, the birthday year;
* the points ledger, skewed: 1 % of members are regulars with hundreds of
  entries, 9 % have tens, the rest a few or none. A member's history is walked
  in time order: each purchase earns points by the shop's rules (1 point a euro
  paid, x1.25 for a Client, x2 in the birthday week); points rewards are taken
  when the balance allows; the monthly expiry run (expire_points, 12 months)
  expires what is left of old credits, exactly as posapp computes it; so the
  balance never goes below zero and is the sum of the entries;
* vouchers as posapp issues them: "tenth_visit" on every 10th visit (valid 30
  days), "birthday" with the first purchase of the birthday week (14 days),
  each with its issue key; used in a later purchase, marked expired by the
  monthly run once past their last day, or still issued (some valid today);
* a sale, with its line, cash payment, and shift, for every purchase that took
  a reward: its earned and redeemed entries are keyed by the sale, as
  record_sale() keys them, and the voucher it used points at it. Purchases
  without a reward are history only: their entries carry no sale (sale_id
  NULL, key "import:<entry id>"), as points brought over from an earlier
  system would. Receipt numbers follow completion times, gap-free; one shift
  a day, closed with its cash count.

* the facts staff reminders read (posapp.services.care), as the sales' commit
  keeps them: each member buys from 2 to 5 favourite goods, so
  customer_products counts in how many purchases they bought each (and when
  last), loyalty_accounts.last_items names the last purchase's goods and
  visit_interval is posapp's own next_visit_interval over their visit days;
* what colleagues wrote and did: notes and preferences (half the regulars, 2 %
  of the rest), promises kept and open (some overdue, some due in the next two
  weeks), complaints resolved and open, reminders marked done or dismissed.

The last member's few manual adjustments (adjust_points) make the ledger
exactly 10 x `customers` entries. Left out: referrals, ratings, stage_changes,
merged customers.

    python bench/members_db.py [--customers N] [--rebuild]
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import queue
import random
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from bulk import (
    DATA_DIR,
    Staff,
    add_staff,
    building_file,
    bulk_connection,
    cached,
    copy_database,
    describe,
    head_revision,
    publish,
)

from posapp.db.models.search import SEARCH_KEY_LENGTH
from posapp.demo.members import FIRST_NAMES, SURNAMES
from posapp.domain.barcodes import make_ean13
from posapp.domain.loyalty import (
    Stage,
    StageFacts,
    compute_stage,
    months_before,
    observed_birthday,
    phone_key,
)
from posapp.domain.reminders import ReminderKind, next_visit_interval, usual_interval
from posapp.domain.roles import Actor
from posapp.domain.text import search_key, word_keys
from posapp.domain.vat import vat_included
from posapp.services import loyalty, settings, shifts
from posapp.services.product_import import import_products
from posapp.services.settings import LoyaltySettings, RewardSetting, RewardTrigger
from posapp.services.setup import open_database, prepare_shop

DEFAULT_CUSTOMERS = 1_000_000
ENTRIES_PER_CUSTOMER = 10
TILL = "T1"
# Bump when what build() writes changes, to invalidate old caches.
BUILD_FORMAT = 2
SEED = 20_261_210
NOW = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)  # 11:00 in Riga: the database's present
HISTORY_DAYS = 3 * 365
_START = datetime.combine(NOW.date() - timedelta(days=HISTORY_DAYS), datetime.min.time(), UTC)
OPENING_FLOAT = Decimal("100.00")
CARD_PREFIX = "27"  # BarcodeRules.default(): 27 loyalty card, 28 voucher
VOUCHER_PREFIX = "28"
COFFEE_SKU = "KAF-KAP-M"
# The shop's reward catalogue: posapp's defaults and a free coffee, so that the summary's
# product read is in the path too (as in posapp's demo bakery).
PROGRAMME = replace(
    LoyaltySettings(),
    rewards=(
        *LoyaltySettings().rewards,
        RewardSetting("coffee", RewardTrigger.POINTS, "product", sku=COFFEE_SKU, points=300),
    ),
)
# sku, name, price, VAT %: the café's goods (posapp's product import adds them).
GOODS = (
    (COFFEE_SKU, "Kapučīno M", "2.90", 21),
    ("KAF-LAT-L", "Kafija latte L", "3.40", 21),
    ("KAF-MELNA", "Melnā kafija", "1.90", 21),
    ("TEJ-ZALA", "Zaļā tēja", "1.80", 21),
    ("MAIZ-RUPJ", "Rupjmaize", "2.45", 12),
    ("MAIZ-BALT", "Baltmaize", "1.65", 12),
    ("KRUASANS", "Kruasāns", "1.35", 21),
    ("PIR-SPEKA", "Speķa pīrādziņš", "0.95", 21),
    ("SMALK-BIEZ", "Biezpiena smalkmaizīte", "1.20", 21),
    ("KUKA-MEDUS", "Medus kūka", "3.90", 21),
    ("SULA-ABOL", "Ābolu sula 1 l", "2.89", 21),
    ("ABOLI-1KG", "Āboli, 1 kg", "1.49", 5),
)

# Tiers of members: share of members, and the range of their weight in the ledger.
_TIERS = ((0.01, 300.0, 700.0), (0.09, 15.0, 60.0), (1.0, 0.0, 9.0))  # regulars, tens, a few
_REPLACED_ONCE = 0.02
_REPLACED_TWICE = 0.003
_USE_VOUCHER = 0.4  # chance that a purchase uses a voucher the member holds
_TAKE_REWARD = 0.15  # chance that a purchase takes the dearest points reward affordable
_DAY = 86_400
_OPEN, _CLOSE = 6 * 3600, 19 * 3600  # purchases between 06:00 and 19:00 UTC (08:00-22:00 Riga)
_CHUNK = 20_000  # members written per executemany round
_CACHE_KIB = 1_048_576  # 1 GiB of page cache while building: the indexes stay in memory
_BATCHES_AHEAD = 4  # batches the history may be ahead of the inserts


@dataclass(frozen=True)
class Members:
    """What a benchmark needs to know about a built database."""

    path: Path
    customers: int
    entries: int
    till_id: int
    cashier: Actor
    now: datetime  # the database's present: give it to the unit of work's clock
    build_seconds: float | None  # None when the cached file was reused


def cache_path(customers: int) -> Path:
    return DATA_DIR / f"members-{customers}-{head_revision()}-f{BUILD_FORMAT}.sqlite"


def card_number(value: int) -> str:
    """The card of number `value` of the shop's series (posapp's _issue_card_number)."""
    return str(make_ean13(f"{CARD_PREFIX}{value:010d}"))


def ensure_members(customers: int = DEFAULT_CUSTOMERS, *, rebuild: bool = False) -> Members:
    """The cached database with `customers` members, built first if missing."""
    if not 2 <= customers <= 9_999_999:
        raise ValueError(f"customers must be 2..9,999,999, got {customers}")
    path = cache_path(customers)
    seconds = cached(path, lambda building: build(building, customers), rebuild=rebuild)
    return _describe(path, customers, seconds)


def working_copy(members: Members, target: Path) -> Members:
    """Copy the cached database to `target` (replacing it), for a run that opens it."""
    copy_database(members.path, target)
    return replace(members, path=target)


# --------------------------------------------------------------------------- building


def build(path: Path, customers: int) -> float:
    """Build the database at `path`; returns the seconds it took (and prints phases)."""
    started = time.perf_counter()
    entries = ENTRIES_PER_CUSTOMER * customers
    building = building_file(path)
    print(f"building {customers:,} members, {entries:,} ledger entries into {path.name} ...")
    staff = _posapp_setup(building)
    phase = time.perf_counter()
    print(f"  schema, till, users, goods, rewards:    {phase - started:6.1f} s", flush=True)

    count = _write_history(building, customers, entries, staff)
    print(
        f"  members and their history:              {time.perf_counter() - phase:6.1f} s\n"
        f"    {count.entry:,} ledger entries from {count.purchases:,} purchases; "
        f"{count.sale:,} sales (rewards taken), {count.voucher:,} vouchers, {count.card:,} cards",
        flush=True,
    )

    # Today's shift, opened through posapp after the history's shifts.
    uow = open_database(str(building), durable=False)
    try:
        uow.clock = _fixed(NOW - timedelta(hours=2))
        shifts.open_shift(uow, staff.cashier, TILL, OPENING_FLOAT)
    finally:
        uow.engine.dispose()

    phase = time.perf_counter()
    connection = bulk_connection(building)
    try:
        verify(connection, customers, entries)
    except BaseException:
        connection.close()
        raise
    print(f"  checks:                                 {time.perf_counter() - phase:6.1f} s")
    publish(connection, building, path)
    seconds = time.perf_counter() - started
    size = path.stat().st_size / 2**20
    print(f"built in {seconds:.1f} s ({size:,.0f} MiB)", flush=True)
    return seconds


def _write_history(building: Path, customers: int, entries: int, staff: Staff) -> _Counters:
    """The bulk rows, in one transaction. A child process walks the members' history and
    hands the rows over in batches while this process inserts them: each takes one core."""
    with closing(sqlite3.connect(building)) as reading:
        (till_id,) = reading.execute("SELECT id FROM tills WHERE code = ?", (TILL,)).fetchone()
        goods = [
            _Good(pid, name, price, rate, Decimal(rate).scaleb(-2))
            for pid, name, price, rate in reading.execute(
                "SELECT products.id, products.name, products.price, vat_rates.rate FROM products "
                "JOIN vat_rates ON vat_rates.id = products.vat_rate_id ORDER BY products.id"
            )
        ]
    history = _History(customers, entries, staff, till_id, goods)
    # Forked before this process opens the database (a connection must not cross a fork).
    context = multiprocessing.get_context("fork")
    batches: multiprocessing.Queue[Any] = context.Queue(maxsize=_BATCHES_AHEAD)
    child = context.Process(target=history.write, args=(batches.put,), daemon=True)
    child.start()
    connection = bulk_connection(building, cache_kib=_CACHE_KIB)
    try:
        # No WAL while the bulk rows go in: a multi-GiB transaction in a WAL is written twice
        # and slows every page read down (the file is thrown away if the build fails).
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("BEGIN")
        while True:
            table, rows = _next_batch(batches, child)
            if not table:
                break
            columns = _INSERTS[table]
            marks = ", ".join("?" * (columns.count(",") + 1))
            connection.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
        count: _Counters = rows
        _finish_sales(connection, till_id, customers + count.replacement_cards + 1)
        connection.execute("COMMIT")
        connection.execute("PRAGMA journal_mode=WAL")  # as posapp keeps its databases
    except BaseException:
        child.kill()
        raise
    finally:
        connection.close()
    child.join()
    return count


def _next_batch(batches: multiprocessing.Queue[Any], child: BaseProcess) -> tuple[str, Any]:
    """(table, rows) from the child; ("", counters) at the end."""
    while True:
        try:
            batch: tuple[str, Any] = batches.get(timeout=1)
            return batch
        except queue.Empty:
            if not child.is_alive():
                raise RuntimeError(
                    f"the members' history stopped (exit code {child.exitcode}): see above"
                ) from None


def _finish_sales(connection: sqlite3.Connection, till_id: int, next_card: int) -> None:
    """Receipt numbers in completion order; each shift's cash count; the counters."""
    execute = connection.execute
    # Sales were written member by member with receipt_number = -id (unique, not NULL).
    execute(
        "UPDATE sales SET receipt_number = ranked.n FROM (SELECT id, row_number() OVER "
        "(ORDER BY completed_at, id) AS n FROM sales) AS ranked WHERE sales.id = ranked.id"
    )
    execute(
        "UPDATE tills SET next_receipt_number = (SELECT count(*) + 1 FROM sales) WHERE id = ?",
        (till_id,),
    )
    execute(
        "INSERT INTO shift_counts (shift_id, method, expected, counted) "
        "SELECT shifts.id, 'cash', shifts.opening_float + coalesce(sum(payments.amount), 0), "
        "shifts.opening_float + coalesce(sum(payments.amount), 0) FROM shifts "
        "LEFT JOIN sales ON sales.shift_id = shifts.id "
        "LEFT JOIN payments ON payments.sale_id = sales.id AND payments.method = 'cash' "
        "GROUP BY shifts.id"
    )
    execute(
        "UPDATE number_series SET next_value = ? WHERE name = ?", (next_card, loyalty.CARD_SERIES)
    )


def _fixed(moment: datetime) -> Any:
    return lambda: moment


def _posapp_setup(building: Path) -> Staff:
    """Schema, VAT rates, till, users, the café's goods and the reward catalogue, by posapp."""
    # durable=False (synchronous=OFF) is what posapp offers for throw-away demo files;
    # the benchmark reopens the file with the durable engine.
    uow = open_database(str(building), durable=False)
    try:
        uow.clock = _fixed(_START - timedelta(days=1))
        prepare_shop(uow, TILL)
        staff = add_staff(uow)
        goods = building.with_name(building.name + ".csv")
        with goods.open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(("name", "sku", "barcode", "price", "vat_rate", "category", "unit"))
            for n, (sku, name, price, rate) in enumerate(GOODS, 1):
                barcode = make_ean13(f"4750123{n:05d}")
                writer.writerow((name, sku, barcode, price, rate, "Kafejnīca", "unit"))
        try:
            import_products(uow, staff.owner, goods)
        finally:
            goods.unlink()
        settings.update_settings(uow, staff.owner, loyalty=PROGRAMME)
    finally:
        uow.engine.dispose()
    return staff


@dataclass
class _Rows:
    """Rows waiting for executemany, table by table (in the columns of _INSERTS)."""

    customers: list[tuple[Any, ...]] = field(default_factory=list)
    customer_name_keys: list[tuple[Any, ...]] = field(default_factory=list)
    loyalty_cards: list[tuple[Any, ...]] = field(default_factory=list)
    loyalty_accounts: list[tuple[Any, ...]] = field(default_factory=list)
    customer_visits: list[tuple[Any, ...]] = field(default_factory=list)
    points_entries: list[tuple[Any, ...]] = field(default_factory=list)
    vouchers: list[tuple[Any, ...]] = field(default_factory=list)
    sales: list[tuple[Any, ...]] = field(default_factory=list)
    sale_lines: list[tuple[Any, ...]] = field(default_factory=list)
    payments: list[tuple[Any, ...]] = field(default_factory=list)
    customer_products: list[tuple[Any, ...]] = field(default_factory=list)
    customer_notes: list[tuple[Any, ...]] = field(default_factory=list)
    promises: list[tuple[Any, ...]] = field(default_factory=list)
    complaints: list[tuple[Any, ...]] = field(default_factory=list)
    reminder_actions: list[tuple[Any, ...]] = field(default_factory=list)

    def tables(self) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
        for table in fields(self):
            yield table.name, getattr(self, table.name)


_INSERTS = {
    "shifts": "id, till_id, opened_by, opened_at, opening_float, closed_by, closed_at",
    "customers": "id, name, created_at, phone, phone_key, email, birthday, language, "
    "address_as, notes, marketing_consent, consented_at, consent_taken_by, referred_by_id, "
    "merged_into_id",
    "customer_name_keys": "customer_id, key",
    "loyalty_cards": "id, number, customer_id, status, issued_at, blocked_at",
    "loyalty_accounts": "customer_id, balance, stage, purchases, visits, last_visit_on, "
    "first_purchase_at, last_purchase_at, referred_buyers, five_star_ratings, "
    "birthday_reward_year, last_items, visit_interval",
    "customer_visits": "customer_id, day",
    "points_entries": "id, customer_id, kind, points, sale_id, key, reason, user_id, at",
    "vouchers": "id, code, customer_id, bearer, reward_key, name, kind, amount, percent, "
    "product_id, status, issue_key, issued_at, issued_in_sale_id, expires_on, used_at, "
    "used_in_sale_id",
    "sales": "id, uuid, kind, status, till_id, shift_id, receipt_number, user_id, customer_id, "
    "refund_of_id, started_at, completed_at, total, reason",
    "sale_lines": "sale_id, line_no, product_id, name, quantity, unit_price, list_price, "
    "discount, total, vat_rate, vat_amount, approved_by, refund_of_line_id",
    "payments": "sale_id, method, amount, tendered",
    "customer_products": "customer_id, product_id, sales, last_bought_at",
    "customer_notes": "id, customer_id, kind, text, user_id, at",
    "promises": "id, customer_id, what, due_on, status, taken_by, taken_at, resolved_by, "
    "resolved_at, resolution",
    "complaints": "id, customer_id, what, promised, status, taken_by, taken_at, resolved_by, "
    "resolved_at, resolution",
    "reminder_actions": "id, customer_id, key, kind, action, user_id, till_id, at",
}


@dataclass
class _Counters:
    entry: int = 0  # the last id used, per table
    sale: int = 0
    voucher: int = 0
    card: int = 0
    replacement_cards: int = 0  # card numbers handed out after the first cards
    purchases: int = 0
    note: int = 0
    promise: int = 0
    complaint: int = 0
    action: int = 0


@dataclass(frozen=True)
class _Good:
    product_id: int
    name: str
    price: int  # cents
    vat_rate: int  # hundredths of a percent, as stored
    vat_percent: Decimal


@dataclass(slots=True)
class _Voucher:
    """A voucher issued to the member being written (moments and days as in _History)."""

    code: str
    reward: RewardSetting
    name: str
    amount: int | None  # cents
    percent: int | None  # hundredths of a percent
    issue_key: str
    issued: int
    issued_in: int | None  # the sale that issued it
    ends: int  # its last day
    used_at: str | None = None
    used_in: int | None = None  # the sale that used it


@dataclass(frozen=True)
class _Run:
    """One monthly expiry run (expire_points at `at`)."""

    t: int  # seconds since _START
    at: str
    cutoff_t: int
    key_suffix: str  # the expiry entry's key after "expiry:<customer>:"
    day: int  # its shop day: vouchers that ended before it are marked expired


class _History:
    """Writes the members and their history; one instance per build."""

    def __init__(
        self, customers: int, entries: int, staff: Staff, till_id: int, goods: list[_Good]
    ) -> None:
        self.customers = customers
        self.entries = entries
        self.staff = staff
        self.rng = random.Random(SEED)
        self.rows = _Rows()
        self.count = _Counters()
        self.codes: set[str] = set()
        self.rules = PROGRAMME.stage_rules()
        self.days = HISTORY_DAYS
        self.now_t = int((NOW - _START).total_seconds())
        self.day_text = [(_START.date() + timedelta(days=d)).isoformat() for d in range(-1, 2000)]
        self.dates = [_START.date() + timedelta(days=d) for d in range(-1, 2000)]
        self.clock_text = [
            f" {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}.000000" for s in range(_DAY)
        ]
        self.runs = self._expiry_runs()
        self.till_id = till_id
        self.goods = goods
        self.sink: Callable[[tuple[str, Any]], None] = _nowhere
        tenth = PROGRAMME.reward("tenth_visit")
        birthday = PROGRAMME.reward("birthday")
        assert tenth is not None and birthday is not None and tenth.percent is not None
        assert birthday.amount is not None
        self.tenth = tenth
        self.birthday = birthday
        self.tenth_name = loyalty.reward_name(tenth, None)
        self.birthday_name = loyalty.reward_name(birthday, None)
        # Points rewards taken in history: those that take an amount off, dearest first.
        self.point_rewards = sorted(
            (
                (r.points, r.key, _scaled(r.amount) or 0)
                for r in PROGRAMME.rewards
                if r.trigger == RewardTrigger.POINTS and r.kind == "amount" and r.amount
            ),
            reverse=True,
        )
        self.names = self._names()
        hundredths = {
            Stage.VISITOR: PROGRAMME.visitor_multiplier,
            Stage.BUYER: PROGRAMME.buyer_multiplier,
            Stage.CLIENT: PROGRAMME.client_multiplier,
        }
        self.multipliers = {stage: _hundredths(m) for stage, m in hundredths.items()}
        self.birthday_multiplier = _hundredths(PROGRAMME.birthday_multiplier)

    # ------------------------------------------------------------------ helpers

    def at(self, t: int) -> str:
        """A moment (seconds since _START) as posapp stores it in SQLite."""
        return self.day_text[t // _DAY + 1] + self.clock_text[t % _DAY]

    def day(self, d: int) -> str:
        return self.day_text[d + 1]

    def _expiry_runs(self) -> list[_Run]:
        runs: list[_Run] = []
        year, month = _START.year, _START.month
        while True:
            month += 1
            if month == 13:
                year, month = year + 1, 1
            moment = datetime(year, month, 1, 1, 0, tzinfo=UTC)  # 03:00 in Riga
            if moment >= NOW:
                return runs
            cutoff = months_before(moment, PROGRAMME.points_expire_months)
            t = int((moment - _START).total_seconds())
            runs.append(
                _Run(
                    t=t,
                    at=self.at(t),
                    cutoff_t=int((cutoff - _START).total_seconds()),
                    key_suffix=f"{cutoff:%Y%m%dT%H%M%S%f}",
                    day=t // _DAY,
                )
            )

    def _names(self) -> list[tuple[str, list[tuple[Any, ...]]]]:
        """(name, its name key rows' keys) for every first name and surname of posapp's demo."""
        names = []
        for gender, index in (("m", 0), ("f", 1)):
            for first in FIRST_NAMES[gender]:
                for surnames in SURNAMES:
                    name = f"{first} {surnames[index]}"
                    full = search_key(name)[:SEARCH_KEY_LENGTH]
                    keys = list(dict.fromkeys([full, *word_keys(full)]))
                    names.append((name, [(key,) for key in keys]))
        return names

    def voucher_code(self) -> str:
        """An unused code: the voucher prefix and ten random digits (posapp's way)."""
        while True:
            code = str(make_ean13(f"{VOUCHER_PREFIX}{self.rng.randrange(10**10):010d}"))
            if code not in self.codes:
                self.codes.add(code)
                return code

    # ------------------------------------------------------------------ the whole

    def write(self, sink: Callable[[tuple[str, Any]], None]) -> None:
        """Every member, _CHUNK at a time, as (table, rows) batches to sink(); the shifts
        first, and ("", the counters) last. Run in the child process of _write_history."""
        self.sink = sink
        self._write_shifts()
        weights = self._weights()
        scale = self.entries / sum(w for _tier, w in weights)
        planned = 0.0
        per_purchase = 1.2  # ledger entries per purchase, learnt as members are written
        last = self.customers
        for customer_id, (tier, weight) in enumerate(weights, 1):
            planned += weight * scale
            if customer_id < last:
                wanted = planned - self.count.entry
                purchases = max(0, round(wanted / per_purchase))
                self.member(customer_id, tier, purchases, self.rows)
            else:
                self._last_member(customer_id, tier, per_purchase)
            if self.count.purchases:
                per_purchase = self.count.entry / self.count.purchases
            if customer_id % _CHUNK == 0 or customer_id == last:
                self.flush()
        sink(("", self.count))

    def _weights(self) -> list[tuple[int, float]]:
        tiers = []
        for _ in range(self.customers):
            draw = self.rng.random()
            for tier, (share, low, high) in enumerate(_TIERS):
                if draw < share or tier == len(_TIERS) - 1:
                    tiers.append((tier, self.rng.uniform(low, high)))
                    break
                draw -= share
        return tiers

    def _last_member(self, customer_id: int, tier: int, per_purchase: float) -> None:
        """The last member brings the ledger to exactly `entries`: fewer purchases than the
        others would get, then as many manual adjustments as are still missing."""
        wanted = self.entries - self.count.entry
        purchases = max(0, int(wanted / per_purchase / 2))
        state, count, codes = self.rng.getstate(), replace(self.count), set(self.codes)
        while True:
            rows = _Rows()
            self.member(customer_id, tier, purchases, rows, pad_to=self.entries)
            if self.count.entry == self.entries:
                break
            if purchases == 0:
                raise RuntimeError(f"{self.count.entry:,} ledger entries, not {self.entries:,}")
            self.rng.setstate(state)
            self.count, self.codes = replace(count), set(codes)
            purchases //= 2
        for table, new in rows.tables():
            getattr(self.rows, table).extend(new)

    def flush(self) -> None:
        for table, rows in self.rows.tables():
            if rows:
                self.sink((table, rows))
        self.rows = _Rows()  # new lists: the sink may still be sending the old ones

    def _write_shifts(self) -> None:
        """One shift a day of history on the till, by the cashier, closed in the evening."""
        cashier = self.staff.cashier.user_id
        float_cents = int(OPENING_FLOAT.scaleb(2))
        rows = [
            (
                self.shift_id(d),
                self.till_id,
                cashier,
                self.at(d * _DAY + _OPEN - 1800),
                float_cents,
                cashier,
                self.at(d * _DAY + _CLOSE + 1800),
            )
            for d in range(self.days)
        ]
        self.sink(("shifts", rows))

    @staticmethod
    def shift_id(day: int) -> int:
        return day + 1

    # ------------------------------------------------------------------ one member

    def member(
        self,
        customer_id: int,
        tier: int,
        purchases: int,
        rows: _Rows,
        pad_to: int | None = None,
    ) -> None:
        """A member, their cards, account, visits, ledger, vouchers and reward sales.

        `pad_to`: end with manual adjustments until the ledger holds that many entries.
        """
        rng = self.rng
        count = self.count
        c = customer_id
        days = self.days
        cashier = self.staff.cashier.user_id
        manager = self.staff.manager.user_id
        entries = rows.points_entries

        def post(
            kind: str, points: int, sale: int | None, key: str, user: int | None, t: str
        ) -> None:
            count.entry += 1
            entries.append((count.entry, c, kind, points, sale, key, None, user, t))

        # Enrolment: the regulars early in the history.
        enrol_day = rng.randrange(days // 5 if tier == 0 else days * 3 // 5 if tier == 1 else days)
        enrolled = enrol_day * _DAY + rng.randrange(_OPEN, _CLOSE)
        birthday_weeks = self._birthday_weeks(self._customer(c, enrolled, rows))
        self._cards(c, enrol_day, enrolled, rows)
        random = rng.random  # faster than randrange() in the loops below
        span, hours = days - enrol_day, _CLOSE - _OPEN
        moments = sorted(
            max(
                (enrol_day + int(random() * span)) * _DAY + _OPEN + int(random() * hours),
                enrolled + 60,
            )
            for _ in range(purchases)
        )
        day_text, clock_text = self.day_text, self.clock_text
        balance = bought = visits = 0
        last_day = -1
        recent: list[int] = []  # the newest visit days first, as many as the Client rule needs
        keep = self.rules.client_visits
        window = self.rules.client_window_days - 1
        credits: list[tuple[int, int]] = []  # (moment, points) of each credit, oldest first
        credited = old_credits = debits = 0
        held: list[_Voucher] = []  # vouchers not used yet
        vouchers: list[_Voucher] = []
        birthday_year: int | None = None
        first_at: str | None = None
        last_at: str | None = None
        # The care facts posapp keeps at commit: what they buy (2 to 5 favourite goods), in
        # how many purchases each, the last purchase's goods, the usual days between visits.
        favourites = rng.sample(self.goods, rng.randint(2, 5))
        products: dict[int, list[int]] = {}  # product id -> [purchases, last moment]
        last_goods: list[_Good] = []
        interval: Decimal | None = None
        runs = self.runs
        run = next((i for i, r in enumerate(runs) if r.t > enrolled), len(runs))
        for moment in (*moments, self.now_t):
            # The monthly expiry runs before this moment (expire_points, points_to_expire).
            while run < len(runs) and runs[run].t < moment:
                cutoff = runs[run].cutoff_t
                while credited < len(credits) and credits[credited][0] <= cutoff:
                    old_credits += credits[credited][1]
                    credited += 1
                expired = min(old_credits - debits, balance)
                if expired > 0:
                    key = f"expiry:{c}:{runs[run].key_suffix}"
                    post("expired", -expired, None, key, manager, runs[run].at)
                    balance -= expired
                    debits += expired
                run += 1
            if moment == self.now_t:
                break
            d = moment // _DAY
            when = day_text[d + 1] + clock_text[moment % _DAY]  # self.at(moment)
            new_visit = d != last_day
            # The multiplier of the stage the member has as the sale begins, and the birthday's.
            if len(recent) >= keep and recent[keep - 1] >= d - window:
                multiplier = self.multipliers[Stage.CLIENT]
            else:
                multiplier = self.multipliers[Stage.BUYER if bought else Stage.VISITOR]
            kept = birthday_weeks.get(d) if birthday_weeks else None
            multiplier *= 100 if kept is None else self.birthday_multiplier
            # A reward: a voucher held, else the dearest points reward affordable.
            voucher = None
            if held:
                held = [v for v in held if v.ends >= d]
                voucher = next((v for v in held if v.issued < moment), None)
                if voucher is not None and random() >= _USE_VOUCHER:
                    voucher = None
            reward = None
            if voucher is None and random() < _TAKE_REWARD:
                reward = next((r for r in self.point_rewards if r[0] <= balance), None)
            sale_id = None
            basket = [favourites[int(random() * len(favourites))]]
            if voucher is not None or reward is not None:
                count.sale += 1
                sale_id = count.sale
                if voucher is not None:
                    held.remove(voucher)
                    voucher.used_at, voucher.used_in = when, sale_id
                    off_percent, off_amount = voucher.percent, voucher.amount
                else:
                    assert reward is not None
                    off_percent, off_amount = None, reward[2]
                paid = self._sale(rows, sale_id, c, moment, d, basket[0], off_percent, off_amount)
                if reward is not None:
                    post(
                        "redeemed",
                        -reward[0],
                        sale_id,
                        f"sale:{sale_id}:{reward[1]}",
                        cashier,
                        when,
                    )
                    balance -= reward[0]
                    debits += reward[0]
            else:
                paid = 150 + int(random() * 4351)  # 1.50 to 45.00 EUR
                while random() < 0.4 and len(basket) < len(favourites):
                    basket.append(favourites[int(random() * len(favourites))])
            last_goods = list(dict.fromkeys(basket))
            for good in last_goods:
                counted = products.setdefault(good.product_id, [0, moment])
                counted[0] += 1
                counted[1] = moment
            points = paid * multiplier // 1_000_000  # cents x hundredths x hundredths
            if points:
                if sale_id:
                    post("earned", points, sale_id, f"sale:{sale_id}", cashier, when)
                else:
                    post("earned", points, None, f"import:{count.entry + 1:08d}", None, when)
                balance += points
                credits.append((moment, points))
            bought += 1
            count.purchases += 1
            first_at = first_at or when
            last_at = when
            if new_visit:
                if last_day >= 0:
                    interval = next_visit_interval(interval, d - last_day)
                visits += 1
                last_day = d
                recent = [d, *recent[: keep - 1]]
                rows.customer_visits.append((c, self.day(d)))
                if self.tenth.every and visits % self.tenth.every == 0:
                    vouchers.append(
                        self._voucher(
                            self.tenth,
                            self.tenth_name,
                            f"visit:{c}:{visits}:{self.tenth.key}",
                            moment,
                            sale_id,
                        )
                    )
                    held.append(vouchers[-1])
            if kept is not None and kept != birthday_year:
                birthday_year = kept
                vouchers.append(
                    self._voucher(
                        self.birthday,
                        self.birthday_name,
                        f"birthday:{c}:{kept}:{self.birthday.key}",
                        moment,
                        sale_id,
                    )
                )
                held.append(vouchers[-1])

        if pad_to is not None:
            balance += self._adjustments(c, pad_to, entries)
        stage = "visitor"
        if bought:
            facts = StageFacts(bought, tuple(self.dates[x + 1] for x in recent))
            stage = compute_stage(facts, self.rules, self.dates[last_day + 1]).value
        rows.loyalty_accounts.append(
            (
                c,
                balance,
                stage,
                bought,
                visits,
                self.day(last_day) if bought else None,
                first_at,
                last_at,
                0,
                0,
                birthday_year,
                json.dumps([g.name for g in last_goods], ensure_ascii=False) if bought else None,
                None if interval is None else int(interval.scaleb(1)),
            )
        )
        rows.customer_products.extend(
            (c, product, n, self.at(t)) for product, (n, t) in products.items()
        )
        self._vouchers(c, vouchers, rows)
        self._care(c, tier, enrolled, rows)

    def _customer(self, c: int, enrolled: int, rows: _Rows) -> str | None:
        """The customer's row and name keys; returns their birthday."""
        rng = self.rng
        name, keys = self.names[rng.randrange(len(self.names))]
        phone = f"+371 2{c:07d}" if rng.random() < 0.7 else None
        key = f"3712{c:07d}" if phone else None
        if c == 1 and phone and phone_key(phone) != key:
            raise RuntimeError(f"phone key shortcut is wrong for {phone!r}")
        birthday = None
        if rng.random() < 0.6:
            birthday = date.fromordinal(rng.randrange(_OLDEST, _YOUNGEST)).isoformat()
        consent = rng.random() < 0.4
        created_at = self.at(enrolled)
        rows.customers.append(
            (
                c,
                name,
                created_at,
                phone,
                key,
                f"member{c}@example.lv" if rng.random() < 0.3 else None,
                birthday,
                rng.choice(_LANGUAGES),
                None,
                None,
                int(consent),
                created_at if consent else None,
                self.staff.cashier.user_id if consent else None,
                None,
                None,
            )
        )
        rows.customer_name_keys.extend((c, *k) for k in keys)
        return birthday

    def _birthday_weeks(self, birthday: str | None) -> dict[int, int]:
        """The year of the birthday kept near each day of the history that is near one
        (posapp.domain.loyalty.birthday_near, for every day at once)."""
        if birthday is None:
            return {}
        born = date.fromisoformat(birthday)
        start = _START.date()
        window = PROGRAMME.birthday_window_days
        weeks: dict[int, int] = {}
        for year in range(start.year - 1, NOW.year + 2):
            kept = (observed_birthday(born, year) - start).days
            for day in range(kept - window, kept + window + 1):
                weeks.setdefault(day, year)
        return weeks

    def _cards(self, c: int, enrol_day: int, enrolled: int, rows: _Rows) -> None:
        """The member's first card (number c of the series), and the ones that replaced it."""
        rng = self.rng
        count = self.count
        draw = rng.random()
        replaced = 2 if draw < _REPLACED_TWICE else 1 if draw < _REPLACED_ONCE else 0
        if enrol_day + 1 >= self.days:
            replaced = 0
        lost = sorted(
            rng.randrange(enrol_day + 1, self.days) * _DAY + rng.randrange(_OPEN, _CLOSE)
            for _ in range(replaced)
        )
        number = card_number(c)
        issued = enrolled
        for moment in lost:
            count.card += 1
            rows.loyalty_cards.append(
                (count.card, number, c, "blocked", self.at(issued), self.at(moment))
            )
            count.replacement_cards += 1
            number, issued = card_number(self.customers + count.replacement_cards), moment
        count.card += 1
        rows.loyalty_cards.append((count.card, number, c, "active", self.at(issued), None))

    def _sale(
        self,
        rows: _Rows,
        sale_id: int,
        c: int,
        moment: int,
        d: int,
        good: _Good,
        off_percent: int | None,
        off_amount: int | None,
    ) -> int:
        """A sale of one line that takes a reward, paid in cash; returns what was paid."""
        rng = self.rng
        quantity = rng.randint(1, 4)
        while True:
            gross = good.price * quantity
            # As posapp.domain.cart: a percentage rounded half-up to cents, an amount at most
            # what is left.
            off = (
                (gross * off_percent + 5000) // 10_000
                if off_percent
                else min(off_amount or 0, gross)
            )
            if gross - off >= 100:
                break
            quantity += 1
        total = gross - off
        vat = int(vat_included(Decimal(total).scaleb(-2), good.vat_percent).scaleb(2))
        completed = self.at(moment)
        rows.sales.append(
            (
                sale_id,
                str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "sale",
                "completed",
                self.till_id,
                self.shift_id(d),
                -sale_id,
                self.staff.cashier.user_id,
                c,
                None,
                self.at(moment - rng.randint(30, 240)),
                completed,
                total,
                None,
            )
        )
        rows.sale_lines.append(
            (
                sale_id,
                1,
                good.product_id,
                good.name,
                quantity * 1000,
                good.price,
                good.price,
                off,
                total,
                good.vat_rate,
                vat,
                None,
                None,
            )
        )
        tendered = -(-total // 500) * 500  # the next 5 EUR
        rows.payments.append((sale_id, "cash", total, tendered))
        return total

    def _voucher(
        self, reward: RewardSetting, name: str, issue_key: str, moment: int, sale_id: int | None
    ) -> _Voucher:
        """A voucher of `reward` issued at `moment`, as _issue_vouchers writes it."""
        return _Voucher(
            code=self.voucher_code(),
            reward=reward,
            name=name[:120],
            amount=_scaled(reward.amount),
            percent=_scaled(reward.percent),
            issue_key=issue_key,
            issued=moment,
            issued_in=sale_id,
            ends=moment // _DAY + reward.valid_days,
        )

    def _vouchers(self, c: int, vouchers: list[_Voucher], rows: _Rows) -> None:
        """The member's vouchers with their status now: used, marked expired by the last
        monthly run, or still issued."""
        last_run = self.runs[-1].day if self.runs else -1
        for v in vouchers:
            status = "used" if v.used_in else "expired" if v.ends < last_run else "issued"
            self.count.voucher += 1
            rows.vouchers.append(
                (
                    *(self.count.voucher, v.code, c, 0, v.reward.key, v.name, v.reward.kind),
                    *(v.amount, v.percent, None, status, v.issue_key, self.at(v.issued)),
                    *(v.issued_in, self.day(v.ends), v.used_at, v.used_in),
                )
            )

    def _care(self, c: int, tier: int, enrolled: int, rows: _Rows) -> None:
        """Notes and preferences colleagues wrote, promises and complaints (open, kept or
        resolved), and reminders marked at the till: the regulars have the most."""
        rng, count = self.rng, self.count
        cashier, manager = self.staff.cashier.user_id, self.staff.manager.user_id
        span = self.now_t - 3600 - enrolled

        def moment() -> int:
            return enrolled + rng.randrange(span) if span > 0 else enrolled

        share = _CARE_SHARES[tier]
        if rng.random() < share.notes:
            for _ in range(rng.randint(1, 3)):
                kind = rng.choice(("note", "preference"))
                count.note += 1
                text = rng.choice(NOTES if kind == "note" else _PREFERENCES)
                rows.customer_notes.append((count.note, c, kind, text, cashier, self.at(moment())))
        if rng.random() < share.promises:
            for _ in range(rng.randint(1, 2)):
                kept = rng.random() < 0.6  # a promise kept in the past, or one open now
                if kept:
                    taken = moment()
                    due = taken // _DAY + rng.randint(1, 14)
                    if due >= self.now_t // _DAY:
                        continue
                    done: tuple[int | None, str | None, None] = (
                        *(manager, self.at(due * _DAY + _OPEN + 3600)),
                        None,
                    )
                else:
                    due = self.now_t // _DAY + rng.randint(-7, 14)
                    taken = max(enrolled, (due - rng.randint(3, 21)) * _DAY + _OPEN + 1800)
                    done = (None, None, None)
                if taken >= self.now_t:
                    continue
                count.promise += 1
                rows.promises.append(
                    (
                        *(count.promise, c, rng.choice(_PROMISES), self.day(due)),
                        *("done" if kept else "open", cashier, self.at(taken), *done),
                    )
                )
        if rng.random() < share.complaints:
            open_now = rng.random() < 0.25
            taken = moment()
            resolved = (
                (None, None, None)
                if open_now
                else (manager, self.at(min(taken + 2 * _DAY, self.now_t - 60)), _RESOLUTION)
            )
            what, promised = rng.choice(_COMPLAINTS)
            count.complaint += 1
            rows.complaints.append(
                (
                    *(count.complaint, c, what, promised, "open" if open_now else "resolved"),
                    *(cashier, self.at(taken), *resolved),
                )
            )
        if rng.random() < share.actions:
            days = {moment() // _DAY for _ in range(rng.randint(1, 4))}
            for day in sorted(days):
                marked = rng.choice((ReminderKind.LAST_VISIT, ReminderKind.USUAL_ITEMS)).value
                count.action += 1
                rows.reminder_actions.append(
                    (
                        *(count.action, c, f"{marked}:{self.day(day)}", marked),
                        *(rng.choice(("done", "done", "dismissed")), cashier, self.till_id),
                        self.at(day * _DAY + _CLOSE - 600),
                    )
                )

    def _adjustments(self, c: int, pad_to: int, entries: list[tuple[Any, ...]]) -> int:
        """Manual adjustments (adjust_points) in the last hours, until the ledger holds
        `pad_to` entries; returns the points they add."""
        added = 0
        moment = self.now_t - 3600
        while self.count.entry < pad_to:
            points = self.rng.randint(1, 20)
            self.count.entry += 1
            entries.append(
                (
                    self.count.entry,
                    c,
                    "adjustment",
                    points,
                    None,
                    f"adjust:{uuid.UUID(int=self.rng.getrandbits(128), version=4)}",
                    "Kompensācija",
                    self.staff.manager.user_id,
                    self.at(moment),
                )
            )
            added += points
            moment += 1
        return added


def _nowhere(_batch: tuple[str, Any]) -> None:
    raise RuntimeError("_History.write() was not given a sink")


def _scaled(amount: Decimal | None) -> int | None:
    """Euros as cents, or a percentage as hundredths: as ScaledDecimal(2) stores them."""
    return None if amount is None else int(amount.scaleb(2))


def _hundredths(multiplier: Decimal) -> int:
    scaled = multiplier.scaleb(2)
    if scaled != int(scaled):
        raise ValueError(f"multiplier {multiplier} has more than two decimals")
    return int(scaled)


@dataclass(frozen=True)
class _CareShare:
    """Chances that a member has notes, promises, a complaint, reminders marked."""

    notes: float
    promises: float
    complaints: float
    actions: float


_CARE_SHARES = (  # by tier: regulars, tens, a few
    _CareShare(0.5, 0.15, 0.05, 0.6),
    _CareShare(0.15, 0.04, 0.02, 0.2),
    _CareShare(0.02, 0.005, 0.003, 0.01),
)
NOTES = (  # sample notes, shared with reports_history.py
    "Nāk ar suni: ūdens bļodiņa pie durvīm.",
    "Strādā blakus bankā, steidzas pusdienās.",
    "Meita mācās Rīgā, ienāk sestdienās kopā.",
    "Pasūtīja kūku kāzu jubilejai; pajautāt, kā izdevās.",
)
_PREFERENCES = (
    "Kapučīno ar auzu pienu, bez cukura.",
    "Rupjmaizi sagrieztu šķēlēs.",
    "Patīk svaigākais: pajautāt, kas šodien no krāsns.",
    "Maksā ar karti, čeku nevajag.",
)
_PROMISES = (
    "Pasūtīt bezglutēna maizi",
    "Atlikt divus medus kūkas gabalus",
    "Piezvanīt, kad atvedīs Ābolu sulu",
    "Sagatavot kafijas pupiņas 1 kg",
)
_COMPLAINTS = (
    ("Kruasāns bija sauss", "Nākamais kruasāns par brīvu"),
    ("Kafija bija auksta", "Jauna kafija uzreiz"),
    ("Izdeva nepareizu atlikumu", None),
)
_RESOLUTION = "Atvainojāmies, kompensējām nākamajā pirkumā."


_OLDEST = date(1945, 1, 1).toordinal()
_YOUNGEST = date(2008, 12, 31).toordinal()
_LANGUAGES = ("lv", "lv", "lv", "lv", "ru", "ru", "en", None)


# --------------------------------------------------------------------------- checks


def verify(connection: sqlite3.Connection, customers: int, entries: int) -> None:
    """The build is what it should be (SQL on the finished file); raises if not."""

    def one(sql: str, *args: Any) -> Any:
        return connection.execute(sql, args).fetchone()[0]

    problems = []
    found = (one("SELECT count(*) FROM customers"), one("SELECT count(*) FROM points_entries"))
    if found != (customers, entries):
        problems.append(f"{found[0]:,} customers and {found[1]:,} entries")
    sample = connection.execute(
        "SELECT count(*), sum(balance = (SELECT coalesce(sum(points), 0) FROM points_entries "
        "WHERE points_entries.customer_id = loyalty_accounts.customer_id)) "
        "FROM loyalty_accounts WHERE customer_id IN (SELECT value FROM json_each(?))",
        (str(random.Random(SEED).sample(range(1, customers + 1), min(1000, customers))),),
    ).fetchone()
    print(f"    balance = SUM(points), a sample of {sample[0]:,} accounts: {sample[1]:,} agree")
    if sample[0] != sample[1]:
        problems.append(f"balance != SUM(points) for {sample[0] - sample[1]} of a sample")
    wrong = one(
        "SELECT count(*) FROM loyalty_accounts LEFT JOIN (SELECT customer_id, sum(points) AS s "
        "FROM points_entries GROUP BY customer_id) AS ledger USING (customer_id) "
        "WHERE balance != coalesce(ledger.s, 0)"
    )
    totals = connection.execute(
        "SELECT (SELECT sum(balance) FROM loyalty_accounts), (SELECT sum(points) FROM "
        "points_entries), (SELECT count(*) FROM loyalty_accounts)"
    ).fetchone()
    print(
        f"    balance = SUM(points), all {totals[2]:,} accounts: {wrong} differ; "
        f"{totals[0]:,} points held, {totals[1]:,} in the ledger"
    )
    if wrong or totals[0] != totals[1] or totals[2] != customers:
        problems.append(f"balance != SUM(points) for {wrong} accounts")
    visits = one(
        "SELECT count(*) FROM loyalty_accounts LEFT JOIN (SELECT customer_id, count(*) AS n, "
        "max(day) AS last FROM customer_visits GROUP BY customer_id) AS v USING (customer_id) "
        "WHERE visits != coalesce(v.n, 0) OR last_visit_on IS NOT v.last"
    )
    cards = one(
        "SELECT count(*) FROM customers WHERE (SELECT count(*) FROM loyalty_cards "
        "WHERE loyalty_cards.customer_id = customers.id AND status = 'active') != 1"
    )
    used = one(
        "SELECT count(*) FROM vouchers LEFT JOIN sales ON sales.id = vouchers.used_in_sale_id "
        "WHERE vouchers.status = 'used' AND sales.customer_id IS NOT vouchers.customer_id"
    )
    print(
        f"    visits = visit days: {visits} differ; members without one active card: {cards}; "
        f"used vouchers not used in their member's sale: {used}"
    )
    if visits or cards or used:
        problems.append(f"{visits} visit counts, {cards} members' cards, {used} used vouchers")
    facts = one(
        "SELECT count(*) FROM loyalty_accounts WHERE (purchases > 0) != (last_items IS NOT NULL) "
        "OR (visits > 1) != (visit_interval IS NOT NULL) OR purchases < (SELECT "
        "coalesce(max(sales), 0) FROM customer_products WHERE "
        "customer_products.customer_id = loyalty_accounts.customer_id)"
    )
    care = connection.execute(
        "SELECT (SELECT count(*) FROM customer_products), (SELECT count(*) FROM customer_notes), "
        "(SELECT count(*) FROM promises WHERE status = 'open'), (SELECT count(*) FROM complaints "
        "WHERE status = 'open'), (SELECT count(*) FROM reminder_actions)"
    ).fetchone()
    print(
        f"    care facts out of step with purchases and visits: {facts}; {care[0]:,} usual-item "
        f"counts, {care[1]:,} notes, {care[2]:,} open promises, {care[3]:,} open complaints, "
        f"{care[4]:,} reminders marked"
    )
    intervals = _intervals_recomputed(connection, customers)
    print(f"    visit_interval = next_visit_interval over the visit days, a sample: {intervals}")
    if facts or intervals.split()[0] != "all":
        problems.append(f"{facts} accounts' care facts; intervals: {intervals}")
    violations = connection.execute("PRAGMA foreign_key_check").fetchall()
    quick = [row[0] for row in connection.execute("PRAGMA quick_check")]
    print(f"    foreign_key_check: {len(violations)} violations; quick_check: {', '.join(quick)}")
    if violations or quick != ["ok"]:
        problems.append(f"{len(violations)} foreign key violations, quick_check {quick[:3]}")
    if problems:
        raise RuntimeError("the members database is not what it should be: " + "; ".join(problems))


def _intervals_recomputed(connection: sqlite3.Connection, customers: int) -> str:
    """Recompute a sample of members' usual interval from their visit days, as posapp's
    commit keeps it; "all N agree", or how many differ."""
    sample = random.Random(SEED + 1).sample(range(1, customers + 1), min(1000, customers))
    days: dict[int, list[date]] = {}
    for customer, day in connection.execute(
        "SELECT customer_id, day FROM customer_visits WHERE customer_id IN "
        "(SELECT value FROM json_each(?)) ORDER BY customer_id, day",
        (str(sample),),
    ):
        days.setdefault(customer, []).append(date.fromisoformat(day))
    stored = dict(
        connection.execute(
            "SELECT customer_id, visit_interval FROM loyalty_accounts WHERE customer_id IN "
            "(SELECT value FROM json_each(?))",
            (str(sample),),
        ).fetchall()
    )
    differ = 0
    for customer in sample:
        interval = usual_interval(days.get(customer, []))
        expected = None if interval is None else int(interval.scaleb(1))
        differ += stored.get(customer) != expected
    return f"all {len(sample)} agree" if not differ else f"{differ} of {len(sample)} differ"


# --------------------------------------------------------------------------- reading


def _describe(path: Path, customers: int, build_seconds: float | None) -> Members:
    till_id, cashier, (count, entries) = describe(path, TILL, "customers", "points_entries")
    if count != customers:
        raise RuntimeError(f"{path} holds {count} customers, expected {customers}; rebuild it")
    return Members(path, customers, entries, till_id, cashier, NOW, build_seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--customers", type=int, default=DEFAULT_CUSTOMERS)
    parser.add_argument("--rebuild", action="store_true", help="build even if cached")
    args = parser.parse_args()
    members = ensure_members(args.customers, rebuild=args.rebuild)
    state = "built" if members.build_seconds is not None else "cached"
    size = members.path.stat().st_size / 2**20
    print(f"{state}: {members.path} ({size:,.0f} MiB)")
    print(f"{members.customers:,} members, {members.entries:,} ledger entries; now = {NOW}")


if __name__ == "__main__":
    main()
