"""The intake page opens the window's server connection ahead of the clerk's submit (issue 12): when the
clerk begins an intake and at the review step while the server has room – and not at all while the server
is more than half full, where every piece of work lets go of its connection at once."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from intake_desk.domain.enums import Role
from intake_desk.services.clock import FixedClock
from intake_desk.services.context import Services
from intake_desk.store import pool as pool_module
from intake_desk.store.db import Database
from tests.conftest import TEST_NOW, add_user, make_services, setup_hall
from tests.gui.conftest import settle

pytestmark = pytest.mark.pg


def test_the_intake_page_opens_the_connection_ahead_of_the_submit(qtbot: QtBot, pg_db: Database, pg_url: str,
                                                                  clock: FixedClock, make_window,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    setup_hall(make_services(pg_db, clock))
    add_user(make_services(pg_db, clock), "clerk1", Role.CLERK, "王丽")
    db = Database(pg_url, idle_seconds=60)
    services = Services(db, FixedClock(TEST_NOW))
    try:
        clerk = services.accounts.authenticate("clerk1", "clerk1-pass-1")
        window = make_window(services, clerk)
        page = window.page("intake")
        settle(qtbot)

        # The server has room: the page shown (the clerk begins an intake) opens the connection.
        db.engine.pool.dispose()  # as after the idle release
        assert db.held_connections() == 0
        asked = page.warmer.requests
        page.warmer._last[False] = float("-inf")  # the last request was long ago
        page.page_shown()
        settle(qtbot)
        assert page.warmer.requests == asked + 1
        assert db.held_connections() == 1

        # The review step while the server has room: the connection is open for the submit.
        page.go_to(page.steps.index(page.review))
        settle(qtbot)
        assert db.held_connections() == 1

        # More than half full (the status bar's check says so): neither a step of the form nor the review
        # step opens anything ahead (the draft saved on the way lets go at once).
        page.go_to(0)
        settle(qtbot)
        monkeypatch.setattr(pool_module, "SERVER_BUSY_SHARE", 0.0)
        db.engine.pool.load_noted_at = float("-inf")  # type: ignore[attr-defined]  # a minute on: asked again
        assert db.reachability() == "ok"
        assert db.engine.pool.server_busy is True  # type: ignore[attr-defined]
        db.engine.pool.dispose()
        page.warmer._last[False] = float("-inf")
        page.go_to(1)
        settle(qtbot)
        assert db.held_connections() == 0
        asked = page.warmer.requests
        page.warmer._last[True] = float("-inf")
        page.go_to(page.steps.index(page.review))
        settle(qtbot)
        assert page.warmer.requests == asked + 1  # the page asked …
        assert db.held_connections() == 0  # … and the store opened nothing
    finally:
        db.dispose()
