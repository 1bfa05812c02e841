"""English counts agree with their numbers: "1 household", "2 households" – never "1 households" or
"household(s)". Counted texts use Qt's plural forms (``tr(text, "", n)`` with ``%n``); the English
translation gives a singular and a plural form for each."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.monitoring import EntryDetails, VisitRecord
from intake_desk.ui import i18n
from intake_desk.ui.models.discovery_table import visit_due_text
from intake_desk.ui.models.postcheck_table import days_left_text
from intake_desk.ui.models.referral_table import _due_text
from intake_desk.ui.models.urging_tables import days_text
from tests.discovery_data import person_rows, write_csv
from tests.gui.test_discovery_page import open_discovery

TS = Path(__file__).parents[2] / "resources" / "translations" / "intake_desk_en.ts"
ONE_AND_A_PLURAL = re.compile(r"(?<![%\d.,])1 (?:[a-z-]+ )?[a-z]+s\b")  # "1 households", "1 working days"


def messages() -> list[tuple[str, str, bool, list[str]]]:
    """(context, source, plural forms?, translations) of every message in the English translation."""
    found = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
            found.append((name, message.findtext("source") or "", message.get("numerus") == "yes", forms))
    return found


@pytest.fixture
def english(app: QApplication):  # type: ignore[no-untyped-def]
    i18n.save_language("en")
    assert i18n.install(app) == "en"
    yield
    i18n.save_language("zh")
    i18n.install(app)


def test_every_counted_text_has_a_singular_in_english(english: None) -> None:
    counted = [(c, s) for c, s, numerus, _ in messages() if numerus]
    # the texts the review found reading "1 …s" are counted with plural forms now
    for text in [("DiscoveryPage", "共 %n 户"), ("DiscoveryPage", "名单已导入：新线索 %n 条"),
                 ("PrintPreviewDialog", "打印 %n 份文书"), ("UrgingPage", "%n 次"), ("PostChecksPage", "共 %n 条"),
                 ("ReferralsPage", "已改派 %n 条转介"), ("SubmitStep", "尚缺材料 %n 项：请打印一次性告知书交申请人。"),
                 # the satisfaction summary's counts, each its own counted text
                 ("FollowThroughPanel", "好差评 %n 条"), ("FollowThroughPanel", "；整改未结 %n 件"),
                 ("FollowThroughPanel", "（逾期 %n 件）"), ("EconomyStep", "财产合计：%1 元（%n 项）"),
                 ("EconomyStep", "%n 个月合计"), ("ReviewStep", "%1 元/月（%n 人）"),
                 ("ReviewStep", "%1（%n 个工作日，%2）"), ("SubmitStep", "承诺办结日期：%1（%n 个工作日）")]:
        assert text in counted, f"{text} is not counted with plural forms"
    wrong = []
    for context, source in counted:
        one = QCoreApplication.translate(context, source, None, 1)
        two = QCoreApplication.translate(context, source, None, 2)
        if ONE_AND_A_PLURAL.search(one) or "%n" in one + two or "2" not in two:
            wrong.append(f"{context} {source!r}: {one!r} / {two!r}")
    assert wrong == []


def test_the_tables_count_one_working_day_in_the_singular(english: None) -> None:
    """The tables' 剩余工作日 cells (plain functions, outside a QObject: one working day has its own text)."""
    one_left = [_due_text(SimpleNamespace(overdue=False, due_in_working_days=1)),  # type: ignore[arg-type]
                visit_due_text(SimpleNamespace(visit_days_left=1, overdue=False)),  # type: ignore[arg-type]
                days_text(1)]
    assert one_left == ["1 working day left", "1 working day", "1 working day left"]
    one_late = [visit_due_text(SimpleNamespace(visit_days_left=-1, overdue=True)),  # type: ignore[arg-type]
                days_left_text(SimpleNamespace(working_days_left=-1, overdue=True)),  # type: ignore[arg-type]
                days_text(-1)]
    assert one_late == ["1 working day overdue"] * 3
    assert _due_text(SimpleNamespace(overdue=False, due_in_working_days=2)) == "2 working days left"  # type: ignore[arg-type]
    assert days_text(-3) == "3 working days overdue"


def test_no_english_text_hedges_with_s_in_brackets() -> None:
    hedged = [f"{c} {s!r}: {t!r}" for c, s, _, forms in messages() for t in forms if "(s)" in t]
    assert hedged == []


def test_one_monitored_household_in_english(qtbot: QtBot, services: Services, supervisor: Actor, make_window,
                                            english: None, tmp_path: Path, screens: Path) -> None:
    services.discovery.import_list(supervisor, write_csv(tmp_path / "list.csv", person_rows(2)), "medical")
    lead = services.discovery.leads(supervisor)[0]
    services.discovery.record_visit(supervisor, lead.id, lead.version,
                                    VisitRecord(date(2026, 11, 20), "李强", "赵敏", "收入低"), "class1",
                                    entry=EntryDetails(per_capita_income_fen=50_000))
    window = make_window(services, supervisor)
    window.resize(1366, 768)
    page = open_discovery(qtbot, window)
    page.tabs.setCurrentIndex(1)  # the monitoring libraries
    qtbot.waitUntil(lambda: page.library_count.text() != "")
    assert page.library_count.text() == "1 household"
    assert page.summary.text().startswith("1 household monitored:"), page.summary.text()
    window.grab().save(str(screens / "discovery-one-household-en.png"))
