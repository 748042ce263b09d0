"""The printable loyalty card: one ID-1 card (85.60 x 53.98 mm) per PDF page.

A coloured band carries the shop's name (and an address line), the customer's
name is printed large below it, and the card number is an EAN-13 symbol with
its digits, at the bottom right, on white, with its quiet zones clear.

The symbol is a vector EAN-13 with the guard bars extended, the digits in the
standard places and its quiet zones, and the texts are in the embedded Noto
Sans (both from posapp.output.pdf, shared with the receipts); the printed
labels come from the core's catalogue in the card's own language.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from posapp.domain.barcodes import is_valid_gtin
from posapp.i18n import N_, translations
from posapp.output.pdf import (
    BOLD,
    EAN13_RIGHT_QUIET_MODULES,
    REGULAR,
    ean13_drawing,
    fit_text,
    register_fonts,
)

__all__ = [
    "CARD_HEIGHT_MM",
    "CARD_WIDTH_MM",
    "MODULE_MM",
    "CardDocument",
    "render_card_pdf",
    "render_cards_pdf",
    "write_card_pdf",
]

# ISO/IEC 7810 ID-1, the size of a bank card.
CARD_WIDTH_MM = 85.60
CARD_HEIGHT_MM = 53.98

# EAN-13 geometry. The nominal module is 0.33 mm; cards usually print 0.26-0.30 mm,
# and below 0.25 mm cheap scanners and 203 dpi printers start to miss.
MODULE_MM = 0.30
BAR_HEIGHT_MM = 15.5

LOYALTY_CARD = N_("Loyalty card")
MEMBER_SINCE = N_("Member since {year}")

DEFAULT_COLOUR = "#1E4D5C"

_PAGE_WIDTH = CARD_WIDTH_MM * mm
_PAGE_HEIGHT = CARD_HEIGHT_MM * mm
_MARGIN = 5.0 * mm
_BAND_HEIGHT = 16.0 * mm
_BARCODE_BOTTOM = 4.2 * mm
_DIGITS_SIZE = 7.0
# where the widget puts the baseline of the digits under the bars
_DIGITS_BASELINE = _BARCODE_BOTTOM + 0.24 * _DIGITS_SIZE
_INK = colors.HexColor("#1A1A1A")
_MUTED = colors.HexColor("#5F6B70")


@dataclass(frozen=True)
class CardDocument:
    """What one loyalty card prints.

    `card_number` is the card's EAN-13 (13 digits with a correct check digit).
    `language` is the language of the printed labels: the shop's, not the
    person's at the till. `colour` is the band's colour as ``#RRGGBB``; the
    shop's name is printed on it in white.
    """

    shop_name: str
    customer_name: str
    card_number: str
    language: str
    shop_address: str | None = None
    member_since: date | None = None
    colour: str = DEFAULT_COLOUR

    def __post_init__(self) -> None:
        if len(self.card_number) != 13 or not is_valid_gtin(self.card_number):
            raise ValueError(
                f"a card number is an EAN-13 with a correct check digit, got {self.card_number!r}"
            )
        if not self.shop_name.strip() or not self.customer_name.strip():
            raise ValueError("a card needs the shop's name and the customer's name")
        try:
            colors.HexColor(self.colour)
        except ValueError:
            raise ValueError(f"colour is #RRGGBB, got {self.colour!r}") from None


def render_card_pdf(card: CardDocument) -> bytes:
    """The card as a one-page PDF."""
    return render_cards_pdf([card])


def render_cards_pdf(cards: Iterable[CardDocument]) -> bytes:
    """Several cards, one per page (for a card printer's batch). ValueError if none."""
    cards = list(cards)
    if not cards:
        raise ValueError("no cards to print")
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(_PAGE_WIDTH, _PAGE_HEIGHT),
        invariant=True,  # no timestamp or random id: the same card gives the same bytes
        initialFontName=REGULAR,  # else every page names Helvetica, which cannot print "ā"
    )
    first = cards[0]
    title = translations(first.language).gettext(LOYALTY_CARD)
    canvas.setTitle(f"{title}: {first.customer_name}" if len(cards) == 1 else title)
    canvas.setAuthor(first.shop_name)
    canvas.setCreator("posapp")
    for card in cards:
        _draw_card(canvas, card)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def write_card_pdf(card: CardDocument, path: Path) -> None:
    """Write the card's PDF to `path` (replacing it)."""
    path.write_bytes(render_card_pdf(card))


# --------------------------------------------------------------------------- drawing


def _draw_card(canvas: Canvas, card: CardDocument) -> None:
    texts = translations(card.language)
    width = _PAGE_WIDTH - 2 * _MARGIN
    band = colors.HexColor(card.colour)

    canvas.setFillColor(band)
    canvas.rect(0, _PAGE_HEIGHT - _BAND_HEIGHT, _PAGE_WIDTH, _BAND_HEIGHT, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    _draw_fitted(
        canvas,
        card.shop_name,
        font=BOLD,
        size=14.0,
        smallest=9.0,
        baseline=_PAGE_HEIGHT - (8.6 if card.shop_address else 10.0) * mm,
        width=width,
    )
    if card.shop_address:
        # A tint of the band rather than transparency, which some printers mishandle.
        canvas.setFillColor(colors.linearlyInterpolatedColor(colors.white, band, 0, 1, 0.18))
        _draw_fitted(
            canvas,
            card.shop_address,
            font=REGULAR,
            size=6.5,
            smallest=5.5,
            baseline=_PAGE_HEIGHT - 13.0 * mm,
            width=width,
        )

    canvas.setFillColor(band)
    canvas.setFont(BOLD, 6.0)
    label = texts.gettext(LOYALTY_CARD).upper()
    canvas.drawString(_MARGIN, _PAGE_HEIGHT - 21.5 * mm, label, charSpace=0.6)
    canvas.setFillColor(_INK)
    _draw_fitted(
        canvas,
        card.customer_name,
        font=BOLD,
        size=13.0,
        smallest=8.0,
        baseline=_PAGE_HEIGHT - 27.5 * mm,
        width=width,
    )

    # The right quiet zone may reach into the margin; the bars end where the texts do.
    barcode_right = _PAGE_WIDTH - _MARGIN + EAN13_RIGHT_QUIET_MODULES * MODULE_MM * mm
    _draw_barcode(canvas, card.card_number, right=barcode_right, bottom=_BARCODE_BOTTOM)
    if card.member_since is not None:
        canvas.setFillColor(_MUTED)
        canvas.setFont(REGULAR, 6.5)
        member_since = texts.gettext(MEMBER_SINCE).format(year=card.member_since.year)
        canvas.drawString(_MARGIN, _DIGITS_BASELINE, member_since)


def _draw_barcode(canvas: Canvas, card_number: str, *, right: float, bottom: float) -> None:
    """The EAN-13 symbol with its quiet zones, its right edge (quiet zone included) at `right`."""
    drawing = ean13_drawing(
        card_number,  # CardDocument checked it
        module=MODULE_MM * mm,
        bar_height=BAR_HEIGHT_MM * mm,
        font_size=_DIGITS_SIZE,
        ink=_INK,
    )
    renderPDF.draw(drawing, canvas, right - drawing.width, bottom)


def _draw_fitted(
    canvas: Canvas,
    text: str,
    *,
    font: str,
    size: float,
    smallest: float,
    baseline: float,
    width: float,
) -> None:
    """Draw `text` at the left margin, fitted to `width` (see posapp.output.pdf.fit_text)."""
    fitted, fitted_size = fit_text(text, font=font, size=size, smallest=smallest, width=width)
    canvas.setFont(font, fitted_size)
    canvas.drawString(_MARGIN, baseline, fitted)
