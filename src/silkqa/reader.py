"""The reader: which candidate sentence answers the question, and which phrase in it.

Retrieval finds the passage; the reader picks, among its sentences, the one that has the kind
of answer the question wants (a definition, a reason, a figure, a name, a date), and marks
the answering phrase. Pure functions over strings: general English cues, nothing fitted to
one document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .questions import CLASS_NOUNS, COMMAND_VERBS, Question
from .questions import wordset as _wordset
from .vocabulary import is_english

_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
# a time of day: "around 1-7 AM", "at 06:25", "3 p.m."; it answers only a question asking what time
_CLOCK = re.compile(
    r"\b\d{1,2}(?::\d{2})?(?:\s*[-–]\s*\d{1,2}(?::\d{2})?)?\s*(?:[AaPp]\.?[Mm]\b\.?)"
    r"|(?<![\d:.])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:.])"
)
_TIME_OF_DAY_ASKED = re.compile(r"\b(?:what|which) time\b|\bat what hour\b|\btime of day\b", re.I)
_DATE = re.compile(
    rf"\b(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}|"
    rf"{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|{_MONTHS},?\s+(?:of\s+)?\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|"
    # "08/25/2007", "2007/08/25": a date in figures
    r"(?<![\d/])(?:\d{1,2}/\d{1,2}/(?:1[5-9]|20)\d\d|(?:1[5-9]|20)\d\d/\d{1,2}/\d{1,2})(?![\d/])|"
    r"(?:the\s+)?(?:early |late |mid-)?(?:1[5-9]|20)\d0s|"
    # a year, not a standard's or a page's number ("RFC 2045", "ISO 8601", "page 1999", "port 2000")
    r"(?<!RFC )(?<!RFC)(?<!ISO )(?<!PEP )(?<!No\. )(?<!#)(?<!page )(?<!port )(?<!issue )"
    r"(?:1[5-9]|20)\d\d(?:\s*[–-]\s*(?:1[5-9]|20)?\d\d)?)\b"
)
# the numbers written as words, by their value: one list for the reader, its checks and claims
SMALL_NUMBERS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)
NUMBER_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|thousand|half|a third|a quarter|two thirds|dozens?|hundreds|thousands|millions|"
    r"double|twice|triple)"
)
_PRONOUN_ONE = (
    "".join(
        f"(?<!\\b{w}\\s)"
        for w in ("the", "this", "that", "which", "each", "no", "any", "every", "some", "new", "old")
    )
    + r"one\b(?!\s+another\b)"
)
# a figure, with its unit where it has one ("32K", "10x", "4GB", "12 percent"); the digits must not
# run on into other letters: "21st", "1990s", "2012a" (a cited year) and "3D" are no figures
_QUANTITY = re.compile(
    # not an issue's number ("(Pull #429)"), nor a file name's ("the vsftpd.conf.5 man page")
    r"(?:(?:US|USD|RMB|CNY|EUR)?\s?[$€£¥]\s?)?(?<![\w\[#])(?<![A-Za-z]\.)\d(?:[,_]?\d)*+(?:\.\d+)?+(?:e[+-]?\d+)?+"
    # a range with its unit: "60-70%", "2–3 times"
    r"(?:[-–](?!0)\d+(?:\.\d+)?(?=\s?(?:%|percent\b|per cent\b|times\b|fold\b|[kmgt]i?b\b|bytes?\b|"
    r"seconds?\b|minutes?\b|hours?\b|days?\b|years?\b)))?"
    r"(?:\s?(?:%|(?:"
    r"percent|per cent|million|billion|trillion|thousand|bn|m|km|kg|t|tons?|tonnes?|[kmgt]i?b|k|x|[nmuµ]s|secs?|"
    r"mins?|h|hrs?|[kmg]?hz|[kmg]bps|px|pt|ch|bytes?|bits?|years?|days?|hours?|"
    r"minutes?|seconds?|times|fold|dollars|yuan|euros?|people|percentage points?)\b)"
    # a size written close ("a good starting point is 2G"), not a network ("3G modems")
    r"|(?<=\d)g\b(?!\s*(?:modems?|networks?|lte|cellular|mobile|connections?|phones?)\b))?(?![\]A-Za-z])"
    # ("one" as a pronoun is no figure: "the one used for recording", "each one", "one of them")
    rf"|\b(?:{_PRONOUN_ONE}|(?!one\b){NUMBER_WORD})(?:[\s-]+{NUMBER_WORD})*"
    r"(?:\s+(?:percent|per cent|million|billion|times|days|years|months))?\b"
    # "limited to a few k", "several megabytes": an amount without its number
    r"|\b(?:a few|several|a couple of)\s+(?:[kmgt]i?b?|(?:kilo|mega|giga)?bytes|(?:milli)?seconds|minutes|hours|"
    r"days|lines|columns|percent)\b"
    r"|\bevery\s+\d+(?:st|nd|rd|th)\b",  # how often: "every 10th snapshot is detailed"
    re.I,
)
_CAUSAL = re.compile(
    r"\b(?:because|since|due to|owing to|as a result|result(?:s|ed|ing)? (?:in|from)|so that|in order to|so as to|"
    r"therefore|thus|hence|consequently|the reason|reasons?|causes?d?|lead(?:s|ing)? to|led to|thanks to|"
    r"for this reason|this is why|that is why|given that|as it|as they|which means|allow(?:s|ed|ing)? |enable(?:s|d)? |"
    r"help(?:s|ed)? |to (?:avoid|ensure|prevent|reduce|improve|promote|achieve|make|keep)|otherwise|requires?|needs? to|"
    # "By the very nature of how throw works, there is almost never any way to ..."
    r"by (?:the (?:very )?)?(?:nature|design|definition) of|"
    # "The idea is that if a block is remapped, the heads do not have to move a long way",
    # "The choice of 20 seemed to be a reasonable compromise between speed and thoroughness"
    # (not "The goal is not to test the output ...", which says what is not the reason)
    r"the (?:whole |main |basic )?(?:idea|point|goal|aim|rationale) (?:is|was|here is|being)\b(?!\s+not\b)|"
    r"compromise between|trade-?offs? between|"
    # an FAQ's reply to a why: "The short answer is that there is a transport delay inside it."
    r"the (?:short|simple|quick|long) answer is (?:that|because)\b|"
    # what a thing is for answers why one would use it: "One purpose is for creating types that
    # are interoperable with C", "Specifying the type explicitly improves the error message"
    r"(?<!-)(?:main |primary |one )?purposes?|(?:intended|designed|meant) (?:to|for)|improv(?:es|ing)|"
    r"improved(?!\s+in\s+v?\d)|"  # not a change log's "Performance was improved in 2.0"
    r"so (?:that )?(?:you|we|it|they|users?|one) can|"
    r"mak(?:es|ing) (?:it|them|for)\b)\b",  # "..., making it ideal for containerised workloads"
    re.I,
)
_METHOD_CUE = re.compile(
    r"\b(?:by (?:\w+ing|means of|using)|through|via|using|with the help of|first|then|finally|step|steps|in order to|"
    r"so as to|use[sd]? |uses? the|call(?:s|ed)? |set(?:s)? |run(?:s)? |specif(?:y|ies|ied)|configur\w+|method|way to)\b"
    # an instruction for a purpose: "If you would like to see the output, invoke Cargo with -vv",
    # "To fix the lint, you need to add a code example"
    r"|^\W*(?:if|when) you (?:would like|want|wish|need) to\b|"
    r"^\W*to (?!(?:date|the|this|that|these|those|some|a|an|my|our|your|be|me|us|them|it)\b)\w+\b[^,.;]{3,100},"
    r"\s+(?:you\s+(?:need|have|must|should|can)\b|(?!(?:the|a|an|this|that|it|we|they|there|i|he|she)\b)[a-z]+\s)|"
    # an instruction: "Fork the project on GitHub", "Set the GROFF_NO_SGR environment variable",
    # "you need to change the ZLIB_VERSION", "LLVM CFI can be enabled with -Zsanitizer=cfi"
    rf"^\W*(?:please\s+)?(?:{COMMAND_VERBS}|apply|append|assign|avoid|check|choose|clone|copy|define|download|"
    r"edit|enter|execute|fork|give|go|include|insert|invoke|keep|make|mark|move|open|pick|place|press|put|rebuild|"
    r"rename|replace|save|select|send|start|stop|submit|switch|try|turn|type|unset|update|visit|wrap|write)\s+"
    # ... on an object: "Build times grew", "Install size is 40 MB", "Keep in mind" instruct nothing
    r"(?:the|a|an|your|this|that|these|those|it|them|all|each|every|one|some|[\"'`“‘]|-|\S*[_./=()]\S*(?:\s|$))|"
    r"\byou\s+(?:can|could|need to|must|should|may|have to|will need to)\s+(?:also\s+|then\s+|simply\s+|just\s+)?"
    r"(?!(?:be|not|recall|remember|know|see|notice|imagine|think|expect|wonder|want|like)\b)[a-z]{3,}|"
    r"\bcan be (?:used|set|enabled|disabled|changed|configured|turned|specified|passed|installed|built|called|run)\b",
    re.I,
)
_DEFINITION_CUE = re.compile(
    r"\b(?:is|are|was|were) (?:a|an|the|one of the|defined as|known as|called|designed|used|meant|intended)\b|"
    r"\brefers? to\b|\b(?:useful|good|handy) for\b|(?<!-)\bpurpose\b|"  # "what is X for": what it is good for
    r"\bstands? for\b|\bmeans\b|\bdefined as\b|\bknown as\b|\b(?:we|this paper|this article|this work) "
    r"(?:introduce|propose|present|describe|develop)s?\b|\bis a\b|,\s+(?:a|an|the)\s+\w+",
    re.I,
)
# the verbs a question's noun group ends at: "which options do ...", "what trade agreements were ..."
_AUXILIARY = "do|does|did|is|are|was|were|can|could|should|will|would|has|have|had"
# "Which two Central Asian countries ...", "what languages": things known by their names (not
# "states" nor "regions", which manuals give to other things)
_NAMED_CLASS = re.compile(
    rf"^\W*(?:which|what)\s+(?:(?!(?:{_AUXILIARY})\b)"
    r"[\w-]+\s+){0,3}?(?:countries|nations|cities|towns|provinces|"
    r"companies|firms|banks|organi[sz]ations|institutions|universities|people|persons|authors|languages)\b",
    re.I,
)


def _counted_names(asked: str) -> int | None:
    """How many names "which two countries" asks for (2), if it says; None for "which countries"."""
    for word in asked.lower().split()[1:]:
        if word.isdecimal() and 1 < int(word) <= 12:
            return int(word)
        if word in SMALL_NUMBERS[2:13]:
            return SMALL_NUMBERS.index(word)
    return None


_LIST_CUE = re.compile(
    r",[^,]+,|\b(?:such as|including|include|includes|namely|both|as well as|and)\b|:", re.I
)
_COMPARISON_CUE = re.compile(
    r"\b(?:than|compared (?:with|to)|whereas|while|unlike|in contrast|more|less|fewer|higher|lower|larger|smaller|"
    r"bigger|faster|slower|better|worse|most|least|second only|ahead of|behind|exceeds?|surpass\w*|outperform\w*|"
    r"similar|same as|differ\w*|instead of|rather than|in preference to|precedence|prefer(?:s|red|able)?|"
    r"(?:selected|chosen|picked|preferred|favou?red) over)\b",
    re.I,
)
_NAME = re.compile(
    # whole words: "JavaScript" is one name, not "Java"
    r"(?<![\w-])(?:[A-Z][a-z]+(?![A-Za-z_])|[A-Z]{2,}(?![A-Za-z_])|[A-Z][a-z]*[A-Z]\w*)"
    r"(?:\s+(?:of|and|for|the|&|(?:(?:van|von|de|der|den|la|le|du|da|di|del|della|dos|das|bin|ibn)\s+){1,2})?\s*"
    r"(?:[A-Z][a-z]+|[A-Z]{2,}|[A-Z][a-z]*[A-Z]\w*)(?![A-Za-z_])"
    # a middle initial, "Junio C Hamano", "John F. Kennedy": one letter before the surname
    r"|\s+[A-Z]\.?(?=\s+[A-Z][a-z])(?![A-Za-z_]))*"
)
# what says when something happens in a process: "whenever the file changes", "before closing"
_CONDITION_CUE = re.compile(
    r"\b(?:when|whenever|if|once|after|before|until|unless|upon|during|while|as soon as|as long as|"
    r"each time|every time|in case|at (?:startup|start-up|exit|shutdown|the (?:start|end|beginning))|"
    r"on (?:startup|start-up|exit|shutdown|import|first use))\b",
    re.I,
)
# a point in a program's history: "since Rust 1.65", "as of 3.8", "in v2.0" answer "when" in a manual
_VERSION_POINT = re.compile(
    r"\b(?i:since|in|from|as of|until|starting (?:with|in|from)|(?:added|introduced|stabili[sz]ed|deprecated|removed) in)"
    r"\s+(?i:version\s+)?((?!(?i:section|figure|table|chapter|step|appendix|page|part)\b)(?:[A-Z][\w+#.-]*\s+|[a-z][\w.-]*@|[A-Za-z][\w+]*-)?v?\d+(?:\.\d+)+)\b(?!\.?\d)"  # "npm@4.0.0", "bash-3.1"
)
# "Bash-4.3 introduced a new shell variable": the release that made the change
_VERSION_MADE = re.compile(
    r"\b(?!(?:section|chapter|table|figure|appendix|part|step|rfc|page)\b)"
    r"([A-Za-z][\w+]*[- ]v?\d+(?:\.\d+)+)\s+(?:introduced|added|removed|deprecated|dropped|changed)\b",
    re.I,
)
_CHANGE_VERB = re.compile(
    r"\b(?:add(?:s|ed|ing)?|introduc(?:e|es|ed|ing)|remov(?:e|es|ed|ing)|deprecat(?:e|es|ed|ing)|"
    r"drop(?:s|ped|ping)?|chang(?:e|es|ed|ing))\b",
    re.I,
)
# "removed from Debian Jessie and later releases", "since version 1.8": when, in a project's terms
_RELEASE = re.compile(
    r"\breleases?\b|\bversions?\s+v?\d|\bv\d+\.\d|"
    # "CPython 3.3 and newer", "Python 3.8+", "CMake >= 3.15": a version from which on
    r"(?<![\d.])\d+(?:\.\d+)++(?:\+|\s+(?:and|or)\s+(?:newer|later|above|higher|up)\b)|>=\s*v?\d+(?:\.\d+)++|"
    + _VERSION_MADE.pattern
    + "|"
    + _VERSION_POINT.pattern,
    re.I,
)
# "when was bash 5.2 released", "on what date does support for 2.7 end": a question about a
# version's own release or end, not asking "which release", wants a date in the calendar ("when
# was HTTP 1.1 pipelining removed" may be answered by a release)
_ASKS_OF_A_VERSION = re.compile(
    r"^(?!.*\b(?:which|what)\s+(?:[\w.-]+\s+)?(?:version|release)s?\b)"
    r"(?=.*(?<![\w.])v?\d+\.\d+(?:\.\d+)*(?![\w.]))"
    r".*\b(?:released|release date|published|come out|came out|end of life|eol|supported until|support\b.*\bends?)\b",
    re.I,
)
# Capitalised words of specifications (RFC 2119) and emphasis: not names of anything.
_SHOUTED = _wordset(
    """MUST SHOULD MAY NOT SHALL REQUIRED RECOMMENDED OPTIONAL AND OR NO YES NOTE WARNING TODO"""
)
_TITLE_CASE = re.compile(
    r"(?:(?:Mc)?[A-Z][a-z’'-]+|[A-Z]\.?(?=\s+[A-Z]))(?:\s+(?:(?:of|and|the)\s+|(?:(?:van|von|de|der|den|la|le|du|da|di|"
    r"del|della|dos|das|bin|ibn)\s+){1,2})?(?:(?:Mc)?[A-Z][a-z’'-]+|[A-Z]\.?(?=\s+[A-Z])))*"
)  # "Nancy McGough", "Isaac Z. Schlueter", "The X Consortium"
# a name with capitals inside its words: a place ("YouTube") or a body ("The OpenJS Foundation"),
# not a person ("JavaScript")
_CAMEL_WORD = r"[A-Z](?=[A-Za-z’'-]*[a-z])[A-Za-z’'-]*+"  # one way to match it: no backtracking
_CAMEL_TITLE = re.compile(rf"{_CAMEL_WORD}(?:\s+(?:(?:of|de|and|the)\s+)?{_CAMEL_WORD})*+")
_ORG_WORD = re.compile(
    r"\b(?:University|Institute|College|School|Academy|Bank|Company|Corporation|Corp|Inc|Ltd|Group|Organi[sz]ation|"
    r"Association|Foundation|Council|Ministry|Agency|Committee|Commission|Society|Union|Fund|Project|Forum|Journal|"
    r"Press|Department|Office|Centre|Center|Laboratory|Labs?|Consortium|Federation|Bureau|Authority|Board|Team)\b"
)
# "Frequently Asked Questions", "Reference Manual": the title of a document, not its author
# a text, as a question asks who wrote it ("who wrote the tutorial") and as it speaks of itself
_TEXT_WORD = re.compile(
    r"(?:document|documentation|tutorial|guide|manual|handbook|howto|how-to|faq|article|paper|readme|book|"
    r"primer|introduction|chapter)s?",
    re.I,
)
_TEXT_WORD_IN = re.compile(rf"\b{_TEXT_WORD.pattern}\b", re.I)
# the text asked about ends the question's object: "who wrote the rrdtool tutorial", not "the Vim
# text editor", "the page cache"
_WRITER_OF_A_TEXT_ASKED = re.compile(
    rf"\b(?:who\s+(?:wrote|authored|writes|has written|compiled)|(?:author|writer)\s+of)\s+(?:the\s+|this\s+)?"
    rf"(?:[\w.-]+\s+){{0,3}}?{_TEXT_WORD.pattern}(?=\s*(?:\?|$|originally\b|first\b|and\b|or\b))",
    re.I,
)
_MADE_BY = re.compile(
    r"\b([\w.-]+)\s+(?:is|was|has been|were|are)\s+(?:\w+\s+)?(?:written|authored|compiled|translated|developed|"
    r"created|maintained)\s+by\b",
    re.I,
)


def writer_of_a_text_asked(question: str) -> bool:
    """ "who wrote the rrdtool tutorial": the writer of a text, not of what it is about."""
    return _WRITER_OF_A_TEXT_ASKED.search(question) is not None


# "who wrote the apt user guide": the words that say which text ("apt"), before its kind
_TEXT_ASKED = re.compile(
    rf"\b(?:who\s+(?:wrote|authored|writes|has written|compiled)|(?:author|writer)s?\s+of)\s+(?:the\s+|this\s+)?"
    rf"(?P<which>(?:[\w.+-]+\s+){{0,3}}?){_TEXT_WORD.pattern}\b",
    re.I,
)
_ANY_TEXT = _wordset(
    "the this that a an its your user users official online short quick complete full new old original reference"
)


def text_asked_by_name(question: str) -> tuple[str, ...]:
    """The words naming the text a "who wrote" question asks about ("apt" of "the apt user
    guide"), without the words any guide may carry ("user", "official")."""
    found = _TEXT_ASKED.search(question)
    if not found:
        return ()
    return tuple(w for w in found.group("which").lower().split() if w not in _ANY_TEXT and len(w) > 1)


def made_by_the_text(sentence: str) -> bool:
    """ "This document is written by Alex ...": a text says who wrote it."""
    return any(_TEXT_WORD_IN.search(sentence[: m.end(1)]) for m in _MADE_BY.finditer(sentence))


_DOCUMENT_TITLE_WORD = re.compile(
    r"\b(?:Questions|Answers|Manual|Guide|Handbook|Tutorial|Documentation|Reference|Notes|HOWTO)\b"
)
# how software is given away, in capitals: "Gramps is an Open Source project" names no one
_NO_ONE = re.compile(r"\b(?:Open[ -]Source|Free Software|Public Domain|General Public)\b", re.I)
_NOT_A_PERSON = re.compile(
    _ORG_WORD.pattern
    + r"|\b(?:Licen[cs]e|Library|Protocol|Format|Standard|Version)\b|"
    + _DOCUMENT_TITLE_WORD.pattern
    + "|"
    + _NO_ONE.pattern,
)
_MONTH_WORD = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)[.,]?"
)
_TECH_PLACE = re.compile(
    r"\b(?:in|into|to|under|at|on|from|inside)\s+(?:the\s+|a\s+|an\s+|its\s+|your\s+|their\s+)?"
    r"(?:[\w.-]+\s+){0,2}(?:director(?:y|ies)|folders?|root|files?|streams?|output|paths?|disks?|servers?|"
    r"repositor(?:y|ies)|cache|home|database|registry|fora|forums?|mailing lists?|channels?|newsgroups?)\b"
    r"(?:\s+(?:called|named)\s+\S+)?"
    r"|(?<![\w/])(?:~|\.{1,2})?/[\w.-]+(?:/[\w.-]*)*|(?<![\w./])\.[a-z_][\w-]+(?:\.[\w-]+)*\b"
    # a relative path with a file or a second folder: "node_modules/.package-lock.json", not "read/write"
    r"|\b[A-Za-z_][\w-]*/(?:[\w-]+/)*\.?[\w-]*\.[A-Za-z]\w*|\b[A-Za-z_][\w-]*/[\w-]+/[\w./-]*|\b[A-Za-z_][\w-]*/(?=\s|$)"
    # where in a text or a line: "on the same line as the opening brace", "break after the ;"
    r"|\bon the same line\b|\b(?:before|after|above|below|between)\s+the\s+(?:[;:,.{}()\[\]]|\w+\s+(?:brace|bracket|"
    r"paren\w*|keyword|operator|line|comma|semicolon|colon|block|body|name|heading|header|title))"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b|\bhttps?://\S+"  # "send bug reports to bug-bc@gnu.org"
    # where a program writes: "will log to stderr", "prints it on standard output", "to the console"
    r"|\b(?:to|into|on|in|from)\s+(?:the\s+)?(?:stderr|stdout|stdin|standard\s+(?:error|output|input)|syslog|"
    r"console|terminal|journal|event\s+log)\b"
    # where a state is kept: "persisted by localStorage", "stored in the registry"
    r"|\b(?:stored|kept|persisted|saved|cached|held|remembered)\s+(?:in|by|to|into|inside|within)\s+(?:the\s+)?"
    r"(?:[A-Z]\w+|[a-z]+[A-Z]\w*|[\w.-]+\.\w+)"
)
# a person by their account on a code forge: "cc @encukou @hroncok" (not "@types/node", not mail)
_HANDLE = re.compile(
    r"(?<![\w@.])(?<!\b(?:the|The|use|Use|add|Add) )@[A-Za-z][\w-]*[A-Za-z0-9](?![\w/@-]|\.\w)"
    r"(?!\s+(?:decorator|rule|annotation|directive|attribute|keyword|tag|syntax|command|block|macro)s?\b)"
)
_DOWNLOAD_ASKED = re.compile(
    r"\b(?:download|obtain|fetch)\b|\b(?:get|find)\s+(?:the\s+|a\s+)?(?:latest|newest|source|release|binar|package|"
    r"copy|tarball|installer)",
    re.I,
)
_ADDRESS = re.compile(r"\b(?:https?|ftp)://\S+|\b(?:ftp|www|download|downloads|dl)\.[\w-]+(?:\.[\w-]+)+\b")
_PLACE_CUE = re.compile(r"\b(?:in|at|from|to|near|into|across|throughout|located|based)\s+(?:the\s+)?$")
# a table of contents' line, "9.2.2. Running Massif", "9.2. Using Massif and ms_print : 9.2.1."
_CONTENTS_LINE = re.compile(r"\W*\d+(?:\.\d+)+\.?\s+[^.!?]{1,80}?(?:\s+\d+(?:\.\d+)*\.?)?\s*")
_SENTENCE_START_WORDS = _wordset(
    """The A An This That These Those It Its In On At For From By With And But Or If When While As
    After Before Since Among However Therefore Thus Also First Second Third Finally Then There Here
    Each Every Some Many Most All Copyright Author Authors Maintainer Maintainers Written"""
)  # ... and the labels before a name: "Copyright Isaac Z. Schlueter"


@dataclass(frozen=True)
class Span:
    """The phrase that answers, as offsets into the quote."""

    start: int
    end: int
    text: str


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text)}


def _stem(word: str) -> str:
    word = word.lower()
    return word[: max(4, len(word) - 3)] if len(word) > 4 else word


@lru_cache(maxsize=4096)
def _stems(text: str, longer_than: int = 0) -> frozenset[str]:
    """The stems of a text's words of more than `longer_than` letters, kept: the reader asks
    them of the same question for every candidate sentence, and of the same sentences again."""
    return frozenset(_stem(w) for w in _words(text) if len(w) > longer_than)


# the small words of a long form, which its initials may pass over ("Bank of China" for BC)
SMALL_WORDS = frozenset({"of", "and", "for", "the", "in", "on", "to", "a", "an", "&", "de"})


def _initials_fit(words: list[str], letters: str) -> bool:
    """Whether content words spell an acronym: each holds its letter, most begin with it
    ("eXplainable Artificial Intelligence" for XAI, "Portable Document Format" for PDF)."""
    plain = [p for w in words for p in w.split("-") if p]
    camel = [p for w in plain for p in re.findall(r"[A-Z]?[a-z’']+|[A-Z]+(?![a-z])|\d+", w) or [w]]
    # "OpenID Connect" for OIDC: a capital run inside a word gives a letter each
    capitals = [p for w in plain for p in re.findall(r"[A-Z]?[a-z’']+|[A-Z](?![a-z])|\d+", w) or [w]]
    return any(_spells(parts, letters) for parts in (plain, camel, capitals))


def _spells(parts: list[str], letters: str) -> bool:
    if len(parts) != len(letters):
        return False
    holds = all(letter.lower() in part.lower() for letter, part in zip(letters, parts, strict=True))
    begins = sum(part[0].upper() == letter for letter, part in zip(letters, parts, strict=True))
    return holds and begins >= len(letters) - 1


def _spelled_before(quote: str, end: int, letters: str) -> Span | None:
    """The words just before `end` whose initials spell the acronym, if any."""
    before = quote[:end].rstrip()
    tokens = list(re.finditer(r"[\w’'-]+", before))
    for words in _word_choices(tokens):
        for take in range(1, min(len(letters) + 1, len(words)) + 1):
            chosen = words[-take:]
            if _initials_fit([t.group(0) for t in chosen], letters):
                start = chosen[0].start()
                return Span(start, len(before), quote[start : len(before)])
    return None


def _spelled_after(quote: str, start: int, letters: str) -> Span | None:
    """The words from `start` on whose initials spell the acronym, if any."""
    tokens = list(re.finditer(r"[\w’'-]+", quote[start : start + 120]))
    for words in _word_choices(tokens):
        for take in range(1, min(len(letters) + 1, len(words)) + 1):
            chosen = words[:take]
            if _initials_fit([t.group(0) for t in chosen], letters):
                a, b = start + chosen[0].start(), start + chosen[-1].end()
                return Span(a, b, quote[a:b])
    return None


def _word_choices(tokens: list[re.Match]) -> list[list[re.Match]]:
    """Content words first ("Bank of China" spells BC); then every word, for the acronyms that
    take a letter from a small one ("fixes text for you" spells FTFY)."""
    content = [t for t in tokens if t.group(0).lower() not in SMALL_WORDS]
    return [content, tokens] if len(content) < len(tokens) else [tokens]


# the ways a text ties an acronym to its long form, the acronym named ACR
_ACR_AFTER_LONG = (
    # "(CMLC-7)", "(BFM 2)": a numbered edition of what the acronym names
    r"\(\s*(?:or |hereafter |henceforth |abbreviated(?: as)? |short: )?ACRs?(?:[- ]\d{1,4})?"
    r"(?:\s+for short|\s+hereafter)?\s*[,;)]"
    # "by Faller, Gallager and Knuth (the FGK algorithm)": the acronym naming a kind of thing
    r"|\(\s*the\s+ACR\s+[a-z]+\s*\)"
    r"|,?\s+or\s+(?:the\s+)?ACR\b"
)
_ACR_BEFORE_LONG = (
    r"\bACRs?[\"”'’]?\s*(?:\(|,\s*(?:or|short for|for|i\.e\.|that is|which (?:stands for|is short for|means))\s+(?:the\s+)?|"
    r"\s+(?:stands for|is short for|refers to|is an "
    r"(?:abbreviation|acronym) (?:of|for)|means)\s+(?:the\s+)?|\s*(?:—|–|--|:|=)\s*)"
)


_MIXED_CASE_NAME = re.compile(r"(?:[A-Z][a-z]+){2,}|[A-Z][a-z]+[A-Z]{2,}")  # "SeqCst", "AcqRel", "PyPI"


@lru_cache(maxsize=4096)  # pure, and asked of the same sentences by selection, fit and abstention
def acronym_expansion(quote: str, acronym: str) -> Span | None:
    """Where a text spells out an acronym: "Explainable artificial intelligence (XAI)", "... , or
    XAI", "XAI (explainable AI)", "XAI, short for ...", "XAI stands for ...", "XAI: ...": the
    words whose initials make it."""
    if acronym.islower():  # typed in lower case ("adot stands for?"): as the text writes it
        written = re.search(rf"(?<!\w){re.escape(acronym)}(?!\w)", quote, re.I)
        if written and any(ch.isupper() for ch in written.group(0)):
            acronym = written.group(0)
    letters = re.sub(r"[^A-Z0-9]", "", acronym.upper())
    if acronym.endswith("s") and acronym[:-1].isupper():
        letters = letters[:-1]
    elif _MIXED_CASE_NAME.fullmatch(acronym):  # "SeqCst": Sequentially Consistent, by its capitals
        letters = re.sub(r"[^A-Z0-9]", "", acronym)
    elif tail := re.fullmatch(r"([A-Z]{2,})([a-z]{3,})", acronym):  # "RRDtool": Round Robin Database tool
        letters = tail.group(1) + tail.group(2)[0].upper()
    name = re.escape(acronym)
    if not re.search(rf"\b{name}", quote):  # every form but a bare capitalised run writes the acronym
        return _capitalised_run(quote, letters, joined="&" in acronym)
    for match in re.finditer(_ACR_AFTER_LONG.replace("ACR", name), quote):
        span = (
            _spelled_before(quote, match.start(), letters)
            or _permuted_before(quote, match.start(), letters)
            or _letters_within_before(quote, match.start(), letters)
            or _word_starts_within_before(quote, match.start(), letters)
            or _name_before_bracket(quote, match, letters)
        )
        if span is not None:
            return span
    # "Self-Monitoring, Analysis and Reporting Technology -> SMART": the words themselves, their
    # initials in order, as a menu's path ("Help -> IDLE Help") never spells it
    for match in re.finditer(rf"\s*(?:->|→)\s*{name}\b", quote):
        span = _spelled_before(quote, match.start(), letters)
        if span is not None:
            return span
    for match in re.finditer(_ACR_BEFORE_LONG.replace("ACR", name), quote):
        span = _spelled_after(quote, match.end(), letters)
        # "refers to" also says what a name covers ("API refers to all public interfaces"): only a
        # name's own words, capitalised, spell it out ("RRDtool refers to Round Robin Database tool")
        if span is not None and not ("refers to" in match.group(0) and not span.text[:1].isupper()):
            return span
    # a legend's line, "CP - control plane only", or a glossary's, "IP  Input paragraph." (the
    # term, then its gloss after a wide gap): only where the line opens with it ("the DB - do
    # backups first" is a remark)
    legend = re.match(rf"\W{{0,3}}{name}(?:\s+(-)\s+|[ \t]{{2,}}|\t)", quote)
    span = _spelled_after(quote, legend.end(), letters) if legend else None
    # a glossary's gloss is the whole line ("PS   Please see the appendix" is a remark)
    if span is not None and legend and (legend.group(1) or not quote[span.end :].strip(" .\t")):
        return span
    alias = _named_before_alias(quote, name)
    if alias is not None:
        return alias
    # an entry's long form in brackets at its end: "RR: Select one in turn. (Round-Robin)"
    if re.match(rf"\W*{name}\s*:", quote) and (
        bracket := re.search(rf"\((?!{_NOT_A_GLOSS}\b)([^()]{{3,60}})\)\W*$", quote, re.I)
    ):
        words = [w for w in re.findall(r"[^\W_]+", bracket.group(1)) if w.lower() not in SMALL_WORDS]
        if len(words) == len(letters) and all(w[0].upper() == c for w, c in zip(words, letters, strict=True)):
            return Span(bracket.start(1), bracket.end(1), bracket.group(1))
    # "XAI (explainable AI)", "rpm (i.e. Red Hat Package Manager)": the gloss, without its "i.e."
    match = re.search(
        rf"\b{name}s?\s*\((?:(?:i\.?e\.?,?|aka|a\.k\.a\.|short for)\s+)?([^()]{{3,80}})\)", quote
    )
    if match and holds_letters(
        match.group(1), letters, opening=acronym.islower()
    ):  # not "PNG (lossless) ..."
        return Span(match.start(1), match.end(1), match.group(1))
    match = re.search(
        rf"\b{name}\s+(?:stands for|is short for|is an abbreviation (?:of|for)|means)\s+([^.,;]{{3,80}})",
        quote,
    )
    if match:
        return Span(match.start(1), match.end(1), match.group(1).strip())
    return _native_name_after(quote, name, letters) or _capitalised_run(quote, letters)


def _native_name_after(quote: str, name: str, letters: str) -> Span | None:
    """ "BSI, the German Federal Office for Information Security (Bundesamt für Sicherheit in der
    Informationstechnik)": a name in brackets soon after the acronym whose capitalised words spell
    it, the small words of its own language between them."""
    if len(letters) < 2 or not letters.isalpha():
        return None
    for written in re.finditer(rf"\b{name}\b", quote):
        for bracket in re.finditer(r"\(([^()]{5,90})\)", quote[written.end() : written.end() + 160]):
            words = bracket.group(1).split()
            capitals = [w for w in words if w[:1].isupper()]
            small = [w for w in words if not w[:1].isupper()]
            if (
                "".join(w[0] for w in capitals) == letters
                and all(len(w) <= 4 and w.isalpha() for w in small)
                and words[0][:1].isupper()
            ):
                start = written.end() + bracket.start(1)
                return Span(start, start + len(bracket.group(1)), bracket.group(1))
    return None


def holds_letters(words: str, letters: str, opening: bool = False) -> bool:
    """Whether a gloss in brackets may spell the letters: it holds them in order, the first
    opening a word ("internationalization" for I18N, "MPEG-1 Audio Layer III" for MP3; an X may be
    "cross" or "trans": "cross-site scripting" for XSS). Not "lossless" for PNG, "Unix compatible"
    for POSIX, "or null" for PSK."""
    alpha = re.sub(r"[^a-z]", "", letters.lower())
    lower = re.sub(r"\b(?:cross|trans)", "x", words.lower())
    if not alpha:
        return False
    # `opening`: the first letter opens the gloss (after an article or "i.e."), as for a name written in
    # lower case, "par (not to be confused with the package Par)" being an aside though it holds
    # p, a and r in order (capitals are spelled in any order: "UTC (Coordinated Universal Time)")
    start = (
        re.match(rf"\W*(?:(?:a|an|the|i\.?e\.?,?|aka|a\.k\.a\.|short for|or)\s+)?{alpha[:1]}", lower)
        if opening
        else re.search(rf"\b{alpha[:1]}", lower)
    )
    if start is None:
        return False
    position = start.end()
    for letter in alpha[1:]:
        position = lower.find(letter, position) + 1
        if position == 0:
            return False
    return True


def _letters_within_before(quote: str, end: int, letters: str) -> Span | None:
    """A name that gives its acronym letters from inside its words: "Counter mode (CTR)",
    "FInite State machine and REgular expression library (FIRE)". Schwartz and Hearst's rule
    (2003): the shortest run of words before the acronym that holds its letters in order, the
    first opening a word, and at most min(n + 5, 2n) words long. Only a name of two words at
    least, written with a capital, where a lower-case run ("a record context resource (RC)")
    gives a word, not its name."""
    if len(letters) < 2 or not letters.isalpha():
        return None
    before = quote[:end].rstrip()
    words = list(re.finditer(r"[\w’'-]+", before))[-min(len(letters) + 5, 2 * len(letters)) :]
    if not words:
        return None
    offset, stop = words[0].start(), words[-1].end()
    text, short = before[offset:stop], letters.lower()
    at = len(text) - 1
    for i in range(len(short) - 1, -1, -1):
        while at >= 0 and (text[at].lower() != short[i] or (i == 0 and at > 0 and text[at - 1].isalnum())):
            at -= 1
        if at < 0:
            return None
        at -= 1
    start = offset + at + 1
    if not quote[start].isupper() or len(quote[start:stop].split()) < 2:
        return None  # one word is a name of its own ("PostgreSQL (PG)"), not the letters' words
    return Span(start, stop, quote[start:stop])


def _word_starts_within_before(quote: str, end: int, letters: str) -> Span | None:
    """A name whose every word opens with one of the acronym's letters and may give the next
    consonants from inside: "the bootstrap processor (BSP)". Not "a counter mode (CTR)", where
    "mode" gives no letter (a word that gives none is no part of the name), nor "reads memory
    (RAM)", whose A is no letter a word was named by; small words are no part of it."""
    if len(letters) < 2 or not letters.isalpha():
        return None
    words = list(re.finditer(r"[\w’'-]+", quote[:end].rstrip()))
    short = letters.lower()
    for take in range(2, len(letters) + 1):
        chosen = words[-take:] if len(words) >= take else []
        if (
            chosen
            and not any(w.group(0).lower() in SMALL_WORDS for w in chosen)
            and _each_word_opens(short, [w.group(0).lower() for w in chosen])
        ):
            start, stop = chosen[0].start(), chosen[-1].end()
            return Span(start, stop, quote[start:stop])
    return None


def _each_word_opens(letters: str, words: list[str]) -> bool:
    """Whether the words give the letters in order, each word opening with the letter it gives
    first and the rest of its letters, if any, consonants read from inside it."""
    if not words:
        return not letters
    word = words[0]
    if not letters or word[0] != letters[0]:
        return False
    for used in range(1, len(letters) - len(words) + 2):
        inner, at = letters[1:used], 1
        if any(ch in "aeiou" for ch in inner):
            break
        for ch in inner:
            at = word.find(ch, at) + 1
            if at == 0:
                break
        else:
            if _each_word_opens(letters[used:], words[1:]):
                return True
    return False


def _name_start(words: list[re.Match]) -> int:
    """Where the capitalised name ending the words begins: back over capitalised and small words
    ("Bank of China"), then forward past the small words it may have taken ("the")."""
    first = len(words)
    while first > 0 and (words[first - 1].group(0)[0].isupper() or words[first - 1].group(0) in SMALL_WORDS):
        first -= 1
    while first < len(words) and words[first].group(0).lower() in SMALL_WORDS:
        first += 1
    return first


def _name_before_bracket(quote: str, match: re.Match, letters: str) -> Span | None:
    """A capitalised name of two words or more just before its acronym in brackets, opening with
    its first letter, though its words spell the rest otherwise ("the Fifth Fundamental
    Catalogue (FK5)", named from the German): the way a text introduces an abbreviation."""
    if not match.group(0).lstrip().startswith("("):
        return None
    before = quote[: match.start()].rstrip()
    clause = max(before.rfind(p) for p in ".,;:!?") + 1  # the name does not run over punctuation
    words = list(re.finditer(r"[\w’'-]+", before[clause:]))
    named = words[_name_start(words) :]
    if len(named) < 2 or len(named) > 8 or named[0].group(0)[0] != letters[:1]:
        return None
    # beyond its first letter, a digit ("FK5") or another initial of the name ("Richard Stallman
    # (RMS)"): "Java Native Interface (JVM)" is not what JVM stands for
    initials = {w.group(0)[0] for w in named[1:]}
    if not (any(c.isdigit() for c in letters) or initials & set(letters[1:])):
        return None
    start, stop = clause + named[0].start(), clause + named[-1].end()
    return Span(start, stop, quote[start:stop])


def _permuted_before(quote: str, end: int, letters: str) -> Span | None:
    """A name whose acronym took its letters in another order, written just before it:
    "Coordinated Universal Time (UTC)". Only capitalised words, one per letter, three at least,
    whose initials are the acronym's letters rearranged, where chance matches are rare."""
    if len(letters) < 3 or not letters.isalpha():
        return None
    words = list(re.finditer(r"[\w’'-]+", quote[:end].rstrip()))[-len(letters) :]
    if len(words) < len(letters) or not all(w.group(0)[0].isupper() for w in words):
        return None
    if sorted(w.group(0)[0] for w in words) != sorted(letters):
        return None
    start, stop = words[0].start(), words[-1].end()
    return Span(start, stop, quote[start:stop])


_ALIAS = r"\(\s*(?:aka|a\.k\.a\.?|also known as|also called)\s+NAME\s*\)"


def _named_before_alias(quote: str, name: str) -> Span | None:
    """The name written before "(aka NAME)": "the ECMAScript Internationalization API
    Specification (aka ECMA-402)" says what ECMA-402 is, though its initials spell nothing."""
    match = re.search(_ALIAS.replace("NAME", name), quote, re.I)
    if match is None:
        return None
    words = list(re.finditer(r"[\w.&’'-]+", quote[: match.start()]))
    first = _name_start(words)
    if first >= len(words) or quote[words[first].start() : match.start()].count(" ") > 12:
        return None
    start, end = words[first].start(), words[-1].end()
    return Span(start, end, quote[start:end])


def _capitalised_run(quote: str, letters: str, joined: bool = False) -> Span | None:
    """A long form written as a name without its acronym beside it ("... the Extensible
    Stylesheet Language Transformations ..."): capitalised words, one per letter, holding it
    and (all but one) beginning with it. Three letters at least, where chance runs are rare, or
    two of an acronym joined by "&" ("K&R": "Kernighan & Ritchie"), whose words must be too."""
    if len(letters) < (2 if joined else 3) or not letters.isalpha():
        return None
    if joined:
        pair = re.search(rf"\b{letters[0]}[a-z’']+\s*&\s*{letters[1]}[a-z’']+\b", quote)
        return Span(pair.start(), pair.end(), pair.group(0)) if pair else None
    small = "|".join(w for w in SMALL_WORDS if w.isalpha())
    gap = r"(?:[ \t]*\n[ \t]*|[ \t]+)"  # a space or a line's wrap, not a blank line between paragraphs
    run = re.compile(
        rf"[A-Z][\w’'-]*(?:(?:{gap}(?:(?:{small}){gap})?|[ \t]*/[ \t]*)[A-Z][\w’'-]*)+"
    )  # "Branch/Call/Jump" too
    for match in run.finditer(quote):
        # a hyphenated word gives one letter, or one for each of its capitalised parts ("Run-Length
        # Encoding", not "Continuous-tone")
        for word in (r"[\w’'-]+", r"[A-Z][\w’']*(?=-[A-Z])|(?<=-)[A-Z][\w’']*|[\w’']+(?:-[\w’']+)*"):
            words = [w for w in re.finditer(word, match.group(0)) if w.group(0).lower() not in SMALL_WORDS]
            for i in range(len(words) - len(letters) + 1):
                window = words[i : i + len(letters)]
                # the acronym among the words spells nothing: "the PNG Development Group"
                if any(w.group(0).upper() == letters for w in window):
                    continue
                if _spells([w.group(0) for w in window], letters):
                    start, end = match.start() + window[0].start(), match.start() + window[-1].end()
                    return Span(start, end, quote[start:end])
    return None


# "the nosmp boot option", "the --quiet command-line flag": what kind of option it is, with it
_GENERIC_HEAD = re.compile(
    rf"(?:\s+(?:boot|command[- ]line|config(?:uration)?|kernel|build|runtime|compile[- ]time|startup))?"
    rf"\s+{CLASS_NOUNS}s?$",
    re.I,
)

# what kind of sign a written mark is: "the % symbol", "the _dpt entry" (only after a name that
# is no English word: a "cache entry" is not a cache)
_SIGN_HEAD = re.compile(r"\s+(?:symbol|sign|character|char|entry|marker|letter|token)s?$", re.I)
# a name in capitals with what kind of thing it is, in lower-case words: "SENDTO address type"
_NAME_OF_A_KIND = re.compile(rf"([A-Z][A-Z0-9_-]{{2,}})\s+(?:[a-z]+\s+){{0,2}}{CLASS_NOUNS}s?")
_NAMED_AFTER_CLASS = re.compile(
    rf"(?:\w+\s+)?(?:environment variable|{CLASS_NOUNS})\s+([^\s]{{2,40}})", re.I
)  # Clipped words of technical English and their full forms: a user asks about "order-only deps",
# the manual defines "order-only dependencies" (or the other way round).
_CLIPPED = dict(
    pair.split(":")
    for pair in _wordset(
        """deps:dependencies dep:dependency args:arguments arg:argument config:configuration
    configs:configurations dirs:directories dir:directory env:environment info:information docs:documentation
    doc:documentation repo:repository repos:repositories vars:variables var:variable params:parameters
    param:parameter libs:libraries lib:library apps:applications app:application db:database
    spec:specification specs:specifications impl:implementation auth:authentication tmp:temporary
    temp:temporary max:maximum min:minimum msg:message msgs:messages pkg:package pkgs:packages
    src:source req:request resp:response async:asynchronous admin:administrator perf:performance
    prefs:preferences attr:attribute attrs:attributes func:function funcs:functions"""
    )
)
_FULL = {full: clipped for clipped, full in _CLIPPED.items()}


@lru_cache(maxsize=512)
def subject_forms(subject: str) -> tuple[str, ...]:
    """The ways a document may write a definition's subject: as asked; without a generic head
    noun ("the restat setting" is defined as "restat"); without a format sigil ("%P" as "P");
    with a clipped word written out ("deps" as "dependencies") or clipped."""
    forms = [subject]
    bare = _GENERIC_HEAD.sub("", subject)
    if bare != subject and len(bare) >= 3:
        forms.append(bare)
    signed = _SIGN_HEAD.sub("", subject)
    if signed != subject and (re.search(r"[^A-Za-z\s]", signed) or re.fullmatch(r"[A-Z]", signed)):
        forms.append(signed)
    if re.fullmatch(r"[%$@-]+\w+", subject):
        forms.append(subject.lstrip("%$@-"))
    if shouted := _NAME_OF_A_KIND.fullmatch(subject):  # "the SENDTO address type" is defined as "SENDTO"
        forms.append(shouted.group(1))
    named = _NAMED_AFTER_CLASS.fullmatch(subject)  # "the special variable last" names "last"
    if named:
        forms.append(named.group(1))
    words = subject.split()
    if len(words) == 2 and words[0].isalpha() and words[0].islower() and words[1].isalpha():
        # "type layout" is defined as "the layout of a type"
        forms += [f"{words[1]} of {article} {words[0]}" for article in ("a", "an", "the")]
    for form in list(forms):
        words = form.split()
        swapped = [_CLIPPED.get(w.lower(), _FULL.get(w.lower(), w)) for w in words]
        if swapped != words and len(" ".join(swapped)) >= 3:
            forms.append(" ".join(swapped))
    # a word in capitals as a sentence opens on it: "ABSOLUTE" in "Absolute can be used like counter"
    forms += [
        f.capitalize() for f in forms if len(f) >= 4 and f.isupper() and f.isalpha() and is_english(f.lower())
    ]
    # the plural a definition may open on: "Repositories are filesystem directories ..."
    forms += [f"{form[:-1]}ies" for form in forms if re.search(r"[^\Waeiou]y$", form)]
    return tuple(dict.fromkeys(forms))


def loosely_defines(quote: str, subject: str) -> bool:
    """The sentence defines the subject by its last words: "the shell compatibility level" is
    "the compatibility level" further on. Looser than the subject itself ("screen saver" for
    "internal screen saver" defines another thing), so it counts for less."""
    words = subject.split()
    return len(words) >= 3 and all(w.isalpha() for w in words) and _defines(quote, " ".join(words[1:]))


def mentions_subject(text: str, subject: str) -> bool:
    """Whether a text names the subject in any of the forms a document may write it."""
    if len(subject) == 1:  # a letter or a sign alone, "K", "%": as a word of its own, as written
        return re.search(rf"(?<!\w){re.escape(subject)}(?!\w)", text) is not None
    lowered = text.lower()
    return any(form.lower() in lowered for form in subject_forms(subject))


# verbs in the third person that say what a thing did or lacks rather than what it is or does
_NOT_DESCRIBING = r"(?:does|has|was|tries|needs|seems|gets|goes|fails|refuses|complains|exits|stops)"


@lru_cache(maxsize=8192)  # pure; a definition question tests every sentence of the documents it names
def _defines(quote: str, subject: str) -> bool:
    """The sentence states what `subject` is: "X is a ...", "X, a ...", "we introduce X, ...", "X (ACR) is",
    "X: what it is" (not in a table's row "none: none; small-icu: full; full-icu: full"), or "... a
    X ... . This is a ..." (introduced_then_said)."""
    return any(
        _defines_as(quote, form)
        or introduced_then_said(quote, form) is not None
        or meant_or_called(quote, form) is not None
        for form in subject_forms(subject)
    )


def defines_by_kind(quote: str, subject: str) -> bool:
    """ "lp_solve is a library with ...", "par, a filter which ...": the subject, then the kind of
    thing it is — the form a definition takes, over "lp_solve is totally free", "lp_solve prints
    ..." or a table's row that opens on the name, which `_defines` also lets through."""
    for form in subject_forms(subject):
        case = 0 if len(form) >= 2 and form.isupper() else re.I
        # where a sentence (or a command's output, "$ pspg --help pspg is a ...") begins, so that X
        # is what the sentence is about: not "If X is a problem", "Version 2 of X is a release"
        begin = r"(?:^\W*(?:the\s+)?|(?<=[.:;!?]\s)|(?<=--help\s))"
        head = rf"{begin}{re.escape(form)}(?:e?s)?(?!\w)[\"”'’]?(?:\s*\([^)]*\))?"
        kind = r"(?:an?|one of the)\s+(?!(?:bit|lot|little|few|couple|number|good deal|problem|must)\b)\w"
        if re.search(rf"{head}(?:\s+(?:is|are|was|were)\s+|\s*,\s*){kind}", quote, case):
            return True
    return False


# a table's row, "field: value; field: value": its cells name columns, they define nothing
_TABLE_ROW = re.compile(r"^[^;:]{1,60}:\s[^;]*(?:;\s*[^;:]{1,60}:\s[^;]*)+$")


# "The effective bounding region of a window is defined to be ...": what any of it is of, between
# the subject and what it is
_OF_WHAT = r"(?:\s+of\s+(?:a|an|each|every)\s+[\w-]+)?"  # "of the server" names one thing
# "we call it X" and "can be named X" define; "its name has the prefix X" and "the file name is X"
# use the noun, and say nothing of what X is
_NOT_A_NOUN_BEFORE = "".join(
    f"(?<!(?i:\\b{w}) )" for w in sorted(_wordset("to its the a an their his her your my our file user host"))
)
# "we call it X." ends on the name; "sa1 calls sadc with option -D" runs a program
_NAME_ENDS = r"(?!\s+(?:with|using|via|every|each|on)\b)"
# "X is ...", not "... gathered by X are ...": the subject of the verb, not a preposition's object
_NOT_AFTER_PREPOSITION = "".join(
    f"(?<!\\b{w} {article})"
    for w in ("by", "from", "with", "to", "for", "into", "than", "via", "under", "using")
    for article in ("", "the ")
)
_NOT_A_VERB_AFTER = r"(?!(?:is|are|was|were|has|have|had|of|and|or|for|must|should|can|will|may|to)\b)"


# words that open a bracket saying how or where, not what: "(via syslog)", "(see below)"
_NOT_A_GLOSS = (
    r"(?:via|to|in|on|at|by|for|from|with|without|see|e\.g|i\.e|as|and|or|if|when|which|where|default|"
    r"optional|optionally|usually|always|never|only|also|not|since|until|up|per|each|every|all|any)"
)


def _defines_as(quote: str, subject: str) -> bool:
    s = re.escape(subject)
    end = r"\b" if re.match(r"\w", subject[-1:]) else r"(?!\w)"  # "Memtest86+ is a ..."
    colon = r"(?!)" if _TABLE_ROW.match(quote) else r":\s"  # "X: what it is", not a table's cell
    # an acronym is matched as written: "named dhat.out" does not define DHAT
    # (and a letter alone: "K: Not a vowel" says nothing of "k")
    case = 0 if (len(subject) >= 2 and subject.isupper()) or len(subject) == 1 else re.I
    begin = r"\b" if re.match(r"\w", subject[:1]) else r"(?<![\w$%@-])"  # "all you've got is $<, which ..."
    head = rf"{begin}{s}(?:e?s)?_?{end}[\"”'’]?(?:\s*\([^)]*\))?{_OF_WHAT}"
    return bool(
        re.search(
            # ("ProcessorFormatter which is a logging.Formatter": a relative clause saying what it is)
            rf"{head}\s*(?:,\s*(?:a|an|the|which|i\.e\.|[a-z]+s\s+(?:which|that))\b|{colon}|which\s+(?:is|are)\s+(?:an?|the)\b)|"
            # "... will simply read Forking which means the OS is loading ...": what a word shown means
            rf"{head}\s+which\s+(?:means|refers to|stands for|denotes|indicates)\b|"
            # "a `foreign_pre_chain` argument which is responsible for adding ...": what it is for
            rf"{head}(?:\s+(?:argument|option|parameter|setting|field|flag|variable|attribute|property|key))?,?\s+"
            rf"which\s+(?:is|are)\s+(?:responsible for|used (?:to|for)|meant (?:to|for)|designed (?:to|for))\b|"
            # "X is a ...", not "the measurements gathered by X are cumulative" (X is not what is)
            rf"{_NOT_AFTER_PREPOSITION}{head}\s+(?:(?:is|are|was|were)\b"
            rf"(?!\s+(?!{_DEFINING_PARTICIPLES}\b)(?:[a-z]+ed|{_IRREGULAR_PARTICIPLES})\b(?!-))|refers? to|means|stands? for|denotes|describes|"
            rf"represents?)\b|"
            # "we call it X", not the instruction "Call X.today()" or "to call X"
            rf"\b(?:introduce|propose|present|define)[sd]?\s+(?:\w+\s+){{0,3}}{s}{end}|"
            rf"(?<=\w ){_NOT_A_NOUN_BEFORE}(?:call|name)[sd]?\s+{_NOT_A_VERB_AFTER}(?:\w+\s+){{0,3}}{s}{end}{_NAME_ENDS}|"
            rf"\b(?:called|named|known as|referred to as|termed|dubbed)\s+(?:the\s+)?[\"“]?{s}s?{end}|\b{s}\s*\((?![1-9][a-z]*\))(?![A-Z][A-Za-z0-9&-]{{1,9}}\))|"
            # "The three ranks furthest away from each player constitute his/her “promotion zone”."
            rf"\bconstitutes?\s+(?:(?:the|a|an|its|their|his|her|his/her)\s+)?[\"“]{s}s?{end}|"
            # (not "a manual page's pierd(8)", nor "keep the real-time clock (RTC) close": an
            # acronym in brackets names it, the words after it say what is done with it)
            # "sent out by zombies (malware on compromised end-user computers)": the plural glossed
            # by a noun phrase (not "logs (via syslog)", "prints (to standard error)")
            rf"\b{s}e?s\s+\((?!{_NOT_A_GLOSS}\b)[a-z][\w-]*\s+[^)]+\)|"
            # an option list's line: "-f, --force      Replace the file without asking"
            rf"(?<![\w-]){s}\s{{2,}}(?=[A-Z])(?![^|]*\|)",
            quote,
            case,
        )
        # "bzip2 compresses files using ...": a sentence that opens on the subject and says what
        # it does, in the present tense, describes it (as a manual's opening line does); "The
        # clip() function extracts ..." with its class word; "Custom definitions let you ..." says
        # what they are for
        or re.match(
            rf"\W*(?:the\s+|an?\s+)?{s}(?:e?s)?_?\s+(?:{CLASS_NOUNS}(?:e?s)?\s+)?(?:(?!{_NOT_DESCRIBING}\b)[a-zA-Z][a-z]{{2,}}[^s\W]s\b"
            # a plural noun is no verb: "The X lint errors are now hard errors"
            r"(?!\s+(?:are|were|is|was|have|had|can|could|will|would|must|should|may|might|of)\b)|"
            r"(?:let|allow|enable|help)s?\s+(?:you|users?|us|one|developers|programs?|applications?)\b)",
            quote,
            case,
        )
        # in the plural, in its base form: "Subtrees allow subprojects ...", "Packages provide ..."
        # (the subject itself in the plural: "Redis support was added" is no definition of Redis)
        or re.match(
            rf"\W*(?:the\s+)?{s if subject.endswith('s') else s + '(?:e?s)'}\s+(?:provide|allow|let|enable|contain|"
            r"describe|represent|define|specify|give|offer|determine|consist|extend|implement|wrap|generate|produce)\b"
            r"(?!\s+(?:is|was|are|were|has|have|for|of)\b)",
            quote,
            case,
        )
        # an API reference's entry: "minVersion <string> Optionally set the minimum ..."
        or re.match(rf"\W*{s}\s*\\?<[\w.|\[\] ]{{1,40}}>\s+[A-Z]", quote)
    )


# "Packages are found with the find_package command": what is done to them, as "-ed" says (but
# "made up of", "built on", "given by" say what a thing is; "built" alone is left out: "Order-only
# dependencies are built first but never force a rebuild" says what they are for)
_IRREGULAR_PARTICIPLES = (
    r"(?:found|made|given|taken|shown|written|done|seen|kept|held|put|run|sent|left|read|brought|bought|"
    r"thought|chosen|drawn|driven|grown|hidden|broken|spoken|stolen|torn|worn|thrown|understood|undone|"
    r"rewritten|overridden|overwritten|withdrawn|forgotten|begun|bound|caught|fed|lost|meant|paid|said|sold|"
    r"sought|spent|struck|taught|told|won|split|shut|cut|hit|quit|spun|dug|hung|laid|led|lit)"
)
# "X is invoked with ...": what is done to X, not what it is; "X is designed/used/called ..." may be
_DEFINING_PARTICIPLES = (
    # "X is called Y", not "X is called at system restart" (invoked)
    r"(?:designed|intended|meant|used|defined|(?:called|named)(?!\s+(?:at|by|from|when|with|on|in|during|to|for|"
    r"every|each|once|after|before|via|if|whenever|automatically|directly|only|again)\b)|known|termed|based|dedicated|aimed|"
    r"made\s+(?:up\s+)?of|built\s+(?:on|from|around)|given\s+by|composed)"
)


# words before a term that do not make it another, narrower one ("the so-called profile")
_NOT_NARROWING = _wordset(
    "so-called same above following former latter first second new whole entire main basic simple general "
    "overall term word concept notion idea single good typical given common usual individual"
)


def _defines_a_narrower_term(quote: str, subject: str, asked: str = "") -> bool:
    """ "The test profile is used for cargo test" says what one kind of profile is, not what a
    profile is: the sentence opens on the subject after a modifier written in lower case (a
    name's own words are capitalised: "The Silk Road Economic Belt") that the question did not
    ask about ("what is a profile in cargo" is answered by "A cargo profile is ...")."""
    opening = re.match(rf"\W*(?:the|an?)\s+((?-i:[a-z])[\w-]*)\s+{re.escape(subject)}(?:e?s)?\b", quote, re.I)
    if opening is None:
        return False
    modifier = opening.group(1).lower()
    return (
        modifier not in _NOT_NARROWING
        and not re.search(r"(?:ed|ly)$", modifier)
        and modifier not in re.findall(r"[\w-]+", asked.lower())
    )


def restates(quote: str, question: Question) -> bool:
    """A sentence that repeats the question's words without adding a reason ("Technology is
    a key area ..." for "Why is technology a key area ..."): it answers nothing."""
    asked = _stems(question.text, 3)
    said = _stems(quote, 3)
    if not asked or not said:
        return False
    new = said - asked
    return len(asked & said) / len(asked) >= 0.6 and len(new) <= max(3, len(said) // 3)


def asks_the_same(heading: str, question: Question) -> bool:
    """Whether a heading that asks a question ("1.2 How do I enable mouse support?") asks what
    the question asks ("how do I enable mouse support in frobtool"): every word of the heading,
    and every number, is the question's, which may also name the program the document is about.
    One word otherwise is another question: "disable", "keyboard", "Windows", "Python 2"."""
    heading = re.sub(r"^\s*\d+(?:\.\d+)*\.?\s+", "", heading)  # its number in the FAQ
    said, asked = _stems(heading, 3), _stems(question.text, 3)
    numbers = set(re.findall(r"\d+(?:\.\d+)*", heading))
    return len(said) >= 2 and said <= asked and numbers <= set(re.findall(r"\d+(?:\.\d+)*", question.text))


_EXPANSION_ASKED = re.compile(
    r"\b(?:stands?|short|abbreviat\w*|acronym|initialism|mean|means|meaning|expan\w*|full form|long form|spelled)\b",
    re.I,
)


def asks_expansion(question: Question) -> bool:
    """ "What does DHAT stand for?" wants the words the letters come from; "What is DHAT?" may
    be answered by them or by what it is."""
    return bool(_EXPANSION_ASKED.search(question.text))


# a yes-or-no question about what holds before anyone sets anything, and the sentences saying it
# a message quoted, then "what does this mean?"
_ASKS_WHAT_IT_MEANS = re.compile(
    r"\bwhat (?:does|do|did|could|might) (?:this|that|it)(?:\s+(?:error|message|warning))? "
    r"(?:mean|indicate|signify|imply|tell me)\b(?!\s+(?:to|for)\b)",
    re.I,
)
_SAYS_WHAT_IT_MEANS = re.compile(
    r"\b(?:means?|meant|indicates?|signif(?:y|ies)|impl(?:y|ies))\s+(?:that\b|you\b)|\b(?:is|are) caused by\b|"
    r"\b(?:happens|occurs|appears|is (?:shown|printed|displayed|reported))\s+(?:when|if|because)\b",
    re.I,
)
_ASKS_DEFAULT = re.compile(
    r"\bby default\b|\bout of the box\b|\bunless (?:i|you|we|one) (?:ask|tell|set|enable|configure|turn)",
    re.I,
)
_STATES_DEFAULT = re.compile(
    r"\b(?:enabled|disabled|on|off|set|sent|used|active|inactive|turned on|turned off|switched on|switched off|"
    r"included|required|allowed)\s+by default\b|\bdefaults?\s+to\b|"
    r"\bby default,?\s+(?:[\w-]+\s+){0,4}?(?:is|are|does|do|will)(?:\s+not|n[’']t)?\b|"
    # a sentence (an FAQ's answer) that opens on it: "A1) By default, vsftpd disables any logins ..."
    r"(?:^|[.:)]\s+)by default,\s",
    re.I,
)


def writes_acronym(quote: str, acronym: str) -> bool:
    """Whether a text writes the acronym itself (in a constant's name too: "Z_RLE"), as typed in
    capitals; typed in lower case, in any case."""
    written = rf"(?<![A-Za-z0-9]){re.escape(acronym)}s?(?![a-z])"  # "APIs" writes API
    return re.search(written, quote, re.I if acronym.islower() else 0) is not None


def fit(question: Question, quote: str, first_mention: bool = False) -> float:
    """How well a sentence has the kind of answer the question wants, 0 to 1."""
    kind = question.kind
    if kind in {"other", "definition"} and _ASKS_WHAT_IT_MEANS.search(question.text):
        # "flock: Resource temporarily unavailable - what does this indicate?": the sentence that
        # says what the message means, not the one that repeats it
        return 1.0 if _SAYS_WHAT_IT_MEANS.search(quote) else 0.3
    if kind == "acronym" and question.acronym:
        if acronym_expansion(quote, question.acronym):
            # "What's XSLT?": the letters spelled out answer it, and better with what it is
            # ("XSLT (XSL Transformations) is a language for ...")
            if not writes_acronym(quote, question.acronym):
                return 0.8  # words whose initials spell it, without it: a chance run, or the answer
            if asks_expansion(question) or _defines(quote, question.acronym):
                return 1.0
            return 0.9
        if _defines(quote, question.acronym):  # "What is DHAT?" is also answered by what it is
            return 0.2 if asks_expansion(question) else 0.95
        return 0.0
    if kind == "definition" and question.subject:
        subject = question.subject
        score = 0.0
        if _defines(quote, subject):
            score = 0.5 if _defines_a_narrower_term(quote, subject, question.text) else 1.0
        elif (mentions_subject(quote, subject) and _DEFINITION_CUE.search(quote)) or loosely_defines(
            quote, subject
        ):
            score = 0.5
        if first_mention:
            score = min(1.0, score + 0.3)
        return score
    if kind == "reason":
        if restates(quote, question) and not _CAUSAL.search(quote):
            return 0.0
        return 1.0 if _CAUSAL.search(quote) else 0.3
    if kind == "method":
        if restates(quote, question) and not _METHOD_CUE.search(quote):
            return 0.2
        return 1.0 if _METHOD_CUE.search(quote) else 0.6
    if kind == "quantity":
        return 1.0 if figures(quote) else 0.0
    if kind == "yesno" and _ASKS_DEFAULT.search(question.text):
        # "Are the deep protocol tests turned on by default?": "these protocol tests are disabled
        # by default" says yes or no, whatever words it shares
        return 1.0 if _STATES_DEFAULT.search(quote) else 0.5
    if kind == "date":
        if _DATE.search(quote) or (_TIME_OF_DAY_ASKED.search(question.text) and _CLOCK.search(quote)):
            return 1.0
        # "when was bash 5.2 released" names its version: only a calendar date answers it
        if not _RELEASE.search(quote) or _ASKS_OF_A_VERSION.search(question.text):
            return 0.0
        if not _CHANGE_VERB.search(question.text):
            return 0.5
        # "which version added X": a release that made a change, in any of the words for it, not
        # one from which on X "is preferred"
        return 1.0 if _VERSION_MADE.search(quote) or _CHANGE_VERB.search(quote) else 0.3
    if kind == "condition":
        return 1.0 if _DATE.search(quote) or _CONDITION_CUE.search(quote) else 0.4
    if kind in {"person", "organisation", "place"}:
        if kind == "person" and _CONTENTS_LINE.fullmatch(quote):  # "9.2.2. Running Massif" names no one
            return 0.0
        if (
            kind == "person"
            and _WRITER_OF_A_TEXT_ASKED.search(question.text)
            and (made := _MADE_BY.search(quote))
            and not re.fullmatch(r"it|this|that|these|they|he|she|the|and|which|who", made.group(1), re.I)
        ):
            # "who wrote the rrdtool tutorial": "This document is written by Alex ..." names the
            # text's writer; "RRDtool is written by Tobias ..." the program's
            return 1.0 if made_by_the_text(quote) else 0.4
        if kind == "person" and _handles(quote, question):
            return 1.0
        names = new_names(quote, question)
        if kind != "organisation":  # people and places are written in title case, not CODES
            names = [
                run
                for n in names
                for run in title_runs(n)
                if _TITLE_CASE.fullmatch(run.text)
                or ((kind == "place" or _ORG_WORD.search(run.text)) and _CAMEL_TITLE.fullmatch(run.text))
            ]
        if kind == "person":  # "a list of Frequently Asked Questions" names no one
            names = [
                n for n in names if not _DOCUMENT_TITLE_WORD.search(n.text) and not _NO_ONE.search(n.text)
            ]
        if kind == "place" and _DOWNLOAD_ASKED.search(question.text) and _ADDRESS.search(quote):
            return 1.0  # "where can I download X": an address to fetch it from, not a mailing list
        if not names and kind == "place":  # in a manual, a place is a file, a folder, a stream
            return 0.7 if _TECH_PLACE.search(quote) else 0.0
        if not names:
            return 0.0
        if kind == "organisation":
            return 1.0 if any(_ORG_WORD.search(n.text) or n.text.isupper() for n in names) else 0.5
        if kind == "person":  # "Thomas Leonard", not a capitalised "Version"; "who maintains X"
            # may be answered by a body ("The X Consortium will maintain a registry")
            return 1.0 if any(" " in n.text or _ORG_WORD.search(n.text) for n in names) else 0.5
        return 1.0
    if kind == "list":
        if asked := _NAMED_CLASS.search(question.text):  # "which two countries": names answer, not commas
            names = new_names(quote, question)
            named = [run for n in names for run in title_runs(n)]
            proper = {
                part
                for n in [
                    *(n for n in named if _TITLE_CASE.fullmatch(n.text)),
                    *(n for n in names if n.text.isupper()),
                ]
                for part in _NAME_LIST.split(n.text)[::2]  # "Turkmenistan and Uzbekistan" names two
                if part
            }
            if not proper:
                return 0.3  # commas are no names ("states" and "regions" are left out: a promise's states)
            # "which two countries": a sentence that names one country answers less than one naming two
            wanted = _counted_names(asked.group(0))
            return 0.6 if wanted and len(proper) < wanted else 1.0
        return 1.0 if _LIST_CUE.search(quote) else 0.4
    if kind == "comparison":
        return 1.0 if _COMPARISON_CUE.search(quote) else 0.6
    return 0.5


def _handles(quote: str, question: Question) -> list[Span]:
    """People by their accounts on a code forge ("cc @encukou @hroncok"), not those the question
    names nor a decorator ("the @property decorator")."""
    asked = question.text.lower()
    return [
        Span(m.start(), m.end(), m.group(0))
        for m in _HANDLE.finditer(quote)
        if m.group(0).lower() not in asked
    ]


# "read the sar(1) manual page", "see sadc(8)": not "calls retry(3) before giving up"
_MANUAL_PAGE = re.compile(
    r"[\w.-]\(([1-9][a-z]*)\)(?=\s+(?:manual|man\b|page))|\b(?i:see|read|man)\s+[\w.-]+\(([1-9][a-z]*)\)"
)


# a title in quotation marks, as a paper or a book is cited ("the paper 'Comparing Two Approaches
# to Remote Mailbox Access'"); a heading's "Five Levels of Logging" counts five levels
_QUOTED_TITLE = re.compile(r"(?<!\w)['\"“‘][A-Z][^'\"”’]{5,150}['\"”’](?!\w)")
# a number word inside a run of capitalised words: part of a title or a name ("Two Approaches"),
# not "It takes Two seconds" (a unit after it)
_IN_A_TITLE = re.compile(
    rf"\b[A-Z][\w’'-]+\s+(?i:{NUMBER_WORD})\s+(?!(?:Seconds?|Minutes?|Hours?|Days?|Years?|Times)\b)[A-Z][\w’'-]+"
    rf"|^[\W]*(?i:{NUMBER_WORD})\s+[A-Z][a-z]+\s+(?:of|to|for|and|in)\s+[A-Z]",
)


def figures(quote: str) -> list[re.Match]:
    """The figures a text gives: numbers with their units and number words, not years."""
    found = []
    for match in _QUANTITY.finditer(quote):
        text = match.group(0).strip()
        if not text or re.fullmatch(r"(?:1[5-9]|20)\d\d", text):  # a year is a date, not a figure
            continue
        at = match.start() + match.group(0).find(text)
        if any(m.start(m.lastindex) <= at < m.end(m.lastindex) for m in _MANUAL_PAGE.finditer(quote)):
            continue  # "sar(1)" names a manual page, it counts nothing
        if any(a <= at < b for a, b in licence_numbers(quote)):
            continue  # "Apache 2.0" names a licence
        if text[:1].isupper() and any(
            t.start() < at < t.end() and _IN_A_TITLE.search(t.group(0)) for t in _QUOTED_TITLE.finditer(quote)
        ):
            continue  # "'Comparing Two Approaches to Remote Mailbox Access'": a cited title's word counts nothing
        found.append(match)
    return found


_NAME_LIST = re.compile(r"(\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|&)\s+)")  # "A, B and C": three names


# "an Apache 2.0 licensed library", "under the MIT License", "GPLv3": a licence, not its author
_LICENCE_AFTER = re.compile(
    r"\s*(?:v(?:ersion)?\s*)?(?:\d+(?:\.\d+)*\+?\s*)?(?:-\s*)?(?:licen[cs]|or later\b)", re.I
)
_LICENCE_WORD = re.compile(r"\blicen[cs]e\w*$", re.I)
_LICENCE_NAME = re.compile(
    r"(?:Apache|MIT|BSD|ISC|GPL|LGPL|AGPL|MPL|EPL|CDDL|GNU|Artistic|Boost|Zlib|Vim|Creative Commons)$"
)


def _names_a_licence(quote: str, start: int, end: int) -> bool:
    """Whether a capitalised name at quote[start:end] ends on a software licence's name: "the MIT
    License", "an Apache 2.0 licensed" (not "Jane Doe" before "licensed under ...")."""
    name = quote[start:end]
    return bool(
        _LICENCE_WORD.search(name) or (_LICENCE_NAME.search(name) and _LICENCE_AFTER.match(quote, end))
    )


def licence_numbers(quote: str) -> list[tuple[int, int]]:
    """Where a text gives a licence's version ("Apache 2.0 licensed", "GPL-3.0-or-later", "the
    GNU General Public License version 2"): a number that neither counts nor dates anything."""
    return [
        m.span(1)
        for m in re.finditer(
            # (after "License" only as its version: "The trial license, 30 days long" counts days)
            r"\b(?:(?:Apache|GPL|LGPL|AGPL|MPL|EPL|CDDL|CC[- ]BY(?:-[A-Z]{2})*)(?:[- ]?v(?:ersion)?)?[- ]?"
            r"|Licen[cs]e,?(?:[- ]?v(?:ersion)?\s*|-))(\d+(?:\.\d+)*)",
            quote,
            re.I,
        )
    ]


def new_names(quote: str, question: Question) -> list[Span]:
    """Capitalised names in the quote that the question does not already say."""
    asked = _stems(question.text)
    spans = []
    for match in _NAME.finditer(quote):
        words = match.group(0).split()
        while words and words[0] in _SENTENCE_START_WORDS:
            words = words[1:]
        if match.start() == 0 and len(words) == 1:  # a lone capitalised first word is just a sentence start
            continue
        if not words:
            continue
        text = " ".join(words)
        if all(_stem(w) in asked for w in re.findall(r"\w+", text)):
            continue
        start = quote.find(text, match.start())
        if start < 0:
            continue
        if _names_a_licence(quote, start, start + len(text)):
            # "Richard Stallman the Vim license": the licence's name is the run after a small word
            small = list(re.finditer(r"\s+[a-z]+\s+", text))
            if not small:
                continue
            text = text[: small[-1].start()]
        # "Turkmenistan and Uzbekistan" asked about Uzbekistan names one new country, not two
        pieces, at, parts = _NAME_LIST.split(text), 0, []
        for n, piece in enumerate(pieces):
            if n % 2 == 0 and piece:
                parts.append((at, piece))
            at += len(piece)
        said = [p for _, p in parts if all(_stem(w) in asked for w in re.findall(r"\w+", p))]
        if len(parts) > 1 and said:
            spans += [Span(start + i, start + i + len(p), p) for i, p in parts if p not in said]
            continue
        spans.append(Span(start, start + len(text), text))
    return spans


def title_runs(span: Span) -> list[Span]:
    """A capitalised run cut where acronyms, months and numbers sit: "Xavier Leroy INRIA
    Rocquencourt May" is a person, an institute and a place, not one name."""
    runs, current = [], []
    for match in re.finditer(r"\S+", span.text):
        word = match.group(0)
        if (
            (word.isupper() and len(word) > 1 and not re.fullmatch(r"[A-Z]\.", word))  # "F." is an initial
            or _MONTH_WORD.fullmatch(word)
            or any(ch.isdigit() for ch in word)
        ):
            runs.append(current)
            current = []
        else:
            current.append(match)
    runs.append(current)
    return [
        Span(
            span.start + run[0].start(), span.start + run[-1].end(), span.text[run[0].start() : run[-1].end()]
        )
        for run in runs
        if run
    ]


def _nearest(spans: list[Span], quote: str, question: Question) -> Span | None:
    """The candidate phrase closest to where the question's words sit in the quote."""
    if not spans:
        return None
    asked = _stems(question.text, 3)
    anchors = [m.start() for m in re.finditer(r"\w+", quote) if _stem(m.group(0)) in asked]
    if not anchors:
        return spans[0]
    return min(spans, key=lambda s: min(abs(s.start - a) for a in anchors))


_FUNCTION = _wordset(
    """the a an of in on at to for from by with and or is are was were be been being has have had do
    does did its it their this that these those which who whom whose as also mainly mostly main such
    into than more most must should may might can could will would shall not no using used use uses
    provides provided called value values set sets equal all some many each every both any several few
    other others we they there then therefore however"""
)


# "what is the default / exit code / version ...": a number may be the answer itself
_VALUE_ASKED = re.compile(
    r"\b(?:default|value|code|status|version|port|limit|maximum|minimum|timeout|level|size)s?\b", re.I
)
# "what does X return": the number right after "returns" ("returns 0"), or a literal near it ("Return
# the parsed version, or null if ..."); else the thing it returns ("returns tokens 3 at a time")
_RETURN_ASKED = re.compile(r"\breturn(?:s|ed)?\b", re.I)
_RETURNED_VALUE = re.compile(
    r"\breturn(?:s|ed)?\s+(?:the\s+value\s+)?(?P<number>[-+]?\d+(?:\.\d+)?)\b"
    r"|\breturn(?:s|ed)?\b[^.;]{0,40}?\b(?P<literal>null|true|false|None|nil|undefined|NaN|NULL|TRUE|FALSE)\b",
    re.I,
)
# what a function returns, besides a number: "or null if it's not valid"
_LITERAL = re.compile(r"\b(?:null|true|false|None|nil|undefined|NaN|NULL|TRUE|FALSE)\b")
# words a noun phrase does not start after a verb: "forwards any options", "prints them"
_DETERMINERS = _wordset(
    "the a an any them it its their this these those his her our your all some each every no"
)
_NOT_ADVERBS = _wordset(
    "family supply assembly reply apply anomaly monopoly butterfly italy july poly only early"
)


_AUX_WORDS = "(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|must|may|might)"
# "Which countries adopted ...", "What projects started ...": no "do", so the wh-phrase is the subject
_SUBJECT_QUESTION = re.compile(
    rf"^(?!.*\b(?:do|does|did)\b)\W*(?:which\s+(?:(?!{_AUX_WORDS}\b)[\w-]+\s+){{1,3}}?([a-z]{{3,}}(?:ed|es|s))"
    rf"|what\s+(?:(?!{_AUX_WORDS}\b)[\w-]+\s+){{1,3}}?([a-z]{{3,}}ed))\b",
    re.I,
)


def _starts_clause(quote: str, tokens: list[re.Match], i: int) -> bool:
    """A name after lower-case words, followed by its verb, begins another clause where a PDF
    lost the comma: "natural gas Kyrgyzstan imports precious metals"."""
    word = tokens[i].group(0)
    return (
        0 < i < len(tokens) - 1
        and word[:1].isupper()
        and tokens[i - 1].group(0).islower()
        and tokens[i - 1].group(0) not in {"and", "of", "or"}
        and _is_verb_after_name(quote, tokens, i + 1)
    )


def _is_verb_after_name(quote: str, tokens: list[re.Match], i: int) -> bool:
    """ "Uzbekistan imports uranium ores", "Tajikistan mainly imports ...": a lower-case word in -s
    right after a name (or its adverb) is its verb."""
    word = tokens[i].group(0)
    if not (i > 0 and word.islower() and word.endswith("s")):
        return False
    j = i - 1  # "Borvia mainly imports": past an adverb to the name
    if j > 0 and (_is_adverb(tokens[j].group(0)) or tokens[j].group(0) in {"also", "only"}):
        j -= 1
    spaced = all(quote[tokens[k].end() : tokens[k + 1].start()] == " " for k in range(j, i))
    return tokens[j].group(0)[:1].isupper() and spaced


def _question_names(text: str) -> frozenset[str]:
    """The stems of the names a question says: capitalised words past its first ("Turkmenistan")."""
    words = re.findall(r"[\w’'.-]*\w", text)[1:]
    return frozenset(_name_stem(w) for w in words if w[:1].isupper() and len(w) > 2)


def _name_stem(word: str) -> str:
    return _stem(re.sub(r"[’']s$", "", word))


def _is_adverb(lower: str) -> bool:
    """ "definitely", "currently", "typically": how something is said, never what is asked for."""
    return len(lower) >= 6 and lower.endswith("ly") and lower not in _NOT_ADVERBS


def novel_phrase(quote: str, question: Question, limit: int = 6) -> Span | None:
    """The answer to a "what ..." question: the nearest run of the quote's content words that
    the question does not already contain ("crude oil" in "China mainly imports crude oil
    from Kazakhstan" for "What does China import from Kazakhstan?")."""
    if _RETURN_ASKED.search(question.text) and (returned := _RETURNED_VALUE.search(quote)):
        group = "number" if returned.group("number") else "literal"
        return Span(returned.start(group), returned.end(group), returned.group(group))
    asked = _stems(question.text)
    tokens = list(re.finditer(r"[-+]?[\w’'./-]*\w", quote))
    values = bool(_VALUE_ASKED.search(question.text))  # "default num_pools?": "10" answers
    runs: list[list[re.Match]] = []
    current: list[re.Match] = []
    previous_end = 0
    for i, token in enumerate(tokens):
        word = token.group(0)
        lower = word.lower()
        if current and re.search(r"[,;:()]", quote[previous_end : token.start()]):
            runs.append(current)  # punctuation ends a phrase
            current = []
        # "natural gas Kyrgyzstan imports ...": a name after lower-case words starts another phrase
        elif current and _starts_clause(quote, tokens, i):
            runs.append(current)
            current = []
        previous_end = token.end()
        following = tokens[i + 1].group(0).lower() if i + 1 < len(tokens) else ""
        is_new = (
            _stem(word) not in asked
            and lower not in _FUNCTION
            and (not lower.isdigit() or values)
            and not _is_adverb(lower)
            # "forwards any options", "indicates the server": a verb, not the thing asked for
            and not (
                word.islower() and following in _DETERMINERS and quote[token.end() : token.end() + 1] == " "
            )
            and not (not current and _is_verb_after_name(quote, tokens, i))
            or lower in {"of", "and"}
        )
        if is_new and not (lower in {"of", "and"} and not current):
            current.append(token)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    spans = []
    for run in runs:
        while run and run[-1].group(0).lower() in {"of", "and", "to"}:
            run = run[:-1]
        if not run:
            continue
        run = run[:limit]
        spans.append(Span(run[0].start(), run[-1].end(), quote[run[0].start() : run[-1].end()]))
    if not spans:
        return None
    # "Which countries adopted radical reforms?" asks for the doer: the phrase before the verb
    doer = _SUBJECT_QUESTION.match(question.text)
    if doer:
        verb = _stem(doer.group(1) or doer.group(2))
        at = next((t.start() for t in tokens if _stem(t.group(0)) == verb), None)
        before = [s for s in spans if at is not None and 0 <= at - s.end <= 25]
        if before:
            return max(before, key=lambda s: s.end)
    # between the question's words: the phrase right after them (the object) is the answer; where
    # the question names something the quote names too, right after that name ("... and
    # Turkmenistan mainly imports natural gas" for "What energy does China import from Turkmenistan?")
    asked_positions = [t.end() for t in tokens if _stem(t.group(0)) in asked and len(t.group(0)) > 3]
    named = _question_names(question.text)
    said = [t for t in tokens if t.group(0)[:1].isupper() and _name_stem(t.group(0)) in named]
    name_positions = [t.end() for t in said]
    if len({_name_stem(t.group(0)) for t in said}) >= 2:  # two of its names: the one the answer follows
        near = [
            (min(s.start - p for p in name_positions if s.start >= p), s)
            for s in spans
            if any(0 <= s.start - p <= 40 for p in name_positions)
        ]
        echoed = _PREPOSITION_PHRASES.findall(question.text.lower())
        near = [(d, s) for d, s in near if not _behind(quote, s.start, echoed)] or near
        if near:
            return _whole_phrase(min(near, key=lambda x: x[0])[1], quote, tokens, limit, question)
    if asked_positions:
        after = [s for s in spans if any(0 <= s.start - p <= 40 for p in asked_positions)]
        if values:  # "exit status is 2", not "occurs", for "What exit status ... on a warning?"
            after = [s for s in after if re.search(r"\d", s.text) or _LITERAL.search(s.text)] or after
        # "imports from Kazakhstan are mainly crude oil" for "import from Central Asia": a phrase
        # behind a preposition the question uses with its own object stands for that object
        echoed = _PREPOSITION_PHRASES.findall(question.text.lower())
        after = [s for s in after if not _behind(quote, s.start, echoed)] or after
        if after and values and (literal := _LITERAL.match(after[0].text)):
            return Span(after[0].start, after[0].start + literal.end(), literal.group(0))  # "null"
        if after:
            return _whole_phrase(after[0], quote, tokens, limit, question)
    return _nearest(spans, quote, question)


def _whole_phrase(span: Span, quote: str, tokens: list[re.Match], limit: int, question: Question) -> Span:
    """The phrase run on through the words of the question's what-phrase ("what currency
    agreements") and on up to the next small word, number or stop: "bilateral local currency
    settlement agreement", not "bilateral local". The question's other words end it ("node_modules",
    not "node_modules install scripts", for "What does npm install create?")."""
    head = _WHAT_PHRASE.match(question.text)
    named = {_stem(w) for w in re.findall(r"\w+", head.group(1))} if head else set()
    asked = _stems(question.text)
    end, words = span.end, len(span.text.split())
    for i, token in enumerate(tokens):
        if token.start() < span.end:
            continue
        lower = token.group(0).lower()
        if (
            quote[end : token.start()].strip()
            or _starts_clause(quote, tokens, i)
            or lower in _FUNCTION
            or lower.isdigit()
            or (_stem(lower) in asked and _stem(lower) not in named)
            or words >= limit
        ):
            break
        end, words = token.end(), words + 1
    return Span(span.start, end, quote[span.start : end])


# the words between "what" and the verb: "What trade agreements were signed?"
_WHAT_PHRASE = re.compile(
    rf"^\W*(?:what|which)\s+((?:(?!(?:{_AUXILIARY})\b)[\w-]+\s+){{1,4}}?)(?=(?:{_AUXILIARY})\b)",
    re.I,
)
_PREPOSITIONS = "from|in|into|to|at|on|by|with|for|via|through|between|among|about|under|over|within"
_PREPOSITION_PHRASES = re.compile(rf"\b({_PREPOSITIONS})\s+(?=[\w\"'“])(?!(?:{_PREPOSITIONS}|by)\b)")


def _behind(quote: str, start: int, prepositions: list[str]) -> bool:
    """Whether the phrase at start follows one of these prepositions ("from Kazakhstan")."""
    before = re.search(
        r"(\w+)\s+(?:(?:the|a|an|its|their|his|her|our|your|this|these|those)\s+)?\Z", quote[:start], re.I
    )
    return bool(before) and before.group(1).lower() in prepositions


# a quote that is one sentence ending in a colon and the lines it introduces
_LISTED = re.compile(r"[^\n.!?]*:[ \t]*\n")


def answer_span(question: Question, quote: str) -> Span | None:
    """The phrase inside a quote that answers a factoid question, or None (why, how, yes/no,
    overview) when the answer is the whole statement."""
    span = _typed_span(question, quote)
    if span is None and question.wants_short_answer and not _LISTED.match(quote):
        span = novel_phrase(quote, question)
        # "Section 9.2" is where a document says so, never when
        if span is not None and question.kind == "date" and _PART_OF_TEXT.match(span.text):
            return None
    return _balanced(_whole_words(span, quote), quote) if span is not None else None


_PAIRS = {"’": "‘", "”": "“", ")": "(", "]": "["}


def _balanced(span: Span, quote: str) -> Span:
    """A span holds no closing quote or bracket whose opening one it leaves out ("Bourne-Again
    SHell’" of "an acronym for ‘Bourne-Again SHell’"), nor an opening one it does not close."""
    start, end = span.start, span.end
    while (
        end - start > 1 and quote[end - 1] in _PAIRS and _PAIRS[quote[end - 1]] not in quote[start : end - 1]
    ):
        end -= 1
    while (
        end - start > 1
        and quote[start] in _PAIRS.values()
        and not any(
            close in quote[start + 1 : end] for close, opener in _PAIRS.items() if opener == quote[start]
        )
    ):
        start += 1
    return span if (start, end) == (span.start, span.end) else Span(start, end, quote[start:end])


def _whole_words(span: Span, quote: str) -> Span:
    """A span never stops inside a word: a name with an inner capital ("Nancy McGough") was cut
    at it ("Nancy Mc") by patterns that read a word as one capital and lower-case letters."""

    def letter(c: str) -> bool:  # Latin letters: Chinese runs on without spaces between words
        return c.isascii() and c.isalpha()

    start, end = span.start, span.end
    while start > 0 and letter(quote[start - 1]) and letter(quote[start]):
        start -= 1
    while end < len(quote) and letter(quote[end - 1]) and letter(quote[end]):
        end += 1
    return span if (start, end) == (span.start, span.end) else Span(start, end, quote[start:end])


_PART_OF_TEXT = re.compile(r"(?:section|chapter|table|figure|appendix|part|step|page)\s+\d", re.I)


# "what licence is X under", "X license?": the question asks which licence (not "how do I choose a
# licence" nor "where is the licence file")
LICENCE_ASKED = re.compile(
    r"^\W*(?:under )?(?:what|which)(?: kind of)? licen[cs]es? (?:is|are|does|do|covers?|applies)\b"
    r"|^\W*what(?:'s|s| is) the licen[cs]e (?:of|for)\b|\blicen[cs]e\W*$",
    re.I,
)
# a licence's name as documents write it: "the Apache License, Version 2.0", "the MIT license",
# "GNU General Public License v3", "BSD-3-Clause", "Apache-2.0", "GPLv3"
LICENCE_NAME = re.compile(
    r"\b(?:(?:GNU\s+)?(?:Lesser\s+|Library\s+|Affero\s+)?General Public Licen[cs]e|Apache Licen[cs]e|"
    r"Mozilla Public Licen[cs]e|(?:MIT|BSD|ISC|Artistic|Eclipse Public|Boost Software|zlib)(?:[\s-]+[\w-]+)?\s+"
    r"[Ll]icen[cs]e\b|Creative Commons(?:[\w\s-]|\.(?=\d)){0,60}?(?=[,;)]|\.(?!\d)|$)|"
    r"(?:L?GPL|AGPL|MPL)(?:-?v?\d(?:\.\d)*(?:[-+]\w+)*)?\b|Apache-\d\.\d\b|BSD-\d-Clause\b|MIT\b)"
    r"(?:,?\s+(?:[Vv]ersion|v)?\s*\d+(?:\.\d+)+)?"
)


# "What environment variable sets ...", "What value does X return?": a constant's name answers
_CODE_CLASS = re.compile(
    r"^\W*(?:what|which)\s+(?:\w+\s+){0,2}?(?:environment variable|variable|constant|value|status|error|"
    r"code|macro|flag|option|setting|key)s?\b",
    re.I,
)
_CONSTANT = re.compile(r"(?<![\w$-])[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9](?![\w-])")
# "What clean energy has been introduced?": "Clean energy, such as wind energy and solar energy"
_WHAT_NOUNS = re.compile(
    r"^\W*(?:what|which)\s+((?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:is|are|was|were|has|have|had|do|does|did|can|will)\b",
    re.I,
)


# words that end a coordination without naming a thing: "clients and other protocols"
_NOT_LISTED = frozenset(
    [
        "other",
        "others",
        "some",
        "many",
        "all",
        "more",
        "several",
        "various",
        "both",
        "such",
        "these",
        "those",
        "any",
    ]
)


def _named_instances(question: Question, quote: str) -> Span | None:
    """The things a quote names as instances of what the question asks for ("such as X and Y"),
    or a constant's name ("FFI_OK") when it asks for a variable, value or code."""
    asked = question.text
    if _CODE_CLASS.search(asked):
        named = [m for m in _CONSTANT.finditer(quote) if m.group(0).lower() not in asked.lower()]
        if named:
            return Span(named[0].start(), named[0].end(), named[0].group(0))
    nouns = _WHAT_NOUNS.match(asked)
    if nouns:
        noun = re.escape(nouns.group(1).split()[-1])
        listed = re.search(
            rf"\b{noun}s?\b[^.;:]{{0,40}}?,?\s+(?:such as|e\.g\.,?|including|like)\s+([^,.;:()]+?)(?=\s*[,.;:)]|$)",
            quote,
            re.I,
        )
        if listed:
            return _trim(Span(listed.start(1), listed.end(1), listed.group(1)), quote)
        # "It supports HTTP, HTTPS, and FTP protocols" for "which protocols": the things listed
        # right before the noun asked about
        before = re.search(
            rf"(?<![\w.+/-])((?:[\w.+/-]+,\s+)*[\w.+/-]+,?\s+(?:and|or)\s+[\w.+/-]+)\s+{noun}s?\b",
            quote,
            re.I,
        )
        if before and before.group(1).split()[-1].lower() not in _NOT_LISTED:
            return Span(before.start(1), before.end(1), before.group(1))
    return None


# a reference to a paper names its author after its title: '..." , Graeme W. Gill, Proc. IS&T/SID ...'
CITATION_AUTHOR = re.compile(
    r"(?:\w+[\s:,-]+){3}\w*[\"”],?\s+[A-Z][a-z]+(?:\s+[A-Z]\.)*\s+[A-Z][a-z]+(?:\s+and\s+[A-Z][a-z]+(?:\s+[A-Z]\.)*\s+[A-Z][a-z]+)?"
    r",\s+(?:Proc\b|Proceedings|In:?\s+(?:Proc|[A-Z])|Journal|J\.|Trans\b|IEEE|ACM|Springer|Elsevier|\d{4})"
)


_BY_BEFORE = re.compile(r"\b([a-z]{2,})\s+by:?\s+$")
_IRREGULAR = {"wrote": "writ", "written": "writ", "write": "writ", "writes": "writ", "led": "lead"}
# "who wrote the paper ...": the question asks who wrote a work, which a reference's author line says
_AUTHORSHIP_ASKED = re.compile(
    r"\b(?:wr(?:ote|itten|ites?|iter)|authors?|authored|paper|article|publish\w*)\b", re.I
)


def _verb_root(word: str) -> str:
    word = word.lower()
    return _IRREGULAR.get(word, word[:5])


def _agent_of_asked_verb(quote: str, name: Span, question: Question) -> bool:
    """The name right after "<verb> by" (or "by:"), where the question asks with that verb."""
    m = _BY_BEFORE.search(quote[max(0, name.start - 30) : name.start])
    return m is not None and _verb_root(m.group(1)) in {
        _verb_root(w) for w in re.findall(r"[a-z]+", question.text.lower())
    }


def _typed_span(question: Question, quote: str) -> Span | None:
    """The phrase inside a quote that answers a factoid question, or None (why, how, yes/no,
    overview) when the answer is the whole statement."""
    kind = question.kind
    if kind in {"other", "list", "quantity"} and (instances := _named_instances(question, quote)):
        return instances
    if LICENCE_ASKED.search(question.text) and (named := LICENCE_NAME.search(quote)):
        return Span(named.start(), named.end(), named.group(0))  # "what licence is X under"
    if kind == "acronym" and question.acronym:
        return acronym_expansion(quote, question.acronym)
    if kind == "quantity":
        found = [_trim(Span(m.start(), m.end(), m.group(0)), quote) for m in figures(quote)]
        # "How big is the economy of the five countries?": "five" is asked about, "2%" answers
        asked: dict[str, set[str]] = {}
        for m in figures(question.text):
            figure = _trim(Span(m.start(), m.end(), m.group(0)), question.text)
            # what it counts, in up to three words: "the five Central Asian countries" is the quote's
            # "the five countries" too
            asked.setdefault(_as_written(figure), set()).update(_counted(figure, question.text, 3))
        return _nearest([f for f in found if not _stated(f, quote, asked)] or found, quote, question)
    if kind == "date":
        dates = [Span(m.start(), m.end(), m.group(0)) for m in _DATE.finditer(quote)]
        if _TIME_OF_DAY_ASKED.search(question.text):  # "what time do the daily scripts run": "1-7 AM"
            dates += [Span(m.start(), m.end(), m.group(0)) for m in _CLOCK.finditer(quote)]
        if not dates:  # "since Rust 1.65", "Bash-4.3 introduced": the version is when
            dates = [
                Span(m.start(1), m.end(1), m.group(1))
                for m in [*_VERSION_POINT.finditer(quote), *_VERSION_MADE.finditer(quote)]
            ]
        return _nearest(dates, quote, question)
    if kind in {"person", "organisation", "place"}:
        names = new_names(quote, question)
        if kind == "organisation":
            names = (
                [n for n in names if _ORG_WORD.search(n.text)]
                or [n for n in names if n.text.isupper() and n.text not in _SHOUTED]
                or names
            )
        if kind == "person":
            # "written in Python", "in Berlin": a language or a place, not someone
            names = [n for n in names if not re.search(r"\b(?:in|into)\s+$", quote[: n.start])]
            runs = [run for n in names for run in title_runs(n)]
            # "X Desktop Group", "University of North Carolina", "Mozilla Public License" name no one
            runs = [n for n in runs if not _NOT_A_PERSON.search(n.text)] or runs
            names = (
                [n for n in runs if " " in n.text and _TITLE_CASE.fullmatch(n.text)]
                or _handles(quote, question)
                or names
            )
            # "Who maintains ...": "maintained by Marc Haber", not a later "README by Mike Markley"
            names = [n for n in names if _agent_of_asked_verb(quote, n, question)] or names
            # a reference to a paper: its author after its title ('...", Graeme W. Gill, Proc. ...')
            if _AUTHORSHIP_ASKED.search(question.text):
                cited = [m.span() for m in CITATION_AUTHOR.finditer(quote)]
                names = [n for n in names if any(a <= n.start < b for a, b in cited)] or names
        if kind == "place":
            placed = [n for n in names if _PLACE_CUE.search(quote[: n.start])]
            names = placed or names
            if not names and (where := _TECH_PLACE.search(quote)):
                return _trim(Span(where.start(), where.end(), where.group(0)), quote)
        return _nearest(names, quote, question)
    if kind in {"other", "list"}:
        if _LISTED.match(quote):  # a list quoted with its introduction: the items answer
            return None
        return novel_phrase(quote, question)
    if kind == "definition" and question.subject:
        return definition_span(quote, question.subject)
    return None


def definition_span(quote: str, subject: str) -> Span | None:
    """The phrase that says what the subject is, in the forms a sentence may define it by; looser
    than definition_phrase, whose form alone is taken as proof that a quote answers."""
    if found := definition_phrase(quote, subject):
        return found
    if subject.isupper() and (expanded := acronym_expansion(quote, subject)):
        return expanded  # "What is a CU?" in "... per compute unit (CU)"
    for form in subject_forms(subject):
        s = re.escape(form)
        for pattern in _LOOSE_DEFINITIONS:
            match = re.search(pattern.format(s=s), quote, re.I)
            if match and len(match.group(1).split()) >= 2:
                return _trim(Span(match.start(1), match.end(1), match.group(1)), quote)
    for form in subject_forms(subject):
        for pattern in _IDENTIFIED:
            match = re.search(pattern.format(s=re.escape(form)), quote, re.I)
            if match:
                return _trim(Span(match.start(1), match.end(1), match.group(1)), quote)
    if not mentions_subject(quote, subject):
        match = _DESCRIBES_WITHOUT_NAMING.match(quote) or _TAGLINE.match(quote)
        if match:
            return _trim(Span(match.start(1), match.end(1), match.group(1)), quote)
    return None


_PHRASE_END = r"(?=[.;:]|,\s+(?:which|and|but|so|by)\b|\s+\((?:e\.g|i\.e|see)\b|$)"
# "What is the weak industry?": "The financial service industry has always been a weak industry";
# "What is the header file of libtasn1?": "The header file of this library is libtasn1.h."
_IDENTIFIED = (
    r"^\W*(?:the\s+)?((?:[\w-]+\s+){{0,4}}?[\w-]+)\s+(?:is|are|was|were|remains?|(?:has|have)\s+(?:always\s+)?been)"
    r"\s+(?:\w+\s+)?(?:a|an|the|one of the)\s+{s}s?\b",
    r"\b{s}\b(?:\s+of\s+[\w\s.-]{{1,30}}?)?\s+(?:is|are|was|were)\s+"
    r"((?!(?:a|an|the|not|used|also|only|very|often|usually)\b)[\w-]+(?:\.\w+)*(?:\s+[\w-]+(?:\.\w+)*){{0,2}}?)(?=[.,;:]?\s*$)",
)
_LOOSE_DEFINITIONS = (
    # "The ditto symbol (〃) means "same access count ..."", "X is essentially a set of ..."
    r"\b{s}s?\b[”\"’']?(?:\s*\([^)]*\))?\s+(?:means|refers to|denotes|is defined as|stands for)\s+[\"“']?([^\"”.;]{{3,160}})",
    r"\b{s}s?\b[”\"’']?\s+(?:is|are)\s+(?:essentially|basically|simply|just|really|actually|usually|typically|"
    r"generally|mainly|mostly|primarily|also)\s+((?:a|an|the|one)\b[^.;:]{{3,160}}?)" + _PHRASE_END,
    # "X is a ..." whose whole phrase runs on too long: up to its first comma ("Inheritance is a
    # mechanism whereby an object can inherit ..., thus gaining ...")
    r"\b{s}s?\b[”\"’']?\s+(?:is|are)\s+((?:a|an|the|one)\b[^.;:,]{{3,160}}?)(?=[,.;:]|$)",
    # "Certificates are public keys that correspond to a private key", "WhitespaceStates are ..."
    r"\b{s}s?\b\s+are\s+((?!(?:not|also|used|called|defined|designed|written|only|now|still|then)\b)[a-z][\w-]*(?:\s+[\w-]+){{0,3}}?"
    r"(?:\s+(?:that|which|who|of|for|with|to)\b[^.;:]{{3,140}}?)?)" + _PHRASE_END,
    # "Types that are not Sized are known as dynamically sized types": the definition comes first
    # ("The program is called kilnfmt", "Its successor is called ...": a name, no definition)
    r"^\W*((?!(?:this|that|these|those|it|its|they|their|which|he|she|his|her)\b)"
    r"(?!(?:the|a|an|our|my|your)\s+(?:[\w-]+\s+){{0,2}}(?:program|tool|command|successor|predecessor|version|"
    r"project|library|package|utility|formatter|application|app|module|plugin|fork)\s+(?:is|are)\b)[^.;:]{{3,120}}?)\s+(?:is|are)\s+"
    r"(?:known as|called|referred to as|termed)\s+"
    r"(?:an?\s+|the\s+)?{s}s?\b",
    # a reference entry: "idna.IDNABidiError — raised when ...", "XML_CONTEXT_BYTES :   The number of ...",
    # "NodeJS-Backport-Rejected (V8, Chromium): Backport for Node.js is not desired"
    r"^\W*(?:[\w.]+\.)?{s}(?:\s*\([^)]*\))?\s*(?:—|–|--|:)\s+([^.;]{{3,160}}?)" + _PHRASE_END,
    # "mojibake (encoding mix-ups)", "a naive datetime (datetime with no timezone information)"
    r"\b{s}\s+\(((?!(?:e\.g|i\.e|see|default|version|ref)\b)[a-z][^()]{{3,80}}?)\)",
    # ... and one whose description follows its name on the same line: "error.domainThrown A
    # boolean indicating whether ...", "PACKAGE_VERSION_EXACT True if version is exact match"
    r"^\W*(?:[\w.]+\.)?{s}\s+((?-i:A|An|The|True|False)\s+(?!(?:is|are|was|were|has|have|can|will|may|must|should)\b)"
    r"(?-i:[a-z])[^.;]{{3,160}}?)" + _PHRASE_END,
    # "The libffi library provides a portable, high level programming interface to ...", "A Vim
    # session contains all the information ...", "The edition option determines the ..."
    r"^\W*(?:the\s+|an?\s+)?{s}s?(?:\s+(?:library|module|function|method|class|type|tool|command|package|program|option|flag))?"
    r"\s+(?:provides?|offers?|includes?|implements?|describes?|represents?|contains?|gives?|determines?|"
    r"specif(?:y|ies)|controls?|defines?|indicates?|denotes?|identif(?:y|ies)|yields?)\s+"
    r"((?!(?:no|not|nothing|none|that)\b)[^.;:]{{3,160}}?)" + _PHRASE_END,
)
# A reference entry's description under its term line names no term: "Defines a unique event
# delivery target for Present events." A tagline says what its document's software is without
# naming it: "A tool for formatting Rust code according to style guidelines."
_DESCRIBES_WITHOUT_NAMING = re.compile(
    r"^\W*(?:Defines|Specifies|Represents|Denotes|Identifies)\s+((?:a|an|the)\s+[^.;:]{3,160}?)" + _PHRASE_END
)
_TAGLINE = re.compile(
    r"^\W*((?:A|An)\s+(?:[\w-]+\s+){0,3}(?:tool|library|program|utility|module|package|framework|command|"
    r"extension|plugin|application|service|client|server|format|protocol|language|collection|wrapper|"
    r"implementation|interface|engine|system)\s+(?:for|to|that|which|of)\b[^.;:!?]{3,160}?)\.?\s*$"
)


def definition_phrase(quote: str, subject: str) -> Span | None:
    """The defining phrase: "an advanced Paper Search agent ..." in "we introduce PaSa, an
    advanced Paper Search agent ...", or what follows "X is"."""
    for form in subject_forms(subject):
        if found := _definition_phrase_as(quote, form):
            return found
    return None


# "The RRR component is the Debian revision number", "The qs parameter indicates ...": a name
# followed by the kind of thing it names is defined as the name alone
_NAMED_PART = (
    r"(?:\s+(?:component|field|option|flag|setting|parameter|variable|directive|attribute|property|"
    r"keyword|argument|placeholder)(?=\s+(?:is|are|was|were|refers|means|denotes)\b))?"
)


# "The reservoir is simply the number of jobs ...": an adverb between the verb and what it is
_HEDGE = r"(?:(?:simply|just|basically|essentially|merely|actually|really|generally|usually|typically|mostly|primarily|now)\s+)?"


def _definition_phrase_as(quote: str, subject: str) -> Span | None:
    s = re.escape(subject)
    match = re.search(
        rf"\b{s}s?\b[”\"’']?(?:\s*\([^)]*\))?{_NAMED_PART}(?:,?\s*(?:which|who)\s+(?:is|are)\s+|,\s*that\s+(?:is|are)\s+|,\s*|\s+(?:is|are|was|were|refers? to|means|denotes)\s+{_HEDGE})"
        # (a decimal point is not the phrase's end: "an Apache 2.0 licensed ... library")
        rf"((?:a|an|the|one)\b(?:[^.;:]|\.(?=\w)){{3,160}}?)"
        rf"(?=\.(?!\w)|[;:]|,\s+(?:which|and|but|that|who)\b|\s+(?:that|which|who|whose|where|in order to)\b|$)",
        quote,
        re.I,
    )
    if match:
        return Span(match.start(1), match.end(1), match.group(1))
    # "polymorphism, which means that you can substitute ...", "Domains provide a way to ...",
    # "Rules can be thought of as Action generators"
    # (the term opens the sentence, or is named there: "This is also called polymorphism, which ...")
    match = re.search(
        rf"(?:^\W*(?:the\s+|an?\s+)?|\b(?:called|named|known as|termed)\s+){s}s?\b[”\"’']?(?:\s*\([^)]*\))?"
        rf"(?:,\s+which\s+means\s+(?:that\s+)?"
        rf"|\s+(?:provides?|offers?|gives?)\s+(?=an?\s+(?:way|means|mechanism)\b)"
        rf"|\s+(?:can|may|should)\s+be\s+(?:thought of|seen|viewed|described|understood|regarded)\s+as\s+"
        rf"(?!follows\b))([^.;:]{{3,200}}?)(?=[.;:]|$)",
        quote,
        re.I,
    )
    if match:
        return Span(match.start(1), match.end(1), match.group(1))
    if found := meant_or_called(quote, subject):
        return found
    return introduced_then_said(quote, subject)


def meant_or_called(quote: str, subject: str) -> Span | None:
    """What a text says X is where it names X after it, or says what it means by X."""
    s = re.escape(subject)
    end = r"(?!\w)"  # "C++" ends on no word character
    return _meant_by(quote, s, end) or _called(quote, s, end) or _considered(quote, s, end)


def _meant_by(quote: str, s: str, end: str) -> Span | None:
    """ "by meta-information, we mean in which color it should be displayed" """
    match = re.search(
        rf"\bby\s+{s}(?:s{end})?{end}[”\"’']?,?\s+(?:we|I)\s+mean\s+(?:that\s+)?([^.;:]{{3,200}}?)(?=[.;:]|$)",
        quote,
        re.I,
    )
    return Span(match.start(1), match.end(1), match.group(1)) if match else None


# the words a phrase ends on when "called" is a verb of it ("the file will be called", "is also called")
_NOT_A_NAMED_THING = re.compile(
    r"\b(?:is|are|was|were|be|been|being|also|often|sometimes|usually|now|then)$", re.I
)


def _called(quote: str, s: str, end: str) -> Span | None:
    """The name after what it names: "a single integrated user interface shell called vtysh", "a
    data structure termed a directory"; not "the installer called ldconfig to refresh the cache",
    where "called" ran it, nor "the file will be called out.txt"."""
    match = re.search(
        rf"\b((?:a|an|the)\s+[^.;:,]{{3,80}}?),?\s+(?:called|termed|known\s+as)\s+(?:an?\s+|the\s+)?[“\"‘']?{s}{end}"
        r"(?!\s+(?:to|with|on|at|from|in order)\b)(?![-/])",
        quote,
        re.I,
    )
    if not match or _NOT_A_NAMED_THING.search(match.group(1)):
        return None
    phrase = match.group(1)
    # from its last "a"/"an" ("a shell for the routing daemons"), else its last "the"
    starts = [m.start() for m in re.finditer(r"\b(?:a|an)\s", phrase, re.I)]
    starts = starts or [m.start() for m in re.finditer(r"\bthe\s", phrase, re.I)]
    last = max(starts, default=0)
    return Span(match.start(1) + last, match.end(1), phrase[last:])


def _considered(quote: str, s: str, end: str) -> Span | None:
    """ "A stream that provides ... is considered to be 'Continuous'": what is taken to be X."""
    match = re.search(
        rf"^\W*((?:a|an|the)\s+[^.;:]{{3,160}}?)\s+(?:is|are)\s+(?:considered|said|deemed)\s+to\s+be\s+"
        rf"(?:an?\s+|the\s+)?[“\"‘']?{s}{end}",
        quote,
        re.I,
    )
    return Span(match.start(1), match.end(1), match.group(1)) if match else None


# "This is a good idea ...", "This is a known issue": a judgement of what came before, not a kind
_NOT_A_KIND = (
    r"(?!(?:good|bad|better|best|great|nice|neat|known|common|simple|easy|quick|recommended|matter|"
    r"problem|limitation|bug|mistake|shame|pity|way|must|feature|change)\b)"
)


def introduced_then_said(quote: str, subject: str) -> Span | None:
    """ "... is adding a modeline to the file. This is a line of text that tells Vim ...": a term
    brought in with "a", then said what it is by the next sentence (quoted with it: it leans)."""
    match = re.search(
        rf"\ban?\s+{re.escape(subject)}\b[^.!?]{{0,80}}[.!?]\s+This\s+is\s+((?:a|an)\s+{_NOT_A_KIND}[^.;:]{{3,160}}?)"
        rf"(?=[.;:]|,\s+(?:which|and|but|that|who)\b|$)",
        quote,
        re.I if not subject.isupper() else 0,
    )
    return Span(match.start(1), match.end(1), match.group(1)) if match else None


def _as_written(figure: Span) -> str:
    return re.sub(r"\s+", "", figure.text.lower())  # "5 GB" is "5GB"


def _counted(figure: Span, text: str, reach: int = 1) -> list[str]:
    """The stems of the words right after a figure, small words aside: what it counts."""
    words = re.findall(r"[\w’'-]+", text[figure.end :])[:reach]
    return [_stem(w) for w in words if w.lower() not in _FUNCTION]


def _stated(figure: Span, quote: str, asked: dict[str, set[str]]) -> bool:
    """Whether a figure of the quote is one the question states: the same figure counting the
    same thing within a few words ("the five Central Asian countries" for "the five countries"),
    not the question's "4 cores" as the answer's "4 worker threads"."""
    counts = asked.get(_as_written(figure))
    return counts is not None and (not counts or bool(counts & set(_counted(figure, quote, 4))))


def _trim(span: Span, quote: str) -> Span:
    text = span.text
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    return Span(span.start + lead, span.start + lead + len(text), text)
