"""Generated GUI files match their sources, and every Latvian text is translated.

If one of these fails: edit the source (ui/*.ui, or the tr() text), run
`python tools/build_gui.py`, translate what it reports (pyside6-linguist), commit.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def load_build_gui() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_gui", ROOT / "tools" / "build_gui.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_gui = load_build_gui()
UI_FILES = build_gui.ui_files()
TS_FILES = [build_gui.ts_file(code) for code in build_gui.LANGUAGES]


def messages(ts_file: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, <translation>) for every message in a .ts file."""
    root = ET.parse(ts_file).getroot()
    return [
        (context.findtext("name") or "", message.findtext("source") or "", translation)
        for context in root.iter("context")
        for message in context.iter("message")
        if (translation := message.find("translation")) is not None
    ]


def translated_texts(translation: ET.Element) -> list[str]:
    forms = translation.findall("numerusform")
    return [form.text or "" for form in forms] if forms else [translation.text or ""]


def test_there_are_forms() -> None:
    assert [ui.name for ui in UI_FILES] == sorted(ui.name for ui in UI_FILES)
    assert "main_window.ui" in {ui.name for ui in UI_FILES}


@pytest.mark.parametrize("ui_file", UI_FILES, ids=lambda path: path.name)
def test_each_form_is_exactly_what_pyside6_uic_makes_of_its_ui_file(ui_file: Path) -> None:
    form = build_gui.form_for(ui_file)
    assert form.exists(), f"{form} is missing: run tools/build_gui.py"
    assert form.read_text(encoding="utf-8") == build_gui.compiled_form(ui_file), (
        f"{form.name} does not match {ui_file.name}: edit the .ui, never the generated "
        "file, and run tools/build_gui.py"
    )


def test_every_generated_form_has_its_ui_file() -> None:
    forms = {path.name for path in build_gui.FORMS_DIR.glob("ui_*.py")}
    assert forms == {build_gui.form_for(ui).name for ui in UI_FILES}


@pytest.mark.parametrize("ts_file", TS_FILES, ids=lambda path: path.name)
def test_every_text_has_a_translation(ts_file: Path) -> None:
    found = messages(ts_file)
    assert found, f"{ts_file.name} has no messages"
    untranslated = [
        f"{context}: {source!r}"
        for context, source, translation in found
        if translation.get("type") in {"unfinished", "obsolete", "vanished"}
        or not all(text.strip() for text in translated_texts(translation))
    ]
    assert not untranslated, f"untranslated in {ts_file.name}: {untranslated}"


@pytest.mark.parametrize("ts_file", TS_FILES, ids=lambda path: path.name)
def test_translations_keep_placeholders_and_shortcut_keys(ts_file: Path) -> None:
    """A lost {placeholder} would break .format(); a lost & would lose the Alt+key."""
    broken = []
    for context, source, translation in messages(ts_file):
        for text in translated_texts(translation):
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
                broken.append(f"{context}: {source!r} -> {text!r} (placeholders)")
            if ("&" in source.replace("&&", "")) != ("&" in text.replace("&&", "")):
                broken.append(f"{context}: {source!r} -> {text!r} (shortcut key)")
    assert not broken


@pytest.mark.parametrize("ts_file", TS_FILES, ids=lambda path: path.name)
def test_translation_files_are_current_with_the_sources(ts_file: Path, tmp_path: Path) -> None:
    """lupdate finds no new or changed text, and the .qm is compiled from this .ts."""
    language = build_gui.LANGUAGES[ts_file.stem.removeprefix("posapp_")]
    fresh = tmp_path / ts_file.name
    shutil.copyfile(ts_file, fresh)
    build_gui.lupdate(fresh, language)
    assert fresh.read_text(encoding="utf-8") == ts_file.read_text(encoding="utf-8"), (
        f"texts in the GUI sources differ from {ts_file.name}: run tools/build_gui.py and "
        "translate the new ones"
    )
    build_gui.lrelease(ts_file, fresh.with_suffix(".qm"))
    qm = ts_file.with_suffix(".qm")
    assert qm.exists() and qm.read_bytes() == fresh.with_suffix(".qm").read_bytes(), (
        f"{qm.name} is not compiled from {ts_file.name}: run tools/build_gui.py"
    )
