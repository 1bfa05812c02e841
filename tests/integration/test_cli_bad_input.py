"""Bad input at the command line: one bilingual sentence and exit 2 – invalid UTF-8 and NUL in
arguments, documents nested beyond 100 levels, dates outside 1900–2100."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from intake_desk import cli
from intake_desk.paths import resources_dir

EXAMPLE = resources_dir() / "examples" / "household.json"


def run(*args: str | bytes, home: Path) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "INTAKE_DESK_HOME": str(home), "LC_ALL": "C.UTF-8"}
    environment.pop("INTAKE_DESK_DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "intake_desk", *args], capture_output=True, env=environment,
                          timeout=120, check=False)


def one_sentence(done: subprocess.CompletedProcess[bytes]) -> str:
    assert done.returncode == 2, done.stderr
    text = done.stderr.decode("utf-8")
    lines = text.strip().splitlines()
    assert len(lines) == 1 and " / " in lines[0] and "Traceback" not in text and "Internal error" not in text
    return lines[0]


@pytest.mark.parametrize("args", [
    [b"export", b"applications", b"-o", b"x.csv", b"--user", b"admin", b"--text", b"\xff"],
    [b"export", b"referrals", b"-o", b"x.csv", b"--user", b"admin", b"--text=\xe5\xbc"],  # a cut 张
    [b"export", b"referrals", b"-o", b"x.csv", b"--user", b"\xff\xfe"],
    [b"print", b"receipt", b"HT01-\xff", b"-o", b"x.pdf", b"--user", b"admin"],
])
def test_invalid_utf8_arguments(tmp_path: Path, args: list[bytes]) -> None:
    line = one_sentence(run(*args, home=tmp_path))
    assert "not valid text" in line and "UTF-8" in line
    assert not (tmp_path / "data" / "intake-desk.sqlite3").exists(), "refused before the database was opened"


def test_nul_in_an_argument_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["export", "applications", "-o", "x.csv", "--user", "admin", "--text", "张\x00三"]) == 2
    err = capsys.readouterr().err
    assert "--text" in err and "not valid text" in err and len(err.strip().splitlines()) == 1


def _household(tmp_path: Path, **changes: object) -> Path:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data.pop("received_on", None)
    data.update(changes)
    path = tmp_path / "household.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("day", ["9999-12-31", "1899-12-31", "2101-01-01", "0001-01-01"])
def test_dates_outside_1900_2100(tmp_path: Path, day: str) -> None:
    line = one_sentence(run("assess", str(_household(tmp_path, application_date=day)), home=tmp_path))
    assert "application_date" in line and "1900–2100" in line


def test_dates_inside_the_range_still_assess(tmp_path: Path) -> None:
    done = run("assess", str(_household(tmp_path, application_date="2026-11-20")), home=tmp_path)
    assert done.returncode == 0, done.stderr.decode()


@pytest.mark.parametrize("option", ["--from", "--to"])
def test_export_date_filters_outside_the_range(tmp_path: Path, option: str) -> None:
    line = one_sentence(run("export", "applications", "-o", str(tmp_path / "x.csv"), "--user", "admin", option,
                            "9999-12-31", home=tmp_path))
    assert option in line and "1900–2100" in line


@pytest.mark.parametrize("depth", [101, 150, 5000])
def test_deeply_nested_json(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"members": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    line = one_sentence(run("assess", str(path), home=tmp_path))
    assert "nested" in line


def test_nesting_of_100_levels_is_only_refused_as_a_bad_field(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"members": ' + "[" * 99 + "]" * 99 + "}", encoding="utf-8")
    line = one_sentence(run("assess", str(path), home=tmp_path))
    assert "nested" not in line


@pytest.mark.parametrize("depth", [101, 3000])
def test_deeply_nested_toml_pack(tmp_path: Path, depth: int) -> None:
    pack = tmp_path / "deep.toml"
    pack.write_text("[pack]\nversion = " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    line = one_sentence(run("assess", str(EXAMPLE), "--pack", str(pack), home=tmp_path))
    assert "nested" in line and "deep.toml" in line
