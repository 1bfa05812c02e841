"""Demonstration data through the real services: every category, every referral state, known logins."""

from __future__ import annotations

from collections import Counter

from intake_desk.domain.enums import ApplicationStatus, Category, ReferralStatus, Role
from intake_desk.services import audit
from intake_desk.services.context import Services
from intake_desk.services.demo import seed_demo


def test_demo_seeding_covers_every_category_and_state(services: Services) -> None:
    summary = seed_demo(services, households=40, seed=1)

    assert summary.applications == 40
    assert set(summary.categories) == set(Category)
    assert set(summary.referral_statuses) == set(ReferralStatus)
    assert set(summary.application_statuses) == set(ApplicationStatus)
    assert summary.notes == ()  # every planned step fitted its referral

    roles = Counter(a.role for a in summary.accounts)
    assert roles[Role.ADMIN] == 1 and roles[Role.CLERK] == 2 and roles[Role.SUPERVISOR] == 1
    assert roles[Role.DEPARTMENT] == len(services.organisation.departments())
    for username, password, label in summary.logins:
        actor = services.accounts.authenticate(username, password)
        assert actor.display_name in label

    clerk = services.accounts.authenticate("clerk", "clerk1234")
    assert [p.name for p in services.intake.search_persons(clerk, "阿卜杜")] == ["阿卜杜·热合曼"]
    assert any(p.name.startswith("𠮷") for p in services.intake.search_persons(clerk, "𠮷"))
    rows = services.applications.search(clerk, limit=100)
    assert len(rows) == 40 and max(r.household_size for r in rows) == 9
    assert any(r.overdue for r in rows)
    assert rows[-1].number == summary.first_number and rows[0].number == summary.last_number
    assert audit.verify(services.db).ok


def test_demo_is_deterministic(services: Services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from intake_desk.store.db import Database
    from intake_desk.store.migrate import upgrade

    first = seed_demo(services, households=12, seed=7)
    other_db = Database(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    upgrade(other_db, backup_dir=tmp_path)
    other = Services(other_db, services.clock)
    second = seed_demo(other, households=12, seed=7)
    clerk_a = services.accounts.authenticate("clerk", "clerk1234")
    clerk_b = other.accounts.authenticate("clerk", "clerk1234")
    names_a = [(r.number, r.applicant_name, r.category) for r in services.applications.search(clerk_a)]
    names_b = [(r.number, r.applicant_name, r.category) for r in other.applications.search(clerk_b)]
    assert names_a == names_b and first.categories == second.categories
    other_db.dispose()


def test_demo_on_a_database_that_is_set_up_already(services: Services, admin) -> None:  # type: ignore[no-untyped-def]
    summary = seed_demo(services, households=3)
    assert "admin" not in [a.username for a in summary.accounts]  # its password is not ours to show
    assert summary.applications == 3 and summary.hall_code == "HT01"


def test_the_search_hint_finds_its_example_in_the_demo(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The window's search field says "zs 查找张三": the demo has a 张三 for a newcomer to find."""
    from intake_desk.services.context import Services
    from intake_desk.services.demo import seed_demo
    from intake_desk.store.db import Database
    from intake_desk.store.migrate import upgrade

    db = Database(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    upgrade(db, backup_dir=tmp_path)
    services = Services(db)
    seed_demo(services, households=12)
    clerk = services.accounts.authenticate("clerk", "clerk1234")
    assert "张三" in [row.name for row in services.intake.search_persons(clerk, "zs")]
    db.dispose()


def test_demo_walks_applications_through_their_procedures(services: Services) -> None:
    """Decided on time and late, refused, in 公示 with an objection, extended, withdrawn – within the limits."""
    from intake_desk.services.procedure_report import ProcedureFilter

    summary = seed_demo(services, households=40, seed=1)
    assert summary.notes == ()
    supervisor = services.accounts.authenticate("supervisor", "supervisor1234")
    report = services.procedure_report.timeliness(supervisor)
    assert report.tracks["normal"].decided > 0 and report.tracks["fast_track"].decided > 0
    shares = [f.on_time_share for f in report.tracks.values() if f.on_time_share is not None]
    assert min(shares) < 1.0 and max(shares) == 1.0  # some decided late, some on time
    assert services.procedure_report.count(supervisor, ProcedureFilter(overdue=True)) > 0
    views = [services.procedure.view(supervisor, r.number)
             for r in services.applications.search(supervisor, limit=100)
             if r.category is not None]
    states = Counter(v.state.value for v in views)
    assert {"open", "approved", "refused", "withdrawn"} <= set(states)
    assert any(v.extended for v in views)
    assert any(s.objections for v in views for s in v.steps)
    assert any(v.current is not None and v.current.code == "democratic_review" for v in views)
    for view in views:  # every step recorded on or before its due date, except the deliberately late decisions
        for step in view.steps:
            if step.done_on is not None and step.code != "decision":
                assert step.due is None or step.done_on <= step.due, (view.number, step.code)
