"""The household of the keystroke target, from an empty form to a printed receipt, by keyboard alone.

The household: the applicant (45, wages of 2,600 元 a month); his wife (42) with a chronic illness, at
home; a son of 14 in junior school and a daughter of 8; the wife's medical expense of 4,800 元 over the
year; 最低生活保障, 医疗救助 and 教育救助 requested and the proposed referrals agreed; the commitment
signed; the documents printed.

How the steps are counted: every key press is one step, a chord (Ctrl+S, Alt+→, Ctrl+Enter) is one
step, and typing one field's text (an ID number from the card reader, a name through the input method,
an amount) is one step. The scanner's Enter after an ID is a key press of its own and is counted. No
mouse: every event goes to the widget that has the keyboard focus. The printer is the one stand-in (a
PDF file, as in tests/gui/test_print_preview.py); the file is read back.
"""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from intake_desk.domain.enums import ApplicationStatus, AssistanceType, DocumentKind
from intake_desk.domain.resident_id import make_resident_id
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.ui.dialogs.print_preview import PrintPreviewDialog
from tests.gui.conftest import focused, keys, press, settle, type_text
from tests.gui.test_print_preview import open_dialog, pdf_printer
from tests.referral_data import ensure_departments

K = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
TARGET = 80

HEAD_ID = make_resident_id("430202", date(1981, 4, 12), 11)  # 45, male
WIFE_ID = make_resident_id("430202", date(1984, 8, 3), 22)  # 42, female
SON_ID = make_resident_id("430202", date(2012, 5, 20), 33)  # 14: junior school
DAUGHTER_ID = make_resident_id("430202", date(2018, 2, 9), 44)  # 8: primary school


def qr_codes(pdf: Path, folder: Path) -> list[str]:
    """The QR codes on the first page of ``pdf`` (poppler renders it, zbar reads it: apt poppler-utils, zbar-tools)."""
    png = folder / "first-page"
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(png)],
                   check=True)
    found = subprocess.run(["zbarimg", "--quiet", "--raw", f"{png}.png"], capture_output=True, text=True)
    return found.stdout.split()


class Keyboard:
    """The clerk's hands: every call is counted as the steps the module docstring describes."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.steps = 0

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
              times: int = 1) -> None:
        press(self.qtbot, key, modifier, times)
        self.steps += times

    def type(self, text: str) -> None:
        """One field's text: ASCII key by key (a card reader or the digits of an amount), else the IME."""
        if text.isascii():
            keys(self.qtbot, text)
        else:
            type_text(text)
        self.steps += 1


def test_the_household_to_a_printed_receipt_within_the_target(qtbot: QtBot, services: Services, clerk: Actor,
                                                               make_window, screens: Path, tmp_path: Path) -> None:
    ensure_departments(services)
    window = make_window(services, clerk)
    page = window.page("intake")
    hand = Keyboard(qtbot)

    # 1 申请人: the card reader types the ID and Enter; name, phone, address
    assert focused() is page.applicant.ui.searchEdit
    hand.type(HEAD_ID)
    hand.press(K.Key_Return)
    settle(qtbot)
    assert focused() is page.applicant.ui.nameEdit
    hand.type("张建华")
    hand.press(K.Key_Tab)
    hand.type("13807311234")
    hand.press(K.Key_Tab)
    hand.type("月塘街道新塘社区3栋2单元501")
    hand.press(K.Key_Right, ALT)
    settle(qtbot)

    # 2 家庭成员: the step opens on the applicant's employment, the one choice his age leaves open
    assert page.current_step() == 1
    table = page.members.ui.membersTable
    assert table.hasFocus() and table.currentIndex().row() == 0
    assert page.members.model.columns[table.currentIndex().column()].key == "employment"
    hand.press(K.Key_1)  # 1 在职/务工 (a digit opens the list and picks)
    hand.press(K.Key_Return)
    # the wife: Insert opens the ID; Tab goes on cell by cell past birth date, sex and age
    hand.press(K.Key_Insert)
    hand.type(WIFE_ID)
    hand.press(K.Key_Tab)
    hand.type("李秀兰")
    hand.press(K.Key_Tab)  # relation: already 配偶, the second adult of the applicant's generation
    assert focused().objectName() == "relationEditor"
    hand.press(K.Key_Tab)  # 户籍
    hand.press(K.Key_Tab)  # 健康
    assert focused().objectName() == "healthEditor"
    hand.press(K.Key_2)  # 2 慢性病
    hand.press(K.Key_Tab, times=4)  # 残疾, 等级, 劳动能力 as preset; 就业
    assert focused().objectName() == "employmentEditor"
    hand.press(K.Key_4)  # 4 失业/无业
    hand.press(K.Key_Return)
    # the children: ID and name; relation, labour capacity, employment and school come from the age
    for child_id, name in ((SON_ID, "张小明"), (DAUGHTER_ID, "张小丽")):
        hand.press(K.Key_Insert)
        hand.type(child_id)
        hand.press(K.Key_Tab)
        hand.type(name)
        hand.press(K.Key_Return)
    settle(qtbot)
    window.grab().save(str(screens / "keystrokes_members.png"))
    members = page.state.members
    assert [m.name for m in members] == ["张建华", "李秀兰", "张小明", "张小丽"]
    assert [m.relation for m in members] == ["self", "spouse", "child", "child"]
    assert members[1].health == "chronic"
    assert [(m.labour_capacity, m.employment, m.schooling) for m in members] == [
        ("full", "employed", "none"), ("full", "unemployed", "none"),
        ("none", "not_applicable", "junior"), ("none", "not_applicable", "primary")]
    assert not any(k.startswith("members") for k in page.problems), page.problems
    hand.press(K.Key_Right, ALT)
    settle(qtbot)

    # 3 收入财产: Insert is the applicant's wages a month, the amount open; the expense tab is one
    # Ctrl+PgUp away (the tabs go round), its new line a whole year's amount
    assert page.current_step() == 2
    hand.press(K.Key_Insert)
    hand.type("2600")
    hand.press(K.Key_Return)
    hand.press(K.Key_PageUp, CTRL)
    assert page.economy.current() is page.economy.table("expenses")
    hand.press(K.Key_Insert)
    hand.type("4800")
    hand.press(K.Key_Return)
    settle(qtbot)
    window.grab().save(str(screens / "keystrokes_economy.png"))
    assert [(r.member, r.kind, r.amount, r.period) for r in page.state.incomes] == [("0", "wages", "2600", "monthly")]
    assert [(r.kind, r.amount, r.period) for r in page.state.expenses] == [("medical", "4800", "yearly")]
    hand.press(K.Key_Right, ALT)
    settle(qtbot)

    # 4 困难情况: the assistance types are numbered; a digit ticks one
    assert page.current_step() == 3
    hand.press(K.Key_1)  # 最低生活保障
    hand.press(K.Key_6)  # 医疗救助
    hand.press(K.Key_7)  # 教育救助
    settle(qtbot)
    assert page.state.requested_types == ["dibao", "medical", "education"]
    hand.press(K.Key_Right, ALT)
    settle(qtbot)

    # 5 材料: what this household handed over (全部已收 ticks only what applies to it)
    assert page.current_step() == 4
    hand.press(K.Key_A, ALT)
    qtbot.waitUntil(lambda: bool(page.state.materials))  # a button's mnemonic clicks it after a short flash
    settle(qtbot)
    assert page.state.materials and not page.materials.missing()
    hand.press(K.Key_Right, ALT)
    settle(qtbot)

    # 6 告知承诺: Space signs; the referral consents are numbered, each its own key
    assert page.current_step() == 5
    hand.press(K.Key_Space)
    consents = page.commitment.consent_checks
    proposed = [r.department_code for r in page.state.referrals if not r.removed]
    assert {"medical", "education"} <= set(proposed), proposed
    for number in range(1, len(consents) + 1):
        hand.press(getattr(K, f"Key_{number}"))
    settle(qtbot)
    window.grab().save(str(screens / "keystrokes_commitment.png"))
    assert page.state.signed and all(r.consent_given for r in page.state.referrals)

    # 8 提交: straight to the last step, Ctrl+Enter, then Ctrl+P and Enter twice (preview, print dialog)
    hand.press(K.Key_8, ALT)
    settle(qtbot)
    assert page.current_step() == 7
    hand.press(K.Key_Return, CTRL)
    settle(qtbot)
    number = page.submitted_number
    assert number is not None and re.fullmatch(r"HT01-20261120-\d{4}", number)
    hand.press(K.Key_P, CTRL)
    dialog = open_dialog(qtbot, window)
    output = tmp_path / "printed.pdf"
    pdf_printer(dialog, output)  # the printer chosen in the print dialog writes a file (no paper here)
    assert focused().window() is dialog and dialog.print_button.isDefault()  # Enter presses 打印
    hand.press(K.Key_Return)
    qtbot.waitUntil(lambda: dialog.findChild(QPrintDialog, "printDialog") is not None)
    chooser = dialog.findChild(QPrintDialog, "printDialog")
    qtbot.waitUntil(lambda: chooser.isVisible() and QApplication.focusWidget() is not None
                    and QApplication.focusWidget().window() is chooser)
    hand.press(K.Key_Return)
    qtbot.waitUntil(lambda: dialog.last_outcome is not None and not dialog.working, timeout=60_000)

    print(f"\nkeystroke-steps from an empty form to the printed receipt: {hand.steps} (target ≤ {TARGET})")
    # The printer received pages (images of the documents); the first is the receipt: its QR code says so.
    outcome = dialog.last_outcome
    assert len(PdfReader(str(output)).pages) == outcome.pages >= 2
    assert outcome.documents[0].kind is DocumentKind.RECEIPT
    assert number in qr_codes(output, tmp_path)
    printed = services.printing.printed(clerk, number)
    assert (DocumentKind.RECEIPT, 1, "printer") in [(r.kind, r.copy_no, r.output) for r in printed]
    detail = services.applications.get(clerk, number)
    assert detail.status is ApplicationStatus.RECEIVED and detail.fast_track
    assert set(detail.requested_types) == {AssistanceType.DIBAO, AssistanceType.MEDICAL, AssistanceType.EDUCATION}
    assert {"medical", "education"} <= {r.department_code for r in detail.referrals}
    assert all(r.consent_given for r in detail.referrals)
    assert hand.steps <= TARGET
    if dialog.isVisible():
        dialog.close()
    assert isinstance(dialog, PrintPreviewDialog)
