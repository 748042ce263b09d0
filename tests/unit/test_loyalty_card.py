"""The printed loyalty card: an ID-1 page whose barcode a till's scanner reads back.

The PDF is rasterised as a printer would print it (pypdfium2) and the picture is
decoded by a real barcode reader (zxing-cpp), at 300 dpi (a card or office
printer) and at 203 dpi in pure black and white (a thermal label printer).
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, cast

import pypdf
import pypdfium2
import pytest
import zxingcpp
from PIL import Image
from pypdf.generic import DictionaryObject

from posapp.domain.barcodes import BarcodeRules, LoyaltyCard, classify, make_ean13
from posapp.output.card import (
    CARD_HEIGHT_MM,
    CARD_WIDTH_MM,
    CardDocument,
    render_card_pdf,
    render_cards_pdf,
    write_card_pdf,
)

MM_PER_INCH = 25.4
CARD_NUMBER = make_ean13("270000012345")
CARD = CardDocument(
    shop_name="Maiznīca Rīts",
    customer_name="Žanete Šķēle-Ūdre",
    card_number=CARD_NUMBER,
    language="lv",
    shop_address="Ģertrūdes iela 41, Rīga",
    member_since=date(2024, 3, 14),
)


def _pages(pdf: bytes, dpi: int) -> list[Image.Image]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("L") for page in document]
    finally:
        document.close()


def _black_and_white(image: Image.Image) -> Image.Image:
    """What a thermal printer makes of it: every dot black or white, no grey."""
    return image.point(lambda value: 255 if value >= 128 else 0).convert("L")


def _scan(image: Image.Image) -> list[str]:
    return [barcode.text for barcode in zxingcpp.read_barcodes(image)]


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_the_barcode_scans_as_the_card_number_at_300_dpi() -> None:
    (page,) = _pages(render_card_pdf(CARD), dpi=300)
    assert _scan(page) == [CARD_NUMBER]
    assert classify(CARD_NUMBER, BarcodeRules.default()) == LoyaltyCard(CARD_NUMBER)


def test_the_barcode_scans_from_a_203_dpi_black_and_white_print() -> None:
    (page,) = _pages(render_card_pdf(CARD), dpi=203)
    assert _scan(_black_and_white(page)) == [CARD_NUMBER]


def test_the_symbol_has_a_scannable_module_and_clear_quiet_zones() -> None:
    dpi = 300
    (page,) = _pages(render_card_pdf(CARD), dpi=dpi)
    (barcode,) = zxingcpp.read_barcodes(page)
    grey = page.tobytes()  # one byte a pixel, row after row

    def ink(x: int, y: int) -> bool:
        return grey[y * page.width + x] < 128

    def white(xs: range, y: int) -> bool:
        return min(grey[y * page.width + x] for x in xs) > 240

    middle = (barcode.position.top_left.y + barcode.position.bottom_left.y) // 2
    dark = [x for x in range(page.width) if ink(x, middle)]
    first_bar, last_bar = dark[0], dark[-1]
    module_px = (last_bar - first_bar + 1) / 95
    assert 0.25 <= module_px * MM_PER_INCH / dpi <= 0.33

    top = bottom = middle  # the first (guard) bar, followed up and down from the middle
    while ink(first_bar + 1, top - 1):
        top -= 1
    while ink(first_bar + 1, bottom + 1):
        bottom += 1
    assert (bottom - top) * MM_PER_INCH / dpi >= 12.0  # tall enough to scan at an angle
    # Above the digits (the first digit may stand in the left quiet zone), nothing but
    # white for 11 modules left of the first bar and 7 right of the last, on the page.
    left = round(first_bar - 11 * module_px)
    right = round(last_bar + 1 + 7 * module_px)
    assert left >= 0
    assert right <= page.width
    for y in range(top, top + (bottom - top) * 3 // 4):
        assert white(range(left, first_bar - 1), y), y
        assert white(range(last_bar + 2, right), y), y


def test_the_page_is_exactly_id_1() -> None:
    (page,) = pypdf.PdfReader(io.BytesIO(render_card_pdf(CARD))).pages
    width_mm = float(page.mediabox.width) * MM_PER_INCH / 72
    height_mm = float(page.mediabox.height) * MM_PER_INCH / 72
    assert width_mm == pytest.approx(85.60, abs=0.01)
    assert height_mm == pytest.approx(53.98, abs=0.01)
    assert (CARD_WIDTH_MM, CARD_HEIGHT_MM) == (85.60, 53.98)


def test_latvian_letters_print_in_an_embedded_font() -> None:
    pdf = render_card_pdf(CARD)
    text = _text(pdf)
    assert "Žanete Šķēle-Ūdre" in text
    assert "Maiznīca Rīts" in text
    assert "Ģertrūdes iela 41, Rīga" in text
    (page,) = pypdf.PdfReader(io.BytesIO(pdf)).pages
    fonts = cast(DictionaryObject, cast(DictionaryObject, page["/Resources"])["/Font"])
    assert fonts
    for name in fonts:
        font = cast(DictionaryObject, fonts[name])
        assert "NotoSans" in str(font["/BaseFont"])
        descriptor = cast(DictionaryObject, font["/FontDescriptor"])
        assert "/FontFile2" in descriptor  # the TrueType font travels inside the PDF


@pytest.mark.parametrize(
    ("language", "label", "member_since"),
    [
        ("lv", "LOJALITĀTES KARTE", "Ar mums kopš 2024. gada"),
        ("en", "LOYALTY CARD", "Member since 2024"),
    ],
)
def test_printed_labels_are_in_the_cards_language(
    language: str, label: str, member_since: str
) -> None:
    text = _text(render_card_pdf(replace(CARD, language=language)))
    assert label in text
    assert member_since in text


def test_several_cards_are_one_page_each_and_each_scans() -> None:
    numbers = [make_ean13("270000000017"), make_ean13("270099999999")]
    cards = [
        replace(CARD, card_number=numbers[0], customer_name="Ēriks Ķ", member_since=None),
        replace(CARD, card_number=numbers[1], customer_name="Aleksandrs Konstantīns " * 3),
    ]
    pages = _pages(render_cards_pdf(cards), dpi=300)
    assert [_scan(page) for page in pages] == [[numbers[0]], [numbers[1]]]


def test_a_long_name_is_shortened_to_fit_not_clipped() -> None:
    long_name = "Aleksandrs Konstantīns Ozoliņš-Vītoliņš-Bērziņš-Kalniņš-Liepiņš"
    text = _text(render_card_pdf(replace(CARD, customer_name=long_name)))
    assert "Aleksandrs Konstantīns" in text
    assert "…" in text


def test_write_card_pdf(tmp_path: Path) -> None:
    path = tmp_path / "card.pdf"
    write_card_pdf(CARD, path)
    assert path.read_bytes() == render_card_pdf(CARD)  # same card, same bytes


@pytest.mark.parametrize(
    "changes",
    [
        {"card_number": "2700000123455"},  # wrong check digit
        {"card_number": "12345678"},  # an EAN-8, not a card number
        {"customer_name": "  "},
        {"shop_name": ""},
        {"colour": "teal-ish"},
    ],
)
def test_a_card_that_cannot_be_printed_is_refused(changes: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        replace(CARD, **changes)


def test_no_cards_is_an_error() -> None:
    with pytest.raises(ValueError):
        render_cards_pdf([])
