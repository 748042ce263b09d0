"""`posapp receipt` as a shop owner types it: a PDF, an ESC/POS job, text, a printed copy."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest

from posapp.domain.cart import PaymentMethod
from posapp.services import checkout
from posapp.services.settings import update_settings
from tests.conftest import Shop
from tests.integration.helpers import ring_up
from tests.integration.test_cli import posapp
from tests.integration.test_printing import free_port
from tests.unit.test_receipt_documents import decode_escpos

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")


def _pdf_text(path: Path) -> str:
    return " ".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages
    )


def test_receipt_command(shop: Shop, database_url: str, tmp_path: Path) -> None:
    update_settings(shop.uow, shop.owner, shop_name="Maiznīca Rīts")
    cart = ring_up(shop, shop.bread, shop.coffee, shop.customer_card)
    sale = checkout.complete_sale(shop.uow, shop.cashier, cart.pay(PaymentMethod.CASH, Decimal(20)))
    number = f"T1-{sale.receipt_number}"
    db = ["--db", database_url]

    text = posapp("receipt", number, "--text", *db)
    assert text.returncode == 0, text.stderr
    assert "Rupjmaize" in text.stdout and "Ēriks Ozoliņš" in text.stdout and "KOPĀ" in text.stdout
    english = posapp("receipt", str(sale.receipt_number), "--text", "--lang", "en", *db)
    assert "TOTAL" in english.stdout

    roll = tmp_path / "receipt.pdf"
    assert posapp("receipt", number, "--pdf", str(roll), "--width", "58", *db).returncode == 0
    assert "Maiznīca Rīts" in _pdf_text(roll) and "10,34" in _pdf_text(roll)

    invoice = tmp_path / "invoice.pdf"
    made = posapp(
        "receipt", number, "--pdf", str(invoice), "--width", "a4", "--buyer", "SIA Ēdnīca",
        "--buyer-vat", "LV40003999999", *db,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "Rēķins " + number in _pdf_text(invoice) and "SIA Ēdnīca" in _pdf_text(invoice)

    job = tmp_path / "receipt.bin"
    assert posapp("receipt", number, "--escpos", str(job), *db).returncode == 0
    assert "Ēriks Ozoliņš" in "\n".join(decode_escpos(job.read_bytes()).lines)

    unknown = posapp("receipt", "T1-999", "--text", *db)
    assert (
        unknown.returncode == 1 and unknown.stderr.count("\n") == 1 and "T1-999" in unknown.stderr
    )

    nothing = posapp("receipt", number, "--print", *db)
    assert nothing.returncode == 1 and "no receipt printer" in nothing.stderr

    printed = tmp_path / "lp0"
    copy = posapp("receipt", number, "--print", *db, env={"POSAPP_PRINTER": f"file:{printed}"})
    assert copy.returncode == 0, copy.stderr
    assert copy.stdout.strip() == f"Printed: {number}"
    assert "KOPIJA" in decode_escpos(printed.read_bytes()).lines

    port = free_port()
    down = posapp(
        "receipt", number, "--print", *db, env={"POSAPP_PRINTER": f"network:127.0.0.1:{port}"}
    )
    assert down.returncode == 5 and down.stderr.count("\n") == 1
    assert f"127.0.0.1:{port} does not answer" in down.stderr
