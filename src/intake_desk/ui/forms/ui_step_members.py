# Generated from ui/step_members.ui by tools/compile_forms.py (pyside6-uic) – do not edit.
# Change the .ui in Qt Designer and compile again.
# source-sha256: eec3704d4f7636edf67d9e42b292e2b26c078af26de440b977a21fccf4b23b52
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'step_members.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QPushButton, QSizePolicy, QTableView,
    QVBoxLayout, QWidget)

class Ui_MembersStep(object):
    def setupUi(self, MembersStep):
        if not MembersStep.objectName():
            MembersStep.setObjectName(u"MembersStep")
        MembersStep.resize(1100, 600)
        self.outerLayout = QVBoxLayout(MembersStep)
        self.outerLayout.setSpacing(10)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setContentsMargins(0, 4, 0, 0)
        self.toolbarRow = QHBoxLayout()
        self.toolbarRow.setObjectName(u"toolbarRow")
        self.hintLabel = QLabel(MembersStep)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)

        self.toolbarRow.addWidget(self.hintLabel)

        self.addButton = QPushButton(MembersStep)
        self.addButton.setObjectName(u"addButton")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.addButton.sizePolicy().hasHeightForWidth())
        self.addButton.setSizePolicy(sizePolicy)
        self.addButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.toolbarRow.addWidget(self.addButton)

        self.removeButton = QPushButton(MembersStep)
        self.removeButton.setObjectName(u"removeButton")
        sizePolicy.setHeightForWidth(self.removeButton.sizePolicy().hasHeightForWidth())
        self.removeButton.setSizePolicy(sizePolicy)
        self.removeButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.toolbarRow.addWidget(self.removeButton)


        self.outerLayout.addLayout(self.toolbarRow)

        self.membersTable = QTableView(MembersStep)
        self.membersTable.setObjectName(u"membersTable")
        self.membersTable.setAlternatingRowColors(True)
        self.membersTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.membersTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.membersTable.setTabKeyNavigation(True)

        self.outerLayout.addWidget(self.membersTable)

        self.problemsLabel = QLabel(MembersStep)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setText(u"")
        self.problemsLabel.setWordWrap(True)

        self.outerLayout.addWidget(self.problemsLabel)


        self.retranslateUi(MembersStep)

        QMetaObject.connectSlotsByName(MembersStep)
    # setupUi

    def retranslateUi(self, MembersStep):
        self.hintLabel.setText(QCoreApplication.translate("MembersStep", u"\u5171\u540c\u751f\u6d3b\u7684\u5bb6\u5ead\u6210\u5458\u3002\u76f4\u63a5\u8f93\u5165\u5373\u53ef\u7f16\u8f91\u5355\u5143\u683c\uff0c\u56de\u8f66\u786e\u8ba4\uff1b\u51fa\u751f\u65e5\u671f\u3001\u6027\u522b\u548c\u5e74\u9f84\u7531\u8eab\u4efd\u8bc1\u53f7\u5f97\u51fa\u3002", None))
        self.addButton.setText(QCoreApplication.translate("MembersStep", u"\u6dfb\u52a0\u6210\u5458", None))
#if QT_CONFIG(tooltip)
        self.addButton.setToolTip(QCoreApplication.translate("MembersStep", u"\u6dfb\u52a0\u4e00\u540d\u5bb6\u5ead\u6210\u5458\uff08Insert\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.removeButton.setText(QCoreApplication.translate("MembersStep", u"\u5220\u9664\u6210\u5458", None))
#if QT_CONFIG(tooltip)
        self.removeButton.setToolTip(QCoreApplication.translate("MembersStep", u"\u5220\u9664\u9009\u4e2d\u7684\u6210\u5458\uff08Ctrl+Delete\uff09", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

