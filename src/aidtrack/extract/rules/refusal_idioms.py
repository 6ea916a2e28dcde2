"""Refusals told without a verb of refusing.

* Staying out of a joint effort: "Ireland, Austria and Malta will sit out the joint purchase of
  shells", "opted out of the plan to fund weapons", "kept its distance from the ammunition
  initiative". The verb and its particle say that the subject takes no part; the effort must
  name a kind of support, which gives the category ("sitting out the summit" is no refusal).
* Nothing to be given: "no second Patriot battery would be sent", "none will be delivered".
* No pledge made: "said it would not be making a new pledge at the meeting".
* Nothing to spare: "had no further air defence batteries to spare".
* Not approving transfers: "Berlin would not approve any arms exports to Azerbaijan" (a licence
  or permit not approved is a change of export rules instead, see the policy rules).
* A gap not filled: "said they would not make up the shortfall", "will not fill the gap" (in
  the kind the gap is of, else the kind the article is about).
* A principle of not giving that stands: "our principle of not supplying lethal weapons to
  countries at war remains in place", "Tokyo upholds its policy of not sending arms" (one that
  is dropped or revised is a policy change instead).
"""

from __future__ import annotations

from spacy.tokens import Token

from aidtrack.extract.clauses import Sentence, agent_of, children, is_passive, prep_objects
from aidtrack.extract.modality import FUTURE_AUX, has_aux, is_conditional, is_hedged, is_negated
from aidtrack.extract.parties import actors_of
from aidtrack.extract.roles import categories_in, has_money, has_support_noun, names_wealth, recipients_of
from aidtrack.extract.rules.common import (
    _KEEPING_AS_IS,
    COPULAS,
    ArticleContext,
    Found,
    _category_or_default,
    _refusal_actors,
    _refusals,
    _sayers,
    anchored_on,
    kept_halted,
    on_hold,
    says_none,
    stays_halted,
)
from aidtrack.extract.rules.policies import _PERMIT_NOUNS, _RULE_NOUNS, _policy_changes

RULE = "refusal-opting-out"
# "sit out X": the particle and a direct object
_SITTING = frozenset({"sit"})
# "stay out of X", "opt out of X", "stay away from X", "pull out of X", "drop out of X"
_LEAVING = frozenset({"stay", "opt", "pull", "drop", "bow", "remain", "keep", "step"})
_OUT = frozenset({"out", "away", "aside", "clear"})
# "keep its distance from X"
_DISTANCE = frozenset({"distance"})
# a plan-like effort whose purpose an infinitive may tell ("the scheme to buy ammunition")
_EFFORTS = frozenset(
    {"scheme", "plan", "initiative", "programme", "program", "effort", "mechanism", "coalition"}
)


@anchored_on("VERB", lemmas=lambda lex: _SITTING | _LEAVING)
def refusal_opting_out(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """The subject stays out of an effort that gives support: one refusal per actor and kind."""
    if verb.pos_ != "VERB":
        return []
    efforts = _efforts_left(verb)
    if not efforts or is_negated(verb) or is_hedged(sentence, verb):
        return []
    cats = categories_in(sentence, _effort_words(verb, efforts))
    if not cats:
        return []
    return _refusals(_refusal_actors(sentence, verb), cats, [], verb, 0.65, rule=RULE)


def _efforts_left(verb: Token) -> list[Token]:
    """What the verb says its subject stays out of, or nothing when it says no such thing."""
    lemma = verb.lemma_.lower()
    outs = [c for c in verb.children if c.lower_ in _OUT and c.dep_ in ("prt", "prep", "advmod")]
    if lemma in _SITTING and outs:
        return children(verb, frozenset({"dobj"}))
    if lemma not in _LEAVING:
        return []
    if outs:
        return [o for w in [verb, *outs] for o in prep_objects(w, frozenset({"of", "from"}))]
    distance = [d for d in children(verb, frozenset({"dobj"})) if d.lemma_.lower() in _DISTANCE]
    return [o for d in distance for o in prep_objects(d, frozenset({"from"}))]


def _effort_words(verb: Token, efforts: list[Token]) -> list[Token]:
    """The words of the efforts, and the purpose the parser hung on the verb ("stay out of the
    scheme | to buy ammunition")."""
    words = [t for effort in efforts for t in effort.subtree]
    if any(e.lemma_.lower() in _EFFORTS for e in efforts):
        words += [
            t
            for c in verb.children
            if c.dep_ in ("advcl", "xcomp") and any(a.lower_ == "to" for a in c.children)
            for t in c.subtree
        ]
    return words


# giving verbs whose passive subject may say that nothing is given
_GIVING = frozenset({"send", "deliver", "supply", "provide", "give", "transfer", "ship", "hand", "donate"})
_NOTHING = frozenset({"no", "none", "nothing"})
# verbs of support going somewhere: "not a single round would leave our stocks for Ukraine"
_GOING = frozenset({"go", "leave", "flow", "head"})


@anchored_on("VERB", lemmas=lambda lex: _GIVING | _GOING)
def refusal_none_given(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "A ministry official said that no second Patriot battery would be sent", "not a single
    bullet would be sent", "the Taurus missile would not be sent", "not a single round would leave
    Slovak stocks for Ukraine": the one who says it (the passive's agent, or the state the support
    would go from) refuses the kind of support named."""
    lemma = verb.lemma_.lower()
    whither = [verb, *children(verb, frozenset({"dobj"}))]  # "leave its depots for Ukraine"
    going = (
        lemma in _GOING
        and not is_passive(verb)
        and any(actors_of(sentence, o) for w in whither for o in prep_objects(w, frozenset({"to", "for"})))
    )
    if verb.pos_ != "VERB" or not (lemma in _GIVING and is_passive(verb) or going):
        return []
    if is_conditional(verb) or is_hedged(sentence, verb) and not is_negated(verb):
        return []
    given = children(verb, frozenset({"nsubj" if going else "nsubjpass"}))
    if not given or not (_said_not_to_come(verb) or any(_none(g, going=going) for g in given)):
        return []
    words = [t for g in given for t in g.subtree]
    cats, defaulted = _category_or_default(sentence, words, ctx, allow_default=True)
    agent = agent_of(verb)
    ends = [verb, *prep_objects(verb, frozenset({"to", "for"}))]  # "going to Ukraine from Ireland"
    sources = [o for e in ends for o in prep_objects(e, frozenset({"from"}))] if going else []
    actors = [c for o in sources for c in actors_of(sentence, o)]
    actors = actors or (actors_of(sentence, agent) if agent is not None else _sayers(sentence, verb))
    return _refusals(actors, cats, [], verb, 0.7 - 0.15 * defaulted, rule="refusal-none-given")


def _said_not_to_come(verb: Token) -> bool:
    """ "the Taurus missile would not be sent": a future or modal passive denied (but "the tanks
    have not been delivered yet" is late, not refused)."""
    return is_negated(verb) and has_aux(verb, FUTURE_AUX)


def _none(given: Token, *, going: bool) -> bool:
    """ "no weapons", "not a single round", "none of it" (but not "none of the aid would go to
    Hamas", where the rest goes elsewhere)."""
    partial = going and bool(prep_objects(given, frozenset({"of"})))
    return (
        given.lower_ in _NOTHING
        and not partial
        or says_none(given)
        or any(c.lower_ in _NOTHING for c in given.children)
    )


_APPROVING = frozenset({"approve", "authorise", "authorize", "allow", "permit", "clear", "greenlight"})
_TRANSFERS = frozenset({"export", "transfer", "delivery", "shipment", "sale", "supply", "re-export"})


@anchored_on(lemmas=lambda lex: _APPROVING)
def refusal_not_approving(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Berlin would not approve any arms exports to Azerbaijan": transfers of a kind of
    support not approved."""
    verbal = verb.pos_ == "VERB" or verb.dep_ == "ROOT" and bool(children(verb, frozenset({"dobj"})))
    if not verbal or verb.lemma_.lower() not in _APPROVING or not is_negated(verb):
        return []  # ("authorise" is at times tagged as an adverb, its object still hung on it)
    if is_conditional(verb) or _rule_says(verb):
        return []
    objects = children(verb, frozenset({"dobj"}))
    if not objects or any(o.lemma_.lower() in _PERMIT_NOUNS for o in objects) or _standing(verb, objects):
        return []  # "will approve no new exports": a rule from now on, see policy_no_new_approvals
    words = [t for o in objects for t in o.subtree]
    if not any(t.lemma_.lower() in _TRANSFERS for t in words):
        return []
    cats = categories_in(sentence, words)
    return _refusals(_refusal_actors(sentence, verb), cats, [], verb, 0.7, rule="refusal-not-approving")


# "new licences", "any further exports": approvals from now on
_FROM_NOW = frozenset({"new", "further", "fresh", "additional"})


def _standing(verb: Token, objects: list[Token]) -> bool:
    """No approvals from now on: "until further notice", "no new licences", "any further
    exports", "since the October 7 attack"."""
    text = verb.sent.text.lower()
    if "until further notice" in text:
        return True
    if any(c.lower_ in _FROM_NOW for o in objects for c in o.children if c.dep_ == "amod"):
        return True
    return any(c.lower_ == "since" and c.dep_ in ("prep", "mark") for c in verb.children)


@anchored_on(lemmas=lambda lex: _APPROVING | _ISSUING)
def policy_no_new_approvals(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Germany will not authorise, until further notice, any exports of military equipment
    which could be used in Gaza", "Italy has not granted new licences since the October 7
    attack": approvals stopped from now on tighten the export rules."""
    objects = children(verb, frozenset({"dobj"}))
    verbal = verb.pos_ == "VERB" or verb.dep_ in ("ROOT", "ccomp", "conj") and bool(objects)  # "authorise"
    # read as an adverb, also in reported speech ("said Berlin would authorise no exports")
    if not verbal or verb.lemma_.lower() not in _APPROVING | _ISSUING or not is_negated(verb):
        return []
    words = {t.lemma_.lower() for o in objects for t in o.subtree}
    if not words & (_TRANSFERS | _PERMIT_NOUNS) or not _standing(verb, objects) or _rule_says(verb):
        return []
    return _policy_changes(
        sentence, _refusal_actors(sentence, verb), "tighten", verb, 0.7, "policy-no-new-approvals"
    )


_ISSUING: frozenset[str] = frozenset({"grant", "issue", "sign"})


def _rule_says(verb: Token) -> bool:
    """The words are a standing rule's, not a decision: "the policy stipulates that ..."."""
    return any(
        s.lemma_.lower() in _RULE_NOUNS
        for g in verb.ancestors
        for s in g.children
        if s.dep_ in ("nsubj", "nsubjpass")
    )


# "would not be making a new pledge", "made no new commitment": a promise of support withheld
_PROMISING = frozenset({"make", "announce", "offer", "give"})
_PROMISES = frozenset({"pledge", "commitment", "contribution", "donation"})


@anchored_on("VERB", lemmas=lambda lex: _PROMISING)
def refusal_no_pledge(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "The United States said it would not be making a new pledge at the meeting"."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _PROMISING or is_conditional(verb):
        return []
    promises = [o for o in children(verb, frozenset({"dobj"})) if o.lemma_.lower() in _PROMISES]
    none = any(c.lower_ == "no" for p in promises for c in p.children if c.dep_ == "det")
    if not promises or not (is_negated(verb) or none):
        return []
    words = [t for p in promises for t in p.subtree]
    # "made no pledge" beside "gave no numbers" withholds details; "would not be making a
    # pledge" at a pledging conference withholds support of the article's kind
    said_not = any(c.dep_ == "neg" for c in verb.children)
    cats, defaulted = _category_or_default(sentence, words, ctx, allow_default=said_not)
    return _refusals(
        _refusal_actors(sentence, verb), cats, [], verb, 0.65 - 0.15 * defaulted, rule="refusal-no-pledge"
    )


# "had no further batteries to spare", "has nothing left to give"
_SPARING = frozenset({"spare", "give", "send", "offer", "deliver", "provide", "hand"})


@anchored_on("VERB", "AUX", lemmas=lambda lex: {"have"})
def refusal_nothing_to_spare(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Italy had no further air defence batteries to spare", "did not have any shells to
    spare": nothing left to give."""
    if verb.lemma_.lower() != "have" or verb.pos_ not in ("VERB", "AUX") or is_conditional(verb):
        return []
    held = children(verb, frozenset({"dobj"}))
    sparing = [
        c
        for c in [*verb.children, *(g for h in held for g in h.children)]
        if c.dep_ in ("acl", "relcl", "ccomp", "xcomp", "advcl")
        and c.lemma_.lower() in _SPARING
        and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)
    ]
    things = held + [n for c in sparing for n in children(c, frozenset({"nsubj"}))]
    none = is_negated(verb) or any(c.lower_ in _NOTHING for t in things for c in [t, *t.children])
    if not sparing or not things or not none:
        return []
    inside = {t.i for thing in things for t in thing.subtree if thing.dep_ == "nsubj"}
    clause = {t.i for c in sparing for t in c.subtree} - inside  # "no time to spare in rebuilding its army"
    cats = categories_in(sentence, [t for thing in things for t in thing.subtree if t.i not in clause])
    return _refusals(_refusal_actors(sentence, verb), cats, [], verb, 0.65, rule="refusal-nothing-to-spare")


# what a standing line of not giving is called
_PRINCIPLES = frozenset(
    {"principle", "policy", "doctrine", "line", "stance", "position", "practice", "tradition"}
)
# a principle that stands: its subject's predicate, or what is done to it
_STANDING = frozenset({"remain", "stand", "hold", "apply", "continue", "stay"})
_KEEPING = frozenset(
    {"maintain", "keep", "reaffirm", "uphold", "restate", "reiterate", "confirm", "stick", "adhere"}
)


@anchored_on("VERB", lemmas=lambda lex: lex.support_verbs)
def refusal_principle(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """A standing principle of not giving: one refusal per holder and kind named."""
    lex = sentence.lexicon
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in lex.support_verbs or not is_negated(verb):
        return []
    of = verb.head
    principle = of.head
    if verb.dep_ not in ("pcomp", "pobj") or of.lower_ != "of" or principle.lemma_.lower() not in _PRINCIPLES:
        return []
    if not _stands(principle):
        return []
    cats = categories_in(sentence, [t for c in verb.children if c.dep_ == "dobj" for t in c.subtree])
    holders = [c for p in children(principle, frozenset({"poss"})) for c in actors_of(sentence, p)]
    if not holders and principle.dep_ == "dobj":  # "Japan upholds its policy of ..."
        holders = _refusal_actors(sentence, principle.head)
    holders = holders or _sayers(sentence, principle.head)
    return _refusals(holders, cats, [], verb, 0.7, rule="refusal-principle") if cats else []


def _stands(principle: Token) -> bool:
    """ "the principle ... remains in place", "has not changed", "upholds its policy of ..."."""
    head = principle.head
    lemma = head.lemma_.lower()
    if principle.dep_ == "nsubj":
        return lemma in _STANDING or lemma == "change" and is_negated(head)
    if principle.dep_ == "dobj":
        return lemma in _KEEPING and not is_negated(head)
    if principle.dep_ == "pobj" and head.lower_ in ("to", "by"):  # "sticks to its principle of ..."
        return head.head.lemma_.lower() in _KEEPING
    return False


# verbs that fill a gap in funding: "make up the shortfall", "fill the gap", "plug the hole"
_FILLING = frozenset({"fill", "cover", "close", "plug", "bridge", "offset"})
_HOLES = frozenset({"hole"})


@anchored_on("VERB", lemmas=lambda lex: _FILLING | {"make"})
def refusal_gap_unfilled(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """Saying one will not fill a gap in support refuses to give more: one refusal per actor."""
    lemma = verb.lemma_.lower()
    made_up = lemma == "make" and any(c.lower_ == "up" and c.dep_ == "prt" for c in verb.children)
    if verb.pos_ != "VERB" or not (made_up or lemma in _FILLING) or not is_negated(verb):
        return []
    gaps = [
        o
        for o in children(verb, frozenset({"dobj"}))
        if o.lemma_.lower() in sentence.lexicon.words("support", "lacking_heads") | _HOLES
    ]
    if not gaps:
        return []
    cats, _ = _category_or_default(sentence, [t for g in gaps for t in g.subtree], ctx, allow_default=True)
    return (
        _refusals(_refusal_actors(sentence, verb), cats, [], verb, 0.6, rule="refusal-gap-unfilled")
        if cats
        else []
    )


@anchored_on("VERB", "AUX")
def refusal_on_hold(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """Support put on hold is paused ("Washington put its aid to Niger on hold"); support said
    to be on hold ("Germany said its development payments were on hold") is paused by its owner
    or by who says so."""
    if verb.pos_ not in ("VERB", "AUX") or is_negated(verb) or is_hedged(sentence, verb):
        return []
    held = on_hold(verb)
    halted_state = not held and stays_halted(verb)  # "remains frozen"
    if not (held or halted_state):
        return []
    copula = verb.lemma_.lower() in COPULAS
    paused = children(verb, frozenset({"nsubj", "nsubjpass"} if copula else {"dobj", "nsubjpass"}))
    words = [t for p in paused for t in p.subtree]
    paid = has_money(words) or any(t.lemma_.lower() == "payment" for t in words)
    if not (has_support_noun(sentence, words) or paid or categories_in(sentence, words)):
        return []
    if halted_state and (not has_support_noun(sentence, words) or any(names_wealth(t) for t in words)):
        return []  # "Russian assets remain frozen", "the grain deal remains suspended": no support held
    if copula:
        actors = [  # "US military aid to Egypt" (not the receiver in "the Israel bomb shipment")
            c
            for p in paused
            for m in p.children
            if m.dep_ in ("poss", "amod", "nmod")
            for c in actors_of(sentence, m)
        ]
        actors = actors or ([] if halted_state else _sayers(sentence, verb))
    else:
        actors = _refusal_actors(sentence, verb)
    recipients = [r for p in [*paused, verb] for r in recipients_of(sentence, p, dobj_is_recipient=False)]
    cats, _ = _category_or_default(sentence, words, ctx, allow_default=True)
    if not cats and paid:
        cats = ["financial"]
    return _refusals(actors, cats, recipients, verb, 0.75, rule="refusal-on-hold")


@anchored_on("VERB", lemmas=lambda lex: _KEEPING_AS_IS)
def refusal_kept_halted(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """Support kept suspended or frozen is withheld for longer: "Germany said it would keep its
    development funding for Niger suspended", "the US kept military aid to Egypt frozen"."""
    if verb.pos_ != "VERB" or not kept_halted(verb) or is_negated(verb) or is_hedged(sentence, verb):
        return []
    kept = children(verb, frozenset({"dobj"}))
    words = [t for k in kept for t in k.subtree]
    paid = has_money(words) or any(t.lemma_.lower() == "payment" for t in words)
    if not (has_support_noun(sentence, words) or paid or categories_in(sentence, words)):
        return []  # "kept the border closed" is read by the sanction rules
    actors = _refusal_actors(sentence, verb)
    recipients = [r for k in [*kept, verb] for r in recipients_of(sentence, k, dobj_is_recipient=False)]
    cats, _ = _category_or_default(sentence, [verb, *words], ctx, allow_default=True)
    if not cats and paid:
        cats = ["financial"]
    return _refusals(actors, cats, recipients, verb, 0.75, rule="refusal-kept-halted")
