"""Devices: scanner input classification and receipt printer connections."""
