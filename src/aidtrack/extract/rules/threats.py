"""Threat rules: warnings, statements and threat nouns."""

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
from aidtrack.extract.modality import (
    is_future,
    is_hedged,
    is_indirect_question,
    is_inverted_condition,
    is_negated,
    is_past,
)
from aidtrack.extract.parties import (
    WAR_NOUNS,
    actors_of,
    coordinated_groups,
    counted_group,
    in_scene_before,
    is_state,
)
from aidtrack.extract.roles import donors_of_verb, modifier_actors, recipients_of
from aidtrack.extract.rules.common import ArticleContext, Found, anchored_on
from aidtrack.extract.rules.measures_common import (
    _CORE_SANCTIONS,
    _MEASURES,
    _SAYING,
    _actors,
    _late_agent,
    target_codes,
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
        "participant",
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
_BEARING = frozenset({"bear", "pay", "face", "suffer", "shoulder", "carry", "regret", "expect"})


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


@anchored_on("VERB", lemmas=lambda lex: lex.words("threat", "verbs"))
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
    for obj in addressed or prep_objects(verb, frozenset({"to"})) or _written_to(verb):
        targets += actors_of(sentence, obj)  # not "warns Japan over exports to US"
    cue_words = lex.words("threat", "consequence_words") | _STRONG_CONSEQUENCES
    for cue in [
        o for o in addressed if o.lemma_.lower() in cue_words
    ]:  # "threatened consequences for Riyadh"
        targets += [
            c for o in prep_objects(cue, frozenset({"for", "against"})) for c in actors_of(sentence, o)
        ]
    for cue in [o for o in prep_objects(verb, frozenset({"of"})) if o.lemma_.lower() in cue_words]:
        targets += [  # "warned of consequences for Chisinau", not "for Ukraine's backers"
            sentence.codes[t.i]
            for o in prep_objects(cue, frozenset({"for", "against"}))
            for t in [o, *(c for c in o.children if c.dep_ == "conj")]
            if t.i in sentence.codes
        ]
    people = [o for o in addressed if o.pos_ in ("NOUN", "PROPN") and o.lemma_.lower() not in cue_words]
    if people and not targets:
        return []  # "warns Gulf states not to allow ...": the warned are a group no code names
    named = len(targets)  # "warned Finland and Sweden": every conjunct is a target
    tokens = list(verb.subtree)
    cues = lex.words("threat", "consequence_words")
    has_cue = any(  # not "of an outbreak in Goma, where supplies have been cut": a scene
        t.lemma_.lower() in cues and _aimed_harm(t) and not _in_relative(t, verb) for t in tokens
    )
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
    own_cuts = [c for c in told if _own_cut_foretold(sentence, c, actors)]
    if not targets and own_cuts:  # "warned that Bratislava could stop electricity supplies to
        targets = [  # Ukraine": a threat to cut what the warner's state gives
            r for c in own_cuts for r in recipients_of(sentence, c, dobj_is_recipient=False)
        ] or ([receiver] if receiver is not None else [])
        has_cue = has_cue or bool(targets)
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
        named = max(named, len(targets))  # "told Britain, France and Germany ... and warned"
    if not targets and (strained := _relations_strained(sentence, told)):
        targets, has_cue = (
            strained,
            True,
        )  # "warned that Kigali would reconsider its cooperation with Brussels"
    exclude = set(actors)
    if not targets and has_cue:  # "warned that the decision to supply Ukraine ... escalates"
        giving = [t for t in tokens if t.pos_ == "VERB" and t.lemma_.lower() in lex.support_verbs]
        givers = [c for t in giving for c in donors_of_verb(sentence, t)]
        receivers = {c for t in giving for c in recipients_of(sentence, t, dobj_is_recipient=True)}
        shielded = _spared(tokens)
        shielded |= _bodies_of_speaker(sentence, verb)  # "Tehran's mission to the UN warned": not the UN
        shielded |= {t.i for t in tokens if _struck(t)}  # "any Israeli attack on Lebanon": not Lebanon
        shielded |= {t.i for t in tokens if in_scene_before(t, verb)}  # "hours after signing a treaty
        # with Kim in Pyongyang, Putin warned": where and when, not whom
        targets = givers + [
            sentence.codes[t.i]
            for t in tokens
            if t.i in sentence.codes
            and not _origin(t)
            and t.i not in shielded
            and not (_striker(t) and not _strike_as_condition(t))
            and not _backed(t)
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


# verbs that end a supply: "threatened to cut funding", "cut the electricity it supplies"
CUTTING = frozenset(
    {
        "cut",
        "halt",
        "suspend",
        "withhold",
        "stop",
        "end",
        "freeze",
        "pull",
        "withdraw",
        "slash",
        "reduce",
        "curb",
    }
)


def _cuts_support(sentence: Sentence, acts: list[Token]) -> bool:
    """ "threatened to cut funding", "to withhold aid": an act that takes support away."""
    nouns = sentence.lexicon.words("support", "nouns")
    return any(
        act.lemma_.lower() in CUTTING
        and any(o.lemma_.lower() in nouns for o in children(act, frozenset({"dobj"})))
        for act in acts
    )


def _own_cut_foretold(sentence: Sentence, clause: Token, actors: list[str]) -> bool:
    """A clause told by a warning, in which the warner's own state could or would cut support:
    "warned that Bratislava could stop emergency electricity supplies to Ukraine"."""
    if clause.lemma_.lower() not in CUTTING or is_negated(clause):
        return False
    if not (is_future(clause) or any(c.dep_ == "aux" and c.lower_ in _MODALS for c in clause.children)):
        return False
    doers = actors_of(sentence, subject_of(clause))
    return bool(doers) and set(doers) <= set(actors) and _cuts_support(sentence, [clause])


# verbs that revisit or end ties (the bonds of :data:`_BONDS`): "would reconsider its
# cooperation with Brussels", "will review relations with Seoul", "could cut ties with Taipei"
_REVISITING = frozenset(
    {
        "reconsider",
        "review",
        "rethink",
        "reassess",
        "revisit",
        "suspend",
        "cut",
        "sever",
        "downgrade",
        "freeze",
    }
)


def _relations_strained(sentence: Sentence, told: list[Token]) -> list[str]:
    """The parties whose ties with the speaker a told future act would revisit or end: "warned
    that Kigali would reconsider its bilateral cooperation with Brussels" warns Belgium."""
    return [
        c
        for clause in told
        if clause.lemma_.lower() in _REVISITING and is_future(clause) and not is_negated(clause)
        for obj in children(clause, frozenset({"dobj"}))
        if obj.lemma_.lower() in _BONDS
        for o in prep_objects(obj, frozenset({"with"}))
        for c in actors_of(sentence, o)
    ]


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


def _spared(tokens: list[Token]) -> set[int]:
    """Parties named in a warning that are not the ones warned: shielded by a blocked measure,
    the club a bid is to join, the other side of a tie being formed."""
    return _shielded(tokens) | _clubs(tokens) | _partners(tokens)


def _partners(tokens: list[Token]) -> set[int]:
    """The other side of a tie formed in a warning ("warned that a rapprochement with Russia and
    Iran would put cooperation at risk"): the one warned is whoever would make the tie."""
    return {
        g.i
        for tok in tokens
        if _forms_a_tie(tok)
        for o in prep_objects(tok, frozenset({"with"}))
        for g in o.subtree
    }


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


# who stand behind a party: "Ukraine's Western backers" are warned, Ukraine is not named as one
_BACKERS = frozenset({"backer", "ally", "partner", "supporter", "sponsor", "friend", "patron"})


def _backed(token: Token) -> bool:
    """ "consequences for Ukraine's Western backers": the party backed, not the one warned."""
    return token.dep_ == "poss" and token.head.lemma_.lower() in _BACKERS


def _striker(token: Token) -> bool:
    """ "airspace for Israeli strikes": the party of a strike named in a warning to others is
    the one who would strike, not the one warned."""
    return token.dep_ in ("amod", "compound", "poss") and token.head.lemma_.lower() in _HARMING | {
        "raid",
        "operation",
    }


def _bodies_of_speaker(sentence: Sentence, verb: Token) -> set[int]:
    """The organisations named in the phrase of who warns ("Tehran's mission to the United
    Nations"): where the speaker sits, not whom it warns (a state named there may be: "the
    Russian ambassador to Denmark")."""
    speaker = subject_of(verb)
    if speaker is None:
        return set()
    return {t.i for t in speaker.subtree if t.i in sentence.codes and not is_state(sentence.codes[t.i])}


# attacks, whose "on" names the one struck, not the one a harm is aimed at
ATTACKS = WAR_NOUNS | {"incursion", "raid", "operation"}


def _struck(token: Token) -> bool:
    """The party an attack is made on: "an Israeli offensive on Lebanon"."""
    prep = token.head
    return (
        token.dep_ == "pobj"
        and prep.lower_ in ("on", "against")
        and prep.head.lemma_.lower() in ATTACKS
        and prep.head.dep_ in ("nsubj", "nsubjpass")
    )


def _strike_as_condition(token: Token) -> bool:
    """ "warned that an Israeli offensive on Lebanon would trigger a regional war": the striker
    of a strike that would bring the harm about is the one warned."""
    strike = token.head
    return strike.dep_ in ("nsubj", "nsubjpass") and any(
        c.dep_ == "aux" and c.lower_ in ("would", "will", "could", "wo") for c in strike.head.children
    )


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
        conditional = bool(_conditions(token))  # "Moscow would respond if Finland allowed ..."
        forceful = forceful or bool(_harms_by(token))  # "would respond by seizing Estonian property"
        return vowed or (forceful or conditional) and is_future(token)
    if token.pos_ == "NOUN" and lemma in _STEPS:
        firm = any(c.lower_ in _FIRM for c in token.children if c.dep_ in ("amod", "det", "compound"))
        aimed = bool(
            prep_objects(token, frozenset({"against"})) or prep_objects(token.head, frozenset({"against"}))
        )  # "will take all necessary measures against X", or "... if X keeps arming Taiwan"
        aimed = aimed or bool(_conditions(token.head))
        return firm and aimed and (is_future(token.head) or token.head.lemma_.lower() in _VOWING)
    return False


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
# harms an answer may be made of: "would respond by seizing Estonian property"
_HARMS_BY = _HOSTILE_ACTS | {"strike", "hit", "target"}


def _harms_by(verb: Token) -> list[Token]:
    """The harmful acts an answer is made "by": their objects are whom it is aimed at."""
    return [
        o
        for p in children(verb, frozenset({"prep"}))
        if p.lower_ == "by"
        for c in p.children
        if c.dep_ == "pcomp" and c.lemma_.lower() in _HARMS_BY
        for o in children(c, frozenset({"dobj"}))
    ]


@anchored_on(lemmas=lambda lex: _ANSWERING | _STEPS | _STRONG_CONSEQUENCES)
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
    if not speakers and (answer or token.pos_ == "VERB" and not is_indirect_question(token)):  # "If the US
        # keeps arming Taiwan, China will take all necessary measures"; "Foreign Minister Gil warned
        # that Venezuela would retaliate" (not "asked whether Israel would retaliate")
        speakers = actors_of(sentence, subject_of(token if token.pos_ == "VERB" else token.head))
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
            + _aims_of_means(token)
            for t in [o, *children(o, frozenset({"poss"}))]
            for c in actors_of(sentence, t)
        ]
        aimed += [c for o in children(token, frozenset({"dobj"})) for c in actors_of(sentence, o)]
        aimed += [c for o in _harms_by(token) for c in target_codes(sentence, o)]
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


def _aims_of_means(token: Token) -> list[Token]:
    """ "would respond with mirror measures against the European Union": whom the means of an
    answer are aimed at."""
    return [
        a
        for w in prep_objects(token, frozenset({"with"}))
        for a in prep_objects(w, frozenset({"against", "on"}))
    ]


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


def _written_to(verb: Token) -> list[Token]:
    """ "has written to his counterparts in Qatar and Bahrain, warning that ...": whom the letter
    or the call that carries a warning went to."""
    head = verb.head
    if verb.dep_ not in ("advcl", "xcomp", "conj") or head.lemma_.lower() not in _WRITING:
        return []
    found = prep_objects(head, frozenset({"to"})) + children(head, frozenset({"dobj"}))
    return [w for o in found for w in [o, *prep_objects(o, frozenset({"in", "from", "of"}))]]


# verbs of sending a message to someone: "wrote to", "telephoned", "sent a letter to"
_WRITING = frozenset({"write", "telephone", "phone", "call", "cable", "message", "text"})


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
        if o.lemma_.lower() not in ("message", "signal", "warning") and o.lower_ not in _FORUMS
        for c in actors_of(sentence, o)
    ]


# bodies a warning is voiced before, not aimed at: "the envoy told the Security Council"
_FORUMS = frozenset({"council", "assembly", "conference", "summit", "session", "meeting", "forum"})


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


_MODALS = frozenset({"could", "may", "might", "would", "will", "can", "'ll", "wo"})


@anchored_on("VERB", lemmas=lambda lex: _COUNTING)
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
    return _aimed_harm(token)


def _aimed_harm(token: Token) -> bool:
    """A harm to ties threatens ("would undermine relations"); to an economy it forecasts."""
    if token.lemma_.lower() in _HARMS_TO_TIES:
        return any(t.lemma_.lower() in _BONDS for t in token.subtree if t != token)
    return True


# harms that threaten only when done to a bond ("a breakdown in relations", "would poison
# ties"); done to an economy or a harvest they forecast
_HARMS_TO_TIES = frozenset(
    {"breakdown", "rupture", "ruin", "wreck", "undermine", "harm", "sour", "poison", "worsen", "deteriorate"}
)
# what a harm must harm for a threat: the bond between states, or a state's safety
_BONDS = frozenset(
    {
        "relation",
        "relationship",
        "tie",
        "cooperation",
        "treaty",
        "partnership",
        "friendship",
        "dialogue",
        "peace",
        "security",
        "interest",
        "trust",
        "bond",
        "alliance",
    }
)


# nouns of a new tie between two parties ("a rapprochement with Russia"); any bond made closer
# ("closer ties with Iran") or kept up ("continued military cooperation with Moscow") is one
# too, while a bond as it stands ("defence cooperation with The Hague") can be the harm itself
_NEW_TIES = frozenset({"rapprochement", "alignment", "realignment", "pivot", "alliance"})
_TIES = _BONDS | _NEW_TIES
_CLOSER = frozenset(
    {
        "close",
        "closer",
        "deeper",
        "new",
        "growing",
        "warmer",
        "strategic",
        "continued",
        "continuing",
        "ongoing",
    }
)


def _forms_a_tie(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    return (
        lemma in _NEW_TIES
        or lemma in _TIES
        and any(c.dep_ == "amod" and c.lower_ in _CLOSER for c in noun.children)
    )


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
    struck = {
        c for o in prep_objects(subject, frozenset({"on", "against", "into"})) for c in actors_of(sentence, o)
    }
    found = [c for c in actors_of(sentence, subject) if c not in struck]  # not "on Lebanon" of "any
    # Israeli attack on Lebanon would be met with ...": the attacker bears it
    return found or [
        c for o in prep_objects(subject, frozenset({"by", "of", "from"})) for c in actors_of(sentence, o)
    ]


def _conditional_parties(sentence: Sentence, token: Token) -> list[str]:
    """ "a harsh response if Finland hosts troops", "should the US side persist, China will
    take measures", "the EU should correct it, otherwise China will respond": who would act in
    the condition."""
    anchors = [token, *governors(token)][:3]
    return [c for a in anchors for clause in _conditions(a) for c in actors_of(sentence, subject_of(clause))]


def _conditions(verb: Token) -> list[Token]:
    """The "if Seoul sent arms" of a verb, also told by inversion beside it ("..., should Seoul
    deliver arms"), or as the demand an "otherwise" answers ("X should stop, otherwise ...")."""
    found = [
        c
        for c in verb.children
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS for m in c.children)
    ]
    found += [
        c
        for c in [*verb.children, *verb.head.children]
        if c != verb and c.dep_ in ("ccomp", "advcl", "conj") and is_inverted_condition(c)
    ]
    if any(c.lower_ == "otherwise" for c in verb.children):
        found += [c for c in verb.children if c.dep_ in ("ccomp", "conj") and c.i < verb.i]
    return found


def _pays_for(verb: Token) -> bool:
    """ "pay for the loan", "will pay 1.5 billion crowns into the fund" finance; "pay a heavy
    price" threatens."""
    if verb.lemma_.lower() != "pay":
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if any(o.lemma_.lower() not in _PENALTIES for o in objects):
        return True  # "pay off Syria's arrears", "pay the salaries": a bill, not a price
    if any(c.dep_ == "prt" and c.lower_ in ("off", "back", "out", "up", "in") for c in verb.children):
        return True  # "paid in a further 390 million euros"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _GOING_ON:
        return True  # "will keep paying": funding goes on
    paid = [t for o in objects for t in o.subtree]
    money = any(t.like_num or t.ent_type_ == "MONEY" or t.tag_ == "$" for t in paid)
    return money or any(c.dep_ == "prep" and c.lower_ in ("for", "into") for c in verb.children)


# what a party pays when it is punished: "would pay a heavy price", "pay the cost"
_PENALTIES = frozenset({"price", "cost", "penalty", "consequence"})
# verbs of going on with what one does: "will keep paying", "continued to pay"
_GOING_ON = frozenset({"keep", "continue", "resume", "go"})


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


@anchored_on("NOUN", lemmas=lambda lex: lex.words("threat", "nouns"))
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
        spared = _spared(clause)  # "threat to block the renewal of sanctions on Russia" threatens
        # those who want the renewal, not Russia
        targets = [sentence.codes[t.i] for t in clause if t.i in sentence.codes and t.i not in spared]
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


# nouns that sum up what a clause told as a warning: "..., a warning aimed at Nigeria"
_SUMMING_UP = frozenset({"warning", "threat", "message"})
# participles that address a warning to someone: "aimed at", "addressed to", "directed at"
_ADDRESSING = frozenset({"aim", "address", "direct", "target", "intend"})


@anchored_on("NOUN", lemmas=lambda lex: _SUMMING_UP)
def threat_summed_up(sentence: Sentence, noun: Token, ctx: ArticleContext) -> list[Found]:
    """ "Mali and Burkina Faso said any intervention against Niger would be treated as a
    declaration of war, a warning aimed at Nigeria", "in a message directed at Israel": a noun
    that sums up the clause as a warning names whom it warns; the clause's subject warns."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _SUMMING_UP:
        return []
    first = noun.left_edge.i
    after_comma = first > 0 and noun.doc[first - 1].lower_ == ","  # ", a warning aimed at": the
    # parser may take it for an object of the clause
    if noun.dep_ not in ("appos", "npadvmod", "pobj", "dep", "attr") and not after_comma:
        return []
    if noun.dep_ == "pobj" and noun.head.lower_ != "in":
        return []  # "in a message directed at Israel", not "of a warning ..."
    addressed = [
        a
        for a in children(noun, frozenset({"acl"}))
        if a.lemma_.lower() in _ADDRESSING and a.tag_ in ("VBN", "VBD")
    ]
    targets = [
        c
        for a in addressed
        for p in children(a, frozenset({"prep"}))
        if p.lower_ in ("at", "to")
        for o in children(p, frozenset({"pobj"}))
        for c in actors_of(sentence, o)
    ]
    actors = actors_of(sentence, subject_of(sentence.span.root))
    return [_threat(a, t, noun, 0.6) for a in dict.fromkeys(actors) for t in dict.fromkeys(targets) if a != t]
