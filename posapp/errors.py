"""Typed errors a person can act on.

Every error carries a message that says what happened and what to do; the CLI
prints it on one line, the GUI shows it inline and keeps the cart. Messages are
translated through the core catalogue (posapp.i18n) when they are raised.
"""

from __future__ import annotations


class PosError(Exception):
    """Base of every error posapp reports to a person."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(PosError):
    """A product, customer, receipt, user or sale that does not exist."""


class MisreadBarcode(PosError):
    """A barcode that failed its check digit or could not be read."""


class InvalidInput(PosError):
    """A value a person entered that cannot be used (amount, quantity, file row)."""


class PermissionDenied(PosError):
    """The acting user's role does not allow this action."""

    exit_code = 3


class WrongPin(PosError):
    """A PIN that does not match, or a user locked after too many wrong PINs."""

    exit_code = 3


class SaleIncomplete(PosError):
    """A sale that cannot be completed yet (nothing to sell, not fully paid)."""


class ShiftError(PosError):
    """No open shift where one is needed, or a second one where one is open."""


class CardBlocked(PosError):
    """A loyalty card that was blocked (lost, replaced by a new one)."""


class NotEnoughPoints(PosError):
    """A reward or an adjustment that needs more points than the customer has."""


class VoucherNotUsable(PosError):
    """A voucher that was used already, has expired, or belongs to another customer."""


class DatabaseError(PosError):
    """The database cannot be used: busy, unreachable, or written by a newer posapp."""

    exit_code = 4


class ImportFailed(PosError):
    """A file whose rows did not validate; nothing was imported."""

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message)
        self.problems = problems


class PrinterUnavailable(PosError):
    """The receipt printer cannot be reached or written; the receipt waits in the queue."""

    exit_code = 5
