"""Opening the window's database connection ahead of the clerk's submit.

A window lets go of its server connection after a minute without work (``store/pool.py``), so a
submit after a pause would first open a new connection – TCP, authentication and a new server process
with nothing cached – while the clerk waits. Instead the intake page asks the store to open it in the
background when the clerk begins an intake (the page shown, a change to the form: at most every
``BEGIN_EVERY_S``) and again when the clerk reaches the review step, seconds before the submit
(``imminent``). While the server has room the connection is then kept as after any work; while it is
more than half full nothing is opened ahead (``Database.warm_up``). Nothing waits for it and a
failure is only logged: the submit itself says what is wrong.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from intake_desk.services.context import Services
from intake_desk.ui.worker import run_in_background

log = logging.getLogger(__name__)

#: At most this often for the start of work (each change to the form asks again).
BEGIN_EVERY_S = 20.0
#: At most this often for the review step (the clerk may go back and forth).
IMMINENT_EVERY_S = 5.0


class ConnectionWarmer(QObject):
    """Asks ``services.db.warm_up`` off the GUI thread, one request at a time."""

    def __init__(self, services: Services, owner: QWidget) -> None:
        super().__init__(owner)
        self.services = services
        self.owner = owner
        self._running = False
        self._last = {False: float("-inf"), True: float("-inf")}
        self.requests = 0  # how many were sent (tests)

    def begin(self) -> None:
        """The clerk began or goes on with an intake."""
        self._request(imminent=False)

    def imminent(self) -> None:
        """The clerk reached the review step: the submit is seconds away."""
        self._request(imminent=True)

    def _request(self, *, imminent: bool) -> None:
        db = self.services.db
        if db.is_sqlite or self._running:
            return
        now = time.monotonic()
        if now - self._last[imminent] < (IMMINENT_EVERY_S if imminent else BEGIN_EVERY_S):
            return
        self._last[imminent] = now
        self._running = True
        self.requests += 1
        run_in_background(self.owner, db.warm_up, self._done, self._failed,
                          busy=False, label="warm-up")

    def _done(self, _held: bool) -> None:
        self._running = False

    def _failed(self, error: BaseException) -> None:
        self._running = False
        log.info("opening the database connection ahead failed: %s", type(error).__name__)
