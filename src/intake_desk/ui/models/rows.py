"""Editable table models over lists of plain row objects (members, incomes, assets …).

The model edits the rows in place (they belong to the intake page's state), shows derived columns
(read-only), and marks a cell whose field has a problem: red background, the exact reason as the
tooltip. Choice columns edit with :class:`ChoiceDelegate`, a combo box whose items are numbered so
a digit key picks one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from intake_desk.ui import style
from intake_desk.ui.columns import fit_columns
from intake_desk.ui.i18n import in_language

Index = QModelIndex | QPersistentModelIndex
Choices = Callable[[], Sequence[tuple[str, str]]]


@dataclass(frozen=True)
class Column:
    key: str
    """Attribute of the row object."""
    title: str
    choices: Choices | None = None
    """(code, label) pairs for a choice column."""
    derived: Callable[[Any], str] | None = None
    """Read-only text computed from the row."""
    path: str | None = None
    """Field name in the service's problem paths when it differs from ``key`` (``amount_fen``)."""
    shown: Callable[[Any], str] | None = None
    """How an editable cell reads when it is not just its value or choice label."""
    width: int = 0
    max_length: int = 0
    align_right: bool = False
    samples: Callable[[], Sequence[str]] | None = None
    """Every text a read-only column can show (性别: 男, 女), so it is made wide enough for them."""

    @property
    def editable(self) -> bool:
        return self.derived is None

    @property
    def field_path(self) -> str:
        return self.path or self.key


class RowTableModel(QAbstractTableModel):
    edited = Signal(int, str)
    """A cell was changed by the clerk: (row, column key)."""
    left_changed = Signal()
    """The clerk finished with another cell (its reason, if any, may show now)."""

    def __init__(self, rows: list[Any], columns: Sequence[Column], path: str, make_row: Callable[[], Any],
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.rows = rows
        self.columns = list(columns)
        self.path = path
        self.make_row = make_row
        self.problems: dict[str, str] = {}
        self.left: set[str] = set()
        """Problem paths of the cells the clerk has finished with (an edit committed, or moved away)."""

    # -- structure -------------------------------------------------------------------------------
    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.left = set()
        self.endResetModel()

    # -- fields left -----------------------------------------------------------------------------
    def mark_left(self, row: int, column: int | None = None) -> None:
        """The clerk finished with cell (``row``, ``column``), or with the whole row (``column`` None)."""
        if not 0 <= row < len(self.rows):
            return
        before = len(self.left)
        columns = self.columns if column is None else [self.columns[column]]
        self.left.update(f"{self.path}[{row}].{c.field_path}" for c in columns if c.editable)
        if column is None:
            self.left.add(f"{self.path}[{row}]")
        if len(self.left) != before:
            self.left_changed.emit()

    def was_left(self, path: str) -> bool:
        return path in self.left

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt signature
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
                return self.columns[section].title
            if orientation == Qt.Orientation.Vertical:
                return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if not self.columns[index.column()].editable:
            # Read-only (出生日期, 性别, 年龄 …): the arrow keys and Tab pass over it, as over a label.
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    # -- content ---------------------------------------------------------------------------------
    def problem_at(self, row: int, column: Column) -> str | None:
        return self.problems.get(f"{self.path}[{row}].{column.field_path}")

    def row_problem(self, row: int) -> str | None:
        return self.problems.get(f"{self.path}[{row}]")

    def display(self, row: Any, column: Column) -> str:
        if column.derived is not None:
            return column.derived(row)
        if column.shown is not None:
            return column.shown(row)
        value = getattr(row, column.key)
        if column.choices is not None:
            return dict(column.choices()).get(value, value)
        return str(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return getattr(row, column.key) if column.editable else None
        problem = self.problem_at(index.row(), column) or (self.row_problem(index.row()) if index.column() == 0
                                                           else None)
        if role == Qt.ItemDataRole.ToolTipRole:
            return in_language(problem) if problem else problem  # the rules write “中文 / English”
        if role == Qt.ItemDataRole.BackgroundRole:
            if problem:
                return QColor(style.RED_BG)
            if not column.editable:
                return QColor("#f1f4f8")
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if problem:
                return QColor(style.RED)
            if not column.editable:
                return QColor(style.MUTED)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = self.columns[index.column()]
        if not column.editable:
            return False
        row = self.rows[index.row()]
        text = "" if value is None else str(value)
        if getattr(row, column.key) == text:
            self.mark_left(index.row(), index.column())  # committed unchanged: finished with all the same
            return True
        setattr(row, column.key, text)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        self.mark_left(index.row(), index.column())
        self.edited.emit(index.row(), column.key)
        return True

    # -- rows ------------------------------------------------------------------------------------
    def append_row(self, row: Any | None = None) -> int:
        position = len(self.rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self.rows.append(row if row is not None else self.make_row())
        self.endInsertRows()
        return position

    def remove_row(self, position: int, remover: Callable[[int], None] | None = None) -> None:
        if not 0 <= position < len(self.rows):
            return
        self.beginRemoveRows(QModelIndex(), position, position)
        if remover is not None:
            remover(position)
        else:
            del self.rows[position]
        self.left = set()  # the rows below moved up: what was left there is asked again when left again
        self.endRemoveRows()

    def set_problems(self, problems: dict[str, str]) -> None:
        mine = {k: v for k, v in problems.items() if k.startswith(f"{self.path}[")}
        if mine == self.problems:
            return
        self.problems = mine
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))

    def refresh(self) -> None:
        """Derived columns and choice labels changed (e.g. a member's name in the member column)."""
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))


class ChoiceDelegate(QStyledItemDelegate):
    """Combo boxes for choice columns (numbered items: a digit picks one), line edits elsewhere."""

    def __init__(self, model: RowTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        column = self.model.columns[index.column()]
        if column.choices is None:
            editor = QLineEdit(parent)
            editor.setObjectName(f"{column.key}Editor")
            if column.max_length:
                editor.setMaxLength(column.max_length)
            return editor
        combo = QComboBox(parent)
        combo.setObjectName(f"{column.key}Editor")
        for number, (code, text) in enumerate(column.choices(), start=1):
            prefix = f"{number} " if number <= 9 else ""
            combo.addItem(f"{prefix}{text}", code)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            # A choice not made yet (就业 “请选择”) opens with nothing picked: Enter alone keeps it unmade
            # instead of silently taking the first item.
            editor.setCurrentIndex(editor.findData(value))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            if editor.currentIndex() >= 0:
                model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            else:
                self.model.mark_left(index.row(), index.column())  # closed unmade: its reason shows
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


FROM_THE_ID = ("age", "sex", "birth")  # columns read from the resident ID, hidden in this order when room is short


def attach(view: QTableView, model: RowTableModel) -> None:
    """Show ``model`` in ``view`` for typing: any key starts editing, Tab moves along the row."""
    view.setModel(model)
    view.setItemDelegate(ChoiceDelegate(model, view))
    view.setAlternatingRowColors(True)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setTabKeyNavigation(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
                         | QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked)
    view.verticalHeader().setDefaultSectionSize(34)

    def moved(current: QModelIndex, previous: QModelIndex) -> None:
        if previous.isValid():
            model.mark_left(previous.row(), None if current.row() != previous.row() else previous.column())

    view.selectionModel().currentChanged.connect(moved)
    # Wide enough for every choice in the window's language ("Unemployed", not "Unempl…"), and choices are
    # never elided; where the screen is narrower than all the columns, typed text gives way first, then
    # the columns read from the ID number (born, sex, age: the ID beside them holds them) are hidden.
    metrics = view.fontMetrics()
    widths: dict[int, int] = {}
    least: dict[int, int] = {}
    for position, column in enumerate(model.columns):
        texts = [text for _code, text in column.choices()] if column.choices is not None else (
            list(column.samples()) if column.samples is not None else [])
        widest = max((metrics.horizontalAdvance(text) for text in texts), default=0) + 12 if texts else 0
        if column.width or widest:
            widths[position] = max(column.width, widest)
        if column.choices is not None:
            least[position] = widest
    fit_columns(view, widths=widths, least=least, keep=[i for i, c in enumerate(model.columns) if c.key == "resident_id"],
                optional=[i for i, c in enumerate(model.columns) if c.derived is not None and c.key in FROM_THE_ID])
