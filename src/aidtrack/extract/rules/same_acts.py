"""Events told again for another actor: "Britain did the same the next day", "Belgium followed
suit", "France has taken the same step", "Poland made the same request", "Ireland took the
same position".

The act copied is the last one the article told (the events an earlier clause of the same
sentence told, else those of the last sentence that told any; of a kind the sentence names,
"designating two officials", the last of that kind); the new actor takes the first role, the
other key fields stay. The noun of "the same request / pledge /
sanctions / position" narrows which events are copied; "did the same", "followed suit" and "the
same step / decision / move" copy measures taken (support, refusals, policy changes, sanctions),
not warnings or requests; "said the same" copies a refusal.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from aidtrack.extract.clauses import Sentence, children, prep_objects, subject_of
from aidtrack.extract.keys import ROLES, first_role
from aidtrack.extract.modality import is_hedged, is_negated
from aidtrack.extract.parties import actors_of
from aidtrack.extract.roles import categories_in, modifier_actors
from aidtrack.extract.rules.common import _BARE_REFUSALS, ArticleContext, Found, anchored_on, given_in_passing
from aidtrack.extract.rules.measures_common import _SAYING, target_codes
from aidtrack.extract.rules.sanctions import _loosening

RULE = "same-act"
# which event types "the same <noun>" repeats; None: any
_SAME_NOUNS: dict[str, frozenset[str] | None] = {
    "request": frozenset({"appeal"}),
    "appeal": frozenset({"appeal"}),
    "call": frozenset({"appeal"}),
    "plea": frozenset({"appeal"}),
    "demand": frozenset({"appeal"}),
    "pledge": frozenset({"support", "refusal"}),  # "Kuwait made a similar pledge" not to let bases be used
    "promise": frozenset({"support", "refusal"}),
    "statement": frozenset({"refusal", "appeal", "threat"}),
    "declaration": frozenset({"refusal", "appeal", "threat"}),
    "warning": frozenset({"threat"}),
    "threat": frozenset({"threat"}),
    "designation": frozenset({"sanction"}),
    "commitment": frozenset({"support"}),
    "contribution": frozenset({"support"}),
    "donation": frozenset({"support"}),
    "sanction": frozenset({"sanction"}),
    "penalty": frozenset({"sanction"}),
    "listing": frozenset({"sanction"}),
    "ban": frozenset({"sanction", "policy_change"}),  # "Canada announced an identical port ban"
    "embargo": frozenset({"sanction", "policy_change"}),
    "position": frozenset({"refusal", "policy_change"}),
    "stance": frozenset({"refusal", "policy_change"}),
    "line": frozenset({"refusal", "policy_change"}),
    # halts of giving or of exports: "Canada and Australia announced similar pauses"
    "pause": frozenset({"refusal", "policy_change"}),
    "suspension": frozenset({"refusal", "policy_change"}),
    "halt": frozenset({"refusal", "policy_change"}),
    "freeze": frozenset({"refusal", "sanction"}),
    "cut": frozenset({"refusal"}),
    "step": None,
    "decision": None,
    "move": None,
    "approach": None,
    "course": None,
    "route": None,
    "path": None,
    "measure": None,
    "action": None,
}
_SAME = frozenset({"same", "similar", "identical"})
# what "did the same", "followed suit" and "the same step / decision / move" repeat: a measure
# taken; a warning or a request is repeated only by its noun ("made the same request")
_MEASURES = frozenset({"support", "refusal", "policy_change", "sanction"})
# verbs of a step not yet taken
_WEIGHING = frozenset({"weigh", "consider", "mull", "study", "discuss", "contemplate", "explore", "plan"})
_LIKEWISE = frozenset({"likewise", "similarly"})
_FOLLOWED = frozenset({"suit", "lead", "example"})
# what a verb of saying repeats ("Mexico said the same"): words, so a refusal, not a measure
_SPOKEN = frozenset({"refusal"})


@anchored_on("VERB", "AUX")
def same_act(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """The last act told, now by the subject of "did the same" or "followed suit"."""
    if verb.pos_ not in ("VERB", "AUX") or not (ctx.last_events or ctx.told_in_sentence):
        return []
    # the cheap test first: most verbs repeat nothing
    kinds = _repeated(sentence, verb) or _echoed(sentence, verb)
    if not kinds:
        return []
    if is_negated(verb) or is_hedged(sentence, verb) or verb.lemma_.lower() in _WEIGHING:
        return []  # "Australia is weighing similar steps": not taken yet
    if _eases(sentence, verb):  # "took a similar step, easing restrictions on Syrian banks": no new sanction
        kinds = kinds - {"sanction"}
    if not kinds or _tells_its_own(verb):
        return []
    agents = _followers(sentence, verb)  # "was followed by Britain and Germany": they repeat the act
    subjects = actors_of(sentence, subject_of(verb))
    actors = [c for a in agents for c in actors_of(sentence, a)] if agents else subjects
    own = _own_targets(sentence, verb) or _participle_targets(sentence, verb)
    if own:  # "Britain followed suit against the Iranian companies", "did the same, designating the
        # Iranian drone maker": the act, on its own targets
        copied = [e for e in _copied(sentence, verb, kinds, ctx) if "target" in e]
        repeats = [{**e, "target": t} for t in own for e in copied[:1]]
    else:
        repeats = _copied(sentence, verb, kinds, ctx)
    followed = set(subjects) if agents else set()
    if followed:  # "the United States paused ... and was followed by": the acts told of the one followed
        repeats = [e for e in repeats if first_role(e) in followed]
    cats = _own_categories(sentence, verb)
    if cats:  # "Estonia did the same with a shipment of diesel heaters": of its own kind
        repeats = [{**e, "category": c} if "category" in e else e for e in repeats for c in cats]
        repeats = list({tuple(sorted(e.items())): e for e in repeats}.values())
    return [
        Found(fields, verb, 0.6, RULE)
        for actor in actors
        for event in repeats
        if (fields := _retold(event, actor)) is not None
    ]


# words that refuse the act they govern: "refused to follow suit", "Norway's refusal to do the same"
_REFUSING = (_BARE_REFUSALS - {"say"}) | {"refusal"}


@anchored_on("VERB", "AUX", lemmas=lambda lex: {"follow", "do"})
def same_act_refused(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "The United States sent tanks. Hungary refused to follow suit": refusing to repeat a gift
    refuses that kind of support (refusing to repeat a pause or a sanction gives nothing)."""
    if verb.lemma_.lower() not in ("follow", "do") or verb.dep_ not in ("xcomp", "acl"):
        return []
    head = verb.head
    if head.lemma_.lower() not in _REFUSING or is_negated(head) or is_hedged(sentence, head):
        return []
    if not _repeated(sentence, verb) & {"support"}:
        return []
    gifts = [e for e in _copied(sentence, verb, frozenset({"support"}), ctx) if e["type"] == "support"]
    refusers = (
        actors_of(sentence, subject_of(head)) if head.pos_ != "NOUN" else modifier_actors(sentence, head)
    )
    kinds = {e["category"]: e.get("recipient") for e in gifts if e.get("category")}  # the latest of each kind
    return [
        Found(
            {"type": "refusal", "actor": actor, "category": cat, **({"recipient": to} if to else {})},
            verb,
            0.6,
            RULE,
        )
        for actor in refusers
        if not any(e.get("donor") == actor for e in gifts)
        for cat, to in kinds.items()
        if to != actor
    ]


@anchored_on("VERB", lemmas=lambda lex: {"join"})
def same_act_joined(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Canada suspended its funding, joining the United States, Germany and Britain in
    suspending payments": the act the clause told, by those it joins as well."""
    acts = [
        a
        for p in children(verb, frozenset({"prep"}))
        if p.lower_ == "in"
        for c in p.children
        for a in [c, *children(c, frozenset({"amod"}))]  # "in suspending payments", however parsed
        if a.dep_ in ("pcomp", "amod") and a.tag_ == "VBG"
    ]
    if not acts or verb.lemma_.lower() != "join" or is_negated(verb):
        return []  # (the acts told passed their own rules' tests of hedging)
    joined = [c for o in children(verb, frozenset({"dobj"})) for c in actors_of(sentence, o)]
    kinds = _kinds_of_act(sentence, acts[0])
    told = [dict(e.fields) for e in ctx.told_in_sentence if e.rule != RULE and e.fields["type"] in kinds]
    return [
        Found(fields, verb, 0.6, RULE)
        for actor in joined
        for event in told
        if (fields := _retold(event, actor)) is not None
    ]


def _kinds_of_act(sentence: Sentence, act: Token) -> frozenset[str]:
    """The event types a verb of acting tells ("suspending" a refusal, "sanctioning" a sanction)."""
    lex = sentence.lexicon
    kinds = {
        "refusal": lex.words("refusal", "verbs"),
        "support": lex.support_verbs,
        "sanction": lex.words("sanction", "verbs") | {"impose"},
    }
    return frozenset(kind for kind, words in kinds.items() if act.lemma_.lower() in words)


def _copied(
    sentence: Sentence, verb: Token, kinds: frozenset[str], ctx: ArticleContext
) -> list[dict[str, Any]]:
    """The events repeated: those an earlier clause of the sentence told, else those of the last
    sentence that told any of ``kinds``; when the sentence says what kind the repeat is
    ("followed suit, designating two officials", "did the same with its own listings"), the last
    events of that kind even if other kinds came between."""
    here = _told_before_in_sentence(verb, kinds, ctx)
    clue = _clue(sentence, verb) & kinds
    if clue and here:
        return [e for e in here if e["type"] in clue]
    if clue:
        return [e for kind in sorted(clue) for e in ctx.last_of_type.get(kind, [])]
    return here or [e for e in ctx.last_events if e["type"] in kinds]


def _told_before_in_sentence(verb: Token, kinds: frozenset[str], ctx: ArticleContext) -> list[dict[str, Any]]:
    """ "Norway sent flour to Gaza, and Ireland did the same with medical kits": the acts an
    earlier clause of the same sentence told, which come before those of the sentences before."""
    return [
        dict(e.fields)
        for e in ctx.told_in_sentence
        if e.anchor.i < verb.i and e.rule != RULE and e.fields["type"] in kinds and not given_in_passing(e)
    ]


def _clue(sentence: Sentence, verb: Token) -> frozenset[str]:
    """The event types the rest of the clause names: a participle ("designating", "pledging") or
    the object of "with" ("with its own designations", "with asset freezes")."""
    lex = sentence.lexicon
    clues = {
        "sanction": lex.words("sanction", "verbs")
        | lex.words("sanction", "nouns")
        | lex.words("sanction", "list_nouns")
        | {"list", "listing", "designation", "name", "target"},  # "naming the same five"
        "support": lex.words("support", "transfer_verbs") | lex.words("support", "nouns"),
    }
    words = _participles(verb) + [t for o in _with_objects(verb) for t in o.subtree]
    lemmas = {w.lemma_.lower() for w in words} | {w.lower_ for w in words}
    found = {kind for kind, vocab in clues.items() if lemmas & vocab}
    if not found and "military" in categories_in(sentence, words):
        found.add("support")  # "followed suit with an undisclosed number of Hawk launchers"
    return frozenset(found)


def _repeated(sentence: Sentence, verb: Token) -> frozenset[str]:
    """The event types the verb repeats (none when it repeats nothing)."""
    lemma = verb.lemma_.lower()
    objects = children(verb, frozenset({"dobj"}))
    if lemma == "do" and (
        any(o.lower_ in _SAME for o in objects) or any(c.lower_ in _LIKEWISE for c in verb.children)
    ):
        return _MEASURES
    if lemma == "do" and _the_same_after(verb):
        return _MEASURES  # "did the same hours later": the parser reads "the same hours"
    if lemma == "follow" and any(o.lemma_.lower() in _FOLLOWED for o in objects):
        return _MEASURES
    if lemma == "follow" and any(c.dep_ in ("prt", "prep") and c.lower_ == "through" for c in verb.children):
        return frozenset()  # "followed through on its threat": carried out, not repeated
    if lemma == "follow" and _followers(sentence, verb):
        return _MEASURES  # "the United States paused its funding and was followed by Britain"
    if lemma == "follow" and not objects and verb.dep_ in ("ROOT", "conj"):
        return _MEASURES  # "Germany, Britain and Italy followed within days"
    if lemma in _SAYING and (any(o.lower_ in _SAME for o in objects) or _the_same_after(verb)):
        return _SPOKEN  # "Mexico said the same"
    for obj in objects:
        same = any(c.lower_ in _SAME for c in obj.children if c.dep_ in ("amod", "det"))
        if same and obj.lemma_.lower() in _SAME_NOUNS:
            return _SAME_NOUNS[obj.lemma_.lower()] or _MEASURES
    return frozenset()


def _followers(sentence: Sentence, verb: Token) -> list[Token]:
    """The named agents of a passive "followed" ("was followed by Britain and Germany"), each
    member of their list; not "was followed by Washington's decision to lift its sanctions"."""
    if verb.lemma_.lower() != "follow" or not any(c.dep_ == "auxpass" for c in verb.children):
        return []
    return [o for o in prep_objects(verb, frozenset({"by"})) if o.i in sentence.codes]


# words that mark an act said again: "Sweden and Japan also paused"
_AGAIN = frozenset({"also", "too", "likewise", "similarly"})
# what a verb said again without an object of its own may still have
_BARE = frozenset({"advmod", "nsubj", "aux", "neg", "punct", "cc", "conj", "npadvmod", "advcl"})


def _echoed(sentence: Sentence, verb: Token) -> frozenset[str]:
    """ "The United States and Germany paused their funding. Sweden and Japan also paused": a
    verb of the act just told, said again with "also" and nothing of its own, repeats it."""
    if not any(c.lower_ in _AGAIN for c in verb.children) or any(c.dep_ not in _BARE for c in verb.children):
        return frozenset()
    return _kinds_of_act(sentence, verb)


def _the_same_after(verb: Token) -> bool:
    doc = verb.doc
    return [t.lower_ for t in doc[verb.i + 1 : verb.i + 3]] == ["the", "same"]


def _tells_its_own(verb: Token) -> bool:
    """ "Denmark followed suit, announcing that the F-16s it transfers may be used against
    targets in Russia": the participle's clause tells the act, the rules read it there."""
    return any(
        c.dep_ in ("advcl", "xcomp") and c.tag_ == "VBG" and any(g.dep_ == "ccomp" for g in c.children)
        for c in verb.children
    )


def _own_categories(sentence: Sentence, verb: Token) -> list[str]:
    """The kinds of support the repeat names itself: "did the same with a shipment of diesel
    heaters", "followed suit, sending a field hospital"."""
    words = _participles(verb) + _with_objects(verb)
    return categories_in(sentence, [t for w in words for t in w.subtree]) if words else []


def _participles(verb: Token) -> list[Token]:
    """ "followed suit, designating two officials": the participles that say what was done."""
    return [c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.tag_ == "VBG"]


def _with_objects(verb: Token) -> list[Token]:
    """ "did the same with its own listings", "followed suit with demining equipment" (the "with"
    hung on "suit")."""
    holders = [verb, *children(verb, frozenset({"dobj"}))]
    return [
        o
        for h in holders
        for p in children(h, frozenset({"prep"}))
        if p.lower_ == "with"
        for o in children(p, frozenset({"pobj", "pcomp"}))  # "with demining equipment"
    ]


def _participle_targets(sentence: Sentence, verb: Token) -> list[str]:
    """The parties a participle names: "designating the Iranian drone maker", "freezing the assets
    of five North Korean officials", "listing six Sudanese companies"."""
    phrases = [
        o
        for p in _participles(verb)
        for d in children(p, frozenset({"dobj"}))
        for o in [d, *prep_objects(d, frozenset({"of"}))]
    ]
    phrases += [o for p in _participles(verb) for o in prep_objects(p, frozenset({"on", "against"}))]
    return list(dict.fromkeys(c for o in phrases for c in target_codes(sentence, o)))


def _eases(sentence: Sentence, verb: Token) -> bool:
    """ "took a similar step, easing restrictions on Syrian banks": a participle that ends or
    eases a measure (the loosening verbs of the policy combos)."""
    return any(p.lemma_.lower() in _loosening(sentence.lexicon) for p in _participles(verb))


def _own_targets(sentence: Sentence, verb: Token) -> list[str]:
    """ "imposed similar restrictions on Russian entities", "followed suit against the Iranian
    companies": the sentence names its own target."""
    aimed = prep_objects(verb, frozenset({"on", "against", "to"})) + [
        o
        for d in children(verb, frozenset({"dobj"}))
        for o in prep_objects(d, frozenset({"on", "against", "to"}))
    ]
    return list(dict.fromkeys(c for o in aimed for c in target_codes(sentence, o)))


def _retold(event: dict[str, Any], actor: str) -> dict[str, Any] | None:
    kind = event["type"]
    role = ROLES[kind][0]
    others = {event.get(k) for k in ("target", "recipient")}
    if event.get(role) == actor or actor in others:
        return None
    keep = {
        k: v
        for k, v in event.items()
        if k in ("type", "target", "recipient", "category", "direction", "stage")
    }
    return {**keep, role: actor}
