"""Python forms generated from ui/*.ui by pyside6-uic (run tools/build_gui.py; never edit)."""
