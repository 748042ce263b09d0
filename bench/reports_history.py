"""Loyalty and care history for the reports benchmark's shop, as posapp would have written it.

reports_db.py builds a busy shop's three years of trading (about 40 % of the sales with
one of 100,000 members' cards) but none of what posapp's loyalty programme and customer
care write beside those sales. add_history() writes it, on a stdlib sqlite3 connection
to that file (bulk.py: executemany in one transaction, foreign key checks off, no
journal while loading), from the sales that exist and with the shop's own settings
(posapp.services.settings: points per euro, stage multipliers and thresholds, rewards,
referral points, expiry, reminder thresholds) and posapp's own rules (compute_stage,
with_visit, points_to_expire, refund_step, expiry_window, points_expiring,
next_visit_interval, rank_reminders, reward_name), writing each row as the service that
would have written it does (posapp.services.loyalty.record_sale, record_refund,
expire_points, adjust_points, issue_voucher; posapp.services.care, rate_service too):

* who holds the card of a member's sale: reports_db.py gives each member's sale to a
  member drawn uniformly, so that every member buys a dozen times in three years and
  hardly anyone is a regular. Here the sales keep their moment, till, cashier, lines
  and money (the reports' aggregates do not depend on who the member is), but their
  member is drawn again: about one member in SALES_PER_BUYER sales buys at all (the
  others hold a card and never use it), 40 % of those had their card before the three
  years, the others join along the way; 6 % are regulars (weekly or more), 30 %
  occasional, the rest rare, each buying for a while (three years on average) and then
  no more. A refund keeps its sale's member;
* card offers after anonymous sales whose receipt number the till suggests it for
  (ReminderSettings.offer_card_every): accepted (30 %), declined, not asked; each member
  who joins is enrolled at an accepted offer, right after that sale (customers.created_at
  and the card's issued_at), until there are no more offers to enrol at;
* birthdays for 60 % of the members, and 5 % of the members who joined and bought
  brought by another (customers.referred_by_id, the referrer joined before them);
* per member, in time order, what record_sale() does for each completed sale: points
  earned by posapp's formula (the stage the sale began with, the birthday week) as an
  'earned' entry keyed "sale:<id>"; a points reward taken now and then when the balance
  affords it ('redeemed', "sale:<id>:points:<reward>"); vouchers of the shop's
  nth-visit and birthday rewards issued with the sale that earns them and used in a
  later sale now and then; the referral points of a referred member's first purchase,
  to both; the day's visit (customer_visits), the account's facts (purchases, visits,
  last visit, first and last purchase, birthday year, the usual interval between
  visits, the last sale's items) and customer_products; the stage changes as the sale
  records them (a change that happened with time first, then the sale's). A refund
  takes back the points its sale earned and gives back those it spent (record_refund:
  never below a zero balance). The monthly expiry run (`posapp loyalty expire` on the
  1st at 03:00, points_expire_months) expires what is left of old credits and marks
  vouchers past their last day expired;
* care at the counter: at each member's sale the reminders posapp would show
  (rank_reminders on the member's facts just before it, less those marked before);
  on some of them the cashier marks one or two done or dismissed (a promise's reminder
  marked done keeps the promise); where the schema has reminders_left (revision 0010),
  the rest are recorded as left alone with the sale, as if the shop had that version all
  along. Ratings of 5 % of the members' sales (1-5, about 4.2 on average, some with a
  comment; 5 stars count toward Advocate), notes and preferences, promises (kept on
  time, late, cancelled, overdue, open) and complaints (resolved within hours to weeks,
  a few still open; some put right with a voucher given by hand), a few manual points
  adjustments, with their audit entries.

Every account's balance is the sum of its ledger and its stage is its last stage change,
so `posapp check` passes (verify() checks the same in SQL, and posapp's earn_points on
a sample of sales). What is left out: a reward's euros are not taken off its sale's
lines (the sales stay as reports_db.py wrote them and summed them; the euros a
voucher or points reward took off are only in the ledger and the voucher), no
member is merged, no welcome points (the shop gives none).

ensure_history_db() publishes the summed cache with its history as
reports-<lines>-<revision>-f<format>-summed-h<HISTORY_FORMAT>.sqlite.

    python bench/reports_history.py [--lines N] [--rebuild]
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import random
import sqlite3
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bulk import building_file, bulk_connection, cached, copy_database
from bulk import publish as publish_file
from members_db import NOTES
from reports_db import (
    BUILD_FORMAT,
    DEFAULT_LINES,
    Built,
    _upgraded,
    _utc_text,
    cache_path,
    ensure_summed_db,
)

from posapp.domain.barcodes import InStoreKind, make_ean13
from posapp.domain.cart import CartLine, Payment, PaymentMethod
from posapp.domain.loyalty import (
    Stage,
    StageFacts,
    birthday_near,
    compute_stage,
    earn_points,
    expiry_window,
    months_before,
    points_expiring,
    refund_step,
    visit_rewards_due,
    with_visit,
)
from posapp.domain.reminders import (
    CustomerFacts,
    Note,
    OpenComplaint,
    OpenPromise,
    ReminderKind,
    next_visit_interval,
    rank_reminders,
)
from posapp.i18n import _, language, set_language
from posapp.services.loyalty import POINTS_KEY, reward_name
from posapp.services.settings import RewardTrigger, ShopSettings, load_settings, shop_time_zone
from posapp.services.setup import open_database

HISTORY_FORMAT = 1
SEED = 20_261_207
SALES_PER_BUYER = 12  # members' sales per member who buys at all
CARD_BEFORE = 0.4  # of the members who buy: those with a card before the three years
# Members who buy: (share, weight range): regulars, occasional, rare.
TIERS = ((0.06, 8.0, 20.0), (0.30, 1.0, 3.0), (1.0, 0.1, 0.6))
MEAN_LIFE_DAYS = 3 * 365  # how long a member keeps buying, on average
ANSWERS = (("accepted", 0.30), ("declined", 0.55), ("not_asked", 0.15))
REFERRED = 0.05  # of the members who joined and bought: brought by another member
BIRTHDAYS = 0.6  # members who gave their birthday
RATED = 0.05  # members' sales rated
MARKED = 0.035  # members' sales with reminders on the screen where one (or two) is marked
NOTED = 0.01  # members' sales after which a note or a preference is written
PROMISED = 0.005  # members' sales at which something is promised
COMPLAINED = 0.003  # members' sales at which a complaint is taken
ADJUSTED = 0.005  # members who buy with a manual adjustment of their points
REDEEM = 0.35  # chance that a sale takes the dearest points reward the balance affords
USE_VOUCHER = 0.5  # chance that a sale uses a voucher the member holds
GIFTED = 0.3  # resolved complaints put right with a voucher given by hand
EXPIRY_HOUR = 3  # the monthly `posapp loyalty expire`, on the 1st, shop time
OPEN_HOURS = (9, 20)  # when the back office resolves promises and complaints, shop time
SAMPLE_EARNINGS = 400  # sales whose points are checked against posapp's earn_points

_STARS = (5, 4, 3, 2, 1)
_STAR_WEIGHTS = (52, 27, 11, 6, 4)
_COMMENTED = {5: 0.15, 4: 0.15, 3: 0.35, 2: 0.6, 1: 0.7}
_COMMENTS = {
    5: ("Ļoti laipna apkalpošana!", "Vienmēr svaigas preces, paldies!", "Ātri un draudzīgi."),
    4: ("Labi, tikai rinda bija gara.", "Viss kārtībā.", "Patīk jaunā maizes izvēle."),
    3: ("Normāli.", "Plauktā pietrūka cenu zīmju.", "Kase strādāja lēni."),
    2: ("Ilgi jāgaida pie kases.", "Nebija manas ierastās preces."),
    1: ("Nelaipna apkalpošana.", "Prece bija bojāta, neviens neatvainojās."),
}
_PREFERENCES = (
    "Rupjmaizi sagrieztu šķēlēs.",
    "Patīk svaigākais: pajautāt, kas šodien no krāsns.",
    "Maksā ar karti, čeku nevajag.",
    "Bez plastmasas maisiņa.",
)
_PROMISES = (
    "Pasūtīt bezglutēna maizi",
    "Atlikt divus medus kūkas gabalus",
    "Piezvanīt, kad atvedīs ābolu sulu",
    "Sagatavot dāvanu grozu",
    "Pasūtīt kasti minerālūdens",
)
_CANCELLED = ("Piegādātājs vairs neved šo preci", "Klients pārdomāja")
_COMPLAINTS = (
    ("Kruasāns bija sauss", "Nākamais kruasāns par brīvu"),
    ("Pienam bija beidzies termiņš", "Naudu atdosim"),
    ("Izdeva nepareizu atlikumu", None),
    ("Cena plauktā neatbilda čekam", "Starpību atmaksāsim"),
    ("Nelaipna apkalpošana pie kases", None),
)
_RESOLUTIONS = (
    "Atvainojāmies, kompensējām nākamajā pirkumā.",
    "Atmaksājām starpību.",
    "Preci apmainījām.",
    "Runājām ar kasieri, klients apmierināts.",
)
_ADDED = ("Kompensācija par bojātu preci", "Kļūda kasē: punkti nebija pieskaitīti")
_TAKEN = "Labojums: punkti bija pieskaitīti divreiz"
_GIFT_REASON = "Atvainošanās par sūdzību"
_OLDEST, _YOUNGEST = date(1945, 1, 1).toordinal(), date(2008, 12, 31).toordinal()
_LAST_ITEMS = 5  # names kept of the last sale (posapp.services.loyalty.LAST_ITEMS)
_NOTES_SHOWN = 5  # posapp.services.care.NOTES_SHOWN


# --------------------------------------------------------------------------- the cache


def history_path(lines: int) -> Path:
    summed = cache_path(lines).stem + "-summed"
    return cache_path(lines).with_name(f"{summed}-h{HISTORY_FORMAT}.sqlite")


def ensure_history_db(lines: int = DEFAULT_LINES, *, rebuild: bool = False) -> Built:
    """The summed cache (reports_db.ensure_summed_db) with its loyalty and care history:
    built from a copy of it, or (when only an older revision's file exists) that one
    upgraded by posapp's migrations. `build_seconds`: the seconds adding the history took."""
    path = history_path(lines)
    if not rebuild and not path.exists():
        pattern = f"reports-{lines}-*-f{BUILD_FORMAT}-summed-h{HISTORY_FORMAT}.sqlite"
        if _upgraded(path, pattern) is not None:
            return Built(path, lines, None)
    summed = None if path.exists() and not rebuild else ensure_summed_db(lines, rebuild=rebuild)

    def build(building_path: Path) -> float:
        assert summed is not None
        building = building_file(building_path)
        copy_database(summed.path, building)
        uow = open_database(str(building))
        try:
            settings = load_settings(uow)
        finally:
            uow.engine.dispose()
        connection = bulk_connection(building)
        try:
            started = time.perf_counter()
            counts = add_history(connection, settings)
            seconds = time.perf_counter() - started
            verify(connection)
        except BaseException:
            connection.close()
            raise
        publish_file(connection, building, building_path)
        print(f"history added in {seconds:.1f} s: {describe(counts)}", flush=True)
        return seconds

    return Built(path, lines, cached(path, build, rebuild=rebuild))


def describe(counts: dict[str, int]) -> str:
    return ", ".join(f"{n:,} {table}" for table, n in counts.items())


# --------------------------------------------------------------------------- reading


@dataclass(slots=True)
class _Sale:
    id: int
    kind: str
    voided: bool
    till: int
    user: int
    refund_of: int | None
    at: str  # completed_at as stored
    t: float  # the same, seconds since the epoch
    day: date  # the shop's day
    total: int  # cents
    customer: int = 0


@dataclass(slots=True)
class _Promise:
    id: int
    customer: int
    what: str
    due: date
    taken_t: float
    taken_by: int
    status: str = "open"
    resolved_t: float | None = None
    resolved_by: int | None = None
    resolution: str | None = None


@dataclass(slots=True)
class _Complaint:
    id: int
    customer: int
    what: str
    promised: str | None
    taken_t: float
    taken_by: int
    resolved_t: float | None = None
    resolved_by: int | None = None
    resolution: str | None = None


@dataclass(slots=True)
class _Note:
    id: int
    customer: int
    kind: str
    text: str
    user: int
    t: float


@dataclass(slots=True)
class _Voucher:
    code: str
    customer: int
    reward_key: str
    name: str
    kind: str
    amount: int | None  # cents
    percent: int | None  # hundredths
    product_id: int | None
    issue_key: str
    issued_t: float
    issued_in: int | None
    expires_on: date
    used_t: float | None = None
    used_in: int | None = None


@dataclass(slots=True)
class _Member:
    """One member's account as the walk through their history keeps it."""

    id: int
    created_t: float
    birthday: date | None
    referred_by: int | None
    facts: StageFacts = field(default_factory=StageFacts)
    stored: Stage = Stage.VISITOR
    balance: int = 0
    credits_t: list[float] = field(default_factory=list)  # positive entries, oldest first
    credits_at: list[datetime] = field(default_factory=list)
    credits_sum: list[int] = field(default_factory=lambda: [0])  # running sums
    debits: int = 0  # every negative entry's points, added up
    expired_upto: int = 0  # credits (by index) at or before the last run's cutoff
    run: int = 0  # the next monthly expiry run
    visits: int = 0
    last_day: date | None = None
    interval: Decimal | None = None
    first_at: str | None = None
    last_at: str | None = None
    last_t: float | None = None
    last_sale: int | None = None
    birthday_year: int | None = None
    held: list[_Voucher] = field(default_factory=list)
    bought: Counter[int] = field(default_factory=Counter)
    usual: set[int] = field(default_factory=set)  # products bought in usual_item_sales sales
    last_change: tuple[Stage, Stage, float] | None = None
    acted: set[str] = field(default_factory=set)
    spent_earned: dict[int, tuple[int, int]] = field(default_factory=dict)  # sale: (earned, spent)


@dataclass(frozen=True)
class _Run:
    t: float
    at: str
    cutoff_t: float
    suffix: str  # of the entry's key, after "expiry:<customer>:"
    day: date


# --------------------------------------------------------------------------- the whole


def add_history(
    connection: sqlite3.Connection, settings: ShopSettings | None = None
) -> dict[str, int]:
    """Write the loyalty and care history of the shop's sales (see the module's docstring)
    in one transaction; returns the rows written per table."""
    if settings is None:
        (file,) = (row[2] for row in connection.execute("PRAGMA database_list") if row[1] == "main")
        uow = open_database(file)
        try:
            settings = load_settings(uow)
        finally:
            uow.engine.dispose()
    loyalty = settings.loyalty
    if loyalty.product_bonus or loyalty.category_bonus or loyalty.excluded_categories:
        raise NotImplementedError("bonus points and excluded categories: not in this shop")
    previous = language()
    set_language(settings.language)  # vouchers' names and reasons as the shop's tills write them
    try:
        history = _History(connection, settings)
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("BEGIN")
        counts = history.write()
        connection.execute("COMMIT")
        phase = time.perf_counter()
        for table in (*counts, "customers", "loyalty_accounts"):
            connection.execute(f"ANALYZE {table}")
        connection.execute("PRAGMA journal_mode=WAL")  # as posapp keeps its databases
        print(f"  analysed: {time.perf_counter() - phase:6.1f} s", flush=True)
    finally:
        set_language(previous)
    return counts


class _History:
    def __init__(self, connection: sqlite3.Connection, settings: ShopSettings) -> None:
        self.connection = connection
        self.settings = settings
        self.loyalty = settings.loyalty
        self.rules = settings.loyalty.stage_rules()
        self.zone: ZoneInfo = shop_time_zone(settings.time_zone)[1]  # type: ignore[assignment]
        self.reminder_rules = settings.reminders.rules(
            settings.language, settings.loyalty.birthday_window_days
        )
        self.rng = random.Random(SEED)
        self.started = time.perf_counter()
        users = dict(connection.execute("SELECT role, min(id) FROM users GROUP BY role"))
        self.manager = users.get("manager") or users.get("owner")
        self.owner = users.get("owner") or self.manager
        self.names = dict(connection.execute("SELECT id, name FROM users"))
        loyalty = self.loyalty
        self.multipliers = {
            Stage.VISITOR: loyalty.visitor_multiplier,
            Stage.BUYER: loyalty.buyer_multiplier,
            Stage.CLIENT: loyalty.client_multiplier,
            Stage.ADVOCATE: loyalty.advocate_multiplier,
        }
        self.products = self._reward_products()
        # Points rewards a sale may take (dearest first), and every reward's name.
        self.point_rewards = sorted(
            (
                r
                for r in loyalty.rewards
                if r.trigger == RewardTrigger.POINTS
                and (r.kind != "product" or r.sku in self.products)
            ),
            key=lambda r: -r.points,
        )
        self.reward_names = {
            r.key: reward_name(r, self.products.get(r.sku or "", (0, None))[1])
            for r in loyalty.rewards
        }
        self.every = [
            (r.key, r.every) for r in loyalty.rewards if r.trigger == RewardTrigger.NTH_VISIT
        ]
        self.birthday_rewards = [r for r in loyalty.rewards if r.trigger == RewardTrigger.BIRTHDAY]
        prefix = next(
            (p.prefix for p in settings.barcode_rules().prefixes if p.kind is InStoreKind.VOUCHER),
            None,
        )
        self.voucher_prefix = prefix
        self.codes: set[str] = set()
        self.left_table = self._reminders_left()
        self.day_cache: dict[str, tuple[date, float]] = {}
        # What is written, table by table.
        self.entries: list[tuple[Any, ...]] = []
        self.changes: list[tuple[Any, ...]] = []
        self.visit_rows: list[tuple[int, str]] = []
        self.vouchers: list[_Voucher] = []
        self.ratings: list[tuple[Any, ...]] = []
        self.actions: list[tuple[Any, ...]] = []
        self.left: list[tuple[Any, ...]] = []
        self.audit: list[tuple[Any, ...]] = []
        self.accounts: list[tuple[Any, ...]] = []
        self.last_sales: list[int] = []
        self.sampled: list[tuple[int, Stage, bool, date | None, date, int]] = []

    # ------------------------------------------------------------------ helpers

    def phase(self, what: str) -> None:
        print(f"  {what + ':':<34}{time.perf_counter() - self.started:6.1f} s", flush=True)

    def moment(self, text: str) -> tuple[date, float]:
        """The shop's day and the epoch seconds of a stored moment."""
        hour = text[:13]
        known = self.day_cache.get(hour)
        if known is None:
            start = datetime.fromisoformat(hour + ":00:00").replace(tzinfo=UTC)
            known = (start.astimezone(self.zone).date(), start.timestamp())
            self.day_cache[hour] = known
        rest = text[14:]
        return known[0], known[1] + int(rest[0:2]) * 60 + float(rest[3:])

    @staticmethod
    def text(t: float) -> str:
        return _utc_text(datetime.fromtimestamp(t, UTC))

    def day_of(self, t: float) -> date:
        return datetime.fromtimestamp(t, self.zone).date()

    def local(self, day: date, hour: int, seconds: int = 0) -> float:
        moment = datetime(day.year, day.month, day.day, hour, tzinfo=self.zone)
        return moment.timestamp() + seconds

    def office_time(self, day: date) -> float:
        """A moment of the back office's hours on `day`."""
        low, high = OPEN_HOURS
        return self.local(day, low, self.rng.randrange((high - low) * 3600))

    def voucher_code(self) -> str:
        """An unused code: the voucher prefix and ten random digits (_new_voucher_code)."""
        while True:
            digits = f"{self.rng.randrange(10**10):010d}"
            code = make_ean13(self.voucher_prefix + digits) if self.voucher_prefix else digits
            if code not in self.codes:
                self.codes.add(code)
                return code

    def _reward_products(self) -> dict[str, tuple[int, str]]:
        skus = sorted({r.sku for r in self.loyalty.rewards if r.sku})
        if not skus:
            return {}
        rows = self.connection.execute(
            "SELECT sku, id, name FROM products WHERE active AND sku IN (SELECT value FROM"
            " json_each(?))",
            (json.dumps(skus),),
        )
        return {sku: (product_id, name) for sku, product_id, name in rows}

    def _reminders_left(self) -> bool:
        """Whether the schema records reminders left alone (revision 0010's table)."""
        columns = [row[1] for row in self.connection.execute("PRAGMA table_info(reminders_left)")]
        expected = ["id", "sale_id", "customer_id", "key", "kind", "user_id", "till_id", "at"]
        if columns and columns != expected:
            print(f"  reminders_left has columns {columns}: left empty", flush=True)
        return columns == expected

    # ------------------------------------------------------------------ the whole

    def write(self) -> dict[str, int]:
        sales = self._member_sales()
        self.phase(f"{len(sales):,} members' sales read")
        members, offers = self._members(sales)
        self.phase(f"{len(members):,} members who buy drawn")
        promises, complaints, notes = self._care(sales)
        by_member: dict[int, list[_Sale]] = {}
        for sale in sales:
            by_member.setdefault(sale.customer, []).append(sale)
        referrals = self._referrals(members, by_member)
        extra: dict[int, list[tuple[float, int, Any]]] = {}
        for referred, referrer in referrals.items():
            first = next(s for s in by_member[referred] if s.kind == "sale" and not s.voided)
            extra.setdefault(referrer, []).append((first.t, 3, (first, referred)))
        for complaint in complaints:
            if complaint.resolved_t is not None and self.rng.random() < GIFTED:
                extra.setdefault(complaint.customer, []).append(
                    (complaint.resolved_t + 60, 6, complaint)
                )
        self.end_t = max(sale.t for sale in sales)
        self.runs = self._runs(sales[0].t, self.end_t)
        self.run_ts = [run.t for run in self.runs]
        self.bought = self._bought()
        self.phase("lines of the members' sales read")
        customer_rows = self._customers(members)
        care_of: dict[int, tuple[list[Any], list[Any], list[Any]]] = {}
        for items, slot in ((promises, 0), (complaints, 1), (notes, 2)):
            for item in items:
                care_of.setdefault(item.customer, ([], [], []))[slot].append(item)
        for member in sorted(members.values(), key=lambda m: m.id):
            if self.rng.random() < ADJUSTED:
                start = max(member.created_t, sales[0].t)
                at = self.office_time(self.day_of(start + self.rng.random() * (self.end_t - start)))
                if at < self.end_t:
                    extra.setdefault(member.id, []).append((at, 4, None))
        for member in sorted(members.values(), key=lambda m: m.id):
            self._walk(
                member,
                by_member.get(member.id, []),
                sorted(extra.get(member.id, []), key=lambda e: (e[0], e[1])),
                care_of.get(member.id, ([], [], [])),
            )
        self.phase("the members' history walked")
        counts = self._insert(sales, customer_rows, offers, promises, complaints, notes)
        self._check_earnings()
        return counts

    def _member_sales(self) -> list[_Sale]:
        sales = []
        for row in self.connection.execute(
            "SELECT id, kind, status, till_id, user_id, refund_of_id, completed_at, total"
            " FROM sales WHERE customer_id IS NOT NULL ORDER BY completed_at, id"
        ):
            day, t = self.moment(row[6])
            sales.append(
                _Sale(
                    row[0],
                    row[1],
                    row[2] == "voided",
                    row[3],
                    row[4],
                    row[5],
                    row[6],
                    t,
                    day,
                    row[7],
                )
            )
        return sales

    # ------------------------------------------------------------------ members

    def _members(self, sales: list[_Sale]) -> tuple[dict[int, _Member], list[tuple[Any, ...]]]:
        """Who buys, who joins when (at an accepted card offer), and each sale's member."""
        rng = self.rng
        customers = dict(self.connection.execute("SELECT id, created_at FROM customers"))
        ids = sorted(customers)
        purchases = sum(1 for s in sales if s.kind == "sale" and not s.voided)
        buyers = min(len(ids), max(2, round(purchases / SALES_PER_BUYER)))
        before = max(1, round(buyers * CARD_BEFORE))
        offers, joins = self._offers(buyers - before)
        order = rng.sample(ids, len(ids))
        joined = [(self.moment(customers[c])[1], c) for c in order[:before]]
        joined += [(t, c) for t, c in zip(joins, order[before : before + len(joins)], strict=True)]
        joined.sort()
        members: dict[int, _Member] = {}
        weights: list[float] = []
        leave: list[float] = []
        start = sales[0].t if sales else 0.0
        for t, c in joined:
            weights.append(_weight(rng))
            leave.append(max(t, start) + rng.expovariate(1 / MEAN_LIFE_DAYS) * 86_400)
            members[c] = _Member(c, t, None, None)
        join_t = [t for t, _c in joined]
        member_at = [c for _t, c in joined]
        cumulative = list(itertools.accumulate(weights))
        owner: dict[int, int] = {}
        random_ = rng.random
        for sale in sales:
            if sale.refund_of is not None and sale.refund_of in owner:
                sale.customer = owner[sale.refund_of]
                continue
            pool = max(1, bisect.bisect_left(join_t, sale.t))
            total = cumulative[pool - 1]
            for _attempt in range(8):
                index = min(bisect.bisect_right(cumulative, random_() * total, 0, pool), pool - 1)
                if leave[index] >= sale.t:
                    break
            sale.customer = member_at[index]
            owner[sale.id] = sale.customer
        self.join_order = (join_t, member_at, cumulative)
        return members, offers

    def _offers(self, wanted: int) -> tuple[list[tuple[Any, ...]], list[float]]:
        """Card offers after anonymous sales the till suggests one for: `wanted` accepted
        (fewer if there are not enough such sales) and the declined and not asked beside
        them; the moments the accepted ones' buyers were enrolled."""
        every = self.settings.reminders.offer_card_every
        if every <= 0:
            return [], []
        eligible = [
            row[0]
            for row in self.connection.execute(
                "SELECT id FROM sales WHERE customer_id IS NULL AND kind = 'sale'"
                " AND status = 'completed' AND receipt_number % ? = 0 ORDER BY id",
                (every,),
            )
        ]
        if not eligible:
            return [], []
        counts = {answer: round(wanted * share / ANSWERS[0][1]) for answer, share in ANSWERS}
        scale = min(1.0, len(eligible) / max(1, sum(counts.values())))
        answers = [a for a, n in counts.items() for _ in range(int(n * scale))]
        chosen = sorted(self.rng.sample(eligible, len(answers)))
        self.rng.shuffle(answers)
        rows = self.connection.execute(
            "SELECT id, till_id, user_id, completed_at FROM sales WHERE id IN"
            " (SELECT value FROM json_each(?)) ORDER BY id",
            (json.dumps(chosen),),
        ).fetchall()
        offers = []
        joins = []
        for (sale_id, till, user, at), answer in zip(rows, answers, strict=True):
            t = self.moment(at)[1] + self.rng.uniform(5, 60)
            offers.append((t, sale_id, answer, user, till))
            if answer == "accepted":
                joins.append(t + self.rng.uniform(30, 180))  # enrol_customer, right after
        offers.sort()
        joins.sort()
        return offers, joins

    def _referrals(
        self, members: dict[int, _Member], by_member: dict[int, list[_Sale]]
    ) -> dict[int, int]:
        """Referred member: the member who brought them (joined before them)."""
        join_t, member_at, cumulative = self.join_order
        start = join_t[0]
        found: dict[int, int] = {}
        for index, customer in enumerate(member_at):
            if join_t[index] <= start or index == 0 or customer not in by_member:
                continue
            if not any(s.kind == "sale" and not s.voided for s in by_member[customer]):
                continue
            if self.rng.random() >= REFERRED:
                continue
            pick = bisect.bisect_right(
                cumulative, self.rng.random() * cumulative[index - 1], 0, index
            )
            referrer = member_at[min(pick, index - 1)]
            found[customer] = referrer
            members[customer].referred_by = referrer
        return found

    def _customers(self, members: dict[int, _Member]) -> list[tuple[Any, ...]]:
        """(created_at, birthday, referred_by_id, id) of every customer; members' birthdays."""
        rows = []
        for customer, created in self.connection.execute(
            "SELECT id, created_at FROM customers ORDER BY id"
        ):
            birthday = None
            if self.rng.random() < BIRTHDAYS:
                birthday = date.fromordinal(self.rng.randint(_OLDEST, _YOUNGEST))
            member = members.get(customer)
            if member is not None:
                member.birthday = birthday
                created = self.text(member.created_t)
            referrer = member.referred_by if member is not None else None
            rows.append((created, birthday and birthday.isoformat(), referrer, customer))
        return rows

    # ------------------------------------------------------------------ care taken at sales

    def _care(self, sales: list[_Sale]) -> tuple[list[_Promise], list[_Complaint], list[_Note]]:
        """Promises, complaints and notes taken at members' sales (ids in time order), with
        what became of them by the end (a promise may yet be kept by a reminder)."""
        rng = self.rng
        purchases = [s for s in sales if s.kind == "sale" and not s.voided]
        end_t = max(s.t for s in sales)

        def at(share: float) -> list[_Sale]:
            return sorted(rng.sample(purchases, round(len(purchases) * share)), key=lambda s: s.t)

        promises = []
        for n, sale in enumerate(at(PROMISED), 1):
            taken = sale.t + rng.uniform(60, 180)
            due = sale.day + timedelta(rng.choice((0, 1, 2, 3, 3, 5, 7, 7, 10, 14)))
            promise = _Promise(n, sale.customer, rng.choice(_PROMISES), due, taken, sale.user)
            draw = rng.random()
            by = rng.choice((self.manager, sale.user))
            if draw < 0.70:  # kept by its day
                day = sale.day + timedelta(rng.randint(0, (due - sale.day).days))
                when, status, how = max(self.office_time(day), taken + 1800), "done", None
            elif draw < 0.84:
                when, status, how = (
                    self.office_time(due + timedelta(rng.randint(1, 10))),
                    "done",
                    None,
                )
            elif draw < 0.92:
                day = sale.day + timedelta(rng.randint(0, (due - sale.day).days + 3))
                when, status, how = (
                    max(self.office_time(day), taken + 600),
                    "cancelled",
                    rng.choice(_CANCELLED),
                )
            else:
                when, status, how = None, "open", None
            if when is not None and when < end_t:
                promise.status, promise.resolved_t = status, when
                promise.resolved_by, promise.resolution = by, how
            promises.append(promise)
        complaints = []
        for n, sale in enumerate(at(COMPLAINED), 1):
            what, promised = rng.choice(_COMPLAINTS)
            taken = sale.t + rng.uniform(60, 300)
            complaint = _Complaint(n, sale.customer, what, promised, taken, sale.user)
            draw = rng.random()
            hours = (
                rng.uniform(1, 8)
                if draw < 0.3
                else rng.uniform(24, 72)
                if draw < 0.7
                else rng.uniform(96, 240)
                if draw < 0.9
                else rng.uniform(264, 720)
                if draw < 0.97
                else None
            )
            if hours is not None and taken + hours * 3600 < end_t:
                complaint.resolved_t = taken + hours * 3600
                complaint.resolved_by = rng.choice((self.manager, self.manager, self.owner))
                complaint.resolution = rng.choice(_RESOLUTIONS)
            complaints.append(complaint)
        notes = []
        for n, sale in enumerate(at(NOTED), 1):
            preference = rng.random() < 0.4
            text = rng.choice(_PREFERENCES if preference else NOTES)
            kind = "preference" if preference else "note"
            notes.append(
                _Note(n, sale.customer, kind, text, sale.user, sale.t + rng.uniform(30, 120))
            )
        return promises, complaints, notes

    def _runs(self, first_t: float, end_t: float) -> list[_Run]:
        """The monthly expiry runs from the month after the first sale up to the end."""
        months = self.loyalty.points_expire_months
        runs: list[_Run] = []
        if months <= 0:
            return runs
        day = self.day_of(first_t).replace(day=1)
        while True:
            day = (day + timedelta(32)).replace(day=1)
            as_of = datetime(day.year, day.month, 1, EXPIRY_HOUR, tzinfo=self.zone).astimezone(UTC)
            if as_of.timestamp() >= end_t:
                return runs
            cutoff = months_before(as_of, months)
            runs.append(
                _Run(
                    as_of.timestamp(),
                    _utc_text(as_of),
                    cutoff.timestamp(),
                    f"{cutoff:%Y%m%dT%H%M%S%f}",
                    day,
                )
            )

    def _check_earnings(self) -> None:
        """The points of a sample of sales, against posapp's earn_points on their lines."""
        wrong = [
            f"sale {sale_id}: {earned} points, posapp's earn_points {expected}"
            for sale_id, stage, new_visit, birthday, day, earned in self.sampled
            if earned
            != (
                expected := _earned_by_posapp(
                    self.connection, self.settings, sale_id, stage, new_visit, birthday, day
                )
            )
        ]
        if wrong or not self.sampled:
            raise RuntimeError(f"points earned are not posapp's: {wrong[:5] or 'no sample'}")
        self.phase(f"{len(self.sampled)} sales' points checked")

    def _bought(self) -> dict[int, tuple[int, ...]]:
        """The products of each member's completed sale (once each, as customer_products
        counts them)."""
        bought: dict[int, list[int]] = {}
        for sale_id, product_id in self.connection.execute(
            "SELECT l.sale_id, l.product_id FROM sales s JOIN sale_lines l ON l.sale_id = s.id"
            " WHERE s.customer_id IS NOT NULL AND s.status = 'completed' AND s.kind = 'sale'"
        ):
            bought.setdefault(sale_id, []).append(product_id)
        return {sale: tuple(dict.fromkeys(products)) for sale, products in bought.items()}

    # ------------------------------------------------------------------ one member

    def _post(
        self,
        member: _Member,
        kind: str,
        points: int,
        sale: int | None,
        key: str,
        user: int | None,
        t: float,
        at: str,
        order: int = 0,
        reason: str | None = None,
    ) -> None:
        """An entry in the ledger, and the balance with it."""
        self.entries.append((at, order, member.id, kind, points, sale, key, reason, user))
        member.balance += points
        if points > 0:
            member.credits_t.append(t)
            member.credits_at.append(datetime.fromtimestamp(t, UTC))
            member.credits_sum.append(member.credits_sum[-1] + points)
        elif points < 0:
            member.debits -= points

    def _change(
        self,
        member: _Member,
        before: Stage,
        after: Stage,
        sale: int | None,
        t: float,
        at: str,
        order: int,
    ) -> None:
        """The stage changes a write records (_stage_changes): the one that happened with
        time, when it is noticed, then the write's own."""
        if member.stored is not before:
            self.changes.append((at, order, member.id, member.stored.value, before.value, None))
            member.last_change = (member.stored, before, t)
        if before is not after:
            self.changes.append((at, order + 1, member.id, before.value, after.value, sale))
            member.last_change = (before, after, t)
        member.stored = after

    def _expire(self, member: _Member, until: float) -> None:
        """The monthly expiry runs before `until` (expire_points, points_to_expire)."""
        runs = self.runs
        while member.run < len(runs) and runs[member.run].t < until:
            run = runs[member.run]
            member.run += 1
            if member.balance <= 0:
                continue
            member.expired_upto = bisect.bisect_right(member.credits_t, run.cutoff_t)
            old = member.credits_sum[member.expired_upto]
            expired = min(max(old - member.debits, 0), member.balance)
            if expired > 0:
                key = f"expiry:{member.id}:{run.suffix}"
                self._post(member, "expired", -expired, None, key, None, run.t, run.at)

    def _walk(
        self,
        member: _Member,
        sales: list[_Sale],
        extra: list[tuple[float, int, Any]],
        care: tuple[list[_Promise], list[_Complaint], list[_Note]],
    ) -> None:
        events = sorted(
            itertools.chain(
                ((s.t, 1 if s.kind == "sale" else 2, s) for s in sales if not s.voided), extra
            ),
            key=lambda e: (e[0], e[1]),
        )
        member.run = bisect.bisect_right(self.run_ts, member.created_t)
        for t, what, payload in events:
            self._expire(member, t)
            if what == 1:
                self._sale(member, payload, care)
            elif what == 2:
                self._refund(member, payload)
            elif what == 3:
                self._referrer(member, *payload)
            elif what == 4:
                self._adjust(member, t)
            elif what == 6:
                self._gift(member, payload)
        self._expire(member, self.end_t)
        self._account(member)

    def _sale(
        self, member: _Member, sale: _Sale, care: tuple[list[Any], list[Any], list[Any]]
    ) -> None:
        """What record_sale() writes for the member's completed sale."""
        rng = self.rng
        loyalty = self.loyalty
        today = sale.day
        self._reminders(member, sale, care)
        # Rewards: a voucher the member holds, and a points reward the balance affords.
        spent = 0
        if member.held and rng.random() < USE_VOUCHER:
            usable = [v for v in member.held if v.expires_on >= today and v.issued_t < sale.t]
            if usable and sale.total > 0 and (usable[0].amount or 0) <= sale.total:
                voucher = usable[0]
                voucher.used_t, voucher.used_in = sale.t, sale.id
                member.held.remove(voucher)
        if rng.random() < REDEEM:
            reward = next(
                (
                    r
                    for r in self.point_rewards
                    if r.points <= member.balance
                    and r.kind != "product"
                    and (r.amount is None or r.amount * 100 <= sale.total)
                ),
                None,
            )
            if reward is not None:
                spent = reward.points
                key = f"sale:{sale.id}:{POINTS_KEY}{reward.key}"
                self._post(member, "redeemed", -spent, sale.id, key, sale.user, sale.t, sale.at)
        facts = member.facts
        before = compute_stage(facts, self.rules, today)
        after_facts, new_visit = with_visit(facts, today, self.rules.client_visits)
        after = compute_stage(after_facts, self.rules, today)
        # posapp.domain.loyalty.earn_points: the lines' totals, no points or voucher payments.
        base = Decimal(sale.total).scaleb(-2) * loyalty.points_per_euro
        if new_visit:
            base += loyalty.points_per_visit
        multiplier = self.multipliers[before]
        if birthday_near(member.birthday, today, loyalty.birthday_window_days) is not None:
            multiplier *= loyalty.birthday_multiplier
        earned = max(int((base * multiplier).to_integral_value(rounding=ROUND_FLOOR)), 0)
        if len(self.sampled) < SAMPLE_EARNINGS and sale.id % 97 == 0:
            self.sampled.append((sale.id, before, new_visit, member.birthday, today, earned))
        if earned:
            self._post(
                member, "earned", earned, sale.id, f"sale:{sale.id}", sale.user, sale.t, sale.at, 1
            )
        member.spent_earned[sale.id] = (earned, spent)
        if facts.purchases == 0 and member.referred_by and loyalty.referral_points > 0:
            key = f"referral:{member.id}:member"
            points = loyalty.referral_points
            self._post(member, "referral", points, sale.id, key, sale.user, sale.t, sale.at, 2)
        # The visit, the account's facts and the vouchers the sale issues.
        if new_visit:
            if facts.recent_visits:
                gap = (today - facts.recent_visits[0]).days
                member.interval = next_visit_interval(member.interval, gap)
            member.visits += 1
            self.visit_rows.append((member.id, today.isoformat()))
            for key in visit_rewards_due(member.visits, self.every):
                setting = loyalty.reward(key)
                assert setting is not None
                self._issue(
                    member,
                    setting,
                    f"visit:{member.id}:{member.visits}:{key}",
                    sale.t,
                    sale.id,
                    today,
                )
        kept = birthday_near(member.birthday, today, loyalty.birthday_window_days)
        if kept is not None and member.birthday_year != kept.year:
            for setting in self.birthday_rewards:
                key = f"birthday:{member.id}:{kept.year}:{setting.key}"
                self._issue(member, setting, key, sale.t, sale.id, today)
            member.birthday_year = kept.year
        member.facts = after_facts
        member.last_day = today
        member.first_at = member.first_at or sale.at
        member.last_at, member.last_t, member.last_sale = sale.at, sale.t, sale.id
        threshold = self.settings.reminders.usual_item_sales
        for product in self.bought.get(sale.id, ()):
            member.bought[product] += 1
            if member.bought[product] >= threshold:
                member.usual.add(product)
        self._change(member, before, after, sale.id, sale.t, sale.at, 2)
        if rng.random() < RATED:
            self._rating(member, sale)

    def _issue(
        self, member: _Member, setting: Any, issue_key: str, t: float, sale: int | None, today: date
    ) -> None:
        """A voucher of the shop's reward, as _issue_vouchers writes it."""
        product = self.products.get(setting.sku or "") if setting.kind == "product" else None
        if setting.kind == "product" and product is None:
            return  # its product is no longer sold
        voucher = _Voucher(
            code=self.voucher_code(),
            customer=member.id,
            reward_key=setting.key,
            name=self.reward_names[setting.key][:120],
            kind=setting.kind,
            amount=None if setting.amount is None else int(setting.amount.scaleb(2)),
            percent=None if setting.percent is None else int(setting.percent.scaleb(2)),
            product_id=product[0] if product else None,
            issue_key=issue_key,
            issued_t=t,
            issued_in=sale,
            expires_on=today + timedelta(days=setting.valid_days),
        )
        self.vouchers.append(voucher)
        member.held.append(voucher)

    def _rating(self, member: _Member, sale: _Sale) -> None:
        """rate_service() for the sale, a little after it; 5 stars count toward Advocate."""
        rng = self.rng
        stars = rng.choices(_STARS, _STAR_WEIGHTS)[0]
        comment = rng.choice(_COMMENTS[stars]) if rng.random() < _COMMENTED[stars] else None
        t = sale.t + rng.uniform(20, 300)
        at = self.text(t)
        self.ratings.append((at, member.id, sale.id, stars, comment, sale.user))
        if stars == 5:
            today = self.day_of(t)
            before = compute_stage(member.facts, self.rules, today)
            member.facts = replace(
                member.facts, five_star_ratings=member.facts.five_star_ratings + 1
            )
            after = compute_stage(member.facts, self.rules, today)
            self._change(member, before, after, sale.id, t, at, 0)

    def _refund(self, member: _Member, refund: _Sale) -> None:
        """record_refund() for a whole refund: earned points back, spent ones restored."""
        earned, spent = member.spent_earned.get(refund.refund_of or 0, (0, 0))
        if not earned and not spent:
            return
        total = Decimal(-refund.total).scaleb(-2)
        reverse = refund_step(earned, total, Decimal(0), total, True)
        policy = self.loyalty.refund_restores_points
        if policy == "proportional":
            restore = refund_step(spent, total, Decimal(0), total, True)
        else:
            restore = spent if policy == "full_refund" else 0
        taken = min(reverse, member.balance + restore)
        shortfall = reverse - taken
        key = f"refund:{refund.id}"
        if restore:
            self._post(
                member,
                "redemption_restored",
                restore,
                refund.id,
                key,
                refund.user,
                refund.t,
                refund.at,
            )
        if reverse:
            reason = None
            if shortfall:
                reason = _(
                    "{short} of {points} points not taken back: "
                    "the customer had already spent them."
                ).format(short=shortfall, points=reverse)
            self._post(
                member,
                "refund_reversal",
                -taken,
                refund.id,
                key,
                refund.user,
                refund.t,
                refund.at,
                1,
                reason,
            )

    def _referrer(self, member: _Member, sale: _Sale, referred: int) -> None:
        """_credit_referrer(): the referral points for the new member's first purchase."""
        today = sale.day
        before = compute_stage(member.facts, self.rules, today)
        member.facts = replace(member.facts, referred_buyers=member.facts.referred_buyers + 1)
        after = compute_stage(member.facts, self.rules, today)
        self._change(member, before, after, sale.id, sale.t, sale.at, 0)
        points = self.loyalty.referral_points
        key = f"referral:{referred}:referrer"
        self._post(member, "referral", points, sale.id, key, sale.user, sale.t, sale.at, 3)

    def _adjust(self, member: _Member, t: float) -> None:
        """adjust_points() by the manager, with its audit entry."""
        rng = self.rng
        if member.balance >= 20 and rng.random() < 0.25:
            points, reason = -rng.randint(10, min(member.balance, 100)), _TAKEN
        else:
            points, reason = rng.randint(10, 150), rng.choice(_ADDED)
        at = self.text(t)
        key = f"adjust:{uuid.UUID(int=rng.getrandbits(128), version=4)}"
        self._post(member, "adjustment", points, None, key, self.manager, t, at, 0, reason)
        details = {"customer_id": member.id, "points": points, "reason": reason}
        self.audit.append(
            (at, self.manager, None, "points_adjusted", json.dumps(details, ensure_ascii=False))
        )

    def _gift(self, member: _Member, complaint: _Complaint) -> None:
        """issue_voucher() by the manager who resolved a complaint, with its audit entry."""
        rewards = [r for r in self.loyalty.rewards if r.kind == "amount"]
        if not rewards:
            return
        setting = min(rewards, key=lambda r: r.amount or 0)
        t = (complaint.resolved_t or 0) + 60
        if t >= self.end_t:
            return
        key = f"manual:{uuid.UUID(int=self.rng.getrandbits(128), version=4)}"
        self._issue(member, setting, key, t, None, self.day_of(t))
        details = {
            "customer_id": member.id,
            "voucher": self.vouchers[-1].code,
            "reason": _GIFT_REASON,
        }
        user = complaint.resolved_by
        self.audit.append(
            (self.text(t), user, None, "voucher_given", json.dumps(details, ensure_ascii=False))
        )

    # ------------------------------------------------------------------ reminders

    def _reminders(
        self, member: _Member, sale: _Sale, care: tuple[list[Any], list[Any], list[Any]]
    ) -> None:
        """The reminders the till shows as the card is scanned (rank_reminders on the
        member's facts before the sale, less those marked before); one or two marked on
        some sales, the rest left alone with the sale (where the schema records it)."""
        marking = self.rng.random() < MARKED
        if not marking and not self.left_table:
            return
        t = sale.t - self.rng.uniform(15, 30)  # between the card's scan and the payment
        now = datetime.fromtimestamp(t, self.zone)
        shown = [
            r
            for r in rank_reminders(self._facts(member, sale, t, care), now, self.reminder_rules)
            if not r.sticky and r.key not in member.acted
        ]
        if not shown:
            return
        if marking:
            marked = [shown[0] if self.rng.random() < 0.7 else self.rng.choice(shown)]
            if len(shown) > 1 and self.rng.random() < 0.2:
                marked.append(next(r for r in shown if r is not marked[0]))
            for reminder in marked:
                done = self.rng.random() < 0.65
                t += self.rng.uniform(1, 10)
                at = self.text(t)
                self.actions.append(
                    (
                        at,
                        member.id,
                        reminder.key,
                        reminder.kind.value,
                        "done" if done else "dismissed",
                        sale.user,
                        sale.till,
                    )
                )
                member.acted.add(reminder.key)
                if done and reminder.kind in (
                    ReminderKind.PROMISE_DUE,
                    ReminderKind.PROMISE_OVERDUE,
                ):
                    promise = next(p for p in care[0] if p.id == reminder.refers_to)
                    promise.status, promise.resolved_t = "done", t
                    promise.resolved_by, promise.resolution = sale.user, None
            shown = [r for r in shown if r not in marked]
        if self.left_table:
            self.left.extend(
                (sale.at, sale.id, member.id, r.key, r.kind.value, sale.user, sale.till)
                for r in shown
            )

    def _facts(
        self, member: _Member, sale: _Sale, t: float, care: tuple[list[Any], list[Any], list[Any]]
    ) -> CustomerFacts:
        """CustomerFacts as posapp.services.care reads them at `t`."""
        promises, complaints, notes = care
        today = sale.day
        stage = compute_stage(member.facts, self.rules, today)
        previous = reached = None
        if stage in (Stage.CLIENT, Stage.ADVOCATE) and member.last_change is not None:
            was, became, when = member.last_change
            if became is stage:
                previous, reached = was, datetime.fromtimestamp(when, UTC)
        rewards = [v.name for v in member.held if v.expires_on >= today and v.issued_t < t]
        rewards += [
            self.reward_names[r.key] for r in self.point_rewards if r.points <= member.balance
        ]
        expiring, expire_on = self._expiring(member, t)
        return CustomerFacts(
            name=f"Klients {member.id}",
            birthday=member.birthday,
            member_since=datetime.fromtimestamp(member.created_t, UTC),
            stage=stage,
            previous_stage=previous,
            stage_reached_at=reached,
            visits=member.visits,
            last_visit_at=None
            if member.last_t is None
            else datetime.fromtimestamp(member.last_t, UTC),
            last_items=("…",) if member.last_sale else (),
            usual_items=tuple(
                str(p) for p in list(member.usual)[: self.reminder_rules.items_shown]
            ),
            usual_interval_days=member.interval,
            notes=tuple(
                Note(
                    n.id,
                    n.text,
                    n.kind == "preference",
                    self.names.get(n.user),
                    datetime.fromtimestamp(n.t, UTC),
                )
                for n in [n for n in notes if n.t < t][-_NOTES_SHOWN:][::-1]
            ),
            promises=tuple(
                OpenPromise(p.id, p.what, p.due, self.names.get(p.taken_by))
                for p in promises
                if p.taken_t < t and (p.resolved_t is None or p.resolved_t > t)
            ),
            complaints=tuple(
                OpenComplaint(
                    c.id,
                    c.what,
                    c.promised,
                    self.names.get(c.taken_by),
                    datetime.fromtimestamp(c.taken_t, UTC),
                )
                for c in complaints
                if c.taken_t < t and (c.resolved_t is None or c.resolved_t > t)
            ),
            rewards=tuple(rewards),
            points_expiring=expiring,
            points_expire_on=expire_on,
        )

    def _expiring(self, member: _Member, t: float) -> tuple[int, date | None]:
        """posapp.services.care.reminders._points_expiring from the member's credits."""
        months = self.loyalty.points_expire_months
        if months <= 0 or member.balance <= 0:
            return 0, None
        now = datetime.fromtimestamp(t, UTC)
        cutoff, horizon = expiry_window(now, months, self.settings.reminders.points_expiring_days)
        high = bisect.bisect_right(member.credits_t, horizon.timestamp())
        after = member.credits_sum[-1] - member.credits_sum[high]
        if after >= member.balance:
            return 0, None
        low = bisect.bisect_right(member.credits_t, cutoff.timestamp())
        due = [
            (member.credits_at[i], member.credits_sum[i + 1] - member.credits_sum[i])
            for i in range(low, high)
        ]
        found = points_expiring(
            member.balance, due, after, now, months, self.settings.reminders.points_expiring_days
        )
        if found is None:
            return 0, None
        return found[0], found[1].astimezone(self.zone).date()

    # ------------------------------------------------------------------ writing

    def _account(self, member: _Member) -> None:
        facts = member.facts
        interval = None if member.interval is None else int(member.interval.scaleb(1))
        self.accounts.append(
            (
                member.balance,
                member.stored.value,
                facts.purchases,
                member.visits,
                member.last_day and member.last_day.isoformat(),
                member.first_at,
                member.last_at,
                facts.referred_buyers,
                facts.five_star_ratings,
                member.birthday_year,
                interval,
                member.id,
            )
        )
        if member.last_sale is not None:
            self.last_sales.append(member.last_sale)

    def _insert(
        self,
        sales: list[_Sale],
        customers: list[tuple[Any, ...]],
        offers: list[tuple[Any, ...]],
        promises: list[_Promise],
        complaints: list[_Complaint],
        notes: list[_Note],
    ) -> dict[str, int]:
        execute, many = self.connection.execute, self.connection.executemany
        counts: dict[str, int] = {}

        def insert(table: str, columns: str, rows: list[tuple[Any, ...]]) -> None:
            marks = ", ".join("?" * (columns.count(",") + 1))
            many(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
            counts[table] = len(rows)

        many("UPDATE sales SET customer_id = ? WHERE id = ?", ((s.customer, s.id) for s in sales))
        many(
            "UPDATE customers SET created_at = ?, birthday = ?, referred_by_id = ? WHERE id = ?",
            customers,
        )
        many(
            "UPDATE loyalty_cards SET issued_at = (SELECT created_at FROM customers"
            " WHERE customers.id = loyalty_cards.customer_id) WHERE customer_id = ?",
            ((row[3],) for row in customers),
        )
        # Every account as posapp keeps it: the members' walks, and untouched ones anew.
        walked = {row[-1] for row in self.accounts}
        self.accounts += [
            (0, Stage.VISITOR.value, 0, 0, None, None, None, 0, 0, None, None, row[3])
            for row in customers
            if row[3] not in walked
        ]
        many(
            "UPDATE loyalty_accounts SET balance = ?, stage = ?, purchases = ?, visits = ?,"
            " last_visit_on = ?, first_purchase_at = ?, last_purchase_at = ?, referred_buyers = ?,"
            " five_star_ratings = ?, birthday_reward_year = ?, last_items = NULL,"
            " visit_interval = ? WHERE customer_id = ?",
            self.accounts,
        )
        self.phase("sales, customers, accounts updated")
        self.entries.sort(key=lambda e: (e[0], e[1], e[2]))
        insert(
            "points_entries",
            "id, at, customer_id, kind, points, sale_id, key, reason, user_id",
            [(n, at, *rest) for n, (at, _order, *rest) in enumerate(self.entries, 1)],
        )
        self.changes.sort(key=lambda c: (c[0], c[1], c[2]))
        insert(
            "stage_changes",
            "id, at, customer_id, from_stage, to_stage, sale_id",
            [(n, at, *rest) for n, (at, _order, *rest) in enumerate(self.changes, 1)],
        )
        self.visit_rows.sort()
        insert("customer_visits", "customer_id, day", self.visit_rows)
        last_run = self.runs[-1].day if self.runs else date.min
        self.vouchers.sort(key=lambda v: (v.issued_t, v.issue_key))
        insert(
            "vouchers",
            "id, code, customer_id, bearer, reward_key, name, kind, amount, percent,"
            " product_id, status, issue_key, issued_at, issued_in_sale_id, expires_on, used_at,"
            " used_in_sale_id",
            [
                (
                    *(n, v.code, v.customer, int(not self.loyalty.vouchers_bound_to_customer)),
                    *(v.reward_key, v.name, v.kind, v.amount, v.percent, v.product_id),
                    "used" if v.used_in else "expired" if v.expires_on < last_run else "issued",
                    *(v.issue_key, self.text(v.issued_t), v.issued_in, v.expires_on.isoformat()),
                    *(None if v.used_t is None else self.text(v.used_t), v.used_in),
                )
                for n, v in enumerate(self.vouchers, 1)
            ],
        )
        insert(
            "card_offers",
            "id, at, sale_id, answer, user_id, till_id",
            [(n, self.text(t), *rest) for n, (t, *rest) in enumerate(offers, 1)],
        )
        self.ratings.sort(key=lambda r: (r[0], r[2]))
        insert(
            "ratings",
            "id, at, customer_id, sale_id, rating, comment, user_id",
            [(n, *r) for n, r in enumerate(self.ratings, 1)],
        )
        self.actions.sort(key=lambda a: a[0])
        insert(
            "reminder_actions",
            "id, at, customer_id, key, kind, action, user_id, till_id",
            [(n, *a) for n, a in enumerate(self.actions, 1)],
        )
        if self.left_table:
            self.left.sort(key=lambda r: (r[0], r[1]))
            insert(
                "reminders_left",
                "id, at, sale_id, customer_id, key, kind, user_id, till_id",
                [(n, *r) for n, r in enumerate(self.left, 1)],
            )
        insert(
            "promises",
            "id, customer_id, what, due_on, status, taken_by, taken_at, resolved_by, resolved_at,"
            " resolution",
            [
                (
                    *(p.id, p.customer, p.what, p.due.isoformat(), p.status, p.taken_by),
                    *(self.text(p.taken_t), p.resolved_by),
                    *(None if p.resolved_t is None else self.text(p.resolved_t), p.resolution),
                )
                for p in promises
            ],
        )
        insert(
            "complaints",
            "id, customer_id, what, promised, status, taken_by, taken_at, resolved_by,"
            " resolved_at, resolution",
            [
                (
                    *(c.id, c.customer, c.what, c.promised),
                    *("open" if c.resolved_t is None else "resolved", c.taken_by),
                    *(self.text(c.taken_t), c.resolved_by),
                    *(None if c.resolved_t is None else self.text(c.resolved_t), c.resolution),
                )
                for c in complaints
            ],
        )
        insert(
            "customer_notes",
            "id, customer_id, kind, text, user_id, at",
            [(n.id, n.customer, n.kind, n.text, n.user, self.text(n.t)) for n in notes],
        )
        self.audit.sort(key=lambda a: a[0])
        first = (execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]) + 1
        insert(
            "audit_log",
            "id, at, user_id, till_id, action, details",
            [(n, *a) for n, a in enumerate(self.audit, first)],
        )
        self.phase("history inserted")
        # What the sales' commits keep beside: usual items, and the last sale's names.
        execute(
            "INSERT INTO customer_products (customer_id, product_id, sales, last_bought_at)"
            " SELECT s.customer_id, l.product_id, count(DISTINCT s.id), max(s.completed_at)"
            " FROM sales s JOIN sale_lines l ON l.sale_id = s.id WHERE s.customer_id IS NOT NULL"
            " AND s.status = 'completed' AND s.kind = 'sale' GROUP BY s.customer_id, l.product_id"
        )
        counts["customer_products"] = execute("SELECT count(*) FROM customer_products").fetchone()[
            0
        ]
        last: dict[int, list[str]] = {}
        for customer, name in execute(
            "SELECT s.customer_id, l.name FROM sales s JOIN sale_lines l ON l.sale_id = s.id"
            " WHERE s.id IN (SELECT value FROM json_each(?)) ORDER BY s.id, l.line_no",
            (json.dumps(self.last_sales),),
        ):
            last.setdefault(customer, []).append(name)
        many(
            "UPDATE loyalty_accounts SET last_items = ? WHERE customer_id = ?",
            (
                (json.dumps(list(dict.fromkeys(names))[:_LAST_ITEMS], ensure_ascii=False), c)
                for c, names in last.items()
            ),
        )
        self.phase("usual items, last items")
        counts["sales"] = len(sales)  # their members drawn again
        return counts


def _weight(rng: random.Random) -> float:
    """A member's weight among those who buy: the tier drawn (TIERS), then within it."""
    draw = rng.random()
    for share, low, high in TIERS:
        if draw < share:
            return rng.uniform(low, high)
        draw -= share
    raise AssertionError("the last tier takes the rest")


# --------------------------------------------------------------------------- checks


def _earned_by_posapp(
    connection: sqlite3.Connection,
    settings: ShopSettings,
    sale_id: int,
    stage: Stage,
    new_visit: bool,
    birthday: date | None,
    day: date,
) -> int:
    """posapp's earn_points on the sale's lines and payments as stored."""
    lines = [
        CartLine(
            line_id=n,
            product_id=product,
            name=name,
            quantity=Decimal(quantity).scaleb(-3),
            unit_price=Decimal(unit).scaleb(-2),
            list_price=Decimal(listed).scaleb(-2),
            vat_rate=Decimal(rate).scaleb(-2),
            by_weight=sold_by == "weight",
            category_id=category,
        )
        for n, (product, name, quantity, unit, listed, rate, sold_by, category) in enumerate(
            connection.execute(
                "SELECT l.product_id, l.name, l.quantity, l.unit_price, l.list_price, l.vat_rate,"
                " p.sold_by, p.category_id FROM sale_lines l JOIN products p ON p.id = l.product_id"
                " WHERE l.sale_id = ? ORDER BY l.line_no",
                (sale_id,),
            ),
            1,
        )
    ]
    payments = [
        Payment(PaymentMethod(method), Decimal(amount).scaleb(-2), Decimal(tendered).scaleb(-2))
        for method, amount, tendered in connection.execute(
            "SELECT method, amount, tendered FROM payments WHERE sale_id = ?", (sale_id,)
        )
    ]
    rules = settings.loyalty.earn_rules({}, {})  # no bonuses, no exclusions (add_history)
    return earn_points(
        lines, payments, rules, stage=stage, new_visit=new_visit, birthday=birthday, day=day
    ).points


def verify(connection: sqlite3.Connection) -> None:
    """What posapp keeps holds on the file (SQL); raises if not."""

    def one(sql: str) -> Any:
        return connection.execute(sql).fetchone()[0]

    problems = []
    balances = one(
        "SELECT count(*) FROM loyalty_accounts a LEFT JOIN (SELECT customer_id, sum(points) AS s"
        " FROM points_entries GROUP BY customer_id) e USING (customer_id)"
        " WHERE a.balance != coalesce(e.s, 0)"
    )
    visits = one(
        "SELECT count(*) FROM loyalty_accounts a LEFT JOIN (SELECT customer_id, count(*) AS n,"
        " max(day) AS last FROM customer_visits GROUP BY customer_id) v USING (customer_id)"
        " WHERE a.visits != coalesce(v.n, 0) OR a.last_visit_on IS NOT v.last"
    )
    stages = one(
        "SELECT count(*) FROM loyalty_accounts a LEFT JOIN stage_changes c ON c.id = (SELECT"
        " max(id) FROM stage_changes WHERE customer_id = a.customer_id)"
        " WHERE a.stage != coalesce(c.to_stage, 'visitor')"
    )
    earned = one(
        "SELECT count(*) FROM points_entries e JOIN sales s ON s.id = e.sale_id"
        " WHERE e.kind IN ('earned', 'redeemed') AND (s.customer_id != e.customer_id"
        " OR s.status != 'completed' OR s.kind != 'sale' OR e.at != s.completed_at)"
    )
    vouchers = one(
        "SELECT count(*) FROM vouchers v JOIN sales s ON s.id = v.used_in_sale_id"
        " WHERE s.customer_id IS NOT v.customer_id OR s.status != 'completed'"
        " OR v.expires_on < date(s.completed_at)"
    )
    for name, found in (
        ("balances differ from their ledger", balances),
        ("visit counts differ from the visit days", visits),
        ("stages differ from the last stage change", stages),
        ("sale entries not of their member's completed sale", earned),
        ("vouchers used out of place", vouchers),
    ):
        if found:
            problems.append(f"{found} {name}")
    if problems:
        raise RuntimeError("the history is not what posapp would write: " + "; ".join(problems))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--lines", type=int, default=DEFAULT_LINES)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    built = ensure_history_db(args.lines, rebuild=args.rebuild)
    print(built.path, "built" if built.build_seconds else "cached")


if __name__ == "__main__":
    main()
