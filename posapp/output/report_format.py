"""A report's values as its renderers show them (Babel): one format per Unit, for 'lv' and 'en'.

The PDF, the text and the reports window show figures this way; the CSV file
writes plain numbers instead (posapp.output.report_csv). An unknown value
(None: a share of nothing, a figure without a previous period) shows as an en dash.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from babel import dates, numbers

from posapp.domain.periods import Period
from posapp.i18n import N_, translations
from posapp.output.formatting import (
    babel_locale,
    format_day,
    format_moment,
    format_money,
    format_percent,
)
from posapp.output.report import Figure, Report, Unit, Value

UNKNOWN = "\u2013"  # an en dash

# Units whose values a change can be computed of ("12 sales more"); an hour or a name has none.
COMPARABLE = frozenset(
    {Unit.MONEY, Unit.COUNT, Unit.QUANTITY, Unit.SHARE, Unit.POINTS, Unit.DAYS, Unit.RATING}
)

_DECIMAL_FORMATS = {
    Unit.COUNT: "#,##0",
    Unit.POINTS: "#,##0",
    Unit.QUANTITY: "#,##0.###",
    Unit.DAYS: "#,##0.0",
    Unit.RATING: "#,##0.0",
}
_TENTH = Decimal("0.1")

PERIOD = N_("Period")
COMPARED_WITH = N_("Compared with")
TILL = N_("Till")
ALL_TILLS = N_("All tills")
MADE_AT = N_("Made at")
FIGURE = N_("Figure")
VALUE = N_("Value")
PREVIOUS = N_("Previous period")


def format_value(value: Value, unit: Unit, language: str) -> str:
    """`value` of `unit` in `language`: "1 234,56 €", "25,3%", "novembris 2026", "09:00"."""
    if value is None:
        return UNKNOWN
    if isinstance(value, str):
        return value
    if isinstance(value, date):
        if unit is Unit.MONTH:
            return dates.format_date(value, "LLLL y", locale=babel_locale(language))
        return format_day(value, language)
    if unit is Unit.MONEY:
        return format_money(Decimal(value), language)
    if unit is Unit.SHARE:
        percent = (Decimal(value) * 100).quantize(_TENTH, ROUND_HALF_UP)
        return format_percent(percent, language)
    if unit is Unit.HOUR:
        return f"{value:02d}:00"
    pattern = _DECIMAL_FORMATS.get(unit, "#,##0.###")
    # Rounded half up, as a shop owner rounds (4.25 is 4.3); Babel would round half even.
    places = Decimal(1).scaleb(-len(pattern.partition(".")[2]))
    rounded = Decimal(value).quantize(places, ROUND_HALF_UP)
    return numbers.format_decimal(rounded, format=pattern, locale=babel_locale(language))


def format_change(figure: Figure, language: str) -> tuple[str, str]:
    """The figure's change since the previous period, and that as a percentage of it:
    ("+12,50 €", "+8,3%"). Unknown parts are UNKNOWN; a figure of a unit without changes
    (a date, an hour, a name) has ("", "")."""
    if figure.unit not in COMPARABLE:
        return "", ""
    change, share = figure.change, figure.change_share
    absolute = (
        UNKNOWN
        if change is None
        else _signed(change, format_value(abs(change), figure.unit, language))
    )
    relative = (
        UNKNOWN if share is None else _signed(share, format_value(abs(share), Unit.SHARE, language))
    )
    return absolute, relative


def change_is_good(figure: Figure) -> bool | None:
    """Whether the change is good news (a rise, or a fall of what is better lower);
    None when there is no change or it is not known."""
    change = figure.change
    if figure.unit not in COMPARABLE or not change:
        return None
    return (change < 0) if figure.lower_is_better else (change > 0)


def period_text(period: Period, language: str) -> str:
    """The period's days: "2026. gada 1. novembris" for one day, "novembris 2026" for a
    whole month, "2026. gada 1.-15. nov." (with an en dash) for other ranges."""
    locale = babel_locale(language)
    if period.first == period.last:
        return dates.format_date(period.first, "long", locale=locale)
    if (
        period.first.day == 1
        and (period.last + timedelta(1)).day == 1
        and (period.first.year, period.first.month) == (period.last.year, period.last.month)
    ):
        return format_value(period.first, Unit.MONTH, language)
    return dates.format_interval(period.first, period.last, "yMMMd", locale=locale)


def header_lines(report: Report, language: str) -> list[tuple[str, str]]:
    """What every rendering says under the report's title: (label, text) pairs of the
    period, the period compared with, the till (or all tills) and when it was made."""
    texts = translations(language)
    lines = [(texts.gettext(PERIOD), period_text(report.period, language))]
    if report.previous is not None:
        lines.append((texts.gettext(COMPARED_WITH), period_text(report.previous, language)))
    lines.append((texts.gettext(TILL), report.till_code or texts.gettext(ALL_TILLS)))
    made_at = format_moment(report.made_at, language, report.time_zone)
    lines.append((texts.gettext(MADE_AT), made_at))
    return lines


def figure_columns(language: str) -> tuple[str, str, str, str, str]:
    """The headings of a report's figures: the figure, its value, the previous period's, Δ, Δ %."""
    texts = translations(language)
    return (texts.gettext(FIGURE), texts.gettext(VALUE), texts.gettext(PREVIOUS), "Δ", "Δ %")


def _signed(number: Decimal, text: str) -> str:
    if number > 0:
        return "+" + text
    if number < 0:
        return "-" + text
    return text
