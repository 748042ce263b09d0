"""A report as a document: what the owner's reports say, whatever shows or prints them.

Every report service (posapp.services.reports) returns a :class:`Report`: its
headline figures, each beside the same figure of the previous period, its
tables and its charts. The reports window (posapp.gui.reports), CSV, PDF and
text (posapp.output.report_csv, report_pdf, report_text) render any report
from this alone, so a figure is computed once and shown the same everywhere.

Values are raw (Decimal euros, int counts, Decimal fractions for shares):
renderers format them with Babel for the language at hand. Labels and titles
are already translated by the service (the core's catalogue, posapp.i18n).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

from posapp.domain.periods import Period

Value = Decimal | int | str | date | None


class Unit(Enum):
    """What a value is, so that every renderer formats it the same way."""

    MONEY = "money"  # Decimal euros, two places
    COUNT = "count"  # int
    QUANTITY = "quantity"  # Decimal, up to three places (kg)
    SHARE = "share"  # Decimal fraction: 0.25 is shown "25 %"
    POINTS = "points"  # int
    DAYS = "days"  # Decimal days, one place
    RATING = "rating"  # Decimal 1 to 5, one place
    TEXT = "text"  # str
    DATE = "date"  # date (a shop's day)
    MONTH = "month"  # date, the first of the month it names
    HOUR = "hour"  # int 0 to 23


@dataclass(frozen=True)
class Figure:
    """A headline number, and the same number for the previous period (None: not known)."""

    key: str
    label: str
    unit: Unit
    value: Value
    previous: Value = None
    # True when a rise is bad news (refunds, voids, complaints): renderers colour Δ by it.
    lower_is_better: bool = False

    @property
    def change(self) -> Decimal | None:
        """value - previous, for numbers both known."""
        if not _numeric(self.value) or not _numeric(self.previous):
            return None
        return Decimal(self.value) - Decimal(self.previous)  # type: ignore[arg-type]

    @property
    def change_share(self) -> Decimal | None:
        """The change as a fraction of the previous value (None when that is 0 or unknown)."""
        change = self.change
        if change is None or not self.previous:
            return None
        return change / abs(Decimal(self.previous))  # type: ignore[arg-type]


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    unit: Unit


@dataclass(frozen=True)
class Table:
    """Rows of values, one per column; `total` is a totals row when the table has one."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    total: tuple[Value, ...] | None = None
    note: str = ""  # a sentence shown under the table (how a figure is defined, a caveat)


class ChartKind(Enum):
    BAR = "bar"  # one bar per category, one colour per series
    HORIZONTAL_BAR = "horizontal_bar"  # the funnel, rankings
    LINE = "line"  # trends over time
    HEAT_MAP = "heat_map"  # rows by categories (weekday by hour): series are the rows


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[Decimal | int, ...]  # one per category of the chart


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    kind: ChartKind
    unit: Unit  # of the values
    categories: tuple[str, ...]  # the labels along the axis (or the heat map's columns)
    series: tuple[Series, ...]

    @property
    def is_empty(self) -> bool:
        """Nothing happened: no value but 0 (or no values). Renderers leave such a chart
        out; the figures and tables already say it."""
        return not any(value for series in self.series for value in series.values)


@dataclass(frozen=True)
class Report:
    """One report for one period and one till (None: all tills)."""

    name: str  # the report's name in `posapp report NAME`
    title: str
    period: Period
    previous: Period | None
    till_code: str | None
    shop_name: str
    time_zone: str
    made_at: datetime  # aware
    figures: tuple[Figure, ...] = ()
    charts: tuple[Chart, ...] = ()
    tables: tuple[Table, ...] = ()
    notes: tuple[str, ...] = field(default=())  # sentences under the report as a whole

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)

    def chart(self, key: str) -> Chart:
        return next(c for c in self.charts if c.key == key)


def _numeric(value: Value) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)
