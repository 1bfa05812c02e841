"""Printed PDFs read back: no personal data in the file's metadata, the real print time, and the
applicant's phone on a referral slip only for a department that needs it (policy pack)."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from intake_desk.domain.enums import DocumentKind
from intake_desk.policy.pack import PackRegistry
from intake_desk.printing.layout import pdf_date
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.printing import PrintOutput
from tests.conftest import TEST_NOW
from tests.unit.services.test_printing_service import full_application

APPLICANT = "张三"


@pytest.fixture
def number(services: Services, clerk: Actor) -> str:
    return full_application(services, clerk)


def _reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


@pytest.mark.parametrize("kind, department", [
    (DocumentKind.RECEIPT, None), (DocumentKind.DECLARATION, None), (DocumentKind.NOTICE, None),
    (DocumentKind.REFERRAL, "education"), (DocumentKind.REFERRAL, "employment"),
])
def test_metadata_has_no_personal_data_and_the_real_print_time(services: Services, clerk: Actor, number: str,
                                                                kind: DocumentKind, department: str | None) -> None:
    detail = services.applications.get(clerk, number)
    rendered = services.printing.render(clerk, number, kind, department, output=PrintOutput.FILE, via="test")
    reader = _reader(rendered.pdf)
    info = reader.metadata
    assert info is not None
    assert APPLICANT in "".join(page.extract_text() for page in reader.pages), "the name is on the page itself"
    personal = [APPLICANT, detail.applicant_name, detail.applicant_id, re.sub(r"\D", "", detail.phone)]
    for key in ("/Title", "/Subject", "/Author", "/Keywords", "/Creator", "/Producer"):
        value = str(info.get(key, ""))
        for item in filter(None, personal):
            assert item not in value, f"{key} = {value!r} holds {item!r}"
    assert number in str(info.get("/Title", "")), "the document is still found by its number"
    expected = pdf_date(TEST_NOW)
    assert expected == "D:20261120100000+08'00'"
    assert info["/CreationDate"] == expected and info["/ModDate"] == expected, "the print time, not 2000-01-01"
    assert info.creation_date is not None and info.creation_date.year == 2026


def _slip_text(services: Services, clerk: Actor, number: str, department: str) -> str:
    rendered = services.printing.render(clerk, number, DocumentKind.REFERRAL, department)
    return "".join(page.extract_text() for page in _reader(rendered.pdf).pages).replace("\n", " ")


def test_referral_slip_masks_the_phone_unless_the_department_needs_it(services: Services, clerk: Actor,
                                                                      number: str) -> None:
    pack = PackRegistry.default().packs[-1]
    assert not pack.department("education").needs_phone and pack.department("employment").needs_phone
    education = _slip_text(services, clerk, number, "education")
    assert "联系电话 138****5678" in education and "13812345678" not in education
    employment = _slip_text(services, clerk, number, "employment")
    assert "联系电话 13812345678" in employment
