# Generated from ui/step_submit.ui by tools/compile_forms.py (pyside6-uic) – do not edit.
# Change the .ui in Qt Designer and compile again.
# source-sha256: 05b40b0d179ba0dfef2a49c8b96fadfb93c204518913c262de0eabb11541a0dc
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'step_submit.ui'
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
from PySide6.QtWidgets import (QApplication, QGroupBox, QHBoxLayout, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QStackedWidget,
    QVBoxLayout, QWidget)

class Ui_SubmitStep(object):
    def setupUi(self, SubmitStep):
        if not SubmitStep.objectName():
            SubmitStep.setObjectName(u"SubmitStep")
        SubmitStep.resize(1100, 600)
        self.outerLayout = QVBoxLayout(SubmitStep)
        self.outerLayout.setSpacing(12)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setContentsMargins(0, 4, 0, 0)
        self.modes = QStackedWidget(SubmitStep)
        self.modes.setObjectName(u"modes")
        self.confirmPage = QWidget()
        self.confirmPage.setObjectName(u"confirmPage")
        self.confirmLayout = QVBoxLayout(self.confirmPage)
        self.confirmLayout.setSpacing(12)
        self.confirmLayout.setObjectName(u"confirmLayout")
        self.checkBox = QGroupBox(self.confirmPage)
        self.checkBox.setObjectName(u"checkBox")
        self.checkLayout = QVBoxLayout(self.checkBox)
        self.checkLayout.setObjectName(u"checkLayout")
        self.checklistLabel = QLabel(self.checkBox)
        self.checklistLabel.setObjectName(u"checklistLabel")
        self.checklistLabel.setText(u"")
        self.checklistLabel.setWordWrap(True)
        self.checklistLabel.setTextFormat(Qt.TextFormat.RichText)

        self.checkLayout.addWidget(self.checklistLabel)


        self.confirmLayout.addWidget(self.checkBox)

        self.submitRow = QHBoxLayout()
        self.submitRow.setObjectName(u"submitRow")
        self.submitSpacerLeft = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.submitRow.addItem(self.submitSpacerLeft)

        self.submitButton = QPushButton(self.confirmPage)
        self.submitButton.setObjectName(u"submitButton")
        self.submitButton.setMinimumSize(QSize(240, 48))

        self.submitRow.addWidget(self.submitButton)


        self.confirmLayout.addLayout(self.submitRow)

        self.confirmSpacer = QSpacerItem(10, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.confirmLayout.addItem(self.confirmSpacer)

        self.modes.addWidget(self.confirmPage)
        self.receiptPage = QWidget()
        self.receiptPage.setObjectName(u"receiptPage")
        self.receiptLayout = QVBoxLayout(self.receiptPage)
        self.receiptLayout.setSpacing(14)
        self.receiptLayout.setObjectName(u"receiptLayout")
        self.doneLabel = QLabel(self.receiptPage)
        self.doneLabel.setObjectName(u"doneLabel")

        self.receiptLayout.addWidget(self.doneLabel)

        self.receiptNumber = QLabel(self.receiptPage)
        self.receiptNumber.setObjectName(u"receiptNumber")
        self.receiptNumber.setText(u"")
        self.receiptNumber.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.receiptLayout.addWidget(self.receiptNumber)

        self.receiptDetails = QLabel(self.receiptPage)
        self.receiptDetails.setObjectName(u"receiptDetails")
        self.receiptDetails.setText(u"")
        self.receiptDetails.setTextFormat(Qt.TextFormat.PlainText)

        self.receiptLayout.addWidget(self.receiptDetails)

        self.receiptButtons = QHBoxLayout()
        self.receiptButtons.setObjectName(u"receiptButtons")
        self.printButton = QPushButton(self.receiptPage)
        self.printButton.setObjectName(u"printButton")
        self.printButton.setMinimumSize(QSize(200, 44))

        self.receiptButtons.addWidget(self.printButton)

        self.nextIntakeButton = QPushButton(self.receiptPage)
        self.nextIntakeButton.setObjectName(u"nextIntakeButton")
        self.nextIntakeButton.setMinimumSize(QSize(160, 44))

        self.receiptButtons.addWidget(self.nextIntakeButton)

        self.receiptSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.receiptButtons.addItem(self.receiptSpacer)


        self.receiptLayout.addLayout(self.receiptButtons)

        self.receiptVSpacer = QSpacerItem(10, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.receiptLayout.addItem(self.receiptVSpacer)

        self.modes.addWidget(self.receiptPage)

        self.outerLayout.addWidget(self.modes)


        self.retranslateUi(SubmitStep)

        QMetaObject.connectSlotsByName(SubmitStep)
    # setupUi

    def retranslateUi(self, SubmitStep):
        self.checkBox.setTitle(QCoreApplication.translate("SubmitStep", u"\u63d0\u4ea4\u524d\u6838\u5bf9", None))
        self.submitButton.setText(QCoreApplication.translate("SubmitStep", u"\u63d0\u4ea4\u53d7\u7406", None))
#if QT_CONFIG(tooltip)
        self.submitButton.setToolTip(QCoreApplication.translate("SubmitStep", u"\u63d0\u4ea4\u5e76\u751f\u6210\u53d7\u7406\u7f16\u53f7\uff08Ctrl+Enter\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.doneLabel.setText(QCoreApplication.translate("SubmitStep", u"\u5df2\u53d7\u7406\u3002\u53d7\u7406\u7f16\u53f7\uff1a", None))
        self.printButton.setText(QCoreApplication.translate("SubmitStep", u"\u6253\u5370\u56de\u6267", None))
#if QT_CONFIG(tooltip)
        self.printButton.setToolTip(QCoreApplication.translate("SubmitStep", u"\u6253\u5370\u53d7\u7406\u56de\u6267\uff08Ctrl+P\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.nextIntakeButton.setText(QCoreApplication.translate("SubmitStep", u"\u65b0\u53d7\u7406", None))
#if QT_CONFIG(tooltip)
        self.nextIntakeButton.setToolTip(QCoreApplication.translate("SubmitStep", u"\u5f00\u59cb\u4e0b\u4e00\u4f4d\u7533\u8bf7\u4eba\u7684\u53d7\u7406\uff08Ctrl+N\uff09", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

