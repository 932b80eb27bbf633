"""Source-document worksheets (reportlab): one visit, or a whole clinic day in one PDF.

The worksheet is where a visit is first written down, and what the monitor verifies the
database against: every blank is a real box a pen can fill, every page carries the study,
subject and visit, and page N of M counts within each visit's worksheet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Flowable, Table

from app.infra.files import written_atomically
from app.rules.dates import fmt_date, fmt_time, fmt_window
from app.services.worksheets import WorksheetData
from reports.fonts import markup, register_fonts, runs
from reports.worksheet_labs import lab_section

PAGE_SIZES = ("A4", "Letter")
NEW_AE_ROWS = 3
VITALS = ("Systolic BP (mmHg)", "Diastolic BP (mmHg)", "Heart rate (bpm)", "Temperature (°C)",
          "Respiratory rate (/min)", "SpO2 (%)", "Weight (kg)")


#: what a table cell may hold: text, a paragraph, a box to tick, or a stack of them
Cell = Any


def _page_size(name: str) -> tuple[float, float]:
    from reportlab.lib.pagesizes import A4, LETTER

    if name.lower() not in ("a4", "letter"):
        raise ValueError(f"page size '{name}': A4 or Letter")
    return A4 if name.lower() == "a4" else LETTER


@cache
def _styles() -> dict[str, ParagraphStyle]:
    """The worksheets' paragraph styles, made once (every sheet shares them, unchanged)."""
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    base = getSampleStyleSheet()
    regular, bold, _cjk = register_fonts()  # embedded: names print in any script
    return {
        # a heading never ends a page: it goes along with what follows
        "h": ParagraphStyle("h", parent=base["Heading3"], fontName=bold, fontSize=10.5,
                            spaceBefore=8, spaceAfter=3, keepWithNext=1),
        # the PK section keeps its heading itself (PkBlock)
        "h_pk": ParagraphStyle("h_pk", parent=base["Heading3"], fontName=bold,
                               fontSize=10.5, spaceBefore=8, spaceAfter=3, keepWithNext=0),
        "p": ParagraphStyle("p", parent=base["BodyText"], fontName=regular, fontSize=8.5,
                            leading=10.5),
        "small": ParagraphStyle("small", parent=base["BodyText"], fontName=regular,
                                fontSize=7.5, leading=9),
        "head": ParagraphStyle("head", parent=base["BodyText"], fontName=bold,
                               fontSize=7, leading=8.5),
        "note": ParagraphStyle("note", parent=base["BodyText"], fontName=regular,
                               fontSize=7.5, leading=9, spaceAfter=3),
    }


def _grid(rows: Sequence[Sequence[Cell]], widths: list[float], header: bool = True,
          heights: float | list[float] | None = None, keep: int = 0,
          fonts: Sequence[tuple[Any, ...]] = ()) -> Table:
    """A table whose empty cells are boxes to write in; its heading row repeats on the next
    page, and a page break leaves at least `keep` rows on each side; `fonts`: the cells set
    in a paragraph style's font (worksheet_text.cell_font)."""
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    from reports.worksheet_table import table_kind

    table = table_kind(keep)([list(r) for r in rows], colWidths=widths, rowHeights=heights,
                              repeatRows=1 if header else 0)
    regular, bold, _cjk = register_fonts()
    style: list[Any] = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("FONTNAME", (0, 0), (-1, -1), regular),
             ("FONTSIZE", (0, 0), (-1, -1), 8),
             ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e5e7eb")),
                  ("FONTNAME", (0, 0), (-1, 0), bold)]
    table.setStyle(TableStyle(style + list(fonts)))
    return table


@cache
def _barcode_kind() -> Callable[..., Flowable]:
    """A sample ID's Code 128, worked out once: reportlab's works itself out again at
    every width, height and draw (six times a barcode, an eighth of a day's printing)."""
    from reportlab.graphics.barcode.code128 import Code128

    class SampleBarcode(Code128):
        worked_out = False

        def _calculate(self) -> None:
            if not self.worked_out:
                super()._calculate()  # type: ignore[misc]  # untyped in the stubs
                self.worked_out = True

    return SampleBarcode


def _booked(w: WorksheetData) -> str:
    """'19-JAN-2026 09:30': the booked day, with its time when one was booked."""
    return f"{fmt_date(w.booked)} {fmt_time(w.booked_time)}".strip()


#: the PK table's first columns: (heading, width in mm); then why a tube was not collected
#: (what the barcodes leave) and the sample ID (as wide as its widest barcode)
PK_COLUMNS = (("Timepoint", 17), ("Due", 15), ("Window", 23), ("Actual time", 15),
              ("Initials", 13))


def _pk_section(w: WorksheetData, width: float) -> Flowable:
    """The PK heading, what the times count from, and one row a tube, kept together on a
    page; a table too long for one page splits with its heading repeated and never leaves
    a tube alone on either side of the break."""
    from reportlab.lib.units import mm

    from reports.worksheet_keep import PkBlock
    from reports.worksheet_text import cell, cell_font, line

    s, small = _styles(), _styles()["small"]
    codes = [_barcode_kind()(tube.sample_id, barHeight=7 * mm, barWidth=0.19 * mm,
                             quiet=False) for tube in w.pk]
    sample = max(max((code.width for code in codes), default=0.0) + 8, 40 * mm)
    widths = [wide * mm for _name, wide in PK_COLUMNS]  # and the barcode, its padding
    widths += [width - sum(widths) - sample, sample]
    room = [wide - 6 for wide in widths]  # inside the cells' padding
    heads = [name for name, _w in PK_COLUMNS] + ["Not collected: why", "Sample ID"]
    rows: list[list[Cell]] = [[cell(name, s["head"], room[i], "b")
                               for i, name in enumerate(heads)]]
    for tube, code in zip(w.pk, codes, strict=True):
        due = [(tube.due, ""), ("expected" if tube.expected and tube.due else "", "i")]
        rows.append([cell(tube.label, small, room[0]), cell(due, small, room[1]),
                     cell(tube.window, small, room[2]), cell(tube.collected, small, room[3]),
                     "", cell(tube.not_collected, small, room[5]),
                     [code, line(tube.sample_id, small)]])
    table = _grid(rows, widths, keep=2, fonts=[
        cell_font(s["head"], (0, 0), (-1, 0), "b"), cell_font(small, (0, 1), (3, -1)),
        cell_font(small, (5, 1), (5, -1))])
    return PkBlock([line("PK samples", s["h_pk"]), line(w.pk_basis, s["note"]), table])


def _story(w: WorksheetData, width: float) -> list[Flowable]:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    from reports.worksheet_keep import Kept
    from reports.worksheet_table import tick_box
    from reports.worksheet_text import cell, cell_font, line

    s = _styles()
    story: list[Flowable] = []
    booked = f" · booked {_booked(w)}" if w.booked else ""
    story.append(Paragraph(f"<b>{markup(w.visit_code)} {markup(w.visit_label)}</b> · window "
                           f"{fmt_window(w.earliest, w.latest, w.target)}{booked}", s["p"]))
    story.append(Spacer(1, 3 * mm))
    story.append(_grid([["Actual date (DD-MMM-YYYY)", "", "Time (24 h)", ""]],
                       [45 * mm, 45 * mm, 25 * mm, width - 115 * mm], header=False,
                       heights=8 * mm))
    story.append(line("Procedures", s["h"]))
    rows: list[list[Cell]] = [["Procedure", "Done", "Not done", "Time", "Initials"]]
    rows += [[cell(p, s["small"], width - 74 * mm - 6), tick_box(), tick_box(), "", ""]
             for p in w.procedures]
    story.append(_grid(rows, [width - 74 * mm, 12 * mm, 18 * mm, 20 * mm, 24 * mm],
                       fonts=[cell_font(s["small"], (0, 1), (0, -1))]))
    if w.vital_signs:
        story.append(line("Vital signs", s["h"]))
        if w.last_vitals:  # what was measured before, to compare with
            story.append(line("Last values: " + " · ".join(w.last_vitals), s["small"]))
        half = (len(VITALS) + 1) // 2
        left, right = VITALS[:half], VITALS[half:]
        rows = [[a, "", right[i] if i < len(right) else "", ""] for i, a in enumerate(left)]
        story.append(Kept(_grid(rows, [40 * mm, width / 2 - 40 * mm, 40 * mm,
                                               width / 2 - 40 * mm], header=False,
                                        heights=7 * mm)))
    story += lab_section(w, width, _grid, s)
    if w.dosing:
        story.append(line("Dosing record", s["h"]))
        story.append(Kept(_grid(
            [["Dose level", w.dose_level or "", "Dose time (24 h)", ""],
             ["Tablets dispensed", "", "Tablets returned", ""],
             ["Dose as planned / reduced / held", "", "Initials", ""]],
            [52 * mm, width / 2 - 52 * mm, 40 * mm, width / 2 - 40 * mm], header=False,
            heights=7 * mm)))
        for note in w.dosing_notes:  # the dosing as it stands when printed
            story.append(line(note, s["small"]))
    if w.pk:
        story.append(_pk_section(w, width))
    story.append(line("Adverse events: open ones to review, and new ones", s["h"]))
    rows = [["Adverse event", "Onset", "Grade now", "Ongoing / resolved (date)", "Initials"]]
    for ae in w.open_aes:
        name = ae.name + (" (SAE)" if ae.serious else "")
        rows.append([cell(name, s["small"], width - 109 * mm - 6), fmt_date(ae.onset),
                     str(ae.grade or ""), "", ""])
    rows += [["", "", "", "", ""] for _ in range(NEW_AE_ROWS)]
    story.append(_grid(rows, [width - 109 * mm, 24 * mm, 20 * mm, 47 * mm, 18 * mm],
                       fonts=[cell_font(s["small"], (0, 1), (0, len(w.open_aes)))]))
    story.append(line("Concomitant medications", s["h"]))
    for med in w.conmeds:  # the ongoing ones, to review
        story.append(line(med, s["small"]))
    meds = _grid([["Reviewed:", tick_box(), "no change", tick_box(), "changes, recorded below"],
                  ["Changes", "", "", "", ""]],
                 [22 * mm, 7 * mm, 22 * mm, 7 * mm, width - 58 * mm], header=False,
                 heights=[7 * mm, 14 * mm])
    meds.setStyle([("SPAN", (1, 1), (-1, 1))])
    story.append(meds)
    story.append(line("Comments", s["h"]))
    story.append(_grid([[""]], [width], header=False, heights=22 * mm))
    story.append(Spacer(1, 4 * mm))
    if w.signature:
        story.append(line(w.signature, s["p"]))
    story.append(Kept(_grid(
        [["Completed by (name)", "", "Signature", "", "Date", ""],
         ["Investigator (name)", "", "Signature", "", "Date", ""]],
        [36 * mm, 40 * mm, 20 * mm, width - 146 * mm, 12 * mm, 38 * mm], header=False,
        heights=10 * mm)))
    return story


def _draw_header(canvas: Canvas, w: WorksheetData, size: tuple[float, float], number: int,
                 total: int) -> None:
    from reportlab.lib.units import mm

    regular, bold, _cjk = register_fonts()
    canvas.saveState()
    top = size[1] - 10 * mm
    _say(canvas, 15 * mm, top, _study_line(w), bold, 9)
    canvas.setFont(bold, 9)
    canvas.drawRightString(size[0] - 15 * mm, top, f"Page {number} of {total}")
    when = f"booked {_booked(w)}" if w.booked else f"target {fmt_date(w.target)}"
    _say(canvas, 15 * mm, top - 11,
         f"Subject {w.subject_id} · initials {w.initials} · {w.visit_code} "
         f"{w.visit_label} · {when}", regular, 8.5)
    canvas.line(15 * mm, top - 15, size[0] - 15 * mm, top - 15)
    _say(canvas, 15 * mm, 9 * mm, "Source document: write in ink; correct with a single "
         "line, initials and date.", regular, 7)
    if w.audit_head:
        _say(canvas, 15 * mm, 5 * mm, f"Audit trail at printing: {w.audit_head}", regular, 7)
    canvas.restoreState()


def _study_line(w: WorksheetData) -> str:
    """'IMP7068-101 · site ...': the study named once (its protocol number only when it is
    another name)."""
    study = w.study if w.protocol_number in ("", w.study) \
        else f"{w.study} · protocol {w.protocol_number}"
    return study + (f" · site {w.site}" if w.site else "")


def _say(canvas: Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    """A line drawn run by run, each in a font that has its letters (CJK in the CJK font)."""
    for piece, face in runs(text, font):
        canvas.setFont(face, size)
        canvas.drawString(x, y, piece)
        x += canvas.stringWidth(piece, face, size)


def _title(sheets: Sequence[WorksheetData]) -> str:
    if len(sheets) == 1:
        return f"Worksheet {sheets[0].study} {sheets[0].subject_id} {sheets[0].visit_code}"
    return f"Worksheets of {len(sheets)} visits"


def write_worksheets(sheets: Iterable[WorksheetData], path: Path | str,
                     page: str = "A4") -> int:
    """All worksheets into one PDF, in the order given; returns the pages written.

    One pass: each page remembers which worksheet it belongs to, and the headers (with
    "page N of M" counted within each worksheet) are drawn when the document is saved.
    Written to a temporary file first: a failure leaves no half-written PDF behind.
    """
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    from reports.worksheet_canvas import SheetCanvas, SheetStart
    from reports.worksheet_keep import Kept

    sheet_list = list(sheets)
    if not sheet_list:
        raise ValueError("no worksheets to write")
    size = _page_size(page)
    width = size[0] - 30 * mm
    regular, _bold, _cjk = register_fonts()  # every page's first font too: none unembedded


    def header(canvas: Canvas, index: int, number: int, total: int) -> None:
        _draw_header(canvas, sheet_list[index], size, number, total)

    story: list[Flowable] = []
    for i, w in enumerate(sheet_list):
        if i:
            story.append(PageBreak())
        story.append(SheetStart(i))
        story.extend(_story(w, width))
    path = Path(path)
    made: list[SheetCanvas] = []

    def maker(*args: Any, **kwargs: Any) -> SheetCanvas:
        canvas = SheetCanvas(*args, draw_header=header, **kwargs)
        made.append(canvas)
        return canvas

    with written_atomically(path) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=size, leftMargin=15 * mm,
                                rightMargin=15 * mm, topMargin=22 * mm, bottomMargin=14 * mm,
                                title=_title(sheet_list), author="Site Tracker",
                                creator="Site Tracker", initialFontName=regular,
                                # dated when printed: the paper's own time, never a fixed one
                                invariant=False)
        doc.keepTogetherClass = Kept  # a heading kept with what follows it
        doc.build(story, canvasmaker=maker)
    return len(made[-1].pages)
