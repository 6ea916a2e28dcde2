"""Threats told as a harm foretold: "X warned that <an act> would wreck ties", "... would backfire
on Washington", "... would be seen as a provocation", "Seoul had made itself a target".

The warning verb gives the actor; the target is read from the foretold clause by grammar, in this
order: the one told ("warned Helsinki that ..."), an object of on / against / with / for / between
on the harm or on what it harms ("backfire on Washington", "its treaty with Israel",
"consequences for Danish security"), then the clause's subject ("Canada would regret ...") or a
state named inside it as owner, maker or origin ("any transfer of Japanese missiles to Ukraine",
"Washington's arms sales to Taipei"), never through "to", "in" or "into" (the recipient, the place).
"""

from __future__ import annotations

from spacy.tokens import Token

from aidtrack.extract.clauses import Sentence, children, is_passive, prep_objects, subject_of
from aidtrack.extract.modality import has_aux, is_negated
from aidtrack.extract.parties import actors_of
from aidtrack.extract.roles import modifier_actors
from aidtrack.extract.rules.common import ArticleContext, Found, anchored_on
from aidtrack.extract.rules.threat_idioms import _ANSWERABLE, _DEARLY
from aidtrack.extract.rules.threats import (
    _ANSWERING,
    _BONDS,
    _MODALS,
    ATTACKS,
    _conditional_parties,
    _forms_a_tie,
    _threat,
    _told_parties,
)

# verbs that tell what will come: the warning itself, or a statement of it
_FORETELLING = frozenset(
    {"warn", "caution", "threaten", "say", "tell", "state", "declare", "add", "stress", "insist", "claim"}
)
# verbs that harm a bond ("would wreck ties", "would damage the relationship")
_HARMING = frozenset(
    {
        "destroy",
        "wreck",
        "damage",
        "harm",
        "poison",
        "ruin",
        "hurt",
        "undermine",
        "jeopardise",
        "jeopardize",
        "sour",
        "strain",
        "end",
        "sever",
        "spoil",
        "endanger",
        "imperil",
        "cost",
        "shatter",
        "torpedo",
        "derail",
        "doom",
        "upend",
    }
)
# harms that fall back on the one who acts ("would backfire on", "would come to regret")
_RECOILING = frozenset({"backfire", "regret", "rue", "boomerang"})
# "would put the treaty at risk / in jeopardy"
_PUTTING = frozenset({"put", "place", "leave"})
_PERIL = frozenset({"risk", "jeopardy", "danger", "peril"})
# "would be seen / regarded / treated as a provocation"
_READING = frozenset({"see", "regard", "consider", "view", "treat", "deem", "interpret", "perceive"})
_HOSTILE = frozenset(
    {
        "provocation",
        "escalation",
        "aggression",
        "involvement",
        "participation",
        "party",
        "participant",
        "target",
        "declaration",
    }
)
_HOSTILE_ACT = frozenset({"hostile", "unfriendly", "aggressive", "belligerent"})
# "had made itself a target", "would turn the country into a target"
_BECOMING = frozenset({"make", "turn", "become", "render"})
_CONSEQUENCES = frozenset({"consequence", "repercussion", "implication"})
# an answer foretold: "would respond to the United States", "would be answered at sea"
_ANSWERS = _ANSWERING | {"retaliate", "reply"}
# "would be held responsible", "would draw the appropriate conclusions", "would cost it dearly"
_COSTLY = _DEARLY | {"badly"}
# "would be met with mirror measures": what an act is met with
_COUNTERS = frozenset({"measure", "response", "retaliation", "countermeasure", "force", "step", "action"})
# a bond that "would not survive"
_ENDURING = frozenset({"survive", "last", "endure", "recover"})
# prepositions that name whom the harm is aimed at, and those that name a recipient or a place
_AIMING = frozenset({"on", "against", "with", "for", "between"})
_NOT_THE_ACTOR = frozenset(
    {"to", "in", "into", "at", "near", "across", "inside", "within", "toward", "towards"}
)


@anchored_on("VERB", lemmas=lambda lex: _FORETELLING)
def threat_harm(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Iran warned that Canada would regret the listings", "the Kremlin warned that a shipment of
    Finnish artillery to Kyiv would poison relations": a harm foretold, aimed at a state."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _FORETELLING or is_negated(verb) or is_passive(verb):
        return []
    speakers = actors_of(sentence, subject_of(verb))
    if not speakers:
        return []
    found: list[Found] = []
    for clause in _foretold(verb):
        head = _harm(clause)
        if head is None:
            continue
        targets = (
            _dislikers(sentence, head)
            or _told_parties(sentence, head)
            or _aimed(sentence, head)
            or _conditional_parties(sentence, head)
            or _acting(sentence, clause, ctx)
        )
        conf = 0.65 if verb.lemma_.lower() in ("warn", "caution", "threaten") else 0.55
        found += [
            _threat(s, t, head, conf) for s in speakers for t in dict.fromkeys(targets) if t not in speakers
        ]
    return found


def _foretold(verb: Token) -> list[Token]:
    """The clauses the verb reports, each conjunct apart ("would be seen as X and would harm Y")."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    return [*clauses, *(c for clause in clauses for c in clause.conjuncts if c.pos_ in ("VERB", "AUX"))]


def _harm(clause: Token) -> Token | None:
    """The word of the clause that foretells a harm to someone ("wreck", "backfire", "regard",
    "make"), or None when the clause tells no harm or denies it (but "the relationship would
    not survive" foretells one)."""
    if is_negated(clause):
        return clause if _bond_ends(clause) and _ahead(clause) else None
    for head in [clause, *children(clause, frozenset({"xcomp"}))]:  # "would come to regret"
        if _harms(head) and (_ahead(clause) or head.lemma_.lower() in _BECOMING):
            return head
    return None


# what an act foretold to be a grave error is called: "a very big mistake", "a dangerous step"
_ERRORS = frozenset({"mistake", "error", "blunder"})
_GRAVE = frozenset({"big", "grave", "serious", "fatal", "huge"})
_DANGEROUS_STEPS = frozenset({"step", "move"})
_DANGEROUS = frozenset({"dangerous", "reckless", "provocative", "hostile"})


def _grave_error(noun: Token) -> bool:
    """ "a very big mistake", "a grave error", "an extremely dangerous step" (not "a big step
    forward", "a historic mistake", "a welcome move")."""
    lemma = noun.lemma_.lower()
    grades = {c.lemma_.lower() for c in noun.children if c.dep_ == "amod"}
    return bool(lemma in _ERRORS and grades & _GRAVE or lemma in _DANGEROUS_STEPS and grades & _DANGEROUS)


def _someones_target(target: Token) -> bool:
    """ "the next target of Russian aggression", "Russia's next target", "a target for saboteurs":
    a target of another's attack, which the speaker only foretells."""
    return any(c.dep_ == "poss" for c in target.children) or bool(
        prep_objects(target, frozenset({"of", "for", "by"}))
    )


def _ahead(clause: Token) -> bool:
    """A harm told for the future ("would", "will", "could") rather than one that happened."""
    if clause.dep_ == "conj" and not has_aux(clause, _MODALS) and clause.tag_ == "VB":
        clause = clause.head  # "would destroy relations and draw a response": "would" on the first
    return has_aux(clause, _MODALS) or clause.tag_ in ("VBZ", "VBP") and clause.dep_ == "ccomp"


def _harms(head: Token) -> bool:
    lemma = head.lemma_.lower()
    harmed = children(head, frozenset({"nsubjpass"} if is_passive(head) else {"dobj"}))
    if any(_liking_clauses(o) for o in _brought(head)):
        return True  # "would draw a response that South Korea will not like"
    if lemma in _RECOILING:
        return True
    if lemma in _HARMING:
        return any(o.lemma_.lower() in _BONDS for o in harmed)
    if lemma in _PUTTING:
        return any(o.lemma_.lower() in _PERIL for o in prep_objects(head, frozenset({"at", "in"})))
    if lemma in _READING and is_passive(head):
        return any(_hostile(o) for o in prep_objects(head, frozenset({"as"})))
    if lemma in _BECOMING:
        return any(t.lemma_.lower() == "target" for t in head.subtree if t.i > head.i)
    if lemma == "be" and has_aux(head, _MODALS):  # "Poland would be among the first targets"
        called = children(head, frozenset({"attr"}))
        if any(_grave_error(o) for o in called):
            return True  # "supplying weapons to Ukraine would be a very big mistake"
        named = called + prep_objects(head, frozenset({"among"}))
        return any(o.lemma_.lower() == "target" and not _someones_target(o) for o in named)
    if lemma in _BEARING_CONSEQUENCES:  # "would have / bring / entail grave consequences"
        return any(o.lemma_.lower() in _CONSEQUENCES for o in children(head, frozenset({"dobj"})))
    if lemma in _ANSWERS:
        return is_passive(head) or bool(prep_objects(head, frozenset({"to", "against"})))
    if lemma == "hold":
        return any(c.lower_ in _ANSWERABLE for c in head.children if c.dep_ in ("oprd", "acomp", "xcomp"))
    if lemma == "draw":
        return any(o.lemma_.lower() == "conclusion" for o in children(head, frozenset({"dobj"})))
    if lemma == "cost":
        return any(c.lower_ in _COSTLY for c in head.children)
    if lemma == "meet" and is_passive(head):
        return any(o.lemma_.lower() in _COUNTERS for o in prep_objects(head, frozenset({"with"})))
    return False


# what one side does in return ("a response", "decisions") and the verbs of liking it
_RETURNS = frozenset({"response", "answer", "reaction", "decision", "measure", "step", "move", "retaliation"})
_LIKING = frozenset({"like", "welcome", "enjoy", "appreciate"})


def _liking_clauses(noun: Token) -> list[Token]:
    """ "a response that South Korea will not like", "decisions that Seoul is unlikely to like":
    the clauses on a return that say someone will not like it."""
    if noun.lemma_.lower() not in _RETURNS:
        return []
    return [c for c in children(noun, frozenset({"relcl", "acl"})) if _not_liked(c)]


def _not_liked(clause: Token) -> bool:
    if clause.lemma_.lower() in _LIKING:  # "that South Korea will not like"
        return is_negated(clause)
    unlikely = [a for a in children(clause, frozenset({"acomp"})) if a.lower_ == "unlikely"]
    return bool(unlikely) and any(  # "that Seoul is unlikely to like"
        c.lemma_.lower() in _LIKING for h in [clause, *unlikely] for c in children(h, frozenset({"xcomp"}))
    )


def _brought(head: Token) -> list[Token]:
    """What a verb brings about: its object ("draw a response"), or where it leads ("lead to")."""
    brought = children(head, frozenset({"nsubjpass"} if is_passive(head) else {"dobj"}))
    if head.lemma_.lower() in ("lead", "result", "give"):
        brought += prep_objects(head, frozenset({"to", "in"}))
    return brought


def _dislikers(sentence: Sentence, head: Token) -> list[str]:
    """Who will not like what the harm brings: the one it is aimed at."""
    return [
        c
        for o in _brought(head)
        for clause in _liking_clauses(o)
        for c in actors_of(sentence, subject_of(clause))
    ]


# verbs whose object is what an act brings about: "would have / bring / entail consequences"
_BEARING_CONSEQUENCES = frozenset({"have", "bring", "entail", "carry", "mean", "trigger", "provoke"})


def _bond_ends(clause: Token) -> bool:
    """ "the relationship would not survive", "ties will not recover"."""
    subjects = children(clause, frozenset({"nsubj"}))
    return clause.lemma_.lower() in _ENDURING and any(s.lemma_.lower() in _BONDS for s in subjects)


def _hostile(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    if lemma == "act":
        return any(c.lemma_.lower() in _HOSTILE_ACT for c in noun.children)
    return lemma in _HOSTILE


def _aimed(sentence: Sentence, head: Token) -> list[str]:
    """Whom the harm is aimed at by a preposition on it or on what it harms: "backfire on
    Washington", "its partnership with Greece", "consequences for Danish security"."""
    found: list[str] = []
    aiming = _AIMING | ({"to"} if head.lemma_.lower() in _ANSWERS else set())
    words = [head, *children(head, frozenset({"dobj", "dative", "attr", "oprd", "nsubjpass"}))]
    for word in words + prep_objects(head, frozenset({"with"})):  # "met with measures against X"
        if word.dep_ == "nsubjpass" and word.lemma_.lower() in ATTACKS:
            continue  # "any Israeli attack on Lebanon would be met with ...": Lebanon is struck
        for obj in prep_objects(word, aiming):
            found += actors_of(sentence, obj) or modifier_actors(sentence, obj)
            found += [c for b in prep_objects(obj, frozenset({"with"})) for c in actors_of(sentence, b)]
        costs = head.lemma_.lower() == "cost" and word.dep_ == "dobj"
        if (word is not head and word.dep_ == "dative") or costs:
            found += actors_of(sentence, word)  # "would cost Seoul its relations", "would cost it dearly"
    return found


def _acting(sentence: Sentence, clause: Token, ctx: ArticleContext) -> list[str]:
    """The clause's subject when it names a state ("Canada would regret"), else the states named
    in it as owner, maker or origin of the act ("a shipment of Finnish artillery to Kyiv")."""
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass")]
    named = [c for s in subjects if not _armed(s) for c in actors_of(sentence, s)]
    if named:
        return named
    inner = [c for s in subjects for t in _inside(s) if (c := sentence.code(t)) and not _armed(t)]
    return [c for c in inner if c != ctx.default_recipient]


# acts done for a party (or to it, as its patron), whose object is no target of a warning
_DONE_FOR = frozenset({"arm", "equip", "rearm", "help", "support", "abandon"})


def _armed(word: Token) -> bool:
    """ "arming Kyiv", "abandoning Ukraine": the party an act would arm or leave is its receiver,
    not whom a warning is aimed at (also when "Arming | Kyiv" is misread as a compound)."""
    misread = any(
        c.dep_ == "compound" and c.tag_ == "VBG" and c.lemma_.lower() in _DONE_FOR for c in word.children
    )
    return misread or word.dep_ == "dobj" and word.head.lemma_.lower() in _DONE_FOR


def _inside(word: Token) -> list[Token]:
    """The words of a phrase reached without passing a preposition of place or recipient."""
    out = [word]
    for child in word.children:
        if child.dep_ in ("relcl", "advcl", "appos", "punct", "cc"):
            continue
        if child.dep_ == "prep" and child.lower_ in _NOT_THE_ACTOR:
            continue
        if child.dep_ == "prep" and child.lower_ == "with" and _forms_a_tie(word):
            continue  # "a rapprochement with Russia": the other side of the tie
        if child.dep_ == "dative":
            continue  # "sending Ukraine jets": the recipient
        out += _inside(child)
    return out
