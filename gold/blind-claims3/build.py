"""Builds claims.jsonl and checks it (run from /work/main with .venv/bin/python).

Checks: every supported/contradicted claim's evidence sentences occur verbatim in the extracted
text of its document (silkqa.documents.load_document, the only silkqa code used); every not_found
claim's key terms are searched case-insensitively in all nine extracted texts and the hits are
printed; ids are unique; 54 rows, six per document, two of each verdict per document; the written
file re-parses. Prints the README tables (evidence and not_found checks) to stdout.
"""

import collections
import json
import sys
from pathlib import Path

from silkqa.documents import load_document

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"

S, C, N = "supported", "contradicted", "not_found"

# (id, doc, verdict, kind, claim, evidence sentences or not_found search terms)
ROWS = [
    # quilt.html
    (
        "w01",
        "quilt.html",
        S,
        "paraphrase",
        "Before quilt applies a patch, it saves copies of every file that patch touches under the .pc directory.",
        [
            "Before a patch is applied (or \u201cpushed on the stack\u201d), copies of all files the patch modifies are saved to the .pc/patch directory"
        ],
    ),
    (
        "w02",
        "quilt.html",
        S,
        "order",
        "When bringing your patches onto a newer upstream version, you should first pop all of them and only then update the code.",
        [
            "Before merging, make sure to pop all your patches using quilt pop -a.",
            "Then, update your codebase.",
        ],
    ),
    (
        "w03",
        "quilt.html",
        C,
        "negation",
        "Quilt automatically applies a patch even when it produces rejects.",
        ["Quilt does not automatically apply patches that have rejects."],
    ),
    (
        "w04",
        "quilt.html",
        C,
        "number",
        "By default quilt assumes that patches are applied with a strip level of zero.",
        [
            "Quilt assumes that patches are applied with a strip level of one (the -p1 option of GNU patch) by default: the topmost directory level of file names in patches is stripped off."
        ],
    ),
    (
        "w05",
        "quilt.html",
        N,
        "absent",
        "The quilt mail command can send a whole patch series by e-mail.",
        ["quilt mail", "mail command", "email", "e-mail", "send"],
    ),
    (
        "w06",
        "quilt.html",
        N,
        "absent",
        "The quilt annotate command shows which patch last changed each line of a file.",
        ["annotate", "blame", "each line"],
    ),
    # mc-FAQ.txt
    (
        "w07",
        "mc-FAQ.txt",
        S,
        "number",
        "Building Midnight Commander requires glib version 2.30 or newer.",
        ["To compile any edition you need to have glib >= 2.30  installed."],
    ),
    (
        "w08",
        "mc-FAQ.txt",
        S,
        "conditional",
        "With old_esc_mode switched on, ESC only acts as a prefix if another key is pressed within half a second.",
        [
            "The old_esc_mode setting makes ESC work as a prefix only if another key is pressed within 0.5 seconds."
        ],
    ),
    (
        "w09",
        "mc-FAQ.txt",
        C,
        "negation",
        "Midnight Commander works with common web proxies such as Squid for its ftp connections.",
        ["Common WWW proxies (like Squid) are not supported."],
    ),
    (
        "w10",
        "mc-FAQ.txt",
        C,
        "fact",
        "Midnight Commander was started by Janne Kukonlehto, who also maintains the package.",
        ["Midnight Commander was started by Miguel de Icaza and he is the maintainer of the package."],
    ),
    (
        "w11",
        "mc-FAQ.txt",
        N,
        "absent",
        "Midnight Commander can open remote directories over SFTP.",
        ["sftp", "ssh", "fish", "sftpfs"],
    ),
    (
        "w12",
        "mc-FAQ.txt",
        N,
        "absent",
        "Midnight Commander lets you change its look by choosing a different skin.",
        ["skin", "theme", "appearance"],
    ),
    # nodemon-README.md
    (
        "w13",
        "nodemon-README.md",
        S,
        "paraphrase",
        "You can force nodemon to restart your app by typing rs and pressing Enter, without stopping nodemon.",
        [
            "Whilst nodemon is running, if you need to manually restart your application, instead of stopping and restart nodemon, you can type rs with a carriage return, and nodemon will restart your process."
        ],
    ),
    (
        "w14",
        "nodemon-README.md",
        S,
        "conditional",
        "A delay set in nodemon.json is always read as a number of milliseconds.",
        [
            "If you are setting this value in nodemon.json, the value will always be interpreted in milliseconds."
        ],
    ),
    (
        "w15",
        "nodemon-README.md",
        C,
        "order",
        "Settings in a nodemon config file take precedence over arguments given on the command line.",
        [
            "The specificity is as follows, so that a command line argument will always override the config file settings:"
        ],
    ),
    (
        "w16",
        "nodemon-README.md",
        C,
        "number",
        "nodemon waits five seconds before checking for new file changes.",
        ["The timeout before checking for new file changes is 1 second."],
    ),
    (
        "w17",
        "nodemon-README.md",
        N,
        "absent",
        "nodemon needs Node.js version 10 or later to run.",
        ["version 10", ">=10", "node 10", "engines", "requires node", "node.js version"],
    ),
    (
        "w18",
        "nodemon-README.md",
        N,
        "absent",
        "nodemon can also read its settings from a YAML file called .nodemonrc.",
        ["yaml", "yml", "nodemonrc"],
    ),
    # code_hilite.md
    (
        "w19",
        "code_hilite.md",
        S,
        "conditional",
        "If a code block starts with a line of colons naming the language, CodeHilite drops that line and does not show line numbers.",
        [
            "If the first line begins with three or more colons, the text following the colons identifies the language.",
            "The first line is removed from the code block before processing and line numbers are not used.",
        ],
    ),
    (
        "w20",
        "code_hilite.md",
        S,
        "paraphrase",
        "CodeHilite is only being maintained now: bugs will be fixed, but it will not get new features.",
        [
            "This extension is in maintenance mode.",
            "We will continue to fix bugs and keep it up-to-date with the core parser, but no new features or changes in behavior will be made.",
        ],
    ),
    (
        "w21",
        "code_hilite.md",
        C,
        "fact",
        "By default CodeHilite gives the wrapper div the CSS class highlight.",
        [
            "css_class{ #css_class }: An alias to Pygments cssclass formatter option.",
            "Set CSS class name for the wrapper <div> tag. Defaults to codehilite.",
        ],
    ),
    (
        "w22",
        "code_hilite.md",
        C,
        "negation",
        "Without Pygments installed, CodeHilite does not produce any HTML output.",
        [
            "The CodeHilite extension will produce HTML output without Pygments, but it won't highlight anything (same behavior as setting use_pygments to False)."
        ],
    ),
    (
        "w23",
        "code_hilite.md",
        N,
        "absent",
        "CodeHilite first became part of Python-Markdown in version 2.0.",
        ["2.0", "first appeared", "introduced", "added in", "since version"],
    ),
    (
        "w24",
        "code_hilite.md",
        N,
        "absent",
        "Turning on CodeHilite makes Markdown rendering noticeably slower.",
        ["slow", "fast", "speed", "performance"],
    ),
    # talloc_guide.txt
    (
        "w25",
        "talloc_guide.txt",
        S,
        "comparative",
        "In Samba's own benchmark, talloc came out roughly 4 percent slower than plain malloc.",
        [
            "We have a simple performance test in Samba4 that measures talloc() versus malloc() performance, and it seems that talloc() is about 4% slower than malloc() on my x86 Debian Linux box."
        ],
    ),
    (
        "w26",
        "talloc_guide.txt",
        S,
        "fact",
        "A talloc pointer can carry only a single destructor.",
        ["You can only place one destructor on a pointer."],
    ),
    (
        "w27",
        "talloc_guide.txt",
        C,
        "negation",
        "talloc_steal() can fail and report an error when it cannot move the pointer.",
        [
            "The talloc_steal() function returns the pointer that you pass it. It does not have any failure modes."
        ],
    ),
    (
        "w28",
        "talloc_guide.txt",
        C,
        "conditional",
        "Since talloc 2.0, calling talloc_free() on a pointer with several parents removes its most recently added parent.",
        [
            "From version 2.0 and onwards, as a special case, talloc_free() is refused on pointers that have more than one parent associated, as talloc would have no way of knowing which parent should be removed."
        ],
    ),
    (
        "w29",
        "talloc_guide.txt",
        N,
        "absent",
        "talloc is released under the GNU Lesser General Public License version 3.",
        ["lgpl", "lesser", "licen", "gpl", "copyright"],
    ),
    (
        "w30",
        "talloc_guide.txt",
        N,
        "absent",
        "talloc works together with valgrind to catch memory errors.",
        ["valgrind", "memcheck"],
    ),
    # transaction-iso.html
    (
        "w31",
        "transaction-iso.html",
        S,
        "fact",
        "Unless you ask for another level, PostgreSQL runs transactions at Read Committed.",
        ["Read Committed is the default isolation level in PostgreSQL."],
    ),
    (
        "w32",
        "transaction-iso.html",
        S,
        "paraphrase",
        "Asking PostgreSQL for Read Uncommitted gives you the same behaviour as Read Committed.",
        [
            "In PostgreSQL, you can request any of the four standard transaction isolation levels, but internally only three distinct isolation levels are implemented, i.e., PostgreSQL's Read Uncommitted mode behaves like Read Committed."
        ],
    ),
    (
        "w33",
        "transaction-iso.html",
        C,
        "number",
        "PostgreSQL reports serialization failures with the SQLSTATE code 40P01.",
        [
            "It is important that an environment which uses this technique have a generalized way of handling serialization failures (which always return with an SQLSTATE value of '40001'), because it will be very hard to predict exactly which transactions might contribute to the read/write dependencies and need to be rolled back to prevent serialization anomalies."
        ],
    ),
    (
        "w34",
        "transaction-iso.html",
        C,
        "negation",
        "The predicate locks taken by Serializable transactions in PostgreSQL can block other sessions and lead to deadlocks.",
        [
            "In PostgreSQL these locks do not cause any blocking and therefore can not play any part in causing a deadlock."
        ],
    ),
    (
        "w35",
        "transaction-iso.html",
        N,
        "absent",
        "The server-wide default isolation level can be changed with the default_transaction_isolation setting.",
        ["default_transaction_isolation", "postgresql.conf", "server-wide", "alter system"],
    ),
    (
        "w36",
        "transaction-iso.html",
        N,
        "absent",
        "MySQL's InnoDB engine uses Repeatable Read as its default isolation level.",
        ["mysql", "innodb", "oracle"],
    ),
    # graphicsmagick-FAQ.html
    (
        "w37",
        "graphicsmagick-FAQ.html",
        S,
        "number",
        "On FreeBSD a full GraphicsMagick install depends on 36 libraries, against 64 for ImageMagick.",
        [
            "For example, on the FreeBSD operating system, a fully-featured install of GraphicsMagick depends on 36 libraries whereas ImageMagick requires 64."
        ],
    ),
    (
        "w38",
        "graphicsmagick-FAQ.html",
        S,
        "evaluative",
        "The GraphicsMagick FAQ sees stand-alone GPUs as a poor design and expects multi-core CPUs to win in the end.",
        [
            "It is my belief that stand-alone GPUs are a poor design (expensive, inefficient, failure-prone, bandwidth bottlenecked, lack functionality, are insecure, and are not supported in servers) and that multi-core CPUs will ultimately prevail."
        ],
    ),
    (
        "w39",
        "graphicsmagick-FAQ.html",
        C,
        "negation",
        "GraphicsMagick regularly merges new code from ImageMagick Studio's ImageMagick.",
        ["GraphicsMagick never picks up new code from ImageMagick as distributed by ImageMagick Studio LLC."],
    ),
    (
        "w40",
        "graphicsmagick-FAQ.html",
        C,
        "number",
        "GraphicsMagick's default PostScript page size is 595x842.",
        ["The default dimensions of a PostScript page is 612x792."],
    ),
    (
        "w41",
        "graphicsmagick-FAQ.html",
        N,
        "absent",
        "GraphicsMagick can read and write WebP images.",
        ["webp", "avif", "heic"],
    ),
    (
        "w42",
        "graphicsmagick-FAQ.html",
        N,
        "absent",
        "Bob Friesenhahn is the lead developer of GraphicsMagick.",
        ["friesenhahn", "bob", "lead developer", "maintainer"],
    ),
    # mustache-README.md
    (
        "w43",
        "mustache-README.md",
        S,
        "paraphrase",
        "mustache.js escapes HTML in variables unless you write them with triple braces.",
        [
            "All variables are HTML-escaped by default.",
            "If you want to render unescaped HTML, use the triple mustache: {{{name}}}.",
        ],
    ),
    (
        "w44",
        "mustache-README.md",
        S,
        "main-item",
        "Mustache is called logic-less because its templates have no if statements, else clauses or for loops.",
        ['We call it "logic-less" because there are no if statements, else clauses, or for loops.'],
    ),
    (
        "w45",
        "mustache-README.md",
        C,
        "negation",
        "Custom delimiters in mustache.js are allowed to contain whitespace.",
        ["Custom delimiters may not contain whitespace or the equals sign."],
    ),
    (
        "w46",
        "mustache-README.md",
        C,
        "conditional",
        "If a section's key has the value 0, mustache.js still renders the section's block once.",
        [
            "If the person key does not exist, or exists and has a value of null, undefined, false, 0, or NaN, or is an empty string or an empty list, the block will not be rendered."
        ],
    ),
    (
        "w47",
        "mustache-README.md",
        N,
        "absent",
        "mustache.js renders templates faster than Handlebars does.",
        ["handlebars", "faster", "benchmark"],
    ),
    (
        "w48",
        "mustache-README.md",
        N,
        "absent",
        "The first version of mustache.js was released in 2009.",
        ["2009", "first version", "released", "first release"],
    ),
    # ppp-FAQ.txt
    (
        "w49",
        "ppp-FAQ.txt",
        S,
        "fact",
        "pppd itself puts the local serial port into 8-bit, no-parity, one-stop-bit mode, so no stty command is needed beforehand.",
        [
            "Note that pppd always sets the local serial port to 8 bits per character, with no parity and 1 stop bit.",
            "So you shouldn't need to issue an stty command before invoking pppd.",
        ],
    ),
    (
        "w50",
        "ppp-FAQ.txt",
        S,
        "comparative",
        "Unlike PAP, CHAP never sends the shared secret over the link in clear text.",
        [
            'With this protocol, the "client" (the machine that needs to authenticate itself) sends its name and a password, in clear text, to the "server".',
            "Like PAP, it is based on the client and server having a shared secret, but the secret is never passed in clear text over the link.",
        ],
    ),
    (
        "w51",
        "ppp-FAQ.txt",
        C,
        "number",
        "BSD-Compress in PPP allows a code size of at most 12 bits.",
        [
            "With BSD-Compress you can use a code size of up to 15 bits and get much better compression, or you can use Deflate and get even better compression ratios."
        ],
    ),
    (
        "w52",
        "ppp-FAQ.txt",
        C,
        "conditional",
        "pppd insists that peers authenticate themselves only on machines that have no default route.",
        [
            "When pppd is used on a machine which already has a connection to the Internet (or to be more precise, one which has a default route in its routing table), it will require all peers to authenticate themselves.",
            "On machines which don't have a default route, pppd does not require the peer to authenticate itself.",
        ],
    ),
    (
        "w53",
        "ppp-FAQ.txt",
        N,
        "absent",
        "pppd can also run PPP over Ethernet for DSL connections.",
        ["pppoe", "dsl", "over ethernet", "rp-pppoe"],
    ),
    (
        "w54",
        "ppp-FAQ.txt",
        N,
        "absent",
        "The lcp-echo-interval option lets pppd notice a dead link by sending LCP echo requests.",
        ["lcp-echo", "echo-interval", "echo request", "echo-request", "keepalive"],
    ),
]


def main():
    texts = {p.name: load_document(p, p.name).text for p in sorted(CORPUS.iterdir())}
    assert len(texts) == 9, sorted(texts)
    ok = True
    ids = [r[0] for r in ROWS]
    if len(ids) != len(set(ids)) or len(ROWS) != 54:
        print("BAD ids/count", len(ROWS), [i for i, n in collections.Counter(ids).items() if n > 1])
        ok = False
    per_doc = collections.Counter((r[1], r[2]) for r in ROWS)
    for doc in texts:
        for v in (S, C, N):
            if per_doc[(doc, v)] != 2:
                print("BAD per-doc count", doc, v, per_doc[(doc, v)])
                ok = False
    evidence_md, nf_md = [], []
    for rid, doc, verdict, _kind, _claim, extra in ROWS:
        if doc not in texts:
            print("BAD doc", rid, doc)
            ok = False
            continue
        if verdict in (S, C):
            for q in extra:
                n = texts[doc].count(q)
                if n < 1:
                    print("MISSING evidence", rid, repr(q))
                    ok = False
                elif n > 1:
                    print("note: evidence occurs", n, "times", rid, repr(q))
                evidence_md.append(f"| {rid} | {verdict} | `{doc}` | {q.replace('|', chr(92) + '|')} |")
        else:
            hits = []
            for term in extra:
                where = [
                    f"{d} ({t.lower().count(term.lower())})"
                    for d, t in texts.items()
                    if term.lower() in t.lower()
                ]
                if doc in [w.split(" (")[0] for w in where]:
                    print("NOT_FOUND term occurs in own document", rid, term, where)
                    ok = False
                hits.append(f'"{term}": ' + (", ".join(where) if where else "none"))
            nf_md.append(f"| {rid} | `{doc}` | {'; '.join(hits)} |")
    out = HERE / "claims.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for rid, doc, verdict, kind, claim, _ in ROWS:
            f.write(
                json.dumps(
                    {"id": rid, "claim": claim, "verdict": verdict, "kind": kind, "doc_id": doc},
                    ensure_ascii=False,
                )
                + "\n"
            )
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 54 and len({r["id"] for r in rows}) == 54
    assert all(set(r) == {"id", "claim", "verdict", "kind", "doc_id"} for r in rows)
    print("verdicts", dict(collections.Counter(r["verdict"] for r in rows)))
    print("kinds", dict(collections.Counter(r["kind"] for r in rows)))
    for v in (S, C, N):
        print(v, dict(collections.Counter(r["kind"] for r in rows if r["verdict"] == v)))
    print("\n".join(evidence_md))
    print()
    print("\n".join(nf_md))
    print("ALL OK" if ok else "PROBLEMS")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
