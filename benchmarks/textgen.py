"""Realistic English text for the benchmarks: the paper's own sentences, recombined and varied.

Sentences come from corpus/huo-silk-road-central-asia.md. Each generated sentence swaps names,
sectors, figures and some common words for others from fixed pools, and sometimes joins the
first clause of one sentence to the rest of another, so that a large generated library has a
growing vocabulary (as real libraries do) instead of 60 copies of one paper. Deterministic for
a given seed.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

PAPER = Path(__file__).resolve().parents[1] / "corpus" / "huo-silk-road-central-asia.md"

COUNTRIES = [
    "Kazakhstan", "Uzbekistan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Mongolia", "Pakistan",
    "Azerbaijan", "Georgia", "Armenia", "Iran", "Turkey", "Russia", "Belarus", "Ukraine", "Moldova",
    "Afghanistan", "India", "Nepal", "Bangladesh", "Vietnam", "Laos", "Cambodia", "Thailand",
    "Malaysia", "Indonesia", "Egypt", "Ethiopia", "Kenya", "Serbia", "Hungary", "Poland",
]  # fmt: skip
SECTORS = [
    "energy", "agriculture", "textiles", "logistics", "mining", "telecommunications", "finance",
    "tourism", "education", "water management", "railways", "aviation", "pharmaceuticals",
    "construction", "steel", "cotton", "grain", "fisheries", "forestry", "software", "banking",
    "insurance", "electricity", "natural gas", "petroleum", "chemicals", "machinery", "retail",
]  # fmt: skip
NOUNS = [
    "cooperation", "investment", "trade", "infrastructure", "policy", "reform", "market", "industry",
    "enterprise", "capital", "technology", "agreement", "corridor", "border", "port", "pipeline",
    "customs", "tariff", "subsidy", "loan", "bond", "currency", "exchange", "partnership", "strategy",
    "framework", "platform", "consortium", "ministry", "province", "region", "city", "zone", "park",
    "cluster", "supply chain", "workforce", "productivity", "innovation", "standard", "regulation",
    "dispute", "arbitration", "treaty", "forum", "summit", "delegation", "survey", "census", "index",
]  # fmt: skip
ADJECTIVES = [
    "strategic", "regional", "bilateral", "multilateral", "economic", "industrial", "financial",
    "agricultural", "technical", "sustainable", "rapid", "gradual", "significant", "modest", "weak",
    "strong", "stable", "volatile", "traditional", "modern", "domestic", "foreign", "private",
    "public", "cross-border", "long-term", "short-term", "joint", "local", "national", "global",
]  # fmt: skip
VERBS = [
    "promote", "expand", "strengthen", "develop", "support", "encourage", "improve", "deepen",
    "accelerate", "coordinate", "finance", "regulate", "restrict", "attract", "diversify", "integrate",
]  # fmt: skip
_POOLS = {w.lower(): pool for pool in (SECTORS, NOUNS, ADJECTIVES, VERBS) for w in pool}
_COUNTRY = re.compile(r"\b(" + "|".join(COUNTRIES[:6] + ["China", "Russia", "the United States"]) + r")\b")
_NUMBER = re.compile(r"\b\d+(?:\.\d+)?\b")
_WORD = re.compile(r"\b[a-z][a-z-]+\b")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")
HEADINGS = [
    "Economic development", "Strategic energy", "Trade and investment", "Traditional trade",
    "Service trade", "Technology trade", "Transport corridors", "Financial cooperation",
    "Agricultural cooperation", "Labour and migration", "Customs and standards", "Risks",
    "Policy recommendations", "Outlook", "Methods and data", "Background",
]  # fmt: skip


def paper_sentences(path: Path = PAPER) -> list[str]:
    """Body sentences of the paper: no front matter, headings, lists or tables."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        text = text.split("---", 2)[2]
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        para = " ".join(para.split())
        if not para or para[0] in "#-|*[" or len(para) < 80:
            continue
        out.extend(s for s in _SENTENCE.split(para) if 40 <= len(s) <= 600)
    return out


class TextGenerator:
    def __init__(self, seed: int = 0, sentences: list[str] | None = None) -> None:
        self.rng = random.Random(seed)
        self.sentences = sentences or paper_sentences()

    def _vary_word(self, match: re.Match) -> str:
        word = match.group(0)
        pool = _POOLS.get(word)
        if pool is None or self.rng.random() > 0.5:
            return word
        return self.rng.choice(pool)

    def sentence(self) -> str:
        rng = self.rng
        s = rng.choice(self.sentences)
        if rng.random() < 0.3:  # splice: first clause of one, the rest of another
            other = rng.choice(self.sentences)
            a, b = s.split(", ", 1)[0], other.split(", ", 1)
            if len(b) == 2:
                s = f"{a}, {b[1]}"
        s = _COUNTRY.sub(lambda m: rng.choice(COUNTRIES) if rng.random() < 0.6 else m.group(0), s)
        s = _NUMBER.sub(lambda m: str(rng.randint(1, 2030)) if rng.random() < 0.7 else m.group(0), s)
        s = _WORD.sub(self._vary_word, s)
        if rng.random() < 0.25:
            s = s.rstrip(".") + f", especially in {rng.choice(SECTORS)} and {rng.choice(SECTORS)}."
        return s

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def chunk_text(self, words: int = 100) -> str:
        """About `words` words of running text: the size of one index chunk."""
        out: list[str] = []
        n = 0
        while n < words:
            s = self.sentence()
            out.append(s)
            n += len(s.split())
        return " ".join(out)

    def document(self, number: int, sections: int = 6, paragraphs: int = 4) -> str:
        """A Markdown paper: title, abstract, numbered sections with headings, paragraphs."""
        rng = self.rng
        title = (
            f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS)} between China and "
            f"{rng.choice(COUNTRIES)}: {rng.choice(SECTORS)} and {rng.choice(SECTORS)} (report {number})"
        )
        parts = [f"# {title}", "", f"**Abstract:** {self.paragraph(3)}", ""]
        for i, heading in enumerate(rng.sample(HEADINGS, sections), start=1):
            parts += [f"## {i}. {heading}", ""]
            for j in range(1, 3):
                parts += [f"### {i}.{j} {rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS)}", ""]
                for _ in range(paragraphs // 2):
                    parts += [self.paragraph(rng.randint(3, 6)), ""]
        return "\n".join(parts)


def write_corpus(folder: Path, documents: int, seed: int = 0, **kwargs) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    gen = TextGenerator(seed)
    paths = []
    for n in range(documents):
        path = folder / f"report-{seed:02d}-{n:03d}.md"
        path.write_text(gen.document(n, **kwargs), encoding="utf-8")
        paths.append(path)
    return paths
