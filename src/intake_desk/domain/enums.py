"""The shared vocabulary: enumerations with their Chinese and English labels.

Each member's value is a stable ASCII code stored in the database and in JSON; ``zh`` and ``en`` are
what people read. Change a label freely; never change a value without a migration.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from intake_desk.domain.text import shown


class Labelled(StrEnum):
    """A string enum whose members carry a Chinese (``zh``) and an English (``en``) label."""

    zh: str
    en: str

    def __new__(cls, value: str, zh: str = "", en: str = "") -> Self:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.zh = zh or value
        obj.en = en or value
        return obj

    def label(self, language: str = "zh") -> str:
        return self.zh if language.startswith("zh") else self.en

    @classmethod
    def parse(cls, text: str) -> Self:
        """The member whose code, Chinese or English label is ``text`` (case-insensitive for ASCII)."""
        wanted = text.strip()
        for member in cls:
            if wanted in (member.value, member.zh) or wanted.lower() == member.en.lower():
                return member
        choices = "、".join(f"{m.value}（{m.zh}）" for m in cls)
        raise ValueError(f"“{shown(text)}”不是有效的取值，可选：{choices} / '{shown(text)}' is not one of: {choices}")


class Role(Labelled):
    """用户角色 – what a signed-in user may do."""

    CLERK = "clerk", "窗口受理员", "Clerk"
    SUPERVISOR = "supervisor", "窗口负责人", "Supervisor"
    DEPARTMENT = "department", "部门经办人", "Department officer"
    ADMIN = "admin", "系统管理员", "Administrator"


class Sex(Labelled):
    MALE = "male", "男", "Male"
    FEMALE = "female", "女", "Female"


class Relation(Labelled):
    """与户主关系 – relation of a household member to the head."""

    SELF = "self", "本人/户主", "Self (head)"
    SPOUSE = "spouse", "配偶", "Spouse"
    CHILD = "child", "子女", "Child"
    PARENT = "parent", "父母", "Parent"
    GRANDCHILD = "grandchild", "孙子女", "Grandchild"
    GRANDPARENT = "grandparent", "祖父母", "Grandparent"
    SIBLING = "sibling", "兄弟姐妹", "Sibling"
    CHILD_IN_LAW = "child_in_law", "儿媳/女婿", "Child-in-law"
    OTHER = "other", "其他", "Other"


class HukouType(Labelled):
    """户籍类型."""

    URBAN = "urban", "城镇", "Urban"
    RURAL = "rural", "农村", "Rural"


class Health(Labelled):
    """健康状况."""

    HEALTHY = "healthy", "健康", "Healthy"
    CHRONIC = "chronic", "慢性病", "Chronic illness"
    SERIOUS = "serious", "重特大疾病", "Serious illness"


class DisabilityCategory(Labelled):
    """残疾类别."""

    NONE = "none", "无", "None"
    VISUAL = "visual", "视力残疾", "Visual"
    HEARING = "hearing", "听力残疾", "Hearing"
    SPEECH = "speech", "言语残疾", "Speech"
    PHYSICAL = "physical", "肢体残疾", "Physical"
    INTELLECTUAL = "intellectual", "智力残疾", "Intellectual"
    MENTAL = "mental", "精神残疾", "Mental"
    MULTIPLE = "multiple", "多重残疾", "Multiple"


class LabourCapacity(Labelled):
    """劳动能力."""

    FULL = "full", "有劳动能力", "Able to work"
    PARTIAL = "partial", "部分丧失劳动能力", "Partly able"
    NONE = "none", "无劳动能力", "Unable to work"


class Employment(Labelled):
    """就业状况."""

    EMPLOYED = "employed", "在职/务工", "Employed"
    FARMING = "farming", "务农", "Farming"
    SELF_EMPLOYED = "self_employed", "个体经营", "Self-employed"
    UNEMPLOYED = "unemployed", "失业/无业", "Unemployed"
    RETIRED = "retired", "退休", "Retired"
    STUDENT = "student", "在校学生", "Student"
    NOT_APPLICABLE = "not_applicable", "不适用", "Not applicable"


class SchoolingStage(Labelled):
    """就学阶段."""

    NONE = "none", "非在校", "Not in school"
    PRESCHOOL = "preschool", "学前教育", "Preschool"
    PRIMARY = "primary", "小学", "Primary"
    JUNIOR = "junior", "初中", "Junior secondary"
    SENIOR = "senior", "高中/中职", "Senior secondary"
    TERTIARY = "tertiary", "大学/高职", "Tertiary"


class IncomeCategory(Labelled):
    """收入类别（申请前 12 个月）."""

    WAGES = "wages", "工资性收入", "Wages"
    BUSINESS = "business", "经营净收入", "Net business income"
    PROPERTY = "property", "财产净收入", "Net property income"
    TRANSFER = "transfer", "转移净收入", "Net transfer income"


class AssetKind(Labelled):
    """家庭财产."""

    HOUSING = "housing", "房产", "Housing"
    VEHICLE = "vehicle", "机动车辆", "Vehicle"
    DEPOSIT = "deposit", "存款", "Deposits"
    SECURITIES = "securities", "有价证券", "Securities"
    INSURANCE = "insurance", "商业保险", "Commercial insurance"
    OTHER = "other", "其他财产", "Other"


class ExpenseKind(Labelled):
    """刚性支出."""

    MEDICAL = "medical", "医疗支出", "Medical"
    EDUCATION = "education", "教育支出", "Education"
    OTHER = "other", "其他刚性支出", "Other"


class DeductionKind(Labelled):
    """收入扣减项（申报）– amounts paid out that are taken off the family income."""

    SOCIAL_INSURANCE = "social_insurance", "个人缴纳的社会保险费", "Own social-insurance contributions"
    SUPPORT_PAID = "support_paid", "支付的赡养、抚养、扶养费", "Support paid to relatives"
    OTHER = "other", "其他扣减", "Other deduction"


class HousingCondition(Labelled):
    """住房状况."""

    ADEQUATE = "adequate", "住房安全", "Adequate"
    DANGEROUS = "dangerous", "危房", "Dangerous"
    NONE = "none", "无房", "No housing"
    UNAFFORDABLE = "unaffordable", "租房困难", "Unaffordable rent"


class SpecialCircumstance(Labelled):
    """特殊情况（临时救助）."""

    DISASTER = "disaster", "自然灾害", "Disaster"
    ACCIDENT = "accident", "意外事故", "Accident"
    SUDDEN_ILLNESS = "sudden_illness", "突发重病", "Sudden serious illness"
    OTHER = "other", "其他突发困难", "Other emergency"


class AssistanceType(Labelled):
    """救助类别（申请事项）."""

    DIBAO = "dibao", "最低生活保障", "Minimum living guarantee"
    TEKUN = "tekun", "特困人员供养", "Extreme-poverty support"
    MARGINAL = "marginal", "低保边缘家庭认定", "Marginal household"
    EXPENDITURE = "expenditure", "刚性支出困难家庭认定", "Expenditure hardship"
    TEMPORARY = "temporary", "临时救助", "Temporary assistance"
    MEDICAL = "medical", "医疗救助", "Medical assistance"
    EDUCATION = "education", "教育救助", "Education assistance"
    HOUSING = "housing", "住房救助", "Housing assistance"
    EMPLOYMENT = "employment", "就业救助", "Employment assistance"
    DISASTER = "disaster", "受灾人员救助", "Disaster relief"


class Category(Labelled):
    """预评估结果类别."""

    TEKUN = "tekun", "特困", "Extreme poverty"
    DIBAO = "dibao", "低保", "Minimum living guarantee"
    MARGINAL = "marginal", "低保边缘", "Marginal household"
    EXPENDITURE = "expenditure", "刚性支出困难", "Expenditure hardship"
    TEMPORARY = "temporary", "临时救助", "Temporary assistance"
    NOT_ELIGIBLE = "not_eligible", "不符合", "Not eligible"


class Channel(Labelled):
    """受理渠道."""

    WINDOW = "window", "窗口受理", "At the window"
    PROXY = "proxy", "代为申请", "By proxy"
    DISCOVERED = "discovered", "主动发现", "Found by outreach"
    ONLINE = "online", "网上申请", "Online"


class ApplicationStatus(Labelled):
    """申请状态."""

    RECEIVED = "received", "已受理", "Received"
    UNDER_REVIEW = "under_review", "审核中", "Under review"
    APPROVED = "approved", "已批准", "Approved"
    REJECTED = "rejected", "不予批准", "Rejected"
    WITHDRAWN = "withdrawn", "已撤回", "Withdrawn"
    CLOSED = "closed", "已办结", "Closed"

    @property
    def is_open(self) -> bool:
        return self in (ApplicationStatus.RECEIVED, ApplicationStatus.UNDER_REVIEW)


class ReferralStatus(Labelled):
    """转介状态."""

    PROPOSED = "proposed", "建议转介", "Proposed"
    PENDING = "pending", "待发送", "Pending"
    SENT = "sent", "已发送", "Sent"
    RECEIVED = "received", "部门已接收", "Received"
    IN_PROGRESS = "in_progress", "办理中", "In progress"
    COMPLETED = "completed", "已办结", "Completed"
    DECLINED = "declined", "不予受理", "Declined"
    RETURNED = "returned", "退回补充", "Returned"
    CANCELLED = "cancelled", "已取消", "Cancelled"

    @property
    def is_final(self) -> bool:
        return self in (ReferralStatus.COMPLETED, ReferralStatus.DECLINED, ReferralStatus.CANCELLED)


class DocumentKind(Labelled):
    """打印文书种类."""

    RECEIPT = "receipt", "受理回执", "Acknowledgement receipt"
    DECLARATION = "declaration", "告知承诺书", "Commitment declaration"
    REFERRAL = "referral", "转介单", "Referral slip"
    NOTICE = "notice", "一次性告知书", "One-time notice"
    URGING = "urging", "催办通知书", "Urging notice"
    EXTENSION = "extension", "延期办理告知书", "Extension notice"
    REFUSAL = "refusal", "不予救助告知书", "Refusal notice"
    PROGRESS = "progress", "办理进度", "Progress slip"


class PostCheckKind(Labelled):
    """事后核查."""

    DATA_COMPARISON = "data_comparison", "信息核对比对", "Data comparison"
    PERIODIC = "periodic", "定期复核", "Periodic re-check"
    SPOT_CHECK = "spot_check", "随机抽查", "Spot check"


class PostCheckStatus(Labelled):
    DUE = "due", "待核查", "Due"
    PASSED = "passed", "核查无误", "Passed"
    PROBLEM = "problem", "发现问题", "Problem found"
    CANCELLED = "cancelled", "已取消", "Cancelled"


class BreachGrade(Labelled):
    """失信情形分级 – how serious a breach of the commitment found by a post-check is (一般/较重/严重)."""

    NONE = "none", "无", "None"
    MINOR = "minor", "一般", "Minor"
    SERIOUS = "serious", "较重", "Serious"
    SEVERE = "severe", "严重", "Severe"


class Rating(Labelled):
    """好差评 – the applicant's rating of one service (国办发〔2019〕51号: five levels, 一次一评)."""

    VERY_SATISFIED = "very_satisfied", "非常满意", "Very satisfied"
    SATISFIED = "satisfied", "满意", "Satisfied"
    BASICALLY_SATISFIED = "basically_satisfied", "基本满意", "Fairly satisfied"
    DISSATISFIED = "dissatisfied", "不满意", "Dissatisfied"
    VERY_DISSATISFIED = "very_dissatisfied", "非常不满意", "Very dissatisfied"


class Rung(Labelled):
    """催办梯度 – where a dated item stands on the urging ladder today."""

    ON_TRACK = "on_track", "正常", "On track"
    DUE_SOON = "due_soon", "即将到期", "Due soon"
    OVERDUE = "overdue", "已逾期", "Overdue"
    URGED = "urged", "已催办", "Urged"
    ESCALATED = "escalated", "已督办", "Escalated"
    DONE_ON_TIME = "done_on_time", "按时办结", "Done on time"
    DONE_LATE = "done_late", "逾期办结", "Done late"


class DatedItemKind(Labelled):
    """The kinds of dated work the urging ladder follows."""

    REFERRAL = "referral", "转介", "Referral"
    POST_CHECK = "post_check", "事后核查", "Post-check"
    APPLICATION = "application", "申请审核", "Application"
    EXTENSION = "extension", "延期审批", "Extension request"
    FOLLOW_UP = "follow_up", "差评整改", "Follow-up"


class CallbackSubject(Labelled):
    """What a callback (回访) asks about: a decided application or a completed referral."""

    APPLICATION = "application", "申请", "Application"
    REFERRAL = "referral", "转介", "Referral"


class CallbackChannel(Labelled):
    PHONE = "phone", "电话回访", "Phone call"
    VISIT = "visit", "上门回访", "Home visit"
    WINDOW = "window", "窗口当场评价", "Rated at the window"
