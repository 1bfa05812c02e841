"""The procedure's documents read back from the PDF: the refusal notice names its reasons, facts and
appeal channels; the extension notice its new date; the publicity list holds no ID number, phone,
address, income or health; the progress slip where the application stands. Pages are rendered to PNG
(artifacts/) for people to look at."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from intake_desk.domain.enums import DocumentKind
from intake_desk.services.clock import FixedClock
from intake_desk.services.errors import ValidationFailed
from intake_desk.services.printing import PrintOutput
from intake_desk.store.db import Database
from tests.conftest import make_services
from tests.unit.services.test_procedure import INVESTIGATION, Desk, at

D = date


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def look(pdf: bytes, artifacts: Path, name: str) -> None:
    if shutil.which("pdftoppm") is None:
        return
    path = artifacts / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(path), str(artifacts / name)], check=True)


@pytest.fixture
def desk(db: Database) -> Iterator[Desk]:
    yield Desk(make_services(db, FixedClock(at(D(2026, 9, 25)))))


def test_refusal_notice(desk: Desk, artifacts: Path) -> None:
    number = desk.receive(D(2026, 9, 25), name="赵六")
    desk.step(number, "investigation", INVESTIGATION, D(2026, 9, 28))
    v = desk.step(number, "data_check", {"result": "discrepancies", "note": "存款 12 万元"}, D(2026, 9, 30))
    documents = desk.s.procedure_documents
    with pytest.raises(ValidationFailed, match="未作出不予救助决定"):
        documents.render(desk.clerk, number, DocumentKind.REFUSAL)
    desk.s.procedure.refuse(desk.supervisor, number, reasons=["assets_above", "other"],
                            facts="家庭存款 12 万元，超过 24 个月低保标准", expected_version=v.version)
    rendered = documents.render(desk.clerk, number, "refusal", output=PrintOutput.FILE)
    text = flat(text_of(rendered.pdf))
    for expected in ("不予社会救助告知书", "赵六", number, "家庭财产状况超过规定限额", "其他不符合救助条件的情形",
                     "家庭存款12万元，超过24个月低保标准", "60日内", "行政复议", "6个月内", "行政诉讼",
                     "2026年10月10日前送达"):
        assert expected in text, expected
    assert rendered.copy_no == 1 and rendered.document_number == f"{number}-BY"
    again = documents.render(desk.clerk, number, "refusal", output=PrintOutput.FILE)
    assert again.copy_no == 2 and "补打（第1次）" in flat(text_of(again.pdf))
    printed = desk.s.printing.printed(desk.clerk, number)
    assert [p.kind for p in printed] == [DocumentKind.REFUSAL, DocumentKind.REFUSAL]
    look(rendered.pdf, artifacts, "procedure-refusal")


def test_extension_notice(desk: Desk, artifacts: Path) -> None:
    number = desk.receive(D(2026, 8, 3))
    desk.on(D(2026, 9, 10))
    v = desk.s.procedure.request_extension(desk.clerk, number, "申请人外出务工，需补充调查",
                                           expected_version=desk.view(number).version)
    with pytest.raises(ValidationFailed, match="没有批准的延期"):
        desk.s.procedure_documents.render(desk.clerk, number, "extension")
    desk.s.procedure.decide_extension(desk.supervisor, number, approve=True, expected_version=v.version)
    text = flat(text_of(desk.s.procedure_documents.render(desk.clerk, number, "extension").pdf))
    for expected in ("延期办理告知书", "申请人外出务工，需补充调查", "2026年09月14日", "2026年10月10日", "45个工作日",
                     "李强"):
        assert expected in text, expected


def test_publicity_list_never_shows_ids_phones_or_addresses(desk: Desk, artifacts: Path) -> None:
    numbers = [desk.receive(D(2026, 9, 25), name=n) for n in ("赵六", "钱七")]
    for number in numbers:
        desk.walk_to_decision(number, D(2026, 9, 25), objections=0)
    document = desk.s.procedure_documents.publicity(desk.clerk, "HT01", D(2026, 10, 1), D(2026, 10, 31))
    assert document.entries == 2
    raw = text_of(document.pdf)
    text = flat(raw)
    for expected in ("社会救助对象公示名单", "赵六", "钱七", "1人", "最低生活保障", "异议", "公示期"):
        assert expected in text, expected
    # No resident ID, masked or not; no phone number; no address; no income or health words.
    assert not re.search(r"\d{6}\*+\d{3}[\dX]|\d{17}[\dX]", text)
    assert not re.search(r"1[3-9]\d[ \-]?\d{4}[ \-]?\d{4}", raw)
    for forbidden in ("身份证", "月塘街道12栋", "收入", "健康", "残疾", "住址"):
        assert forbidden not in text, forbidden
    look(document.pdf, artifacts, "procedure-publicity")


def test_progress_slip(desk: Desk, artifacts: Path) -> None:
    number = desk.receive(D(2026, 9, 25), name="赵六")
    desk.step(number, "investigation", INVESTIGATION, D(2026, 9, 28))
    text = flat(text_of(desk.s.procedure_documents.render(desk.clerk, number, "progress").pdf))
    for expected in ("办理进度", number, "入户调查", "已完成", "王丽", "家庭经济状况核对", "2026年10月08日前"):
        assert expected in text, expected
    look(desk.s.procedure_documents.render(desk.clerk, number, "progress").pdf, artifacts, "procedure-progress")
