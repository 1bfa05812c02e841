"""Logging to a rotating file in the data folder. Resident ID numbers never reach the log in full."""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

from intake_desk import paths

_ID_PATTERN = re.compile(r"(?<!\d)(\d{6})(\d{8})(\d{3}[\dXx])(?!\d)")


def mask_ids(text: str) -> str:
    """Mask anything shaped like an 18-character resident ID: first 6 and last 4 stay."""
    return _ID_PATTERN.sub(lambda m: m.group(1) + "********" + m.group(3)[-4:], text)


class MaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_ids(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


_configured: Path | None = None


def configure(level: int = logging.INFO) -> Path:
    """Send the program's log to ``<data>/logs/intake-desk.log`` (1 MB × 5 files); returns the path."""
    global _configured
    if _configured is not None:
        return _configured
    path = paths.log_dir() / "intake-desk.log"
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(MaskingFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    _configured = path
    return path
