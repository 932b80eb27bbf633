"""What a printed PDF holds, read back with pypdf: its fonts, and whether each is embedded."""

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
