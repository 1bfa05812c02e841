"""A complete intake driven from the keyboard, from an empty database to a receipt number."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from intake_desk.domain.enums import ApplicationStatus, AssistanceType, IncomeCategory, Relation, Role
from intake_desk.domain.resident_id import make_resident_id
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.intake_form import IncomeInput, IntakeForm, MemberInput
from intake_desk.ui.dialogs.login import LoginDialog
from intake_desk.ui.dialogs.setup import SetupDialog
from tests.gui.conftest import focused, keys, press, settle, show_active, type_text

K = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier

HEAD_ID = make_resident_id("430202", date(1975, 3, 8), 11)  # male
WIFE_ID = make_resident_id("430202", date(1978, 9, 21), 22)  # female
SON_ID = make_resident_id("430202", date(2010, 6, 1), 33)  # male, 16: in senior secondary school


def test_complete_intake_from_empty_database(qtbot: QtBot, services: Services, make_window, screens: Path,
                                             app: QApplication) -> None:
    # -- first start: set-up on the empty database, typed from the keyboard
    assert services.accounts.needs_setup()
    setup = SetupDialog(services)
    qtbot.addWidget(setup)
    show_active(qtbot, setup)
    keys(qtbot, "ht01")
    press(qtbot, K.Key_Tab)
    type_text("荷塘区月塘街道便民服务中心")
    press(qtbot, K.Key_Tab)
    keys(qtbot, "0731-22334455")
    press(qtbot, K.Key_Tab)
    type_text("12345 政务服务便民热线")
    press(qtbot, K.Key_Tab)
    keys(qtbot, "admin")
    press(qtbot, K.Key_Tab)
    type_text("周建国")
    press(qtbot, K.Key_Tab)
    keys(qtbot, "admin-pass-1")
    press(qtbot, K.Key_Tab)
    keys(qtbot, "admin-pass-1")
    setup.grab().save(str(screens / "00_setup.png"))
    press(qtbot, K.Key_Return)
    qtbot.waitUntil(lambda: setup.actor is not None, timeout=10_000)
    assert setup.actor.hall_code == "HT01" and setup.actor.role is Role.ADMIN
    assert not services.accounts.needs_setup()

    # the administrator adds a clerk (user management is its own page), who signs in
    services.accounts.add_user(setup.actor, "clerk1", "王丽", Role.CLERK, "clerk1-pass-1", hall_code="HT01")
    login = LoginDialog(services, demo_logins=[("clerk1", "clerk1-pass-1", "窗口受理员")])
    qtbot.addWidget(login)
    show_active(qtbot, login)
    keys(qtbot, "clerk1")
    press(qtbot, K.Key_Tab)
    keys(qtbot, "clerk1-pass-1")
    login.grab().save(str(screens / "01_login.png"))
    press(qtbot, K.Key_Return)
    qtbot.waitUntil(lambda: login.actor is not None, timeout=10_000)
    clerk = login.actor

    window = make_window(services, clerk)
    page = window.page("intake")
    assert window.current_page_key() == "intake"

    # -- 1 applicant: the scanner types the ID and presses Enter
    assert focused() is page.applicant.ui.searchEdit
    keys(qtbot, HEAD_ID)
    press(qtbot, K.Key_Return)
    settle(qtbot)
    assert focused() is page.applicant.ui.nameEdit, "a new applicant: the name comes next"
    type_text("张建华")
    press(qtbot, K.Key_Tab)
    keys(qtbot, "13807311234")
    press(qtbot, K.Key_Tab)
    type_text("月塘街道新塘社区3栋2单元501")
    settle(qtbot)
    window.grab().save(str(screens / "02_applicant.png"))
    assert page.state.members[0].name == "张建华"
    press(qtbot, K.Key_Right, ALT)

    # -- 2 household members: the applicant is row 1; add the wife and the son
    settle(qtbot)
    assert page.current_step() == 1
    press(qtbot, K.Key_Insert)
    keys(qtbot, WIFE_ID)
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_Right)
    press(qtbot, K.Key_F2)
    type_text("李秀兰")
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_Right)  # birth date, sex and age are read-only: the arrow passes over them
    press(qtbot, K.Key_F2)
    press(qtbot, K.Key_2)  # 2 配偶
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_Right, times=2)  # health
    press(qtbot, K.Key_F2)
    press(qtbot, K.Key_2)  # 2 慢性病
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_Right, times=4)  # employment: of working age, so it has no preset
    press(qtbot, K.Key_F2)
    press(qtbot, K.Key_2)  # 2 务农
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_Insert)
    keys(qtbot, SON_ID)
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_Right)
    press(qtbot, K.Key_F2)
    type_text("张小明")
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_Right)
    press(qtbot, K.Key_F2)
    press(qtbot, K.Key_3)  # 3 子女
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_Right, times=5)  # labour capacity
    press(qtbot, K.Key_F2)
    press(qtbot, K.Key_3)  # 3 无劳动能力
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_Right)
    press(qtbot, K.Key_F2)
    press(qtbot, K.Key_6)  # 6 在校学生
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_Right)
    press(qtbot, K.Key_F2)
    press(qtbot, K.Key_5)  # 5 高中/中职
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_Up, times=2)  # the applicant's employment
    press(qtbot, K.Key_Left)
    press(qtbot, K.Key_F2)
    press(qtbot, K.Key_1)  # 1 在职/务工
    press(qtbot, K.Key_Return)
    settle(qtbot)
    window.grab().save(str(screens / "03_members.png"))
    members = page.state.members
    assert [m.name for m in members] == ["张建华", "李秀兰", "张小明"]
    assert [m.relation for m in members] == ["self", "spouse", "child"]
    assert members[1].health == "chronic"
    assert [m.employment for m in members] == ["employed", "farming", "student"]
    assert (members[2].labour_capacity, members[2].employment, members[2].schooling) == ("none", "student", "senior")
    model = page.members.model
    assert model.index(1, 3).data() == "女" and model.index(2, 4).data() == "16"
    assert not any(k.startswith("members") for k in page.problems), page.problems
    press(qtbot, K.Key_Right, ALT)

    # -- 3 income: Insert is the applicant's wages a month, the amount open; the wife's farming income
    # for the year goes on a second line whose member, kind and period are changed
    settle(qtbot)
    assert page.current_step() == 2
    press(qtbot, K.Key_Insert)
    keys(qtbot, "1500")
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_Insert)
    keys(qtbot, "2,400")
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_Left)
    press(qtbot, K.Key_F2)
    press(qtbot, K.Key_2)  # 经营净收入
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_Left)
    press(qtbot, K.Key_F2)
    press(qtbot, K.Key_3)  # 李秀兰 (1 is the whole household)
    press(qtbot, K.Key_Return)
    press(qtbot, K.Key_Right, times=3)
    press(qtbot, K.Key_F2)
    press(qtbot, K.Key_1)  # 12 个月合计
    press(qtbot, K.Key_Return)
    settle(qtbot)
    window.grab().save(str(screens / "04_income.png"))
    incomes = page.state.incomes
    assert [(r.member, r.kind, r.amount, r.period) for r in incomes] == [
        ("0", "wages", "1500", "monthly"), ("1", "business", "2,400", "yearly")]
    assert "20,400.00" in page.economy.ui.incomesTotal.text()  # 1,500 × 12 + 2,400, live
    assert page.preview is not None and page.preview.assessment is not None
    assert page.preview.assessment.gross_income_fen == 20_400_00
    press(qtbot, K.Key_Right, ALT)

    # -- 4 circumstances and requests: dibao (first box) and education (Tab, Space)
    settle(qtbot)
    assert page.current_step() == 3
    press(qtbot, K.Key_Space)
    press(qtbot, K.Key_Tab, times=6)
    assert focused().objectName() == "request_education"
    press(qtbot, K.Key_Space)
    settle(qtbot)
    window.grab().save(str(screens / "05_circumstances.png"))
    assert page.state.requested_types == ["dibao", "education"]
    press(qtbot, K.Key_Right, ALT)

    # -- 5 materials: the first item arrives, the rest are missing (one-time notice)
    settle(qtbot)
    assert page.current_step() == 4
    lines = page.materials.lines
    assert lines and {line.assistance_type.value for line in lines} == {"dibao", "education"}
    press(qtbot, K.Key_Space)
    settle(qtbot)
    window.grab().save(str(screens / "06_materials.png"))
    assert len(page.state.materials) == 1 and page.state.materials[0].received
    missing = [m for m in page.preview.materials if m.missing]
    assert missing and "一次性告知书" in page.materials.ui.missingLabel.text()
    press(qtbot, K.Key_Right, ALT)

    # -- 6 commitment: signed (fast track), consent to the proposed referral(s)
    settle(qtbot)
    assert page.current_step() == 5
    press(qtbot, K.Key_Space)
    settle(qtbot)
    assert page.state.signed and page.state.signer_name == "张建华"
    consents = page.commitment.consent_checks
    assert consents, "the student in a low-income household is proposed for an education referral"
    for check in consents:
        check.setFocus()
        press(qtbot, K.Key_Space)
    settle(qtbot)
    window.grab().save(str(screens / "07_commitment.png"))
    assert all(r.consent_given for r in page.state.referrals)
    press(qtbot, K.Key_Right, ALT)

    # -- 7 review: the assessment in plain words, the referral kept, the due dates
    settle(qtbot)
    assert page.current_step() == 6
    assessment = page.preview.assessment
    assert assessment is not None
    assert page.review.ui.categoryLabel.text().endswith(assessment.category.zh)
    assert "元" in page.review.ui.explanationText.toPlainText()
    assert page.preview.fast_track and page.preview.review_working_days == 10
    window.grab().save(str(screens / "08_review.png"))
    press(qtbot, K.Key_Right, ALT)

    # -- 8 submit: Ctrl+Enter, the receipt number at once
    settle(qtbot)
    assert page.current_step() == 7
    window.grab().save(str(screens / "09_submit.png"))
    press(qtbot, K.Key_Return, CTRL)
    settle(qtbot)
    number = page.submitted_number
    assert number is not None and re.fullmatch(r"HT01-20261120-\d{4}", number)
    assert page.submit_step.ui.receiptNumber.text() == number
    assert page.submit_step.ui.printButton.hasFocus(), "the next step offers printing"
    window.grab().save(str(screens / "10_receipt.png"))

    printed: list[str] = []
    window.print_requested.connect(printed.append)
    press(qtbot, K.Key_P, CTRL)
    assert printed == [number]
    settle(qtbot)
    preview = window.findChild(QDialog, "printPreviewDialog")
    assert preview is not None and preview.isVisible(), "Ctrl+P opens the print preview"
    press(qtbot, K.Key_Escape)  # printing itself: tests/gui/test_print_preview.py
    settle(qtbot)

    detail = services.applications.get(clerk, number)
    assert detail.status is ApplicationStatus.RECEIVED and detail.fast_track
    assert [m.name for m in detail.members] == ["张建华", "李秀兰", "张小明"]
    assert set(detail.requested_types) == {AssistanceType.DIBAO, AssistanceType.EDUCATION}
    assert {r.department_code for r in detail.referrals} == {r.department_code for r in page.state.referrals}
    assert all(r.consent_given for r in detail.referrals)
    assert detail.declaration is not None and detail.declaration.signer_name == "张建华"
    assert sum(1 for m in detail.materials if m.received) == 1
    assert services.drafts.load(clerk, "intake", "") is None, "the draft is gone once the intake is on file"

    # Ctrl+N starts the next intake at once after a receipt
    press(qtbot, K.Key_N, CTRL)
    settle(qtbot)
    assert page.submitted_number is None and page.state.members == []
    assert focused() is page.applicant.ui.searchEdit



def test_find_by_pinyin_initials_prefills_the_household(qtbot: QtBot, services: Services, clerk: Actor,
                                                        make_window, screens: Path) -> None:
    earlier = services.intake.submit(clerk, IntakeForm(
        members=(MemberInput(HEAD_ID, "张三"), MemberInput(WIFE_ID, "李秀兰", relation=Relation.SPOUSE)),
        incomes=(IncomeInput(0, IncomeCategory.WAGES, 24_000_00),),
        requested_types=(AssistanceType.DIBAO,), address="新塘社区 3 栋",
    ))
    window = make_window(services, clerk)
    page = window.page("intake")
    keys(qtbot, "zs")
    press(qtbot, K.Key_Return)
    settle(qtbot)
    results = page.applicant.ui.resultsList
    assert results.isVisible() and focused() is results
    assert results.topLevelItem(0).text(0) == "张三" and "********" in results.topLevelItem(0).text(1)
    window.grab().save(str(screens / "11_search_initials.png"))
    press(qtbot, K.Key_Return)
    settle(qtbot)
    assert [m.name for m in page.state.members] == ["张三", "李秀兰"], "the household as last declared"
    assert page.state.incomes[0].amount == "24000" and page.state.address == "新塘社区 3 栋"
    history = page.applicant.ui.historyList
    assert history.topLevelItemCount() == 1 and history.topLevelItem(0).text(0) == earlier.number
    assert earlier.number in page.ui.banner.text(), "still open: the duplicate warning comes first"


def test_referral_proposals_kept_removed_and_added_with_reasons(qtbot: QtBot, services: Services, clerk: Actor,
                                                                make_window, screens: Path) -> None:
    from intake_desk.ui.pages.intake.state import IntakeState, MemberRow, MoneyRow

    window = make_window(services, clerk)
    page = window.page("intake")
    page._load_state(IntakeState(
        members=[MemberRow(HEAD_ID, "张建华", health="serious", labour_capacity="none", employment="unemployed"),
                 MemberRow(SON_ID, "张小明", relation="child", employment="student", schooling="senior")],
        incomes=[MoneyRow("0", "transfer", "300", "monthly")], requested_types=["dibao"], signed=True,
        signer_name="张建华", address="新塘社区", phone="13807311234"))
    page._changed()
    settle(qtbot)
    proposed = {r.department_code for r in page.state.referrals}
    assert {"education", "medical"} <= proposed

    press(qtbot, K.Key_7, ALT)
    settle(qtbot)
    tree = page.review.ui.referralsTree
    medical = next(i for i in range(tree.topLevelItemCount())
                   if tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == "medical")
    tree.setCurrentItem(tree.topLevelItem(medical))
    tree.setFocus()
    press(qtbot, K.Key_Delete)
    assert page.review.ui.reasonFrame.isVisible() and focused() is page.review.ui.reasonEdit
    press(qtbot, K.Key_Return)  # no reason yet: refused, said on the field
    assert "请填写理由" in page.review.ui.referralProblem.text() and page.review.ui.reasonFrame.isVisible()
    type_text("已在医保局办理大病救助")
    press(qtbot, K.Key_Return)
    settle(qtbot)
    row = next(r for r in page.state.referrals if r.department_code == "medical")
    assert row.removed and row.removal_reason == "已在医保局办理大病救助"
    assert "不转介：已在医保局办理大病救助" in tree.topLevelItem(medical).text(1)

    press(qtbot, K.Key_Insert)
    combo = page.review.ui.departmentCombo
    assert focused() is combo and combo.findData("housing") >= 0
    combo.setCurrentIndex(combo.findData("housing"))
    press(qtbot, K.Key_Tab)
    type_text("房屋年久失修，申请危房改造")
    press(qtbot, K.Key_Return)
    settle(qtbot)
    added = next(r for r in page.state.referrals if r.department_code == "housing")
    assert added.added_by_clerk and added.reason == "房屋年久失修，申请危房改造"
    window.grab().save(str(screens / "12_referral_decisions.png"))

    page.go_to(7)
    settle(qtbot)
    press(qtbot, K.Key_Return, CTRL)
    settle(qtbot)
    detail = services.applications.get(clerk, page.submitted_number)
    codes = {r.department_code for r in detail.referrals}
    assert "medical" not in codes and {"education", "housing"} <= codes
    assert "未采纳转介建议：医疗保障局（已在医保局办理大病救助）" in detail.notes
