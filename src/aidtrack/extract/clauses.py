"""Clause structure on a dependency parse: the :class:`Sentence`, subjects, agents, objects
and the tokens that govern a clause.

These helpers read spaCy tokens; they know nothing of event types. A
:class:`Sentence` carries the sentence span, its actor mentions and the
article-level context (speaker, last actor) that resolves pronouns. Who acts is
read in :mod:`aidtrack.extract.parties`, how surely in :mod:`aidtrack.extract.modality`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from aidtrack.extract.lexicon import Lexicon

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})


_SHARE_SUBJECT = frozenset({"xcomp", "conj", "advcl", "pcomp", "prep"})


_CLIMB = frozenset(
    {
        "xcomp",
        "ccomp",
        "conj",
        "advcl",
        "pcomp",
        "pobj",
        "prep",
        "acl",
        "relcl",
        "dobj",
        "attr",
        "nsubj",
        "nsubjpass",
        "appos",
        "oprd",
        "npadvmod",
        "amod",
        "compound",
        "dative",
        "agent",
        "parataxis",
    }
)


_RELATIVE = frozenset({"which", "who", "that", "whom"})


@dataclass
class Sentence:
    """A parsed sentence with its actor mentions and pronoun context."""

    span: Span
    codes: dict[int, str]
    lexicon: Lexicon
    speaker: str | None = None
    previous: str | None = None
    # coordinated actors named in the sentences before ("Turkey and Syria"), latest last:
    # what "both countries" or "the two nations" refer back to
    groups: tuple[tuple[str, ...], ...] = ()
    # the coordinated actors named in the sentence just before: whom a "they" or "their" that
    # opens this sentence refers back to ("The juntas in Mali and Burkina Faso took Niamey's
    # side. Their spokesmen warned ...")
    groups_just_before: tuple[tuple[str, ...], ...] = ()
    # the state the sentences before are about: the last subject that is a state, else the
    # last state named; what "the nation", "the kingdom", "the capital" refer back to
    last_state: str | None = None
    # the nouns the sentences before gave an owner ("South Africa's arms control committee",
    # "the Dutch appeals court"), each with its latest owner: whose "the committee", "the court"
    # is when it comes back with no owner of its own
    owned_nouns: dict[str, str] = field(default_factory=dict)
    owned_parties: dict[str, str] = field(default_factory=dict)  # parties to sanction, by noun
    # the last state the sentences before named other than as the subject of a sentence: the
    # place they are about ("Russia flew in rescuers" after "a plane landed in Yangon" leaves
    # Myanmar); what "in the country", "to the country" refer back to
    last_place: str | None = None
    # the states named in the sentences before, latest last (what "both countries" refers to
    # when they were not named together)
    recent_states: tuple[str, ...] = ()
    # every state the article named before this sentence, once each, in order of first mention
    states_so_far: tuple[str, ...] = ()
    # the state of the wire dateline's city ("TOKYO, May 2 - "): whose "the government" it is
    # while no other actor has been named
    filed: str | None = None
    # the state the article is about: where it was filed from, else the state it names most by a
    # clear lead; whose "the government" is when no actor is named before it in its sentence
    home: str | None = None
    # the organisation named last before: what "the fund", "the lender", "the bank" refer to
    last_organisation: str | None = None
    # the place served by the last organisation named before that serves one place ("UNRWA":
    # PSE): what "the agency" refers to
    last_served: str | None = None
    # the parties met, visited or called in the sentences just before ("Zelensky met Scholz in
    # Berlin."): whom a request that names nobody is made to
    scene: tuple[tuple[str, str], ...] = ()
    # answers of pure checks on this sentence's tokens, kept for the next rule that asks
    # ("is this verb hedged?" is asked by most rules of most verbs): see :func:`memoised`
    memo: dict[tuple[Any, int], Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def code(self, token: Token) -> str | None:
        return self.codes.get(token.i)

    @functools.cached_property
    def is_question(self) -> bool:
        """The sentence ends in a question mark (before closing quotes or brackets): it asks,
        it reports nothing. Read once; rules ask it for many tokens."""
        return self.span.text.rstrip(" \"'”’)").endswith("?")


def memoised(check: Callable[[Sentence, Token], Any]) -> Callable[[Sentence, Token], Any]:
    """``check`` answered once per token of a sentence, for checks that read nothing but the
    sentence and the token (a token of another parse is answered afresh)."""

    @functools.wraps(check)
    def once(sentence: Sentence, token: Token) -> Any:
        if token.doc is not sentence.span.doc:
            return check(sentence, token)
        key = (check, token.i)
        memo = sentence.memo
        if key not in memo:
            memo[key] = check(sentence, token)
        return memo[key]

    return once


def memoised_on_token(check: Callable[[Token], Any]) -> Callable[[Token], Any]:
    """``check`` answered once per token of a parse, for checks that read nothing but the
    token and its parse (kept with the parse, so it goes when the parse goes)."""
    name = f"aidtrack:{check.__module__}.{check.__qualname__}"

    @functools.wraps(check)
    def once(token: Token) -> Any:
        memo = token.doc.user_data.get(name)
        if memo is None:
            memo = token.doc.user_data[name] = {}
        i = token.i
        if i not in memo:
            memo[i] = check(token)
        return memo[i]

    return once


def in_quote(token: Token) -> bool:
    """True if ``token`` stands between an opening and a closing quote mark."""
    return token.i in quoted_indices(token.doc[token.sent.start : token.i + 1])


def quoted_indices(tokens: Iterable[Token]) -> frozenset[int]:
    """Indices of the tokens that stand between an opening and a closing quote mark
    (straight quotes toggle, curly ones open and close)."""
    inside: set[int] = set()
    depth = 0
    for tok in tokens:
        if depth == 1:
            inside.add(tok.i)
        if tok.text == "“":
            depth = 1
        elif tok.text == "”":
            depth = 0
        elif tok.text in ('"', "''", "``"):
            depth = 1 - depth
    return frozenset(inside)


_ASIDE_RELATIVES = frozenset({"which", "who", "whom", "whose"})


def in_relative_aside(token: Token) -> bool:
    """True if ``token`` stands in a comma-set relative aside ("Estonia and Latvia, which
    border Russia, said ...", "X and Y, both of which ..."), whatever the parse made of it."""
    start = token.sent.start
    for i in range(token.i - 1, start - 1, -1):
        if token.doc[i].text == ",":
            words = [t.lower_ for t in token.doc[i + 1 : min(i + 4, token.sent.end)]]
            return bool(words) and (
                words[0] in _ASIDE_RELATIVES
                or len(words) > 2
                and words[1] == "of"
                and words[2] in _ASIDE_RELATIVES
            )
    return False


def _aside_subject(token: Token) -> Token | None:
    """ "Austria and Switzerland, both of which cite their neutrality, declined": the parser
    made the relative aside a clause of the verb and gave it the verb's subject."""
    for clause in token.children:
        if clause.dep_ not in ("advcl", "ccomp") or clause.i > token.i:
            continue
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < clause.i]
        relatives = [t for t in clause.subtree if t.lower_ in _ASIDE_RELATIVES and in_relative_aside(t)]
        if subjects and relatives and subjects[0].i < relatives[0].i:
            return subjects[0]
    return None


def _opening_phrase_subject(token: Token) -> Token | None:
    """ "In a statement on Monday, Spain, Italy and Greece delivered ...": the parser joined the
    names to the opening phrase's last noun; the first name after its comma is the subject."""
    if token.pos_ not in ("VERB", "AUX") or token.dep_ not in ("ROOT", "conj"):
        return None
    for phrase in token.children:
        if phrase.dep_ not in ("prep", "npadvmod") or phrase.i > token.i:
            continue
        for t in phrase.subtree:
            if (
                t.dep_ in ("conj", "appos")
                and t.pos_ == "PROPN"
                and t.i > phrase.i
                and t.doc[t.i - 1].text == ","
                and t.head.dep_ in ("pobj", "conj", "appos")
            ):
                return t
    return None


def _subjects_on_auxiliary(verb: Token) -> list[Token]:
    """ "Bulgaria has, however, delivered shells": the parser hangs the subject on "has"."""
    return [
        s
        for aux in verb.children
        if aux.dep_ in ("aux", "auxpass") and aux.i < verb.i
        for s in aux.children
        if s.dep_ in SUBJECT_DEPS
    ]


def subject_of(token: Token | None) -> Token | None:
    """The grammatical subject of a verb, inherited through xcomp/conj/advcl.

    A participle or infinitive without a subject of its own ("..., agreeing to
    limit X") takes the subject of the nearest clause above it.
    """
    return None if token is None else _subject_of(token)


@memoised_on_token  # asked of the same verbs by many rules
def _subject_of(token: Token | None) -> Token | None:
    seen = 0
    while token is not None and seen < 8:
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS] or _subjects_on_auxiliary(token)
        if subjects:
            here = token.i
            return min(subjects, key=lambda c: abs(here - c.i))
        aside = _aside_subject(token) or _opening_phrase_subject(token)
        if aside is not None:
            return aside
        headline = _headline_subject(token)
        if headline is not None:
            return headline
        controller = _object_controller(token) or _permitted_party(token)
        if controller is not None:
            return controller
        if (
            token.dep_ == "acl"
            and token.tag_ in ("VBD", "VBZ")
            and token.head.dep_ == "ROOT"
            and token.head.pos_ in ("NOUN", "PROPN")
            and token.head.i < token.i
        ):
            return token.head  # "Ukraine's foreign minister called on ...", parsed as a noun phrase
        if _first_to(token):
            return subject_of(token.head.head)  # "Canada became the latest country to sanction"
        agent = deciding_party(token)
        if agent is not None:
            return agent  # "the decision of the United States to reimpose sanctions"
        if token.dep_ in ("relcl", "ccomp", "ROOT") or token.head == token:
            return None
        if (
            token.dep_ == "acl"
            and token.head.dep_ == "dobj"
            and token.head.pos_ == "NOUN"
            and token.head.head.pos_ == "VERB"
            and not any(c.dep_ in ("poss", "amod", "compound") for c in token.head.children)
        ):
            token = token.head.head  # "signed an order freezing aid": the signer freezes
            seen += 1
            continue
        if token.dep_ == "conj" and token.pos_ == "VERB" and token.head.pos_ != "VERB":
            token = next((g for g in governors(token) if g.pos_ in ("VERB", "AUX")), None)
            seen += 1
            continue
        if token.dep_ not in _SHARE_SUBJECT and not (
            token.pos_ == "VERB" and token.tag_ in ("VBG", "VBN", "VB")
        ):
            return None
        token = token.head
        seen += 1
    return None


# nouns of a party's own act of will, whose infinitive tells what the party does: "Washington's
# decision to reimpose sanctions", "a move by Norway to send shells"
WILLED = frozenset(
    {"decision", "move", "plan", "refusal", "pledge", "promise", "commitment", "bid", "attempt", "offer"}
)


def deciding_party(token: Token) -> Token | None:
    """The party whose act of will an infinitive completes: the possessor of the noun, or a
    named party after its "of" or "by" ("the decision of the United States to reimpose
    sanctions", "Washington's decision to ...", "a move by Norway to send shells")."""
    noun = token.head
    if (
        token.dep_ != "acl"
        or noun.lemma_.lower() not in WILLED
        or not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    ):
        return None
    for child in noun.children:
        if child.dep_ == "poss" and _named_party(child):
            return child  # "Washington's decision" (not "last week's decision")
        if child.dep_ in ("prep", "agent") and child.lower_ in ("of", "by"):
            named = [g for g in child.children if g.dep_ == "pobj" and _named_party(g)]
            if named:
                return named[0]
    return None


def _named_party(noun: Token) -> bool:
    """A name ("the United States"), or a noun a name or demonym qualifies ("EU governments",
    "the Japanese government"): not "a plan of action"."""
    return noun.pos_ == "PROPN" or any(
        c.dep_ in ("compound", "amod") and c.text[:1].isupper() for c in noun.children
    )


def _first_to(token: Token) -> bool:
    """ "X became the first country to send tanks", "X is the latest donor to pledge aid": an
    infinitive on the predicate noun of a copula does what the copula's subject does."""
    noun = token.head
    return (
        token.dep_ in ("relcl", "acl")
        and token.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        and noun.dep_ in ("attr", "oprd")
        and noun.head.lemma_.lower() in ("be", "become", "remain")
    )


def _headline_subject(token: Token) -> Token | None:
    """ "UK to send tanks to Ukraine": a headline's infinitive whose subject the parser left
    as a loose dependent before it; "Sweden moves closer to NATO, lifts arms embargo": a verb
    joined by a comma to an earlier one shares its subject."""
    if token.dep_ != "ROOT":
        return None
    joined = [c for c in token.children if c.dep_ in ("ccomp", "conj") and c.i < token.i and c.pos_ == "VERB"]
    for verb in joined:
        if token.doc[token.i - 1].text == "," or any(t.text == "," for t in token.doc[verb.i : token.i]):
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                return subject
    if any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children):
        deps: tuple[str, ...] = ("dep", "npadvmod")
    elif token.pos_ == "VERB" and token.tag_ == "VBZ":
        deps = ("compound",)  # "Britain sanctions Russia-linked firms": a headline's verb read as a noun's
    else:
        return None
    return next(
        (c for c in token.children if c.dep_ in deps and c.i < token.i and c.pos_ in ("PROPN", "NOUN")),
        None,
    )


# verbs that make their object act: "the attack prompted Britain to impose sanctions"
_CAUSING = frozenset({"prompt", "lead", "force", "compel", "spur", "cause", "persuade", "convince", "drive"})


def _object_controller(token: Token) -> Token | None:
    """ "blocked Poland from sending", "accused Iran of supplying", "sanctioned two firms for
    selling", "thanked Berlin for sending", "prompted Britain to impose": the object acts."""
    if _caused_infinitive(token):
        return next((c for c in token.head.children if c.dep_ == "dobj"), None)
    prep = token.head
    gerund = token.dep_ == "pcomp" or token.dep_ == "pobj" and token.pos_ == "VERB"
    if not gerund or prep.lower_ not in ("from", "of", "into", "for") or prep.head.pos_ != "VERB":
        return None
    return next((c for c in prep.head.children if c.dep_ == "dobj"), None)


def _caused_infinitive(token: Token) -> bool:
    """ "to impose" in "prompted Britain to impose": an infinitive under a verb of causing whose
    object names a party (not "led a delegation to Kyiv to announce aid", a purpose)."""
    return (
        token.dep_ in ("xcomp", "advcl")  # the small model hangs some as adverbial clauses
        and token.head.lemma_ in _CAUSING
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        and any(c.dep_ == "dobj" and c.i < token.i and _a_party_word(c) for c in token.head.children)
    )


# common nouns that name a state's government as a party: "forced the government to halt"
_PARTY_NOUNS = frozenset(
    {
        "government",
        "administration",
        "cabinet",
        "country",
        "ministry",
        "parliament",
        "state",
        "nation",
        "ally",
        "partner",
        "member",
    }
)


def _a_party_word(noun: Token) -> bool:
    """A name or pronoun, or a noun for a government: what may be made to act."""
    return noun.pos_ in ("PROPN", "PRON") or noun.lemma_.lower() in _PARTY_NOUNS


# nouns of permission: the one permitted acts ("gave Kyiv the green light to strike"), and
# the permitter gives nothing itself
PERMISSIONS = frozenset(
    {
        "light",
        "go-ahead",
        "permission",
        "approval",
        "nod",
        "authorisation",
        "authorization",
        "clearance",
        "consent",
    }
)


def _permitted_party(token: Token) -> Token | None:
    """ "gave the green light to Denmark to deliver F-16s", "granted Kyiv permission to
    use": the one permitted does what the infinitive says, not the one who permits."""
    head = token.head
    if token.dep_ not in ("advcl", "xcomp", "acl") or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    ):
        return None
    holder = head if head.pos_ == "VERB" else head.head
    idioms = [c for c in holder.children if c.dep_ == "dobj" and c.lemma_.lower() in PERMISSIONS]
    if not idioms:
        return None
    for owner in [holder, *idioms]:
        for child in owner.children:
            if child.dep_ == "dative" and child.pos_ in ("PROPN", "NOUN", "PRON"):
                return child  # "gave Kyiv permission"
            if child.dep_ in ("dative", "prep") and child.lower_ in ("to", "for"):
                found = next((o for o in child.children if o.dep_ == "pobj"), None)
                if found is not None:
                    return found
    return None


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def agent_of(verb: Token) -> Token | None:
    """The "by X" of a passive verb (or of a noun: "a move by Japan")."""
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def raised_objects(verb: Token) -> list[Token]:
    """The object a verb shares with the verb coordinated after it ("help train and restructure
    the Syrian army", "buy and deliver shells"): that verb's object, when this one has none and
    the later verb has no subject of its own."""
    if any(c.dep_ == "dobj" for c in verb.children):
        return []
    for later in verb.children:
        if later.dep_ == "conj" and later.pos_ == "VERB" and later.i > verb.i:
            if any(c.dep_ in SUBJECT_DEPS for c in later.children):
                return []
            return [c for c in later.children if c.dep_ == "dobj"]
    return []


def prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of the prepositions ``preps`` attached to ``token``, and of those coordinated with
    them ("to 11 Russians and to companies in China")."""
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in ("prep", "dative", "agent") and child.lower_ in preps:
            found.extend(g for g in child.children if g.dep_ == "pobj")
            found.extend(
                g
                for c in child.children
                if c.dep_ == "conj" and c.lower_ in preps
                for g in c.children
                if g.dep_ == "pobj"
            )
    return found


def children(token: Token, deps: frozenset[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def governors(token: Token) -> list[Token]:
    """The chain of heads above ``token`` up to the root (nearest first)."""
    chain: list[Token] = []
    while token.head != token and _climbs(token) and len(chain) < 12 and not told_apart(token):
        token = token.head
        chain.append(token)
    return chain


def _climbs(token: Token) -> bool:
    """Whether the chain of heads goes on above ``token``: through the relations of clauses
    and phrases, and through the particle of "stopped short of an embargo"."""
    return token.dep_ in _CLIMB or _short(token) and token.head.pos_ == "VERB"


def stops_short(verb: Token) -> bool:
    """ "stopped short of an embargo": the verb with the particle "short" right after it does not
    do what it governs."""
    return any(_short(c) and c.i == verb.i + 1 for c in verb.children)


def _short(token: Token) -> bool:
    """The particle of "stopped short of", whose object the verb above governs."""
    return token.dep_ == "advmod" and token.lower_ == "short"


def told_apart(clause: Token) -> bool:
    """A clause a semicolon closes before the clause it hangs on ("Armenia asked Moscow for
    help; Russia declined to send any"): told on its own, so what the later verb declines,
    doubts or reports does not reach it."""
    return clause.dep_ == "parataxis" and semicolon_after(clause)


def semicolon_after(clause: Token) -> bool:
    """A semicolon, hung on the clause's head, between the end of ``clause`` and that head
    (which comes after it)."""
    head = clause.head
    if clause.i >= head.i:
        return False
    return any(t.text == ";" and t.head == head for t in clause.doc[clause.right_edge.i + 1 : head.i])


def relative_head(clause: Token) -> Token | None:
    """The noun a relative clause describes, when its object or subject is "that/which/who"
    right after that noun ("jets that the Netherlands will provide", even parsed as a ccomp)."""
    doc = clause.doc
    pronouns = [
        c
        for c in clause.children
        if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.lower_ in _RELATIVE and 0 < c.i < clause.i
    ]
    return next((doc[c.i - 1] for c in pronouns if doc[c.i - 1].pos_ in ("NOUN", "PROPN")), None)


HYPHENS = ("-", "\u2011")


def joined_after(token: Token) -> Token | None:
    """The word a hyphen joins to ``token`` after it ("fly" for the "no" of "no-fly"; the
    tokenizer splits "re-export" into "re", "-", "export"); None when no hyphen follows."""
    doc = token.doc
    if token.i + 2 < len(doc) and doc[token.i + 1].text in HYPHENS and not token.whitespace_:
        return doc[token.i + 2]
    return None


def joined_before(token: Token) -> Token | None:
    """The word a hyphen joins to ``token`` before it ("non" for the "military" of
    "non-military"); None when no hyphen comes before."""
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text in HYPHENS and not doc[token.i - 2].whitespace_:
        return doc[token.i - 2]
    return None


def word_forms(token: Token) -> set[str]:
    """The lemma plus crude stems of the word, against lemmatizer slips ("hopes" -> "hop")."""
    lower = token.lower_
    forms = {token.lemma_.lower(), lower}
    for suffix in ("s", "d", "ed", "ing", "es"):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            forms.add(lower[: -len(suffix)])
    if lower.endswith("ing"):
        forms.add(lower[:-3] + "e")
    return forms


# words that open a clause telling when or why, not what is done or asked: "after Russian
# missile strikes knocked out power stations", "since the war began"
SCENE_MARKS = frozenset(
    {"after", "before", "since", "because", "while", "although", "though", "when", "once", "until", "whereas"}
)
