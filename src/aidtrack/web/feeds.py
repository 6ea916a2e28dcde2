"""Feeds, watchlists and the digest: JSON API and the /digest page (being written)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
