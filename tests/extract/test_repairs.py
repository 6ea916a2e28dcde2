"""The parse repairs of aidtrack.extract.repairs, read on the mended trees themselves.

Their events are in tests/extract/constructions_parses.yaml; these check the tree, so a repair
that stopped running (or mended the wrong words) fails here even where a rule happens to cope.
"""

from __future__ import annotations

import pytest

from aidtrack.extract.pipeline import load_nlp
from aidtrack.extract.repairs import COMPONENTS


def _tree(text: str) -> dict[str, tuple[str, str]]:
    """Each word's relation and head word."""
    return {t.text: (t.dep_, t.head.text) for t in load_nlp()(text)}


def test_the_repairs_run_at_the_end_of_the_pipeline() -> None:
    names = load_nlp().pipe_names
    assert names[-len(COMPONENTS) :] == list(COMPONENTS)


@pytest.mark.parametrize(
    ("text", "verb", "floating"),
    [
        ("Britain and Canada have each imposed sanctions on Israeli settlers.", "imposed", "each"),
        ("The two countries have all imposed sanctions on Iran.", "imposed", "all"),
        ("The United States has since paused funding for the agency.", "paused", "since"),
        ("The ministry has since approved new licences worth 31 million euros.", "approved", "since"),
    ],
)
def test_a_floating_word_leaves_the_participle_the_verb(text: str, verb: str, floating: str) -> None:
    tree = _tree(text)
    have = "has" if "has" in text.split() else "have"
    assert tree[verb][0] == "ROOT"
    assert tree[have] == ("aux", verb)
    assert tree[floating] == ("advmod", verb)
    objects = [word for word, (dep, head) in tree.items() if dep == "dobj" and head == verb]
    assert len(objects) == 1


def test_the_subject_and_its_conjuncts_follow_the_verb() -> None:
    tree = _tree("Britain, France and Canada have each imposed sanctions on violent Israeli settlers.")
    assert tree["Britain"] == ("nsubj", "imposed")
    assert tree["France"] == ("conj", "Britain")
    assert tree["on"][1] == "sanctions"


@pytest.mark.parametrize(
    "text",
    [
        "The countries have all the weapons they need.",  # no participle: "have" is the verb
        "Seoul has since 2022 refused to send weapons.",  # "since" opens a phrase of time
        "The two allies have each received used tanks from Poland.",  # "used" is an adjective
        # a fronted phrase: a subject of its own, no names after a comma, read right already
        "After talks in Paris, the ministers of France, Germany and Italy signed the accord.",
        "In Brussels on Monday, the bloc approved new sanctions on Iran.",
        "After the vote, Britain sent tanks.",
    ],
)
def test_other_trees_are_left_as_the_model_read_them(text: str) -> None:
    nlp = load_nlp()
    mended = nlp(text)
    with nlp.select_pipes(disable=list(COMPONENTS)):
        bare = nlp(text)
    assert [(t.dep_, t.head.i) for t in mended] == [(t.dep_, t.head.i) for t in bare]


def test_an_acronym_before_a_verb_without_subject_is_its_subject() -> None:
    tree = _tree("USAID provided 11.5 million dollars for Armenia.")
    assert tree["USAID"] == ("nsubj", "provided")
    assert [t.pos_ for t in load_nlp()("USAID provided 11.5 million dollars.")][0] == "PROPN"


def test_a_conversion_in_brackets_leaves_the_sum_what_it_is_in() -> None:
    text = "Japan will provide 4.5 billion yen ($30 million) in emergency grants to Ukraine."
    nlp = load_nlp()
    with nlp.select_pipes(disable=list(COMPONENTS)):
        bare = {t.text: t.head.text for t in nlp(text)}
    assert bare["in"] == "provide"  # the model's reading, which the repair mends
    assert _tree(text)["in"] == ("prep", "yen")


@pytest.mark.parametrize(
    ("text", "subject", "verb"),
    [
        ("After the coup in Niger, France and Germany suspended their aid.", "France", "suspended"),
        ("After Russia's invasion of Ukraine, Germany and Sweden dropped their bans.", "Germany", "dropped"),
        ("Following the floods in Libya, Egypt, Tunisia and Algeria sent rescue teams.", "Egypt", "sent"),
        ("Since the start of the war in Sudan, Qatar and Kuwait have each sent food.", "Qatar", "sent"),
        (
            "In May, after Turkey's incursion into Syria, Norway and Finland halted licences.",
            "Norway",
            "halted",
        ),
    ],
)
def test_the_names_after_a_fronted_phrase_are_the_subject(text: str, subject: str, verb: str) -> None:
    nlp = load_nlp()
    with nlp.select_pipes(disable=list(COMPONENTS)):
        bare = {t.text: t.dep_ for t in nlp(text)}
    assert bare[subject] == "conj"  # the model's reading: one more name of the phrase
    tree = _tree(text)
    assert tree[subject] == ("nsubj", verb)
    assert not any(dep == "nsubj" and head == verb for word, (dep, head) in tree.items() if word != subject)


def test_the_name_after_as_is_the_subject_of_its_verb() -> None:
    text = "Lithuania bans Chinese airline founder as EU freezes aid to Niger"
    nlp = load_nlp()
    with nlp.select_pipes(disable=list(COMPONENTS)):
        bare = {t.text: (t.dep_, t.head.text) for t in nlp(text)}
    assert bare["EU"] == ("pobj", "as") and bare["freezes"][0] == "ccomp"  # the model's reading
    tree = _tree(text)
    assert tree["EU"] == ("nsubj", "freezes")
    assert tree["as"] == ("mark", "freezes")
    assert tree["freezes"][0] == "advcl"


@pytest.mark.parametrize(
    ("text", "subject", "verb", "companion"),
    [
        (
            "The ruling came a week after Japan, together with Canada and Norway, imposed sanctions on two Iranian generals.",
            "Japan",
            "imposed",
            "with",
        ),
        (
            "Talks resumed days after Poland, along with Lithuania, imposed new sanctions on Belarusian hauliers.",
            "Poland",
            "imposed",
            "along",
        ),
    ],
)
def test_the_name_after_a_time_word_and_an_aside_is_the_subject(
    text: str, subject: str, verb: str, companion: str
) -> None:
    nlp = load_nlp()
    with nlp.select_pipes(disable=list(COMPONENTS)):
        bare = {t.text: (t.dep_, t.head.text) for t in nlp(text)}
    assert bare[subject] == ("pobj", "after")  # the model's reading: a phrase of time
    tree = _tree(text)
    assert tree[subject] == ("nsubj", verb)
    assert tree["after"] == ("mark", verb)
    assert tree[verb][0] == "advcl"
    assert tree[companion][1] == subject  # the companions go with the name


def test_ships_keep_the_fleet_they_belong_to() -> None:
    text = "Britain announced sanctions against 100 tankers in Russia's shadow fleet."
    nlp = load_nlp()
    with nlp.select_pipes(disable=list(COMPONENTS)):
        bare = {t.text: (t.dep_, t.head.text) for t in nlp(text)}
    assert bare["in"][1] != "tankers"  # the model's reading
    assert _tree(text)["in"] == ("prep", "tankers")


def test_a_simple_past_after_an_infinitive_joins_the_asking_verb() -> None:
    text = "Sandu asked the World Bank to set up a heating fund and urged Washington to extend its budget grants."
    nlp = load_nlp()
    with nlp.select_pipes(disable=list(COMPONENTS)):
        bare = {t.text: (t.dep_, t.head.text) for t in nlp(text)}
    assert bare["urged"] == ("conj", "set")  # the model's reading
    tree = _tree(text)
    assert tree["urged"] == ("conj", "asked")
    assert tree["and"][1] == "asked"


@pytest.mark.parametrize(
    "text",
    [
        "Russia halted gas deliveries after April, cut supplies, stopped exports.",  # a list of verbs
        "The programme ran until December, however, continued in some regions.",  # a time
        "Ships were spotted just miles from Russia's shadow fleet.",  # the preposition's own noun
        "The drone hit a boat yesterday in the Black Sea fleet.",  # a time, no ships
    ],
)
def test_look_alikes_of_the_time_clause_and_fleet_repairs_keep_their_tree(text: str) -> None:
    nlp = load_nlp()
    with nlp.select_pipes(disable=list(COMPONENTS)):
        bare = {t.text: (t.dep_, t.head.text) for t in nlp(text)}
    tree = _tree(text)
    for word in ("after", "until", "from", "in", "April", "December", "miles", "yesterday"):
        if word in bare:
            assert tree[word] == bare[word]


def test_a_verb_read_as_an_adverb_is_tagged_a_verb() -> None:
    text = (
        "Scholz announced that Germany would send tanks and that it would authorise other "
        "countries to re-export German-built Leopards to Ukraine."
    )
    nlp = load_nlp()
    with nlp.select_pipes(disable=list(COMPONENTS)):
        bare = {t.text: t.pos_ for t in nlp(text)}
    assert bare["authorise"] == "ADV"  # the model's reading
    mended = {t.text: t.pos_ for t in nlp(text)}
    assert mended["authorise"] == "VERB"
    assert mended["other"] == bare["other"]


def test_an_adverb_without_a_modal_and_an_object_stays_an_adverb() -> None:
    text = "Germany would gladly send tanks, and it has already sent jets."
    tags = {t.text: t.pos_ for t in load_nlp()(text)}
    assert tags["gladly"] == "ADV"
    assert tags["already"] == "ADV"


def test_a_package_worth_a_sum_is_the_verbs_object_again() -> None:
    text = "Finland announced a 22nd package worth 188 million euros."
    nlp = load_nlp()
    with nlp.select_pipes(disable=list(COMPONENTS)):
        bare = {t.text: (t.dep_, t.head.text) for t in nlp(text)}
    assert bare["worth"] == ("ccomp", "announced")  # the model's reading
    tree = _tree(text)
    assert tree["package"] == ("dobj", "announced")
    assert tree["worth"] == ("amod", "package")
    assert tree["euros"] == bare["euros"]


def test_a_worth_with_its_verbs_object_in_place_keeps_its_tree() -> None:
    tree = _tree("Finland announced a new package worth 188 million euros.")
    assert tree["package"] == ("dobj", "announced")
    assert tree["worth"] == ("amod", "package")


def test_for_its_part_names_no_receiver() -> None:
    tree = _tree("The World Bank, for its part, approved a 100 million dollar grant.")
    assert tree["for"][0] == "advmod"
    kept = _tree("The World Bank approved a grant for its part of the project.")
    assert kept["for"][0] == "prep"


def test_payments_paused_or_resumed_are_read_as_funding() -> None:
    lemmas = {
        t.text: t.lemma_ for t in load_nlp()("Germany paused its payments, and Canada will resume payments.")
    }
    assert lemmas["payments"] == "funding"
    kept = {t.text: t.lemma_ for t in load_nlp()("Germany paused its debt payments.")}
    assert kept["payments"] == "payment"
    bought = {t.text: t.lemma_ for t in load_nlp()("India made payments for Russian oil.")}
    assert bought["payments"] == "payment"
