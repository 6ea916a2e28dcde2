"""Support rules on nouns and other framings: "an aid package", "paid for", "guaranteed",
"helped with", "joined the coalition", "stepped up", and a party described as a giver ("Germany
is Israel's second biggest supplier", "Norway is one of Ukraine's major donors"): the annotated
news codes such a description as support given.
"""

from __future__ import annotations

from spacy.tokens import Token

from aidtrack.extract.clauses import (
    Sentence,
    agent_of,
    children,
    governors,
    is_passive,
    prep_objects,
    subject_of,
)
from aidtrack.extract.lexicon import Lexicon
from aidtrack.extract.modality import is_conditional, is_hedged, is_negated
from aidtrack.extract.parties import actors_of, is_state
from aidtrack.extract.roles import (
    BUYING_VERBS,
    COST_NOUNS,
    INSTRUMENTS,
    PAYING_VERBS,
    RECIPIENT_PREPS,
    categories_in,
    core_phrase,
    donors_of_verb,
    has_money,
    has_support_noun,
    helped_by,
    is_designation,
    modifier_actors,
    names_money,
    recipients_of,
    stage_of_verb,
)
from aidtrack.extract.rules.common import (
    _BARE_REFUSALS,
    _GIVING_GROUPS,
    _HELP_NOUNS,
    HALT_NOUNS,
    TRADE_LEMMAS,
    ArticleContext,
    Found,
    _category_or_default,
    _names_a_thing,
    _recipients_or_default,
    _refusal_actors,
    _refusals,
    _supports,
    anchored_on,
    held_back,
    kept_halted,
    light_verb_actors,
    made_later,
    on_hold,
    says_none,
    stays_out,
)
from aidtrack.extract.rules.support import (
    _TRADING_WORDS,
    _WELCOMING,
    TOTALLING,
    _asked_or_refused,
    _denied,
    _welcoming_parties,
    not_let,
    numbered_after_sanctions,
)
from aidtrack.extract.rules.threats import CUTTING

_MONEY_HELP = frozenset({"funding", "financing", "money", "grant", "fund"})


# verbs of coming forward whose "with" phrase names what is given: "stepped in with 500 million
# kroner", "responded with emergency food aid", "chipped in with 20 million dollars", "threw
# its weight behind Ukraine with a package of artillery"
_COMING_FORWARD = frozenset({"step", "respond", "react", "answer", "chip", "pitch", "come", "weigh", "throw"})


@anchored_on("VERB", lemmas=lambda lex: _COMING_FORWARD)
def support_coming_forward(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Norway stepped in with 500 million kroner for Ukraine's gas purchases": a party coming
    forward with aid or money gives it."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _COMING_FORWARD:
        return []
    if verb.lemma_.lower() == "throw" and not any(
        o.lemma_.lower() == "weight" for o in children(verb, frozenset({"dobj"}))
    ):
        return []
    if is_negated(verb) or is_hedged(sentence, verb) or is_conditional(verb):
        return []
    gifts = prep_objects(verb, frozenset({"with"}))
    tokens = [t for g in gifts for t in g.subtree]
    denied = {d.i for t in tokens if _denied(t) for d in t.subtree}  # "with warnings rather than weapons"
    tokens = [t for t in tokens if t.i not in denied]
    if not tokens or not (has_support_noun(sentence, tokens) or has_money(tokens)):
        return []
    donors = actors_of(sentence, subject_of(verb))
    explicit = recipients_of(sentence, verb, dobj_is_recipient=False)
    explicit += [
        r for g in gifts for r in recipients_of(sentence, g, dobj_is_recipient=False) if r not in explicit
    ]
    explicit += [  # "for Moldova's energy bills": whose needs are paid for
        c
        for t in tokens
        if t.dep_ == "pobj" and t.head.lower_ == "for"
        for p in children(t, frozenset({"poss"}))
        for c in actors_of(sentence, p)
        if c not in explicit
    ]
    explicit += [  # "threw its weight behind Ukraine"
        c
        for o in prep_objects(verb, frozenset({"behind"}))
        for c in actors_of(sentence, o)
        if c not in explicit
    ]
    recipients, defaulted = _recipients_or_default([r for r in explicit if r not in donors], ctx, donors)
    cats, cat_default = _category_or_default(sentence, tokens, ctx, allow_default=True)
    if not cats and has_money(tokens):
        cats, cat_default = ["financial"], True
    conf = 0.7 - 0.15 * defaulted - 0.1 * cat_default
    return _supports(
        donors,
        recipients,
        cats,
        verb,
        conf,
        rule="support-coming-forward",
        stage=stage_of_verb(sentence, verb),
    )


@anchored_on("NOUN", lemmas=lambda lex: _HELP_NOUNS)
def support_with_help(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """ "With American help, Ukraine rebuilt its air defence", "Kyiv repaired the grid with
    funding from Germany", "thanks to Dutch money": the helper gives to the clause's subject."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _HELP_NOUNS or noun.dep_ != "pobj":
        return []
    prep = noun.head
    if not (prep.lower_ == "with" or prep.lower_ == "to" and prep.head.lower_ == "thanks"):
        return []
    main = prep.head.head if prep.lower_ == "to" else prep.head
    while main.dep_ in ("prep", "pobj") and main.head != main:
        main = main.head
    if main.pos_ not in ("VERB", "AUX") or is_negated(main) or is_hedged(sentence, main):
        return []
    donors = modifier_actors(sentence, noun)
    if main.lemma_.lower() in sentence.lexicon.support_verbs:
        if noun.lemma_.lower() not in _MONEY_HELP:
            return []  # "sent flour with Egyptian help": the helper helps the giver
        receivers = [  # "delivered flour to Gaza with funding from Germany": the funder gives
            c for c in recipients_of(sentence, main, dobj_is_recipient=False) if c not in donors
        ]
    else:
        receivers = [c for c in actors_of(sentence, subject_of(main)) if c not in donors]
    if not donors or not receivers:
        return []
    tokens = [t for t in main.subtree if t.dep_ not in ("nsubj", "nsubjpass")]
    cats, cat_default = _category_or_default(sentence, [noun, *tokens], ctx, allow_default=False)
    if not cats and noun.lemma_.lower() in ("funding", "financing", "money", "grant", "loan", "fund"):
        cats, cat_default = ["financial"], True
    return _supports(
        donors, receivers, cats, noun, 0.7 - 0.15 * cat_default, rule="support-with-help", stage="delivery"
    )


# verbs by which a state stands behind a lender's loan: the loan is the channel of its support
# (narrower than _GUARANTEEING below, whose "secure" and "cover" also tell a loan obtained)
_UNDERWRITING = frozenset({"guarantee", "underwrite", "cofinance", "co-finance"})


def _backed_by_another(noun: Token) -> bool:
    """A lender's loan another party guarantees ("Finland guaranteed a European Investment Bank
    loan"): the guarantor's support, the named lender's loan its channel."""
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in _UNDERWRITING


# what a gift is spent on: "the contribution does not pay for / go to / cover lethal equipment"
_SPENT_ON = PAYING_VERBS | BUYING_VERBS | {"go", "cover", "include"}


@anchored_on("NOUN", lemmas=lambda lex: lex.words("support", "nouns") | lex.words("support", "act_nouns"))
def support_noun(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """ "Belgium's pledge", "Dutch military aid to Ukraine", "contributions from X"."""
    lex = sentence.lexicon
    lemma = noun.lemma_.lower()
    if (
        noun.pos_ != "NOUN"
        or lemma not in lex.words("support", "nouns")
        and not _acts_on_support(sentence, noun)
    ):
        return []
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "pobj") and head.lemma_.lower() in (
        lex.support_verbs | lex.words("refusal", "verbs") | lex.words("support", "object_verbs")
    ):
        return []
    if any(
        c.dep_ == "amod"
        and c.i < noun.i
        and c.lemma_.lower() in lex.words("refusal", "verbs") | lex.words("refusal", "nouns")
        for c in noun.children
    ):
        return []  # "Britain and Germany pause aid to Rwanda": a headline's verb read as a modifier
    if _named_halt(lex, noun):
        return []  # "as US aid freeze shuts shelters": the aid halted, however the parser read it
    if _backed_by_another(noun):
        return []  # "guaranteed a $500 million World Bank loan": the guarantor gives
    if noun.dep_ == "nsubj" and head.lemma_.lower() in _SPENT_ON and is_negated(head):
        return []  # "the Austrian contribution does not pay for lethal equipment": what it is not
    if lemma in (
        "weapon",
        "arm",
        "ammunition",
        "equipment",
        "supply",
        "support",
        "help",
    ) and not recipients_of(sentence, noun, dobj_is_recipient=False):
        return []
    if (
        _not_yet_given(sentence, noun)
        or _asked_or_refused(sentence, noun)
        or _pledged_to_an_idea(sentence, noun)
        or _under_no(noun)
        or _of_sanctions(sentence, noun)
        or numbered_after_sanctions(sentence, noun, ctx)
        or _held_within(sentence, noun)
        or _framework_of_gift(sentence, noun)
        or _goods_bought(noun)
        or _running_total(noun)
        or on_hold(noun.head)  # "put its aid to Niger on hold": paused, see the refusal rules
        or held_back(noun)  # "US military aid to Egypt is frozen"
        or noun.dep_ == "dobj"
        and kept_halted(noun.head)  # "keep its aid frozen"
    ):
        return []
    donors = modifier_actors(sentence, noun, of=True) or _light_verb_donors(sentence, noun)
    given_to = _compound_receivers(sentence, noun)
    if noun.dep_ == "dobj" and head.lemma_.lower() in lex.words("support", "receive_verbs"):
        # "Armenia received its first-ever EU military aid": "its" is the receiver's
        given_to = [c for c in actors_of(sentence, subject_of(head)) if c in donors]
    if given_to:  # "Washington's latest Taiwan aid": the possessor gives, the compound receives
        donors = [c for c in donors if c not in given_to]
    if any(
        c.dep_ == "amod" and c.lower_ in _UNREAL or c.dep_ == "det" and c.lower_ == "any"
        for c in noun.children
    ):
        return []  # "a potential Israeli shipment of Patriots", "the proposed package", "any South
        # Korean weapons supplies to Ukraine would ...": none given
    told_before = not donors and _refers_back(noun)
    giver = ctx.main_other() if told_before else None
    if giver:
        donors = [giver]  # "The package also includes ...": the article's giver
    if not donors or is_hedged(sentence, noun):
        return []
    explicit = recipients_of(sentence, noun, dobj_is_recipient=False) or given_to
    explicit = explicit or [c for c in helped_by(sentence, noun) if c not in donors]
    explicit = explicit or [c for c in _where_it_goes(sentence, noun) if c not in donors]
    explicit = explicit or [c for c in _light_verb_places(sentence, noun) if c not in donors]
    if not explicit and head.lemma_.lower() in _WELCOMING:
        # "Kyiv welcomed Canada's pledge": who welcomes or receives it is the recipient
        explicit = [c for c in _welcoming_parties(sentence, noun) if c not in donors]
    recipients, defaulted = _recipients_or_default(explicit, ctx)
    # what it holds or comes to: "has totalled $12 billion, including humanitarian and financial aid"
    named = list(noun.subtree) + _contents(noun) + _amounted(noun) + _total_raised(noun)
    cats, cat_default = _category_or_default(sentence, named, ctx, allow_default=True)
    if not cats and has_money(list(noun.subtree) + _amounted(noun)):  # "the Canadian pledge of $500m",
        cats, cat_default = ["financial"], True  # "Norway's contribution ... was 50 million dollars"
    if told_before:  # the kind must be said in this clause ("also includes humanitarian aid")
        cats, cat_default = (
            categories_in(sentence, [t for t in noun.head.subtree if t not in noun.subtree]),
            False,
        )
        if not cats or any(c.dep_ in ("relcl", "acl") and is_hedged(sentence, c) for c in noun.children):
            return []
    conf = 0.8 - 0.15 * defaulted - 0.15 * cat_default - 0.3 * told_before
    if any(c.lower_ == "no" for c in noun.children) or _not_given_again(sentence, noun):
        return _refusals(donors, cats, explicit, noun, conf, rule="no-support")
    return _supports(
        donors, recipients, cats, noun, conf, rule="support-noun", stage=_noun_stage(sentence, noun)
    )


# verbs of going somewhere: "the funding will go to Gaza", "the aid will flow to Sudan"
_GOING = frozenset({"go", "flow", "head"})


def _named_halt(lex: Lexicon, noun: Token) -> bool:
    """ "the US aid freeze", "funding cuts", "aid delays": a support noun right before the noun
    of its halt or lack (however the parser read that noun)."""
    doc = noun.doc
    nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    halts = HALT_NOUNS | lex.words("support", "lacking_heads")
    return nxt is not None and nxt.lower_ in {w for h in halts for w in (h, h + "s")} and nxt.tag_ != "VBD"


def _where_it_goes(sentence: Sentence, noun: Token) -> list[str]:
    """ "The pledges of Norway and Denmark will go to Moldova", "the EU's new funding will go to
    food and shelter in Gaza": where the support goes receives it."""
    if noun.dep_ != "nsubj" or noun.head.lemma_.lower() not in _GOING:
        return []
    return recipients_of(sentence, noun.head, dobj_is_recipient=False)


# verbs that say what money is used for: "will be spent on", "will be used for", "will go to"
_SPENDING = frozenset({"spend", "use"}) | _GOING


@anchored_on("NOUN")
def support_money_spent(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """A party's own sum said to be spent on or go to something: "Britain's 2.26 billion pounds
    will be spent on military equipment for Ukraine", "the Japanese money will go to demining
    in Ukraine". The owner gives; what it is spent on says the kind and the receiver."""
    if noun.pos_ != "NOUN" or not names_money([noun]):
        return []
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.lemma_.lower() not in _SPENDING or verb.pos_ != "VERB":
        return []
    if is_negated(verb) or is_hedged(sentence, verb) or is_conditional(verb) or not_let(verb):
        return []  # "will not let Hungarian money be spent on weapons": the barring rule reads it
    owners = [c for m in noun.children if m.dep_ in ("poss", "amod") for c in actors_of(sentence, m)]
    if not owners:
        return []
    purpose = [t for c in verb.children if c.dep_ in ("prep", "dobj", "xcomp", "advcl") for t in c.subtree]
    cats = categories_in(sentence, purpose)
    explicit = [c for c in recipients_of(sentence, verb, dobj_is_recipient=False) if c not in owners]
    explicit += [c for t in purpose for c in actors_of(sentence, t) if c not in owners and c not in explicit]
    recipients, defaulted = _recipients_or_default(explicit, ctx)
    recipients = [r for r in recipients if r not in owners]
    if not cats or not recipients:
        return []
    conf = 0.75 - 0.15 * defaulted
    if says_none(noun):
        return _refusals(owners, cats, explicit, noun, conf, rule="refusal-none-spent")  # "no Hungarian
        # money will go to weapons for Ukraine"
    return _supports(owners, recipients, cats, noun, conf, rule="support-money-spent", stage="commitment")


# verbs that give support again or more of it: "will not renew its grants"
_AGAIN = frozenset({"renew", "extend", "continue", "resume", "repeat", "make", "prolong", "restore"})


def _not_given_again(sentence: Sentence, noun: Token) -> bool:
    """ "will not renew most of its humanitarian grants", "will not extend the loan": a negated
    verb of giving (again) over the support noun, through "most of" / "part of"."""
    token = noun
    while token.dep_ in ("pobj", "prep") and token.head != token:
        token = token.head
    if token.dep_ not in ("dobj", "nsubjpass"):
        return False
    verb = token.head
    lex = sentence.lexicon
    giving = lex.support_verbs | lex.words("support", "increase_verbs") | _AGAIN
    return verb.lemma_.lower() in giving and is_negated(verb)


def _of_sanctions(sentence: Sentence, noun: Token) -> bool:
    """ "the bloc's sixteenth sanctions package", "a package of restrictive measures": a package
    of sanctions is no support."""
    nouns = sentence.lexicon.words("sanction", "nouns")
    parts = [c for c in noun.children if c.dep_ in ("compound", "nmod")] + prep_objects(
        noun, frozenset({"of"})
    )
    if any(t.lemma_.lower() in nouns or t.lower_ in nouns for t in parts):
        return True
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in _LISTING_ACTS:
        return True  # "The EU's nineteenth package ... listed two Chinese refineries"
    return any(c.dep_ == "amod" and c.lower_ in _PUNITIVE for c in noun.children)


# what a package of sanctions does: "the package listed", "banned", "designated"
_LISTING_ACTS = frozenset({"list", "ban", "designate", "blacklist", "sanction", "target", "prohibit"})


_PUNITIVE = frozenset({"restrictive", "punitive", "retaliatory"})


def _held_within(sentence: Sentence, noun: Token) -> bool:
    """ "froze a 30 million euro tranche of military aid", "suspended part of its funding": the
    noun sits in an "of" phrase of what a refusal verb (or a verb of giving) governs, which the
    verb's own rule reads."""
    token = noun
    while (
        token.dep_ == "pobj"
        and token.head.lower_ == "of"
        and token.head.head.pos_ in ("NOUN", "PRON", "ADJ", "NUM")
    ):
        token = token.head.head
    if token is noun or token.dep_ not in ("dobj", "nsubjpass"):
        return False
    lex = sentence.lexicon
    return token.head.lemma_.lower() in lex.words("refusal", "verbs") | lex.support_verbs


def _goods_bought(noun: Token) -> bool:
    """ "paying for American weapons for Ukraine", "bought US equipment for Kyiv": goods paid
    for or bought are named by their maker, who sells them; the buyer's verb reads the gift."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "for":
        return head.head.lemma_.lower() in PAYING_VERBS | BUYING_VERBS
    return noun.dep_ == "dobj" and head.lemma_.lower() in BUYING_VERBS


def _framework_of_gift(sentence: Sentence, noun: Token) -> bool:
    """ "disbursed another 1 billion euros to Ukraine under the EU's share of the G7's ERA
    loans": the noun names the scheme a verb of giving pays under (its own rule reads the gift),
    not a gift of the scheme's owner."""
    token = noun
    while token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in ("NOUN", "PRON"):
        token = token.head.head
    if token.dep_ != "pobj" or token.head.lower_ != "under":
        return False
    holder = token.head.head
    if holder.pos_ in ("NOUN", "NUM") and holder.dep_ in ("dobj", "nsubjpass"):
        holder = holder.head  # "disbursed 2 billion euros to Ukraine under ...": on the sum
    return holder.lemma_.lower() in sentence.lexicon.support_verbs


def _total_raised(noun: Token) -> list[Token]:
    """The total a new gift adds to, whose kind is the gift's: "Canada's latest tranche brings
    its military aid to Ukraine to more than C$4 billion"."""
    head = noun.head
    if noun.dep_ != "nsubj" or head.lemma_.lower() not in TOTALLING:
        return []
    return [t for o in children(head, frozenset({"dobj"})) for t in o.subtree]


def _running_total(noun: Token) -> bool:
    head = noun.head
    return (
        noun.dep_ == "dobj"
        and head.lemma_.lower() in TOTALLING
        and any(has_money(list(o.subtree)) for o in prep_objects(head, frozenset({"to"})))
    )


def _compound_receivers(sentence: Sentence, noun: Token) -> list[str]:
    """ "Washington's latest Taiwan aid": with a possessor that gives, a name compounded on the
    noun is who receives."""
    owners = [c for p in children(noun, frozenset({"poss"})) for c in actors_of(sentence, p)]
    if not owners:
        return []
    return [
        c
        for p in noun.children
        if p.dep_ in ("compound", "nmod") and p.i < noun.i
        for c in actors_of(sentence, p)
        if c not in owners
    ]


def _under_no(noun: Token) -> bool:
    """ "no further deliveries of arms from Berlin": the arms are not given (the head noun with
    "no" is the refusal)."""
    token = noun
    for _ in range(2):
        if token.dep_ not in ("pobj", "prep") or token.head == token:
            return False
        token = token.head
        if token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
            return True
    return False


def _pledged_to_an_idea(sentence: Sentence, noun: Token) -> bool:
    """ "its commitment to peace and security in Ukraine", "support to the reform agenda": a
    "to" phrase that names neither a party nor a thing given makes the noun a stance."""
    goals = prep_objects(noun, frozenset({"to"}))
    aims = [  # "its commitment to maintaining good relations"
        g
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "to"
        for g in c.children
        if g.dep_ == "pcomp" and g.lemma_.lower() not in sentence.lexicon.support_verbs
    ]
    return bool(goals or aims) and not any(
        actors_of(sentence, g)
        or has_support_noun(sentence, [g])
        or has_money([g])
        or g.lemma_.lower() in INSTRUMENTS  # "contribution to the trust fund for Ukraine"
        for g in goals
    )


# what a package holds, or pays for, says its kind: "the package contains SAMP/T parts", "the
# pledges will pay for food and shelter"
_CONTAINING = frozenset(
    {
        "include",
        "contain",
        "comprise",
        "feature",
        "cover",
        "consist",
        "involve",
        "pay",
        "fund",
        "finance",
        "buy",
    }
)


# what a support noun comes to or is said to be: "the contribution was 50 million dollars",
# "Seoul's contribution remains civilian"
_AMOUNTING = frozenset({"be", "total", "reach", "amount", "stand", "exceed", "top", "come", "remain", "stay"})


def _amounted(noun: Token) -> list[Token]:
    """What a support noun is said to come to: "the contribution was 50 million dollars"."""
    head = noun.head
    if noun.dep_ != "nsubj" or head.lemma_.lower() not in _AMOUNTING:
        return []
    return [
        t for c in head.children if c.dep_ in ("attr", "acomp", "dobj", "prep", "npadvmod") for t in c.subtree
    ]


def _contents(noun: Token) -> list[Token]:
    """What a package is said to hold: "Italy's aid package contains SAMP/T components"."""
    head = noun.head
    if noun.dep_ != "nsubj" or head.lemma_.lower() not in _CONTAINING:
        return []
    return [t for c in head.children if c.dep_ in ("dobj", "prep") for t in c.subtree]


_UNREAL = frozenset(
    {
        "potential",
        "possible",
        "proposed",
        "prospective",
        "hypothetical",
        "rumoured",
        "rumored",
        "mooted",
        "planned",
        "requested",
    }
)


_BACK_NOUNS = frozenset(
    {"package", "tranche", "pledge", "donation", "contribution", "shipment", "delivery", "aid", "assistance"}
)


def _refers_back(noun: Token) -> bool:
    """ "The package includes ...", "the new tranche", "this aid": support told earlier in the
    article, named again without its giver."""
    if (
        noun.lemma_.lower() not in _BACK_NOUNS
        or noun.dep_ != "nsubj"
        or noun.head.lemma_.lower() not in ("include", "contain", "comprise", "consist", "cover", "feature")
    ):
        return False
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children)


def _not_yet_given(sentence: Sentence, noun: Token) -> bool:
    """ "still preparing its next package", "delays in U.S. aid": support not (yet) given; "the
    freeze on US budget assistance", "the US aid freeze", "its Yemen funding is under review":
    support held back or in doubt, which the refusal rules read."""
    lex = sentence.lexicon
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in lex.words("support", "preparing_verbs"):
        return True
    if noun.dep_ == "pobj" and head.head.lemma_.lower() in lex.words("support", "lacking_heads") | _HOLDS:
        return True
    if noun.dep_ == "compound" and head.lemma_.lower() in _HOLDS:
        return True
    top = noun
    while top.dep_ in ("pobj", "prep", "compound", "poss") and top.head != top:
        top = top.head  # "The next tranche of EU aid": the tranche
    if top.dep_ == "nsubjpass" and made_later(top.head):
        return True  # "the EU's next allocation will be announced in March"
    predicate = head if noun.dep_ in ("nsubj", "nsubjpass") else None
    return predicate is not None and any(
        p.dep_ == "prep"
        and p.lower_ in ("under", "at")
        and any(o.lemma_.lower() in _DOUBT for o in p.children)
        for p in predicate.children
    )


# what holds support back: "the freeze on US assistance", "the aid freeze"
_HOLDS = frozenset({"freeze", "suspension", "cut", "halt", "pause", "cancellation", "moratorium", "hold"})
# "under review", "at risk"
_DOUBT = frozenset({"review", "risk", "threat", "question", "discussion"})


def _acts_on_support(sentence: Sentence, noun: Token) -> bool:
    """A noun of an act ("release", "approval") whose "of" object names money or support."""
    if noun.lemma_.lower() not in sentence.lexicon.words("support", "act_nouns"):
        return False
    holders = [noun, *prep_objects(noun, frozenset({"by"}))]  # "the release by X of $80 million"
    acted_on = [t for h in holders for o in prep_objects(h, frozenset({"of"})) for t in o.subtree]
    if any(t.lemma_.lower() in TRADE_LEMMAS for t in acted_on):
        return False  # "Japan's approval of the sale of Patriot missiles": a sale
    return (
        has_money(acted_on) or has_support_noun(sentence, acted_on) or bool(categories_in(sentence, acted_on))
    )


def _light_verb_donors(sentence: Sentence, noun: Token) -> list[str]:
    """ "Jordan carried out airdrops of food": the subject of a light verb gives; so does the
    subject of a verb that reports a handover ("Germany confirmed the delivery of ...")."""
    lex = sentence.lexicon
    verbs = lex.words("support", "light_verbs")
    if noun.lemma_.lower() in lex.words("support", "delivery_words"):
        verbs = verbs | lex.words("support", "delivery_light_verbs")
    if noun.lemma_.lower() in _PAYOUTS:  # "completed the review, unlocking a disbursement of $28 million"
        verbs = verbs | _UNLOCKING
    return light_verb_actors(sentence, noun, verbs)


# a lender's payments, and the verbs by which the lender's own step sets them free
_PAYOUTS = frozenset({"disbursement", "tranche", "payout"})
_UNLOCKING = frozenset({"unlock", "allow", "enable", "trigger", "release", "free"})


def _light_verb_places(sentence: Sentence, noun: Token) -> list[str]:
    """ "carried out three airdrops of food parcels over northern Gaza": where the light verb
    that does the giving takes it (the parser hangs the place on the verb or on the goods)."""
    if noun.dep_ != "dobj" or noun.head.lemma_.lower() not in sentence.lexicon.words(
        "support", "light_verbs"
    ):
        return []
    places = sentence.lexicon.words("support", "place_preps") | RECIPIENT_PREPS
    holders = [noun.head, *(t for t in noun.subtree if t.pos_ == "NOUN")]  # "of food parcels over Gaza"
    return [
        c for h in holders for o in prep_objects(h, places) if o.i > noun.i for c in actors_of(sentence, o)
    ]


def _noun_stage(sentence: Sentence, noun: Token) -> str:
    lemma = noun.lemma_.lower()
    if lemma in sentence.lexicon.words("support", "delivery_words"):
        return "delivery"
    if lemma in sentence.lexicon.words("support", "commitment_words"):
        return "commitment"
    verb = noun.head
    return stage_of_verb(sentence, verb) if verb.pos_ == "VERB" else "commitment"


def _joined_group(verb: Token) -> Token | None:
    """The giving scheme a verb joins: "joined the drone coalition", "took part in the
    initiative", "participates in the fund"."""
    lemma = verb.lemma_.lower()
    if lemma in ("join", "enter"):
        found = children(verb, frozenset({"dobj"}))
    elif lemma in ("participate", "engage") or stays_out(verb, negated=False):
        found = prep_objects(verb, frozenset({"in"}))
    else:
        return None
    return next((g for g in found if g.lemma_.lower() in _GIVING_GROUPS - {"group"}), None)


@anchored_on("VERB", lemmas=lambda lex: {"join", "enter", "participate", "engage", "take"})
def support_joining(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """Joining a scheme that gives: "Canada has joined the drone coalition for Ukraine",
    "Portugal joined the coalition that supplies F-16s to Ukraine", "Paris would join the
    initiative"; refusing to join it ("declined to join the coalition supplying tanks")
    refuses that support."""
    if verb.pos_ != "VERB":
        return []
    group = _joined_group(verb)
    if group is None and _stays_out_of_scheme_told(sentence, verb, ctx):
        # "Hungary, predictably, has said it will not take part": in the scheme told before
        assert ctx.last_instrument_kind is not None
        actors = _refusal_actors(sentence, verb)
        return _refusals(actors, [ctx.last_instrument_kind], [], verb, 0.55, rule="refusal-staying-out")
    if group is None or is_conditional(verb):
        return []
    refused = is_negated(verb) or (
        verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _BARE_REFUSALS - {"say"}
    )
    governor = verb.head if refused and not is_negated(verb) else verb  # "declined to join"
    if is_hedged(sentence, governor) and not is_negated(verb):
        return []
    phrase = list(group.subtree)
    named = [t for t in phrase if t.pos_ != "VERB"]  # not "a scheme to keep fueling the war"
    told_before = all(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in group.children)
    cats, cat_default = _category_or_default(sentence, named, ctx, allow_default=told_before)
    explicit = [r for t in phrase for r in recipients_of(sentence, t, dobj_is_recipient=False)]
    recipients, defaulted = _recipients_or_default(list(dict.fromkeys(explicit)), ctx)
    actors = _refusal_actors(sentence, governor)
    recipients = [r for r in recipients if r not in actors]
    conf = 0.75 - 0.15 * defaulted - 0.15 * cat_default
    if refused:
        return _refusals(actors, cats, recipients, verb, conf - 0.1, rule="refusal-joining")
    return _supports(actors, recipients, cats, verb, conf, rule="support-joining", stage="commitment")


def _stays_out_of_scheme_told(sentence: Sentence, verb: Token, ctx: ArticleContext) -> bool:
    """ "will not take part", "would not participate", "will not join", with nothing after
    them, once the article told an instrument that gives (whose kind it kept)."""
    if ctx.last_instrument_kind is None or not stays_out(verb) or is_conditional(verb):
        return False
    holders = [verb, *(c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "part")]
    told = [c for h in holders for c in h.children if c.dep_ in ("prep", "dobj", "xcomp", "ccomp", "advcl")]
    return not [c for c in told if c.lower_ != "part"]


_GIVEN = frozenset(
    {
        "donate",
        "supply",
        "provide",
        "fund",
        "finance",
        "gift",
        "give",
        "pledge",
        "send",
        "deliver",
        "loan",
        "lend",
    }
)


def hyphen_giver(sentence: Sentence, word: Token) -> str | None:
    """The state written before the hyphen of a giving participle: "Swedish-donated",
    "US-supplied" (not "Swedish-made", which names the maker)."""
    if word.lemma_.lower() not in _GIVEN or word.dep_ not in ("amod", "compound") or word.i < 2:
        return None
    hyphen, prefix = word.doc[word.i - 1], word.doc[word.i - 2]
    return sentence.code(prefix) if hyphen.text in ("-", "\u2011") else None


@anchored_on(lemmas=lambda lex: _GIVEN)
def support_compound(sentence: Sentence, word: Token, ctx: ArticleContext) -> list[Found]:
    """ "Swedish-donated howitzers", "US-supplied missiles", "EU-funded shelters": the donor
    written into a compound adjective (not "Swedish-made", which names the maker)."""
    donor = hyphen_giver(sentence, word)
    if donor is None:
        return []
    thing = word.head
    if is_hedged(sentence, thing):
        return []
    permits = sentence.lexicon.words("policy_change", "permit_verbs") | {"let"}
    if any(g.lemma_.lower() in permits for g in governors(word)):
        return []  # "allowed Ukraine to strike with French-supplied missiles": about the permission
    cats = categories_in(sentence, core_phrase(thing))
    if not cats:
        return []
    holder = thing.head if thing.dep_ in ("dobj", "pobj") else None
    while holder is not None and holder.dep_ in ("prep", "xcomp") and holder.head != holder:
        holder = holder.head
    recipients = (
        actors_of(sentence, subject_of(holder)) if holder is not None and holder.pos_ == "VERB" else []
    )
    recipients = [r for r in recipients if r != donor] or recipients_of(
        sentence, thing, dobj_is_recipient=False
    )
    recipients, defaulted = _recipients_or_default(recipients, ctx)
    return _supports(
        [donor], recipients[:1], cats, word, 0.7 - 0.15 * defaulted, rule="support-compound", stage="delivery"
    )


_PAYING = frozenset(
    {"pay", "cover", "foot", "shoulder", "bear", "meet", "provide", "contribute", "supply", "spend"}
)


@anchored_on("VERB", lemmas=lambda lex: _PAYING)
def support_paying(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """Paying for what another party gets: "the Netherlands will pay for 800,000 shells for
    Ukraine", "Germany is covering the cost of the systems bought for Kyiv", "spent 2 billion
    euros on weapons for Ukraine"; "would not spend a single forint on weapons for Ukraine"
    refuses them."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in _PAYING:
        return []
    refused = is_negated(verb) and lemma in ("pay", "spend")
    if is_negated(verb) and not refused or not refused and is_hedged(sentence, verb):
        return []
    if not_let(verb):
        return []  # "will not let Hungarian money be spent on weapons": the barring rule reads it
    if refused and (is_conditional(verb) or sentence.is_question):
        return []  # "would not pay if ...": a condition, not a refusal
    things = prep_objects(verb, frozenset({"for"})) if lemma == "pay" else []
    told_before = lemma == "pay" and _paid_for_by(
        sentence, verb
    )  # "most of the food was paid for by the UAE"
    if told_before:
        things += [t for c in children(verb, frozenset({"nsubjpass"})) for t in [c, *_of_phrase(c)]]
    if lemma == "spend":  # "spent 2 billion euros on weapons for Kyiv" ("on" on the verb or the sum)
        things += [
            o
            for h in [verb, *children(verb, frozenset({"dobj"}))]
            for o in prep_objects(h, frozenset({"on"}))
        ]
        things += prep_objects(verb, frozenset({"for"})) if things else []
    things += [
        g
        for c in children(verb, frozenset({"dobj"}))
        if c.lemma_.lower() in COST_NOUNS
        for g in prep_objects(c, frozenset({"of", "for"}))  # "the cost of", "the bill for"
    ]
    if not things:
        return _remainder_paid(sentence, verb, ctx)
    phrase = [t for th in things for t in th.subtree]
    cats = categories_in(sentence, phrase)
    recipients = [r for t in phrase for r in recipients_of(sentence, t, dobj_is_recipient=False)]
    recipients += [
        r
        for t in phrase
        if t.dep_ in ("acl", "relcl")  # "the shells bought for Kyiv", "the shells that X bought for Kyiv"
        for r in recipients_of(sentence, t, dobj_is_recipient=False)
    ]
    recipients += [sentence.codes[t.i] for t in things if t.i in sentence.codes]  # "pay for arms for Kyiv"
    donors = donors_of_verb(sentence, verb)
    recipients = [r for r in dict.fromkeys(recipients) if r not in donors]
    inferred = told_before and not recipients  # the thing paid for was told given before: its receiver
    if inferred:
        last = [e["recipient"] for e in ctx.last_of_type.get("support", []) if e.get("recipient")]
        recipients = _recipients_or_default(last[:1], ctx, donors)[0]
    if not cats or not recipients:
        return []
    if refused:
        return _refusals(donors, cats, recipients, verb, 0.7, rule="refusal-paying")
    return _supports(
        donors,
        recipients,
        cats,
        verb,
        0.75 - 0.15 * inferred,
        rule="support-paying",
        stage=stage_of_verb(sentence, verb),
    )


# what a buyer pays for itself: "those sales are paid for by Taiwan"
_BOUGHT = TRADE_LEMMAS | _TRADING_WORDS | {"purchase", "contract", "order"}


def _paid_for_by(sentence: Sentence, verb: Token) -> bool:
    """ "The shells were paid for by Denmark": a passive "pay for", its preposition left alone,
    with the payer named after "by" (not "Poland's own howitzers were paid for by Poland")."""
    stranded = any(c.dep_ == "prep" and c.lower_ == "for" and not list(c.children) for c in verb.children)
    agent = agent_of(verb)
    if not (is_passive(verb) and stranded and agent is not None):
        return False
    bought = any(  # "those sales are paid for by Taiwan itself": a buyer paying its own way
        t.lemma_.lower() in _BOUGHT for c in children(verb, frozenset({"nsubjpass"})) for t in c.subtree
    )
    payers = {c for t in agent.subtree if (c := sentence.code(t))}
    owned = any(  # "Poland's own howitzers", "Lithuania's new radars ... by Lithuania"
        t.lower_ == "own" or t.dep_ == "poss" and sentence.code(t) in payers
        for c in children(verb, frozenset({"nsubjpass"}))
        for t in c.subtree
    )
    return not bought and not owned and not any(t.lower_ in ("itself", "themselves") for t in agent.subtree)


def _of_phrase(noun: Token) -> list[Token]:
    """ "most of the food": what a share is of."""
    return [
        o
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
        if o.dep_ == "pobj"
    ]


# what is left of a sum others pay: "Canada and Japan have covered the remainder"
_REMAINDERS = frozenset({"remainder", "rest", "balance"})


def _remainder_paid(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Washington will provide $20 billion of the loan, while Canada, Japan and Britain are
    covering the remainder": the rest of a gift just told goes where the gift goes, of its kind."""
    if not any(c.lemma_.lower() in _REMAINDERS for c in children(verb, frozenset({"dobj"}))):
        return []
    told = [e.fields for e in ctx.told_in_sentence if e.fields["type"] == "support"]
    told = told or ctx.last_of_type.get("support", [])
    if not told:
        return []
    first = told[0]  # the share told first is of the whole the rest completes
    donors = [d for d in donors_of_verb(sentence, verb) if d not in {e["donor"] for e in told}]
    recipients = [first["recipient"]] if first.get("recipient") else []
    cats = [first["category"]] if first.get("category") else []
    return _supports(
        donors, recipients, cats, verb, 0.7, rule="support-remainder", stage=stage_of_verb(sentence, verb)
    )


_GOVERNMENTS = frozenset({"government", "state", "country", "treasury", "ministry", "cabinet"})


_GUARANTEEING = frozenset({"guarantee", "underwrite", "backstop", "back", "insure", "secure", "cover"})


_BORROWED = frozenset(
    {"loan", "credit", "bond", "borrowing", "debt", "financing", "facility", "tranche", "lending"}
)


# verbs of standing behind another's loans, whose object may be a sum of them (not "secured
# 2 billion dollars of loans from Saudi Arabia", which borrows)
_STANDING_BEHIND = frozenset({"guarantee", "underwrite", "backstop"})
# what a borrower owes, which its adjective names ("Ecuadorian borrowing"; "Chinese loans" may
# be a lender's)
_OWED = frozenset({"borrowing", "debt", "bond"})


def _borrowed(noun: Token) -> bool:
    """A loan, or a noun a loan word qualifies ("World Bank loan guarantees")."""
    return noun.lemma_.lower() in _BORROWED or any(t.lemma_.lower() in _BORROWED for t in noun.lefts)


@anchored_on("VERB", lemmas=lambda lex: _GUARANTEEING)
def support_guarantee(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """Standing behind another's loan: "the World Bank loan to Ukraine is guaranteed by
    Japan", "a credit line to Moldova is backed by a guarantee from France", "Canada
    underwrote the loan to Kyiv": the guarantor gives financial support to the borrower."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _GUARANTEEING or is_negated(verb):
        return []
    if is_hedged(sentence, verb):
        return []
    participle = verb.dep_ == "acl" and verb.tag_ == "VBN"  # "a loan for Ukraine, backed by Japan"
    held = (
        [verb.head]
        if participle
        else children(verb, frozenset({"nsubjpass"} if is_passive(verb) else {"dobj"}))
    )
    sums = held if verb.lemma_.lower() in _STANDING_BEHIND else []
    summed = [  # "guaranteed 500 million dollars of World Bank loans": the sum's loans
        o
        for c in sums
        for p in c.children
        if p.dep_ == "prep" and p.lower_ in ("of", "in")
        for o in p.children
        if o.dep_ == "pobj" and _borrowed(o)
    ]
    loans = [c for c in held if _borrowed(c)]
    if not loans and not summed:
        return []
    donors = _guarantors(sentence, verb)
    explicit = [r for loan in loans for r in recipients_of(sentence, loan, dobj_is_recipient=False)]
    explicit += [  # the sum's loans name their receiver directly: not "loans to German exporters
        c  # selling to Ukraine"
        for loan in summed
        for p in loan.children
        if p.dep_ == "prep" and p.lower_ in ("to", "for")
        for o in p.children
        for c in actors_of(sentence, o)
    ]
    told = any(p.dep_ == "prep" and p.lower_ == "to" for loan in summed for p in loan.children)
    if told and not explicit and not loans:
        return []  # "loans to German exporters": borrowers that are no party
    explicit = explicit or recipients_of(sentence, verb, dobj_is_recipient=False)
    explicit = explicit or [  # "300 million dollars of Ecuadorian borrowing": the borrower's
        c
        for loan in summed
        if loan.lemma_.lower() in _OWED
        for c in modifier_actors(sentence, loan)
        if is_state(c)
    ]
    recipients, defaulted = _recipients_or_default([r for r in explicit if r not in donors], ctx)
    return _supports(
        donors,
        recipients,
        ["financial"],
        verb,
        0.8 - 0.15 * defaulted,
        rule="support-guarantee",
        stage=stage_of_verb(sentence, verb),
    )


def _guarantors(sentence: Sentence, verb: Token) -> list[str]:
    """Who stands behind the loan: the subject, the "by" agent, or the giver of "a guarantee
    from France" that the agent names."""
    if not is_passive(verb) and not (verb.dep_ == "acl" and verb.tag_ == "VBN"):
        return actors_of(sentence, subject_of(verb))
    agent = agent_of(verb)
    if agent is None:
        return []
    if agent.lemma_.lower() in ("guarantee", "pledge", "commitment"):
        return modifier_actors(sentence, agent, of=True)
    if agent.i in sentence.codes or agent.pos_ == "PROPN" or agent.lemma_.lower() in _GOVERNMENTS:
        return actors_of(sentence, agent)
    return []  # "a loan backed by frozen Russian assets": the assets stand behind it, not Russia


_GIVER_NOUNS = frozenset(
    {"supplier", "provider", "donor", "contributor", "backer", "funder", "financier", "sponsor"}
)


_COPULAS = frozenset({"be", "become", "remain", "rank"})


@anchored_on("NOUN", lemmas=lambda lex: _GIVER_NOUNS)
def support_giver_noun(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """A party named as a giver: "Germany became the biggest European supplier of weapons to
    Kyiv", "Japan is Ukraine's largest Asian donor"."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _GIVER_NOUNS:
        return []
    named, copula = _named_giver(noun)
    if named is None or (noun.dep_ != "attr" and noun.lemma_.lower() in _SELLERS):
        return []  # "Britain, the US and France, Saudi Arabia's main arms suppliers": sellers
    if noun.lemma_.lower() in _SELLERS and (_sold_in(sentence) or _goods_of_no_kind(sentence, noun)):
        return []  # "India is Armenia's largest arms supplier, having sold it rocket launchers",
        # "Colombia is Israel's largest supplier of coal": a trade
    if copula is not None and (is_negated(copula) or is_hedged(sentence, copula)):
        return []
    if copula is None and _clause_withholds(sentence, named):
        return []  # "The United States, for years Sudan's largest donor, made no new pledge"
    donors = actors_of(sentence, named)
    receivers = [
        c for o in prep_objects(noun, frozenset({"to", "for", "of"})) for c in actors_of(sentence, o)
    ]
    if copula is not None:
        receivers += [
            c for o in prep_objects(copula, frozenset({"to", "for"})) for c in actors_of(sentence, o)
        ]
    receivers += [  # "supplier of weapons to Kyiv"
        c
        for g in prep_objects(noun, frozenset({"of"}))
        for o in prep_objects(g, frozenset({"to", "for"}))
        for c in actors_of(sentence, o)
    ]
    receivers += [c for p in children(noun, frozenset({"poss"})) for c in actors_of(sentence, p)]
    receivers = [r for r in dict.fromkeys(receivers) if r not in donors]
    tokens = [t for t in noun.subtree if t.dep_ != "poss"]
    cats, cat_default = _category_or_default(sentence, tokens, ctx, allow_default=True)
    if not donors or not receivers:
        return []
    return _supports(
        donors, receivers, cats, noun, 0.7 - 0.15 * cat_default, rule="support-giver", stage=None
    )


_SELLERS = frozenset({"supplier", "provider"})  # also those who sell: aid only when a copula says so
# words that tell a supply as bought and sold (an export may be a gift)
_SALE_WORDS = (TRADE_LEMMAS - {"export"}) | BUYING_VERBS | _TRADING_WORDS | {"contract", "customer"}


def _sold_in(sentence: Sentence) -> bool:
    return any(t.lemma_.lower() in _SALE_WORDS for t in sentence.span)


def _goods_of_no_kind(sentence: Sentence, noun: Token) -> bool:
    """ "supplier of thermal coal": the goods are named and are of no kind of support."""
    goods = prep_objects(noun, frozenset({"of"}))
    return bool(goods) and not categories_in(sentence, [t for g in goods for t in g.subtree])


def _clause_withholds(sentence: Sentence, named: Token) -> bool:
    """A giver noun beside a name, whose clause tells that party not giving now ("Japan,
    Myanmar's largest donor before the coup, has said it will not start new projects",
    "Washington, the largest contributor, has sharply reduced its contribution", "made no new
    pledge"): the noun is the background of a refusal, not a gift."""
    verb = named.head
    if named.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
        return False
    clauses = [
        verb,
        *(c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "conj") and c.pos_ in ("VERB", "AUX")),
    ]
    return any(
        is_negated(c)
        or c.lemma_.lower() in CUTTING | sentence.lexicon.words("refusal", "verbs")  # "sharply reduced"
        or any(o.dep_ == "dobj" and any(d.lower_ == "no" for d in o.children) for o in c.children)
        for c in clauses
    )


def _named_giver(noun: Token) -> tuple[Token | None, Token | None]:
    """Who a giver noun names, and the copula that says so: "Germany became the biggest supplier"
    (the subject), "Estonia, a major donor of aid to Kyiv" (the name it stands beside), "Poland,
    one of Ukraine's biggest suppliers", "Norway has been among the most generous donors"."""
    holder = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "one":
        holder = noun.head.head  # "one of the biggest suppliers"
    elif noun.dep_ == "pobj" and noun.head.lower_ == "among":
        copula = noun.head.head
        return (subject_of(copula), copula) if copula.lemma_.lower() in _COPULAS else (None, None)
    if holder.dep_ == "attr" and holder.head.lemma_.lower() in _COPULAS:
        copula = holder.head
        if copula.dep_ == "relcl" and copula.head.pos_ == "PROPN":
            return copula.head, None  # "The European Union, which had been Niger's largest donor, ..."
        return subject_of(copula), copula
    if holder.dep_ == "appos" and holder.head.pos_ == "PROPN":
        return holder.head, None
    return None, None


_HELPING = frozenset({"help", "assist", "aid", "support", "back"})


@anchored_on("VERB", lemmas=lambda lex: _HELPING)
def support_helping_with(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """Helping a party with something that is support: "Japan will help Ukraine with demining
    equipment", "Australia assisted Ukraine with 120 armoured vehicles"."""
    if (
        verb.pos_ != "VERB"
        or verb.lemma_.lower() not in _HELPING
        or is_negated(verb)
        or is_hedged(sentence, verb)
    ):
        return []
    helped = children(verb, frozenset({"dobj"}))
    withs = [p for h in [verb, *helped] for p in h.children if p.dep_ == "prep" and p.lower_ == "with"]
    things = [
        g for p in withs for g in p.children if g.dep_ in ("pobj", "pcomp")
    ]  # "with demining equipment"
    heads = [*things, *(o for th in things for o in children(th, frozenset({"dobj", "conj"})))]
    if not any(_names_a_thing(sentence, h) or is_designation(h) for h in heads):
        return []  # "helped Ukraine with the grain deal": a deal is no gift
    phrase = [t for th in things for t in th.subtree]
    cats = categories_in(sentence, phrase)
    if not cats and has_support_noun(sentence, phrase) and has_money(phrase):
        cats = ["financial"]
    recipients = [c for h in helped for c in actors_of(sentence, h)]
    donors = [d for d in donors_of_verb(sentence, verb) if d not in recipients]
    if not cats or not recipients:
        return []
    return _supports(
        donors, recipients, cats, verb, 0.75, rule="support-helping", stage=stage_of_verb(sentence, verb)
    )
