"""Receipts as the customer gets them: PDF read back and scanned, ESC/POS decoded, plain text.

The PDF is rasterised as a 203 dpi thermal printer would print it (pypdfium2) and
its barcodes are read by a real barcode reader (zxing-cpp). The ESC/POS bytes are
decoded command by command (a small decoder below, for the commands a receipt
uses), so the test sees what the printer would do.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace

import pypdf
import pypdfium2
import pytest
import zxingcpp
from PIL import Image

from posapp.domain.barcodes import BarcodeRules, ReceiptCode, VoucherCode, classify
from posapp.errors import InvalidInput
from posapp.output.receipt import Buyer
from posapp.output.receipt_escpos import check_code_page, render_receipt_escpos
from posapp.output.receipt_pdf import render_invoice_pdf, render_receipt_pdf
from posapp.output.receipt_text import render_receipt_text
from tests.receipt_samples import CARD_RECEIPT, RECEIPT, VOUCHER_CODE

MM_PER_POINT = 25.4 / 72


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def _page(pdf: bytes, dpi: int) -> Image.Image:
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        document.close()
    return image.point(lambda value: 255 if value >= 128 else 0)  # a thermal dot: black or white


def _scan(image: Image.Image) -> dict[str, str]:
    return {barcode.text: barcode.format.name for barcode in zxingcpp.read_barcodes(image)}


# --------------------------------------------------------------------------- PDF


@pytest.mark.parametrize("width_mm", [80, 58])
def test_the_roll_pdf_says_the_total_the_vat_the_points_in_latvian(width_mm: int) -> None:
    text = _text(render_receipt_pdf(RECEIPT, width_mm))
    assert "KOPĀ" in text and "38,25 €" in text
    assert "PVN 21%" in text and "23,22" in text and "4,88" in text and "28,10" in text
    assert "PVN 12%" in text and "9,06" in text and "1,09" in text and "10,15" in text
    assert "Ķiploku maize ar sieru" in text
    assert "Žanete Šķēle" in text
    assert "Nopelnītie punkti" in text and "+16" in text
    assert "Punktu atlikums" in text and "460" in text
    assert "Vēl 40 punkti līdz nākamajai balvai: 5 € kupons" in " ".join(text.split())
    assert "120 punkti derīgi līdz 31.12.26" in text
    assert "Derīgs līdz 31.01.27" in text
    assert "Čeks T1-42" in text and "Kasieris: Līga" in text
    assert "Izdots" in text and "11,75" in text
    assert "0,352 kg \N{MULTIPLICATION SIGN} 12,90/kg" in text


@pytest.mark.parametrize("width_mm", [80, 58])
def test_the_vouchers_ean13_and_the_receipts_code128_scan_at_203_dpi(width_mm: int) -> None:
    found = _scan(_page(render_receipt_pdf(RECEIPT, width_mm), dpi=203))
    assert found == {VOUCHER_CODE: "EAN13", "RT1-42": "Code128"}
    rules = BarcodeRules.default()
    assert classify(VOUCHER_CODE, rules) == VoucherCode(VOUCHER_CODE)
    assert classify("RT1-42", rules) == ReceiptCode("T1", 42)  # what the refund screen reads


def test_the_page_is_the_rolls_width_and_as_long_as_the_receipt() -> None:
    for width_mm in (80, 58):
        (page,) = pypdf.PdfReader(io.BytesIO(render_receipt_pdf(RECEIPT, width_mm))).pages
        assert float(page.mediabox.width) * MM_PER_POINT == pytest.approx(width_mm, abs=0.01)
    short = pypdf.PdfReader(io.BytesIO(render_receipt_pdf(CARD_RECEIPT))).pages[0]
    long = pypdf.PdfReader(io.BytesIO(render_receipt_pdf(RECEIPT))).pages[0]
    assert float(short.mediabox.height) < float(long.mediabox.height)
    # no blank paper: the last ink is near the bottom edge
    image = _page(render_receipt_pdf(CARD_RECEIPT), dpi=100)
    ink_rows = [
        y
        for y in range(image.height)
        if image.crop((0, y, image.width, y + 1)).getextrema()[0] == 0
    ]
    assert image.height - ink_rows[-1] < 10 / 25.4 * 100


@pytest.mark.parametrize("invoice", [False, True], ids=["roll", "a4"])
def test_latvian_letters_print_in_the_embedded_noto_sans(invoice: bool) -> None:
    pdf = render_invoice_pdf(RECEIPT) if invoice else render_receipt_pdf(RECEIPT)
    fonts = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"]  # type: ignore[index]
    for name in fonts:
        font = fonts[name].get_object()
        assert "NotoSans" in str(font["/BaseFont"])
        assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_a_copy_says_so_and_a_refund_names_its_original() -> None:
    assert _text(render_receipt_pdf(replace(RECEIPT, copy=True))).count("KOPIJA") == 2
    refund = replace(
        CARD_RECEIPT,
        kind="refund",
        receipt_number=43,
        refund_of="T1-40",
        refund_reason="Bojāta prece",
    )
    text = _text(render_receipt_pdf(refund))
    assert "ATGRIEŠANA" in text
    assert "Atgriešana pēc čeka T1-40" in text
    assert "Iemesls: Bojāta prece" in text
    assert "KOPIJA" not in _text(render_receipt_pdf(RECEIPT))


def test_the_a4_invoice_names_the_buyer_and_carries_everything() -> None:
    buyer = Buyer("SIA Ēdnīca Kalniņi", "Brīvības iela 1, Rīga", "LV40003999999")
    pdf = render_invoice_pdf(replace(RECEIPT, buyer=buyer))
    (page,) = pypdf.PdfReader(io.BytesIO(pdf)).pages
    assert float(page.mediabox.width) * MM_PER_POINT == pytest.approx(210, abs=0.1)
    text = _text(pdf)
    assert "Rēķins T1-42" in text
    assert "SIA Ēdnīca Kalniņi" in text and "LV40003999999" in text
    assert "Maiznīca Rīts" in text and "LV40003123456" in text
    assert "Šokolādes kūka" in text and "38,25 €" in text and "PVN 21%" in text
    assert "Punktu atlikums" in text
    assert _scan(_page(pdf, dpi=203)) == {VOUCHER_CODE: "EAN13", "RT1-42": "Code128"}


def test_in_english_the_same_receipt_says_it_in_english() -> None:
    text = _text(render_receipt_pdf(replace(RECEIPT, language="en")))
    assert "TOTAL" in text and "€38.25" in text
    assert "40 points to your next 5 € kupons" in " ".join(text.split())
    assert "Žanete Šķēle" in text


# --------------------------------------------------------------------------- plain text


@pytest.mark.parametrize("columns", [42, 32])
def test_the_text_receipt_fits_its_columns(columns: int) -> None:
    text = render_receipt_text(RECEIPT, columns).replace("\N{NO-BREAK SPACE}", " ")
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= columns
    assert "Ķiploku maize ar sieru" in text and "38,25 €" in text and "RT1-42" in text
    assert any(line.startswith("KOPĀ") and line.endswith("38,25 €") for line in lines)


# --------------------------------------------------------------------------- ESC/POS


@dataclass
class Printout:
    """What a printer did with a job: its commands in order, and the lines it printed."""

    commands: list[tuple[str, ...]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    bold_lines: list[str] = field(default_factory=list)
    large_lines: list[str] = field(default_factory=list)
    barcodes: list[tuple[str, str]] = field(default_factory=list)

    def names(self) -> list[str]:
        return [command[0] for command in self.commands]


ESC, GS, LF = 0x1B, 0x1D, 0x0A
CODE_PAGES = {51: "cp1257", 33: "cp775", 25: "cp1257", 0: "cp437"}  # 25: a POS-5890
BARCODE_KINDS = {2: "EAN13", 67: "EAN13", 73: "CODE128"}


def decode_escpos(data: bytes) -> Printout:
    """Decode the commands a receipt uses; anything else fails the test."""
    out = Printout()
    encoding = "cp437"
    bold = large = False
    text = bytearray()
    i = 0

    def take(count: int) -> bytes:
        nonlocal i
        chunk = data[i : i + count]
        assert len(chunk) == count, "a command cut short"
        i += count
        return chunk

    while i < len(data):
        byte = data[i]
        i += 1
        if byte == LF:
            line = text.decode(encoding)
            out.lines.append(line)
            if bold:
                out.bold_lines.append(line)
            if large:
                out.large_lines.append(line)
            text.clear()
            out.commands.append(("LF",))
        elif byte == ESC:
            command = chr(take(1)[0])
            if command == "@":
                out.commands.append(("ESC @",))
                bold = large = False
            elif command == "t":
                number = take(1)[0]
                encoding = CODE_PAGES[number]
                out.commands.append(("ESC t", str(number)))
            elif command == "E":
                bold = take(1)[0] == 1
                out.commands.append(("ESC E", str(int(bold))))
            elif command == "a":
                out.commands.append(("ESC a", str(take(1)[0])))
            elif command == "d":
                out.commands.append(("ESC d", str(take(1)[0])))
            elif command == "p":
                pin, on, off = take(3)
                out.commands.append(("ESC p", str(pin), str(on), str(off)))
            else:
                raise AssertionError(f"unexpected ESC {command!r}")
        elif byte == GS:
            command = chr(take(1)[0])
            if command == "!":
                size = take(1)[0]
                large = size == 0x11
                out.commands.append(("GS !", hex(size)))
            elif command in "hwfH":
                out.commands.append((f"GS {command}", str(take(1)[0])))
            elif command == "V":
                mode = take(1)[0]
                out.commands.append(("GS V", str(mode)))
                if mode in (65, 66):
                    take(1)
            elif command == "k":
                kind = take(1)[0]
                if kind <= 6:
                    end = data.index(0, i)
                    code, i = data[i:end].decode("ascii"), end + 1
                else:
                    code = take(take(1)[0]).decode("ascii")
                out.barcodes.append((BARCODE_KINDS[kind], code))
                out.commands.append(("GS k", BARCODE_KINDS[kind], code))
            else:
                raise AssertionError(f"unexpected GS {command!r}")
        else:
            assert byte >= 0x20, f"unexpected control byte {byte:#x}"
            text.append(byte)
    assert not text, "text left without a line feed"
    return out


def test_escpos_prints_the_receipt_with_latvian_letters_in_cp1257() -> None:
    out = decode_escpos(render_receipt_escpos(RECEIPT))
    assert out.commands[:2] == [("ESC @",), ("ESC t", "51")]  # initialise, then Baltic CP1257
    text = "\n".join(out.lines)
    for expected in ("Maiznīca Rīts", "Ķiploku maize ar sieru", "Žanete Šķēle", "Ģertrūdes"):
        assert expected in text
    assert "Kafija Ēģipte" in text and "0,352 kg \N{MULTIPLICATION SIGN} 12,90/kg" in text
    assert any(line.startswith("KOPĀ") and "38,25" in line for line in out.large_lines)
    assert "Maiznīca Rīts" in out.large_lines and "Maiznīca Rīts" in out.bold_lines
    assert "PVN 21%" in text and "Punktu atlikums" in text
    assert ("EAN13", VOUCHER_CODE) in out.barcodes
    assert ("CODE128", "{BRT1-42") in out.barcodes
    assert max(len(line) for line in out.lines if line not in out.large_lines) <= 42


def test_escpos_cuts_and_kicks_the_drawer_only_for_cash() -> None:
    cash = decode_escpos(render_receipt_escpos(RECEIPT)).names()
    card = decode_escpos(render_receipt_escpos(CARD_RECEIPT)).names()
    copy = decode_escpos(render_receipt_escpos(replace(RECEIPT, copy=True))).names()
    assert cash[-2:] == ["GS V", "ESC p"]  # the cut, then the drawer
    assert card[-1] == "GS V" and "ESC p" not in card
    assert "ESC p" not in copy  # a reprint never opens the drawer
    assert "ESC p" not in decode_escpos(render_receipt_escpos(RECEIPT, open_drawer=False)).names()


def test_escpos_in_cp775_and_on_a_58_mm_roll() -> None:
    out = decode_escpos(render_receipt_escpos(RECEIPT, code_page="CP775", columns=32))
    assert out.commands[1] == ("ESC t", "33")
    text = "\n".join(out.lines)
    assert "Ķiploku maize ar sieru" in text and "Žanete Šķēle" in text
    assert "EUR" in text  # CP775 has no euro sign: it prints EUR
    assert max(len(line) for line in out.lines if line not in out.large_lines) <= 32


def test_another_printer_models_number_for_the_same_code_page() -> None:
    out = decode_escpos(render_receipt_escpos(RECEIPT, profile="POS-5890"))
    assert out.commands[1] == ("ESC t", "25")  # that model's CP1257


@pytest.mark.parametrize(("profile", "code_page"), [("TM-T88V", "CP1255x"), ("no-such", "CP1257")])
def test_a_code_page_or_profile_the_printer_lacks_is_refused(profile: str, code_page: str) -> None:
    with pytest.raises(InvalidInput):
        check_code_page(profile, code_page)
