"""Backup commands: `backup FILE` and `restore FILE` (being written)."""

from __future__ import annotations

import click


@click.command()
@click.argument("file", type=click.Path())
def backup(file: str) -> None:
    """Write a consistent copy of the whole ledger to FILE."""
    raise click.ClickException("backup is not available yet")


@click.command()
@click.argument("file", type=click.Path())
def restore(file: str) -> None:
    """Load a backup FILE into an empty ledger."""
    raise click.ClickException("restore is not available yet")
