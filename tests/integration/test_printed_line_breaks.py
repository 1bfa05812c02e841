"""Every document, with long materials lists, long names and long addresses, read back character by
character (pdfplumber): lines break by the Chinese rules and no character crosses a cell border – the
receipt, commitment form, referral slip, missing-materials notice, the procedure's notices (extension,
refusal, publicity list, progress slip), the urging notice and the monitoring report."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

import pytest

from intake_desk.printing.declaration import render_declaration
from intake_desk.printing.model import MissingMaterial, ReceivedMaterial
from intake_desk.printing.monitoring_report import render_quarterly_report
from intake_desk.printing.notice import render_notice
from intake_desk.printing.procedure_documents import (
    ExtensionNoticeData,
    ProgressSlipData,
    ProgressStepLine,
    PublicityLine,
    PublicityListData,
    RefusalNoticeData,
    render_extension_notice,
    render_progress_slip,
    render_publicity_list,
    render_refusal_notice,
)
from intake_desk.printing.receipt import render_receipt
from intake_desk.printing.referral import render_referral_slip
from intake_desk.printing.samples import (
    sample_declaration,
    sample_hall,
    sample_members,
    sample_notice,
    sample_receipt,
    sample_referral_slips,
    sample_wording,
)
from intake_desk.printing.urging import UrgingNoticeDocument, render_urging_notice
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


PRINTED_AT = datetime(2026, 11, 19, 9, 30)
LONG_REASONS = ("家庭人均收入高于当地救助标准（经核对，共同生活家庭成员近 12 个月工资性收入、经营净收入合计超过标准）",
                "隐瞒或虚报家庭人口、收入、财产状况；拒不配合入户调查或家庭经济状况核对（两次入户均未见申请人）",
                "其他不符合救助条件的情形：" + "、".join(MATERIAL_NAMES))


def _common(number: str) -> dict[str, object]:
    return {"document_number": number, "printed_at": PRINTED_AT, "clerk_name": LONG_NAME, "hall": _long_hall(),
            "wording": sample_wording()}


def _procedure_notices() -> list[bytes]:
    steps = tuple(ProgressStepLine(name=name, state=state, due=date(2026, 12, 3), done_on=done, by=LONG_NAME)
                  for name, state, done in [("入户调查（调查人员不少于 2 人，入户核实家庭人口、收入、财产）", "已完成", date(2026, 11, 20)),
                                            ("家庭经济状况核对（含近 12 个月刚性支出）", "进行中", None),
                                            ("公示", "未开始", None), ("审核确认", "未开始", None)])
    return [
        render_extension_notice(ExtensionNoticeData(
            **_common("YQ-1"), applicant_name=LONG_NAME, application_number="HT01-20261119-0001",  # type: ignore[arg-type]
            applied_on=date(2026, 11, 19), assistance_type="最低生活保障", previous_due=date(2026, 12, 31),
            new_due=date(2027, 1, 22), working_days=45, approved_by=LONG_NAME,
            reason="家庭成员户籍分散在三个县（市、区），跨地区家庭经济状况核对结果尚未反馈；" + "、".join(MATERIAL_NAMES))),
        render_refusal_notice(RefusalNoticeData(
            **_common("BY-1"), applicant_name=LONG_NAME, application_number="HT01-20261119-0001",  # type: ignore[arg-type]
            applied_on=date(2026, 11, 19), assistance_type="最低生活保障", decided_on=date(2026, 12, 20),
            reasons=LONG_REASONS, facts="；".join(f"{name}（{LONG_NAME}）" for name in MATERIAL_NAMES),
            appeal_review_body="株洲市渌口区人民政府（渌口区行政复议服务中心，南洲大道十八号）", appeal_review_days=60,
            appeal_court="株洲市渌口区人民法院", appeal_litigation_months=6, notice_due=date(2026, 12, 23))),
        render_publicity_list(PublicityListData(
            **_common("GS-1"), period_from=date(2026, 11, 1), period_to=date(2026, 11, 30),  # type: ignore[arg-type]
            first_day=date(2026, 11, 23), last_day=date(2026, 11, 29),
            lines=tuple(PublicityLine(name=name, household_size=size, category=category, monthly_amount_fen=amount)
                        for name, size, category, amount in [(LONG_NAME, 9, "最低生活保障（城市，含重病重残单人户施保）", 1_234_56),
                                                             ("王晓燕", 3, "特困人员救助供养", None)]),
            place="南洲镇南洲大道社区居民委员会公示栏（社区服务中心一楼大厅东侧）、渌口区人民政府门户网站",
            objection_channel="公示期内可向南洲镇人民政府社会救助窗口或社区居民委员会书面、当面或电话反映（0731-2661 8012）")),
        render_progress_slip(ProgressSlipData(
            **_common("JD-1"), applicant_name=LONG_NAME, application_number="HT01-20261119-0001",  # type: ignore[arg-type]
            applied_on=date(2026, 11, 19), procedure_name="最低生活保障审核确认（常规，含民主评议、公示及跨地区核对）",
            promised_due=date(2026, 12, 31), whole_due=date(2027, 1, 22), state="办理中（已延期）", steps=steps,
            next_step="家庭经济状况核对（含近 12 个月刚性支出）", next_due=date(2026, 12, 3))),
    ]


def _urging_notices() -> list[bytes]:
    return [render_urging_notice(UrgingNoticeDocument(
        **_common(f"CB-{escalated}"), referral_number="HT01-20261119-0001-EMPLOYMENT",  # type: ignore[arg-type]
        application_number="HT01-20261119-0001", department_name="人力资源和社会保障局",
        department_full_name="株洲市渌口区人力资源和社会保障局（就业服务中心、劳动保障监察大队）",
        department_contact=f"{LONG_NAME} 0731-2662 5678", applicant_name=LONG_NAME,
        applicant_id_masked="430212********1234",
        matter="家庭有 2 名劳动年龄内、有劳动能力的成员未就业，建议提供就业援助：" + "、".join(MATERIAL_NAMES),
        sent_on="2026年11月20日", due_date="2026年12月4日", working_days_overdue=7, escalated=escalated,
        escalated_on="2026年12月10日", reply_by="2026年12月18日", previous_notices=2))
        for escalated in (False, True)]


@dataclass(frozen=True)
class _Figures:
    hall_code: str
    hall_name: str
    class1: int = 12
    class2: int = 345
    visits_done: int = 1_234
    visits_due: int = 56
    visits_overdue: int = 7
    moves: int = 8
    entered: int = 90
    left: int = 1
    leads_found: int = 23_456
    leads_to_intake: int = 789


@dataclass(frozen=True)
class _Report:
    year: int
    quarter: int
    made_at: datetime
    halls: tuple[_Figures, ...]
    total: _Figures
    start: date
    end: date


def _monitoring_reports() -> list[bytes]:
    halls = (_Figures("430212-NZ", "株洲市渌口区南洲镇便民服务中心（社会救助“一门受理”窗口）"),
             _Figures("430212-LC", LONG_NAME + "便民服务站"), _Figures("HT01", "月塘街道"))
    total = _Figures("", "合计（全县、市、区）")
    return [render_quarterly_report(_Report(2026, 4, PRINTED_AT, halls, total, date(2026, 10, 1), date(2026, 12, 31)),
                                    printed_by=LONG_NAME)]


DOCUMENTS: dict[str, Callable[[], list[bytes]]] = {
    "receipt": _receipts, "declaration": _declarations, "referral": _referrals, "notice": _notices,
    "procedure": _procedure_notices, "urging": _urging_notices, "monitoring": _monitoring_reports}


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
