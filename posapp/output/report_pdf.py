"""A report as an A4 PDF: the header, the figures, the tables and the charts.

Texts are in posapp's embedded Noto Sans (posapp.output.pdf), so Latvian letters
print anywhere. A table longer than a page repeats its heading row on the next;
its totals row is bold under a rule. A figure's Δ is green when it is good news
and red when it is bad (a rise of refunds is bad). Charts are vector drawings
of reportlab.graphics: bars, horizontal bars (first at the top), lines, and a
heat map as a table whose cells are shaded by their value.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import BarChart, HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from posapp.output import report as doc
from posapp.output.pdf import BOLD, REGULAR, fit_text, register_fonts
from posapp.output.report import Chart, ChartKind, Report, Unit, Value
from posapp.output.report_format import (
    change_is_good,
    figure_columns,
    format_change,
    format_value,
    header_lines,
)

__all__ = ["render_report_pdf"]

_MARGIN = 15 * mm
_WIDTH = A4[0] - 2 * _MARGIN - 12  # the frame's width less platypus's padding
_INK = colors.HexColor("#1A1A1A")
_GREY = colors.HexColor("#6B6B6B")
_RULE = colors.HexColor("#8A8A8A")
_HEADING_BACK = colors.HexColor("#EEF1F4")
_GOOD = colors.HexColor("#1B7F3B")
_BAD = colors.HexColor("#B3261E")
_HEAT = colors.HexColor("#1F5FA8")
_SERIES = [colors.HexColor(c) for c in ("#1F5FA8", "#E08A1E", "#3A9D5D", "#9B59B6", "#C0392B")]
_NUMBER_COLUMN = 28 * mm
_CHART_HEIGHT = 62 * mm
_TEXT_UNITS = (Unit.TEXT, Unit.DATE, Unit.MONTH)

_NORMAL = ParagraphStyle("normal", fontName=REGULAR, fontSize=8.5, leading=11, textColor=_INK)
_RIGHT = ParagraphStyle("right", parent=_NORMAL, alignment=2)
_GOOD_RIGHT = ParagraphStyle("good", parent=_RIGHT, textColor=_GOOD)
_BAD_RIGHT = ParagraphStyle("bad", parent=_RIGHT, textColor=_BAD)
_BOLD = ParagraphStyle("bold", parent=_NORMAL, fontName=BOLD)
_BOLD_RIGHT = ParagraphStyle("bold_right", parent=_BOLD, alignment=2)
_NOTE = ParagraphStyle("note", parent=_NORMAL, fontSize=7.5, textColor=_GREY)
_SHOP = ParagraphStyle("shop", parent=_BOLD, fontSize=10, leading=13)
_TITLE = ParagraphStyle("title", parent=_BOLD, fontSize=17, leading=22, spaceAfter=3)
_SECTION = ParagraphStyle("section", parent=_BOLD, fontSize=11, leading=15, spaceBefore=6)


def render_report_pdf(report: Report, language: str) -> bytes:
    """The report as the bytes of an A4 PDF."""
    register_fonts()
    story: list[Flowable] = [
        Paragraph(escape(report.shop_name), _SHOP),
        Paragraph(escape(report.title), _TITLE),
        *(
            Paragraph(f"{escape(label)}: <b>{escape(text)}</b>", _NORMAL)
            for label, text in header_lines(report, language)
        ),
        Spacer(1, 5 * mm),
    ]
    if report.figures:
        story.append(_figures(report.figures, language))
    for table in report.tables:
        story += _table(table, language)
    for chart in report.charts:
        if not chart.is_empty:
            story.append(_chart(chart, language))
    story += [Spacer(1, 4 * mm), *(_paragraph(note, _NOTE) for note in report.notes)]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=_MARGIN,
        bottomMargin=_MARGIN,
        title=report.title,
        author=report.shop_name,
        creator="posapp",
        invariant=True,
        initialFontName=REGULAR,
    )

    def footer(canvas: Canvas, _document: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 7)
        canvas.setFillColor(_GREY)
        text = f"{report.shop_name} · {report.title}"
        canvas.drawString(_MARGIN, _MARGIN / 2, text)
        canvas.drawRightString(A4[0] - _MARGIN, _MARGIN / 2, str(canvas.getPageNumber()))
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _figures(figures: Sequence[doc.Figure], language: str) -> Table:
    heading = [
        _paragraph(label, _BOLD if i == 0 else _BOLD_RIGHT)
        for i, label in enumerate(figure_columns(language))
    ]
    rows: list[list[Flowable]] = [heading]
    for figure in figures:
        change, share = format_change(figure, language)
        good = change_is_good(figure)
        style = _RIGHT if good is None else (_GOOD_RIGHT if good else _BAD_RIGHT)
        rows.append(
            [
                _paragraph(figure.label, _NORMAL),
                _paragraph(format_value(figure.value, figure.unit, language), _BOLD_RIGHT),
                _paragraph(format_value(figure.previous, figure.unit, language), _RIGHT),
                _paragraph(change, style),
                _paragraph(share, style),
            ]
        )
    number = _NUMBER_COLUMN
    table = Table(
        rows,
        colWidths=[_WIDTH - 3 * number - 18 * mm, number, number, number, 18 * mm],
        repeatRows=1,
    )
    table.setStyle(_grid_style([]))
    return table


def _table(table: doc.Table, language: str) -> list[Flowable]:
    """The table under its title; both repeat at the top of each page it runs on to."""
    units = [column.unit for column in table.columns]

    def cells(values: Sequence[Value], bold: bool = False) -> list[Flowable | str]:
        styles = (_BOLD, _BOLD_RIGHT) if bold else (_NORMAL, _RIGHT)
        return [
            _paragraph(format_value(value, unit, language), styles[unit not in _TEXT_UNITS])
            for value, unit in zip(values, units, strict=True)
        ]

    title: list[Flowable | str] = [_paragraph(table.title, _SECTION)]
    heading: list[Flowable | str] = [
        _paragraph(column.label, _BOLD if column.unit in _TEXT_UNITS else _BOLD_RIGHT)
        for column in table.columns
    ]
    rows = [title + [""] * (len(units) - 1), heading, *(cells(row) for row in table.rows)]
    commands: list[tuple[object, ...]] = [
        ("SPAN", (0, 0), (-1, 0)),
        ("LEFTPADDING", (0, 0), (0, 0), 0),
    ]
    if table.total is not None:
        rows.append(cells(table.total, bold=True))
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, _INK))
    grid = Table(rows, colWidths=_column_widths(units), repeatRows=2)
    grid.setStyle(_grid_style(commands, heading=1))
    parts: list[Flowable] = [Spacer(1, 3 * mm), grid]
    if table.note:
        parts.append(_paragraph(table.note, _NOTE))
    return parts


def _column_widths(units: Sequence[Unit]) -> list[float]:
    """Numbers get a fixed width; texts share what is left (all share alike when crowded)."""
    texts = sum(unit in _TEXT_UNITS for unit in units)
    left = _WIDTH - _NUMBER_COLUMN * (len(units) - texts)
    if texts == 0 or left < 35 * mm * texts:
        return [_WIDTH / len(units)] * len(units)
    return [left / texts if unit in _TEXT_UNITS else _NUMBER_COLUMN for unit in units]


def _grid_style(commands: list[tuple[object, ...]], heading: int = 0) -> TableStyle:
    """A grid whose row `heading` is the columns' heading (rows above it: its title)."""
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("BACKGROUND", (0, heading), (-1, heading), _HEADING_BACK),
            ("LINEBELOW", (0, heading), (-1, heading), 0.8, _INK),
            ("LINEBELOW", (0, heading + 1), (-1, -1), 0.25, _RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            *commands,
        ]
    )


# -- charts -----------------------------------------------------------------------


def _chart(chart: Chart, language: str) -> Flowable:
    title = _paragraph(chart.title, _SECTION)
    if chart.kind is ChartKind.HEAT_MAP:
        body: Flowable = _heat_map(chart, language)
    else:
        body = _drawing(chart, language)
    return KeepTogether([Spacer(1, 3 * mm), title, body])


def _drawing(chart: Chart, language: str) -> Drawing:
    legend_height = 8 * mm if len(chart.series) > 1 else 0
    drawing = Drawing(_WIDTH, _CHART_HEIGHT + legend_height, initialFontName=REGULAR)
    categories = list(chart.categories)
    data = [[float(value) for value in series.values] for series in chart.series]

    def label(value: float) -> str:
        return format_value(_round(value, chart.unit), chart.unit, language)

    plot: VerticalBarChart | HorizontalBarChart | HorizontalLineChart
    if chart.kind is ChartKind.HORIZONTAL_BAR:
        # reportlab draws the first category at the bottom; a ranking reads from the top
        plot = HorizontalBarChart()
        categories.reverse()
        data = [row[::-1] for row in data]
        plot.x, plot.width = 45 * mm, _WIDTH - 50 * mm
        plot.y, plot.height = 8 * mm + legend_height, _CHART_HEIGHT - 10 * mm
    else:
        plot = HorizontalLineChart() if chart.kind is ChartKind.LINE else VerticalBarChart()
        plot.x, plot.width = 22 * mm, _WIDTH - 26 * mm
        plot.y, plot.height = 14 * mm + legend_height, _CHART_HEIGHT - 17 * mm
    plot.data = data or [[0.0]]
    plot.categoryAxis.categoryNames = categories
    plot.valueAxis.valueMin = min(0.0, *(min(row, default=0.0) for row in data))
    plot.valueAxis.labelTextFormat = label
    plot.valueAxis.forceZero = True
    for axis in (plot.categoryAxis, plot.valueAxis):
        axis.labels.fontName = REGULAR
        axis.labels.fontSize = 7
        axis.strokeColor = _RULE
    if len(categories) > 12 and chart.kind is not ChartKind.HORIZONTAL_BAR:
        plot.categoryAxis.labels.angle = 90
        plot.categoryAxis.labels.boxAnchor = "e"
        plot.categoryAxis.labels.dy = -2
    for index in range(len(data)):
        colour = _SERIES[index % len(_SERIES)]
        if isinstance(plot, BarChart):
            plot.bars[index].fillColor = colour
            plot.bars[index].strokeColor = None
        else:
            plot.lines[index].strokeColor = colour
            plot.lines[index].strokeWidth = 1.5
    drawing.add(plot)
    if legend_height:
        legend = Legend()
        legend.fontName = REGULAR
        legend.fontSize = 7
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.x, legend.y = plot.x, legend_height - 2 * mm
        legend.deltax = 40 * mm
        legend.colorNamePairs = [
            (_SERIES[i % len(_SERIES)], series.name) for i, series in enumerate(chart.series)
        ]
        drawing.add(legend)
    return drawing


def _heat_map(chart: Chart, language: str) -> Table:
    """The series as rows, the categories as columns, each cell shaded by its value."""
    highest = max((float(v) for s in chart.series for v in s.values), default=0.0) or 1.0
    label_width = 28 * mm
    cell_width = (_WIDTH - label_width) / max(1, len(chart.categories))
    rows: list[list[str]] = [["", *chart.categories]]
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), 7),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (1, 0), (-1, -1), 1),
        ("RIGHTPADDING", (1, 0), (-1, -1), 1),
        ("GRID", (1, 1), (-1, -1), 0.25, colors.white),
    ]
    for row_index, series in enumerate(chart.series, start=1):
        row = [series.name]
        for column, value in enumerate(series.values, start=1):
            text, size = fit_text(
                format_value(value, chart.unit, language),
                font=REGULAR,
                size=7,
                smallest=4.5,
                width=cell_width - 2,
            )
            row.append(text)
            strength = float(value) / highest
            cell = (column, row_index)
            commands += [
                (
                    "BACKGROUND",
                    cell,
                    cell,
                    colors.linearlyInterpolatedColor(colors.white, _HEAT, 0, 1, max(0.0, strength)),
                ),
                ("FONTSIZE", cell, cell, size),
                ("TEXTCOLOR", cell, cell, colors.white if strength > 0.55 else _INK),
            ]
        rows.append(row)
    table = Table(
        rows, colWidths=[label_width] + [cell_width] * len(chart.categories), repeatRows=1
    )
    table.setStyle(TableStyle(commands))
    return table


def _round(value: float, unit: Unit) -> Value:
    """An axis label's value as the unit's type (the axis computes its steps in floats)."""
    if unit in (Unit.COUNT, Unit.POINTS, Unit.HOUR):
        return round(value)
    return Decimal(str(value))
