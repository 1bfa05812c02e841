"""Every dialog by keyboard alone, in Chinese and in English: Tab reaches every field and button in reading
order and comes back round, Shift+Tab walks back, each stop looks different when it has the keyboard, every
field's label has an Alt+letter that takes the keyboard to it and no letter is used twice, Escape closes,
Enter in the first field presses the dialog's default button (OK, 登录, 打印, 关闭 …), nothing is cut and,
in English, no Chinese is left but what people typed.

The dialogs opened from a page (a visit from a lead or a monitored household, assigning a lead, the spot-check
draw, enrolling in monitoring after a submit, a conflict after a refused step) are opened the way the clerk
opens them: the row chosen, then its key (F2, Enter) or Tab to the button and Enter."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QStyleOptionFrame,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from intake_desk.domain.enums import Category, IncomeCategory
from intake_desk.policy.referral_states import RULES, ReferralAction
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.intake import referral_choice
from intake_desk.services.intake_form import IncomeInput
from intake_desk.services.monitoring import EntryDetails, VisitRecord
from intake_desk.ui import i18n
from intake_desk.ui.i18n import label, pack_text
from intake_desk.ui.main_window import MainWindow
from intake_desk.ui.placement import FRAME_ALLOWANCE
from tests.discovery_data import person_rows, write_csv
from tests.gui.conftest import focused, press, settle, show_active, type_text
from tests.gui.screen_fit import cut_texts, shown_text
from tests.gui.test_english_data_walk import _han_in, _names
from tests.gui.test_keyboard import assert_round, assert_unique_mnemonics, focusables, owner
from tests.gui.test_sign_in_window import differing_pixels
from tests.intake_data import single_form, zhuzhou_form
from tests.referral_data import ensure_departments, officer
from tests.unit.services.test_postchecks import fast_tracked

K = Qt.Key
SCREEN = (1366, 768)
LINE_EDIT_MARGIN = 2  # Qt's own room either side of a line edit's text (QLineEditPrivate::horizontalMargin)


@pytest.fixture
def desk(services: Services, admin: Actor, clerk: Actor, supervisor: Actor) -> dict:
    ensure_departments(services)
    form = zhuzhou_form()
    preview = services.intake.preview(clerk, form)
    form = replace(form, referrals=tuple(referral_choice(p, consent_given=True) for p in preview.referrals))
    number = services.intake.submit(clerk, form).number
    education = officer(services, "jiaoyu1", "education", "赵教育")
    i18n.use_pack_names(lambda: services.packs.english_names())  # as the main window does
    return {"clerk": clerk, "supervisor": supervisor, "admin": admin, "officer": education, "number": number}


def ok_of(box: QDialogButtonBox) -> QPushButton:
    return box.button(QDialogButtonBox.StandardButton.Ok)


def build_login(services: Services, desk: dict) -> tuple[QDialog, Callable[[QDialog], QAbstractButton]]:
    from intake_desk.ui.dialogs.login import LoginDialog

    return LoginDialog(services), lambda d: d.ok_button


def build_setup(services: Services, desk: dict):  # type: ignore[no-untyped-def]
    from intake_desk.ui.dialogs.setup import SetupDialog

    return SetupDialog(services), lambda d: d.ok_button


def build_audit_trail(services: Services, desk: dict):  # type: ignore[no-untyped-def]
    from intake_desk.ui.dialogs.audit_trail import AuditTrailDialog

    return (AuditTrailDialog(services, desk["supervisor"], desk["number"]),
            lambda d: d.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close))


def build_print_preview(services: Services, desk: dict):  # type: ignore[no-untyped-def]
    from intake_desk.ui.dialogs.print_preview import PrintPreviewDialog

    return PrintPreviewDialog(services, desk["clerk"], desk["number"]), lambda d: d.print_button


def build_add_user(services: Services, desk: dict):  # type: ignore[no-untyped-def]
    from intake_desk.ui.pages.users_page import AddUserDialog

    departments = [(d.code, d.name) for d in services.organisation.departments()]
    return AddUserDialog(services, desk["admin"], departments), lambda d: ok_of(d.buttons)


def build_reset_password(services: Services, desk: dict):  # type: ignore[no-untyped-def]
    from intake_desk.ui.pages.users_page import ResetPasswordDialog

    user = next(u for u in services.accounts.list_users(desk["admin"]) if u.username == "clerk1")
    return ResetPasswordDialog(services, desk["admin"], user), lambda d: ok_of(d.buttons)


def build_change_password(services: Services, desk: dict):  # type: ignore[no-untyped-def]
    from intake_desk.ui.pages.users_page import ChangePasswordDialog

    return ChangePasswordDialog(services, desk["clerk"]), lambda d: ok_of(d.buttons)


def build_reassign(services: Services, desk: dict):  # type: ignore[no-untyped-def]
    from intake_desk.ui.widgets.referral_timeline import ReassignDialog

    departments = [(d.code, d.name) for d in services.organisation.departments()]
    officers = services.referrals.officers(desk["supervisor"])
    departments = [(code, pack_text(name)) for code, name in departments]
    return (ReassignDialog(departments, officers, "education", 2),
            lambda d: ok_of(d.findChild(QDialogButtonBox)))


def build_note(services: Services, desk: dict):  # type: ignore[no-untyped-def]
    from intake_desk.ui.widgets.referral_timeline import NoteDialog

    # As the referral panel asks for a paper reply's outcome, in the window's language.
    rule = RULES[ReferralAction.COMPLETE]
    prompt = QCoreApplication.translate("ReferralPanel", "请填写{0}(&N)：").format(
        rule.note_label_zh if i18n.language() == "zh" else rule.note_label_en)
    return (NoteDialog(f"{label(ReferralAction.COMPLETE)} – {desk['number']}", prompt, required=True,
                       reply_date=True), lambda d: ok_of(d.buttons))


def build_rate(services: Services, desk: dict):  # type: ignore[no-untyped-def]
    from intake_desk.ui.pages.urging_page import RateDialog

    return RateDialog(), lambda d: ok_of(d.findChild(QDialogButtonBox))


DIALOGS = {"login": build_login, "setup": build_setup, "audit trail": build_audit_trail,
           "print preview": build_print_preview, "add user": build_add_user, "reset password": build_reset_password,
           "change password": build_change_password, "reassign": build_reassign, "note": build_note,
           "rating": build_rate}


def open_dialog(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    wait_ready(qtbot, dialog)


def wait_ready(qtbot: QtBot, dialog: QDialog) -> None:
    settle(qtbot)
    qtbot.waitUntil(lambda: not any(getattr(dialog, a, False) for a in ("busy", "working")))
    loaded = getattr(dialog, "loaded", True)
    qtbot.waitUntil(lambda: getattr(dialog, "loaded", True) or loaded)
    settle(qtbot)


def letters_of(text: str) -> list[str]:
    return [m.upper() for m in re.findall(r"(?<!&)&([^&\s])", text)]


def assert_alt_letters_reach_fields(qtbot: QtBot, dialog: QDialog, what: str) -> None:
    """Every field's label shows an Alt+letter, and the letter takes the keyboard to that field."""
    labels = [w for w in dialog.findChildren(QLabel) if w.isVisible() and w.window() is dialog
              and w.buddy() is not None and w.buddy().isVisible() and shown_text(w.text()).strip()]
    for caption in labels:
        letters = letters_of(caption.text())
        assert len(letters) == 1, f"{what}: the label {caption.text()!r} has no Alt+letter"
        field = caption.buddy()
        if not field.isEnabled():
            continue
        away = next(w for w in focusables(dialog) if w is not field and not field.isAncestorOf(w))
        away.setFocus(Qt.FocusReason.TabFocusReason)
        QApplication.processEvents()
        qtbot.keyClick(focused(), Qt.Key(ord(letters[0])), Qt.KeyboardModifier.AltModifier)
        QApplication.processEvents()
        got = owner(focused())
        assert got is field or got is field.focusProxy(), \
            f"{what}: Alt+{letters[0]} ({caption.text()!r}) goes to {got.objectName() or type(got).__name__}"


def assert_fields_labelled(chain: list[QWidget], dialog: QDialog, what: str) -> None:
    """Every field the clerk types into or chooses in has a label of its own linked to it (its buddy), so the
    label names the field and its Alt+letter (checked above) reaches it."""
    buddies = {w.buddy() for w in dialog.findChildren(QLabel) if w.buddy() is not None}
    for field in chain:
        if not isinstance(field, QLineEdit | QComboBox | QAbstractSpinBox | QPlainTextEdit | QTextEdit):
            continue
        if isinstance(field, QPlainTextEdit | QTextEdit) and field.isReadOnly():
            continue
        assert field in buddies or field.parentWidget() in buddies, \
            f"{what}: {field.objectName() or type(field).__name__} has no label linked to it"


def assert_focus_visible(chain: list[QWidget], what: str) -> None:
    """Each Tab stop looks different with the keyboard on it: a frame round it, never only a caret."""
    for stop in chain:
        other = next(w for w in chain if w is not stop and not stop.isAncestorOf(w) and not w.isAncestorOf(stop))
        changed = differing_pixels(stop, stop, other)
        assert changed >= stop.width() // 2, \
            f"{what}: the focus on {stop.objectName() or type(stop).__name__} shows in {changed} pixels"


def placeholder_problems(root: QWidget, what: str) -> list[str]:
    """An empty one-line field's example (its placeholder) shown whole in the room the field gives its text."""
    problems = []
    for edit in root.findChildren(QLineEdit):
        if not edit.isVisible() or edit.window() is not root or edit.text() or not edit.placeholderText():
            continue
        if owner(edit) is not edit:  # a combo box's or spin box's own line
            continue
        option = QStyleOptionFrame()
        option.initFrom(edit)
        option.rect = edit.rect()
        option.lineWidth = edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, option, edit)
        contents = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
        margins = edit.textMargins()
        room = contents.width() - margins.left() - margins.right() - 2 * LINE_EDIT_MARGIN
        needed = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
        if needed > room:
            problems.append(f"{what}: the example in {edit.objectName()} {edit.placeholderText()!r} needs {needed} px, "
                            f"has {room}")
    return problems


def check_open_dialog(qtbot: QtBot, services: Services, dialog: QDialog, name: str, language: str,
                      screens: Path) -> None:
    """The checks on a dialog on screen: Tab round in reading order, Shift+Tab, the focus seen, the Alt+letters,
    the dialog inside a 1366×768 screen with every text whole and, in English, nothing left in Chinese. The
    dialog as it opened, and the whole screen, are left in ``screens`` to look at."""
    what = f"{name} ({language})"
    stem = "dialog-" + re.sub(r"\W+", "-", name).strip("-") + f"-{language}"
    dialog.grab().save(str(screens / f"{stem}.png"))
    dialog.screen().grabWindow(0).save(str(screens / f"{stem}-screen.png"))
    chain = assert_round(qtbot, dialog, what=what)
    assert_unique_mnemonics(dialog, what)
    fields = [w for w in chain if not isinstance(w, QAbstractButton)]
    tops = [w.mapTo(dialog, w.rect().topLeft()) for w in fields]
    for (before, after), (a, b) in zip(zip(tops, tops[1:], strict=False), zip(fields, fields[1:], strict=False),
                                       strict=False):
        assert after.y() >= before.y() - 4 or after.x() > before.x(), \
            f"{what}: Tab goes up from {a.objectName()} to {b.objectName()}"
    assert_focus_visible(chain, what)
    assert_fields_labelled(chain, dialog, what)
    assert_alt_letters_reach_fields(qtbot, dialog, what)
    room = dialog.screen().availableGeometry()
    assert dialog.width() <= room.width() and dialog.height() + FRAME_ALLOWANCE <= room.height(), \
        f"{what}: {dialog.width()}×{dialog.height()} leaves its {room.width()}×{room.height()} screen"
    least = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    assert least.width() <= SCREEN[0] and least.height() + FRAME_ALLOWANCE <= SCREEN[1], \
        f"{what}: at least {least.width()}×{least.height()}, more than a {SCREEN[0]}×{SCREEN[1]} screen has"
    assert cut_texts(dialog, what) + placeholder_problems(dialog, what) == []
    if language == "en":
        assert _han_in(dialog, _names(services)) == [], f"{what}: Chinese left in English"


def press_enter_in_first_field(qtbot: QtBot, dialog: QDialog, button: QAbstractButton, name: str) -> None:
    """Enter in the first one-line field (or, with none, where the dialog puts the keyboard) presses ``button``."""
    first = next((w for w in focusables(dialog) if not isinstance(w, QAbstractButton | QPlainTextEdit | QTextEdit)),
                 None)
    if first is not None:
        first.setFocus(Qt.FocusReason.TabFocusReason)
    clicked: list[bool] = []
    button.clicked.connect(lambda: clicked.append(True))
    assert button.isEnabled(), f"{name}: the default button is not enabled"
    press(qtbot, K.Key_Return)
    qtbot.waitUntil(lambda: bool(clicked), timeout=3000)
    settle(qtbot)


@pytest.mark.parametrize("name", list(DIALOGS))
def test_each_dialog_by_keyboard(qtbot: QtBot, services: Services, desk: dict, app: QApplication, language: str,
                                 screens: Path, name: str) -> None:
    dialog, default = DIALOGS[name](services, desk)
    open_dialog(qtbot, dialog)
    if name == "print preview":
        qtbot.waitUntil(lambda: bool(dialog.documents) and dialog.displayed is not None)
        settle(qtbot)
    check_open_dialog(qtbot, services, dialog, name, language, screens)

    # Escape closes
    press(qtbot, K.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    # Enter in the first one-line field presses the default button (in a note box Enter starts a new line)
    show_active(qtbot, dialog)
    settle(qtbot)
    if name == "note":  # OK waits for the required note
        dialog.note.setFocus()
        type_text("已纳入教育救助")
    press_enter_in_first_field(qtbot, dialog, default(dialog), name)
    if dialog.isVisible():
        dialog.close()


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")  # the file dialog, offscreen
def test_the_ledger_export_dialog_by_keyboard(qtbot: QtBot, services: Services, desk: dict, make_window,
                                              tmp_path) -> None:  # type: ignore[no-untyped-def]
    """导出台账: Qt's own file dialog, window-modal; a file name typed and Enter exports, Escape cancels."""
    window = make_window(services, desk["supervisor"])
    page = window.show_page("referrals")
    settle(qtbot)
    page.export_button.setFocus()
    press(qtbot, K.Key_Return)
    qtbot.waitUntil(lambda: page.findChild(QFileDialog, "exportDialog") is not None)
    chooser = page.findChild(QFileDialog, "exportDialog")
    qtbot.waitUntil(lambda: chooser.isVisible() and QApplication.focusWidget() is not None
                    and QApplication.focusWidget().window() is chooser)
    press(qtbot, K.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(chooser) or not chooser.isVisible())
    settle(qtbot)
    assert page.last_export is None and page.export_button.hasFocus(), "Escape gives the keyboard back"

    page.export_button.setFocus()
    press(qtbot, K.Key_Return)
    qtbot.waitUntil(lambda: page.findChild(QFileDialog, "exportDialog") is not None
                    and page.findChild(QFileDialog, "exportDialog").isVisible())
    chooser = page.findChild(QFileDialog, "exportDialog")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is chooser)
    target = tmp_path / "ledger.xlsx"
    assert type(focused()).__name__ == "QLineEdit", "the file name is where the keyboard starts"
    focused().selectAll()
    qtbot.keyClicks(focused(), str(target))
    press(qtbot, K.Key_Return)
    qtbot.waitUntil(lambda: page.last_export is not None and target.exists(), timeout=30_000)


# -- dialogs opened from a page, the way the clerk opens them ------------------------------------------------


@dataclass
class FromPage:
    """A page on screen: ``open`` opens the dialog by keyboard from where the clerk is and returns it (ready);
    ``default`` is its default button; ``before_enter`` fills what the default button waits for."""

    window: MainWindow
    open: Callable[[], QDialog]
    default: Callable[[QDialog], QAbstractButton]
    before_enter: Callable[[QtBot, QDialog], None] = lambda _qtbot, _dialog: None


def go_to_page(qtbot: QtBot, window: MainWindow, key: str) -> QWidget:
    """Ctrl+digit, as the clerk switches pages."""
    position = [spec.key for spec in window.specs].index(key) + 1
    press(qtbot, getattr(K, f"Key_{position % 10}"), Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    page = window.current_page()
    assert page is not None and window.current_page_key() == key
    return page


def tab_to(qtbot: QtBot, target: QWidget, limit: int = 40) -> None:
    """Tab from where the keyboard is until it reaches ``target``."""
    for _ in range(limit):
        if focused() is target:
            return
        press(qtbot, K.Key_Tab)
    assert focused() is target, f"Tab never reaches {target.objectName()}"


OPENED_FROM: list[QWidget] = []
"""Where the keyboard was when each dialog was asked for: it comes back there when the dialog closes."""


def press_to_open(qtbot: QtBot, key: Qt.Key) -> None:
    OPENED_FROM.append(focused())
    press(qtbot, key)


def alt_to_open(qtbot: QtBot, button: QAbstractButton) -> None:
    """The button's Alt+letter, pressed where the keyboard is."""
    (letter,) = letters_of(button.text())
    OPENED_FROM.append(focused())
    qtbot.keyClick(focused(), Qt.Key(ord(letter)), Qt.KeyboardModifier.AltModifier)


def first_row(qtbot: QtBot, view: QAbstractItemView) -> None:
    """The keyboard in the list with its first row chosen (Home, as the clerk would)."""
    qtbot.waitUntil(lambda: view.model().rowCount() > 0)
    view.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, K.Key_Home)
    assert view.currentIndex().row() == 0


def shown(qtbot: QtBot, find: Callable[[], QDialog | None], before: QDialog | None = None) -> QDialog:
    """The new dialog ``find`` gives once it is on screen, active and idle."""
    qtbot.waitUntil(lambda: (d := find()) is not None and shiboken6.isValid(d) and d is not before
                    and d.isVisible(), timeout=10_000)
    dialog = find()
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog and focused().window() is dialog)
    wait_ready(qtbot, dialog)
    return dialog


def ok_button(dialog: QDialog) -> QPushButton:
    return ok_of(dialog.findChild(QDialogButtonBox))


def second_visitor(qtbot: QtBot, dialog: QDialog) -> None:
    """A visit names two visitors (the clerk is the first, the keyboard starts at the second) and what it found."""
    assert focused() is dialog.visitor_2
    type_text("赵敏")
    press(qtbot, K.Key_Tab)
    assert focused() is dialog.findings
    type_text("夫妻二人均患病，无固定收入")


def from_discovery(qtbot: QtBot, services: Services, desk: dict, make_window, tmp_path: Path,
                   tab: str):  # type: ignore[no-untyped-def]
    """The 发现 page of a supervisor's window, three leads imported (one already in the class 1 library for
    ``tab`` "monitoring")."""
    from intake_desk.ui.pages.discovery_page import DiscoveryPage

    supervisor = desk["supervisor"]
    services.discovery.import_list(supervisor, write_csv(tmp_path / "list.csv", person_rows(3)), "medical")
    if tab == "monitoring":  # one household in the class 1 library, visited once
        lead = services.discovery.leads(supervisor)[0]
        services.discovery.record_visit(supervisor, lead.id, lead.version,
                                        VisitRecord(date(2026, 11, 20), "李强", "赵敏", "收入低"), "class1",
                                        entry=EntryDetails(per_capita_income_fen=50_000))
    window = make_window(services, supervisor)
    window.resize(*SCREEN)
    page = go_to_page(qtbot, window, "discovery")
    assert isinstance(page, DiscoveryPage)
    return window, page


def visit_from_a_lead(qtbot: QtBot, services: Services, desk: dict, make_window, tmp_path: Path) -> FromPage:  # type: ignore[no-untyped-def]
    """入户走访 from 线索: the lead's row, F2."""
    window, page = from_discovery(qtbot, services, desk, make_window, tmp_path, "leads")

    def open_visit() -> QDialog:
        before = page.dialog
        first_row(qtbot, page.lead_view)
        press_to_open(qtbot, K.Key_F2)
        return shown(qtbot, lambda: page.dialog, before)

    return FromPage(window, open_visit, ok_button, second_visitor)


def visit_from_the_library(qtbot: QtBot, services: Services, desk: dict, make_window, tmp_path: Path) -> FromPage:  # type: ignore[no-untyped-def]
    """入户走访 from 监测库: Ctrl+Tab to the library (its first row chosen), Enter on the row."""
    window, page = from_discovery(qtbot, services, desk, make_window, tmp_path, "monitoring")

    def open_visit() -> QDialog:
        before = page.dialog
        if page.tabs.currentIndex() != 1:
            page.lead_view.setFocus()
            press(qtbot, K.Key_Tab, Qt.KeyboardModifier.ControlModifier)
            settle(qtbot)
        first_row(qtbot, page.library_view)
        press_to_open(qtbot, K.Key_Return)
        return shown(qtbot, lambda: page.dialog, before)

    return FromPage(window, open_visit, ok_button, second_visitor)


def assign_a_lead(qtbot: QtBot, services: Services, desk: dict, make_window, tmp_path: Path) -> FromPage:  # type: ignore[no-untyped-def]
    """分派 (a supervisor): the lead's row, then 分派's Alt+letter."""
    window, page = from_discovery(qtbot, services, desk, make_window, tmp_path, "leads")

    def open_assign() -> QDialog:
        before = page.assign_dialog
        first_row(qtbot, page.lead_view)
        alt_to_open(qtbot, page.assign_button)
        return shown(qtbot, lambda: page.assign_dialog, before)

    return FromPage(window, open_assign, ok_button)


def draw_spot_checks(qtbot: QtBot, services: Services, desk: dict, make_window, tmp_path: Path) -> FromPage:  # type: ignore[no-untyped-def]
    """随机抽查 (a supervisor): its Alt+letter from the 核查 page's search box; the pool is counted first."""
    for i in range(5):
        fast_tracked(services, desk["clerk"], f"孙{i}", date(2026, 11, 2 + i))
    window = make_window(services, desk["supervisor"])
    window.resize(*SCREEN)
    page = go_to_page(qtbot, window, "postchecks")

    def open_spot() -> QDialog:
        before = getattr(page, "spot_dialog", None)
        page.search_edit.setFocus(Qt.FocusReason.TabFocusReason)
        alt_to_open(qtbot, page.spot_button)
        dialog = shown(qtbot, lambda: getattr(page, "spot_dialog", None), before)
        qtbot.waitUntil(lambda: dialog.pool is not None)
        settle(qtbot)
        return dialog

    return FromPage(window, open_spot, lambda d: ok_of(d.buttons))


def enroll_after_submit(qtbot: QtBot, services: Services, desk: dict, make_window, tmp_path: Path) -> FromPage:  # type: ignore[no-untyped-def]
    """纳入监测 after a submit assessed 低保边缘: Tab along the receipt's buttons to 纳入监测…, Enter."""
    from intake_desk.ui.dialogs.enroll_monitoring import EnrollDialog

    clerk = desk["clerk"]
    result = services.intake.submit(clerk, single_form(9, "钱九", incomes=(
        IncomeInput(0, IncomeCategory.WAGES, 900_00 * 12),)))
    assert result.category is Category.MARGINAL
    window = make_window(services, clerk)
    window.resize(*SCREEN)
    intake = go_to_page(qtbot, window, "intake")
    step = intake.submit_step
    intake.go_to(intake.steps.index(step))
    step.show_result(result)  # what a submit on this page shows
    settle(qtbot)

    def open_enroll() -> QDialog:
        before = step.findChild(EnrollDialog)
        tab_to(qtbot, step.enroll_button)
        press_to_open(qtbot, K.Key_Return)
        return shown(qtbot, lambda: step.findChild(EnrollDialog), before)

    def consent(qtbot: QtBot, dialog: QDialog) -> None:  # the service refuses without it
        dialog.consent.setFocus(Qt.FocusReason.TabFocusReason)
        press(qtbot, K.Key_Space)
        assert dialog.consent.isChecked()

    return FromPage(window, open_enroll, ok_button, consent)


def conflict_on_a_referral(qtbot: QtBot, services: Services, desk: dict, make_window, tmp_path: Path) -> FromPage:  # type: ignore[no-untyped-def]
    """已被他人修改: a supervisor on the referral's row, Tab to 取消转介, the reason typed and OK – but the clerk sent
    it at another desk meanwhile; the dialog keeps the reason typed."""
    from intake_desk.ui.dialogs.conflict import ConflictDialog
    from intake_desk.ui.widgets.referral_timeline import NoteDialog

    window = make_window(services, desk["supervisor"])
    window.resize(*SCREEN)
    page = go_to_page(qtbot, window, "referrals")
    panel = page.panel
    first_row(qtbot, page.table)
    qtbot.waitUntil(lambda: panel.detail is not None)
    assert "cancel" in panel.buttons, (panel.detail.status, list(panel.buttons))
    referral_id = panel.detail.id
    sent = services.referrals.act(desk["clerk"], referral_id, ReferralAction.SEND, "已电话通知",
                                  expected_version=panel.detail.version)
    assert sent.version != panel.detail.version

    def find() -> QDialog | None:
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, ConflictDialog) and shiboken6.isValid(w) and w.isVisible()), None)

    def open_conflict() -> QDialog:
        page.table.setFocus(Qt.FocusReason.TabFocusReason)
        tab_to(qtbot, panel.buttons["cancel"])
        press_to_open(qtbot, K.Key_Return)
        note = shown(qtbot, lambda: next((w for w in QApplication.topLevelWidgets()
                                          if isinstance(w, NoteDialog) and w.isVisible()), None))
        assert focused() is note.note
        type_text("申请人已撤回申请")
        tab_to(qtbot, ok_of(note.buttons))
        press(qtbot, K.Key_Return)
        return shown(qtbot, find)

    return FromPage(window, open_conflict, lambda d: d.reload_button)


FROM_PAGES = {"visit (lead)": visit_from_a_lead, "visit (monitoring)": visit_from_the_library,
              "assign lead": assign_a_lead, "spot check": draw_spot_checks, "enroll": enroll_after_submit,
              "conflict": conflict_on_a_referral}


@pytest.mark.qt_log_ignore("This plugin does not support")  # dialogs raised offscreen
@pytest.mark.parametrize("name", list(FROM_PAGES))
def test_each_dialog_opened_from_its_page_by_keyboard(qtbot: QtBot, services: Services, desk: dict, make_window,
                                                      tmp_path: Path, language: str, screens: Path,
                                                      name: str) -> None:  # type: ignore[no-untyped-def]
    found = FROM_PAGES[name](qtbot, services, desk, make_window, tmp_path)
    dialog = found.open()
    check_open_dialog(qtbot, services, dialog, name, language, screens)

    # Escape closes and gives the keyboard back to the window
    press(qtbot, K.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
    qtbot.waitUntil(lambda: QApplication.activeWindow() is found.window)
    settle(qtbot)
    opener = OPENED_FROM[-1]
    assert focused() is opener, f"{name}: Escape leaves the keyboard on {focused().objectName()}, " \
                                f"not on {opener.objectName()} where it was"

    # Opened again the same way: Enter in the first field presses the default button
    dialog = found.open()
    found.before_enter(qtbot, dialog)
    press_enter_in_first_field(qtbot, dialog, found.default(dialog), name)
    settle(qtbot)
    refused = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible() and w.property("role") == "error"] \
        if shiboken6.isValid(dialog) else []
    assert not refused, f"{name}: the default button was refused: {refused}"
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=10_000)


@pytest.mark.qt_log_ignore("This plugin does not support")  # dialogs raised offscreen
def test_the_assign_dialog_names_the_lead_in_its_body(qtbot: QtBot, services: Services, desk: dict, make_window,
                                                      tmp_path: Path, language: str) -> None:
    """分派 names the lead it assigns beside the choice of visitor, not only in the window title."""
    found = assign_a_lead(qtbot, services, desk, make_window, tmp_path)
    dialog = found.open()
    names = {lead.name for lead in services.discovery.leads(desk["supervisor"])}
    shown_names = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible() and w.text() in names]
    assert len(shown_names) == 1, f"the dialog's body shows {shown_names}, not the lead's name"
    assert dialog.windowTitle().endswith(shown_names[0])
    dialog.close()
