"""Render the sample receipt shown in the README: docs/receipt.png (and, asked, its PDF).

    python tools/render_sample_receipt.py                     # docs/receipt.png, 80 mm, 203 dpi
    python tools/render_sample_receipt.py --pdf receipt.pdf   # also the PDF
    python tools/render_sample_receipt.py --width 58 --lang en --dpi 300

The receipt is the tests' sample (tests/receipt_samples.py): ten lines, a cash
payment and a loyalty block with a voucher. Needs the test extra (pypdfium2
rasterises the PDF): pip install -e ".[test]".
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import pypdfium2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from posapp.output.receipt_pdf import render_receipt_pdf  # noqa: E402
from tests.receipt_samples import RECEIPT  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--png", type=Path, default=ROOT / "docs" / "receipt.png")
    parser.add_argument("--pdf", type=Path, help="also write the PDF here")
    parser.add_argument("--width", type=int, choices=[80, 58], default=80)
    parser.add_argument("--lang", default=RECEIPT.language, help="en or lv")
    parser.add_argument("--dpi", type=int, default=203)
    args = parser.parse_args()

    pdf = render_receipt_pdf(replace(RECEIPT, language=args.lang), args.width)
    if args.pdf:
        args.pdf.write_bytes(pdf)
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=args.dpi / 72).to_pil().convert("L")
    finally:
        document.close()
    image.save(args.png, dpi=(args.dpi, args.dpi), optimize=True)
    print(f"{args.png}: {image.width}x{image.height} px at {args.dpi} dpi")


if __name__ == "__main__":
    main()
