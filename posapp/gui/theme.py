"""The look: Fusion with a light palette, large type, and a few roles the forms use.

Widgets in ui/*.ui opt into a look with a dynamic property, e.g. a QLabel with
`role = heading` or a QFrame with `card = true`; the rules are all here.
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QWidget

# Readable at arm's length: the base size of every text, in points.
BASE_POINT_SIZE = 14

STYLE_SHEET = """
QMainWindow, QWidget#centralwidget { background: #f2f4f7; }
QLabel { color: #101828; }
QLabel[role="heading"] { font-size: 28pt; font-weight: 600; }
QLabel[role="subtitle"] { font-size: 14pt; color: #475467; }
QLabel[role="tillCode"] { font-size: 28pt; font-weight: 700; color: #1d4ed8; }
QFrame[card="true"] {
    background: #ffffff; border: 1px solid #d0d5dd; border-radius: 10px;
}
QFrame[card="true"] QLabel { background: transparent; }
QLabel[role="cardTitle"] {
    font-size: 13pt; font-weight: 600; color: #475467; letter-spacing: 1px;
}
QLabel[role="caption"] { font-size: 13pt; color: #475467; }
QLabel[role="figure"] { font-size: 22pt; font-weight: 600; }
QLabel[role="figureLarge"] { font-size: 26pt; font-weight: 700; color: #1d4ed8; }
QLabel[role="state"][state="open"] { font-size: 20pt; font-weight: 700; color: #067647; }
QLabel[role="state"][state="closed"] { font-size: 20pt; font-weight: 700; color: #b42318; }
QLabel[role="section"] { font-size: 16pt; font-weight: 600; }
QLabel[role="empty"] { font-size: 14pt; color: #667085; }
QTableView {
    background: #ffffff; alternate-background-color: #f9fafb; border: 1px solid #d0d5dd;
    border-radius: 10px; gridline-color: #eaecf0; selection-background-color: #dbe7ff;
    selection-color: #101828;
}
QTableView::item { padding: 4px 12px; }
QHeaderView::section {
    background: #f9fafb; color: #475467; font-weight: 600; border: none;
    border-bottom: 1px solid #d0d5dd; padding: 8px 12px;
}
QStatusBar { background: #e4e7ec; color: #344054; }
QStatusBar QLabel { color: #344054; padding: 2px 10px; }
QStatusBar QLabel[state="ok"] { color: #067647; font-weight: 600; }
QStatusBar QLabel[state="error"] { color: #b42318; font-weight: 600; }
QToolButton[role="secondary"] {
    font-size: 15pt; font-weight: 600; color: #1d4ed8; background: #ffffff;
    border: 1px solid #b2c7f5; border-radius: 8px; padding: 10px 18px;
}
QToolButton[role="secondary"]:hover { background: #eef4ff; }
QToolButton[role="secondary"]:pressed { background: #dbe7ff; }
QDialog { background: #f2f4f7; }
QLabel[role="total"] { font-size: 40pt; font-weight: 700; color: #101828; }
QLabel[role="change"] { font-size: 34pt; font-weight: 700; color: #101828; }
QLabel[role="change"][state="ok"] { color: #067647; }
QLabel[role="change"][state="short"] { color: #b42318; }
QLabel[role="customer"] { font-size: 18pt; font-weight: 600; color: #1d4ed8; }
QLabel[role="message"] { font-size: 14pt; font-weight: 600; }
QLabel[role="message"][state="error"] { color: #b42318; }
QLabel[role="message"][state="info"] { color: #475467; }
QFrame[role="banner"] QLabel { background: transparent; }  /* the rest: gui.checkout.banner */
QTableView[role="cart"] { font-size: 16pt; }
QTableView[role="cart"]::item { padding: 6px 14px; }
QListWidget[role="people"] {
    font-size: 18pt; background: #ffffff; border: 1px solid #d0d5dd; border-radius: 10px;
}
QListWidget[role="people"]::item { padding: 10px 14px; min-height: 44px; }
QListWidget[role="people"]::item:selected { background: #dbe7ff; color: #101828; }
QLineEdit {
    background: #ffffff; border: 1px solid #d0d5dd; border-radius: 8px; padding: 6px 12px;
    min-height: 44px;
}
QLineEdit:focus { border: 2px solid #1d4ed8; }
QLineEdit[role="amount"], QLineEdit[role="pin"] { font-size: 28pt; font-weight: 600; }
QPushButton[role="key"], QPushButton[role="primary"], QPushButton[role="pay"],
QPushButton[role="secondaryKey"] {
    font-size: 14pt; font-weight: 600; min-height: 56px; min-width: 120px; padding: 6px 12px;
    border-radius: 10px; border: 1px solid #d0d5dd; background: #ffffff; color: #101828;
}
QPushButton[role="key"]:pressed { background: #eaecf0; }
QPushButton[role="key"]:disabled, QPushButton[role="secondaryKey"]:disabled { color: #98a2b3; }
QPushButton[role="secondaryKey"] { color: #1d4ed8; border-color: #b2c7f5; }
QPushButton[role="primary"], QPushButton[role="pay"] {
    background: #1d4ed8; border-color: #1d4ed8; color: #ffffff;
}
QPushButton[role="pay"] { font-size: 17pt; min-height: 72px; padding: 4px 12px; }
QPushButton[role="primary"]:pressed, QPushButton[role="pay"]:pressed { background: #1e40af; }
QStatusBar QLabel[state="none"] { color: #344054; }
QTableView[role="rewards"] {
    font-size: 12pt; border-radius: 8px; background: #f6fef9; border-color: #abefc6;
}
QTableView[role="rewards"]::item { padding: 2px 6px; }
QFrame[role="reminders"] {
    border: 1px solid #fedf89; border-radius: 10px; background: #fffcf5;
}
QLabel[role="stageHint"] { font-size: 12pt; font-style: italic; color: #6b4e16; padding: 0 10px; }
QTableView[role="reminders"] { font-size: 14pt; border: none; background: #fffcf5; }
QTableView[role="reminders"]::item { padding: 2px 10px; }
QLabel[role="rewardsTotal"] { font-size: 14pt; font-weight: 600; color: #067647; }
QTableView[role="report"] { font-size: 12pt; }
QTableView[role="report"]::item { padding: 2px 8px; }
QTableView[role="report"] QHeaderView::section { font-size: 12pt; padding: 6px 8px; }
QWidget#sidePanel QPushButton[role="key"], QWidget#sidePanel QPushButton[role="secondaryKey"] {
    min-width: 0px; padding: 4px 6px;
}
"""


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    style = app.style()
    app.setPalette(style.standardPalette())
    font = app.font()
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)


def set_state(widget: QWidget, state: str) -> None:
    """Change a widget's `state` property and let the style sheet restyle it."""
    if widget.property("state") == state:
        return
    widget.setProperty("state", state)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


# A label's colour that changes often (the banner's states, "no customer"), as rich text: a
# style sheet state would restyle the label at every change.
MUTED = "#667085"


def coloured(text: str, colour: str) -> str:
    """`text` as rich text in `colour`, escaped: shown as written, whatever it holds."""
    return f'<span style="color: {colour}">{escape(text, quote=False)}</span>'


def capitalize_card_titles(widget: QWidget) -> None:
    """Card titles in capitals ("TODAY", "ŠODIEN"): style sheets cannot set capitalization."""
    for label in widget.findChildren(QLabel):
        if label.property("role") == "cardTitle":
            font = label.font()
            font.setCapitalization(QFont.Capitalization.AllUppercase)
            label.setFont(font)
