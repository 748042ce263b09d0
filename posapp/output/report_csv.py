"""A report as a CSV file a spreadsheet opens as it is.

UTF-8. For a language that writes decimals with a comma (Latvian) the file
starts with a byte-order mark and separates cells with ';', as Excel set to that
language expects, and numbers are written 1234,56; in English ',' and 1234.56.
Numbers are plain (no thousands separator, no currency), so that the
spreadsheet reads them as numbers: money with two places, shares as "25,3%",
days as ISO dates (2026-11-30), months as 2026-11, hours as 09:00.

The file holds the header lines (shop, title, period, the period compared with,
the till), the figures (label, value, previous, Δ, Δ %), then each table under
its title with its columns and its totals row. A text that a spreadsheet would
read as a formula (starting with = + - @, a tab or a carriage return) is
written after an apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from babel import numbers

from posapp.output.formatting import babel_locale
from posapp.output.report import Figure, Report, Table, Unit, Value
from posapp.output.report_format import COMPARABLE, figure_columns, header_lines

__all__ = ["render_report_csv"]

_Number = Callable[[Value, Unit], str]
_TextRow = Callable[[Iterable[str]], list[str]]

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLACES = {
    Unit.MONEY: Decimal("0.01"),
    Unit.QUANTITY: Decimal("0.001"),
    Unit.DAYS: Decimal("0.1"),
    Unit.RATING: Decimal("0.1"),
}


def render_report_csv(report: Report, language: str) -> bytes:
    """The report as the bytes of a CSV file (see the module's docstring)."""
    comma = numbers.get_decimal_symbol(babel_locale(language)) == ","
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if comma else ",", lineterminator="\r\n")

    def number(value: Value, unit: Unit) -> str:
        text = _plain(value, unit)
        return text.replace(".", ",") if comma and not isinstance(value, str) else text

    def text_row(cells: Iterable[str]) -> list[str]:
        return [_neutral(cell) for cell in cells]

    writer.writerow(text_row([report.shop_name]))
    writer.writerow(text_row([report.title]))
    for label, text in header_lines(report, language):
        writer.writerow(text_row([label, text]))
    if report.figures:
        writer.writerow([])
        writer.writerow(text_row(figure_columns(language)))
        writer.writerows(_figure_row(figure, number) for figure in report.figures)
    for table in report.tables:
        writer.writerow([])
        writer.writerows(_table_rows(table, number, text_row))
    for note in report.notes:
        writer.writerow([])
        writer.writerow(text_row([note]))
    text = buffer.getvalue()
    return (("\ufeff" if comma else "") + text).encode("utf-8")


def _figure_row(figure: Figure, number: _Number) -> list[str]:
    change = figure.change if figure.unit in COMPARABLE else None
    share = figure.change_share if figure.unit in COMPARABLE else None
    return [
        _neutral(figure.label),
        number(figure.value, figure.unit),
        number(figure.previous, figure.unit),
        number(change, figure.unit),
        number(share, Unit.SHARE),
    ]


def _table_rows(table: Table, number: _Number, text_row: _TextRow) -> Iterable[Sequence[str]]:
    yield text_row([table.title])
    yield text_row(column.label for column in table.columns)
    units = [column.unit for column in table.columns]
    for row in table.rows:
        yield [number(value, unit) for value, unit in zip(row, units, strict=True)]
    if table.total is not None:
        yield [number(value, unit) for value, unit in zip(table.total, units, strict=True)]
    if table.note:
        yield text_row([table.note])


def _plain(value: Value, unit: Unit) -> str:
    """A value as a spreadsheet reads it, with '.' for the decimal point."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _neutral(value)
    if isinstance(value, date):
        return value.strftime("%Y-%m") if unit is Unit.MONTH else value.isoformat()
    if unit is Unit.HOUR:
        return f"{value:02d}:00"
    if unit is Unit.SHARE:
        percent = (Decimal(value) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
        return f"{_digits(percent)}%"
    places = _PLACES.get(unit)
    if places is None:
        return str(value)
    rounded = Decimal(value).quantize(places, ROUND_HALF_UP)
    return f"{rounded:f}" if unit is Unit.MONEY else _digits(rounded)


def _digits(number: Decimal) -> str:
    """Without trailing zeros: 2.500 -> "2.5", 3.0 -> "3"."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _neutral(text: str) -> str:
    """A text a spreadsheet shows as written, never runs as a formula."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
