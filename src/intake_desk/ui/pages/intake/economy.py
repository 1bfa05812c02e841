"""Step 3 – 收入、财产、支出: per member and category, 12 months or monthly × 12; totals live."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QTableView, QWidget

from intake_desk.domain.enums import AssetKind, DeductionKind, ExpenseKind, IncomeCategory, Labelled
from intake_desk.domain.money import InvalidMoney, format_fen, parse_money_fen
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.ui.forms.ui_step_economy import Ui_EconomyStep
from intake_desk.ui.models.rows import Column, RowTableModel, attach
from intake_desk.ui.pages.intake.base import Step, choices, problems_text, show_problem_label
from intake_desk.ui.pages.intake.state import MONTHLY, PERIOD_MONTHS, YEARLY, IntakeState, MoneyRow
from intake_desk.ui.style import set_role


def annual_fen(row: MoneyRow, *, periodic: bool = True) -> int | None:
    """The 12-month amount of a line as typed, or None when the amount cannot be read yet."""
    try:
        fen = parse_money_fen(row.amount)
    except InvalidMoney:
        return None
    if not periodic:
        return fen
    if row.period == MONTHLY:
        return fen * PERIOD_MONTHS
    months = row.months_covered()
    return fen if months == PERIOD_MONTHS else fen * PERIOD_MONTHS // months


class _Table:
    """One of the four tables: its model, view, total label and tab."""

    def __init__(self, step: EconomyStep, view: QTableView, total: QLabel, tab: int, path: str,
                 kinds: Sequence[Labelled], columns: list[Column], total_text: Callable[[int, int], str],
                 periodic: bool, make_row: Callable[[], MoneyRow] | None = None) -> None:
        self.step = step
        self.view = view
        self.total = total
        self.tab = tab
        self.path = path
        self.kinds = list(kinds)
        self.periodic = periodic
        self.total_text = total_text
        self.model = RowTableModel([], columns, path, make_row or (lambda: MoneyRow(kind=self.kinds[0].value)), step)
        self.model.edited.connect(self._edited)
        self.model.left_changed.connect(step.field_left)
        attach(view, self.model)

    def _edited(self, row: int, key: str) -> None:
        if key == "period":
            self.rows()[row].months = "12"  # the clerk chose how the amount reads now
        self.update_total()
        self.step.emit_changed()

    def rows(self) -> list[MoneyRow]:
        return self.model.rows  # type: ignore[no-any-return]

    def update_total(self) -> None:
        amounts = [annual_fen(row, periodic=self.periodic) for row in self.rows()]
        readable = [a for a in amounts if a is not None]
        self.total.setText(self.total_text(sum(readable), len(self.rows())))


class EconomyStep(Step):
    paths = ("incomes", "deductions", "assets", "expenses")

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(services, actor, parent)
        self.ui = Ui_EconomyStep()
        self.ui.setupUi(self)
        ui = self.ui
        set_role(ui.hintLabel, "hint")
        ui.problemsLabel.hide()
        periods = [(YEARLY, self.tr("12 个月合计")), (MONTHLY, self.tr("每月 × 12"))]

        def member_choices() -> list[tuple[str, str]]:
            names = [(str(i), m.name.strip() or self.tr("成员 %1").replace("%1", str(i + 1)))
                     for i, m in enumerate(self.state.members)]
            return [("", self.tr("全家"))] + names

        def period_text(row: MoneyRow) -> str:
            if row.period == YEARLY and row.months_covered() != PERIOD_MONTHS:
                return self.tr("%n 个月合计", "", row.months_covered())
            return dict(periods).get(row.period, row.period)

        def annual(row: MoneyRow) -> str:
            fen = annual_fen(row)
            return format_fen(fen) if fen is not None else ""

        def money_columns(kinds: Sequence[Labelled], amount_title: str, *, periodic: bool,
                          path: str = "amount_fen") -> list[Column]:
            columns = [
                Column("member", self.tr("成员"), choices=member_choices, path="member_index", width=110),
                Column("kind", self.tr("类别"), choices=lambda: choices(kinds), width=170),
                Column("amount", amount_title, path=path, width=120, max_length=20, align_right=True),
            ]
            if periodic:
                columns += [
                    Column("period", self.tr("填写方式"), choices=lambda: periods, path="months", width=120,
                           shown=period_text),
                    Column("annual", self.tr("折合 12 个月（元）"), derived=annual, width=150, align_right=True),
                ]
            else:
                columns.append(Column("quantity", self.tr("数量"), width=60, max_length=4, align_right=True))
            columns.append(Column("note", self.tr("说明"), max_length=200))
            return columns

        def sum_text(what: str | Callable[[int], str]) -> Callable[[int, int], str]:
            """The total's text; ``what`` is the text, or gives it for a count of rows (its plural form)."""
            return lambda fen, count: (
                (what(count) if callable(what) else what).replace("%1", format_fen(fen))
                .replace("%2", format_fen(fen // PERIOD_MONTHS)))

        self.tables = {
            "incomes": _Table(self, ui.incomesTable, ui.incomesTotal, 0, "incomes", list(IncomeCategory),
                              money_columns(list(IncomeCategory), self.tr("金额（元）"), periodic=True),
                              sum_text(self.tr("收入合计（12 个月）：%1 元，月均 %2 元")), True,
                              make_row=self._new_income),
            "deductions": _Table(self, ui.deductionsTable, ui.deductionsTotal, 1, "deductions", list(DeductionKind),
                                 money_columns(list(DeductionKind), self.tr("金额（元）"), periodic=True),
                                 sum_text(self.tr("扣减合计（12 个月）：%1 元")), True),
            "assets": _Table(self, ui.assetsTable, ui.assetsTotal, 2, "assets", list(AssetKind),
                             money_columns(list(AssetKind), self.tr("价值（元）"), periodic=False, path="value_fen"),
                             sum_text(lambda count: self.tr("财产合计：%1 元（%n 项）", "", count)), False),
            "expenses": _Table(self, ui.expensesTable, ui.expensesTotal, 3, "expenses", list(ExpenseKind),
                               money_columns(list(ExpenseKind), self.tr("金额（元）"), periodic=True),
                               sum_text(self.tr("刚性支出合计（12 个月）：%1 元")), True),
        }
        for table in self.tables.values():
            set_role(table.total, "subtitle")
        ui.addButton.clicked.connect(self.add_row)
        ui.removeButton.clicked.connect(self.remove_row)
        QShortcut(QKeySequence(Qt.Key.Key_Insert), self, self.add_row,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+Delete"), self, self.remove_row,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        ui.tabs.currentChanged.connect(lambda _i: self.current().view.setFocus())

    def title(self) -> str:
        return self.tr("收入财产")

    def _new_income(self) -> MoneyRow:
        """A new income line as it is usually told: the applicant's wages, so much a month."""
        applicant = str(self.state.applicant_index) if self.state.members else ""
        return MoneyRow(member=applicant, kind=IncomeCategory.WAGES.value, period=MONTHLY)

    def current(self) -> _Table:
        index = self.ui.tabs.currentIndex()
        return next(t for t in self.tables.values() if t.tab == index)

    def table(self, key: str) -> _Table:
        return self.tables[key]

    def load(self, state: IntakeState) -> None:
        super().load(state)
        for key, table in self.tables.items():
            table.model.set_rows(getattr(state, key))
        self.refresh()

    def refresh(self) -> None:
        titles = {"incomes": self.tr("收入"), "deductions": self.tr("扣减项"), "assets": self.tr("财产"),
                  "expenses": self.tr("刚性支出")}
        for key, table in self.tables.items():
            table.model.refresh()
            table.update_total()
            count = len(table.rows())
            self.ui.tabs.setTabText(table.tab, f"{titles[key]}（{count}）" if count else titles[key])

    def add_row(self) -> None:
        """Insert: a new line with its member and kind preset, the amount open for typing (Shift+Tab goes
        back to the kind and the member)."""
        table = self.current()
        position = table.model.append_row()
        amount = next(i for i, c in enumerate(table.model.columns) if c.key == "amount")
        index = table.model.index(position, amount)
        table.view.setCurrentIndex(index)
        table.view.setFocus()
        self.refresh()
        table.view.edit(index)
        self.emit_changed()

    def remove_row(self) -> None:
        table = self.current()
        index = table.view.currentIndex()
        if index.isValid():
            table.model.remove_row(index.row())
            self.refresh()
            self.emit_changed()

    def was_left(self, path: str) -> bool:
        return any(table.model.was_left(path) for table in self.tables.values())

    def show_problems(self, problems: Mapping[str, str]) -> None:
        for table in self.tables.values():
            table.model.set_problems(dict(problems))
        mine = self.my_problems(problems)
        describe = {}
        names = {"incomes": self.tr("收入"), "deductions": self.tr("扣减项"), "assets": self.tr("财产"),
                 "expenses": self.tr("刚性支出")}
        for path in mine:
            group = path.split("[", 1)[0]
            if "[" in path and group in names:
                position = int(path[len(group) + 1:path.index("]")])
                describe[path] = self.tr("%1第 %2 行：").replace("%1", names[group]).replace("%2", str(position + 1))
        show_problem_label(self.ui.problemsLabel, problems_text(mine, describe))
        for table in self.tables.values():
            has = any(k.startswith(table.path + "[") for k in mine)
            self.ui.tabs.tabBar().setTabTextColor(table.tab, Qt.GlobalColor.red if has else Qt.GlobalColor.black)

    def focus_first(self) -> None:
        table = self.current()
        table.view.setFocus()
        if table.rows() and not table.view.currentIndex().isValid():
            table.view.setCurrentIndex(table.model.index(0, 0))
