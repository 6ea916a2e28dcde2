"""Reading articles: text, HTML, metadata headers, and bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aidtrack.errors import ExtractionInputError
from aidtrack.extract import article_from_text, extract_events, read_article
from aidtrack.extract.articles import MAX_BYTES, article_from_bytes, parse_date

HTML = """<!DOCTYPE html><html><head><title>Aid news</title>
<meta property="article:published_time" content="2024-03-05"></head>
<body><nav>Home | World</nav><article><h1>Norway sends aid</h1>
<p>Norway has delivered medical supplies and generators to Ukraine, the Norwegian
government said on Tuesday in a statement published in Oslo.</p>
<p>The delivery is the third this winter, officials said, and more shipments are expected
to follow in the coming weeks as the cold weather continues across the region.</p>
</article><footer>(c) 2024</footer></body></html>"""


def test_plain_text_title_and_body(tmp_path: Path) -> None:
    path = tmp_path / "norway-aid.txt"
    path.write_text("Norway sends aid\n\nNorway has delivered medical supplies to Ukraine.\n")
    article = read_article(path)
    assert (article.id, article.title, article.url, article.published) == (
        "norway-aid",
        "Norway sends aid",
        None,
        None,
    )
    assert "medical supplies" in article.text


def test_metadata_header_lines() -> None:
    text = "URL: https://example.org/a\nDate: 2024-05-02\n\nTitle line\n\nBody text here."
    article = article_from_text(text, name="a")
    assert article.url == "https://example.org/a"
    assert article.published == dt.date(2024, 5, 2)
    assert article.title == "Title line"
    assert article.text.startswith("Title line")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-03-31", dt.date(2023, 3, 31)),
        ("March 31, 2023", dt.date(2023, 3, 31)),
        ("7th July, 2023", dt.date(2023, 7, 7)),
        ("Sept. 4, 2022", dt.date(2022, 9, 4)),
        ("no date here", None),
        ("2023-02-30", None),
    ],
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


def test_html_main_text(tmp_path: Path) -> None:
    path = tmp_path / "norway.html"
    path.write_text(HTML)
    article = read_article(path)
    assert "medical supplies" in article.text
    assert "Home | World" not in article.text
    events = extract_events(article)
    assert {(e["type"], e["donor"], e["category"]) for e in events} == {("support", "NOR", "humanitarian")}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "no text"),
        (b"   \n\t  ", "no text"),
        (b"\x00\x01\x02binary", "binary"),
        (b"caf\xe9 au lait", "not UTF-8"),
        (b"<html><body><script>var x = 1;</script></body></html>", "No article text"),
    ],
)
def test_bad_input_gives_a_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(ExtractionInputError, match=message):
        article_from_bytes(data, name="bad")


def test_enormous_input_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * (MAX_BYTES + 1))
    with pytest.raises(ExtractionInputError, match="over the 10 MB limit"):
        read_article(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ExtractionInputError, match="Cannot read"):
        read_article(tmp_path / "absent.txt")


@pytest.mark.parametrize(
    "text",
    [
        "Deutschland liefert Panzer an die Ukraine, sagte der Kanzler am Freitag in Berlin.",
        "Германия отправила танки на Украину, заявил канцлер в пятницу.",
        "日本はウクライナに人道支援を送った。",
    ],
)
def test_non_english_gives_no_events(text: str) -> None:
    assert extract_events(article_from_text(text * 5)) == []


def test_malformed_html_does_not_crash() -> None:
    html = "<html><body><p>Germany sent tanks to Ukraine.<div><b>unclosed <i>tags" * 20
    try:
        article = article_from_text(html)
    except ExtractionInputError:
        return
    assert isinstance(extract_events(article), list)


def _never_crashes(make: object) -> None:
    try:
        article = make()  # type: ignore[operator]
    except ExtractionInputError as ex:
        assert str(ex)
        return
    assert isinstance(extract_events(article), list)


FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash(data: bytes) -> None:
    _never_crashes(lambda: article_from_bytes(data, name="random"))


@FAST
@given(st.text(max_size=2000))
def test_random_text_never_crashes(text: str) -> None:
    _never_crashes(lambda: article_from_text(text, name="random"))


_TAGS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div>",
        "<html>",
        "<body>",
        "<script>",
        "<!--",
        "<article>",
        "</",
        "<br/>",
        "&amp;",
        "&#x0;",
        "<title>",
    ]
)
_WORDS = st.sampled_from(
    [
        "Germany",
        "sent",
        "tanks",
        "to",
        "Ukraine",
        ".",
        "aid",
        "would",
        "not",
        "?",
        "EU",
        "sanctions",
        "on",
        "Russia",
        "$5bn",
        "\n",
    ]
)


@FAST
@given(st.lists(st.one_of(_TAGS, _WORDS, st.text(max_size=5)), max_size=200))
def test_random_html_never_crashes(parts: list[str]) -> None:
    html = "<!DOCTYPE html><html><body>" + " ".join(parts)
    _never_crashes(lambda: article_from_text(html, name="random.html"))


@FAST
@given(st.lists(_WORDS, min_size=1, max_size=80))
def test_random_sentences_give_well_formed_events(words: list[str]) -> None:
    text = " ".join(words)
    article = article_from_text(text) if text.strip() else None
    if article is None:
        return
    for event in extract_events(article):
        assert article.text[event["start"] : event["end"]] == event["evidence"]
        assert 0 <= event["confidence"] <= 1


def test_html_without_trafilatura_uses_the_plain_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import now raises ImportError
    article = article_from_text(HTML, name="norway")
    assert article.title == "Aid news"
    assert "medical supplies" in article.text
    assert "Home | World" not in article.text
