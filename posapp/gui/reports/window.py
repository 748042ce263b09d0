"""The owner's reports window: one tab per report, a period and a till to choose, export.

The layout is ui/reports_window.ui. Every report is read off the GUI thread
(posapp.gui.operations): the window says it is busy meanwhile and stays usable,
and a newer choice supersedes an older one still running. A report read once
for a period is kept until Refresh (F5), so going back to a tab is instant.
The services refuse anyone but an owner or a manager; the window shows their
message.

Keys: Alt+P the period, Alt+F/Alt+O the custom range's days, Alt+T the till,
Ctrl+1…6 (or Ctrl+Tab) the reports, PgDown/PgUp scroll one, F5 read again,
Ctrl+E CSV, Ctrl+Shift+E PDF, Ctrl+W close.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from posapp.db.uow import UnitOfWork
from posapp.domain.periods import PRESET_NAMES, Period, Preset, period_of
from posapp.domain.roles import Actor
from posapp.errors import PosError
from posapp.gui.forms.ui_reports_window import Ui_ReportsWindow
from posapp.gui.operations import BusyBar, Operations
from posapp.gui.reports.charts import chart_widget
from posapp.gui.reports.figures import FiguresPanel
from posapp.gui.reports.tables import ReportTableView
from posapp.gui.theme import set_state
from posapp.i18n import _
from posapp.output.report import ChartKind, Report, Table
from posapp.output.report_format import header_lines
from posapp.services.reports import (
    REPORT_NAMES,
    Export,
    ReportChoices,
    ReportQuery,
    export_report,
    report_choices,
    run_report,
)

# Past this many rows a table gets a search field and scrolls inside its own frame.
SEARCHABLE_ROWS = 12


@dataclass
class _Page:
    """A report's tab: a scroll area whose content is rebuilt for each report shown."""

    name: str
    scroll: QScrollArea
    shown: tuple[str, ReportQuery] | None = None


class ReportsWindow(QMainWindow):
    report_shown = Signal(str)  # the report's name, once its figures, charts and tables are on
    failed = Signal(str)  # a message the window shows (a report or an export that failed)
    exported = Signal(str)  # the path of a file written
    closed = Signal()

    def __init__(
        self,
        uow: UnitOfWork,
        actor: Actor,
        *,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ReportsWindow()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]  # generated code
        self._actor, self._language = actor, language
        self._choices: ReportChoices | None = None
        self._reports: dict[tuple[str, ReportQuery], Report] = {}
        self.operations = Operations(uow, self)
        self.exports = Operations(uow, self)  # an export does not cancel a report being read
        ui = self.ui

        titles = {
            "sales": self.tr("&Sales"),
            "products": self.tr("P&roducts"),
            "vat": self.tr("&VAT"),
            "shifts": self.tr("S&hifts"),
            "loyalty": self.tr("&Loyalty"),
            "care": self.tr("&Care"),
        }
        self._pages: list[_Page] = []
        for number, name in enumerate(REPORT_NAMES, start=1):
            scroll = QScrollArea()
            scroll.setObjectName(f"page_{name}")
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            ui.reportTabs.addTab(scroll, titles.get(name, name))
            self._pages.append(_Page(name, scroll))
            show = QAction(self)
            show.setShortcut(QKeySequence(f"Ctrl+{number}"))
            show.triggered.connect(lambda _checked=False, i=number - 1: self.show_tab(i))
            self.addAction(show)

        for keys, step in (("PgDown", 1), ("PgUp", -1)):  # the report, wherever the focus is
            page_key = QAction(self)
            page_key.setShortcut(QKeySequence(keys))
            page_key.triggered.connect(lambda _checked=False, step=step: self.scroll_page(step))
            self.addAction(page_key)

        for preset in PRESET_NAMES:
            ui.periodCombo.addItem(_(PRESET_NAMES[preset]), preset)
        ui.periodCombo.setCurrentIndex(ui.periodCombo.findData(Preset.THIS_MONTH))
        ui.tillCombo.addItem(self.tr("All tills"), None)
        for edit in (ui.fromEdit, ui.toEdit):
            edit.setDisplayFormat("yyyy-MM-dd")
        self._set_choosing(False)

        self.busy = BusyBar(self).watch(self.operations, self.exports)
        ui.statusbar.addPermanentWidget(self.busy)
        self.message = QLabel(self)
        ui.statusbar.addWidget(self.message, 1)
        for operations in (self.operations, self.exports):
            operations.busy_changed.connect(self._busy_changed)

        ui.refreshButton.setDefaultAction(ui.actionRefresh)
        ui.csvButton.setDefaultAction(ui.actionExportCsv)
        ui.pdfButton.setDefaultAction(ui.actionExportPdf)
        self.addActions([ui.actionRefresh, ui.actionExportCsv, ui.actionExportPdf, ui.actionClose])
        ui.actionRefresh.triggered.connect(self.refresh)
        ui.actionExportCsv.triggered.connect(lambda: self.export(Export.CSV))
        ui.actionExportPdf.triggered.connect(lambda: self.export(Export.PDF))
        ui.actionClose.triggered.connect(self.close)
        ui.periodCombo.currentIndexChanged.connect(self._preset_chosen)
        ui.fromEdit.dateChanged.connect(self._days_chosen)
        ui.toEdit.dateChanged.connect(self._days_chosen)
        ui.tillCombo.currentIndexChanged.connect(lambda _index: self.show_current())
        ui.reportTabs.currentChanged.connect(lambda _index: self.show_current())

        # The shop's today and its tills come first, off the GUI thread like every read.
        self.operations.run(lambda uow: report_choices(uow, actor), self._chosen, self._failed)

    # -- what is chosen -------------------------------------------------------
    @property
    def current_name(self) -> str:
        return self._pages[self.ui.reportTabs.currentIndex()].name

    def query(self) -> ReportQuery | None:
        """The period and till chosen (None until the shop's today is known)."""
        if self._choices is None:
            return None
        ui = self.ui
        preset: Preset = ui.periodCombo.currentData()
        if preset is Preset.CUSTOM:
            first, last = ui.fromEdit.date().toPython(), ui.toEdit.date().toPython()
            assert isinstance(first, date) and isinstance(last, date)
            period = Period(first, last)
        else:
            period = period_of(preset, self._choices.today)
        return ReportQuery(period, till_code=ui.tillCombo.currentData())

    def choose(self, preset: Preset, first: date | None = None, last: date | None = None) -> None:
        """Choose a period as a person would with the picker (tests, `posapp reports`)."""
        ui = self.ui
        if first is not None and last is not None:
            self._set_days(first, last)
        ui.periodCombo.setCurrentIndex(ui.periodCombo.findData(preset))

    def scroll_page(self, step: int) -> None:
        """PgDown / PgUp: the report shown, a screen further down or up."""
        bar = self._pages[self.ui.reportTabs.currentIndex()].scroll.verticalScrollBar()
        bar.setValue(bar.value() + step * bar.pageStep())

    def show_tab(self, index: int) -> None:
        if 0 <= index < len(self._pages):
            self.ui.reportTabs.setCurrentIndex(index)

    def _chosen(self, choices: ReportChoices) -> None:
        self._choices = choices
        for code in choices.till_codes:
            self.ui.tillCombo.addItem(self.tr("Till {code}").format(code=code), code)
        self._set_choosing(True)
        self._preset_chosen()

    def _set_choosing(self, enabled: bool) -> None:
        ui = self.ui
        for chooser in (ui.periodCombo, ui.tillCombo, ui.reportTabs):
            chooser.setEnabled(enabled)
        for action in (ui.actionRefresh, ui.actionExportCsv, ui.actionExportPdf):
            action.setEnabled(enabled)
        custom = enabled and ui.periodCombo.currentData() is Preset.CUSTOM
        for widget in (ui.fromEdit, ui.toEdit, ui.fromLabel, ui.toLabel):
            widget.setEnabled(custom)

    def _preset_chosen(self) -> None:
        if self._choices is None:
            return
        preset: Preset = self.ui.periodCombo.currentData()
        if preset is not Preset.CUSTOM:  # the days of the preset, where a custom range starts
            period = period_of(preset, self._choices.today)
            self._set_days(period.first, period.last)
        self._set_choosing(True)
        self.show_current()

    def _set_days(self, first: date, last: date) -> None:
        ui = self.ui
        for edit, day in ((ui.fromEdit, first), (ui.toEdit, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _days_chosen(self) -> None:
        if self.ui.periodCombo.currentData() is Preset.CUSTOM:
            self.show_current()

    # -- reading and showing --------------------------------------------------
    def show_current(self) -> None:
        """Show the chosen report for the chosen days, read it first if it is not kept."""
        try:
            query = self.query()
        except PosError as error:  # a custom range that ends before it starts
            self._failed(error)
            return
        if query is None:
            return
        name = self.current_name
        kept = self._reports.get((name, query))
        if kept is not None:
            self._show(name, query, kept)
            return
        actor = self._actor
        self.operations.run(
            lambda uow: run_report(uow, actor, name, query),
            lambda report: self._read(name, query, report),
            self._failed,
        )

    def refresh(self) -> None:
        """F5: forget what was read, read the report shown again."""
        self._reports.clear()
        for page in self._pages:
            page.shown = None
        self.show_current()

    def _read(self, name: str, query: ReportQuery, report: Report) -> None:
        self._reports[(name, query)] = report
        self._show(name, query, report)

    def _show(self, name: str, query: ReportQuery, report: Report) -> None:
        page = self._pages[REPORT_NAMES.index(name)]
        if page.shown != (name, query):
            page.scroll.setWidget(self._content(report))
            page.shown = (name, query)
        self.ui.headerLabel.setText(
            "  ·  ".join(f"{label}: {text}" for label, text in header_lines(report, self._language))
        )
        self.message.setText("")
        set_state(self.message, "none")
        self.report_shown.emit(name)

    def _content(self, report: Report) -> QWidget:
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 8, 8, 16)
        layout.setSpacing(14)
        if report.figures:
            layout.addWidget(
                FiguresPanel(report.figures, self._language, compared=report.previous is not None)
            )
        for chart in report.charts:
            if chart.is_empty:
                continue
            if chart.kind is ChartKind.HEAT_MAP:  # a QChartView has its title inside
                layout.addWidget(_section(chart.title))
            layout.addWidget(chart_widget(chart, self._language))
        for table in report.tables:
            self._add_table(layout, table)
        for note in report.notes:
            layout.addWidget(_note(note))
        layout.addStretch(1)
        return content

    def _add_table(self, layout: QVBoxLayout, table: Table) -> None:
        layout.addWidget(_section(table.title))
        if not table.rows:
            empty = QLabel(self.tr("Nothing in this period."))
            empty.setProperty("role", "empty")
            layout.addWidget(empty)
            return
        view = ReportTableView(table, self._language)
        if len(table.rows) > SEARCHABLE_ROWS:
            search = QLineEdit()
            search.setObjectName(f"search_{table.key}")
            search.setPlaceholderText(self.tr("Search this table…"))
            search.setClearButtonEnabled(True)
            search.textChanged.connect(view.proxy.setFilterFixedString)
            layout.addWidget(search)
        layout.addWidget(view)
        if table.note:
            layout.addWidget(_note(table.note))

    def _failed(self, error: PosError) -> None:
        self.message.setText(error.message)
        self.message.setToolTip(error.message)
        set_state(self.message, "error")
        self.failed.emit(error.message)

    def _busy_changed(self, _busy: bool) -> None:
        if self.busy.busy:  # the busy bar says "Working…"; an earlier message is stale
            self.message.clear()
            self.message.setToolTip("")
            set_state(self.message, "none")

    # -- export ---------------------------------------------------------------
    def export(self, kind: Export) -> None:
        """Ctrl+E / Ctrl+Shift+E: the report shown, to a file the owner chooses."""
        query = self.query()
        if query is None:
            return
        name = self.current_name
        suffix = kind.value
        suggested = f"{name}-{query.period.first.isoformat()}-{query.period.last.isoformat()}"
        if query.till_code is not None:
            suggested += f"-{query.till_code}"
        kinds = {
            Export.CSV: self.tr("CSV files (*.csv)"),
            Export.PDF: self.tr("PDF documents (*.pdf)"),
        }
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the report"), f"{suggested}.{suffix}", kinds[kind]
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != f".{suffix}":
            path = path.with_name(f"{path.name}.{suffix}")
        actor, language = self._actor, self._language
        self.exports.run(
            lambda uow: export_report(uow, actor, name, query, kind, path, language),
            self._exported,
            self._export_failed,
        )

    def _exported(self, path: Path) -> None:
        self.message.setText(self.tr("Written: {path}").format(path=path))
        set_state(self.message, "ok")
        self.exported.emit(str(path))

    def _export_failed(self, error: PosError) -> None:
        self._failed(error)
        QMessageBox.warning(self, self.tr("The report was not saved"), error.message)

    # -- closing --------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        """Nothing more is delivered to a closed window; an export under way still finishes."""
        self.operations.cancel()
        self.operations.wait()
        self.exports.wait()
        super().closeEvent(event)
        self.closed.emit()


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "section")
    return label


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("role", "caption")
    return label
