# Generated from ui/step_review.ui by tools/compile_forms.py (pyside6-uic) – do not edit.
# Change the .ui in Qt Designer and compile again.
# source-sha256: 0be5e09347e13f1346df91617d9bb1ac91f207da3cdbfc02e97891ef01c5b843
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'step_review.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QFrame,
    QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QTextBrowser, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
    QWidget)

class Ui_ReviewStep(object):
    def setupUi(self, ReviewStep):
        if not ReviewStep.objectName():
            ReviewStep.setObjectName(u"ReviewStep")
        ReviewStep.resize(1100, 620)
        self.outerLayout = QHBoxLayout(ReviewStep)
        self.outerLayout.setSpacing(14)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setContentsMargins(0, 4, 0, 0)
        self.assessmentBox = QGroupBox(ReviewStep)
        self.assessmentBox.setObjectName(u"assessmentBox")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(5)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.assessmentBox.sizePolicy().hasHeightForWidth())
        self.assessmentBox.setSizePolicy(sizePolicy)
        self.assessmentLayout = QVBoxLayout(self.assessmentBox)
        self.assessmentLayout.setSpacing(8)
        self.assessmentLayout.setObjectName(u"assessmentLayout")
        self.categoryLabel = QLabel(self.assessmentBox)
        self.categoryLabel.setObjectName(u"categoryLabel")
        self.categoryLabel.setText(u"")

        self.assessmentLayout.addWidget(self.categoryLabel)

        self.figuresForm = QFormLayout()
        self.figuresForm.setObjectName(u"figuresForm")
        self.perCapitaCaption = QLabel(self.assessmentBox)
        self.perCapitaCaption.setObjectName(u"perCapitaCaption")

        self.figuresForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.perCapitaCaption)

        self.perCapitaValue = QLabel(self.assessmentBox)
        self.perCapitaValue.setObjectName(u"perCapitaValue")
        self.perCapitaValue.setText(u"")

        self.figuresForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.perCapitaValue)

        self.standardCaption = QLabel(self.assessmentBox)
        self.standardCaption.setObjectName(u"standardCaption")

        self.figuresForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.standardCaption)

        self.standardValue = QLabel(self.assessmentBox)
        self.standardValue.setObjectName(u"standardValue")
        self.standardValue.setText(u"")

        self.figuresForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.standardValue)

        self.benefitCaption = QLabel(self.assessmentBox)
        self.benefitCaption.setObjectName(u"benefitCaption")

        self.figuresForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.benefitCaption)

        self.benefitValue = QLabel(self.assessmentBox)
        self.benefitValue.setObjectName(u"benefitValue")
        self.benefitValue.setText(u"")

        self.figuresForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.benefitValue)

        self.dueCaption = QLabel(self.assessmentBox)
        self.dueCaption.setObjectName(u"dueCaption")

        self.figuresForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.dueCaption)

        self.dueValue = QLabel(self.assessmentBox)
        self.dueValue.setObjectName(u"dueValue")
        self.dueValue.setText(u"")
        self.dueValue.setWordWrap(True)

        self.figuresForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.dueValue)


        self.assessmentLayout.addLayout(self.figuresForm)

        self.calendarWarning = QLabel(self.assessmentBox)
        self.calendarWarning.setObjectName(u"calendarWarning")
        self.calendarWarning.setText(u"")
        self.calendarWarning.setWordWrap(True)

        self.assessmentLayout.addWidget(self.calendarWarning)

        self.explanationCaption = QLabel(self.assessmentBox)
        self.explanationCaption.setObjectName(u"explanationCaption")

        self.assessmentLayout.addWidget(self.explanationCaption)

        self.explanationText = QTextBrowser(self.assessmentBox)
        self.explanationText.setObjectName(u"explanationText")
        self.explanationText.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

        self.assessmentLayout.addWidget(self.explanationText)


        self.outerLayout.addWidget(self.assessmentBox)

        self.referralsBox = QGroupBox(ReviewStep)
        self.referralsBox.setObjectName(u"referralsBox")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        sizePolicy1.setHorizontalStretch(6)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.referralsBox.sizePolicy().hasHeightForWidth())
        self.referralsBox.setSizePolicy(sizePolicy1)
        self.referralsLayout = QVBoxLayout(self.referralsBox)
        self.referralsLayout.setObjectName(u"referralsLayout")
        self.referralsTree = QTreeWidget(self.referralsBox)
        self.referralsTree.setObjectName(u"referralsTree")
        self.referralsTree.setRootIsDecorated(False)
        self.referralsTree.setAllColumnsShowFocus(True)
        self.referralsTree.setUniformRowHeights(True)

        self.referralsLayout.addWidget(self.referralsTree)

        self.referralDetail = QLabel(self.referralsBox)
        self.referralDetail.setObjectName(u"referralDetail")
        self.referralDetail.setText(u"")
        self.referralDetail.setWordWrap(True)
        self.referralDetail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.referralsLayout.addWidget(self.referralDetail)

        self.referralButtons = QHBoxLayout()
        self.referralButtons.setObjectName(u"referralButtons")
        self.removeReferralButton = QPushButton(self.referralsBox)
        self.removeReferralButton.setObjectName(u"removeReferralButton")

        self.referralButtons.addWidget(self.removeReferralButton)

        self.restoreReferralButton = QPushButton(self.referralsBox)
        self.restoreReferralButton.setObjectName(u"restoreReferralButton")

        self.referralButtons.addWidget(self.restoreReferralButton)

        self.referralSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.referralButtons.addItem(self.referralSpacer)

        self.addReferralButton = QPushButton(self.referralsBox)
        self.addReferralButton.setObjectName(u"addReferralButton")

        self.referralButtons.addWidget(self.addReferralButton)


        self.referralsLayout.addLayout(self.referralButtons)

        self.reasonFrame = QFrame(self.referralsBox)
        self.reasonFrame.setObjectName(u"reasonFrame")
        self.reasonForm = QFormLayout(self.reasonFrame)
        self.reasonForm.setObjectName(u"reasonForm")
        self.departmentLabel = QLabel(self.reasonFrame)
        self.departmentLabel.setObjectName(u"departmentLabel")

        self.reasonForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.departmentLabel)

        self.departmentCombo = QComboBox(self.reasonFrame)
        self.departmentCombo.setObjectName(u"departmentCombo")

        self.reasonForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.departmentCombo)

        self.reasonLabel = QLabel(self.reasonFrame)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.reasonForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.reasonLabel)

        self.reasonEdit = QLineEdit(self.reasonFrame)
        self.reasonEdit.setObjectName(u"reasonEdit")

        self.reasonForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.reasonEdit)

        self.reasonButtons = QHBoxLayout()
        self.reasonButtons.setObjectName(u"reasonButtons")
        self.reasonOkButton = QPushButton(self.reasonFrame)
        self.reasonOkButton.setObjectName(u"reasonOkButton")

        self.reasonButtons.addWidget(self.reasonOkButton)

        self.reasonCancelButton = QPushButton(self.reasonFrame)
        self.reasonCancelButton.setObjectName(u"reasonCancelButton")

        self.reasonButtons.addWidget(self.reasonCancelButton)

        self.reasonSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.reasonButtons.addItem(self.reasonSpacer)


        self.reasonForm.setLayout(2, QFormLayout.ItemRole.FieldRole, self.reasonButtons)


        self.referralsLayout.addWidget(self.reasonFrame)

        self.referralProblem = QLabel(self.referralsBox)
        self.referralProblem.setObjectName(u"referralProblem")
        self.referralProblem.setText(u"")
        self.referralProblem.setWordWrap(True)

        self.referralsLayout.addWidget(self.referralProblem)


        self.outerLayout.addWidget(self.referralsBox)

#if QT_CONFIG(shortcut)
        self.departmentLabel.setBuddy(self.departmentCombo)
        self.reasonLabel.setBuddy(self.reasonEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ReviewStep)

        QMetaObject.connectSlotsByName(ReviewStep)
    # setupUi

    def retranslateUi(self, ReviewStep):
        self.assessmentBox.setTitle(QCoreApplication.translate("ReviewStep", u"\u9884\u8bc4\u4f30", None))
        self.perCapitaCaption.setText(QCoreApplication.translate("ReviewStep", u"\u5bb6\u5ead\u4eba\u5747\u6708\u6536\u5165", None))
        self.standardCaption.setText(QCoreApplication.translate("ReviewStep", u"\u5f53\u5730\u4f4e\u4fdd\u6807\u51c6", None))
        self.benefitCaption.setText(QCoreApplication.translate("ReviewStep", u"\u9884\u8ba1\u6551\u52a9\u91d1\u989d", None))
        self.dueCaption.setText(QCoreApplication.translate("ReviewStep", u"\u627f\u8bfa\u529e\u7ed3\u65e5\u671f", None))
        self.explanationCaption.setText(QCoreApplication.translate("ReviewStep", u"\u8bc4\u4f30\u8bf4\u660e\uff08\u53ef\u5411\u7533\u8bf7\u4eba\u89e3\u91ca\uff09", None))
        self.referralsBox.setTitle(QCoreApplication.translate("ReviewStep", u"\u5efa\u8bae\u8f6c\u4ecb", None))
        ___qtreewidgetitem = self.referralsTree.headerItem()
        ___qtreewidgetitem.setText(4, QCoreApplication.translate("ReviewStep", u"\u8f6c\u4ecb\u7406\u7531", None))
        ___qtreewidgetitem.setText(3, QCoreApplication.translate("ReviewStep", u"\u671f\u9650", None))
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("ReviewStep", u"\u540c\u610f", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("ReviewStep", u"\u5904\u7406", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("ReviewStep", u"\u90e8\u95e8", None))
        self.removeReferralButton.setText(QCoreApplication.translate("ReviewStep", u"\u4e0d\u8f6c\u4ecb\u2026", None))
#if QT_CONFIG(tooltip)
        self.removeReferralButton.setToolTip(QCoreApplication.translate("ReviewStep", u"\u4e0d\u91c7\u7eb3\u9009\u4e2d\u7684\u5efa\u8bae\uff0c\u987b\u8bf4\u660e\u7406\u7531\uff08Delete\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.restoreReferralButton.setText(QCoreApplication.translate("ReviewStep", u"\u91c7\u7eb3", None))
#if QT_CONFIG(tooltip)
        self.restoreReferralButton.setToolTip(QCoreApplication.translate("ReviewStep", u"\u91cd\u65b0\u91c7\u7eb3\u9009\u4e2d\u7684\u5efa\u8bae", None))
#endif // QT_CONFIG(tooltip)
        self.addReferralButton.setText(QCoreApplication.translate("ReviewStep", u"\u6dfb\u52a0\u8f6c\u4ecb\u2026", None))
#if QT_CONFIG(tooltip)
        self.addReferralButton.setToolTip(QCoreApplication.translate("ReviewStep", u"\u53e6\u884c\u8f6c\u4ecb\u5230\u4e00\u4e2a\u90e8\u95e8\uff0c\u987b\u8bf4\u660e\u7406\u7531\uff08Insert\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.departmentLabel.setText(QCoreApplication.translate("ReviewStep", u"\u90e8\u95e8(&B)", None))
        self.reasonLabel.setText(QCoreApplication.translate("ReviewStep", u"\u7406\u7531(&J)", None))
        self.reasonOkButton.setText(QCoreApplication.translate("ReviewStep", u"\u786e\u5b9a", None))
        self.reasonCancelButton.setText(QCoreApplication.translate("ReviewStep", u"\u53d6\u6d88", None))
        pass
    # retranslateUi

