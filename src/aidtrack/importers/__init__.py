"""Importers: read a source file into models. They never open the database."""

from aidtrack.importers.kiel import detect_layout, read_kiel
from aidtrack.importers.release import BadRow, KielRelease

__all__ = ["BadRow", "KielRelease", "detect_layout", "read_kiel"]
