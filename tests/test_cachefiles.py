"""Files kept in the user's cache folder: written whole or not at all, the oldest dropped past a count."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aidtrack import cachefiles


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_kept_file_is_read_back_under_its_key(cache_home: Path) -> None:
    path = cachefiles.keyed_path("briefs", "KOR|G7", ".txt")
    assert path.is_relative_to(cache_home / "aidtrack" / "briefs")
    assert cachefiles.read_bytes(path) is None
    assert cachefiles.keep(path, lambda partial: partial.write_bytes(b"brief"), most=4)
    assert cachefiles.read_bytes(path) == b"brief"
    assert cachefiles.keyed_path("briefs", "KOR|EU", ".txt") != path


def test_a_failed_write_leaves_no_file_and_no_partial() -> None:
    path = cachefiles.keyed_path("pages", "a", ".html")

    def half_then_fail(partial: Path) -> None:
        partial.write_bytes(b"<html>half")
        raise OSError("disk full")

    assert not cachefiles.keep(path, half_then_fail, most=4)
    assert cachefiles.read_bytes(path) is None
    assert list(path.parent.iterdir()) == []  # the half-written partial is gone too


def test_the_oldest_files_go_past_the_count() -> None:
    paths = [cachefiles.keyed_path("registers", str(n), ".json") for n in range(5)]
    for age, path in enumerate(paths):
        cachefiles.keep(path, lambda partial: partial.write_text("[]"), most=3)
        os.utime(path, (1_000_000 + age, 1_000_000 + age))  # written in this order, a second apart
    cachefiles.keep(paths[-1], lambda partial: partial.write_text("[1]"), most=3)
    assert [p.exists() for p in paths] == [False, False, True, True, True]


def test_a_folder_that_cannot_be_written_only_costs_time(cache_home: Path) -> None:
    cache_home.mkdir(parents=True)
    (cache_home / "aidtrack").write_text("a file where the folder should be")
    path = cachefiles.keyed_path("briefs", "x", ".txt")
    assert not cachefiles.keep(path, lambda partial: partial.write_text("x"), most=4)
    assert cachefiles.read_bytes(path) is None
