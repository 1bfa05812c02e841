"""The printed documents, read back: text, fonts, QR codes, pages, reprint marks, rendered PNGs.

Every document is generated from the sample application (a 9-member household with the minority
name 阿卜杜·热合曼 and the rare-character name 𠮷晓燕). The machine's fonts lack 𠮷, as most do, so
the documents get a small test font that has it as a supplement (like SimSun-ExtB on Windows).
PNGs of every page are written to ``artifacts/printing/`` for people to look at.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from intake_desk.printing.documents import (
    MissingGlyphsError,
    find_cjk_font,
    render_declaration,
    render_notice,
    render_receipt,
    render_referral_slip,
)
from intake_desk.printing.fonts import FontChoice, FontFace, builtin_font, load_face
from intake_desk.printing.model import MissingMaterial, ReceivedMaterial
from intake_desk.printing.samples import (
    MIDDLE_DOT_NAME,
    RARE_NAME,
    RECEIPT_NUMBER,
    sample_declaration,
    sample_members,
    sample_notice,
    sample_receipt,
    sample_referral_slips,
)
from tests.unit.printing.fontkit import RARE, build_rare_supplement

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "printing"


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is needed for the printing tests (apt-get install poppler-utils)"
    return path


@pytest.fixture(scope="module")
def font(tmp_path_factory: pytest.TempPathFactory) -> FontChoice:
    """The machine's font, with a test Extension-B supplement in front of its own supplements."""
    rare = FontFace(build_rare_supplement(tmp_path_factory.mktemp("fonts") / "test-extb.ttf"))
    machine = find_cjk_font()
    return dataclasses.replace(machine, supplements=(rare, *machine.supplements))


def _save(name: str, pdf: bytes) -> Path:
    """Write the PDF and a PNG per page (80 dpi) to artifacts/printing/; return the PDF path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.pdf"
    path.write_bytes(pdf)
    for old in ARTIFACTS.glob(f"{name}-[0-9]*.png"):
        old.unlink()
    subprocess.run([_tool("pdftoppm"), "-r", "80", "-png", str(path), str(ARTIFACTS / name)], check=True)
    return path


def _pages_text(path: Path) -> list[str]:
    out = subprocess.run([_tool("pdftotext"), "-raw", str(path), "-"], check=True, capture_output=True,
                         text=True).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def _flat(text: str) -> str:
    """Text without layout whitespace, so phrases broken over lines or cells still match."""
    return re.sub(r"\s+", "", text)


def _fonts(pdf: bytes) -> dict[str, bool]:
    """Every font used on any page: base name → embedded (has a FontFile2 TrueType program)."""
    found: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            found[str(font["/BaseFont"])] = embedded
    return found


def _qr_codes(path: Path, page: int = 1) -> list[str]:
    """The QR codes zbarimg finds on ``page`` (rendered at 150 dpi); [] if zbarimg is not installed."""
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        return []
    png = path.with_name(f"{path.stem}-qr")
    subprocess.run([_tool("pdftoppm"), "-r", "150", "-png", "-f", str(page), "-l", str(page), "-singlefile",
                    str(path), str(png)], check=True)
    result = subprocess.run([zbarimg, "--quiet", "--raw", f"{png}.png"], capture_output=True, text=True)
    Path(f"{png}.png").unlink()
    return sorted(result.stdout.split())


def _assert_pngs_have_ink(name: str, pages: int) -> None:
    pngs = sorted(ARTIFACTS.glob(f"{name}-[0-9]*.png"))
    assert len(pngs) == pages
    for png in pngs:
        with Image.open(png) as image:
            grey = image.convert("L")
            dark = sum(grey.histogram()[:128])
            width, height = grey.size
            assert abs(width - 661) <= 1 and abs(height - 935) <= 1  # A4 portrait at 80 dpi
            assert dark > 2000, f"{png.name} is nearly blank"


def _assert_footer(pages: list[str], number: str) -> None:
    for n, text in enumerate(pages, start=1):
        assert f"{number} 第 {n} / {len(pages)} 页" in text


# ---------------------------------------------------------------------------------------------
# receipt
# ---------------------------------------------------------------------------------------------


def test_receipt_has_both_parts_on_one_page_with_everything_the_applicant_needs(font: FontChoice) -> None:
    data = sample_receipt()
    path = _save("receipt", render_receipt(data, font))
    pages = _pages_text(path)
    assert len(pages) == 1
    text = _flat(pages[0])
    for part in ("（申请人联）", "（存根联）"):
        assert part in text
    on_both_parts = (
        RECEIPT_NUMBER, MIDDLE_DOT_NAME, "430212********0437", "9 人", "2026年09月30日 10:24",
        "最低生活保障、医疗救助、教育救助、临时救助", "家庭成员居民身份证复印件（9 份）", "快速办理（告知承诺）",
        "10 个工作日，2026年10月20日前办结", data.hall.name, data.hall.phone, "经办人 李敏",
        data.hall.complaint_channel,
    )
    for expected in on_both_parts:
        assert text.count(_flat(expected)) >= 2, expected
    assert text.count("沿此线剪开") == 1
    assert "补打" not in text
    _assert_footer(pages, data.document_number)
    _assert_pngs_have_ink("receipt", 1)


def test_receipt_qr_codes_carry_the_receipt_number(font: FontChoice) -> None:
    path = _save("receipt-qr", render_receipt(sample_receipt(), font))
    if shutil.which("zbarimg") is None:
        pytest.skip("zbarimg (apt zbar-tools) is not installed")
    assert _qr_codes(path) == [RECEIPT_NUMBER, RECEIPT_NUMBER]


def test_receipt_embeds_its_font_and_carries_metadata(font: FontChoice) -> None:
    pdf = render_receipt(sample_receipt(), font)
    used = _fonts(pdf)
    assert used and all(used.values()), used
    info = PdfReader(io.BytesIO(pdf)).metadata
    assert info is not None
    assert info.title == f"社会救助申请受理回执 {RECEIPT_NUMBER}"
    assert info.author == sample_receipt().hall.name


def test_a_reprinted_receipt_says_which_reprint_it_is(font: FontChoice) -> None:
    path = _save("receipt-reprint", render_receipt(sample_receipt(copy_no=3), font))
    (page,) = _pages_text(path)
    assert "补打（第 2 次）" in page


def test_a_long_list_of_materials_shrinks_to_fit_instead_of_clipping(font: FontChoice) -> None:
    materials = tuple(ReceivedMaterial(name=f"第{n}项证明材料", copies=n) for n in range(1, 41))
    data = dataclasses.replace(sample_receipt(), materials_received=materials)
    path = _save("receipt-long", render_receipt(data, font))
    pages = _pages_text(path)
    assert len(pages) == 1
    text = _flat(pages[0])
    assert text.count("40.第40项证明材料（40份）") == 2
    assert text.count("（存根联）") == 1


def test_the_same_receipt_gives_the_same_bytes(font: FontChoice) -> None:
    first = hashlib.sha256(render_receipt(sample_receipt(), font)).hexdigest()
    assert hashlib.sha256(render_receipt(sample_receipt(), font)).hexdigest() == first
    assert hashlib.sha256(render_receipt(sample_receipt(copy_no=2), font)).hexdigest() != first


# ---------------------------------------------------------------------------------------------
# commitment declaration
# ---------------------------------------------------------------------------------------------


def test_declaration_of_a_nine_member_household(font: FontChoice) -> None:
    data = sample_declaration()
    pdf = render_declaration(data, font)
    path = _save("declaration", pdf)
    pages = _pages_text(path)
    assert len(pages) >= 2
    text = _flat("".join(pages))
    for member in data.members:
        assert _flat(member.name) in text, member.name
        assert member.id_masked in text
    assert RARE_NAME in text and MIDDLE_DOT_NAME in text
    for paragraph in data.wording.commitment_text:
        assert _flat(paragraph) in text
    assert _flat(data.wording.verification_authorisation) in text
    for amount in ("60,000.00", "4,800.00", "4,320.00", "69,120.00", "640.00", "12,000.00", "48,600.00"):
        assert amount in text, amount
    for phrase in ("共同生活家庭成员（共9人）", "家庭经济状况申报（2025年09月—2026年08月）", "按手印", "签名处",
                   "指印处", "经办机构服务承诺（双承诺）", "受理单位（盖章）", "盖章处", "渌口区慈善会"):
        assert phrase in text, phrase
    assert data.template_hash in text and _flat(data.template_version) in text
    _assert_footer(pages, data.document_number)
    _assert_pngs_have_ink("declaration", len(pages))


def test_declaration_embeds_the_main_font_and_the_rare_character_supplement(font: FontChoice) -> None:
    used = _fonts(render_declaration(sample_declaration(), font))
    assert all(used.values()), used
    assert any(name.endswith("+Test-ExtB") for name in used), used


def test_declaration_without_double_commitment_has_no_office_seal(font: FontChoice) -> None:
    path = _save("declaration-single", render_declaration(sample_declaration(double_commitment=False), font))
    text = _flat("".join(_pages_text(path)))
    assert "双承诺" not in text and "受理单位（盖章）" not in text
    assert "承诺人签字" in text


def test_a_long_household_flows_onto_more_pages_with_the_header_repeated(font: FontChoice) -> None:
    base = sample_members()
    members = tuple(
        dataclasses.replace(base[n % len(base)], name=f"成员{n:02d}号") for n in range(1, 61)
    )
    data = dataclasses.replace(sample_declaration(), members=members)
    path = _save("declaration-long", render_declaration(data, font))
    pages = _pages_text(path)
    text = _flat("".join(pages))
    assert all(f"成员{n:02d}号" in text for n in range(1, 61))
    pages_with_member_table = [p for p in pages if "成员" in p and "身份证号码" in p]
    assert len(pages_with_member_table) >= 2  # the header row is repeated on the next page
    _assert_footer(pages, data.document_number)


def test_a_name_no_font_has_is_refused_naming_the_character() -> None:
    machine = find_cjk_font()
    without_extension_b = dataclasses.replace(
        machine, supplements=tuple(f for f in machine.supplements if not load_face(f).face.charToGlyph.get(ord(RARE)))
    )
    with pytest.raises(MissingGlyphsError) as caught:
        render_declaration(sample_declaration(), without_extension_b)
    assert caught.value.characters == [RARE]
    assert "𠮷（U+20BB7）" in str(caught.value)


def test_the_rare_name_can_be_swapped_to_print_the_sample_on_any_machine() -> None:
    pdf = render_declaration(sample_declaration(rare_name="吉晓燕"))
    assert pdf.startswith(b"%PDF")


# ---------------------------------------------------------------------------------------------
# referral slips
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("index", [0, 1, 2])
def test_referral_slip_for_each_department(font: FontChoice, index: int) -> None:
    data = sample_referral_slips()[index]
    name = f"referral-{index + 1}"
    path = _save(name, render_referral_slip(data, font))
    pages = _pages_text(path)
    text = _flat("".join(pages))
    for expected in (data.referral_number, data.department, data.reason, *data.facts, data.applicant_name,
                     "转介办理结果回执", "（回执联）", "沿此线剪开", "2026年10月27日前", "15个工作日",
                     "同意转介并向接收部门提供本户信息", "2026年09月30日10:20记录"):
        assert _flat(expected) in text, expected
    for member in data.members:
        assert _flat(member.name) in text and member.id_masked in text
    _assert_footer(pages, data.document_number)
    _assert_pngs_have_ink(name, len(pages))
    if shutil.which("zbarimg") is not None:
        codes = [code for page in range(1, len(pages) + 1) for code in _qr_codes(path, page)]
        assert codes == [data.referral_number, data.referral_number]


def test_referral_slip_fits_with_its_return_section_on_one_page(font: FontChoice) -> None:
    path = _save("referral-one-page", render_referral_slip(sample_referral_slips()[2], font))
    assert len(_pages_text(path)) == 1


def test_referral_slip_names_the_rare_character_member(font: FontChoice) -> None:
    slip = sample_referral_slips()[2]
    assert any(m.name == RARE_NAME for m in slip.members)
    path = _save("referral-rare", render_referral_slip(slip, font))
    assert RARE_NAME in _flat("".join(_pages_text(path)))


def test_referral_slip_with_many_members_keeps_the_return_section_whole(font: FontChoice) -> None:
    members = tuple(dataclasses.replace(m, name=f"{m.name}{n}") for n in range(2) for m in sample_members())
    data = dataclasses.replace(sample_referral_slips()[0], members=members)
    path = _save("referral-long", render_referral_slip(data, font))
    pages = _pages_text(path)
    assert len(pages) == 2
    last = _flat(pages[-1])
    for phrase in ("转介办理结果回执", "办理结果", "结果说明", "部门（盖章）"):
        assert phrase in last
    assert all(_flat(m.name) in _flat("".join(pages)) for m in members)


def test_a_declined_consent_is_ticked_as_declined(font: FontChoice) -> None:
    data = dataclasses.replace(sample_referral_slips()[0], consented=False, consent_recorded_at=None)
    text = _flat("".join(_pages_text(_save("referral-declined", render_referral_slip(data, font)))))
    assert "记录）" not in text
    assert "不同意" in text


# ---------------------------------------------------------------------------------------------
# one-time notice
# ---------------------------------------------------------------------------------------------


def test_notice_lists_every_missing_material_and_where_to_bring_it(font: FontChoice) -> None:
    data = sample_notice()
    path = _save("notice", render_notice(data, font))
    pages = _pages_text(path)
    text = _flat("".join(pages))
    for item in data.missing:
        for part in (item.assistance_type, item.name, item.requirement, item.where_to_get):
            assert _flat(part) in text, part
    for expected in (data.wording.notice_where_to_bring, data.hall.address, data.hall.office_hours,
                     "请您于2026年10月16日前", "尚需补充以下3项材料", data.application_number, MIDDLE_DOT_NAME):
        assert _flat(expected) in text, expected
    for note in data.wording.notice_notes:
        assert _flat(note) in text
    _assert_footer(pages, data.document_number)
    _assert_pngs_have_ink("notice", len(pages))


def test_notice_where_to_bring_can_differ_from_the_wording(font: FontChoice) -> None:
    data = dataclasses.replace(sample_notice(), where_to_bring="渌口区政务服务中心二楼 12 号窗口")
    text = _flat("".join(_pages_text(_save("notice-elsewhere", render_notice(data, font)))))
    assert "渌口区政务服务中心二楼12号窗口" in text
    assert _flat(data.wording.notice_where_to_bring) not in text


def test_notice_groups_materials_of_the_same_assistance_type(font: FontChoice) -> None:
    notice = sample_notice()
    second = MissingMaterial(assistance_type="最低生活保障", name="银行流水（近 6 个月）", requirement="原件 1 份",
                             where_to_get="开户银行")
    data = dataclasses.replace(notice, missing=(notice.missing[0], second, *notice.missing[1:]))
    text = _flat("".join(_pages_text(_save("notice-grouped", render_notice(data, font)))))
    assert "银行流水（近6个月）" in text and "尚需补充以下4项材料" in text
    # Once in the sentence listing what was applied for, once in the merged cell of the table.
    assert text.count("最低生活保障") == 2


def test_a_notice_with_nothing_missing_is_refused() -> None:
    with pytest.raises(ValueError, match="nothing is missing"):
        render_notice(dataclasses.replace(sample_notice(), missing=()))


def test_markup_characters_in_typed_text_are_printed_as_typed(font: FontChoice) -> None:
    data = dataclasses.replace(sample_declaration(), address="长岭村 6 组 <23> 号 & 24 号", applicant_phone="0731-1 & 2")
    text = _flat("".join(_pages_text(_save("declaration-markup", render_declaration(data, font)))))
    assert "长岭村6组<23>号&24号" in text and "0731-1&2" in text


# ---------------------------------------------------------------------------------------------
# every document
# ---------------------------------------------------------------------------------------------

RENDERERS: dict[str, Callable[[int, FontChoice | None], bytes]] = {
    "receipt": lambda copy, f: render_receipt(sample_receipt(copy_no=copy), f),
    "declaration": lambda copy, f: render_declaration(sample_declaration(copy_no=copy), f),
    "referral": lambda copy, f: render_referral_slip(sample_referral_slips(copy_no=copy)[0], f),
    "notice": lambda copy, f: render_notice(sample_notice(copy_no=copy), f),
}


@pytest.mark.parametrize("kind", sorted(RENDERERS))
def test_every_page_of_a_reprint_is_marked(font: FontChoice, kind: str) -> None:
    path = _save(f"{kind}-copy4", RENDERERS[kind](4, font))
    pages = _pages_text(path)
    assert pages and all("补打（第 3 次）" in page for page in pages)


@pytest.mark.parametrize("kind", sorted(RENDERERS))
def test_every_document_is_deterministic_and_fully_embedded(font: FontChoice, kind: str) -> None:
    first = RENDERERS[kind](1, font)
    assert RENDERERS[kind](1, font) == first
    used = _fonts(first)
    assert used and all(used.values()), used


def test_the_builtin_fallback_font_still_prints_but_is_not_embedded() -> None:
    pdf = render_receipt(sample_receipt(), builtin_font("test"))
    used = _fonts(pdf)
    assert set(used) == {"/STSong-Light"} and not any(used.values())
    with pytest.raises(MissingGlyphsError):
        render_declaration(sample_declaration(), builtin_font("test"))
