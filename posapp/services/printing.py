"""Printing receipts without ever holding up or losing a sale.

A sale is committed first; then its receipt is put in the till's print queue
(the `print_jobs` table) and sent from there by :func:`print_pending`, which the
window runs off the event loop after each sale and every little while. Nothing
waits for a printer inside a database transaction: a job is claimed, printed
with short timeouts, then marked in transactions of their own. A printer that is
off or out of paper leaves the job failed, with a message naming the printer,
and the next run prints it. A reprint (:func:`reprint`) is a copy, marked COPY.

The cash drawer, wired to the printer, opens with the first attempt at printing
a receipt that took or paid back cash; a receipt printed late, once the printer
is back, never opens it by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import bindparam, func, insert, select, update

from posapp.db.models import PrintJob, Sale, Till
from posapp.db.uow import UnitOfWork
from posapp.devices.printers import PrinterConnection, parse_connection, send_bytes
from posapp.domain.roles import Actor, Permission, require
from posapp.errors import PosError, PrinterUnavailable
from posapp.i18n import _
from posapp.output.receipt import Receipt
from posapp.output.receipt_escpos import render_receipt_escpos
from posapp.output.receipt_text import COLUMNS
from posapp.services import audit
from posapp.services.receipts import receipt_for, sale_on_receipt
from posapp.services.settings import ShopSettings, read_settings
from posapp.services.shifts import till_id

# Jobs one run sends at most: a till coming back after a long outage prints in batches.
BATCH = 20


class ReceiptPrinter(Protocol):
    """Something that prints a receipt, or raises PrinterUnavailable."""

    def print_receipt(self, receipt: Receipt, *, open_drawer: bool) -> None: ...


PrinterFactory = Callable[[ShopSettings, PrinterConnection], ReceiptPrinter]


@dataclass(frozen=True)
class EscposPrinter:
    """A thermal printer posapp sends ESC/POS to, as the shop's settings describe it."""

    connection: PrinterConnection
    columns: int
    code_page: str
    profile: str

    def print_receipt(self, receipt: Receipt, *, open_drawer: bool) -> None:
        job = render_receipt_escpos(
            receipt,
            columns=self.columns,
            code_page=self.code_page,
            profile=self.profile,
            open_drawer=open_drawer,
        )
        send_bytes(self.connection, job)


def escpos_printer(settings: ShopSettings, connection: PrinterConnection) -> ReceiptPrinter:
    """The default printer factory: ESC/POS through python-escpos.

    The window passes a factory of its own that prints a "system" connection
    through Qt's print dialog (posapp.output.receipt_pdf.render_receipt_pdf).
    """
    if not connection.sends_escpos:
        raise PrinterUnavailable(
            _(
                "Receipts for the system printer are printed by the till's window. Here, write "
                "the PDF instead: posapp receipt NUMBER --pdf FILE"
            )
        )
    return EscposPrinter(
        connection=connection,
        columns=COLUMNS[settings.receipt_width],
        code_page=settings.printer_code_page,
        profile=settings.printer_profile,
    )


@dataclass(frozen=True)
class PrintRun:
    """What one print_pending run did: for the window's status line."""

    printed: tuple[str, ...]  # receipt numbers, "T1-42"
    waiting: int  # jobs of this till still to print
    message: str | None = None  # why the last job failed, and what to do


@dataclass(frozen=True)
class _Job:
    job_id: int
    attempts: int
    copy: bool
    till_code: str  # the receipt's
    receipt_number: int


def queue_receipt(
    uow: UnitOfWork,
    till_code: str,
    receipt_number: int,
    copy: bool = False,
    *,
    printing_till: str | None = None,
    printer: str | None = None,
) -> int | None:
    """Put a committed sale's receipt in the print queue of `printing_till` (default: its
    own till); the job's id, or None when that till has no printer.

    `printer` is the till's own connection (POSAPP_PRINTER), else the shop's setting.
    A sale's original receipt is queued once, however often this is called.
    """
    with uow.writing():
        if _connection(read_settings(uow), printer).kind == "none":
            return None
        sale_id = sale_on_receipt(uow, till_code, receipt_number).id
        printer_till = till_id(uow, printing_till or till_code)
        kind = "copy" if copy else "receipt"
        if not copy:
            queued = uow.session.scalar(
                select(PrintJob.id).where(PrintJob.sale_id == sale_id, PrintJob.kind == kind)
            )
            if queued is not None:
                return queued
        job_id: int = uow.connection.execute(
            insert(PrintJob).returning(PrintJob.id),
            {"till_id": printer_till, "sale_id": sale_id, "kind": kind, "created_at": uow.now()},
        ).scalar_one()
        uow.commit()
    return job_id


def reprint(
    uow: UnitOfWork,
    actor: Actor,
    till_code: str,
    receipt_number: int,
    *,
    printing_till: str,
    printer: str | None = None,
) -> int | None:
    """Queue a copy of any receipt (marked COPY) on `printing_till`, recorded in the audit
    log; None when that till has no printer."""
    require(actor, Permission.SELL)
    job_id = queue_receipt(
        uow, till_code, receipt_number, copy=True, printing_till=printing_till, printer=printer
    )
    if job_id is None:
        return None
    with uow.writing():
        audit.record(
            uow,
            actor,
            "receipt_reprinted",
            {"receipt": f"{till_code}-{receipt_number}"},
            till_id=till_id(uow, printing_till),
        )
        uow.commit()
    return job_id


def print_pending(
    uow: UnitOfWork,
    printer_factory: PrinterFactory = escpos_printer,
    *,
    till_code: str,
    printer: str | None = None,
) -> PrintRun:
    """Print this till's queued and failed jobs, oldest first, until one fails.

    Run it off the window's event loop: a printer that does not answer takes up
    to posapp.devices.printers.TIMEOUT_SECONDS before the job is marked failed.
    """
    with uow:
        settings = read_settings(uow)
        connection = _connection(settings, printer)
        till = till_id(uow, till_code)
        jobs = [] if connection.kind == "none" else _waiting_jobs(uow, till)
    receipt_printer = printer_factory(settings, connection) if jobs else None
    printed: list[str] = []
    message = None
    for job in jobs:
        assert receipt_printer is not None
        if not _claim(uow, job):
            continue  # another run of this till took it
        try:
            receipt = receipt_for(uow, job.till_code, job.receipt_number, copy=job.copy)
            receipt_printer.print_receipt(
                receipt, open_drawer=job.attempts == 0 and not job.copy and receipt.paid_in_cash
            )
        except PosError as error:
            message = error.message
            _mark(uow, job.job_id, "failed", error.message)
            break
        _mark(uow, job.job_id, "printed", None)
        printed.append(receipt.number)
    return PrintRun(tuple(printed), waiting_jobs(uow, till_code), message)


def waiting_jobs(uow: UnitOfWork, till_code: str) -> int:
    """How many receipts this till still has to print (queued or failed)."""
    with uow:
        count: int = (
            uow.session.scalar(
                select(func.count())
                .select_from(PrintJob)
                .where(PrintJob.till_id == till_id(uow, till_code), PrintJob.status != "printed")
            )
            or 0
        )
    return count


def _connection(settings: ShopSettings, printer: str | None) -> PrinterConnection:
    return parse_connection(printer or settings.printer)


def _waiting_jobs(uow: UnitOfWork, till: int) -> list[_Job]:
    rows = uow.session.execute(
        select(PrintJob.id, PrintJob.attempts, PrintJob.kind, Till.code, Sale.receipt_number)
        .join(Sale, Sale.id == PrintJob.sale_id)
        .join(Till, Till.id == Sale.till_id)
        .where(PrintJob.till_id == till, PrintJob.status != "printed")
        .order_by(PrintJob.id)
        .limit(BATCH)
    ).all()
    return [
        _Job(job_id, attempts, kind == "copy", code, number)
        for job_id, attempts, kind, code, number in rows
        if number is not None
    ]


_CLAIM = (
    update(PrintJob)
    .where(
        PrintJob.id == bindparam("job"),
        PrintJob.attempts == bindparam("seen"),
        PrintJob.status != "printed",
    )
    .values(attempts=PrintJob.attempts + 1)
)


def _claim(uow: UnitOfWork, job: _Job) -> bool:
    """Count the attempt before printing, only if no other run counted one meanwhile."""
    with uow.writing():
        claimed = uow.connection.execute(_CLAIM, {"job": job.job_id, "seen": job.attempts})
        uow.commit()
    return claimed.rowcount == 1


def _mark(uow: UnitOfWork, job_id: int, status: str, error: str | None) -> None:
    with uow.writing():
        uow.connection.execute(
            update(PrintJob)
            .where(PrintJob.id == job_id)
            .values(
                status=status,
                last_error=error[:400] if error else None,
                printed_at=uow.now() if status == "printed" else None,
            )
        )
        uow.commit()
