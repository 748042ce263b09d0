"""Goods without a barcode: search by name or SKU as you type (F2), and the quick keys."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from posapp.db.models import Category, Product, VatRate
from posapp.gui.checkout.window import CheckoutWindow
from posapp.gui.dialogs.amount import AmountDialog
from posapp.gui.models.products import MatchColumn
from posapp.services import parking
from posapp.services.settings import update_settings
from tests.conftest import Shop
from tests.gui.helpers import OpenTill, plain

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")


def results(window: CheckoutWindow) -> list[list[str]]:
    model = window.matches
    return [
        [plain(model.index(row, column).data()) for column in MatchColumn]
        for row in range(model.rowCount())
    ]


def search(qtbot: QtBot, window: CheckoutWindow, text: str) -> None:
    """F2, then type `text` key by key, as a person does, and wait for the results."""
    qtbot.keyClick(window.ui.cartView, Qt.Key.Key_F2)
    edit = window.ui.searchEdit
    assert edit.hasFocus()
    qtbot.keyClicks(edit, text)
    qtbot.waitUntil(
        lambda: window.ui.searchResultsView.isVisible() or window.ui.searchEmptyLabel.isVisible()
    )


def cart_names(window: CheckoutWindow) -> list[str]:
    return [line.name for line in window.cart.lines]


def saved_names(shop: Shop, window: CheckoutWindow) -> list[str]:
    window.wait_saved()
    saved = parking.open_cart(shop.uow, window.till_id)
    assert saved is not None
    return [line.name for line in saved.lines]


def add_product(shop: Shop, sku: str, name: str, price: str) -> None:
    with shop.uow.writing():
        session = shop.uow.session
        category = session.scalars(select(Category)).first()
        rate = session.scalars(select(VatRate).where(VatRate.rate == Decimal(12))).one()
        assert category is not None
        session.add(
            Product(
                sku=sku,
                name=name,
                category_id=category.id,
                vat_rate_id=rate.id,
                price=Decimal(price),
                sold_by="unit",
            )
        )
        shop.uow.commit()


def test_typing_finds_the_product_and_enter_adds_it(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    window = open_till()
    assert "F2" in window.ui.searchEdit.placeholderText()

    search(qtbot, window, "rupj")

    assert results(window) == [["Rupjmaize", "BREAD", "2,35 €"]]
    assert not window.ui.searchEmptyLabel.isVisible()

    qtbot.keyClick(window.ui.searchEdit, Qt.Key.Key_Return)

    assert cart_names(window) == ["Rupjmaize"]
    assert plain(window.ui.totalLabel.text()) == "2,35 €"
    assert saved_names(shop, window) == ["Rupjmaize"]  # saved like a scan: a crash loses nothing
    assert window.ui.searchEdit.text() == ""
    assert not window.ui.searchResultsView.isVisible()
    assert window.ui.cartView.hasFocus()


def test_one_letter_finds_nothing_yet(qtbot: QtBot, open_till: OpenTill) -> None:
    window = open_till()
    window.ui.searchEdit.setFocus()
    qtbot.keyClicks(window.ui.searchEdit, "r")
    qtbot.wait(300)

    assert not window.ui.searchResultsView.isVisible()
    assert not window.ui.searchEmptyLabel.isVisible()


def test_up_and_down_choose_among_the_results(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    add_product(shop, "BREAD-S", "Rupjmaize ar sēklām", "2.95")
    window = open_till()

    search(qtbot, window, "rupj")
    assert [row[0] for row in results(window)] == ["Rupjmaize", "Rupjmaize ar sēklām"]

    edit = window.ui.searchEdit
    qtbot.keyClick(edit, Qt.Key.Key_Down)
    qtbot.keyClick(edit, Qt.Key.Key_Down)  # stays on the last
    assert window.ui.searchResultsView.currentIndex().row() == 1
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    qtbot.keyClick(edit, Qt.Key.Key_Down)
    qtbot.keyClick(edit, Qt.Key.Key_Return)

    assert cart_names(window) == ["Rupjmaize ar sēklām"]
    assert saved_names(shop, window) == ["Rupjmaize ar sēklām"]


def test_escape_clears_the_search_and_returns_to_the_cart(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    window = open_till()
    window.handle_scan(shop.milk)
    search(qtbot, window, "rupj")

    qtbot.keyClick(window.ui.searchEdit, Qt.Key.Key_Escape)

    assert window.ui.searchEdit.text() == ""
    assert not window.ui.searchResultsView.isVisible()
    assert window.ui.cartView.hasFocus()
    assert cart_names(window) == ["Piens 2%"]


def test_letters_without_their_marks_find_the_product(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    window = open_till()

    search(qtbot, window, "kafija eg")

    assert results(window) == [["Kafija Ēģipte", "COFFEE", "7,99 €"]]
    qtbot.keyClick(window.ui.searchEdit, Qt.Key.Key_Return)
    assert cart_names(window) == ["Kafija Ēģipte"]


def test_no_match_is_said_in_the_list_area(qtbot: QtBot, open_till: OpenTill) -> None:
    window = open_till(language="en")

    search(qtbot, window, "zzz")

    assert not window.ui.searchResultsView.isVisible()
    assert window.ui.searchEmptyLabel.text() == "No product matches “zzz”."
    qtbot.keyClick(window.ui.searchEdit, Qt.Key.Key_Return)  # nothing to add
    assert window.cart.lines == ()


def test_goods_sold_by_weight_ask_for_the_weight(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    window = open_till()
    search(qtbot, window, "siers")
    assert results(window) == [["Siers (sver)", "CHEESE", "12,90 € / kg"]]

    qtbot.keyClick(window.ui.searchEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.dialog, AmountDialog) and window.dialog.isVisible())
    dialog = window.dialog
    assert isinstance(dialog, AmountDialog)
    assert dialog.windowTitle() == "Svars"
    qtbot.keyClicks(dialog.ui.amountEdit, "0,355")
    qtbot.keyClick(dialog.ui.amountEdit, Qt.Key.Key_Return)

    [line] = window.cart.lines
    assert (line.name, line.quantity, line.by_weight) == ("Siers (sver)", Decimal("0.355"), True)
    assert plain(window.ui.totalLabel.text()) == "4,58 €"  # 12.90 * 0.355 = 4.5795
    assert saved_names(shop, window) == ["Siers (sver)"]


def test_quick_keys_add_the_shops_chosen_products(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    update_settings(shop.uow, shop.owner, quick_keys=["BREAD", "MILK"])
    window = open_till()

    assert window.ui.quickKeysPanel.isVisible()
    keys = window.quick_keys
    assert [key.product.name for key in keys] == ["Rupjmaize", "Piens 2%"]
    assert [plain(key.text().split("\n")[1]) for key in keys] == ["2,35 €", "1,19 €"]
    assert all(key.height() >= 44 for key in keys)

    qtbot.mouseClick(keys[1], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(keys[1], Qt.MouseButton.LeftButton)

    assert [(line.name, line.quantity) for line in window.cart.lines] == [("Piens 2%", Decimal(2))]
    assert saved_names(shop, window) == ["Piens 2%"]


def test_without_quick_keys_or_sales_the_area_is_hidden(open_till: OpenTill) -> None:
    window = open_till()

    assert window.quick_keys == []
    assert not window.ui.quickKeysPanel.isVisible()
