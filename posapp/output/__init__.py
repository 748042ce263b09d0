"""Documents: receipts (PDF, ESC/POS, text), loyalty cards and reports. Filled by later issues."""
