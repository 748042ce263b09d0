# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sign_in_dialog.ui'
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

class Ui_SignInDialog(object):
    def setupUi(self, SignInDialog):
        if not SignInDialog.objectName():
            SignInDialog.setObjectName(u"SignInDialog")
        SignInDialog.resize(560, 600)
        SignInDialog.setModal(True)
        self.dialogLayout = QVBoxLayout(SignInDialog)
        self.dialogLayout.setSpacing(12)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.dialogLayout.setContentsMargins(24, 24, 24, 24)
        self.titleLabel = QLabel(SignInDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"heading")

        self.dialogLayout.addWidget(self.titleLabel)

        self.hintLabel = QLabel(SignInDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setProperty(u"role", u"subtitle")

        self.dialogLayout.addWidget(self.hintLabel)

        self.userList = QListWidget(SignInDialog)
        self.userList.setObjectName(u"userList")
        self.userList.setMinimumSize(QSize(0, 200))
        self.userList.setProperty(u"role", u"people")

        self.dialogLayout.addWidget(self.userList)

        self.pinLabel = QLabel(SignInDialog)
        self.pinLabel.setObjectName(u"pinLabel")
        self.pinLabel.setProperty(u"role", u"section")

        self.dialogLayout.addWidget(self.pinLabel)

        self.pinEdit = QLineEdit(SignInDialog)
        self.pinEdit.setObjectName(u"pinEdit")
        self.pinEdit.setMaxLength(8)
        self.pinEdit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pinEdit.setMinimumSize(QSize(0, 56))
        self.pinEdit.setProperty(u"role", u"pin")

        self.dialogLayout.addWidget(self.pinEdit)

        self.messageLabel = QLabel(SignInDialog)
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

        self.cancelButton = QPushButton(SignInDialog)
        self.cancelButton.setObjectName(u"cancelButton")
        self.cancelButton.setMinimumSize(QSize(0, 64))
        self.cancelButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancelButton.setProperty(u"role", u"key")

        self.buttonsLayout.addWidget(self.cancelButton)

        self.signInButton = QPushButton(SignInDialog)
        self.signInButton.setObjectName(u"signInButton")
        self.signInButton.setMinimumSize(QSize(0, 64))
        self.signInButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.signInButton.setProperty(u"role", u"primary")

        self.buttonsLayout.addWidget(self.signInButton)


        self.dialogLayout.addLayout(self.buttonsLayout)

#if QT_CONFIG(shortcut)
        self.pinLabel.setBuddy(self.pinEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SignInDialog)

        QMetaObject.connectSlotsByName(SignInDialog)
    # setupUi

    def retranslateUi(self, SignInDialog):
        SignInDialog.setWindowTitle(QCoreApplication.translate("SignInDialog", u"Sign in", None))
        self.titleLabel.setText(QCoreApplication.translate("SignInDialog", u"Sign in", None))
        self.hintLabel.setText(QCoreApplication.translate("SignInDialog", u"Choose your name (Up and Down keys), then type your PIN and press Enter.", None))
        self.pinLabel.setText(QCoreApplication.translate("SignInDialog", u"&PIN", None))
        self.cancelButton.setText(QCoreApplication.translate("SignInDialog", u"Cancel\n"
"Esc", None))
        self.signInButton.setText(QCoreApplication.translate("SignInDialog", u"Sign in\n"
"Enter", None))
    # retranslateUi

