"""Who may do what. Services call require(); the GUI only hides what is refused."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from posapp.errors import PermissionDenied
from posapp.i18n import _


class Role(Enum):
    OWNER = "owner"
    MANAGER = "manager"
    CASHIER = "cashier"


class Permission(Enum):
    SELL = "sell"
    OVERRIDE_PRICE = "override_price"
    DISCOUNT_ABOVE_LIMIT = "discount_above_limit"
    VOID_PAID_SALE = "void_paid_sale"
    REFUND = "refund"
    MANAGE_SHIFT = "manage_shift"
    MANAGE_CATALOGUE = "manage_catalogue"
    MANAGE_USERS = "manage_users"
    MANAGE_LOYALTY = "manage_loyalty"  # adjust points, merge customers, give vouchers
    SEE_CUSTOMER_LISTS = "see_customer_lists"  # the owner's care lists, with contact details
    SEE_REPORTS = "see_reports"  # the owner's reports: takings, VAT, shifts, loyalty, care


_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.OWNER: frozenset(Permission),
    Role.MANAGER: frozenset(Permission) - {Permission.MANAGE_USERS},
    Role.CASHIER: frozenset({Permission.SELL, Permission.MANAGE_SHIFT}),
}


@dataclass(frozen=True)
class Actor:
    """The person acting: signed in with a PIN, or the shop's own command line."""

    user_id: int | None
    name: str
    role: Role

    def may(self, permission: Permission) -> bool:
        return permission in _GRANTS[self.role]

    @classmethod
    def command_line(cls) -> Actor:
        """Whoever runs `posapp` on the shop's machine acts with the owner's rights."""
        return cls(user_id=None, name="command line", role=Role.OWNER)


def require(actor: Actor, permission: Permission, approver: Actor | None = None) -> Actor:
    """The actor allowed to do this: the actor, or else an approving manager.

    Raises PermissionDenied with what to do when neither may.
    """
    if actor.may(permission):
        return actor
    if approver is not None and approver.may(permission):
        return approver
    raise PermissionDenied(
        _("{name} may not {action}. Ask a manager to approve it with their PIN.").format(
            name=actor.name, action=describe(permission)
        )
    )


def role_name(role: Role) -> str:
    return {Role.OWNER: _("owner"), Role.MANAGER: _("manager"), Role.CASHIER: _("cashier")}[role]


def describe(permission: Permission) -> str:
    return {
        Permission.SELL: _("sell"),
        Permission.OVERRIDE_PRICE: _("change a price"),
        Permission.DISCOUNT_ABOVE_LIMIT: _("give a discount above the limit"),
        Permission.VOID_PAID_SALE: _("void a sale that has payments"),
        Permission.REFUND: _("refund a sale"),
        Permission.MANAGE_SHIFT: _("open or close a shift"),
        Permission.MANAGE_CATALOGUE: _("change the product catalogue"),
        Permission.MANAGE_USERS: _("manage users"),
        Permission.MANAGE_LOYALTY: _("change points, vouchers or merge customers"),
        Permission.SEE_CUSTOMER_LISTS: _("see the customer lists"),
        Permission.SEE_REPORTS: _("see the shop's reports"),
    }[permission]
