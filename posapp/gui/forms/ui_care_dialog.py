# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'care_dialog.ui'
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
    QLabel, QLineEdit, QPushButton, QRadioButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_CareDialog(object):
    def setupUi(self, CareDialog):
        if not CareDialog.objectName():
            CareDialog.setObjectName(u"CareDialog")
        CareDialog.resize(680, 640)
        CareDialog.setModal(True)
        self.dialogLayout = QVBoxLayout(CareDialog)
        self.dialogLayout.setSpacing(12)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.dialogLayout.setContentsMargins(24, 24, 24, 24)
        self.titleLabel = QLabel(CareDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"heading")

        self.dialogLayout.addWidget(self.titleLabel)

        self.hintLabel = QLabel(CareDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setProperty(u"role", u"subtitle")

        self.dialogLayout.addWidget(self.hintLabel)

        self.kindsLayout = QGridLayout()
        self.kindsLayout.setObjectName(u"kindsLayout")
        self.kindsLayout.setHorizontalSpacing(16)
        self.kindsLayout.setVerticalSpacing(8)
        self.noteButton = QRadioButton(CareDialog)
        self.noteButton.setObjectName(u"noteButton")
        self.noteButton.setChecked(True)

        self.kindsLayout.addWidget(self.noteButton, 0, 0, 1, 1)

        self.preferenceButton = QRadioButton(CareDialog)
        self.preferenceButton.setObjectName(u"preferenceButton")

        self.kindsLayout.addWidget(self.preferenceButton, 0, 1, 1, 1)

        self.promiseButton = QRadioButton(CareDialog)
        self.promiseButton.setObjectName(u"promiseButton")

        self.kindsLayout.addWidget(self.promiseButton, 0, 2, 1, 1)

        self.complaintButton = QRadioButton(CareDialog)
        self.complaintButton.setObjectName(u"complaintButton")

        self.kindsLayout.addWidget(self.complaintButton, 0, 3, 1, 1)

        self.resolveButton = QRadioButton(CareDialog)
        self.resolveButton.setObjectName(u"resolveButton")

        self.kindsLayout.addWidget(self.resolveButton, 1, 0, 1, 1)

        self.cancelPromiseButton = QRadioButton(CareDialog)
        self.cancelPromiseButton.setObjectName(u"cancelPromiseButton")

        self.kindsLayout.addWidget(self.cancelPromiseButton, 1, 1, 1, 1)

        self.ratingCommentButton = QRadioButton(CareDialog)
        self.ratingCommentButton.setObjectName(u"ratingCommentButton")

        self.kindsLayout.addWidget(self.ratingCommentButton, 1, 2, 1, 1)

        self.kindsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.kindsLayout.addItem(self.kindsSpacer, 0, 4, 1, 1)


        self.dialogLayout.addLayout(self.kindsLayout)

        self.aboutLabel = QLabel(CareDialog)
        self.aboutLabel.setObjectName(u"aboutLabel")
        self.aboutLabel.setText(u"")
        self.aboutLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.aboutLabel)

        self.fieldsLayout = QGridLayout()
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.fieldsLayout.setHorizontalSpacing(16)
        self.fieldsLayout.setVerticalSpacing(8)
        self.textLabel = QLabel(CareDialog)
        self.textLabel.setObjectName(u"textLabel")

        self.fieldsLayout.addWidget(self.textLabel, 0, 0, 1, 1)

        self.textEdit = QLineEdit(CareDialog)
        self.textEdit.setObjectName(u"textEdit")
        self.textEdit.setMaxLength(500)

        self.fieldsLayout.addWidget(self.textEdit, 0, 1, 1, 1)

        self.extraLabel = QLabel(CareDialog)
        self.extraLabel.setObjectName(u"extraLabel")
        self.extraLabel.setText(u"")

        self.fieldsLayout.addWidget(self.extraLabel, 1, 0, 1, 1)

        self.extraEdit = QLineEdit(CareDialog)
        self.extraEdit.setObjectName(u"extraEdit")
        self.extraEdit.setMaxLength(500)

        self.fieldsLayout.addWidget(self.extraEdit, 1, 1, 1, 1)


        self.dialogLayout.addLayout(self.fieldsLayout)

        self.messageLabel = QLabel(CareDialog)
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

        self.cancelButton = QPushButton(CareDialog)
        self.cancelButton.setObjectName(u"cancelButton")
        self.cancelButton.setMinimumSize(QSize(0, 64))
        self.cancelButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancelButton.setProperty(u"role", u"key")

        self.buttonsLayout.addWidget(self.cancelButton)

        self.saveButton = QPushButton(CareDialog)
        self.saveButton.setObjectName(u"saveButton")
        self.saveButton.setMinimumSize(QSize(0, 64))
        self.saveButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.saveButton.setProperty(u"role", u"primary")

        self.buttonsLayout.addWidget(self.saveButton)


        self.dialogLayout.addLayout(self.buttonsLayout)

#if QT_CONFIG(shortcut)
        self.textLabel.setBuddy(self.textEdit)
        self.extraLabel.setBuddy(self.extraEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(CareDialog)

        QMetaObject.connectSlotsByName(CareDialog)
    # setupUi

    def retranslateUi(self, CareDialog):
        CareDialog.setWindowTitle(QCoreApplication.translate("CareDialog", u"Customer care", None))
        self.titleLabel.setText(QCoreApplication.translate("CareDialog", u"Customer care", None))
        self.hintLabel.setText(QCoreApplication.translate("CareDialog", u"What colleagues should know or do. 1\u20137 choose, Enter saves.", None))
        self.noteButton.setText(QCoreApplication.translate("CareDialog", u"&1 Note", None))
        self.preferenceButton.setText(QCoreApplication.translate("CareDialog", u"&2 Preference", None))
        self.promiseButton.setText(QCoreApplication.translate("CareDialog", u"&3 Promise", None))
        self.complaintButton.setText(QCoreApplication.translate("CareDialog", u"&4 Complaint", None))
        self.resolveButton.setText(QCoreApplication.translate("CareDialog", u"&5 Complaint resolved", None))
        self.cancelPromiseButton.setText(QCoreApplication.translate("CareDialog", u"&6 Promise cancelled", None))
        self.ratingCommentButton.setText(QCoreApplication.translate("CareDialog", u"&7 Comment on the rating", None))
        self.textLabel.setText(QCoreApplication.translate("CareDialog", u"&What", None))
        self.cancelButton.setText(QCoreApplication.translate("CareDialog", u"Cancel\n"
"Esc", None))
        self.saveButton.setText(QCoreApplication.translate("CareDialog", u"Save\n"
"Enter", None))
    # retranslateUi

