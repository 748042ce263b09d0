"""Benchmark receipts: rendering (PDF, ESC/POS, text) and printing after a sale.

1. Rendering, pure functions of one receipt: the tests' sample (tests/receipt_samples.py),
   ten lines, a cash payment and a loyalty block with a voucher: the 80 mm roll PDF
   (target: p50 <= 20 ms), the 58 mm PDF, the A4 invoice, the ESC/POS job, the text.
2. Printing, what the till does after each sale on a SQLite shop with posapp's durable
   engine (bench/data/receipts.sqlite): `receipt_for` (the sale read back), then
   `queue_receipt` + `print_pending` to a network printer (a fake one: a socket server on
   127.0.0.1 in a thread, which reads the whole job) -- the time from the commit to the
   job sent and marked printed.

    python bench/bench_receipt.py [--rounds N] [--sales N]

It is a measurement, not a test: the exit code is 0 whatever the verdict. The garbage
collector is disabled during timed loops; percentiles are nearest-rank (bench/stats.py).
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import socket
import sys
import threading
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from stats import Stats

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from posapp.db.models import Category, Product, ProductBarcode, VatRate  # noqa: E402
from posapp.db.uow import UnitOfWork  # noqa: E402
from posapp.domain.barcodes import make_ean13  # noqa: E402
from posapp.domain.cart import PaymentMethod  # noqa: E402
from posapp.domain.roles import Actor, Role  # noqa: E402
from posapp.output.receipt_escpos import render_receipt_escpos  # noqa: E402
from posapp.output.receipt_pdf import render_invoice_pdf, render_receipt_pdf  # noqa: E402
from posapp.output.receipt_text import render_receipt_text  # noqa: E402
from posapp.services import checkout, printing, receipts, shifts, users  # noqa: E402
from posapp.services.settings import load_settings, update_settings  # noqa: E402
from posapp.services.setup import open_database, prepare_shop  # noqa: E402
from tests.receipt_samples import RECEIPT  # noqa: E402

DATA_DIR = Path(__file__).resolve().parent / "data"
PDF_P50_TARGET_MS = 20.0
WARMUP = 20
TILL = "T1"
HEADER = f"{'measurement':<50} {'n':>6} {'p50 ms':>9} {'p99 ms':>9} {'max ms':>9}"


def timed(label: str, rounds: int, action: Callable[[], object]) -> Stats:
    for _ in range(WARMUP):
        action()
    samples = []
    gc.collect()
    gc.disable()
    try:
        for _ in range(rounds):
            started = time.perf_counter_ns()
            action()
            samples.append(time.perf_counter_ns() - started)
    finally:
        gc.enable()
    return Stats(label, samples)


class FakePrinter:
    """A printer's raw port on 127.0.0.1 that reads each job to its end."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.jobs = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _address = self.server.accept()
            except OSError:
                return
            with connection:
                while connection.recv(65536):
                    pass
            self.jobs += 1


def shop_with_sales(sales: int) -> tuple[UnitOfWork, list[int]]:
    """A fresh SQLite shop with `sales` completed sales of 10 lines, paid in cash."""
    DATA_DIR.mkdir(exist_ok=True)
    path = DATA_DIR / "receipts.sqlite"
    for stale in DATA_DIR.glob("receipts.sqlite*"):
        stale.unlink()
    uow = open_database(str(path))
    prepare_shop(uow, TILL)
    cli = Actor.command_line()
    info = users.add_user(uow, cli, "Līga", Role.CASHIER, "3333")
    cashier = Actor(info.user_id, info.name, info.role)
    with uow.writing():
        rates = {r.rate: r.id for r in uow.session.scalars(select(VatRate))}
        category = Category(name="Maize")
        uow.session.add(category)
        uow.session.flush()
        codes = []
        for index, line in enumerate(RECEIPT.lines):
            product = Product(
                sku=f"P{index}",
                name=line.name,
                category_id=category.id,
                vat_rate_id=rates[line.vat_rate],
                price=line.unit_price,
            )
            uow.session.add(product)
            uow.session.flush()
            code = make_ean13(f"4750000{index:05d}")
            uow.session.add(ProductBarcode(code=code, product_id=product.id))
            codes.append(code)
        uow.commit()
    shifts.open_shift(uow, cashier, TILL, Decimal("100.00"))
    barcode_rules = load_settings(uow).barcode_rules()
    numbers = []
    for _ in range(sales):
        cart = checkout.start_sale(uow, cashier, TILL)
        for code in codes:
            cart = checkout.scan(uow, cashier, cart, code, barcode_rules).cart
        cart = cart.pay(PaymentMethod.CASH, cart.due + Decimal("10.00"))
        numbers.append(checkout.complete_sale(uow, cashier, cart).receipt_number)
    return uow, numbers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300, help="renders of each kind")
    parser.add_argument("--sales", type=int, default=300, help="sales printed")
    args = parser.parse_args()
    print(f"posapp receipts, Python {platform.python_version()}, {platform.machine()}")
    print(HEADER)
    print("-" * len(HEADER))
    render = [
        timed(
            "render  PDF 80 mm (10 lines, loyalty, voucher)",
            args.rounds,
            lambda: render_receipt_pdf(RECEIPT),
        ),
        timed("render  PDF 58 mm", args.rounds, lambda: render_receipt_pdf(RECEIPT, 58)),
        timed("render  PDF A4 invoice", args.rounds, lambda: render_invoice_pdf(RECEIPT)),
        timed("render  ESC/POS (CP1257)", args.rounds, lambda: render_receipt_escpos(RECEIPT)),
        timed("render  text, 42 columns", args.rounds, lambda: render_receipt_text(RECEIPT)),
    ]
    for stats in render:
        print(stats.row())

    uow, numbers = shop_with_sales(args.sales + WARMUP)
    fake = FakePrinter()
    update_settings(uow, Actor.command_line(), printer=f"network:127.0.0.1:{fake.port}")
    pending = iter(numbers)

    def print_next() -> None:
        printing.queue_receipt(uow, TILL, next(pending))
        run = printing.print_pending(uow, till_code=TILL)
        assert len(run.printed) == 1, run

    read = timed(
        "print   receipt_for (the sale read back)",
        args.sales,
        lambda: receipts.receipt_for(uow, TILL, numbers[0]),
    )
    sent = timed("print   queue_receipt + print_pending (network)", args.sales, print_next)
    print(read.row())
    print(sent.row())
    load = os.getloadavg()
    print(f"(load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {fake.jobs} jobs printed)")
    verdict = "PASS" if render[0].p50 <= PDF_P50_TARGET_MS else "FAIL"
    target = f"PDF 80 mm p50 <= {PDF_P50_TARGET_MS:g} ms"
    print(f"\nTarget:\n  [{verdict}] {target}   {render[0].p50:.3f} ms")
    uow.engine.dispose()


if __name__ == "__main__":
    main()
