"""Where the program finds its shipped files and keeps its own.

In a wheel, ``migrations/`` and ``resources/`` are packed inside the package; in a source checkout
(editable install, tests) they sit at the top of the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from intake_desk.files import private_dir

_PACKAGE_DIR = Path(__file__).resolve().parent
APP_NAME = "intake-desk"


def _shipped(name: str) -> Path:
    inside = _PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent.parent / name


def resources_dir() -> Path:
    """The shipped ``resources/`` folder (policy packs, examples, translations, icons)."""
    return _shipped("resources")


def migrations_dir() -> Path:
    """The shipped Alembic environment."""
    return _shipped("migrations")


def data_dir() -> Path:
    """The per-user data folder (default database, backups, drafts); ``INTAKE_DESK_HOME`` overrides it."""
    override = os.environ.get("INTAKE_DESK_HOME")
    path = Path(override) / "data" if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return private_dir(path)


def config_dir() -> Path:
    """The per-user settings folder (never holds a secret); ``INTAKE_DESK_HOME`` overrides it."""
    override = os.environ.get("INTAKE_DESK_HOME")
    path = Path(override) / "config" if override else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    return private_dir(path)


def log_dir() -> Path:
    return private_dir(data_dir() / "logs")
