"""What fonts a PDF names, uses and embeds (read back with pypdf)."""

from __future__ import annotations

import re

from pypdf import PageObject


def fonts(pages: list[PageObject]) -> tuple[set[str], set[str], list]:
    """(names of every font, names of the fonts text is set in, embedded TrueType programs)."""
    names, used, embedded = set(), set(), []
    for page in pages:
        content = page.get_contents().get_data().decode("latin-1")
        for key, font in page["/Resources"]["/Font"].items():
            font = font.get_object()
            names.add(str(font["/BaseFont"]))
            if re.search(re.escape(key) + r"\s+[\d.]+\s+Tf", content):
                used.add(str(font["/BaseFont"]))
            descriptors = [font.get("/FontDescriptor")] + [
                d.get_object().get("/FontDescriptor") for d in font.get("/DescendantFonts", [])
            ]
            embedded += [d.get_object() for d in descriptors if d is not None and "/FontFile2" in d.get_object()]
    return names, used, embedded
