"""Render the sample loyalty card shown in the docs: docs/loyalty_card.png (and, asked, its PDF).

    python tools/render_sample_card.py                      # docs/loyalty_card.png, 300 dpi
    python tools/render_sample_card.py --pdf card.pdf       # also the PDF
    python tools/render_sample_card.py --lang en --dpi 203  # another language or resolution

Needs the test extra (pypdfium2 rasterises the PDF): pip install -e ".[test]".
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import pypdfium2

from posapp.domain.barcodes import make_ean13
from posapp.output.card import CardDocument, render_card_pdf

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = CardDocument(
    shop_name="Maiznīca Rīts",
    customer_name="Žanete Šķēle",
    card_number=make_ean13("270000012345"),
    language="lv",
    shop_address="Ģertrūdes iela 41, Rīga",
    member_since=date(2024, 3, 14),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--png", type=Path, default=ROOT / "docs" / "loyalty_card.png")
    parser.add_argument("--pdf", type=Path, help="also write the PDF here")
    parser.add_argument("--lang", default=SAMPLE.language, help="en or lv")
    parser.add_argument("--dpi", type=int, default=300)
    args = parser.parse_args()

    card = CardDocument(**{**SAMPLE.__dict__, "language": args.lang})
    pdf = render_card_pdf(card)
    if args.pdf:
        args.pdf.write_bytes(pdf)
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=args.dpi / 72).to_pil()
    finally:
        document.close()
    image.save(args.png, dpi=(args.dpi, args.dpi))
    print(f"{args.png}: {image.width}x{image.height} px at {args.dpi} dpi")


if __name__ == "__main__":
    main()
