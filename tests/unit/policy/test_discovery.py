"""主动发现与监测预警 rules: header matching, circles, libraries, visit cadence – no database."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from intake_desk.paths import resources_dir
from intake_desk.policy.calendar import WorkCalendar
from intake_desk.policy.discovery import (
    DiscoveryRules,
    HeaderMatch,
    HeaderProblem,
    add_months,
    due_after,
    match_headers,
    normalise_header,
    place_circle,
    suggest_library,
)
from intake_desk.policy.pack import PolicyPackError, load_pack, parse_pack

DEFAULT_TEXT = (resources_dir() / "policy" / "zhuzhou-2024.toml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rules() -> DiscoveryRules:
    pack = load_pack(resources_dir() / "policy" / "zhuzhou-2024.toml")
    assert pack.discovery is not None
    return pack.discovery


def test_default_pack_names_the_eight_department_sources(rules: DiscoveryRules) -> None:
    assert [s.code for s in rules.sources] == [
        "disability", "health", "medical", "employment", "emergency", "rural", "union", "education"]
    assert rules.source("disability").name == "残联 重度残疾"
    assert rules.source("rural").label("en").startswith("Rural revitalisation")
    assert rules.source("medical").risk_factor == "high_medical_costs"
    with pytest.raises(KeyError, match="civil"):
        rules.source("civil")


def test_default_pack_cadence_and_class1_line(rules: DiscoveryRules) -> None:
    assert rules.class1_line == Fraction(3, 2)
    assert rules.visit_interval_months == 3
    assert (rules.recheck_months(stable=True), rules.recheck_months(stable=False)) == (6, 1)
    assert {"serious_illness", "severe_disability", "unemployment", "disaster", "elderly_alone"} <= {
        f.code for f in rules.risk_factors}


@pytest.mark.parametrize("headers, expected", [
    (["序号", "姓名", "身份证号码", "联系电话", "家庭住址", "困难类型", "备注"],
     {"name": 1, "resident_id": 2, "phone": 3, "address": 4, "category": 5, "note": 6}),
    (["公民身份号码", "姓名"], {"resident_id": 0, "name": 1}),
    (["* 证件号码（必填）", "户主姓名", "手机号码", "住址", "原因"],
     {"resident_id": 0, "name": 1, "phone": 2, "address": 3, "category": 4}),
    (["身份证号码（18位）", " 姓 名 ", "类别"], {"resident_id": 0, "name": 1, "category": 2}),
    # Full-width letters and a colon are folded; the exact header wins over one that contains a name.
    (["姓名：", "联系电话号码", "电话", "身份证"], {"name": 0, "phone": 2, "resident_id": 3}),
])
def test_headers_are_found_by_their_usual_names(rules: DiscoveryRules, headers: list[str],
                                                expected: dict[str, int]) -> None:
    match = match_headers(headers, rules.headers)
    assert isinstance(match, HeaderMatch)
    assert dict(match.columns) == expected


def test_a_column_serves_one_field_only(rules: DiscoveryRules) -> None:
    match = match_headers(["证件号码", "姓名", "证件号码"], rules.headers)
    assert isinstance(match, HeaderMatch)
    assert match.column("resident_id") == 0
    assert match.column("phone") is None


def test_missing_required_columns_are_named(rules: DiscoveryRules) -> None:
    problem = match_headers(["姓名", "电话", None], rules.headers)
    assert isinstance(problem, HeaderProblem)
    assert problem.missing == ("resident_id",)
    assert "身份证号码" in problem.message and "ID number" in problem.message
    assert "姓名、电话" in problem.message
    both = match_headers(["序号", "地址"], rules.headers)
    assert isinstance(both, HeaderProblem) and both.missing == ("resident_id", "name")


def test_normalise_header() -> None:
    assert normalise_header("* 身份证号码（必填）") == "身份证号码"
    assert normalise_header("ＩＤ Number") == "idnumber"


STANDARD = Fraction(70_000)  # 700 元/月 in fen


@pytest.mark.parametrize("per_capita, category, circle", [
    (0, "tekun", "tekun"),
    (90_000, "tekun", "tekun"),  # 特困 is a status, whatever the income
    (50_000, None, "dibao"),
    (70_000, None, "dibao"),  # up to the line, inclusive
    (70_001, None, "marginal"),
    (105_000, None, "marginal"),  # 1.5 ×
    (105_001, None, "low_income"),
    (140_000, None, "low_income"),  # 2 ×
    (140_001, None, None),
    (None, None, None),
])
def test_income_circles(rules: DiscoveryRules, per_capita: int | None, category: str | None,
                        circle: str | None) -> None:
    placed = place_circle(rules, per_capita, STANDARD, category)
    assert (placed.code if placed else None) == circle


def test_library_suggestion_against_the_class1_line(rules: DiscoveryRules) -> None:
    assert suggest_library(rules, 104_999, STANDARD) == "class1"
    assert suggest_library(rules, 105_000, STANDARD) == "class2"  # below the line, strictly
    assert suggest_library(rules, None, STANDARD) == "class1"


def test_add_months_keeps_the_day_or_takes_the_last() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 11, 30), 3) == date(2025, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


def test_next_visit_skips_holidays_and_weekends() -> None:
    cal = WorkCalendar()
    # 2025-07-01 + 3 months = 1 October, National Day: due the first working day after the holiday.
    assert due_after(cal, date(2025, 7, 1), 3) == date(2025, 10, 9)
    # A Saturday make-up working day (调休) counts: 2025-09-28 was worked.
    assert due_after(cal, date(2025, 6, 28), 3) == date(2025, 9, 28)
    # A plain weekday stays.
    assert due_after(cal, date(2026, 3, 10), 3) == date(2026, 6, 10)
    # A Sunday moves to Monday; the administrator's override is honoured.
    assert due_after(cal, date(2026, 2, 8), 3) == date(2026, 5, 8)
    override = WorkCalendar({date(2026, 6, 10): False})
    assert due_after(override, date(2026, 3, 10), 3) == date(2026, 6, 11)


def test_pack_errors_name_the_discovery_key() -> None:
    broken = DEFAULT_TEXT.replace('code = "union"', 'code = "disability"')
    with pytest.raises(PolicyPackError, match=r"discovery\.sources\[6\]\.code"):
        parse_pack(broken)
    broken = DEFAULT_TEXT.replace("recheck_unstable_months = 1", "recheck_unstable_months = 12")
    with pytest.raises(PolicyPackError, match="recheck_unstable_months"):
        parse_pack(broken)
    broken = DEFAULT_TEXT.replace('risk_factor = "disaster"', 'risk_factor = "flood"')
    with pytest.raises(PolicyPackError, match="risk_factor"):
        parse_pack(broken)
    broken = DEFAULT_TEXT.replace("up_to = 1.5", "up_to = 0.5")
    with pytest.raises(PolicyPackError, match=r"circles\[2\]\.up_to"):
        parse_pack(broken)
    broken = DEFAULT_TEXT.replace('resident_id = ["身份证号码"', 'resident_id = []\nunused = ["身份证号码"')
    with pytest.raises(PolicyPackError, match=r"discovery\.headers\.unused"):
        parse_pack(broken)
    broken = DEFAULT_TEXT.replace('resident_id = ["身份证号码"', 'resident_id = []\nunused = ["身份证号码"').replace(
        "\nunused = ", "\n# ")
    with pytest.raises(PolicyPackError, match=r"discovery\.headers\.resident_id"):
        parse_pack(broken)


def test_a_pack_without_the_table_has_no_discovery_rules() -> None:
    head, _, _ = DEFAULT_TEXT.partition("\n[discovery]")
    assert parse_pack(head).discovery is None
