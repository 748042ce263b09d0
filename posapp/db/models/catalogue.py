"""The catalogue: categories, VAT rates, products with their barcodes and search words."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import CheckConstraint, Connection, ForeignKey, Index, String, event, text
from sqlalchemy.orm import Mapped, Mapper, mapped_column

from posapp.db.models.base import Base
from posapp.db.models.search import SearchKey, changed, search_key_of, write_keys
from posapp.db.types import Cents, ScaledDecimal
from posapp.domain.text import code_key, word_keys


class Category(Base):
    __tablename__ = "categories"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)


class VatRate(Base):
    __tablename__ = "vat_rates"
    id: Mapped[int] = mapped_column(primary_key=True)
    rate: Mapped[Decimal] = mapped_column(ScaledDecimal(2), unique=True)  # percent
    name: Mapped[str] = mapped_column(String(80))


class Product(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    # Kept by the mapper events at the end of this module whenever a Product is
    # written through the ORM (posapp.domain.text.search_key of name, code_key of sku);
    # the product search (posapp.services.catalog.search_products) reads them.
    search_key: Mapped[str] = mapped_column(SearchKey(), server_default=text("''"))
    sku_key: Mapped[str] = mapped_column(SearchKey(80), server_default=text("''"), index=True)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), index=True)
    vat_rate_id: Mapped[int] = mapped_column(ForeignKey("vat_rates.id"))
    price: Mapped[Decimal] = mapped_column(Cents())  # incl. VAT; per kg when sold by weight
    # What the shop pays for one (per kg when sold by weight), excl. VAT as accountants
    # count cost (the VAT paid is reclaimed); None: not known. A sale line keeps its own copy.
    cost_price: Mapped[Decimal | None] = mapped_column(Cents())
    sold_by: Mapped[str] = mapped_column(String(8), server_default=text("'unit'"))
    # The item code printed inside in-store price/weight labels (scale PLU).
    label_code: Mapped[str | None] = mapped_column(String(6), unique=True)
    active: Mapped[bool] = mapped_column(server_default=text("true"))
    __table_args__ = (
        CheckConstraint("sold_by IN ('unit', 'weight')", name="sold_by"),
        CheckConstraint("price >= 0", name="price"),
        CheckConstraint("cost_price >= 0", name="cost_price"),
        # Name-prefix search in name order, answered by the index alone.
        Index("ix_products_search_key", "search_key", "id"),
    )


class ProductSearchWord(Base):
    """A product's name from its second, third, … word on (posapp.domain.text.word_keys),
    so that "a later word starts with the text" is an indexed prefix search too."""

    __tablename__ = "product_search_words"
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    key: Mapped[str] = mapped_column(SearchKey(), primary_key=True)
    name_key: Mapped[str] = mapped_column(SearchKey())  # the whole name's key: the order
    __table_args__ = (Index("ix_product_search_words_key", "key", "name_key", "product_id"),)


class ProductBarcode(Base):
    __tablename__ = "product_barcodes"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)


# --- Search keys follow the name --------------------------------------------------------
# The one place that keeps Product.search_key, Product.sku_key and the product's
# product_search_words rows in step with its name and SKU: every ORM write of a
# Product (import, demo, back office) passes here. Core statements that write
# products.name directly bypass it and must not be used for names.


def _write_search_words(connection: Connection, product: Product, *, replace: bool) -> None:
    rows = [
        {"product_id": product.id, "key": key, "name_key": product.search_key}
        for key in dict.fromkeys(word_keys(product.search_key))
    ]
    write_keys(connection, ProductSearchWord.product_id, product.id, rows, replace=replace)


@event.listens_for(Product, "before_insert")
def _keys_of_new_product(_mapper: Mapper[Any], _connection: Connection, product: Product) -> None:
    product.search_key = search_key_of(product.name)
    product.sku_key = code_key(product.sku)


@event.listens_for(Product, "before_update")
def _keys_of_changed_product(
    _mapper: Mapper[Any], _connection: Connection, product: Product
) -> None:
    if changed(product, "name"):
        product.search_key = search_key_of(product.name)
    if changed(product, "sku"):
        product.sku_key = code_key(product.sku)


@event.listens_for(Product, "after_insert")
def _words_of_new_product(_mapper: Mapper[Any], connection: Connection, product: Product) -> None:
    _write_search_words(connection, product, replace=False)


@event.listens_for(Product, "after_update")
def _words_of_changed_product(
    _mapper: Mapper[Any], connection: Connection, product: Product
) -> None:
    if changed(product, "name"):
        _write_search_words(connection, product, replace=True)
