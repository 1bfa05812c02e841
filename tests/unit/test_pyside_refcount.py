"""PySide6 6.12.0 lowers None's reference count on every void Qt call (Python 3.11) and the process
aborts after a few thousand calls; we pin <6.12. This test fails again if a broken build comes back."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLineEdit


def test_void_calls_leave_none_alone(qtbot) -> None:  # type: ignore[no-untyped-def]
    edit = QLineEdit()
    qtbot.addWidget(edit)
    before = sys.getrefcount(None)
    for i in range(10_000):
        edit.setText("x" if i % 2 else "y")
    after = sys.getrefcount(None)
    # Unrelated code may take or drop a handful of references; 10,000 lost ones would be the bug.
    assert abs(after - before) < 100, (before, after)


def test_pin_is_below_6_12() -> None:
    import PySide6

    major, minor = (int(part) for part in PySide6.__version__.split(".")[:2])
    assert (major, minor) < (6, 12), PySide6.__version__
