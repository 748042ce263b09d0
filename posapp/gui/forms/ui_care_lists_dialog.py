# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'care_lists_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDialog, QHBoxLayout,
    QHeaderView, QLabel, QPushButton, QSizePolicy,
    QSpacerItem, QTabWidget, QTableView, QVBoxLayout,
    QWidget)

class Ui_CareListsDialog(object):
    def setupUi(self, CareListsDialog):
        if not CareListsDialog.objectName():
            CareListsDialog.setObjectName(u"CareListsDialog")
        CareListsDialog.resize(1120, 680)
        CareListsDialog.setModal(True)
        self.dialogLayout = QVBoxLayout(CareListsDialog)
        self.dialogLayout.setSpacing(12)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.dialogLayout.setContentsMargins(24, 24, 24, 24)
        self.titleLabel = QLabel(CareListsDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"heading")

        self.dialogLayout.addWidget(self.titleLabel)

        self.hintLabel = QLabel(CareListsDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setProperty(u"role", u"subtitle")

        self.dialogLayout.addWidget(self.hintLabel)

        self.listsTabs = QTabWidget(CareListsDialog)
        self.listsTabs.setObjectName(u"listsTabs")
        self.quietTab = QWidget()
        self.quietTab.setObjectName(u"quietTab")
        self.quietTabLayout = QVBoxLayout(self.quietTab)
        self.quietTabLayout.setObjectName(u"quietTabLayout")
        self.quietView = QTableView(self.quietTab)
        self.quietView.setObjectName(u"quietView")
        self.quietView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.quietView.setAlternatingRowColors(True)
        self.quietView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.quietView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.quietView.setShowGrid(False)
        self.quietView.setSortingEnabled(False)

        self.quietTabLayout.addWidget(self.quietView)

        self.quietButtonsLayout = QHBoxLayout()
        self.quietButtonsLayout.setObjectName(u"quietButtonsLayout")
        self.quietHintLabel = QLabel(self.quietTab)
        self.quietHintLabel.setObjectName(u"quietHintLabel")
        self.quietHintLabel.setWordWrap(True)
        self.quietHintLabel.setProperty(u"role", u"subtitle")

        self.quietButtonsLayout.addWidget(self.quietHintLabel)

        self.exportButton = QPushButton(self.quietTab)
        self.exportButton.setObjectName(u"exportButton")
        self.exportButton.setMinimumSize(QSize(200, 48))
        self.exportButton.setProperty(u"role", u"key")

        self.quietButtonsLayout.addWidget(self.exportButton)

        self.quietButtonsLayout.setStretch(0, 1)

        self.quietTabLayout.addLayout(self.quietButtonsLayout)

        self.listsTabs.addTab(self.quietTab, "")
        self.birthdaysTab = QWidget()
        self.birthdaysTab.setObjectName(u"birthdaysTab")
        self.birthdaysTabLayout = QVBoxLayout(self.birthdaysTab)
        self.birthdaysTabLayout.setObjectName(u"birthdaysTabLayout")
        self.birthdaysView = QTableView(self.birthdaysTab)
        self.birthdaysView.setObjectName(u"birthdaysView")
        self.birthdaysView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.birthdaysView.setAlternatingRowColors(True)
        self.birthdaysView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.birthdaysView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.birthdaysView.setShowGrid(False)
        self.birthdaysView.setSortingEnabled(False)

        self.birthdaysTabLayout.addWidget(self.birthdaysView)

        self.listsTabs.addTab(self.birthdaysTab, "")
        self.promisesTab = QWidget()
        self.promisesTab.setObjectName(u"promisesTab")
        self.promisesTabLayout = QVBoxLayout(self.promisesTab)
        self.promisesTabLayout.setObjectName(u"promisesTabLayout")
        self.promisesView = QTableView(self.promisesTab)
        self.promisesView.setObjectName(u"promisesView")
        self.promisesView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.promisesView.setAlternatingRowColors(True)
        self.promisesView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.promisesView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.promisesView.setShowGrid(False)
        self.promisesView.setSortingEnabled(False)

        self.promisesTabLayout.addWidget(self.promisesView)

        self.listsTabs.addTab(self.promisesTab, "")
        self.complaintsTab = QWidget()
        self.complaintsTab.setObjectName(u"complaintsTab")
        self.complaintsTabLayout = QVBoxLayout(self.complaintsTab)
        self.complaintsTabLayout.setObjectName(u"complaintsTabLayout")
        self.complaintsView = QTableView(self.complaintsTab)
        self.complaintsView.setObjectName(u"complaintsView")
        self.complaintsView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.complaintsView.setAlternatingRowColors(True)
        self.complaintsView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.complaintsView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.complaintsView.setShowGrid(False)
        self.complaintsView.setSortingEnabled(False)

        self.complaintsTabLayout.addWidget(self.complaintsView)

        self.listsTabs.addTab(self.complaintsTab, "")
        self.ratingsTab = QWidget()
        self.ratingsTab.setObjectName(u"ratingsTab")
        self.ratingsTabLayout = QVBoxLayout(self.ratingsTab)
        self.ratingsTabLayout.setObjectName(u"ratingsTabLayout")
        self.ratingsLabel = QLabel(self.ratingsTab)
        self.ratingsLabel.setObjectName(u"ratingsLabel")
        self.ratingsLabel.setText(u"")
        self.ratingsLabel.setWordWrap(True)
        self.ratingsLabel.setProperty(u"role", u"subtitle")

        self.ratingsTabLayout.addWidget(self.ratingsLabel)

        self.ratingsView = QTableView(self.ratingsTab)
        self.ratingsView.setObjectName(u"ratingsView")
        self.ratingsView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.ratingsView.setAlternatingRowColors(True)
        self.ratingsView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.ratingsView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.ratingsView.setShowGrid(False)
        self.ratingsView.setSortingEnabled(False)

        self.ratingsTabLayout.addWidget(self.ratingsView)

        self.listsTabs.addTab(self.ratingsTab, "")
        self.activityTab = QWidget()
        self.activityTab.setObjectName(u"activityTab")
        self.activityTabLayout = QVBoxLayout(self.activityTab)
        self.activityTabLayout.setObjectName(u"activityTabLayout")
        self.activityView = QTableView(self.activityTab)
        self.activityView.setObjectName(u"activityView")
        self.activityView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.activityView.setAlternatingRowColors(True)
        self.activityView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.activityView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.activityView.setShowGrid(False)
        self.activityView.setSortingEnabled(False)

        self.activityTabLayout.addWidget(self.activityView)

        self.offersLabel = QLabel(self.activityTab)
        self.offersLabel.setObjectName(u"offersLabel")
        self.offersLabel.setText(u"")
        self.offersLabel.setWordWrap(True)
        self.offersLabel.setProperty(u"role", u"subtitle")

        self.activityTabLayout.addWidget(self.offersLabel)

        self.listsTabs.addTab(self.activityTab, "")

        self.dialogLayout.addWidget(self.listsTabs)

        self.messageLabel = QLabel(CareListsDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setText(u"")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setProperty(u"role", u"message")

        self.dialogLayout.addWidget(self.messageLabel)

        self.buttonsLayout = QHBoxLayout()
        self.buttonsLayout.setSpacing(12)
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.buttonsLayoutSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonsLayout.addItem(self.buttonsLayoutSpacer)

        self.closeButton = QPushButton(CareListsDialog)
        self.closeButton.setObjectName(u"closeButton")
        self.closeButton.setMinimumSize(QSize(0, 64))
        self.closeButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.closeButton.setProperty(u"role", u"primary")

        self.buttonsLayout.addWidget(self.closeButton)


        self.dialogLayout.addLayout(self.buttonsLayout)

        self.dialogLayout.setStretch(2, 1)

        self.retranslateUi(CareListsDialog)

        self.listsTabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(CareListsDialog)
    # setupUi

    def retranslateUi(self, CareListsDialog):
        CareListsDialog.setWindowTitle(QCoreApplication.translate("CareListsDialog", u"Customer care", None))
        self.titleLabel.setText(QCoreApplication.translate("CareListsDialog", u"Customer care", None))
        self.hintLabel.setText(QCoreApplication.translate("CareListsDialog", u"Who to get in touch with, and what the shop still owes its customers.", None))
        self.quietHintLabel.setText(QCoreApplication.translate("CareListsDialog", u"Phone and e-mail only of those who agreed to be contacted.", None))
        self.exportButton.setText(QCoreApplication.translate("CareListsDialog", u"Export CSV\u2026", None))
        self.listsTabs.setTabText(self.listsTabs.indexOf(self.quietTab), QCoreApplication.translate("CareListsDialog", u"Quiet regulars", None))
        self.listsTabs.setTabText(self.listsTabs.indexOf(self.birthdaysTab), QCoreApplication.translate("CareListsDialog", u"Birthdays", None))
        self.listsTabs.setTabText(self.listsTabs.indexOf(self.promisesTab), QCoreApplication.translate("CareListsDialog", u"Promises overdue", None))
        self.listsTabs.setTabText(self.listsTabs.indexOf(self.complaintsTab), QCoreApplication.translate("CareListsDialog", u"Open complaints", None))
        self.listsTabs.setTabText(self.listsTabs.indexOf(self.ratingsTab), QCoreApplication.translate("CareListsDialog", u"Ratings", None))
        self.listsTabs.setTabText(self.listsTabs.indexOf(self.activityTab), QCoreApplication.translate("CareListsDialog", u"Reminders acted upon", None))
        self.closeButton.setText(QCoreApplication.translate("CareListsDialog", u"Close\n"
"Esc", None))
    # retranslateUi

