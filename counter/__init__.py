"""counter: the cashier counter (loket) of an Indonesian water utility."""

__version__ = "0.1.0"
