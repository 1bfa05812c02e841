"""``intake-desk assess FILE.json`` run as a user runs it: a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from intake_desk.paths import resources_dir

EXAMPLE = resources_dir() / "examples" / "household.json"


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "INTAKE_DESK_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    environment.pop("INTAKE_DESK_DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "intake_desk", "assess", *args], capture_output=True,
                          text=True, encoding="utf-8", env=environment, timeout=120, check=False)


def write(tmp_path: Path, data: Any, name: str = "household.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_assesses_the_shipped_example(tmp_path: Path) -> None:
    done = run(str(EXAMPLE), home=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["assessment"]["category"] == "dibao"
    assert report["assessment"]["per_capita_monthly_income_fen"] == 60000
    assert report["assessment"]["estimated_monthly_benefit_fen"] == 30000
    assert "家庭月人均收入 600.00 元，低于城市低保标准 700.00 元" in "".join(report["explanation"])
    assert report["pack"]["version"] == "zhuzhou-2024.1"
    assert {r["department_code"] for r in report["referrals"]} == {"education", "medical", "housing", "employment"}
    assert report["deadlines"]["review"] == {
        "due_date": "2026-12-04", "working_days": 10, "fast_track": True, "governed_by": "dibao",
        "calendar_fallback": False,
    }
    assert report["calendar_warning"] is None
    # resident ID numbers are masked in the printed report
    assert "430202198503040013" not in done.stdout
    assert report["household"]["members"][0]["resident_id"] == "430202********0013"
    # assessing never creates the default database
    assert not (tmp_path / "data" / "intake-desk.sqlite3").exists()


def test_deadline_running_into_an_unpublished_year_warns(tmp_path: Path) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["application_date"] = data["received_on"] = "2026-12-28"
    data["fast_track"] = False
    done = run(str(write(tmp_path, data)), home=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["deadlines"]["review"]["calendar_fallback"] is True
    assert "2027" in report["calendar_warning"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["members"][1].update(resident_id="430202198705040021"), "members[1].resident_id"),
        (lambda d: d["incomes"][0].update(category="salary"), "incomes[0].category"),
        (lambda d: d["incomes"][0].update(monthly="-5"), "incomes[0].monthly"),
        (lambda d: d["members"][0].update(nmae="x"), "members[0].nmae"),
        (lambda d: d.pop("hukou_type"), "hukou_type"),
        (lambda d: d["expenses"][0].update(member=7), "expenses[0].member"),
    ],
)
def test_bad_input_names_the_field_in_one_line(tmp_path: Path, change: Any, field: str) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    change(data)
    done = run(str(write(tmp_path, data)), home=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith(f"{field}: ")
    assert done.stderr.count("\n") == 1 and " / " in done.stderr
    assert "Traceback" not in done.stderr


def test_unreadable_and_malformed_files_give_one_line(tmp_path: Path) -> None:
    missing = run(str(tmp_path / "nothing.json"), home=tmp_path)
    assert missing.returncode == 2 and "Cannot read" in missing.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"application_date": ', encoding="utf-8")
    malformed = run(str(broken), home=tmp_path)
    assert malformed.returncode == 2 and "line 1" in malformed.stderr and "Traceback" not in malformed.stderr


def test_a_bad_pack_is_named(tmp_path: Path) -> None:
    pack = tmp_path / "county.toml"
    text = (resources_dir() / "policy" / "zhuzhou-2024.toml").read_text(encoding="utf-8")
    pack.write_text(text.replace('urban_monthly = "700"', 'urban_monthly = "seven"'), encoding="utf-8")
    done = run(str(EXAMPLE), "--pack", str(pack), home=tmp_path)
    assert done.returncode == 2
    assert "county.toml" in done.stderr and "standards.urban_monthly" in done.stderr
