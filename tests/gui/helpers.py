"""Small helpers shared by the GUI tests."""

from __future__ import annotations

from collections.abc import Callable

from posapp.gui.checkout.window import CheckoutWindow

# open_till(actor=None, language="lv") -> the checkout window (fixture in tests/gui/conftest.py)
OpenTill = Callable[..., CheckoutWindow]


def plain(text: str) -> str:
    """Text as a person reads it: Babel's no-break spaces as spaces."""
    return text.replace("\xa0", " ")
