# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'main_window.ui'
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
    QHBoxLayout, QHeaderView, QLabel, QMainWindow,
    QMenu, QMenuBar, QSizePolicy, QSpacerItem,
    QStackedWidget, QStatusBar, QTableView, QToolButton,
    QVBoxLayout, QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1280, 800)
        MainWindow.setMinimumSize(QSize(1024, 768))
        MainWindow.setWindowTitle(u"posapp")
        self.actionRefresh = QAction(MainWindow)
        self.actionRefresh.setObjectName(u"actionRefresh")
#if QT_CONFIG(shortcut)
        self.actionRefresh.setShortcut(u"F5")
#endif // QT_CONFIG(shortcut)
        self.actionQuit = QAction(MainWindow)
        self.actionQuit.setObjectName(u"actionQuit")
#if QT_CONFIG(shortcut)
        self.actionQuit.setShortcut(u"Ctrl+Q")
#endif // QT_CONFIG(shortcut)
        self.actionQuit.setMenuRole(QAction.MenuRole.QuitRole)
        self.centralwidget = QWidget(MainWindow)
        self.centralwidget.setObjectName(u"centralwidget")
        self.rootLayout = QVBoxLayout(self.centralwidget)
        self.rootLayout.setSpacing(16)
        self.rootLayout.setObjectName(u"rootLayout")
        self.rootLayout.setContentsMargins(28, 20, 28, 16)
        self.headerLayout = QHBoxLayout()
        self.headerLayout.setSpacing(16)
        self.headerLayout.setObjectName(u"headerLayout")
        self.titleLayout = QVBoxLayout()
        self.titleLayout.setSpacing(2)
        self.titleLayout.setObjectName(u"titleLayout")
        self.shopNameLabel = QLabel(self.centralwidget)
        self.shopNameLabel.setObjectName(u"shopNameLabel")
        self.shopNameLabel.setText(u"Shop name")
        self.shopNameLabel.setProperty(u"role", u"heading")

        self.titleLayout.addWidget(self.shopNameLabel)

        self.dateLabel = QLabel(self.centralwidget)
        self.dateLabel.setObjectName(u"dateLabel")
        self.dateLabel.setText(u"Date")
        self.dateLabel.setProperty(u"role", u"subtitle")

        self.titleLayout.addWidget(self.dateLabel)


        self.headerLayout.addLayout(self.titleLayout)

        self.headerSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.headerLayout.addItem(self.headerSpacer)

        self.refreshButton = QToolButton(self.centralwidget)
        self.refreshButton.setObjectName(u"refreshButton")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.refreshButton.sizePolicy().hasHeightForWidth())
        self.refreshButton.setSizePolicy(sizePolicy)
        self.refreshButton.setText(u"Refresh")
        self.refreshButton.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.refreshButton.setProperty(u"role", u"secondary")

        self.headerLayout.addWidget(self.refreshButton)

        self.tillSpacer = QSpacerItem(12, 20, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.headerLayout.addItem(self.tillSpacer)

        self.tillLayout = QVBoxLayout()
        self.tillLayout.setSpacing(0)
        self.tillLayout.setObjectName(u"tillLayout")
        self.tillCaptionLabel = QLabel(self.centralwidget)
        self.tillCaptionLabel.setObjectName(u"tillCaptionLabel")
        self.tillCaptionLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.tillCaptionLabel.setProperty(u"role", u"cardTitle")

        self.tillLayout.addWidget(self.tillCaptionLabel)

        self.tillCodeLabel = QLabel(self.centralwidget)
        self.tillCodeLabel.setObjectName(u"tillCodeLabel")
        self.tillCodeLabel.setText(u"T1")
        self.tillCodeLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.tillCodeLabel.setProperty(u"role", u"tillCode")

        self.tillLayout.addWidget(self.tillCodeLabel)


        self.headerLayout.addLayout(self.tillLayout)


        self.rootLayout.addLayout(self.headerLayout)

        self.cardsLayout = QHBoxLayout()
        self.cardsLayout.setSpacing(16)
        self.cardsLayout.setObjectName(u"cardsLayout")
        self.todayCard = QFrame(self.centralwidget)
        self.todayCard.setObjectName(u"todayCard")
        self.todayCard.setProperty(u"card", True)
        self.todayLayout = QGridLayout(self.todayCard)
        self.todayLayout.setObjectName(u"todayLayout")
        self.todayLayout.setHorizontalSpacing(32)
        self.todayLayout.setVerticalSpacing(6)
        self.todayLayout.setContentsMargins(20, 16, 20, 16)
        self.todayTitleLabel = QLabel(self.todayCard)
        self.todayTitleLabel.setObjectName(u"todayTitleLabel")
        self.todayTitleLabel.setProperty(u"role", u"cardTitle")

        self.todayLayout.addWidget(self.todayTitleLabel, 0, 0, 1, 1)

        self.salesHeaderLabel = QLabel(self.todayCard)
        self.salesHeaderLabel.setObjectName(u"salesHeaderLabel")
        self.salesHeaderLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.salesHeaderLabel.setProperty(u"role", u"caption")

        self.todayLayout.addWidget(self.salesHeaderLabel, 0, 1, 1, 1)

        self.takingsHeaderLabel = QLabel(self.todayCard)
        self.takingsHeaderLabel.setObjectName(u"takingsHeaderLabel")
        self.takingsHeaderLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.takingsHeaderLabel.setProperty(u"role", u"caption")

        self.todayLayout.addWidget(self.takingsHeaderLabel, 0, 2, 1, 1)

        self.thisTillLabel = QLabel(self.todayCard)
        self.thisTillLabel.setObjectName(u"thisTillLabel")
        self.thisTillLabel.setText(u"This till")

        self.todayLayout.addWidget(self.thisTillLabel, 1, 0, 1, 1)

        self.tillSalesLabel = QLabel(self.todayCard)
        self.tillSalesLabel.setObjectName(u"tillSalesLabel")
        self.tillSalesLabel.setText(u"0")
        self.tillSalesLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.tillSalesLabel.setProperty(u"role", u"figure")

        self.todayLayout.addWidget(self.tillSalesLabel, 1, 1, 1, 1)

        self.tillTakingsLabel = QLabel(self.todayCard)
        self.tillTakingsLabel.setObjectName(u"tillTakingsLabel")
        self.tillTakingsLabel.setText(u"0")
        self.tillTakingsLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.tillTakingsLabel.setProperty(u"role", u"figureLarge")

        self.todayLayout.addWidget(self.tillTakingsLabel, 1, 2, 1, 1)

        self.allTillsLabel = QLabel(self.todayCard)
        self.allTillsLabel.setObjectName(u"allTillsLabel")

        self.todayLayout.addWidget(self.allTillsLabel, 2, 0, 1, 1)

        self.allSalesLabel = QLabel(self.todayCard)
        self.allSalesLabel.setObjectName(u"allSalesLabel")
        self.allSalesLabel.setText(u"0")
        self.allSalesLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.allSalesLabel.setProperty(u"role", u"figure")

        self.todayLayout.addWidget(self.allSalesLabel, 2, 1, 1, 1)

        self.allTakingsLabel = QLabel(self.todayCard)
        self.allTakingsLabel.setObjectName(u"allTakingsLabel")
        self.allTakingsLabel.setText(u"0")
        self.allTakingsLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.allTakingsLabel.setProperty(u"role", u"figure")

        self.todayLayout.addWidget(self.allTakingsLabel, 2, 2, 1, 1)

        self.todayLayout.setColumnStretch(0, 1)

        self.cardsLayout.addWidget(self.todayCard)

        self.shiftCard = QFrame(self.centralwidget)
        self.shiftCard.setObjectName(u"shiftCard")
        self.shiftCard.setProperty(u"card", True)
        self.shiftLayout = QVBoxLayout(self.shiftCard)
        self.shiftLayout.setSpacing(6)
        self.shiftLayout.setObjectName(u"shiftLayout")
        self.shiftLayout.setContentsMargins(20, 16, 20, 16)
        self.shiftTitleLabel = QLabel(self.shiftCard)
        self.shiftTitleLabel.setObjectName(u"shiftTitleLabel")
        self.shiftTitleLabel.setProperty(u"role", u"cardTitle")

        self.shiftLayout.addWidget(self.shiftTitleLabel)

        self.shiftStateLabel = QLabel(self.shiftCard)
        self.shiftStateLabel.setObjectName(u"shiftStateLabel")
        self.shiftStateLabel.setText(u"Closed")
        self.shiftStateLabel.setProperty(u"role", u"state")
        self.shiftStateLabel.setProperty(u"state", u"closed")

        self.shiftLayout.addWidget(self.shiftStateLabel)

        self.shiftSinceLabel = QLabel(self.shiftCard)
        self.shiftSinceLabel.setObjectName(u"shiftSinceLabel")
        self.shiftSinceLabel.setText(u"Since")
        self.shiftSinceLabel.setWordWrap(True)

        self.shiftLayout.addWidget(self.shiftSinceLabel)

        self.shiftByLabel = QLabel(self.shiftCard)
        self.shiftByLabel.setObjectName(u"shiftByLabel")
        self.shiftByLabel.setText(u"By")
        self.shiftByLabel.setWordWrap(True)
        self.shiftByLabel.setProperty(u"role", u"caption")

        self.shiftLayout.addWidget(self.shiftByLabel)

        self.shiftSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.shiftLayout.addItem(self.shiftSpacer)


        self.cardsLayout.addWidget(self.shiftCard)

        self.shopCard = QFrame(self.centralwidget)
        self.shopCard.setObjectName(u"shopCard")
        self.shopCard.setProperty(u"card", True)
        self.shopLayout = QGridLayout(self.shopCard)
        self.shopLayout.setObjectName(u"shopLayout")
        self.shopLayout.setHorizontalSpacing(24)
        self.shopLayout.setVerticalSpacing(6)
        self.shopLayout.setContentsMargins(20, 16, 20, 16)
        self.shopTitleLabel = QLabel(self.shopCard)
        self.shopTitleLabel.setObjectName(u"shopTitleLabel")
        self.shopTitleLabel.setProperty(u"role", u"cardTitle")

        self.shopLayout.addWidget(self.shopTitleLabel, 0, 0, 1, 2)

        self.productsLabel = QLabel(self.shopCard)
        self.productsLabel.setObjectName(u"productsLabel")

        self.shopLayout.addWidget(self.productsLabel, 1, 0, 1, 1)

        self.productCountLabel = QLabel(self.shopCard)
        self.productCountLabel.setObjectName(u"productCountLabel")
        self.productCountLabel.setText(u"0")
        self.productCountLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.productCountLabel.setProperty(u"role", u"figure")

        self.shopLayout.addWidget(self.productCountLabel, 1, 1, 1, 1)

        self.customersLabel = QLabel(self.shopCard)
        self.customersLabel.setObjectName(u"customersLabel")

        self.shopLayout.addWidget(self.customersLabel, 2, 0, 1, 1)

        self.customerCountLabel = QLabel(self.shopCard)
        self.customerCountLabel.setObjectName(u"customerCountLabel")
        self.customerCountLabel.setText(u"0")
        self.customerCountLabel.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.customerCountLabel.setProperty(u"role", u"figure")

        self.shopLayout.addWidget(self.customerCountLabel, 2, 1, 1, 1)

        self.shopSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.shopLayout.addItem(self.shopSpacer, 3, 0, 1, 2)

        self.shopLayout.setColumnStretch(0, 1)

        self.cardsLayout.addWidget(self.shopCard)

        self.cardsLayout.setStretch(0, 5)
        self.cardsLayout.setStretch(1, 3)
        self.cardsLayout.setStretch(2, 3)

        self.rootLayout.addLayout(self.cardsLayout)

        self.recentHeaderLayout = QHBoxLayout()
        self.recentHeaderLayout.setObjectName(u"recentHeaderLayout")
        self.recentTitleLabel = QLabel(self.centralwidget)
        self.recentTitleLabel.setObjectName(u"recentTitleLabel")
        self.recentTitleLabel.setProperty(u"role", u"section")

        self.recentHeaderLayout.addWidget(self.recentTitleLabel)

        self.recentSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.recentHeaderLayout.addItem(self.recentSpacer)

        self.recentHintLabel = QLabel(self.centralwidget)
        self.recentHintLabel.setObjectName(u"recentHintLabel")
        self.recentHintLabel.setProperty(u"role", u"caption")

        self.recentHeaderLayout.addWidget(self.recentHintLabel)


        self.rootLayout.addLayout(self.recentHeaderLayout)

        self.recentStack = QStackedWidget(self.centralwidget)
        self.recentStack.setObjectName(u"recentStack")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        sizePolicy1.setHorizontalStretch(0)
        sizePolicy1.setVerticalStretch(1)
        sizePolicy1.setHeightForWidth(self.recentStack.sizePolicy().hasHeightForWidth())
        self.recentStack.setSizePolicy(sizePolicy1)
        self.recentTablePage = QWidget()
        self.recentTablePage.setObjectName(u"recentTablePage")
        self.recentTableLayout = QVBoxLayout(self.recentTablePage)
        self.recentTableLayout.setObjectName(u"recentTableLayout")
        self.recentTableLayout.setContentsMargins(0, 0, 0, 0)
        self.recentSalesView = QTableView(self.recentTablePage)
        self.recentSalesView.setObjectName(u"recentSalesView")
        self.recentSalesView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.recentSalesView.setAlternatingRowColors(True)
        self.recentSalesView.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.recentSalesView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.recentSalesView.setShowGrid(False)
        self.recentSalesView.setWordWrap(False)
        self.recentSalesView.setCornerButtonEnabled(False)
        self.recentSalesView.horizontalHeader().setHighlightSections(False)
        self.recentSalesView.verticalHeader().setVisible(False)

        self.recentTableLayout.addWidget(self.recentSalesView)

        self.recentStack.addWidget(self.recentTablePage)
        self.recentEmptyPage = QWidget()
        self.recentEmptyPage.setObjectName(u"recentEmptyPage")
        self.recentEmptyPageLayout = QVBoxLayout(self.recentEmptyPage)
        self.recentEmptyPageLayout.setObjectName(u"recentEmptyPageLayout")
        self.recentEmptyPageLayout.setContentsMargins(0, 0, 0, 0)
        self.recentEmptyFrame = QFrame(self.recentEmptyPage)
        self.recentEmptyFrame.setObjectName(u"recentEmptyFrame")
        self.recentEmptyFrame.setProperty(u"card", True)
        self.recentEmptyLayout = QVBoxLayout(self.recentEmptyFrame)
        self.recentEmptyLayout.setObjectName(u"recentEmptyLayout")
        self.recentEmptyLabel = QLabel(self.recentEmptyFrame)
        self.recentEmptyLabel.setObjectName(u"recentEmptyLabel")
        self.recentEmptyLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.recentEmptyLabel.setWordWrap(True)
        self.recentEmptyLabel.setProperty(u"role", u"empty")

        self.recentEmptyLayout.addWidget(self.recentEmptyLabel)


        self.recentEmptyPageLayout.addWidget(self.recentEmptyFrame)

        self.recentStack.addWidget(self.recentEmptyPage)

        self.rootLayout.addWidget(self.recentStack)

        MainWindow.setCentralWidget(self.centralwidget)
        self.menubar = QMenuBar(MainWindow)
        self.menubar.setObjectName(u"menubar")
        self.menubar.setGeometry(QRect(0, 0, 1280, 30))
        self.menuShop = QMenu(self.menubar)
        self.menuShop.setObjectName(u"menuShop")
        MainWindow.setMenuBar(self.menubar)
        self.statusbar = QStatusBar(MainWindow)
        self.statusbar.setObjectName(u"statusbar")
        self.statusbar.setSizeGripEnabled(False)
        MainWindow.setStatusBar(self.statusbar)

        self.menubar.addAction(self.menuShop.menuAction())
        self.menuShop.addAction(self.actionRefresh)
        self.menuShop.addSeparator()
        self.menuShop.addAction(self.actionQuit)

        self.retranslateUi(MainWindow)

        self.recentStack.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        self.actionRefresh.setText(QCoreApplication.translate("MainWindow", u"&Refresh", None))
#if QT_CONFIG(tooltip)
        self.actionRefresh.setToolTip(QCoreApplication.translate("MainWindow", u"Read today's figures and the recent sales again (F5)", None))
#endif // QT_CONFIG(tooltip)
        self.actionQuit.setText(QCoreApplication.translate("MainWindow", u"&Quit", None))
#if QT_CONFIG(tooltip)
        self.actionQuit.setToolTip(QCoreApplication.translate("MainWindow", u"Close posapp (Ctrl+Q)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.tillCaptionLabel.setToolTip(QCoreApplication.translate("MainWindow", u"The till at this computer", None))
#endif // QT_CONFIG(tooltip)
        self.tillCaptionLabel.setText(QCoreApplication.translate("MainWindow", u"Till", None))
#if QT_CONFIG(tooltip)
        self.tillCodeLabel.setToolTip(QCoreApplication.translate("MainWindow", u"The till at this computer", None))
#endif // QT_CONFIG(tooltip)
        self.todayTitleLabel.setText(QCoreApplication.translate("MainWindow", u"Today", None))
        self.salesHeaderLabel.setText(QCoreApplication.translate("MainWindow", u"Sales", None))
        self.takingsHeaderLabel.setText(QCoreApplication.translate("MainWindow", u"Takings", None))
        self.allTillsLabel.setText(QCoreApplication.translate("MainWindow", u"All tills", None))
        self.shiftTitleLabel.setText(QCoreApplication.translate("MainWindow", u"Shift on this till", None))
        self.shopTitleLabel.setText(QCoreApplication.translate("MainWindow", u"In the database", None))
        self.productsLabel.setText(QCoreApplication.translate("MainWindow", u"Products", None))
        self.customersLabel.setText(QCoreApplication.translate("MainWindow", u"Customers", None))
        self.recentTitleLabel.setText(QCoreApplication.translate("MainWindow", u"Recent sales", None))
        self.recentHintLabel.setText(QCoreApplication.translate("MainWindow", u"The last 20 sales and refunds on all tills", None))
        self.recentEmptyLabel.setText(QCoreApplication.translate("MainWindow", u"No sales yet. Completed sales and refunds will appear here.", None))
        self.menuShop.setTitle(QCoreApplication.translate("MainWindow", u"&Shop", None))
        pass
    # retranslateUi

