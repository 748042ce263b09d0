"""Devices: scanner input classification and printer connections. Filled by later issues."""
