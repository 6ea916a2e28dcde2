"""Bad input to every parser: a clear ImportFormatError (one short line, the format detected from
the bytes, what was expected), never a traceback; the same files through the CLI."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aidtrack.cli import main
from aidtrack.errors import ImportFormatError
from aidtrack.importers import sniff
from aidtrack.importers.kiel import read_kiel
from aidtrack.importers.kiel_website import read_website
from aidtrack.importers.macro import read_macro

HEADER = "Country Name,Country Code,Year,Value\n"


def _xlsx_bytes() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Bilateral assistance, MAIN DATA"
    book.active.append(["Country", "Converted Value in EUR"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


BAD_FILES: dict[str, Callable[[], bytes]] = {
    "random-binary.csv": lambda: bytes(range(256)) * 40,
    "truncated-utf16.csv": lambda: ("Country,Converted Value in EUR\nGermany,12\n".encode("utf-16"))[:-1],
    "truncated.xlsx": lambda: _xlsx_bytes()[:1500],
    "huge-text.csv": lambda: b"x" * 10_000_000,
    "long-line.csv": lambda: (HEADER + "Germany,DEU,2021," + "9" * 200_000 + "\n").encode(),
    "nul-in-text.csv": lambda: b"Country,Converted Value in EUR\nGer\x00many,1\n" * 3,
    "picture.png": lambda: b"\x89PNG\r\n\x1a\n" + bytes(500),
}


def _write(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(BAD_FILES[name]())
    return path


def _short_and_clear(message: str) -> None:
    assert len(message) < 600, f"{len(message)} characters: {message[:200]}"
    assert message.isprintable(), message[:200]
    assert any(word in message.lower() for word in ("expected", "save it again", "check"))


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_kiel_bad_files_are_explained(tmp_path: Path, name: str) -> None:
    with pytest.raises(ImportFormatError) as info:
        read_kiel(_write(tmp_path, name))
    _short_and_clear(str(info.value))


def test_a_truncated_workbook_is_not_read_as_csv(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="not a readable Excel workbook.*cut short"):
        read_kiel(_write(tmp_path, "truncated.xlsx"))


def test_binary_data_is_named_as_such(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="is binary data, not a Kiel file"):
        read_kiel(_write(tmp_path, "random-binary.csv"))
    with pytest.raises(ImportFormatError, match="is a PNG image"):
        read_kiel(_write(tmp_path, "picture.png"))


@pytest.mark.parametrize(
    "name",
    [
        "random-binary.csv",
        "truncated-utf16.csv",
        "long-line.csv",
        "picture.png",
        "truncated.xlsx",
        "nul-in-text.csv",
    ],
)
def test_macro_bad_files_are_explained(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, name)
    with pytest.raises(ImportFormatError) as info:
        read_macro(path, indicator="gdp")
    _short_and_clear(str(info.value))


def test_macro_reads_a_cp1252_file(tmp_path: Path) -> None:
    path = tmp_path / "gdp.csv"
    path.write_bytes((HEADER + "Côte d'Ivoire,CIV,2021,7e10\nGermany,DEU,2021,4.2e12\n").encode("cp1252"))
    assert [(r["actor"], r["value"]) for r in read_macro(path).rows] == [("CIV", 7e10), ("DEU", 4.2e12)]


def test_website_folder_with_binary_files(tmp_path: Path) -> None:
    (tmp_path / "release_info.csv").write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ImportFormatError) as info:
        read_website(tmp_path)
    _short_and_clear(str(info.value))


@pytest.mark.parametrize(
    ("command", "name"),
    [
        ("kiel", "random-binary.csv"),
        ("kiel", "truncated-utf16.csv"),
        ("kiel", "truncated.xlsx"),
        ("kiel", "huge-text.csv"),
        ("macro", "long-line.csv"),
        ("macro", "random-binary.csv"),
    ],
)
def test_cli_says_one_short_line(runner: CliRunner, tmp_path: Path, command: str, name: str) -> None:
    path = _write(tmp_path, name)
    if command == "macro":
        path = path.rename(tmp_path / f"gdp-{name}")
    result = runner.invoke(
        main, ["--database", f"sqlite:///{tmp_path / 'x.db'}", "import", command, str(path)]
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and len(result.output) < 800
    assert result.output.strip().startswith("Error:")


_FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _only_clear_errors(read: Callable[[Path], object], path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        read(path)
    except ImportFormatError as ex:
        assert len(str(ex)) < 600 and str(ex).isprintable()


_BYTES = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8")),
    st.text(max_size=500).map(lambda t: (HEADER + t).encode("utf-16")),
    st.sampled_from([b"PK\x03\x04", b"\xff\xfe", b"\xd0\xcf\x11\xe0"]).flatmap(
        lambda head: st.binary(max_size=2000).map(lambda rest: head + rest)
    ),
)


@_FUZZ
@given(data=_BYTES)
def test_fuzz_kiel(tmp_path: Path, data: bytes) -> None:
    _only_clear_errors(read_kiel, tmp_path / "fuzz.csv", data)


@_FUZZ
@given(data=_BYTES)
def test_fuzz_macro_csv(tmp_path: Path, data: bytes) -> None:
    _only_clear_errors(lambda p: read_macro(p, indicator="gdp"), tmp_path / "fuzz.csv", data)


@_FUZZ
@given(data=_BYTES)
def test_fuzz_macro_json(tmp_path: Path, data: bytes) -> None:
    _only_clear_errors(read_macro, tmp_path / "wdi.json", data)


def test_sniff_kinds() -> None:
    assert sniff.kind_of_bytes(_xlsx_bytes()) == "zip"
    assert sniff.kind_of_bytes("Land;Wert\nÖsterreich;1\n".encode("cp1252")) == "text"
    assert sniff.kind_of_bytes(bytes(range(256))) == "binary"
    with zipfile.ZipFile(io.BytesIO(_xlsx_bytes())) as archive:
        assert "xl/workbook.xml" in archive.namelist()
