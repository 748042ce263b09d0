"""The till prints the receipt after the sale, off its event loop: a printer that is off
costs nothing but a message, and the receipt prints when the printer is back."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from posapp.domain.cart import PaymentMethod
from posapp.gui.checkout.receipt_printer import SystemPrinter
from posapp.services import receipts
from posapp.services.settings import update_settings
from tests.conftest import TILL, Shop
from tests.gui.helpers import OpenTill
from tests.integration.helpers import sell
from tests.integration.printer_helpers import FakePrinter, free_port
from tests.unit.test_receipt_documents import decode_escpos

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")


def test_the_receipt_prints_after_the_sale_and_ctrl_p_prints_a_copy(
    qtbot: QtBot, open_till: OpenTill, shop: Shop, fake_printer: FakePrinter
) -> None:
    update_settings(shop.uow, shop.owner, printer=f"network:127.0.0.1:{fake_printer.port}")
    window = open_till(language="en")
    window.handle_scan(shop.bread)

    with qtbot.waitSignal(window.printing.printed, timeout=10_000):
        window.complete([(PaymentMethod.CASH, Decimal("5.00"))])

    (data,) = fake_printer.wait_for(1)
    assert "Rupjmaize" in "\n".join(decode_escpos(data).lines)
    assert window.printer_status.text() == "Printer OK"

    with qtbot.waitSignal(window.printing.printed, timeout=10_000):
        window.reprint_last()
    copy = decode_escpos(fake_printer.wait_for(2)[1])
    assert any("KOPIJA" in line for line in copy.lines)  # "COPY", in the shop's Latvian


def test_a_printer_that_is_off_loses_nothing_and_prints_when_it_is_back(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    port = free_port()
    update_settings(shop.uow, shop.owner, printer=f"network:127.0.0.1:{port}")
    window = open_till(language="en")
    window.handle_scan(shop.bread)

    with qtbot.waitSignal(window.printing.printed, timeout=10_000):
        window.complete([(PaymentMethod.CASH, Decimal("5.00"))])

    assert window.cart.lines == ()  # the sale is recorded and the next one can start
    assert window.printer_status.text() == "Receipts waiting: 1"
    assert f"127.0.0.1:{port} does not answer" in window.banner_text()

    printer = FakePrinter(port)  # switched back on: the next run prints it
    try:
        with qtbot.waitSignal(window.printing.printed, timeout=10_000):
            window.printing.print_waiting()
        assert len(printer.wait_for(1)) == 1
    finally:
        printer.close()
    assert window.printer_status.text() == "Printer OK"


def test_the_system_printer_gets_the_receipt_through_qt(shop: Shop, tmp_path: Path) -> None:
    sale = sell(shop, shop.bread, shop.coffee)
    receipt = receipts.receipt_for(shop.uow, TILL, sale.receipt_number)
    out = tmp_path / "printed.pdf"

    SystemPrinter(80, str(out)).print_receipt(receipt, open_drawer=False)

    assert len(PdfReader(out).pages) >= 1  # Qt drew the receipt's page on its printer
