"""The money parser, table-driven: text -> [(amount, currency)]."""

from __future__ import annotations

import pytest

from aidtrack.extract.money import parse_money

CASES = [
    ("$1.3bn", [(1.3e9, "USD")]),
    ("$1.3 billion", [(1.3e9, "USD")]),
    ("US$80 million", [(80e6, "USD")]),
    ("USD 250 million", [(250e6, "USD")]),
    ("EUR 500 million", [(500e6, "EUR")]),
    ("€2 billion", [(2e9, "EUR")]),
    ("€1.5 bn", [(1.5e9, "EUR")]),
    ("€977m", [(977e6, "EUR")]),
    ("1.5 billion euros", [(1.5e9, "EUR")]),
    ("500 million euros", [(500e6, "EUR")]),
    ("2 trillion won", [(2e12, "KRW")]),
    ("₩300 billion", [(300e9, "KRW")]),
    ("¥471.9 billion", [(471.9e9, "JPY")]),
    ("5.5 billion yen", [(5.5e9, "JPY")]),
    ("£2.3bn", [(2.3e9, "GBP")]),
    ("£100,000", [(100_000.0, "GBP")]),
    ("2.5 billion pounds", [(2.5e9, "GBP")]),
    ("NOK 5bn", [(5e9, "NOK")]),
    ("7.5 billion Norwegian kroner", [(7.5e9, "NOK")]),
    ("SEK 3.2 billion", [(3.2e9, "SEK")]),
    ("DKK 1.7 billion", [(1.7e9, "DKK")]),
    ("CHF 100 million", [(100e6, "CHF")]),
    ("10 million dollars", [(10e6, "USD")]),
    ("$10,000,000", [(10e6, "USD")]),
    ("$65.9 billion", [(65.9e9, "USD")]),
    ("$5 million", [(5e6, "USD")]),
    ("$500m", [(500e6, "USD")]),
    ("C$500 million", [(500e6, "CAD")]),
    ("A$100 million", [(100e6, "AUD")]),
    ("CAD 2 billion", [(2e9, "CAD")]),
    ("PLN 4 billion", [(4e9, "PLN")]),
    ("1 billion zlotys", [(1e9, "PLN")]),
    ("UAH 20 billion", [(20e9, "UAH")]),
    ("20 billion hryvnias", [(20e9, "UAH")]),
    ("CZK 1 billion", [(1e9, "CZK")]),
    ("$2.7 trillion", [(2.7e12, "USD")]),
    ("$300 thousand", [(300e3, "USD")]),
    ("€2 billion ($2.1 billion)", [(2e9, "EUR"), (2.1e9, "USD")]),
    ("a $15.6 billion loan and $2.7 billion now", [(15.6e9, "USD"), (2.7e9, "USD")]),
    ("EUR 18 bln", [(18e9, "EUR")]),
    ("₴1.2 billion", [(1.2e9, "UAH")]),
    ("100 million Swiss francs", [(100e6, "CHF")]),
    # not money
    ("Ukraine won 2 battles", []),
    ("They try 5 times", []),
    ("in 2023, 30 F-16 jets", []),
    ("eur 500 million", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] or "empty" for c in CASES])
def test_parse_money(text: str, expected: list[tuple[float, str]]) -> None:
    found = [(m.amount, m.currency) for m in parse_money(text)]
    assert [c for _, c in found] == [c for _, c in expected]
    assert [a for a, _ in found] == pytest.approx([a for a, _ in expected])


def test_spans_point_at_the_amount() -> None:
    text = "Japan gave ¥471.9 billion to Ukraine."
    (money,) = parse_money(text)
    assert text[money.start : money.end] == "¥471.9 billion"


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 40


def test_currency_named_after_the_symbol_wins() -> None:
    from aidtrack.extract import parse_money

    (cad, usd) = parse_money("a $2.4 billion Canadian dollars ($1.8 billion) loan")
    assert (cad.amount, cad.currency) == (2.4e9, "CAD")
    assert (usd.amount, usd.currency) == (1.8e9, "USD")


def test_hyphenated_amounts() -> None:
    from aidtrack.extract import parse_money

    assert [(m.amount, m.currency) for m in parse_money("a 120-million-euro package")] == [(1.2e8, "EUR")]


def test_the_donors_own_figure_is_picked() -> None:
    from aidtrack.extract.amounts import Told, pick_amount

    told = [
        Told("Denmark gives Ukraine 308 million euros", 8),
        Told("The guns are financed by a Danish donation of 2.3 billion kroner (308 million euros).", 30),
    ]
    money = pick_amount(told, "DNK")
    assert (money.amount, money.currency) == (2.3e9, "DKK")


def test_bare_crowns_are_the_donors_own_currency() -> None:
    from aidtrack.extract.amounts import Told, pick_amount

    for donor, currency in (("NOR", "NOK"), ("SWE", "SEK"), ("DNK", "DKK"), ("CZE", "CZK")):
        money = pick_amount([Told("The government pledged 7.5 billion crowns in aid.", 15)], donor)
        assert money is not None and (money.amount, money.currency) == (7.5e9, currency), donor


def test_conversions_and_running_totals_are_not_the_event() -> None:
    from aidtrack.extract.amounts import Told, pick_amount

    text = (
        "Washington will send $500 million (about ¥75 billion) more, bringing its aid to $12 billion so far."
    )
    money = pick_amount([Told(text, 11)], "USA")
    assert (money.amount, money.currency) == (5e8, "USD")
    total = "The tranche of €1.5 billion is part of an €18 billion programme."
    money = pick_amount([Told(total, 4)], "EU")
    assert money.amount == 1.5e9


def test_amount_of_an_article_comes_from_every_sentence_reporting_it() -> None:
    from aidtrack.extract.pipeline import extract_text

    text = (
        "Aid for Kyiv\n\nNorway has sent military aid to Ukraine. "
        "Norway sent 11 billion krone ($1 billion) worth of military aid to Ukraine this year."
    )
    (event,) = [e for e in extract_text(text) if e["type"] == "support"]
    assert (event["amount"], event["currency"]) == (11e9, "NOK")


def test_a_ceiling_or_a_possibility_is_not_the_sum() -> None:
    from aidtrack.extract.amounts import Told, pick_amount

    text = "The package is modest: only $80 million of what Congress set aside as a potential $2 billion."
    money = pick_amount([Told(text, text.index("$2"))], "USA")
    assert money is not None and money.amount == 80e6


def test_each_gapped_donor_gets_its_own_amount() -> None:
    from aidtrack.extract.pipeline import extract_text

    events = extract_text(
        "T\n\nFrance said it would allocate €100 million to Moldova and Germany €32 million."
    )
    amounts = {e["donor"]: e.get("amount") for e in events if e["type"] == "support"}
    assert amounts == {"FRA": 100e6, "DEU": 32e6}
