"""Autosave of the intake being typed: to a file on this computer and to the shared database.

The file copy is what brings the form back after a crash while the database cannot be reached;
the database copy follows the clerk to another desk. Both hold exactly the same payload, stamped
with the time it was taken, and the newer one wins when the page opens. All file and database work
runs in the background; at most one save is in flight, and a change made meanwhile is saved right
after it.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from intake_desk import paths
from intake_desk.files import create_private, private_dir
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.drafts import decode_payload, encode_payload
from intake_desk.services.errors import DatabaseError, DatabaseServerFull, ServiceError
from intake_desk.ui.worker import run_in_background

log = logging.getLogger(__name__)

KIND = "intake"
SAVE_DELAY_MS = 800
FULL_RETRY_MS = 5000


def local_draft_path(actor: Actor) -> Path:
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", actor.username) or "user"
    return paths.data_dir() / "drafts" / f"{safe}-{KIND}.json"


def _write_local(path: Path, payload: dict[str, Any]) -> None:
    private_dir(path.parent)
    temporary = path.with_suffix(".tmp")
    temporary.unlink(missing_ok=True)  # left by a crash: the new one is created owner-only
    with create_private(temporary) as handle:
        handle.write(encode_payload(payload).encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _read_local(path: Path) -> dict[str, Any] | None:
    try:
        return decode_payload(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, RecursionError):
        log.warning("local draft %s could not be read", path)
        return None


def saved_at(payload: dict[str, Any]) -> float:
    value = payload.get("saved_at", 0)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


class DraftKeeper(QObject):
    status_changed = Signal(str, bool)
    """(where the draft was saved: "database" | "local" | "full" | "", whether the database has it).

    "full": the server answered that it has no free connection; the draft is on this computer and the
    database copy is tried again after ``FULL_RETRY_MS``."""

    def __init__(self, services: Services, actor: Actor, owner: QWidget) -> None:
        super().__init__(owner)
        self.services = services
        self.actor = actor
        self.owner = owner
        self.path = local_draft_path(actor)
        self._payload: dict[str, Any] | None = None
        self._in_flight = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.last_saved_at: float | None = None
        self.in_database = False
        # File and database writes of one keeper happen one at a time, and a save taken before
        # a discard never lands after it.
        self._lock = threading.Lock()
        self._generation = 0
        self._discard_waiting = False

    # -- saving ----------------------------------------------------------------------------------
    def schedule(self, payload: dict[str, Any]) -> None:
        """Save ``payload`` shortly (the latest payload wins)."""
        self._payload = dict(payload, saved_at=time.time())
        self._timer.start(SAVE_DELAY_MS)

    @property
    def pending(self) -> bool:
        return self._payload is not None or self._in_flight or self._discard_waiting

    def flush(self) -> None:
        self._timer.stop()
        if self._in_flight or self._payload is None:
            return
        payload, self._payload = self._payload, None
        self._in_flight = True
        path, drafts, actor = self.path, self.services.drafts, self.actor
        generation = self._generation

        def save() -> str:
            with self._lock:
                if generation != self._generation:
                    return ""
                _write_local(path, payload)
                try:
                    drafts.save(actor, KIND, "", payload)
                except DatabaseServerFull:
                    log.info("draft kept on this computer: the server has no free connection")
                    return "full"
                except (ServiceError, DatabaseError) as exc:
                    log.info("draft kept on this computer only: %s", type(exc).__name__)
                    return "local"
                return "database"

        run_in_background(self.owner, save, lambda where: self._saved(payload, where, generation), self._failed,
                          busy=False, label="autosave")

    def _saved(self, payload: dict[str, Any], where: str, generation: int) -> None:
        self._in_flight = False
        if not where:  # discarded meanwhile
            where = "local"
        self.last_saved_at = float(payload["saved_at"])
        self.in_database = where == "database"
        self.status_changed.emit(where, self.in_database)
        if self._payload is not None:
            self.flush()
        elif where == "full" and generation == self._generation:
            # The server is full, not gone: the same draft goes to the database once a slot frees up.
            self._payload = payload
            self._timer.start(FULL_RETRY_MS)

    def _failed(self, error: BaseException) -> None:
        self._in_flight = False
        log.error("draft could not be saved at all: %s", error)
        self.status_changed.emit("", False)
        if self._payload is not None:
            self._timer.start(SAVE_DELAY_MS)

    # -- loading and discarding ------------------------------------------------------------------
    def load(self, on_loaded: Any, *, check: Any = None, on_set_aside: Any = None) -> None:
        """Call ``on_loaded(payload or None)`` with the newer of the local and the database draft.

        ``check(payload)`` raises ``ValueError``/``TypeError`` for a draft the form cannot hold (wrong
        types in a damaged or hand-edited file). Such a draft is set aside – the file renamed, the
        database copy moved to another key, both kept for the administrator – ``on_set_aside(sentence)``
        is called, and ``on_loaded(None)`` opens a clean form.
        """
        path, drafts, actor = self.path, self.services.drafts, self.actor

        def read() -> tuple[dict[str, Any] | None, str]:
            local = _read_local(path)
            try:
                stored = drafts.load(actor, KIND, "")
            except (ServiceError, DatabaseError):
                stored = None
            candidates = [(p, where) for p, where in ((local, "local"), (stored, "database")) if p]
            if not candidates:
                return None, ""
            newest, where = max(candidates, key=lambda c: saved_at(c[0]))
            if newest.get("discarded"):
                return None, ""
            if check is not None:
                try:
                    check(newest)
                except (ValueError, TypeError, RecursionError) as exc:
                    log.warning("draft set aside (%s copy): %s", where, exc)
                    return None, self._set_aside(newest, where)
            return newest, ""

        def loaded(result: tuple[dict[str, Any] | None, str]) -> None:
            payload, set_aside = result
            if set_aside and on_set_aside is not None:
                on_set_aside(set_aside)
            on_loaded(payload)

        run_in_background(self.owner, read, loaded, lambda _e: on_loaded(None), busy=False, label="load draft")

    def _set_aside(self, payload: dict[str, Any], where: str) -> str:
        """Keep an unreadable draft out of the way (never deleted); returns the sentence for the clerk."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        kept = ""
        if where == "local":
            kept_path = self.path.with_name(f"{self.path.stem}.unreadable-{stamp}.json")
            try:
                os.replace(self.path, kept_path)
                kept = kept_path.name  # in the drafts folder beside it
            except OSError as exc:
                log.error("draft file could not be set aside: %s", exc.strerror)
        else:
            key = f"unreadable-{stamp}"
            try:
                self.services.drafts.save(self.actor, KIND, key, payload)
                self.services.drafts.discard(self.actor, KIND, "")
                kept = f"{KIND}/{key}"
            except (ServiceError, DatabaseError) as exc:
                log.error("database draft could not be set aside: %s", type(exc).__name__)
        # The other copy is older than the unreadable one: a clean form now and at the next start.
        _write_local(self.path, {"discarded": True, "saved_at": time.time()})
        kept_zh = f"，原草稿已另存为 {kept}" if kept else ""
        kept_en = f"; it was kept as {kept}" if kept else ""
        return (f"上次的草稿内容已损坏，无法恢复{kept_zh}；已打开空白表单 / The last draft was damaged and could not "
                f"be restored{kept_en}; a clean form is open")

    def discard(self, *, after_events: bool = False) -> None:
        """Forget the draft (after a successful submit, or when the clerk starts over).

        ``after_events``: the file and the database row go once the events already waiting (the
        receipt's paint) have been handled; nothing pending is saved meanwhile."""
        self._timer.stop()
        self._payload = None
        self._generation += 1
        path, drafts, actor = self.path, self.services.drafts, self.actor
        # A marker newer than any copy, so a database copy that cannot be deleted now stays ignored.
        marker = {"discarded": True, "saved_at": time.time()}

        def remove() -> None:
            with self._lock:
                _write_local(path, marker)
                try:
                    drafts.discard(actor, KIND, "")
                except (ServiceError, DatabaseError):
                    log.info("database draft not discarded (database unavailable)")

        def start() -> None:
            self._discard_waiting = False
            run_in_background(self.owner, remove, lambda _r: self.status_changed.emit("", False), busy=False,
                              label="discard draft")

        if after_events:
            self._discard_waiting = True
            QTimer.singleShot(0, self, start)
        else:
            start()

