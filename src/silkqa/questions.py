"""Question analysis: what kind of answer a question wants, and what it is about.

Plain English rules, no model: a reader only needs the expected answer type (a definition,
a reason, a figure, a name, ...), the question's focus (the thing asked about: "salary",
"high school") and, for a long question, which sentence is the question and which is context.
Rules keep this pure, testable and cheap (microseconds, no import cost on a cold start); a
tagger would buy little here, since the type is carried by a handful of function words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .chunking import split_sentences

KINDS = (
    "overview",
    "acronym",
    "definition",
    "reason",
    "method",
    "quantity",
    "date",
    "condition",
    "place",
    "person",
    "organisation",
    "comparison",
    "list",
    "yesno",
    "other",
)
# Answer types whose answer is a short phrase (a figure, a name, a date, an expansion).
FACTOID = frozenset({"acronym", "quantity", "date", "place", "person", "organisation", "other", "list"})


_ANAPHOR = re.compile(
    r"\b(?:it|its|they|them|their|this|that|these|those|he|she|his|her|the latter|the former|last two|both|such)\b",
    re.I,
)


@dataclass(frozen=True)
class Question:
    text: str  # the question being asked (for a long question: its question sentences)
    kind: str  # one of KINDS
    focus: str | None  # the thing asked about, lower case ("salary", "high school"), if any
    attribute: str | None = None  # a focus asked as an attribute ("the population of X", "X's salary")
    acronym: str | None = None  # "XAI" in "What does XAI stand for?"
    topic: str | None = None  # overview questions: the topic ("energy"), None for the whole work
    subject: str | None = None  # definition questions: the term to define ("PaSa")
    context: str = ""  # what a long question says before it asks
    parts: tuple[str, ...] = ()  # the separate questions of a question with several

    @property
    def wants_conclusion(self) -> bool:
        return self.kind == "overview" and bool(re.search(r"\bconclu\w*", self.text, re.I))

    @property
    def leans_on_context(self) -> bool:
        """A question that points back into its context ("those last two", "it")."""
        return bool(self.context) and bool(_ANAPHOR.search(self.text))

    @property
    def is_long(self) -> bool:
        return bool(self.context) or len(self.parts) > 1

    @property
    def wants_short_answer(self) -> bool:
        return self.kind in FACTOID


_DOC_NOUNS = r"(?:paper|document|article|text|work|study|report|manual|guide|book|spec\w*|thesis|essay|author|authors|page|source|library|readme|documentation|docs|tutorial|handbook|chapter)"
_OVERVIEW = [
    re.compile(
        r"^\W*(?:please\s+)?(?:summari[sz]e|sum up|outline|give (?:me )?(?:an? )?(?:short |brief )?(?:overview|summary|outline))\b",
        re.I,
    ),
    re.compile(
        # "what is this guide about"; "what is an import library on Windows" asks what a thing is
        rf"\bwhat (?:is|are) (?:the |this |that )?(?:[\w.'’-]+ ){{0,3}}?{_DOC_NOUNS} (?:mainly |mostly |all )?about\b|"
        rf"\bwhat (?:is|are) (?:the |this |that )?(?!an?\s)(?:[\w.'’-]+ ){{0,3}}?{_DOC_NOUNS} (?:mainly |mostly |all )?on\b",
        re.I,
    ),
    re.compile(
        r"\b(?:main|key|central|principal) (?:points?|ideas?|findings?|arguments?|conclusions?|takeaways?|messages?|themes?|contributions?)\b",
        re.I,
    ),
    re.compile(r"\bin a nutshell\b|\btl;? ?dr\b|\bgist\b", re.I),
    # "..., according to the abstract?": the question names the part of the document to read
    re.compile(r"\b(?:according to|in|from) the (?:abstract|introduction|conclusions?|summary)\W*$", re.I),
    # "What is the spec trying to achieve?", "What is the program on this page meant to show?":
    # a document's purpose (of a pipeline, the question is about the pipeline, not a document)
    re.compile(
        rf"^\W*what (?:is|are|was|were) (?:the |this |that )?.{{0,50}}?\b{_DOC_NOUNS}\b.{{0,30}}? "
        r"(?:trying|meant|supposed|designed|intended) "
        r"to (?:achieve|do|show|accomplish|solve|demonstrate|illustrate)\b",
        re.I,
    ),
    re.compile(
        rf"\bwhat does (?:the |this |that )?(?:[\w.'’-]+ ){{0,3}}?{_DOC_NOUNS} (?:say|tell|argue|conclude|discuss|write|claim|examine|study|analy[sz]e|cover|investigate|explore)s?\b",
        re.I,
    ),
    re.compile(
        r"^\W*how (?:do|does|did|can|could|should|will) .{3,80}? (?:cooperate|collaborate|work together|partner)\b",
        re.I,
    ),
    # "How does the paper describe energy cooperation?": what the document says of a topic
    re.compile(
        rf"^\W*how (?:does|do|did) (?:the |this |that )?(?:[\w.'’-]+ ){{0,3}}?{_DOC_NOUNS} (?:describe|present|"
        r"portray|characteri[sz]e|discuss|explain|treat|view|see|assess|evaluate|analy[sz]e|depict)\b",
        re.I,
    ),  # "What does the policy say about X?": any document named by its kind
    re.compile(
        r"^\W*what (?:does|do) (?:the|this|that) \w+ (?:say|tell us|write|state)s? (?:about|on|regarding)\b",
        re.I,
    ),
]
_TOPIC_AFTER = re.compile(
    r"\b(?:about|on|regarding|concerning|of|in|describe|present|portray|characteri[sz]e|discuss|explain|treat|"
    r"assess|evaluate|analy[sz]e|depict)\s+(?:the\s+)?([\w\s'’-]{3,60}?)\s*[?.!]*$",
    re.I,
)

# a pronoun or question word is not a lower-case acronym ("what does she stand for?")
_NOT_ACRONYM = r"(?!(?:it|this|that|he|she|we|they|you|who|what|which|one|these|those|i)\b)"
# a word asked alone that names nothing: "WHY?", "OK?"
_NOT_A_NAME = r"(?!(?i:why|how|when|where|who|what|which|ok|okay|no|yes|help|please|not|hi|hello|thanks)\b)"
_ACRONYM_Q = [
    re.compile(
        r"\b(?i:what) (?:does|do|did|is) (?:the (?:abbreviation|acronym|initialism|name) )?[\"“']?([A-Z][A-Za-z0-9&-]{1,11}|"
        + _NOT_ACRONYM
        + r"[a-z][a-z0-9]{1,5})[\"”']? (?:stand|stands) for\b"
    ),
    # "SNI stands for?", "ftfy is short for what"
    re.compile(
        r"^\W*[\"“']?([A-Z][A-Za-z0-9&-]{1,11}|"
        + _NOT_ACRONYM
        + r"[a-z][a-z0-9]{1,5})[\"”']? (?:stands? for|is short for)\b"
    ),
    # "licence terms LGPL - full name?": the capitals, then the long form asked for
    # (not a person's "Who is the CEO - full name?", nor "the CEO of IBM full name")
    re.compile(
        r"^(?!\W*(?i:who|whose)\b)[^?]*?(?<!\bof )\b([A-Z][A-Z0-9&-]{1,11})[\"”']?\s*(?:[-–—:,]\s*)?"
        r"(?i:full (?:name|form)|long form)\W*$"
    ),
    # "IP in the par terminology stands for?": where the acronym is used, between it and the verb
    re.compile(r"^\W*[\"“']?([A-Z][A-Z0-9&-]{1,11})[\"”']? (?i:in|within|for) [^?]{2,50}? stands? for\b"),
    re.compile(r"\b(?i:what) (?:does|do|did) [\"“']?([A-Z][A-Z0-9&-]{1,11})[\"”']? (?:mean|abbreviate)\b"),
    re.compile(
        r"\b(?:full form|expansion|long form|meaning|spelled[- ]out form) of (?:the (?:abbreviation|acronym) )?[\"“']?([A-Z][A-Za-z0-9&-]{1,11})\b"
    ),
    re.compile(r"\b(?i:what) is [\"“']?([A-Z][A-Z0-9&-]{1,11})[\"”']? short for\b"),
    re.compile(r"\bwhat (?:abbreviation|acronym)s? ([A-Z][A-Z0-9&-]{1,11}) (?:means|refers)\b"),
    # "FSF - what is it short for", "SNI: what does it stand for?"
    re.compile(
        r"^\W*[\"“']?([A-Z][A-Z0-9&-]{1,11})[\"”']?\s*(?:[-–—:,?]\s*)+(?i:what) (?:is|does|do|are) "
        r"(?:it|this|that|they) (?:short for|stands? for|abbreviate)\b"
    ),
    # "what does the DCL in PKWare DCL mean"
    re.compile(
        r"\b(?i:what) (?:does|do) (?:the )?[\"“']?([A-Z][A-Za-z0-9&-]{1,11})[\"”']? in [^?]{2,60}? (?:mean|stand for)\b"
    ),
    # "KCC?", "AD FS?": an acronym alone, asked about
    re.compile(rf"^[^\w.]*[\"“'`]?{_NOT_A_NAME}([A-Z][A-Z0-9&-]{{1,11}}(?: [A-Z]{{2}})?)[\"”'`]?\s*\?+\s*$"),
    # "EST means what", "GOT = ?", "NSAP meaning in xtrans", "IJG abbreviation": typed as users type in a hurry
    re.compile(
        r"^\W*[\"“']?([A-Z][A-Z0-9&-]{1,11})[\"”']?\s*(?:=\s*\?|(?i:means?|meaning|abbreviation|acronym|initialism|"
        r"full form)(?:\s+(?i:what))?)"
        r"(?:\s+(?i:in|for|of)\s+[^?]{1,40})?\W*$"
    ),
]
# "VNC expansion in the FRR feature matrix": an acronym's long form, unless the capitals are a
# word ("PATH expansion" is the shell's)
_EXPANSION_Q = re.compile(
    r"^\W*[\"“']?([A-Z][A-Z&-]{2,11})[\"”']?\s+(?i:expansion)(?:\s+(?i:in|for)\s+[^?]{1,40})?\W*$"
)


def _expansion_asked(text: str) -> str | None:
    """The capitals a hurried "VNC expansion" asks to spell out; not a word ("PATH expansion" is
    the shell's) nor a name with digits ("PS1 expansion")."""
    from .vocabulary import is_english

    match = _EXPANSION_Q.match(text)
    return match.group(1) if match and not is_english(match.group(1).lower()) else None


# "tsc meaning in the node policy", "des = ?": an acronym typed in lower case, where it is no word
_LOWER_ACRONYM_Q = re.compile(
    r"^\W*[\"“']?([a-z][a-z0-9]{1,5})[\"”']?\s*(?:=\s*\?|means?\b|meaning\b|stands? for\b|abbreviation\b|"
    r"acronym\b|initialism\b|full form\b)"
    r"(?:\s+(?:what|in|for|of)\b[^?]{0,40})?\W*$"
)
_BARE_ACRONYM = re.compile(
    r"^\W*(?i:what) (?:is|are) (?:an? |the )?[\"“']?([A-Z][A-Z0-9&-]{1,11}s?)[\"”']?\s*\?*\s*$"
)
# "ResolutionImpossible?", "gyp-next?": a name alone, asked about (a word of English alone is
# left to the other rules: "Installation?" may ask how)
_BARE_NAME = re.compile(
    rf"^[^\w.]*[`\"“']?{_NOT_A_NAME}((?=[\w.+#-]*(?:[A-Z]\w*[A-Z]|[a-z][A-Z]|[\d_.+#-]))\.?[A-Za-z][\w.+#-]*\w)"
    r"[`\"”']?\s*\?+\s*$"
)
# a word of a bare term: not one that makes the words before "meaning" a clause ("Is FOO
# explained", "In which file is FOO", "require is not")
_TERM_WORD = (
    r"(?!(?:is|are|was|were|be|been|being|has|have|had|do|does|did|can|could|will|would|should|shall|may|"
    r"might|must|not|no|there|already|in|on|at|of|for|with|from|by|to|into|which|what|where|who|when|how|"
    r"why|whose|its|their|my|your|our)\b)[^\s?]+"
)
_DEFINITION = [
    re.compile(r"^\W*(?:what|who) (?:is|are|was|were) (?:an? |the )?(.{1,60}?)\s*\?*\s*$", re.I),
    re.compile(
        r"^\W*(?:define|explain the (?:term|concept|notion) )\s*(?:the term |the concept )?(.{1,60}?)\s*[?.]*\s*$",
        re.I,
    ),
    re.compile(
        r"\bwhat is (?:meant by|the (?:definition|meaning) of) (?:the term |the phrase |an? |the )?(.{1,60}?)\s*\?*\s*$",
        re.I,
    ),
    re.compile(
        r"\bwhat does (?:the term |the word |the phrase )?(.{1,40}?) (?:mean|refer to)"
        r"(?:\s+(?:in|for|within|when|on)\b.{0,60}?)?\s*\?*\s*$",
        re.I,
    ),
    # "what does $< do in csh": where the term lives, after it
    re.compile(
        r"^\W*what does (?:the |an? )?(.{1,50}?) do"
        r"(?:\s+(?:in|within)\s+(?!(?:a|an|the|this|that|these|those|its|response|case|order|idle|practice)\b)"
        r"[\w.+#-]+(?:\s+[\w.+#-]+)?)?\s*\?*\s*$",
        re.I,
    ),
    # "what does private_intra_doc_links catch": what a named check catches is what it is
    re.compile(
        r"^\W*what (?:does|do) (?:the |an? )?([\w:.-]*[_:.][\w:.-]*) (?:catch|detect|check|flag|warn about|report)"
        r"(?:\s+(?:in|for)\b.{0,40}?)?\s*\?*\s*$",
        re.I,
    ),
    # "missing_crate_level_docs meaning", "invalid_html_tags", "cargo::error?": a code name alone
    re.compile(
        r"^\W*[`\"“']?([\w-]*(?:_|::)[\w:-]*)[`\"”']?(?:\s+(?:meaning|means what|mean))?\s*\?*\s*$", re.I
    ),
    _BARE_NAME,
    # "zippyPlay option", "--dry-run flag", "max_size setting": a code name and what kind of
    # thing it is, as a search box asks what it does (a word of English before the class word,
    # "debug option", is left to the other rules)
    re.compile(
        r"^[^\w.-]*[`\"“']?([.-]{1,2}[A-Za-z][\w.-]*\w|(?=[\w.-]*(?:[a-z][A-Z]|[\d_]))[A-Za-z][\w.-]*\w)"
        r"[`\"”']?\s+(?:option|setting|flag|switch|directive|variable|parameter|property|keyword|method|function|command)"
        r"\s*\?*\s*$"
    ),
    # "small-icu meaning", "polymorphism definition", "meaning of tail call": a search box's way of
    # asking what a term is
    re.compile(
        rf"^\W*{_NOT_A_NAME}(?:the )?((?:{_TERM_WORD}\s+){{0,3}}{_TERM_WORD})\s+(?:meaning|definition|explained)"
        # where: "c/s meaning in john the ripper" (a bare word after it may be what is asked:
        # "exit code meaning 127")
        r"(?:\s+(?:in|for|within|on)\s+[^?]{1,60}?)?\s*\?*\s*$",
        re.I,
    ),
    re.compile(r"^\W*(?:meaning|definition) of (?:the term |an? |the )?(.{1,50}?)\s*\?*\s*$", re.I),
    # "what counts as meta-information for an i3bar block": what is taken for X is what X is
    re.compile(
        r"^\W*what (?:counts|qualifies) as (?:an? |the )?(.{1,50}?)"
        r"(?:\s+(?:in|for|within|on|to)\s+[^?]{1,60}?)?\s*\?*\s*$",
        re.I,
    ),
    # "what does the special variable last hold in bc": what a named thing holds is what it is
    re.compile(
        r"^\W*what (?:does|do) (?:the |an? )?(.{1,50}?) (?:hold|contain|store|represent|denote|signify|stand for|mark|indicate)"
        r"(?:\s+(?:in|for|within|when|on)\b.{0,60}?)?\s*\?*\s*$",
        re.I,
    ),
]
# Class words that say what sort of named thing a term is ("the restat setting", "the clip()
# function", "the script field of ..."): one list for the question's subject and the reader's rules
CLASS_NOUNS = (
    r"(?:setting|option|flag|switch|variable|command|function|attribute|keyword|field|parameter|rule|mode|"
    r"directive|statement|binding|tool|feature|element|method|property|value|type|file|format|specifier|macro|"
    r"constant|class|module|program|utility|library|package|filter|member|argument|key|column|lint|check|hook|"
    r"plugin|extension|target|subcommand|crate|trait|struct|enum|decorator|handler|operator|policy|label|tag)"
)
_MEMBER_OF = re.compile(rf"^(\S+\s+{CLASS_NOUNS})\s+of\s+.+$", re.I)
# "order-only deps in ninja": where the term lives, not part of it
_TRAILING_CONTEXT = re.compile(
    r"\s+(?:in|within|inside|for|on|under|when using|with"
    # "the reference ID reported by the tracking command": what shows it, not what it is
    r"|(?:reported|shown|printed|displayed|used|returned|set|given|provided) (?:by|in))"
    # (a rule's "<pre> part", a "*_list file": the signs a manual's names are written with)
    r"\s+(?:an? |the |this |that )?[\w .'’/<>*-]{1,40}$",
    re.I,
)
# "apt when it first appeared in slink": a clause saying when or if, not part of the term
_TRAILING_CLAUSE = re.compile(
    r"\s+(?:when|whenever|while|if|once|after|before|until|since)\s+"
    r"(?:it|they|you|i|we|one|this|that|the|an?|\w+ing)\b.*$",
    re.I,
)
# "the pipeline designed to do", "the organisation about": what X is for is what X is
_PURPOSE_TAIL = re.compile(
    r"\s+(?:(?:trying|meant|supposed|designed|intended|used)\s+to\s+\w+|about|short for|stands? for|"
    # "what is the present extension for", "what is the trivial label used for in pip"
    r"(?:(?:used|meant|needed|good|useful|there)\s+)?for(?:\s+(?:in|within|on|with|under)\s+[\w .'’/-]{1,40})?)$",
    re.I,
)
_CONTRACTION = re.compile(
    r"\b(what|who|where|how|when|which|that|there|it)(?:['’]s|s(?= (?:a|an|the)\b))\b|\b(what|who|where)s(?= )",
    re.I,
)
_CONTRACTION_ARE = re.compile(r"\b(what|who|where|how|when|which)['’]re\b", re.I)
_REASON = re.compile(
    r"^\W*(?:why\b|how come\b|for what (?:reason|purpose)\b)|\bwhat (?:is|was|are|were) the (?:main |key |chief |primary )?"
    r"(?:reasons?|causes?|purposes?|motivations?|rationale|point|goal|aims?)\b|\bwhat (?:causes|caused|led to|leads to|drives|drove)\b"
    # "whats wrong with finding pixels recursively": what is bad about it is why not to
    r"|^\W*what(?:['’]?s|\s+is|\s+are)\s+(?:actually\s+|really\s+|so\s+)?(?:wrong|bad)\s+(?:with|about)\b"
    r"|^\W*what(?:['’]?s|\s+is|\s+are)\s+the\s+(?:main\s+)?(?:problems?|issues?|downsides?|drawbacks?)\s+(?:with|of)\b",
    re.I,
)
_METHOD = re.compile(
    r"^\W*(?:(?:and |so )?how (?!many\b|much\b|long\b|old\b|often\b|far\b|large\b|big\b|fast\b|high\b|low\b|small\b|quickly\b|soon\b)"
    r"|in what (?:way|manner)\b|by what (?:means|method)\b|what (?:steps|is the (?:procedure|process|method|way))\b"
    # "what do i use instead", "what should I run": what to do is how to do it
    r"|what (?:do|should|can|could|must) (?:i|you|we|one) (?:use|do|run|type|pass|write)\b)",
    re.I,
)
# the verbs a command opens on, in a question ("install jsonpath-ng") or in a manual's instruction
COMMAND_VERBS = (
    r"install|uninstall|configure|set up|setup|enable|disable|register|upgrade|run|build|compile|create|"
    r"delete|remove|convert|import|export|load|deploy|migrate|debug|reset|generate|sign|verify|encrypt|decrypt|"
    r"connect|restart|publish|add|use(?! of\b)|change|specify|pass|print|restore|rename|revert|downgrade|"
    r"ignore|"
    # verbs that are as often the first word of a noun ("start date", "undo tree", "stop codon"):
    # only with their object's article or possessive ("save a file", "stop the server")
    r"(?:start|stop|save|undo|exclude|skip|quit|exit)(?=\s+(?:a|an|the|my|your|this|that|all|every|it|them)\b)"
)
# "install jsonpath-ng", "remove a virtualenv": a search-box command asks how to do it
_IMPERATIVE = re.compile(
    rf"^\W*(?:{COMMAND_VERBS})\s+"
    # "build system", "install size of kiln", "load balancing": a noun after the verb names a thing
    r"(?!(?:is|are|was|were|vs|system|systems|script|scripts|time|times|process|step|steps|phase|tool|tools|"
    r"file|files|output|error|errors|option|options|log|logs|order|directory|type|types|case|cases|size|rate|"
    r"format|path|timeout|limit|speed|behaviou?r|key|keys|words?|codes?|status|points?|menu|page|button|list|"
    r"conditions?|signal)\b)(?!\w+ing\b)\S",
    re.I,
)
_QUANTITY = re.compile(
    r"\bhow (?:many|much|long|old|often|far|large|big|fast|high|low|small|quickly|frequently|deep|wide|tall|heavy|"
    r"precise|accurate|slow|thick)\b|\bby how much\b|"
    r"\bwhat (?:is |was |are |were )?(?:the )?(?:percentage|percent|share|proportion|number|amount|size|price|cost|rate|"
    r"figure|total|value|volume|level|limit|maximum|minimum|length|count|population|salary|income|revenue|depth|width|"
    r"height|capacity|duration|frequency|timeout)\b|"
    # "the interval between two polls", not "the interval tree" or "the delay slot"
    r"\bwhat (?:is |was |are |were )?(?:the )?(?:interval|delay|latency|threshold)s?"
    r"(?=\s*(?:$|\?|(?:of|between|for|before|after|is|in|when|used|does|do)\b))|"
    r"\b(?:population|salary|percentage|proportion) of\b|\b\w+['’]s (?:\w+ )?(?:salary|population|income|revenue|budget|"
    r"wage|wages|price|cost|age|height|weight|gdp|turnover|debt|size)\b",
    re.I,
)
# "max PSK length with openssl 1.1.0?", "oldest python version gdb supports", "what range of
# numbers ...": a measure asked by its name, at the head of the question
_MEASURE = re.compile(
    r"^\W*(?:(?:what|which)(?:['’]?s| is| are| was)?\s+)?(?:the\s+)?(?:(?:default|max|maximum|min|minimum|optimal|"
    r"oldest|newest|latest|largest|biggest|greatest|longest|shortest|smallest|highest|lowest|recommended|typical|"
    r"average|usual)\s+)+(?:[\w-]+\s+){0,2}?(?:number|length|size|"
    r"depth|width|height|level|factor|scale|count|limit|timeout|amount|rate|weight|speed|delay|interval|port|"
    r"threshold|version|latency|duration|throughput|overhead)s?\b|^\W*(?:what|which) (?:(?:range|level|number)s? of|numeric|numerical)\b|"
    r"^\W*(?:what|which) (?:tcp |udp |network )?port\b|"  # a number, not a harbour
    # a measure named without a question word: "systemd indent width", "alignment of a packed struct"
    r"^(?!\W*(?:how|why|what|which|who|when|where|can|could|should|do|does|did|is|are|was|were)\b)"
    r"(?:[^?]{0,40}\b(?:width|length|size|depth|height|alignment)\W*$|\W*(?:the\s+)?(?:width|length|size|depth|"
    r"height|alignment|value|range)(?: and (?:width|length|size|depth|height|alignment))? of\b|"
    # "pipe capacity for here-documents in bytes": a measure and the unit the answer is given in
    # (not "print durations in seconds", "list files in columns": how to show them)
    r"(?!\W*(?:print|convert|list|display|show|store|set|get|format|write|read|change|make|put|use|save|log|"
    r"report|measure|express|give|sort|split|count|round)\b)"
    r"[^?]{0,60}\b(?:capacity|size|limit|length|timeout|duration|delay|interval|latency|overhead|usage|memory|"
    r"speed|rate|threshold|buffer|cost|time)\b[^?]{0,30}\bin\s+(?:bytes|bits|[kmgt]i?b|(?:kilo|mega|giga)bytes|"
    r"(?:milli|micro)?seconds|ms|minutes|hours|days|percent|pixels|characters|columns)\W*$)",
    re.I,
)
# "With MKL on a 10-core machine ..., how many MKL threads do I get?": a clause may open on it
_HOW_MANY_CLAUSE = re.compile(r"[,:;]\s*how (?:many|much)\b", re.I)
_DATE = re.compile(
    r"^\W*when\b|\b(?:what|which|in which|in what) (?:year|date|day|month|decade|century|time|period|era)\b|\bsince when\b|"
    r"\bhow long ago\b|\bwhen (?:was|were|did|is|does|do|will|had|has)\b|\b(?:release|publication) date\b|"
    # "spec date?" (not "where does anacron record the date": where it is kept)
    r"^(?!\W*(?:how|why|where|who|can|could|should|do|does|did|is|are|was|were)\b)[^?]*\b(?:date|year)\W*$|"
    r"\bcopyright (?:year|date)\b|^\W*(?:the\s+)?(?:year|date) of\b|"  # "year of the copyright on the spec"
    # "since which version is cargo::error respected", "which release added X", "in which Node.js
    # version was X added": a version, when
    r"\b(?:since|as of|starting (?:with|from)|from|in) (?:which|what) (?:[\w.+-]+ )?(?:version|release)\b|"
    r"^\W*(?:which|what) (?:[\w.+-]+ )?(?:version|release) (?:added|introduced|removed|deprecated|dropped|merged|"
    r"changed|fixed|made|brought|shipped|included|gained)\b",
    re.I,
)
# "When is the cache invalidated?", "when should I call flush()": in the present tense or with a
# modal, "when" asks under what condition or at what point of a process, which a manual answers
# with a clause ("whenever the file changes", "before closing the stream"), not with a date;
# "when is 1.21 coming out" and "when is the epoch" still ask for one
_CONDITION = re.compile(
    # "when exactly in my program should X be called": a moment in a procedure, not a date
    r"^\W*when (?:(?:exactly|precisely|in [\w ]{1,30}?)\s+){0,2}(?:is|are|am|does|do|should|shall|can|could|would|will|"
    r"must|may|might|need|needs)\b",
    re.I,
)
_DATED = re.compile(
    r"\b(?:release[sd]?|releasing|publish\w*|(?:come|coming|came) out|out yet|available|born|founded|launched|"
    r"introduced|deprecated|removed|expir\w*|deadline|due|epoch|year|date|day|month|anniversary|versions?|"
    r"v?\d+(?:\.\d+)+)\b",
    re.I,
)
_PLACE = re.compile(
    r"^\W*where\b|\b(?:in |from |to )?(?:which|what) (?:[\w-]+ ){0,2}?(?:country|city|town|place|region|state|province|location|continent|"
    r"capital|area|site|village|island)\b(?!\s+(?-i:[A-Z]))|\bwhere (?:is|was|are|were|did|does|do)\b",
    re.I,
)
_PERSON = re.compile(
    r"^\W*(?:who|whom|whose)\b|\b(?:which|what) (?:person|people|author|authors|writer|scientist|researcher|president|leader|"
    r"minister|founder|inventor|man|woman|scholar|expert)\b|\bwho (?:wrote|is|was|were|are|did|does|invented|founded|created|"
    r"developed|designed|maintains|proposed)\b",
    re.I,
)
_ORGANISATION = re.compile(
    r"\b(?:which|what) (?:[\w-]+ )?(?:institution|organi[sz]ation|company|university|agency|bank|body|group|committee|firm|ministry|"
    r"institute|school|college|publisher|journal|party|government|department|association|foundation|project|"
    # "which vendors router", "which site's article": who makes or hosts it
    r"(?:vendor|manufacturer|maker)(?:s|'s|’s|s')?\b(?![-/])(?!\s+(?:directory|folder|prefix|path|url|packages?|dir|"
    r"name|id|string|code|field)\b)|(?:web\s?)?site(?:'s|’s)\b)\b|"
    r"\baffiliat\w+\b",
    re.I,
)
_COMPARISON = re.compile(
    r"\bcompare\w*\b|\bdifferences? between\b|\bdiffer\w*\b|\bversus\b|\bvs\.?\b|\b(?:more|less|fewer|better|worse|"
    r"larger|smaller|bigger|higher|lower|faster|slower) than\b|\bwhich (?:is|was|are) (?:the )?(?:more|less|larger|smaller|"
    r"bigger|higher|lower|better|worse|faster|slower|most|least)\b|\bsimilar\w*\b|\bin contrast\b",
    re.I,
)
_LIST = re.compile(
    r"^\W*(?:list|name|enumerate)\b|\bwhat (?:are|were) (?:the |some )?(?:\w+ )?(?:types|kinds|sorts|categories|ways|areas|"
    r"fields|sectors|steps|parts|components|features|examples|factors|elements|forms|stages|options)\b|"
    r"\bwhich (?:two|three|four|five|six|several|(?-i:[A-Z]+ )?(?!(?:does|has|is|was)\b)\w+s)\b(?! of (?:the )?(?:year|time))|\bwhat (?:kinds|types|sorts) of\b"
    # "which installer flavours are there", "isometric tilesets that ship with freeciv",
    # "contracted braille languages included with brltty": things of a kind, which there are
    r"|\b(?:which|what) (?:[\w-]+ ){0,2}[\w-]*[^\Ws]s (?:are|were) there\b"
    r"|^\W*(?!(?:is|are|was|were|do|does|did|can|could|will|would|has|have|had)\b)(?:the )?(?:[\w-]+ ){0,3}"
    r"(?-i:[a-z])[\w-]*[^\Ws]s (?:that |which )?(?:are )?"
    r"(?:included|supported|provided|available|shipped|ship|bundled|built in|come with)\b",
    re.I,
)
# "build breaks with /usr/bin/make on AIX, workaround?": a problem, then what to do about it
_REMEDY = re.compile(
    r"(?:^\W*|[,;:—–-]\s*)(?:any |a |the )?(?:workaround|work-around|fix|solution|remedy|cure)\s*\?+\s*$",
    re.I,
)
_YESNO = re.compile(
    r"^\W*(?:is|are|was|were|do|does|did|can|could|has|have|had|will|would|should|must|may|might|shall)\b",
    re.I,
)


def wordset(text: str) -> frozenset[str]:
    """A word list written as prose-like text, one set (kept compact on purpose)."""
    return frozenset(text.split())


# Class words that name an answer's type rather than its topic: a question's focus on them
# ("what year", "which country") says what to look for, not a word the source must contain.
_GENERIC_FOCUS = wordset(
    """year date day month decade century time period era country countries city town place region
    state province location person people name names thing things way ways kind kinds type types
    sort sorts number amount figure percentage percent share proportion value total part parts one
    ones area areas field fields reason reasons cause causes purpose aim goal example examples
    factor factors item items point points step steps method methods main key first last other
    others size level rate price cost institution institutions organisation organization
    organisations organizations company companies university universities agency body group groups
    firm ministry institute school college publisher journal party government department association
    foundation project author authors writer writers scientist researcher researchers president
    leader minister founder inventor man woman men women scholar expert experts city cities town
    towns location continent site start end beginning middle rest top bottom side lead result
    results effect effects impact role importance basis form case"""
)
_STOP_FOCUS = wordset(
    """the a an this that these those its their his her our your my of in on at to for from by with and
    or is are was were be been do does did has have had can could will would should what which who
    whom whose when where why how about into than as it they he she we you i there here mainly
    mostly most more much many"""
)
_MODIFIERS = wordset(
    """main key total overall exact current big small large good bad whole entire actual official
    average typical real true annual yearly"""
)
_FOCUS_PATTERNS = [
    # "the name of the gas pipeline": the pipeline is what the answer must speak of
    re.compile(r"\bname of (?:the |a |an |this |that )?((?:[a-z-]+ ?){1,3})", re.I),
    # "the population of Canada", "the name of the pipeline", "the salary of ..."
    re.compile(r"\bthe ((?:[a-z-]+ ){0,2}?[a-z-]{3,}) of\b", re.I),
    # "Obama's salary", "the paper's main argument"
    re.compile(r"\b\w+['’]s ((?:[a-z-]+ ){0,2}?[a-z-]{3,})\b"),
    # "how many pipelines", "how much gas"
    re.compile(r"\bhow (?:many|much) ((?:[a-z-]+ ){0,1}[a-z-]{3,})\b", re.I),
    # "how large was the loan"
    re.compile(
        r"\bhow (?:large|big|long|high|old|far) (?:is|was|are|were) (?:the |a |an )?((?:[a-z-]+ ){0,1}[a-z-]{3,})\b",
        re.I,
    ),
    # "which high school", "what kind of reform"
    re.compile(
        r"\b(?:which|what) ((?:[a-z-]+ ){0,2}?[a-z-]{3,}) (?:did|does|do|is|was|are|were|has|have|had|can|will)\b",
        re.I,
    ),
]


# "default timeout for urllib3 requests", "max file size the cli accepts": the measure asked by
# its name is the attribute an answer must speak of
_MEASURE_ATTRIBUTE = re.compile(
    r"^\W*(?:(?:what|which)(?:['’]?s| is| are| was)?\s+)?(?:the\s+)?(?:(?:default|max|maximum|min|minimum|typical|"
    r"average|usual)\s+)+((?:[a-z-]+\s+){0,1}?(?:length|size|depth|width|height|limit|timeout|latency|delay|interval|"
    r"duration|speed|throughput|overhead))s?\b",
    re.I,
)


def _focus(text: str, patterns: list[re.Pattern] | None = None) -> str | None:
    for pattern in _FOCUS_PATTERNS if patterns is None else patterns:
        for match in pattern.finditer(text):
            raw = match.group(1).split()
            if not raw or raw[0][0].isupper():  # "which Central Asian state": a name, not a focus
                continue
            words: list[str] = []
            for word in raw:
                lower = word.lower()
                if word[0].isupper() or lower in _STOP_FOCUS:  # a name or a function word ends it
                    break
                words.append(lower)
            while words and (words[0] in _MODIFIERS or words[0].endswith("est")):
                words = words[1:]
            if not words or any(re.search(r"(?:ly|ed|ing)$", w) for w in words[-1:]):
                continue
            if all(w in _GENERIC_FOCUS or re.fullmatch(_DOC_NOUNS, w) for w in words):
                continue
            return " ".join(words)
    return None


def _sentences(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in split_sentences(text) if text[a:b].strip()]


_QUESTION_OPENER = re.compile(
    r"^\W*(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|can|could|should|would|will|"
    r"has|have|had|list|name|define|explain|describe|summari[sz]e|compare|tell me|give)\b",
    re.I,
)


def split_long(question: str) -> tuple[str, tuple[str, ...]]:
    """A question with context before it, or several questions in one: (context, questions).

    A sentence is a question if it ends with "?" or opens like one; what comes before the
    first such sentence, and any statement between, is context."""
    sentences = _sentences(question)
    if len(sentences) <= 1:
        return "", (question.strip(),)
    asked = [s for s in sentences if s.rstrip().endswith("?") or _QUESTION_OPENER.match(s)]
    if not asked:
        return " ".join(sentences[:-1]), (sentences[-1],)
    context = " ".join(s for s in sentences if s not in asked)
    return context, tuple(asked)


# Words that relate a topic to others rather than name it: "technology cooperation between the
# two regions" is about technology.
_TOPIC_CUT = re.compile(
    r"\b(?:between|among|amongst|with|for|in|within|across|such as|like|including|from|to|meant|trying|supposed|"
    r"designed|intended)\b",
    re.I,
)
_TOPIC_GENERIC = wordset(
    """cooperation collaboration relations relationship relation development situation issue issues
    aspect aspects role question matter sides side countries regions region two both general overall"""
)


# "what the paper concludes", "what it finds": a clause about what the work says, no topic
_SAYS_CLAUSE = re.compile(
    rf"(?:what|how)\s+(?:(?:the|this|that|its|it|they)\s+)?(?:{_DOC_NOUNS}\s+)?(?:\w+\s+)?"
    r"(?:conclude|concludes|concluded|says?|said|finds?|found|argues?|argued|shows?|showed|claims?|proposes?|"
    r"recommends?|suggests?)",
    re.I,
)


def _topic(text: str) -> str | None:
    match = _TOPIC_AFTER.search(text)
    if not match:
        return None
    # a quoted title names the document, not a topic: "what the 'How To Survive …' paper concludes"
    phrase = re.sub(r"(?<!\w)['‘\"“][^'’\"”]{3,80}['’\"”](?!\w)", " ", match.group(1))
    if _SAYS_CLAUSE.fullmatch(phrase.strip()):
        return None  # "a summary of what the paper concludes": what it says, of no one topic
    phrase = _TOPIC_CUT.split(phrase)[0]
    words = [
        w
        for w in (w.strip("'’") for w in re.findall(r"[\w'’-]+", phrase.lower()))
        if w and w not in _STOP_FOCUS and w not in _TOPIC_GENERIC
    ]
    topic = " ".join(words)
    if topic in {"nutshell", "short", "brief", "general", "detail", "summary", "whole", "all", "it"}:
        return None
    if not topic or re.fullmatch(rf"(?:{_DOC_NOUNS}\s*)+", topic) or topic in {"it", "whole", "all"}:
        return None
    return topic


# "CCES or VDSP++, which one ...": not "In Python 3.8 or later, which ..." nor "With pip or conda, what ..."
_CHOICE_FIRST = re.compile(
    r"^\W*(?!(?:in|on|with|for|from|since|at|by|under|sooner|later|more|less)\b)\S+(?: \S+){0,2} or "
    r"(?!(?:later|newer|earlier|older|more|less|so|not|above|below|higher|lower)\b)\S+(?: \S+){0,2}?"
    r"\s*[,:;–-]+\s*(?:which|what)\b",
    re.I,
)
_CHOICE = re.compile(r"\b\w+(?: \w+){0,3},? or (?:the )?\w+(?: \w+){0,3}\s*\?\s*$", re.I)


# "When a request hits a directory, how does the server find ...": the when-clause sets the scene
# and the question after its comma asks
_WHEN_CLAUSE = re.compile(
    r"^\W*when(?:ever)?\s+(?!(?:was|were|is|are|did|does|do|will|would|should|can|could|has|have|had)\b)"
    r"[^?,]{3,}?,\s*(?=(?:how|what|which|why|who|where|is|are|can|could|does|do|should|will)\b)",
    re.I,
)


def classify(text: str) -> str:
    """The expected answer type of one question sentence. The wh-phrase that decides it sits
    at the head of the question ("How much ...", "In which year ..."), so the answer-type
    patterns look there only: "Which country realised how much energy matters?" asks for a place."""
    if (situation := _WHEN_CLAUSE.match(text)) is not None:
        return classify(text[situation.end() :])  # "When X happens, how does ...": how asks
    head = " ".join(text.split()[:6])
    if any(p.search(text) for p in _OVERVIEW):
        return "overview"
    if re.match(r"^\W*(?:who|which|what)\b", text, re.I) and _CHOICE.search(text):
        return "comparison"  # "Who is further ahead, A or B?" asks to choose, not for a name
    if (
        any(p.search(text) for p in _ACRONYM_Q)
        or _BARE_ACRONYM.match(text)
        or _lower_acronym(text)
        or _expansion_asked(text)
    ):
        return "acronym"
    if _REASON.search(text):
        return "reason"
    if _QUANTITY.search(head) or _MEASURE.search(text) or _HOW_MANY_CLAUSE.search(text):
        return "quantity"
    if _DATE.search(head):
        return "condition" if _CONDITION.search(text) and not _DATED.search(text) else "date"
    if _ORGANISATION.search(head):
        return "organisation"
    if _PERSON.search(head) and (
        not re.match(r"^\W*who (?:is|are|was|were) (?:an? |the )?[a-z]", text) or _MAKER.match(text)
    ):
        return "person"
    if _PLACE.search(head):
        return "place"
    if _COMPARISON.search(text) and not (_YESNO.match(text) and not _CHOICE.search(text)):
        return "comparison"
    if (
        _subject(text)
        and (len(text.split()) <= 9 or len((_subject(text) or "").split()) <= 3)
        and not re.search(r"['’]s\b|\b(?:of|for|in|on|at|by|from|with)\b", _subject(text) or "")
    ):
        return "definition"
    if _METHOD.search(text) or _REMEDY.search(text) or _IMPERATIVE.match(text):
        return "method"
    if _LIST.search(text):
        return "list"
    if _YESNO.match(text):
        return "yesno"
    return "other"


# "Who is the author of X?" asks for a person, as "Who wrote X?" does (unlike "Who is a member ...?");
# so do "who is the current chair of the TSC", "who was the release manager for GCC 12", "who is
# mpmath's main author", "who are the members of the next-10 team" and "who is on the V8 team"
_MAKER = re.compile(
    r"^\W*who (?:is|are|was|were) (?:(?:the |an? )?(?:[\w.-]+['’]s )?(?:(?:main|original|current|lead|new|first|"
    r"release|project|chief|principal|present|former) )*(?:author|writer|creator|maintainer|developer|founder|"
    r"inventor|designer|editor|owner|publisher|chair|chairman|chairwoman|chairperson|president|director|leader|"
    r"lead|head|manager|sponsor)s?\b|the members\b|(?:on|in) the (?:[\w@/.-]+ ){0,3}(?:team|committee|board)\b)",
    re.I,
)


def _lower_acronym(text: str) -> str | None:
    """An acronym typed in lower case in a bare "X = ?" or "X meaning" question: no English word."""
    from .vocabulary import is_english

    match = _LOWER_ACRONYM_Q.match(text)
    return match.group(1) if match and not is_english(match.group(1)) else None


def _acronym(text: str) -> str | None:
    for pattern in _ACRONYM_Q:
        match = pattern.search(text)
        if match:
            return match.group(1)
    if lower := _lower_acronym(text):
        return lower
    if expanded := _expansion_asked(text):
        return expanded
    match = _BARE_ACRONYM.match(text)
    if match:
        word = match.group(1)
        return word[:-1] if word.endswith("s") and word[:-1].isupper() else word
    return None


def _english_compound(name: str) -> bool:
    """A hyphenated run of English words ("e-mail", "T-shirt"), not a name."""
    from .vocabulary import is_english

    parts = [p for p in re.split(r"[-.]", name) if p]
    return "-" in name and all(p.isalpha() and (len(p) <= 2 or is_english(p.lower())) for p in parts)


_SECOND_QUESTION = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?=(?:what|how|why|where|when|who|which|is|are|does|do|can|should)\s)"
)  # in lower case: "the How and Why section" is a name


def _subject(text: str) -> str | None:
    for pattern in _DEFINITION:
        match = pattern.search(text)
        if match:
            subject = match.group(1).strip(" \"“”'?.")
            # "what is cfitsio and what does it do": a second question joined on is no part of the term
            if not re.search(r"[\"“”'‘’]", match.group(1)):  # a quoted name is kept whole
                subject = _SECOND_QUESTION.split(subject, maxsplit=1)[0].strip(" ?.,")
            if not re.search(r"[\"“”'‘’]", match.group(1)):  # "What is 'Run once a day'?": kept whole
                subject = _TRAILING_CLAUSE.sub("", subject) or subject
            bare = _TRAILING_CONTEXT.sub("", _PURPOSE_TAIL.sub("", subject))
            # (a capital or a sign alone is a name too: "meaning of K in the <pre> part of a rule")
            subject = bare if len(bare) >= 2 or re.fullmatch(r"[A-Z%$@#&*^~]", bare) else subject
            subject = re.sub(r"^(?:an?|the)\s+", "", subject, flags=re.I)
            subject = _MEMBER_OF.sub(r"\1", subject)  # "script field of a Language object": "script field"
            # "the City Governor (CMA)": the name, without its short form in brackets
            subject = re.sub(r"(?<=\w)\s*\(\s*[A-Z][A-Za-z0-9]{1,9}\s*\)$", "", subject)
            if subject.lower() in {"it", "this", "that", "they", "these", "those"}:
                return None  # "what does it mean when ...": a situation, not a term
            if pattern is _BARE_NAME and _english_compound(subject):
                return None  # "e-mail?", "re-run?": words, not a name
            return subject or None
    return None


def _measure_attribute(text: str, kind: str) -> str | None:
    match = _MEASURE_ATTRIBUTE.search(text) if kind == "quantity" else None
    return match.group(1).lower() if match else None


def expand_contractions(question: str) -> str:
    """ "what's a phony rule" asks what "what is a phony rule" asks."""
    question = _CONTRACTION.sub(lambda m: (m.group(1) or m.group(2)) + " is", question)
    return _CONTRACTION_ARE.sub(lambda m: m.group(1) + " are", question)


# "When creating a lint with --type, what exactly is a type?", "when version sorting how are
# two chunks compared": a leading clause sets the scene; the question after it says what is asked
_LEADING_CLAUSE = re.compile(
    r"^\W*(?:when|if|while|once|after|before)\b"
    r"(?!\s+(?:is|are|was|were|do|does|did|will|can|could|should|would|has|have|had)\b)"
    r"(?:[^,?]{3,80},\s*|[^,?]{3,60}?\s+)"
    r"(?=(?:what|which|who|whom|whose|where|why|how)\b)",
    re.I,
)


# "build script output not showing, how do i see it": a statement of the situation, then the
# question, as users type a problem report
_LEADING_STATEMENT = re.compile(
    r"^(?!\W*(?:what|which|who|whom|whose|where|why|how|when|is|are|was|were|do|does|did|can|could|should|"
    r"would|will|has|have|had|in a nutshell|in short|briefly)\b)(?![^?,;]*\b(?:vs\.?|versus)\s)[^?,;]{8,120}?(?:,|;|\s[-–—])\s*(?=(?:what|which|who|where|why|how)\b)",
    re.I,
)


# "With cryptsetup-suspend installed, are the keys wiped ...": a phrase setting the scene, then a
# question asking whether
_LEADING_PHRASE = re.compile(
    # (not a question's own phrase moved first: "In which release, was it added?")
    r"^\W*(?:with|without|for|in|on|using|under|during|given|once|after|before)\b"
    r"(?:(?!\b(?:which|what|whose|who|whom|where|when|why|how)\b)[^,?]){3,80},\s*"
    r"(?=(?:is|are|was|were|do|does|did|can|could|should|will|would|has|have)\b)",
    re.I,
)


def main_clause(text: str) -> str:
    """A question without a leading when/if clause, scene-setting phrase or statement of the
    situation, which are no part of what it asks for."""
    return _LEADING_STATEMENT.sub("", _LEADING_CLAUSE.sub("", _LEADING_PHRASE.sub("", text)))


# "what exactly is lp_solve?", "what usually causes ...": a hedge asks what the plain question asks
_HEDGE = re.compile(
    r"^(\W*(?:what|who|which|how|why|where|when)\s+)"
    r"(?:exactly|actually|really|precisely|usually|typically|normally|generally|commonly)\s+(?!(?:many|much)\b)",
    re.I,
)
# (not the word asked about: "what is the opposite of really?")
_TRAILING_HEDGE = re.compile(
    r"(?<!\bof)(?<!\bby)(?<!\bfor)(?<!\bto)(?<!\babout),?\s+(?:exactly|actually|really|precisely)(?=\s*\?*\s*$)",
    re.I,
)
# "semistandard - what is it", "passdev keyscript what does it do", "lp_solve: what is it for?":
# the term first, as typed into a search box, then the question with a pronoun in its place
_TERM_THEN_QUESTION = re.compile(
    r"^\W*(?P<term>[\w$%@.\\/\"“”'`-]+(?:\s+[\w$%@.\\/\"“”'`-]+){0,4}?"
    # a code name with where it lives: "_dpt entry in a _list file, what is it for"
    r"|(?=[_$%@.-]?[A-Za-z]*[_$%@.\d])[\w$%@.-]+\s+(?:[\w$%@.\\/*<>-]+\s+){0,5}?[\w$%@.\\/*<>-]+)"
    r"\s*(?:[,;:]|\s[-–—])?\s+"
    r"(?P<wh>(?:what|who)\s+(?:is|are|was|were)|what\s+(?:does|do))\s+(?:it|they|this|that)\b"
    # only what it is, does or means: "WARNING: what does this mean for my disk?" asks of a situation
    r"(?P<rest>(?:\s+(?:do|mean|for|used for))?)\s*\?*\s*$",
    re.I,
)


# a question that opens with one of these is no term followed by a question
_QUESTION_WORDS = wordset(
    "what which who whom whose where why how when is are was were does do did can could should would will"
)


# words of a statement of a situation, which a term is not
_SITUATION_WORDS = wordset(
    "i me my we our you your not no cannot can't won't doesn't don't isn't is are was were has have had "
    # fillers and conjunctions, which open a remark or a condition: "so what is it", "if it fails ..."
    "so ok okay and but or then if when after before while once please help hi hey hello thanks yes well "
    "now also just"
)


def plainly_asked(question: str) -> str:
    """The question as a plain wh-question: without a hedge, with the term it asks about where
    a pronoun stood for it. Decides the answer type and the term; the question keeps its words."""
    question = _TRAILING_HEDGE.sub("", _HEDGE.sub(r"\1", question))
    typed = _TERM_THEN_QUESTION.match(question)
    if typed is None or typed.group("term").lower().split()[0] in _QUESTION_WORDS:
        return question
    if _SITUATION_WORDS & set(re.findall(r"[\w']+", typed.group("term").lower())):
        return question  # "my build fails, what is it": a situation, not a term
    return f"{typed.group('wh')} {typed.group('term')}{typed.group('rest')}?"


# a run of capitals too long to be initials: a setting or constant ("COPYNEWDB", "MAILTOADDR")
_SETTING_NAME = re.compile(r"[A-Z]{9,}")
_EXPANSION_WORDS = re.compile(
    r"\b(?:stands?|short|abbreviat\w*|acronym|initialism|expan\w*|full form|long form|spelled)\b", re.I
)


def analyse(question: str) -> Question:
    """The expected answer type, focus and parts of a question."""
    context, parts = split_long(expand_contractions(question))
    asked = " ".join(parts)
    kind = classify(main_clause(plainly_asked(parts[-1])))
    if kind == "other" and _CHOICE_FIRST.match(parts[-1]):
        kind = "comparison"  # "CCES or VDSP++, which one does cmake pick": the two, then the choice
    if len(parts) > 1:
        kinds = {classify(main_clause(p)) for p in parts}
        if "overview" in kinds:
            kind = "overview"
    acronym = _acronym(asked) if kind == "acronym" else None
    if acronym and _SETTING_NAME.fullmatch(acronym) and not _EXPANSION_WORDS.search(asked):
        kind, acronym = "definition", None  # "what is COPYNEWDB": a setting's name, not initials
    return Question(
        text=asked,
        kind=kind,
        focus=None if kind in {"overview", "acronym", "definition"} else _focus(asked),
        attribute=None
        if kind in {"overview", "acronym", "definition"}
        else _focus(asked, _FOCUS_PATTERNS[:3]) or _measure_attribute(asked, kind),
        acronym=acronym,
        topic=_topic(asked) if kind == "overview" else None,
        subject=_subject(main_clause(plainly_asked(asked))) if kind in {"definition", "acronym"} else None,
        context=context,
        parts=parts,
    )
