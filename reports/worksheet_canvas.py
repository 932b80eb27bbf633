"""The canvas that numbers worksheet pages within each worksheet, in one pass.

Imported only when a worksheet is printed (reportlab is kept off the start-up path).
Each page remembers which worksheet it belongs to; at save, the headers are drawn with
"page N of M" counted within that worksheet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

#: draws one page's header: (canvas, worksheet index, page number in it, its page count)
HeaderDrawer = Callable[[Canvas, int, int, int], None]


class SheetCanvas(Canvas):
    def __init__(self, *args: Any, draw_header: HeaderDrawer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.draw_header = draw_header
        self.sheet_index = 0
        self.pages: list[tuple[dict[str, Any], int]] = []

    def showPage(self) -> None:
        self.pages.append((dict(self.__dict__), self.sheet_index))
        getattr(self, "_startPage")()  # noqa: B009  reportlab's own, not in its stubs

    def save(self) -> None:
        totals = Counter(index for _, index in self.pages)
        seen: Counter[int] = Counter()
        for state, index in self.pages:
            self.__dict__.update(state)
            seen[index] += 1
            self.draw_header(self, index, seen[index], totals[index])
            Canvas.showPage(self)
        Canvas.save(self)


class SheetStart(Flowable):
    """Marks the page where worksheet `index` begins."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index

    def wrap(self, *_args: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        if isinstance(canvas, SheetCanvas):
            canvas.sheet_index = self.index
