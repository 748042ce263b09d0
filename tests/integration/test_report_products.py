"""The products report against plain Python over the sales and refunds the test made.

Two weeks of a shop in Riga: 26 products in three categories (five of them
with no cost price, one sold by weight), a few sales a day, partial and
whole refunds, a void, and a cost price raised in the middle of the second
week. The test keeps the cost price it set for each product at each moment,
and works out every figure from the lines as recorded and those costs.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import Date, bindparam, select, text, update

from posapp.db import schema
from posapp.db.engine import database_url as to_url
from posapp.db.engine import make_engine
from posapp.db.models import Category, Product, ReportProducts, ReportProductsRolled, SaleLine
from posapp.db.types import UtcDateTime
from posapp.domain.cart import PaymentMethod
from posapp.domain.money import ZERO, to_cents
from posapp.domain.periods import Period
from posapp.domain.roles import Actor
from posapp.errors import PermissionDenied
from posapp.output.report import ChartKind, Report, Value
from posapp.services import checkout, shifts
from posapp.services.checkout import CompletedSale
from posapp.services.reports import ReportQuery, aggregates
from posapp.services.reports.products import build
from posapp.services.settings import update_settings
from posapp.services.setup import open_database
from tests.conftest import TILL, Shop
from tests.integration.helpers import (
    add_product,
    pay_exact,
    refund_sale,
    rules,
    sale_lines,
    upgrade_to,
)
from tests.integration.loyalty_helpers import Clock, use_clock
from tests.integration.report_shop import SUMMED, ZONE, ZONE_NAME, sum_days

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

FIRST = date(2026, 11, 2)  # a Monday
WEEK_1 = Period(FIRST, FIRST + timedelta(6))
WEEK_2 = Period(FIRST + timedelta(7), FIRST + timedelta(13))  # compared with WEEK_1
WEEK_2_DAYS = [WEEK_2.first + timedelta(n) for n in range(7)]
RAISED_ON = FIRST + timedelta(10)  # P01's cost price goes up in the morning
TWO_WEEKS = [FIRST + timedelta(n) for n in range(14)]
# Days at the edges of months and years, and the spring change of 2025 (30 March).
ACROSS_YEARS = [
    *(date(2024, 12, 30) + timedelta(n) for n in range(5)),
    date(2025, 1, 31),
    *(date(2025, 2, 1) + timedelta(n) for n in range(4)),
    *(date(2025, 3, 29) + timedelta(n) for n in range(3)),
    date(2025, 7, 15),
    date(2025, 10, 26),
    *(date(2025, 12, 30) + timedelta(n) for n in range(4)),
]


@dataclass(frozen=True)
class Line:
    sku: str
    quantity: Decimal
    total: Decimal
    vat: Decimal
    cost: Decimal | None  # the cost price the test had set for it when sold


@dataclass
class Shelf:
    ids: dict[str, int]
    names: dict[str, str]
    categories: dict[str, str]
    costs: dict[str, Decimal | None]  # now
    weighed: set[str]


def stock(shop: Shop) -> Shelf:
    uow = shop.uow
    with uow.writing():
        category_ids = {}
        for name in ("Kafija", "Dzērieni"):
            row = Category(name=name)
            uow.session.add(row)
            uow.session.flush()
            category_ids[name] = row.id
        uow.commit()
    rng = random.Random(12)
    shelf = Shelf({}, {}, {}, {}, set())
    for n in range(1, 26):
        sku = f"P{n:02d}"
        category = ("Kafija", "Dzērieni", None)[n % 3]
        price = Decimal(rng.randrange(80, 900)) / 100
        cost = None if n % 5 == 0 else to_cents(price * Decimal(rng.choice(("0.3", "0.45"))))
        add_product(
            shop,
            sku,
            f"Prece {n}",
            str(price),
            vat_rate=rng.choice((21, 12, 5)),
            cost_price=None if cost is None else str(cost),
            category_id=None if category is None else category_ids[category],
        )
        shelf.categories[sku] = category or "(no category)"
        shelf.costs[sku] = cost
    add_product(shop, "W01", "Siers svarā", "14.90", sold_by="weight", cost_price="7.35")
    shelf.categories["W01"], shelf.costs["W01"] = "(no category)", Decimal("7.35")
    with uow:
        for product in uow.session.scalars(select(Product)):
            shelf.ids[product.sku] = product.id
            shelf.names[product.sku] = product.name
            if product.sold_by == "weight":
                shelf.weighed.add(product.sku)
            shelf.categories.setdefault(product.sku, "Maize")  # the fixture's goods
            shelf.costs.setdefault(product.sku, None)
    return shelf


def trade(
    shop: Shop, shelf: Shelf, trading_days: Sequence[date] = TWO_WEEKS
) -> dict[date, list[Line]]:
    """Sales and refunds on each of the days (two weeks): the recorded lines of each."""
    uow = shop.uow
    update_settings(uow, shop.owner, time_zone=ZONE_NAME)
    rng = random.Random(7)
    clock = Clock()
    restore = use_clock(shop, clock)
    days: dict[date, list[Line]] = defaultdict(list)
    sold: list[tuple[CompletedSale, list[tuple[int, Line]]]] = []
    skus_of = {product_id: sku for sku, product_id in shelf.ids.items()}
    try:
        for offset, day in enumerate(trading_days):
            clock.moment = datetime.combine(day, time(8), tzinfo=ZONE)
            if day == RAISED_ON:
                with uow.writing():
                    uow.session.execute(
                        update(Product)
                        .where(Product.sku == "P01")
                        .values(cost_price=Decimal("9.99"))
                    )
                    uow.commit()
                shelf.costs["P01"] = Decimal("9.99")
            for _n in range(rng.randint(2, 4)):
                clock.advance(minutes=rng.randint(20, 90))
                cart = checkout.start_sale(uow, shop.cashier, TILL)
                skus = rng.sample(sorted(shelf.ids), rng.randint(1, 4))
                for sku in skus:
                    weighed = sku in shelf.weighed
                    quantity = Decimal("0.355") if weighed else Decimal(rng.randint(1, 3))
                    cart = checkout.add_product(
                        uow, shop.cashier, cart, shelf.ids[sku], quantity, weighed=weighed
                    )
                if rng.random() < 0.1:  # voided: in no figure
                    checkout.void_sale(uow, shop.cashier, cart, "customer left")
                    continue
                sale = checkout.complete_sale(uow, shop.cashier, pay_exact(cart))
                lines = []
                for line in sale_lines(uow, sale.sale_id):
                    sku = skus_of[line.product_id]
                    lines.append(
                        (
                            line.id,
                            Line(sku, line.quantity, line.total, line.vat_amount, shelf.costs[sku]),
                        )
                    )
                days[day].extend(line for _id, line in lines)
                sold.append((sale, lines))
            if offset % 3 == 2 and sold:  # a refund of an earlier sale: one line, or all
                sale, lines = sold.pop(rng.randrange(len(sold)))
                line_id, first = lines[0]
                whole = rng.random() < 0.5 or first.quantity < 1
                clock.advance(minutes=5)
                refund = refund_sale(
                    shop,
                    sale,
                    None if whole else {line_id: Decimal(1)},
                    method=PaymentMethod.CARD,
                )
                originals = dict(lines)
                for line in sale_lines(uow, refund.sale_id):
                    assert line.refund_of_line_id is not None
                    original = originals[line.refund_of_line_id]
                    days[day].append(
                        Line(
                            original.sku, line.quantity, line.total, line.vat_amount, original.cost
                        )
                    )
    finally:
        restore()
    return days


@dataclass
class Expected:
    quantity: Decimal = ZERO
    gross: Decimal = ZERO
    vat: Decimal = ZERO
    costed_net: Decimal = ZERO
    exact_cost: Decimal = ZERO
    costed: bool = False
    sold: bool = False

    @property
    def cost(self) -> Decimal | None:
        return to_cents(self.exact_cost) if self.costed else None

    @property
    def profit(self) -> Decimal | None:
        return None if self.cost is None else self.costed_net - self.cost


def expected(days: dict[date, list[Line]], period: Period) -> dict[str, Expected]:
    found: dict[str, Expected] = defaultdict(Expected)
    for day, lines in days.items():
        if day not in period:
            continue
        for line in lines:
            product = found[line.sku]
            product.quantity += line.quantity
            product.gross += line.total
            product.vat += line.vat
            product.sold = product.sold or line.quantity > 0
            if line.cost is not None:
                product.costed = True
                product.costed_net += line.total - line.vat
                product.exact_cost += line.cost * line.quantity
    return dict(found)


def money_sum(values: list[Decimal | None]) -> Decimal | None:
    known = [v for v in values if v is not None]
    return sum(known, ZERO) if known else None


def check_report(
    report: Report,
    shelf: Shelf,
    want: dict[str, Expected],
    before: dict[str, Expected],
    *,
    varied: bool = True,
) -> None:
    """Every figure, table and chart against `want` (and `before`); `varied`: the period
    also has lines with and without a cost, and revenue without one."""
    by_gross = sorted(want, key=lambda sku: (-want[sku].gross, sku))
    rows = report.table("products").rows
    assert [row[0] for row in rows] == by_gross
    for sku, name, category, quantity, gross, net, vat, cost, profit in rows:
        e = want[str(sku)]
        assert (name, category) == (shelf.names[str(sku)], shelf.categories[str(sku)])
        assert (quantity, gross, net, vat) == (e.quantity, e.gross, e.gross - e.vat, e.vat)
        assert (cost, profit) == (e.cost, e.profit), sku
    if varied:
        assert any(row[7] is None for row in rows) and any(row[7] is not None for row in rows)
    assert "no cost" in report.table("products").note

    total_profit = money_sum([e.profit for e in want.values()])
    costed_net = sum((e.costed_net for e in want.values() if e.costed), ZERO)
    net = sum((e.gross - e.vat for e in want.values()), ZERO)
    assert report.table("products").total == (
        "Total",
        "",
        "",
        sum((e.quantity for e in want.values()), ZERO),
        sum((e.gross for e in want.values()), ZERO),
        net,
        sum((e.vat for e in want.values()), ZERO),
        money_sum([e.cost for e in want.values()]),
        total_profit,
    )

    categories: dict[str, list[Expected]] = defaultdict(list)
    for sku, e in want.items():
        categories[shelf.categories[sku]].append(e)
    got = {row[0]: row[1:] for row in report.table("categories").rows}
    assert set(got) == set(categories)
    for category, members in categories.items():
        c_profit = money_sum([e.profit for e in members])
        c_costed = sum((e.costed_net for e in members if e.costed), ZERO)
        assert got[category] == (
            sum((e.quantity for e in members), ZERO),
            sum((e.gross for e in members), ZERO),
            sum((e.gross - e.vat for e in members), ZERO),
            c_profit,
            None if c_profit is None or not c_costed else c_profit / c_costed,
        ), category

    by_quantity = sorted(want, key=lambda sku: (-want[sku].quantity, sku))
    for key, order in (
        ("top_revenue", by_gross[:20]),
        ("bottom_revenue", by_gross[::-1][:20]),
        ("top_quantity", by_quantity[:20]),
        ("bottom_quantity", by_quantity[::-1][:20]),
    ):
        assert [row[0] for row in report.table(key).rows] == order, key
    chart = report.chart("top_products")
    assert chart.kind is ChartKind.HORIZONTAL_BAR
    assert chart.categories == tuple(shelf.names[sku] for sku in by_gross[:10])
    assert chart.series[0].values == tuple(want[sku].gross for sku in by_gross[:10])

    def figures(of: dict[str, Expected]) -> dict[str, Value]:
        profit = money_sum([e.profit for e in of.values()])
        costed = sum((e.costed_net for e in of.values() if e.costed), ZERO)
        whole = sum((e.gross - e.vat for e in of.values()), ZERO)
        return {
            "products_sold": sum(1 for e in of.values() if e.sold),
            "gross_profit": profit,
            "margin": profit / costed if profit is not None and costed else None,
            "costed_share": costed / whole if whole else None,
        }

    now, then = figures(want), figures(before)
    for key in now:
        assert (report.figure(key).value, report.figure(key).previous) == (now[key], then[key])
    if varied:
        assert costed_net < net  # some revenue has no cost, so the share is below 1


@SUMMED
def test_the_products_report_matches_the_lines_sold(shop: Shop, summed_days: int | None) -> None:
    shifts.close_shift(shop.uow, shop.cashier, TILL, {PaymentMethod.CASH: Decimal("100.00")})
    shelf = stock(shop)
    clock_start = datetime.combine(FIRST, time(7), tzinfo=ZONE)
    restore = use_clock(shop, Clock(clock_start))
    shifts.open_shift(shop.uow, shop.manager, TILL, Decimal("50.00"))
    restore()
    days = trade(shop, shelf)
    sum_days(shop, summed_days)

    want, before = expected(days, WEEK_2), expected(days, WEEK_1)
    assert any(line.quantity < 0 for day in WEEK_2_DAYS for line in days[day])  # refunds
    report = build(shop.uow, shop.owner, ReportQuery(WEEK_2, limit=None))
    assert report.previous == WEEK_1
    check_report(report, shelf, want, before)

    # The window lists the best sellers only; the totals and rankings still cover all.
    short = build(shop.uow, shop.owner, ReportQuery(WEEK_2, limit=5))
    assert short.table("products").rows == report.table("products").rows[:5]
    assert short.table("products").total == report.table("products").total
    assert f"The 5 best sellers of {len(want)} are listed" in short.table("products").note
    assert "best sellers" not in report.table("products").note
    for key in ("categories", "top_revenue", "bottom_revenue", "top_quantity"):
        assert short.table(key) == report.table(key)
    assert short.figures == report.figures


def test_whole_months_and_years_come_from_the_roll_up_and_agree_with_the_lines(
    shop: Shop,
) -> None:
    """A period's whole years and months are read from the products rolled up by month and
    year, the days at its edges from the days: the same figures as the lines give."""
    shifts.close_shift(shop.uow, shop.cashier, TILL, {PaymentMethod.CASH: Decimal("100.00")})
    shelf = stock(shop)
    restore = use_clock(shop, Clock(datetime.combine(ACROSS_YEARS[0], time(7), tzinfo=ZONE)))
    shifts.open_shift(shop.uow, shop.manager, TILL, Decimal("50.00"))
    restore()
    days = trade(shop, shelf, ACROSS_YEARS)
    restore = use_clock(shop, Clock(datetime(2026, 1, 10, 12, tzinfo=ZONE)))
    try:
        aggregates.catch_up(shop.uow)
        with shop.uow:
            rolled = set(
                shop.uow.session.execute(
                    select(ReportProductsRolled.span, ReportProductsRolled.start).distinct()
                )
            )
            assert aggregates.differences(shop.uow) == []
        assert {("year", date(2025, 1, 1)), ("month", date(2025, 2, 1))} <= rolled
        for period in (
            Period(date(2025, 1, 1), date(2025, 12, 31)),  # a year, after one (2024)
            Period(date(2024, 12, 31), date(2026, 1, 1)),  # a day, a year, a day
            Period(date(2025, 1, 15), date(2025, 4, 10)),  # days, two months, days
            Period(date(2024, 12, 1), date(2025, 3, 31)),  # four months, the last with DST
            # Summed through 9 January: this month's and this year's rows so far, then today.
            Period(date(2026, 1, 1), date(2026, 1, 31)),
            Period(date(2026, 1, 1), date(2026, 12, 31)),
            Period(date(2024, 12, 15), date(2026, 1, 31)),  # days, a year, this year so far
        ):
            for till in (None, TILL):
                report = build(
                    shop.uow, shop.owner, ReportQuery(period, till_code=till, limit=None)
                )
                want, before = expected(days, period), expected(days, period.previous())
                check_report(report, shelf, want, before, varied=False)
    finally:
        restore()


def test_a_cashier_may_not_see_the_products_report(shop: Shop) -> None:
    with pytest.raises(PermissionDenied):
        build(shop.uow, shop.cashier, ReportQuery(WEEK_2))


def test_lines_keep_the_cost_price_of_their_sale_and_refunds_copy_it(shop: Shop) -> None:
    code = add_product(shop, "BUN", "Bulciņa", "0.60", cost_price="0.21")
    free = add_product(shop, "FREE", "Bez cenas", "1.00")
    cart = checkout.start_sale(shop.uow, shop.cashier, TILL)
    barcode_rules = rules(shop.uow)
    for scanned in (code, code, free):
        cart = checkout.scan(shop.uow, shop.cashier, cart, scanned, barcode_rules).cart
    sale = checkout.complete_sale(shop.uow, shop.cashier, pay_exact(cart))
    with shop.uow.writing():
        shop.uow.session.execute(
            update(Product).where(Product.sku == "BUN").values(cost_price=Decimal("0.30"))
        )
        shop.uow.commit()
    lines = sale_lines(shop.uow, sale.sale_id)
    assert [(line.name, line.quantity, line.unit_cost) for line in lines] == [
        ("Bulciņa", Decimal(2), Decimal("0.21")),
        ("Bez cenas", Decimal(1), None),
    ]
    refund = refund_sale(shop, sale, {lines[0].id: Decimal(1), lines[1].id: Decimal(1)})
    assert [(line.quantity, line.unit_cost) for line in sale_lines(shop.uow, refund.sale_id)] == [
        (Decimal(-1), Decimal("0.21")),
        (Decimal(-1), None),
    ]


def test_a_shop_with_summed_days_is_upgraded_to_cost_prices(database_url: str) -> None:
    """A 0006 database with sales, one day of them summed: the kept aggregates agree with
    the lines, and the products report shows what was sold, with no cost and no profit."""
    upgrade_to(database_url, "0006")
    engine = make_engine(to_url(database_url))
    at = bindparam("at", type_=UtcDateTime())
    try:
        with engine.begin() as connection:

            def insert(sql: str, **values: object) -> int:
                return int(connection.execute(text(sql + " RETURNING id"), values).scalar_one())

            till = insert("INSERT INTO tills (code, name) VALUES ('T1', 'Till T1')")
            user = insert(
                "INSERT INTO users (name, role, pin_hash, created_at) "
                "VALUES ('Ilze', 'owner', 'x', '2026-01-01')"
            )
            rate = insert("INSERT INTO vat_rates (rate, name) VALUES (2100, '21 %')")
            bread, milk = (
                insert(
                    "INSERT INTO products (sku, name, vat_rate_id, price) "
                    "VALUES (:sku, :name, :rate, :price)",
                    sku=sku,
                    name=name,
                    rate=rate,
                    price=price,
                )
                for sku, name, price in (("B1", "Maize", 242), ("M1", "Piens", 121))
            )
            # receipt, day, product, quantity (thousandths), total and VAT (cents)
            sold = (
                (1, 3, bread, 2000, 484, 84),
                (2, 3, milk, 1000, 121, 21),
                (3, 4, bread, 3000, 726, 126),  # the day after the last summed one
            )
            for number, day, product, quantity, total, vat in sold:
                moment = datetime(2026, 11, day, 10, tzinfo=UTC)
                sale = int(
                    connection.execute(
                        text(
                            "INSERT INTO sales (uuid, kind, status, till_id, receipt_number, "
                            "user_id, started_at, completed_at, total) VALUES (:uuid, 'sale', "
                            "'completed', :till, :number, :user, :at, :at, :total) RETURNING id"
                        ).bindparams(at),
                        {"uuid": f"u{number}", "till": till, "number": number, "user": user}
                        | {"at": moment, "total": total},
                    ).scalar_one()
                )
                insert(
                    "INSERT INTO sale_lines (sale_id, line_no, product_id, name, quantity, "
                    "unit_price, list_price, discount, total, vat_rate, vat_amount) VALUES "
                    "(:sale, 1, :product, 'x', :quantity, :price, :price, 0, :total, 2100, :vat)",
                    sale=sale,
                    product=product,
                    quantity=quantity,
                    price=total * 1000 // quantity,
                    total=total,
                    vat=vat,
                )
                if day == 3:  # what 0006 summed for that day
                    connection.execute(
                        text(
                            "INSERT INTO report_products (day, till_id, product_id, kind, "
                            "status, lines, quantity, gross, vat) VALUES ('2026-11-03', :till, "
                            ":product, 'sale', 'completed', 1, :quantity, :total, :vat)"
                        ),
                        {"till": till, "product": product, "quantity": quantity}
                        | {"total": total, "vat": vat},
                    )
            connection.execute(
                text("INSERT INTO report_state (id, through, updated_at) VALUES (1, :day, :at)")
                .bindparams(at)
                .bindparams(bindparam("day", type_=Date())),
                {"day": date(2026, 11, 3), "at": datetime(2026, 11, 4, 2, tzinfo=UTC)},
            )
    finally:
        engine.dispose()

    uow = open_database(database_url)
    try:
        assert schema.current_revision(uow.engine) == schema.HEAD_REVISION
        with uow:
            assert aggregates.through(uow) == date(2026, 11, 3)  # not summed again
            differ = aggregates.differences(uow)  # (only report_products was summed here)
            assert [d for d in differ if d.startswith("report_products")] == []
            kept = uow.session.execute(
                select(ReportProducts.costed_lines, ReportProducts.cost, ReportProducts.gross)
            ).all()
            assert sorted(kept) == [(0, 0, 121), (0, 0, 484)]
        report = build(uow, Actor.command_line(), ReportQuery(Period(FIRST, FIRST + timedelta(6))))
        assert [row[:9] for row in report.table("products").rows] == [
            (
                "B1",
                "Maize",
                "(no category)",
                5,
                Decimal("12.10"),
                Decimal("10.00"),
                Decimal("2.10"),
                None,
                None,
            ),
            (
                "M1",
                "Piens",
                "(no category)",
                1,
                Decimal("1.21"),
                Decimal("1.00"),
                Decimal("0.21"),
                None,
                None,
            ),
        ]
        assert report.figure("gross_profit").value is None
        assert report.figure("costed_share").value == Decimal(0)
        with uow:
            assert uow.session.scalars(select(SaleLine.unit_cost)).all() == [None] * 3
            assert uow.session.scalars(select(Product.cost_price)).all() == [None] * 2
    finally:
        uow.engine.dispose()
