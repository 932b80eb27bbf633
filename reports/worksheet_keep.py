"""Keeping a worksheet's pieces together on a page, without copying the page's frame.

reportlab keeps a heading with what follows it (and the vital signs' or the signatures'
boxes whole) by a KeepTogether, which measures its content against a deep copy of the
page's frame made at every measuring (so that what the content would add to the frame
lands in the copy): about 220 copies for a day's worksheets, a twentieth of their making.
A worksheet's kept content is tables and lines of text, which add nothing to a frame, so
`Kept` measures it with no frame to copy, and decides as KeepTogether decides. Imported
only when a worksheet is printed.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, KeepTogether
from reportlab.platypus.doctemplate import FrameBreak


class Kept(KeepTogether):
    """A KeepTogether of tables and text: measured without a copy of the frame."""

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        template: Any = getattr(self.canv, "_doctemplate", None)
        frame = getattr(template, "frame", None)
        if frame is None:
            size: tuple[float, float] = super().wrap(aW, aH)
            return size
        template.frame = None  # nothing inside adds to a frame: none to copy
        try:
            size = super().wrap(aW, aH)
        finally:
            template.frame = frame
        return size


class PkBlock(Kept):
    """The PK section: heading, note and table on one page when they fit on one (moved
    whole to the next page if need be). A table longer than a page starts where it is when
    the heading, the note, the column headings and two tubes fit there (else on the next
    page), and splits by the table's own rule."""

    def split(self, aW: float, aH: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(aW, aH)
        frame = getattr(self, "_frame", None)
        content: list[Flowable] = getattr(self, "_content")  # noqa: B009  not in stubs
        if frame is None or getattr(self, "_H") <= frame._aH:  # noqa: B009
            return parts
        heading, note = content[:2]
        table: Any = content[2]  # a Table: its row heights, once wrapped
        table.wrap(aW, aH)
        need = sum(f.wrap(aW, aH)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                   for f in (heading, note)) + sum(table._rowHeights[:3])
        return ([FrameBreak()] if need > aH and not frame._atTop else []) + content


__all__ = ["Kept", "PkBlock"]
