"""Hostile text at every door: validators, the household JSON import, intake forms, drafts.

Control characters, NUL, lone surrogates, 10,000-character strings, SQL-looking text, emoji and rare
CJK characters (𠮷) are either kept exactly or refused with a one-sentence bilingual message – never
another exception, never a half-written record.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from intake_desk.domain.money import MAX_FEN, InvalidMoney, format_fen, parse_money_fen
from intake_desk.domain.names import InvalidName, validate_name
from intake_desk.domain.phone import InvalidPhone, validate_phone
from intake_desk.domain.resident_id import InvalidResidentId, make_resident_id, parse_resident_id
from intake_desk.policy.household_json import HouseholdJsonError, household_from_json
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.errors import ValidationFailed
from intake_desk.services.intake_form import form_from_dict, form_to_dict
from tests.intake_data import zhuzhou_form

TODAY = date(2026, 11, 20)

PIECES = [
    "\x00", "\x01", "\x07", "\x1b[31m", "\x7f", "\x85", "\u200b", "\u200e", "\u202e", "\ufeff", "\ufffd",
    "\ufffe", "\uffff", "\ud800", "\udfff", "\r\n", "\n", "\t", "\u3000", " ",
    "'; DROP TABLE persons; --", "\" OR 1=1 --", "Robert'); DELETE FROM audit_events;--", "%s%s%n", "{0}",
    "${jndi:ldap://x}", "<script>alert(1)</script>", "../../etc/passwd", "\\", "'", '"', "`",
    "𠮷", "𪚥", "\U00030000", "😀", "👨‍👩‍👧", "🇨🇳", "\U000e0001", "\ue000", "·", "•", "・", "Ｘ", "１８",
    "张三", "阿卜杜·热合曼", "430202198003011234", "1,800.50", "¥", "元", "万", "-", "+86", "转", "x",
]

hostile_text = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8")),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=12).map("".join),
    st.tuples(st.sampled_from(PIECES), st.integers(1000, 10_000)).map(lambda t: t[0] * (t[1] // len(t[0]))),
    st.characters().map(lambda c: c * 10_000),
)
"""Any text a keyboard, a scanner, a paste or a hostile file can produce."""

PROPERTY = settings(max_examples=300, deadline=None)


def one_sentence(error: BaseException) -> str:
    """The refusal a clerk sees: bilingual, one line, of a readable length."""
    message = str(error)
    assert " / " in message, message
    assert "\n" not in message and "\r" not in message, repr(message[:200])
    assert len(message) <= 600, f"{len(message)} characters: {message[:200]!r}…"
    return message


# -- domain validators ------------------------------------------------------------------------------

@given(hostile_text)
@PROPERTY
@example("43020219800301123X\x00")
@example("４３０２０２１９８００３０１００１１")
def test_resident_id(text: str) -> None:
    try:
        parsed = parse_resident_id(text, today=TODAY)
    except InvalidResidentId as exc:
        one_sentence(exc)
        return
    assert len(parsed.number) == 18 and parsed.number.isascii()
    assert parse_resident_id(parsed.number, today=TODAY) == parsed


@given(st.dates(date(1900, 1, 1), TODAY), st.integers(1, 999), hostile_text)
@PROPERTY
def test_a_valid_id_with_anything_appended_is_refused_or_the_same(born: date, seq: int, tail: str) -> None:
    number = make_resident_id("430202", born, seq)
    assert parse_resident_id(number, today=TODAY).number == number
    try:
        parsed = parse_resident_id(number + tail, today=TODAY)
    except InvalidResidentId as exc:
        one_sentence(exc)
    else:
        assert parsed.number == number  # only surrounding spaces may have been dropped


@given(hostile_text)
@PROPERTY
@example("𠮷" * 41)
@example("阿卜杜·热合曼\x00")
def test_name(text: str) -> None:
    try:
        name = validate_name(text)
    except InvalidName as exc:
        one_sentence(exc)
        return
    assert validate_name(name) == name  # the stored form is stable
    assert 0 < len(name) <= 40
    # no control, format or surrogate characters; private-use ones are registry 造字 and allowed
    assert all(unicodedata.category(c) == "Co" or unicodedata.category(c)[0] != "C" for c in name)
    assert set(name) - set(text) <= {"·", " "}  # nothing invented beyond the standard dot and a space


@given(st.text(alphabet=st.sampled_from("张王李𠮷𪚥\U00030000丶乂阿卜杜热合曼"), min_size=1, max_size=40))
@PROPERTY
def test_rare_character_names_are_kept_exactly(name: str) -> None:
    assert validate_name(name) == name


@given(hostile_text)
@PROPERTY
@example("9" * 10_000)
@example("1" + "\n" * 5000)
def test_money(text: str) -> None:
    try:
        fen = parse_money_fen(text)
    except InvalidMoney as exc:
        one_sentence(exc)
        return
    assert 0 <= fen <= MAX_FEN
    assert parse_money_fen(format_fen(fen)) == fen


@given(hostile_text)
@PROPERTY
@example("138" + "0" * 10_000)
@example("0731-22881234转" + "\x00" * 20)
def test_phone(text: str) -> None:
    try:
        phone = validate_phone(text)
    except InvalidPhone as exc:
        one_sentence(exc)
        return
    assert phone.isascii() and validate_phone(phone) == phone


# -- household JSON import --------------------------------------------------------------------------

with open(__file__.replace("tests/unit/test_hostile_input.py", "resources/examples/household.json"),
          encoding="utf-8") as _handle:
    EXAMPLE: dict[str, Any] = json.load(_handle)

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(), hostile_text),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(hostile_text, children, max_size=4)),
    max_leaves=20,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


def _set(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copy = json.loads(json.dumps(document))
    target = copy
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return copy


EXAMPLE_PATHS = _paths(EXAMPLE)


def _import(document: Any) -> None:
    try:
        facts = household_from_json(document)
    except HouseholdJsonError as exc:
        one_sentence(exc)
        return
    assert facts.members


@given(st.sampled_from(EXAMPLE_PATHS), json_values)
@settings(max_examples=500, deadline=None)
def test_household_json_with_one_field_replaced(path: tuple[Any, ...], value: Any) -> None:
    """The example with any one field (or the whole thing) replaced by anything JSON can hold."""
    _import(_set(EXAMPLE, path, value))


@given(json_values)
@PROPERTY
def test_household_json_of_any_shape(document: Any) -> None:
    _import(document)


@given(st.sampled_from([p for p in EXAMPLE_PATHS if p and isinstance(p[-1], str)]), hostile_text)
@PROPERTY
def test_household_json_text_fields_keep_what_they_accept(path: tuple[Any, ...], text: str) -> None:
    document = _set(EXAMPLE, path, text)
    try:
        facts = household_from_json(document)
    except HouseholdJsonError as exc:
        one_sentence(exc)
        return
    if path[-1] == "name":
        assert facts.members[path[1]].name == validate_name(text)


def test_household_json_read_from_text() -> None:
    """What ``intake-desk assess`` does with a file: parse errors are ValueError with a position."""
    for text in ["", "{", "[" * 100, '{"members": [' + "{}," * 10_000 + "{}]}", "\x00", "null", "𠮷"]:
        try:
            _import(json.loads(text))
        except json.JSONDecodeError:
            pass


# -- the intake form --------------------------------------------------------------------------------

def _hostile_form(texts: list[str]) -> Any:
    """The Zhuzhou example with hostile text in every free-text and name field."""
    form = zhuzhou_form()
    t = iter(texts * 20)
    members = tuple(replace(m, name=next(t), resident_id=next(t) if i == 2 else m.resident_id)
                    for i, m in enumerate(form.members))
    incomes = tuple(replace(i, note=next(t), exempt_item=None) for i in form.incomes)
    from intake_desk.domain.enums import AssistanceType
    from intake_desk.services.intake_form import DeclarationInput, MaterialInput, ReferralChoice

    return replace(
        form, members=members, incomes=incomes, address=next(t), phone=next(t), special_note=next(t),
        notes=next(t), declaration=DeclarationInput(next(t)),
        materials=(MaterialInput(AssistanceType.DIBAO, next(t), next(t), note=next(t)),),
        referrals=(ReferralChoice("medical", next(t), facts=(next(t),), member_names=(next(t),)),),
    )


@given(st.lists(hostile_text, min_size=1, max_size=6))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_intake_validation_never_fails_outright(services: Services, texts: list[str]) -> None:
    problems = services.intake.validate(_hostile_form(texts))
    assert isinstance(problems, dict)
    for path, message in problems.items():
        assert isinstance(path, str)
        one_sentence(Exception(message))


@given(json_values)
@settings(max_examples=200, deadline=None)
def test_a_draft_of_any_shape_becomes_a_form_or_a_refusal(data: Any) -> None:
    base = form_to_dict(zhuzhou_form())
    for document in (data, {**base, "members": data}, {**base, "incomes": [data]}, {**base, "address": data}):
        try:
            form_from_dict(document if isinstance(document, dict) else {"value": document})
        except ValidationFailed as exc:
            one_sentence(exc)


@given(st.lists(hostile_text, min_size=1, max_size=6))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(texts=["夜里\x00常停电"])
@example(texts=["a\ud800b"])
@example(texts=["长" * 201])
@example(texts=["'; DROP TABLE applications; --", "𠮷😀\u202e", "第一行\n\t第二行"])
def test_submit_keeps_the_text_or_refuses(services: Services, clerk: Actor, texts: list[str]) -> None:
    """Submit with hostile text: saved exactly as cleaned, or refused with nothing written."""
    from intake_desk.services import audit

    form = _hostile_form(texts)
    # Names and the ID must be valid to get as far as the database; the free text stays hostile.
    form = replace(form, members=zhuzhou_form().members, declaration=zhuzhou_form().declaration)
    before = audit.verify(services.db).checked
    try:
        result = services.intake.submit(clerk, form, expected_open_application_ack=True)
    except ValidationFailed as exc:
        one_sentence(exc)
        assert audit.verify(services.db).checked == before
        return
    detail = services.applications.get(clerk, result.number)
    assert detail.address == form.address.strip()
    assert detail.special_note == form.special_note
    assert detail.notes == form.notes
    assert detail.incomes[0].note == form.incomes[0].note
    assert [m.note for m in detail.materials if m.code == form.materials[0].code] == [form.materials[0].note]
    assert audit.verify(services.db).ok


# -- drafts ---------------------------------------------------------------------------------------

@given(st.dictionaries(hostile_text, json_values, max_size=6))
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_drafts_keep_anything_exactly(services: Services, clerk: Actor, payload: dict[str, Any]) -> None:
    assume(all(not isinstance(v, float) or v == v for v in _leaves(payload)))  # NaN != NaN
    services.drafts.save(clerk, "intake", "", payload)
    assert services.drafts.load(clerk, "intake", "") == as_qt_holds_it(payload)


def as_qt_holds_it(value: Any) -> Any:
    """A high and a low surrogate side by side are one character in UTF-16 (and so in every Qt string);
    JSON cannot tell them apart either. Lone surrogates stay lone."""
    if isinstance(value, str):
        return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    if isinstance(value, dict):
        return {as_qt_holds_it(k): as_qt_holds_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_qt_holds_it(v) for v in value]
    return value


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for child in value.values() for leaf in _leaves(child)]
    if isinstance(value, list):
        return [leaf for child in value for leaf in _leaves(child)]
    return [value]


@pytest.mark.pg
@given(st.dictionaries(hostile_text, json_values, max_size=4))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_drafts_keep_anything_exactly_on_postgresql(pg_services: Services, payload: dict[str, Any]) -> None:
    assume(all(not isinstance(v, float) or v == v for v in _leaves(payload)))
    clerk = pg_services.accounts.authenticate("clerk1", "clerk1-pass-1")
    pg_services.drafts.save(clerk, "intake", "", payload)
    assert pg_services.drafts.load(clerk, "intake", "") == as_qt_holds_it(payload)


@pytest.mark.pg
@given(st.lists(hostile_text, min_size=1, max_size=6))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(texts=["夜里\x00常停电"])
@example(texts=["a\ud800b"])
@example(texts=["长" * 201])
@example(texts=["'; DROP TABLE applications; --", "𠮷😀\u202e", "第一行\n\t第二行"])
def test_submit_keeps_the_text_or_refuses_on_postgresql(pg_services: Services, texts: list[str]) -> None:
    """PostgreSQL refuses NUL in text and enforces column lengths: the service must refuse first."""
    from intake_desk.services import audit

    clerk = pg_services.accounts.authenticate("clerk1", "clerk1-pass-1")
    form = _hostile_form(texts)
    form = replace(form, members=zhuzhou_form().members, declaration=zhuzhou_form().declaration)
    try:
        result = pg_services.intake.submit(clerk, form, expected_open_application_ack=True)
    except ValidationFailed as exc:
        one_sentence(exc)
        return
    detail = pg_services.applications.get(clerk, result.number)
    assert detail.special_note == form.special_note and detail.notes == form.notes
    assert detail.incomes[0].note == form.incomes[0].note
    assert audit.verify(pg_services.db).ok


@pytest.fixture
def pg_services(pg_db: Any, clock: Any) -> Services:
    from tests.conftest import Role, add_user, make_services, setup_hall

    services = make_services(pg_db, clock)
    setup_hall(services)
    add_user(services, "clerk1", Role.CLERK, "王丽")
    return services
