"""Which amount is a support event's own: not a conversion, a running total, or a joint total."""

from __future__ import annotations

from aidtrack.extract.amounts import Told, pick_amount
from aidtrack.extract.pipeline import extract_text


def test_an_amount_told_for_several_events_yields_to_the_one_told_for_this_event() -> None:
    told = [
        Told("The EU allocated EUR 282 million to Chad and Sudan.", 7, shared=2),
        Told("In Chad, EUR 74.5 million will support refugees.", 26),
    ]
    money = pick_amount(told, "EU")
    assert money is not None and money.amount == 74_500_000


def test_without_a_sentence_of_its_own_the_joint_total_is_kept() -> None:
    money = pick_amount([Told("Japan gave EUR 10 million to Turkey and Syria.", 6, shared=2)], "JPN")
    assert money is not None and money.amount == 10_000_000


def test_each_recipient_gets_the_sum_told_for_it() -> None:
    text = (
        "EU aid\n\nThe European Commission has announced EUR 282 million in humanitarian aid to "
        "Chad, Sudan and neighbouring countries.\n\nIn Sudan, EUR 160 million will support people "
        "in regions affected by conflict. In Chad, EUR 74.5 million will support the response to "
        "the displacement crisis."
    )
    amounts = {e["recipient"]: e.get("amount") for e in extract_text(text) if e["type"] == "support"}
    assert amounts == {"SDN": 160_000_000, "TCD": 74_500_000}


def test_a_sum_told_for_several_givers_yields_to_the_donors_own() -> None:
    cases = [
        (
            [
                Told("Washington unveiled a G7 deal on a $50 billion loan for Kyiv.", 12),
                Told("The United States will put in $20 billion of that.", 22),
            ],
            "USA",
            20e9,
        ),
        (
            [
                Told("Norway and Denmark will give a combined 900 million kroner to Kyiv.", 27),
                Told("Norway's part is 500 million kroner, the ministry said.", 15),
            ],
            "NOR",
            500e6,
        ),
        (
            [
                Told("Allies together pledged C$3 billion, with Canada among them.", 16),
                Told("Canada's package is worth C$400 million.", 0),
            ],
            "CAN",
            400e6,
        ),
    ]
    for told, donor, expected in cases:
        money = pick_amount(told, donor)
        assert money is not None and money.amount == expected, (donor, money)


def test_the_group_that_gives_keeps_its_own_total() -> None:
    told = [
        Told("The G7 agreed on a $50 billion loan to Ukraine.", 7),
        Told("The United States will contribute $20 billion of it.", 30),
    ]
    money = pick_amount(told, "G7")
    assert money is not None and money.amount == 50e9


def test_a_joint_total_alone_is_still_the_events_amount() -> None:
    money = pick_amount([Told("Sweden and Finland will provide a combined $80 million.", 20)], "SWE")
    assert money is not None and money.amount == 80e6


def test_a_running_total_told_after_to_date_or_already_paid_yields_to_the_new_sum() -> None:
    told = [
        Told("The World Bank approved a $2 billion loan to Moldova and Georgia.", 18, shared=2),
        Told(
            "To date, the bank has mobilised over $30 billion for Moldova, of which $12 billion "
            "has already been disbursed.",
            23,
        ),
    ]
    money = pick_amount(told, "WB")
    assert money is not None and money.amount == 2_000_000_000


def _amounts(text: str) -> dict[tuple[str, str, str], float | None]:
    return {
        (e["donor"], e["recipient"], e["category"]): e.get("amount")
        for e in extract_text(text)
        if e["type"] == "support"
    }


def test_a_sum_told_for_another_recipient_of_the_sentence_is_not_this_ones() -> None:
    got = _amounts(
        "The European Commission pledged 60 million euros for food and shelter in Jordan and a "
        "further 25 million euros for Lebanon."
    )
    assert got[("EU", "LBN", "humanitarian")] == 25_000_000


def test_a_sum_told_for_another_kind_of_support_is_not_this_ones() -> None:
    got = _amounts(
        "Denmark said it would add 4 billion kroner to its military aid for Ukraine this year and "
        "set aside 700 million kroner for humanitarian relief."
    )
    assert got[("DNK", "UKR", "military")] == 4_000_000_000


def test_the_next_giver_of_a_list_is_no_receiver_of_the_sum_before() -> None:
    got = _amounts(
        "Finland will give Ukraine 90 million euros in shells, while Estonia will add 12 million euros."
    )
    assert got[("FIN", "UKR", "military")] == 90_000_000


def test_a_lenders_sum_keeps_its_kind_whatever_it_pays_for() -> None:
    got = _amounts(
        "The IMF approved about $80 million under its credit facility for Malawi, and the World Bank "
        "approved $200 million in grants to Malawi for school meals and clinics."
    )
    assert got[("WB", "MWI", "financial")] == 200_000_000
