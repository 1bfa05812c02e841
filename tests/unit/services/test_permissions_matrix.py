"""最小权限: every public service method called as every role, against a table of who may.

The methods are found by looking at the services themselves (each attribute of ``Services``); a new
method without a row here fails :func:`test_every_public_method_has_a_row`. Each call runs on a fresh
copy of a prepared database, so what one call does never changes what the next sees. An allowed call
must succeed; a refused one raises ``PermissionDenied`` and leaves the audit trail as it was.
"""

from __future__ import annotations

import functools
import inspect
import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from intake_desk.domain.enums import ApplicationStatus, IncomeCategory, PostCheckStatus, ReferralStatus, Role
from intake_desk.policy.referral_states import ReferralAction
from intake_desk.services.actor import Actor
from intake_desk.services.clock import FixedClock
from intake_desk.services.context import Services
from intake_desk.services.discovery import LeadFilter
from intake_desk.services.errors import InvalidTransition, PermissionDenied
from intake_desk.services.export import ApplicationFilter
from intake_desk.services.intake import referral_choice
from intake_desk.services.intake_form import DeclarationInput, IncomeInput
from intake_desk.services.monitoring import EntryDetails, MonitoringFilter, VisitRecord
from intake_desk.services.procedure_report import ProcedureFilter
from intake_desk.services.queues import ReferralFilter
from intake_desk.store.db import Database
from intake_desk.store.migrate import upgrade
from intake_desk.store.models import AuditEvent
from tests.conftest import TEST_NOW, add_user, setup_hall
from tests.discovery_data import person_rows, write_csv
from tests.intake_data import single_form, zhuzhou_form
from tests.referral_data import ensure_departments, make_application, make_referral

MATRIX_VISIT = VisitRecord(date(2026, 11, 20), "王丽", "李强", "家中无人就业")

C, S, D, A = Role.CLERK, Role.SUPERVISOR, Role.DEPARTMENT, Role.ADMIN
EVERYONE = frozenset(Role)
DESK = frozenset({C, S})
RS = ReferralStatus
OVERRIDDEN_DAY = date(2027, 3, 1)


@dataclass(frozen=True)
class World:
    """What the prepared database holds (ids and numbers are the same in every copy)."""

    path: Path
    actors: dict[Role, Actor]
    application: str
    application_version: int
    referrals: dict[ReferralStatus, int]
    post_check: int
    post_check_version: int
    officer_id: int
    callback: int = 0
    callback_version: int = 0
    follow_up: int = 0
    follow_up_version: int = 0
    lead: int = 0
    lead_version: int = 0
    monitored: int = 0
    monitored_version: int = 0
    ineligible_application: str = ""
    at_decision: str = ""  # a commitment application whose data check is done (审核确认 next)
    for_extension: str = ""  # a normal application, nothing asked yet
    extension_asked: str = ""  # a normal application with an extension waiting for a supervisor


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> World:
    path = tmp_path_factory.mktemp("matrix") / "world.sqlite3"
    shutil.copyfile(migrated_template, path)
    db = Database(f"sqlite:///{path}")
    services = Services(db, FixedClock(TEST_NOW))
    setup_hall(services)
    ensure_departments(services)
    admin = services.accounts.authenticate("admin", "admin-pass-1")
    actors = {
        A: admin,
        C: add_user(services, "clerk1", C, "王丽"),
        S: add_user(services, "super1", S, "李强"),
        D: add_user(services, "yibao1", D, "赵医保", department_code="medical"),
    }
    form = zhuzhou_form()
    preview = services.intake.preview(actors[C], form)
    form = replace(form, referrals=tuple(referral_choice(p, consent_given=True) for p in preview.referrals))
    number = services.intake.submit(actors[C], form).number
    earlier = services.clock.now() - timedelta(days=2)
    referrals = {}
    for i, status in enumerate([RS.PROPOSED, RS.PENDING, RS.SENT, RS.RECEIVED, RS.IN_PROGRESS, RS.RETURNED]):
        application = make_application(services, actors[C], f"张{'一二三四五六'[i]}", received=earlier)
        referrals[status] = make_referral(services, actors[S], application, "medical", status,
                                          due_date=date(2026, 12, 31), at=earlier)
    check = services.postchecks.queue(actors[S])[0]
    services.calendar.set_override(actors[A], OVERRIDDEN_DAY, False, "全县停电")
    # A completed referral waiting for its callback, and a poor rating at the window with its follow-up.
    done = make_application(services, actors[C], "张七", received=earlier)
    make_referral(services, actors[S], done, "medical", RS.COMPLETED, due_date=date(2026, 12, 31), at=earlier)
    services.urging.sync(actors[C])
    callback = services.callbacks.callbacks(actors[C])[0]
    services.callbacks.rate_at_window(actors[C], number, "不满意", comment="排队太久")
    follow = services.callbacks.follow_ups(actors[S])[0]
    detail = services.applications.get(actors[C], number)
    # 主动发现: two leads from a list, one of them visited into the class 1 library; an intake assessed 不符合.
    services.discovery.import_list(actors[S], write_csv(path.parent / "list.csv", person_rows(2)), "medical")
    lead, other = services.discovery.leads(actors[S])
    visited = services.discovery.record_visit(actors[S], other.id, other.version, MATRIX_VISIT, "class1")
    monitored = services.monitoring.household(actors[S], visited.monitored_id or 0)
    rich = single_form(9, "钱九", incomes=(IncomeInput(0, IncomeCategory.WAGES, 5_000_00 * 12),))
    ineligible = services.intake.submit(actors[C], rich).number
    at_decision = services.intake.submit(actors[C], single_form(950, declaration=DeclarationInput("王五"))).number
    services.procedure.record_step(actors[C], at_decision, "data_check", {"result": "consistent"},
                                   expected_version=services.procedure.view(actors[C], at_decision).version)
    for_extension = services.intake.submit(actors[C], single_form(951)).number
    extension_asked = services.intake.submit(actors[C], single_form(952)).number
    services.procedure.request_extension(actors[C], extension_asked, "需补充调查",
                                         expected_version=services.procedure.view(actors[C], extension_asked).version)
    db.dispose()
    return World(path, actors, number, detail.version, referrals, check.id, check.version, actors[D].user_id,
                 callback.id, callback.version, follow.id, follow.version,
                 lead.id, lead.version, monitored.id, monitored.version, ineligible,
                 at_decision, for_extension, extension_asked)


def _not_overdue(call: Callable[[], Any]) -> None:
    """Allowed, and refused only because the referral is not overdue (the world's are due 31 December)."""
    with pytest.raises(InvalidTransition, match="未逾期"):
        call()


def _version(s: Services, number: str) -> int:
    from intake_desk.store.models import Application

    with s.db.reading() as session:
        return int(session.scalar(select(Application.version).where(Application.number == number)) or 0)


@dataclass(frozen=True)
class Row:
    allowed: frozenset[Role]
    call: Callable[[Services, Actor, World, Path], Any]


def _rid(status: ReferralStatus) -> Callable[[World], int]:
    return lambda w: w.referrals[status]


def R(allowed: frozenset[Role] | set[Role], call: Callable[[Services, Actor, World, Path], Any]) -> Row:
    return Row(frozenset(allowed), call)


# method → who may call it and how. "[variant]" rows call the same method with a more demanding argument.
TABLE: dict[str, Row] = {
    # accounts
    "accounts.add_user": R({A}, lambda s, a, w, t: s.accounts.add_user(
        a, "newclerk", "新人", C, "new-clerk-pass", hall_code="HT01")),
    # Only a county administrator (no hall) adds halls: the hall's own administrator is refused too.
    "accounts.add_hall": R(set(), lambda s, a, w, t: s.accounts.add_hall(
        a, "HT09", "新大厅", "admin9", "新管理员", "admin9-pass-1")),
    "accounts.list_users": R({A}, lambda s, a, w, t: s.accounts.list_users(a)),
    "accounts.set_active": R({A}, lambda s, a, w, t: s.accounts.set_active(a, "clerk1", False)),
    "accounts.reset_password": R({A}, lambda s, a, w, t: s.accounts.reset_password(a, "clerk1", "reset-pass-99")),
    "accounts.change_own_password": R(EVERYONE, lambda s, a, w, t: s.accounts.change_own_password(
        a, "admin-pass-1" if a.role is A else f"{a.username}-pass-1", "a-brand-new-pass")),
    "accounts.must_change_password": R(EVERYONE, lambda s, a, w, t: s.accounts.must_change_password(a)),
    "accounts.check_password": R(EVERYONE, lambda s, a, w, t: s.accounts.check_password(a, "wrong-pass")),
    # settings
    "settings.get": R(EVERYONE, lambda s, a, w, t: s.settings.get(a, "idle_lock_minutes")),
    "settings.get_int": R(EVERYONE, lambda s, a, w, t: s.settings.get_int(a, "idle_lock_minutes")),
    "settings.all": R({A}, lambda s, a, w, t: s.settings.all(a)),
    "settings.put": R({A}, lambda s, a, w, t: s.settings.put(a, "idle_lock_minutes", 5)),
    # audit
    "audit.application_trail": R({S, A}, lambda s, a, w, t: s.audit.application_trail(a, w.application)),
    "audit.trail": R({S, A}, lambda s, a, w, t: s.audit.trail(a, "user", "clerk1")),
    "audit.verify": R({S, A}, lambda s, a, w, t: s.audit.verify(a)),
    # organisation
    "organisation.hall": R(EVERYONE, lambda s, a, w, t: s.organisation.hall(a)),
    # intake
    "intake.search_persons": R(DESK, lambda s, a, w, t: s.intake.search_persons(a, "zs")),
    "intake.lookup_person": R(DESK, lambda s, a, w, t: s.intake.lookup_person(a, zhuzhou_form().members[0].resident_id)),
    "intake.lookup_person[person_id]": R(DESK, lambda s, a, w, t: s.intake.lookup_person(a, person_id=1)),
    "intake.preview": R(DESK, lambda s, a, w, t: s.intake.preview(a, single_form(900))),
    "intake.submit": R(DESK, lambda s, a, w, t: s.intake.submit(a, single_form(901))),
    "intake.submit_batch": R(DESK, lambda s, a, w, t: s.intake.submit_batch(a, [single_form(902), single_form(903)])),
    # applications
    "applications.search": R({C, S, A}, lambda s, a, w, t: s.applications.search(a, "张")),
    "applications.count": R({C, S, A}, lambda s, a, w, t: s.applications.count(a)),
    "applications.get": R({C, S, A}, lambda s, a, w, t: s.applications.get(a, w.application)),
    "applications.get[reveal]": R(DESK, lambda s, a, w, t: s.applications.get(a, w.application, reveal=True)),
    "applications.update_status": R(DESK, lambda s, a, w, t: s.applications.update_status(
        a, w.application, ApplicationStatus.UNDER_REVIEW, expected_version=w.application_version)),
    "applications.withdraw": R(DESK, lambda s, a, w, t: s.applications.withdraw(
        a, w.application, expected_version=w.application_version, reason="申请人撤回")),
    # drafts: everyone keeps their own
    "drafts.save": R(EVERYONE, lambda s, a, w, t: s.drafts.save(a, "intake", "", {"name": "张三"})),
    "drafts.load": R(EVERYONE, lambda s, a, w, t: s.drafts.load(a, "intake")),
    "drafts.list": R(EVERYONE, lambda s, a, w, t: s.drafts.list(a)),
    "drafts.discard": R(EVERYONE, lambda s, a, w, t: s.drafts.discard(a, "intake")),
    # referrals (the officer's own department: medical)
    "referrals.get": R(EVERYONE, lambda s, a, w, t: s.referrals.get(a, w.referrals[RS.SENT])),
    "referrals.timeline": R(EVERYONE, lambda s, a, w, t: s.referrals.timeline(a, w.referrals[RS.SENT])),
    "referrals.officers": R({S, D}, lambda s, a, w, t: s.referrals.officers(a)),
    "referrals.reveal_id": R({C, S, D}, lambda s, a, w, t: s.referrals.reveal_id(a, w.referrals[RS.SENT])),
    "referrals.act": R(DESK, lambda s, a, w, t: s.referrals.act(a, w.referrals[RS.PENDING], ReferralAction.SEND)),
    "referrals.confirm": R(DESK, lambda s, a, w, t: s.referrals.confirm(a, w.referrals[RS.PROPOSED], consent_given=True)),
    "referrals.send": R(DESK, lambda s, a, w, t: s.referrals.send(a, w.referrals[RS.PENDING])),
    "referrals.bulk_send": R(DESK, lambda s, a, w, t: s.referrals.bulk_send(a, [w.referrals[RS.PENDING]])),
    "referrals.receive": R({C, S, D}, lambda s, a, w, t: s.referrals.receive(a, w.referrals[RS.SENT])),
    "referrals.start": R({C, S, D}, lambda s, a, w, t: s.referrals.start(a, w.referrals[RS.RECEIVED])),
    "referrals.complete": R({C, S, D}, lambda s, a, w, t: s.referrals.complete(
        a, w.referrals[RS.IN_PROGRESS], "已纳入医疗救助")),
    "referrals.decline": R({C, S, D}, lambda s, a, w, t: s.referrals.decline(a, w.referrals[RS.RECEIVED], "不符合条件")),
    "referrals.return_for_more": R({C, S, D}, lambda s, a, w, t: s.referrals.return_for_more(
        a, w.referrals[RS.IN_PROGRESS], "请补充诊断证明")),
    "referrals.resubmit": R(DESK, lambda s, a, w, t: s.referrals.resubmit(a, w.referrals[RS.RETURNED], "已补充")),
    "referrals.cancel": R({S}, lambda s, a, w, t: s.referrals.cancel(a, w.referrals[RS.SENT], "申请人撤回")),
    "referrals.cancel[proposal]": R(DESK, lambda s, a, w, t: s.referrals.cancel(
        a, w.referrals[RS.PROPOSED], "申请人不需要")),
    "referrals.record_paper_reply": R(DESK, lambda s, a, w, t: s.referrals.record_paper_reply(
        a, w.referrals[RS.SENT], ReferralAction.COMPLETE, "部门书面回复：已办结", replied_on=date(2026, 11, 19))),
    "referrals.reassign": R({S}, lambda s, a, w, t: s.referrals.reassign(
        a, w.referrals[RS.SENT], officer_id=w.officer_id)),
    "referrals.bulk_reassign": R({S}, lambda s, a, w, t: s.referrals.bulk_reassign(
        a, [w.referrals[RS.SENT]], officer_id=w.officer_id)),
    # queues (department officers see their own department)
    "queues.page": R(EVERYONE, lambda s, a, w, t: s.queues.page(a)),
    "queues.count": R(EVERYONE, lambda s, a, w, t: s.queues.count(a)),
    "queues.counts": R(EVERYONE, lambda s, a, w, t: s.queues.counts(a)),
    "queues.summary": R(EVERYONE, lambda s, a, w, t: s.queues.summary(a)),
    "queues.filter_choices": R(EVERYONE, lambda s, a, w, t: s.queues.filter_choices(a)),
    # exports (full ID numbers only for supervisors)
    "exports.applications": R(DESK, lambda s, a, w, t: s.exports.applications(a, ApplicationFilter(), t / "a.csv")),
    "exports.applications[full_ids]": R({S}, lambda s, a, w, t: s.exports.applications(
        a, ApplicationFilter(), t / "a.csv", full_ids=True)),
    "exports.referrals": R(DESK, lambda s, a, w, t: s.exports.referrals(a, ReferralFilter(), t / "r.xlsx")),
    "exports.referrals[full_ids]": R({S}, lambda s, a, w, t: s.exports.referrals(
        a, ReferralFilter(), t / "r.csv", full_ids=True)),
    # statistics
    "statistics.dashboard": R({S, A}, lambda s, a, w, t: s.statistics.dashboard(a)),
    "statistics.intakes_per_day": R({S, A}, lambda s, a, w, t: s.statistics.intakes_per_day(
        a, date(2026, 11, 1), date(2026, 11, 30))),
    # post-checks
    "postchecks.queue": R(DESK, lambda s, a, w, t: s.postchecks.queue(a)),
    "postchecks.count": R(DESK, lambda s, a, w, t: s.postchecks.count(a)),
    "postchecks.get": R(DESK, lambda s, a, w, t: s.postchecks.get(a, w.post_check)),
    "postchecks.history": R(DESK, lambda s, a, w, t: s.postchecks.history(a, w.post_check)),
    "postchecks.record_result": R(DESK, lambda s, a, w, t: s.postchecks.record_result(
        a, w.post_check, w.post_check_version, PostCheckStatus.PASSED, "比对无异常")),
    "postchecks.spot_check_pool": R({S}, lambda s, a, w, t: s.postchecks.spot_check_pool(a)),
    "postchecks.draw_spot_checks": R({S}, lambda s, a, w, t: s.postchecks.draw_spot_checks(a, 10.0, seed=7)),
    # printing (receipts carry masked ID numbers; every print is recorded)
    "printing.documents_for": R(DESK, lambda s, a, w, t: s.printing.documents_for(a, w.application)),
    "printing.render": R(DESK, lambda s, a, w, t: s.printing.render(a, w.application, "receipt")),
    "printing.record_print": R(DESK, lambda s, a, w, t: s.printing.record_print(
        a, s.printing.render(w.actors[C], w.application, "receipt"), "file")),
    "printing.printed": R({C, S, A}, lambda s, a, w, t: s.printing.printed(a, w.application)),
    # working-day calendar
    "calendar.overrides": R(EVERYONE, lambda s, a, w, t: s.calendar.overrides(a, 2026)),
    "calendar.set_override": R({S, A}, lambda s, a, w, t: s.calendar.set_override(a, date(2027, 1, 4), False, "停电")),
    "calendar.remove_override": R({S, A}, lambda s, a, w, t: s.calendar.remove_override(a, OVERRIDDEN_DAY)),
    "calendar.import_schedule": R({S, A}, lambda s, a, w, t: s.calendar.import_schedule(a, "2027-01-01 休 元旦")),
    # urging ladder (department officers see their own department's items)
    "urging.items": R({C, S, D}, lambda s, a, w, t: s.urging.items(a)),
    "urging.summary": R({C, S, D}, lambda s, a, w, t: s.urging.summary(a)),
    "urging.sync": R({C, S, D}, lambda s, a, w, t: s.urging.sync(a)),
    "urging.urging_notice": R({C, S, D}, lambda s, a, w, t: _not_overdue(lambda: s.urging.urging_notice(
        a, s.referrals.get(w.actors[S], w.referrals[RS.SENT]).number))),
    "urging.print_urging": R(DESK, lambda s, a, w, t: _not_overdue(lambda: s.urging.print_urging(
        a, s.referrals.get(w.actors[S], w.referrals[RS.SENT]).number))),
    "urging.department_figures": R({S, A}, lambda s, a, w, t: s.urging.department_figures(a)),
    "urging.export_escalations": R(DESK, lambda s, a, w, t: s.urging.export_escalations(a, t / "esc.xlsx")),
    # callbacks and follow-ups (clerks call back, supervisors close follow-ups)
    "callbacks.callbacks": R(DESK, lambda s, a, w, t: s.callbacks.callbacks(a)),
    "callbacks.get_callback": R(DESK, lambda s, a, w, t: s.callbacks.get_callback(a, w.callback)),
    "callbacks.record_callback": R(DESK, lambda s, a, w, t: s.callbacks.record_callback(
        a, w.callback, w.callback_version, reached=False)),
    "callbacks.rate_at_window": R(DESK, lambda s, a, w, t: s.callbacks.rate_at_window(
        a, s.referrals.get(w.actors[S], w.referrals[RS.SENT]).number, "满意")),
    "callbacks.follow_ups": R(DESK, lambda s, a, w, t: s.callbacks.follow_ups(a)),
    "callbacks.get_follow_up": R(DESK, lambda s, a, w, t: s.callbacks.get_follow_up(a, w.follow_up)),
    "callbacks.close_follow_up": R({S}, lambda s, a, w, t: s.callbacks.close_follow_up(
        a, w.follow_up, w.follow_up_version, action_taken="增开一个窗口", second_reached=False)),
    "callbacks.satisfaction": R({S, A}, lambda s, a, w, t: s.callbacks.satisfaction(a)),
    "callbacks.export_callbacks": R(DESK, lambda s, a, w, t: s.callbacks.export_callbacks(a, t / "cb.csv")),
    # discovery (主动发现): supervisors import and assign, desk staff visit; department officers see nothing
    "discovery.import_list": R({S}, lambda s, a, w, t: s.discovery.import_list(
        a, write_csv(t / "l.csv", person_rows(3, start=40)), "health")),
    "discovery.imports": R({S}, lambda s, a, w, t: s.discovery.imports(a)),
    "discovery.set_hall_area": R({S}, lambda s, a, w, t: s.discovery.set_hall_area(a, "HT01", "region", "4302")),
    "discovery.leads": R(DESK, lambda s, a, w, t: s.discovery.leads(a)),
    "discovery.count": R(DESK, lambda s, a, w, t: s.discovery.count(a)),
    "discovery.lead": R(DESK, lambda s, a, w, t: s.discovery.lead(a, w.lead)),
    "discovery.reveal_id": R(DESK, lambda s, a, w, t: s.discovery.reveal_id(a, w.lead)),
    "discovery.assign": R({S}, lambda s, a, w, t: s.discovery.assign(a, w.lead, w.lead_version,
                                                                        worker_username="clerk1")),
    "discovery.record_visit": R(DESK, lambda s, a, w, t: s.discovery.record_visit(
        a, w.lead, w.lead_version, MATRIX_VISIT, "no_help", reason="有稳定收入")),
    # monitoring (监测预警)
    "monitoring.households": R(DESK, lambda s, a, w, t: s.monitoring.households(a, MonitoringFilter(overdue=True))),
    "monitoring.count": R(DESK, lambda s, a, w, t: s.monitoring.count(a)),
    "monitoring.household": R(DESK, lambda s, a, w, t: s.monitoring.household(a, w.monitored)),
    "monitoring.reveal_id": R(DESK, lambda s, a, w, t: s.monitoring.reveal_id(a, w.monitored)),
    "monitoring.summary": R(DESK, lambda s, a, w, t: s.monitoring.summary(a)),
    "monitoring.visits": R(DESK, lambda s, a, w, t: s.monitoring.visits(a, w.monitored)),
    "monitoring.record_visit": R(DESK, lambda s, a, w, t: s.monitoring.record_visit(
        a, w.monitored, w.monitored_version, MATRIX_VISIT, "class2")),
    "monitoring.enroll_application": R(DESK, lambda s, a, w, t: s.monitoring.enroll_application(
        a, w.ineligible_application, "class2", EntryDetails(risk_factors=("unemployment",)))),
    "monitoring.circle_counts": R(DESK, lambda s, a, w, t: s.monitoring.circle_counts(a)),
    "monitoring.circle_moves": R(DESK, lambda s, a, w, t: s.monitoring.circle_moves(
        a, date(2026, 1, 1), date(2026, 12, 31))),
    "monitoring.quarterly_report": R({S}, lambda s, a, w, t: s.monitoring.quarterly_report(a, 2026, 4)),
    "discovery.export_leads": R(DESK, lambda s, a, w, t: s.discovery.export_leads(a, LeadFilter(), t / "l.xlsx")),
    "discovery.export_leads[full_ids]": R({S}, lambda s, a, w, t: s.discovery.export_leads(
        a, LeadFilter(), t / "l.csv", full_ids=True)),
    "monitoring.export_monitoring": R(DESK, lambda s, a, w, t: s.monitoring.export_monitoring(
        a, MonitoringFilter(), t / "m.xlsx")),
    # the procedure (审核确认程序): desks work it; deciding and approving extensions is a supervisor's
    "procedure.view": R({C, S, A}, lambda s, a, w, t: s.procedure.view(a, w.application)),
    "procedure.progress": R({C, S, A}, lambda s, a, w, t: s.procedure.progress(a, w.application)),
    "procedure.current_step_due": R({C, S, A}, lambda s, a, w, t: s.procedure.current_step_due(a, w.application)),
    "procedure.refusal_reasons": R({C, S, A}, lambda s, a, w, t: s.procedure.refusal_reasons(a)),
    "procedure.start": R(DESK, lambda s, a, w, t: s.procedure.start(
        a, w.for_extension, expected_version=_version(s, w.for_extension))),
    "procedure.record_step": R(DESK, lambda s, a, w, t: s.procedure.record_step(
        a, w.application, "data_check", {"result": "consistent"}, expected_version=_version(s, w.application))),
    "procedure.decide": R({S}, lambda s, a, w, t: s.procedure.decide(
        a, w.at_decision, amount_fen=30_000, start_month=date(2026, 11, 1),
        expected_version=_version(s, w.at_decision))),
    "procedure.redo": R(DESK, lambda s, a, w, t: s.procedure.redo(
        a, w.at_decision, "data_check", "重新核对", expected_version=_version(s, w.at_decision))),
    "procedure.request_extension": R(DESK, lambda s, a, w, t: s.procedure.request_extension(
        a, w.for_extension, "需补充调查", expected_version=_version(s, w.for_extension))),
    "procedure.decide_extension": R({S}, lambda s, a, w, t: s.procedure.decide_extension(
        a, w.extension_asked, approve=True, expected_version=_version(s, w.extension_asked))),
    "procedure.refuse": R({S}, lambda s, a, w, t: s.procedure.refuse(
        a, w.at_decision, reasons=["income_above"], facts="月收入 2,000 元",
        expected_version=_version(s, w.at_decision))),
    "procedure.withdraw": R(DESK, lambda s, a, w, t: s.procedure.withdraw(
        a, w.application, "申请人撤回", expected_version=_version(s, w.application))),
    "procedure_report.page": R({C, S, A}, lambda s, a, w, t: s.procedure_report.page(a)),
    "procedure_report.count": R({C, S, A}, lambda s, a, w, t: s.procedure_report.count(a, ProcedureFilter(overdue=True))),
    "procedure_report.step_choices": R({C, S, A}, lambda s, a, w, t: s.procedure_report.step_choices(a)),
    "procedure_report.timeliness": R({S, A}, lambda s, a, w, t: s.procedure_report.timeliness(a)),
    "procedure_documents.render": R(DESK, lambda s, a, w, t: s.procedure_documents.render(a, w.application, "progress")),
    "procedure_documents.publicity": R(DESK, lambda s, a, w, t: s.procedure_documents.publicity(
        a, "HT01", date(2026, 11, 1), date(2026, 11, 30))),
    "procedure_report.publicity_list": R(DESK, lambda s, a, w, t: s.procedure_report.publicity_list(
        a, "HT01", date(2026, 11, 1), date(2026, 11, 30))),
}

# Public methods that take no signed-in user, and why that is safe.
WITHOUT_ACTOR: dict[str, str] = {
    "accounts.authenticate": "signing in is how a user becomes an actor (lockout and audit inside)",
    "accounts.first_run_setup": "refused once an administrator exists",
    "accounts.needs_setup": "says only whether set-up is done",
    "accounts.is_empty": "says only whether the database holds a hall or an account",
    "organisation.departments": "department names and contacts printed on every referral slip",
    "organisation.department_code": "a department named on the command line: codes and names are public",
    "organisation.halls": "hall names and phone numbers printed on every receipt",
    "organisation.sync_departments_from_pack": "start-up maintenance from the shipped policy pack",
    "intake.check_resident_id": "checks a typed number; reads no record",
    "intake.member_defaults": "presets for an age from the published pack; reads no record",
    "intake.validate": "checks a form; reads no record",
    "intake.facts": "turns a form into facts; reads no record",
    "intake.pack": "the policy pack in force (published rules)",
    "queues.bounds": "date arithmetic on the calendar",
    "queues.lookups": "department and user names for labels",
    "calendar.calendar": "the working-day calendar (published)",
    "calendar.coverage": "whether a year's holidays are known",
    "calendar.refresh": "reloads the calendar",
    "postchecks.calendar_warning": "a sentence about calendar fallback for rows already read",
    "printing.font": "which installed font documents are printed in",
    "printing.font_status": "a sentence when no CJK font is installed",
    "urging.rules": "the pack's published urging and callback figures",
    "callbacks.rules": "the pack's published urging and callback figures",
    "discovery.rules": "the pack's discovery table (published sources, header names, circles)",
    "monitoring.rules": "the pack's discovery table (published sources, header names, circles)",
    "monitoring.calendar_warning": "a sentence about calendar fallback for rows already read",
}


def _service_attributes() -> list[str]:
    return [name for name, value in vars(Services).items() if isinstance(value, functools.cached_property)]


def public_methods(services: Services) -> set[str]:
    found = set()
    for attribute in _service_attributes():
        service = getattr(services, attribute)
        for name, _function in inspect.getmembers(type(service), inspect.isfunction):
            if not name.startswith("_"):
                found.add(f"{attribute}.{name}")
    return found


def _parameters(services: Services, method: str) -> set[str]:
    attribute, name = method.split(".")
    return set(inspect.signature(getattr(getattr(services, attribute), name)).parameters)


def test_every_public_method_has_a_row(services: Services) -> None:
    methods = public_methods(services)
    # Building blocks that take an open session are used by services inside their own transaction.
    session_helpers = {m for m in methods if "session" in _parameters(services, m)}
    with_actor = {m for m in methods if "actor" in _parameters(services, m)} - session_helpers
    rows = {key.split("[")[0] for key in TABLE}
    assert with_actor - rows == set(), "add these methods to TABLE (who may call them, and how)"
    assert rows - methods == set(), "TABLE names methods that no longer exist"
    without = methods - with_actor - session_helpers
    assert without - set(WITHOUT_ACTOR) == set(), "a public method without an actor: say why in WITHOUT_ACTOR"
    assert set(WITHOUT_ACTOR) - methods == set()


def _events(db: Database) -> int:
    with db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEvent)) or 0)


@pytest.mark.parametrize("role", [C, S, D, A], ids=lambda r: r.value)
@pytest.mark.parametrize("method", sorted(TABLE))
def test_role_may_or_may_not(world: World, tmp_path: Path, method: str, role: Role) -> None:
    path = tmp_path / "copy.sqlite3"
    shutil.copyfile(world.path, path)
    db = Database(f"sqlite:///{path}")
    services = Services(db, FixedClock(TEST_NOW))
    row = TABLE[method]
    actor = world.actors[role]
    try:
        if role in row.allowed:
            row.call(services, actor, world, tmp_path)
        else:
            before = _events(db)
            with pytest.raises(PermissionDenied) as refused:
                row.call(services, actor, world, tmp_path)
            assert " / " in refused.value.message
            assert _events(db) == before, "a refused call wrote to the audit trail"
    finally:
        db.dispose()


def test_the_table_agrees_with_role_permissions() -> None:
    """Spot checks that the table and ROLE_PERMISSIONS say the same about the sensitive powers."""
    from intake_desk.services.permissions import ROLE_PERMISSIONS, Permission

    def holders(permission: Permission) -> frozenset[Role]:
        return frozenset(r for r, ps in ROLE_PERMISSIONS.items() if permission in ps)

    assert TABLE["accounts.add_user"].allowed == holders(Permission.USERS_MANAGE)
    assert TABLE["settings.put"].allowed == holders(Permission.SETTINGS_MANAGE)
    assert TABLE["audit.application_trail"].allowed == holders(Permission.AUDIT_VIEW)
    assert TABLE["exports.applications[full_ids]"].allowed == holders(Permission.EXPORT_FULL)
    assert TABLE["referrals.reveal_id"].allowed == holders(Permission.REVEAL_ID)
    assert TABLE["intake.submit"].allowed == holders(Permission.INTAKE_SUBMIT)


def test_a_fresh_migrated_database_is_what_the_world_starts_from(migrated_template: Path, tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    upgrade(db, backup_dir=tmp_path)
    assert _events(db) == 0
    db.dispose()


# -- one scope rule: a second hall ----------------------------------------------------------------------

OTHER_HALL = "HT02"
OTHER_HALL_NAME = "宋家桥街道便民服务中心"
# What identifies the first hall's records in any result or file: its code (in every receipt and referral
# number), its name, its applicants' and its clerks' names.
FIRST_HALL_MARKS = ("HT01", "月塘街道便民服务中心", "张三", "李四", "张小三", "张一", "张二", "张四", "张五", "张六",
                    "王丽", "李强")
# Not about one hall's records: the caller's own account and drafts, county-wide settings and calendar.
COUNTY_WIDE = {"settings.", "calendar.", "drafts.", "accounts.change_own_password", "accounts.must_change_password",
               "accounts.check_password", "accounts.add_hall"}


@dataclass(frozen=True)
class TwoHalls:
    path: Path
    world: World
    foreign: dict[Role, Actor]
    referral: int


@pytest.fixture(scope="module")
def two_halls(world: World, tmp_path_factory: pytest.TempPathFactory) -> TwoHalls:
    """The world plus a second hall with its own clerk, supervisor, administrator, medical officer and one
    referral (so every list has something of its own to show)."""
    from intake_desk.services.actor import SYSTEM
    from intake_desk.store.models import Hall

    path = tmp_path_factory.mktemp("two-halls") / "two.sqlite3"
    shutil.copyfile(world.path, path)
    db = Database(f"sqlite:///{path}")
    services = Services(db, FixedClock(TEST_NOW))
    with db.transaction() as session:
        session.add(Hall(code=OTHER_HALL, name=OTHER_HALL_NAME, created_at=TEST_NOW))
    foreign: dict[Role, Actor] = {}
    for role, username, name, department in ((C, "clerk2", "周敏", None), (S, "super2", "吴刚", None),
                                             (A, "admin2", "郑管理", None), (D, "yibao2", "钱医保", "medical")):
        services.accounts.add_user(SYSTEM, username, name, role, f"{username}-pass-1", hall_code=OTHER_HALL,
                                   department_code=department)
        foreign[role] = services.accounts.authenticate(username, f"{username}-pass-1")
    application = make_application(services, foreign[C], "周八", hall_code=OTHER_HALL,
                                   received=services.clock.now() - timedelta(days=2))
    referral = make_referral(services, foreign[S], application, "medical", RS.SENT, due_date=date(2026, 12, 31))
    db.dispose()
    return TwoHalls(path, world, foreign, referral)


def _files_text(folder: Path) -> str:
    import openpyxl

    parts = []
    for path in folder.rglob("*"):
        if path.suffix == ".csv":
            parts.append(path.read_text(encoding="utf-8-sig"))
        elif path.suffix == ".xlsx":
            book = openpyxl.load_workbook(path, read_only=True)
            parts.extend(str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row)
    return "\n".join(parts)


@pytest.mark.parametrize("method", sorted(m for m in TABLE if TABLE[m].allowed and not any(
    m.startswith(prefix) for prefix in COUNTY_WIDE)))
def test_another_halls_account_is_confined_to_its_hall(two_halls: TwoHalls, tmp_path: Path, method: str) -> None:
    """Every method, called by the second hall's account of a role allowed to call it, on the first hall's
    records: refused as not found (nothing written to the trail), or answered without anything of them."""
    from intake_desk.services.errors import NotFound

    path = tmp_path / "copy.sqlite3"
    shutil.copyfile(two_halls.path, path)
    db = Database(f"sqlite:///{path}")
    services = Services(db, FixedClock(TEST_NOW))
    row = TABLE[method]
    role = next(r for r in (C, S, D, A) if r in row.allowed)
    actor = two_halls.foreign[role]
    out = tmp_path / "out"
    out.mkdir()
    try:
        before = _events(db)
        try:
            result = row.call(services, actor, two_halls.world, out)
        except (NotFound, PermissionDenied) as refused:
            assert " / " in refused.message
            assert _events(db) == before, "a refused call wrote to the audit trail"
            return
        seen = repr(result) + _files_text(out)
        leaked = [mark for mark in FIRST_HALL_MARKS if mark in seen]
        assert not leaked, f"{method} as {role.value} of {OTHER_HALL} returned the first hall's {leaked}"
    finally:
        db.dispose()


def test_counts_of_another_hall_count_only_its_own(two_halls: TwoHalls) -> None:
    """Counts carry no names: each must equal what the second hall holds (one application, one referral)."""
    db = Database(f"sqlite:///{two_halls.path}")
    services = Services(db, FixedClock(TEST_NOW))
    clerk, supervisor, officer = (two_halls.foreign[r] for r in (C, S, D))
    try:
        assert services.applications.count(clerk) == 1
        assert services.queues.count(clerk)[0] == 1
        assert services.queues.count(officer)[0] == 1  # the hall's medical referral, not the first hall's
        assert services.queues.counts(supervisor).total == 1
        dashboard = services.statistics.dashboard(supervisor)
        assert dashboard.intake_total == 1 and sum(d.count for d in dashboard.open_referrals) == 1
        assert sum(d.count for d in services.statistics.intakes_per_day(
            supervisor, date(2026, 11, 1), date(2026, 11, 30))) == 1
        assert services.postchecks.count(clerk) == 0
        # The first hall's own supervisor still sees its six referrals and more, the county's sees both halls.
        first = two_halls.world.actors[S]
        assert services.queues.count(first)[0] >= 6
        from intake_desk.services.actor import SYSTEM

        services.accounts.add_user(SYSTEM, "county1", "县级负责人", S, "county1-pass-1", county=True)
        county = services.accounts.authenticate("county1", "county1-pass-1")
        assert services.queues.count(first)[0] + 1 == services.queues.count(county)[0]
    finally:
        db.dispose()
