"""Every page of every role in English: no Han character in the window's own texts – labels, buttons,
tooltips, group titles, tabs, drop-down items and table headers. Data stays as entered (names of
people and halls) and is listed here with why; the policy pack's names (departments, procedure steps) come
in the pack's English."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from intake_desk.domain.enums import Role
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.ui import i18n
from tests.conftest import add_user
from tests.gui.conftest import settle

HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")
DATA = {
    "hallStatus", "hallValue", "hallFilter",  # the hall's name as set up
    "userStatus", "userValue", "clerkFilter", "officerFilter",  # people's names
    "languageCombo",  # “中文（简体）”: a language is offered in its own name
}


def _texts(root: QWidget) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.objectName() in DATA:
            continue
        name = f"{type(widget).__name__}:{widget.objectName()}"
        if isinstance(widget, QLabel):
            out.append((name, widget.text()))
        elif isinstance(widget, QAbstractButton):
            out += [(name, widget.text()), (name + " tooltip", widget.toolTip())]
        elif isinstance(widget, QGroupBox):
            out.append((name, widget.title()))
        elif isinstance(widget, QTabBar):
            out += [(name, widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, QComboBox):
            out += [(name, widget.itemText(i)) for i in range(widget.count())]
        header = getattr(widget, "horizontalHeader", None)
        if isinstance(widget, QAbstractItemView) and widget.model() is not None and header is not None:
            model = widget.model()
            out += [(name + " header", str(model.headerData(i, Qt.Orientation.Horizontal) or ""))
                    for i in range(header().count())]
    return out


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.CLERK, Role.DEPARTMENT, Role.ADMIN])
def test_every_page_in_english(qtbot: QtBot, services: Services, admin: Actor, make_window, app: QApplication,
                               role: Role) -> None:
    actor = admin if role is Role.ADMIN else add_user(
        services, f"user_{role.value}", role, "陈老师", department_code="education" if role is Role.DEPARTMENT else None)
    i18n.save_language("en")
    try:
        assert i18n.install(app) == "en"
        window = make_window(services, actor)
        # Names as entered are data wherever they appear (e.g. “陈老师” in the status bar).
        data = sorted({h.name for h in services.organisation.halls()}
                      | {u.display_name for u in services.accounts.list_users(admin)}, key=len, reverse=True)
        found: list[str] = []
        for spec in window.specs:
            window.show_page(spec.key)
            settle(qtbot)
            for where, text in _texts(window):
                for name in data:
                    text = text.replace(name, "")
                han = set(HAN.findall(text))
                if han:
                    found.append(f"{spec.key} {where}: {text[:60]!r}")
        assert sorted(set(found)) == [], "\n".join(sorted(set(found)))
    finally:
        i18n.save_language("zh")
        i18n.install(app)
