# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'void_dialog.ui'
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

class Ui_VoidDialog(object):
    def setupUi(self, VoidDialog):
        if not VoidDialog.objectName():
            VoidDialog.setObjectName(u"VoidDialog")
        VoidDialog.resize(560, 340)
        VoidDialog.setModal(True)
        self.dialogLayout = QVBoxLayout(VoidDialog)
        self.dialogLayout.setSpacing(12)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.dialogLayout.setContentsMargins(24, 24, 24, 24)
        self.titleLabel = QLabel(VoidDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"heading")

        self.dialogLayout.addWidget(self.titleLabel)

        self.hintLabel = QLabel(VoidDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setProperty(u"role", u"subtitle")

        self.dialogLayout.addWidget(self.hintLabel)

        self.reasonLabel = QLabel(VoidDialog)
        self.reasonLabel.setObjectName(u"reasonLabel")
        self.reasonLabel.setProperty(u"role", u"section")

        self.dialogLayout.addWidget(self.reasonLabel)

        self.reasonEdit = QLineEdit(VoidDialog)
        self.reasonEdit.setObjectName(u"reasonEdit")
        self.reasonEdit.setMaxLength(200)
        self.reasonEdit.setMinimumSize(QSize(0, 56))

        self.dialogLayout.addWidget(self.reasonEdit)

        self.messageLabel = QLabel(VoidDialog)
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

        self.cancelButton = QPushButton(VoidDialog)
        self.cancelButton.setObjectName(u"cancelButton")
        self.cancelButton.setMinimumSize(QSize(0, 64))
        self.cancelButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancelButton.setProperty(u"role", u"key")

        self.buttonsLayout.addWidget(self.cancelButton)

        self.voidButton = QPushButton(VoidDialog)
        self.voidButton.setObjectName(u"voidButton")
        self.voidButton.setMinimumSize(QSize(0, 64))
        self.voidButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.voidButton.setProperty(u"role", u"primary")

        self.buttonsLayout.addWidget(self.voidButton)


        self.dialogLayout.addLayout(self.buttonsLayout)

#if QT_CONFIG(shortcut)
        self.reasonLabel.setBuddy(self.reasonEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(VoidDialog)

        QMetaObject.connectSlotsByName(VoidDialog)
    # setupUi

    def retranslateUi(self, VoidDialog):
        VoidDialog.setWindowTitle(QCoreApplication.translate("VoidDialog", u"Void the sale", None))
        self.titleLabel.setText(QCoreApplication.translate("VoidDialog", u"Void the sale", None))
        self.hintLabel.setText(QCoreApplication.translate("VoidDialog", u"The sale is cancelled and kept, without a receipt, for the owner. Say why.", None))
        self.reasonLabel.setText(QCoreApplication.translate("VoidDialog", u"&Reason", None))
        self.cancelButton.setText(QCoreApplication.translate("VoidDialog", u"Cancel\n"
"Esc", None))
        self.voidButton.setText(QCoreApplication.translate("VoidDialog", u"Void the sale\n"
"Enter", None))
    # retranslateUi

