# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'enrol_dialog.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QDialog, QGridLayout,
    QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_EnrolDialog(object):
    def setupUi(self, EnrolDialog):
        if not EnrolDialog.objectName():
            EnrolDialog.setObjectName(u"EnrolDialog")
        EnrolDialog.resize(680, 640)
        EnrolDialog.setModal(True)
        self.dialogLayout = QVBoxLayout(EnrolDialog)
        self.dialogLayout.setSpacing(12)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.dialogLayout.setContentsMargins(24, 24, 24, 24)
        self.titleLabel = QLabel(EnrolDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"heading")

        self.dialogLayout.addWidget(self.titleLabel)

        self.hintLabel = QLabel(EnrolDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setProperty(u"role", u"subtitle")

        self.dialogLayout.addWidget(self.hintLabel)

        self.fieldsLayout = QGridLayout()
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.fieldsLayout.setHorizontalSpacing(16)
        self.fieldsLayout.setVerticalSpacing(8)
        self.nameLabel = QLabel(EnrolDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.fieldsLayout.addWidget(self.nameLabel, 0, 0, 1, 1)

        self.nameEdit = QLineEdit(EnrolDialog)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(120)

        self.fieldsLayout.addWidget(self.nameEdit, 0, 1, 1, 1)

        self.phoneLabel = QLabel(EnrolDialog)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.fieldsLayout.addWidget(self.phoneLabel, 1, 0, 1, 1)

        self.phoneEdit = QLineEdit(EnrolDialog)
        self.phoneEdit.setObjectName(u"phoneEdit")
        self.phoneEdit.setMaxLength(32)

        self.fieldsLayout.addWidget(self.phoneEdit, 1, 1, 1, 1)

        self.emailLabel = QLabel(EnrolDialog)
        self.emailLabel.setObjectName(u"emailLabel")

        self.fieldsLayout.addWidget(self.emailLabel, 2, 0, 1, 1)

        self.emailEdit = QLineEdit(EnrolDialog)
        self.emailEdit.setObjectName(u"emailEdit")
        self.emailEdit.setMaxLength(120)

        self.fieldsLayout.addWidget(self.emailEdit, 2, 1, 1, 1)

        self.birthdayLabel = QLabel(EnrolDialog)
        self.birthdayLabel.setObjectName(u"birthdayLabel")

        self.fieldsLayout.addWidget(self.birthdayLabel, 3, 0, 1, 1)

        self.birthdayEdit = QLineEdit(EnrolDialog)
        self.birthdayEdit.setObjectName(u"birthdayEdit")
        self.birthdayEdit.setMaxLength(10)

        self.fieldsLayout.addWidget(self.birthdayEdit, 3, 1, 1, 1)

        self.referrerLabel = QLabel(EnrolDialog)
        self.referrerLabel.setObjectName(u"referrerLabel")

        self.fieldsLayout.addWidget(self.referrerLabel, 4, 0, 1, 1)

        self.referrerEdit = QLineEdit(EnrolDialog)
        self.referrerEdit.setObjectName(u"referrerEdit")
        self.referrerEdit.setMaxLength(32)

        self.fieldsLayout.addWidget(self.referrerEdit, 4, 1, 1, 1)

        self.cardLabel = QLabel(EnrolDialog)
        self.cardLabel.setObjectName(u"cardLabel")

        self.fieldsLayout.addWidget(self.cardLabel, 5, 0, 1, 1)

        self.cardEdit = QLineEdit(EnrolDialog)
        self.cardEdit.setObjectName(u"cardEdit")
        self.cardEdit.setMaxLength(32)

        self.fieldsLayout.addWidget(self.cardEdit, 5, 1, 1, 1)


        self.dialogLayout.addLayout(self.fieldsLayout)

        self.consentBox = QCheckBox(EnrolDialog)
        self.consentBox.setObjectName(u"consentBox")

        self.dialogLayout.addWidget(self.consentBox)

        self.printBox = QCheckBox(EnrolDialog)
        self.printBox.setObjectName(u"printBox")
        self.printBox.setChecked(True)

        self.dialogLayout.addWidget(self.printBox)

        self.messageLabel = QLabel(EnrolDialog)
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

        self.cancelButton = QPushButton(EnrolDialog)
        self.cancelButton.setObjectName(u"cancelButton")
        self.cancelButton.setMinimumSize(QSize(0, 64))
        self.cancelButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancelButton.setProperty(u"role", u"key")

        self.buttonsLayout.addWidget(self.cancelButton)

        self.enrolButton = QPushButton(EnrolDialog)
        self.enrolButton.setObjectName(u"enrolButton")
        self.enrolButton.setMinimumSize(QSize(0, 64))
        self.enrolButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.enrolButton.setProperty(u"role", u"primary")

        self.buttonsLayout.addWidget(self.enrolButton)


        self.dialogLayout.addLayout(self.buttonsLayout)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.phoneLabel.setBuddy(self.phoneEdit)
        self.emailLabel.setBuddy(self.emailEdit)
        self.birthdayLabel.setBuddy(self.birthdayEdit)
        self.referrerLabel.setBuddy(self.referrerEdit)
        self.cardLabel.setBuddy(self.cardEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.nameEdit, self.phoneEdit)
        QWidget.setTabOrder(self.phoneEdit, self.emailEdit)
        QWidget.setTabOrder(self.emailEdit, self.birthdayEdit)
        QWidget.setTabOrder(self.birthdayEdit, self.referrerEdit)
        QWidget.setTabOrder(self.referrerEdit, self.cardEdit)
        QWidget.setTabOrder(self.cardEdit, self.consentBox)
        QWidget.setTabOrder(self.consentBox, self.printBox)

        self.retranslateUi(EnrolDialog)

        QMetaObject.connectSlotsByName(EnrolDialog)
    # setupUi

    def retranslateUi(self, EnrolDialog):
        EnrolDialog.setWindowTitle(QCoreApplication.translate("EnrolDialog", u"New member", None))
        self.titleLabel.setText(QCoreApplication.translate("EnrolDialog", u"New member", None))
        self.hintLabel.setText(QCoreApplication.translate("EnrolDialog", u"Only the name is needed. Tab moves between the fields, Enter enrols.", None))
        self.nameLabel.setText(QCoreApplication.translate("EnrolDialog", u"&Name", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("EnrolDialog", u"Required", None))
        self.phoneLabel.setText(QCoreApplication.translate("EnrolDialog", u"&Phone", None))
        self.emailLabel.setText(QCoreApplication.translate("EnrolDialog", u"&E-mail", None))
        self.birthdayLabel.setText(QCoreApplication.translate("EnrolDialog", u"&Birthday", None))
        self.birthdayEdit.setPlaceholderText(QCoreApplication.translate("EnrolDialog", u"24.12.1990", None))
        self.referrerLabel.setText(QCoreApplication.translate("EnrolDialog", u"&Referred by", None))
        self.referrerEdit.setPlaceholderText(QCoreApplication.translate("EnrolDialog", u"Their card or phone", None))
        self.cardLabel.setText(QCoreApplication.translate("EnrolDialog", u"&Card", None))
        self.cardEdit.setPlaceholderText(QCoreApplication.translate("EnrolDialog", u"Scan a pre-printed card, or leave empty for a new number", None))
        self.consentBox.setText(QCoreApplication.translate("EnrolDialog", u"&Agrees to hear from the shop (offers by phone or e-mail)", None))
        self.printBox.setText(QCoreApplication.translate("EnrolDialog", u"&Open the new card to print it", None))
        self.cancelButton.setText(QCoreApplication.translate("EnrolDialog", u"Cancel\n"
"Esc", None))
        self.enrolButton.setText(QCoreApplication.translate("EnrolDialog", u"Enrol\n"
"Enter", None))
    # retranslateUi

