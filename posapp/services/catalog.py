"""What the counter looks up on a scan: indexed reads only."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Row, bindparam, select

from posapp.db.models import Customer, Product, ProductBarcode, VatRate
from posapp.db.uow import UnitOfWork


@dataclass(frozen=True)
class ProductInfo:
    product_id: int
    name: str
    price: Decimal
    vat_rate: Decimal
    by_weight: bool
    active: bool


@dataclass(frozen=True)
class CustomerInfo:
    customer_id: int
    name: str
    card_number: str | None


_PRODUCT_COLUMNS = (
    Product.id,
    Product.name,
    Product.price,
    VatRate.rate,
    Product.sold_by,
    Product.active,
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
_CUSTOMER_BY_CARD = select(Customer.id, Customer.name, Customer.card_number).where(
    Customer.card_number == bindparam("card")
)


def _product(row: Row[int, str, Decimal, Decimal, str, bool] | None) -> ProductInfo | None:
    if row is None:
        return None
    product_id, name, price, rate, sold_by, active = row
    return ProductInfo(product_id, name, price, rate, sold_by == "weight", active)


def product_by_barcode(uow: UnitOfWork, code: str) -> ProductInfo | None:
    """Inside the caller's transaction: the product with this barcode, if any."""
    return _product(uow.connection.execute(_BY_BARCODE, {"code": code}).first())


def product_by_label(uow: UnitOfWork, label_code: str) -> ProductInfo | None:
    return _product(uow.connection.execute(_BY_LABEL, {"code": label_code}).first())


def product_by_id(uow: UnitOfWork, product_id: int) -> ProductInfo | None:
    return _product(uow.connection.execute(_BY_ID, {"product_id": product_id}).first())


def customer_by_card(uow: UnitOfWork, card_number: str) -> CustomerInfo | None:
    row = uow.connection.execute(_CUSTOMER_BY_CARD, {"card": card_number}).first()
    return None if row is None else CustomerInfo(row[0], row[1], row[2])


def find_product(uow: UnitOfWork, barcode: str) -> ProductInfo | None:
    """One read transaction: the product with this barcode, if any."""
    with uow:
        return product_by_barcode(uow, barcode)
