"""The tree stays clean: ruff (lint and format) and mypy (strict for domain, services and demo)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
        ["mypy"],
    ],
    ids=["ruff", "ruff-format", "mypy"],
)
def test_checker_passes(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr


SERVICES = ROOT / "posapp" / "services"
LONGEST_MODULE = 600  # lines: no room of posapp does three jobs
# Generated forms and migrations are as long as they are. These are still to be split
# (issue 13: the till window into controllers, the settings declared once, the reminder
# rules and the aggregates by what they do) and may not grow meanwhile.
LONG_MODULES = {
    "posapp/gui/checkout/window.py": 1500,
    "posapp/services/settings.py": 800,
    "posapp/domain/reminders.py": 720,
    "posapp/services/reports/aggregates.py": 650,
}


def test_a_read_function_works_inside_its_callers_transaction() -> None:
    """A service function named read_* never opens a transaction of its own (`with uow`):
    a caller that holds one combines several reads in it, as a card scan does."""
    opening = []
    for path in sorted(SERVICES.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("read_"):
                opening += [
                    f"{path.relative_to(ROOT)}:{node.name}"
                    for inner in ast.walk(node)
                    if isinstance(inner, ast.With)
                    for item in inner.items
                    if "uow" in ast.unparse(item.context_expr)
                ]
    assert opening == []


def test_no_module_is_a_hall() -> None:
    package = ROOT / "posapp"
    too_long = {}
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name.startswith(("posapp/gui/forms/", "posapp/db/migrations/")):
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > LONG_MODULES.get(name, LONGEST_MODULE):
            too_long[name] = lines
    assert too_long == {}
