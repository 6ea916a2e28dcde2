"""The learned event scorer (extract/learned.py) and its weights in data/extract/filter.json."""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
import yaml

from aidtrack.extract import article_from_text
from aidtrack.extract.keys import KEYS, ROLES
from aidtrack.extract.learned import Candidate, Model, load_model, word_classes
from aidtrack.extract.lexicon import load_lexicon
from aidtrack.extract.pipeline import MODE, article_candidates, extract_text
from tests.conftest import script_module

USES = {"rules", "filter", "model", "union"}
REPO = Path(__file__).resolve().parents[2]


def _candidates(text: str) -> list[Candidate]:
    (found,) = article_candidates([article_from_text(f"Sentence\n\n{text}", name="t")])
    return [cand for _, _, cand in found]


def _of(cands: list[Candidate], kind: str, **roles: str) -> list[Candidate]:
    return [c for c in cands if c.kind == kind and all(c.fields.get(k) == v for k, v in roles.items())]


def test_model_ships_with_valid_settings() -> None:
    model = load_model()
    assert model is not None, "rebuild it with scripts/train_extract_filter.py"
    assert set(model.use) == set(ROLES) and set(model.use.values()) <= USES
    assert all(0.0 < t < 1.0 for t in model.thresholds.values())
    assert all(0.0 < t < 1.0 for t in model.add_thresholds.values())


def test_model_learned_to_trust_the_rules() -> None:
    """Agreement with a hand-written rule raises every type's score."""
    model = load_model()
    assert model is not None
    for kind in ROLES:
        assert model.weights.get(f"{kind}:rule", 0.0) > 0.0, kind


def test_confidence_comes_from_the_model() -> None:
    text = "Aid\n\nGermany sent 14 Leopard tanks to Ukraine on Friday."
    with_model = extract_text(text)
    MODE["off"] = True
    try:
        rules_only = extract_text(text)
    finally:
        MODE.clear()
    assert [e["type"] for e in with_model] == [e["type"] for e in rules_only] == ["support"]
    assert with_model[0]["confidence"] != rules_only[0]["confidence"]
    assert 0.5 <= with_model[0]["confidence"] <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Would Italy allow exports of armoured vehicles to Ukraine if the war drags on?",
        "Poland would not lift its ban on arms exports to the region, the minister said.",
        "The EU approved a package that bans Russian ships from its ports.",
    ],
)
def test_model_adds_no_policy_change_in_questions_negations_or_sanctions(text: str) -> None:
    events = extract_text(f"Policy\n\n{text}")
    assert not [e for e in events if e["type"] == "policy_change" and e["direction"] == "loosen"]


def test_an_event_told_twice_is_surer() -> None:
    once = "Aid\n\nNorway sent artillery shells to Ukraine."
    twice = once + " Oslo also said it had sent the artillery shells to Ukraine last week."
    (first,) = extract_text(once)
    (second,) = extract_text(twice)
    assert second["confidence"] > first["confidence"]


def test_one_candidate_per_conjunct() -> None:
    cands = _candidates("Austria, Ireland and Malta said they would not send weapons to Ukraine.")
    actors = {c.fields["actor"] for c in cands if c.kind == "refusal"}
    assert {"AUT", "IRL", "MLT"} <= actors


@pytest.mark.parametrize(
    ("text", "kind", "roles", "feature"),
    [
        ("Warsaw's request for more tanks reached Berlin.", "appeal", {"actor": "POL"}, "appeal:A.slot=poss"),
        ("The refusal by Rome to send jets angered Kyiv.", "refusal", {"actor": "ITA"}, "refusal:A.slot=by"),
        (
            "Canada imposed sanctions on Iranian firms.",
            "sanction",
            {"target": "IRN"},
            "sanction:B.slot=prep:on",
        ),
        ("Canada imposed sanctions on Iranian firms.", "sanction", {"actor": "CAN"}, "sanction:A.slot=hsubj"),
        (
            "Ukraine was urged by Finland to send more weapons.",
            "appeal",
            {"actor": "FIN"},
            "appeal:A.slot=by",
        ),
        ("Moscow warned Tokyo against sending arms.", "threat", {"actor": "RUS"}, "threat:A.slot=subj"),
    ],
)
def test_roles_are_read_from_grammatical_relations(text: str, kind: str, roles: dict, feature: str) -> None:
    """Possessive, by-phrase, object of "on", subject of the verb governing a noun, subject."""
    (cand, *_) = _of(_candidates(text), kind, **roles)
    assert feature in cand.features


def test_pronoun_subjects_become_candidates() -> None:
    """ "It said it would not ...": the actor named in the sentence before acts."""
    text = "Portugal has been under pressure for weeks. It refused to send tanks to Ukraine."
    assert _of(_candidates(text), "refusal", actor="PRT")


def test_negation_hedging_and_governing_words_are_features() -> None:
    (sent,) = _of(
        _candidates("Italy will not send tanks to Ukraine."), "support", donor="ITA", recipient="UKR"
    )
    assert "support:T.neg" in sent.features
    (urged,) = _of(
        _candidates("Latvia urged Spain to send tanks to Ukraine."), "support", donor="ESP", recipient="UKR"
    )
    assert "support:T.up1=ask" in urged.features
    (maybe,) = _of(
        _candidates("Greece might send tanks to Ukraine."), "support", donor="GRC", recipient="UKR"
    )
    assert "support:T.hedged" in maybe.features


def test_features_name_no_actor_and_read_words_only_as_words() -> None:
    """Features carry across articles: no actor codes and no word of an actor's name; the
    sentence's other words are read, but only as its words ("w=...")."""
    text = "Slovenia's government handed Kosovo 40 armoured trucks, officials in Ljubljana said."
    cands = _candidates(text)
    assert cands
    codes = {c.fields.get(r) for c in cands for r in ("donor", "recipient", "actor", "target")} - {None}
    names = {"slovenia", "kosovo", "ljubljana"}
    others = {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)} - set(word_classes()) - names
    for cand in cands:
        words = {f.split(":w=", 1)[1] for f in cand.features if ":w=" in f}
        assert {"armoured", "truck", "official", "government"} <= words, words
        assert not words & names, words
        for feature in cand.features:
            parts = set(re.findall(r"[A-Za-z]+", feature))
            assert not parts & codes, feature
            assert not {p.lower() for p in parts} & names, feature
            if ":w=" not in feature:
                assert not {p.lower() for p in parts} & others, feature


def test_every_rule_event_is_scored() -> None:
    """The model never drops a rule's event for want of a candidate of the same key."""
    text = "Hungary again blocked 500 million euros of EU military aid for Ukraine."
    (found,) = article_candidates([article_from_text(f"Sentence\n\n{text}", name="t")])
    ruled = [c for _, _, c in found if "found" in c.extra]
    assert ruled
    assert all("rule" in {f.split(":", 1)[1] for f in c.features} for c in ruled)


def test_class_words_include_the_lexicon_and_noun_forms() -> None:
    table = word_classes()
    assert "ask" in table["request"] and "ask" in table["plea"]
    assert "refuse" in table["refusal"] and "refuse" in table["no"]  # YAML's bare no is read as False
    lexicon_words = {str(w).lower() for w in load_lexicon().raw["classes"]["warn"] if w is not False}
    assert lexicon_words <= {w for w, cls in table.items() if "warn" in cls}


def test_own_sentences_are_well_formed() -> None:
    """tests/extract/scorer_sentences.yaml: every event has its type's key fields."""
    cases = yaml.safe_load((Path(__file__).parent / "scorer_sentences.yaml").read_text(encoding="utf-8"))
    assert len(cases) >= 150
    for case in cases:
        assert case["text"] and isinstance(case["events"], list)
        for event in case["events"]:
            assert all(event.get(k) for k in KEYS[event["type"]]), (case["text"], event)
    kinds = {case["kind"] for case in cases}
    assert {"no_event", *ROLES} <= kinds


def _training_script() -> ModuleType:
    return script_module("train_extract_filter")


def test_two_stage_fit_is_reproducible_and_leaves_the_sentence_features_to_the_first_stage() -> None:
    """The rule features only shift the sentence features' log-odds, and a refit gives the same weights."""
    script = _training_script()
    rows = [
        ["support:bias", "support:A.slot=subj", "support:rule"],
        ["support:bias", "support:A.slot=subj"],
        ["support:bias", "support:A.slot=obj"],
        ["support:bias", "support:A.slot=obj", "support:rule"],
        ["support:bias", "support:A.slot=none"],
    ] * 8
    labels = [1, 1, 0, 1, 0] * 8
    first = script.TwoStage(0.3).fit(script.Design.of_rows(rows, labels)).weights
    again = script.TwoStage(0.3).fit(script.Design.of_rows(rows, labels)).weights
    assert first == again
    assert first["support:A.slot=subj"] > 0 > first["support:A.slot=none"]
    assert first["support:rule"] > 0
    model = Model(weights=first, thresholds={}, use={})
    assert model.score(["support:A.slot=subj"]) > model.score(["support:A.slot=obj"])


def test_training_chooses_uses_as_the_pipeline_decides() -> None:
    """The training script's replay of the pipeline's decision gives the pipeline's events,
    for every use of the model."""
    from aidtrack.extract import pipeline

    script = _training_script()
    model = load_model()
    assert model is not None
    text = (
        "Sanctions\n\nCanada and Japan imposed fresh sanctions on Iranian and Syrian firms on Tuesday. "
        "Austria, Ireland and Malta said they would not send weapons to Ukraine. "
        "Moscow warned Tokyo that any delivery of weapons to Kyiv would destroy relations. "
        "Sweden scrapped its ban on arms exports to Turkey, and Germany sent 14 tanks to Ukraine."
    )
    article = article_from_text(text, name="t")
    ((_, parsed),) = [(article, p) for p in pipeline._parse([article])]
    per_sentence, ctx = pipeline._analyse(article, parsed)
    cands = pipeline.candidates_of(per_sentence, ctx)
    doc = script.Doc("t", "development", per_sentence, {}, set())
    doc.cands = [(c, None, script._key(c.fields)) for _, c in cands]
    scores = [model.score(c.features) for _, c in cands]
    for use in sorted(USES):
        MODE.update({kind: use for kind in ROLES})
        try:
            got = {script._key(e) for e in extract_text(text)}
        finally:
            MODE.clear()
        for kind in ROLES:
            least, add = model.thresholds[kind], model.add_thresholds[kind]
            replay = script.decided_keys(doc, scores, kind, use, least, add)
            assert replay == {k for k in got if k[0] == kind}, (use, kind)


def test_thresholds_are_taken_at_the_cautious_end_of_a_plateau() -> None:
    script = _training_script()
    results = [(0.80, 0.3, 0.95, ()), (0.803, 0.5, 0.95, ()), (0.70, 0.1, 0.95, ())]
    assert script._conservative(results)[1] == 0.3


def test_a_consequence_told_without_warning_words_is_a_threat_candidate() -> None:
    """ "X said Y would pay ... if ...": the verb of saying is a threat's trigger, Y its target."""
    from aidtrack.extract.learned import _tells_a_consequence
    from aidtrack.extract.pipeline import load_nlp

    def said(text: str) -> bool:
        (verb,) = [t for t in load_nlp()(text) if t.lemma_ == "say"]
        return _tells_a_consequence(verb)

    assert said("Moscow said Warsaw would pay a heavy price if it hosted the missiles.")
    assert said("Tehran said Baghdad would regret allowing the strikes.")
    assert not said("Moscow said Warsaw hosted the missiles last year.")
    cands = _candidates("Tehran said Baghdad would regret allowing the strikes.")
    (threat,) = _of(cands, "threat", actor="IRN", target="IRQ")
    # a rule reads this one now (threat_harm), so its trigger is the rule's own, "regret", and
    # Baghdad is that verb's subject
    assert "threat:rule=threat" in threat.features and "threat:B.slot=subj" in threat.features


def test_an_actor_named_only_in_the_sentence_before_fills_the_first_role() -> None:
    """ "The government said ...": the actor the sentence before was about is a candidate, marked
    as named earlier; where the sentence names it ("Lisbon said ...") it is read in place."""
    before = "Portugal has faced pressure from Kyiv for weeks. "
    (unnamed,) = _of(_candidates(before + "The government said that no more tanks would be sent."), "refusal")
    assert unnamed.fields["actor"] == "PRT"
    assert "refusal:A.earlier=previous" in unnamed.features
    (named,) = _of(_candidates(before + "Lisbon said that no more tanks would be sent."), "refusal")
    assert named.fields["actor"] == "PRT"
    assert not [f for f in named.features if "A.earlier" in f]


def test_the_trigger_phrase_says_what_kind_of_support_it_is_about() -> None:
    """ "urged Spain to send shells" names military support; "to respect the ceasefire" none."""
    cands = _of(
        _candidates("Latvia urged Spain to send shells. Latvia urged Spain to respect the ceasefire."),
        "appeal",
        actor="LVA",
    )
    names = {
        c.sentence.span.text.split()[4]: {f for f in c.features if f.startswith("appeal:T.names=")}
        for c in cands
    }
    assert names == {"send": {"appeal:T.names=military"}, "respect": {"appeal:T.names=none"}}


def test_an_export_rule_change_is_a_candidate_without_a_word_for_the_kind_of_support() -> None:
    cands = _candidates("Sweden scrapped its ban on exports to Turkey.")
    assert _of(cands, "policy_change", actor="SWE", direction="loosen")


class _Cand:
    def __init__(self, kind: str) -> None:
        self.kind = kind


def test_calibration_tempers_overconfident_scores() -> None:
    """Platt scaling on out-of-fold scores: events scored 0.99 that are right half the time
    come out near 0.5; the ranking is kept."""
    script = _training_script()
    doc = script.Doc("t", "development", [], {}, set())
    doc.cands = [(_Cand("threat"), i % 2, ("threat",)) for i in range(200)]
    doc.cands += [(_Cand("threat"), 0, ("threat",)) for _ in range(200)]
    raw = {0: np.array([0.99] * 200 + [0.01] * 200)}
    scale, shifts = script.calibration([doc], raw)
    out = script.calibrated([doc], raw, scale, shifts)[0]
    assert 0 < scale < 1
    assert abs(out[0] - 0.5) < 0.05 and out[-1] < 0.05
    model = script.TwoStage(0.3)
    model.weights = {"bias": 0.0, "threat:bias": 0.0, "threat:x": 2.0}
    model.calibrate(scale, shifts)
    assert model.weights["threat:x"] == pytest.approx(2.0 * scale)
    assert model.weights["threat:bias"] == pytest.approx(shifts["threat"])


def test_the_ceiling_counts_gold_events_with_a_candidate(capsys: pytest.CaptureFixture[str]) -> None:
    script = _training_script()
    doc = script.Doc(
        "t", "development", [], {("threat", "RUS", "KOR"): [(0, 10)], ("threat", "CHN", "LTU"): []}, set()
    )
    doc.cands = [(_Cand("threat"), 1, ("threat", "RUS", "KOR"))]
    script.print_ceiling([doc])
    (row,) = [line.split() for line in capsys.readouterr().err.splitlines() if line.startswith("threat")]
    assert row == ["threat", "2", "0.00", "0.50", "0.50"]


def test_who_is_asked_may_be_named_in_the_sentence_before() -> None:
    text = "Australia is retiring its Taipan helicopters early. Ukraine made an official request for the helicopters."
    (asked,) = _of(_candidates(text), "appeal", actor="UKR", target="AUS")
    assert "appeal:B.earlier" in asked.features


def test_a_fit_on_some_rows_of_the_design_is_a_fit_on_those_rows_alone() -> None:
    """The folds slice one design built once: a feature only the other rows have gets no weight,
    and the weights are those of a design built from the slice's rows."""
    script = _training_script()
    rows = [
        ["support:bias", "support:A.slot=subj", "support:rule"],
        ["support:bias", "support:A.slot=obj"],
        ["support:bias", "support:A.slot=subj"],
        ["support:bias", "support:A.slot=none", "support:rule"],
    ] * 6 + [["support:bias", "support:T.neg"]] * 3
    labels = [1, 0, 1, 0] * 6 + [0] * 3
    data = script.Design.of_rows(rows, labels)
    sliced = script.TwoStage(1.0).fit(data, np.arange(24)).weights
    alone = script.TwoStage(1.0).fit(script.Design.of_rows(rows[:24], labels[:24])).weights
    assert "support:T.neg" not in sliced
    assert sliced.keys() == alone.keys()
    assert all(abs(sliced[k] - alone[k]) < 1e-6 for k in alone)


def test_the_first_stage_weighs_what_no_rule_proposed_more() -> None:
    script = _training_script()
    data = script.Design.of_rows(
        [["support:bias", "support:rule"], ["support:bias", "support:rule_other"]], [1, 0]
    )
    assert list(data.weights) == [1.0, script.UNRULED_WEIGHT] and script.UNRULED_WEIGHT > 1.0


def test_a_use_that_costs_the_development_articles_is_not_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    """A gain on our own sentences does not buy a loss on real articles."""
    script = _training_script()
    # (F1 of both parts, filter threshold, add threshold, counts, F1 development, F1 own sentences)
    results = {
        "rules": (0.80, 0.5, 0.95, (8, 2, 2), 0.80, 0.80),
        "filter": (0.80, 0.1, 0.95, (8, 2, 2), 0.80, 0.80),
        "model": (0.90, 0.1, 0.6, (9, 1, 1), 0.70, 0.95),
        "union": (0.85, 0.5, 0.6, (9, 2, 1), 0.80, 0.88),
    }
    monkeypatch.setattr(script, "_contradicts", lambda *args: False)
    monkeypatch.setattr(script, "_option", lambda docs, scores, kind, use, least, add: results[use])
    chosen = script.choose([], {}, {}, {})
    assert {kind: use for kind, (use, *_) in chosen.items()} == dict.fromkeys(script.TYPES, "union")


def test_training_reads_every_constructions_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """constructions.yaml, constructions_measures.yaml and any later constructions*.yaml train."""
    script = _training_script()
    for name, text in (
        ("constructions.yaml", "Chile sent tents to Peru."),
        ("constructions_measures.yaml", "Peru banned arms exports to Bolivia."),
        ("scorer_sentences.yaml", "Not a construction file."),
    ):
        (tmp_path / name).write_text(yaml.safe_dump([{"text": text, "events": []}]), encoding="utf-8")
    monkeypatch.setattr(script, "CONSTRUCTIONS", tmp_path)
    texts = [text for _, text, _, _ in script._construction_articles()]
    assert texts == ["Chile sent tents to Peru.", "Peru banned arms exports to Bolivia."]


def _support(text: str, donor: str, recipient: str) -> Candidate:
    (cand,) = [
        c for c in _of(_candidates(text), "support", donor=donor, recipient=recipient) if "found" in c.extra
    ]
    return cand


def test_trade_and_aid_words_are_features() -> None:
    """A sale under a contract reads as trade, a donation as aid: neither names an article's word."""
    sale = _support("South Korea will deliver 180 tanks to Poland under a purchase contract.", "KOR", "POL")
    gift = _support("South Korea will deliver 180 tanks to Poland as a gift.", "KOR", "POL")
    assert "support:S=trade" in sale.features and "support:T.phrase=trade" in sale.features
    assert "support:S=trade" not in gift.features
    assert "support:S=aid" in gift.features


def test_year_and_background_tense_are_features() -> None:
    cands = _of(_candidates("Chile had sent 10 tanks to Ukraine in 2023."), "support", donor="CHL")
    assert cands and all({"support:S.year", "support:T.pluperfect"} <= set(c.features) for c in cands)
    (now,) = _of(_candidates("Chile sent 10 tanks to Ukraine."), "support", donor="CHL", recipient="UKR")
    assert not {"support:S.year", "support:T.pluperfect"} & set(now.features)


def test_doubts_are_said_of_the_rules_events_only_and_fitted_with_the_rule_features() -> None:
    """ "rule|..." features exist only on a rule's event, so the second stage learns from them
    when the rules are wrong."""
    script = _training_script()
    cands = _of(
        _candidates("South Korea will deliver 180 tanks to Poland under a purchase contract."), "support"
    )
    ruled = [c for c in cands if "found" in c.extra]
    others = [c for c in cands if "found" not in c.extra]
    assert ruled and others
    assert all("support:rule|S=trade" in c.features for c in ruled)
    assert not [f for c in others for f in c.features if "rule|" in f]
    assert script._is_rule_feature("support:rule|S=trade")
    assert not script._is_rule_feature("support:S=trade")


def test_the_model_doubts_a_sale_more_than_a_gift() -> None:
    model = load_model()
    assert model is not None
    sale = _support("South Korea will deliver 180 tanks to Poland under a purchase contract.", "KOR", "POL")
    gift = _support("South Korea will deliver 180 tanks to Poland as a gift.", "KOR", "POL")
    assert model.score(sale.features) < model.score(gift.features)


def test_choosing_for_a_type_reads_only_the_articles_it_can_change() -> None:
    """An article with neither a candidate nor a gold event of the type is left out; one with
    only a gold event of it stays (a miss counts against every use)."""
    script = _training_script()
    missed = script.Doc("missed", "development", [], {("threat", "RUS", "KOR"): [(0, 9)]}, set())
    other = script.Doc("other", "development", [], {("support", "DEU", "UKR", "MILITARY"): [(0, 9)]}, set())
    other.cands = [(_Cand("support"), 1, ("support", "DEU", "UKR", "MILITARY"))]
    scores = {0: np.array([]), 1: np.array([0.9])}
    assert set(script._about([missed, other], scores, "threat", gold=True)) == {0}
    assert set(script._about([missed, other], scores, "threat", gold=False)) == set()
    assert set(script._about([missed, other], scores, "support", gold=False)) == {1}


def test_news_articles_of_both_sets_are_held_out_to_choose_the_uses() -> None:
    script = _training_script()
    assert {"development", "dev", "fresh"} <= set(script.HELD_OUT)
    assert set(script.NEWS) == {"development", "dev", "own", "untuned"}
    # two of the four sets of own articles by other authors train; the blind sets never do
    assert set(script.OWN_ARTICLES) == {"heldout4_a", "heldout4_b"}
    scoring = script_module("eval_extract")
    assert {"validation", "heldout4_c", "heldout4_d", "heldout5_a", "heldout5_b"} <= set(scoring.BLIND_PARTS)
    assert not {*script.OWN_ARTICLES, *script.UNTUNED_ARTICLES} & set(scoring.BLIND_PARTS)
    # the uses are chosen on the articles the rules were not written from
    assert set(script.UNTUNED_NEWS) == {"own", "untuned"}


def test_no_use_may_contradict_a_sentence_whose_test_is_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    """One contradicted sentence of the construction files is within the allowance; one of the
    pattern tests (whose events are asserted exactly) is not."""
    script = _training_script()
    docs = [script.Doc(f"s{i}", "train", [], {}, set()) for i in range(400)]
    wrong = ("refusal", "HUN", "MILITARY")
    # the use would add one event nobody asked for, in the first sentence only
    monkeypatch.setattr(script, "decided_keys", lambda doc, *args: {wrong} if doc is docs[0] else set())
    spec = {i: np.array([]) for i in range(len(docs))}
    assert not script._contradicts(docs, spec, "refusal", "model", 0.02, 0.5)
    docs[0].part = "exact"
    assert script._contradicts(docs, spec, "refusal", "model", 0.02, 0.5)
