"""The database's errors, each one sentence for the clerk (Chinese then English).

A module of its own, without SQLAlchemy, so the window can name a database problem (and the sign-in
window can open) before the database code has loaded.
"""

from __future__ import annotations


class DatabaseError(Exception):
    """A database problem described in one sentence, Chinese then English."""


class DatabaseUnavailable(DatabaseError):
    """The database cannot be reached now (server down, network lost, file gone)."""


class DatabaseServerFull(DatabaseUnavailable):
    """The server answers but has no free connection (``max_connections`` or a ``CONNECTION LIMIT``)."""


class DatabaseBusy(DatabaseError):
    """A transaction asked not to wait found the database's write lock taken (another program or
    connection writing a SQLite file): nothing was begun or written; the same call may wait for it."""
