# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'payment_dialog.ui'
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
from PySide6.QtWidgets import (QApplication, QDialog, QGridLayout, QHBoxLayout,
    QLabel, QLineEdit, QPushButton, QSizePolicy,
    QSpacerItem, QStackedWidget, QVBoxLayout, QWidget)

class Ui_PaymentDialog(object):
    def setupUi(self, PaymentDialog):
        if not PaymentDialog.objectName():
            PaymentDialog.setObjectName(u"PaymentDialog")
        PaymentDialog.resize(640, 600)
        PaymentDialog.setModal(True)
        self.dialogLayout = QVBoxLayout(PaymentDialog)
        self.dialogLayout.setSpacing(10)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.dialogLayout.setContentsMargins(24, 24, 24, 24)
        self.dueTitleLabel = QLabel(PaymentDialog)
        self.dueTitleLabel.setObjectName(u"dueTitleLabel")
        self.dueTitleLabel.setProperty(u"role", u"cardTitle")

        self.dialogLayout.addWidget(self.dueTitleLabel)

        self.dueLabel = QLabel(PaymentDialog)
        self.dueLabel.setObjectName(u"dueLabel")
        self.dueLabel.setText(u"0,00 \u20ac")
        self.dueLabel.setProperty(u"role", u"total")

        self.dialogLayout.addWidget(self.dueLabel)

        self.stack = QStackedWidget(PaymentDialog)
        self.stack.setObjectName(u"stack")
        self.cashPage = QWidget()
        self.cashPage.setObjectName(u"cashPage")
        self.cashPageLayout = QVBoxLayout(self.cashPage)
        self.cashPageLayout.setSpacing(8)
        self.cashPageLayout.setObjectName(u"cashPageLayout")
        self.cashPageLayout.setContentsMargins(0, 0, 0, 0)
        self.amountLabel = QLabel(self.cashPage)
        self.amountLabel.setObjectName(u"amountLabel")
        self.amountLabel.setProperty(u"role", u"section")

        self.cashPageLayout.addWidget(self.amountLabel)

        self.amountEdit = QLineEdit(self.cashPage)
        self.amountEdit.setObjectName(u"amountEdit")
        self.amountEdit.setMinimumSize(QSize(0, 64))
        self.amountEdit.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.amountEdit.setProperty(u"role", u"amount")

        self.cashPageLayout.addWidget(self.amountEdit)

        self.quickLayout = QGridLayout()
        self.quickLayout.setSpacing(10)
        self.quickLayout.setObjectName(u"quickLayout")
        self.quick1Button = QPushButton(self.cashPage)
        self.quick1Button.setObjectName(u"quick1Button")
        self.quick1Button.setText(u"F1")
        self.quick1Button.setMinimumSize(QSize(0, 64))
        self.quick1Button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.quick1Button.setProperty(u"role", u"key")

        self.quickLayout.addWidget(self.quick1Button, 0, 0, 1, 1)

        self.quick2Button = QPushButton(self.cashPage)
        self.quick2Button.setObjectName(u"quick2Button")
        self.quick2Button.setText(u"F2")
        self.quick2Button.setMinimumSize(QSize(0, 64))
        self.quick2Button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.quick2Button.setProperty(u"role", u"key")

        self.quickLayout.addWidget(self.quick2Button, 0, 1, 1, 1)

        self.quick3Button = QPushButton(self.cashPage)
        self.quick3Button.setObjectName(u"quick3Button")
        self.quick3Button.setText(u"F3")
        self.quick3Button.setMinimumSize(QSize(0, 64))
        self.quick3Button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.quick3Button.setProperty(u"role", u"key")

        self.quickLayout.addWidget(self.quick3Button, 0, 2, 1, 1)

        self.quick4Button = QPushButton(self.cashPage)
        self.quick4Button.setObjectName(u"quick4Button")
        self.quick4Button.setText(u"F4")
        self.quick4Button.setMinimumSize(QSize(0, 64))
        self.quick4Button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.quick4Button.setProperty(u"role", u"key")

        self.quickLayout.addWidget(self.quick4Button, 0, 3, 1, 1)


        self.cashPageLayout.addLayout(self.quickLayout)

        self.changeTitleLabel = QLabel(self.cashPage)
        self.changeTitleLabel.setObjectName(u"changeTitleLabel")
        self.changeTitleLabel.setProperty(u"role", u"cardTitle")

        self.cashPageLayout.addWidget(self.changeTitleLabel)

        self.changeLabel = QLabel(self.cashPage)
        self.changeLabel.setObjectName(u"changeLabel")
        self.changeLabel.setText(u"0,00 \u20ac")
        self.changeLabel.setProperty(u"role", u"change")

        self.cashPageLayout.addWidget(self.changeLabel)

        self.stack.addWidget(self.cashPage)
        self.cardPage = QWidget()
        self.cardPage.setObjectName(u"cardPage")
        self.cardPageLayout = QVBoxLayout(self.cardPage)
        self.cardPageLayout.setSpacing(8)
        self.cardPageLayout.setObjectName(u"cardPageLayout")
        self.cardPageLayout.setContentsMargins(0, 0, 0, 0)
        self.cardTitleLabel = QLabel(self.cardPage)
        self.cardTitleLabel.setObjectName(u"cardTitleLabel")
        self.cardTitleLabel.setProperty(u"role", u"cardTitle")

        self.cardPageLayout.addWidget(self.cardTitleLabel)

        self.cardAmountLabel = QLabel(self.cardPage)
        self.cardAmountLabel.setObjectName(u"cardAmountLabel")
        self.cardAmountLabel.setText(u"0,00 \u20ac")
        self.cardAmountLabel.setProperty(u"role", u"change")

        self.cardPageLayout.addWidget(self.cardAmountLabel)

        self.cardHintLabel = QLabel(self.cardPage)
        self.cardHintLabel.setObjectName(u"cardHintLabel")
        self.cardHintLabel.setWordWrap(True)
        self.cardHintLabel.setProperty(u"role", u"subtitle")

        self.cardPageLayout.addWidget(self.cardHintLabel)

        self.cardSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.cardPageLayout.addItem(self.cardSpacer)

        self.stack.addWidget(self.cardPage)

        self.dialogLayout.addWidget(self.stack)

        self.messageLabel = QLabel(PaymentDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setText(u"")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setProperty(u"role", u"message")

        self.dialogLayout.addWidget(self.messageLabel)

        self.buttonsLayout = QHBoxLayout()
        self.buttonsLayout.setSpacing(12)
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.cancelButton = QPushButton(PaymentDialog)
        self.cancelButton.setObjectName(u"cancelButton")
        self.cancelButton.setMinimumSize(QSize(0, 64))
        self.cancelButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancelButton.setProperty(u"role", u"key")

        self.buttonsLayout.addWidget(self.cancelButton)

        self.buttonsSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonsLayout.addItem(self.buttonsSpacer)

        self.cardButton = QPushButton(PaymentDialog)
        self.cardButton.setObjectName(u"cardButton")
        self.cardButton.setMinimumSize(QSize(0, 64))
        self.cardButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cardButton.setProperty(u"role", u"secondaryKey")

        self.buttonsLayout.addWidget(self.cardButton)

        self.completeButton = QPushButton(PaymentDialog)
        self.completeButton.setObjectName(u"completeButton")
        self.completeButton.setMinimumSize(QSize(0, 64))
        self.completeButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.completeButton.setProperty(u"role", u"primary")

        self.buttonsLayout.addWidget(self.completeButton)


        self.dialogLayout.addLayout(self.buttonsLayout)

#if QT_CONFIG(shortcut)
        self.amountLabel.setBuddy(self.amountEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PaymentDialog)

        QMetaObject.connectSlotsByName(PaymentDialog)
    # setupUi

    def retranslateUi(self, PaymentDialog):
        PaymentDialog.setWindowTitle(QCoreApplication.translate("PaymentDialog", u"Payment", None))
        self.dueTitleLabel.setText(QCoreApplication.translate("PaymentDialog", u"To pay", None))
        self.amountLabel.setText(QCoreApplication.translate("PaymentDialog", u"&Cash received", None))
        self.changeTitleLabel.setText(QCoreApplication.translate("PaymentDialog", u"Change", None))
        self.cardTitleLabel.setText(QCoreApplication.translate("PaymentDialog", u"By card", None))
        self.cardHintLabel.setText(QCoreApplication.translate("PaymentDialog", u"Take this amount on the card terminal. Press Enter when it is approved, Esc to go back.", None))
        self.cancelButton.setText(QCoreApplication.translate("PaymentDialog", u"Cancel\n"
"Esc", None))
        self.cardButton.setText(QCoreApplication.translate("PaymentDialog", u"Card\n"
"F5", None))
        self.completeButton.setText(QCoreApplication.translate("PaymentDialog", u"Complete\n"
"Enter", None))
    # retranslateUi

