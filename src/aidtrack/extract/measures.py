"""Event rules for threats, sanctions and policy changes.

Like :mod:`aidtrack.extract.events`, each rule reads one trigger token.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.tokens import Token

from aidtrack.extract.clauses import (
    Sentence,
    actors_of,
    agent_of,
    children,
    companions,
    coordinated_groups,
    counted_group,
    governors,
    is_future,
    is_hedged,
    is_negated,
    is_passive,
    is_past,
    prep_objects,
    reporters_of,
    subject_of,
)
from aidtrack.extract.events import ArticleContext, Found
from aidtrack.extract.lexicon import Lexicon
from aidtrack.extract.roles import (
    categories_in,
    donors_of_verb,
    modifier_actors,
    object_tokens,
    recipients_of,
)

_STRONG_CONSEQUENCES = frozenset(
    {
        "consequence",
        "retaliation",
        "retaliate",
        "countermeasure",
        "mistake",
        "repercussion",
        "hostile",
        "response",
        "target",
        "involvement",
        "reciprocate",
        "escalate",
        "escalation",
        "provoke",
        "provocation",
        "party",
        "pay",
        "price",
        "responsibility",
        "unanswered",
        "unpunished",
        "regret",
    }
)

# "Denmark would bear full responsibility", "Finland would pay a price": the subject of
# these verbs is the one the consequence is aimed at
_BEARING = frozenset({"bear", "pay", "face", "suffer", "shoulder", "carry", "regret"})
# "the decision by Greece will not go unanswered": the subject's party is aimed at
_STAYING = frozenset({"go", "remain", "stay", "be", "leave"})
_CONDITION_MARKS = frozenset({"if", "should", "unless", "once", "when"})


_CONSEQUENCE_VERBS = frozenset({"retaliate", "reciprocate", "escalate", "provoke", "pay"})
# "vowed to respond to Finland's accession", "promised to punish Lithuania": answering verbs
# threaten when vowed, or when the answer is given "with" measures or force
_ANSWERING = frozenset({"respond", "react", "punish", "answer", "avenge", "hit", "strike"})
_VOWING = frozenset({"vow", "pledge", "promise", "threaten", "warn", "swear", "signal", "hint", "reserve"})
# "will take all necessary measures against Lithuania"
_FIRM = frozenset(
    {
        "necessary",
        "all",
        "resolute",
        "decisive",
        "firm",
        "harsh",
        "tough",
        "appropriate",
        "strong",
        "retaliatory",
        "reciprocal",
        "adequate",
        "countermeasure",
    }
)
_STEPS = frozenset({"measure", "step", "action"})
_ACCUSING = frozenset({"accuse", "blame", "charge", "condemn", "denounce"})
# "Sweden should not expect Turkey's support": withholding one's support is the threat
_COUNTING = frozenset({"expect", "count", "rely", "bank", "hope", "wait"})
_BACKING = frozenset(
    {
        "support",
        "backing",
        "approval",
        "help",
        "blessing",
        "vote",
        "consent",
        "endorsement",
        "ratification",
        "assistance",
    }
)


def _clause_text(token: Token, limit: int = 160) -> str:
    words = list(token.subtree)
    text = token.doc[words[0].i : words[-1].i + 1].text if words else token.text
    return text[:limit]


def _others(found: list[str], exclude: set[str]) -> list[str]:
    return [c for c in dict.fromkeys(found) if c not in exclude]


def threat_verb(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Russia warned South Korea against sending weapons", "threatened Seoul"."""
    lex = sentence.lexicon
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in lex.words("threat", "verbs"):
        return []
    if is_negated(verb) or is_hedged(sentence, verb):
        return []
    actors = _actors(sentence, verb)
    targets: list[str] = []
    addressed = children(verb, frozenset({"dobj", "dative"}))
    if is_passive(verb):  # "Lithuania has been threatened with countermeasures by Beijing"
        addressed += children(verb, frozenset({"nsubjpass"}))
    for obj in addressed or prep_objects(verb, frozenset({"to"})):  # not "warns Japan over exports to US"
        targets += actors_of(sentence, obj)
    cue_words = lex.words("threat", "consequence_words") | _STRONG_CONSEQUENCES
    for cue in [
        o for o in addressed if o.lemma_.lower() in cue_words
    ]:  # "threatened consequences for Riyadh"
        targets += [
            c for o in prep_objects(cue, frozenset({"for", "against"})) for c in actors_of(sentence, o)
        ]
    people = [o for o in addressed if o.pos_ in ("NOUN", "PROPN") and o.lemma_.lower() not in cue_words]
    if people and not targets:
        return []  # "warns Gulf states not to allow ...": the warned are a group no code names
    named = len(targets)  # "warned Finland and Sweden": every conjunct is a target
    tokens = list(verb.subtree)
    cues = lex.words("threat", "consequence_words")
    has_cue = any(t.lemma_.lower() in cues for t in tokens)
    against = bool(prep_objects(verb, frozenset({"against"}))) or any(
        c.dep_ == "xcomp" and is_negated(c) for c in verb.children
    )
    acts = children(verb, frozenset({"xcomp"}))
    shielded = _shielded([t for c in acts for t in c.subtree])  # "to veto sanctions on Russia"
    shielded |= _clubs([t for c in acts for t in c.subtree])  # "application to join the alliance"
    threatened_act = [t for c in acts for t in c.subtree if not _in_relative(t, c) and t.i not in shielded]
    told = [c for c in verb.children if c.dep_ == "ccomp"]
    if not targets and told and all(is_past(c) and not is_future(c) for c in told):
        inside = {t.i for c in told for t in c.subtree}
        if not any(t.lemma_.lower() in cues for t in tokens if t.i not in inside):
            return []  # "warned Russia had begun a new offensive with heavy attacks": a report
    if not targets and any(_predicts_harm_by_other(sentence, c, actors) for c in told):
        return []  # "warned that Russia could attack the Baltic states": a forecast, not a threat
    if not targets and threatened_act:  # "... unless Kyiv restored the rights": the one pressed
        targets = _pressed_parties(sentence, [verb, *acts], actors)
        named = max(named, len(targets))
        has_cue = has_cue or bool(targets)
    if not targets and threatened_act:  # "threatened to cut gas supplies to Moldova"
        targets = [
            c
            for t in threatened_act
            for c in ([sentence.codes[t.i]] if t.i in sentence.codes else counted_group(sentence, t))
        ]  # "threatened to block the Nordic pair's membership": both countries
        has_cue = has_cue or bool(targets)
        named = max(
            named,
            len([t for t in threatened_act if t.i not in sentence.codes for _ in counted_group(sentence, t)]),
            _coordinated_count(sentence, threatened_act),  # "including Germany and the United States"
        )
    receiver = ctx.default_recipient
    if not targets and receiver is not None and receiver not in actors and _cuts_support(sentence, acts):
        targets, has_cue = [receiver], True  # "had threatened to cut funding": its receiver
    if not targets:  # "threatening consequences if the country supplies Patriots": who would act
        targets = [
            c
            for t in tokens
            if t.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in ("if", "should", "unless") for m in t.children)
            for c in actors_of(sentence, subject_of(t))
        ]
        has_cue = has_cue or bool(targets) and any(t.lemma_.lower() in cues for t in tokens)
    if not targets and verb.dep_ == "conj":  # "urged Washington to stop ... and warned that"
        targets = [c for o in children(verb.head, frozenset({"dobj"})) for c in actors_of(sentence, o)]
    exclude = set(actors)
    if not targets and has_cue:  # "warned that the decision to supply Ukraine ... escalates"
        giving = [t for t in tokens if t.pos_ == "VERB" and t.lemma_.lower() in lex.support_verbs]
        givers = [c for t in giving for c in donors_of_verb(sentence, t)]
        receivers = {c for t in giving for c in recipients_of(sentence, t, dobj_is_recipient=True)}
        shielded = _shielded(tokens) | _clubs(tokens)
        targets = givers + [
            sentence.codes[t.i]
            for t in tokens
            if t.i in sentence.codes and not _origin(t) and t.i not in shielded and not _striker(t)
        ]
        exclude |= ({ctx.default_recipient} if ctx.default_recipient else set()) | (receivers - set(givers))
    targets = _others(targets, exclude)
    conf = 0.8
    giver = _threatened_before(ctx, actors[0]) if not targets and has_cue and len(actors) == 1 else None
    if giver:
        targets, conf = [giver], 0.5  # "warned of consequences": for the giver
    warned = children(verb, frozenset({"dobj"})) or is_passive(verb) and addressed  # "Athens was warned"
    if not targets or not (has_cue or against or warned):
        return []
    if not (has_cue or against) and told and all(_reports_other(sentence, c, targets + actors) for c in told):
        return []  # "warned Kyiv that Russia was preparing an offensive": news passed on
    return [_threat(a, t, verb, conf) for a in actors for t in targets[: max(1, named)]]


_MADE = frozenset(
    {"made", "built", "designed", "supplied", "produced", "manufactured", "era", "origin", "donated"}
)


_CUTTING = frozenset(
    {"cut", "halt", "suspend", "withhold", "stop", "end", "freeze", "pull", "withdraw", "slash"}
)


def _cuts_support(sentence: Sentence, acts: list[Token]) -> bool:
    """ "threatened to cut funding", "to withhold aid": an act that takes support away."""
    nouns = sentence.lexicon.words("support", "nouns")
    return any(
        act.lemma_.lower() in _CUTTING
        and any(o.lemma_.lower() in nouns for o in children(act, frozenset({"dobj"})))
        for act in acts
    )


def _pressed_parties(sentence: Sentence, acts: list[Token], actors: list[str]) -> list[str]:
    """ "threatened to block the aid unless Kyiv restored the rights of its minority": the party
    of the condition is the one the threat presses."""
    return [
        c
        for act in acts
        for clause in act.children
        if clause.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in clause.children)
        for c in actors_of(sentence, subject_of(clause))
        if c not in actors
    ]


def _coordinated_count(sentence: Sentence, tokens: list[Token]) -> int:
    """How many parties the first coordination among ``tokens`` names ("Germany and the
    United States": two)."""
    groups = coordinated_groups([t for t in tokens if t.dep_ != "conj"], sentence.codes)
    return len(groups[0][0]) if groups else 0


def _shielded(tokens: list[Token]) -> set[int]:
    """Parties named inside a measure that a blocking verb would stop ("threatened to veto the
    renewal of sanctions on Russia"): the veto would spare them, so it threatens others."""
    out: set[int] = set()
    for verb in tokens:
        if verb.lemma_.lower() in _BLOCKING:
            for t in verb.subtree:
                if t.lemma_.lower() in _CORE_SANCTIONS | _MEASURES:
                    out |= {g.i for g in t.subtree}
    return out


_JOINING = frozenset({"join", "enter", "accede"})
_MEMBERSHIP = frozenset({"accession", "membership", "admission", "entry"})


def _clubs(tokens: list[Token]) -> set[int]:
    """The alliance or union a bid is to join ("block Sweden's application to join NATO",
    "veto its accession to the EU"): the club is not the one threatened, the applicant is."""
    out: set[int] = set()
    for tok in tokens:
        if tok.lemma_.lower() in _JOINING and tok.pos_ == "VERB":
            out |= {g.i for o in children(tok, frozenset({"dobj"})) for g in o.subtree}
        if tok.lemma_.lower() in _MEMBERSHIP:
            out |= {g.i for o in prep_objects(tok, frozenset({"to", "in", "of"})) for g in o.subtree}
    return out


def _origin(token: Token) -> bool:
    """ "American-made", "Soviet-era", "US-supplied": where a thing comes from, not a party."""
    doc = token.doc
    return token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].lower_ in _MADE


def _striker(token: Token) -> bool:
    """ "airspace for Israeli strikes": the party of a strike named in a warning to others is
    the one who would strike, not the one warned."""
    return token.dep_ in ("amod", "compound", "poss") and token.head.lemma_.lower() in _HARMING | {
        "raid",
        "operation",
    }


def _in_relative(token: Token, top: Token) -> bool:
    """ "ships of countries that back Israel": a party inside a relative clause below ``top``."""
    while token != top and token.head != token:
        if token.dep_ == "relcl":
            return True
        token = token.head
    return False


_HARMING = frozenset({"attack", "strike", "invade", "destroy", "escalate", "hit", "bomb", "target", "seize"})


def _predicts_harm_by_other(sentence: Sentence, clause: Token, speakers: list[str]) -> bool:
    """The told clause says another party may do harm ("that Russia could attack"): the
    warner forecasts, it threatens nobody."""
    doers = actors_of(sentence, subject_of(clause))
    return clause.lemma_.lower() in _HARMING and bool(doers) and not set(doers) & set(speakers)


def _threatened_before(ctx: ArticleContext, actor: str) -> str | None:
    """Whom an unaimed threat is for: whom ``actor`` threatened before in the article (the
    headline "Russia warns Seoul", then "We reserve the right to retaliate"), else who
    sanctioned it ("Seoul imposed curbs on Russia. Moscow vowed to retaliate"), else the
    article's giver."""
    return ctx.threatened_before.get(actor) or ctx.sanctioned_by.get(actor) or ctx.main_other(actor)


def _reports_other(sentence: Sentence, clause: Token, parties: list[str]) -> bool:
    """What a party was told is no threat to it when it is told as a fact, not as what is to
    come ("that Russia was preparing an offensive"), or when a third party (neither the one
    told nor the teller) acts in it."""
    if not is_future(clause) and not any(c.dep_ == "aux" and c.lower_ in _MODALS for c in clause.children):
        return True
    subject = subject_of(clause)
    named = subject is not None and subject.i in sentence.codes  # a party named, not "its bid"
    doers = actors_of(sentence, subject) if named else []
    return bool(doers) and not set(doers) & set(parties)


def _threat(actor: str, target: str, anchor: Token, conf: float) -> Found:
    fields = {"type": "threat", "actor": actor, "target": target}
    mark = next((t for t in anchor.sent if t.lower_ == "if" and t.dep_ == "mark"), None)
    if mark is not None:
        fields["condition"] = _clause_text(mark.head)
    cue = next((t for t in anchor.sent if t.lemma_.lower() in _STRONG_CONSEQUENCES), None)
    if cue is not None:
        fields["consequence"] = _clause_text(cue.head if cue.pos_ == "ADJ" else cue, limit=120)
    return Found(fields, anchor, conf, "threat")


def _misread_main(verb: Token) -> Token | None:
    """ "Canada, which has long been cautious, imposed sanctions on ...": after an aside the
    parser may read the main verb as a modifier of its object and the subject as the root;
    returns that subject (the root noun) when so."""
    if verb.pos_ != "VERB" or verb.dep_ != "amod" or verb.tag_ not in ("VBN", "VBD") or verb.i == 0:
        return None
    if verb.doc[verb.i - 1].text != "," or verb.head.i < verb.i:
        return None
    top = verb.head
    while top.dep_ in ("appos", "conj", "dobj", "npadvmod", "attr", "relcl") and top.head != top:
        top = top.head
    attributed = top.dep_ == "nsubj" and top.head.lemma_.lower() in _SAYING and top.head.i > verb.i
    if not (top.dep_ == "ROOT" or attributed) or top.pos_ not in ("PROPN", "NOUN") or top.i > verb.i:
        return None  # attributed: "..., imposed sanctions on ..., officials said" took the subject
    aside = verb.doc[top.i + 1 : verb.i]  # "which had long hesitated", "a close ally of Kyiv"
    told = any(t.tag_ in ("WDT", "WP") or t.dep_ in ("relcl", "appos", "acl") for t in aside)
    return top if told and aside[:1].text == "," else None


def _misread_object(verb: Token) -> list[Token]:
    """The object of a main verb read as its modifier (see :func:`_misread_main`)."""
    return [verb.head] if _misread_main(verb) is not None else []


def _actors(sentence: Sentence, verb: Token) -> list[str]:
    main = _misread_main(verb)
    if main is not None:
        return actors_of(sentence, main)
    if is_passive(verb):
        agent = agent_of(verb) or _late_agent(sentence, verb)
        return actors_of(sentence, agent) if agent is not None else []
    found = actors_of(sentence, subject_of(verb))
    if not found and verb.dep_ == "acl":
        for gov in governors(verb):
            found = actors_of(sentence, subject_of(gov))
            if found:
                break
    return found + [c for c in companions(sentence, verb) if c not in found] if found else found


def _answer_threatens(token: Token) -> bool:
    """ "vowed to respond to X", "will respond with force", "will take all necessary
    measures against X": an answer or a step aimed at someone, announced for the future."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and lemma in _ANSWERING:
        vowed = token.dep_ == "xcomp" and token.head.lemma_.lower() in _VOWING
        forceful = any(
            o.lemma_.lower() in _STEPS | {"force", "measure", "countermeasure"}
            for o in prep_objects(token, frozenset({"with"}))
        )
        conditional = any(
            c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in ("if", "should", "unless") for m in c.children)
            for c in token.children
        )  # "Moscow would respond if Finland allowed ..."
        return vowed or (forceful or conditional) and is_future(token)
    if token.pos_ == "NOUN" and lemma in _STEPS:
        firm = any(c.lower_ in _FIRM for c in token.children if c.dep_ in ("amod", "det", "compound"))
        aimed = bool(
            prep_objects(token, frozenset({"against"})) or prep_objects(token.head, frozenset({"against"}))
        )
        return firm and aimed and (is_future(token.head) or token.head.lemma_.lower() in _VOWING)
    return False


def threat_statement(sentence: Sentence, token: Token, ctx: ArticleContext) -> list[Found]:
    """ "Arming Ukraine will have grave consequences for Japan, Zakharova said"."""
    answer = _answer_threatens(token)
    if not answer and (
        token.lemma_.lower() not in _STRONG_CONSEQUENCES or token.pos_ not in ("NOUN", "VERB", "ADJ")
    ):
        return []
    if not answer and token.pos_ == "VERB" and token.lemma_.lower() not in _CONSEQUENCE_VERBS:
        return []  # "sanctions targeting oil exports" threatens nobody
    if token.pos_ == "VERB" and (is_negated(token) or _pays_for(token)):
        return []  # "Hungary would not pay for it" threatens nobody
    if not _consequence_word(token):
        return []
    speakers = _speaker(sentence, token)
    if not speakers:
        return []
    lex = sentence.lexicon
    supporters: list[str] = []
    givers: list[str] = []  # subjects and agents of giving verbs: never the recipient
    triggers = lex.support_verbs | lex.words("support", "nouns") | {"move", "supply", "arm"}
    for tok in sentence.span:
        if tok.lemma_.lower() in triggers:
            givers += donors_of_verb(sentence, tok) if tok.pos_ == "VERB" else []
            supporters += modifier_actors(sentence, tok) if tok.pos_ == "NOUN" else []
            agent = agent_of(tok)
            givers += actors_of(sentence, agent) if agent is not None else []
    supporters = givers + supporters
    exclude = set(speakers) | ({ctx.default_recipient} if ctx.default_recipient else set())
    exclude -= set(givers) - set(speakers)
    # "Moscow would retaliate against London", "vowed countermeasures against Lithuania",
    # "would make Israel a legitimate target"
    aimed = [c for o in prep_objects(token, frozenset({"against"})) for c in actors_of(sentence, o)]
    if token.pos_ == "NOUN" and token.lemma_.lower() in _ANSWER_NOUNS:
        aimed += _answered_parties(sentence, token)  # "a crushing response to Israel and the US"
    if answer:  # "respond to Finland's accession", "measures against Lithuania"
        aimed += [
            c
            for o in prep_objects(token, frozenset({"to", "against"}))
            + prep_objects(token.head, frozenset({"against"}))
            for t in [o, *children(o, frozenset({"poss"}))]
            for c in actors_of(sentence, t)
        ]
        aimed += [c for o in children(token, frozenset({"dobj"})) for c in actors_of(sentence, o)]
    if token.pos_ == "NOUN" and token.dep_ in ("oprd", "attr", "xcomp", "ccomp"):
        aimed += [
            c
            for o in children(token.head, frozenset({"dobj"}))
            if o.i < token.i
            for c in actors_of(sentence, o)
        ]
        aimed += [
            c
            for o in children(token, frozenset({"nsubj"}))  # "make Germany a party"
            for c in actors_of(sentence, o)
        ]
    named_first = bool(aimed)  # "a swift response to Baku if Israeli jets ...": Baku alone
    aimed += _bearers(sentence, token) + _accused(sentence)
    aimed += [] if named_first else _conditional_parties(sentence, token)
    aimed += _told_parties(sentence, token)
    if aimed:
        supporters = aimed + supporters
        exclude -= set(aimed)
    targets = _others(supporters, exclude)
    named = max(1, len(_others(aimed, exclude)))  # "accused Seoul and Tokyo": every conjunct
    conf = 0.7
    if not targets and _strong_unaimed(token) and len(speakers) == 1:
        receivers = {
            c
            for t in sentence.span
            if t.lemma_.lower() in triggers
            for c in recipients_of(sentence, t, dobj_is_recipient=t.pos_ == "VERB")
        }
        others = _others(list(sentence.codes.values()), exclude | receivers)  # the one other party named
        giver = others[0] if len(others) == 1 else _threatened_before(ctx, speakers[0])  # or the article's
        targets, conf = ([giver], 0.5) if giver else ([], conf)  # giver: "those who initiated this"
    return [_threat(s, t, token, conf) for s in speakers for t in targets[:named] if s != t]


_ANSWER_NOUNS = frozenset({"response", "retaliation", "reply", "answer", "countermeasure"})


def _answered_parties(sentence: Sentence, noun: Token) -> list[str]:
    """The parties an answer is to: "a crushing response to Israel and the United States", "in
    response to British depleted uranium shells for Kyiv" (the shells' maker, not Kyiv)."""
    ahead = [noun, *governors(noun)][:5]
    if not any(
        g.lemma_.lower() in _VOWING
        or is_future(g)
        or any(c.dep_ == "aux" and c.lower_ in _MODALS for c in g.children)
        for g in ahead
    ):
        return []  # "the decision was made in response to the Israeli ban": a motive, no threat
    found: list[str] = []
    for obj in prep_objects(noun, frozenset({"to"})):
        found += actors_of(sentence, obj) or modifier_actors(sentence, obj)
    return list(dict.fromkeys(found))


_TELLING = frozenset(
    {
        "tell",
        "inform",
        "remind",
        "caution",
        "warn",
        "notify",
        "advise",
        "communicate",
        "convey",
        "signal",
        "indicate",
        "explain",
        "stress",
        "emphasise",
        "emphasize",
    }
)


def _reach(token: Token) -> list[Token]:
    """The governors of ``token``, on through a clause hung on its "that" ("communicated to
    Gulf states ... that allowing ... would be viewed as hostile", "that" read as the mark of
    the telling verb)."""
    chain = governors(token)
    if chain and chain[-1].dep_ == "mark" and chain[-1].head != chain[-1]:
        chain += [chain[-1].head, *governors(chain[-1].head)]
    return chain


def _telling(verb: Token) -> bool:
    """A verb that passes a message on: "told", "communicated to", "made clear to"."""
    lemma = verb.lemma_.lower()
    return verb.pos_ == "VERB" and (
        lemma in _TELLING or lemma == "make" and any(c.lower_ == "clear" for c in verb.children)
    )


def _told_parties(sentence: Sentence, token: Token) -> list[str]:
    """ "Moscow told Helsinki that joining NATO would be a grave mistake", "has communicated to
    Gulf states, including Qatar, that ...": the ones told."""
    told = [
        o
        for g in _reach(token)
        if _telling(g)
        for o in [
            *children(g, frozenset({"dobj", "dative"})),
            *prep_objects(g, frozenset({"to"})),
            *(
                o
                for c in children(g, frozenset({"oprd", "acomp"}))
                for o in prep_objects(c, frozenset({"to"}))
            ),
        ]
    ]
    return [
        c
        for o in told
        if o.lemma_.lower() not in ("message", "signal", "warning")
        for c in actors_of(sentence, o)
    ]


def _strong_unaimed(token: Token) -> bool:
    """A consequence announced for the future with nobody named: "will not go unanswered",
    "will bear full responsibility", "we reserve the right to retaliate"."""
    lemma = token.lemma_.lower()
    if lemma in ("unanswered", "unpunished", "responsibility"):
        return True
    vowed = any(g.lemma_.lower() in _VOWING for g in [token, *governors(token)][:4])
    future = any(is_future(g) for g in [token, *governors(token)][:4])
    return (
        lemma in ("retaliate", "retaliation", "countermeasure")
        and (vowed or future)
        or (lemma == "response" and vowed)
    )


_REFLEXIVES = frozenset({"itself", "themselves", "himself", "herself", "yourself", "yourselves"})
_PERILOUS = frozenset({"dangerous", "risky", "perilous", "reckless", "high-stakes"})


# what a party would pay for: "its folly", "this mistake", "it"
_WRONGDOING = frozenset(
    {
        "folly",
        "mistake",
        "error",
        "recklessness",
        "provocation",
        "adventurism",
        "aggression",
        "crime",
        "action",
        "act",
        "arrogance",
        "betrayal",
        "it",
        "this",
        "that",
    }
)
# verbs of suffering one's own deeds: "would regret the day", "will reap what it sows", "will rue"
_RUING = frozenset({"rue", "reap"})
# "would be held responsible", "will be sorry": the subject answers for what it does
_ANSWERABLE = frozenset({"responsible", "accountable", "sorry", "liable"})


def _answers_ahead(word: Token) -> bool:
    """ "responsible for any harm", "for the consequences", or with no cause named: what is to
    come; "responsible for the attack" blames a past act."""
    causes = prep_objects(word, frozenset({"for"}))
    return not causes or any(
        o.lemma_.lower() in ("consequence", "repercussion", "outcome", "result")
        or any(d.lower_ == "any" for d in o.children)
        for o in causes
    )


def _threat_idiom(verb: Token) -> bool:
    """A consequence told as an idiom: "is playing with fire", "would be crossing a red line",
    "will only burn itself", "will get burned"."""
    lemma = verb.lemma_.lower()
    if lemma == "play":  # "playing with fire", "playing a dangerous game"
        return any(o.lemma_.lower() == "fire" for o in prep_objects(verb, frozenset({"with"}))) or any(
            o.lemma_.lower() == "game" and any(c.lower_ in _PERILOUS for c in o.children)
            for o in children(verb, frozenset({"dobj"}))
        )
    if lemma == "have":  # "would have only itself to blame"
        return any(o.lower_ in _REFLEXIVES for o in children(verb, frozenset({"dobj"}))) and any(
            c.lemma_.lower() == "blame" for c in children(verb, frozenset({"xcomp", "relcl", "acl"}))
        )
    if lemma in ("cross", "overstep"):
        return any(
            o.lemma_.lower() == "line" and any(c.lower_ == "red" for c in o.children)
            for o in children(verb, frozenset({"dobj"}))
        )
    if lemma == "leave":  # "will not be left without a response"
        return is_negated(verb) and any(
            o.lemma_.lower() in _ANSWER_NOUNS for o in prep_objects(verb, frozenset({"without"}))
        )
    if lemma == "be":  # "London would be fair game", "would be held responsible", "will be sorry"
        return any(
            o.lemma_.lower() == "game"
            and any(c.lower_ == "fair" for c in o.children)
            or o.lemma_.lower() in _ANSWERABLE
            and _answers_ahead(o)
            for o in children(verb, frozenset({"attr", "acomp"}))
        )
    if lemma == "pay":  # "would pay dearly for hosting American missiles", "pay for its folly"
        return any(c.lower_ in ("dearly", "heavily") for c in verb.children) or any(
            o.lemma_.lower() in _WRONGDOING for o in prep_objects(verb, frozenset({"for"}))
        )
    if lemma in _RUING:  # "Baku would regret the day", "will reap what it sows"
        return True
    if lemma == "ask":  # "would be asking for trouble"
        return any(o.lemma_.lower() == "trouble" for o in prep_objects(verb, frozenset({"for"})))
    if lemma in ("sit", "stand", "stay", "remain"):  # "will not sit idly by"
        return is_negated(verb) and any(
            c.lower_ in ("idly", "idle", "passive", "silent") for c in verb.children
        )
    if lemma == "hold":  # "would hold Seoul responsible for the consequences"
        return any(
            c.lemma_.lower() in _ANSWERABLE and _answers_ahead(c)
            for c in verb.children
            if c.dep_ in ("acomp", "oprd", "ccomp")
        )
    if lemma == "burn":
        reflexive = any(o.lower_ in _REFLEXIVES for o in children(verb, frozenset({"dobj"})))
        burned = verb.tag_ == "VBN" and any(
            c.dep_ in ("aux", "auxpass") and c.lemma_.lower() in ("get", "be") for c in verb.children
        )
        return reflexive or burned
    return False


def _told_ahead(verb: Token) -> bool:
    """The idiom speaks of what is to come or is going on ("would be crossing", "is playing",
    "if it sends ..."), not of a past act ("had crossed a red line by attacking the dam")."""
    if verb.tag_ == "VBG" or any(is_future(g) for g in [verb, *governors(verb)][:3]):
        return True
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS for m in c.children)
        for c in verb.children
    )


def threat_idiom(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Moscow said Tokyo would be playing with fire if it sent air defence systems", "warned
    that Seoul's arms shipments will only burn itself", "sending the missiles would mean Germany
    was crossing a red line": the one who plays, crosses or burns is threatened by the speaker."""
    if verb.pos_ not in ("VERB", "AUX") or not _threat_idiom(verb) or not _told_ahead(verb):
        return []
    if is_negated(verb) and verb.lemma_.lower() not in ("leave", "sit", "stand", "stay", "remain"):
        return []  # "will not be left without an answer", "will not sit idly by" threaten
    if sentence.span.text.rstrip(" \"'”’)").endswith("?"):
        return []
    speakers = _speaker(sentence, verb)
    subject = subject_of(verb)
    bearers = actors_of(sentence, subject)
    if not bearers and subject is not None and subject.pos_ == "NOUN":
        bearers = modifier_actors(sentence, subject)  # "Seoul's arms shipments will only burn itself"
    if verb.lemma_.lower() == "hold" and not is_passive(verb):  # "would hold Seoul responsible"
        held = [
            o for c in verb.children if c.dep_ in ("ccomp", "oprd") for o in children(c, frozenset({"nsubj"}))
        ]
        bearers = [c for o in children(verb, frozenset({"dobj"})) + held for c in actors_of(sentence, o)]
    bearers = [b for b in bearers if b not in speakers]  # "it would not sit idly by": the speaker acts
    bearers = bearers or _told_parties(sentence, verb) or _conditional_parties(sentence, verb)
    return [_threat(s, b, verb, 0.7) for s in speakers for b in dict.fromkeys(bearers) if s != b]


_ANNOUNCING_HARM = frozenset({"warn", "threaten", "caution", "hint", "signal", "vow"})
_MODALS = frozenset({"could", "may", "might", "would", "will", "can", "'ll", "wo"})
_OWN = frozenset({"it", "we", "they"})


# hostile acts a speaker may announce for itself: "would cut all ties with Moldova if ...",
# "would block the new sanctions unless Kyiv ...", "would impose tariffs if Mexico ..."
_HOSTILE_ACTS = frozenset(
    {
        "cut",
        "sever",
        "downgrade",
        "expel",
        "recall",
        "freeze",
        "suspend",
        "close",
        "block",
        "veto",
        "halt",
        "withdraw",
        "impose",
        "boycott",
        "ban",
        "bar",
        "seize",
        "confiscate",
        "scrap",
        "cancel",
    }
)


def threat_counter_arming(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Russia warned it could supply weapons to North Korea if Seoul sent arms to Kyiv",
    "China hinted it could provide lethal aid to Russia if Washington kept arming Taiwan": a
    warner that may arm someone in answer to another's act threatens that other; so does one
    that says it would cut ties, expel envoys or close its border if another acts."""
    lex = sentence.lexicon
    lemma = verb.lemma_.lower()
    hostile = lemma in _HOSTILE_ACTS
    if verb.pos_ != "VERB" or not (hostile or lemma in lex.support_verbs | {"arm"}):
        return []
    head = verb.head
    announcing = _ANNOUNCING_HARM | (_SAYING if hostile else frozenset())
    if verb.dep_ != "ccomp" or head.lemma_.lower() not in announcing or is_negated(head):
        return []
    if not any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children) or is_negated(verb):
        return []
    speakers = actors_of(sentence, subject_of(head))
    subject = subject_of(verb)
    own = subject is not None and (
        subject.lower_ in _OWN or bool(set(actors_of(sentence, subject)) & set(speakers))
    )
    if not speakers or not own:
        return []
    receivers = set(recipients_of(sentence, verb, dobj_is_recipient=True))
    targets = [
        c
        for clause in _conditions(verb)
        if not _cooperating(sentence, clause, receivers)
        for c in _party_subject(sentence, clause)
        if c not in speakers and c not in receivers
    ]
    return [_threat(s, t, verb, 0.65) for s in speakers for t in dict.fromkeys(targets)]


def _party_subject(sentence: Sentence, clause: Token) -> list[str]:
    """The party that acts in a condition ("if Seoul sent arms"), not one named in passing
    ("if Ukrainian prices fell further")."""
    subject = subject_of(clause)
    if subject is None or not (subject.pos_ in ("PROPN", "PRON") or subject.i in sentence.codes):
        return []
    return actors_of(sentence, subject)


def _conditions(verb: Token) -> list[Token]:
    """The "if Seoul sent arms" of a verb, also told by inversion beside it ("..., should Seoul
    deliver arms")."""
    found = [
        c
        for c in verb.children
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS for m in c.children)
    ]
    found += [
        c
        for c in [*verb.children, *verb.head.children]
        if c != verb and c.dep_ in ("ccomp", "advcl", "conj") and _inverted(c)
    ]
    return found


def _inverted(clause: Token) -> bool:
    """ "should Seoul deliver arms", "were Berlin to send jets": a condition told by inversion."""
    marks = [a for a in clause.children if a.dep_ == "aux" and a.lower_ in ("should", "were", "had")]
    subjects = [n for n in clause.children if n.dep_ == "nsubj"]
    return any(a.i < n.i for a in marks for n in subjects)


def _cooperating(sentence: Sentence, clause: Token, receivers: set[str]) -> bool:
    """ "if the United States did the same", "if Washington sends tanks to Kyiv too": the
    condition joins the giving, it provokes nothing."""
    words = {t.lower_ for t in clause.subtree}
    if words & {"same", "suit", "too", "likewise", "also"}:
        return True
    return bool(receivers & set(recipients_of(sentence, clause, dobj_is_recipient=True)))


def threat_withheld_support(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Erdogan said Sweden should not expect Turkey's support for its NATO bid": the one
    whose support is withheld threatens the one told not to count on it."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _COUNTING or not is_negated(verb):
        return []
    things = children(verb, frozenset({"dobj"})) + prep_objects(verb, frozenset({"on", "upon", "for"}))
    owners = [p for t in things if t.lemma_.lower() in _BACKING for p in children(t, frozenset({"poss"}))]
    makers = [c for p in owners for c in actors_of(sentence, p)]
    told = actors_of(sentence, subject_of(verb))
    return [_threat(m, t, verb, 0.6) for m in dict.fromkeys(makers) for t in told if t != m]


def _consequence_word(token: Token) -> bool:
    """ "responsibility" threatens only when someone must bear it, "unanswered" only when
    an act will not go unanswered, "regret" only as a verb aimed at the future."""
    lemma = token.lemma_.lower()
    if lemma == "responsibility":  # "would bear full responsibility", not "bears responsibility for"
        return token.dep_ == "dobj" and token.head.lemma_.lower() in _BEARING and is_future(token.head)
    if lemma in ("unanswered", "unpunished"):
        return token.head.lemma_.lower() in _STAYING and (is_negated(token.head) or is_future(token.head))
    if lemma == "regret":
        return token.pos_ == "VERB" and is_future(token)
    if lemma == "price" and token.pos_ == "NOUN":  # "would pay a heavy price", not "prices fell"
        return token.head.lemma_.lower() in _BEARING
    return True


def _bearers(sentence: Sentence, token: Token) -> list[str]:
    """Who must bear the consequence: the subject of "bear responsibility", "pay a price",
    "face consequences", or the party whose act "will not go unanswered"."""
    head = token.head if token.pos_ != "VERB" else token
    verbs = _STAYING if token.lemma_.lower() in ("unanswered", "unpunished") else _BEARING
    if head.lemma_.lower() not in verbs or head.pos_ not in ("VERB", "AUX") or token.dep_ == "nsubj":
        return []
    subject = subject_of(head)
    if subject is None:
        return []
    found = actors_of(sentence, subject)
    return found or [
        c for o in prep_objects(subject, frozenset({"by", "of", "from"})) for c in actors_of(sentence, o)
    ]


def _conditional_parties(sentence: Sentence, token: Token) -> list[str]:
    """ "a harsh response if Finland hosts troops": who would act in the condition."""
    anchors = [token, *governors(token)][:3]
    return [
        c
        for a in anchors
        for clause in a.children
        if clause.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS for m in clause.children)
        for c in actors_of(sentence, subject_of(clause))
    ]


def _pays_for(verb: Token) -> bool:
    """ "pay for the loan" finances; "pay a heavy price" threatens."""
    return verb.lemma_.lower() == "pay" and any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children)


def _accuser(sentence: Sentence) -> Token | None:
    """ "Pyongyang accused Seoul and Tokyo of provoking ...": the accusing verb at the root."""
    root = sentence.span.root
    if root.pos_ == "VERB" and root.lemma_.lower() in _ACCUSING and not is_negated(root):
        return root
    return None


def _accused(sentence: Sentence) -> list[str]:
    """Whom the sentence's root accuses: the consequences it warns of are aimed at them."""
    root = _accuser(sentence)
    if root is None:
        return []
    return [c for o in children(root, frozenset({"dobj"})) for c in actors_of(sentence, o)]


def _speaker(sentence: Sentence, token: Token) -> list[str]:
    reporting = sentence.lexicon.words("modality", "reporting_verbs") | _VOWING
    for gov in _reach(token):
        if gov.lemma_.lower() in reporting or _telling(gov):
            if is_passive(gov):  # "Lithuania has been threatened with countermeasures by Beijing"
                agent = agent_of(gov) or _late_agent(sentence, gov)
                return actors_of(sentence, agent) if agent is not None else []
            return actors_of(sentence, subject_of(gov))
    accuser = _accuser(sentence)
    accused = _accused(sentence)
    if accuser is not None and accused:  # the accuser is not one of the accused
        found = actors_of(sentence, subject_of(accuser))
        return [c for c in found if c not in accused] or found
    return [sentence.speaker] if sentence.speaker else []


# nouns that are sanctions whatever modifies them ("a fresh round of penalties")
_CORE_SANCTIONS = frozenset(
    {"sanction", "blacklist", "embargo", "penalty", "countermeasure", "counter-sanction"}
)


def sanction_noun(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """ "The EU imposed sanctions on Russia", "the sanctions the U.S. imposed on Moscow"."""
    lex = sentence.lexicon
    lemma = noun.lemma_.lower()
    core = lemma in _CORE_SANCTIONS
    follow_up = _follow_up(sentence, noun, ctx)
    measure = noun.pos_ in ("NOUN", "PROPN") and not core and _trade_ban(noun, lex)
    made = (
        noun.pos_ == "NOUN"
        and not core
        and not measure
        and (_made_measure(sentence, noun) or _imposed_measure(sentence, noun))
    )
    measure = measure or made
    restrictive = lemma == "measure" and any(
        c.lemma_.lower() in lex.words("sanction", "measure_modifiers") for c in noun.children
    )  # "the EU's restrictive measures now apply to ..."
    if noun.pos_ not in ("NOUN", "PROPN") or not (core or follow_up or measure or restrictive):
        return []
    if ended(noun):
        return []  # "announced the end of its arms embargo on Turkey"
    container = noun.head
    if (
        core
        and noun.dep_ == "compound"
        and container.lemma_.lower() in _CONTAINERS | {"list", "regime"}
        and (container.dep_ == "nsubj" or _holding_read_as_noun(container))
        and container.head.lemma_.lower() in _HOLDING
    ):
        return _sanction_container(sentence, container, ctx)  # "the EU sanctions package targets ..."
    if (core or restrictive) and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in _HOLDING | {"apply"}:
        covered = _sanction_container(sentence, noun, ctx)  # "Australian sanctions now cover 1,000 Russians"
        if covered:
            return covered
    if not (core or follow_up or measure):
        return []
    verb = _sanction_verb(sentence, noun)
    if verb is None and (core or made) and _nominal_sanction(sentence, noun):
        verb = noun  # "the United States' sanctions against Russia", "EU sanctions on Iran"
    if verb is None and core and (_placed_under(noun) or _put_under(noun)):
        verb = _under_verb(noun)  # "Russian banks came under Japanese sanctions"
    standing = verb is not None and _renewal_ahead(sentence, verb) and _nominal_sanction(sentence, noun)
    if standing:
        verb = noun  # "EU sanctions against Russia must be renewed": they are in force now
    if verb is None or is_negated(verb) or not standing and is_hedged(sentence, verb):
        return []
    if verb.pos_ == "VERB" and _conditional(verb):
        return []  # "would impose tariffs on Mexican steel if Mexico failed to ...": a threat
    actors = _actors(sentence, verb) if verb.pos_ != "NOUN" else modifier_actors(sentence, verb)
    if not actors and verb.lemma_.lower() in _IMPOSING_NOUNS:  # "the imposition of Japanese curbs on"
        actors = [c for o in prep_objects(verb, frozenset({"by"})) for c in actors_of(sentence, o)]
        actors = actors or (modifier_actors(sentence, noun) if _aimed_objects(noun) else [])
    if _placed_under(noun):  # the subject is sanctioned; the maker is the noun's or the "by" party
        by = agent_of(noun) or agent_of(verb)
        actors = modifier_actors(sentence, noun) or (actors_of(sentence, by) if by is not None else [])
    if verb.dep_ == "acl" and agent_of(verb) is not None:  # "the sanctions imposed by Japan"
        actors = actors_of(sentence, agent_of(verb))
    if not actors and is_passive(verb) and agent_of(verb) is None:
        actors = modifier_actors(sentence, noun)  # "Washington's new penalties ... were announced"
    if verb.dep_ == "relcl" and not actors:
        actors = actors_of(sentence, subject_of(verb))
    if not actors:  # "The sanctions, announced by the British Foreign Office, target ..."
        actors = [
            c
            for a in noun.children
            if a.dep_ == "acl"
            for g in [agent_of(a)]
            if g is not None
            for c in actors_of(sentence, g)
        ]
    if follow_up:
        main = ctx.main_sanction_target()
        targets = [main] if main else []
    elif measure:
        objects = _measure_targets(noun)
        if _on_exports(noun):  # "export curbs on X to the US", "its export ban to Russia"
            objects += _destinations(objects) + prep_objects(noun, frozenset({"to"}))
        targets = [c for t in objects for c in target_codes(sentence, t)]
    else:
        targets = _sanction_targets(sentence, verb, noun, ctx if core else ArticleContext())
    if core and len(actors) == 1 and not targets:
        ctx.sanction_actor = actors[0]  # "Japan announced new sanctions." The targets follow.
    return _sanctions(actors, targets, noun, ctx)


_HOLDING = frozenset({"target", "hit", "cover", "include", "list", "name", "feature", "add", "contain"})


_RENEWING = frozenset({"renew", "extend", "prolong", "roll", "maintain", "keep", "review"})
_NEW = frozenset({"new", "fresh", "further", "additional", "more", "possible", "proposed", "tougher"})


def _renewal_ahead(sentence: Sentence, verb: Token) -> bool:
    """ "EU sanctions against Russia must be renewed every six months", "could be extended": a
    renewal still to come of measures already in force (not "new sanctions could be adopted")."""
    if verb.lemma_.lower() not in _RENEWING or not is_hedged(sentence, verb):
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


def _imposed_measure(sentence: Sentence, noun: Token) -> bool:
    """ "adopted the EU's latest package of measures against Moscow", "imposed restrictions on
    Iran": a measure noun aimed at a foreign party, under a verb that imposes sanctions."""
    if noun.lemma_.lower() not in sentence.lexicon.words("sanction", "measure_nouns"):
        return False
    targets = [c for t in _measure_targets(noun) for c in target_codes(sentence, t)]
    verb = _sanction_verb(sentence, noun)
    return bool(targets) and verb is not None and not set(targets) & set(_actors(sentence, verb))


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


_BLOCKING = frozenset({"veto", "block", "oppose", "reject", "stall", "delay", "obstruct", "derail"})
_ISSUING = frozenset(
    {
        "issue",
        "send",
        "deliver",
        "make",
        "give",
        "voice",
        "repeat",
        "renew",
        "sound",
        "fire",
        "level",
        "direct",
        "address",
        "reiterate",
    }
)


def threat_noun(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """Nominal threats with a maker: "a threat by Riyadh to cancel the deal", "Moscow's
    warning to Seoul", "amid warnings from Beijing that a sale would cost the relationship".

    The maker must be named by a possessive, "by" or "from" ("the threat of disinformation"
    and "the cyber threat" make no threat event).
    """
    lex = sentence.lexicon
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lex.words("threat", "nouns"):
        return []
    makers = [
        c
        for t in [*children(noun, frozenset({"poss"})), *prep_objects(noun, frozenset({"by", "from"}))]
        for c in actors_of(sentence, t)
    ]
    targets = [c for o in prep_objects(noun, frozenset({"to", "against"})) for c in actors_of(sentence, o)]
    if not makers and noun.dep_ == "dobj" and noun.head.lemma_.lower() in _ISSUING:
        makers = _actors(sentence, noun.head)  # "Moscow issued a warning to Berlin"
        targets += [c for o in prep_objects(noun.head, frozenset({"to"})) for c in actors_of(sentence, o)]
    defier = _defier(noun)
    if not makers and (targets or defier is not None and _told_threats(noun)):
        # "Russian threats against Finland", "despite Chinese warnings, Lithuania opened ..."
        makers = [c for t in children(noun, frozenset({"amod", "compound"})) for c in actors_of(sentence, t)]
    if not makers or is_negated(noun):
        return []
    if not targets and defier is not None:  # "ignoring Russian threats, Finland applied to join"
        targets = actors_of(sentence, subject_of(defier))
    if not targets and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in _DETERRING:
        targets = [c for o in children(noun.head, frozenset({"dobj"})) for c in actors_of(sentence, o)]
    if not targets:  # "a threat by Riyadh to cancel a deal to buy Spanish corvettes"
        clause = [t for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") for t in c.subtree]
        targets = [sentence.codes[t.i] for t in clause if t.i in sentence.codes]
    if not targets:  # "amid warnings from Beijing ..., Washington approved": the one warned acts
        head = noun.head.head if noun.dep_ == "pobj" else None
        if head is not None and head.pos_ == "VERB":
            targets = actors_of(sentence, subject_of(head))
    targets = _others(targets, set(makers))
    found = [_threat(a, t, noun, 0.7) for a in dict.fromkeys(makers) for t in targets[:1]]
    for event in found:
        event.rule = "threat-noun"
    return found


_DEFYING_PREPS = frozenset({"despite", "amid", "notwithstanding", "after", "following"})
_DEFYING_VERBS = frozenset({"ignore", "defy", "disregard", "dismiss", "brush", "shrug", "reject"})
# "Moscow's warnings did not deter Oslo": the one not deterred was threatened
_DETERRING = frozenset(
    {"stop", "deter", "prevent", "dissuade", "discourage", "sway", "intimidate", "scare", "frighten"}
)


def _defier(noun: Token) -> Token | None:
    """The act done in spite of the warning ("despite Chinese warnings, Lithuania opened the
    office", "ignoring Russian threats, Finland applied", "in spite of threats from Ankara"):
    its subject is the one warned. Hung on a verb of saying ("Officials said despite warnings
    from Beijing, Vilnius allowed ..."), it is the act told."""
    act = _defied_act(noun)
    if act is not None and act.lemma_.lower() in _SAYING:
        if act.dep_ == "ccomp" and act.head.pos_ == "VERB" and act.head.i > noun.i:
            return act.head  # "Officials said despite warnings ..., Washington approved": read inside out
        told = [c for c in act.children if c.dep_ == "ccomp" and c.i > noun.i]
        unmarked = [c for c in told if not any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
        told = unmarked or told  # "amid warnings ... that the jets would be shot down, Norway confirmed"
        return told[0] if told else None
    return act


_SAYING = frozenset({"say", "tell", "report", "announce", "state", "add", "note", "confirm"})


def _defied_act(noun: Token) -> Token | None:
    head = noun.head
    if noun.dep_ == "pobj":
        if head.lower_ == "of" and head.head.lower_ in ("spite", "face"):  # "in spite of", "in the face of"
            head = head.head.head
            return head.head if head.lower_ == "in" and head.head.pos_ == "VERB" else None
        return head.head if head.lower_ in _DEFYING_PREPS and head.head.pos_ == "VERB" else None
    if noun.dep_ == "dobj" and head.lemma_.lower() in _DEFYING_VERBS and head.dep_ == "advcl":
        return head.head if head.head.pos_ == "VERB" else None  # not "they continue to ignore threats"
    return None


def _told_threats(noun: Token) -> bool:
    """Warnings someone gave ("Chinese warnings", "Turkish threats of a veto"), not a danger
    ("the Russian threat")."""
    return noun.lemma_.lower() != "threat" or noun.tag_ == "NNS"


def _follow_up(sentence: Sentence, noun: Token, ctx: ArticleContext) -> bool:
    """ "Norway said it would align with the EU measures", once sanctions were reported."""
    return (
        ctx.has_sanction
        and ctx.sanction_target is not None
        and noun.pos_ == "NOUN"
        and noun.lemma_.lower() in sentence.lexicon.words("sanction", "follow_up_nouns")
        and not prep_objects(noun, frozenset({"on", "against", "to"}))
    )


def _trade_ban(noun: Token, lex: Lexicon | None = None) -> bool:
    """ "an export ban on 57 Russian entities", "restrictive measures against Belarusian banks",
    "travel bans and asset freezes on 20 Russian individuals"."""
    if lex is None:
        from aidtrack.extract.lexicon import load_lexicon

        lex = load_lexicon()
    if noun.lemma_.lower() not in lex.words("sanction", "measure_nouns"):
        return False
    modifiers = lex.words("sanction", "measure_modifiers")
    if not any(
        c.lower_ in modifiers or c.lemma_.lower() in modifiers
        for c in noun.children
        if c.dep_ in ("compound", "amod", "nmod")
    ):
        return False
    return bool(_measure_targets(noun)) or _on_exports(noun) and bool(prep_objects(noun, frozenset({"to"})))


_COVERING = frozenset({"cover", "target", "include", "hit", "affect"})


def _measure_targets(noun: Token) -> list[Token]:
    """The "on/against X" of a measure noun, or of the noun it is coordinated with."""
    preps = frozenset({"on", "against"})
    found = prep_objects(noun, preps)
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
    if not found:  # "slapped travel bans and penalties on X": the "on" hangs on the verb
        obj = noun.head if noun.dep_ == "conj" else noun
        if obj.dep_ == "dobj" and obj.head.pos_ == "VERB":
            found = prep_objects(obj.head, preps)
    return found


_CONTAINERS = frozenset(
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
    for tok in governors(noun)[:3]:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in _loosening(sentence.lexicon) - governors_:
            return None  # "announced that it would lift its restrictions": a measure ended
        if tok.pos_ == "VERB" and tok.lemma_.lower() in governors_:
            return tok
    for child in noun.children:
        if child.dep_ in ("relcl", "acl") and child.lemma_.lower() in governors_:
            return child
        if child.lemma_.lower() in governors_ and _misread_main(child) is not None:
            return child  # "Canada, which has long been cautious, imposed sanctions on ..."
    return None


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
    """The verb of "under sanctions", also when the parser hung the phrase on its object."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "under":
        return None
    holder = noun.head.head
    while holder.dep_ in ("dobj", "conj") and holder.pos_ in ("NOUN", "PROPN") and holder.head != holder:
        holder = holder.head
    if holder.pos_ == "AUX" and holder.lemma_.lower() == "be" and children(holder, frozenset({"nsubj"})):
        return holder  # "Iran has been under American sanctions for decades"
    return holder if holder.pos_ == "VERB" else None


def _sanction_targets(sentence: Sentence, verb: Token, noun: Token, ctx: ArticleContext) -> list[str]:
    aimed = frozenset({"on", "against"})
    objs = _aimed_objects(noun) + prep_objects(verb, aimed)
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
    objs += children(verb, frozenset({"dobj"})) if verb.lemma_.lower() in ("add", "target", "hit") else []
    for comp in children(verb, frozenset({"xcomp", "advcl"})):  # "expanded its sanctions to cover X"
        if comp.lemma_.lower() in _COVERING:
            objs += children(comp, frozenset({"dobj"}))
    found: list[str] = []
    for obj in objs:
        found += actors_of(sentence, obj)
        found += target_codes(sentence, obj)
    if not found:  # "sanctions targeting Russian oil exports", not the "European Union" of "EU sanctions"
        below = [c for c in noun.children if c.dep_ not in ("compound", "amod", "poss", "nmod", "det")]
        found = [code for c in below for code in target_codes(sentence, c, clauses=True)]
    if not found and ctx.sanction_target:
        found = [ctx.sanction_target]
    return list(dict.fromkeys(found))


# "sanctions on Russia over its war in Ukraine": the victim named after these is no target
_AWAY_PREPS = frozenset(
    {"over", "for", "after", "amid", "during", "following", "because", "since", "despite", "with", "to"}
)


# parties named by whom they serve: the "of X" after these is the client, not the target
_RELATIONAL = frozenset(
    {
        "supplier",
        "provider",
        "backer",
        "ally",
        "partner",
        "client",
        "customer",
        "enabler",
        "financier",
        "sponsor",
        "helper",
        "proxy",
    }
)


_VIOLENCE = frozenset({"strike", "attack", "bomb", "shell", "invade", "kill", "destroy"})
# participles that place a party in a country: "based in China", "linked to Iran"
_LOCATING = frozenset(
    {
        "base",
        "locate",
        "register",
        "headquarter",
        "incorporate",
        "link",
        "tie",
        "connect",
        "affiliate",
        "belong",
    }
)


def target_codes(sentence: Sentence, phrase: Token, *, clauses: bool = False) -> list[str]:
    """Actors named in a target phrase, every conjunct ("Iranian and Syrian firms"), not the
    victims of "over its war in Ukraine" nor (unless ``clauses``) the actors of a clause
    inside it."""
    found: list[str] = []
    stack = [phrase]
    lex = sentence.lexicon
    parties = lex.words("policy_change", "party_nouns") | lex.words("sanction", "entry_objects")
    national = phrase.lemma_.lower() in parties and any(  # where some of them live is no target
        t.i in sentence.codes
        for c in phrase.lefts
        if c.dep_ in ("amod", "compound", "nmod", "poss")
        for t in c.subtree
    )  # "Israeli settlers", "Russia-linked shipping firms"
    while stack:
        tok = stack.pop()
        code = sentence.codes.get(tok.i)
        if code and code not in found:
            found.append(code)
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in _AWAY_PREPS:
                continue
            if national and child.dep_ == "prep" and child.lower_ == "in":
                continue  # "Israeli settlers and four outposts in the West Bank"
            if child.dep_ == "prep" and child.lower_ == "of" and tok.lemma_.lower() in _RELATIONAL:
                continue  # "Chinese suppliers of Russia's army": the client is no target
            agent = agent_of(child) if child.dep_ == "acl" and child.tag_ == "VBN" else None
            if agent is not None:
                stack.append(agent)  # "goods used by the Russian military", "firms owned by"
                continue
            if child.dep_ == "acl" and child.lemma_.lower() in _LOCATING:
                if national:
                    continue  # "North Korean individuals, including a banker based in Moscow"
                stack += [
                    g
                    for p in child.children
                    if p.dep_ == "prep" and p.lower_ in ("in", "to", "with")
                    for g in p.children
                    if g.dep_ == "pobj"
                ]  # "companies based in China"
                continue
            if child.dep_ in ("relcl", "acl", "advcl") and child.pos_ in ("VERB", "AUX") and not clauses:
                continue
            if clauses and child.dep_ in ("advcl", "pcomp"):
                continue  # "designed to punish Russia for invading Ukraine"
            if child.dep_ in ("dobj", "prep") and tok.lemma_.lower() in _VIOLENCE:
                continue  # "drones ... that use them to strike Ukraine": the victim is no target
            stack.append(child)
    if not found and not clauses:
        found = _goods_origin(sentence, phrase)
    return sorted(found, key=lambda c: min(i for i, v in sentence.codes.items() if v == c))


# what sanctioned parties do with goods: "entities supplying Iranian drones to Russia"
_DEALING = frozenset(
    {
        "supply",
        "ship",
        "sell",
        "provide",
        "deliver",
        "transfer",
        "export",
        "produce",
        "make",
        "manufacture",
        "procure",
        "smuggle",
        "trade",
        "broker",
        "transport",
        "carry",
        "finance",
    }
)


def _goods_origin(sentence: Sentence, phrase: Token) -> list[str]:
    """ "entities supplying Iranian drones to Russia", "firms that ship North Korean shells":
    parties of no named country are sanctioned for the country whose goods they deal in (named
    by an adjective on the goods), never for the buyer ("to Russia")."""
    found: list[str] = []
    for clause in phrase.children:
        if clause.dep_ not in ("acl", "relcl") or clause.lemma_.lower() not in _DEALING:
            continue
        for goods in children(clause, frozenset({"dobj"})):
            found += [
                sentence.codes[c.i]
                for c in goods.children
                if c.dep_ in ("amod", "compound", "nmod") and c.i in sentence.codes
            ]
    return list(dict.fromkeys(found))


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


def sanction_verb(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Japan sanctioned Russian banks", "the US also targeted officials" (after sanctions)."""
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
    if not (verb.pos_ == "VERB" or _verb_read_as_noun(verb)) or not (
        lemma in lex.words("sanction", "verbs") or follow_up
    ):
        return []
    if is_negated(verb) or is_hedged(sentence, verb):
        return []
    if follow_up and lemma not in lex.words("sanction", "verbs") and _relative_on_other(sentence, verb):
        return []  # "Iranian drones that hit Ukraine" strike, they sanction nobody
    if _power_to(verb) or _conditional(verb):
        return []  # "passed a law allowing it to sanction Russian officials": a power, not a sanction
    targets: list[str] = []
    for obj in children(verb, frozenset({"dobj", "nsubjpass"})) or _misread_object(verb):
        if obj.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            obj = verb.head  # "the Russian bank, which was sanctioned by Washington"
        targets += target_codes(sentence, obj)
    if not targets:  # "Japan sanctions Russian banks, freezes assets" (a headline's odd parse)
        for clause in children(verb, frozenset({"ccomp", "conj"})):
            targets += [
                c
                for s_ in children(clause, frozenset({"nsubj"}))
                if s_.i > verb.i
                for c in target_codes(sentence, s_)
            ]
    sanctioned = subject_of(verb.head) if verb.dep_ == "advcl" and verb.tag_ == "VBN" else None
    if not targets and sanctioned is not None and agent_of(verb) is not None:
        targets = target_codes(sentence, sanctioned)  # "Sanctioned by Britain, the Iranian firm"
    if not targets and ctx.sanction_target:
        targets = [ctx.sanction_target]
    actors = _actors(sentence, verb) if not is_passive(verb) else actors_of(sentence, agent_of(verb))
    if verb.dep_ == "advcl" and verb.tag_ == "VBN" and agent_of(verb) is not None:
        actors = actors_of(sentence, agent_of(verb))
    if not actors and is_passive(verb) and agent_of(verb) is None:  # "Six banks were blacklisted"
        actors = _context_maker(sentence, verb, ctx)
    if not actors and follow_up and subject is not None and _names_measures(sentence, subject):
        actors = makers  # "Ottawa said the measures target", "the measures, which target ..."
        actors = actors or [a for a in [ctx.sanction_actor] if a]  # "The measures target 11 Russians"
    return _sanctions(actors, list(dict.fromkeys(targets)), verb, ctx)


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


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


def sanction_closing(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "banned imports of Russian oil", "closed its ports to Russian warships", "added 12
    Chinese firms to its entity list": restrictions aimed at another country's parties."""
    lex = sentence.lexicon
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or is_negated(verb):
        return []
    if is_passive(verb) and _misread_main(verb) is None:
        return _closed_by(sentence, verb, ctx)
    objects = children(verb, frozenset({"dobj"})) or _misread_object(verb)
    targets: list[str] = []
    banned = _entry_ban(sentence, verb, objects)
    if banned:
        targets = [c for o in banned for c in target_codes(sentence, o) or _marked_with(sentence, o)]
    elif lemma in lex.words("sanction", "closing_verbs"):
        closed = [o for o in objects if o.lemma_.lower() in lex.words("sanction", "closing_objects")]
        if not closed:
            return []
        closed = [o for o in closed if not _arms_exports(sentence, o)]  # an export rule (policy rules)
        if not closed:
            return []
        for obj in closed:
            targets += target_codes(sentence, obj) or _marked_with(sentence, obj)
            if obj.lemma_.lower() in _CONFERRED:  # "suspended trade preferences for Belarus"
                targets += [
                    c for o in prep_objects(obj, frozenset({"for", "to"})) for c in target_codes(sentence, o)
                ]
            if obj.lemma_.lower() == "trade":  # "cut all trade with Israel"
                targets += [
                    c
                    for o in prep_objects(obj, frozenset({"with"})) + prep_objects(verb, frozenset({"with"}))
                    for c in target_codes(sentence, o)
                ]
            if obj.lemma_.lower() == "export":  # "banned exports of chips to Russia": the buyer's state
                targets += [c for o in _destinations([obj]) for c in target_codes(sentence, o)]
        targets += [
            c
            for o in prep_objects(verb, frozenset({"to", "for", "from"}))
            for c in target_codes(sentence, o) or _marked_with(sentence, o)
        ]
    elif lemma in _LISTING and _onto_sanctions_list(sentence, verb):
        targets = [c for o in objects for c in target_codes(sentence, o)]
    elif lemma == "add":
        lists = [
            o
            for o in prep_objects(verb, frozenset({"to"})) + _destinations(objects)
            if o.lemma_.lower() in lex.words("sanction", "list_nouns")
            and any(
                c.lemma_.lower() in ("entity", "sanction", "black", "blacklist", "sanctions")
                for c in o.children
            )
            | any(
                t.lemma_.lower() in _LISTED_FOR for t in o.subtree if t != o
            )  # "the list of those facing restrictions"
            | (o.lemma_.lower() == "blacklist")
            | (
                ctx.sanction_actor is not None
            )  # "Britain announced sanctions. Six banks were added to the list"
        ]
        if not lists:
            return []
        targets = [c for o in objects for c in target_codes(sentence, o)]
    else:
        return []
    if is_hedged(sentence, verb) or _conditional(verb):
        return []
    actors = _actors(sentence, verb)
    if not actors and verb.dep_ == "relcl" and _names_measures_made(sentence, verb.head, packages=False):
        actors = _measure_maker(sentence, verb.head)  # "The restrictions, which bar ..., were announced by"
    if not actors and is_passive(verb) and agent_of(verb) is None:
        actors = _context_maker(sentence, verb, ctx)
    return _sanctions(actors, [t for t in dict.fromkeys(targets) if t not in actors], verb, ctx)


# sanctioning told as a noun: "Norway's blacklisting of two Israeli banks"
_LISTING_NOUNS = frozenset({"blacklisting", "sanctioning", "designation", "listing", "delisting"})


def sanction_listing_noun(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """ "Norway's blacklisting of two Israeli banks", "the designation of three Iranian firms by
    Washington": the maker the possessor or the 'by' party, the target the listed parties'
    country."""
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or lemma not in _LISTING_NOUNS - {"delisting"} or ended(noun):
        return []
    if (
        lemma in ("designation", "listing")
        and not any(c.lemma_.lower() in ("sanction", "terrorist", "terror", "entity") for c in noun.subtree)
        and ctx.sanction_actor is None
    ):
        return []  # "the designation of a new envoy"
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
    inside = {t.i for o in listed for t in o.subtree}
    by = [  # "under the sanctions regime by Canada": the 'by' may hang on a later noun
        o
        for t in noun.subtree
        if t.lower_ == "by" and t.dep_ in ("prep", "agent") and t.i not in inside
        for o in t.children
        if o.dep_ == "pobj"
    ]
    makers = [c for o in children(noun, frozenset({"poss", "compound"})) + by for c in actors_of(sentence, o)]
    return _sanctions(makers, [t for t in dict.fromkeys(targets) if t not in makers], noun, ctx)


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


_CONFERRED = frozenset({"preference", "privilege", "access", "licence", "license"})
_LISTING = frozenset({"put", "place", "list", "include", "enter", "name"})
_LISTED_FOR = frozenset({"sanction", "restriction", "control", "ban", "embargo", "freeze"})


def _onto_sanctions_list(sentence: Sentence, verb: Token) -> bool:
    """ "put twelve Chinese firms on its entity list", "listed three Iranian commanders under its
    sanctions regime": parties placed on a list or under a regime of sanctions."""
    lists = sentence.lexicon.words("sanction", "list_nouns") | {"regime"}
    places = prep_objects(verb, frozenset({"on", "onto", "under", "in"}))
    return any(
        o.lemma_.lower() in lists
        and any(c.lemma_.lower() in ("entity", "sanction", "black", "blacklist") for c in o.children)
        or o.lemma_.lower() == "blacklist"
        for o in places
    )


def _arms_exports(sentence: Sentence, obj: Token) -> bool:
    """ "halted arms exports to Israel", "suspended exports of bombs", "revoked export licences":
    a rule on selling weapons or on exports, which the policy rules read; "banned exports of chips
    to Russia" or "revoked the licences of two Russian banks" restrict a country's parties."""
    lemma = obj.lemma_.lower()
    words = {t.lemma_.lower() for t in obj.subtree}
    if lemma in ("licence", "license"):
        return bool(words & {"export", "re-export", "arm", "weapon", "sale", "transit"})
    if lemma == "trade":  # "banned all arms trade with Israel": an export rule
        return bool(words & _ARMS)
    return lemma == "export" and "military" in categories_in(sentence, list(obj.subtree))


def _closed_by(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Russian diamonds were banned by the G7", "Belarusian trucks were barred by Lithuania":
    another country's goods or carriers shut out, said in the passive with its maker; parties
    "added to the list", whose maker may be told before."""
    agent = agent_of(verb) or _late_agent(sentence, verb)
    listed = verb.lemma_.lower() == "add" and any(
        o.lemma_.lower() in sentence.lexicon.words("sanction", "list_nouns")
        for o in prep_objects(verb, frozenset({"to"}))
    )  # "Six Russian banks were added to the (sanctions) list"
    if verb.lemma_.lower() not in ("ban", "bar", "block", "blacklist") and not listed:
        return []
    under = _under_makers(sentence, verb) if agent is None else []
    if (agent is None and not listed and not under) or is_hedged(sentence, verb):
        return []
    things = children(verb, frozenset({"nsubjpass"}))
    goods = [
        t
        for t in things
        if any(c.dep_ in ("amod", "compound", "poss") and c.i in sentence.codes for c in t.children)
        or t.lemma_.lower() in ("import", "export", "purchase")
        and not _arms_exports(sentence, t)
    ]  # "Russian ships were barred", "Imports of Russian oil were banned by New Zealand"
    actors = actors_of(sentence, agent) if agent is not None else under or _context_maker(sentence, verb, ctx)
    targets = [c for t in goods for c in target_codes(sentence, t) if c not in actors]
    return _sanctions(actors, list(dict.fromkeys(targets)), verb, ctx)


def _late_agent(sentence: Sentence, verb: Token) -> Token | None:
    """The "by X" of a passive the parser hung on a noun after the verb ("were barred from its
    ports by Canada", "were added to its entity list by Washington")."""
    # the end of its own clause (an attribution may follow: "..., officials said")
    last = max((t.i for t in verb.subtree if not t.is_punct), default=-1)
    for tok in verb.subtree:
        if tok.i > verb.i and tok.lower_ == "by" and tok.dep_ in ("prep", "agent"):
            objects = [o for o in tok.children if o.dep_ == "pobj" and actors_of(sentence, o)]
            ends = objects and objects[0].right_edge.i == last  # the clause's last words
            if ends and tok.head != verb and tok.head.pos_ in ("NOUN", "PROPN"):
                return objects[0]
    return None


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
    is marked with."""
    marks = prep_objects(thing, frozenset({"with"}))
    marks += [  # "ships flying the Russian flag", "lorries bearing Belarusian plates"
        o
        for c in thing.children
        if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in _DISPLAYING
        for o in children(c, frozenset({"dobj"})) + prep_objects(c, frozenset({"under"}))
        if o.lemma_.lower() in _MARKS
    ]
    return [c for o in marks for c in target_codes(sentence, o)]


_DISPLAYING = frozenset({"fly", "bear", "carry", "sail", "display", "sport", "use", "have", "wear"})
_MARKS = frozenset({"flag", "ensign", "plate", "colour", "color", "registration", "number"})


def _listed_with(token: Token) -> list[Token]:
    """The conjuncts and appositions of a named object ("Iwaya, the ambassador of Japan and
    seven other Japanese nationals"), and the conjuncts of its appositions."""
    beside = [c for c in token.children if c.dep_ in ("conj", "appos")]
    return beside + [g for c in beside for g in c.children if c.dep_ == "appos" and g.dep_ == "conj"]


def _entry_ban(sentence: Sentence, verb: Token, objects: list[Token]) -> list[Token]:
    """ "banned nine British ministers from entering the country", "declared two Israeli
    ministers persona non grata": the people of another country kept out."""
    lex = sentence.lexicon
    entry = lex.words("sanction", "entry_objects")
    lemma = verb.lemma_.lower()
    words = {t.lower_ for t in verb.subtree}
    if lemma == "declare" and {"persona", "grata"} <= words:
        return [t for t in verb.subtree if t.lemma_.lower() in entry and t.pos_ == "NOUN"]
    objects = objects + [  # "banned the entry of twenty Japanese lawmakers", "barred entry to 500 Americans"
        p
        for o in objects
        if o.lemma_.lower() in ("entry", "visit", "travel", "access")
        for p in prep_objects(o, frozenset({"of", "to"})) + prep_objects(verb, frozenset({"to"}))
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


def sanction_assets(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Russian assets frozen by the EU", "cut Moscow's access to SWIFT"."""
    lex = sentence.lexicon
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in (
        lex.words("sanction", "asset_verbs") | lex.words("sanction", "swift_verbs")
    ):
        return []
    if is_negated(verb) or is_hedged(sentence, verb) or _conditional(verb):
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
    # the owners named in what is frozen, every conjunct, not the places ("in Belgium") nor the
    # parties of a clause on them ("companies accused of shipping parts to Russia")
    parts = [
        c
        for c in verb.children
        if c.dep_ not in ("nsubj", "agent") and not (c.dep_ == "prep" and c.lower_ in ("in", "by"))
    ] + _misread_object(verb)
    targets = [c for p in parts for c in target_codes(sentence, p)]
    if verb.dep_ == "acl":  # "Russian assets frozen by the EU"
        targets = [
            sentence.codes[t.i] for t in verb.head.subtree if t.i < verb.i and t.i in sentence.codes
        ] + targets
    targets += [c for t in tokens if t.dep_ == "poss" for c in actors_of(sentence, t)]
    targets = [t for t in dict.fromkeys(targets) if t not in actors]
    return _sanctions(actors, targets, verb, ctx)


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


def _conditional(verb: Token) -> bool:
    """ "would freeze the assets of Russian banks if the talks failed": a measure on a
    condition, not imposed."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
        for c in verb.children
    )


def _combos(lex: Lexicon) -> list[tuple[str, frozenset[str], frozenset[str]]]:
    key = ("policy_change", "_combos")
    cached: Any = lex.sets.get(key)
    if cached is None:
        raw = lex.raw.get("policy_change", {}).get("combos", {})
        cached = tuple(
            (direction, frozenset(verbs), frozenset(nouns))
            for direction, pairs in raw.items()
            for verbs, nouns in pairs
        )
        lex.sets[key] = cached  # type: ignore[assignment]
    return list(cached)  # type: ignore[arg-type]


def _loosening(lex: Lexicon) -> frozenset[str]:
    """Verbs that end or ease a measure ("lift", "scrap", "ease"), from the policy combos."""
    key = ("policy_change", "_loosening")
    cached = lex.sets.get(key)
    if cached is None:
        cached = frozenset(v for d, verbs, _ in _combos(lex) if d == "loosen" for v in verbs)
        lex.sets[key] = cached
    return cached


_PERMIT_NOUNS = frozenset({"licence", "license", "permit", "authorisation", "authorization"})


def _combo_verbs(lex: Lexicon) -> frozenset[str]:
    key = ("policy_change", "_combo_verbs")
    cached = lex.sets.get(key)
    if cached is None:
        cached = frozenset(v for _, verbs, _ in _combos(lex) for v in verbs)
        lex.sets[key] = cached
    return cached


_REFUSING = frozenset({"refuse", "deny", "decline", "reject", "veto"})


def _permit_refused_for(sentence: Sentence, token: Token) -> bool:
    """Permits refused for another's transfer ("Bern refused to grant permits for the re-export
    of the shells", "Berlin refused to issue permits so that the howitzers can be exported to
    Kyiv"): that blocks someone's support, a refusal; refusing licences for one's own sales
    changes an export rule."""
    refused = (
        token.lemma_.lower() in _REFUSING
        or is_negated(token)
        or any(g.lemma_.lower() in _REFUSING for g in governors(token)[:2])
    )
    if not refused:
        return False
    text = sentence.span.text.lower()
    if "re-export" in text or "reexport" in text or "re - export" in text:
        return True
    return any(  # "so that the weapons can be exported": a purpose naming one transfer
        c.dep_ == "advcl"
        and any(m.lower_ in ("so", "that") for m in c.children if m.dep_ in ("mark", "advmod"))
        and c.lemma_.lower() in _SELLING | {"export", "transfer", "send", "pass"}
        for c in token.subtree
    )


_DEMANDING = frozenset(
    {"insist", "demand", "urge", "ask", "press", "call", "want", "require", "request", "push", "condition"}
)


def _demanded(token: Token) -> bool:
    """A change someone demands ("Ankara insisted that Stockholm lift its embargo", "Kyiv
    demanded that Berlin scrap its restrictions"): the clause under a verb of demanding."""
    for gov in governors(token)[:6]:
        if gov.pos_ == "VERB" and gov.lemma_.lower() in _DEMANDING:
            return True
        if gov.dep_ in ("ROOT",) or gov.pos_ == "VERB" and gov.lemma_.lower() in _SAYING:
            return False
    return False


_FORECASTING = frozenset({"expect", "predict", "forecast", "anticipate", "foresee", "project", "see"})


def forecast(token: Token) -> bool:
    """ "Experts expect Tokyo to ease its rules": someone's forecast of a change, not a change."""
    return any(
        g.lemma_.lower() in _FORECASTING and g.pos_ == "VERB" and token.dep_ in ("xcomp", "ccomp")
        for g in governors(token)[:1]
    )


_FLIPPED = {"loosen": "tighten", "tighten": "loosen"}


_CEASING = frozenset({"stop", "cease", "quit", "end"})


def _ceased(token: Token) -> bool:
    """ "decided to stop blocking the re-export", "has stopped approving new licences": a verb
    whose doing stops, which turns its direction around."""
    return (
        token.tag_ == "VBG"
        and token.dep_ in ("xcomp", "ccomp", "pcomp")
        and token.head.lemma_.lower() in _CEASING
    )


def _ceasing_over_change(sentence: Sentence, token: Token) -> bool:
    """ "stop" over a verb that itself changes a rule ("stop blocking exports"): the inner verb
    tells the change."""
    if token.lemma_.lower() not in _CEASING:
        return False
    return any(
        c.tag_ == "VBG" and c.dep_ in ("xcomp", "ccomp") and _combo_direction(sentence, c)
        for c in token.children
    )


def _no_longer(token: Token) -> bool:
    """ "will no longer block", "no longer allows": a rule that stops, which turns the verb's
    direction around (unlike "did not block", which changes nothing)."""
    return any(
        c.dep_ == "advmod" and c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children)
        for c in token.children
    )


def _combo_direction(sentence: Sentence, token: Token) -> str | None:
    """A verb of a class acting on a noun of a class in its object phrase, or a permission
    idiom ("gave the green light to Estonia to send")."""
    if token.pos_ != "VERB":
        return None
    lemma = token.lemma_.lower()
    if lemma in ("approve", "grant", "issue") and is_negated(token):
        words = {t.lemma_.lower() for t in object_tokens(token)[1:]}
        if words & _PERMIT_NOUNS and words & {"export", "arm", "weapon", "re-export", "military"}:
            return "tighten"  # "will not approve new arms export permits": a freeze
    if lemma not in _combo_verbs(sentence.lexicon) and lemma not in ("give", "grant", "issue"):
        return None
    phrase = object_tokens(token)[1:] + [t for o in _misread_object(token) for t in object_tokens(o)]
    objects = [t for t in phrase if not _since(t) and not ended(t) and not _plate(t)]
    words = {t.lemma_.lower() for t in objects}
    if any(_sale_deal(o) for o in children(token, frozenset({"dobj", "nsubjpass"}))):
        words.add("sale")  # "froze a contract to sell bombs to Riyadh": one arms deal
    if words & sentence.lexicon.words("policy_change", "party_nouns"):
        return None
    if words & _FUNDING and not words & (_TRANSFERS - {"delivery", "supply", "transfer"}):
        return None  # "lifted its freeze on aid to UNRWA", "the hold on military aid": support resumed
    heads = {o.lemma_.lower() for o in children(token, frozenset({"dobj", "nsubjpass"})) if o in objects}
    combos = [c for c in _combos(sentence.lexicon) if heads & c[2]] or _combos(sentence.lexicon)
    for direction, verbs, nouns in combos:  # the object's own noun first ("reinstated its restrictions")
        if (
            lemma in verbs
            and words & nouns
            and not _stance_alone(words & nouns, words | _stance_reach(token))
        ):
            if _no_longer(token):  # "will no longer block exports": the rule is dropped
                return _FLIPPED[direction]
            if is_negated(token):  # "has not approved new export permits": a freeze
                return "tighten" if direction == "loosen" else None
            return direction
    idioms = sentence.lexicon.words("policy_change", "permission_idioms")
    permitted = [c for o in children(token, frozenset({"dobj", "dative"})) for c in actors_of(sentence, o)]
    permitted += [
        c
        for t in objects
        if t.dep_ == "prep"
        and t.lower_ == "to"
        and (t.head == token or t.head.lemma_.lower() in idioms_words(sentence))
        for o in t.children
        for c in actors_of(sentence, o)
    ]
    if not permitted and not words & {"export", "re-export", "sale", "transit"}:
        return None  # "gave the green light for the delivery": its own decision to give
    if lemma in ("give", "grant", "issue") and any(
        t.lemma_.lower() in idioms
        or f"{t.head.lemma_.lower()} {t.lemma_.lower()}" in idioms
        or f"{t.lemma_.lower()} {t.head.lemma_.lower()}" in idioms
        for t in objects
    ):
        return "loosen" if not is_negated(token) else "tighten"
    return None


_FUNDING = frozenset({"aid", "funding", "fund", "assistance", "payment", "contribution", "donation", "grant"})
_STANCES = frozenset({"veto", "objection", "opposition", "refusal", "reluctance", "reticence", "reservation"})
# "abandoned its refusal to send weapons": a stance against giving arms is an export rule
_ARMING = frozenset({"send", "supply", "sell", "deliver", "provide", "ship", "arm", "give"})
_TRANSFERS = frozenset(
    {
        "export",
        "re-export",
        "transfer",
        "sale",
        "delivery",
        "supply",
        "licence",
        "license",
        "use",
        "strike",
        "hit",
    }
)


def _stance_reach(verb: Token) -> set[str]:
    """The words of what a stance in the object is about ("its refusal to send weapons")."""
    return {
        t.lemma_.lower()
        for o in children(verb, frozenset({"dobj", "nsubjpass"}))
        for c in o.children
        if c.dep_ in ("acl", "relcl", "prep")
        for t in c.subtree
    }


def _stance_alone(matched: set[str], words: set[str]) -> bool:
    """ "lifted its veto" on a decision changes no export rule; "dropped its objections to
    re-exports of the tanks" does."""
    arming = bool(words & _ARMING and words & _ARMS)
    return matched <= _STANCES and not words & _TRANSFERS and not arming


def _plate(token: Token) -> bool:
    """ "licence plates": a licence that is no export licence."""
    return token.lemma_.lower() in ("licence", "license") and token.head.lemma_.lower() == "plate"


_DEALS = frozenset({"deal", "contract", "agreement", "order"})
_SELLING = frozenset({"sell", "export", "supply", "deliver", "ship", "transfer"})


def _sale_deal(noun: Token) -> bool:
    """ "a deal to sell drone cameras to Turkey", "the arms contract with Riyadh", "an export
    order": a single deal to sell arms, which halting or resuming changes the rule for."""
    if noun.lemma_.lower() not in _DEALS:
        return False
    selling = any(c.dep_ in ("acl", "relcl") and c.lemma_.lower() in _SELLING for c in noun.children)
    selling = selling or any(  # "resumed a frozen deal to sell ...", the infinitive hung on the verb
        c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in _SELLING and c.left_edge.i == noun.i + 1
        for c in noun.head.children
    )
    armed = any(
        c.lemma_.lower() in _ARMS | {"export", "sale"}
        for c in noun.children
        if c.dep_ in ("compound", "amod")
    )
    return selling or armed


def _standing_rule(sentence: Sentence, token: Token) -> bool:
    """ "Japan's pacifist constitution restricts it from exporting weapons", "Swiss law forbids
    re-exports": a rule in force told in the present, not a change (unlike "a new law bans")."""
    if token.pos_ != "VERB" or token.tag_ not in ("VBZ", "VBP"):
        return False
    subject = subject_of(token)
    if any(c.lower_ in ("now", "henceforth", "longer") for c in token.children):
        return False  # "the law now allows exports", "no longer forbids"
    return (
        subject is not None
        and subject.lemma_.lower() in _RULE_NOUNS
        and not any(c.lower_ in _NEW | {"revised", "amended", "updated"} for c in subject.children)
    )


_RULE_NOUNS = frozenset(
    {
        "constitution",
        "law",
        "rule",
        "policy",
        "doctrine",
        "regulation",
        "legislation",
        "guideline",
        "principle",
        "neutrality",
        "charter",
        "statute",
        "act",
    }
)


def idioms_words(sentence: Sentence) -> frozenset[str]:
    """The head words of the permission idioms ("light" of "green light", "go-ahead")."""
    return frozenset(p.split()[-1] for p in sentence.lexicon.words("policy_change", "permission_idioms"))


def policy_change(sentence: Sentence, token: Token, ctx: ArticleContext) -> list[Found]:
    """ "Germany lifted its ban on weapons exports", "Japan revised its export rules"."""
    lex = sentence.lexicon
    combo = _combo_direction(sentence, token)
    if token.lemma_.lower() not in _first_words(lex) and combo is None:
        return []
    if _ceasing_over_change(sentence, token):
        return []  # "decided to stop blocking the re-export": read at "blocking"
    phrased = _policy_direction(sentence, token)
    direction = phrased or combo
    ceased = _no_longer(token) or _ceased(token)
    if ceased and direction is not None:  # "will no longer allow exports", "stop blocking re-exports"
        stopped = combo if _no_longer(token) else combo and _FLIPPED[combo]  # no_longer: flipped already
        direction = _FLIPPED[phrased] if phrased else stopped
    frozen = ceased or (  # "will not approve new arms export permits"
        combo == direction == "tighten"
        and is_negated(token)
        and token.lemma_.lower() in ("approve", "grant", "issue")
    )
    hedged = is_hedged(sentence, token.head if _ceased(token) else token)  # "stop" itself marks no plan
    if direction is None or is_negated(token) and not frozen or hedged or forecast(token):
        return []
    if _demanded(token):
        return []  # "insisting that Sweden lift the arms embargo": asked for, not done
    if direction == "tighten" and _permit_refused_for(sentence, token):
        return []  # "refused to issue permits so the howitzers can go to Kyiv": a refusal of support
    if (
        direction == "tighten"
        and _phrase_at(sentence, token, "tighten")
        and _describes_old_rule(sentence, token)
    ):
        return []
    if token.pos_ == "NOUN" and token.lemma_.lower() in lex.words("policy_change", "permit_verbs"):
        return []  # "cancelled permits for the export of ...": the permits are what changes
    if token.pos_ == "VERB" and token.dep_ == "amod" and not children(token, frozenset({"nsubj"})):
        return []  # "the banned exports": a state named, not a change told
    if _since(token) or _dated(token) or _standing_rule(sentence, token):
        return []  # "the first licence since the embargo of 2019", "invoked the 1974 arms embargo"
    if direction == "tighten" and ended(token):
        return []  # "approved the scrapping of the ban": the ending noun loosens it
    if not on_topic(sentence, combo is not None) or _restricts_a_country(sentence, token):
        return []
    actors = _policy_actors(sentence, token)
    anchor = token.head if _ceased(token) else token  # "stopped blocking": the stop is the change
    return _policy_changes(sentence, actors, direction, anchor, 0.7, "policy-change")


_POLICY_GROUPS = ("tighten", "loosen", "neutral")
_ARMS = frozenset(
    {"arm", "weapon", "weaponry", "munition", "ammunition", "military", "lethal", "defence", "defense"}
)


def _arms_in(sentence: Sentence, token: Token) -> bool:
    """Arms or military goods named in the phrase a verb governs."""
    tokens = list(token.subtree)
    return bool({t.lemma_.lower() for t in tokens} & _ARMS) or "military" in categories_in(sentence, tokens)


def _on_exports(noun: Token) -> bool:
    """ "export curbs", "export controls": a measure on what is sold abroad."""
    return any(
        c.lemma_.lower() in ("export", "re-export")
        for c in noun.children
        if c.dep_ in ("compound", "amod", "nmod")
    )


def _destinations(objects: list[Token]) -> list[Token]:
    """Where restricted goods go: the "to the United States" of "curbs on gallium and germanium
    to the United States", which names the country the measure is aimed at."""
    return [
        o
        for obj in objects
        for t in obj.subtree
        if t.dep_ == "prep" and t.lower_ == "to"
        for o in t.children
        if o.dep_ == "pobj"
    ]


def _restricts_a_country(sentence: Sentence, token: Token) -> bool:
    """ "expanded its export restrictions on Russia and Belarus" (goods, not arms): a sanction
    on those countries, not a rule on arming a party (an arms embargo is both)."""
    curbs = [
        t for t in children(token, frozenset({"dobj"})) if t.lemma_.lower() in _MEASURES and _on_exports(t)
    ]
    if curbs and not _arms_in(sentence, token):  # "imposed export curbs on gallium to the US"
        places = _destinations(
            curbs
            + prep_objects(token, frozenset({"on"}))
            + [o for c in curbs for o in prep_objects(c, frozenset({"on"}))]
        )
        if any(target_codes(sentence, o) for o in places):
            return True
    trade = [  # "banned trade with Iran": a country shut out, unless arms are what is banned
        o
        for t in children(token, frozenset({"dobj"}))
        if t.lemma_.lower() == "trade" and not {c.lemma_.lower() for c in t.subtree} & _ARMS
        for o in prep_objects(t, frozenset({"with"})) + prep_objects(token, frozenset({"with"}))
    ]
    if any(target_codes(sentence, o) for o in trade):
        return True
    restrictions = [t for t in object_tokens(token) if t.lemma_.lower() in _MEASURES]
    if token.lemma_.lower() in _MEASURES:
        restrictions.append(token)
    aimed = [o for r in restrictions for o in prep_objects(r, frozenset({"on", "against"}))]
    if token.lemma_.lower() in sentence.lexicon.words("sanction", "closing_verbs") and any(
        o.lemma_.lower() in _CONFERRED and not _arms_exports(sentence, o) and target_codes(sentence, o)
        for o in children(token, frozenset({"dobj"}))
    ):
        return True  # "revoked the licences of two Russian banks"
    if token.lemma_.lower() in sentence.lexicon.words("sanction", "closing_verbs"):
        exports = [e for e in children(token, frozenset({"dobj"})) if e.lemma_.lower() == "export"]
        aimed += [  # "banned the export of machine tools to Iran", "exports of goods to Russia"
            o for e in exports for t in e.subtree for o in prep_objects(t, frozenset({"to"}))
        ]
        if exports:  # "banning exports of machine tools to Belarus", the "to" hung on the verb
            aimed += prep_objects(token, frozenset({"to"}))
    aimed += [  # "export bans targeting Russia"
        o
        for r in restrictions
        for t in [r, *children(r, frozenset({"conj"}))]
        for a in children(t, frozenset({"acl"}))
        if a.lemma_.lower() in ("target", "hit", "cover")
        for o in children(a, frozenset({"dobj"}))
    ]
    if not aimed or not any(c for o in aimed for c in target_codes(sentence, o)):
        return False
    lemmas = {t.lemma_.lower() for t in sentence.span}
    return not (
        lemmas & _ARMS or any(sentence.lexicon.categories_of(t) == ["military"] for t in sentence.span)
    )


_MEASURES = frozenset({"restriction", "control", "ban", "curb", "embargo", "limit", "measure"})


def on_topic(sentence: Sentence, combo: bool = False) -> bool:
    """The sentence speaks of export rules and of arms or support, not of visas or cars.

    A verb-noun combination ("halt deliveries", "the green light to send") names the rule
    itself; then arms or support must still be spoken of.
    """
    lex = sentence.lexicon
    lemmas = {t.lemma_.lower() for t in sentence.span}
    return (combo or bool(lemmas & lex.words("policy_change", "topic_words"))) and bool(
        lemmas & (lex.words("policy_change", "subject_words") | lex.categories["military"])
    )


def _first_words(lex: Lexicon, groups: tuple[str, ...] = _POLICY_GROUPS) -> frozenset[str]:
    key = ("policy_change", "_first_" + "_".join(groups))
    cached = lex.sets.get(key)
    if cached is None:
        cached = frozenset(p.split()[0] for g in groups for p in lex.words("policy_change", g))
        lex.sets[key] = cached
    return cached


def _describes_old_rule(sentence: Sentence, token: Token) -> bool:
    """ "a shift from its policy of banning exports": the ban is what is dropped; "the first
    licence since the embargo of 2019": the embargo is the past the change ends."""
    changes = _first_words(sentence.lexicon, ("loosen", "neutral"))
    return any(g.lemma_.lower() in changes for g in governors(token)) or _since(token)


def _dated(token: Token) -> bool:
    """A measure named with its year ("the 1974 arms embargo"): one already in place."""
    return token.pos_ == "NOUN" and any(
        c.dep_ in ("nummod", "compound", "amod")
        and c.like_num
        and len(c.text) == 4
        and c.text[:2] in ("19", "20")
        for c in token.children
    )


def _since(token: Token) -> bool:
    """The token stands in a "since ..." phrase: what was before the change."""
    while token.head != token:
        if token.dep_ in ("prep", "mark") and token.lower_ == "since" or token.lower_ == "since":
            return True
        if token.dep_ in ("ROOT",):
            return False
        token = token.head
    return False


def _phrase_at(sentence: Sentence, token: Token, group: str) -> bool:
    """One of the group's phrases starts at ``token`` (its lemmas in order, six words on)."""
    doc = token.doc
    end = min(token.i + 6, sentence.span.end)
    lemmas = [t.lemma_.lower() for t in doc[token.i : end] if t.dep_ not in ("det", "poss", "amod", "nummod")]
    lemmas_all = [t.lemma_.lower() for t in doc[token.i : end]]
    for phrase in sentence.lexicon.words("policy_change", group):
        words = phrase.split()
        if words[0] == lemmas_all[0] and (_contains(lemmas_all, words) or _contains(lemmas, words)):
            return True
    return False


def _policy_direction(sentence: Sentence, token: Token) -> str | None:
    for direction in ("tighten", "loosen"):
        if _phrase_at(sentence, token, direction):
            return direction
    if _phrase_at(sentence, token, "neutral"):
        return _neutral_direction(sentence)
    return None


def _neutral_direction(sentence: Sentence) -> str:
    """ "a shift ...: Germany will not approve exports" tightens; "a shift ... opening up" loosens."""
    permits = sentence.lexicon.words("policy_change", "permit_verbs")
    for tok in sentence.span:
        if _describes_old_rule(sentence, tok):
            continue  # "a shift from its policy of banning exports"
        if _phrase_at(sentence, tok, "tighten") and not is_negated(tok):
            return "tighten"
        if (_phrase_at(sentence, tok, "loosen") or tok.lemma_.lower() in permits) and is_negated(tok):
            return "tighten"
    return "loosen"


def _contains(seq: list[str], words: list[str]) -> bool:
    if len(words) == 1:
        return seq[:1] == words
    rest = seq[1:]
    pos = 0
    for word in words[1:]:
        try:
            pos = rest.index(word, pos) + 1
        except ValueError:
            return False
    return True


def _policy_actors(sentence: Sentence, token: Token) -> list[str]:
    """Who changes the rule; never the party it sells to ("had sold weapons to Myanmar ... it had
    suspended sales": not Myanmar)."""
    buyers = {  # named outright ("to Myanmar"), not a group resolved from elsewhere
        sentence.codes[g.i]
        for t in sentence.span
        if t.lower_ == "to" and t.dep_ in ("prep", "dative")
        for o in t.children
        for g in [o, *o.conjuncts]
        if g.i in sentence.codes
    }
    return [a for a in _rule_changers(sentence, token) if a not in buyers or sentence.codes.get(token.i) == a]


def _rule_changers(sentence: Sentence, token: Token) -> list[str]:
    if token.pos_ == "VERB":
        found = _actors(sentence, token) or _rule_makers(sentence, subject_of(token))
        if found:
            return found
    for gov in [token, *governors(token)]:
        found = modifier_actors(sentence, gov) if gov.pos_ == "NOUN" else _actors(sentence, gov)
        if found:
            return found
    root = sentence.span.root
    return actors_of(sentence, subject_of(root))


def _rule_makers(sentence: Sentence, rule: Token | None) -> list[str]:
    """Who made a rule that is the subject ("The new guidelines, adopted by the cabinet in
    Tokyo, allow ...", "Japan's new guidelines allow ...")."""
    if rule is None or rule.pos_ != "NOUN":
        return []
    found = modifier_actors(sentence, rule)
    for clause in rule.children:
        agent = agent_of(clause) if clause.dep_ == "acl" else None
        if agent is not None:
            found += [c for c in actors_of(sentence, agent) if c not in found]
    return found


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
_PERMITTING = frozenset(
    {
        "allow",
        "permit",
        "authorise",
        "authorize",
        "let",
        "clear",
        "greenlight",
        "green-light",
        "okay",
        "approve",
    }
)
_STRIKING = frozenset({"strike", "hit", "attack", "target", "fire", "shoot", "bomb", "launch"})
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


_ENDING_NOUNS = frozenset(
    {"end", "ending", "removal", "scrapping", "repeal", "abolition", "lifting", "easing", "relaxation"}
)


def ended(token: Token) -> bool:
    """ "the end of its arms embargo", "the lifting of restrictions": ``token`` stands in the
    "of" phrase of a noun that ends or eases what it names (read by :func:`policy_nominal`)."""
    for gov in governors(token)[:6]:
        if gov.lower_ == "of" and gov.head.lemma_.lower() in _ENDING_NOUNS:
            return True
    return False


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


_FIRST_GRANTS = frozenset({"issue", "grant", "approve", "sign", "authorise", "authorize", "allow", "clear"})
_GRANTED = frozenset(
    {"licence", "license", "permit", "export", "sale", "delivery", "authorisation", "authorization"}
)


def policy_resumption(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """ "Finland has granted the first export licence for military material to Turkey since
    2019": the first permit after a halt resumes exports (loosen)."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _FIRST_GRANTS or is_negated(verb):
        return []
    if is_hedged(sentence, verb):
        return []
    granted = [
        o
        for o in children(verb, frozenset({"dobj", "nsubjpass"}))
        if o.lemma_.lower() in _GRANTED | {"export"} or any(c.lemma_.lower() in _GRANTED for c in o.children)
    ]
    first = [o for o in granted if any(c.lower_ == "first" for c in o.children)]
    first = first or [o for o in granted if any(t.lower_ == "first" for t in sentence.span)]
    since = any(t.lower_ == "since" for t in sentence.span)
    again = any(c.lower_ in ("again", "anew") for c in verb.children)  # "will again approve arms exports"
    rules = [o for o in granted if o.lemma_.lower() in _GRANTED - {"delivery"}]
    if not (first and since or rules and again) or not on_topic(sentence, True):
        return []
    return _policy_changes(sentence, _actors(sentence, verb), "loosen", verb, 0.65, "policy-resumption")


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
    strikes = [t for t in scope if t.pos_ == "VERB" and (t.lemma_.lower() in _STRIKING or _used_against(t))]
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
    return verb.lemma_.lower() in _USING and any(
        c.dep_ == "prep" and c.lower_ in ("against", "inside", "over") for c in verb.children
    )


def _policy_changes(
    sentence: Sentence, actors: Sequence[str], direction: str, token: Token, confidence: float, rule: str
) -> list[Found]:
    """One policy change per actor, summarised by its sentence."""
    summary = sentence.span.text[:200]
    return [
        Found(
            {"type": "policy_change", "actor": a, "direction": direction, "summary": summary},
            token,
            confidence,
            rule,
        )
        for a in actors
    ]


MEASURE_RULES = (
    threat_verb,
    threat_noun,
    threat_statement,
    threat_idiom,
    threat_counter_arming,
    sanction_noun,
    sanction_verb,
    sanction_headline,
    sanction_excluding,
    sanction_assets,
    sanction_closing,
    sanction_closure,
    sanction_listing_noun,
    sanction_striking,
    sanction_following,
    policy_change,
    policy_ruling,
    policy_use_permission,
    policy_resumption,
    policy_nominal,
    threat_withheld_support,
)
