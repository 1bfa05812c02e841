"""Logging to a rotating file in the data folder.

Personal information never reaches the log: every line – message, arguments and any traceback – goes
through :func:`mask_sensitive`, which masks resident ID numbers (first 6 and last 4 kept), mobile
numbers, amounts of money (incomes, assets) and passwords in database addresses. Amounts are
recognised by their shape (``¥1,800``, ``1800.50``, ``1800元``, ``1.5万``), by the name they are logged
under (``income_fen=180000``, ``"amount": "1800"``) and inside the quotes that validators put around
what was typed (“18000”).
"""

from __future__ import annotations

import logging
import os
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

from intake_desk import paths
from intake_desk.files import PRIVATE_FILE

__all__ = ["ChatterFilter", "MaskingFilter", "MaskingFormatter", "configure", "mask_ids", "mask_sensitive"]

MASK = "***"

# 18 characters (17 digits and a digit or X) or an old 15-digit number, not inside a longer digit run.
_ID_18 = re.compile(r"(?<![0-9])([0-9]{6})([0-9]{8})([0-9]{3}[0-9Xx])(?![0-9A-Za-z])")
_ID_15 = re.compile(r"(?<![0-9])([0-9]{6})([0-9]{5})([0-9]{4})(?![0-9])")
_MOBILE = re.compile(r"(?<![0-9])(1[3-9][0-9])([0-9]{4})([0-9]{4})(?![0-9])")
_NUMBER = r"[0-9][0-9,，]*(?:\.[0-9]+)?"
_MONEY = [
    re.compile(rf"(?:[¥￥]|RMB|CNY)\s*{_NUMBER}", re.IGNORECASE),
    re.compile(rf"(?<![0-9A-Za-z_.:]){_NUMBER}\s*(?:元|万|yuan\b|fen\b|分(?!钟))", re.IGNORECASE),
    re.compile(r"(?<![0-9A-Za-z_.:])[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![0-9])"),  # 1,800 or 1,800.50
    re.compile(r"(?<![0-9A-Za-z_.:])[0-9]+\.[0-9]{2}(?![0-9])"),  # 1800.50
]
# A value logged under a money-like name: income_fen=180000, "amount": "1,800", monthly: 1800
_MONEY_FIELD = re.compile(
    r"""(?P<key>["']?\b\w*(?:fen|amount|income|salary|wage|yuan|money|monthly|deposit|asset)\w*\b["']?"""
    r"""\s*[:=]\s*["']?)(?P<value>-?[0-9][0-9,.，]*)""",
    re.IGNORECASE,
)
# What a validator quotes back from the typed text: digits inside “…” or '…' are masked.
_QUOTED = re.compile(r"“[^”\n]{0,200}”|'[^'\n]{0,200}'|\"[^\"\n]{0,200}\"")
_DIGIT_RUN = re.compile(r"[0-9][0-9,.，]{2,}")
# A password inside a database address: postgresql://user:secret@host → postgresql://user:***@host
_URL_PASSWORD = re.compile(r"(://[^:/@\s]*:)[^@\s]+(@)")
_PASSWORD_FIELD = re.compile(r"""(\bpassword\b["']?\s*[:=]\s*["']?)[^\s"',)}]+""", re.IGNORECASE)


def mask_ids(text: str) -> str:
    """Mask anything shaped like a resident ID (18 or 15 characters): first 6 and last 4 stay."""
    text = _ID_18.sub(lambda m: m.group(1) + "********" + m.group(3)[-4:], text)
    return _ID_15.sub(lambda m: m.group(1) + "*****" + m.group(3), text)


def mask_sensitive(text: str) -> str:
    """``text`` with resident IDs, mobile numbers, amounts of money and passwords masked."""
    text = mask_ids(text)
    text = _MOBILE.sub(lambda m: m.group(1) + "****" + m.group(3), text)
    text = _URL_PASSWORD.sub(rf"\1{MASK}\2", text)
    text = _PASSWORD_FIELD.sub(rf"\1{MASK}", text)
    text = _MONEY_FIELD.sub(lambda m: m.group("key") + MASK, text)
    for pattern in _MONEY:
        text = pattern.sub(MASK, text)
    return _QUOTED.sub(lambda m: _DIGIT_RUN.sub(MASK, m.group(0)), text)


class MaskingFilter(logging.Filter):
    """Masks a record's message (for handlers that do not use :class:`MaskingFormatter`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_sensitive(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class MaskingFormatter(logging.Formatter):
    """Masks the whole formatted line, including tracebacks and stack information."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_sensitive(super().format(record))


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log whose files (the first and each one after a rotation) are created 0600."""

    def _open(self):  # type: ignore[no-untyped-def]  # the base class leaves it untyped
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
        fd = os.open(self.baseFilename, flags, PRIVATE_FILE)
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


_configured: Path | None = None

# Alembic announces every plugin it sets up and the DDL mode of every connection it opens: lines that
# say nothing about this program's work (they were two thirds of a fresh log). Its "Running upgrade"
# lines stay.
_CHATTER_LOGGERS = ("alembic.runtime.plugins",)
_CHATTER_PREFIXES = ("Context impl ", "Will assume ")


class ChatterFilter(logging.Filter):
    """Drops Alembic's per-connection announcements."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith(_CHATTER_LOGGERS):
            return record.levelno >= logging.WARNING
        if record.name == "alembic.runtime.migration" and record.levelno < logging.WARNING:
            return not str(record.msg).startswith(_CHATTER_PREFIXES)
        return True


def configure(level: int = logging.INFO) -> Path:
    """Send the program's log to ``<data>/logs/intake-desk.log`` (1 MB × 5 files); returns the path."""
    global _configured
    if _configured is not None:
        return _configured
    path = paths.log_dir() / "intake-desk.log"
    handler = PrivateRotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(ChatterFilter())
    handler.addFilter(MaskingFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    _configured = path
    return path
