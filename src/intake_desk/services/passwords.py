"""Password hashing with scrypt (memory-hard, standard library) and the password rules."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

_N, _R, _P = 2**14, 8, 1
_PREFIX = "scrypt"


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return "$".join([_PREFIX, str(_N), str(_R), str(_P),
                     base64.b64encode(salt).decode(), base64.b64encode(digest).decode()])


def verify_password(password: str, stored: str) -> bool:
    try:
        prefix, n, r, p, salt_b64, digest_b64 = stored.split("$")
    except ValueError:
        return False
    if prefix != _PREFIX:
        return False
    digest = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt_b64), n=int(n), r=int(r),
                            p=int(p), dklen=len(base64.b64decode(digest_b64)))
    return hmac.compare_digest(digest, base64.b64decode(digest_b64))


def password_problem(password: str, username: str, minimum_length: int) -> str | None:
    """Why a new password is refused, or None when it is acceptable."""
    if len(password) < minimum_length:
        return f"密码至少 {minimum_length} 位 / A password needs at least {minimum_length} characters"
    if password.strip().lower() == username.strip().lower():
        return "密码不能与用户名相同 / The password may not be the user name"
    if password.strip() != password:
        return "密码首尾不能有空格 / The password may not start or end with a space"
    return None
