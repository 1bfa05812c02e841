"""核查 – post-checks of fast-tracked (告知承诺制) applications: the list, recording results, spot checks.

The list pages in lazily (``ui.models.postcheck_table``); filters: status, kind, overdue, and a
search by name, pinyin initials, receipt number or full resident ID. Overdue checks are marked red.
Selecting a check shows it in the side panel, where the result is recorded: 核查无误, or 发现问题
with the breach grade (一般/较重/严重) and what was found. Every service call runs off the GUI
thread; a refusal (somebody recorded the check first, a missing grade) is one sentence in the
banner and what was typed stays in the panel. Supervisors draw random spot checks (抽查) with a
seed that the audit trail keeps.

The page is built in code rather than a Designer form: it is a table, a filter bar and a small
form whose parts appear by role, which reads more plainly here than a form plus wiring.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelection, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from intake_desk.domain.enums import BreachGrade, PostCheckKind, PostCheckStatus
from intake_desk.services.actor import Actor
from intake_desk.services.clock import local
from intake_desk.services.context import Services
from intake_desk.services.errors import ConflictError
from intake_desk.services.permissions import Permission, allowed
from intake_desk.services.postchecks import HistoryEntry, PostCheckRow, SpotCheckPool
from intake_desk.ui.columns import fit_columns, positions
from intake_desk.ui.i18n import in_language, label
from intake_desk.ui.models.postcheck_table import ROW_ROLE, PostCheckTableModel, days_left_text
from intake_desk.ui.style import set_role
from intake_desk.ui.widgets.banner import Banner
from intake_desk.ui.worker import error_message, run_in_background

S = PostCheckStatus
SEARCH_DELAY_MS = 300
ACTIONS = {"postcheck.schedule": QT_TRANSLATE_NOOP("PostChecksPage", "安排随机抽查"),
           "postcheck.record": QT_TRANSLATE_NOOP("PostChecksPage", "登记结果"),
           "urging.urged": QT_TRANSLATE_NOOP("PostChecksPage", "催办"),
           "urging.escalated": QT_TRANSLATE_NOOP("PostChecksPage", "督办")}


class PostChecksPage(QWidget):
    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("postChecksPage")
        self.services = services
        self.actor = actor
        self.current: PostCheckRow | None = None
        self._typed: dict[int, tuple[int, int, str]] = {}
        self._busy_recording = False
        self._build()
        self.model = PostCheckTableModel(self._fetcher(), self._counter(), self._run, self)
        self.table.setModel(self.model)
        keys = [key for key, _title in self.model.columns]
        fit_columns(self.table, keep=positions(keys, ("number", "due")),
                    optional=positions(keys, ("done_by", "resident_id", "grade")), claim=True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.total_changed.connect(self._show_total)
        self.model.failed.connect(self.show_error)
        self.model.reloaded.connect(self._reloaded)
        self.model.loading_changed.connect(self._loading_changed)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self._loaded_once = False

    # -- building ----------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(10)
        title = QLabel(self.tr("事后核查"), self)
        set_role(title, "title")
        hint = QLabel(self.tr("告知承诺制快速办理的申请：一个月内信息核对比对，定期复核，随机抽查；"
                              "发现问题按承诺书约定分级处理。"), self)
        set_role(hint, "hint")
        hint.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(hint)
        self.banner = Banner(self)
        layout.addWidget(self.banner)
        self.calendar_label = QLabel(self)
        self.calendar_label.setObjectName("calendarWarning")
        self.calendar_label.setWordWrap(True)
        set_role(self.calendar_label, "banner-warning")
        self.calendar_label.hide()
        layout.addWidget(self.calendar_label)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("statusFilter")
        self.status_combo.addItem(self.tr("待核查和有问题"), "open")
        for status in S:
            self.status_combo.addItem(label(status), status.value)
        self.status_combo.addItem(self.tr("全部状态"), "")
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("kindFilter")
        self.kind_combo.addItem(self.tr("全部类型"), "")
        for kind in PostCheckKind:
            self.kind_combo.addItem(label(kind), kind.value)
        self.overdue_check = QCheckBox(self.tr("只看逾期"), self)
        self.overdue_check.setObjectName("overdueFilter")
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText(self.tr("姓名、拼音首字母、受理编号或身份证号"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(160)
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.setShortcut(QKeySequence("F5"))
        self.refresh_button.setToolTip(self.tr("重新读取列表（F5）"))
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        set_role(self.count_label, "hint")
        bar.addWidget(QLabel(self.tr("状态"), self))
        bar.addWidget(self.status_combo)
        bar.addWidget(QLabel(self.tr("类型"), self))
        bar.addWidget(self.kind_combo)
        bar.addWidget(self.overdue_check)
        bar.addWidget(self.search_edit, 1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.count_label)
        self.spot_button = QPushButton(self.tr("随机抽查(&S)…"), self)
        self.spot_button.setObjectName("spotCheckButton")
        self.spot_button.setToolTip(self.tr("从近期快速办理、尚未抽查的申请中按比例随机抽取，安排抽查"))
        self.spot_button.setVisible(allowed(self.actor, Permission.POSTCHECK_DRAW))
        bar.addWidget(self.spot_button)
        # On a narrow window (1280 px, or English) the filters give way rather than push the page wider
        # than the screen: a drop-down narrows to show the start of its choice (the list shows it whole).
        for combo in (self.status_combo, self.kind_combo):
            combo.setMinimumWidth(min(combo.sizeHint().width(), 110))
        layout.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.table = QTableView(splitter)
        self.table.setObjectName("postCheckTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self._build_panel(splitter))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([820, 330])
        layout.addWidget(splitter, 1)

        self.status_combo.currentIndexChanged.connect(self.reload)
        self.kind_combo.currentIndexChanged.connect(self.reload)
        self.overdue_check.toggled.connect(self.reload)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_edit.returnPressed.connect(self.reload)
        self.refresh_button.clicked.connect(self.reload)
        self.spot_button.clicked.connect(self.open_spot_check)

    def _build_panel(self, parent: QWidget) -> QWidget:
        panel = QGroupBox(self.tr("登记核查结果"), parent)
        panel.setObjectName("resultPanel")
        panel.setMinimumWidth(300)
        form = QFormLayout(panel)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setVerticalSpacing(8)
        self.detail_labels: dict[str, QLabel] = {}
        for key, title in (("number", self.tr("受理编号")), ("applicant", self.tr("申请人")),
                           ("kind", self.tr("核查类型")), ("due", self.tr("到期日")),
                           ("status", self.tr("当前状态")), ("recorded", self.tr("已登记"))):
            value = QLabel("—", panel)
            value.setObjectName(f"detail_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.detail_labels[key] = value
            form.addRow(title, value)
        self.result_combo = QComboBox(panel)
        self.result_combo.setObjectName("resultCombo")
        self.result_combo.addItem(label(S.PASSED), S.PASSED.value)
        self.result_combo.addItem(label(S.PROBLEM), S.PROBLEM.value)
        self.grade_combo = QComboBox(panel)
        self.grade_combo.setObjectName("gradeCombo")
        for grade in BreachGrade:
            if grade is not BreachGrade.NONE:
                self.grade_combo.addItem(label(grade), grade.value)
        self.note_edit = QPlainTextEdit(panel)
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setPlaceholderText(self.tr("核查方式和结果；发现问题时写明问题和处理意见"))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMinimumHeight(90)
        self.note_edit.setMaximumHeight(160)
        self.record_button = QPushButton(self.tr("登记结果"), panel)
        self.record_button.setObjectName("recordButton")
        self.record_button.setToolTip(self.tr("保存核查结果（Ctrl+Enter）"))
        set_role(self.record_button, "primary")
        self.history_label = QLabel(panel)
        self.history_label.setObjectName("historyLabel")
        self.history_label.setWordWrap(True)
        self.history_label.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.history_label, "hint")
        form.addRow(self.tr("核查结果"), self.result_combo)
        form.addRow(self.tr("失信等级"), self.grade_combo)
        self.panel_form = form
        form.addRow(self.tr("说明"), self.note_edit)
        form.addRow("", self.record_button)
        form.addRow(self.tr("记录"), self.history_label)
        self.result_combo.currentIndexChanged.connect(self._result_changed)
        self.record_button.clicked.connect(self.record)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), panel)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.record)
        self._result_changed()
        self._show_current(None)
        return panel

    # -- the list ----------------------------------------------------------------------------------
    def _run(self, fn: Callable[[], Any], on_success: Callable[[Any], None],
             on_failure: Callable[[BaseException], None]) -> None:
        run_in_background(self, fn, on_success, on_failure, label="postchecks")

    def _filters(self) -> dict[str, Any]:
        status_code = self.status_combo.currentData()
        status: Any = None
        if status_code == "open":
            status = [S.DUE, S.PROBLEM]
        elif status_code:
            status = S(status_code)
        kind_code = self.kind_combo.currentData()
        return {"status": status, "kind": PostCheckKind(kind_code) if kind_code else None,
                "overdue_only": self.overdue_check.isChecked(), "text": self.search_edit.text().strip() or None}

    def _fetcher(self) -> Callable[[int, int], list[PostCheckRow]]:
        filters, actor, service = self._filters(), self.actor, self.services.postchecks
        return lambda offset, limit: service.queue(actor, **filters, offset=offset, limit=limit)

    def _counter(self) -> Callable[[], int]:
        filters, actor, service = self._filters(), self.actor, self.services.postchecks
        return lambda: service.count(actor, **filters)

    def reload(self) -> None:
        self._search_timer.stop()
        self.model.set_source(self._fetcher(), self._counter())
        self.model.reload()

    def page_shown(self) -> None:
        self.reload()

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _loading_changed(self, loading: bool) -> None:
        if loading and not self.model.rows:
            self.count_label.setText(self.tr("正在读取…"))

    def _show_total(self, total: int) -> None:
        self.count_label.setText(self.tr("共 %n 条", "", total))

    def _reloaded(self) -> None:
        self._loaded_once = True
        keep = self.current.id if self.current else None
        rows = list(self.model.rows)
        service = self.services.postchecks
        if any(r.calendar_fallback for r in rows):
            self._run(lambda: service.calendar_warning(rows), self._show_calendar_warning, lambda _e: None)
        else:
            self._show_calendar_warning(None)
        index = self.model.index_of(keep) if keep is not None else -1
        if index >= 0:
            self.table.selectRow(index)
        elif self.model.rows:
            self.table.selectRow(0)
        else:
            self._show_current(None)

    def _show_calendar_warning(self, warning: str | None) -> None:
        self.model.fallback_tooltip = in_language(warning) if warning else ""
        if warning:
            self.calendar_label.setText(in_language(warning) + self.tr("（标 * 的剩余工作日）"))
            self.calendar_label.show()
        else:
            self.calendar_label.hide()

    # -- the side panel ----------------------------------------------------------------------------
    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.data(rows[0], ROW_ROLE) if rows else None
        if row is not None and self.current is not None and row.id == self.current.id:
            self.current = row  # the same check, maybe a newer version: keep what was typed
            self._fill_details(row)
            return
        self._show_current(row)

    def _show_current(self, row: PostCheckRow | None) -> None:
        if self.current is not None:  # what was typed for a check waits for it (filters may hide it a while)
            typed = (self.result_combo.currentIndex(), self.grade_combo.currentIndex(), self.note_edit.toPlainText())
            if typed[2].strip():
                self._typed[self.current.id] = typed
        self.current = row
        self.history_label.clear()
        result, grade, note = self._typed.pop(row.id, (0, 0, "")) if row is not None else (0, 0, "")
        self.result_combo.setCurrentIndex(result)
        self.grade_combo.setCurrentIndex(grade)
        self.note_edit.setPlainText(note)
        self._fill_details(row)
        if row is not None:
            service, actor, wanted = self.services.postchecks, self.actor, row.id
            self._run(lambda: service.history(actor, wanted), lambda h: self._show_history(wanted, h),
                      lambda _e: None)

    def _fill_details(self, row: PostCheckRow | None) -> None:
        values = {key: "—" for key in self.detail_labels}
        if row is not None:
            due = row.due_date.isoformat()
            if row.working_days_left is not None:
                due += f"（{days_left_text(row)}）"
            values.update({
                "number": row.application_number,
                "applicant": f"{row.applicant_name}  {row.applicant_id_masked}",
                "kind": label(row.kind),
                "due": due,
                "status": label(row.status) + (
                    f" · {label(row.breach_grade)}" if row.breach_grade is not BreachGrade.NONE else ""),
                "recorded": (f"{row.done_by_name} {local(row.done_at):%Y-%m-%d %H:%M}"
                             + (f"：{row.result}" if row.result else "")) if row.done_at else "—",
            })
        for key, value in values.items():
            self.detail_labels[key].setText(value)
        set_role(self.detail_labels["due"], "error" if row is not None and row.overdue else "")
        editable = row is not None and row.is_open
        for widget in (self.result_combo, self.record_button):
            widget.setEnabled(editable and not self._busy_recording)
        self.note_edit.setReadOnly(not editable)  # still selectable: a note refused in a conflict can be copied
        self.grade_combo.setEnabled(editable and not self._busy_recording and self._chosen_status() is S.PROBLEM)
        if row is not None and not row.is_open:
            self.record_button.setToolTip(self.tr("此核查已结束，不能再登记"))
        else:
            self.record_button.setToolTip(self.tr("保存核查结果（Ctrl+Enter）"))

    def _show_history(self, post_check_id: int, history: list[HistoryEntry]) -> None:
        if self.current is None or self.current.id != post_check_id:
            return
        lines = []
        for h in history:
            what = label(h.status) if h.status else (self.tr(ACTIONS[h.action]) if h.action in ACTIONS else h.action)
            if h.breach_grade and h.breach_grade is not BreachGrade.NONE:
                what += f"（{label(h.breach_grade)}）"
            lines.append(f"{local(h.at):%Y-%m-%d %H:%M} {h.actor_name} "
                         + (self.tr("%1：%2").replace("%1", what).replace("%2", in_language(h.note)) if h.note else what))
        self.history_label.setText("\n".join(lines) or self.tr("尚无记录"))

    def _chosen_status(self) -> PostCheckStatus:
        return S(self.result_combo.currentData())

    def _result_changed(self) -> None:
        problem = self._chosen_status() is S.PROBLEM
        self.grade_combo.setEnabled(problem and self.result_combo.isEnabled())
        self.panel_form.setRowVisible(self.grade_combo, problem)  # a grade belongs to a problem only

    # -- recording ---------------------------------------------------------------------------------
    def record(self) -> None:
        row = self.current
        if row is None or not row.is_open or self._busy_recording:
            return
        status = self._chosen_status()
        grade = BreachGrade(self.grade_combo.currentData()) if status is S.PROBLEM else BreachGrade.NONE
        note = self.note_edit.toPlainText()
        service, actor = self.services.postchecks, self.actor
        self._set_recording(True)
        self._run(lambda: service.record_result(actor, row.id, row.version, status, note, grade),
                  self._recorded, lambda error: self._record_failed(row.id, error))

    def _set_recording(self, busy: bool) -> None:
        self._busy_recording = busy
        self._fill_details(self.current)

    def _recorded(self, row: PostCheckRow) -> None:
        self._set_recording(False)
        self.model.replace_row(row)
        if self.current is not None and self.current.id == row.id:
            self.note_edit.clear()  # saved: nothing left to keep for this check
        self.banner.show_message("ok", self.tr("已登记：%1 %2 → %3").replace("%1", row.application_number)
                                 .replace("%2", label(row.kind)).replace("%3", label(row.status)), timeout_ms=8000)
        self._show_current(row)

    def _record_failed(self, post_check_id: int, error: BaseException) -> None:
        self._set_recording(False)
        self.show_error(error)
        if isinstance(error, ConflictError):
            # Show what the other desk recorded; the note typed here stays in the box.
            service, actor = self.services.postchecks, self.actor
            self._run(lambda: service.get(actor, post_check_id), self._refreshed_after_conflict, lambda _e: None)

    def _refreshed_after_conflict(self, row: PostCheckRow) -> None:
        self.model.replace_row(row)
        if self.current is not None and self.current.id == row.id:
            self.current = row
            self._fill_details(row)

    def show_error(self, error: BaseException | str) -> None:
        message = error if isinstance(error, str) else error_message(error)
        self.banner.show_message("error", message)

    # -- spot checks -------------------------------------------------------------------------------
    def open_spot_check(self) -> None:
        dialog = SpotCheckDialog(self)
        self.spot_dialog = dialog
        service, actor = self.services.postchecks, self.actor
        self._run(lambda: service.spot_check_pool(actor), dialog.set_pool, self.show_error)
        dialog.accepted.connect(lambda: self._draw(dialog.percent(), dialog.seed()))
        dialog.open()

    def _draw(self, percent: int, seed: int) -> None:
        service, actor = self.services.postchecks, self.actor
        self._run(lambda: service.draw_spot_checks(actor, percent, seed), lambda rows: self._drawn(rows, seed),
                  self.show_error)

    def _drawn(self, rows: list[PostCheckRow], seed: int) -> None:
        if rows:
            due = rows[0].due_date.isoformat()
            text = (self.tr("已随机抽取 %n 件申请安排抽查，%d 前完成（随机种子 %s，已记入审计）", "", len(rows))
                    .replace("%d", due).replace("%s", str(seed)))
        else:
            text = self.tr("没有可抽查的申请：近期快速办理的申请均已安排抽查")
        self.banner.show_message("ok" if rows else "info", text, timeout_ms=15000)
        self.reload()


class SpotCheckDialog(QDialog):
    """随机抽查: the share and the seed; shows the pool and how many will be drawn."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("spotCheckDialog")
        self.setWindowTitle(self.tr("随机抽查"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(440)
        self.pool: SpotCheckPool | None = None
        layout = QVBoxLayout(self)
        self.pool_label = QLabel(self.tr("正在统计可抽查的申请…"), self)
        self.pool_label.setObjectName("poolLabel")
        self.pool_label.setWordWrap(True)
        layout.addWidget(self.pool_label)
        form = QFormLayout()
        self.percent_spin = QSpinBox(self)
        self.percent_spin.setObjectName("percentSpin")
        self.percent_spin.setRange(1, 100)
        self.percent_spin.setValue(10)
        self.percent_spin.setSuffix(" %")
        self.percent_spin.setMinimumWidth(120)
        self.seed_edit = QLineEdit(str(secrets.randbelow(1_000_000)), self)
        self.seed_edit.setObjectName("seedEdit")
        self.seed_edit.setInputMask("")
        self.seed_edit.setMaxLength(18)
        self.seed_edit.setToolTip(self.tr("随机种子记入审计，用同一种子可复核抽取结果"))
        form.addRow(self.tr("抽查比例(&S)"), self.percent_spin)
        form.addRow(self.tr("随机种子(&E)"), self.seed_edit)
        layout.addLayout(form)
        self.sample_label = QLabel(self)
        self.sample_label.setObjectName("sampleLabel")
        set_role(self.sample_label, "hint")
        layout.addWidget(self.sample_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("抽取"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.percent_spin.valueChanged.connect(self._update)
        self.seed_edit.textChanged.connect(self._update)
        self._update()

    def set_pool(self, pool: SpotCheckPool) -> None:
        self.pool = pool
        self.pool_label.setText(
            self.tr("%1 至 %2 受理、告知承诺制快速办理且尚未抽查的申请：%3 件")
            .replace("%1", pool.received_from.isoformat()).replace("%2", pool.received_to.isoformat())
            .replace("%3", str(pool.size)))
        self._update()
        self.adjustSize()  # the wrapped sentence needs its second line

    def percent(self) -> int:
        return self.percent_spin.value()

    def seed(self) -> int:
        text = self.seed_edit.text().strip()
        return int(text) if text.isascii() and text.isdigit() else -1

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if self.seed() < 0:
            self.sample_label.setText(self.tr("随机种子应为数字"))
            ok.setEnabled(False)
            return
        if self.pool is None:
            self.sample_label.setText("")
            ok.setEnabled(False)
            return
        n = self.pool.sample_size(self.percent())
        self.sample_label.setText(self.tr("将抽取 %n 件，每件安排一次随机抽查", "", n))
        ok.setEnabled(n > 0)
