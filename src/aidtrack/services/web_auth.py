"""API tokens for writes through the web API: created once, stored as a SHA-256 hash.

>>> token = create_token("alice", store=store)     # doctest: +SKIP
>>> verify_token(token, store=store)               # doctest: +SKIP
'alice'
"""

from __future__ import annotations

import hashlib
import re
import secrets

from aidtrack.db import Store
from aidtrack.errors import AuthError, NotFoundError, ValidationError

_NAME = re.compile(r"^[A-Za-z0-9_.@-]{1,100}$")
PREFIX = "aidt_"


def hash_token(token: str) -> str:
    """The stored form of a token (hex SHA-256); the token itself is never stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(name: str, *, store: Store) -> str:
    """A new random token for ``name``; returned once, only its hash is kept."""
    if not _NAME.match(name or ""):
        raise ValidationError(
            f'Token name "{name}" is not allowed; use 1-100 letters, digits, ".", "_", "-" or "@".'
        )
    token = PREFIX + secrets.token_urlsafe(32)
    store.add_token(name=name, token_hash=hash_token(token))
    return token


def verify_token(token: str | None, *, store: Store) -> str:
    """The name a valid, unrevoked token was created for; raises AuthError otherwise."""
    if not token:
        raise AuthError(
            "This request changes the ledger and needs a token: send 'Authorization: Bearer <token>' "
            "(create one with `aidtrack token create NAME`)."
        )
    name = store.token_name(hash_token(token.strip()))
    if name is None:
        raise AuthError("The token is unknown or revoked; create a new one with `aidtrack token create NAME`.")
    return name


def revoke_token(name: str, *, store: Store) -> int:
    """Revoke every active token of ``name``; returns how many."""
    count = store.revoke_token(name)
    if count == 0:
        raise NotFoundError(f'No active token named "{name}"; nothing was revoked.')
    return count
