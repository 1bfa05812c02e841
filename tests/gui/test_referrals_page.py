"""转介 page (supervisor): counts, filters, the lazy queue, the timeline, bulk send, reassign, export."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from intake_desk.domain.enums import ReferralStatus
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.queues import QueueSort, ReferralFilter
from intake_desk.ui.models.referral_table import ReferralTableModel
from intake_desk.ui.pages.referrals_page import CountsModel, ReferralsPage
from intake_desk.ui.widgets.referral_timeline import ReassignDialog
from tests.conftest import TEST_NOW
from tests.gui.conftest import settle
from tests.referral_data import ensure_departments, make_application, make_referral, officer

S = ReferralStatus
EARLIER = TEST_NOW - timedelta(days=12)

# (name, department, status, due) – today is Friday 2026-11-20.
ROWS = [
    ("张三", "medical", S.SENT, date(2026, 11, 16)),        # overdue
    ("李四", "medical", S.IN_PROGRESS, date(2026, 11, 18)),  # overdue
    ("王五", "education", S.RECEIVED, date(2026, 11, 19)),   # overdue
    ("赵六", "housing", S.PENDING, date(2026, 11, 24)),
    ("钱七", "housing", S.PENDING, date(2026, 11, 25)),
    ("孙八", "employment", S.COMPLETED, date(2026, 11, 12)),
    ("周九", "medical", S.PROPOSED, date(2026, 12, 4)),
    ("吴十", "education", S.DECLINED, date(2026, 11, 30)),
]


@pytest.fixture
def queue(services: Services, admin: Actor, clerk: Actor, supervisor: Actor) -> dict[str, int]:
    ensure_departments(services)
    ids = {}
    for name, department, status, due in ROWS:
        application = make_application(services, clerk, name, received=EARLIER)
        ids[name] = make_referral(services, supervisor, application, department, status, due_date=due, at=EARLIER,
                                  creator=clerk)
    return ids


def test_the_lazy_model_passes_the_model_tester(qtbot: QtBot, qtmodeltester, services: Services,  # type: ignore[no-untyped-def]
                                                supervisor: Actor, queue: dict[str, int]) -> None:
    model = ReferralTableModel(services, supervisor, page_size=3)
    model.set_query(ReferralFilter(), QueueSort.DUE)
    assert model.rowCount() == 3 and model.canFetchMore()
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == len(ROWS) and not model.canFetchMore()
    assert [r.applicant_name for r in model.rows] == ["孙八", "张三", "李四", "王五", "赵六", "钱七", "吴十", "周九"]
    qtmodeltester.check(model)
    counts = CountsModel()
    counts.set_matrix(services.queues.counts(supervisor))
    qtmodeltester.check(counts)


def test_overdue_rows_are_red_and_header_sorts(qtbot: QtBot, services: Services, supervisor: Actor,
                                               queue: dict[str, int]) -> None:
    model = ReferralTableModel(services, supervisor)
    model.set_query(ReferralFilter(open_only=True), QueueSort.DUE)
    names = [r.applicant_name for r in model.rows]
    assert names == ["张三", "李四", "王五", "赵六", "钱七", "周九"]
    overdue = {r.applicant_name for r in model.rows if r.overdue}
    assert overdue == {"张三", "李四", "王五"}
    for row, record in enumerate(model.rows):
        background = model.data(model.index(row, 0), Qt.ItemDataRole.BackgroundRole)
        assert (background is not None) == record.overdue
    assert model.data(model.index(0, model.column_of("left"))) == "已逾期"
    assert model.data(model.index(3, model.column_of("left"))) == "剩 2 个工作日"
    model.sort(model.column_of("department"))
    assert model.sort_key is QueueSort.DEPARTMENT
    assert [r.department_code for r in model.rows][:2] == ["education", "medical"]


def test_supervisor_finds_overdue_reassigns_and_exports(qtbot: QtBot, services: Services, supervisor: Actor,
                                                        queue: dict[str, int], make_window, screens: Path,
                                                        tmp_path: Path) -> None:
    employment = officer(services, "renshe1", "employment", "冯人社")
    window = make_window(services, supervisor)
    page = window.show_page("referrals")
    assert isinstance(page, ReferralsPage)
    settle(qtbot)
    # Counts at the top, the summary beside the title.
    matrix = page.counts_model.matrix
    assert matrix is not None and matrix.total == len(ROWS)
    assert matrix.overdue == {"medical": 2, "education": 1}
    assert page.summary_label.text().startswith("全部转介：3 条转介已逾期，1 条将在 2 个工作日内到期")
    assert page.aging_labels["8–10"].text() == "6"  # created 8 November: 9 working days, all six open
    assert "共 6 条" in page.count_label.text()  # 未办结 by default
    page.table.selectRow(0)
    settle(qtbot)
    assert page.panel.detail is not None and page.panel.detail.applicant_name == "张三"
    assert any("发送" in line for line in page.panel.timeline.text_lines())
    window.grab().save(str(screens / "40_referrals_supervisor.png"))

    # Only overdue: three rows, all red.
    qtbot.mouseClick(page.overdue, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert [r.applicant_name for r in page.model.rows] == ["张三", "李四", "王五"]
    assert "共 3 条" in page.count_label.text()

    # Select them all and reassign to employment, officer 冯人社.
    page.table.selectAll()
    assert len(page.selected_ids()) == 3
    qtbot.mouseClick(page.reassign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.findChild(ReassignDialog) is not None)
    dialog = page.findChild(ReassignDialog)
    assert dialog is not None
    dialog.department.setCurrentIndex(dialog.department.findData("employment"))
    dialog.officer.setCurrentIndex(dialog.officer.findData(employment.user_id))
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    settle(qtbot)
    moved = [services.referrals.get(supervisor, queue[n]) for n in ("张三", "李四", "王五")]
    assert {d.department_code for d in moved} == {"employment"}
    assert {d.assigned_to_name for d in moved} == {"冯人社"}
    assert [d.status for d in moved] == [S.SENT, S.SENT, S.SENT]  # the new department receives them again
    assert page.banner.kind == "ok"
    assert page.counts_model.matrix is not None and page.counts_model.matrix.overdue == {"employment": 3}

    # Export what the filter shows, ID numbers masked.
    target = tmp_path / "逾期转介.xlsx"
    page.export_to(target)
    settle(qtbot)
    assert page.last_export is not None and page.last_export.rows == 3
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("转介编号", "受理编号", "申请人", "身份证号码")
    assert [r[2] for r in rows[1:]] == ["张三", "李四", "王五"]
    assert all("********" in r[3] for r in rows[1:])
    assert {r[4] for r in rows[1:]} == {"人力资源和社会保障局"}


def test_bulk_send_reports_what_was_refused(qtbot: QtBot, services: Services, supervisor: Actor,
                                            queue: dict[str, int], make_window) -> None:
    window = make_window(services, supervisor)
    page = window.show_page("referrals")
    assert isinstance(page, ReferralsPage)
    settle(qtbot)
    pending = [i for i, r in enumerate(page.model.rows) if r.applicant_name in ("赵六", "钱七", "张三")]
    page.select_rows(pending)
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert services.referrals.get(supervisor, queue["赵六"]).status is S.SENT
    assert services.referrals.get(supervisor, queue["钱七"]).status is S.SENT
    assert page.banner.kind == "warning"
    assert "已处理 2 条，1 条未处理" in page.banner.text() and "张三" not in page.banner.text()


def test_panel_steps_for_a_supervisor(qtbot: QtBot, services: Services, supervisor: Actor, queue: dict[str, int],
                                      app: QApplication) -> None:
    page = ReferralsPage(services, supervisor)
    qtbot.addWidget(page)
    page.resize(1400, 860)
    page.show()
    settle(qtbot)
    row = next(i for i, r in enumerate(page.model.rows) if r.applicant_name == "周九")
    page.select_rows([row])
    settle(qtbot)
    assert set(page.panel.buttons) == {"confirm", "cancel", "reassign"}
    qtbot.mouseClick(page.panel.buttons["confirm"], Qt.MouseButton.LeftButton)
    from intake_desk.ui.widgets.referral_timeline import NoteDialog

    qtbot.waitUntil(lambda: page.panel.findChild(NoteDialog) is not None)
    note = page.panel.findChild(NoteDialog)
    assert note is not None and note.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    note.accept()
    settle(qtbot)
    assert services.referrals.get(supervisor, queue["周九"]).status is S.PENDING
    assert page.panel.detail is not None and "send" in page.panel.buttons
