"""A receipt as ESC/POS commands for a thermal printer, built with python-escpos.

The bytes are made on python-escpos's `Dummy` printer (nothing is sent), so
rendering is a pure function of the receipt; posapp.devices.printers sends them.
What they say:

* ``ESC @`` initialise, then ``ESC t n`` select the character table. Latvian
  letters (ā č ē ģ ī ķ ļ ņ š ū ž) need a Baltic table: **CP1257** (Windows
  Baltic, also the euro sign and the multiplication sign) by default, or **CP775** (DOS Baltic) for
  printers without it. The number n differs between printer models; python-escpos
  knows it from the model's *profile* (its "default" profile, Epson's numbering:
  CP1257 is 51, CP775 is 33; a "POS-5890" says 25 and 95). `charcode()` forces
  that one table, so python-escpos's "magic" encoder writes every text in it
  instead of switching tables character by character, which cheap printers
  mishandle. A character the table lacks is printed as its nearest ASCII.
* ``ESC a`` alignment, ``ESC E`` bold, ``GS !`` double width and height (the
  shop's name, the total), LF line feeds;
* ``GS k`` the printer's own barcodes: CODE128 (code set B) for the receipt's
  ``R<till>-<number>``, EAN13 for vouchers, each with its text below;
* ``GS V`` the paper cut (after feeding the last lines past the cutter), and
  ``ESC p`` the cash drawer's kick, when cash changed hands.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

from escpos.capabilities import CAPABILITIES, get_profile
from escpos.magicencode import Encoder
from escpos.printer import Dummy

from posapp.devices.printers import DEFAULT_CODE_PAGE, DEFAULT_PROFILE
from posapp.errors import InvalidInput
from posapp.i18n import _
from posapp.output.receipt import Receipt
from posapp.output.receipt_layout import Barcode, Logo, Pair, Row, Table, Text, receipt_rows
from posapp.output.receipt_text import COLUMNS, fixed_lines

__all__ = [
    "BALTIC_CODE_PAGES",
    "check_code_page",
    "render_receipt_escpos",
]

BALTIC_CODE_PAGES = ("CP1257", "CP775")
DRAWER_PIN = 2  # the drawer socket's usual pin; ESC p 0
# Barcode sizes in printer dots (203 dpi: 8 dots a millimetre).
BARCODE_HEIGHT_DOTS = 80
CODE128_MODULE_DOTS = 2
EAN13_MODULE_DOTS = 3
# Stand-ins for characters a code page may lack.
_SUBSTITUTES = {
    "€": "EUR",
    "\N{MULTIPLICATION SIGN}": "x",
    "…": "...",
    "\N{NO-BREAK SPACE}": " ",
    "\N{NARROW NO-BREAK SPACE}": " ",
    "\N{EN DASH}": "-",
}


def check_code_page(profile: str, code_page: str) -> None:
    """Refuse a printer profile python-escpos does not know, or a code page it lacks."""
    if profile not in CAPABILITIES["profiles"]:
        raise InvalidInput(
            _(
                "{profile} is not a printer profile python-escpos knows. Use default, or the "
                "model's name as python-escpos lists it (for example TM-T20II or POS-5890)."
            ).format(profile=profile)
        )
    pages = get_profile(profile).get_code_pages()
    if code_page not in pages:
        baltic = [page for page in BALTIC_CODE_PAGES if page in pages]
        raise InvalidInput(
            _(
                "The printer profile {profile} has no code page {code_page}; for Latvian "
                "letters use {choices}."
            ).format(
                profile=profile,
                code_page=code_page,
                choices=" or ".join(baltic) or _("another profile"),
            )
        )


def render_receipt_escpos(
    receipt: Receipt,
    *,
    columns: int = COLUMNS[80],
    code_page: str = DEFAULT_CODE_PAGE,
    profile: str = DEFAULT_PROFILE,
    open_drawer: bool | None = None,
) -> bytes:
    """The receipt's print job. `open_drawer` None: kick the drawer when cash changed
    hands, except on a copy."""
    check_code_page(profile, code_page)
    printer = Dummy(profile=profile)
    printer.hw("INIT")
    printer.charcode(code_page)
    encoder: Encoder = printer.magic.encoder
    for row in receipt_rows(receipt):
        _print_row(printer, row, columns, lambda text: _printable(text, encoder, code_page))
    printer.cut()
    if open_drawer is None:
        open_drawer = receipt.paid_in_cash and not receipt.copy
    if open_drawer:
        printer.cashdraw(DRAWER_PIN)
    output: bytes = printer.output
    return output


def _print_row(printer: Any, row: Row, columns: int, printable: Callable[[str], str]) -> None:
    if isinstance(row, Logo):
        return  # printed on PDF receipts only: a raster logo slows a thermal printer down
    if isinstance(row, Barcode):
        _barcode(printer, row)
        return
    large = isinstance(row, Text | Pair) and row.large
    bold = isinstance(row, Text | Pair | Table) and row.bold
    align = row.align if isinstance(row, Text) else "left"
    size = 2 if large else 1
    printer.set(align=align, bold=bold, custom_size=True, width=size, height=size)
    # Text is aligned by the printer (ESC a); the fixed lines only wrap it.
    wrapped = Text(row.text, bold=row.bold) if isinstance(row, Text) else row
    for line in fixed_lines(wrapped, columns // 2 if large else columns):
        printer.textln(printable(line))


def _barcode(printer: Any, row: Barcode) -> None:
    """The printer's own barcode command (GS k), centred, with its text below.

    Called as `_hw_barcode`: the public `barcode()` prints a line on standard output
    at every call and falls back to a raster image where the profile says so; a
    receipt wants the printer's own sharp bars, always.
    """
    if row.symbology == "code128":
        data, kind, module = "{B" + row.data, "CODE128", CODE128_MODULE_DOTS
    else:
        data, kind, module = row.data, "EAN13", EAN13_MODULE_DOTS
    printer._hw_barcode(
        data, kind, height=BARCODE_HEIGHT_DOTS, width=module, pos="BELOW", align_ct=True
    )
    printer.ln()


def _printable(text: str, encoder: Encoder, code_page: str) -> str:
    """`text` with each character the code page lacks as its nearest ASCII (ē → e), or "?"."""
    if all(encoder.can_encode(code_page, char) for char in text):
        return text
    kept = []
    for char in text:
        if encoder.can_encode(code_page, char):
            kept.append(char)
            continue
        plain = _SUBSTITUTES.get(char) or "".join(
            c for c in unicodedata.normalize("NFKD", char) if c.isascii()
        )
        kept.append(plain or "?")
    return "".join(kept)
