"""Issue 14, adapters and importers: logic the CLI, the web app and the Kiel readers repeated
now has one home (request bodies, page formats, --json and option groups, JSON printing,
a Kiel record's money fields)."""

from __future__ import annotations

import datetime as dt
import json

import click
import pydantic
import pytest
from click.testing import CliRunner

from aidtrack import currency
from aidtrack.analysis import report_html
from aidtrack.cli import analysis, feeds, ledger, rules, web
from aidtrack.cli.options import bundle, json_option
from aidtrack.cli.output import print_json
from aidtrack.importers.release import eur_fields
from aidtrack.web import api, api_analysis, pages
from aidtrack.web import feeds as web_feeds

# -- request bodies -----------------------------------------------------------------------

BODIES = [
    api.SupportIn,
    api.EventIn,
    api.Review,
    api_analysis.TransferIn,
    api_analysis.ArticleIn,
    web_feeds.FeedIn,
    web_feeds.WatchIn,
]


@pytest.mark.parametrize("body", BODIES, ids=lambda b: b.__name__)
def test_each_request_body_shows_one_example_that_it_accepts(body: type[pydantic.BaseModel]) -> None:
    examples = body.model_json_schema()["examples"]
    assert len(examples) == 1
    body.model_validate(examples[0])  # the example in /docs is a body the API takes


@pytest.mark.parametrize("body", BODIES, ids=lambda b: b.__name__)
def test_each_request_body_refuses_an_unknown_field(body: type[pydantic.BaseModel]) -> None:
    example = body.model_json_schema()["examples"][0]
    with pytest.raises(pydantic.ValidationError, match="bogus"):
        body.model_validate({**example, "bogus": 1})


# -- page formats -------------------------------------------------------------------------


def test_the_dashboard_and_the_html_report_format_values_alike() -> None:
    report_env = report_html._environment()
    for name in ("eur", "pct", "host", "breakable"):
        assert pages.env.filters[name] is report_env.filters[name], name
    for name in ("weblink", "isodate"):
        assert pages.env.tests[name] is report_env.tests[name], name
    rendered = pages.env.from_string("{{ 4612000000 | eur }} {{ 'https://a.example/x' | host }}").render()
    assert rendered == "EUR 4.61 bn a.example"


# -- CLI options and JSON -----------------------------------------------------------------


def _commands() -> list[click.Command]:
    found: list[click.Command] = []
    for module in (analysis, feeds, ledger, rules, web):
        for command in module.COMMANDS:
            found += list(command.commands.values()) if isinstance(command, click.Group) else [command]
    return found


def test_every_json_option_declared_with_that_help_is_the_one_shared_option() -> None:
    shared = click.command()(json_option(lambda as_json: None)).params[0]
    alike = [
        c.name
        for c in _commands()
        for p in c.params
        if p.name == "as_json" and p.help == shared.help  # type: ignore[attr-defined]
    ]
    assert len(alike) >= 10
    for command in _commands():
        for param in command.params:
            if param.name == "as_json" and param.help == shared.help:  # type: ignore[attr-defined]
                assert param.opts == shared.opts and param.is_flag  # type: ignore[attr-defined]


def _described(command: click.Command, names: tuple[str, ...]) -> list[tuple[object, ...]]:
    params = {p.name: p for p in command.params}
    return [
        (p.opts, p.default, p.help, getattr(p.type, "choices", None))  # type: ignore[attr-defined]
        for p in (params[n] for n in names)
    ]


def test_report_and_brief_take_the_same_peers_as_of_and_stage_in_that_order() -> None:
    names = ("peers", "as_of", "stage")
    assert _described(analysis.report, names) == _described(analysis.brief, names)
    assert [p.name for p in analysis.brief.params if p.name in names] == list(names)
    assert _described(analysis.compare, ("stage",)) == _described(analysis.brief, ("stage",))


def test_bundle_applies_options_in_the_order_written() -> None:
    decorate = bundle(click.option("--first"), click.option("--second", default="2"))

    @click.command()
    @decorate
    def show(first: str | None, second: str) -> None:
        click.echo(f"{first}/{second}")

    assert [p.name for p in show.params] == ["first", "second"]
    assert CliRunner().invoke(show, ["--first", "1"]).output == "1/2\n"


def test_print_json_writes_dates_as_text_and_keeps_non_ascii(capsys: pytest.CaptureFixture[str]) -> None:
    print_json({"on": dt.date(2024, 3, 1), "name": "Türkiye"})
    out = capsys.readouterr().out
    assert json.loads(out) == {"on": "2024-03-01", "name": "Türkiye"}
    assert "Türkiye" in out and out.startswith("{\n  ")


def test_ledger_add_source_options_come_in_their_order() -> None:
    support = ledger.add.commands["support"]
    names = [p.name for p in support.params if p.name and p.name.startswith("source_")]
    assert names == ["source_url", "source_title", "source_publisher", "source_date", "source_kind"]


# -- a Kiel record's money fields -----------------------------------------------------------


def test_eur_fields_convert_kiels_eur_figure_at_the_ecb_rate_of_the_day() -> None:
    day = dt.date(2022, 3, 1)
    fields = eur_fields(1_000_000.0, day)
    expected = currency.to_usd(1_000_000.0, "EUR", day)
    assert fields["amount_eur"] == 1_000_000.0
    assert fields["amount_usd"] == pytest.approx(expected.value)
    assert fields["fx_note"] == f"amount_eur: Kiel's EUR value; amount_usd: {expected.note}"


def test_eur_fields_without_a_figure_say_so() -> None:
    assert eur_fields(None, dt.date(2022, 3, 1)) == {
        "amount_eur": None,
        "amount_usd": None,
        "fx_note": "no EUR value given by Kiel",
    }
