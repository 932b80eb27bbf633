"""A small Code 128 reader for the tests: a PDF page rendered to pixels (pypdfium2), each
pixel row cut into bars and spaces, every symbol between a start and a stop code decoded and
its checksum verified. So a test proves what a scanner would read, not what was asked."""

from __future__ import annotations

from pathlib import Path

import numpy as np

#: the standard's widths of the 107 symbols (bar, space, bar, ...), from reportlab's table
#: of letters: a..d are 1..4 modules, capital a bar, small a space


def _widths() -> dict[tuple[int, ...], int]:
    from reportlab.graphics.barcode.code128 import _patterns

    return {tuple(ord(c.lower()) - 96 for c in pattern): value
            for value, pattern in _patterns.items()}


WIDTHS = _widths()
START = {103: "A", 104: "B", 105: "C"}
STOP = 106


def _symbol(runs: list[int]) -> int | None:
    module = sum(runs) / (13 if len(runs) == 7 else 11)
    key = tuple(max(1, round(r / module)) for r in runs)
    return WIDTHS.get(key)


def _text(values: list[int], code_set: str) -> str | None:
    out = ""
    for v in values:
        if code_set == "C":
            if v < 100:
                out += f"{v:02d}"
                continue
            code_set = {100: "B", 101: "A"}.get(v, code_set)
        elif v == 99:
            code_set = "C"
        elif v in (100, 101):
            code_set = {100: "B", 101: "A"}[v] if v != {"A": 101, "B": 100}[code_set] else code_set
        elif v < 96:
            out += chr(32 + v) if code_set == "B" or v < 64 else chr(v - 64)
        else:
            return None  # FNC codes: not used by the app
    return out


def _decode_runs(runs: list[tuple[bool, int]]) -> list[str]:
    found = []
    for i, (dark, _) in enumerate(runs):
        if not dark or i + 6 > len(runs):
            continue
        start = _symbol([n for _, n in runs[i:i + 6]])
        if start not in START:
            continue
        values, j = [start], i + 6
        while j + 6 <= len(runs):
            if j + 7 <= len(runs) and _symbol([n for _, n in runs[j:j + 7]]) == STOP:
                body, check = values[1:-1], values[-1]
                total = values[0] + sum(k * v for k, v in enumerate(body, start=1))
                text = _text(body, START[values[0]])
                if body and total % 103 == check and text is not None:
                    found.append(text)
                break
            value = _symbol([n for _, n in runs[j:j + 6]])
            if value is None:
                break
            values.append(value)
            j += 6
    return found


def _runs(row: np.ndarray) -> list[tuple[bool, int]]:
    """A pixel row (dark or not, left to right) cut into (dark, width) runs."""
    edges = np.flatnonzero(row[1:] != row[:-1]) + 1
    starts = np.concatenate(([0], edges))
    widths = np.diff(np.concatenate((starts, [row.size])))
    return [(bool(row[s]), int(w)) for s, w in zip(starts, widths, strict=True)]


def read_barcodes(pdf: Path, scale: float = 6.0, every: int = 3) -> set[str]:
    """Every Code 128 value readable on any page of the PDF (rows of pixels cut into runs
    by numpy: a page at this scale holds millions of pixels)."""
    import pypdfium2 as pdfium

    found: set[str] = set()
    document = pdfium.PdfDocument(str(pdf))
    try:
        for page in document:
            dark = np.asarray(page.render(scale=scale).to_pil().convert("L")) < 128
            for row in dark[::every]:
                if row.any():
                    found.update(_decode_runs(_runs(row)))
    finally:
        document.close()
    return found
