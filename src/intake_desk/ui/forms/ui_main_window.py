# Generated from ui/main_window.ui by tools/compile_forms.py (pyside6-uic) – do not edit.
# Change the .ui in Qt Designer and compile again.
# source-sha256: 2db2e9771b027cc7eea3f4cd7cc9cc16098807e79bbd2e04625ff6958b61eb89
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'main_window.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QAction, QBrush, QColor, QConicalGradient,
    QCursor, QFont, QFontDatabase, QGradient,
    QIcon, QImage, QKeySequence, QLinearGradient,
    QPainter, QPalette, QPixmap, QRadialGradient,
    QTransform)
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QListWidget, QListWidgetItem,
    QMainWindow, QMenu, QMenuBar, QSizePolicy,
    QStackedWidget, QStatusBar, QVBoxLayout, QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1360, 860)
        MainWindow.setMinimumSize(QSize(760, 520))
        self.newIntakeAction = QAction(MainWindow)
        self.newIntakeAction.setObjectName(u"newIntakeAction")
#if QT_CONFIG(shortcut)
        self.newIntakeAction.setShortcut(u"Ctrl+N")
#endif // QT_CONFIG(shortcut)
        self.findAction = QAction(MainWindow)
        self.findAction.setObjectName(u"findAction")
#if QT_CONFIG(shortcut)
        self.findAction.setShortcut(u"Ctrl+F")
#endif // QT_CONFIG(shortcut)
        self.printAction = QAction(MainWindow)
        self.printAction.setObjectName(u"printAction")
#if QT_CONFIG(shortcut)
        self.printAction.setShortcut(u"Ctrl+P")
#endif // QT_CONFIG(shortcut)
        self.nextStepAction = QAction(MainWindow)
        self.nextStepAction.setObjectName(u"nextStepAction")
#if QT_CONFIG(shortcut)
        self.nextStepAction.setShortcut(u"Alt+Right")
#endif // QT_CONFIG(shortcut)
        self.previousStepAction = QAction(MainWindow)
        self.previousStepAction.setObjectName(u"previousStepAction")
#if QT_CONFIG(shortcut)
        self.previousStepAction.setShortcut(u"Alt+Left")
#endif // QT_CONFIG(shortcut)
        self.signOutAction = QAction(MainWindow)
        self.signOutAction.setObjectName(u"signOutAction")
        self.quitAction = QAction(MainWindow)
        self.quitAction.setObjectName(u"quitAction")
#if QT_CONFIG(shortcut)
        self.quitAction.setShortcut(u"Ctrl+Q")
#endif // QT_CONFIG(shortcut)
        self.shortcutsAction = QAction(MainWindow)
        self.shortcutsAction.setObjectName(u"shortcutsAction")
#if QT_CONFIG(shortcut)
        self.shortcutsAction.setShortcut(u"F1")
#endif // QT_CONFIG(shortcut)
        self.aboutAction = QAction(MainWindow)
        self.aboutAction.setObjectName(u"aboutAction")
        self.centralWidget = QWidget(MainWindow)
        self.centralWidget.setObjectName(u"centralWidget")
        self.centralLayout = QHBoxLayout(self.centralWidget)
        self.centralLayout.setSpacing(0)
        self.centralLayout.setObjectName(u"centralLayout")
        self.centralLayout.setContentsMargins(0, 0, 0, 0)
        self.navigation = QListWidget(self.centralWidget)
        self.navigation.setObjectName(u"navigation")
        self.navigation.setMinimumSize(QSize(172, 0))
        self.navigation.setMaximumSize(QSize(172, 16777215))
        self.navigation.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.centralLayout.addWidget(self.navigation)

        self.contentLayout = QVBoxLayout()
        self.contentLayout.setSpacing(0)
        self.contentLayout.setObjectName(u"contentLayout")
        self.pages = QStackedWidget(self.centralWidget)
        self.pages.setObjectName(u"pages")

        self.contentLayout.addWidget(self.pages)


        self.centralLayout.addLayout(self.contentLayout)

        MainWindow.setCentralWidget(self.centralWidget)
        self.menuBar = QMenuBar(MainWindow)
        self.menuBar.setObjectName(u"menuBar")
        self.intakeMenu = QMenu(self.menuBar)
        self.intakeMenu.setObjectName(u"intakeMenu")
        self.viewMenu = QMenu(self.menuBar)
        self.viewMenu.setObjectName(u"viewMenu")
        self.helpMenu = QMenu(self.menuBar)
        self.helpMenu.setObjectName(u"helpMenu")
        MainWindow.setMenuBar(self.menuBar)
        self.statusBar = QStatusBar(MainWindow)
        self.statusBar.setObjectName(u"statusBar")
        MainWindow.setStatusBar(self.statusBar)

        self.menuBar.addAction(self.intakeMenu.menuAction())
        self.menuBar.addAction(self.viewMenu.menuAction())
        self.menuBar.addAction(self.helpMenu.menuAction())
        self.intakeMenu.addAction(self.newIntakeAction)
        self.intakeMenu.addAction(self.findAction)
        self.intakeMenu.addSeparator()
        self.intakeMenu.addAction(self.previousStepAction)
        self.intakeMenu.addAction(self.nextStepAction)
        self.intakeMenu.addSeparator()
        self.intakeMenu.addAction(self.printAction)
        self.intakeMenu.addSeparator()
        self.intakeMenu.addAction(self.signOutAction)
        self.intakeMenu.addAction(self.quitAction)
        self.helpMenu.addAction(self.shortcutsAction)
        self.helpMenu.addAction(self.aboutAction)

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"\u793e\u4f1a\u6551\u52a9\u7a97\u53e3\u53d7\u7406\u53f0", None))
        self.newIntakeAction.setText(QCoreApplication.translate("MainWindow", u"\u65b0\u53d7\u7406(&N)", None))
        self.findAction.setText(QCoreApplication.translate("MainWindow", u"\u67e5\u627e(&F)", None))
        self.printAction.setText(QCoreApplication.translate("MainWindow", u"\u6253\u5370\u56de\u6267(&P)", None))
        self.nextStepAction.setText(QCoreApplication.translate("MainWindow", u"\u4e0b\u4e00\u6b65", None))
        self.previousStepAction.setText(QCoreApplication.translate("MainWindow", u"\u4e0a\u4e00\u6b65", None))
        self.signOutAction.setText(QCoreApplication.translate("MainWindow", u"\u9000\u51fa\u767b\u5f55(&L)", None))
        self.quitAction.setText(QCoreApplication.translate("MainWindow", u"\u5173\u95ed\u7a0b\u5e8f(&Q)", None))
        self.shortcutsAction.setText(QCoreApplication.translate("MainWindow", u"\u5feb\u6377\u952e\u4e00\u89c8(&K)", None))
        self.aboutAction.setText(QCoreApplication.translate("MainWindow", u"\u5173\u4e8e(&A)", None))
        self.intakeMenu.setTitle(QCoreApplication.translate("MainWindow", u"\u53d7\u7406(&N)", None))
        self.viewMenu.setTitle(QCoreApplication.translate("MainWindow", u"\u9875\u9762(&V)", None))
        self.helpMenu.setTitle(QCoreApplication.translate("MainWindow", u"\u5e2e\u52a9(&E)", None))
    # retranslateUi

