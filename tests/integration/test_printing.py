"""Printing after the sale: a fake network printer on 127.0.0.1 takes the receipt; with it
down the sale is recorded all the same and the receipt waits, then prints when it is back."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from sqlalchemy import select

from posapp.db.models import AuditEntry, PrintJob, Sale
from posapp.devices.printers import parse_connection
from posapp.domain.cart import PaymentMethod
from posapp.errors import PrinterUnavailable
from posapp.output.receipt import Receipt
from posapp.services import checkout, printing
from posapp.services.settings import ShopSettings, update_settings
from tests.conftest import TILL, Shop
from tests.integration.helpers import count, pay_exact, ring_up, sell
from tests.integration.printer_helpers import FakePrinter, free_port
from tests.unit.test_receipt_documents import decode_escpos

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")


def _use_printer(shop: Shop, connection: str) -> None:
    update_settings(shop.uow, shop.owner, printer=connection)


def test_the_receipt_goes_to_the_network_printer_after_the_sale(
    shop: Shop, fake_printer: FakePrinter
) -> None:
    _use_printer(shop, f"network:127.0.0.1:{fake_printer.port}")
    cart = ring_up(shop, shop.bread, shop.coffee, shop.customer_card)
    sale = checkout.complete_sale(shop.uow, shop.cashier, cart.pay(PaymentMethod.CASH, Decimal(20)))

    job = printing.queue_receipt(shop.uow, TILL, sale.receipt_number)
    assert printing.queue_receipt(shop.uow, TILL, sale.receipt_number) == job  # once only
    run = printing.print_pending(shop.uow, till_code=TILL)

    assert run == printing.PrintRun(printed=(f"T1-{sale.receipt_number}",), waiting=0)
    (data,) = fake_printer.wait_for(1)
    out = decode_escpos(data)
    assert out.commands[:2] == [("ESC @",), ("ESC t", "51")]
    text = "\n".join(out.lines)
    assert "Rupjmaize" in text and "Kafija Ēģipte" in text and "Ēriks Ozoliņš" in text
    assert ("CODE128", f"{{BRT1-{sale.receipt_number}") in out.barcodes
    assert out.names()[-2:] == ["GS V", "ESC p"]  # paid in cash: the drawer opens
    with shop.uow:
        (status, attempts, printed_at) = shop.uow.session.execute(
            select(PrintJob.status, PrintJob.attempts, PrintJob.printed_at)
        ).one()
    assert (status, attempts) == ("printed", 1) and printed_at is not None


def test_a_dead_printer_loses_nothing_and_the_receipt_prints_when_it_is_back(shop: Shop) -> None:
    port = free_port()
    _use_printer(shop, f"network:127.0.0.1:{port}")
    sale = sell(shop, shop.bread, method=PaymentMethod.CASH)
    printing.queue_receipt(shop.uow, TILL, sale.receipt_number)

    started = time.monotonic()
    run = printing.print_pending(shop.uow, till_code=TILL)
    assert time.monotonic() - started < 5  # short timeouts: nothing freezes for long

    assert run.printed == () and run.waiting == 1
    assert run.message == (
        f"The receipt printer at 127.0.0.1:{port} does not answer. Check that it is on and has "
        "paper; the receipt waits and prints when it is back."
    )
    assert count(shop.uow, Sale, Sale.receipt_number == sale.receipt_number) == 1  # recorded
    with shop.uow:
        job = shop.uow.session.scalars(select(PrintJob)).one()
        assert (job.status, job.attempts, job.last_error) == ("failed", 1, run.message)

    printer = FakePrinter(port)  # switched back on
    try:
        again = printing.print_pending(shop.uow, till_code=TILL)
        assert again.printed == (f"T1-{sale.receipt_number}",) and again.waiting == 0
        (data,) = printer.wait_for(1)
    finally:
        printer.close()
    names = decode_escpos(data).names()
    assert names[-1] == "GS V" and "ESC p" not in names  # a late receipt never opens the drawer
    assert printing.print_pending(shop.uow, till_code=TILL).printed == ()  # printed once


def test_a_reprint_is_a_copy_and_is_audited(shop: Shop, fake_printer: FakePrinter) -> None:
    _use_printer(shop, f"network:127.0.0.1:{fake_printer.port}")
    sale = sell(shop, shop.milk, method=PaymentMethod.CASH)
    printing.queue_receipt(shop.uow, TILL, sale.receipt_number)
    printing.reprint(shop.uow, shop.cashier, TILL, sale.receipt_number, printing_till=TILL)
    run = printing.print_pending(shop.uow, till_code=TILL)
    assert len(run.printed) == 2
    original, copy = (decode_escpos(data) for data in fake_printer.wait_for(2))
    assert "KOPIJA" not in original.lines and "KOPIJA" in copy.lines
    assert "ESC p" in original.names() and "ESC p" not in copy.names()
    with shop.uow:
        actions = shop.uow.session.scalars(select(AuditEntry.action)).all()
    assert "receipt_reprinted" in actions


def test_without_a_printer_nothing_is_queued(shop: Shop) -> None:
    sale = sell(shop, shop.bread)
    assert printing.queue_receipt(shop.uow, TILL, sale.receipt_number) is None
    assert printing.print_pending(shop.uow, till_code=TILL) == printing.PrintRun((), 0)


def test_a_tills_own_printer_and_a_printer_factory_of_the_windows(shop: Shop) -> None:
    """POSAPP_PRINTER names this till's printer; the window's factory prints "system"."""
    printed: list[tuple[Receipt, bool]] = []

    class SystemPrinter:
        def print_receipt(self, receipt: Receipt, *, open_drawer: bool) -> None:
            printed.append((receipt, open_drawer))

    def factory(settings: ShopSettings, connection: object) -> SystemPrinter:
        assert connection == parse_connection("system")
        return SystemPrinter()

    sale = checkout.complete_sale(shop.uow, shop.cashier, pay_exact(ring_up(shop, shop.bread)))
    assert printing.queue_receipt(shop.uow, TILL, sale.receipt_number, printer="system")
    run = printing.print_pending(shop.uow, factory, till_code=TILL, printer="system")
    assert run.printed == (f"T1-{sale.receipt_number}",)
    ((receipt, open_drawer),) = printed
    assert receipt.receipt_number == sale.receipt_number and not open_drawer  # paid by card


def test_the_system_printer_is_the_windows_to_print_to(shop: Shop) -> None:
    sale = sell(shop, shop.bread)
    printing.queue_receipt(shop.uow, TILL, sale.receipt_number, printer="system")
    with pytest.raises(PrinterUnavailable, match="--pdf"):
        printing.print_pending(shop.uow, till_code=TILL, printer="system")
    assert printing.waiting_jobs(shop.uow, TILL) == 1  # still there for the window
