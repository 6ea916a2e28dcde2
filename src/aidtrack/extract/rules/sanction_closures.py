"""Sanction rules on closures, listings, exclusions and frozen assets."""

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
from aidtrack.extract.parties import ENVOYS, actors_of, is_state, joined_parties, reporters_of
from aidtrack.extract.roles import COUNT_NOUNS, VEHICLES, modifier_actors
from aidtrack.extract.rules.common import LETTING, ArticleContext, Found, _refusals, anchored_on
from aidtrack.extract.rules.measures_common import (
    _ARMS,
    _CONFERRED,
    _CORE_SANCTIONS,
    _DEALING,
    _MEASURES,
    LAWS,
    LISTING_VERBS,
    _actors,
    _arms_exports,
    _destinations,
    _joining,
    _late_agent,
    _misread_main,
    _misread_object,
    blocks_passing_on,
    ended,
    target_codes,
)
from aidtrack.extract.rules.policies import _BARRING, _policy_changes
from aidtrack.extract.rules.sanctions import (
    _MEMBER_PREPS,
    _WIDENING,
    _aimed_objects,
    _context_maker,
    _measure_maker,
    _members_beside,
    _names_measures,
    _names_measures_made,
    _sanctions,
    _under_makers,
)


def _closing_lemmas(lex: Lexicon) -> frozenset[str]:
    """The verbs :func:`sanction_closing` reads: closing, listing, banning, widening (worked out
    once per lexicon)."""
    kept = _CLOSING_LEMMAS.get(id(lex))
    if kept is None or kept[0] is not lex:
        found = (
            lex.words("sanction", "closing_verbs")
            | LISTING_VERBS
            | {"declare", "ban", "bar", "forbid", "prohibit", "blacklist", "exclude", "block", "add"}
            | _WIDENING
            | {"update"}
        )
        kept = _CLOSING_LEMMAS[id(lex)] = (lex, found)
    return kept[1]


_CLOSING_LEMMAS: dict[int, tuple[Lexicon, frozenset[str]]] = {}


@anchored_on("VERB", lemmas=_closing_lemmas)
def sanction_closing(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "banned imports of Russian oil", "closed its ports to Russian warships", "added 12
    Chinese firms to its entity list": restrictions aimed at another country's parties."""
    lex = sentence.lexicon
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in _closing_lemmas(lex):
        return []  # "turned back a convoy of aid trucks": the refusal rules read it
    if is_negated(verb) or blocks_passing_on(sentence, verb):
        return []  # "barred Poland from re-exporting howitzers to Ukraine" refuses them
    if is_passive(verb) and _misread_main(verb) is None:
        return _closed_by(sentence, verb, ctx)
    objects = (
        children(verb, frozenset({"dobj"}))
        or _misread_object(verb)
        or _kept_closed(verb)
        or _bare_pobjs(sentence, verb)
    )
    if _aid_shut_out(sentence, verb, objects):  # "shut the Rafah crossing to aid trucks": no sanction
        if is_hedged(sentence, verb) or is_conditional(verb):
            return []
        keeper = verb.head if _kept_closed(verb) else verb  # "has kept the crossing closed": its subject
        return _refusals(
            _actors(sentence, keeper), ["humanitarian"], [], verb, 0.6, rule="refusal-aid-shut-out"
        )
    targets: list[str] = []
    banned = _entry_ban(sentence, verb, objects)
    if banned:
        targets = [c for o in banned for c in target_codes(sentence, o) or _marked_with(sentence, o)]
    elif supplied := _supplies_banned(
        verb, objects
    ):  # "prohibited its companies from supplying fuel to Myanmar"
        targets = [c for o in supplied for c in target_codes(sentence, o)]
    elif lemma in lex.words("sanction", "closing_verbs") and (enforced := _enforcing(verb)) is not None:
        # "cut the power it sells to Niger as part of the sanctions": an act that carries sanctions out
        targets = [c for o in _destinations(objects) for c in target_codes(sentence, o)]
        targets = targets or [  # "cut off electricity exports to the country": the state referred to
            c for o in _destinations(objects) if o.lower_ == "country" for c in actors_of(sentence, o)
        ]
        targets = targets or [c for o in _aimed_objects(enforced) for c in target_codes(sentence, o)]
        targets = targets or ([ctx.sanction_target] if ctx.sanction_target else [])
    elif lemma in lex.words("sanction", "closing_verbs"):
        closed = [o for o in objects if o.lemma_.lower() in lex.words("sanction", "closing_objects")]
        if not closed:
            return []
        closed = [o for o in closed if not _arms_exports(sentence, o)]  # an export rule (policy rules)
        if not closed:
            return []
        for obj in closed:
            named = target_codes(sentence, obj) or _marked_with(sentence, obj)
            if obj.lemma_.lower() in ("agreement", "accord"):  # not "its agreement with the IMF"
                named = [c for c in named if is_state(c) and not _defence_ties(obj)]
            targets += named
            if obj.lemma_.lower() in _CONFERRED:  # "suspended trade preferences for Belarus"
                targets += [
                    c for o in prep_objects(obj, frozenset({"for", "to"})) for c in target_codes(sentence, o)
                ]
            if obj.lemma_.lower() in ("trade", "agreement", "accord"):  # "cut all trade with Israel"
                targets += [
                    c
                    for o in prep_objects(obj, frozenset({"with"})) + prep_objects(verb, frozenset({"with"}))
                    for c in target_codes(sentence, o)
                    if obj.lemma_.lower() == "trade" or is_state(c) and not _defence_ties(obj)
                ]
            if obj.lemma_.lower() == "export":  # "banned exports of chips to Russia": the buyer's state
                targets += [c for o in _destinations([obj]) for c in target_codes(sentence, o)]
            targets += [  # "closed the country's airspace to French military aircraft" (the "to"
                c  # hung on the closed thing, not on the verb)
                for o in prep_objects(obj, frozenset({"to"}))
                for c in target_codes(sentence, o) or _marked_with(sentence, o)
            ]
        targets += [
            c
            for o in prep_objects(verb, frozenset({"to", "for", "from"}))
            for c in target_codes(sentence, o) or _marked_with(sentence, o)
        ]
    elif lemma in LISTING_VERBS and _onto_sanctions_list(sentence, verb):
        targets = [c for o in objects for c in target_codes(sentence, o)]
    elif lemma in _WIDENING | {"update"}:  # "extended its sanctions list with 24 Belarusian officials"
        barred = [d for o in objects for d in _barred_destinations(o)]  # "expanded its list of goods
        # that may not be exported to Russia"
        if not barred and not any(_a_sanctions_list(sentence, o) for o in objects):
            return []
        added = [o for h in [verb, *objects] for o in prep_objects(h, frozenset({"with"}))]
        targets = [c for o in added for c in target_codes(sentence, o)]
        targets = targets or [c for d in barred for c in target_codes(sentence, d)]
    elif lemma == "add":
        joined = [o for p in children(verb, frozenset({"prep"})) if _joining(p) for o in p.children]
        joined += [o for o in joined_parties(sentence, verb) if o not in joined]  # "along with"
        lists = [
            o
            for o in _onto(verb)
            if o.lemma_.lower() in lex.words("sanction", "list_nouns")
            and (
                _a_sanctions_list(sentence, o)
                or any(t.lemma_.lower() in _LISTED_FOR for t in o.subtree if t != o)  # "the list of
                # those facing restrictions"
                or _barred_destinations(o)  # "the list of goods that cannot be exported to Russia"
                or ctx.sanction_actor is not None  # "Britain announced sanctions. Six banks were
                # added to the list"
            )
        ]
        if not lists:
            return []
        targets = [c for o in objects + joined for c in target_codes(sentence, o)]  # "together with"
        targets = targets or _members_beside(sentence, verb, named=False)  # "added 93 entities | from
        # Russia, China and Turkey to its Entity List"
        targets = targets or [c for o in lists for c in _list_aims(sentence, o)]  # "to its list of
        # sanctions against Russia", "... goods that cannot be exported to Russia and Belarus"
    else:
        return []
    if is_hedged(sentence, verb) or is_conditional(verb):
        return []
    actors = (lemma in LISTING_VERBS | {"add"} and _list_owners(sentence, verb, objects)) or _actors(
        sentence, verb
    )
    owners = _owners_of_closed(sentence, objects)
    if owners and not set(owners) & set(
        _shut_out(sentence, verb, objects)
    ):  # "closing the bloc's ports to 27 more vessels":
        # a party closes what is its own
        actors = [a for a in actors if a in owners] or owners
    if not actors and verb.dep_ == "relcl" and _names_measures_made(sentence, verb.head, packages=False):
        actors = _measure_maker(sentence, verb.head)  # "The restrictions, which bar ..., were announced by"
    if not actors and is_passive(verb) and agent_of(verb) is None:
        actors = _context_maker(sentence, verb, ctx)
    targets = [t for t in dict.fromkeys(targets) if t not in actors]
    if actors and not targets and (lemma == "add" or lemma in LISTING_VERBS):
        # "added 42 companies to its entity list": where they are may follow
        ctx.pending_sanction = tuple(actors)
    found = _sanctions(actors, targets, verb, ctx)
    if found and any(_all_trade(o) for o in objects):  # "halting all trade with Israel": an embargo,
        found += _policy_changes(sentence, actors, "tighten", verb, 0.7, "policy-trade-halt")  # also a rule
    return found


# what a state closes that is its own: "closed its airspace", "the bloc's ports"
_OWN_GROUNDS = frozenset({"port", "airspace", "border", "water", "territory", "harbour", "harbor", "airport"})


def _shut_out(sentence: Sentence, verb: Token, objects: list[Token]) -> list[str]:
    """Whom a closure shuts out ("closed the country's airspace to French aircraft"): never the
    owner of what is closed."""
    return [
        c
        for h in [verb, *objects]
        for o in prep_objects(h, frozenset({"to"}))
        for c in target_codes(sentence, o)
    ]


def _owners_of_closed(sentence: Sentence, objects: list[Token]) -> list[str]:
    """The named owner of the ports, airspace or border closed ("the bloc's ports")."""
    return [
        c
        for o in objects
        if o.lemma_.lower() in _OWN_GROUNDS
        for p in o.children
        if p.dep_ == "poss" and p.pos_ != "PRON"
        for c in actors_of(sentence, p)
    ]


def _kept_closed(verb: Token) -> list[Token]:
    """ "would keep the Adre crossing closed to UN convoys": what a verb of keeping holds shut."""
    if verb.dep_ not in ("oprd", "xcomp", "ccomp") or verb.head.lemma_.lower() not in (
        "keep",
        "leave",
        "hold",
    ):
        return []
    return children(verb.head, frozenset({"dobj"}))


# the phrases by which an act carries sanctions out: "as part of", "in line with", "under"
_ENFORCING = frozenset({"part", "line", "keeping", "under", "enforce", "implement"})


def _enforcing(verb: Token) -> Token | None:
    """The sanctions noun an act is done as part of or in line with ("cut power exports in line
    with sanctions imposed by the bloc", "halted flights as part of the sanctions"), wherever the
    parser hung the phrase under the verb."""
    for prep in (t for t in verb.subtree if t.dep_ in ("prep", "advcl", "xcomp") and t != verb):
        heads = [prep, *(o for o in prep.children if o.dep_ == "pobj")]  # the parser may hang it lower
        if not any(h.lower_ in _ENFORCING or h.lemma_.lower() in _ENFORCING for h in heads):
            continue
        for token in prep.subtree:
            if token.lemma_.lower() in _CORE_SANCTIONS and token.pos_ == "NOUN":
                return token
    return None


# the words of relief and of those who carry it ("aid trucks", "UNRWA's convoys")
_RELIEF = frozenset({"aid", "relief", "humanitarian"})


def _aid_shut_out(sentence: Sentence, verb: Token, objects: list[Token]) -> bool:
    """ "closed the Kerem Shalom crossing to aid trucks", "halted the entry of aid trucks into
    Gaza", "barred the agency's convoys from the north": relief kept out is support refused,
    not a sanction on the place it was bound for."""
    shut = objects + prep_objects(verb, frozenset({"to", "for"}))
    shut += [o for x in objects for o in prep_objects(x, frozenset({"of", "to", "for"}))]
    asides = [a for x in objects for a in x.children if a.dep_ == "appos"]  # "the crossing, the entry
    asides += children(verb, frozenset({"npadvmod"}))  # point for aid trucks" (however it is hung)
    shut += [o for a in asides for o in prep_objects(a, frozenset({"for", "of"}))]
    return any(
        thing.lemma_.lower() in _RELIEF_CARRIERS
        and (
            bool({t.lemma_.lower() for t in thing.subtree} & _RELIEF)
            or any(sentence.codes.get(c.i) in ("UN", "ICRC") for c in thing.children)  # "UNRWA's trucks"
        )
        for thing in shut
    )


def _kept_under_a_law(noun: Token) -> bool:
    """ "its list under the Special Economic Measures Act": a list a sanctions law keeps."""
    return any(o.lemma_.lower() in LAWS for o in prep_objects(noun, frozenset({"under"})))


def _a_sanctions_list(sentence: Sentence, noun: Token) -> bool:
    """ "its national sanctions list", "the entity list", "its blacklist", "its list under the
    Special Economic Measures Act"."""
    lemma = noun.lemma_.lower()
    return (
        lemma == "blacklist"
        or lemma in sentence.lexicon.words("sanction", "list_nouns")
        and (
            any(
                c.lemma_.lower() in ("entity", "sanction", "black", "blacklist", "sanctions")
                for c in noun.children
            )
            or _kept_under_a_law(noun)
        )
    )


def _all_trade(obj: Token) -> bool:
    """ "all trade", "all exports and imports": a country's whole trade with another, closed."""
    return obj.lemma_.lower() in ("trade", "export", "import") and any(
        c.dep_ == "det" and c.lower_ in ("all", "any") for c in obj.children
    )


def _onto(verb: Token) -> list[Token]:
    """What "added ... to" names anywhere in the clause, however the parser hung the "to" (on the
    verb, on the parties, or beside a "together with")."""
    return [
        o
        for t in verb.subtree
        if t.lower_ == "to" and t.dep_ in ("prep", "dative", "conj")
        for o in children(t, frozenset({"pobj"}))
    ]


# what a state lets its goods go abroad by: a list of goods barred from these is an export control
_EXPORTING = frozenset({"export", "ship", "sell", "supply", "deliver", "transfer", "send"})
_SHIPMENTS = frozenset({"export", "delivery", "shipment", "sale", "supply", "transfer"})
_CONTROLS = (_MEASURES - {"limit", "measure"}) | {"prohibition"}  # "export controls", "bans"
_LETTING = LETTING | {"exempt"}


def _barred_destinations(lst: Token) -> list[Token]:
    """Where a list's goods may not go: "the list of goods that cannot be exported to Russia and
    Belarus", "the list of goods barred from export to Russia", "the list of export controls on
    deliveries to Russia"; nothing for other lists."""
    words = list(lst.subtree)
    barred = any(t.pos_ == "VERB" and t.lemma_.lower() in _EXPORTING and is_negated(t) for t in words) or any(
        _barred_from_export(t) for t in words
    )
    controlled = any(t.lemma_.lower() in _CONTROLS for t in words) and any(
        t.lemma_.lower() in _SHIPMENTS for t in words
    )
    if not (barred or controlled):
        return []
    inside = {t.i for t in words}
    return [  # not where "the list ..., which now allows deliveries to Ukraine" lets goods go
        d
        for d in _destinations([lst])
        if not any(a.i in inside and a.lemma_.lower() in _LETTING and not is_negated(a) for a in d.ancestors)
    ]


def _barred_from_export(word: Token) -> bool:
    """ "barred from export", "banned from being shipped": goods a barring verb keeps from going."""
    return word.lemma_.lower() in _BARRING and any(
        o.lemma_.lower() in _EXPORTING | _SHIPMENTS
        for p in word.children
        if p.dep_ == "prep" and p.lower_ == "from"
        for o in p.subtree
    )


def _list_aims(sentence: Sentence, lst: Token) -> list[str]:
    """Whom a list of measures is aimed at, told on the list itself: the goods' barred destinations,
    "its list of sanctions against Russia", and the members "including three Chinese companies"."""
    aims = _barred_destinations(lst)
    aims += [
        o
        for t in lst.subtree
        if t.dep_ == "prep" and t.lower_ == "against" and t.head.lemma_.lower() in _LISTED_FOR
        for o in children(t, frozenset({"pobj"}))
    ]
    aims += prep_objects(lst, _MEMBER_PREPS)
    return [c for o in aims for c in target_codes(sentence, o)]


# sanctioning told as a noun: "Norway's blacklisting of two Israeli banks"
_LISTING_NOUNS = frozenset({"blacklisting", "sanctioning", "designation", "listing", "delisting"})


@anchored_on("NOUN", lemmas=lambda lex: _LISTING_NOUNS - {"delisting"})
def sanction_listing_noun(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """ "Norway's blacklisting of two Israeli banks", "the designation of three Iranian firms by
    Washington": the maker the possessor or the 'by' party, the target the listed parties'
    country."""
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or lemma not in _LISTING_NOUNS - {"delisting"} or ended(noun):
        return []
    if any(g.lemma_.lower() in _SEEKING for g in [noun.head, *governors(noun)][:3]):
        return []  # "calls for the blacklisting of": not done
    if any(c.lemma_.lower() in _UNDONE for c in noun.children):
        return []
    listed = prep_objects(noun, frozenset({"of"}))
    parties = sentence.lexicon.words("policy_change", "party_nouns") | sentence.lexicon.words(
        "sanction", "entry_objects"
    )
    listed = [o for o in listed if o.lemma_.lower() in parties]
    targets = [c for o in listed for c in target_codes(sentence, o)]
    if (
        lemma in ("designation", "listing")
        and not any(c.lemma_.lower() in ("sanction", "terrorist", "terror", "entity") for c in noun.subtree)
        and ctx.sanction_actor is None
        and not _lists_foreign_parties(noun, listed, targets)
    ):
        return []  # "the designation of a new envoy", "the listing of Chinese firms in Hong Kong"
    verb = _list_maker_verb(noun)
    if verb is not None and (is_negated(verb) or is_hedged(sentence, verb) or is_conditional(verb)):
        return []  # "has not announced listings of ...", "may publish designations of ..."
    inside = {t.i for o in listed for t in o.subtree}
    by = [  # "under the sanctions regime by Canada": the 'by' may hang on a later noun
        o
        for t in noun.subtree
        if t.lower_ == "by" and t.dep_ in ("prep", "agent") and t.i not in inside
        for o in t.children
        if o.dep_ == "pobj"
    ]
    own = [c for o in children(noun, frozenset({"poss", "compound"})) + by for c in actors_of(sentence, o)]
    makers = own
    if verb is not None:  # "Washington and London announced listings of", "Norway adopted the EU's listings"
        makers = [c for c in _actors(sentence, verb) if c not in own] + own
    return _sanctions(makers, [t for t in dict.fromkeys(targets) if t not in own], noun, ctx)


# verbs whose subject makes or takes up the listings in their object ("announced listings of";
# not "approved", which consents to another's list, or a market's)
_MAKING_LISTS = frozenset(
    {"announce", "adopt", "publish", "issue", "unveil", "release", "make", "mirror", "match", "copy", "join"}
)
# the words of a listing on a market, not on a sanctions list ("the listing of Chinese firms in
# New York", "a stock market listing of Russian companies", "secondary listings")
_MARKETS = frozenset(
    {
        "exchange",
        "stock",
        "share",
        "market",
        "bourse",
        "nasdaq",
        "ipo",
        "index",
        "heritage",
        "secondary",
        "dual",
    }
)
# those who publish lists of parties that bind nobody: the press, experts, courts' prosecutors,
# market regulators ("The Washington Post published listings of Russian oligarchs")
_LIST_READERS = frozenset(
    {
        "newspaper",
        "post",
        "times",
        "journal",
        "media",
        "outlet",
        "panel",
        "expert",
        "report",
        "prosecutor",
        "investigator",
        "regulator",
        "securities",
        "watchdog",
    }
)


def _list_maker_verb(noun: Token) -> Token | None:
    """The verb whose object (or passive subject) the listing noun is, when its subject (or its
    'by' party) makes or takes up the list; not when that is the press, experts or a market."""
    verb = noun.head
    if (
        noun.dep_ not in ("dobj", "nsubjpass")
        or verb.pos_ != "VERB"
        or verb.lemma_.lower() not in _MAKING_LISTS
    ):
        return None
    maker = agent_of(verb) if noun.dep_ == "nsubjpass" else subject_of(verb)
    if maker is not None and any(t.lemma_.lower() in _MARKETS | _LIST_READERS for t in maker.subtree):
        return None
    return verb


def _lists_foreign_parties(noun: Token, listed: list[Token], targets: list[str]) -> bool:
    """A listing or designation that names parties of a state with no word of sanctions ("parallel
    listings of Belarusian state enterprises"): not of envoys, a role given ("the designation of
    two Chinese firms as gatekeepers", "of a Dutch general"), a market's list, nor parties said to
    be anything but barred ("listings of Ukrainian enterprises eligible for grants")."""
    if not targets or any(o.lemma_.lower() in ENVOYS for o in listed):
        return False
    if any(t.lemma_.lower() in _MARKETS for t in noun.subtree):
        return False
    if any(p.lower_ == "as" for o in [noun, noun.head, *listed] for p in children(o, frozenset({"prep"}))):
        return False  # the parser may hang "as" on the verb
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") for o in listed for c in o.children):
        return False
    return not any(
        a.lemma_.lower() not in _BARRING_WORDS
        for o in [noun, *listed]
        for a in o.children
        if a.dep_ in ("acl", "relcl") or a.dep_ == "amod" and a.i > o.i
    )


# what a list of barred parties says of them ("firms accused of supplying Russia", "officials
# involved in the deportations", "companies banned from ..."); any other clause lists for
# another end ("allowed to export grain", "eligible for grants", "wanted for")
_BARRING_WORDS = frozenset(
    {
        "ban",
        "bar",
        "sanction",
        "freeze",
        "blacklist",
        "target",
        "punish",
        "prohibit",
        "forbid",
        "accuse",
        "involve",
        "link",
        "tie",
        "connect",
        "base",
        "help",
        "supply",
    }
)


_CLOSURES = frozenset({"closure", "closing", "shutdown", "shutting", "sealing"})


_UNDONE = frozenset({"possible", "proposed", "planned", "potential", "threatened", "partial", "temporary"})


_SEEKING = frozenset(
    {
        "call",
        "demand",
        "propose",
        "proposal",
        "consider",
        "urge",
        "discuss",
        "plan",
        "threaten",
        "warn",
        "seek",
        "push",
        "ask",
        "request",
        "debate",
        "mull",
        "weigh",
        "reopen",
        "end",
        "lift",
        "reverse",
    }
)


@anchored_on("NOUN", lemmas=lambda lex: _CLOSURES)
def sanction_closure(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """ "Poland's closure of its border to Belarusian lorries", "the closing of Latvian ports to
    ships flying the Russian flag by Riga": a closing told as a noun, its maker the possessor
    or the 'by' party, its target whom the place is closed to."""
    lex = sentence.lexicon
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _CLOSURES:
        return []
    places = [
        o
        for o in prep_objects(noun, frozenset({"of"}))
        if o.lemma_.lower() in lex.words("sanction", "closing_objects")
    ]
    if not places or any(c.lemma_.lower() in _UNDONE for c in noun.children):
        return []
    if any(g.lemma_.lower() in _SEEKING for g in [noun.head, *governors(noun)][:3]) or is_hedged(
        sentence, noun
    ):
        return []  # "called for the closure of ports", "lifted the closure": none in force
    closed_to = prep_objects(noun, frozenset({"to", "for"})) + [
        o for p in places for o in prep_objects(p, frozenset({"to", "for"}))
    ]
    targets = [c for o in closed_to for c in target_codes(sentence, o) or _marked_with(sentence, o)]
    makers = [
        c
        for o in children(noun, frozenset({"poss"})) + prep_objects(noun, frozenset({"by"}))
        for c in actors_of(sentence, o)
    ]
    makers = makers or [c for p in places for c in modifier_actors(sentence, p)]  # "of Latvian ports"
    return _sanctions(makers, [t for t in dict.fromkeys(targets) if t not in makers], noun, ctx)


_LISTED_FOR = frozenset({"sanction", "restriction", "control", "ban", "embargo", "freeze"})


def _onto_sanctions_list(sentence: Sentence, verb: Token) -> bool:
    """ "put twelve Chinese firms on its entity list", "listed three Iranian commanders under its
    sanctions regime": parties placed on a list or under a regime of sanctions."""
    # "included three Indian companies in the sanctions package"
    lists = sentence.lexicon.words("sanction", "list_nouns") | {"regime", "package", "round"}
    objects = children(verb, frozenset({"dobj"}))
    holders = [verb, *objects, *(c for o in objects for c in children(o, frozenset({"conj"})))]
    places = [  # the parser may hang "on its list" on the parties ("15 officials and one entity on")
        o for h in holders for o in prep_objects(h, frozenset({"on", "onto", "under", "in"}))
    ]
    return any(
        o.lemma_.lower() in lists
        and any(c.lemma_.lower() in ("entity", "sanction", "black", "blacklist") for c in o.children)
        or o.lemma_.lower() == "blacklist"
        for o in places
    )


def _list_owners(sentence: Sentence, verb: Token, objects: list[Token]) -> list[str]:
    """ "added dozens of Russian citizens to Poland's national sanctions list", "were placed on
    Beijing's unreliable entity list": the state named as the list's owner lists the parties,
    whoever the subject is (a ministry the context may place elsewhere)."""
    nouns = sentence.lexicon.words("sanction", "list_nouns")
    lists = [
        o
        for h in [verb, *objects]
        for o in prep_objects(h, frozenset({"to", "on", "onto"}))
        if o.lemma_.lower() in nouns
    ]
    return [
        c
        for o in lists
        for p in children(o, frozenset({"poss"}))
        if p.pos_ != "PRON" or p.lower_ == "our"  # "our national sanctions list": the speaker's
        for c in actors_of(sentence, p)
    ]


def _closed_by(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Russian diamonds were banned by the G7", "Belarusian trucks were barred by Lithuania":
    another country's goods or carriers shut out, said in the passive with its maker; parties
    "added to the list", whose maker may be told before."""
    agent = agent_of(verb) or _late_agent(sentence, verb)
    lists = [
        o
        for o in prep_objects(verb, frozenset({"to"}))
        if o.lemma_.lower() in sentence.lexicon.words("sanction", "list_nouns")
    ]
    listed = verb.lemma_.lower() == "add" and bool(lists)  # "Six Russian banks were added to the list"
    placers = _list_owners(sentence, verb, []) if verb.lemma_.lower() in LISTING_VERBS else []  # "were
    # placed on Beijing's unreliable entity list"
    if verb.lemma_.lower() not in ("ban", "bar", "block", "blacklist") and not (listed or placers):
        return []
    under = _under_makers(sentence, verb) if agent is None else []
    things = children(verb, frozenset({"nsubjpass"}))
    if is_hedged(sentence, verb):
        return []
    if agent is None and not listed and not placers and not under:  # "were barred from entering Israel"
        return _kept_out(sentence, verb, things, ctx)
    goods = [
        t
        for t in things
        if any(c.dep_ in ("amod", "compound", "poss") and c.i in sentence.codes for c in t.children)
        or t.lemma_.lower() in ("import", "export", "purchase")
        and not _arms_exports(sentence, t)
    ]  # "Russian ships were barred", "Imports of Russian oil were banned by New Zealand"
    owners = [  # "the US Treasury's list" (whom "its list" means, the context tells)
        c
        for o in lists
        if not any(m.pos_ == "PRON" for m in o.children)
        for c in modifier_actors(sentence, o)
    ]
    if agent is not None:
        actors = actors_of(sentence, agent)
    else:
        actors = under or (owners if listed else placers) or _context_maker(sentence, verb, ctx)
    targets = [c for t in goods for c in target_codes(sentence, t) if c not in actors]
    if listed and not targets:  # "were added to the list of export controls on deliveries to Russia"
        targets = [c for o in lists for c in _list_aims(sentence, o) if c not in actors]
    return _sanctions(actors, list(dict.fromkeys(targets)), verb, ctx)


def _kept_out(sentence: Sentence, verb: Token, people: list[Token], ctx: ArticleContext) -> list[Found]:
    """ "two Spanish ministers would be barred from entering Israel": the state entered bars
    the people's state ("the country" is the state that tells it)."""
    entered = [
        o
        for p in children(verb, frozenset({"prep"}))
        if p.lower_ == "from"
        for c in p.children
        if c.dep_ == "pcomp" and c.lemma_.lower() == "enter"
        for o in children(c, frozenset({"dobj"}))
    ]
    actors = [sentence.codes[o.i] for o in entered if o.i in sentence.codes and is_state(sentence.codes[o.i])]
    if not actors and any(o.lemma_.lower() in ("country", "territory") for o in entered):
        actors = [c for c in reporters_of(sentence, verb) if is_state(c)]
    named = sentence.lexicon.words("sanction", "entry_objects")
    people = [  # "two Spanish ministers", "500 Americans" (not "Palestinians from Gaza")
        t for t in people if t.lemma_.lower() in named or any(c.dep_ == "nummod" for c in t.children)
    ]
    targets = [c for t in people for c in target_codes(sentence, t) if c not in actors]
    return _sanctions(actors, list(dict.fromkeys(targets)), verb, ctx)


_EXPELLING = frozenset(
    {"expel", "exclude", "suspend", "remove", "eject", "kick", "ban", "bar", "cut", "disconnect", "drop"}
)


# schemes a country's parties can be shut out of ("expelled Russian banks from its payment
# scheme", "suspended Belarus from its trade preferences")
_SCHEMES = frozenset(
    {
        "scheme",
        "system",
        "programme",
        "program",
        "network",
        "market",
        "exchange",
        "platform",
        "swift",
        "preference",
        "arrangement",
        "mechanism",
    }
)


_DENYING = frozenset({"deny", "refuse"})


_OPENINGS = frozenset(
    {"port", "airspace", "harbour", "harbor", "water", "territory", "market", "airport", "border"}
)


@anchored_on("VERB", lemmas=lambda lex: _EXPELLING | _DENYING)
def sanction_excluding(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Britain expelled Russian banks from its payment scheme", "the EU suspended Belarus from
    its trade preferences", "Romania denied Russian warships access to its ports": a country's
    parties shut out of a scheme or of the maker's ports and airspace."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in _EXPELLING | _DENYING or is_passive(verb):
        return []
    if is_negated(verb) or is_hedged(sentence, verb):
        return []
    if lemma in _DENYING:
        shut = [o for o in children(verb, frozenset({"dobj", "dative"})) if _access_to_openings(o)]
        parties = [t for o in shut for t in o.children if t.dep_ in ("compound", "amod", "nmod", "poss")]
        parties += [o for o in children(verb, frozenset({"dative"}))]
        parties += [d for o in shut for d in children(o, frozenset({"dative"}))]
    else:
        schemes = [
            o
            for o in prep_objects(verb, frozenset({"from"}))
            if o.lemma_.lower() in _SCHEMES or any(c.lemma_.lower() in _SCHEMES for c in o.children)
        ]
        parties = children(verb, frozenset({"dobj"})) if schemes else []
    actors = _actors(sentence, verb)
    targets = [c for p in parties for c in target_codes(sentence, p) if c not in actors]
    return _sanctions(actors, list(dict.fromkeys(targets)), verb, ctx)


def _access_to_openings(obj: Token) -> bool:
    """ "access to its ports", "the use of its airspace": a way into the maker's openings."""
    if obj.lemma_.lower() not in ("access", "entry", "use", "landing", "docking", "passage"):
        return False
    return any(o.lemma_.lower() in _OPENINGS for o in prep_objects(obj, frozenset({"to", "of", "into"})))


def _marked_with(sentence: Sentence, thing: Token) -> list[str]:
    """ "cars with Russian licence plates", "ships with Iranian flags": the country a carrier
    is marked with, or bound for."""
    marks = prep_objects(thing, frozenset({"with"}))
    marks += [  # "ships flying the Russian flag", "lorries bearing Belarusian plates"
        o
        for c in thing.children
        if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in _DISPLAYING
        for o in children(c, frozenset({"dobj"})) + prep_objects(c, frozenset({"under"}))
        if o.lemma_.lower() in _MARKS
    ]
    marks += [  # "closed its ports to ships bound for Togo": where they are headed
        o
        for c in thing.children
        if c.dep_ == "acl" and c.lower_ == "bound"
        for o in prep_objects(c, frozenset({"for", "to"}))
    ]
    marks += _carried_between(thing)
    return [c for o in marks for c in target_codes(sentence, o)]


# what carries people or goods across a border ("closed its airspace to flights to and from Mali")
_CARRIERS = VEHICLES | {"cargo"}


# who carries relief: the carriers, and convoys and aid workers
_RELIEF_CARRIERS = _CARRIERS | {"convoy", "worker"}


def _carried_between(thing: Token) -> list[Token]:
    """ "flights to and from Mali", "ships from Russia": the places a carrier leaves or makes for."""
    if thing.lemma_.lower() not in _CARRIERS:
        return []
    ends = [p for p in thing.children if p.dep_ == "prep" and p.lower_ in ("to", "from")]
    ends += [c for p in ends for c in p.children if c.dep_ == "conj" and c.lower_ in ("to", "from")]
    return [o for p in ends for o in p.children if o.dep_ == "pobj"]


_DISPLAYING = frozenset({"fly", "bear", "carry", "sail", "display", "sport", "use", "have", "wear"})


_MARKS = frozenset({"flag", "ensign", "plate", "colour", "color", "registration", "number"})


def _listed_with(token: Token) -> list[Token]:
    """The conjuncts and appositions of a named object ("Iwaya, the ambassador of Japan and
    seven other Japanese nationals"), and the conjuncts of its appositions."""
    beside = [c for c in token.children if c.dep_ in ("conj", "appos")]
    return beside + [g for c in beside for g in c.children if c.dep_ == "appos" and g.dep_ == "conj"]


# agreements of defence, whose end is no trade restriction: "revoked five military agreements with Paris"
_DEFENCE_WORDS = frozenset({"military", "defence", "defense", "security"})


def _defence_ties(agreement: Token) -> bool:
    return any(c.lower_ in _DEFENCE_WORDS for c in agreement.children)


# a state's own parties that it may keep from trading with another
_OWN_FIRMS = frozenset(
    {
        "company",
        "firm",
        "business",
        "citizen",
        "national",
        "exporter",
        "supplier",
        "manufacturer",
        "bank",
        "insurer",
    }
)


def _supplies_banned(verb: Token, objects: list[Token]) -> list[Token]:
    """ "Britain prohibited its companies from supplying aviation fuel to Myanmar": a ban on its
    own firms supplying a country restricts trade with that country (the phrases of the
    destinations)."""
    if verb.lemma_.lower() not in ("ban", "bar", "prohibit", "forbid"):
        return []
    if not any(
        o.lemma_.lower() in _OWN_FIRMS
        and any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in o.children)
        for o in objects
    ):
        return []
    acts = [
        g
        for p in verb.children
        if p.dep_ == "prep" and p.lower_ == "from"
        for g in p.children
        if g.dep_ == "pcomp" and g.lemma_.lower() in _DEALING
    ]
    return [o for g in acts for o in prep_objects(g, frozenset({"to"}))]


def _bare_pobjs(sentence: Sentence, verb: Token) -> list[Token]:
    """ "..., barring dozens of Japanese lawmakers from entering Russia": the object the parser
    hung on a participle of barring as a preposition's object, with no preposition before it
    (not "barring dozens of Danish firms from re-exporting Swiss ammunition": a refusal)."""
    if verb.lemma_.lower() not in ("bar", "ban"):
        return []  # "excluding dozens of firms from having to pay": a preposition, an exemption
    passing = sentence.lexicon.support_verbs | {"sell", "export", "re-export", "reexport", "transfer", "pass"}
    kept_from = [t for p in verb.subtree if p.dep_ == "prep" and p.lower_ == "from" for t in p.subtree]
    if any(t.lemma_.lower() in passing for t in kept_from):
        return []  # (the "from" may hang on the object, "re-exporting" be split in three)
    doc = verb.doc
    return [
        o
        for o in children(verb, frozenset({"pobj"}))
        if o.i > verb.i and o.pos_ == "NOUN" and not any(t.pos_ == "ADP" for t in doc[verb.i + 1 : o.i])
    ]


def _objects_read_as_verbs(verb: Token, objects: list[Token]) -> list[Token]:
    """ "barred Ivanishvili and about a dozen other Georgian officials from entering": a second
    object after "and" that the parser hung on the verb as a conjunct of it."""
    if not objects:
        return []
    last = max(objects, key=lambda o: o.i)
    between = [t.lower_ for t in verb.doc[last.right_edge.i + 1 : last.right_edge.i + 3]]
    gap = 2 if between[:1] == ["and"] else 3 if between == [",", "and"] else 0  # "X and", "X, and"
    return [
        c
        for c in children(verb, frozenset({"conj"}))
        if gap
        and c.pos_ == "NOUN"
        and c.i > last.i
        and c.left_edge.i == last.right_edge.i + gap
        and not any(g.dep_ in ("nsubj", "nsubjpass", "aux", "dobj") for g in c.children)
    ]


# those a state sends to another: declared unwelcome, they are expelled, not sanctioned
def _entry_ban(sentence: Sentence, verb: Token, objects: list[Token]) -> list[Token]:
    """ "banned nine British ministers from entering the country", "declared two Israeli
    ministers persona non grata": the people of another country kept out."""
    lex = sentence.lexicon
    entry = lex.words("sanction", "entry_objects")
    lemma = verb.lemma_.lower()
    words = {t.lower_ for t in verb.subtree}
    objects = objects + _objects_read_as_verbs(verb, objects)
    if lemma == "declare" and {"persona", "grata"} <= words:
        return [  # not "declared Rwandan diplomats persona non grata": an expulsion of envoys
            t for t in verb.subtree if t.lemma_.lower() in entry - ENVOYS and t.pos_ == "NOUN"
        ]
    objects = objects + [  # "banned the entry of twenty Japanese lawmakers", "barred entry to 500 Americans"
        p
        for o in objects
        if o.lemma_.lower() in ("entry", "visit", "travel", "access")
        for p in prep_objects(o, frozenset({"of", "to"})) + prep_objects(verb, frozenset({"to"}))
    ]
    objects = objects + [  # "barred entry to dozens of New Zealand ministers"
        p for o in objects if o.lemma_.lower() in COUNT_NOUNS for p in prep_objects(o, frozenset({"of"}))
    ]
    people = [
        o
        for o in objects
        if o.lemma_.lower() in entry
        or any(c.lemma_.lower() in entry for c in _listed_with(o))
        or o.tag_ == "NNPS"
        and o.i in sentence.codes  # "500 Americans"
    ]
    if (
        people
        and lemma in ("ban", "bar", "forbid", "prohibit", "blacklist")
        and words & {"entering", "entry", "enter", "visiting", "travel", "travelling", "traveling"}
    ):
        return people
    if lemma in ("ban", "bar", "exclude") and any(  # "banned Russian media outlets from broadcasting"
        p.lower_ == "from"
        and any(
            g.dep_ == "pcomp" and g.lemma_.lower() not in lex.support_verbs for g in p.children
        )  # not "barred Poland from sending tanks"
        for p in verb.children
        if p.dep_ == "prep"
    ):
        return [o for o in objects if o.lemma_.lower() not in ("it", "them")]
    return []


@anchored_on(
    "VERB", lemmas=lambda lex: lex.words("sanction", "asset_verbs") | lex.words("sanction", "swift_verbs")
)
def sanction_assets(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Russian assets frozen by the EU", "cut Moscow's access to SWIFT"."""
    lex = sentence.lexicon
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in (
        lex.words("sanction", "asset_verbs") | lex.words("sanction", "swift_verbs")
    ):
        return []
    if is_negated(verb) or is_hedged(sentence, verb) or is_conditional(verb):
        return []
    tokens = [t for c in verb.children if c.dep_ not in ("nsubj", "agent") for t in c.subtree]
    tokens += [t for o in _misread_object(verb) for t in o.subtree if t.i > verb.i]
    if verb.dep_ == "acl":
        tokens += [t for t in verb.head.subtree if t.i < verb.i]
    words = {t.lemma_.lower() for t in tokens} | {t.text.lower() for t in tokens}
    assets = lemma in lex.words("sanction", "asset_verbs") and words & lex.words("sanction", "asset_words")
    system = "system" in words and bool(words & {"financial", "payment", "banking", "dollar"})
    schemes = [o for o in prep_objects(verb, frozenset({"from"})) if o.lemma_.lower() in _SCHEMES]
    swift = lemma in lex.words("sanction", "swift_verbs") and ("swift" in words or system or bool(schemes))
    if not (assets or swift):
        return []
    if _misread_main(verb) is not None:
        actors = _actors(sentence, verb)  # "Norway, which has long been cautious, froze ..."
    elif verb.dep_ == "acl" or is_passive(verb):
        agent = agent_of(verb)
        actors = actors_of(sentence, agent) if agent is not None else _context_maker(sentence, verb, ctx)
    elif verb.dep_ == "relcl" and _names_measures(sentence, verb.head):
        actors = _measure_maker(sentence, verb.head)  # "The measures, which freeze ..., were announced by"
    else:
        actors = _actors(sentence, verb)
    subject = subject_of(verb)
    if not actors and assets and subject is not None and _the_measures_told(sentence, subject):
        return _measures_freeze(sentence, verb, ctx)
    # the owners named in what is frozen, every conjunct, not the places ("in Belgium") nor the
    # parties of a clause on them ("companies accused of shipping parts to Russia")
    others = [c for c in verb.children if _another_act(c)]  # "..., while Ottawa added six people to its list"
    parts = [
        c
        for c in verb.children
        if c.dep_ not in ("nsubj", "agent")
        and c not in others
        and not (c.dep_ == "prep" and c.lower_ in ("in", "by"))
    ] + _misread_object(verb)
    targets = [c for p in parts for c in target_codes(sentence, p)]
    if verb.dep_ == "acl":  # "Russian assets frozen by the EU"
        targets = [
            sentence.codes[t.i] for t in verb.head.subtree if t.i < verb.i and t.i in sentence.codes
        ] + targets
    apart = {t.i for c in others for t in c.subtree}
    targets += [c for t in tokens if t.dep_ == "poss" and t.i not in apart for c in actors_of(sentence, t)]
    targets = [t for t in dict.fromkeys(targets) if t not in actors]
    if actors and not targets and assets:
        ctx.pending_sanction = tuple(
            actors
        )  # "froze the assets of nine companies": where they are may follow
    return _sanctions(actors, targets, verb, ctx)


def _the_measures_told(sentence: Sentence, subject: Token) -> bool:
    """ "The listings", "these measures", "the new sanctions": the sanctions just told, pointed
    back to with nothing that sets them elsewhere ("Western sanctions", "sanctions imposed in
    2022")."""
    pointed = any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in subject.children)
    placed = any(
        c.dep_ in ("acl", "relcl", "prep", "compound", "poss") or c.dep_ == "amod" and c.lower_ != "new"
        for c in subject.children
    )
    return pointed and not placed and _names_measures(sentence, subject)


def _measures_freeze(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "The listings freeze any UK assets of four firms registered in the UAE, two in Türkiye
    and one in China": sanctions just told, made by their maker, on the owners of the assets
    (those "of" them and their possessor, not where the assets are: "U.S. assets", "assets
    in both countries")."""
    makers = _context_maker(sentence, verb, ctx)
    assets = [
        o
        for o in children(verb, frozenset({"dobj"}))
        if o.lemma_.lower() in sentence.lexicon.words("sanction", "asset_words")
    ]
    owners = [
        p for a in assets for p in [*prep_objects(a, frozenset({"of"})), *children(a, frozenset({"appos"}))]
    ]
    targets = [c for o in owners for c in target_codes(sentence, o)]
    targets += [c for a in assets for p in children(a, frozenset({"poss"})) for c in actors_of(sentence, p)]
    targets = [t for t in dict.fromkeys(targets) if t not in makers]
    return _sanctions(makers, targets, verb, ctx)


def _another_act(clause: Token) -> bool:
    """A clause with a subject of its own hung on the verb: another act, not what is frozen."""
    return (
        clause.dep_ in ("advcl", "ccomp", "conj")
        and clause.pos_ in ("VERB", "AUX")
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
    )


@anchored_on("VERB", lemmas=lambda lex: lex.words("sanction", "nouns"))
def sanction_misread_measure(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Britain announced asset freezes on two companies", "extended its asset freezes on 300
    Syrian individuals": a measure noun the parser reads as a verb ("asset" its subject or the
    governor's object) is the measure the governing verb imposes."""
    lex = sentence.lexicon
    if verb.pos_ != "VERB" or verb.tag_ != "VBZ" or verb.lemma_.lower() not in lex.words("sanction", "nouns"):
        return []
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if before is None or before.lower_ not in lex.words("sanction", "measure_modifiers"):
        return []
    first = before.head if before.dep_ == "conj" else before  # "travel bans and asset freezes"
    if first.dep_ == "nsubj" and first.head == verb:
        governor = verb.head  # "announced asset freezes on ...": "freezes" a clause of "announced"
    elif before.dep_ == "dobj" and (verb.head == before.head or verb.dep_ in ("ccomp", "advcl")):
        governor = before.head  # "extended its asset freezes on ...": "asset" the object (also when
        # "freezes" is hung on the clause above: "said it had imposed asset freezes on ...")
    else:
        return []
    if governor.lemma_.lower() not in lex.words("sanction", "governors"):
        return []
    if is_negated(governor) or is_hedged(sentence, governor) or is_conditional(governor):
        return []
    actors = _actors(sentence, governor)
    targets = [c for o in prep_objects(verb, frozenset({"on", "against"})) for c in target_codes(sentence, o)]
    if not targets and governor.lemma_.lower() in _WIDENING:  # "extended its asset freezes to 40 Russians"
        widened = prep_objects(verb, frozenset({"to"})) + prep_objects(governor, frozenset({"to"}))
        targets = [c for o in widened for c in target_codes(sentence, o)]
    targets = [t for t in dict.fromkeys(targets) if t not in actors]
    return _sanctions(actors, targets, verb, ctx)


# verbs that end a trade outright: with the whole arms trade with a country as object, an embargo
_BANNING = frozenset({"ban", "prohibit", "forbid", "outlaw", "halt", "stop", "end", "suspend"})
# the two directions of a trade: selling to a country and buying from it
_SELLING_WAYS = frozenset({"sale", "export", "supply", "delivery"})
_BUYING_WAYS = frozenset({"purchase", "import", "acquisition"})


@anchored_on("VERB", lemmas=lambda lex: _BANNING)
def sanction_arms_embargo(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "banned all arms trade with Israel", "a decree banning the sale and purchase of weapons to
    and from Israel": the whole arms trade with a country ended is an embargo on it, a sanction
    besides the change of export rules the policy rules read (eval/SCHEMA.md)."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _BANNING or is_negated(verb):
        return []
    if is_hedged(sentence, verb) or is_conditional(verb):
        return []
    aside = [t for p in children(verb, frozenset({"prep"})) for t in p.subtree]  # "in arms with Israel"
    trades = [o for o in children(verb, frozenset({"dobj", "nsubjpass"})) if _whole_arms_trade(o, aside)]
    if not trades:
        return []
    told = [verb, *(t for o in trades for t in o.subtree), *aside]
    places = [p for t in told for p in children(t, frozenset({"prep"})) if p.lower_ in ("with", "to", "from")]
    places += [c for p in places for c in children(p, frozenset({"conj"})) if c.lower_ in ("to", "from")]
    targets = [c for p in places for o in children(p, frozenset({"pobj"})) for c in target_codes(sentence, o)]
    if not targets:
        return []
    actors = actors_of(sentence, agent_of(verb)) if is_passive(verb) else _actors(sentence, verb)
    return _sanctions(actors, [t for t in dict.fromkeys(targets) if t not in actors], verb, ctx)


def _whole_arms_trade(obj: Token, aside: list[Token]) -> bool:
    """ "all arms trade", "all trade in arms", "the sale and purchase of weapons", "arms exports
    and imports": the arms trade both ways, or all of it (the "in arms" may hang on the verb,
    among the words ``aside``)."""
    if not {t.lemma_.lower() for t in [*obj.subtree, *aside]} & _ARMS:
        return False
    ways = {obj.lemma_.lower(), *(c.lemma_.lower() for c in obj.conjuncts)}
    if ways & _SELLING_WAYS and ways & _BUYING_WAYS:
        return True
    return obj.lemma_.lower() == "trade" and any(
        c.dep_ == "det" and c.lower_ in ("all", "any") for c in obj.children
    )


# lists not yet adopted: "the EU's draft sanctions list"
_NOT_YET_LISTS = frozenset({"draft", "proposed", "possible", "planned", "future", "next"})
# verbs by which parties are found on a list: "appeared on a US sanctions list", "figure on",
# "ended up on Beijing's unreliable entity list"
_ON_A_LIST = frozenset({"appear", "figure", "feature", "land", "end"})


@anchored_on("VERB", lemmas=lambda lex: _ON_A_LIST)
def sanction_on_list(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "India-based suppliers of aircraft parts appeared on a US sanctions list": parties found
    on a state's sanctions list are sanctioned by its owner (the state whose list it is, else
    the maker of the sanction just told)."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _ON_A_LIST:
        return []
    if is_negated(verb) or is_hedged(sentence, verb) or is_conditional(verb) or verb.tag_ == "VBG":
        return []  # "Indian firms fear landing on a US sanctions list": a fear, not a listing
    lists = [
        o
        for o in prep_objects(verb, frozenset({"on", "onto", "in"}))
        if _a_sanctions_list(sentence, o)
        and not any(t.lower_ in _NOT_YET_LISTS for t in o.subtree if t.i < o.i)
    ]
    subject = subject_of(verb)
    if not lists or subject is None:
        return []
    owners = [c for o in lists for c in modifier_actors(sentence, o)]
    owners = owners or ([ctx.sanction_actor] if ctx.sanction_actor else [])
    return _sanctions(owners, target_codes(sentence, subject), verb, ctx)
