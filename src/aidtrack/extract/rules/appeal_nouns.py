"""Appeal rules on nouns: requests, requests answered, wish lists, pressure."""

from __future__ import annotations

from spacy.tokens import Token

from aidtrack.extract.clauses import Sentence, agent_of, children, is_passive, prep_objects, subject_of
from aidtrack.extract.modality import is_hedged, is_negated
from aidtrack.extract.parties import actors_of
from aidtrack.extract.roles import (
    categories_in,
    donors_of_verb,
    has_support_noun,
    modifier_actors,
    object_tokens,
    recipients_of,
)
from aidtrack.extract.rules.appeals import (
    _asked_before,
    _asks_to_stop,
    _bare_infinitive,
    _beneficiary,
    _hosts,
    _met_by,
)
from aidtrack.extract.rules.common import (
    _ASKINGS,
    ArticleContext,
    Found,
    _answering_clause,
    _appeal_events,
    _category_or_default,
    _left_actors,
    _refusal_actors,
    _says_no,
    anchored_on,
)


@anchored_on("NOUN", lemmas=lambda lex: lex.words("appeal", "nouns"))
def appeal_noun(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """Nominal appeals: "rejected Poland's request for arms", "an appeal from Germany to
    Switzerland", "Ukraine made a request to Australia for helicopters"."""
    lex = sentence.lexicon
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or lemma not in lex.words("appeal", "nouns"):
        return []
    if lemma == "case" and not (
        noun.dep_ == "dobj" and noun.head.lemma_.lower() in lex.words("appeal", "making_verbs")
    ):
        return []  # "made the case for more tanks to Berlin" asks; "in the case of" does not
    head = noun.head
    pressed = _pressed_clause(sentence, noun)
    split = _split_for_clause(noun)
    if (
        lemma == "call"
        and not prep_objects(noun, frozenset({"for", "on", "upon"}))
        and _for_clause(noun) is None
        and split is None
        and pressed is None
        and _occasioned_clause(noun) is None  # "despite calls from Warsaw, Berlin refused to send"
    ):
        return []
    answered = noun.dep_ in ("dobj", "nsubjpass", "pobj") and head.lemma_.lower() in lex.words(
        "appeal", "answer_verbs"
    )
    sayer = head.head.head if head.head.lower_ == "no" else head.head  # "to" hung on "no" or on "said"
    if noun.dep_ == "pobj" and head.lower_ == "to" and _says_no(sayer):
        head, answered = sayer, True  # "said no to a Ukrainian request for jets"
    made = noun.dep_ == "dobj" and head.lemma_.lower() in lex.words("appeal", "making_verbs")
    occasion = _occasioned_clause(noun)  # "despite calls from Warsaw": made, whatever the answer
    if not answered and not _arrives(noun) and occasion is None and is_hedged(sentence, noun):
        return []
    if answered and is_negated(head) and head.lemma_.lower() not in ("reject", "deny", "refuse"):
        pass  # "has not answered the request": the request was still made
    askers = _left_actors(sentence, noun)
    actors = askers or modifier_actors(sentence, noun, of=True)
    if not actors and made:
        actors = actors_of(sentence, subject_of(head))
    if not actors and _misread_subject(noun) is not None:  # "Lithuania renewed calls for ...",
        actors = actors_of(sentence, _misread_subject(noun))  # the verb read as a noun's modifier
        made = bool(actors)
    targets = [c for o in _addressees(noun) for c in actors_of(sentence, o)]
    if askers or made:  # "Ukraine's request for jets from Sweden": asked of Sweden
        asked_of = prep_objects(noun, frozenset({"from"})) + [
            g for o in prep_objects(noun, frozenset({"for"})) for g in prep_objects(o, frozenset({"from"}))
        ]
        targets += [c for o in asked_of for c in actors_of(sentence, o) if c not in targets]
    clause = _for_clause(noun) or _that_clause(noun)
    if clause is not None:  # "renewed his call for Israel to provide air defence"
        targets += [c for c in actors_of(sentence, subject_of(clause)) if c not in targets]
    split = split if clause is None else None
    if split is not None:  # "calls from Kyiv for Seoul to provide air defence", parsed apart
        clause, asker, pressed_party = split
        actors = actors or [
            c for c in actors_of(sentence, asker) if c not in actors_of(sentence, pressed_party)
        ]
        targets += [c for c in actors_of(sentence, pressed_party) if c not in targets and c not in actors]
    if made:
        targets += [c for o in prep_objects(head, frozenset({"to"})) for c in actors_of(sentence, o)]
    if not targets and answered:
        targets = _refusal_actors(sentence, head) if head.pos_ == "VERB" else []
    if not targets and answered and is_passive(head) and agent_of(head) is None:
        places = prep_objects(head, frozenset({"in", "at"}))  # "is being reviewed in Washington"
        targets = [c for o in places for c in actors_of(sentence, o) if c not in actors]
    if not targets and (made or askers):  # "renewed his plea ... in a speech to the Italian parliament"
        targets = [c for c in _hosts(sentence) if c not in actors]
    if not targets and _arrives(noun):  # "the request from Kyiv reached Ottawa"
        places = children(head, frozenset({"dobj"})) + prep_objects(head, frozenset({"in", "at"}))
        targets = [c for p in places for c in actors_of(sentence, p)]
    if not targets and (askers or made):  # "Ukraine's request for Korean air defence systems"
        targets = [c for c in _makers_asked(sentence, noun, head if made else None) if c not in actors]
    granting = _granted_by(noun)  # "deployed troops in response to a request from Juba"
    if not targets and granting is not None:
        targets = [c for c in actors_of(sentence, subject_of(granting)) if c not in actors]
    answering = _occasioned_clause(noun)
    if not targets and answering is not None:  # "Despite calls from Warsaw, Berlin has refused ..."
        targets = [c for c in _refusal_actors(sentence, answering) if c not in actors]
    guessed = False
    if not targets and (made or askers) and len(actors) == 1:  # "Zelensky met Biden. He renewed
        targets = _met_by(sentence, actors[0]) or _asked_before(ctx, actors[0])  # his plea": of him
    if not targets and (made or askers) and len(actors) == 1:  # "Ukraine made a request to receive
        targets = [t for t in [ctx.main_other(actors[0])] if t]  # these helicopters", "Kyiv's request
        guessed = bool(targets)  # for the Taurus, first made last May": of the article's giver
    handed = {t.i for o in _submitted_to(noun) for t in o.head.head.subtree}  # not "lodged with the EU"
    tokens = [t for t in noun.subtree if t != noun and t.dep_ != "poss" and t.i not in handed]
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if after is not None and after.lower_ == "to" and after.head.head == head and after.head != noun:
        tokens += list(after.head.subtree)  # "rejected Ukraine's plea to get jets" (parsed apart)
    if clause is not None:
        tokens += list(clause.subtree)
    if pressed is not None:
        tokens += list(pressed.subtree)
    if made:  # "made a request to Australia for the helicopters"
        tokens += [t for o in prep_objects(head, frozenset({"for"})) for t in o.subtree]
    elif answered:  # "turned down another Ukrainian request, for its retired jets"
        tokens += [t for o in prep_objects(head, frozenset({"for"})) if o.i > noun.i for t in o.subtree]
    if granting is not None:  # what was done at the request says what was asked
        tokens += [t for t in granting.subtree if t not in noun.head.subtree]
    transfer = any(t.lemma_.lower() in lex.support_verbs for t in tokens)
    cats, cat_default = _category_or_default(
        sentence,
        tokens,
        ctx,
        allow_default=transfer or has_support_noun(sentence, tokens),
        sentence_wide=True,
    )
    if not cats and answering is not None and targets:  # "despite requests, Y has not agreed to
        answer = [t for t in answering.subtree if t not in head.subtree]  # deliver its jets"
        if any(t.lemma_.lower() in lex.support_verbs for t in answer):
            cats = categories_in(sentence, answer)
    if not cats and answered and head.pos_ == "VERB":  # "Kyiv's request was rejected by Berlin,
        answer = [t for t in head.subtree if t not in noun.subtree]  # which would not send missiles"
        cats = (
            categories_in(sentence, answer)
            if any(t.lemma_.lower() in lex.support_verbs for t in answer)
            else []
        )
    if not cats:
        return []
    recipients = [r for t in tokens for r in recipients_of(sentence, t, dobj_is_recipient=False)]
    conf = 0.75 - 0.15 * cat_default - 0.25 * guessed
    return _appeal_events(
        (actors, targets), cats, noun, conf, "appeal-noun", _beneficiary(recipients, ctx.default_recipient)
    )


def _addressees(noun: Token) -> list[Token]:
    """Whom a request is made to: "a request to Washington", "calls on Berlin"; not the "to" the
    parser hangs on the noun after the asked act ("requests from Germany and Denmark to
    re-export ammunition to Ukraine": Ukraine is where the ammunition would go)."""
    asked = [c.i for c in noun.children if c.dep_ == "acl" and any(a.lower_ == "to" for a in c.children)]
    return [
        o
        for o in prep_objects(noun, frozenset({"to", "on", "upon"}))
        if not (o.head.lower_ == "to" and asked and o.head.i > min(asked))
    ] + _submitted_to(noun)


# participles that tell where a request went: "Ankara's request for tents, lodged with the EU",
# "Kyiv's request, submitted to Prague this week"
_SUBMITTED = frozenset(
    {"submit", "lodge", "send", "address", "present", "hand", "deliver", "file", "forward"}
)


def _submitted_to(noun: Token) -> list[Token]:
    """Whom a request was handed to, told by a participle beside it."""
    return [
        o
        for c in noun.children
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in _SUBMITTED
        for o in prep_objects(c, frozenset({"to", "with"}))
    ]


# phrases that tell a clause as the answer to a request: "despite calls from Warsaw, Berlin
# refused", "after a plea from Kyiv, Oslo sent", "in response to Armenia's request, Paris ..."
_OCCASION_PREPS = frozenset({"despite", "after", "following", "amid", "to"})


# a concession marks the answer wherever it stands: "refused to send tanks despite appeals from
# Washington", "declined, ignoring repeated requests from the United States"
_CONCEDING_PREPS = frozenset({"despite", "notwithstanding"})
_IGNORING = frozenset({"ignore", "defy", "disregard", "rebuff", "resist"})


def _granted_by(noun: Token) -> Token | None:
    """The act done "in response to a request" or "at the request of" someone: its doer was asked."""
    prep = noun.head
    if noun.dep_ != "pobj":
        return None
    if prep.lower_ == "to" and prep.head.lemma_.lower() == "response" and prep.head.head.lower_ == "in":
        verb = prep.head.head.head
    elif prep.lower_ == "at" and noun.lemma_.lower() in ("request", "invitation", "behest", "urging"):
        verb = prep.head
    else:
        return None
    return verb if verb.pos_ == "VERB" and not is_negated(verb) else None


def _occasioned_clause(noun: Token) -> Token | None:
    """The clause a request is the occasion of: its verb when the request stands in an opening
    "despite", "after", "following", "amid" or "in response to" phrase, or in a "despite" or
    "ignoring" phrase anywhere."""
    prep = noun.head
    if noun.dep_ == "dobj" and prep.lemma_.lower() in _IGNORING and prep.dep_ == "advcl":
        return prep.head if prep.head.pos_ in ("VERB", "AUX") else None
    if noun.dep_ != "pobj" or prep.lower_ not in _OCCASION_PREPS | _CONCEDING_PREPS:
        return None
    if prep.lower_ in _CONCEDING_PREPS and prep.dep_ == "prep" and prep.head.pos_ in ("VERB", "AUX"):
        return prep.head
    if prep.lower_ == "to":  # "in response to"
        response = prep.head
        if response.lemma_.lower() != "response" or response.head.lower_ != "in":
            return None
        prep = response.head
    verb = prep.head
    if prep.dep_ != "prep" or verb.pos_ not in ("VERB", "AUX") or prep.i > verb.i:
        return None
    return verb


def _makers_asked(sentence: Sentence, noun: Token, verb: Token | None) -> list[str]:
    """The state whose goods are asked for: "a request for Korean air defence systems", "made
    an appeal for German tanks" (the state of the goods' own modifier, not of a place)."""
    wanted = prep_objects(noun, frozenset({"for"})) + (prep_objects(verb, frozenset({"for"})) if verb else [])
    return [
        c
        for goods in wanted
        for m in goods.children
        if m.dep_ in ("amod", "compound", "npadvmod") and m.i < goods.i
        for c in actors_of(sentence, m)
    ]


def _misread_subject(noun: Token) -> Token | None:
    """The subject the parser gave a noun it took for the sentence's root ("Lithuania on
    Tuesday renewed calls for ...": "renewed" read as an adjective of "calls")."""
    if noun.dep_ != "ROOT":
        return None
    verbs = [noun, *(c for c in noun.children if c.dep_ == "amod" and c.pos_ == "VERB")]
    return next((c for v in verbs for c in v.children if c.dep_ == "nsubj" and c.i < noun.i), None)


def _arrives(noun: Token) -> bool:
    """A request told as it reaches its addressee ("the plea reached Ottawa", "a request
    arrived in Tokyo")."""
    return noun.dep_ == "nsubj" and noun.head.lemma_.lower() in ("reach", "arrive", "land")


def _pressed_clause(sentence: Sentence, noun: Token) -> Token | None:
    """What a faced or resisted appeal asks: "Germany faces calls from Poland to send tanks",
    the infinitive the parser hung on the verb."""
    head = noun.head
    own = next((c for c in children(noun, frozenset({"acl", "relcl"})) if _bare_infinitive(c)), None)
    if own is not None and noun.lemma_.lower() == "call":
        return own  # "received calls from Kyiv to hand over its S-300s"
    holders = {"face", "resist", "ignore", "heed"} | sentence.lexicon.words("appeal", "making_verbs")
    holders |= sentence.lexicon.words("appeal", "answer_verbs")
    if noun.dep_ != "dobj" or head.lemma_.lower() not in holders:
        return None  # also "repeated his call on Washington to pass the aid"
    return next((c for c in children(head, frozenset({"xcomp", "advcl"})) if _bare_infinitive(c)), None)


def _that_clause(noun: Token) -> Token | None:
    """The clause of "Ecuador's request that Washington send helicopters"."""
    for clause in noun.children:
        if (
            clause.dep_ in ("acl", "ccomp", "relcl")
            and clause.pos_ == "VERB"
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
            and subject_of(clause) is not None
        ):
            return clause
    return None


def _for_clause(noun: Token) -> Token | None:
    """The clause of "a call for Japan to send aid", parsed as a sibling "for X to V" clause."""
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if after is None or after.lower_ != "for" or after.dep_ != "mark":
        return None
    clause = after.head
    if clause.pos_ != "VERB" or subject_of(clause) is None:
        return None
    return clause if clause.head in (noun, noun.head) else None


def _split_for_clause(noun: Token) -> tuple[Token, Token, Token] | None:
    """ "calls from Kyiv for Seoul to provide air defence": the parser hangs "for Seoul" on the
    asker (or on the noun) and "to provide" on the noun. Gives the clause, the asker and the
    party pressed."""
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("advcl", "acl") and c.pos_ == "VERB" and any(a.lower_ == "to" for a in c.children)
        ),
        None,
    )
    if clause is None:
        return None
    pressing = frozenset({"for", "on", "upon"})
    for asker in prep_objects(noun, frozenset({"from", "by"})):
        for pressed in prep_objects(asker, pressing) + prep_objects(noun, pressing):
            return clause, asker, pressed
    return None


@anchored_on("NOUN", lemmas=lambda lex: _ASKINGS)
def appeal_answered(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """ "At Ukraine's request, Norway will send ambulances", "Responding to a request from
    Kyiv, Portugal approved helicopters": the asker asked whoever gives in the main clause."""
    lex = sentence.lexicon
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _ASKINGS:
        return []
    main = _answering_clause(noun)
    if main is None or is_negated(main):
        return []  # a hedged answer ("said it would consider sending") still answers a request made
    main = _giving_in(sentence, main, noun)
    if main is None:
        return []
    lemma = main.lemma_.lower()
    askers = _left_actors(sentence, noun) + [
        c for o in prep_objects(noun, frozenset({"from", "by", "of"})) for c in actors_of(sentence, o)
    ]
    givers = donors_of_verb(sentence, main)
    objects = object_tokens(main)
    cats, cat_default = _category_or_default(
        sentence,
        objects,
        ctx,
        allow_default=has_support_noun(sentence, objects) or lemma in lex.support_verbs,
        sentence_wide=True,
    )
    return _appeal_events(
        (list(dict.fromkeys(askers)), givers),
        cats,
        noun,
        0.75 - 0.15 * cat_default,
        "appeal-answered",
        lambda actor, _target: {"beneficiary": actor},
    )


def _giving_in(sentence: Sentence, main: Token, noun: Token) -> Token | None:
    """The verb of giving that answers a request: the main verb itself, or the one its reported
    words hold ("In response to Kyiv's request, Seoul said it would consider sending aid")."""
    lex = sentence.lexicon
    giving = lex.support_verbs | lex.words("support", "object_verbs")
    lemma = main.lemma_.lower()
    if lemma in lex.support_verbs or lemma not in lex.words("modality", "reporting_verbs"):
        return main if lemma in giving else None
    asked = {t.i for t in noun.head.subtree} | {main.i}
    told = (t for t in main.subtree if t.pos_ == "VERB" and t.lemma_.lower() in giving and t.i not in asked)
    return next(told, main if lemma in giving else None)


def _pressure_clause(noun: Token) -> Token | None:
    """The "to send tanks" that says what a pressure asks for: on the noun ("pressure on
    Tokyo to supply") or on the verb it is subject of ("pressure is mounting ... to hand over")."""
    holders = [noun, noun.head] if noun.dep_ in ("nsubj", "dobj") else [noun]
    for holder in holders:
        for comp in children(holder, frozenset({"acl", "advcl", "xcomp", "relcl"})):
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in comp.children):
                return comp
    return None


def _pressure_parties(sentence: Sentence, noun: Token) -> tuple[list[str], list[str]]:
    """Who presses whom: "from X" or the possessor or the exerting subject press; "on X" or the
    subject of "is under pressure" is pressed."""
    lex = sentence.lexicon
    head = noun.head
    holders = [noun, head] if noun.dep_ == "nsubj" else [noun]
    if noun.dep_ == "dobj":  # "faces pressure from its allies and from Kyiv to supply"
        holders.append(head)
    senders = [o for h in holders for o in _coordinated_prep_objects(h, frozenset({"from", "by"}))]
    actors = [c for o in senders for c in actors_of(sentence, o)]
    actors += [c for p in children(noun, frozenset({"poss"})) for c in actors_of(sentence, p)]
    if noun.dep_ == "dobj" and head.lemma_.lower() in lex.words("appeal", "exerting_verbs"):
        actors += actors_of(sentence, subject_of(head))
    targets = [
        c for h in holders for o in prep_objects(h, frozenset({"on", "upon"})) for c in actors_of(sentence, o)
    ]
    if noun.dep_ == "dobj":
        targets += [c for o in prep_objects(head, frozenset({"on", "upon"})) for c in actors_of(sentence, o)]
    if noun.dep_ == "pobj" and head.lower_ == "under":  # "Japan is under pressure from ..."
        targets += actors_of(sentence, subject_of(head.head))
    if noun.dep_ == "dobj" and head.lemma_.lower() in lex.words("appeal", "bearing_verbs"):
        targets += actors_of(sentence, subject_of(head))  # "Berlin faces pressure from Kyiv"
    return list(dict.fromkeys(actors)), list(dict.fromkeys(targets))


def _coordinated_prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    """The objects of ``token``'s prepositions and of prepositions joined to them ("from its
    allies and from Kyiv")."""
    found: list[Token] = []
    for prep in token.children:
        if prep.dep_ not in ("prep", "agent") or prep.lower_ not in preps:
            continue
        for p in [prep, *(c for c in prep.children if c.dep_ == "conj" and c.lower_ in preps)]:
            found += children(p, frozenset({"pobj"}))
    return found


_WISH_HOLDERS = frozenset({"include", "contain", "feature", "comprise", "list", "top"})


@anchored_on("NOUN", lemmas=lambda lex: {"wishlist", "list", "request", "ask"})
def appeal_wishlist(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """A list of wishes addressed to a party: "Kyiv's wishlist for Berlin includes Taurus
    missiles", "Ukraine's shopping list for Washington features air defence"."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in ("wishlist", "list", "request", "ask"):
        return []
    if noun.lemma_.lower() == "list" and not any(c.lower_ in ("wish", "shopping") for c in noun.lefts):
        return []
    head = noun.head
    if noun.dep_ != "nsubj" or head.lemma_.lower() not in _WISH_HOLDERS or is_hedged(sentence, head):
        return []
    actors = _left_actors(sentence, noun) or modifier_actors(sentence, noun)
    targets = [
        c
        for o in prep_objects(noun, frozenset({"for", "to"}))
        for c in actors_of(sentence, o)
        if c not in actors
    ]
    tokens = [t for c in children(head, frozenset({"dobj", "attr"})) for t in c.subtree]
    cats = categories_in(sentence, tokens)
    return _appeal_events((actors, targets), cats, noun, 0.7, "appeal-wishlist")


@anchored_on("NOUN", lemmas=lambda lex: lex.words("appeal", "pressure_nouns"))
def appeal_pressure(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """Pressure on a party to give: "pressure is mounting on Berlin from Warsaw to hand over
    its missiles", "Japan is under pressure from Washington to send shells", "Washington
    stepped up pressure on Tokyo to supply ammunition"."""
    lex = sentence.lexicon
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lex.words("appeal", "pressure_nouns"):
        return []
    clause = _pressure_clause(noun)
    if clause is None or is_negated(clause) or is_hedged(sentence, noun.head):
        return []
    if _asks_to_stop(sentence, noun.head) or clause.lemma_.lower() in lex.words("refusal", "verbs"):
        return []  # "pressure on Berlin to halt arms sales" asks for less support
    tokens = list(clause.subtree)
    transfer = clause.lemma_.lower() in lex.support_verbs
    if not transfer and not has_support_noun(sentence, tokens):
        return []
    cats, cat_default = _category_or_default(sentence, tokens, ctx, allow_default=True, sentence_wide=True)
    actors, targets = _pressure_parties(sentence, noun)
    recipients = recipients_of(sentence, clause, dobj_is_recipient=False)
    return _appeal_events(
        (actors, targets),
        cats,
        noun,
        0.75 - 0.15 * cat_default,
        "appeal-pressure",
        _beneficiary(recipients, ctx.default_recipient),
    )


# a request like one told before: "a similar request to Washington", "the same plea to Tokyo"
_LIKE_BEFORE = frozenset({"similar", "same", "identical", "parallel"})
_ASKING_NOUNS = frozenset({"request", "appeal", "plea", "overture", "approach", "call", "demand"})


@anchored_on("NOUN", lemmas=lambda lex: _ASKING_NOUNS)
def appeal_like_before(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """ "He made a similar request to Washington", "similar overtures have been made to Ankara",
    "similar requests had gone to Athens": the appeal the article last told, now to the party
    after "to", by the one who makes it (else by the one who asked before), for the kind the
    words name (else the kind asked before)."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _ASKING_NOUNS:
        return []
    if not any(c.dep_ in ("amod", "det") and c.lower_ in _LIKE_BEFORE for c in noun.children):
        return []
    before = ctx.last_of_type.get("appeal", [])
    verb = noun.head if noun.dep_ in ("dobj", "nsubj", "nsubjpass") else None
    if not before or verb is not None and (is_negated(verb) or is_hedged(sentence, verb)):
        return []
    places = prep_objects(noun, frozenset({"to"})) + (
        prep_objects(verb, frozenset({"to"})) if verb is not None else []
    )
    targets = list(
        dict.fromkeys(c for o in places for g in [o, *o.conjuncts] for c in actors_of(sentence, g))
    )
    actors = [c for c in modifier_actors(sentence, noun) if c not in targets]
    if not actors and verb is not None and noun.dep_ == "dobj":
        actors = actors_of(sentence, subject_of(verb))  # "he made a similar request"
    actors = actors or list(dict.fromkeys(e["actor"] for e in before if e.get("actor")))
    told = [t for h in ([noun] + ([verb] if verb is not None else [])) for t in h.subtree]
    cats = categories_in(sentence, told) or list(
        dict.fromkeys(e["category"] for e in before if e.get("category"))
    )
    return _appeal_events((actors, targets), cats, noun, 0.6, "appeal-like-before")
