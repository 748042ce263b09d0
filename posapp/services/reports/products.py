"""The products report: what sold, by category and by product, and what it earned.

Definitions (also said under the tables where not obvious):

- quantity: units sold less units refunded (kg for goods sold by weight);
- gross: what completed sales of it came to, VAT included, less what refunds gave back;
- net: gross less its VAT (revenue excl. VAT); revenue rankings are by gross;
- cost: each line's unit_cost (the product's cost price excl. VAT when it was sold; a
  refund's line has its original's) x quantity, per product rounded to cents;
- gross profit: net - cost, of the lines with a cost only ("no cost" lines are left
  out); margin: gross profit / net of those lines;
- share of revenue with a cost: the net of lines with a cost / all net.

Everything is read from the products' aggregates (aggregates.product_sums: the
months and years rolled up, the days around them), completed sales and refunds only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Subquery, case, cast, func, literal, null, select, union_all

from posapp.db.models import Category, Product
from posapp.db.uow import UnitOfWork
from posapp.domain.roles import Actor
from posapp.i18n import N_, _
from posapp.output.report import Chart, ChartKind, Column, Report, Series, Table, Unit, Value
from posapp.services.reports import WINDOW_ROWS, ReportQuery, aggregates, kept
from posapp.services.reports.common import Scope, figure, materialized, open_scope, share

RANKED = 20  # products in each top and bottom table
CHARTED = 10  # products in the chart
_CHUNK = 500  # product ids per IN (...)
_SUMMED = (
    "products",
    "sold",
    "quantity",
    "gross",
    "vat",
    "costed_gross",
    "costed_vat",
    "cost",
    "costed",
)
_RANKINGS = ("top_revenue", "bottom_revenue", "top_quantity", "bottom_quantity")


@dataclass(frozen=True)
class Sums:
    """Products summed as stored: one product, a category, or all.

    `cost` is in cents, each product's rounded half up before it is added (so a
    category's cost is the sum of its products' costs as the table shows them);
    `products` counts products, `costed` those with at least one line with a cost,
    `sold` those on a completed sale (not only refunded).
    """

    products: int = 0
    sold: int = 0
    quantity: int = 0  # thousandths
    gross: int = 0  # cents
    vat: int = 0
    costed_gross: int = 0
    costed_vat: int = 0
    cost: int = 0
    costed: int = 0

    def __add__(self, other: Sums) -> Sums:
        return Sums(*(getattr(self, n) + getattr(other, n) for n in _SUMMED))

    @property
    def quantity_units(self) -> Decimal:
        return Decimal(self.quantity).scaleb(-3)

    @property
    def gross_euros(self) -> Decimal:
        return _euros(self.gross)

    @property
    def vat_euros(self) -> Decimal:
        return _euros(self.vat)

    @property
    def net(self) -> Decimal:
        return _euros(self.gross - self.vat)

    @property
    def costed_net(self) -> Decimal:
        return _euros(self.costed_gross - self.costed_vat)

    @property
    def cost_euros(self) -> Decimal | None:
        return _euros(self.cost) if self.costed else None

    @property
    def profit(self) -> Decimal | None:
        return self.costed_net - _euros(self.cost) if self.costed else None

    @property
    def margin(self) -> Decimal | None:
        profit = self.profit
        return share(profit, self.costed_net) if profit is not None else None


def _euros(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


@dataclass(frozen=True)
class Sold:
    """What the period sold: every category's sums, and the products shown, ranked."""

    categories: dict[int | None, Sums]
    listed: list[tuple[int, int | None, Sums]]  # (product, category, sums) by gross
    ranked: dict[str, list[tuple[int, int | None, Sums]]]

    @property
    def total(self) -> Sums:
        total = Sums()
        for sums in self.categories.values():
            total += sums
        return total


def _cost_cents(stored: Any) -> Any:
    """A product's stored cost (euros x 10^5) in cents, half up away from zero (to_cents)."""
    return case(
        (stored >= 0, (stored + 500) // 1000),
        else_=-((500 - stored) // 1000),
    )


def _per_product(sums: Subquery) -> Subquery:
    """Each product's figures from its sums (aggregates.product_sums)."""
    return select(
        sums.c.product_id,
        literal(1).label("products"),
        case((sums.c.sale_lines > 0, 1), else_=0).label("sold"),
        *(sums.c[m] for m in _SUMMED[2:-2]),
        _cost_cents(cast(sums.c.cost, BigInteger)).label("cost"),
        case((sums.c.costed_lines > 0, 1), else_=0).label("costed"),
    ).subquery()


def read_total(uow: UnitOfWork, scope: Scope) -> Sums:
    """Every product of the scope summed (the figures of the period compared with)."""
    sums = aggregates.product_sums(uow, scope)
    if sums is None:
        return Sums()
    per_product = _per_product(sums)
    total = uow.connection.execute(select(*(func.sum(per_product.c[m]) for m in _SUMMED))).one()
    return Sums(*(int(v or 0) for v in total))


def read_sold(uow: UnitOfWork, scope: Scope, listed: int | None, ranked: int) -> Sold:
    """The scope's products with completed sales or refunds, per product (read once in
    the database, one statement) and then by category; the first `listed` by gross
    (None: all) and the `ranked` top and bottom by gross and by quantity."""
    product_sums = aggregates.product_sums(uow, scope)
    if product_sums is None:
        return Sold({}, [], {key: [] for key in _RANKINGS})
    per_product = _per_product(product_sums)
    products = materialized(  # read by every part below
        select(per_product, Product.category_id, Product.sku).join(
            Product, Product.id == per_product.c.product_id
        ),
        "sold_products",
    )
    measures = [products.c[m] for m in _SUMMED]
    by_category = select(
        literal("category").label("part"),
        null().label("product_id"),
        products.c.category_id,
        *(func.sum(m).label(m.name) for m in measures),
    ).group_by(products.c.category_id)
    sku = products.c.sku
    orders = {  # ties by SKU, the bottom lists the top's order reversed
        "listed": (products.c.gross.desc(), sku.asc()),
        "top_revenue": (products.c.gross.desc(), sku.asc()),
        "bottom_revenue": (products.c.gross.asc(), sku.desc()),
        "top_quantity": (products.c.quantity.desc(), sku.asc()),
        "bottom_quantity": (products.c.quantity.asc(), sku.desc()),
    }
    parts: list[Any] = [by_category]
    for part, order in orders.items():
        ranking = select(
            literal(part).label("part"), products.c.product_id, products.c.category_id, *measures
        ).order_by(*order)
        if part != "listed" or listed is not None:
            ranking = ranking.limit(listed if part == "listed" else ranked)
        ranking_rows = ranking.subquery()
        parts.append(select(*ranking_rows.c))
    sold = Sold({}, [], {key: [] for key in _RANKINGS})
    for part, product_id, category_id, *values in uow.connection.execute(union_all(*parts)):
        sums = Sums(*(int(v or 0) for v in values))
        if part == "category":
            sold.categories[category_id] = sums
        elif part == "listed":
            sold.listed.append((product_id, category_id, sums))
        else:
            sold.ranked[part].append((product_id, category_id, sums))
    return sold


@dataclass(frozen=True)
class Names:
    """The shown products' (sku, name) and every category's name."""

    products: dict[int, tuple[str, str]]
    categories: dict[int | None, str]

    def of(self, product_id: int, category_id: int | None) -> tuple[str, str, str]:
        sku, name = self.products[product_id]
        return sku, name, self.categories[category_id]


def _names(uow: UnitOfWork, sold: Sold) -> Names:
    shown = [*sold.listed, *(p for ranking in sold.ranked.values() for p in ranking)]
    product_ids = sorted({product_id for product_id, _category, _sums in shown})
    products: dict[int, tuple[str, str]] = {}
    for start in range(0, len(product_ids), _CHUNK):
        for product_id, sku, name in uow.session.execute(
            select(Product.id, Product.sku, Product.name).where(
                Product.id.in_(product_ids[start : start + _CHUNK])
            )
        ):
            products[product_id] = (sku, name)
    categories: dict[int | None, str] = {None: _("(no category)")}
    for category_id, category in uow.session.execute(select(Category.id, Category.name)):
        categories[category_id] = category
    return Names(products, categories)


def _read_shown(uow: UnitOfWork, scope: Scope) -> Sold:
    """What the window shows: the first WINDOW_ROWS products listed."""
    return read_sold(uow, scope, WINDOW_ROWS, RANKED)


SOLD = kept.Kept("products", _read_shown, Sold, records=(Sums,))
TOTAL = kept.Kept("products.total", read_total, Sums)
KEPT = (SOLD, TOTAL)


def build(uow: UnitOfWork, actor: Actor, query: ReportQuery) -> Report:
    with uow:
        scope = open_scope(uow, actor, query)
        if query.limit == WINDOW_ROWS:
            sold = kept.reading(uow, scope, SOLD)
        else:  # every product (a CSV), or as many as asked
            sold = read_sold(uow, scope, query.limit, RANKED)
        before = kept.reading(uow, scope.previous, TOTAL) if scope.previous else None
        names = _names(uow, sold)
        return scope.report(
            "products",
            _("Products"),
            figures=_figures(sold, before),
            charts=(_chart(sold, names),),
            tables=(
                _categories(sold, names),
                *_rankings(sold, names),
                _all_products(sold, names),
            ),
        )


def _figures(sold: Sold, then: Sums | None) -> tuple[Any, ...]:
    now = sold.total

    def both(value: Callable[[Sums], Value]) -> tuple[Value, Value]:
        return value(now), value(then) if then is not None else None

    return (
        figure("products_sold", _("Products sold"), Unit.COUNT, *both(lambda s: s.sold)),
        figure("gross_profit", _("Gross profit"), Unit.MONEY, *both(lambda s: s.profit)),
        figure("margin", _("Margin"), Unit.SHARE, *both(lambda s: s.margin)),
        figure(
            "costed_share",
            _("Share of revenue with a cost"),
            Unit.SHARE,
            *both(lambda s: share(s.costed_net, s.net)),
        ),
    )


_PROFIT_NOTE = N_(
    "Net, cost and gross profit are excl. VAT. Lines sold without a cost price (no cost) "
    "are left out of cost, gross profit and margin."
)


def _categories(sold: Sold, names: Names) -> Table:
    ordered = sorted(
        ((names.categories[category], sums) for category, sums in sold.categories.items()),
        key=lambda item: (-item[1].gross, item[0]),
    )
    total = sold.total
    return Table(
        "categories",
        _("By category"),
        (
            Column("category", _("Category"), Unit.TEXT),
            Column("quantity", _("Quantity"), Unit.QUANTITY),
            Column("gross", _("Gross"), Unit.MONEY),
            Column("net", _("Net"), Unit.MONEY),
            Column("profit", _("Gross profit"), Unit.MONEY),
            Column("margin", _("Margin"), Unit.SHARE),
        ),
        tuple(
            (name, s.quantity_units, s.gross_euros, s.net, s.profit, s.margin)
            for name, s in ordered
        ),
        total=(
            _("Total"),
            total.quantity_units,
            total.gross_euros,
            total.net,
            total.profit,
            total.margin,
        ),
        note=_(_PROFIT_NOTE),
    )


def _rankings(sold: Sold, names: Names) -> tuple[Table, ...]:
    columns = (
        Column("sku", _("SKU"), Unit.TEXT),
        Column("name", _("Product"), Unit.TEXT),
        Column("category", _("Category"), Unit.TEXT),
        Column("quantity", _("Quantity"), Unit.QUANTITY),
        Column("gross", _("Gross"), Unit.MONEY),
        Column("net", _("Net"), Unit.MONEY),
    )
    titles = {
        "top_revenue": _("Top {n} by revenue"),
        "bottom_revenue": _("Bottom {n} by revenue"),
        "top_quantity": _("Top {n} by quantity"),
        "bottom_quantity": _("Bottom {n} by quantity"),
    }
    return tuple(
        Table(
            key,
            titles[key].format(n=RANKED),
            columns,
            tuple(
                (*names.of(product, category), s.quantity_units, s.gross_euros, s.net)
                for product, category, s in sold.ranked[key]
            ),
        )
        for key in _RANKINGS
    )


def _all_products(sold: Sold, names: Names) -> Table:
    total = sold.total
    note = _(_PROFIT_NOTE)
    if len(sold.listed) < total.products:
        note += " " + _(
            "The {shown} best sellers of {count} are listed; the CSV export lists them all."
        ).format(shown=len(sold.listed), count=total.products)
    return Table(
        "products",
        _("Products sold"),
        (
            Column("sku", _("SKU"), Unit.TEXT),
            Column("name", _("Product"), Unit.TEXT),
            Column("category", _("Category"), Unit.TEXT),
            Column("quantity", _("Quantity"), Unit.QUANTITY),
            Column("gross", _("Gross"), Unit.MONEY),
            Column("net", _("Net"), Unit.MONEY),
            Column("vat", _("VAT"), Unit.MONEY),
            Column("cost", _("Cost"), Unit.MONEY),
            Column("profit", _("Gross profit"), Unit.MONEY),
        ),
        tuple(
            (
                *names.of(product, category),
                s.quantity_units,
                s.gross_euros,
                s.net,
                s.vat_euros,
                s.cost_euros,
                s.profit,
            )
            for product, category, s in sold.listed
        ),
        total=(
            _("Total"),
            "",
            "",
            total.quantity_units,
            total.gross_euros,
            total.net,
            total.vat_euros,
            total.cost_euros,
            total.profit,
        ),
        note=note,
    )


def _chart(sold: Sold, names: Names) -> Chart:
    top = sold.ranked["top_revenue"][:CHARTED]
    return Chart(
        "top_products",
        _("Top {n} products by revenue").format(n=CHARTED),
        ChartKind.HORIZONTAL_BAR,
        Unit.MONEY,
        tuple(names.of(product, category)[1] for product, category, _s in top),
        (Series(_("Gross"), tuple(s.gross_euros for _p, _c, s in top)),),
    )
