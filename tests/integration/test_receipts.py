"""Receipts read back from recorded sales and refunds, on SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from posapp.domain.barcodes import make_ean13
from posapp.domain.cart import PaymentMethod
from posapp.errors import InvalidInput, NotFound, PermissionDenied
from posapp.output.receipt_text import render_receipt_text
from posapp.services import checkout, loyalty, receipts
from posapp.services.settings import load_settings, parse_setting, setting_text, update_settings
from tests.conftest import TILL, Shop
from tests.integration.helpers import add_product, refund_sale, ring_up, sell

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")


def test_a_receipt_says_what_was_recorded(shop: Shop) -> None:
    garlic = add_product(shop, "GARLIC", "Ķiploku maize ar sieru", "2.35", vat_rate=12)
    update_settings(
        shop.uow,
        shop.owner,
        shop_name="Maiznīca Rīts",
        address="Ģertrūdes iela 41, Rīga",
        vat_number="LV40003123456",
        receipt_header=("Atvērts 8-20",),
        receipt_footer=("Paldies!",),
    )
    cart = ring_up(shop, garlic, garlic, shop.coffee, shop.customer_card)
    cart = cart.pay(PaymentMethod.CASH, Decimal("20.00"))
    sale = checkout.complete_sale(shop.uow, shop.cashier, cart)

    receipt = receipts.receipt_for(shop.uow, TILL, sale.receipt_number)

    assert (
        receipt.number == f"T1-{sale.receipt_number}"
        and receipt.code == f"RT1-{sale.receipt_number}"
    )
    assert receipt.shop.name == "Maiznīca Rīts" and receipt.shop.lines == ("Atvērts 8-20",)
    assert receipt.footer == ("Paldies!",)
    assert receipt.cashier == "Līga" and receipt.kind == "sale" and not receipt.copy
    assert [(line.name, line.quantity, line.total) for line in receipt.lines] == [
        ("Ķiploku maize ar sieru", Decimal(2), Decimal("4.70")),
        ("Kafija Ēģipte", Decimal(1), Decimal("7.99")),
    ]
    assert receipt.total == Decimal("12.69") == sum(v.gross for v in receipt.vat)
    assert [(v.rate, v.vat) for v in receipt.vat] == [(v.rate, v.vat) for v in sale.vat]
    assert receipt.change == Decimal("7.31") and receipt.paid_in_cash
    assert receipt.loyalty is not None and receipt.loyalty.customer_name == "Ēriks Ozoliņš"
    assert receipt.completed_at == sale.completed_at
    assert receipt.language == "lv"  # the shop's language
    assert "Ēriks Ozoliņš" in render_receipt_text(receipt)


def test_weighed_goods_print_their_kilograms(shop: Shop) -> None:
    sale = sell(shop, make_ean13("22" + shop.cheese_label_code + "00352"))  # a 352 g label
    (line,) = receipts.receipt_for(shop.uow, TILL, sale.receipt_number).lines
    assert line.by_weight and line.quantity == Decimal("0.352")
    bread = receipts.receipt_for(shop.uow, TILL, sell(shop, shop.bread).receipt_number).lines[0]
    assert not bread.by_weight


def test_a_refund_receipt_names_the_original_and_the_reason(shop: Shop) -> None:
    sale = sell(shop, shop.bread, shop.milk)
    refund = refund_sale(shop, sale, reason="Bojāta prece")
    receipt = receipts.receipt_for(shop.uow, TILL, refund.receipt_number, copy=True)
    assert receipt.is_refund and receipt.copy
    assert receipt.refund_of == f"T1-{sale.receipt_number}"
    assert receipt.refund_reason == "Bojāta prece"
    assert receipt.total == -sale.total and all(line.quantity < 0 for line in receipt.lines)
    assert receipt.loyalty is None  # no customer on that sale


def test_an_unknown_receipt_is_not_found(shop: Shop) -> None:
    with pytest.raises(NotFound, match="T1-999"):
        receipts.receipt_for(shop.uow, TILL, 999)


def test_receipt_numbers_as_people_type_them() -> None:
    assert receipts.receipt_reference(" t2-7 ", "T1").till_code == "T2"
    assert receipts.receipt_reference("42", "T3").receipt_number == 42
    with pytest.raises(InvalidInput, match="like T1-42"):
        receipts.receipt_reference("forty-two", "T1")


def test_receipt_settings_are_checked(shop: Shop, tmp_path: Path) -> None:
    owner = shop.owner
    for name, value in [
        ("receipt_width", 57),
        ("printer", "bluetooth:xx"),
        ("printer", "network:"),
        ("printer", "usb:zz:01"),
        ("printer_code_page", "CP9999"),
        ("printer_profile", "no such printer"),
        ("receipt_logo", str(tmp_path / "missing.png")),
        ("receipt_header", tuple(f"line {n}" for n in range(11))),
    ]:
        with pytest.raises(InvalidInput):
            update_settings(shop.uow, owner, **{name: value})
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"")
    changed = update_settings(
        shop.uow,
        owner,
        receipt_width=58,
        printer="network:192.168.1.50",
        printer_code_page="CP775",
        receipt_logo=str(logo),
        receipt_header=parse_setting("receipt_header", "Ģertrūdes iela 41, Rīga | Tālr. 67000000"),
    )
    assert changed.receipt_header == ("Ģertrūdes iela 41, Rīga", "Tālr. 67000000")
    assert setting_text(changed, "receipt_header") == "Ģertrūdes iela 41, Rīga|Tālr. 67000000"
    assert load_settings(shop.uow).printer == "network:192.168.1.50"
    with pytest.raises(PermissionDenied):
        update_settings(shop.uow, shop.cashier, printer="none")


def test_defaults(shop: Shop) -> None:
    settings = load_settings(shop.uow)
    assert (settings.receipt_width, settings.printer, settings.printer_code_page) == (
        80,
        "none",
        "CP1257",
    )
    assert settings.printer_profile == "default" and settings.receipt_logo == ""


def test_a_members_receipt_carries_what_the_sale_did_for_their_points(shop: Shop) -> None:
    loyalty.adjust_points(shop.uow, shop.owner, shop.customer_id, 600, "test: starting balance")
    cart = ring_up(shop, shop.coffee, shop.coffee, shop.customer_card)  # 15,98
    cart = loyalty.apply_reward(shop.uow, shop.cashier, cart, "points:euro_5")
    sale = checkout.complete_sale(shop.uow, shop.cashier, cart.pay(PaymentMethod.CARD, cart.due))
    assert sale.loyalty is not None

    block = receipts.receipt_for(shop.uow, TILL, sale.receipt_number, language="lv").loyalty

    assert block is not None
    assert block.customer_name == "Ēriks Ozoliņš"
    assert block.points_spent == 500
    assert block.points_earned == sale.loyalty.points_earned > 0
    assert block.balance == sale.loyalty.balance == 600 - 500 + block.points_earned
    assert block.stage == "Pircējs"  # Buyer, in the receipt's language
    assert block.next_reward_name is not None and block.points_to_next_reward > 0
    assert block.thank_you == "Paldies, Ēriks Ozoliņš! Priecājamies jūs redzēt."
    later = sell(shop, shop.bread, shop.customer_card)  # a later sale: the first receipt's
    assert later.loyalty is not None  # balance stays what it was after that sale
    again = receipts.receipt_for(shop.uow, TILL, sale.receipt_number, copy=True).loyalty
    assert again is not None and again.balance == block.balance


def test_a_receipt_without_a_customer_has_no_loyalty_block(shop: Shop) -> None:
    sale = sell(shop, shop.bread)
    assert receipts.receipt_for(shop.uow, TILL, sale.receipt_number).loyalty is None
