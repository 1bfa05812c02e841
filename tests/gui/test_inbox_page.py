"""部门收件 (department inbox): a referral received, worked and completed by the department's officer."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from intake_desk.domain.enums import ReferralStatus
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.store.models import AuditEvent
from intake_desk.ui.pages.inbox_page import InboxPage
from intake_desk.ui.widgets.referral_timeline import NoteDialog
from tests.conftest import TEST_NOW
from tests.gui.conftest import settle, type_text
from tests.referral_data import ensure_departments, make_application, make_referral, officer

S = ReferralStatus
EARLIER = TEST_NOW - timedelta(days=3)


@pytest.fixture
def medical(services: Services, admin: Actor) -> Actor:
    ensure_departments(services)
    return officer(services, "yibao1", "medical", "赵医保")


@pytest.fixture
def sent(services: Services, clerk: Actor, supervisor: Actor, medical: Actor) -> dict[str, int]:
    ids = {}
    for name, department, due in (("张三", "medical", date(2026, 11, 19)), ("李四", "medical", date(2026, 11, 27)),
                                  ("王五", "housing", date(2026, 11, 24)), ("赵六", "medical", date(2026, 11, 24))):
        application = make_application(services, clerk, name, received=EARLIER)
        ids[name] = make_referral(services, supervisor, application, department, S.SENT, due_date=due, at=EARLIER,
                                  creator=clerk)
    return ids


def _note_dialog(qtbot: QtBot, page: InboxPage) -> NoteDialog:
    qtbot.waitUntil(lambda: page.panel.findChild(NoteDialog) is not None)
    dialog = page.panel.findChild(NoteDialog)
    assert dialog is not None
    return dialog


def test_receive_work_and_complete(qtbot: QtBot, services: Services, medical: Actor, sent: dict[str, int],
                                   make_window, screens: Path) -> None:
    window = make_window(services, medical)
    page = window.show_page("inbox")
    assert isinstance(page, InboxPage)
    settle(qtbot)
    # Only the medical department's referrals, most urgent (overdue) first.
    assert [r.applicant_name for r in page.model.rows] == ["张三", "赵六", "李四"]
    assert page.model.rows[0].overdue
    assert page.tabs.tabText(0) == "待接收（3）"
    assert page.summary_label.text().startswith("医疗保障局：1 条转介已逾期")
    # On sign-in the window says it too, for the officer's department only.
    assert window.banner.kind == "warning"
    assert window.banner.text() == ("医疗保障局：1 条转介已逾期，1 条将在 2 个工作日内到期；"
                                    "督办：即将到期 1 项，已催办 1 项，已督办 0 项")
    page.select_row(0)
    settle(qtbot)
    panel = page.panel
    assert panel.detail is not None and panel.detail.applicant_name == "张三"
    masked = panel.id_number.text()
    assert masked.count("*") == 8
    window.grab().save(str(screens / "41_inbox_received.png"))

    # Reveal the ID number: shown in full and written to the audit trail.
    qtbot.mouseClick(panel.reveal_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert "*" not in panel.id_number.text() and panel.id_number.text()[-4:] == masked[-4:]
    with services.db.reading() as session:
        reveals = session.scalars(select(AuditEvent).where(AuditEvent.action == "person.reveal_id")).all()
        assert [(e.actor_name, e.entity_id) for e in reveals] == [("赵医保", panel.detail.number)]

    assert set(panel.buttons) == {"receive"}
    qtbot.mouseClick(panel.buttons["receive"], Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert services.referrals.get(medical, sent["张三"]).status is S.RECEIVED
    assert set(panel.buttons) == {"start", "decline", "return"}
    assert page.tabs.tabText(0) == "待接收（2）" and page.tabs.tabText(1) == "办理中（1）"

    qtbot.mouseClick(panel.buttons["start"], Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert set(panel.buttons) == {"complete", "decline", "return"}

    # Completing asks for the outcome; OK stays disabled until it is typed.
    qtbot.mouseClick(panel.buttons["complete"], Qt.MouseButton.LeftButton)
    dialog = _note_dialog(qtbot, page)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.note.setFocus()
    type_text("已纳入医疗救助，住院自付部分救助比例 70%", dialog.note)
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    settle(qtbot)
    done = services.referrals.get(medical, sent["张三"])
    assert done.status is S.COMPLETED and done.outcome == "已纳入医疗救助，住院自付部分救助比例 70%"
    assert panel.buttons == {}
    lines = panel.timeline.text_lines()
    assert any("办结" in line for line in lines) and any("住院自付部分救助比例 70%" in line for line in lines)
    assert [e.actor_name for e in done.events[-3:]] == ["赵医保"] * 3
    page.show_tab("finished")
    settle(qtbot)
    assert [r.applicant_name for r in page.model.rows] == ["张三"]
    page.select_row(0)
    settle(qtbot)
    window.grab().save(str(screens / "42_inbox_completed.png"))


def test_return_and_decline_need_a_note(qtbot: QtBot, services: Services, medical: Actor, sent: dict[str, int],
                                        make_window) -> None:
    window = make_window(services, medical)
    page = window.show_page("inbox")
    assert isinstance(page, InboxPage)
    settle(qtbot)
    for name in ("李四", "赵六"):
        services.referrals.receive(medical, sent[name])
    page.show_tab("working")
    settle(qtbot)
    assert [r.applicant_name for r in page.model.rows] == ["赵六", "李四"]
    page.select_row(0)
    settle(qtbot)
    qtbot.mouseClick(page.panel.buttons["return"], Qt.MouseButton.LeftButton)
    dialog = _note_dialog(qtbot, page)
    assert dialog.required and not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    type_text("请补充近三个月的诊断证明", dialog.note)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    settle(qtbot)
    returned = services.referrals.get(medical, sent["赵六"])
    assert returned.status is S.RETURNED and returned.outcome == "请补充近三个月的诊断证明"

    row = next(i for i, r in enumerate(page.model.rows) if r.applicant_name == "李四")
    page.select_row(row)
    settle(qtbot)
    qtbot.mouseClick(page.panel.buttons["decline"], Qt.MouseButton.LeftButton)
    dialog = _note_dialog(qtbot, page)
    dialog.reject()  # cancelled: nothing happens
    settle(qtbot)
    assert services.referrals.get(medical, sent["李四"]).status is S.RECEIVED


def test_an_officer_sees_only_their_department(qtbot: QtBot, services: Services, medical: Actor,
                                               sent: dict[str, int], make_window) -> None:
    housing = officer(services, "zhujian1", "housing", "钱住建")
    window = make_window(services, housing)
    assert [spec.key for spec in window.specs][0] == "inbox"
    assert "referrals" not in [spec.key for spec in window.specs]
    page = window.show_page("inbox")
    assert isinstance(page, InboxPage)
    settle(qtbot)
    assert [r.applicant_name for r in page.model.rows] == ["王五"]
    page.search.setText("zs")  # 张三 is medical's
    page.apply_filters()
    assert page.model.rows == []
