"""Claims that survive paraphrase: abbreviations, evaluative words, negation scope, comparisons
and main-item slots, one rule at a time on sentences written for these tests."""

from __future__ import annotations

import numpy as np
import pytest

from silkqa.claims import Unit, align, analyse, learn_vocabulary
from silkqa.claims.paraphrase import defined_abbreviations, evaluation
from silkqa.claims.reading import _CLAUSE_BREAK, _cut
from silkqa.claims.slots import main_items, slot_mismatches
from silkqa.evidence import Evidence

VOCABULARY = learn_vocabulary(
    ["Trade between Arland and Belmark grew. The Regional Transit Authority (RTA) runs the buses."]
)


def _analyse(text: str, start: int = 0):
    return analyse(text, start, VOCABULARY)


def _unit(text: str) -> Unit:
    ev = Evidence(0, "doc", 0, len(text), text, 0.8, 0.0, 0.0, np.zeros(3, dtype=np.float32))
    sentence = _analyse(text)
    clauses = tuple(_analyse(text[a:b], a) for a, b in _cut(text, _CLAUSE_BREAK))
    return Unit(ev, sentence, sentence, sentence, _analyse(""), (), clauses)


def _kinds(claim: str, source: str) -> list[str]:
    return [d[2] for d in align(_analyse(claim), (), _unit(source), 0.8).differences]


# --------------------------------------------------------------------------- abbreviations


def test_an_abbreviation_is_found_where_a_source_spells_it_out_and_back():
    assert defined_abbreviations("The Regional Transit Authority (RTA) runs the buses.") == {
        "rta": (("regional", "transit", "authority"),)
    }
    assert defined_abbreviations("They met (in March) at the hall (HALL).") == {}
    spelled = _analyse("The total domestic production of Arland is only 2% of Belmark's.")
    claim = _analyse("Arland's GDP is only 2% of Belmark's.")
    gdp = next(n for n in claim.names if n.text == "GDP")
    assert spelled.has_name(gdp)
    rta = next(n for n in _analyse("The RTA runs the buses.").names if n.text == "RTA")
    assert _analyse("The regional transit authority runs the buses.").has_name(rta)
    abbreviated = _analyse("Arland's GDP grew.")
    assert abbreviated.find(_analyse("gross").tokens[0]).text == "GDP"
    assert _kinds("Arland's GDP is only 2% of Belmark's.", spelled.text) == []


# --------------------------------------------------------------------------- evaluation


def test_evaluative_words_take_a_side_from_a_general_lexicon():
    assert evaluation("successful") == 0 and evaluation("satisfactory") == 0
    assert evaluation("unsatisfactory") == 1 and evaluation("unstable") == 1
    assert evaluation("harmless") == 0 and evaluation("dangerous") == 1
    assert evaluation("growth") is None and evaluation("support") is None  # nouns do not judge


def test_a_denied_evaluation_contradicts_and_a_doubly_denied_one_agrees():
    source = "The results of the reforms in Belmark are not satisfactory."
    assert _kinds("The reforms in Belmark were successful.", source) == ["negation"]
    assert _kinds("The reforms in Belmark were unsuccessful.", source) == []
    assert _kinds("The reforms in Belmark were dangerous.", "The reforms in Belmark were harmless.") == [
        "antonym"
    ]


# --------------------------------------------------------------------------- negation scope


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("Members may run any command, whether or not the package is installed.", set()),
        ("Some daemons run as nobody instead.", set()),
        ("If the run fails, the package goes to config-failed.", set()),
        ("Trigger names contain only printing characters (no whitespace).", {"whitespace"}),
        (
            "It is not possible to declare a trigger whose name contains whitespace.",
            {"whitespace", "declare"},
        ),
        ("Most donors will not fund road building, and they focus on security.", {"fund", "road"}),
        ("Helicopters are not used for maintenance.", {"helicopters", "used"}),
    ],
)
def test_a_denial_reaches_only_the_words_it_governs(text, denied):
    span = _analyse(text)
    said = {t.lower for t in span.content if span.is_denied(t)}
    assert denied <= said
    assert not said & {"security", "package", "members", "daemons", "donors", "config-failed"}


def test_a_negation_in_one_clause_does_not_flip_a_claim_about_another():
    source = "Most donors will not fund road building in Arland, and they focus more on security."
    assert _kinds("Most donors focus more on security than on building roads in Arland.", source) == []
    assert _kinds("Most donors fund road building in Arland.", source) == ["negation"]
    source = "Level 0 does no compression at all (it is not a byte-for-byte copy of the input)."
    assert _kinds("Level 0 produces a byte-for-byte copy of the input.", source) == ["negation"]
    assert _kinds("Level 0 does not compress at all.", source) == []


def test_the_words_after_than_are_ranked_lower_not_claimed():
    span = _analyse("Donors focus more on security than on building roads.")
    lower = {t.lower for t in span.content if t.start in span.lesser_at}
    assert lower == {"building", "roads"}
    assert not _analyse("Donors prefer security rather than roads.").lesser_at  # "rather than" denies


# --------------------------------------------------------------------------- main-item slots


def test_main_items_are_read_from_general_phrasings():
    assert [
        t.lower for t in main_items(_analyse("Arland's service exports are concentrated in tourism."))
    ] == ["tourism"]
    assert "machinery" in [t.lower for t in main_items(_analyse("Machinery is its main focus area."))]
    assert "grain" in [t.lower for t in main_items(_analyse("Belmark mainly exports grain."))]
    assert main_items(_analyse("Belmark exports grain.")) == []


def test_a_claims_main_item_listed_among_minor_ones_or_replaced_is_contradicted():
    claim = _analyse("Arland's service exports are concentrated in tourism.")
    minor = _analyse(
        "Transport is its main focus area, and trade in finance, tourism and other areas is small."
    )
    assert [(d[0], d[1]) for d in slot_mismatches(claim, minor)] == [
        ("tourism", "tourism and other areas is small")
    ]
    other = _analyse("Arland's service exports are concentrated in transport.")
    assert [(d[0], d[1]) for d in slot_mismatches(claim, other)] == [("tourism", "transport")]
    same = _analyse("Tourism is the main focus of Arland's service exports.")
    assert slot_mismatches(claim, same) == []


def test_a_quoted_or_listed_negator_is_a_value_and_a_single_letter_no_name():
    assert not _analyse("Rules-Requires-Root: no | binary-targets").negated
    assert not _analyse('If the "no" keyword is used, it must be the only one.').negated
    assert _analyse("It isn't 'quoted'.").negated and _analyse('There is no "magic" here.').negated
    assert [n.text for n in _analyse("The constant Z is returned by Arland.").names] == ["Arland"]
