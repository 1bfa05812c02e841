"""Two desks, one referral: the second save is refused in a dialog naming who saved first; reload on request."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from intake_desk.domain.enums import ReferralStatus
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.errors import ConflictError
from intake_desk.ui.dialogs.conflict import ConflictDialog, offer_reload
from intake_desk.ui.widgets.referral_timeline import ReferralPanel
from tests.conftest import TEST_NOW
from tests.gui.conftest import settle
from tests.referral_data import ensure_departments, make_application, make_referral


def _open_dialog() -> ConflictDialog | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, ConflictDialog) and w.isVisible()), None)


def test_a_stale_step_is_refused_naming_who_and_reloads_on_request(qtbot: QtBot, app, services: Services,  # type: ignore[no-untyped-def]
                                                                   clerk: Actor, supervisor: Actor,
                                                                   screens: Path) -> None:
    ensure_departments(services)
    earlier = TEST_NOW - timedelta(days=1)
    application = make_application(services, clerk, "张三", received=earlier)
    referral = make_referral(services, clerk, application, "medical", ReferralStatus.PENDING,
                             due_date=date(2026, 12, 4), at=earlier)
    panel = ReferralPanel(services, clerk)
    panel.resize(520, 640)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_referral(referral)
    qtbot.waitUntil(lambda: panel.detail is not None and "send" in panel.buttons)
    assert panel.detail is not None and panel.detail.status is ReferralStatus.PENDING

    # Meanwhile the supervisor, at another desk, sends it.
    services.referrals.send(supervisor, referral, "已电话通知医保局")
    qtbot.mouseClick(panel.buttons["send"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _open_dialog() is not None, timeout=5_000)
    dialog = _open_dialog()
    assert dialog is not None
    title = dialog.findChild(QLabel, "conflictTitle")
    assert title is not None and title.text() == "李强 刚刚修改了这条记录"
    assert dialog.error.changed_by == "李强" and "李强" in dialog.findChild(QLabel, "conflictMessage").text()
    assert panel.detail.status is ReferralStatus.PENDING, "nothing reloaded until asked"
    assert dialog.reload_button.text() == "重新载入"
    dialog.grab().save(str(screens / "70_conflict_dialog.png"))

    qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.status is ReferralStatus.SENT)
    assert "send" not in panel.buttons
    settle(qtbot)


def test_the_dialog_keeps_what_was_typed_and_can_be_declined(qtbot: QtBot, app) -> None:  # type: ignore[no-untyped-def]
    error = ConflictError("转介 HT01-20261120-0001-MEDICAL 已被李强于 11-20 10:00 修改（现为“已发送”），请刷新后重试 / "
                          "Referral HT01-20261120-0001-MEDICAL was changed by 李强 at 11-20 10:00; reload it and "
                          "try again", changed_by="李强", current_version=3)
    reloaded: list[bool] = []
    dialog = offer_reload(None, error, lambda: reloaded.append(True), typed="申请人补充了住院证明")
    qtbot.waitExposed(dialog)
    assert dialog.typed is not None and dialog.typed.toPlainText() == "申请人补充了住院证明"
    assert dialog.typed.isReadOnly()
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert reloaded == []
