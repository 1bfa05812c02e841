from __future__ import annotations

import hashlib
import re
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from intake_desk.domain.enums import AssetKind, AssistanceType, HukouType, IncomeCategory
from intake_desk.paths import resources_dir
from intake_desk.policy.pack import (
    ROUTING_RULES,
    PackRegistry,
    PolicyPackError,
    default_pack_dir,
    load_pack,
    parse_pack,
)

DEFAULT_FILE = resources_dir() / "policy" / "zhuzhou-2024.toml"
DEFAULT_TEXT = DEFAULT_FILE.read_text(encoding="utf-8")


def test_default_pack_carries_the_zhuzhou_2024_figures() -> None:
    pack = load_pack(DEFAULT_FILE)
    assert pack.version == "zhuzhou-2024.1"
    assert pack.locality == "湖南省株洲市"
    assert pack.effective_from == date(2024, 1, 1)
    assert pack.sha256 == hashlib.sha256(DEFAULT_FILE.read_bytes()).hexdigest()
    urban = pack.standard_for(HukouType.URBAN)
    rural = pack.standard_for(HukouType.RURAL)
    assert (urban.amount_fen, urban.period, urban.monthly_exact) == (70_000, "month", Fraction(70_000))
    assert (rural.amount_fen, rural.period) == (673_300, "year")
    assert rural.monthly_exact == Fraction(673_300, 12)
    assert rural.monthly_fen == 56_108
    assert rural.describe() == "6,733.00 元/年（折合每月 561.08 元）"
    assert pack.multipliers.tekun == Fraction(13, 10)
    assert pack.multipliers.marginal == Fraction(3, 2)
    assert (pack.multipliers.temporary_normal, pack.multipliers.temporary_special) == (6, 12)
    dibao = pack.review_limit(AssistanceType.DIBAO)
    assert dibao is not None and (dibao.normal, dibao.fast_track) == (30, 10)
    assert pack.income.counted == frozenset(IncomeCategory)
    assert pack.income.exempt_item("scholarship") is not None
    assert AssetKind.DEPOSIT in pack.assets.monetary_kinds


def test_default_pack_departments_and_texts() -> None:
    pack = load_pack(DEFAULT_FILE)
    names = {d.code: d.name for d in pack.departments}
    assert names["education"] == "教育局"
    assert names["medical"] == "医疗保障局"
    assert names["housing"] == "住房和城乡建设局"
    assert names["employment"] == "人力资源和社会保障局"
    assert pack.department("charity").requires_consent
    assert not pack.department("education").requires_consent
    every_rule = {rule for d in pack.departments for rule in d.rules}
    assert every_rule == set(ROUTING_RULES)
    assert [m.code for m in pack.materials_for(AssistanceType.DIBAO)][:3] == [
        "application_form", "identity", "verification_authorisation",
    ]
    assert pack.materials_for(AssistanceType.TEKUN)
    for phrase in ("真实", "核对", "报告", "追回"):
        assert phrase in pack.wording.commitment
    assert "时限" in pack.wording.office_promise
    assert "12345" in pack.wording.complaint_channel
    assert pack.wording.hall_phone


def _broken(old: str, new: str) -> str:
    assert old in DEFAULT_TEXT, old
    return DEFAULT_TEXT.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        ('urban_monthly = "700"', 'urban_monthly = "seven"', "standards.urban_monthly", "not an amount"),
        ('urban_monthly = "700"', "urban_monthly = 700.5", "standards.urban_monthly", "quoted string"),
        ('urban_monthly = "700"', 'urban_yearly = "8400"\nurban_monthly = "700"', "standards.urban_monthly",
         "exactly one"),
        ('urban_monthly = "700"', 'urban_monthly = "0"', "standards.urban_monthly", "above zero"),
        ("marginal = 1.5 ", "marginal = 0.5 ", "multipliers.marginal", "must be 1–5"),
        ("temporary_special = 12", "temporary_special = 3", "multipliers.temporary_special", "temporary_normal"),
        ("tekun = 1.3 ", "tekun = \"lots\" ", "multipliers.tekun", "must be a number"),
        ("elderly_age = 60", "elderly_age = 60.5", "tekun.elderly_age", "whole number"),
        ('counted = ["wages"', 'counted = ["salary"', "income.counted[0]", "is not one of"),
        ("dibao = { normal = 30, fast_track = 10 }", "dibao = { normal = 30, fast_track = 40 }",
         "review_time_limits.dibao.fast_track", "longer than normal"),
        ("dibao = { normal = 30, fast_track = 10 }", "", "review_time_limits.dibao", "missing"),
        ("dibao = { normal = 30, fast_track = 10 }", "dibao = { normal = 30, fast = 10 }",
         "review_time_limits.dibao.fast", "unknown key"),
        ('rules = ["student_in_need"]', 'rules = ["students"]', "departments[0].rules[0]", "unknown rule"),
        ('code = "medical"\nname = "医疗保障局"', 'code = "education"\nname = "医疗保障局"', "departments[1].code",
         "appears twice"),
        ('code = "housing"\nname = "住房和城乡建设局"', 'code = "shelter"\nname = "住房和城乡建设局"', "departments",
         "'housing' is missing"),
        ('locality_code = "430200"', 'locality_code = "4302"', "pack.locality_code", "6-digit"),
        ("effective_from = 2024-01-01", 'effective_from = "next year"', "pack.effective_from", "date"),
        ('version = "zhuzhou-2024.1"\n', "", "pack.version", "missing"),
        ("[routing]", "[routing]\nsurprise = 1", "routing.surprise", "unknown key"),
        ("[assets]", "[assetz]\n[assets]", "assetz", "unknown key"),
        ("[tekun]", "[tekun", "", "not valid TOML"),
    ],
)
def test_validation_names_file_key_and_problem(old: str, new: str, key: str, problem: str) -> None:
    with pytest.raises(PolicyPackError) as caught:
        parse_pack(_broken(old, new), "county-2025.toml")
    error = caught.value
    message = str(error)
    assert error.file == "county-2025.toml"
    assert error.key == key
    assert problem in message
    assert "county-2025.toml" in message.split(" / ")[0] and "county-2025.toml" in message.split(" / ")[1]
    if key:
        assert key in message
    assert "\n" not in message.split(" / ", 1)[0]


def test_empty_commitment_text_is_refused() -> None:
    text = re.sub(r'commitment = """.*?"""', 'commitment = "   "', DEFAULT_TEXT, count=1, flags=re.DOTALL)
    with pytest.raises(PolicyPackError, match="wording.commitment.*non-empty text"):
        parse_pack(text, "county.toml")


def test_load_pack_reports_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(PolicyPackError, match="missing.toml.*cannot read"):
        load_pack(tmp_path / "missing.toml")
    latin = tmp_path / "latin.toml"
    latin.write_bytes("locality = '株洲'".encode("gb18030"))
    with pytest.raises(PolicyPackError, match="not UTF-8"):
        load_pack(latin)


def _version(text: str, version: str, effective: str) -> str:
    return text.replace('version = "zhuzhou-2024.1"', f'version = "{version}"').replace(
        "effective_from = 2024-01-01", f"effective_from = {effective}"
    ).replace('urban_monthly = "700"', f'urban_monthly = "{700 + int(effective[:4]) - 2024}"')


def test_registry_picks_the_pack_in_force(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(_version(DEFAULT_TEXT, "v2024", "2024-01-01"), encoding="utf-8")
    (tmp_path / "b.toml").write_text(_version(DEFAULT_TEXT, "v2025", "2025-07-01"), encoding="utf-8")
    (tmp_path / "c.toml").write_text(_version(DEFAULT_TEXT, "v2026", "2026-01-01"), encoding="utf-8")
    registry = PackRegistry.from_directory(tmp_path)
    assert [p.version for p in registry.packs] == ["v2024", "v2025", "v2026"]
    assert registry.pack_for(date(2025, 6, 30)).version == "v2024"
    assert registry.pack_for(date(2025, 7, 1)).version == "v2025"
    assert registry.pack_for(date(2026, 11, 22)).version == "v2026"
    assert registry.latest.version == "v2026"
    assert registry.by_version("v2025").standard_for(HukouType.URBAN).amount_fen == 70_100
    assert len({p.sha256 for p in registry.packs}) == 3
    with pytest.raises(PolicyPackError, match="no pack is in force on 2023-12-31"):
        registry.pack_for(date(2023, 12, 31))


def test_registry_refuses_two_packs_with_the_same_effective_date(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(_version(DEFAULT_TEXT, "one", "2025-01-01"), encoding="utf-8")
    (tmp_path / "b.toml").write_text(_version(DEFAULT_TEXT, "two", "2025-01-01"), encoding="utf-8")
    with pytest.raises(PolicyPackError, match="b.toml.*same effective date"):
        PackRegistry.from_directory(tmp_path)


def test_registry_refuses_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(PolicyPackError, match="no .toml policy pack"):
        PackRegistry.from_directory(tmp_path)


def test_default_registry_reads_the_shipped_folder() -> None:
    assert default_pack_dir() == resources_dir() / "policy"
    assert PackRegistry.default().pack_for(date(2026, 11, 22)).version == "zhuzhou-2024.1"


def test_default_pack_gives_english_for_every_name() -> None:
    """Departments, materials and their notes, income items, procedures, steps, refusal reasons and the discovery
    lists: each has its English text, so a window shown in English names none of them in Chinese."""
    pack = PackRegistry.default().latest
    assert pack.procedures is not None and pack.discovery is not None
    texts: list[tuple[str, str]] = [(pack.locality, pack.locality_en)]
    texts += [(d.name, d.name_en) for d in pack.departments] + [(d.full_name, d.full_name_en) for d in pack.departments]
    for items in pack.materials.values():
        texts += [(m.name, m.name_en) for m in items] + [(m.note, m.note_en) for m in items if m.note]
    texts += [(x.name, x.name_en) for x in pack.income.exempt_items]
    for track in pack.procedures.tracks.values():
        texts += [(track.name, track.name_en)] + [(s.name, s.name_en) for s in track.steps]
    texts += [(x.name, x.name_en) for x in pack.procedures.refusal_reasons]
    for group in (pack.discovery.sources, pack.discovery.risk_factors, pack.discovery.circles):
        texts += [(x.name, x.name_en) for x in group]
    texts += [(pack.wording.commitment, pack.wording.commitment_en),
              (pack.wording.office_promise, pack.wording.office_promise_en)]
    han = re.compile(r"[\u3400-\u9fff]")
    missing = [zh for zh, en in texts if not en or han.search(en)]
    assert missing == []
    names = PackRegistry.default().english_names()
    assert all(names[zh] == en for zh, en in texts if zh not in (pack.wording.commitment, pack.wording.office_promise))
    assert names["教育局"] == "Education bureau" and names["入户调查"] == "Home visit"


def test_english_names_are_optional_and_checked_like_any_key() -> None:
    without = parse_pack(DEFAULT_TEXT.replace('name_en = "Education bureau"\n', "", 1), "county.toml")
    assert without.department("education").name_en == "" and "教育局" not in without.english_names()
    with pytest.raises(PolicyPackError) as caught:
        parse_pack(DEFAULT_TEXT.replace('name_en = "Education bureau"\n', 'name_english = "Education"\n', 1),
                   "county.toml")
    assert caught.value.key.startswith("departments[0]")
