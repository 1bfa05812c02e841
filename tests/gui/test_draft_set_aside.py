"""A draft with wrong types (a damaged or hand-edited file) is set aside – renamed or moved, kept –
with one sentence, and a clean form opens; it never half-loads."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from intake_desk.domain.enums import Role
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.ui.pages.intake.autosave import local_draft_path
from intake_desk.ui.pages.intake.page import IntakePage
from intake_desk.ui.pages.intake.state import DraftUnreadable, IntakeState
from tests.conftest import add_user
from tests.gui.conftest import settle


@pytest.fixture
def clerk(services: Services, admin: Actor) -> Actor:
    return add_user(services, "clerk1", Role.CLERK, "王丽")


def damaged(**wrong: Any) -> dict[str, Any]:
    payload = IntakeState(search_text="430202", phone="13907312222", address="月塘街道").to_payload()
    payload.update(wrong, saved_at=time.time())
    return payload


WRONG = [
    {"step": "abc"},
    {"members": [{"name": 42, "resident_id": "430202196801300511"}]},
    {"members": "张三"},
    {"signed": "yes"},
    {"incomes": [{"amount": 1800, "kind": "wages"}]},
    {"requested_types": [None]},
    {"step": 99},
]


@pytest.mark.parametrize("wrong", WRONG, ids=[next(iter(w)) + str(i) for i, w in enumerate(WRONG)])
def test_the_state_refuses_wrong_types(wrong: dict[str, Any]) -> None:
    with pytest.raises(DraftUnreadable):
        IntakeState.from_payload(damaged(**wrong))


def open_page(make_window, services: Services, actor: Actor, qtbot: QtBot) -> tuple[Any, IntakePage]:  # type: ignore[no-untyped-def]
    window = make_window(services, actor)
    page = window.page("intake")
    assert isinstance(page, IntakePage)
    qtbot.waitUntil(lambda: page.loaded)
    settle(qtbot)
    return window, page


def test_a_damaged_local_draft_is_renamed_and_a_clean_form_opens(qtbot: QtBot, services: Services, clerk: Actor,
                                                                  make_window, screens: Path) -> None:
    path = local_draft_path(clerk)
    path.parent.mkdir(parents=True, exist_ok=True)
    original = json.dumps(damaged(step="abc", members=[{"name": 42}]), ensure_ascii=False)
    path.write_text(original, encoding="utf-8")
    window, page = open_page(make_window, services, clerk, qtbot)
    assert page.state == IntakeState() and page.current_step() == 0, "nothing half-loaded"
    assert page.ui.banner.kind == "warning"
    text = page.ui.banner.text()
    assert "damaged" in text and "已损坏" in text and "clean form" in text
    kept = list(path.parent.glob(f"{path.stem}.unreadable-*.json"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == original, "kept exactly"
    assert kept[0].name in text, "the sentence names the kept file"
    window.grab().save(str(screens / "36_draft_set_aside.png"))
    # The next start is clean too, without another warning.
    window.close()
    window2, page2 = open_page(make_window, services, clerk, qtbot)
    assert page2.state == IntakeState() and page2.ui.banner.kind != "warning"


def test_a_damaged_database_draft_is_moved_to_another_key(qtbot: QtBot, services: Services, clerk: Actor,
                                                          make_window) -> None:
    bad = damaged(signed="yes")
    services.drafts.save(clerk, "intake", "", bad)
    window, page = open_page(make_window, services, clerk, qtbot)
    assert page.state == IntakeState()
    assert "damaged" in page.ui.banner.text()
    assert services.drafts.load(clerk, "intake", "") is None
    keys = [d.key for d in services.drafts.list(clerk, "intake")]
    assert len([k for k in keys if k.startswith("unreadable-")]) == 1
    kept = next(k for k in keys if k.startswith("unreadable-"))
    assert services.drafts.load(clerk, "intake", kept) == bad


def test_a_good_draft_still_comes_back(qtbot: QtBot, services: Services, clerk: Actor, make_window) -> None:
    good = IntakeState(search_text="430202", phone="13907312222", address="月塘街道", step=1).to_payload()
    good["saved_at"] = time.time()
    services.drafts.save(clerk, "intake", "", good)
    window, page = open_page(make_window, services, clerk, qtbot)
    assert page.state.address == "月塘街道" and page.ui.banner.kind != "warning"
