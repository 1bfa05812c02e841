"""What a launch loads: the window opens without the code of features nobody has used yet.

A fresh interpreter takes the path of a clerk's start (open the database, sign in, build the main window,
show it, wait until its first page is built) and reports which modules it loaded at each point. Alembic
(with Mako) is loaded only when a database needs an upgrade, the keyring only for a server's password, the
PostgreSQL driver only for a server, ReportLab and the print preview only when printing, QtCharts only on
the statistics page, openpyxl and pandas only on import and export; no page's module before the window is
shown.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.store.db import Database

# Loaded only by the feature that needs it, never by a launch on a database at the current revision.
NOT_AT_LAUNCH = ("alembic", "mako", "keyring", "psycopg", "reportlab", "openpyxl", "pandas", "PySide6.QtCharts",
                 "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtPrintSupport",
                 "intake_desk.printing.documents", "intake_desk.ui.dialogs.print_preview",
                 "intake_desk.ui.pages.statistics_page")

_LAUNCH = """
import json, sys
from PySide6.QtTest import QTest

def loaded(prefixes):
    return sorted(m for m in list(sys.modules) if any(m == p or m.startswith(p + ".") for p in prefixes))

watched = json.loads(sys.argv[2])
pages = ["intake_desk.ui.pages.intake.page"]
from intake_desk.app import open_services
from intake_desk.ui.application import application, build_main_window
app = application("zh")
services = open_services(sys.argv[1])
actor = services.accounts.authenticate("clerk1", "clerk1-pass-1")
window = build_main_window(services, actor)
before_show = loaded(watched + pages)
window.show()
QTest.qWaitForWindowExposed(window)
for _ in range(5000):
    if window.started:
        break
    QTest.qWait(2)
report = {"before_show": before_show, "started": window.started, "first_page": window.current_page_key(),
          "after_start": loaded(watched + pages), "sqlalchemy": "sqlalchemy.orm" in sys.modules}
# As the program ends (run_gui): the window closed and the background work done before the interpreter
# exits, never with worker threads still in a query.
from intake_desk.ui import worker
window.close()
worker.wait_all(30_000)
print(json.dumps(report))
"""


def _launch(url: str, home: Path) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", INTAKE_DESK_HOME=str(home))
    env.pop("INTAKE_DESK_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(_LAUNCH), url, json.dumps(list(NOT_AT_LAUNCH))],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_launch_loads_no_feature_code_and_no_page_before_the_window_shows(
        tmp_path: Path, db: Database, services: Services, clerk: Actor) -> None:
    url = f"sqlite:///{db.sqlite_path}"
    db.dispose()
    report = _launch(url, tmp_path / "home")
    assert report["sqlalchemy"] is True  # the report sees what was loaded
    assert report["before_show"] == [], "loaded before the window was shown"
    assert report["started"] is True and report["first_page"] == "intake"
    # The first page is built once the window is on screen, and nothing else comes with it.
    assert report["after_start"] == ["intake_desk.ui.pages.intake.page"]


# What a script below finds loaded of ``database_code`` when the window named ``first_window`` is first
# painted: ``report[first_mark]``.
_FIRST_PAINT = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

def loaded(prefixes):
    return sorted(m for m in list(sys.modules) if any(m == p or m.startswith(p + ".") for p in prefixes))

report = {}

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if (event.type() == QEvent.Type.Paint and first_mark not in report and isinstance(watched, QWidget)
                and watched.window().objectName() == first_window):
            report[first_mark] = loaded(database_code)
        return False
"""

#: Installs the first-paint watch, starts ``drive`` and runs ``intake-desk gui --database URL [ARG …]`` (the
#: script's arguments), then prints the report.
_RUN = """
from intake_desk.ui.application import application
app = application("zh")
watch = FirstPaint()
app.installEventFilter(watch)
QTimer.singleShot(10, drive)
from intake_desk import cli
report["code"] = cli.main(["gui", "--database", *sys.argv[1:]])
report["at_end"] = loaded(database_code)
print(json.dumps(report))
"""

_GUI = _FIRST_PAINT + """
database_code = ["sqlalchemy", "intake_desk.store.db", "intake_desk.store.models", "intake_desk.services.context",
                 "intake_desk.ui.main_window"]
first_window, first_mark = "LoginDialog", "at_sign_in"

def drive():
    modal = QApplication.activeModalWidget()
    if modal is not None and modal.objectName() == "LoginDialog" and "at_sign_in" in report and "typed" not in report:
        report["typed"] = True
        modal.ui.usernameEdit.setText("clerk1")
        modal.ui.passwordEdit.setText("clerk1-pass-1")
        modal.sign_in()
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "MainWindow" and widget.isVisible() and getattr(widget, "started", False):
            report["window"] = widget.actor.username
            widget.close()
            return
    QTimer.singleShot(10, drive)
""" + _RUN


def test_the_sign_in_window_shows_before_the_database_code_loads(
        tmp_path: Path, db: Database, services: Services, clerk: Actor) -> None:
    url = f"sqlite:///{db.sqlite_path}"
    db.dispose()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", INTAKE_DESK_HOME=str(tmp_path / "home"))
    env.pop("INTAKE_DESK_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(_GUI), url], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["at_sign_in"] == [], "loaded before the sign-in window was first painted"
    assert report["window"] == "clerk1" and report["code"] == 0
    assert "sqlalchemy" in report["at_end"] and "intake_desk.ui.main_window" in report["at_end"]


def test_a_damaged_database_is_named_after_the_sign_in_window_closes(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"not a database, " * 512)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", INTAKE_DESK_HOME=str(tmp_path / "home"))
    env.pop("INTAKE_DESK_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-m", "intake_desk", "gui", "--database", f"sqlite:///{damaged}"],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 1
    assert "已损坏" in done.stderr and "is damaged" in done.stderr and "Traceback" not in done.stderr


_GUI_USER = _FIRST_PAINT + """
database_code = ["sqlalchemy", "intake_desk.store.db", "intake_desk.store.models", "intake_desk.services.context",
                 "intake_desk.ui.pages.intake"]
first_window, first_mark = "MainWindow", "at_frame"

def drive():
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() != "MainWindow" or not widget.isVisible():
            continue
        error = widget.findChild(QWidget, "startErrorLabel")
        if error is not None and error.isVisible():  # the database cannot be opened: said there, then quit
            report["said"] = error.text()
            widget.findChild(QWidget, "startQuitButton").click()
            return
        if getattr(widget, "started", False):
            report["window"] = widget.actor.username
            widget.close()
            return
    QTimer.singleShot(10, drive)
""" + _RUN


def _gui_user(url: str, home: Path, password: str) -> tuple[dict[str, object], str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", INTAKE_DESK_HOME=str(home))
    env.pop("INTAKE_DESK_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(_GUI_USER), url, "--user", "clerk1"],
                          input=password + "\n", capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


def test_a_launch_naming_its_user_paints_the_main_window_before_the_database_code_loads(
        tmp_path: Path, db: Database, services: Services, clerk: Actor) -> None:
    url = f"sqlite:///{db.sqlite_path}"
    db.dispose()
    report, _stderr = _gui_user(url, tmp_path / "home", "clerk1-pass-1")
    assert report["at_frame"] == [], "loaded before the main window's frame was first painted"
    assert report["window"] == "clerk1" and report["code"] == 0


def test_a_launch_naming_its_user_says_a_damaged_database_once_in_the_window(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"not a database, " * 512)
    report, stderr = _gui_user(f"sqlite:///{damaged}", tmp_path / "home", "clerk1-pass-1")
    assert "已损坏" in str(report["said"]) and "is damaged" not in str(report["said"])  # one language
    assert report["code"] == 1 and "window" not in report
    assert "is damaged" in stderr and "Traceback" not in stderr
