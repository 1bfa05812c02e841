"""初始设置 – the first start on an empty database: the hall and its first administrator."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.errors import ValidationFailed
from intake_desk.ui.forms.ui_setup_dialog import Ui_SetupDialog
from intake_desk.ui.i18n import in_language
from intake_desk.ui.placement import centre_on_screen, keep_on_screen, shrink_to_fit
from intake_desk.ui.style import set_invalid, set_role
from intake_desk.ui.worker import error_message, run_in_background


class SetupDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor: Actor | None = None
        self.ui = Ui_SetupDialog()
        self.ui.setupUi(self)
        set_role(self.ui.titleLabel, "title")
        set_role(self.ui.introLabel, "hint")
        set_role(self.ui.errorLabel, "error")
        self.ui.errorLabel.hide()
        self.ok_button = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("完成设置"))
        set_role(self.ok_button, "primary")
        self.ok_button.setDefault(True)  # Enter in any field finishes the set-up
        self.cancel_button = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("退出"))
        self._align_label_columns()
        self.boxes = self._boxes_in_scroll_area()
        self.ui.buttonBox.accepted.connect(self.submit)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.fields: dict[str, QLineEdit] = {
            "hall_code": self.ui.hallCodeEdit, "hall_name": self.ui.hallNameEdit,
            "username": self.ui.usernameEdit, "display_name": self.ui.displayNameEdit,
            "password": self.ui.passwordEdit,
        }
        for edit in [*self.fields.values(), self.ui.repeatEdit]:
            edit.textEdited.connect(lambda _text, e=edit: set_invalid(e, False))
        self.ui.hallCodeEdit.setFocus()
        self.busy = False
        self._centred = False

    def _boxes_in_scroll_area(self) -> QScrollArea:
        """The hall and administrator boxes scroll together when the screen is too short for them (a laptop
        at 150 %); on a tall screen the area is exactly their height and shows no scroll bar."""
        ui, layout = self.ui, self.ui.outerLayout
        index = layout.indexOf(ui.hallBox)
        content = QWidget()
        content.setObjectName("setupBoxes")
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(layout.spacing())
        for box in (ui.hallBox, ui.adminBox):
            layout.removeWidget(box)
            inner.addWidget(box)
        area = QScrollArea(self)
        area.setObjectName("setupScroll")
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setWidgetResizable(True)
        area.setWidget(content)
        area.viewport().setAutoFillBackground(False)
        content.setAutoFillBackground(False)
        layout.insertWidget(index, area)
        self.boxes_content = content
        # Moving the boxes put their fields at the end of the Tab chain: reading order again.
        chain = [ui.hallCodeEdit, ui.hallNameEdit, ui.hallPhoneEdit, ui.complaintEdit, ui.usernameEdit,
                 ui.displayNameEdit, ui.passwordEdit, ui.repeatEdit, self.ok_button, self.cancel_button]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._show_focused_field)
        return area

    def _show_focused_field(self, _old: QWidget | None, new: QWidget | None) -> None:
        """A field reached by Alt+letter or a refusal is scrolled into view, as Tab does."""
        if new is not None and self.boxes_content.isAncestorOf(new):
            # the whole field and a little of what is round it (Qt's own keeps only the text cursor in view)
            centre = new.mapTo(self.boxes_content, new.rect().center())
            self.boxes.ensureVisible(centre.x(), centre.y(), 0, new.height() // 2 + 12)

    def _fit_screen(self) -> None:
        content = self.boxes_content
        natural = content.sizeHint().height()
        height = shrink_to_fit(self, self.boxes, natural, min(natural, 160))
        scrolls = height < natural
        bar = self.boxes.verticalScrollBar().sizeHint().width() if scrolls else 0
        self.boxes.setMinimumWidth(content.sizeHint().width() + bar)
        self.boxes.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if scrolls
                                              else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _align_label_columns(self) -> None:
        """The two boxes' fields start at one edge: both label columns as wide as the widest label."""
        labels = [self.ui.hallCodeLabel, self.ui.hallNameLabel, self.ui.hallPhoneLabel, self.ui.complaintLabel,
                  self.ui.usernameLabel, self.ui.displayNameLabel, self.ui.passwordLabel, self.ui.repeatLabel]
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._centred:
            self._fit_screen()
            self._centred = centre_on_screen(self)

    def busy_started(self, label: str) -> None:
        self.busy = True
        self.ok_button.setEnabled(False)

    def busy_finished(self) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)

    def submit(self) -> None:
        if self.busy:
            return
        for edit in self.fields.values():
            set_invalid(edit, False)
        if self.ui.passwordEdit.text() != self.ui.repeatEdit.text():
            reason = self.tr("两次输入的密码不一致")
            set_invalid(self.ui.repeatEdit, True, reason)
            self._show(reason)
            self.ui.repeatEdit.setFocus()
            return
        values = (self.ui.hallCodeEdit.text(), self.ui.hallNameEdit.text(), self.ui.usernameEdit.text(),
                  self.ui.displayNameEdit.text(), self.ui.passwordEdit.text())
        phone, complaint = self.ui.hallPhoneEdit.text(), self.ui.complaintEdit.text()

        def work() -> Actor:
            actor = self.services.accounts.first_run_setup(*values, hall_phone=phone, complaint_channel=complaint)
            organisation = getattr(self.services, "organisation", None)
            if organisation is not None:
                organisation.sync_departments_from_pack()
            return actor

        run_in_background(self, work, self._done, self._failed, label="first-run set-up")

    def _done(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationFailed):
            first: QLineEdit | None = None
            for key, reason in error.fields.items():
                edit = self.fields.get(key)
                if edit is not None:
                    set_invalid(edit, True, in_language(reason))
                    first = first or edit
            if first is not None:
                first.setFocus()
        self._show(error_message(error))

    def _show(self, message: str) -> None:
        self.ui.errorLabel.setText(message)
        self.ui.errorLabel.show()
        if self.isVisible():
            self._fit_screen()
            keep_on_screen(self)
