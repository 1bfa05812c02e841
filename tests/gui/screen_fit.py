"""What "nothing cut" means on a screen, measured on the real widgets.

* A label, button, check box or tab shows its whole text: the text's advance in the widget's font is
  no wider than the room the widget gives it (a mnemonic's "&" is not drawn and not counted; a label
  that wraps is left to its layout, which gives it the height it asks for).
* A table's or tree's header sections are as wide as their titles (data cells may elide: the cell's
  tooltip or the detail pane shows them whole).
* No widget lies outside its parent, and so none outside the window – except inside a scroll area,
  whose content scrolls into view.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QTabBar,
    QToolButton,
    QWidget,
)

SLACK = 1  # rounding between the font's advance and the pixels the style gives


def shown_text(text: str) -> str:
    """The text as drawn: a mnemonic's single "&" is not drawn, "&&" is one "&"."""
    return re.sub(r"&(.)", r"\1", text)


def _lines_width(metrics: QFontMetrics, text: str) -> int:
    return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)


def _inside_scrolled_content(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return True
        parent = parent.parentWidget()
    return False


def _inside_item_view_or_combo(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView | QComboBox):
            return True
        parent = parent.parentWidget()
    return False


def describe(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QLabel | QAbstractButton):
        text = widget.text()
    return f"{type(widget).__name__}({widget.objectName()!r}{', ' + repr(text[:40]) if text else ''})"


def label_problem(label: QLabel) -> str | None:
    if label.wordWrap() or label.pixmap() is not None and not label.pixmap().isNull():
        return None
    text = QLabel.text(label)  # what is drawn (a label that elides keeps its whole text for its tooltip)
    if not text or label.textFormat() == Qt.TextFormat.RichText or (
            label.textFormat() == Qt.TextFormat.AutoText and ("<" in text and ">" in text)):
        return None
    needed = _lines_width(label.fontMetrics(), shown_text(text) if label.buddy() is not None else text)
    room = label.contentsRect().width() - 2 * max(label.margin(), 0) - max(label.indent(), 0)
    if needed > room + SLACK:
        return f"{describe(label)} needs {needed} px, has {room}"
    return None


def button_problem(button: QAbstractButton) -> str | None:
    text = shown_text(button.text())
    if not text:
        return None
    metrics = button.fontMetrics()
    needed = _lines_width(metrics, text)
    style = button.style()
    if isinstance(button, QCheckBox | QRadioButton):
        hint = button.sizeHint().width()  # indicator, spacing and text: exact for these
        if button.width() + SLACK < hint:
            return f"{describe(button)} needs {hint} px, has {button.width()}"
        return None
    if isinstance(button, QPushButton):
        margin = style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, button)
        frame = style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, button)
        icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
        menu = style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, button) if button.menu() else 0
        room = button.width() - margin - 2 * frame - icon - menu
    elif isinstance(button, QToolButton):
        if button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly and not button.icon().isNull():
            return None
        room = button.width() - 6
    else:
        room = button.width()
    if needed > room + SLACK:
        return f"{describe(button)} needs {needed} px, has {room}"
    return None


def header_problems(view: QAbstractItemView, where: str) -> list[str]:
    problems = []
    headers = [h for h in (getattr(view, "horizontalHeader", None), getattr(view, "header", None)) if callable(h)]
    model = view.model()
    if model is None:
        return []
    for get in headers:
        header = get()
        if not isinstance(header, QHeaderView) or not header.isVisible():
            continue
        metrics = QFontMetrics(header.font())
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        for section in range(header.count()):
            if header.isSectionHidden(section) or header.sectionSize(section) == 0:
                continue
            text = str(model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
            if not text:
                continue
            needed = _lines_width(metrics, text) + 2 * margin
            if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
                needed += header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
            size = header.sectionSize(section)
            # The last section may run under the viewport's edge only if the view scrolls sideways to it.
            if needed > size + SLACK:
                problems.append(f"{where}: header {text!r} of {view.objectName() or type(view).__name__} "
                                f"needs {needed} px, has {size}")
    return problems


def tab_problems(bar: QTabBar, where: str) -> list[str]:
    problems = []
    metrics = QFontMetrics(bar.font())
    space = 2  # the tab's text is centred in its rect; the style sheet's padding may be less than the style's
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        text = shown_text(bar.tabText(index))
        needed = metrics.horizontalAdvance(text) + space
        has = bar.tabRect(index).width()
        if needed > has + SLACK:
            problems.append(f"{where}: tab {text!r} needs {needed} px, has {has}")
    return problems


def outside_problem(widget: QWidget, root: QWidget) -> str | None:
    parent = widget.parentWidget()
    if parent is None or widget.isWindow():
        return None
    room = parent.rect()
    mine = widget.geometry()
    if not room.contains(mine) and not QRect(room).adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(mine):
        return f"{describe(widget)} at {mine.getRect()} lies outside {describe(parent)} {room.getRect()}"
    return None


def cut_texts(root: QWidget, where: str) -> list[str]:
    """Every text shown cut, and every widget out of its parent, in the window ``root`` as it is now."""
    problems: list[str] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not root:
            continue
        if widget.width() <= 0 or widget.height() <= 0:
            continue
        scrolled = _inside_scrolled_content(widget, root)
        if not scrolled:
            problem = outside_problem(widget, root)
            if problem:
                problems.append(f"{where}: {problem}")
        if _inside_item_view_or_combo(widget):
            continue  # cell editors and a combo's own parts
        problem = None
        if isinstance(widget, QLabel):
            problem = label_problem(widget)
        elif isinstance(widget, QAbstractButton) and not isinstance(widget.parentWidget(), QTabBar):
            problem = button_problem(widget)
        elif isinstance(widget, QAbstractItemView):
            problems += header_problems(widget, where)
        elif isinstance(widget, QTabBar):
            problems += tab_problems(widget, where)
        if problem:
            problems.append(f"{where}: {problem}")
    return problems
