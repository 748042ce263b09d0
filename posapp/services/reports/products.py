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

Everything is read from the products' aggregate by shop day
(posapp.services.reports.aggregates.PRODUCTS), completed sales and refunds only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from posapp.db.models import Category, Product
from posapp.db.uow import UnitOfWork
from posapp.domain.money import ZERO, to_cents
from posapp.domain.roles import Actor
from posapp.i18n import N_, _
from posapp.output.report import Chart, ChartKind, Column, Report, Series, Table, Unit, Value
from posapp.services.reports import ReportQuery, aggregates
from posapp.services.reports.common import Scope, figure, open_scope, share

RANKED = 20  # products in each top and bottom table
CHARTED = 10  # products in the chart
_CHUNK = 500  # product ids per IN (...)
_MEASURES = ("quantity", "gross", "vat", "costed_lines", "costed_gross", "costed_vat", "cost")


@dataclass(frozen=True)
class Sold:
    """One product's sales less refunds in the period."""

    sku: str
    name: str
    category: str
    quantity: Decimal
    gross: Decimal
    vat: Decimal
    sold: bool  # on a completed sale (not only refunded)
    costed_net: Decimal  # net of its lines with a cost
    cost: Decimal | None  # None: no line with a cost

    @property
    def net(self) -> Decimal:
        return self.gross - self.vat

    @property
    def profit(self) -> Decimal | None:
        return None if self.cost is None else self.costed_net - self.cost


@dataclass(frozen=True)
class Group:
    """Products summed (a category, or all): their profit from the lines with a cost."""

    quantity: Decimal = ZERO
    gross: Decimal = ZERO
    vat: Decimal = ZERO
    costed_net: Decimal = ZERO
    cost: Decimal | None = None

    @property
    def net(self) -> Decimal:
        return self.gross - self.vat

    @property
    def profit(self) -> Decimal | None:
        return None if self.cost is None else self.costed_net - self.cost

    @property
    def margin(self) -> Decimal | None:
        return share(self.profit, self.costed_net) if self.profit is not None else None

    def add(self, product: Sold) -> Group:
        cost = self.cost
        if product.cost is not None:
            cost = (cost or ZERO) + product.cost
        return Group(
            self.quantity + product.quantity,
            self.gross + product.gross,
            self.vat + product.vat,
            self.costed_net + product.costed_net,
            cost,
        )


def group(products: Iterable[Sold]) -> Group:
    total = Group()
    for product in products:
        total = total.add(product)
    return total


def _completed(columns: Any) -> Any:
    return columns.status == "completed"


def read_sold(uow: UnitOfWork, scope: Scope) -> list[Sold]:
    """The scope's products with completed sales or refunds, highest gross first."""
    rows = aggregates.totals(uow, scope, aggregates.PRODUCTS, ["product_id", "kind"], _completed)
    sums: dict[int, dict[str, Any]] = {}
    for row in rows:  # a product's sales and its refunds
        into = sums.setdefault(row["product_id"], dict.fromkeys(_MEASURES, 0) | {"sold": False})
        into["sold"] = into["sold"] or row["kind"] == "sale"
        for measure in _MEASURES:
            into[measure] += row[measure]
    names = _names(uow, list(sums))
    found = [
        Sold(
            *names[product_id],
            quantity=s["quantity"],
            gross=s["gross"],
            vat=s["vat"],
            sold=s["sold"],
            costed_net=s["costed_gross"] - s["costed_vat"],
            cost=to_cents(s["cost"]) if s["costed_lines"] else None,
        )
        for product_id, s in sums.items()
    ]
    return sorted(found, key=lambda p: (-p.gross, p.sku))


def _names(uow: UnitOfWork, product_ids: list[int]) -> dict[int, tuple[str, str, str]]:
    """(sku, name, category) of each product."""
    found: dict[int, tuple[str, str, str]] = {}
    no_category = _("(no category)")
    for start in range(0, len(product_ids), _CHUNK):
        for product_id, sku, name, category in uow.session.execute(
            select(Product.id, Product.sku, Product.name, Category.name)
            .outerjoin(Category, Category.id == Product.category_id)
            .where(Product.id.in_(product_ids[start : start + _CHUNK]))
        ):
            found[product_id] = (sku, name, category or no_category)
    return found


def build(uow: UnitOfWork, actor: Actor, query: ReportQuery) -> Report:
    with uow:
        scope = open_scope(uow, actor, query)
        products = read_sold(uow, scope)
        before = read_sold(uow, scope.previous) if scope.previous is not None else None
        return scope.report(
            "products",
            _("Products"),
            figures=_figures(products, before),
            charts=(_chart(products),),
            tables=(
                _categories(products),
                *_rankings(products),
                _all_products(products),
            ),
        )


def _figures(products: list[Sold], before: list[Sold] | None) -> tuple[Any, ...]:
    def both(value: Callable[[list[Sold]], Value]) -> tuple[Value, Value]:
        return value(products), value(before) if before is not None else None

    def costed_share(sold: list[Sold]) -> Value:
        total = group(sold)
        return share(total.costed_net, total.net)

    return (
        figure(
            "products_sold",
            _("Products sold"),
            Unit.COUNT,
            *both(lambda sold: sum(1 for p in sold if p.sold)),
        ),
        figure("gross_profit", _("Gross profit"), Unit.MONEY, *both(lambda s: group(s).profit)),
        figure("margin", _("Margin"), Unit.SHARE, *both(lambda s: group(s).margin)),
        figure("costed_share", _("Share of revenue with a cost"), Unit.SHARE, *both(costed_share)),
    )


_PROFIT_NOTE = N_(
    "Net, cost and gross profit are excl. VAT. Lines sold without a cost price (no cost) "
    "are left out of cost, gross profit and margin."
)


def _categories(products: list[Sold]) -> Table:
    by_category: dict[str, Group] = {}
    for product in products:
        by_category[product.category] = by_category.get(product.category, Group()).add(product)
    ordered = sorted(by_category.items(), key=lambda item: (-item[1].gross, item[0]))
    total = group(products)
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
        tuple((name, g.quantity, g.gross, g.net, g.profit, g.margin) for name, g in ordered),
        total=(_("Total"), total.quantity, total.gross, total.net, total.profit, total.margin),
        note=_(_PROFIT_NOTE),
    )


def _rankings(products: list[Sold]) -> tuple[Table, ...]:
    columns = (
        Column("sku", _("SKU"), Unit.TEXT),
        Column("name", _("Product"), Unit.TEXT),
        Column("category", _("Category"), Unit.TEXT),
        Column("quantity", _("Quantity"), Unit.QUANTITY),
        Column("gross", _("Gross"), Unit.MONEY),
        Column("net", _("Net"), Unit.MONEY),
    )
    by_gross = products  # already highest gross first
    by_quantity = sorted(products, key=lambda p: (-p.quantity, p.sku))

    def table(key: str, title: str, ranked: list[Sold]) -> Table:
        return Table(
            key,
            title,
            columns,
            tuple((p.sku, p.name, p.category, p.quantity, p.gross, p.net) for p in ranked),
        )

    return (
        table("top_revenue", _("Top {n} by revenue").format(n=RANKED), by_gross[:RANKED]),
        table(
            "bottom_revenue",
            _("Bottom {n} by revenue").format(n=RANKED),
            by_gross[::-1][:RANKED],
        ),
        table("top_quantity", _("Top {n} by quantity").format(n=RANKED), by_quantity[:RANKED]),
        table(
            "bottom_quantity",
            _("Bottom {n} by quantity").format(n=RANKED),
            by_quantity[::-1][:RANKED],
        ),
    )


def _all_products(products: list[Sold]) -> Table:
    total = group(products)
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
            (p.sku, p.name, p.category, p.quantity, p.gross, p.net, p.vat, p.cost, p.profit)
            for p in products
        ),
        total=(
            _("Total"),
            "",
            "",
            total.quantity,
            total.gross,
            total.net,
            total.vat,
            total.cost,
            total.profit,
        ),
        note=_(_PROFIT_NOTE),
    )


def _chart(products: list[Sold]) -> Chart:
    top = products[:CHARTED]
    return Chart(
        "top_products",
        _("Top {n} products by revenue").format(n=CHARTED),
        ChartKind.HORIZONTAL_BAR,
        Unit.MONEY,
        tuple(p.name for p in top),
        (Series(_("Gross"), tuple(p.gross for p in top)),),
    )
