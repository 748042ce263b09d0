"""What every `posapp` command shares: its parser class, the configuration, the shop."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import NoReturn

from posapp.config import Config
from posapp.db.uow import UnitOfWork
from posapp.i18n import _

Handler = Callable[[argparse.Namespace], int]


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, _("posapp: {message} (see posapp --help)\n").format(message=message))


def config_of(args: argparse.Namespace) -> Config:
    return Config.load(args.db, args.till)


def open_shop(config: Config) -> tuple[UnitOfWork, int]:
    """The shop's database, upgraded and ready, and this till's id."""
    from posapp.services.setup import open_database, prepare_shop

    uow = open_database(config.database)
    return uow, prepare_shop(uow, config.till_code)


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a date: write it as YYYY-MM-DD").format(text=text)
        ) from None
