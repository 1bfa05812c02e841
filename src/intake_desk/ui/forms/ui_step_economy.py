# Generated from ui/step_economy.ui by tools/compile_forms.py (pyside6-uic) – do not edit.
# Change the .ui in Qt Designer and compile again.
# source-sha256: acbb25be00ad2ad0f8bfceada29dcdaea69c671cc909ff0ae25840007ea64c73
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'step_economy.ui'
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
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QHeaderView, QLabel,
    QPushButton, QSizePolicy, QTabWidget, QTableView,
    QVBoxLayout, QWidget)

class Ui_EconomyStep(object):
    def setupUi(self, EconomyStep):
        if not EconomyStep.objectName():
            EconomyStep.setObjectName(u"EconomyStep")
        EconomyStep.resize(1100, 620)
        self.outerLayout = QVBoxLayout(EconomyStep)
        self.outerLayout.setSpacing(8)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setContentsMargins(0, 4, 0, 0)
        self.hintLabel = QLabel(EconomyStep)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)

        self.outerLayout.addWidget(self.hintLabel)

        self.tabs = QTabWidget(EconomyStep)
        self.tabs.setObjectName(u"tabs")
        self.incomesTab = QWidget()
        self.incomesTab.setObjectName(u"incomesTab")
        self.incomesLayout = QVBoxLayout(self.incomesTab)
        self.incomesLayout.setObjectName(u"incomesLayout")
        self.incomesTable = QTableView(self.incomesTab)
        self.incomesTable.setObjectName(u"incomesTable")

        self.incomesLayout.addWidget(self.incomesTable)

        self.incomesTotal = QLabel(self.incomesTab)
        self.incomesTotal.setObjectName(u"incomesTotal")
        self.incomesTotal.setText(u"")

        self.incomesLayout.addWidget(self.incomesTotal)

        self.tabs.addTab(self.incomesTab, "")
        self.deductionsTab = QWidget()
        self.deductionsTab.setObjectName(u"deductionsTab")
        self.deductionsLayout = QVBoxLayout(self.deductionsTab)
        self.deductionsLayout.setObjectName(u"deductionsLayout")
        self.deductionsTable = QTableView(self.deductionsTab)
        self.deductionsTable.setObjectName(u"deductionsTable")

        self.deductionsLayout.addWidget(self.deductionsTable)

        self.deductionsTotal = QLabel(self.deductionsTab)
        self.deductionsTotal.setObjectName(u"deductionsTotal")
        self.deductionsTotal.setText(u"")

        self.deductionsLayout.addWidget(self.deductionsTotal)

        self.tabs.addTab(self.deductionsTab, "")
        self.assetsTab = QWidget()
        self.assetsTab.setObjectName(u"assetsTab")
        self.assetsLayout = QVBoxLayout(self.assetsTab)
        self.assetsLayout.setObjectName(u"assetsLayout")
        self.assetsTable = QTableView(self.assetsTab)
        self.assetsTable.setObjectName(u"assetsTable")

        self.assetsLayout.addWidget(self.assetsTable)

        self.assetsTotal = QLabel(self.assetsTab)
        self.assetsTotal.setObjectName(u"assetsTotal")
        self.assetsTotal.setText(u"")

        self.assetsLayout.addWidget(self.assetsTotal)

        self.tabs.addTab(self.assetsTab, "")
        self.expensesTab = QWidget()
        self.expensesTab.setObjectName(u"expensesTab")
        self.expensesLayout = QVBoxLayout(self.expensesTab)
        self.expensesLayout.setObjectName(u"expensesLayout")
        self.expensesTable = QTableView(self.expensesTab)
        self.expensesTable.setObjectName(u"expensesTable")

        self.expensesLayout.addWidget(self.expensesTable)

        self.expensesTotal = QLabel(self.expensesTab)
        self.expensesTotal.setObjectName(u"expensesTotal")
        self.expensesTotal.setText(u"")

        self.expensesLayout.addWidget(self.expensesTotal)

        self.tabs.addTab(self.expensesTab, "")

        self.outerLayout.addWidget(self.tabs)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.problemsLabel = QLabel(EconomyStep)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setText(u"")
        self.problemsLabel.setWordWrap(True)

        self.buttonRow.addWidget(self.problemsLabel)

        self.addButton = QPushButton(EconomyStep)
        self.addButton.setObjectName(u"addButton")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.addButton.sizePolicy().hasHeightForWidth())
        self.addButton.setSizePolicy(sizePolicy)
        self.addButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.buttonRow.addWidget(self.addButton)

        self.removeButton = QPushButton(EconomyStep)
        self.removeButton.setObjectName(u"removeButton")
        sizePolicy.setHeightForWidth(self.removeButton.sizePolicy().hasHeightForWidth())
        self.removeButton.setSizePolicy(sizePolicy)
        self.removeButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.buttonRow.addWidget(self.removeButton)


        self.outerLayout.addLayout(self.buttonRow)


        self.retranslateUi(EconomyStep)

        self.tabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(EconomyStep)
    # setupUi

    def retranslateUi(self, EconomyStep):
        self.hintLabel.setText(QCoreApplication.translate("EconomyStep", u"\u7533\u8bf7\u524d 12 \u4e2a\u6708\u7684\u6536\u5165\u3001\u8d22\u4ea7\u548c\u521a\u6027\u652f\u51fa\uff0c\u6309\u6210\u5458\u548c\u7c7b\u522b\u9010\u884c\u586b\u5199\u3002\u91d1\u989d\u53ef\u586b 12 \u4e2a\u6708\u5408\u8ba1\uff0c\u6216\u6309\u6708\u586b\u5199\uff08\u00d7 12\uff09\u3002Insert \u6dfb\u52a0\u4e00\u884c\uff0cCtrl+Delete \u5220\u9664\u3002", None))
        self.tabs.setTabText(self.tabs.indexOf(self.incomesTab), QCoreApplication.translate("EconomyStep", u"\u6536\u5165", None))
        self.tabs.setTabText(self.tabs.indexOf(self.deductionsTab), QCoreApplication.translate("EconomyStep", u"\u6263\u51cf\u9879", None))
        self.tabs.setTabText(self.tabs.indexOf(self.assetsTab), QCoreApplication.translate("EconomyStep", u"\u8d22\u4ea7", None))
        self.tabs.setTabText(self.tabs.indexOf(self.expensesTab), QCoreApplication.translate("EconomyStep", u"\u521a\u6027\u652f\u51fa", None))
        self.addButton.setText(QCoreApplication.translate("EconomyStep", u"\u6dfb\u52a0\u4e00\u884c", None))
#if QT_CONFIG(tooltip)
        self.addButton.setToolTip(QCoreApplication.translate("EconomyStep", u"\u5728\u5f53\u524d\u8868\u683c\u6dfb\u52a0\u4e00\u884c\uff08Insert\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.removeButton.setText(QCoreApplication.translate("EconomyStep", u"\u5220\u9664\u4e00\u884c", None))
#if QT_CONFIG(tooltip)
        self.removeButton.setToolTip(QCoreApplication.translate("EconomyStep", u"\u5220\u9664\u9009\u4e2d\u7684\u884c\uff08Ctrl+Delete\uff09", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

