"""Questions not in English, answered from the English sources with the same exact quotes.

The question is encoded by the multilingual encoder and matched against the index's
multilingual vectors; from there the English path's own parts take over: the same candidate
sentences, selection, quote verification, citations and reference trail (`evidence`,
`answering.cite`), run on a view of the index whose vectors are the multilingual ones.

How the hybrid changes: BM25 matches words, and a Chinese or Russian question shares no words
with an English passage, so fusing its (empty or accidental) ranking would only add noise.
The ranking is dense alone: each chunk by the better of its own cosine and its best
sentence's, as in the English dense half. Lexical overlap in sentence scoring is zero for the
same reason; the chunk's standing and the sentence's cosine decide.

Abstention: e5 cosines sit in a narrow high band (~0.78-0.90), so the English threshold means
nothing here; ABSTAIN_BELOW is calibrated on gold/questions.zh.jsonl and .ru.jsonl
(`silkqa eval --calibrate`). The English checks that look for the question's own names and
numbers in the quotes cannot read across languages; only digits can, and are checked.
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import multilingual
from .answering import Answer, Citation, cite, compose
from .evidence import Evidence, candidates, select
from .retrieval import Hit, search
from .store import Index
from .vectors import build_vector_index

EVIDENCE_POOL = 6
# e5's cosines spread less than MiniLM's, so a sentence's own cosine needs more weight against
# its chunk's rank, and sentences on one topic look alike: MMR passes over a candidate only
# as a near-copy at a higher similarity. Grid-searched on the zh/ru sets (docs/multilingual.md).
EXTRA_SENTENCE_WEIGHT = 0.6
DUPLICATE = 0.9
# Calibrated on the Chinese and Russian question sets (docs/multilingual.md): mean of the best
# evidence sentence's and its chunk's e5 cosine with the question.
ABSTAIN_BELOW = 0.82
_DIGITS = re.compile(r"\d+(?:[.,]\d+)?")
# Questions about the literature (who wrote, which journal): bibliographic text may compete.
_LITERATURE = re.compile(
    r"作者|期刊|杂志|论文|文章|发表|出版|引用|文献|автор|журнал|стать|публик|опубликова|издан|цитир|литератур",
    re.I,
)
_views: dict[str, Index] = {}


def available(index: Index) -> bool:
    """Whether this index can answer across languages: the path is on and the vectors exist."""
    return multilingual.enabled() and multilingual.complete(index.manifest)


def preparing(index: Index) -> str | None:
    """The one line for a question in another language while the multilingual vectors are
    still being built (they follow the English generation), else None."""
    progress = multilingual.progress_of(index.manifest) if multilingual.enabled() else None
    if progress is None:
        return None
    done, total = progress
    percent = 100 * done // total if total else 0
    return (
        f"Questions in other languages are still being prepared ({percent}% of the library done); "
        "English questions work now: ask again in a moment, or run `silkqa index` if no index build is running."
    )


def unavailable(answer: Answer, language: str) -> Answer:
    """An English reader's refusal of a question in another language, when the index has no
    multilingual vectors: what is missing, not "the library never mentions" the question's
    own words."""
    line = (
        f"This question reads as '{language}' (not English), and questions in other languages need the "
        "library's multilingual vectors, which this index has not built or SILKQA_MULTILINGUAL=0 turns "
        "off: run `silkqa index` with them on, or ask in English."
    )
    return replace(
        answer,
        answer=line,
        reason="the question is not in English, and this index has no multilingual vectors",
        language=language,
    )


def waiting(question: str, language: str, line: str) -> Answer:
    """An abstention carrying `preparing`'s line, in the question's language field."""
    return Answer(question, line, True, (), (), 0.0, "still preparing", language=language)


def view(index: Index) -> Index:
    """The index with its multilingual vectors in place of the MiniLM ones (built once per
    generation): search and evidence selection then work unchanged."""
    key = str(index.folder)
    if key not in _views:
        cross = index.cross if index.cross is not None else multilingual.load(index.folder, index.manifest)
        if cross is None or len(cross.chunk_vectors) != len(index.chunks):
            from .errors import IndexMismatch
            from .store import REBUILD_HINT

            raise IndexMismatch(
                f"the multilingual vectors of {index.folder.parent} are damaged; {REBUILD_HINT}"
            )
        _views.clear()
        _views[key] = replace(
            index,
            chunk_vectors=cross.chunk_vectors,
            sentence_vectors=cross.sentence_vectors,
            vector_index=build_vector_index(cross.chunk_vectors),
        )
    return _views[key]


def search_across(
    index: Index, encoder: multilingual.CrossLingualEncoder, query: str, k: int = 5
) -> list[Hit]:
    """Dense-only search of the multilingual vectors (BM25 cannot match across languages)."""
    return search(view(index), encoder.query(query), query, k=k, mode="dense")


def abstention_reason(
    question: str, evidence: list[Evidence], threshold: float = ABSTAIN_BELOW
) -> str | None:
    if not evidence:
        return "nothing in the library matches the question"
    if evidence[0].relevance < threshold:
        return "the closest passages are only loosely related to the question"
    quotes = " ".join(e.quote for e in evidence)
    missing = [n for n in _DIGITS.findall(question) if n not in quotes]
    if missing:
        return f"the sources do not mention {', '.join(sorted(set(missing)))} in this context"
    return None


def _rescored(found: list[Evidence]) -> list[Evidence]:
    rescored = [replace(e, score=e.score + EXTRA_SENTENCE_WEIGHT * e.dense) for e in found]
    return sorted(rescored, key=lambda e: -e.score)


def answer(
    index: Index,
    encoder: multilingual.CrossLingualEncoder,
    question: str,
    language: str,
    k: int = 5,
    threshold: float = ABSTAIN_BELOW,
) -> Answer:
    """An answer quoting the English sources, numbered citations and all, or an abstention."""
    cross = view(index)
    query_vector = encoder.query(question)
    pool = search(cross, query_vector, question, k=max(k, EVIDENCE_POOL), mode="dense")
    hits = tuple(pool[:k])
    # `candidates` lets bibliographic text compete when given no question text
    literature_hint = None if _LITERATURE.search(question) else question
    found = _rescored(candidates(cross, pool, query_vector, set(), literature_hint))
    chosen = select(found, duplicate=DUPLICATE, same=DUPLICATE)
    confidence = found[0].relevance if found else 0.0
    reason = abstention_reason(question, found[:3], threshold)
    if reason is not None:
        closest = tuple(c for i, ev in enumerate(found[:3], start=1) if (c := cite(cross, ev, i)) is not None)
        text = "The library does not answer this question: " + reason + "."
        if closest:
            markers = " ".join(f"[{c.n}]" for c in closest)
            text += f" The closest passages {markers} (in English) are listed below; they may help, but they do not answer it."
        return Answer(question, text, True, closest, hits, confidence, reason, closest, language=language)
    citations = [c for i, ev in enumerate(chosen, start=1) if (c := cite(cross, ev, i)) is not None]
    citations = [Citation(**{**c.__dict__, "n": i}) for i, c in enumerate(citations, start=1)]
    return Answer(question, compose(citations), False, tuple(citations), hits, confidence, language=language)
