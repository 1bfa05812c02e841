"""Files that hold personal data are owner-only from their first byte.

The database, its WAL and shared-memory files, backups, exports, logs and drafts are created with
mode 0600 (folders 0700) by ``os.open`` itself – never written first and ``chmod``-ed afterwards,
which leaves a moment in which another account of the computer can open the file. The program also
sets its umask to 077 at start (:func:`restrict_umask`), so files made by libraries (SQLite's
journals, Qt's caches) follow. On Windows the modes mean little: the per-user data folder's ACL is
what keeps other accounts out.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

__all__ = [
    "PRIVATE_DIR",
    "PRIVATE_FILE",
    "create_private",
    "create_private_sqlite",
    "private_dir",
    "private_temporary",
    "restrict_umask",
]

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
_BINARY = getattr(os, "O_BINARY", 0)


def restrict_umask() -> None:
    """Every file the process creates from now on is owner-only (POSIX)."""
    if os.name == "posix":
        os.umask(0o077)


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) as 0700 folders; an existing folder is left as it is."""
    path = Path(path)
    missing: list[Path] = []
    current = path
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            pass
    return path


def create_private(path: Path, *, exclusive: bool = True) -> BinaryIO:
    """Open ``path`` for writing, created 0600 (``exclusive``: refuse an existing file)."""
    flags = os.O_WRONLY | os.O_CREAT | _BINARY | (os.O_EXCL if exclusive else os.O_TRUNC)
    fd = os.open(path, flags, PRIVATE_FILE)
    return os.fdopen(fd, "wb")


@contextmanager
def private_temporary(target: Path) -> Iterator[Path]:
    """A new 0600 file beside ``target`` (same folder, so the final rename is atomic); removed on error.

    The caller writes it and moves it into place with ``os.replace`` when the content is complete.
    """
    target = Path(target)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.part")
    create_private(temporary).close()
    try:
        yield temporary
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    else:
        temporary.unlink(missing_ok=True)  # already moved into place, unless the caller chose not to


def create_private_sqlite(path: Path) -> bool:
    """Create an empty SQLite database (in WAL mode) at ``path`` owner-only; False when it exists.

    The file is made under a temporary name and linked into place, so nobody ever sees a 0-byte file
    at ``path`` – which is how a damaged (truncated) database is told from a new one. SQLite creates
    the ``-wal`` and ``-shm`` files with the database file's own permissions.
    """
    path = Path(path)
    if path.exists():
        return False
    private_dir(path.parent)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.new")
    create_private(temporary).close()
    try:
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode=WAL")  # writes the header: the file is a database
        finally:
            connection.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{temporary}{suffix}").unlink(missing_ok=True)
        try:
            os.link(temporary, path)  # fails if another process created it meanwhile
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links
            if path.exists():
                return False
            os.replace(temporary, path)
        return True
    finally:
        temporary.unlink(missing_ok=True)
