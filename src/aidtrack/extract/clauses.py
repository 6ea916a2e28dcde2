"""Clause analysis on a dependency parse: who acts, on whom, and how surely.

These helpers read spaCy tokens; they know nothing of event types. A
:class:`Sentence` carries the sentence span, its actor mentions and the
article-level context (speaker, last actor) that resolves pronouns.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span, Token

from aidtrack.extract.lexicon import Lexicon

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_SHARE_SUBJECT = frozenset({"xcomp", "conj", "advcl", "pcomp", "prep"})
_CLIMB = frozenset(
    {
        "xcomp",
        "ccomp",
        "conj",
        "advcl",
        "pcomp",
        "pobj",
        "prep",
        "acl",
        "relcl",
        "dobj",
        "attr",
        "nsubj",
        "nsubjpass",
        "appos",
        "oprd",
        "npadvmod",
        "amod",
        "compound",
        "dative",
        "agent",
        "parataxis",
    }
)
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
_WITH_ADVERBS = frozenset({"along", "together"})
_SEATED = frozenset(
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
_RELATIVE = frozenset({"which", "who", "that", "whom"})
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
    {"invasion", "war", "aggression", "attack", "offensive", "occupation", "bombing", "assault", "strike"}
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
_DECIDED = frozenset({"plan", "proposal", "programme", "program"})
FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo", "going"})


@dataclass
class Sentence:
    """A parsed sentence with its actor mentions and pronoun context."""

    span: Span
    codes: dict[int, str]
    lexicon: Lexicon
    speaker: str | None = None
    previous: str | None = None
    # coordinated actors named in the sentences before ("Turkey and Syria"), latest last:
    # what "both countries" or "the two nations" refer back to
    groups: tuple[tuple[str, ...], ...] = ()
    # the state the sentences before are about: the last subject that is a state, else the
    # last state named; what "the nation", "the kingdom", "the capital" refer back to
    last_state: str | None = None
    # the states named in the sentences before, latest last (what "both countries" refers to
    # when they were not named together)
    recent_states: tuple[str, ...] = ()
    # the state of the wire dateline's city ("TOKYO, May 2 - "): whose "the government" it is
    # while no other actor has been named
    filed: str | None = None
    # the organisation named last before: what "the fund", "the lender", "the bank" refer to
    last_organisation: str | None = None
    # the parties met, visited or called in the sentences just before ("Zelensky met Scholz in
    # Berlin."): whom a request that names nobody is made to
    scene: tuple[tuple[str, str], ...] = ()

    def code(self, token: Token) -> str | None:
        return self.codes.get(token.i)


def in_quote(token: Token) -> bool:
    """True if ``token`` stands between an opening and a closing quote mark."""
    return token.i in quoted_indices(token.doc[token.sent.start : token.i + 1])


def quoted_indices(tokens: Iterable[Token]) -> frozenset[int]:
    """Indices of the tokens that stand between an opening and a closing quote mark
    (straight quotes toggle, curly ones open and close)."""
    inside: set[int] = set()
    depth = 0
    for tok in tokens:
        if depth == 1:
            inside.add(tok.i)
        if tok.text == "“":
            depth = 1
        elif tok.text == "”":
            depth = 0
        elif tok.text in ('"', "''", "``"):
            depth = 1 - depth
    return frozenset(inside)


def actors_of(sentence: Sentence, token: Token | None) -> list[str]:
    """The actors a noun phrase names: "Belgium", "Dutch minister", "the EU and NATO"."""
    if token is None:
        return []
    if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
        return actors_of(sentence, token.head.head)
    if token.lower_ == "whose":  # "Estonia, whose military aid to Ukraine ...": Estonia's aid
        clause = next((g for g in token.ancestors if g.dep_ in ("relcl", "acl")), None)
        return actors_of(sentence, clause.head) if clause is not None else []
    found: list[str] = []
    for tok in _name_tokens(token) + _co_subjects(token):
        code = sentence.code(tok)
        if code and code not in found:
            found.append(code)
    if not found and token.lemma_.lower() in GROUP_NOUNS and token.tag_ == "NNS":
        found = _members_beside(sentence, token) or _cited(sentence)
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
    if not found and _titled_unknown(token) and sentence.previous:
        return [sentence.previous]  # "... ministry condemned it. Spokesman A. B. warned ..."
    return found


_ASIDE_RELATIVES = frozenset({"which", "who", "whom", "whose"})


def in_relative_aside(token: Token) -> bool:
    """True if ``token`` stands in a comma-set relative aside ("Estonia and Latvia, which
    border Russia, said ...", "X and Y, both of which ..."), whatever the parse made of it."""
    start = token.sent.start
    for i in range(token.i - 1, start - 1, -1):
        if token.doc[i].text == ",":
            words = [t.lower_ for t in token.doc[i + 1 : min(i + 4, token.sent.end)]]
            return bool(words) and (
                words[0] in _ASIDE_RELATIVES
                or len(words) > 2
                and words[1] == "of"
                and words[2] in _ASIDE_RELATIVES
            )
    return False


def _aside_subject(token: Token) -> Token | None:
    """ "Austria and Switzerland, both of which cite their neutrality, declined": the parser
    made the relative aside a clause of the verb and gave it the verb's subject."""
    for clause in token.children:
        if clause.dep_ not in ("advcl", "ccomp") or clause.i > token.i:
            continue
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < clause.i]
        relatives = [t for t in clause.subtree if t.lower_ in _ASIDE_RELATIVES and in_relative_aside(t)]
        if subjects and relatives and subjects[0].i < relatives[0].i:
            return subjects[0]
    return None


def _opening_phrase_subject(token: Token) -> Token | None:
    """ "In a statement on Monday, Spain, Italy and Greece delivered ...": the parser joined the
    names to the opening phrase's last noun; the first name after its comma is the subject."""
    if token.pos_ not in ("VERB", "AUX") or token.dep_ not in ("ROOT", "conj"):
        return None
    for phrase in token.children:
        if phrase.dep_ not in ("prep", "npadvmod") or phrase.i > token.i:
            continue
        for t in phrase.subtree:
            if (
                t.dep_ in ("conj", "appos")
                and t.pos_ == "PROPN"
                and t.i > phrase.i
                and t.doc[t.i - 1].text == ","
                and t.head.dep_ in ("pobj", "conj", "appos")
            ):
                return t
    return None


def _owners(token: Token) -> list[Token]:
    """Words that may refer back to whom a phrase belongs: "its" in "its government", "the
    capital" in "officials in the capital"."""
    owners = [c for c in token.children if c.dep_ == "poss"]
    if token.lemma_.lower() in _SEATED:
        owners += [o for o in prep_objects(token, frozenset({"in"})) if o.lower_ in _STATE_NOUNS]
    return owners


_COMPANION_PREPS = frozenset({"alongside", "like"})


def companions(sentence: Sentence, verb: Token) -> list[str]:
    """ "Alongside the US and Britain, Canada suspended ...": actors doing the same as the subject."""
    found: list[str] = []
    for obj in prep_objects(verb, _COMPANION_PREPS):
        found += [c for c in actors_of(sentence, obj) if c not in found]
    for prep in children(verb, frozenset({"prep", "advmod"})):
        if prep.lower_ in ("along", "together"):
            for grand in prep.children:
                if grand.lower_ == "with":
                    for obj in grand.children:
                        found += [c for c in actors_of(sentence, obj) if c not in found]
        if prep.lower_ == "with" and any(a.lower_ in _WITH_ADVERBS | {"jointly"} for a in prep.children):
            for obj in children(prep, frozenset({"pobj"})):  # "Together with Sweden, Finland will ..."
                found += [c for c in actors_of(sentence, obj) if c not in found]
    joined = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "in" else None
    if joined is not None and joined.lemma_.lower() == "join":  # "Britain joined France in sending"
        for obj in children(joined, frozenset({"dobj"})):  # (not "joined the EU in imposing": its line)
            found += [c for c in actors_of(sentence, obj) if c not in found and is_state(c)]
    return found


def negated_by_carrier(token: Token) -> bool:
    """ "does not intend to provide": the negation sits on the verb that governs ``token``."""
    return (
        token.dep_ == "xcomp"
        and token.head != token
        and token.head.lemma_.lower() in _NEGATION_CARRIERS
        and _negated_here(token.head)
    )


def _co_subjects(token: Token) -> list[Token]:
    """ "Finland as well as Sweden have decided": the parser gives the verb two subjects."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return []
    return [
        t for sib in token.head.children if sib.dep_ == token.dep_ and sib != token for t in _name_tokens(sib)
    ]


_TITLES = frozenset(
    {
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "minister",
        "secretary",
        "ambassador",
        "envoy",
        "official",
        "president",
        "chancellor",
        "premier",
        "chief",
        "director",
        "commissioner",
    }
)


def _titled_unknown(token: Token) -> bool:
    """A person named only by title and name ("Spokesman Aykhan Hajizada"), no country."""
    return token.pos_ == "PROPN" and any(
        c.dep_ == "compound"
        and c.lemma_.lower() in _TITLES
        and not any(g.dep_ in ("amod", "compound", "poss") for g in c.children)
        for c in token.children
    )


def _previous_group(sentence: Sentence, token: Token) -> list[str]:
    """ "Finland and Sweden said they would ...": "they" is both."""
    before = [
        i
        for i in range(sentence.span.start, token.i)
        if i in sentence.codes and not in_relative_aside(token.doc[i])
    ]
    if not before:
        return []
    head = token.doc[before[-1]]
    while head.dep_ in ("conj", "compound", "amod") and head.head != head:
        head = head.head
    members = [head, *[t for t in head.subtree if t.dep_ == "conj"]]
    found = [c for t in members for c in actors_of(sentence, t) if t.i < token.i]
    return list(dict.fromkeys(found))


_COUNTS = {"both": 2, "two": 2, "three": 3, "four": 4, "pair": 2, "duo": 2, "trio": 3}
_COUNTED = GROUP_NOUNS | {"pair", "duo", "trio", "side", "neighbour", "neighbor"}


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
    out = []
    for tok in span:
        if tok.i not in codes or tok.dep_ == "conj":
            continue
        members = [tok, *(t for t in tok.subtree if t.dep_ == "conj" and t.i in codes)]
        found = tuple(dict.fromkeys(codes[t.i] for t in members))
        if len(found) >= 2:
            out.append((found, max(t.i for t in members)))
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


def _name_tokens(token: Token) -> list[Token]:
    tokens = [token]
    group = token.lemma_.lower() in GROUP_NOUNS
    for child in token.children:
        if child.dep_ not in _NAME_DEPS:
            continue
        if (
            child.dep_ == "prep"
            and child.lower_ == "with"
            and any(g.dep_ == "advmod" and g.lower_ in _WITH_ADVERBS | {"jointly"} for g in child.children)
        ):  # "Germany, together with the Netherlands, ..."
            tokens.extend(t for o in child.children if o.dep_ == "pobj" for t in _name_tokens(o))
            continue
        if child.dep_ == "prep" and child.lower_ in _WITH_ADVERBS:
            tokens.extend(
                t for g in child.children if g.lower_ == "with" for o in g.children for t in _name_tokens(o)
            )
            continue
        if child.dep_ == "prep" and child.lower_ == "in" and token.lemma_.lower() in _SEATED:
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
            and token.tag_ == "NNS"
            and (child.dep_ in ("compound", "amod", "poss", "nmod") or child.lower_ == "of")
            and not _acts_through_members(child)
        ):
            continue  # "NATO countries", "members of the EU" are not NATO or the EU
        if child.dep_ == "acl" and child.lemma_ != "lead":
            continue
        if _hyphen_participle(child):
            continue  # "Turkey-backed Azerbaijan", "Iran-made drones": a descriptor, not a party
        if child.dep_ == "appos" and in_relative_aside(child) and not in_relative_aside(token):
            continue  # "Estonia, which borders Russia, ..." misparsed: Russia is no name of Estonia
        tokens.extend(_name_tokens(child))
    return tokens


# groups with no institutions of their own: they act only as their members together, so
# "the G7 nations agreed" is the G7 agreeing (unlike "NATO countries", which are not NATO)
_MEMBERS_ONLY_GROUPS = frozenset({"g7", "g-7", "g20", "g-20"})


def _acts_through_members(child: Token) -> bool:
    return child.dep_ == "compound" and child.lower_ in _MEMBERS_ONLY_GROUPS


def _hyphen_participle(token: Token) -> bool:
    """ "backed" in "Turkey-backed", "made" in "Iran-made": a participle joined by a hyphen."""
    return (
        token.dep_ in ("amod", "compound")
        and token.tag_ in ("VBN", "VBD")
        and token.i > 0
        and token.doc[token.i - 1].text in ("-", "\u2011")
    )


def resolve_pronoun(sentence: Sentence, token: Token) -> str | None:
    """ "we" -> the speaker; "it", "his country" -> an earlier actor."""
    word = token.lower_
    if word in _SELF_PRONOUNS:
        return sentence.speaker or (sentence.previous if not in_quote(token) else None)
    if word in _STATE_NOUNS:
        return _state_referred(sentence, token)
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
    if not before and sentence.previous is None and word == "government":
        return sentence.filed  # "TOKYO - The government said ...": the dateline's state
    if word in _PERSONAL and not any(
        _may_be_person(token.doc[i]) for i in range(sentence.span.start, token.i) if i in sentence.codes
    ):
        return sentence.previous  # "Defying US objections, his war cabinet ...": not the US
    return before[-1] if before else sentence.previous


_PERSONAL = frozenset({"he", "she", "his", "her"})


def _may_be_person(token: Token) -> bool:
    """A coded word that may name the person "he" or "his" refers to: not a name that only
    describes a thing ("US objections", "Ukrainian grain")."""
    head = token.head
    return not (
        token.dep_ in ("amod", "compound", "nmod")
        and head.pos_ == "NOUN"
        and head.lemma_.lower() not in _TITLES | _PEOPLE_NOUNS  # "the Ukrainian minister": a person
    )


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
_STATE_NOUNS = frozenset({"nation", "kingdom", "republic", "capital", "emirate", "island", "monarchy"})


def _state_referred(sentence: Sentence, token: Token) -> str | None:
    """ "the kingdom", "the Nordic nation", "officials in the capital": the last state named
    earlier in the sentence, else the state the sentences before are about ("the island of
    Cyprus", "the Baltic republic's capital" name their own)."""
    if not _bare(token, frozenset({"compound", "poss"}), frozenset({"of"})):
        return None
    before = [
        sentence.codes[i]
        for i in range(sentence.span.start, token.i)
        if i in sentence.codes and is_state(sentence.codes[i]) and not _opponent(token.doc[i])
    ]
    return before[-1] if before else sentence.last_state


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
    """A country's code (``DEU``), not an organisation's (``EU``, ``IMF``)."""
    return code not in _organisations()


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


def subject_of(token: Token | None) -> Token | None:
    """The grammatical subject of a verb, inherited through xcomp/conj/advcl.

    A participle or infinitive without a subject of its own ("..., agreeing to
    limit X") takes the subject of the nearest clause above it.
    """
    seen = 0
    while token is not None and seen < 8:
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            here = token.i
            return min(subjects, key=lambda c: abs(here - c.i))
        aside = _aside_subject(token) or _opening_phrase_subject(token)
        if aside is not None:
            return aside
        headline = _headline_subject(token)
        if headline is not None:
            return headline
        controller = _object_controller(token) or _permitted_party(token)
        if controller is not None:
            return controller
        if (
            token.dep_ == "acl"
            and token.tag_ in ("VBD", "VBZ")
            and token.head.dep_ == "ROOT"
            and token.head.pos_ in ("NOUN", "PROPN")
            and token.head.i < token.i
        ):
            return token.head  # "Ukraine's foreign minister called on ...", parsed as a noun phrase
        if _first_to(token):
            return subject_of(token.head.head)  # "Canada became the latest country to sanction"
        if token.dep_ in ("relcl", "ccomp", "ROOT") or token.head == token:
            return None
        if (
            token.dep_ == "acl"
            and token.head.dep_ == "dobj"
            and token.head.pos_ == "NOUN"
            and token.head.head.pos_ == "VERB"
            and not any(c.dep_ in ("poss", "amod", "compound") for c in token.head.children)
        ):
            token = token.head.head  # "signed an order freezing aid": the signer freezes
            seen += 1
            continue
        if token.dep_ == "conj" and token.pos_ == "VERB" and token.head.pos_ != "VERB":
            token = next((g for g in governors(token) if g.pos_ in ("VERB", "AUX")), None)
            seen += 1
            continue
        if token.dep_ not in _SHARE_SUBJECT and not (
            token.pos_ == "VERB" and token.tag_ in ("VBG", "VBN", "VB")
        ):
            return None
        token = token.head
        seen += 1
    return None


def _first_to(token: Token) -> bool:
    """ "X became the first country to send tanks", "X is the latest donor to pledge aid": an
    infinitive on the predicate noun of a copula does what the copula's subject does."""
    noun = token.head
    return (
        token.dep_ in ("relcl", "acl")
        and token.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        and noun.dep_ in ("attr", "oprd")
        and noun.head.lemma_.lower() in ("be", "become", "remain")
    )


def _headline_subject(token: Token) -> Token | None:
    """ "UK to send tanks to Ukraine": a headline's infinitive whose subject the parser left
    as a loose dependent before it; "Sweden moves closer to NATO, lifts arms embargo": a verb
    joined by a comma to an earlier one shares its subject."""
    if token.dep_ != "ROOT":
        return None
    joined = [c for c in token.children if c.dep_ in ("ccomp", "conj") and c.i < token.i and c.pos_ == "VERB"]
    for verb in joined:
        if token.doc[token.i - 1].text == "," or any(t.text == "," for t in token.doc[verb.i : token.i]):
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                return subject
    if any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children):
        deps: tuple[str, ...] = ("dep", "npadvmod")
    elif token.pos_ == "VERB" and token.tag_ == "VBZ":
        deps = ("compound",)  # "Britain sanctions Russia-linked firms": a headline's verb read as a noun's
    else:
        return None
    return next(
        (c for c in token.children if c.dep_ in deps and c.i < token.i and c.pos_ in ("PROPN", "NOUN")),
        None,
    )


def _object_controller(token: Token) -> Token | None:
    """ "blocked Poland from sending", "accused Iran of supplying", "sanctioned two firms for
    selling", "thanked Berlin for sending": the object acts."""
    prep = token.head
    gerund = token.dep_ == "pcomp" or token.dep_ == "pobj" and token.pos_ == "VERB"
    if not gerund or prep.lower_ not in ("from", "of", "into", "for") or prep.head.pos_ != "VERB":
        return None
    return next((c for c in prep.head.children if c.dep_ == "dobj"), None)


# nouns of permission: the one permitted acts ("gave Kyiv the green light to strike"), and
# the permitter gives nothing itself
PERMISSIONS = frozenset(
    {
        "light",
        "go-ahead",
        "permission",
        "approval",
        "nod",
        "authorisation",
        "authorization",
        "clearance",
        "consent",
    }
)


def _permitted_party(token: Token) -> Token | None:
    """ "gave the green light to Denmark to deliver F-16s", "granted Kyiv permission to
    use": the one permitted does what the infinitive says, not the one who permits."""
    head = token.head
    if token.dep_ not in ("advcl", "xcomp", "acl") or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    ):
        return None
    holder = head if head.pos_ == "VERB" else head.head
    idioms = [c for c in holder.children if c.dep_ == "dobj" and c.lemma_.lower() in PERMISSIONS]
    if not idioms:
        return None
    for owner in [holder, *idioms]:
        for child in owner.children:
            if child.dep_ == "dative" and child.pos_ in ("PROPN", "NOUN", "PRON"):
                return child  # "gave Kyiv permission"
            if child.dep_ in ("dative", "prep") and child.lower_ in ("to", "for"):
                found = next((o for o in child.children if o.dep_ == "pobj"), None)
                if found is not None:
                    return found
    return None


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def agent_of(verb: Token) -> Token | None:
    """The "by X" of a passive verb (or of a noun: "a move by Japan")."""
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of the prepositions ``preps`` attached to ``token``."""
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in ("prep", "dative", "agent") and child.lower_ in preps:
            found.extend(g for g in child.children if g.dep_ == "pobj")
    return found


def children(token: Token, deps: frozenset[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


# "is not going to send", "does not plan to supply": the negation of the governing verb
_NEGATION_CARRIERS = frozenset(
    {"go", "plan", "intend", "want", "wish", "expect", "aim", "seek", "mean", "need", "have", "be"}
)


def is_negated(token: Token) -> bool:
    """ "not", "never", "no" on the verb or its auxiliaries, or "no" on its object.

    A negated "going to", "plan to", "want to" negates the verb it governs.
    """
    if (
        token.dep_ == "xcomp"
        and token.head.lemma_.lower() in _NEGATION_CARRIERS
        and token.head != token
        and _negated_here(token.head)
    ):
        return True
    return _negated_here(token)


def _negated_here(token: Token) -> bool:
    for child in token.children:
        if child.dep_ == "neg" or child.lower_ in ("never", "no"):
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and any(g.lower_ == "neither" for g in child.children):
            return True  # "Neither Austria nor Ireland will send weapons"
        if (
            child.dep_ == "advmod"
            and child.lower_ in ("longer", "more")
            and any(g.lower_ == "no" for g in child.children)
        ):
            return True  # "no longer", "no more"
        if child.dep_ in ("dobj", "attr", "nsubjpass") and any(g.lower_ == "no" for g in child.children):
            return True
    return False


def has_aux(token: Token, words: frozenset[str]) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in words for c in token.children)


def governors(token: Token) -> list[Token]:
    """The chain of heads above ``token`` up to the root (nearest first)."""
    chain: list[Token] = []
    while token.head != token and token.dep_ in _CLIMB and len(chain) < 12:
        token = token.head
        chain.append(token)
    return chain


def is_hedged(sentence: Sentence, anchor: Token) -> bool:
    """True if ``anchor`` is hypothetical, proposed, asked, conditional or a question."""
    lex = sentence.lexicon
    hedge_aux = lex.words("modality", "hedge_aux")
    marks = lex.words("modality", "hedge_marks")
    if sentence.span.text.rstrip(" \"'”’)").endswith("?"):
        return True
    if _after_hedge_noun(lex, anchor) or time_for(anchor):
        return True
    below = anchor
    for tok in [anchor, *governors(anchor)]:
        sibling = below.dep_ == "conj" and below != tok  # "urged X ... and warned Y"
        below = tok
        if (
            tok != anchor
            and not sibling
            and tok.pos_ == "VERB"
            and tok.lemma_.lower() in lex.words("modality", "reporting_verbs")
        ):
            return False
        if has_aux(tok, hedge_aux) or _hedge_mark(tok, marks) or tok.lower_ in hedge_aux:
            return True
        if any(
            c.dep_ == "aux" and c.lemma_.lower() in lex.words("modality", "hedge_verbs") for c in tok.children
        ):
            return True  # "they oppose sending weapons" with "oppose" misread as an auxiliary
        if tok != anchor and not sibling and _is_hedge_word(lex, tok):
            return True
        if tok != anchor and tok.lemma_.lower() in _GUESSED and is_passive(tok):
            return True  # "Turkey is expected to supply drones": someone's forecast
        if has_aux(tok, frozenset({"would"})) and not _reported(lex, tok):
            return True
        if _relative_clause(tok):
            return False  # a relative clause states a fact of its own
    return False


def is_conditional(token: Token) -> bool:
    """ "would send more tanks if the US did the same", "will deliver jets unless ...": the
    clause itself holds a condition (not "even if", a concession)."""
    return any(
        c.dep_ == "advcl"
        and c.i > token.i
        and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
        and not any(m.dep_ == "advmod" and m.lower_ == "even" for m in c.children)
        for c in token.children
    )


_TIME_NOUNS = frozenset({"time", "moment"})


def time_for(verb: Token) -> bool:
    """ "it is time for Germany to send tanks": what one party says another should now do, not
    yet done."""
    noun = verb.head
    return (
        verb.dep_ in ("relcl", "acl", "advcl")
        and any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children)
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and noun.lemma_.lower() in _TIME_NOUNS
        and noun.dep_ == "attr"
    )


_GUESSED = frozenset(
    {"expect", "anticipate", "predict", "tip", "rumour", "rumor", "believe", "think", "forecast"}
)


def _after_hedge_noun(lex: Lexicon, anchor: Token) -> bool:
    """ "calls to send weapons", "the possibility of sending" (whatever the parse), "repeated
    her call on allies to send" (the infinitive hung on the verb that governs the noun)."""
    if anchor.dep_ in ("advcl", "xcomp") and has_aux(anchor, frozenset({"to"})):
        objects = [c for c in anchor.head.children if c.dep_ == "dobj" and c.i < anchor.i]
        if any(_is_hedge_word(lex, o) for o in objects):
            return True
    before = anchor.i - 1
    if before - 1 < anchor.sent.start or anchor.doc[before].lower_ not in ("to", "of"):
        return False
    return _is_hedge_word(lex, anchor.doc[before - 1])


def _relative_clause(token: Token) -> bool:
    if token.dep_ in ("ccomp", "relcl", "acl") and _relative_pronoun_after_noun(token):
        return True  # "jets that the Netherlands will provide", even when parsed as a ccomp
    if token.dep_ == "relcl":  # not "the demand that Germany approve ...", a content clause
        return not any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children)
    if token.dep_ == "acl" and token.tag_ == "VBN":  # "weaponry sent to Kyiv", not "that it had sent"
        return not any(c.dep_ in ("aux", "nsubj", "mark") for c in token.children)
    return token.dep_ == "acl" and any(
        c.dep_ in SUBJECT_DEPS and c.lower_ in _RELATIVE for c in token.children
    )


def _relative_pronoun_after_noun(clause: Token) -> bool:
    """The clause's object or subject is "that/which/who" standing right after a noun."""
    return relative_head(clause) is not None


def relative_head(clause: Token) -> Token | None:
    """The noun a relative clause describes, when its object or subject is "that/which/who"
    right after that noun ("jets that the Netherlands will provide", even parsed as a ccomp)."""
    doc = clause.doc
    pronouns = [
        c
        for c in clause.children
        if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.lower_ in _RELATIVE and 0 < c.i < clause.i
    ]
    return next((doc[c.i - 1] for c in pronouns if doc[c.i - 1].pos_ in ("NOUN", "PROPN")), None)


def _hedge_mark(token: Token, marks: frozenset[str]) -> bool:
    return token.dep_ in ("advcl", "ccomp", "csubj", "xcomp", "pcomp") and any(
        c.dep_ == "mark" and c.lower_ in marks for c in token.children
    )


def _is_hedge_word(lex: Lexicon, token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        return bool(word_forms(token) & lex.words("modality", "hedge_verbs"))
    if token.pos_ == "ADJ":
        return lemma in lex.words("modality", "hedge_adjectives")
    if lemma in _DECIDED and token.head.lemma_.lower() in lex.words("support", "commitment_verbs"):
        return False  # "approved a plan to give" is a decision, not a plan in the air
    return token.pos_ == "NOUN" and lemma in lex.words("modality", "hedge_nouns")


def word_forms(token: Token) -> set[str]:
    """The lemma plus crude stems of the word, against lemmatizer slips ("hopes" -> "hop")."""
    lower = token.lower_
    forms = {token.lemma_.lower(), lower}
    for suffix in ("s", "d", "ed", "ing", "es"):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            forms.add(lower[: -len(suffix)])
    if lower.endswith("ing"):
        forms.add(lower[:-3] + "e")
    return forms


def _reported(lex: Lexicon, token: Token) -> bool:
    reporting = lex.words("modality", "reporting_verbs")
    return any(t.pos_ == "VERB" and t.lemma_.lower() in reporting for t in governors(token))


def is_future(token: Token) -> bool:
    """ "will send", "is going to send", "would send" (reported), "to send"."""
    if has_aux(token, FUTURE_AUX) or any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children):
        return True
    return (
        token.tag_ in ("VB", "VBP", "VBZ")
        and token.dep_ == "ROOT"
        and not has_aux(token, frozenset({"have", "has"}))
    )


def is_past(token: Token) -> bool:
    """ "sent", "has sent", "was sent", "have been sending"."""
    if token.tag_ == "VBD":
        return True
    return token.tag_ in ("VBN", "VBG") and has_aux(
        token, frozenset({"has", "have", "had", "was", "were", "been", "'ve"})
    )


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
