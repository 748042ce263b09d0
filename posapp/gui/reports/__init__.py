"""The owner's reports window (window.py) and what it shows a report with: figure cards,
charts and sortable, searchable tables."""
