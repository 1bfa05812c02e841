"""A supervisor opens the audit trail of one application from the applications page."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from intake_desk.domain.enums import ApplicationStatus
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.intake import referral_choice
from intake_desk.ui.dialogs.audit_trail import (
    AuditTrailDialog,
    AuditTrailModel,
    action_label,
    describe_detail,
)
from tests.gui.conftest import settle
from tests.intake_data import zhuzhou_form


def _submit(services: Services, clerk: Actor) -> str:
    form = zhuzhou_form()
    preview = services.intake.preview(clerk, form)
    form = replace(form, referrals=tuple(referral_choice(p, consent_given=True) for p in preview.referrals))
    return services.intake.submit(clerk, form).number


def test_supervisor_reads_the_trail_of_one_application(qtbot: QtBot, services: Services, clerk: Actor,
                                                       supervisor: Actor, make_window, screens: Path,
                                                       qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    number = _submit(services, clerk)
    detail = services.applications.get(supervisor, number, reveal=True)
    services.applications.update_status(supervisor, number, ApplicationStatus.UNDER_REVIEW,
                                        expected_version=detail.version, note="材料齐全")
    window = make_window(services, supervisor)
    page = window.show_page("applications")
    settle(qtbot)
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.number == number)
    assert page.audit_button is not None and page.audit_button.isEnabled()
    qtbot.mouseClick(page.audit_button, Qt.MouseButton.LeftButton)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, AuditTrailDialog))
    qtbot.waitUntil(lambda: dialog.loaded)
    model = dialog.model
    qtmodeltester.check(model)
    rows = [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert rows[0][1:3] == ["王丽", "受理提交"]
    assert ["李强", "查看完整身份证号码"] in [r[1:3] for r in rows]
    last = rows[-1]
    assert last[1:3] == ["李强", "状态改为“审核中”"] and "已受理 → 审核中" in last[4] and "材料齐全" in last[4]
    assert any(r[2] == "创建转介" and r[3].startswith(f"转介 {number}-") for r in rows), rows
    assert dialog.status.text() == f"共 {len(rows)} 条"
    dialog.grab().save(str(screens / "71_audit_trail.png"))
    dialog.close()


def test_a_clerk_has_no_trail_button(qtbot: QtBot, services: Services, clerk: Actor, make_window) -> None:
    _submit(services, clerk)
    window = make_window(services, clerk)
    page = window.show_page("applications")
    settle(qtbot)
    assert page.audit_button is None


def test_words_for_actions_and_changes() -> None:
    assert action_label("referral.send") == "发送"
    assert action_label("application.withdrawn") == "状态改为“已撤回”"
    assert action_label("something.new") == "something.new"
    assert describe_detail({"value": ["10", "3"]}) == "value: 10 → 3"
    assert describe_detail({"note": "", "rows": 3}) == "note: —; rows: 3"
    # A status is named by the kind of record it belongs to (“received” is 已受理 for an application, the
    # department's 部门已接收 for a referral).
    assert describe_detail({"status": ["sent", "received"]}, "referral") == "status: 已发送 → 部门已接收"
    assert describe_detail({"status": ["received", "under_review"]}, "application") == "status: 已受理 → 审核中"
    assert AuditTrailModel().rowCount() == 0
