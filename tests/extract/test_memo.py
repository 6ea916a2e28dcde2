"""Checks answered once per token: the answer stays the one the check gives, and a question
asked again of the same token (or sentence) is not worked out again."""

from __future__ import annotations

from aidtrack.extract.clauses import Sentence, memoised, memoised_on_token
from aidtrack.extract.lexicon import load_lexicon
from aidtrack.extract.modality import is_hedged, is_negated
from aidtrack.extract.pipeline import load_nlp


def _sentences(text: str) -> list[Sentence]:
    doc = load_nlp()(text)
    return [Sentence(sent, {}, load_lexicon()) for sent in doc.sents]


def test_a_sentence_check_is_worked_out_once_per_token() -> None:
    calls: list[int] = []

    @memoised
    def long_word(sentence: Sentence, token) -> bool:
        calls.append(token.i)
        return len(token.text) > 5

    sentence = _sentences("Norway will deliver artillery shells.")[0]
    first = [long_word(sentence, t) for t in sentence.span]
    again = [long_word(sentence, t) for t in sentence.span]
    assert first == again == [len(t.text) > 5 for t in sentence.span]
    assert calls == [t.i for t in sentence.span]


def test_a_token_of_another_parse_is_answered_afresh() -> None:
    calls: list[str] = []

    @memoised
    def text_of(sentence: Sentence, token) -> str:
        calls.append(token.text)
        return token.text

    mine = _sentences("Norway sent tanks.")[0]
    other = _sentences("Japan refused.")[0]
    assert text_of(mine, other.span[0]) == "Japan"
    assert text_of(mine, other.span[0]) == "Japan"
    assert calls == ["Japan", "Japan"]  # index 0 of another parse is not Norway's answer
    assert text_of(mine, mine.span[0]) == "Norway"


def test_a_token_check_is_kept_with_its_parse() -> None:
    calls: list[int] = []

    @memoised_on_token
    def is_verb(token) -> bool:
        calls.append(token.i)
        return token.pos_ == "VERB"

    doc = load_nlp()("Sweden will not send jets.")
    assert [is_verb(t) for t in doc] == [is_verb(t) for t in doc] == [t.pos_ == "VERB" for t in doc]
    assert calls == [t.i for t in doc]
    fresh = load_nlp()("Sweden will not send jets.")
    is_verb(fresh[3])
    assert calls[-1] == 3 and len(calls) == len(doc) + 1


def test_hedging_and_negation_answer_as_before_when_asked_twice() -> None:
    hedged, plain = _sentences("Poland could send tanks. Poland did not send tanks.")
    send_hedged = next(t for t in hedged.span if t.lemma_ == "send")
    send_plain = next(t for t in plain.span if t.lemma_ == "send")
    assert is_hedged(hedged, send_hedged) and is_hedged(hedged, send_hedged)
    assert not is_hedged(plain, send_plain) and not is_hedged(plain, send_plain)
    assert is_negated(send_plain) and is_negated(send_plain)
    assert not is_negated(send_hedged)


def test_a_question_is_read_once_from_the_sentence() -> None:
    asked, told = _sentences('Will Seoul send shells?" Seoul sent shells.')
    assert asked.is_question
    assert not told.is_question


def test_subjects_and_actors_answer_as_before_and_leave_the_caller_its_own_list() -> None:
    from aidtrack.extract.clauses import subject_of
    from aidtrack.extract.parties import actors_of

    sentence = _sentences("Norway and Denmark will send shells to Ukraine.")[0]
    send = next(t for t in sentence.span if t.lemma_ == "send")
    subject = subject_of(send)
    assert subject is not None and subject.text == "Norway" and subject_of(send) is subject
    assert subject_of(None) is None
    codes = {t.i: c for t, c in zip(sentence.span, ["NOR", None, "DNK"]) if c}
    coded = Sentence(sentence.span, codes, load_lexicon())
    first = actors_of(coded, subject)
    first.append("XXX")  # a caller's list is its own: the next answer is not changed by it
    assert actors_of(coded, subject) == ["NOR", "DNK"]
    assert actors_of(coded, None) == []
