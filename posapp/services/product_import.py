"""Import products from a CSV file: every row checked, all or nothing.

Columns (header row required, any order, `,` or `;` separated, UTF-8):
  name, sku, barcode, price, vat_rate, category, unit   (required)
  label_code, active, cost_price                        (optional)
`cost_price` is what the shop pays, excl. VAT (per kg for `kg`); an empty
cell means not known, and a file without the column leaves the cost prices
as they are.
`barcode` may hold several codes separated by `|`, or be empty for goods
sold by search. `unit` is `unit` (per piece) or `kg` (by weight; the price
is per kg). A row whose SKU exists updates that product; its barcodes are
added to the product's.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import select

from posapp.db.models import Category, Product, ProductBarcode, VatRate
from posapp.db.uow import UnitOfWork
from posapp.domain import barcodes
from posapp.domain.money import parse_amount
from posapp.domain.roles import Actor, Permission, require
from posapp.errors import ImportFailed
from posapp.i18n import _
from posapp.services import audit
from posapp.services.reports import kept
from posapp.services.settings import read_settings

REQUIRED = ("name", "sku", "barcode", "price", "vat_rate", "category", "unit")
OPTIONAL = ("label_code", "active", "cost_price")
MOST = Decimal("999999.99")  # the largest price or cost price a row may give
UNITS = {"unit": "unit", "pcs": "unit", "gab": "unit", "gab.": "unit", "kg": "weight"}
TRUTH = {
    "": True,
    "1": True,
    "yes": True,
    "true": True,
    "jā": True,
    "0": False,
    "no": False,
    "false": False,
    "nē": False,
}


@dataclass(frozen=True)
class ProductRow:
    line: int
    name: str
    sku: str
    barcodes: tuple[str, ...]
    price: Decimal
    vat_rate: Decimal
    category: str
    sold_by: str
    label_code: str | None
    active: bool
    cost_price: Decimal | None = None
    cost_given: bool = False  # the file has a cost_price column


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    skipped: list[str] = field(default_factory=list)  # one message per skipped row


def read_rows(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) pairs; raises ImportFailed when the header is unusable."""
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text.split("\n", 1)[0], delimiters=",;\t"
        )
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in header]
    unknown = [name for name in header if name not in REQUIRED + OPTIONAL]
    if missing or unknown:
        problems = [_("missing column: {name}").format(name=n) for n in missing] + [
            _("unknown column: {name}").format(name=n) for n in unknown
        ]
        raise ImportFailed(
            _("The file's first row must name the columns {columns}.").format(
                columns=", ".join(REQUIRED)
            ),
            problems,
        )
    reader.fieldnames = header
    for row in reader:
        if None in row:
            yield reader.line_num, {"": _("more values than columns")}
            continue
        yield reader.line_num, {key: (value or "").strip() for key, value in row.items()}


def parse_row(
    line: int, row: dict[str, str], rules: barcodes.BarcodeRules, label_digits: int
) -> ProductRow:
    """A checked row, or ValueError naming what is wrong with it."""
    if "" in row:
        raise ValueError(row[""])
    problems: list[str] = []
    name, sku = row["name"], row["sku"]
    if not name:
        problems.append(_("name is empty"))
    if not sku:
        problems.append(_("sku is empty"))
    codes: list[str] = []
    for raw in filter(None, (c.strip() for c in row["barcode"].split("|"))):
        scanned = barcodes.classify(raw, rules)
        if isinstance(scanned, barcodes.ProductCode):
            codes.append(scanned.gtin)
        elif isinstance(scanned, barcodes.TextCode):
            codes.append(scanned.text)
        elif isinstance(scanned, barcodes.Misread):
            problems.append(
                _("barcode {code}: {reason}").format(code=raw, reason=_(scanned.reason))
            )
        else:
            problems.append(
                _(
                    "barcode {code} starts with an in-store prefix kept for labels, cards or "
                    "vouchers"
                ).format(code=raw)
            )
    price = _amount(
        row,
        "price",
        problems,
        _("price {value!r} is not an amount like 2.35"),
        _("price is negative"),
    )
    cost_given = "cost_price" in row
    cost_price = (
        _amount(
            row,
            "cost_price",
            problems,
            _("cost_price {value!r} is not an amount like 1.20 (leave it empty if not known)"),
            _("cost_price is negative"),
        )
        if row.get("cost_price")
        else None
    )
    vat_rate = Decimal(0)
    try:
        vat_rate = Decimal(row["vat_rate"].rstrip("%").strip().replace(",", "."))
    except InvalidOperation:
        problems.append(_("vat_rate {value!r} is not a percentage").format(value=row["vat_rate"]))
    sold_by = UNITS.get(row["unit"].lower())
    if sold_by is None:
        problems.append(_("unit {value!r} is neither 'unit' nor 'kg'").format(value=row["unit"]))
    label_code = row.get("label_code") or None
    if label_code is not None and not (label_code.isdigit() and len(label_code) == label_digits):
        problems.append(
            _("label_code {value!r} is not {digits} digits").format(
                value=label_code, digits=label_digits
            )
        )
    active = TRUTH.get(row.get("active", "").lower())
    if active is None:
        problems.append(_("active {value!r} is neither yes nor no").format(value=row["active"]))
    if problems:
        raise ValueError("; ".join(problems))
    assert sold_by is not None and active is not None and price is not None
    return ProductRow(
        line,
        name,
        sku,
        tuple(codes),
        price,
        vat_rate,
        row["category"],
        sold_by,
        label_code,
        active,
        cost_price,
        cost_given,
    )


def _amount(
    row: dict[str, str], column: str, problems: list[str], not_amount: str, negative: str
) -> Decimal | None:
    """The row's amount in `column`, or None with what is wrong with it added to `problems`
    (`not_amount` formatted with the value, `negative` as it is)."""
    text = row[column]
    try:
        value = parse_amount(text)
    except ArithmeticError:  # 1e308: more digits than an amount has
        value = MOST + 1
    except ValueError:
        problems.append(not_amount.format(value=text))
        return None
    if value > MOST:
        problems.append(
            _("{column} {value!r} is more than {most}: check the amount").format(
                column=column, value=text, most=MOST
            )
        )
        return None
    if value < 0:
        problems.append(negative)
        return None
    return value


def import_products(
    uow: UnitOfWork, actor: Actor, path: Path, *, skip_bad: bool = False
) -> ImportReport:
    """Import the file in one transaction; any bad row stops it unless skip_bad."""
    require(actor, Permission.MANAGE_CATALOGUE)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise ImportFailed(
            _("Cannot read {path}: {reason}").format(path=path, reason=error.strerror), []
        ) from None
    except UnicodeDecodeError:
        raise ImportFailed(
            _('{path} is not UTF-8 text. Save it as "CSV UTF-8" and try again.').format(path=path),
            [],
        ) from None
    report = ImportReport()
    with uow.writing():
        session = uow.session
        settings = read_settings(uow)
        rules = settings.barcode_rules()
        label_digits = next(
            (
                p.item_digits
                for p in rules.prefixes
                if p.kind in (barcodes.InStoreKind.PRICE_LABEL, barcodes.InStoreKind.WEIGHT_LABEL)
            ),
            5,
        )
        rates = {
            rate: rate_id for rate_id, rate in session.execute(select(VatRate.id, VatRate.rate))
        }
        categories = {
            name: cid for cid, name in session.execute(select(Category.id, Category.name))
        }
        problems: list[tuple[int, str]] = []  # (line, what is wrong)
        rows: list[ProductRow] = []
        seen_sku: dict[str, int] = {}
        seen_code: dict[str, int] = {}
        seen_label: dict[str, int] = {}
        for line, raw in read_rows(text):
            try:
                row = parse_row(line, raw, rules, label_digits)
                if row.vat_rate not in rates:
                    raise ValueError(
                        _("vat_rate {rate} % is not one of the shop's rates ({rates})").format(
                            rate=row.vat_rate, rates=", ".join(f"{r:g}" for r in sorted(rates))
                        )
                    )
                clashes = (
                    [
                        _("sku {sku} is also on line {line}").format(
                            sku=row.sku, line=seen_sku[row.sku]
                        )
                    ]
                    if row.sku in seen_sku
                    else []
                )
                clashes += [
                    _("barcode {code} is also on line {line}").format(code=c, line=seen_code[c])
                    for c in row.barcodes
                    if c in seen_code
                ]
                if row.label_code in seen_label:
                    clashes.append(
                        _("label_code {code} is also on line {line}").format(
                            code=row.label_code, line=seen_label[row.label_code]
                        )
                    )
                if clashes:
                    raise ValueError("; ".join(clashes))
            except ValueError as error:
                problems.append((line, str(error)))
                continue
            seen_sku[row.sku] = line
            seen_code.update(dict.fromkeys(row.barcodes, line))
            if row.label_code:
                seen_label[row.label_code] = line
            rows.append(row)
        rows = _without_database_clashes(uow, rows, problems)
        messages = [
            _("line {line}: {problem}").format(line=line, problem=problem)
            for line, problem in sorted(problems)
        ]
        if problems and not skip_bad:
            raise ImportFailed(
                _(
                    "Nothing was imported: {count} line(s) have problems. Fix them, or import "
                    "with --skip-bad to leave them out."
                ).format(count=len(problems)),
                messages,
            )
        report.skipped = messages
        existing = _by_sku(uow, [row.sku for row in rows])
        recategorised = False
        for row in rows:
            if row.category and row.category not in categories:
                category = Category(name=row.category)
                session.add(category)
                session.flush()
                categories[row.category] = category.id
            product = existing.get(row.sku)
            if product is None:
                product = Product(sku=row.sku)
                session.add(product)
                report.created += 1
            else:
                report.updated += 1
            product.name, product.price, product.sold_by = row.name, row.price, row.sold_by
            product.vat_rate_id = rates[row.vat_rate]
            category_id = categories.get(row.category)
            if product.id is not None and product.category_id != category_id:
                recategorised = True
            product.category_id = category_id
            product.label_code, product.active = row.label_code, row.active
            if row.cost_given:
                product.cost_price = row.cost_price
            session.flush()
            known = set(
                session.scalars(
                    select(ProductBarcode.code).where(ProductBarcode.product_id == product.id)
                )
            )
            session.add_all(
                ProductBarcode(code=code, product_id=product.id)
                for code in row.barcodes
                if code not in known
            )
        if recategorised:  # the products report's months kept hold them by category
            kept.forget(uow, report="products")
        audit.record(
            uow,
            actor,
            "products_imported",
            {
                "file": path.name,
                "created": report.created,
                "updated": report.updated,
                "skipped": len(report.skipped),
            },
        )
        uow.commit()
    return report


def _by_sku(uow: UnitOfWork, skus: list[str]) -> dict[str, Product]:
    found: dict[str, Product] = {}
    for start in range(0, len(skus), 500):
        chunk = skus[start : start + 500]
        found.update(
            (p.sku, p) for p in uow.session.scalars(select(Product).where(Product.sku.in_(chunk)))
        )
    return found


def _without_database_clashes(
    uow: UnitOfWork, rows: list[ProductRow], problems: list[tuple[int, str]]
) -> list[ProductRow]:
    """Drop rows whose barcode or label code belongs to another product already."""
    session = uow.session
    owner_of_code: dict[str, str] = {}
    owner_of_label: dict[str, str] = {}
    codes = [code for row in rows for code in row.barcodes]
    labels = [row.label_code for row in rows if row.label_code]
    for start in range(0, max(len(codes), len(labels)), 500):
        for code, sku in session.execute(
            select(ProductBarcode.code, Product.sku)
            .join(Product, ProductBarcode.product_id == Product.id)
            .where(ProductBarcode.code.in_(codes[start : start + 500]))
        ):
            owner_of_code[code] = sku
        for label, sku in session.execute(
            select(Product.label_code, Product.sku).where(
                Product.label_code.in_(labels[start : start + 500])
            )
        ):
            if label is not None:
                owner_of_label[label] = sku
    kept = []
    for row in rows:
        clashes = [
            _("barcode {code} already belongs to product {sku}").format(
                code=c, sku=owner_of_code[c]
            )
            for c in row.barcodes
            if owner_of_code.get(c, row.sku) != row.sku
        ]
        if row.label_code and owner_of_label.get(row.label_code, row.sku) != row.sku:
            clashes.append(
                _("label_code {code} already belongs to product {sku}").format(
                    code=row.label_code, sku=owner_of_label[row.label_code]
                )
            )
        if clashes:
            problems.append((row.line, "; ".join(clashes)))
        else:
            kept.append(row)
    return kept
