"""Errors a service raises: each carries one sentence for the clerk, Chinese then English."""

from __future__ import annotations

from intake_desk.store.errors import DatabaseBusy, DatabaseError, DatabaseServerFull, DatabaseUnavailable

__all__ = [
    "ServiceError", "PermissionDenied", "NotFound", "ConflictError", "ValidationFailed",
    "InvalidTransition", "AuthenticationFailed", "SignInRevoked", "AccountLocked", "DatabaseError",
    "DatabaseUnavailable", "DatabaseServerFull", "DatabaseBusy",
]


class ServiceError(Exception):
    """A refusal the user can understand and act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PermissionDenied(ServiceError):
    """The signed-in role may not do this."""


class NotFound(ServiceError):
    pass


class ConflictError(ServiceError):
    """Somebody else saved the same record first (version columns); reload before saving again."""

    def __init__(self, message: str, *, changed_by: str = "", current_version: int | None = None) -> None:
        super().__init__(message)
        self.changed_by = changed_by
        self.current_version = current_version


class ValidationFailed(ServiceError):
    """Input refused; ``fields`` maps a field path to its reason."""

    def __init__(self, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.fields = dict(fields or {})


class InvalidTransition(ServiceError):
    """A referral or application cannot move from its state to the one asked for."""


class AuthenticationFailed(ServiceError):
    pass


class SignInRevoked(AuthenticationFailed):
    """The account was disabled, changed or its password reset since this sign-in: sign in again."""


class AccountLocked(AuthenticationFailed):
    pass
