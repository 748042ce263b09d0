"""The owner's reports: one module per report, each with `build(uow, actor, query)`.

Every report is for owners and managers (Permission.SEE_REPORTS, checked in
each `build`), reads one period of the shop's days for all tills or one, and
returns a posapp.output.report.Report with its figures beside the previous
period's. Takings are read from the aggregates (posapp.services.reports.aggregates),
never by scanning years of sale lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from posapp.db.uow import UnitOfWork
from posapp.domain.periods import Period
from posapp.domain.roles import Actor, Permission, require
from posapp.errors import InvalidInput
from posapp.i18n import _
from posapp.output.report import Report

# `posapp report NAME` and the tabs of the reports window, in this order.
REPORT_NAMES = ("sales", "products", "vat", "shifts", "loyalty", "care")


@dataclass(frozen=True)
class ReportQuery:
    period: Period
    till_code: str | None = None  # None: all tills
    compare: bool = True  # also compute the previous period's figures
    # Rows of a report's longest table (the products sold): the first `limit` by revenue;
    # None lists them all (a CSV export). Totals always cover every row.
    limit: int | None = 1000


def run_report(uow: UnitOfWork, actor: Actor, name: str, query: ReportQuery) -> Report:
    """The report called `name` (one of REPORT_NAMES) for `query`, the aggregates caught up."""
    if name not in REPORT_NAMES:
        raise InvalidInput(
            _("There is no report called {name}. Choose one of: {names}.").format(
                name=name, names=", ".join(REPORT_NAMES)
            )
        )
    require(actor, Permission.SEE_REPORTS)
    from posapp.services.reports import aggregates

    aggregates.catch_up(uow)  # the days ended since the last report, summed once
    module = import_module(f"posapp.services.reports.{name}")
    report: Report = module.build(uow, actor, query)
    return report
