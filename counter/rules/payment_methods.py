"""The ways a customer pays, with the words a receipt and a report use for them."""

PAYMENT_METHODS = ("cash", "transfer", "qris", "debit")
METHOD_LABELS = {"cash": "Tunai", "transfer": "Transfer bank", "qris": "QRIS", "debit": "Kartu debit"}
