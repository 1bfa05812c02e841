"""Chinese by default; English when chosen in Settings (it applies at the next start)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.ui import i18n
from intake_desk.ui.pages.settings_page import SettingsPage


def nav_titles(window) -> list[str]:
    nav = window.ui.navigation
    return [nav.item(i).text() for i in range(nav.count())]


def test_chinese_is_the_default(qtbot: QtBot, services: Services, clerk: Actor, make_window) -> None:
    assert i18n.saved_language() == "zh" and i18n.language() == "zh"
    window = make_window(services, clerk)
    assert nav_titles(window)[:2] == ["受理", "申请"]
    assert window.page("intake").ui.nextButton.text() == "下一步 ›"


def test_english_chosen_in_settings_applies_at_next_start(qtbot: QtBot, services: Services, clerk: Actor,
                                                          make_window, app: QApplication, screens: Path) -> None:
    window = make_window(services, clerk)
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsPage)
    combo = settings.ui.languageCombo
    combo.setCurrentIndex(combo.findData("en"))
    assert i18n.saved_language() == "en"
    window.grab().save(str(screens / "40_settings.png"))
    try:
        assert i18n.install(app) == "en"
        english = make_window(services, clerk)
        assert nav_titles(english)[:2] == ["Intake", "Applications"]
        page = english.page("intake")
        assert page.ui.nextButton.text() == "Next ›"
        assert page.applicant.ui.searchBox.title() == "Find the applicant"
        assert english.connection_label.text() in ("● Database connected", "● Checking the connection…")
        english.grab().save(str(screens / "41_english.png"))
        # service messages: the English half of the bilingual sentence
        assert i18n.in_language("请输入姓名 / Enter a name") == "Enter a name"
    finally:
        i18n.save_language("zh")
        i18n.install(app)
    assert i18n.language() == "zh"


def test_english_without_a_released_qm_is_released_from_the_ts(qtbot: QtBot, app: QApplication, monkeypatch,
                                                                tmp_path: Path) -> None:
    ts = i18n.translations_dir() / "intake_desk_en.ts"
    copy = tmp_path / "translations"
    copy.mkdir()
    (copy / ts.name).write_bytes(ts.read_bytes())
    monkeypatch.setattr(i18n, "translations_dir", lambda: copy)
    try:
        assert i18n.install(app, "en") == "en"
        assert QApplication.translate("Pages", "受理") == "Intake"
    finally:
        i18n.install(app, "zh")
