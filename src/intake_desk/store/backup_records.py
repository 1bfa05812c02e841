"""Which database a backup was taken of, recorded beside the backup when it is written.

A damaged database is only ever offered a backup recorded as a backup *of that database*: another
hall's database, a test copy or a demo file in the same folder is never named, however new it is.
The record is a small JSON file next to the backup (``<backup>.origin.json``): the damaged database
itself cannot be read to ask it, and a record inside the backup would travel into the restored file.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from intake_desk.files import create_private

__all__ = ["record_backup", "recorded_source"]

SUFFIX = ".origin.json"


def _record_path(backup: Path) -> Path:
    return backup.with_name(backup.name + SUFFIX)


def record_backup(backup: Path, database: Path) -> None:
    """Note that ``backup`` is a copy of ``database``, taken now."""
    record = _record_path(backup)
    record.unlink(missing_ok=True)
    with create_private(record) as handle:
        handle.write(json.dumps({"database": str(Path(database).resolve()),
                                 "taken_at": datetime.now(UTC).isoformat(timespec="seconds")},
                                ensure_ascii=False).encode("utf-8"))


def recorded_source(backup: Path) -> Path | None:
    """The database ``backup`` was recorded as a copy of (None without a readable record)."""
    try:
        data = json.loads(_record_path(backup).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    source = data.get("database") if isinstance(data, dict) else None
    return Path(source) if isinstance(source, str) else None
