# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'refund_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QDialog,
    QGridLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QTableView, QVBoxLayout, QWidget)

class Ui_RefundDialog(object):
    def setupUi(self, RefundDialog):
        if not RefundDialog.objectName():
            RefundDialog.setObjectName(u"RefundDialog")
        RefundDialog.resize(900, 640)
        RefundDialog.setModal(True)
        self.dialogLayout = QVBoxLayout(RefundDialog)
        self.dialogLayout.setSpacing(12)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.dialogLayout.setContentsMargins(24, 24, 24, 24)
        self.titleLabel = QLabel(RefundDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"heading")

        self.dialogLayout.addWidget(self.titleLabel)

        self.hintLabel = QLabel(RefundDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setProperty(u"role", u"subtitle")

        self.dialogLayout.addWidget(self.hintLabel)

        self.receiptLayout = QHBoxLayout()
        self.receiptLayout.setSpacing(12)
        self.receiptLayout.setObjectName(u"receiptLayout")
        self.receiptLabel = QLabel(RefundDialog)
        self.receiptLabel.setObjectName(u"receiptLabel")
        self.receiptLabel.setProperty(u"role", u"section")

        self.receiptLayout.addWidget(self.receiptLabel)

        self.receiptEdit = QLineEdit(RefundDialog)
        self.receiptEdit.setObjectName(u"receiptEdit")
        self.receiptEdit.setMaxLength(20)
        self.receiptEdit.setMinimumSize(QSize(0, 56))
        self.receiptEdit.setPlaceholderText(u"T1-42")

        self.receiptLayout.addWidget(self.receiptEdit)


        self.dialogLayout.addLayout(self.receiptLayout)

        self.linesView = QTableView(RefundDialog)
        self.linesView.setObjectName(u"linesView")
        self.linesView.setMinimumSize(QSize(0, 180))
        self.linesView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.linesView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.linesView.setTabKeyNavigation(False)

        self.dialogLayout.addWidget(self.linesView)

        self.choicesLayout = QGridLayout()
        self.choicesLayout.setObjectName(u"choicesLayout")
        self.choicesLayout.setHorizontalSpacing(12)
        self.choicesLayout.setVerticalSpacing(6)
        self.reasonLabel = QLabel(RefundDialog)
        self.reasonLabel.setObjectName(u"reasonLabel")
        self.reasonLabel.setProperty(u"role", u"section")

        self.choicesLayout.addWidget(self.reasonLabel, 0, 0, 1, 1)

        self.methodLabel = QLabel(RefundDialog)
        self.methodLabel.setObjectName(u"methodLabel")
        self.methodLabel.setProperty(u"role", u"section")

        self.choicesLayout.addWidget(self.methodLabel, 0, 1, 1, 1)

        self.totalCaptionLabel = QLabel(RefundDialog)
        self.totalCaptionLabel.setObjectName(u"totalCaptionLabel")
        self.totalCaptionLabel.setProperty(u"role", u"cardTitle")

        self.choicesLayout.addWidget(self.totalCaptionLabel, 0, 2, 1, 1)

        self.reasonCombo = QComboBox(RefundDialog)
        self.reasonCombo.setObjectName(u"reasonCombo")
        self.reasonCombo.setEditable(True)
        self.reasonCombo.setMinimumSize(QSize(320, 56))
        self.reasonCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.choicesLayout.addWidget(self.reasonCombo, 1, 0, 1, 1)

        self.methodCombo = QComboBox(RefundDialog)
        self.methodCombo.setObjectName(u"methodCombo")
        self.methodCombo.setMinimumSize(QSize(160, 56))

        self.choicesLayout.addWidget(self.methodCombo, 1, 1, 1, 1)

        self.totalLabel = QLabel(RefundDialog)
        self.totalLabel.setObjectName(u"totalLabel")
        self.totalLabel.setText(u"0,00 \u20ac")
        self.totalLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.totalLabel.setProperty(u"role", u"total")

        self.choicesLayout.addWidget(self.totalLabel, 1, 2, 1, 1)


        self.dialogLayout.addLayout(self.choicesLayout)

        self.messageLabel = QLabel(RefundDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setText(u"")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setProperty(u"role", u"message")

        self.dialogLayout.addWidget(self.messageLabel)

        self.buttonsLayout = QHBoxLayout()
        self.buttonsLayout.setSpacing(12)
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.allButton = QPushButton(RefundDialog)
        self.allButton.setObjectName(u"allButton")
        self.allButton.setMinimumSize(QSize(0, 64))
        self.allButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.allButton.setProperty(u"role", u"key")

        self.buttonsLayout.addWidget(self.allButton)

        self.buttonsLayoutSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonsLayout.addItem(self.buttonsLayoutSpacer)

        self.cancelButton = QPushButton(RefundDialog)
        self.cancelButton.setObjectName(u"cancelButton")
        self.cancelButton.setMinimumSize(QSize(0, 64))
        self.cancelButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancelButton.setProperty(u"role", u"key")

        self.buttonsLayout.addWidget(self.cancelButton)

        self.refundButton = QPushButton(RefundDialog)
        self.refundButton.setObjectName(u"refundButton")
        self.refundButton.setMinimumSize(QSize(0, 64))
        self.refundButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.refundButton.setProperty(u"role", u"primary")

        self.buttonsLayout.addWidget(self.refundButton)


        self.dialogLayout.addLayout(self.buttonsLayout)

#if QT_CONFIG(shortcut)
        self.receiptLabel.setBuddy(self.receiptEdit)
        self.reasonLabel.setBuddy(self.reasonCombo)
        self.methodLabel.setBuddy(self.methodCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.receiptEdit, self.linesView)
        QWidget.setTabOrder(self.linesView, self.reasonCombo)
        QWidget.setTabOrder(self.reasonCombo, self.methodCombo)

        self.retranslateUi(RefundDialog)

        QMetaObject.connectSlotsByName(RefundDialog)
    # setupUi

    def retranslateUi(self, RefundDialog):
        RefundDialog.setWindowTitle(QCoreApplication.translate("RefundDialog", u"Refund", None))
        self.titleLabel.setText(QCoreApplication.translate("RefundDialog", u"Refund", None))
        self.hintLabel.setText(QCoreApplication.translate("RefundDialog", u"Scan the receipt or type its number (T1-42, or 42 for this till), then Enter. Up/Down choose a line; a number or +/\u2212 sets how many to refund; A refunds everything left.", None))
        self.receiptLabel.setText(QCoreApplication.translate("RefundDialog", u"Re&ceipt", None))
        self.reasonLabel.setText(QCoreApplication.translate("RefundDialog", u"&Reason", None))
        self.methodLabel.setText(QCoreApplication.translate("RefundDialog", u"&Give back by", None))
        self.totalCaptionLabel.setText(QCoreApplication.translate("RefundDialog", u"To give back", None))
        self.allButton.setText(QCoreApplication.translate("RefundDialog", u"Everything left\n"
"A", None))
        self.cancelButton.setText(QCoreApplication.translate("RefundDialog", u"Cancel\n"
"Esc", None))
        self.refundButton.setText(QCoreApplication.translate("RefundDialog", u"Refund\n"
"Enter", None))
    # retranslateUi

