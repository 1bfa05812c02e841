# Generated from ui/step_applicant.ui by tools/compile_forms.py (pyside6-uic) – do not edit.
# Change the .ui in Qt Designer and compile again.
# source-sha256: 4e3fa4fc2fc43f6f7c43874406ce30f38db7f577d9509fea51e51726eaab5b12
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'step_applicant.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout, QWidget)

class Ui_ApplicantStep(object):
    def setupUi(self, ApplicantStep):
        if not ApplicantStep.objectName():
            ApplicantStep.setObjectName(u"ApplicantStep")
        ApplicantStep.resize(1100, 620)
        self.outerLayout = QVBoxLayout(ApplicantStep)
        self.outerLayout.setSpacing(12)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setContentsMargins(0, 4, 0, 0)
        self.searchBox = QGroupBox(ApplicantStep)
        self.searchBox.setObjectName(u"searchBox")
        self.searchLayout = QVBoxLayout(self.searchBox)
        self.searchLayout.setObjectName(u"searchLayout")
        self.searchRow = QHBoxLayout()
        self.searchRow.setObjectName(u"searchRow")
        self.searchLabel = QLabel(self.searchBox)
        self.searchLabel.setObjectName(u"searchLabel")

        self.searchRow.addWidget(self.searchLabel)

        self.searchEdit = QLineEdit(self.searchBox)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.searchRow.addWidget(self.searchEdit)

        self.searchButton = QPushButton(self.searchBox)
        self.searchButton.setObjectName(u"searchButton")
        self.searchButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.searchRow.addWidget(self.searchButton)


        self.searchLayout.addLayout(self.searchRow)

        self.searchProblem = QLabel(self.searchBox)
        self.searchProblem.setObjectName(u"searchProblem")
        self.searchProblem.setText(u"")
        self.searchProblem.setWordWrap(True)

        self.searchLayout.addWidget(self.searchProblem)

        self.resultsList = QTreeWidget(self.searchBox)
        self.resultsList.setObjectName(u"resultsList")
        self.resultsList.setRootIsDecorated(False)
        self.resultsList.setUniformRowHeights(True)
        self.resultsList.setAllColumnsShowFocus(True)
        self.resultsList.setMaximumSize(QSize(16777215, 180))

        self.searchLayout.addWidget(self.resultsList)


        self.outerLayout.addWidget(self.searchBox)

        self.detailRow = QHBoxLayout()
        self.detailRow.setSpacing(14)
        self.detailRow.setObjectName(u"detailRow")
        self.applicantBox = QGroupBox(ApplicantStep)
        self.applicantBox.setObjectName(u"applicantBox")
        self.applicantLayout = QFormLayout(self.applicantBox)
        self.applicantLayout.setObjectName(u"applicantLayout")
        self.applicantLayout.setHorizontalSpacing(12)
        self.applicantLayout.setVerticalSpacing(10)
        self.idLabel = QLabel(self.applicantBox)
        self.idLabel.setObjectName(u"idLabel")

        self.applicantLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.idLabel)

        self.idEdit = QLineEdit(self.applicantBox)
        self.idEdit.setObjectName(u"idEdit")
        self.idEdit.setMaxLength(24)

        self.applicantLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.idEdit)

        self.idDerived = QLabel(self.applicantBox)
        self.idDerived.setObjectName(u"idDerived")
        self.idDerived.setText(u"")
        self.idDerived.setWordWrap(True)

        self.applicantLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.idDerived)

        self.nameLabel = QLabel(self.applicantBox)
        self.nameLabel.setObjectName(u"nameLabel")

        self.applicantLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(self.applicantBox)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(60)

        self.applicantLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.phoneLabel = QLabel(self.applicantBox)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.applicantLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phoneEdit = QLineEdit(self.applicantBox)
        self.phoneEdit.setObjectName(u"phoneEdit")
        self.phoneEdit.setMaxLength(40)

        self.applicantLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.phoneEdit)

        self.addressLabel = QLabel(self.applicantBox)
        self.addressLabel.setObjectName(u"addressLabel")

        self.applicantLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.addressLabel)

        self.addressEdit = QLineEdit(self.applicantBox)
        self.addressEdit.setObjectName(u"addressEdit")
        self.addressEdit.setMaxLength(200)

        self.applicantLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.addressEdit)

        self.hukouLabel = QLabel(self.applicantBox)
        self.hukouLabel.setObjectName(u"hukouLabel")

        self.applicantLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.hukouLabel)

        self.hukouCombo = QComboBox(self.applicantBox)
        self.hukouCombo.setObjectName(u"hukouCombo")

        self.applicantLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.hukouCombo)

        self.housingLabel = QLabel(self.applicantBox)
        self.housingLabel.setObjectName(u"housingLabel")

        self.applicantLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.housingLabel)

        self.housingCombo = QComboBox(self.applicantBox)
        self.housingCombo.setObjectName(u"housingCombo")

        self.applicantLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.housingCombo)

        self.channelLabel = QLabel(self.applicantBox)
        self.channelLabel.setObjectName(u"channelLabel")

        self.applicantLayout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.channelLabel)

        self.channelCombo = QComboBox(self.applicantBox)
        self.channelCombo.setObjectName(u"channelCombo")

        self.applicantLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.channelCombo)


        self.detailRow.addWidget(self.applicantBox)

        self.historyBox = QGroupBox(ApplicantStep)
        self.historyBox.setObjectName(u"historyBox")
        self.historyLayout = QVBoxLayout(self.historyBox)
        self.historyLayout.setObjectName(u"historyLayout")
        self.historyHint = QLabel(self.historyBox)
        self.historyHint.setObjectName(u"historyHint")
        self.historyHint.setWordWrap(True)

        self.historyLayout.addWidget(self.historyHint)

        self.historyList = QTreeWidget(self.historyBox)
        self.historyList.setObjectName(u"historyList")
        self.historyList.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.historyList.setRootIsDecorated(False)
        self.historyList.setUniformRowHeights(True)

        self.historyLayout.addWidget(self.historyList)


        self.detailRow.addWidget(self.historyBox)

        self.detailRow.setStretch(0, 2)
        self.detailRow.setStretch(1, 3)

        self.outerLayout.addLayout(self.detailRow)

#if QT_CONFIG(shortcut)
        self.searchLabel.setBuddy(self.searchEdit)
        self.idLabel.setBuddy(self.idEdit)
        self.nameLabel.setBuddy(self.nameEdit)
        self.phoneLabel.setBuddy(self.phoneEdit)
        self.addressLabel.setBuddy(self.addressEdit)
        self.hukouLabel.setBuddy(self.hukouCombo)
        self.housingLabel.setBuddy(self.housingCombo)
        self.channelLabel.setBuddy(self.channelCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.searchEdit, self.resultsList)
        QWidget.setTabOrder(self.resultsList, self.idEdit)
        QWidget.setTabOrder(self.idEdit, self.nameEdit)
        QWidget.setTabOrder(self.nameEdit, self.phoneEdit)
        QWidget.setTabOrder(self.phoneEdit, self.addressEdit)
        QWidget.setTabOrder(self.addressEdit, self.hukouCombo)
        QWidget.setTabOrder(self.hukouCombo, self.housingCombo)
        QWidget.setTabOrder(self.housingCombo, self.channelCombo)

        self.retranslateUi(ApplicantStep)

        QMetaObject.connectSlotsByName(ApplicantStep)
    # setupUi

    def retranslateUi(self, ApplicantStep):
        self.searchBox.setTitle(QCoreApplication.translate("ApplicantStep", u"\u67e5\u627e\u7533\u8bf7\u4eba", None))
        self.searchLabel.setText(QCoreApplication.translate("ApplicantStep", u"\u8eab\u4efd\u8bc1\u53f7 / \u59d3\u540d / \u62fc\u97f3\u9996\u5b57\u6bcd(&S)", None))
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("ApplicantStep", u"\u5237\u8eab\u4efd\u8bc1\u6216\u8f93\u5165\u53f7\u7801\u540e\u6309\u56de\u8f66\uff1b\u4e5f\u53ef\u8f93\u5165\u59d3\u540d\u6216\u62fc\u97f3\u9996\u5b57\u6bcd\uff08\u5982 zs \u67e5\u627e\u5f20\u4e09\uff09", None))
        self.searchButton.setText(QCoreApplication.translate("ApplicantStep", u"\u67e5\u627e", None))
#if QT_CONFIG(tooltip)
        self.searchButton.setToolTip(QCoreApplication.translate("ApplicantStep", u"\u67e5\u627e\uff08\u56de\u8f66\uff09", None))
#endif // QT_CONFIG(tooltip)
        ___qtreewidgetitem = self.resultsList.headerItem()
        ___qtreewidgetitem.setText(3, QCoreApplication.translate("ApplicantStep", u"\u51fa\u751f\u65e5\u671f", None))
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("ApplicantStep", u"\u6027\u522b", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("ApplicantStep", u"\u8eab\u4efd\u8bc1\u53f7", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("ApplicantStep", u"\u59d3\u540d", None))
        self.applicantBox.setTitle(QCoreApplication.translate("ApplicantStep", u"\u7533\u8bf7\u4eba\u4e0e\u5bb6\u5ead", None))
        self.idLabel.setText(QCoreApplication.translate("ApplicantStep", u"\u8eab\u4efd\u8bc1\u53f7(&I)", None))
        self.nameLabel.setText(QCoreApplication.translate("ApplicantStep", u"\u59d3\u540d(&M)", None))
        self.phoneLabel.setText(QCoreApplication.translate("ApplicantStep", u"\u8054\u7cfb\u7535\u8bdd(&T)", None))
        self.addressLabel.setText(QCoreApplication.translate("ApplicantStep", u"\u5bb6\u5ead\u4f4f\u5740(&D)", None))
        self.hukouLabel.setText(QCoreApplication.translate("ApplicantStep", u"\u6237\u7c4d\u7c7b\u578b(&K)", None))
        self.housingLabel.setText(QCoreApplication.translate("ApplicantStep", u"\u4f4f\u623f\u72b6\u51b5(&H)", None))
        self.channelLabel.setText(QCoreApplication.translate("ApplicantStep", u"\u53d7\u7406\u6e20\u9053(&Q)", None))
        self.historyBox.setTitle(QCoreApplication.translate("ApplicantStep", u"\u65e2\u5f80\u7533\u8bf7", None))
        self.historyHint.setText(QCoreApplication.translate("ApplicantStep", u"\u8f93\u5165\u8eab\u4efd\u8bc1\u53f7\u540e\u663e\u793a\u672c\u4eba\u53ca\u5bb6\u5ead\u7684\u65e2\u5f80\u7533\u8bf7\u3002", None))
        ___qtreewidgetitem1 = self.historyList.headerItem()
        ___qtreewidgetitem1.setText(4, QCoreApplication.translate("ApplicantStep", u"\u7533\u8bf7\u4e8b\u9879", None))
        ___qtreewidgetitem1.setText(3, QCoreApplication.translate("ApplicantStep", u"\u8bc4\u4f30\u7c7b\u522b", None))
        ___qtreewidgetitem1.setText(2, QCoreApplication.translate("ApplicantStep", u"\u72b6\u6001", None))
        ___qtreewidgetitem1.setText(1, QCoreApplication.translate("ApplicantStep", u"\u53d7\u7406\u65e5\u671f", None))
        ___qtreewidgetitem1.setText(0, QCoreApplication.translate("ApplicantStep", u"\u53d7\u7406\u7f16\u53f7", None))
        pass
    # retranslateUi

