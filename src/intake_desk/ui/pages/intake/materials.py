"""Step 5 – 材料清单: the policy pack's checklist for the requested types; missing items go on the notice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem, QWidget

from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.ui.forms.ui_step_materials import Ui_MaterialsStep
from intake_desk.ui.i18n import label, language
from intake_desk.ui.pages.intake.base import Step
from intake_desk.ui.pages.intake.state import MaterialRow
from intake_desk.ui.style import set_role

if TYPE_CHECKING:
    from intake_desk.services.intake import IntakePreview, MaterialLine

KEY = Qt.ItemDataRole.UserRole


def material_name(line: MaterialLine) -> str:
    """The pack's name of the material in the interface language (its English name where it gives one)."""
    return line.name_en if line.name_en and language() == "en" else line.name


def material_note(line: MaterialLine) -> str:
    return line.note_en if line.note_en and language() == "en" else line.note


class MaterialsStep(Step):
    paths = ("materials",)

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(services, actor, parent)
        self.ui = Ui_MaterialsStep()
        self.ui.setupUi(self)
        set_role(self.ui.hintLabel, "hint")
        self.lines: tuple[MaterialLine, ...] = ()
        tree = self.ui.materialsTree
        tree.itemChanged.connect(self._item_changed)
        tree.setColumnWidth(0, 380)
        tree.setColumnWidth(1, 70)
        self.ui.allReceivedButton.clicked.connect(self.mark_all_received)
        self._updating = False

    def title(self) -> str:
        return self.tr("材料")

    def apply_preview(self, preview: IntakePreview | None) -> None:
        if preview is None:
            return
        self.lines = preview.materials
        self._rebuild()

    def refresh(self) -> None:
        self._rebuild()

    def _received(self) -> set[tuple[str, str]]:
        return {(m.assistance_type, m.code) for m in self.state.materials if m.received}

    def _rebuild(self) -> None:
        tree = self.ui.materialsTree
        current = tree.currentItem()
        current_key = current.data(0, KEY) if current is not None else None
        self._updating = True
        tree.clear()
        received = self._received()
        groups: dict[str, QTreeWidgetItem] = {}
        restore: QTreeWidgetItem | None = None
        for line in self.lines:
            kind = line.assistance_type.value
            group = groups.get(kind)
            if group is None:
                group = QTreeWidgetItem([label(line.assistance_type), "", ""])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                tree.addTopLevelItem(group)
                groups[kind] = group
            need = self.tr("必交") if line.required else self.tr("本户需交") if line.applies else self.tr("如有")
            item = QTreeWidgetItem([material_name(line), need, material_note(line)])
            key = (kind, line.code)
            item.setData(0, KEY, key)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if key in received else Qt.CheckState.Unchecked)
            group.addChild(item)
            if key == current_key:
                restore = item
        tree.expandAll()
        if restore is None and tree.topLevelItemCount() and tree.topLevelItem(0).childCount():
            restore = tree.topLevelItem(0).child(0)
        if restore is not None:
            tree.setCurrentItem(restore)
        self._updating = False
        self._show_missing()

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._updating or self._loading:
            return
        key = item.data(0, KEY)
        if key is None:
            return
        checked = item.checkState(0) == Qt.CheckState.Checked
        self._set_received(key, checked)
        self._show_missing()
        self.emit_changed()

    def _set_received(self, key: tuple[str, str], received: bool) -> None:
        kind, code = key
        self.state.materials = [m for m in self.state.materials if (m.assistance_type, m.code) != key]
        if received:
            line = next(line for line in self.lines if (line.assistance_type.value, line.code) == key)
            self.state.materials.append(MaterialRow(kind, code, line.name, line.required, True))

    def mark_all_received(self) -> None:
        """Tick what this household needs: required items and the optional ones its members call for."""
        for line in self.lines:
            if line.applies:
                self._set_received((line.assistance_type.value, line.code), True)
        self._rebuild()
        self.emit_changed()

    def missing(self) -> list[MaterialLine]:
        received = self._received()
        return [line for line in self.lines if line.required and (line.assistance_type.value, line.code) not in received]

    def _show_missing(self) -> None:
        missing = self.missing()
        if not self.lines:
            set_role(self.ui.missingLabel, "hint")
            self.ui.missingLabel.setText(self.tr("请先在“困难情况”一步选择申请事项。"))
        elif not missing:
            set_role(self.ui.missingLabel, "ok")
            self.ui.missingLabel.setText(self.tr("材料已齐全，无需出具一次性告知书。"))
        else:
            set_role(self.ui.missingLabel, "warning")
            lines = "\n".join(f"{i}. {material_name(m)}（{label(m.assistance_type)}）"
                              for i, m in enumerate(missing, start=1))
            self.ui.missingLabel.setText(self.tr("尚缺 %1 项，将列入一次性告知书：").replace("%1", str(len(missing)))
                                         + "\n" + lines)

    def focus_first(self) -> None:
        self.ui.materialsTree.setFocus()

