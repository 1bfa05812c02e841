"""Submitting one intake (4 members, 8 income rows, declaration, 3 referrals, audit) on SQLite.

Budget 15 ms (DESIGN.md). The floor is the same rows written with raw ``sqlite3`` in one
``BEGIN IMMEDIATE … COMMIT`` on the same file and pragmas (WAL, synchronous=FULL): persons,
household, receipt counter, application, members, incomes, requested item, materials, declaration,
assessment, referrals and their first events, post-checks and audit events with the chain head.
"""

from __future__ import annotations

import hashlib
import itertools
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import text

from intake_desk.domain.enums import (
    ApplicationStatus,
    AssistanceType,
    Employment,
    Health,
    HukouType,
    IncomeCategory,
    Relation,
    Role,
    SchoolingStage,
)
from intake_desk.domain.resident_id import make_resident_id
from intake_desk.services.actor import SYSTEM, Actor
from intake_desk.services.clock import LOCAL_ZONE, FixedClock
from intake_desk.services.context import Services
from intake_desk.services.intake import (
    DeclarationInput,
    IncomeInput,
    IntakeForm,
    MaterialInput,
    MemberInput,
    ReferralChoice,
)
from intake_desk.store.db import Database
from intake_desk.store.migrate import upgrade
from tests.benchmarks.harness import Figure, median_ms

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=LOCAL_ZONE)
REPEAT = 101


def _forms() -> Iterator[IntakeForm]:
    """A new household every time (no person is registered twice)."""
    for n in itertools.count(1):
        born = date(1960, 1, 1).toordinal() + n

        def rid(k: int, years: int, born: int = born) -> str:
            return make_resident_id("430202", date.fromordinal(born + years * 365), 100 + k)

        members = (
            MemberInput(rid(1, 20), "张建国", Relation.SELF, employment=Employment.EMPLOYED),
            MemberInput(rid(2, 22), "李秀英", Relation.SPOUSE, employment=Employment.UNEMPLOYED),
            MemberInput(rid(3, 45), "张小明", Relation.CHILD, employment=Employment.STUDENT,
                        schooling=SchoolingStage.JUNIOR),
            MemberInput(rid(4, 0), "王桂兰", Relation.PARENT, health=Health.CHRONIC),
        )
        incomes = tuple(IncomeInput(k % 2, IncomeCategory.WAGES if k % 2 == 0 else IncomeCategory.TRANSFER,
                                    (150 + k) * 100 * 3, months=3) for k in range(8))
        yield IntakeForm(
            members=members, hukou_type=HukouType.URBAN, address="荷塘区月塘街道 12 栋", phone="13812345678",
            incomes=incomes, requested_types=(AssistanceType.DIBAO,),
            materials=(MaterialInput(AssistanceType.DIBAO, "identity", "户口簿、居民身份证", True),),
            declaration=DeclarationInput("张建国"),
            referrals=(
                ReferralChoice("education", "在校学生", ("张小明 初中",), ("张小明",), "student_in_need", True),
                ReferralChoice("medical", "慢性病", ("王桂兰 慢性病",), ("王桂兰",), "medical_need", True),
                ReferralChoice("employment", "失业", ("李秀英 失业",), ("李秀英",), "jobless_able_worker", True),
            ),
        )


def _service_figure(folder: Path) -> tuple[float, dict[str, int]]:
    db = Database(f"sqlite:///{folder / 'intake.sqlite3'}")
    upgrade(db, backup_dir=folder)
    services = Services(db, FixedClock(NOW))
    services.accounts.first_run_setup("HT01", "荷塘区月塘街道便民服务中心", "admin", "管理员", "admin-pass-1")
    services.organisation.sync_departments_from_pack()
    services.accounts.add_user(SYSTEM, "clerk1", "王丽", Role.CLERK, "clerk1-pass-1", hall_code="HT01")
    clerk = services.accounts.authenticate("clerk1", "clerk1-pass-1")
    forms = _forms()
    first = services.intake.submit(clerk, next(forms))
    rows = _rows_written(db, first.application_id)

    def submit() -> None:
        services.intake.submit(clerk, next(forms))

    ours = median_ms(submit, repeat=REPEAT, warmup=5)
    db.dispose()
    return ours, rows


def _rows_written(db: Database, application_id: int) -> dict[str, int]:
    """How many rows one submit wrote to each table (the floor writes the same)."""
    counts: dict[str, int] = {}
    with db.engine.connect() as connection:
        raw = connection.exec_driver_sql
        for table in ("application_members", "application_incomes", "requested_items", "materials",
                      "declarations", "assessments", "referrals", "post_checks"):
            counts[table] = int(raw(f"SELECT count(*) FROM {table} WHERE application_id = {application_id}").scalar()
                                or 0)
        counts["referral_events"] = int(raw(
            "SELECT count(*) FROM referral_events WHERE referral_id IN "
            f"(SELECT id FROM referrals WHERE application_id = {application_id})").scalar() or 0)
        counts["audit_events"] = int(raw("SELECT count(*) FROM audit_events WHERE action IN "
                                         "('application.submit', 'referral.create')").scalar() or 0)
    return counts


def _floor_figure(folder: Path, rows: dict[str, int]) -> float:
    """The same rows with raw sqlite3: one transaction, plain INSERTs, no ORM, no rules."""
    db = Database(f"sqlite:///{folder / 'floor.sqlite3'}")
    upgrade(db, backup_dir=folder)
    db.dispose()
    con = sqlite3.connect(folder / "floor.sqlite3", isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("INSERT INTO halls (code, name, phone, address, complaint_channel, created_at) "
                "VALUES ('HT01', '大厅', '', '', '', '2026-11-20 02:00:00')")
    con.execute("INSERT INTO users (username, display_name, role, hall_id, password_hash, active, failed_logins, "
                "must_change_password, created_at, version) VALUES ('c', '王丽', 'clerk', 1, 'x', 1, 0, 0, "
                "'2026-11-20 02:00:00', 1)")
    for code in ("education", "medical", "employment"):
        con.execute("INSERT INTO departments (code, name, contact, phone, requires_consent, active) "
                    "VALUES (?, ?, '', '', 0, 1)", (code, code))
    con.execute("INSERT INTO audit_head (id, last_event_id, last_hash) VALUES (1, 0, ?)", ("0" * 64,))
    at = "2026-11-20 02:00:00.000000"
    counter = itertools.count(1)

    def one() -> None:
        n = next(counter)
        c = con.cursor()
        c.execute("BEGIN IMMEDIATE")
        c.execute("INSERT INTO households (hall_id, head_person_id, address, hukou_type, created_at, updated_at) "
                  "VALUES (1, NULL, '荷塘区', 'urban', ?, ?)", (at, at))
        household = c.lastrowid
        persons = []
        for k in range(rows["application_members"]):
            c.execute("INSERT INTO persons (resident_id, name, name_initials, sex, birth_date, phone, household_id, "
                      "created_at, updated_at) VALUES (?, '张建国', 'zjg', 'male', '1980-01-01', '', ?, ?, ?)",
                      (f"{n:014d}{k:04d}", household, at, at))
            persons.append(c.lastrowid)
        c.execute("UPDATE households SET head_person_id = ? WHERE id = ?", (persons[0], household))
        value = c.execute("INSERT INTO counters (scope, day, value) VALUES ('receipt:HT01', '2026-11-20', 1) "
                          "ON CONFLICT (scope, day) DO UPDATE SET value = value + 1 RETURNING value").fetchone()[0]
        number = f"HT01-20261120-{value:04d}"
        c.execute(
            "INSERT INTO applications (number, hall_id, household_id, applicant_id, applicant_name, "
            "applicant_initials, status, channel, fast_track, hukou_type, housing, address, phone, "
            "special_circumstances, special_note, no_able_supporter, category, household_size, received_at, "
            "received_on, received_by_id, due_date, calendar_fallback, notes, version, updated_at, updated_by_id) "
            "VALUES (?, 1, ?, ?, '张建国', 'zjg', 'received', 'window', 1, 'urban', 'adequate', '荷塘区', "
            "'13812345678', '[]', '', 0, 'dibao', 4, ?, '2026-11-20', 1, '2026-12-04', 0, '', 1, ?, 1)",
            (number, household, persons[0], at, at))
        application = c.lastrowid
        members = []
        for k, person in enumerate(persons):
            c.execute("INSERT INTO application_members (application_id, person_id, position, resident_id, name, "
                      "relation, hukou_type, health, disability, disability_needs_treatment, labour_capacity, "
                      "employment, schooling) VALUES (?, ?, ?, ?, '张建国', 'self', 'urban', 'healthy', 'none', 0, "
                      "'full', 'employed', 'none')", (application, person, k, f"{n:014d}{k:04d}"))
            members.append(c.lastrowid)
        for k in range(rows["application_incomes"]):
            c.execute("INSERT INTO application_incomes (application_id, member_id, category, amount_fen, months, "
                      "exempt_item, note) VALUES (?, ?, 'wages', 45000, 3, NULL, '')", (application, members[k % 2]))
        for _ in range(rows["requested_items"]):
            c.execute("INSERT INTO requested_items (application_id, assistance_type) VALUES (?, 'dibao')",
                      (application,))
        for k in range(rows["materials"]):
            c.execute("INSERT INTO materials (application_id, assistance_type, code, name, received, note) "
                      "VALUES (?, 'dibao', ?, '户口簿、居民身份证', 1, '')", (application, f"m{k}"))
        for _ in range(rows["declarations"]):
            c.execute("INSERT INTO declarations (application_id, template_version, template_hash, signer_name, "
                      "method, consent_verification, consent_report_changes, consent_consequences, "
                      "double_commitment, signed_at, witness_id) VALUES (?, 'v', ?, '张建国', 'signature', 1, 1, 1, "
                      "0, ?, 1)", (application, "0" * 64, at))
        for _ in range(rows["assessments"]):
            c.execute("INSERT INTO assessments (application_id, category, per_capita_income_fen, counted_income_fen, "
                      "estimated_benefit_fen, explanation, policy_locality, policy_version, policy_sha256, "
                      "created_at, created_by_id) VALUES (?, 'dibao', 30000, 1440000, 160000, ?, '株洲', 'v', ?, ?, 1)",
                      (application, "步骤" * 400, "0" * 64, at))
        for k in range(rows["referrals"]):
            c.execute("INSERT INTO referrals (number, application_id, hall_id, department_id, status, rule, reason, "
                      "facts, member_names, applicant_name, applicant_initials, consent_given, consent_at, due_date, "
                      "created_at, created_by_id, outcome, updated_at, updated_by_id, version) VALUES (?, ?, 1, ?, "
                      "'pending', 'r', '理由', '[]', '张小明', '张建国', 'zjg', 1, ?, '2026-12-04', ?, 1, '', ?, 1, 1)",
                      (f"{number}-Z{k + 1}", application, k % 3 + 1, at, at, at))
            c.execute("INSERT INTO referral_events (referral_id, at, actor_id, actor_name, from_status, to_status, "
                      "action, note) VALUES (?, ?, 1, '王丽', NULL, 'pending', 'create', '')", (c.lastrowid, at))
        for k in range(rows["post_checks"]):
            c.execute("INSERT INTO post_checks (application_id, kind, due_date, status, result, version) "
                      "VALUES (?, ?, '2026-12-20', 'due', '', 1)", (application, f"k{k}"))
        for _ in range(rows["audit_events"]):
            previous = c.execute("SELECT last_hash FROM audit_head WHERE id = 1").fetchone()[0]
            digest = hashlib.sha256(f"{previous}{number}".encode()).hexdigest()
            c.execute("INSERT INTO audit_events (at, actor_id, actor_name, action, entity, entity_id, detail, "
                      "prev_hash, hash) VALUES (?, 1, '王丽', 'application.submit', 'application', ?, '{}', ?, ?)",
                      (at, number, previous, digest))
            c.execute("UPDATE audit_head SET last_event_id = ?, last_hash = ? WHERE id = 1", (c.lastrowid, digest))
        c.execute("COMMIT")

    floor = median_ms(one, repeat=REPEAT, warmup=5)
    con.close()
    return floor


def bench_submit_intake() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        ours, rows = _service_figure(Path(folder))
        floor = _floor_figure(Path(folder), rows)
    note = ", ".join(f"{table} {count}" for table, count in rows.items())
    return [Figure("submit one intake, SQLite (4 members, 8 incomes, 3 referrals)", ours, 15.0,
                   "raw sqlite3 inserts of the same rows", floor, note=f"rows per submit: {note}")]



# -- search on a county-sized database -----------------------------------------------------------------

def _clerk_of(db: Database) -> Actor:
    """A clerk of the database's first hall, read from the tables (the benchmark does not sign in)."""
    with db.reading() as session:
        row = session.execute(text(
            "SELECT u.id, u.username, u.display_name, h.id, h.code, h.name FROM users u JOIN halls h "
            "ON h.id = u.hall_id WHERE u.role = 'clerk' ORDER BY u.id LIMIT 1")).one()
    return Actor(user_id=row[0], username=row[1], display_name=row[2], role=Role.CLERK, hall_id=row[3],
                 hall_code=row[4], hall_name=row[5])


def bench_person_and_application_search() -> list[Figure]:
    """Person look-up and search, application list and search on the 1,000,000-referral database.

    Uses the database ``bench_queue`` builds (``python -m tests.benchmarks.bench_queue build sqlite``);
    without it there is nothing to measure.
    """
    from tests.benchmarks import bench_queue

    if not bench_queue.exists("sqlite"):
        print("   (no 1,000,000-referral SQLite database yet: python -m tests.benchmarks.bench_queue build sqlite)")
        return []
    db = Database(bench_queue.database_url("sqlite"))
    services = Services(db, FixedClock(bench_queue.BENCH_NOW))
    clerk = _clerk_of(db)
    raw = sqlite3.connect(bench_queue.SQLITE_PATH)
    persons = raw.execute("SELECT count(*) FROM persons").fetchone()[0]
    applications = raw.execute("SELECT count(*) FROM applications").fetchone()[0]
    some_id, some_name, some_initials = raw.execute(
        "SELECT resident_id, name, name_initials FROM persons WHERE id = (SELECT max(id) / 2 FROM persons)").fetchone()
    surname = some_name[0]
    initials = some_initials[:2]
    number = raw.execute("SELECT number FROM applications WHERE hall_id = ? ORDER BY id DESC LIMIT 1",
                         (clerk.hall_id,)).fetchone()[0]
    day_prefix = number.rsplit("-", 1)[0]

    def raw_ms(sql: str, *params: object) -> float:
        return median_ms(lambda: raw.execute(sql, params).fetchall(), repeat=31)

    intake, apps = services.intake, services.applications
    size = f"{persons:,} persons, {applications:,} applications"
    figures = [
        Figure("find a person by resident ID (search)", median_ms(lambda: intake.search_persons(clerk, some_id)),
               2.0, "raw SELECT by resident_id",
               raw_ms("SELECT id, name FROM persons WHERE resident_id = ?", some_id), note=size),
        Figure("look up a person by resident ID (household, history)",
               median_ms(lambda: intake.lookup_person(clerk, some_id), repeat=31), None),
        Figure(f"search persons by name prefix '{surname}', first 50",
               median_ms(lambda: intake.search_persons(clerk, surname), repeat=31), 50.0,
               "raw SELECT … ORDER BY name LIMIT 50",
               raw_ms("SELECT id, name, resident_id FROM persons WHERE name >= ? AND name < ? ORDER BY name, id "
                      "LIMIT 50", surname, chr(ord(surname) + 1))),
        Figure(f"search persons by pinyin initials '{initials}', first 50",
               median_ms(lambda: intake.search_persons(clerk, initials), repeat=31), 50.0,
               "raw SELECT … ORDER BY name_initials LIMIT 50",
               raw_ms("SELECT id, name, resident_id FROM persons WHERE name_initials >= ? AND name_initials < ? "
                      "ORDER BY name_initials, id LIMIT 50", initials, initials[:-1] + chr(ord(initials[-1]) + 1))),
        Figure("applications list, newest 50 of the hall",
               median_ms(lambda: apps.search(clerk), repeat=31), None, "raw SELECT … ORDER BY received_at LIMIT 50",
               raw_ms("SELECT a.id, a.number, p.resident_id FROM applications a JOIN persons p ON p.id = a.applicant_id "
                      "WHERE a.hall_id = ? ORDER BY a.received_at DESC, a.id DESC LIMIT 50", clerk.hall_id)),
        Figure(f"applications by receipt-number prefix '{day_prefix}'",
               median_ms(lambda: apps.search(clerk, day_prefix), repeat=31), None),
        Figure(f"applications by applicant name prefix '{surname}'",
               median_ms(lambda: apps.search(clerk, surname), repeat=31), None),
        Figure(f"applications by pinyin initials '{initials}'",
               median_ms(lambda: apps.search(clerk, initials), repeat=31), None),
        Figure("count the hall's open applications",
               median_ms(lambda: apps.count(clerk, status=[ApplicationStatus.RECEIVED,
                                                           ApplicationStatus.UNDER_REVIEW]), repeat=11), None),
    ]
    raw.close()
    db.dispose()
    return figures
