"""Step 2 – 家庭成员: the household in an editable table; birth date, sex and age derived from the ID."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from intake_desk.domain.enums import (
    DisabilityCategory,
    Employment,
    Health,
    HukouType,
    LabourCapacity,
    Relation,
    SchoolingStage,
    Sex,
)
from intake_desk.domain.resident_id import InvalidResidentId, ResidentId, parse_resident_id
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.ui.forms.ui_step_members import Ui_MembersStep
from intake_desk.ui.i18n import label
from intake_desk.ui.models.rows import Column, RowTableModel, attach
from intake_desk.ui.pages.intake.base import Step, choices, problems_text, show_problem_label
from intake_desk.ui.pages.intake.state import IntakeState, MemberRow
from intake_desk.ui.style import set_role

_UNPRESET = {"labour_capacity": LabourCapacity.FULL.value, "employment": "", "schooling": SchoolingStage.NONE.value}


def _preset_values(services: Services, resident_id: str) -> dict[str, str] | None:
    defaults = services.intake.member_defaults(resident_id) if resident_id else None
    if defaults is None:
        return None
    return {"labour_capacity": defaults.labour_capacity.value,
            "employment": defaults.employment.value if defaults.employment else "",
            "schooling": defaults.schooling.value}


def preset_member(row: MemberRow, services: Services) -> bool:
    """Fill labour capacity, employment and school stage from the age of the row's ID (the pack's rules).

    Only fields still holding the previous preset (or a new row's blank) change: what the clerk chose
    stays. Returns True when something changed.
    """
    if row.resident_id == row.preset:
        return False
    new = _preset_values(services, row.resident_id)
    if new is None:  # not a valid ID (yet): keep what is there
        return False
    old = _preset_values(services, row.preset) or _UNPRESET
    changed = False
    for key, value in new.items():
        if getattr(row, key) == old[key] and getattr(row, key) != value:
            setattr(row, key, value)
            changed = True
    row.preset = row.resident_id
    return changed


ADULT_AGE = 18
GENERATION_YEARS = 16
"""A member this many years younger than the applicant is taken for a child, older for a parent."""


def guessed_relation(state: IntakeState, position: int, ages: list[int | None]) -> str:
    """与户主关系 as a clerk would first guess it from ages and order: the first row is the applicant; a
    minor or someone a generation younger is a child, a generation older a parent; the first other
    adult of the applicant's generation is the spouse. The clerk corrects it where the household differs."""
    if position == state.applicant_index:
        return Relation.SELF.value
    age = ages[position]
    head = ages[state.applicant_index] if 0 <= state.applicant_index < len(ages) else None
    if age is None:
        return Relation.CHILD.value
    if age < ADULT_AGE or (head is not None and head - age >= GENERATION_YEARS):
        return Relation.CHILD.value
    if head is not None and age - head >= GENERATION_YEARS:
        return Relation.PARENT.value
    spouse_before = any(m.relation == Relation.SPOUSE.value
                        for i, m in enumerate(state.members) if i != position)
    return Relation.OTHER.value if spouse_before else Relation.SPOUSE.value


class MembersStep(Step):
    paths = ("members",)

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(services, actor, parent)
        self.ui = Ui_MembersStep()
        self.ui.setupUi(self)
        set_role(self.ui.hintLabel, "hint")
        self.ui.problemsLabel.hide()
        self.model = RowTableModel(self.state.members, self._columns(), "members", MemberRow, self)
        self.model.edited.connect(self._edited)
        self.model.left_changed.connect(self.field_left)
        attach(self.ui.membersTable, self.model)
        self.ui.addButton.clicked.connect(self.add_member)
        self.ui.removeButton.clicked.connect(self.remove_member)
        QShortcut(QKeySequence(Qt.Key.Key_Insert), self, self.add_member,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+Delete"), self, self.remove_member,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def title(self) -> str:
        return self.tr("家庭成员")

    # -- columns ---------------------------------------------------------------------------------
    def _parsed(self, row: MemberRow) -> ResidentId | None:
        try:
            return parse_resident_id(row.resident_id, today=self.services.clock.today())
        except InvalidResidentId:
            return None

    def _columns(self) -> list[Column]:
        today = self.services.clock.today()

        def birth(row: MemberRow) -> str:
            parsed = self._parsed(row)
            return parsed.birth_date.isoformat() if parsed else ""

        def sex(row: MemberRow) -> str:
            parsed = self._parsed(row)
            return label(parsed.sex) if parsed else ""

        def age(row: MemberRow) -> str:
            parsed = self._parsed(row)
            return str(parsed.age_on(today)) if parsed else ""

        hukou = [("", self.tr("同户"))] + choices(list(HukouType))
        grades = [("", self.tr("无")), ("1", self.tr("一级")), ("2", self.tr("二级")), ("3", self.tr("三级")),
                  ("4", self.tr("四级"))]
        return [
            # as wide as 18 characters of an ID in the table's font
            Column("resident_id", self.tr("身份证号"), max_length=24, samples=lambda: ["43020219770731353X"]),
            Column("name", self.tr("姓名"), width=86, max_length=60),
            Column("birth", self.tr("出生日期"), derived=birth, width=98),
            Column("sex", self.tr("性别"), derived=sex, width=44, samples=lambda: [label(s) for s in Sex]),
            Column("age", self.tr("年龄"), derived=age, width=44, align_right=True),
            Column("relation", self.tr("关系"), choices=lambda: choices(list(Relation)), width=88),
            Column("hukou_type", self.tr("户籍"), choices=lambda: hukou, width=56),
            Column("health", self.tr("健康"), choices=lambda: choices(list(Health)), width=90),
            Column("disability", self.tr("残疾"), choices=lambda: choices(list(DisabilityCategory)), width=82),
            Column("disability_grade", self.tr("等级"), choices=lambda: grades, width=50),
            Column("labour_capacity", self.tr("劳动能力"), choices=lambda: choices(list(LabourCapacity)), width=128),
            Column("employment", self.tr("就业"), choices=lambda: choices(list(Employment)), width=84,
                   shown=lambda row: label(Employment(row.employment)) if row.employment else self.tr("请选择")),
            Column("schooling", self.tr("就学"), choices=lambda: choices(list(SchoolingStage))),
        ]

    # -- state -----------------------------------------------------------------------------------
    def load(self, state: IntakeState) -> None:
        super().load(state)
        self.model.set_rows(state.members)

    def refresh(self) -> None:
        self.model.refresh()

    def _age(self, resident_id: str) -> int | None:
        parsed = self._parsed(MemberRow(resident_id=resident_id))
        return parsed.age_on(self.services.clock.today()) if parsed else None

    def _ages(self) -> list[int | None]:
        return [self._age(m.resident_id) for m in self.state.members]

    def _edited(self, row: int, key: str) -> None:
        if key == "resident_id" and 0 <= row < len(self.state.members):
            member = self.state.members[row]
            # The relation follows the age as long as it is still the guess (what the clerk chose stays).
            before = self._ages()
            before[row] = self._age(member.preset)
            was_guess = member.relation == guessed_relation(self.state, row, before)
            changed = preset_member(member, self.services)
            if was_guess:
                guess = guessed_relation(self.state, row, self._ages())
                changed = changed or guess != member.relation
                member.relation = guess
            if changed:
                self.model.refresh()
        self.emit_changed()

    def add_member(self) -> None:
        relation = Relation.SELF.value if not self.state.members else Relation.CHILD.value
        row = MemberRow(relation=relation)
        position = self.model.append_row(row)
        index = self.model.index(position, 0)
        self.ui.membersTable.setCurrentIndex(index)
        self.ui.membersTable.setFocus()
        self.ui.membersTable.edit(index)
        self.emit_changed()

    def remove_member(self) -> None:
        index = self.ui.membersTable.currentIndex()
        if not index.isValid() or not self.state.members:
            return
        self.model.remove_row(index.row(), self.state.remove_member)
        self.emit_changed()

    def was_left(self, path: str) -> bool:
        return self.model.was_left(path)

    def show_problems(self, problems: Mapping[str, str]) -> None:
        self.model.set_problems(dict(problems))
        mine = self.my_problems(problems)
        titles = {column.key: column.title for column in self.model.columns}
        titles["disability_grade"] = self.tr("残疾等级")
        describe = {}
        for path in mine:
            if path.startswith("members["):
                position = int(path[8:path.index("]")])
                field = path.split(".", 1)[1] if "." in path else ""
                name = self.state.members[position].name if position < len(self.state.members) else ""
                describe[path] = self.tr("第 %1 行%2%3：").replace("%1", str(position + 1)) \
                    .replace("%2", f"（{name}）" if name else "") \
                    .replace("%3", titles.get(field, ""))
        show_problem_label(self.ui.problemsLabel, problems_text(mine, describe))

    def focus_first(self) -> None:
        """The table, at the first cell still asking for a choice (an adult's 就业), else the first cell."""
        table = self.ui.membersTable
        table.setFocus()
        if not self.state.members:
            self.add_member()
            return
        employment = next(i for i, c in enumerate(self.model.columns) if c.key == "employment")
        waiting = next((row for row, m in enumerate(self.state.members) if m.resident_id and not m.employment
                        and self._parsed(m) is not None), None)
        if waiting is not None:
            table.setCurrentIndex(self.model.index(waiting, employment))
        elif not table.currentIndex().isValid():
            table.setCurrentIndex(self.model.index(0, 0))

    def current_index(self) -> QModelIndex:
        return self.ui.membersTable.currentIndex()
