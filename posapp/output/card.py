"""The printable loyalty card: one ID-1 card (85.60 x 53.98 mm) per PDF page.

A coloured band carries the shop's name (and an address line), the customer's
name is printed large below it, and the card number is an EAN-13 symbol with
its digits, at the bottom right, on white, with its quiet zones clear.

The symbol is reportlab's own EAN-13 widget (`reportlab.graphics.barcode.eanbc`):
it draws vector bars straight into the page, so the bars are as sharp as the
printer can make them at any resolution, with the guard bars extended and the
digits in the standard places. (python-barcode only writes SVG or raster
images, which a PDF would have to embed as a bitmap or convert with another
library.) The widget's quiet zones default to 9 modules, so they are set here
to the standard 11 on the left and 7 on the right (its attribute map declares
them booleans by mistake; :class:`_Ean13` lets them be the lengths it computes with).

Texts are printed in Noto Sans, shipped inside the package
(`posapp/resources/fonts`, SIL Open Font License), so Latvian letters print from
a plain wheel install; the printed labels come from the core's catalogue in the
card's own language.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.eanbc import Ean13BarcodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.units import mm
from reportlab.lib.validators import NoneOr, isNumber
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from posapp.domain.barcodes import is_valid_gtin
from posapp.i18n import N_, translations

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
LEFT_QUIET_MODULES = 11
RIGHT_QUIET_MODULES = 7
SYMBOL_MODULES = 95
BAR_HEIGHT_MM = 15.5

LOYALTY_CARD = N_("Loyalty card")
MEMBER_SINCE = N_("Member since {year}")

DEFAULT_COLOUR = "#1E4D5C"

_FONT_DIR = Path(str(files("posapp") / "resources" / "fonts"))
_REGULAR = "posapp-NotoSans"
_BOLD = "posapp-NotoSans-Bold"

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
    _register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(_PAGE_WIDTH, _PAGE_HEIGHT),
        invariant=True,  # no timestamp or random id: the same card gives the same bytes
        initialFontName=_REGULAR,  # else every page names Helvetica, which cannot print "ā"
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


@cache
def _register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(_REGULAR, str(_FONT_DIR / "NotoSans-Regular.ttf")))
    pdfmetrics.registerFont(TTFont(_BOLD, str(_FONT_DIR / "NotoSans-Bold.ttf")))


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
        font=_BOLD,
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
            font=_REGULAR,
            size=6.5,
            smallest=5.5,
            baseline=_PAGE_HEIGHT - 13.0 * mm,
            width=width,
        )

    canvas.setFillColor(band)
    canvas.setFont(_BOLD, 6.0)
    label = texts.gettext(LOYALTY_CARD).upper()
    canvas.drawString(_MARGIN, _PAGE_HEIGHT - 21.5 * mm, label, charSpace=0.6)
    canvas.setFillColor(_INK)
    _draw_fitted(
        canvas,
        card.customer_name,
        font=_BOLD,
        size=13.0,
        smallest=8.0,
        baseline=_PAGE_HEIGHT - 27.5 * mm,
        width=width,
    )

    # The right quiet zone may reach into the margin; the bars end where the texts do.
    barcode_right = _PAGE_WIDTH - _MARGIN + RIGHT_QUIET_MODULES * MODULE_MM * mm
    _draw_barcode(canvas, card.card_number, right=barcode_right, bottom=_BARCODE_BOTTOM)
    if card.member_since is not None:
        canvas.setFillColor(_MUTED)
        canvas.setFont(_REGULAR, 6.5)
        member_since = texts.gettext(MEMBER_SINCE).format(year=card.member_since.year)
        canvas.drawString(_MARGIN, _DIGITS_BASELINE, member_since)


class _Ean13(Ean13BarcodeWidget):  # type: ignore[misc]
    _attrMap = AttrMap(
        BASE=Ean13BarcodeWidget,
        lquiet=AttrMapValue(NoneOr(isNumber), desc="left quiet zone length"),
        rquiet=AttrMapValue(NoneOr(isNumber), desc="right quiet zone length"),
    )


def _draw_barcode(canvas: Canvas, card_number: str, *, right: float, bottom: float) -> None:
    """The EAN-13 symbol with its quiet zones, its right edge (quiet zone included) at `right`."""
    module = MODULE_MM * mm
    widget = _Ean13(
        card_number[:12],  # the widget appends the check digit (CardDocument checked it)
        barWidth=module,
        barHeight=BAR_HEIGHT_MM * mm,
        fontName=_REGULAR,
        fontSize=_DIGITS_SIZE,
        textColor=_INK,
        barFillColor=colors.black,
        # The widget rounds a quiet zone given in points down to whole modules;
        # half a module more keeps float error from losing one.
        lquiet=(LEFT_QUIET_MODULES + 0.5) * module,
        rquiet=(RIGHT_QUIET_MODULES + 0.5) * module,
    )
    width = float(widget.width)
    drawing = Drawing(width, widget.barHeight, initialFontName=_REGULAR)
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, right - width, bottom)


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
    """Draw `text` at the left margin in `size`, shrunk down to `smallest` to fit `width`,
    then shortened with an ellipsis: a long name is never clipped by the card's edge."""
    text = " ".join(text.split())
    while size > smallest and pdfmetrics.stringWidth(text, font, size) > width:
        size = max(smallest, size - 0.25)
    if pdfmetrics.stringWidth(text, font, size) > width:
        while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
            text = text[:-1]
        text = text.rstrip() + "…"
    canvas.setFont(font, size)
    canvas.drawString(_MARGIN, baseline, text)
