# Generated from ui/step_commitment.ui by tools/compile_forms.py (pyside6-uic) – do not edit.
# Change the .ui in Qt Designer and compile again.
# source-sha256: 37eb6820a12e44489fe0ca51cb95fb96839a803fbc841b88975245366e479c3b
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'step_commitment.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QFormLayout,
    QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QSizePolicy, QSpacerItem, QTextBrowser, QVBoxLayout,
    QWidget)

class Ui_CommitmentStep(object):
    def setupUi(self, CommitmentStep):
        if not CommitmentStep.objectName():
            CommitmentStep.setObjectName(u"CommitmentStep")
        CommitmentStep.resize(1100, 620)
        self.outerLayout = QHBoxLayout(CommitmentStep)
        self.outerLayout.setSpacing(14)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setContentsMargins(0, 4, 0, 0)
        self.leftColumn = QVBoxLayout()
        self.leftColumn.setSpacing(12)
        self.leftColumn.setObjectName(u"leftColumn")
        self.declarationBox = QGroupBox(CommitmentStep)
        self.declarationBox.setObjectName(u"declarationBox")
        self.declarationLayout = QVBoxLayout(self.declarationBox)
        self.declarationLayout.setObjectName(u"declarationLayout")
        self.signedCheck = QCheckBox(self.declarationBox)
        self.signedCheck.setObjectName(u"signedCheck")

        self.declarationLayout.addWidget(self.signedCheck)

        self.signerForm = QFormLayout()
        self.signerForm.setObjectName(u"signerForm")
        self.signerLabel = QLabel(self.declarationBox)
        self.signerLabel.setObjectName(u"signerLabel")

        self.signerForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.signerLabel)

        self.signerEdit = QLineEdit(self.declarationBox)
        self.signerEdit.setObjectName(u"signerEdit")

        self.signerForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.signerEdit)

        self.methodLabel = QLabel(self.declarationBox)
        self.methodLabel.setObjectName(u"methodLabel")

        self.signerForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.methodLabel)

        self.methodCombo = QComboBox(self.declarationBox)
        self.methodCombo.setObjectName(u"methodCombo")

        self.signerForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.methodCombo)


        self.declarationLayout.addLayout(self.signerForm)

        self.verificationCheck = QCheckBox(self.declarationBox)
        self.verificationCheck.setObjectName(u"verificationCheck")

        self.declarationLayout.addWidget(self.verificationCheck)

        self.reportChangesCheck = QCheckBox(self.declarationBox)
        self.reportChangesCheck.setObjectName(u"reportChangesCheck")

        self.declarationLayout.addWidget(self.reportChangesCheck)

        self.consequencesCheck = QCheckBox(self.declarationBox)
        self.consequencesCheck.setObjectName(u"consequencesCheck")

        self.declarationLayout.addWidget(self.consequencesCheck)

        self.doubleCheck = QCheckBox(self.declarationBox)
        self.doubleCheck.setObjectName(u"doubleCheck")

        self.declarationLayout.addWidget(self.doubleCheck)

        self.fastTrackLabel = QLabel(self.declarationBox)
        self.fastTrackLabel.setObjectName(u"fastTrackLabel")
        self.fastTrackLabel.setText(u"")
        self.fastTrackLabel.setWordWrap(True)

        self.declarationLayout.addWidget(self.fastTrackLabel)


        self.leftColumn.addWidget(self.declarationBox)

        self.consentBox = QGroupBox(CommitmentStep)
        self.consentBox.setObjectName(u"consentBox")
        self.consentLayout = QVBoxLayout(self.consentBox)
        self.consentLayout.setObjectName(u"consentLayout")
        self.consentHint = QLabel(self.consentBox)
        self.consentHint.setObjectName(u"consentHint")
        self.consentHint.setWordWrap(True)

        self.consentLayout.addWidget(self.consentHint)

        self.consentList = QVBoxLayout()
        self.consentList.setObjectName(u"consentList")

        self.consentLayout.addLayout(self.consentList)


        self.leftColumn.addWidget(self.consentBox)

        self.leftSpacer = QSpacerItem(10, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.leftColumn.addItem(self.leftSpacer)


        self.outerLayout.addLayout(self.leftColumn)

        self.textBox = QGroupBox(CommitmentStep)
        self.textBox.setObjectName(u"textBox")
        self.textLayout = QVBoxLayout(self.textBox)
        self.textLayout.setObjectName(u"textLayout")
        self.commitmentText = QTextBrowser(self.textBox)
        self.commitmentText.setObjectName(u"commitmentText")
        self.commitmentText.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

        self.textLayout.addWidget(self.commitmentText)


        self.outerLayout.addWidget(self.textBox)

#if QT_CONFIG(shortcut)
        self.signerLabel.setBuddy(self.signerEdit)
        self.methodLabel.setBuddy(self.methodCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.signedCheck, self.signerEdit)
        QWidget.setTabOrder(self.signerEdit, self.methodCombo)
        QWidget.setTabOrder(self.methodCombo, self.verificationCheck)
        QWidget.setTabOrder(self.verificationCheck, self.reportChangesCheck)
        QWidget.setTabOrder(self.reportChangesCheck, self.consequencesCheck)
        QWidget.setTabOrder(self.consequencesCheck, self.doubleCheck)

        self.retranslateUi(CommitmentStep)

        QMetaObject.connectSlotsByName(CommitmentStep)
    # setupUi

    def retranslateUi(self, CommitmentStep):
        self.declarationBox.setTitle(QCoreApplication.translate("CommitmentStep", u"\u544a\u77e5\u627f\u8bfa\uff08\u5feb\u901f\u529e\u7406\uff09", None))
        self.signedCheck.setText(QCoreApplication.translate("CommitmentStep", u"\u7533\u8bf7\u4eba\u5df2\u9605\u8bfb\u5e76\u7b7e\u7f72\u544a\u77e5\u627f\u8bfa\u4e66\uff0c\u9002\u7528\u627f\u8bfa\u5236\u5feb\u901f\u529e\u7406(&G)", None))
        self.signerLabel.setText(QCoreApplication.translate("CommitmentStep", u"\u7b7e\u7f72\u4eba(&R)", None))
        self.methodLabel.setText(QCoreApplication.translate("CommitmentStep", u"\u7b7e\u7f72\u65b9\u5f0f", None))
        self.verificationCheck.setText(QCoreApplication.translate("CommitmentStep", u"\u6388\u6743\u6838\u5bf9\u5bb6\u5ead\u7ecf\u6d4e\u72b6\u51b5", None))
        self.reportChangesCheck.setText(QCoreApplication.translate("CommitmentStep", u"\u627f\u8bfa\u5bb6\u5ead\u60c5\u51b5\u53d8\u5316\u65f6\u53ca\u65f6\u62a5\u544a", None))
        self.consequencesCheck.setText(QCoreApplication.translate("CommitmentStep", u"\u77e5\u6653\u865a\u5047\u627f\u8bfa\u987b\u627f\u62c5\u7684\u8d23\u4efb", None))
        self.doubleCheck.setText(QCoreApplication.translate("CommitmentStep", u"\u7ecf\u529e\u673a\u6784\u540c\u65f6\u4f5c\u51fa\u670d\u52a1\u627f\u8bfa\uff08\u53cc\u627f\u8bfa\uff09", None))
        self.consentBox.setTitle(QCoreApplication.translate("CommitmentStep", u"\u8f6c\u4ecb\u540c\u610f\uff08\u6bcf\u4e2a\u90e8\u95e8\u5355\u72ec\u786e\u8ba4\uff09", None))
        self.consentHint.setText(QCoreApplication.translate("CommitmentStep", u"\u4ee5\u4e0b\u662f\u6839\u636e\u7533\u62a5\u60c5\u51b5\u5efa\u8bae\u7684\u8f6c\u4ecb\u3002\u5411\u6148\u5584\u7ec4\u7ec7\u7b49\u793e\u4f1a\u529b\u91cf\u8f6c\u4ecb\uff0c\u5fc5\u987b\u53d6\u5f97\u7533\u8bf7\u4eba\u7684\u5355\u72ec\u540c\u610f\u3002", None))
        self.textBox.setTitle(QCoreApplication.translate("CommitmentStep", u"\u627f\u8bfa\u4e66\u5185\u5bb9\uff08\u53ef\u5411\u7533\u8bf7\u4eba\u5ba3\u8bfb\uff09", None))
        pass
    # retranslateUi

