"""Repairs of parses the small English model gets wrong in a way that hides an event.

Each repair is a spaCy pipeline component (run after the parser, the attribute ruler and the
lemmatizer) that mends one known construction of the tree, so every rule, the mentions and the
learned scorer read the same mended tree.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from aidtrack.extract.articles import MONTHS, WEEKDAYS
from aidtrack.extract.clauses import WILLED, semicolon_after
from aidtrack.extract.modality import TOLD_NOUNS
from aidtrack.extract.parties import SEATED

# the repairs, in the order they run (each is added at the end of the pipeline)
COMPONENTS = (
    "aidtrack_dated_subject",
    "aidtrack_addressee_object",
    "aidtrack_clause_after_conjunction",
    "aidtrack_floating_adverb",
    "aidtrack_sum_after_brackets",
    "aidtrack_acronym_subject",
    "aidtrack_fronted_phrase",
    "aidtrack_as_clause",
    "aidtrack_conjunct_subject",
    "aidtrack_aside_subject",
    "aidtrack_clause_read_as_phrase",
    "aidtrack_seated_object",
    "aidtrack_fleet_member",
    "aidtrack_second_agent",
    "aidtrack_headline_verbs",
    "aidtrack_named_crossing",
    "aidtrack_aid_compound",
    "aidtrack_infinitive_complement",
    "aidtrack_repeated_preposition",
    "aidtrack_matrix_conjunct",
    "aidtrack_measure_read_as_verb",
    "aidtrack_willed_infinitive",
    "aidtrack_parallel_relatives",
    "aidtrack_verb_read_as_adverb",
    "aidtrack_worth_clause",
    "aidtrack_for_its_part",
    "aidtrack_payments_as_funding",
    "aidtrack_clause_before_semicolon",
)

# "LONDON, April 15, 2025 (Wire) - ", "MADRID: ", "KYIV/WARSAW - ", "ADEN, Yemen (AP) — ",
# "MANDALAY, Myanmar, Dec 29 - ": where the story was filed, not who acted
DATELINE_RE = re.compile(
    r"^[A-Z][A-Z .'’/-]+(?:, [A-Z][a-z]+(?:[ -][A-Z][a-z]+)*(?=[,( ]))?"
    r"(?:, [A-Z][a-z]+\.? \d{1,2}(?:, \d{4})?)?(?: \([^)]*\))?(?: [-–—] |: )"
)


@Language.component("aidtrack_dateline_break")
def break_after_dateline(doc: Doc) -> Doc:
    """ "WASHINGTON, Aug 23 - The United States on Wednesday imposed sanctions on ...": read with
    its dateline, the story's subject is taken for an apposition of the date and its verb for a
    clause of a later one. Before the parser runs, the story after a dashed dateline starts a
    sentence of its own (a "NATO: " label stays with its sentence: it names the actor)."""
    if not doc or not doc[0].text.isupper():
        return doc
    match = DATELINE_RE.match(doc.text)
    if not match or match.group(0).endswith(": "):
        return doc
    start = next((t.i for t in doc if t.idx >= match.end()), None)
    if start is None:
        return doc
    doc[start].is_sent_start = True
    for token in doc[start + 1 : start + 1 + _STORY_OPENING]:
        token.is_sent_start = False  # nor a break right after the break: "EU | foreign ministers"
    return doc


# how many words after a dateline the parser may not start another sentence at
_STORY_OPENING = 6


# words that float between "have" and its participle: "have each imposed", "has since paused"
_FLOATING = frozenset({"each", "both", "all", "since", "now", "already", "also", "just", "jointly"})
# a quick test of a paragraph's text before its tokens are read (a superset of what is mended)
_FLOATING_RE = re.compile(
    rf"(?:\b(?:have|has|had)|['’](?:ve|d))\s+(?:{'|'.join(sorted(_FLOATING))})\b", re.IGNORECASE
)


@Language.component("aidtrack_dated_subject")
def mend_dated_subject(doc: Doc) -> Doc:
    """ "On Monday Germany and France sent tanks", "In March Poland, Hungary and Slovakia
    extended the ban": with no comma after a fronted day or month, the model reads the day as a
    modifier of the name that follows, and that name as the object of "on" or "in" (the verb
    left without its subject, or with only the names after the comma) or as a subject whose
    phrase "in" opens. Make the day the object again and the names the verb's subject."""
    for sent in doc.sents:
        found = _name_after_date(sent)
        if found is None:
            continue
        prep, day, name = found
        verb = prep.head
        if name.dep_ in ("nsubj", "nsubjpass") and name.head == verb:
            day.head, day.dep_ = prep, "pobj"  # the subject is right; "In March" is a phrase
        elif name.head == prep and name.dep_ == "pobj" and _dated_subject_missing(name, verb):
            day.head, day.dep_ = prep, "pobj"
            _make_dated_subject(name, verb)
    return doc


def _name_after_date(sent: Span) -> tuple[Token, Token, Token] | None:
    """(the preposition, the day, the name after it) of a sentence that opens "On Monday
    Germany ..." with the day read as the name's modifier."""
    if len(sent) < 5 or sent[0].lower_ not in ("on", "in") or sent[1].lower_ not in _DAYS_AND_MONTHS:
        return None
    prep, day = sent[0], sent[1]
    name = day.head
    if day.dep_ != "compound" or name.pos_ != "PROPN" or name.i <= day.i:
        return None
    if any(t.pos_ != "PROPN" for t in sent.doc[day.i + 1 : name.i + 1]):
        return None  # "In March Poland's president ...": not a name alone
    if prep.head.pos_ not in ("VERB", "AUX") or prep.head.i <= name.i:
        return None
    if any(c.dep_ == "pobj" and c != name for c in prep.children):
        return None
    return prep, day, name


def _dated_subject_missing(name: Token, verb: Token) -> bool:
    """The verb has no subject before it, or only the names after a comma that follows ``name``."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
    return not subjects or name.doc[name.i + 1].text == "," and subjects[0].i == name.i + 2


def _make_dated_subject(name: Token, verb: Token) -> None:
    others = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
    _head_the_subjects(name, verb, others)  # "Poland, Hungary and Slovakia": Poland heads


def _head_the_subjects(name: Token, verb: Token, others: list[Token]) -> None:
    """Make ``name`` the subject of ``verb`` and the names the model read as its subject
    conjuncts of it."""
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    name.head, name.dep_ = verb, "nsubjpass" if passive else "nsubj"
    for other in others:
        other.head, other.dep_ = name, "conj"


_DAYS_AND_MONTHS = WEEKDAYS | frozenset(MONTHS)
_DAY_AND_MONTH_STEMS = frozenset(word[:3] for word in _DAYS_AND_MONTHS)  # "Sept.", "Tues"


@Language.component("aidtrack_addressee_object")
def mend_addressee_object(doc: Doc) -> Doc:
    """ "warning Yerevan that its flirtation with NATO will end badly": the model now and then
    reads the name a verb addresses as an adverb of it, like the day in "said Monday that".
    Make a name (not a day or a month) that follows its verb and comes before "that" the verb's
    object."""
    for word in doc:
        verb = word.head
        if word.dep_ != "npadvmod" or word.pos_ != "PROPN" or verb.pos_ != "VERB" or word.i < verb.i:
            continue
        if word.lower_.rstrip(".")[:3] in _DAY_AND_MONTH_STEMS or any(
            c.dep_ == "dobj" for c in verb.children
        ):
            continue  # "said Monday that", "said Sept. 5 that"
        after = word.right_edge.i + 1
        if after < len(doc) and doc[after].lower_ == "that" and doc[after].dep_ == "mark":
            word.dep_ = "dobj"
    return doc


@Language.component("aidtrack_clause_after_conjunction")
def mend_clause_after_conjunction(doc: Doc) -> Doc:
    """ "Tehran protested after Britain, France and Germany imposed sanctions", "after Germany
    and France sent tanks": the model now and then reads "after" as a preposition, the first
    name as its object, and the clause's verb as having no subject (or the last name alone as
    its subject). Make the names the verb's subject and "after" the mark of its clause."""
    for prep in doc:
        if prep.lower_ not in _CLAUSE_OPENERS or prep.dep_ != "prep":
            continue
        name = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None)
        if name is None or name.i != prep.i + 1 and doc[prep.i + 1].lower_ != "the":
            continue
        found = _verb_after_names(doc, name)
        if found is not None:
            _make_clause(prep, name, *found)
    return doc


# words that open a clause of time or cause, which the model may read as prepositions
_CLAUSE_OPENERS = frozenset({"after", "before", "since", "until", "once"})


def _verb_after_names(doc: Doc, name: Token) -> tuple[Token, list[Token]] | None:
    """The finite verb right after a list of names that has no subject but its last name(s),
    with those names."""
    if name.lower_ in _DAYS_AND_MONTHS:
        return None  # "until December, however, continued"
    end = name.right_edge.i + 1
    joined: list[Token] = []
    while end < len(doc) and doc[end].dep_ in ("cc", "punct") and doc[end].text in (",", "and"):
        end += 1
        if doc[end - 1].text == "," and _aside_closed(name, doc[end - 1]):
            break  # "since Switzerland, where they were made, blocked ..."
        if end >= len(doc) or doc[end].pos_ != "PROPN" or doc[end].dep_ not in ("nsubj", "conj"):
            return None  # a comma or "and" that does not go on with a name
        joined.append(doc[end])
        end = doc[end].right_edge.i + 1
    if end >= len(doc):
        return None
    verb = doc[end]
    while verb.dep_ in ("aux", "auxpass", "neg", "advmod") and verb.head.i > verb.i:
        verb = verb.head  # "after Britain had imposed"
    if verb.pos_ not in ("VERB", "AUX") or verb.tag_ not in ("VBD", "VBZ", "VBP", "VBN", "VB"):
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(s not in joined for s in subjects):
        return None
    return verb, subjects


def _aside_closed(name: Token, comma: Token) -> bool:
    """The comma closes an aside on the name ("Switzerland, where they were made, ...")."""
    return any(c.dep_ in ("relcl", "appos") and c.right_edge.i == comma.i - 1 for c in name.children)


def _make_clause(prep: Token, name: Token, verb: Token, subjects: list[Token]) -> None:
    opener = prep.head
    _head_the_subjects(name, verb, subjects)  # "after Germany and France sent": France joins Germany
    for word in name.doc[name.right_edge.i + 1 : verb.i]:
        if word.dep_ == "cc" and word.head not in (name, *subjects):
            word.head = name
    prep.head, prep.dep_ = verb, "mark"
    if verb.head != opener and verb.dep_ in ("conj", "dep", "ROOT"):
        return  # hung elsewhere: leave the clause where the model put it
    verb.dep_ = "advcl"


@Language.component("aidtrack_floating_adverb")
def mend_floating_adverb(doc: Doc) -> Doc:
    """ "Britain, France and Canada have each imposed sanctions on ...", "the United States has
    since paused funding": the model reads the participle as an adjective of its object
    ("imposed sanctions") and "have" as the main verb, so the sentence seems to tell of having
    sanctions. Make the participle the verb again, with "have" its auxiliary."""
    if not _FLOATING_RE.search(doc.text):
        return doc  # most paragraphs: nothing to mend, and no token read
    for verb in doc:
        holder = _misread_perfect(doc, verb)
        if holder is not None:
            _make_perfect(doc, holder, verb)
        elif _object_read_as_root(doc, verb):
            _make_object(verb)
    return doc


def _after_floating_have(doc: Doc, verb: Token) -> bool:
    """A participle read as an adjective right after "have" and a floating word ("has since
    restricted", "have each imposed")."""
    if verb.tag_ != "VBN" or verb.dep_ not in ("amod", "acl") or verb.i < 2:
        return False
    floating, have = doc[verb.i - 1], doc[verb.i - 2]
    return (
        floating.lower_ in _FLOATING and have.lemma_.lower() == "have" and have.tag_ in ("VBP", "VBZ", "VBD")
    )


def _object_read_as_root(doc: Doc, verb: Token) -> bool:
    """ "Seoul has since restricted exports of 1,100 items to Russia": the participle keeps its
    subject and "have" but is read as an adjective of its object, which the model makes the root."""
    if not _after_floating_have(doc, verb) or verb.dep_ != "amod":
        return False
    obj = verb.head
    return (
        obj.dep_ == "ROOT"
        and obj.i > verb.i
        and doc[verb.i - 2].head == verb
        and doc[verb.i - 1].head == verb
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    )


def _make_object(verb: Token) -> None:
    """Make the participle the root and the noun it seemed to describe its object; the noun keeps
    its own modifiers ("of 1,100 items"), the clause's closing marks go to the verb."""
    obj = verb.head
    verbs = [c for c in obj.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    closing = [  # the closing mark and what the model hung on the noun as if it held the clause
        c
        for c in obj.children
        if c.i > obj.i
        and (c.dep_ in ("punct", "advcl", "ccomp", "parataxis") or c in verbs or c.dep_ == "cc" and verbs)
    ]
    verb.head = verb
    verb.dep_ = "ROOT"
    obj.head = verb
    obj.dep_ = "dobj"
    for child in closing:
        child.head = verb


def _misread_perfect(doc: Doc, verb: Token) -> Token | None:
    """The word that holds the clause when a participle is read as an adjective of its own
    object: "have" ("have each imposed sanctions", the object is had), or the floating word
    itself ("has since paused funding", the object is read as "since funding")."""
    if not _after_floating_have(doc, verb):
        return None
    floating, have = doc[verb.i - 1], doc[verb.i - 2]
    if have.head == floating:
        holder = floating
    elif floating.head in (have, verb, verb.head):  # "have each imposed sanctions": each sanction
        holder = have
    else:
        return None
    obj = verb.head
    if obj.i <= verb.i or obj.head not in (have, floating) or obj.dep_ not in ("dobj", "pobj"):
        return None  # the participle must sit in what "have" (or "since") seems to govern
    return holder


def _make_perfect(doc: Doc, holder: Token, verb: Token) -> None:
    obj = verb.head
    have, floating = doc[verb.i - 2], doc[verb.i - 1]
    dep = holder.dep_
    head = verb if holder.head == holder else holder.head
    kept = (obj.i, verb.i, have.i, floating.i)
    moved = [c for t in (holder, have) for c in t.children if c.i not in kept]
    verb.head = head
    verb.dep_ = dep
    for child in moved:
        child.head = verb
    obj.head = verb
    obj.dep_ = "dobj"
    have.head = verb
    have.dep_ = "aux"
    have.pos_ = "AUX"
    floating.head = verb
    floating.dep_ = "advmod"


# what a sum is "in": "10 million pounds in humanitarian aid", "$5 million in grants"
_SUM_PREPS = frozenset({"in"})
_AFTER_BRACKETS_RE = re.compile(r"\)\s*in\b", re.IGNORECASE)


def _rehang_preps(doc: Doc, misread: Callable[[Doc, Token], Token | None]) -> Doc:
    """Hang each preposition the model hung on the verb on the noun ``misread`` finds for it."""
    for prep in doc:
        noun = misread(doc, prep)
        if noun is not None:
            prep.head = noun
    return doc


@Language.component("aidtrack_sum_after_brackets")
def mend_sum_after_brackets(doc: Doc) -> Doc:
    """ "announced 10 million pounds (about $12.6 million) in new humanitarian aid": after the
    converted figure in brackets the model hangs "in ... aid" on the verb, so the sum seems to be
    of nothing. Hang it on the sum again, as without the brackets."""
    if not _AFTER_BRACKETS_RE.search(doc.text):
        return doc
    return _rehang_preps(doc, _sum_before_brackets)


def _sum_before_brackets(doc: Doc, prep: Token) -> Token | None:
    """The sum whose bracketed conversion ends just before ``prep``, when both hang on one verb."""
    if prep.lower_ not in _SUM_PREPS or prep.dep_ != "prep" or prep.i < 2 or doc[prep.i - 1].text != ")":
        return None
    closing = doc[prep.i - 1]
    total = closing.head
    if total.head != prep.head or total.dep_ not in ("dobj", "nsubjpass", "attr"):
        return None
    number = total.like_num or total.pos_ == "NUM" or any(c.like_num for c in total.children)
    if not number or not any(t.text == "(" for t in doc[total.i : closing.i]):
        return None
    return total


@Language.component("aidtrack_acronym_subject")
def mend_acronym_subject(doc: Doc) -> Doc:
    """ "USAID provided $11.5 million": an agency's acronym before a verb that has no subject is
    read as an adverb. Make it the subject, a name."""
    if not _ACRONYM_RE.search(doc.text):
        return doc
    for word in doc:
        if _acronym_read_as_modifier(word):
            word.dep_ = "nsubj"
            word.pos_ = "PROPN"
            word.tag_ = "NNP"
    return doc


_ACRONYM_RE = re.compile(r"\b[^\W\d_a-z]{3,}\b")  # three letters or more, none lower-case ASCII


def _acronym_read_as_modifier(word: Token) -> bool:
    if not (word.is_upper and word.is_alpha and len(word) >= 3) or word.pos_ not in ("ADV", "ADJ"):
        return False
    verb = word.head
    if word.dep_ not in ("advmod", "npadvmod", "dep") or verb.pos_ != "VERB" or verb.i < word.i:
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children)


# words that open a fronted phrase of time, cause or place before a clause's subject
_FRONTING = frozenset(
    {"after", "before", "following", "since", "amid", "despite", "during", "in", "at", "on", "with", "under"}
)
# the words that may stand between a subject and its verb: "have", "each", "also"
_BEFORE_VERB = frozenset({"aux", "auxpass", "advmod", "neg"})


@Language.component("aidtrack_fronted_phrase")
def mend_fronted_phrase(doc: Doc) -> Doc:
    """ "After the coup in Niger, France and Germany suspended their aid": after a fronted
    phrase that ends in a name, the model reads the subject that follows the comma as one more
    name of that phrase ("Niger, France and Germany") and the verb as having no subject, or the
    phrase's noun as its subject ("After Russia's invasion of Ukraine, Germany dropped ...").
    Make the names after the comma the verb's subject again, and the phrase a phrase."""
    for sent in doc.sents:
        first = sent[0]
        if first.lower_ not in _FRONTING:
            continue  # most sentences: nothing to mend
        verb = first.head
        if first.dep_ == "mark" and verb.dep_ == "advcl":
            verb = verb.head  # "After Israel alleged that ..., Britain and Italy froze": a fronted clause
        if verb.pos_ not in ("VERB", "AUX") or verb.i <= first.i:
            continue
        subject = _subject_read_as_conjunct(doc, first, verb)
        if subject is not None:
            _make_subject(first, verb, subject)
    return doc


def _subject_read_as_conjunct(doc: Doc, first: Token, verb: Token) -> Token | None:
    """The name after a comma of the fronted phrase that heads the words up to the verb, when
    the model hangs it on a name before the comma."""
    end = verb.i
    while end > first.i and doc[end - 1].head == verb and _between_subject_and_verb(doc[end - 1]):
        end -= 1  # "... and Slovakia have each sent": up to "have"
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < end]
    if not all(_opened(doc, s) for s in subjects):
        return None  # "After talks, the ministers of France and Italy signed": its own subject
    for comma in (t for t in doc[first.i + 1 : end] if t.text == ","):
        if any(s.i > comma.i for s in subjects):
            continue
        words = doc[comma.i + 1 : end]
        heads = [t for t in words if not comma.i < t.head.i < end]
        if len(heads) != 1:
            continue
        name = heads[0]
        if (
            name.dep_ == "conj"
            and name.pos_ == "PROPN"
            and name.head.i < comma.i
            and name.left_edge.i == comma.i + 1
            and name.right_edge.i == end - 1
        ):
            return name
    return None


def _opened(doc: Doc, noun: Token) -> bool:
    """A subject that "after" or "following" opens: the noun of the fronted phrase."""
    start = noun.left_edge.i
    return start > 0 and doc[start - 1].lower_ in _FRONTING


def _between_subject_and_verb(word: Token) -> bool:
    """ "have", "also", "not", and "each" read as a subject ("Qatar and Kuwait have each sent")."""
    return word.dep_ in _BEFORE_VERB or word.dep_ == "nsubj" and word.lower_ in _FLOATING_QUANTIFIERS


_FLOATING_QUANTIFIERS = frozenset({"each", "both", "all"})


def _make_subject(first: Token, verb: Token, subject: Token) -> None:
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    for word in verb.children:
        if word.dep_ == "nsubj" and word.lower_ in _FLOATING_QUANTIFIERS and word.i > subject.i:
            word.dep_ = "advmod"  # "have each sent": "each" floats, the names are the subject
    misread = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and first.i < c.i < subject.i]
    subject.head = verb
    subject.dep_ = "nsubjpass" if passive else "nsubj"
    if not misread:
        return
    noun = misread[0]  # "After Russia's invasion of Ukraine, ...": the invasion is the object of
    opening = [  # "after" ("In October, after Turkey's incursion into Syria, ...")
        c
        for c in verb.children
        if c.lower_ in _FRONTING and c.i < noun.i and not any(g.dep_ == "pobj" for g in c.children)
    ]
    if opening:
        opening[-1].dep_ = "prep"
        noun.head = opening[-1]
        noun.dep_ = "pobj"


_AS_RE = re.compile(r"\bas\b", re.IGNORECASE)


@Language.component("aidtrack_as_clause")
def mend_as_clause(doc: Doc) -> Doc:
    """ "Baltic states bar Georgian party founder as EU freezes military aid to Tbilisi": in a
    headline's clause of "as", the model reads the name after "as" as its object ("as EU") and
    the verb after it as one more verb (or a complement) of the main clause, whose subject it
    then seems to share.
    Make the name the subject of that verb, and the verb a clause of "as"."""
    if not _AS_RE.search(doc.text):
        return doc
    for word in doc:
        verb = _verb_after_as_name(doc, word)
        if verb is not None:
            name = next(c for c in word.children if c.dep_ == "pobj")
            verb.dep_ = "advcl"
            word.head = verb
            word.dep_ = "mark"
            name.head = verb
            name.dep_ = "nsubj"
    return doc


def _verb_after_as_name(doc: Doc, word: Token) -> Token | None:
    """The verb read as a conjunct right after "as" and its name."""
    if word.lower_ != "as" or word.dep_ != "prep":
        return None
    names = [c for c in word.children if c.dep_ == "pobj"]
    if len(names) != 1 or names[0].pos_ != "PROPN" or names[0].right_edge.i + 1 >= len(doc):
        return None
    verb = doc[names[0].right_edge.i + 1]
    if verb.dep_ not in ("conj", "ccomp") or verb.tag_ not in ("VBZ", "VBD", "VBP") or verb.i < word.i:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    return verb


@Language.component("aidtrack_conjunct_subject")
def mend_conjunct_subject(doc: Doc) -> Doc:
    """ "Nigeria cut the power it supplies to Niger and Benin closed its border": the model
    reads the name after "and" as one more name of the phrase before ("to Niger and Benin") and
    the verb after it as a second verb of the first subject. A finite verb right after a name,
    with no subject of its own, has that name as its subject: make it so."""
    for verb in doc:
        name = _subject_read_as_name(doc, verb) or _subject_before_aside(doc, verb)
        if name is not None:
            for child in list(name.head.children) + list(name.children):
                if child.dep_ == "cc" and child.i == name.i - 1:  # the "and" joins the clauses now
                    child.head = verb.head
            name.head = verb
            name.dep_ = "nsubj"
    return doc


def _subject_read_as_name(doc: Doc, verb: Token) -> Token | None:
    """The name read as a conjunct of an earlier name, right before a verb read as a conjunct
    of an earlier verb, that has no subject of its own."""
    if verb.dep_ != "conj" or verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.pos_ != "VERB" or verb.i < 2:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children) or verb.head.i > verb.i:
        return None
    name = doc[verb.i - 1]
    joined = name.head
    if name.dep_ != "conj" or name.pos_ != "PROPN" or joined.pos_ != "PROPN" or name.right_edge != name:
        return None
    if not joined.head.i < joined.i < name.i or not verb.head.i < joined.i:
        return None  # the earlier name lies inside the first verb's clause
    if not any(c.dep_ == "cc" for c in joined.children) and not any(c.dep_ == "cc" for c in name.children):
        return None  # "Niger and Benin": joined by "and"
    return name


def _subject_before_aside(doc: Doc, verb: Token) -> Token | None:
    """ "The EU announced 60 million euros for Congo, and Belgium, Congo's former colonial ruler,
    added 10 million": a name after "and", set off by an appositive between commas right before
    a verb that has no subject of its own, read as one more thing of the first clause."""
    if verb.dep_ not in ("conj", "advcl") or verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.pos_ != "VERB":
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children) or verb.head.i > verb.i:
        return None
    if verb.i < 5 or doc[verb.i - 1].text != ",":
        return None
    aside = doc[verb.i - 2]
    while (
        aside.dep_ != "appos"
        and aside.head.i < verb.i
        and aside.head != aside
        and aside.head.i > aside.i - 10
    ):
        aside = aside.head
    name = aside.head
    if aside.dep_ != "appos" or name.pos_ != "PROPN" or name.dep_ != "conj" or name.i < 2:
        return None
    if doc[name.i + 1].text != "," or aside.left_edge.i != name.i + 2 or aside.right_edge.i != verb.i - 2:
        return None
    if doc[name.i - 1].lower_ != "and" or not verb.head.i < name.head.i < name.i:
        return None  # "..., and Belgium, ...,": joined by "and" inside the first verb's clause
    return name


@Language.component("aidtrack_aside_subject")
def mend_aside_subject(doc: Doc) -> Doc:
    """ "Beijing, meanwhile, has kept up its pressure": with an adverb set off by commas after
    it, the model reads the subject as a modifier of the verb ("npadvmod"), which then seems to
    have no subject. Make the name the subject again."""
    for word in doc:
        if _subject_read_as_modifier(doc, word):
            word.dep_ = "nsubj"
    return doc


def _subject_read_as_modifier(doc: Doc, word: Token) -> bool:
    verb = word.head
    if word.dep_ != "npadvmod" or word.pos_ != "PROPN" or verb.pos_ not in ("VERB", "AUX") or verb.i < word.i:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return False
    between = doc[word.i + 1 : verb.i]
    return (
        len(between) > 0
        and between[0].text == ","
        and all(t.is_punct or t.dep_ in ("advmod", "aux", "neg") for t in between)
        and any(t.dep_ == "advmod" for t in between)
    )


# words that open a clause of time as well as a phrase: "a week after Britain imposed ..."
_TIME_OPENERS = frozenset({"after", "before", "since", "until", "till", "when", "once"})


@Language.component("aidtrack_clause_read_as_phrase")
def mend_clause_read_as_phrase(doc: Doc) -> Doc:
    """ "The judgment comes a fortnight after Britain, together with Canada and Norway, imposed
    sanctions on ...": with an aside between the name and its verb, the model reads "after
    Britain" as a phrase of time and leaves the verb without a subject. Make "after" open the
    verb's clause and the name its subject, with the aside (its companions) on the name."""
    for verb in doc:
        found = _clause_read_as_phrase(doc, verb)
        if found is None:
            continue
        opener, name = found
        for aside in [c for c in verb.head.children if name.i < c.i < verb.i and c.dep_ == "prep"]:
            aside.head = name
        opener.head, opener.dep_ = verb, "mark"
        name.head, name.dep_ = verb, "nsubj"
        verb.dep_ = "advcl"
    return doc


def _clause_read_as_phrase(doc: Doc, verb: Token) -> tuple[Token, Token] | None:
    """The opener ("after") and the name read as its object, when ``verb`` is a finite verb in a
    clause of the opener's head with no subject of its own, and only an aside set off by commas
    stands between the name and the verb."""
    if verb.dep_ not in ("advcl", "conj") or verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.head.i > verb.i:
        return None
    if verb.dep_ == "conj" and any(c.dep_ == "cc" and c.i < verb.i for c in verb.head.children):
        return None  # "came a week after Japan, and imposed ...": a conjunct indeed
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for c in verb.children):
        return None
    spans = [verb.head, *(c for c in verb.head.children if c.dep_ == "npadvmod")]  # "a week after"
    for opener in (c for holder in spans for c in holder.children):
        if opener.dep_ != "prep" or opener.lower_ not in _TIME_OPENERS or opener.i > verb.i:
            continue
        names = [c for c in opener.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
        if len(names) != 1 or names[0].right_edge.i + 1 >= verb.i:
            continue
        name = names[0]
        if name.lower_ in _DAYS_AND_MONTHS or name.ent_type_ in ("DATE", "TIME"):
            continue  # "ran until December, however, continued": a time, no subject
        aside = doc[name.right_edge.i + 1 : verb.i]
        if (
            aside[0].text == ","
            and aside[-1].text == ","
            and len(aside) > 2
            and not any(t.pos_ in ("VERB", "AUX") for t in aside)  # not a list of verbs
        ):
            return opener, name
    return None


@Language.component("aidtrack_seated_object")
def mend_seated_object(doc: Doc) -> Doc:
    """ "Venezuela warned the government in Georgetown that ...": the model hangs "in <place>" on
    the verb, so the one warned is a bare "government". Hang the place on the noun again, as in
    "officials in Kyiv", whose state it names."""
    return _rehang_preps(doc, _seat_read_as_scene)


def _seat_read_as_scene(doc: Doc, prep: Token) -> Token | None:
    """The object just before ``prep`` ("the government", "officials") when both hang on one verb
    and ``prep`` is "in" a capitalised place (not a month: "warned officials in March")."""
    if prep.lower_ != "in" or prep.dep_ != "prep" or prep.i == 0:
        return None
    noun = doc[prep.i - 1]
    if noun.dep_ != "dobj" or noun.head != prep.head or noun.lemma_.lower() not in SEATED:
        return None
    places = [c for c in prep.children if c.dep_ == "pobj"]
    if len(places) != 1 or places[0].tag_ != "NNP" or places[0].lower_ in MONTHS:
        return None
    return noun


@Language.component("aidtrack_fleet_member")
def mend_fleet_member(doc: Doc) -> Doc:
    """ "sanctions against 100 tankers in Russia's shadow fleet": the model hangs "in ... fleet"
    on the verb or on the measure, so the tankers seem to be nobody's. Hang it on the ships again, whose owner the
    fleet names."""
    return _rehang_preps(doc, _ships_before_fleet)


def _ships_before_fleet(doc: Doc, prep: Token) -> Token | None:
    """The noun just before ``prep`` ("tankers"), when ``prep`` is "in", "of" or "from" a fleet
    and hangs on a word above the noun."""
    if prep.dep_ != "prep" or prep.lower_ not in ("in", "of", "from") or prep.i == 0:
        return None
    if not any(c.dep_ == "pobj" and c.lemma_.lower() == "fleet" for c in prep.children):
        return None
    noun = doc[prep.i - 1]
    holder = prep.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ not in _SHIP_ROLES or noun == holder:
        return None
    if noun.i in {t.i for t in prep.subtree}:
        return None  # "miles from the fleet": the noun is the preposition's own
    return noun if noun.i in {t.i for t in holder.subtree} else None


# where the ships of a fleet stand: the object or subject of a verb or preposition, or a conjunct
_SHIP_ROLES = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "conj", "appos"})


@Language.component("aidtrack_second_agent")
def mend_second_agent(doc: Doc) -> Doc:
    """ "the restrictions have been lifted by Germany as well as by Britain and France": the
    model hangs the second "by" on the verb as an agent of its own, which the rules (reading one
    agent) never see. Join its names to the first agent's, as in "by Germany and Britain"."""
    agents = Counter(t.head.i for t in doc if t.dep_ == "agent" and t.head.i != t.i)
    for verb in (doc[i] for i in sorted(agents) if agents[i] > 1):  # mending never adds an agent
        named = [(c, n) for c in verb.children if c.dep_ == "agent" and (n := _agent_name(c)) is not None]
        for (_, name), (second, joined) in zip(named, named[1:]):
            between = doc[name.right_edge.i + 1 : second.i]
            if not _only_coordinator(between):
                continue
            for word in between:
                if word.dep_ == "cc":
                    word.head = name
            joined.head, joined.dep_ = name, "conj"
            second.head, second.dep_ = joined, "case"
    return doc


def _agent_name(agent: Token) -> Token | None:
    return next((c for c in agent.children if c.dep_ == "pobj"), None)


def _only_coordinator(between: Span) -> bool:
    """Only a coordinator ("and", "or", "as well as") stands between the first agent's name and
    the second "by" (the model may hang the coordinator on the first "by")."""
    return (
        len(between) > 0
        and any(t.dep_ == "cc" for t in between)
        and all(t.dep_ in ("cc", "advmod", "punct") for t in between)
    )


@Language.component("aidtrack_headline_verbs")
def mend_headline_verbs(doc: Doc) -> Doc:
    """ "China sanctions U.S. defence firms, warns Washington over Taiwan aid": in a headline's
    chain of verbs the model reads the first verb as the subject of the second and the second's
    object as its subject. Make the second verb a conjunct of the first, sharing its subject."""
    for first in doc:
        second = _verb_read_as_subject(doc, first)
        if second is not None:
            misread = next(c for c in second.children if c.dep_ == "nsubj" and c.i > second.i)
            first.head, first.dep_ = first, "ROOT"
            second.head, second.dep_ = first, "conj"
            misread.dep_ = "dobj"
    return doc


# verbs of saying whose speaker may follow them after what is said ("..., says Lavrov"); not all
# verbs of reporting: "Japan sanctions Russian banks, pledges aid" is a headline's chain
_SAID_BEFORE_SPEAKER = frozenset(
    {"say", "tell", "add", "claim", "report", "state", "insist", "write", "announce"}
)


def _verb_read_as_subject(doc: Doc, first: Token) -> Token | None:
    """The verb after a comma whose subject (or clause) ``first`` (itself a verb with a subject
    of its own before it) was read to be, while its own object stands after it as a subject."""
    second = first.head
    if (
        first.dep_ not in ("nsubj", "ccomp")
        or first.tag_ not in ("VBZ", "VBD")
        or second.tag_ not in ("VBZ", "VBD")
    ):
        return None
    if second.lemma_.lower() in _SAID_BEFORE_SPEAKER:
        return None  # "Russia bans the officials, says Lavrov": the speaker follows the verb
    if not first.i < second.i or doc[second.i - 1].text != ",":
        return None
    if not any(c.dep_ == "nsubj" and c.i < first.i for c in first.children):
        return None
    if not any(c.dep_ == "nsubj" and c.i > second.i for c in second.children):
        return None
    return second


@Language.component("aidtrack_named_crossing")
def mend_named_crossing(doc: Doc) -> Doc:
    """ "Israel closed the Kerem Shalom crossing to aid trucks": the model reads "crossing" as a
    verb of its own after the name, so the name is what was closed. Make "the <name> crossing"
    one noun phrase again, the crossing its head."""
    for word in doc:
        name = _name_before_crossing(doc, word)
        if name is not None:
            word.tag_, word.pos_, word.lemma_ = "NN", "NOUN", "crossing"
            word.head, word.dep_ = name.head, name.dep_
            for child in list(name.children):
                if child.dep_ == "det":
                    child.head = word
            name.head, name.dep_ = word, "compound"
    return doc


def _name_before_crossing(doc: Doc, word: Token) -> Token | None:
    """The name ("Shalom" of "the Kerem Shalom crossing") a "crossing" read as a verb follows."""
    if word.lower_ != "crossing" or word.pos_ != "VERB" or word.i == 0:
        return None
    name = doc[word.i - 1]
    if name.pos_ != "PROPN" or name.dep_ not in ("dobj", "pobj", "nsubj", "nsubjpass"):
        return None
    if word.head != name.head or not any(c.dep_ == "det" for c in name.children):
        return None
    return name


# who and what carries relief: "to aid trucks" names them, it is no "to aid" of a purpose
_RELIEF_BEARERS = frozenset(
    {"truck", "lorry", "convoy", "flight", "shipment", "ship", "worker", "agency", "group", "delivery"}
)


@Language.component("aidtrack_aid_compound")
def mend_aid_compound(doc: Doc) -> Doc:
    """ "Israel closed the Zikim crossing to aid trucks": the model reads "to aid" as an
    infinitive whose object is the trucks. Read "to" as the preposition and "aid trucks" as its
    object, as in "closed the crossing to relief convoys"."""
    for aid in doc:
        bearer = _bearer_read_as_object(aid)
        if bearer is None:
            continue
        to = next(c for c in aid.children if c.dep_ == "aux")
        governor = aid.head
        to.head, to.dep_, to.tag_, to.pos_ = governor, "prep", "IN", "ADP"
        bearer.head, bearer.dep_ = to, "pobj"
        for child in [c for c in aid.children if c != to]:
            child.head = governor
        aid.head, aid.dep_, aid.tag_, aid.pos_ = bearer, "compound", "NN", "NOUN"
    return doc


def _bearer_read_as_object(aid: Token) -> Token | None:
    if aid.lower_ != "aid" or aid.pos_ != "VERB" or aid.head == aid:
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" and c.i == aid.i - 1 for c in aid.children):
        return None
    bearer = next((c for c in aid.children if c.dep_ == "dobj" and c.i == aid.i + 1), None)
    return bearer if bearer is not None and bearer.lemma_.lower() in _RELIEF_BEARERS else None


# verbs whose to-infinitive is what they state: "threatened to cut", "agreed to send"
_INFINITIVE_TAKERS = frozenset(
    {
        "threaten",
        "vow",
        "promise",
        "pledge",
        "refuse",
        "decline",
        "agree",
        "offer",
        "plan",
        "decide",
        "seek",
        "intend",
        "hesitate",
        "undertake",
        "resolve",
        "move",
    }
)


@Language.component("aidtrack_infinitive_complement")
def mend_infinitive_complement(doc: Doc) -> Doc:
    """ "Russia threatened on Wednesday to reduce gas supplies to Moldova": with a time or place
    between them, the model reads the infinitive as a clause of purpose, not as what was
    threatened. Read it as the verb's complement, as in "threatened to reduce"."""
    for verb in doc:
        if _infinitive_read_as_purpose(doc, verb):
            verb.dep_ = "xcomp"
    return doc


def _infinitive_read_as_purpose(doc: Doc, verb: Token) -> bool:
    """``verb`` is "to <verb>" hung as an adverbial clause on a verb of stating intent that has
    no object and no other complement, with only adverbials between them."""
    governor = verb.head
    if verb.dep_ != "advcl" or verb.tag_ != "VB" or governor.lemma_.lower() not in _INFINITIVE_TAKERS:
        return False
    if not any(c.dep_ == "aux" and c.tag_ == "TO" and c.i == verb.i - 1 for c in verb.children):
        return False
    if governor.i > verb.i or any(c.dep_ in ("nsubj", "mark") for c in verb.children):
        return False
    if any(c.dep_ in ("dobj", "xcomp", "ccomp", "dative") for c in governor.children):
        return False
    between = doc[governor.i + 1 : verb.i - 1]
    return all(
        t.dep_ in ("prep", "pobj", "npadvmod", "advmod", "det", "amod", "compound", "punct", "nummod")
        for t in between
    )


@Language.component("aidtrack_repeated_preposition")
def mend_repeated_preposition(doc: Doc) -> Doc:
    """ "imposed sanctions on a Yemeni exchanger and on two firms based in Malaysia": the model
    hangs the repeated "on" on the verb as a conjunct of it, so the second party is lost to the
    first "on"; after "as well as" ("expanded its list to 23 Russian entities, as well as to
    companies in Uzbekistan") it hangs it on the last "as". Join the second preposition to the
    first, as in "on X and Y"."""
    for prep in doc:
        first = _first_of_repeated(doc, prep) or _first_before_as_well_as(doc, prep)
        if first is None:
            continue
        for word in doc[first.i + 1 : prep.i]:
            if word.dep_ == "cc" and word.head == prep.head:
                word.head = first
        prep.head, prep.dep_ = first, "conj"
    return doc


def _first_of_repeated(doc: Doc, prep: Token) -> Token | None:
    """The earlier "on" that ``prep`` ("and on") repeats, when the model made ``prep`` a
    conjunct of the verb the earlier one hangs under."""
    if prep.dep_ != "conj" or prep.tag_ != "IN" or prep.i < 2 or doc[prep.i - 1].dep_ != "cc":
        return None
    if not any(c.dep_ == "pobj" for c in prep.children):
        return None
    verb = prep.head
    return next(
        (
            t
            for t in reversed(doc[verb.i + 1 : prep.i - 1])
            if t.lower_ == prep.lower_ and t.dep_ == "prep" and verb in t.ancestors
        ),
        None,
    )


def _first_before_as_well_as(doc: Doc, prep: Token) -> Token | None:
    """The earlier "to" that ``prep`` repeats after "as well as", when the model hung ``prep`` on
    the last "as"."""
    if prep.dep_ != "prep" or prep.i < 4 or prep.head.i != prep.i - 1:
        return None
    if [t.lower_ for t in doc[prep.i - 3 : prep.i]] != ["as", "well", "as"]:
        return None
    if not any(c.dep_ == "pobj" for c in prep.children):
        return None
    return next(  # the "to" whose object the "as well as" hangs under, not an earlier clause's
        (t for t in prep.head.ancestors if t.lower_ == prep.lower_ and t.dep_ in ("prep", "dative")),
        None,
    )


# verbs that report a clause ("determined that", "told Britain that", "repeated that")
_REPORTING = _SAID_BEFORE_SPEAKER | {
    "determine",
    "conclude",
    "find",
    "confirm",
    "repeat",
    "reiterate",
    "acknowledge",
    "admit",
    "argue",
    "note",
    "warn",
    "explain",
}


@Language.component("aidtrack_matrix_conjunct")
def mend_matrix_conjunct(doc: Doc) -> Doc:
    """ "The United States determined that the RSF had committed genocide, and imposed
    sanctions on ...": the model joins "imposed" to the reported "had committed", so its
    subject becomes the RSF. A simple past cannot share the reported clause's "had"; join it to
    the verb that reports, whose subject it shares."""
    for verb in doc:
        reporter = _reporter_of_misjoined(verb)
        if reporter is not None:
            doc[verb.i - 1].head = reporter  # the ", and" goes with it
            verb.head = reporter
    return doc


def _reporter_of_misjoined(verb: Token) -> Token | None:
    """The verb above the clause ``verb`` (a subjectless simple past after "and") was joined to:
    the reporting verb above a perfect clause, or above any clause when ``verb`` reports too;
    the verb whose infinitive it was joined to."""
    told = verb.head
    if verb.dep_ != "conj" or verb.tag_ != "VBD" or told.dep_ not in ("ccomp", "xcomp"):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children):
        return None
    before = verb.doc[verb.i - 1]  # the "and" joined to the clause below too
    if told.dep_ == "xcomp":  # "asked Brussels to set up a facility and urged Washington to ...":
        # a simple past is no conjunct of an infinitive; it is the asking verb's
        reporter = told.head
        infinitive = told.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in told.children)
        if infinitive and reporter.tag_ == "VBD" and before.dep_ == "cc" and before.head == told:
            return reporter
        return None
    perfect = told.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in ("had", "has", "have") for c in told.children
    )
    # "said Britain and the United States took part in the war, and warned both countries
    # that ...": a second act of telling after ", and" is the teller's again
    if not perfect and verb.lemma_.lower() not in _REPORTING:
        return None
    reporter = told.head
    if reporter.lemma_.lower() not in _REPORTING or reporter.tag_ != "VBD":
        return None
    return reporter if before.dep_ == "cc" and before.head == told else None


# plural nouns of measures the model may read as verbs: "asset freezes", "travel bans"
_MEASURES_READ_AS_VERBS = frozenset({"freeze", "ban", "curb", "control", "cap", "limit"})


@Language.component("aidtrack_measure_read_as_verb")
def mend_measure_read_as_verb(doc: Doc) -> Doc:
    """ "The EU extended asset freezes on 300 officials": the model reads "freezes" as the verb
    and "extended" as a modifier of "asset". Read "extended" as the verb again and "asset
    freezes" as its object."""
    for measure in doc:
        verb = _verb_read_as_modifier(measure)
        if verb is None:
            continue
        modifier = verb.head
        verb.dep_ = measure.dep_  # the verb takes the measure's place in the tree
        verb.head = verb if measure.dep_ == "ROOT" else measure.head
        modifier.head, modifier.dep_ = measure, "compound"
        for child in [c for c in measure.children if c.dep_ == "punct" and c.i > measure.i]:
            child.head = verb
        measure.head, measure.dep_ = verb, "dobj"
        measure.tag_, measure.pos_ = "NNS", "NOUN"
    return doc


def _verb_read_as_modifier(measure: Token) -> Token | None:
    """The past-tense verb hung as a modifier on the subject of ``measure`` ("asset" of
    "freezes"), with a subject of its own before it."""
    if measure.tag_ != "VBZ" or measure.lemma_.lower() not in _MEASURES_READ_AS_VERBS:
        return None
    subject = next((c for c in measure.children if c.dep_ == "nsubj" and c.i == measure.i - 1), None)
    if subject is None or subject.pos_ != "NOUN":
        return None
    verb = next(
        (c for c in subject.children if c.dep_ == "amod" and c.tag_ == "VBD" and c.i == subject.i - 1), None
    )
    if verb is None or not any(c.dep_ == "nsubj" for c in verb.children):
        return None
    return verb


@Language.component("aidtrack_willed_infinitive")
def mend_willed_infinitive(doc: Doc) -> Doc:
    """ "The strikes followed a decision by President Biden at the weekend to allow Kyiv to use
    ATACMS": with the decider and a time between them, the model hangs the infinitive on the
    main verb as a purpose. It completes the noun of will ("a decision ... to allow"), as in
    "a decision to allow"."""
    for verb in doc:
        noun = _willed_noun_before(doc, verb)
        if noun is not None:
            verb.head, verb.dep_ = noun, "acl"
    return doc


def _willed_noun_before(doc: Doc, verb: Token) -> Token | None:
    """The noun of will (decision, move, plan, ...) that ``verb``, a "to <verb>" hung as an
    adverbial clause of the noun's own verb, completes: the noun is that verb's object, and
    only the noun's modifiers and adverbials stand between the noun and the infinitive."""
    if verb.dep_ != "advcl" or verb.tag_ != "VB":
        return None
    if not any(c.dep_ == "aux" and c.tag_ == "TO" and c.i == verb.i - 1 for c in verb.children):
        return None
    if any(c.dep_ in ("nsubj", "mark") for c in verb.children):
        return None
    noun = next(
        (o for o in verb.head.children if o.dep_ == "dobj" and o.lemma_.lower() in WILLED and o.i < verb.i),
        None,
    )
    if noun is None or any(c.dep_ == "acl" for c in noun.children):
        return None
    between = doc[noun.i + 1 : verb.i - 1]
    return noun if all(t.dep_ in _BETWEEN_NOUN_AND_INFINITIVE for t in between) else None


# what may stand between a noun of will and its infinitive: its decider and a time or place
_BETWEEN_NOUN_AND_INFINITIVE = frozenset(
    {"prep", "agent", "pobj", "det", "amod", "compound", "npadvmod", "nummod", "poss", "case"}
)


@Language.component("aidtrack_parallel_relatives")
def mend_parallel_relatives(doc: Doc) -> Doc:
    """ "It followed Britain, which froze the assets of four settlers, and France, which barred 28
    settlers": the model joins the second name to the last noun of the first name's relative
    clause. A name with a relative clause of its own, joined to a common noun inside another
    name's relative clause, is that name's conjunct."""
    for name in doc:
        if name.dep_ != "conj" or name.pos_ != "PROPN" or not any(c.dep_ == "relcl" for c in name.children):
            continue
        noun = name.head
        first = next((v.head for v in noun.ancestors if v.dep_ == "relcl"), None)
        if noun.pos_ == "PROPN" or first is None or first.pos_ != "PROPN" or first.i >= noun.i:
            continue
        for word in list(noun.children):
            if word.dep_ in ("cc", "punct") and noun.i < word.i < name.i:
                word.head = first
        name.head = first
    return doc


@Language.component("aidtrack_verb_read_as_adverb")
def mend_verb_read_as_adverb(doc: Doc) -> Doc:
    """ "and that it would authorise other countries to re-export tanks": the model sometimes
    tags a verb (often in British spelling) as an adverb while it reads it heading its clause,
    with a modal and an object of its own. Tag it as the verb it is."""
    for token in doc:
        if token.pos_ == "ADV" and _heads_clause(token):
            token.pos_, token.tag_ = "VERB", "VB"
    return doc


def _heads_clause(token: Token) -> bool:
    """A modal ("would", "will") and a direct object hang on the word."""
    children = list(token.children)
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in children) and any(
        c.dep_ == "dobj" for c in children
    )


# quick tests of a paragraph's text before its tokens are read (supersets of what is mended)
_WORTH_RE = re.compile(r"\bworth\b", re.IGNORECASE)
_PART_RE = re.compile(r"\b(?:for|on)\s+(?:its|their|his|her|our)\s+part\b", re.IGNORECASE)
_PAYMENT_RE = re.compile(r"\bpayments?\b", re.IGNORECASE)


@Language.component("aidtrack_worth_clause")
def mend_worth_clause(doc: Doc) -> Doc:
    """ "Finland announced a 22nd package worth 188 million euros": after an ordinal the model
    may read "worth" as a clause whose subject is the package, and the verb loses its object.
    The noun is the verb's object again and "worth" describes it, as in "a new package worth"."""
    if not _WORTH_RE.search(doc.text):
        return doc
    for word in doc:
        noun = _subject_of_worth(word)
        if noun is not None:
            noun.head, noun.dep_ = word.head, "dobj"
            word.head, word.dep_ = noun, "amod"
    return doc


def _subject_of_worth(word: Token) -> Token | None:
    """The noun just before a "worth" read as a clause under a verb with no object or other
    clause of its own, the noun counted by an ordinal ("a 22nd package"); not under verbs of
    saying or thinking ("said the 12th package worth ... includes tanks")."""
    verb = word.head
    if word.lower_ != "worth" or word.dep_ not in ("ccomp", "xcomp") or verb.pos_ != "VERB":
        return None
    if verb.lemma_.lower() in _SAYING_OR_THINKING or any(
        c.dep_ in ("dobj", "ccomp", "xcomp") and c != word for c in verb.children
    ):
        return None
    return next(
        (
            c
            for c in word.children
            if c.dep_ in ("nsubj", "npadvmod")
            and c.pos_ == "NOUN"
            and verb.i < c.i < word.i
            and any(m.dep_ == "amod" and m.like_num for m in c.children)
        ),
        None,
    )


# verbs whose clause after them is what is said or thought, not an object
_SAYING_OR_THINKING = frozenset(
    {"say", "expect", "reckon", "find", "think", "believe", "consider", "call", "deem", "estimate", "tell"}
)


@Language.component("aidtrack_for_its_part")
def mend_for_its_part(doc: Doc) -> Doc:
    """ "The World Bank, for its part, approved a grant": the idiom says whose turn it is, and
    no "for" of it names whom the grant is for. It hangs on its verb as an adverbial."""
    if not _PART_RE.search(doc.text):
        return doc
    for word in doc:
        if word.dep_ == "prep" and word.lower_ in ("for", "on") and _names_a_turn(word):
            word.dep_ = "advmod"
    return doc


def _names_a_turn(prep: Token) -> bool:
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return (
        len(objects) == 1
        and objects[0].lower_ == "part"
        and [c.dep_ for c in objects[0].children] == ["poss"]
    )


@Language.component("aidtrack_payments_as_funding")
def mend_payments_as_funding(doc: Doc) -> Doc:
    """ "Germany also paused its payments", "Canada and Sweden will resume payments": payments
    a party pauses, stops or resumes are its funding, and are read as that word. Payments made
    for something, or of debts, ransoms and the like, stay payments."""
    if not _PAYMENT_RE.search(doc.text):
        return doc
    for word in doc:
        if word.lemma_ == "payment" and _funding_paid(word):
            word.lemma_ = "funding"
    return doc


# verbs that pause, end or restart a flow of money
_FLOW_VERBS = frozenset(
    {"pause", "suspend", "halt", "freeze", "stop", "withhold", "cut", "resume", "restore", "unfreeze"}
)
# words that make a payment a price or a debt, not funding
_PRICE_WORDS = frozenset(
    {
        "debt",
        "interest",
        "ransom",
        "compensation",
        "reparation",
        "tax",
        "transit",
        "bonus",
        "gas",
        "oil",
        "loan",
        "pension",
        "salary",
        "wage",
        "dividend",
        "coupon",
        "bond",
    }
)


def _funding_paid(word: Token) -> bool:
    if word.dep_ not in ("dobj", "nsubjpass") or word.head.lemma_.lower() not in _FLOW_VERBS:
        return False
    priced = [c for c in word.children if c.lower_ == "for" or c.lemma_.lower() in _PRICE_WORDS]
    owed = [
        o for c in word.children if c.lower_ == "on" for o in c.subtree if o.lemma_.lower() in _PRICE_WORDS
    ]
    return not priced and not owed  # "payments on its foreign debt" are owed, not given


@Language.component("aidtrack_clause_before_semicolon")
def mend_clause_before_semicolon(doc: Doc) -> Doc:
    """ "Armenia asked Moscow for military assistance; Russia declined to send any": the model
    reads the clause before the semicolon as what the later verb declines (or says), so the
    request seems refused before it was made. A clause a semicolon closes is told on its own:
    hang it beside the later clause, not under it."""
    for verb in doc:
        if _closed_by_semicolon(verb):
            verb.dep_ = "parataxis"
    return doc


# verbs after a semicolon that take back what came before it
_DENYING_AFTER = frozenset({"deny", "dismiss", "reject", "refute", "dispute", "contest"})


def _closed_by_semicolon(verb: Token) -> bool:
    """A complement clause that ends before a semicolon hung on the verb it complements."""
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() in _DENYING_AFTER:
        return False  # "Iran has supplied drones, officials say; Tehran denies it" denies what came before
    return semicolon_after(verb) and not _speaks_of_the_claim(verb)


def _speaks_of_the_claim(verb: Token) -> bool:
    """The clause after the semicolon speaks of what came before as a claim ("Tehran calls the
    accusation baseless", "Reuters could not verify the report"): it is its comment."""
    return any(_claim_told_back(t) for t in verb.head.children if t.i > verb.right_edge.i)


# the determiners of a noun that points back at what was just told
_POINTING_BACK = frozenset({"the", "this", "that", "these", "those", "such"})


def _claim_told_back(noun: Token) -> bool:
    """ "the accusation", "such claims": a claim noun that points back at what was told, not
    one of its own ("its damage report", "the charge of backsliding")."""
    if noun.dep_ not in ("dobj", "nsubj", "nsubjpass") or noun.lemma_.lower() not in TOLD_NOUNS:
        return False
    marks = [c for c in noun.children if c.lower_ in _POINTING_BACK]
    own = any(
        c.dep_ in ("poss", "compound", "prep", "acl", "relcl", "amod")
        for c in noun.children
        if c not in marks
    )
    return bool(marks) and not own
