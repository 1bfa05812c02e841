# Generated from ui/setup_dialog.ui by tools/compile_forms.py (pyside6-uic) – do not edit.
# Change the .ui in Qt Designer and compile again.
# source-sha256: a3cffb664bc28790cbb8a8ca744aa6156900b9573ff55f535f53f702a624f3ef
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'setup_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QGroupBox, QLabel, QLayout,
    QLineEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_SetupDialog(object):
    def setupUi(self, SetupDialog):
        if not SetupDialog.objectName():
            SetupDialog.setObjectName(u"SetupDialog")
        SetupDialog.resize(620, 560)
        self.outerLayout = QVBoxLayout(SetupDialog)
        self.outerLayout.setSpacing(14)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        self.outerLayout.setContentsMargins(32, 24, 32, 20)
        self.titleLabel = QLabel(SetupDialog)
        self.titleLabel.setObjectName(u"titleLabel")

        self.outerLayout.addWidget(self.titleLabel)

        self.introLabel = QLabel(SetupDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.outerLayout.addWidget(self.introLabel)

        self.hallBox = QGroupBox(SetupDialog)
        self.hallBox.setObjectName(u"hallBox")
        self.hallLayout = QFormLayout(self.hallBox)
        self.hallLayout.setObjectName(u"hallLayout")
        self.hallCodeLabel = QLabel(self.hallBox)
        self.hallCodeLabel.setObjectName(u"hallCodeLabel")

        self.hallLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.hallCodeLabel)

        self.hallCodeEdit = QLineEdit(self.hallBox)
        self.hallCodeEdit.setObjectName(u"hallCodeEdit")
        self.hallCodeEdit.setMinimumSize(QSize(380, 0))
        self.hallCodeEdit.setMaxLength(16)

        self.hallLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.hallCodeEdit)

        self.hallNameLabel = QLabel(self.hallBox)
        self.hallNameLabel.setObjectName(u"hallNameLabel")

        self.hallLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.hallNameLabel)

        self.hallNameEdit = QLineEdit(self.hallBox)
        self.hallNameEdit.setObjectName(u"hallNameEdit")
        self.hallNameEdit.setMaxLength(120)

        self.hallLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.hallNameEdit)

        self.hallPhoneLabel = QLabel(self.hallBox)
        self.hallPhoneLabel.setObjectName(u"hallPhoneLabel")

        self.hallLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.hallPhoneLabel)

        self.hallPhoneEdit = QLineEdit(self.hallBox)
        self.hallPhoneEdit.setObjectName(u"hallPhoneEdit")
        self.hallPhoneEdit.setMaxLength(40)

        self.hallLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.hallPhoneEdit)

        self.complaintLabel = QLabel(self.hallBox)
        self.complaintLabel.setObjectName(u"complaintLabel")

        self.hallLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.complaintLabel)

        self.complaintEdit = QLineEdit(self.hallBox)
        self.complaintEdit.setObjectName(u"complaintEdit")
        self.complaintEdit.setMaxLength(200)

        self.hallLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.complaintEdit)


        self.outerLayout.addWidget(self.hallBox)

        self.adminBox = QGroupBox(SetupDialog)
        self.adminBox.setObjectName(u"adminBox")
        self.adminLayout = QFormLayout(self.adminBox)
        self.adminLayout.setObjectName(u"adminLayout")
        self.usernameLabel = QLabel(self.adminBox)
        self.usernameLabel.setObjectName(u"usernameLabel")

        self.adminLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.usernameLabel)

        self.usernameEdit = QLineEdit(self.adminBox)
        self.usernameEdit.setObjectName(u"usernameEdit")
        self.usernameEdit.setMaxLength(64)

        self.adminLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.usernameEdit)

        self.displayNameLabel = QLabel(self.adminBox)
        self.displayNameLabel.setObjectName(u"displayNameLabel")

        self.adminLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.displayNameLabel)

        self.displayNameEdit = QLineEdit(self.adminBox)
        self.displayNameEdit.setObjectName(u"displayNameEdit")
        self.displayNameEdit.setMaxLength(80)

        self.adminLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.displayNameEdit)

        self.passwordLabel = QLabel(self.adminBox)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.adminLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.passwordEdit = QLineEdit(self.adminBox)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.adminLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.passwordEdit)

        self.repeatLabel = QLabel(self.adminBox)
        self.repeatLabel.setObjectName(u"repeatLabel")

        self.adminLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.repeatLabel)

        self.repeatEdit = QLineEdit(self.adminBox)
        self.repeatEdit.setObjectName(u"repeatEdit")
        self.repeatEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.adminLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.repeatEdit)


        self.outerLayout.addWidget(self.adminBox)

        self.errorLabel = QLabel(SetupDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setText(u"")
        self.errorLabel.setWordWrap(True)

        self.outerLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(SetupDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.outerLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.hallCodeLabel.setBuddy(self.hallCodeEdit)
        self.hallNameLabel.setBuddy(self.hallNameEdit)
        self.hallPhoneLabel.setBuddy(self.hallPhoneEdit)
        self.complaintLabel.setBuddy(self.complaintEdit)
        self.usernameLabel.setBuddy(self.usernameEdit)
        self.displayNameLabel.setBuddy(self.displayNameEdit)
        self.passwordLabel.setBuddy(self.passwordEdit)
        self.repeatLabel.setBuddy(self.repeatEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.hallCodeEdit, self.hallNameEdit)
        QWidget.setTabOrder(self.hallNameEdit, self.hallPhoneEdit)
        QWidget.setTabOrder(self.hallPhoneEdit, self.complaintEdit)
        QWidget.setTabOrder(self.complaintEdit, self.usernameEdit)
        QWidget.setTabOrder(self.usernameEdit, self.displayNameEdit)
        QWidget.setTabOrder(self.displayNameEdit, self.passwordEdit)
        QWidget.setTabOrder(self.passwordEdit, self.repeatEdit)

        self.retranslateUi(SetupDialog)

        QMetaObject.connectSlotsByName(SetupDialog)
    # setupUi

    def retranslateUi(self, SetupDialog):
        SetupDialog.setWindowTitle(QCoreApplication.translate("SetupDialog", u"\u521d\u59cb\u8bbe\u7f6e \u2013 \u793e\u4f1a\u6551\u52a9\u7a97\u53e3\u53d7\u7406\u53f0", None))
        self.titleLabel.setText(QCoreApplication.translate("SetupDialog", u"\u9996\u6b21\u542f\u52a8\uff1a\u8bbe\u7f6e\u670d\u52a1\u5927\u5385\u548c\u7ba1\u7406\u5458", None))
        self.introLabel.setText(QCoreApplication.translate("SetupDialog", u"\u6570\u636e\u5e93\u4e2d\u8fd8\u6ca1\u6709\u670d\u52a1\u5927\u5385\u548c\u7ba1\u7406\u5458\u8d26\u6237\u3002\u8bf7\u586b\u5199\u672c\u5927\u5385\u7684\u4fe1\u606f\uff0c\u5e76\u521b\u5efa\u7b2c\u4e00\u4e2a\u7ba1\u7406\u5458\u8d26\u6237\uff1b\u5176\u4ed6\u5de5\u4f5c\u4eba\u5458\u7684\u8d26\u6237\u7531\u7ba1\u7406\u5458\u5728\u201c\u8bbe\u7f6e\u201d\u4e2d\u6dfb\u52a0\u3002", None))
        self.hallBox.setTitle(QCoreApplication.translate("SetupDialog", u"\u670d\u52a1\u5927\u5385", None))
        self.hallCodeLabel.setText(QCoreApplication.translate("SetupDialog", u"\u5927\u5385\u4ee3\u7801(&C)", None))
        self.hallCodeEdit.setPlaceholderText(QCoreApplication.translate("SetupDialog", u"\u5982 HT01\uff08\u7528\u4e8e\u53d7\u7406\u7f16\u53f7\uff09", None))
        self.hallNameLabel.setText(QCoreApplication.translate("SetupDialog", u"\u5927\u5385\u540d\u79f0(&N)", None))
        self.hallNameEdit.setPlaceholderText(QCoreApplication.translate("SetupDialog", u"\u5982 \u8377\u5858\u533a\u6708\u5858\u8857\u9053\u4fbf\u6c11\u670d\u52a1\u4e2d\u5fc3", None))
        self.hallPhoneLabel.setText(QCoreApplication.translate("SetupDialog", u"\u8054\u7cfb\u7535\u8bdd(&T)", None))
        self.complaintLabel.setText(QCoreApplication.translate("SetupDialog", u"\u6295\u8bc9\u6e20\u9053(&O)", None))
        self.complaintEdit.setPlaceholderText(QCoreApplication.translate("SetupDialog", u"\u5370\u5728\u56de\u6267\u4e0a\uff0c\u5982 12345 \u653f\u52a1\u670d\u52a1\u70ed\u7ebf", None))
        self.adminBox.setTitle(QCoreApplication.translate("SetupDialog", u"\u7b2c\u4e00\u4e2a\u7ba1\u7406\u5458\u8d26\u6237", None))
        self.usernameLabel.setText(QCoreApplication.translate("SetupDialog", u"\u7528\u6237\u540d(&U)", None))
        self.displayNameLabel.setText(QCoreApplication.translate("SetupDialog", u"\u59d3\u540d(&M)", None))
        self.passwordLabel.setText(QCoreApplication.translate("SetupDialog", u"\u5bc6\u7801(&P)", None))
        self.passwordEdit.setPlaceholderText(QCoreApplication.translate("SetupDialog", u"\u81f3\u5c11 8 \u4f4d", None))
        self.repeatLabel.setText(QCoreApplication.translate("SetupDialog", u"\u518d\u6b21\u8f93\u5165\u5bc6\u7801(&R)", None))
    # retranslateUi

