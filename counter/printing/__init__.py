"""Receipts and reports as plain objects, turned into ESC/POS bytes or PDFs.
Knows nothing of Qt or the database."""
