"""主动发现与监测预警 – the pack's rules for finding households and watching those near the line.

Seed 004 (西塞山区): lists from other departments (横向信息) are screened against the registry, the
households not yet assisted (非保) are visited, and each is either helped to apply, put in the
class 1 library (near the line, 一类库) or the class 2 library (above it but at risk, 二类库), or
closed. Households in the libraries are visited once a quarter (一季度一访问) and re-checked at the
pack's cadence (stable every 6 months, unstable monthly – seed 000). Seed 001 (碑林区) places
households in income circles (分圈) from 特困 up to 2 × the standard.

Everything here is pure: the figures come from the ``[discovery]`` table of the policy pack,
parsed by :func:`parse_discovery`; the functions take dates, money and header texts and give
answers without a database.
"""

from __future__ import annotations

import calendar as _calendar
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from intake_desk.domain.text import halfwidth
from intake_desk.policy.calendar import WorkCalendar

if TYPE_CHECKING:
    from intake_desk.policy.pack import _Reader

__all__ = [
    "FIELDS",
    "OPTIONAL_FIELDS",
    "REQUIRED_FIELDS",
    "Circle",
    "DiscoveryRules",
    "DiscoverySource",
    "HeaderMatch",
    "HeaderProblem",
    "RiskFactor",
    "add_months",
    "due_after",
    "match_headers",
    "normalise_header",
    "parse_discovery",
    "place_circle",
    "suggest_library",
]

REQUIRED_FIELDS = ("resident_id", "name")
OPTIONAL_FIELDS = ("phone", "address", "category", "note")
FIELDS = REQUIRED_FIELDS + OPTIONAL_FIELDS
FIELD_LABELS: Mapping[str, tuple[str, str]] = {
    "resident_id": ("身份证号码", "ID number"),
    "name": ("姓名", "name"),
    "phone": ("联系电话", "phone"),
    "address": ("住址", "address"),
    "category": ("类别/原因", "category / reason"),
    "note": ("备注", "note"),
}
LIBRARIES = ("class1", "class2")


@dataclass(frozen=True)
class DiscoverySource:
    """横向信息来源 – a department whose list is imported (``disability`` = 残联 重度残疾)."""

    code: str
    name: str
    name_en: str
    risk_factor: str | None  # the risk factor a person on this list carries (e.g. severe_disability)

    def label(self, language: str = "zh") -> str:
        return self.name if language.startswith("zh") else self.name_en


@dataclass(frozen=True)
class RiskFactor:
    """致困风险 – serious illness, severe disability, unemployment, disaster, elderly living alone …"""

    code: str
    name: str
    name_en: str

    def label(self, language: str = "zh") -> str:
        return self.name if language.startswith("zh") else self.name_en


@dataclass(frozen=True)
class Circle:
    """收入圈 – a ring of households by per-capita income against the standard (seed 001).

    ``up_to`` is the multiple of the monthly standard the per-capita income may reach (inclusive);
    ``category`` places a household by its recognised category instead (特困 is a status, not an
    income band).
    """

    code: str
    name: str
    name_en: str
    up_to: Fraction | None
    category: str | None

    def label(self, language: str = "zh") -> str:
        return self.name if language.startswith("zh") else self.name_en


@dataclass(frozen=True)
class DiscoveryRules:
    """The ``[discovery]`` table of a policy pack."""

    class1_line: Fraction  # 一类库：人均收入低于此倍数 × 低保标准
    visit_interval_months: int  # 一季度一访问 → 3
    recheck_stable_months: int  # 稳定：每 6 个月复核
    recheck_unstable_months: int  # 不稳定：每月复核
    headers: Mapping[str, tuple[str, ...]]
    sources: tuple[DiscoverySource, ...]
    circles: tuple[Circle, ...]
    risk_factors: tuple[RiskFactor, ...]

    def source(self, code: str) -> DiscoverySource:
        for source in self.sources:
            if source.code == code:
                return source
        choices = "、".join(f"{s.code}（{s.name}）" for s in self.sources)
        raise KeyError(
            f"未知的名单来源“{code}”，可选：{choices} / Unknown list source '{code}'; known sources: {choices}"
        )

    def risk_factor(self, code: str) -> RiskFactor:
        for factor in self.risk_factors:
            if factor.code == code:
                return factor
        choices = "、".join(f"{f.code}（{f.name}）" for f in self.risk_factors)
        raise KeyError(f"未知的风险因素“{code}”，可选：{choices} / Unknown risk factor '{code}'; known: {choices}")

    def circle(self, code: str) -> Circle:
        for circle in self.circles:
            if circle.code == code:
                return circle
        raise KeyError(code)

    def recheck_months(self, stable: bool) -> int:
        return self.recheck_stable_months if stable else self.recheck_unstable_months


# ------------------------------------------------------------------------------------------ headers

_DECORATION = re.compile(r"[\s*＊:：()（）\[\]【】<>《》\"'“”‘’]|必填|选填")


def normalise_header(text: str) -> str:
    """A header cell as compared: full-width folded, spaces, stars, colons and brackets dropped.

    ``"* 身份证号码（必填）"`` → ``"身份证号码"``; ``"ＩＤ"`` → ``"id"``.
    """
    folded = unicodedata.normalize("NFKC", halfwidth(str(text)))
    return _DECORATION.sub("", folded).lower()


@dataclass(frozen=True)
class HeaderProblem:
    """Why a header row cannot be read: the required columns that were not found."""

    missing: tuple[str, ...]
    headers: tuple[str, ...]

    @property
    def message(self) -> str:
        zh = "、".join(FIELD_LABELS[f][0] for f in self.missing)
        en = ", ".join(FIELD_LABELS[f][1] for f in self.missing)
        seen = "、".join(h for h in self.headers if h.strip()) or "（空）"
        return (f"名单中找不到{zh}列（表头为：{seen}） / The list has no {en} column (its headers: {seen})")


@dataclass(frozen=True)
class HeaderMatch:
    """Which column (0-based) holds each field; optional fields may be absent."""

    columns: Mapping[str, int]

    def column(self, field: str) -> int | None:
        return self.columns.get(field)


def match_headers(headers: Sequence[object], synonyms: Mapping[str, Sequence[str]]) -> HeaderMatch | HeaderProblem:
    """Find each field's column by its usual names.

    An exact match (after :func:`normalise_header`) wins over a header that merely contains a
    synonym (``"身份证号码（18位）"``); among equals the leftmost column wins, and a column is used
    for one field only. The ID field is matched first so that ``"证件号码"`` never becomes a phone.
    """
    normalised = [normalise_header("" if h is None else str(h)) for h in headers]
    used: set[int] = set()
    columns: dict[str, int] = {}
    for field in FIELDS:
        names = [normalise_header(s) for s in synonyms.get(field, ())]
        names = [n for n in names if n]
        found: int | None = None
        for i, header in enumerate(normalised):
            if i not in used and header and header in names:
                found = i
                break
        if found is None:
            # Longest synonym first, so that "家庭住址" is not taken for a shorter, vaguer name.
            for name in sorted(names, key=len, reverse=True):
                found = next((i for i, header in enumerate(normalised)
                              if i not in used and header and name in header), None)
                if found is not None:
                    break
        if found is not None:
            columns[field] = found
            used.add(found)
    missing = tuple(f for f in REQUIRED_FIELDS if f not in columns)
    if missing:
        return HeaderProblem(missing, tuple("" if h is None else str(h) for h in headers))
    return HeaderMatch(columns)


# ------------------------------------------------------------------------------------------ circles

def place_circle(rules: DiscoveryRules, per_capita_fen: int | None, monthly_standard: Fraction,
                 category: str | None = None) -> Circle | None:
    """The income circle of a household, or None when it lies outside every circle.

    A circle with a ``category`` takes the households of that category first (特困); the others
    are placed in the first circle whose ``up_to`` × standard the per-capita income does not
    exceed. An unknown income places nobody.
    """
    for circle in rules.circles:
        if circle.category is not None and category == circle.category:
            return circle
    if per_capita_fen is None:
        return None
    for circle in rules.circles:
        if circle.up_to is not None and Fraction(per_capita_fen) <= circle.up_to * monthly_standard:
            return circle
    return None


def suggest_library(rules: DiscoveryRules, per_capita_fen: int | None, monthly_standard: Fraction) -> str:
    """``class1`` when the per-capita income is below the class-1 line × standard, else ``class2``.

    An unknown income suggests class 1: the household is watched more closely until it is known.
    """
    if per_capita_fen is None or Fraction(per_capita_fen) < rules.class1_line * monthly_standard:
        return "class1"
    return "class2"


# ------------------------------------------------------------------------------------------ cadence

def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the month's last day when it is shorter (31 Jan + 1 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def due_after(calendar: WorkCalendar, start: date, months: int) -> date:
    """A visit or re-check due ``months`` after ``start``, on a working day.

    The same calendar day ``months`` later; when that day is a holiday or a weekend the work is due
    on the next working day (a visit due on 1 October is due after the National Day holiday).
    """
    day = add_months(start, months)
    for _ in range(60):
        if calendar.is_working_day(day):
            return day
        day += timedelta(days=1)
    return day


# ------------------------------------------------------------------------------------------ parsing

_DISCOVERY_KEYS = ("class1_line", "visit_interval_months", "recheck_stable_months", "recheck_unstable_months",
                   "headers", "sources", "circles", "risk_factors")


def _code(r: _Reader, item: Mapping[str, Any], path: str) -> str:
    code = r.text(item, "code", path)
    if not code.isascii() or not code.replace("_", "").isalnum():
        raise r.fail(f"{path}.code", "应为英文字母、数字或下划线", "must be ASCII letters, digits or _")
    return code


def _items(r: _Reader, data: Mapping[str, Any], key: str) -> list[tuple[str, Mapping[str, Any]]]:
    raw = data.get(key)
    path = f"discovery.{key}"
    if not isinstance(raw, list) or not raw:
        raise r.fail(path, f"应为表数组（[[{path}]]）", f"must be an array of tables ([[{path}]])")
    out: list[tuple[str, Mapping[str, Any]]] = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            raise r.fail(f"{path}[{i}]", "应为表", "must be a table")
        out.append((f"{path}[{i}]", item))
    return out


def _unique_codes(r: _Reader, path: str, codes: Iterable[str]) -> None:
    seen: set[str] = set()
    for i, code in enumerate(codes):
        if code in seen:
            raise r.fail(f"{path}[{i}].code", f"代码“{code}”重复", f"the code '{code}' appears twice")
        seen.add(code)


def parse_discovery(r: _Reader, data: Mapping[str, Any]) -> DiscoveryRules:
    """The ``[discovery]`` table, validated; problems name the key (``discovery.sources[2].code``)."""
    r.only_keys(data, "discovery", _DISCOVERY_KEYS)
    path = "discovery"
    headers_raw = r.table(data, "headers", path)
    r.only_keys(headers_raw, "discovery.headers", FIELDS)
    headers: dict[str, tuple[str, ...]] = {}
    for field in FIELDS:
        names = r.texts(headers_raw, field, "discovery.headers")
        if field in REQUIRED_FIELDS and not names:
            raise r.fail(f"discovery.headers.{field}", "必填列须至少给出一个表头名称",
                         "a required column needs at least one header name")
        headers[field] = names

    risk_factors = []
    for item_path, item in _items(r, data, "risk_factors"):
        r.only_keys(item, item_path, ("code", "name", "name_en"))
        risk_factors.append(RiskFactor(_code(r, item, item_path), r.text(item, "name", item_path),
                                       r.text(item, "name_en", item_path)))
    _unique_codes(r, "discovery.risk_factors", [f.code for f in risk_factors])
    factor_codes = {f.code for f in risk_factors}

    sources = []
    for item_path, item in _items(r, data, "sources"):
        r.only_keys(item, item_path, ("code", "name", "name_en", "risk_factor"))
        factor = item.get("risk_factor")
        if factor is not None and factor not in factor_codes:
            raise r.fail(f"{item_path}.risk_factor", f"未知的风险因素“{factor}”", f"unknown risk factor '{factor}'")
        sources.append(DiscoverySource(_code(r, item, item_path), r.text(item, "name", item_path),
                                       r.text(item, "name_en", item_path), factor))
    _unique_codes(r, "discovery.sources", [s.code for s in sources])

    circles = []
    last_up_to = Fraction(0)
    for item_path, item in _items(r, data, "circles"):
        r.only_keys(item, item_path, ("code", "name", "name_en", "up_to", "category"))
        category = item.get("category")
        up_to = None
        if "up_to" in item:
            up_to = r.ratio(item, "up_to", item_path, low="0", high="10")
            if up_to <= last_up_to:
                raise r.fail(f"{item_path}.up_to", "收入圈应由内向外排列，倍数逐圈增大",
                             "circles go from the inside out: each up_to above the one before")
            last_up_to = up_to
        if (category is None) == (up_to is None):
            raise r.fail(item_path, "须且只能给出 up_to 或 category 之一", "give exactly one of up_to and category")
        if category is not None and not isinstance(category, str):
            raise r.fail(f"{item_path}.category", "应为文本代码", "must be a text code")
        circles.append(Circle(_code(r, item, item_path), r.text(item, "name", item_path),
                              r.text(item, "name_en", item_path), up_to, category))
    _unique_codes(r, "discovery.circles", [c.code for c in circles])

    visit = r.integer(data, "visit_interval_months", path, low=1, high=12)
    stable = r.integer(data, "recheck_stable_months", path, low=1, high=24)
    unstable = r.integer(data, "recheck_unstable_months", path, low=1, high=24)
    if unstable > stable:
        raise r.fail("discovery.recheck_unstable_months", "不稳定家庭的复核间隔不能长于稳定家庭",
                     "unstable households cannot be re-checked less often than stable ones")
    return DiscoveryRules(
        class1_line=r.ratio(data, "class1_line", path, low="1", high="5"),
        visit_interval_months=visit,
        recheck_stable_months=stable,
        recheck_unstable_months=unstable,
        headers=headers,
        sources=tuple(sources),
        circles=tuple(circles),
        risk_factors=tuple(risk_factors),
    )
