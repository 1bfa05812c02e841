# Generated from ui/step_materials.ui by tools/compile_forms.py (pyside6-uic) – do not edit.
# Change the .ui in Qt Designer and compile again.
# source-sha256: 1b63e7c98ec5625d14b395704c6e88640dea30cfba29943e9b5972b840280771
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'step_materials.ui'
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
from PySide6.QtWidgets import (QApplication, QGroupBox, QHBoxLayout, QHeaderView,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

class Ui_MaterialsStep(object):
    def setupUi(self, MaterialsStep):
        if not MaterialsStep.objectName():
            MaterialsStep.setObjectName(u"MaterialsStep")
        MaterialsStep.resize(1100, 600)
        self.outerLayout = QVBoxLayout(MaterialsStep)
        self.outerLayout.setSpacing(10)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setContentsMargins(0, 4, 0, 0)
        self.hintLabel = QLabel(MaterialsStep)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)

        self.outerLayout.addWidget(self.hintLabel)

        self.listsRow = QHBoxLayout()
        self.listsRow.setSpacing(14)
        self.listsRow.setObjectName(u"listsRow")
        self.materialsTree = QTreeWidget(MaterialsStep)
        self.materialsTree.setObjectName(u"materialsTree")
        self.materialsTree.setAlternatingRowColors(True)
        self.materialsTree.setUniformRowHeights(True)
        self.materialsTree.setAllColumnsShowFocus(True)

        self.listsRow.addWidget(self.materialsTree)

        self.missingBox = QGroupBox(MaterialsStep)
        self.missingBox.setObjectName(u"missingBox")
        self.missingBox.setMinimumSize(QSize(320, 0))
        self.missingLayout = QVBoxLayout(self.missingBox)
        self.missingLayout.setObjectName(u"missingLayout")
        self.missingLabel = QLabel(self.missingBox)
        self.missingLabel.setObjectName(u"missingLabel")
        self.missingLabel.setText(u"")
        self.missingLabel.setWordWrap(True)
        self.missingLabel.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.missingLayout.addWidget(self.missingLabel)

        self.missingSpacer = QSpacerItem(10, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.missingLayout.addItem(self.missingSpacer)


        self.listsRow.addWidget(self.missingBox)


        self.outerLayout.addLayout(self.listsRow)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.buttonSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.allReceivedButton = QPushButton(MaterialsStep)
        self.allReceivedButton.setObjectName(u"allReceivedButton")

        self.buttonRow.addWidget(self.allReceivedButton)


        self.outerLayout.addLayout(self.buttonRow)


        self.retranslateUi(MaterialsStep)

        QMetaObject.connectSlotsByName(MaterialsStep)
    # setupUi

    def retranslateUi(self, MaterialsStep):
        self.hintLabel.setText(QCoreApplication.translate("MaterialsStep", u"\u6309\u7533\u8bf7\u4e8b\u9879\u5217\u51fa\u5e94\u4ea4\u6750\u6599\u3002\u6536\u5230\u7684\u6750\u6599\u6253\u52fe\uff08\u7a7a\u683c\u952e\uff09\uff1b\u672a\u4ea4\u7684\u6750\u6599\u4f1a\u5217\u5165\u4e00\u6b21\u6027\u544a\u77e5\u4e66\uff0c\u7533\u8bf7\u4eba\u8865\u9f50\u540e\u4e00\u6b21\u529e\u7ed3\u3002", None))
        ___qtreewidgetitem = self.materialsTree.headerItem()
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("MaterialsStep", u"\u8bf4\u660e", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("MaterialsStep", u"\u8981\u6c42", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("MaterialsStep", u"\u6750\u6599", None))
        self.missingBox.setTitle(QCoreApplication.translate("MaterialsStep", u"\u4e00\u6b21\u6027\u544a\u77e5\uff1a\u5c1a\u7f3a\u6750\u6599", None))
        self.allReceivedButton.setText(QCoreApplication.translate("MaterialsStep", u"\u5168\u90e8\u5df2\u6536(&A)", None))
#if QT_CONFIG(tooltip)
        self.allReceivedButton.setToolTip(QCoreApplication.translate("MaterialsStep", u"\u628a\u6240\u6709\u6750\u6599\u6807\u8bb0\u4e3a\u5df2\u6536\u5230", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

