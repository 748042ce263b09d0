"""The `posapp` command. No arguments: the till's window. Subcommands for the rest.

Every failure prints one line saying what to do and exits non-zero; an
unexpected one also writes its details to posapp.log in the data directory.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from datetime import time as dt_time
from pathlib import Path

from sqlalchemy import exc as sa_exc
from sqlalchemy import select

import posapp
from posapp import cli_health, cli_reports, i18n
from posapp.cli_common import Handler, Parser, config_of, open_shop, parse_date
from posapp.config import Config, log_file_handler
from posapp.db import schema
from posapp.db.engine import database_url, make_engine
from posapp.db.models import Setting
from posapp.db.uow import database_error
from posapp.domain.roles import Actor, Role, role_name
from posapp.errors import ImportFailed, InvalidInput, PosError, PrinterUnavailable
from posapp.i18n import _
from posapp.output.files import write_file


def _common_options(default: object) -> Parser:
    """Options taken before or after the command (`posapp --db X demo`, `posapp demo --db X`).

    The commands get their own copy with SUPPRESS defaults, so that an option
    not repeated after the command keeps the value given before it.
    """
    common = Parser(add_help=False, argument_default=default)
    common.add_argument(
        "--db",
        metavar="URL_OR_PATH",
        help=_(
            "the database: a SQLite file or a postgresql:// URL (default: "
            "$POSAPP_DATABASE_URL, else posapp.sqlite in the data directory)"
        ),
    )
    common.add_argument(
        "--till",
        metavar="CODE",
        help=_("this till's code (default: T1)"),
    )
    common.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        help=_("language of printed texts"),
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common_options(argparse.SUPPRESS)
    parser = Parser(
        prog="posapp",
        description=_("Point of sale for small shops. Without a command, opens the till."),
        parents=[_common_options(None)],
    )
    parser.add_argument("--version", action="version", version=f"posapp {posapp.__version__}")
    parser.set_defaults(handler=_open_till)
    commands = parser.add_subparsers(title=_("commands"), metavar="COMMAND", parser_class=Parser)

    demo = commands.add_parser(
        "demo", parents=[common], help=_("build the demo shop (a Riga bakery-café)")
    )
    demo.add_argument("--open", action="store_true", help=_("open the till on it afterwards"))
    demo.add_argument("--rebuild", action="store_true", help=_("build it anew if it exists"))
    demo.add_argument("--days", type=int, default=183, help=_("days of history (default 183)"))
    demo.set_defaults(handler=_demo)

    db = commands.add_parser("db", help=_("database maintenance"))
    db_commands = db.add_subparsers(title=_("commands"), metavar="COMMAND", required=True)
    upgrade = db_commands.add_parser(
        "upgrade", parents=[common], help=_("bring the schema up to date")
    )
    upgrade.set_defaults(handler=_db_upgrade)

    imports = commands.add_parser("import", help=_("import data from a file"))
    import_commands = imports.add_subparsers(title=_("commands"), metavar="WHAT", required=True)
    products = import_commands.add_parser(
        "products", parents=[common], help=_("products from a CSV file")
    )
    products.add_argument("file", type=Path, metavar="FILE.csv")
    products.add_argument(
        "--skip-bad", action="store_true", help=_("import the good rows and list the bad ones")
    )
    products.set_defaults(handler=_import_products)

    points = commands.add_parser("loyalty", help=_("the loyalty programme's points"))
    points_commands = points.add_subparsers(title=_("commands"), metavar="COMMAND", required=True)
    expire = points_commands.add_parser(
        "expire", parents=[common], help=_("expire points and vouchers past their time")
    )
    expire.add_argument(
        "--date",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help=_("as at the end of this day (default: now)"),
    )
    expire.set_defaults(handler=_loyalty_expire)
    adjust = points_commands.add_parser(
        "adjust", parents=[common], help=_("add or take away a member's points, saying why")
    )
    adjust.add_argument("card", metavar="CARD", help=_("the member's card number"))
    adjust.add_argument(
        "points", type=int, metavar="POINTS", help=_("points to add (negative: to take away)")
    )
    adjust.add_argument("--reason", required=True, help=_("why (kept in the points ledger)"))
    adjust.set_defaults(handler=_loyalty_adjust)

    user = commands.add_parser("user", help=_("users and PINs"))
    user_commands = user.add_subparsers(title=_("commands"), metavar="COMMAND", required=True)
    add = user_commands.add_parser("add", parents=[common], help=_("add a user (asks for the PIN)"))
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[role.value for role in Role])
    add.set_defaults(handler=_user_add)

    receipt = commands.add_parser(
        "receipt", parents=[common], help=_("a receipt as PDF, ESC/POS or text, or print a copy")
    )
    receipt.add_argument("number", metavar="NUMBER", help=_("T1-42, or 42 on this till"))
    output = receipt.add_mutually_exclusive_group(required=True)
    output.add_argument("--pdf", type=Path, metavar="FILE", help=_("write a PDF"))
    output.add_argument(
        "--escpos", type=Path, metavar="FILE", help=_("write the receipt printer's ESC/POS job")
    )
    output.add_argument("--text", action="store_true", help=_("print it as text"))
    output.add_argument(
        "--print",
        action="store_true",
        help=_("print a copy now on this till's receipt printer"),
    )
    receipt.add_argument(
        "--width",
        choices=["80", "58", "a4"],
        help=_("with --pdf: an 80 or 58 mm roll, or an A4 invoice (default: the shop's roll)"),
    )
    receipt.add_argument("--buyer", metavar="NAME", help=_("a company buying: its name"))
    receipt.add_argument("--buyer-address", metavar="ADDRESS", default="")
    receipt.add_argument("--buyer-vat", metavar="NUMBER", default="", help=_("its VAT number"))
    receipt.set_defaults(handler=_receipt)

    settings = commands.add_parser(
        "settings", parents=[common], help=_("show the shop's settings, or change one")
    )
    settings.set_defaults(handler=_settings_show)
    settings_commands = settings.add_subparsers(title=_("commands"), metavar="COMMAND")
    setting = settings_commands.add_parser("set", parents=[common], help=_("change a setting"))
    setting.add_argument("name")
    setting.add_argument("value")
    setting.set_defaults(handler=_settings_set)
    cli_health.add_commands(commands, common)
    cli_reports.add_commands(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if "--lang" in args_list[:-1]:  # before the parser is built: its help is translated too
        i18n.set_language(args_list[args_list.index("--lang") + 1])
    args = build_parser().parse_args(args_list)
    handler: Handler = args.handler
    try:
        return handler(args)
    except ImportFailed as error:
        print(_("posapp: {message}").format(message=error.message), file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return error.exit_code
    except PosError as error:
        print(_("posapp: {message}").format(message=error.message), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print(_("posapp: stopped."), file=sys.stderr)
        return 130
    except (sa_exc.OperationalError, sa_exc.InterfaceError) as error:
        print(_("posapp: {message}").format(message=database_error(error).message), file=sys.stderr)
        return 4
    except Exception as error:
        log = _log_unexpected(error)
        print(
            _(
                "posapp: something unexpected went wrong ({error}). Nothing recorded was lost; "
                "details are in {log}."
            ).format(error=type(error).__name__, log=log),
            file=sys.stderr,
        )
        return 70


def _log_unexpected(error: Exception) -> Path:
    handler = log_file_handler()
    if handler is None:
        return Path(os.devnull)
    logger = logging.getLogger("posapp")
    logger.addHandler(handler)
    logger.error("unexpected error", exc_info=error)
    logger.removeHandler(handler)
    handler.close()
    return Path(handler.baseFilename)


def _open_till(args: argparse.Namespace) -> int:
    from posapp.gui.app import run

    return run(config_of(args))


def _db_upgrade(args: argparse.Namespace) -> int:
    config = config_of(args)
    engine = make_engine(database_url(config.database))
    try:
        before = schema.current_revision(engine)
        if schema.upgrade(engine):
            print(
                _("Database upgraded from schema {old} to {new}.").format(
                    old=before or _("(empty)"), new=schema.HEAD_REVISION
                )
            )
        else:
            print(
                _("Database is up to date (schema {revision}).").format(
                    revision=schema.HEAD_REVISION
                )
            )
    finally:
        engine.dispose()
    return 0


def _import_products(args: argparse.Namespace) -> int:
    from posapp.services.product_import import import_products

    uow, _till = open_shop(config_of(args))
    report = import_products(uow, Actor.command_line(), args.file, skip_bad=args.skip_bad)
    print(
        _("Imported {path}: {created} new, {updated} updated.").format(
            path=args.file, created=report.created, updated=report.updated
        )
    )
    if report.skipped:
        print(_("Left out {count} line(s) with problems:").format(count=len(report.skipped)))
        for problem in report.skipped:
            print(f"  {problem}")
    return 0


def _loyalty_expire(args: argparse.Namespace) -> int:
    from posapp.services import loyalty
    from posapp.services.settings import load_settings, shop_time_zone

    uow, _till = open_shop(config_of(args))
    as_of = None
    if args.date is not None:
        zone = shop_time_zone(load_settings(uow).time_zone)[1]
        as_of = datetime.combine(args.date, dt_time.max, zone).astimezone(UTC)
    report = loyalty.expire_points(uow, Actor.command_line(), as_of)
    print(
        i18n.ngettext(
            "Expired {points} points of {customers} member, and {vouchers} vouchers.",
            "Expired {points} points of {customers} members, and {vouchers} vouchers.",
            report.customers,
        ).format(points=report.points, customers=report.customers, vouchers=report.vouchers)
    )
    return 0


def _loyalty_adjust(args: argparse.Namespace) -> int:
    from posapp.services import catalog, loyalty

    uow, _till = open_shop(config_of(args))
    with uow:
        member = catalog.customer_by_card(uow, args.card.strip())
    if member is None:
        raise InvalidInput(
            _("Card {number} belongs to no member. Check the number on the card.").format(
                number=args.card.strip()
            )
        )
    balance = loyalty.adjust_points(
        uow, Actor.command_line(), member.customer_id, args.points, args.reason
    )
    print(
        _("{name} now has {balance} points ({change:+d}).").format(
            name=member.name, balance=balance, change=args.points
        )
    )
    return 0


def _read_pin(name: str) -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    pin = getpass.getpass(_("PIN for {name} (4-8 digits): ").format(name=name))
    if getpass.getpass(_("The same PIN again: ")) != pin:
        raise InvalidInput(_("The two PINs differ. Nothing was changed; try again."))
    return pin


def _user_add(args: argparse.Namespace) -> int:
    from posapp.services import users

    uow, _till = open_shop(config_of(args))
    info = users.add_user(
        uow, Actor.command_line(), args.name, Role(args.role), _read_pin(args.name)
    )
    print(_("Added {role} {name}.").format(role=role_name(info.role), name=info.name))
    return 0


def _receipt(args: argparse.Namespace) -> int:
    from posapp.output.receipt import Buyer
    from posapp.services import printing, receipts
    from posapp.services.settings import load_settings

    config = config_of(args)
    uow, _till = open_shop(config)
    reference = receipts.receipt_reference(args.number, config.till_code)
    if args.print:
        printing.reprint(
            uow,
            Actor.command_line(),
            reference.till_code,
            reference.receipt_number,
            printing_till=config.till_code,
            printer=config.printer,
        )
        run = printing.print_pending(uow, till_code=config.till_code, printer=config.printer)
        if run.message is not None:
            print(_("posapp: {message}").format(message=run.message), file=sys.stderr)
            return PrinterUnavailable.exit_code
        if not run.printed:
            raise InvalidInput(
                _(
                    "This till has no receipt printer. Set one with: posapp settings set "
                    "printer network:HOST (or usb:VID:PID, serial:DEVICE, file:PATH)"
                )
            )
        print(_("Printed: {receipts}").format(receipts=", ".join(run.printed)))
        return 0
    buyer = Buyer(args.buyer, args.buyer_address, args.buyer_vat) if args.buyer else None
    receipt = receipts.receipt_for(
        uow, reference.till_code, reference.receipt_number, buyer=buyer, language=args.lang
    )
    settings = load_settings(uow)
    if args.text:
        from posapp.output.receipt_text import COLUMNS, render_receipt_text

        print(render_receipt_text(receipt, COLUMNS[settings.receipt_width]), end="")
        return 0
    if args.escpos:
        from posapp.output.receipt_escpos import render_receipt_escpos
        from posapp.output.receipt_text import COLUMNS

        data = render_receipt_escpos(
            receipt,
            columns=COLUMNS[settings.receipt_width],
            code_page=settings.printer_code_page,
            profile=settings.printer_profile,
        )
        write_file(args.escpos, data)
        print(_("Wrote {path}").format(path=args.escpos))
        return 0
    from posapp.output.receipt_pdf import render_invoice_pdf, render_receipt_pdf

    width = args.width or str(settings.receipt_width)
    write_file(
        args.pdf,
        render_invoice_pdf(receipt) if width == "a4" else render_receipt_pdf(receipt, int(width)),
    )
    print(_("Wrote {path}").format(path=args.pdf))
    return 0


def _settings_show(args: argparse.Namespace) -> int:
    from posapp.services.settings import load_settings, setting_names, setting_text

    uow, _till = open_shop(config_of(args))
    current = load_settings(uow)
    for name in setting_names():
        print(f"{name} = {setting_text(current, name)}")
    return 0


def _settings_set(args: argparse.Namespace) -> int:
    from posapp.services.settings import parse_setting, setting_text, update_settings

    uow, _till = open_shop(config_of(args))
    value = parse_setting(args.name, args.value)
    changed = update_settings(uow, Actor.command_line(), **{args.name: value})
    print(f"{args.name} = {setting_text(changed, args.name)}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from posapp.demo.build import build_demo_file
    from posapp.demo.shop import TILL
    from posapp.domain.reminders import kind_name

    target = args.db or Config.demo_database()
    if args.days < 1:
        raise InvalidInput(_("--days is at least 1."))
    if _holds_demo(target) and not args.rebuild:
        print(
            _("The demo shop is already at {target} (use --rebuild to make it anew).").format(
                target=target
            )
        )
    else:
        started = time.monotonic()
        summary = build_demo_file(
            target,
            until=datetime.now(UTC),
            days=args.days,
            progress=_progress if sys.stderr.isatty() else None,
        )
        print(
            _('Demo shop "{shop}" built in {seconds:.0f} s at {target}').format(
                shop=summary.shop_name, seconds=time.monotonic() - started, target=target
            )
        )
        print(
            _(
                "  {products} products ({weighed} weighed), {customers} customers, {sales} sales "
                "from {first} to {last}, {refunds} refunds, {voids} voided sales."
            ).format(
                products=summary.products,
                weighed=summary.weighed_products,
                customers=summary.customers,
                sales=summary.sales,
                first=summary.first_day,
                last=summary.last_day,
                refunds=summary.refunds,
                voids=summary.voids,
            )
        )
        print(_("  Users and their PINs:"))
        for name, role, pin in summary.users:
            print(f"    {name:<8} {role_name(role):<10} {pin}")
        print(_("  Loyalty cards to try:"))
        for card in summary.cards:
            held = (
                _("blocked: replaced by a new card")
                if card.blocked
                else i18n.ngettext("{points} point", "{points} points", card.balance).format(
                    points=card.balance
                )
            )
            if card.vouchers and not card.blocked:
                held += ", " + _("vouchers {codes}").format(codes=", ".join(card.vouchers))
            print(f"    {card.number}  {card.name:<18} {held}")
            if card.reminders:
                kinds = ", ".join(kind_name(kind) for kind in card.reminders)
                print(" " * 21 + _("reminds of: {kinds}").format(kinds=kinds))
    if args.open:
        from posapp.gui.app import run

        return run(Config(database=target, till_code=args.till or TILL))
    print(_("Open it with: posapp --db {target}").format(target=target))
    return 0


def _progress(done: int, total: int) -> None:
    end = "\n" if done == total else ""
    label = _("Building history")
    print(f"\r{label}: {100 * done // total:3d} %", end=end, file=sys.stderr)


def _holds_demo(target: str) -> bool:
    """Whether the database exists and is a demo shop; refuses one holding a real shop."""
    url = database_url(target)
    if url.get_backend_name() == "sqlite" and not Path(str(url.database)).exists():
        return False
    engine = make_engine(url)
    try:
        if schema.current_revision(engine) is None:
            return False
        with engine.connect() as connection:
            flag = connection.execute(
                select(Setting.value).where(Setting.key == "is_demo")
            ).scalar()
    finally:
        engine.dispose()
    if flag != "true":
        raise InvalidInput(
            _(
                "{target} holds a shop that is not the demo; the demo will not overwrite it. "
                "Choose another place with --db."
            ).format(target=target)
        )
    return True
