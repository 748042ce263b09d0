"""Users sign in with a PIN; wrong PINs are counted and lock the user for a while."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from posapp.db.models import User
from posapp.db.uow import UnitOfWork, utc_now
from posapp.domain.roles import Role
from posapp.errors import InvalidInput, PermissionDenied, WrongPin
from posapp.services import users
from tests.conftest import Shop


class Clock:
    """A wall clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = utc_now()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def test_pins_are_stored_as_argon2id_hashes_never_as_the_pin(shop: Shop) -> None:
    with shop.uow:
        stored = {
            name: pin_hash
            for name, pin_hash in shop.uow.session.execute(select(User.name, User.pin_hash))
        }
    pins = {"Ilze": "1111", "Māris": "2222", "Līga": "3333"}

    assert set(stored) == set(pins)
    for name, pin_hash in stored.items():
        assert pin_hash.startswith("$argon2id$")
        assert pins[name] not in pin_hash
        assert PasswordHasher().verify(pin_hash, pins[name])
    assert len(set(stored.values())) == 3


def test_the_same_pin_hashes_differently_for_two_users(shop: Shop) -> None:
    users.add_user(shop.uow, shop.owner, "Anna", Role.CASHIER, "3333")
    with shop.uow:
        hashes = shop.uow.session.scalars(
            select(User.pin_hash).where(User.name.in_(["Līga", "Anna"]))
        ).all()
    assert len(set(hashes)) == 2


def test_wrong_pins_count_down_then_lock_the_user_until_the_lock_expires(shop: Shop) -> None:
    clock = Clock()
    uow = UnitOfWork(shop.uow.engine, clock=clock)

    for left in (4, 3, 2, 1):
        with pytest.raises(WrongPin, match=f"Wrong PIN. {left} tries left before Līga is locked"):
            users.sign_in(uow, "Līga", "0000")
    with pytest.raises(WrongPin, match="Līga is now locked for 5 min"):
        users.sign_in(uow, "Līga", "0000")

    # Locked: a moment later even the right PIN is refused, saying for how long.
    clock.advance(seconds=1)
    with pytest.raises(WrongPin, match=r"locked after too many wrong PINs\. Try again in 5 min"):
        users.sign_in(uow, "Līga", "3333")
    clock.advance(minutes=4, seconds=29)
    with pytest.raises(WrongPin, match="Try again in 1 min"):
        users.sign_in(uow, "Līga", "3333")
    # Other users are not affected.
    assert users.sign_in(uow, "Māris", "2222") == shop.manager

    clock.advance(minutes=1)
    assert users.sign_in(uow, "Līga", "3333") == shop.cashier
    # A fresh start: the next wrong PIN has all tries left again.
    with pytest.raises(WrongPin, match="4 tries left"):
        users.sign_in(uow, "Līga", "1234")


def test_a_right_pin_resets_the_count_of_wrong_ones(shop: Shop) -> None:
    for left in (4, 3):
        with pytest.raises(WrongPin, match=f"{left} tries left"):
            users.sign_in(shop.uow, "Līga", "9999")
    assert users.sign_in(shop.uow, "Līga", "3333") == shop.cashier
    with pytest.raises(WrongPin, match="4 tries left"):
        users.sign_in(shop.uow, "Līga", "9999")


def pins_accepted(shop: Shop, pins: list[str]) -> list[str]:
    """The PINs add_user took; each refusal must say what a PIN is."""
    accepted = []
    for number, pin in enumerate(pins):
        try:
            users.add_user(shop.uow, shop.owner, f"Anna {number}", Role.CASHIER, pin)
        except InvalidInput as refused:
            assert "A PIN is 4 to 8 digits" in refused.message
        else:
            accepted.append(pin)
    return accepted


def test_a_pin_is_four_to_eight_digits(shop: Shop) -> None:
    assert pins_accepted(shop, ["123", "123456789", "12a4", "", " 1234", "1234 ", "-1234"]) == []
    assert [u.name for u in users.list_users(shop.uow)] == ["Ilze", "Līga", "Māris"]


def test_a_pin_of_digits_the_pin_pad_cannot_type_is_refused(shop: Shop) -> None:
    """Fullwidth digits (what an IME types), superscripts or Arabic-Indic digits are no PIN.

    str.isdigit() says yes to them, but nobody could sign in with one at the PIN pad.
    """
    not_ascii = ["\uff11\uff12\uff13\uff14", "\u00b9\u00b2\u00b3\u2074", "\u0661\u0662\u0663\u0664"]
    assert pins_accepted(shop, not_ascii) == []


def test_only_the_owner_adds_users(shop: Shop) -> None:
    for actor in (shop.cashier, shop.manager):
        with pytest.raises(PermissionDenied, match="may not manage users"):
            users.add_user(shop.uow, actor, "Anna", Role.CASHIER, "4444")
    assert "Anna" not in {u.name for u in users.list_users(shop.uow)}

    anna = users.add_user(shop.uow, shop.owner, "Anna", Role.CASHIER, "44445555")
    assert (anna.name, anna.role, anna.active) == ("Anna", Role.CASHIER, True)
    assert users.sign_in(shop.uow, "Anna", "44445555").user_id == anna.user_id
