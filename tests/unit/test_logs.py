"""Logs never hold full resident IDs, incomes, mobile numbers or passwords (PIPL; DOMAIN.md)."""

from __future__ import annotations

import ast
import io
import logging
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from intake_desk.domain.money import InvalidMoney, parse_money_fen
from intake_desk.domain.resident_id import make_resident_id
from intake_desk.logs import MaskingFilter, MaskingFormatter, mask_sensitive
from intake_desk.store.db import Database
from intake_desk.store.models import Person

RID = make_resident_id("430202", date(1958, 3, 7), 123)  # 430202195803071234-like
RID_X = make_resident_id("110101", date(1990, 1, 1), 2)
SRC = Path(__file__).resolve().parents[2] / "src" / "intake_desk"


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """A handler like the program's own file handler, on the root logger."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(MaskingFilter())
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield stream
    root.removeHandler(handler)
    root.setLevel(previous)


def test_ids_are_masked_first_six_last_four() -> None:
    assert mask_sensitive(f"found {RID}.") == f"found {RID[:6]}********{RID[-4:]}."
    assert RID_X[:6] + "********" + RID_X[-4:] in mask_sensitive(f"id={RID_X.lower()}")
    assert mask_sensitive("old card 430202580307123") == "old card 430202*****7123"
    assert mask_sensitive("call 13812345678") == "call 138****5678"


@pytest.mark.parametrize("line, secret", [
    ("income_fen=180000", "180000"),
    ('{"amount": "1,800.50", "member": 0}', "1,800.50"),
    ("wages 1800.50 per month", "1800.50"),
    ("declared ¥ 23,400 in a year", "23,400"),
    ("存款 3.5万", "3.5"),
    ("月收入 1800元", "1800"),
    ("monthly: 2400", "2400"),
    ("金额超过上限：“2000000000” / The amount is above the limit: '2000000000'", "2000000000"),
    ("postgresql+psycopg://clerk:s3cret-pw@db.hall.local:5432/intake", "s3cret-pw"),
    ("password='hunter2-long'", "hunter2-long"),
])
def test_money_and_passwords_are_masked(line: str, secret: str) -> None:
    masked = mask_sensitive(line)
    assert secret not in masked and "***" in masked


@pytest.mark.parametrize("line", [
    "2026-11-22 15:31:02,123 INFO intake_desk.store.migrate: database upgraded from None to 0f66de2a",
    "submit done in 12.3 ms",
    "锁定 15 分钟 / locked for 15 minutes",
    "receipt HT01-20261122-0007 printed, copy 2",
    "event #1234 broken",
])
def test_ordinary_lines_are_left_alone(line: str) -> None:
    assert mask_sensitive(line) == line


def test_a_traceback_is_masked_too(captured: io.StringIO) -> None:
    log = logging.getLogger("intake_desk.test")
    try:
        raise ValueError(f"person {RID} declared income_fen=987654")
    except ValueError:
        log.exception("submitting for %s failed", RID)
    out = captured.getvalue()
    assert "Traceback" in out and RID not in out and "987654" not in out
    assert out.count(RID[:6] + "********" + RID[-4:]) == 2


def test_a_refused_amount_is_not_logged(captured: io.StringIO) -> None:
    with pytest.raises(InvalidMoney) as info:
        parse_money_fen("2000000000")
    logging.getLogger("intake_desk.ui.worker").info("%s refused: %s", "submit", info.value)
    assert "2000000000" not in captured.getvalue()
    with pytest.raises(InvalidMoney) as decimals:
        parse_money_fen("1800.555")
    logging.getLogger("intake_desk.ui.worker").info("%s refused: %s", "submit", decimals.value)
    assert "1800.555" not in captured.getvalue() and "1800" not in captured.getvalue()


def test_database_errors_carry_no_parameters(db: Database, captured: io.StringIO) -> None:
    """A failed INSERT of a person: the error (and so the log) has neither the ID nor the name."""
    from sqlalchemy.exc import IntegrityError

    def add() -> None:
        with db.transaction() as session:
            session.add(Person(resident_id=RID, name="张𠮷", sex="male", birth_date=date(1958, 3, 7),
                               phone="13812345678"))

    add()
    with pytest.raises(IntegrityError) as info:
        add()
    assert RID not in str(info.value) and "13812345678" not in str(info.value)
    logging.getLogger("intake_desk.test").error("save failed", exc_info=info.value)
    out = captured.getvalue()
    assert "IntegrityError" in out and RID not in out and "张𠮷" not in out


def test_the_configured_file_log_masks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from intake_desk import logs

    monkeypatch.setenv("INTAKE_DESK_HOME", str(tmp_path))
    monkeypatch.setattr(logs, "_configured", None)
    root = logging.getLogger()
    before = list(root.handlers)
    path = logs.configure()
    try:
        logging.getLogger("intake_desk.test").warning("looked up %s with income_fen=%d", RID, 123456)
        for handler in root.handlers:
            handler.flush()
        text = path.read_text(encoding="utf-8")
        assert "looked up" in text and RID not in text and "123456" not in text
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()


_SENSITIVE_NAMES = ("password", "resident_id", "income", "amount", "phone", "secret")


def _logging_calls(tree: ast.AST) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("debug", "info", "warning", "error", "exception", "critical")
                and isinstance(node.func.value, ast.Name) and node.func.value.id in ("log", "logger", "logging")):
            yield node


def test_no_log_call_passes_a_sensitive_value() -> None:
    """Static check of the whole program: nothing named like a secret or personal figure is logged."""
    offences: list[str] = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in _logging_calls(tree):
            for argument in [*call.args[1:], *(k.value for k in call.keywords)]:
                for name in ast.walk(argument):
                    ident = name.id if isinstance(name, ast.Name) else name.attr if isinstance(name, ast.Attribute) else ""
                    if any(word in ident.lower() for word in _SENSITIVE_NAMES):
                        offences.append(f"{path.relative_to(SRC)}:{call.lineno} logs {ident}")
    assert offences == []
