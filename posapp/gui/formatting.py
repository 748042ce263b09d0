"""Euro amounts, counts and moments as the GUI shows them (Babel, the shop's time zone).

What printed documents show the same way (money, quantities, dates) is
posapp.output.formatting's, re-exported here; the rest is the window's own:
counts, moments in parts, amounts to edit, and reading what a person typed.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

from babel import dates, numbers

from posapp.domain.money import parse_number
from posapp.output.formatting import babel_locale, format_day, format_money, format_quantity

__all__ = [
    "babel_locale",
    "format_count",
    "format_day",
    "format_moment",
    "format_money",
    "format_plain_amount",
    "format_quantity",
    "parse_amount",
    "parse_day",
]


@lru_cache(maxsize=4096)  # a card scan writes its points with Babel's ~0.1 ms a number
def format_count(count: int | Decimal, language: str) -> str:
    """A count, or an average of counts ("4,6" in Latvian), as it is written."""
    return numbers.format_decimal(count, locale=babel_locale(language))


def format_moment(
    moment: datetime,
    language: str,
    time_zone: str,
    *,
    part: Literal["datetime", "date", "time"] = "datetime",
    length: Literal["short", "medium", "long", "full"] = "short",
) -> str:
    """An aware moment shown in the shop's time zone: its date, time or both."""
    zone = ZoneInfo(time_zone)
    locale = babel_locale(language)
    if part == "date":
        return dates.format_date(moment.astimezone(zone).date(), length, locale=locale)
    if part == "time":
        return dates.format_time(moment, length, tzinfo=zone, locale=locale)
    return dates.format_datetime(moment, length, tzinfo=zone, locale=locale)


def format_plain_amount(amount: Decimal, language: str) -> str:
    """An amount to edit, without the currency: "2,35" in Latvian, "2.35" in English."""
    return numbers.format_decimal(amount, format="0.00", locale=babel_locale(language))


def parse_amount(text: str) -> Decimal | None:
    """What a person typed as an amount or quantity ("2,35", "2.35", "20"); None if not one."""
    try:
        return parse_number(text)
    except ValueError:
        return None


def parse_day(text: str) -> date | None:
    """A date a person typed: "24.12.1990" (day first, as in Latvia), "24/12/1990" or
    "1990-12-24"; None if it is not a real date."""
    cleaned = text.strip().replace("/", ".").rstrip(".")
    try:
        if "-" in cleaned:
            return date.fromisoformat(cleaned)
        day, month, year = (int(part) for part in cleaned.split("."))
        return date(year, month, day) if year >= 1900 else None
    except ValueError:
        return None
