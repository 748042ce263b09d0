"""What the counter looks up on a scan or as the cashier types: indexed reads only."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, bindparam, func, select, tuple_

from posapp.db.models import (
    Customer,
    LoyaltyCard,
    Product,
    ProductBarcode,
    ProductSearchWord,
    Sale,
    SaleLine,
    VatRate,
)
from posapp.db.uow import UnitOfWork
from posapp.domain.cart import Cart
from posapp.domain.text import code_key, prefix_upper_bound, search_key
from posapp.services.settings import MAX_QUICK_KEYS, read_settings


@dataclass(frozen=True)
class ProductInfo:
    product_id: int
    name: str
    price: Decimal
    vat_rate: Decimal
    by_weight: bool
    active: bool
    category_id: int | None = None

    def add_to(self, cart: Cart, quantity: Decimal) -> Cart:
        """The cart with `quantity` of this product (pieces, or kg when sold by weight)."""
        return cart.add(
            product_id=self.product_id,
            name=self.name,
            quantity=quantity,
            unit_price=self.price,
            vat_rate=self.vat_rate,
            by_weight=self.by_weight,
            category_id=self.category_id,
        )


@dataclass(frozen=True)
class ProductMatch:
    """A product offered by the search or a quick key; sold by scanning nothing."""

    product_id: int
    sku: str
    name: str
    price: Decimal
    by_weight: bool


@dataclass(frozen=True)
class CustomerInfo:
    customer_id: int
    name: str
    card_number: str | None
    card_status: str = "active"  # or "blocked": a lost card, replaced by a new one
    blocked_at: datetime | None = None


_PRODUCT_COLUMNS = (
    Product.id,
    Product.name,
    Product.price,
    VatRate.rate,
    Product.sold_by,
    Product.active,
    Product.category_id,
)
_BY_BARCODE = (
    select(*_PRODUCT_COLUMNS)
    .join_from(ProductBarcode, Product, ProductBarcode.product_id == Product.id)
    .join(VatRate, Product.vat_rate_id == VatRate.id)
    .where(ProductBarcode.code == bindparam("code"))
)
_BY_LABEL = (
    select(*_PRODUCT_COLUMNS)
    .join(VatRate, Product.vat_rate_id == VatRate.id)
    .where(Product.label_code == bindparam("code"))
)
_BY_ID = (
    select(*_PRODUCT_COLUMNS)
    .join(VatRate, Product.vat_rate_id == VatRate.id)
    .where(Product.id == bindparam("product_id"))
)
# One read of the unique index on the card's number, and the customer by primary key.
_CUSTOMER_BY_CARD = (
    select(
        Customer.id, Customer.name, LoyaltyCard.number, LoyaltyCard.status, LoyaltyCard.blocked_at
    )
    .join_from(LoyaltyCard, Customer, LoyaltyCard.customer_id == Customer.id)
    .where(LoyaltyCard.number == bindparam("card"))
)


def _product(
    row: Row[int, str, Decimal, Decimal, str, bool, int | None] | None,
) -> ProductInfo | None:
    if row is None:
        return None
    product_id, name, price, rate, sold_by, active, category_id = row
    return ProductInfo(product_id, name, price, rate, sold_by == "weight", active, category_id)


def product_by_barcode(uow: UnitOfWork, code: str) -> ProductInfo | None:
    """Inside the caller's transaction: the product with this barcode, if any."""
    return _product(uow.connection.execute(_BY_BARCODE, {"code": code}).first())


def product_by_label(uow: UnitOfWork, label_code: str) -> ProductInfo | None:
    return _product(uow.connection.execute(_BY_LABEL, {"code": label_code}).first())


def product_by_id(uow: UnitOfWork, product_id: int) -> ProductInfo | None:
    return _product(uow.connection.execute(_BY_ID, {"product_id": product_id}).first())


def customer_by_card(uow: UnitOfWork, card_number: str) -> CustomerInfo | None:
    """The customer a card was issued to, active or blocked (the caller says which it needs)."""
    row = uow.connection.execute(_CUSTOMER_BY_CARD, {"card": card_number}).first()
    return None if row is None else CustomerInfo(*row)


def find_product(uow: UnitOfWork, barcode: str) -> ProductInfo | None:
    """One read transaction: the product with this barcode, if any."""
    with uow:
        return product_by_barcode(uow, barcode)


# --- Search as the cashier types ----------------------------------------------------------
# Every statement is answered from an index range (see tests/integration/
# test_product_search.py, which checks the plans): ix_products_sku_key for the
# SKU, ix_products_search_key for "the name starts with", ix_product_search_words_key
# for "a later word starts with". Each reads about `limit` index entries (plus any
# inactive products it passes over), however many products there are.

MIN_SEARCH_LENGTH = 2
BEST_SELLER_DAYS = 30

_MATCH_COLUMNS = (Product.id, Product.sku, Product.name, Product.price, Product.sold_by)
_BY_SKU_KEY = select(*_MATCH_COLUMNS).where(Product.sku_key == bindparam("key"), Product.active)
_NAME_STARTS = (
    select(*_MATCH_COLUMNS)
    .where(
        Product.search_key >= bindparam("low"),
        Product.search_key < bindparam("high"),
        Product.active,
    )
    .order_by(Product.search_key, Product.id)
    .limit(bindparam("limit"))
)
_WORD_ORDER = (ProductSearchWord.key, ProductSearchWord.name_key, ProductSearchWord.product_id)
_WORD_STARTS = (
    select(*_MATCH_COLUMNS, *_WORD_ORDER)
    .join_from(ProductSearchWord, Product, ProductSearchWord.product_id == Product.id)
    .where(
        ProductSearchWord.key >= bindparam("low"),
        ProductSearchWord.key < bindparam("high"),
        tuple_(*_WORD_ORDER)
        > tuple_(bindparam("after_key"), bindparam("after_name"), bindparam("after_id")),
        Product.active,
    )
    .order_by(*_WORD_ORDER)
    .limit(bindparam("limit"))
)


# The sales of the period (ix_sales_completed_at), their lines (ix_sale_lines_sale_id),
# counted per product, then joined to the few products that sold. Written as
# `sale_id IN (…)` because as a plain join SQLite prefers to walk every line in
# product order (to group without sorting), which reads the whole history.
_SALES_SINCE = select(Sale.id).where(
    Sale.completed_at >= bindparam("since"), Sale.kind == "sale", Sale.status == "completed"
)
_SOLD = (
    select(SaleLine.product_id, func.count().label("rung_up"))
    .where(SaleLine.sale_id.in_(_SALES_SINCE))
    .group_by(SaleLine.product_id)
    .subquery("sold")
)
_BEST_SELLERS = (
    select(*_MATCH_COLUMNS)
    .join_from(_SOLD, Product, Product.id == _SOLD.c.product_id)
    .where(Product.active)
    .order_by(_SOLD.c.rung_up.desc(), Product.search_key, Product.id)
    .limit(MAX_QUICK_KEYS)
)


def _match(row: Sequence[Any]) -> ProductMatch:
    product_id, sku, name, price, sold_by = row[:5]
    return ProductMatch(product_id, sku, name, price, sold_by == "weight")


def search_products(uow: UnitOfWork, text: str, limit: int = 20) -> list[ProductMatch]:
    """One read transaction: active products for what the cashier has typed so far.

    First a product whose SKU is the text (any case), then products whose name
    starts with it, then products where a later word of the name starts with it;
    each product once, at most `limit` in all. Case and diacritics do not matter
    ("kiploku" finds "Ķiploku maize"), nor punctuation ("0,5" is "0 5"). Names are
    in alphabetical order of their search keys (so "Ābolu" sorts with "Abolu");
    later-word matches in order of the matching words, then of the names.
    A text of fewer than two letters or digits finds nothing.
    """
    key = search_key(text)
    if len(key) < MIN_SEARCH_LENGTH or limit <= 0:
        return []
    with uow:
        connection = uow.connection
        found: dict[int, ProductMatch] = {}

        def take(rows: Iterable[Sequence[Any]]) -> None:
            for row in rows:
                if len(found) < limit and row[0] not in found:
                    found[row[0]] = _match(row)

        # Usually one product; "abc" and "ABC" would both come, the one typed as is first.
        by_sku = connection.execute(_BY_SKU_KEY, {"key": code_key(text)}).all()
        take(sorted(by_sku, key=lambda row: (row[1] != text.strip(), row[0])))
        bounds = {"low": key, "high": prefix_upper_bound(key)}
        # Products found by SKU may come again here: ask for that many more.
        take(connection.execute(_NAME_STARTS, {**bounds, "limit": limit + len(found)}))
        after = ("", "", 0)
        while len(found) < limit:
            # A product seen already, or with two matching words, takes a row but no
            # place: page on (in index order) until the list is full or the range ends.
            page_size = limit - len(found) + 8
            page = connection.execute(
                _WORD_STARTS,
                {
                    **bounds,
                    "after_key": after[0],
                    "after_name": after[1],
                    "after_id": after[2],
                    "limit": page_size,
                },
            ).all()
            take(page)
            if len(page) < page_size:
                break
            after = (page[-1][5], page[-1][6], page[-1][7])
        return list(found.values())


def quick_key_products(uow: UnitOfWork) -> list[ProductMatch]:
    """One read transaction: the products for the cashier's quick keys.

    The shop's configured quick keys (ShopSettings.quick_keys, SKUs in order),
    leaving out any product no longer on sale. When none are configured: the
    twelve best sellers of the last 30 days, by the number of sales lines that
    rang them up (refunds and voided sales left out). That is a bounded
    aggregate, not a read of the whole history: the sales of those 30 days are
    found by the index on sales.completed_at and only their lines are counted
    (through the index on sale_lines.sale_id). It costs in proportion to a
    month of trade, so it is meant to run when the till window opens, not on
    every keystroke.
    """
    since = uow.now() - timedelta(days=BEST_SELLER_DAYS)
    with uow:
        configured = read_settings(uow).quick_keys
        if configured:
            rows = uow.connection.execute(
                select(*_MATCH_COLUMNS).where(Product.sku.in_(configured), Product.active)
            )
            by_sku = {match.sku: match for match in map(_match, rows)}
            return [by_sku[sku] for sku in configured if sku in by_sku]
        return [_match(row) for row in uow.connection.execute(_BEST_SELLERS, {"since": since})]
