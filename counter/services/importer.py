"""The CSV import, kept at this name for its callers: see counter.services.importing."""

from counter.services.importing import ImportSummary, import_files

__all__ = ["ImportSummary", "import_files"]
