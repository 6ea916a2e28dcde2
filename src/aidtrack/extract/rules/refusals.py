"""Refusal rules: refusing, halting, barring, answering no, ruling out."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from aidtrack.extract.clauses import Sentence, children, is_passive, prep_objects, subject_of, word_forms
from aidtrack.extract.lexicon import OFFICE_TITLES
from aidtrack.extract.modality import is_conditional, is_hedged, is_negated, negated_by_carrier
from aidtrack.extract.parties import actors_of, is_state
from aidtrack.extract.roles import (
    FUELS,
    PAYING_VERBS,
    categories_in,
    core_phrase,
    has_money,
    has_support_noun,
    modifier_actors,
    object_tokens,
    recipients_of,
    without_asides,
)
from aidtrack.extract.rules.common import (
    _BACKING,
    _BARE_REFUSALS,
    _OPERATIONS,
    _POLICIES,
    _REQUESTS,
    _RESTRICTIONS,
    _TRADE_WORDS,
    ArticleContext,
    Found,
    _asked_parts,
    _category_or_default,
    _described_thing,
    _draws_line,
    _first_words_of,
    _particles,
    _refusal_actors,
    _refusal_phrase,
    _refusals,
    _sayers,
    _says_no,
    _unable,
    anchored_on,
    debts_settled,
    gerunds_taken_part_in,
    light_verb_actors,
    stays_out,
)
from aidtrack.extract.rules.measures_common import passes_on

_OPTIONS = frozenset({"possibility", "option", "plan", "intention", "idea", "prospect"})


# of the wealth a sanction freezes, what may also be aid money ("froze the funds for Kyiv")
_AID_MONEY = frozenset({"fund"})


def _rule_of_not_giving(noun: Token) -> bool:
    """ "its doctrine of not sending weapons": a rule against giving."""
    return noun.lemma_.lower() in _POLICIES and any(
        t.dep_ == "neg" or t.lower_ == "never" for t in noun.subtree
    )


def _carried_complements(noun: Token, verbs: frozenset[str]) -> list[Token]:
    """ "put a hold on a shipment of bombs": the parser hangs the noun's "on" phrase on the
    light verb that carries it."""
    head = noun.head
    if noun.dep_ != "dobj" or head.lemma_.lower() not in verbs:
        return []
    return [
        t for p in head.children if p.dep_ == "prep" and p.lower_ in ("on", "to", "of") for t in p.subtree
    ]


def _energy_sold(thing: Token) -> bool:
    """ "gas deliveries", "supplies of oil", "its gas": a fuel sold, as it is named."""
    named = [
        thing,
        *(o for p in children(thing, frozenset({"prep"})) if p.lower_ == "of" for o in p.children),
    ]
    return any(
        t.lemma_.lower() in FUELS
        or any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in FUELS for c in t.children)
        for t in named
    )


@anchored_on(
    "VERB",
    lemmas=lambda lex: (
        lex.words("refusal", "verbs")
        | {p.split()[0] for p in lex.words("refusal", "phrases")}
        | {"say", "answer", "reply", "draw"}
    ),
)
def refusal_verb(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Germany refused to supply weapons", "ruled out military aid", "is pausing aid"."""
    lex = sentence.lexicon
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB":
        return []
    says_no = _says_no(verb) or _draws_line(verb)
    if lemma not in lex.words("refusal", "verbs") and not _refusal_phrase(lex, verb) and not says_no:
        return []
    if (is_negated(verb) and not says_no) or is_hedged(sentence, verb) or is_conditional(verb):
        return []
    if debts_settled(verb):
        return []  # "will cancel 1 billion dollars of Somalia's debt" forgives it: support
    if _standing_rule(subject_of(verb)) and not any(
        actors_of(sentence, o) for o in children(verb, frozenset({"dobj"}))
    ):
        return []  # "Canadian law bars the export of weapons if ...": a rule, not a decision (but
        # "the constitution prevents it from supplying weapons" states an inability)
    objects = object_tokens(verb) + _gerund_complements(verb) + _planned_transfers(lex, verb)
    described = _described_thing(verb)  # "a shipment of bombs that Biden had paused"
    objects += described
    if any(
        c.dep_ in ("dobj", "nsubjpass") and (c.lemma_.lower() in _RESTRICTIONS or _rule_of_not_giving(c))
        for c in verb.children
    ):
        return []  # "ended its ban on arms exports", "scrapped its doctrine of not sending
        # weapons" loosen; see policy_change
    restricting = _RESTRICTIONS | lex.words("refusal", "verbs") | _RESTRICTING
    if any(
        t.lemma_.lower() in restricting
        for o in _particle_objects(verb)
        for t in [o, *(c for c in o.children if c.dep_ == "amod")]  # "of halting arms exports"
    ):
        return []  # "stopped short of an arms embargo", "of suspending arms sales", "shied away
        # from sanctions": a measure not taken, no support withheld
    if lemma in lex.words("sanction", "asset_verbs") and any(
        c.dep_ in ("dobj", "nsubjpass")
        and c.lemma_.lower() in lex.words("sanction", "asset_words") - _AID_MONEY
        for c in verb.children
    ):
        return []  # "froze the assets of eleven companies": a sanction, whatever they supplied
    if any(_energy_sold(c) for c in children(verb, frozenset({"dobj", "nsubjpass"}))):
        return []  # "halted gas deliveries to Poland": a trade cut off, no support withheld
    transfer = any(_gives_word(lex, t) for t in objects if t != verb)
    core = [t for c in children(verb, frozenset({"dobj", "nsubjpass"})) for t in core_phrase(c)] + described
    core += [
        t
        for o in prep_objects(verb, frozenset({"on", "from", "of", "with"} | ({"to"} if says_no else set())))
        for t in core_phrase(o)
    ]
    if says_no:  # "said no to Kyiv's plea" with "to" hung on "no"
        core += [
            t
            for n in verb.children
            if n.lower_ == "no"
            for o in prep_objects(n, frozenset({"to"}))
            for t in core_phrase(o)
        ]
    if any(t.lemma_.lower() in _MOVEMENTS for t in core) and categories_in(sentence, core):
        transfer = True  # "blocked the transit of humanitarian convoys", "halted the flow of arms"
    if _draws_line(verb):  # "drew the line at supplying weapons"
        core += [t for p in verb.children if p.lower_ == "at" for c in p.children for t in c.subtree]
        objects = objects + core
        transfer = any(t.lemma_.lower() in lex.support_verbs for t in core)
    no_to_request = (
        says_no and any(t.lemma_.lower() in _REQUESTS for t in core) and bool(categories_in(sentence, core))
    )  # "said no to a Ukrainian request for jets"
    if says_no and not no_to_request:
        transfer_words = lex.support_verbs | {"re-export", "export", "transfer", "delivery", "supply"}
        aid_named = has_support_noun(sentence, core) and bool(
            categories_in(sentence, core)
        )  # "no to lethal aid"
        if not aid_named and not any(t.lemma_.lower() in transfer_words for t in core):
            return []
    requests = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in _REQUESTS]
    requested = [t for r in requests for t in r.subtree]
    requested += [  # "turned down another Ukrainian request, for its retired jets" (parsed apart)
        t
        for o in prep_objects(verb, frozenset({"for"}))
        if requests and o.i > requests[0].i
        for t in o.subtree
    ]
    requested += [  # "rejected a request from Italy to re-export armoured vehicles" (the
        t  # infinitive hung on the verb)
        for c in children(verb, frozenset({"advcl", "xcomp"}))
        if requests
        and c.i > requests[0].i
        and c.tag_ == "VB"
        and any(a.dep_ == "aux" and a.tag_ == "TO" for a in c.children)
        for t in c.subtree
    ]
    asked = no_to_request or bool(requests) and bool(categories_in(sentence, [verb, *requested]))
    if asked:  # "denied a request from Russia to send troops"
        objects = objects + requested
    if no_to_request:  # "said no to Kyiv's plea for tanks": the plea says what is refused
        objects = objects + [t for t in core if t not in objects]
    possibility = any(c.dep_ == "dobj" and c.lemma_.lower() in _OPTIONS for c in verb.children)
    if lemma == "deny" and not (asked or possibility and transfer):
        return []  # "China denies supplying weapons": a denial of a fact; "denied the
        # possibility of jets being sent" refuses
    withheld = _withholds(lex, verb) and bool(categories_in(sentence, [verb, *core]))
    answered = [] if (transfer or asked or withheld or objects[1:]) else _request_answered(sentence, verb)
    if answered:  # "Kyiv asked for jets, but Washington has refused": the request is refused
        cats = categories_in(sentence, answered)
        actors = [a for a in _refusal_actors(sentence, verb) if a not in _requesters_in(sentence, answered)]
        return _refusals(actors, cats, [], verb, 0.6, rule="refusal-of-request")
    if (
        not (transfer or asked or withheld)
        and (lemma in _BARE_REFUSALS - {"say"} or _refusal_phrase(lex, verb))
        and not children(verb, frozenset({"xcomp", "ccomp"}))
        and all(_refers_to_request(sentence, c) for c in children(verb, frozenset({"dobj", "nsubjpass"})))
    ):  # "The Greek government refused.", "Berlin turned it down" after a request to it
        return _earlier_request_refused(sentence, verb, ctx)
    joining = any(stays_out(c, negated=False) for c in children(verb, frozenset({"xcomp"})))
    if joining and categories_in(sentence, objects):  # "refused to take part in the ammunition purchase"
        transfer = True
    held = bool(described) and bool(categories_in(sentence, described))  # "the bombs Biden paused"
    paid = _payments_to_party(sentence, core, verb)  # "froze its payments to UNRWA"
    if not (transfer or has_support_noun(sentence, core) or asked or withheld or held or paid):
        return []
    if _declines_to_speak(sentence, objects) or _declines_to_say(verb):
        return []
    objects = without_asides(objects, verb)  # not the kind of "following last month's military coup"
    cats, cat_default = _category_or_default(
        sentence, objects, ctx, allow_default=transfer or has_support_noun(sentence, core)
    )
    if not cats and (has_money(objects) or paid):
        cats, cat_default = ["financial"], True
    if withheld and not transfer:
        cats = categories_in(sentence, [verb, *core])
    actors = _refusal_actors(sentence, verb)
    recipients = [r for t in objects for r in recipients_of(sentence, t, dobj_is_recipient=False)]
    recipients = recipients or ([ctx.default_recipient] if ctx.default_recipient else [])
    return _refusals(actors, cats, recipients, verb, 0.85 - 0.15 * cat_default, rule="refusal-verb")


@anchored_on("VERB", lemmas=lambda lex: _BACKING)
def refusal_of_operation(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "will not support attacks likely to worsen the crisis", "refused to back an offensive
    on Rafah", "declined to join the strikes": withholding military backing of an operation."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _BACKING:
        return []
    refused = is_negated(verb) or (
        verb.dep_ == "xcomp"
        and verb.head.lemma_.lower() in _BARE_REFUSALS - {"say"}
        and not is_negated(verb.head)
    )
    if not refused or is_conditional(verb):
        return []
    governor = verb.head if verb.dep_ == "xcomp" and not is_negated(verb) else verb
    if is_hedged(sentence, governor) and not negated_by_carrier(verb):
        return []
    operations = children(verb, frozenset({"dobj"})) + prep_objects(verb, frozenset({"in"}))
    if not any(o.lemma_.lower() in _OPERATIONS for o in operations):
        return []
    actors = _refusal_actors(sentence, verb) if verb.dep_ != "xcomp" else _refusal_actors(sentence, verb.head)
    return _refusals(actors, ["military"], [], verb, 0.6, rule="refusal-operation")


_DISPOSING = frozenset(
    {"decommission", "scrap", "destroy", "dismantle", "bury", "retire", "mothball", "discard", "junk", "sink"}
)


@anchored_on("VERB", lemmas=lambda lex: _DISPOSING)
def refusal_despite_request(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """Disposing of what was asked for: "Australia is decommissioning its helicopters despite
    Ukraine's request to receive them", "scrapped the tanks despite calls to send them to Kyiv"."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _DISPOSING or is_negated(verb):
        return []
    if is_hedged(sentence, verb):
        return []
    despite = [t for o in prep_objects(verb, frozenset({"despite"})) for t in o.subtree]
    if not any(t.lemma_.lower() in _REQUESTS | sentence.lexicon.words("appeal", "nouns") for t in despite):
        return []
    things = [t for c in children(verb, frozenset({"dobj", "nsubjpass"})) for t in core_phrase(c)]
    cats = categories_in(sentence, things)
    actors = _refusal_actors(sentence, verb)
    askers = [c for t in despite for c in [sentence.codes.get(t.i)] if c]
    return _refusals(
        [a for a in actors if a not in askers], cats, askers[:1], verb, 0.65, rule="refusal-despite"
    )


_STANDING_RULES = frozenset(
    {"law", "constitution", "legislation", "statute", "treaty", "act", "code", "doctrine", "regulation"}
)


def _standing_rule(subject: Token | None) -> bool:
    """ "Canadian law bars ...", "the constitution forbids ...": a standing rule is the subject."""
    return subject is not None and subject.lemma_.lower() in _STANDING_RULES


_WITHHOLDING = frozenset({"withhold", "veto", "hold back", "hold off"})


# nouns of support on its way: barring them refuses the support they carry
_MOVEMENTS = frozenset({"transit", "passage", "flow", "convoy", "shipment", "delivery", "transfer", "supply"})


def _withholds(lex: Any, verb: Token) -> bool:
    """Verbs that keep back a thing itself: "withheld its Taurus missiles", "held back tanks"."""
    words = {verb.lemma_.lower()} | {f"{verb.lemma_.lower()} {w}" for w in _particles(verb)}
    return bool(words & _WITHHOLDING)


def _request_answered(sentence: Sentence, verb: Token) -> list[Token]:
    """A refusal with no object of its own after a request in the same sentence ("Kyiv asked
    for jets, but Washington has refused"): the words of that request."""
    if verb.lemma_.lower() not in _BARE_REFUSALS - {"say"} or children(
        verb, frozenset({"dobj", "xcomp", "ccomp"})
    ):
        return []
    asking = sentence.lexicon.words("appeal", "verbs")
    for token in sentence.span:
        if token.i < verb.i and token.pos_ == "VERB" and token.lemma_.lower() in asking and token != verb:
            asked = [t for c in _asked_parts(token) for t in c.subtree]
            if categories_in(sentence, asked):
                return [token, *asked]
    return []


def _refers_to_request(sentence: Sentence, word: Token) -> bool:
    """ "it", "the request", "the plea": words that refer back to a request told before."""
    return word.lower_ in ("it", "them", "this", "that") or (
        word.lemma_.lower() in _REQUESTS | sentence.lexicon.words("appeal", "nouns")
        and not categories_in(sentence, list(word.subtree))
    )


def _earlier_request_refused(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Kyiv asked Athens for its S-300 systems. The Greek government refused.": a bare refusal
    by a party asked in the sentences before refuses what it was asked for."""
    return [
        found
        for actor in _refusal_actors(sentence, verb)
        if actor in ctx.asked_for
        for found in _refusals(
            [actor], [ctx.asked_for[actor]], [], verb, 0.55, rule="refusal-of-earlier-request"
        )
    ]


def _requesters_in(sentence: Sentence, words: list[Token]) -> list[str]:
    return actors_of(sentence, subject_of(words[0])) if words else []


def _planned_transfers(lex: Any, verb: Token) -> list[Token]:
    """ "scrapped a plan to send batteries", "cancelled its offer to deliver jets": the
    transfer planned in the object's own clause."""
    held = children(verb, frozenset({"dobj", "nsubjpass"})) + prep_objects(verb, frozenset({"on", "from"}))
    return [  # "abstained from the decision to fund weapons"
        t
        for o in held  # "held off on a decision to send Taurus missiles"
        for c in o.children
        if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in lex.support_verbs and c.tag_ == "VB"
        for t in c.subtree
    ]


def _gerund_complements(verb: Token) -> list[Token]:
    """ "ruled out sending tanks" (parsed as an adverbial clause): the gerund is the object."""
    return [
        t
        for c in verb.children
        if c.dep_ == "advcl"
        and c.tag_ == "VBG"
        and c.i > verb.i
        and c.doc[c.i - 1].text != ","  # ", limiting its help to generators": a comment, no object
        and not any(g.dep_ in ("mark", "nsubj") for g in c.children)
        for t in c.subtree
    ] + [  # "balked at handing over its jets", the gerund parsed as a noun
        t
        for p in [
            *verb.children,
            *(g for a in verb.children if a.dep_ in ("advmod", "prt") for g in a.children),
        ]
        if p.dep_ == "prep" and p.lower_ in _GERUND_PREPS
        for g in p.children
        if g.dep_ in ("pobj", "pcomp")  # "stopped short | of offering weapons"
        and (g.tag_ == "VBG" or g.lower_.endswith("ing") and g.pos_ in ("NOUN", "VERB"))
        for t in g.subtree
    ]


def _gives_word(lex: Any, token: Token) -> bool:
    """A verb of giving, also as a gerund the tagger took for a noun ("balked at handing over")."""
    giving = lex.support_verbs | _OFFERING
    if token.lemma_.lower() in giving or passes_on(token):
        return True
    return (
        token.lower_.endswith("ing")
        and token.dep_ == "pobj"
        and token.head.lower_ in _GERUND_PREPS
        and not any(c.dep_ in ("det", "poss", "amod") for c in token.children)
        and bool(word_forms(token) & giving)
    )


# an offer is no gift yet, but declining to offer refuses one: "stopped short of offering weapons";
# money held back from release is withheld ("held off on releasing the next tranche")
_OFFERING = frozenset({"offer", "release"})


# verbs of restricting what others may have: "stopped short of banning exports"
_RESTRICTING = frozenset({"ban", "restrict", "embargo", "curb", "limit", "sanction"})


def _particle_objects(verb: Token) -> list[Token]:
    """What a phrasal verb's particle governs: the embargo of "stopped short of an embargo",
    the suspending of "stopped short of suspending arms sales"."""
    return [
        o
        for a in verb.children
        if a.dep_ in ("advmod", "prt") and a.i == verb.i + 1
        for p in a.children
        if p.dep_ == "prep" and p.lower_ in ("of", "from", "at", "on")
        for o in p.children
        if o.dep_ in ("pobj", "pcomp")
    ]


_GERUND_PREPS = frozenset({"at", "from", "on", "of", "against"})


# verbs of telling: declining to tell ("refused to say how many tanks", "would not be drawn on")
# refuses words, not support
_TELLING = frozenset(
    {
        "say",
        "comment",
        "specify",
        "disclose",
        "reveal",
        "elaborate",
        "confirm",
        "detail",
        "speculate",
        "name",
        "identify",
        "explain",
        "discuss",
        "answer",
        "tell",
        "divulge",
        "quantify",
    }
)


def withholds_words(sentence: Sentence, verb: Token) -> bool:
    """ "declined to give a direct answer", "refused to say how many": what is withheld is
    words, not support (read by the scorer's candidates too)."""
    return _declines_to_say(verb) or _declines_to_speak(sentence, object_tokens(verb))


def _declines_to_say(verb: Token) -> bool:
    """ "refused to say how many tanks would be sent", "declined to be drawn on the jets"."""
    return any(
        c.lemma_.lower() in _TELLING or c.lemma_.lower() == "draw" and is_passive(c)
        for c in children(verb, frozenset({"xcomp"}))
    )


def _declines_to_speak(sentence: Sentence, objects: list[Token]) -> bool:
    """ "declined to give a direct answer", "refused to give details of the weapons it sent":
    the object withheld is words, whatever they are about."""
    speech = sentence.lexicon.words("refusal", "speech_objects")
    heads = [t for t in objects if t.dep_ in ("dobj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX")]
    if any(t.lemma_.lower() in speech for t in heads):
        return True
    return any(t.lemma_.lower() in speech for t in objects) and not (
        categories_in(sentence, objects) or has_support_noun(sentence, objects)
    )


@anchored_on(
    "NOUN", lemmas=lambda lex: lex.words("refusal", "no_nouns") | lex.words("refusal", "nouns") | _GIVING_BANS
)
def refusal_noun(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """ "Germany's refusal to supply arms"."""
    lex = sentence.lexicon
    if noun.pos_ != "NOUN":
        return []
    if noun.lemma_.lower() in lex.words("refusal", "no_nouns") and any(
        c.lower_ == "no" for c in noun.children
    ):
        return _no_plans(sentence, noun, ctx)
    if noun.lemma_.lower() not in lex.words("refusal", "nouns") and not _bans_giving(lex, noun):
        return []
    if _noun_hedged(sentence, noun) and noun.head.lemma_.lower() not in ("condemn", "criticize", "criticise"):
        return []
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in _ENDING | _first_words_of(lex):
        return []  # "ended its freeze on arms export approvals" loosens a rule
    tokens = list(noun.subtree) + _carried_complements(noun, lex.words("refusal", "light_verbs"))
    transfer = any(t.lemma_.lower() in lex.support_verbs for t in tokens)
    paid = _payments_halted(sentence, noun)
    if not transfer and not paid and not has_support_noun(sentence, tokens[1:] if tokens else tokens):
        return []
    actors = modifier_actors(sentence, noun) or light_verb_actors(
        sentence, noun, lex.words("refusal", "light_verbs")
    )  # "Japan's freeze on aid", "the US placed a hold on a shipment of bombs"
    if not actors:  # "the halt in American weapons deliveries": the giver of what is halted
        actors = [c for t in _halted_things(noun) for c in modifier_actors(sentence, t) if is_state(c)]
        actors = list(dict.fromkeys(actors))
    cats, cat_default = _category_or_default(
        sentence, _what_is_halted(noun, tokens), ctx, allow_default=transfer
    )
    recipients = [r for t in tokens for r in recipients_of(sentence, t, dobj_is_recipient=True)]
    recipients = [r for r in recipients if r not in actors] or (
        [ctx.default_recipient] if ctx.default_recipient else []
    )
    return _refusals(actors, cats, recipients, noun, 0.75 - 0.15 * cat_default, rule="refusal-noun")


def _what_is_halted(noun: Token, tokens: list[Token]) -> list[Token]:
    """The words that tell what a halt stops, whose kind is the refusal's: not those of a
    clause about the halt ("the pause on disbursements to Sudan, imposed after the military
    coup", "which began in July" halts money, not military aid)."""
    asides = {
        t.i
        for c in noun.children
        if c.i > noun.i and (c.dep_ == "relcl" or c.dep_ == "acl" and c.tag_ == "VBN")
        for t in c.subtree
    }  # not "refusal to supply tanks": what is refused
    return [t for t in tokens if t.i not in asides]


def _halted_things(noun: Token) -> list[Token]:
    """What a halt, pause or suspension stops: "the halt in (of, on) arms deliveries"."""
    return prep_objects(noun, frozenset({"in", "of", "on", "to"}))


# money paid to an agency or fund: its halt refuses support ("a suspension of payments to
# the relief agency"), where a payment alone is no gift
_PAYMENTS = frozenset({"payment", "contribution", "donation", "transfer", "remittance"})


def _payments_to_party(sentence: Sentence, words: list[Token], verb: Token | None = None) -> bool:
    """ "its payments to UNRWA", "contributions to the Ukrainian budget": money paid to a party
    (with ``verb``, only "to", which the parser may hang on the verb: "froze its payments | to
    UNRWA"; "stopped payments for Turkish gas" buys)."""
    preps = frozenset({"to"} if verb is not None else {"to", "for"})
    payments = [t for t in words if t.lemma_.lower() in _PAYMENTS]
    holders = payments + ([verb] if verb is not None and payments else [])
    return any(
        actors_of(sentence, o) or categories_in(sentence, list(o.subtree))
        for h in holders
        for o in prep_objects(h, preps)
    )


def _payments_halted(sentence: Sentence, noun: Token) -> bool:
    """ "Austria's suspension of its payments to the relief agency": payments halted to a party."""
    return _payments_to_party(sentence, _halted_things(noun))


_GIVING_BANS: frozenset[str] = frozenset({"ban", "prohibition", "moratorium", "embargo"})


_ENDING = frozenset({"end", "scrap", "drop", "abandon", "ditch", "remove", "overturn", "lift"})


def _bans_giving(lex: Any, noun: Token) -> bool:
    """ "Seoul's ban on sending lethal weapons": a ban on giving support (not on selling or
    exporting, which is an export rule) refuses it."""
    if noun.lemma_.lower() not in _GIVING_BANS:
        return False
    if noun.head.lemma_.lower() in _first_words_of(lex) | _ENDING:
        return False  # "ended its ban on sending weapons" loosens a rule
    giving = lex.support_verbs - {"sell", "export"}
    return any(
        t.lemma_.lower() in giving and t.pos_ == "VERB"
        for o in noun.children
        if o.lower_ == "on"
        for t in o.subtree
    )


def _noun_hedged(sentence: Sentence, noun: Token) -> bool:
    """A refusal noun that is the subject of its verb is hedged only as that verb is
    ("Poland's veto ... delayed payments" happened; "a veto could delay" did not)."""
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
        return is_hedged(sentence, noun.head)
    return is_hedged(sentence, noun)


def _no_plans(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """ "Seoul has no plans to send lethal weapons to Ukraine"."""
    lex = sentence.lexicon
    verbs = [t for t in noun.subtree if t.pos_ == "VERB" and t.lemma_.lower() in lex.support_verbs]
    if not verbs or is_hedged(sentence, noun.head):
        return []
    objects = object_tokens(verbs[0])
    cats, cat_default = _category_or_default(sentence, objects, ctx, allow_default=True)
    actors = actors_of(sentence, subject_of(noun.head)) if noun.head.pos_ in ("VERB", "AUX") else []
    recipients = recipients_of(sentence, verbs[0], dobj_is_recipient=False)
    recipients = recipients or ([ctx.default_recipient] if ctx.default_recipient else [])
    return _refusals(actors, cats, recipients, noun, 0.75 - 0.15 * cat_default, rule="no-plans")


@anchored_on("VERB", lemmas=lambda lex: _BARRING_LEMMAS | lex.words("policy_change", "permit_verbs"))
def refusal_barring(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "will not allow weapons for Ukraine to cross its territory", "will not authorise exports
    of military equipment", "put the delivery of the bombs on hold": barring support or its
    transit refuses it."""
    lex = sentence.lexicon
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in _BARRING_LEMMAS | lex.words("policy_change", "permit_verbs"):
        return []  # cheap test first: most verbs bar nothing
    refused = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _BARE_REFUSALS - {"say"}
    if (
        is_hedged(sentence, verb)
        and not _unable(verb)
        and not (refused and not is_hedged(sentence, verb.head))
    ):
        return []
    on_hold = lemma == "put" and any(
        o.lower_ in ("hold", "ice") for o in prep_objects(verb, frozenset({"on"}))
    )
    barred = lemma in lex.words("policy_change", "permit_verbs") | {"let"} and (is_negated(verb) or refused)
    # "will not allow", "refuses to let weapons cross its territory"
    staying_out = stays_out(verb)
    if not (on_hold or barred or staying_out):
        return []
    things = [
        t for c in verb.children if c.dep_ in ("dobj", "ccomp", "xcomp", "nsubjpass") for t in c.subtree
    ]
    if staying_out:  # "will not take part in the purchase of shells for Ukraine"
        things = [
            t
            for o in prep_objects(verb, frozenset({"in"}))
            + prep_objects(verb.head if lemma == "part" else verb, frozenset({"in"}))
            + (_joint_efforts(verb) if lemma == "join" else [])  # "any scheme to finance Ukraine's army"
            + gerunds_taken_part_in(verb)  # "would not take part in financing Ukraine"
            for t in o.subtree
        ]
    transfer_words = lex.support_verbs | lex.words("support", "nouns") | {"transit", "cross", "pass"}
    lemmas = _joined_lemmas(things)
    if not (staying_out or lemmas & (transfer_words | {"re-export"})) or lemmas & (
        _TRADE_WORDS - {"re-export"}
    ):
        return []  # "will no longer allow exports of arms to Turkey" changes an export rule;
        # "cannot allow the re-export of its ammunition to Ukraine" refuses that transfer
    cats, _ = _category_or_default(  # "would not allow aid into areas held by the RSF"
        sentence, [verb, *things], ctx, allow_default=has_support_noun(sentence, things)
    )
    if not cats and staying_out and any(t.lemma_.lower() in PAYING_VERBS for t in things):
        cats = ["financial"]  # "would not take part in financing Ukraine": money, of no kind named
    subject = subject_of(verb)
    if not cats or subject is None or not _agentive(sentence, subject):
        return []  # "its neutrality does not permit providing arms": a rule, not a decision
    actors = _refusal_actors(sentence, verb)
    recipients = [r for t in things for r in recipients_of(sentence, t, dobj_is_recipient=False)]
    return _refusals(actors, cats, recipients, verb, 0.7, rule="refusal-barring")


def _joined_lemmas(tokens: list[Token]) -> set[str]:
    """Lemmas with hyphenated words joined again: "re - export" is "re-export", not "export"."""
    out: set[str] = set()
    skip: set[int] = set()
    for tok in tokens:
        doc = tok.doc
        if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and not doc[tok.i + 1].whitespace_:
            out.add(f"{tok.lower_}-{doc[tok.i + 2].lemma_.lower()}")
            skip |= {tok.i + 1, tok.i + 2}
        elif tok.i not in skip:
            out.add(tok.lemma_.lower())
    return out


# joint efforts of giving a party may join ("a scheme to finance", "the purchase of shells")
_JOINT_EFFORTS = frozenset(
    {"scheme", "initiative", "coalition", "effort", "mechanism", "plan", "programme", "program", "purchase"}
)


def _joint_efforts(verb: Token) -> list[Token]:
    """What "join" names as a joint effort of giving, with the purpose the parser may hang on the
    verb: "would not join any scheme to finance Ukraine's army" (not "the fuel measures")."""
    efforts = [o for o in children(verb, frozenset({"dobj"})) if o.lemma_.lower() in _JOINT_EFFORTS]
    return efforts + (children(verb, frozenset({"advcl"})) if efforts else [])


_BARRING_LEMMAS: frozenset[str] = frozenset({"put", "let", "take", "participate", "join", "engage"})


# offices and bodies that can decide (a secretary or an ambassador does not refuse for a state)
_AGENT_NOUNS = (OFFICE_TITLES - {"secretary", "ambassador"}) | {
    "government",
    "ministry",
    "cabinet",
    "parliament",
    "country",
    "administration",
    "official",
    "leader",
    "authority",
    "king",
}


def _agentive(sentence: Sentence, subject: Token) -> bool:
    """A subject that can decide: a named actor, a pronoun or an office, not a law or a doctrine."""
    return (
        subject.i in sentence.codes
        or subject.pos_ in ("PROPN", "PRON")
        or (subject.lemma_.lower() in _AGENT_NOUNS)
    )


@anchored_on("VERB", lemmas=lambda lex: {"say", "reply", "answer", "respond"})
def refusal_answer(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Asked whether Spain would send tanks, the minister said no": the answer refuses what
    the question asked."""
    lex = sentence.lexicon
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in ("say", "reply", "answer", "respond"):
        return []
    if not any(
        c.lower_ == "no" and c.dep_ in ("intj", "dobj", "ccomp", "npadvmod", "advmod") for c in verb.children
    ) or _says_no(verb):
        return []
    question = next((t for t in sentence.span if t.lemma_.lower() == "ask" and t.i < verb.i), None)
    if question is None:
        return []
    asked = [t for t in question.subtree if t.pos_ == "VERB" and t.lemma_.lower() in lex.support_verbs]
    if not asked:
        return []
    objects = object_tokens(asked[0])
    cats, cat_default = _category_or_default(sentence, objects, ctx, allow_default=True)
    actors = actors_of(sentence, subject_of(asked[0])) or _refusal_actors(sentence, verb)
    recipients = recipients_of(sentence, asked[0], dobj_is_recipient=False)
    return _refusals(actors, cats, recipients, verb, 0.75 - 0.15 * cat_default, rule="refusal-answer")


# predicates that exclude what their subject names: "out of the question", "off the table"
_EXCLUDING_PLACES = {"question": "out", "table": "off", "agenda": "off"}


@anchored_on(lemmas=lambda lex: {"be", "remain", "stay"})
def refusal_excluded(sentence: Sentence, copula: Token, ctx: ArticleContext) -> list[Found]:
    """Giving excluded by the one who says so: '"Sending weapons is out of the question," the
    government said', "Deliveries of Taurus are off the table", "There will be no deliveries of
    Taurus to Ukraine, Scholz said", "Sending tanks is not an option"."""
    if copula.lemma_.lower() not in ("be", "remain", "stay") or is_hedged(sentence, copula):
        return []
    things = _excluded_things(copula)
    if not things:
        return []
    lex = sentence.lexicon
    tokens = [t for thing in things for t in thing.subtree]
    transfer = any(t.lemma_.lower() in lex.support_verbs for t in tokens)
    if not transfer and not has_support_noun(sentence, tokens):
        return []
    actors = _sayers(sentence, copula)
    cats, cat_default = _category_or_default(sentence, tokens, ctx, allow_default=True)
    recipients = [r for t in things for r in recipients_of(sentence, t, dobj_is_recipient=True)]
    recipients = [r for r in recipients if r not in actors]
    conf = 0.75 - 0.15 * cat_default
    return _refusals(actors, cats, recipients, copula, conf, rule="refusal-excluded")


def _excluded_things(copula: Token) -> list[Token]:
    """The subject of "X is out of the question / off the table / not an option", or the
    "no deliveries" of "there will be no deliveries"."""
    subjects = children(copula, frozenset({"nsubj", "csubj"}))
    places = [
        o
        for p in copula.children
        if p.dep_ == "prep" and p.lower_ in _EXCLUDING_PLACES.values()
        for o in [*p.children, *(g for c in p.children for g in c.children)]
        if o.dep_ == "pobj" and _EXCLUDING_PLACES.get(o.lemma_.lower()) == p.lower_
    ]
    option = any(c.dep_ == "attr" and c.lemma_.lower() == "option" for c in copula.children)
    if subjects and (places or option and is_negated(copula)):
        return subjects
    if any(c.dep_ == "expl" for c in copula.children):  # "there will be no deliveries of ..."
        return [c for c in copula.children if c.dep_ == "attr" and any(g.lower_ == "no" for g in c.children)]
    return []
