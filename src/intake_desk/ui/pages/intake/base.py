"""What every step of the intake page shares."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLabel, QWidget

from intake_desk.domain.enums import Labelled
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.ui.i18n import in_language, label
from intake_desk.ui.pages.intake.state import IntakeState
from intake_desk.ui.style import set_role

if TYPE_CHECKING:
    from intake_desk.services.intake import IntakePreview


class Step(QWidget):
    """One step: shows part of the shared :class:`IntakeState` and writes the clerk's edits into it."""

    changed = Signal()
    """The clerk changed something in the state."""
    field_left = Signal()
    """The clerk left a field of this step: its reason, if it has one, shows now."""

    paths: tuple[str, ...] = ()
    """Prefixes of the problem paths that belong to this step."""

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.state = IntakeState()
        self._loading = False
        self.left_paths: set[str] = set()

    def title(self) -> str:
        """The step's name in the step indicator (each step names itself)."""
        return self.objectName()

    def load(self, state: IntakeState) -> None:
        """Show ``state`` (a new intake, a restored draft, a person looked up)."""
        self.state = state
        self.left_paths = set()
        self._loading = True
        try:
            self.refresh()
        finally:
            self._loading = False

    def refresh(self) -> None:
        """Put the state's values into the widgets."""

    def apply_preview(self, preview: IntakePreview | None) -> None:
        """The live pre-assessment changed."""

    def show_problems(self, problems: Mapping[str, str]) -> None:
        """Mark the fields of this step that need correcting."""

    def focus_first(self) -> None:
        self.focusNextChild()

    def was_left(self, path: str) -> bool:
        """Whether the clerk has left the field of problem ``path`` while still on this step. Until then
        its reason waits (no red while typing); once the clerk has gone on past the step, every reason
        of the step shows."""
        return any(path == left or path.startswith((left + "[", left + ".")) for left in self.left_paths)

    def mark_left(self, path: str) -> None:
        if path not in self.left_paths:
            self.left_paths.add(path)
            self.field_left.emit()

    def leave_tracks(self, widget: QWidget, path: str, group: list[QWidget] | None = None) -> None:
        """``path``'s field is left when the focus goes from ``widget`` to anything outside ``group``."""
        watcher = _LeftWatcher(self, path, group or [widget])
        widget.installEventFilter(watcher)

    def owns(self, path: str) -> bool:
        return any(path == p or path.startswith((p + "[", p + ".")) for p in self.paths)

    def my_problems(self, problems: Mapping[str, str]) -> dict[str, str]:
        return {k: v for k, v in problems.items() if self.owns(k)}

    def emit_changed(self) -> None:
        if not self._loading:
            self.changed.emit()


def fill_combo(combo: QComboBox, values: Iterable[Labelled], *, blank: str | None = None) -> None:
    combo.clear()
    if blank is not None:
        combo.addItem(blank, "")
    for value in values:
        combo.addItem(label(value), value.value)


def select_data(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(0, index))


def choices(values: Sequence[Labelled]) -> list[tuple[str, str]]:
    return [(v.value, label(v)) for v in values]


def problems_text(problems: Mapping[str, str], describe: dict[str, str] | None = None) -> str:
    """A short list of problems for a step's footer (each reason once)."""
    lines = []
    seen = set()
    for path, reason in problems.items():
        text = in_language(reason)
        if text in seen:
            continue
        seen.add(text)
        where = (describe or {}).get(path, "")
        lines.append(f"• {where}{text}")
    return "\n".join(lines[:8]) + ("\n…" if len(lines) > 8 else "")


def show_problem_label(widget: QLabel, text: str) -> None:
    set_role(widget, "error")
    widget.setText(text)
    widget.setVisible(bool(text))


class NumberedChecks(QObject):
    """A numbered list of check boxes: while the focus is on one of ``hosts``, digit n ticks or unticks
    item n (0 is the tenth) and moves the focus there – as a digit picks an item in the numbered lists of
    the tables. Each box shows its number before its text."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.items: list[QCheckBox] = []
        self._hosts: list[QWidget] = []

    @staticmethod
    def numbered(position: int, text: str) -> str:
        return f"{(position + 1) % 10} {text}" if position < 10 else text

    def set_items(self, items: Sequence[QCheckBox]) -> None:
        self.items = list(items)
        for host in self.items:
            self.watch(host)

    def watch(self, host: QWidget) -> None:
        if host not in self._hosts:
            self._hosts.append(host)
            host.installEventFilter(self)
            host.destroyed.connect(lambda _o=None, h=host: self._hosts.remove(h) if h in self._hosts else None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        text = event.text()
        if len(text) != 1 or not text.isdigit():
            return False
        position = (int(text) - 1) % 10
        if position >= len(self.items) or not self.items[position].isEnabled():
            return False
        check = self.items[position]
        check.setFocus(Qt.FocusReason.ShortcutFocusReason)
        check.toggle()
        return True


class _LeftWatcher(QObject):
    def __init__(self, step: Step, path: str, group: list[QWidget]) -> None:
        super().__init__(step)
        self.step = step
        self.path = path
        self.group = group

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FocusOut:
            QTimer.singleShot(0, self._check)
        return False

    def _check(self) -> None:
        now = QApplication.focusWidget()
        if now is None or not any(w is now or w.isAncestorOf(now) for w in self.group):
            self.step.mark_left(self.path)
