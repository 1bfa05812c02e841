"""Losing the database mid-session: the server drops the program's connections, or the network cable is
pulled. The next call either just works (the pool checks connections first) or says in one sentence
that the database cannot be reached – nothing half-written – and works again once it is back."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.engine import make_url

from intake_desk.domain.enums import Role
from intake_desk.services import audit
from intake_desk.services.clock import FixedClock
from intake_desk.services.context import Services
from intake_desk.services.errors import DatabaseUnavailable
from intake_desk.store.db import Database
from intake_desk.store.models import Application
from tests.conftest import PG_URL, add_user, make_services, setup_hall
from tests.intake_data import single_form

pytestmark = pytest.mark.pg


def terminate_connections(database: str) -> int:
    """What a restarting server (or an administrator) does to every session of the program."""
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            return len(connection.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": database}).all())
    finally:
        admin.dispose()


def _applications(db: Database) -> list[str]:
    with db.reading() as session:
        return list(session.scalars(select(Application.number).order_by(Application.number)))


@pytest.fixture
def desk(pg_db: Database, clock: FixedClock) -> tuple[Services, Any]:
    services = make_services(pg_db, clock)
    setup_hall(services)
    return services, add_user(services, "clerk1", Role.CLERK, "王丽")


def test_connections_dropped_between_calls(desk: tuple[Services, Any]) -> None:
    services, clerk = desk
    assert services.intake.submit(clerk, single_form(1)).number.endswith("-0001")
    assert terminate_connections(services.db.url.database or "") >= 1
    # The pool checks each connection before use and replaces the dead ones: no error at all.
    assert services.applications.count(clerk) == 1
    assert services.intake.submit(clerk, single_form(2)).number.endswith("-0002")
    assert audit.verify(services.db).ok


def test_connection_dropped_in_the_middle_of_a_submit(desk: tuple[Services, Any]) -> None:
    services, clerk = desk
    services.intake.submit(clerk, single_form(1))
    engine = services.db.engine
    fired: list[bool] = []

    def kill_me(connection: Any, cursor: Any, statement: str, *args: Any) -> None:
        # Just as the receipt number is taken, the server goes away under this very connection.
        if "counters" in statement and not fired:
            fired.append(True)
            pid = connection.connection.dbapi_connection.info.backend_pid
            admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
            with admin.connect() as other:
                other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            admin.dispose()

    event.listen(engine, "before_cursor_execute", kill_me)
    try:
        form = single_form(2, name="孙八")
        with pytest.raises(DatabaseUnavailable) as lost:
            services.intake.submit(clerk, form)
    finally:
        event.remove(engine, "before_cursor_execute", kill_me)
    assert fired
    message = lost.value.args[0]
    assert " / " in message and "\n" not in message and "kept" in message
    assert _applications(services.db) == ["HT01-20261120-0001"]  # nothing half-written
    # The clerk presses submit again with the same form: it goes through, and the number is the next one.
    assert services.intake.submit(clerk, form).number == "HT01-20261120-0002"
    assert audit.verify(services.db).ok


class CablePuller:
    """A TCP relay between the program and the server whose cable can be pulled and plugged back."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.plugged = True
        self.listener.listen(32)
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.plugged:
                client.close()  # nothing answers on the other side of a pulled cable
                continue
            server = socket.create_connection(self.target)
            with self.lock:
                self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, target):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def pull(self) -> None:
        self.plugged = False
        with self.lock:
            for s in self.sockets:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()
            self.sockets.clear()

    def plug(self) -> None:
        self.plugged = True

    def close(self) -> None:
        self.pull()
        self.listener.close()


@pytest.fixture
def cable(pg_url: str) -> Iterator[CablePuller]:
    url = make_url(pg_url)
    relay = CablePuller(url.host or "127.0.0.1", url.port or 5432)
    yield relay
    relay.close()


def test_network_cable_pulled_and_plugged_back(pg_db: Database, pg_url: str, clock: FixedClock,
                                               cable: CablePuller) -> None:
    setup = make_services(pg_db, clock)
    setup_hall(setup)
    add_user(setup, "clerk1", Role.CLERK, "王丽")
    relayed = Database(make_url(pg_url).set(port=cable.port))
    services = Services(relayed, FixedClock(clock.now()))
    try:
        clerk = services.accounts.authenticate("clerk1", "clerk1-pass-1")
        assert services.intake.submit(clerk, single_form(1)).number.endswith("-0001")
        form = single_form(2, name="周九")
        draft = {"form": "typed before the cable was pulled", "name": "周九"}
        services.drafts.save(clerk, "intake", "", draft)

        cable.pull()
        started = time.perf_counter()
        with pytest.raises(DatabaseUnavailable):
            services.intake.submit(clerk, form)
        assert time.perf_counter() - started < 15  # says so within seconds, never hangs
        assert not relayed.ping()
        with pytest.raises(DatabaseUnavailable):
            services.drafts.load(clerk, "intake", "")

        cable.plug()
        # What the status bar does: ping every few seconds until the database answers.
        deadline = time.monotonic() + 30
        while not relayed.ping():
            assert time.monotonic() < deadline, "the database did not come back"
            time.sleep(0.2)
        assert services.drafts.load(clerk, "intake", "") == draft
        assert services.intake.submit(clerk, form).number.endswith("-0002")
        with relayed.reading() as session:
            assert session.scalar(select(func.count()).select_from(Application)) == 2
        assert audit.verify(relayed).ok
    finally:
        relayed.dispose()
