# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'checkout_window.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QAction, QBrush, QColor, QConicalGradient,
    QCursor, QFont, QFontDatabase, QGradient,
    QIcon, QImage, QKeySequence, QLinearGradient,
    QPainter, QPalette, QPixmap, QRadialGradient,
    QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFrame, QGridLayout,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QMainWindow, QMenu, QMenuBar, QPushButton,
    QSizePolicy, QStackedWidget, QStatusBar, QTableView,
    QVBoxLayout, QWidget)

class Ui_CheckoutWindow(object):
    def setupUi(self, CheckoutWindow):
        if not CheckoutWindow.objectName():
            CheckoutWindow.setObjectName(u"CheckoutWindow")
        CheckoutWindow.resize(1366, 768)
        CheckoutWindow.setMinimumSize(QSize(1024, 700))
        CheckoutWindow.setWindowTitle(u"posapp")
        self.actionSearch = QAction(CheckoutWindow)
        self.actionSearch.setObjectName(u"actionSearch")
#if QT_CONFIG(shortcut)
        self.actionSearch.setShortcut(u"F2")
#endif // QT_CONFIG(shortcut)
        self.actionQuantity = QAction(CheckoutWindow)
        self.actionQuantity.setObjectName(u"actionQuantity")
#if QT_CONFIG(shortcut)
        self.actionQuantity.setShortcut(u"F4")
#endif // QT_CONFIG(shortcut)
        self.actionPrice = QAction(CheckoutWindow)
        self.actionPrice.setObjectName(u"actionPrice")
#if QT_CONFIG(shortcut)
        self.actionPrice.setShortcut(u"F6")
#endif // QT_CONFIG(shortcut)
        self.actionDiscount = QAction(CheckoutWindow)
        self.actionDiscount.setObjectName(u"actionDiscount")
#if QT_CONFIG(shortcut)
        self.actionDiscount.setShortcut(u"F7")
#endif // QT_CONFIG(shortcut)
        self.actionRemove = QAction(CheckoutWindow)
        self.actionRemove.setObjectName(u"actionRemove")
#if QT_CONFIG(shortcut)
        self.actionRemove.setShortcut(u"Del")
#endif // QT_CONFIG(shortcut)
        self.actionPark = QAction(CheckoutWindow)
        self.actionPark.setObjectName(u"actionPark")
#if QT_CONFIG(shortcut)
        self.actionPark.setShortcut(u"F8")
#endif // QT_CONFIG(shortcut)
        self.actionResume = QAction(CheckoutWindow)
        self.actionResume.setObjectName(u"actionResume")
#if QT_CONFIG(shortcut)
        self.actionResume.setShortcut(u"F9")
#endif // QT_CONFIG(shortcut)
        self.actionVoid = QAction(CheckoutWindow)
        self.actionVoid.setObjectName(u"actionVoid")
#if QT_CONFIG(shortcut)
        self.actionVoid.setShortcut(u"F10")
#endif // QT_CONFIG(shortcut)
        self.actionRefund = QAction(CheckoutWindow)
        self.actionRefund.setObjectName(u"actionRefund")
#if QT_CONFIG(shortcut)
        self.actionRefund.setShortcut(u"F3")
#endif // QT_CONFIG(shortcut)
        self.actionEnrol = QAction(CheckoutWindow)
        self.actionEnrol.setObjectName(u"actionEnrol")
#if QT_CONFIG(shortcut)
        self.actionEnrol.setShortcut(u"Ctrl+E")
#endif // QT_CONFIG(shortcut)
        self.actionCard = QAction(CheckoutWindow)
        self.actionCard.setObjectName(u"actionCard")
#if QT_CONFIG(shortcut)
        self.actionCard.setShortcut(u"F5")
#endif // QT_CONFIG(shortcut)
        self.actionPay = QAction(CheckoutWindow)
        self.actionPay.setObjectName(u"actionPay")
#if QT_CONFIG(shortcut)
        self.actionPay.setShortcut(u"F12")
#endif // QT_CONFIG(shortcut)
        self.actionOverview = QAction(CheckoutWindow)
        self.actionOverview.setObjectName(u"actionOverview")
#if QT_CONFIG(shortcut)
        self.actionOverview.setShortcut(u"F11")
#endif // QT_CONFIG(shortcut)
        self.actionQuit = QAction(CheckoutWindow)
        self.actionQuit.setObjectName(u"actionQuit")
#if QT_CONFIG(shortcut)
        self.actionQuit.setShortcut(u"Ctrl+Q")
#endif // QT_CONFIG(shortcut)
        self.actionLock = QAction(CheckoutWindow)
        self.actionLock.setObjectName(u"actionLock")
#if QT_CONFIG(shortcut)
        self.actionLock.setShortcut(u"Ctrl+L")
#endif // QT_CONFIG(shortcut)
        self.actionCloseShift = QAction(CheckoutWindow)
        self.actionCloseShift.setObjectName(u"actionCloseShift")
#if QT_CONFIG(shortcut)
        self.actionCloseShift.setShortcut(u"Ctrl+Shift+Z")
#endif // QT_CONFIG(shortcut)
        self.centralwidget = QWidget(CheckoutWindow)
        self.centralwidget.setObjectName(u"centralwidget")
        self.rootLayout = QHBoxLayout(self.centralwidget)
        self.rootLayout.setSpacing(20)
        self.rootLayout.setObjectName(u"rootLayout")
        self.rootLayout.setContentsMargins(20, 20, 20, 20)
        self.cartLayout = QVBoxLayout()
        self.cartLayout.setSpacing(12)
        self.cartLayout.setObjectName(u"cartLayout")
        self.bannerFrame = QFrame(self.centralwidget)
        self.bannerFrame.setObjectName(u"bannerFrame")
        self.bannerFrame.setFrameShape(QFrame.Shape.NoFrame)
        self.bannerFrame.setProperty(u"role", u"banner")
        self.bannerLayout = QHBoxLayout(self.bannerFrame)
        self.bannerLayout.setObjectName(u"bannerLayout")
        self.bannerLayout.setContentsMargins(14, 14, 14, 14)
        self.bannerLabel = QLabel(self.bannerFrame)
        self.bannerLabel.setObjectName(u"bannerLabel")
        self.bannerLabel.setText(u"")
        self.bannerLabel.setWordWrap(True)

        self.bannerLayout.addWidget(self.bannerLabel)


        self.cartLayout.addWidget(self.bannerFrame)

        self.searchEdit = QLineEdit(self.centralwidget)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)
        self.searchEdit.setProperty(u"role", u"search")

        self.cartLayout.addWidget(self.searchEdit)

        self.searchResultsView = QTableView(self.centralwidget)
        self.searchResultsView.setObjectName(u"searchResultsView")
        self.searchResultsView.setVisible(False)
        self.searchResultsView.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.searchResultsView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.searchResultsView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.searchResultsView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.searchResultsView.setShowGrid(False)
        self.searchResultsView.setWordWrap(False)
        self.searchResultsView.setProperty(u"role", u"cart")

        self.cartLayout.addWidget(self.searchResultsView)

        self.searchEmptyLabel = QLabel(self.centralwidget)
        self.searchEmptyLabel.setObjectName(u"searchEmptyLabel")
        self.searchEmptyLabel.setVisible(False)
        self.searchEmptyLabel.setText(u"")
        self.searchEmptyLabel.setWordWrap(True)
        self.searchEmptyLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.searchEmptyLabel.setProperty(u"role", u"empty")

        self.cartLayout.addWidget(self.searchEmptyLabel)

        self.cartStack = QStackedWidget(self.centralwidget)
        self.cartStack.setObjectName(u"cartStack")
        self.cartTablePage = QWidget()
        self.cartTablePage.setObjectName(u"cartTablePage")
        self.cartTablePageLayout = QVBoxLayout(self.cartTablePage)
        self.cartTablePageLayout.setObjectName(u"cartTablePageLayout")
        self.cartTablePageLayout.setContentsMargins(0, 0, 0, 0)
        self.cartView = QTableView(self.cartTablePage)
        self.cartView.setObjectName(u"cartView")
        self.cartView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cartView.setAlternatingRowColors(True)
        self.cartView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.cartView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cartView.setShowGrid(False)
        self.cartView.setWordWrap(False)
        self.cartView.setProperty(u"role", u"cart")

        self.cartTablePageLayout.addWidget(self.cartView)

        self.cartStack.addWidget(self.cartTablePage)
        self.cartEmptyPage = QWidget()
        self.cartEmptyPage.setObjectName(u"cartEmptyPage")
        self.cartEmptyPageLayout = QVBoxLayout(self.cartEmptyPage)
        self.cartEmptyPageLayout.setObjectName(u"cartEmptyPageLayout")
        self.cartEmptyPageLayout.setContentsMargins(0, 0, 0, 0)
        self.cartEmptyFrame = QFrame(self.cartEmptyPage)
        self.cartEmptyFrame.setObjectName(u"cartEmptyFrame")
        self.cartEmptyFrame.setProperty(u"card", True)
        self.cartEmptyLayout = QVBoxLayout(self.cartEmptyFrame)
        self.cartEmptyLayout.setObjectName(u"cartEmptyLayout")
        self.cartEmptyLabel = QLabel(self.cartEmptyFrame)
        self.cartEmptyLabel.setObjectName(u"cartEmptyLabel")
        self.cartEmptyLabel.setWordWrap(True)
        self.cartEmptyLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cartEmptyLabel.setProperty(u"role", u"empty")

        self.cartEmptyLayout.addWidget(self.cartEmptyLabel)


        self.cartEmptyPageLayout.addWidget(self.cartEmptyFrame)

        self.cartStack.addWidget(self.cartEmptyPage)

        self.cartLayout.addWidget(self.cartStack)

        self.assistStack = QStackedWidget(self.centralwidget)
        self.assistStack.setObjectName(u"assistStack")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.assistStack.sizePolicy().hasHeightForWidth())
        self.assistStack.setSizePolicy(sizePolicy)
        self.quickKeysPanel = QWidget()
        self.quickKeysPanel.setObjectName(u"quickKeysPanel")
        self.quickKeysLayout = QGridLayout(self.quickKeysPanel)
        self.quickKeysLayout.setSpacing(8)
        self.quickKeysLayout.setObjectName(u"quickKeysLayout")
        self.quickKeysLayout.setContentsMargins(0, 0, 0, 0)
        self.assistStack.addWidget(self.quickKeysPanel)
        self.remindersPanel = QFrame()
        self.remindersPanel.setObjectName(u"remindersPanel")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        sizePolicy1.setHorizontalStretch(0)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.remindersPanel.sizePolicy().hasHeightForWidth())
        self.remindersPanel.setSizePolicy(sizePolicy1)
        self.remindersPanel.setMinimumSize(QSize(0, 200))
        self.remindersPanel.setProperty(u"role", u"reminders")
        self.remindersLayout = QVBoxLayout(self.remindersPanel)
        self.remindersLayout.setSpacing(0)
        self.remindersLayout.setObjectName(u"remindersLayout")
        self.remindersLayout.setContentsMargins(4, 6, 4, 4)
        self.stageHintLabel = QLabel(self.remindersPanel)
        self.stageHintLabel.setObjectName(u"stageHintLabel")
        self.stageHintLabel.setProperty(u"role", u"stageHint")

        self.remindersLayout.addWidget(self.stageHintLabel)

        self.remindersView = QTableView(self.remindersPanel)
        self.remindersView.setObjectName(u"remindersView")
        self.remindersView.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.remindersView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.remindersView.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.remindersView.setShowGrid(False)
        self.remindersView.setWordWrap(False)
        self.remindersView.setProperty(u"role", u"reminders")

        self.remindersLayout.addWidget(self.remindersView)

        self.assistStack.addWidget(self.remindersPanel)

        self.cartLayout.addWidget(self.assistStack)

        self.cartLayout.setStretch(2, 1)

        self.rootLayout.addLayout(self.cartLayout)

        self.sidePanel = QWidget(self.centralwidget)
        self.sidePanel.setObjectName(u"sidePanel")
        sizePolicy2 = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        sizePolicy2.setHorizontalStretch(0)
        sizePolicy2.setVerticalStretch(0)
        sizePolicy2.setHeightForWidth(self.sidePanel.sizePolicy().hasHeightForWidth())
        self.sidePanel.setSizePolicy(sizePolicy2)
        self.sidePanel.setMinimumSize(QSize(360, 0))
        self.sidePanel.setMaximumSize(QSize(460, 16777215))
        self.sideLayout = QVBoxLayout(self.sidePanel)
        self.sideLayout.setSpacing(6)
        self.sideLayout.setObjectName(u"sideLayout")
        self.sideLayout.setContentsMargins(0, 0, 0, 0)
        self.customerFrame = QFrame(self.sidePanel)
        self.customerFrame.setObjectName(u"customerFrame")
        self.customerFrame.setProperty(u"card", True)
        self.customerLayout = QVBoxLayout(self.customerFrame)
        self.customerLayout.setSpacing(2)
        self.customerLayout.setObjectName(u"customerLayout")
        self.customerLayout.setContentsMargins(12, 8, 12, 8)
        self.customerTitleLabel = QLabel(self.customerFrame)
        self.customerTitleLabel.setObjectName(u"customerTitleLabel")
        self.customerTitleLabel.setProperty(u"role", u"cardTitle")

        self.customerLayout.addWidget(self.customerTitleLabel)

        self.customerNameLabel = QLabel(self.customerFrame)
        self.customerNameLabel.setObjectName(u"customerNameLabel")
        self.customerNameLabel.setWordWrap(True)
        self.customerNameLabel.setProperty(u"role", u"customer")

        self.customerLayout.addWidget(self.customerNameLabel)

        self.customerDetailLabel = QLabel(self.customerFrame)
        self.customerDetailLabel.setObjectName(u"customerDetailLabel")
        self.customerDetailLabel.setText(u"")
        self.customerDetailLabel.setWordWrap(True)
        self.customerDetailLabel.setProperty(u"role", u"caption")

        self.customerLayout.addWidget(self.customerDetailLabel)

        self.customerActionsLayout = QGridLayout()
        self.customerActionsLayout.setObjectName(u"customerActionsLayout")
        self.rewardsView = QTableView(self.customerFrame)
        self.rewardsView.setObjectName(u"rewardsView")
        self.rewardsView.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.rewardsView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rewardsView.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.rewardsView.setShowGrid(False)
        self.rewardsView.setWordWrap(False)
        self.rewardsView.setProperty(u"role", u"rewards")

        self.customerActionsLayout.addWidget(self.rewardsView, 0, 0, 1, 1)

        self.enrolButton = QPushButton(self.customerFrame)
        self.enrolButton.setObjectName(u"enrolButton")
        self.enrolButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.enrolButton.setProperty(u"role", u"secondaryKey")

        self.customerActionsLayout.addWidget(self.enrolButton, 0, 0, 1, 1, Qt.AlignmentFlag.AlignTop)


        self.customerLayout.addLayout(self.customerActionsLayout)


        self.sideLayout.addWidget(self.customerFrame)

        self.totalFrame = QFrame(self.sidePanel)
        self.totalFrame.setObjectName(u"totalFrame")
        self.totalFrame.setProperty(u"card", True)
        self.totalLayout = QVBoxLayout(self.totalFrame)
        self.totalLayout.setSpacing(2)
        self.totalLayout.setObjectName(u"totalLayout")
        self.totalLayout.setContentsMargins(16, 16, 16, 16)
        self.totalTitleLayout = QHBoxLayout()
        self.totalTitleLayout.setObjectName(u"totalTitleLayout")
        self.totalTitleLabel = QLabel(self.totalFrame)
        self.totalTitleLabel.setObjectName(u"totalTitleLabel")
        self.totalTitleLabel.setProperty(u"role", u"cardTitle")

        self.totalTitleLayout.addWidget(self.totalTitleLabel)

        self.rewardsLabel = QLabel(self.totalFrame)
        self.rewardsLabel.setObjectName(u"rewardsLabel")
        self.rewardsLabel.setText(u"")
        self.rewardsLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.rewardsLabel.setProperty(u"role", u"rewardsTotal")

        self.totalTitleLayout.addWidget(self.rewardsLabel)


        self.totalLayout.addLayout(self.totalTitleLayout)

        self.totalLabel = QLabel(self.totalFrame)
        self.totalLabel.setObjectName(u"totalLabel")
        self.totalLabel.setText(u"0,00 \u20ac")
        self.totalLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.totalLabel.setProperty(u"role", u"total")

        self.totalLayout.addWidget(self.totalLabel)

        self.vatLabel = QLabel(self.totalFrame)
        self.vatLabel.setObjectName(u"vatLabel")
        self.vatLabel.setText(u"VAT included")
        self.vatLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.vatLabel.setProperty(u"role", u"caption")

        self.totalLayout.addWidget(self.vatLabel)


        self.sideLayout.addWidget(self.totalFrame)

        self.keysLayout = QGridLayout()
        self.keysLayout.setSpacing(10)
        self.keysLayout.setObjectName(u"keysLayout")
        self.quantityButton = QPushButton(self.sidePanel)
        self.quantityButton.setObjectName(u"quantityButton")
        self.quantityButton.setMinimumSize(QSize(0, 64))
        self.quantityButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.quantityButton.setProperty(u"role", u"key")

        self.keysLayout.addWidget(self.quantityButton, 0, 1, 1, 1)

        self.priceButton = QPushButton(self.sidePanel)
        self.priceButton.setObjectName(u"priceButton")
        self.priceButton.setMinimumSize(QSize(0, 64))
        self.priceButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.priceButton.setProperty(u"role", u"key")

        self.keysLayout.addWidget(self.priceButton, 0, 2, 1, 1)

        self.discountButton = QPushButton(self.sidePanel)
        self.discountButton.setObjectName(u"discountButton")
        self.discountButton.setMinimumSize(QSize(0, 64))
        self.discountButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.discountButton.setProperty(u"role", u"key")

        self.keysLayout.addWidget(self.discountButton, 1, 0, 1, 1)

        self.removeButton = QPushButton(self.sidePanel)
        self.removeButton.setObjectName(u"removeButton")
        self.removeButton.setMinimumSize(QSize(0, 64))
        self.removeButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.removeButton.setProperty(u"role", u"key")

        self.keysLayout.addWidget(self.removeButton, 1, 1, 1, 1)

        self.parkButton = QPushButton(self.sidePanel)
        self.parkButton.setObjectName(u"parkButton")
        self.parkButton.setMinimumSize(QSize(0, 64))
        self.parkButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.parkButton.setProperty(u"role", u"key")

        self.keysLayout.addWidget(self.parkButton, 1, 2, 1, 1)

        self.resumeButton = QPushButton(self.sidePanel)
        self.resumeButton.setObjectName(u"resumeButton")
        self.resumeButton.setMinimumSize(QSize(0, 64))
        self.resumeButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.resumeButton.setProperty(u"role", u"key")

        self.keysLayout.addWidget(self.resumeButton, 2, 0, 1, 1)

        self.voidButton = QPushButton(self.sidePanel)
        self.voidButton.setObjectName(u"voidButton")
        self.voidButton.setMinimumSize(QSize(0, 64))
        self.voidButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.voidButton.setProperty(u"role", u"key")

        self.keysLayout.addWidget(self.voidButton, 2, 1, 1, 1)

        self.refundButton = QPushButton(self.sidePanel)
        self.refundButton.setObjectName(u"refundButton")
        self.refundButton.setMinimumSize(QSize(0, 64))
        self.refundButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.refundButton.setProperty(u"role", u"key")

        self.keysLayout.addWidget(self.refundButton, 0, 0, 1, 1)

        self.cardButton = QPushButton(self.sidePanel)
        self.cardButton.setObjectName(u"cardButton")
        self.cardButton.setMinimumSize(QSize(0, 64))
        self.cardButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cardButton.setProperty(u"role", u"secondaryKey")

        self.keysLayout.addWidget(self.cardButton, 2, 2, 1, 1)

        self.payButton = QPushButton(self.sidePanel)
        self.payButton.setObjectName(u"payButton")
        self.payButton.setMinimumSize(QSize(0, 64))
        self.payButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.payButton.setProperty(u"role", u"pay")

        self.keysLayout.addWidget(self.payButton, 3, 0, 1, 3)


        self.sideLayout.addLayout(self.keysLayout)


        self.rootLayout.addWidget(self.sidePanel)

        self.rootLayout.setStretch(0, 5)
        self.rootLayout.setStretch(1, 2)
        CheckoutWindow.setCentralWidget(self.centralwidget)
        self.menubar = QMenuBar(CheckoutWindow)
        self.menubar.setObjectName(u"menubar")
        self.menubar.setGeometry(QRect(0, 0, 1366, 30))
        self.menuSale = QMenu(self.menubar)
        self.menuSale.setObjectName(u"menuSale")
        self.menuShop = QMenu(self.menubar)
        self.menuShop.setObjectName(u"menuShop")
        CheckoutWindow.setMenuBar(self.menubar)
        self.statusbar = QStatusBar(CheckoutWindow)
        self.statusbar.setObjectName(u"statusbar")
        self.statusbar.setSizeGripEnabled(False)
        CheckoutWindow.setStatusBar(self.statusbar)

        self.menubar.addAction(self.menuSale.menuAction())
        self.menubar.addAction(self.menuShop.menuAction())
        self.menuSale.addAction(self.actionSearch)
        self.menuSale.addAction(self.actionQuantity)
        self.menuSale.addAction(self.actionPrice)
        self.menuSale.addAction(self.actionDiscount)
        self.menuSale.addAction(self.actionRemove)
        self.menuSale.addSeparator()
        self.menuSale.addAction(self.actionPark)
        self.menuSale.addAction(self.actionResume)
        self.menuSale.addAction(self.actionVoid)
        self.menuSale.addAction(self.actionRefund)
        self.menuSale.addSeparator()
        self.menuSale.addAction(self.actionCard)
        self.menuSale.addAction(self.actionPay)
        self.menuSale.addSeparator()
        self.menuSale.addAction(self.actionEnrol)
        self.menuShop.addAction(self.actionOverview)
        self.menuShop.addSeparator()
        self.menuShop.addAction(self.actionLock)
        self.menuShop.addAction(self.actionCloseShift)
        self.menuShop.addSeparator()
        self.menuShop.addAction(self.actionQuit)

        self.retranslateUi(CheckoutWindow)

        QMetaObject.connectSlotsByName(CheckoutWindow)
    # setupUi

    def retranslateUi(self, CheckoutWindow):
        self.actionSearch.setText(QCoreApplication.translate("CheckoutWindow", u"&Search for a product", None))
        self.actionQuantity.setText(QCoreApplication.translate("CheckoutWindow", u"Change the &quantity", None))
        self.actionPrice.setText(QCoreApplication.translate("CheckoutWindow", u"Change the &price", None))
        self.actionDiscount.setText(QCoreApplication.translate("CheckoutWindow", u"&Discount the line", None))
        self.actionRemove.setText(QCoreApplication.translate("CheckoutWindow", u"&Remove the line", None))
        self.actionPark.setText(QCoreApplication.translate("CheckoutWindow", u"P&ark the sale", None))
        self.actionResume.setText(QCoreApplication.translate("CheckoutWindow", u"Res&ume a parked sale", None))
        self.actionVoid.setText(QCoreApplication.translate("CheckoutWindow", u"&Void the sale", None))
        self.actionRefund.setText(QCoreApplication.translate("CheckoutWindow", u"Re&fund a sale", None))
        self.actionEnrol.setText(QCoreApplication.translate("CheckoutWindow", u"&New member\u2026", None))
        self.actionCard.setText(QCoreApplication.translate("CheckoutWindow", u"Pay by &card", None))
        self.actionPay.setText(QCoreApplication.translate("CheckoutWindow", u"&Pay", None))
        self.actionOverview.setText(QCoreApplication.translate("CheckoutWindow", u"Shop &overview", None))
        self.actionQuit.setText(QCoreApplication.translate("CheckoutWindow", u"&Quit", None))
        self.actionLock.setText(QCoreApplication.translate("CheckoutWindow", u"&Lock the till", None))
        self.actionCloseShift.setText(QCoreApplication.translate("CheckoutWindow", u"&Close the shift\u2026", None))
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("CheckoutWindow", u"F2 \u2014 find a product by name or SKU", None))
        self.cartEmptyLabel.setText(QCoreApplication.translate("CheckoutWindow", u"Scan the first item, or press F2 to find it by name.", None))
#if QT_CONFIG(tooltip)
        self.remindersPanel.setToolTip(QCoreApplication.translate("CheckoutWindow", u"What is worth saying or doing for this customer. Ctrl+D: the first one done \u00b7 Ctrl+Shift+D: dismissed \u00b7 a tap: that one done \u00b7 Ctrl+N: add a note, promise or complaint", None))
#endif // QT_CONFIG(tooltip)
        self.customerTitleLabel.setText(QCoreApplication.translate("CheckoutWindow", u"Customer", None))
        self.customerNameLabel.setText(QCoreApplication.translate("CheckoutWindow", u"No customer", None))
        self.enrolButton.setText(QCoreApplication.translate("CheckoutWindow", u"New member  Ctrl+E", None))
        self.totalTitleLabel.setText(QCoreApplication.translate("CheckoutWindow", u"Total", None))
        self.quantityButton.setText(QCoreApplication.translate("CheckoutWindow", u"Quantity\n"
"F4", None))
        self.priceButton.setText(QCoreApplication.translate("CheckoutWindow", u"Price\n"
"F6", None))
        self.discountButton.setText(QCoreApplication.translate("CheckoutWindow", u"Discount\n"
"F7", None))
        self.removeButton.setText(QCoreApplication.translate("CheckoutWindow", u"Remove\n"
"Del", None))
        self.parkButton.setText(QCoreApplication.translate("CheckoutWindow", u"Park\n"
"F8", None))
        self.resumeButton.setText(QCoreApplication.translate("CheckoutWindow", u"Resume\n"
"F9", None))
        self.voidButton.setText(QCoreApplication.translate("CheckoutWindow", u"Void\n"
"F10", None))
        self.refundButton.setText(QCoreApplication.translate("CheckoutWindow", u"Refund\n"
"F3", None))
        self.cardButton.setText(QCoreApplication.translate("CheckoutWindow", u"Card\n"
"F5", None))
        self.payButton.setText(QCoreApplication.translate("CheckoutWindow", u"Pay\n"
"F12", None))
        self.menuSale.setTitle(QCoreApplication.translate("CheckoutWindow", u"&Sale", None))
        self.menuShop.setTitle(QCoreApplication.translate("CheckoutWindow", u"S&hop", None))
        pass
    # retranslateUi

