"""Sanctions told by the parties they list, after the article has named who imposed them: "The
sanctioned firms include a Hong Kong-based trader", "Among those targeted were three Turkish
shipping companies", "Two of the blacklisted companies are based in Hong Kong".

The measure's maker is the article's last sanctioning actor; each target is the state of a listed
party (its demonym, or where it is based or registered), read with the sanction rules'
:func:`target_codes`.
"""

from __future__ import annotations

from spacy.tokens import Token

from aidtrack.extract.clauses import Sentence, agent_of, children, is_passive, subject_of
from aidtrack.extract.modality import is_future, is_hedged, is_indirect_question, is_negated
from aidtrack.extract.parties import actors_of
from aidtrack.extract.rules.common import ArticleContext, Found, anchored_on
from aidtrack.extract.rules.measures_common import _LOCATING, target_codes
from aidtrack.extract.rules.sanctions import _CONTAINERS, _LISTINGS, _sanctions

# participles that mark a party as one a sanction listed: "the sanctioned firms", "those targeted"
_LISTED = frozenset(
    {
        "sanctioned",
        "blacklisted",
        "listed",
        "targeted",
        "designated",
        "penalised",
        "penalized",
        "named",
        "added",
    }
)
# verbs by which a list gives its members: "the sanctioned firms include ...", "among them are ..."
_GIVING_MEMBERS = frozenset({"include", "be", "comprise", "feature", "cover", "contain", "name"})


# verbs by which a measure just told lists its parties: "the package lists two refineries in
# China", "the new round targets banks in Kyrgyzstan"
_MEASURE_LISTING = frozenset({"list", "target", "hit", "designate", "blacklist"})
# verbs by which parties are caught in a measure: "were swept up in the same action"
_SWEPT = frozenset({"catch", "sweep"})
# what parties are caught up in: the measure just told ("the same round", "the new listings")
_ROUNDS = _CONTAINERS | _LISTINGS | {"action", "measure", "sanction", "crackdown", "move"}


@anchored_on(
    lemmas=lambda lex: _GIVING_MEMBERS | _MEASURE_LISTING | _SPREADING | _LOCATING | _SWEPT | {"take"}
)
def sanction_listed_parties(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """A follow-up sentence naming where the parties of the article's sanction are from."""
    here = _makers_told_here(ctx, verb)
    makers = _listers_named(sentence) or _list_owners(sentence, verb) or here or _makers(ctx)
    if not makers or verb.pos_ not in ("VERB", "AUX"):
        return []
    if is_negated(verb) or is_hedged(sentence, verb):
        return []
    lemma = verb.lemma_.lower()
    if lemma == "take" and any(c.lower_ == "in" and c.dep_ == "prt" for c in verb.children):
        lemma = "include"  # "the British list takes in firms registered in the UAE"
    just_told = bool(here or ctx.pending_sanction) or any(e["type"] == "sanction" for e in ctx.last_events)
    subject = subject_of(verb)
    if lemma in _MEASURE_LISTING and _listed_after(sentence, verb, just_told=just_told):
        targets = [c for m in children(verb, frozenset({"nsubjpass"})) for c in target_codes(sentence, m)]
    elif lemma in _MEASURE_LISTING:
        if not just_told or subject is None or not _the_measure(subject):
            return []
        owners = [sentence.codes[c.i] for c in subject.children if c.dep_ == "poss" and c.i in sentence.codes]
        makers = owners or makers  # "the European Union's nineteenth package listed ..."
        targets = _included(sentence, verb, children(verb, frozenset({"dobj"})))
    elif lemma in _GIVING_MEMBERS:
        targets = _members_named(sentence, verb, just_told=just_told)
        if not targets and just_told and _counted_parties(sentence, subject):
            targets = _nationals(sentence, verb)  # "All four individuals are Iranian nationals"
            if lemma == "be" and not targets:
                targets = _places(sentence, verb)  # "Nineteen are in mainland China, eight in Turkey"
    elif lemma in _SWEPT and _caught_in_measure(verb):
        targets = [c for m in _caught(verb) for c in target_codes(sentence, m)]
    elif lemma in _SPREADING and is_passive(verb) and just_told and _counted_parties(sentence, subject):
        targets = _places(sentence, verb, _SPREAD_OVER)  # "the rest are split between Turkey and ..."
    elif (
        lemma in _LOCATING
        and is_passive(verb)
        and (_listed_within(subject) or just_told and _counted_parties(sentence, subject))
    ):
        targets = _places(sentence, verb)  # "Five of the companies are based in China, three in ..."
    else:
        return []
    return _sanctions(makers, list(dict.fromkeys(targets)), verb, ctx)


def _listed_after(sentence: Sentence, verb: Token, *, just_told: bool) -> bool:
    """ "Eleven firms registered in Turkey, nine in the Emirates ... were also listed", "Belarusian
    entities were designated": parties listed with no maker named, just after a sanction, in
    the same round (not "which firms would be listed first")."""
    if not just_told or not is_passive(verb) or agent_of(verb) is not None:
        return False
    if is_future(verb) or is_indirect_question(verb):
        return False
    parties = sentence.lexicon.words("policy_change", "party_nouns")
    return any(s.lemma_.lower() in parties for s in children(verb, frozenset({"nsubjpass"})))


def _the_measure(word: Token) -> bool:
    """ "the package", "Thursday's designations", "the new round": a measure just told, named
    as one (not "later packages")."""
    return word.lemma_.lower() in _ROUNDS and any(
        c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these")
        for c in word.children
    )


def _caught_in_measure(verb: Token) -> bool:
    """ "caught up in the new round", "swept up in the same action": parties hit by a measure."""
    return any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children) and any(
        o.lemma_.lower() in _ROUNDS
        for p in children(verb, frozenset({"prep"}))
        if p.lower_ == "in"
        for o in children(p, frozenset({"pobj"}))
    )


def _caught(verb: Token) -> list[Token]:
    """The parties caught: the passive's subject ("Caught up in the round are X, Y and Z", "a web of
    traders was swept up in"), and the list the parser hung on the verb after it."""
    subjects = children(verb, frozenset({"nsubjpass", "nsubj"}))
    listed = [
        c for c in verb.children if c.dep_ == "npadvmod" and c.pos_ in ("NOUN", "PROPN") and c.i > verb.i
    ]
    listed += [
        a for x in children(verb, frozenset({"auxpass", "aux"})) for a in children(x, frozenset({"attr"}))
    ]
    return subjects + listed


def _listers_named(sentence: Sentence) -> list[str]:
    """ "Among those listed by Washington was ...": the maker the sentence names itself."""
    return [
        c
        for t in sentence.span
        if t.tag_ == "VBN" and t.lower_ in _LISTED
        for a in [agent_of(t)]
        if a is not None
        for c in actors_of(sentence, a)
    ]


def _makers(ctx: ArticleContext) -> list[str]:
    """Who imposed the measure the sentence lists the parties of: all who just sanctioned parties
    of no state told ("the United States, Britain and Canada sanctioned five people"), else the
    makers of the sanctions just told, else the article's last sanctioning actor."""
    if ctx.pending_sanction:
        return list(ctx.pending_sanction)
    just = [e["actor"] for e in ctx.last_events if e["type"] == "sanction" and e.get("actor")]
    if just:
        return list(dict.fromkeys(just))
    return [ctx.sanction_actor] if ctx.sanction_actor else []


def _makers_told_here(ctx: ArticleContext, verb: Token) -> list[str]:
    """ "The US Treasury designated a network of companies; the sanctioned firms include two in
    China": the makers of the nearest sanction told before in the same sentence, not of one told
    in passing in a clause of its own ("After Britain sanctioned Russian banks in 2022, ...")."""
    told = [
        e
        for e in ctx.told_in_sentence
        if e.fields["type"] == "sanction"
        and e.fields.get("actor")
        and e.anchor.i < verb.i
        and not any(a.dep_ in _ASIDES for a in [e.anchor, *e.anchor.ancestors])
    ]
    if not told:
        return []
    last = max(e.anchor.i for e in told)
    return list(dict.fromkeys(e.fields["actor"] for e in told if e.anchor.i == last))


_ASIDES = frozenset({"relcl", "advcl", "acl"})


def _list_owners(sentence: Sentence, verb: Token) -> list[str]:
    """The maker a list's own phrase names: "Britain's sanctioned firms", "the British list",
    "the US-designated firms", "the companies Britain blacklisted" (not the parties' own state,
    as in "three Chinese firms were listed")."""
    lists = sentence.lexicon.words("sanction", "list_nouns")
    heads = children(verb, frozenset({"nsubj"}))
    heads += [
        o
        for p in children(verb, frozenset({"prep"}))
        if p.lower_ == "among"
        for o in children(p, frozenset({"pobj"}))
    ]
    owners = []
    for head in heads:
        listed = [c for c in head.children if c.lower_ in _LISTED and c.dep_ in ("amod", "acl", "relcl")]
        if head.lemma_.lower() in lists:  # "the British list", "Japan's list"
            owners += [c for c in head.children if c.dep_ in ("poss", "amod", "compound") and c.i < head.i]
        elif listed and any(c.dep_ == "poss" for c in head.children):  # "Britain's sanctioned firms"
            owners += [c for c in head.children if c.dep_ == "poss"]
        owners += [  # "the US-designated firms", "the companies Britain blacklisted"
            g for c in listed for g in c.children if g.dep_ in ("npadvmod", "compound", "nsubj") and g.i < c.i
        ]
        owners += [
            g
            for c in head.children
            if c.dep_ == "relcl" and c.lemma_.lower() in sentence.lexicon.words("sanction", "verbs") | _LISTED
            for g in children(c, frozenset({"nsubj"}))
        ]
    named = [o for o in owners if o.pos_ != "PRON"]  # "its list": whoever "its" is, told before
    return list(dict.fromkeys(code for o in named for code in actors_of(sentence, o)))


def _listed(word: Token) -> bool:
    """ "the sanctioned firms", "those targeted", "the companies listed"."""
    return any(c.lower_ in _LISTED and c.dep_ in ("amod", "acl") for c in word.children)


def _listed_within(phrase: Token | None) -> bool:
    """ "Two of the blacklisted companies": a listed party in the phrase."""
    return phrase is not None and any(_listed(t) for t in phrase.subtree)


def _members_named(sentence: Sentence, verb: Token, *, just_told: bool = False) -> list[str]:
    """The states of the members a list gives: its subject is the list and its object the
    members ("the sanctioned firms include X"; just after a sanction, "the firms include X"
    too), or an "among" phrase is the list and the subject or attribute the members ("Among
    those targeted were X")."""
    subjects = children(verb, frozenset({"nsubj"}))
    if just_told and verb.lemma_.lower() != "be" and any(_the_parties(sentence, s) for s in subjects):
        return _included(sentence, verb, children(verb, frozenset({"dobj"})))
    among = [
        o
        for p in children(verb, frozenset({"prep"}))
        if p.lower_ == "among"
        for o in children(p, frozenset({"pobj"}))
    ]
    lists = sentence.lexicon.words("sanction", "list_nouns")
    if any(_listed(s) or just_told and s.lemma_.lower() in lists | _ROUNDS for s in subjects):
        members = children(verb, frozenset({"dobj", "attr"}))  # "the British list covers ..."
        if verb.lemma_.lower() != "be":
            return _included(sentence, verb, members)
    elif any(_listed(o) or just_told and o.lower_ in ("them", "those") for o in among):  # "Among them are"
        members = children(verb, frozenset({"attr", "nsubj"})) + _alongside(verb)
    else:
        return []
    return [c for m in members for c in target_codes(sentence, m)]


def _alongside(verb: Token) -> list[Token]:
    """ "were four in India, along with firms in China": members added by "along / together with"."""
    return [
        o
        for p in children(verb, frozenset({"prep", "advmod"}))
        if p.lower_ in ("along", "together")
        for w in children(p, frozenset({"prep"}))
        if w.lower_ == "with"
        for o in children(w, frozenset({"pobj"}))
    ]


def _included(sentence: Sentence, verb: Token, members: list[Token]) -> list[str]:
    """The states of the members a list includes, and of the counts placed after them that the
    parser hangs on the verb: "include more than 100 in Russia, over 40 in China, a dozen in
    Turkey"."""
    named = [c for m in members for c in target_codes(sentence, m)]
    return [*named, *(c for c in _places(sentence, verb) if c not in named)]


def _the_parties(sentence: Sentence, word: Token) -> bool:
    """ "The firms", "these individuals", "they": the parties a sanction just told listed."""
    if word.lower_ in ("they", "these", "those") and word.pos_ == "PRON":
        return True  # "They include three companies in mainland China"
    parties = sentence.lexicon.words("policy_change", "party_nouns")
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in word.children)
    return definite and word.lemma_.lower() in parties


def _places(sentence: Sentence, verb: Token, preps: frozenset[str] = frozenset({"in"})) -> list[str]:
    """Where "are based" / "are registered" puts them, and the elliptical "one in the UAE"."""
    subject = subject_of(verb)
    inside = set() if subject is None else {t.i for t in subject.subtree}
    return [
        c
        for t in verb.subtree
        if t.i not in inside and t.dep_ == "prep" and t.lower_ in preps
        for o in children(t, frozenset({"pobj"}))
        for c in target_codes(sentence, o)
    ]


# verbs that share parties out over places: "the rest are split between Turkey and Kyrgyzstan"
_SPREADING: frozenset[str] = frozenset({"split", "divide", "spread", "scatter", "distribute"})
_SPREAD_OVER = frozenset({"between", "among", "across", "over", "in"})
_COUNTED = frozenset({"all", "both", "most", "many", "some", "several", "each"})
_REST = frozenset({"remainder", "rest", "other"})
_THEM = frozenset({"them", "those", "these"})
_NATIONALS = frozenset({"national", "citizen", "company", "firm", "entity", "resident"})


def _counted_parties(sentence: Sentence, subject: Token | None) -> bool:
    """ "Five of the companies", "All four individuals": parties counted, just after a sanction."""
    if subject is None:
        return False
    parties = sentence.lexicon.words("policy_change", "party_nouns")
    if subject.lemma_.lower() in _REST and any(c.lower_ == "the" for c in subject.children):
        return True  # "The remainder are registered in Kyrgyzstan"
    counted = subject.like_num or subject.lower_ in _COUNTED
    of_parties = [o for p in subject.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    if counted and any(o.lemma_.lower() in parties or o.lower_ in _THEM for o in of_parties):
        return True  # "Five of the companies", "six of them"
    if subject.like_num and subject.pos_ == "NUM" and not list(subject.children):
        return True  # "Nineteen are in mainland China"
    numbered = any(c.like_num or c.lower_ in _COUNTED | {"remaining"} for c in subject.children)
    return numbered and subject.lemma_.lower() in parties


def _nationals(sentence: Sentence, verb: Token) -> list[str]:
    """ "are Iranian nationals", "are Chinese companies": the state of what they are."""
    return [
        c
        for a in children(verb, frozenset({"attr"}))
        if a.lemma_.lower() in _NATIONALS
        for m in a.children
        if m.dep_ in ("amod", "compound")
        for c in actors_of(sentence, m)
    ]
