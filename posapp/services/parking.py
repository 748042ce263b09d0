"""Open and parked carts: a sale being rung up survives a crash, a parked one waits."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from sqlalchemy import bindparam, delete, select, update

from posapp.db.models import OpenCart, Till, User
from posapp.db.uow import UnitOfWork
from posapp.domain.cart import Cart
from posapp.domain.roles import Actor, Permission, require
from posapp.errors import InvalidInput, NotFound
from posapp.i18n import _


@dataclass(frozen=True)
class ParkedSale:
    uuid: str
    till_code: str
    user_name: str
    parked_at: datetime
    total: Decimal
    line_count: int
    customer_name: str | None
    note: str | None


def save_open_cart(uow: UnitOfWork, actor: Actor, cart: Cart) -> None:
    """Keep the cart being rung up, so a crash or power cut loses nothing.

    An empty cart is forgotten. If another cart was open on this till (one
    that was never finished), it is parked rather than lost.
    """
    require(actor, Permission.SELL)
    with uow.writing():
        connection = uow.connection
        if not cart.lines and not cart.payments:
            connection.execute(delete(OpenCart).where(OpenCart.uuid == cart.uuid))
        elif (
            connection.execute(
                _UPDATE_OPEN_CART,
                {"cart_uuid": cart.uuid, "payload": cart.to_json(), "updated_at": uow.now()},
            ).rowcount
            == 0
        ):  # the first save of this cart (the usual case, every scan after it, is one UPDATE)
            connection.execute(
                update(OpenCart)
                .where(
                    OpenCart.till_id == cart.till_id,
                    OpenCart.status == "open",
                    OpenCart.uuid != cart.uuid,
                )
                .values(status="parked")
            )
            _store(uow, actor, cart, "open")
        uow.commit()


_UPDATE_OPEN_CART = (
    update(OpenCart)
    .where(OpenCart.uuid == bindparam("cart_uuid"), OpenCart.status == "open")
    .values(payload=bindparam("payload"), updated_at=bindparam("updated_at"))
)


def _store(uow: UnitOfWork, actor: Actor, cart: Cart, status: str) -> None:
    assert actor.user_id is not None
    uow.session.merge(
        OpenCart(
            uuid=cart.uuid,
            till_id=cart.till_id,
            status=status,
            user_id=actor.user_id,
            updated_at=uow.now(),
            payload=cart.to_json(),
        )
    )


def open_cart(uow: UnitOfWork, till_id: int) -> Cart | None:
    """The cart that was being rung up on this till when it stopped, if any."""
    with uow:
        payload = uow.session.scalar(
            select(OpenCart.payload).where(OpenCart.till_id == till_id, OpenCart.status == "open")
        )
        return None if payload is None else Cart.from_json(payload)


def park_sale(uow: UnitOfWork, actor: Actor, cart: Cart, note: str | None = None) -> None:
    """Put the sale aside (the customer forgot their wallet) to resume later, on any till."""
    require(actor, Permission.SELL)
    if not cart.lines:
        raise InvalidInput(_("There is nothing to park."))
    if cart.payments:
        raise InvalidInput(_("This sale has payments. Complete it, or remove them to park it."))
    with uow.writing():
        _store(uow, actor, replace(cart, parked_note=note), "parked")
        uow.commit()


def parked_sales(uow: UnitOfWork) -> list[ParkedSale]:
    with uow:
        rows = uow.session.execute(
            select(OpenCart, Till.code, User.name)
            .join(Till, OpenCart.till_id == Till.id)
            .join(User, OpenCart.user_id == User.id)
            .where(OpenCart.status == "parked")
            .order_by(OpenCart.updated_at)
        ).all()
    result = []
    for parked, till_code, user_name in rows:
        cart = Cart.from_json(parked.payload)
        result.append(
            ParkedSale(
                uuid=parked.uuid,
                till_code=till_code,
                user_name=user_name,
                parked_at=parked.updated_at,
                total=cart.total,
                line_count=len(cart.lines),
                customer_name=cart.customer_name,
                note=cart.parked_note,
            )
        )
    return result


def resume_sale(uow: UnitOfWork, actor: Actor, sale_uuid: str, till_id: int) -> Cart:
    """Take a parked sale back onto this till as the cart being rung up."""
    require(actor, Permission.SELL)
    with uow.writing():
        parked = uow.session.get(OpenCart, sale_uuid)
        if parked is None or parked.status != "parked":
            raise NotFound(_("That parked sale was already resumed or finished."))
        cart = replace(Cart.from_json(parked.payload), till_id=till_id, parked_note=None)
        uow.session.execute(
            update(OpenCart)
            .where(OpenCart.till_id == till_id, OpenCart.status == "open")
            .values(status="parked")
        )
        parked.till_id, parked.status, parked.payload = till_id, "open", cart.to_json()
        parked.updated_at = uow.now()
        uow.commit()
        return cart
