# Generated from ui/login_dialog.ui by tools/compile_forms.py (pyside6-uic) – do not edit.
# Change the .ui in Qt Designer and compile again.
# source-sha256: 7d686d2c5bb9cc0173be7e7ceb4fdadc9be5043f11a96c9d1f1d7f443ed0ec58
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'login_dialog.ui'
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
    QFormLayout, QGroupBox, QHeaderView, QLabel,
    QLayout, QLineEdit, QSizePolicy, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget)

class Ui_LoginDialog(object):
    def setupUi(self, LoginDialog):
        if not LoginDialog.objectName():
            LoginDialog.setObjectName(u"LoginDialog")
        LoginDialog.resize(560, 260)
        self.outerLayout = QVBoxLayout(LoginDialog)
        self.outerLayout.setSpacing(14)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        self.outerLayout.setContentsMargins(36, 28, 36, 24)
        self.titleLabel = QLabel(LoginDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.outerLayout.addWidget(self.titleLabel)

        self.hallLabel = QLabel(LoginDialog)
        self.hallLabel.setObjectName(u"hallLabel")
        self.hallLabel.setText(u"")
        self.hallLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hallLabel.setWordWrap(True)

        self.outerLayout.addWidget(self.hallLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setHorizontalSpacing(12)
        self.formLayout.setVerticalSpacing(10)
        self.usernameLabel = QLabel(LoginDialog)
        self.usernameLabel.setObjectName(u"usernameLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.usernameLabel)

        self.usernameEdit = QLineEdit(LoginDialog)
        self.usernameEdit.setObjectName(u"usernameEdit")
        self.usernameEdit.setMinimumSize(QSize(340, 0))
        self.usernameEdit.setMaxLength(64)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.usernameEdit)

        self.passwordLabel = QLabel(LoginDialog)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.passwordEdit = QLineEdit(LoginDialog)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.passwordEdit)


        self.outerLayout.addLayout(self.formLayout)

        self.errorLabel = QLabel(LoginDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setText(u"")
        self.errorLabel.setWordWrap(True)

        self.outerLayout.addWidget(self.errorLabel)

        self.demoBox = QGroupBox(LoginDialog)
        self.demoBox.setObjectName(u"demoBox")
        self.demoLayout = QVBoxLayout(self.demoBox)
        self.demoLayout.setObjectName(u"demoLayout")
        self.demoList = QTreeWidget(self.demoBox)
        self.demoList.setObjectName(u"demoList")
        self.demoList.setMinimumSize(QSize(0, 230))
        self.demoList.setRootIsDecorated(False)
        self.demoList.setUniformRowHeights(True)
        self.demoList.setAllColumnsShowFocus(True)

        self.demoLayout.addWidget(self.demoList)


        self.outerLayout.addWidget(self.demoBox)

        self.databaseLabel = QLabel(LoginDialog)
        self.databaseLabel.setObjectName(u"databaseLabel")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.databaseLabel.sizePolicy().hasHeightForWidth())
        self.databaseLabel.setSizePolicy(sizePolicy)
        self.databaseLabel.setText(u"")

        self.outerLayout.addWidget(self.databaseLabel)

        self.buttonBox = QDialogButtonBox(LoginDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.outerLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.usernameLabel.setBuddy(self.usernameEdit)
        self.passwordLabel.setBuddy(self.passwordEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.usernameEdit, self.passwordEdit)
        QWidget.setTabOrder(self.passwordEdit, self.demoList)

        self.retranslateUi(LoginDialog)

        QMetaObject.connectSlotsByName(LoginDialog)
    # setupUi

    def retranslateUi(self, LoginDialog):
        LoginDialog.setWindowTitle(QCoreApplication.translate("LoginDialog", u"\u767b\u5f55 \u2013 \u793e\u4f1a\u6551\u52a9\u7a97\u53e3\u53d7\u7406\u53f0", None))
        self.titleLabel.setText(QCoreApplication.translate("LoginDialog", u"\u793e\u4f1a\u6551\u52a9\u7a97\u53e3\u53d7\u7406\u53f0", None))
        self.usernameLabel.setText(QCoreApplication.translate("LoginDialog", u"\u7528\u6237\u540d(&U)", None))
        self.passwordLabel.setText(QCoreApplication.translate("LoginDialog", u"\u5bc6\u7801(&P)", None))
        self.demoBox.setTitle(QCoreApplication.translate("LoginDialog", u"\u6f14\u793a\u8d26\u6237\uff08\u53cc\u51fb\u6216\u56de\u8f66\u5373\u53ef\u767b\u5f55\uff09", None))
        ___qtreewidgetitem = self.demoList.headerItem()
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("LoginDialog", u"\u5bc6\u7801", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("LoginDialog", u"\u7528\u6237\u540d", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("LoginDialog", u"\u89d2\u8272", None))
    # retranslateUi

