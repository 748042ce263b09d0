"""No amount ever passes through a float: not in the schema, the arithmetic or a bind."""

from __future__ import annotations

import dataclasses
import decimal
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import BigInteger, Float, Integer, Numeric, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.types import TypeDecorator

from posapp.db.models import Base, Product, SaleLine, VatRate
from posapp.db.types import Cents, ScaledDecimal, Thousandths
from posapp.domain.barcodes import make_ean13
from posapp.domain.cart import Discount, PaymentMethod
from posapp.services import checkout, shifts
from tests.conftest import TILL, Shop
from tests.integration.helpers import (
    line_id,
    refund_sale,
    ring_up,
)

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

DIALECTS: tuple[Dialect, ...] = tuple(
    make_url(url).get_dialect()() for url in ("sqlite+pysqlite://", "postgresql+psycopg://")
)
AMOUNT_COLUMNS = {
    "products.price",
    "sale_lines.quantity",
    "sale_lines.unit_price",
    "sale_lines.list_price",
    "sale_lines.discount",
    "sale_lines.total",
    "sale_lines.vat_rate",
    "sale_lines.vat_amount",
    "sales.total",
    "payments.amount",
    "payments.tendered",
    "shifts.opening_float",
    "shift_counts.expected",
    "shift_counts.counted",
    "vat_rates.rate",
}


def test_no_column_is_float_or_numeric_and_amounts_are_scaled_integers() -> None:
    scaled = set()
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            column_type = column.type
            stored = column_type.impl if isinstance(column_type, TypeDecorator) else column_type
            name = f"{table.name}.{column.name}"
            assert not isinstance(stored, Float | Numeric), f"{name} is {column_type!r}"
            for dialect in DIALECTS:
                ddl = str(column_type.compile(dialect=dialect)).upper()
                assert not any(word in ddl for word in ("REAL", "FLOAT", "DOUBLE", "NUMERIC")), (
                    f"{name} is {ddl} on {dialect.name}"
                )
            if isinstance(column_type, ScaledDecimal):
                assert isinstance(stored, BigInteger | Integer)
                scaled.add(name)
    assert scaled >= AMOUNT_COLUMNS


def test_a_days_trading_runs_with_float_operations_trapped(shop: Shop) -> None:
    """Sale (pieces, weight, discount, cash with change), refund and Z report, floats trapped."""
    weighed_cheese = make_ean13("22" + shop.cheese_label_code + "00735")  # 0.735 kg
    with decimal.localcontext() as context:
        context.traps[decimal.FloatOperation] = True
        with pytest.raises(decimal.FloatOperation):  # the trap is really set
            Decimal("1.00") < 0.5  # noqa: B015

        cart = ring_up(shop, shop.bread, shop.milk, shop.milk, shop.coffee, weighed_cheese)
        cart = checkout.discount_line(
            shop.uow, shop.cashier, cart, cart.lines[1].line_id, Discount(percent=Decimal("5"))
        )
        cart = cart.pay(PaymentMethod.CARD, Decimal("10.00"))
        cart = cart.pay(PaymentMethod.CASH, Decimal("20.00"))
        sale = checkout.complete_sale(shop.uow, shop.cashier, cart)
        refund = refund_sale(shop, sale, {line_id(shop.uow, sale.sale_id, 2): Decimal(1)})
        report = shifts.close_shift(
            shop.uow, shop.cashier, TILL, {PaymentMethod.CASH: Decimal("111.20")}
        )

    # 2.35 + 2*1.19 - 0.12 + 7.99 + 0.735*12.90 (9.48) = 22.08
    assert sale.total == Decimal("22.08")
    assert sale.change == Decimal("7.92")
    assert refund.total == Decimal("-1.13")
    cash = next(c for c in report.counts if c.method is PaymentMethod.CASH)
    assert cash.expected == Decimal("100.00") + Decimal("12.08") - Decimal("1.13")
    # Everything that came back is Decimal, nothing is float.
    for value in _amounts(sale) + _amounts(refund) + _amounts(report):
        assert type(value) is Decimal, value


def _amounts(result: Any) -> list[Any]:
    found: list[Any] = []
    is_record = dataclasses.is_dataclass(result) and not isinstance(result, type)
    values = dataclasses.asdict(result).values() if is_record else [result]
    for value in values:
        if isinstance(value, float | Decimal):
            found.append(value)
        elif isinstance(value, dict):
            found.extend(_amounts(list(value.values())))
        elif isinstance(value, list | tuple):
            for item in value:
                found.extend(_amounts(item))
    return found


def test_a_scaled_decimal_refuses_a_float_and_extra_decimals() -> None:
    dialect = DIALECTS[0]
    with pytest.raises(TypeError, match="expected Decimal, got float"):
        Cents().process_bind_param(2.35, dialect)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="more than 2 decimals"):
        Cents().process_bind_param(Decimal("2.355"), dialect)
    with pytest.raises(ValueError, match="more than 3 decimals"):
        Thousandths().process_bind_param(Decimal("0.0005"), dialect)
    assert Cents().process_bind_param(Decimal("2.35"), dialect) == 235
    assert Cents().process_bind_param(Decimal("2.3500"), dialect) == 235
    assert Thousandths().process_bind_param(Decimal("1.234"), dialect) == 1234
    assert Cents().process_result_value(235, dialect) == Decimal("2.35")
    assert str(Cents().process_result_value(200, dialect)) == "2.00"


def test_the_database_refuses_a_float_price_and_a_price_with_too_many_decimals(
    shop: Shop,
) -> None:
    uow = shop.uow
    for bad_price, reason in ((1.99, TypeError), (Decimal("1.999"), ValueError)):
        with uow.writing():
            rate_id = uow.session.scalar(select(VatRate.id).where(VatRate.rate == Decimal(21)))
            uow.session.add(Product(sku="BAD", name="Bad", vat_rate_id=rate_id, price=bad_price))
            with pytest.raises(sa_exc.StatementError) as refused:
                uow.session.flush()
            assert isinstance(refused.value.orig, reason)
    with uow:
        assert uow.session.scalar(select(Product).where(Product.sku == "BAD")) is None
        # What comes back from the database is an exact Decimal with the column's decimals.
        prices = uow.session.scalars(select(Product.price)).all()
    assert prices and all(type(p) is Decimal and p.as_tuple().exponent == -2 for p in prices)
    quantity_type = SaleLine.__table__.c.quantity.type
    assert isinstance(quantity_type, ScaledDecimal) and quantity_type.decimals == 3
