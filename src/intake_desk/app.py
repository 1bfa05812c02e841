"""Composition root: settings → database → services → window.

The database code (SQLAlchemy, the models) is imported when the services are opened, not with this
module: the window's launch shows the sign-in window first and opens the database behind it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from intake_desk import paths

if TYPE_CHECKING:
    from intake_desk.services.context import Services

log = logging.getLogger(__name__)

PasswordPrompt = Callable[[str], str | None]


def open_services(url: str | None = None, *, prompt: PasswordPrompt | None = None, migrate: bool = True,
                  check_integrity: bool = True) -> Services:
    """Open the database (creating and migrating it on first start) and build the services on it.

    A SQLite file is checked first (``PRAGMA integrity_check``); a damaged one raises
    ``DatabaseDamaged`` naming the backup to restore.
    """
    from intake_desk.services.context import Services
    from intake_desk.store.connect import open_database
    from intake_desk.store.db import DatabaseError
    from intake_desk.store.integrity import check_database
    from intake_desk.store.migrate import upgrade

    db = open_database(url, prompt=prompt)
    if check_integrity:
        try:
            check_database(db)
        except DatabaseError:
            db.dispose()
            raise
    if migrate:
        result = upgrade(db)
        if result.backup is not None:
            log.info("backup before migration: %s", result.backup)
    services = Services(db)
    organisation = getattr(services, "organisation", None)
    if organisation is not None and migrate and not services.accounts.needs_setup():
        organisation.sync_departments_from_pack()
    return services


def demo_database_path() -> Path:
    return paths.data_dir() / "demo" / "intake-desk-demo.sqlite3"


def fresh_demo_services(households: int = 40) -> tuple[Services, list[tuple[str, str, str]]]:
    """A new demo database (the old one is replaced) filled through the real services."""
    from intake_desk.services.context import Services
    from intake_desk.services.demo import seed_demo
    from intake_desk.services.demo_mark import mark_demo
    from intake_desk.store.db import Database
    from intake_desk.store.migrate import upgrade

    path = demo_database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    services = Services(db)
    mark_demo(db)
    summary = seed_demo(services, households=households)
    return services, list(summary.logins)


def run_window(services: Services | Callable[[], Services], *,
               demo_logins: list[tuple[str, str, str]] | None = None, language: str | None = None,
               user: tuple[str, str] | None = None) -> int:
    """The window on open services, or (given a function that opens them) the sign-in window at once with
    the database opened behind it – or, given ``user`` (name, password), the main window's frame at once
    with the database opened and the user signed in behind it."""
    from intake_desk.ui.application import run_gui

    return run_gui(services, demo_logins=demo_logins, language=language, user=user)


def report_start_failure(message: str) -> None:
    """Show why the window cannot open (a damaged or unreachable database) in a message box.

    The command line prints the same sentence; a clerk who started the program from its icon sees no
    terminal. Skipped without a real screen (offscreen tests, servers).
    """
    import os

    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return
    try:
        from PySide6.QtWidgets import QMessageBox

        from intake_desk.ui.application import application

        application()
        QMessageBox(QMessageBox.Icon.Critical, "无法启动 / Cannot start", message).exec()
    except Exception:  # noqa: BLE001 - no screen: the printed line is enough
        log.info("start failure not shown in a window", exc_info=True)
