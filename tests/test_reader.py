"""The reader: question analysis, answer-type-aware evidence, answer spans, overview and long
questions, and the two marker systems kept apart.

The pure rules are tested on general English sentences written here; the end-to-end checks run
over every gold set (the paper's questions, the overview/long questions and the blind set on
four outside documents), so nothing is tied to particular questions.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import CORPUS, GOLD

from silkqa.answering import display_quote, mentions, specific_terms
from silkqa.evidence import is_furniture
from silkqa.markup import parse_markdown, table_lines
from silkqa.questions import analyse, split_long
from silkqa.reader import acronym_expansion, answer_span, definition_phrase, fit, novel_phrase, restates


def _rows(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# --------------------------------------------------------------------------- question analysis


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What does NASA stand for?", "acronym"),
        ("SNI stands for?", "acronym"),
        ("FTP - what is it short for (ferry licence header)", "acronym"),  # named first, asked after
        ("SNI: what does it stand for?", "acronym"),
        ("WARNING: what does this mean for my disk?", "other"),  # a message named, not an acronym
        ("whats ALPN", "acronym"),
        ("what does she stand for?", "definition"),  # a pronoun is no acronym
        ("who is the author of sorted containers", "person"),
        ("which tram release merged the night lines into the day timetable", "date"),
        ("size and alignment of the ferry record", "quantity"),  # a measure named without a question word
        ("range of platform numbers allowed for a tram stop", "quantity"),
        ("value of TICKET_MAX in the fare table", "quantity"),
        ("who is the current chair of the harbour board", "person"),  # a role, held by someone
        ("who was the release manager for tram 2.0", "person"),
        ("who is kiln's main author", "person"),
        ("who are the members of the ferry team", "person"),
        ("who is on the @city/tram team", "person"),
        ("what does ftfy stand for", "acronym"),
        ("What is GDPR?", "acronym"),
        ("What is a lighthouse?", "definition"),
        ("Why do bridges expand in summer?", "reason"),
        ("What is the main reason for the delay?", "reason"),
        ("How do I reset the device?", "method"),
        ("How many bridges cross the river?", "quantity"),
        ("What was the mayor's salary?", "quantity"),
        ("When did the museum open?", "date"),
        ("In which city was the treaty signed?", "place"),
        ("Who designed the tower?", "person"),
        ("Which university does the author work for?", "organisation"),
        ("Is the bridge open at night?", "yesno"),
        ("Who is taller, Anna or Ben?", "comparison"),
        ("Summarise the report", "overview"),
        ("What does the paper say about water quality?", "overview"),
        ("How do the two cities cooperate on transport?", "overview"),
        ("What is the tram guide about?", "overview"),
        ("What is the ticket guide meant to show?", "overview"),
        ("What is the new timetable meant to achieve, according to the abstract?", "overview"),
        ("what's a ferry pass", "definition"),
        ("What are night buses in the city?", "definition"),
        ("What does the verbose option on the ticket machine do?", "definition"),
        ("What does %D mean in a date format?", "definition"),
        ("Where does the app keep its cache?", "place"),
        # a situation stated first, then the question; a problem, then "workaround?"
        ("kiln output not showing, how do i see it", "method"),
        ("my tram pass stopped working after the update, why", "reason"),
        ("lamp flickers with the old dimmer, workaround?", "method"),
        ("lamp vs lantern, which one lasts longer", "comparison"),
        ("in a nutshell, what does the kiln do", "overview"),
        # names of code and settings asked about alone or with "meaning"
        ("max_buffer_size meaning", "definition"),
        ("unused_braces", "definition"),
        ("what does unused_braces catch", "definition"),
        ("biggest allowed number in a ticket code", "quantity"),
        ("since which version is kiln::warn respected", "date"),
        ("In which Node.js version was path.delimiter added?", "date"),
        ("which release added the bake_all option", "date"),
        ("which KIND values can the link option take", "list"),
        ("Which resource does the town buy from the valley?", "other"),  # "does" is no plural
        ("Which API does kiln call?", "other"),
        ("Does version 2 include the fix?", "yesno"),  # a fix asked about, not asked for
        # a when-clause sets the scene; the question after its comma asks
        (
            "When a request for /docs/foo hits a folder with MultiViews and foo itself doesn't exist, "
            "how does the server find a file to send?",
            "method",
        ),
        ("when the kiln stops, why does the glaze crack", "reason"),
        ("When was the bridge opened, and by whom?", "date"),
        # a hedge, a term typed before its question, an acronym's context before "stands for"
        ("what exactly is a ferry pass?", "definition"),
        ("ferry pass - what is it", "definition"),
        ("kilnctl what does it do", "definition"),
        ("FTK in the ferry glossary stands for?", "acronym"),
        ("what does the name kiln stand for?", "acronym"),
        ("kiln licence terms FTK - full name?", "acronym"),
        ("In which release, was the kiln timer added?", "date"),  # the question's own phrase, moved first
        ("Who is the kiln guild's chair - full name?", "person"),
        ("With the night timetable installed, are the trams slower after midnight?", "yesno"),
        ("what usually causes the kiln to crack?", "reason"),
    ],
)
def test_questions_are_classified_by_the_answer_they_want(question, kind):
    assert analyse(question).kind == kind


def test_the_focus_is_the_thing_asked_about():
    assert analyse("What was the mayor's salary in 2010?").attribute == "salary"
    assert analyse("What is the population of the valley?").attribute == "population"
    assert analyse("Which high school did she attend?").focus == "high school"
    assert analyse("What is the name of the ferry to the island?").focus == "ferry"
    # class words say what kind of answer, not a word the source must contain
    assert analyse("In which year was it built?").focus is None


def test_an_overview_topic_drops_the_words_that_only_relate_it():
    assert analyse("What does the paper say about technology cooperation between the two regions?").topic == (
        "technology"
    )
    assert analyse("Summarise the paper").topic is None
    # "how does the paper describe X" asks what it says of X, not for a method
    described = analyse("How does the report describe tram safety between the two cities?")
    assert described.kind == "overview" and described.topic == "tram safety"
    assert analyse("How does the tool describe its output format?").kind == "method"


def test_a_long_question_is_split_into_context_and_what_it_asks():
    context, asked = split_long(
        "I am writing about Lisbon and Porto. My teacher mentioned the river Douro. Which of the two is older?"
    )
    assert asked == ("Which of the two is older?",)
    assert "Lisbon" in context and "Douro" in context
    q = analyse("Our group read about Lisbon and Porto. What do they export? And who governs them?")
    assert len(q.parts) == 2 and q.leans_on_context


# --------------------------------------------------------------------------- reading one sentence


@pytest.mark.parametrize(
    ("sentence", "acronym", "expansion"),
    [
        (
            "Explainable artificial intelligence (XAI) has become a field of its own.",
            "XAI",
            "Explainable artificial intelligence",
        ),
        ("Files use the Portable Document Format (PDF) throughout.", "PDF", "Portable Document Format"),
        ("Data is stored as eXtensible Markup Language (XML) files.", "XML", "eXtensible Markup Language"),
        ("The OpenDocument Spreadsheet (ODS) format is open.", "ODS", "OpenDocument Spreadsheet"),
        ("WHO (World Health Organization) published the report.", "WHO", "World Health Organization"),
        ("Here RAM stands for random access memory, in short.", "RAM", "random access memory"),
        (
            "Each block carries a cyclic redundancy check, or CRC, over its bytes.",
            "CRC",
            "cyclic redundancy check",
        ),
        ("The CRC, short for cyclic redundancy check, covers each block.", "CRC", "cyclic redundancy check"),
        ("TLS: Transport Layer Security, the protocol under HTTPS.", "TLS", "Transport Layer Security"),
        (
            'A change is approved by saying ETA, which stands for "Edited To Approve", in a review.',
            "ETA",
            "Edited To Approve",
        ),
        (
            "Links use MTS, which means message transfer service, end to end.",
            "MTS",
            "message transfer service",
        ),
        (
            "Write it in Extensible Stylesheet Language Transformations (XSLT for short).",
            "XSLT",
            "Extensible Stylesheet Language Transformations",
        ),  # fmt: skip
        (
            "Stylesheets are written in the Extensible Stylesheet Language Transformations.",
            "XSLT",
            "Extensible Stylesheet Language Transformations",
        ),  # fmt: skip
        ("5.3.2. Branch/Call/Jump Filters for Executables", "BCJ", "Branch/Call/Jump"),
        # a name whose acronym took its letters in another order
        (
            "Times are kept in Coordinated Universal Time (UTC) on every ferry.",
            "UTC",
            "Coordinated Universal Time",
        ),
        # letters taken from inside the words (Schwartz and Hearst's rule), the span ending at a word
        ("Counter mode (CTR) turns a block cipher into a stream of keys.", "CTR", "Counter mode"),
        ('The ferries use "Counter mode" (CTR) for streams.', "CTR", "Counter mode"),
        (
            "The ferries run our FInite State machine and REgular expression library (FIRE).",
            "FIRE",
            "FInite State machine and REgular expression library",
        ),
        ("İzmir ferries use Counter mode (CTR) too.", "CTR", "Counter mode"),
        # a long form pointing at its acronym
        (
            "[1] Ferry-Tracking, Routing and Docking System -> FTRDS",
            "FTRDS",
            "Ferry-Tracking, Routing and Docking System",
        ),
        # lower-case words, each opening with a letter and giving the next from inside
        ("the bootstrap processor (BSP) cannot be deselected", "BSP", "bootstrap processor"),
        # a capitalised name just before its acronym in brackets, named in another language
        (
            "Stars were taken from the Fifth Fundamental Catalogue (FK5).",
            "FK5",
            "Fifth Fundamental Catalogue",
        ),
        # two letters joined by "&", spelled by two names joined by "&"
        ("The Kernighan & Ritchie style is enabled with the -kr option.", "K&R", "Kernighan & Ritchie"),
        # a legend's line, "ABBR - what it stands for"
        ("CP - control plane only (i.e. route server)", "CP", "control plane"),
        # a glossary's line: the term, a wide gap, what it stands for
        ("OP  Output paragraph.", "OP", "Output paragraph"),
        # a gloss after "i.e." in brackets, for a name written in lower case
        ("Install it with rpm (i.e. Red Hat Package Manager) first.", "rpm", "Red Hat Package Manager"),
        # its own language's name in brackets after the English one, the small words of that language
        (
            "It follows a standard from BSI, the German Federal Office for Information Security "
            "(Bundesamt für Sicherheit in der Informationstechnik).",
            "BSI",
            "Bundesamt für Sicherheit in der Informationstechnik",
        ),
        # "refers to", and a name of capitals with a word after them: "KVMtool" is a KVM tool
        ("KVMtool refers to Kernel Virtual Machine tool.", "KVMtool", "Kernel Virtual Machine tool"),
        # both in quotation marks
        ('"NaN" stands for "Not A Number".', "NaN", "Not A Number"),
        # "refers to" spells out only in a name's capitalised words, not what a name covers
        ("In this guide, API refers to all public interfaces.", "API", None),
    ],
)
def test_an_acronym_is_found_where_the_text_spells_it_out(sentence, acronym, expansion):
    span = acronym_expansion(sentence, acronym)
    if expansion is None:
        assert span is None
        return
    assert span is not None and span.text == expansion
    assert sentence[span.start : span.end] == span.text


def test_a_term_typed_before_its_question_is_the_term_asked_about():
    assert analyse("ferry pass - what is it").subject == "ferry pass"
    assert analyse("kilnctl: what does it do?").subject == "kilnctl"
    assert analyse("what actually is a ferry pass?").subject == "ferry pass"
    assert analyse("what is the ferry pass, exactly?").subject == "ferry pass"
    # a situation stated first is no term, and the question keeps the words it was asked in
    assert analyse("my kiln fails, what is it").subject is None
    for remark in ("so what is it", "ok what is it", "if it fails what does it do", "then what does it do"):
        assert analyse(remark).subject is None, remark
    assert analyse("ferry pass - what is it").text == "ferry pass - what is it"


def test_a_sign_or_a_letter_of_a_notation_is_a_term_asked_about():
    from silkqa.reader import _defines, mentions_subject, subject_forms

    q = analyse("what does the # sign mark in a kiln schedule line")
    assert q.kind == "definition" and "#" in subject_forms(q.subject)
    assert _defines("#: a ramp held for an hour", "#")
    q = analyse("meaning of R in the <head> part of a pattern")
    assert (q.kind, q.subject) == ("definition", "R")
    assert _defines("R: a rest of one beat.", "R") and not _defines("r: a rest of one beat.", "R")
    # a letter alone is a word of its own, as written, not any "r" inside a word
    assert mentions_subject("R stands alone here", "R") and not mentions_subject("Every rest is short", "R")
    # a code name with where it lives, then its question
    assert analyse("_fpt entry in a _menu file, what is it for").subject == "_fpt entry"
    assert "_fpt" in subject_forms("_fpt entry")
    # an English word before the sign word names another thing: a cache entry is not a cache
    assert "cache" not in subject_forms("cache entry")
    # a situation stated first is still no term, however long
    assert analyse("the screen goes black every hour, what is it").subject is None


def test_an_acronym_that_is_not_spelled_out_gives_no_expansion():
    assert acronym_expansion("The XAI community grew quickly (see below).", "XAI") is None
    assert acronym_expansion("The ferry timetable is kept in a shared folder.", "FTK") is None
    assert acronym_expansion("The Best Choice was made early.", "TBC") is None  # an article is no initial
    # the letters rearranged count only for capitalised words, one per letter, just before it
    assert acronym_expansion("Times are kept in universal coordinated time (UTC) here.", "UTC") is None
    assert acronym_expansion("The Timetable uses Coordinates (UTC) here.", "UTC") is None
    # letters from inside lower-case words name a thing, not the acronym's long form
    assert acronym_expansion("The ferry keeps a record context resource (RC) aboard.", "RC") is None
    assert acronym_expansion("The ferry uses a counter mode (CTR) aboard.", "CTR") is None
    assert acronym_expansion("We used the Ferry tool (XYZ) here.", "XYZ") is None
    # one capitalised word is a name of its own; a name opening with another letter is not its long form
    assert acronym_expansion("Stars were taken from the Catalogue (FK5).", "FK5") is None
    assert acronym_expansion("Stars were taken from the Bright Star Catalogue (FK5).", "FK5") is None
    assert acronym_expansion("Open Disk Utility -> SMART", "SMART") is None  # a menu's path, not its words
    assert acronym_expansion("Read it in IDLE by selecting Help -> IDLE Help.", "IDLE") is None
    assert acronym_expansion("Java Native Interface (JVM)", "JVM") is None  # only the first letter fits
    assert acronym_expansion("Kernel and Root are kept apart.", "K&R") is None  # two words, no "&"
    assert acronym_expansion("the system reads memory (RAM)", "RAM") is None  # an A from inside "reads"


def test_a_definition_phrase_is_the_apposition_or_the_predicate():
    sentence = (
        "In this paper, we introduce PaSa, an advanced Paper Search agent powered by large language models."
    )
    assert (
        definition_phrase(sentence, "PaSa").text
        == "an advanced Paper Search agent powered by large language models"
    )
    sentence = "A wheel is a Zip archive that holds Python code and metadata."
    assert definition_phrase(sentence, "wheel").text == "a Zip archive"


def test_the_phrase_that_answers_is_what_the_question_does_not_already_say():
    q = analyse("What does the town mainly import from the coast?")
    sentence = "The town mainly imports salted fish from the coast, and exports wool."
    span = answer_span(q, sentence)
    assert span.text == "salted fish"
    span = novel_phrase(sentence, q)
    assert sentence[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        # what the sentence names as instances of the thing asked for, and a constant's name
        (
            "What clean energy has been brought to the river towns?",
            "Clean energy, such as wind energy and solar energy, has been brought to the towns.",
            "wind energy and solar energy",
        ),
        (
            "What environment variable sets the default tram line?",
            'Set a default tram line via environment variable: export TRAM_LINE="7"',
            "TRAM_LINE",
        ),
        (
            "What value does tram_open return on success?",
            "tram_open will return TRAM_OK if all went well, and one of the other status values on error.",
            "TRAM_OK",
        ),
        # the figure the question states is not the answer; a percentage keeps its sign
        (
            "How big is the economy of the five river towns?",
            "The output of the five river towns is only 2% of that of the capital.",
            "2%",
        ),
        # the same figure said again with fewer of the question's words
        (
            "How big is the economy of the five river towns?",
            "The output of the five river towns is only 2% of that of the capital, small for the five towns.",
            "2%",
        ),
        # the same figure counting something else is the answer: not "one"
        (
            "How many worker threads does it start on a machine with 4 cores?",
            "On a machine with 4 cores it starts 4 worker threads, one per core.",
            "4",
        ),
        # the stated figure is found however it is spaced
        ("How long does a 5 GB upload take?", "A 5GB upload takes about 3 minutes.", "3 minutes"),
        # a number ends the phrase as it ends a run
        ("What does the parser return?", "The parser returns tokens 3 at a time.", "tokens"),
        # the question's verb is not part of the answer's noun group
        (
            "What does npm install create?",
            "Running npm install creates node_modules install scripts then run.",
            "node_modules",
        ),
        # the phrase runs on through the question's own words to the end of its noun group
        (
            "What trade agreements were signed?",
            "The two banks signed a bilateral local trade settlement agreement in 2008.",
            "bilateral local trade settlement agreement",
        ),
        # the things listed right before the noun asked about
        (
            "Which protocols does kiln support?",
            "Kiln is a free utility for baking pages. It supports HTTP, HTTPS, and FTP protocols, as well as proxies.",
            "HTTP, HTTPS, and FTP",
        ),
        # no closing quote without its opening one
        ("kiln stand for", "Kiln is an acronym for ‘Keep It Lean, Nimble’.", "Keep It Lean, Nimble"),
    ],
)
def test_an_answer_span_is_the_whole_answer_and_not_what_the_question_says(question, sentence, expected):
    assert answer_span(analyse(question), sentence).text == expected


PARALLEL = (
    "Fenland’s imports from Arland are mainly copper ore, Borvia mainly imports raw cotton, and Corland mainly "
    "imports natural gas Dunmark imports fine timber (the main buyer), Estavia imports wool yarn, etc."
)


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        # a list of parallel clauses: the phrase right after the name the question asks about
        ("What energy does Fenland import from Corland?", PARALLEL, "natural gas"),
        ("What does Estavia sell to Fenland?", PARALLEL, "wool yarn"),
        ("What does Fenland buy from Borvia?", PARALLEL, "raw cotton"),
        # a question without "do" asks for the doer: the phrase before its verb
        (
            "Which towns adopted the new rules?",
            "Secondly, Oldham and Newby have also adopted the new rules, but they are not satisfied.",
            "Oldham and Newby",
        ),
        # "what is the X": what the sentence says is the X, before or after it
        (
            "What is the weak sector in the region?",
            "The mining service sector has always been a weak sector in the region.",
            "mining service sector",
        ),
        ("What is the header file of libquux?", "The header file of this library is libquux.h.", "libquux.h"),
        # a number answers a question about a code, status or default; a range keeps its unit
        ("What exit status does tar return on a warning?", "If a warning occurs, exit status is 2.", "2"),
        ("default pool size?", "By default, it will keep a maximum of 10 pools.", "10"),
        # what a function returns: a number or a literal, not the function's argument ("v")
        (
            "What does semver.clean return for a bad string?",
            "clean(v): Return the version, or null if it's bad.",
            "null",
        ),
        (
            "What does frob_run return if solved?",
            "If the problem is solved, the routine frob_run returns 0.",
            "0",
        ),
        (
            "By how much is text reduced?",
            "Typically, text such as source code is reduced by 60-70%.",
            "60-70%",
        ),
        # adverbs and verbs are not what is asked for
        (
            "what should the test script contain",
            "You should definitely have at least a basic smoke-test command as the test script.",
            "basic smoke-test command",
        ),
    ],
)
def test_an_answer_span_reads_the_sentence_around_the_question_words(question, sentence, expected):
    assert answer_span(analyse(question), sentence).text == expected


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("what is wrong with indexing a UTF-8 string", set()),
        ("is it ISO-8859-1 or utf-16", set()),
        ("Is alloc() slower than fill(0)?", set()),
        ("lockfile version for npm 9?", {"9"}),
        ("does it run on python 3.12", {"3.12"}),
        ("When does the 6.x line reach end of life?", {"6"}),
        ("Is alloc(1, 2) slower than fill(0)?", set()),
        ("Does it retry 3-5 times?", {"3", "5"}),
        ("What changed in bash-5.2?", {"5.2"}),
        # the values an example command gives an option
        ("How can one option accept several values, like -n 1 2 3?", set()),
        ("Why does it fail with 3 workers, e.g. --jobs 4?", {"3"}),
    ],
)
def test_a_number_inside_a_name_or_a_call_is_not_a_figure_an_answer_must_repeat(question, asked):
    assert {t for t in specific_terms(question) if t[0].isdigit()} == asked


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        # "from Acme" stands for the question's "from its suppliers", not for what is imported
        (
            "What does the company mainly import from its suppliers?",
            "The company's imports from Acme are mainly rolled steel, and Bolt sends nails.",
            "rolled steel",
        ),
        (
            "What does the company mainly import from its suppliers?",
            "The company's imports from the Acme group are mainly rolled steel, and Bolt sends nails.",
            "rolled steel",
        ),
        # "in on disk": the "in" has no object of its own
        (
            "What does Python store bytecode in on disk?",
            "Python stores bytecode in __pycache__ directories next to the source.",
            "__pycache__ directories next",
        ),
        # a preposition the question ends on has no object of its own: the phrase behind it answers
        ("What is the engine written in?", "The engine is written in Rust and uses Tokio.", "Rust"),
    ],
)
def test_a_phrase_behind_a_preposition_the_question_uses_is_not_the_answer(question, sentence, expected):
    assert answer_span(analyse(question), sentence).text == expected


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        ("How many locks are on the canal?", "The canal has twelve locks along its length.", "twelve"),
        (
            "When did the ferry start running?",
            "The ferry started running on 4 May 1921 after a long dispute.",
            "4 May 1921",
        ),
        (
            "Who designed the tower?",
            "The tower was designed by Gustave Eiffel for the fair.",
            "Gustave Eiffel",
        ),
        (  # procmail's FAQ: the span stopped at "Nancy Mc"
            "Who maintains the newbie FAQ about kilns?",
            "There is a newbie FAQ about kilns, and it is being maintained by Nancy McGough <n@ii.com>.",
            "Nancy McGough",
        ),
    ],
)
def test_factoid_spans_are_of_the_asked_type(question, sentence, expected):
    span = answer_span(analyse(question), sentence)
    assert span is not None and span.text == expected


def test_a_restatement_of_a_why_question_is_recognised():
    q = analyse("Why is technology a key area of cooperation?")
    assert restates("Technology is a key area for the development of all countries.", q)
    assert not restates("Because skills travel with machines, joint projects spread know-how.", q)


@pytest.mark.parametrize(
    "line",
    [
        "3. ^ a b Smith, John (2004). Retrieved 5 May 2010.",
        "|  | This article is part of a series about Barack Obama |",
        "Early life [edit]",
        "Smith, J. (2001). A history. ISBN 978-0-00-000000-0",
        "P patches, contributing:: Reporting bugs problems:: Reporting bugs",
        "Next: Setting Format, Up: Resource Measurement [Contents][Index]",
        "Next: Measuring Program Resource Use   Contents",
    ],
)
def test_page_furniture_is_not_evidence(line):
    assert is_furniture(line)


def test_statements_are_not_furniture():
    assert not is_furniture("He attended Punahou School, a private college preparatory school, from 1971.")
    # a logical "or" written as code is no empty table cell
    assert not is_furniture(
        "The maximum value is Number.MAX_SAFE_INTEGER || (2**53 - 1); higher values are invalid."
    )


def test_tables_become_field_value_lines():
    # a web page's two-column table (an infobox) has no header: its first row is a fact
    infobox = "| Born | August 4, 1961, Honolulu |\n| --- | --- |\n| Party | Democratic |"
    _, text, _, _ = parse_markdown(infobox, converted=True)
    assert text.split("\n\n") == ["Born: August 4, 1961, Honolulu", "Party: Democratic"]
    # with more columns, each value is named by its column, and each row is a line of its own
    wide = (
        "Features:\n\n| Feature | `none` | small-icu |\n|:---|:-:|---|\n"
        "| `Intl` | none (object does not exist) | partial |\n| REPL | | full |\n\nAfter."
    )
    _, text, _, _ = parse_markdown(wide)
    assert text.split("\n\n") == [
        "Features:",
        "Feature: Intl; none: none (object does not exist); small-icu: partial",
        "Feature: REPL; small-icu: full",
        "After.",
    ]
    # a written two-column table's header names its columns: the rows are the facts
    keywords = "| *Keyword* | *Description* |\n|---|---|\n| `includes` | A list of `.gypi` files \\| more. |"
    assert parse_markdown(keywords)[1] == "includes: A list of .gypi files | more."
    assert table_lines(["a", "b", "c"], [["1", "", "3"]]) == ["a: 1; c: 3"]


def test_plain_text_keeps_names_and_gnu_quotes():
    # plain text has no underscore emphasis, and `quotes like this' are quotations
    _, text, _, _ = parse_markdown(
        "Use *__getattribute__* with the `ps2epsi' script and **care**.", numbered_headings=True
    )
    assert text == "Use __getattribute__ with the `ps2epsi' script and care."
    # a Sphinx role shows what Sphinx shows: the name ("~" keeps its last part) or the title
    _, text, _, _ = parse_markdown(
        "Call :meth:`~email.policy.Policy.fold` or :func:`default`; see :ref:`the guide <guide>`.",
        numbered_headings=True,
    )
    assert text == "Call fold or default; see the guide."


def test_source_markers_are_written_apart_from_citation_numbers():
    assert display_quote("The gap is huge [2].") == "The gap is huge (ref. 2)."
    assert display_quote("As shown [1, 3] and [4–6].") == "As shown (ref. 1,3) and (ref. 4–6)."


# --------------------------------------------------------------------------- end to end, every gold set


class WordList:
    """A library's vocabulary as a plain list of its words, for the vocabulary rules' tests."""

    def __init__(self, words) -> None:
        self.words = set(words)

    def uses(self, word: str) -> bool:
        return word in self.words

    def writes(self, word: str) -> bool:
        return word in self.words

    def begins(self, prefix: str) -> bool:
        return any(w.startswith(prefix) for w in self.words)

    def spells(self, name: str) -> bool:
        return False

    def joins(self, first: str, second: str) -> bool:
        return False

    def mentions(self, term: str) -> bool:
        return self.begins(term)


def _library_of(tmp_path, encoder, files: dict[str, str]):
    """A library over small documents written here, indexed with the session's model."""
    from silkqa.library import Library

    corpus = tmp_path / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (corpus / name).write_text(text)
    lib = Library(corpus, tmp_path / "index")
    lib._encoder = encoder
    lib.update()
    return lib


def _indexed(tmp_path_factory, encoder, corpus):
    """A library over a copy of `corpus`, indexed with the session's model."""
    from silkqa.library import Library

    base = tmp_path_factory.mktemp(corpus.parent.name)
    shutil.copytree(corpus, base / "corpus")
    lib = Library(base / "corpus", base / "index")
    lib._encoder = encoder
    lib.update()
    return lib


@pytest.fixture(scope="module")
def blind_library(tmp_path_factory, encoder):
    """The blind set's four outside documents, indexed once for this module."""
    return _indexed(tmp_path_factory, encoder, GOLD / "blind" / "corpus")


@pytest.fixture(scope="module")
def blind2_library(tmp_path_factory, encoder):
    """The second blind set's documents (a PDF manual, two HTML manuals, an .rst README)."""
    return _indexed(tmp_path_factory, encoder, GOLD / "blind2" / "corpus")


@pytest.fixture(scope="module")
def all_answers(library, blind_library, blind2_library):
    """(library, gold row, Answer) for every question of every gold set."""
    sets = [
        (library, _rows(GOLD / "questions.jsonl")),
        (library, _rows(GOLD / "questions-overview.jsonl")),
        (blind_library, _rows(GOLD / "blind" / "questions.jsonl")),
        (blind_library, _rows(GOLD / "blind" / "questions-heldout.jsonl")),
        (blind2_library, _rows(GOLD / "blind2" / "questions.jsonl")),
    ]
    return [(lib, row, lib.ask(row["question"])) for lib, rows in sets for row in rows]


def test_every_answer_span_is_an_exact_slice_of_its_document(all_answers):
    checked = 0
    for lib, _row, answer in all_answers:
        span = answer.answer_span
        if span is None:
            continue
        cited = next(c for c in answer.citations if c.n == span["n"])
        text = lib.index.documents[cited.doc_id].text
        assert text[span["start"] : span["end"]] == span["text"]
        assert cited.start <= span["start"] < span["end"] <= cited.end
        checked += 1
    assert checked >= 30


def test_every_factoid_answer_has_a_span(all_answers):
    factoid = [(row, a) for _lib, row, a in all_answers if row.get("answer") and not a.abstained]
    assert factoid, "the gold sets mark factoid questions with their short answer"
    missing = [row["id"] for row, a in factoid if a.answer_span is None]
    assert not missing


def test_why_and_how_answers_have_no_span(all_answers):
    for _lib, _row, answer in all_answers:
        if answer.kind in {"reason", "method", "overview", "yesno"}:
            assert answer.answer_span is None


def test_a_refusal_never_names_a_term_the_evidence_holds(all_answers):
    """ "The library never mentions X" only when no document does; "the passages ... do not
    mention X" only when the passages it lists do not."""
    refusals = 0
    for lib, _row, answer in all_answers:
        if not answer.abstained or not answer.reason:
            continue
        refusals += 1
        never = re.match(r"the library never mentions (.+)$", answer.reason)
        if never:
            for term in never.group(1).split(", "):
                assert not any(mentions(d.text.lower(), term) for d in lib.index.documents.values()), term
        other = re.match(
            r"the passage that fits it best, in (.+), is about something else: that document never mentions (.+)$",
            answer.reason,
        )
        if other:
            doc = next(d for d in lib.index.documents.values() if d.source == other.group(1))
            for term in other.group(2).split(", "):
                assert not mentions(f"{doc.title} {doc.text}".lower(), term), term
        who = re.match(r"the passages that match the question best do not say who (\w+) it$", answer.reason)
        if who:
            quotes = " ".join(c.quote for c in answer.closest).lower()
            assert who.group(1)[:5] not in quotes, who.group(1)
        closest = re.match(r"the passages that match the question best do not mention (.+)$", answer.reason)
        if closest:
            quotes = " ".join(c.quote for c in answer.closest).lower()
            for term in closest.group(1).split(", "):
                assert not mentions(quotes, term), term
    assert refusals >= 10


def test_a_long_question_is_not_refused_for_the_names_in_its_context(library):
    context = (
        "I am preparing a seminar on Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan and on the "
        "Belt and Road Initiative, and my notes cover the tenge, the yuan and the People's Bank of China. "
    ) * 4
    answer = library.ask(context + "What does China mainly import from Kazakhstan?")
    assert not answer.abstained, answer.reason
    assert answer.answer_span is not None


def test_no_output_puts_the_two_numbering_systems_side_by_side(all_answers):
    from silkqa.answering import format_answer
    from silkqa.export import answer_text

    side_by_side = re.compile(r"\[\d+\]\s*\[\d+\]|\[\d+\]\.?\s*\(ref\.|\(ref\.[^)]*\)\s*\[\d+\]\s*\[")
    for _lib, _row, answer in all_answers:
        if answer.abstained:
            continue
        for text in (answer.answer, format_answer(answer.to_json()), answer_text(answer)):
            assert not side_by_side.search(text), text
        # the answer's own [n] are exactly silkqa's citation numbers
        assert [int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)] == [c.n for c in answer.citations]


def test_in_the_terminal_a_sources_marker_inside_a_quote_is_no_silkqa_number(all_answers):
    from silkqa.answering import format_answer

    quoted = [a for _lib, _row, a in all_answers if any(re.search(r"\[\d+\]", c.quote) for c in a.citations)]
    assert quoted, "some quotes carry the source's own markers"
    for answer in quoted:
        text = format_answer(answer.to_json(), bold=False)
        silkqa_numbers = [int(n) for n in re.findall(r"^\[(\d+)\]", text, re.M)]
        assert silkqa_numbers == [c.n for c in answer.citations]
        sources = text.split("Sources:" if not answer.abstained else "Closest passages:", 1)[1]
        # only the citation lines start with [n]; inside the quotes the source's markers read (ref. n)
        assert not re.search(r"“[^”]*\[\d+\][^”]*”", sources), sources


def test_the_reference_trail_says_whether_the_sentence_or_its_paragraph_cites(library):
    answer = library.ask("What does China mainly import from Kazakhstan?")
    trails = [r for c in answer.citations for r in c.references]
    assert trails
    for c in answer.citations:
        for r in c.references:
            inside = f"[{r.marker}]" in c.quote
            assert r.scope == ("sentence" if inside else "paragraph")


def test_the_app_starter_questions_are_answered_from_the_matching_section(library):
    from silkqa.ui_text import STARTERS

    matching = {
        "Energy": r"energy",
        "Trade": r"trade|investment",
        "Finance": r"service trade|financ",
        "Technology": r"technology",
    }
    for topic, (_icon, question) in STARTERS.items():
        answer = library.ask(question)
        assert not answer.abstained, question
        section = answer.citations[0].section or ""
        assert re.search(matching[topic], section, re.I), (question, section)


def test_a_library_of_manuals_is_offered_its_own_documents_and_they_are_answered(blind2_library, library):
    from silkqa.ui_text import STARTERS, starters

    assert [s.question for s in starters(library.index.documents.values())] == [
        q for _, q in STARTERS.values()
    ]
    offered = starters(blind2_library.index.documents.values())
    assert offered and all(s.kind == "document" for s in offered)
    assert not any("Central Asia" in s.question for s in offered)
    for starter in offered:
        answer = blind2_library.ask(starter.question)
        assert not answer.abstained, starter.question
        asked = next(
            d
            for d in blind2_library.index.documents.values()
            if re.sub(r"^the\s+", "", d.title, flags=re.I) in starter.question
        )
        assert answer.citations[0].doc_id == asked.doc_id, starter.question


def test_a_manual_is_not_described_by_one_of_its_tools(blind2_library):
    # ninja's manual says "This tool takes in account the -v and the -n options" of a subtool,
    # far into it; what the manual is about is in its introduction
    answer = blind2_library.ask("What is the Ninja build system document about?")
    assert not answer.abstained
    doc = blind2_library.index.documents[answer.citations[0].doc_id]
    starts = sorted(s.start for s in doc.sections)  # a version line, then the introduction
    assert answer.citations[0].start < starts[2], answer.citations[0].quote


def test_summarise_answers_from_the_abstract_and_conclusion(library):
    answer = library.ask("Summarise the paper")
    assert not answer.abstained
    doc = library.index.documents[answer.citations[0].doc_id]
    abstract = doc.text.index("Abstract")
    conclusion = next(s for s in doc.sections if "Conclusion" in s.title)
    assert answer.citations[0].start < doc.text.index("\n\n", abstract + 20)
    assert any(conclusion.start <= c.start < conclusion.end for c in answer.citations)


def test_where_the_author_is_based_is_answered_from_the_title_page(library):
    doc = next(d for d in library.index.documents.values() if d.kind != "reference")
    affiliation = doc.meta("affiliation")
    for question in ("Where is the author based?", "Where does the author work?"):
        answer = library.ask(question)
        assert not answer.abstained, question
        assert answer.citations[0].doc_id == doc.doc_id
        assert affiliation.split(",")[0].split()[-1] in answer.citations[0].quote
    # the bibliography's author lists are not where the paper says who wrote it
    answer = library.ask("Who wrote the paper and where is the author based?")
    assert not answer.abstained and answer.citations[0].doc_id == doc.doc_id
    assert doc.authors[0] in answer.citations[0].quote


def test_who_wrote_the_paper_is_answered_from_its_author_line(library):
    answer = library.ask("Who wrote the paper?")
    assert not answer.abstained
    assert answer.answer_span["text"] == "Linfu Huo"
    assert (CORPUS / answer.citations[0].source).is_file()
    # a cited work's title says "Silk Road Economic Belt" as often as the paper's: the library's own
    # paper is the one asked about (a tester got the cited work's authors), and a title that only
    # a cited work matches still goes to its catalog entry
    paper = library.ask("Who wrote the paper on the Silk Road Economic Belt?")
    assert paper.answer_span["text"] == "Linfu Huo"
    cited = library.ask("Who wrote the study on trade facilitation?")
    assert cited.citations[0].source == "references.json"


# --------------------------------------------------------------------------- subjects, places, people, counts


def test_a_question_about_a_thing_is_not_an_overview_of_a_document():
    for question in ("What is the gas pipeline designed to do?", "What is the Kessel Tram Company about?"):
        q = analyse(question)
        assert q.kind == "definition", question
    assert analyse("What is the gas pipeline designed to do?").subject == "gas pipeline"


def test_a_definition_subject_stops_before_a_second_question_joined_on():
    assert analyse("what is tramline and what does it do").subject == "tramline"
    assert analyse("What is a ferry pass, and how do I get one?").subject == "ferry pass"
    assert analyse("what is rock and roll").subject == "rock and roll"  # "and" inside the term stays


def test_a_definition_subject_leaves_out_where_it_lives_and_its_generic_head():
    from silkqa.reader import subject_forms

    assert analyse("What are night buses in the city?").subject == "night buses"
    assert analyse("what's a ferry pass").subject == "ferry pass"
    q = analyse("What does the verbose option on the ticket machine do?")
    assert q.subject == "verbose option" and "verbose" in subject_forms(q.subject)
    assert "D" in subject_forms(analyse("What does %D mean in a date format?").subject)
    q = analyse("What is the urgent label used for in the tram tracker?")  # what it is for, and where
    assert q.subject == "urgent label" and "urgent" in subject_forms(q.subject)
    assert analyse("What is the role of water in farming?").kind != "definition"  # not a term


def test_where_a_date_is_kept_asks_for_a_place_not_a_date():
    assert analyse("where does anacron record the date").kind == "place"
    assert analyse("spec date?").kind == "date"


def test_a_name_that_opens_with_a_place_word_is_a_term_asked_about():
    # "the City Governor" is a name, not a city; its short form in brackets is no part of it
    q = analyse("What is the City Governor (CMA)?")
    assert (q.kind, q.subject) == ("definition", "City Governor")
    assert analyse("What is the capital of France?").kind == "place"
    assert analyse("Which city hosts the summit?").kind == "place"


def test_in_a_manual_a_place_is_a_folder_a_file_or_a_stream():
    q = analyse("Where does the app keep its cache?")
    span = answer_span(q, "The cache is kept in the home directory in a file called .appcache.")
    assert span is not None and "home directory" in span.text
    assert answer_span(q, "Errors are printed to the standard error stream.").text.endswith("stream")
    assert analyse("Where does the app keep its cache?").kind == "place"
    # a stream by its name: "log to stderr" says where, "the stderr flag" does not
    from silkqa.reader import fit

    q = analyse("where does kilnlog write its messages by default")
    assert fit(q, "By default kilnlog will log to stderr, however this can be changed.") > 0.5
    assert fit(q, "Messages go into the journal unless configured otherwise.") > 0.5
    assert fit(q, "The stderr flag is deprecated.") == 0.0


def test_a_person_is_found_inside_a_run_of_capitalised_words():
    q = analyse("Who wrote the tram guide?")
    span = answer_span(q, "Version 2.1 Maria Lopez CNRS Grenoble March 3, 2004")
    assert span is not None and span.text == "Maria Lopez"


def test_the_person_who_does_what_the_question_asks_is_the_one_after_its_verb():
    q = analyse("Who maintains the aide package in Debian?")
    quote = "This file is maintained by Marc Haber, starting from the README.Debian by Mike Markley."
    assert answer_span(q, quote).text == "Marc Haber"
    q = analyse("Who wrote the first README.Debian?")
    assert answer_span(q, quote).text == "Mike Markley"
    # "by:" with its colon, an irregular verb, a short one
    q = analyse("Who maintains brltty?")
    assert (
        answer_span(q, "The README was prepared by Mike Markley; it is maintained by: Marc Haber.").text
        == "Marc Haber"
    )
    q = analyse("Who wrote frobtool?")
    assert (
        answer_span(q, "It is maintained by Marc Haber and was written by Mike Markley.").text
        == "Mike Markley"
    )
    q = analyse("Who led the project?")
    assert answer_span(q, "Anna Berg joined in 2001; the project was led by Carl Dunn.").text == "Carl Dunn"


def test_a_reference_to_a_paper_names_its_author_after_its_title():
    from silkqa.reader import CITATION_AUTHOR

    q = analyse("who wrote the paper describing the frob algorithm")
    quote = (
        'The frob algorithm is described in the paper: "A Practical Approach to Frobbing Large Queues", '
        "Anna B. Berg, Proc. 11th Frob Conference, Oslo; 2003."
    )
    assert answer_span(q, quote).text == "Anna B. Berg" and CITATION_AUTHOR.search(quote)
    assert not CITATION_AUTHOR.search('Run "make install", then Anna Berg, our admin, checks it.')
    assert not CITATION_AUTHOR.search('Press "OK", Windows Explorer, In the dialog')
    # only who wrote a work is read from a reference: who founded a company is not its author
    q = analyse("Who founded FrobCorp?")
    quote = 'Carl Dunn founded FrobCorp after reading "Fast Frobbing Queues", Anna Berg, 2003.'
    assert answer_span(q, quote).text == "Carl Dunn"


def test_a_count_may_be_written_with_a_hyphen():
    from silkqa.answering import counts

    assert counts("Each key is a 128-bit number.", "bits")
    assert counts("The line has three stations.", "stations")
    assert not counts("The line has many stations.", "stations")
    assert counts("Verbosity levels are from 0 to 5.", "levels")  # a range after the noun and its verb
    assert counts("Compression levels range from 1 to 9.", "levels")
    assert not counts("The levels are described from page 3 onwards.", "levels")
    assert counts("There are three (and a half) methods to reach the depot.", "ways")  # an aside between
    assert counts("You will be asked to pick one of six choices:", "options")  # another word for them
    assert not counts("There are three (and a half) lanes to the depot.", "ways")
    assert counts("By default, the tool runs one polishing iteration.", "rounds")  # another word for them
    assert counts("Two passes over the data are made.", "rounds")


def test_how_many_counts_the_noun_not_the_adjective_before_it():
    from silkqa.answering import _HOW_MANY

    assert _HOW_MANY.search("how many simultaneous connections may one user open").group(1) == "connections"
    assert _HOW_MANY.search("how many trams run at night").group(1) == "trams"
    assert _HOW_MANY.search("how many status codes can kiln exit with").group(1) == "codes"


def test_a_count_inside_a_how_question_is_not_asked_for(tmp_path, encoder):
    # "how do I reserve room when I know how many notes I'll add?" asks how, not how many
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kiln.md": (
                "# Kiln\n\nKiln bakes static pages from notes written in plain text.\n\n"
                "## Memory\n\nWhen a large batch of notes is coming, call kiln.reserve() first so that the "
                "note table makes room for all of them at once.\n"
            ),
        },
    )
    answer = lib.ask("How do I make room up front when I already know how many notes I am going to add?")
    assert "give no number" not in (answer.reason or "")
    # a figure's word in a why question asks for no figure
    answer = lib.ask("why does the percent of memory used jump when a large batch of notes is coming")
    assert "asks for a figure" not in (answer.reason or "")


def test_things_counted_and_then_named_are_a_count_of_them():
    from silkqa.answering import counts

    assert counts("In the main window there are 6 independent blocs we call modules.", "modules")
    assert counts("It has three parts, which are called modules.", "modules")
    assert not counts("There are 6 windows; the last is called modules.", "modules")


def test_a_question_word_few_candidates_carry_weighs_more_than_one_all_carry():
    from silkqa.evidence import _term_weights

    candidates = [{"kiln", "bake"}, {"kiln", "page"}, {"kiln", "swap"}, {"kiln"}]
    weights = _term_weights({"kiln", "swap", "ferry"}, candidates)
    assert weights["ferry"] > weights["swap"] > weights["kiln"] > 0  # none, one, every candidate


def test_a_count_may_clip_its_noun_or_write_it_in_the_singular():
    from silkqa.answering import counts

    assert counts("Total: 24 libs.", "libraries")  # a clipped form
    assert counts("It ships 1 library and 3 tools.", "libraries")  # -ies: one library
    assert not counts("Total: 24 li.", "libraries")  # two letters say nothing
    assert not counts("It has 3 lines.", "libraries")
    assert not counts("It runs 3 servers.", "series")  # "series" is its own singular
    assert counts("/SET server_reconnect_time 300 : Seconds to wait before connecting again.", "seconds")
    assert not counts("It has 3 cats.", "categories")  # a clipping only as technical writing clips


def test_a_name_typed_without_its_accents_or_with_a_plain_hyphen_is_mentioned(tmp_path):
    from silkqa.answering import _document_knows, _library_mentions, mentions
    from silkqa.documents import load_document

    (tmp_path / "metrics.txt").write_text(
        "Metrics\n\nThe Sørensen–Dice coefficient compares sets. Kraków hosts the meeting.\n",
        encoding="utf-8",
    )
    doc = load_document(tmp_path / "metrics.txt", "metrics.txt")

    class Index:
        documents = {doc.doc_id: doc}

    assert _document_knows(doc, "Sorensen-Dice") and _document_knows(doc, "Sørensen–Dice")
    assert _library_mentions(Index(), "krakow") and _library_mentions(Index(), "Kraków")
    assert mentions("the sørensen–dice coefficient", "sorensen-dice")
    assert not _document_knows(doc, "Jaccard")


def test_codes_in_a_question_are_terms_an_answer_must_write():
    from silkqa.answering import code_terms

    assert code_terms("What does %Q mean in a format string?") == ["%Q"]
    assert code_terms("Does --dry-run change anything, and what about max_size?") == ["--dry-run", "max_size"]
    assert code_terms("Is the non-recursive build a well-known tool?") == []


# --------------------------------------------------------------------------- a small library of its own

TOOL_DOCS = {
    "zorblax.md": """# Zorblax

## Introduction

Zorblax is a lightweight message queue written in Rust for small clusters of servers. It keeps
every message on disk until a consumer confirms it.

## Configuration

The queue reads its settings from a file called zorblax.toml in the working directory. Each
setting has a default that suits a single machine.

## Name

Zorblax is also a word for courage in an old card game, which gave the project its name.

## Licence

Copyright (c) 2021 by Maren Holt <maren@example.org>. Licensed under the MIT licence.
""",
    "markup.md": """# Notes on markup

Authors who write for the web rarely think about their markup. At best they know about tags
from experience, but they are not aware that a document type definition (DTD) can pull in
other files. The DTD rules of a page decide which elements may appear where.

Validators read the DTD first and then check each element against it.
""",
}


@pytest.fixture(scope="module")
def tool_library(tmp_path_factory, encoder):
    written = tmp_path_factory.mktemp("tool-docs") / "tools"
    written.mkdir()
    for name, text in TOOL_DOCS.items():
        (written / name).write_text(text, encoding="utf-8")
    return _indexed(tmp_path_factory, encoder, written)


def test_what_is_x_is_answered_by_the_sentence_that_introduces_x(tool_library):
    answer = tool_library.ask("What is Zorblax?")
    assert not answer.abstained
    assert answer.citations[0].quote.startswith("Zorblax is a lightweight message queue")


def test_an_acronym_is_answered_by_its_expansion_wherever_it_sits(tool_library):
    answer = tool_library.ask("What's DTD short for?")
    assert not answer.abstained
    assert "document type definition (DTD)" in answer.citations[0].quote
    assert answer.answer_span["text"] == "document type definition"


def test_who_wrote_a_document_without_author_metadata_reads_its_copyright_line(tool_library):
    answer = tool_library.ask("Who wrote Zorblax?")
    assert not answer.abstained
    assert "Maren Holt" in answer.citations[0].quote


def test_where_in_a_manual_is_a_file_or_folder(tool_library):
    answer = tool_library.ask("Where does Zorblax keep its settings?")
    assert not answer.abstained
    assert "zorblax.toml" in answer.citations[0].quote


def test_who_did_something_needs_a_passage_that_says_who_did_it(tool_library):
    answer = tool_library.ask("Who invented the message queue?")
    assert answer.abstained, answer.answer
    assert answer.reason == "the passages that match the question best do not say who invented it"


def test_a_format_code_may_be_listed_by_its_letter():
    from silkqa.answering import writes_code

    assert writes_code("E :   Elapsed real (wall clock) time used by the process.", "%E")
    assert not writes_code("E :   Elapsed real time.", "%e")
    assert not writes_code("The letter E is common.", "%E")
    assert writes_code("Use --dry-run to see what would happen.", "--dry-run")


def test_a_tracker_label_list_and_an_option_list_define_their_terms():
    label = analyse("What is the urgent label used for in the tram tracker?")
    assert (
        fit(label, "urgent : special label for tickets that must be fixed before the next timetable") == 1.0
    )
    assert fit(label, "In the tram tracker, we use labels and milestones to organise work.") == 0.0
    flag = analyse("What is the --force flag used for?")
    assert fit(flag, "-f, --force           Replace the timetable without asking.") == 1.0
    assert fit(flag, "Use --force.  Then it works.") == 0.0  # a sentence that uses the flag


def test_a_sentence_opening_on_the_subject_and_saying_what_it_does_defines_it():
    from silkqa.reader import fit

    q = analyse("what is ferryctl")
    assert q.kind == "definition"
    assert fit(q, "ferryctl schedules ferries using a timetable file and a list of ports.") == 1.0
    # what it tried, lacks or did once is not what it is
    assert fit(q, "ferryctl tries hard to report lost connections clearly.") < 1.0
    assert fit(q, "ferryctl does not read the old timetable format.") < 1.0


def test_a_narrower_term_defined_is_no_definition_of_the_term_asked():
    """ "The test profile is ..." says what one kind of profile is; "Profiles provide ..." says
    what a profile is. A modifier the question names, a capitalised name, or a word that does not
    narrow ("the so-called profile") leaves the definition whole."""
    from silkqa.reader import fit

    q = analyse("whats a profile in cargo")
    assert q.kind == "definition" and q.subject == "profile"
    assert fit(q, "Profiles provide a way to alter the compiler settings.") == 1.0
    assert fit(q, "The test profile is used for cargo test.") == 0.5
    assert fit(q, "The cargo profile is a set of compiler settings.") == 1.0
    assert fit(q, "The so-called profile is a set of compiler settings.") == 1.0
    assert fit(q, "A single profile is a set of compiler settings.") == 1.0
    q = analyse("What is the Silk Road Economic Belt?")
    assert fit(q, "The Silk Road Economic Belt is an initiative for regional cooperation.") == 1.0


def test_what_a_term_is_of_may_stand_between_it_and_what_it_is():
    from silkqa.reader import fit

    q = analyse("what is the effective bounding region")
    assert q.kind == "definition"
    quote = "The effective bounding region of a window is defined to be the intersection of its regions."
    assert fit(q, quote) == 1.0
    assert fit(q, "The effective bounding region of the server is busy.") < 1.0  # names one region


def test_the_noun_name_says_nothing_of_what_a_term_is():
    """ "when its name has the prefix cluster" uses the noun; "we name this structure a cluster"
    defines."""
    from silkqa.reader import fit

    q = analyse("what is a cluster in dot")
    assert q.kind == "definition" and q.subject == "cluster"
    assert fit(q, "A subgraph is recognized as a cluster when its name has the prefix cluster.") < 1.0
    assert fit(q, "The file name is cluster in the examples below.") < 1.0
    assert fit(q, "We name such groups a cluster.") == 1.0
    # "can", "Java", "other" end in an article or a pronoun; they are no noun before "call"
    assert fit(q, "We can call it a cluster.") == 1.0
    assert fit(q, "Java calls it a cluster.") == 1.0


def test_a_clipped_word_in_a_subject_is_also_looked_for_written_out():
    from silkqa.reader import fit, subject_forms

    assert "order-only dependencies" in subject_forms("order-only deps")
    assert "config file" in subject_forms("configuration file")
    q = analyse("What are order-only deps?")
    assert fit(q, "Order-only dependencies are built first but never force a rebuild.") == 1.0


def test_what_a_named_variable_holds_is_a_definition_of_it():
    from silkqa.reader import subject_forms

    q = analyse("what does the special variable ibase hold in bc")
    assert q.kind == "definition" and "ibase" in subject_forms(q.subject)


def test_an_acronym_spelled_out_in_a_small_word_or_a_title_line_is_found(tmp_path, encoder):

    assert acronym_expansion("ftfy: fixes text for you", "ftfy").text == "fixes text for you"
    text = (
        "# tfiy: tidies files in yards\n\n"
        "The tool is installed with pip and runs on any system with Python 3.\n\n"
        "## Usage\n\nRun tfiy on a folder and it sorts the files in the folder by their type.\n"
    )
    lib = _library_of(tmp_path, encoder, {"tfiy.md": text})
    answer = lib.ask("what does tfiy stand for")
    assert not answer.abstained
    assert answer.citations[0].quote == "tfiy: tidies files in yards"
    assert answer.answer_span["text"] == "tidies files in yards"


def test_an_api_reference_entry_defines_its_name():
    from silkqa.reader import fit

    q = analyse("what does the maxRetries setting do")
    assert fit(q, "maxRetries \\<number> Sets how often a failed request is sent again.") == 1.0
    assert fit(q, "Retries are counted per request and reset on success.") < 1.0


def test_a_numbered_section_does_not_run_over_the_next_chapter():
    from silkqa.documents import Document, Section
    from silkqa.overview import extent

    text = "1. Introduction\n\nIntro text here.\n\n1.1 Scope\n\nScope text.\n\n2.1 NAME\n\nname text"
    starts = [text.index(t) for t in ("1. Introduction", "1.1 Scope", "2.1 NAME")]
    ends = [*starts[1:], len(text)]
    titles = ["1. Introduction", "1.1 Scope", "2.1 NAME"]
    doc = Document(
        "d",
        "d.txt",
        "D",
        text,
        "text",
        sections=tuple(Section(a, b, t) for a, b, t in zip(starts, ends, titles, strict=True)),
    )
    assert extent(doc, doc.sections[0]) == (starts[0], starts[2])  # over 1.1, not into 2.1


def test_a_whole_document_overview_leads_with_what_it_says_it_covers(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kiln.md": (
                "# Kiln [![Build Status](https://ci.example/kiln.svg)](https://ci.example/kiln)\n\n"
                "Kiln bakes static pages from a folder of notes written in plain text.\n\n"
                "It watches the folder and rebuilds only the pages whose notes changed.\n\n"
                "## Installing\n\nInstall it with pip and run kiln in the folder of notes.\n\n"
                "## Themes\n\nA theme is a folder of templates; the default theme is plain and fast.\n"
            ),
            "loom.md": (
                "# Loom manual\n\n## 1. Introduction\n\n"
                "Loom weaves log files from many servers into one ordered stream for reading.\n"
                "This manual describes how to install the tool and how to write its filter rules.\n"
                "Loom is written for small teams that run a handful of machines.\n\n"
                "## 2. Filters\n\nA filter rule names a server and a pattern to keep or to drop.\n"
                "Rules are read from top to bottom and the first rule that matches decides.\n"
            ),
        },
    )
    assert lib.index.documents["kiln.md"].title == "Kiln"  # its badge is no part of its title
    kiln = lib.ask("What is the Kiln readme about?")
    assert kiln.citations[0].quote == "Kiln bakes static pages from a folder of notes written in plain text."
    loom = lib.ask("What is the Loom manual about?")
    assert "This manual describes" in loom.citations[0].quote
    for answer in (kiln, loom):
        assert len({c.quote for c in answer.citations}) == len(answer.citations)  # no sentence twice


def test_copyright_holder_last_change_and_publishing_group_come_from_the_named_document(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "ferry-guide.md": (
                "# Ferry guide\n\nThe Harbour Transit Group\n\n## Copyright\n\n2001-2019, Harbour Transit Group\n\n"
                "## Timetables\n\nFerries leave every twenty minutes from the north pier between six and midnight.\n\n"
                "Last modified 4 March 2019\n"
            ),
            "tram-notes.md": (
                "# Tram notes\n\n## Copyright\n\nCopyright 1990 Old Rail Society\n\n"
                "## Lines\n\nThe trams run on four lines that meet at the central square near the ferry pier.\n"
            ),
        },
    )
    holder = lib.ask("Which organisation holds the copyright on the ferry guide?")
    assert holder.citations[0].quote == "2001-2019, Harbour Transit Group"
    changed = lib.ask("When was the ferry guide last changed?")
    assert changed.citations[0].quote == "Last modified 4 March 2019"
    group = lib.ask("Which group publishes the ferry guide?")
    assert not group.abstained and "Harbour Transit Group" in group.citations[0].quote


def test_an_acronym_is_defined_only_as_written_and_not_by_what_is_done_to_it():
    from silkqa.reader import _defines

    assert not _defines("By default the log is named dhat.out in the current folder.", "DHAT")
    assert not _defines("If DHAT is invoked with a mode flag, it copies instead.", "DHAT")
    assert _defines("DHAT is primarily a tool for examining heap allocations.", "DHAT")
    assert _defines("The clip()_ function extracts substrings by column.", "clip()")


def test_what_is_an_acronym_prefers_what_it_is_and_what_does_it_stand_for_its_letters():
    spelled = "Tram timetables are written in the Tram Timetable Markup Language (TTML)."
    said = "TTML is a format for describing when trams leave each stop."
    both = "TTML (Tram Timetable Markup Language) is a format for describing when trams leave."
    what = analyse("What's TTML?")
    assert fit(what, both) > fit(what, said) > fit(what, spelled) > 0
    letters = analyse("What does TTML stand for?")
    assert fit(letters, spelled) == fit(letters, both) > fit(letters, said)


def test_an_acronym_spelled_out_anywhere_answers_and_one_never_mentioned_is_refused(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "term.md": (
                "# Terminal widths\n\n## Ambiguous width\n\n"
                "The most reliable way to learn how wide the terminal draws a character is to print it between "
                "a pair of Cursor Position Report (CPR) queries and compare the two answers.\n\n"
                "## Colours\n\nColours are set with escape sequences that the width functions skip.\n"
            ),
        },
    )
    cpr = lib.ask("what does CPR mean")
    assert not cpr.abstained and cpr.answer_span["text"] == "Cursor Position Report"
    bson = lib.ask("what does BSON stand for")
    assert bson.abstained and "never mentions BSON" in bson.reason


_QUILL_OPENING = (
    "The Quill archive format\n\n1. Overview\n\n"
    "A quill archive holds compressed notes with an index at its end so that one note can be read alone.\n\n"
)


def test_who_made_a_thing_is_answered_where_the_document_says_it_was_made_by_someone(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "quill-format.txt": (
                _QUILL_OPENING
                + "2. Notices\n\nThis file format was designed by Mara Quist <mara@example.org> and Ivo Lind.\n\n"
                "3. Blocks\n\nEach block starts with a header that gives its size and the filter that packed it.\n"
            ),
        },
    )
    answer = lib.ask("who designed the quill format")
    assert not answer.abstained
    assert answer.citations[0].quote.startswith("This file format was designed by Mara Quist")
    assert lib.ask("who invented the quill pen").abstained  # nothing says who made a pen


def test_who_maintains_a_thing_is_the_sentence_that_names_it_not_one_about_another(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "quill-README.md": (
                "# Quill\n\nQuill is a small archiver for notes.\n\n"
                "Quill is being maintained by its original author Mara Quist, with help from its users.\n\n"
                "## Other archivers\n\nFeather, a clone of Quill in Go. Now maintained by Ivo Lind and others.\n"
            ),
        },
    )
    answer = lib.ask("who maintains quill")
    assert not answer.abstained
    assert answer.citations[0].quote.startswith("Quill is being maintained by its original author Mara Quist")


@pytest.mark.parametrize("question", ["who is a member of the ferry team", "who is allowed to open a ticket"])
def test_who_is_asks_for_a_name_only_of_a_role_someone_holds(question):
    assert analyse(question).kind != "person"  # what makes one a member, who may open one


def test_a_date_answers_when_something_was_founded_only_where_the_passage_speaks_of_its_founding(
    tmp_path, encoder
):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "harbour-club.md": (
                "# The Harbour Rowing Club\n\n"
                "The Harbour Rowing Club rows on the old harbour every morning from April to October.\n\n"
                "In the summer of 1994 the club's members rowed the whole coast in eleven days.\n\n"
                "The club lends boats to schools and keeps a list of volunteers for the regatta.\n"
            ),
            "ferry-guild.md": (
                "# The Ferry Guild\n\n"
                "The Ferry Guild was founded in 1871 by the boatmen of the lower river.\n\n"
                "It trains pilots and keeps the ferry timetable.\n"
            ),
        },
    )
    refused = lib.ask("When was the Harbour Rowing Club founded?")
    assert refused.abstained, refused.answer
    assert refused.reason == "the passages that match the question best do not say when it was founded"
    answered = lib.ask("When was the Ferry Guild founded?")
    assert not answered.abstained
    assert answered.citations[0].quote.startswith("The Ferry Guild was founded in 1871")


def test_a_paragraph_that_only_names_what_the_one_before_described_is_quoted_with_it(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "tram-guide.md": (
                "# Tram guide\n\n"
                "The city also sells a card that lets one rider take any tram, ferry or bus for a week. "
                "This can be useful when visiting several districts in one day.\n\n"
                "This card is called the harbour pass. It is sold at every ferry stop.\n\n"
                "Trams run every ten minutes on the main line.\n"
            ),
        },
    )
    answer = lib.ask("What is the harbour pass?")
    assert not answer.abstained
    lead = answer.citations[0].quote
    assert lead.startswith("The city also sells a card") and "This card is called the harbour pass." in lead


def test_a_sentence_ending_in_a_colon_is_quoted_with_the_command_below_it(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kiln.md": (
                "# Kiln\n\nKiln bakes static pages from a folder of plain-text notes.\n\n"
                "## Installation\n\nThe stable version is published on the package index; install or upgrade it with pip:\n\n"
                "    pip install --upgrade kiln\n\n## Themes\n\nA theme is a folder of templates.\n"
            ),
        },
    )
    answer = lib.ask("how do I install kiln")
    assert any(
        "pip install --upgrade kiln" in c.quote and c.quote.startswith("The stable version")
        for c in answer.citations
    )


def test_a_readme_saying_what_its_software_is_for_leads_the_overview():
    from silkqa.overview import _DESCRIBES_ITSELF

    assert _DESCRIBES_ITSELF.search("This Python and C11 library is mainly for programs that draw tables.")
    assert _DESCRIBES_ITSELF.search("This manual describes how to install the tool.")
    assert not _DESCRIBES_ITSELF.search("This library call returns the width of a character.")


def test_a_name_in_capitals_or_mixed_case_the_library_never_mentions_is_refused(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kiln.md": (
                "# Kiln\n\nKiln bakes static pages from notes written in JSON or plain text.\n\n"
                "## Formats\n\nKiln reads notes in JSON and in plain text, one note per file.\n\n"
                "## Money\n\nForeign direct investment in the kiln makers grew fast after the first release.\n\n"
                "## Systems\n\nOn MSDOS the notes are read in binary mode so that line ends stay as they are.\n"
                "Pages are drawn on the GPU when one is present.\n"
                "Kiln also bakes pages on small RTOSs such as those of a kiln controller.\n"
            ),
        },
    )
    yaml = lib.ask("can kiln read notes written in YAML?")
    assert yaml.abstained and "never mentions YAML" in yaml.reason
    assert "never mentions macOS" in lib.ask("does kiln run on macOS?").reason
    assert "never mentions cmd.exe" in lib.ask("does kiln work in the cmd.exe console?").reason
    assert not lib.ask("can kiln read notes written in JSON?").abstained
    dos = lib.ask("why are notes read in binary mode on DOS?")  # inside "MSDOS"
    assert not dos.abstained or "DOS" not in (dos.reason or "")
    (tmp_path / "corpus" / "loom.md").write_text(
        "# Loom\n\nLoom merges log files and runs on Linux and macOS alike.\n"
    )
    lib.update()
    other = lib.ask("does kiln bake pages on macOS?")  # only another document knows macOS
    assert other.abstained and "never mentions macOS" in other.reason
    fdi = lib.ask("What does FDI stand for?")  # written only in full: the library does mention it
    assert "never mentions" not in (fdi.reason or "")
    gpus = lib.ask("does kiln render on several GPUs?")  # a plural of a name the library writes
    assert "never mentions GPUs" not in (gpus.reason or "")
    rtoses = lib.ask("which RTOSes can kiln bake pages on?")  # the other plural of a name in capitals
    assert "never mentions RTOSes" not in (rtoses.reason or "")
    assert (
        lib.ask("HOW DO I INSTALL KILN?").reason is None
        or "never mentions" not in lib.ask("HOW DO I INSTALL KILN?").reason
    )


def test_the_same_words_twice_in_a_document_are_quoted_once():
    import numpy as np

    from silkqa.evidence import Evidence, select

    def ev(start, quote, vector, score):
        return Evidence(
            0, "d", start, start + len(quote), quote, 0.5, 0.5, score, np.asarray(vector, dtype=float)
        )

    contents = ev(10, "5.3 Branch Filters", [1.0, 0.0], 1.0)  # the contents line
    heading = ev(900, "5.3 Branch Filters", [0.0, 1.0], 0.99)  # the heading, in other company
    other = ev(950, "These filters convert jumps.", [0.6, 0.8], 0.98)
    chosen = select([contents, heading, other], limit=3)
    assert [c.start for c in chosen] == [10, 950]


def test_a_further_sentence_from_another_document_must_be_closer_to_the_best():
    import numpy as np

    from silkqa.evidence import Evidence, select

    def ev(doc, start, quote, angle, score):
        vector = np.asarray([np.cos(angle), np.sin(angle)])
        return Evidence(0, doc, start, start + len(quote), quote, 0.5, 0.5, score, vector)

    best = ev("field.txt", 0, "The Important field is phased out for its confusing name.", 0.0, 1.0)
    same_doc = ev("field.txt", 100, "Protected replaces it with the same meaning.", -1.2, 0.8)
    other_doc = ev("trade.md", 0, "The countries recognised the importance of energy.", 1.5, 0.8)
    close_other = ev("trade.md", 200, "Energy fields are important to the economy.", 0.9, 0.9)
    chosen = select([best, same_doc, other_doc, close_other], limit=4, margin=0.25, foreign_margin=0.15)
    assert [(c.doc_id, c.start) for c in chosen] == [("field.txt", 0), ("trade.md", 200), ("field.txt", 100)]
    assert len(select([best, same_doc, other_doc, close_other], limit=4, margin=0.25)) == 4


def test_another_answer_close_in_meaning_is_kept_and_a_reworded_repeat_is_not():
    import numpy as np

    from silkqa.evidence import Evidence, select

    def ev(start, quote, angle, score):
        vector = np.asarray([np.cos(angle), np.sin(angle)])
        return Evidence(0, "d", start, start + len(quote), quote, 0.5, 0.5, score, vector)

    first = ev(0, "Removing the environment folder will delete the environment.", 0.0, 1.0)
    # cosine 0.87 with the first, other words: a second way to do it
    another = ev(100, "You can also run the drop-env command to get rid of one.", 0.52, 0.99)
    # cosine 0.87 with the first, most of its words: the first said again
    reworded = ev(200, "Removing the environment folder deletes the environment for good.", -0.52, 0.98)
    # cosine 0.96: the same thing, whatever the words
    same = ev(300, "Wipe it out by hand: nothing else is needed.", 0.25, 0.97)
    chosen = select([first, another, reworded, same], limit=4, margin=0.5)
    assert [c.start for c in chosen] == [0, 100]


def test_which_countries_is_answered_by_a_sentence_that_names_them():
    q = analyse("Which two Central Asian countries are reforming slowly?")
    commas = "After the two countries agree, the structure of Central Asia will change, and trade will grow."
    names = "Finally, Turkmenistan and Uzbekistan are carrying out gradual reforms."
    assert fit(q, names) > fit(q, commas)
    # "which two": a sentence that names two answers more than one that names one
    one = "Finally, Kazakhstan is carrying out gradual reforms."
    assert fit(q, names) > fit(q, one) > 0
    assert fit(analyse("Which countries are reforming slowly?"), one) == fit(q, names)
    # a list of things without names still reads as more of an answer than none
    states = analyse("Which states can a promise be in?")
    assert fit(states, "A promise is pending, fulfilled, or rejected.") > fit(
        states, "A promise settles once."
    )
    # names in capitals are names; "people" that do something are not the class asked for
    langs = analyse("Which languages does the highlighter support?")
    assert fit(langs, "The highlighter supports SQL, PHP, HTML and XML.") == 1.0
    assert fit(analyse("Which options do most people enable?"), "Most enable -Wall, -Wextra and -O2.") == 1.0
    # a list of things without names still reads as a list
    assert (
        fit(analyse("Which encodings are handled without iconv?"), "UTF-8, UTF-16, ASCII and others.") == 1.0
    )


def test_a_yes_or_no_needs_quotes_that_speak_of_what_is_asked(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "quill-format.txt": (
                _QUILL_OPENING
                + "2. Blocks\n\nEach block starts with a header that gives its size and the filter that packed it.\n"
                "A reader may skip a block it cannot unpack and go on with the next one.\n"
            ),
        },
    )
    locked = lib.ask("can a quill archive be encrypted with a password?")
    assert locked.abstained and "encrypted" in locked.reason and "password" in locked.reason
    assert not lib.ask("can a reader skip a block it cannot unpack?").abstained


def test_an_address_is_a_place_to_send_to_and_an_obfuscated_email_marks_a_byline():
    from silkqa.selection import _AUTHOR_LINE

    q = analyse("Where do I send bug reports?")
    assert answer_span(q, "Email bug reports to bug-kiln@example.org.").text == "bug-kiln@example.org"
    line = _AUTHOR_LINE.search("Ferry Group (http://ferry.example) Mara Quist mq12 at users.example.net")
    assert line is not None and "Mara Quist" in line.group(0)


def test_a_subject_is_taken_as_the_documents_write_it(tmp_path, encoder):
    from silkqa.questions import analyse as ask_what

    assert ask_what("What is the script field of a Language object?").subject == "script field"
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "ferry-lines.md": (
                "# Ferry Lines\n\nThe timetables are published every spring by the harbour office.\n\n"
                "## About\n\nFerry Lines_ is a small library that plans crossings between islands.\n\n"
                "It is the creation of Mara Quist, who also maintains the harbour maps.\n"
            )
        },
    )
    what = lib.ask("what is ferrylines")
    assert what.citations[0].quote.startswith("Ferry Lines_ is a small library")
    who = lib.ask("who created ferry lines?")
    assert not who.abstained and "creation of Mara Quist" in who.citations[0].quote


def test_a_when_question_leads_with_a_nearby_sentence_that_names_a_date():
    import numpy as np

    from silkqa.answering import _typed_first
    from silkqa.evidence import Evidence

    def ev(start, quote, score):
        return Evidence(0, "d", start, start + len(quote), quote, 0.5, 0.5, score, np.zeros(2))

    q = analyse("when was the harbour report published")
    about = ev(0, "A revised version of the harbour report is available from the port office.", 1.0)
    dated = ev(200, '"The Harbour Report", Port Quarterly, April 1991, pages 30-44.', 0.9)
    assert _typed_first(q, [about], [about, dated])[0] is dated
    assert _typed_first(analyse("why was the harbour report published"), [about], [about, dated]) == [about]


def test_a_readme_answers_what_its_software_is_who_keeps_it_and_when_a_version_came_out(tmp_path, encoder):
    from silkqa.reader import _defines

    assert _defines('The "calling convention" is a set of assumptions about arguments.', "calling convention")
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "tidepool-readme.md": (
                "# tidepool\n\n## Info\n\nThis Python module returns the tide tables for your local harbour.\n\n"
                "## Usage\n\nCall tidepool.today() to get the next four tides; tidepool is installed with pip.\n\n"
                "## Changelog\n\n### [2.0.0] - 2021-06-01\n\nTides are returned as objects.\n\n"
                "### [1.0.0] - 2019-03-14\n\nFirst release of tidepool.\n\n"
                "## Maintainer\n\nMara Quist, mara@example.org\n"
            )
        },
    )
    assert lib.ask("what is tidepool").citations[0].quote.startswith("This Python module returns")
    assert lib.ask("who maintains tidepool").citations[0].quote == "Mara Quist, mara@example.org"
    released = lib.ask("when was version 1.0.0 of tidepool released")
    assert not released.abstained and "2019-03-14" in released.citations[0].quote


def test_a_copyright_heading_is_no_author_line_and_a_long_yes_or_no_keeps_its_context(tmp_path, encoder):
    from silkqa.selection import _AUTHOR_LINE

    assert _AUTHOR_LINE.search("Copyright and Other Notices") is None
    assert _AUTHOR_LINE.search("Copyright 2014-2019 Grant Jenks") is not None
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "quill-format.txt": _QUILL_OPENING
            + "2. Known problems\n\nSome readers return wrong notes when an index entry points past the end.\n\n"
            "Copyright and Other Notices\n\nCopyright (C) 2001-2019 by the Quill Guild and its members.\n"
        },
    )
    holder = lib.ask("who holds the copyright for the quill format")
    assert "2001-2019 by the Quill Guild" in holder.citations[0].quote
    long = lib.ask(
        "My reader shows the wrong note when the index entry points past the end. Is that a known problem?"
    )
    assert not long.abstained


def test_a_readme_tagline_under_its_title_says_what_the_software_is(tmp_path, encoder):
    from silkqa.overview import tagline

    lib = _library_of(
        tmp_path,
        encoder,
        {
            "loomwork.txt": (
                "loomwork\n\n|pypi version| |Build status|\n\n"
                "A Python library for weaving patterns into printable grids.\n\n"
                "Website: http://loomwork.example/ Main author: Ada Reed\n\n"
                "Loomwork is free software released under the MIT License.\n\n"
                "1. Installation\n\nLoomwork requires Python 3.9 or later and installs with pip.\n\n"
                "2. Known problems\n\nLoomwork is a work in progress; very wide grids print slowly.\n"
            )
        },
    )
    doc = lib.index.documents["loomwork.txt"]
    at = doc.text.index("A Python library")
    assert tagline(doc, at, doc.text.index("\n", at))
    later = doc.text.index("Loomwork requires")
    assert not tagline(doc, later, doc.text.index("\n", later))  # not "A/An/The ...", in a section
    from silkqa.documents import Document

    def opening(text: str, kind: str = "text") -> bool:
        d = Document("x.txt", "x.txt", "x", text, kind)
        at = text.index("\n\n") + 2
        return tagline(d, at, len(text.rstrip("\n")))

    assert opening("x\n\nA tool for sorting photos by date.\n")
    assert not opening("x\n\nA tool that is fast for sorting photos.\n")  # a verb of its own
    assert not opening("x\n\nThe above copyright notice and this permission notice shall be kept.\n")
    assert not opening("x\n\nThe China Quarterly, Volume 226, June 2016.\n")  # a running head
    assert not opening("x\n\nA tool for sorting photos by date.\n", kind="pdf")
    answer = lib.ask("what is loomwork")
    assert answer.citations[0].quote == "A Python library for weaving patterns into printable grids."


def test_a_why_question_answered_by_a_conclusion_quotes_the_reason_before_it(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kilns.md": (
                "# Kilns\n\n## Fuel\n\n"
                "Gas kilns and electric kilns reach the same top temperature within a few degrees. "
                "Consequently, there is no reason to prefer a gas kiln over an electric kiln for heat. "
                "Gas kilns cost more to install.\n\n"
                "## Glazes\n\nGlazes melt at lower temperatures than clay bodies.\n"
            )
        },
    )
    answer = lib.ask("why is there no reason to prefer a gas kiln over an electric one for heat?")
    assert answer.citations[0].quote.startswith("Gas kilns and electric kilns reach the same top temperature")
    assert answer.citations[0].quote.endswith("for heat.")
    plain = lib.ask("which kiln costs more to install?")  # not a why question: no sentence joined
    assert not any(
        c.quote.startswith("Gas kilns and electric kilns reach") and "Consequently" in c.quote
        for c in plain.citations
    )


def test_asked_for_a_licence_a_version_or_a_maximum_the_answer_must_name_one(tmp_path, encoder, monkeypatch):
    """The reader's own rule, without the answer judge: the judge is learned, and its misses are
    a rate measured on the blind sets, not a rule to assert (it reads "pebble requires Python
    3.9 or later" as no answer to "which python versions does pebble support")."""
    import silkqa.answering

    monkeypatch.setattr(silkqa.answering, "read_sentences", lambda *args, **kwargs: None)
    quarry = _library_of(
        tmp_path / "quarry",
        encoder,
        {
            "quarry-readme.md": (
                "# quarry\n\nquarry splits large CSV files into smaller ones by row count.\n\n"
                "## Usage\n\nRun quarry with the file name and the number of rows per part. "
                "Each part keeps the header row of the original file. "
                "quarry is maintained by the Stonecutters Guild and welcomes pull requests.\n"
            )
        },
    )
    pebble = _library_of(
        tmp_path / "pebble",
        encoder,
        {
            "pebble-readme.md": (
                "# pebble\n\npebble is a tiny key-value store for scripts.\n\n"
                "## Licence\n\npebble is released under the MIT License.\n\n"
                "## Requirements\n\npebble requires Python 3.9 or later.\n\n"
                "## Limits\n\nA pebble key may hold at most 512 bytes.\n"
            )
        },
    )
    reasons = {
        "what licence is {} released under?": "the passages that match the question best name no licence",
        "which python versions does {} support": "the passages that match the question best name no version",
        # a measure asked by its name that the sources never speak of
        "what is the maximum key size in {}?": "the sources say nothing about key size",
    }
    for lib, answered in ((quarry, False), (pebble, True)):
        for question in (
            "what licence is {} released under?",
            "which python versions does {} support",
            "what is the maximum key size in {}?",
        ):
            asked = question.format("quarry" if lib is quarry else "pebble")
            answer = lib.ask(asked)
            assert answer.abstained is not answered, (asked, answer.reason)
            if not answered:
                assert answer.reason == reasons[question], (asked, answer.reason)
    # "which version of ..." asked of what is no software release needs no version number
    kept = quarry.ask("which version of the header row does each part keep?")
    assert kept.reason != reasons["which python versions does {} support"]
    # what a piece of software bundles or uses is asked in the present tense too
    bundled = quarry.ask("which CSV version does quarry use")
    assert bundled.reason == reasons["which python versions does {} support"]
    # the release asked about may come before the word: "the latest stable version of"
    latest = quarry.ask("What is the latest stable version of quarry?")
    assert latest.abstained and "version" in latest.reason
    from silkqa.answering import VERSION_ASKED

    assert VERSION_ASKED.search("What is the latest stable version of Midnight Commander?")
    assert VERSION_ASKED.search("whats the latest version")
    assert not VERSION_ASKED.search("What features does the latest version add?")


def test_an_interval_asked_for_is_a_quantity_and_an_interval_tree_is_not():
    assert analyse("what is the interval between two polls").kind == "quantity"
    assert analyse("What is the interval?").kind == "quantity"
    assert analyse("What is the interval tree?").kind != "quantity"
    assert analyse("What is the delay slot in MIPS?").kind != "quantity"


def test_when_a_version_came_out_is_read_from_its_changelog_heading_or_the_line_under_it(tmp_path, encoder):
    from silkqa.selection import release_line

    changelog = "Changelog\n\nkestrel 0.7.1\n-------------\n\nRelease date: 08-Mar-2021\n\n- Fix a crash.\n"
    assert release_line(changelog, "0.7.1") == "Release date: 08-Mar-2021"
    assert release_line("* Version 1.0.0 released on September 27, 2017", "1.0").startswith("* Version 1.0.0")
    assert release_line("* Version 1.0.1 released on May 2, 2018", "1.0") is None  # 1.0 is not 1.0.1
    assert release_line("## v3.3 (2021-11-01)\n\nFaster uploads.", "3.3") == "## v3.3 (2021-11-01)"
    assert release_line("## 2.0 (2021-11-01)", "2.0.0") == "## 2.0 (2021-11-01)"
    assert release_line("Requires Python 3.3 or later.\n\nFixed issue 2011.", "3.3") is None  # no release
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kestrel-readme.md": (
                "# kestrel\n\nkestrel watches a folder and uploads new photos.\n\n"
                "## Changes\n\n### Version 3.3 (November 2021)\n\nUploads resume after a dropped connection.\n\n"
                "### Version 3.2 (June 2021)\n\nFolders can be excluded.\n"
            )
        },
    )
    answer = lib.ask("when did kestrel 3.3 come out")
    assert not answer.abstained and "November 2021" in answer.citations[0].quote


def test_a_figure_written_with_its_unit_is_a_figure():
    from silkqa.answering import _figures

    assert _figures("a preset dictionary improves the first 32K or so of compression") == ["32K"]
    assert _figures("rewriting the core made it from 10x to 100x faster") == ["10x", "100x"]
    assert _figures("dumps larger than 4GB") == ["4GB"]
    assert _figures("first released in 2009 [3]") == []  # a year and a citation marker are no figures
    assert _figures("in the 1990s, as (Cooley 2012a) said of the 21st century and of 3D maps") == []


def test_where_a_readme_says_x_is_that_leads_over_its_this_package_contains(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "sprocket-readme.md": (
                "# sprocket\n\n## Introduction\n\n"
                "What is sprocket for? Written for a photo archive, this sprocket package renames photos.\n\n"
                "sprocket is a command-line tool that renames photos by the date they were taken.\n\n"
                "## Install\n\nInstall sprocket with pip.\n"
            )
        },
    )
    assert lib.ask("What is sprocket?").citations[0].quote.startswith("sprocket is a command-line tool")


def test_terse_questions_are_answered_by_what_defines_their_term(tmp_path, encoder):
    from silkqa.questions import analyse

    assert analyse("GOT = ?").acronym == "GOT"
    assert analyse("EST means what").acronym == "EST"
    assert analyse("NSAP meaning in xtrans").acronym == "NSAP"
    assert analyse("life means what").acronym is None  # only letters in capitals are an acronym
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kestrel-12-notes.md": (
                "# Kestrel 12 Release Notes\n\n## Tracing\n\n"
                "Kestrel can now write its logs in CTF, a compact trace format read by most trace viewers.\n\n"
                "## Build options\n\n"
                "--with-expat' Build Kestrel with Expat, a library for XML parsing.\n\n"
                "--with-zlib' Build Kestrel with zlib, to read compressed logs.\n\n"
                "--with-lzma' Build Kestrel with liblzma, to read xz logs.\n"
            )
        },
    )
    ctf = lib.ask("whats CTF in kestrel 12")  # the 12 is the notes' own title, not the quote's
    assert not ctf.abstained, ctf.reason
    assert "a compact trace format" in ctf.citations[0].quote
    expat = lib.ask("whats expat")
    assert not expat.abstained, expat.reason
    assert "Expat, a library for XML parsing" in expat.citations[0].quote


# --------------------------------------------------------------------------- leaning sentences


_CHAIN_TEXT = (
    "The kiln is a furnace. It fires clay at a high heat. This turns the clay into stone. "
    "Glazes melt onto the surface in the same firing. A potter opens the kiln when it has cooled."
) * 8


def _slice(start: int, end: int) -> str:
    """The quote at `start:end` of one document's text, as every real candidate is."""
    return _CHAIN_TEXT[start:end]


def _evidence(
    start: int, end: int, score: float, quote: str | None = None, row: int = 0, chunk_dense: float = 0.0
):
    import numpy as np

    from silkqa.evidence import Evidence

    text = _slice(start, end) if quote is None else quote
    return Evidence(row, "d", start, end, text, 0.5, 0.0, score, np.zeros(2, dtype=np.float32), chunk_dense)


def test_a_sentence_and_its_leaning_follower_are_one_candidate_at_the_better_score():
    from silkqa.evidence import drop_overlapping

    alone = _evidence(0, 40, 0.9, "BTF is new.")
    with_follower = _evidence(0, 90, 0.7, "BTF is new. This is a debugging format.")
    other = _evidence(100, 140, 0.8)
    kept = drop_overlapping([alone, other, with_follower])
    assert [(e.start, e.end, e.score) for e in kept] == [(0, 90, 0.9), (100, 140, 0.8)]
    assert kept[0].quote == "BTF is new. This is a debugging format."


def test_overlapping_candidates_of_a_chain_are_joined_unless_too_long_then_the_better_is_kept():
    """Two leaning quotes of one chain ("A. B." and "B. C.") are one quote "A. B. C." at the better
    score: "C." is quoted nowhere else. Past CHAIN_CHARS the better one alone is kept."""
    from silkqa.evidence import CHAIN_CHARS, drop_overlapping

    kept = drop_overlapping([_evidence(0, 40, 0.9), _evidence(30, 80, 0.8), _evidence(0, 20, 0.7)])
    assert [(e.start, e.end, e.score) for e in kept] == [(0, 80, 0.9)]
    assert kept[0].quote == _slice(0, 80)  # the joined quote is the document's own text
    far = CHAIN_CHARS + 10
    kept = drop_overlapping([_evidence(0, 40, 0.9), _evidence(30, far, 0.8)])
    assert [(e.start, e.end) for e in kept] == [(0, 40)]
    # two passages: the joined quote would be shown in neither, so the better one stands alone
    kept = drop_overlapping([_evidence(0, 40, 0.9, row=1), _evidence(30, 80, 0.8, row=2)])
    assert [(e.start, e.end, e.row) for e in kept] == [(0, 40, 1)]


def test_a_quote_that_holds_a_better_one_keeps_its_own_passage():
    """A shorter quote at the end of one passage and a longer one holding it from the next: the
    joined candidate is shown in the longer quote's passage, which holds all of it."""
    from silkqa.evidence import drop_overlapping

    shorter = _evidence(20, 40, 0.9, row=1, chunk_dense=0.3)
    kept = drop_overlapping([shorter, _evidence(0, 90, 0.7, row=2, chunk_dense=0.6)])
    assert [(e.start, e.end, e.score, e.row, e.chunk_dense) for e in kept] == [(0, 90, 0.9, 2, 0.6)]
    assert kept[0].quote == _slice(0, 90)


def test_what_a_term_is_is_quoted_when_the_sentence_saying_it_leans_on_the_one_naming_it(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "notes.md": "# Release notes\n\n"
            "The compiler can now write its debugging information in QTF. "
            "This is a compact trace format mainly used by embedded probes and the kernel.\n\n"
            "Builds on Windows now use the new linker by default. "
            "The old linker can still be chosen with a command-line flag.\n\n"
            "Several warnings about unused variables were made quieter this release.\n",
        },
    )
    answer = lib.ask("what is QTF?")
    assert not answer.abstained
    assert "This is a compact trace format" in answer.citations[0].quote


def test_when_in_the_present_asks_for_a_condition_and_in_the_past_for_a_date():
    assert analyse("when is the cache rebuilt").kind == "condition"
    assert analyse("When should I call flush()?").kind == "condition"
    assert analyse("when was bzip2 0.1 released").kind == "date"
    assert analyse("when is krb5 1.21 coming out").kind == "date"  # a release is dated
    assert analyse("when is the epoch on gnu systems").kind == "date"


def test_a_condition_answers_a_when_question_about_a_process(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "spool.md": (
                "# spool\n\nspool keeps a cache of parsed configuration files in ~/.cache/spool. "
                "The cache is rebuilt whenever one of the configuration files changes on disk. "
                "Rebuilding takes the whole directory into account, including files that were "
                "deleted. The cache format is private to spool and may change between releases.\n\n"
                "## Jobs\n\nA job is a command with its arguments and its environment. Jobs run one "
                "after another in the order they were queued.\n"
            )
        },
    )
    answer = lib.ask("when is the cache rebuilt")
    assert not answer.abstained, answer.text
    assert "whenever one of the configuration files changes" in answer.citations[0].quote


def test_a_version_answers_when_a_feature_came():
    q = analyse("when was let-else stabilised")
    quote = "let-else has been stable since Rust 1.65."
    assert answer_span(q, quote).text == "Rust 1.65"
    assert answer_span(q, "The flag was added in version 2.3.1 of the tool.").text == "2.3.1"
    assert answer_span(q, "It was first released on March 3, 2019.").text == "March 3, 2019"
    # a sentence may open with it: "In version 1.0.9, support for ... was added"
    q = analyse("In which version was support for Trusted Types added to frobtool?")
    quote = "In version 1.0.9, support for the Trusted Types API (MDN) was added to frobtool."
    assert answer_span(q, quote).text == "1.0.9"


def test_a_time_of_day_answers_what_time_and_only_that():
    q = analyse("what time do daily cron scripts usually run")
    quote = "On most systems the daily cron scripts execute around 1-7 AM, when the machine may be off."
    assert fit(q, quote) == 1.0 and answer_span(q, quote).text == "1-7 AM"
    assert answer_span(q, "The job runs at 06:25 each morning.").text == "06:25"
    assert fit(analyse("when was frobtool released"), "It runs at 3 PM.") == 0.0


def test_figures_in_words_and_in_a_programmers_notation_are_figures():
    from silkqa.answering import _figures, counts

    assert _figures("Up to sixteen workers run at once.") == ["sixteen"]
    assert _figures("The table holds at most 1_000_000 entries, or 1e6.") == ["1_000_000", "1e6"]
    assert _figures("A lookup takes 30 ms on a 2.4GHz machine.") == ["30 ms", "2.4GHz"]
    assert counts("It supports compression levels 1 through 9.", "levels")
    assert counts("A single thread does all the work.", "threads")
    assert not counts("See version 2 of the specification.", "versions")


@pytest.mark.parametrize(
    "question, quote, span",
    [
        (
            "what is mojibake",
            "ftfy can fix mojibake (encoding mix-ups), by detecting patterns.",
            "encoding mix-ups",
        ),
        (
            "what does the ditto symbol mean",
            'The ditto symbol (〃) means "same access count as the previous byte".',
            "same access count as the previous byte",
        ),
        (
            "what are certificates",
            "Certificates are public keys that correspond to a private key, and that are signed.",
            "public keys that correspond to a private key",
        ),
        (
            "what is a calling convention",
            'The "calling convention" is essentially a set of assumptions made by the compiler.',
            "a set of assumptions made by the compiler",
        ),
        (
            "what is IDNABidiError",
            "idna.IDNABidiError — raised when a label mixes left-to-right and right-to-left characters.",
            "raised when a label mixes left-to-right and right-to-left characters",
        ),
        (
            "what is libffi",
            "The libffi library provides a portable, high level programming interface to calling conventions.",
            "a portable, high level programming interface to calling conventions",
        ),
        ("whats a CU", "Only one wavefront per compute unit (CU) was allowed.", "compute unit"),
        (
            "what is glazing",
            "Glazing is a process whereby a layer of glass is fused onto the body of a fired pot by a second "
            "firing at a lower heat, thus sealing its pores and giving it colour without a brush.",
            "a process whereby a layer of glass is fused onto the body of a fired pot by a second firing at a lower heat",
        ),
        (
            "KilnState meaning",
            "KilnStates are opaque records that the controller reads and updates.",
            "opaque records that the controller reads and updates",
        ),
        (
            "what are unfired pots",
            "Pots that have not been fired are known as unfired pots.",
            "Pots that have not been fired",
        ),
        (
            "firing session meaning",
            "A firing session contains every reading taken while the kiln is hot.",
            "every reading taken while the kiln is hot",
        ),
        (
            "what is a rack in kilnctl",
            "Racks contain the pots of one firing.",
            "the pots of one firing",
        ),
        (
            "what does the cone option do",
            "The cone option determines the heat at which the firing ends.",
            "the heat at which the firing ends",
        ),
        (
            "KILN_WAIT_EXACT?",
            "KILN_WAIT_EXACT True if the kiln waits for the exact heat",
            "True if the kiln waits for the exact heat",
        ),
        (
            "NoGlaze-Rejected meaning",
            "NoGlaze-Rejected (Kiln, Pottery): Glazing is not wanted for this pot.",
            "Glazing is not wanted for this pot",
        ),
        ("kiln_event_id?", "Defines a unique target for kiln events.", "a unique target for kiln events"),
        (
            "what is kilnfmt",
            "A tool for formatting kiln logs by firing.",
            "A tool for formatting kiln logs by firing",
        ),
    ],
)
def test_a_definition_span_in_the_forms_a_sentence_defines_by(question, quote, span):
    found = answer_span(analyse(question), quote)
    assert found is not None and found.text == span == quote[found.start : found.end]


@pytest.mark.parametrize(
    "question, quote",
    [
        ("what is kilnfmt", "A user may run the kiln at night."),
        ("what is kilnfmt", "A user runs the kiln at night."),
        ("what is kilnfmt", "A short note on safety."),
        ("what is kilnfmt", "An error occurred while formatting logs"),
        ("kiln_event_id?", "Returns the number of kilns."),
        ("kiln_event_id?", "Describes the history of the kiln protocol."),
        ("what is kilnfmt", "This tool is called kilnfmt."),
        ("what is a kiln", "A Kiln provides no warranty."),
        ("what is a kiln", "Kiln A is hotter than kiln B."),
        ("what is kilnfmt", "The program is called kilnfmt."),
        ("what is kilnfmt", "Its successor is called kilnfmt."),
        ("what is a kiln", "The kiln indicates that the firing is over."),
    ],
)
def test_a_sentence_that_says_something_else_gives_no_definition_span(question, quote):
    assert answer_span(analyse(question), quote) is None


def test_a_loose_definition_is_a_span_but_no_proof_that_the_quote_answers():
    # the refusal checks let a quote stand on its form only for the strict forms ("X is a ...")
    from silkqa.answering import spells_or_defines

    q = analyse("what is mojibake")
    assert answer_span(q, "ftfy can fix mojibake (encoding mix-ups) quickly.") is not None
    assert not spells_or_defines(q, "ftfy can fix mojibake (encoding mix-ups) quickly.")
    assert spells_or_defines(q, "Mojibake is the garbled text that results from a wrong decoding.")


@pytest.mark.parametrize(
    "question",
    [
        "max PSK length with openssl 1.1.0?",
        "oldest python version gdb supports",
        "whats the optimal number of interleaved data streams",
        "What range of numbers can I pass as the compression level?",
        "how deep can arrays be nested before loads fails",
        "With MKL on a 10-core machine and 10 threads each calling BLAS, how many MKL threads do I get?",
    ],
)
def test_a_measure_asked_by_its_name_is_a_quantity(question):
    assert analyse(question).kind == "quantity"


def test_a_byline_names_the_person_not_the_group():
    q = analyse("who wrote the shared mime info spec")
    quote = "X Desktop Group (http://www.freedesktop.org) Thomas Leonard tal197 at users.sf.net"
    assert answer_span(q, quote).text == "Thomas Leonard"


def test_a_title_page_answers_who_wrote_a_specification_and_when(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "frob-spec.txt": (
                "Frobnication Extension Specification\n\nX Consortium Standard\n\nAda M. Lovelace\n\n"
                "Copyright © 1996 X Consortium\n\nMarch 3, 1996\n\nTable of Contents\n\n"
                "Chapter\xa01.\xa0Introduction\n\nThe Frobnication extension lets clients frobnicate "
                "windows. Frobnication allows the creation of future revisions of a window without "
                "redrawing it. The server keeps one frobnication state per window.\n"
            )
        },
    )
    who = lib.ask("who wrote the frobnication extension spec")
    assert not who.abstained and who.citations[0].quote == "Ada M. Lovelace"
    when = lib.ask("frobnication extension spec date?")
    assert not when.abstained and when.citations[0].quote == "March 3, 1996"


def test_an_amount_without_its_number_is_a_figure():
    from silkqa.answering import _figures

    assert _figures("Secure memory is limited to a few k.") == ["a few k"]
    assert _figures("A few people came.") == []


def test_the_author_line_answers_who_wrote_the_document_not_who_wrote_what_it_speaks_of(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "frob-spec.txt": (
                "Frobnication Extension Specification\n\nAda M. Lovelace\n\nCopyright © 1996 X Consortium\n\n"
                "Chapter\xa01.\xa0History\n\nThe frobtool utility started life as a script implemented by Grace Hopper "
                "in 1991. The extension later absorbed frobtool. Frobnication keeps one state per window.\n"
            )
        },
    )
    answer = lib.ask("who originally wrote frobtool")
    assert not answer.abstained and "Grace Hopper" in answer.citations[0].quote


def test_a_lower_case_word_no_dictionary_lists_and_the_library_never_uses_is_a_name():
    from silkqa.vocabulary import is_english, unknown_names

    words = ["kiln", "bakes", "static", "pages", "from", "notes", "dependencies", "developers"]
    words += ["applications", "accessing", "threaded", "doc", "tests", "rather"]
    words += ["pkg", "mutual", "exclusion", "config"]

    class Library:
        def mentions(self, term: str) -> bool:
            return any(w.startswith(term.lower()[: max(4, len(term) - 3)]) for w in words)

        def uses(self, word: str) -> bool:
            return word in words

        def begins(self, prefix: str) -> bool:
            return any(w.startswith(prefix) for w in words)

        def joins(self, first: str, second: str) -> bool:
            return any(
                a.startswith(first) and b.startswith(second) for a, b in zip(words, words[1:], strict=False)
            )

        def writes(self, text: str) -> bool:
            return text in " ".join(words)

        def spells(self, name: str) -> bool:
            return any(w.replace("-", "").replace("_", " ").split(" ")[-1].startswith(name) for w in words)

    def unknown(question: str) -> list[str]:
        return unknown_names(question, Library())

    assert unknown("does kiln work in jupyter notebooks") == ["jupyter"]
    assert unknown("can kiln bake pages with asyncio and tokio") == ["asyncio", "tokio"]
    assert unknown("can kiln bake pydantic-style notes") == ["pydantic-style"]
    # English words the library never uses are paraphrases, not names
    assert unknown("which organisation's notes are coarsest or malformed") == []
    assert is_english("dont") and is_english("initialised") and not is_english("jupyter")
    # forms of the library's own words: typos, abbreviations, compounds
    assert unknown("why is acessing notes slow") == []
    assert unknown("where do the devs list the deps and apps") == []
    assert unknown("run a multithreaded doctest") == []
    assert unknown("is a note a mutex") == []  # the starts of "mutual exclusion"
    # a hyphenated name is one thing: its parts alone do not name it
    assert unknown("bake pages with pkg-config") == ["pkg-config"]
    assert unknown("bake pages with doc-tests and doc tests") == []
    assert unknown("bake pages with pkg-conf") == ["pkg-conf"]  # written by no stem of "config"
    # an English prefix before a word is English: "multi-line", "non-blocking"
    assert unknown("are multi-line notes and non-blocking bakes allowed") == []
    assert unknown("bake pages with multi-zork") == ["multi-zork"]  # the word after it must be English
    # joined by a small word, a compound is a phrase of its parts: each is checked alone
    assert unknown("bake pages from kiln-to-pkg notes") == []
    assert unknown("bake pages from kiln-to-zork notes") == ["kiln-to-zork"]
    assert unknown("is a note a mutflux") == ["mutflux"]  # "mutual" is never followed by "flux"
    assert unknown("set an rpath") == ["rpath"]  # one edit from "rath", which is no word it uses
    # capitals and codes are the other rules' business
    assert unknown("does kiln run on macOS with max_size set") == []
    # a name is named by a word that begins with it, not found inside one ("conda" in "secondary")
    # nor by its first four letters ("condition")
    words += ["secondary", "condition", "flakes", "unpickling", "risc-v", "float8_e4m3fn"]
    assert unknown("install kiln with conda") == ["conda"]
    assert unknown("which flake does kiln bake") == []  # a plural the library uses
    assert unknown("can kiln unpickle notes") == []  # a form of a word it uses
    assert unknown("kiln on riscv, and the f in e4m3fn") == []  # written with a hyphen, after "_"
    assert unknown("Why is Königsgäßchen rejected") == ["Königsgäßchen"]  # one word, not "nigsg"
    assert unknown("what does 0a8f4f0^.. mean") == []  # a code, not the word "a8f4f0"
    words += ["screens"]
    assert unknown("will a screenshot show the notes") == []  # a long name, a form of "screens"


def test_a_name_typed_in_lower_case_the_library_never_mentions_is_refused(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kiln.md": (
                "# Kiln\n\nKiln bakes static pages from notes written in JSON or plain text.\n\n"
                "## Running\n\nKiln runs in a terminal and in a notebook, one note per cell, on x86 and "
                "RISC-V machines. Secondary notes may use the float8_e4m3fn type and convert to xml.\n"
            ),
        },
    )
    jupyter = lib.ask("does kiln run in jupyter notebooks")
    assert jupyter.abstained and "never mentions jupyter" in jupyter.reason
    typo = lib.ask("does kiln run in a termnal")  # a typo of a word the library uses
    assert "never mentions" not in (typo.reason or "")
    for spelled in ("does kiln run on riscv", "does kiln bake float8 notes with e4m3fn"):
        assert "never mentions" not in (lib.ask(spelled).reason or ""), spelled  # "RISC-V", "float8_e4m3fn"
    assert "never mentions conda" in lib.ask("install kiln with conda").reason  # not in "secondary"
    assert "never mentions tox" in lib.ask("does kiln run under tox").reason  # not "to xml": two words


def test_how_many_is_answered_by_a_number_of_the_thing_or_of_its_kinds():
    from silkqa.answering import counts

    assert counts("It has two commands:", "commands")
    assert counts("The following three types of HTTP Authentication are supported.", "kinds")
    assert counts("There are two patterns that can be used.", "ways")
    assert counts("This is done automatically for output over N lines (N = 50 by default).", "lines")
    assert not counts("The tool has many commands and two modes.", "commands")
    assert not counts("Output over N lines is squeezed.", "lines")


def test_a_sentence_that_counts_what_how_many_asks_for_leads():
    import numpy as np

    from silkqa.answering import _typed_first
    from silkqa.evidence import Evidence

    def ev(start, quote, score):
        return Evidence(0, "d", start, start + len(quote), quote, 0.5, 0.5, score, np.zeros(2))

    talk = ev(0, "The benchmark tool is driven by commands.", 1.0)
    count = ev(50, "It has two commands:", 0.9)
    chosen = _typed_first(analyse("how many commands does the tool have"), [talk, count], [talk, count])
    assert chosen[0].quote == "It has two commands:"
    kept = _typed_first(analyse("what drives the tool"), [talk, count], [talk, count])
    assert kept[0].quote == talk.quote


def test_an_acronym_spelled_after_a_comma_for_or_asked_in_lower_case_is_found():
    smp = "Cores need primitives designed for them (also called SMP, for symmetric multi-processing)."
    assert acronym_expansion(smp, "SMP").text == "symmetric multi-processing"
    adot = "Use the AWS Distro for OpenTelemetry (ADOT) Collector to send trace data."
    assert acronym_expansion(adot, "adot").text == "AWS Distro for OpenTelemetry"
    assert acronym_expansion("Use XAI, for example in audits.", "XAI") is None


def test_a_definition_of_a_code_or_coined_name_is_not_refused_for_loose_closeness():
    from silkqa.answering import names_exactly

    assert names_exactly(analyse("what does noshuffle do"), "noshuffle cancels answer shuffling.")
    assert names_exactly(analyse("whats INIT_CWD"), "Use the INIT_CWD environment variable, which holds it.")
    assert not names_exactly(analyse("what does noshuffle do"), "noshufflegroups cancels group shuffling.")
    assert not names_exactly(analyse("what is a shuffle"), "shuffle reorders the answers.")  # an English word
    assert not names_exactly(analyse("why is noshuffle slow"), "noshuffle cancels answer shuffling.")


def test_a_version_in_the_section_heading_is_said_of_the_sentences_under_it(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "CHANGELOG.md": (
                "# Changelog\n\n## 2.16.2 (June 2022)\n\n"
                "Nothing changed in the code; the release only repairs the packaging metadata.\n\n"
                "## 2.16.1 (May 2022)\n\nThe parser accepts empty headers again.\n"
            ),
        },
    )
    answer = lib.ask("Why was version 2.16.2 released?")
    assert "2.16.2" not in (answer.reason or "")
    assert "mentions 2.17.0" in lib.ask("Why was version 2.17.0 released?").reason


def test_a_leading_when_or_if_clause_does_not_make_a_question_ask_for_a_date():
    assert analyse("If I pass --strict, what is a U-label?").kind == "definition"
    assert analyse("when using pip what is backtracking").subject == "backtracking"
    assert analyse("When creating a lint with --type, what exactly is a type?").kind != "date"
    assert analyse("When was gitweb merged into git?").kind == "date"
    assert analyse("when is the cache rebuilt").kind == "condition"


def test_acronyms_in_mixed_case_lower_case_or_inside_a_name_are_asked_and_spelled():
    assert acronym_expansion("Sequentially Consistent (SeqCst)", "SeqCst").text == "Sequentially Consistent"
    assert analyse("tsc meaning in the node security policy").acronym == "tsc"
    assert analyse("des = ?").kind == "acronym"
    assert analyse("code meaning").kind != "acronym"  # an English word
    assert analyse("what does the DCL in PKWare DCL mean").acronym == "DCL"


def test_measures_and_years_named_without_a_question_word_are_typed():
    assert analyse("systemd indent width").kind == "quantity"
    assert analyse("alignment of a packed struct").kind == "quantity"
    assert analyse("copyright year of the XDMCP document").kind == "date"
    assert analyse("sgi copyright year").kind == "date"
    from silkqa.reader import figures

    assert [m.group(0) for m in figures("8ch indent, no tabs; ~109ch should be enough")] == ["8ch", "109ch"]


def test_an_apposition_with_a_plural_class_defines_the_term():
    from silkqa.reader import _defines

    assert _defines("Rust supports const fn, functions which are evaluable at compile-time.", "const fn")
    assert not _defines("Use const fn, then call it twice.", "const fn")


def test_a_spec_named_by_its_initials_or_file_gives_its_author_and_copyright_year(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "xdmcp.txt": (
                "X Display Manager Control Protocol\n\nKeith Packard\n\n"
                "Copyright © 1989, 2004 The Open Group\n\n"
                "1. Purpose and Goals\n\nThe protocol lets an autonomous display ask a host for login service.\n\n"
                "2. Overview\n\nA display manager answers the display's queries and starts its session.\n"
            ),
            "notes.md": "# Notes\n\nThe display manager was written in C and runs on many hosts.\n",
        },
    )
    author = lib.ask("who wrote the xdmcp spec")
    assert not author.abstained and author.answer_span["text"] == "Keith Packard"
    year = lib.ask("copyright year of the XDMCP document")
    assert not year.abstained and year.answer_span["text"] in {"1989", "1989, 2004"}


def test_of_several_copyright_lines_the_one_whose_holder_is_asked_about_is_quoted():
    from silkqa.selection import _copyright_line

    text = (
        "Copyright © 1989, 1992 X Consortium, Inc.\n\nCopyright © 1989 Digital Equipment Corporation\n\n"
        "Copyright © 1993 Silicon Graphics, Inc.\n"
    )
    assert _copyright_line(text, "sgi copyright year").startswith("1993 Silicon Graphics")
    assert _copyright_line(text, "year of the digital equipment copyright").startswith("1989 Digital")
    assert _copyright_line(text, "copyright year of the spec").startswith("1989, 1992 X Consortium")


def test_a_quote_that_says_most_of_a_terse_questions_words_is_not_loosely_related():
    from silkqa.answering import says_the_words

    q = analyse("Kieron Drake minimal testing extension proposal date?")
    assert says_the_words(q, "Some Proposals for a Minimal X11 Testing Extension, Kieron Drake, April 1991")
    assert not says_the_words(q, "The extension records protocol for testing.")
    assert not says_the_words(analyse("what is asan"), "asan is fast")  # too few words to tell


def test_ports_are_numbers_and_represents_defines():
    from silkqa.answering import names_exactly
    from silkqa.reader import _defines

    assert analyse("what port does ssh.socket listen on").kind == "quantity"
    assert _defines("An Edge represents a dependency relationship.", "edge")
    assert _defines("MISSING Indicates that the dependency is unmet.", "MISSING")
    forward = analyse("what does ForwardX11Trusted no do")
    assert names_exactly(forward, "ForwardX11Trusted, when set to no, makes the cookie untrusted.")
    assert not names_exactly(forward, "ForwardX11 makes the cookie untrusted.")


def test_a_term_is_defined_by_the_first_paragraph_under_its_heading(tmp_path, encoder):
    """A reference lists terms as headings and says what each is in the paragraph below,
    calling it "it": that sentence answers "X meaning", not the one that gives its default."""
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kiln-checks.md": (
                "# Checks\n\nKiln runs checks on every page before it bakes the site.\n\n"
                "## unused_notes\n\nThis check is allowed by default. It detects notes that no page links to. "
                "For example:\n\n```\nkiln check --warn unused_notes\n```\n\n"
                "## broken_links\n\nThis check warns by default. It detects links to pages that do not exist. "
                "For example:\n\n```\nkiln check --deny broken_links\n```\n"
            ),
        },
    )
    for question in ("unused_notes meaning", "what does unused_notes catch"):
        answer = lib.ask(question)
        assert not answer.abstained, question
        assert "It detects notes that no page links to." in answer.citations[0].quote, question


KILN_TYPES = (
    "Kiln protocol\n\nThe kiln protocol carries firing logs between a kiln controller and the potter's "
    "workstation. Every request names the kiln it is about and the firing it belongs to.\n\n"
    "Data types\n\nkiln_id { XID }\n\nDefines a unique target for the messages of one kiln. Several "
    "identifiers can be allocated for one kiln, so that each workstation gets its own messages.\n\n"
    "firing_mode { Oxidation, Reduction }\n\nSelects how much air the burners draw while the kiln "
    "fires. The mode of a firing cannot change once the kiln is hot.\n\n"
    "CONEVALUE { CARD8 }\n\nSee the table of cones for the values.\n\n"
    "Kiln firing schedules in winter\n\nThe controller reads each schedule from the log.\n\n"
    "kiln_id = 5\n\nSometimes a pot cracks in the kiln.\n\n"
    "firing_mode { Oxidation }\n\nPerhaps the kiln is hot today.\n"
)


def test_an_entry_is_defined_by_the_line_under_its_term_line(tmp_path, encoder):
    """A reference lists a type, a function or an option on a line of its own and says what it
    does on the next, opening with its verb: that sentence answers "X?" and "X meaning"."""
    from silkqa.documents import load_document
    from silkqa.selection import described_after_term_line

    path = tmp_path / "kiln-protocol.txt"
    path.write_text(KILN_TYPES)
    doc = load_document(path, path.name)

    def at(sentence: str) -> tuple[int, int]:
        start = doc.text.index(sentence)
        return start, start + len(sentence)

    defines = "Defines a unique target for the messages of one kiln."
    assert described_after_term_line(doc, *at(defines), "kiln_id")
    assert not described_after_term_line(doc, *at(defines), "firing_mode")  # another entry's term
    selects = "Selects how much air the burners draw while the kiln fires."
    assert described_after_term_line(doc, *at(selects), "firing_mode")
    assert not described_after_term_line(doc, *at("See the table of cones for the values."), "CONEVALUE")
    # a sentence that does not open its line, or under a line of prose, is no entry's description
    assert not described_after_term_line(
        doc, *at("The mode of a firing cannot change once the kiln is hot."), "firing_mode"
    )
    assert not described_after_term_line(doc, *at("Every request names the kiln it is about"), "kiln")
    # a line of prose or of code above is no term line, and an opening that is no description is none
    assert not described_after_term_line(doc, *at("The controller reads each schedule from the log."), "kiln")
    assert not described_after_term_line(doc, *at("Sometimes a pot cracks in the kiln."), "kiln_id")
    assert not described_after_term_line(doc, *at("Perhaps the kiln is hot today."), "firing_mode")
    lib = _library_of(tmp_path / "lib", encoder, {"kiln-protocol.txt": KILN_TYPES})
    for question, lead in (("kiln_id?", defines), ("firing_mode meaning", selects)):
        answer = lib.ask(question)
        assert not answer.abstained, question
        assert lead in answer.citations[0].quote, question


KILN_GUIDE = (
    "# Firing a kiln\n\nA kiln log records every firing of the kiln, so that the potter can repeat a "
    "good result and avoid a bad one.\n\n## Before the firing\n\n"
    "Before you start a firing, make sure you have set the following values on the controller:\n\n"
    "- the cone\n- the clay body\n- the atmosphere\n\n"
    "Then close the lid.\n\nWait an hour.\n\n"
    "## Installing the controller\n\n"
    "To install the kiln controller software on the workstation, run the following commands:\n\n"
    "```\npip install kiln\nkiln init --force\nkiln serve\n```\n\n"
    "The server then listens on port 8080 of your machine for requests.\n"
)


def test_a_term_line_names_its_own_term_not_a_longer_one(tmp_path):
    """ "kiln-mode" above a description is another term than "kiln"; "-q, --quiet" names the long
    option too; an opening word that describes nothing ("Nevertheless the ...") is no description."""
    from silkqa.documents import load_document
    from silkqa.selection import described_after_term_line

    path = tmp_path / "kiln-options.txt"
    path.write_text(
        "Kiln options\n\nThe kiln reads its options from the command line.\n\n"
        "kiln-mode { Oxidation, Reduction }\n\nSelects how much air the burners draw while the kiln fires.\n\n"
        "-q, --quiet\n\nSuppresses all output of the controller.\n\n"
        "--draft\n\nNevertheless the kiln fires as it did before.\n\n"
        "--dry\n\nNonetheless the kiln keeps its heat.\n\n"
        "--wet\n\nDoubtless the glaze runs when it is wet.\n"
    )
    doc = load_document(path, path.name)

    def at(sentence: str) -> tuple[int, int]:
        start = doc.text.index(sentence)
        return start, start + len(sentence)

    selects = at("Selects how much air the burners draw while the kiln fires.")
    assert not described_after_term_line(doc, *selects, "kiln")
    assert described_after_term_line(doc, *selects, "kiln-mode")
    assert described_after_term_line(doc, *at("Suppresses all output of the controller."), "--quiet")
    assert described_after_term_line(doc, *at("Suppresses all output of the controller."), "-q")
    assert not described_after_term_line(doc, *at("Nevertheless the kiln fires as it did before."), "--draft")
    assert not described_after_term_line(doc, *at("Nonetheless the kiln keeps its heat."), "--dry")
    assert not described_after_term_line(doc, *at("Doubtless the glaze runs when it is wet."), "--wet")


def test_a_sentence_that_introduces_a_list_is_quoted_with_it(tmp_path, encoder):
    """ "... set the following values:" promises an answer that its items give; each item is too
    short to be a candidate of its own, so the sentence is quoted with them, and with no short
    paragraph that follows the list, nor a command."""
    from silkqa.answering import cite, display_quote, gather
    from silkqa.ui_text import quote_span

    lib = _library_of(tmp_path, encoder, {"kiln-guide.md": KILN_GUIDE})
    answer = lib.ask("which values must I set on the controller before a firing?")
    assert not answer.abstained
    lead = answer.citations[0]
    assert lead.quote.startswith("Before you start a firing") and lead.quote.endswith("the atmosphere")
    document = lib.index.documents[lead.doc_id].text
    assert document[lead.start : lead.end] == lead.quote
    assert display_quote(lead.quote).endswith(": the cone; the clay body; the atmosphere")
    for ev in gather(lib.index, lib.encoder, "how do I install the kiln controller software?").found:
        if ev.quote.startswith("To install the kiln controller"):
            assert "pip install" not in ev.quote or "listens" not in ev.quote
            assert "; " not in display_quote(ev.quote)
        citation = cite(lib.index, ev, 1)
        assert citation is not None and quote_span(citation) is not None  # within its passage
    assert display_quote("To install it, run:\n\n$ pip install kiln\n\n$ kiln init") == (
        "To install it, run: $ pip install kiln $ kiln init"
    )


FERRY_API = """# Ferry handlers

Every port registers its handlers in the handler table of the ferry context. They all share the same
signature:

    void ferry_handler(ferry_port_t *port, int nargs);

A handler checks nargs first, because a port may call it with fewer arguments than it expects. The
harbour master reads the handler table at noon and again at midnight.

## Ports

Unless the configuration names another, every ferry listens on its default port, which is:

4096

Ports below 1024 need the harbour master's key, which is kept in the harbour office.
"""


def test_a_sentence_ending_in_a_colon_is_quoted_with_the_line_it_introduces(tmp_path, encoder):
    """ "They all share the same signature:" promises what the line below gives: for a question that
    asks what, the two are one quote; a why question is not answered by the line."""
    from silkqa.answering import gather

    lib = _library_of(tmp_path, encoder, {"ferry-api.md": FERRY_API})
    answer = lib.ask("what is the signature of a ferry handler")
    assert not answer.abstained
    lead = answer.citations[0]
    assert "same signature:" in lead.quote and lead.quote.rstrip().endswith("int nargs);")
    assert lib.index.documents[lead.doc_id].text[lead.start : lead.end] == lead.quote
    lead = lib.ask("what is the default port of a ferry").citations[0]
    assert lead.quote.startswith("Unless the configuration") and lead.quote.rstrip().endswith("4096")
    for ev in gather(lib.index, lib.encoder, "why do ferry handlers check nargs?").found:
        assert not ("same signature:" in ev.quote and "void ferry_handler" in ev.quote)


def test_items_written_as_sentences_are_not_quoted_as_a_list(tmp_path, encoder):
    """The markup's list marks are gone from the text, so short sentences after a list of sentences
    read as more of its items: such a list is not quoted with its introduction at all."""
    from silkqa.answering import gather

    guide = (
        "# Firing a kiln\n\nA kiln log records every firing of the kiln.\n\n## Before the firing\n\n"
        "Before you start a firing, make sure of the following things on the controller:\n\n"
        "- The cone is set.\n- The lid is shut.\n\nThen start the firing.\n\nWait an hour.\n\n"
        "Open the vent.\n\n## Cooling\n\nThe pots cool for a day in the closed kiln.\n"
    )
    lib = _library_of(tmp_path, encoder, {"kiln-guide.md": guide})
    found = gather(
        lib.index, lib.encoder, "what must I make sure of on the controller before a firing?"
    ).found
    intro = [ev for ev in found if ev.quote.startswith("Before you start a firing")]
    assert intro and all(ev.quote.endswith("on the controller:") for ev in intro)


def test_a_list_with_an_item_that_reads_like_code_is_quoted_whole_or_not_at_all(tmp_path, encoder):
    """ "the build directory" is no command and "GCC/Clang or MSVC" an item, not code: a list is
    never quoted up to such an item as if it ended there."""
    from silkqa.answering import display_quote, gather

    for odd in ("the build directory", "GCC/Clang or MSVC"):
        guide = (
            "# Building kilnctl\n\nkilnctl is a controller for electric kilns, written in C.\n\n## Requirements\n\n"
            "Before you build kilnctl, make sure that you have the following on your machine:\n\n"
            f"- a C compiler\n- the kiln headers\n- {odd}\n- the libserial package\n\n"
            "Then run the build script from the top of the source tree and wait for it to finish.\n"
        )
        lib = _library_of(tmp_path / odd.split()[0], encoder, {"kilnctl.md": guide})
        found = gather(lib.index, lib.encoder, "what do I need on my machine before I build kilnctl?").found
        intro = [ev for ev in found if ev.quote.startswith("Before you build kilnctl")]
        assert intro, odd
        for ev in intro:
            shown = display_quote(ev.quote)
            assert shown.endswith("on your machine:") or shown.endswith("the libserial package"), (odd, shown)
    assert display_quote(
        "You need the following:\n\na C compiler\n\nthe kiln headers\n\nthe build directory"
    ).endswith("; the build directory")


def test_a_list_cut_off_by_its_passage_or_too_long_to_quote_is_not_quoted_as_a_list(tmp_path, encoder):
    from silkqa.answering import gather

    filler = " ".join(f"The kiln log keeps note number {n} of every firing in the shed." for n in range(60))
    items = "\n".join(f"- field{n}" for n in range(12))
    text = f"# Kiln manifest\n\n{filler}\n\nThe manifest of a kiln holds these fields:\n\n{items}\n"
    lib = _library_of(tmp_path, encoder, {"kiln-manifest.md": text})
    for ev in gather(lib.index, lib.encoder, "which fields does the kiln manifest hold?").found:
        if ev.quote.startswith("The manifest of a kiln holds"):
            assert ev.quote.endswith("these fields:")  # twelve items: more than an answer quotes


def test_an_acronym_spelled_out_in_a_short_heading_line_is_found(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "onboarding.md": (
                "# Onboarding\n\nNew members meet a mentor in their first week and review a change together.\n\n"
                "Continuous Integration (CI) Testing:\n\nIt is not run by itself. You start a CI job from "
                "the web form after a review, and the mentor checks the results with you.\n"
            ),
        },
    )
    answer = lib.ask("what does CI stand for")
    assert not answer.abstained
    assert answer.answer_span is not None and answer.answer_span["text"] == "Continuous Integration"


def test_a_copyright_line_names_who_made_a_work():
    from silkqa.answering import _BY_NAME

    assert _BY_NAME.search("A JavaScript implementation of the spec Copyright Ada M. Lovelace")
    assert _BY_NAME.search("(c) 2004-2011 Grace Hopper")
    assert not _BY_NAME.search("Copyright and Other Notices")
    assert not _BY_NAME.search("Copyright Notice\n\nThe Software is provided as is")


def test_a_small_number_is_said_in_words(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kiln.md": (
                "# Kiln\n\n"
                + " ".join(f"Kiln bakes page {n} from its notes in order." for n in range(40))
                + "\n\n## Counters\n\nThe counter method takes an optional base parameter that makes the "
                "page counter zero-based or one-based.\n"
            ),
        },
    )
    counted = lib.ask("can the page counter start at 1 instead of 0?")
    assert not counted.abstained and "zero-based" in counted.citations[0].quote


def test_an_instruction_for_a_purpose_answers_how():
    q = analyse("kiln output not showing, how do i see it")
    assert (
        fit(q, "If you would like to see the output in your terminal, invoke kiln with the -vv flag.") == 1.0
    )
    assert fit(q, "To fix the warning, you need to add a note to the page.") == 1.0
    assert fit(q, "To date, the output is written to a file.") < 1.0
    assert fit(q, "To the best of our knowledge, the output is written to a file.") < 1.0


def test_who_maintains_is_answered_by_a_body_not_by_what_others_maintain(tmp_path, encoder):
    q = analyse("who maintains the registry of counter names")
    assert fit(q, "The X Consortium will maintain a registry of counter names.") == 1.0
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "counters.txt": (
                "Counters\n\nListCounters returns every counter the server has, including counters that are "
                "maintained by other extensions.\n\nThe X Consortium will maintain a registry of counter names "
                "to avoid collisions in the name space.\n\nA counter holds a 64-bit value.\n"
            ),
        },
    )
    answer = lib.ask("who maintains the registry of counter names")
    assert not answer.abstained and "X Consortium" in answer.citations[0].quote


def test_where_in_a_manual_is_a_path_or_a_position():
    q = analyse("where is the hidden lockfile")
    assert fit(q, "npm uses a hidden lockfile present in node_modules/.package-lock.json.") > 0
    assert fit(q, "A keyword before the block must be on the same line as the opening brace.") > 0
    assert fit(q, "The lockfile is read and/or written by npm.") == 0
    assert fit(q, "The lockfile is read/write for the client/server pair since 12/05/2020.") == 0


def test_a_who_question_asks_about_the_verb_that_follows_who():
    from silkqa.answering import _asked_role

    assert _asked_role("Who reported a successful build on HP-UX?") is None  # "build" is no role here
    assert _asked_role("who originally wrote frobtool").group(1).lower() == "wrote"
    assert _asked_role("Who is the author of the kiln guide?").group(1).lower() == "author"
    assert _asked_role("Who was the kiln guide written by?").group(1).lower() == "written"
    # an office: a sentence naming the country is no answer to who holds it
    assert _asked_role("Who is the president of Uzbekistan?").group(1).lower() == "presid"
    assert _asked_role("who chairs the harbour board").group(1).lower() == "chair"
    assert _asked_role("Who reads the headers?") is None


def test_a_name_the_question_says_is_no_new_name_inside_a_list_of_names():
    from silkqa.reader import new_names

    sentence = "Finally, Turkmenistan and Uzbekistan are carrying out gradual reforms."
    asked = [n.text for n in new_names(sentence, analyse("Who is the president of Uzbekistan?"))]
    assert asked == ["Turkmenistan"]
    both = [n.text for n in new_names(sentence, analyse("Which two countries reform slowly?"))]
    assert both == ["Turkmenistan and Uzbekistan"]  # a list the question names none of stays whole


def test_a_short_line_that_gives_a_figure_is_evidence(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kiln.txt": (
                "Kiln\n\nKiln bakes static pages from notes. Its MPI code was rewritten for speed in the "
                "second release, and the MPI routines now run in constant time.\n\nRequirements\n\n"
                "Perl 5.8.1 or higher.\n\nA C compiler that builds the rest of the page baker.\n"
            ),
        },
    )
    perl = lib.ask("minimum perl version?")  # a four-word line with a figure is a candidate
    assert any("5.8.1" in c.quote for c in perl.citations)


def test_the_library_words_find_what_reading_every_document_finds():
    """LibraryWords answers from one merged vocabulary; it must agree with reading each
    document (a word inside a longer word, a stem, a term of several words, a code)."""
    from dataclasses import dataclass

    from silkqa.answering import LibraryWords, _library_mentions, document_mentions

    @dataclass
    class Doc:
        text: str

    @dataclass
    class Index:
        documents: dict

    texts = [
        "Kiln reads pkgconfig files\nMutual exclusion guards the oven.",
        "The developers bake static pages; see --dry-run and %Q.",
        "Nothing else here.",
    ]
    index = Index({str(i): Doc(t) for i, t in enumerate(texts)})
    words = LibraryWords(index)
    for term in [
        "config",
        "developments",
        "bake",
        "oven",
        "static pages",
        "--dry-run",
        "%Q",
        "zebra",
        "guard",
    ]:
        expected = any(document_mentions(t, term) for t in texts) if not term.startswith(("-", "%")) else None
        if expected is not None:
            assert _library_mentions(index, term) == expected, term
    assert words.uses("oven") and not words.uses("ove")
    assert words.begins("ove") and not words.begins("zeb")
    assert words.joins("mut", "ex") and not words.joins("fil", "mut")  # not across a line break
    assert words.writes("mutual exclusion") and not words.writes("exclusion mutual")


def test_a_search_box_command_asks_how():
    from silkqa.questions import analyse

    for text in ("install jsonpath-ng", "remove a virtualenv", "build libfoo on windows", "Install it?"):
        assert analyse(text).kind == "method", text
    for text in ("build system", "run time of the build", "use of force"):
        assert analyse(text).kind != "method", text


def test_a_command_is_quoted_with_the_sentence_that_introduces_it(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kiln.md": (
                "# Kiln\n\nKiln bakes static pages from notes written in JSON or plain text.\n\n"
                "## Quick start\n\nTo install, use pip:\n\n```\n$ pip install --upgrade kiln\n```\n\n"
                "## Running\n\nKiln runs in a terminal, one note per page.\n"
            ),
        },
    )
    answer = lib.ask("install kiln")
    assert not answer.abstained
    lead = answer.citations[0].quote
    assert lead.startswith("To install, use pip:") and "pip install --upgrade kiln" in lead


def test_a_changelog_entry_is_said_of_the_release_it_lies_under(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kiln-changes.md": (
                "# Changelog\n\n## 2.0.7 (2021-10-11)\n\n### Fixed\n\nPages with a title only are baked again.\n\n"
                "## 2.0.6 (2021-09-18)\n\n### Changed\n\nBaking is faster: about 12% less time per page.\n\n"
                "### Fixed\n\nA note with an empty body no longer stops the oven.\n\n"
                "## 2.0.5 (2021-08-01)\n\n### Added\n\nNotes may be written in TOML.\n"
            ),
        },
    )
    answer = lib.ask("how much faster was baking in 2.0.6")
    assert not answer.abstained, answer.reason
    assert "12% less time" in answer.citations[0].quote


def test_a_version_asked_about_is_found_and_leads(tmp_path, encoder):
    from silkqa.lexical import tokenize

    assert tokenize(["Python 3.6: kiln < 3.1, then 2.0.6."]) == [["python", "3.6", "kiln", "3.1", "2.0.6"]]
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kiln.md": (
                "# Kiln\n\nKiln bakes static pages from notes.\n\n## Python versions\n\n"
                + "".join(
                    f"Kiln {k}.0 added an oven for notes of kind {k}, tested with Python >= 3.{k + 4}.\n\n"
                    for k in range(1, 9)
                )
                + "## Old Pythons\n\nPython 3.6: kiln < 3.1\n\nPython 3.5: kiln < 2.1\n"
            ),
        },
    )
    answer = lib.ask("which kiln version can i use on python 3.6")
    assert not answer.abstained, answer.reason
    assert "3.6" in answer.citations[0].quote


def test_what_a_thing_is_for_asks_what_it_is():
    from silkqa.questions import analyse

    for text, subject in (
        ("what is the present extension for", "present extension"),
        ("What is UID 65534 used for?", "UID 65534"),
        ("whats XC-QUERY-SECURITY-1 for", "XC-QUERY-SECURITY-1"),
    ):
        q = analyse(text)
        assert (q.kind, q.subject) == ("definition", subject), text
    assert analyse("what does DHAT stand for").kind == "acronym"


def test_a_measure_asked_by_name_must_be_spoken_of():
    from silkqa.questions import analyse

    assert analyse("default timeout for urllib3 requests").attribute == "timeout"
    assert analyse("max file size the cli accepts").attribute == "file size"
    q = analyse("typical latency of a swap on real hardware in ms")
    assert (q.kind, q.attribute) == ("quantity", "latency")


def test_a_measure_the_library_never_speaks_of_is_refused(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kiln.md": (
                "# Kiln\n\nKiln bakes static pages from notes written in JSON or plain text.\n\n"
                "## Command line\n\nThe kiln command reads every note file it is given and writes one page "
                "per note. Options: -q for quiet output, -o to name the output folder.\n"
            ),
        },
    )
    answer = lib.ask("max file size the kiln command accepts")
    assert answer.abstained and "file size" in answer.reason


def test_a_short_install_command_is_an_answer(tmp_path, encoder):
    from silkqa.evidence import _short_but_telling

    assert _short_but_telling("pip install kiln -U") and _short_but_telling("$ cargo add kiln")
    assert not _short_but_telling("See the guide below.")
    assert not _short_but_telling("$ git clean -Xdf", asks_how=False)  # no answer to why
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kiln.md": (
                "# Kiln\n\nKiln bakes static pages from notes written in JSON or plain text.\n\n"
                "## Installation\n\nUsing pip:\n\n```sh\npip install kiln -U\n```\n\n"
                "## Running\n\nKiln runs in a terminal, one note per page, and writes HTML.\n"
            ),
        },
    )
    answer = lib.ask("how do i install kiln")
    assert not answer.abstained, answer.reason
    assert "pip install kiln -U" in answer.citations[0].quote


def test_when_in_a_procedure_asks_for_a_moment_not_a_date():
    from silkqa.questions import analyse

    assert analyse("When exactly in my program should kiln.bake() be called?").kind == "condition"
    assert analyse("When exactly was kiln 2.0 released?").kind == "date"


def test_british_spellings_match_american_ones():
    from silkqa.lexical import content_terms

    assert content_terms("what licence is kiln under") >= content_terms("license")
    for british, us in (("colour", "color"), ("initialised", "initialized"), ("centre", "center")):
        assert content_terms(british) == content_terms(us)
    for word in ("rise", "promise", "precise", "tour"):  # -ise and -our words that are no British spelling
        assert content_terms(word) != set() and next(iter(content_terms(word))).startswith(word[:3])


def test_the_candidate_that_names_the_asked_version_is_read_when_the_closest_do_not():
    from types import SimpleNamespace

    from silkqa.answering import _names_numbers, _naming_the_numbers
    from silkqa.questions import analyse

    def said(*quotes, doc="kiln.md"):
        return [SimpleNamespace(quote=q, doc_id=doc) for q in quotes]

    assert _names_numbers(["3.6"], "Python 3.6: kiln < 3.1") and not _names_numbers(
        ["3.6"], "Python 3.6.1 or 13.6"
    )
    q = analyse("which kiln version can i use on python 3.6")
    closest = said("Kiln runs on Python >= 3.8.", "Python 3.13.6 is tested.", "Kiln 2.0 bakes faster.")
    found = [*closest, *said("Kiln is small.", "Python 3.6: kiln < 3.1")]
    assert _naming_the_numbers(q, closest, found).quote == "Python 3.6: kiln < 3.1"
    assert _naming_the_numbers(q, found[-1:], found) is None  # the closest already name it
    assert _naming_the_numbers(analyse("does kiln run on x86-64"), closest, found) is None  # a name's number
    # whole numbers too, once the closest were refused for not naming them: "kiln 5" is a version
    closest = said("Download kiln 6 from its site.", "Kiln bakes pages.", "Kiln 6 needs Python 3.")
    found = [*closest, *said("Kiln is small.", "Kiln 6 is a port of kiln 5 to Python 3.")]
    assert _naming_the_numbers(
        analyse("how does kiln 6 differ from kiln 5?"), closest, found
    ).quote.startswith("Kiln 6 is a port of kiln 5")
    # ... from a document the closest come from: another project's "Python 2 is no longer supported"
    found = [*closest, *said("Python 2 is no longer supported.", doc="regex.txt")]
    assert _naming_the_numbers(analyse("does kiln still support python 2"), closest, found) is None


def test_a_heading_above_is_a_release_only_over_change_kinds(tmp_path):
    from silkqa.answering import version_heading
    from silkqa.documents import load_document

    path = tmp_path / "kiln.md"
    path.write_text(
        "# Kiln\n\n## Kiln 3.6 notes\n\nOld notes.\n\n## Installation\n\nInstall it with pip.\n\n"
        "## 2.0.6 (2021-09-18)\n\n### Changed\n\nBaking is faster.\n",
        encoding="utf-8",
    )
    doc = load_document(path, "kiln.md")
    assert version_heading(doc, doc.text.index("Install it")) is None
    assert version_heading(doc, doc.text.index("Baking is")) == "2.0.6 (2021-09-18)"


@pytest.mark.parametrize(
    ("question", "kind", "subject"),
    [
        ("KCC?", "acronym", "KCC"),
        ("AD FS?", "acronym", None),
        ("ResolutionImpossible?", "definition", "ResolutionImpossible"),
        ("pyenv-virtualenv?", "definition", "pyenv-virtualenv"),
        ("Installation?", "other", None),  # a word of English alone may ask anything
    ],
)
def test_a_name_alone_with_a_question_mark_asks_what_it_is(question, kind, subject):
    q = analyse(question)
    assert (q.kind, q.subject) == (kind, subject)
    if kind == "acronym":
        assert q.acronym == question.rstrip("?")


def test_an_acronym_is_spelled_by_the_capitals_inside_a_word():
    quote = "Any identity provider that supports OpenID Connect (OIDC) can be used."
    assert acronym_expansion(quote, "OIDC").text == "OpenID Connect"
    assert acronym_expansion("The PostgreSQL (PG) server.", "PG") is None


def test_a_preference_between_two_answers_which_is_picked():
    q = analyse("CCES or VDSP++, which one does cmake pick when both are installed")
    assert q.kind == "comparison"
    assert fit(q, "CCES will be selected over VDSP++ if both are installed.") == 1.0
    assert fit(q, "CMake will search for CCES or VDSP++ installs.") < 1.0


def test_a_version_from_which_on_answers_which_version():
    q = analyse("From which CPython version is the venv module available?")
    assert fit(q, "There is a venv module available for CPython 3.3 and newer.") > 0
    assert fit(q, "The venv module is available.") == 0


def test_a_count_in_the_questions_own_terms_answers_by_its_form():
    from silkqa.answering import counts, gives_the_count

    assert counts("You'll only ever have to do this once.", "times")
    assert gives_the_count(
        analyse("how often does V8 ship a new release"), "V8 follows a roughly 4-week release cadence."
    )
    assert not gives_the_count(analyse("how often does V8 ship a new release"), "V8 ships many releases.")
    asked = analyse("max number of --param pairs the tool accepts")
    assert gives_the_count(asked, "We accept up to 8 such key-value pairs.")
    assert not gives_the_count(asked, "Pairs follow the --param argument, as in version 2.")


def test_a_sentence_opening_on_a_named_thing_and_saying_what_it_does_or_lets_you_do_defines_it():
    lint = analyse("whats static_mut_refs")
    assert fit(lint, "The static_mut_refs lint detects taking a reference to a static mut.") == 1.0
    assert fit(lint, "The static_mut_refs lint level is now deny by default.") == 0.0
    purpose = analyse("what's a custom definition for?")
    assert fit(purpose, "Custom definitions let you install versions not yet supported.") == 1.0
    assert (
        fit(purpose, "See the built-in definitions as a starting point for custom definition files.") == 0.0
    )
    spelled = "Providers such as Active Directory Federation Services (AD FS) are supported."
    assert acronym_expansion(spelled, "AD FS").text == "Active Directory Federation Services"


def test_tables_end_where_the_next_block_starts_and_keep_a_lone_header():
    assert parse_markdown("| a | b | c |\n|---|---|---|\n\nafter")[1] == "a; b; c\n\nafter"
    ended = parse_markdown("| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n# Next | x\ntext")
    assert ended[1].split("\n\n")[:2] == ["a: 1; b: 2; c: 3", "Next | x"]
    quoted = parse_markdown("> | a | b | c |\n> |---|---|---|\n> | 1 | 2 | 3 |\n\nafter")
    assert quoted[1] == "a: 1; b: 2; c: 3\n\nafter"
    fenced = parse_markdown("```\n| a | b |\n|---|---|\n| 1 | 2 |\n```\nafter")[1]
    assert fenced.startswith("| a | b |")  # code stays code


def test_a_link_in_restructured_text_is_no_gnu_quote():
    text = parse_markdown("See `the users' guide`_ for more.", numbered_headings=True)[1]
    assert text == "See the users' guide for more."


@pytest.mark.parametrize(
    "question", ["WHY?", "OK?", "e-mail?", "In Python 3.8 or later, which module replaces imp?"]
)
def test_words_asked_alone_or_before_a_choice_are_not_names_or_comparisons(question):
    assert analyse(question).kind not in {"acronym", "definition", "comparison"}


@pytest.mark.parametrize(
    "quote",
    [
        "In 2019 the foo maintainers moved to GitHub.",  # a year
        "Since foo 3.2 maintainers are elected.",  # a version
        "foo lists IPv6 maintainers.",  # a digit inside a name
    ],
)
def test_a_count_is_digits_standing_before_what_they_count(quote):
    from silkqa.answering import gives_the_count

    assert not gives_the_count(analyse("how many maintainers does foo have?"), quote)
    assert gives_the_count(analyse("how many maintainers does foo have?"), "foo has 12 active maintainers.")
    # a period said of something else does not say how often
    assert not gives_the_count(
        analyse("how often are keys rotated?"), "Tokens expire every hour; keys are rotated by hand."
    )


def test_a_plural_noun_after_a_class_word_is_no_verb_and_version_control_no_version():
    from silkqa.answering import _ATTRIBUTES_ASKED
    from silkqa.reader import _defines_as

    assert not _defines_as("The static_mut_refs lint errors are now hard errors.", "static_mut_refs")
    asks_version = _ATTRIBUTES_ASKED[1][0]
    assert not asks_version.search("What version control system does the project use?")
    assert asks_version.search("Which ICU version does Node.js bundle?")
    q = analyse("From which CPython version is the venv module available?")
    assert fit(q, "Works on Python 3.8+ only.") > 0 and fit(q, "Requires CMake >= 3.15 to build.") > 0


def test_a_term_then_meaning_or_definition_asks_what_it_is():
    for asked, subject in [
        ("small-icu meaning", "small-icu"),
        ("polymorphism definition", "polymorphism"),
        ("meaning of tail call", "tail call"),
    ]:
        q = analyse(asked)
        assert (q.kind, q.subject) == ("definition", subject)
    assert analyse("why meaning").kind == "reason"
    for clause in ["Is HAVE_CONFIG_H defined?", "In which file is FOO explained?", "require is not defined"]:
        assert analyse(clause).kind != "definition"


def test_a_table_cell_does_not_define_the_column_it_sits_in():
    from silkqa.reader import fit

    q = analyse("small-icu meaning")
    row = "Feature: REPL; none: partial (inaccurate line editing); small-icu: full; full-icu: full"
    assert fit(q, row) == 0.0
    assert fit(q, "small-icu: a build that embeds the English locale data only") == 1.0
    assert (
        fit(analyse("what is a quorum"), "Quorum: a majority of voting nodes.") == 1.0
    )  # a glossary's entry


def test_which_means_a_way_to_and_thought_of_as_say_what_a_term_is():
    from silkqa.reader import definition_phrase

    said = "This is also called polymorphism, which means that you can substitute objects at runtime."
    assert definition_phrase(said, "polymorphism").text == "you can substitute objects at runtime"
    domains = "Domains provide a way to handle multiple IO operations as a single group."
    assert (
        definition_phrase(domains, "domains").text
        == "a way to handle multiple IO operations as a single group"
    )
    assert (
        definition_phrase("Rules can be thought of as Action generators.", "rules").text
        == "Action generators"
    )
    assert definition_phrase("Polymorphism is synonymous with inheritance to many.", "polymorphism") is None
    # a clause's consequence is not what the term is
    assert (
        definition_phrase("The function returns a promise, which means you must await it.", "promise") is None
    )
    assert definition_phrase("The layout can be described as follows: a header.", "layout") is None


def test_a_name_before_aka_says_what_the_alias_is():
    quote = (
        "All functionality described in the ECMAScript Internationalization API Specification (aka ECMA-402):"
    )
    assert acronym_expansion(quote, "ECMA-402").text == "ECMAScript Internationalization API Specification"
    assert acronym_expansion("The Transport Layer Security (also known as TLS) layer", "TLS").text == (
        "Transport Layer Security"
    )
    assert acronym_expansion("the thing (aka foo) is here", "foo") is None


def test_a_date_in_figures_answers_when():
    from silkqa.reader import answer_span, fit

    q = analyse("when was this page created")
    assert answer_span(q, "08/25/2007 : Creation of this page").text == "08/25/2007"
    assert answer_span(q, "Created 2007/08/25 by the maintainers.").text == "2007/08/25"
    assert fit(q, "See the file a/1/12 for the details.") == 0.0


def test_a_count_in_words_and_a_least_version_answer_by_their_form():
    from silkqa.answering import gives_the_count

    views = analyse("max number of views per file")
    assert gives_the_count(views, "You can store up to ten views for the same file this way.")
    assert not gives_the_count(views, "You can store one view for the same file this way.")
    assert not gives_the_count(views, "A two-phase view of the file is stored.")
    assert gives_the_count(views, "You can keep sixteen views for the same file.")
    assert not gives_the_count(views, "Version two of the view format is stored per file.")
    least = analyse("minimum grap version")
    assert gives_the_count(least, "You need grap version 1.42 or newer.")
    assert gives_the_count(least, "Grap needs at least version 1.4 to draw.")
    assert not gives_the_count(least, "Grap version 1.42 was released with new features.")
    assert not gives_the_count(least, "Grap version 1.42 needs at least 512 MB of memory.")


def test_an_acronym_no_document_spells_out_is_not_answered_by_sentences_using_it(tmp_path, encoder):
    text = (
        "# Governance\n\nThe priorities are reviewed by the TSC every six months.\n\n"
        "The TSC meets in public and publishes its minutes.\n"
    )
    spelled = (
        "# Protocols\n\nHTTP is the hypertext transfer protocol that browsers use to fetch pages.\n\n"
        "Lines end in a carriage return and line feed, written CRLF, on the wire.\n\n"
        "Open a pull request (PR) to propose a change.\n"
    )
    lib = _library_of(tmp_path, encoder, {"governance.md": text, "protocols.md": spelled})
    answer = lib.ask("what does TSC stand for")
    assert answer.abstained
    assert answer.reason == "the library never spells out TSC"
    for asked in ["what does HTTP stand for", "what does CRLF stand for", "what do PRs stand for"]:
        assert lib.ask(asked).reason != f"the library never spells out {asked.split()[2]}", asked


def test_a_heading_that_names_a_term_last_is_where_the_term_is_defined(tmp_path, encoder):
    text = (
        "# Build options\n\n"
        "Feature: Intl; none: none; small-icu: partial; full-icu: full\n\n"
        "Feature: REPL; none: partial; small-icu: full; full-icu: full\n\n"
        "## Embed a limited set of ICU data (small-icu)\n\n"
        "This option makes the binary link against ICU statically and includes only the English locale.\n\n"
        "## Embed the entire ICU (full-icu)\n\n"
        "This option makes the binary include a full set of ICU data.\n"
    )
    lib = _library_of(tmp_path, encoder, {"build.md": text})
    answer = lib.ask("small-icu meaning")
    assert not answer.abstained
    assert answer.citations[0].quote.startswith("This option makes the binary link against ICU statically")


def test_a_vim_example_marker_introduces_the_command_below_it():
    from silkqa.selection import introduces

    assert introduces("If you want to restore a session, you can use the following command: >")
    assert introduces("Install it with pip:")
    assert not introduces("Compare a > b")


def test_an_faq_question_is_quoted_with_the_answer_below_it_not_alone(tmp_path, encoder):
    text = (
        "Frequently asked problems\n\n"
        "Where can I get grap?\n\n"
        "Ted Faber maintains grap; download it from his home page at the ISI.\n\n"
        "Why does gtroff think pages are 11 inches long?\n\n"
        "The default page length in gtroff is always 11 inches, for compatibility with ditroff.\n\n"
        "Can grap draw pie charts?\n\n"
        "No, grap draws only x-y plots; Ted Faber suggests pic for anything else.\n"
    )
    lib = _library_of(tmp_path, encoder, {"problems.txt": text})
    for asked, answering in [
        ("why are gtroff pages 11 inches long", "for compatibility with ditroff"),
        ("where can I get grap", "download it from his home page"),
    ]:
        answer = lib.ask(asked)
        assert not answer.abstained
        assert answering in answer.citations[0].quote
        assert not any(c.quote.endswith("?") for c in answer.citations)
    # an FAQ question that does not restate what is asked is not quoted with its answer
    unrelated = lib.ask("who decides when grap is released")
    assert not any("pie charts?" in c.quote for c in unrelated.citations)


def test_what_to_use_or_run_asks_how():
    assert analyse("my formatter is old and doesn't know --check, what do i use instead").kind == "method"
    assert analyse("what should I run to format the code").kind == "method"
    assert analyse("what do you call a function on an object").kind != "method"


@pytest.mark.parametrize(
    ("question", "acronym"),
    [("IJG abbreviation", "IJG"), ("TLS full form", "TLS"), ("ijg acronym", "ijg")],
)
def test_a_term_then_abbreviation_or_full_form_asks_what_it_stands_for(question, acronym):
    q = analyse(question)
    assert (q.kind, q.acronym) == ("acronym", acronym)


def test_an_english_word_or_a_shell_expansion_is_no_acronym_asked():
    assert analyse("word abbreviation").kind != "acronym"
    assert analyse("PATH expansion").kind != "acronym"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("pipe capacity for here-documents in bytes", "quantity"),
        ("default timeout in seconds", "quantity"),
        ("how do i set the size in bytes", "method"),
        ("print durations in seconds", "method"),  # how to show them, not how long they are
        ("list files in columns", "list"),
    ],
)
def test_a_measure_then_its_unit_asks_for_a_figure(question, kind):
    assert analyse(question).kind == kind


def test_a_range_after_the_noun_counts_it_but_years_do_not():
    from silkqa.answering import counts

    # what a storage text counts by another name
    assert counts("To get 2X storage you need 3 devices for RAID5.", "disks")
    assert not counts("To get 2X storage you need 3 licences for RAID5.", "disks")

    assert counts("PACKAGE_FIND_VERSION_COUNT Number of version components, 0 to 4", "components")
    assert not counts("See the levels, 2019-2020 edition.", "levels")


def test_every_nth_says_how_often():
    often = analyse("how often is a detailed snapshot taken")
    assert fit(often, "By default, every 10th snapshot is detailed.") == 1.0
    assert fit(often, "By default, a detailed snapshot is taken.") == 0.0


def test_what_a_thing_is_for_answers_why_one_would_use_it():
    why = analyse("why would you put the attribute on a struct")
    assert fit(why, "One purpose is for creating types that are interoperable with C.") == 1.0
    assert fit(why, "Naming the type explicitly improves the error message.") == 1.0
    assert fit(why, "The attribute can be put on a struct.") < 1.0
    slow = analyse("why is the allocator slow")
    assert fit(slow, "General-purpose allocators are slow on small blocks.") < 1.0
    assert fit(slow, "Allocation speed was improved in 2.0.") < 1.0
    fit_for = analyse("Why is it a good fit for containers?")
    assert fit(fit_for, "Its threading model needs little memory, making it ideal for containers.") == 1.0
    good_for = analyse("What is force_list good for?")
    assert (
        fit(good_for, "The force_list option is useful for elements that may appear once or many times.")
        == 0.5
    )
    assert fit(good_for, "The force_list option was renamed in the last release.") == 0.0


def test_a_release_that_made_a_change_answers_which_version_did():
    added = analyse("which bash version added BASH_COMPAT")
    made = "Bash-4.3 introduced a new shell variable: BASH_COMPAT."
    assert fit(added, made) == 1.0
    assert answer_span(added, made).text == "Bash-4.3"
    assert fit(added, "For bash-4.3 and later versions, the BASH_COMPAT variable is preferred.") < 1.0
    assert fit(added, "For bash-4.3 and later versions, additional variables are preferred.") < 1.0
    written = analyse("when was the profiler written")
    assert answer_span(written, "Section 9.2 introduced the profiler.") is None or (
        answer_span(written, "Section 9.2 introduced the profiler.").text != "Section 9.2"
    )
    since = analyse("since when is the operator right associative")
    assert answer_span(since, "The operator is right-associative as of bash-3.1.").text == "bash-3.1"
    # a question about a version's own release wants a date in the calendar, not another version
    released = analyse("when was bash 5.2 released")
    assert fit(released, "Bash-5.2 behaves as if the option were enabled, as of bash-5.2.") == 0.0
    assert fit(released, "Bash 5.2 was released in September 2022.") == 1.0
    # asked "which release", or of a change to a thing that has a version of its own, a release answers
    minimum = analyse("Since which urllib3 release is TLS 1.2 the minimum by default?")
    assert fit(minimum, "Since urllib3 2.0.0, TLS 1.2 is the minimum by default.") > 0
    removed = analyse("when was HTTP 1.1 pipelining removed")
    assert fit(removed, "HTTP/1.1 pipelining was removed in curl 7.62.0.") > 0


def test_a_contents_line_names_no_one_and_a_forge_handle_is_a_person():
    who = analyse("who wrote the profiler")
    assert fit(who, "9.2.2. Running Massif") == 0.0
    assert fit(who, "9.2. Using Massif and ms_print :   9.2.1.") == 0.0
    assert fit(who, "It was written by Julian Seward.") == 1.0
    assert fit(who, "It was written by Irving Kaplansky.") == 1.0  # a name ending in -ing
    assert fit(who, "1. Julian Seward") == 1.0  # a numbered list of authors
    assert fit(who, "Use the @property decorator to define the profiler's getters.") < 1.0
    cc = analyse("who should I cc on a packaging issue")
    assert fit(cc, "cc @encukou @hroncok") == 1.0
    assert fit(cc, "Please cc @encukou.") == 1.0
    assert answer_span(cc, "cc @encukou @hroncok").text == "@encukou"
    assert fit(cc, "Install @types/node or mail bugs@example.org.") < 1.0
    assert fit(analyse("who reviews what @encukou opens"), "Changes by @encukou are reviewed.") < 1.0


@pytest.mark.parametrize(
    ("sentence", "instructs"),
    [
        ("Fork the project on GitHub and clone your fork locally.", True),
        ("Set the GROFF_NO_SGR environment variable.", True),
        ("Export LDFLAGS=-lPW before building.", True),
        ("You need to change the ZLIB_VERSION define.", True),
        ("LLVM CFI can be enabled with -Zsanitizer=cfi.", True),
        ("Build times grew after the linker change.", False),
        ("Install size is 40 MB.", False),
        ("Keep in mind that it is slow.", False),
        ("You may recall the linker from chapter two.", False),
    ],
)
def test_an_instruction_answers_how(sentence, instructs):
    how = analyse("how do i get a smaller build")
    assert (fit(how, sentence) == 1.0) is instructs


def test_a_term_is_defined_as_its_head_of_its_modifier_and_what_is_done_to_it_defines_nothing():
    from silkqa.reader import _defines, loosely_defines

    assert _defines(
        "The layout of a type is its size, alignment, and the offsets of its fields.", "type layout"
    )
    tail = "The compatibility level is intended to let users select old behaviour."
    assert loosely_defines(tail, "shell compatibility level") and not _defines(
        tail, "shell compatibility level"
    )
    assert _defines(
        "The default mechanism is referred to as the internal screen saver.", "internal screen saver"
    )
    assert not _defines("Packages are found with the find_package command.", "package")
    assert not _defines("The files are written to the cache.", "file")
    assert _defines("Packages are bundles of files with a manifest.", "package")
    assert _defines("A crate is made up of one or more modules.", "crate")
    assert _defines("The checksum is given by the sum of all bytes.", "checksum")
    assert _defines("Packages provide dependency information to build systems.", "package")
    assert _defines("Subtrees allow subprojects to live in a subdirectory.", "subtree")
    assert not _defines("Redis support was added in version 3.0.", "redis")
    assert not _defines("Packages store paths are hashed.", "package")


@pytest.mark.parametrize(
    ("sentence", "says"),
    [
        ("This chapter documents the exploit mitigations supported by the compiler.", True),
        ("In this chapter, you’ll learn ownership by working through some examples.", True),
        # a summary of one thing in the middle of a manual is not the manual's own
        ("Here is a summary of the configure options most often useful for building GDB.", False),
        ("This manual describes how to use the program.", True),
        ("In this house, we learn to cook.", False),
        ("The chapter on strings was rewritten.", False),
    ],
)
def test_a_document_saying_what_it_covers_is_its_overview(sentence, says):
    from silkqa.overview import describes_itself

    assert describes_itself(sentence) is says


def test_what_licence_is_answered_by_the_line_that_names_it_wherever_it_is(tmp_path, encoder):
    """A README names its licence once, at its end, in a passage that shares no other word with
    the question: that line answers "what licence is X under", with the licence's name as the span;
    a library that names no licence still says so."""
    body = "\n\n".join(
        f"## Step {n}\n\nKilnlog reads the firing log of kiln number {n} and writes one line for every "
        f"change of temperature in the chamber."
        for n in range(1, 30)
    )
    readme = (
        f"# kilnlog\n\nkilnlog is a reader for the firing logs of electric kilns.\n\n{body}\n\n"
        "## Legal\n\nLicensed under the Apache License, Version 2.0; you may not use this file except in "
        "compliance with the License.\n"
    )
    lib = _library_of(tmp_path / "with", encoder, {"kilnlog-readme.md": readme})
    for question in ("what licence is kilnlog under?", "which license does kilnlog use"):
        answer = lib.ask(question)
        assert not answer.abstained, question
        assert answer.citations[0].quote.startswith("Licensed under the Apache License"), question
        assert answer.answer_span["text"] == "Apache License, Version 2.0", question
    # another project's licence is not kilnlog's
    other = "# potbook\n\npotbook keeps a book of pots, read from the output of kilnlog.\n\nLicensed under the MIT license.\n"
    unlicensed = _library_of(
        tmp_path / "without",
        encoder,
        {"kilnlog-readme.md": readme.split("## Legal")[0], "potbook-readme.md": other},
    )
    assert unlicensed.ask("what licence is kilnlog under?").abstained
    assert unlicensed.ask("what licence is potbook under?").answer_span["text"] == "MIT license"


def test_a_subject_led_by_the_documents_product_name_is_defined_without_it(tmp_path, encoder):
    """Users write "kilnctl glazes": the product the documents are about, then the term; the
    documents define "Glazes" alone. Written as asked somewhere, the subject stays as asked."""
    from silkqa.answering import gather

    guide = (
        "# Kilnctl user guide\n\nKilnctl drives electric kilns from a workstation.\n\n## Glazes\n\n"
        "Glazes are a coat of powdered glass that melts onto a pot during the firing. Kilnctl keeps a table "
        "of the cones at which each glaze matures.\n\n## Cones\n\nA cone bends when the kiln reaches its "
        "temperature, which shows how much heat the pots received.\n"
    )
    lib = _library_of(tmp_path / "a", encoder, {"kilnctl-guide.md": guide})
    for question in ("what are kilnctl glazes", "kilnctl glazes meaning"):
        assert gather(lib.index, lib.encoder, question).q.subject == "glazes", question
        answer = lib.ask(question)
        assert not answer.abstained and answer.citations[0].quote.startswith("Glazes are a coat"), question
    written = guide.replace("Kilnctl keeps a table", "The kilnctl glazes table keeps a list")
    lib = _library_of(tmp_path / "b", encoder, {"kilnctl-guide.md": written})
    assert gather(lib.index, lib.encoder, "what are kilnctl glazes").q.subject == "kilnctl glazes"
    other = _library_of(tmp_path / "c", encoder, {"pottery.md": guide.replace("Kilnctl", "The tool")})
    assert gather(other.index, other.encoder, "what are kilnctl glazes").q.subject == "kilnctl glazes"


def test_a_term_said_what_it_is_by_the_next_sentence_is_defined_there(tmp_path, encoder):
    """ "... is adding a witness cone to the shelf. This is a small pyramid ...": the sentence that
    leans on the one that leans on another is still quoted (the chain is one quote), and it says
    what the term is."""
    from silkqa.answering import gather
    from silkqa.reader import introduced_then_said

    notes = (
        "# Kiln notes\n\n## Heat\n\nThe controller reads the heat of the chamber from a thermocouple near the door. "
        "It is hard to judge the heat of the pots themselves by eye. The answer for this is adding a witness "
        "cone to the shelf. This is a small pyramid of clay that bends at a known heat, to be read through the "
        "spy hole.\n\n## Cooling\n\nThe pots cool for a day in the closed kiln before the door is opened.\n"
    )
    lib = _library_of(tmp_path, encoder, {"kiln-notes.md": notes})
    found = gather(lib.index, lib.encoder, "what is a witness cone").found
    assert any("This is a small pyramid" in ev.quote for ev in found)
    document = lib.index.documents[found[0].doc_id].text
    assert all(document[ev.start : ev.end] == ev.quote for ev in found)
    answer = lib.ask("what is a witness cone")
    assert not answer.abstained and "This is a small pyramid" in answer.citations[0].quote
    assert answer.answer_span["text"].startswith("a small pyramid of clay")
    assert introduced_then_said("Add a witness cone. This is not needed.", "witness cone") is None
    assert introduced_then_said("The witness cone is old. This is a pyramid.", "witness cone") is None
    assert (
        introduced_then_said("Add a witness cone. This is a known issue on gas kilns.", "witness cone")
        is None
    )
    assert introduced_then_said("Add a witness cone. It is a good idea to keep two.", "witness cone") is None


@pytest.mark.parametrize(
    "question, kind",
    [
        ("stop the server before an upgrade", "method"),
        ("save a file as utf-8", "method"),
        ("start date of the conference", "other"),
        ("undo tree in vim", "other"),
        ("restore a session", "method"),
        ("ignore a file in npm publish", "method"),
        ("stop words list", "other"),
        ("exit code of make", "other"),
        ("start time of the job", "other"),
    ],
)
def test_a_search_box_instruction_asks_how_and_a_noun_after_its_verb_names_a_thing(question, kind):
    assert analyse(question).kind == kind


def test_a_short_line_that_gives_a_path_says_where():
    from silkqa.evidence import _short_but_telling

    assert _short_but_telling("Source Code: src/permission.cc", asks_how=False)
    assert _short_but_telling("See https://kiln.example for more", asks_how=False)
    assert not _short_but_telling("Read this and/or that", asks_how=False)
    assert not _short_but_telling("For example, see below", asks_how=False)


def test_openers_commands_and_paths_are_read_whatever_their_case():
    """ "We install ..." opens a sentence as "we install ..." does: neither is a command; a file
    name in capitals and an address without a scheme say where, as their lower-case forms do."""
    from silkqa.evidence import COMMAND, _short_but_telling

    assert COMMAND.search("kiln install glaze") is not None
    assert COMMAND.search("we install it with --prefix /usr") is None
    assert COMMAND.search("We install it with --prefix /usr") is None
    assert COMMAND.search("we install the glaze") is None
    assert COMMAND.search("THEN run --fast") is None
    assert _short_but_telling("See docs/README.MD now", asks_how=False)
    assert _short_but_telling("Visit www.kiln.example today", asks_how=False)


def test_a_quantifier_alone_is_no_answer_span():
    """ "all countries jointly expect ...": "all" is not which countries."""
    q = analyse("Which two countries chose a step-by-step path of reform?")
    span = answer_span(
        q, "Therefore, in the process of reform, all countries jointly expect to promote the plan."
    )
    assert span is None or span.text.lower() not in {"all", "therefore"}


def test_a_licence_is_said_only_in_its_own_form_and_of_the_thing_asked_about(tmp_path, encoder):
    """ "You should specify a license", a bundled library's licence, and another project's licence
    that shares a word with the question are no answer to "what licence is X under"; a document
    with no sentence to quote does not break the answer."""
    docs = {
        "kilnlog-readme.md": "# kilnlog\n\nkilnlog reads the firing logs of electric kilns.\n\n"
        "kilnlog bundles libserial, which is licensed under the GNU Lesser General Public License v2.1.\n\n"
        "You should specify a license for your own kiln profiles so that people know how to share them.\n",
        "potbook-python-readme.md": "# potbook python\n\npotbook keeps a book of pots in python.\n\n"
        "Licensed under the MIT license.\n",
    }
    from silkqa.answering import _naming_the_licence, gather

    lib = _library_of(tmp_path / "a", encoder, docs)
    for question in ("what licence is kilnlog under?", "what licence is the kilnlog python wrapper under?"):
        g = gather(lib.index, lib.encoder, question)
        assert _naming_the_licence(lib.index, g.q, g.query_vector, g.pool) is None, question
        answer = lib.ask(question)
        assert answer.abstained or "MIT" not in answer.citations[0].quote, question
    g = gather(lib.index, lib.encoder, "what licence is potbook under?")
    assert (
        _naming_the_licence(lib.index, g.q, g.query_vector, g.pool).quote == "Licensed under the MIT license."
    )
    tiny = _library_of(
        tmp_path / "b",
        encoder,
        {"kilnlog-readme.md": "# kilnlog\n\nReads kiln logs.\n\nMIT licensed, see LICENSE.\n"},
    )
    tiny.ask("what licence is kilnlog under?")  # no IndexError


def test_a_list_followed_by_a_code_block_is_quoted_with_its_items(tmp_path, encoder):
    from silkqa.answering import display_quote, gather

    guide = (
        "# Building kilnctl\n\nkilnctl drives electric kilns.\n\n## Tools\n\n"
        "To build kilnctl on Linux, you need the following tools installed:\n\n- gcc 12 or newer\n- make\n- python3\n\n"
        "```\n./configure\nmake -j4\n```\n\nThe build takes a few minutes on a laptop and writes kilnctl to the out folder.\n"
    )
    lib = _library_of(tmp_path, encoder, {"kilnctl-building.md": guide})
    found = gather(lib.index, lib.encoder, "which tools do I need to build kilnctl on linux?").found
    intro = [ev for ev in found if ev.quote.startswith("To build kilnctl on Linux")]
    assert intro and display_quote(intro[0].quote).endswith("gcc 12 or newer; make; python3")


KILN_FAQ = """# Frequently asked questions about kiln

## 1. Is kiln thread-safe?

Yes. However any callbacks that kiln calls and any allocators that the application provides must be
thread-safe as well. Kiln's file functions use the C library's streams.

## 2. Does kiln infringe on any patents?

As far as we know, no. In fact, that was the whole point of writing kiln in the first place.

## 3. Can I use kiln in my commercial application?

Yes. Please read the licence in kiln.h before you ship it.

## 4. Will kiln run on a 64-bit machine?

Yes. It has been tested on 64-bit machines and depends on no type being 32 bits long.

## 5. Why is kiln so small?

Kiln leaves out every feature that a firing schedule does not need, so the whole library fits in
one file of source code.
"""


def test_a_faq_answers_its_own_question_and_a_yes_or_no_keeps_its_reply(tmp_path, encoder):
    """The first sentence under a FAQ heading that asks what the asker asks is the FAQ's answer,
    whatever its words ("As far as we know, no."); a yes/no lead keeps the bare "Yes." before it
    (a tester's zlib FAQ: refused, or led by "However any library routines ...")."""
    lib = _library_of(tmp_path, encoder, {"kiln-faq.md": KILN_FAQ})
    for question, lead in (
        ("Is kiln thread-safe?", "Yes. However any callbacks that kiln calls"),
        ("Does kiln infringe any patents?", "As far as we know, no."),
        ("can i use kiln in a commercial product", "Yes. Please read the licence in kiln.h"),
    ):
        answer = lib.ask(question)
        assert not answer.abstained, (question, answer.reason)
        assert answer.citations[0].quote.startswith(lead), (question, answer.citations[0].quote)


def test_a_who_question_about_a_header_asks_for_no_head():
    from silkqa.answering import _asked_role

    assert _asked_role("Whose products mostly read the X-Frame-Options header?") is None
    assert _asked_role("Who heads the release team?").group(1).lower() == "head"


def test_a_yes_no_question_is_answered_by_a_sentence_saying_it_is_or_is_not_the_thing():
    from silkqa.answering import says_it_is_or_not

    ports = analyse("Are the extra UDP ports kiln opens above 1024 a backdoor or security hole?")
    assert says_it_is_or_not(ports, "This is not a security hole since kiln only accepts replies there.")
    assert says_it_is_or_not(ports, "It was never a backdoor.")
    assert not says_it_is_or_not(ports, "The high ports are for replies from the upstream servers.")
    assert not says_it_is_or_not(ports, "This is a fix for the security hole.")
    assert says_it_is_or_not(analyse("Is kiln a build tool?"), "kiln is a small static build tool.")
    assert not says_it_is_or_not(analyse("How is kiln a build tool?"), "kiln is a build tool.")
    server = analyse("Is the server a daemon?")
    assert says_it_is_or_not(server, "The server is not a daemon.")
    assert not says_it_is_or_not(server, "Here is the daemon log.")  # the thing ends its phrase
    assert not says_it_is_or_not(analyse("Is kiln faster than the C version?"), "This is the C version.")


def test_a_name_in_capitals_that_a_text_defines_rather_than_spells_out_is_answered(tmp_path, encoder):
    text = (
        "# Package file names\n\n"
        "A package file is named foo_VVV-RRR_AAA.deb, where VVV, RRR and AAA are its parts.\n\n"
        "The VVV component is the version number specified by the upstream developer.\n\n"
        "The RRR component is the Debian revision number, and is specified by the Debian developer.\n\n"
        "The AAA component identifies the processor for which the package was built.\n"
    )
    lib = _library_of(tmp_path, encoder, {"names.md": text})
    answer = lib.ask("What does RRR stand for?")
    assert not answer.abstained, answer.reason
    assert answer.citations[0].quote.startswith("The RRR component is the Debian revision number")


def test_a_lead_from_a_document_that_never_names_the_thing_yields_to_one_that_does(tmp_path, encoder):
    pages = (
        "# Allowed values\n\nOnly a few values are allowed for the port of a finger URL.\n\n"
        "You can include :79 in the URL, but no other value is allowed.\n\n"
        "The finger scheme takes a host and an optional user.\n"
    )
    headers = (
        "# Cross-domain policies\n\n"
        "The header tells some clients your domain's policy for loading cross-domain content.\n\n"
        "Set it with the middleware of this package, which sets many other headers as well.\n\n"
        'permittedPolicies is a string that must be "none", "master-only", "by-content-type", or "all".\n\n'
        "To disable the header, pass false.\n"
    )
    lib = _library_of(tmp_path, encoder, {"pages.md": pages, "headers.md": headers})
    answer = lib.ask("allowed values for permittedPolicies")
    assert not answer.abstained, answer.reason
    assert answer.citations[0].quote.startswith("permittedPolicies is a string")


def test_an_author_field_under_the_title_names_the_author():
    from silkqa.titlepage import author_field

    assert author_field("Socket HOWTO\n\nAuthor: :   Gordon McMillan\n\nSockets are ...") == (
        "Gordon McMillan",
    )
    assert author_field("Guide\n\nAuthors: Jane Roe and John Q. Smith\n") == ("Jane Roe", "John Q. Smith")
    assert author_field("Guide\n\nAuthor: The Team\n") == ()
    assert author_field("Guide\n\nAuthor: Gordon McMillan <gm@kiln.example>\n") == ("Gordon McMillan",)
    assert author_field("Guide\n\nThe author: Jane Roe wrote most of it.\n") == ()
    # a reStructuredText field list, its fields run into one line
    assert author_field("Configuration\n\n:Author: Jan Kneschke :Date: $Date$ :Revision: 3\n") == (
        "Jan Kneschke",
    )
    assert author_field("Configuration\n\n:Author: see :ref:`authors`\n") == ()


def test_who_wrote_a_page_is_answered_by_its_author_field(tmp_path, encoder):
    page = (
        "<html><head><title>Kiln HOWTO</title></head><body><h1>Kiln HOWTO</h1>"
        '<dl class="field-list"><dt>Author<span class="colon">:</span></dt><dd><p>Gordon McMillan</p></dd></dl>'
        "<h2>Firing</h2><p>Kilns fire clay at high temperatures, and a slow ramp avoids cracks.</p>"
        "<p>Most glazes mature between cone 04 and cone 6, depending on the clay body.</p>"
        "<p>Copyright 2001-2026, Kiln Software Foundation.</p></body></html>"
    )
    lib = _library_of(tmp_path, encoder, {"kiln.html": page})
    answer = lib.ask("Who wrote the Kiln HOWTO?")
    assert not answer.abstained, answer.reason
    assert "Gordon McMillan" in answer.citations[0].quote


def test_a_dotted_name_no_document_writes_is_refused_though_its_parts_are_words(tmp_path, encoder):
    text = (
        "# Sockets\n\nYou can use send and recv, or turn the socket into a file-like object.\n\n"
        "A socket.recv call returns the bytes that have arrived so far.\n"
    )
    lib = _library_of(tmp_path, encoder, {"sockets.md": text})
    answer = lib.ask("socket.sendfile usage to send a large file efficiently")
    assert answer.abstained and answer.reason == "the library never mentions socket.sendfile"
    assert not lib.ask("what does socket.recv() return").abstained
    # a module's function is known by its own name; a file by the document it is
    from silkqa.answering import _library_writes

    assert _library_writes(lib.index, "sockets.turn")  # "turn the socket into ..."
    assert _library_writes(lib.index, "sockets.md") and not _library_writes(lib.index, "poetry.lock")
    assert not _library_writes(lib.index, "socket.sendfile")


def test_a_definition_under_a_heading_that_asks_the_question_leads(tmp_path, encoder):
    text = (
        "# Kiln Reference Manual\n\n"
        "This is the Kiln Reference Manual, a brief description of what Kiln is and of the features "
        "that are present in Kiln (version 5.2).\n\n"
        "Kiln is free software, distributed under the terms of the GNU General Public License.\n\n"
        "## 1 Introduction\n\n### 1.1 What is Kiln?\n\n"
        "Kiln is the baker, or static page generator, for the GNU operating system.\n\n"
        "Kiln is largely compatible with make and takes useful features from other bakers.\n\n"
        "## 2 Basic Kiln features\n\nThis chapter briefly summarizes the baker's building blocks.\n"
    )
    lib = _library_of(tmp_path, encoder, {"kiln.md": text})
    answer = lib.ask("What is Kiln?")
    assert not answer.abstained
    assert answer.citations[0].quote.startswith("Kiln is the baker, or static page generator")


def test_a_faq_answer_that_calls_the_thing_it_leads_under_the_heading_that_names_it(tmp_path, encoder):
    text = (
        "# Kiln FAQ\n\n## General questions\n\n### What is Kiln?\n\n"
        "It is a small program that bakes static pages from notes written in plain text.\n\n"
        "### Who uses Kiln?\n\nKiln is already used in many projects, for example as the page builder of a wiki.\n\n"
        "### Is Kiln fast?\n\nKiln is a very fast baker: a thousand notes take a second.\n"
    )
    lib = _library_of(tmp_path, encoder, {"kiln-faq.md": text})
    answer = lib.ask("What is Kiln?")
    assert not answer.abstained
    assert answer.citations[0].quote.startswith("It is a small program that bakes static pages")
    # not a heading that asks something else: "It is ..." there is about another thing
    baker = lib.ask("What is a baker?")
    assert baker.abstained or not baker.citations[0].quote.startswith("It is a small program")


def test_a_code_name_with_its_class_word_asks_what_it_is():
    for question, subject in [("zippyPlay option", "zippyPlay"), ("`--dry-run` flag", "--dry-run")]:
        q = analyse(question)
        assert (q.kind, q.subject) == ("definition", subject)
    assert analyse("debug option").kind != "definition"  # words of English: other rules decide


def test_an_api_entry_is_defined_by_its_first_sentence_after_its_type_and_default(tmp_path, encoder):
    text = (
        "# Kiln\n\nKiln stores notes in a key-value store of your choice.\n\n## API\n\n"
        "### .usePrefix\n\nType: Boolean Default: true\n\n"
        "If set to true Kiln will prefix all keys with the namespace. This avoids collisions with other data.\n\n"
        "```js\nconst kiln = new Kiln({ usePrefix: false }); console.log(kiln.usePrefix); // false\n```\n\n"
        "### .throwOnErrors\n\nType: Boolean Default: false\n\n"
        "If set to true, Kiln will throw an error if any operation fails.\n"
    )
    lib = _library_of(tmp_path, encoder, {"kiln-README.md": text})
    answer = lib.ask("usePrefix option meaning")
    assert not answer.abstained
    assert answer.citations[0].quote.startswith("If set to true Kiln will prefix all keys")


def test_a_typo_of_a_library_word_is_read_as_that_word_and_names_are_left_alone():
    from silkqa.vocabulary import spelled_right

    words = [
        "destructor",
        "support",
        "sport",
        "highlighting",
        "nodemon",
        "talloc",
        "pointer",
        "should",
        "aberration",
    ]
    words = sorted([*words, "grade", "jupiter", "tokyo", "документ"])

    lib = WordList(words)
    assert spelled_right("What is a destrutor in talloc?", lib) == "What is a destructor in talloc?"
    assert spelled_right("how to turn on mouse suport", lib) == "how to turn on mouse support"
    assert spelled_right("Highligting of code", lib) == "Highlighting of code"
    assert spelled_right("what causes chromatic abberation", lib) == "what causes chromatic aberration"
    # a name the library writes, a longer word it begins, an English word and a dotted name stay
    assert spelled_right("does nodemon poll", lib) == "does nodemon poll"
    assert spelled_right("the talloc pointe", lib) == "the talloc pointe"
    assert spelled_right("is a sport supported", lib) == "is a sport supported"
    assert spelled_right("call talloc.destrutor", lib) == "call talloc.destrutor"
    assert spelled_right("why shouldn't I", lib) == "why shouldn't I"  # "shouldn" is no typo of "should"
    # a name the library never uses is no slip for a word it does: a letter too many or a wrong one
    for name in ("can I build kiln with gradle", "does it work with jupyter", "is Tokio supported"):
        assert spelled_right(name, lib) == name
    assert spelled_right("Explain how to enable mouse suport.", lib) == "Explain how to enable mouse support."
    assert spelled_right("как установить документа", lib) == "как установить документа"  # no inflection
    # a slip for an English word the library does not use is a typo, not a name
    assert spelled_right("where is the confguration file", lib) == "where is the configuration file"
    for name in ("does it run under kubernetes", "is redis supported", "can I use mysql"):
        assert spelled_right(name, lib) == name


def test_a_typo_in_one_word_of_an_underscored_name_is_read_as_the_name_the_library_writes():
    from silkqa.vocabulary import spelled_right

    lib = WordList(sorted(["before_sleep", "after_sleep", "retry_if_result", "callback", "sleep"]))
    assert spelled_right("what is the befor_sleep callback good for", lib) == (
        "what is the before_sleep callback good for"
    )
    assert spelled_right("retry_if_reslut usage", lib) == "retry_if_result usage"
    assert spelled_right("what is before_sleep", lib) == "what is before_sleep"
    assert spelled_right("what is during_sleep", lib) == "what is during_sleep"  # no slip of a name it writes
    # a camelCase name too: "paramterLimit" is the library's parameterLimit
    lib = WordList(sorted(["parameterlimit", "parameter", "limit", "typeof"]))
    assert spelled_right("whats the default paramterLimit", lib) == "whats the default parameterLimit"
    assert spelled_right("what is parameterLimit", lib) == "what is parameterLimit"
    assert spelled_right("what is queueLimit", lib) == "what is queueLimit"  # no slip of a name it writes


def test_a_question_with_a_typo_is_answered_as_typed_and_a_contents_line_is_no_answer(tmp_path, encoder):
    text = (
        "Frobtool Frequently Asked Questions\n\n"
        "1 Getting started\n\n1.1 What is Frobtool?\n\n1.2 How do I enable mouse support?\n\n"
        "1.3 How do I change the colours?\n\n"
        "1 Getting started\n\n"
        "1.1 What is Frobtool?\n\n"
        "Frobtool is a visual file manager for terminals, written in C.\n\n"
        "1.2 How do I enable mouse support?\n\n"
        'Start frobtool with the option "-x". If this does not work, use a terminal that '
        "understands the xterm mouse sequences.\n\n"
        "1.3 How do I change the colours?\n\n"
        "Edit the skin file under the configuration folder and restart the program.\n"
    )
    lib = _library_of(tmp_path, encoder, {"frobtool-FAQ.txt": text})
    answer = lib.ask("how do I enable mouse suport in frobtool")
    assert answer.question == "how do I enable mouse suport in frobtool"  # shown as asked
    assert answer.read_as == "how do I enable mouse support in frobtool"  # and said how it was read
    assert lib.ask("how do I enable mouse support in frobtool").read_as is None
    from silkqa.answering import format_answer

    data = answer.to_json()
    assert data["question"] == answer.question and data["read_as"] == answer.read_as
    assert format_answer(data, bold=False).startswith(
        "(read as: how do I enable mouse support in frobtool)\n"
    )
    assert not answer.abstained, answer.reason
    assert all("1.3 How do I change" not in c.quote for c in answer.citations)
    assert any('option "-x"' in c.quote for c in answer.citations)
    # under its own FAQ heading an answer stands though the judge reads it as none; under one
    # that asks another thing (one word differs), not
    for other in ("how do I disable mouse support in frobtool", "how do I enable keyboard support"):
        asked = lib.ask(other)
        assert asked.abstained or not any('option "-x"' in c.quote for c in asked.citations[:1]), other


def test_a_short_line_that_writes_the_name_asked_about_is_a_candidate(tmp_path, encoder):
    people = "\n\n".join(
        f"{first} {last} / {handle}"
        for first, last, handle in [
            ("Aaron", "Quint", "quirkey"),
            ("Elise", "Wood", "glytch"),
            ("Damien", "Mathieu", "dmathieu"),
            ("Ross", "Boucher", "boucher"),
            ("Matt", "Sanford", "mzsanford"),
            ("Ben", "Cherry", "bcherry"),
            ("Phillip", "Johnsen", "phillipj"),
            ("Jason", "Smith", "jhs"),
        ]
    )
    text = (
        "# Kiln\n\nKiln is a logic-less template engine for notes, written in JavaScript.\n\n"
        "## Usage\n\nCall kiln.render with a template and a view to bake a page.\n\n"
        f"## Thanks\n\nKiln wouldn't be what it is today without these contributors.\n\n{people}\n"
    )
    lib = _library_of(tmp_path, encoder, {"kiln.md": text})
    answer = lib.ask("Which contributor goes by the handle mzsanford?")
    assert not answer.abstained, answer.reason
    assert answer.citations[0].quote == "Matt Sanford / mzsanford"
    # such a line is not "loosely related" for its low closeness in meaning; a line without the
    # name is no such sign
    from silkqa.answering import _writes_a_rare_name

    assert _writes_a_rare_name(lib.index, analyse("who is mzsanford"), "Matt Sanford / mzsanford")
    assert not _writes_a_rare_name(lib.index, analyse("who is mzsanford"), "Ben Cherry / bcherry")


def test_a_command_the_library_never_writes_is_unknown_though_its_words_are_known():
    from silkqa.vocabulary import unwritten_commands

    text = (
        "quilt push applies a patch. quilt pop removes it. quilt refresh updates it. Run make install. "
        "The header of a patch. In vim, press u to undo. See git-rebase(1). "
        "The management interface listens on the management port; management clients connect."
    )

    class Library:
        def uses(self, word: str) -> bool:
            return word in re.findall(r"\w+", text.lower())

        def writes(self, phrase: str) -> bool:
            return phrase.lower() in text.lower()

        def followers(self, word: str) -> set[str]:
            return set(re.findall(rf"\b{word}\s+([a-z][\w-]*)", text.lower()))

    lib = Library()
    assert unwritten_commands("What does the quilt header command do?", lib) == ["quilt header"]
    assert unwritten_commands("quilt mail subcommand usage", lib) == ["quilt mail"]
    assert unwritten_commands("what does the quilt push command do", lib) == []
    assert unwritten_commands("the make install command fails", lib) == []
    # no program: "the run command", "a new command"; a program the library never names is
    # another rule's business
    assert unwritten_commands("what does the run command do, and a new command?", lib) == []
    assert unwritten_commands("the frob header command", lib) == []
    # an interface's command, not a program's: "management" names a thing done
    assert unwritten_commands("which signals can the management signal command send", lib) == []
    # "command line" and "command-arguments" are no commands
    assert unwritten_commands("quilt a4 landscape command line", lib) == []
    # a command the library writes joined ("git-rebase"), or of a program whose commands it
    # never names ("In vim, press u to undo"), is no unknown command
    assert unwritten_commands("What does the git rebase command do?", lib) == []
    assert unwritten_commands("What does the vim undo command do?", lib) == []
    assert unwritten_commands("make the first of several command-arguments variadic", lib) == []


def test_a_document_s_title_in_capitals_names_no_author():
    q = analyse("Who wrote the kiln FAQ?")
    assert fit(q, "This is a list of Frequently Asked Questions about using kiln and their answers.") == 0
    assert fit(q, "See the Kiln Reference Manual for the details.") == 0
    assert fit(q, "The FAQ was written by Ada Lovelace.") == 1


def test_what_a_titled_paper_concludes_is_answered_from_its_conclusion(tmp_path, encoder):
    from silkqa.questions import _topic

    assert _topic("Give me a summary of what the 'How To Bake Notes' paper concludes.") is None
    assert _topic("give me a summary of what the authors found") is None
    # a clause that names a topic keeps it
    assert _topic("Give me an overview of how the scheduler works") == "scheduler works"
    assert _topic("Give me an overview of what a SELECT sees under Read Committed.") is not None
    text = (
        "# How To Bake Notes With Kiln\n\n## 1 Introduction\n\n"
        "The question we try to answer in this document is how notes are best baked into pages. "
        "Many people keep notes in plain files and lose track of them.\n\n"
        "## 2 Baking\n\nKiln reads a folder of notes and writes one page per note, with links between "
        "them.\n\n## 3 Summary\n\nWe have shown how kiln turns a folder of notes into a site that is "
        "easy to browse. Kiln is faster than writing the pages by hand and keeps the notes as they are.\n"
    )
    lib = _library_of(tmp_path, encoder, {"kiln.md": text})
    answer = lib.ask("Give me a summary of what the 'How To Bake Notes With Kiln' paper concludes.")
    assert not answer.abstained, answer.reason
    assert answer.citations[0].section.endswith("Summary"), answer.citations[0].section


def test_a_contents_line_is_the_titles_of_sections_elsewhere():
    from silkqa.evidence import lists_titles

    titles = frozenset({"3.1 How do I enable mouse support?", "3.2 How do I cut and paste text?", "3 Mouse"})
    assert lists_titles("3.1 How do I enable mouse support?\n\n3.2 How do I cut and paste text?", titles)
    assert lists_titles("3.1  How do I enable mouse support?", titles)  # spaces as typeset
    assert not lists_titles("3.1 How do I enable mouse support? Start it with -x.", titles)
    assert not lists_titles("Start it with -x.", titles)


def test_a_contents_list_run_into_one_line_is_no_answer(tmp_path, encoder):
    # chrony's FAQ: the contents' entries on one line with "?" bullets, split by the sentence
    # splitter into "What is the reference ID ...? ? 4.4." — each an entry, none an answer
    entries = [
        ("4.1.", "I keep getting the error 506 Cannot talk to daemon"),
        ("4.2.", "I keep getting the error 501 Not authorised"),
        ("4.3.", "What is the reference ID reported by the tracking command?"),
        ("4.4.", "Is the chronyc-chronyd protocol documented anywhere?"),
    ]
    contents = "o 4. Issues with chronyc " + " ".join(f"? {n} {t}" for n, t in entries)
    bodies = [
        "The daemon is not running, or chronyc cannot reach its socket; check the bindcmdaddress directive.",
        "You are not allowed to run that command; use the local socket as root instead of the network.",
        "The reference ID is a 32-bit value used in NTP to prevent synchronisation loops.",
        "Only in the source code, as the protocol changes between versions without notice.",
    ]
    sections = "\n\n".join(f"{n} {t}\n\n{b}" for (n, t), b in zip(entries, bodies, strict=True))
    text = f"Frequently Asked Questions\n\nTable of Contents\n\n{contents}\n\n4. Issues with chronyc\n\n{sections}\n"
    lib = _library_of(tmp_path, encoder, {"chrony-FAQ.txt": text})
    answer = lib.ask("What is the reference ID reported by the tracking command?")
    assert not answer.abstained, answer.reason
    assert answer.citations[0].quote.startswith("The reference ID is a 32-bit value")
    for citation in lib.ask("What does error 506 mean?").citations:
        assert "? 4." not in citation.quote, citation.quote


def test_a_licence_under_a_licence_heading_answers_what_licence_it_is(tmp_path, encoder):
    text = (
        "# kiln\n\nkiln is an interactive note viewer for terminals.\n\nkiln is written in C.\n\n"
        "## Install\n\nRun make install; kiln installs into /usr/local by default.\n\n"
        "## Support\n\nIf you have trouble running kiln please ask on the mailing list.\n\n"
        "## License\n\nGNU General Public License, version 2 (GPL-2.0) or, at your option, any later version.\n"
    )
    lib = _library_of(tmp_path, encoder, {"kiln-README.md": text})
    for question in ("What is kiln's licence?", "what license is kiln under"):
        answer = lib.ask(question)
        assert not answer.abstained, (question, answer.reason)
        assert answer.citations[0].quote.startswith("GNU General Public License"), question


def test_a_readme_opening_with_prose_is_defined_by_its_first_sentence(tmp_path, encoder):
    text = (
        "frobkeeper is a collection of tools to let /etc be stored in a git or mercurial repository. "
        "This lets you review or revert changes that were made to /etc.\n\n"
        "## Security warnings\n\n"
        "Anytime you have a copy of a secret file, it becomes more likely that the file contents "
        "won't remain secret. frobkeeper is careful about file permissions.\n\n"
        "## What frobkeeper does\n\n"
        "frobkeeper has special support to handle changes to /etc caused by installing packages. "
        "There is also a cron job, that will use frobkeeper to commit any changes each day.\n"
    )
    lib = _library_of(tmp_path, encoder, {"frobkeeper-README.md": text})
    doc = lib.index.documents["frobkeeper-README.md"]
    assert doc.title == "frobkeeper README"  # no title line
    from silkqa.selection import _is_heading

    # its first sentence is prose, where a definition is looked for; not a title that says what
    # the thing is for
    assert not _is_heading(doc, 0) and _is_heading(doc, doc.sections[0].start)
    answer = lib.ask("What is frobkeeper?")
    assert not answer.abstained, answer.reason
    assert any(c.quote.startswith("frobkeeper is a collection of tools") for c in answer.citations)
    # a README that opens with its first section's heading: that heading is a heading at 0
    readme = (
        "## Frobnik: a tool for busy mail administrators\n\n"
        "Frobnik is a log analyser that reads the mail log and reports rejected clients.\n\n"
        "## Options\n\nThe -v option makes frobnik verbose, so that it reports each client it reads.\n"
    )
    lib = _library_of(tmp_path / "opening", encoder, {"frobnik.md": readme})
    opening = lib.index.documents["frobnik.md"]
    assert opening.sections[0].start == 0 and _is_heading(opening, 0)
    quotes = [c.quote for c in lib.ask("What is frobnik?").citations]
    assert "Frobnik: a tool for busy mail administrators" not in quotes


BANNER_README = (
    "* * * * * * * * * * * * * * * * * * * * * * * *\n"
    "*   frobplay - a tiny audio player              *\n"
    "*   README for version 1.x, dated 2009          *\n"
    "* * * * * * * * * * * * * * * * * * * * * * * *\n\n"
    "0. Stuff\n\n"
    "For building see INSTALL. Please consult the manpage frobplay(1) for the options.\n\n"
    "1. Introduction\n\n"
    "This is a console based decoder and player for audio files, probably more familiar as MP3 files. "
    "It was written in 1995 and is still maintained.\n\n"
    "2. Speed\n\n"
    "frobplay is fast. It decodes a song in less than a second on a modern computer.\n\n"
    "7. End\n\n"
    "Have fun!\n"
    "____________\n"
    "Tom Player\n"
)


def test_a_readme_says_what_its_software_is_as_this_in_its_introduction(tmp_path, encoder):
    lib = _library_of(tmp_path, encoder, {"frobplay-README.txt": BANNER_README})
    doc = lib.index.documents["frobplay-README.txt"]
    assert doc.title == "frobplay - a tiny audio player"  # the banner's words, not "Have fun!"
    assert "Have fun!" in {s.title for s in doc.sections}
    answer = lib.ask("What is frobplay?")
    assert not answer.abstained, answer.reason
    assert any(c.quote.startswith("This is a console based decoder") for c in answer.citations)
    # a release's "Description" far down a README says what the release is, not the software
    from silkqa.overview import says_what_it_is

    late = BANNER_README.replace(
        "7. End", "3. Changes\n\n3.1 Description\n\nThis is a maintenance release with two fixes.\n\n7. End"
    )
    lib = _library_of(tmp_path / "late", encoder, {"frobplay-README.txt": late})
    doc = lib.index.documents["frobplay-README.txt"]
    start = doc.text.index("This is a maintenance release")
    assert not says_what_it_is(doc, start, start + 40, "frobplay")


def test_a_faq_answer_line_however_short_answers_and_a_question_line_does_not_lead(tmp_path, encoder):
    text = (
        "Frobcrack FAQ\n\nQ: How do I run frobcrack on a password file?\n"
        "A: Type frobcrack followed by the name of the password file, and wait for it to finish.\n\n"
        "Q: Why does frobcrack not find my password?\nA: The password may not be in the wordlist you "
        "use; try a larger wordlist or the incremental mode.\n\n"
        "Q: Where do I get wordlists for use with frobcrack?\nA: http://www.example.org/wordlists/\n\n"
        "Q: Where do I get new versions of frobcrack?\nQ: Where do I get the source code for frobcrack?\n"
        "A: http://www.example.org/frobcrack/\n"
    )
    lib = _library_of(tmp_path, encoder, {"frobcrack-FAQ.txt": text})
    answer = lib.ask("where can I download wordlists for frobcrack")
    assert not answer.abstained, answer.reason
    assert answer.citations[0].quote == "A: http://www.example.org/wordlists/"
    # a sentence that asks is close to a question in meaning and answers none
    from silkqa.answering import gather

    notes = (
        "# Frobcrack notes\n\nFrobcrack is a password cracker for terminals.\n\n## Interfaces\n\n"
        "Is there a graphical interface for frobcrack? Frobcrack runs in a terminal only, and no window "
        "or mouse front end is planned.\n\nWhere do I get new versions of frobcrack? Releases are "
        "announced on the mailing list and published at http://www.example.org/frobcrack/ as tarballs.\n"
    )
    lib = _library_of(tmp_path / "notes", encoder, {"frob.md": notes})
    found = [
        e.quote for e in gather(lib.index, lib.encoder, "does frobcrack have a graphical interface").found
    ]
    assert found.index("Where do I get new versions of frobcrack?") > found.index(
        "Frobcrack is a password cracker for terminals."
    )


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("c/s meaning in john the ripper", "c/s"),
        ("app registration meaning in oauth2", "app registration"),
        ("small-icu meaning", "small-icu"),
    ],
)
def test_a_term_meaning_where_asks_what_the_term_is(question, subject):
    q = analyse(question)
    assert (q.kind, q.subject) == ("definition", subject)
    # a bare word after "meaning" may be what is asked about: not "what is an exit code"
    for other in ("exit code meaning 127", "errno meaning EAGAIN", "color code meaning red"):
        assert analyse(other).subject not in {"exit code", "errno", "color code"}, other


def test_a_term_glossed_in_brackets_in_the_plural_is_defined():
    from silkqa.reader import _defines

    sentence = "Most spam is sent out by zombies (malware on compromised end-user computers)."
    assert _defines(sentence, "zombie")
    assert not _defines("Most spam is sent out by zombies on compromised computers.", "zombie")
    # a bracket that says how or where is no gloss; a verb in the third person is no plural
    for sentence, subject in [
        ("The daemon logs (via syslog) every rejected client.", "log"),
        ("postscreen caches (in a temporary database) the result of each test.", "cache"),
        ("It prints (to standard error) a summary.", "print"),
        ("Use the gets(3) replacement fgets instead.", "get"),
        ("The program matches (case-insensitively) each pattern.", "match"),
    ]:
        assert not _defines(sentence, subject), sentence


FROBD_OPTIONS = (
    "frobd configuration\n\nOptions\n\n"
    "server.bind IP address or hostname the server listens on.\n\nDefault: bind to all interfaces\n\n"
    "server.port tcp-port to bind the server to\n\nDefault: 80 (443 if ssl is enabled)\n\n"
    "server.errorlog pathname of the error-log\n\nDefault: either STDERR or server.errorlog-use-syslog\n\n"
    "server.errorlog-use-syslog send errorlog to syslog\n\nDefault: disabled\n\n"
    "server.max-request-size maximum size in kbytes of the request body. Only applies to POST requests.\n\n"
    "Default: 2097152 (2GB)\n\n"
    "server.max-keep-alive-requests maximum number of requests within a keep-alive session\n\nDefault: 128\n"
)
CLOCK_FAQ = (
    "Clock FAQ\n\nHow long does the clock wait for a reply?\n\nThe maxdelay option sets the longest "
    "round-trip delay of a measurement that is accepted. The default value is 3 seconds.\n"
)


def test_a_manuals_default_is_quoted_with_its_entry_and_a_dotted_name_is_one_name(tmp_path, encoder):
    lib = _library_of(
        tmp_path, encoder, {"frobd-configuration.txt": FROBD_OPTIONS, "clock-FAQ.txt": CLOCK_FAQ}
    )
    answer = lib.ask("What is the default server.port in frobd?")
    assert not answer.abstained, answer.reason
    lead = answer.citations[0].quote
    assert lead.startswith("server.port tcp-port") and "Default: 80 (443 if ssl is enabled)" in lead
    # the lead writes the name asked about, and is its entry rather than a line that mentions it
    lead = lib.ask("What is the default value of server.max-keep-alive-requests?").citations[0].quote
    assert lead.startswith("server.max-keep-alive-requests"), lead
    lead = lib.ask("What does server.errorlog-use-syslog do?").citations[0].quote
    assert lead.startswith("server.errorlog-use-syslog send errorlog"), lead
    # "server.max-connections" is one name, which no document writes: not the start of server.max-*
    answer = lib.ask("What is the default value of server.max-connections in frobd?")
    assert answer.abstained and "server.max-connections" in answer.reason


def test_only_a_default_line_leans_on_its_entry_and_only_a_name_asked_about_must_be_written():
    from silkqa.answering import _writing_the_name
    from silkqa.evidence import _DEFAULT_LINE

    assert _DEFAULT_LINE.match("Default: 80 (443 if ssl is enabled)") and _DEFAULT_LINE.match(
        "Defaults to yes."
    )
    assert not _DEFAULT_LINE.match("Default is to trust the well-known CAs curated by Mozilla.")
    lead = _evidence(0, 50, 1.0, "They are a shorthand for the common match operations.")
    found = [lead, _evidence(60, 110, 0.9, "fonts.conf contains the configuration of the library.")]
    # a file's name says where; a yes/no question is answered by what the sentence says of "it"
    assert _writing_the_name(analyse("What does an <alias> element do in fonts.conf?"), lead, found) is None
    found = [lead, _evidence(60, 100, 0.9, "jwt.decode returns the decoded payload.")]
    assert _writing_the_name(analyse("does jwt.decode check the signature"), lead, found) is None
    assert _writing_the_name(analyse("What does jwt.decode return?"), lead, found) is found[1]


def test_a_heading_that_spells_an_acronym_out_answers_though_headings_are_contents_elsewhere(
    tmp_path, encoder
):
    text = (
        "# Frobos timing\n\n## Contents\n\n- Worst Case Execution Time (WCET)\n- Jitter\n\n"
        "## Worst Case Execution Time (WCET)\n\n"
        "The frobos collections can reallocate, so the WCET of operations that grow a collection "
        "includes the time it takes to reallocate.\n\n## Jitter\n\nFrobos keeps jitter under a millisecond.\n"
    )
    lib = _library_of(tmp_path, encoder, {"frobos-timing.md": text})
    answer = lib.ask("What does WCET stand for?")
    assert not answer.abstained, answer.reason
    assert "Worst Case Execution Time (WCET)" in answer.citations[0].quote


def test_a_list_of_names_below_its_introduction_is_quoted_with_it_and_ends_at_the_next_entry(
    tmp_path, encoder
):
    text = (
        "frobd configuration\n\nModules\n\n"
        'server.modules lists the modules to load, for example ( "mod_rewrite", "mod_access" ).\n\n'
        "Starting with frobd 1.4.0 three default modules are loaded automatically:\n\n"
        "mod_indexfile\n\nmod_dirlisting\n\nmod_staticfile\n\n"
        "server.event-handler set the event handler\n\nDefault: poll\n"
    )
    lib = _library_of(tmp_path, encoder, {"frobd-configuration.txt": text})
    answer = lib.ask("Which modules are loaded automatically since frobd 1.4.0?")
    assert not answer.abstained, answer.reason
    lead = answer.citations[0].quote
    assert lead.startswith("Starting with frobd 1.4.0") and lead.rstrip().endswith("mod_staticfile"), lead


def test_an_underscored_name_a_pdf_writes_with_spaces_is_read_as_written(tmp_path, encoder):
    # a PDF draws underscores as lines its text layer does not keep: "get voltage time"
    text = (
        "Frobscope Programmer's Manual\n\n2.4.1 set voltage(value)\n\nThis function sets the output "
        "voltage of the source, between -5 and 5 volts.\n\n2.4.2 get voltage time(channel#)\n\n"
        "This function returns the time stamp, from the PC clock, and the voltage in a tuple.\n\n"
        "2.4.3 capture(ch, NP, tg)\n\nThe argument ch is the input channel number and NP the number of samples.\n"
    )
    lib = _library_of(tmp_path, encoder, {"frobscope-progman.txt": text})
    answer = lib.ask("What does get_voltage_time return?")
    assert answer.read_as == "What does get voltage time return?"
    assert not answer.abstained, answer.reason
    assert any(c.quote.startswith("This function returns the time stamp") for c in answer.citations)
    # a name the library writes as typed, or not at all, stays as typed
    assert lib.ask("What does set_voltage do?").read_as == "What does set voltage do?"
    assert lib.ask("What does get_current_time return?").read_as is None


def test_the_version_of_the_thing_asked_is_read_from_a_list_item_below_the_best_sentences(tmp_path, encoder):
    text = (
        "# frobtls -- Information for developers\n\n"
        "This file contains instructions for developers and advanced users that want to build frobtls "
        "from version controlled sources. See INSTALL.md for building released versions.\n\n"
        "## Building the software\n\n"
        "We require several tools to check out and build the software, including:\n\n"
        "* [Make](https://www.gnu.org/software/make/)\n"
        "* [Autoconf](https://www.gnu.org/software/autoconf/) (use 2.64 or later)\n"
        "* [Python](https://www.python.org/) (use 3.6 or later)\n"
        "* [git](https://git-scm.com/)\n\n"
        "Additional information can be found at www.example.org.\n"
    )
    lib = _library_of(tmp_path, encoder, {"frobtls-README.md": text})
    answer = lib.ask("Which version of Python is required to build frobtls?")
    assert not answer.abstained, answer.reason
    assert answer.citations[0].quote == "Python (use 3.6 or later)"
    # of a thing no item names, still no version
    assert lib.ask("Which version of Perl is required to build frobtls?").abstained


def test_a_short_sentence_that_says_what_is_asked_is_a_candidate(tmp_path, encoder):
    from silkqa import answering

    lib = _library_of(
        tmp_path,
        encoder,
        {
            "ferry-rules.md": (
                "# Ferry rules\n\n## Tickets\n\nThere are very few refunds on the night ferry; only about 2% of "
                "tickets are ever refunded. Most of the ways a fare can be changed on land are not allowed "
                "aboard. Tickets cannot be transferred. Tickets are sold aboard. First, get tickets transferred. Standby is not offered. A lost ticket counts as "
                "a used one.\n"
            ),
        },
    )
    quotes = [
        e.quote for e in answering.gather(lib.index, encoder, "can a passenger transfer a ticket?").found
    ]
    assert "Tickets cannot be transferred." in quotes
    # a short line that shares one word with the question, or none, is still left out
    assert "Standby is not offered." not in quotes and "Tickets are sold aboard." not in quotes
    # a short line half of whose words are its own says too little ("First, get etckeeper installed."
    # to "in which year was etckeeper first released")
    assert "First, get tickets transferred." not in quotes


def test_a_document_knows_the_acronym_its_file_name_or_title_spells(tmp_path):
    from silkqa.answering import _document_knows
    from silkqa.documents import load_document

    (tmp_path / "ferry-FAQ.txt").write_text("Q: Why is the ferry late?\nA: Tides.\n", encoding="utf-8")
    (tmp_path / "ferry.txt").write_text(
        "ferry: frequently asked questions -- known problems\n\nQ: Why is the ferry late?\nA: Tides.\n",
        encoding="utf-8",
    )
    (tmp_path / "tram.txt").write_text("Tram notes\n\nQ: Why is the tram late?\nA: Snow.\n", encoding="utf-8")
    docs = {p.name: load_document(p, p.name) for p in tmp_path.iterdir()}
    assert _document_knows(docs["ferry-FAQ.txt"], "FAQ")
    assert _document_knows(docs["ferry.txt"], "FAQ")
    assert not _document_knows(docs["tram.txt"], "FAQ")
    assert not _document_knows(docs["ferry-FAQ.txt"], "TXT")  # the file's kind is not its name
    assert not _document_knows(docs["ferry.txt"], "KP")  # "known problems": too short to tell


def test_a_size_written_with_a_bare_unit_letter_is_a_figure():
    from silkqa.reader import figures

    assert [m.group(0) for m in figures("a good starting point is 2G")] == ["2G"]


def test_a_name_ending_in_a_sign_is_defined_as_written():
    from silkqa.reader import _defines

    assert _defines("Kiln86+ is a free, stand-alone page baker for x86 computers.", "Kiln86+")
    assert _defines("Kiln++ (a fork of Kiln) is a page baker.", "Kiln++")
    assert not _defines("Kiln86+ was released in 2020.", "Kiln86+")


def test_a_definition_may_open_on_the_subjects_plural_in_ies():
    from silkqa.reader import _defines, mentions_subject, subject_forms

    assert _defines("Repositories are ferry directories acting as stores of timetables.", "repository")
    assert mentions_subject("Libraries are kept aboard.", "library")
    assert "daies" not in subject_forms("day")  # a vowel before the y: "days"


def test_a_description_under_a_lone_term_is_quoted_with_it(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "ferry-boot.md": (
                "# Ferry boot\n\n## Boot options\n\nThe ferry's computer may be given boot options, separated by "
                "spaces. The following options are recognised:\n\n"
                "  * nolights\n    * disables the deck lights and the use of the horn at night\n"
                "  * nobell\n    * disables the integrated harbour bell\n"
                "  * keeplog\n    * keeps the engine log between voyages\n"
            ),
        },
    )
    answer = lib.ask("what does the nolights boot option do")
    assert not answer.abstained, answer.reason
    assert answer.citations[0].quote.startswith("nolights")
    assert "disables the deck lights" in answer.citations[0].quote


def test_what_a_text_says_things_constitute_defines_it():
    from silkqa.reader import _defines

    assert _defines("The three piers furthest from the town constitute its “harbour zone”.", "harbour zone")
    assert not _defines("These piers constitute the bulk of the harbour.", "bulk")  # no term in quotes


def test_a_yes_no_question_about_a_default_wants_the_sentence_that_states_one():
    from silkqa.questions import analyse
    from silkqa.reader import fit

    q = analyse("Are the ferry's night checks turned on by default?")
    stated = "Important note: these night checks are disabled by default."
    assert fit(q, stated) > fit(q, "When night checks are configured, the ferry waits at the pier.")
    # an FAQ's answer that opens on it states one too
    boxed = analyse("Can deckhands sign in to the ferry out of the box?")
    opened = "A1) By default, the ferry refuses any sign-in other than the captain's."
    assert fit(boxed, opened) > fit(boxed, "Put deck_enable=YES in your ferry.conf to let deckhands sign in.")
    # a question that asks no default leaves the two alike
    other = analyse("Do the ferry's night checks wait at the pier?")
    assert fit(other, stated) == fit(other, "When night checks are configured, the ferry waits at the pier.")


def test_an_acronym_among_the_words_or_a_bracket_that_cannot_spell_it_spells_nothing():
    from silkqa.reader import acronym_expansion

    # the acronym itself is no word of its long form: "the FTG Working Group" does not spell FTG
    assert acronym_expansion("The FTG format was drafted by the FTG Working Group.", "FTG") is None
    # a bracket after the acronym spells it only if it holds its letters: "(lossless)" does not
    assert acronym_expansion("4. FTG (lossless) packing programs", "FTG") is None
    span = acronym_expansion("The Ferry Timetable Grid (FTG) is a format for sailings.", "FTG")
    assert span is not None and span.text == "Ferry Timetable Grid"
    bracket = acronym_expansion("FTG (ferry timetable grid) files list sailings.", "FTG")
    assert bracket is not None and bracket.text == "ferry timetable grid"
    # a gloss of several words may take its letters any way; one word holds them in order
    assert acronym_expansion("XSS (cross-site scripting) is an attack.", "XSS") is not None
    assert acronym_expansion("K8s (Kubernetes) runs the piers.", "K8s") is not None
    assert acronym_expansion("You need a PIERX (Unix compatible) quay.", "PIERX") is None
    assert acronym_expansion("Returns: the PSK (or null).", "PSK") is None


def test_an_acronym_named_by_its_authors_or_hyphenated_words_is_spelled_out():
    from silkqa.reader import acronym_expansion

    named = acronym_expansion(
        "The tables are not built as described by Harker, Ortega and Lund (the HOL method), nor by Ames.",
        "HOL",
    )
    assert named is not None and named.text == "Harker, Ortega and Lund"
    # inside a constant's name, with its words further on
    hyphened = acronym_expansion(
        "T_SDL = 2, a mode in which the route is reduced to Short-Distance Leg hops.", "SDL"
    )
    assert hyphened is not None and hyphened.text == "Short-Distance Leg"
    # a lower-case part of a hyphenated word gives no letter: "Coding of Continuous-tone" is no DCT
    assert (
        acronym_expansion('It is titled "Digital Charting and Coding of Continuous-tone Maps".', "DCT")
        is None
    )


def test_words_that_spell_an_acronym_without_it_fit_less_than_a_sentence_that_writes_it():
    from silkqa.questions import analyse
    from silkqa.reader import fit

    q = analyse("What does HLS stand for in the ferry configure options?")
    written = "Disable Harbour Lighting Support (HLS)? (y/n) [--disable-hls]"
    assert fit(q, "Harbour Lighting Support (HLSs) guide the ferries.") == 1.0  # in the plural
    bare = "Please read the README-hls file to learn some more about Harbour Lighting Support."
    assert fit(q, written) > fit(q, bare) > 0


def test_a_term_after_a_preposition_a_manual_reference_or_a_call_is_not_defined():
    from silkqa.reader import _defines

    assert not _defines("As a consequence the tallies gathered by pierd are cumulative values.", "pierd")
    assert not _defines("To start it, see pierd(8) manual page.", "pierd")
    assert not _defines("At night, dock1 calls pierd with option -D set.", "pierd")
    assert not _defines("This is done when pierd is called at harbour restart.", "pierd")
    assert _defines("This means that pierd (the pier data collector that dock uses) is out of date.", "pierd")
    # an acronym in brackets names the term, it does not say what it is
    assert not _defines(
        "To keep the harbour clock (HC) close to the true time, a mode is enabled.", "harbour clock"
    )
    assert _defines("The harbour clock (HC) is the clock which keeps time at night.", "harbour clock")
    assert _defines("pierd is called the pier daemon.", "pierd")
    assert _defines("We call it pierd.", "pierd")
    assert _defines("Tallies are gathered by pierd, a collector that runs every hour.", "pierd")


def test_a_count_may_be_written_with_words_between_as_a_header_field_or_as_a_default():
    from silkqa.answering import counts

    assert counts("The ferry has four different, mutually exclusive, sailing modes (A, B, C, D).", "modes")
    assert counts("Organization: harbour Lines: 560 Approved: pilots", "lines")
    assert counts(
        "waitTimeout: The milliseconds before a ferry leaves without you. (Default: 5000)", "milliseconds"
    )
    assert not counts("waitTimeout: The milliseconds before a ferry leaves without you.", "milliseconds")
    assert not counts("Syntax error at line: 42", "lines")  # a field named otherwise than asked
    assert not counts("Since version 2.0 was released, modes are set per pier.", "modes")  # a clause
    assert not counts("Lines starting with # are notes; the indent (default: 4) is in spaces.", "lines")
    assert not counts(
        "Select whole words with a double-click, and complete lines with a triple-click.", "lines"
    )
    assert not counts("It passes if there are two or more pier voting member approvals.", "members")


def test_a_unit_written_after_its_number_is_known(tmp_path):
    from silkqa.answering import _document_knows
    from silkqa.documents import load_document

    (tmp_path / "radio.md").write_text("# Radio\n\nThe harbour radio samples at 96kHz.\n", encoding="utf-8")
    doc = load_document(tmp_path / "radio.md", "radio.md")
    assert _document_knows(doc, "kHz")
    assert not _document_knows(doc, "MHz")


def test_a_name_in_capitals_with_its_kind_is_defined_as_the_name_alone():
    from silkqa.reader import _defines, subject_forms

    assert "PIERTO" in subject_forms("PIERTO address type")
    assert _defines(
        "PIERTO :   send ferries to a remote pier and take them back from it only", "PIERTO address type"
    )
    assert "pierto" not in subject_forms("pierto address type")  # a word in lower case is not a name


def test_an_entry_opening_on_an_acronym_spells_it_in_brackets_after_its_description():
    from silkqa.reader import acronym_expansion

    span = acronym_expansion("RR: Select one pier after the other. (Round-Robin)", "RR")
    assert span is not None and span.text == "Round-Robin"
    assert acronym_expansion("RR: Select one pier after the other. (see below)", "RR") is None


def test_a_camel_case_name_is_one_name_not_a_person():
    from silkqa.questions import analyse
    from silkqa.reader import fit, new_names

    q = analyse("Who originally wrote the harbour module?")
    quote = "This is a harbour driver. It is written in JavaScript and is MIT licensed."
    assert [n.text for n in new_names(quote, q)] == ["JavaScript"]  # "MIT licensed": a licence, no name
    assert fit(q, quote) == 0.0
    assert fit(q, "It was written by Felix Marten in 2010.") == 1.0
    # capitals inside a name: a body or a place may be so written, a person by "Mc"
    assert (
        fit(analyse("who hosts the harbour summits"), "The OpenHarbour Foundation hosts regular summits.")
        == 1.0
    )
    assert (
        fit(analyse("where can I watch the pier meetings?"), "The pier streams its meetings on YouTube.")
        == 1.0
    )
    assert fit(q, "It is maintained by Nancy McGough <n@ii.com>.") == 1.0
    assert fit(q, "It was tested on a MacBook Pro.") == 0.0
    assert [n.text for n in new_names("Using the harbour tools in Samba4", q)] == ["Samba"]


def test_a_configure_prompt_that_spells_the_acronym_out_answers_what_it_stands_for(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "pierstat-FAQ.md": (
                "# pierstat FAQ\n\n## Building\n\n"
                "Please read the README-hls file included in the pierstat source package to learn some more "
                "about Harbour Lighting Support.\n\n"
                "When you run the configure script it asks a few questions, such as:\n\n"
                "Disable Harbour Lighting Support (HLS)? (y/n) [--disable-hls]\n\n"
                "Answer y when the pier has no lights.\n"
            ),
        },
    )
    answer = lib.ask("What does HLS stand for in the pierstat configure options?")
    assert not answer.abstained, answer.reason
    assert "(HLS)" in answer.citations[0].quote


def test_what_a_sign_does_in_a_named_shell_asks_what_it_is_and_a_gloss_after_a_comma_says_it():
    from silkqa.questions import analyse
    from silkqa.reader import _defines

    q = analyse("what does $< do in fsh")
    assert (q.kind, q.subject) == ("definition", "$<")
    assert analyse("What does the ferry do in response to a storm?").kind != "definition"  # what it does then
    assert _defines("In the fsh, all you've got is $<, which reads a line from your tty.", "$<")
    assert not _defines("In the fsh, all you've got is x$<, which reads a line.", "$<")


def test_a_manual_page_s_section_is_no_figure():
    from silkqa.reader import figures

    assert [m.group(0) for m in figures("A: Please read the pier(1) manual page!")] == []
    assert [m.group(0) for m in figures("See pierd(8) for the 5 options.")] == ["5"]
    assert [m.group(0) for m in figures("max_piers becomes optional. (Pull #429)")] == []  # an issue's number
    assert [m.group(0) for m in figures("read the pierd.conf.5 man page")] == []  # a file's name
    assert [m.group(0) for m in figures("It calls retry(3) before giving up.")] == ["3"]  # a call's argument
    assert [m.group(0) for m in figures("version 2.5 takes .5 seconds")] == ["2.5", "5 seconds"]


def test_where_to_download_something_wants_an_address_to_fetch_it_from():
    from silkqa.questions import analyse
    from silkqa.reader import fit

    q = analyse("Where can I download the newest pierstat release?")
    address = (
        "The newest pierstat release is available on ftp.harbour.org, in <https://ftp.harbour.org/pierstat/>."
    )
    listed = "If you want prereleases too, you can subscribe to the harbour-announce mailing list."
    assert fit(q, address) > fit(q, listed) > 0
    found = analyse("Where can I find the log files?")  # found where they are, not fetched
    assert fit(found, "Logs are kept in the /var/log/pier directory.") == fit(found, address)
    # where a thing is kept, not fetched: both are places
    kept = analyse("Where does pierstat keep its logs?")
    assert fit(kept, address) == fit(kept, "Logs are kept in the /var/log/pier directory.") == 0.7


def test_what_a_quoted_message_means_wants_the_sentence_that_says_what_it_means():
    from silkqa.questions import analyse
    from silkqa.reader import fit

    q = analyse("pierd fails with lock: Pier temporarily unavailable - what does this indicate?")
    repeated = "When I launch pierd, I get the error message: lock: Pier temporarily unavailable 2.12."
    said = "The above error message indicates that another pierd process was running."
    assert fit(q, said) > fit(q, repeated)
    # what it means for a thing to be so asks what it is
    pure = analyse("What does it mean for a pier to be free?")
    assert fit(pure, "A free pier is a pier that has no ferry moored.") == fit(
        pure, "This means that it is free."
    )
    other = analyse("pierd fails with lock: Pier temporarily unavailable")  # no meaning asked
    assert fit(other, said) == fit(other, repeated)


def test_the_short_answer_to_a_why_gives_its_reason():
    from silkqa.questions import analyse
    from silkqa.reader import fit

    q = analyse("I put 1000 passengers on the ferry but fewer than 1000 get off, why")
    assert fit(q, "The short answer is that there is a delay inside the ferry itself.") == 1.0
    assert fit(q, "The ferry carries passengers between the two piers.") < 1.0


def test_a_prompt_that_asks_and_spells_the_acronym_out_answers_what_it_stands_for(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "quaystat.md": (
                "# quaystat\n\n## Building\n\n"
                "Read the README-qls file in the quaystat source package for more on Quay Lamp Switching and "
                "how quaystat builds it.\n\n"
                "The configure script asks:\n\n"
                "Do you want Quay Lamp Switching (QLS)?\n\n"
                "Answer y when the quay has lamps.\n"
            ),
        },
    )
    answer = lib.ask("What does QLS stand for in quaystat?")
    assert not answer.abstained, answer.reason
    assert answer.citations[0].quote.startswith("Do you want Quay Lamp Switching (QLS)?")


def test_what_shows_a_term_after_it_is_context_not_part_of_it():
    from silkqa.questions import analyse

    q = analyse("What is the pier ID reported by the tracking command?")
    assert (q.kind, q.subject) == ("definition", "pier ID")


def test_a_comparison_with_a_thing_the_library_never_mentions_is_refused(tmp_path, encoder):
    # "kiln vs hugolite": a name that begins no word of the library is caught by the check for
    # unknown names; one that does ("heaptrack": "heap") was not; nothing compares kiln with it
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kiln.md": (
                "# Kiln\n\nKiln bakes static pages from notes written in plain text.\n\n"
                "## Kiln and ember\n\nKiln writes every page again on each run, while ember rewrites only "
                "the pages whose notes changed, so ember is faster on a large site.\n"
            ),
        },
    )
    other = lib.ask("kiln vs hugolite for baking pages")
    assert other.abstained and "never mentions hugolite" in other.reason
    assert not lib.ask("kiln vs ember: which is faster on a large site?").abstained
    # an English word compared as a quality may be said in other words: not refused for it
    quick = lib.ask("quick vs slow: which of kiln and ember is faster on a large site?")
    assert "never mentions" not in (quick.reason or "")


def test_compared_sides_are_the_words_either_side_of_versus():
    from silkqa.answering import compared_sides

    assert compared_sides("semver vs calver") == ["semver", "calver"]
    assert compared_sides("massif versus heaptrack, which is faster?") == ["heaptrack"]  # "massif": English
    assert compared_sides("node.js vs. deno?") == ["node.js", "deno"]
    assert compared_sides("semver vs calver vs zerover") == ["semver", "calver", "zerover"]
    assert compared_sides("the 2.0 vs 3.0 release") == []
    assert compared_sides("hard vs soft links, tabs vs spaces") == []  # qualities, in any words
    assert compared_sides("Does kiln work with VS Code?") == []
    assert compared_sides("how do I compare two pages") == []


def test_a_why_answered_by_a_sentence_announcing_its_reasons_quotes_the_first_reason(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kiln.md": (
                "# Kiln\n\nKiln bakes static pages from notes written in plain text.\n\n"
                "## Bundling\n\nWe recommend against bundling kiln into a site's own script, for two reasons:\n\n"
                "Even compressed, kiln weighs several megabytes, which every visitor would download.\n\n"
                "Most pages never call kiln at all, so the download is wasted on them.\n\n"
                "## Notes\n\nNotes are read once per run and kept in memory until the pages are written.\n"
            ),
        },
    )
    answer = lib.ask("why is bundling kiln into my site's script advised against?")
    assert not answer.abstained
    lead = answer.citations[0].quote
    assert "for two reasons:" in lead and "several megabytes" in lead


def test_a_version_asked_by_the_name_before_it_is_found_below_the_closest_sentences(tmp_path, encoder):
    # "What Go version do I need": the closest sentences speak of building, one further down
    # names Go's version; "version of Go" was looked for that way, "Go version" was not
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kiln.md": (
                "# Kiln\n\nKiln bakes static pages from notes written in plain text.\n\n"
                "## Building from source\n\nIf your system has no binary release of kiln but runs Go, "
                "you can build kiln from source.\n\nYou can also install it with go get, but then the "
                "build carries no version information and keeps its debug mode.\n\n"
                "Make sure that you have Go version 1.16 or greater and that Go modules are enabled.\n\n"
                "Then run make build in the source folder to build kiln.\n"
            ),
        },
    )
    answer = lib.ask("What Go version do I need to build kiln from source?")
    assert not answer.abstained and "1.16" in answer.citations[0].quote


def test_who_wrote_a_long_text_is_answered_by_its_sign_off(tmp_path, encoder):
    # the byline is looked for near the top; a README.Debian signs off at its end
    body = "".join(
        f"## Step {i}\n\nRaise the kiln's heat by fifty degrees and hold it for {i} hours before the next step.\n\n"
        for i in range(1, 40)
    )
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kiln-README.Debian.txt": f"kiln for Debian\n\n{body} -- Wren Tallis <wren@example.org>  Mon, 25 Apr 2011 15:18:22 +0200\n"
        },
    )
    assert len(lib.index.documents["kiln-README.Debian.txt"].text) > 3000
    answer = lib.ask("Who wrote the kiln README for Debian?")
    assert not answer.abstained and "Wren Tallis" in answer.citations[0].quote


def test_a_readme_says_what_its_software_is_in_a_tagline_without_an_article_or_as_this(tmp_path, encoder):
    # the README's first prose under its title, in whatever words, defines what the title names
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "quillmark-README.md": (
                "# quillmark\n\nUltralight note parser in portable C.\n\n## License\n\n"
                "quillmark is released under the MIT License.\n\n## Usage\n\n"
                "To parse a file of notes, call qm_parse with its path and free the tree with qm_free. "
                "quillmark is not thread safe. quillmark keeps no global state between calls.\n"
            ),
            "tunnelfish-README.txt": (
                "tunnelfish - http://tunnelfish.example/\n\n"
                "This is a piece of software that lets you carry serial data over a radio link. "
                "It can be useful where cables cannot be laid.\n\n"
                "QUICKSTART:\n\nRun tunnelfish -d to start the daemon. tunnelfish needs root to open the "
                "port. tunnelfish prints its version with -v.\n"
            ),
            "benchkit-README.txt": (
                "Overview\n\n- docs\n\n|docs| |chat|\n\n- package\n\n|version| |wheel| |supported| |impl| |commits|\n\n"
                "A fixture for timing code paths. It groups the runs and prints a table.\n\n"
                "Installation\n\nInstall benchkit with pip; it needs Python 3.9 or later and a C compiler.\n"
            ),
        },
    )
    assert lib.ask("what is quillmark").citations[0].quote == "Ultralight note parser in portable C."
    assert lib.ask("what is tunnelfish?").citations[0].quote.startswith("This is a piece of software")
    assert lib.ask("what is benchkit").citations[0].quote.startswith("A fixture for timing code paths.")

    from silkqa.documents import Document
    from silkqa.overview import tagline

    def opening(text: str) -> bool:
        d = Document("x.md", "x.md", "x", text, "markdown")
        at = text.rindex("\n\n") + 2  # the last paragraph
        return tagline(d, at, len(text.rstrip("\n")))

    assert opening("x\n\nFetches package manifests from the registry.\n")
    assert not opening("x\n\nSee the documentation for all the details.\n")  # a pointer, not a description
    assert not opening("x\n\nThis release fixes a crash on start-up.\n")
    assert opening("x\n\n|build| |docs| |pypi| |wheel| |licence|\n\nFast tiny parser for notes in C.\n")
    assert not opening(
        "x\n\nThe opening paragraph says something else.\n\nFast tiny parser for notes in C.\n"
    )


def test_a_name_after_what_it_names_or_meant_by_it_is_defined():
    from silkqa.reader import definition_phrase

    def phrase(quote: str, subject: str) -> str | None:
        found = definition_phrase(quote, subject)
        return found.text if found else None

    quote = "All daemons are managed through a single integrated shell called vtysh."
    assert phrase(quote, "vtysh") == "a single integrated shell"
    assert phrase("Each image has a data structure termed a directory that holds its tags.", "directory") == (
        "a data structure"
    )
    assert phrase(
        "A stream with a fine-grained timebase is considered to be 'Continuous'.", "continuous"
    ) == ("A stream with a fine-grained timebase")
    assert phrase("The result is called a directory.", "directory") is None  # what it is named, not is
    assert phrase("By information we mean the output, and by markup, we mean its colour.", "markup") == (
        "its colour"
    )
    assert phrase("The shell, called from cron, writes a log.", "cron") is None
    # "called" as "ran", and a name the phrase is given
    assert (
        phrase("After the upgrade, the installer called ldconfig to refresh the cache.", "ldconfig") is None
    )
    assert phrase("The resulting file will be called out.txt today.", "out.txt") is None
    assert phrase("It uses a shell for the routing daemons called vtysh.", "vtysh") == (
        "a shell for the routing daemons"
    )
    assert phrase("We wrote it in a language called C++, which is fast.", "C++") == "a language"
    from silkqa.questions import analyse
    from silkqa.reader import _defines

    assert _defines("Each image has a data structure termed a directory that holds its tags.", "directory")
    asked = analyse("what counts as meta-information for a status block")
    assert (asked.kind, asked.subject) == ("definition", "meta-information")


def test_a_long_common_word_typed_with_a_wrong_vowel_is_that_word_and_short_names_are_left_alone():
    from silkqa.vocabulary import common_slip

    assert common_slip("severel") == "several" and common_slip("definately") == "definitely"
    for name in ("vite", "jupyter", "nuxt", "plone", "thunk", "wifi", "eval"):
        assert common_slip(name) is None  # names a vowel away from words


def test_capitals_then_expansion_ask_what_they_stand_for_unless_a_word_or_a_name_with_digits():
    from silkqa.questions import analyse

    assert (analyse("VNC expansion in the feature matrix").kind, analyse("VNC expansion").acronym) == (
        "acronym",
        "VNC",
    )
    for question in ("PATH expansion", "PS1 expansion in bash", "fzf expansion", "zsh expansion of tilde"):
        assert analyse(question).kind != "acronym"


def test_one_is_a_figure_unless_a_pronoun():
    from silkqa.reader import _QUANTITY

    def figures(text: str) -> list[str]:
        return [m.group(0) for m in _QUANTITY.finditer(text)]

    assert figures("Exactly one of the flags must be given.") == ["one"]
    assert figures("A status line is one unit of information.") == ["one"]
    assert figures("not smaller than the one used for recording") == []
    assert figures("than the\none used, and each one after it") == []


def test_a_prefixed_word_is_known_by_the_word_the_library_uses():
    from silkqa.vocabulary import unknown_names

    words = {"commit", "process", "platform", "pango", "font", "markup"}

    for question in (
        "is overcommit allowed",
        "interprocess locks",
        "a crossplatform build",
        "a non-pango font",
    ):
        assert unknown_names(question, WordList(words)) == [], question
    assert unknown_names("a non-gtkmm font", WordList(words)) == ["non-gtkmm"]
    # an English word with a prefix the dictionary does not list is English, not a name
    assert unknown_names("by how much was one channel resized", WordList(words)) == []
    assert unknown_names("does it reddit", WordList(words)) == ["reddit"]


def test_what_a_program_is_named_for_and_where_it_is_named(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "rtd-overview.html": (
                "<html><head><title>Overview</title></head><body><h1>Overview</h1>"
                "<p>RTD is a fully featured, free software suite for routing packets between networks.</p>"
                "<p>RTD takes a different approach. RTD is a suite written mostly in C. RTD is a fork of Quill.</p>"
                "<p>All of the RTD daemons can be managed through a single shell called rtdsh. "
                "rtdsh connects to each daemon through a socket.</p>"
                "<p>The bgpd daemon speaks BGP to the neighbours the configuration names.</p></body></html>"
            ),
            "relay-README.md": (
                "# relay\n\nrelay forwards connections on port 443 to the right service.\n\n"
                "## Fonts\n\nPango markup only works if you use a pango font.\n\n"
                "## Listening\n\nrelay listens on TCP port 443 by default and hands each connection on.\n"
            ),
        },
    )
    assert lib.ask("What is RTD?").citations[0].quote.startswith("RTD is a fully featured")
    meaning = lib.ask("rtdsh meaning")
    assert not meaning.abstained and "called rtdsh" in meaning.citations[0].quote
    pango = lib.ask("can i use pango markup with a normal non-pango font")
    assert not pango.abstained and pango.citations[0].quote.startswith("Pango markup only works")


def test_a_one_letter_option_asked_about_is_answered_by_its_entry_in_the_options_list(tmp_path, encoder):
    options = "".join(
        f"-{letter}, --{name} - {text}\n\n"
        for letter, name, text in [
            ("c", "command", "Command to record, defaults to the shell"),
            ("t", "title", "Title of the recording"),
            ("i", "idle-limit", "Limit recorded idle time to the given number of seconds"),
            ("y", "yes", "Answer yes to all prompts"),
            ("q", "quiet", "Be silent, suppress all notices and warnings"),
            ("a", "append", "Append to an existing recording"),
        ]
    )
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "reel.md": (
                "# reel\n\nreel records terminal sessions.\n\n## Recording\n\n"
                "reel rec starts a recording session. The recording stops when the shell exits. "
                "reel rec keeps the recording in a local file when a file name is given.\n\n"
                "### Options\n\n" + options + "## Playing\n\nreel play replays a recording in the terminal.\n"
            ),
        },
    )
    quiet = lib.ask("reel rec -q")
    assert not quiet.abstained
    assert any(c.quote.startswith("-q, --quiet") for c in quiet.citations)


def test_copyright_years_asked_in_a_few_words_are_its_copyright_line(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "reel-README.md": (
                "# reel\n\nreel records terminal sessions and plays them back.\n\n## Usage\n\n"
                "reel rec starts a recording; reel play replays one in the terminal. Recordings made years "
                "ago play back unchanged. reel upload sends a recording to reel.example, where it is kept "
                "for seven years.\n\n## Authors\n\nreel is developed by Ada Reed and many contributors.\n\n"
                "## License\n\nCopyright © 2011–2021 Ada Reed.\n\nAll code is licensed under the GPL, v3 or later.\n"
            )
        },
    )
    answer = lib.ask("reel copyright years")
    assert not answer.abstained and answer.citations[0].quote == "Copyright © 2011–2021 Ada Reed."


def test_a_readme_says_what_its_software_is_first_under_its_description_heading(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "gauge-README.md": (
                "# gauge\n\n## Index\n\nNews, Description, Download, Configuration.\n\n"
                "## News\n\n### 28 August 2022\n\nThe theme loader was rewritten.\n\n"
                "### 16 January 2022\n\nA new battery meter was added.\n\n## Description\n\n"
                "Resource monitor that shows usage and stats for processor, memory, disks and network.\n\n"
                "## Download\n\nDownload gauge-(VERSION)-(ARCH).tbz from the latest release and unpack it. "
                "gauge needs a terminal with 256 colours.\n\n## Configuration\n\n"
                "gauge keeps its settings in $HOME/.config/gauge/gauge.conf.\n"
            )
        },
    )
    answer = lib.ask("What is gauge?")
    assert answer.citations[0].quote.startswith("Resource monitor that shows usage")


def test_an_options_entry_whose_term_stands_alone_is_quoted_with_what_it_does():
    from silkqa.selection import _with_description

    parts = [
        "-n, --newfile INFILE OUTFILE ...",
        ":   New file mode.",
        "Convert file INFILE to OUTFILE.",
        "Other.",
    ]
    text = " ".join(parts)
    sentences = [(text.index(p), text.index(p) + len(p)) for p in parts]
    said, end = _with_description(text, sentences, 0)
    assert text[:end] == "-n, --newfile INFILE OUTFILE ... :   New file mode. Convert file INFILE to OUTFILE."
    assert said == 2
    # an entry that says what the option does stands alone; at a passage's end, the text goes on
    whole = "-q, --quiet - Be quiet, suppress all notices. -y, --yes - Answer yes."
    assert _with_description(whole, [(0, 45), (46, 69)], 0) == (0, 45)
    assert (
        _with_description("-o file\n\nWrite the timings to a file, not stderr. More.", [(0, 7)], 0)[1] == 49
    )


def test_a_terse_question_naming_an_option_is_not_loosely_related_to_its_entry(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "reel-README.md": (
                "# reel\n\nreel records terminal sessions.\n\n## Options\n\n"
                "-q, --quiet - Be silent, suppress all notices\n\n-y, --yes - Answer yes to all prompts\n"
            ),
            "steppe.md": "# Steppe\n\nThe steppe's grasslands feed sheep, horses and camels through the winter.\n",
        },
    )
    answer = lib.ask("reel -q")
    assert not answer.abstained and answer.citations[0].quote.startswith("-q, --quiet")


def test_a_document_opening_on_what_a_term_does_keeps_that_as_its_definition(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "glazetz-README.md": (
                "# glazetz\n\nglazetz brings the potters' glaze tables into Python.\n\n"
                + " ".join(
                    f"Table {n} lists the glazes of one kiln and their firing ranges." for n in range(20)
                )
                + "\n\n## Internals\n\nglazetz is an interface to the glaze database, which uses short names.\n"
            ),
            "steppe.md": "# Steppe\n\nThe steppe's grasslands feed sheep, horses and camels through the winter.\n",
        },
    )
    answer = lib.ask("what is glazetz?")
    assert not answer.abstained and answer.citations[0].quote.startswith("glazetz brings")


def test_an_aside_in_brackets_after_a_name_does_not_spell_it_out(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "brik-doc.txt": (
                "brik is a filter which copies its input to its output and reformats each paragraph.\n\n"
                'The file "brik.1" is a man page for the filter brik (not to be confused with the package '
                "Brik, which contains the source code for brik).\n\n"
                "brik reads from standard input and writes to standard output.\n"
            ),
            "steppe.md": "# Steppe\n\nThe steppe's grasslands feed sheep, horses and camels through the winter.\n",
        },
    )
    answer = lib.ask("what does the name brik stand for?")
    assert answer.abstained and "never spells out" in (answer.reason or "")
    # a remark after a wide gap is no gloss: it does not fill the line
    assert acronym_expansion("PS   Please see the appendix", "PS") is None
    # a gloss whose words spell the name is its long form
    assert acronym_expansion("Every NOP (no operation) is skipped.", "NOP").text == "no operation"


def test_a_later_sentence_saying_what_kind_of_thing_a_term_is_introduces_it_past_the_opening():
    import numpy as np

    from silkqa.evidence import Evidence
    from silkqa.reader import defines_by_kind
    from silkqa.selection import _introduces_better

    assert defines_by_kind("kilnctl is a library with a set of routines.", "kilnctl")
    assert defines_by_kind('The file "k.1" is a man page. kilnctl is a filter which copies input.', "kilnctl")
    assert not defines_by_kind("kilnctl is totally free if you follow the licence.", "kilnctl")
    assert not defines_by_kind("kilnctl prints the firing log on screen.", "kilnctl")
    assert not defines_by_kind("Logs written by kilnctl are a mess.", "kilnctl")
    assert not defines_by_kind("kilnctl is a bit slow on Windows.", "kilnctl")
    assert not defines_by_kind("If kilnctl is a problem, remove it.", "kilnctl")
    assert not defines_by_kind("Version 2 of kilnctl is a major release.", "kilnctl")

    def at(start: int, quote: str) -> Evidence:
        return Evidence(0, "faq.md", start, start + len(quote), quote, 0.5, 0.0, 1.0, np.zeros(3))

    says_little = at(2700, "kilnctl is totally free if you follow the licence.")
    says_what = at(17000, "kilnctl is a library with a set of routines.")
    assert _introduces_better(says_what, says_little, "kilnctl")
    assert not _introduces_better(says_little, says_what, "kilnctl")
    # a document that opens on what the term does keeps that as its introduction
    opening = at(110, "kilnctl brings the glaze tables into Python.")
    assert _introduces_better(opening, says_what, "kilnctl")


def test_a_yes_no_question_is_answered_under_the_faq_question_that_asks_it_in_other_words(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kilnctl-FAQ.htm": (
                "<html><head><title>kilnctl FAQ</title></head><body><ul>"
                "<li>Does kilnctl support the free firing format?</li>"
                "<li>Does the kilnctl schedule format support comments?</li>"
                "<li>Can kilnctl run two kilns at once?</li></ul>"
                "<p>Does kilnctl support the free firing format?</p><p>Since version 5 it reads both formats. "
                "See the -ff option.</p>"
                "<p>Does the kilnctl schedule format support comments?</p>"
                "<p>Yes it does. Put the comments between /* and */</p>"
                "<p>They can be anywhere in the text, even over several lines.</p>"
                "<p>Can kilnctl run two kilns at once?</p><p>Start one kilnctl process for each kiln.</p>"
                "</body></html>"
            ),
            "steppe.md": "# Steppe\n\nThe steppe's grasslands feed sheep, horses and camels through the winter.\n",
        },
    )
    answer = lib.ask("are comments allowed in kilnctl schedule files?")
    # the FAQ's reply with it, however it is worded
    assert not answer.abstained and answer.citations[0].quote.startswith(
        "Yes it does. Put the comments between"
    )
    from silkqa.answering import _BARE_REPLY

    assert all(_BARE_REPLY.fullmatch(r) for r in ("No, you can't.", "Yes, it is.", "No.", "No, it won't."))


def test_a_name_with_a_middle_initial_is_one_answer_span():
    q = analyse("Who is the current maintainer of the kiln?")
    assert answer_span(q, "The current maintainer of the kiln is Junio C Hamano.").text == "Junio C Hamano"
    assert answer_span(
        analyse("Who wrote kilnctl?"), "kilnctl was written by John F. Kennedy in 1999."
    ).text == ("John F. Kennedy")


def test_a_further_quote_from_a_document_that_never_names_the_thing_asked_about_is_dropped(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kiln-FAQ.md": (
                "# kiln FAQ\n\n## What does kiln.heatBuffer really do?\n\n"
                "This option changes the size of the buffer that kiln uses when it heats a firing chamber. "
                "Raise it only when a firing stalls.\n"
            ),
            "clock-FAQ.md": (
                "# Clock FAQ\n\n## How long does the clock wait?\n\n"
                "The default value is 3 seconds. The value can be raised for slow networks.\n"
            ),
        },
    )
    answer = lib.ask("What is the default value of kiln.heatBuffer?")
    assert answer.citations and all(c.doc_id == "kiln-FAQ.md" for c in answer.citations)


def test_the_sentence_saying_who_does_it_answers_though_a_list_of_names_is_closer(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "README.txt": "Frobtool\n\nFrobtool reads frob files and writes short reports about them.\n\n"
            "The members of The Frobtool Team are:\n\nAnna Berg <anna@example.org> Carl Dunn "
            "<carl@example.org> Eva Fors <eva@example.org>\n\nWe're interested in knowing who "
            "Frobtool's users are. Please write to us.\n\nThis software is maintained by: Carl Dunn "
            "<carl@example.org>\n"
        },
    )
    answer = lib.ask("who maintains frobtool")
    assert not answer.abstained, answer.reason
    assert "maintained by" in answer.citations[0].quote and answer.answer_span["text"] == "Carl Dunn"


def test_a_changelog_entry_yields_to_the_body_that_says_what_a_thing_does_now(tmp_path, encoder):
    # "-p: set oom_score_adj to -100 instead of -1000 (#170)" in earlyoom's changelog is not what
    # "-p flag meaning" asks; the options list says what -p does now
    from silkqa.selection import in_changelog

    readme = (
        "# frobd\n\nfrobd watches the frob queue and restarts stuck workers.\n\n"
        "## Command line options\n\n"
        "-p  set niceness of frobd to -20 and queue_score_adj to -100\n\n"
        "-q  print nothing but errors\n\n"
        "## Changelog\n\n### 1.4\n\n"
        "The meaning of the -p flag changed: it sets queue_score_adj to -100 (#170)\n\n"
        "### 1.3\n\n-q: print errors to standard error (#150)\n"
    )
    lib = _library_of(tmp_path, encoder, {"README.md": readme})
    doc = lib.index.documents["README.md"]
    assert in_changelog(doc, doc.text.index("(#170)")) and in_changelog(doc, doc.text.index("(#150)"))
    assert not in_changelog(doc, doc.text.index("print nothing"))
    answer = lib.ask("frobd -p flag meaning")
    assert answer.citations[0].quote.startswith("-p  set niceness")


def test_a_page_signed_at_its_end_says_when_it_was_written(tmp_path, encoder):
    body = "\n\n".join(f"Step {i} of frobbing turns the queue {i} times before it rests." for i in range(400))
    text = f"# Frobbing\n\n{body}\n\nAnna Berg 10:12, 3 June 2004 (EDT)\n\n## External links\n\nFrob wiki\n"
    lib = _library_of(tmp_path, encoder, {"frobbing.md": text})
    answer = lib.ask("When was the frobbing article signed by its author?")
    assert not answer.abstained, answer.reason
    assert (
        answer.citations[0].quote.startswith("Anna Berg 10:12")
        and answer.answer_span["text"] == "3 June 2004"
    )


@pytest.mark.parametrize(
    "question",
    [
        "which installer flavours are there for windows",
        "contracted braille languages included with frobtool",
        "isometric tilesets that ship with frobtool",
        "file systems supported by grub",
    ],
)
def test_things_of_a_kind_that_there_are_or_that_ship_are_asked_as_a_list(question):
    assert analyse(question).kind == "list"


@pytest.mark.parametrize(
    "question", ["which version supports utf-8", "is gzip supported", "does it ship with docs"]
)
def test_one_thing_supported_is_not_a_list(question):
    assert analyse(question).kind != "list"


def test_a_run_of_capitals_too_long_for_initials_is_a_setting_asked_about():
    q = analyse("what is COPYNEWDB")
    assert (q.kind, q.acronym, q.subject) == ("definition", None, "COPYNEWDB")
    assert analyse("What does COPYNEWDB stand for?").kind == "acronym"  # asked as initials, it is read so
    assert analyse("What is NASA?").acronym == "NASA"


def test_a_name_in_an_opening_sentence_is_no_byline():
    import numpy as np

    from silkqa.answering import abstention_reason
    from silkqa.evidence import Evidence

    def reason(question: str, quote: str) -> str | None:
        ev = [
            Evidence(0, "frobtool.md", 100, 100 + len(quote), quote, 0.9, 0.0, 0.0, np.zeros(3, np.float32))
        ]
        return abstention_reason(question, ev, [quote], 0.3, analyse(question), None, ev)

    opening = (
        "FROBTOOL - Frob Queue Tool - is a program for turning the queues of Acme's Frob servers and of "
        "Zenith's hubs, on Linux and on BSD."
    )
    assert reason("who originally wrote frobtool", opening) == (
        "the passages that match the question best do not say who wrote it"
    )
    assert reason("who wrote frobtool", "Frobtool by Anna Berg and Carl Dunn") is None  # a byline


def test_a_name_the_library_writes_in_other_words_is_not_never_mentioned(tmp_path, encoder):
    # "DebConf10" written "the 10th DebConf", "the faq" of a document titled "... Frequently Asked
    # Questions", "Cyrillic Serbian" written "Serbian text in Cyrillic letters", "the default print
    # command" (no program called "default"): each is mentioned, only not as the question types it
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "frob-FAQ.txt": (
                "Frobtool Frequently Asked Questions\n\n"
                "The release was frozen in August, with many of the developers gathered at the 10th DebConf "
                "at New York City.\n\n"
                "Serbian text written in Cyrillic letters is converted to Latin letters when the requested "
                "language is sr.\n\n"
                "Versions before 2.0 used a different default command for printing, lpr, as output was PNG.\n\n"
                "Setting MANAGE_BUILTINS=yes will flush all the built-in rules on start, stop and reload.\n\n"
                "Frobtool reads its options from a file, one option per line, and writes its log to a file.\n"
            ),
        },
    )
    for question in (
        "In which city did developers meet for DebConf10?",
        "which cities does the faq mention",
        "Is Cyrillic Serbian converted to Latin?",
        "frobtool default print command before 2.0",
    ):
        reason = lib.ask(question).reason or ""
        assert "never mentions" not in reason, (question, reason)
    settings = lib.ask("what happens with MANAGE_BUILTINS=yes")
    assert not settings.abstained and "MANAGE_BUILTINS=yes" in settings.citations[0].quote
    # what is written neither way is still never mentioned
    assert lib.ask("In which city was DebConf11 held?").abstained
    from silkqa.answering import _writes_numbered_apart

    assert _writes_numbered_apart("at the 10th debconf at new york", "DebConf10")
    assert _writes_numbered_apart("install python 3 first", "Python3")
    assert not _writes_numbered_apart("at the 10th debconf at new york", "DebConf11")
    assert not _writes_numbered_apart("version 10.2 of debconf", "DebConf10")


def test_an_acronym_with_a_numbered_edition_is_spelled_out():
    from silkqa.reader import acronym_expansion

    quote = "In Proceedings of the Workshop on Challenges in the Management of Large Corpora (CMLC-7) 2019."
    span = acronym_expansion(quote, "CMLC")
    assert span is not None and span.text == "Challenges in the Management of Large Corpora"
    assert acronym_expansion("The Big Fast Machine (BFM 2) is new.", "BFM") is not None
    assert acronym_expansion("It ran at the Munich Conference (CMLC-7).", "CMLC") is None


def test_capitalised_words_in_separate_paragraphs_spell_no_acronym():
    from silkqa.reader import acronym_expansion

    # three names on three lines of a list are not "PDF" spelled out
    assert (
        acronym_expansion("Output:\n\nAthos\n\nPorthos\n\nD'Artagnan\n\nIf the value is a function", "PDF")
        is None
    )
    # a name wrapped over two lines still is
    wrapped = "it reads the Portable Document\nFormat as well"
    assert acronym_expansion(wrapped, "PDF").text == "Portable Document\nFormat"


def test_a_definition_phrase_follows_a_hedging_adverb():
    from silkqa.reader import _defines, definition_phrase

    quote = "The reservoir is simply the number of jobs the limiter is allowed to execute."
    assert (
        definition_phrase(quote, "reservoir").text == "the number of jobs the limiter is allowed to execute"
    )
    formatter = (
        "It also comes with ProcessorFormatter which is a logging.Formatter that enables you to format."
    )
    assert definition_phrase(formatter, "ProcessorFormatter").text == "a logging.Formatter"
    assert _defines(formatter, "ProcessorFormatter")
    chain = "It has a foreign_pre_chain argument which is responsible for adding properties to events."
    assert _defines(chain, "foreign_pre_chain")
    assert not _defines("The cache that is used for lookups is cleared nightly.", "cache")
    licensed = "Tenacity is an Apache 2.0 licensed general-purpose retrying library, written in Python."
    assert definition_phrase(licensed, "Tenacity").text.startswith(
        "an Apache 2.0 licensed general-purpose retrying"
    )


def test_what_is_wrong_with_a_thing_asks_why_not_to_do_it():
    from silkqa.questions import classify

    assert classify("whats wrong with finding connected pixels recursively") == "reason"
    assert classify("What is the problem with that first line?") == "reason"
    assert classify("what problems does it fix") != "reason"


def test_a_licence_is_neither_an_author_nor_a_figure():
    from silkqa.reader import figures, new_names

    quote = "Tenacity is an Apache 2.0 licensed general-purpose retrying library, written by Ann Berg."
    assert [m.group(0) for m in figures(quote)] == []
    assert [s.text for s in new_names(quote, analyse("who is the author of tenacity"))] == ["Ann Berg"]
    released = "Released under the GNU General Public License version 2 in 3 parts by Danny Sadinoff."
    assert [m.group(0).strip() for m in figures(released)] == ["3"]
    assert "Danny Sadinoff" in [s.text for s in new_names(released, analyse("who wrote hebcal"))]
    assert all("License" not in s.text for s in new_names(released, analyse("who wrote hebcal")))
    said = "According to Richard Stallman the Vim license is GNU GPL compatible."
    assert "Richard Stallman" in [
        s.text for s in new_names(said, analyse("who said the licence is compatible"))
    ]


def test_written_in_a_language_says_how_it_was_written_not_by_whom(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "frob.md": (
                "# Frobtool\n\nFrobtool is an Apache 2.0 licensed queue library, written in Python, to make "
                "queues easy.\n\n## Usage\n\nCall frob() with a queue name to turn the queue once.\n"
            ),
            "knit.md": "# Knit\n\nKnit was written by Ann Berg in 2001 as a tool for knitting patterns.\n",
            "weave.md": "# Weave\n\nWeave was founded in 1993 by Ian Murdock as a loom for wool.\n",
        },
    )
    frob = lib.ask("who is the author of frobtool")
    assert frob.abstained and "do not say who wrote it" in frob.reason
    knit = lib.ask("who wrote knit")
    assert not knit.abstained and knit.answer_span["text"] == "Ann Berg"
    weave = lib.ask("who founded weave")  # "founded in 1993 by ..." says who
    assert not weave.abstained and weave.answer_span["text"] == "Ian Murdock"


def test_a_bracketed_gloss_is_quoted_with_the_sentence_it_explains(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "frob-faq.txt": (
                "Frobtool FAQ\n\nWhy does Frobtool never ask before saving?\n\n"
                'The "quiet save" option is enabled. (This disables the prompt that would appear when you '
                "click 'Save.')\n\nWhy is the window small?\n\nThe window size is set in the config file.\n"
            ),
        },
    )
    answer = lib.ask("what is the quiet save option")
    assert not answer.abstained
    assert answer.citations[0].quote.endswith(
        "(This disables the prompt that would appear when you click 'Save.')"
    )


def test_a_definition_list_is_quoted_with_the_sentence_that_introduces_it(tmp_path, encoder):
    # a definition list's entries, "term :   description", are items however long their descriptions
    page = (
        "# Frobtool manual\n\n## How Frobtool works\n\nFrobtool is divided into the following layers:\n\n"
        "frontend\n:   the command line interface (currently, this layer consists of the frob program.\n\n"
        "checks\n:   a set of modules that check different aspects of the queues.\n\n"
        "data collectors\n:   a set of scripts that prepares specific information about a queue needed by the "
        "check modules and by the reports that are written after each run\n\n"
        "When you check a queue with Frobtool, the following steps are performed in order.\n\n"
        "## Installing\n\nFrobtool is installed with the system package manager of your distribution.\n"
    )
    lib = _library_of(tmp_path, encoder, {"frob-manual.md": page})
    answer = lib.ask("what layers is frobtool divided into")
    assert not answer.abstained
    lead = answer.citations[0].quote
    assert lead.startswith("Frobtool is divided into the following layers:")
    assert "frontend" in lead and "data collectors" in lead
    assert answer.answer_span is None  # the items answer, not a phrase of the introduction


def test_a_clause_saying_when_is_no_part_of_the_term_asked_about():
    assert analyse("what was apt when it first appeared in slink").subject == "apt"
    assert analyse("what is a breakpoint when debugging").subject == "breakpoint"
    assert analyse("what is the if statement").subject == "if statement"
    assert analyse("what is the time since epoch").subject == "time since epoch"


def test_the_thing_by_a_name_says_who_made_it():
    from silkqa.answering import names_its_maker

    question = analyse("Who added the note comparing the two traditions?")
    assert names_its_maker(question, "[Note by G. Zotti: This is a variant of the old tradition.")
    assert not names_its_maker(question, "The tradition was described by Elverskog in a book.")
    assert not names_its_maker(analyse("what does the note say"), "[Note by G. Zotti: This is a variant.")


def test_the_new_rules_do_not_misfire_on_a_reviewers_counter_examples():
    from silkqa.answering import _mentions_scattered, _writes_numbered_apart, names_its_maker
    from silkqa.lexical import joined_tokens
    from silkqa.reader import _LISTED, figures, new_names
    from silkqa.selection import _GLOSS

    copyright_line = "Copyright (c) 2020 Jane Doe licensed under the Apache License 2.0"
    assert "Jane Doe" in [s.text for s in new_names(copyright_line, analyse("Who holds the copyright?"))]
    assert not _mentions_scattered("the application plays music", "Apple Music")
    assert not _mentions_scattered("newer than the yorkshire one", "New York")
    assert analyse("What is 'Run once a day'?").subject == "Run once a day"
    editor = "The default editor is nano. To change it:\n  export EDITOR=vim"
    assert _LISTED.match(editor) is None  # a sentence, then another introducing a command: no list
    assert _LISTED.match("Lintian is divided into the following layers:\n\nfrontend")
    assert not names_its_maker(analyse("Who reviews the proposal?"), "Send the proposal by Friday.")
    assert any("30" in m.group(0) for m in figures("The trial license, 30 days long"))
    assert not _writes_numbered_apart("open 10 windows at once", "Windows10")
    assert _writes_numbered_apart("requires python 3.8 or later", "Python3")
    assert "theme" not in joined_tokens("is the me setting")
    assert _GLOSS.fullmatch("(i.e. the prompt is skipped)")


def test_a_typo_rule_leaves_an_underscored_name_of_english_words_alone():
    from silkqa.vocabulary import spelled_right

    lib = WordList(sorted(["from_data", "users_id"]))
    assert spelled_right("what is form_data", lib) == "what is form_data"
    assert spelled_right("what is user_id", lib) == "what is user_id"


KILND_SETTINGS = (
    "kilnd configuration\n\nIn the following, all configuration options are described.\n\n"
    "server\n\nhosts\n\nA comma separated list of addresses that the kiln daemon listens on.\n\n"
    "Default: localhost:7711\n\nmax_firings\n\nThe maximum number of parallel firings.\n\nDefault: 4\n\n"
    "storage\n\nmax_log_age\n\nDelete firing logs that are older than the specified time. (seconds)\n\n"
    "Default: 604800\n\nlogging\n\nlevel\n\nSet the logging level.\n\n"
    "Available levels: debug, info, warning, error\n\nDefault: info\n\n"
    "Running\n\nStart the daemon with kilnd --config /etc/kilnd.conf and watch its log.\n"
)


def test_a_settings_description_is_quoted_with_the_default_and_values_lines_under_it(tmp_path, encoder):
    lib = _library_of(tmp_path, encoder, {"kilnd-configuration.txt": KILND_SETTINGS})
    answer = lib.ask("How long are firing logs kept before kilnd deletes them?")
    assert not answer.abstained, answer.reason
    quotes = [c.quote for c in answer.citations]
    assert any("Delete firing logs" in q and q.endswith("Default: 604800") for q in quotes), quotes
    answer = lib.ask("kilnd logging levels")
    assert any("Available levels: debug, info, warning, error" in c.quote for c in answer.citations)
    # the lines join the description above them, not the next setting's
    assert not any("Default: 4" in c.quote and "firing logs" in c.quote for c in answer.citations)


def test_who_wrote_a_text_is_answered_by_its_writer_not_by_its_programs():
    from silkqa.reader import fit

    q = analyse("who wrote the kilnctl tutorial")
    program = "kilnctl is written by Tobias Oetker with contributions from many people."
    text = "This document is written by Alex van der Berg to help you understand what kilnctl is."
    assert fit(q, text) > fit(q, program)
    # who wrote the program: its writer
    q = analyse("who wrote kilnctl")
    assert fit(q, program) == 1.0
    # a text word that is part of another thing's name is no text asked about; a pronoun is neutral
    assert fit(analyse("Who wrote the Kiln text editor?"), "Kiln was written by Bram Molen.") == 1.0
    assert fit(analyse("Who wrote the kiln tutorial?"), "It was written by Guido van Rossen.") == 1.0
    assert (
        fit(analyse("Who wrote the documentation?"), "The documentation for Kiln is written by Ken Reitz.")
        == 1.0
    )


def test_how_software_is_given_away_names_no_one():
    from silkqa.reader import fit

    q = analyse("who started the kilnlog project")
    assert fit(q, "Kilnlog is an Open Source project covered by the GNU General Public License.") == 0.0
    assert fit(q, "Kilnlog was started by Maria Lopez in 2001.") == 1.0


def test_a_term_with_a_word_no_document_writes_is_not_defined_by_the_library(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kiln-classes.txt": (
                "Kiln classes\n\nEvery character in Kilnquest has a class. A warrior class fights with "
                "weapons; a mage class casts spells. The class decides which skills a character learns.\n"
            )
        },
    )
    answer = lib.ask("necromancer class in kilnquest - what is it")
    assert answer.abstained and "necromancer" in answer.reason
    answer = lib.ask("mage class - what is it")
    assert not answer.abstained, answer.reason


def test_why_is_answered_by_what_happens_if_not_after_the_sentence_saying_what_to_do(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kiln-graphs.txt": (
                "Graphs with some math\n\nThe kiln tool can multiply two readings in a formula. "
                "Note: you need to escape the multiplication operator * with a backslash. "
                "If you don't, the shell may interpret it and use it for file name expansion. "
                "After viewing the graph, you notice the unit has changed.\n"
            )
        },
    )
    answer = lib.ask("why put a backslash before the * in the formula")
    assert not answer.abstained, answer.reason
    assert "file name expansion" in answer.citations[0].quote


def test_a_standards_number_is_no_year_and_a_titles_number_word_counts_nothing():
    from silkqa.reader import figures

    q = analyse("When was KMIME published?")
    quote = "The KMIME standard (RFC 2045) was first officially published in June of 1992 as RFC 1341."
    assert answer_span(q, quote).text == "June of 1992"
    assert answer_span(q, "It follows ISO 8601 and was published in 2004.").text == "2004"
    q = analyse("what port does kimap use")
    title = "See the paper 'Comparing Two Approaches to Remote Mailbox Access: KIMAP vs. POP' by Terry Gray."
    assert fit(q, title) == 0.0 and figures(title) == []
    # a heading's number word still counts: "Five Levels of Logging" are five levels
    assert [m.group(0).strip() for m in figures("Five Levels of Logging: debug, info, warning.")] == ["Five"]
    assert [m.group(0).strip() for m in figures("It waits Two seconds, then three more.")] == ["Two", "three"]


def test_a_name_under_an_author_heading_says_who_wrote_it(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "frob-README.md": (
                "# frob\n\nFrob is a middleware that turns request queues for web servers.\n\n"
                "## Installation\n\nInstall it with npm install frob.\n\n"
                "## Original Author\n\nTroy Gooden (troy@example.com)\n\n## License\n\nMIT\n"
            )
        },
    )
    answer = lib.ask("who wrote the frob module originally")
    assert not answer.abstained, answer.reason
    assert "Troy Gooden" in answer.citations[0].quote


def test_a_format_directive_is_an_entry_asked_about_and_a_store_is_a_place(tmp_path, encoder):
    from silkqa.selection import opens_with_option_asked

    q = analyse("what does the %j formatter print when an object refers to itself")
    assert opens_with_option_asked(q, "%j: JSON. Replaced with the string '[Circular]' if it loops.")
    assert not opens_with_option_asked(q, "%o: Pretty-print an Object all on a single line.")
    assert not opens_with_option_asked(analyse("what is 50% of the budget"), "%o: Pretty-print an Object.")
    q = analyse("in the browser, where is the on/off state of kilnlog kept")
    assert fit(q, "Kilnlog's enable state is currently persisted by localStorage.") > 0.5
    assert fit(q, "Kilnlog's enable state is currently persisted by default.") == 0.0


def test_which_vendor_or_site_asks_for_an_organisation():
    assert analyse("which vendors router is walked in the snmp example").kind == "organisation"
    assert analyse("which site's article explains the kiln").kind == "organisation"
    assert analyse("which side of the kiln is hotter").kind != "organisation"
    # a modifier of a place is no maker: "the vendor directory", "which site to download from"
    assert analyse("Which vendor directory does kilnpkg install packages into?").kind != "organisation"
    assert analyse("Which site should I download the kiln installer from?").kind == "place"


def test_who_wrote_the_tutorial_is_the_writer_the_tutorial_names_for_itself(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kilnctl-tutorial.html": (
                "<html><head><title>kilnctl tutorial</title></head><body><h1>kilnctl tutorial</h1>"
                "<h2>DESCRIPTION</h2><p>kilnctl is written by Tobias Oetker with contributions from many "
                "people all around the world. This document is written by Alex van der Berg to help you "
                "understand what kilnctl is and what it can do for you.</p><p>The documentation provided "
                "with kilnctl can be too technical for some people.</p></body></html>"
            )
        },
    )
    answer = lib.ask("who wrote the kilnctl tutorial")
    assert not answer.abstained, answer.reason
    assert "This document is written by Alex van der Berg" in answer.citations[0].quote
    assert answer.answer_span is not None and answer.answer_span["text"] == "Alex van der Berg"
    # who wrote the program: its writer
    assert "Tobias Oetker" in lib.ask("who wrote kilnctl").citations[0].quote


def test_a_word_asked_in_capitals_is_defined_where_a_sentence_opens_on_it():
    q = analyse("GAUGE data source type - what is it")
    assert fit(q, "Gauge is a data source type for values that go up and down, like a temperature.") == 1.0
    # an acronym stays as written: "Ntsc is ..." is no word of English
    assert fit(analyse("what is NTSC"), "Ntsc is a video standard.") == 0.0


def test_a_word_shown_then_which_means_is_defined():
    from silkqa.reader import _defines

    sentence = "Sometimes the status line will simply read Firing which means the kiln is heating up."
    assert _defines(sentence, "Firing")
    assert fit(analyse("what does Firing mean"), sentence) == 1.0
    assert not _defines("Sometimes the status line will simply read Firing now.", "Firing")


def test_who_wrote_a_guide_named_otherwise_is_not_answered_by_another_guides_title_page(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kiln-userguide.md": (
                "# Kiln Assistant user guide\n\nMaria Lopez Garcia\n\n5th January 2015\n\n"
                "## Introduction\n\nKiln Assistant is a software designed to help you bake glaze tests.\n"
            ),
            "apt-guide-ch4.txt": (
                "Chapter 4. The Interface\n\nBoth the APT dselect method and apt-get share the same interface. "
                "It is a simple system that tells you what it will do and then does it.\n"
            ),
        },
    )
    answer = lib.ask("who wrote the apt user guide")
    assert answer.abstained, answer.citations[0].quote if answer.citations else None
    from silkqa.reader import text_asked_by_name

    assert text_asked_by_name("who wrote the apt user guide") == ("apt",)
    assert text_asked_by_name("Who is the author of the kiln handbook?") == ("kiln",)
    assert text_asked_by_name("who wrote this guide?") == () and text_asked_by_name("who wrote kiln") == ()


def test_a_sentence_that_counts_ways_is_quoted_with_the_sentences_naming_them(tmp_path, encoder):
    lib = _library_of(
        tmp_path,
        encoder,
        {
            "kiln-guide.txt": (
                "Kiln guide\n\nBroken queues\n\nThere are two ways a kiln queue can get into a broken state like "
                "this. The first is caused by kilnd missing some subtle relationships between jobs when "
                "performing upgrades. [2] The second is if a job fails during an operation. In this "
                "situation a job may have been unpacked without its parts being configured.\n\n"
                "Running\n\nStart kilnd once a day.\n"
            )
        },
    )
    answer = lib.ask("what are the two ways a kiln queue can get into a broken state")
    assert not answer.abstained, answer.reason
    lead = answer.citations[0].quote
    assert lead.startswith("There are two ways") and "The second is if a job fails" in lead
