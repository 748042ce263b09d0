"""Euro amounts, quantities and moments as printed documents show them (Babel).

The language is the document's own (a receipt prints in the shop's language);
moments are shown in the shop's time zone.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import dates, numbers

# Babel's locales of posapp's languages (posapp.i18n.LANGUAGES): Latvian, and Irish English
# (euro, day before month, 24-hour clock).
LOCALES = {"lv": "lv_LV", "en": "en_IE"}


def babel_locale(language: str) -> str:
    """The Babel locale for a language: Latvian, else Irish English (euro, 24-hour clock)."""
    return LOCALES.get(language, LOCALES["en"])


@lru_cache(maxsize=4096)  # Babel takes ~0.3 ms an amount; a till shows the same ones often
def format_money(amount: Decimal, language: str) -> str:
    """A euro amount with its sign: "2,35 €" in Latvian, "€2.35" in English."""
    return numbers.format_currency(amount, "EUR", locale=babel_locale(language))


def format_amount(amount: Decimal, language: str) -> str:
    """A euro amount in a column of amounts, without the currency: "2,35", "-0,47"."""
    return numbers.format_decimal(amount, format="#,##0.00", locale=babel_locale(language))


def format_quantity(quantity: Decimal, by_weight: bool, language: str) -> str:
    """A line's quantity: "3" for pieces, "0,352 kg" for goods sold by weight."""
    locale = babel_locale(language)
    if by_weight:
        return numbers.format_decimal(quantity, format="#,##0.000", locale=locale) + " kg"
    return numbers.format_decimal(quantity, format="#,##0", locale=locale)


def format_percent(rate: Decimal, language: str) -> str:
    """A VAT rate: "21 %" in Latvian, "21%" in English; "5,5 %" keeps its decimals."""
    return numbers.format_percent(rate / 100, format="#,##0.##%", locale=babel_locale(language))


def format_moment(moment: datetime, language: str, time_zone: str) -> str:
    """An aware moment as a short date and time in the shop's time zone: "01.12.26 10:05"."""
    return dates.format_datetime(
        moment, "short", tzinfo=ZoneInfo(time_zone), locale=babel_locale(language)
    )


def format_day(day: date, language: str) -> str:
    """A date: "31.12.26" in Latvian, "31/12/2026" in English."""
    return dates.format_date(day, "short", locale=babel_locale(language))
