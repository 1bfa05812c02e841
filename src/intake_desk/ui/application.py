"""Start the window: application object, language, first-run set-up, sign-in, main window.

At launch the sign-in window comes first and opens before the database code is loaded: the database is
opened (checked, upgraded where needed) behind it while the clerk types (``run_gui`` given a function
that opens the services). A launch that names its user shows the main window's frame instead and opens
the database and signs in behind it (``ui/signing_in.py``).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from intake_desk import logs, paths
from intake_desk.services.actor import Actor
from intake_desk.ui import i18n, style
from intake_desk.ui.worker import error_message, run_and_wait, wait_all

if TYPE_CHECKING:
    from intake_desk.services.context import Services
    from intake_desk.ui.main_window import MainWindow
    from intake_desk.ui.signing_in import SignInOutcome

ServicesOpener = Callable[[], "Services"]

log = logging.getLogger(__name__)

APPLICATION_NAME = "Intake Desk"


def application(language: str | None = None) -> QApplication:
    """The program's QApplication (reused when one exists, as in tests), styled and translated."""
    existing = QApplication.instance()
    if existing is not None and not isinstance(existing, QApplication):
        raise RuntimeError("a non-widget Qt application already exists")
    if existing is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = existing or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    if not app.property("intake_desk_ready"):
        QCoreApplication.setApplicationName(APPLICATION_NAME)
        QCoreApplication.setOrganizationName("intake-desk")
        QGuiApplication.setDesktopFileName("intake-desk")
        icon = paths.resources_dir() / "icons" / "intake-desk.svg"
        if icon.exists():
            app.setWindowIcon(QIcon(str(icon)))
        style.apply(app)
        # File and print dialogs drawn by Qt, not the desktop's: they then speak the window's language
        # (the desktop's follow the system locale and mixed Chinese and English).
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
        app.setProperty("intake_desk_ready", True)
    i18n.install(app, language)
    return app


def build_main_window(services: Services, actor: Actor) -> MainWindow:
    """The main window for a signed-in actor (tests build it directly)."""
    window = _main_window()
    window.attach(services, actor)
    return window


def main_window_signing_in(opening: ServicesOpener, username: str, password: str) -> tuple[MainWindow, SignInOutcome]:
    """The main window's frame, to be shown at once: the database is opened and ``username`` signed in
    behind it after its first paint; the outcome is filled in as that goes (``ui/signing_in.py``)."""
    from intake_desk.ui.signing_in import SignInBehind

    window = _main_window()
    behind = SignInBehind(window, opening, username, password)
    return window, behind.outcome


def _main_window() -> MainWindow:
    """The window's frame; the idle lock is put in once it holds a signed-in account."""
    from intake_desk.ui.main_window import MainWindow

    application()
    window = MainWindow()

    def signed_in() -> None:
        from intake_desk.ui.lock import install_idle_lock

        window.idle_lock = install_idle_lock(window, window.services, window.actor)  # type: ignore[attr-defined]

    window.attached.connect(signed_in)
    # The print preview (QtPdf and the printing code) loads when the clerk first prints, not at launch.
    opener: list[Callable[[str], object]] = []

    def open_print_preview(number: str) -> object:
        if not opener:
            from intake_desk.ui.dialogs.print_preview import attach

            opener.append(attach(window, connect=False))
        return opener[0](number)

    window.print_requested.connect(open_print_preview)
    window.open_print_preview = open_print_preview  # type: ignore[attr-defined]
    return window


def _fatal(message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("Application", "无法启动"), message)
    box.exec()


def sign_in(services: Services, demo_logins: list[tuple[str, str, str]] | None, username: str = "",
            refusal: str = "") -> Actor | None:
    """First-run set-up when the database is empty, else the sign-in dialog (``refusal`` shown in it: why a
    launch naming its user was refused); None when cancelled."""
    from intake_desk.ui.dialogs.login import LoginDialog
    from intake_desk.ui.dialogs.setup import SetupDialog

    if run_and_wait(services.accounts.needs_setup):
        setup = SetupDialog(services)
        if setup.exec() != QDialog.DialogCode.Accepted:
            return None
        return setup.actor
    dialog = LoginDialog(services, demo_logins=demo_logins, username=username)
    if refusal:
        dialog.show_refusal(refusal)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor


def open_while_signing_in(opening: ServicesOpener, demo_logins: list[tuple[str, str, str]] | None
                          ) -> tuple[Services | None, Actor | None]:
    """The sign-in window at once, the database opened behind it; the services (None when the clerk
    left before they were open) and who signed in (None when nobody did). An empty database gets its
    first set-up; a database that cannot be opened raises its error once the sign-in window is closed."""
    from intake_desk.ui.dialogs.login import LoginDialog

    dialog = LoginDialog(None, opening=opening, demo_logins=demo_logins)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    if dialog.open_error is not None:
        raise dialog.open_error
    services = dialog.services
    if accepted or services is None or not dialog.needs_setup:
        return services, dialog.actor if accepted else None
    from intake_desk.ui.dialogs.setup import SetupDialog

    setup = SetupDialog(services)
    if setup.exec() != QDialog.DialogCode.Accepted:
        return services, None
    return services, setup.actor


def _writes_checkpoints(actor: Actor) -> bool:
    from intake_desk.domain.enums import Role

    return actor.role in (Role.SUPERVISOR, Role.ADMIN)


def _checkpoint(services: Services, actor: Actor, moment: str) -> str | None:
    """Write an audit checkpoint into this user's data folder (issue 10); the problem found, if any."""
    from intake_desk.services.audit_verify import checkpoint_folder, session_checkpoint

    _written, problem = session_checkpoint(services.db, checkpoint_folder(paths.data_dir(), services.db),
                                           actor.username, moment)
    if problem:
        log.error("audit checkpoint no longer extended: %s", problem)
    return problem


def _checkpoint_in_background(window: MainWindow, services: Services, actor: Actor, moment: str) -> None:
    if not _writes_checkpoints(actor):
        return
    from intake_desk.ui.worker import run_in_background

    run_in_background(window, lambda: _checkpoint(services, actor, moment), window.show_audit_problem,
                      lambda error: log.warning("audit checkpoint not written: %s", error), busy=False,
                      label="audit checkpoint")


def _checkpoint_now(services: Services, actor: Actor, moment: str) -> None:
    if not _writes_checkpoints(actor):
        return
    try:
        run_and_wait(lambda: _checkpoint(services, actor, moment), timeout_ms=30_000)
    except Exception as error:  # noqa: BLE001 - signing out goes on; the log says why
        log.warning("audit checkpoint not written at sign-out: %s", error)


def run_gui(services: Services | ServicesOpener, *, demo_logins: list[tuple[str, str, str]] | None = None,
            language: str | None = None, user: tuple[str, str] | None = None) -> int:
    """Run the window until the clerk closes it; returns the exit code.

    ``services`` is either open already (the demo, tests) or a function that opens them: then the
    sign-in window shows first and the database is opened behind it (``open_while_signing_in``) – or,
    given ``user`` (name and password), the main window's frame shows first and the database is opened
    and the user signed in behind it (``main_window_signing_in``); a refused sign-in goes on in the
    sign-in window. An error opening the database is raised to the caller, which names it (marked
    ``shown_in_window`` when the window has said it already).
    """
    logs.configure()
    app = application(language)
    app.setQuitOnLastWindowClosed(False)
    username = ""
    refusal = ""
    actor: Actor | None = None
    opened: Services | None = None
    try:
        if not callable(services):
            opened = services
        elif user is None:
            opened, actor = open_while_signing_in(services, demo_logins)
            if opened is None or actor is None:
                return 0
        while True:
            outcome: SignInOutcome | None = None
            if opened is None:  # a launch that names its user: the window first, the rest behind it
                assert callable(services) and user is not None
                window, outcome = main_window_signing_in(services, *user)
            else:
                if actor is None:
                    try:
                        actor = sign_in(opened, demo_logins, username, refusal)
                    except Exception as exc:  # noqa: BLE001 - one sentence, details in the log
                        log.exception("start-up failed")
                        _fatal(error_message(exc))
                        return 1
                    if actor is None:
                        return 0
                from intake_desk.ui.pages.users_page import ensure_own_password

                if not ensure_own_password(opened, actor):  # a temporary password: their own first
                    username, actor = actor.username, None
                    continue
                window = build_main_window(opened, actor)
                _checkpoint_in_background(window, opened, actor, "signin")
            signed_out: list[bool] = []
            window.sign_out_requested.connect(lambda marks=signed_out: marks.append(True))
            window.destroyed.connect(app.quit)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            if outcome is not None:
                window.attached.connect(lambda w=window, o=outcome: _checkpoint_in_background(
                    w, o.services, o.actor, "signin") if o.services and o.actor else None)
            window.show()
            code = app.exec()
            if outcome is not None:
                opened, actor = outcome.services, outcome.actor
                if actor is None:  # closed before the sign-in was done
                    if outcome.error is not None:
                        outcome.error.shown_in_window = True  # type: ignore[attr-defined]
                        raise outcome.error
                    if opened is None or outcome.refusal is None:
                        return code
                    assert user is not None
                    username, refusal = user[0], outcome.refusal
                    continue
            assert opened is not None and actor is not None
            _checkpoint_now(opened, actor, "signout")
            if not signed_out:
                return code
            username, refusal, actor = actor.username, "", None
    finally:
        wait_all(5_000)
