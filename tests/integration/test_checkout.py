"""Checkout as the cashier sees it: scanning, payments, permissions, voids and the shift."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from posapp.db.models import AuditEntry, Payment, Sale, SaleLine
from posapp.domain.barcodes import ReceiptCode, make_ean13, receipt_code
from posapp.domain.cart import Cart, Discount, PaymentMethod
from posapp.domain.roles import Actor
from posapp.domain.vat import VatLine
from posapp.errors import (
    InvalidInput,
    MisreadBarcode,
    NotFound,
    PermissionDenied,
    PosError,
    SaleIncomplete,
    ShiftError,
)
from posapp.services import checkout, shifts, users
from posapp.services.checkout import ScanKind
from tests.conftest import TILL, Shop
from tests.integration.helpers import (
    count,
    line_id,
    next_receipt_number,
    payments,
    refund_sale,
    ring_up,
    rules,
    sale_lines,
    sales,
    sell,
)

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")


def scan(shop: Shop, cart: Cart, code: str) -> checkout.ScanResult:
    return checkout.scan(shop.uow, shop.cashier, cart, code, rules(shop.uow))


# -- scanning ----------------------------------------------------------------------------


def test_scanning_a_product_adds_a_line_and_scanning_it_again_counts_two(shop: Shop) -> None:
    cart = ring_up(shop)

    once = scan(shop, cart, shop.bread)
    assert once.kind is ScanKind.PRODUCT
    assert [(line.name, line.quantity, line.total) for line in once.cart.lines] == [
        ("Rupjmaize", Decimal(1), Decimal("2.35"))
    ]

    twice = scan(shop, once.cart, shop.bread)
    assert [(line.name, line.quantity, line.total) for line in twice.cart.lines] == [
        ("Rupjmaize", Decimal(2), Decimal("4.70"))
    ]
    assert twice.cart.total == Decimal("4.70")


def test_a_misread_barcode_is_refused_and_the_cart_stays_as_it_was(shop: Shop) -> None:
    cart = ring_up(shop, shop.milk)
    wrong_check_digit = shop.bread[:-1] + str((int(shop.bread[-1]) + 1) % 10)

    with pytest.raises(MisreadBarcode, match="wrong check digit"):
        scan(shop, cart, wrong_check_digit)

    assert [(line.name, line.quantity) for line in cart.lines] == [("Piens 2%", Decimal(1))]
    assert cart.total == Decimal("1.19")


def test_an_unknown_barcode_is_reported_as_not_found(shop: Shop) -> None:
    unknown = make_ean13("475999999999")
    with pytest.raises(NotFound, match=unknown):
        scan(shop, ring_up(shop), unknown)


def test_a_scale_weight_label_adds_the_weighed_cheese_at_its_price_per_kg(shop: Shop) -> None:
    label = make_ean13("22" + shop.cheese_label_code + "01234")  # 1.234 kg

    result = scan(shop, ring_up(shop), label)

    [line] = result.cart.lines
    assert line.name == "Siers (sver)"
    assert line.by_weight
    assert line.quantity == Decimal("1.234")
    assert line.unit_price == Decimal("12.90")
    assert line.total == Decimal("15.92")  # 1.234 x 12.90 = 15.9186, rounded half-up


def test_a_price_label_adds_one_line_at_the_labels_price(shop: Shop) -> None:
    label = make_ean13("21" + shop.cheese_label_code + "00399")  # € 3.99

    [line] = scan(shop, ring_up(shop), label).cart.lines

    assert (line.name, line.quantity, line.unit_price, line.total) == (
        "Siers (sver)",
        Decimal(1),
        Decimal("3.99"),
        Decimal("3.99"),
    )


def test_scanning_the_customers_card_attaches_the_customer_to_the_sale(shop: Shop) -> None:
    cart = ring_up(shop, shop.coffee)

    result = scan(shop, cart, shop.customer_card)

    assert result.kind is ScanKind.CUSTOMER
    assert (result.cart.customer_id, result.cart.customer_name) == (
        shop.customer_id,
        "Ēriks Ozoliņš",
    )
    assert result.cart.lines == cart.lines
    completed = checkout.complete_sale(
        shop.uow, shop.cashier, result.cart.pay(PaymentMethod.CARD, Decimal("7.99"))
    )
    [sale] = sales(shop.uow, Sale.id == completed.sale_id)
    assert sale.customer_id == shop.customer_id
    # A card nobody was enrolled with says so.
    with pytest.raises(NotFound, match="belongs to no customer"):
        scan(shop, cart, make_ean13("270000000999"))


def test_scanning_a_receipt_code_asks_for_that_receipt(shop: Shop) -> None:
    cart = ring_up(shop, shop.bread)

    result = scan(shop, cart, receipt_code(TILL, 17))

    assert result.kind is ScanKind.RECEIPT
    assert result.receipt == ReceiptCode(TILL, 17)
    assert result.cart == cart


# -- payments ----------------------------------------------------------------------------


def test_cash_over_the_total_gives_change(shop: Shop) -> None:
    cart = ring_up(shop, shop.bread, shop.milk).pay(PaymentMethod.CASH, Decimal("5.00"))
    assert (cart.due, cart.change) == (Decimal("0.00"), Decimal("1.46"))

    completed = checkout.complete_sale(shop.uow, shop.cashier, cart)

    assert (completed.total, completed.change) == (Decimal("3.54"), Decimal("1.46"))
    [payment] = payments(shop.uow, completed.sale_id)
    assert (payment.method, payment.amount, payment.tendered) == (
        "cash",
        Decimal("3.54"),
        Decimal("5.00"),
    )


def test_a_card_pays_exactly_the_total(shop: Shop) -> None:
    cart = ring_up(shop, shop.coffee).pay(PaymentMethod.CARD, Decimal("7.99"))

    completed = checkout.complete_sale(shop.uow, shop.cashier, cart)

    assert (completed.total, completed.change) == (Decimal("7.99"), Decimal("0.00"))
    [payment] = payments(shop.uow, completed.sale_id)
    assert (payment.method, payment.amount, payment.tendered) == (
        "card",
        Decimal("7.99"),
        Decimal("7.99"),
    )


def test_a_split_payment_by_card_then_cash(shop: Shop) -> None:
    cart = ring_up(shop, shop.coffee, shop.bread)  # 10.34
    cart = cart.pay(PaymentMethod.CARD, Decimal("5.00"))
    assert cart.due == Decimal("5.34")
    cart = cart.pay(PaymentMethod.CASH, Decimal("10.00"))

    completed = checkout.complete_sale(shop.uow, shop.cashier, cart)

    assert completed.change == Decimal("4.66")
    assert [(p.method, p.amount, p.tendered) for p in payments(shop.uow, completed.sale_id)] == [
        ("card", Decimal("5.00"), Decimal("5.00")),
        ("cash", Decimal("5.34"), Decimal("10.00")),
    ]


def test_a_card_payment_over_what_is_due_is_refused(shop: Shop) -> None:
    cart = ring_up(shop, shop.bread)

    with pytest.raises(InvalidInput, match="more than"):
        cart.pay(PaymentMethod.CARD, Decimal("2.36"))

    assert cart.payments == () and cart.due == Decimal("2.35")


def test_an_unpaid_sale_cannot_be_completed_and_nothing_is_recorded(shop: Shop) -> None:
    cart = ring_up(shop, shop.coffee)
    part_paid = cart.pay(PaymentMethod.CASH, Decimal("5.00"))

    for unpaid in (cart, part_paid):
        with pytest.raises(SaleIncomplete, match="still due"):
            checkout.complete_sale(shop.uow, shop.cashier, unpaid)
    with pytest.raises(SaleIncomplete):
        checkout.complete_sale(shop.uow, shop.cashier, ring_up(shop))  # empty

    assert count(shop.uow, Sale) == 0
    assert count(shop.uow, SaleLine) == 0
    assert count(shop.uow, Payment) == 0
    assert next_receipt_number(shop.uow, shop.till_id) == 1


# -- permissions -------------------------------------------------------------------------


def test_a_cashier_changes_a_price_only_with_a_managers_approval(shop: Shop) -> None:
    cart = ring_up(shop, shop.coffee)
    line = cart.lines[0].line_id

    with pytest.raises(PermissionDenied, match="Līga may not change a price"):
        checkout.override_price(shop.cashier, cart, line, Decimal("5.00"))

    manager = users.sign_in(shop.uow, "Māris", "2222")
    cart = checkout.override_price(shop.cashier, cart, line, Decimal("5.00"), approver=manager)
    completed = checkout.complete_sale(
        shop.uow, shop.cashier, cart.pay(PaymentMethod.CARD, Decimal("5.00"))
    )

    [stored] = sale_lines(shop.uow, completed.sale_id)
    assert (stored.unit_price, stored.list_price, stored.total) == (
        Decimal("5.00"),
        Decimal("7.99"),
        Decimal("5.00"),
    )
    assert stored.approved_by == manager.user_id == shop.manager.user_id


def test_a_cashier_discounts_up_to_the_limit_and_above_it_only_with_approval(shop: Shop) -> None:
    cart = ring_up(shop, shop.coffee, shop.bread)
    coffee, bread = (line.line_id for line in cart.lines)

    # Within the 10 % limit: no approval needed.
    cart = checkout.discount_line(
        shop.uow, shop.cashier, cart, coffee, Discount(percent=Decimal("10"))
    )
    assert cart.line(coffee).total == Decimal("7.19")
    assert cart.line(coffee).approved_by is None

    # 0.30 off 2.35 is 12.8 %: refused for a cashier alone …
    with pytest.raises(PermissionDenied, match="discount above the limit"):
        checkout.discount_line(
            shop.uow, shop.cashier, cart, bread, Discount(amount=Decimal("0.30"))
        )
    with pytest.raises(PermissionDenied):
        checkout.discount_line(
            shop.uow, shop.cashier, cart, bread, Discount(percent=Decimal("10.01"))
        )
    # … and fine with the manager's PIN.
    manager = users.sign_in(shop.uow, "Māris", "2222")
    cart = checkout.discount_line(
        shop.uow, shop.cashier, cart, bread, Discount(amount=Decimal("0.30")), approver=manager
    )

    completed = checkout.complete_sale(
        shop.uow, shop.cashier, cart.pay(PaymentMethod.CARD, cart.due)
    )
    stored = sale_lines(shop.uow, completed.sale_id)
    assert [(line.discount, line.total, line.approved_by) for line in stored] == [
        (Decimal("0.80"), Decimal("7.19"), None),
        (Decimal("0.30"), Decimal("2.05"), manager.user_id),
    ]
    assert completed.total == Decimal("9.24")


def test_a_discount_that_grows_past_the_limit_when_the_quantity_drops_is_not_recorded(
    shop: Shop,
) -> None:
    """€ 2.00 off ten loaves is 8.5 %; after the quantity is cut to one it is 85 %.

    The cashier never asked a manager, so the sale must not be recorded like that.
    """
    cart = ring_up(shop, *[shop.bread] * 10)
    bread = cart.lines[0].line_id
    cart = checkout.discount_line(
        shop.uow, shop.cashier, cart, bread, Discount(amount=Decimal("2.00"))
    )
    cart = cart.set_quantity(bread, Decimal(1))
    assert cart.line(bread).total == Decimal("0.35")  # 85 % off, approved by nobody

    with pytest.raises(PermissionDenied, match="needs a manager's approval"):
        checkout.complete_sale(shop.uow, shop.cashier, cart.pay(PaymentMethod.CASH, cart.due))

    assert count(shop.uow, Sale) == 0


def test_a_price_changed_in_the_cart_without_approval_is_not_recorded(shop: Shop) -> None:
    """Whatever the screen did, completing the sale checks the changed price itself."""
    cart = ring_up(shop, shop.coffee)
    cart = cart.override_price(cart.lines[0].line_id, Decimal("0.99"), approved_by=None)
    cart = cart.pay(PaymentMethod.CARD, cart.due)

    with pytest.raises(PermissionDenied):
        checkout.complete_sale(shop.uow, shop.cashier, cart)
    # A made-up approver is no better than none.
    forged = cart.clear_payments()
    forged = forged.override_price(
        forged.lines[0].line_id, Decimal("0.99"), approved_by=shop.cashier.user_id
    ).pay(PaymentMethod.CARD, Decimal("0.99"))
    with pytest.raises(PermissionDenied):
        checkout.complete_sale(shop.uow, shop.cashier, forged)

    assert count(shop.uow, Sale) == 0
    # The manager may change prices without anyone's approval.
    done = checkout.complete_sale(shop.uow, shop.manager, cart)
    assert done.total == Decimal("0.99")


def test_voiding_a_paid_sale_needs_a_manager_and_is_kept_with_its_reason(shop: Shop) -> None:
    cart = ring_up(shop, shop.coffee, shop.milk).pay(PaymentMethod.CASH, Decimal("10.00"))

    with pytest.raises(PermissionDenied, match="void a sale that has payments"):
        checkout.void_sale(shop.uow, shop.cashier, cart, "customer changed their mind")
    assert count(shop.uow, Sale) == 0

    manager = users.sign_in(shop.uow, "Māris", "2222")
    checkout.void_sale(
        shop.uow, shop.cashier, cart, "  customer changed their mind ", approver=manager
    )

    [voided] = sales(shop.uow)
    assert (voided.uuid, voided.status, voided.receipt_number, voided.reason) == (
        cart.uuid,
        "voided",
        None,
        "customer changed their mind",
    )
    assert voided.total == Decimal("9.18")
    assert voided.user_id == shop.cashier.user_id
    assert len(sale_lines(shop.uow, voided.id)) == 2
    with shop.uow:
        entry = shop.uow.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "sale_voided")
        ).one()
    assert entry.user_id == shop.cashier.user_id
    assert entry.till_id == shop.till_id
    assert json.loads(entry.details) == {
        "uuid": cart.uuid,
        "total": "9.18",
        "reason": "customer changed their mind",
        "approved_by": manager.user_id,
    }
    assert next_receipt_number(shop.uow, shop.till_id) == 1


def test_voiding_the_same_sale_twice_keeps_one_voided_sale(shop: Shop) -> None:
    """A double tap on "Void" (or a retry after a timeout) is not a crash."""
    cart = ring_up(shop, shop.coffee)
    checkout.void_sale(shop.uow, shop.cashier, cart, "customer left")

    try:
        checkout.void_sale(shop.uow, shop.cashier, cart, "customer left")
    except PosError as refused:  # saying so is fine; a raw database error is not
        assert refused.message

    assert [(s.uuid, s.status) for s in sales(shop.uow)] == [(cart.uuid, "voided")]
    assert count(shop.uow, AuditEntry, AuditEntry.action == "sale_voided") == 1


def test_a_cashier_voids_an_unpaid_sale_alone(shop: Shop) -> None:
    cart = ring_up(shop, shop.bread)
    with pytest.raises(InvalidInput, match="why"):
        checkout.void_sale(shop.uow, shop.cashier, cart, "   ")

    checkout.void_sale(shop.uow, shop.cashier, cart, "scanned by mistake")

    [voided] = sales(shop.uow)
    assert (voided.status, voided.reason) == ("voided", "scanned by mistake")


def test_a_cashier_cannot_refund_without_a_managers_approval(shop: Shop) -> None:
    sale = sell(shop, shop.coffee)

    def refund(approver: Actor | None = None) -> checkout.CompletedSale:
        return refund_sale(
            shop, sale, actor=shop.cashier, approver=approver, method=PaymentMethod.CARD
        )

    with pytest.raises(PermissionDenied, match="refund a sale"):
        refund()
    assert count(shop.uow, Sale, Sale.kind == "refund") == 0

    done = refund(approver=users.sign_in(shop.uow, "Māris", "2222"))
    assert done.total == Decimal("-7.99")
    [line] = sale_lines(shop.uow, done.sale_id)
    assert line.approved_by == shop.manager.user_id


# -- the shift ---------------------------------------------------------------------------


def test_no_sale_can_start_without_an_open_shift(shop: Shop) -> None:
    shifts.ensure_till(shop.uow, "T2")
    with pytest.raises(ShiftError, match="No shift is open"):
        checkout.start_sale(shop.uow, shop.cashier, "T2")

    with pytest.raises(ShiftError, match="already open"):
        shifts.open_shift(shop.uow, shop.cashier, TILL, Decimal("100.00"))
    shifts.close_shift(shop.uow, shop.cashier, TILL, {PaymentMethod.CASH: Decimal("100.00")})
    with pytest.raises(ShiftError):
        checkout.start_sale(shop.uow, shop.cashier, TILL)
    with pytest.raises(ShiftError, match="No shift is open"):
        shifts.close_shift(shop.uow, shop.cashier, TILL, {})


def test_closing_the_shift_reports_what_the_drawer_should_hold(shop: Shop) -> None:
    cash_sale = checkout.complete_sale(
        shop.uow,
        shop.cashier,
        ring_up(shop, shop.bread, shop.milk).pay(PaymentMethod.CASH, Decimal("5.00")),
    )  # 3.54 cash, 1.46 change
    card_sale = sell(shop, shop.coffee, method=PaymentMethod.CARD)  # 7.99
    split = (
        ring_up(shop, shop.coffee, shop.bread)  # 10.34
        .pay(PaymentMethod.CARD, Decimal("5.00"))
        .pay(PaymentMethod.CASH, Decimal("10.00"))
    )
    split_sale = checkout.complete_sale(shop.uow, shop.cashier, split)  # 5.34 cash
    checkout.void_sale(shop.uow, shop.cashier, ring_up(shop, shop.milk), "customer left")
    refund = refund_sale(
        shop, cash_sale, {line_id(shop.uow, cash_sale.sale_id, 1): Decimal(1)}
    )  # 2.35 cash back

    report = shifts.close_shift(
        shop.uow,
        shop.cashier,
        TILL,
        {PaymentMethod.CASH: Decimal("106.00"), PaymentMethod.CARD: Decimal("12.99")},
    )

    counts = {c.method: (c.expected, c.counted, c.difference) for c in report.counts}
    # float + cash taken - cash refunded = 100.00 + 3.54 + 5.34 - 2.35
    assert counts[PaymentMethod.CASH] == (Decimal("106.53"), Decimal("106.00"), Decimal("-0.53"))
    assert counts[PaymentMethod.CARD] == (Decimal("12.99"), Decimal("12.99"), Decimal("0.00"))
    assert report.opening_float == Decimal("100.00")
    assert (report.sales_count, report.refunds_count, report.voids_count) == (3, 1, 1)
    assert report.sales_total == Decimal("21.87")
    assert report.refunds_total == Decimal("-2.35")
    # The VAT lines are the sum of what the receipts printed, refunds taken off.
    printed: dict[Decimal, tuple[Decimal, Decimal]] = {}
    for receipt in (cash_sale, card_sale, split_sale, refund):
        for group in receipt.vat:
            gross, vat = printed.get(group.rate, (Decimal(0), Decimal(0)))
            printed[group.rate] = (gross + group.gross, vat + group.vat)
    assert report.vat == [
        VatLine(Decimal("21"), Decimal("15.98"), Decimal("2.78")),
        VatLine(Decimal("12"), Decimal("3.54"), Decimal("0.38")),
    ]
    assert {line.rate: (line.gross, line.vat) for line in report.vat} == printed
    # The report is kept: reading it again later gives the same figures.
    assert shifts.shift_report(shop.uow, report.shift_id).counts == report.counts
    with pytest.raises(ShiftError):
        checkout.start_sale(shop.uow, shop.cashier, TILL)
