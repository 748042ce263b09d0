"""Documents: receipts (PDF, ESC/POS, text), loyalty cards and the owner's reports."""
