"""Appeal rules on verbs: asking, approaching, "must send", imperatives, complaints."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.tokens import Token

from aidtrack.extract.articles import WEEKDAYS
from aidtrack.extract.clauses import Sentence, children, is_passive, prep_objects, subject_of, word_forms
from aidtrack.extract.lexicon import Lexicon
from aidtrack.extract.modality import has_aux, is_hedged, is_negated, time_for
from aidtrack.extract.parties import actors_of, met_parties
from aidtrack.extract.roles import (
    BUYING_VERBS,
    DOBJ_RECIPIENT_VERBS,
    categories_in,
    has_support_noun,
    is_designation,
    modifier_actors,
    names_money,
    object_tokens,
    recipients_of,
)
from aidtrack.extract.rules.common import (
    _BACKING,
    _FORCES,
    _GIVING_GROUPS,
    _HELP_NOUNS,
    _HOLDING_BACK,
    _MESSAGES,
    _OPERATIONS,
    HALT_NOUNS,
    INQUIRIES,
    ArticleContext,
    Extra,
    Found,
    _appeal_events,
    _asked_parts,
    _category_or_default,
    _gives_nothing,
    _names_a_thing,
    _objects_or_passive_subject,
    _particles,
    _passive_agents,
    _refusal_actors,
    _refusal_phrase,
    _sayers,
    _scene_clause,
    anchored_on,
)
from aidtrack.extract.rules.policies import _ban_enders


def _beneficiary(recipients: Sequence[str], default: str | None) -> Extra:
    """The one an appeal asks help for: the first recipient named that is neither the one who
    asks nor the one asked, else ``default``."""

    def pick(actor: str, target: str) -> dict[str, str]:
        found = next((r for r in recipients if r not in (target, actor)), default)
        return {"beneficiary": found} if found else {}

    return pick


_COMPLAINING = frozenset(
    {
        "criticise",
        "criticize",
        "blame",
        "accuse",
        "fault",
        "single",
        "complain",
        "lament",
        "slam",
        "chide",
        "rebuke",
        "castigate",
        "berate",
        "lambast",
        "lambaste",
        "condemn",
        "decry",
        "deplore",
    }
)


_OUTRAGED = frozenset(
    {"inconceivable", "unacceptable", "outrageous", "shameful", "disgraceful", "scandalous"}
)


@anchored_on(lemmas=lambda lex: _COMPLAINING | _OUTRAGED)
def appeal_complaint(sentence: Sentence, word: Token, ctx: ArticleContext) -> list[Found]:
    """Blaming a party for not giving asks it to give: "criticised Germany for delaying tank
    deliveries", "singled out Kuwait for giving nothing to the appeal", "complained that
    Washington was holding back missiles", "said it was inconceivable that the US was
    withholding weapons"."""
    lemma = word.lemma_.lower()
    if lemma in _COMPLAINING and word.pos_ == "VERB":
        if is_negated(word) or is_hedged(sentence, word):
            return []
        actors = _refusal_actors(sentence, word)
        blamed: list[tuple[Token | None, Token]] = [
            (o, c) for o in _objects_or_passive_subject(word) for c in _blamed_for(word)
        ]
        blamed += [(subject_of(c), c) for c in children(word, frozenset({"ccomp"}))]
    elif lemma in _OUTRAGED and word.dep_ == "acomp":
        actors = _sayers(sentence, word.head)
        blamed = [(subject_of(c), c) for c in children(word.head, frozenset({"ccomp"}))]
    else:
        return []
    out: list[Found] = []
    for party, clause in blamed:
        if party is None or not _holds_back(sentence, clause) or _bought_by(sentence, clause, actors):
            continue
        targets = [c for c in actors_of(sentence, party) if c not in actors]
        cats, cat_default = _category_or_default(
            sentence, list(clause.subtree), ctx, allow_default=True, sentence_wide=True
        )
        out += _appeal_events((actors, targets), cats, word, 0.6 - 0.1 * cat_default, "appeal-complaint")
    if lemma in _COMPLAINING:
        out += _slowness_blamed(sentence, word, actors)
    return out


_SLOWNESS = frozenset(
    {
        "reluctance",
        "refusal",
        "hesitation",
        "hesitancy",
        "delay",
        "failure",
        "slowness",
        "pace",
        "unwillingness",
        "dithering",
        "foot-dragging",
        "veto",
    }
)


def _slowness_blamed(sentence: Sentence, verb: Token, actors: list[str]) -> list[Found]:
    """ "criticised Germany's reluctance to send tanks", "lamented the slow pace of American
    weapons deliveries": blaming a party's holding back asks it to give."""
    out: list[Found] = []
    for noun in children(verb, frozenset({"dobj"})):
        if noun.lemma_.lower() not in _SLOWNESS:
            continue
        words = list(noun.subtree)
        lex = sentence.lexicon
        if not (
            any(t.lemma_.lower() in lex.support_verbs for t in words)
            or has_support_noun(sentence, words)
            or categories_in(sentence, words)
        ):
            continue
        owners = children(noun, frozenset({"poss"})) or [
            m
            for t in words
            if lex.words("support", "nouns") & {t.lemma_.lower()} or lex.categories_of(t)
            for m in t.children
            if m.dep_ in ("amod", "compound", "poss")
        ]
        targets = [c for o in owners for c in actors_of(sentence, o) if c not in actors]
        cats = categories_in(sentence, words)
        out += _appeal_events((actors, list(dict.fromkeys(targets))), cats, verb, 0.55, "appeal-complaint")
    return out


def _blamed_for(verb: Token) -> list[Token]:
    """The clause a party is blamed for: "for delaying ...", "of dragging its feet on ..."."""
    return [
        g
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in ("for", "of", "over")
        for g in c.children
        if g.dep_ == "pcomp" and g.pos_ == "VERB"
    ]


def _holds_back(sentence: Sentence, clause: Token) -> bool:
    """ "delaying deliveries of tanks", "withholding weapons", "holding back missiles",
    "giving nothing", "not sending tanks": support kept back."""
    lex = sentence.lexicon
    lemma = clause.lemma_.lower()
    giving = lemma in lex.support_verbs
    kept = (
        lemma in _HOLDING_BACK
        or lemma == "hold"
        and _particles(clause) & {"back", "up", "off"}
        or giving
        and (is_negated(clause) or _gives_nothing(clause))
    )
    if not kept:
        return False
    words = list(clause.subtree)
    return (
        giving
        or any(t.lemma_.lower() in lex.support_verbs for t in words[1:])
        or has_support_noun(sentence, words)
        or bool(categories_in(sentence, words))
    )


def _bought_by(sentence: Sentence, clause: Token, actors: list[str]) -> bool:
    """ "failing to deliver weapons Armenia had already paid for": goods kept back from the
    complainer who bought them are a broken sale, not support asked for. The buying is told on
    the goods inside the blamed clause, or right after it as a stranded "paid for" (a relative
    clause whatever the parser hung it on); not "a delay Ukraine has paid for dearly"."""
    inside = [t for t in clause.subtree if t.dep_ in ("relcl", "acl") and t.head.pos_ == "NOUN"]
    end = max(t.i for t in clause.subtree)
    after = [t for t in sentence.span if t.i > end and _stranded_for(t) and _right_after(t, end)]
    return any(
        t.lemma_.lower() in BUYING_VERBS | {"pay"} and set(actors_of(sentence, subject_of(t))) & set(actors)
        for t in inside + after
    )


def _right_after(verb: Token, end: int) -> bool:
    """Only the verb's own subject, auxiliaries and adverbs stand between ``end`` and it."""
    between = verb.doc[end + 1 : verb.i]
    return all(t.head == verb and t.dep_ in ("nsubj", "aux", "advmod", "neg") for t in between)


def _stranded_for(verb: Token) -> bool:
    """ "paid for" with nothing after "for": its object is the noun the clause tells of."""
    return any(c.dep_ == "prep" and c.lower_ == "for" and not list(c.children) for c in verb.children)


def _joins_operation(tokens: list[Token]) -> bool:
    """ "to join the attack on the port", "to back an offensive": military backing asked."""
    return any(
        t.pos_ == "VERB"
        and t.lemma_.lower() in _BACKING
        and not is_negated(t)
        and any(
            o.lemma_.lower() in _OPERATIONS
            for o in children(t, frozenset({"dobj"})) + prep_objects(t, frozenset({"in"}))
        )
        for t in tokens
    )


_UNDOING_PARTICLES = frozenset({"down", "away", "back", "off", "aside"})


def _turned_away(verb: Token) -> bool:
    """ "turned down a request", "looked away": a particle that undoes the wanting sense."""
    return any(c.dep_ == "prt" and c.lower_ in _UNDOING_PARTICLES for c in verb.children)


@anchored_on("VERB")
def appeal_verb(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Zelensky urged Germany to send tanks", "called on Israel for air defence"."""
    if verb.pos_ != "VERB":
        return []
    lex = sentence.lexicon
    lemma = verb.lemma_.lower()
    wanting_forms = word_forms(verb) & lex.words("appeal", "wanting_verbs")  # "hopes" read as "hop"
    wanting = bool(wanting_forms) and not _turned_away(verb)
    if wanting and lemma not in wanting_forms and lemma not in lex.words("appeal", "verbs"):
        lemma = min(wanting_forms)
    if not (lemma in lex.words("appeal", "verbs") or wanting):
        return []
    if lemma == "like" and not has_aux(verb, frozenset({"would", "'d"})):
        return []  # "would like to receive jets" wants; "like" alone does not
    if _moves_bodily(verb):
        return []  # "troops pushed Russian forces back from the river": a push on the ground
    if wanting and lemma in _DEPENDING and not children(verb, frozenset({"xcomp", "ccomp"})):
        return []  # "relies heavily on Russia and China for aircraft": a supplier, no plea
    if wanting and _buying_turns(verb):
        return []  # "Armenia's arms purchases have turned to India": a buyer's market, no plea
    if asks_for_measures(sentence, verb):
        return []  # "urged the Security Council to impose an arms embargo on Rwanda"
    if (
        lemma in ("expect", "hope")
        and not children(verb, frozenset({"dobj"}))
        and children(verb, frozenset({"xcomp"}))
    ):
        return []  # "Kyiv expects (hopes) to receive missiles" awaits a delivery; "expects Berlin to send" asks
    giving = lex.support_verbs | lex.words("support", "receive_verbs")
    wanted = [t for c in children(verb, frozenset({"xcomp", "ccomp", "prep"})) for t in c.subtree]
    wanted += [t for c in children(verb, frozenset({"advcl"})) if _bare_infinitive(c) for t in c.subtree]
    approving = lex.words("support", "object_verbs")  # "expects Washington to approve the aid"
    hastened = any(t.lemma_.lower() in lex.words("support", "delivery_words") for t in wanted) and bool(
        categories_in(sentence, wanted)
    )  # "wants Paris to speed up the delivery of jets"
    if (
        wanting
        and not hastened
        and not any(t.lemma_.lower() in giving for t in wanted)
        and not (
            any(t.lemma_.lower() in approving and t.pos_ == "VERB" for t in wanted)
            and has_support_noun(sentence, wanted)
            and (
                any(actors_of(sentence, subject_of(c)) for c in children(verb, frozenset({"xcomp", "ccomp"})))
                or any(actors_of(sentence, o) for o in prep_objects(verb, frozenset({"on", "upon"})))
            )  # "expects Washington to approve", "is counting on Washington to release"
        )
        and not any(
            any(lex.categories_of(t) for t in o.lefts) or lex.categories_of(o)
            for o in children(verb, frozenset({"dobj"}))
            if prep_objects(o, frozenset({"from"})) or prep_objects(verb, frozenset({"from"}))
        )  # "wants missiles from the US", "needs more vehicles from Canada"
        and not _turns_to_for(sentence, verb)
        and not (
            (_hosts(sentence) or _told_parties(sentence, verb))
            and any(lex.categories_of(o) for o in children(verb, frozenset({"dobj"})))
        )  # "'We need more air defence,' Zelensky told Spanish lawmakers"
        and not _wants_owned(sentence, verb)
    ):
        return []  # "Germany wants peace" asks nobody; "wants missiles from the US" asks
    if lemma == "call" and not any(
        c.lower_ in lex.words("appeal", "call_preps")
        for c in [*verb.children, *(m for a in children(verb, frozenset({"advcl"})) for m in a.children)]
        if c.dep_ in ("prep", "prt", "mark")
    ):
        return []  # "called on", "called for", "called for Germany to send" (a "for" clause)
    if is_negated(verb) or (is_hedged(sentence, verb) and lemma != "like"):
        return []  # "would like to receive" is a wish stated, not a hypothetical
    actors = _refusal_actors(sentence, verb)
    targets = _appeal_targets(sentence, verb)
    if targets and set(targets) <= set(actors):  # "would like to use Greece's support": not itself
        targets = [c for c in _givers_of_asked(sentence, verb) if c not in actors] or targets
    if not targets:  # "sent a letter to Netanyahu asking for", "Ukraine's ambassador to Berlin urged"
        targets = [c for c in _addressees(sentence, verb) if c not in actors]
    if not targets and wanting:  # "'We need air defence,' Zelensky told Spanish lawmakers"
        targets = [c for c in _told_parties(sentence, verb) if c not in actors]
    if not targets:  # "pleaded for more help from the EU", "sought Washington's help"
        targets = [c for c in _givers_of_asked(sentence, verb) if c not in actors]
    if not targets:  # "Zelensky pushed hard on Tomahawks but Trump pushed back"
        targets = [c for c in _resisting_parties(sentence, verb) if c not in actors]
    unnamed = (
        not targets and not _addressed_to_someone(verb) and any(c.dep_ == "nsubj" for c in verb.children)
    )  # not "Asked if ..., he said"
    if unnamed and len(actors) == 1:  # "Kyiv asked for the missiles": of whom it met or asked
        targets = _met_by(sentence, actors[0]) or _asked_before(ctx, actors[0])  # before, or of the
        targets = targets or [t for t in [ctx.main_other(actors[0])] if t]  # article's giver
    parts = _asked_parts(verb)
    tokens = [t for c in parts for t in c.subtree if not _in_side_clause(t, c)]
    kept = {t.i for t in tokens}
    told = [t for c in parts if not _scene_clause(c) for t in c.subtree if t.i in kept]
    if categories_in(sentence, told):  # ", arguing that generators alone could not ...": a reason
        tokens = told  # beside the plea names no kind asked for, unless the plea names none itself
    if _asks_to_stop(sentence, verb) or _asks_to_speak(sentence, verb) or _asks_a_question(verb):
        return []
    if _asks_to_lift_sanctions(verb):
        return []  # "urged Washington to lift its remaining sanctions": relief from a measure, no aid
    paying_out = _pays_out_money(tokens)  # "appealed to the IMF to release the money"
    transfer = paying_out or any(
        t.lemma_.lower() in lex.support_verbs or _gives_by_another_verb(t) for t in tokens
    )
    transfer = transfer or _asks_not_to_abandon(sentence, tokens)
    if _joins_operation(tokens):  # "asked the United States to join the attack on the port"
        return _appeal_events(
            (actors, targets),
            ["military"],
            verb,
            0.7,
            "appeal-operation",
            _beneficiary([], ctx.default_recipient),
        )
    if (
        not transfer
        and not has_support_noun(sentence, tokens)
        and not any(t.pos_ in ("NOUN", "PROPN") and lex.categories_of(t) for t in tokens)
        and not any(lex.named_by_compound(t) for t in tokens)
        and not any(is_designation(t) for t in tokens)
    ):
        asked = _asks_to_undo_or_repeat(lex, verb)
        if targets and asked:
            cats = _told_category(targets, ctx, undo=asked == "undo")
            return _appeal_events(
                (actors, targets), cats, verb, 0.6, "appeal-undo", _beneficiary([], ctx.default_recipient)
            )
        return []  # "asking Ukraine to comply with the law ... military goals": nothing to give
    cats, cat_default = _category_or_default(
        sentence,
        tokens,
        ctx,
        allow_default=transfer or has_support_noun(sentence, tokens),
        sentence_wide=True,
    )
    paying = paying_out or any(t.lemma_.lower() == "pay" and _gives_by_another_verb(t) for t in tokens)
    if not cats and (names_money(tokens) and has_support_noun(sentence, tokens) or paying):
        cats, cat_default = ["financial"], True  # "urged EU leaders to approve the 50 billion euro
        # aid", "called on Washington to restore the funding"
    recipients = [r for t in tokens for r in recipients_of(sentence, t, dobj_is_recipient=False)]
    beneficiary = next((r for r in recipients if r not in targets), ctx.default_recipient)
    conf = 0.85 - 0.15 * cat_default - 0.3 * unnamed
    return _appeal_events((actors, targets), cats, verb, conf, "appeal-verb", _beneficiary([], beneficiary))


# verbs of paying money out: "to release the money", "to disburse the funds", "to put more
# money into the mission"
_PAYING_OUT = frozenset(
    {
        "release",
        "disburse",
        "transfer",
        "unlock",
        "unfreeze",
        "pay",
        "put",
        "pour",
        "pump",
        "plough",
        "inject",
    }
)


def _pays_out_money(tokens: list[Token]) -> bool:
    """ "urged the EU to disburse the money", "appealed to the Fund to release the funding": a
    verb of paying out whose object is money."""
    return any(
        t.pos_ == "VERB" and t.lemma_.lower() in _PAYING_OUT and names_money(list(o.subtree))
        for t in tokens
        for o in children(t, frozenset({"dobj"}))
    )


def _gives_by_another_verb(token: Token) -> bool:
    """Giving told by a verb of another class: "to follow (up) with a fourth system", "to help
    pay for repairs to the grid"."""
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB" or lemma not in ("follow", "pay"):
        return False
    holders = [token, *children(token, frozenset({"prt"}))]  # "follow up with"
    wanted = "with" if lemma == "follow" else "for"
    return any(p.dep_ == "prep" and p.lower_ == wanted for h in holders for p in h.children)


# what a party is asked to do about a refusal, or about others' giving: "pressed Berlin to
# reconsider", "urged Britain to do the same", "appealed to Qatar to fill the gap"
_UNDOING = frozenset({"reconsider", "rethink", "reverse", "revisit", "relent", "overturn"})


def _halt_of_support(noun: Token) -> bool:
    """ "its freeze", "the pause on funding": a halt of giving (not "the export freeze", a rule)."""
    return noun.lemma_.lower() in HALT_NOUNS and not any(
        t.lemma_.lower() in ("export", "import", "trade", "sale", "licence", "license") for t in noun.subtree
    )


_MATCHING = frozenset({"match", "emulate"})
_IMITATED = {
    "do": frozenset({"same", "likewise"}),
    "follow": frozenset({"suit", "example", "lead"}),
    "fill": frozenset({"gap", "shortfall", "hole"}),
}


def _asks_to_undo_or_repeat(lex: Lexicon, verb: Token) -> str | None:
    """ "undo" for "pressed Berlin to reconsider" or "urged Japan to lift its freeze" (the halt
    it made), "repeat" for "urged Britain to do the same"."""
    for c in children(verb, frozenset({"xcomp", "ccomp"})):
        lemma = c.lemma_.lower()
        if lemma in _UNDOING:
            return "undo"
        if lemma in _ban_enders(lex) and any(_halt_of_support(o) for o in children(c, frozenset({"dobj"}))):
            return "undo"
        objects = {t.lower_ for t in c.children if t.dep_ in ("dobj", "advmod")}
        if lemma in _MATCHING or objects & _IMITATED.get(lemma, frozenset()):
            return "repeat"
        if lemma == "step" and any(t.lower_ == "in" for t in c.children if t.dep_ == "prt"):
            return "repeat"  # "step in"
    return None


def _told_category(targets: list[str], ctx: ArticleContext, *, undo: bool) -> list[str]:
    """The kind of support an appeal to undo or repeat is about: for an undoing, the kind the
    target last refused ("Germany refused to send Taurus ... pressed Berlin to reconsider"); for
    a repeat, the kind of the last act told; else the article's usual kind."""
    if undo:
        told = [ctx.refused_category[t] for t in targets if t in ctx.refused_category]
    else:
        told = [e["category"] for e in ctx.last_events if e.get("category")]
    told = told or ([ctx.default_category] if ctx.default_category else [])
    return told[:1]


_ENVOYS = frozenset({"ambassador", "envoy", "emissary", "representative", "delegation", "mission"})


_AWAY_PARTICLES = frozenset({"back", "out", "away", "off", "across", "forward", "aside"})


def _moves_bodily(verb: Token) -> bool:
    """ "pushed the enemy back", "pressed Russian troops out of the town", "drove forces off":
    a verb of pressing used for moving someone on the ground asks nothing."""
    if any(c.dep_ in ("prt", "advmod") and c.lower_ in _AWAY_PARTICLES for c in verb.children):
        return True
    return any(
        c.dep_ == "dobj" and c.lemma_.lower() in _FORCES and not children(c, frozenset({"poss"}))
        for c in verb.children
    ) and not children(verb, frozenset({"xcomp", "ccomp"}))


_PUSHING_BACK = frozenset({"push", "pull", "hold", "fight", "step"})


def _resisting_parties(sentence: Sentence, verb: Token) -> list[str]:
    """Who resists an appeal in the clause joined to it by "but": "Zelensky pushed hard on
    Tomahawks but Trump pushed back", "Kyiv pleaded for jets, but Washington refused"."""
    lex = sentence.lexicon
    found: list[str] = []
    for conj in children(verb, frozenset({"conj"})):
        if not any(c.dep_ == "cc" and c.lower_ in ("but", "yet") for c in verb.children if c.i < conj.i):
            continue
        lemma = conj.lemma_.lower()
        back = lemma in _PUSHING_BACK and any(c.lower_ == "back" for c in conj.children)
        if back or lemma in lex.words("refusal", "verbs") or _refusal_phrase(lex, conj):
            found += [c for c in actors_of(sentence, subject_of(conj)) if c not in found]
    return found


def _in_side_clause(token: Token, top: Token) -> bool:
    """A word in a relative or comment clause below ``top`` ("..., which means they use it to
    target military goals"): it says something about the request, not what is asked."""
    while token != top and token.head != token:
        infinitive = token.dep_ == "relcl" and _bare_infinitive(token)
        givers = (
            token.dep_ == "relcl" and token.head.lemma_.lower() in _GIVING_GROUPS
        )  # "the coalition that supplies jets"
        if (
            token.dep_ in ("relcl", "parataxis")
            and not (infinitive or givers)
            or token.dep_ == "ccomp"
            and token.head != top
            or _scene_clause(token)
        ):
            return True
        token = token.head
    return False


def _buying_turns(verb: Token) -> bool:
    """A verb of wanting whose subject is a noun of buying: purchases turn to a seller."""
    subject = subject_of(verb)
    return subject is not None and subject.lemma_.lower() in _PURCHASES


# nouns of buying: the verbs of buying as nouns ("purchases", "orders", "imports") and their kin
_PURCHASES = BUYING_VERBS | {"procurement", "buying", "acquisition", "sale"}


def _bare_infinitive(verb: Token) -> bool:
    """ "asking Athens for months to hand over its batteries": an infinitive with no subject of
    its own, whatever noun the parser hung it on."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in verb.children
    )


def _addressees(sentence: Sentence, verb: Token) -> list[str]:
    """Whom an appeal is addressed to when the verb names nobody: the "to X" of a letter or
    message it goes with ("In a letter to the Dutch prime minister, Zelensky asked for ...",
    "sent a letter to Netanyahu asking for ..."), or the host of an envoy who asks."""
    found: list[str] = []
    for token in sentence.span:
        if token.lemma_.lower() in _MESSAGES - {"list", "proposal", "offer"} and token.pos_ == "NOUN":
            holders = [token, token.head] if token.dep_ == "dobj" else [token]  # "sent a letter to X"
            found += [
                c
                for h in holders
                for p in h.children
                if p.dep_ in ("prep", "dative") and p.lower_ == "to"
                for o in p.children
                for c in actors_of(sentence, o)
            ]
    found += [c for c in _hosts(sentence) if c not in found]
    subject = subject_of(verb)
    if subject is not None and subject.lemma_.lower() in _ENVOYS:
        found += [c for o in prep_objects(subject, frozenset({"to", "in"})) for c in actors_of(sentence, o)]
    return list(dict.fromkeys(found))


# the scene of an appeal made face to face: "during his visit to Berlin", "in a phone call
# with the Japanese prime minister", "in talks with", "speaking alongside the chancellor"
_SCENES = frozenset(
    {"visit", "trip", "call", "talk", "meeting", "conversation", "session", "dinner", "summit"}
)


_SPEECHES = frozenset({"speech", "address"})  # "in a speech to the Italian parliament"


_SCENE_VERBS = frozenset({"speak", "stand", "appear", "meet", "talk"})


def _asked_before(ctx: ArticleContext, actor: str) -> list[str]:
    """The party ``actor`` was last told asking (the headline "Zelensky asks Germany for tanks",
    then "He also asked for air defence")."""
    target = ctx.asked_before.get(actor)
    return [target] if target else []


def _met_by(sentence: Sentence, actor: str) -> list[str]:
    """The party ``actor`` meets in this sentence ("Sandu, who met the Commission president,
    sought ...") or met in the sentences just before ("Zelensky met Scholz. He asked for ...")."""
    for pairs in (met_parties(sentence), sentence.scene):
        other = [b if a == actor else a for a, b in pairs if actor in (a, b)]
        if other:
            return other[:1]
    return []


def _givers_of_asked(sentence: Sentence, verb: Token) -> list[str]:
    """The giver named with the support asked for: "more help from the EU", "Washington's
    help", "the delivery of jets by the Netherlands and Denmark"."""
    nouns = sentence.lexicon.words("support", "nouns")
    asked = [
        t for c in _asked_parts(verb) for t in c.subtree if t.pos_ == "NOUN" and t.lemma_.lower() in nouns
    ]
    asked += [t for t in children(verb, frozenset({"dobj"})) if t.lemma_.lower() in nouns]
    found: list[str] = []
    for noun in dict.fromkeys(asked):
        found += [c for c in modifier_actors(sentence, noun) if c not in found]
    return found


def _told_parties(sentence: Sentence, verb: Token) -> list[str]:
    """Whom the words holding ``verb`` are told to: "'We need jets,' he told Spanish lawmakers"."""
    clause = verb
    while clause.dep_ == "conj" and clause.head != clause:
        clause = clause.head
    speech = clause.head
    if clause.dep_ not in ("ccomp", "parataxis") or speech.lemma_.lower() not in ("tell", "write", "address"):
        return []
    told = children(speech, frozenset({"dobj", "dative"})) + prep_objects(speech, frozenset({"to"}))
    return [c for o in told for c in actors_of(sentence, o)]


def _hosts(sentence: Sentence) -> list[str]:
    """Whom a speaker faces where the appeal is made: the "to/with X" of a visit, call, talks
    or meeting, or the "alongside/with X" of "speaking alongside X"."""
    found: list[str] = []
    for token in sentence.span:
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN" and lemma in _SCENES | _SPEECHES:
            preps = frozenset({"to"}) if lemma in {"visit", "trip"} | _SPEECHES else frozenset({"with"})
            objects = prep_objects(token, preps)
        elif token.pos_ == "VERB" and lemma in _SCENE_VERBS and token.dep_ in ("advcl", "ROOT", "conj"):
            objects = prep_objects(token, frozenset({"alongside", "beside", "with"}))
        else:
            continue
        found += [c for o in objects for c in actors_of(sentence, o) if c not in found]
    return found


# objects of "on" that say when or for whom, not whom a request is made to
_CIRCUMSTANCES = WEEKDAYS | frozenset(
    {
        "weekend",
        "day",
        "occasion",
        "behalf",
    }
)


# verbs whose object is the thing asked for ("requested armoured vehicles"), not the one asked
_THING_ASKED = frozenset({"seek", "request", "demand", "want", "need", "solicit", "desire", "require"})


def _addressed_to_someone(verb: Token) -> bool:
    """ "asked allies for help", "urged the West to": an addressee the codes do not cover
    (not the thing of "requested armoured vehicles")."""
    thing_asked = verb.lemma_.lower() in _THING_ASKED
    addressees = [
        c
        for c in children(verb, frozenset({"dobj", "dative"}))
        if not thing_asked or c.pos_ in ("PROPN", "PRON")
    ]
    preps = prep_objects(verb, frozenset({"on", "upon", "to", "of", "from", "with"}))
    return bool(addressees) or any(o.lower_ not in _CIRCUMSTANCES for o in preps)  # not "on Tuesday"


_HAVING = frozenset({"use", "get", "have", "see", "enjoy", "count", "rely", "benefit"})


def _wants_owned(sentence: Sentence, verb: Token) -> bool:
    """ "Ukraine wants Italy's SAMP/T systems": weapons another party owns; "would like to use
    Greece's support in ...": another party's help."""
    askers = actors_of(sentence, subject_of(verb))
    objects = children(verb, frozenset({"dobj"}))
    objects += [
        o
        for x in children(verb, frozenset({"xcomp"}))
        if x.lemma_.lower() in _HAVING
        for o in children(x, frozenset({"dobj"}))
        if o.lemma_.lower() in _HELP_NOUNS
    ]
    return any(
        sentence.lexicon.categories_of(o)
        or o.lemma_.lower() in _HELP_NOUNS
        or any(sentence.lexicon.categories_of(t) for t in o.lefts)
        for o in objects
        if any(set(actors_of(sentence, p)) - set(askers) for p in children(o, frozenset({"poss"})))
    )


# verbs of depending on a supplier: "relies on Russia for aircraft" tells who sells, asks nothing
_DEPENDING = frozenset({"rely", "depend"})


def _turns_to_for(sentence: Sentence, verb: Token) -> bool:
    """ "turned to the EU for emergency funding", "looks to Japan for loans": a party to turn
    to and support to turn for."""
    lex = sentence.lexicon
    if verb.dep_ in ("xcomp", "ccomp", "advcl"):
        return False  # "forcing Moscow to turn to its allies for support": someone's reading
    asked = [t for o in prep_objects(verb, frozenset({"for"})) for t in o.subtree]
    return (
        bool(prep_objects(verb, frozenset({"to", "on", "upon"})))
        and bool(asked)
        and (has_support_noun(sentence, asked) or any(lex.categories_of(t) for t in asked))
    )


_SPEAKING = frozenset(
    {
        "explain",
        "clarify",
        "justify",
        "account",
        "tell",
        "inform",
        "report",
        "answer",
        "respond",
        "comment",
        "describe",
        "confirm",
        "disclose",
        "reveal",
        "detail",
        "specify",
        "say",
        "show",
        "prove",
        "investigate",
        "look",
        "examine",
        "review",
        "assess",
        "check",
        "verify",
    }
)


def _asks_to_speak(sentence: Sentence, verb: Token) -> bool:
    """ "asked Kyiv to explain how the missiles were used": words or a check are asked for,
    not support, whatever the clause mentions."""
    return any(
        comp.lemma_.lower() in _SPEAKING
        for comp in children(verb, frozenset({"xcomp", "ccomp", "advcl"}))
        if comp.dep_ != "advcl" or _bare_infinitive(comp)  # not the comment in "..., saying ..."
    )


_WAVERING = frozenset({"hesitate", "dither", "delay", "stall", "dawdle", "waver", "procrastinate"})


def _asks_a_question(verb: Token) -> bool:
    """ "asked whether Germany would send missiles", "asked why the EU was still financing ...":
    a question, not a request."""
    if children(verb, frozenset({"dobj", "dative"})):
        return False  # "asked Seoul whether it could supply shells" asks Seoul for them
    return any(
        m.dep_ == "mark"
        and m.lower_ in ("whether", "if")
        or m.i < c.i
        and m.tag_ in ("WRB", "WP")
        and m.lower_ in _WH_WORDS
        for c in children(verb, frozenset({"ccomp", "advcl"}))
        for m in c.children
    )


_WH_WORDS = frozenset({"why", "how", "what", "when", "where", "who"})


_LIFTING = frozenset({"lift", "ease", "end", "remove", "drop", "scrap", "relax", "suspend", "waive"})


def _asks_to_lift_sanctions(verb: Token) -> bool:
    """ "urged Washington to lift its remaining sanctions": what is asked ends a sanction (not a
    suspension of aid or a veto on it, whose lifting is asked support)."""
    return any(
        comp.lemma_.lower() in _LIFTING
        and any(o.lemma_.lower() in ("sanction", "penalty") for o in children(comp, frozenset({"dobj"})))
        for comp in children(verb, frozenset({"xcomp", "ccomp"}))
    )


def _asks_to_stop(sentence: Sentence, verb: Token) -> bool:
    """ "urged Washington to stop arming Taiwan" asks for less support, not more."""
    stops = sentence.lexicon.words("refusal", "verbs") | sentence.lexicon.words("appeal", "retreat_verbs")
    if any(_forces_out(o) for o in children(verb, frozenset({"dobj"}))):
        return True  # "demanded the withdrawal of French troops": forces asked out, no support asked
    for comp in children(verb, frozenset({"xcomp", "ccomp"})):
        # "not to reduce its aid" asks to keep it; "to pull its troops out" asks for none
        stopping = comp.lemma_.lower() in stops | _LESSENING or _pulls_back(comp)
        inner = children(comp, frozenset({"xcomp", "ccomp"}))
        if stopping and any(c.lemma_.lower() in stops | _WAVERING for c in inner):
            continue  # "urged Hungary to stop blocking the aid", "to stop hesitating" ask for it
        if stopping and any(_halt_of_support(o) for o in children(comp, frozenset({"dobj"}))):
            continue  # "asked Berlin to end the pause" asks for the support back
        if stopping != is_negated(comp):  # "urged Hungary not to block the aid" asks for it
            return True
    return False


# nouns of forces pulled back ("demanded the withdrawal of French troops")
_RETREATS = frozenset(
    {"withdrawal", "pullout", "pull-out", "pullback", "drawdown", "removal", "departure", "exit", "retreat"}
)
# what is pulled back when forces are ("the withdrawal of French troops", not "of Hungary's veto")
_PULLED = _FORCES | {"peacekeeper", "contingent", "personnel", "mission", "base", "presence"}
# where weapons are drawn from to be given ("pull its old Marders out of storage")
_STORES = frozenset({"storage", "stock", "stockpile", "reserve", "warehouse", "depot", "inventory", "budget"})


def _forces_out(noun: Token) -> bool:
    """ "the withdrawal of French troops", "a French pullout"; not "the withdrawal of Hungary's
    veto", nor one joined with an asked gift ("... and the delivery of German tanks")."""
    if noun.lemma_.lower() not in _RETREATS or any(c.dep_ == "conj" for c in noun.children):
        return False
    return all(o.lemma_.lower() in _PULLED for o in prep_objects(noun, frozenset({"of"})))


# "pull its troops out", "draw its forces back", "send the soldiers home": forces pulled back
_PULLING = frozenset({"pull", "draw"})
_SENDING_HOME = frozenset({"send", "bring", "take", "call", "ship", "fly"})


def _pulls_back(comp: Token) -> bool:
    """ "that Moscow pull its troops out of the plant", "to send the North Korean soldiers home"."""
    lemma = comp.lemma_.lower()
    words = {
        c.lower_
        for c in comp.children
        if c.dep_ in ("prt", "prep", "advmod", "npadvmod") or c.lower_ == "home"
    }
    if any(o.lemma_.lower() == "stop" for o in children(comp, frozenset({"dobj"}))):
        return False  # "pull out all the stops to send air defence"
    if any(
        t.lemma_.lower() in _STORES and t.head.lower_ in ("of", "from")
        for t in comp.subtree
        if t.dep_ == "pobj"
    ):
        return False  # "pull its old Marders out of storage": drawn out to be given
    return lemma in _PULLING and bool(words & {"out", "back"}) or lemma in _SENDING_HOME and "home" in words


# verbs of giving less support, or none, to someone: asked not to, a party is asked to keep giving
_ABANDONING = frozenset({"abandon", "desert", "forsake"})
_LESSENING = _ABANDONING | {"reduce", "curtail", "trim", "lower", "scale"}


def _asks_not_to_abandon(sentence: Sentence, tokens: list[Token]) -> bool:
    """ "urged American lawmakers not to abandon Ukraine": asked not to leave a party to itself,
    a giver is asked to keep giving (of the kind the article tells)."""
    return any(
        t.pos_ == "VERB"
        and t.lemma_.lower() in _ABANDONING
        and is_negated(t)
        and any(actors_of(sentence, o) for o in children(t, frozenset({"dobj"})))
        for t in tokens
    )


# verbs that impose a restriction on a third party: what a request for them asks is no support
_IMPOSING = frozenset({"impose", "ban", "embargo", "blacklist", "designate", "freeze", "bar"})


def asks_for_measures(sentence: Sentence, verb: Token) -> bool:
    """ "urged the Security Council to impose an arms embargo on Rwanda", "called on the EU to
    ban insurance for fuel cargoes": a request that a restriction be imposed asks for no support
    (nor does asking to sanction someone)."""
    imposing = _IMPOSING | sentence.lexicon.words("sanction", "verbs")
    return any(
        comp.lemma_.lower() in imposing and not is_negated(comp)
        for comp in children(verb, frozenset({"xcomp", "ccomp"}))
    )


# what a party may ask for that is no support: a meeting, a vote, an inquiry
_PROCEEDINGS = INQUIRIES | {
    "meeting",
    "session",
    "summit",
    "vote",
    "debate",
    "probe",
    "hearing",
    "explanation",
    "clarification",
}


def asks_for_proceedings(verb: Token) -> bool:
    """ "requested an emergency meeting of the UN Security Council", "called for an
    independent inquiry": a body is asked to meet or to look into something, not for support."""
    asked = children(verb, frozenset({"dobj"})) + prep_objects(verb, frozenset({"for"}))
    return bool(asked) and all(o.lemma_.lower() in _PROCEEDINGS for o in asked)


def _appeal_targets(sentence: Sentence, verb: Token) -> list[str]:
    objs = children(verb, frozenset({"dobj", "dative"}))
    objs = [
        o
        for o in objs
        if o.i in sentence.codes or o.pos_ in ("PROPN", "PRON") or not sentence.lexicon.categories_of(o)
    ]  # "sought jets", not a party
    named = any(actors_of(sentence, o) for o in objs)
    preps = sentence.lexicon.words("appeal", "target_preps") - ({"to"} if named else set())
    objs += [  # "pressed Berlin on faster deliveries to Kyiv": the deliveries and Kyiv are no target
        o
        for o in prep_objects(verb, preps)
        if not (o.pos_ == "NOUN" and o.i not in sentence.codes and _names_a_thing(sentence, o))
    ]
    for obj in children(verb, frozenset({"dobj"})):  # "requested interceptors from the US"
        objs += prep_objects(obj, frozenset({"from"}))
    if is_passive(verb):  # "Madrid was asked by Kyiv for more tanks": the subject is asked
        objs += [
            o
            for o in children(verb, frozenset({"nsubjpass"}))
            if o.i in sentence.codes or o.pos_ in ("PROPN", "PRON") or not sentence.lexicon.categories_of(o)
        ]
        for thing in children(verb, frozenset({"nsubjpass"})):  # "more tanks were requested from Berlin"
            objs += prep_objects(thing, frozenset({"from"}))
        objs += prep_objects(verb, frozenset({"from"}))
    for obj in prep_objects(verb, frozenset({"for"})):  # "called for Japan to send aid"
        if obj.i in sentence.codes and obj.i + 1 < len(obj.doc) and obj.doc[obj.i + 1].lower_ == "to":
            objs.append(obj)
    for prt in children(verb, frozenset({"prt"})):
        objs += children(prt, frozenset({"pobj"}))
    receiving = sentence.lexicon.words("support", "receive_verbs")
    for comp in children(verb, frozenset({"xcomp"})):  # "wants to get jets from Sweden"
        if comp.lemma_.lower() in receiving:
            objs += prep_objects(comp, frozenset({"from"}))
    found: list[str] = []
    for obj in objs:
        found += [c for c in actors_of(sentence, obj) if c not in found]
    if not found:
        for comp in children(verb, frozenset({"ccomp", "xcomp"})):
            found += actors_of(sentence, subject_of(comp))
    if not found:  # "called for Germany to station more tanks" (parsed as an adverbial clause)
        for comp in children(verb, frozenset({"advcl"})):
            if any(m.dep_ == "mark" and m.lower_ in ("for", "that") for m in comp.children):
                givers = _passive_agents(sentence, comp) if is_passive(comp) else []  # "for more
                givers = givers or actors_of(sentence, subject_of(comp))  # tanks to be sent by Germany"
                found += [c for c in givers if c not in found]
    if not found:  # "requested its MiG-29 jets", "asked for Greece's S-300s": the owner is asked
        asked = children(verb, frozenset({"dobj"})) + prep_objects(verb, frozenset({"for"}))
        owners = [p for o in asked for p in children(o, frozenset({"poss"}))]
        askers = actors_of(sentence, subject_of(verb))
        for owner in owners:
            codes = actors_of(sentence, owner)
            if owner.pos_ == "PRON" and set(codes) <= set(askers):  # "its" is not the asker's
                codes = [c for i, c in sorted(sentence.codes.items()) if i < owner.i and c not in askers][-1:]
            found += [c for c in codes if c not in found and c not in askers]
    return found


_APPROACHING = frozenset(
    {"approach", "turn", "reach", "write", "go", "apply", "look", "make", "press", "court"}
)
# going to a place to ask there: "travelled to Moscow to seek military assistance", "visited
# Beijing seeking loans" (but "travelled to Moscow for talks" asks for nothing)
_TRAVELLING = frozenset({"travel", "fly", "head", "journey", "visit"})


@anchored_on("VERB", lemmas=lambda lex: _APPROACHING | _TRAVELLING)
def appeal_approach(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """Going to someone for support: "approached Seoul for ammunition", "reached out to Romania
    for help", "wrote to the Japanese prime minister asking for air defence", "made the case
    to Canadian lawmakers for more military aid"."""
    lemma = verb.lemma_.lower()
    if (
        verb.pos_ != "VERB"
        or lemma not in _APPROACHING | _TRAVELLING
        or is_negated(verb)
        or is_hedged(sentence, verb)
    ):
        return []
    if verb.dep_ == "xcomp":
        return []  # "forcing Moscow to turn to its allies for support": someone's reading
    if lemma == "make" and not any(c.dep_ == "dobj" and c.lemma_.lower() == "case" for c in verb.children):
        return []
    addressees = prep_objects(verb, frozenset({"to"}))
    addressees += [g for p in verb.children if p.dep_ == "prt" for g in prep_objects(p, frozenset({"to"}))]
    if lemma in ("approach", "court", "visit"):  # "approached Seoul for", "has been courting Seoul for"
        addressees += children(verb, frozenset({"dobj"}))
    holders = [verb, *addressees, *children(verb, frozenset({"dobj"}))]  # "the case to X for Y"
    asked_preps = (
        frozenset({"for", "about", "over", "regarding"}) if lemma == "approach" else frozenset({"for"})
    )
    asked = [t for h in holders for o in prep_objects(h, asked_preps) for t in o.subtree]
    asked = [] if lemma in _TRAVELLING else asked  # a journey asks only by a verb of asking
    asked += [
        t
        for p in children(verb, frozenset({"prep"}))
        if p.lower_ in asked_preps - {"for"}
        for c in children(p, frozenset({"pcomp"}))
        for t in c.subtree
    ]  # "about supplying shells"
    comps = children(verb, frozenset({"advcl", "xcomp", "conj"}))
    comps += [c for a in addressees for c in children(a, frozenset({"acl"}))]  # "wrote to X seeking"
    for comp in comps:  # "..., asking for X"
        if comp.lemma_.lower() in ("ask", "seek", "request", "plead", "call"):
            asked += [t for c in comp.children if c.dep_ in ("prep", "dobj") for t in c.subtree]
    if not asked:
        return []
    hosts = [] if addressees else _hosts(sentence)  # "made the case ... in a meeting with X"
    if not addressees and not hosts:
        return []
    sentence_lex = sentence.lexicon
    if not (
        has_support_noun(sentence, asked)
        or any(sentence_lex.categories_of(t) for t in asked)
        or any(t.lemma_.lower() in sentence_lex.support_verbs for t in asked)  # "about contributing"
    ):
        return []
    cats, cat_default = _category_or_default(sentence, asked, ctx, allow_default=True, sentence_wide=True)
    actors = _refusal_actors(sentence, verb)
    targets: list[str] = []
    asked_ids = {t.i for t in asked}
    for obj in addressees:
        targets += [
            c
            for c in actors_of(sentence, obj)
            if c not in targets
            and c not in actors
            and not any(t.i in asked_ids and t.i in sentence.codes for t in [obj])
        ]
    targets += [c for c in hosts if c not in targets and c not in actors]
    recipients = [r for t in asked for r in recipients_of(sentence, t, dobj_is_recipient=False)]
    return _appeal_events(
        (actors, targets),
        cats,
        verb,
        0.75 - 0.15 * cat_default,
        "appeal-approach",
        lambda actor, target: _beneficiary(recipients, actor)(actor, target),
    )


_DEONTIC = frozenset({"must", "should", "ought"})


_OBLIGING = frozenset({"need", "have"})


def _obliged(verb: Token) -> bool:
    """ "Germany must send", "should deliver", "needs to supply", "has to provide", "it is time
    for Germany to send"."""
    if time_for(verb):
        return True
    modal = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in _DEONTIC), None)
    if modal is not None:  # not "should it send arms", a condition put first
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subject is None or subject.i < modal.i
    head = verb.head
    return (
        verb.dep_ == "xcomp"
        and head.lemma_.lower() in _OBLIGING
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def _more_to_give(lex: Any, verb: Token) -> Token | None:
    """The giving infinitive of "do more to arm Ukraine", "do more to help Kyiv with shells"."""
    amounts = [c for c in verb.children if c.lower_ in ("more", "everything", "all")]
    if not amounts:
        return None
    holders = [(verb, frozenset({"advcl", "xcomp"})), *((a, frozenset({"relcl", "acl"})) for a in amounts)]
    return next(
        (c for h, deps in holders for c in children(h, deps) if _bare_infinitive(c)),
        None,
    )


@anchored_on(
    "VERB",
    lemmas=lambda lex: (
        lex.support_verbs
        | lex.words("support", "object_verbs")
        | lex.words("policy_change", "permit_verbs")
        | {"step", "ramp", "scale", "do"}
    ),
)
def appeal_deontic(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """What another party must give, said by a speaker: '"Germany must send Taurus now," the
    Lithuanian minister said', "Spain should deliver more tanks, Kyiv says"."""
    lex = sentence.lexicon
    if verb.pos_ != "VERB" or not _obliged(verb):
        return []
    giving = _more_to_give(lex, verb) if verb.lemma_.lower() == "do" else verb
    if giving is None:
        return []
    raising = lex.words("support", "object_verbs") | {"step", "ramp", "scale"}
    raising |= lex.words("policy_change", "permit_verbs")  # "should allow deliveries of armoured vehicles"
    if giving.lemma_.lower() not in lex.support_verbs and not (
        giving.lemma_.lower() in raising and has_support_noun(sentence, object_tokens(giving))
    ):
        return []  # "should send tanks", "must step up its military support"
    if is_negated(verb) or (verb.dep_ == "xcomp" and is_negated(verb.head)):
        return []  # "should not send" asks for no support
    clause = verb.head if verb.dep_ == "xcomp" else verb
    clause = clause.head.head if time_for(verb) else clause  # "said it was time for X to send"
    speech = clause.head
    if clause.dep_ not in ("ccomp", "parataxis") or speech.lemma_.lower() not in lex.words(
        "modality", "reporting_verbs"
    ):
        return []
    if is_negated(speech) or is_hedged(sentence, speech):
        return []
    speakers = actors_of(sentence, subject_of(speech))
    targets = [c for c in actors_of(sentence, subject_of(verb)) if c not in speakers]
    objects = object_tokens(giving)
    if giving is not verb and not categories_in(sentence, objects):
        objects = [giving, *objects]  # "do more to arm Ukraine": arming says the kind
    if not (categories_in(sentence, objects) or has_support_noun(sentence, objects)):
        return []
    cats, cat_default = _category_or_default(sentence, objects, ctx, allow_default=True, sentence_wide=True)
    recipients = recipients_of(
        sentence, giving, dobj_is_recipient=giving.lemma_.lower() in DOBJ_RECIPIENT_VERBS
    )
    return _appeal_events(
        (speakers, targets),
        cats,
        verb,
        0.7 - 0.15 * cat_default,
        "appeal-deontic",
        _beneficiary(recipients, ctx.default_recipient),
    )


@anchored_on("VERB", lemmas=lambda lex: lex.support_verbs)
def appeal_imperative(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """A quoted order to give, told to a party: '"Send us more shells," the Ukrainian minister
    told his Czech counterpart'."""
    lex = sentence.lexicon
    if verb.pos_ != "VERB" or verb.tag_ != "VB" or verb.lemma_.lower() not in lex.support_verbs:
        return []
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in verb.children) or is_negated(
        verb
    ):
        return []  # an imperative has no subject, auxiliary or "to" of its own
    speech = verb.head
    if verb.dep_ not in ("ccomp", "parataxis") or speech.lemma_.lower() not in (
        "tell",
        "say",
        "urge",
        "write",
    ):
        return []
    speakers = actors_of(sentence, subject_of(speech))
    told = children(speech, frozenset({"dobj", "dative"})) + prep_objects(speech, frozenset({"to"}))
    targets = [c for o in told for c in actors_of(sentence, o) if c not in speakers]
    targets = targets or [c for c in _hosts(sentence) if c not in speakers]
    objects = object_tokens(verb)
    cats = categories_in(sentence, objects)
    return _appeal_events((speakers, targets), cats, verb, 0.7, "appeal-imperative")
