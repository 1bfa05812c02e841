"""Background work: every database and file operation runs off the GUI thread through here.

Like Anki's ``CollectionOp``: ``run_in_background(parent, fn, on_success, on_failure)`` runs ``fn()``
on the thread pool, then calls ``on_success(result)`` or ``on_failure(error)`` on the GUI thread.
While it runs, the window that owns ``parent`` shows its busy indicator (if it has one). A failure
without its own handler is shown as one sentence – the error's ``.message`` – never a traceback;
the details go to the log file.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from typing import Any, Protocol, TypeVar, runtime_checkable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from intake_desk.services.errors import DatabaseBusy, DatabaseError, ServiceError, SignInRevoked
from intake_desk.ui.i18n import in_language

log = logging.getLogger(__name__)

T = TypeVar("T")

UNEXPECTED = ("发生意外错误，操作未完成；已填写的内容仍保留，详情已写入日志 / "
              "Something unexpected went wrong and the operation was not done; what you typed is kept "
              "and the details are in the log file")


@runtime_checkable
class BusyHost(Protocol):
    """A window that shows a busy indicator while background work runs."""

    def busy_started(self, label: str) -> None: ...

    def busy_finished(self) -> None: ...


@runtime_checkable
class ErrorHost(Protocol):
    """A window that shows an error sentence in its own way (a banner) instead of a message box."""

    def show_error(self, message: str) -> None: ...


@runtime_checkable
class SignInHost(Protocol):
    """The main window: told when the signed-in account was disabled or changed (services/signed_in.py)."""

    def sign_in_revoked(self, message: str) -> None: ...


def error_message(error: BaseException) -> str:
    """The one sentence a clerk sees for ``error`` (in the window's language)."""
    if isinstance(error, ServiceError):
        return in_language(error.message)
    if isinstance(error, DatabaseError):
        return in_language(str(error))
    return in_language(UNEXPECTED)


def _find_host(widget: QWidget | None, kind: type) -> Any:
    while widget is not None:
        if isinstance(widget, kind):
            return widget
        widget = widget.parentWidget()
    return None


def show_error(parent: QWidget | None, error: BaseException | str) -> None:
    """Show a failure without blocking: the nearest window's banner, else a window-modal message box."""
    message = error if isinstance(error, str) else error_message(error)
    host = _find_host(parent, ErrorHost)
    if host is not None:
        host.show_error(message)
        return
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("Worker", "社会救助窗口受理台"), message,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


class _Relay(QObject):
    """Lives on the GUI thread; the runnable's signals arrive here queued."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, operation: Operation) -> None:
        super().__init__()
        self.operation = operation
        self.succeeded.connect(self._on_success)
        self.failed.connect(self._on_failure)

    @Slot(object)
    def _on_success(self, result: object) -> None:
        self.operation._finish(result, None)

    @Slot(object)
    def _on_failure(self, error: object) -> None:
        assert isinstance(error, BaseException)
        self.operation._finish(None, error)


def _log_failure(name: str, exc: BaseException) -> None:
    if isinstance(exc, ServiceError | DatabaseError):
        log.info("%s refused: %s", name, exc)
    else:
        log.error("%s failed:\n%s", name, "".join(traceback.format_exception(exc)))


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay, name: str) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay
        self.name = name
        self.setAutoDelete(True)

    def run(self) -> None:
        started = time.perf_counter()
        try:
            result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - every failure is reported on the GUI thread
            _log_failure(self.name, exc)
            self._deliver(self.relay.failed, exc)
        else:
            log.debug("%s done in %.1f ms", self.name, (time.perf_counter() - started) * 1000)
            self._deliver(self.relay.succeeded, result)

    def _deliver(self, signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the program is closing and took the receiver with it
            log.info("%s finished after the window closed; result dropped", self.name)


_running: set[Operation] = set()


class Operation:
    """One piece of background work and its callbacks; kept alive until the callbacks have run."""

    def __init__(self, parent: QWidget | None, fn: Callable[[], Any],
                 on_success: Callable[[Any], None] | None, on_failure: Callable[[BaseException], None] | None,
                 *, busy: bool, label: str) -> None:
        self.parent = parent
        self.fn = fn
        self.on_success = on_success
        self.on_failure = on_failure
        self.label = label
        self.done = False
        self.error: BaseException | None = None
        self.result: Any = None
        self._relay = _Relay(self)
        self._busy_host = _find_host(parent, BusyHost) if busy else None

    def start(self, pool: QThreadPool) -> None:
        _running.add(self)
        if self._busy_host is not None:
            self._busy_host.busy_started(self.label)
        name = getattr(self.fn, "__qualname__", repr(self.fn))
        pool.start(_Runnable(self.fn, self._relay, name))

    def _finish(self, result: object, error: BaseException | None) -> None:
        self.done = True
        self.result, self.error = result, error
        _running.discard(self)
        if self._busy_host is not None and shiboken6.isValid(self._busy_host):
            self._busy_host.busy_finished()
        if self.parent is not None and not shiboken6.isValid(self.parent):
            log.info("%s finished after its window closed; result dropped", self.label or "operation")
            return
        try:
            if isinstance(error, SignInRevoked):
                # Whatever the page would do with a failure: the window returns to the sign-in.
                host = _find_host(self.parent, SignInHost)
                if host is not None:
                    host.sign_in_revoked(error_message(error))
                    return
            if error is None:
                if self.on_success is not None:
                    self.on_success(result)
            elif self.on_failure is not None:
                self.on_failure(error)
            else:
                show_error(self.parent, error)
        except Exception as exc:  # noqa: BLE001 - a failing callback must not kill the event loop
            log.error("callback of %s failed:\n%s", self.label, "".join(traceback.format_exception(exc)))
            show_error(self.parent, exc)


_pool: QThreadPool | None = None


def pool() -> QThreadPool:
    """The program's own pool (kept apart from Qt's global one, at most 4 threads)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(4)
        _pool.setExpiryTimeout(60_000)
    return _pool


def run_in_background(parent: QWidget | None, fn: Callable[[], T],
                      on_success: Callable[[T], None] | None = None,
                      on_failure: Callable[[BaseException], None] | None = None,
                      *, busy: bool = True, label: str = "") -> Operation:
    """Run ``fn()`` off the GUI thread; the callbacks run on the GUI thread afterwards."""
    operation = Operation(parent, fn, on_success, on_failure, busy=busy, label=label)
    operation.start(pool())
    return operation


def run_here_first(parent: QWidget | None, now: Callable[[], T], later: Callable[[], T],
                   on_success: Callable[[T], None] | None = None,
                   on_failure: Callable[[BaseException], None] | None = None, *, label: str = "") -> Operation:
    """Run ``now()`` on the GUI thread; only when it raises ``DatabaseBusy`` (it would have had to wait
    for another writer, and has written nothing) run ``later()`` in the background instead.

    For a short write to the local SQLite file: a few milliseconds of work cost less on the GUI thread
    than handing them to a worker thread and the result back (each hand-off of the interpreter lock
    between the two threads can wait out its switch interval, 5 ms). ``now`` must not wait for anything
    (``wait=False`` on the database); the callbacks are those of :func:`run_in_background` and have run
    when this returns, unless the work went to the background.
    """
    operation = Operation(parent, now, on_success, on_failure, busy=False, label=label)
    try:
        result = now()
    except DatabaseBusy:
        log.info("%s: the database is being written by another connection; waiting for it in the background",
                 label)
        return run_in_background(parent, later, on_success, on_failure, label=label)
    except Exception as exc:  # noqa: BLE001 - reported through on_failure, as from the background
        _log_failure(label, exc)
        operation._finish(None, exc)
    else:
        operation._finish(result, None)
    return operation


def running() -> int:
    """How many operations have not called back yet (tests wait for zero)."""
    return len(_running)


def wait_all(timeout_ms: int = 10_000) -> bool:
    """Block until the pool is idle (shutdown, tests); queued callbacks still need the event loop."""
    return pool().waitForDone(timeout_ms)


def run_and_wait(fn: Callable[[], T], *, timeout_ms: int = 120_000) -> T:
    """Run ``fn()`` off the GUI thread while the event loop keeps the screen alive; return its result.

    For the few steps before any window exists (start-up checks); raises what ``fn`` raised.
    """
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    operation = run_in_background(None, fn, lambda _r: loop.quit(), lambda _e: loop.quit(), busy=False,
                                  label="start-up")
    if not operation.done:
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
    if not operation.done:
        raise TimeoutError("background start-up step did not finish")
    if operation.error is not None:
        raise operation.error
    return operation.result  # type: ignore[no-any-return]
