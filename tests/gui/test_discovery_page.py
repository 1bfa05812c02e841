"""发现 page in the real window, by keyboard: import a department's list, then visit a lead and open
an intake pre-filled with the person and the department's reason. Screenshots in artifacts/screens/."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.ui.main_window import MainWindow
from intake_desk.ui.pages.discovery_page import DiscoveryPage, VisitDialog
from tests.discovery_data import lead_id, person_rows, write_csv
from tests.gui.conftest import focused, keys, press, settle, type_text


def open_discovery(qtbot: QtBot, window: MainWindow) -> DiscoveryPage:
    position = [spec.key for spec in window.specs].index("discovery") + 1
    press(qtbot, getattr(Qt.Key, f"Key_{position % 10}"), Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert isinstance(page, DiscoveryPage)
    settle(qtbot)
    return page


def test_import_a_list_and_visit_a_lead_into_a_prefilled_intake(
        qtbot: QtBot, services: Services, supervisor: Actor, make_window, screens: Path, tmp_path: Path,
        qtmodeltester) -> None:
    path = write_csv(tmp_path / "list.csv", person_rows(3), encoding="gb18030")
    window = make_window(services, supervisor)
    window.resize(1366, 768)
    page = open_discovery(qtbot, window)
    assert page.lead_model.rows == []

    # Ctrl+Tab twice: the import tab, the cursor on the list's source.
    page.lead_view.setFocus()
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier, times=2)
    assert page.tabs.currentIndex() == 2 and focused() is page.import_source
    press(qtbot, Qt.Key.Key_Down, times=2)  # 残联 → 卫健 → 医保
    assert page.import_source.currentData() == "medical"
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.import_file
    keys(qtbot, str(path))
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot)
    assert page.last_import is not None and page.last_import.new_leads == 3
    assert "新线索 3" in page.import_result.text()
    window.grab().save(str(screens / "discovery-import.png"))

    # Back to the leads (Ctrl+Tab wraps round): the first lead is chosen; F2 opens the visit.
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    assert page.tabs.currentIndex() == 0 and focused() is page.lead_view
    qtmodeltester.check(page.lead_model)
    assert len(page.lead_model.rows) == 3
    lead = page.lead_model.rows[page.lead_view.currentIndex().row()]
    press(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(page.dialog, VisitDialog) and page.dialog.isVisible())
    dialog = page.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: focused() is dialog.visitor_2)
    type_text("赵敏")
    press(qtbot, Qt.Key.Key_Tab)
    type_text("夫妻二人均患病，无固定收入")
    press(qtbot, Qt.Key.Key_Tab, times=2)  # 家庭现状 left empty; 处理结果 is 引导申请 already
    assert focused() is dialog.outcome and dialog.outcome.currentData() == "apply"
    dialog.grab().save(str(screens / "discovery-visit.png"))
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.reason
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot)

    assert not dialog.isVisible(), dialog.error.text()
    # The intake page opens with the person and the department's reason.
    assert window.current_page_key() == "intake"
    intake = window.pages["intake"]
    member = intake.state.members[0]
    assert member.name == lead.name
    assert member.resident_id in {lead_id(i) for i in range(3)}
    assert member.resident_id[:6] + "********" + member.resident_id[-4:] == lead.resident_id_masked
    assert intake.state.notes.startswith("主动发现：医保 重病/大额医疗")
    detail = services.discovery.lead(supervisor, lead.id)
    assert detail.lead.outcome is not None and detail.lead.outcome.value == "apply"
    assert [(v.visitor_1, v.visitor_2, v.findings) for v in detail.visits] == [("李强", "赵敏", "夫妻二人均患病，无固定收入")]
    window.grab().save(str(screens / "discovery-intake.png"))


def test_statistics_shows_income_circles_and_their_moves(qtbot: QtBot, services: Services, supervisor: Actor,
                                                         make_window, screens: Path, tmp_path: Path) -> None:
    from datetime import date

    from intake_desk.services.monitoring import EntryDetails, VisitRecord
    from intake_desk.ui.widgets.income_circles import IncomeCirclesPanel

    services.discovery.import_list(supervisor, write_csv(tmp_path / "l.csv", person_rows(3)), "rural")
    for lead, income in zip(services.discovery.leads(supervisor), (50_000, 90_000, 130_000), strict=True):
        services.discovery.record_visit(supervisor, lead.id, lead.version,
                                        VisitRecord(date(2026, 11, 20), "李强", "赵敏", "收入低"), "class1",
                                        entry=EntryDetails(per_capita_income_fen=income))
    window = make_window(services, supervisor)
    window.resize(1366, 768)
    position = [spec.key for spec in window.specs].index("statistics") + 1
    press(qtbot, getattr(Qt.Key, f"Key_{position % 10}"), Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    panel = window.current_page().findChild(IncomeCirclesPanel)
    assert panel is not None
    qtbot.waitUntil(lambda: panel.circles is not None)
    model = panel.model
    rows = [[model.item(r, c).text() for c in range(4)] for r in range(model.rowCount())]
    assert rows[:4] == [["特困", "0", "0", "0"], ["低保", "1", "1", "0"], ["低保边缘", "1", "1", "0"],
                        ["低收入", "1", "1", "0"]]
    window.grab().save(str(screens / "statistics-circles.png"))


def test_submit_offers_monitoring_for_a_household_not_eligible(qtbot: QtBot, services: Services, clerk: Actor,
                                                               make_window, screens: Path) -> None:
    from intake_desk.domain.enums import Category, IncomeCategory
    from intake_desk.services.intake_form import IncomeInput
    from intake_desk.services.monitoring import Library
    from intake_desk.ui.dialogs.enroll_monitoring import EnrollDialog
    from tests.intake_data import single_form

    rich = single_form(9, "钱九", incomes=(IncomeInput(0, IncomeCategory.WAGES, 900_00 * 12),))
    result = services.intake.submit(clerk, rich)
    assert result.category is Category.MARGINAL
    window = make_window(services, clerk)
    intake = window.show_page("intake")
    step = intake.submit_step
    intake.go_to(intake.steps.index(step))
    step.show_result(result)
    assert step.enroll_button.isVisible()
    step.enroll_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: step.findChild(EnrollDialog) is not None and step.findChild(EnrollDialog).isVisible())
    dialog = step.findChild(EnrollDialog)
    assert dialog.library.currentData() == "class1"
    dialog.consent.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    dialog.factors["unemployment"].setFocus()
    press(qtbot, Qt.Key.Key_Space)
    dialog.grab().save(str(screens / "discovery-enroll.png"))
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot)
    qtbot.waitUntil(lambda: not step.enroll_button.isEnabled())
    (row,) = services.monitoring.households(clerk)
    assert (row.name, row.library, row.risk_factors, row.circle) == ("钱九", Library.CLASS1, ("unemployment",),
                                                                     "marginal")
    assert step.enroll_button.text() == "已纳入一类库"


def test_ledger_and_quarterly_report_from_the_page(qtbot: QtBot, services: Services, supervisor: Actor, make_window,
                                                    tmp_path: Path, monkeypatch) -> None:
    from openpyxl import load_workbook
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog

    services.discovery.import_list(supervisor, write_csv(tmp_path / "l.csv", person_rows(4)), "union")
    window = make_window(services, supervisor)
    page = open_discovery(qtbot, window)
    target = tmp_path / "线索.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    page.lead_export_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    settle(qtbot)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert len(rows) == 5 and rows[0][0] == "姓名"
    assert all("*" in r[1] for r in rows[1:])  # masked
    report = tmp_path / "季报.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(report), "")))
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # 监测库
    page.report_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    settle(qtbot)
    assert page.last_report == report
    text = "".join(p.extract_text() for p in PdfReader(report).pages)
    assert "2026 年第 4 季度困难群众监测预警情况报表" in text
    assert (report.stat().st_mode & 0o777) == 0o600


def test_the_page_in_english_at_1366x768(qtbot: QtBot, services: Services, supervisor: Actor, make_window,
                                         app, screens: Path, tmp_path: Path) -> None:
    from intake_desk.ui import i18n

    services.discovery.import_list(supervisor, write_csv(tmp_path / "l.csv", person_rows(5)), "employment")
    i18n.save_language("en")
    try:
        assert i18n.install(app) == "en"
        window = make_window(services, supervisor)
        window.resize(1366, 768)
        page = open_discovery(qtbot, window)
        assert [page.tabs.tabText(i) for i in range(3)] == ["Leads", "Monitoring libraries", "Import list"]
        assert page.lead_model.headerData(0, Qt.Orientation.Horizontal) == "Name"
        assert page.lead_model.rows[0].source_name == "人社 失业登记"
        assert page.lead_model.data(page.lead_model.index(0, 2)) == "Human resources: registered unemployed"
        view = page.lead_view
        for column in range(page.lead_model.columnCount()):  # no column elides its text
            text = page.lead_model.data(page.lead_model.index(0, column)) or ""
            assert view.fontMetrics().horizontalAdvance(text) <= view.columnWidth(column), (column, text)
        assert page.lead_source.itemText(1).startswith("Disability federation")
        assert page.summary.text().endswith("due within 10 working days")
        # Nothing on the buttons is cut off.
        for button in (page.lead_visit_button, page.lead_export_button):
            assert button.fontMetrics().horizontalAdvance(button.text()) < button.width()
        window.grab().save(str(screens / "discovery-english.png"))
    finally:
        i18n.save_language("zh")
        i18n.install(app)


def test_a_supervisor_assigns_a_lead_by_keyboard(qtbot: QtBot, services: Services, supervisor: Actor, clerk: Actor,
                                                 make_window, tmp_path: Path) -> None:
    from intake_desk.ui.pages.discovery_page import AssignDialog

    services.discovery.import_list(supervisor, write_csv(tmp_path / "l.csv", person_rows(2)), "union")
    window = make_window(services, supervisor)
    page = open_discovery(qtbot, window)
    page.lead_view.setFocus()
    page.lead_view.setCurrentIndex(page.lead_model.index(0, 0))
    lead = page.lead_model.rows[0]
    page.assign_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: isinstance(page.assign_dialog, AssignDialog) and page.assign_dialog.isVisible())
    dialog = page.assign_dialog
    assert dialog is not None
    dialog.worker.setCurrentIndex(dialog.worker.findData("clerk1"))
    dialog.worker.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot)
    assert services.discovery.lead(supervisor, lead.id).lead.worker_name == "王丽"
    qtbot.waitUntil(lambda: any(r.worker_name == "王丽" for r in page.lead_model.rows))


def test_tab_walks_the_leads_tab_in_reading_order(qtbot: QtBot, services: Services, supervisor: Actor,
                                                  make_window, tmp_path: Path) -> None:
    services.discovery.import_list(supervisor, write_csv(tmp_path / "l.csv", person_rows(2)), "union")
    window = make_window(services, supervisor)
    page = open_discovery(qtbot, window)
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() is page.lead_search
    seen = []
    for _ in range(6):
        press(qtbot, Qt.Key.Key_Tab)
        seen.append(focused())
    assert seen == [page.lead_status, page.lead_source, page.lead_view, page.lead_visit_button, page.assign_button,
                    page.lead_export_button]
    assert all(w.hasFocus() for w in seen[-1:])  # the focus frame is drawn by the one style sheet
