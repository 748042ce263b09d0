# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'parked_sales_dialog.ui'
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
    QSpacerItem, QTableView, QVBoxLayout, QWidget)

class Ui_ParkedSalesDialog(object):
    def setupUi(self, ParkedSalesDialog):
        if not ParkedSalesDialog.objectName():
            ParkedSalesDialog.setObjectName(u"ParkedSalesDialog")
        ParkedSalesDialog.resize(860, 520)
        ParkedSalesDialog.setModal(True)
        self.dialogLayout = QVBoxLayout(ParkedSalesDialog)
        self.dialogLayout.setSpacing(12)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.dialogLayout.setContentsMargins(24, 24, 24, 24)
        self.titleLabel = QLabel(ParkedSalesDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"heading")

        self.dialogLayout.addWidget(self.titleLabel)

        self.hintLabel = QLabel(ParkedSalesDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setProperty(u"role", u"subtitle")

        self.dialogLayout.addWidget(self.hintLabel)

        self.parkedView = QTableView(ParkedSalesDialog)
        self.parkedView.setObjectName(u"parkedView")
        self.parkedView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.parkedView.setAlternatingRowColors(True)
        self.parkedView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.parkedView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.parkedView.setShowGrid(False)

        self.dialogLayout.addWidget(self.parkedView)

        self.messageLabel = QLabel(ParkedSalesDialog)
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

        self.cancelButton = QPushButton(ParkedSalesDialog)
        self.cancelButton.setObjectName(u"cancelButton")
        self.cancelButton.setMinimumSize(QSize(0, 64))
        self.cancelButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancelButton.setProperty(u"role", u"key")

        self.buttonsLayout.addWidget(self.cancelButton)

        self.resumeButton = QPushButton(ParkedSalesDialog)
        self.resumeButton.setObjectName(u"resumeButton")
        self.resumeButton.setMinimumSize(QSize(0, 64))
        self.resumeButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.resumeButton.setProperty(u"role", u"primary")

        self.buttonsLayout.addWidget(self.resumeButton)


        self.dialogLayout.addLayout(self.buttonsLayout)


        self.retranslateUi(ParkedSalesDialog)

        QMetaObject.connectSlotsByName(ParkedSalesDialog)
    # setupUi

    def retranslateUi(self, ParkedSalesDialog):
        ParkedSalesDialog.setWindowTitle(QCoreApplication.translate("ParkedSalesDialog", u"Parked sales", None))
        self.titleLabel.setText(QCoreApplication.translate("ParkedSalesDialog", u"Parked sales", None))
        self.hintLabel.setText(QCoreApplication.translate("ParkedSalesDialog", u"Choose a sale with Up and Down and press Enter to ring it up again.", None))
        self.cancelButton.setText(QCoreApplication.translate("ParkedSalesDialog", u"Cancel\n"
"Esc", None))
        self.resumeButton.setText(QCoreApplication.translate("ParkedSalesDialog", u"Resume\n"
"Enter", None))
    # retranslateUi

