"""Threat rules on idioms and on arming the other side."""

from __future__ import annotations

from spacy.tokens import Token

from aidtrack.extract.clauses import Sentence, children, governors, is_passive, prep_objects, subject_of
from aidtrack.extract.modality import is_future, is_negated, prepositional_conditions
from aidtrack.extract.parties import actors_of
from aidtrack.extract.roles import modifier_actors, recipients_of
from aidtrack.extract.rules.common import ArticleContext, Found, anchored_on
from aidtrack.extract.rules.measures_common import _SAYING
from aidtrack.extract.rules.threats import (
    _ANSWER_NOUNS,
    _CONDITION_MARKS,
    _HOSTILE_ACTS,
    _MODALS,
    _conditional_parties,
    _conditions,
    _speaker,
    _threat,
    _told_parties,
)

_REFLEXIVES = frozenset({"itself", "themselves", "himself", "herself", "yourself", "yourselves"})


_PERILOUS = frozenset({"dangerous", "risky", "perilous", "reckless", "high-stakes"})


# what a party would pay for: "its folly", "this mistake", "it"
_WRONGDOING = frozenset(
    {
        "folly",
        "mistake",
        "error",
        "recklessness",
        "provocation",
        "adventurism",
        "aggression",
        "crime",
        "action",
        "act",
        "arrogance",
        "betrayal",
        "it",
        "this",
        "that",
    }
)


# verbs of suffering one's own deeds: "would regret the day", "will reap what it sows", "will rue"
_RUING = frozenset({"rue", "reap"})


# what one reserves the right to do: "reserves the right to respond"
_RESPONDING = frozenset({"respond", "retaliate", "react", "answer", "defend"})


# "would be held responsible", "will be sorry": the subject answers for what it does
_ANSWERABLE = frozenset({"responsible", "accountable", "sorry", "liable"})
# "would pay dearly": how much a price will hurt
_DEARLY = frozenset({"dearly", "heavily"})


def _answers_ahead(word: Token) -> bool:
    """ "responsible for any harm", "for the consequences", or with no cause named: what is to
    come; "responsible for the attack" blames a past act."""
    causes = prep_objects(word, frozenset({"for"}))
    return not causes or any(
        o.lemma_.lower() in ("consequence", "repercussion", "outcome", "result")
        or any(d.lower_ == "any" for d in o.children)
        for o in causes
    )


def _answers_for(verb: Token) -> bool:
    """ "answer for any provocation", "answer for hosting US troops": a "for" to account for."""
    return any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children)


def _threat_idiom(verb: Token) -> bool:
    """A consequence told as an idiom: "is playing with fire", "would be crossing a red line",
    "will only burn itself", "will get burned"."""
    lemma = verb.lemma_.lower()
    if lemma == "play":  # "playing with fire", "playing a dangerous game"
        return any(o.lemma_.lower() == "fire" for o in prep_objects(verb, frozenset({"with"}))) or any(
            o.lemma_.lower() == "game" and any(c.lower_ in _PERILOUS for c in o.children)
            for o in children(verb, frozenset({"dobj"}))
        )
    if lemma == "have":  # "would have only itself to blame"
        return any(o.lower_ in _REFLEXIVES for o in children(verb, frozenset({"dobj"}))) and any(
            c.lemma_.lower() == "blame" for c in children(verb, frozenset({"xcomp", "relcl", "acl"}))
        )
    if lemma in ("cross", "overstep"):
        return any(
            o.lemma_.lower() == "line" and any(c.lower_ == "red" for c in o.children)
            for o in children(verb, frozenset({"dobj"}))
        )
    if lemma in _LEFT and _left_unanswered(verb):  # "will not be left without a response", "will not
        return True  # leave it unanswered", "will not remain without a response", "will not go unpunished"
    if lemma == "be":  # "London would be fair game", "would be held responsible", "will be sorry"
        return any(
            o.lemma_.lower() == "game"
            and any(c.lower_ == "fair" for c in o.children)
            or o.lemma_.lower() in _ANSWERABLE
            and _answers_ahead(o)
            for o in children(verb, frozenset({"attr", "acomp"}))
        )
    if lemma == "pay":  # "would pay dearly for hosting American missiles", "pay for its folly"
        return any(c.lower_ in _DEARLY for c in verb.children) or any(
            o.lemma_.lower() in _WRONGDOING for o in prep_objects(verb, frozenset({"for"}))
        )
    if lemma in _RUING:  # "Baku would regret the day", "will reap what it sows"
        return True
    if lemma == "answer":  # "Finland will have to answer for hosting US troops"
        return _answers_for(verb) and verb.tag_ in ("VB", "VBG")
    if lemma == "ask":  # "would be asking for trouble"
        return any(o.lemma_.lower() == "trouble" for o in prep_objects(verb, frozenset({"for"})))
    if lemma in ("sit", "stand", "stay", "remain"):  # "will not sit idly by"
        return is_negated(verb) and any(
            c.lower_ in ("idly", "idle", "passive", "silent") for c in verb.children
        )
    if lemma == "hold":  # "would hold Seoul responsible for the consequences"
        return any(
            c.lemma_.lower() in _ANSWERABLE and _answers_ahead(c)
            for c in verb.children
            if c.dep_ in ("acomp", "oprd", "ccomp")
        )
    if lemma == "guarantee":  # "could not guarantee the security of its oil facilities"
        return is_negated(verb) and any(
            o.lemma_.lower() in ("security", "safety") for o in children(verb, frozenset({"dobj"}))
        )
    if lemma == "reserve":  # "reserves the right to respond", "to retaliate"
        return any(
            o.lemma_.lower() == "right"
            and any(_responds(a) for a in o.children if a.dep_ in ("acl", "relcl", "xcomp"))
            for o in children(verb, frozenset({"dobj"}))
        )
    if lemma in _RESPONDING:  # "would respond in a way that Seoul will not like"
        return bool(_displeased_of(verb))
    if lemma == "burn":
        reflexive = any(o.lower_ in _REFLEXIVES for o in children(verb, frozenset({"dobj"})))
        burned = verb.tag_ == "VBN" and any(
            c.dep_ in ("aux", "auxpass") and c.lemma_.lower() in ("get", "be") for c in verb.children
        )
        return reflexive or burned
    return False


_UNANSWERED = frozenset({"unanswered", "unpunished", "unanswerable"})
# verbs of being left as one is: "will not leave it unanswered", "will not remain without a
# response", "will not go unpunished"
_LEFT = frozenset({"leave", "remain", "go", "stay"})


# what one takes in answer: "the right to take adequate measures"
_ANSWERING_STEPS = frozenset({"measure", "countermeasure", "step", "action"})


def _responds(verb: Token) -> bool:
    """ "to respond", "to retaliate", "to take adequate measures"."""
    lemma = verb.lemma_.lower()
    return lemma in _RESPONDING or (
        lemma == "take"
        and any(o.lemma_.lower() in _ANSWERING_STEPS for o in children(verb, frozenset({"dobj"})))
    )


def _left_unanswered(verb: Token) -> bool:
    return is_negated(verb) and (
        any(o.lemma_.lower() in _ANSWER_NOUNS for o in prep_objects(verb, frozenset({"without"})))
        or any(
            c.lower_ in _UNANSWERED
            for c in verb.subtree  # "will not leave Finland's move unanswered" (an adjective)
            if c.dep_ in ("oprd", "acomp", "xcomp", "amod") and _in_clause_of(c, verb)
        )
    )


def _in_clause_of(token: Token, verb: Token) -> bool:
    """``token`` hangs under ``verb`` with no other verb between them."""
    return not any(
        a.pos_ in ("VERB", "AUX") for a in token.ancestors if a.i != verb.i and verb in a.ancestors
    )


# what a response is said to be like: "in a way", "in a manner"
_MANNERS = frozenset({"way", "manner", "fashion"})
# verbs of liking whose subject (or, for "please" and "suit", whose object) is pleased
_LIKING = frozenset({"like", "welcome", "enjoy", "appreciate", "want", "expect"})
_PLEASING = frozenset({"please", "suit", "satisfy"})


def _displeased_of(verb: Token) -> list[Token]:
    """Who will not like the response: "respond in a way that Seoul will not like" (Seoul),
    "in a manner that would not please Tokyo" (Tokyo), "with decisions the South Korean
    leadership would not like"."""
    found: list[Token] = []
    for manner in prep_objects(verb, frozenset({"in", "with"})):  # "with steps Seoul will not like"
        if manner.head.lower_ == "in" and manner.lemma_.lower() not in _MANNERS:
            continue
        for clause in children(manner, frozenset({"relcl"})):
            if not is_negated(clause):
                continue
            lemma = clause.lemma_.lower()
            if lemma in _LIKING:
                found += [s for s in [subject_of(clause)] if s is not None]
            elif lemma in _PLEASING:
                found += children(clause, frozenset({"dobj"}))
    return found


def _told_ahead(verb: Token) -> bool:
    """The idiom speaks of what is to come or is going on ("would be crossing", "is playing",
    "if it sends ..."), not of a past act ("had crossed a red line by attacking the dam")."""
    if verb.tag_ == "VBG" or any(is_future(g) for g in [verb, *governors(verb)][:3]):
        return True
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS for m in c.children)
        for c in verb.children
    )


@anchored_on(
    "VERB",
    "AUX",
    lemmas=lambda lex: (
        _LEFT
        | _RUING
        | _RESPONDING
        | {
            "play",
            "have",
            "cross",
            "overstep",
            "be",
            "pay",
            "answer",
            "ask",
            "sit",
            "stand",
            "stay",
            "remain",
            "hold",
            "guarantee",
            "reserve",
            "burn",
        }
    ),
)
def threat_idiom(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Moscow said Tokyo would be playing with fire if it sent air defence systems", "warned
    that Seoul's arms shipments will only burn itself", "sending the missiles would mean Germany
    was crossing a red line": the one who plays, crosses or burns is threatened by the speaker."""
    if verb.pos_ not in ("VERB", "AUX") or not _threat_idiom(verb) or not _told_ahead(verb):
        return []
    if is_negated(verb) and verb.lemma_.lower() not in (
        "leave",
        "go",
        "sit",
        "stand",
        "stay",
        "remain",
        "guarantee",
    ):
        return []  # "will not be left without an answer", "will not sit idly by" threaten
    if sentence.is_question:
        return []
    speakers = _speaker(sentence, verb)
    subject = subject_of(verb)
    bearers = actors_of(sentence, subject)
    if not bearers and subject is not None and subject.pos_ == "NOUN":
        bearers = modifier_actors(sentence, subject)  # "Seoul's arms shipments will only burn itself"
    if verb.lemma_.lower() == "hold" and not is_passive(verb):  # "would hold Seoul responsible"
        held = [
            o for c in verb.children if c.dep_ in ("ccomp", "oprd") for o in children(c, frozenset({"nsubj"}))
        ]
        bearers = [c for o in children(verb, frozenset({"dobj"})) + held for c in actors_of(sentence, o)]
    if verb.lemma_.lower() in _RESPONDING and not _answers_for(verb):
        # "would respond in a way that Seoul will not like"; but "Helsinki would answer for it"
        bearers = [c for o in _displeased_of(verb) for c in actors_of(sentence, o)]
    if verb.lemma_.lower() == "leave" and not is_passive(verb):  # "will not leave Berlin's move unanswered"
        bearers = [
            c
            for o in children(verb, frozenset({"dobj"}))
            for c in modifier_actors(sentence, o) or actors_of(sentence, o)  # whose act it is
        ]
    bearers = [b for b in bearers if b not in speakers]  # "it would not sit idly by": the speaker acts
    bearers = bearers or _told_parties(sentence, verb) or _conditional_parties(sentence, verb)
    return [_threat(s, b, verb, 0.7) for s in speakers for b in dict.fromkeys(bearers) if s != b]


_ANNOUNCING_HARM = frozenset({"warn", "threaten", "caution", "hint", "signal", "vow"})


_OWN = frozenset({"it", "we", "they"})


_VOTING = frozenset({"veto", "block"})


@anchored_on("VERB", lemmas=lambda lex: _HOSTILE_ACTS | lex.support_verbs | {"arm"})
def threat_counter_arming(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Russia warned it could supply weapons to North Korea if Seoul sent arms to Kyiv",
    "China hinted it could provide lethal aid to Russia if Washington kept arming Taiwan": a
    warner that may arm someone in answer to another's act threatens that other; so does one
    that says it would cut ties, expel envoys or close its border if another acts."""
    lex = sentence.lexicon
    lemma = verb.lemma_.lower()
    hostile = lemma in _HOSTILE_ACTS
    if verb.pos_ != "VERB" or not (hostile or lemma in lex.support_verbs | {"arm"}):
        return []
    head = verb.head
    announcing = _ANNOUNCING_HARM | (_SAYING if hostile else frozenset())
    said = verb.dep_ == "ccomp" and head.lemma_.lower() in announcing and not is_negated(head)
    if not said and not (hostile and verb.dep_ == "ROOT" and lemma not in _VOTING):
        return []  # "Slovakia could cut the power it sends to Ukraine if Kyiv ...": the act told by
        # its own doer; "Hungary will veto them if ..." is a vote announced, unless warned of
    if not any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children) or is_negated(verb):
        return []
    subject = subject_of(verb)
    speakers = actors_of(sentence, subject_of(head)) if said else actors_of(sentence, subject)
    own = subject is not None and (
        subject.lower_ in _OWN or bool(set(actors_of(sentence, subject)) & set(speakers))
    )
    if not speakers or not own:
        return []
    # who would get the arms is no target; who would lose what is cut may be ("cut the power it
    # sends to Ukraine if Kyiv ...")
    receivers = set() if hostile else set(recipients_of(sentence, verb, dobj_is_recipient=True))
    targets = [
        c
        for clause in _conditions(verb)
        if not _cooperating(sentence, clause, receivers)
        for c in _party_subject(sentence, clause)
        if c not in speakers and c not in receivers
    ]
    if not targets and hostile and prepositional_conditions(verb):
        targets = [c for c in _struck_parties(sentence, verb) if c not in speakers]
    return [_threat(s, t, verb, 0.65) for s in speakers for t in dict.fromkeys(targets)]


def _struck_parties(sentence: Sentence, verb: Token) -> list[str]:
    """ "would close all border crossings with Belarus in the event of an incident", "would
    impose sanctions on Minsk in case of ...": with no party in the condition, the one the act
    strikes."""
    struck = [t for o in children(verb, frozenset({"dobj"})) for t in [o, *prep_objects(o, _STRIKING_PREPS)]]
    struck += prep_objects(verb, _STRIKING_PREPS)
    return [c for t in struck for c in actors_of(sentence, t)]


_STRIKING_PREPS = frozenset({"with", "to", "on", "against"})


def _party_subject(sentence: Sentence, clause: Token) -> list[str]:
    """The party that acts in a condition ("if Seoul sent arms"), not one named in passing
    ("if Ukrainian prices fell further")."""
    subject = subject_of(clause)
    if subject is None or not (subject.pos_ in ("PROPN", "PRON") or subject.i in sentence.codes):
        return []
    return actors_of(sentence, subject)


def _cooperating(sentence: Sentence, clause: Token, receivers: set[str]) -> bool:
    """ "if the United States did the same", "if Washington sends tanks to Kyiv too": the
    condition joins the giving, it provokes nothing."""
    words = {t.lower_ for t in clause.subtree}
    if words & {"same", "suit", "too", "likewise", "also"}:
        return True
    return bool(receivers & set(recipients_of(sentence, clause, dobj_is_recipient=True)))
