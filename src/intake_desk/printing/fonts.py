"""Finding, registering and checking the Chinese font the documents are printed in.

The documents embed a TrueType CJK font found on the machine (Windows: SimSun, Microsoft YaHei,
SimHei; Linux: WenQuanYi and whatever ``fc-list :lang=zh`` knows; macOS: the system Chinese fonts),
or one an administrator names in Settings. Rare characters in names (𠮷, 䶮) are often missing from
the main font, so other fonts found on the machine are kept as **supplements** – in the order of
the Extension-B fonts first (SimSun-ExtB, MingLiU-ExtB, HanaMin) – and a character missing from the
main font is printed in the first supplement that has it. Supplements are only opened when a
document needs one.

When no usable TrueType font exists, the documents fall back to ReportLab's built-in
``STSong-Light``. That font is not embedded: viewers substitute a font of their own and some render
nothing, so :attr:`FontChoice.warning` says so, for the window and ``intake-desk selftest``.

Before a document is printed, :func:`missing_characters` lists the characters no font has, and
the document refuses with :class:`MissingGlyphsError` instead of printing empty boxes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

BUILTIN_FONT_NAME = "STSong-Light"

# A font that lacks any of these cannot print our forms; a Latin font named in Settings is refused.
_PROBE = "受理回执申请人姓名身份证号码告知承诺书转介单一次性补打第页"


@dataclass(frozen=True)
class FontFace:
    """A TrueType font file (and face index within a ``.ttc`` collection)."""

    path: Path
    subfont_index: int = 0


@dataclass(frozen=True)
class FontChoice:
    """The font the documents use.

    ``name`` is the ReportLab font name to print with (registered already); ``path`` and
    ``subfont_index`` say which file it came from (``None`` for the built-in fallback);
    ``family`` is the human name; ``embedded`` is false only for the built-in fallback;
    ``warning`` is a sentence for the clerk or administrator, or ``None`` when all is well;
    ``supplements`` are further fonts for characters the main font lacks.
    """

    name: str
    path: Path | None
    subfont_index: int
    family: str
    embedded: bool
    warning: str | None = None
    supplements: tuple[FontFace, ...] = ()

    def describe(self) -> str:
        """One line for Settings and ``selftest``: which font, from where, embedded or not."""
        if self.path is None:
            return f"{self.family}（内置字体，不嵌入 / built-in, not embedded）"
        where = f"{self.path}" + (f" #{self.subfont_index}" if self.subfont_index else "")
        return f"{self.family}（{where}，嵌入 / embedded）"


class MissingGlyphsError(ValueError):
    """The document contains characters that no available font can print."""

    def __init__(self, characters: Sequence[str], font: FontChoice) -> None:
        self.characters = list(characters)
        self.font = font
        listed = "、".join(f"{c}（U+{ord(c):04X}）" for c in self.characters)
        listed_en = ", ".join(f"{c} (U+{ord(c):04X})" for c in self.characters)
        super().__init__(
            f"字体“{font.family}”及备用字体缺少以下字符，无法打印：{listed}。"
            f"请管理员在“设置”中指定包含这些字符的字体文件（如 SimSun-ExtB）。"
            f" / The font '{font.family}' and its supplements have no glyph for: {listed_en}. "
            "Name a font file that has them in Settings (for example SimSun-ExtB)."
        )


# ---------------------------------------------------------------------------------------------
# ReportLab repair: ToUnicode entries for characters beyond the Basic Multilingual Plane
# ---------------------------------------------------------------------------------------------


def _utf16_hex(code_point: int) -> str:
    return chr(code_point).encode("utf-16-be", "surrogatepass").hex().upper()


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """ReportLab's ``makeToUnicodeCMap`` with UTF-16 values.

    ReportLab writes ``<%04X>``, which for 𠮷 (U+20BB7) gives the odd-length ``<20BB7>``: the
    character prints but copying, searching and extracting text lose it. PDF wants the UTF-16BE
    surrogate pair ``<D842DFB7>``; for BMP characters the output is unchanged.
    """
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{_utf16_hex(v)}>" for i, v in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


# ---------------------------------------------------------------------------------------------
# registration (once per file and face, shared by every document)
# ---------------------------------------------------------------------------------------------

_lock = threading.Lock()
_registered: dict[FontFace, TTFont] = {}
_refused: dict[FontFace, str] = {}


def _font_name(face: FontFace) -> str:
    digest = hashlib.sha1(str(face.path).encode("utf-8")).hexdigest()[:8]
    stem = "".join(ch for ch in face.path.stem if ch.isascii() and ch.isalnum()) or "font"
    return f"IntakeDesk-{stem}-{face.subfont_index}-{digest}"


def load_face(face: FontFace) -> TTFont:
    """Register ``face`` with ReportLab once and return it; raises ``TTFError``/``OSError`` if unusable."""
    with _lock:
        font = _registered.get(face)
        if font is not None:
            return font
        if face in _refused:
            raise TTFError(_refused[face])
        try:
            font = TTFont(_font_name(face), str(face.path), subfontIndex=face.subfont_index)
        except (TTFError, OSError, ValueError, IndexError, KeyError) as error:
            # CFF-based OpenType (Noto CJK, Source Han) and damaged files end up here.
            _refused[face] = f"{face.path}: {error}"
            raise TTFError(_refused[face]) from error
        pdfmetrics.registerFont(font)
        _registered[face] = font
        return font


def _cmap(font: TTFont) -> dict[int, int]:
    mapping: dict[int, int] = font.face.charToGlyph
    return mapping


def _family(font: TTFont) -> str:
    raw = font.face.familyName
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def _register_builtin() -> None:
    with _lock:
        if BUILTIN_FONT_NAME not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(BUILTIN_FONT_NAME))


# ---------------------------------------------------------------------------------------------
# where fonts are
# ---------------------------------------------------------------------------------------------


def _windows_font_dirs() -> list[Path]:
    dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return dirs


def _known_candidates() -> tuple[list[FontFace], list[FontFace]]:
    """(main-font candidates, Extension-B supplements) at their usual places on this platform."""
    main: list[FontFace] = []
    extb: list[FontFace] = []
    if sys.platform.startswith("win"):
        for folder in _windows_font_dirs():
            main += [FontFace(folder / n) for n in ("simsun.ttc", "msyh.ttc", "simhei.ttf", "simkai.ttf")]
            extb += [FontFace(folder / n) for n in ("simsunb.ttf", "mingliub.ttc")]
    elif sys.platform == "darwin":
        for folder in (Path("/System/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"),
                       Path("/Library/Fonts"), Path.home() / "Library" / "Fonts"):
            main += [FontFace(folder / n) for n in ("STHeiti Light.ttc", "STHeiti Medium.ttc",
                                                    "Songti.ttc", "Arial Unicode.ttf")]
    else:
        for folder in (Path("/usr/share/fonts/truetype/wqy"), Path("/usr/share/fonts/wqy-microhei"),
                       Path("/usr/share/fonts/wenquanyi/wqy-microhei"), Path("/usr/share/fonts/wqy-zenhei"),
                       Path("/usr/share/fonts/wenquanyi/wqy-zenhei")):
            main += [FontFace(folder / n) for n in ("wqy-microhei.ttc", "wqy-zenhei.ttc")]
        main += [FontFace(Path("/usr/share/fonts/truetype/arphic") / n) for n in ("uming.ttc", "ukai.ttc")]
        for folder in (Path("/usr/share/fonts/truetype/hanazono"), Path("/usr/share/fonts/hanazono")):
            extb += [FontFace(folder / n) for n in ("HanaMinB.ttf", "HanaMinA.ttf")]
    return main, extb


def _fc_list() -> list[FontFace]:
    """Chinese fonts fontconfig knows about (TrueType outlines only; ReportLab refuses CFF)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    try:
        result = subprocess.run(
            [fc_list, "--format", "%{file}\t%{index}\t%{fontformat}\n", ":lang=zh"],
            capture_output=True, text=True, timeout=10, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    faces: list[FontFace] = []
    for line in sorted(result.stdout.splitlines()):
        parts = line.split("\t")
        if len(parts) != 3 or parts[2].strip() not in ("TrueType", ""):
            continue
        path = Path(parts[0])
        if path.suffix.lower() not in (".ttf", ".ttc"):
            continue
        try:
            index = int(parts[1] or 0)
        except ValueError:
            continue
        faces.append(FontFace(path, index))
    return faces


def _unique_existing(faces: Iterable[FontFace]) -> list[FontFace]:
    seen: set[FontFace] = set()
    out: list[FontFace] = []
    for face in faces:
        if face not in seen and face.path.is_file():
            seen.add(face)
            out.append(face)
    return out


def _candidates() -> tuple[list[FontFace], list[FontFace]]:
    main, extb = _known_candidates()
    found = _fc_list()
    return _unique_existing([*main, *found]), _unique_existing(extb)


# ---------------------------------------------------------------------------------------------
# choosing
# ---------------------------------------------------------------------------------------------


def _usable_main(face: FontFace) -> tuple[TTFont | None, str | None]:
    """The registered font if ``face`` can print our forms, else (None, reason)."""
    try:
        font = load_face(face)
    except TTFError as error:
        return None, f"无法读取字体文件 {face.path}（{error}） / cannot use font file {face.path} ({error})"
    cmap = _cmap(font)
    lacking = [ch for ch in _PROBE if cmap.get(ord(ch), 0) == 0]
    if lacking:
        return None, (
            f"字体文件 {face.path} 不含常用汉字（如“{lacking[0]}”） / "
            f"font file {face.path} has no common Chinese characters"
        )
    return font, None


@lru_cache(maxsize=8)
def find_cjk_font(preferred: Path | None = None, subfont_index: int = 0) -> FontChoice:
    """The font to print with: ``preferred`` (from Settings) if usable, else the first one found.

    Registers the font with ReportLab once; later calls are answered from a cache.
    """
    notes: list[str] = []
    main, extb = _candidates()
    if preferred is not None:
        face = FontFace(Path(preferred), subfont_index)
        if face.path.is_file():
            main = [face, *[f for f in main if f != face]]
        else:
            notes.append(f"设置中指定的字体文件不存在：{face.path} / the font file named in Settings does not exist")
    for face in main:
        font, reason = _usable_main(face)
        if font is None:
            if preferred is not None and face.path == Path(preferred) and reason:
                notes.append(reason)
            continue
        # One face per file is enough: the other faces of a collection share its characters.
        others: dict[Path, FontFace] = {}
        for other in [*extb, *main]:
            if other.path != face.path:
                others.setdefault(other.path, other)
        return FontChoice(
            name=font.fontName,
            path=face.path,
            subfont_index=face.subfont_index,
            family=_family(font),
            embedded=True,
            warning="；".join(notes) or None,
            supplements=tuple(others.values()),
        )
    notes.append(
        "未找到可嵌入的中文 TrueType 字体，文书将使用内置字体 STSong-Light（不嵌入，部分电脑可能显示为空白）。"
        "请安装宋体/微软雅黑（Windows）或 fonts-wqy-microhei（Linux），或在“设置”中指定字体文件。"
        " / No embeddable Chinese TrueType font found; documents use the built-in STSong-Light, which"
        " is not embedded and may print blank on some machines. Install SimSun/Microsoft YaHei or"
        " fonts-wqy-microhei, or name a font file in Settings."
    )
    return builtin_font("；".join(notes))


def builtin_font(warning: str | None = None) -> FontChoice:
    """The built-in, non-embedded ``STSong-Light`` (the fallback of :func:`find_cjk_font`)."""
    _register_builtin()
    return FontChoice(BUILTIN_FONT_NAME, None, 0, BUILTIN_FONT_NAME, embedded=False, warning=warning)


def font_from_file(path: Path, subfont_index: int = 0, supplements: Sequence[FontFace] = ()) -> FontChoice:
    """A font choice for one given file (e.g. to try a file before saving it in Settings).

    Raises ``TTFError`` when ReportLab cannot use the file.
    """
    font = load_face(FontFace(Path(path), subfont_index))
    return FontChoice(font.fontName, Path(path), subfont_index, _family(font), True, None, tuple(supplements))


# ---------------------------------------------------------------------------------------------
# coverage
# ---------------------------------------------------------------------------------------------


def _needs_glyph(ch: str) -> bool:
    # Line breaks, tabs and format characters (zero-width joiners …) print nothing.
    return unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp")


class FontRuns:
    """Which registered font prints each character: the main font, else the first supplement with it.

    One instance per :class:`FontChoice` (see :func:`runs_for`); answers are cached per character.
    """

    def __init__(self, font: FontChoice) -> None:
        self.font = font
        self._main: dict[int, int] | None = None
        if font.path is not None:
            self._main = _cmap(load_face(FontFace(font.path, font.subfont_index)))
        self._chosen: dict[str, str | None] = {}
        self._lock = threading.Lock()

    def font_for(self, ch: str) -> str | None:
        """The ReportLab font name that prints ``ch``, or ``None`` when no font has it."""
        known = self._chosen.get(ch, "")
        if known != "":
            return known
        with self._lock:
            chosen = self._choose(ch)
            self._chosen[ch] = chosen
        return chosen

    def _choose(self, ch: str) -> str | None:
        code = ord(ch)
        if self._main is None:
            # The built-in CID font is addressed in UCS-2: nothing beyond the BMP can print. Inside
            # the BMP its Adobe-GB1 coverage cannot be asked, so it is taken on trust.
            return self.font.name if code <= 0xFFFF else None
        if self._main.get(code, 0) or not _needs_glyph(ch):
            return self.font.name
        for face in self.font.supplements:
            try:
                extra = load_face(face)
            except TTFError:
                continue
            if _cmap(extra).get(code, 0):
                return str(extra.fontName)
        return None

    def missing(self, text: str) -> list[str]:
        """Characters of ``text`` no font has, each once, in order of first appearance."""
        out: dict[str, None] = {}
        for ch in text:
            if ch not in out and _needs_glyph(ch) and self.font_for(ch) is None:
                out[ch] = None
        return list(out)

    def split(self, text: str) -> list[tuple[str, str]]:
        """``text`` cut into (font name, piece) runs; characters no font has stay with the main font."""
        runs: list[tuple[str, str]] = []
        for ch in text:
            name = self.font_for(ch) or self.font.name
            if runs and runs[-1][0] == name:
                runs[-1] = (name, runs[-1][1] + ch)
            else:
                runs.append((name, ch))
        return runs


_runs_cache: dict[FontChoice, FontRuns] = {}


def runs_for(font: FontChoice) -> FontRuns:
    """The shared :class:`FontRuns` for ``font``."""
    with _lock:
        runs = _runs_cache.get(font)
    if runs is None:
        runs = FontRuns(font)
        with _lock:
            runs = _runs_cache.setdefault(font, runs)
    return runs


def missing_characters(text: str, font: FontChoice) -> list[str]:
    """Characters of ``text`` that neither ``font`` nor its supplements can print (each once)."""
    return runs_for(font).missing(text)


def check_glyphs(text: str, font: FontChoice) -> None:
    """Raise :class:`MissingGlyphsError` when ``text`` has characters no font can print."""
    missing = missing_characters(text, font)
    if missing:
        raise MissingGlyphsError(missing, font)
