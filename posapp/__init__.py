"""posapp: point of sale for small shops, with a loyalty programme built in."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("posapp")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
