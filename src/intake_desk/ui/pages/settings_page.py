"""设置 – the clerk's own preferences (window language) and where the program keeps its data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from intake_desk import __version__, paths
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.ui.forms.ui_settings_page import Ui_SettingsPage
from intake_desk.ui.i18n import LANGUAGES, label, pack_text, save_language, saved_language
from intake_desk.ui.style import set_role


class SettingsPage(QWidget):
    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.ui = Ui_SettingsPage()
        self.ui.setupUi(self)
        set_role(self.ui.titleLabel, "title")
        set_role(self.ui.languageHint, "hint")
        for code, name in LANGUAGES.items():
            self.ui.languageCombo.addItem(name, code)
        self.ui.languageCombo.setCurrentIndex(list(LANGUAGES).index(saved_language()))
        self.ui.languageCombo.currentIndexChanged.connect(self._language_chosen)
        self.ui.userValue.setText(f"{actor.display_name}（{label(actor.role)}） {actor.username}")
        self.ui.hallValue.setText(f"{actor.hall_code or ''} {actor.hall_name or pack_text(actor.department_name or '')}".strip())
        self.ui.databaseValue.setText(services.db.description)
        self.ui.logValue.setText(str(paths.log_dir()))
        self.ui.versionValue.setText(__version__)
        self.password_button = QPushButton(self.tr("修改我的密码…"), self)
        self.password_button.setObjectName("changePasswordButton")
        self.password_button.clicked.connect(self.change_password)
        self.ui.accountLayout.addRow("", self.password_button)

    def change_password(self) -> None:
        from intake_desk.ui.pages.users_page import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.services, self.actor, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _language_chosen(self, index: int) -> None:
        save_language(self.ui.languageCombo.itemData(index))
