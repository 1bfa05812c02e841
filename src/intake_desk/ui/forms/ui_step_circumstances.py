# Generated from ui/step_circumstances.ui by tools/compile_forms.py (pyside6-uic) – do not edit.
# Change the .ui in Qt Designer and compile again.
# source-sha256: a7b85659987b010f5597780d2c99406d01160bcda2eb3ac670ab3b47c9437d0b
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'step_circumstances.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QGridLayout, QGroupBox,
    QHBoxLayout, QLabel, QPlainTextEdit, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_CircumstancesStep(object):
    def setupUi(self, CircumstancesStep):
        if not CircumstancesStep.objectName():
            CircumstancesStep.setObjectName(u"CircumstancesStep")
        CircumstancesStep.resize(1100, 600)
        self.outerLayout = QVBoxLayout(CircumstancesStep)
        self.outerLayout.setSpacing(12)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setContentsMargins(0, 4, 0, 0)
        self.requestsBox = QGroupBox(CircumstancesStep)
        self.requestsBox.setObjectName(u"requestsBox")
        self.requestsGrid = QGridLayout(self.requestsBox)
        self.requestsGrid.setObjectName(u"requestsGrid")
        self.requestsGrid.setHorizontalSpacing(24)
        self.requestsGrid.setVerticalSpacing(10)

        self.outerLayout.addWidget(self.requestsBox)

        self.circumstancesBox = QGroupBox(CircumstancesStep)
        self.circumstancesBox.setObjectName(u"circumstancesBox")
        self.circumstancesLayout = QVBoxLayout(self.circumstancesBox)
        self.circumstancesLayout.setObjectName(u"circumstancesLayout")
        self.circumstancesRow = QHBoxLayout()
        self.circumstancesRow.setSpacing(24)
        self.circumstancesRow.setObjectName(u"circumstancesRow")

        self.circumstancesLayout.addLayout(self.circumstancesRow)

        self.noteLabel = QLabel(self.circumstancesBox)
        self.noteLabel.setObjectName(u"noteLabel")

        self.circumstancesLayout.addWidget(self.noteLabel)

        self.noteEdit = QPlainTextEdit(self.circumstancesBox)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setTabChangesFocus(True)
        self.noteEdit.setMaximumSize(QSize(16777215, 90))

        self.circumstancesLayout.addWidget(self.noteEdit)


        self.outerLayout.addWidget(self.circumstancesBox)

        self.supportBox = QGroupBox(CircumstancesStep)
        self.supportBox.setObjectName(u"supportBox")
        self.supportLayout = QVBoxLayout(self.supportBox)
        self.supportLayout.setObjectName(u"supportLayout")
        self.noSupporterCheck = QCheckBox(self.supportBox)
        self.noSupporterCheck.setObjectName(u"noSupporterCheck")

        self.supportLayout.addWidget(self.noSupporterCheck)


        self.outerLayout.addWidget(self.supportBox)

        self.problemsLabel = QLabel(CircumstancesStep)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setText(u"")
        self.problemsLabel.setWordWrap(True)

        self.outerLayout.addWidget(self.problemsLabel)

        self.verticalSpacer = QSpacerItem(10, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outerLayout.addItem(self.verticalSpacer)

#if QT_CONFIG(shortcut)
        self.noteLabel.setBuddy(self.noteEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(CircumstancesStep)

        QMetaObject.connectSlotsByName(CircumstancesStep)
    # setupUi

    def retranslateUi(self, CircumstancesStep):
        self.requestsBox.setTitle(QCoreApplication.translate("CircumstancesStep", u"\u7533\u8bf7\u4e8b\u9879\uff08\u53ef\u591a\u9009\uff09", None))
        self.circumstancesBox.setTitle(QCoreApplication.translate("CircumstancesStep", u"\u7279\u6b8a\u60c5\u51b5\uff08\u4e34\u65f6\u6551\u52a9\uff09", None))
        self.noteLabel.setText(QCoreApplication.translate("CircumstancesStep", u"\u60c5\u51b5\u8bf4\u660e(&W)", None))
        self.noteEdit.setPlaceholderText(QCoreApplication.translate("CircumstancesStep", u"\u5982\uff1a2026 \u5e74 11 \u6708\u4f4f\u623f\u56e0\u706b\u707e\u53d7\u635f\uff1b\u7a81\u53d1\u75be\u75c5\u4f4f\u9662\u7b49", None))
        self.supportBox.setTitle(QCoreApplication.translate("CircumstancesStep", u"\u8d61\u517b\u3001\u629a\u517b\u3001\u6276\u517b", None))
        self.noSupporterCheck.setText(QCoreApplication.translate("CircumstancesStep", u"\u65e0\u6cd5\u5b9a\u8d61\u517b\u3001\u629a\u517b\u3001\u6276\u517b\u4e49\u52a1\u4eba\uff0c\u6216\u4e49\u52a1\u4eba\u65e0\u5c65\u884c\u4e49\u52a1\u80fd\u529b(&Y)", None))
        pass
    # retranslateUi

