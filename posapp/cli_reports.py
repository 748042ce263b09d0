"""`posapp report NAME …` (a report as CSV, PDF or text), `posapp reports` (the window)
and `posapp reports rebuild`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from posapp.cli_common import config_of, open_shop, parse_date
from posapp.domain.periods import PRESET_NAMES, Preset, period_of
from posapp.domain.roles import Actor
from posapp.errors import InvalidInput
from posapp.i18n import _, language

PRESETS = [preset.value for preset in PRESET_NAMES if preset is not Preset.CUSTOM]


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    from posapp.services.reports import REPORT_NAMES

    report = commands.add_parser(
        "report",
        parents=[common],
        help=_("a report for a period as CSV, PDF or text: {names}").format(
            names=", ".join(REPORT_NAMES)
        ),
    )
    report.add_argument("name", metavar="NAME", choices=REPORT_NAMES, help=", ".join(REPORT_NAMES))
    report.add_argument(
        "--period",
        choices=PRESETS,
        help=_("a period named from today (default: last_month)"),
    )
    report.add_argument("--from", dest="first", type=parse_date, metavar="YYYY-MM-DD")
    report.add_argument("--to", dest="last", type=parse_date, metavar="YYYY-MM-DD")
    report.add_argument(
        "--for-till",
        metavar="CODE",
        help=_("one till's figures only (default: all tills; --till is this till)"),
    )
    output = report.add_mutually_exclusive_group(required=True)
    output.add_argument("--csv", type=Path, metavar="FILE", help=_("write a CSV file"))
    output.add_argument("--pdf", type=Path, metavar="FILE", help=_("write an A4 PDF"))
    output.add_argument("--text", action="store_true", help=_("print it as text"))
    report.set_defaults(handler=_report)

    reports = commands.add_parser(
        "reports",
        parents=[common],
        help=_("the owner's reports: sign in, then the reports window"),
    )
    reports.set_defaults(handler=_open_window)
    report_commands = reports.add_subparsers(title=_("commands"), metavar="COMMAND")
    rebuild = report_commands.add_parser(
        "rebuild", parents=[common], help=_("sum the reports' figures again from every sale")
    )
    rebuild.set_defaults(handler=_rebuild)


def _report(args: argparse.Namespace) -> int:
    from posapp.services.reports import Export, ReportQuery, export_report, render_report
    from posapp.services.settings import load_settings

    if (args.first is None) != (args.last is None):
        raise InvalidInput(_("Give both --from and --to, or neither."))
    if args.first is not None and args.period is not None:
        raise InvalidInput(_("Give either --period or --from and --to, not both."))
    uow, _till = open_shop(config_of(args))
    settings = load_settings(uow)
    if args.first is not None:
        period = period_of(Preset.CUSTOM, args.first, args.first, args.last)
    else:
        today = settings.local_date(uow.now())
        period = period_of(Preset(args.period or Preset.LAST_MONTH.value), today)
    query = ReportQuery(period, till_code=args.for_till)
    actor = Actor.command_line()
    shown_in = language()
    if args.text:
        text = render_report(uow, actor, args.name, query, Export.TEXT, shown_in)
        sys.stdout.write(text.decode())
        return 0
    kind, path = (Export.CSV, args.csv) if args.csv is not None else (Export.PDF, args.pdf)
    export_report(uow, actor, args.name, query, kind, path, shown_in)
    print(_("Written: {path}").format(path=path))
    return 0


def _open_window(args: argparse.Namespace) -> int:
    from posapp.gui.app import run_reports

    return run_reports(config_of(args))


def _rebuild(args: argparse.Namespace) -> int:
    from posapp.services.reports import aggregates

    uow, _till = open_shop(config_of(args))
    through = aggregates.rebuild(uow)
    if through is None:
        print(_("No shop day has ended yet: there is nothing to sum."))
    else:
        print(_("The reports' figures are summed up to {day}.").format(day=through.isoformat()))
    return 0
