"""Intake forms for tests: the Zhuzhou example household and small variations."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from intake_desk.domain.enums import (
    AssistanceType,
    Employment,
    HukouType,
    IncomeCategory,
    Relation,
    SchoolingStage,
)
from intake_desk.domain.resident_id import make_resident_id
from intake_desk.services.intake_form import DeclarationInput, IncomeInput, IntakeForm, MemberInput

ZHANG_SAN = make_resident_id("430202", date(1980, 3, 1), 11)
LI_SI = make_resident_id("430202", date(1982, 5, 1), 22)
ZHANG_XIAO = make_resident_id("430202", date(2012, 5, 1), 31)


def rid(n: int, born: date = date(1975, 1, 1), region: str = "430203") -> str:
    """A valid resident ID, distinct for every ``n`` (1–998 per birth date)."""
    return make_resident_id(region, born, n % 998 + 1)


def zhuzhou_form(**changes: Any) -> IntakeForm:
    """Urban household of 3, wages 1,800 元 a month → per capita 600 元 < 700 元: 低保, 300 元 a month."""
    form = IntakeForm(
        members=(
            MemberInput(ZHANG_SAN, "张三", Relation.SELF, employment=Employment.EMPLOYED),
            MemberInput(LI_SI, "李四", Relation.SPOUSE, employment=Employment.UNEMPLOYED),
            MemberInput(ZHANG_XIAO, "张小三", Relation.CHILD, employment=Employment.STUDENT,
                        schooling=SchoolingStage.JUNIOR),
        ),
        hukou_type=HukouType.URBAN,
        address="荷塘区月塘街道 12 栋 3 单元 401",
        phone="138 1234 5678",
        incomes=(IncomeInput(0, IncomeCategory.WAGES, 1_800_00 * 12),),
        requested_types=(AssistanceType.DIBAO,),
        declaration=DeclarationInput("张三"),
    )
    return replace(form, **changes)


def single_form(n: int, name: str = "王五", **changes: Any) -> IntakeForm:
    """A one-person household with no income (低保), distinct for every ``n``."""
    form = IntakeForm(
        members=(MemberInput(rid(n), name, Relation.SELF, employment=Employment.UNEMPLOYED),),
        requested_types=(AssistanceType.DIBAO,),
    )
    return replace(form, **changes)
