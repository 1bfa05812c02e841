"""Many desks on one PostgreSQL database: 16 processes submitting at once, and two windows editing
the same record (the second save is refused, naming who saved first – never a silent overwrite)."""

from __future__ import annotations

import multiprocessing
import threading
import time
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from intake_desk.domain.enums import ApplicationStatus, ReferralStatus, Role
from intake_desk.services import audit
from intake_desk.services.actor import Actor
from intake_desk.services.clock import FixedClock
from intake_desk.services.context import Services
from intake_desk.services.errors import ConflictError
from intake_desk.services.intake import ReferralChoice
from intake_desk.store.db import Database
from intake_desk.store.models import Application, AuditEvent, Person, Referral
from tests.conftest import TEST_NOW, add_user, make_services, setup_hall
from tests.intake_data import rid, single_form

pytestmark = pytest.mark.pg

DESKS = 16
PER_DESK = 12


def desk_form(desk: int, k: int) -> Any:
    """A one-person household unique to (desk, k), referred to the medical security bureau."""
    number = rid(k + 1, born=date(1950 + desk, 1 + k % 12, 1 + k % 28))
    return replace(single_form(0, name="钱七"), members=(replace(single_form(0).members[0], resident_id=number),),
                   referrals=(ReferralChoice("medical", "慢性病，自付医疗费用高", consent_given=True,
                                             added_by_clerk=True),))


def _desk(url: str, desk: int, count: int, ready: Any, start: Any, results: Any) -> None:
    """One desk in its own process: sign in, say it is ready, wait for the others, submit ``count`` intakes."""
    db = Database(url)
    services = Services(db, FixedClock(TEST_NOW))
    try:
        clerk = services.accounts.authenticate(f"desk{desk:02d}", f"desk{desk:02d}-pass-1")
        # What a window has done before its first submit: policy pack, pinyin tables, a preview.
        services.intake.preview(clerk, desk_form(desk, 0))
        ready.put(desk)
        start.wait(timeout=300)
        began = time.perf_counter()
        done = []
        for k in range(count):
            result = services.intake.submit(clerk, desk_form(desk, k))
            done.append((result.number, [r.number for r in result.referrals]))
        results.put((desk, done, began, time.perf_counter(), None))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent
        results.put((desk, [], 0.0, 0.0, f"{type(exc).__name__}: {exc}"))
    finally:
        db.dispose()


@pytest.mark.slow
def test_sixteen_desks_submit_at_once(pg_db: Database, pg_url: str, clock: FixedClock,
                                      record_property: Any) -> None:
    services = make_services(pg_db, clock)
    setup_hall(services)
    for desk in range(DESKS):
        add_user(services, f"desk{desk:02d}", Role.CLERK, f"窗口{desk + 1}")
    context = multiprocessing.get_context("spawn")
    ready, start, results = context.Queue(), context.Event(), context.Queue()
    processes = [context.Process(target=_desk, args=(pg_url, desk, PER_DESK, ready, start, results))
                 for desk in range(DESKS)]
    for process in processes:
        process.start()
    for _ in processes:
        ready.get(timeout=300)
    start.set()
    outcomes = [results.get(timeout=300) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    errors = [(desk, error) for desk, _, _, _, error in outcomes if error]
    assert errors == []

    total = DESKS * PER_DESK
    numbers = sorted(number for _, done, _, _, _ in outcomes for number, _ in done)
    assert numbers == [f"HT01-20261120-{i:04d}" for i in range(1, total + 1)]  # each once, none skipped
    elapsed = max(o[3] for o in outcomes) - min(o[2] for o in outcomes)
    record_property("intakes_per_second", round(total / elapsed, 1))
    print(f"\n{DESKS} desks × {PER_DESK} intakes on PostgreSQL: {total / elapsed:.0f} intakes/s")

    with pg_db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Application)) == total
        assert session.scalar(select(func.count(func.distinct(Person.resident_id)))) == total
        assert session.scalar(select(func.count()).select_from(Person)) == total
        referral_rows = session.execute(select(Referral.number, Referral.status, Application.number)
                                        .join(Application, Referral.application_id == Application.id)).all()
        submits = session.scalar(select(func.count()).select_from(AuditEvent)
                                 .where(AuditEvent.action == "application.submit"))
    assert len(referral_rows) == total, referral_rows[:3]
    assert all(number.startswith(f"{application}-") and status == ReferralStatus.PENDING.value
               for number, status, application in referral_rows), referral_rows[:3]
    reported = {r for _, done, _, _, _ in outcomes for _, referrals in done for r in referrals}
    assert reported == {number for number, _, _ in referral_rows}
    assert submits == total
    verified = audit.verify(pg_db)
    assert verified.ok, verified.problem


# -- two windows, one record ----------------------------------------------------------------------

@pytest.fixture
def two_windows(pg_db: Database, pg_url: str, clock: FixedClock) -> Any:
    """Two desks with their own connection pools on the same database, and one application."""
    first = make_services(pg_db, clock)
    setup_hall(first)
    wang = add_user(first, "clerk1", Role.CLERK, "王丽")
    li = add_user(first, "super1", Role.SUPERVISOR, "李强")
    second_db = Database(pg_url)
    second = Services(second_db, FixedClock(TEST_NOW))
    number = first.intake.submit(wang, desk_form(0, 0)).number
    yield first, wang, second, li, number
    second_db.dispose()


def test_second_save_of_an_application_is_refused_naming_who(two_windows: Any) -> None:
    first, wang, second, li, number = two_windows
    seen_by_wang = first.applications.get(wang, number)
    seen_by_li = second.applications.get(li, number)
    assert seen_by_wang.version == seen_by_li.version
    first.applications.update_status(wang, number, ApplicationStatus.UNDER_REVIEW,
                                     expected_version=seen_by_wang.version)
    with pytest.raises(ConflictError) as refused:
        second.applications.update_status(li, number, ApplicationStatus.REJECTED,
                                          expected_version=seen_by_li.version)
    assert refused.value.changed_by == "王丽" and "王丽" in refused.value.message
    assert refused.value.current_version == seen_by_li.version + 1
    # Reload, then the same change goes through.
    reloaded = second.applications.get(li, number)
    assert reloaded.status is ApplicationStatus.UNDER_REVIEW
    second.applications.update_status(li, number, ApplicationStatus.REJECTED, expected_version=reloaded.version)
    assert first.applications.get(wang, number).status is ApplicationStatus.REJECTED
    assert audit.verify(first.db).ok


def test_second_save_of_a_referral_is_refused_naming_who(two_windows: Any) -> None:
    first, wang, second, li, number = two_windows
    referral = first.applications.get(wang, number).referrals[0]
    seen_by_wang = first.referrals.get(wang, referral.id)
    seen_by_li = second.referrals.get(li, referral.id)
    first.referrals.send(wang, referral.id, expected_version=seen_by_wang.version)
    with pytest.raises(ConflictError) as refused:
        second.referrals.cancel(li, referral.id, "重复转介", expected_version=seen_by_li.version)
    assert refused.value.changed_by == "王丽" and "王丽" in refused.value.message
    assert second.referrals.get(li, referral.id).status is ReferralStatus.SENT


@pytest.mark.parametrize("record", ["application", "referral"])
def test_two_windows_saving_at_the_same_instant(two_windows: Any, record: str) -> None:
    """Both read the same version and save at once: exactly one wins, the other is told who."""
    first, wang, second, li, number = two_windows
    referral_id = first.applications.get(wang, number).referrals[0].id
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def save(name: str, services: Services, actor: Actor) -> None:
        try:
            if record == "application":
                version = services.applications.get(actor, number).version
                barrier.wait()
                services.applications.update_status(actor, number, ApplicationStatus.UNDER_REVIEW,
                                                    expected_version=version, note=f"{name} 签阅")
            else:
                version = services.referrals.get(actor, referral_id).version
                barrier.wait()
                services.referrals.send(actor, referral_id, f"{name} 发出", expected_version=version)
            outcomes[name] = "saved"
        except ConflictError as exc:
            outcomes[name] = exc

    threads = [threading.Thread(target=save, args=("王丽", first, wang)),
               threading.Thread(target=save, args=("李强", second, li))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    winners = [name for name, outcome in outcomes.items() if outcome == "saved"]
    losers = [outcome for outcome in outcomes.values() if isinstance(outcome, ConflictError)]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    assert losers[0].changed_by == winners[0]
    if record == "application":
        notes = first.applications.get(wang, number).notes
        assert f"{winners[0]} 签阅" in notes and notes.count("签阅") == 1  # the loser wrote nothing
    assert audit.verify(first.db).ok
