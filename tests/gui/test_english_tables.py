"""English mode: the referral queue's headers and time-left texts, the inbox tabs and the holiday
table's headers are English (they were Chinese: the strings were not marked for translation)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from intake_desk.domain.enums import Role
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.queues import QueueRow
from intake_desk.ui import i18n
from intake_desk.ui.models.referral_table import COLUMNS, ReferralTableModel, _due_text
from intake_desk.ui.pages.calendar_page import OverrideTableModel
from intake_desk.ui.pages.inbox_page import InboxPage
from tests.conftest import add_user

HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")


def _headers(model: object, count: int) -> list[str]:
    return [model.headerData(i, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)  # type: ignore[attr-defined]
            for i in range(count)]


def test_tables_and_tabs_in_english(qtbot: QtBot, services: Services, supervisor: Actor, app: QApplication) -> None:
    officer = add_user(services, "edu1", Role.DEPARTMENT, "陈老师", department_code="education")
    chinese_referrals = _headers(ReferralTableModel(services, supervisor), len(COLUMNS))
    assert chinese_referrals[0] == "转介编号"
    i18n.save_language("en")
    try:
        assert i18n.install(app) == "en"
        referrals = _headers(ReferralTableModel(services, supervisor), len(COLUMNS))
        holidays = _headers(OverrideTableModel(), len(OverrideTableModel.HEADERS))
        inbox = InboxPage(services, officer)
        qtbot.addWidget(inbox)
        tabs = [inbox.tabs.tabText(i) for i in range(inbox.tabs.count())]
        row = QueueRow.__new__(QueueRow)
        object.__setattr__(row, "overdue", False)
        object.__setattr__(row, "due_in_working_days", 7)
        left = _due_text(row)
        for text in [*referrals, *holidays, *tabs, left]:
            assert text and not HAN.search(text), text
        assert referrals[0] == "Referral no." and holidays[0] == "Date" and left == "7 working days left"
    finally:
        i18n.save_language("zh")
        i18n.install(app)
    assert i18n.language() == "zh"
