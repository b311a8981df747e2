"""The answer judge: does this sentence answer this question?

The reader picks sentences by what kind of answer a question wants and by closeness in
meaning; neither tells a sentence that answers from one that only speaks of the same things,
which is why on documents nobody tuned for silkqa answered two thirds of the questions their
sources do not answer. The judge is all-MiniLM-L6-v2 fine-tuned as a cross-encoder: it reads
the question and the sentence together (training/answer_judge.py; trained on the reader's
candidates for the development set and blind 1-9, never on blind 10 or later, to pick the
answering sentence among them or "none of these"). Run by
onnxruntime with int8 weights, one sentence costs about one query encoding.

Its two uses: when none of the reader's best sentences reads as an answer, silkqa says the
library does not answer, and lists them as the closest passages; and when the reader can hardly
tell its two best sentences apart, the one the judge reads as the better answer leads.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

FOLDER = Path(__file__).resolve().parent / "models" / "answer-judge"
SETTING = "SILKQA_JUDGE"  # "0" turns the judge off (the reader's own checks remain)
JUDGED = 3  # the reader's best candidate sentences that the judge reads
COMPARED = 2  # on a close call, the reader's best two are read and the better leads
# Below this score (a logit) for all of them, no sentence answers. The judge learns it against
# a "none answers" logit of 0 (a listwise loss), and sentences that answer nothing gather at a
# floor near -5.2, so this is a narrow band above that floor, not a wide margin. First chosen
# (-4.98) on the sets the judge was trained or validated on (development, blind 1-10, 12), as
# the loosest bar where refusing more stopped paying. Re-read on every studied set (development
# and blind 1-35, 2875 questions, each of the three sentences scored): -4.90 refuses 22 more of
# 571 unanswerable questions and 15 more of 2304 answerable ones, of which 9 were answered
# wrongly anyway (6 cited answers lost); each further step of 0.1 refuses about two answerable
# questions per unanswerable one, half of them answered rightly (docs/reader.md has the curve).
DOES_NOT_ANSWER_BELOW = -4.90


class AnswerJudge:
    """A question-sentence cross-encoder run by onnxruntime (no torch)."""

    def __init__(self, folder: Path = FOLDER) -> None:
        from tokenizers import Tokenizer

        from .encoders.onnx import cpu_session

        meta = json.loads((folder / "meta.json").read_text())
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=int(meta["max_tokens"]))
        self.tokenizer.enable_padding()
        # both cores on one pair, spinning only while it runs: on an AMD EPYC without AVX-512 a
        # pair took 14.4 ms on one thread, 12.0 ms on two, 9.1 ms on two that spin; two pairs
        # read one after the other cost about what two read at once on one core each did
        self.session = cpu_session(
            folder / "model.onnx", threads=min(2, os.cpu_count() or 1), spin_while_running=True
        )

    def scores(self, question: str, sentences: Sequence[str]) -> np.ndarray:
        """One score per sentence: above DOES_NOT_ANSWER_BELOW, it may answer the question."""
        if not sentences:
            return np.zeros(0, dtype=np.float32)
        encodings = self.tokenizer.encode_batch([(question, s) for s in sentences])
        feed = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }
        (scores,) = self.session.run(None, feed)
        return np.asarray(scores, dtype=np.float32)


@cache
def default_judge() -> AnswerJudge | None:
    """The shipped judge, loaded once; None when turned off or not installed."""
    if os.environ.get(SETTING, "1").strip() == "0" or not (FOLDER / "model.onnx").is_file():
        return None
    try:
        return AnswerJudge(FOLDER)
    except Exception as exc:  # noqa: BLE001 - a damaged install costs the judge, not every answer
        print(
            f"silkqa: answer judge not loaded ({type(exc).__name__}: {exc}); answering without it",
            file=sys.stderr,
        )
        return None


@dataclass(frozen=True)
class Reading:
    """The judge's scores for the reader's best sentences, closest first, as far as it read."""

    scores: tuple[float, ...]

    @property
    def none_answers(self) -> bool:
        """No sentence read may answer: the library does not answer the question."""
        return bool(self.scores) and all(s < DOES_NOT_ANSWER_BELOW for s in self.scores)

    @property
    def best(self) -> int:
        """Of the closest two read, the one read as the better answer (0, the reader's own
        first, on a tie). A third is read only to decide a refusal."""
        two = self.scores[:COMPARED]
        return max(range(len(two)), key=lambda i: (two[i], -i)) if two else 0


def read_sentences(
    question: str, sentences: Sequence[str], judge: AnswerJudge | None = None, first: int = 1
) -> Reading | None:
    """The judge's reading of the reader's best sentences, closest first; None without a judge.

    It reads the `first` closest (two when the reader cannot tell its best two apart), then
    one more at a time while none may answer, up to JUDGED: a refusal has read them all. Each
    pair is scored alone, so that its score does not depend on what it is read with (int8
    activations are scaled per batch, padding included)."""
    judge = judge if judge is not None else default_judge()
    if judge is None:
        return None
    read = list(sentences)[:JUDGED]
    first = max(1, min(first, COMPARED))

    def score(sentence: str) -> float:
        return float(judge.scores(question, [sentence])[0])

    scores = [score(s) for s in read[:first]]
    for sentence in read[first:]:
        if max(scores) >= DOES_NOT_ANSWER_BELOW:
            break
        scores.append(score(sentence))
    return Reading(tuple(scores))


def none_answers(question: str, sentences: Sequence[str], judge: AnswerJudge | None = None) -> bool:
    """True when the judge reads none of these sentences as an answer to the question."""
    reading = read_sentences(question, sentences, judge)
    return reading is not None and reading.none_answers
