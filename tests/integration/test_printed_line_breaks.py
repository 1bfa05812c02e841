"""Every document, with long materials lists, long names and long addresses, read back character by
character (pdfplumber): lines break by the Chinese rules and no character crosses a cell border."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from intake_desk.printing.declaration import render_declaration
from intake_desk.printing.model import MissingMaterial, ReceivedMaterial
from intake_desk.printing.notice import render_notice
from intake_desk.printing.receipt import render_receipt
from intake_desk.printing.referral import render_referral_slip
from intake_desk.printing.samples import (
    sample_declaration,
    sample_hall,
    sample_members,
    sample_notice,
    sample_receipt,
    sample_referral_slips,
)
from tests.printed_text import read

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "printing"
LONG_NAME = "阿卜杜热合曼·买买提艾力·库尔班"
LONG_ADDRESS = ("株洲市渌口区南洲镇南洲大道十八号便民服务中心一楼三号窗口（人民政府大院东侧综合楼，公交九路、"
                "十二路南洲镇政府站下车向东步行约二百米）")
MATERIAL_NAMES = ["社会救助申请书", "家庭成员居民身份证复印件", "户口簿复印件", "家庭经济状况核对授权书", "疾病诊断证明及病历",
                  "医疗费用票据", "残疾人证复印件", "录取通知书或在校证明", "劳动合同及近六个月工资流水", "房屋租赁合同",
                  "不动产登记查询结果", "银行存款证明", "困难证明", "证"]


def _long_hall() -> object:
    return replace(sample_hall(), address=LONG_ADDRESS,
                   complaint_channel="渌口区民政局社会救助监督电话 0731-2662 1234；12345 政务服务便民热线（工作日 8:30—17:30）")


def _materials(count: int, offset: int) -> tuple[ReceivedMaterial, ...]:
    return tuple(ReceivedMaterial(name=MATERIAL_NAMES[(i * 5 + offset) % len(MATERIAL_NAMES)],
                                  copies=(1, 2, 9, 12)[(i + offset) % 4]) for i in range(count))


def _members() -> tuple[object, ...]:
    members = sample_members("王晓燕")
    return (replace(members[0], name=LONG_NAME), *members[1:])


def _receipts() -> list[bytes]:
    # Many lengths of the materials list: each puts the line ends somewhere else in the text.
    return [render_receipt(replace(sample_receipt(), applicant_name=LONG_NAME, hall=_long_hall(),  # type: ignore[arg-type]
                                   materials_received=_materials(count, offset)))
            for count in (5, 9, 12, 14) for offset in range(4)]


def _declarations() -> list[bytes]:
    return [render_declaration(replace(sample_declaration("王晓燕"), applicant_name=LONG_NAME, hall=_long_hall(),  # type: ignore[arg-type]
                                       address=LONG_ADDRESS, members=_members()))]


def _referrals() -> list[bytes]:
    return [render_referral_slip(replace(slip, applicant_name=LONG_NAME, hall=_long_hall(), address=LONG_ADDRESS,  # type: ignore[arg-type]
                                         reason=slip.reason * 3))
            for slip in sample_referral_slips("王晓燕")]


def _notices() -> list[bytes]:
    missing = tuple(MissingMaterial(assistance_type=t, name=f"{name}（{LONG_NAME}）", requirement="原件 1 份，复印件 2 份（A4 纸），加盖单位公章",
                                    where_to_get="就读学校教务处或户籍所在地村（居）民委员会")
                    for t, name in zip(["最低生活保障", "医疗救助", "教育救助"] * 3, MATERIAL_NAMES, strict=False))
    return [render_notice(replace(sample_notice(), applicant_name=LONG_NAME, hall=_long_hall(), missing=missing))]  # type: ignore[arg-type]


DOCUMENTS: dict[str, Callable[[], list[bytes]]] = {
    "receipt": _receipts, "declaration": _declarations, "referral": _referrals, "notice": _notices}


@pytest.mark.parametrize("kind", sorted(DOCUMENTS))
def test_long_texts_break_by_the_rules_and_stay_inside_their_cells(kind: str) -> None:
    pdfs = DOCUMENTS[kind]()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    first = ARTIFACTS / f"linebreak-{kind}.pdf"
    first.write_bytes(pdfs[0])
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", str(first), str(ARTIFACTS / f"linebreak-{kind}")],
                   check=True)
    for pdf in pdfs:
        printed = read(pdf)
        assert printed.lines, "the reader found text"
        assert any(line.cell is not None for line in printed.lines), "the reader found the tables"
        assert printed.break_problems() == []
        assert printed.outside == []
        flat = printed.text().replace("\n", "")
        assert LONG_NAME in flat


def test_the_checker_sees_what_reportlab_alone_did(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without our line breaking the same receipts break the rules: the test can fail."""
    from reportlab.platypus import Paragraph

    from intake_desk.printing import layout

    monkeypatch.setattr(layout, "CJKParagraph", Paragraph)
    problems = []
    for pdf in _receipts():
        printed = read(pdf)
        problems += printed.break_problems() + printed.outside
    assert problems


def test_an_empty_row_is_left_out() -> None:
    without = replace(sample_hall(), address="")
    receipt = read(render_receipt(replace(sample_receipt(), hall=without))).text()
    assert "办理地址" not in receipt and "受理单位" in receipt
    with_address = read(render_receipt(sample_receipt())).text()
    assert "办理地址" in with_address
    notice = read(render_notice(replace(sample_notice(), hall=replace(without, phone="")))).text()
    assert "咨询电话" not in notice and "\n地址" not in notice and "送达地点" in notice
