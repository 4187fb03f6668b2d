"""Typed errors whose message a cashier understands (Indonesian).

Every use case raises one of these for bad input and leaves the store
unchanged; the UI and the CLI show `str(error)` as it is.
"""


class CounterError(Exception):
    """Base of every error a cashier may see."""


class NotFound(CounterError):
    """A customer, bill, receipt or other record does not exist."""


class InvalidInput(CounterError, ValueError):
    """A value typed or passed in is malformed or out of range."""


class BillSelectionError(CounterError):
    """The chosen bills break the oldest-first rule or are not payable."""


class PaymentRefused(CounterError):
    """The payment cannot be taken as asked (tender too small, connection closed...)."""


class ImportRejected(CounterError):
    """An import file has a bad row; nothing was imported."""


class StoreBusy(CounterError):
    """The local store stayed locked by another process (an import, a backup)."""


class ApprovalRefused(CounterError):
    """A supervisor's approval is missing, or their credential is wrong."""


class NotAllowed(CounterError):
    """The user at the desk may not do this act in their role."""


def quoted(value: object, limit: int = 40) -> str:
    """What was typed, quoted for a message, cut short: a message must stay readable."""
    text = str(value)
    return repr(text if len(text) <= limit else text[:limit] + "…")
