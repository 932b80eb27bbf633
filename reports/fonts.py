"""Fonts for paper that print names in any script, embedded in the PDF.

Latin-1 text stays in the PDF's own Helvetica (small files, the usual look). Other
alphabets (Greek, Cyrillic, Armenian, Georgian, Hebrew, Arabic...) are set in DejaVu Sans,
shipped with the app (resources/fonts). Chinese, Japanese and Korean need a CJK font: the
first TrueType one found on this computer (WenQuanYi or Droid on Linux, Microsoft YaHei or
SimSun on Windows, the system's on macOS), embedded as a subset. Text is split into runs so
that each run is set in a font that has its glyphs.
"""

from __future__ import annotations

import importlib.util
import os
import re
from functools import cache
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
    """The folder of DejaVuSans.ttf and its bold: the app's own, else the system's."""
    spec = importlib.util.find_spec("resources.fonts")
    folders = [Path(base) for base in (spec.submodule_search_locations or [])] if spec else []
    for folder in [*folders, Path("/usr/share/fonts/truetype/dejavu")]:
        if (folder / "DejaVuSans.ttf").exists() and (folder / "DejaVuSans-Bold.ttf").exists():
            return folder
    return None


def cjk_font_file() -> str | None:
    """The CJK font this computer has (SITETRACK_CJK_FONT names another)."""
    wanted = os.environ.get("SITETRACK_CJK_FONT")
    for candidate in ((wanted,) if wanted else ()) + CJK_CANDIDATES:
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def _has_wide() -> bool:
    return _dejavu() is not None


@cache
def register_fonts() -> tuple[str, str, str | None]:
    """(regular, bold, CJK or None): the PDF's Helvetica for Latin-1, with DejaVu Sans
    (regular and bold, for other alphabets) and the CJK font registered once to embed."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = _dejavu()
    regular, bold = "Helvetica", "Helvetica-Bold"
    if folder is not None:
        pdfmetrics.registerFont(TTFont(WIDE, str(folder / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(WIDE_BOLD, str(folder / "DejaVuSans-Bold.ttf")))
        pdfmetrics.registerFontFamily(WIDE, normal=WIDE, bold=WIDE_BOLD, italic=WIDE,
                                      boldItalic=WIDE_BOLD)
    cjk = None
    path = cjk_font_file()
    if path is not None:
        try:
            pdfmetrics.registerFont(TTFont(CJK, path, subfontIndex=0))
            cjk = CJK
        except Exception:  # a font reportlab cannot read (CFF outlines): CJK shows as boxes
            cjk = None
    return regular, bold, cjk


def _script(ch: str) -> str:
    """Which font a letter needs: the PDF's own (Latin-1), DejaVu, or the CJK font."""
    if ord(ch) < 0x100:
        return "base"
    return "cjk" if _CJK.match(ch) else "wide"


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


def markup(text: str) -> str:
    """Text for a Paragraph: escaped; letters outside Latin-1 set in an embedded font that
    has them (most text stays in the PDF's Helvetica: small files, the usual look)."""
    _regular, _bold, cjk = register_fonts()
    faces = {"base": None, "wide": WIDE if _has_wide() else None, "cjk": cjk}
    out = []
    for piece, kind in _pieces(text):
        face = faces[kind]
        out.append(f'<font name="{face}">{escape(piece)}</font>' if face else escape(piece))
    return "".join(out)


def runs(text: str, font: str) -> list[tuple[str, str]]:
    """(text, font) pieces for drawing on a canvas in `font` (Helvetica or its bold)."""
    _regular, _bold, cjk = register_fonts()
    wide = (WIDE_BOLD if "Bold" in font else WIDE) if _has_wide() else font
    faces = {"base": font, "wide": wide, "cjk": cjk or font}
    return [(piece, faces[kind]) for piece, kind in _pieces(text)]


__all__ = ["CJK", "WIDE", "WIDE_BOLD", "cjk_font_file", "markup", "register_fonts", "runs"]
