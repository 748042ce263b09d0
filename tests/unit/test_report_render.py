"""A report read back from each rendering: CSV through the csv module, PDF through pypdf, text."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from pypdf import PdfReader

from posapp.domain.periods import Period
from posapp.output.report import (
    Chart,
    ChartKind,
    Column,
    Figure,
    Report,
    Series,
    Table,
    Unit,
    Value,
)
from posapp.output.report_csv import render_report_csv
from posapp.output.report_format import format_change, format_value, period_text
from posapp.output.report_pdf import render_report_pdf
from posapp.output.report_text import render_report_text

NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))
OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31))
COUNTRIES = ("Ēģipte", "Latvija", '=HYPERLINK("x")')


def sample_report(*, rows: int = 3) -> Report:
    """A report with a figure of every unit, a table with a totals row and a chart of each kind."""
    figures = (
        Figure("takings", "Ieņēmumi", Unit.MONEY, Decimal("1234.56"), Decimal("1000.00")),
        Figure("sales", "Pirkumi", Unit.COUNT, 120, 100),
        Figure("kg", "Svars", Unit.QUANTITY, Decimal("12.345"), Decimal("10.5")),
        Figure("members", "Klientu daļa", Unit.SHARE, Decimal("0.25"), Decimal("0.2")),
        Figure("points", "Punkti", Unit.POINTS, 5000, None),
        Figure("refunds", "Atgriešanas", Unit.COUNT, 3, 1, lower_is_better=True),
        Figure("days", "Dienas līdz atrisināšanai", Unit.DAYS, Decimal("2.5"), Decimal("3")),
        Figure("rating", "Vērtējums", Unit.RATING, Decimal("4.2"), Decimal("4.0")),
        Figure("best", "Labākā prece", Unit.TEXT, "Rupjmaize", "Bulciņa"),
        Figure("best_day", "Labākā diena", Unit.DATE, date(2026, 11, 27), date(2026, 10, 30)),
        Figure("month", "Mēnesis", Unit.MONTH, date(2026, 11, 1), date(2026, 10, 1)),
        Figure("hour", "Rosīgākā stunda", Unit.HOUR, 9, 17),
    )
    names = [
        COUNTRIES[i % len(COUNTRIES)] if i < len(COUNTRIES) else f"Prece {i}" for i in range(rows)
    ]
    amounts = [Decimal("1234.56") + i for i in range(rows)]
    table = Table(
        "countries",
        "Pārdošana pa valstīm",
        (
            Column("country", "Valsts", Unit.TEXT),
            Column("sales", "Pirkumi", Unit.COUNT),
            Column("takings", "Ieņēmumi", Unit.MONEY),
            Column("share", "Daļa", Unit.SHARE),
        ),
        tuple(
            (name, 10 + i, amount, Decimal("0.125"))
            for i, (name, amount) in enumerate(zip(names, amounts, strict=True))
        ),
        total=("Kopā", sum(10 + i for i in range(rows)), sum(amounts), Decimal(1)),
        note="Summas ar PVN.",
    )
    weekdays = ("P", "O", "T")
    charts = (
        Chart(
            "by_day",
            "Ieņēmumi pa dienām",
            ChartKind.BAR,
            Unit.MONEY,
            ("1.", "2.", "3."),
            (
                Series("Šis", (Decimal("10.5"), Decimal("20"), Decimal("5"))),
                Series("Iepriekš", (Decimal(8), Decimal(9), Decimal(0))),
            ),
        ),
        Chart(
            "funnel",
            "Piltuve",
            ChartKind.HORIZONTAL_BAR,
            Unit.COUNT,
            ("Apmeklējumi", "Pirkumi"),
            (Series("Skaits", (300, 120)),),
        ),
        Chart(
            "trend",
            "Tendence",
            ChartKind.LINE,
            Unit.MONEY,
            ("aug.", "sept.", "okt.", "nov."),
            (Series("Ieņēmumi", (Decimal(900), Decimal(950), Decimal(1000), Decimal("1234.56"))),),
        ),
        Chart(
            "heat",
            "Rosība",
            ChartKind.HEAT_MAP,
            Unit.COUNT,
            ("08", "09", "10"),
            tuple(Series(day, (i, 2 * i + 1, 0)) for i, day in enumerate(weekdays)),
        ),
    )
    return Report(
        name="sales",
        title="Pārdošana",
        period=NOVEMBER,
        previous=OCTOBER,
        till_code=None,
        shop_name="Maiznīca Ķekava",
        time_zone="Europe/Riga",
        made_at=datetime(2026, 12, 1, 8, 30, tzinfo=UTC),
        figures=figures,
        charts=charts,
        tables=(table,),
        notes=("Dati no visām kasēm.",),
    )


def csv_rows(data: bytes, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


def row_starting(rows: list[list[str]], first: str) -> list[str]:
    return next(row for row in rows if row and row[0] == first)


def test_latvian_csv_opens_in_excel_with_comma_decimals() -> None:
    data = render_report_csv(sample_report(), "lv")
    assert data.startswith("\ufeff".encode())
    rows = csv_rows(data, ";")
    assert rows[0] == ["Maiznīca Ķekava"] and rows[1] == ["Pārdošana"]
    assert row_starting(rows, "Periods") == ["Periods", "novembris 2026"]
    assert row_starting(rows, "Kase") == ["Kase", "Visas kases"]
    assert row_starting(rows, "Ieņēmumi") == ["Ieņēmumi", "1234,56", "1000,00", "234,56", "23,5%"]
    assert row_starting(rows, "Dienas līdz atrisināšanai")[1:4] == ["2,5", "3", "-0,5"]
    assert row_starting(rows, "Punkti") == ["Punkti", "5000", "", "", ""]
    assert row_starting(rows, "Labākā diena")[1:] == ["2026-11-27", "2026-10-30", "", ""]
    assert row_starting(rows, "Rosīgākā stunda")[1:3] == ["09:00", "17:00"]
    heading = rows.index(["Valsts", "Pirkumi", "Ieņēmumi", "Daļa"])
    assert rows[heading - 1] == ["Pārdošana pa valstīm"]
    assert rows[heading + 1] == ["Ēģipte", "10", "1234,56", "12,5%"]
    assert row_starting(rows, "Kopā") == ["Kopā", "33", "3706,68", "100%"]


def test_english_csv_uses_commas_and_points_without_a_bom() -> None:
    data = render_report_csv(sample_report(), "en")
    assert not data.startswith("\ufeff".encode())
    rows = csv_rows(data, ",")
    assert row_starting(rows, "Made at") == ["Made at", "01/12/2026, 10:30"]  # 08:30 UTC in Riga
    assert row_starting(rows, "Ieņēmumi") == ["Ieņēmumi", "1234.56", "1000.00", "234.56", "23.5%"]
    assert row_starting(rows, "Svars")[1:3] == ["12.345", "10.5"]
    assert row_starting(rows, "Kopā") == ["Kopā", "33", "3706.68", "100%"]


def test_csv_never_writes_a_text_a_spreadsheet_would_run() -> None:
    report = sample_report()
    rows = csv_rows(render_report_csv(replace(report, shop_name="@SUM(A1)"), "en"), ",")
    assert rows[0] == ["'@SUM(A1)"]
    assert ['\'=HYPERLINK("x")', "12", "1236.56", "12.5%"] in rows
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@")]
    assert "-0.5" in cells  # a negative number stays a number


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf_shows_the_header_figures_tables_and_charts_in_latvian() -> None:
    data = render_report_pdf(sample_report(), "lv")
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    for expected in (
        "Maiznīca Ķekava",
        "Pārdošana",
        "novembris 2026",
        "oktobris 2026",
        "1 234,56 €",
        "+234,56 €",
        "+23,5%",
        "Ēģipte",
        "Kopā",
        "3 706,68 €",
        "Ieņēmumi pa dienām",  # the bar chart's title and its legend
        "Iepriekš",
        "Apmeklējumi",  # the horizontal bars' category
        "sept.",  # the line chart's category
        "Rosība",
    ):
        assert expected in text.replace("\xa0", " "), expected


def test_a_chart_of_nothing_is_left_out_of_the_pdf() -> None:
    """A period without ratings has a trend of no points: the PDF leaves that chart out
    (as the window does) instead of failing."""
    report = sample_report()
    empty = Chart(
        "trend", "Vērtējumu tendence", ChartKind.LINE, Unit.RATING, (), (Series("x", ()),)
    )
    text = pdf_text(render_report_pdf(replace(report, charts=(*report.charts, empty)), "lv"))
    assert "Vērtējumu tendence" not in text and "Ieņēmumi pa dienām" in text


def test_a_long_pdf_table_repeats_its_title_and_heading_and_ends_with_its_total() -> None:
    pages = PdfReader(io.BytesIO(render_report_pdf(sample_report(rows=120), "en"))).pages
    texts = [page.extract_text() for page in pages]
    with_rows = [text for text in texts if "Prece" in text]
    assert len(with_rows) >= 3
    for text in with_rows:
        assert "Pārdošana pa valstīm" in text and "Valsts" in text
    assert "Kopā" in with_rows[-1] and "Kopā" not in with_rows[0]
    assert "€" + "{:,}".format(sum(Decimal("1234.56") + i for i in range(120))) in with_rows[-1]


def test_text_lines_for_the_terminal() -> None:
    lines = render_report_text(sample_report(), "lv").splitlines()
    assert lines[:3] == ["Maiznīca Ķekava", "PĀRDOŠANA", "Periods: novembris 2026"]
    assert "Salīdzinājumā ar: oktobris 2026" in lines and "Kase: Visas kases" in lines
    takings = next(line for line in lines if line.startswith("Ieņēmumi "))
    assert takings.split() == [
        "Ieņēmumi",
        "1",
        "234,56",
        "€",
        "1",
        "000,00",
        "€",
        "+234,56",
        "€",
        "+23,5%",
    ]
    refunds = next(line for line in lines if line.startswith("Atgriešanas"))
    assert refunds.split() == ["Atgriešanas", "3", "1", "+2", "+200%"]
    total = lines.index(next(line for line in lines if line.startswith("Kopā")))
    assert set(lines[total - 1]) == {"-"} and lines[total].split()[1] == "33"
    heat = lines.index("Rosība")
    assert lines[heat + 1].split() == ["08", "09", "10"]
    assert lines[heat + 3].split() == ["O", "1", "3", "0"]


@pytest.mark.parametrize(
    ("value", "unit", "lv", "en"),
    [
        (Decimal("-1234.5"), Unit.MONEY, "-1 234,50 €", "-€1,234.50"),
        (1234, Unit.COUNT, "1 234", "1,234"),
        (Decimal("0.352"), Unit.QUANTITY, "0,352", "0.352"),
        (Decimal("0.125"), Unit.SHARE, "12,5%", "12.5%"),
        (Decimal("4.25"), Unit.RATING, "4,3", "4.3"),
        (date(2026, 2, 1), Unit.MONTH, "februāris 2026", "February 2026"),
        (7, Unit.HOUR, "07:00", "07:00"),
        (None, Unit.MONEY, "–", "–"),  # noqa: RUF001 (an en dash)
    ],
)
def test_values_in_both_languages(value: Value, unit: Unit, lv: str, en: str) -> None:
    shown = (format_value(value, unit, "lv"), format_value(value, unit, "en"))
    assert tuple(text.replace("\xa0", " ") for text in shown) == (lv, en)


def test_changes_and_periods() -> None:
    fall = Figure(
        "voids", "Anulēti", Unit.MONEY, Decimal("50"), Decimal("80"), lower_is_better=True
    )
    assert format_change(fall, "en") == ("-€30.00", "-37.5%")
    assert format_change(Figure("n", "n", Unit.COUNT, 5, 0), "en") == ("+5", "–")  # noqa: RUF001
    assert format_change(Figure("h", "h", Unit.HOUR, 9, 10), "en") == ("", "")
    assert period_text(NOVEMBER, "lv") == "novembris 2026"
    assert period_text(Period(date(2026, 11, 3), date(2026, 11, 3)), "en") == "3 November 2026"
    week = period_text(Period(date(2026, 11, 2), date(2026, 11, 8)), "en")
    assert week == "2\u20138 Nov 2026"
