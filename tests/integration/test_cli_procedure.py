"""``intake-desk print refusal|extension|progress|publicity`` and ``intake-desk report timeliness`` run as a
user runs them: a subprocess on a real database, signed in with --user (password on standard input)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from intake_desk.services.clock import FixedClock
from intake_desk.store.db import Database
from tests.conftest import make_services
from tests.unit.services.test_procedure import INVESTIGATION, Desk, at

D = date


def run(*args: str, home: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "INTAKE_DESK_HOME": str(home)}
    for name in ("INTAKE_DESK_DATABASE_URL", "INTAKE_DESK_USER"):
        environment.pop(name, None)
    return subprocess.run([sys.executable, "-m", "intake_desk", *args], input=stdin, capture_output=True,
                          text=True, env=environment, timeout=120, check=False)


def text(path: Path) -> str:
    return "".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(path.read_bytes())).pages).replace(
        " ", "").replace("\n", "")


def test_print_and_report_from_the_command_line(db_path: Path, tmp_path: Path) -> None:
    db = Database(f"sqlite:///{db_path}")
    desk = Desk(make_services(db, FixedClock(at(D(2026, 9, 25)))))
    refused = desk.receive(D(2026, 9, 25), name="赵六")
    desk.step(refused, "investigation", INVESTIGATION, D(2026, 9, 28))
    desk.s.procedure.refuse(desk.supervisor, refused, reasons=["income_above"], facts="月工资 3,000 元",
                            expected_version=desk.view(refused).version)
    approved = desk.receive(D(2026, 9, 25), name="钱七")
    desk.walk_to_decision(approved, D(2026, 9, 25))
    desk.on(D(2026, 10, 20))
    desk.s.procedure.decide(desk.supervisor, approved, amount_fen=70_000, start_month=D(2026, 10, 1),
                            expected_version=desk.view(approved).version)
    fast = desk.receive(D(2026, 10, 12), fast=True)
    desk.step(fast, "data_check", {"result": "consistent"}, D(2026, 10, 13))
    desk.on(D(2026, 10, 15))
    desk.s.procedure.decide(desk.supervisor, fast, amount_fen=30_000, start_month=D(2026, 10, 1),
                            expected_version=desk.view(fast).version)
    db.dispose()
    url = f"sqlite:///{db_path}"
    home = tmp_path / "home"
    home.mkdir()

    out = tmp_path / "refusal.pdf"
    result = run("print", "refusal", refused, "-o", str(out), "--user", "clerk1", "--database", url, home=home,
                 stdin="clerk1-pass-1\n")
    assert result.returncode == 0, result.stderr
    assert "不予救助告知书" in result.stdout and "第 1 份" in result.stdout
    assert "行政复议" in text(out) and "月工资3,000元" in text(out)
    assert oct(out.stat().st_mode & 0o777) == "0o600"

    out = tmp_path / "progress.pdf"
    result = run("print", "progress", approved, "-o", str(out), "--user", "clerk1", "--database", url, home=home,
                 stdin="clerk1-pass-1\n")
    assert result.returncode == 0, result.stderr
    assert "予以救助" in text(out)

    out = tmp_path / "publicity.pdf"
    result = run("print", "publicity", "--hall", "HT01", "--from", "2026-10-01", "--to", "2026-10-31", "-o", str(out),
                 "--user", "clerk1", "--database", url, home=home, stdin="clerk1-pass-1\n")
    assert result.returncode == 0, result.stderr
    assert "1 户" in result.stdout and "钱七" in text(out) and "赵六" not in text(out)

    # A refusal notice for an application that was not refused: one bilingual line, no file.
    out = tmp_path / "none.pdf"
    result = run("print", "extension", approved, "-o", str(out), "--user", "clerk1", "--database", url, home=home,
                 stdin="clerk1-pass-1\n")
    assert result.returncode != 0 and not out.exists()
    assert "没有批准的延期" in result.stderr and " / " in result.stderr and "Traceback" not in result.stderr

    result = run("report", "timeliness", "--user", "super1", "--json", "--database", url, home=home,
                 stdin="super1-pass-1\n")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["normal"]["decided"] == 2 and data["fast_track"]["decided"] == 1
    assert data["fast_track"]["mean_working_days"] == 3.0  # 12 → 15 October
    assert data["fast_track"]["on_time_share"] == 1.0
    assert set(data["normal"]) == {"decided", "mean_working_days", "p90_working_days", "on_time_share", "open",
                                   "overdue"}
    result = run("report", "timeliness", "--user", "super1", "--from", "2026-10-16", "--database", url, home=home,
                 stdin="super1-pass-1\n")
    assert result.returncode == 0, result.stderr
    assert "常规 normal" in result.stdout and "告知承诺 fast_track" in result.stdout
    result = run("report", "timeliness", "--user", "clerk1", "--database", url, home=home, stdin="clerk1-pass-1\n")
    assert result.returncode != 0 and "Traceback" not in result.stderr and " / " in result.stderr
