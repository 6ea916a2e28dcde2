"""What every rule shares: :class:`Found`, :class:`ArticleContext`, the helpers that build
support, appeal and refusal events, and the word sets and small readers used by several types.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from spacy.tokens import Token

from aidtrack.extract.clauses import (
    SCENE_MARKS,
    Sentence,
    agent_of,
    children,
    is_passive,
    prep_objects,
    relative_head,
    subject_of,
)
from aidtrack.extract.lexicon import Lexicon
from aidtrack.extract.modality import has_aux, is_negated
from aidtrack.extract.parties import actors_of, companions, is_state, reporters_of
from aidtrack.extract.roles import (
    categories_in,
    core_phrase,
    modifier_actors,
    sentence_categories,
    without_examples,
)

# nouns of looking into something before deciding: "ordered a review of the licence" changes no
# rule, "called for an independent inquiry" asks for no support
INQUIRIES = frozenset(
    {
        "review",
        "study",
        "assessment",
        "evaluation",
        "audit",
        "inquiry",
        "investigation",
        "consultation",
        "examination",
    }
)


@dataclass
class ArticleContext:
    """What the rules know about the whole article."""

    default_recipient: str | None = None
    relief_recipient: str | None = None  # the state most given to in sentences of relief alone
    default_category: str | None = None
    sanction_target: str | None = None
    sanction_actor: str | None = None
    has_sanction: bool = False
    givers_told: set[str] = field(default_factory=set)  # donors of the support read so far
    asked_before: dict[str, str] = field(default_factory=dict)  # who each actor asked last
    threatened_before: dict[str, str] = field(default_factory=dict)  # who each actor threatened last
    sanctioned_by: dict[str, str] = field(default_factory=dict)  # who last sanctioned each target
    tightened_by: set[str] = field(default_factory=set)  # who tightened export rules so far
    sanction_counts: dict[str, int] = field(default_factory=dict)
    actor_counts: dict[str, int] = field(default_factory=dict)
    giver_counts: dict[str, int] = field(default_factory=dict)
    aided: set[str] = field(default_factory=set)  # parties given to by words other than sales
    struck: list[tuple[str, ...]] = field(default_factory=list)  # the states each disaster struck together
    recipients_ranked: list[str] = field(default_factory=list)  # most often given to first
    asked_for: dict[str, str] = field(default_factory=dict)  # the kind each party was last asked for
    last_events: list[dict[str, Any]] = field(default_factory=list)  # of the last sentence that told any
    # per type, the events of the last sentence that told one of that type
    last_of_type: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    refused_category: dict[str, str] = field(default_factory=dict)  # the kind each actor last refused
    pending_sanction: tuple[str, ...] = ()  # who just sanctioned parties the sentence gave no state of
    kinds_named: list[str] = field(default_factory=list)  # kinds the sentence so far named
    recipients_named: list[str] = field(default_factory=list)  # recipients the sentence so far named
    told_in_sentence: list[Found] = field(default_factory=list)  # events the sentence so far told
    # the kind of support each instrument was told giving ("a Czech-led scheme to buy shells":
    # "scheme" gives military support), for "will contribute to the scheme" later
    instrument_kinds: dict[str, str] = field(default_factory=dict)
    last_instrument_kind: str | None = None  # of the last instrument told, whatever its noun

    def main_other(self, *exclude: str | None) -> str | None:
        """The actor the article most often tells giving (a subject of a transfer verb), other
        than ``exclude`` and the default recipient: whom an appeal without a named target
        is most likely addressed to."""
        left = {
            c: n for c, n in self.giver_counts.items() if c not in exclude and c != self.default_recipient
        }
        if not left:
            return None
        best = max(left, key=lambda c: left[c])
        ranked = sorted(left.values(), reverse=True)
        return best if len(ranked) == 1 or ranked[0] > ranked[1] else None  # no tie

    def struck_with(self, code: str | None) -> set[str]:
        """The states a disaster struck together with ``code`` ("struck Turkey and Syria")."""
        return {c for hit in self.struck if code in hit for c in hit}

    def main_sanction_target(self) -> str | None:
        """The target the article's sanctions name most often."""
        counts = self.sanction_counts
        return max(counts, key=lambda c: counts[c]) if counts else self.sanction_target


@dataclass
class Found:
    """One event proposed by a rule, anchored on a trigger token."""

    fields: dict[str, Any]
    anchor: Token
    confidence: float
    rule: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


# the relations of a word that describes a thing rather than tells an act
_DESCRIBING = frozenset({"amod", "relcl"})


def given_in_passing(event: Found) -> bool:
    """ "let Ukraine use German-supplied weapons", "the Gepard guns it gave Kyiv": support told
    inside a description of a thing, which "France did the same" does not repeat (a measure
    can be what a described thing holds: "a decree that turns its embargo into law")."""
    anchor = event.anchor
    return event.fields["type"] == "support" and any(
        t.dep_ in _DESCRIBING for t in (anchor, *anchor.ancestors)
    )


_RESTRICTIONS = frozenset(
    {
        "ban",
        "embargo",
        "restriction",
        "moratorium",
        "freeze",
        "suspension",
        "halt",
        "pause",
        "block",
        "blockade",
        "limit",
        "sanction",
    }
)


_REQUESTS = frozenset({"request", "call", "demand", "appeal", "plea", "bid", "proposal"})


# what a state owes, which another may pay off or forgive for it
_DEBTS = frozenset({"arrears", "arrear", "debt", "bill", "due"})
_SETTLING = frozenset({"pay", "settle", "clear", "cover", "repay"})
_FORGIVING = frozenset({"cancel", "forgive", "waive", "write"})  # "write off"


def debts_settled(verb: Token) -> list[Token]:
    """ "pay off Syria's arrears", "settle its debts to the World Bank", "pay off 15 million
    dollars that Syria owes the World Bank", "cancel more than 1 billion dollars of Somalia's
    debt", "write off debt owed by Ethiopia": the debts paid or forgiven, which is financial
    support to whom owes them (and no refusal: a debt cancelled is not aid cut)."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in _SETTLING | _FORGIVING:
        return []
    if lemma == "write" and not any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children):
        return []
    found = []
    for thing in children(verb, frozenset({"dobj", "nsubjpass"})):
        if thing.lemma_.lower() in _DEBTS or _owing_clauses(thing):
            found.append(thing)
        elif any(o.lemma_.lower() in _DEBTS for o in prep_objects(thing, frozenset({"in"}))):
            found.append(thing)  # "Syria's $15 million in arrears": the sum, whose owner owes it
        else:  # "1 billion dollars of Somalia's debt"
            found += [o for o in prep_objects(thing, frozenset({"of"})) if o.lemma_.lower() in _DEBTS]
    return found


def _owing_clauses(thing: Token) -> list[Token]:
    """ "dollars that Syria owes", "debt owed by Ethiopia"."""
    return [c for c in thing.children if c.dep_ in ("relcl", "acl") and c.lemma_.lower() == "owe"]


def debtors(sentence: Sentence, debt: Token) -> list[str]:
    """Who owes a debt: "Syria's arrears", "the Somali debt", "dollars that Syria owes", "debt
    owed by Ethiopia"."""
    owing = [
        s
        for c in _owing_clauses(debt)
        for s in children(c, frozenset({"nsubj"})) + ([agent_of(c)] if agent_of(c) is not None else [])
    ]
    codes = modifier_actors(sentence, debt) + [c for s in owing for c in actors_of(sentence, s)]
    return [c for c in dict.fromkeys(codes) if is_state(c)]


Rule = Callable[[Sentence, Token, ArticleContext], list[Found]]
R = TypeVar("R", bound=Rule)
# the parts of speech a rule's anchor may have, for the rules that declare them
# (:func:`anchored_on`); the pipeline offers each token only to the rules that may anchor on it
ANCHOR_POS: dict[Rule, frozenset[str]] = {}
# the lemmas a rule's anchor may have, for the rules that declare them: each a function of the
# lexicon, as most are trigger lists of ``triggers.yaml``
ANCHOR_LEMMAS: dict[Rule, Callable[[Lexicon], Iterable[str]]] = {}


def anchored_on(*pos: str, lemmas: Callable[[Lexicon], Iterable[str]] | None = None) -> Callable[[R], R]:
    """Declare that a rule finds events only on tokens of these parts of speech (none named: any)
    and, with ``lemmas``, only on tokens whose lowered lemma is among those it returns for the
    lexicon: the rule's first tests reject every other token before it reads anything else
    ("if verb.pos_ != 'VERB' or verb.lemma_.lower() not in X: return []"). The pipeline then
    skips the rule on other tokens; ``tests/extract/test_rule_anchors.py`` checks each
    declaration against what the rule does."""

    def declare(rule: R) -> R:
        if pos:
            ANCHOR_POS[rule] = frozenset(pos)
        if lemmas is not None:
            ANCHOR_LEMMAS[rule] = lemmas
        return rule

    return declare


def _category_or_default(
    sentence: Sentence,
    tokens: list[Token],
    ctx: ArticleContext,
    *,
    allow_default: bool,
    sentence_wide: bool = False,
) -> tuple[list[str], bool]:
    """The kinds of support ``tokens`` name. Else, with ``allow_default``: the one kind an
    earlier event of the sentence named ("Britain pledged 120 million pounds for food and
    shelter, and the pledges of Norway and Denmark brought the total to ..."), with
    ``sentence_wide`` the one kind the whole sentence names (what a request is for is often
    told in its reasons: "urged Washington to keep funding flowing, saying that pipelines for
    food would break down"), else the article's most named kind. The flag says a default was
    taken."""
    cats = categories_in(sentence, without_examples(sentence, tokens))
    if cats:
        ctx.kinds_named.extend(c for c in cats if c not in ctx.kinds_named)
        return cats, False
    if not allow_default:
        return [], False
    told = kind_told_before(ctx)
    if not told and sentence_wide:
        told = sentence_categories(sentence)
        if told:  # not what a comment on a party tells ("the UAE, which experts accuse of arming
            # the RSF, pledged $100 million")
            told = categories_in(sentence, [t for t in sentence.span if not _in_comment(sentence, t)])
    if len(told) == 1:
        return list(told), True
    if ctx.default_category:
        return [ctx.default_category], True
    return [], False


# the marks of a contrast beside what a sentence tells (a reason may tell what a gift is for)
_COMMENT_MARKS = frozenset({"although", "though", "whereas", "while"})


def _in_comment(sentence: Sentence, token: Token) -> bool:
    """A word of an appositive or relative clause on a party named as a subject, or of a
    clause of contrast: a comment beside what the sentence tells (not "100 million pounds to
    Ukraine, which will be spent on food")."""
    for above in [token, *token.ancestors]:
        if above.dep_ in ("appos", "relcl") and _named_party(sentence, above.head):
            return True
        if above.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in _COMMENT_MARKS for m in above.children
        ):
            return True
    return False


def _named_party(sentence: Sentence, token: Token) -> bool:
    named = token.i in sentence.codes or token.pos_ == "PROPN"
    return named and token.dep_ in ("nsubj", "nsubjpass")


def kind_told_before(ctx: ArticleContext) -> list[str]:
    """The one kind of support the sentence named so far, if it named only one."""
    return list(ctx.kinds_named) if len(ctx.kinds_named) == 1 else []


def _recipients_or_default(
    found: list[str], ctx: ArticleContext, givers: Sequence[str] = ()
) -> tuple[list[str], bool]:
    """The recipients named, else the one recipient an earlier gift of the sentence named ("The
    EU announced 60 million euros for Congo, and Belgium added 10 million"), else the article's
    usual recipient (the next one when the usual one is the giver itself: an article on a US
    debate about aid to Kyiv)."""
    if found:
        ctx.recipients_named.extend(r for r in found if r not in ctx.recipients_named and r not in givers)
        return found, False
    told = [r for r in ctx.recipients_named if r not in givers]
    if len(told) == 1:
        return told, True
    usual = next((r for r in ctx.recipients_ranked if r not in givers), None) if givers else None
    default = usual or ctx.default_recipient
    if default and not usual and _told_giving(default, ctx):
        return [], True  # the state a story names most, told giving or withholding: no receiver
    return ([default], True) if default else ([], True)


def _told_giving(party: str, ctx: ArticleContext) -> bool:
    """The article told ``party`` giving support or withholding it, and never receiving it."""
    told = party in ctx.givers_told or party in ctx.refused_category
    return told and party not in ctx.recipients_ranked and party not in ctx.aided


def _supports(
    donors: list[str],
    recipients: list[str],
    cats: list[str],
    anchor: Token,
    conf: float,
    *,
    rule: str,
    stage: str | None,
) -> list[Found]:
    staged = {"stage": stage} if stage else {}
    if len(set(donors)) > 1 and set(recipients) == set(donors) and not told_each_other(anchor.sent):
        return []  # "Estonia and Latvia agreed to buy IRIS-T systems for their own air defence": each for itself
    return _party_events(
        ("support", "donor", "recipient"),
        (donors, recipients),
        cats,
        anchor,
        conf,
        rule,
        lambda _d, _r: staged,
    )


def told_each_other(tokens: Iterable[Token]) -> bool:
    """ "each other", "one another": parties that act on one another."""
    words = [t.lower_ for t in tokens]
    pairs = set(zip(words, words[1:]))
    return ("each", "other") in pairs or ("one", "another") in pairs


Extra = Callable[[str, str], dict[str, str]]


def _party_events(
    roles: tuple[str, str, str],
    parties: tuple[Sequence[str], Sequence[str]],
    cats: Sequence[str],
    anchor: Token,
    conf: float,
    rule: str,
    extra: Extra,
) -> list[Found]:
    """One event of ``roles`` (type, first role, second role) per pair of parties and per
    category: a coordinated list gives one event per member. A party never acts on itself;
    ``extra`` adds fields that depend on the pair (a beneficiary, a stage)."""
    kind, first_role, second_role = roles
    out = []
    for first in parties[0]:
        for second in parties[1]:
            if first == second:
                continue
            more = extra(first, second)
            for cat in cats:
                fields = {"type": kind, first_role: first, second_role: second, "category": cat, **more}
                out.append(Found(fields, anchor, conf, rule))
    return out


def _appeal_events(
    parties: tuple[Sequence[str], Sequence[str]],
    cats: Sequence[str],
    anchor: Token,
    conf: float,
    rule: str,
    extra: Extra | None = None,
) -> list[Found]:
    """One appeal per actor, target and category (see :func:`_party_events`). An actor that is
    also one of those asked was read wrongly ("its leader asked China and Russia", with "its"
    taken for China): it asks nobody."""
    actors, targets = parties
    actors = [a for a in actors if a not in targets]
    return _party_events(
        ("appeal", "actor", "target"), (actors, targets), cats, anchor, conf, rule, extra or _no_fields
    )


def _no_fields(_first: str, _second: str) -> dict[str, str]:
    return {}


_SELLING = frozenset({"sell", "export", "resell"})


TRADE_LEMMAS = _SELLING | {"sale", "export"}

# "took delivery (receipt, possession) of": taking that is receiving
_TAKEN = frozenset({"delivery", "receipt", "possession"})


def is_receiving(lexicon: Lexicon, verb: Token) -> bool:
    """A verb of receiving ("received", "got"), or "took delivery of tanks from Spain"."""
    lemma = verb.lemma_.lower()
    if lemma in lexicon.words("support", "receive_verbs"):
        return True
    return lemma == "take" and any(c.dep_ == "dobj" and c.lemma_.lower() in _TAKEN for c in verb.children)


_HELP_NOUNS = frozenset(
    {
        "help",
        "support",
        "aid",
        "assistance",
        "funding",
        "financing",
        "backing",
        "money",
        "grant",
        "loan",
        "fund",
    }
)


_POLICIES = frozenset(
    {
        "policy",
        "principle",
        "rule",
        "stance",
        "position",
        "line",
        "practice",
        "doctrine",
        "tradition",
        "commitment",
        "pledge",
        "decision",
    }
)


def _first_words_of(lex: Any) -> frozenset[str]:
    """The first words of the loosening and neutral policy phrases ("lift", "ease", "revise")."""
    return frozenset(p.split()[0] for g in ("loosen", "neutral") for p in lex.words("policy_change", g))


# verbs of letting something happen: "has not allowed French rescuers to work"
LETTING = frozenset({"allow", "permit", "let", "authorise", "authorize"})


# what is put "on hold" or "on ice" is paused
_PAUSE_NOUNS = frozenset({"hold", "ice"})


def says_none(noun: Token) -> bool:
    """ "'not one forint'", "no Hungarian money": a sum or thing said to be none."""
    return any(c.dep_ == "neg" or c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


# nouns of a halt of giving: "its freeze", "the pause on funding", "the aid cuts"
HALT_NOUNS = frozenset({"freeze", "pause", "suspension", "halt", "hold", "moratorium", "cut", "cutoff"})


def on_hold(verb: Token) -> bool:
    """ "put its aid on hold", "payments were on hold", "placed the programme on ice"."""
    if any(o.lemma_.lower() in _PAUSE_NOUNS for o in prep_objects(verb, frozenset({"on"}))):
        return True
    doc = verb.doc  # "has put on hold the 30 million euros": the parser takes "hold" for the object
    return any(
        c.dep_ == "prep"
        and c.lower_ == "on"
        and c.n_rights == 0
        and c.i + 1 < len(doc)
        and doc[c.i + 1].head == verb
        and doc[c.i + 1].lemma_.lower() in _PAUSE_NOUNS
        for c in verb.children
    )


# what a party keeps support as: "keep its aid frozen", "kept the payments suspended"
_HALTED = frozenset({"suspend", "freeze", "frozen", "halt", "pause", "block", "stop", "withhold"})
# verbs that keep something as it is
_KEEPING_AS_IS: frozenset[str] = frozenset({"keep", "leave", "maintain"})


COPULAS = frozenset({"be", "remain", "stay"})
# states of support held back, said with a copula: "development cooperation remains frozen"
_HELD_STATES = frozenset({"frozen", "suspended", "paused", "halted"})


def stays_halted(verb: Token) -> bool:
    """ "Development cooperation with Khartoum remains frozen", "aid stays suspended": a copula
    whose complement says the support is held back (the parser reads the participle as an
    adjective)."""
    return verb.lemma_.lower() in COPULAS and any(
        c.dep_ in ("acomp", "oprd") and c.lower_ in _HELD_STATES for c in verb.children
    )


def held_back(noun: Token) -> bool:
    """ "US military aid to Egypt is frozen", "remains suspended", "was paused in March": support
    that is the subject of its own halt (see the refusal rules), not given."""
    head = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if head.dep_ in ("aux", "auxpass"):  # "remains suspended" with "remains" read as an auxiliary
        head = head.head
    halted = head.lemma_.lower() in _HALTED and (noun.dep_ == "nsubjpass" or head.tag_ == "VBN")
    return halted or stays_halted(head)


def kept_halted(verb: Token) -> bool:
    """ "will keep its aid to Niger frozen", "kept military aid suspended": support held back
    for longer (the parser hangs the participle on the verb, on its object, or makes it the
    head: "will keep its payments paused")."""
    if verb.lemma_.lower() not in _KEEPING_AS_IS:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return False
    states = [c for c in verb.children if c.dep_ in ("oprd", "advcl", "ccomp", "xcomp", "acomp")]
    states += [c for o in objects for c in o.children if c.dep_ in ("acl", "amod") and c.i > o.i]
    if verb.dep_ == "ccomp":  # the head itself ("will keep its payments paused"), or hung on
        states.append(verb.head)  # "said": "said it would keep its funding suspended"
        states += [
            c
            for c in verb.head.children
            if c.dep_ in ("ccomp", "advcl")
            and c.tag_ in ("VBN", "VBD", "JJ")
            and c.i > verb.i
            and not any(g.dep_.startswith("nsubj") for g in c.children)
        ]
    return any(t.i > objects[0].i and t.lemma_.lower() in _HALTED for t in states)


# verbs by which a package is made known or decided
_MAKING_KNOWN = frozenset(
    {"announce", "unveil", "present", "decide", "approve", "agree", "adopt", "finalise", "finalize"}
)


def made_later(verb: Token) -> bool:
    """ "will be announced", "would be unveiled", "is to be decided": a package made known or
    decided later is not given yet."""
    if verb.lemma_.lower() not in _MAKING_KNOWN or not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall", "to") for c in verb.children)


def _said_by_named(verb: Token) -> bool:
    """ "Swedish officials said they could not release ...": a clause told by a named sayer,
    whose "they" is the sayer."""
    sayer = subject_of(verb.head) if verb.dep_ == "ccomp" else None
    return sayer is not None and sayer.pos_ in ("NOUN", "PROPN")


def _unable(verb: Token) -> bool:
    """ "cannot provide lethal weapons", "can't send tanks": a stated inability refuses."""
    subject = subject_of(verb)
    if (
        subject is None
        or subject.pos_ == "PRON"
        and subject.lower_ not in ("it", "we", "i")
        and not _said_by_named(verb)
    ):
        return False  # "they cannot transfer weapons under the treaties": whose rule is unclear
    return (
        is_negated(verb)
        and has_aux(verb, frozenset({"can", "ca", "could"}))
        and not any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in verb.children)
    )


def _described_thing(verb: Token) -> list[Token]:
    """ "the F-16s (that) it will receive from Norway", "the missiles Ukraine got": the noun a
    relative clause describes is what its verb moves."""
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return core_phrase(verb.head)
    if verb.dep_ == "ccomp" and (described := relative_head(verb)) is not None:
        return core_phrase(described)
    return []


_MESSAGES = frozenset({"letter", "message", "note", "call", "list", "invitation", "proposal", "offer"})


def _named_members(sentence: Sentence, verb: Token) -> list[str]:
    """The actors listed after "among them" beside a verb whose subject is a generic group."""
    found: list[str] = []
    for prep in children(verb, frozenset({"prep"})):
        if prep.lower_ != "among" or not any(g.lower_ in ("them", "which", "whom") for g in prep.children):
            continue
        for named in prep.children:
            if named.dep_ in ("dep", "appos", "pobj") and named.lower_ not in ("them", "which", "whom"):
                found += [c for c in actors_of(sentence, named) if c not in found]
    return found


_CHOICES = frozenset({"decision", "move", "choice", "determination", "resolution", "order"})


def light_verb_actors(sentence: Sentence, noun: Token, verbs: frozenset[str]) -> list[str]:
    """The subject of a verb that only carries an event noun ("carried out airdrops", "placed
    a hold on a shipment", "issued a pause to sales"): who does what the noun names."""
    head = noun.head
    if noun.dep_ != "dobj" or head.lemma_.lower() not in verbs or is_negated(head):
        return []
    return actors_of(sentence, subject_of(head))


def _refusals(
    actors: list[str],
    cats: list[str],
    recipients: list[str],
    anchor: Token,
    conf: float,
    *,
    rule: str,
) -> list[Found]:
    out = []
    for actor in actors:
        for cat in cats:
            fields = {"type": "refusal", "actor": actor, "category": cat}
            if recipients and recipients[0] != actor:
                fields["recipient"] = recipients[0]
            out.append(Found(fields, anchor, conf, rule))
    return out


_OPERATIONS = frozenset(
    {"attack", "offensive", "operation", "strike", "assault", "invasion", "incursion", "campaign", "raid"}
)


_BACKING = frozenset({"support", "back", "assist", "join", "aid", "help", "endorse", "participate"})


_HOLDING_BACK = frozenset({"withhold", "delay", "block", "drag", "stall", "slow", "veto", "hesitate", "fail"})


def _objects_or_passive_subject(verb: Token) -> list[Token]:
    """The direct objects, or in the passive the subject ("Norway was thanked by Kyiv for ...",
    "Germany was criticised by Zelensky for delaying ...")."""
    found = children(verb, frozenset({"dobj"}))
    if is_passive(verb):
        found += children(verb, frozenset({"nsubjpass"}))
    return found


def _gives_nothing(verb: Token) -> bool:
    """ "gave nothing", "has contributed none": a giving verb whose object is nothing."""
    return any(c.dep_ == "dobj" and c.lower_ in ("nothing", "none") for c in verb.children)


def _particles(verb: Token) -> set[str]:
    """The particles of a phrasal verb, however parsed: "held back" (advmod), "ruled out" (prt)."""
    found = set()
    for child in verb.children:
        dep = child.dep_
        if dep in ("prt", "prep") or dep == "advmod" and child.i == verb.i + 1 and child.lower_ in _PARTICLES:
            found.add(child.lower_)
    return found


_PARTICLES = frozenset({"back", "off", "out", "down", "away", "up", "clear"})


def _draws_line(verb: Token) -> bool:
    """ "drew the line at supplying weapons": a limit set against giving."""
    return (
        verb.lemma_.lower() == "draw"
        and any(c.dep_ == "dobj" and c.lower_ == "line" for c in verb.children)
        and any(c.dep_ == "prep" and c.lower_ == "at" for c in verb.children)
    )


def _says_no(verb: Token) -> bool:
    """ "said no to the re-export of ammunition", "answered no to Kyiv's request"."""
    if verb.lemma_.lower() not in ("say", "answer", "reply"):
        return False
    doc = verb.doc
    if verb.i + 2 < len(doc) and doc[verb.i + 1].lower_ == "no" and doc[verb.i + 2].lower_ == "to":
        return True  # whatever the parse ("says no to lethal aid" read as "no ... aid")
    return any(
        c.lower_ == "no" and c.dep_ in ("intj", "dobj", "det", "advmod") for c in verb.children
    ) and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children)


def _refusal_phrase(lex: Any, verb: Token) -> bool:
    """A verb with a particle or preposition that refuses: "ruled out", "voted against"."""
    return any(f"{verb.lemma_.lower()} {w}" in lex.words("refusal", "phrases") for w in _particles(verb))


_BARE_REFUSALS = frozenset({"refuse", "decline", "reject", "balk", "baulk", "demur", "say"})


def _refusal_actors(sentence: Sentence, verb: Token) -> list[str]:
    if is_passive(verb):
        found = _passive_agents(sentence, verb)
    else:
        found = actors_of(sentence, subject_of(verb))
    if not found and verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and verb.head.lemma_.lower() in _CHOICES:
        found = modifier_actors(sentence, verb.head, of=True)  # "Berlin's decision to halt arms
        # deliveries", "the decision of the Greek government not to send"
    if not found:  # "Several EU members, among them Austria, Ireland and Malta, refused ..."
        found = _named_members(sentence, verb)
    if not found:  # "issued a joint statement urging Israel to ...": whoever issued it
        found = _issuers(sentence, verb)
    return found + [c for c in companions(sentence, verb) if c not in found] if found else found


# what parties issue that may say something for them: "a joint statement urging ..."
_ISSUED = _MESSAGES | frozenset({"statement", "declaration", "communique", "communiqué", "resolution"})


def _issuers(sentence: Sentence, verb: Token) -> list[str]:
    """Who issued the statement a participle hangs on: "Canada and Australia issued a joint
    statement urging Israel to ...", "Canada's statement calling for ..."."""
    text = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or text.lemma_.lower() not in _ISSUED:
        return []
    own = modifier_actors(sentence, text, of=True)
    if own or text.dep_ != "dobj":
        return own
    return actors_of(sentence, subject_of(text.head))


def _passive_agents(sentence: Sentence, verb: Token) -> list[str]:
    """Every "by X" of a passive, coordinated ones included ("was asked by NATO allies and by
    Kyiv to send", where the parser hangs the second "by" on the clause below)."""
    holders = [verb, *children(verb, frozenset({"xcomp", "conj"}))]
    agents = [
        g
        for h in holders
        for c in h.children
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
        for g in [
            *children(c, frozenset({"pobj"})),
            *(p for cc in children(c, frozenset({"conj"})) for p in children(cc, frozenset({"pobj"}))),
        ]
    ]
    found: list[str] = []
    for agent in agents:
        found += [c for c in actors_of(sentence, agent) if c not in found]
    return found


_SCENE_PREPS = frozenset(
    {"in", "at", "during", "after", "before", "amid", "following", "since", "despite", "as"}
)


_FORCES = frozenset(
    {
        "force",
        "troop",
        "soldier",
        "fighter",
        "unit",
        "army",
        "militant",
        "enemy",
        "line",
        "invader",
        "occupier",
        "crowd",
        "protester",
        "column",
        "brigade",
        "battalion",
        "regiment",
    }
)


def _asked_parts(verb: Token) -> list[Token]:
    """What an appeal asks and of whom: not its subject, nor the scene ("In the wake of a
    meeting on drones, X called on Y to ...")."""
    passive = is_passive(verb)  # "more tanks were requested by Kyiv": the subject is what is asked
    return [
        c
        for c in verb.children
        if (
            c.dep_ not in ("nsubj", "nsubjpass", "punct", "aux", "neg", "advmod")
            or passive
            and c.dep_ == "nsubjpass"
            and c.pos_ == "NOUN"
        )
        and not (c.dep_ == "prep" and c.lower_ in _SCENE_PREPS)
        and not _comment_clause(c)
        and not _own_act(c)
    ]


# verbs of saying or asking, whose clause coordinated after an appeal is an act of its own
_SAYING_VERBS = frozenset({"ask", "say", "tell", "add", "wonder", "question", "note", "warn", "insist"})


def _own_act(clause: Token) -> bool:
    """ "appealed to the EU for funding, and asked why it was still financing ...": a coordinated
    verb of saying, or one with its own subject, tells another act (but "urged the bloc to go
    further and hand Kyiv the assets", parsed as coordinated with "urged", is what is asked)."""
    return (
        clause.dep_ == "conj"
        and clause.pos_ in ("VERB", "AUX")
        and (
            clause.lemma_.lower() in _SAYING_VERBS
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
        )
    )


# verbs of a reason given beside a plea: "pressed Tokyo to send air defence, arguing that
# generators alone could not keep the lights on"
_ARGUING = frozenset(
    {"argue", "say", "warn", "note", "insist", "explain", "add", "stress", "cite", "complain"}
)


def _scene_clause(token: Token) -> bool:
    """A clause of when or why beside what is asked: "after Russian strikes knocked out the
    grid", ", arguing that generators alone could not keep the lights on"."""
    if token.dep_ != "advcl":
        return False
    return any(c.dep_ == "mark" and c.lower_ in SCENE_MARKS for c in token.children) or (
        token.tag_ == "VBG" and token.lemma_.lower() in _ARGUING
    )


def _comment_clause(clause: Token) -> bool:
    """ "..., which means they use it to target military goals": a comment on what was said."""
    return clause.dep_ in ("ccomp", "advcl", "parataxis") and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("which", "what") for c in clause.children
    )


_GIVING_GROUPS = frozenset(
    {
        "coalition",
        "initiative",
        "fund",
        "scheme",
        "mechanism",
        "facility",
        "programme",
        "program",
        "effort",
        "group",
    }
)


def _names_a_thing(sentence: Sentence, noun: Token) -> bool:
    """A noun that names support or weapons ("deliveries", "air defence"), not a party."""
    lex = sentence.lexicon
    return bool(lex.categories_of(noun)) or noun.lemma_.lower() in lex.words("support", "nouns")


def _left_actors(sentence: Sentence, noun: Token) -> list[str]:
    """Actors in a noun's possessive or adjective: "Ukraine's request", "the Polish plea"."""
    found: list[str] = []
    for tok in noun.children:
        if tok.dep_ in ("poss", "amod", "compound", "nmod") and tok.i < noun.i:
            found += [c for c in actors_of(sentence, tok) if c not in found]
    return found


_ON_REQUEST_PREPS = frozenset({"at", "following", "after", "upon", "on", "to"})


_ANSWERING = frozenset({"respond", "response", "answer", "reply", "follow", "heed"})


# "at Kyiv's request", "at Kyiv's urging", "at the behest of Warsaw"
_ASKINGS = frozenset(
    {"request", "plea", "appeal", "call", "demand", "urging", "behest", "insistence", "prompting"}
)


def _answering_clause(noun: Token) -> Token | None:
    """The main verb a request adjunct hangs on ("at/following/after/upon X's request, ...",
    "in response to a request", "responding to a request")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in _ON_REQUEST_PREPS:
        return None
    head = prep.head
    if prep.lower_ == "to":  # "responding to", "in response to"
        if head.lemma_.lower() not in _ANSWERING:
            return None
        if head.dep_ == "pobj":
            head = head.head.head
        elif head.dep_ in ("advcl", "prep"):
            head = head.head
    elif prep.pos_ == "VERB" and prep.dep_ in ("prep", "advcl"):  # "Following a request, ..."
        head = prep.head
    while head.dep_ == "prep" and head.head != head:
        head = head.head
    return head if head.pos_ == "VERB" else None


def stays_out(verb: Token, *, negated: bool = True) -> bool:
    """ "will not take part in", "would not participate in", "will not join": staying out of a
    joint effort of support (with ``negated`` False: taking part, which a refusal governs)."""
    lemma = verb.lemma_.lower()
    if negated and not is_negated(verb):
        return False
    if lemma == "take":
        return any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children)
    return lemma in ("participate", "join", "engage")


def gerunds_taken_part_in(verb: Token) -> list[Token]:
    """The gerunds of "in" after a verb of taking part, on the verb or its "part" ("participate
    in sending", "take part in financing"): what a party takes part in, or stays out of."""
    holders = [verb, *(c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "part")]
    return [
        c
        for h in holders
        for p in h.children
        if p.dep_ == "prep" and p.lower_ == "in"
        for c in p.children
        if c.dep_ == "pcomp"
    ]


_TRADE_WORDS = frozenset({"export", "re-export", "sale", "sell", "licence", "license", "permit"})


def _sayers(sentence: Sentence, clause: Token) -> list[str]:
    """Who says the words of ``clause``, else the speaker of the paragraph."""
    return reporters_of(sentence, clause) or ([sentence.speaker] if sentence.speaker else [])
