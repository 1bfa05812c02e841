"""PIPL on the desk: ID numbers masked in lists, exports and receipts; every full number shown is audited."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from intake_desk.domain.masking import mask_resident_id
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.export import ApplicationFilter
from intake_desk.services.intake import referral_choice
from intake_desk.services.queues import ReferralFilter
from intake_desk.store.models import AuditEvent
from tests.intake_data import LI_SI, ZHANG_SAN, ZHANG_XIAO, zhuzhou_form

FULL = (ZHANG_SAN, LI_SI, ZHANG_XIAO)


@pytest.fixture
def number(services: Services, clerk: Actor) -> str:
    form = zhuzhou_form()
    preview = services.intake.preview(clerk, form)
    form = replace(form, referrals=tuple(referral_choice(p, consent_given=True) for p in preview.referrals))
    return services.intake.submit(clerk, form).number


def _events(services: Services, action: str) -> list[tuple[str, str, dict[str, object]]]:
    with services.db.reading() as session:
        return [(e.actor_name, e.entity_id, json.loads(e.detail)) for e in session.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id))]


def _no_full_number(value: object) -> None:
    text = repr(value)
    for full in FULL:
        assert full not in text, f"full ID {mask_resident_id(full)} shown"


def test_lists_show_masked_numbers(services: Services, clerk: Actor, supervisor: Actor, number: str) -> None:
    _no_full_number(services.intake.search_persons(clerk, "zs"))
    _no_full_number(services.intake.search_persons(clerk, ZHANG_SAN[:10]))
    _no_full_number(services.applications.search(clerk, "张三"))
    _no_full_number(services.applications.search(clerk, ZHANG_SAN))  # found by the full number, still masked
    detail = services.applications.get(clerk, number)
    _no_full_number(detail)
    assert detail.applicant_id == mask_resident_id(ZHANG_SAN) == ZHANG_SAN[:6] + "********" + ZHANG_SAN[-4:]
    _no_full_number(services.queues.page(supervisor))
    _no_full_number(services.postchecks.queue(supervisor))
    _no_full_number(services.referrals.get(clerk, detail.referrals[0].id))
    _no_full_number(services.statistics.dashboard(supervisor))


def test_revealing_a_full_number_is_audited(services: Services, clerk: Actor, number: str) -> None:
    detail = services.applications.get(clerk, number, reveal=True)
    assert detail.applicant_id == ZHANG_SAN and {m.resident_id for m in detail.members} == set(FULL)
    revealed = _events(services, "application.reveal_id")
    assert [(who, entity) for who, entity, _ in revealed] == [("王丽", number)]
    assert services.referrals.reveal_id(clerk, detail.referrals[0].id) == ZHANG_SAN
    assert [who for who, _, _ in _events(services, "person.reveal_id")] == ["王丽"]
    # The trail itself holds masked numbers only.
    with services.db.engine.connect() as connection:
        dump = " ".join(map(str, connection.exec_driver_sql("SELECT detail FROM audit_events").all()))
    for full in FULL:
        assert full not in dump


def test_a_prefilled_household_is_audited(services: Services, clerk: Actor, number: str) -> None:
    found = services.intake.lookup_person(clerk, ZHANG_SAN)
    assert found is not None and {m.resident_id for m in found.form.members} == set(FULL)
    (who, _, detail), = _events(services, "person.lookup")
    assert who == "王丽" and detail["resident_id"] == mask_resident_id(ZHANG_SAN)
    assert sorted(detail["prefilled"]) == sorted(mask_resident_id(n) for n in (LI_SI, ZHANG_XIAO))  # type: ignore[arg-type]
    # A person picked from a search list is opened, and that too is recorded.
    hit = services.intake.search_persons(clerk, "李四")[0]
    services.intake.lookup_person(clerk, person_id=hit.person_id)
    assert [who for who, _, _ in _events(services, "person.open")] == ["王丽"]


def test_exports_mask_unless_full_data_is_asked_for_and_allowed(services: Services, clerk: Actor,
                                                                 supervisor: Actor, number: str,
                                                                 tmp_path: Path) -> None:
    masked = services.exports.applications(clerk, ApplicationFilter(), tmp_path / "masked.csv")
    text = (tmp_path / "masked.csv").read_text(encoding="utf-8-sig")
    assert mask_resident_id(ZHANG_SAN) in text and ZHANG_SAN not in text
    services.exports.referrals(clerk, ReferralFilter(), tmp_path / "referrals.csv")
    assert ZHANG_SAN not in (tmp_path / "referrals.csv").read_text(encoding="utf-8-sig")
    services.exports.applications(supervisor, ApplicationFilter(), tmp_path / "full.csv", full_ids=True)
    assert ZHANG_SAN in (tmp_path / "full.csv").read_text(encoding="utf-8-sig")
    with services.db.reading() as session:
        details = [(e.actor_name, json.loads(e.detail)) for e in session.scalars(
            select(AuditEvent).where(AuditEvent.entity == "export").order_by(AuditEvent.id))]
    assert [(who, d["full_ids"]) for who, d in details] == [("王丽", False), ("王丽", False), ("李强", True)]
    assert masked.rows >= 1


def test_the_receipt_carries_the_masked_number(services: Services, clerk: Actor, number: str) -> None:
    rendered = services.printing.render(clerk, number, "receipt")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(rendered.pdf)).pages)
    compact = text.replace(" ", "").replace("\n", "")
    assert ZHANG_SAN not in compact
    assert mask_resident_id(ZHANG_SAN) in compact
