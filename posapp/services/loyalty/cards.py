"""Loyalty cards: the member of a scanned card, new card numbers, a lost card replaced.

A card (active or blocked) stays its member's; a blocked card scanned says that it was
replaced. New numbers come from the shop's series (number_series), never one handed out
or linked before.
"""

from __future__ import annotations

from sqlalchemy import func, select, update

from posapp.db.models import LoyaltyCard, NumberSeries
from posapp.db.uow import UnitOfWork
from posapp.domain import barcodes
from posapp.domain.barcodes import BarcodeRules, InStoreKind, make_ean13
from posapp.domain.roles import Actor, Permission, require
from posapp.domain.text import prefix_upper_bound
from posapp.errors import CardBlocked, InvalidInput, MisreadBarcode, NotFound
from posapp.i18n import _, format_date
from posapp.services import audit, catalog
from posapp.services.loyalty.accounts import read_member
from posapp.services.loyalty.summary import CustomerSummary, read_summary
from posapp.services.settings import read_settings

CARD_SERIES = "loyalty_card"
_NEXT_CARD = (
    update(NumberSeries)
    .where(NumberSeries.name == CARD_SERIES)
    .values(next_value=NumberSeries.next_value + 1)
    .returning(NumberSeries.next_value)
)


def read_card_holder(uow: UnitOfWork, card_number: str) -> CustomerSummary:
    """The member of a scanned loyalty card, as the counter sees them, inside the caller's
    transaction. Raises NotFound for a card of no customer, CardBlocked for a blocked
    (replaced) card."""
    customer = catalog.customer_by_card(uow, card_number)
    if customer is None:
        raise NotFound(
            _("Card {number} belongs to no customer. Enrol the customer or check the card.").format(
                number=card_number
            )
        )
    if customer.card_status != "active":
        blocked_on = customer.blocked_at.date() if customer.blocked_at else None
        raise CardBlocked(
            _(
                "Card {number} was blocked on {date}: it was replaced by a new card. "
                "Scan the customer's new card, or ask the customer for it."
            ).format(number=card_number, date=format_date(blocked_on) if blocked_on else "?")
        )
    return read_summary(uow, customer.customer_id, card_number)


def _card_for(uow: UnitOfWork, rules: BarcodeRules, card_number: str | None) -> str:
    """The card to link: the pre-printed one scanned (checked), or a new number."""
    if card_number is None or not card_number.strip():
        return _issue_card_number(uow, rules)
    scanned = barcodes.classify(card_number, rules)
    if isinstance(scanned, barcodes.Misread):
        raise MisreadBarcode(
            _("Misread barcode ({reason}). Scan it again.").format(reason=_(scanned.reason))
        )
    if not isinstance(scanned, barcodes.LoyaltyCard):
        raise InvalidInput(
            _("{code} is not a loyalty card of this shop. Scan the card's barcode.").format(
                code=card_number.strip()
            )
        )
    if catalog.customer_by_card(uow, scanned.number) is not None:
        raise InvalidInput(
            _("Card {number} is already in use. Give the customer another card.").format(
                number=scanned.number
            )
        )
    return scanned.number


def _issue_card_number(uow: UnitOfWork, rules: BarcodeRules) -> str:
    """The next card number of the shop's series: never one handed out (or pre-printed and
    linked) before. The counter's row is locked until the transaction ends."""
    prefix = next((p.prefix for p in rules.prefixes if p.kind is InStoreKind.LOYALTY_CARD), None)
    if prefix is None:
        raise InvalidInput(
            _("The shop's barcode settings have no loyalty card prefix, so no card can be issued.")
        )
    connection = uow.connection
    while True:
        value = connection.execute(_NEXT_CARD).scalar_one() - 1
        if value >= 10**10:
            raise InvalidInput(_("Every card number of the shop's prefix is used."))
        number = make_ean13(f"{prefix}{value:010d}")
        if catalog.customer_by_card(uow, number) is None:
            return number
        # Pre-printed cards hold numbers of the series: go on after the highest in use.
        highest = connection.execute(
            select(func.max(LoyaltyCard.number)).where(
                LoyaltyCard.number >= prefix, LoyaltyCard.number < prefix_upper_bound(prefix)
            )
        ).scalar()
        if highest and len(highest) == 13 and highest.isdigit():
            connection.execute(
                update(NumberSeries)
                .where(NumberSeries.name == CARD_SERIES)
                .values(next_value=max(int(highest[2:12]) + 1, value + 1))
            )


def replace_card(
    uow: UnitOfWork, actor: Actor, customer_id: int, new_card_number: str | None = None
) -> CustomerSummary:
    """A lost card: block the member's card(s) and link a pre-printed one or issue a new one.

    Points, history and vouchers stay with the member; a blocked card scanned
    later says that it was replaced.
    """
    require(actor, Permission.SELL)
    with uow.writing():
        settings = read_settings(uow)
        account = read_member(uow, customer_id, settings.loyalty.stage_rules(), lock=True)
        now = uow.now()
        blocked = list(
            uow.connection.execute(
                update(LoyaltyCard)
                .where(
                    LoyaltyCard.customer_id == account.customer_id, LoyaltyCard.status == "active"
                )
                .values(status="blocked", blocked_at=now)
                .returning(LoyaltyCard.number)
            ).scalars()
        )
        number = _card_for(uow, settings.barcode_rules(), new_card_number)
        uow.session.add(
            LoyaltyCard(
                number=number, customer_id=account.customer_id, status="active", issued_at=now
            )
        )
        uow.session.flush()
        audit.record(
            uow,
            actor,
            "card_replaced",
            {"customer_id": account.customer_id, "blocked": sorted(blocked), "card": number},
        )
        summary = read_summary(uow, account.customer_id, number)
        uow.commit()
    return summary
