"""Who acts in a clause: actor codes of subjects and their companions, coordinated and counted
groups, pronouns resolved through the article, reporters and parties who met.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from spacy.tokens import Token

from aidtrack.extract.clauses import (
    _RELATIVE,
    SCENE_MARKS,
    SUBJECT_DEPS,
    Sentence,
    children,
    governors,
    in_quote,
    in_relative_aside,
    memoised,
    prep_objects,
    subject_of,
)
from aidtrack.extract.lexicon import OFFICE_TITLES, office_states
from aidtrack.extract.modality import FUTURE_AUX, has_aux, is_hedged, is_negated

_NAME_DEPS = frozenset(
    {
        "compound",
        "amod",
        "poss",
        "nmod",
        "appos",
        "conj",
        "cc",
        "det",
        "prep",
        "pobj",
        "acl",
        "agent",
        "punct",
        "case",
        "advmod",
        "nummod",
        "quantmod",
        "npadvmod",
    }
)


_NAME_PREPS = frozenset({"of", "by", "including", "from", "like", "as", "alongside"})


# the adverbs that make "with" a companion's: "together with", "along with"
WITH_ADVERBS = frozenset({"along", "together"})
# who speaks for the party after "for" ("an envoy for Ukraine" deals with Ukraine; not these)
_SPEAKING_FOR = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen"}
)


SEATED = frozenset(
    {
        "official",
        "government",
        "authority",
        "leader",
        "administration",
        "ministry",
        "diplomat",
        "source",
        "cabinet",
        "treasury",
        "parliament",
    }
)  # "Canada, along with Britain, ..."


_SELF_PRONOUNS = frozenset({"we", "i", "us", "our", "me", "my", "ourselves"})


_OTHER_PRONOUNS = frozenset(
    {
        "it",
        "its",
        "he",
        "she",
        "his",
        "her",
        "him",
        "they",
        "their",
        "them",
        "which",
        "who",
        "that",
        "country",
        "government",
    }
)


_PLURAL_PRONOUNS = frozenset({"they", "their", "them"})


# pronouns that name nobody by themselves ("the government" and "the country" refer back)
_BARE_PRONOUNS = (_OTHER_PRONOUNS | _SELF_PRONOUNS) - {"government", "country"}


RELATIONAL_NOUNS = frozenset(
    {
        "ally",
        "partner",
        "member",
        "neighbour",
        "neighbor",
        "friend",
        "enemy",
        "critic",
        "supporter",
        "rival",
        "adversary",
        "part",
        "foe",
        "backer",
        "opponent",
    }
)


# nouns of war: the party named as their object is attacked, not named as their maker
WAR_NOUNS = frozenset(
    {
        "invasion",
        "war",
        "aggression",
        "attack",
        "offensive",
        "occupation",
        "bombing",
        "bombardment",
        "assault",
        "strike",
    }
)


GROUP_NOUNS = frozenset(
    {
        "country",
        "ally",
        "member",
        "state",
        "nation",
        "partner",
        "government",
        "capital",
        "power",
        "democracy",
        "economy",
        "donor",
        "monarchy",
        "neighbour",
        "neighbor",
        "supplier",
        "exporter",
    }
)


def actors_of(sentence: Sentence, token: Token | None) -> list[str]:
    """The actors a noun phrase names: "Belgium", "Dutch minister", "the EU and NATO"."""
    return [] if token is None else list(_actors_of(sentence, token))  # a list of the caller's own


@memoised  # asked of the same phrases by many rules
def _actors_of(sentence: Sentence, token: Token) -> list[str]:
    if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
        return one_of_the_group(sentence, token.head) or actors_of(sentence, token.head.head)
    if token.lower_ in _RELATIVE and token.dep_ == "pobj":  # "a mistake to which Moscow will respond":
        clause = next((a for a in token.ancestors if a.dep_ == "relcl"), None)  # the mistake, not the
        return actors_of(sentence, clause.head) if clause is not None else []  # last party named
    if token.lower_ == "whose":  # "Estonia, whose military aid to Ukraine ...": Estonia's aid
        clause = next((g for g in token.ancestors if g.dep_ in ("relcl", "acl")), None)
        return actors_of(sentence, clause.head) if clause is not None else []
    if owner := _owner_of_joined_subject(sentence, token):
        return [owner]  # "Russia's central bank said ..., and the foreign ministry warned ..."
    if token.lower_ in _EVERY_ONE and token.i not in sentence.codes:  # "asking each of them to fund":
        whole = [o for p in children(token, frozenset({"prep"})) if p.lower_ == "of" for o in p.children]
        if whole:  # the group "them" names
            return [c for o in whole for c in actors_of(sentence, o)]
    found: list[str] = []
    names = _name_tokens(token, coded=token.i in sentence.codes)
    for tok in names + _co_subjects(token):
        if _place_of_orphaned_prep(tok):
            continue  # "In Brussels, Ireland, Austria and Malta abstained": Brussels misread as a subject
        code = sentence.code(tok)
        if code and code not in found:
            found.append(code)
    if not found and token.dep_ in ("nsubj", "nsubjpass"):
        acting = sentence.lexicon.acting_for  # "UNRWA's chief urged ...": the agency's body acts
        found = list(dict.fromkeys(acting[t.lower_] for t in names if t.lower_ in acting))
    if not found and token.lemma_.lower() in GROUP_NOUNS and token.tag_ == "NNS":
        found = (
            _coordinated_states(sentence, token)
            or _members_beside(sentence, token)
            or _region_members(token)
            or _cited(sentence)
        )
    if not found:
        found = counted_group(sentence, token)
    for tok in [token, *_owners(token)] if not found else []:
        if tok.lower_ in _PLURAL_PRONOUNS:
            group = _previous_group(sentence, tok)
            if group:
                return group
        pronoun = resolve_pronoun(sentence, tok)
        if pronoun:
            return [pronoun]
    if not found and token.lemma_.lower() in TITLES | SEATED and (scene := _opening_place(sentence)):
        return [scene]  # "In Niamey, the prime minister appealed to Russia": Niger's; "In Berlin, the
        # cabinet relaxed licensing rules": Germany's
    if not found and (owner := _owner_told_before(sentence, token) or _body_told_before(sentence, token)):
        return [owner]  # "South Africa's arms control committee ... The committee said", "China's
        # foreign ministry ... A foreign ministry spokesperson warned"
    unnamed = not found and _unnamed_office(token)
    if unnamed and (earlier := _earlier_subjects(sentence, token)):
        return earlier[-1:]  # "Ethiopia's ministry said ..., and a senior official warned ..."
    if not found and sentence.filed and _leader(token):
        return [sentence.filed]  # "BERN - ... President Alain Berset announced ...": a head of state
        # or government the lexicon does not know leads the state the story was filed from
    if not found and (unnamed or _titled_unknown(token)) and sentence.previous:
        return [sentence.previous]  # "... ministry condemned it. Spokesman A. B. warned ...",
        # "Moscow was quick to respond. A deputy foreign minister said ..."
    if not found and (office := _bare_office_state(sentence, token)):
        return [office]  # "Germany's decision ... The chancellor still ruled out ..."
    if not found and sentence.filed and _home_ministry(sentence, token):
        return [sentence.filed]  # "SEOUL - ... On Tuesday the foreign ministry announced ..."
    return found


def _owner_of_joined_subject(sentence: Sentence, token: Token) -> str | None:
    """ "Russia's central bank said it would sue, and the foreign ministry warned ...": a bare
    ministry or government that is the subject of a clause joined to one whose subject a state
    owns is that state's, whichever state's ministry the article named before."""
    if token.lemma_.lower() not in ("ministry", "government", "cabinet") or token.dep_ != "nsubj":
        return None
    if any(c.dep_ != "det" and c.text[:1].isupper() or c.dep_ in ("poss", "prep") for c in token.children):
        return None  # "the Belgian foreign ministry", "its ministry", "the ministry of ..."
    verb = token.head
    if verb.dep_ != "conj":
        return None
    first = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    owners = [c for c in first.children if c.dep_ == "poss"] if first is not None else []
    codes = [c for o in owners for c in actors_of(sentence, o) if is_state(c)]
    return codes[0] if len(codes) == 1 else None


def _home_ministry(sentence: Sentence, token: Token) -> bool:
    """ "the foreign ministry", "the trade ministry" with no state named as its owner in its
    paragraph, in a story with a dateline: the ministry of the state the story was filed from
    (measured against the state just told about, which gained as many events as it lost)."""
    if token.lemma_.lower() != "ministry" or token.i in sentence.codes:
        return False
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return False
    if any(c.dep_ in ("poss", "appos") or c.i in sentence.codes for c in token.children):
        return False  # "Russia's foreign ministry"
    if any(t.i in sentence.codes for p in children(token, frozenset({"prep"})) for t in p.subtree):
        return False  # "the ministry of Japan" (not "the Ministry for Foreign Affairs")
    return not any(
        t.lemma_.lower() == "ministry" for t in sentence.span.doc[: token.i] if t.i in sentence.codes
    )


# words for every member of a group named after "of": "each of them", "both of those governments"
_EVERY_ONE = frozenset({"each", "both", "all"})


def _coordinated_states(sentence: Sentence, group: Token) -> list[str]:
    """ "the Spanish and Greek governments", "the French and German capitals": each state of
    coordinated adjectives before a plural group noun (not "NATO countries", "EU states")."""
    first = [c for c in group.children if c.dep_ in ("amod", "compound") and c.i < group.i]
    words = [w for c in first for w in (c, *(g for g in c.children if g.dep_ == "conj"))]
    codes = [sentence.code(w) for w in words]
    states = [c for c in dict.fromkeys(codes) if c and is_state(c)]
    return states if len(states) > 1 else []


# regions whose states news names as a group: "the Baltic states", "the Benelux countries"
_REGIONS = {
    "baltic": ("EST", "LVA", "LTU"),
    "benelux": ("BEL", "NLD", "LUX"),
    "nordic": ("DNK", "FIN", "ISL", "NOR", "SWE"),
}


def _region_members(token: Token) -> list[str]:
    """ "the Baltic governments", "the three Baltic states": each state of the region (a count
    that is not the region's size names some of them: "two Nordic countries")."""
    regions = [c.lower_ for c in token.children if c.dep_ in ("amod", "compound") and c.lower_ in _REGIONS]
    if len(regions) != 1:
        return []
    members = _REGIONS[regions[0]]
    counted = [c for c in token.children if c.dep_ == "nummod" or c.lower_ in _COUNTS]
    if counted and _number(counted[0]) != len(members):
        return []
    return list(members)


def _number(word: Token) -> int | None:
    return int(word.text) if word.text.isdigit() else _COUNTS.get(word.lower_)


def _bare_office_state(sentence: Sentence, token: Token) -> str | None:
    """ "The chancellor", named by title alone: the one state named so far in the article whose
    office it is (the dated register says which states have a chancellor); likewise an
    institution ("the Treasury"). A title many of the states named have ("the foreign
    minister") refers to nobody sure."""
    institution = sentence.lexicon.institutions.get(token.lower_)
    if token.lemma_.lower() not in OFFICE_TITLES and institution is None:
        return None
    if not any(c.lower_ == "the" for c in token.children):
        return None
    if any(c.dep_ in ("poss", "compound", "appos") or c.lower_ == "of" for c in token.children):
        return None  # "its chancellor", "the Austrian chancellor", "the chancellor, Merz, ..."
    words = [c.lower_ for c in token.children if c.dep_ == "amod" and c.i < token.i]
    holders = institution or office_states(" ".join([*words, token.lemma_.lower()]))
    earlier = [sentence.codes[i] for i in sorted(sentence.codes) if i < token.i]  # named before it here
    named = [
        c for c in dict.fromkeys([*reversed(earlier), *reversed(sentence.recent_states)]) if c in holders
    ]
    if not named:  # none named lately: the one named earlier in the article ("the Treasury", six
        named = [c for c in sentence.states_so_far if c in holders]  # sentences after "Washington")
    return named[0] if len(named) == 1 else None


def _owners(token: Token) -> list[Token]:
    """Words that may refer back to whom a phrase belongs: "its" in "its government", "the
    capital" in "officials in the capital"."""
    owners = [c for c in token.children if c.dep_ == "poss"]
    if token.lemma_.lower() in SEATED:
        owners += [o for o in prep_objects(token, frozenset({"in"})) if o.lower_ in STATE_NOUNS]
    return owners


COMPANION_PREPS = frozenset({"alongside", "like"})


def companions(sentence: Sentence, verb: Token) -> list[str]:
    """ "Alongside the US and Britain, Canada suspended ...": actors doing the same as the subject
    (not the parties an act is done to: "sanctioned two firms, along with a Turkish bank")."""
    found: list[str] = []
    parties = set(joined_parties(sentence, verb))
    for obj in prep_objects(verb, COMPANION_PREPS):
        if obj not in parties:  # not "lists three Chinese firms alongside 200 Russian individuals"
            found += [c for c in actors_of(sentence, obj) if c not in found]
    for obj in _joined(verb):
        if obj not in parties:  # "Together with Sweden, Finland will ..."
            found += [c for c in actors_of(sentence, obj) if c not in found]
    joined = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "in" else None
    if joined is not None and joined.lemma_.lower() == "join":  # "Britain joined France in sending"
        for obj in children(joined, frozenset({"dobj"})):  # (not "joined the EU in imposing": its line)
            found += [c for c in actors_of(sentence, obj) if c not in found and is_state(c)]
    return found


def _joined(verb: Token) -> list[Token]:
    """The objects of "along with" and "together with" (or "jointly with") hung on a verb."""
    found: list[Token] = []
    for prep in children(verb, frozenset({"prep", "advmod"})):
        if prep.lower_ in WITH_ADVERBS:
            found += [o for g in prep.children if g.lower_ == "with" for o in g.children]
        if prep.lower_ == "with" and any(a.lower_ in WITH_ADVERBS | {"jointly"} for a in prep.children):
            found += children(prep, frozenset({"pobj"}))
    return found


def joined_parties(sentence: Sentence, verb: Token) -> list[Token]:
    """ "sanctioned two Emirati firms, together with a Turkish bank", "added 19 Indian firms,
    along with dozens of Russian entities, to its list": parties (firms, people, ships) joined
    after the verb's object are more of what the verb acts on, not more actors."""
    objects = children(verb, frozenset({"dobj"}))
    if not objects:
        return []
    parties = sentence.lexicon.words("policy_change", "party_nouns") | sentence.lexicon.words(
        "sanction", "entry_objects"
    )
    first = min(o.i for o in objects)
    joined = _joined(verb) + prep_objects(verb, frozenset({"alongside"}))
    return [o for o in joined if o.i > first and any(t.lemma_.lower() in parties for t in _heads(o))]


def _heads(noun: Token) -> list[Token]:
    """A noun, its conjuncts, what it counts ("dozens of Russian entities") and what it is
    called beside its name ("Lawrence Kanyuka, a Congolese national")."""
    counted = [g for p in prep_objects(noun, frozenset({"of"})) for g in [p, *p.conjuncts]]
    named = [a for n in [noun, *noun.conjuncts] for a in children(n, frozenset({"appos"}))]
    return [noun, *noun.conjuncts, *counted, *named]


def _co_subjects(token: Token) -> list[Token]:
    """ "Finland as well as Sweden have decided": the parser gives the verb two subjects."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return []
    return [
        t for sib in token.head.children if sib.dep_ == token.dep_ and sib != token for t in _name_tokens(sib)
    ]


# the words that name a person by office ("the envoy", "a senior official")
TITLES = OFFICE_TITLES | {"envoy", "official", "chief", "director", "commissioner"}


def _opening_place(sentence: Sentence) -> str | None:
    """The state of a place the sentence opens on ("In Niamey, ...", "In Kyiv, ..."): where an
    official named only by title belongs."""
    place = opening_place(sentence, frozenset({"in"}))
    code = sentence.codes[place.i] if place is not None else None
    return code if code is not None and is_state(code) else None


def opening_place(sentence: Sentence, preps: frozenset[str]) -> Token | None:
    """The named place a sentence opens on, set off by a comma: "In Niamey, ...", "In eastern
    Sudan, where ..., ..." (the place's word), with the opening preposition one of ``preps``."""
    span = sentence.span
    first = span[0]
    if first.lower_ not in preps or first.dep_ != "prep":
        return None
    places = [o for o in first.children if o.dep_ == "pobj" and o.i in sentence.codes]
    if not places or places[0].i + 1 >= span.end or span.doc[places[0].i + 1].text != ",":
        return None
    return places[0]


# bodies of a state that an article names once with their state and then by their noun alone
_BODIES = frozenset(
    {
        "committee",
        "court",
        "ministry",
        "office",
        "agency",
        "parliament",
        "council",
        "commission",
        "cabinet",
        "inspectorate",
        "authority",
        "regulator",
        "tribunal",
        "legislature",
        "assembly",
        "senate",
        "department",
        "bureau",
        "watchdog",
        "coalition",
        "junta",
        "regime",
        "embassy",
        "presidency",
        "treasury",
        "leadership",
        "delegation",
        "administration",
    }
)


def owned_in(sentence: Sentence) -> dict[str, str]:
    """The bodies a sentence names with the state they belong to ("South Africa's National
    Conventional Arms Control Committee", "the Dutch appeals court"), by their noun."""
    owned: dict[str, str] = {}
    for word, code in _coded_words(sentence):
        if not is_state(code):
            if code == "EU" and _names_a_council(word):  # "the Council of the EU", "the European
                owned["council"] = code  # Council" (a "Security Council" may be Russia's or the UN's)
            elif word.lemma_.lower() in _NAMED_BY_HEAD and word.text[:1].isupper():
                owned[word.lemma_.lower()] = code  # "the International Monetary Fund ... the Fund"
        elif body := _owned_body(word, _BODIES):
            owned[body.lemma_.lower()] = code
            owned[_qualified(body)] = code  # "the Russian foreign ministry": "foreign ministry" too
    return owned


def parties_owned_in(sentence: Sentence) -> dict[str, str]:
    """The parties to sanction a sentence names with their state ("Israeli settlers", "Russian
    banks"), by their noun: later "four settlers" or "the bank" with no state of their own are
    that state's."""
    parties = sentence.lexicon.words("policy_change", "party_nouns")
    return {
        body.lemma_.lower(): code
        for word, code in _coded_words(sentence)
        if is_state(code) and (body := _owned_body(word, parties))
    }


def _coded_words(sentence: Sentence) -> Iterator[tuple[Token, str]]:
    """The sentence's words that name an actor, in order, with the actor's code."""
    span = sentence.span
    for i, code in sorted(sentence.codes.items()):
        if span.start <= i < span.end:
            yield span.doc[i], code


def _owned_body(word: Token, nouns: frozenset[str]) -> Token | None:
    """The noun of ``nouns`` that a state's name or adjective modifies ("the Dutch appeals court":
    court), climbing through the modifiers before it."""
    while word.dep_ in ("compound", "amod", "poss", "nmod") and word.head.i > word.i:
        word = word.head
        if word.lemma_.lower() in nouns:
            return word
    return None


def _qualified(body: Token) -> str:
    """A body's noun with the lower-case words before it that say which of its kind it is:
    "foreign ministry", "appeals court", "ministry" alone when none do."""
    words = [
        c.lower_
        for c in body.children
        if c.dep_ in ("compound", "amod") and c.i < body.i and c.text.islower()
    ]
    return " ".join([*words, body.lemma_.lower()])


def _names_a_council(word: Token) -> bool:
    """The word is a council's name ("the European Council"), or the name of the union a
    council belongs to ("EU Council", "Council of the EU")."""
    head = word.head
    if word.lemma_.lower() == "council":
        return True
    if word.dep_ in ("compound", "amod", "poss", "nmod") and head.lemma_.lower() == "council":
        return True
    return word.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() == "council"


# organisations an article names in full and then by the last word of their name, capitalised
# ("the World Bank ... the Bank", "the International Monetary Fund ... the Fund")
_NAMED_BY_HEAD = frozenset({"bank", "fund"})


def _owner_told_before(sentence: Sentence, token: Token) -> str | None:
    """ "The committee" with no owner of its own: the state whose committee the article named;
    "the Fund" the organisation the article named in full."""
    lemma = token.lemma_.lower()
    if token.i in sentence.codes:
        return None
    if lemma not in _BODIES and not (lemma in _NAMED_BY_HEAD and token.text[:1].isupper()):
        return None
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in token.children):
        return None
    if any(c.dep_ in ("poss", "compound", "amod", "nmod") and c.i in sentence.codes for c in token.children):
        return None
    # "the trade ministry" is not the Russian foreign ministry named before, unless the sentence
    # before was about Russia; "the ministry" is
    owner = sentence.owned_nouns.get(_qualified(token))
    if owner is None and (bare := sentence.owned_nouns.get(lemma)) == sentence.previous:
        return bare
    return owner


def _body_told_before(sentence: Sentence, token: Token) -> str | None:
    """ "A foreign ministry spokesperson" with no owner of the ministry, when the sentence before
    was about the state whose foreign ministry the article named ("Russia's foreign ministry
    summoned the envoy. A foreign ministry spokeswoman warned ..."); not one placed by a phrase
    of its own ("a spokesman in Beijing"), nor officials of many states."""
    if token.lemma_.lower() not in TITLES or token.tag_ != "NN":
        return None
    if any(c.dep_ in ("poss", "prep", "appos") for c in token.children):
        return None
    bodies = [c for c in token.children if c.dep_ == "compound" and c.lemma_.lower() in _BODIES]
    if len(bodies) != 1 or any(t.i in sentence.codes for t in token.subtree):
        return None
    body = bodies[0]
    owner = sentence.owned_nouns.get(_qualified(body))  # "foreign ministry", or "ministry" alone
    return owner if owner is not None and owner == sentence.previous else None


def _titled_unknown(token: Token) -> bool:
    """A person named only by title and name ("Spokesman Aykhan Hajizada"), no country."""
    return token.pos_ == "PROPN" and any(
        c.dep_ == "compound"
        and c.lemma_.lower() in TITLES
        and not any(g.dep_ in ("amod", "compound", "poss") for g in c.children)
        for c in token.children
    )


# titles of those who lead a state: "President X", "Prime Minister X", "Chancellor X"
_LEADERS = frozenset({"president", "prime", "premier", "chancellor", "king", "emir", "taoiseach"})


def _leader(token: Token) -> bool:
    """A name with only the title of a head of state or government, and nothing that places it
    ("President Alain Berset", "Prime Minister Petteri Orpo"; not "Foreign Minister X" nor
    "Ukrainian President X")."""
    if token.pos_ != "PROPN":
        return False
    titles = [c for c in token.children if c.dep_ == "compound" and c.lemma_.lower() in TITLES]
    if len(titles) != 1:
        return False
    title = titles[0]
    words = [c for c in title.children if c.dep_ in ("amod", "compound", "poss")]
    if title.lemma_.lower() == "minister":  # "Prime Minister X"
        return [w.lower_ for w in words] == ["prime"]
    return not words and title.lemma_.lower() in _LEADERS


def _unnamed_office(token: Token) -> bool:
    """A subject named by an office with "a" and nothing that places it ("a deputy foreign
    minister said", "a senior official warned"): one of the actor just told about."""
    return (
        token.dep_ == "nsubj"
        and token.lemma_.lower() in TITLES
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)
        and not any(c.dep_ in ("poss", "compound", "prep", "appos") for c in token.children)
    )


def _previous_group(sentence: Sentence, token: Token) -> list[str]:
    """ "Finland and Sweden said they would ...": "they" is both."""
    before = [
        i
        for i in range(sentence.span.start, token.i)
        if i in sentence.codes and not in_relative_aside(token.doc[i])
    ]
    if not before:  # "Their spokesmen warned ..." after "The juntas in Mali and Burkina Faso ..."
        one = len(sentence.groups_just_before) == 1 and token.lower_ == "their"
        return list(sentence.groups_just_before[-1]) if one else []
    head = token.doc[before[-1]]
    while head.dep_ in ("conj", "compound", "amod") and head.head != head:
        head = head.head
    members = [head, *[t for t in head.subtree if t.dep_ == "conj"]]
    found = [c for t in members for c in actors_of(sentence, t) if t.i < token.i]
    return list(dict.fromkeys(found))


_COUNTS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "pair": 2, "duo": 2, "trio": 3}


# "both banks", "the two institutions": organisations counted, named just before
_COUNTED_ORGANISATIONS = frozenset(
    {"bank", "lender", "institution", "organisation", "organization", "agency"}
)
_COUNTED = GROUP_NOUNS | _COUNTED_ORGANISATIONS | {"pair", "duo", "trio", "side", "neighbour", "neighbor"}


def counted_group(sentence: Sentence, token: Token) -> list[str]:
    """ "both countries", "the two nations", "the Nordic pair": the latest group of that many
    coordinated actors named before."""
    lemma = token.lemma_.lower()
    if lemma not in _COUNTED:
        return []
    size = _COUNTS.get(lemma) or next(
        (
            _COUNTS[c.lower_]
            for c in token.children
            if c.dep_ in ("det", "predet", "nummod", "preconj") and c.lower_ in _COUNTS
        ),
        0,
    )
    if not size:
        return []
    here = [g for g in coordinated_groups(sentence.span, sentence.codes) if g[1] < token.i]
    groups = [*sentence.groups, *(g[0] for g in here)]
    found = list(next((g for g in reversed(groups) if len(g) == size), ()))
    plain = lemma in GROUP_NOUNS and not any(c.dep_ in ("amod", "compound") for c in token.children)
    return found or (_last_states(sentence, size) if plain else [])  # not "the Nordic pair"


def _last_states(sentence: Sentence, size: int) -> list[str]:
    """The last ``size`` states named in the sentences before ("Syria ... and in neighbouring
    Turkey. The EU will help both countries"), when no coordination of that size was named."""
    named = list(dict.fromkeys(reversed(sentence.recent_states)))
    return named[:size] if len(named) >= size else []


def coordinated_groups(span: Any, codes: dict[int, str]) -> list[tuple[tuple[str, ...], int]]:
    """Actors named together ("Turkey and Syria") in a span, each group with its last token."""
    return [
        (tuple(dict.fromkeys(codes[t.i] for t in members)), max(t.i for t in members))
        for members in _coordinations(span, codes)
    ]


def _coordinations(span: Any, codes: dict[int, str]) -> list[list[Token]]:
    """The coded names of each list of several actors in a span ("Britain, France and Germany")."""
    out = []
    for tok in span:
        if tok.i not in codes or tok.dep_ == "conj":
            continue
        members = [tok, *(t for t in tok.subtree if t.dep_ == "conj" and t.i in codes)]
        if len({codes[t.i] for t in members}) >= 2:
            out.append(members)
    return out


def _members_beside(sentence: Sentence, token: Token) -> list[str]:
    """ "Several governments, among them Canada and Norway, have ...", "appealed to Gulf
    states, in particular Qatar": the parser hangs the members on the verb; they stand for
    the group that is its subject, object or prepositional object."""
    found: list[str] = []
    verb = token.head.head if token.dep_ == "pobj" and token.head.dep_ == "prep" else token.head
    if token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj"):
        return found
    for prep in children(verb, frozenset({"prep"})):
        if prep.lower_ == "among" and any(g.lower_ in ("them", "which", "whom") for g in prep.children):
            named = [n for n in prep.children if n.dep_ in ("dep", "appos", "pobj")]
        elif _introduces_members(verb, prep):
            named = list(prep.children)
        else:
            continue
        for member in named:
            if member.lower_ not in ("them", "which", "whom"):
                found += [c for t in _name_tokens(member) for c in [sentence.code(t)] if c and c not in found]
    return found


def _introduces_members(token: Token, child: Token) -> bool:
    """ "including in the UK and France", "above all Qatar and Kuwait": a list of members."""
    if child.dep_ != "prep":
        return False
    if token.lower_ in ("including", "include") and child.lower_ == "in":
        return True
    if child.lower_ == "in" and any(o.lower_ == "particular" for o in child.subtree):
        return True  # "in particular Saudi Arabia and Qatar"
    return child.lower_ == "above" and any(
        g.dep_ == "det" and g.lower_ == "all" for o in child.children for g in o.children
    )


def _cited(sentence: Sentence) -> list[str]:
    """Members named as examples of a group: "..., citing Germany and Sweden"."""
    found: list[str] = []
    for tok in sentence.span:
        if tok.lemma_.lower() in ("cite", "name", "mention") and tok.pos_ == "VERB":
            for obj in tok.children:
                if obj.dep_ == "dobj":
                    found += [sentence.codes[t.i] for t in obj.subtree if t.i in sentence.codes]
    return list(dict.fromkeys(found))


def _qualified_group(word: Token) -> bool:
    """ "the rebel alliance", "an opposition coalition": a group noun a modifier sets apart from
    the one its bare name means (NATO's "the alliance")."""
    return word.lemma_.lower() in GROUP_NOUNS | {"alliance", "coalition"} and any(
        c.dep_ in ("amod", "compound") for c in word.children
    )


def _name_tokens(token: Token, *, coded: bool = False) -> list[Token]:
    """The tokens that may name the actor of a phrase; ``coded``: the phrase's head is itself a
    name of an actor, so an apposition that ties it to another party describes it."""
    tokens = [token]
    group = token.lemma_.lower() in GROUP_NOUNS
    for child in token.children:
        if child.dep_ not in _NAME_DEPS:
            continue
        if (
            child.dep_ == "prep"
            and child.lower_ == "with"
            and any(g.dep_ == "advmod" and g.lower_ in WITH_ADVERBS | {"jointly"} for g in child.children)
        ):  # "Germany, together with the Netherlands, ..."
            tokens.extend(t for o in child.children if o.dep_ == "pobj" for t in _name_tokens(o))
            continue
        if child.dep_ == "prep" and child.lower_ in WITH_ADVERBS:
            tokens.extend(
                t for g in child.children if g.lower_ == "with" for o in g.children for t in _name_tokens(o)
            )
            continue
        if child.dep_ == "prep" and child.lower_ == "for" and token.lemma_.lower() in _SPEAKING_FOR:
            tokens.extend(  # "a spokesman for the Russian foreign ministry" speaks for Russia (not
                t for o in child.children if not _qualified_group(o) for t in _name_tokens(o)
            )  # "for the rebel alliance")
            continue
        if child.dep_ == "prep" and child.lower_ == "in" and token.lemma_.lower() in SEATED:
            tokens.extend(t for o in child.children for t in _name_tokens(o))  # "officials in Kyiv"
            continue
        if _introduces_members(token, child):
            tokens.extend(t for o in child.children for t in _name_tokens(o))
            continue
        if child.dep_ == "prep" and child.lower_ not in _NAME_PREPS:
            continue
        if child.dep_ == "prep" and child.lower_ == "of" and token.lemma_.lower() in RELATIONAL_NOUNS:
            continue
        if (
            child.dep_ == "prep"
            and child.lower_ in ("of", "on", "against")
            and token.lemma_.lower() in WAR_NOUNS
        ):
            continue  # "Moscow's invasion of Ukraine" names Moscow; Ukraine is attacked
        if (
            group
            and (token.tag_ == "NNS" or _one_of_many(token))
            and (child.dep_ in ("compound", "amod", "poss", "nmod") or child.lower_ == "of")
            and not _acts_through_members(child)
            and not _decides_as_union(token, child)
        ):
            continue  # "NATO countries", "members of the EU" are not NATO or the EU
        if child.dep_ == "acl" and child.lemma_ != "lead":
            continue
        if _hyphen_participle(child):
            continue  # "Turkey-backed Azerbaijan", "Iran-made drones": a descriptor, not a party
        if child.dep_ == "appos" and in_relative_aside(child) and not in_relative_aside(token):
            continue  # "Estonia, which borders Russia, ..." misparsed: Russia is no name of Estonia
        if child.dep_ == "advmod" and coded and any(g.dep_ == "pobj" for g in child.children):
            continue  # "Colombia, home to 2.9 million Venezuelans, ...", "home" read as an adverb
        if child.dep_ == "appos" and coded and _describes_by_another(child):
            continue  # "The United States, Israel's largest supplier, ...": Israel is another party
            # (but "James Kabarebe, Rwanda's minister": the person's state)
        tokens.extend(_name_tokens(child))
    return tokens


def one_of_the_group(sentence: Sentence, clause: Token) -> list[str]:
    """ "Latvia is among the countries that have sent howitzers", "Spain is one of the states
    that delivered tanks", "Britain and Italy were among the governments that froze their
    funding": the subject of the copula is who does what the relative clause tells."""
    group = clause.head
    if clause.dep_ != "relcl" or group.dep_ != "pobj":
        return []
    prep = group.head
    holder = (
        prep.head
        if prep.lower_ == "among"
        else prep.head
        if prep.lower_ == "of" and prep.head.lower_ == "one"
        else None
    )
    if holder is None:
        return []
    copula = holder if holder.pos_ in ("AUX", "VERB") else holder.head
    if copula.lemma_.lower() not in ("be", "remain", "become", "rank"):
        return []
    return actors_of(sentence, subject_of(copula))


def _one_of_many(token: Token) -> bool:
    """ "a NATO member", "one EU country", "another G7 state": some member, not the group."""
    return any(
        c.dep_ in ("det", "nummod") and c.lower_ in ("a", "an", "one", "another") for c in token.children
    )


# groups with no institutions of their own: they act only as their members together, so
# "the G7 nations agreed" is the G7 agreeing (unlike "NATO countries", which are not NATO)
_MEMBERS_ONLY_GROUPS = frozenset({"g7", "g-7", "g20", "g-20"})


def _place_of_orphaned_prep(token: Token) -> bool:
    """A name right after a place preposition the parser left without its object ("In
    Brussels, Ireland ... abstained", with "Brussels" read as the subject)."""
    if token.i == 0 or token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    prep = token.doc[token.i - 1]
    return prep.dep_ == "prep" and prep.lower_ in ("in", "at", "from") and not list(prep.children)


def _describes_by_another(appos: Token) -> bool:
    """An apposition that describes a name by its tie to another party: a common noun with an
    owner or a phrase of its own ("Israel's largest supplier", "Kyiv's closest ally", "home to
    2.9 million Venezuelans", "host to most of Sudan's refugees")."""
    return appos.pos_ == "NOUN" and any(c.dep_ in ("poss", "prep") for c in appos.children)


def _acts_through_members(child: Token) -> bool:
    return child.dep_ == "compound" and child.lower_ in _MEMBERS_ONLY_GROUPS


# what the EU's member states do together in its Council, as the Union
_UNION_DECISIONS = frozenset(
    {
        "agree",
        "decide",
        "approve",
        "adopt",
        "endorse",
        "extend",
        "impose",
        "renew",
        "prolong",
        "reimpose",
        "lift",
        "tighten",
        "sanction",
    }
)


def _decides_as_union(group: Token, child: Token) -> bool:
    """ "EU governments approved 10 million euros for the Armenian army", "EU states decided to
    freeze the assets": the member states deciding together are the EU (unlike "EU countries
    such as Hungary", or "EU countries sent tanks", each on its own)."""
    named = child.dep_ == "compound" and any(  # "EU states", "EU member states"
        t.text == "EU" or (t.lower_ == "union" and any(c.lower_ == "european" for c in t.children))
        for t in child.subtree
    )
    if not named:
        return False
    if group.dep_ == "nsubj":
        verb = group.head
        rolled_over = verb.lemma_.lower() == "roll" and any(  # "EU governments rolled over the
            c.dep_ == "prt" and c.lower_ == "over"
            for c in verb.children  # sanctions"
        )
        return verb.pos_ == "VERB" and (verb.lemma_.lower() in _UNION_DECISIONS or rolled_over)
    return _asked_to_decide(group)


def _asked_to_decide(group: Token) -> bool:
    """ "urged EU governments to approve 5 billion euros", "called on EU states to adopt the
    package": the member states asked to decide together."""
    if group.dep_ == "dobj":
        asker = group.head
    elif group.dep_ == "pobj" and group.head.lower_ in ("on", "upon"):
        asker = group.head.head
    else:
        return False
    return any(
        c.dep_ in ("xcomp", "ccomp", "advcl") and c.lemma_.lower() in _UNION_DECISIONS for c in asker.children
    )


def _hyphen_participle(token: Token) -> bool:
    """ "backed" in "Turkey-backed", "made" in "Iran-made": a participle joined by a hyphen."""
    return (
        token.dep_ in ("amod", "compound")
        and token.tag_ in ("VBN", "VBD")
        and token.i > 0
        and token.doc[token.i - 1].text in ("-", "\u2011")
    )


# a state's envoys: summoned to hear a protest, expelled, barred ("banned two Russian diplomats")
ENVOYS = frozenset({"diplomat", "ambassador", "envoy", "attache", "attaché", "chargé", "consul"})


def resolve_pronoun(sentence: Sentence, token: Token) -> str | None:
    """ "we" -> the speaker; "it", "his country" -> an earlier actor."""
    word = token.lower_
    if word in _SELF_PRONOUNS:
        return sentence.speaker or (sentence.previous if not in_quote(token) else None)
    if word in STATE_NOUNS:
        return _state_referred(sentence, token)
    if _city_state(token):  # "the city-state" (read as "city - state")
        return _state_referred(sentence, token, joined=True)
    if word in _ORGANISATION_NOUNS:
        return _organisation_referred(sentence, token)
    if word not in _OTHER_PRONOUNS:
        return None
    if word in ("country", "government") and not any(
        c.lower_ in ("the", "his", "her", "its", "their", "this") for c in token.children
    ):
        return None
    reporter = _reporter(sentence, token)
    if reporter:
        return reporter
    first = _same_subject_before(sentence, token)
    if first is not None:
        return resolve_pronoun(sentence, first)
    person = _persons_state(sentence, token)
    if person:
        return person
    if word == "country" and any(c.lower_ in ("the", "this") for c in token.children):
        return _state_referred(sentence, token)  # "the country": a state, not the EU before it
    before = [sentence.codes[i] for i in range(sentence.span.start, token.i) if i in sentence.codes]
    outside = [
        sentence.codes[i]
        for i in range(sentence.span.start, token.i)
        if i in sentence.codes and not in_relative_aside(token.doc[i])
    ]
    before = outside if outside and not in_relative_aside(token) else before
    if word == "government":  # "After Myanmar's military seized power, the government halted ...":
        before = [  # a clause that sets the scene names no government, and an organisation has
            sentence.codes[i]  # none ("NATO asked Norway for air defence, and the government sent")
            for i in range(sentence.span.start, token.i)
            if i in sentence.codes
            and not in_scene_before(token.doc[i], token)
            and is_state(sentence.codes[i])
        ]
    if word in ("it", "its"):  # "after Britain, France and Germany imposed sanctions on its
        before = _outside_lists(sentence, token) or before  # airline": one of a list is no "it"
    subjects = _earlier_subjects(sentence, token) if token.dep_ in ("nsubj", "nsubjpass") else []
    if subjects and subjects[-1] in before:
        return subjects[-1]  # "Poland bought tanks from Korea to replace those it had sent": Poland
    if (
        not before
        and word == "government"
        and (sentence.previous is None or _bare_the(token) and sentence.home)
        and (sentence.home == sentence.filed or not _named_after(sentence, token, sentence.home))
    ):
        return sentence.home  # "TOKYO - The government said ...": the dateline's state, else the
        # state the story is about ("Seoul weighs arms ... Moscow was quick to respond ... The
        # government did act on other fronts")
    if word == "him":  # "Biden promised him 300 million dollars": not the one who promised
        return _object_person(sentence, token)
    if word in _PERSONAL and not any(
        _may_be_person(sentence, token.doc[i])
        for i in range(sentence.span.start, token.i)
        if i in sentence.codes
    ):
        return sentence.previous  # "Defying US objections, his war cabinet ...": not the US
    if not before and word == "government" and sentence.previous and not is_state(sentence.previous):
        return sentence.last_state  # "NATO asked Norway for air defence. The government sent ...":
        # the state the sentence before was about, not the organisation
    return before[-1] if before else sentence.previous


def _named_after(sentence: Sentence, token: Token, code: str | None) -> bool:
    """Whether the sentence names ``code`` after ``token`` ("The government also pledged two
    IRIS-T systems to Ukraine" in a story about Ukraine: the giver is not the receiver)."""
    return code is not None and any(
        sentence.codes.get(i) == code for i in range(token.i + 1, sentence.span.end)
    )


def _object_person(sentence: Sentence, token: Token) -> str | None:
    """ "summoned the Russian ambassador and told him ...": the person named before the object
    pronoun, not the subject of its own verb; else the actor of the sentence before."""
    own = set(actors_of(sentence, subject_of(token.head))) if token.dep_ in ("dobj", "dative") else set()
    people = [
        sentence.codes[i]
        for i in range(sentence.span.start, token.i)
        if i in sentence.codes and sentence.codes[i] not in own and _may_be_person(sentence, token.doc[i])
    ]
    if people:
        return people[-1]
    return sentence.previous if sentence.previous not in own else None


def _same_subject_before(sentence: Sentence, token: Token) -> Token | None:
    """ "This autumn it added 243 items to the list of goods barred from export to Russia, and
    it has blacklisted 11 North Koreans", "Last year it announced aid for Ukrainian civilians,
    and in February its trade ministry added ...": a subject pronoun, or the owner of a subject,
    that repeats the subject pronoun of the clause it is joined to is the same party, not the
    place named between them."""
    same = _SAME_PRONOUN.get(token.lower_)
    subject = token.head if token.dep_ == "poss" else token  # "... and its trade ministry added"
    if same is None or subject.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = subject.head
    if verb.dep_ != "conj":
        return None
    first = next(
        (
            c
            for c in verb.head.children
            if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == same and c.i < token.i
        ),
        None,
    )
    return None if first is None or _dummy_it(first) else first


def _dummy_it(word: Token) -> bool:
    """ "It is unclear whether ...", "it was reported that ...": an "it" that stands for no party."""
    verb = word.head
    return word.lower_ == "it" and (
        verb.lemma_.lower() in ("be", "seem", "appear", "remain")
        or any(c.dep_ in ("ccomp", "csubj", "csubjpass") and c.i > verb.i for c in verb.children)
        and any(c.dep_ == "auxpass" for c in verb.children)
    )


# a pronoun, and the subject pronoun of the clause before that it repeats: "it ..., and it",
# "it ..., and its ministry"
_SAME_PRONOUN = {"it": "it", "its": "it", "they": "they", "their": "they"}


def _outside_lists(sentence: Sentence, token: Token) -> list[str]:
    """The actors named before ``token`` in its sentence, but for those named in a list of
    several ("Britain, France and Germany")."""
    before = sentence.span[: token.i - sentence.span.start]
    listed = {w.i for members in _coordinations(before, sentence.codes) for m in members for w in m.subtree}
    return [
        sentence.codes[i]
        for i in range(sentence.span.start, token.i)
        if i in sentence.codes and i not in listed
    ]


def _bare_the(noun: Token) -> bool:
    """ "the government" with nothing that says whose or which ("its coalition government", "the
    military government", "the government of Japan", "the National Unity Government" are not); a
    clause that tells what it did may follow."""
    return all(
        c.dep_ == "det" and c.lower_ == "the"
        for c in noun.children
        if c.dep_ not in ("punct", "relcl", "acl")
    )


# the marks of a clause of time or cause that sets the scene before "the government" ("as" too:
# "As the war in Gaza went on, the government ...")
_SCENE_MARKS = SCENE_MARKS | {"as"}


def in_scene_before(word: Token, token: Token) -> bool:
    """``word`` stands in a clause of time or cause that does not hold ``token``."""
    node = word
    while node.head != node:
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _SCENE_MARKS for c in node.children):
            return token not in node.subtree
        if node.dep_ == "prep" and node.lower_ in _SCENE_MARKS:  # "After Myanmar's military seized
            return token not in node.subtree  # power, ...", however the parser hung it
        node = node.head
    return False


def _earlier_subjects(sentence: Sentence, token: Token) -> list[str]:
    """The actors named as subjects before a pronoun that is itself a subject: a subject
    pronoun refers back to a subject sooner than to an object ("from South Korea")."""
    found = []
    for i in range(sentence.span.start, token.i):
        code = sentence.codes.get(i)
        if code is None:
            continue
        word = token.doc[i]
        while word.dep_ in ("compound", "poss", "amod", "conj", "appos") and word.head != word:
            word = word.head
        if word.dep_ in ("nsubj", "nsubjpass") and not (token.lower_ == "it" and _a_person(sentence, word)):
            found.append(code)  # "Stoltenberg thanked Korea for the aid it provided": "it" is no person
    return found


def _a_person(sentence: Sentence, word: Token) -> bool:
    """A subject that names a person: a title, or a name that is no state's or body's."""
    if word.lower_ in TITLES:
        return True
    name = " ".join(t.lower_ for t in [*(c for c in word.lefts if c.dep_ == "compound"), word])
    return word.pos_ == "PROPN" and word.i in sentence.codes and name not in sentence.lexicon.names


_PERSONAL = frozenset({"he", "she", "his", "her", "him"})


def _may_be_person(sentence: Sentence, token: Token) -> bool:
    """A coded word that may name the person "he" or "his" refers to: not a name that only
    describes a thing ("US objections", "Ukrainian grain"), nor a place where something happens
    ("In meetings in Riyadh, Abu Dhabi and Doha, he urged ...")."""
    first = token  # "Abu Dhabi" in "in Riyadh, Abu Dhabi and Doha": the place's first name
    while first.dep_ in ("conj", "compound") and first.head != first and first.head.pos_ == "PROPN":
        first = first.head
    if first.dep_ == "pobj" and first.head.lower_ in _PLACE_PREPS and not _a_person(sentence, first):
        return False  # not "pointed the finger at Orban, saying he vetoed ..."
    head = token.head
    return not (
        token.dep_ in ("amod", "compound", "nmod")
        and head.pos_ == "NOUN"
        and head.lemma_.lower() not in TITLES | _PEOPLE_NOUNS  # "the Ukrainian minister": a person
    )


# prepositions of place: their object is where, not who
_PLACE_PREPS = frozenset({"in", "at", "across", "throughout", "inside"})

_PEOPLE_NOUNS = frozenset(
    {"leader", "diplomat", "counterpart", "head", "foreign", "defence", "defense", "prime", "king", "general"}
)


def _persons_state(sentence: Sentence, token: Token) -> str | None:
    """ "De Croo warned Kyiv against flying the jets it will receive from his country": "his
    country" is the state of the person the main clause is about (its subject), not the last
    place named."""
    if token.lower_ not in ("country", "government") or not any(
        c.dep_ == "poss" and c.lower_ in ("his", "her") for c in token.children
    ):
        return None
    root = token.sent.root
    subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS and c.i < token.i), None)
    if subject is None or subject.lower_ in _BARE_PRONOUNS:
        return None
    found = actors_of(sentence, subject)
    return found[0] if len(found) == 1 else None


# singular nouns that, with "the" and no name of their own, refer back to a state named before
STATE_NOUNS = frozenset(
    {"nation", "kingdom", "republic", "capital", "emirate", "island", "monarchy", "archipelago"}
)


def _city_state(token: Token) -> bool:
    doc = token.doc
    return (
        token.lower_ == "state"
        and token.i > 1
        and doc[token.i - 1].text == "-"
        and doc[token.i - 2].lower_ == "city"
    )


def _state_referred(sentence: Sentence, token: Token, *, joined: bool = False) -> str | None:
    """ "the kingdom", "the Nordic nation", "officials in the capital": the last state named
    earlier in the sentence, else the state the sentences before are about ("the island of
    Cyprus", "the Baltic republic's capital" name their own). ``joined``: a hyphened noun whose
    first part the parser hung on it ("the city-state")."""
    if not _bare(token, frozenset({"poss"} if joined else {"compound", "poss"}), frozenset({"of"})):
        return None
    of_its_form = _state_of_form(sentence, token)
    if of_its_form is not None:
        return of_its_form
    place = _a_place(token)
    before = [
        sentence.codes[i]
        for i in range(sentence.span.start, token.i)
        if i in sentence.codes
        and is_state(sentence.codes[i])
        and not _opponent(token.doc[i])
        and not (place and _a_subject(token.doc[i]))
    ]
    if before:
        return before[-1]
    return (sentence.last_place or sentence.last_state) if place else sentence.last_state


def _state_of_form(sentence: Sentence, token: Token) -> str | None:
    """The last state named before of the form a noun names: "the kingdom" is the last kingdom
    named ("Israel ... Jordan ... the kingdom": Jordan), "the island" the last island state."""
    form = sentence.lexicon.state_forms.get(token.lemma_.lower())
    if form is None:
        return None
    named = [sentence.codes[i] for i in range(sentence.span.start, token.i) if i in sentence.codes]
    for code in reversed([*sentence.states_so_far, *sentence.recent_states, *named]):
        if code in form:
            return code
    return None


def _a_place(token: Token) -> bool:
    """ "in the country", "aid to the country": a place where or to which, not an actor (whom
    "Britain pledged 5 million pounds for the country" gives to is not Britain)."""
    return token.lower_ in _PLACE_NOUNS and token.dep_ == "pobj" and token.head.lower_ in _PLACE_PREPOSITIONS


_PLACE_NOUNS = frozenset({"country"})  # not "the kingdom", which a subject is sooner called
_PLACE_PREPOSITIONS = frozenset({"in", "to", "into", "inside", "within", "across", "throughout", "for"})


def _a_subject(token: Token) -> bool:
    """A name that is (part of) a clause's subject: "Britain", "the British government"."""
    while token.dep_ in ("compound", "poss", "amod", "conj", "appos") and token.head != token:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def _opponent(token: Token) -> bool:
    """ "its defence against Russia": a state named as the one fought is not what "the
    country" after it refers back to."""
    while token.dep_ in ("compound", "amod", "poss", "conj") and token.head != token:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in ("against", "by")


# singular nouns that, with "the" and no name of their own, refer back to an organisation
_ORGANISATION_NOUNS = frozenset({"fund", "lender", "bank", "institution", "organisation", "organization"})


def _organisation_referred(sentence: Sentence, token: Token) -> str | None:
    """ "The IMF approved the loan. The fund said ...": the last organisation named (not "the
    trust fund", "the World Bank's fund", "the fund for Ukraine", which name their own)."""
    if not _bare(token, frozenset({"compound", "poss", "amod"}), None):
        return None
    return _last_named(sentence, token, states=False) or sentence.last_organisation


def _bare(token: Token, own: frozenset[str], own_preps: frozenset[str] | None) -> bool:
    """ "the kingdom", "this fund": a singular noun with "the" or "this" and no name of its own
    (``own_preps`` None: no prepositional phrase at all)."""
    if token.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in token.children):
        return False
    return not any(
        c.dep_ in own or c.dep_ == "prep" and (own_preps is None or c.lower_ in own_preps)
        for c in token.children
    )


def _last_named(sentence: Sentence, token: Token, *, states: bool) -> str | None:
    """The last state (or organisation) named earlier in the sentence."""
    before = [sentence.codes[i] for i in range(sentence.span.start, token.i) if i in sentence.codes]
    named = [c for c in before if is_state(c) == states]
    return named[-1] if named else None


@functools.cache
def _organisations() -> frozenset[str]:
    from aidtrack.actors.names import all_actors

    return frozenset(info.code for info in all_actors(kind="organisation"))


def is_state(code: str) -> bool:
    """A country's code (``DEU``), not an organisation's (``EU``, ``IMF``) nor an empty one."""
    return bool(code) and code not in _organisations()


def _reporter(sentence: Sentence, token: Token) -> str | None:
    """ "Canada, which ..., said it would send": "it" is who says so."""
    clause = token.head
    if token.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "ccomp":
        return None
    verb = clause.head
    if verb.lemma_.lower() not in sentence.lexicon.words("modality", "reporting_verbs"):
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i]
    subject = max(subjects, key=lambda c: c.i, default=None)  # the nearest: not a dateline's city
    if subject is None and verb.dep_ == "conj":  # "X thanked Y for its support and said it would"
        subject = subject_of(verb)
    if subject is None or subject.lower_ in _BARE_PRONOUNS:
        return None
    found = actors_of(sentence, subject)
    return found[0] if len(found) == 1 else None


_MEETING_VERBS = frozenset({"meet", "visit", "host", "receive", "welcome", "phone", "telephone", "call"})


_GOING_VERBS = frozenset({"travel", "fly", "go", "arrive", "come", "head", "return"})


_TALKING_VERBS = frozenset({"speak", "talk", "confer", "negotiate", "meet"})


_SCENE_NOUNS = frozenset(
    {"visit", "trip", "talk", "meeting", "call", "conversation", "summit", "visitor", "counterpart"}
)


def met_parties(sentence: Sentence) -> list[tuple[str, str]]:
    """Who meets whom in a sentence, as (subject's party, party met) pairs: "Zelensky met
    Chancellor Scholz", "travelled to Tokyo for talks with his Japanese counterpart", "a visit
    to Madrid". Meetings planned or hoped for ("would visit Poland") are left out."""
    found: list[tuple[str, str]] = []
    for token in sentence.span:
        objects = _met_objects(token)
        if not objects:
            continue
        verb = (
            token if token.pos_ == "VERB" else next((g for g in governors(token) if g.pos_ == "VERB"), None)
        )
        if verb is None or is_negated(verb) or has_aux(verb, FUTURE_AUX) or is_hedged(sentence, verb):
            continue
        sides = actors_of(sentence, subject_of(verb))
        found += [
            (a, c)
            for o in objects
            for c in actors_of(sentence, o)
            for a in sides
            if a != c and (a, c) not in found
        ]
    return found


def _met_objects(token: Token) -> list[Token]:
    """The party phrases a meeting word names: the object of "met", the "to" of "travelled"."""
    lemma = token.lemma_.lower()
    objects: list[Token] = []
    if token.pos_ == "VERB" and lemma in _MEETING_VERBS:
        objects = children(token, frozenset({"dobj"}))
    if token.pos_ == "VERB" and lemma in _GOING_VERBS:
        objects = prep_objects(token, frozenset({"to", "in"}))
    if token.pos_ == "VERB" and lemma in _TALKING_VERBS:
        objects += prep_objects(token, frozenset({"with", "to"}))
    if token.pos_ == "NOUN" and lemma in _SCENE_NOUNS:
        objects = prep_objects(token, frozenset({"with", "to", "in"}))
        objects += [token] if lemma == "counterpart" else []
    return objects


def reporters_of(sentence: Sentence, clause: Token) -> list[str]:
    """Who says the words of ``clause`` (climbing coordinated and infinitive verbs): the
    subject of the reporting verb they hang on ("Washington said the sanctions would apply")."""
    while clause.dep_ in ("conj", "xcomp") and clause.head != clause:
        clause = clause.head
    speech = clause.head
    if clause.dep_ in ("ccomp", "parataxis") and speech.lemma_.lower() in sentence.lexicon.words(
        "modality", "reporting_verbs"
    ):
        return actors_of(sentence, subject_of(speech))
    return []
