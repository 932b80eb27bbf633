"""Fonts for paper that print names in any script, embedded in the PDF.

Every letter is set in a font embedded in the file (as a subset), so a worksheet prints the
same on every PC, whatever fonts it has. DejaVu Sans (regular and bold), which the app ships
in resources/fonts (1.4 MB, its free licence beside it), sets Latin, Greek, Cyrillic,
Armenian, Georgian, Hebrew, Arabic... Chinese, Japanese and Korean need a CJK font: the
first TrueType one found on this computer (WenQuanYi or Droid on Linux, Microsoft YaHei or
SimSun on Windows, the system's on macOS). Text is split into runs so that each run is set
in a font that has its glyphs. The PDF's own Helvetica (never embedded: each viewer
substitutes its own) is only the last resort of a damaged installation.
"""

from __future__ import annotations

import os
import re
from functools import cache
from importlib.resources import files
from pathlib import Path
from xml.sax.saxutils import escape

WIDE, WIDE_BOLD, CJK = "SiteSans", "SiteSans-Bold", "SiteCJK"

#: CJK ideographs, kana, hangul, CJK punctuation and full-width forms
_CJK = re.compile(r"[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
                  r"\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+")

_LATIN1 = re.compile(r"[\x00-\xff]*")

#: TrueType CJK fonts (reportlab embeds TrueType outlines, not CFF ones), by platform
CJK_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    r"C:\Windows\Fonts\msyh.ttc",
    r"C:\Windows\Fonts\simsun.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)


@cache
def _dejavu() -> Path | None:
    """The folder of the DejaVu Sans the app ships (None only in a damaged installation)."""
    folder = Path(str(files("resources.fonts")))
    return folder if (folder / "DejaVuSans.ttf").is_file() else None


def cjk_font_file() -> str | None:
    """The CJK font this computer has (SITETRACK_CJK_FONT names another)."""
    wanted = os.environ.get("SITETRACK_CJK_FONT")
    for candidate in ((wanted,) if wanted else ()) + CJK_CANDIDATES:
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def register_fonts() -> tuple[str, str, str | None]:
    """(regular, bold, CJK or None), registered once to embed: DejaVu Sans and its bold (the
    PDF's unembedded Helvetica only where DejaVu Sans is missing), and the CJK font."""
    return (*base_fonts(), cjk_face())


@cache
def base_fonts() -> tuple[str, str]:
    """(regular, bold) registered once to embed, without the CJK font: what a text of no
    CJK letter needs (the Response place's pictures). Reading the CJK font's file is most
    of the fonts' first cost (63 ms of 86 ms for WenQuanYi Micro Hei's 5 MB)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = _dejavu()
    if folder is None:
        return "Helvetica", "Helvetica-Bold"
    pdfmetrics.registerFont(TTFont(WIDE, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(WIDE_BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(WIDE, normal=WIDE, bold=WIDE_BOLD, italic=WIDE,
                                  boldItalic=WIDE_BOLD)
    return WIDE, WIDE_BOLD


@cache
def cjk_face() -> str | None:
    """The CJK font registered once to embed (None: this computer has none reportlab can
    read: CJK shows as boxes)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = cjk_font_file()
    if path is None:
        return None
    try:
        pdfmetrics.registerFont(TTFont(CJK, path, subfontIndex=0))
    except Exception:  # a font reportlab cannot read (CFF outlines): CJK shows as boxes
        return None
    return CJK


def _script(ch: str) -> str:
    """Which font a letter needs: the text's own (DejaVu Sans), or the CJK font."""
    return "cjk" if ord(ch) >= 0x100 and _CJK.match(ch) else "base"


def _pieces(text: str) -> list[tuple[str, str]]:
    if _LATIN1.fullmatch(text):  # the usual case, at no cost
        return [(text, "base")] if text else []
    out: list[tuple[str, str]] = []
    for ch in text:
        kind = _script(ch)
        if out and out[-1][1] == kind:
            out[-1] = (out[-1][0] + ch, kind)
        else:
            out.append((ch, kind))
    return out


#: what a Paragraph does not set as one run of text: controls, odd spaces (it breaks lines
#: at them, or keeps them), the soft hyphen, and < and > (its parser sets them apart)
_ODD = re.compile(r"[<>\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\xa0\xad\u1680\u2000-\u200f"
                  r"\u2028-\u202f\u205f\u3000\ufeff]")


def plain(text: str) -> str | None:
    """`text` as a Paragraph shows it (its spaces, tabs and line ends run together into one
    space, none at either end), when it is set in the text's own font and has no odd
    spaces; else None (a Paragraph of `markup(text)` sets it)."""
    if _ODD.search(text) or any(kind != "base" for _piece, kind in _pieces(text)):
        return None
    return " ".join(text.split())


def markup(text: str) -> str:
    """Text for a Paragraph: escaped; Chinese, Japanese and Korean set in the CJK font."""
    base_fonts()
    out = []
    for piece, kind in _pieces(text):
        face = cjk_face() if kind == "cjk" else None
        out.append(f'<font name="{face}">{escape(piece)}</font>' if face else escape(piece))
    return "".join(out)


def runs(text: str, font: str) -> list[tuple[str, str]]:
    """(text, font) pieces for drawing on a canvas in `font` (register_fonts' regular or
    bold)."""
    base_fonts()
    return [(piece, (cjk_face() or font) if kind == "cjk" else font)
            for piece, kind in _pieces(text)]


__all__ = ["CJK", "WIDE", "WIDE_BOLD", "base_fonts", "cjk_face", "cjk_font_file", "markup", "plain",
           "register_fonts", "runs"]
