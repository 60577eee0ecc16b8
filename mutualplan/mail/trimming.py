"""Keep only the freshly written part of a plain-text email reply.

The approach follows discourse's ``email_reply_trimmer`` Ruby gem (MIT licence,
https://github.com/discourse/email_reply_trimmer): every line is classified into a
one-letter kind, the kinds are joined into a *pattern* string (``"tteebqqq"``) and
regular expressions over that pattern decide which lines survive.  This module is an
independent Python implementation of that idea; the line classifiers recognise
what mail clients write in each language (``client_lines``: "On <date>, <someone> wrote:"
markers, forwarded/original message banners, Outlook-style ``From:/Sent:/To:/Subject:``
header blocks, phone and app signatures), ``>`` quotes and ``--`` style delimiters; a legal
footer below the reply (``footers``) is cut with all after it.

Reading takes time linear in the body: the rules over the pattern string run on RE2, which never
backtracks (the same rules on Python's engine took minutes on a few thousand lines of hostile
input); each line classifier sees at most one line, or a window of a few short ones; and a body of
more than a few thousand lines is read by its first and last lines only (``_HEAD``, ``_TAIL``: the
fresh text of a reply is above or below its quoted history, never in the middle of thousands of
lines).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

import re2

from mutualplan.mail.client_lines import (
    APP_SIGNATURE,
    BLANK,
    EMAIL_HEADERS,
    EMBEDDED_MARKERS,
    FLATTENED_QUOTE,
    MARKDOWN_LINK,
    WRAPPABLE_MARKERS,
)
from mutualplan.mail.footers import is_external_warning, opens_legal_footer

__all__ = ["fresh_text"]

# Line kinds: each line of the body becomes exactly one of these letters.
DELIMITER: Final = "d"
EMBEDDED: Final = "b"  # start of an embedded (quoted or forwarded) email
EMPTY: Final = "e"
HEADER: Final = "h"
QUOTE: Final = "q"
SIGNATURE: Final = "s"
TEXT: Final = "t"

# Lines longer than this are never treated as markers, headers or signatures: real ones
# are short, and it bounds the cost of the backtracking-prone marker regexes.
_MAX_MARKER_LINE: Final = 600
# A wrapped "On ... wrote:" marker is re-joined only when it spans at most this many
# line breaks; anything longer is more likely prose that happens to contain the words.
_MAX_MARKER_BREAKS: Final = 4
# ... and at most this many characters: the marker rules take time in the window's length for each
# place in its first line where they could start.
_MAX_MARKER_WINDOW: Final = 1_000

_DELIMITER: Final = re.compile(rf"^[{BLANK}]*[-_,=+~#*ᐧ—]+[{BLANK}]*$")
_QUOTE: Final = re.compile(rf"^[{BLANK}]*>")
# Besides ">", some clients quote with "|" or a supercite-style "Name>" prefix.
_QUOTE_PREFIX: Final = re.compile(rf"^(?:[{BLANK}]*(?:>|(?:[^\W\d_]+>|\|)(?=[\s>|]|$)))+")
_QUOTE_MARKER: Final = re.compile(r"[^\W\d_]*>|\|")

_CODE_OPEN: Final = re.compile(r"^```\w*$")
_CODE_CLOSE: Final = re.compile(r"^```$")

_PGP_SIGNED_HEADER: Final = re.compile(r"\A-----BEGIN PGP SIGNED MESSAGE-----\n(?:Hash: \w+)?\s+")
_PGP_BEGIN: Final = re.compile(r"^-----BEGIN PGP SIGNATURE-----$", re.MULTILINE)
_PGP_END: Final = re.compile(r"^-----END PGP SIGNATURE-----$", re.MULTILINE)

# A longer body is read by its first and last lines only, the rest taken as one blank line: a head
# and a tail of at most this many lines and characters (a character of a line longer than
# _MAX_MARKER_LINE counts once: such a line is only ever checked by cheap rules).
_HEAD: Final = (3_000, 200_000)
# A receiving system's warning above a message is a line or two; it is looked for in this many.
_MAX_WARNING_LINES: Final = 8
_TAIL: Final = (1_000, 50_000)

# Pattern rules, applied in this order to the kinds string (RE2: linear whatever the string).
# The reply was written below a quoted email ("bottom posting").
_REPLY_AT_END: Final = re2.compile(r"^b[^t]+(t[et]*)$")
# A marker that is followed by an unquoted copy of the earlier email.
_MARKER_THEN_UNQUOTED: Final = re2.compile(r"te*b[^q]*$")
# A marker followed by the quoted email, and possibly a short signature; between the marker and
# the quote, a few header lines a client writes without colons (eM Client: 'Von "Acme" <...>').
_MARKER_THEN_QUOTED: Final = re2.compile(r"te*b[th]{0,6}[eqbh]*([te]*)$")
# More text than this after the quote means the writer answered inline.
_MAX_TEXT_AFTER_QUOTE: Final = 6
# Quotes and markers closing the body are history the sender left below the reply.
_TRAILING_QUOTE: Final = re2.compile(r"[qbe]+$")
# A header folded over several lines ("Subject: a long\nsubject") leaves text lines
# between header lines; blank lines are not bridged, so a reply line such as
# "To: everyone, thanks" is not merged into a header block further down.
_WRAPPED_HEADERS: Final = re2.compile(r"h+[ht]+h+e")
_HEADER_BLOCK: Final = re2.compile(r"t[eq]*h{3,}")
# One or two header-like lines ("Date: Dec 3 works for us", "From: legal (Kim) ...\nDate: we
# expect it by Dec 10.") are more likely prose than a leftover header (whose block has From, Sent
# or Date, To and Subject), so only longer runs of them are dropped.
_HEADER_RUN: Final = re2.compile(r"h+")
_MAX_HEADER_LIKE_PROSE: Final = 2
_TRAILING_BLANK_OR_QUOTE: Final = re2.compile(r"[eq]+$")
# The reply was written between the quoted lines it answers, below the marker (mutt, Thunderbird).
_ANSWERED_INLINE: Final = re2.compile(r"^b[^t]+(t[et]*q[teq]*)$")
_BLANK_RUN: Final = re2.compile(r"e{2,}")
# The earlier sender's address, then at most a few words before the line's closing colon.
_QUOTE_OPENING: Final = re2.compile(
    r"[\w.+-]@[\w-]+(?:\.[\w-]+)+[>)\]\s]*[^@\n]{0,80}[:\x{ff1a}]\s*$"
)
# A year, and a time ("17:02", "17.02").
_YEAR: Final = re2.compile(r"(?:^|\D)\d{4}(?:\D|$)")
_TIME: Final = re2.compile(r"(?:^|\D)\d{1,2}[:.]\d{2}(?:\D|$)")
# "wrote" closing the line, in the languages of mail clients (those of `client_lines` too: the
# shape is read here when their own pattern does not match, as with "napisał:" without "(a)").
_WROTE_AT_END: Final = re2.compile(
    r"(?:(?:^|[^\w])(?:wrote|writes|schrieb|geschrieben|écrit|escribió|escreveu|scritto|schreef"
    r"|skrev|napisał|napisała|napisał\(a\)|pisze|napsal|napsala|napísal|napísala|napísal\(a\)"
    r"|kirjoitti|írta|написал|написала|написа|пише|yazd\x{131}|escrit|escriure|έγραψε|scris|menulis"
    r"|viết|כתב|כתבה|كتب|napisao je|napisala je|napisal|kirjutas|rakstīja|rašė|skrifaði)"
    r"|작성|寫道|写道|のメッセージ|書きました|เขียนว่า)[\s\x{a0}]*[:\x{ff1a}][\s\x{a0}]*$"
)
# A line this long is not taken for an opening unless a quote follows it.
_MAX_STRONG_OPENING: Final = 250
_SENTENCE_ENDS: Final = (".", "?", "!", "\u3002", "\uff1f", "\uff01")
# A line a client wrapped an opening after is this long, and ends no sentence.
_MIN_WRAPPED_OPENING: Final = 30
# The end of an opening a client wrapped onto a line of its own (">:"), even quoted.
_MAX_WRAPPED_END: Final = 3


@dataclass(frozen=True, slots=True)
class _Lines:
    """Lines of a body with their kinds; ``pattern[i]`` is the kind of ``lines[i]``."""

    lines: tuple[str, ...]
    pattern: str

    def head(self, stop: int) -> _Lines:
        return _Lines(self.lines[:stop], self.pattern[:stop])

    def tail(self, start: int) -> _Lines:
        return _Lines(self.lines[start:], self.pattern[start:])

    def without(self, kind: str) -> _Lines:
        kept = [(line, k) for line, k in zip(self.lines, self.pattern, strict=True) if k != kind]
        return _Lines(tuple(line for line, _ in kept), "".join(k for _, k in kept))

    def text(self) -> str:
        return "\n".join(self.lines).strip()


def fresh_text(body: str) -> str:
    """Return what the sender wrote in ``body``, without quoted history or signatures.

    Returns ``""`` when nothing new was written above or below the quoted history.
    """
    text = _preprocess(body)
    if not text:
        return ""
    doc = _classify(_head_and_tail(text.split("\n")))
    # A body of nothing but plain quoted lines is kept as written, as the reference trimmer
    # does: there is no reply above it to prefer, and no command can be read from it anyway.
    if set(doc.pattern) <= {QUOTE, EMPTY}:
        return doc.text()

    delimiter = doc.pattern.find(DELIMITER)
    if delimiter >= 0:
        doc = doc.head(delimiter)
    doc = doc.without(SIGNATURE)

    skip = _greeting_above_marker(doc)
    if bottom_posted := _REPLY_AT_END.search(doc.pattern[skip:]):
        return _without_legal_footer(doc.tail(skip + bottom_posted.start(1))).text()
    if inline := _ANSWERED_INLINE.search(doc.pattern):
        return _without_legal_footer(_squeezed(doc.tail(inline.start(1)).without(QUOTE))).text()

    doc = _drop_embedded_email(doc).without(EMBEDDED)
    doc = _drop_headers(doc)

    if trailing := _TRAILING_BLANK_OR_QUOTE.search(doc.pattern):
        doc = doc.head(trailing.start())
    return _without_legal_footer(doc).text()


def _greeting_above_marker(doc: _Lines) -> int:
    """Where the quote marker starts when a greeting alone stands above it ("Hallo Acme,": The
    Bat! writes its template's greeting there and the reply below the quote), else 0."""
    above = _GREETING_THEN_MARKER.match(doc.pattern)
    if above is None or not _GREETING_LINE.match(doc.lines[0]):
        return 0
    start: int = above.end() - 1
    return start


_GREETING_THEN_MARKER: Final = re2.compile(r"te+b")
_GREETING_LINE: Final = re.compile(
    r"^\s*(?:hi|hello|hallo|dear|liebe[rs]?|sehr geehrte[rs]?|ciao|salve|gentile|bonjour|"
    r"hola|estimad[oa]|olá|ola|oi|prezad[oa]|hoi|beste|geachte)\b[^,\n]{0,40},\s*$",
    re.IGNORECASE,
)


def _squeezed(doc: _Lines) -> _Lines:
    """`doc` with each run of blank lines as one: the quoted lines between answers are gone."""
    kept: list[int] = []
    at = 0
    for run in _BLANK_RUN.finditer(doc.pattern):
        kept.extend(range(at, run.start() + 1))
        at = run.end()
    kept.extend(range(at, len(doc.lines)))
    return _Lines(tuple(doc.lines[i] for i in kept), "".join(doc.pattern[i] for i in kept))


def _without_legal_footer(doc: _Lines) -> _Lines:
    """`doc` up to the paragraph that opens a disclaimer or a company's legal details, if one
    follows what was written."""
    for i in range(2, len(doc.lines)):
        opens_paragraph = doc.pattern[i] == TEXT and doc.pattern[i - 1] == EMPTY
        if opens_paragraph and opens_legal_footer(doc.lines[i]):
            return doc.head(i)
    return doc


def _preprocess(body: str) -> str:
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    text = _PGP_SIGNED_HEADER.sub("", text)
    return _without_external_warning(_without_pgp_signatures(text).strip())


def _without_external_warning(text: str) -> str:
    """`text` without the warning lines a receiving mail system put above it ("This email
    originated from outside the organization ..."): they would hide the reply's command."""
    lines = text.split("\n", _MAX_WARNING_LINES)
    start = 0
    while start < min(len(lines), _MAX_WARNING_LINES) and (
        not lines[start].strip() or is_external_warning(lines[start])
    ):
        start += 1
    return text if start == 0 else "\n".join(lines[start:]).strip()


def _without_pgp_signatures(text: str) -> str:
    """`text` without its BEGIN ... END PGP SIGNATURE blocks; a BEGIN with no END after it stays,
    and so does all after it (no later BEGIN has an END either)."""
    kept: list[str] = []
    at = 0
    while (begin := _PGP_BEGIN.search(text, at)) and (end := _PGP_END.search(text, begin.end())):
        kept.append(text[at : begin.start()])
        at = end.end()
    kept.append(text[at:])
    return "".join(kept)


def _head_and_tail(lines: list[str]) -> list[str]:
    head = _within(lines, *_HEAD)
    if head == len(lines):
        return lines
    tail = _within(reversed(lines[head:]), *_TAIL)
    return [*lines[:head], "", *lines[len(lines) - tail :]]


def _within(lines: Iterable[str], most_lines: int, most_chars: int) -> int:
    """How many of the first `lines` fit in `most_lines` and `most_chars`."""
    count = chars = 0
    for line in lines:
        chars += min(len(line), _MAX_MARKER_LINE + 1)
        if count == most_lines or chars > most_chars:
            break
        count += 1
    return count


def _quote_normalised(line: str) -> str:
    """Rewrite "|"- and "Name>"-style quote prefixes as ">" for classification."""
    prefix = _QUOTE_PREFIX.match(line)
    if prefix is None:
        return line
    return _QUOTE_MARKER.sub(">", prefix.group()) + line[prefix.end() :]


def _classify(raw_lines: list[str]) -> _Lines:
    """Give each line its kind, first re-joining markers that were wrapped over lines."""
    in_code = _code_line_flags(raw_lines)
    probes = [_quote_normalised(line) for line in raw_lines]
    lines: list[str] = []
    kinds: list[str] = []
    i = 0
    while i < len(raw_lines):
        breaks = 0
        if in_code[i]:
            # Code is content, whatever its lines look like.
            lines.append(raw_lines[i])
            kinds.append(TEXT)
        elif breaks := _marker_line_breaks(probes, in_code, i):
            # Always dropped later, so the rewritten line never reaches the output.
            lines.append(_join_wrapped(raw_lines[i : i + breaks + 1]))
            kinds.append(EMBEDDED)
        else:
            lines.append(raw_lines[i])
            kinds.append(_line_kind(probes[i]))
        i += breaks + 1
    _mark_quote_openings(lines, kinds)
    return _Lines(tuple(lines), "".join(kinds))


def _mark_quote_openings(lines: list[str], kinds: list[str]) -> None:
    """Mark as a marker the line, or the line wrapped over two, that opens a quote in any language.

    Gmail, Apple Mail and most webmails open a quoted email with a line that gives a date or a
    time, the earlier sender's address or name, a verb ("wrote") or none, and a closing colon,
    in their user's language ("út 1. 12. 2026 v 17:02 odesílatel Acme <x@y.z> napsal:",
    "2026년 12월 1일 (화) 오후 5:02, Acme <x@y.z>님이 작성:", "30.09.2017, 18.30, "John" <x@y.z>:").
    The languages `client_lines` knows are recognised there; this reads the rest by its shape. A
    line with an address and "wrote" opens a quote whatever follows it; one with less (a date and
    an address: "30.09.2017, 18.30, "John" <x@y.z>:", or a name and "wrote": "2013.02.08. 7:31
    keltezéssel, "Eszter" írta:") only over ``>``-quoted lines, so that a reply naming someone at
    a time ("I set the handover with anna@x.z on 4.12.2026 at 10:30, agenda:") is kept. A line
    wrapped into the next is one that ends no sentence.
    """
    for i in range(len(kinds)):
        if kinds[i] != TEXT:
            continue
        if opening := _opening(lines[i]):
            if opening == _STRONG or _quote_follows(kinds, i + 1):
                kinds[i] = EMBEDDED
        elif (
            i + 1 < len(kinds)
            and (kinds[i + 1] == TEXT or len(lines[i + 1].strip()) <= _MAX_WRAPPED_END)
            and len(lines[i]) >= _MIN_WRAPPED_OPENING
            and not lines[i].rstrip().endswith(_SENTENCE_ENDS)
        ):
            # wrapped, the address's closing bracket too: "... skrev Test <t@x.z" / ">:"
            opening = _opening(f"{lines[i]} {lines[i + 1].strip()}")
            if opening == _STRONG or (opening and _quote_follows(kinds, i + 2)):
                kinds[i] = kinds[i + 1] = EMBEDDED


def _quote_follows(kinds: list[str], start: int) -> bool:
    """Whether the first line from ``start`` on that is not blank is quoted."""
    return next((kinds[j] for j in range(start, len(kinds)) if kinds[j] != EMPTY), None) == QUOTE


_STRONG: Final = "strong"
_WEAK: Final = "weak"


def _opening(line: str) -> str:
    """`_STRONG`, `_WEAK` or "": how surely `line` is a line opening a quote."""
    if len(line) > _MAX_MARKER_LINE or not line.rstrip().endswith((":", "\uff1a")):
        return ""
    address = "@" in line and _QUOTE_OPENING.search(line) is not None
    verb = _WROTE_AT_END.search(line) is not None
    if not (address or verb):
        return ""
    year, time = _YEAR.search(line) is not None, _TIME.search(line) is not None
    if address and verb and len(line) <= _MAX_STRONG_OPENING:
        return _STRONG
    return _WEAK if year or time or verb else ""


def _join_wrapped(lines: list[str]) -> str:
    return " ".join([lines[0], *(line.strip() for line in lines[1:] if line.strip())])


def _marker_line_breaks(probes: list[str], in_code: list[bool], start: int) -> int:
    """Count the line breaks inside a wrapped marker that begins on line ``start``."""
    first = probes[start]
    if not first.strip() or len(first) > _MAX_MARKER_LINE:
        return 0
    window_lines: list[str] = []
    size = 0
    # One more line than a marker may span, so that an over-long match is recognisable.
    for line, code in zip(
        probes[start : start + _MAX_MARKER_BREAKS + 2],
        in_code[start : start + _MAX_MARKER_BREAKS + 2],
        strict=True,
    ):
        size += len(line) + 1
        if code or len(line) > _MAX_MARKER_LINE or (window_lines and size > _MAX_MARKER_WINDOW):
            break
        window_lines.append(line)
    window = "\n".join(window_lines)
    breaks = 0
    for marker in WRAPPABLE_MARKERS:
        if match := marker.match(window):
            found = window.count("\n", 0, match.end())
            if found <= _MAX_MARKER_BREAKS:
                breaks = max(breaks, found)
    return breaks


def _code_line_flags(lines: list[str]) -> list[bool]:
    """Flag the lines of fenced code blocks, whose ``#`` or ``---`` lines are no delimiters."""
    flags = [False] * len(lines)
    i = 0
    while i < len(lines):
        if _CODE_OPEN.match(lines[i]):
            close = next((j for j in range(i + 1, len(lines)) if _CODE_CLOSE.match(lines[j])), None)
            if close is None:
                break  # no closing fence after this one, so none after later ones either
            flags[i : close + 1] = [True] * (close + 1 - i)
            i = close
        i += 1
    return flags


def _line_kind(line: str) -> str:
    if not line.strip():
        return EMPTY
    if _DELIMITER.match(line):
        return DELIMITER
    if FLATTENED_QUOTE.match(line[:_MAX_MARKER_LINE]):
        return EMBEDDED
    if len(line) <= _MAX_MARKER_LINE:
        if APP_SIGNATURE.match(MARKDOWN_LINK.sub(r"\1", line)):
            return SIGNATURE
        if any(marker.search(line) for marker in EMBEDDED_MARKERS):
            return EMBEDDED
        if any(header.match(line) for header in EMAIL_HEADERS):
            return HEADER
    if _QUOTE.match(line):
        return QUOTE
    return TEXT


def _drop_embedded_email(doc: _Lines) -> _Lines:
    """Cut the body just after the last text line before an embedded email marker."""
    if unquoted := _MARKER_THEN_UNQUOTED.search(doc.pattern):
        doc = doc.head(unquoted.start() + 1)
    quoted = _MARKER_THEN_QUOTED.search(doc.pattern)
    if quoted and quoted.group(1).count(TEXT) <= _MAX_TEXT_AFTER_QUOTE:
        doc = doc.head(quoted.start() + 1)
    if trailing := _TRAILING_QUOTE.search(doc.pattern):
        doc = doc.head(trailing.start())
    return doc


def _drop_headers(doc: _Lines) -> _Lines:
    """Cut the body at an Outlook-style "From:/Sent:/To:/Subject:" block."""
    pattern = _WRAPPED_HEADERS.sub(lambda m: HEADER * len(m.group()), doc.pattern)
    doc = _Lines(doc.lines, pattern)
    if block := _HEADER_BLOCK.search(doc.pattern):
        doc = doc.head(block.start() + 1)
    prose_as_text = _HEADER_RUN.sub(
        lambda m: m.group() if len(m.group()) > _MAX_HEADER_LIKE_PROSE else TEXT * len(m.group()),
        doc.pattern,
    )
    return _Lines(doc.lines, prose_as_text).without(HEADER)
