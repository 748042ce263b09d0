"""Dialogs of the till: each designed in ui/, each driven by the keyboard alone.

Every dialog here is opened with open() (never exec()): the caller reacts to
`accepted`, so the event loop keeps running and tests can drive the dialog.
Enter confirms, Esc cancels, and what went wrong is shown inside the dialog.
"""
