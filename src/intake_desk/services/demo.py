"""演示数据 – a demonstration database filled through the real services (never raw SQL).

:func:`seed_demo` creates the hall (if there is none), one account per role with a known password
(shown on the sign-in screen of ``intake-desk demo``), and ``households`` realistic households received
over the last weeks: every assessment category, students, illness, disability, unemployment,
dangerous housing, a rare-character name (𠮷), a name with the middle dot (阿卜杜·热合曼) and a
nine-member household. Some applications and referrals are then moved on (under review, approved,
withdrawn …; sent, received, in progress, completed, declined, returned, cancelled) by the accounts
that would do it, so every queue has something in it. The same ``seed`` gives the same data.

Each day's intakes are submitted with :meth:`IntakeService.submit_batch` on a clock set to that day
(one transaction per hour of the day), so a large ``households`` stays quick while every intake
goes through the same validation, assessment, routing and numbering as at the desk.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta

from intake_desk.domain.enums import (
    ApplicationStatus,
    AssetKind,
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
    Rating,
    ReferralStatus,
    Relation,
    Role,
    SchoolingStage,
    SpecialCircumstance,
)
from intake_desk.domain.resident_id import make_resident_id
from intake_desk.policy.calendar import WorkCalendar
from intake_desk.policy.referral_states import ReferralAction
from intake_desk.services.actor import SYSTEM, Actor
from intake_desk.services.clock import LOCAL_ZONE, FixedClock
from intake_desk.services.context import Services
from intake_desk.services.errors import ServiceError
from intake_desk.services.intake import (
    AssetInput,
    DeclarationInput,
    ExpenseInput,
    IncomeInput,
    IntakeForm,
    IntakeService,
    MaterialInput,
    MemberInput,
    SignatureMethod,
    SubmitResult,
    preview_form,
    referral_choice,
)

__all__ = ["DEMO_HALL_CODE", "DemoAccount", "DemoSummary", "seed_demo"]

DEMO_HALL_CODE = "HT01"
DEMO_HALL_NAME = "荷塘区月塘街道便民服务中心"
DEMO_DAYS = 30  # working days of history before today


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: Role
    display_name: str
    department_code: str | None = None

    @property
    def label(self) -> str:
        return f"{self.role.zh} {self.display_name}"


@dataclass(frozen=True)
class DemoSummary:
    hall_code: str
    accounts: tuple[DemoAccount, ...]
    applications: int
    categories: Mapping[Category, int]
    referral_statuses: Mapping[ReferralStatus, int]
    application_statuses: Mapping[ApplicationStatus, int]
    first_number: str
    last_number: str
    notes: tuple[str, ...] = field(default=())

    @property
    def logins(self) -> tuple[tuple[str, str, str], ...]:
        """(user name, password, who) for the sign-in screen."""
        return tuple((a.username, a.password, a.label) for a in self.accounts)


# ------------------------------------------------------------------------------------------------
# people
# ------------------------------------------------------------------------------------------------

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈"
            "姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤")
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英",
         "霞", "平", "刚", "桂英", "建华", "国强", "春梅", "海燕", "志明", "小红", "子涵", "浩然", "欣怡", "梓轩",
         "雨桐", "宇航", "思琪", "俊杰", "冬生", "金花", "满仓", "玉兰")
DISTRICTS = (  # 株洲市 region codes and streets
    ("430202", "荷塘区", ("月塘街道", "茨菇塘街道", "金山街道"), False),
    ("430203", "芦淞区", ("建设街道", "贺家土街道", "建宁街道"), False),
    ("430204", "石峰区", ("清水塘街道", "响石岭街道", "田心街道"), False),
    ("430211", "天元区", ("嵩山路街道", "泰山路街道", "栗雨街道"), False),
    ("430212", "渌口区", ("南洲镇", "龙船镇", "淦田镇"), True),
    ("430223", "攸县", ("网岭镇", "皇图岭镇", "黄丰桥镇"), True),
    ("430224", "茶陵县", ("思聪街道", "严塘镇", "虎踞镇"), True),
    ("430225", "炎陵县", ("霞阳镇", "沔渡镇", "十都镇"), True),
    ("430281", "醴陵市", ("阳三石街道", "孙家湾镇", "浦口镇"), True),
)


class _People:
    """Deterministic names, unique resident IDs and addresses."""

    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng = rng
        self.today = today
        self.used: set[str] = set()

    def name(self, surname: str | None = None) -> str:
        return (surname or self.rng.choice(SURNAMES)) + self.rng.choice(GIVEN)

    def birth(self, age: int) -> date:
        """A birth date of someone exactly ``age`` today."""
        birthday = date(self.today.year - age, self.today.month, min(self.today.day, 28))
        return birthday - timedelta(days=self.rng.randint(1, 360))

    def resident_id(self, region: str, age: int, female: bool) -> str:
        while True:
            born = self.birth(age)
            seq = self.rng.randint(1, 499) * 2 - (0 if female else 1)
            number = make_resident_id(region, born, seq)
            if number not in self.used:
                self.used.add(number)
                return number

    def phone(self) -> str:
        return "1" + self.rng.choice("3578") + "".join(self.rng.choice("0123456789") for _ in range(9))

    def place(self, rural: bool | None = None) -> tuple[str, str, bool]:
        choices = [d for d in DISTRICTS if rural is None or d[3] == rural]
        region, district, streets, is_rural = self.rng.choice(choices)
        street = self.rng.choice(streets)
        if is_rural:
            address = f"株洲市{district}{street}{self.rng.choice('东南西北新')}{self.rng.choice('塘山湾冲岭')}村{self.rng.randint(1, 12)}组"
        else:
            address = (f"株洲市{district}{street}{self.rng.choice(('建设', '红旗', '新华', '人民', '团结'))}路"
                       f"{self.rng.randint(1, 200)}号{self.rng.randint(1, 12)}栋{self.rng.randint(1, 6)}单元"
                       f"{self.rng.randint(1, 18)}0{self.rng.randint(1, 4)}")
        return region, address, is_rural


def _yuan(amount: int) -> int:
    return amount * 100


# ------------------------------------------------------------------------------------------------
# household archetypes: each returns a form without materials, declaration or referrals
# ------------------------------------------------------------------------------------------------

Maker = Callable[[_People], IntakeForm]


def _member(p: _People, region: str, name: str, relation: Relation, age: int, female: bool, **details: object) -> MemberInput:
    return MemberInput(p.resident_id(region, age, female), name, relation, **details)  # type: ignore[arg-type]


def _worker_family(p: _People, *, head_name: str | None = None) -> IntakeForm:
    """低保 (urban): one earner, an unemployed spouse, a child at school."""
    region, address, _ = p.place(rural=False)
    surname = p.rng.choice(SURNAMES)
    head_age = p.rng.randint(34, 50)
    child_age = p.rng.randint(7, 17)
    members = (
        _member(p, region, head_name or p.name(surname), Relation.SELF, head_age, False, employment=Employment.EMPLOYED),
        _member(p, region, p.name(), Relation.SPOUSE, head_age - p.rng.randint(0, 4), True,
                employment=Employment.UNEMPLOYED),
        _member(p, region, p.name(surname), Relation.CHILD, child_age, p.rng.random() < 0.5,
                employment=Employment.STUDENT,
                schooling=SchoolingStage.PRIMARY if child_age < 13 else SchoolingStage.JUNIOR if child_age < 16
                else SchoolingStage.SENIOR),
    )
    monthly = p.rng.randint(12, 19) * 100
    return IntakeForm(members=members, hukou_type=HukouType.URBAN, address=address, phone=p.phone(),
                      incomes=(IncomeInput(0, IncomeCategory.WAGES, _yuan(monthly) * 12),),
                      requested_types=(AssistanceType.DIBAO,))


def _tekun_elder(p: _People) -> IntakeForm:
    """特困 (rural): an old person alone, no labour capacity, nobody able to support them."""
    region, address, _ = p.place(rural=True)
    female = p.rng.random() < 0.5
    members = (_member(p, region, p.name(), Relation.SELF, p.rng.randint(68, 88), female,
                       health=Health.CHRONIC, labour_capacity=LabourCapacity.NONE, employment=Employment.NOT_APPLICABLE),)
    return IntakeForm(members=members, hukou_type=HukouType.RURAL, address=address, phone=p.phone(),
                      incomes=(IncomeInput(0, IncomeCategory.TRANSFER, _yuan(p.rng.randint(100, 160)) * 12,
                                           note="城乡居民基础养老金"),),
                      no_able_supporter=True, requested_types=(AssistanceType.TEKUN,))


def _marginal_family(p: _People) -> IntakeForm:
    """低保边缘 (urban): two low earners, two children."""
    region, address, _ = p.place(rural=False)
    surname = p.rng.choice(SURNAMES)
    age = p.rng.randint(35, 48)
    members = (
        _member(p, region, p.name(surname), Relation.SELF, age, False, employment=Employment.EMPLOYED),
        _member(p, region, p.name(), Relation.SPOUSE, age - 2, True, employment=Employment.EMPLOYED),
        _member(p, region, p.name(surname), Relation.CHILD, p.rng.randint(8, 15), True, employment=Employment.STUDENT,
                schooling=SchoolingStage.PRIMARY),
        _member(p, region, p.name(surname), Relation.CHILD, p.rng.randint(3, 5), False),
    )
    total = p.rng.randint(29, 40) * 100  # per capita 725–1,000 元
    return IntakeForm(members=members, hukou_type=HukouType.URBAN, address=address, phone=p.phone(),
                      incomes=(IncomeInput(0, IncomeCategory.WAGES, _yuan(total - 1500) * 12),
                               IncomeInput(1, IncomeCategory.WAGES, _yuan(1500) * 12)),
                      requested_types=(AssistanceType.MARGINAL,))


def _expenditure_family(p: _People) -> IntakeForm:
    """刚性支出困难 (urban): income above the marginal line, a serious illness eats it."""
    region, address, _ = p.place(rural=False)
    surname = p.rng.choice(SURNAMES)
    age = p.rng.randint(40, 55)
    members = (
        _member(p, region, p.name(surname), Relation.SELF, age, False, employment=Employment.EMPLOYED),
        _member(p, region, p.name(), Relation.SPOUSE, age - 3, True, health=Health.SERIOUS,
                labour_capacity=LabourCapacity.NONE, employment=Employment.NOT_APPLICABLE),
        _member(p, region, p.name(surname), Relation.CHILD, p.rng.randint(18, 21), False, employment=Employment.STUDENT,
                schooling=SchoolingStage.TERTIARY),
    )
    monthly = p.rng.randint(33, 40) * 100  # per capita 1,100–1,333 元
    return IntakeForm(members=members, hukou_type=HukouType.URBAN, address=address, phone=p.phone(),
                      incomes=(IncomeInput(0, IncomeCategory.WAGES, _yuan(monthly) * 12),),
                      expenses=(ExpenseInput(1, ExpenseKind.MEDICAL, _yuan(p.rng.randint(28, 60) * 1000),
                                             note="尿毒症透析自付部分"),
                                ExpenseInput(2, ExpenseKind.EDUCATION, _yuan(6500), note="大学学费")),
                      requested_types=(AssistanceType.EXPENDITURE, AssistanceType.MEDICAL))


def _emergency_family(p: _People) -> IntakeForm:
    """临时救助 (rural): income above the lines, then a disaster, accident or sudden illness."""
    region, address, _ = p.place(rural=True)
    surname = p.rng.choice(SURNAMES)
    age = p.rng.randint(30, 55)
    circumstance = p.rng.choice((SpecialCircumstance.DISASTER, SpecialCircumstance.ACCIDENT,
                                 SpecialCircumstance.SUDDEN_ILLNESS))
    members = (
        _member(p, region, p.name(surname), Relation.SELF, age, False, employment=Employment.FARMING,
                health=Health.SERIOUS if circumstance is SpecialCircumstance.SUDDEN_ILLNESS else Health.HEALTHY),
        _member(p, region, p.name(), Relation.SPOUSE, age - 1, True, employment=Employment.FARMING),
    )
    notes = {SpecialCircumstance.DISASTER: "7 月洪水冲毁住房一间、稻田 3 亩",
             SpecialCircumstance.ACCIDENT: "户主务工时摔伤，住院两个月",
             SpecialCircumstance.SUDDEN_ILLNESS: "户主突发脑溢血住院"}
    types = [AssistanceType.TEMPORARY] + ([AssistanceType.DISASTER] if circumstance is SpecialCircumstance.DISASTER else [])
    return IntakeForm(members=members, hukou_type=HukouType.RURAL, address=address, phone=p.phone(),
                      housing=HousingCondition.DANGEROUS if circumstance is SpecialCircumstance.DISASTER
                      else HousingCondition.ADEQUATE,
                      incomes=(IncomeInput(0, IncomeCategory.BUSINESS, _yuan(p.rng.randint(18, 26) * 1000),
                                           note="种粮、养殖经营净收入"),),
                      special_circumstances=(circumstance,), special_note=notes[circumstance],
                      requested_types=tuple(types))


def _comfortable_family(p: _People) -> IntakeForm:
    """不符合 (urban): asked for dibao, but income and savings are well above the lines."""
    region, address, _ = p.place(rural=False)
    age = p.rng.randint(45, 60)
    members = (
        _member(p, region, p.name(), Relation.SELF, age, False, employment=Employment.EMPLOYED),
        _member(p, region, p.name(), Relation.SPOUSE, age - 2, True, employment=Employment.RETIRED),
    )
    return IntakeForm(members=members, hukou_type=HukouType.URBAN, address=address, phone=p.phone(),
                      incomes=(IncomeInput(0, IncomeCategory.WAGES, _yuan(p.rng.randint(45, 70) * 100) * 12),
                               IncomeInput(1, IncomeCategory.TRANSFER, _yuan(2600) * 12, note="退休金")),
                      assets=(AssetInput(None, AssetKind.DEPOSIT, _yuan(p.rng.randint(5, 20) * 10_000)),),
                      requested_types=(AssistanceType.DIBAO,))


def _disabled_member_family(p: _People) -> IntakeForm:
    """低保 (rural) with a severely disabled member who needs treatment."""
    region, address, _ = p.place(rural=True)
    surname = p.rng.choice(SURNAMES)
    age = p.rng.randint(45, 58)
    members = (
        _member(p, region, p.name(surname), Relation.SELF, age, False, employment=Employment.FARMING),
        _member(p, region, p.name(), Relation.SPOUSE, age - 2, True, employment=Employment.FARMING,
                health=Health.CHRONIC),
        _member(p, region, p.name(surname), Relation.CHILD, p.rng.randint(19, 28), p.rng.random() < 0.5,
                disability=p.rng.choice((DisabilityCategory.INTELLECTUAL, DisabilityCategory.PHYSICAL)),
                disability_grade=p.rng.choice((1, 2)), disability_needs_treatment=True,
                labour_capacity=LabourCapacity.NONE, employment=Employment.NOT_APPLICABLE),
    )
    return IntakeForm(members=members, hukou_type=HukouType.RURAL, address=address, phone=p.phone(),
                      incomes=(IncomeInput(None, IncomeCategory.BUSINESS, _yuan(p.rng.randint(7, 12) * 1000),
                                           note="种植经营净收入"),
                               IncomeInput(2, IncomeCategory.TRANSFER, _yuan(90) * 12,
                                           exempt_item="disability_subsidy", note="重度残疾人护理补贴")),
                      requested_types=(AssistanceType.DIBAO, AssistanceType.MEDICAL))


def _dangerous_house_family(p: _People) -> IntakeForm:
    """低保 (rural) in a dangerous house, a jobless son of working age."""
    region, address, _ = p.place(rural=True)
    surname = p.rng.choice(SURNAMES)
    age = p.rng.randint(55, 64)
    members = (
        _member(p, region, p.name(surname), Relation.SELF, age, False, employment=Employment.FARMING),
        _member(p, region, p.name(surname), Relation.CHILD, p.rng.randint(24, 35), False,
                employment=Employment.UNEMPLOYED),
    )
    return IntakeForm(members=members, hukou_type=HukouType.RURAL, address=address, phone=p.phone(),
                      housing=HousingCondition.DANGEROUS,
                      incomes=(IncomeInput(0, IncomeCategory.BUSINESS, _yuan(p.rng.randint(6, 11) * 1000),
                                           note="种植经营净收入"),),
                      requested_types=(AssistanceType.DIBAO, AssistanceType.HOUSING))


def _nine_member_family(p: _People) -> IntakeForm:
    """低保 (rural): three generations, nine people, four at school."""
    region, address, _ = p.place(rural=True)
    surname = p.rng.choice(SURNAMES)
    age = p.rng.randint(38, 45)
    members = [
        _member(p, region, p.name(surname), Relation.SELF, age, False, employment=Employment.EMPLOYED),
        _member(p, region, p.name(), Relation.SPOUSE, age - 2, True, employment=Employment.FARMING),
        _member(p, region, p.name(surname), Relation.PARENT, age + 27, False, health=Health.CHRONIC,
                labour_capacity=LabourCapacity.NONE, employment=Employment.NOT_APPLICABLE),
        _member(p, region, p.name(), Relation.PARENT, age + 25, True, labour_capacity=LabourCapacity.PARTIAL,
                employment=Employment.FARMING),
        _member(p, region, p.name(surname), Relation.SIBLING, age - 6, False, employment=Employment.UNEMPLOYED),
    ]
    for k, (years, stage) in enumerate(((17, SchoolingStage.SENIOR), (14, SchoolingStage.JUNIOR),
                                        (10, SchoolingStage.PRIMARY), (5, SchoolingStage.PRESCHOOL))):
        members.append(_member(p, region, p.name(surname), Relation.CHILD, years, k % 2 == 1,
                               employment=Employment.STUDENT, schooling=stage))
    return IntakeForm(members=tuple(members), hukou_type=HukouType.RURAL, address=address, phone=p.phone(),
                      incomes=(IncomeInput(0, IncomeCategory.WAGES, _yuan(3000) * 12, note="外出务工"),
                               IncomeInput(None, IncomeCategory.BUSINESS, _yuan(9000), note="种植经营净收入")),
                      requested_types=(AssistanceType.DIBAO, AssistanceType.EDUCATION))


def _zhang_san_family(p: _People) -> IntakeForm:
    """The household the window's search hint names: 张三 (typing zs finds him)."""
    return _worker_family(p, head_name="张三")


def _rare_character_family(p: _People) -> IntakeForm:
    form = _worker_family(p, head_name="𠮷" + p.rng.choice(("祥", "庆", "昌")))
    return form


def _middle_dot_household(p: _People) -> IntakeForm:
    """低保 (urban): 阿卜杜·热合曼, out of work, and his mother."""
    region, address, _ = p.place(rural=False)
    members = (
        _member(p, region, "阿卜杜·热合曼", Relation.SELF, 41, False, employment=Employment.UNEMPLOYED),
        _member(p, region, "古丽·热合曼", Relation.PARENT, 72, True, health=Health.CHRONIC,
                labour_capacity=LabourCapacity.NONE, employment=Employment.NOT_APPLICABLE),
    )
    return IntakeForm(members=members, hukou_type=HukouType.URBAN, address=address, phone=p.phone(),
                      incomes=(IncomeInput(1, IncomeCategory.TRANSFER, _yuan(160) * 12, note="城乡居民养老金"),),
                      requested_types=(AssistanceType.DIBAO, AssistanceType.EMPLOYMENT))


FIRST: tuple[Maker, ...] = (
    _zhang_san_family, _tekun_elder, _marginal_family, _expenditure_family, _emergency_family, _comfortable_family,
    _disabled_member_family, _dangerous_house_family, _nine_member_family, _rare_character_family,
    _middle_dot_household,
)
# After the first of each, the common cases come more often.
WEIGHTED: tuple[tuple[Maker, int], ...] = (
    (_worker_family, 5), (_tekun_elder, 2), (_marginal_family, 3), (_expenditure_family, 2), (_emergency_family, 2),
    (_comfortable_family, 2), (_disabled_member_family, 2), (_dangerous_house_family, 2), (_nine_member_family, 1),
)


def _finish(p: _People, form: IntakeForm, intake: IntakeService, calendar: WorkCalendar) -> IntakeForm:
    """Materials, maybe a declaration, referrals with consent, channel: what the clerk adds at the desk."""
    rng = p.rng
    today = intake.clock.today()
    pack = intake.pack(today)
    materials: list[MaterialInput] = []
    has = {
        "disability_certificate": any(m.disability is not DisabilityCategory.NONE for m in form.members),
        "medical_records": any(m.health is not Health.HEALTHY for m in form.members),
        "student_certificate": any(m.schooling is not SchoolingStage.NONE for m in form.members),
    }
    for assistance_type in form.requested_types:
        for item in pack.materials_for(assistance_type):
            if item.required or has.get(item.code, False):
                materials.append(MaterialInput(assistance_type, item.code, item.name, received=rng.random() < 0.8))
    applicant = form.members[form.applicant_index]
    declaration = None
    if rng.random() < 0.7:
        declaration = DeclarationInput(applicant.name, method=SignatureMethod.FINGERPRINT if rng.random() < 0.1
                                       else SignatureMethod.SIGNATURE, double_commitment=rng.random() < 0.3)
    channel = Channel.WINDOW if rng.random() < 0.85 else rng.choice((Channel.PROXY, Channel.DISCOVERED))
    form = replace(form, materials=tuple(materials), declaration=declaration, channel=channel)
    preview = preview_form(form, today, pack, calendar)  # what the desk shows, without a read per household
    referrals = tuple(
        referral_choice(proposal, consent_given=rng.random() < (0.5 if proposal.requires_consent else 0.9))
        for proposal in preview.referrals
    )
    return replace(form, referrals=referrals)


# ------------------------------------------------------------------------------------------------
# accounts
# ------------------------------------------------------------------------------------------------

OFFICER_NAMES = {"education": "陈老师", "medical": "刘科长", "housing": "周工", "employment": "孙主任",
                 "disability": "郑干事", "emergency": "吴科长", "charity": "何秘书长"}


def _accounts(services: Services) -> tuple[list[DemoAccount], dict[str, Actor]]:
    accounts: list[DemoAccount] = []
    if services.accounts.needs_setup():
        services.accounts.first_run_setup(DEMO_HALL_CODE, DEMO_HALL_NAME, "admin", "系统管理员（演示）", "admin1234",
                                          hall_phone="0731-22881234",
                                          complaint_channel="12345 政务服务便民热线")
        accounts.append(DemoAccount("admin", "admin1234", Role.ADMIN, "系统管理员（演示）"))
    services.organisation.sync_departments_from_pack()
    hall = services.organisation.hall(SYSTEM)
    assert hall is not None
    taken = {u.username for u in services.accounts.list_users(SYSTEM)}
    wanted = [DemoAccount("clerk", "clerk1234", Role.CLERK, "王丽"),
              DemoAccount("clerk2", "clerk21234", Role.CLERK, "赵敏"),
              DemoAccount("supervisor", "supervisor1234", Role.SUPERVISOR, "李强")]
    wanted += [DemoAccount(d.code, f"{d.code}1234", Role.DEPARTMENT, f"{d.name} {OFFICER_NAMES.get(d.code, '经办人')}",
                           d.code) for d in services.organisation.departments()]
    for account in wanted:
        if account.username not in taken:
            services.accounts.add_user(SYSTEM, account.username, account.display_name, account.role,
                                       account.password, hall_code=None if account.department_code else hall.code,
                                       department_code=account.department_code)
            accounts.append(account)
    actors = {a.username: services.accounts.authenticate(a.username, a.password) for a in accounts}
    return accounts, actors


# ------------------------------------------------------------------------------------------------
# seeding
# ------------------------------------------------------------------------------------------------


def _days(today: date, count: int) -> list[date]:
    """The last ``count`` working days before today, and today if it is one, oldest first."""
    calendar = WorkCalendar()
    days: list[date] = []
    day = today
    while len(days) < count:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            days.append(day)
    return sorted(days) + ([today] if calendar.is_working_day(today) else [])


def _at(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LOCAL_ZONE)


def seed_demo(services: Services, households: int = 40, *, seed: int = 1) -> DemoSummary:
    """Fill the database with demonstration data through the services; see the module docstring."""
    rng = random.Random(seed)
    now = services.clock.now()
    today = services.clock.today()
    accounts, actors = _accounts(services)
    clerk = actors.get("clerk") or actors.get("clerk2")
    if clerk is None:
        raise ServiceError("演示账户已存在但密码未知，请使用新的数据库 / The demo accounts exist already with "
                           "unknown passwords; use a fresh database")
    clerks = [a for a in (actors.get("clerk"), actors.get("clerk2")) if a is not None]
    people = _People(rng, today)

    makers: list[Maker] = list(FIRST[:households])
    pool = [maker for maker, weight in WEIGHTED for _ in range(weight)]
    while len(makers) < households:
        makers.append(rng.choice(pool))

    # Spread over the last working days, oldest first; today only up to now.
    days = _days(today, DEMO_DAYS)
    by_day: dict[date, list[Maker]] = {}
    for index, maker in enumerate(makers):
        by_day.setdefault(days[index * len(days) // households], []).append(maker)
    plan: list[tuple[datetime, Maker]] = []
    for day, day_makers in by_day.items():
        step = max(1, 480 // len(day_makers))
        for slot, maker in enumerate(day_makers):
            at = _at(day, 8, 30) + timedelta(minutes=slot * step, seconds=slot % 60)
            if at > now:
                at = now - timedelta(seconds=len(day_makers) - slot)
            plan.append((at, maker))
    plan.sort(key=lambda item: item[0])

    results: list[tuple[SubmitResult, datetime]] = []
    batch: list[IntakeForm] = []
    batch_hour: datetime | None = None
    batch_clerk = clerks[0]
    desk_clock = FixedClock(now)
    desk = IntakeService(services.db, desk_clock, services.packs)  # the desk, its clock set to each hour
    with services.db.reading() as session:
        calendar = IntakeService.read_calendar(session)

    def flush_batch() -> None:
        nonlocal batch
        if batch and batch_hour is not None:
            for result in desk.submit_batch(batch_clerk, batch, acknowledge_open=True):
                results.append((result, batch_hour))
        batch = []

    for at, maker in plan:
        hour = min(at.replace(minute=0, second=0, microsecond=0), now)
        if hour != batch_hour:
            flush_batch()
            batch_hour = hour
            desk_clock.at = hour.astimezone(UTC)
            batch_clerk = clerks[len(results) % len(clerks)]
        batch.append(_finish(people, maker(people), desk, calendar))
    flush_batch()

    notes = _move_on(services, actors, results, now)
    notes += _follow_through(services, actors, now)
    from intake_desk.services.demo_discovery import seed_discovery

    notes += seed_discovery(services, actors.get("supervisor") or clerk, clerk, rng)
    categories = Counter(r.category for r, _ in results)
    application_statuses = {s: n for s in ApplicationStatus if (n := services.applications.count(clerk, status=s))}
    referral_statuses: Counter[ReferralStatus] = Counter()
    for result, _ in results[:MAX_MOVED_APPLICATIONS]:
        for referral in services.applications.get(clerk, result.number).referrals:
            referral_statuses[referral.status] += 1
    return DemoSummary(
        hall_code=clerk.hall_code or DEMO_HALL_CODE, accounts=tuple(accounts), applications=len(results),
        categories=dict(categories), referral_statuses=dict(referral_statuses),
        application_statuses=application_statuses,
        first_number=results[0][0].number if results else "", last_number=results[-1][0].number if results else "",
        notes=tuple(notes),
    )


# ------------------------------------------------------------------------------------------------
# later states
# ------------------------------------------------------------------------------------------------

# Callbacks of the demo, in turn: (reached, rating, help arrived, comment); None = no answer this time.
_CALLBACKS: tuple[tuple[bool, Rating | None, bool | None, str] | None, ...] = (
    (True, Rating.VERY_SATISFIED, True, "办得很快，谢谢"),
    (True, Rating.SATISFIED, True, ""),
    (True, Rating.DISSATISFIED, False, "说好的补助还没有到账"),
    None,
    (True, Rating.BASICALLY_SATISFIED, True, "跑了两趟，希望材料一次说清"),
    (True, Rating.VERY_DISSATISFIED, False, "部门一直没有联系我"),
)


def _follow_through(services: Services, actors: Mapping[str, Actor], now: datetime) -> list[str]:
    """督办与回访: the rungs reached by today are recorded, callbacks are made (some not answered, some
    rated poorly, which opens follow-ups) and the supervisor closes one follow-up."""
    from intake_desk.services.callbacks import CallbackService
    from intake_desk.services.urging import UrgingService

    notes: list[str] = []
    clerk = actors.get("clerk") or next(iter(actors.values()))
    supervisor = actors.get("supervisor") or clerk
    clock = FixedClock(now)
    UrgingService(services.db, clock, services.packs).sync(supervisor)
    callbacks = CallbackService(services.db, clock, services.packs)
    unanswered = 0
    for turn, callback in enumerate(callbacks.callbacks(clerk, "open", limit=len(_CALLBACKS) * 2)):
        answer = _CALLBACKS[turn % len(_CALLBACKS)]
        try:
            if answer is None:  # nobody answers, three times: the callback closes as unreachable
                row = callback
                while row.status == "open":
                    row = callbacks.record_callback(clerk, row.id, row.version, reached=False)
                unanswered += 1
            else:
                reached, rating, arrived, comment = answer
                callbacks.record_callback(clerk, callback.id, callback.version, reached=reached, rating=rating,
                                          help_arrived=arrived, comment=comment)
        except ServiceError as exc:
            notes.append(f"{callback.subject_number}: {exc.message}")
    follow_ups = callbacks.follow_ups(supervisor, "open")
    if follow_ups and supervisor.role is Role.SUPERVISOR:
        first = follow_ups[0]
        callbacks.close_follow_up(supervisor, first.id, first.version,
                                  action_taken="已与相关部门协调，款项已于本周发放，并向申请人说明了办理进度",
                                  second_reached=True, second_rating=Rating.SATISFIED, second_comment="已收到")
    return notes

# What happens next to a referral that left the desk pending, cycled so every state appears.
_PENDING_PATHS: tuple[tuple[str, ...], ...] = (
    (), ("send",), ("send", "receive"), ("send", "receive", "start"), ("send", "receive", "start", "complete"),
    ("send", "receive", "decline"), ("send", "receive", "start", "return"), ("cancel",),
    ("send", "paper_complete"), ("send", "receive", "start", "return", "resubmit"),
)
_PROPOSED_PATHS: tuple[tuple[str, ...], ...] = ((), ("confirm", "send"), ("dismiss",))
_OUTCOMES = {
    "education": "已纳入家庭经济困难学生资助，发放国家助学金",
    "medical": "已按规定给予医疗救助，一站式结算",
    "housing": "已列入农村危房改造计划",
    "employment": "已推荐公益性岗位并安排职业技能培训",
    "disability": "已办理残疾人两项补贴",
    "emergency": "已发放受灾人员生活救助金",
    "charity": "已链接慈善项目给予一次性帮扶",
}
MAX_MOVED_APPLICATIONS = 120
MAX_MOVED_REFERRALS = 300


def _move_on(services: Services, actors: Mapping[str, Actor],
             results: list[tuple[SubmitResult, datetime]], now: datetime) -> list[str]:
    """Move a bounded number of older applications and referrals into their later states."""
    from intake_desk.services.referrals import ReferralService

    notes: list[str] = []
    clerk = actors.get("clerk") or next(iter(actors.values()))
    supervisor = actors.get("supervisor")
    old = [(r, at) for r, at in results if at <= now - timedelta(days=3)]

    def when(start: datetime, step: int) -> datetime:
        return min(start + timedelta(days=step, hours=1), now - timedelta(minutes=10 - min(step, 9)))

    # Applications: walked through their procedures (审核确认程序), the oldest first; see demo_procedures.
    from intake_desk.services.demo_procedures import walk_procedures

    with services.db.reading() as session:
        calendar = IntakeService.read_calendar(session)
    notes += walk_procedures(services, actors, [(r.number, r.estimated_benefit_fen or 0)
                                                for r, _ in old[:MAX_MOVED_APPLICATIONS]], now, calendar)

    # Referrals.
    moved = 0
    pending_turn = proposed_turn = 0
    for result, at in old:
        if moved >= MAX_MOVED_REFERRALS:
            break
        detail = services.applications.get(clerk, result.number)
        for referral in detail.referrals:
            path: tuple[str, ...]
            if referral.status is ReferralStatus.PENDING:
                path = _PENDING_PATHS[pending_turn % len(_PENDING_PATHS)]
                pending_turn += 1
            elif referral.status is ReferralStatus.PROPOSED:
                path = _PROPOSED_PATHS[proposed_turn % len(_PROPOSED_PATHS)]
                proposed_turn += 1
            else:
                continue
            officer = actors.get(referral.department_code)
            for step, action in enumerate(path, start=1):
                service = ReferralService(services.db, FixedClock(when(at, step)))
                try:
                    if action == "send":
                        service.send(clerk, referral.id, "已通过协同平台发送")
                    elif action == "confirm":
                        service.confirm(clerk, referral.id, consent_given=True, note="申请人电话确认同意转介")
                    elif action == "dismiss":
                        service.cancel(clerk, referral.id, "申请人不同意转介")
                    elif action == "cancel" and supervisor is not None:
                        service.cancel(supervisor, referral.id, "申请人已通过其他渠道获得帮扶")
                    elif action == "paper_complete":
                        service.record_paper_reply(clerk, referral.id, ReferralAction.COMPLETE,
                                                   _OUTCOMES.get(referral.department_code, "已办结"),
                                                   replied_on=when(at, step).astimezone(LOCAL_ZONE).date())
                    elif officer is None:
                        break
                    elif action == "receive":
                        service.receive(officer, referral.id)
                    elif action == "start":
                        service.start(officer, referral.id, "已安排专人办理")
                    elif action == "complete":
                        service.complete(officer, referral.id, _OUTCOMES.get(referral.department_code, "已办结"))
                    elif action == "decline":
                        service.decline(officer, referral.id, "经核实，申请人已享受同类救助，不予重复受理")
                    elif action == "return":
                        service.return_for_more(officer, referral.id, "请补充近三个月的医疗费用票据")
                    elif action == "resubmit":
                        service.resubmit(clerk, referral.id, "已补充票据")
                except ServiceError as exc:  # a path that does not fit this referral: note it, go on
                    notes.append(f"{referral.number}: {exc.message}")
                    break
            moved += 1
    return notes
