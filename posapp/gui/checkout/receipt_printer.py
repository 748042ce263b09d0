"""Print receipts after the sale is committed, on a thread of their own, never losing one.

The window queues a completed sale's receipt (posapp.services.printing: one
small write) and this prints the till's queue off the event loop: a printer
that is off or out of paper costs the printer's time-out on this thread, never
a scan. What happened comes back as `printed(PrintRun)`; while receipts wait,
the queue is tried again every RETRY_MS, so a printer switched back on prints
them by itself. A "system" printer prints through Qt: the receipt's PDF, drawn
page by page on the system's default printer.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal

from posapp.db.uow import UnitOfWork
from posapp.devices.printers import PrinterConnection
from posapp.domain.roles import Actor
from posapp.errors import PosError, PrinterUnavailable
from posapp.services.settings import ShopSettings

if TYPE_CHECKING:
    from posapp.output.receipt import Receipt
    from posapp.services.printing import PrintRun, ReceiptPrinter

# Printing's modules (python-escpos, reportlab, QtPdf, QtPrintSupport) are imported when
# the first receipt prints: loaded at start they would cost the till a third of a second.

log = logging.getLogger(__name__)

RETRY_MS = 30_000


class SystemPrinter:
    """Prints the receipt's PDF on a Qt printer: the system's default, or a PDF file
    (`output_file`, for a shop that keeps its receipts as files, and for tests)."""

    def __init__(self, width_mm: int, output_file: str | None = None) -> None:
        self._width_mm = width_mm
        self._output_file = output_file

    def print_receipt(self, receipt: Receipt, *, open_drawer: bool) -> None:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice
        from PySide6.QtGui import QPainter
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPrintSupport import QPrinter

        from posapp.output.receipt_pdf import render_receipt_pdf

        data = QByteArray(render_receipt_pdf(receipt, width_mm=self._width_mm))
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument()
        document.load(buffer)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self._output_file:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(self._output_file)
        painter = QPainter()
        if document.pageCount() == 0 or not painter.begin(printer):
            raise PrinterUnavailable(
                QCoreApplication.translate(
                    "SystemPrinter",
                    "The system printer {name} cannot print now. Check that it is on and "
                    "has paper; the receipt waits and prints when it is back.",
                ).format(name=printer.printerName() or "?")
            )
        try:
            for page in range(document.pageCount()):
                if page:
                    printer.newPage()
                area = painter.viewport().size()
                size = document.pagePointSize(page).toSize()
                size.scale(area, Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(0, 0, document.render(page, size))
        finally:
            painter.end()


def printer_factory(settings: ShopSettings, connection: PrinterConnection) -> ReceiptPrinter:
    """ESC/POS for thermal printers (posapp.services.printing); Qt for "system"."""
    from posapp.services import printing

    if connection.kind == "system":
        return SystemPrinter(settings.receipt_width)
    return printing.escpos_printer(settings, connection)


class ReceiptPrinting(QObject):
    """This till's receipts: queued on the GUI thread, printed on a worker thread.

    `printed(PrintRun)` after each run, on the GUI thread.
    """

    printed = Signal(object)

    def __init__(
        self, uow: UnitOfWork, till_code: str, printer: str | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._uow = uow
        self._worker_uow = UnitOfWork(uow.engine, uow.clock)  # the worker's own transactions
        self._till_code, self._printer = till_code, printer
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="posapp-printing")
        self._running = False
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.print_waiting)
        self.printed.connect(self._done)

    def queue(self, receipt_number: int) -> bool:
        """Queue a completed sale's receipt and print it; False when the till has no printer."""
        from posapp.services import printing

        job = printing.queue_receipt(
            self._uow, self._till_code, receipt_number, printer=self._printer
        )
        if job is None:
            return False
        self.print_waiting()
        return True

    def reprint(self, actor: Actor, till_code: str, receipt_number: int) -> bool:
        """A copy of any receipt, marked COPY, printed here; False without a printer."""
        from posapp.services import printing

        job = printing.reprint(
            self._uow,
            actor,
            till_code,
            receipt_number,
            printing_till=self._till_code,
            printer=self._printer,
        )
        if job is None:
            return False
        self.print_waiting()
        return True

    def print_waiting(self) -> None:
        """Start a run over the queue unless one is under way (it takes what is queued)."""
        if self._running:
            return
        self._running = True
        self._retry.stop()
        self._executor.submit(self._run)

    def stop(self) -> None:
        self._retry.stop()
        self._executor.shutdown(wait=True)

    def _run(self) -> None:
        from posapp.services import printing
        from posapp.services.printing import PrintRun

        try:
            run = printing.print_pending(
                self._worker_uow,
                printer_factory,
                till_code=self._till_code,
                printer=self._printer,
            )
        except PosError as error:  # the database, busy or out of reach: try again later
            run = PrintRun((), 1, error.message)
        except Exception:  # a bug must not stop receipts for good
            log.exception("printing receipts failed")
            run = PrintRun((), 1, self.tr("An unexpected error (written to posapp.log)."))
        self.printed.emit(run)

    def _done(self, run: PrintRun) -> None:
        self._running = False
        if run.waiting:
            self._retry.start()
