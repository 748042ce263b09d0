# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'reports_window.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QDateEdit, QHBoxLayout,
    QLabel, QMainWindow, QSizePolicy, QSpacerItem,
    QStatusBar, QTabWidget, QToolButton, QVBoxLayout,
    QWidget)

class Ui_ReportsWindow(object):
    def setupUi(self, ReportsWindow):
        if not ReportsWindow.objectName():
            ReportsWindow.setObjectName(u"ReportsWindow")
        ReportsWindow.resize(1366, 768)
        self.actionRefresh = QAction(ReportsWindow)
        self.actionRefresh.setObjectName(u"actionRefresh")
        self.actionExportCsv = QAction(ReportsWindow)
        self.actionExportCsv.setObjectName(u"actionExportCsv")
        self.actionExportPdf = QAction(ReportsWindow)
        self.actionExportPdf.setObjectName(u"actionExportPdf")
        self.actionClose = QAction(ReportsWindow)
        self.actionClose.setObjectName(u"actionClose")
        self.centralwidget = QWidget(ReportsWindow)
        self.centralwidget.setObjectName(u"centralwidget")
        self.centralLayout = QVBoxLayout(self.centralwidget)
        self.centralLayout.setSpacing(10)
        self.centralLayout.setObjectName(u"centralLayout")
        self.centralLayout.setContentsMargins(20, 14, 20, 10)
        self.choicesLayout = QHBoxLayout()
        self.choicesLayout.setSpacing(10)
        self.choicesLayout.setObjectName(u"choicesLayout")
        self.periodLabel = QLabel(self.centralwidget)
        self.periodLabel.setObjectName(u"periodLabel")

        self.choicesLayout.addWidget(self.periodLabel)

        self.periodCombo = QComboBox(self.centralwidget)
        self.periodCombo.setObjectName(u"periodCombo")

        self.choicesLayout.addWidget(self.periodCombo)

        self.fromLabel = QLabel(self.centralwidget)
        self.fromLabel.setObjectName(u"fromLabel")

        self.choicesLayout.addWidget(self.fromLabel)

        self.fromEdit = QDateEdit(self.centralwidget)
        self.fromEdit.setObjectName(u"fromEdit")
        self.fromEdit.setCalendarPopup(True)

        self.choicesLayout.addWidget(self.fromEdit)

        self.toLabel = QLabel(self.centralwidget)
        self.toLabel.setObjectName(u"toLabel")

        self.choicesLayout.addWidget(self.toLabel)

        self.toEdit = QDateEdit(self.centralwidget)
        self.toEdit.setObjectName(u"toEdit")
        self.toEdit.setCalendarPopup(True)

        self.choicesLayout.addWidget(self.toEdit)

        self.tillLabel = QLabel(self.centralwidget)
        self.tillLabel.setObjectName(u"tillLabel")

        self.choicesLayout.addWidget(self.tillLabel)

        self.tillCombo = QComboBox(self.centralwidget)
        self.tillCombo.setObjectName(u"tillCombo")

        self.choicesLayout.addWidget(self.tillCombo)

        self.choicesSpacer = QSpacerItem(10, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.choicesLayout.addItem(self.choicesSpacer)

        self.refreshButton = QToolButton(self.centralwidget)
        self.refreshButton.setObjectName(u"refreshButton")
        self.refreshButton.setProperty(u"role", u"secondary")

        self.choicesLayout.addWidget(self.refreshButton)

        self.csvButton = QToolButton(self.centralwidget)
        self.csvButton.setObjectName(u"csvButton")
        self.csvButton.setProperty(u"role", u"secondary")

        self.choicesLayout.addWidget(self.csvButton)

        self.pdfButton = QToolButton(self.centralwidget)
        self.pdfButton.setObjectName(u"pdfButton")
        self.pdfButton.setProperty(u"role", u"secondary")

        self.choicesLayout.addWidget(self.pdfButton)

        self.choicesLayout.setStretch(7, 1)

        self.centralLayout.addLayout(self.choicesLayout)

        self.headerLabel = QLabel(self.centralwidget)
        self.headerLabel.setObjectName(u"headerLabel")
        self.headerLabel.setText(u"")
        self.headerLabel.setWordWrap(True)
        self.headerLabel.setProperty(u"role", u"subtitle")

        self.centralLayout.addWidget(self.headerLabel)

        self.reportTabs = QTabWidget(self.centralwidget)
        self.reportTabs.setObjectName(u"reportTabs")
        self.reportTabs.setDocumentMode(True)

        self.centralLayout.addWidget(self.reportTabs)

        self.centralLayout.setStretch(2, 1)
        ReportsWindow.setCentralWidget(self.centralwidget)
        self.statusbar = QStatusBar(ReportsWindow)
        self.statusbar.setObjectName(u"statusbar")
        ReportsWindow.setStatusBar(self.statusbar)
#if QT_CONFIG(shortcut)
        self.periodLabel.setBuddy(self.periodCombo)
        self.fromLabel.setBuddy(self.fromEdit)
        self.toLabel.setBuddy(self.toEdit)
        self.tillLabel.setBuddy(self.tillCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ReportsWindow)

        QMetaObject.connectSlotsByName(ReportsWindow)
    # setupUi

    def retranslateUi(self, ReportsWindow):
        ReportsWindow.setWindowTitle(QCoreApplication.translate("ReportsWindow", u"Reports \u2014 posapp", None))
        self.actionRefresh.setText(QCoreApplication.translate("ReportsWindow", u"Refresh", None))
#if QT_CONFIG(tooltip)
        self.actionRefresh.setToolTip(QCoreApplication.translate("ReportsWindow", u"Read the report again (F5)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(shortcut)
        self.actionRefresh.setShortcut(QCoreApplication.translate("ReportsWindow", u"F5", None))
#endif // QT_CONFIG(shortcut)
        self.actionExportCsv.setText(QCoreApplication.translate("ReportsWindow", u"CSV\u2026", None))
#if QT_CONFIG(tooltip)
        self.actionExportCsv.setToolTip(QCoreApplication.translate("ReportsWindow", u"Save this report as a CSV file for a spreadsheet (Ctrl+E)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(shortcut)
        self.actionExportCsv.setShortcut(QCoreApplication.translate("ReportsWindow", u"Ctrl+E", None))
#endif // QT_CONFIG(shortcut)
        self.actionExportPdf.setText(QCoreApplication.translate("ReportsWindow", u"PDF\u2026", None))
#if QT_CONFIG(tooltip)
        self.actionExportPdf.setToolTip(QCoreApplication.translate("ReportsWindow", u"Save this report as an A4 PDF to print or send (Ctrl+Shift+E)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(shortcut)
        self.actionExportPdf.setShortcut(QCoreApplication.translate("ReportsWindow", u"Ctrl+Shift+E", None))
#endif // QT_CONFIG(shortcut)
        self.actionClose.setText(QCoreApplication.translate("ReportsWindow", u"Close", None))
#if QT_CONFIG(shortcut)
        self.actionClose.setShortcut(QCoreApplication.translate("ReportsWindow", u"Ctrl+W", None))
#endif // QT_CONFIG(shortcut)
        self.periodLabel.setText(QCoreApplication.translate("ReportsWindow", u"&Period", None))
#if QT_CONFIG(tooltip)
        self.periodCombo.setToolTip(QCoreApplication.translate("ReportsWindow", u"The days the report covers (Alt+P)", None))
#endif // QT_CONFIG(tooltip)
        self.fromLabel.setText(QCoreApplication.translate("ReportsWindow", u"&From", None))
        self.toLabel.setText(QCoreApplication.translate("ReportsWindow", u"t&o", None))
        self.tillLabel.setText(QCoreApplication.translate("ReportsWindow", u"&Till", None))
#if QT_CONFIG(tooltip)
        self.tillCombo.setToolTip(QCoreApplication.translate("ReportsWindow", u"All tills, or one till's figures only (Alt+T)", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

