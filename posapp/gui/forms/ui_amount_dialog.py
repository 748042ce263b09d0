# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'amount_dialog.ui'
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
from PySide6.QtWidgets import (QApplication, QDialog, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_AmountDialog(object):
    def setupUi(self, AmountDialog):
        if not AmountDialog.objectName():
            AmountDialog.setObjectName(u"AmountDialog")
        AmountDialog.resize(520, 340)
        AmountDialog.setModal(True)
        self.dialogLayout = QVBoxLayout(AmountDialog)
        self.dialogLayout.setSpacing(12)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.dialogLayout.setContentsMargins(24, 24, 24, 24)
        self.titleLabel = QLabel(AmountDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"heading")

        self.dialogLayout.addWidget(self.titleLabel)

        self.hintLabel = QLabel(AmountDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setProperty(u"role", u"subtitle")

        self.dialogLayout.addWidget(self.hintLabel)

        self.amountEdit = QLineEdit(AmountDialog)
        self.amountEdit.setObjectName(u"amountEdit")
        self.amountEdit.setMinimumSize(QSize(0, 64))
        self.amountEdit.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.amountEdit.setProperty(u"role", u"amount")

        self.dialogLayout.addWidget(self.amountEdit)

        self.messageLabel = QLabel(AmountDialog)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setText(u"")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setProperty(u"role", u"message")

        self.dialogLayout.addWidget(self.messageLabel)

        self.dialogSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.dialogLayout.addItem(self.dialogSpacer)

        self.buttonsLayout = QHBoxLayout()
        self.buttonsLayout.setSpacing(12)
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.buttonsLayoutSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonsLayout.addItem(self.buttonsLayoutSpacer)

        self.cancelButton = QPushButton(AmountDialog)
        self.cancelButton.setObjectName(u"cancelButton")
        self.cancelButton.setMinimumSize(QSize(0, 64))
        self.cancelButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancelButton.setProperty(u"role", u"key")

        self.buttonsLayout.addWidget(self.cancelButton)

        self.okButton = QPushButton(AmountDialog)
        self.okButton.setObjectName(u"okButton")
        self.okButton.setMinimumSize(QSize(0, 64))
        self.okButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.okButton.setProperty(u"role", u"primary")

        self.buttonsLayout.addWidget(self.okButton)


        self.dialogLayout.addLayout(self.buttonsLayout)


        self.retranslateUi(AmountDialog)

        QMetaObject.connectSlotsByName(AmountDialog)
    # setupUi

    def retranslateUi(self, AmountDialog):
        AmountDialog.setWindowTitle(QCoreApplication.translate("AmountDialog", u"Amount", None))
        self.titleLabel.setText(QCoreApplication.translate("AmountDialog", u"Amount", None))
        self.hintLabel.setText(QCoreApplication.translate("AmountDialog", u"Prompt", None))
        self.cancelButton.setText(QCoreApplication.translate("AmountDialog", u"Cancel\n"
"Esc", None))
        self.okButton.setText(QCoreApplication.translate("AmountDialog", u"OK\n"
"Enter", None))
    # retranslateUi

