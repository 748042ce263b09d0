# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'close_shift_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDialog, QFormLayout,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QSpacerItem, QStackedWidget,
    QTableView, QVBoxLayout, QWidget)

class Ui_CloseShiftDialog(object):
    def setupUi(self, CloseShiftDialog):
        if not CloseShiftDialog.objectName():
            CloseShiftDialog.setObjectName(u"CloseShiftDialog")
        CloseShiftDialog.resize(720, 560)
        CloseShiftDialog.setModal(True)
        self.dialogLayout = QVBoxLayout(CloseShiftDialog)
        self.dialogLayout.setSpacing(12)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.dialogLayout.setContentsMargins(24, 24, 24, 24)
        self.titleLabel = QLabel(CloseShiftDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"heading")

        self.dialogLayout.addWidget(self.titleLabel)

        self.pages = QStackedWidget(CloseShiftDialog)
        self.pages.setObjectName(u"pages")
        self.countPage = QWidget()
        self.countPage.setObjectName(u"countPage")
        self.countLayout = QVBoxLayout(self.countPage)
        self.countLayout.setSpacing(12)
        self.countLayout.setObjectName(u"countLayout")
        self.countLayout.setContentsMargins(0, 0, 0, 0)
        self.countHintLabel = QLabel(self.countPage)
        self.countHintLabel.setObjectName(u"countHintLabel")
        self.countHintLabel.setWordWrap(True)
        self.countHintLabel.setProperty(u"role", u"subtitle")

        self.countLayout.addWidget(self.countHintLabel)

        self.countForm = QFormLayout()
        self.countForm.setObjectName(u"countForm")
        self.countForm.setHorizontalSpacing(16)
        self.countForm.setVerticalSpacing(12)
        self.cashLabel = QLabel(self.countPage)
        self.cashLabel.setObjectName(u"cashLabel")

        self.countForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.cashLabel)

        self.cashEdit = QLineEdit(self.countPage)
        self.cashEdit.setObjectName(u"cashEdit")
        self.cashEdit.setMinimumSize(QSize(0, 56))
        self.cashEdit.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.cashEdit.setProperty(u"role", u"amount")

        self.countForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.cashEdit)

        self.cardLabel = QLabel(self.countPage)
        self.cardLabel.setObjectName(u"cardLabel")

        self.countForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.cardLabel)

        self.cardEdit = QLineEdit(self.countPage)
        self.cardEdit.setObjectName(u"cardEdit")
        self.cardEdit.setMinimumSize(QSize(0, 56))
        self.cardEdit.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.cardEdit.setProperty(u"role", u"amount")

        self.countForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.cardEdit)


        self.countLayout.addLayout(self.countForm)

        self.pages.addWidget(self.countPage)
        self.reportPage = QWidget()
        self.reportPage.setObjectName(u"reportPage")
        self.reportLayout = QVBoxLayout(self.reportPage)
        self.reportLayout.setSpacing(8)
        self.reportLayout.setObjectName(u"reportLayout")
        self.reportLayout.setContentsMargins(0, 0, 0, 0)
        self.reportHintLabel = QLabel(self.reportPage)
        self.reportHintLabel.setObjectName(u"reportHintLabel")
        self.reportHintLabel.setWordWrap(True)
        self.reportHintLabel.setProperty(u"role", u"subtitle")

        self.reportLayout.addWidget(self.reportHintLabel)

        self.reportForm = QFormLayout()
        self.reportForm.setObjectName(u"reportForm")
        self.reportForm.setHorizontalSpacing(16)
        self.salesTitleLabel = QLabel(self.reportPage)
        self.salesTitleLabel.setObjectName(u"salesTitleLabel")

        self.reportForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.salesTitleLabel)

        self.salesLabel = QLabel(self.reportPage)
        self.salesLabel.setObjectName(u"salesLabel")
        self.salesLabel.setText(u"")

        self.reportForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.salesLabel)

        self.refundsTitleLabel = QLabel(self.reportPage)
        self.refundsTitleLabel.setObjectName(u"refundsTitleLabel")

        self.reportForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.refundsTitleLabel)

        self.refundsLabel = QLabel(self.reportPage)
        self.refundsLabel.setObjectName(u"refundsLabel")
        self.refundsLabel.setText(u"")

        self.reportForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.refundsLabel)

        self.voidsTitleLabel = QLabel(self.reportPage)
        self.voidsTitleLabel.setObjectName(u"voidsTitleLabel")

        self.reportForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.voidsTitleLabel)

        self.voidsLabel = QLabel(self.reportPage)
        self.voidsLabel.setObjectName(u"voidsLabel")
        self.voidsLabel.setText(u"")

        self.reportForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.voidsLabel)

        self.vatTitleLabel = QLabel(self.reportPage)
        self.vatTitleLabel.setObjectName(u"vatTitleLabel")

        self.reportForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.vatTitleLabel)

        self.vatLabel = QLabel(self.reportPage)
        self.vatLabel.setObjectName(u"vatLabel")
        self.vatLabel.setText(u"")

        self.reportForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.vatLabel)


        self.reportLayout.addLayout(self.reportForm)

        self.countsView = QTableView(self.reportPage)
        self.countsView.setObjectName(u"countsView")
        self.countsView.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.countsView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.countsView.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)

        self.reportLayout.addWidget(self.countsView)

        self.pages.addWidget(self.reportPage)

        self.dialogLayout.addWidget(self.pages)

        self.messageLabel = QLabel(CloseShiftDialog)
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

        self.cancelButton = QPushButton(CloseShiftDialog)
        self.cancelButton.setObjectName(u"cancelButton")
        self.cancelButton.setMinimumSize(QSize(0, 64))
        self.cancelButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancelButton.setProperty(u"role", u"key")

        self.buttonsLayout.addWidget(self.cancelButton)

        self.closeButton = QPushButton(CloseShiftDialog)
        self.closeButton.setObjectName(u"closeButton")
        self.closeButton.setMinimumSize(QSize(0, 64))
        self.closeButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.closeButton.setProperty(u"role", u"primary")

        self.buttonsLayout.addWidget(self.closeButton)

        self.okButton = QPushButton(CloseShiftDialog)
        self.okButton.setObjectName(u"okButton")
        self.okButton.setMinimumSize(QSize(0, 64))
        self.okButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.okButton.setProperty(u"role", u"primary")

        self.buttonsLayout.addWidget(self.okButton)


        self.dialogLayout.addLayout(self.buttonsLayout)


        self.retranslateUi(CloseShiftDialog)

        QMetaObject.connectSlotsByName(CloseShiftDialog)
    # setupUi

    def retranslateUi(self, CloseShiftDialog):
        CloseShiftDialog.setWindowTitle(QCoreApplication.translate("CloseShiftDialog", u"Close the shift", None))
        self.titleLabel.setText(QCoreApplication.translate("CloseShiftDialog", u"Close the shift", None))
        self.countHintLabel.setText(QCoreApplication.translate("CloseShiftDialog", u"Count the cash in the drawer and type it below, with the card total from the payment terminal's report. The expected amounts are shown after you confirm.", None))
        self.cashLabel.setText(QCoreApplication.translate("CloseShiftDialog", u"Cash in the drawer", None))
        self.cardLabel.setText(QCoreApplication.translate("CloseShiftDialog", u"Card total (terminal report)", None))
        self.reportHintLabel.setText(QCoreApplication.translate("CloseShiftDialog", u"The shift is closed. Z report:", None))
        self.salesTitleLabel.setText(QCoreApplication.translate("CloseShiftDialog", u"Sales", None))
        self.refundsTitleLabel.setText(QCoreApplication.translate("CloseShiftDialog", u"Refunds", None))
        self.voidsTitleLabel.setText(QCoreApplication.translate("CloseShiftDialog", u"Voided sales", None))
        self.vatTitleLabel.setText(QCoreApplication.translate("CloseShiftDialog", u"VAT", None))
        self.cancelButton.setText(QCoreApplication.translate("CloseShiftDialog", u"Cancel\n"
"Esc", None))
        self.closeButton.setText(QCoreApplication.translate("CloseShiftDialog", u"Close shift\n"
"Enter", None))
        self.okButton.setText(QCoreApplication.translate("CloseShiftDialog", u"OK\n"
"Enter", None))
    # retranslateUi

