"""Policy-change rules on rulings, nominal changes and permissions of use."""

from __future__ import annotations

from spacy.tokens import Token

from aidtrack.extract.clauses import Sentence, agent_of, children, prep_objects, subject_of
from aidtrack.extract.modality import is_hedged, is_negated
from aidtrack.extract.parties import actors_of, is_state
from aidtrack.extract.roles import categories_in, modifier_actors
from aidtrack.extract.rules.common import LETTING, ArticleContext, Found, anchored_on
from aidtrack.extract.rules.measures_common import LAWS, _actors
from aidtrack.extract.rules.policies import (
    _first_words,
    _policy_changes,
    _renewed_as_it_was,
    _since,
    on_topic,
)
from aidtrack.extract.rules.support_nouns import _GIVEN, hyphen_giver

_COURTS = frozenset({"court", "judge", "tribunal", "judiciary"})


_HALTING = frozenset(
    {
        "halt",
        "stop",
        "suspend",
        "freeze",
        "ban",
        "block",
        "bar",
        "end",
        "cease",
        "prohibit",
        "forbid",
        "cancel",
        "revoke",
    }
)


_RESUMING = frozenset({"resume", "allow", "permit", "restart", "unblock", "lift"})


_RULING_VERBS = frozenset({"order", "rule", "instruct", "direct", "tell"})


_HALT_NOUNS = frozenset({"halt", "stop", "suspension", "freeze", "ban", "end", "moratorium"})


_RESUME_NOUNS = frozenset({"resumption", "restart"})


@anchored_on("VERB", lemmas=lambda lex: _RULING_VERBS | _HALTING | _RESUMING)
def policy_ruling(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "A Dutch court ordered the government to halt deliveries of F-35 parts to Israel", "a
    judge blocked arms sales": a court changes the state's rules on arming a party."""
    lex = sentence.lexicon
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _RULING_VERBS | _HALTING | _RESUMING:
        return []
    subject = subject_of(verb)
    if subject is None or subject.lemma_.lower() not in _COURTS:
        return []
    if is_negated(verb) or is_hedged(sentence, verb):
        return []
    lemma = verb.lemma_.lower()
    acts = (
        [verb] + [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
        if lemma in ("order", "rule", "instruct", "direct", "tell")
        else [verb]
    )
    halts = [  # "ordered a halt to deliveries of F-35 parts"
        o for o in children(verb, frozenset({"dobj"})) if o.lemma_.lower() in _HALT_NOUNS | _RESUME_NOUNS
    ]
    acts += halts if lemma in _RULING_VERBS else []
    direction = next(
        (
            "tighten" if a.lemma_.lower() in _HALTING | _HALT_NOUNS else "loosen"
            for a in acts
            if a.lemma_.lower() in _HALTING | _RESUMING | _HALT_NOUNS | _RESUME_NOUNS
        ),
        None,
    )
    if direction is None:
        return []
    things = [t for a in acts for c in a.children if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree]
    halted = [o for h in halts for o in prep_objects(h, frozenset({"to", "of", "on"}))]
    halted += prep_objects(verb, frozenset({"to"})) if halts else []  # "to" hung on the verb
    things += [t for o in halted for t in o.subtree]
    words = (
        lex.support_verbs
        | lex.words("support", "nouns")
        | {"export", "sale", "licence", "license", "delivery", "transfer", "part"}
    )
    if (
        not any(t.lemma_.lower() in words for t in things)
        or not categories_in(sentence, things)
        and not any(t.lemma_.lower() in ("export", "sale", "licence", "license") for t in things)
    ):
        return []
    ordered = [c for o in children(verb, frozenset({"dobj"})) for c in actors_of(sentence, o)]
    actors = actors_of(sentence, subject) or ordered or [c for c in [ctx.main_other()] if c]
    anchor = halts[0] if halts else verb  # the halt itself, read by no refusal rule then
    return _policy_changes(sentence, actors[:1], direction, anchor, 0.65, "policy-ruling")


# Letting a recipient use supplied weapons on the aggressor's territory loosens the donor's
# rules (eval/SCHEMA.md): "allowed Kyiv to strike targets inside Russia with its missiles",
# "gave the green light for Ukraine to hit Russian airfields".
_PERMITTING = LETTING | {"clear", "greenlight", "green-light", "okay", "approve"}


_STRIKING = frozenset({"strike", "hit", "attack", "target", "fire", "shoot", "bomb", "launch"})
# verbs that strike with "fire" as their object: "return fire at Russian territory", "open fire on"
_FIRING = frozenset({"return", "open"})


def _striking(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    return (
        lemma in _STRIKING
        or lemma in _FIRING
        and any(c.dep_ == "dobj" and c.lower_ == "fire" for c in verb.children)
    )


_AIMED_AT = frozenset(
    {
        "territory",
        "soil",
        "inside",
        "deep",
        "target",
        "airfield",
        "base",
        "depot",
        "site",
        "region",
        "airspace",
        "border",
        "facility",
        "position",
        "infrastructure",
        "refinery",
    }
)


_NOMINAL_CHANGES = {
    "tighten": frozenset(
        {
            "suspension",
            "halt",
            "freeze",
            "revocation",
            "cancellation",
            "moratorium",
            "pause",
            "ban",
            "prohibition",
            "stop",
        }
    ),
    "loosen": frozenset(
        {
            "lifting",
            "easing",
            "relaxation",
            "resumption",
            "loosening",
            "reopening",
            "end",
            "ending",
            "removal",
            "scrapping",
            "repeal",
            "abolition",
        }
    ),
}


_RULED = {
    "tighten": frozenset({"export", "re-export", "licence", "license", "permit", "sale", "transit"}),
    "loosen": frozenset(
        {"ban", "embargo", "restriction", "export", "re-export", "sale", "moratorium", "control"}
    ),
}


# verbs that keep a rule in force for longer, and the standing rules they keep: no change
_PROLONGING = frozenset({"prolong", "extend", "renew"})
_STANDING_RULES = frozenset({"ban", "embargo", "moratorium", "restriction", "prohibition"})


def _kept_in_force(noun: Token) -> bool:
    """A standing ban, or a conjunct of one, that a verb of prolonging takes as its object and
    does not widen ("prolonged the bloc's arms embargo on Myanmar and its ban on exports"; not
    "extended the ban to cover drones", "will not extend the ban")."""
    top = noun
    while top.dep_ == "conj" and top.head != top:
        top = top.head
    verb = top.head
    return (
        noun.lemma_.lower() in _STANDING_RULES
        and top.dep_ in ("dobj", "nsubjpass")
        and verb.lemma_.lower() in _PROLONGING
        and not is_negated(verb)
        and _renewed_as_it_was(noun)
    )


@anchored_on("NOUN", lemmas=lambda lex: {w for words in _NOMINAL_CHANGES.values() for w in words})
def policy_nominal(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """ "announced an immediate suspension of 30 export licences for Israel", "the lifting of
    the arms embargo": a change of export rules told as a noun."""
    if noun.pos_ != "NOUN" or is_negated(noun):
        return []
    lemma = noun.lemma_.lower()
    direction = next((d for d, words in _NOMINAL_CHANGES.items() if lemma in words), None)
    if direction is None:
        return []
    ruled = [t for o in prep_objects(noun, frozenset({"of", "on", "to"})) for t in core_phrase_of(o)]
    words = {t.lemma_.lower() for t in ruled}
    if not words & _RULED[direction] or not (words & {"export", "re-export"} or on_topic(sentence, True)):
        return []
    ending = _first_words(sentence.lexicon, ("loosen", "neutral")) | {
        "end",
        "drop",
        "scrap",
        "lift",
        "remove",
    }
    if noun.head.lemma_.lower() in ending or _since(noun):
        return []  # "dropped bans on ...", "ended its freeze on ...": the other way
    if _kept_in_force(noun):
        return []  # "prolonged the bloc's arms embargo ... and its ban on exports": no change
    if _restricts_parties(sentence, ruled) or is_hedged(sentence, noun):
        return []
    head = noun.head
    actors = modifier_actors(sentence, noun)
    if not actors:  # "the suspension of arms exports to Riyadh by Germany" ('by' hung on any noun)
        ruled_heads = [o for o in prep_objects(noun, frozenset({"of", "on", "to"}))]
        actors = [
            c
            for t in [noun, *ruled_heads]
            for o in prep_objects(t, frozenset({"by"}))
            for c in actors_of(sentence, o)
        ]
    if not actors and noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB":
        actors = _actors(sentence, head)  # "the government announced a suspension of licences"
    return _policy_changes(sentence, actors, direction, noun, 0.65, "policy-nominal")


def core_phrase_of(token: Token) -> list[Token]:
    """A noun with its modifiers ("30 export licences", "the arms embargo")."""
    return [token, *(c for c in token.children if c.dep_ in ("compound", "amod", "nmod", "nummod"))]


def _restricts_parties(sentence: Sentence, tokens: list[Token]) -> bool:
    parties = sentence.lexicon.words("policy_change", "party_nouns")
    return any(t.lemma_.lower() in parties for t in tokens)


@anchored_on("VERB", lemmas=lambda lex: _PERMITTING | {"give", "grant", "issue"})
def policy_use_permission(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """A donor lets the recipient strike the other side with the weapons it gave."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in _PERMITTING | {"give", "grant", "issue"}:
        return []
    if is_negated(verb) or is_hedged(sentence, verb):
        return []
    idioms = sentence.lexicon.words("policy_change", "permission_idioms")
    granted = lemma in ("give", "grant", "issue") and any(
        words & idioms for o in children(verb, frozenset({"dobj"})) for words in [_idiom_forms(o)]
    )
    if lemma not in _PERMITTING and not granted:
        return []
    scope = [
        t for c in verb.children if c.dep_ not in ("nsubj", "nsubjpass", "aux", "neg") for t in c.subtree
    ]
    strikes = [t for t in scope if t.pos_ == "VERB" and (_striking(t) or _used_against(t))]
    if not strikes:
        return []
    permitted = {
        c
        for t in scope
        if t.dep_ in ("dobj", "nsubj", "pobj") and t.i < strikes[0].i
        for c in actors_of(sentence, t)
    }
    aimed = [
        t
        for s in strikes
        for t in s.subtree
        if t.lemma_.lower() in _AIMED_AT or (sentence.code(t) and sentence.code(t) not in permitted)
    ]
    if not aimed or not (permitted or categories_in(sentence, scope)):
        return []
    if not permitted and all(s.lemma_.lower() in _FIRING for s in strikes):
        return []  # "authorised soldiers to open fire": its own forces' orders, no named party
    return _policy_changes(
        sentence,
        [a for a in _actors(sentence, verb) if a not in permitted],
        "loosen",
        verb,
        0.7,
        "policy-use-permission",
    )


def _idiom_forms(noun: Token) -> set[str]:
    """A noun with each modifier before it, spaced and hyphenated ("green light", "go-ahead"
    split by the tokenizer into "go", "-", "ahead")."""
    forms = {noun.lemma_.lower()}
    for c in noun.children:
        forms |= {f"{c.lemma_.lower()} {noun.lemma_.lower()}", f"{c.lower_}-{noun.lower_}"}
    return forms


_USING = frozenset({"use", "deploy", "employ", "fly", "operate"})


def _used_against(verb: Token) -> bool:
    """ "use Danish F-16s against targets in Russia": using weapons against a place or party
    is striking it."""
    if verb.lemma_.lower() not in _USING:
        return False
    # the "against" may hang on a relative clause of the weapons ("use weapons they supplied
    # against targets in Russia")
    heads = [
        verb,
        *(r for o in children(verb, frozenset({"dobj"})) for r in children(o, frozenset({"relcl"}))),
    ]
    return any(
        c.dep_ == "prep"
        and (c.lower_ in ("against", "inside", "over") or (c.lower_ in ("on", "in") and _lands_on_ground(c)))
        for h in heads
        for c in h.children
    )


# the ground of a state ("use ATACMS on Russian territory", "in Russian airspace")
_GROUNDS = frozenset({"territory", "soil", "airspace"})


def _lands_on_ground(prep: Token) -> bool:
    return any(o.dep_ == "pobj" and o.lemma_.lower() in _GROUNDS for o in prep.children)


# modals that grant leave; "would", "should" and "must" do not
_LEAVE_MODALS = frozenset({"may", "can", "could", "might"})
# "free to use", "the right to strike", "cleared to fire": leave told by a word
_LEAVE_WORDS = frozenset({"free", "right", "clear", "cleared", "entitled"})
# where strikes land: "against targets", "inside Russia", "at bases in Belgorod"
_AT_PLACES = frozenset({"against", "inside", "at", "on", "in", "into", "over"})


@anchored_on("VERB", lemmas=lambda lex: _STRIKING | _FIRING | _USING)
def policy_use_licence(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """Leave to strike the other side with a donor's weapons told without a verb of permitting:
    "Ukraine was free to use the F-16s supplied by the Netherlands against targets on Russian
    territory", "Kyiv had the right to strike targets inside Russia with British-supplied
    weapons", "its weapons could be used inside Russia", "told Kyiv it may now fire Storm Shadow
    missiles at targets inside Russia". The donor loosens its rules."""
    if verb.pos_ != "VERB" or is_negated(verb) or not (_striking(verb) or _using_at(verb)):
        return []
    if not _leave_given(verb):
        return []
    told = verb.head.lemma_.lower() == "tell"  # "London has told Kyiv it may now fire ...": "it" is Kyiv
    user = (
        [c for o in children(verb.head, frozenset({"dobj"})) for c in actors_of(sentence, o)]
        if told
        else actors_of(sentence, subject_of(verb))
        if not _passive_use(verb)
        else []
    )
    places = [t for p in verb.subtree if p.dep_ == "prep" and p.lower_ in _AT_PLACES for t in p.subtree]
    aimed = [
        t
        for t in places
        if t.lemma_.lower() in _AIMED_AT or (sentence.code(t) and sentence.code(t) not in user)
    ]
    if not aimed or not user and verb.lemma_.lower() in _FIRING:
        return []
    weapons = children(verb, frozenset({"dobj", "nsubjpass"})) + prep_objects(verb, frozenset({"with"}))
    donors = [c for w in weapons for c in _givers_of(sentence, w)]
    if not donors and told:
        donors = actors_of(sentence, subject_of(verb.head))
    donors = [
        d for d in dict.fromkeys(donors) if d not in user and d not in {sentence.code(t) for t in aimed}
    ]
    return _policy_changes(sentence, donors, "loosen", verb, 0.6, "policy-use-licence") if donors else []


def _using_at(verb: Token) -> bool:
    """Using weapons against, inside or over a place ("use the jets supplied by X against
    targets on Russian territory", the parser hanging "against" on the weapons)."""
    return verb.lemma_.lower() in _USING and any(
        t.dep_ == "prep" and t.lower_ in ("against", "inside", "over") for t in verb.subtree
    )


def _passive_use(verb: Token) -> bool:
    return verb.lemma_.lower() in _USING and any(c.dep_ == "auxpass" for c in verb.children)


def _leave_given(verb: Token) -> bool:
    """ "may use", "could be used", "free to use", "the right to strike"."""
    if any(c.dep_ == "aux" and c.lower_ in _LEAVE_MODALS for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ in ("xcomp", "acl") and head.lemma_.lower() in _LEAVE_WORDS


def _givers_of(sentence: Sentence, weapon: Token) -> list[str]:
    """Who gave the weapons: "F-16s supplied by the Netherlands", "British-supplied weapons",
    "the Danish-donated F-16s", "its weapons"."""
    found = [
        c
        for a in weapon.children
        if a.dep_ == "acl" and a.lemma_.lower() in _GIVEN
        for g in [agent_of(a)]
        if g is not None
        for c in actors_of(sentence, g)
    ]
    found += [code for m in weapon.children if (code := hyphen_giver(sentence, m))]
    found += [c for p in children(weapon, frozenset({"poss"})) for c in actors_of(sentence, p)]
    found += [  # "the F-16 aircraft it transfers", "the missiles Britain supplied"
        c
        for r in weapon.children
        if r.dep_ == "relcl" and r.lemma_.lower() in sentence.lexicon.support_verbs
        for c in actors_of(sentence, subject_of(r))
    ]
    return found


# A state that lets another pass arms it made or sold on to a third loosens its export rules
# (eval/SCHEMA.md, like a re-export licence): "Germany allowed Poland to send its Leopard tanks
# to Ukraine", "Washington agreed to let European allies transfer F-16 jets to Ukraine",
# "granted permission for Poland to send", "cleared the way for the Netherlands to send F-16s".
_PASSING_ON = frozenset(
    {"send", "transfer", "deliver", "supply", "give", "hand", "ship", "provide", "donate", "pass", "export"}
)
# nouns of leave that a verb gives, grants or clears, and those verbs
_LEAVE_NOUNS = frozenset({"permission", "way", "light", "go", "ahead", "approval", "clearance", "nod"})
_GIVING_LEAVE = frozenset({"give", "grant", "clear", "pave", "issue"})
# what is sent that is no arms passed on: "allowed Russia to send troops"
_FORCES = frozenset({"troop", "soldier", "force", "personnel", "unit"})
# ways through a state, which give no leave to pass arms on: "through Hungarian territory"
_TRANSIT = frozenset({"through", "via", "across", "over", "from"})
# agreements that give leave: "the German-Polish deal allows Poland to send"
_DEALS = frozenset({"deal", "agreement", "accord", "treaty", "pact", "contract", "arrangement"})
# the plain nouns of other states: "let European allies transfer"
_OTHER_STATES = frozenset({"ally", "partner", "country", "state", "government", "member", "buyer"})


@anchored_on("VERB", lemmas=lambda lex: _PASSING_ON)
def policy_transfer_permission(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """The giver of leave to pass arms on loosens its rules; the one let give is read by the
    support rules."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _PASSING_ON:
        return []
    leave = _leave_giver(verb)
    if leave is None or is_negated(leave) or _not_yet(leave) or is_hedged(sentence, leave):
        return []
    senders = children(verb, frozenset({"nsubj"}))
    if not senders:
        return []
    let = [c for s in senders for c in actors_of(sentence, s)]
    if not let and not any(s.lemma_.lower() in _OTHER_STATES for s in senders):
        return []
    things = [t for o in children(verb, frozenset({"dobj"})) for t in o.subtree]
    if "military" not in categories_in(sentence, things) or any(t.lemma_.lower() in _FORCES for t in things):
        return []  # not "allowed Russia to send troops into Ukraine"
    if any(c.dep_ == "prep" and c.lower_ in _TRANSIT for c in verb.children):
        return []  # "allowed Poland to send weapons through Hungarian territory": a transit
    giver = subject_of(leave)
    if giver is None or giver.tag_ in ("WDT", "WP") or giver.lemma_.lower() in LAWS | _COURTS | _DEALS:
        return []  # "the act, which allowed Washington to give Taiwan weapons": a law's leave
    actors = [a for a in actors_of(sentence, giver) if a not in let]
    whither = [o for p in verb.children if p.lower_ in ("to", "into") for o in p.children]
    receivers = [c for o in whither for c in actors_of(sentence, o)]
    if whither and not any(is_state(r) and r not in actors and r not in let for r in receivers):
        return []  # "let North Korea send shells to the front", "send its tanks to Germany for repairs"
    return _policy_changes(sentence, actors, "loosen", leave, 0.7, "policy-transfer-permission")


def _not_yet(verb: Token) -> bool:
    """ "has yet to allow Denmark to send F-16s": not done so far."""
    head = verb.head
    return verb.dep_ == "xcomp" and any(c.lower_ == "yet" for c in head.children)


def _leave_giver(verb: Token) -> Token | None:
    """The verb that gives the leave: "allowed" of "allowed Poland to send", "granted" of
    "granted permission for Poland to send"."""
    head = verb.head
    if verb.dep_ in ("ccomp", "xcomp") and head.pos_ == "VERB" and head.lemma_.lower() in LETTING:
        return head
    if (
        verb.dep_ in ("acl", "relcl")
        and head.lemma_.lower() in _LEAVE_NOUNS
        and head.dep_ == "dobj"
        and head.head.lemma_.lower() in _GIVING_LEAVE
    ):
        return head.head
    return None
