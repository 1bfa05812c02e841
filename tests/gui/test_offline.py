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
        # On a shared server the status bar asks every 30 s (its timer's check stands on the window's own
        # recent work: tests/integration/test_connection_lifecycle.py), and says so.
        assert window._ping_timer.interval() == 30_000 and window._ping_timer.isActive()
        assert window.connection_label.toolTip().startswith("每 30 秒检查一次")
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


def test_a_full_server_is_named_and_nothing_typed_is_lost(qtbot: QtBot, pg_db: Database, pg_url: str,
                                                          clock: FixedClock, make_window, screens: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The desk's login may open no more connections (as when the server has no free slot): submitting
    says so in one sentence, keeps the form and the local draft, and goes through once a slot frees up."""
    import uuid

    import psycopg

    from intake_desk.store import pool as pool_module
    from intake_desk.ui.pages.intake.autosave import local_draft_path
    from tests.gui.conftest import press, settle
    from tests.gui.test_intake_errors import CTRL, K, filled_state, open_intake

    monkeypatch.setattr(pool_module, "FULL_SERVER_WAITS", (0.05, 0.1))
    setup_hall(make_services(pg_db, clock))
    add_user(make_services(pg_db, clock), "clerk1", Role.CLERK, "王丽")
    admin_dsn = make_url(pg_url).set(drivername="postgresql").render_as_string(hide_password=False)
    login = f"intake_desk_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_dsn, autocommit=True) as admin:
        admin.execute(f'CREATE ROLE "{login}" LOGIN')
        admin.execute(f'GRANT ALL ON ALL TABLES IN SCHEMA public TO "{login}"')
        admin.execute(f'GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "{login}"')
    desk = Database(make_url(pg_url).set(username=login), idle_seconds=0.3)
    services = Services(desk, FixedClock(TEST_NOW))
    try:
        clerk = services.accounts.authenticate("clerk1", "clerk1-pass-1")
        window, page = open_intake(make_window, services, clerk)
        page._load_state(filled_state())
        page._changed()
        settle(qtbot)
        typed = page.state.to_payload()
        qtbot.waitUntil(lambda: desk.held_connections() == 0, timeout=10_000)  # idle: nothing held
        stored = services.drafts.load(clerk, "intake", "")
        saved_before = stored["saved_at"] if stored else 0.0
        qtbot.waitUntil(lambda: desk.held_connections() == 0, timeout=10_000)

        with psycopg.connect(admin_dsn, autocommit=True) as admin:
            admin.execute(f'ALTER ROLE "{login}" CONNECTION LIMIT 0')  # no free connection for this desk
        press(qtbot, K.Key_Return, CTRL)
        qtbot.waitUntil(lambda: "服务器连接已满" in page.ui.banner.text(), timeout=20_000)
        banner = page.ui.banner.text()
        assert "保留" in banner and "网络" not in banner and "network" not in banner
        assert page.submitted_number is None
        assert page.state.to_payload() == typed, "nothing typed is lost"
        assert local_draft_path(clerk).exists()
        # The draft line and the status bar name the full server, never "cannot be reached".
        qtbot.waitUntil(lambda: "服务器连接已满" in page.ui.draftStatus.text(), timeout=20_000)
        assert "无法连接" not in page.ui.draftStatus.text() and "重试" in page.ui.draftStatus.text()
        window.check_database()
        qtbot.waitUntil(lambda: window.connection_label.text() == "● 服务器连接已满", timeout=20_000)
        assert window.connection_label.property("role") == "warning"
        window.grab().save(str(screens / "91_server_full.png"))

        with psycopg.connect(admin_dsn, autocommit=True) as admin:
            admin.execute(f'ALTER ROLE "{login}" CONNECTION LIMIT -1')  # a slot frees up
        # The draft is retried on its own: the database copy arrives without the clerk doing anything.
        qtbot.waitUntil(lambda: "草稿已自动保存" in page.ui.draftStatus.text(), timeout=30_000)
        retried = services.drafts.load(clerk, "intake", "")
        assert retried is not None and retried["saved_at"] > saved_before
        window.check_database()
        qtbot.waitUntil(lambda: window.connection_label.text() == "● 数据库已连接", timeout=20_000)
        press(qtbot, K.Key_Return, CTRL)
        qtbot.waitUntil(lambda: page.submitted_number is not None, timeout=20_000)
        detail = services.applications.get(clerk, page.submitted_number)
        assert [m.name for m in detail.members] == ["𠮷国强", "阿依古丽·买买提"]
    finally:
        desk.dispose()
        with psycopg.connect(admin_dsn, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (login,))
            admin.execute(f'DROP OWNED BY "{login}"')
            admin.execute(f'DROP ROLE IF EXISTS "{login}"')
