"""申请 – the applications received: a searchable list over a lazy model, one application read-only."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, QModelIndex, QTimer, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from intake_desk.domain.enums import ApplicationStatus
from intake_desk.domain.money import format_fen
from intake_desk.services.actor import Actor
from intake_desk.services.clock import local
from intake_desk.services.context import Services
from intake_desk.services.errors import ServiceError
from intake_desk.services.permissions import Permission, allowed
from intake_desk.services.procedure import ProcedureView
from intake_desk.ui.columns import fit_columns
from intake_desk.ui.forms.ui_applications_page import Ui_ApplicationsPage
from intake_desk.ui.i18n import label, language, pack_text
from intake_desk.ui.models.application_table import ApplicationTableModel, Query
from intake_desk.ui.style import set_role
from intake_desk.ui.widgets.banner import Banner
from intake_desk.ui.worker import error_message, run_in_background

if TYPE_CHECKING:
    from intake_desk.services.applications import ApplicationDetail

SEARCH_DELAY_MS = 250


def _e(value: object) -> str:
    return html.escape(str(value))


class ApplicationsPage(QWidget):
    print_requested = Signal(str)

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.ui = Ui_ApplicationsPage()
        self.ui.setupUi(self)
        ui = self.ui
        set_role(ui.titleLabel, "title")
        set_role(ui.countLabel, "hint")
        self.banner = Banner(self)
        ui.outerLayout.insertWidget(1, self.banner)
        ui.statusCombo.addItem(self.tr("全部"), None)
        for status in ApplicationStatus:
            ui.statusCombo.addItem(label(status), status.value)
        self.model = ApplicationTableModel(services, actor, self)
        ui.table.setModel(self.model)
        ui.table.verticalHeader().hide()
        ui.table.verticalHeader().setDefaultSectionSize(32)
        # Number, ID and dates whole; where the room is short the fast-track mark and the day received give
        # way first (the details beside the list show them).
        fit_columns(ui.table, keep=(0, 3, 7), optional=(6, 1), claim=True)
        ui.outerLayout.setStretchFactor(ui.splitter, 1)
        ui.splitter.setStretchFactor(0, 1)
        ui.splitter.setStretchFactor(1, 1)
        ui.splitter.setSizes([560, 580])
        self.model.total_changed.connect(self._show_count)
        self.model.loaded.connect(self._select_first)
        ui.table.selectionModel().selectionChanged.connect(self._selection_changed)
        ui.table.activated.connect(self._open_index)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.search)
        ui.searchEdit.textEdited.connect(lambda _t: self._search_timer.start())
        ui.searchEdit.returnPressed.connect(self.search)
        ui.statusCombo.currentIndexChanged.connect(lambda _i: self.search())
        self.print_button = QPushButton(self.tr("打印 / 补打…"), self)
        self.print_button.setObjectName("printButton")
        self.print_button.setToolTip(self.tr("预览、打印或补打所选申请的文书（Ctrl+P）"))
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.request_print)
        ui.headerRow.addWidget(self.print_button)
        self.audit_button: QPushButton | None = None
        if allowed(actor, Permission.AUDIT_VIEW):
            self.audit_button = QPushButton(self.tr("审计记录…"), self)
            self.audit_button.setObjectName("auditTrailButton")
            self.audit_button.setToolTip(self.tr("所选申请及其转介、核查的全部操作记录"))
            self.audit_button.setEnabled(False)
            self.audit_button.clicked.connect(self.show_audit_trail)
            ui.headerRow.addWidget(self.audit_button)
        self.detail: ApplicationDetail | None = None
        self.procedure_view: ProcedureView | None = None
        self._opening: str | None = None
        self._show_placeholder()
        self.search()

    # -- list ------------------------------------------------------------------------------------
    def search(self) -> None:
        self._search_timer.stop()
        status = self.ui.statusCombo.currentData()
        self.model.set_query(Query(self.ui.searchEdit.text().strip(),
                                   ApplicationStatus(status) if status else None))

    def _show_count(self, total: int) -> None:
        self.ui.countLabel.setText(self.tr("共 %1 件").replace("%1", f"{total:,}"))

    def _select_first(self) -> None:
        table = self.ui.table
        if self.model.rowCount() and not table.selectionModel().hasSelection():
            table.selectRow(0)

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self._open_index(indexes[0])

    def _open_index(self, index: QModelIndex) -> None:
        number = self.model.number_at(index.row())
        if number:
            self.open(number)

    def page_shown(self) -> None:
        self.model.reload()

    def focus_search(self) -> None:
        self.ui.searchEdit.setFocus()
        self.ui.searchEdit.selectAll()

    def printable_number(self) -> str | None:
        return self.detail.number if self.detail else None

    def request_print(self) -> None:
        if self.detail is not None:
            self.print_requested.emit(self.detail.number)

    def application_printed(self, number: str) -> None:
        """Documents of ``number`` were printed: show its print log again if it is the one open."""
        if self.detail is not None and self.detail.number == number:
            self.detail = None
            self.open(number)

    def show_error(self, message: str) -> None:
        self.banner.show_message("error", message)

    def show_audit_trail(self) -> None:
        """审计记录 of the open application (supervisors and administrators)."""
        if self.detail is not None:
            from intake_desk.ui.dialogs.audit_trail import open_audit_trail

            open_audit_trail(self, self.services, self.actor, self.detail.number)

    # -- one application -------------------------------------------------------------------------
    def open(self, number: str) -> None:
        if self._opening == number or (self.detail is not None and self.detail.number == number):
            return
        self._opening = number
        service, actor, procedure = self.services.applications, self.actor, self.services.procedure

        def read() -> tuple[ApplicationDetail, ProcedureView | None]:
            detail = service.get(actor, number)
            try:
                view: ProcedureView | None = procedure.view(actor, number)
            except ServiceError:  # department items only, or a role that does not see procedures
                view = None
            return detail, view

        run_in_background(self, read, self._opened, self._open_failed, label="open application")

    def _opened(self, opened: tuple[ApplicationDetail, ProcedureView | None] | ApplicationDetail) -> None:
        detail, self.procedure_view = opened if isinstance(opened, tuple) else (opened, None)
        self._opening = None
        self.detail = detail
        self.print_button.setEnabled(True)
        if self.audit_button is not None:
            self.audit_button.setEnabled(True)
        self.ui.detail.setHtml(self.render(detail))

    def _open_failed(self, error: BaseException) -> None:
        self._opening = None
        self.show_error(error_message(error))

    def _show_placeholder(self) -> None:
        hint = self.tr("选择一件申请查看申报信息、评估结果、转介和打印记录。")
        self.ui.detail.setHtml(f"<p style='color:#5b6776'>{_e(hint)}</p>")

    def render(self, d: ApplicationDetail) -> str:
        """The application as declared and as handled since, read-only."""
        received = self.tr("%1 受理").replace("%1", local(d.received_at).strftime("%Y-%m-%d %H:%M"))
        due = self.tr("办结期限 %1").replace("%1", d.due_date.isoformat())
        fast = self.tr("承诺制快速办理")
        parts = [f"<h2 style='margin-bottom:2px'>{_e(d.number)}</h2>",
                 f"<p>{_e(label(d.status))} · {_e(received)} · {_e(d.received_by_name)} · {_e(due)}"
                 + (f" · <b>{_e(fast)}</b>" if d.fast_track else "") + "</p>"]

        def table(headers: list[str], rows: list[list[str]]) -> str:
            head = "".join(f"<th align='left' style='padding:3px 8px 3px 0'>{_e(h)}</th>" for h in headers)
            body = "".join("<tr>" + "".join(f"<td nowrap style='padding:3px 8px 3px 0'>{_e(c)}</td>" for c in row) + "</tr>"
                           for row in rows)
            return f"<table cellspacing='0'>{'<tr>' + head + '</tr>'}{body}</table>"

        def section(title: str) -> str:
            return f"<h3 style='color:#174a85;margin-top:14px'>{_e(title)}</h3>"

        view = getattr(self, "procedure_view", None)
        if view is not None and view.number == d.number:
            # 审核确认程序: the steps with dates and who, what comes next and by when (worked on page 办理).
            parts.append(section(self.tr("审核确认程序")))
            following = (self.tr("下一步：%1，%2 前").replace("%1", pack_text(view.current.name)).replace(
                "%2", view.current.due.isoformat() if view.current.due else "—") if view.current
                else label(view.state))
            overdue = self.tr("已逾期")
            parts.append(f"<p>{_e(pack_text(view.procedure_name))} · {_e(following)}"
                         + (f" · <b style='color:#b3261e'>{_e(overdue)}</b>" if view.overdue else "") + "</p>")
            parts.append(table([self.tr("步骤"), self.tr("状态"), self.tr("期限"), self.tr("完成"), self.tr("经办人")],
                               [[pack_text(s.name), label(s.state), s.due.isoformat() if s.due else "—",
                                 s.done_on.isoformat() if s.done_on else "—", s.actor_name or "—"] for s in view.steps]))
        parts.append(section(self.tr("申请人与家庭")))
        parts.append(f"<p>{_e(d.applicant_name)}　{_e(d.applicant_id)}　{_e(d.phone)}<br>{_e(d.address)}　"
                     f"{_e(label(d.hukou_type))} · {_e(label(d.housing))}</p>")
        parts.append(table([self.tr("姓名"), self.tr("身份证号"), self.tr("关系"), self.tr("年龄"), self.tr("健康"), self.tr("残疾"), self.tr("劳动能力")],
                           [[m.name, m.resident_id, label(m.relation), str(m.age), label(m.health),
                             label(m.disability) + (" " + self.tr("%1级").replace("%1", str(m.disability_grade))
                                                    if m.disability_grade else ""),
                             label(m.labour_capacity)] for m in d.members]))
        parts.append(table([self.tr("姓名"), self.tr("就业"), self.tr("就学")],
                           [[m.name, label(m.employment), label(m.schooling)] for m in d.members]))
        if d.incomes or d.assets or d.expenses or d.deductions:
            parts.append(section(self.tr("收入、财产、支出（申报）")))

            def whose(row: Any) -> str:
                """The member a row is about; the household's own rows (no member) say 全家."""
                return str(row.member_name) if row.member_position is not None else self.tr("全家")

            rows = [[self.tr("收入"), whose(i), label(i.category), format_fen(i.amount_fen)] for i in d.incomes]
            rows += [[self.tr("扣减"), whose(x), label(x.kind), format_fen(x.amount_fen)] for x in d.deductions]
            rows += [[self.tr("财产"), whose(a), label(a.kind), format_fen(a.value_fen)] for a in d.assets]
            rows += [[self.tr("支出"), whose(e), label(e.kind), format_fen(e.amount_fen)] for e in d.expenses]
            parts.append(table([self.tr("项目"), self.tr("成员"), self.tr("类别"), self.tr("金额（元）")], rows))
        parts.append(section(self.tr("申请事项与材料")))
        requested = self.tr("、").join(label(x) for x in d.requested_types)
        parts.append(f"<p>{_e(requested)}</p>")
        missing = d.missing_materials
        if missing:
            names = self.tr("；").join(pack_text(m.name) for m in missing)
            still_missing = self.tr("尚缺材料：%1").replace("%1", names)
            parts.append(f"<p style='color:#8a5a00'>{_e(still_missing)}</p>")
        else:
            complete = self.tr("材料齐全")
            parts.append(f"<p style='color:#1e7a3c'>{_e(complete)}</p>")
        if d.assessment is not None:
            a = d.assessment
            parts.append(section(self.tr("预评估")))
            income = self.tr("人均月收入 %1 元").replace("%1", format_fen(a.per_capita_income_fen))
            benefit = (self.tr("，预计 %1 元/月").replace("%1", format_fen(a.estimated_benefit_fen))
                       if a.estimated_benefit_fen is not None else "")
            parts.append(f"<p><b>{_e(label(a.category))}</b>　{_e(income)}{_e(benefit)}</p>")
            parts.append("<ol>" + "".join(f"<li>{_e(step)}</li>" for step in a.steps_in(language())) + "</ol>")
            basis = self.tr("政策依据：%1 %2").replace("%1", pack_text(a.policy_locality)).replace("%2", a.policy_version)
            parts.append(f"<p style='color:#5b6776'>{_e(basis)}</p>")
        if d.declaration is not None:
            dec = d.declaration
            parts.append(section(self.tr("告知承诺")))
            witness = self.tr("见证 %1").replace("%1", dec.witness_name)
            double = self.tr("双承诺")
            parts.append(f"<p>{_e(dec.signer_name)} · {_e(local(dec.signed_at).strftime('%Y-%m-%d %H:%M'))} · "
                         f"{_e(witness)}" + (f" · {_e(double)}" if dec.double_commitment else "") + "</p>")
        parts.append(section(self.tr("转介")))
        if d.referrals:
            parts.append(table([self.tr("编号"), self.tr("部门"), self.tr("状态"), self.tr("同意"), self.tr("期限")],
                               [[r.number, pack_text(r.department_name), label(r.status), self.tr("是") if r.consent_given else self.tr("否"),
                                 r.due_date.isoformat()] for r in d.referrals]))
        else:
            none = self.tr("无")
            parts.append(f"<p>{_e(none)}</p>")
        parts.append(section(self.tr("打印记录")))
        if d.printed:
            parts.append(table([self.tr("文书"), self.tr("份次"), self.tr("时间"), self.tr("经办人")],
                               [[label(p.kind), str(p.copy_no), local(p.printed_at).strftime("%Y-%m-%d %H:%M"),
                                 p.printed_by_name] for p in d.printed]))
        else:
            not_printed = self.tr("尚未打印")
            parts.append(f"<p>{_e(not_printed)}</p>")
        if d.post_checks:
            parts.append(section(self.tr("事后核查")))
            parts.append(table([self.tr("核查"), self.tr("到期"), self.tr("状态")],
                               [[label(c.kind), c.due_date.isoformat(), label(c.status)] for c in d.post_checks]))
        if d.notes:
            parts.append(section(self.tr("备注")))
            parts.append(f"<p>{_e(d.notes).replace(chr(10), '<br>')}</p>")
        return "".join(parts)
