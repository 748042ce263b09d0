"""Documents: receipts (PDF, ESC/POS, text) and loyalty cards; reports come with a later issue."""
