"""Every text the core prints has a Latvian translation, and the compiled catalogue is current."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from posapp import i18n

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "resources/locale/lv/LC_MESSAGES/posapp.po"
PLACEHOLDER = re.compile(r"\{[^}]*\}")


def _texts(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """A message's texts: one, or its singular and plural forms (ngettext)."""
    return (value,) if isinstance(value, str) else tuple(value)


def _extract() -> set[str | tuple[str, ...]]:
    spec = importlib.util.spec_from_file_location(
        "build_catalogue", ROOT / "tools/build_catalogue.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {
        message.id if isinstance(message.id, str) else tuple(message.id)
        for message in module.extract()
        if message.id
    }


def test_every_printed_text_is_translated_into_latvian() -> None:
    with PO.open("rb") as file:
        catalog = read_po(file)
    translated = {
        m.id if isinstance(m.id, str) else tuple(m.id): m.string
        for m in catalog
        if m.id and all(_texts(m.string)) and not m.fuzzy
    }
    missing = _extract() - set(translated)
    assert not missing, f"untranslated (run tools/build_catalogue.py): {sorted(missing)}"


def test_translations_keep_their_placeholders() -> None:
    with PO.open("rb") as file:
        catalog = read_po(file)
    for message in catalog:
        if message.id and message.string:
            expected = sorted(PLACEHOLDER.findall(_texts(message.id)[-1]))
            for text in _texts(message.string):
                assert sorted(PLACEHOLDER.findall(text)) == expected, message.id


def test_the_compiled_catalogue_matches_its_source() -> None:
    with PO.open("rb") as file:
        source = {_texts(m.id): _texts(m.string) for m in read_po(file) if m.id}
    with PO.with_suffix(".mo").open("rb") as file:
        compiled = {_texts(m.id): _texts(m.string) for m in read_mo(file) if m.id}
    assert compiled == source


def test_plurals_follow_latvian_rules() -> None:
    texts = i18n.translations("lv")
    one, few, none = (
        texts.ngettext(
            "{count} point to your next {reward}", "{count} points to your next {reward}", n
        )
        for n in (21, 40, 0)
    )
    assert one.startswith("Vēl {count} punkts ")
    assert few.startswith("Vēl {count} punkti ")
    assert none.startswith("Vēl {count} punktu ")


def test_switching_language() -> None:
    try:
        i18n.set_language("lv_LV")
        assert i18n.language() == "lv"
        assert i18n._("A PIN is 4 to 8 digits.") == "PIN kods ir 4 līdz 8 cipari."
        i18n.set_language("de")
        assert i18n.language() == "en"
        assert i18n._("A PIN is 4 to 8 digits.") == "A PIN is 4 to 8 digits."
    finally:
        i18n.set_language("en")
