"""One time zone for every time shown: the hall's (Asia/Shanghai, UTC+8), whatever zone the machine is set to.

The process's zone is switched (``TZ`` and ``time.tzset()``) to one eight and thirteen hours away from the hall's;
then the autosave time, the receipt time (printed), the application's times, the referral timeline and the audit
trail are compared with the stored UTC moments moved by a fixed +8 hours – computed here without the program's
own conversion."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from intake_desk.domain.enums import DocumentKind, Role
from intake_desk.services.context import Services
from intake_desk.services.demo import seed_demo
from intake_desk.ui.dialogs.audit_trail import AuditTrailModel
from intake_desk.ui.pages.intake.page import IntakePage
from intake_desk.ui.widgets.referral_timeline import ReferralTimeline
from tests.gui.conftest import settle
from tests.gui.test_intake_errors import filled_state
from tests.printed_text import read

HALL = timezone(timedelta(hours=8))


@pytest.fixture(params=["UTC", "America/New_York"])
def machine_zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    assert time.localtime().tm_gmtoff != 8 * 3600, "the machine's zone differs from the hall's"
    yield request.param
    monkeypatch.undo()
    time.tzset()


def _hall(moment: datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
    assert moment.tzinfo is not None, "stored times come back as UTC moments"
    return moment.astimezone(HALL).strftime(fmt)


def test_every_time_is_the_halls(qtbot: QtBot, services: Services, make_window, machine_zone: str) -> None:
    summary = seed_demo(services, households=8)
    logins = {a.username: services.accounts.authenticate(a.username, a.password) for a in summary.accounts
              if a.role in (Role.CLERK, Role.SUPERVISOR)}
    supervisor, clerk = logins["supervisor"], logins["clerk"]
    window = make_window(services, supervisor)

    # 申请: the received time of the selected application
    page = window.show_page("applications")
    settle(qtbot)
    qtbot.waitUntil(lambda: page.detail is not None)
    settle(qtbot)
    detail = services.applications.get(supervisor, page.detail.number)
    assert f"{_hall(detail.received_at)}" in page.ui.detail.toPlainText()

    # the receipt prints the same received time
    receipt = read(services.printing.render(supervisor, detail.number, DocumentKind.RECEIPT).pdf).text()
    assert _hall(detail.received_at, "%Y年%m月%d日%H:%M") in receipt.replace("\n", "").replace(" ", "")

    # 转介: every step of the selected referral's timeline
    page = window.show_page("referrals")
    settle(qtbot)
    view = page.findChild(QTableView, "referralTable")
    timeline = page.findChild(ReferralTimeline)
    assert view is not None and timeline is not None
    if not timeline.events:
        view.selectionModel().setCurrentIndex(view.model().index(0, 0),
                                              QItemSelectionModel.SelectionFlag.ClearAndSelect
                                              | QItemSelectionModel.SelectionFlag.Rows)
        qtbot.waitUntil(lambda: bool(timeline.events))
    lines = timeline.text_lines()
    stamps = [line[:16] for line in lines if re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d", line)]
    assert stamps == [_hall(event.at) for event in timeline.events] and stamps

    # 审计记录: the trail of the application
    trail = services.audit.application_trail(supervisor, detail.number)
    assert trail
    assert [AuditTrailModel.text(entry, 0) for entry in trail] == [_hall(e.at, "%Y-%m-%d %H:%M:%S") for e in trail]

    # 受理: the autosave time of a draft
    window.close()
    intake = make_window(services, clerk).page("intake")
    assert isinstance(intake, IntakePage)
    intake._load_state(filled_state())
    intake._changed()
    settle(qtbot)
    qtbot.waitUntil(lambda: bool(re.search(r"\d\d:\d\d:\d\d", intake.ui.draftStatus.text())))
    shown = re.search(r"(\d\d):(\d\d):(\d\d)", intake.ui.draftStatus.text())
    assert shown is not None
    now = datetime.now(UTC).astimezone(HALL)
    stamp = now.replace(hour=int(shown[1]), minute=int(shown[2]), second=int(shown[3]))
    assert abs((now - stamp).total_seconds()) < 120, f"{intake.ui.draftStatus.text()} at {now:%H:%M:%S} in the hall"
