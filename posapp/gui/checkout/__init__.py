"""The cashier's window: ring up, pay, park, void — by scanner and keyboard."""
