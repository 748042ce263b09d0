"""`posapp report NAME`: the accountant's monthly VAT report is one command, read back;
the owner's care report too, as text, CSV and PDF."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from posapp.domain.money import ZERO
from posapp.services import care
from posapp.services.settings import load_settings
from tests.conftest import Shop
from tests.integration.helpers import sell
from tests.integration.report_shop import FIRST_DAY, LAST_DAY, trade
from tests.integration.test_cli import posapp

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

PERIOD = ["--from", FIRST_DAY.isoformat(), "--to", LAST_DAY.isoformat()]


def _euros(text: str) -> Decimal:
    return Decimal(text.replace(" ", "").replace("\xa0", "").replace(",", "."))


def test_the_vat_report_as_csv_and_pdf_has_the_receipts_totals(
    shop: Shop, database_url: str, tmp_path: Path
) -> None:
    trading = trade(shop)
    gross = sum((s.total for s in trading.sales), ZERO)  # sales less refunds, as rung up
    vat = sum((line.vat for s in trading.sales for line in s.lines), ZERO)
    db = ["--db", database_url]

    sheet = tmp_path / "vat.csv"
    made = posapp("report", "vat", *PERIOD, "--csv", str(sheet), "--lang", "lv", *db)
    assert made.returncode == 0, made.stderr
    data = sheet.read_bytes()
    assert data.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    figures = {row[0]: row[1:] for row in rows if row}
    assert _euros(figures["Ar PVN"][0]) == gross
    assert _euros(figures["PVN"][0]) == vat

    pdf = tmp_path / "vat.pdf"
    assert posapp("report", "vat", *PERIOD, "--pdf", str(pdf), "--lang", "lv", *db).returncode == 0
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages).replace("\xa0", " ")
    assert "PVN pa likmēm" in text
    assert f"{gross:,.2f}".replace(",", " ").replace(".", ",") + " €" in text

    one_till = posapp("report", "sales", *PERIOD, "--for-till", "T2", "--text", "--lang", "en", *db)
    assert one_till.returncode == 0, one_till.stderr
    assert "Till: T2" in one_till.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["report", "vat", "--from", "2026-11-30", "--to", "2026-11-01", "--text"], "ends on"),
        (["report", "vat", "--from", "2026-11-01", "--text"], "both --from and --to"),
        (["report", "vat", "--from", "2000-01-01", "--to", "2026-11-01", "--text"], "ten years"),
        (["report", "vat", "--period", "last_month", "--for-till", "T9", "--text"], "T9"),
        (
            ["report", "vat", "--period", "last_month", "--csv", "/nonexistent/dir/vat.csv"],
            "cannot be written",
        ),
    ],
)
def test_a_wrong_request_is_one_clear_line(tmp_path: Path, args: list[str], says: str) -> None:
    db = str(tmp_path / "shop.sqlite")
    result = posapp(*args, "--db", db)
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and says in result.stderr, result.stderr


def test_an_unknown_report_is_refused_with_the_names(tmp_path: Path) -> None:
    result = posapp("report", "profits", "--text", "--db", str(tmp_path / "shop.sqlite"))
    assert result.returncode == 2 and "sales" in result.stderr and "vat" in result.stderr


@pytest.mark.parametrize("output", ["--text", "--csv", "--pdf"])
def test_the_care_report_shows_the_ratings_and_what_was_said(
    shop: Shop, database_url: str, tmp_path: Path, output: str
) -> None:
    uow = shop.uow
    sale = sell(shop, shop.customer_card, shop.bread)
    said = "Maize bija sausa, žēl"
    care.rate_service(uow, shop.cashier, shop.customer_id, 4, said, sale_id=sale.sale_id)
    care.rate_service(uow, shop.manager, shop.customer_id, 1)
    day = load_settings(uow).local_date(uow.now()).isoformat()
    target = tmp_path / f"care{output.replace('--', '.')}"
    where = [] if output == "--text" else [str(target)]
    made = posapp(
        "report", "care", "--from", day, "--to", day, output, *where, "--lang", "lv",
        "--db", database_url,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    if output == "--csv":
        data = target.read_bytes().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(data), delimiter=";"))
        figures = {row[0]: row[1:] for row in rows if row}
        assert figures["Vērtējumi"][0] == "2"
        assert figures["Vidējais vērtējums"][0] == "2,5"
        assert figures["Novērtētie dalībnieku pirkumi"][0] == "100%"
        assert any(said in row for row in rows)
        return
    if output == "--pdf":
        pages = PdfReader(target).pages
        text = "\n".join(page.extract_text() for page in pages).replace("\xa0", " ")
    else:
        text = made.stdout
    assert "APKALPOŠANA UN GĀDĪBA" in text.upper()
    assert said in text
    # The figure's value follows its label (in the PDF, on the next line).
    assert text.split("Vidējais vērtējums", 1)[1].split()[0] == "2,5"
