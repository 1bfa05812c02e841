"""Finding the Chinese font, the supplements for rare characters, and the glyph check."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFError

from intake_desk.printing import fonts
from intake_desk.printing.fonts import (
    BUILTIN_FONT_NAME,
    FontFace,
    MissingGlyphsError,
    find_cjk_font,
    font_from_file,
    load_face,
    missing_characters,
    runs_for,
)
from tests.unit.printing.fontkit import RARE, build_font, build_rare_supplement

FORM_CHARACTERS = fonts._PROBE + "阿卜杜·热合曼ABC0123456789 "


@pytest.fixture(scope="module")
def font_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fonts")


@pytest.fixture(scope="module")
def rare_face(font_dir: Path) -> FontFace:
    return FontFace(build_rare_supplement(font_dir / "test-extb.ttf"))


@pytest.fixture(scope="module")
def form_font_file(font_dir: Path) -> Path:
    """A TrueType font with just the characters our forms need (and no 𠮷)."""
    return build_font(font_dir / "test-forms.ttf", FORM_CHARACTERS, "Test Forms")


@pytest.fixture
def fresh_search() -> Iterator[None]:
    find_cjk_font.cache_clear()
    yield
    find_cjk_font.cache_clear()


def test_this_machine_has_an_embeddable_chinese_font() -> None:
    font = find_cjk_font()
    assert font.embedded and font.path is not None and font.path.is_file()
    assert font.warning is None
    assert font.path.suffix.lower() in (".ttf", ".ttc")
    assert missing_characters("社会救助申请受理回执" + "阿卜杜·热合曼", font) == []
    assert str(font.path) in font.describe()


def test_the_search_is_answered_from_a_cache() -> None:
    assert find_cjk_font() is find_cjk_font()


def test_missing_characters_are_listed_once_in_order_and_blanks_are_ignored(form_font_file: Path) -> None:
    font = font_from_file(form_font_file)
    assert missing_characters("受理X\n回执Y X\t", font) == ["X", "Y"]
    assert missing_characters("阿卜杜·热合曼\n", font) == []
    assert missing_characters(f"姓名{RARE}晓燕", font) == [RARE, "晓", "燕"]


def test_a_supplement_prints_what_the_main_font_lacks(form_font_file: Path, rare_face: FontFace) -> None:
    font = font_from_file(form_font_file, supplements=[rare_face])
    assert missing_characters(f"{RARE}受理", font) == []
    runs = runs_for(font).split(f"受{RARE}理")
    assert [piece for _, piece in runs] == ["受", RARE, "理"]
    assert runs[0][0] == runs[2][0] == font.name
    assert runs[1][0] == load_face(rare_face).fontName


def test_missing_glyphs_error_names_the_characters_in_chinese_and_english(form_font_file: Path) -> None:
    font = font_from_file(form_font_file)
    error = MissingGlyphsError([RARE], font)
    assert isinstance(error, ValueError)
    assert error.characters == [RARE]
    message = str(error)
    assert f"{RARE}（U+20BB7）" in message and "缺少以下字符" in message
    assert "have no glyph for: 𠮷 (U+20BB7)" in message and "Settings" in message


def test_a_font_file_named_in_settings_is_used(fresh_search: None, form_font_file: Path) -> None:
    font = find_cjk_font(form_font_file)
    assert font.path == form_font_file
    assert font.family == "Test Forms" and font.embedded and font.warning is None
    # The fonts found on the machine stay available for characters the named font lacks.
    assert font.supplements


def test_a_missing_font_file_in_settings_warns_and_falls_back(fresh_search: None, tmp_path: Path) -> None:
    absent = tmp_path / "no-such-font.ttf"
    font = find_cjk_font(absent)
    assert font.embedded and font.path != absent
    assert font.warning is not None and str(absent) in font.warning and "不存在" in font.warning


def test_a_latin_font_in_settings_is_refused_with_a_reason(fresh_search: None, font_dir: Path) -> None:
    latin = build_font(font_dir / "latin.ttf", "ABCabc", "Test Latin")
    font = find_cjk_font(latin)
    assert font.path != latin and font.embedded
    assert font.warning is not None and "不含常用汉字" in font.warning and str(latin) in font.warning


def test_cff_fonts_are_refused_like_reportlab_refuses_noto_cjk(fresh_search: None, font_dir: Path) -> None:
    cff = build_font(font_dir / "cff.otf", FORM_CHARACTERS, "Test CFF", cff=True)
    with pytest.raises(TTFError):
        load_face(FontFace(cff))
    font = find_cjk_font(cff)
    assert font.path != cff
    assert font.warning is not None and "无法读取字体文件" in font.warning


def test_without_any_truetype_font_the_builtin_font_is_used_with_a_warning(
    fresh_search: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fonts, "_candidates", lambda: ([], []))
    font = find_cjk_font()
    assert font.name == BUILTIN_FONT_NAME and font.path is None and not font.embedded
    assert font.warning is not None and "STSong-Light" in font.warning and "not embedded" in font.warning
    # The built-in font is addressed in UCS-2, so nothing beyond the BMP can be printed with it.
    assert missing_characters(f"阿卜杜·热合曼{RARE}", font) == [RARE]
    assert "built-in" in font.describe()


def test_fontconfig_listing_skips_cff_and_otf(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    class Result:
        stdout = (
            "/fonts/wqy-microhei.ttc\t1\tTrueType\n"
            "/fonts/NotoSansCJK-Regular.ttc\t0\tCFF\n"
            "/fonts/SourceHanSans.otf\t0\tTrueType\n"
            "/fonts/broken-line\n"
        )

    monkeypatch.setattr(fonts.shutil, "which", lambda name: "/usr/bin/fc-list")
    monkeypatch.setattr(fonts.subprocess, "run", lambda *a, **k: Result())
    assert fonts._fc_list() == [FontFace(Path("/fonts/wqy-microhei.ttc"), 1)]


def test_supplements_hold_one_face_per_file_and_never_the_main_font(fresh_search: None) -> None:
    font = find_cjk_font()
    paths = [face.path for face in font.supplements]
    assert font.path not in paths
    assert len(paths) == len(set(paths))


def test_different_supplements_are_different_font_choices(form_font_file: Path, rare_face: FontFace) -> None:
    plain = font_from_file(form_font_file)
    with_rare = dataclasses.replace(plain, supplements=(rare_face,))
    assert missing_characters(RARE, plain) == [RARE]
    assert missing_characters(RARE, with_rare) == []


def test_to_unicode_map_writes_utf16_surrogate_pairs_beyond_the_bmp() -> None:
    cmap = fonts._to_unicode_cmap("AAAAAA+Test", [0x41, 0x53D7, 0x20BB7])
    assert "<00> <0041>" in cmap
    assert "<01> <53D7>" in cmap
    assert "<02> <D842DFB7>" in cmap
    assert "<00> <02>" in cmap  # code space of the three-glyph subset
