"""The window on a shared PostgreSQL database whose network cable is pulled and plugged back in:
the status bar says so, what the clerk typed stays, and the desk carries on when the server is back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from intake_desk.domain.enums import Role
from intake_desk.domain.resident_id import make_resident_id
from intake_desk.services.clock import FixedClock
from intake_desk.services.context import Services
from intake_desk.store.db import Database
from tests.conftest import TEST_NOW, add_user, make_services, setup_hall
from tests.gui.conftest import keys
from tests.integration.test_connection_loss import CablePuller

pytestmark = pytest.mark.pg
HEAD_ID = make_resident_id("430202", date(1968, 1, 30), 51)


@pytest.fixture
def cable(pg_url: str) -> Iterator[CablePuller]:
    url = make_url(pg_url)
    relay = CablePuller(url.host or "127.0.0.1", url.port or 5432)
    yield relay
    relay.close()


def test_status_bar_follows_a_pulled_cable(qtbot: QtBot, pg_db: Database, pg_url: str, clock: FixedClock,
                                           cable: CablePuller, make_window, screens: Path) -> None:
    setup_hall(make_services(pg_db, clock))
    add_user(make_services(pg_db, clock), "clerk1", Role.CLERK, "王丽")
    relayed = Database(make_url(pg_url).set(port=cable.port))
    services = Services(relayed, FixedClock(TEST_NOW))
    try:
        clerk = services.accounts.authenticate("clerk1", "clerk1-pass-1")
        window = make_window(services, clerk)
        qtbot.waitUntil(lambda: window.database_reachable is True, timeout=10_000)
        page = window.page("intake")
        search = page.applicant.ui.searchEdit
        search.setFocus()
        keys(qtbot, HEAD_ID)

        cable.pull()
        with qtbot.waitSignal(window.database_reachable_changed, timeout=15_000) as changed:
            window.check_database()
        assert changed.args == [False]
        assert window.connection_label.text() == "● 数据库无法连接"
        assert window.connection_label.property("role") == "error"
        assert search.text() == HEAD_ID, "what was typed stays on the form"
        window.grab().save(str(screens / "90_offline.png"))

        cable.plug()
        with qtbot.waitSignal(window.database_reachable_changed, timeout=15_000) as back:
            window.check_database()
        assert back.args == [True]
        assert window.connection_label.text() == "● 数据库已连接"
        assert search.text() == HEAD_ID
        assert services.applications.count(clerk) == 0  # and the database answers the desk again
    finally:
        relayed.dispose()
