"""Refresh the core's translation catalogue: extract `_()`/`N_()` texts, update, compile.

Run after changing printed texts:  python tools/build_catalogue.py
Then translate the new entries in resources/locale/lv/LC_MESSAGES/posapp.po
(new ones are marked fuzzy or empty) and run it again to compile the .mo.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "posapp"
# This checkout's own catalogues, written here; the app finds them through
# posapp.config.LOCALE_DIR (inside the package once built into a wheel).
LOCALE = ROOT / "resources" / "locale"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extract() -> Catalog:
    template = Catalog(project="posapp")
    for filename, _lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
    ):
        if "/gui/" not in f"/{filename}":  # the GUI translates with Qt's tr()
            template.add(message)
    return template


def main() -> None:
    template = extract()
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/posapp.po")):
        with po_path.open("rb") as file:
            catalog = read_po(file)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        with po_path.open("wb") as file:
            write_po(file, catalog, omit_header=False, sort_output=True, no_location=True)
        with po_path.with_suffix(".mo").open("wb") as file:
            write_mo(file, catalog)
        missing = [m.id for m in catalog if m.id and not m.string]
        print(f"{po_path.relative_to(ROOT)}: {len(catalog)} texts, {len(missing)} untranslated")


if __name__ == "__main__":
    main()
