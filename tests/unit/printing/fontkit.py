"""Small fonts built for the printing tests with fontTools.

Real machines differ in which rare characters their fonts have (WenQuanYi and Microsoft YaHei lack
𠮷, SimSun-ExtB has it), so the tests build the fonts they need: a supplement that has 𠮷
(U+20BB7, CJK Extension B), a Latin-only font, a font with just the characters our forms need,
and a CFF-outline OpenType font like Noto CJK, which ReportLab refuses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

RARE = "𠮷"
UPM = 1000

Pen = TTGlyphPen | T2CharStringPen
Drawer = Callable[[Pen], None]


def _box(pen: Pen, x0: int, y0: int, x1: int, y1: int) -> None:
    pen.moveTo((x0, y0))
    pen.lineTo((x0, y1))
    pen.lineTo((x1, y1))
    pen.lineTo((x1, y0))
    pen.closePath()


def _frame(pen: Pen, x0: int, y0: int, x1: int, y1: int, t: int) -> None:
    _box(pen, x0, y0, x1, y0 + t)
    _box(pen, x0, y1 - t, x1, y1)
    _box(pen, x0, y0, x0 + t, y1)
    _box(pen, x1 - t, y0, x1, y1)


def draw_rare(pen: Pen) -> None:
    """𠮷: 土 above 口 (the long stroke is the lower one, which is what tells it from 吉)."""
    _box(pen, 300, 760, 700, 820)  # short upper stroke
    _box(pen, 470, 520, 530, 820)  # vertical
    _box(pen, 120, 500, 880, 560)  # long lower stroke
    _frame(pen, 230, 20, 770, 420, 60)  # 口


def draw_generic(pen: Pen) -> None:
    _frame(pen, 100, 0, 900, 800, 70)
    _box(pen, 100, 370, 900, 430)


def draw_notdef(pen: Pen) -> None:
    _frame(pen, 80, 0, 520, 700, 40)


def build_font(path: Path, characters: Iterable[str], family: str, *, cff: bool = False,
               drawers: dict[str, Drawer] | None = None) -> Path:
    """A font with a glyph for each of ``characters`` (drawn by ``drawers`` or a generic shape)."""
    chars = list(dict.fromkeys(characters))
    names = [".notdef", "space", *(f"u{ord(c):04X}" for c in chars if c != " ")]
    cmap = {0x20: "space", **{ord(c): f"u{ord(c):04X}" for c in chars if c != " "}}
    builder = FontBuilder(UPM, isTTF=not cff)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap(cmap)
    drawers = drawers or {}

    def shape(name: str, pen: Pen) -> None:
        if name == ".notdef":
            draw_notdef(pen)
        elif name != "space":
            char = chr(int(name[1:], 16))
            drawers.get(char, draw_generic)(pen)

    if cff:
        charstrings = {}
        for name in names:
            t2 = T2CharStringPen(UPM if name != ".notdef" else 600, None)
            shape(name, t2)
            charstrings[name] = t2.getCharString()
        builder.setupCFF(family.replace(" ", ""), {"FullName": family}, charstrings, {})
    else:
        glyphs = {}
        for name in names:
            tt = TTGlyphPen(None)
            shape(name, tt)
            glyphs[name] = tt.glyph()
        builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({n: (600 if n in (".notdef", "space") else UPM, 0) for n in names})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    builder.save(str(path))
    return path


def build_rare_supplement(path: Path) -> Path:
    """A TrueType supplement with only 𠮷, like SimSun-ExtB in miniature."""
    return build_font(path, [RARE], "Test ExtB", drawers={RARE: draw_rare})
