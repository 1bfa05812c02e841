# Generated from ui/intake_page.ui by tools/compile_forms.py (pyside6-uic) – do not edit.
# Change the .ui in Qt Designer and compile again.
# source-sha256: 194d31cb1ce2ebfdc3ff875f615e843ccc025b3d7845eb0230c874e6eb94f2a1
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'intake_page.ui'
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
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QStackedWidget,
    QVBoxLayout, QWidget)

from intake_desk.ui.widgets.banner import Banner
from intake_desk.ui.widgets.steps import StepIndicator

class Ui_IntakePage(object):
    def setupUi(self, IntakePage):
        if not IntakePage.objectName():
            IntakePage.setObjectName(u"IntakePage")
        IntakePage.resize(1180, 820)
        self.outerLayout = QVBoxLayout(IntakePage)
        self.outerLayout.setSpacing(10)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setContentsMargins(20, 14, 20, 12)
        self.headerLayout = QHBoxLayout()
        self.headerLayout.setObjectName(u"headerLayout")
        self.titleLabel = QLabel(IntakePage)
        self.titleLabel.setObjectName(u"titleLabel")

        self.headerLayout.addWidget(self.titleLabel)

        self.applicantSummary = QLabel(IntakePage)
        self.applicantSummary.setObjectName(u"applicantSummary")
        self.applicantSummary.setText(u"")

        self.headerLayout.addWidget(self.applicantSummary)

        self.headerSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.headerLayout.addItem(self.headerSpacer)

        self.draftStatus = QLabel(IntakePage)
        self.draftStatus.setObjectName(u"draftStatus")
        self.draftStatus.setText(u"")

        self.headerLayout.addWidget(self.draftStatus)

        self.newButton = QPushButton(IntakePage)
        self.newButton.setObjectName(u"newButton")
        self.newButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.headerLayout.addWidget(self.newButton)


        self.outerLayout.addLayout(self.headerLayout)

        self.stepIndicator = StepIndicator(IntakePage)
        self.stepIndicator.setObjectName(u"stepIndicator")
        self.stepIndicator.setMinimumSize(QSize(0, 64))

        self.outerLayout.addWidget(self.stepIndicator)

        self.banner = Banner(IntakePage)
        self.banner.setObjectName(u"banner")

        self.outerLayout.addWidget(self.banner)

        self.steps = QStackedWidget(IntakePage)
        self.steps.setObjectName(u"steps")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(1)
        sizePolicy.setHeightForWidth(self.steps.sizePolicy().hasHeightForWidth())
        self.steps.setSizePolicy(sizePolicy)

        self.outerLayout.addWidget(self.steps)

        self.summaryStrip = QFrame(IntakePage)
        self.summaryStrip.setObjectName(u"summaryStrip")
        self.summaryLayout = QHBoxLayout(self.summaryStrip)
        self.summaryLayout.setSpacing(24)
        self.summaryLayout.setObjectName(u"summaryLayout")
        self.summaryLayout.setContentsMargins(16, 8, 16, 8)
        self.householdFigure = QLabel(self.summaryStrip)
        self.householdFigure.setObjectName(u"householdFigure")
        self.householdFigure.setText(u"")

        self.summaryLayout.addWidget(self.householdFigure)

        self.incomeFigure = QLabel(self.summaryStrip)
        self.incomeFigure.setObjectName(u"incomeFigure")
        self.incomeFigure.setText(u"")

        self.summaryLayout.addWidget(self.incomeFigure)

        self.perCapitaFigure = QLabel(self.summaryStrip)
        self.perCapitaFigure.setObjectName(u"perCapitaFigure")
        self.perCapitaFigure.setText(u"")

        self.summaryLayout.addWidget(self.perCapitaFigure)

        self.categoryFigure = QLabel(self.summaryStrip)
        self.categoryFigure.setObjectName(u"categoryFigure")
        self.categoryFigure.setText(u"")

        self.summaryLayout.addWidget(self.categoryFigure)

        self.summarySpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.summaryLayout.addItem(self.summarySpacer)

        self.previousButton = QPushButton(self.summaryStrip)
        self.previousButton.setObjectName(u"previousButton")

        self.summaryLayout.addWidget(self.previousButton)

        self.nextButton = QPushButton(self.summaryStrip)
        self.nextButton.setObjectName(u"nextButton")

        self.summaryLayout.addWidget(self.nextButton)


        self.outerLayout.addWidget(self.summaryStrip)


        self.retranslateUi(IntakePage)

        QMetaObject.connectSlotsByName(IntakePage)
    # setupUi

    def retranslateUi(self, IntakePage):
        self.titleLabel.setText(QCoreApplication.translate("IntakePage", u"\u7a97\u53e3\u53d7\u7406", None))
        self.newButton.setText(QCoreApplication.translate("IntakePage", u"\u65b0\u53d7\u7406", None))
#if QT_CONFIG(tooltip)
        self.newButton.setToolTip(QCoreApplication.translate("IntakePage", u"\u653e\u5f03\u5f53\u524d\u8349\u7a3f\uff0c\u5f00\u59cb\u65b0\u7684\u53d7\u7406\uff08Ctrl+N\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.previousButton.setText(QCoreApplication.translate("IntakePage", u"\u2039 \u4e0a\u4e00\u6b65", None))
#if QT_CONFIG(tooltip)
        self.previousButton.setToolTip(QCoreApplication.translate("IntakePage", u"\u4e0a\u4e00\u6b65\uff08Alt+\u2190\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.nextButton.setText(QCoreApplication.translate("IntakePage", u"\u4e0b\u4e00\u6b65 \u203a", None))
#if QT_CONFIG(tooltip)
        self.nextButton.setToolTip(QCoreApplication.translate("IntakePage", u"\u4e0b\u4e00\u6b65\uff08Alt+\u2192\uff09", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

