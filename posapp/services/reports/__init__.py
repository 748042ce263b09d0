"""The owner's reports: one module per report, each with `build(uow, actor, query)`.

Every report is for owners and managers (Permission.SEE_REPORTS, checked in
each `build`), reads one period of the shop's days for all tills or one, and
returns a posapp.output.report.Report with its figures beside the previous
period's. Takings are read from the aggregates (posapp.services.reports.aggregates),
never by scanning years of sale lines.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from importlib import import_module
from pathlib import Path

from posapp.db.uow import UnitOfWork
from posapp.domain.periods import Period
from posapp.domain.roles import Actor, Permission, require
from posapp.errors import InvalidInput
from posapp.i18n import _
from posapp.output.report import Report

# `posapp report NAME` and the tabs of the reports window, in this order.
REPORT_NAMES = ("sales", "products", "vat", "shifts", "loyalty", "care")


WINDOW_ROWS = 1000  # the rows of a long table the window shows


@dataclass(frozen=True)
class ReportQuery:
    period: Period
    till_code: str | None = None  # None: all tills
    compare: bool = True  # also compute the previous period's figures
    # Rows of a report's longest table (the products sold): the first `limit` by revenue;
    # None lists them all (a CSV export). Totals always cover every row.
    limit: int | None = WINDOW_ROWS


@dataclass(frozen=True)
class ReportChoices:
    """What a person choosing a report picks from: the shop's today and its tills."""

    today: date  # in the shop's time zone
    till_codes: tuple[str, ...]


def report_choices(uow: UnitOfWork, actor: Actor) -> ReportChoices:
    """The periods' today and the tills to choose from, for an actor who may see reports."""
    require(actor, Permission.SEE_REPORTS)
    from posapp.services.settings import read_settings
    from posapp.services.shifts import till_codes

    with uow:
        return ReportChoices(read_settings(uow).local_date(uow.now()), till_codes(uow))


def run_report(uow: UnitOfWork, actor: Actor, name: str, query: ReportQuery) -> Report:
    """The report called `name` (one of REPORT_NAMES) for `query`, the aggregates caught up."""
    if name not in REPORT_NAMES:
        raise InvalidInput(
            _("There is no report called {name}. Choose one of: {names}.").format(
                name=name, names=", ".join(REPORT_NAMES)
            )
        )
    require(actor, Permission.SEE_REPORTS)
    from posapp.services.reports import aggregates, kept

    aggregates.catch_up(uow)  # the days ended since the last report, summed once
    kept.catch_up(uow)  # and the months and years over since, read once
    module = import_module(f"posapp.services.reports.{name}")
    report: Report = module.build(uow, actor, query)
    return report


class Export(Enum):
    CSV = "csv"  # every row of every table (a products CSV lists every product)
    PDF = "pdf"  # A4, as the window shows it
    TEXT = "text"  # for a terminal


def render_report(
    uow: UnitOfWork, actor: Actor, name: str, query: ReportQuery, kind: Export, shown_in: str
) -> bytes:
    """The report called `name` as a document of `kind`, in the language `shown_in`."""
    if kind is Export.CSV:
        query = replace(query, limit=None)
    report = run_report(uow, actor, name, query)
    if kind is Export.CSV:
        from posapp.output.report_csv import render_report_csv

        return render_report_csv(report, shown_in)
    if kind is Export.PDF:
        from posapp.output.report_pdf import render_report_pdf

        return render_report_pdf(report, shown_in)
    from posapp.output.report_text import render_report_text

    return render_report_text(report, shown_in).encode()


def export_report(
    uow: UnitOfWork,
    actor: Actor,
    name: str,
    query: ReportQuery,
    kind: Export,
    path: Path,
    shown_in: str,
) -> Path:
    """Write the report as a CSV or PDF file at `path` (InvalidInput when it cannot be)."""
    from posapp.output.files import write_file

    write_file(path, render_report(uow, actor, name, query, kind, shown_in))
    return path
