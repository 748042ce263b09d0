# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'approval_dialog.ui'
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
    QLineEdit, QListWidget, QListWidgetItem, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_ApprovalDialog(object):
    def setupUi(self, ApprovalDialog):
        if not ApprovalDialog.objectName():
            ApprovalDialog.setObjectName(u"ApprovalDialog")
        ApprovalDialog.resize(560, 600)
        ApprovalDialog.setModal(True)
        self.dialogLayout = QVBoxLayout(ApprovalDialog)
        self.dialogLayout.setSpacing(12)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.dialogLayout.setContentsMargins(24, 24, 24, 24)
        self.titleLabel = QLabel(ApprovalDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"heading")

        self.dialogLayout.addWidget(self.titleLabel)

        self.hintLabel = QLabel(ApprovalDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setProperty(u"role", u"subtitle")

        self.dialogLayout.addWidget(self.hintLabel)

        self.userList = QListWidget(ApprovalDialog)
        self.userList.setObjectName(u"userList")
        self.userList.setMinimumSize(QSize(0, 200))
        self.userList.setProperty(u"role", u"people")

        self.dialogLayout.addWidget(self.userList)

        self.pinLabel = QLabel(ApprovalDialog)
        self.pinLabel.setObjectName(u"pinLabel")
        self.pinLabel.setProperty(u"role", u"section")

        self.dialogLayout.addWidget(self.pinLabel)

        self.pinEdit = QLineEdit(ApprovalDialog)
        self.pinEdit.setObjectName(u"pinEdit")
        self.pinEdit.setMaxLength(8)
        self.pinEdit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pinEdit.setMinimumSize(QSize(0, 56))
        self.pinEdit.setProperty(u"role", u"pin")

        self.dialogLayout.addWidget(self.pinEdit)

        self.messageLabel = QLabel(ApprovalDialog)
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

        self.cancelButton = QPushButton(ApprovalDialog)
        self.cancelButton.setObjectName(u"cancelButton")
        self.cancelButton.setMinimumSize(QSize(0, 64))
        self.cancelButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancelButton.setProperty(u"role", u"key")

        self.buttonsLayout.addWidget(self.cancelButton)

        self.approveButton = QPushButton(ApprovalDialog)
        self.approveButton.setObjectName(u"approveButton")
        self.approveButton.setMinimumSize(QSize(0, 64))
        self.approveButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.approveButton.setProperty(u"role", u"primary")

        self.buttonsLayout.addWidget(self.approveButton)


        self.dialogLayout.addLayout(self.buttonsLayout)

#if QT_CONFIG(shortcut)
        self.pinLabel.setBuddy(self.pinEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ApprovalDialog)

        QMetaObject.connectSlotsByName(ApprovalDialog)
    # setupUi

    def retranslateUi(self, ApprovalDialog):
        ApprovalDialog.setWindowTitle(QCoreApplication.translate("ApprovalDialog", u"A manager's approval", None))
        self.titleLabel.setText(QCoreApplication.translate("ApprovalDialog", u"A manager's approval", None))
        self.hintLabel.setText(QCoreApplication.translate("ApprovalDialog", u"A manager or the owner chooses their name and types their PIN.", None))
        self.pinLabel.setText(QCoreApplication.translate("ApprovalDialog", u"&PIN", None))
        self.cancelButton.setText(QCoreApplication.translate("ApprovalDialog", u"Cancel\n"
"Esc", None))
        self.approveButton.setText(QCoreApplication.translate("ApprovalDialog", u"Approve\n"
"Enter", None))
    # retranslateUi

