"""The core's one translation catalogue (gettext, compiled with Babel).

Texts the core prints (CLI messages, errors, later receipts and reports) are
written in English and wrapped in `_()`; Latvian lives in
posapp/resources/locale/lv/LC_MESSAGES/posapp.po (compiled to .mo). The GUI
uses Qt's own tr() and .qm files instead.
"""

from __future__ import annotations

import os
from functools import cache
from importlib.resources import files
from pathlib import Path

from babel.support import NullTranslations, Translations

LANGUAGES = ("en", "lv")
LOCALE_DIR = Path(str(files("posapp") / "resources" / "locale"))

_translations: NullTranslations = NullTranslations()
_language = "en"


def language_code(code: str) -> str:
    """The shipped language a code asks for: "lv_LV", "lv-LV", "LV" -> "lv"; others -> "en"."""
    language = code.split("_")[0].split("-")[0].lower()
    return language if language in LANGUAGES else "en"


def translations(code: str) -> NullTranslations:
    """The catalogue of one language, whatever the current one is.

    For a document printed in a language of its own (a loyalty card in the shop's
    language while the command speaks English): mark its texts with `N_()` and
    translate them with `translations(language).gettext(text)`.
    """
    return _load(language_code(code))


@cache
def _load(language: str) -> NullTranslations:
    return Translations.load(str(LOCALE_DIR), [language], domain="posapp")


def set_language(code: str) -> None:
    """Switch the core's printed texts to `code` ("en" or "lv"; others fall back to English)."""
    global _translations, _language
    _language = language_code(code)
    _translations = _load(_language)


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translations.gettext(message)


def N_(message: str) -> str:
    """Mark a text for the catalogue where it is defined; it is translated where shown."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translations.ngettext(singular, plural, count)


set_language(os.environ.get("POSAPP_LANGUAGE", "en"))
