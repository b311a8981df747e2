"""The answer judge: a shipped cross-encoder that reads question and sentence together.

These use the real shipped model (it loads in well under a second, without torch). The
sentences are invented, about nothing in the corpus or the gold sets."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from silkqa import judge
from silkqa.answering import judged_first
from silkqa.evidence import Evidence
from silkqa.judge import DOES_NOT_ANSWER_BELOW, AnswerJudge, default_judge, none_answers

CASES = [
    (
        "Why was the bridge closed last winter?",
        "The bridge was closed last winter because floodwater had damaged two of its supports.",
        "The bridge is 300 metres long and was opened in 1962.",
    ),
    (
        "Who designed the lighthouse?",
        "The lighthouse was designed by the engineer Margaret Okafor in 1891.",
        "The lighthouse stands on a granite outcrop at the mouth of the harbour.",
    ),
    (
        "How many people live in the village?",
        "About 1,200 people live in the village, most of them farmers.",
        "The village lies in a valley surrounded by orchards.",
    ),
    (
        "What does the valve do?",
        "The valve lets steam escape when the pressure in the boiler rises too high.",
        "The valve was replaced during the last inspection.",
    ),
    (
        "When did the museum open?",
        "The museum opened its doors to the public on 3 May 1978.",
        "The museum holds more than two thousand paintings.",
    ),
    (
        "Where is the observatory located?",
        "The observatory is located on the summit of Mount Kerrow, north of the town.",
        "The observatory's main telescope has a mirror of two metres.",
    ),
    (
        "How do I reset the thermostat?",
        "To reset the thermostat, hold the power button for ten seconds until the display flashes.",
        "The thermostat was introduced in 2015 and sold well.",
    ),
    (
        "What does RFD stand for?",
        "The station uses a rapid flood detector (RFD) on each river gauge.",
        "The RFD readings are published every hour.",
    ),
]


@pytest.fixture(scope="module")
def shipped() -> AnswerJudge:
    loaded = default_judge()
    assert loaded is not None, f"the judge is not shipped in {judge.FOLDER}"
    return loaded


def test_the_answering_sentence_mostly_scores_above_one_on_the_same_subject(shipped):
    """A learned judge, so a rate, not a rule: on these eight invented pairs, each sentence
    scored alone as silkqa reads them (read_sentences), the judge shipped on 1 December ranks the
    answer first seven times. It misses "What does the valve do?" (0.08 against 1.67 for "The
    valve was replaced ..."; the judge before it missed it too, 0.19 against 1.86). Never does it
    read an answer as none. A quote that spells out the acronym asked about is never refused on
    the judge's word anyway (answering.spells_or_defines); the judge's real rates are measured
    on the blind sets (docs/reader.md)."""

    def alone(question: str, sentence: str) -> float:
        return float(shipped.scores(question, [sentence])[0])

    ordered = [q for q, yes, no in CASES if alone(q, yes) > alone(q, no)]
    assert len(ordered) >= len(CASES) - 1, sorted(set(c[0] for c in CASES) - set(ordered))
    for question, answers, _ in CASES:
        assert shipped.scores(question, [answers])[0] >= DOES_NOT_ANSWER_BELOW, question


def test_sentences_on_another_subject_answer_nothing(shipped):
    question = "What is the salary of the harbour master?"
    sentences = [case[2] for case in CASES]
    assert none_answers(question, sentences, shipped)
    assert not none_answers(CASES[0][0], [CASES[0][2], CASES[0][1]], shipped)


def test_no_sentences_and_no_judge_never_refuse(shipped, monkeypatch):
    assert shipped.scores("anything?", []).shape == (0,)
    assert not none_answers("anything?", [], shipped)
    monkeypatch.setenv(judge.SETTING, "0")
    default_judge.cache_clear()
    try:
        assert default_judge() is None
        assert not none_answers("What is the salary of the harbour master?", [CASES[0][2]])
    finally:
        monkeypatch.undo()
        default_judge.cache_clear()


def test_a_damaged_judge_is_skipped_with_one_line_on_stderr(tmp_path, monkeypatch, capsys):
    (tmp_path / "model.onnx").write_bytes(b"not a model")
    (tmp_path / "meta.json").write_text('{"max_tokens": 128}')
    (tmp_path / "tokenizer.json").write_text("{}")
    monkeypatch.setattr(judge, "FOLDER", tmp_path)
    default_judge.cache_clear()
    try:
        assert default_judge() is None
        assert not none_answers("What is the salary of the harbour master?", [CASES[0][2]])
    finally:
        monkeypatch.undo()
        default_judge.cache_clear()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("silkqa: answer judge not loaded")


def test_the_library_refuses_when_the_judge_reads_no_answer(library, monkeypatch):
    """Wiring: the judge's verdict decides between an answer and a refusal that lists the
    closest passages; with the bar out of reach every question is refused, with it at minus
    infinity the reader's answer stands."""
    question = "Which countries does the Silk Road Economic Belt connect?"
    monkeypatch.setattr(judge, "DOES_NOT_ANSWER_BELOW", float("-inf"))
    assert not library.ask(question).abstained
    monkeypatch.setattr(judge, "DOES_NOT_ANSWER_BELOW", float("inf"))
    refused = library.ask(question)
    assert refused.abstained
    assert refused.reason == "none of the closest sentences reads as an answer to it"
    assert refused.citations and refused.citations == refused.closest


def test_the_sentence_the_judge_reads_as_the_best_answer_leads(library, monkeypatch):
    """Wiring: when the reader leads with its own first sentence, the judge is asked to compare;
    the sentence it scores highest leads and the reader's first is still quoted; a tie keeps the
    reader's order."""
    import silkqa.answering

    question = "Which countries does the Silk Road Economic Belt connect?"
    read: list[str] = []
    asked: list[bool] = []

    def reading(scores):
        def fake(question, sentences, judge_=None, compare=False):
            read[:] = sentences
            asked.append(compare)
            return judge.Reading(scores)

        return fake

    monkeypatch.setattr(silkqa.answering, "read_sentences", reading((0.0, 0.0, 0.0)))
    kept = library.ask(question)
    assert asked == [True]
    assert len(read) == judge.JUDGED
    first = read[0]
    assert " ".join(kept.citations[0].quote.split()) == " ".join(first.split())
    step = judge.READER_ORDER_WEIGHT
    for scores, leader in (((0.0, step + 1.0, 0.5), 1), ((0.0, 0.5, 2 * step + 1.0), 2)):
        monkeypatch.setattr(silkqa.answering, "read_sentences", reading(scores))
        led = library.ask(question)
        quotes = [" ".join(c.quote.split()) for c in led.citations]
        assert quotes[0] == " ".join(read[leader].split())
        assert " ".join(first.split()) in quotes
        assert [c.n for c in led.citations] == list(range(1, len(led.citations) + 1))
        if led.answer_span is not None:  # the answer's span lies in the new lead
            assert led.answer_span["n"] == 1 and led.answer_span["text"] in led.citations[0].quote


def test_the_judge_reads_closest_first_and_stops_as_soon_as_it_can(shipped, monkeypatch):
    """An answered question pays for one pair when the reader's lead is not open to the judge
    or its first sentence clearly answers, and three when the judge compares; a refusal reads
    the JUDGED closest, no more. Each pair is scored alone, so its score does not depend on what
    it is read with."""
    read: list[list[str]] = []
    scores = shipped.scores

    def counted(question, sentences):
        read.append(list(sentences))
        return scores(question, sentences)

    monkeypatch.setattr(shipped, "scores", counted)
    question, answers, other = CASES[1]
    assert not none_answers(question, [answers, other, other], shipped)
    assert read == [[answers]]
    read.clear()
    reading = judge.read_sentences(question, [other, answers, other], shipped, compare=True)
    assert reading is not None and not reading.none_answers and reading.best == 1
    assert read == [[other], [answers], [other]]
    assert reading.scores == tuple(float(scores(question, [s])[0]) for s in (other, answers, other))
    read.clear()
    clear = [q for q, yes, _ in CASES if float(scores(q, [yes])[0]) >= judge.CLEARLY_ANSWERS_FROM]
    assert clear, "no invented answer reads as a clear one"
    q = clear[0]
    yes, no = next((y, n) for c, y, n in CASES if c == q)
    read.clear()
    assert judge.read_sentences(q, [yes, no, no], shipped, compare=True).scores == (
        float(scores(q, [yes])[0]),
    )
    assert read == [[yes]]
    read.clear()
    unrelated = [case[2] for case in CASES]
    assert none_answers("What is the salary of the harbour master?", unrelated, shipped)
    assert read == [[s] for s in unrelated[: judge.JUDGED]]
    read.clear()
    compared = judge.read_sentences(
        "What is the salary of the harbour master?", unrelated, shipped, compare=True
    )
    assert compared is not None and compared.none_answers
    assert read == [[s] for s in unrelated[: judge.JUDGED]]
    read.clear()
    monkeypatch.setattr(judge, "DOES_NOT_ANSWER_BELOW", float("inf"))  # bars in any order
    assert judge.read_sentences(question, [answers, other, other], shipped, compare=True).none_answers
    assert len(read) == judge.JUDGED


def test_of_the_closest_two_the_judge_reads_the_answer_as_the_better(shipped, monkeypatch):
    """The reader's second sentence answers, its first only speaks of the same thing: the
    judge's best is the second. Invented sentences, as above; both are read (a first that
    reads as a clear answer would stop the reading: "the observatory's main telescope" does)."""
    monkeypatch.setattr(judge, "CLEARLY_ANSWERS_FROM", float("inf"))
    better = [
        q
        for q, yes, no in CASES
        if (r := judge.read_sentences(q, [no, yes], shipped, compare=True)) and r.favourite == 1
    ]
    assert len(better) >= len(CASES) - 1, sorted(set(c[0] for c in CASES) - set(better))


def test_a_reading_refuses_only_when_nothing_read_may_answer():
    bar = DOES_NOT_ANSWER_BELOW
    assert judge.Reading((bar - 1, bar - 2, bar - 0.5)).none_answers
    assert not judge.Reading((bar - 1, bar)).none_answers
    assert not judge.Reading(()).none_answers
    step = judge.READER_ORDER_WEIGHT
    assert step > 0
    assert judge.Reading((1.0, 1.0 + step + 0.5, 2.0)).best == 1
    assert judge.Reading((2.0, 2.0)).best == 0  # a tie keeps the reader's own first
    assert judge.Reading((bar - 1, bar - 2, 1.0)).best == 2


def test_a_sentence_placed_lower_by_the_reader_must_read_better_by_a_step_a_place():
    """The reader's order carries what the judge does not see: the second must beat the first
    by READER_ORDER_WEIGHT, the third by twice that; the judge's favourite is still known."""
    step = judge.READER_ORDER_WEIGHT
    near = judge.Reading((1.0, 1.0 + step - 0.1, 1.0 + 2 * step - 0.1))
    assert near.best == 0 and near.favourite == 2
    assert judge.Reading((1.0, 1.0 + step + 0.1)).best == 1
    assert judge.Reading((1.0, 1.0 + step - 0.1, 1.0 + 2 * step + 0.1)).best == 2
    assert judge.Reading((1.0, 0.5)).favourite == 0


def _evidence(quote: str, score: float, vector=(1.0, 0.0)) -> Evidence:
    return Evidence(0, "d", 0, len(quote), quote, 0.5, 0.5, score, np.array(vector, dtype=np.float32))


def test_the_judged_better_of_the_first_two_leads_and_its_repeat_is_dropped():
    first = _evidence("The kiln is fired with gas.", 1.0, (1.0, 0.0))
    second = _evidence("Gas heats the kiln because it is cheap.", 0.98, (0.0, 1.0))
    echo = replace(
        second, start=100, end=100 + len(second.quote), quote="Gas heats the kiln  because it is cheap."
    )
    other = _evidence("The kiln was built in 1920.", 0.96, (0.6, 0.8))
    other = replace(other, start=200, end=200 + len(other.quote))  # another place than the first
    found = [first, second, echo, other]
    chosen = [first, echo, other]  # the same words at another place, kept by the reader
    clearly = judge.READER_ORDER_WEIGHT + 1.0
    assert judged_first(chosen, found, judge.Reading((0.0, 0.0)), 3) == chosen
    led = judged_first(chosen, found, judge.Reading((0.0, clearly)), 3)
    assert [e.quote for e in led] == [second.quote, first.quote, other.quote]
    assert [e.quote for e in judged_first(chosen, found, judge.Reading((0.0, clearly)), 2)] == [
        second.quote,
        first.quote,
    ]


def test_the_judges_favourite_kept_from_the_lead_by_the_readers_order_is_quoted_second():
    """When the reader's order keeps its first in the lead, a sentence the judge scored higher
    that the reader had not chosen is quoted second, not lost; one already chosen stays put."""
    first = _evidence("The kiln is fired with gas.", 1.0, (1.0, 0.0))
    second = _evidence("The kiln was restored in 1990.", 0.98, (0.6, 0.8))
    third = _evidence("Gas heats the kiln because it is cheap.", 0.96, (0.0, 1.0))
    found = [first, second, third]
    chosen = [first, second]
    step = judge.READER_ORDER_WEIGHT

    def quoted(reading: judge.Reading, limit: int) -> list[str]:
        return [e.quote for e in judged_first(chosen, found, reading, limit)]

    favoured = judge.Reading((0.0, 0.0, 2 * step - 0.5))
    assert favoured.best == 0 and favoured.favourite == 2
    assert quoted(favoured, 3) == [first.quote, third.quote, second.quote]
    assert quoted(favoured, 2) == [first.quote, third.quote]
    assert judged_first(chosen, found, judge.Reading((0.0, step - 0.5)), 3) == chosen
    # when the judge's pick leads instead, the reader's first follows it, then the favourite
    moved = judge.Reading((0.0, step + 0.5, 2 * step + 0.4))
    assert moved.best == 1 and moved.favourite == 2
    assert quoted(moved, 3) == [second.quote, first.quote, third.quote]
    assert quoted(moved, 2) == [second.quote, first.quote]


def test_a_lead_the_reader_moved_up_is_not_reread():
    """A who/when/where answer the reader moved up for naming the entity asked for stays."""
    from silkqa.answering import _open_to_the_judge
    from silkqa.questions import analyse

    first = _evidence("The kiln is fired with gas.", 1.0)
    named = _evidence("The kiln was built by Ada Reed in 1920.", 0.9)
    q = analyse("who built the kiln?")
    assert not _open_to_the_judge(None, q, [named, first], [first, named])
    assert _open_to_the_judge(None, q, [first, named], [first, named])


def test_a_sentence_the_reader_scored_far_below_its_first_must_read_better_by_more():
    """The reader's own scores weigh in: a second sentence the reader scored close to its first
    takes the lead on a judge's margin that one scored far below does not."""
    step, weight = judge.READER_ORDER_WEIGHT, judge.READER_MARGIN_WEIGHT
    assert weight > 0
    reading = judge.Reading((1.0, 1.0 + step + 0.5))
    assert reading.best == 1
    assert reading.best_given((0.95, 0.94)) == 1  # close in the reader's eyes: the judge's pick leads
    assert reading.best_given((0.95, 0.95 - 1.0 / weight)) == 0  # far below: the reader's first stays
    assert judge.Reading(()).best_given(()) == 0
