# Generated from ui/applications_page.ui by tools/compile_forms.py (pyside6-uic) – do not edit.
# Change the .ui in Qt Designer and compile again.
# source-sha256: fcfda5406aee6d9cf09e87174d6db99b75c5a4c1888d063ab949823c955c8719
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'applications_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QSizePolicy,
    QSplitter, QTableView, QTextBrowser, QVBoxLayout,
    QWidget)

class Ui_ApplicationsPage(object):
    def setupUi(self, ApplicationsPage):
        if not ApplicationsPage.objectName():
            ApplicationsPage.setObjectName(u"ApplicationsPage")
        ApplicationsPage.resize(1180, 800)
        self.outerLayout = QVBoxLayout(ApplicationsPage)
        self.outerLayout.setSpacing(10)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setContentsMargins(20, 14, 20, 12)
        self.headerRow = QHBoxLayout()
        self.headerRow.setSpacing(12)
        self.headerRow.setObjectName(u"headerRow")
        self.titleLabel = QLabel(ApplicationsPage)
        self.titleLabel.setObjectName(u"titleLabel")

        self.headerRow.addWidget(self.titleLabel)

        self.searchEdit = QLineEdit(ApplicationsPage)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.headerRow.addWidget(self.searchEdit)

        self.statusLabel = QLabel(ApplicationsPage)
        self.statusLabel.setObjectName(u"statusLabel")

        self.headerRow.addWidget(self.statusLabel)

        self.statusCombo = QComboBox(ApplicationsPage)
        self.statusCombo.setObjectName(u"statusCombo")

        self.headerRow.addWidget(self.statusCombo)

        self.countLabel = QLabel(ApplicationsPage)
        self.countLabel.setObjectName(u"countLabel")
        self.countLabel.setText(u"")

        self.headerRow.addWidget(self.countLabel)


        self.outerLayout.addLayout(self.headerRow)

        self.splitter = QSplitter(ApplicationsPage)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.table = QTableView(self.splitter)
        self.table.setObjectName(u"table")
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.splitter.addWidget(self.table)
        self.detail = QTextBrowser(self.splitter)
        self.detail.setObjectName(u"detail")
        self.detail.setOpenLinks(False)
        self.splitter.addWidget(self.detail)

        self.outerLayout.addWidget(self.splitter)

#if QT_CONFIG(shortcut)
        self.statusLabel.setBuddy(self.statusCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.searchEdit, self.statusCombo)
        QWidget.setTabOrder(self.statusCombo, self.table)
        QWidget.setTabOrder(self.table, self.detail)

        self.retranslateUi(ApplicationsPage)

        QMetaObject.connectSlotsByName(ApplicationsPage)
    # setupUi

    def retranslateUi(self, ApplicationsPage):
        self.titleLabel.setText(QCoreApplication.translate("ApplicationsPage", u"\u7533\u8bf7", None))
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("ApplicationsPage", u"\u53d7\u7406\u7f16\u53f7\u3001\u59d3\u540d\u3001\u62fc\u97f3\u9996\u5b57\u6bcd\u6216\u8eab\u4efd\u8bc1\u53f7\u5f00\u5934\uff08Ctrl+F\uff09", None))
        self.statusLabel.setText(QCoreApplication.translate("ApplicationsPage", u"\u72b6\u6001(&Z)", None))
        pass
    # retranslateUi

