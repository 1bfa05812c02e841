"""A realistic application to print: a 9-member household with a minority name and a rare character.

Used by the tests, the benchmark and the demo. The household is made up; the figures follow
shared/DOMAIN.md (Zhuzhou 2024 urban dibao standard 700 元/month, received on Wednesday
2026-09-30 with the National Day holidays after it). ID numbers are already masked (first 6 + last 4).

The daughter-in-law's surname is 𠮷 (U+20BB7, CJK Extension B), which common Chinese fonts
(WenQuanYi, Microsoft YaHei, SimSun without SimSun-ExtB) lack. Pass ``rare_name`` to print the
sample on a machine without an Extension-B font.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from intake_desk.printing.model import (
    AmountLine,
    ConsentLine,
    DeclarationData,
    HallInfo,
    MemberLine,
    MissingMaterial,
    NoticeData,
    ReceiptData,
    ReceivedMaterial,
    ReferralSlipData,
    Wording,
)

RARE_NAME = "𠮷晓燕"
MIDDLE_DOT_NAME = "阿卜杜·热合曼"
RECEIPT_NUMBER = "NZ-20260930-0007"
RECEIVED_AT = datetime(2026, 9, 30, 10, 24)
PRINTED_AT = datetime(2026, 9, 30, 10, 31)
CLERK = "李敏"


def sample_hall() -> HallInfo:
    return HallInfo(
        name="株洲市渌口区南洲镇便民服务中心",
        code="430212-NZ",
        phone="0731-2661 8012",
        address="株洲市渌口区南洲镇南洲大道 18 号便民服务中心一楼 3 号窗口",
        complaint_channel="渌口区民政局社会救助监督电话 0731-2662 1234；12345 政务服务便民热线",
        office_hours="周一至周五 8:30—12:00，14:30—17:30（法定节假日除外）",
    )


def sample_wording() -> Wording:
    return Wording(
        template_version="渌口区 2026 版（2026-01-01 起施行）",
        commitment_text=(
            "本人自愿申请社会救助，已知悉社会救助有关政策规定，对所申报的共同生活家庭成员、收入、财产及"
            "支出等情况的真实性、完整性负责，所提交的材料均真实有效。",
            "本人知悉：采用告知承诺制办理的申请，将减少审核环节、缩短办理时限，并在批准后接受信息核对比对、"
            "定期复核、随机抽查等事后核查，本人及家庭成员将积极配合。",
            "家庭人口、收入、财产状况发生变化时，本人将在 10 个工作日内主动向受理单位报告。",
            "如有隐瞒、虚报家庭收入和财产状况，或未按规定报告变化情况的，本人愿意按情节（一般、较重、严重）"
            "承担停发救助金、退还已领取的救助资金、记入失信记录等责任；涉嫌违法犯罪的，依法承担法律责任。",
        ),
        verification_authorisation=(
            "本人及共同生活家庭成员同意并授权民政部门及其委托的居民家庭经济状况核对机构，依法查询、核对本户"
            "成员的户籍、车辆、房产、社会保险、住房公积金、工商登记、存款、有价证券、商业保险等信息。"
            "本授权自签字之日起至救助终止后一年内有效，核对结果仅用于社会救助审核确认。"
        ),
        double_commitment_text=(
            "本单位承诺：依法依规、公开公正办理您的申请，在承诺时限内办结并告知结果；办理过程不收取任何费用；"
            "对您及家庭成员的个人信息严格保密，仅用于社会救助审核确认。",
            "如对办理程序、时限或结果有异议，可通过受理回执所列监督投诉渠道反映，本单位将在 5 个工作日内答复。",
        ),
        receipt_notes=(
            "请妥善保管本回执，凭受理编号或扫描二维码查询办理进度。",
            "办理期间家庭人口、收入或财产发生变化的，请及时告知受理窗口。",
            "本回执仅证明申请已受理，不代表审批结果。",
        ),
        notice_where_to_bring="南洲镇便民服务中心一楼社会救助窗口（3 号窗口）",
        notice_notes=(
            "复印件请使用 A4 纸，并由申请人签字确认与原件一致。",
            "确实无法取得某项材料的，请与窗口联系；能通过部门信息共享核实的，不再要求您提供。",
            "逾期未补齐材料的，视为撤回申请，您可以在材料齐全后重新申请。",
        ),
        referral_return_note=(
            "请接收部门在办理时限内填写本回执，送回或传真至转出单位；也可在协同办理系统中直接反馈。"
        ),
    )


def sample_members(rare_name: str = RARE_NAME) -> tuple[MemberLine, ...]:
    """Nine members: three generations, with illness, a disability, pupils and a toddler."""
    return (
        MemberLine(name=MIDDLE_DOT_NAME, relation="本人/户主", id_masked="430212********0437", age=56, sex="男",
                   health="慢性病", disability="无", labour_capacity="部分丧失劳动能力", occupation="务农"),
        MemberLine(name="古丽米拉·艾山", relation="配偶", id_masked="430212********0224", age=53, sex="女",
                   health="重特大疾病", disability="无", labour_capacity="无劳动能力", occupation="失业/无业"),
        MemberLine(name="热合曼·吐尔逊", relation="父母", id_masked="652901********0415", age=81, sex="男",
                   health="慢性病", disability="肢体残疾二级", labour_capacity="无劳动能力", occupation="不适用"),
        MemberLine(name="阿依古丽·买买提", relation="父母", id_masked="652901********0226", age=78, sex="女",
                   health="慢性病", disability="无", labour_capacity="无劳动能力", occupation="不适用"),
        MemberLine(name="艾力·阿卜杜", relation="子女", id_masked="430212********0459", age=30, sex="男",
                   health="健康", disability="无", labour_capacity="有劳动能力", occupation="在职/务工"),
        MemberLine(name=rare_name, relation="儿媳/女婿", id_masked="430203********3026", age=28, sex="女",
                   health="健康", disability="无", labour_capacity="有劳动能力", occupation="在职/务工"),
        MemberLine(name="努尔妮萨·阿卜杜", relation="子女", id_masked="430212********0527", age=17, sex="女",
                   health="健康", disability="无", labour_capacity="不适用", occupation="高中/中职在读"),
        MemberLine(name="伊力哈木·艾力", relation="孙子女", id_masked="430212********0511", age=6, sex="男",
                   health="健康", disability="无", labour_capacity="不适用", occupation="小学在读"),
        MemberLine(name="米娜·艾力", relation="孙子女", id_masked="430212********0548", age=2, sex="女",
                   health="健康", disability="无", labour_capacity="不适用", occupation="学龄前"),
    )


_INCOMES = (
    AmountLine(label="工资性收入", amount_fen=6_000_000, note="子、儿媳外出务工"),
    AmountLine(label="经营净收入", amount_fen=480_000, note="种植水稻、油菜"),
    AmountLine(label="财产净收入", amount_fen=0, note="无"),
    AmountLine(label="转移净收入", amount_fen=432_000, note="城乡居民养老金、残疾人两项补贴"),
)
_TOTAL_INCOME = sum(line.amount_fen or 0 for line in _INCOMES)


def sample_receipt(copy_no: int = 1) -> ReceiptData:
    return ReceiptData(
        document_number=f"{RECEIPT_NUMBER}-R",
        copy_no=copy_no,
        printed_at=PRINTED_AT,
        clerk_name=CLERK,
        hall=sample_hall(),
        wording=sample_wording(),
        receipt_number=RECEIPT_NUMBER,
        received_at=RECEIVED_AT,
        applicant_name=MIDDLE_DOT_NAME,
        applicant_id_masked="430212********0437",
        household_size=9,
        assistance_types=("最低生活保障", "医疗救助", "教育救助", "临时救助"),
        materials_received=(
            ReceivedMaterial(name="社会救助申请书", copies=1),
            ReceivedMaterial(name="家庭成员居民身份证复印件", copies=9),
            ReceivedMaterial(name="户口簿复印件", copies=1),
            ReceivedMaterial(name="家庭经济状况核对授权书", copies=1),
            ReceivedMaterial(name="疾病诊断证明及病历", copies=2),
            ReceivedMaterial(name="医疗费用票据", copies=6),
            ReceivedMaterial(name="残疾人证复印件", copies=1),
        ),
        fast_track=True,
        time_limit_working_days=10,
        due_date=date(2026, 10, 20),
        channel="窗口受理",
        pending_materials_note=f"尚缺 3 项材料，已出具一次性告知书（{RECEIPT_NUMBER}-N），请于 2026年10月16日前补齐。",
    )


def sample_declaration(rare_name: str = RARE_NAME, double_commitment: bool = True,
                       copy_no: int = 1) -> DeclarationData:
    wording = sample_wording()
    return DeclarationData(
        document_number=f"{RECEIPT_NUMBER}-D",
        copy_no=copy_no,
        printed_at=PRINTED_AT,
        clerk_name=CLERK,
        hall=sample_hall(),
        wording=wording,
        application_number=RECEIPT_NUMBER,
        applicant_name=MIDDLE_DOT_NAME,
        applicant_id_masked="430212********0437",
        applicant_phone="138 7330 2516",
        address="株洲市渌口区南洲镇长岭村 6 组 23 号",
        assistance_types=("最低生活保障", "医疗救助", "教育救助", "临时救助"),
        members=sample_members(rare_name),
        income_period="2025年09月—2026年08月",
        incomes=_INCOMES,
        counted_income_total_fen=_TOTAL_INCOME,
        per_capita_monthly_income_fen=round(_TOTAL_INCOME / 9 / 12),
        assets=(
            AmountLine(label="房产", amount_fen=None, note="农村自建住房 1 处，约 160 ㎡，自住"),
            AmountLine(label="机动车辆", amount_fen=None, note="无"),
            AmountLine(label="存款", amount_fen=1_200_000, note="银行存款合计"),
            AmountLine(label="有价证券", amount_fen=0, note="无"),
            AmountLine(label="商业保险", amount_fen=0, note="无"),
        ),
        expenses=(
            AmountLine(label="医疗支出", amount_fen=4_860_000, note="配偶尿毒症血液透析，个人自付部分"),
            AmountLine(label="教育支出", amount_fen=380_000, note="女儿高中学费、住宿费"),
        ),
        consents=(
            ConsentLine(department="渌口区医疗保障局", matter="医疗救助", consented=True),
            ConsentLine(department="渌口区教育局", matter="教育救助（学生资助）", consented=True),
            ConsentLine(department="渌口区残疾人联合会", matter="残疾人两项补贴核实", consented=True),
            ConsentLine(department="渌口区慈善会", matter="慈善帮扶（需单独同意）", consented=False),
        ),
        double_commitment=double_commitment,
        template_version=wording.template_version,
        template_hash=wording.commitment_hash(),
    )


def sample_referral_slips(rare_name: str = RARE_NAME, copy_no: int = 1) -> list[ReferralSlipData]:
    """One slip per department: medical security, education and the disability federation."""
    members = {m.name: m for m in sample_members(rare_name)}
    medical = ReferralSlipData(
        document_number=f"{RECEIPT_NUMBER}-T1",
        copy_no=copy_no,
        printed_at=PRINTED_AT,
        clerk_name=CLERK,
        hall=sample_hall(),
        wording=sample_wording(),
        referral_number=f"{RECEIPT_NUMBER}-ZJ01",
        application_number=RECEIPT_NUMBER,
        department="渌口区医疗保障局",
        applicant_name=MIDDLE_DOT_NAME,
        applicant_id_masked="430212********0437",
        applicant_phone="138 7330 2516",
        address="株洲市渌口区南洲镇长岭村 6 组 23 号",
        reason="家庭成员患重特大疾病，医疗费用负担重，申请医疗救助。",
        facts=(
            "古丽米拉·艾山：重特大疾病（尿毒症），规律血液透析",
            "近 12 个月个人自付医疗费用 48,600.00 元",
            "家庭人均月收入 640.00 元，低于当地低保标准 700.00 元",
        ),
        members=(members["古丽米拉·艾山"],),
        consented=True,
        consent_recorded_at=datetime(2026, 9, 30, 10, 20),
        contact_person=CLERK,
        contact_phone="0731-2661 8012",
        referred_on=date(2026, 9, 30),
        time_limit_working_days=15,
        due_date=date(2026, 10, 27),
    )
    education = replace(
        medical,
        document_number=f"{RECEIPT_NUMBER}-T2",
        referral_number=f"{RECEIPT_NUMBER}-ZJ02",
        department="渌口区教育局",
        reason="家庭经济困难，有在校学生，申请学生资助（教育救助）。",
        facts=("努尔妮萨·阿卜杜：高中/中职在读", "伊力哈木·艾力：小学在读", "近 12 个月教育支出 3,800.00 元"),
        members=(members["努尔妮萨·阿卜杜"], members["伊力哈木·艾力"]),
    )
    disability = replace(
        medical,
        document_number=f"{RECEIPT_NUMBER}-T3",
        referral_number=f"{RECEIPT_NUMBER}-ZJ03",
        department="渌口区残疾人联合会",
        reason="家庭成员持有残疾人证，需核实残疾人两项补贴享受情况，并了解照护人员就业情况。",
        facts=("热合曼·吐尔逊：肢体残疾二级，81 岁，无劳动能力", f"{rare_name}：主要照护人，在职/务工"),
        members=(members["热合曼·吐尔逊"], members[rare_name]),
    )
    return [medical, education, disability]


def sample_notice(copy_no: int = 1) -> NoticeData:
    return NoticeData(
        document_number=f"{RECEIPT_NUMBER}-N",
        copy_no=copy_no,
        printed_at=PRINTED_AT,
        clerk_name=CLERK,
        hall=sample_hall(),
        wording=sample_wording(),
        application_number=RECEIPT_NUMBER,
        applicant_name=MIDDLE_DOT_NAME,
        applicant_id_masked="430212********0437",
        applied_on=date(2026, 9, 30),
        assistance_types=("最低生活保障", "医疗救助", "教育救助", "临时救助"),
        missing=(
            MissingMaterial(assistance_type="最低生活保障", name="务工收入证明（艾力·阿卜杜）",
                            requirement="原件 1 份，加盖单位公章", where_to_get="务工单位"),
            MissingMaterial(assistance_type="医疗救助", name="住院病案首页及出院小结",
                            requirement="复印件 1 份，加盖医院病案专用章", where_to_get="就诊医院病案室"),
            MissingMaterial(assistance_type="教育救助", name="学籍证明（努尔妮萨·阿卜杜）",
                            requirement="原件 1 份", where_to_get="就读学校教务处"),
        ),
        come_back_by=date(2026, 10, 16),
    )
