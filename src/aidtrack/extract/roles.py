"""Roles in a support clause: donor, recipient, category and stage.

Shared by the event rules of :mod:`aidtrack.extract.rules`.
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Token

from aidtrack.actors.names import display_name
from aidtrack.extract.clauses import (
    PERMISSIONS,
    Sentence,
    agent_of,
    children,
    is_passive,
    joined_after,
    joined_before,
    prep_objects,
    raised_objects,
    subject_of,
)
from aidtrack.extract.modality import is_future, is_past
from aidtrack.extract.money import CURRENCY_WORDS
from aidtrack.extract.parties import (
    COMPANION_PREPS,
    STATE_NOUNS,
    WAR_NOUNS,
    WITH_ADVERBS,
    actors_of,
    companions,
    is_state,
    opening_place,
)

RECIPIENT_PREPS = frozenset({"to", "for", "into", "toward", "towards"})
DOBJ_RECIPIENT_VERBS = frozenset(
    {
        "supply",
        "provide",
        "arm",
        "equip",
        "give",
        "train",
        "help",
        "support",
        "fund",
        "finance",
        "assist",
        "back",
        "furnish",
        "aid",
        "lend",
        "send",
        "offer",
        "hand",
        "sell",
        "loan",
    }
)
IMMATERIAL = frozenset(
    {
        "political",
        "diplomatic",
        "moral",
        "verbal",
        "rhetorical",
        "public",
        "symbolic",
        "unwavering",
        "steadfast",
    }
)
# pooled instruments that pay or buy with many parties' money: the channel the payers give
# through, run by someone who is not a giver for it ("the trust fund", "a Czech-led scheme")
POOLED_INSTRUMENTS = frozenset(
    {"mechanism", "fund", "scheme", "facility", "initiative", "programme", "program", "account", "platform"}
)
# channels whose name is not the receiver ("to the Czech initiative", "into the fund"): the
# pooled instruments, and the plans, efforts, budgets and frameworks money is put into
INSTRUMENTS = POOLED_INSTRUMENTS | frozenset(
    {
        "plan",
        "model",
        "effort",
        "coalition",
        "budget",
        "economy",
        "industry",
        "project",
        "framework",
        "package",
    }
)
_WITH_VERBS = frozenset({"sign", "agree", "conclude", "finalize", "finalise", "ink"})
_OBJECT_DEPS = frozenset(
    {
        "dobj",
        "nsubjpass",
        "attr",
        "oprd",
        "prep",
        "dative",
        "xcomp",
        "acomp",
        "npadvmod",
        "appos",
        "pobj",
        "amod",
        "compound",
        "nmod",
        "poss",
        "acl",
        "relcl",
        "nummod",
        "quantmod",
        "advmod",
    }
)
_LEFT_MODIFIERS = frozenset({"poss", "amod", "compound", "nmod", "det"})


# private givers named by nationality are not the state: "Polish volunteers delivered food",
# "two American firms sold weapons" (a sale by a firm is commerce, not aid)
PRIVATE = frozenset(
    {
        "volunteer",
        "activist",
        "charity",
        "citizen",
        "resident",
        "diaspora",
        "church",
        "businessman",
        "crowdfunding",
        "fan",
        "athlete",
        "celebrity",
        "businesswoman",
        "entrepreneur",
        "company",
        "firm",
        "manufacturer",
        "contractor",
        "corporation",
        "arms-maker",
        "chain",
        "retailer",
        "supermarket",
        "foundation",
        "maker",
        "producer",
        "exporter",
        "dealer",
        "shipbuilder",
    }
)


# what a firm is called beside its name ("German defence giant Rheinmetall", "the Swedish
# defence group Saab"): words that name a firm only as such a descriptor
_FIRM_DESCRIPTORS = frozenset({"giant", "group", "conglomerate", "multinational", "concern"})
# nouns of a state or its bodies, which a trade described beside them does not make a firm:
# "the kingdom, the world's biggest oil exporter", "the Indian government, a major rice exporter"
_STATE_BODIES = STATE_NOUNS | {
    "government",
    "country",
    "state",
    "administration",
    "ministry",
    "cabinet",
    "authority",
}


def _private(sentence: Sentence, party: Token) -> bool:
    """A private giver named by nationality ("Polish volunteers", "Swiss companies"), or a firm
    described beside its name ("Rheinmetall, the German arms maker", "German defence giant
    Rheinmetall"): its nationality is not its state's gift."""
    if party.i in sentence.codes:
        return False
    if party.lemma_.lower() in PRIVATE or _firm_word(party):
        return True
    if party.lemma_.lower() in _STATE_BODIES:
        return False
    return any(_firm_descriptor(sentence, c) for c in party.children)


# the words that make a "group" one of states, not a firm: "a donor group", "the contact group"
_STATES_GROUPS = frozenset({"donor", "contact"})


def _firm_word(word: Token) -> bool:
    """ "giant", "conglomerate", or a "group" named by what it makes ("the Swedish defence
    group Saab", "a Dutch aid group"; not "the Visegrad Group" nor "a donor group led by Japan")."""
    lemma = word.lemma_.lower()
    if lemma not in _FIRM_DESCRIPTORS:
        return False
    if lemma != "group":
        return True
    makes = [c for c in word.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
    led = any(c.dep_ == "acl" and c.lemma_.lower() == "lead" for c in word.children)
    return bool(makes) and not led and not any(c.lemma_.lower() in _STATES_GROUPS for c in makes)


def _firm_descriptor(sentence: Sentence, word: Token) -> bool:
    """An appositive or a title in front that calls a name a firm, with what it makes ("arms
    maker", "defence group") or as a firm word of its own ("manufacturer")."""
    if word.dep_ not in ("appos", "compound") or word.i in sentence.codes:
        return False
    if word.dep_ == "compound" and word.i > word.head.i:
        return False
    return word.lemma_.lower() in PRIVATE or _firm_word(word)


def donors_of_verb(sentence: Sentence, verb: Token) -> list[str]:
    """Who gives: the subject, the "by" agent of a passive, or "X's pledge to send"."""
    subject = subject_of(verb)
    if subject is not None and _private(sentence, subject):
        return []
    if (  # "Indian firms that supply Russia's military": the relative pronoun stands for the firms
        subject is not None
        and subject.tag_ in ("WDT", "WP")
        and verb.dep_ == "relcl"
        and _private(sentence, verb.head)
    ):
        return []
    own_agent = agent_of(verb) if verb.dep_ == "acl" and verb.tag_ == "VBN" else None
    if (
        own_agent is not None
        and verb.head.pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    ):  # "Ukraine is using jets donated by Norway": the agent gives, not the user
        return [] if _private(sentence, own_agent) else actors_of(sentence, own_agent)
    if (
        verb.dep_ == "acl"
        and verb.tag_ in ("VB", "VBN", "VBG")
        and verb.head.pos_ in ("NOUN", "PROPN")
        and not subject_of(verb)
    ):
        agent = agent_of(verb)
        if agent is not None:  # "tanks committed by Spain", not "shells supplied by Swiss firms"
            return [] if _private(sentence, agent) else actors_of(sentence, agent)
        noun = verb.head
        if noun.lemma_.lower() in PERMISSIONS:  # "Poland sought Germany's approval to send tanks":
            return []  # a permission sought or granted, nothing given yet
        found = modifier_actors(sentence, noun)
        if not found and noun.dep_ == "dobj":  # "Latvia approved a plan to give ..."
            found = actors_of(sentence, subject_of(noun.head))
        return found
    if is_passive(verb):
        agent = agent_of(verb)
        if agent is not None and _private(sentence, agent):
            return []  # "shells supplied by Swiss companies": commerce, not the state's aid
        found = actors_of(sentence, agent) if agent is not None else []
        for obj in prep_objects(verb, frozenset({"from"})):
            found += [c for c in actors_of(sentence, obj) if c not in found]
        if not found:  # "Kyiv has been promised shells by Lithuania" (the "by" hung on the object)
            for obj in children(verb, frozenset({"dobj"})):
                found += [c for o in prep_objects(obj, frozenset({"by"})) for c in actors_of(sentence, o)]
        if not found:  # "will be supplied with 20 howitzers by Norway" (the "by" hung on the noun)
            for obj in prep_objects(verb, frozenset({"with"})):
                found += [
                    c
                    for o in prep_objects(obj, frozenset({"by"}))
                    for c in actors_of(sentence, o)
                    if c not in found
                ]
        if not found:  # "Polish and Czech tanks were delivered to Ukraine": the makers' states give
            found = _national_things(sentence, verb)
        return found
    found = actors_of(sentence, subject_of(verb))  # "Germany, along with France, has pledged"
    return found + [c for c in companions(sentence, verb) if c not in found] if found else found


_BATCHES = frozenset(
    {"batch", "shipment", "consignment", "delivery", "convoy", "load", "tranche", "set", "lot"}
)


# nouns that count people or things: "thousands of North Korean soldiers", "dozens of ministers"
COUNT_NOUNS = frozenset(
    {"thousand", "hundred", "dozen", "million", "score", "number", "contingent", "handful", "group"}
)


def _national_things(sentence: Sentence, verb: Token) -> list[str]:
    """The states named by the adjectives or possessors of what a passive transfer moves
    ("Polish and Czech tanks were delivered", "the EU's aid to Sudan was increased"), when it
    has no agent; not "US-made" origins."""
    found: list[str] = []
    things = children(verb, frozenset({"nsubjpass"}))
    things += [
        g
        for t in things
        if t.lemma_.lower() in _BATCHES or t.lemma_.lower() in COUNT_NOUNS or t.like_num
        for g in prep_objects(t, frozenset({"of"}))
    ]  # "the first batch of Italian howitzers", "thousands of North Korean soldiers"
    for thing in things:  # "the first batch of Italian howitzers has been delivered"
        gift = thing.lemma_.lower() in sentence.lexicon.words("support", "nouns")
        if gift:  # "the pledges of Norway and Denmark will be channelled through the WFP"
            found += [c for c in _of_givers(sentence, thing) if c not in found]
        owners = [  # "an EU loan was approved": a name compounded with a gift names its giver
            c for c in thing.children if c.dep_ == "amod" or (gift and _giver_modifier(sentence, c))
        ]
        for adj in owners:  # "the EU's aid was increased"; not "Ukraine's pilots were trained"
            for tok in [adj, *(c for c in adj.children if c.dep_ == "conj")]:
                code = sentence.code(tok)
                after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
                if code and code not in found and not (after is not None and after.text == "-"):
                    found.append(code)
    return found


def _of_givers(sentence: Sentence, gift: Token) -> list[str]:
    """The parties an "of" phrase of a gift names ("the pledges of Norway and Denmark"), not a
    sum or what is given ("a pledge of 50 million euros", "a delivery of Polish tanks")."""
    return [
        c
        for t in prep_objects(gift, frozenset({"of"}))
        if t.i in sentence.codes and not any(g.like_num or g.tag_ == "$" for g in t.subtree)
        for c in actors_of(sentence, t)
    ]


def _giver_modifier(sentence: Sentence, modifier: Token) -> bool:
    """ "the EU's aid", "an EU loan": a possessor or a coded name compounded with a gift."""
    if modifier.dep_ == "poss":
        return modifier.pos_ != "PRON"
    return modifier.dep_ == "compound" and modifier.pos_ == "PROPN" and modifier.i in sentence.codes


# what a state owns that others may draw money from: "profits from Russian assets"
_WEALTH = frozenset({"asset", "reserve", "holding", "deposit", "profit", "proceeds", "revenue", "windfall"})


def names_wealth(token: Token) -> bool:
    """ "immobilised Russian central bank assets", "the windfall profits": a state's wealth that
    money is drawn from. Its owner is no giver ("a loan repaid with profits from Russian
    assets")."""
    return token.lemma_.lower() in _WEALTH


def modifier_actors(sentence: Sentence, noun: Token, *, of: bool = False) -> list[str]:
    """Actors in a noun's own modifiers: "Belgium's pledge", "Dutch aid", "aid from X",
    and with ``of`` "the pledges of Norway and Denmark"."""
    found: list[str] = []
    tokens = [
        c
        for c in noun.children
        if c.dep_ in _LEFT_MODIFIERS and c.i < noun.i and not (_made_in(c) and not _a_measure(sentence, noun))
    ]
    tokens += [t for t in prep_objects(noun, frozenset({"from", "by"})) if not names_wealth(t)]
    if of:  # not "a loan of 140 billion euros (163 billion U.S. dollars)"
        tokens += [
            t
            for t in prep_objects(noun, frozenset({"of"}))
            if not any(g.like_num or g.tag_ == "$" for g in t.subtree)
        ]
    for tok in tokens:
        found += [c for c in actors_of(sentence, tok) if c not in found]
    if sentence.code(noun) and sentence.code(noun) not in found:
        found.append(sentence.codes[noun.i])
    return found


# participles of where a thing was made ("Russian-made weapons", "US-built fighters"): its
# origin, which neither gives it nor acts
_MAKING = frozenset({"make", "build", "design", "manufacture", "produce", "develop"})


def _made_in(modifier: Token) -> bool:
    """ "Russian-made" in "Russian-made weapons in Colombia's arsenal", "Russian-origin weapons":
    where a thing comes from, not who acts."""
    if modifier.lemma_.lower() == "origin" and modifier.dep_ in ("compound", "nmod"):
        return True
    return modifier.dep_ == "amod" and modifier.tag_ == "VBN" and modifier.lemma_.lower() in _MAKING


def _a_measure(sentence: Sentence, noun: Token) -> bool:
    """A measure or a package its maker designs ("the EU-designed sanctions", "a US-designed aid
    package"), whose maker acts."""
    lex = sentence.lexicon
    words = lex.words("sanction", "nouns") | lex.words("sanction", "measure_nouns")
    return noun.lemma_.lower() in words | lex.words("support", "commitment_words")


_GIVING_TO_DATIVE = frozenset(
    {"send", "give", "hand", "lend", "grant", "offer", "ship", "sell", "promise", "pledge"}
)


def _misread_dative(sentence: Sentence, verb: Token, obj: Token) -> list[Token]:
    """ "has sent Ukraine military aid": a name right after a giving verb that the parser hung
    on the object as a modifier is the receiver (the dative of "sent Ukraine aid")."""
    if verb.lemma_.lower() not in _GIVING_TO_DATIVE or obj.dep_ != "dobj":
        return []
    lex = sentence.lexicon
    if not (lex.categories_of(obj) or obj.lemma_.lower() in lex.words("support", "nouns") or _is_money(obj)):
        return []  # "granted Ukraine candidate status" gives no support (but "pledged Ukraine 500 million euros")
    first = next((c for c in obj.lefts if c.dep_ != "det"), None)
    if first is None or first.dep_ not in ("nmod", "compound") or first.pos_ != "PROPN":
        return []
    return (
        [first]
        if first.i == verb.i + 1
        and any(c.dep_ in ("amod", "compound", "nummod") for c in obj.lefts if c.i > first.i)
        else []
    )


def _name_read_as_verb(sentence: Sentence, anchor: Token) -> list[Token]:
    """ "transferred 2 million dollars to UNRWA for food": a name after "to" that the parser
    reads as an infinitive is the receiver."""
    return [
        c
        for c in anchor.children
        if c.dep_ in ("advcl", "xcomp")
        and (c.i in sentence.codes or c.lower_ in sentence.lexicon.serves)
        and c.tag_ in ("VB", "NNP")
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    ]


def scene_states(sentence: Sentence, verb: Token) -> list[str]:
    """The country a sentence opens on as its scene: "In Colombia, the bank approved a loan for
    migrants", "In eastern Sudan, where refugees arrive, the agency received 5 million euros".
    Only a country told by its name: a city opening a sentence ("In London, Japan pledged") is
    more often where the giving was announced than where the help goes."""
    place = opening_place(sentence, _SCENE_PREPS)
    if place is None or place.head.head != verb:
        return []
    if verb.lemma_.lower() in _PROMISING or any(
        r.lemma_.lower() not in _HELPED_THERE for r in _receivers_named(verb)
    ):
        return []  # "In Poland, Biden announced ...": a venue; "In Sudan, the UAE armed the RSF"
    code = sentence.codes[place.i]
    return [code] if is_state(code) and _country_name(place).lower() == display_name(code).lower() else []


_SCENE_PREPS = frozenset({"in", "inside", "across", "throughout"})
# what is promised at a summit or a visit is told where it was promised, not where it goes
_PROMISING = frozenset({"announce", "pledge", "promise", "vow", "agree", "commit", "offer", "unveil"})


def _receivers_named(verb: Token) -> list[Token]:
    """The parties a verb names as receiving ("to militias", "Hezbollah with rockets")."""
    named = prep_objects(verb, frozenset({"to", "for", "with"})) + children(verb, frozenset({"dative"}))
    return named + [o for o in children(verb, frozenset({"dobj"})) if o.pos_ in ("PROPN", "PRON")]


def _country_name(place: Token) -> str:
    """ "South Sudan" from its head "Sudan" and the compound before it."""
    words = [c for c in place.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [place]
    return " ".join(w.text for w in words)


def recipients_of(sentence: Sentence, anchor: Token, *, dobj_is_recipient: bool) -> list[str]:
    """Who receives: "to/for X", a dative, or the object of "supply X with"."""
    preps = RECIPIENT_PREPS | {"with"} if anchor.lemma_.lower() in _WITH_VERBS else RECIPIENT_PREPS
    candidates = prep_objects(anchor, preps) + children(anchor, frozenset({"dative"}))
    candidates += _name_read_as_verb(sentence, anchor)
    objects = children(anchor, frozenset({"dobj", "nsubjpass"})) or raised_objects(anchor)
    objects += [  # "trained thousands of Somali soldiers": the counted people
        o for c in objects if c.lemma_.lower() in COUNT_NOUNS for o in prep_objects(c, frozenset({"of"}))
    ]
    if is_passive(anchor) and children(anchor, frozenset({"dobj"})):  # "Kyiv was promised shells"
        candidates += [o for o in children(anchor, frozenset({"nsubjpass"})) if _names_a_party(sentence, o)]
    for obj in objects:
        candidates += prep_objects(obj, preps)
        candidates += _misread_dative(sentence, anchor, obj)
        if dobj_is_recipient and not _is_money(obj) and _names_a_party(sentence, obj):
            candidates.append(obj)
    candidates += _shared_between(anchor, objects)
    found = _recipient_codes(sentence, candidates)
    if not found:  # "1 billion euros from taxes on assets for Ukraine's defence"
        found = _deep_recipients(sentence, objects, preps)
    if not found:  # "approved 50 million koruna in humanitarian aid for Sudan"
        found = _deep_recipients(sentence, prep_objects(anchor, frozenset({"in"})), preps)
    if not found:  # "to provide food and shelter in Gaza", not "In Brussels, the EU approved"
        places = sentence.lexicon.words("support", "place_preps")
        found = _recipient_codes(sentence, [t for t in prep_objects(anchor, places) if t.i > anchor.i])
        found = found or _deep_recipients(sentence, objects, places)
        found = found or _deep_recipients(  # "approved 100 million francs for demining in Kharkiv",
            sentence,  # "pledged 80 million dollars to the mission in Haiti"
            [o for o in prep_objects(anchor, RECIPIENT_PREPS) if o.i not in sentence.codes],
            places,
        )
        found = found or _deep_recipients(  # "dropped food by parachute over northern Gaza"
            sentence, prep_objects(anchor, frozenset({"by"})), places | RECIPIENT_PREPS
        )
    if not found:  # "approved a loan to support Ukraine's budget", "sent funds to help Moldova"
        found = _recipient_codes(sentence, [o for c in [anchor, *objects] for o in purpose_objects(c)])
    if not found and anchor.lemma_.lower() in PAYING_VERBS:  # "fund Ukrainian production of drones"
        found = _recipient_codes(
            sentence, [m for o in objects if o.lemma_.lower() in PAID_MAKING for m in _owner_words(o)]
        )
    return found


def owners_of_given(sentence: Sentence, verb: Token) -> list[str]:
    """The possessor named on what a verb gives, or on what that is a part of: "supplied the
    bulk of Baku's imported weapons" gave them to Baku."""
    nouns = [
        n
        for thing in children(verb, frozenset({"dobj"}))
        for n in [
            thing,
            *(o for p in thing.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"),
        ]
    ]
    owners = [c for n in nouns for c in n.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
    return _recipient_codes(sentence, owners)


# what a state's industry does that another state may pay for: "fund Ukrainian production of
# drones", "finance Ukraine's purchase of shells"
PAID_MAKING = frozenset(
    {"production", "manufacture", "manufacturing", "purchase", "procurement", "acquisition", "output"}
)


def _owner_words(noun: Token) -> list[Token]:
    return [m for m in noun.children if m.dep_ in ("amod", "poss", "compound", "nmod") and m.i < noun.i]


# participles that share a gift out: "split between Niger, Mali and Burkina Faso"
_SHARING = frozenset({"split", "divide", "share", "distribute", "spread"})


def _shared_between(anchor: Token, objects: list[Token]) -> list[Token]:
    """Those a gift is shared between ("allocated 202 million euros for the Sahel, split between
    Niger, Mali and Burkina Faso"): each receives."""
    return [
        o
        for holder in (anchor, *objects)
        for c in holder.children
        if c.dep_ in ("advcl", "acl") and c.tag_ == "VBN" and c.lemma_.lower() in _SHARING
        for o in prep_objects(c, frozenset({"between", "among", "across"}))
    ]


# verbs of a purpose clause whose object (or its owner) is the one helped
_PURPOSE_VERBS = frozenset(
    {
        "support",
        "help",
        "fund",
        "finance",
        "cover",
        "rebuild",
        "bolster",
        "strengthen",
        "stabilise",
        "stabilize",
        "assist",
        "aid",
        "equip",
        "arm",
        "repair",
        "restore",
        "reinforce",
        "replenish",
        "pay",
        "shore",
        "keep",
        "sustain",
        "maintain",
        # care given to people: "to feed Sudanese refugees in Chad", "to shelter families in Gaza"
        "feed",
        "shelter",
        "house",
        "clothe",
        "treat",
        "vaccinate",
    }
)


def helped_by(sentence: Sentence, noun: Token) -> list[str]:
    """ "Japan's grant will help Ukraine pay pensions", "the loan will support Moldova's budget":
    the party a gift helps when the gift is the subject of a verb of helping."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_.lower() not in _PURPOSE_VERBS:
        return []
    # "help Ukraine | pay pensions" (not "helped Prague deliver shells": a channel that gives on)
    objects = children(verb, frozenset({"dobj"})) + _small_clause_subjects(
        verb, sentence.lexicon.support_verbs
    )
    return _recipient_codes(sentence, [t for obj in objects for t in _with_owners(obj)])


def _small_clause_subjects(verb: Token, skipping: frozenset[str] = frozenset()) -> list[Token]:
    """The subjects of the clause a verb takes as its object ("keep Ukraine's hospitals running",
    "help Ukraine pay pensions"), but for clauses of the verbs ``skipping``."""
    return [
        s
        for c in children(verb, frozenset({"ccomp", "xcomp"}))
        if c.lemma_.lower() not in skipping
        for s in children(c, frozenset({"nsubj"}))
    ]


def _named_owner(people: Token) -> bool:
    """ "Ukrainian children", "Gaza's families": people told with a name of their own place."""
    return any(m.text[:1].isupper() for m in _owner_words(people))


def _with_owners(party: Token) -> list[Token]:
    """A party helped and the words that name its owner: "Ukraine's hospitals", "Lebanese troops"."""
    return [party, *(c for c in party.children if c.dep_ in ("poss", "amod", "compound"))]


def purpose_objects(token: Token) -> list[Token]:
    """The party a purpose infinitive serves: "to support Ukraine's budget" -> "Ukraine's",
    "to help Moldova" -> "Moldova"."""
    found: list[Token] = []
    for clause in token.children:
        if (
            clause.dep_ not in ("advcl", "xcomp", "acl", "relcl")
            or clause.lemma_.lower() not in _PURPOSE_VERBS
        ):
            continue
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            continue
        kept = _small_clause_subjects(clause)  # "to keep Ukraine's hospitals | running"
        helped = [  # "to help keep the Ukrainian state running", "to help rebuild Ukraine's grid"
            o
            for inner in children(clause, frozenset({"xcomp"}))
            if clause.lemma_.lower() == "help" and inner.lemma_.lower() in _PURPOSE_VERBS
            for o in children(inner, frozenset({"dobj"})) + _small_clause_subjects(inner)
        ]
        cared_for = children(clause, frozenset({"dobj"}))
        if any(o.lemma_.lower() in _POPULATIONS and not _named_owner(o) for o in cared_for):
            found += prep_objects(clause, frozenset({"in", "inside"}))  # "to feed children | in Chad"
        for obj in cared_for + kept + helped:
            found += _with_owners(obj)
            found += [  # "to cover salaries for the army", "the salaries of Ukraine's teachers"
                o for p in prep_objects(obj, frozenset({"for", "of"})) for o in _with_owners(p)
            ]
    return found


def _names_a_party(sentence: Sentence, obj: Token) -> bool:
    """ "supply Ukraine with arms", "arm them": the object is a party, not a thing that only
    carries a maker's name ("their US-made missiles")."""
    return (
        obj.i in sentence.codes
        or obj.pos_ in ("PROPN", "PRON")
        or obj.lemma_.lower()
        in (
            "country",
            "government",
            "army",
            "force",
            "military",
            "ally",
            "partner",
            "neighbour",
            "neighbor",
            "nation",
            "state",
            "pilot",
            "soldier",
            "troop",
            "crew",
            "personnel",
            "officer",
            "recruit",
            "refugee",
            "civilian",
            "people",
            "population",
            "cadet",
            "marine",
        )
    )


def _is_money(token: Token) -> bool:
    """ "finance 1.4 billion Danish kroner of ...": the kroner are not Denmark receiving."""
    return token.lower_ in CURRENCY_WORDS or any(c.tag_ == "$" for c in token.subtree)


# verbs of making: "carriers built in Switzerland" names where they were made
MAKING = frozenset({"build", "make", "produce", "manufacture", "assemble", "design", "develop"})
# (but "will finance drones built in Ukraine" pays the maker)
_PAYING_FOR = frozenset({"finance", "fund", "pay", "buy", "purchase", "order", "procure", "co-finance"})


def _deep_recipients(sentence: Sentence, objects: list[Token], preps: frozenset[str]) -> list[str]:
    deep = [
        t
        for o in objects
        for t in o.subtree
        if t.dep_ == "prep"
        and t.lower_ in preps
        and not (t.head.lemma_.lower() in MAKING | {"store"} and o.head.lemma_.lower() not in _PAYING_FOR)
    ]
    return _recipient_codes(sentence, [g for t in deep for g in t.children if g.dep_ == "pobj"])


_LEADING = frozenset({"lead", "led", "run", "organise", "organize", "coordinate", "back", "sponsor"})


def _led_by_someone(token: Token) -> bool:
    """ "Czech-led purchases", "a Dutch-run fund": a channel another country leads."""
    return any(
        c.dep_ in ("amod", "compound")
        and c.lemma_.lower() in _LEADING
        and c.i > 1
        and token.doc[c.i - 1].text in ("-", "\u2011")
        for c in token.children
    )


def _victim(token: Token) -> bool:
    """ "Moscow's invasion of Ukraine", "the war in Ukraine", "attacks on Israel"."""
    prep = token.head
    return (
        token.dep_ == "pobj"
        and prep.lower_ in ("of", "on", "against", "in", "into")
        and prep.head.lemma_.lower() in WAR_NOUNS
    )


def _attackers_in(sentence: Sentence, phrase: Token) -> set[str]:
    """ "substations damaged in Russian strikes", "in Russian missile and drone attacks", "hit
    by Russian drones": who struck, named inside a receiver's phrase."""
    return {
        sentence.codes[m.i]
        for m in phrase.subtree
        if m.i in sentence.codes
        and m.dep_ in ("amod", "compound", "poss")
        and (struck := _struck_phrase(m.head)).dep_ == "pobj"
        and struck.head.lower_ in _HARMED_BY  # not "in support of Moscow's invasion"
        and _strikes(sentence, m.head, struck)
    }


def _struck_phrase(noun: Token) -> Token:
    """The noun that heads "missile and drone attacks" from "missile" (its modifier)."""
    while noun.dep_ in ("nmod", "compound") and noun.head.i != noun.i and noun.head.pos_ == "NOUN":
        noun = noun.head
    return noun


def _strikes(sentence: Sentence, noun: Token, struck: Token) -> bool:
    """An attack ("strikes", "missile and drone attacks"), or a weapon that a participle says
    did harm ("hit by Russian drones")."""
    told = {noun, struck, *noun.conjuncts, *struck.conjuncts}
    if any(n.lemma_.lower() in WAR_NOUNS for n in told):
        return True
    return struck.head.head.tag_ == "VBN" and "military" in sentence.lexicon.categories_of(noun)


# how a thing is told harmed by an attack: "damaged in Russian strikes", "hit by Russian drones"
_HARMED_BY = frozenset({"in", "by", "during", "from"})


def _recipient_codes(sentence: Sentence, candidates: list[Token]) -> list[str]:
    found: list[str] = []
    for tok in candidates:
        if _victim(tok):
            continue
        if tok.dep_ in ("amod", "compound", "poss") and _hosts_of_uprooted(sentence, tok.head):
            continue  # "Sudanese" in "Sudanese refugees in Chad": they are helped in Chad
        if tok.dep_ == "dative" and tok.pos_ == "ADP":
            tok = next((g for g in tok.children if g.dep_ == "pobj"), tok)
        if (tok.lemma_.lower() in INSTRUMENTS or _led_by_someone(tok)) and tok.i not in sentence.codes:
            # "to the Czech initiative": a channel, not the recipient; but "to the fund for
            # aid in Sudan" names the recipient inside
            inner = [
                g
                for t in tok.subtree
                if t.dep_ == "prep" and t.lower_ in ("for", "in", "to") and t.head != tok.head
                for g in t.children
                if g.dep_ == "pobj"
            ]
            found += [
                c
                for g in inner
                if g.lemma_.lower() not in INSTRUMENTS
                for c in actors_of(sentence, g)
                if c not in found
            ]
            found += [c for c in _instrument_owners(sentence, tok) if c not in found] if not inner else []
            continue
        served = sentence.lexicon.serves.get(tok.lower_) or _agency_named_before(sentence, tok)
        codes = [served] if served else actors_of(sentence, tok)  # "funding to UNRWA"
        codes = _hosts_of_uprooted(sentence, tok) or codes  # "Syrian refugees in Lebanon": Lebanon
        left_out = set(_companions_of(sentence, tok)) | _attackers_in(sentence, tok)
        codes = [c for c in codes if c not in left_out]
        if codes and not any(is_state(c) for c in codes):  # "to UN agencies working in Yemen"
            codes = _served_places(sentence, tok) or codes
        elif len(codes) > 1 and tok.lemma_.lower() in _AGENCIES:  # "the UN agency for Palestinian
            codes = [c for c in codes if is_state(c)]  # refugees": the people it serves
        if not codes and tok.lemma_.lower() in _HELPED_THERE:  # "to 2 million people in Gaza"
            codes = [c for o in prep_objects(tok, _WHERE_PEOPLE_ARE) for c in actors_of(sentence, o)]
        found += [c for c in codes if c not in found]
    return found


# people who fled their country: aid for them goes to the state that hosts them
_UPROOTED = frozenset({"refugee", "migrant", "asylum-seeker", "evacuee", "exile"})


# what a clause on uprooted people (or on those who take them in) says of where they are now:
# "refugees who have crossed into Chad", "the communities hosting them in Colombia"
_UPROOTED_NOW = frozenset(
    {"flee", "cross", "arrive", "escape", "seek", "shelter", "live", "stay", "settle", "strand", "host"}
)
_UPROOTED_NOW_PREPS = frozenset({"in", "into", "to", "inside"})


def _hosts_of_uprooted(sentence: Sentence, people: Token) -> list[str]:
    """The states where refugees are ("Syrian refugees in Lebanon and Jordan", "refugees who
    have crossed into Chad", "migrants and the communities hosting them in Colombia"), not
    the one they fled; none when no place is named."""
    if people.lemma_.lower() not in _UPROOTED:
        return []
    told = [people, *people.conjuncts]
    objects = [o for n in told for o in prep_objects(n, frozenset({"in", "inside"}))]
    objects += [
        o
        for n in told
        for clause in n.children
        if clause.dep_ in ("relcl", "acl") and clause.lemma_.lower() in _UPROOTED_NOW
        for o in prep_objects(clause, _UPROOTED_NOW_PREPS)
    ]
    if people.dep_ == "dobj" and people.head.lemma_.lower() in _PURPOSE_VERBS:
        objects += prep_objects(people.head, frozenset({"in", "inside"}))  # "to help refugees | in Poland"
    places = [p for o in objects for p in [o, *o.conjuncts]]
    fled = {c for p in places for o in prep_objects(p, frozenset({"from"})) for c in actors_of(sentence, o)}
    return list(
        dict.fromkeys(c for p in places for c in actors_of(sentence, p) if is_state(c) and c not in fled)
    )


def _companions_of(sentence: Sentence, token: Token) -> set[str]:
    """ "airdropped food into the enclave alongside France": a party beside the place, who helps
    give, not who receives."""
    return {
        sentence.codes[o.i]
        for p in token.children
        if p.dep_ == "prep" and p.lower_ in COMPANION_PREPS
        for o in p.children
        if o.i in sentence.codes
    }


def served_before(sentence: Sentence, end: int) -> str | None:
    """The place served by the last organisation of the serves table ("UNRWA": PSE) that the
    sentence names before token ``end``."""
    span = sentence.span
    text = span.doc[span.start : max(span.start, end)].text.lower()
    serves = sentence.lexicon.serves
    found = [(m.start(), serves[m.group(0)]) for m in _serving_names(tuple(serves)).finditer(text)]
    return max(found)[1] if found else None  # the last named ("the UN Relief and Works Agency")


@functools.cache
def _serving_names(names: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for the names of the serves table, whole words, longest first."""
    return re.compile(
        r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b"
    )


def _agency_named_before(sentence: Sentence, token: Token) -> str | None:
    """ "to the agency" after UNRWA was named (earlier in the sentence or the article): the place
    that agency serves."""
    if token.lemma_.lower() not in _AGENCIES or token.i in sentence.codes:
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return None
    if any(c.dep_ in ("amod", "compound", "poss", "prep") for c in token.children):
        return None  # "the UN agency for refugees", "the Czech agency": says whose
    return served_before(sentence, token.i) or sentence.last_served


_WORKING = frozenset({"work", "operate", "active", "serve", "base", "help", "assist"})
_AGENCIES = frozenset({"agency", "programme", "program", "office", "mission", "organisation", "organization"})
# people helped where they live: "families in Sudan", "civilians across Gaza"
_POPULATIONS = frozenset(
    {
        "people",
        "family",
        "civilian",
        "child",
        "refugee",
        "resident",
        "household",
        "victim",
        "survivor",
        "person",
        "population",
        "community",
        "woman",
        "patient",
        "farmer",
        "student",
    }
)
# places where people are helped, and the bodies that serve them there
_CIVIL_PLACES = frozenset(
    {
        "hospital",
        "clinic",
        "school",
        "shelter",
        "camp",
        "city",
        "town",
        "village",
        "region",
        "province",
        "district",
        "plant",
        "utility",
    }
)
# the places and people helped: what a clause about them tells is no kind of help
_PLACES_AND_PEOPLE = (
    _POPULATIONS
    | _CIVIL_PLACES
    | {
        "area",
        "territory",
        "zone",
        "neighbourhood",
        "neighborhood",
        "home",
        "house",
        "building",
        "substation",
        "infrastructure",
    }
)
_WHERE_PEOPLE_ARE = frozenset({"in", "across", "throughout", "inside", "of", "around", "near", "along"})
# people, and the places and bodies that serve or defend them, helped where they are: "medicine
# to hospitals in Cuba", "shells to soldiers in Ukraine", "generators to power plants in Ukraine"
_HELPED_THERE = _POPULATIONS | _CIVIL_PLACES | {"soldier", "troop", "unit", "authority"}


def _served_places(sentence: Sentence, organisation: Token) -> list[str]:
    """The states an organisation named as a recipient works in: "UN agencies working in
    Yemen", "the Red Cross in Sudan" receive for the people there."""
    places = prep_objects(organisation, frozenset({"in", "inside"}))
    places += [  # "the UN agency for Palestinian refugees"
        p for p in prep_objects(organisation, frozenset({"for"})) if p.lemma_.lower() in _POPULATIONS
    ]
    places += [
        o
        for acl in children(organisation, frozenset({"acl", "relcl", "amod"}))
        if acl.lemma_.lower() in _WORKING
        for o in prep_objects(acl, frozenset({"in", "inside", "across"}))
    ]
    return [c for o in places for c in actors_of(sentence, o) if is_state(c)]


# what a state owns rather than runs for others: "the Ukrainian budget" is Ukraine's
_OWN_INSTRUMENTS = frozenset({"budget", "economy", "industry"})


def _instrument_owners(sentence: Sentence, instrument: Token) -> list[str]:
    """ "financing for Kyiv's budget", "a grant to the Moldovan economy": the owner of a budget
    or a fund that support goes into receives it; an adjective names the owner only of what
    a state owns ("the Czech initiative" is a channel the Czechs run)."""
    deps = ("poss", "amod", "compound") if instrument.lemma_.lower() in _OWN_INSTRUMENTS else ("poss",)
    named = [
        m
        for m in instrument.children
        if m.dep_ in deps
        and m.i < instrument.i
        and (m.pos_ != "PRON" or m.lower_ == "our" and sentence.speaker)
    ]  # "to our budget" in a quote: the speaker's ("its budget" may be the giver's own)
    named += [  # "the Ukraine arms fund", "the Ukraine Facility": a state's name (not "Czech")
        m
        for m in instrument.subtree
        if m.dep_ == "compound" and m.i < instrument.i and m not in named and _state_name(sentence, m)
    ]
    return [c for m in named for c in actors_of(sentence, m)]


def _state_name(sentence: Sentence, token: Token) -> bool:
    """The word is (part of) a state's own name ("Ukraine"), not its adjective ("Czech")."""
    code = sentence.code(token)
    return code is not None and is_state(code) and token.text in display_name(code).split()


_CLAUSE_DEPS = frozenset({"acl", "relcl", "advcl", "ccomp", "csubj", "parataxis"})


def object_tokens(anchor: Token) -> list[Token]:
    """The anchor and the phrases it governs, without subjects and embedded clauses.

    Coordinated nouns count ("providing X, as well as humanitarian support").
    """
    tokens = [anchor]
    for child in anchor.children:
        if (
            child.dep_ in _OBJECT_DEPS
            or (child.dep_ == "conj" and child.pos_ == "NOUN")
            or _described_as(child)
        ):
            tokens.extend(_phrase(child))
    for shared in raised_objects(anchor) if anchor.pos_ == "VERB" else []:
        tokens.extend(_phrase(shared))  # "train and equip two brigades"
    return tokens


def _described_as(child: Token) -> bool:
    """An adjective hung on the verb after a comma that describes what is given: "committed 12
    billion dollars in aid to Ukraine, mostly financial and humanitarian"."""
    return child.dep_ in ("advcl", "oprd") and child.pos_ == "ADJ" and child.i > child.head.i


def _phrase(token: Token) -> list[Token]:
    out = [token]
    for child in token.children:
        if child.dep_ in _CLAUSE_DEPS and child.pos_ in ("VERB", "AUX"):
            continue
        out.extend(_phrase(child))
    return out


def categories_in(sentence: Sentence, tokens: list[Token]) -> list[str]:
    """Categories named in ``tokens``; the anchor's own word counts only if nothing else does."""
    found = _categories(sentence, tokens[1:]) if len(tokens) > 1 else []
    return found or _categories(sentence, tokens[:1])


def without_examples(sentence: Sentence, tokens: list[Token]) -> list[Token]:
    """``tokens`` without the examples ("including ...", "such as ...") of a gift whose own
    words name its kind: "humanitarian aid, including a field hospital and helmets for rescuers"
    is humanitarian aid, the helmets an example of it."""
    nouns = sentence.lexicon.words("support", "nouns")
    gifts = [t for t in tokens if t.lemma_.lower() in nouns and _kind_named_on(sentence, t)]
    if not gifts:
        return tokens
    givers = {g.i for g in gifts} | {g.head.i for g in gifts if g.head.pos_ == "VERB"}
    examples = {d.i for t in tokens if _gives_examples(t) and t.head.i in givers for d in t.subtree}
    return [t for t in tokens if t.i not in examples] if examples else tokens


def _kind_named_on(sentence: Sentence, noun: Token) -> bool:
    return any(c.dep_ in ("amod", "compound") and _categories(sentence, [c]) for c in noun.children)


def _gives_examples(token: Token) -> bool:
    """ "including", "like", "such as" opening examples."""
    if token.dep_ != "prep":
        return False
    if token.lower_ in ("including", "like"):
        return True
    return token.lower_ == "as" and token.i > 0 and token.doc[token.i - 1].lower_ == "such"


def sentence_categories(sentence: Sentence) -> list[str]:
    """The categories the whole sentence names (:func:`categories_in` of all its tokens), read
    once per sentence: the rules, the pipeline and the scorer's candidates all ask."""
    key = (sentence_categories, sentence.span.start)
    found = sentence.memo.get(key)
    if found is None:
        found = sentence.memo[key] = tuple(categories_in(sentence, list(sentence.span)))
    return list(found)


# people who can be sent (military) or be the ones helped ("medical aid for Ukrainian soldiers")
_PERSONNEL = frozenset({"troop", "soldier", "peacekeeper"})


# fuels a state sells: their deliveries are trade, not support
FUELS = frozenset({"gas", "oil", "crude", "coal", "lng"})


# verbs of paying for what is given
PAYING_VERBS = frozenset({"finance", "fund", "co-finance", "cofinance", "pay"})


def _paying(token: Token) -> bool:
    """ "finances these donations", "funds the purchase of shells": paying says how, not what
    kind of support (the donations may be tanks)."""
    return token.pos_ == "VERB" and token.lemma_.lower() in PAYING_VERBS


def _hyphen_joined(tokens: list[Token]) -> set[str]:
    return {f"{tok.lower_}-{after.lower_}" for tok in tokens if (after := joined_after(tok)) is not None}


def _helped(token: Token) -> bool:
    """ "aid for soldiers", "equipment to the troops": personnel as the ones who receive."""
    if token.lemma_.lower() in _PERSONNEL and token.dep_ == "dobj":
        return token.head.lemma_.lower() in ("train", "equip", "arm", "pay", "feed", "house", "treat", "help")
    return (
        token.lemma_.lower() in _PERSONNEL
        and token.dep_ == "pobj"
        and token.head.lower_ in ("for", "to", "of")
        and token.head.head.lemma_.lower()
        not in ("deployment", "dispatch", "sending", "contingent", "number")
    )


# vehicles, one vocabulary for every reader: what flies, sails or drives people and goods
# ("planes loaded with food", "closed its airspace to flights", "ships carrying munitions")
VEHICLES = frozenset(
    {
        "plane",
        "aircraft",
        "airplane",
        "aeroplane",
        "airliner",
        "helicopter",
        "flight",
        "jet",
        "ship",
        "vessel",
        "boat",
        "freighter",
        "barge",
        "tanker",
        # warships that carry relief: "a navy frigate carrying tents"
        "warship",
        "frigate",
        "corvette",
        "truck",
        "lorry",
        "van",
        "convoy",
        "train",
    }
)
# the vehicles whose cargo, when named, says the kind of support
CARRIERS = VEHICLES
# verbs of carrying a load ("a ship carrying tents", "trucks delivering flour")
CARRYING = frozenset({"carry", "transport", "bring", "deliver", "contain", "load", "haul", "ferry", "ship"})
# and the words of being loaded ("trucks full of flour", "planes laden with medicine")
_LOADED = CARRYING | {"pack", "fill", "laden", "lade", "full", "stuff", "cram", "stack", "heavy"}


def _cargo(vehicle: Token) -> list[Token]:
    """What a vehicle carries: "planes loaded with medicine", "trucks full of flour", "a ship
    carrying tents", "a convoy with food"."""
    if vehicle.lemma_.lower() not in CARRIERS:
        return []
    found = [
        o
        for c in vehicle.children
        if c.dep_ in ("acl", "relcl", "amod") and c.lemma_.lower() in _LOADED
        for o in children(c, frozenset({"dobj"})) + prep_objects(c, frozenset({"with", "of"}))
    ]
    found += prep_objects(vehicle, frozenset({"with", "of"}))  # "a convoy with food", "planes of medicine"
    if vehicle.dep_ == "dobj":  # "sent a navy ship with food": the parser hangs "with" on the verb
        found += prep_objects(vehicle.head, frozenset({"with"}))
    return [t for o in found for t in o.subtree]


# verbs of carrying goods somewhere ("flew food to Egypt for Gaza"; the place reached may be a
# transit), and with the verbs of sending, those a means of carrying hangs on ("flown in on air
# force planes", "sent aboard a navy vessel"; "trained on jets" is no carrying)
TRANSPORT_VERBS = frozenset({"fly", "truck", "ship", "airlift", "airdrop", "rush", "ferry", "transport"})
_MOVING = TRANSPORT_VERBS | {"send", "deliver", "carry", "bring", "dispatch", "drop"}
_BY_MEANS = frozenset({"on", "aboard", "by", "via", "with"})


def _means_of_carrying(token: Token) -> bool:
    """ "relief supplies flown in on air force planes", "dropped food ... in a joint operation
    with Egyptian aircraft": the vehicle carries, it is not given."""
    prep = token.head
    if not (token.lemma_.lower() in CARRIERS and token.dep_ == "pobj" and prep.lower_ in _BY_MEANS):
        return False
    if any(a.lower_ in WITH_ADVERBS for a in prep.children):
        return False  # "delivered medicine together with eight military helicopters": given too
    holder = prep.head
    if prep.lower_ == "with" and holder.pos_ == "NOUN" and holder.dep_ == "pobj":
        holder = holder.head.head  # "in an operation with ...": the operation's verb
    return holder.lemma_.lower() in _MOVING


def _loads_for_vehicles(tokens: list[Token]) -> list[Token]:
    """The tokens with each loaded vehicle (and its own modifiers) given way to its cargo:
    "two military planes loaded with food" names food, not planes; a vehicle that only carries
    ("on air force planes") is left out."""
    carriers = [t for t in tokens if t.lemma_.lower() in CARRIERS]  # the cheap test first
    if not carriers:
        return list(tokens)
    vehicles = {t.i: cargo for t in carriers if (cargo := _cargo(t))}
    for t in carriers:  # "two naval ships and several transport aircraft carrying relief supplies"
        loaded = next((vehicles[c.i] for c in t.conjuncts if c.i in vehicles), None)
        if t.i not in vehicles and loaded is not None:
            vehicles[t.i] = loaded
    means = {m.i for t in carriers if _means_of_carrying(t) for m in t.subtree if m.i <= t.i}
    tokens = [t for t in tokens if t.i not in means]
    if not vehicles:
        return tokens
    dropped = {
        m.i
        for t in tokens
        if t.i in vehicles
        for m in [t, *t.children]
        if m.i == t.i or m.dep_ in ("amod", "compound", "nmod") and m.i < t.i
    }
    kept = [t for t in tokens if t.i not in dropped]
    seen = {t.i for t in kept}
    cargoes = {c.i: c for cargo in vehicles.values() for c in cargo if c.i not in seen}
    return kept + list(cargoes.values())


def _categories(sentence: Sentence, tokens: list[Token]) -> list[str]:
    tokens = _loads_for_vehicles(tokens)
    lemmas = [t.lemma_.lower() for t in tokens]  # read once: the cheap tests of each check below
    helped = [t for t, lemma in zip(tokens, lemmas) if lemma in _PERSONNEL and _helped(t)]
    negated = {i for t in tokens for i in _negated_kind(t)}
    doers = _doers_told_of_places(sentence, tokens)
    tokens = [
        t
        for t, lemma in zip(tokens, lemmas)
        if t.i not in doers
        and not (lemma in _PERSONNEL and _helped(t))
        and not (lemma in PAYING_VERBS and _paying(t))
        and not _of_self(t)
        and not _dates_a_period(t)
        and not _measures_an_economy(t)
        and not _supplies_an_army(sentence, t)
        and not _storage_tank(t)
        and t.i not in negated
    ]
    priced = [t for t in tokens if _priced(sentence, t)]  # "to cover soaring electricity bills"
    tokens = [t for t in tokens if t not in priced]
    found = _kinds_named(sentence, tokens)
    if priced and "financial" not in found:
        found.append("financial")
    if helped and "humanitarian" not in found:
        found = _kinds_named(sentence, tokens + helped)  # "the salaries of soldiers" pay an army
    if negated and not found:
        found = ["humanitarian"]  # "non-military assistance" is the civilian kind
    if not found and any(_agency_named_before(sentence, t) for t in tokens):
        found = ["humanitarian"]  # "their funding to the agency", after UNRWA was named
    return found


def _doers_told_of_places(sentence: Sentence, tokens: list[Token]) -> set[int]:
    """ "food for areas retaken by the army", "for families displaced by the shelling", "to
    repair schools in Kharkiv hit by Russian drones": who did something to a place, a named
    party or the people helped is no kind of help."""
    return {
        d.i
        for t in tokens
        if t.dep_ == "agent" and t.head.dep_ == "acl" and _place_or_people(sentence, t.head.head)
        for d in t.subtree
    }


def _place_or_people(sentence: Sentence, noun: Token) -> bool:
    return noun.lemma_.lower() in _PLACES_AND_PEOPLE or noun.i in sentence.codes


# goods of relief that an army runs on too: listed with weapons they supply it
_ARMY_SUPPLIES = frozenset({"fuel"})


def _supplies_an_army(sentence: Sentence, token: Token) -> bool:
    """ "sought drones, ammunition and fuel from Russia", "fuel for military vehicles": fuel
    listed with weapons or for them is for the army, no relief (but "food, fuel and medicine"
    and "fuel for hospitals" are relief)."""
    if token.lemma_.lower() not in _ARMY_SUPPLIES:
        return False
    military = sentence.lexicon.categories_of
    return any(military(c) == ["military"] for c in token.conjuncts) or any(
        military(t) == ["military"] for o in prep_objects(token, frozenset({"for"})) for t in o.subtree
    )


# what a tank that is no weapon holds: "water tanks", "fuel storage tanks"
_TANK_CONTENTS = frozenset({"water", "fuel", "storage", "oil", "septic", "gas", "diesel"})


def _storage_tank(token: Token) -> bool:
    """ "relief goods including water tanks and sleeping mats": a tank for water is no weapon."""
    return token.lemma_.lower() == "tank" and any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in _TANK_CONTENTS for c in token.children
    )


# what money pays when it pays a bill or a price: "the cost of electricity", "gas bills", "the
# purchase of shells"
COST_NOUNS = frozenset({"cost", "bill", "expense", "price", "tariff", "purchase"})
# verbs of buying: what is bought is paid for, not given by the seller
BUYING_VERBS = frozenset({"buy", "purchase", "order", "procure", "import", "acquire"})


# what a household or a state pays a supplier for: its bills paid are money, not relief in kind
_UTILITIES = frozenset(
    {"electricity", "gas", "heating", "heat", "power", "energy", "fuel", "water", "utility"}
)


def _priced(sentence: Sentence, token: Token) -> bool:
    """A word of relief named as what a bill or a purchase is for ("cover half the cost of
    electricity", "soaring electricity bills", "help Moldova buy electricity and gas"): money
    to pay it is financial support, not relief in kind (but "a fund that buys generators for
    Ukrainian towns" buys relief to give). Only what a household or a state buys on a market
    counts: "cover the cost of winter shelter" pays for relief in kind."""
    if token.lemma_.lower() not in _UTILITIES or sentence.lexicon.categories_of(token) != ["humanitarian"]:
        return False
    head = token
    for _ in range(3):
        if head.dep_ not in ("compound", "pobj", "prep", "dobj", "conj", "nmod") or head.head == head:
            return False
        if head.dep_ == "dobj" and head.head.lemma_.lower() in BUYING_VERBS:
            return not prep_objects(head.head, frozenset({"for"}))  # not goods bought for others
        head = head.head
        if head.pos_ == "NOUN" and head.lemma_.lower() in COST_NOUNS:
            return True
    return False


def _negated_kind(token: Token) -> list[int]:
    """The tokens of "non-military" ("non", "-", "military") or "nonmilitary": a kind denied,
    so no word of that kind (a "non-lethal" helmet is still military equipment)."""
    word = token.lower_
    if word in ("nonmilitary", "non-military"):
        return [token.i]
    prefix = joined_before(token) if word == "military" else None
    if prefix is not None and prefix.lower_ == "non":
        return [prefix.i, prefix.i + 1, token.i]
    return []


def _national_forces(sentence: Sentence, token: Token) -> bool:
    """ "to train and equip Congolese forces": a state's forces trained or equipped are its
    military (a bare "forces", "a task force" or "ties with Russian forces" say nothing)."""
    return (
        token.lemma_.lower() == "force"
        and token.tag_ == "NNS"
        and token.dep_ == "dobj"
        and token.head.lemma_.lower() in _EQUIPPING
        and any(c.dep_ in ("amod", "poss", "compound") and c.i in sentence.codes for c in token.children)
    )


# verbs whose object is a force made ready: "train and equip Congolese forces"
_EQUIPPING = frozenset(
    {"train", "equip", "arm", "rearm", "supply", "strengthen", "bolster", "modernise", "modernize"}
)


def _kinds_named(sentence: Sentence, tokens: list[Token]) -> list[str]:
    lemmas = [t.lemma_.lower() for t in sorted(tokens, key=lambda t: t.i)]
    lowers = [t.lower_ for t in tokens]
    texts = set(lemmas) | set(lowers) | {w[:-1] for w in lowers if w.endswith("s")}
    pairs = {f"{a} {b}" for a, b in zip(lemmas, lemmas[1:])}
    texts |= pairs
    texts |= _hyphen_joined(tokens)  # "IRIS - T" is "iris-t"
    # a word inside a pair of another kind counts only as that pair: the "defence" of "civil
    # defence" is no weapon
    paired = {
        name: {w for p in pairs & words for w in p.split()}
        for name, words in sentence.lexicon.categories.items()
    }
    found = []
    for name, words in sentence.lexicon.categories.items():
        inside = {w for other, ws in paired.items() if other != name for w in ws}
        if (texts - inside) & words:
            found.append(name)
    if "military" not in found and any(is_designation(t) or _national_forces(sentence, t) for t in tokens):
        found.append("military")
    if (
        "financial" in found
        and len(found) > 1
        and not (texts - _CONTAINERS - _PLAIN_MONEY) & sentence.lexicon.categories["financial"]
    ):
        found.remove("financial")  # "a tranche of military aid", "humanitarian grants": one kind
    if "humanitarian" in found and "financial" in found and set(lemmas) & _LENDING:
        found.remove("humanitarian")  # "a loan for Ukraine's water supply" lends money
    return found


# periods a budget word may name: "this financial year", "the fiscal quarter"
_PERIODS = frozenset({"year", "quarter", "period", "cycle", "month"})


# what "economic" describes when it names no support: "economic output", "economic ties"
_ECONOMY_MEASURES = frozenset(
    {
        "output",
        "growth",
        "tie",
        "relation",
        "pressure",
        "crisis",
        "situation",
        "sanction",
        "interest",
        "zone",
        "forum",
        "partner",
        "partnership",
        "power",
        "weight",
        "size",
        "data",
        "policy",
        "reform",
        "model",
        "strength",
        "might",
        "clout",
        "leverage",
        "war",
        "warfare",
        "coercion",
        "blackmail",
    }
)


def _measures_an_economy(token: Token) -> bool:
    """ "their aid as a share of economic output", "economic ties with Beijing": the economy
    described, no economic support."""
    return (
        token.lower_ in ("economic", "economy")
        and token.dep_ in ("amod", "compound")
        and token.head.lemma_.lower() in _ECONOMY_MEASURES
    )


def _dates_a_period(token: Token) -> bool:
    """ "this financial year": a modifier of a period dates the support, it is no kind of it."""
    return token.dep_ in ("amod", "compound") and token.head.lemma_.lower() in _PERIODS


def _of_self(token: Token) -> bool:
    """ "self-defence": a right, not a kind of support."""
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].text in ("-", "\u2011") and doc[token.i - 2].lower_ == "self"


# money lent: financial whatever the purpose it serves
_LENDING = frozenset({"loan", "credit", "guarantee", "bond", "lend"})
# money given without a kind of its own: its purpose says the kind ("grants to help them host
# refugees" fund relief)
_PLAIN_MONEY = frozenset({"grant", "funding", "fund", "money", "cash", "finance", "financing"})


def purpose_categories(sentence: Sentence, anchor: Token, objects: list[Token], cats: list[str]) -> list[str]:
    """The categories of plain money given for a purpose: "pledged grants to Jordan to help
    them host refugees" is humanitarian; a loan stays financial whatever it serves."""
    if cats != ["financial"] or any(t.lemma_.lower() in _LENDING for t in objects):
        return cats
    found = purpose_kinds(sentence, anchor, objects)
    if "financial" in found:  # "a grant to shore up Niger's budget" stays money
        return cats
    return found or cats


def purpose_kinds(sentence: Sentence, anchor: Token, objects: list[Token]) -> list[str]:
    """The kinds of support the purpose of plain money names ("a further $100 million to help
    pay pensions": financial; "grants to help them host refugees": humanitarian); none for
    what is not plain money or has no purpose told."""
    if not any(t.lemma_.lower() in _PLAIN_MONEY for t in objects) and not has_money(objects):
        return []
    purposes = [
        c
        for t in [anchor, *objects]
        for c in t.children
        if c.dep_ in ("advcl", "xcomp", "acl", "relcl") and any(a.lower_ == "to" for a in c.children)
    ]
    purposes += instrument_uses(anchor, objects)
    served = [n for c in purposes for n in _purpose_words(c) if n.pos_ in ("NOUN", "ADJ")]
    return _categories(sentence, served)


# what a pooled instrument does with the money paid into it
_INSTRUMENT_USES = PAYING_VERBS | {"buy", "purchase", "procure", "cover", "supply"}


def instrument_uses(anchor: Token, objects: list[Token]) -> list[Token]:
    """The clause that tells what an instrument money goes into does with it ("put $5 million
    into a fund that buys power generators", "paid into the World Bank fund that pays the
    salaries of teachers")."""
    holders = [
        o
        for t in [anchor, *objects]
        for p in t.children
        if p.dep_ == "prep" and p.lower_ in ("into", "to", "for")
        for o in p.children
        if o.dep_ == "pobj" and o.lemma_.lower() in INSTRUMENTS
    ]
    return [
        c for h in holders for c in h.children if c.dep_ == "relcl" and c.lemma_.lower() in _INSTRUMENT_USES
    ]


# clauses inside a purpose that say something else: "since soldiers toppled the president",
# "the largest financing since the coup" (an apposition), "which the army lost"
_ASIDES = frozenset({"advcl", "relcl", "appos", "acl", "parataxis", "conj"})


def _purpose_words(purpose: Token) -> list[Token]:
    """The words of a purpose clause, without the asides nested in it."""
    left_out = {n.i for t in purpose.subtree if t is not purpose and t.dep_ in _ASIDES for n in t.subtree}
    return [t for t in purpose.subtree if t.i not in left_out]


# words that hold support of any kind: financial only when nothing else names the kind
# words of money that take the kind of what they pay for: "its humanitarian aid budget", "the
# salaries of soldiers"
_CONTAINERS = frozenset({"tranche", "disbursement", "cash", "budget", "salary", "salaries", "wage"})


# equipment designations: "MiG-29s", "T-72", "Su-25", "AH-64", "K2" after a count
_DESIGNATION_RE = re.compile(r"^[A-Z][A-Za-z]{0,3}-\d{1,3}[A-Z]?\d?s?$")
_NOT_DESIGNATIONS = frozenset({"covid-19", "g-7", "g-20", "mh-17"})


def is_designation(token: Token) -> bool:
    """A weapon system's type designation given as a counted thing ("a dozen MiG-29s",
    "T-72 tanks"), not a date or a grouping ("G-20", "COVID-19")."""
    if token.lower_ in _NOT_DESIGNATIONS or not _DESIGNATION_RE.match(token.text):
        return False
    counted = any(c.dep_ == "nummod" for c in token.children) or token.text.endswith("s")
    return counted or token.dep_ in ("compound", "nummod") and token.head.pos_ == "NOUN"


def has_support_noun(sentence: Sentence, tokens: list[Token]) -> bool:
    """A word for support ("aid", "loan") or an amount of money among ``tokens``."""
    nouns = sentence.lexicon.words("support", "nouns")
    return any(
        (t.lemma_.lower() in nouns and t.pos_ in ("NOUN", "PROPN") and not _immaterial(t))
        or t.ent_type_ == "MONEY"
        or t.tag_ == "$"
        or t.lower_ in CURRENCY_WORDS
        for t in tokens
    )


def _immaterial(noun: Token) -> bool:
    """ "political support", "moral backing": words, not aid."""
    return any(c.dep_ == "amod" and c.lower_ in IMMATERIAL for c in noun.children)


def core_phrase(noun: Token) -> list[Token]:
    """A noun with its modifiers and "of/for" complements: "deliveries of weapons"."""
    out = [noun]
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod", "conj", "nummod", "quantmod"):
            out.extend(core_phrase(child))
        elif child.dep_ == "prep" and child.lower_ in ("of", "for"):
            out.extend(t for g in child.children for t in core_phrase(g))
    return out


def has_money(tokens: list[Token]) -> bool:
    return any(t.tag_ == "$" or t.lower_ in CURRENCY_WORDS or t.ent_type_ == "MONEY" for t in tokens)


def names_money(tokens: list[Token]) -> bool:
    """A sum, or money named by a plain word ("the funding", "more cash")."""
    return has_money(tokens) or any(t.lemma_.lower() in _PLAIN_MONEY for t in tokens)


def direct_objects(anchor: Token) -> list[Token]:
    """The direct object (or passive subject) phrases of a verb, with coordinated nouns."""
    tokens: list[Token] = []
    for child in anchor.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr") or (child.dep_ == "conj" and child.pos_ == "NOUN"):
            tokens.extend(_phrase(child))
        if child.dep_ == "prep" and child.lower_ in ("with", "on", "of"):
            tokens.extend(_phrase(child))
    return tokens


# prepositions that give a reason, an opponent or a circumstance of a thing, not its content:
# "countermeasures against US firms over arms sales to Taiwan" names no support of its own
ASIDE_PREPS = frozenset({"over", "against", "amid", "despite", "after", "following", "because"})


def own_objects(anchor: Token) -> list[Token]:
    """The direct objects of a verb like :func:`direct_objects`, without what their reason or
    opponent phrases name ("over arms sales to Taiwan")."""
    return [t for t in direct_objects(anchor) if not _aside(t, anchor)]


def without_asides(tokens: list[Token], top: Token) -> list[Token]:
    """``tokens`` (phrases under ``top``) without those inside a reason, opponent or
    circumstance phrase ("after refusing to re-export ammunition", "over arms sales")."""
    return [t for t in tokens if not _under_aside(t, top)]


# words of a span of time: "for three months", "over the next six years"
TIME_WORDS = frozenset(
    {
        "year",
        "month",
        "week",
        "day",
        "decade",
        "period",
        "time",
        "weekend",
        "summer",
        "winter",
        "spring",
        "autumn",
    }
)


def _under_aside(token: Token, top: Token) -> bool:
    while token != top and token.head != token:
        if token.dep_ == "prep" and token.lower_ in ASIDE_PREPS and not _of_time(token):
            return True
        token = token.head
    return False


def _of_time(prep: Token) -> bool:
    """ "over the next six years", "after two months": a span of time, not a reason."""
    return any(g.dep_ == "pobj" and g.lemma_.lower() in TIME_WORDS for g in prep.children)


def _aside(token: Token, top: Token) -> bool:
    while token != top and token.head != token:
        if token.dep_ == "prep" and token.lower_ in ASIDE_PREPS and token.head != top:
            return True
        token = token.head
    return False


# verbs that commit whatever their tense: "pledged", "passed an aid package", "budgeted"
_COMMITTING = frozenset({"pledge", "promise", "commit", "offer", "approve", "announce", "pass", "budget"})


def stage_of_verb(sentence: Sentence, verb: Token) -> str:
    """commitment (pledged, will send, agreed to send) or delivery (sent, has provided)."""
    commit = sentence.lexicon.words("support", "commitment_verbs")
    chain = [verb]
    while chain[-1].dep_ in ("xcomp", "acl", "pcomp", "prep") and chain[-1].head != chain[-1]:
        chain.append(chain[-1].head)
    lemmas = {t.lemma_.lower() for t in chain}
    if lemmas & (commit | sentence.lexicon.words("support", "commitment_words")):
        return "commitment"
    if verb.lemma_.lower() in _COMMITTING:
        return "commitment"
    if is_past(verb) and not is_future(verb):
        return "delivery"
    if verb.tag_ in ("VBP", "VBZ") and verb.lemma_.lower() in sentence.lexicon.words(
        "support", "delivery_verbs"
    ):
        return "delivery"  # "EU disburses EUR 1.5bn"
    if is_future(verb) or verb.tag_ in ("VB", "VBP", "VBZ"):
        return "commitment"  # "will send", "to send", headline "provides"
    return "delivery"  # "is sending", participles


def support_details(sentence: Sentence, verb: Token) -> dict[str, str]:
    """Items given ("14 Leopard tanks") and an intermediary ("via X", "the Czech initiative")."""
    details: dict[str, str] = {}
    objects = children(verb, frozenset({"dobj", "nsubjpass"}))
    objects += prep_objects(verb, frozenset({"with"}))
    if objects:
        words = sorted(objects[0].subtree, key=lambda t: t.i)
        details["items"] = verb.doc[words[0].i : words[-1].i + 1].text[:120]
    via = prep_objects(verb, frozenset({"via", "through"}))
    via += [t for t in prep_objects(verb, RECIPIENT_PREPS) if t.lemma_.lower() in INSTRUMENTS]
    for tok in via:
        codes = [sentence.codes[t.i] for t in tok.subtree if t.i in sentence.codes]
        if codes:
            details.update(channel="indirect", via=codes[0])
            break
    return details
