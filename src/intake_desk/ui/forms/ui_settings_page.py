# Generated from ui/settings_page.ui by tools/compile_forms.py (pyside6-uic) – do not edit.
# Change the .ui in Qt Designer and compile again.
# source-sha256: ad2a07aa793ab28c1a3c58339d8a31bed49e651a583d26b3d5e8c1c9e2916a53
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_page.ui'
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
    QLabel, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_SettingsPage(object):
    def setupUi(self, SettingsPage):
        if not SettingsPage.objectName():
            SettingsPage.setObjectName(u"SettingsPage")
        SettingsPage.resize(900, 640)
        self.outerLayout = QVBoxLayout(SettingsPage)
        self.outerLayout.setSpacing(16)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setContentsMargins(32, 24, 32, 24)
        self.titleLabel = QLabel(SettingsPage)
        self.titleLabel.setObjectName(u"titleLabel")

        self.outerLayout.addWidget(self.titleLabel)

        self.languageBox = QGroupBox(SettingsPage)
        self.languageBox.setObjectName(u"languageBox")
        self.languageLayout = QFormLayout(self.languageBox)
        self.languageLayout.setObjectName(u"languageLayout")
        self.languageLabel = QLabel(self.languageBox)
        self.languageLabel.setObjectName(u"languageLabel")

        self.languageLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.languageLabel)

        self.languageCombo = QComboBox(self.languageBox)
        self.languageCombo.setObjectName(u"languageCombo")

        self.languageLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.languageCombo)

        self.languageHint = QLabel(self.languageBox)
        self.languageHint.setObjectName(u"languageHint")
        self.languageHint.setWordWrap(True)

        self.languageLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.languageHint)


        self.outerLayout.addWidget(self.languageBox)

        self.accountBox = QGroupBox(SettingsPage)
        self.accountBox.setObjectName(u"accountBox")
        self.accountLayout = QFormLayout(self.accountBox)
        self.accountLayout.setObjectName(u"accountLayout")
        self.userCaption = QLabel(self.accountBox)
        self.userCaption.setObjectName(u"userCaption")

        self.accountLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.userCaption)

        self.userValue = QLabel(self.accountBox)
        self.userValue.setObjectName(u"userValue")
        self.userValue.setText(u"")

        self.accountLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.userValue)

        self.hallCaption = QLabel(self.accountBox)
        self.hallCaption.setObjectName(u"hallCaption")

        self.accountLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.hallCaption)

        self.hallValue = QLabel(self.accountBox)
        self.hallValue.setObjectName(u"hallValue")
        self.hallValue.setText(u"")

        self.accountLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.hallValue)

        self.databaseCaption = QLabel(self.accountBox)
        self.databaseCaption.setObjectName(u"databaseCaption")

        self.accountLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.databaseCaption)

        self.databaseValue = QLabel(self.accountBox)
        self.databaseValue.setObjectName(u"databaseValue")
        self.databaseValue.setText(u"")
        self.databaseValue.setWordWrap(True)
        self.databaseValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.accountLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.databaseValue)

        self.logCaption = QLabel(self.accountBox)
        self.logCaption.setObjectName(u"logCaption")

        self.accountLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.logCaption)

        self.logValue = QLabel(self.accountBox)
        self.logValue.setObjectName(u"logValue")
        self.logValue.setText(u"")
        self.logValue.setWordWrap(True)
        self.logValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.accountLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.logValue)

        self.versionCaption = QLabel(self.accountBox)
        self.versionCaption.setObjectName(u"versionCaption")

        self.accountLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.versionCaption)

        self.versionValue = QLabel(self.accountBox)
        self.versionValue.setObjectName(u"versionValue")
        self.versionValue.setText(u"")

        self.accountLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.versionValue)


        self.outerLayout.addWidget(self.accountBox)

        self.verticalSpacer = QSpacerItem(10, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outerLayout.addItem(self.verticalSpacer)

#if QT_CONFIG(shortcut)
        self.languageLabel.setBuddy(self.languageCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SettingsPage)

        QMetaObject.connectSlotsByName(SettingsPage)
    # setupUi

    def retranslateUi(self, SettingsPage):
        self.titleLabel.setText(QCoreApplication.translate("SettingsPage", u"\u8bbe\u7f6e", None))
        self.languageBox.setTitle(QCoreApplication.translate("SettingsPage", u"\u754c\u9762\u8bed\u8a00", None))
        self.languageLabel.setText(QCoreApplication.translate("SettingsPage", u"\u8bed\u8a00(&L)", None))
        self.languageHint.setText(QCoreApplication.translate("SettingsPage", u"\u66f4\u6539\u540e\u5728\u4e0b\u6b21\u542f\u52a8\u65f6\u751f\u6548\u3002\u6253\u5370\u7684\u6587\u4e66\u59cb\u7ec8\u4e3a\u4e2d\u6587\u3002", None))
        self.accountBox.setTitle(QCoreApplication.translate("SettingsPage", u"\u5f53\u524d\u8d26\u6237\u4e0e\u6570\u636e\u5e93", None))
        self.userCaption.setText(QCoreApplication.translate("SettingsPage", u"\u7528\u6237", None))
        self.hallCaption.setText(QCoreApplication.translate("SettingsPage", u"\u670d\u52a1\u5927\u5385", None))
        self.databaseCaption.setText(QCoreApplication.translate("SettingsPage", u"\u6570\u636e\u5e93", None))
        self.logCaption.setText(QCoreApplication.translate("SettingsPage", u"\u65e5\u5fd7\u6587\u4ef6\u5939", None))
        self.versionCaption.setText(QCoreApplication.translate("SettingsPage", u"\u7a0b\u5e8f\u7248\u672c", None))
        pass
    # retranslateUi

