"""What the printed documents say: plain, frozen data handed over by the services layer.

Everything here is a plain ``str``/``int``/``bool``/``date``/``datetime`` (or a tuple of the small
records below), so the documents can be rendered without a database and tested with literals.
Labels (relations, assistance types, health …) arrive as the Chinese text to print – the caller
takes them from ``domain.enums`` (``.zh``) or from the county's policy pack. Resident ID numbers
arrive **already masked** (first 6 + last 4); this module never sees a full number.

Money is integer fen (分) and printed with :func:`format_fen`. Times are printed in China Standard
Time: a timezone-aware ``datetime`` is converted to UTC+8 (China has no daylight saving time, so a
fixed offset is exact and needs no time-zone database on Windows); a naive one is taken as local.

Copy number rule (补打): ``copy_no`` is how many times this document has been printed, counting
this print. ``copy_no == 1`` is the original and carries no mark; ``copy_no == N > 1`` is the
(N − 1)-th reprint and every page says “补打（第 N−1 次）”. See :func:`reprint_mark`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

CHINA_STANDARD_TIME = timezone(timedelta(hours=8), "CST")


# ---------------------------------------------------------------------------------------------
# formatting helpers
# ---------------------------------------------------------------------------------------------


def format_fen(fen: int, unit: str = "元") -> str:
    """Money in fen as printed: ``180000`` → ``"1,800.00 元"``, ``-5050`` → ``"-50.50 元"``."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    text = f"{sign}{yuan:,}.{cents:02d}"
    return f"{text} {unit}" if unit else text


def format_date(day: date) -> str:
    """``2026-10-20`` → ``"2026年10月20日"``."""
    return f"{day.year}年{day.month:02d}月{day.day:02d}日"


def local_time(moment: datetime) -> datetime:
    """``moment`` in China Standard Time (naive datetimes are taken as already local)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(CHINA_STANDARD_TIME)


def format_datetime(moment: datetime) -> str:
    """``2026-09-30 10:24`` (local) → ``"2026年09月30日 10:24"``."""
    local = local_time(moment)
    return f"{format_date(local.date())} {local.hour:02d}:{local.minute:02d}"


def reprint_mark(copy_no: int) -> str | None:
    """The reprint mark for print number ``copy_no``: ``None`` for the original (1), else “补打（第 N 次）”.

    ``copy_no`` counts prints including this one, so ``copy_no = 2`` is the first reprint.
    """
    if copy_no < 1:
        raise ValueError(f"打印份次必须从 1 开始，收到 {copy_no} / copy_no starts at 1, got {copy_no}")
    return None if copy_no == 1 else f"补打（第 {copy_no - 1} 次）"


# ---------------------------------------------------------------------------------------------
# shared parts
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class HallInfo:
    """The service hall (便民服务中心) whose window receives the application."""

    name: str
    code: str
    phone: str
    address: str
    complaint_channel: str
    office_hours: str = ""


@dataclass(frozen=True, kw_only=True)
class Wording:
    """The county's wording for the documents, taken from the policy pack (a county can change it).

    ``commitment_text`` and ``double_commitment_text`` are paragraphs printed in order; the titles
    default to the usual names and may be overridden.
    """

    template_version: str
    commitment_text: tuple[str, ...]
    verification_authorisation: str
    notice_where_to_bring: str
    double_commitment_text: tuple[str, ...] = ()
    receipt_notes: tuple[str, ...] = ()
    notice_notes: tuple[str, ...] = ()
    referral_return_note: str = ""
    receipt_title: str = "社会救助申请受理回执"
    declaration_title: str = "社会救助申请告知承诺书"
    referral_title: str = "社会救助事项转介单"
    referral_return_title: str = "转介办理结果回执"
    notice_title: str = "社会救助申请材料一次性告知书"

    def commitment_hash(self) -> str:
        """SHA-256 (hex) of the declaration text exactly as printed, to store with a declaration."""
        parts = [
            self.template_version,
            *self.commitment_text,
            self.verification_authorisation,
            *self.double_commitment_text,
        ]
        return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True, kw_only=True)
class DocumentCommon:
    """Fields every printed document has.

    ``document_number`` is printed in every page footer and identifies this printed document in
    the print log; ``copy_no`` follows the rule in the module docstring; ``printed_at`` is shown in
    the footer; ``clerk_name`` is the signed-in clerk who printed it.
    """

    document_number: str
    copy_no: int = 1
    printed_at: datetime
    clerk_name: str
    hall: HallInfo
    wording: Wording

    def __post_init__(self) -> None:
        reprint_mark(self.copy_no)  # refuse a copy number below 1 early, with a clear message


@dataclass(frozen=True, kw_only=True)
class MemberLine:
    """One household member as declared (共同生活家庭成员)."""

    name: str
    relation: str
    id_masked: str
    age: int
    sex: str = ""
    health: str = ""
    disability: str = ""
    labour_capacity: str = ""
    occupation: str = ""
    """Employment or schooling, as one printed phrase (e.g. “务农”, “初中在读”)."""


@dataclass(frozen=True, kw_only=True)
class AmountLine:
    """One income, asset or expense line: what it is, how much (fen, or ``None`` if unvalued), a note."""

    label: str
    amount_fen: int | None
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class ReceivedMaterial:
    """A material received at the window (已收材料)."""

    name: str
    copies: int = 1


@dataclass(frozen=True, kw_only=True)
class ConsentLine:
    """The applicant's answer to one proposed referral (转介同意)."""

    department: str
    matter: str
    consented: bool


@dataclass(frozen=True, kw_only=True)
class MissingMaterial:
    """A material still missing for one assistance type (一次性告知书 line)."""

    assistance_type: str
    name: str
    requirement: str = ""
    where_to_get: str = ""


# ---------------------------------------------------------------------------------------------
# the four documents
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ReceiptData(DocumentCommon):
    """受理回执 – acknowledgement receipt (applicant's copy and file stub on one page)."""

    receipt_number: str
    received_at: datetime
    applicant_name: str
    applicant_id_masked: str
    household_size: int
    assistance_types: tuple[str, ...]
    materials_received: tuple[ReceivedMaterial, ...]
    fast_track: bool
    time_limit_working_days: int
    due_date: date
    channel: str = ""
    pending_materials_note: str = ""
    """E.g. “尚缺 3 项材料，详见一次性告知书”; empty when everything was received."""


@dataclass(frozen=True, kw_only=True)
class DeclarationData(DocumentCommon):
    """告知承诺书 – commitment declaration with the declared household facts."""

    application_number: str
    applicant_name: str
    applicant_id_masked: str
    applicant_phone: str = ""
    address: str = ""
    assistance_types: tuple[str, ...]
    members: tuple[MemberLine, ...]
    income_period: str
    """The 12 months the income covers, as printed, e.g. “2025年10月—2026年09月”."""
    incomes: tuple[AmountLine, ...]
    counted_income_total_fen: int
    per_capita_monthly_income_fen: int | None = None
    assets: tuple[AmountLine, ...] = ()
    expenses: tuple[AmountLine, ...] = ()
    consents: tuple[ConsentLine, ...] = ()
    double_commitment: bool = False
    template_version: str
    template_hash: str


@dataclass(frozen=True, kw_only=True)
class ReferralSlipData(DocumentCommon):
    """转介单 – a referral to one department, with a tear-off return section (回执联)."""

    referral_number: str
    application_number: str
    department: str
    applicant_name: str
    applicant_id_masked: str
    applicant_phone: str = ""
    address: str = ""
    reason: str
    facts: tuple[str, ...]
    """The declared facts that fired the referral rule, one phrase each."""
    members: tuple[MemberLine, ...]
    consented: bool
    consent_recorded_at: datetime | None = None
    contact_person: str
    contact_phone: str
    referred_on: date
    time_limit_working_days: int
    due_date: date


@dataclass(frozen=True, kw_only=True)
class NoticeData(DocumentCommon):
    """一次性告知书 – everything still missing, so the applicant comes back once."""

    application_number: str
    applicant_name: str
    applicant_id_masked: str
    applied_on: date
    assistance_types: tuple[str, ...]
    missing: tuple[MissingMaterial, ...]
    come_back_by: date
    where_to_bring: str = ""
    """Where to bring the materials; empty means the wording's ``notice_where_to_bring``."""
