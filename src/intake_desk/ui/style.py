"""Look of the window: one readable CJK font, large enough for a busy counter, and one stylesheet.

Widgets opt into a look by a dynamic property (``role``), so the rules live here, not in widgets:
``title``, ``subtitle``, ``hint``, ``error``, ``warning``, ``ok``, ``card``, ``banner-error``,
``banner-warning``, ``banner-info``, ``big-number``, ``primary`` (buttons).
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

from intake_desk import paths

BASE_POINT_SIZE = 11

# 政务蓝 and calm neutrals; red, amber and green only for meaning.
BLUE = "#1f5fa8"
BLUE_DARK = "#174a85"
NAV_BG = "#1b2a41"
PAGE_BG = "#f3f5f8"
BORDER = "#cfd6e0"
TEXT = "#1d2733"
MUTED = "#5b6776"
RED = "#b3261e"
RED_BG = "#fdecea"
AMBER = "#8a5a00"
AMBER_BG = "#fff4d6"
GREEN = "#1e7a3c"
GREEN_BG = "#e6f4ea"
DISABLED = "#8f99a5"

_PREFERRED_FAMILIES = (
    "Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
    "WenQuanYi Micro Hei", "SimSun",
)

STYLESHEET = f"""
QWidget {{ color: {TEXT}; }}
QMainWindow, QDialog, QStackedWidget#pages {{ background: {PAGE_BG}; }}
QListWidget#navigation {{
    background: {NAV_BG}; color: #dce3ec; border: none; outline: 0;
    padding-top: 8px; font-size: 12pt;
}}
QListWidget#navigation::item {{ padding: 12px 14px; border-left: 4px solid transparent; }}
QListWidget#navigation::item:selected {{ background: #2a4468; color: white; border-left: 4px solid #5fa8ff; }}
QListWidget#navigation::item:hover:!selected {{ background: #22354f; }}
QLabel[role="title"] {{ font-size: 17pt; font-weight: bold; color: {TEXT}; }}
QLabel[role="subtitle"] {{ font-size: 13pt; font-weight: bold; color: {TEXT}; }}
QLabel[role="hint"] {{ color: {MUTED}; }}
QLabel[role="error"] {{ color: {RED}; }}
QLabel[role="warning"] {{ color: {AMBER}; }}
QLabel[role="ok"] {{ color: {GREEN}; }}
QLabel[role="big-number"] {{ font-size: 26pt; font-weight: bold; color: {BLUE_DARK}; }}
QLabel[role="banner-error"] {{
    background: {RED_BG}; color: {RED}; border: 1px solid #f1b0aa; border-radius: 6px; padding: 10px 14px;
    font-weight: bold;
}}
QLabel[role="banner-warning"] {{
    background: {AMBER_BG}; color: {AMBER}; border: 1px solid #efd08a; border-radius: 6px; padding: 10px 14px;
    font-weight: bold;
}}
QLabel[role="banner-info"] {{
    background: #e8f1fb; color: {BLUE_DARK}; border: 1px solid #b9d3f0; border-radius: 6px; padding: 10px 14px;
}}
QLabel[role="banner-ok"] {{
    background: {GREEN_BG}; color: {GREEN}; border: 1px solid #a8d5b5; border-radius: 6px; padding: 10px 14px;
    font-weight: bold;
}}
QFrame#banner {{ border-radius: 6px; border: 1px solid {BORDER}; background: white; }}
QFrame#banner[kind="error"] {{ background: {RED_BG}; border-color: #f1b0aa; }}
QFrame#banner[kind="warning"] {{ background: {AMBER_BG}; border-color: #efd08a; }}
QFrame#banner[kind="info"] {{ background: #e8f1fb; border-color: #b9d3f0; }}
QFrame#banner[kind="ok"] {{ background: {GREEN_BG}; border-color: #a8d5b5; }}
QFrame#banner QLabel {{ background: transparent; font-weight: bold; }}
QFrame#banner[kind="error"] QLabel {{ color: {RED}; }}
QFrame#banner[kind="warning"] QLabel {{ color: {AMBER}; }}
QFrame#banner[kind="info"] QLabel {{ color: {BLUE_DARK}; font-weight: normal; }}
QFrame#banner[kind="ok"] QLabel {{ color: {GREEN}; }}
QFrame#banner QToolButton {{ border: none; background: transparent; color: {MUTED}; }}
QFrame[role="card"], QGroupBox {{
    background: white; border: 1px solid {BORDER}; border-radius: 8px;
}}
QGroupBox {{ margin-top: 14px; padding: 14px 10px 10px 10px; font-weight: bold; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 12px; padding: 0 4px; color: {BLUE_DARK}; }}
QLineEdit, QComboBox, QPlainTextEdit, QTextEdit, QSpinBox, QDoubleSpinBox, QDateEdit, QDateTimeEdit, QTimeEdit {{
    background: white; border: 1px solid #b7c0cc; border-radius: 4px; padding: 5px 7px;
    selection-background-color: {BLUE};
}}
QLineEdit:disabled, QComboBox:disabled, QPlainTextEdit:disabled, QSpinBox:disabled, QDateEdit:disabled {{
    background: #f1f3f6; color: {DISABLED};
}}
QLineEdit:read-only {{ background: #f7f9fb; }}
QComboBox {{ combobox-popup: 0; }}
QComboBox::drop-down {{ border: none; width: 26px; }}
QComboBox::down-arrow {{ image: url("{{ICONS}}/chevron-down.svg"); width: 12px; height: 8px; }}
QComboBox::down-arrow:disabled {{ image: url("{{ICONS}}/chevron-down-disabled.svg"); }}
QComboBox QAbstractItemView {{
    background: white; border: 1px solid #9aa7b6; outline: 0; padding: 2px 0;
    selection-background-color: #cfe0f5; selection-color: {TEXT};
}}
QComboBox QAbstractItemView::item {{ min-height: 28px; padding: 0 8px; }}
QSpinBox, QDoubleSpinBox, QDateEdit, QDateTimeEdit, QTimeEdit {{ padding-right: 24px; }}
QSpinBox::up-button, QDoubleSpinBox::up-button, QDateEdit::up-button, QDateTimeEdit::up-button,
QTimeEdit::up-button {{
    subcontrol-origin: border; subcontrol-position: top right; width: 22px;
    border-left: 1px solid #d3d8de; border-bottom: 1px solid #e3e7ed; border-top-right-radius: 4px; background: #f5f7fa;
}}
QSpinBox::down-button, QDoubleSpinBox::down-button, QDateEdit::down-button, QDateTimeEdit::down-button,
QTimeEdit::down-button {{
    subcontrol-origin: border; subcontrol-position: bottom right; width: 22px;
    border-left: 1px solid #d3d8de; border-bottom-right-radius: 4px; background: #f5f7fa;
}}
QSpinBox::up-button:hover, QSpinBox::down-button:hover, QDoubleSpinBox::up-button:hover,
QDoubleSpinBox::down-button:hover, QDateEdit::up-button:hover, QDateEdit::down-button:hover {{ background: #e3ebf5; }}
QSpinBox::up-arrow, QDoubleSpinBox::up-arrow, QDateEdit::up-arrow, QDateTimeEdit::up-arrow, QTimeEdit::up-arrow {{
    image: url("{{ICONS}}/chevron-up.svg"); width: 10px; height: 7px;
}}
QSpinBox::down-arrow, QDoubleSpinBox::down-arrow, QDateEdit::down-arrow, QDateTimeEdit::down-arrow,
QTimeEdit::down-arrow {{
    image: url("{{ICONS}}/chevron-down.svg"); width: 10px; height: 7px;
}}
QSpinBox::up-arrow:disabled, QSpinBox::up-arrow:off, QDoubleSpinBox::up-arrow:disabled, QDateEdit::up-arrow:disabled,
QDateEdit::up-arrow:off {{ image: url("{{ICONS}}/chevron-up-disabled.svg"); }}
QSpinBox::down-arrow:disabled, QSpinBox::down-arrow:off, QDoubleSpinBox::down-arrow:disabled,
QDateEdit::down-arrow:disabled, QDateEdit::down-arrow:off {{ image: url("{{ICONS}}/chevron-down-disabled.svg"); }}
QDateEdit[calendarPopup="true"]::drop-down {{
    subcontrol-origin: border; subcontrol-position: top right; width: 24px; border-left: 1px solid #d3d8de;
}}
QDateEdit[calendarPopup="true"]::down-arrow {{ image: url("{{ICONS}}/chevron-down.svg"); width: 12px; height: 8px; }}
/* One visible focus frame for everything that takes the keyboard (never removed without a replacement). */
QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus, QTextEdit:focus, QSpinBox:focus, QDoubleSpinBox:focus,
QDateEdit:focus, QDateTimeEdit:focus, QTimeEdit:focus {{
    border: 2px solid {BLUE}; padding: 4px 6px;
}}
QSpinBox:focus, QDoubleSpinBox:focus, QDateEdit:focus, QDateTimeEdit:focus, QTimeEdit:focus {{ padding-right: 23px; }}
QTableView:focus, QTreeView:focus, QListView:focus, QListWidget#results:focus, QPdfView:focus {{ border: 2px solid {BLUE}; }}
QCheckBox:focus, QRadioButton:focus {{
    border: 2px solid {BLUE}; border-radius: 4px; background: #e8f1fb; padding: 1px 4px; margin: -3px -6px;
}}
QToolButton:focus {{ border: 2px solid {BLUE}; border-radius: 4px; }}
QTabBar::tab:focus {{ border: 2px solid {BLUE}; }}
QMenu {{ background: white; border: 1px solid #9aa7b6; padding: 4px 0; }}
QMenu::item {{ padding: 6px 28px 6px 20px; color: {TEXT}; }}
QMenu::item:selected {{ background: #cfe0f5; }}
QMenu::item:disabled {{ color: {DISABLED}; background: transparent; }}
QMenu::separator {{ height: 1px; background: {BORDER}; margin: 4px 8px; }}
QMenuBar::item:disabled {{ color: {DISABLED}; }}
QLabel:disabled, QCheckBox:disabled, QRadioButton:disabled, QGroupBox:disabled {{ color: {DISABLED}; }}
QLineEdit[invalid="true"], QComboBox[invalid="true"] {{ border: 2px solid {RED}; background: {RED_BG}; padding: 4px 6px; }}
/* A refused field keeps its red fill; the keyboard's frame on it is the usual blue one. */
QLineEdit[invalid="true"]:focus, QComboBox[invalid="true"]:focus {{ border: 2px solid {BLUE}; }}
QPushButton {{
    background: white; border: 1px solid #9aa7b6; border-radius: 5px; padding: 7px 16px; min-height: 22px;
}}
QPushButton:hover {{ background: #eef3f9; }}
QPushButton:focus {{ border: 2px solid {BLUE}; padding: 6px 15px; }}
QPushButton:disabled {{ color: #9aa3ad; border-color: #d3d8de; background: #f5f6f8; }}
QPushButton[role="primary"] {{ background: {BLUE}; color: white; border: 1px solid {BLUE_DARK}; font-weight: bold; }}
QPushButton[role="primary"]:hover {{ background: {BLUE_DARK}; }}
QPushButton[role="primary"]:focus {{ border: 3px solid #0b2c52; padding: 5px 14px; }}
QPushButton[role="primary"]:disabled {{ background: #9db6d4; border-color: #9db6d4; color: #eef2f7; }}
QTableView, QTreeWidget, QTreeView, QListWidget#results {{
    background: white; border: 1px solid {BORDER}; gridline-color: #e3e7ed;
    selection-background-color: #cfe0f5; selection-color: {TEXT}; alternate-background-color: #f7f9fc;
}}
QHeaderView::section {{
    background: #e9edf2; color: {TEXT}; border: none; border-right: 1px solid {BORDER};
    border-bottom: 1px solid {BORDER}; padding: 6px 6px; font-weight: bold;
}}
QStatusBar {{ background: #e4e9ef; color: {TEXT}; border-top: 1px solid {BORDER}; }}
QStatusBar QLabel {{ padding: 0 10px; }}
QToolTip {{ background: #fffef0; color: {TEXT}; border: 1px solid #b7b08a; padding: 4px; }}
QCheckBox {{ spacing: 8px; }}
QCheckBox[role="error-check"] {{ color: {RED}; font-weight: bold; }}
QCheckBox::indicator {{ width: 18px; height: 18px; }}
"""


def stylesheet() -> str:
    icons = (paths.resources_dir() / "icons").as_posix()
    return STYLESHEET.replace("{ICONS}", icons)


def pick_font_family() -> str | None:
    families = set(QFontDatabase.families())
    for name in _PREFERRED_FAMILIES:
        if name in families:
            return name
    return None


def apply(app: QApplication) -> None:
    """Fusion style, a CJK font at a readable size, and the stylesheet."""
    from intake_desk.ui.keyboard import KeyboardStyle

    fusion = QStyleFactory.create("Fusion")
    if fusion is not None:
        app.setStyle(KeyboardStyle(fusion))
    font = QFont(app.font())
    family = pick_font_family()
    if family:
        font.setFamilies([family])
    font.setPointSize(BASE_POINT_SIZE + (1 if sys.platform == "darwin" else 0))
    app.setFont(font)
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor(BLUE))
    app.setPalette(palette)
    app.setStyleSheet(stylesheet())


def set_role(widget: QWidget, role: str) -> None:
    """Give ``widget`` one of the looks above and re-polish it (roles change at run time)."""
    if widget.property("role") == role:
        return
    widget.setProperty("role", role)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.updateGeometry()


def set_invalid(widget: QWidget, invalid: bool, reason: str = "") -> None:
    """Mark an input field as refused, with the exact reason as its tooltip."""
    widget.setProperty("invalid", "true" if invalid else "false")
    widget.setToolTip(reason if invalid else widget.property("normalToolTip") or "")
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
