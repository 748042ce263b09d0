"""A report as plain text for the terminal (`posapp report NAME --text`).

The header, the figures beside the previous period's with Δ and Δ %, each
table in aligned columns with its totals row under a rule, and each chart as
the table of its values (a heat map with its rows and columns as drawn).
"""

from __future__ import annotations

from collections.abc import Sequence

from posapp.output.report import Chart, ChartKind, Report, Table, Unit, Value
from posapp.output.report_format import figure_columns, format_change, format_value, header_lines

__all__ = ["render_report_text"]

_GAP = "  "


def render_report_text(report: Report, language: str) -> str:
    """The report as lines of text, each ending with a newline."""
    lines = [report.shop_name, report.title.upper()]
    lines += [f"{label}: {text}" for label, text in header_lines(report, language)]
    if report.figures:
        rows = [
            [
                figure.label,
                format_value(figure.value, figure.unit, language),
                format_value(figure.previous, figure.unit, language),
                *format_change(figure, language),
            ]
            for figure in report.figures
        ]
        lines += ["", *_aligned([list(figure_columns(language)), *rows], first_left=True)]
    for table in report.tables:
        lines += ["", *_table_lines(table, language)]
    for chart in report.charts:
        lines += ["", *_chart_lines(chart, language)]
    if report.notes:
        lines += ["", *report.notes]
    return "".join(line.rstrip() + "\n" for line in lines)


def _table_lines(table: Table, language: str) -> list[str]:
    units = [column.unit for column in table.columns]

    def cells(values: Sequence[Value]) -> list[str]:
        return [
            format_value(value, unit, language) for value, unit in zip(values, units, strict=True)
        ]

    grid = [[column.label for column in table.columns], *(cells(row) for row in table.rows)]
    left = [unit in (Unit.TEXT, Unit.DATE, Unit.MONTH) for unit in units]
    if table.total is not None:
        grid.append(cells(table.total))
    lines = _aligned(grid, left=left)
    if table.total is not None:
        lines.insert(-1, "-" * max(len(line) for line in lines))
    lines.insert(0, table.title)
    if table.note:
        lines.append(table.note)
    return lines


def _chart_lines(chart: Chart, language: str) -> list[str]:
    def value(number: Value) -> str:
        return format_value(number, chart.unit, language)

    if chart.kind is ChartKind.HEAT_MAP:
        grid = [
            ["", *chart.categories],
            *([series.name, *map(value, series.values)] for series in chart.series),
        ]
    else:
        grid = [
            ["", *(series.name for series in chart.series)],
            *(
                [category, *(value(series.values[index]) for series in chart.series)]
                for index, category in enumerate(chart.categories)
            ),
        ]
    return [chart.title, *_aligned(grid, first_left=True)]


def _aligned(
    grid: Sequence[Sequence[str]],
    *,
    left: Sequence[bool] | None = None,
    first_left: bool = False,
) -> list[str]:
    """The rows in columns as wide as their widest cell; text columns flush left,
    numbers flush right (`left`, else only the first column when `first_left`)."""
    count = max(len(row) for row in grid)
    widths = [max(len(row[i]) for row in grid if i < len(row)) for i in range(count)]
    flush_left = list(left) if left is not None else [first_left and i == 0 for i in range(count)]
    return [
        _GAP.join(
            cell.ljust(widths[i]) if flush_left[i] else cell.rjust(widths[i])
            for i, cell in enumerate(row)
        )
        for row in grid
    ]
