"""Column types that keep money and quantities out of floating point.

SQLite has no exact decimal type, so amounts are stored as whole cents,
quantities as thousandths and VAT rates as hundredths of a percent; Python
code only ever sees Decimal. Timestamps are stored in UTC and come back aware.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Dialect
from sqlalchemy.types import TypeDecorator


class ScaledDecimal(TypeDecorator[Decimal]):
    """A Decimal with a fixed number of decimals, stored as an integer."""

    impl = BigInteger
    cache_ok = True

    def __init__(self, decimals: int) -> None:
        super().__init__()
        self.decimals = decimals
        self._exponent = Decimal(1).scaleb(-decimals)

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"expected Decimal, got {type(value).__name__}")
        scaled = value.scaleb(self.decimals)
        whole = int(scaled)
        if whole != scaled:
            raise ValueError(f"{value} has more than {self.decimals} decimals")
        return whole

    def process_result_value(self, value: int | None, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(value).scaleb(-self.decimals).quantize(self._exponent)


def Cents() -> ScaledDecimal:
    return ScaledDecimal(2)


def Thousandths() -> ScaledDecimal:
    return ScaledDecimal(3)


class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime stored in UTC (naive UTC text on SQLite)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: posapp stores aware UTC times only")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
