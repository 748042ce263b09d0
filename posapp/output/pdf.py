"""What every posapp PDF shares: the embedded Noto Sans fonts and vector barcodes.

Texts are printed in Noto Sans, shipped with posapp (`resources/fonts`, carried inside
the package as `posapp/resources/fonts` by a wheel; SIL Open Font License), so Latvian
letters print from a plain wheel install and travel embedded in the PDF.

Barcodes are reportlab's own widgets (`reportlab.graphics.barcode`): they draw
vector bars straight into the page, sharp at any printer resolution. (python-barcode
only writes SVG or raster images, which a PDF would have to embed as a bitmap.)
The EAN-13 widget's quiet zones default to 9 modules, so they are set to the
standard 11 on the left and 7 on the right (its attribute map declares them
booleans by mistake; :class:`Ean13` lets them be the lengths it computes with).
Code 128 gets the standard 10 modules on either side.
"""

from __future__ import annotations

from functools import cache

from reportlab.graphics.barcode.eanbc import Ean13BarcodeWidget
from reportlab.graphics.barcode.widgets import BarcodeCode128
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.validators import NoneOr, isNumber
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from posapp.config import FONTS_DIR

__all__ = [
    "BOLD",
    "EAN13_LEFT_QUIET_MODULES",
    "EAN13_RIGHT_QUIET_MODULES",
    "REGULAR",
    "code128_drawing",
    "ean13_drawing",
    "fit_text",
    "register_fonts",
]

REGULAR = "posapp-NotoSans"
BOLD = "posapp-NotoSans-Bold"

EAN13_LEFT_QUIET_MODULES = 11
EAN13_RIGHT_QUIET_MODULES = 7
CODE128_QUIET_MODULES = 10


@cache
def register_fonts() -> None:
    """Make REGULAR and BOLD known to reportlab (once per process)."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONTS_DIR / "NotoSans-Regular.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS_DIR / "NotoSans-Bold.ttf")))


class Ean13(Ean13BarcodeWidget):  # type: ignore[misc]
    _attrMap = AttrMap(
        BASE=Ean13BarcodeWidget,
        lquiet=AttrMapValue(NoneOr(isNumber), desc="left quiet zone length"),
        rquiet=AttrMapValue(NoneOr(isNumber), desc="right quiet zone length"),
    )


def ean13_drawing(
    code: str,
    *,
    module: float,
    bar_height: float,
    font_size: float,
    ink: colors.Color = colors.black,
) -> Drawing:
    """An EAN-13 symbol with its digits and its quiet zones; as wide as the drawing.

    `code` is the 13 digits (checked by the caller); sizes are in points.
    """
    widget = Ean13(
        code[:12],  # the widget appends the check digit
        barWidth=module,
        barHeight=bar_height,
        fontName=REGULAR,
        fontSize=font_size,
        textColor=ink,
        barFillColor=colors.black,
        # The widget rounds a quiet zone given in points down to whole modules;
        # half a module more keeps float error from losing one.
        lquiet=(EAN13_LEFT_QUIET_MODULES + 0.5) * module,
        rquiet=(EAN13_RIGHT_QUIET_MODULES + 0.5) * module,
    )
    drawing = Drawing(float(widget.width), bar_height, initialFontName=REGULAR)
    drawing.add(widget)
    return drawing


def code128_drawing(text: str, *, module: float, bar_height: float) -> Drawing:
    """A Code 128 symbol of `text` with its quiet zones, without the text (sizes in points)."""
    widget = BarcodeCode128(
        value=text,
        barWidth=module,
        barHeight=bar_height,
        humanReadable=False,
        quiet=1,
        lquiet=CODE128_QUIET_MODULES * module,
        rquiet=CODE128_QUIET_MODULES * module,
        barFillColor=colors.black,
    )
    drawing = Drawing(float(widget.width), bar_height, initialFontName=REGULAR)
    drawing.add(widget)
    return drawing


def fit_text(
    text: str, *, font: str, size: float, smallest: float, width: float
) -> tuple[str, float]:
    """`text` in `size`, shrunk down to `smallest` to fit `width`, then shortened with an
    ellipsis: a long name is never clipped by the page's edge. Returns the text and size."""
    text = " ".join(text.split())
    while size > smallest and pdfmetrics.stringWidth(text, font, size) > width:
        size = max(smallest, size - 0.25)
    if pdfmetrics.stringWidth(text, font, size) > width:
        while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
            text = text[:-1]
        text = text.rstrip() + "…"
    return text, size
