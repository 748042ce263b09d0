"""`posapp check`: the shop's health check."""

from __future__ import annotations

import argparse
from typing import Any

from posapp.cli_common import config_of, open_shop
from posapp.i18n import _


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    check = commands.add_parser(
        "check",
        parents=[common],
        help=_("check the shop's data: receipts, sales, VAT, points, vouchers, report sums"),
    )
    check.set_defaults(handler=_check)


def _check(args: argparse.Namespace) -> int:
    from posapp.services.health import check_shop

    uow, _till = open_shop(config_of(args))
    checks = check_shop(uow)
    for check in checks:
        print(("ok    " if not check.count else "WRONG ") + check.name)
        for finding in check.findings:
            print(f"      {finding}")
        if check.count > len(check.findings):
            print("      " + _("… and {more} more").format(more=check.count - len(check.findings)))
    wrong = sum(1 for check in checks if check.count)
    if wrong:
        print(
            _(
                "{wrong} of {all} checks found something wrong. Nothing was changed; keep a copy "
                "of the database file before anyone repairs it."
            ).format(wrong=wrong, all=len(checks))
        )
        return 1
    print(_("All {all} checks passed.").format(all=len(checks)))
    return 0
