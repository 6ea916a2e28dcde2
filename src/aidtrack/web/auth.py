"""Who may write: a bearer token checked against the hashed tokens in the ledger."""

from __future__ import annotations

from fastapi import Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from aidtrack.db import Store
from aidtrack.services import web_auth

COOKIE = "aidtrack_token"
bearer = HTTPBearer(auto_error=False, description="A token from `aidtrack token create NAME`.")


def get_store(request: Request) -> Store:
    """The ledger this app was created on."""
    store: Store = request.app.state.store
    return store


def token_user(token: str | None, store: Store) -> str:
    """The name behind ``token``; raises AuthError (401) when missing or unknown."""
    return web_auth.verify_token(token, store=store)


def require_token(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Security(bearer)
) -> str:
    """Dependency of every API write: the token's name, or 401 before anything changes."""
    token = credentials.credentials if credentials else None
    return token_user(token, get_store(request))
