"""NUL and lone surrogates at every door – searches, get, export filters, user names, draft keys,
print numbers – are one bilingual sentence on SQLite and PostgreSQL, never a driver error."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from intake_desk.domain.enums import DocumentKind, Role
from intake_desk.services.context import Services
from intake_desk.services.errors import ServiceError
from intake_desk.services.export import ApplicationFilter
from intake_desk.services.queues import QueueSort, ReferralFilter
from intake_desk.services.text_guard import unstorable_text
from intake_desk.store.models import AuditEvent, Draft, User
from tests.conftest import add_user, make_services, setup_hall

BAD = ["张\x00三", "a\ud800b", "\udcff"]  # NUL; a lone surrogate; what invalid UTF-8 becomes in argv


@pytest.fixture(params=["sqlite", "postgresql"])
def desk(request: pytest.FixtureRequest, clock: Any) -> Iterator[Services]:
    database = request.getfixturevalue("db" if request.param == "sqlite" else "pg_db")
    services = make_services(database, clock)
    setup_hall(services)
    add_user(services, "clerk1", Role.CLERK, "王丽")
    add_user(services, "super1", Role.SUPERVISOR, "李强")
    yield services


def calls(services: Services, tmp_path: Path) -> dict[str, Callable[[str], Any]]:
    clerk = services.accounts.authenticate("clerk1", "clerk1-pass-1")
    supervisor = services.accounts.authenticate("super1", "super1-pass-1")
    admin = services.accounts.authenticate("admin", "admin-pass-1")
    return {
        "application search": lambda t: services.applications.search(clerk, t),
        "application count": lambda t: services.applications.count(clerk, t),
        "get": lambda t: services.applications.get(clerk, t),
        "person search": lambda t: services.intake.search_persons(clerk, t),
        "queue search": lambda t: services.queues.page(supervisor, ReferralFilter(text=t), QueueSort.DUE),
        "queue filter": lambda t: services.queues.page(supervisor, ReferralFilter(clerk_usernames=(t,))),
        "export text": lambda t: services.exports.applications(supervisor, ApplicationFilter(text=t),
                                                              tmp_path / "a.csv"),
        "export clerk": lambda t: services.exports.referrals(supervisor, ReferralFilter(hall_codes=(t,)),
                                                            tmp_path / "r.xlsx"),
        "sign in": lambda t: services.accounts.authenticate(t, "whatever-pass"),
        "add user": lambda t: services.accounts.add_user(admin, t, "某人", Role.CLERK, "long-enough-1",
                                                         hall_code="HT01"),
        "user display name": lambda t: services.accounts.add_user(admin, "newclerk", t, Role.CLERK,
                                                                  "long-enough-1", hall_code="HT01"),
        "draft key": lambda t: services.drafts.save(clerk, "intake", t, {"a": 1}),
        "draft load": lambda t: services.drafts.load(clerk, "intake", t),
        "print number": lambda t: services.printing.render(clerk, t, DocumentKind.RECEIPT),
    }


DOORS = ["application search", "application count", "get", "person search", "queue search", "queue filter",
         "export text", "export clerk", "sign in", "add user", "user display name", "draft key", "draft load",
         "print number"]


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("text", BAD, ids=["nul", "surrogate", "invalid-utf8"])
def test_every_door_refuses_in_one_sentence(desk: Services, tmp_path: Path, door: str, text: str) -> None:
    call = calls(desk, tmp_path)[door]
    with desk.db.reading() as session:
        before = (session.scalar(select(func.count()).select_from(AuditEvent)),
                  session.scalar(select(func.count()).select_from(User)),
                  session.scalar(select(func.count()).select_from(Draft)))
    with pytest.raises(ServiceError) as info:
        call(text)
    message = info.value.message
    assert " / " in message and "\n" not in message and len(message) < 300, message
    with desk.db.reading() as session:
        after = (session.scalar(select(func.count()).select_from(AuditEvent)),
                 session.scalar(select(func.count()).select_from(User)),
                 session.scalar(select(func.count()).select_from(Draft)))
    assert after == before, "nothing written"
    assert list(tmp_path.glob("*.csv")) == [] and list(tmp_path.glob("*.xlsx")) == []
    # The door still works with ordinary text afterwards (the connection was not broken).
    desk.applications.search(desk.accounts.authenticate("clerk1", "clerk1-pass-1"), "张")


def test_what_counts_as_unstorable() -> None:
    assert all(unstorable_text(t) for t in BAD)
    assert not any(unstorable_text(t) for t in ["", "张三", "𠮷", "😀", "a\tb\n", "\ufffd", "'; DROP TABLE x"])


def test_a_draft_keeps_a_pasted_surrogate_exactly(desk: Services) -> None:
    """Drafts escape such text before it is stored, so the guard never refuses a clerk's typing."""
    clerk = desk.accounts.authenticate("clerk1", "clerk1-pass-1")
    desk.drafts.save(clerk, "intake", "", {"name": "a\ud800b\x00c"})
    assert desk.drafts.load(clerk, "intake", "") == {"name": "a\ud800b\x00c"}
