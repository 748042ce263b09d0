# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'open_shift_dialog.ui'
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

class Ui_OpenShiftDialog(object):
    def setupUi(self, OpenShiftDialog):
        if not OpenShiftDialog.objectName():
            OpenShiftDialog.setObjectName(u"OpenShiftDialog")
        OpenShiftDialog.resize(520, 340)
        OpenShiftDialog.setModal(True)
        self.dialogLayout = QVBoxLayout(OpenShiftDialog)
        self.dialogLayout.setSpacing(12)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.dialogLayout.setContentsMargins(24, 24, 24, 24)
        self.titleLabel = QLabel(OpenShiftDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"heading")

        self.dialogLayout.addWidget(self.titleLabel)

        self.hintLabel = QLabel(OpenShiftDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setProperty(u"role", u"subtitle")

        self.dialogLayout.addWidget(self.hintLabel)

        self.floatEdit = QLineEdit(OpenShiftDialog)
        self.floatEdit.setObjectName(u"floatEdit")
        self.floatEdit.setMinimumSize(QSize(0, 64))
        self.floatEdit.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.floatEdit.setProperty(u"role", u"amount")

        self.dialogLayout.addWidget(self.floatEdit)

        self.messageLabel = QLabel(OpenShiftDialog)
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

        self.cancelButton = QPushButton(OpenShiftDialog)
        self.cancelButton.setObjectName(u"cancelButton")
        self.cancelButton.setMinimumSize(QSize(0, 64))
        self.cancelButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancelButton.setProperty(u"role", u"key")

        self.buttonsLayout.addWidget(self.cancelButton)

        self.openButton = QPushButton(OpenShiftDialog)
        self.openButton.setObjectName(u"openButton")
        self.openButton.setMinimumSize(QSize(0, 64))
        self.openButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.openButton.setProperty(u"role", u"primary")

        self.buttonsLayout.addWidget(self.openButton)


        self.dialogLayout.addLayout(self.buttonsLayout)


        self.retranslateUi(OpenShiftDialog)

        QMetaObject.connectSlotsByName(OpenShiftDialog)
    # setupUi

    def retranslateUi(self, OpenShiftDialog):
        OpenShiftDialog.setWindowTitle(QCoreApplication.translate("OpenShiftDialog", u"Open the shift", None))
        self.titleLabel.setText(QCoreApplication.translate("OpenShiftDialog", u"Open the shift", None))
        self.hintLabel.setText(QCoreApplication.translate("OpenShiftDialog", u"No shift is open on this till. Count the cash in the drawer and enter it as the float.", None))
        self.cancelButton.setText(QCoreApplication.translate("OpenShiftDialog", u"Cancel\n"
"Esc", None))
        self.openButton.setText(QCoreApplication.translate("OpenShiftDialog", u"Open shift\n"
"Enter", None))
    # retranslateUi

