"""Finding 4: a disabled account kept working in a window already open (revealed full IDs, exported).

Now the next service call of the open window is refused with one sentence, the window returns to the
sign-in, and what the clerk typed stays in the draft on this computer.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from intake_desk.domain.enums import Role
from intake_desk.services.context import Services
from intake_desk.ui.pages.intake.autosave import local_draft_path
from tests.conftest import add_user, setup_hall
from tests.gui.conftest import press, settle
from tests.gui.test_intake_errors import CTRL, K, filled_state, open_intake


def test_a_disabled_account_returns_the_window_to_sign_in_and_keeps_the_draft(
        qtbot: QtBot, services: Services, make_window, screens: Path) -> None:
    setup_hall(services)
    admin = services.accounts.authenticate("admin", "admin-pass-1")
    clerk = add_user(services, "clerk1", Role.CLERK, "王丽")
    window, page = open_intake(make_window, services, clerk)
    page._load_state(filled_state())
    page._changed()
    settle(qtbot)
    typed = page.state.to_payload()
    signed_out: list[bool] = []
    window.sign_out_requested.connect(lambda: signed_out.append(True))

    services.accounts.set_active(admin, "clerk1", False)  # at another desk, while this window is open
    press(qtbot, K.Key_Return, CTRL)  # submit: the next service call
    qtbot.waitUntil(lambda: window.revoked_message is not None, timeout=15_000)
    box = window.findChild(QMessageBox, "signInRevokedBox")
    assert box is not None and box.isVisible()
    assert "停用" in box.text() and "\n" not in box.text()
    box.grab().save(str(screens / "95_sign_in_revoked.png"))
    assert page.submitted_number is None
    assert page.state.to_payload() == typed

    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: bool(signed_out), timeout=10_000)
    settle(qtbot)
    saved = json.loads(local_draft_path(clerk).read_text(encoding="utf-8"))
    assert saved["members"] == typed["members"], "what was typed is kept in the draft on this computer"
