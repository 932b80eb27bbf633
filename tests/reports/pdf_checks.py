"""What a printed PDF holds: its fonts and whether each is embedded (read back with pypdf),
and its pages' pixels (drawn by pdfium)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader


def _embedded(font: Any) -> bool:
    """A font whose outlines travel in the file (TrueType, Type 1 or OpenType program)."""
    if str(font.get("/Subtype")) == "/Type0":  # a CID font: its descendant holds them
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:  # the standard 14 (Helvetica...): the viewer's own substitute
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def fonts_of(path: Path) -> dict[str, bool]:
    """Every font the pages use (also inside forms), with whether it is embedded."""
    found: dict[str, bool] = {}

    def walk(resources: Any) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            found[str(font["/BaseFont"])] = _embedded(font)
        for xobject in (resources.get("/XObject") or {}).values():
            walk(xobject.get_object().get("/Resources"))

    for page in PdfReader(path).pages:
        walk(page.get("/Resources"))
    return found


def grey_pages(path: Path, scale: float) -> list[bytes]:
    """Each page's pixels, drawn in grey at `scale` (1: 72 dpi), to compare two PDFs."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return [bytes(page.render(scale=scale, grayscale=True).buffer) for page in document]
    finally:
        document.close()
