"""大批量演示数据 – a county-sized database (up to millions of referrals) for benchmarks and demos.

The real rules decide everything; only the writing is done in bulk:

* every household is declared as facts, assessed by ``policy.means_test.assess`` and routed by
  ``policy.routing.propose_referrals`` (departments and referral deadlines from the policy pack,
  working days from the calendar with the database's overrides);
* the application's due date comes from ``policy.deadlines.review_due_date``;
* every referral's history is walked through ``policy.referral_states.next_status`` and each step
  is checked with ``services.referrals.may_act`` for the person taking it (clerk, department
  officer, supervisor; a clerk records department steps as a paper reply), so a referral never
  reaches a state the services would refuse;
* receipt numbers continue the hall's gap-free daily counters.

Halls, departments and accounts are created through the ordinary services. The rows of
households, persons, applications, declared facts, assessments, referrals and their events are
then written with ``executemany`` (SQLite) or ``COPY`` (PostgreSQL), a batch per transaction. The
audit trail records each batch as one ``demo.bulk_seed`` event naming what was generated: these
steps were not taken by people, and the trail says so.
"""

from __future__ import annotations

import json
import random
import time as timer
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake_desk.domain.enums import (
    ApplicationStatus,
    AssistanceType,
    Category,
    Channel,
    DisabilityCategory,
    Employment,
    ExpenseKind,
    Health,
    HousingCondition,
    HukouType,
    IncomeCategory,
    LabourCapacity,
    ReferralStatus,
    Relation,
    Role,
    SchoolingStage,
    Sex,
    SpecialCircumstance,
)
from intake_desk.domain.names import pinyin_initials
from intake_desk.domain.resident_id import make_resident_id
from intake_desk.policy.calendar import WorkCalendar, WorkingDayResult
from intake_desk.policy.deadlines import review_due_date
from intake_desk.policy.facts import ExpenseFact, HouseholdFacts, IncomeFact, MemberFacts
from intake_desk.policy.means_test import assess
from intake_desk.policy.pack import PackRegistry, PolicyPack
from intake_desk.policy.referral_states import ReferralAction, next_status
from intake_desk.policy.routing import ReferralProposal, propose_referrals
from intake_desk.services import audit
from intake_desk.services.accounts import AccountService, actor_of
from intake_desk.services.actor import SYSTEM, Actor
from intake_desk.services.clock import LOCAL_ZONE, FixedClock
from intake_desk.services.organisation import sync_departments
from intake_desk.services.referrals import PAPER_REPLY, load_calendar, may_act
from intake_desk.store.counters import receipt_number
from intake_desk.store.db import Database
from intake_desk.store.models import Application, Counter, Department, Hall, Referral, User

__all__ = ["DEMO_PASSWORD_SUFFIX", "SeedReport", "bulk_seed"]

A = ReferralAction
S = ReferralStatus
DEMO_PASSWORD_SUFFIX = "-demo-2026"
"""Accounts made here sign in with ``<user name>-demo-2026`` (demonstration data only)."""

HALLS = (
    ("YT", "荷塘区月塘街道便民服务中心"), ("SJQ", "荷塘区宋家桥街道便民服务中心"), ("XT", "荷塘区仙庾镇便民服务中心"),
    ("JSL", "芦淞区建设街道便民服务中心"), ("BSL", "芦淞区白关镇便民服务中心"), ("LLG", "石峰区龙头铺街道便民服务中心"),
    ("QYP", "石峰区清水塘街道便民服务中心"), ("TX", "天元区泰山路街道便民服务中心"), ("SZ", "天元区嵩山路街道便民服务中心"),
    ("LK", "渌口区渌口镇便民服务中心"), ("NY", "渌口区南洲镇便民服务中心"), ("LZ", "醴陵市来龙门街道便民服务中心"),
)
REGIONS = ("430202", "430203", "430204", "430211", "430212", "430223", "430224", "430225", "430281")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN_MALE = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欢阳建国志文海峰"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞燕玲桂英红梅琳丹萍雪婷慧秀兰凤洁琴云莉倩佳颖月晶"
RARE_NAMES = ("𠮷祥", "阿卜杜·热合曼", "㛃", "䶮")

OUTCOMES = {
    "education": ("已纳入学生资助，发放国家助学金 {n} 元", "已办理学费减免", "已落实生活补助 {n} 元"),
    "medical": ("已纳入医疗救助，住院自付部分救助比例 70%", "已资助参加城乡居民医保", "已办理门诊慢特病待遇"),
    "housing": ("已列入农村危房改造计划", "已安排公租房实物配租", "已发放租赁补贴 {n} 元/月"),
    "employment": ("已推荐公益性岗位", "已登记失业并提供职业介绍 3 次", "已安排职业技能培训"),
    "disability": ("已发放困难残疾人生活补贴", "已办理重度残疾人护理补贴", "已安排康复服务"),
    "emergency": ("已发放受灾人员生活救助 {n} 元", "已纳入冬春生活救助"),
    "charity": ("已链接慈善项目，发放救助金 {n} 元", "已安排志愿者帮扶"),
}
DECLINES = ("已享受同类救助，不重复受理", "经核实不符合条件", "材料不全且逾期未补充", "申请人放弃")
RETURNS = ("请补充诊断证明和费用清单", "请补充在校证明", "请补充房屋鉴定材料", "请补充失业登记证明", "请核实家庭成员信息")
CANCELS = ("申请人撤回申请", "重复转介", "已由其他渠道解决", "申请人未同意提供信息")


@dataclass
class SeedReport:
    households: int = 0
    persons: int = 0
    applications: int = 0
    referrals: int = 0
    events: int = 0
    seconds: float = 0.0
    by_status: dict[str, int] = field(default_factory=dict)
    overdue: int = 0
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (user name, password, role)

    def line(self) -> str:
        states = "，".join(f"{S(k).zh} {v}" for k, v in sorted(self.by_status.items()))
        return (f"{self.households} 户 / {self.applications} 件申请 / {self.referrals} 条转介（{states}；逾期 "
                f"{self.overdue}） / {self.events} 条转介记录，用时 {self.seconds:.1f} 秒 / "
                f"{self.households} households, {self.applications} applications, {self.referrals} referrals, "
                f"{self.events} referral events in {self.seconds:.1f} s")


# ------------------------------------------------------------------------------------------ people

@dataclass
class _Org:
    halls: list[tuple[int, str]]  # (id, code)
    clerks: dict[int, list[Actor]]  # hall id → clerks
    supervisors: dict[int, Actor]
    officers: dict[str, list[Actor]]  # department code → officers
    departments: dict[str, Department]
    logins: list[tuple[str, str, str]]


def _organisation(db: Database, pack: PolicyPack, now: datetime, hall_count: int) -> _Org:
    """Halls, departments and accounts, created through the ordinary services when missing."""
    accounts = AccountService(db, FixedClock(now))
    logins: list[tuple[str, str, str]] = []
    if accounts.needs_setup():
        code, name = HALLS[0]
        accounts.first_run_setup(code, name, "admin", "系统管理员", "admin" + DEMO_PASSWORD_SUFFIX,
                                 complaint_channel="12345 政务服务便民热线")
        logins.append(("admin", "admin" + DEMO_PASSWORD_SUFFIX, Role.ADMIN.zh))
    with db.transaction() as session:
        sync_departments(session, pack, now)
        existing = {h.code for h in session.scalars(select(Hall))}
        for code, name in HALLS[:hall_count]:
            if code not in existing:
                hall = Hall(code=code, name=name, phone=f"0731-2{zlib.crc32(code.encode()) % 10**7:07d}",
                            complaint_channel="12345 政务服务便民热线", created_at=now)
                session.add(hall)
                session.flush()
                audit.record(session, SYSTEM, "hall.create", "hall", code, {"name": name}, at=now)
    wanted: list[tuple[str, str, Role, str | None, str | None]] = []
    for i, (code, _) in enumerate(HALLS[:hall_count]):
        for k in range(1, 4):
            wanted.append((f"{code.lower()}-clerk{k}", _person_name(random.Random(i * 10 + k)), Role.CLERK, code, None))
        wanted.append((f"{code.lower()}-super", _person_name(random.Random(i * 10 + 7)), Role.SUPERVISOR, code, None))
    for j, spec in enumerate(pack.departments):
        for k in range(1, 3):
            wanted.append((f"{spec.code}{k}", _person_name(random.Random(900 + j * 10 + k)), Role.DEPARTMENT, None,
                           spec.code))
    with db.reading() as session:
        taken = set(session.scalars(select(User.username)))
    for username, display, role, hall_code, department_code in wanted:
        if username not in taken:
            accounts.add_user(SYSTEM, username, display, role, username + DEMO_PASSWORD_SUFFIX,
                              hall_code=hall_code, department_code=department_code)
            logins.append((username, username + DEMO_PASSWORD_SUFFIX, role.zh))
    with db.reading() as session:
        halls = [(h.id, h.code) for h in session.scalars(select(Hall).order_by(Hall.id))
                 if h.code in {c for c, _ in HALLS[:hall_count]}]
        users = [actor_of(session, u) for u in session.scalars(select(User).where(User.active).order_by(User.id))]
        departments = {d.code: d for d in session.scalars(select(Department).where(Department.active))}
        for d in departments.values():
            session.expunge(d)
    clerks: dict[int, list[Actor]] = {}
    supervisors: dict[int, Actor] = {}
    officers: dict[str, list[Actor]] = {}
    for actor in users:
        if actor.role is Role.CLERK and actor.hall_id is not None:
            clerks.setdefault(actor.hall_id, []).append(actor)
        elif actor.role is Role.SUPERVISOR and actor.hall_id is not None:
            supervisors.setdefault(actor.hall_id, actor)
        elif actor.role is Role.DEPARTMENT and actor.department_code:
            officers.setdefault(actor.department_code, []).append(actor)
    halls = [(i, c) for i, c in halls if i in clerks and i in supervisors]
    return _Org(halls, clerks, supervisors, officers, departments, logins)


def _person_name(rng: random.Random, sex: Sex | None = None) -> str:
    if rng.random() < 0.0005:
        return rng.choice(RARE_NAMES)
    given = GIVEN_FEMALE if sex is Sex.FEMALE else GIVEN_MALE if sex is Sex.MALE else GIVEN_MALE + GIVEN_FEMALE
    return rng.choice(SURNAMES) + "".join(rng.choice(given) for _ in range(rng.choice((1, 2, 2))))


# ------------------------------------------------------------------------------------------ households

@dataclass
class _Household:
    facts: HouseholdFacts
    names: list[str]
    initials: list[str]
    ids: list[str]
    sexes: list[Sex]
    address: str
    phone: str


class _People:
    """Unique resident ID numbers: per birth date and sex, a running count picks the region and sequence.

    Nine regions × 499 sequence numbers of each parity give 4,491 people per birth date and sex
    before a number could repeat; ``offset`` (from the seed) moves a second run onto other numbers.
    """

    def __init__(self, offset: int) -> None:
        self.offset = offset
        self.counts: dict[tuple[date, Sex], int] = {}

    def next_id(self, birth: date, sex: Sex) -> str:
        count = self.counts.get((birth, sex), 0)
        self.counts[(birth, sex)] = count + 1
        n = (count + self.offset) % (len(REGIONS) * 499)
        region = REGIONS[n % len(REGIONS)]
        seq = (n // len(REGIONS)) * 2 + (1 if sex is Sex.MALE else 2)
        return make_resident_id(region, birth, seq)


def _household(rng: random.Random, people: _People, pool: _Names, day: date) -> _Household:
    size = rng.choices((1, 2, 3, 4, 5, 6), weights=(18, 24, 24, 20, 10, 4))[0]
    head_age = rng.randint(24, 84)
    members: list[tuple[Relation, int]] = [(Relation.SELF, head_age)]
    if size >= 2:
        members.append((Relation.SPOUSE, max(20, head_age + rng.randint(-5, 5))))
    for _ in range(size - len(members)):
        if head_age > 62 and rng.random() < 0.4:
            members.append((Relation.GRANDCHILD, rng.randint(3, 17)))
        elif head_age < 40 and rng.random() < 0.3:
            members.append((Relation.PARENT, head_age + rng.randint(22, 32)))
        else:
            members.append((Relation.CHILD, max(0, head_age - rng.randint(20, 34))))
    housing = rng.choices(list(HousingCondition), weights=(80, 8, 4, 8))[0]
    circumstances: set[SpecialCircumstance] = set()
    if rng.random() < 0.12:
        circumstances.add(rng.choice(list(SpecialCircumstance)))
    hukou = rng.choice((HukouType.URBAN, HukouType.RURAL))
    facts_members: list[MemberFacts] = []
    names: list[str] = []
    initials_list: list[str] = []
    ids: list[str] = []
    sexes: list[Sex] = []
    surname_rng = rng.random()
    for relation, age in members:
        sex = Sex.MALE if rng.random() < 0.5 else Sex.FEMALE
        if relation is Relation.SPOUSE and sexes:
            sex = Sex.FEMALE if sexes[0] is Sex.MALE else Sex.MALE
        birth = day - timedelta(days=age * 365 + rng.randint(1, 360))
        resident_id = people.next_id(birth, sex)
        same_surname = relation in (Relation.CHILD, Relation.GRANDCHILD) and names and surname_rng < 0.8
        name, initials = pool.pick(rng, sex, names[0][0] if same_surname else None)
        health = rng.choices(list(Health), weights=(70, 22, 8))[0] if age > 40 else \
            rng.choices(list(Health), weights=(92, 6, 2))[0]
        disability = DisabilityCategory.NONE
        grade = None
        if rng.random() < 0.08:
            disability = rng.choice([d for d in DisabilityCategory if d is not DisabilityCategory.NONE])
            grade = rng.randint(1, 4)
        schooling = SchoolingStage.NONE
        if 6 <= age <= 22 and rng.random() < 0.9:
            schooling = (SchoolingStage.PRIMARY if age < 12 else SchoolingStage.JUNIOR if age < 15
                         else SchoolingStage.SENIOR if age < 18 else SchoolingStage.TERTIARY)
        elif 3 <= age < 6:
            schooling = SchoolingStage.PRESCHOOL
        if 16 <= age < 60 and schooling is SchoolingStage.NONE:
            labour = rng.choices(list(LabourCapacity), weights=(75, 15, 10))[0]
            employment = rng.choices((Employment.EMPLOYED, Employment.FARMING, Employment.SELF_EMPLOYED,
                                      Employment.UNEMPLOYED), weights=(35, 25, 10, 30))[0]
            if labour is LabourCapacity.NONE:
                employment = Employment.UNEMPLOYED
        elif schooling is not SchoolingStage.NONE:
            labour, employment = LabourCapacity.NONE, Employment.STUDENT
        elif age >= 60:
            labour = rng.choice((LabourCapacity.PARTIAL, LabourCapacity.NONE))
            employment = rng.choice((Employment.RETIRED, Employment.FARMING, Employment.NOT_APPLICABLE))
        else:
            labour, employment = LabourCapacity.NONE, Employment.NOT_APPLICABLE
        facts_members.append(MemberFacts(
            name=name, relation=relation, birth_date=birth, age=age, resident_id=resident_id, sex=sex,
            hukou_type=hukou, health=health, disability=disability, disability_grade=grade,
            disability_needs_treatment=grade is not None and rng.random() < 0.5, labour_capacity=labour,
            employment=employment, schooling=schooling))
        names.append(name)
        initials_list.append(initials)
        ids.append(resident_id)
        sexes.append(sex)
    incomes: list[IncomeFact] = []
    for i, member in enumerate(facts_members):
        if member.employment in (Employment.EMPLOYED, Employment.SELF_EMPLOYED, Employment.FARMING):
            category = {Employment.EMPLOYED: IncomeCategory.WAGES, Employment.FARMING: IncomeCategory.BUSINESS}.get(
                member.employment, IncomeCategory.BUSINESS)
            incomes.append(IncomeFact(member=i, category=category, amount_fen=rng.randint(6_000, 60_000) * 100))
        elif member.employment is Employment.RETIRED:
            incomes.append(IncomeFact(member=i, category=IncomeCategory.TRANSFER,
                                      amount_fen=rng.randint(1_500, 30_000) * 100))
    expenses: list[ExpenseFact] = []
    if any(m.health is not Health.HEALTHY for m in facts_members) and rng.random() < 0.6:
        sick = next(i for i, m in enumerate(facts_members) if m.health is not Health.HEALTHY)
        expenses.append(ExpenseFact(member=sick, kind=ExpenseKind.MEDICAL, amount_fen=rng.randint(2_000, 80_000) * 100))
    requested = {AssistanceType.DIBAO}
    if circumstances:
        requested.add(AssistanceType.TEMPORARY)
    if rng.random() < 0.1:
        requested = {AssistanceType.TEKUN} if head_age > 60 and size == 1 else requested
    facts = HouseholdFacts(
        members=tuple(facts_members), application_date=day, hukou_type=hukou, housing=housing,
        incomes=tuple(incomes), expenses=tuple(expenses), special_circumstances=frozenset(circumstances),
        requested=frozenset(requested), no_able_supporter=size == 1 and head_age > 60 and rng.random() < 0.5,
        fast_track=rng.random() < 0.45,
    )
    street = rng.choice(("建设路", "人民路", "新华路", "长江路", "红旗路", "株洲大道", "湘江路", "神农大道"))
    address = f"株洲市{street}{rng.randint(1, 399)}号{rng.randint(1, 12)}栋{rng.randint(101, 1806)}室"
    phone = f"1{rng.choice('3578')}{rng.randint(0, 9)}{rng.randint(10_000_000, 99_999_999)}"
    return _Household(facts, names, initials_list, ids, sexes, address, phone)


# ------------------------------------------------------------------------------------------ histories

@dataclass
class _Step:
    action: str
    from_status: ReferralStatus | None
    to_status: ReferralStatus
    at: datetime
    actor: Actor
    note: str


class _CachedCalendar(WorkCalendar):
    """The database's calendar with its answers remembered (the same few hundred days come up again)."""

    def __init__(self, calendar: WorkCalendar) -> None:
        super().__init__(calendar.overrides)
        self._added: dict[tuple[date, int], WorkingDayResult] = {}

    def add_working_days_checked(self, start: date, n: int) -> WorkingDayResult:
        key = (start, n)
        found = self._added.get(key)
        if found is None:
            found = self._added[key] = super().add_working_days_checked(start, n)
        return found


class _Names:
    """A pool of names with their pinyin initials worked out once (pypinyin is slow per call)."""

    def __init__(self, rng: random.Random, size: int = 6000) -> None:
        self.pools: dict[Sex, list[tuple[str, str]]] = {}
        for sex in (Sex.MALE, Sex.FEMALE):
            names = {_person_name(rng, sex) for _ in range(size)}
            self.pools[sex] = [(n, pinyin_initials(n)) for n in sorted(names)]
        self.rare = [(n, pinyin_initials(n)) for n in RARE_NAMES]
        self.initials = {n: i for pool in (*self.pools.values(), self.rare) for n, i in pool}

    def pick(self, rng: random.Random, sex: Sex, surname: str | None = None) -> tuple[str, str]:
        if rng.random() < 0.0005:
            return rng.choice(self.rare)
        name, initials = rng.choice(self.pools[sex])
        if surname and len(surname) == 1 and name[0] != surname:
            name = surname + name[1:]
            initials = self.initials.get(name) or self.initials.setdefault(name, pinyin_initials(name))
        return name, initials


class _Timeline:
    """Moments in office hours, a number of working days after another moment."""

    def __init__(self, calendar: WorkCalendar, rng: random.Random) -> None:
        self.calendar = calendar
        self.rng = rng

    def after(self, moment: datetime, working_days: int) -> datetime:
        local = moment.astimezone(LOCAL_ZONE)
        day = self.calendar.add_working_days(local.date(), working_days)
        if working_days == 0:
            return moment + timedelta(minutes=self.rng.randint(5, 90))
        minute = self.rng.randint(8 * 60 + 30, 17 * 60 + 30)
        return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=LOCAL_ZONE).astimezone(UTC)


def _history(rng: random.Random, timeline: _Timeline, proposal: ReferralProposal, department_id: int,
             start: datetime, now: datetime, clerk: Actor, supervisor: Actor,
             officers: Sequence[Actor]) -> tuple[list[_Step], bool]:
    """The steps a referral has gone through by ``now``, each a real transition by someone allowed.

    Returns the steps (the first is the creation) and whether consent was given.
    """
    consent = rng.random() < (0.75 if proposal.requires_consent else 0.9)
    status = S.PENDING if consent else S.PROPOSED
    steps = [_Step("create", None, status, start, clerk,
                   "窗口受理时确认转介；申请人已同意 / Confirmed at the desk; the applicant consented" if consent
                   else "窗口受理时确认转介；尚未取得申请人同意 / Confirmed at the desk; the applicant has not consented yet")]
    moment = start
    stall = rng.random() < 0.05  # some referrals stop somewhere and become overdue
    officer = rng.choice(officers) if officers else supervisor
    paper = not officers or rng.random() < 0.1
    department_actor = clerk if paper else officer

    def move(action: ReferralAction, actor: Actor, delay: int, note: str = "") -> bool:
        nonlocal status, moment, consent
        at = timeline.after(moment, delay)
        if at > now:
            return False
        if not may_act(actor, action, status, department_id):
            raise RuntimeError(f"{actor.role} may not {action} a {status} referral")  # a generator bug
        if action is A.CONFIRM:
            consent = True
        if paper and actor is clerk and action in (A.RECEIVE, A.START, A.COMPLETE, A.DECLINE, A.RETURN):
            note = f"{PAPER_REPLY}（{at.astimezone(LOCAL_ZONE):%Y-%m-%d}）" + (f"：{note}" if note else "")
        target = next_status(status, action, note)
        steps.append(_Step(action.value, status, target, at, actor, note))
        status, moment = target, at
        return True

    for _round in range(3):
        if status is S.PROPOSED:
            roll = rng.random()
            if roll < 0.15 or stall:
                if roll < 0.07 and not stall:
                    move(A.CANCEL, clerk, rng.randint(0, 3), rng.choice(CANCELS[-1:]))
                return steps, consent
            if not move(A.CONFIRM, clerk, rng.randint(0, 2), "申请人已补签同意书"):
                return steps, consent
        if status is S.PENDING and not move(A.SEND, clerk, rng.choice((0, 0, 1, 1, 2))):
            return steps, consent
        if stall and rng.random() < 0.3:
            return steps, consent
        if rng.random() < 0.01:
            move(A.CANCEL, supervisor, rng.randint(1, 5), rng.choice(CANCELS))
            return steps, consent
        if not move(A.RECEIVE, department_actor, rng.choice((0, 1, 1, 2, 3))):
            return steps, consent
        if stall and rng.random() < 0.4:
            return steps, consent
        roll = rng.random()
        if roll < 0.05:
            move(A.DECLINE, department_actor, rng.randint(0, 3), rng.choice(DECLINES))
            return steps, consent
        if roll < 0.09:
            if not move(A.RETURN, department_actor, rng.randint(0, 3), rng.choice(RETURNS)):
                return steps, consent
        else:
            if not move(A.START, department_actor, rng.choice((0, 1, 1, 2))):
                return steps, consent
            if stall:
                return steps, consent
            roll = rng.random()
            # Most finish within the time limit; some take longer than it.
            delay = rng.randint(1, proposal.working_days + (8 if rng.random() < 0.12 else -2))
            if roll < 0.88:
                outcome = rng.choice(OUTCOMES.get(proposal.department_code, ("已办结",))).format(
                    n=rng.choice((500, 800, 1000, 1500, 2000, 3000)))
                move(A.COMPLETE, department_actor, max(1, delay), outcome)
                return steps, consent
            if roll < 0.94:
                move(A.DECLINE, department_actor, max(1, delay), rng.choice(DECLINES))
                return steps, consent
            if not move(A.RETURN, department_actor, max(1, delay // 2), rng.choice(RETURNS)):
                return steps, consent
        # Returned: the desk supplements it and sends it again, or cancels it.
        if rng.random() < 0.2:
            move(A.CANCEL, supervisor, rng.randint(1, 5), rng.choice(CANCELS))
            return steps, consent
        if not move(A.RESUBMIT, clerk, rng.randint(1, 5), "已补充材料"):
            return steps, consent
    return steps, consent


# ------------------------------------------------------------------------------------------ writing

_COLUMNS: dict[str, tuple[str, ...]] = {
    "households": ("id", "hall_id", "head_person_id", "address", "hukou_type", "created_at", "updated_at"),
    "persons": ("id", "resident_id", "name", "name_initials", "sex", "birth_date", "phone", "household_id",
                "created_at", "updated_at"),
    "applications": ("id", "number", "hall_id", "household_id", "applicant_id", "applicant_name",
                     "applicant_initials", "status", "channel", "fast_track", "hukou_type", "housing", "address",
                     "phone", "special_circumstances", "special_note", "no_able_supporter", "category",
                     "household_size", "received_at", "received_on", "received_by_id", "due_date",
                     "calendar_fallback", "closed_at", "notes", "version", "updated_at", "updated_by_id"),
    "application_members": ("id", "application_id", "person_id", "position", "resident_id", "name", "relation",
                            "hukou_type", "health", "disability", "disability_grade", "disability_needs_treatment",
                            "labour_capacity", "employment", "schooling"),
    "application_incomes": ("id", "application_id", "member_id", "category", "amount_fen", "months", "exempt_item",
                            "note"),
    "application_expenses": ("id", "application_id", "member_id", "kind", "amount_fen", "note"),
    "requested_items": ("id", "application_id", "assistance_type"),
    "declarations": ("id", "application_id", "template_version", "template_hash", "signer_name", "method",
                     "consent_verification", "consent_report_changes", "consent_consequences",
                     "double_commitment", "signed_at", "witness_id"),
    "assessments": ("id", "application_id", "category", "per_capita_income_fen", "counted_income_fen",
                    "estimated_benefit_fen", "temporary_min_fen", "temporary_max_fen", "explanation",
                    "policy_locality", "policy_version", "policy_sha256", "created_at", "created_by_id"),
    "referrals": ("id", "number", "application_id", "hall_id", "department_id", "status", "rule", "reason", "facts",
                  "member_names", "applicant_name", "applicant_initials", "consent_given", "consent_at", "due_date",
                  "assigned_to_id", "created_at", "created_by_id", "sent_at", "finished_at", "outcome", "updated_at",
                  "updated_by_id", "version"),
    "referral_events": ("id", "referral_id", "at", "actor_id", "actor_name", "from_status", "to_status", "action",
                        "note"),
}
_ORDER = ("households", "persons", "applications", "application_members", "application_incomes",
          "application_expenses", "requested_items", "declarations", "assessments", "referrals", "referral_events")


class _Writer:
    """Bulk rows into the tables: ``executemany`` on SQLite, ``COPY`` on PostgreSQL."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.sqlite = db.is_sqlite
        self.connection = db.engine.raw_connection()
        raw = self.connection.driver_connection
        assert raw is not None
        self.raw: Any = raw
        if self.sqlite:
            cursor = self.raw.cursor()
            # A generated database: losing the last batch in a power cut is acceptable, and the
            # large page cache keeps index updates in memory.
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-1000000")
            cursor.close()

    def next_ids(self) -> dict[str, int]:
        cursor = self.raw.cursor()
        ids = {}
        for table in _ORDER:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
            ids[table] = int(cursor.fetchone()[0]) + 1
        cursor.close()
        return ids

    def existing_ids(self, numbers: Sequence[str]) -> set[str]:
        cursor = self.raw.cursor()
        found: set[str] = set()
        mark = "?" if self.sqlite else "%s"
        for start in range(0, len(numbers), 900):
            chunk = list(numbers[start:start + 900])
            cursor.execute(f"SELECT resident_id FROM persons WHERE resident_id IN ({','.join([mark] * len(chunk))})",
                           chunk)
            found.update(r[0] for r in cursor.fetchall())
        cursor.close()
        return found

    def write(self, batch: dict[str, list[tuple[Any, ...]]], counters: dict[tuple[str, date], int]) -> None:
        """One transaction: the batch's rows and the receipt counters they used."""
        cursor = self.raw.cursor()
        try:
            if self.sqlite:
                cursor.execute("BEGIN IMMEDIATE")
            for table in _ORDER:
                rows = batch.get(table)
                if not rows:
                    continue
                columns = _COLUMNS[table]
                if self.sqlite:
                    marks = ",".join("?" * len(columns))
                    convert = [i for i, c in enumerate(columns) if c in _CONVERTED]
                    cursor.executemany(f"INSERT INTO {table} ({','.join(columns)}) VALUES ({marks})",
                                       [_lite_row(row, convert) for row in rows])
                else:
                    with cursor.copy(f"COPY {table} ({','.join(columns)}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
            if counters:
                rows = [(scope, _lite(day) if self.sqlite else day, value) for (scope, day), value in counters.items()]
                if self.sqlite:
                    cursor.executemany("INSERT INTO counters (scope, day, value) VALUES (?, ?, ?) ON CONFLICT "
                                       "(scope, day) DO UPDATE SET value = MAX(value, excluded.value)", rows)
                else:
                    cursor.executemany("INSERT INTO counters (scope, day, value) VALUES (%s, %s, %s) ON CONFLICT "
                                       "(scope, day) DO UPDATE SET value = GREATEST(counters.value, excluded.value)",
                                       rows)
            if self.sqlite:
                cursor.execute("COMMIT")
            else:
                self.raw.commit()
                # Fresh statistics, or the planner of a table that grew from nothing scans all persons
                # to check the next batch's ID numbers (autovacuum lags behind a bulk load).
                cursor.execute("ANALYZE persons")
                self.raw.commit()
        except BaseException:
            if self.sqlite:
                self.raw.execute("ROLLBACK")
            else:
                self.raw.rollback()
            raise
        finally:
            cursor.close()

    def finish(self) -> None:
        if not self.sqlite:
            cursor = self.raw.cursor()
            for table in _ORDER:
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                               f"COALESCE((SELECT MAX(id) FROM {table}), 1))")
            self.raw.commit()
            cursor.close()
        else:
            self.raw.execute("PRAGMA synchronous=FULL")
        self.connection.close()


# Columns holding datetimes, dates or booleans, which SQLite receives as SQLAlchemy would write them.
_CONVERTED = frozenset({
    "created_at", "updated_at", "birth_date", "fast_track", "no_able_supporter", "received_at", "received_on",
    "due_date", "calendar_fallback", "closed_at", "disability_needs_treatment", "consent_verification",
    "consent_report_changes", "consent_consequences", "double_commitment", "signed_at", "consent_given",
    "consent_at", "sent_at", "finished_at", "at",
})


def _lite_row(row: tuple[Any, ...], convert: list[int]) -> tuple[Any, ...]:
    if not convert:
        return row
    values = list(row)
    for i in convert:
        values[i] = _lite(values[i])
    return tuple(values)


def _lite(value: Any) -> Any:
    """A value as SQLAlchemy stores it in SQLite (naive UTC datetimes, ISO dates, 0/1)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


# ------------------------------------------------------------------------------------------ the seed

def bulk_seed(db: Database, packs: PackRegistry, *, households: int | None = None, referrals: int | None = None,
              now: datetime | None = None, seed: int = 2026, hall_count: int = 12, days: int = 540,
              batch_size: int = 2000, progress: Callable[[SeedReport], None] | None = None) -> SeedReport:
    """Add ``households`` households (or as many as it takes to reach ``referrals`` referrals).

    Applications are received on working days over the last ``days`` days before ``now``, at the
    generated halls; referral histories run up to ``now``.
    """
    if (households is None) == (referrals is None):
        raise ValueError("give households or referrals")
    started = timer.perf_counter()
    now = now or datetime.now(UTC)
    today = now.astimezone(LOCAL_ZONE).date()
    pack = packs.pack_for(today)
    org = _organisation(db, pack, now, hall_count)
    with db.reading() as session:
        calendar = _CachedCalendar(load_calendar(session))
        counters = {(c.scope, c.day): c.value for c in session.scalars(select(Counter))}
    rng = random.Random(seed)
    timeline = _Timeline(calendar, rng)
    people = _People(seed * 7919)
    pool = _Names(rng)
    report = SeedReport(logins=org.logins)
    writer = _Writer(db)
    ids = writer.next_ids()
    days_pool = [today - timedelta(days=i) for i in range(days) if calendar.is_working_day(today - timedelta(days=i))]
    touched: dict[tuple[str, date], int] = {}
    from intake_desk.services.intake import commitment_hash

    hashes = {double: commitment_hash(pack, double) for double in (False, True)}
    try:
        while True:
            done = report.households >= households if households is not None else report.referrals >= (referrals or 0)
            if done:
                break
            batch: dict[str, list[tuple[Any, ...]]] = {t: [] for t in _ORDER}
            generated: list[tuple[_Household, date]] = []
            for _ in range(batch_size):
                day = rng.choice(days_pool)
                generated.append((_household(rng, people, pool, day), day))
            first = {table: ids[table] for table in ("applications", "referrals")}
            taken = writer.existing_ids([rid for h, _ in generated for rid in h.ids])
            if len(taken) > len(generated) // 2:
                raise ValueError("生成的身份证号码与库中已有人员重复，请换一个 --seed / The generated ID numbers are "
                                 "already in the database; choose another --seed")
            for household, day in generated:
                if households is not None and report.households >= households:
                    break
                if referrals is not None and report.referrals >= referrals:
                    break
                if taken.intersection(household.ids):
                    continue
                left = None if referrals is None else referrals - report.referrals
                _emit(batch, ids, household, day, rng, timeline, pack, org, now, today, counters, touched, report,
                      hashes, calendar, left)
            writer.write(batch, touched)
            touched.clear()
            with db.transaction() as session:
                audit.record(session, SYSTEM, "demo.bulk_seed", "database", "",
                             {"households": len(generated), "applications_total": report.applications,
                              "referrals_total": report.referrals, "seed": seed}, at=now)
                _attest(session, first, now)
            report.seconds = timer.perf_counter() - started
            if progress is not None:
                progress(report)
    finally:
        writer.finish()
    report.seconds = timer.perf_counter() - started
    return report


def _attest(session: Session, first: dict[str, int], now: datetime) -> None:
    """One event per application and referral of the batch, carrying its state digest, as the
    services' own submit and referral steps would leave: ``audit verify`` can then check them."""
    for entity, model in (("application", Application), ("referral", Referral)):
        numbers = session.scalars(select(model.number).where(model.id >= first[model.__tablename__])
                                  .order_by(model.id)).all()
        for start in range(0, len(numbers), 1000):
            audit.record_many(session, SYSTEM, [("demo.bulk_seed.attest", entity, number, None)
                                                for number in numbers[start:start + 1000]], at=now)


def _emit(batch: dict[str, list[tuple[Any, ...]]], ids: dict[str, int], household: _Household, day: date,
          rng: random.Random, timeline: _Timeline, pack: PolicyPack, org: _Org, now: datetime, today: date,
          counters: dict[tuple[str, date], int], touched: dict[tuple[str, date], int], report: SeedReport,
          hashes: dict[bool, str], calendar: WorkCalendar, referrals_left: int | None) -> None:
    facts = household.facts
    hall_id, hall_code = rng.choice(org.halls)
    clerk = rng.choice(org.clerks[hall_id])
    supervisor = org.supervisors[hall_id]
    minute = rng.randint(8 * 60 + 30, 17 * 60)
    received_at = datetime.combine(day, time(minute // 60, minute % 60, rng.randint(0, 59)),
                                   tzinfo=LOCAL_ZONE).astimezone(UTC)
    if received_at > now:
        received_at = now - timedelta(minutes=rng.randint(1, 60))
    assessment = assess(facts, pack)
    proposals = propose_referrals(facts, assessment, pack, calendar, day)
    if referrals_left is not None:
        proposals = proposals[:max(0, referrals_left)]
    deadline = review_due_date(pack, calendar, day, facts.requested, facts.fast_track)
    scope = f"receipt:{hall_code}"
    sequence = counters.get((scope, day), 0) + 1
    counters[(scope, day)] = sequence
    touched[(scope, day)] = sequence
    number = receipt_number(hall_code, day, sequence)

    household_id = ids["households"]
    ids["households"] += 1
    person_ids = list(range(ids["persons"], ids["persons"] + len(facts.members)))
    ids["persons"] += len(facts.members)
    batch["households"].append((household_id, hall_id, person_ids[0], household.address, facts.hukou_type.value,
                                received_at, received_at))
    for pid, member, name, initials, rid, sex in zip(person_ids, facts.members, household.names, household.initials,
                                                     household.ids, household.sexes, strict=True):
        batch["persons"].append((pid, rid, name, initials, sex.value, member.birth_date,
                                 household.phone if pid == person_ids[0] else "", household_id, received_at,
                                 received_at))
    application_id = ids["applications"]
    ids["applications"] += 1
    age_days = (today - day).days
    if deadline.due_date >= today or age_days < 20:
        status = ApplicationStatus.UNDER_REVIEW if age_days > 3 else ApplicationStatus.RECEIVED
    else:
        status = rng.choices((ApplicationStatus.APPROVED, ApplicationStatus.REJECTED, ApplicationStatus.CLOSED,
                              ApplicationStatus.UNDER_REVIEW), weights=(60, 15, 20, 5))[0]
    closed_at = None
    if not status.is_open:
        closed_at = timeline.after(received_at, rng.randint(3, 25))
        closed_at = min(closed_at, now)
    head = facts.members[0]
    batch["applications"].append((
        application_id, number, hall_id, household_id, person_ids[0], head.name, household.initials[0],
        status.value, rng.choices(list(Channel), weights=(80, 8, 8, 4))[0].value, facts.fast_track,
        facts.hukou_type.value, facts.housing.value, household.address, household.phone,
        json.dumps(sorted(c.value for c in facts.special_circumstances)), "", facts.no_able_supporter,
        assessment.category.value, len(facts.members), received_at, day, clerk.user_id, deadline.due_date,
        deadline.calendar_fallback, closed_at, "", 1, closed_at or received_at, clerk.user_id))
    member_ids = list(range(ids["application_members"], ids["application_members"] + len(facts.members)))
    ids["application_members"] += len(facts.members)
    for position, (mid, pid, member) in enumerate(zip(member_ids, person_ids, facts.members, strict=True)):
        batch["application_members"].append((
            mid, application_id, pid, position, member.resident_id, member.name, member.relation.value,
            member.hukou_type.value, member.health.value, member.disability.value, member.disability_grade,
            member.disability_needs_treatment, member.labour_capacity.value, member.employment.value,
            member.schooling.value))
    for income in facts.incomes:
        owner = member_ids[income.member] if isinstance(income.member, int) else None
        batch["application_incomes"].append((ids["application_incomes"], application_id, owner,
                                             income.category.value, income.amount_fen, income.months, None, ""))
        ids["application_incomes"] += 1
    for expense in facts.expenses:
        owner = member_ids[expense.member] if isinstance(expense.member, int) else None
        batch["application_expenses"].append((ids["application_expenses"], application_id, owner,
                                              expense.kind.value, expense.amount_fen, ""))
        ids["application_expenses"] += 1
    for assistance_type in sorted(facts.requested, key=lambda t: t.value):
        batch["requested_items"].append((ids["requested_items"], application_id, assistance_type.value))
        ids["requested_items"] += 1
    if facts.fast_track:
        double = rng.random() < 0.3
        batch["declarations"].append((ids["declarations"], application_id, pack.version, hashes[double], head.name,
                                      "signature", True, True, True, double, received_at, clerk.user_id))
        ids["declarations"] += 1
    batch["assessments"].append((
        ids["assessments"], application_id, assessment.category.value, assessment.per_capita_monthly_income_fen,
        assessment.counted_income_fen, assessment.estimated_monthly_benefit_fen,
        assessment.temporary_range_fen[0] if assessment.temporary_range_fen else None,
        assessment.temporary_range_fen[1] if assessment.temporary_range_fen else None,
        assessment.explanation, pack.locality, pack.version, pack.sha256, received_at, clerk.user_id))
    ids["assessments"] += 1
    report.households += 1
    report.persons += len(facts.members)
    report.applications += 1
    if assessment.category is Category.NOT_ELIGIBLE and rng.random() < 0.5:
        proposals = proposals[:1]
    for proposal in proposals:
        department = org.departments.get(proposal.department_code)
        if department is None:
            continue
        referral_id = ids["referrals"]
        ids["referrals"] += 1
        steps, consent = _history(rng, timeline, proposal, department.id, received_at, now, clerk, supervisor,
                                  org.officers.get(proposal.department_code, []))
        last = steps[-1]
        final = last.to_status
        sent_at = next((s.at for s in reversed(steps) if s.action == A.SEND.value), None)
        finished_at = last.at if final.is_final else None
        outcome = last.note if (final.is_final or final is S.RETURNED) and last.action != "create" else ""
        assigned = next((s.actor.user_id for s in steps if s.action == A.RECEIVE.value
                         and s.actor.role is Role.DEPARTMENT), None)
        consent_at = received_at if consent else None
        batch["referrals"].append((
            referral_id, f"{number}-{proposal.department_code.upper()}", application_id, hall_id, department.id,
            final.value, proposal.rule, proposal.reason, json.dumps(proposal.facts, ensure_ascii=False),
            "、".join(proposal.member_names)[:400], head.name, household.initials[0], consent, consent_at,
            proposal.due_date, assigned, received_at, clerk.user_id, sent_at, finished_at, outcome, last.at,
            last.actor.user_id, len(steps)))
        for step in steps:
            batch["referral_events"].append((
                ids["referral_events"], referral_id, step.at, step.actor.user_id, step.actor.display_name,
                step.from_status.value if step.from_status else None, step.to_status.value, step.action, step.note))
            ids["referral_events"] += 1
        report.referrals += 1
        report.events += len(steps)
        report.by_status[final.value] = report.by_status.get(final.value, 0) + 1
        if not final.is_final and proposal.due_date < today:
            report.overdue += 1

