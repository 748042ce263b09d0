"""The loyalty programme at the counter: a card shows the member with their points and
rewards, a reward is taken with one key, a voucher by scanning it, a new member is
enrolled from the window with a card."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from posapp.db.models import CardOffer, Rating
from posapp.domain.barcodes import LoyaltyCard, classify, make_ean13
from posapp.domain.cart import PaymentMethod
from posapp.gui.checkout.window import CheckoutWindow
from posapp.gui.dialogs.enrol import EnrolDialog
from posapp.gui.models.rewards import Column
from posapp.services import loyalty
from posapp.services.settings import load_settings, update_settings
from tests.conftest import Shop
from tests.gui.helpers import OpenTill, plain
from tests.integration.loyalty_helpers import balance, give_points, voucher_status

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")


def reward_rows(window: CheckoutWindow) -> list[list[str]]:
    model = window.customer_panel.rewards
    return [
        [plain(model.index(row, column).data()) for column in Column]
        for row in range(model.rowCount())
    ]


def row_of(window: CheckoutWindow, name: str) -> int:
    return [row[Column.NAME] for row in reward_rows(window)].index(name)


def test_scanning_a_card_shows_the_member_with_points_and_rewards_to_take(
    open_till: OpenTill, shop: Shop
) -> None:
    give_points(shop, shop.customer_id, 600)
    window = open_till(language="en")
    window.handle_scan(shop.bread)

    window.handle_scan(shop.customer_card)

    ui = window.ui
    assert ui.customerNameLabel.text() == "Ēriks Ozoliņš"
    assert "points: 600" in ui.customerDetailLabel.text()
    assert ui.rewardsView.isVisible()
    rows = reward_rows(window)
    assert ["Ctrl+1", "€2.00 off", "200 pts"] in rows
    assert ["Ctrl+2", "€5.00 off", "500 pts"] in rows
    assert window.banner_text() == "Welcome, Ēriks Ozoliņš! Rewards to take: 2 (Ctrl+1…)"
    assert not ui.enrolButton.isVisible()


def test_a_name_with_markup_characters_is_greeted_as_written(
    open_till: OpenTill, shop: Shop
) -> None:
    member = loyalty.enrol_customer(shop.uow, shop.cashier, "Anna <Ann> & Co")
    assert member.card_number is not None
    window = open_till(language="en")

    window.handle_scan(member.card_number)

    assert window.banner_text() == "Welcome, Anna <Ann> & Co!"
    label = window.ui.bannerLabel
    assert label.textFormat() is Qt.TextFormat.RichText
    assert "Anna &lt;Ann&gt; &amp; Co" in label.text()  # shown as written, not as a tag
    assert "Anna &lt;Ann&gt; &amp; Co" in window.ui.customerNameLabel.text()


def test_one_key_takes_a_reward_off_the_total_and_the_sale_spends_its_points(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    give_points(shop, shop.customer_id, 600)
    window = open_till(language="en")
    window.handle_scan(shop.coffee)  # 7,99
    window.handle_scan(shop.customer_card)
    row = row_of(window, "€5.00 off")

    qtbot.keyClick(
        window.ui.cartView, Qt.Key(Qt.Key.Key_1 + row), Qt.KeyboardModifier.ControlModifier
    )

    assert window.cart.total == Decimal("2.99")
    assert plain(window.ui.totalLabel.text()) == "€2.99"
    assert plain(window.ui.rewardsLabel.text()) == "Rewards: \u2212€5.00"
    assert reward_rows(window)[row][Column.KEY].startswith("✓")
    assert reward_rows(window)[row][Column.COST] == "\u2212€5.00"
    assert balance(shop.uow, shop.customer_id) == 600  # nothing spent before the sale is

    window.complete([(PaymentMethod.CASH, Decimal("2.99"))])

    assert balance(shop.uow, shop.customer_id) < 600 - 500 + 10  # spent 500, earned a few
    assert "balance" in window.banner_text()
    assert window.customer_panel.summary is None  # the next sale starts without a customer


def test_the_same_key_again_puts_the_reward_back(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    give_points(shop, shop.customer_id, 600)
    window = open_till(language="en")
    window.handle_scan(shop.coffee)
    window.handle_scan(shop.customer_card)
    row = row_of(window, "€2.00 off")
    key = Qt.Key(Qt.Key.Key_1 + row)

    qtbot.keyClick(window.ui.cartView, key, Qt.KeyboardModifier.ControlModifier)
    assert window.cart.total == Decimal("5.99")
    qtbot.keyClick(window.ui.cartView, key, Qt.KeyboardModifier.ControlModifier)

    assert window.cart.total == Decimal("7.99")
    assert not window.ui.rewardsLabel.isVisible()
    assert "back on the customer's account" in window.banner_text()


def test_a_scanned_voucher_comes_off_the_sale_and_is_used_once(
    open_till: OpenTill, shop: Shop
) -> None:
    voucher = loyalty.issue_voucher(shop.uow, shop.owner, shop.customer_id, "euro_2", "sorry")
    window = open_till(language="en")
    window.handle_scan(shop.coffee)
    window.handle_scan(shop.customer_card)

    window.handle_scan(voucher.code)

    assert window.cart.total == Decimal("5.99")
    assert window.banner_text() == "€2.00 off taken off the sale: €2.00"
    window.complete([(PaymentMethod.CASH, Decimal("5.99"))])
    assert voucher_status(shop.uow, voucher.code) == "used"

    window.handle_scan(shop.coffee)
    window.handle_scan(voucher.code)  # the same voucher, a second time
    assert "used" in window.banner_text()
    assert window.cart.total == Decimal("7.99")


def test_a_blocked_card_is_refused_with_what_to_do(open_till: OpenTill, shop: Shop) -> None:
    loyalty.replace_card(shop.uow, shop.owner, shop.customer_id)
    window = open_till(language="en")

    window.handle_scan(shop.customer_card)

    assert window.cart.customer_id is None
    assert "blocked" in window.banner_text()
    assert "new card" in window.banner_text()


def test_enrolment_from_the_window_takes_a_name_and_issues_a_card(
    qtbot: QtBot,
    open_till: OpenTill,
    shop: Shop,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("POSAPP_DATA_DIR", str(tmp_path))
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    window = open_till(language="en")
    window.handle_scan(shop.bread)

    qtbot.keyClick(window.ui.cartView, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.dialog, EnrolDialog) and window.dialog.isVisible())
    dialog = window.dialog
    assert isinstance(dialog, EnrolDialog)
    dialog.ui.nameEdit.setText("Žanete Šķēle")  # (QTest types ASCII only)
    qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Return)

    member = window.customer_panel.summary
    assert member is not None and member.name == "Žanete Šķēle"
    assert window.cart.customer_id == member.customer_id
    assert [line.name for line in window.cart.lines] == ["Rupjmaize"]  # the sale goes on
    card = member.card_number
    assert card is not None
    rules = load_settings(shop.uow).barcode_rules()
    assert classify(card, rules) == LoyaltyCard(card)  # a valid EAN-13 in the card prefix
    assert window.ui.customerNameLabel.text() == "Žanete Šķēle"
    assert card in window.banner_text()
    assert opened == [str(tmp_path / "cards" / f"{card}.pdf")]
    assert Path(opened[0]).read_bytes().startswith(b"%PDF")

    window.wait_saved()
    window.handle_scan(shop.bread)  # and the new card works at once, here and at any till
    window.handle_scan(card)
    assert window.cart.customer_id == member.customer_id


def test_a_pre_printed_card_scanned_into_the_enrolment_is_linked(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    pre_printed = make_ean13("270000000555")
    window = open_till(language="en")
    window.enrol()
    qtbot.waitUntil(lambda: isinstance(window.dialog, EnrolDialog) and window.dialog.isVisible())
    dialog = window.dialog
    assert isinstance(dialog, EnrolDialog)
    dialog.ui.printBox.setChecked(False)
    dialog.ui.nameEdit.setText("Kārlis")

    window.handle_scan(pre_printed)  # the scanner, while the dialog is open
    assert dialog.ui.cardEdit.text() == pre_printed
    dialog.confirm()

    member = window.customer_panel.summary
    assert member is not None and member.card_number == pre_printed


def test_enrolment_says_what_is_wrong_and_keeps_what_was_typed(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    window = open_till(language="en")
    window.enrol()
    qtbot.waitUntil(lambda: isinstance(window.dialog, EnrolDialog) and window.dialog.isVisible())
    dialog = window.dialog
    assert isinstance(dialog, EnrolDialog)
    dialog.ui.nameEdit.setText("Kārlis")
    dialog.ui.birthdayEdit.setText("31.02.1990")

    dialog.confirm()

    assert dialog.isVisible()
    assert "not a date" in dialog.ui.messageLabel.text()
    assert dialog.ui.nameEdit.text() == "Kārlis"
    assert window.cart.customer_id is None


def test_after_a_members_sale_one_key_records_their_rating(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    window = open_till(language="en")
    window.handle_scan(shop.bread)
    window.handle_scan(shop.customer_card)
    window.complete([(PaymentMethod.CASH, Decimal("5.00"))])
    assert "How was it? Alt+1 … Alt+5" in window.banner_text()

    qtbot.keyClick(window.ui.cartView, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)

    assert window.banner_text() == "Thank you: rated 4 of 5. Ctrl+N: what they said."
    with shop.uow:
        rated = shop.uow.session.execute(select(Rating.customer_id, Rating.rating)).all()
    assert rated == [(shop.customer_id, 4)]


def test_after_a_sale_without_a_card_the_offer_and_its_answer_are_counted(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    settings = load_settings(shop.uow)
    update_settings(shop.uow, shop.owner, reminders=replace(settings.reminders, offer_card_every=1))
    window = open_till(language="en")
    window.handle_scan(shop.bread)
    window.complete([(PaymentMethod.CASH, Decimal("5.00"))])
    assert "Offer them a card: Ctrl+E, or Alt+N if they decline" in window.banner_text()

    qtbot.keyClick(window.ui.cartView, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)

    with shop.uow:
        answers = shop.uow.session.scalars(select(CardOffer.answer)).all()
    assert answers == ["declined"]
