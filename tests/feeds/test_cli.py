"""The commands end to end: feeds add/list/poll/remove, watch add/list/remove, digest to .md and .html."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from aidtrack.cli import main
from aidtrack.feeds.demo import FixtureServer

RSS, ATOM = "/world/rss.xml", "/asia/atom.xml"


def run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_add_poll_review_and_poll_again(runner: CliRunner, server: FixtureServer) -> None:
    assert "No feeds to poll; add one with `aidtrack feeds add URL`" in run(runner, "feeds", "poll")
    assert "Added feed 1" in run(runner, "feeds", "add", server.url(RSS), "--name", "World")
    run(runner, "feeds", "add", server.url(ATOM))
    first = run(runner, "feeds", "poll", "--timeout", "5")
    assert "5 new and 0 changed article(s) read, 1 not relevant; 5 new candidate(s)" in first
    assert len(json.loads(run(runner, "review", "--list", "--json"))) == 5
    again = run(runner, "feeds", "poll")
    assert again.count("not modified since the last poll") == 2 and "0 new candidate(s)" in again
    listed = json.loads(run(runner, "feeds", "list", "--json"))
    assert [(f["name"], f["status"], f["items"], f["events"]) for f in listed] == [
        ("World", "not-modified", 3, 2),
        (None, "not-modified", 2, 3),
    ]


def test_poll_reports_a_failing_feed_and_goes_on(runner: CliRunner, server: FixtureServer) -> None:
    run(runner, "feeds", "add", server.url("/missing.xml"))
    run(runner, "feeds", "add", server.url(ATOM))
    result = runner.invoke(main, ["feeds", "poll", "--json"], catch_exceptions=False)
    report = json.loads(result.stdout)
    assert result.exit_code == 0
    assert [(f["status"], f["added"]) for f in report["feeds"]] == [("error", 0), ("ok", 3)]
    assert report["totals"]["errors"] == 1 and "HTTP 404" in report["feeds"][0]["errors"][0]
    assert (report["totals"]["feeds"], report["totals"]["failed_feeds"], report["totals"]["added"]) == (
        2,
        1,
        3,
    )


def test_remove_and_mistakes(runner: CliRunner, server: FixtureServer) -> None:
    run(runner, "feeds", "add", server.url(RSS))
    duplicate = runner.invoke(main, ["feeds", "add", server.url(RSS)])
    assert duplicate.exit_code == 1 and "is already added" in duplicate.output
    assert "Removed feed 1" in run(runner, "feeds", "remove", server.url(RSS))
    assert "No feeds yet" in run(runner, "feeds", "list")
    missing = runner.invoke(main, ["feeds", "remove", "7"])
    assert missing.exit_code == 1 and 'No feed "7"' in missing.output


def test_watch_then_digest_to_markdown_and_html(
    runner: CliRunner, server: FixtureServer, tmp_path: Path
) -> None:
    run(runner, "feeds", "add", server.url(ATOM))
    run(runner, "feeds", "poll")
    empty = runner.invoke(main, ["digest", "--since", "2024-01-01"])
    assert empty.exit_code == 1 and "aidtrack watch add KOR" in empty.output
    assert "Following KOR" in run(runner, "watch", "add", "South Korea")
    assert "KOR" in run(runner, "watch", "list")
    assert "Following KOR" in run(
        runner, "watch", "add", "KOR", "--types", "appeal,threat", "--types", "refusal"
    )
    assert json.loads(run(runner, "watch", "list", "--json"))[0]["types"] == ["appeal", "refusal", "threat"]
    text = run(runner, "digest", "--since", "2024-03-01", "--until", "2024-03-31")
    assert text.startswith("# Digest: South Korea (KOR), 2024-03-01 to 2024-03-31\n")
    appeals, refusals = text.index("### Appeals"), text.index("### Refusals")
    assert appeals < text.index("| 2024-03-20 | candidate, new | UKR to KOR |") < refusals
    assert (
        refusals < text.index("| 2024-03-20 | candidate, new | KOR | ")
        and "Seoul has so far declined" in text
    )
    recent = run(runner, "digest", "--since", "7d")  # the candidates were added today: new in the last week
    assert "### Appeals" in recent and "### Refusals" in recent
    page = tmp_path / "kor.html"
    run(runner, "digest", "--since", "2024-03-01", "--until", "2024-03-31", "--out", str(page))
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "<script" not in html and "refusal" in html
    run(runner, "digest", "--since", "2024-03-01", "--country", "JPN", "--out", str(tmp_path / "jpn.md"))
    assert "Japan lends money for power lines" in (tmp_path / "jpn.md").read_text(encoding="utf-8")
    bad = runner.invoke(main, ["digest", "--since", "2024-03-01", "--out", str(tmp_path / "d.pdf")])
    assert bad.exit_code == 1 and "name the file .md or .html" in bad.output
    assert "No longer following KOR" in run(runner, "watch", "remove", "KOR")


def test_tags_choose_what_to_list_and_poll(runner: CliRunner, server: FixtureServer) -> None:
    run(runner, "feeds", "add", server.url(RSS), "--tag", "world", "--tag", "Europe")
    run(runner, "feeds", "add", server.url(ATOM), "--tag", "asia")
    listed = json.loads(run(runner, "feeds", "list", "--tag", "asia", "--json"))
    assert [(f["url"], f["tags"]) for f in listed] == [(server.url(ATOM), ["asia"])]
    assert [f["tags"] for f in json.loads(run(runner, "feeds", "list", "--json"))] == [
        ["europe", "world"],
        ["asia"],
    ]
    report = json.loads(run(runner, "feeds", "poll", "--tag", "asia", "--json"))
    assert [f["url"] for f in report["feeds"]] == [server.url(ATOM)] and server.hits(RSS) == 0
    bad = runner.invoke(main, ["feeds", "add", server.url("/other.xml"), "--tag", "no spaces"])
    assert bad.exit_code == 1 and 'Tag "no spaces" must be' in bad.output


def test_poll_prints_each_feed_as_it_is_done_and_takes_workers(
    runner: CliRunner, server: FixtureServer
) -> None:
    run(runner, "feeds", "add", server.url(RSS))
    run(runner, "feeds", "add", server.url(ATOM))
    out = run(runner, "feeds", "poll", "--workers", "2")
    lines = out.splitlines()
    assert lines[0].startswith(server.url(RSS) + ": 3 item(s), 3 new") and lines[1].startswith(
        server.url(ATOM)
    )
    assert "5 new candidate(s)" in lines[-1]
    assert len(json.loads(run(runner, "review", "--list", "--json"))) == 5
