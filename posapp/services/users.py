"""Users, roles and PINs (argon2id hashes)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlalchemy import select

from posapp.db.models import User
from posapp.db.uow import UnitOfWork
from posapp.domain.roles import Actor, Permission, Role, require
from posapp.errors import InvalidInput, NotFound, WrongPin
from posapp.i18n import _
from posapp.services import audit
from posapp.services.settings import read_settings

_hasher = PasswordHasher()  # argon2id with the library's recommended costs


@dataclass(frozen=True)
class UserInfo:
    user_id: int
    name: str
    role: Role
    active: bool


def check_pin(pin: str) -> str:
    if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8):
        raise InvalidInput(_("A PIN is 4 to 8 digits."))
    return pin


def add_user(uow: UnitOfWork, actor: Actor, name: str, role: Role, pin: str) -> UserInfo:
    require(actor, Permission.MANAGE_USERS)
    name = name.strip()
    if not name:
        raise InvalidInput(_("A user needs a name."))
    pin_hash = _hasher.hash(check_pin(pin))
    with uow.writing():
        if uow.session.scalar(select(User.id).where(User.name == name)) is not None:
            raise InvalidInput(
                _("There is already a user called {name}. Choose another name.").format(name=name)
            )
        user = User(name=name, role=role.value, pin_hash=pin_hash, created_at=uow.now())
        uow.session.add(user)
        uow.session.flush()
        audit.record(uow, actor, "user_added", {"user": name, "role": role.value})
        uow.commit()
        return UserInfo(user.id, user.name, role, True)


def list_users(uow: UnitOfWork) -> list[UserInfo]:
    with uow:
        users = uow.session.scalars(select(User).order_by(User.name))
        return [UserInfo(u.id, u.name, Role(u.role), u.active) for u in users]


def sign_in(uow: UnitOfWork, name: str, pin: str) -> Actor:
    """The signed-in actor, or WrongPin; too many wrong PINs lock the user for a while."""
    with uow.writing():
        user = uow.session.scalar(select(User).where(User.name == name, User.active))
        if user is None:
            raise NotFound(_("There is no active user called {name}.").format(name=name))
        now = uow.now()
        if user.locked_until is not None and user.locked_until > now:
            minutes = math.ceil((user.locked_until - now).total_seconds() / 60)
            raise WrongPin(
                _(
                    "{name} is locked after too many wrong PINs. Try again in {minutes} min or ask "
                    "a manager."
                ).format(name=name, minutes=minutes)
            )
        try:
            _hasher.verify(user.pin_hash, pin)
        except VerificationError:
            settings = read_settings(uow)
            user.failed_pin_attempts += 1
            left = settings.pin_attempts - user.failed_pin_attempts
            if left <= 0:
                user.failed_pin_attempts = 0
                user.locked_until = now + timedelta(minutes=settings.pin_lock_minutes)
                audit.record(uow, Actor(user.id, user.name, Role(user.role)), "user_locked", {})
                message = _("Wrong PIN. {name} is now locked for {minutes} min.").format(
                    name=name, minutes=settings.pin_lock_minutes
                )
            else:
                message = _("Wrong PIN. {left} tries left before {name} is locked.").format(
                    left=left, name=name
                )
            uow.commit()
            raise WrongPin(message) from None
        user.failed_pin_attempts = 0
        user.locked_until = None
        uow.commit()
        return Actor(user.id, user.name, Role(user.role))
