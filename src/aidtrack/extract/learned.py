"""A learned scorer for candidate events: rules propose, a linear model decides.

For each sentence that holds a word of an event type's meaning classes
(``classes`` in ``data/extract/triggers.yaml`` plus :data:`EXTRA_CLASSES`),
every plausible assignment of the sentence's actors to the type's roles is a
:class:`Candidate` ("Austria, Ireland and Malta said they would not ..." gives
one refusal candidate per country). The actor the sentence before was about,
and the paragraph's speaker, fill the first role too where the sentence does
not name them ("The ministry said it had suspended sales"), and the second of
appeals and threats ("Ukraine made a request for the helicopters"). Each candidate is
described by sparse features that never name articles, actors or countries:

* how each role's actor is tied to a trigger of the type (the rule's own
  trigger for a rule's event, else the one the actor is an argument of or is
  nearest to): its argument slot (subject, passive subject, possessive,
  "by"/"from"/"on"/"to" object, object, modifier, or the subject of the verb
  that governs a nominal trigger), the dependency path and the distance, or
  that it is named by a pronoun, named only before the sentence (and what
  stands in the trigger's subject slot instead) or not at all;
* the trigger itself: part of speech, meaning class, voice, negation, hedging
  (modal, conditional, proposal, question), quotation, tense, a pluperfect ("had
  sold"), the trade, aid or history words of its own phrase, the meaning of
  what it acts on or governs ("lifted the ban", "asked X to send" against "to
  explain") and of the words that govern it ("urged ... to send", "refused to
  send", "will no longer allow exports"), and the kinds of support its own
  phrase names ("declined to send tanks" against "declined to comment");
* the sentence: the meaning classes present (among them trade words, "sold under
  a contract", against aid words, "donated free of charge", and words of
  history), whether it dates what it tells by a year, how many actors it names,
  which event types the hand-written rules found in it, and whether (and with
  which rule and confidence) a rule proposed this very event;
* the sentence's own words (lemmas, without the words of actors' names): what
  it says around its triggers, read by type ("support:w=loan");
* for a rule's event, what may make it a false one ("rule|..."): trade or
  history words, a governing request, refusal or proposal, a quote, a role read
  from beyond the sentence; fitted with the rule features, so they learn when
  the rules are wrong rather than what an event looks like.

Structural features come twice, once per type and once shared by all types
("*:"), so that rare types borrow what frequent ones teach. A logistic
regression trained by ``scripts/train_extract_filter.py`` scores the
candidates (the rule features are fitted in a second stage, so the others
learn what an event looks like on their own), Platt-scaled on out-of-fold
scores so that its probabilities are calibrated; its weights ship as JSON in
``data/extract/filter.json`` and are applied here in plain Python (no pickles,
no scikit-learn at run time). The score is the event's confidence, blended
with the rule's where a rule agrees (``pipeline._decide``).

>>> model = Model(weights={"support:bias": 0.0, "support:rule": 2.0}, thresholds={}, use={})
>>> round(model.score(["support:bias", "support:rule"]), 2)
0.88
"""

from __future__ import annotations

import functools
import itertools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from spacy.tokens import Token

from aidtrack.extract.clauses import Sentence, agent_of, is_passive, quoted_indices, subject_of
from aidtrack.extract.keys import KEYS, ROLES, event_key
from aidtrack.extract.modality import is_hedged, is_negated
from aidtrack.extract.parties import actors_of
from aidtrack.extract.roles import categories_in, sentence_categories

# which meaning classes make a sentence a candidate for each type
TYPE_CLASSES: dict[str, frozenset[str]] = {
    "support": frozenset({"give", "pledge", "receive"}),
    "appeal": frozenset({"ask"}),
    "refusal": frozenset({"refuse"}),
    "threat": frozenset({"warn"}),
    "sanction": frozenset({"sanction"}),
    "policy_change": frozenset({"policy"}),
}
# words of each meaning class beyond the rules' lexicon: verb classes with their
# synonyms and noun forms, so that a candidate exists wherever the meaning does
EXTRA_CLASSES: dict[str, str] = {
    "give": (
        "allot bestow resupply replenish bolster backing bailout credit guarantee transport "
        "donor contributor provider delivery handover sending supplying arming assist "
        "contribute disburse channel ferry airlift ship furnish equip finance fund underwrite"
    ),
    "pledge": (
        "allocate earmark commitment undertaking offer plan sign-off okay endorse ratify vote "
        "pass finalise finalize promise vow announce unveil"
    ),
    "ask": (
        "advocate clamour clamor rally canvass prevail urging appeal lobbying insistence "
        "demand call request want beg pleading convince persuade pressing broker "
        "solicit petition entreat exhort press push pressure seek quest bid plea wish"
    ),
    "refuse": (
        "no forgo forego renounce discontinue terminate withdraw retract cut snub dismiss "
        "objection object opposition unwillingness stall curtail shun eschew decline turn "
        "hold stop refrain exclude unwilling reluctant not "
        "withholding rebuff rebuke veto nix spurn resist balk baulk hesitate hesitation rule deny"
    ),
    "warn": (
        "menace intimidate blackmail coerce reprisal retribution ramification backlash "
        "unfriendly deter deterrence punitive counter react reaction damage harm jeopardise "
        "jeopardize endanger risk caution admonish vow threatening "
        "consequence countermeasure retaliatory unanswered escalate escalation ultimatum warning"
    ),
    "sanction": (
        "blockade boycott curb confiscate impound seizure levy duty punitive listing "
        "sanctioned expel bar deny prohibit forbid suspend target penalty blacklisting "
        "impose restriction blacklist designate designation freeze asset tariff embargo"
    ),
    # doing more of what one does already: "urged X to step up / speed up its deliveries"
    "more": (
        "increase step speed accelerate boost continue keep expand ramp scale redouble intensify "
        "maintain sustain double triple raise extend broaden deepen hasten expedite reconsider"
    ),
    # buying and selling: an arms sale, an export licence or a contract is trade, not aid
    "trade": (
        "export exporter sale sell seller buy buyer purchase purchaser order contract vendor customer "
        "client commercial procurement procure manufacturer maker industry firm company trade trader "
        "dealer deal market price licence license tender bid"
    ),
    # giving for nothing: what marks aid apart from trade
    "aid": (
        "aid assistance donate donation gift free charge humanitarian relief solidarity "
        "grant support package tranche handover"
    ),
    # what happened before the news: history, records, things already done
    "history": (
        "previously earlier past formerly once already ago history historically traditionally "
        "long-standing longstanding decade record since used"
    ),
    "policy": (
        "waive waiver exemption exempt prohibition permission authorisation authorization "
        "licensing control reinterpret moratorium stance position rulebook statute act "
        "legislation approve greenlight clear block stop "
        "relaxation loosening easing tightening revocation rescind overturn reverse reversal "
        "amend amendment overhaul relax restriction halt end resume resumption allow"
    ),
}
CATEGORIES = ("military", "humanitarian", "financial")
_CLIMB = frozenset({"conj", "appos", "compound", "amod", "nmod", "poss_"})
_GOVERNING = (
    "ask",
    "refuse",
    "warn",
    "proposal",
    "speech",
    "pledge",
    "policy",
    "sanction",
    "loosen",
    "tighten",
    "trade",
)
_NOMINAL_SLOTS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "pobj", "nsubj", "appos"})
_MAX_PATH = 4
# types whose own candidates need the sentence to name a kind of support, what is given
# ("political support" is no aid); the others get the article's kind where the sentence names
# none, and the model weighs that (feature "cat_default") and what the trigger's own phrase
# names (feature "T.names")
_NAMES_WHAT = frozenset({"support"})
# the types whose key holds a category of support
_CATEGORISED = frozenset(kind for kind, fields in KEYS.items() if "category" in fields)
_MODALS = frozenset({"will", "would", "could", "may", "might", "should"})
# verbs of saying that may carry a threat in their clause, and what marks the threat there
_SAYING = frozenset(
    {"say", "tell", "make", "hint", "signal", "promise", "vow", "state", "declare", "insist", "add"}
)
_CONDITIONS = frozenset({"if", "unless", "until", "once", "should"})
_CONSEQUENCE = frozenset({"warn", "refuse", "sanction"})
# the parts of speech whose words are read as features (names are not: see _word_features)
_WORD_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "ADP", "AUX", "PART"})
MODEL_FILE = "filter.json"
# the features whose weight on a rule's event is learned apart (see _doubts)
_DOUBT_SIGNALS = (
    "S=trade",
    "S=aid",
    "S=history",
    "S=proposal",
    "S=ask",
    "S=refuse",
    "S=speech",
    "S.year",
    "S.neg",
    "T.is=",
    "T.phrase=",
    "T.up=",
    "T.pluperfect",
    "T.quoted",
    "T.hedged",
    "T.neg",
    "T.aux=",
    "T.proposed",
    "T.comp=",
    "T.names=",
    "question",
    "A.earlier",
    "A.pronoun",
    "A.absent",
    "B.absent",
    "B.default",
    "cat_default",
    "actors=",
)
# types whose second role (who is asked, who is warned) may be the actor named before the sentence
_EARLIER_TARGETS = frozenset({"appeal", "threat"})


@dataclass
class Candidate:
    """One possible event of a sentence, with the features the model scores."""

    fields: dict[str, Any]
    features: list[str]
    sentence: Sentence
    anchor: Token
    rule_confidence: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return str(self.fields["type"])


@functools.cache
def word_classes() -> dict[str, frozenset[str]]:
    """lemma -> the meaning classes it belongs to (the lexicon's and :data:`EXTRA_CLASSES`)."""
    from aidtrack.extract.lexicon import load_lexicon

    table: dict[str, set[str]] = {}
    raw = load_lexicon().raw.get("classes", {})
    for name in set(raw) | set(EXTRA_CLASSES):
        for word in [*raw.get(name, []), *EXTRA_CLASSES.get(name, "").split()]:
            table.setdefault(str(word).lower(), set()).add(name)
    return {w: frozenset(c) for w, c in table.items()}


def _classes(token: Token) -> frozenset[str]:
    return _classes_of(token.lemma_, token.lower_)


@functools.lru_cache(maxsize=65536)
def _classes_of(lemma: str, lower: str) -> frozenset[str]:
    table = word_classes()
    return table.get(lemma.lower()) or table.get(lower) or frozenset()


def _mention_roots(sentence: Sentence) -> dict[str, list[Token]]:
    """code -> the head token of each of its mentions in the sentence."""
    roots: dict[str, list[Token]] = {}
    for token in sentence.span:
        code = sentence.codes.get(token.i)
        if code is None:
            continue
        if sentence.codes.get(token.head.i) == code and token.head != token:
            continue
        roots.setdefault(code, []).append(token)
    return roots


def _role_features(prefix: str, token: Token, quoted: frozenset[int]) -> list[str]:
    """Relation of a mention to its governor, climbing through coordination and modifiers."""
    out: list[str] = []
    tok = token
    steps = 0
    while tok.dep_ in _CLIMB and tok.head != tok and steps < 4:
        out.append(f"{prefix}.via={tok.dep_}")
        tok = tok.head
        steps += 1
    dep = tok.dep_
    gov = tok.head
    if dep == "pobj" and gov != tok:
        dep = f"pobj:{gov.lower_}"
        gov = gov.head
    elif dep == "agent":
        dep = "pobj:by"
    out.append(f"{prefix}.dep={dep}")
    out.append(f"{prefix}.govpos={gov.pos_}")
    for cls in _classes(gov):
        out.append(f"{prefix}.gov={cls}|{dep}")
    if token.i in quoted:
        out.append(f"{prefix}.quoted")
    return out


class _Reader:
    """Per-sentence caches of trigger arguments, trigger properties and paths."""

    def __init__(self, sentence: Sentence, roots: dict[str, list[Token]]) -> None:
        self.sentence = sentence
        self.roots = roots
        self._args: dict[int, dict[str, list[str]]] = {}
        self._props: dict[int, list[str]] = {}
        self._paths: dict[tuple[int, int], tuple[int, str, int]] = {}
        self._mentions: dict[tuple[str, str], list[str]] = {}
        self.quoted = quoted_indices(sentence.span)

    def mention_features(self, prefix: str, code: str) -> list[str]:
        """How the first two mentions of ``code`` attach to their governors."""
        got = self._mentions.get((prefix, code))
        if got is None:
            roots = self.roots.get(code, [])[:2]
            got = self._mentions[(prefix, code)] = [
                f for tok in roots for f in _role_features(prefix, tok, self.quoted)
            ]
        return got

    def arguments(self, trigger: Token) -> dict[str, list[str]]:
        """code -> the argument slots it fills for ``trigger``."""
        got = self._args.get(trigger.i)
        if got is None:
            got = self._args[trigger.i] = _arguments(self.sentence, trigger)
        return got

    def properties(self, trigger: Token) -> list[str]:
        got = self._props.get(trigger.i)
        if got is None:
            got = self._props[trigger.i] = _trigger_properties(self.sentence, trigger, self.quoted)
        return got

    def path(self, code: str, trigger: Token) -> tuple[int, str, int]:
        """(length, path, token distance) from the nearest mention of ``code`` to ``trigger``."""
        best: tuple[int, str, int] | None = None
        for root in self.roots.get(code, []):
            got = self._paths.get((root.i, trigger.i))
            if got is None:
                got = self._paths[(root.i, trigger.i)] = _path(root, trigger)
            if best is None or got[0] < best[0]:
                best = got
        return best if best is not None else (99, "none", 99)


def _arguments(sentence: Sentence, trigger: Token) -> dict[str, list[str]]:
    """The actors of each argument slot of a trigger word."""
    slots: list[tuple[str, Token | None]] = []
    try:
        subject = subject_of(trigger)
    except (IndexError, KeyError, ValueError, RecursionError):
        subject = None
    if subject is not None:
        slots.append(("subjpass" if subject.dep_ == "nsubjpass" else "subj", subject))
    slots.append(("by", agent_of(trigger)))
    for clause in trigger.children:
        if clause.dep_ == "ccomp":
            slots += [("comp_subj", c) for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    for child in trigger.children:
        if child.dep_ == "poss":
            slots.append(("poss", child))
        elif child.dep_ in ("compound", "amod", "nmod"):
            slots.append(("mod", child))
        elif child.dep_ in ("dobj", "dative", "attr", "oprd"):
            slots.append(("obj" if child.dep_ != "dative" else "dat", child))
        elif child.dep_ in ("prep", "dative") and child.lower_ != "by":
            slots += [(f"prep:{child.lower_}", g) for g in child.children if g.dep_ == "pobj"]
    head = trigger.head
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in _NOMINAL_SLOTS and head != trigger:
        if trigger.dep_ == "pobj" and head.head != head:
            head = head.head
        verb_subject = subject_of(head) if head.pos_ in ("VERB", "AUX") else None
        if verb_subject is not None:
            slots.append(("hsubj", verb_subject))
        for child in head.children:
            if child.dep_ == "prep" and child.i != trigger.i and child != trigger.head:
                slots += [(f"hprep:{child.lower_}", g) for g in child.children if g.dep_ == "pobj"]
            elif child.dep_ == "dative":
                slots.append(("hdat", child))
    out: dict[str, list[str]] = {}
    for slot, token in slots:
        for code in _actors(sentence, token):
            if slot not in out.setdefault(code, []):
                out[code].append(slot)
    return out


def _actors(sentence: Sentence, token: Token | None) -> list[str]:
    """The actors a noun phrase names; none when an odd parse trips the resolver."""
    if token is None:
        return []
    try:
        return actors_of(sentence, token)
    except (IndexError, KeyError, ValueError, RecursionError):
        return []


def _trigger_properties(sentence: Sentence, trigger: Token, quoted: frozenset[int]) -> list[str]:
    """Voice, negation, hedging, quotation, tense and governing classes of a trigger."""
    props = [f"T.pos={trigger.pos_}", f"T.dep={trigger.dep_}", f"T.tag={trigger.tag_}"]
    props += [f"T.is={c}" for c in sorted(_classes(trigger) & _PHRASE_CLASSES)]
    props += [f"T.phrase={c}" for c in _phrase_classes(trigger)]
    if any(c.dep_ == "aux" and c.lower_ == "had" for c in trigger.children):
        props.append("T.pluperfect")  # "had sold weapons to Myanmar": told as background
    if is_negated(trigger):
        props.append("T.neg")
    # what the trigger's own phrase names: "urged Italy to send shells" against "urged Italy
    # to respect the law", "declined to send tanks" against "declined to comment"
    named = _named_in_phrase(sentence, trigger)
    props += [f"T.names={c}" for c in named] or ["T.names=none"]
    if trigger.pos_ == "VERB" and is_passive(trigger):
        props.append("T.pass")
    if is_hedged(sentence, trigger):
        props.append("T.hedged")
    if trigger.i in quoted:
        props.append("T.quoted")
    for child in trigger.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in _MODALS:
            props.append(f"T.aux={child.lower_}")
        elif child.dep_ in ("amod", "compound") and "proposal" in _classes(child):
            props.append("T.proposed")  # "draft sanctions", "planned deliveries"
        if child.dep_ in _OBJECTS:  # what it acts on: "lifted the ban", "eased export rules"
            props += [f"T.obj={c}" for c in sorted(_object_classes(child) & _OBJECT_CLASSES)]
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
            # what is asked, refused or warned against: "asked X to send" against "to explain"
            props.append(f"T.comp={_comp_class(child)}")
    up = trigger
    for depth in range(3):
        if up.head == up:
            break
        up = up.head
        for cls in _classes(up) & frozenset(_GOVERNING):
            props.append(f"T.up={cls}")
            if depth == 0:
                props.append(f"T.up1={cls}")
        if depth == 0 and trigger.pos_ in ("NOUN", "PROPN") and is_negated(up):
            props.append("T.up1=negated")  # "will no longer allow exports"
    return props


def _phrase_classes(trigger: Token) -> list[str]:
    """Which of trade, aid, history and proposal words the phrase a trigger heads holds
    ("exports of arms to Turkey", "deliveries of aid", "tanks it had once sold")."""
    tokens = [t for t in trigger.subtree if t.i != trigger.i]
    if len(tokens) > 40:
        return []
    found: set[str] = set()
    for token in tokens:
        found |= _classes(token) & _PHRASE_CLASSES
    return sorted(found)


def _named_in_phrase(sentence: Sentence, trigger: Token) -> list[str]:
    """Kinds of support named in the phrase a trigger heads (its subtree, up to 40 tokens)."""
    tokens = [t for t in trigger.subtree if t.i != trigger.i]
    if not tokens or len(tokens) > 40:
        return []
    try:
        return categories_in(sentence, [trigger, *tokens])
    except (IndexError, KeyError, ValueError, RecursionError):
        return []


_OBJECTS = frozenset({"dobj", "nsubjpass", "prep", "compound", "attr", "xcomp", "pobj"})
_OBJECT_CLASSES = frozenset(
    {"tighten", "loosen", "policy", "sanction", "give", "refuse", "ask", "warn", "trade", "aid"}
)
# classes of the words in a trigger's own phrase that tell trade from aid, news from history
_PHRASE_CLASSES = frozenset({"trade", "aid", "history", "proposal"})


def _comp_class(verb: Token) -> str:
    """The meaning of a complement verb: giving, its negation or refusal, doing more, or
    something else ("asked X to send" or "to step up" against "to explain")."""
    classes = _classes(verb)
    for name in ("give", "pledge", "refuse", "policy", "sanction", "warn", "more"):
        if name in classes:
            return name
    return "other"


def _object_classes(token: Token) -> frozenset[str]:
    """Meaning classes of an object phrase: its head word, or the object of its preposition."""
    if token.dep_ == "prep":
        return frozenset().union(*(_classes(g) for g in token.children if g.dep_ == "pobj"))
    return _classes(token) | frozenset().union(*(_classes(g) for g in token.children if g.dep_ == "compound"))


def _path(source: Token, target: Token) -> tuple[int, str, int]:
    """Length and labels of the dependency path from ``source`` up to the common head and down."""
    up = [source]
    while up[-1].head != up[-1] and len(up) < 12:
        up.append(up[-1].head)
    down = [target]
    while down[-1].head != down[-1] and len(down) < 12:
        down.append(down[-1].head)
    positions = {tok.i: n for n, tok in enumerate(down)}
    for n, tok in enumerate(up):
        if tok.i in positions:
            rising = [f"^{t.dep_}" for t in up[:n]]
            falling = [f"v{t.dep_}" for t in reversed(down[: positions[tok.i]])]
            steps = rising + falling
            label = "".join(steps) if len(steps) <= _MAX_PATH else "long"
            return len(steps), label, abs(source.i - target.i)
    return 99, "none", abs(source.i - target.i)


def _bucket(value: int) -> str:
    return str(value) if value < 4 else "4-6" if value < 7 else "7-12" if value < 13 else "13+"


def _role_link(reader: _Reader, prefix: str, code: str, trigger: Token) -> list[str]:
    """How the actor ``code`` is tied to ``trigger``: its slots, the path and the distance."""
    slots = reader.arguments(trigger).get(code, [])
    if not slots and code not in reader.roots:
        return [f"{prefix}.absent"]  # a rule's reading from the article, beyond this sentence
    length, label, distance = reader.path(code, trigger)
    out = [f"{prefix}.slot={s}" for s in slots] or [f"{prefix}.slot=none"]
    cls = sorted(_classes(trigger))
    out += [f"{prefix}.slot={s}|{c}" for s in slots[:2] for c in cls[:2]]
    out += [f"{prefix}.path={label}", f"{prefix}.len={_bucket(length)}", f"{prefix}.dist={_bucket(distance)}"]
    if code not in reader.roots:
        out.append(f"{prefix}.pronoun")
    elif reader.roots[code][0].i < trigger.i:
        out.append(f"{prefix}.before")
    return out


def _pick_trigger(reader: _Reader, code: str, triggers: list[Token]) -> Token:
    """The trigger ``code`` is an argument of (nearest first), else the nearest by path."""

    def rank(trigger: Token) -> tuple[int, int, int]:
        length, _, distance = reader.path(code, trigger)
        return (0 if code in reader.arguments(trigger) else 1, length, distance)

    return min(triggers, key=rank)


def _sentence_features(sentence: Sentence) -> tuple[dict[str, list[Token]], list[str]]:
    """Meaning class -> its tokens, and the features every candidate of the sentence shares."""
    present: dict[str, list[Token]] = {}
    negated = False
    for token in sentence.span:
        for cls in _classes(token):
            present.setdefault(cls, []).append(token)
        if token.dep_ == "neg" or token.lower_ in ("no", "never"):
            negated = True
        if "warn" not in _classes(token) and _tells_a_consequence(token):
            present.setdefault("warn", []).append(token)  # "said Tokyo would regret it"
    shared = [f"S={c}" for c in present]
    if negated:
        shared.append("S.neg")
        shared += [f"S.neg|S={c}" for c in present]
    if sentence.is_question:
        shared.append("question")
    shared += _dating_features(sentence)
    shared += _word_features(sentence)
    return present, shared


def _word_features(sentence: Sentence) -> list[str]:
    """The sentence's own words ("w=<lemma>"): the content and function words that are no part
    of an actor's name, so that the model reads what the sentence says around its triggers
    ("stop short of", "in retaliation", "for the first time") and never who says it. Measured out
    of fold on our own articles by other authors, these raised the held-out F1 from 0.643 to
    0.659; the structural features alone had stopped gaining from more data."""
    codes = sentence.codes
    words = {
        t.lemma_.lower() for t in sentence.span if t.is_alpha and t.pos_ in _WORD_POS and t.i not in codes
    }
    return [f"w={w}" for w in sorted(words)]


def _dating_features(sentence: Sentence) -> list[str]:
    """A sentence that dates what it tells by a year is often background ("had sold them in
    2019"). Where the sentence stands (headline, opening, how far into the story) and whether
    the parties were named before are left out on purpose: measured out of fold they added
    nothing, and our own one-sentence articles all stand at the opening, so the model would
    learn "an own sentence" from them (and a headline's events have their evidence in the body,
    so its candidates are mostly unlabelled)."""
    if any(t.like_num and len(t.text) == 4 and t.text[:2] in ("19", "20") for t in sentence.span):
        return ["S.year"]
    return []


def _tells_a_consequence(token: Token) -> bool:
    """A verb of saying whose clause tells what would befall someone, or on what condition:
    "Moscow said it would cut its last channels if ...", "made clear that patrols would be
    met with force" (a threat in other words than "warn")."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in _SAYING:
        return False
    for clause in token.children:
        if clause.dep_ not in ("ccomp", "xcomp", "advcl"):
            continue
        below = list(clause.subtree)
        modal = any(t.dep_ == "aux" and t.lower_ in ("would", "could", "will") for t in below)
        if modal and any(t.lower_ in _CONDITIONS or _CONSEQUENCE & _classes(t) for t in below):
            return True
    return False


def sentence_candidates(
    sentence: Sentence,
    rule_events: list[Any],
    *,
    default_recipient: str | None,
    default_category: str | None,
    adding: frozenset[str] | None = None,
) -> list[Candidate]:
    """The candidates of one sentence; ``rule_events`` are the rules' events for it.

    Types outside ``adding`` (all types when None) get only the rules' own events scored.
    """
    if adding is not None and not rule_events and not adding:
        return []
    present, shared = _sentence_features(sentence)
    rule_keys = {event_key(e.fields): e for e in rule_events}
    rule_types = {e.fields["type"] for e in rule_events}
    kinds = [
        k
        for k, cls in TYPE_CLASSES.items()
        if k in rule_types or (adding is None or k in adding) and cls & present.keys()
    ]
    if not kinds:
        return []
    roots = _mention_roots(sentence)
    reader = _Reader(sentence, roots)
    shared += [f"ruled={t}" for t in sorted(rule_types)]
    shared.append(f"actors={_bucket(len(roots))}")
    # the kinds of support the sentence names, read only where a type has a category
    named_kinds = any(k in _CATEGORISED for k in kinds)
    cats = (sentence_categories(sentence) or []) if named_kinds else []
    cat_default = not cats
    if cat_default:  # no kind of support named: the article's, if it has one
        cats = [default_category] if default_category else []
    out: list[Candidate] = []
    for kind in kinds:
        triggers = _triggers_of(kind, present, rule_events)
        if not triggers:
            continue
        only_rules = adding is not None and kind not in adding
        if kind in _NAMES_WHAT and cat_default:
            only_rules = True  # giving, asking or rules about nothing named: the rules judge
        codes = [] if only_rules else _codes_of(reader, roots, triggers)  # rules' events: below
        earlier = [] if only_rules else _context_actors(sentence, codes)
        context = _KindContext(kind, triggers, shared, present, cats, cat_default, rule_keys, rule_types)
        made = set()
        for fields, roles in _assignments(kind, codes, cats, default_recipient, earlier):
            if only_rules and event_key(fields) not in rule_keys:
                continue
            made.add(event_key(fields))
            out.append(_candidate(reader, context, fields, roles, default_recipient))
        for key, event in rule_keys.items():  # every rule's event is scored, whatever its roles
            if key[0] == kind and key not in made:
                roles = tuple(str(event.fields.get(r) or "") for r in ROLES[kind])
                out.append(_candidate(reader, context, dict(event.fields), roles, default_recipient))
    return out


@dataclass
class _KindContext:
    kind: str
    triggers: list[Token]
    shared: list[str]
    present: dict[str, list[Token]]
    cats: list[str]
    cat_default: bool
    rule_keys: dict[tuple[str, ...], Any]
    rule_types: set[str]


def _triggers_of(kind: str, present: dict[str, list[Token]], rule_events: list[Any]) -> list[Token]:
    """The words of the type's meaning classes, and the anchors of the rules' events of the type."""
    found = {t.i: t for cls in TYPE_CLASSES[kind] for t in present.get(cls, [])}
    for event in rule_events:
        if event.fields["type"] == kind:
            found.setdefault(event.anchor.i, event.anchor)
    return [found[i] for i in sorted(found)]


def _context_actors(sentence: Sentence, codes: list[str]) -> list[str]:
    """Actors the sentence may speak of without naming them ("the ministry said it had
    suspended sales"): the main actor of the sentence before and the paragraph's speaker.
    They fill the first role (actor or donor), and the second of :data:`_EARLIER_TARGETS`."""
    return [c for c in dict.fromkeys((sentence.previous, sentence.speaker)) if c and c not in codes]


def _codes_of(reader: _Reader, roots: dict[str, list[Token]], triggers: list[Token]) -> list[str]:
    """The sentence's actors, and those its triggers' subjects name by a pronoun ("it said ...")."""
    codes = list(roots)
    for trigger in triggers:
        for code, slots in reader.arguments(trigger).items():
            if code not in codes and ("subj" in slots or "hsubj" in slots):
                codes.append(code)
    return codes


def _candidate(
    reader: _Reader,
    ctx: _KindContext,
    fields: dict[str, Any],
    roles: tuple[str, ...],
    default_recipient: str | None,
) -> Candidate:
    """Score features of one assignment of actors to the roles of an event type."""
    kind = ctx.kind
    found = ctx.rule_keys.get(event_key(fields))
    # a rule's event is read at the rule's own trigger; any other at the actor's nearest one
    trigger = found.anchor if found is not None else _pick_trigger(reader, roles[0], ctx.triggers)
    structural = ["bias", *_role_link(reader, "A", roles[0], trigger), *reader.properties(trigger)]
    structural += [f"T.cls={c}" for c in sorted(_classes(trigger) & TYPE_CLASSES[kind])]
    own = list(ctx.shared)
    own += reader.mention_features("A", roles[0])
    structural += _earlier_features(reader, roles[0], trigger)
    if len(roles) > 1:
        if roles[1] in reader.roots or roles[1] in reader.arguments(trigger):
            structural += _role_link(reader, "B", roles[1], trigger)
            own += reader.mention_features("B", roles[1])
            here = reader.roots.get(roles[0]) and reader.roots.get(roles[1])
            if here:
                own.append("A<B" if reader.roots[roles[0]][0].i < reader.roots[roles[1]][0].i else "B<A")
        else:
            own.append("B.default")
            if kind in _EARLIER_TARGETS and roles[1] in (reader.sentence.previous, reader.sentence.speaker):
                structural.append("B.earlier")
        if roles[1] == default_recipient:
            own.append("B.main_recipient")
    if "category" in fields:
        own.append("cat_default" if ctx.cat_default else f"cat={fields['category']}")
        if len(ctx.cats) > 1:
            own.append("cat_many")
    if "direction" in fields:
        own += [
            f"dir={fields['direction']}|S={c}" for c in ("loosen", "tighten", "negation") if c in ctx.present
        ]
        own += [f"dir={fields['direction']}|T={c}" for c in ("loosen", "tighten") if c in _classes(trigger)]
        own += [
            f"dir={fields['direction']}|{p}"
            for p in reader.properties(trigger)
            if p == "T.neg" or p.startswith(("T.obj=", "T.up1="))
        ]
    props = reader.properties(trigger)
    if "T.hedged" in props:
        own.append("A.hedged")  # the pipeline lets the rules alone judge hedged events...
    if "T.neg" in props or "T.up1=negated" in props:
        own.append("neg")  # ... and negated ones (but refusals)
    if found is not None:
        own += ["rule", f"rule={found.rule}", f"rule.conf={round(float(found.confidence) * 10) / 10:.1f}"]
        own += _doubts(structural + own)
    elif kind in ctx.rule_types:
        own.append("rule_other")
    named = [f"{kind}:{f}" for f in dict.fromkeys(structural + own)]
    named += [f"*:{f}" for f in dict.fromkeys(structural) if f != "bias"]
    cand = Candidate(fields, named, reader.sentence, found.anchor if found else trigger)
    if found is not None:
        cand.rule_confidence = found.confidence
        cand.extra["found"] = found
    return cand


def _doubts(features: list[str]) -> list[str]:
    """What may make a rule's event a false one, marked as said of a rule's event ("rule|..."):
    trade words, a governing request, refusal or proposal, history, a headline, a quote, a
    role read from elsewhere. The training script fits these with the rule features, on the
    rules' events alone, so they learn when the rules are wrong, not what an event looks like."""
    return [f"rule|{f}" for f in dict.fromkeys(features) if f.startswith(_DOUBT_SIGNALS)]


def _earlier_features(reader: _Reader, code: str, trigger: Token) -> list[str]:
    """For a first role not named in the sentence: who it is (the sentence before's main actor,
    the paragraph's speaker) and what stands in the trigger's subject slot instead."""
    if code in reader.roots or code in reader.arguments(trigger):
        return []
    sentence = reader.sentence
    who = "previous" if code == sentence.previous else "speaker" if code == sentence.speaker else "other"
    out = [f"A.earlier={who}"]
    if code == sentence.speaker and code == sentence.previous:
        out.append("A.earlier=both")
    return out + [f"A.earlier|subj={_subject_kind(sentence, trigger)}"]


def _subject_kind(sentence: Sentence, trigger: Token) -> str:
    """What the trigger's subject is: a pronoun, a named actor, another noun, or nothing."""
    try:
        subject = subject_of(trigger)
    except (IndexError, KeyError, ValueError, RecursionError):
        subject = None
    if subject is None:
        return "none"
    if subject.pos_ == "PRON":
        return "pronoun"
    return "actor" if subject.i in sentence.codes else "noun"


def _assignments(
    kind: str,
    codes: list[str],
    cats: list[str],
    default_recipient: str | None,
    earlier: Sequence[str] = (),
) -> list[tuple[dict[str, Any], tuple[str, ...]]]:
    """Every filling of the type's key fields by the sentence's actors; ``earlier`` actors (named
    before the sentence) fill the first role only."""
    roles = ROLES[kind]
    out: list[tuple[dict[str, Any], tuple[str, ...]]] = []
    pairs: list[tuple[str, ...]]
    firsts = [*codes, *earlier]
    if len(roles) == 1:
        pairs = [(a,) for a in firsts]
    else:
        pairs = [(a, b) for a in firsts for b in codes if a != b]
        if kind in _EARLIER_TARGETS:  # "Ukraine made a request for helicopters" (to Australia, named before)
            pairs += [(a, b) for a in codes for b in earlier if a != b]
        if kind == "support" and default_recipient:
            pairs += [
                (a, default_recipient)
                for a in firsts
                if a != default_recipient and (a, default_recipient) not in pairs
            ]
    for pair in pairs:
        base: dict[str, Any] = {"type": kind, **dict(zip(roles, pair))}
        if kind in _CATEGORISED:
            out += [({**base, "category": c}, pair) for c in cats]
        elif kind == "policy_change":
            out += [({**base, "direction": d}, pair) for d in ("loosen", "tighten")]
        else:
            out.append((base, pair))
    return out


@dataclass(frozen=True)
class Model:
    """Weights of the logistic regression and the threshold per type."""

    weights: dict[str, float]
    thresholds: dict[str, float]
    use: dict[str, str]
    add_thresholds: dict[str, float] = field(default_factory=dict)

    def score(self, features: list[str]) -> float:
        """The probability that a candidate with ``features`` is a real event."""
        total = sum(map(self.weights.get, features, itertools.repeat(0.0, len(features))))
        return 1.0 / (1.0 + math.exp(-max(min(total, 30.0), -30.0)))


@functools.cache
def load_model() -> Model | None:
    """The shipped model, or None when it has not been built."""
    path = resources.files("aidtrack").joinpath("data", "extract", MODEL_FILE)
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    return Model(
        weights=data["weights"],
        thresholds=data.get("thresholds", {}),
        use=data.get("use", {}),
        add_thresholds=data.get("add_thresholds", {}),
    )
