"""The core (domain, db, services, demo) never imports Qt: it runs headless (CLI, tests)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import posapp

CORE_PACKAGES = ("posapp.domain", "posapp.db", "posapp.services", "posapp.demo")
PACKAGE_DIR = Path(posapp.__file__).parent
QT_IMPORT = re.compile(r"^\s*(import\s+PySide6|from\s+PySide6[\s.])", re.MULTILINE)

IMPORT_EVERYTHING = f"""
import importlib, json, pkgutil, sys
imported = []
for name in {CORE_PACKAGES!r}:
    package = importlib.import_module(name)
    imported.append(name)
    for module in pkgutil.walk_packages(package.__path__, name + "."):
        importlib.import_module(module.name)
        imported.append(module.name)
print(json.dumps({{
    "imported": imported,
    "qt": sorted(m for m in sys.modules if m == "PySide6" or m.startswith("PySide6.")),
}}))
"""


def test_importing_every_core_module_does_not_load_pyside6() -> None:
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERYTHING],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    # The walk really found the core, not an empty package.
    assert {
        "posapp.domain.money",
        "posapp.domain.cart",
        "posapp.db.models",
        "posapp.db.uow",
        "posapp.services.checkout",
        "posapp.services.refunds",
    } <= set(report["imported"])
    assert report["qt"] == []


def test_no_core_source_file_imports_pyside6() -> None:
    sources = [
        path
        for name in CORE_PACKAGES
        for path in sorted((PACKAGE_DIR / name.split(".")[1]).rglob("*.py"))
    ]
    assert len(sources) > 10
    assert QT_IMPORT.search("from PySide6.QtCore import QObject")  # the pattern works
    assert QT_IMPORT.search("    import PySide6")
    offenders = [
        str(path.relative_to(PACKAGE_DIR))
        for path in sources
        if QT_IMPORT.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
