"""The file dialog speaks the window's language (Qt's own dialog with Qt's translations, not the
desktop's, which follows the system locale)."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from intake_desk.ui import i18n

HAN = re.compile(r"[\u3400-\u9fff]")


def _words(dialog: QFileDialog) -> list[str]:
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)]
    return [t for t in texts if t.strip() and re.search(r"[A-Za-z\u3400-\u9fff]", t)]


def test_the_file_dialog_follows_the_window_language(qtbot: QtBot, app: QApplication) -> None:
    assert QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    chinese = QFileDialog(None, "另存为 PDF")
    qtbot.addWidget(chinese)
    chinese.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    words = _words(chinese)
    assert words and all(HAN.search(t) for t in words), words
    i18n.save_language("en")
    try:
        assert i18n.install(app) == "en"
        english = QFileDialog(None, "Save as PDF")
        qtbot.addWidget(english)
        english.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        words = _words(english)
        assert words and not any(HAN.search(t) for t in words), words
    finally:
        i18n.save_language("zh")
        i18n.install(app)
