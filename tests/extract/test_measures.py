"""Threats, sanctions and policy changes on our own sentences (tests/extract/constructions_measures.yaml).

The sentences (390) were written for issue 12 before the rules were changed for them; the
floors sit a little under what was measured on 2026-11-30 (threat P 1.00 R 0.99, sanction
P 1.00 R 0.98, policy_change P 0.99 R 0.99; the rules at the start of that round read them
with threat P 0.86 R 0.56, sanction P 0.98 R 0.72, policy_change P 0.81 R 0.80). They were
tuned on, so the estimate for unseen text is the validation part.

A later round (E8) added two blind batches (kinds ``blind-<construction>``, 102 sentences) and
the sentences of each mechanism built for them; on 2026-11-30 the whole file read threat P 1.00
R 0.94, sanction P 1.00 R 0.96, policy_change P 1.00 R 0.94 (the first run of each blind batch
is recorded in a comment above it).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from aidtrack.extract.keys import event_key
from aidtrack.extract.pipeline import MODE, extract_text

CASES = yaml.safe_load((Path(__file__).parent / "constructions_measures.yaml").read_text(encoding="utf-8"))
TYPES = ("threat", "sanction", "policy_change")
FLOOR_PRECISION = 0.94
FLOOR_RECALL = 0.93


def _key(event: dict) -> tuple[str, ...]:
    return event_key(event, folded=True)


def _events(text: str, *, headline: bool = False) -> set[tuple[str, ...]]:
    article = f"{text}\n\nThe report follows." if headline else f"Sentence\n\n{text}"
    return {_key(e) for e in extract_text(article) if e["type"] in TYPES}


def test_own_sentences_meet_the_floor_per_type() -> None:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for case in CASES:
        got = _events(case["text"], headline=case["kind"] == "headline-case")
        wanted = [e for e in case["events"] if e["type"] in TYPES]
        required = {_key(e) for e in wanted if not e.get("optional")}
        got -= {_key(e) for e in wanted if e.get("optional")}
        for key in got & required:
            tp[key[0]] += 1
        for key in got - required:
            fp[key[0]] += 1
        for key in required - got:
            fn[key[0]] += 1
    for kind in TYPES:
        precision = tp[kind] / max(1, tp[kind] + fp[kind])
        recall = tp[kind] / max(1, tp[kind] + fn[kind])
        assert precision >= FLOOR_PRECISION, (kind, precision, recall)
        assert recall >= FLOOR_RECALL, (kind, precision, recall)


# one sentence per mechanism (not in the yaml), with exactly its events of these types
MECHANISMS = [
    # a headline's verb read as a noun; the buyer after "for" is no target
    ("UK sanctions Iranian shipping firms over drone sales to Russia", {("sanction", "GBR", "IRN")}),
    # the noun of an imposing verb, with its maker
    (
        "Canada's imposition of penalties on Belarusian potash firms angered Minsk.",
        {("sanction", "CAN", "BLR")},
    ),
    # parties of no country are sanctioned for the country of the goods they deal in
    ("Britain blacklisted traders selling Iranian missiles to Moscow.", {("sanction", "GBR", "IRN")}),
    # shut out of a scheme, denied access to ports
    ("Ottawa expelled Syrian banks from its clearing system.", {("sanction", "CAN", "SYR")}),
    ("Cyprus denied Russian tankers access to its ports.", {("sanction", "CYP", "RUS")}),
    # standing measures due for renewal are in force
    ("Australian sanctions on Iran must be renewed every year.", {("sanction", "AUS", "IRN")}),
    # a maker told by "under" the measures
    (
        "Under measures announced by Tokyo, Russian lenders will be cut off from Japanese markets.",
        {("sanction", "JPN", "RUS")},
    ),
    # idioms of consequence
    ("Beijing said Canberra was playing with fire by hosting American bombers.", {("threat", "CHN", "AUS")}),
    (
        "Moscow said Helsinki would be crossing a red line if it hosted nuclear weapons.",
        {("threat", "RUS", "FIN")},
    ),
    # a warning defied
    ("Despite Iranian warnings, Bahrain joined the naval coalition.", {("threat", "IRN", "BHR")}),
    # arming someone in answer to another's act
    (
        "Pyongyang warned it could ship rockets to Moscow if Seoul sent howitzers to Kyiv.",
        {("threat", "PRK", "KOR")},
    ),
    # a message passed on to named parties
    (
        "Moscow has made clear to Tallinn that hosting the missiles would be a hostile act.",
        {("threat", "RUS", "EST")},
    ),
    # a single arms deal frozen; rules in force and forecasts are no change
    ("Rome froze a contract to sell helicopters to Ankara.", {("policy_change", "ITA", "tighten")}),
    ("Austria's neutrality law forbids arms exports to countries at war.", set()),
    ("Analysts expect Seoul to relax its arms export rules.", set()),
    # "no longer" turns the direction of the verb
    ("Denmark will no longer block arms exports to Turkey.", {("policy_change", "DNK", "loosen")}),
    # a court ordering a halt
    (
        "A Belgian court ordered a halt to deliveries of ammunition to Israel.",
        {("policy_change", "BEL", "tighten")},
    ),
    # a consequence told as the party's own suffering, aimed at what is to come
    (
        "Seoul said Tokyo would be held responsible for any damage to its fishing boats.",
        {("threat", "KOR", "JPN")},
    ),
    ("Moscow said Vilnius would rue the day it cut the rail link.", {("threat", "RUS", "LTU")}),
    ("Kyiv will hold Moscow responsible for the attack on the dam.", set()),
    # a hostile act the speaker announces on another's condition
    (
        "Ottawa said it would suspend trade talks with India unless New Delhi allowed the inquiry.",
        {("threat", "CAN", "IND")},
    ),
    # a warning told in the passive; news passed on is no threat
    (
        "Warsaw was warned by Minsk that the new fence would be seen as a hostile act.",
        {("threat", "BLR", "POL")},
    ),
    ("Tallinn was warned by Helsinki that Russia was moving troops to the border.", set()),
    # carriers marked with a flag; closings and listings told as nouns
    ("Bulgaria closed its ports to tankers flying the Iranian flag.", {("sanction", "BGR", "IRN")}),
    (
        "Romania's closure of its airspace to Russian planes was announced on Monday.",
        {("sanction", "ROU", "RUS")},
    ),
    ("Australia's blacklisting of four Russian officials followed the attack.", {("sanction", "AUS", "RUS")}),
    # a stance against arming dropped; a change told as a noun with its maker after "by"
    (
        "Portugal dropped its reluctance to export ammunition to countries at war.",
        {("policy_change", "PRT", "loosen")},
    ),
    ("The halt of arms exports to Israel by Slovenia was confirmed.", {("policy_change", "SVN", "tighten")}),
]


@pytest.mark.parametrize(("text", "expected"), MECHANISMS, ids=[m[0][:40] for m in MECHANISMS])
def test_mechanism_reads_exactly_its_events(
    text: str, expected: set[tuple[str, ...]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rules alone (the learned scorer off): each mechanism reads exactly its events."""
    monkeypatch.setitem(MODE, "off", True)
    expected = {(k[0], *(v.upper() for v in k[1:])) for k in expected}
    assert _events(text) == expected
