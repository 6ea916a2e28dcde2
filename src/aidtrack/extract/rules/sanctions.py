"""Sanction rules on sanction nouns and verbs, headlines, strikes and follow-ups."""

from __future__ import annotations

from spacy.tokens import Token

from aidtrack.extract.articles import MONTHS, WEEKDAYS
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
from aidtrack.extract.modality import is_conditional, is_future, is_hedged, is_negated
from aidtrack.extract.parties import actors_of, is_state, joined_parties, reporters_of
from aidtrack.extract.roles import modifier_actors, names_wealth
from aidtrack.extract.rules.common import ArticleContext, Found, anchored_on, told_each_other
from aidtrack.extract.rules.measures_common import (
    _CORE_SANCTIONS,
    _LOCATING,
    _NEW,
    _SAYING,
    _TRADE_WITH_NOUNS,
    LISTING_VERBS,
    _actors,
    _combos,
    _destinations,
    _misread_main,
    _misread_object,
    _on_exports,
    _trade_partner,
    ended,
    in_force_since,
    target_codes,
)
from aidtrack.extract.rules.threats import _VOWING

_EXEMPTIONS = frozenset({"exemption", "waiver", "exception", "carve-out", "derogation", "license", "licence"})


def _exempted_from(noun: Token) -> bool:
    """ "issued a 180-day exemption from its Syria sanctions", "a waiver to the sanctions": what
    is let through a measure eases it; it imposes nothing."""
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.lower_ in ("from", "to", "under")
        and prep.head.lemma_.lower() in _EXEMPTIONS
    )


def _names_a_list_added_to(noun: Token, lex: Lexicon) -> bool:
    """The noun names a list, with its owner, that parties are added to or placed on ("to Poland's
    sanctions list"): the verb of adding tells who lists whom (see the list readers of the
    closures)."""
    holder = noun.head
    if noun.dep_ != "compound" or holder.lemma_.lower() not in lex.words("sanction", "list_nouns"):
        return False
    if not any(c.dep_ == "poss" and c.pos_ != "PRON" for c in holder.children):
        return False  # only a list named with its owner: the verb's reader takes the owner as lister
    prep = holder.head
    verb = prep.head
    adding = verb.pos_ == "VERB" and verb.lemma_.lower() in LISTING_VERBS | {"add"}
    return holder.dep_ == "pobj" and prep.lower_ in ("to", "on", "onto") and adding


@anchored_on(
    lemmas=lambda lex: (
        _CORE_SANCTIONS
        | lex.words("sanction", "follow_up_nouns")
        | lex.words("sanction", "measure_nouns")
        | {"measure"}
        | _CONTAINERS
        | _LISTINGS
    )
)
def sanction_noun(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """ "The EU imposed sanctions on Russia", "the sanctions the U.S. imposed on Moscow"."""
    lex = sentence.lexicon
    lemma = noun.lemma_.lower()
    core = lemma in _CORE_SANCTIONS or _named_measure_over(noun, lex)
    follow_up = _follow_up(sentence, noun, ctx)
    measure = noun.pos_ in ("NOUN", "PROPN") and not core and _trade_ban(noun, lex)
    made = (
        noun.pos_ == "NOUN"
        and not core
        and not measure
        and (_made_measure(sentence, noun) or _imposed_measure(sentence, noun, ctx))
    )
    measure = measure or made
    restrictive = lemma == "measure" and any(
        c.lemma_.lower() in lex.words("sanction", "measure_modifiers") for c in noun.children
    )  # "the EU's restrictive measures now apply to ..."
    if noun.pos_ not in ("NOUN", "PROPN") or not (core or follow_up or measure or restrictive):
        return []
    if ended(noun) or _exempted_from(noun):
        return []  # "announced the end of its arms embargo on Turkey", "an exemption from its sanctions"
    if _names_a_list_added_to(noun, lex):
        return []  # "added dozens of Russian citizens to Poland's sanctions list": the verb tells it
    container = noun.head
    if (
        core
        and noun.dep_ == "compound"
        and container.lemma_.lower() in _CONTAINERS | {"list", "regime"}
        and (container.dep_ == "nsubj" or _holding_read_as_noun(container))
        and container.head.lemma_.lower() in _HOLDING
    ):
        return _sanction_container(sentence, container, ctx)  # "the EU sanctions package targets ..."
    if (
        (core or restrictive or follow_up)
        and noun.dep_ == "nsubj"
        and noun.head.lemma_.lower() in _HOLDING | {"apply"}
    ):
        # "Australian sanctions now cover 1,000 Russians"; once sanctions were told, "the
        # measures also applied to a Canadian subsidiary"
        covered = _sanction_container(sentence, noun, ctx)
        if covered:
            return covered
    if not (core or follow_up or measure):
        return []
    verb = _sanction_verb(sentence, noun)
    if verb is not None and _wanted(sentence, verb):
        return []  # "Armenia expects ... imposing sanctions on Azerbaijan": wanted, not imposed
    if verb is None and (core or made) and _nominal_sanction(sentence, noun) and not in_force_since(noun):
        verb = noun  # "the United States' sanctions against Russia", "EU sanctions on Iran" (not
        # "a UN arms embargo on Darfur, in place since 2004")
    if verb is None and core and (_placed_under(noun) or _put_under(noun)):
        verb = _under_verb(noun)  # "Russian banks came under Japanese sanctions"
        if verb is not None and _wanted(sentence, verb):
            return []  # "wants the leaders kept under the UN's asset freeze"
    standing = verb is not None and _renewal_ahead(sentence, verb) and _nominal_sanction(sentence, noun)
    if standing:
        verb = noun  # "EU sanctions against Russia must be renewed": they are in force now
    if verb is None or is_negated(verb) or not standing and is_hedged(sentence, verb):
        return []
    if verb.pos_ == "VERB" and is_conditional(verb):
        return []  # "would impose tariffs on Mexican steel if Mexico failed to ...": a threat
    if verb.pos_ == "VERB" and _answer_foretold(verb):
        return []  # "would respond with mirror measures against the EU": a threat, not yet imposed
    actors = _actors(sentence, verb) if verb.pos_ != "NOUN" else modifier_actors(sentence, verb)
    if not actors and verb.lemma_.lower() in _IMPOSING_NOUNS:  # "the imposition of Japanese curbs on"
        actors = [c for o in prep_objects(verb, frozenset({"by"})) for c in actors_of(sentence, o)]
        actors = actors or (modifier_actors(sentence, noun) if _aimed_objects(noun) else [])
    agents: list[str] = []  # the makers a "by" phrase names, which the sanction does not target
    if _placed_under(noun):  # the subject is sanctioned; the maker is the noun's or the "by" party
        by = agent_of(noun) or agent_of(verb)
        agents = actors_of(sentence, by) if by is not None else []
        actors = modifier_actors(sentence, noun) or agents
    if verb.dep_ == "acl" and agent_of(verb) is not None:  # "the sanctions imposed by Japan"
        actors = agents = actors_of(sentence, agent_of(verb))
    if not actors and is_passive(verb) and agent_of(verb) is None:
        actors = modifier_actors(sentence, noun)  # "Washington's new penalties ... were announced"
    if verb.dep_ == "relcl" and not actors:
        actors = actors_of(sentence, subject_of(verb))
    if not actors:  # "The sanctions, announced by the British Foreign Office, target ..."
        actors = agents = [
            c
            for a in noun.children
            if a.dep_ == "acl"
            for g in [agent_of(a)]
            if g is not None
            for c in actors_of(sentence, g)
        ]
    if not actors and core and verb.pos_ == "VERB" and not _placed_under(noun):
        actors = modifier_actors(
            sentence, _container_of(noun)
        )  # "EU governments agreed to extend the bloc's sanctions"
    if follow_up:
        main = ctx.main_sanction_target()
        targets = [main] if main else []
    elif measure:
        objects = _measure_targets(noun)
        if _on_exports(noun):  # "export curbs on X to the US", "its export ban to Russia"
            objects += _destinations(objects) + prep_objects(noun, frozenset({"to"}))
        targets = [c for t in objects for c in target_codes(sentence, t)]
        if made:  # "unveiled measures against 300 entities, including companies in Armenia"
            targets += [c for c in _measure_target_codes(sentence, noun, verb, ctx) if c not in targets]
    else:
        targets = _sanction_targets(sentence, verb, noun, ArticleContext())
        if core and not targets:  # "extended the Darfur sanctions regime": the name before the
            # noun, before the story's last target, unless the maker already sanctioned that
            # target ("The EU sanctioned Russia over the war. It renewed the Ukraine sanctions.")
            named = _named_in_compound(sentence, noun, verb, actors) if actors else []
            continued = any(maker in actors for maker in ctx.sanctioned_by.values())
            last = [ctx.sanction_target] if ctx.sanction_target else []
            targets = (not continued and named) or last
    if agents and not _reciprocal(sentence, noun):  # makers told together in a "by" phrase do not
        # sanction one another ("both men are under sanctions imposed by Britain, Canada and Norway")
        targets = [t for t in targets if t not in agents]
    if core and actors and not targets:  # "expanded its Russia sanctions", "new Iran sanctions"
        targets = _named_in_compound(sentence, noun, verb, actors)
    if core and len(actors) == 1 and not targets:
        ctx.sanction_actor = actors[0]  # "Japan announced new sanctions." The targets follow.
    if core and actors and not targets and _on_parties(sentence, noun):
        ctx.pending_sanction = tuple(actors)  # "imposed sanctions on five people": where they are may follow
    return _sanctions(actors, targets, noun, ctx)


# verbs by which one takes up another's sanctions ("joined US sanctions"): the name is the maker's
_TAKING_UP = frozenset({"join", "align", "follow", "mirror", "match", "copy", "back", "support"})


# words that make sanctions ones their makers impose on one another
_MUTUAL = frozenset({"mutual", "reciprocal", "retaliatory", "tit", "tat"})


def _reciprocal(sentence: Sentence, noun: Token) -> bool:
    """ "sanctions imposed by Russia and the EU on each other", "the mutual sanctions imposed by
    India and Pakistan": the makers are each other's targets."""
    return told_each_other(sentence.span) or any(c.lower_ in _MUTUAL for c in noun.subtree if c.i < noun.i)


def _container_of(noun: Token) -> Token:
    """The "package" of "the EU's 14th package of sanctions", else the noun itself."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in _CONTAINERS:
        return noun.head.head
    return noun


def _named_in_compound(sentence: Sentence, noun: Token, verb: Token, actors: list[str]) -> list[str]:
    """ "New Zealand expanded its Russia sanctions", "Canada imposed new Iran sanctions": a state
    named before the noun, other than the maker, is the target (but "joined US sanctions" names
    the maker, and "EU sanctions" an organisation's)."""
    if verb.lemma_.lower() in _TAKING_UP:
        return []
    named = [sentence.codes[c.i] for c in noun.children if c.dep_ == "compound" and c.i in sentence.codes]
    return [c for c in named if is_state(c) and c not in actors]


def _on_parties(sentence: Sentence, noun: Token) -> bool:
    """ "sanctions on five people and three companies": parties the sentence gives no state of."""
    parties = sentence.lexicon.words("policy_change", "party_nouns") | sentence.lexicon.words(
        "sanction", "entry_objects"
    )
    aimed = prep_objects(noun, frozenset({"on", "against"}))
    aimed += prep_objects(noun.head, frozenset({"on", "against"})) if noun.dep_ == "dobj" else []
    return any(t.lemma_.lower() in parties for o in aimed for t in [o, *o.conjuncts])


_HOLDING = frozenset({"target", "hit", "cover", "include", "list", "name", "feature", "add", "contain"})


# verbs that keep a measure for longer (a renewal changes no rule)
RENEWING = frozenset({"renew", "extend", "prolong", "roll", "maintain", "keep", "review"})


def _renewal_ahead(sentence: Sentence, verb: Token) -> bool:
    """ "EU sanctions against Russia must be renewed every six months", "could be extended": a
    renewal still to come of measures already in force (not "new sanctions could be adopted")."""
    if verb.lemma_.lower() not in RENEWING or not is_hedged(sentence, verb):
        return False
    measures = children(verb, frozenset({"nsubjpass", "dobj"}))
    return not any(c.lower_ in _NEW for m in measures for c in m.children)


def _holding_read_as_noun(container: Token) -> bool:
    """ "The EU's new sanctions package targets Russian gas": the verb "targets" read as the
    head noun of the container, with an object of its own."""
    head = container.head
    return (
        container.dep_ == "compound"
        and head.pos_ == "NOUN"
        and head.dep_ == "ROOT"
        and head.tag_ == "NNS"
        and bool(children(head, frozenset({"dobj"})))
    )


def _sanction_container(sentence: Sentence, container: Token, ctx: ArticleContext) -> list[Found]:
    """A package or list of sanctions as the subject of what it covers: "the latest EU sanctions
    package targets Russian gas", "Japan's sanctions list now includes 13 North Korean entities"."""
    verb = container.head
    if is_negated(verb) or is_hedged(sentence, verb):
        return []
    actors = modifier_actors(sentence, container) or _relative_maker(sentence, container)
    actors = actors or _context_maker(sentence, verb, ctx)
    covered = children(verb, frozenset({"dobj"}))
    if verb.lemma_.lower() in ("apply", "extend"):  # "the measures now apply to 2,000 Russians"
        covered += prep_objects(verb, frozenset({"to"}))
    targets = [c for o in covered for c in target_codes(sentence, o)]
    return _sanctions(actors, [t for t in dict.fromkeys(targets) if t not in actors], container, ctx)


def _relative_maker(sentence: Sentence, noun: Token) -> list[str]:
    """ "The sanctions, which Tokyo announced on Tuesday, cover ...": the subject of a relative
    clause that imposes the measure."""
    governors_ = sentence.lexicon.words("sanction", "governors")
    return [
        c
        for clause in noun.children
        if clause.dep_ in ("relcl", "acl") and clause.lemma_.lower() in governors_
        for c in actors_of(sentence, next((s for s in clause.children if s.dep_ == "nsubj"), None))
    ]


def _context_maker(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[str]:
    """The maker of a measure the sentence does not name: the maker of the measures it is done
    under ("Under the measures announced by Ottawa, Russian banks will be cut off"), the one whose
    words tell it ("Washington said the sanctions would apply to ..."), else the maker of the
    sanctions the article announced before ("Britain announced sanctions. Six banks were added")."""
    found = _under_makers(sentence, verb)
    return found or reporters_of(sentence, verb) or ([ctx.sanction_actor] if ctx.sanction_actor else [])


def _under_makers(sentence: Sentence, verb: Token) -> list[str]:
    """The maker of the measures an act is done under ("Under the new EU package, ...",
    "Under sanctions announced by London, ...")."""
    holders = [
        verb,
        *(g for g in governors(verb)[:2] if g.lemma_.lower() in _SAYING),
    ]  # "Officials said under ..."
    under = [
        o for h in holders for o in prep_objects(h, frozenset({"under"})) if _names_measures_made(sentence, o)
    ]
    return [c for o in under for c in _measure_maker(sentence, o) or _announcer(sentence, o)]


def _names_measures_made(sentence: Sentence, noun: Token, *, packages: bool = True) -> bool:
    """ "the measures announced by Ottawa", "Japan's sanctions": measures of a maker (and, with
    ``packages``, "the new EU package", "its sanctions regime")."""
    lex = sentence.lexicon
    words = lex.words("sanction", "nouns") | lex.words("sanction", "follow_up_nouns")
    return noun.lemma_.lower() in (words | {"package", "regime"} if packages else words)


def _announcer(sentence: Sentence, noun: Token) -> list[str]:
    """The agent of a participle on a measure noun ("the measures announced by Ottawa")."""
    return [
        c
        for a in children(noun, frozenset({"acl"}))
        if agent_of(a) is not None
        for c in actors_of(sentence, agent_of(a))
    ]


def _made_measure(sentence: Sentence, noun: Token) -> bool:
    """ "new EU restrictions on Russian diamonds", "Washington's penalties on Chinese firms": a
    measure noun with its own maker and a foreign party as its target."""
    if noun.lemma_.lower() not in sentence.lexicon.words("sanction", "measure_nouns"):
        return False
    makers = [
        c
        for t in noun.children
        if t.dep_ in ("poss", "compound", "amod", "nmod") and t.i < noun.i
        for c in actors_of(sentence, t)
    ]
    targets = [c for t in prep_objects(noun, frozenset({"on", "against"})) for c in target_codes(sentence, t)]
    return bool(makers) and bool(targets) and not set(makers) & set(targets)


def _imposed_measure(sentence: Sentence, noun: Token, ctx: ArticleContext) -> bool:
    """ "adopted the EU's latest package of measures against Moscow", "imposed restrictions on
    Iran": a measure noun aimed at a foreign party, under a verb that imposes sanctions."""
    if noun.lemma_.lower() not in sentence.lexicon.words("sanction", "measure_nouns"):
        return False
    verb = _sanction_verb(sentence, noun)
    if verb is None:
        return False
    targets = _measure_target_codes(sentence, noun, verb, ctx)
    return bool(targets) and not set(targets) & set(_actors(sentence, verb))


def _measure_target_codes(sentence: Sentence, noun: Token, verb: Token, ctx: ArticleContext) -> list[str]:
    """The states a measure is aimed at: named in its "on/against" phrase; once the article told
    sanctions, also in the members listed beside its parties ("measures against 300 entities,
    including companies in Armenia", "..., most of them Iranian"; not "restrictions on 40 food
    companies, most of them Chinese" in a story of tainted milk)."""
    objects = _measure_targets(noun)
    targets = [c for t in objects for c in target_codes(sentence, t)]
    if not ctx.has_sanction or not any(_names_parties(sentence, o) for o in objects):
        return targets
    members = [  # the parser hung "including" on the measure
        o
        for o in prep_objects(noun, frozenset({"including"}))
        if _names_parties(sentence, o) or o.i in sentence.codes
    ]
    targets += [c for t in members for c in target_codes(sentence, t) if c not in targets]
    if verb.pos_ == "VERB":
        targets += [c for c in _members_beside(sentence, verb, True, objects) if c not in targets]
    return targets


def _aimed_objects(noun: Token) -> list[Token]:
    """The "on/against X" of a measure, also when the parser hung it on the maker ("sanctions
    from the European Union on Iran")."""
    aimed = frozenset({"on", "against"})
    found = prep_objects(noun, aimed)
    return found or [o for m in prep_objects(noun, frozenset({"from", "by"})) for o in prep_objects(m, aimed)]


def _nominal_sanction(sentence: Sentence, noun: Token) -> bool:
    """A sanctions noun with its own maker and target: "Japan's sanctions on Russian banks"."""
    if noun.lemma_.lower() != "sanction" and noun.tag_ != "NNS" and not modifier_actors(sentence, noun):
        return False
    targets = _aimed_objects(noun)
    makers = modifier_actors(sentence, noun)
    if noun.head.lemma_.lower() in _loosening(sentence.lexicon):
        return False  # "lifted its arms embargo on Cyprus" ends a measure
    return (
        bool(makers)
        and any(target_codes(sentence, t) for t in targets)
        and not any(set(target_codes(sentence, t)) & set(makers) for t in targets)
    )


def _follow_up(sentence: Sentence, noun: Token, ctx: ArticleContext) -> bool:
    """ "Norway said it would align with the EU measures", once sanctions were reported; a
    package or listing is taken up only by a verb of taking up ("Iceland aligned with the
    package", "Norway joined the new listings"), for an aid package is a package too."""
    lemma = noun.lemma_.lower()
    return (
        ctx.has_sanction
        and ctx.sanction_target is not None
        and noun.pos_ == "NOUN"
        and (
            lemma in sentence.lexicon.words("sanction", "follow_up_nouns")
            or lemma in _CONTAINERS | _LISTINGS
            and _taken_up(sentence, noun)
        )
        and not prep_objects(noun, frozenset({"on", "against", "to"}))
    )


# nouns of the parties a sanctions list names ("the new listings", "Tuesday's designations")
_LISTINGS: frozenset[str] = frozenset({"listing", "designation"})


def _taken_up(sentence: Sentence, noun: Token) -> bool:
    """A noun another's measures are taken up by: the object of "join", "mirror", "match", or
    of "with" after "align", and no word of support beside it ("backed the aid package")."""
    if any(c.lemma_.lower() in sentence.lexicon.words("support", "nouns") for c in noun.children):
        return False
    if noun.dep_ == "pobj" and noun.head.lower_ == "with":
        verb, verbs = noun.head.head, frozenset({"align"})  # "followed suit with its own listings"
    else:
        verb, verbs = noun.head, _JOINING
    if any(c.dep_ == "advmod" and c.lower_ in _HABITUAL for c in verb.children):
        return False  # "Switzerland, which usually mirrors EU listings": a habit, not an act
    return noun.dep_ in ("dobj", "pobj") and verb.pos_ == "VERB" and verb.lemma_.lower() in verbs


_HABITUAL = frozenset(
    {"usually", "often", "typically", "normally", "generally", "routinely", "traditionally"}
)


# verbs whose object is another's measures taken up ("joined the package", "mirrored the listings"):
# those of taking up but "align" (which takes them "with") and the looser "follow", "back", "support"
_JOINING = _TAKING_UP - {"align", "follow", "back", "support"}


def _trade_ban(noun: Token, lex: Lexicon | None = None) -> bool:
    """ "an export ban on 57 Russian entities", "restrictive measures against Belarusian banks",
    "travel bans and asset freezes on 20 Russian individuals"."""
    if lex is None:
        from aidtrack.extract.lexicon import load_lexicon

        lex = load_lexicon()
    if noun.lemma_.lower() not in lex.words("sanction", "measure_nouns"):
        return False
    modifiers = lex.words("sanction", "measure_modifiers")
    if _on_trade_with(noun):
        return True  # "a ban on commerce with Israel"
    if not any(
        c.lower_ in modifiers or c.lemma_.lower() in modifiers
        for c in noun.children
        if c.dep_ in ("compound", "amod", "nmod")
    ):
        return False
    return bool(_measure_targets(noun)) or _on_exports(noun) and bool(prep_objects(noun, frozenset({"to"})))


def _on_trade_with(noun: Token) -> bool:
    """ "a ban on trade with Israel": a measure on trade with a partner (the parser may hang the
    "with" on the measure)."""
    trade = [o for o in prep_objects(noun, frozenset({"on"})) if o.lemma_.lower() in _TRADE_WITH_NOUNS]
    return any(_trade_partner(o, p) for o in trade for p in o.children) or bool(
        trade and prep_objects(noun, frozenset({"with"}))
    )


_COVERING = frozenset({"cover", "target", "include", "hit", "affect"})


def _measure_targets(noun: Token) -> list[Token]:
    """The "on/against X" of a measure noun, or of the noun it is coordinated with."""
    preps = frozenset({"on", "against"})
    found = prep_objects(noun, preps)
    if _on_trade_with(noun):  # "a ban on commerce with Israel", the "with" hung on the ban
        found += prep_objects(noun, frozenset({"with"}))
    if not found and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in _COVERING:
        found = children(noun.head, frozenset({"dobj"}))  # "the new measures hit Iranian firms"
    if not found:  # "the EU measures targeting Belarus"
        found = [
            o
            for a in children(noun, frozenset({"acl"}))
            if a.lemma_.lower() in _COVERING
            for o in children(a, frozenset({"dobj"}))
        ]
    if not found and noun.dep_ == "conj":
        found = prep_objects(noun.head, preps)
    if not found:
        for conj in children(noun, frozenset({"conj"})):
            found += prep_objects(conj, preps)
    if not found:  # "slapped travel bans and penalties on X", "curbs were placed on X": the "on"
        obj = noun.head if noun.dep_ == "conj" else noun  # hangs on the verb
        if obj.dep_ in ("dobj", "nsubjpass") and obj.head.pos_ == "VERB":
            found = [o for o in prep_objects(obj.head, preps) if not _a_day(o)]  # not "on Tuesday"
            if obj.head.lemma_.lower() in _WIDENING:  # "extended its asset freeze to 11 Russians"
                found = found or prep_objects(obj.head, frozenset({"to"})) + prep_objects(
                    obj, frozenset({"to"})
                )
                found = found or [  # "widened their entry bans to cover 27 more Belarusians"
                    o
                    for c in children(obj.head, frozenset({"xcomp", "advcl"}))
                    if c.lemma_.lower() in _COVERING | {"include"}
                    for o in children(c, frozenset({"dobj"}))
                ]
    return found + _added_parties(noun, preps) if found else found


def _a_day(word: Token) -> bool:
    """ "on Tuesday", "on 5 March": a day the verb is dated by, not a party."""
    return word.lower_ in WEEKDAYS | _MONTHS or word.like_num


_MONTHS = frozenset(MONTHS)


def _added_parties(
    noun: Token, preps: frozenset[str], deps: frozenset[str] = frozenset({"conj"})
) -> list[Token]:
    """ "sanctions on two Emirati firms, as well as a Hong Kong-based shipper": the last party,
    joined by "as well as", hung on the measure itself, or (``deps`` "dobj") on the verb that
    imposes it (a conjunct with an "on X" of its own is a measure of its own)."""
    doc = noun.doc
    found = []
    for conj in children(noun, deps):
        start = conj.left_edge.i
        joined = start >= 3 and [t.lower_ for t in doc[start - 3 : start]] == ["as", "well", "as"]
        if joined and not prep_objects(conj, preps):
            found.append(conj)
    return found


# verbs that widen a measure to more parties: "extended its travel ban to ..."
_WIDENING = frozenset({"extend", "expand", "widen", "broaden"})


_CONTAINERS: frozenset[str] = frozenset(
    {"round", "package", "set", "wave", "raft", "batch", "series", "slew", "string", "host"}
)


# nouns of the imposing verbs: "the imposition of sanctions on X by the EU", "Canada's
# extension of its sanctions against Y"
_IMPOSING_NOUNS = frozenset(
    {
        "imposition",
        "introduction",
        "adoption",
        "extension",
        "expansion",
        "renewal",
        "prolongation",
        "enforcement",
        "tightening",
        "reimposition",
    }
)


def _imposing_noun(noun: Token) -> Token | None:
    """The "imposition" of "the imposition of sanctions", when the measure is its "of" object."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return None
    holder = noun.head.head
    if holder.dep_ == "pobj" and holder.head.lower_ == "by":
        holder = holder.head.head  # "the adoption by Japan of new penalties", "of" read on "Japan"
    return holder if holder.lemma_.lower() in _IMPOSING_NOUNS else None


def _sanction_verb(sentence: Sentence, noun: Token) -> Token | None:
    governors_ = sentence.lexicon.words("sanction", "governors")
    imposing = _imposing_noun(noun)
    if imposing is not None:
        return imposing
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in _CONTAINERS:
        noun = noun.head.head  # "hit Russian traders with a fresh round of penalties"
    noun = _past_partitive(noun)  # "adopted each of the EU's sanctions packages"
    asking = sentence.lexicon.words("appeal", "nouns") | sentence.lexicon.words("modality", "hedge_nouns")
    for tok in governors(noun)[:3]:
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in asking:
            return None  # "renewed their call for a full ban on Russian LNG": asked for, not imposed
        if tok.pos_ == "VERB" and tok.lemma_.lower() in _loosening(sentence.lexicon) - governors_:
            return None  # "announced that it would lift its restrictions": a measure ended
        if tok.pos_ == "VERB" and (tok.lemma_.lower() in governors_ or _takes_part(tok)):
            return tok
    for child in noun.children:
        if child.dep_ in ("relcl", "acl") and child.lemma_.lower() in governors_:
            return child
        if child.lemma_.lower() in governors_ and _misread_main(child) is not None:
            return child  # "Canada, which has long been cautious, imposed sanctions on ..."
    return None


# verbs of wanting that want only with their preposition ("turn to", "count on"): "turned its
# attention to violence, placing sanctions on settlers" wants nothing
_LEANING = frozenset({"turn", "look", "count", "rely"})


def _wanted(sentence: Sentence, verb: Token) -> bool:
    """A verb of imposing under a verb of wanting or asking ("expects ... imposing sanctions",
    "hopes to see sanctions adopted"): the measure is wished for, not imposed."""
    lex = sentence.lexicon
    asking = (lex.words("appeal", "wanting_verbs") - _LEANING) | lex.words("appeal", "verbs")
    token = verb
    verbs: list[Token] = []
    while token.dep_ in _COMPLEMENTS and token.head != token and len(verbs) < 2:  # not "called for
        token = token.head  # peace and announced sanctions", two acts of their own
        if token.pos_ in ("VERB", "AUX"):
            verbs.append(token)
    return any(g.lemma_.lower() in asking for g in verbs)


# the relations by which a clause is what its governing verb says, wants or asks
_COMPLEMENTS = frozenset({"xcomp", "ccomp", "pcomp", "prep", "pobj"})


# words that take a part of what follows them: "each of the packages", "the measures of the package"
_PARTITIVES = frozenset({"each", "all", "most", "part", "some", "measure", "provision", "rest"})


def _past_partitive(noun: Token) -> Token:
    """The phrase a sanction noun is part of, past "each of", "all of", "the measures of":
    "Switzerland has adopted each of the EU's sanctions packages against Russia"."""
    top = noun.head if noun.dep_ == "compound" else noun
    if top.dep_ == "pobj" and top.head.lower_ == "of" and top.head.head.lemma_.lower() in _PARTITIVES:
        return top.head.head
    return noun


def _takes_part(verb: Token) -> bool:
    """ "has taken part in all sanctions packages", "participated in the measures": joining them."""
    lemma = verb.lemma_.lower()
    if lemma == "participate":
        return True
    return lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children)


def _named_measure_over(noun: Token, lex: Lexicon) -> bool:
    """A measure of a named kind that parties are put or come under, like sanctions: "placed
    twelve settlers under an entry ban", "officials were put under travel bans"."""
    if noun.lemma_.lower() not in lex.words("sanction", "measure_nouns"):
        return False
    modifiers = lex.words("sanction", "measure_modifiers")
    named = any(
        c.lemma_.lower() in modifiers for c in noun.children if c.dep_ in ("compound", "amod", "nmod")
    )
    return named and _under_verb(noun) is not None


def _placed_under(noun: Token) -> bool:
    """ "officials were placed under sanctions", "banks came under sanctions": the subject of the
    verb is the party sanctioned."""
    verb = _under_verb(noun)
    return verb is not None and not children(verb, frozenset({"dobj"}))


def _put_under(noun: Token) -> bool:
    """ "Seoul placed eight officials (and two firms) under sanctions": an active verb puts its
    object under the measure; its subject imposes it."""
    verb = _under_verb(noun)
    return verb is not None and bool(children(verb, frozenset({"dobj"})))


def _under_verb(noun: Token) -> Token | None:
    """The verb of "under sanctions", also when the parser hung the phrase on its object, and of
    "was hit with sanctions" (the passive subject is sanctioned there too)."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "with":
        verb = noun.head.head
        hit = verb.pos_ == "VERB" and verb.lemma_.lower() in _HIT_WITH and is_passive(verb)
        return verb if hit else None
    if noun.dep_ != "pobj" or noun.head.lower_ != "under":
        return None
    holder = noun.head.head
    while holder.dep_ in ("dobj", "conj") and holder.pos_ in ("NOUN", "PROPN") and holder.head != holder:
        holder = holder.head
    if holder.pos_ == "AUX" and holder.lemma_.lower() == "be" and children(holder, frozenset({"nsubj"})):
        return holder  # "Iran has been under American sanctions for decades"
    return holder if holder.pos_ == "VERB" else None


# "was hit with sanctions", "was slapped with penalties": the subject is sanctioned
_HIT_WITH = frozenset({"hit", "slap", "target", "punish", "sanction"})


# verbs of answering another's measures: their maker is the target
_STRIKING_BACK = frozenset({"retaliate", "respond", "counter", "react", "hit"})


def _sanction_targets(sentence: Sentence, verb: Token, noun: Token, ctx: ArticleContext) -> list[str]:
    aimed = frozenset({"on", "against"})
    # not the phrase of the sanctions themselves: "signed off on the bloc's sanctions package"
    # (but "retaliated against the EU's sanctions" strikes back at their maker)
    objs = _aimed_objects(noun) + [
        o for o in prep_objects(verb, aimed) if noun not in o.subtree or verb.lemma_.lower() in _STRIKING_BACK
    ]
    if not objs:  # "extended the sanctions to Belarus"; not "sanctions on X over deliveries to Y"
        objs = prep_objects(noun, frozenset({"to"})) + prep_objects(verb, frozenset({"to"}))
    under = _under_verb(noun)
    if under is not None and _placed_under(noun):
        objs += [s_ for s_ in [subject_of(under)] if s_ is not None]
    if under is not None and _put_under(noun):
        objs += children(under, frozenset({"dobj"}))
    preps = aimed | {"to"}
    if noun.dep_ == "compound":  # "its sanctions regime against Russia"
        objs += prep_objects(noun.head, preps)
    holders = [noun, noun.head] if noun.dep_ == "compound" else [noun]
    objs += [  # "sanctions packages adopted against the Russian Federation"
        o
        for h in holders
        for a in children(h, frozenset({"acl"}))
        if a.tag_ == "VBN"
        for o in prep_objects(a, aimed)
    ]
    objs += children(verb, frozenset({"dobj"})) if verb.lemma_.lower() in ("add", "target", "hit") else []
    for comp in children(verb, frozenset({"xcomp", "advcl"})):  # "expanded its sanctions to cover X"
        if comp.lemma_.lower() in _COVERING:
            objs += children(comp, frozenset({"dobj"}))
    if objs:
        objs += _added_parties(noun, aimed)
        objs += _added_parties(verb, aimed, frozenset({"dobj"})) if verb != noun else []
    found: list[str] = []
    for obj in objs:
        found += actors_of(sentence, obj)
        found += target_codes(sentence, obj)
    found += _members_beside(sentence, verb, True, objs)  # "on seven companies, six of them based in ..."
    if not found:  # "sanctions targeting Russian oil exports", not the "European Union" of "EU sanctions"
        below = [c for c in noun.children if c.dep_ not in ("compound", "amod", "poss", "nmod", "det")]
        found = [code for c in below for code in target_codes(sentence, c, clauses=True)]
    found = found or _aimed_at_harming(sentence, noun)
    if not found and ctx.sanction_target:
        found = [ctx.sanction_target]
    return list(dict.fromkeys(found))


# verbs of the purpose of a measure ("sanctions aimed at", "designed to"), and of the harm it is
# meant to do to its target ("choking off the fuel supply to Myanmar's army", "starving Moscow of")
_PURPOSES = frozenset({"aim", "design", "intend", "mean", "seek"})
_HARMING = frozenset(
    {
        "choke",
        "cut",
        "starve",
        "deprive",
        "curb",
        "restrict",
        "block",
        "disrupt",
        "squeeze",
        "stem",
        "stop",
        "halt",
        "cripple",
        "punish",
        "pressure",
        "weaken",
        "isolate",
        "limit",
        "reduce",
    }
)


def _aimed_at_harming(sentence: Sentence, noun: Token) -> list[str]:
    """The party a measure's stated purpose harms: "new sanctions aimed at choking off the supply
    of aviation fuel to Myanmar's military" (Myanmar), "penalties designed to starve Moscow of
    revenue" (Russia); not the places of the why ("for invading Ukraine")."""
    found: list[str] = []
    for purpose in children(noun, frozenset({"acl"})):
        if purpose.lemma_.lower() not in _PURPOSES:
            continue
        verbs = [
            v
            for c in purpose.children
            for v in ([c] if c.dep_ == "xcomp" else [g for g in c.children if g.dep_ == "pcomp"])
            if v.lemma_.lower() in _HARMING
        ]
        for verb in verbs:
            objects = children(verb, frozenset({"dobj"}))
            harmed = objects + prep_objects(verb, frozenset({"to", "from"})) + _destinations(objects)
            found += [code for o in harmed for code in target_codes(sentence, o)]
    return found


_MAX_TARGETS = 12


def _sanctions(actors: list[str], targets: list[str], anchor: Token, ctx: ArticleContext) -> list[Found]:
    out = []
    for actor in actors:
        for target in targets[:_MAX_TARGETS]:
            if actor != target:
                out.append(
                    Found({"type": "sanction", "actor": actor, "target": target}, anchor, 0.85, "sanction")
                )
                ctx.sanction_target = target
                ctx.sanction_actor = actor
                ctx.sanction_counts[target] = ctx.sanction_counts.get(target, 0) + 1
    return out


@anchored_on(
    lemmas=lambda lex: (
        lex.words("sanction", "verbs") | {"target", "hit", "cover", "penalize", "penalise", "list", "add"}
    )
)
def sanction_verb(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Japan sanctioned Russian banks", "the US also targeted officials" (after sanctions)."""
    if not (verb.pos_ == "VERB" or _verb_read_as_noun(verb)):
        return []
    lex = sentence.lexicon
    lemma = verb.lemma_.lower()
    subject = subject_of(verb)
    if subject is not None and subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        subject = verb.head  # "The measures, which target North Korean firms, were announced by Seoul"
    told = lemma in ("target", "hit", "cover") and subject is not None and _names_measures(sentence, subject)
    makers = (reporters_of(sentence, verb) or _measure_maker(sentence, subject)) if told and subject else []
    told = told and bool(makers)  # "Ottawa said the measures target ..."
    follow_up = (
        told
        or (ctx.has_sanction or ctx.sanction_actor is not None)
        and lemma
        in (
            "target",
            "hit",
            "penalize",
            "penalise",
        )
    )
    if not (
        lemma in lex.words("sanction", "verbs")
        or follow_up
        or _lists_parties(sentence, verb)
        or _shadow_fleet(verb) is not None
    ):
        return []
    if is_negated(verb) or is_hedged(sentence, verb):
        return []
    if follow_up and lemma not in lex.words("sanction", "verbs") and _relative_on_other(sentence, verb):
        return []  # "Iranian drones that hit Ukraine" strike, they sanction nobody
    if _power_to(verb) or is_conditional(verb):
        return []  # "passed a law allowing it to sanction Russian officials": a power, not a sanction
    targets: list[str] = []
    for obj in children(verb, frozenset({"dobj", "nsubjpass"})) or _misread_object(verb):
        if obj.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            obj = verb.head  # "the Russian bank, which was sanctioned by Washington"
        targets += target_codes(sentence, obj)
    targets += [c for o in joined_parties(sentence, verb) for c in target_codes(sentence, o)]
    targets += _members_beside(sentence, verb, bool(targets))
    fleet = _shadow_fleet(verb)
    if not targets and fleet is not None:
        targets = target_codes(sentence, fleet)  # "in Russia's shadow fleet"
    if not targets:  # "Japan sanctions Russian banks, freezes assets" (a headline's odd parse)
        for clause in children(verb, frozenset({"ccomp", "conj"})):
            if any(c.dep_ == "cc" for c in verb.children if verb.i < c.i < clause.i):
                continue  # "..., and the European Union has imposed": a clause of its own
            targets += [
                c
                for s_ in children(clause, frozenset({"nsubj"}))
                if s_.i > verb.i
                for c in target_codes(sentence, s_)
            ]
    sanctioned = subject_of(verb.head) if verb.dep_ == "advcl" and verb.tag_ == "VBN" else None
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
        sanctioned = verb.head  # "Russian individuals sanctioned by Australia"
    if not targets and sanctioned is not None and agent_of(verb) is not None:
        targets = target_codes(sentence, sanctioned)  # "Sanctioned by Britain, the Iranian firm"
        makers = actors_of(sentence, agent_of(verb))  # not "the exchange sanctioned by the US,
        targets = [t for t in targets if t not in makers]  # UK and EU": those that sanction it
    if not targets and ctx.sanction_target:
        targets = [ctx.sanction_target]
    actors = _actors(sentence, verb) if not is_passive(verb) else actors_of(sentence, agent_of(verb))
    if verb.dep_ in ("advcl", "acl") and verb.tag_ == "VBN" and agent_of(verb) is not None:
        actors = actors_of(
            sentence, agent_of(verb)
        )  # "Sanctioned by Britain, ...", "firms sanctioned by Japan"
    if not actors and is_passive(verb) and agent_of(verb) is None:  # "Six banks were blacklisted"
        actors = _context_maker(sentence, verb, ctx)
    if not actors and follow_up and subject is not None and _names_measures(sentence, subject):
        actors = makers  # "Ottawa said the measures target", "the measures, which target ..."
        actors = actors or [a for a in [ctx.sanction_actor] if a]  # "The measures target 11 Russians"
    if actors and not targets and lemma in lex.words("sanction", "verbs"):
        ctx.pending_sanction = tuple(actors)  # "sanctioned nine companies": where they are may follow
    return _sanctions(actors, list(dict.fromkeys(targets)), verb, ctx)


# verbs of answering another's act ("would respond with measures"); not those of striking or
# punishing, whose future with sanctions announces them ("will hit Russia with new sanctions")
_ANSWERING_VERBS = frozenset({"respond", "answer", "reply", "react", "retaliate"})


def _answer_foretold(verb: Token) -> bool:
    """An answer announced for the future or vowed: "would respond with measures", "vowed to
    retaliate with sanctions" (not "retaliated with sanctions on ...")."""
    if verb.lemma_.lower() not in _ANSWERING_VERBS:
        return False
    vowed = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _VOWING
    return vowed or is_future(verb)


def _shadow_fleet(verb: Token) -> Token | None:
    """ "Britain targeted 25 vessels in Russia's shadow fleet": ships of a shadow fleet are
    targeted by listing them, not by arms; the fleet, whose owner is the target."""
    if verb.lemma_.lower() != "target" or is_passive(verb):
        return None
    subject = subject_of(verb)
    inside = set() if subject is None else {t.i for t in subject.subtree}
    words = [t for t in verb.subtree if t.i not in inside]
    if any(t.lemma_.lower() in _STRIKES for t in words):
        return None  # "targeted tankers of the shadow fleet with naval drones": an attack
    return next(
        (b for a, b in zip(words, words[1:]) if a.lower_ == "shadow" and b.lemma_.lower() == "fleet"), None
    )


_STRIKES = frozenset({"drone", "missile", "strike", "attack", "raid", "mine", "torpedo", "explosion"})


def _lists_parties(sentence: Sentence, verb: Token) -> bool:
    """ "The EU listed 19 Chinese and Hong Kong companies", "Tokyo listed 11 Russian officials"
    (parties as the lexicon's party nouns name them):
    a state or union listing parties designates them (a report that lists firms names no actor)."""
    if _adding_to_sanctions(sentence, verb):
        return True
    if verb.lemma_.lower() != "list" or is_passive(verb):
        return False
    subject = subject_of(verb)
    if subject is None or not actors_of(sentence, subject):
        return False
    objects = children(verb, frozenset({"dobj"}))
    parties = sentence.lexicon.words("policy_change", "party_nouns")
    return any(o.lemma_.lower() in parties and target_codes(sentence, o) for o in objects)


def _adding_to_sanctions(sentence: Sentence, verb: Token) -> bool:
    """ "adopted its 13th package of sanctions against Russia, adding companies in China and
    Turkey": the parties a sanctions package adds are listed by it."""
    if verb.lemma_.lower() != "add" or verb.dep_ != "advcl" or verb.tag_ != "VBG":
        return False
    nouns = sentence.lexicon.words("sanction", "nouns")
    adopted = [t for o in children(verb.head, frozenset({"dobj"})) for t in [o, *o.subtree]]
    if not any(t.lemma_.lower() in nouns for t in adopted):
        return False
    parties = sentence.lexicon.words("policy_change", "party_nouns")
    return any(
        o.lemma_.lower() in parties and target_codes(sentence, o) for o in children(verb, frozenset({"dobj"}))
    )


# "sanctioned 20 entities, among them firms based in Turkey": members hung on the verb
_MEMBER_PREPS = frozenset({"among", "including"})


def _members_beside(
    sentence: Sentence, verb: Token, named: bool, objects: list[Token] | None = None
) -> list[str]:
    """Targets the parser hung on the verb instead of its object (the parties listed, by default
    the verb's object): the members of an "among them" or "including" phrase, where "most of
    them" are registered, and (when the object named no state) the place of "hit entities | in
    China and Turkey"."""
    if objects is None:
        objects = children(verb, frozenset({"dobj", "nsubjpass"}))
    objects = [o for obj in objects for o in _owners(obj)]
    if not any(_names_parties(sentence, o) for o in objects):
        return []
    preps = _MEMBER_PREPS | (set() if named else {"in", "from"})  # "entities | from Russia"
    members = [
        o
        for p in verb.children
        if p.dep_ == "prep" and p.lower_ in preps and p.i > verb.i
        for o in children(p, frozenset({"pobj"}))
    ]
    members += [  # "..., for helping Russia's army, among them firms in China" (hung deeper)
        o
        for p in verb.subtree
        if p.lower_ == "among" and p.head != verb and p.i > verb.i and _of_them(p)
        for o in children(p, frozenset({"pobj"}))
    ]
    members += [  # "designated six people, among them two Syrian commanders" (the members read as the head)
        c
        for c in verb.children
        if c.dep_ in ("dep", "appos", "npadvmod", "conj")
        and c.pos_ in ("NOUN", "PROPN")
        and c.i > verb.i
        and any(p.lower_ == "among" and _of_them(p) for p in c.children)
    ]
    members += [  # "..., most of them registered in Russia", "six of them based in the UAE and one in Kenya"
        o
        for c in verb.children
        if c.dep_ == "advcl" and c.lemma_.lower() in _LOCATING and children(c, frozenset({"nsubj"}))
        for p in c.subtree
        if p.dep_ == "prep" and p.lower_ == "in"
        for o in children(p, frozenset({"pobj"}))
    ]
    members += [  # "..., most of them Belarusian and Iranian" (the parser hangs the adjectives as a clause)
        c
        for c in verb.children
        if c.dep_ == "advcl"
        and c.i > verb.i
        and any(_some_of_them(s) for s in children(c, frozenset({"nsubj"})))
    ]
    return [c for o in members for c in target_codes(sentence, o)]


def _owners(obj: Token) -> list[Token]:
    """Whose wealth a measure holds: "froze the assets of 11 individuals and 29 organisations"
    lists the individuals and organisations; any other object is itself what is listed."""
    if not names_wealth(obj):
        return [obj]
    owners = prep_objects(obj, frozenset({"of"}))
    return [o for owner in owners for o in (owner, *children(owner, frozenset({"conj"})))] or [obj]


# what counts parties: "a number of companies", "dozens of firms"
_COUNTING = frozenset({"number", "dozen", "dozens", "handful", "group", "network", "series", "batch"})


def _names_parties(sentence: Sentence, word: Token) -> bool:
    """ "entities", "a number of companies": a phrase of parties a measure lists."""
    parties = sentence.lexicon.words("policy_change", "party_nouns")
    if word.lemma_.lower() in parties:
        return True
    return word.lemma_.lower() in _COUNTING and any(
        o.lemma_.lower() in parties
        for p in children(word, frozenset({"prep"}))
        if p.lower_ == "of"
        for o in p.children
    )


def _of_them(prep: Token) -> bool:
    """ "among them", "of them": a preposition on the parties just named."""
    return any(o.lower_ == "them" for o in children(prep, frozenset({"pobj"})))


def _some_of_them(word: Token) -> bool:
    """ "most of them", "two of them": a part of the parties just named."""
    return any(p.lower_ == "of" and _of_them(p) for p in word.children)


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


@anchored_on(lemmas=lambda lex: lex.words("sanction", "verbs"))
def sanction_headline(sentence: Sentence, token: Token, ctx: ArticleContext) -> list[Found]:
    """ "US sanctions Chinese firms over drone parts", "EU blacklists Belarusian airline": a
    headline's verb right after its maker, which the parser read as a noun ("US sanctions" as
    a compound), with the sanctioned parties after it and no finite verb between."""
    lex = sentence.lexicon
    if token.pos_ == "VERB" or not token.lower_.endswith("s"):
        return []
    if token.lemma_.lower() not in lex.words("sanction", "verbs") or token.i == sentence.span.start:
        return []
    doc = token.doc
    maker = sentence.codes.get(token.i - 1)
    after = doc[token.i + 1] if token.i + 1 < sentence.span.end else None
    if maker is None or after is None or after.pos_ not in ("ADJ", "PROPN", "NOUN", "NUM", "DET"):
        return []
    targets: list[str] = []
    for tok in doc[token.i + 1 : sentence.span.end]:
        if tok.pos_ in ("ADP", "VERB", "AUX", "PUNCT") or tok.tag_ in _FINITE:
            break  # "over drone parts for Russia", "suppliers of Russia's war machine"
        code = sentence.codes.get(tok.i)
        if code and code != maker and code not in targets:
            targets.append(code)
    if is_hedged(sentence, token):
        return []
    return _sanctions([maker], targets, token, ctx)


_ENABLING = frozenset({"allow", "enable", "empower", "permit", "authorise", "authorize", "let"})


def _power_to(verb: Token) -> bool:
    """ "a law allowing it to sanction ...", "a framework that enables Ottawa to freeze ...":
    a power to act given by a rule, not the act."""
    head = verb.head
    return (
        verb.dep_ in ("xcomp", "ccomp")
        and head.lemma_.lower() in _ENABLING
        and head.dep_ in ("acl", "relcl")
        and head.head.pos_ == "NOUN"
    )


def _relative_on_other(sentence: Sentence, verb: Token) -> bool:
    """A relative clause on something other than measures ("drones that hit Ukraine")."""
    return verb.dep_ in ("relcl", "acl") and not _names_measures(sentence, verb.head)


def _verb_read_as_noun(token: Token) -> bool:
    """ "Washington sanctions North Korean generals": a headline's verb the parser read as a
    noun, with a subject and an object of its own."""
    return (
        token.pos_ == "NOUN"
        and token.dep_ == "ROOT"
        and bool(children(token, frozenset({"nsubj"})))
        and bool(children(token, frozenset({"dobj"})))
    )


def _names_measures(sentence: Sentence, token: Token) -> bool:
    """A subject that refers back to sanctions told before: "the measures", "the sanctions",
    "the new listings", with no maker of its own."""
    lex = sentence.lexicon
    words = lex.words("sanction", "nouns") | lex.words("sanction", "follow_up_nouns") | {"listing", "package"}
    return token.lemma_.lower() in words and not modifier_actors(sentence, token)


_STRIKING_VERBS = frozenset({"hit", "slap", "target", "punish", "strike", "penalise", "penalize", "pummel"})


def _with_measures(sentence: Sentence, verb: Token) -> bool:
    """The "with sanctions", "with asset freezes and travel bans" of a striking verb (the
    words after "with", however the parser hung them)."""
    lex = sentence.lexicon
    nouns = lex.words("sanction", "nouns") | lex.words("sanction", "measure_nouns")
    withs = [
        c
        for c in [*verb.children, *(g for o in children(verb, frozenset({"dobj"})) for g in o.children)]
        if c.dep_ == "prep" and c.lower_ == "with"
    ]
    for prep in withs:
        window = prep.doc[prep.i + 1 : min(prep.i + 6, sentence.span.end)]
        if any(t.lemma_.lower() in nouns or t.lemma_.lower() == "sanction" for t in window):
            return True
    return False


@anchored_on("VERB", lemmas=lambda lex: _STRIKING_VERBS)
def sanction_striking(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Britain hit Iranian generals with asset freezes", "slapped Russian banks with fresh
    penalties", "targeted Chinese firms with sanctions": the struck party is the target."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _STRIKING_VERBS:
        return []
    if is_negated(verb) or is_hedged(sentence, verb) or not _with_measures(sentence, verb):
        return []
    if is_passive(verb):  # "Russia was hit with fresh sanctions by Australia"
        targets = [c for o in children(verb, frozenset({"nsubjpass"})) for c in target_codes(sentence, o)]
        agents = [
            agent_of(verb),
            *(agent_of(w) for p in verb.children if p.lower_ == "with" for w in p.children),
        ]
        actors = [c for a in agents if a is not None for c in actors_of(sentence, a)]
        return _sanctions(actors, [t for t in dict.fromkeys(targets) if t not in actors], verb, ctx)
    targets = [c for o in children(verb, frozenset({"dobj"})) for c in target_codes(sentence, o)]
    actors = _actors(sentence, verb)
    return _sanctions(actors, [t for t in dict.fromkeys(targets) if t not in actors], verb, ctx)


@anchored_on("VERB", lemmas=lambda lex: {"follow", "do"})
def sanction_following(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """Another party doing the same after sanctions told in the same sentence: "the United
    States sanctioned a Russian bank on Monday, and Canada followed suit"."""
    lemma = verb.lemma_.lower()
    objects = {c.lower_ for c in children(verb, frozenset({"dobj"}))}
    if verb.pos_ != "VERB" or not (
        lemma == "follow" and "suit" in objects or lemma == "do" and "same" in objects
    ):
        return []
    if is_negated(verb) or is_hedged(sentence, verb) or ctx.sanction_target is None:
        return []
    lex = sentence.lexicon
    told = lex.words("sanction", "verbs") | lex.words("sanction", "nouns")
    if not any(t.lemma_.lower() in told and t.i < verb.i for t in sentence.span):
        return []
    actors = [a for a in _actors(sentence, verb) if a != ctx.sanction_target]
    return _sanctions(actors, [ctx.sanction_target], verb, ctx)


def _measure_maker(sentence: Sentence, noun: Token) -> list[str]:
    """Who makes the measures a noun names: its own modifiers ("Australia's measures"), the
    agent of the verb it is the passive subject of ("were announced by Australia"), or the
    subject of the verb that imposes it."""
    found = modifier_actors(sentence, noun)
    head = noun.head
    if not found and noun.dep_ == "nsubjpass" and agent_of(head) is not None:
        found = actors_of(sentence, agent_of(head))
    if (
        not found
        and noun.dep_ == "dobj"
        and head.lemma_.lower() in sentence.lexicon.words("sanction", "governors")
    ):
        found = _actors(sentence, head)
    return found


def _loosening(lex: Lexicon) -> frozenset[str]:
    """Verbs that end or ease a measure ("lift", "scrap", "ease"), from the policy combos."""
    return lex.derived(
        "loosening", lambda: frozenset(v for d, verbs, _ in _combos(lex) if d == "loosen" for v in verbs)
    )
