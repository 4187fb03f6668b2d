"""The ways a customer pays, with the words a receipt and a report use for them."""

PAYMENT_METHODS = ("cash", "transfer", "qris", "debit")
CREDIT = "credit"  # customer credit used toward a receipt: a line of the closing's breakdown by method, not money
METHOD_LABELS = {"cash": "Tunai", "transfer": "Transfer bank", "qris": "QRIS", "debit": "Kartu debit",
                 CREDIT: "Kredit pelanggan"}
