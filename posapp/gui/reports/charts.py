"""A report's chart in the window: QtCharts for bars and lines, a shaded grid for a heat map.

QtCharts has no heat map; a table whose cells are shaded by their value
(darker is more) shows the weekday-by-hour takings as well, with the number
in each cell. Every label and tooltip is formatted with Babel for the shop's
language, the axes with the QLocale of that language.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QMargins, QObject, QPointF, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QPainter
from PySide6.QtWidgets import QHeaderView, QTableView, QToolTip, QWidget

from posapp.gui.models.base import TableModel
from posapp.output.report import Chart, ChartKind, Unit
from posapp.output.report_format import format_value

# The colours of a chart's series, in order (the theme's blue first).
PALETTE = ("#1d4ed8", "#f79009", "#067647", "#b42318", "#7a5af8", "#475467")
CHART_HEIGHT = 340
_HEAT_LOW, _HEAT_HIGH = QColor("#ffffff"), QColor("#1d4ed8")
_AXIS_FORMATS = {Unit.MONEY: "%.0f €", Unit.SHARE: "%.0f %%", Unit.RATING: "%.1f"}


def chart_widget(chart: Chart, language: str, parent: QWidget | None = None) -> QWidget:
    """The widget that draws `chart`: a QChartView, or for a heat map a shaded table."""
    if chart.kind is ChartKind.HEAT_MAP:
        return _heat_map(chart, language, parent)
    view = QChartView(_qchart(chart, language), parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(
        max(CHART_HEIGHT, 36 * len(chart.categories))
        if chart.kind is ChartKind.HORIZONTAL_BAR
        else CHART_HEIGHT
    )
    view.setObjectName(f"chart_{chart.key}")
    return view


def _qchart(chart: Chart, language: str) -> QChart:
    qchart = QChart()
    qchart.setTitle(chart.title)
    title_font = QFont()
    title_font.setPointSize(14)
    title_font.setBold(True)
    qchart.setTitleFont(title_font)
    qchart.setLocale(QLocale(language))
    qchart.setLocalizeNumbers(True)
    qchart.setMargins(QMargins(6, 6, 6, 6))
    qchart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    qchart.legend().setVisible(len(chart.series) > 1)
    qchart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    horizontal = chart.kind is ChartKind.HORIZONTAL_BAR
    # A horizontal chart is drawn from the bottom up: its first category (the funnel's
    # top, the best seller) is put last, so that it is on top.
    order = list(range(len(chart.categories)))[:: -1 if horizontal else 1]
    categories = QBarCategoryAxis()
    categories.append([list(_thinned(chart.categories))[i] for i in order])
    values = QValueAxis()
    values.setLabelFormat(_AXIS_FORMATS.get(chart.unit, "%.0f"))
    scale = 100 if chart.unit is Unit.SHARE else 1
    highest = max((float(v) * scale for s in chart.series for v in s.values), default=0.0)
    values.setRange(0, highest * 1.08 if highest > 0 else 1)
    values.applyNiceNumbers()
    if chart.kind is ChartKind.LINE:
        for index, series in enumerate(chart.series):
            line = QLineSeries()
            line.setName(series.name)
            line.setColor(QColor(PALETTE[index % len(PALETTE)]))
            line.setPointsVisible(len(series.values) <= 60)
            for x, value in enumerate(series.values):
                line.append(QPointF(x, float(value) * scale))
            qchart.addSeries(line)
    else:
        bars: QAbstractBarSeries = QHorizontalBarSeries() if horizontal else QBarSeries()
        for index, series in enumerate(chart.series):
            bar_set = QBarSet(series.name)
            bar_set.setColor(QColor(PALETTE[index % len(PALETTE)]))
            bar_set.append([float(series.values[i]) * scale for i in order])
            bar_set.hovered.connect(_TooltipOf(chart, index, order, language, bar_set).show)
            bars.append(bar_set)
        qchart.addSeries(bars)
    along, across = (
        (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom)
        if horizontal
        else (Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft)
    )
    categories.setTruncateLabels(False)  # a product's or a stage's name whole, a day's date
    if not horizontal and len(chart.categories) > 12:
        categories.setLabelsAngle(-90)
    qchart.addAxis(categories, along)
    qchart.addAxis(values, across)
    for drawn in qchart.series():
        drawn.attachAxis(categories)
        drawn.attachAxis(values)
    return qchart


def _thinned(categories: Sequence[str]) -> Sequence[str]:
    """The axis' labels; past 31 of them (a year by day) only every seventh is written."""
    if len(categories) <= 31:
        return categories
    # Labels must stay unique for QBarCategoryAxis: the unwritten ones are spaces of their own.
    return [
        label if index % 7 == 0 else " " * (index + 1) for index, label in enumerate(categories)
    ]


class _TooltipOf(QObject):
    """A bar's category and value in a tooltip while the pointer is on it."""

    def __init__(
        self, chart: Chart, series: int, order: list[int], language: str, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._chart, self._series, self._order, self._language = chart, series, order, language

    def show(self, status: bool, drawn: int) -> None:
        if not status:
            QToolTip.hideText()
            return
        index = self._order[drawn]
        series = self._chart.series[self._series]
        value = format_value(series.values[index], self._chart.unit, self._language)
        QToolTip.showText(QCursor.pos(), f"{self._chart.categories[index]}\n{series.name}: {value}")


class HeatMapModel(TableModel):
    """A heat map's rows (its series: the weekdays) by its columns (its categories: hours),
    each cell shaded between white and the theme's blue by its share of the highest."""

    def __init__(self, chart: Chart, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.chart = chart
        self._language = language
        # The hours the shop traded in: from the first column with a value to the last.
        used = [i for i in range(len(chart.categories)) if any(s.values[i] for s in chart.series)]
        self._first = used[0] if used else 0
        self.column_count = (used[-1] + 1 - self._first) if used else len(chart.categories)
        self.right_aligned = frozenset(range(self.column_count))
        self._highest = max((Decimal(v) for s in chart.series for v in s.values), default=0)

    def row_count(self) -> int:
        return len(self.chart.series)

    def headers(self) -> tuple[str, ...]:
        return self.chart.categories[self._first : self._first + self.column_count]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return self.chart.series[section].name
        return super().headerData(section, orientation, role)

    def cell(self, row: int, shown: int, role: int) -> Any:
        column = self._first + shown
        value = self.chart.series[row].values[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return format_value(round(value), Unit.COUNT, self._language) if value else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"{self.chart.series[row].name} {self.chart.categories[column]}: "
                f"{format_value(value, self.chart.unit, self._language)}"
            )
        if role == Qt.ItemDataRole.BackgroundRole:
            return _shade(Decimal(value) / self._highest if self._highest else Decimal(0))
        if role == Qt.ItemDataRole.ForegroundRole:
            dark = self._highest and Decimal(value) / self._highest > Decimal("0.55")
            return QColor("#ffffff") if dark else QColor("#101828")
        return None


def _shade(fraction: Decimal) -> QColor:
    f = float(fraction)
    return QColor(
        round(_HEAT_LOW.red() + (_HEAT_HIGH.red() - _HEAT_LOW.red()) * f),
        round(_HEAT_LOW.green() + (_HEAT_HIGH.green() - _HEAT_LOW.green()) * f),
        round(_HEAT_LOW.blue() + (_HEAT_HIGH.blue() - _HEAT_LOW.blue()) * f),
    )


def _heat_map(chart: Chart, language: str, parent: QWidget | None) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(f"chart_{chart.key}")
    view.setProperty("role", "report")
    view.setModel(HeatMapModel(chart, language, view))
    view.setShowGrid(False)
    view.setSelectionMode(QTableView.SelectionMode.NoSelection)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    view.horizontalHeader().setMinimumSectionSize(30)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    view.setFixedHeight(36 * (len(chart.series) + 1) + 8)
    view.setToolTip(chart.title)
    return view
