"""API tokens for writes through the web API: created once, stored as a SHA-256 hash.

    token = create_token("alice", store=store)
    verify_token(token, store=store)
'alice'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets

from aidtrack.db import Store
from aidtrack.db.rows import TokenRow
from aidtrack.errors import AuthError, NotFoundError, ValidationError

_NAME = re.compile(r"^[A-Za-z0-9_.@-]{1,100}$")
PREFIX = "aidt_"


def hash_token(token: str) -> str:
    """The stored form of a token (hex SHA-256); the token itself is never stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(name: str, *, store: Store, days: float | None = None, by: str | None = None) -> str:
    """A new random token for ``name``, valid for ``days`` (default: until revoked); returned once,
    only its hash is kept. The creation is audited."""
    if not _NAME.match(name or ""):
        raise ValidationError(
            f'Token name "{name}" is not allowed; use 1-100 letters, digits, ".", "_", "-" or "@".'
        )
    if days is not None and not 0 < days <= 36500:
        raise ValidationError(f"Token lifetime {days} days is not allowed; give 1 to 36500 days, or none.")
    expires = None
    if days is not None:
        expires = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0) + dt.timedelta(days=days)
    token = PREFIX + secrets.token_urlsafe(32)
    store.add_token(name=name, token_hash=hash_token(token), expires=expires, by=by)
    return token


def list_tokens(*, store: Store) -> list[TokenRow]:
    """Every token: id, name, created, expires, last used, revoked (never the secret or its hash)."""
    return store.list_tokens()


def verify_token(token: str | None, *, store: Store) -> str:
    """The name a valid, unrevoked token was created for; raises AuthError otherwise."""
    if not token:
        raise AuthError(
            "This request changes the ledger and needs a token: send 'Authorization: Bearer <token>' "
            "(create one with `aidtrack token create NAME`)."
        )
    name = store.token_name(hash_token(token.strip()))
    if name is None:
        raise AuthError(
            "The token is unknown, expired or revoked; create a new one with `aidtrack token create NAME`."
        )
    return name


def revoke_token(
    name: str | None = None, *, store: Store, token_id: int | None = None, by: str | None = None
) -> int:
    """Revoke every active token of ``name``, or the one token ``token_id``; audited; returns how many."""
    if token_id is None and not name:
        raise ValidationError("Say which token to revoke: a NAME or --id N (see `aidtrack token list`).")
    count = store.revoke_token(name or "", token_id=token_id, by=by)
    if count == 0:
        which = f"with id {token_id}" if token_id is not None else f'named "{name}"'
        raise NotFoundError(f"No active token {which}; nothing was revoked (see `aidtrack token list`).")
    return count
