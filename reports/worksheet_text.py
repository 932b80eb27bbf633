"""Short text on a worksheet, set as its Paragraph would set it, without the Paragraph.

A day's worksheets hold about two thousand short texts (procedure names, PK times, AE
names, headings), nearly all one line in one font. reportlab's Paragraph parses each as
markup, breaks it into words and lays it out word by word: a third of a day's printing, for
lines whose words are known. `Line` measures each text once and draws it where the
Paragraph draws its line (the same font, size, leading and spacing: the page is the same);
a text wider than its room, or whose letters need another font (Chinese, Japanese,
Korean), is set by a Paragraph after all. Imported only when a worksheet is printed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph
from reportlab.rl_config import paraFontSizeHeightOffset

from reports.fonts import markup, plain

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle

#: one text of a Line: (the text, "b" for bold, "i" for italic, or "" for the style's face)
Text = tuple[str, str]


class Line(Flowable):
    """Texts set one under the other, each a line of its own, as a Paragraph of them with
    <br/> between sets them when each fits its width; that Paragraph when one does not."""

    def __init__(self, texts: list[tuple[str, str, str]], style: ParagraphStyle,
                 fallback: str) -> None:
        super().__init__()
        self.texts = texts  # (the words as shown, their font, the markup)
        self.style, self.fallback = style, fallback
        self.paragraph: Paragraph | None = None
        self.fits_width = -1.0  # the widest room found to fit so far

    def _paragraph(self, width: float) -> Paragraph | None:
        """The Paragraph this text needs at `width` (None: plain lines will do)."""
        if self.paragraph is None and width != self.fits_width:
            size = self.style.fontSize
            room = width - self.style.leftIndent - self.style.rightIndent
            if any(stringWidth(words, font, size) > room for words, font, _m in self.texts) \
                    or self.style.firstLineIndent:
                self.paragraph = Paragraph(self.fallback, self.style)
            else:
                self.fits_width = width
        return self.paragraph

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        paragraph = self._paragraph(aW)
        if paragraph is not None:
            size: tuple[float, float] = paragraph.wrap(aW, aH)
            self.width, self.height = size
            return size
        self.width, self.height = aW, len(self.texts) * self.style.leading
        return self.width, self.height

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if self._paragraph(aW) is None and len(self.texts) > 1:
            self.paragraph = Paragraph(self.fallback, self.style)  # its lines split
        if self.paragraph is None:
            return []  # one line: on the next page, as a Paragraph's one line goes
        parts: list[Flowable] = self.paragraph.split(aW, aH)
        return parts

    def draw(self) -> None:
        if self.paragraph is not None:
            self.paragraph.drawOn(self.canv, 0, 0)
            return
        canvas, style = self.canv, self.style
        size = style.fontSize
        y = self.height - size  # where a Paragraph's first line stands
        canvas.setFillColor(style.textColor)
        for words, font, _markup in self.texts:
            canvas.setFont(font, size, style.leading)
            canvas.drawString(style.leftIndent, y, words)
            y -= style.leading


def line(text: str, style: ParagraphStyle, face: str = "") -> Flowable:
    """`text` in `style` ("b": in its bold): one line when it fits, as a Paragraph sets it;
    a Paragraph when it does not, or when its letters need another font."""
    return lines([(text, face)], style)


def lines(texts: list[Text], style: ParagraphStyle) -> Flowable:
    """Texts one under the other (each (text, face): see `Text`); a text of no words
    leaves no line, as in a Paragraph of them."""
    shown = [(plain(text), face, _tagged(text, face)) for text, face in texts]
    fallback = "<br/>".join(tagged for words, _face, tagged in shown if words != "")
    if any(words is None for words, _face, _tagged in shown) or not paraFontSizeHeightOffset:
        return Paragraph(fallback, style)  # letters of another font, or odd spaces
    return Line([(words, _face(style, face), tagged) for words, face, tagged in shown
                 if words], style, fallback)


def cell(texts: str | list[Text], style: ParagraphStyle, room: float,
         face: str = "") -> Any:
    """A table cell's text as `style` sets it, in a cell whose strings are set in its
    font (`cell_font(style, face)`): the plain words when each text fits one line of
    `room` (the cell's width inside its padding), its lines joined by line ends (the
    table draws them where the Paragraph's lines stand); else the Paragraph of them."""
    texts = [(texts, face)] if isinstance(texts, str) else texts
    font, size = _face(style, face), style.fontSize
    shown = [(plain(text), text, face) for text, face in texts]
    if all(words is not None and (not words or (_face(style, f) == font and
                                                 stringWidth(words, font, size) <= room))
           for words, _text, f in shown) and paraFontSizeHeightOffset:
        return "\n".join(words for words, _text, _f in shown if words)
    return Paragraph("<br/>".join(_tagged(text, f) for words, text, f in shown if words != ""),
                     style)


def cell_font(style: ParagraphStyle, first: tuple[int, int], last: tuple[int, int],
              face: str = "") -> tuple[Any, ...]:
    """The table style's command setting cells from `first` to `last` in `style`'s font
    (its bold: face "b"), size and leading, for the strings of `cell`."""
    return ("FONT", first, last, _face(style, face), style.fontSize, style.leading)


def _face(style: ParagraphStyle, face: str) -> str:
    """The style's font in that face ("b" bold, "i" italic), as a Paragraph finds it."""
    family, bold, italic = ps2tt(style.fontName)
    return str(tt2ps(family, 1 if bold or face == "b" else 0,
                     1 if italic or face == "i" else 0))


def _tagged(text: str, face: str) -> str:
    """The text as a Paragraph's markup, in its face."""
    return f"<{face}>{markup(text)}</{face}>" if face else markup(text)


__all__ = ["Line", "Text", "cell", "cell_font", "line", "lines"]
