"""Feed commands: `feeds add|list|remove|poll`, `watch add|list|remove` and `digest`."""

from __future__ import annotations

from pathlib import Path

import click

from aidtrack.cli.ledger import print_table
from aidtrack.cli.output import print_json
from aidtrack.services import digest as digest_service
from aidtrack.services import feeds as feeds_service
from aidtrack.services import ledger

_FEED_COLUMNS = ["id", "url", "name", "tags", "polled", "status", "items", "events", "error"]
_TAG_OPTION = click.option(
    "--tag", "tags", multiple=True, metavar="TAG", help="Only feeds with this tag (repeatable: any of them)."
)


@click.group()
def feeds_group() -> None:
    """News feeds polled into the review queue.

    Feeds are RSS or Atom feeds or sitemaps; see docs/feeds.md.

    \b
      aidtrack feeds add https://example.org/world/rss.xml --name "World desk" --tag world
      aidtrack feeds poll
      aidtrack review --list
    """


@feeds_group.command("add")
@click.argument("url")
@click.option("--name", help="A name to show instead of the address.")
@click.option(
    "--tag",
    "tags",
    multiple=True,
    metavar="TAG",
    help="A tag to list and poll feeds by, e.g. asia (repeatable).",
)
def feeds_add(url: str, name: str | None, tags: tuple[str, ...]) -> None:
    """Add the RSS or Atom feed (or sitemap) at URL; its articles are read at the next `aidtrack feeds poll`."""
    feed = feeds_service.add_feed(url, name=name, tags=tags)
    click.echo(f"Added feed {feed['id']}: {feed['url']}. Read it now with `aidtrack feeds poll`.")


@feeds_group.command("list")
@_TAG_OPTION
@click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON.")
def feeds_list(tags: tuple[str, ...], as_json: bool) -> None:
    """The feeds, with their tags, last poll, the items seen and the events they gave."""
    rows = feeds_service.list_feeds(tags=tags)
    if as_json:
        print_json(rows)
    elif not rows:
        click.echo(
            "No feeds with that tag." if tags else "No feeds yet; add one with `aidtrack feeds add URL`."
        )
    else:
        print_table([{**r, "tags": ", ".join(r["tags"])} for r in rows], _FEED_COLUMNS)


@feeds_group.command("remove")
@click.argument("feed")
def feeds_remove(feed: str) -> None:
    """Remove FEED (its id or address); the candidates it proposed stay in the review queue."""
    removed = feeds_service.remove_feed(feed)
    click.echo(f"Removed feed {removed['id']}: {removed['url']}.")


@feeds_group.command("poll")
@click.option("--feed", "chosen", multiple=True, metavar="ID|URL", help="Poll only this feed (repeatable).")
@_TAG_OPTION
@click.option(
    "--workers",
    type=click.IntRange(1, feeds_service.MAX_WORKERS),
    default=1,
    show_default=True,
    help="Processes that take article text and extract events while pages are fetched.",
)
@click.option(
    "--recheck",
    is_flag=True,
    help="Ask again for every entry's page (conditional GET), to catch articles edited in place.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.1, 600),
    default=20.0,
    show_default=True,
    help="Seconds to wait for one answer.",
)
@click.option(
    "--retries",
    type=click.IntRange(0, 10),
    default=2,
    show_default=True,
    help="Tries after a timeout, a refused connection or a 429/5xx answer (with backoff).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the poll report as JSON.")
def feeds_poll(
    chosen: tuple[str, ...],
    tags: tuple[str, ...],
    workers: int,
    recheck: bool,
    timeout: float,
    retries: int,
    as_json: bool,
) -> None:
    """Read the feeds once: new and changed articles that look relevant go through extraction
    into the review queue. A feed that fails is reported and the others go on.

    \b
    Polling again is cheap and proposes nothing twice: unchanged feeds answer
    304 Not Modified and articles already read are skipped. To poll on a
    schedule, run it from cron or a systemd timer, or use `aidtrack serve
    --poll-every 30m`. A poll that is killed keeps every article it stored;
    the next poll reads only the rest.
    """
    fetcher = feeds_service.make_fetcher(timeout=timeout, retries=retries)
    progress = None if as_json else _echo_feed
    try:
        report = feeds_service.poll(
            feeds=list(chosen),
            tags=tags,
            fetcher=fetcher,
            recheck=recheck,
            workers=workers,
            progress=progress,
        )
    finally:
        fetcher.close()
    if as_json:
        print_json(report.to_dict())
        return
    if not report.feeds:
        click.echo("No feeds to poll; add one with `aidtrack feeds add URL`.")
        return
    totals = report.totals()
    click.echo(
        f"{len(report.feeds)} feed(s): {totals['new']} new and {totals['changed']} changed article(s) read, "
        f"{totals['not_relevant']} not relevant; {totals['added']} new candidate(s), {totals['linked']} "
        f"linked to existing records; {totals['errors']} error(s). Review with `aidtrack review`."
    )


def _echo_feed(feed: feeds_service.FeedReport) -> None:
    """One line on what polling ``feed`` did (and one per error, on stderr)."""
    if feed.status == "not-modified":
        click.echo(f"{feed.url}: not modified since the last poll")
    elif feed.status == "locked":
        click.echo(f"{feed.url}: skipped, another process is polling it")
    elif feed.status == "ok":
        unreadable = f", {feed.unreadable} page(s) without article text" if feed.unreadable else ""
        click.echo(
            f"{feed.url}: {feed.items} item(s), {feed.new} new, {feed.changed} changed, "
            f"{feed.not_relevant} not relevant{unreadable}, {feed.added} candidate(s) added"
        )
    for error in feed.errors:
        click.echo(f"{feed.url}: error: {error}", err=True)


# -- watchlists -------------------------------------------------------------------------

_LIST_OPTION = click.option(
    "--list",
    "watchlist",
    default=digest_service.DEFAULT_LIST,
    show_default=True,
    help="Name of the watchlist.",
)


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
@click.option(
    "--types",
    "types",
    multiple=True,
    metavar="T1,T2",
    help="Only these types in the digest: "
    + ", ".join(t for t, _ in digest_service.TYPES)
    + ". Default: all. Given again for a followed country, replaces its types.",
)
@_LIST_OPTION
def watch_add(countries: tuple[str, ...], types: tuple[str, ...], watchlist: str) -> None:
    """Follow COUNTRIES (codes or names, e.g. KOR "South Korea")."""
    added = digest_service.watch(countries, types=types, watchlist=watchlist)
    click.echo(
        f"Following {', '.join(added)} on {watchlist}." if added else "Already followed; nothing added."
    )


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
        print_table(
            [{**r, "types": ", ".join(r["types"]) or "all"} for r in rows],
            ["watchlist", "code", "name", "types", "added", "added_by"],
        )


# -- the digest -------------------------------------------------------------------------


@click.command()
@click.option(
    "--since",
    default="7d",
    show_default=True,
    help="Start of the period: a date (YYYY-MM-DD) or a span back from today (7d, 2w).",
)
@click.option("--until", help="Last date (YYYY-MM-DD). Default: today.")
@click.option(
    "--country",
    "countries",
    multiple=True,
    metavar="CODE",
    help="A country to cover (repeatable). Default: the watchlist.",
)
@_LIST_OPTION
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this .md or .html file (HTML is one self-contained page). Default: Markdown on "
    "standard output.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the digest as JSON.")
def digest(
    since: str, until: str | None, countries: tuple[str, ...], watchlist: str, out: Path | None, as_json: bool
) -> None:
    """What is new or changed since a date, for the countries you follow.

    Per country (watched ones first): appeals, refusals, threats, policy
    changes, new support with amounts and sanctions dated in the period or
    added, edited or reviewed in it, confirmed and waiting for review, each
    with its evidence and source; rule changes in the register; the step-up
    gap when the country's figures changed.

    \b
      aidtrack watch add KOR
      aidtrack digest --since 7d
      aidtrack digest --since 2024-01-01 --country JPN --out digest.html
    """
    data = digest_service.build_digest(
        since=since, until=until, countries=countries, watchlist=watchlist, store=ledger.open_store()
    )
    if as_json:
        print_json(data)
    elif out is None:
        click.echo(digest_service.render_markdown(data), nl=False)
    else:
        text = digest_service.render(data, suffix=out.suffix)
        out.write_text(text, encoding="utf-8")
        click.echo(
            f"Wrote the digest of {', '.join(c['code'] for c in data['countries'])} to {out}", err=True
        )


COMMANDS = [feeds_group, watch_group, digest]
