"""The demo shop's build: six months of trading days at the till, walked through with the
unit of work's clock, and build_demo_file, which writes the shop to a database (what
`posapp demo` runs)."""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from posapp.db.engine import database_url
from posapp.db.models import Sale
from posapp.db.uow import UnitOfWork
from posapp.demo.catalogue import quick_key_skus, write_catalogue
from posapp.demo.members import CUSTOMERS, OFFERED_DAYS, DemoCard, Members, offer_a_card, someone
from posapp.demo.shop import DEMO_USERS, SHOP, TILL, DemoClock, demo_loyalty
from posapp.demo.stories import STORIES_END_DAYS, Counter, care_stories
from posapp.domain.barcodes import BarcodeRules, InStoreKind, make_ean13
from posapp.domain.cart import Cart, Discount, PaymentMethod
from posapp.domain.money import to_cents
from posapp.domain.reminders import Reminder
from posapp.domain.roles import Actor, Role
from posapp.errors import InvalidInput
from posapp.i18n import _
from posapp.services import checkout, refunds, shifts, users
from posapp.services.reports import aggregates, kept
from posapp.services.settings import write_settings
from posapp.services.setup import open_database, prepare_shop


@dataclass(frozen=True)
class DemoSummary:
    shop_name: str
    products: int
    weighed_products: int
    customers: int
    sales: int
    refunds: int
    voids: int
    first_day: date
    last_day: date
    users: tuple[tuple[str, Role, str], ...]
    cards: tuple[DemoCard, ...] = ()


def build_demo(
    uow: UnitOfWork,
    clock: DemoClock,
    *,
    until: datetime,
    days: int = 183,
    seed: int = 2026,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill an empty, prepared database (posapp.services.setup.prepare_shop) with the demo shop.

    History runs from `days` days before `until` up to `until` itself, and a
    shift is left open on the till, so a cashier can sell at once, whatever the
    hour `until` falls at.
    """
    rng = random.Random(seed)
    uow.random = random.Random(seed + 1)  # voucher codes
    zone = ZoneInfo(SHOP.time_zone)
    today = until.astimezone(zone).date()
    first_day = today - timedelta(days=days)
    clock.moment = datetime.combine(first_day, time(7), zone).astimezone(UTC)
    cli = Actor.command_line()
    actors = [_actor(users.add_user(uow, cli, name, role, pin)) for name, role, pin in DEMO_USERS]
    manager, cashiers = actors[1], actors[2:]
    with uow.writing():
        write_settings(
            uow,
            ("shop_name", "address", "vat_number", "language", "is_demo", "quick_keys", "loyalty"),
            replace(SHOP, quick_keys=quick_key_skus(), loyalty=demo_loyalty(quick_key_skus()[0])),
        )
        barcodes, label_codes = write_catalogue(uow)
        uow.commit()
    members = Members(uow, manager, today)
    counter = Counter(uow, manager, today - timedelta(days=STORIES_END_DAYS))
    customers = members.enrol_all(cashiers[0], rng, clock, today)
    rules = BarcodeRules.default()
    weight_prefix = next(p for p in rules.prefixes if p.kind is InStoreKind.WEIGHT_LABEL)
    popularity = [1 / (rank + 1) ** 0.8 for rank in range(len(barcodes))]
    regulars = customers[: len(customers) // 3]
    sales = refunds_made = voids = 0
    completed: list[checkout.CompletedSale] = []
    refunded_sales: set[int] = set()  # refunded whole: never twice
    for day_index in range(days + 1):
        day = first_day + timedelta(days=day_index)
        if (day.month == 12 and day.day in (25, 26)) or (day.month == 1 and day.day == 1):
            continue  # closed on holidays
        cashier = cashiers[day_index % len(cashiers)]
        clock.moment = datetime.combine(day, time(7, 30), zone).astimezone(UTC)
        if clock.moment > until:
            break
        shifts.open_shift(uow, cashier, TILL, Decimal("150.00"))
        counter.follow_up(cashier, day)
        busy = 1.35 if day.weekday() >= 5 else 1.0
        count = int(rng.gauss(110, 15) * busy)
        moments = sorted(rng.uniform(8 * 3600, 19 * 3600) for _ in range(count))
        for seconds in moments:
            clock.moment = (
                datetime.combine(day, time(0), zone) + timedelta(seconds=seconds)
            ).astimezone(UTC)
            if clock.moment > until:
                break
            cart = checkout.start_sale(uow, cashier, TILL)
            for code in rng.choices(barcodes, popularity, k=rng.choice((1, 1, 2, 2, 3, 4, 5))):
                cart = checkout.scan(uow, cashier, cart, code, rules).cart
            if rng.random() < 0.08:
                label_code = rng.choice(label_codes)
                grams = rng.randint(120, 900)
                label = make_ean13(f"{weight_prefix.prefix}{label_code}{grams:05d}")
                cart = checkout.scan(uow, cashier, cart, label, rules).cart
            left: tuple[Reminder, ...] = ()
            if rng.random() < 0.36:
                customer_id, name = someone(rng, regulars, customers, members.newcomers)
                if not members.away(customer_id, day):
                    cart = cart.with_customer(customer_id, name)
                    cart = members.redeem(cashier, cart, rng, clock.moment)
                    left = members.act_on_reminders(cashier, customer_id, day, rng)
                    if customer_id not in members.kept_for_stories():
                        counter.heard(cashier, customer_id, day, rng)
            if rng.random() < 0.03:
                cart = checkout.discount_line(
                    uow, cashier, cart, cart.lines[0].line_id, Discount(percent=Decimal(10))
                )
            if rng.random() < 0.003:
                voids += 1
                checkout.void_sale(
                    uow,
                    cashier,
                    cart,
                    rng.choice(
                        ("Klients pārdomāja", "Nepareiza prece", "Klientam nepietika naudas")
                    ),
                )
                continue
            cart = _pay(cart, rng)
            done = checkout.complete_sale(uow, cashier, cart, left)
            if cart.customer_id is None and (today - day).days < OFFERED_DAYS:
                offer_a_card(members, cashier, done, rng)
            members.took_note(done)
            members.rate(cashier, done, rng)
            completed.append(done)
            sales += 1
            if rng.random() < 0.004 and len(completed) > 10:
                original = rng.choice(completed[-40:])
                if original.kind == "sale" and original.sale_id not in refunded_sales:
                    refunded_sales.add(original.sale_id)
                    refunded = refunds.refund(
                        uow,
                        cashier,
                        till_code=TILL,
                        original_till_code=TILL,
                        receipt_number=original.receipt_number,
                        quantities=None,
                        method=PaymentMethod.CASH,
                        reason="Prece bojāta",
                        approver=manager,
                    )
                    members.took_note(refunded)
                    refunds_made += 1
        clock.moment = datetime.combine(day, time(19, 30), zone).astimezone(UTC)
        if clock.moment > until:
            break
        shifts.close_shift(uow, cashier, TILL, _counted(uow, rng))
        if progress is not None:
            progress(day_index + 1, days + 1)
    with uow:
        still_open = shifts.open_shift_id(uow, shifts.till_id(uow, TILL)) is not None
    if not still_open:  # built before opening time, after closing, or on a holiday
        clock.moment = until
        shifts.open_shift(uow, cashiers[0], TILL, Decimal("150.00"))
    care_stories(uow, clock, actors, members.ids, today)
    aggregates.catch_up(uow)  # the owner's first report reads the months already summed
    kept.catch_up(uow)
    cards = members.cards_to_try(clock)
    return DemoSummary(
        shop_name=SHOP.shop_name,
        products=len(barcodes),
        weighed_products=len(label_codes),
        customers=CUSTOMERS + len(members.newcomers),
        sales=sales,
        refunds=refunds_made,
        voids=voids,
        first_day=first_day,
        last_day=today,
        users=DEMO_USERS,
        cards=cards,
    )


def build_demo_file(
    target: str,
    *,
    until: datetime,
    days: int = 183,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Build the demo into `target` (a SQLite path or a PostgreSQL URL).

    A SQLite demo is written to a side file without waiting for the disk after
    every sale, synced once, then moved into place in one step: an interrupted
    build leaves no half shop behind. A PostgreSQL demo needs an empty database.
    """
    url = database_url(target)
    clock = DemoClock(datetime.now(UTC))
    if url.get_backend_name() != "sqlite":
        uow = UnitOfWork(open_database(target).engine, clock=clock)
        try:
            with uow:
                if uow.session.scalar(select(func.count()).select_from(Sale)):
                    raise InvalidInput(
                        _("That database already has sales. The demo needs an empty database.")
                    )
            prepare_shop(uow, TILL)
            return build_demo(uow, clock, until=until, days=days, progress=progress)
        finally:
            uow.engine.dispose()
    path = Path(str(url.database))
    building = path.with_name(path.name + ".building")
    _remove_sqlite(building)
    uow = UnitOfWork(open_database(str(building), durable=False).engine, clock=clock)
    try:
        prepare_shop(uow, TILL)
        summary = build_demo(uow, clock, until=until, days=days, progress=progress)
        with uow.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        uow.engine.dispose()
    with building.open("rb+") as file:
        os.fsync(file.fileno())
    _remove_sqlite(path)
    os.replace(building, path)
    return summary


def _remove_sqlite(path: Path) -> None:
    """A SQLite file and its WAL companions (a stale WAL must never meet a new file)."""
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _actor(info: users.UserInfo) -> Actor:
    return Actor(info.user_id, info.name, info.role)


def _pay(cart: Cart, rng: random.Random) -> Cart:
    if cart.due <= 0:  # a voucher took it all
        return cart
    roll = rng.random()
    if roll < 0.55:
        return cart.pay(PaymentMethod.CARD, cart.due)
    if roll < 0.94:
        return cart.pay(PaymentMethod.CASH, _tendered(cart.due, rng))
    card_part = to_cents(cart.due * Decimal(rng.choice(("0.5", "0.6", "0.7"))))
    if card_part <= 0 or card_part >= cart.due:
        return cart.pay(PaymentMethod.CASH, _tendered(cart.due, rng))
    cart = cart.pay(PaymentMethod.CARD, card_part)
    return cart.pay(PaymentMethod.CASH, _tendered(cart.due, rng))


def _tendered(due: Decimal, rng: random.Random) -> Decimal:
    """What a customer hands over: the exact amount, or the next round note."""
    if rng.random() < 0.3:
        return due
    for note in (Decimal(5), Decimal(10), Decimal(20), Decimal(50)):
        if note >= due:
            return note
    return (due / 50).to_integral_value(rounding="ROUND_CEILING") * 50


def _counted(uow: UnitOfWork, rng: random.Random) -> dict[PaymentMethod, Decimal]:
    """The close-shift count, as the till's dialog takes it: the cash in the drawer and
    the card total from the terminal's report. The terminal's total is the cards taken;
    the drawer matches most days, and now and then a coin or two is off."""
    with uow:
        shift_id = shifts.open_shift_id(uow, shifts.till_id(uow, TILL))
    assert shift_id is not None
    report = shifts.shift_report(uow, shift_id)
    expected = {count.method: count.expected for count in report.counts}
    off = Decimal(0)
    if rng.random() < 0.15:
        off = Decimal(rng.choice(("-0.10", "-0.20", "-0.50", "-1.00", "0.10", "0.20", "0.05")))
    return {
        PaymentMethod.CASH: expected[PaymentMethod.CASH] + off,
        PaymentMethod.CARD: expected.get(PaymentMethod.CARD, Decimal(0)),
    }
