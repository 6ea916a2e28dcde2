"""Feed commands: `feeds add|list|remove|poll`, `watch add|list|remove` and `digest`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from aidtrack.cli.ledger import print_json, print_table
from aidtrack.services import digest as digest_service
from aidtrack.services import feeds as feeds_service
from aidtrack.services import ledger

_FEED_COLUMNS = ["id", "url", "name", "polled", "status", "items", "events", "error"]


@click.group()
def feeds_group() -> None:
    """News feeds polled into the review queue.

    Feeds are RSS or Atom; see docs/feeds.md.

    \b
      aidtrack feeds add https://example.org/world/rss.xml --name "World desk"
      aidtrack feeds poll
      aidtrack review --list
    """


@feeds_group.command("add")
@click.argument("url")
@click.option("--name", help="A name to show instead of the address.")
def feeds_add(url: str, name: str | None) -> None:
    """Add the RSS or Atom feed at URL; its articles are read at the next `aidtrack feeds poll`."""
    feed = feeds_service.add_feed(url, name=name)
    click.echo(f"Added feed {feed['id']}: {feed['url']}. Read it now with `aidtrack feeds poll`.")


@feeds_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON.")
def feeds_list(as_json: bool) -> None:
    """The feeds, with their last poll, the items seen and the events they gave."""
    rows = feeds_service.list_feeds()
    if as_json:
        print_json(rows)
    elif not rows:
        click.echo("No feeds yet; add one with `aidtrack feeds add URL`.")
    else:
        print_table(rows, _FEED_COLUMNS)


@feeds_group.command("remove")
@click.argument("feed")
def feeds_remove(feed: str) -> None:
    """Remove FEED (its id or address); the candidates it proposed stay in the review queue."""
    removed = feeds_service.remove_feed(feed)
    click.echo(f"Removed feed {removed['id']}: {removed['url']}.")


@feeds_group.command("poll")
@click.option("--feed", "chosen", multiple=True, metavar="ID|URL", help="Poll only this feed (repeatable).")
@click.option("--recheck", is_flag=True,
              help="Ask again for every entry's page (conditional GET), to catch articles edited in place.")
@click.option("--timeout", type=click.FloatRange(0.1, 600), default=20.0, show_default=True,
              help="Seconds to wait for one answer.")
@click.option("--retries", type=click.IntRange(0, 10), default=2, show_default=True,
              help="Tries after a timeout, a refused connection or a 429/5xx answer (with backoff).")
@click.option("--json", "as_json", is_flag=True, help="Print the poll report as JSON.")
def feeds_poll(chosen: tuple[str, ...], recheck: bool, timeout: float, retries: int, as_json: bool) -> None:
    """Read the feeds once: new and changed articles that look relevant go through extraction
    into the review queue. A feed that fails is reported and the others go on.

    \b
    Polling again is cheap and proposes nothing twice: unchanged feeds answer
    304 Not Modified and articles already read are skipped. To poll on a
    schedule, run it from cron or a systemd timer, or use `aidtrack serve
    --poll-every 30m`.
    """
    fetcher = feeds_service.make_fetcher(timeout=timeout, retries=retries)
    try:
        report = feeds_service.poll(feeds=list(chosen), fetcher=fetcher, recheck=recheck)
    finally:
        fetcher.close()
    if as_json:
        print_json(report.to_dict())
        return
    if not report.feeds:
        click.echo("No feeds to poll; add one with `aidtrack feeds add URL`.")
        return
    for feed in report.feeds:
        _echo_feed(feed.to_dict())
    totals = report.totals()
    click.echo(f"{len(report.feeds)} feed(s): {totals['new']} new and {totals['changed']} changed article(s) read, "
               f"{totals['not_relevant']} not relevant; {totals['added']} new candidate(s), {totals['linked']} "
               f"linked to existing records; {totals['errors']} error(s). Review with `aidtrack review`.")


def _echo_feed(feed: dict[str, Any]) -> None:
    if feed["status"] == "not-modified":
        click.echo(f"{feed['url']}: not modified since the last poll")
    elif feed["status"] == "locked":
        click.echo(f"{feed['url']}: skipped, another process is polling it")
    elif feed["status"] == "ok":
        unreadable = f", {feed['unreadable']} page(s) without article text" if feed["unreadable"] else ""
        click.echo(f"{feed['url']}: {feed['items']} item(s), {feed['new']} new, {feed['changed']} changed, "
                   f"{feed['not_relevant']} not relevant{unreadable}, {feed['added']} candidate(s) added")
    for error in feed["errors"]:
        click.echo(f"{feed['url']}: error: {error}", err=True)


# -- watchlists -------------------------------------------------------------------------

_LIST_OPTION = click.option("--list", "watchlist", default=digest_service.DEFAULT_LIST, show_default=True,
                            help="Name of the watchlist.")


@click.group()
def watch_group() -> None:
    """Countries you follow.

    The digest covers them unless told otherwise.

    \b
      aidtrack watch add KOR Japan
      aidtrack digest --since 2024-01-01
    """


@watch_group.command("add")
@click.argument("countries", nargs=-1, required=True)
@_LIST_OPTION
def watch_add(countries: tuple[str, ...], watchlist: str) -> None:
    """Follow COUNTRIES (codes or names, e.g. KOR "South Korea")."""
    added = digest_service.watch(countries, watchlist=watchlist)
    click.echo(f"Following {', '.join(added)} on {watchlist}." if added else "Already followed; nothing added.")


@watch_group.command("remove")
@click.argument("countries", nargs=-1, required=True)
@_LIST_OPTION
def watch_remove(countries: tuple[str, ...], watchlist: str) -> None:
    """Stop following COUNTRIES."""
    removed = digest_service.unwatch(countries, watchlist=watchlist)
    click.echo(f"No longer following {', '.join(removed)}." if removed else "Not followed; nothing removed.")


@watch_group.command("list")
@click.option("--all", "every", is_flag=True, help="Show every watchlist.")
@_LIST_OPTION
@click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON.")
def watch_list(every: bool, watchlist: str, as_json: bool) -> None:
    """The countries you follow."""
    rows = digest_service.watched(watchlist=None if every else watchlist)
    if as_json:
        print_json(rows)
    elif not rows:
        click.echo("No countries followed; add one with `aidtrack watch add KOR`.")
    else:
        print_table(rows, ["watchlist", "code", "name", "added", "added_by"])


# -- the digest -------------------------------------------------------------------------

def _default_since() -> str:
    return (dt.date.today() - dt.timedelta(days=7)).isoformat()


@click.command()
@click.option("--since", help="First date (YYYY-MM-DD) of records to show. Default: 7 days ago.")
@click.option("--until", help="Last date (YYYY-MM-DD). Default: today.")
@click.option("--country", "countries", multiple=True, metavar="CODE",
              help="A country to cover (repeatable). Default: the watchlist.")
@_LIST_OPTION
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this .md or .html file (HTML is one self-contained page). Default: Markdown on "
                   "standard output.")
@click.option("--json", "as_json", is_flag=True, help="Print the digest as JSON.")
def digest(since: str | None, until: str | None, countries: tuple[str, ...], watchlist: str, out: Path | None,
           as_json: bool) -> None:
    """What changed since a date, for the countries you follow.

    Lists the support each country gave and the diplomatic events it took part
    in, dated in the period, confirmed and waiting for review, each with its
    source.

    \b
      aidtrack watch add KOR
      aidtrack digest --since 2024-01-01
      aidtrack digest --since 2024-01-01 --country JPN --out digest.html
    """
    data = digest_service.build_digest(since=since or _default_since(), until=until, countries=countries,
                                       watchlist=watchlist, store=ledger.open_store())
    if as_json:
        print_json(data)
    elif out is None:
        click.echo(digest_service.render_markdown(data), nl=False)
    else:
        text = digest_service.render(data, suffix=out.suffix)
        out.write_text(text, encoding="utf-8")
        click.echo(f"Wrote the digest of {', '.join(c['code'] for c in data['countries'])} to {out}", err=True)


COMMANDS = [feeds_group, watch_group, digest]
