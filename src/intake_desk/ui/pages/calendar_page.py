"""节假日 – the administrator's holiday calendar: overrides by year, one day at a time or pasted.

The top of the page says whether next year's holiday schedule is known; until the State Council
publishes it and somebody enters it here, deadlines in that year are counted Monday–Friday. The
table lists a year's overrides beside what the ``chinesecalendar`` package says about each day.
A day is added (holiday or make-up working day, with a note), a selected one removed, or the
published schedule pasted as lines such as ``2027-01-01 休`` / ``2027-02-07 班``. Every change
goes through ``services.calendar`` (CALENDAR_MANAGE, audited) off the GUI thread.

Built in code rather than a Designer form, like the 核查 page: a table and two small forms.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from intake_desk.services.actor import Actor
from intake_desk.services.calendar_service import Coverage, ImportResult, OverrideRow
from intake_desk.services.clock import local
from intake_desk.services.context import Services
from intake_desk.ui import style
from intake_desk.ui.i18n import in_language, language
from intake_desk.ui.style import set_role
from intake_desk.ui.widgets.banner import Banner
from intake_desk.ui.worker import error_message, run_in_background

Index = QModelIndex | QPersistentModelIndex


def _working_text(working: bool | None) -> str:
    if working is None:
        return "—"
    zh = language() == "zh"
    return ("工作日" if working else "休息日") if zh else ("Working day" if working else "Holiday")


class OverrideTableModel(QAbstractTableModel):
    """A year's overrides (a few dozen rows at most)."""

    HEADERS = (
        QT_TRANSLATE_NOOP("OverrideTableModel", "日期"),
        QT_TRANSLATE_NOOP("OverrideTableModel", "星期"),
        QT_TRANSLATE_NOOP("OverrideTableModel", "调整为"),
        QT_TRANSLATE_NOOP("OverrideTableModel", "软件包安排"),
        QT_TRANSLATE_NOOP("OverrideTableModel", "说明"),
        QT_TRANSLATE_NOOP("OverrideTableModel", "录入人"),
        QT_TRANSLATE_NOOP("OverrideTableModel", "录入时间"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[OverrideRow] = []

    def set_rows(self, rows: list[OverrideRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.HEADERS):
            return self.tr(self.HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = (row.day.isoformat(), row.weekday_zh if language() == "zh" else row.weekday_en,
                      _working_text(row.is_working_day),
                      _working_text(row.package_says) if row.package_says is not None else self.tr("未覆盖"),
                      row.note, row.created_by_name, f"{local(row.created_at):%Y-%m-%d %H:%M}")
            return values[column] if 0 <= column < len(values) else None
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            return QBrush(QColor(style.GREEN if row.is_working_day else style.RED))
        if role == Qt.ItemDataRole.ToolTipRole and column == 3 and row.differs_from_package:
            return self.tr("与软件包自带的安排不同：以此调整为准")
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None


class CalendarPage(QWidget):
    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarPage")
        self.services = services
        self.actor = actor
        today = services.clock.today()
        self.next_year = today.year + 1
        self._build(today)
        self._loaded_year: int | None = None

    # -- building ----------------------------------------------------------------------------------
    def _build(self, today: date) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(10)
        title = QLabel(self.tr("节假日安排"), self)
        set_role(title, "title")
        hint = QLabel(self.tr("法定节假日和调休上班日决定所有办理期限。国务院公布下一年的安排后，请在此录入；"
                              "软件包未包含且未录入的年份，期限按周一至周五计算。"), self)
        hint.setWordWrap(True)
        set_role(hint, "hint")
        layout.addWidget(title)
        layout.addWidget(hint)
        self.coverage_label = QLabel(self)
        self.coverage_label.setObjectName("coverageLabel")
        self.coverage_label.setWordWrap(True)
        set_role(self.coverage_label, "banner-warning")  # before the first polish: the padding counts
        self.coverage_label.hide()
        layout.addWidget(self.coverage_label)
        self.banner = Banner(self)
        layout.addWidget(self.banner)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年份"), self))
        self.year_spin = QSpinBox(self)
        self.year_spin.setObjectName("yearSpin")
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(self.next_year)
        top.addWidget(self.year_spin)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("overrideCount")
        set_role(self.count_label, "hint")
        top.addWidget(self.count_label, 1)
        self.remove_button = QPushButton(self.tr("删除所选调整"), self)
        self.remove_button.setObjectName("removeButton")
        self.remove_button.setEnabled(False)
        top.addWidget(self.remove_button)
        layout.addLayout(top)

        self.model = OverrideTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("overrideTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)

        forms = QHBoxLayout()
        forms.setSpacing(12)
        add_box = QGroupBox(self.tr("录入一天"), self)
        add_layout = QVBoxLayout(add_box)
        row = QHBoxLayout()
        self.day_edit = QDateEdit(add_box)
        self.day_edit.setObjectName("dayEdit")
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        self.day_edit.setDate(QDate(self.next_year, 1, 1))
        self.kind_combo = QComboBox(add_box)
        self.kind_combo.setObjectName("kindCombo")
        self.kind_combo.addItem(self.tr("休息日（放假）"), False)
        self.kind_combo.addItem(self.tr("工作日（调休上班）"), True)
        row.addWidget(self.day_edit)
        row.addWidget(self.kind_combo)
        add_layout.addLayout(row)
        self.note_edit = QLineEdit(add_box)
        self.note_edit.setObjectName("overrideNote")
        self.note_edit.setMaxLength(200)
        self.note_edit.setPlaceholderText(self.tr("说明，如：元旦、春节调休、县政府通知"))
        add_layout.addWidget(self.note_edit)
        self.save_button = QPushButton(self.tr("保存调整"), add_box)
        self.save_button.setObjectName("saveButton")
        set_role(self.save_button, "primary")
        add_layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        add_layout.addStretch(1)
        forms.addWidget(add_box, 2)

        paste_box = QGroupBox(self.tr("粘贴公布的安排"), self)
        paste_layout = QVBoxLayout(paste_box)
        paste_hint = QLabel(self.tr("每行一项：日期（或“至”连接的日期范围）加“休”或“班”，可加说明。"
                                    "只需列出与周一至周五不同的日子。"), paste_box)
        paste_hint.setWordWrap(True)
        set_role(paste_hint, "hint")
        paste_layout.addWidget(paste_hint)
        self.paste_edit = QPlainTextEdit(paste_box)
        self.paste_edit.setObjectName("pasteEdit")
        self.paste_edit.setPlaceholderText(self.tr("2027-01-01 休 元旦\n2027-02-06 至 2027-02-12 休 春节\n2027-02-14 班 春节调休"))
        self.paste_edit.setMinimumHeight(96)
        self.paste_edit.setMaximumHeight(150)  # the table above gets the rest of the height
        paste_layout.addWidget(self.paste_edit)
        self.import_button = QPushButton(self.tr("导入"), paste_box)
        self.import_button.setObjectName("importButton")
        paste_layout.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignRight)
        forms.addWidget(paste_box, 3)
        layout.addLayout(forms)

        self.year_spin.valueChanged.connect(lambda _v: self.reload())
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows())))
        self.save_button.clicked.connect(self.save_override)
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_button.clicked.connect(self.import_pasted)
        self.note_edit.returnPressed.connect(self.save_override)

    # -- loading -----------------------------------------------------------------------------------
    def _run(self, fn: Callable[[], Any], on_success: Callable[[Any], None],
             on_failure: Callable[[BaseException], None] | None = None) -> None:
        run_in_background(self, fn, on_success, on_failure or self.show_error, label="calendar")

    def page_shown(self) -> None:
        self.reload()

    def reload(self) -> None:
        year = self.year_spin.value()
        service, actor, next_year = self.services.calendar, self.actor, self.next_year
        this_year = next_year - 1

        def load() -> tuple[list[OverrideRow], dict[int, Coverage]]:
            years = sorted({this_year, next_year, year})
            return service.overrides(actor, year), {y: service.coverage(y) for y in years}

        self._run(load, lambda result: self._loaded(year, *result))

    def _loaded(self, year: int, rows: list[OverrideRow], coverage: dict[int, Coverage]) -> None:
        if year != self.year_spin.value():
            return  # the year changed while loading; its own answer follows
        self._loaded_year = year
        self.model.set_rows(rows)
        self.remove_button.setEnabled(False)
        shown = coverage[year]
        source = self.tr("软件包已包含该年安排") if shown.covered_by_package else self.tr("软件包未包含该年安排")
        self.count_label.setText(self.tr("%1 年：%2，已录入调整 %n 天", "", shown.override_count)
                                 .replace("%1", str(year)).replace("%2", source))
        warnings = [in_language(w) for y, c in sorted(coverage.items()) if (w := c.warning(y))]
        if warnings:
            set_role(self.coverage_label, "banner-warning")
            self.coverage_label.setText("\n".join(warnings))
        else:
            nxt = coverage[self.next_year]
            set_role(self.coverage_label, "banner-ok")
            if nxt.covered_by_package:
                text = self.tr("%1 年节假日安排已知（软件包自带），期限按法定节假日计算")
            else:
                # One override makes the year count as entered: remind that the whole year is needed.
                text = self.tr("%1 年节假日安排已录入 %n 天调整，期限按录入的安排计算；"
                               "请确认已包含全年各节假日和调休上班日", "", nxt.override_count)
            self.coverage_label.setText(text.replace("%1", str(self.next_year)))
        self.coverage_label.show()
        self.coverage_label.updateGeometry()  # the role's padding changes the height

    # -- changes -----------------------------------------------------------------------------------
    def save_override(self) -> None:
        qdate = self.day_edit.date()
        day = date(qdate.year(), qdate.month(), qdate.day())
        working = bool(self.kind_combo.currentData())
        note = self.note_edit.text()
        service, actor = self.services.calendar, self.actor
        self.save_button.setEnabled(False)

        def saved(row: OverrideRow) -> None:
            self.save_button.setEnabled(True)
            self.note_edit.clear()
            self.banner.show_message("ok", self.tr("已保存：%1 %2").replace("%1", row.day.isoformat())
                                     .replace("%2", _working_text(row.is_working_day)), timeout_ms=8000)
            if self.year_spin.value() != row.day.year:
                self.year_spin.setValue(row.day.year)  # reloads
            else:
                self.reload()

        def failed(error: BaseException) -> None:
            self.save_button.setEnabled(True)
            self.show_error(error)

        self._run(lambda: service.set_override(actor, day, working, note), saved, failed)

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        row: OverrideRow = self.model.data(rows[0], Qt.ItemDataRole.UserRole)
        service, actor = self.services.calendar, self.actor

        def removed(_result: object) -> None:
            self.banner.show_message("ok", self.tr("已删除 %1 的调整，该日按软件包或周一至周五计算")
                                     .replace("%1", row.day.isoformat()), timeout_ms=8000)
            self.reload()

        self._run(lambda: service.remove_override(actor, row.day), removed)

    def import_pasted(self) -> None:
        text = self.paste_edit.toPlainText()
        if not text.strip():
            self.show_error(self.tr("请先粘贴节假日安排 / Paste the holiday schedule first"))
            return
        service, actor = self.services.calendar, self.actor
        self.import_button.setEnabled(False)

        def imported(result: ImportResult) -> None:
            self.import_button.setEnabled(True)
            self.paste_edit.clear()
            self.banner.show_message("ok", in_language(result.message), timeout_ms=10000)
            year = result.days[0].year
            if self.year_spin.value() != year:
                self.year_spin.setValue(year)
            else:
                self.reload()

        def failed(error: BaseException) -> None:
            self.import_button.setEnabled(True)  # the pasted text stays for correcting
            self.show_error(error)

        self._run(lambda: service.import_schedule(actor, text), imported, failed)

    def show_error(self, error: BaseException | str) -> None:
        message = in_language(error) if isinstance(error, str) else error_message(error)
        self.banner.show_message("error", message)
