"""Issue 10, finding 2: every tampering an insider with the database login tried is caught by
``audit verify`` – the entity digests name the row, checkpoints catch a rewritten or cut trail – on
SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from intake_desk.domain.enums import Role
from intake_desk.services import audit
from intake_desk.services.actor import Actor
from intake_desk.services.audit_verify import read_checkpoint, write_checkpoint
from intake_desk.services.clock import FixedClock
from intake_desk.services.context import Services
from intake_desk.services.intake import ReferralChoice
from intake_desk.store.db import Database
from tests.conftest import add_user, make_services, setup_hall
from tests.intake_data import rid, single_form, zhuzhou_form
from tests.tampering import as_attacker, recompute_chain


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def database(request: pytest.FixtureRequest) -> Iterator[Database]:
    yield request.getfixturevalue("db" if request.param == "sqlite" else "pg_db")


@pytest.fixture
def desk(database: Database, clock: FixedClock) -> tuple[Services, Actor, list[str]]:
    """A hall with a clerk and three applications (one a family with an income and a referral)."""
    services = make_services(database, clock)
    setup_hall(services)
    clerk = add_user(services, "clerk1", Role.CLERK, "王丽")
    family = zhuzhou_form(referrals=(ReferralChoice("medical", "慢性病，自付医疗费用高", consent_given=True,
                                                    added_by_clerk=True),))
    numbers = [services.intake.submit(clerk, family).number]
    numbers += [services.intake.submit(clerk, single_form(n, name="钱七")).number for n in (1, 2)]
    return services, clerk, numbers


def _sentences(result: audit.VerifyResult) -> list[str]:
    return [f.sentence for f in result.findings]


def test_untouched_database_verifies(desk: tuple[Services, Actor, list[str]]) -> None:
    services, _clerk, _numbers = desk
    result = audit.verify(services.db)
    assert result.ok, (result.problem, _sentences(result))
    assert result.entities_checked >= 3 + 1 + 2 and result.unattested == 0


@pytest.mark.parametrize(("statement", "what"), [
    ("UPDATE application_members SET name = '赵六' WHERE position = 1 AND application_id = "
     "(SELECT id FROM applications WHERE number = :n)", "member"),
    ("UPDATE application_incomes SET amount_fen = 100 WHERE application_id = "
     "(SELECT id FROM applications WHERE number = :n)", "income"),
    ("UPDATE applications SET status = 'approved' WHERE number = :n", "status"),
])
def test_a_direct_update_names_the_application(desk: tuple[Services, Actor, list[str]], statement: str,
                                               what: str) -> None:
    services, _clerk, numbers = desk
    with services.db.engine.begin() as connection:
        changed = connection.execute(text(statement), {"n": numbers[0]}).rowcount
    assert changed >= 1, what
    result = audit.verify(services.db)
    assert result.chain_ok and not result.ok
    assert [(f.entity, f.entity_id, f.change) for f in result.findings] == [("application", numbers[0], "changed")]
    assert f"application {numbers[0]} was changed outside the program" in _sentences(result)[0]


def test_a_deleted_referral_with_its_events_is_named(desk: tuple[Services, Actor, list[str]]) -> None:
    services, _clerk, numbers = desk
    with services.db.engine.begin() as connection:
        referral = connection.execute(text("SELECT number FROM referrals")).scalar_one()
        connection.execute(text("DELETE FROM referral_events"))
        connection.execute(text("DELETE FROM referrals WHERE number = :n"), {"n": referral})
    result = audit.verify(services.db)
    assert [(f.entity, f.entity_id, f.change) for f in result.findings] == [("referral", referral, "removed")]


def test_a_row_inserted_outside_the_program_is_named(desk: tuple[Services, Actor, list[str]]) -> None:
    services, _clerk, _numbers = desk
    with services.db.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO users (username, display_name, role, password_hash, active, failed_logins, "
            "must_change_password, created_at, version) VALUES ('mallory', 'M', 'admin', 'x', :t, 0, :f, "
            "CURRENT_TIMESTAMP, 1)"), {"t": True, "f": False})
    result = audit.verify(services.db)
    assert [(f.entity, f.entity_id, f.change) for f in result.findings] == [("user", "mallory", "added")]


def test_events_altered_and_the_chain_recomputed_fail_the_checkpoint(
        desk: tuple[Services, Actor, list[str]], tmp_path: Path) -> None:
    services, _clerk, numbers = desk
    checkpoint = write_checkpoint(services.db, tmp_path / "cp.json")
    with as_attacker(services.db) as connection:
        connection.execute(text("UPDATE audit_events SET actor_name = '别人' WHERE entity_id = :n"), {"n": numbers[0]})
        connection.execute(text("DELETE FROM audit_events WHERE entity_id = :n"), {"n": numbers[1]})
        recompute_chain(connection)
    assert audit.verify(services.db, digests=False).ok  # the chain alone is fooled …
    result = audit.verify(services.db, checkpoints=[read_checkpoint(Path(checkpoint.source))])
    assert result.chain_ok and not result.ok  # … the checkpoint is not
    assert len(result.checkpoint_problems) == 1 and "recomputed" in result.checkpoint_problems[0]
    # and the application whose events went is named by its digest: it has no event now
    assert ("application", numbers[1], "added") in [(f.entity, f.entity_id, f.change) for f in result.findings]


def test_the_newest_events_removed_and_the_head_repointed(desk: tuple[Services, Actor, list[str]],
                                                          tmp_path: Path) -> None:
    services, clerk, numbers = desk
    for n in range(3, 23):  # 20 more events
        services.intake.submit(clerk, single_form(n, name="孙八"))
    checkpoint = write_checkpoint(services.db, tmp_path / "cp.json")
    with as_attacker(services.db) as connection:
        newest = connection.execute(text("SELECT max(id) FROM audit_events")).scalar_one()
        submitted = {row[0] for row in connection.execute(text(
            "SELECT entity_id FROM audit_events WHERE id > :k AND action = 'application.submit'"), {"k": newest - 20})}
        connection.execute(text("DELETE FROM audit_events WHERE id > :k"), {"k": newest - 20})
        kept = connection.execute(text("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1")).one()
        connection.execute(text("UPDATE audit_head SET last_event_id = :i, last_hash = :h"),
                           {"i": kept.id, "h": kept.hash})
    assert audit.verify(services.db, digests=False).ok  # what today's verify saw: "intact"
    result = audit.verify(services.db, checkpoints=[checkpoint])
    assert not result.ok
    assert "cut" in result.checkpoint_problems[0]
    added = {f.entity_id for f in result.findings if f.change == "added" and f.entity == "application"}
    assert added == submitted and len(added) >= 5  # every application whose submit event went is named


def test_the_head_row_deleted_is_found(desk: tuple[Services, Actor, list[str]]) -> None:
    services, _clerk, _numbers = desk
    with as_attacker(services.db) as connection:
        connection.execute(text("DELETE FROM audit_head"))
    result = audit.verify(services.db, digests=False)
    assert not result.ok and "head" in result.problem


def test_an_emptied_trail_is_tampering(desk: tuple[Services, Actor, list[str]], tmp_path: Path) -> None:
    services, _clerk, _numbers = desk
    checkpoint = write_checkpoint(services.db, tmp_path / "cp.json")
    with as_attacker(services.db) as connection:
        connection.execute(text("DELETE FROM audit_events"))
        connection.execute(text("DELETE FROM audit_head"))
    result = audit.verify(services.db, digests=False)
    assert not result.ok and result.checked == 0 and "emptied" in result.problem
    with as_attacker(services.db) as connection:  # and the applications too: only the checkpoint knows
        for table in ("referral_events", "referrals", "post_checks", "printed_documents", "declarations",
                      "assessments", "materials", "requested_items", "application_incomes", "application_assets",
                      "application_expenses", "application_deductions", "application_members", "applications"):
            connection.execute(text(f"DELETE FROM {table}"))
    assert audit.verify(services.db, digests=False).ok
    result = audit.verify(services.db, checkpoints=[checkpoint])
    assert not result.ok and "emptied" in result.checkpoint_problems[0]


def test_the_trigger_refuses_update_delete_and_truncate_to_everyone(database: Database, clock: FixedClock) -> None:
    services = make_services(database, clock)
    setup_hall(services)
    statements = ["UPDATE audit_events SET actor_name = 'x'", "DELETE FROM audit_events"]
    if not database.is_sqlite:
        statements.append("TRUNCATE audit_events")
    for statement in statements:
        with pytest.raises(Exception, match="append-only"), database.engine.begin() as connection:
            connection.execute(text(statement))
    assert audit.verify(database).ok


def test_a_checkpoint_file_is_owner_only_and_verify_reads_a_folder(desk: tuple[Services, Actor, list[str]],
                                                                   tmp_path: Path) -> None:
    services, clerk, _numbers = desk
    folder = tmp_path / "checkpoints"
    first = write_checkpoint(services.db, folder / "a.json")
    assert (Path(first.source).stat().st_mode & 0o777) == 0o600
    services.intake.submit(clerk, replace(single_form(40), members=(replace(single_form(40).members[0],
                                                                            resident_id=rid(41)),)))
    second = write_checkpoint(services.db, folder / "b.json")
    assert second.events > first.events
    from intake_desk.services.audit_verify import checkpoint_files, database_identity

    found, problems = checkpoint_files([folder], database_identity(services.db))
    assert len(found) == 2 and not problems
    assert audit.verify(services.db, checkpoints=found).ok


@pytest.mark.pg
def test_verify_while_desks_write_raises_no_false_alarm(pg_db: Database, clock: FixedClock) -> None:
    """Finding 7: today's verify read the head after walking the chain, outside one snapshot, and said
    "newest events removed" 8 times in 10 while desks wrote. Two desks submit all the time here."""
    import threading

    services = make_services(pg_db, clock)
    setup_hall(services)
    clerks = [add_user(services, f"clerk{k}", Role.CLERK, "王丽") for k in (1, 2)]
    for n in range(30):  # a trail long enough that a walk takes a while
        services.intake.submit(clerks[0], single_form(n, name="钱七"))
    stop = threading.Event()
    written = [0, 0]
    errors: list[BaseException] = []

    def desk(k: int) -> None:
        own = make_services(Database(pg_db.url), clock)
        n = 0
        try:
            while not stop.is_set():
                n += 1
                member = replace(single_form(0).members[0],
                                 resident_id=rid(n, born=date(1950 + k, 1 + n // 998 % 12, 1)))
                own.intake.submit(clerks[k], replace(single_form(0, name="孙八"), members=(member,)))
                written[k] += 1
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            own.db.dispose()

    threads = [threading.Thread(target=desk, args=(k,)) for k in (0, 1)]
    for thread in threads:
        thread.start()
    results = []
    try:
        while len(results) < 10:
            before = sum(written)
            result = audit.verify(pg_db)
            if sum(written) > before:  # only runs that overlapped a write count
                results.append(result)
    finally:
        stop.set()
        for thread in threads:
            thread.join(60)
    assert not errors, errors
    problems = [(r.problem, [f.sentence for f in r.findings]) for r in results if not r.ok]
    assert problems == []
    assert audit.verify(pg_db).ok


def test_the_command_line_checkpoint_and_verify(tmp_path: Path) -> None:
    from tests.integration.test_cli import run

    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    assert run("setup", "--hall-code", "HT01", "--hall-name", "月塘", "--admin", "admin", "--database", url,
               home=tmp_path, stdin="admin-pass-1\nadmin-pass-1\n").returncode == 0
    first = tmp_path / "outside" / "cp-1.json"
    made = run("audit", "checkpoint", "-o", str(first), "--database", url, home=tmp_path)
    assert made.returncode == 0, made.stderr
    assert (first.stat().st_mode & 0o777) == 0o600 and "Checkpoint written" in made.stdout
    good = run("audit", "verify", "--checkpoint", str(first.parent), "--database", url, home=tmp_path)
    assert good.returncode == 0 and "extends 1 checkpoint" in good.stdout, good.stderr
    db = Database(url)
    with as_attacker(db) as connection:  # the newest event cut, the head re-pointed
        connection.execute(text("DELETE FROM audit_events WHERE id = (SELECT max(id) FROM audit_events)"))
        kept = connection.execute(text("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1")).one()
        connection.execute(text("UPDATE audit_head SET last_event_id = :i, last_hash = :h"),
                           {"i": kept.id, "h": kept.hash})
    db.dispose()
    quick = run("audit", "verify", "--quick", "--database", url, home=tmp_path)
    assert quick.returncode == 0 and "hash chain only" in quick.stdout
    bad = run("audit", "verify", "--checkpoint", str(first), "--database", url, home=tmp_path)
    assert bad.returncode == 1 and "no longer holds event" in bad.stderr and "Traceback" not in bad.stderr
    unreadable = tmp_path / "notes.json"
    unreadable.write_text("{}", encoding="utf-8")
    refused = run("audit", "verify", "--checkpoint", str(unreadable), "--database", url, home=tmp_path)
    assert refused.returncode == 2 and "not an audit checkpoint" in refused.stderr


def test_rows_from_before_digests_are_attested_by_an_administrator(tmp_path: Path) -> None:
    """An upgraded database: its events carry no digests, so its rows are counted as not attested
    (not as tampering) until an administrator runs ``audit attest``; from then on they are checked."""
    from tests.integration.test_cli import run

    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    assert run("setup", "--hall-code", "HT01", "--hall-name", "月塘", "--admin", "admin", "--database", url,
               home=tmp_path, stdin="admin-pass-1\nadmin-pass-1\n").returncode == 0
    db = Database(url)
    services = make_services(db, FixedClock(datetime(2026, 11, 20, 10, 0, tzinfo=UTC)))
    clerk = add_user(services, "clerk1", Role.CLERK, "王丽")
    number = services.intake.submit(clerk, zhuzhou_form()).number
    with as_attacker(db) as connection:  # what an older program left: events without digests
        connection.execute(text("UPDATE audit_events SET state_digest = NULL"))
        recompute_chain(connection)
    before = audit.verify(db)
    assert before.ok and before.unattested >= 3
    refused = run("audit", "attest", "--user", "clerk1", "--database", url, home=tmp_path, stdin="clerk1-pass-1\n")
    assert refused.returncode == 2 and "administrator" in refused.stderr
    done = run("audit", "attest", "--user", "admin", "--database", url, home=tmp_path, stdin="admin-pass-1\n")
    assert done.returncode == 0, done.stderr
    after = audit.verify(db)
    assert after.ok and after.unattested == 0 and after.entities_checked == before.unattested
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE application_members SET name = '赵六' WHERE position = 1"))
    assert [(f.entity_id, f.change) for f in audit.verify(db).findings] == [(number, "changed")]
    again = run("audit", "attest", "--user", "admin", "--database", url, home=tmp_path, stdin="admin-pass-1\n")
    assert again.returncode == 2 and "does not verify" in again.stderr  # attesting never hides tampering
    db.dispose()
