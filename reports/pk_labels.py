"""Printable PK tube labels: each sample ID as text and as a Code128 barcode.

One label per tube of a visit, laid out on A4 or Letter label sheets (2 x 8). The barcode
encodes exactly the sample ID the app shows, so a scanned tube finds its record.
"""

from __future__ import annotations

from pathlib import Path

from app.infra.files import written_atomically
from app.rules.dates import fmt_date
from app.services.pk_samples import PkPanel
from app.services.specimens import BenchTube

COLUMNS, ROWS = 2, 8


def write_pk_labels(panel: PkPanel, path: Path, page: str = "A4") -> int:
    """Write the labels of a visit's tubes to a PDF; returns how many labels."""
    with written_atomically(path) as temp:
        return _draw_labels(panel, temp, page)


def write_aliquot_labels(tube: BenchTube, path: Path, page: str = "A4") -> int:
    """The labels of a processed tube's aliquots, on the same sheets as the tube labels:
    each aliquot ID as text and as Code 128, with what the lab needs to read on it."""
    labels = [(a.aliquot_id, f"{tube.subject_id} · {tube.visit} · {tube.timepoint} · "
               f"{a.label} {a.volume_ml:g} mL",
               f"{tube.sample_type} · drawn {fmt_date(tube.drawn_at.date())} "
               f"{tube.drawn_at:%H:%M}") for a in tube.aliquots]
    with written_atomically(path) as temp:
        _sheet(temp, page, f"Aliquot labels {tube.tube_id}", labels)
    return len(labels)


def _draw_labels(panel: PkPanel, path: Path, page: str) -> int:
    labels = []
    for tube in panel.tubes:
        due = f"due {tube.nominal:%H:%M} ({fmt_date(tube.nominal.date())})" if tube.nominal \
            else "due: from the dose time"
        labels.append((tube.sample_id,
                       f"{panel.subject_id} · {panel.visit_code} · {tube.label} · {due}",
                       "drawn at ____:____   initials ______"))
    _sheet(path, page, f"PK labels {panel.subject_id} {panel.visit_code}", labels)
    return len(panel.tubes)


def _sheet(path: Path, page: str, title: str, labels: list[tuple[str, str, str]]) -> None:
    """Labels on 2 x 8 sheets: (barcode value, first line, second line) each."""
    from reportlab.graphics.barcode.code128 import Code128
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from reports.fonts import register_fonts

    regular, bold, _cjk = register_fonts()  # embedded: the labels print alike everywhere
    size = A4 if page.upper() == "A4" else LETTER
    width, height = size
    margin_x, margin_y = 8 * mm, 12 * mm
    cell_w = (width - 2 * margin_x) / COLUMNS
    cell_h = (height - 2 * margin_y) / ROWS
    canvas = Canvas(str(path), pagesize=size, invariant=False,  # dated when printed
                    initialFontName=regular)  # type: ignore[arg-type]  # a float in the stubs
    canvas.setTitle(title)
    per_page = COLUMNS * ROWS
    for i, (value, first, second) in enumerate(labels):
        if i and i % per_page == 0:
            canvas.showPage()
        slot = i % per_page
        x = margin_x + (slot % COLUMNS) * cell_w
        y = height - margin_y - (slot // COLUMNS + 1) * cell_h
        canvas.setLineWidth(0.3)
        canvas.roundRect(x + 1 * mm, y + 1 * mm, cell_w - 2 * mm, cell_h - 2 * mm, 2 * mm)
        # as wide a bar as the label allows (0.19 mm at least, for any laser printer)
        modules = Code128(value, barWidth=1, quiet=False).width
        bar = max(0.19 * mm, min(0.3 * mm, (cell_w - 8 * mm) / modules))
        barcode = Code128(value, barHeight=9 * mm, barWidth=bar, quiet=False)
        bx = x + (cell_w - barcode.width) / 2
        barcode.drawOn(canvas, bx, y + cell_h - 15 * mm)
        canvas.setFont(bold, 7.5)
        canvas.drawCentredString(x + cell_w / 2, y + cell_h - 19 * mm, value)
        canvas.setFont(regular, 7)
        canvas.drawCentredString(x + cell_w / 2, y + cell_h - 23 * mm, first)
        canvas.drawCentredString(x + cell_w / 2, y + cell_h - 27 * mm, second)
    canvas.save()
