"""A receipt as PDF: a roll receipt 80 or 58 mm wide, as long as it is, or an A4 invoice.

The roll receipt draws the rows of posapp.output.receipt_layout in Noto Sans
(embedded, so Latvian letters print anywhere), with the receipt's Code 128 and
the vouchers' EAN-13 as vector barcodes with their quiet zones, sized in whole
dots of a 203 dpi thermal printer so that they print as sharp as it can. Its
page is exactly as long as its content: a PDF printer driver for a roll (or the
system print dialog) then feeds and cuts no more paper than the receipt needs.

The A4 invoice is the same sale for a company: seller and buyer, a table of the
lines, the VAT breakdown, the payments, the loyalty block and the receipt's barcode.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.graphics import renderPDF
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from posapp.i18n import N_, translations
from posapp.output import receipt_layout as layout
from posapp.output.formatting import (
    format_amount,
    format_moment,
    format_money,
    format_percent,
    format_quantity,
)
from posapp.output.pdf import BOLD, REGULAR, code128_drawing, ean13_drawing, register_fonts
from posapp.output.receipt import Receipt

__all__ = ["ROLL_WIDTHS_MM", "render_invoice_pdf", "render_receipt_pdf"]

ROLL_WIDTHS_MM = (80, 58)
DOT = 25.4 / 203 * mm  # one dot of a 203 dpi thermal printer, in points
_INK = colors.HexColor("#1A1A1A")
_RULE = colors.HexColor("#8A8A8A")

INVOICE = N_("Invoice {number}")
SELLER = N_("Seller")
BUYER = N_("Buyer")
DESCRIPTION = N_("Description")
QUANTITY = N_("Quantity")
UNIT_PRICE = N_("Unit price")
AMOUNT = N_("Amount")
DATE = N_("Date: {date}")


@dataclass(frozen=True)
class _Style:
    """Sizes of one paper, in points."""

    margin: float
    font_size: float
    large_size: float
    code128_module: float
    ean13_module: float
    bar_height: float


_ROLL_STYLES = {
    80: _Style(4 * mm, 8.0, 12.0, 2 * DOT, 3 * DOT, 10 * mm),
    58: _Style(5 * mm, 7.0, 10.5, 2 * DOT, 3 * DOT, 9 * mm),
}
_A4_STYLE = _Style(18 * mm, 9.0, 12.0, 2 * DOT, 3 * DOT, 12 * mm)
_LOGO_HEIGHT = 18 * mm
_LEADING = 1.3
_GAP = 2.0  # between the left text and the amount of a pair
_INDENT = 3 * mm
_TABLE_CELL = 0.2  # each amount column of a table, as a part of the width
_FRAME_PADDING = 6.0  # platypus's, on each side of a page's frame


def render_receipt_pdf(receipt: Receipt, width_mm: int = 80) -> bytes:
    """A roll receipt `width_mm` (80 or 58) wide, its page as long as its content."""
    if width_mm not in _ROLL_STYLES:
        raise ValueError(f"a roll is 80 or 58 mm wide, not {width_mm}")
    register_fonts()
    style = _ROLL_STYLES[width_mm]
    page_width = width_mm * mm
    rows = _Rows(layout.receipt_rows(receipt), style)
    _width, height = rows.wrap(page_width - 2 * style.margin, 0)
    page_height = height + 2 * style.margin
    buffer = io.BytesIO()
    canvas = _canvas(buffer, (page_width, page_height), receipt)
    rows.drawOn(canvas, style.margin, style.margin)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def render_invoice_pdf(receipt: Receipt) -> bytes:
    """The sale as an A4 invoice: seller, buyer (when given), lines, VAT, payments."""
    register_fonts()
    texts = translations(receipt.language)
    language = receipt.language
    style = _A4_STYLE
    normal = ParagraphStyle("normal", fontName=REGULAR, fontSize=style.font_size, leading=12)
    bold = ParagraphStyle("bold", parent=normal, fontName=BOLD)
    right = ParagraphStyle("right", parent=normal, alignment=2)
    bold_right = ParagraphStyle("bold_right", parent=bold, alignment=2)
    title = ParagraphStyle("title", parent=bold, fontSize=16, leading=20)

    def paragraphs(lines: list[str], paragraph_style: ParagraphStyle = normal) -> list[Paragraph]:
        return [Paragraph(escape(line), paragraph_style) for line in lines if line]

    heading = texts.gettext(INVOICE).format(number=receipt.number)
    if receipt.copy:
        heading += f" — {texts.gettext(layout.COPY)}"
    if receipt.is_refund:
        heading += f" — {texts.gettext(layout.REFUND)}"
    shop = receipt.shop
    seller = [
        *paragraphs([texts.gettext(SELLER)], bold),
        *paragraphs([shop.name, shop.address, *shop.lines]),
        *paragraphs(
            [texts.gettext(layout.VAT_NUMBER).format(number=shop.vat_number)]
            if shop.vat_number
            else []
        ),
    ]
    buyer: list[Paragraph] = []
    if receipt.buyer is not None:
        buyer = [
            *paragraphs([texts.gettext(BUYER)], bold),
            *paragraphs([receipt.buyer.name, receipt.buyer.address]),
            *paragraphs(
                [texts.gettext(layout.VAT_NUMBER).format(number=receipt.buyer.vat_number)]
                if receipt.buyer.vat_number
                else []
            ),
        ]
    width = A4[0] - 2 * style.margin - 2 * _FRAME_PADDING
    parties = Table([[seller, buyer]], colWidths=[width / 2, width / 2])
    parties.setStyle(
        _table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )

    moment = format_moment(receipt.completed_at, language, receipt.time_zone)
    details = [
        texts.gettext(DATE).format(date=moment),
        texts.gettext(layout.TILL).format(till=receipt.till_code)
        + ", "
        + texts.gettext(layout.CASHIER).format(name=receipt.cashier),
    ]
    if receipt.refund_of is not None:
        details.append(texts.gettext(layout.REFUND_OF).format(number=receipt.refund_of))
    if receipt.refund_reason:
        details.append(texts.gettext(layout.REASON).format(reason=receipt.refund_reason))

    header = [
        Paragraph(escape(texts.gettext(DESCRIPTION)), bold),
        *(
            Paragraph(escape(texts.gettext(label)), bold_right)
            for label in (QUANTITY, UNIT_PRICE, layout.DISCOUNT, layout.VAT, AMOUNT)
        ),
    ]
    body = [
        [
            Paragraph(escape(line.name), normal),
            Paragraph(escape(format_quantity(line.quantity, line.by_weight, language)), right),
            Paragraph(escape(format_amount(line.unit_price, language)), right),
            Paragraph(
                escape(format_amount(-line.discount, language) if line.discount else ""), right
            ),
            Paragraph(escape(format_percent(line.vat_rate, language)), right),
            Paragraph(escape(format_amount(line.total, language)), right),
        ]
        for line in receipt.lines
    ]
    total_row = [
        Paragraph(escape(texts.gettext(layout.TOTAL)), bold),
        "",
        "",
        "",
        "",
        Paragraph(escape(format_money(receipt.total, language)), bold_right),
    ]
    lines = Table(
        [header, *body, total_row],
        colWidths=[width * part for part in (0.40, 0.13, 0.13, 0.12, 0.08, 0.14)],
        repeatRows=1,
    )
    lines.setStyle(
        _table_style(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, _INK),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, _INK),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ]
        )
    )
    vat = Table(
        [
            [
                Paragraph(
                    escape(texts.gettext(cell)),
                    bold if i == 0 else bold_right,
                )
                for i, cell in enumerate((layout.VAT, layout.NET, layout.VAT, layout.GROSS))
            ],
            *[
                [
                    Paragraph(
                        escape(
                            texts.gettext(layout.VAT_RATE).format(
                                rate=format_percent(v.rate, language)
                            )
                        ),
                        normal,
                    ),
                    Paragraph(escape(format_amount(v.net, language)), right),
                    Paragraph(escape(format_amount(v.vat, language)), right),
                    Paragraph(escape(format_amount(v.gross, language)), right),
                ]
                for v in receipt.vat
            ],
        ],
        colWidths=[width * 0.16] * 4,
        hAlign="RIGHT",
    )
    vat.setStyle(_table_style([]))
    story: list[Flowable] = [
        Paragraph(escape(heading), title),
        Spacer(1, 4 * mm),
        parties,
        Spacer(1, 4 * mm),
        *paragraphs(details),
        Spacer(1, 5 * mm),
        lines,
        Spacer(1, 4 * mm),
        vat,
        Spacer(1, 4 * mm),
        _Rows(layout.payment_rows(receipt, texts), style, max_width=width * 0.5),
    ]
    if receipt.loyalty is not None:
        story += [
            Spacer(1, 6 * mm),
            _Rows(
                layout.loyalty_rows(receipt.loyalty, language, texts), style, max_width=width * 0.5
            ),
        ]
    story += [
        Spacer(1, 6 * mm),
        _Rows([layout.Barcode("code128", receipt.code)], style, max_width=width * 0.5),
        *paragraphs(list(receipt.footer)),
    ]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=style.margin,
        rightMargin=style.margin,
        topMargin=style.margin,
        bottomMargin=style.margin,
        title=heading,
        author=shop.name,
        creator="posapp",
        invariant=True,
        initialFontName=REGULAR,
    )
    document.build(story)
    return buffer.getvalue()


def _table_style(commands: list[tuple[object, ...]]) -> TableStyle:
    """A table's style; its empty cells in Noto Sans too (platypus's default is Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands])


def _canvas(buffer: io.BytesIO, size: tuple[float, float], receipt: Receipt) -> Canvas:
    canvas = Canvas(
        buffer,
        pagesize=size,
        invariant=True,  # no timestamp or random id: the same receipt gives the same bytes
        initialFontName=REGULAR,  # else the page names Helvetica, which cannot print "ā"
    )
    canvas.setTitle(receipt.number)
    canvas.setAuthor(receipt.shop.name)
    canvas.setCreator("posapp")
    return canvas


_Draw = Callable[[Canvas, float], None]  # draws a band whose bottom is at y


class _Rows(Flowable):  # type: ignore[misc]
    """Receipt rows drawn top to bottom in the available width (or `max_width`)."""

    def __init__(self, rows: list[layout.Row], style: _Style, max_width: float | None = None):
        super().__init__()
        self.rows = rows
        self.style = style
        self.max_width = max_width
        self._bands: list[tuple[float, _Draw]] = []

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        self.width = min(available_width, self.max_width or available_width)
        self._bands = [band for row in self.rows for band in self._layout(row, self.width)]
        self.height = sum(height for height, _draw in self._bands)
        return self.width, self.height

    def draw(self) -> None:
        y = self.height
        for height, draw in self._bands:
            y -= height
            draw(self.canv, y)

    # -- one row ----------------------------------------------------------------
    def _layout(self, row: layout.Row, width: float) -> list[tuple[float, _Draw]]:
        style = self.style
        if isinstance(row, layout.Text):
            font = BOLD if row.bold else REGULAR
            size = style.large_size if row.large else style.font_size
            return [
                (size * _LEADING, _text(line, font, size, row.align, width))
                for line in simpleSplit(row.text, font, size, width) or [""]
            ]
        if isinstance(row, layout.Pair):
            return self._pair(row, width)
        if isinstance(row, layout.Table):
            return [(style.font_size * _LEADING, _table(row, style.font_size, width))]
        if isinstance(row, layout.Rule):
            return [(style.font_size * 0.9, _rule(width, style.font_size * 0.9))]
        if isinstance(row, layout.Barcode):
            return [self._barcode(row, width)]
        return self._logo(row, width)

    def _pair(self, row: layout.Pair, width: float) -> list[tuple[float, _Draw]]:
        font = BOLD if row.bold else REGULAR
        size = self.style.large_size if row.large else self.style.font_size
        indent = _INDENT if row.indent else 0.0
        right_width = pdfmetrics.stringWidth(row.right, font, size)
        room = width - indent - (right_width + _GAP if row.right else 0)
        lines = simpleSplit(row.left, font, size, max(room, width / 2)) or [""]
        bands = [
            (size * _LEADING, _text(line, font, size, "left", width, indent)) for line in lines
        ]
        if row.right:
            last_width = indent + pdfmetrics.stringWidth(lines[-1], font, size)
            amount = _text(row.right, font, size, "right", width)
            if last_width + _GAP + right_width <= width:
                left = bands[-1][1]
                bands[-1] = (size * _LEADING, _both(left, amount))
            else:
                bands.append((size * _LEADING, amount))
        return bands

    def _barcode(self, row: layout.Barcode, width: float) -> tuple[float, _Draw]:
        style = self.style
        caption = 7.0
        if row.symbology == "ean13":
            drawing = ean13_drawing(
                row.data,
                module=style.ean13_module,
                bar_height=style.bar_height,
                font_size=caption + 1,
            )
            height = style.bar_height + 2 * mm

            def draw_ean(canvas: Canvas, y: float) -> None:
                renderPDF.draw(drawing, canvas, self._centre(width, drawing.width), y + 1.5 * mm)

            return height, draw_ean
        drawing = code128_drawing(
            row.data, module=style.code128_module, bar_height=style.bar_height
        )
        height = style.bar_height + caption * _LEADING + 2 * mm

        def draw_code128(canvas: Canvas, y: float) -> None:
            x = self._centre(width, drawing.width)
            renderPDF.draw(drawing, canvas, x, y + caption * _LEADING + 1 * mm)
            canvas.setFont(REGULAR, caption)
            canvas.setFillColor(_INK)
            canvas.drawCentredString(x + drawing.width / 2, y + 1 * mm + 0.3 * caption, row.data)

        return height, draw_code128

    def _logo(self, row: layout.Logo, width: float) -> list[tuple[float, _Draw]]:
        try:
            image = ImageReader(str(row.path))
            image_width, image_height = image.getSize()
        except OSError:
            return []  # the receipt matters more than its logo: a missing file prints none
        scale = min(_LOGO_HEIGHT / image_height, width / image_width)
        logo_width, logo_height = image_width * scale, image_height * scale

        def draw(canvas: Canvas, y: float) -> None:
            x = self._centre(width, logo_width)
            canvas.drawImage(image, x, y + 1 * mm, logo_width, logo_height, mask="auto")

        return [(logo_height + 2 * mm, draw)]

    @staticmethod
    def _centre(width: float, thing: float) -> float:
        return max(0.0, (width - thing) / 2)


def _text(
    text: str, font: str, size: float, align: str, width: float, indent: float = 0.0
) -> _Draw:
    def draw(canvas: Canvas, y: float) -> None:
        baseline = y + size * (_LEADING - 1) / 2 + size * 0.22
        canvas.setFont(font, size)
        canvas.setFillColor(_INK)
        if align == "center":
            canvas.drawCentredString(width / 2, baseline, text)
        elif align == "right":
            canvas.drawRightString(width, baseline, text)
        else:
            canvas.drawString(indent, baseline, text)

    return draw


def _both(first: _Draw, second: _Draw) -> _Draw:
    def draw(canvas: Canvas, y: float) -> None:
        first(canvas, y)
        second(canvas, y)

    return draw


def _table(row: layout.Table, size: float, width: float) -> _Draw:
    font = BOLD if row.bold else REGULAR
    cell = width * _TABLE_CELL

    def draw(canvas: Canvas, y: float) -> None:
        baseline = y + size * (_LEADING - 1) / 2 + size * 0.22
        canvas.setFont(font, size)
        canvas.setFillColor(_INK)
        canvas.drawString(0, baseline, row.cells[0])
        others = row.cells[1:]
        for index, text in enumerate(others):
            canvas.drawRightString(width - cell * (len(others) - 1 - index), baseline, text)

    return draw


def _rule(width: float, height: float) -> _Draw:
    def draw(canvas: Canvas, y: float) -> None:
        canvas.setStrokeColor(_RULE)
        canvas.setLineWidth(0.5)
        canvas.setDash(1.5, 1.5)
        canvas.line(0, y + height / 2, width, y + height / 2)
        canvas.setDash()

    return draw
