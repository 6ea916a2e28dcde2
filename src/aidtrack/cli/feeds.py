"""Feed commands: `feeds`, `watch`, `digest` (being written)."""

from __future__ import annotations

import click


@click.group()
def feeds_group() -> None:
    """News feeds polled into the review queue."""


@click.group()
def watch_group() -> None:
    """Countries you follow."""


@click.command()
def digest() -> None:
    """What changed since a date, for the countries you follow."""
    raise click.ClickException("digest is not available yet")
