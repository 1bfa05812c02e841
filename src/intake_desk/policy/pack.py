"""政策参数包 – a policy pack: the local figures and texts the rules read, versioned by effective date.

A pack is a TOML file (see ``resources/policy/zhuzhou-2024.toml`` for the documented default). It is
validated completely on load; every problem is reported with the file, the key and what is wrong.
Several versions may be installed; :meth:`PackRegistry.pack_for` picks the one in force on a day,
and every assessment records that pack's version, locality and SHA-256.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal, TypeVar

from intake_desk.domain.enums import (
    AssetKind,
    AssistanceType,
    ExpenseKind,
    HukouType,
    IncomeCategory,
    Labelled,
)
from intake_desk.domain.limits import MAX_NESTING, nesting_depth
from intake_desk.domain.money import InvalidMoney, format_fen, parse_money_fen, round_fen
from intake_desk.paths import resources_dir
from intake_desk.policy.discovery import DiscoveryRules, parse_discovery
from intake_desk.policy.household_defaults import (
    MATERIAL_CONDITIONS,
    MemberDefaultRules,
    parse_member_defaults,
)
from intake_desk.policy.procedure import ProcedureRules, parse_procedures

__all__ = [
    "ROUTING_RULES",
    "AssetLimits",
    "DibaoStandard",
    "Department",
    "EmploymentCostDeduction",
    "ExemptIncomeItem",
    "ExpenditureHardship",
    "IncomeRules",
    "MaterialItem",
    "Multipliers",
    "PackRegistry",
    "PolicyPack",
    "PolicyPackError",
    "ReviewLimit",
    "RoutingSettings",
    "TekunRules",
    "UrgingRules",
    "Wording",
    "default_pack_dir",
    "load_pack",
    "parse_pack",
]

# The referral rules the routing engine implements (policy/routing.py); a department lists which
# of them feed it. Kept here so a pack can be validated without importing the engine.
ROUTING_RULES: Mapping[str, str] = {
    "student_in_need": "困难家庭在校学生 → 教育救助",
    "medical_need": "重病、慢性病、需治疗的残疾或医疗支出较大 → 医疗救助",
    "housing_hardship": "危房、无房或租房困难 → 住房救助",
    "jobless_able_worker": "有劳动能力的劳动年龄人口未就业 → 就业救助",
    "disability_support": "家庭成员有残疾 → 残疾人两项补贴等",
    "disaster_relief": "遭受自然灾害 → 受灾人员救助",
    "emergency_charity": "突发急难 → 慈善救助（须经申请人同意）",
}


class PolicyPackError(ValueError):
    """A policy pack that cannot be used; the message names the file, the key and the problem."""

    def __init__(self, file: str, key: str, problem_zh: str, problem_en: str) -> None:
        self.file = file
        self.key = key
        self.problem = problem_en
        where_zh = f"政策参数包 {file}" + (f" 的 {key}" if key else "")
        where_en = f"policy pack {file}" + (f", key {key}" if key else "")
        super().__init__(f"{where_zh}：{problem_zh} / {where_en}: {problem_en}")


# ---------------------------------------------------------------------------------------- the pack


@dataclass(frozen=True)
class DibaoStandard:
    """低保标准 for one hukou type, as published: per month or per year."""

    hukou_type: HukouType
    amount_fen: int
    period: Literal["month", "year"]

    @property
    def monthly_exact(self) -> Fraction:
        """The monthly standard in fen, exactly (a yearly standard divided by 12)."""
        return Fraction(self.amount_fen) if self.period == "month" else Fraction(self.amount_fen, 12)

    @property
    def monthly_fen(self) -> int:
        return round_fen(self.monthly_exact)

    def describe(self) -> str:
        """``700.00 元/月`` or ``6,733.00 元/年（折合每月 561.08 元）``."""
        if self.period == "month":
            return f"{format_fen(self.amount_fen)} 元/月"
        return f"{format_fen(self.amount_fen)} 元/年（折合每月 {format_fen(self.monthly_fen)} 元）"


@dataclass(frozen=True)
class Multipliers:
    """倍数 – multiples of the monthly dibao standard."""

    tekun: Fraction  # 特困供养标准不低于低保标准的倍数
    marginal: Fraction  # 低保边缘：人均收入低于低保标准的倍数
    temporary_normal: Fraction  # 临时救助一般上限（每人月低保标准倍数）
    temporary_special: Fraction  # 特别困难时的上限


@dataclass(frozen=True)
class TekunRules:
    """特困认定 – ages at which a person counts as elderly or a minor (no labour capacity)."""

    elderly_age: int
    minor_age: int


@dataclass(frozen=True)
class ExpenditureHardship:
    """刚性支出困难 – rigid expenses that push the household's income below a line."""

    threshold: Fraction  # (income − rigid expenses) per capita below threshold × standard
    income_cap: Fraction  # and income per capita below income_cap × standard
    expense_kinds: frozenset[ExpenseKind]


@dataclass(frozen=True)
class ExemptIncomeItem:
    """不计入家庭收入的项目 – an income item that is not counted (e.g. 奖学金)."""

    code: str
    name: str
    name_en: str = ""


@dataclass(frozen=True)
class IncomeRules:
    counted: frozenset[IncomeCategory]
    exempt_items: tuple[ExemptIncomeItem, ...]
    # Share of a seriously ill or severely disabled (grade 1–2) member's income left out (核减).
    special_member_reduction: Fraction
    special_member_disability_grades: frozenset[int]

    def exempt_item(self, code: str | None) -> ExemptIncomeItem | None:
        return next((item for item in self.exempt_items if code is not None and item.code == code), None)


@dataclass(frozen=True)
class EmploymentCostDeduction:
    """就业成本扣减 – per earning member: fixed amount plus a share of earnings, at most the earnings."""

    monthly_per_worker_fen: int
    share_of_earnings: Fraction
    categories: frozenset[IncomeCategory]

    @property
    def enabled(self) -> bool:
        return self.monthly_per_worker_fen > 0 or self.share_of_earnings > 0


@dataclass(frozen=True)
class AssetLimits:
    """财产限额."""

    monetary_kinds: frozenset[AssetKind]  # 金融资产：存款、有价证券、商业保险现金价值
    monetary_months_per_capita: int  # limit = months × monthly standard × household size
    vehicle_value_limit_fen: int  # total value of vehicles that are not exempt
    max_housing_units: int


@dataclass(frozen=True)
class ReviewLimit:
    """审核时限（工作日）."""

    normal: int
    fast_track: int

    def days(self, fast_track: bool) -> int:
        return self.fast_track if fast_track else self.normal


@dataclass(frozen=True)
class RoutingSettings:
    medical_expense_threshold_fen: int  # 12-month self-paid medical expenses that prompt a referral
    working_age_from: int
    working_age_until: int  # exclusive
    student_needs_category: bool  # education referral only for households in or near assistance


@dataclass(frozen=True)
class Department:
    """协同部门 – a department the desk refers cases to."""

    code: str
    name: str
    full_name: str
    referral_days: int
    rules: tuple[str, ...]
    requires_consent: bool
    assistance_type: AssistanceType | None
    needs_phone: bool = False
    """Whether its referral slip shows the applicant's full phone number (masked otherwise)."""
    name_en: str = ""
    full_name_en: str = ""


@dataclass(frozen=True)
class MaterialItem:
    """申请材料 – one item of the materials checklist."""

    code: str
    name: str
    required: bool = True
    note: str = ""
    applies_when: str = ""
    """For an optional item: the household fact that makes it needed (policy/household_defaults.py)."""
    name_en: str = ""
    note_en: str = ""


@dataclass(frozen=True)
class Wording:
    """文书用语 – texts printed on the declaration, receipt and notices."""

    commitment: str  # 告知承诺书正文
    office_promise: str  # 双承诺：经办机构承诺
    receipt_notes: tuple[str, ...]
    complaint_channel: str
    hall_phone: str
    commitment_en: str = ""
    """The commitment in English, for a window shown in English (the applicant signs the Chinese text)."""
    office_promise_en: str = ""


@dataclass(frozen=True)
class UrgingRules:
    """催办督办与回访 – the urging ladder and the callback rules (DOMAIN.md “Deadlines that slip”).

    An item due within ``due_soon_working_days`` is *due soon*; on the first working day after its
    due date it is *urged* (催办); ``escalate_after_working_days`` working days later it is
    *escalated* (督办). A decided application or a completed referral is called back (回访) within
    ``callback_within_working_days``; a rating in ``poor_ratings`` opens a follow-up (整改) due in
    ``follow_up_within_working_days``. ``callback_max_tries`` unanswered calls close a callback as
    unreachable. An urging notice asks for a reply within ``reply_within_working_days``; services
    decided more than ``callback_lookback_days`` ago are no longer called back.
    """

    due_soon_working_days: int = 2
    escalate_after_working_days: int = 5
    callback_within_working_days: int = 3
    callback_max_tries: int = 3
    follow_up_within_working_days: int = 15
    poor_ratings: tuple[str, ...] = ("dissatisfied", "very_dissatisfied")
    reply_within_working_days: int = 3
    callback_lookback_days: int = 90


@dataclass(frozen=True)
class PolicyPack:
    """One version of a locality's policy figures and texts."""

    version: str
    locality: str
    locality_code: str
    effective_from: date
    title: str
    sources: tuple[str, ...]
    standards: Mapping[HukouType, DibaoStandard]
    multipliers: Multipliers
    tekun: TekunRules
    expenditure_hardship: ExpenditureHardship
    income: IncomeRules
    employment_cost_deduction: EmploymentCostDeduction
    assets: AssetLimits
    review_time_limits: Mapping[AssistanceType, ReviewLimit]
    routing: RoutingSettings
    departments: tuple[Department, ...]
    materials: Mapping[AssistanceType, tuple[MaterialItem, ...]]
    wording: Wording
    urging: UrgingRules = field(default_factory=UrgingRules)
    sha256: str = ""
    source_name: str = ""
    notes: str = field(default="", compare=False)
    # 主动发现与监测预警 (policy/discovery.py); a pack without the table cannot screen lists.
    discovery: DiscoveryRules | None = None
    # 审核确认程序 (policy/procedure.py); None for a pack written before procedures were configurable.
    procedures: ProcedureRules | None = field(default=None, compare=False)
    # 按年龄预设 (policy/household_defaults.py); None: a pack without the table presets nothing.
    member_defaults: MemberDefaultRules | None = field(default=None, compare=False)
    locality_en: str = field(default="", compare=False)

    def english_names(self) -> dict[str, str]:
        """The pack's names in English, keyed by the Chinese name: departments, materials, income items,
        procedures, their steps and refusal reasons, discovery sources, risk factors and circles. A name the
        pack gives no English for is left out (the window shows it as written)."""
        pairs: list[tuple[str, str]] = [(self.locality, self.locality_en)]
        for d in self.departments:
            pairs += [(d.name, d.name_en), (d.full_name, d.full_name_en)]
        for items in self.materials.values():
            pairs += [(m.name, m.name_en) for m in items] + [(m.note, m.note_en) for m in items if m.note]
        pairs += [(x.name, x.name_en) for x in self.income.exempt_items]
        if self.procedures is not None:
            for track in self.procedures.tracks.values():
                pairs.append((track.name, track.name_en))
                pairs += [(s.name, s.name_en) for s in track.steps]
            pairs += [(x.name, x.name_en) for x in self.procedures.refusal_reasons]
        if self.discovery is not None:
            for group in (self.discovery.sources, self.discovery.risk_factors, self.discovery.circles):
                pairs += [(x.name, x.name_en) for x in group]
        return {zh: en for zh, en in pairs if zh and en}

    def standard_for(self, hukou_type: HukouType) -> DibaoStandard:
        return self.standards[hukou_type]

    def department(self, code: str) -> Department:
        for department in self.departments:
            if department.code == code:
                return department
        raise KeyError(code)

    def departments_for_rule(self, rule: str) -> tuple[Department, ...]:
        return tuple(d for d in self.departments if rule in d.rules)

    def materials_for(self, assistance_type: AssistanceType) -> tuple[MaterialItem, ...]:
        return self.materials.get(assistance_type, ())

    def review_limit(self, assistance_type: AssistanceType) -> ReviewLimit | None:
        return self.review_time_limits.get(assistance_type)

    def describe(self) -> str:
        """``湖南省株洲市 zhuzhou-2024.1，2024-01-01 起施行``."""
        return f"{self.locality} {self.version}，{self.effective_from:%Y-%m-%d} 起施行"


# --------------------------------------------------------------------------------------- loading

E = TypeVar("E", bound=Labelled)


class _Reader:
    """Reads typed values out of the parsed TOML, raising PolicyPackError with the dotted key."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, key: str, zh: str, en: str) -> PolicyPackError:
        return PolicyPackError(self.file, key, zh, en)

    def table(self, data: Mapping[str, Any], key: str, path: str = "") -> Mapping[str, Any]:
        full = f"{path}.{key}" if path else key
        value = data.get(key)
        if value is None:
            raise self.fail(full, "缺少此表", "this table is missing")
        if not isinstance(value, dict):
            raise self.fail(full, "应为表（[section]）", "must be a table ([section])")
        return value

    def only_keys(self, data: Mapping[str, Any], path: str, allowed: Iterable[str]) -> None:
        allowed_set = set(allowed)
        for key in data:
            if key not in allowed_set:
                full = f"{path}.{key}" if path else key
                choices = "、".join(sorted(allowed_set))
                raise self.fail(full, f"未知的参数（可用：{choices}）", f"unknown key (known keys: {choices})")

    def _get(self, data: Mapping[str, Any], key: str, path: str, default: Any) -> Any:
        if key in data:
            return data[key]
        if default is _REQUIRED:
            raise self.fail(f"{path}.{key}" if path else key, "缺少此参数", "this key is missing")
        return default

    def text(self, data: Mapping[str, Any], key: str, path: str, default: Any = None) -> str:
        value = self._get(data, key, path, _REQUIRED if default is None else default)
        if not isinstance(value, str) or (default is None and not value.strip()):
            raise self.fail(_join(path, key), "应为非空文本", "must be non-empty text")
        return value.strip() if "\n" not in value else value.strip("\n")

    def texts(self, data: Mapping[str, Any], key: str, path: str) -> tuple[str, ...]:
        value = self._get(data, key, path, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(_join(path, key), "应为文本列表", "must be a list of texts")
        return tuple(v.strip() for v in value)

    def boolean(self, data: Mapping[str, Any], key: str, path: str, default: bool | None = None) -> bool:
        value = self._get(data, key, path, _REQUIRED if default is None else default)
        if not isinstance(value, bool):
            raise self.fail(_join(path, key), "应为 true 或 false", "must be true or false")
        return value

    def integer(
        self, data: Mapping[str, Any], key: str, path: str, *, low: int, high: int, default: int | None = None
    ) -> int:
        value = self._get(data, key, path, _REQUIRED if default is None else default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(_join(path, key), "应为整数", "must be a whole number")
        if not low <= value <= high:
            raise self.fail(
                _join(path, key), f"应在 {low} 到 {high} 之间，实为 {value}", f"must be {low}–{high}, is {value}"
            )
        return value

    def ratio(
        self, data: Mapping[str, Any], key: str, path: str, *, low: str, high: str, default: str | None = None
    ) -> Fraction:
        value = self._get(data, key, path, _REQUIRED if default is None else default)
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise self.fail(_join(path, key), "应为数字", "must be a number")
        try:
            number = Fraction(str(value))
        except ValueError:
            raise self.fail(_join(path, key), "应为数字", "must be a number") from None
        if not Fraction(low) <= number <= Fraction(high):
            raise self.fail(
                _join(path, key), f"应在 {low} 到 {high} 之间，实为 {value}", f"must be {low}–{high}, is {value}"
            )
        return number

    def money(self, data: Mapping[str, Any], key: str, path: str, default: str | None = None) -> int:
        """Money is written in yuan, as an integer or a string (``"6,733.00"``); floats are refused."""
        value = self._get(data, key, path, _REQUIRED if default is None else default)
        if isinstance(value, float):
            raise self.fail(
                _join(path, key),
                "金额请写成整数或带引号的文本，如 \"6733.50\"",
                'write money as an integer or a quoted string, e.g. "6733.50"',
            )
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise self.fail(_join(path, key), "应为金额（元）", "must be an amount in yuan")
        try:
            return parse_money_fen(value)
        except InvalidMoney as exc:
            raise self.fail(_join(path, key), *_split(str(exc))) from None

    def day(self, data: Mapping[str, Any], key: str, path: str) -> date:
        value = self._get(data, key, path, _REQUIRED)
        if isinstance(value, date) and not hasattr(value, "hour"):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(_join(path, key), "应为日期，如 2024-01-01", "must be a date such as 2024-01-01")

    def members(self, enum: type[E], data: Mapping[str, Any], key: str, path: str, default: Any = None) -> list[E]:
        value = self._get(data, key, path, _REQUIRED if default is None else default)
        if not isinstance(value, list):
            raise self.fail(_join(path, key), "应为列表", "must be a list")
        return [self.member(enum, v, f"{_join(path, key)}[{i}]") for i, v in enumerate(value)]

    def member(self, enum: type[E], value: Any, full_key: str) -> E:
        if not isinstance(value, str):
            raise self.fail(full_key, "应为文本代码", "must be a text code")
        try:
            return enum.parse(value)
        except ValueError as exc:
            raise self.fail(full_key, *_split(str(exc))) from None


_REQUIRED: Any = object()


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _split(message: str) -> tuple[str, str]:
    zh, _, en = message.partition(" / ")
    return zh, en or zh


_TOP_KEYS = (
    "pack", "standards", "multipliers", "tekun", "expenditure_hardship", "income",
    "employment_cost_deduction", "assets", "review_time_limits", "routing", "departments",
    "materials", "wording", "discovery", "procedure", "procedures", "urging", "member_defaults",
)  # fmt: skip


def parse_pack(text: str, source_name: str = "<text>", sha256: str | None = None) -> PolicyPack:
    """A pack from TOML text; ``source_name`` is the file name used in error messages."""
    r = _Reader(source_name)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise r.fail("", f"TOML 格式错误：{exc}", f"not valid TOML: {exc}") from None
    except RecursionError:
        data = None
    if data is None or nesting_depth(data) > MAX_NESTING:
        raise r.fail("", f"嵌套超过 {MAX_NESTING} 层，不是政策参数包", f"nested deeper than {MAX_NESTING} levels: "
                     "not a policy pack")
    r.only_keys(data, "", _TOP_KEYS)
    digest = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()

    head = r.table(data, "pack")
    r.only_keys(head, "pack", ("version", "locality", "locality_en", "locality_code", "effective_from", "title",
                               "sources", "notes"))
    locality_code = r.text(head, "locality_code", "pack")
    if not (len(locality_code) == 6 and locality_code.isdigit()):
        raise r.fail("pack.locality_code", "应为6位行政区划代码", "must be a 6-digit region code")

    standards = _standards(r, r.table(data, "standards"))
    departments = _departments(r, data.get("departments"))
    codes = {d.code for d in departments}

    pack = PolicyPack(
        version=r.text(head, "version", "pack"),
        locality=r.text(head, "locality", "pack"),
        locality_en=r.text(head, "locality_en", "pack", default=""),
        locality_code=locality_code,
        effective_from=r.day(head, "effective_from", "pack"),
        title=r.text(head, "title", "pack", default=""),
        sources=r.texts(head, "sources", "pack"),
        notes=r.text(head, "notes", "pack", default=""),
        standards=standards,
        multipliers=_multipliers(r, r.table(data, "multipliers")),
        tekun=_tekun(r, r.table(data, "tekun")),
        expenditure_hardship=_expenditure(r, r.table(data, "expenditure_hardship")),
        income=_income(r, r.table(data, "income")),
        employment_cost_deduction=_deduction(r, r.table(data, "employment_cost_deduction")),
        assets=_assets(r, r.table(data, "assets")),
        review_time_limits=_review_limits(r, r.table(data, "review_time_limits")),
        routing=_routing(r, r.table(data, "routing")),
        departments=departments,
        materials=_materials(r, r.table(data, "materials")),
        wording=_wording(r, r.table(data, "wording")),
        urging=_urging(r, data.get("urging", {})),
        sha256=digest,
        source_name=source_name,
        discovery=parse_discovery(r, r.table(data, "discovery")) if "discovery" in data else None,
        member_defaults=parse_member_defaults(r, r.table(data, "member_defaults"))
        if "member_defaults" in data else None,
        procedures=_procedures(r, data),
    )
    for required in ("education", "medical", "housing", "employment"):
        if required not in codes:
            raise r.fail("departments", f"缺少部门“{required}”", f"department '{required}' is missing")
    for assistance_type in (AssistanceType.DIBAO, AssistanceType.TEKUN, AssistanceType.TEMPORARY):
        if assistance_type not in pack.review_time_limits:
            raise r.fail(
                f"review_time_limits.{assistance_type.value}", "缺少审核时限", "the review time limit is missing"
            )
    return pack


def _procedures(r: _Reader, data: Mapping[str, Any]) -> ProcedureRules | None:
    if "procedure" not in data and "procedures" not in data:
        return None
    return parse_procedures(r, r.table(data, "procedure"), r.table(data, "procedures"))


def _standards(r: _Reader, data: Mapping[str, Any]) -> dict[HukouType, DibaoStandard]:
    r.only_keys(data, "standards", ("urban_monthly", "urban_yearly", "rural_monthly", "rural_yearly"))
    result: dict[HukouType, DibaoStandard] = {}
    for hukou in HukouType:
        monthly, yearly = f"{hukou.value}_monthly", f"{hukou.value}_yearly"
        if (monthly in data) == (yearly in data):
            raise r.fail(
                f"standards.{monthly}",
                f"{hukou.zh}低保标准须且只能给出 {monthly} 或 {yearly} 之一",
                f"give exactly one of {monthly} and {yearly}",
            )
        key, period = (monthly, "month") if monthly in data else (yearly, "year")
        amount = r.money(data, key, "standards")
        if amount <= 0:
            raise r.fail(f"standards.{key}", "低保标准应大于零", "the standard must be above zero")
        result[hukou] = DibaoStandard(hukou, amount, "month" if period == "month" else "year")
    return result


def _multipliers(r: _Reader, data: Mapping[str, Any]) -> Multipliers:
    r.only_keys(data, "multipliers", ("tekun", "marginal", "temporary_normal", "temporary_special"))
    normal = r.ratio(data, "temporary_normal", "multipliers", low="0", high="60")
    special = r.ratio(data, "temporary_special", "multipliers", low="0", high="60")
    if special < normal:
        raise r.fail(
            "multipliers.temporary_special",
            "特别困难上限不能低于一般上限 temporary_normal",
            "must not be below temporary_normal",
        )
    return Multipliers(
        tekun=r.ratio(data, "tekun", "multipliers", low="1", high="5"),
        marginal=r.ratio(data, "marginal", "multipliers", low="1", high="5"),
        temporary_normal=normal,
        temporary_special=special,
    )


def _tekun(r: _Reader, data: Mapping[str, Any]) -> TekunRules:
    r.only_keys(data, "tekun", ("elderly_age", "minor_age"))
    return TekunRules(
        elderly_age=r.integer(data, "elderly_age", "tekun", low=50, high=80),
        minor_age=r.integer(data, "minor_age", "tekun", low=14, high=18),
    )


def _expenditure(r: _Reader, data: Mapping[str, Any]) -> ExpenditureHardship:
    path = "expenditure_hardship"
    r.only_keys(data, path, ("threshold", "income_cap", "expense_kinds"))
    threshold = r.ratio(data, "threshold", path, low="0", high="5")
    cap = r.ratio(data, "income_cap", path, low="1", high="10")
    if cap < threshold:
        raise r.fail(f"{path}.income_cap", "不能低于 threshold", "must not be below threshold")
    return ExpenditureHardship(threshold, cap, frozenset(r.members(ExpenseKind, data, "expense_kinds", path)))


def _income(r: _Reader, data: Mapping[str, Any]) -> IncomeRules:
    r.only_keys(data, "income", ("counted", "exempt_items", "special_member_reduction", "special_member_disability_grades"))
    items_raw = data.get("exempt_items", [])
    if not isinstance(items_raw, list):
        raise r.fail("income.exempt_items", "应为表数组（[[income.exempt_items]]）", "must be an array of tables")
    items: list[ExemptIncomeItem] = []
    for i, raw in enumerate(items_raw):
        path = f"income.exempt_items[{i}]"
        if not isinstance(raw, dict):
            raise r.fail(path, "应为表", "must be a table")
        r.only_keys(raw, path, ("code", "name", "name_en"))
        items.append(ExemptIncomeItem(r.text(raw, "code", path), r.text(raw, "name", path),
                                      r.text(raw, "name_en", path, default="")))
    _unique(r, "income.exempt_items", [item.code for item in items])
    grades = data.get("special_member_disability_grades", [1, 2])
    if not isinstance(grades, list) or not all(isinstance(g, int) and 1 <= g <= 4 for g in grades):
        raise r.fail("income.special_member_disability_grades", "应为 1–4 的整数列表", "must be a list of grades 1–4")
    return IncomeRules(
        counted=frozenset(r.members(IncomeCategory, data, "counted", "income")),
        exempt_items=tuple(items),
        special_member_reduction=r.ratio(data, "special_member_reduction", "income", low="0", high="1", default="0"),
        special_member_disability_grades=frozenset(grades),
    )


def _deduction(r: _Reader, data: Mapping[str, Any]) -> EmploymentCostDeduction:
    path = "employment_cost_deduction"
    r.only_keys(data, path, ("monthly_per_worker", "share_of_earnings", "categories"))
    return EmploymentCostDeduction(
        monthly_per_worker_fen=r.money(data, "monthly_per_worker", path),
        share_of_earnings=r.ratio(data, "share_of_earnings", path, low="0", high="1"),
        categories=frozenset(r.members(IncomeCategory, data, "categories", path)),
    )


def _assets(r: _Reader, data: Mapping[str, Any]) -> AssetLimits:
    r.only_keys(data, "assets", ("monetary_kinds", "monetary_months_per_capita", "vehicle_value_limit", "max_housing_units"))
    return AssetLimits(
        monetary_kinds=frozenset(r.members(AssetKind, data, "monetary_kinds", "assets")),
        monetary_months_per_capita=r.integer(data, "monetary_months_per_capita", "assets", low=0, high=240),
        vehicle_value_limit_fen=r.money(data, "vehicle_value_limit", "assets"),
        max_housing_units=r.integer(data, "max_housing_units", "assets", low=0, high=10),
    )


def _review_limits(r: _Reader, data: Mapping[str, Any]) -> dict[AssistanceType, ReviewLimit]:
    result: dict[AssistanceType, ReviewLimit] = {}
    for key, value in data.items():
        path = f"review_time_limits.{key}"
        assistance_type = r.member(AssistanceType, key, path)
        if not isinstance(value, dict):
            raise r.fail(path, "应为 { normal = 30, fast_track = 10 }", "must be { normal = 30, fast_track = 10 }")
        r.only_keys(value, path, ("normal", "fast_track"))
        normal = r.integer(value, "normal", path, low=1, high=120)
        fast = r.integer(value, "fast_track", path, low=1, high=120)
        if fast > normal:
            raise r.fail(f"{path}.fast_track", "承诺制时限不能长于常规时限", "must not be longer than normal")
        result[assistance_type] = ReviewLimit(normal, fast)
    return result


_RATING_CODES = ("very_satisfied", "satisfied", "basically_satisfied", "dissatisfied", "very_dissatisfied")


def _urging(r: _Reader, data: Any) -> UrgingRules:
    """``[urging]`` – optional; a pack without it uses the national practice (2 / 5 / 3 / 15 days)."""
    if not isinstance(data, dict):
        raise r.fail("urging", "应为表（[urging]）", "must be a table ([urging])")
    keys = ("due_soon_working_days", "escalate_after_working_days", "callback_within_working_days",
            "callback_max_tries", "follow_up_within_working_days", "poor_ratings", "reply_within_working_days",
            "callback_lookback_days")
    r.only_keys(data, "urging", keys)
    d = UrgingRules()
    poor = r.texts(data, "poor_ratings", "urging") if "poor_ratings" in data else d.poor_ratings
    for i, code in enumerate(poor):
        if code not in _RATING_CODES:
            raise r.fail(f"urging.poor_ratings[{i}]", f"未知的评价等级（可用：{'、'.join(_RATING_CODES)}）",
                         f"unknown rating (known: {', '.join(_RATING_CODES)})")
    if not poor:
        raise r.fail("urging.poor_ratings", "至少列出一个需整改的评价等级", "name at least one rating that opens a follow-up")
    return UrgingRules(
        due_soon_working_days=r.integer(data, "due_soon_working_days", "urging", low=0, high=30,
                                        default=d.due_soon_working_days),
        escalate_after_working_days=r.integer(data, "escalate_after_working_days", "urging", low=1, high=60,
                                              default=d.escalate_after_working_days),
        callback_within_working_days=r.integer(data, "callback_within_working_days", "urging", low=1, high=60,
                                               default=d.callback_within_working_days),
        callback_max_tries=r.integer(data, "callback_max_tries", "urging", low=1, high=10,
                                     default=d.callback_max_tries),
        follow_up_within_working_days=r.integer(data, "follow_up_within_working_days", "urging", low=1, high=60,
                                                default=d.follow_up_within_working_days),
        poor_ratings=poor,
        reply_within_working_days=r.integer(data, "reply_within_working_days", "urging", low=1, high=30,
                                            default=d.reply_within_working_days),
        callback_lookback_days=r.integer(data, "callback_lookback_days", "urging", low=7, high=366,
                                         default=d.callback_lookback_days),
    )


def _routing(r: _Reader, data: Mapping[str, Any]) -> RoutingSettings:
    keys = ("medical_expense_threshold", "working_age_from", "working_age_until", "student_needs_category")
    r.only_keys(data, "routing", keys)
    start = r.integer(data, "working_age_from", "routing", low=14, high=30)
    until = r.integer(data, "working_age_until", "routing", low=40, high=75)
    return RoutingSettings(
        medical_expense_threshold_fen=r.money(data, "medical_expense_threshold", "routing"),
        working_age_from=start,
        working_age_until=until,
        student_needs_category=r.boolean(data, "student_needs_category", "routing", default=True),
    )


def _departments(r: _Reader, raw: Any) -> tuple[Department, ...]:
    if not isinstance(raw, list) or not raw:
        raise r.fail("departments", "应为部门表数组（[[departments]]）", "must be an array of tables ([[departments]])")
    result: list[Department] = []
    for i, item in enumerate(raw):
        path = f"departments[{i}]"
        if not isinstance(item, dict):
            raise r.fail(path, "应为表", "must be a table")
        r.only_keys(
            item, path, ("code", "name", "full_name", "referral_days", "rules", "requires_consent", "assistance_type",
                         "needs_phone", "name_en", "full_name_en")
        )
        code = r.text(item, "code", path)
        if not code.isascii() or not code.replace("_", "").isalnum():
            raise r.fail(f"{path}.code", "应为英文字母、数字或下划线", "must be ASCII letters, digits or _")
        rules = r.texts(item, "rules", path)
        for j, rule in enumerate(rules):
            if rule not in ROUTING_RULES:
                known = "、".join(ROUTING_RULES)
                raise r.fail(f"{path}.rules[{j}]", f"未知的转介规则“{rule}”（可用：{known}）", f"unknown rule '{rule}' (known: {known})")
        assistance = item.get("assistance_type")
        name = r.text(item, "name", path)
        result.append(
            Department(
                code=code,
                name=name,
                full_name=r.text(item, "full_name", path, default=name),
                referral_days=r.integer(item, "referral_days", path, low=1, high=120),
                rules=rules,
                requires_consent=r.boolean(item, "requires_consent", path, default=False),
                assistance_type=None
                if assistance is None
                else r.member(AssistanceType, assistance, f"{path}.assistance_type"),
                needs_phone=r.boolean(item, "needs_phone", path, default=False),
                name_en=r.text(item, "name_en", path, default=""),
                full_name_en=r.text(item, "full_name_en", path, default=""),
            )
        )
    _unique(r, "departments", [d.code for d in result])
    return tuple(result)


def _materials(r: _Reader, data: Mapping[str, Any]) -> dict[AssistanceType, tuple[MaterialItem, ...]]:
    result: dict[AssistanceType, tuple[MaterialItem, ...]] = {}
    for key, items in data.items():
        path = f"materials.{key}"
        assistance_type = r.member(AssistanceType, key, path)
        if not isinstance(items, list) or not items:
            raise r.fail(path, "应为材料表数组（[[materials.dibao]]）", "must be an array of tables ([[materials.dibao]])")
        parsed: list[MaterialItem] = []
        for i, item in enumerate(items):
            item_path = f"{path}[{i}]"
            if not isinstance(item, dict):
                raise r.fail(item_path, "应为表", "must be a table")
            r.only_keys(item, item_path, ("code", "name", "required", "note", "applies_when", "name_en", "note_en"))
            applies_when = r.text(item, "applies_when", item_path, default="")
            if applies_when and applies_when not in MATERIAL_CONDITIONS:
                raise r.fail(f"{item_path}.applies_when", f"应为以下之一：{'、'.join(MATERIAL_CONDITIONS)}",
                             f"must be one of: {', '.join(MATERIAL_CONDITIONS)}")
            parsed.append(
                MaterialItem(
                    code=r.text(item, "code", item_path),
                    name=r.text(item, "name", item_path),
                    required=r.boolean(item, "required", item_path, default=True),
                    note=r.text(item, "note", item_path, default=""),
                    applies_when=applies_when,
                    name_en=r.text(item, "name_en", item_path, default=""),
                    note_en=r.text(item, "note_en", item_path, default=""),
                )
            )
        _unique(r, path, [m.code for m in parsed])
        result[assistance_type] = tuple(parsed)
    return result


def _wording(r: _Reader, data: Mapping[str, Any]) -> Wording:
    r.only_keys(data, "wording", ("commitment", "office_promise", "receipt_notes", "complaint_channel", "hall_phone",
                                  "commitment_en", "office_promise_en"))
    return Wording(
        commitment=r.text(data, "commitment", "wording"),
        office_promise=r.text(data, "office_promise", "wording"),
        receipt_notes=r.texts(data, "receipt_notes", "wording"),
        complaint_channel=r.text(data, "complaint_channel", "wording"),
        hall_phone=r.text(data, "hall_phone", "wording"),
        commitment_en=r.text(data, "commitment_en", "wording", default=""),
        office_promise_en=r.text(data, "office_promise_en", "wording", default=""),
    )


def _unique(r: _Reader, path: str, codes: list[str]) -> None:
    seen: set[str] = set()
    for i, code in enumerate(codes):
        if code in seen:
            raise r.fail(f"{path}[{i}].code", f"代码“{code}”重复", f"the code '{code}' appears twice")
        seen.add(code)


def load_pack(path: str | Path) -> PolicyPack:
    """Read and validate a pack file; :class:`PolicyPackError` names the file, key and problem."""
    file = Path(path)
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise PolicyPackError(file.name, "", f"无法读取文件（{exc.strerror}）", f"cannot read the file ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PolicyPackError(file.name, "", "文件不是 UTF-8 编码", "the file is not UTF-8") from None
    return parse_pack(text, file.name, hashlib.sha256(raw).hexdigest())


# -------------------------------------------------------------------------------------- registry


def default_pack_dir() -> Path:
    return resources_dir() / "policy"


class PackRegistry:
    """The installed pack versions; the one in force on a day applies (最新生效的版本)."""

    def __init__(self, packs: Iterable[PolicyPack]) -> None:
        ordered = sorted(packs, key=lambda p: p.effective_from)
        if not ordered:
            raise PolicyPackError("", "", "没有可用的政策参数包", "no policy pack is installed")
        for earlier, later in zip(ordered, ordered[1:], strict=False):
            if earlier.effective_from == later.effective_from:
                raise PolicyPackError(
                    later.source_name,
                    "pack.effective_from",
                    f"与 {earlier.source_name} 的生效日期相同（{later.effective_from}）",
                    f"has the same effective date as {earlier.source_name} ({later.effective_from})",
                )
        versions = [p.version for p in ordered]
        if len(set(versions)) != len(versions):
            duplicate = next(v for v in versions if versions.count(v) > 1)
            raise PolicyPackError("", "pack.version", f"版本号“{duplicate}”重复", f"version '{duplicate}' appears twice")
        self._packs = tuple(ordered)

    @classmethod
    def from_directory(cls, directory: str | Path) -> PackRegistry:
        files = sorted(Path(directory).glob("*.toml"))
        if not files:
            raise PolicyPackError(str(directory), "", "目录中没有 .toml 政策参数包", "the folder holds no .toml policy pack")
        return cls(load_pack(f) for f in files)

    @classmethod
    def default(cls) -> PackRegistry:
        """The packs shipped in ``resources/policy``."""
        return cls.from_directory(default_pack_dir())

    @property
    def packs(self) -> tuple[PolicyPack, ...]:
        return self._packs

    @property
    def latest(self) -> PolicyPack:
        return self._packs[-1]

    def english_names(self) -> dict[str, str]:
        """:meth:`PolicyPack.english_names` of every installed version (the latest wins)."""
        names: dict[str, str] = {}
        for pack in self._packs:
            names.update(pack.english_names())
        return names

    def pack_for(self, day: date) -> PolicyPack:
        """The pack in force on ``day``: the latest whose effective date is not after it."""
        in_force = [p for p in self._packs if p.effective_from <= day]
        if not in_force:
            first = self._packs[0]
            raise PolicyPackError(
                first.source_name,
                "pack.effective_from",
                f"{day:%Y-%m-%d} 尚无生效的政策参数包（最早 {first.effective_from:%Y-%m-%d} 起施行）",
                f"no pack is in force on {day:%Y-%m-%d} (the earliest starts {first.effective_from:%Y-%m-%d})",
            )
        return in_force[-1]

    def by_version(self, version: str) -> PolicyPack:
        for pack in self._packs:
            if pack.version == version:
                return pack
        raise KeyError(version)
