"""Regenerate what is built from the GUI sources; run it after editing a form or a tr() text.

    python tools/build_gui.py            # forms, then .ts (lupdate), then .qm (lrelease)
    python tools/build_gui.py --check    # only say whether anything is out of date

1. every ui/<name>.ui → posapp/gui/forms/ui_<name>.py (pyside6-uic);
2. resources/translations/posapp_<lang>.ts gets the texts of ui/*.ui and
   posapp/gui/**/*.py (pyside6-lupdate; translations already made are kept,
   new texts arrive "unfinished" for a translator, texts no longer used are dropped);
3. each .ts → .qm (pyside6-lrelease), the file the app loads.

The generated files are committed; tests/gui/test_forms_current.py fails when
they do not match their sources.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
FORMS_DIR = ROOT / "posapp" / "gui" / "forms"
GUI_DIR = ROOT / "posapp" / "gui"
# This checkout's own sources, written here; the app finds them through
# posapp.config.TRANSLATIONS_DIR (inside the package once built into a wheel).
TRANSLATIONS_DIR = ROOT / "resources" / "translations"
LANGUAGES = {"lv": "lv_LV"}  # English is the source language


def tool(name: str) -> str:
    """A PySide6 tool: next to this Python (a virtualenv's bin), else on PATH."""
    beside = Path(sys.executable).parent / name
    for candidate in (beside, beside.with_suffix(".exe")):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 in this environment")
    return found


def ui_files() -> list[Path]:
    return sorted(UI_DIR.glob("*.ui"))


def form_for(ui_file: Path) -> Path:
    return FORMS_DIR / f"ui_{ui_file.stem}.py"


def compiled_form(ui_file: Path) -> str:
    """What pyside6-uic makes of a form (run from ui/ so the header names only the file)."""
    result = subprocess.run(
        [tool("pyside6-uic"), ui_file.name],
        cwd=ui_file.parent,
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    return result.stdout


def translation_sources() -> list[Path]:
    gui_code = [path for path in sorted(GUI_DIR.rglob("*.py")) if FORMS_DIR not in path.parents]
    return [*ui_files(), *gui_code]


def lupdate(ts_file: Path, language: str) -> None:
    """Bring `ts_file` up to date with the sources (paths relative to the repository)."""
    sources = [str(path.relative_to(ROOT)) for path in translation_sources()]
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *sources,
            "-source-language",
            "en",
            "-target-language",
            language,
            "-locations",
            "none",
            "-no-obsolete",
            "-silent",
            "-ts",
            str(ts_file),
        ],
        cwd=ROOT,
        check=True,
    )


def lrelease(ts_file: Path, qm_file: Path) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)],
        check=True,
    )


def ts_file(code: str) -> Path:
    return TRANSLATIONS_DIR / f"posapp_{code}.ts"


def out_of_date() -> list[str]:
    """The generated files that do not match their sources."""
    stale = []
    for ui_file in ui_files():
        form = form_for(ui_file)
        if not form.exists() or form.read_text(encoding="utf-8") != compiled_form(ui_file):
            stale.append(str(form.relative_to(ROOT)))
    with tempfile.TemporaryDirectory() as scratch:
        for code, language in LANGUAGES.items():
            source = ts_file(code)
            copy = Path(scratch) / source.name
            if source.exists():
                shutil.copyfile(source, copy)
            lupdate(copy, language)
            if not source.exists() or copy.read_bytes() != source.read_bytes():
                stale.append(str(source.relative_to(ROOT)))
            qm = source.with_suffix(".qm")
            fresh_qm = copy.with_suffix(".qm")
            if source.exists():
                lrelease(source, fresh_qm)
            if not qm.exists() or not fresh_qm.exists() or qm.read_bytes() != fresh_qm.read_bytes():
                stale.append(str(qm.relative_to(ROOT)))
    return stale


def build() -> None:
    FORMS_DIR.mkdir(parents=True, exist_ok=True)
    for ui_file in ui_files():
        form = form_for(ui_file)
        form.write_text(compiled_form(ui_file), encoding="utf-8")
        print(f"{ui_file.relative_to(ROOT)} → {form.relative_to(ROOT)}")
    TRANSLATIONS_DIR.mkdir(parents=True, exist_ok=True)
    for code, language in LANGUAGES.items():
        source = ts_file(code)
        lupdate(source, language)
        lrelease(source, source.with_suffix(".qm"))
        print(f"{source.relative_to(ROOT)} → {source.with_suffix('.qm').name}")
        unfinished = source.read_text(encoding="utf-8").count('type="unfinished"')
        if unfinished:
            print(f"  {unfinished} text(s) still to translate in {source.name} (pyside6-linguist)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--check", action="store_true", help="only list generated files that are out of date"
    )
    args = parser.parse_args(argv)
    if args.check:
        stale = out_of_date()
        for path in stale:
            print(f"out of date: {path}")
        return 1 if stale else 0
    build()
    return 0


if __name__ == "__main__":
    sys.exit(main())
