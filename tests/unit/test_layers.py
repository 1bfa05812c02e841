"""The layers of DESIGN.md: nothing below ui/ imports Qt, and ui/ never reaches the ORM."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "intake_desk"
BELOW_UI = ["domain", "policy", "store", "services", "printing"]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", BELOW_UI)
def test_no_qt_below_ui(layer: str) -> None:
    offenders = [
        f"{path.relative_to(SRC)} imports {module}"
        for path in (SRC / layer).rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"}
    ]
    assert offenders == []


def test_ui_does_not_touch_the_orm() -> None:
    forbidden = ("intake_desk.store.models", "sqlalchemy")
    offenders = [
        f"{path.relative_to(SRC)} imports {module}"
        for path in (SRC / "ui").rglob("*.py")
        for module in imported_modules(path)
        if module.startswith(forbidden)
    ]
    assert offenders == []


def test_domain_and_policy_have_no_database() -> None:
    offenders = [
        f"{path.relative_to(SRC)} imports {module}"
        for layer in ("domain", "policy")
        for path in (SRC / layer).rglob("*.py")
        for module in imported_modules(path)
        if module.startswith(("sqlalchemy", "intake_desk.store", "intake_desk.services"))
    ]
    assert offenders == []


def test_the_scan_sees_a_qt_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtWidgets import QWidget\nimport sqlalchemy.orm\n", encoding="utf-8")
    assert imported_modules(sample) == {"PySide6.QtWidgets", "sqlalchemy.orm"}
