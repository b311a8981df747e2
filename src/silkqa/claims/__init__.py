"""Claim checking: supported, contradicted or not found, with the evidence and what differs.

No language model judges here. A claim is cut into parts (independent clauses), and each part
is aligned with the clause-sized stretch of a source sentence that best matches it: its
content words, names, numbers and dates. Alignment is what gives a difference its meaning:
"20%" against "2%" contradicts only when the rest of the two clauses say the same thing;
otherwise the source is simply talking about something else.

A part is

* contradicted when the aligned clause differs from it in a number, a date, a name in the
  same slot, a polar word (a general English lexicon of opposites: large/small,
  radical/gradual, import/export, ...), negation, the noun before a shared head ("copper
  ore" against "uranium ores"), or when a parallel list in the source binds the claim's term
  to another name ("A mainly exports oil, B mainly exports gas");
* not found when its names, numbers or dates have no counterpart in the library, or when no
  clause covers enough of its content words;
* supported when a clause covers its content, differs in nothing, and the encoder agrees the
  sentence says much the same.

A clause that only recommends or plans something ("it recommends that ...") neither supports
nor contradicts a claim of fact (a claim that itself says "should" is checked on such clauses).
A claim is contradicted if any part is, supported if every
part is (or if the whole claim is, when a paraphrase does not split along the same lines), and
not found otherwise. Everything here is general English, nothing is keyed to one document's
words: the only things learnt from the library are which words it writes in lower case, which
as names, and which abbreviations it defines. The thresholds were set on gold/claims.jsonl and checked on documents the
checker had not seen (tests/data, gold/blind-claims).

The package, by job:

* reading a text: `lexicon` (function words, negators, polar scales), `paraphrase`
  (abbreviations, evaluative polarity), `words` (tokens, names), `quantities` (figures and
  dates), `negation` (what a denial reaches, what a comparison ranks lower), `reading` (a
  `Span`: a stretch of text analysed once; claim parts and source clauses);
* aligning a claim with a source clause: `alignment` (the library's units and `align`),
  `structure` (modifier swaps, parallel lists), `slots` (main items);
* deciding the verdict: `verdict` (`check_claim`) and `results` (what it returns).
"""

from __future__ import annotations

from .alignment import Alignment, Unit, align
from .lexicon import opposed, polar, stem
from .quantities import Quantity, quantities
from .reading import _CLAUSE_BREAK, Span, _cut, analyse, clause_windows, split_parts
from .results import DIFFERENCE_KINDS, VERDICTS, ClaimCheck, Coverage, Difference, format_check
from .structure import binding_mismatches, modifier_swaps
from .verdict import check_claim
from .words import Name, Token, Vocabulary, learn_vocabulary, names, tokenize

__all__ = [
    "DIFFERENCE_KINDS",
    "VERDICTS",
    "Alignment",
    "ClaimCheck",
    "Coverage",
    "Difference",
    "Name",
    "Quantity",
    "Span",
    "Token",
    "Unit",
    "Vocabulary",
    "_CLAUSE_BREAK",
    "_cut",
    "align",
    "analyse",
    "binding_mismatches",
    "check_claim",
    "clause_windows",
    "format_check",
    "learn_vocabulary",
    "modifier_swaps",
    "names",
    "opposed",
    "polar",
    "quantities",
    "split_parts",
    "stem",
    "tokenize",
]
