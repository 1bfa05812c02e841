"""A page that is not built yet says what it will do – never an error."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from intake_desk.ui.style import set_role


class ComingPage(QWidget):
    def __init__(self, title: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comingPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.setSpacing(16)
        heading = QLabel(title, self)
        heading.setObjectName("comingTitle")
        set_role(heading, "title")
        layout.addWidget(heading)
        badge = QLabel(self.tr("此页面将在后续版本中提供。"), self)
        set_role(badge, "banner-info")
        layout.addWidget(badge)
        text = QLabel(description, self)
        text.setObjectName("comingDescription")
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(text)
        layout.addStretch(1)
