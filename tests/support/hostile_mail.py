"""Messages built to make reading slow: each shape at any size, for the hostile-input tests and
the benchmark's worst read time (`bench/reading.py`).

The first eleven are the security review's (finding 1): each took from seconds to over a minute
at 1 MB before reading was made linear. The rest are the same idea aimed at every other rule
that reads a message: the line classifiers of the reply trimmer, the command and start-email
lines, the HTML reader, the MIME structure and the header parsers.

And `as_shown`: a header's display name as mail programs show it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from email.header import decode_header, make_header
from email.message import Message

from pydantic import SecretStr

from mutualplan.routing.facts import InboundFacts, ReadingRules, read_inbound


def as_shown(msg: Message, name: str) -> tuple[str, str]:
    """The (display name, address) of a one-address header as mail programs show it. RFC 2047
    decoders drop the space between two encoded words of a name; `email`'s address parser keeps
    it (and adds one where a long name was cut into several words), so it is not used here."""
    [value] = [v for k, v in msg.raw_items() if k.lower() == name.lower()]
    shown, _, address = " ".join(str(value).split()).rpartition("<")
    return str(make_header(decode_header(shown.strip()))), address.rstrip(">").strip()


RULES = ReadingRules(
    domain="mutualplan.localhost",
    plans_mailbox="plans",
    secret=SecretStr("hostile-mail-key"),
    trusted_authserv_id="mx.mutualplan.localhost",  # so that DMARC verdicts are read too
)
HANG = b"X-Read-Slowly: on purpose"  # see read_or_hang

# a reply to plans+x@ answering a start email: read both as a reply and as a start email, the
# most a message is read as (a start email answering nothing is read only as one)
HEAD = (
    "From: Jane Doe <jane@globex.example>\r\n"
    "To: plans+x@mutualplan.localhost\r\n"
    "Subject: Re: Your turn\r\n"
    "Date: Mon, 2 Mar 2026 09:00:00 +0000\r\n"
    "Message-ID: <hostile@globex.example>\r\n"
    "In-Reply-To: <start@acme.example>\r\n"
    "MIME-Version: 1.0\r\n"
)
PLAIN = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n"


def _repeat(unit: str, size: int, *, before: str = "", after: str = "") -> str:
    return before + unit * max(1, (size - len(before) - len(after)) // len(unit)) + after


def body(
    unit: str, *, before: str = "", after: str = "", content_type: str = PLAIN, ends: str = "\r\n"
) -> Shape:
    """A plain-text reply whose body is `unit` repeated to the size, its lines ending in `ends`."""

    def build(size: int) -> bytes:
        crlf = {k: v.replace("\n", ends) for k, v in (("u", unit), ("b", before), ("a", after))}
        text = _repeat(crlf["u"], size, before=crlf["b"], after=crlf["a"])
        return (HEAD + content_type + "\r\n" + text).encode()

    return build


def header(name: str, unit: str, *, before: str = "") -> Shape:
    """A "done" reply with one header `name` whose value is `unit` repeated to the size (the
    value replaces the usual one, if any)."""

    def build(size: int) -> bytes:
        head = "".join(
            line + "\r\n"
            for line in HEAD.split("\r\n")
            if line and not line.lower().startswith(name.lower() + ":")
        )
        value = _repeat(unit, size, before=before)
        return (f"{head}{name}: {value}\r\n{PLAIN}\r\ndone\r\n").encode()

    return build


def headers(line: str) -> Shape:
    """A "done" reply with the header `line` repeated to the size (many fields of one name)."""

    def build(size: int) -> bytes:
        many = _repeat(line + "\r\n", size)
        return (HEAD + many + PLAIN + "\r\ndone\r\n").encode()

    return build


def nested_parts(size: int) -> bytes:
    """multipart inside multipart, as deep as the size allows, a "done" at the bottom."""
    opening = "Content-Type: multipart/mixed; boundary=b{0}\r\n\r\n--b{0}\r\n"
    depth = size // (len(opening) + 12)
    text = "".join(opening.format(i) for i in range(depth))
    text += PLAIN + "\r\ndone\r\n" + "".join(f"--b{i}--\r\n" for i in reversed(range(depth)))
    return (HEAD + text).encode()


def many_parts(size: int, content_type: str = "", content: str = "x\r\n") -> bytes:
    """One multipart with as many small parts (text, unless told) as the size allows."""
    part = "--b\r\n" + (content_type or PLAIN) + "\r\n" + content
    text = "Content-Type: multipart/mixed; boundary=b\r\n\r\n" + _repeat(part, size) + "--b--\r\n"
    return (HEAD + text).encode()


Shape = Callable[[int], bytes]
HTML = "Content-Type: text/html; charset=utf-8\r\n"
CALENDAR = "Content-Type: text/calendar; method=REPLY; charset=utf-8\r\n"
_CALENDAR_REPLY = (
    "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:x\r\n"
    + "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@b\r\n" * 2_000
    + "END:VEVENT\r\nEND:VCALENDAR\r\n"
)
FLOWED = "Content-Type: text/plain; charset=utf-8; format=flowed\r\n"
LONG_LINE = 599  # just under the longest line the trimmer reads as a marker

# The review's shapes (finding 1), by the names its report gives them.
REVIEW: dict[str, Shape] = {
    "header_lines": body("From: a\n", before="done\n"),
    "blank_lines_then_text": body("\n", before="done\n", after="x\n"),
    "quote_blank_alternating": body("> q\n\n"),
    "pgp_begin_no_end": body("-----BEGIN PGP SIGNATURE-----\n"),
    "pgp_begin_junk_pairs": body("-----BEGIN PGP SIGNATURE-----\njunk\n"),
    "forwarded_marker_text_alternating": body("x\nBegin forwarded message:\n"),
    "flowed_soft_breaks": body("a \n", content_type=FLOWED),
    "from_addresses": header("From", "a@b "),
    "subject_encoded_words": header("Subject", "=?utf-8?q?a?= "),
    "references_repeated": header("References", "<a@b> "),
    "references_distinct": lambda size: header(
        "References", "".join(f"<{i}@b> " for i in range(size // 6 + 1))[:size]
    )(size),
}


def _line(unit: str) -> str:
    """`unit` repeated into one line just under the marker length limit."""
    return (unit * (LONG_LINE // len(unit)))[:LONG_LINE] + "\n"


# Further shapes: the same attack on the other rules.
MORE: dict[str, Shape] = {
    # pattern rules of the trimmer over the line kinds
    "text_blank_marker_alternating": body("x\n\nBegin forwarded message:\n\n"),
    "marker_quote_text": body("x\nBegin forwarded message:\n> q\n"),
    "headers_then_quotes": body("From: a\n> q\n"),
    "header_text_runs": body("From: a\nx\n"),
    "signature_lines": body("Sent from my iPhone\n"),
    "delimiter_lines": body("--\n"),
    "code_fences_unclosed": body("```\n"),
    "supercite_quotes": body("Jane> q\n|\n"),
    "pgp_signed_header": body("-----BEGIN PGP SIGNED MESSAGE-----\nHash: x\n"),
    # the line classifiers, one long line at a time
    "wrote_on_lines": body(_line("wrote on ")),
    "on_wrote_lines": body(_line("On x ")),
    "on_date_words_lines": body(_line("On 2013 Le Am ")),
    "via_lines": body(_line("a via ")),
    "address_wrote_lines": body(_line("a@b.cc ")),
    "dotted_address_lines": body(_line("a@b" + ".b" * 40 + " ")),
    "year_lines": body(_line("2013 пользователь ")),
    "year_date_lines": body(_line("2015-10-18 <a@b.c ")),
    "header_name_lines": body(_line("From: ")),
    "sent_from_lines": body(_line("Sent from ")),
    "quote_prefix_lines": body(_line("a> ")),
    "wrapped_markers": body("On Mon, Jane\n" * 5 + "x\n"),
    "flattened_quote_lines": body(_line("On a <a@b ")),
    "notes_wrote_lines": body(_line("--- wrote ")),
    "japanese_wrote_lines": body(_line("2026/12 書きました ")),
    "phone_signature_lines": body(_line("a から送信 ")),
    "app_line_lines": body(_line("Gesendet von Mail ")),
    "time_address_lines": body(_line("1 10:30 a@b.c ")),
    "legal_footer_paragraphs": body("\n" + _line("this message is ")),
    # one long line (no line breaks at all)
    "one_line_spaces": body(" ", before="done ", after="x"),
    "one_line_words": body("wrote on ", before="done "),
    "one_line_flattened_quote": body(" a", before="done\n\nOn x <a@b.c> wrote:  "),
    "one_line_note": body("a ", before="note: "),
    "add_as_as": body(" as", before="add a@b.c"),
    "role_line_spaces": body(" ", before="Champion: a", after="b\n"),
    "date_words": body("jan 1 ", before="new date: "),
    # a million lines: every stage that goes line by line
    "bare_newlines": body("\n", before="done", ends="\n"),
    "flowed_bare_newlines": body("\n", before="done", content_type=FLOWED, ends="\n"),
    "html_lines": body("\n", before="done", content_type=HTML, ends="\n"),
    "html_ampersand_lines": body("&\n", before="done", content_type=HTML),
    # format=flowed with quote depths changing
    "flowed_depths": body("> a \n>> b \n", content_type=FLOWED),
    # HTML
    "html_unclosed_comments": body("<!--", content_type=HTML),
    "html_unclosed_tags": body("<a", content_type=HTML),
    "html_end_tags": body("</", content_type=HTML),
    "html_char_refs": body("&#", content_type=HTML),
    "html_nested_divs": body("<div>", content_type=HTML),
    "html_blank_blocks": body("<p> </p>", content_type=HTML),
    "html_many_attributes": body(" a", before="<p", after=">done", content_type=HTML),
    "html_long_attribute": body("a", before='done<img src="', after='">', content_type=HTML),
    "html_unclosed_script": body("<script>", content_type=HTML),
    "html_comments_and_text": body("<!-- a -->x", content_type=HTML),
    # calendar answers (iCalendar is read line by line)
    "calendar_many_properties": body(
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@b\n",
        before="BEGIN:VCALENDAR\nMETHOD:REPLY\nBEGIN:VEVENT\nUID:x\n",
        content_type=CALENDAR,
    ),
    "calendar_many_events": body(
        "BEGIN:VEVENT\nRECURRENCE-ID:20260101T000000Z\nEND:VEVENT\n",
        before="BEGIN:VCALENDAR\nMETHOD:REPLY\n",
        content_type=CALENDAR,
    ),
    "calendar_many_parts": lambda size: many_parts(size, CALENDAR, _CALENDAR_REPLY),
    # MIME structure
    "nested_parts": nested_parts,
    "many_parts": many_parts,
    # header values
    "from_comments": header("From", "(a"),
    "from_quotes": header("From", '"a'),
    "from_angles": header("From", "<a"),
    "from_backslashes": header("From", "\\a"),
    "from_encoded_words": header("From", "=?utf-8?q?a?= "),
    "from_groups": header("From", "g: a@b; "),
    "to_addresses": header("To", "a@b, "),
    "cc_comments": header("Cc", "(a "),
    "content_disposition_comments": header("Content-Disposition", "("),
    "subject_encoded_words_b": header("Subject", "=?utf-8?b?YQ==?= "),
    "subject_mixed": header("Subject", "=?utf-8?q?a?= x "),
    "message_id_angles": header("Message-ID", "<a"),
    "in_reply_to": header("In-Reply-To", "<a@b> "),
    "date_junk": header("Date", "Mon, "),
    "content_type_params": header("Content-Type", '; a="b;c"', before="text/plain"),
    "content_type_quotes": header("Content-Type", '"', before="text/plain; charset="),
    "content_type_rfc2231": lambda size: header(
        "Content-Type",
        "".join(f"; a*{i}*=utf-8''b" for i in range(size // 12 + 1))[:size],
        before="text/plain",
    )(size),
    "authentication_results": header(
        "Authentication-Results", "dmarc=pass ", before="mx.example; "
    ),
    "trusted_authentication_results": headers(
        "Authentication-Results: mx.mutualplan.localhost; " + "a=b " * 900
    ),
    "trusted_authentication_results_few": lambda size: headers(
        "Authentication-Results: mx.mutualplan.localhost; " + "a=b " * 490
    )(20_000),
    "return_path": header("Return-Path", "<a@b> "),
    "auto_submitted": header("Auto-Submitted", "no; "),
    "list_id": header("List-Id", "<a.b> "),
    "many_from_fields": headers("From: a@b"),
    "many_subject_fields": headers("Subject: =?utf-8?q?a?="),
    "many_received_fields": headers("Received: from a by b"),
    "folded_to": header("To", "a@b,\r\n "),
}

SHAPES: dict[str, Shape] = {**REVIEW, **MORE}


def cpu_seconds_to_read(raw: bytes) -> float:
    """The CPU time `read_inbound` takes over `raw` (in a reading pool's child: `ReadingPool`)."""
    started = time.process_time()
    read_inbound(raw, RULES)
    return time.process_time() - started


def read_or_hang(raw: bytes, rules: ReadingRules) -> InboundFacts:
    """`read_inbound`, except that a message holding `HANG` first sends the regular-expression
    engine backtracking for hours, holding the GIL, as the reply trimmer did on 10 KB."""
    if HANG in raw:
        re.match(r"(h+)+e", "h" * 60)
    return read_inbound(raw, rules)
