"""posapp.config finds the shipped resources: here, the source tree's top-level resources/."""

from __future__ import annotations

from pathlib import Path

from posapp import config

ROOT = Path(__file__).resolve().parents[2]


def test_a_source_tree_uses_its_top_level_resources() -> None:
    assert config.RESOURCES_DIR == ROOT / "resources"


def test_the_shipped_files_are_where_the_constants_say() -> None:
    assert (config.FONTS_DIR / "NotoSans-Regular.ttf").is_file()
    assert (config.FONTS_DIR / "NotoSans-Bold.ttf").is_file()
    assert (config.LOCALE_DIR / "lv" / "LC_MESSAGES" / "posapp.mo").is_file()
    assert (config.TRANSLATIONS_DIR / "posapp_lv.qm").is_file()
