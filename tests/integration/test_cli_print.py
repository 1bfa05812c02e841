"""``intake-desk print`` as a user runs it: a real subprocess on a demo database, every kind of document,
reprints, the print log and audit, one-line refusals. The PDFs are rendered to PNG for people to look at
(``artifacts/printing-app/``)."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from intake_desk.domain.enums import DocumentKind
from intake_desk.services import audit
from intake_desk.services.clock import FixedClock
from intake_desk.services.context import Services
from intake_desk.services.demo import seed_demo
from intake_desk.store.db import Database
from intake_desk.store.migrate import upgrade
from tests.conftest import TEST_NOW

CLERK, CLERK_PASSWORD = "clerk", "clerk1234"


def run(*args: str, home: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "INTAKE_DESK_HOME": str(home)}
    for name in ("INTAKE_DESK_DATABASE_URL", "INTAKE_DESK_USER"):
        environment.pop(name, None)
    return subprocess.run([sys.executable, "-m", "intake_desk", *args], input=stdin, capture_output=True,
                          text=True, env=environment, timeout=120, check=False)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database (hall, one login per role, 16 households through the real services), built once."""
    folder = tmp_path_factory.mktemp("print-demo")
    path = folder / "demo.sqlite3"
    db = Database(f"sqlite:///{path}")
    upgrade(db, backup_dir=folder)
    seed_demo(Services(db, FixedClock(TEST_NOW)), 16)
    db.dispose()
    return path


@pytest.fixture
def demo(tmp_path: Path, demo_template: Path) -> tuple[Path, Services]:
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, path)
    services = Services(Database(f"sqlite:///{path}"), FixedClock(TEST_NOW))
    yield path, services
    services.close()


def _printable_application(services: Services) -> str:
    """A demo application with every kind of document: declaration, two referral slips, a notice."""
    clerk = services.accounts.authenticate(CLERK, CLERK_PASSWORD)
    for row in services.applications.search(clerk, limit=100):
        kinds = [d.kind for d in services.printing.documents_for(clerk, row.number)]
        if (DocumentKind.DECLARATION in kinds and DocumentKind.NOTICE in kinds
                and kinds.count(DocumentKind.REFERRAL) >= 2 and "𠮷" not in row.applicant_name):
            return row.number
    raise AssertionError("the demo data has no application with every kind of document")


def test_print_every_kind_from_the_command_line(demo: tuple[Path, Services], tmp_path: Path,
                                                artifacts: Path) -> None:
    path, services = demo
    number = _printable_application(services)
    clerk = services.accounts.authenticate(CLERK, CLERK_PASSWORD)
    slips = [d for d in services.printing.documents_for(clerk, number) if d.kind is DocumentKind.REFERRAL]
    out = tmp_path / "out"
    out.mkdir()
    home = tmp_path / "home"
    common = ("--database", str(path), "--user", CLERK)

    written: dict[str, Path] = {}
    for kind in ("receipt", "declaration", "notice"):
        target = out / f"{kind}.pdf"
        done = run("print", kind, number, "-o", str(target), *common, home=home, stdin=CLERK_PASSWORD + "\n")
        assert done.returncode == 0, done.stderr
        assert "第 1 份" in done.stdout and str(target) in done.stdout
        written[kind] = target

    # referral without --department: one file per department
    done = run("print", "referral", number, "-o", str(out / "slips.pdf"), *common, home=home,
               stdin=CLERK_PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    for slip in slips:
        target = out / f"slips-{slip.department_code}.pdf"
        assert target.exists(), done.stdout
        words = pdf_text(target)
        assert slip.document_number in words and (slip.department_name or "") in words
        written[f"referral-{slip.department_code}"] = target
    assert not (out / "slips.pdf").exists()

    # one department's slip, printed again: a reprint
    chosen = slips[0]
    again = out / "slip-again.pdf"
    done = run("print", "referral", number, "--department", chosen.department_code or "", "-o", str(again),
               *common, home=home, stdin=CLERK_PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    assert "第 2 份" in done.stdout and "补打（第 1 次）" in done.stdout
    assert "补打（第 1 次）" in pdf_text(again)
    assert "补打" not in pdf_text(written[f"referral-{chosen.department_code}"])

    # the documents say what they should
    receipt = pdf_text(written["receipt"])
    detail = services.applications.get(clerk, number)
    assert number in receipt and detail.applicant_name in receipt and detail.applicant_id in receipt
    assert "王丽" in receipt, "the clerk who printed"
    assert detail.declaration is not None and detail.declaration.template_hash in pdf_text(written["declaration"])
    assert f"{number}-GZ" in pdf_text(written["notice"])

    # the print log holds every file, with its SHA-256, under the user who printed it
    log = services.printing.printed(clerk, number)
    assert len(log) == 3 + len(slips) + 1
    assert all(r.output == "file" and r.printed_by_name == "王丽" for r in log)
    files = {hashlib.sha256(p.read_bytes()).hexdigest() for p in [*written.values(), again]}
    assert {r.sha256 for r in log} == files
    if os.name == "posix":  # printed documents hold personal data: owner-only from the first byte
        assert {stat.S_IMODE(p.stat().st_mode) for p in [*written.values(), again]} == {0o600}
    events = [e for e in audit.trail(services.db, "document", number) if e.action == "document.print"]
    assert events and all(e.actor_name == "王丽" and e.detail["via"] == "command line" for e in events)
    assert audit.verify(services.db).ok

    # for people to look at
    pictures = artifacts / "printing-app"
    pictures.mkdir(exist_ok=True)
    if shutil.which("pdftoppm"):
        for name, pdf in [*written.items(), ("referral-reprint", again)]:
            subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(pictures / f"cli-{name}")], check=True)


def test_print_refusals_are_one_line(demo: tuple[Path, Services], tmp_path: Path) -> None:
    path, services = demo
    number = _printable_application(services)
    home = tmp_path / "home"
    target = tmp_path / "x.pdf"

    def refused(*args: str, stdin: str = CLERK_PASSWORD + "\n") -> str:
        done = run("print", *args, "--database", str(path), home=home, stdin=stdin)
        assert done.returncode != 0, done.stdout
        assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert not target.exists() and not list(tmp_path.glob(".x.pdf.*")), "no file for a refused print"
        return done.stderr

    assert "--user" in refused("receipt", number, "-o", str(target))
    assert "password is wrong" in refused("receipt", number, "-o", str(target), "--user", CLERK, stdin="nope\n")
    assert "No application" in refused("receipt", "HT01-20991231-0001", "-o", str(target), "--user", CLERK)
    assert "police" in refused("referral", number, "--department", "police", "-o", str(target), "--user", CLERK)
    assert "document.print" in refused("receipt", number, "-o", str(target), "--user", "admin", stdin="admin1234\n")
    assert "folder does not exist" in refused("receipt", number, "-o", str(tmp_path / "none" / "x.pdf"),
                                              "--user", CLERK)
    usage = run("print", "letter", number, "-o", str(target), home=home)
    assert usage.returncode == 2 and "invalid choice" in usage.stderr
    clerk = services.accounts.authenticate(CLERK, CLERK_PASSWORD)
    assert services.printing.printed(clerk, number) == [], "nothing was recorded"


def test_selftest_warns_about_a_font_that_cannot_be_used(demo: tuple[Path, Services], tmp_path: Path) -> None:
    path, services = demo
    admin = services.accounts.authenticate("admin", "admin1234")
    services.settings.put(admin, "font_file", str(tmp_path / "missing-simsun.ttc"))
    done = run("selftest", "--database", str(path), home=tmp_path / "home")
    assert done.returncode == 0, done.stdout + done.stderr
    line = next(x for x in done.stdout.splitlines() if "字体 font" in x)
    assert line.startswith("[WARN]") and "missing-simsun.ttc" in line
    assert "[OK] PDF" in done.stdout


def test_selftest_warns_on_the_built_in_font(demo: tuple[Path, Services], monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from intake_desk.printing import fonts
    from intake_desk.selftest import run_selftest

    path, _services = demo
    monkeypatch.setattr(fonts, "_candidates", lambda: ([], []))  # a machine without a Chinese TrueType font
    fonts.find_cjk_font.cache_clear()
    try:
        code = run_selftest(f"sqlite:///{path}")
    finally:
        fonts.find_cjk_font.cache_clear()
    out = capsys.readouterr().out
    assert code == 0, out
    line = next(x for x in out.splitlines() if "字体 font" in x)
    assert line.startswith("[WARN]") and "STSong-Light" in line and "不嵌入" in line
    assert "[OK] PDF" in out
