"""Our receiving server's DMARC verdict, read per RFC 8601: only its own authserv-id, only the
dmarc method's result, only a pass for the sender's own domain; disagreeing headers are held."""

from __future__ import annotations

import time

import pytest

from mutualplan.mail.authresults import Dmarc, dmarc_verdict
from mutualplan.mail.reading import parse_message

OURS = "mx.mutualplan.localhost"


def verdict(*headers: str, domain: str = "globex.example", authserv: str | None = OURS) -> Dmarc:
    head = "".join(f"Authentication-Results: {h}\r\n" for h in headers)
    raw = f"{head}From: jane@{domain}\r\nSubject: s\r\n\r\ndone\r\n".encode()
    return dmarc_verdict(parse_message(raw), authserv, domain).result


GMAIL_STYLE_FAIL = (
    f"{OURS}; dkim=none; spf=pass ({OURS}: domain of dmarc=pass@evil.example designates "
    "203.0.113.5 as permitted sender) smtp.mailfrom=dmarc=pass@evil.example; "
    "dmarc=fail (p=REJECT sp=REJECT dis=NONE) header.from=globex.example"
)

CASES: list[tuple[list[str], Dmarc]] = [
    ([f"{OURS}; dmarc=pass header.from=globex.example"], Dmarc.PASS),
    ([f"{OURS}; dmarc=pass (p=none dis=none) header.from=Globex.Example"], Dmarc.PASS),
    (
        [f"{OURS} 1; dkim=pass header.d=globex.example; dmarc=pass header.from=globex.example"],
        Dmarc.PASS,
    ),
    ([f"{OURS};\r\n\tdmarc=pass\r\n\theader.from=globex.example"], Dmarc.PASS),  # folded
    # one verifier per method, each with our id (Postfix + OpenDKIM + OpenDMARC)
    (
        [
            f"{OURS}; spf=pass smtp.mailfrom=globex.example",
            f"{OURS}; dkim=pass header.d=globex.example",
            f"{OURS}; dmarc=pass header.from=globex.example",
        ],
        Dmarc.PASS,
    ),
    # the review's finding 3: "dmarc=pass" inside a property value is no result
    ([GMAIL_STYLE_FAIL], Dmarc.FAIL),
    ([f"{OURS}; spf=pass smtp.mailfrom=dmarc=pass@evil.example"], Dmarc.NOT_VERIFIED),
    ([f"{OURS}; dmarc=fail (dmarc=pass) header.from=globex.example"], Dmarc.FAIL),  # a comment
    # anything but a pass for the sender's own domain is not verified
    ([f"{OURS}; dmarc=none header.from=globex.example"], Dmarc.NOT_VERIFIED),
    ([f"{OURS}; dmarc=temperror header.from=globex.example"], Dmarc.NOT_VERIFIED),
    ([f"{OURS}; dmarc=permerror header.from=none"], Dmarc.NOT_VERIFIED),
    ([f"{OURS}; dmarc=pass header.from=evil.example"], Dmarc.NOT_VERIFIED),
    ([f"{OURS}; dmarc=pass"], Dmarc.NOT_VERIFIED),  # no header.from
    ([f"{OURS}; none"], Dmarc.NOT_VERIFIED),
    ([], Dmarc.NOT_VERIFIED),
    # only our authserv-id counts: anyone can write the others
    (["mx.evil.example; dmarc=pass header.from=globex.example"], Dmarc.NOT_VERIFIED),
    ([f"{OURS}.evil.example; dmarc=pass header.from=globex.example"], Dmarc.NOT_VERIFIED),
    ([f"x {OURS}; dmarc=pass header.from=globex.example"], Dmarc.NOT_VERIFIED),
    # a forged header with our id beside the real one disagrees with it: held
    (
        [
            f"{OURS}; dmarc=fail header.from=globex.example",
            f"{OURS}; dmarc=pass header.from=globex.example",
        ],
        Dmarc.CONFLICT,
    ),
    (
        [
            f"{OURS}; dmarc=pass header.from=globex.example",
            f"{OURS}; dmarc=fail header.from=globex.example",
        ],
        Dmarc.CONFLICT,
    ),
    (
        [
            f"{OURS}; dmarc=pass header.from=evil.example",
            f"{OURS}; dmarc=pass header.from=globex.example",
        ],
        Dmarc.CONFLICT,
    ),
    (
        [f"{OURS}; dmarc=fail header.from=globex.example; dmarc=pass header.from=globex.example"],
        Dmarc.CONFLICT,
    ),
    # the same verdict written twice is one verdict
    ([f"{OURS}; dmarc=pass header.from=globex.example"] * 2, Dmarc.PASS),
    # a header with our id that cannot be read, or too many of them: held
    ([f"{OURS}; dmarc=pass header.from=globex.example", f"{OURS}; dmarc"], Dmarc.CONFLICT),
    (
        [f"{OURS}; dmarc=pass header.from=globex.example", f"{OURS}; x=" + "a" * 5000],
        Dmarc.CONFLICT,
    ),
    ([f"{OURS}; dmarc=pass header.from=globex.example"] * 11, Dmarc.CONFLICT),
    ([f"{OURS}; dmarc=pass (" + "(" * 2000 + ") header.from=globex.example"], Dmarc.CONFLICT),
    # an encoded word is no part of RFC 8601: it is not decoded into a verdict
    ([f"{OURS}; =?utf-8?q?dmarc=3Dpass?= header.from=globex.example"], Dmarc.CONFLICT),
]


@pytest.mark.parametrize(("headers", "expected"), CASES)
def test_the_dmarc_verdict_of_our_server(headers: list[str], expected: Dmarc) -> None:
    assert verdict(*headers) is expected


def test_a_verdict_pushed_past_the_fields_read_is_a_conflict() -> None:
    """A server that appends its header writes it last: fields in bulk above it must not push
    it out of what is read, leaving the sender's forgery at the top alone."""
    forged = f"Authentication-Results: {OURS}; dmarc=pass header.from=globex.example\r\n"
    filler = "".join(f"X-Filler-{n}: x\r\n" for n in range(600))
    real = f"Authentication-Results: {OURS}; dmarc=fail header.from=globex.example\r\n"
    raw = f"{forged}From: jane@globex.example\r\nSubject: s\r\n{filler}{real}\r\ndone\r\n"
    assert dmarc_verdict(parse_message(raw.encode()), OURS, "globex.example").result is (
        Dmarc.CONFLICT
    )


def test_nothing_is_checked_without_a_trusted_authserv_id() -> None:
    assert verdict(GMAIL_STYLE_FAIL, authserv=None) is Dmarc.UNCHECKED


def test_idna_domains_compare_as_one() -> None:
    header = f"{OURS}; dmarc=pass header.from=xn--bcher-kva.example"
    assert verdict(header, domain="b\u00fccher.example") is Dmarc.PASS


def test_hostile_headers_are_read_quickly() -> None:
    started = time.perf_counter()
    big = [f"{OURS}; " + "; ".join(["dkim=pass header.d=a"] * 170)] * 2  # under the caps
    assert verdict(*big) is Dmarc.NOT_VERIFIED
    assert verdict(*big * 5) is Dmarc.CONFLICT  # more characters of ours than any server writes
    verdict(*[f"{OURS}; dmarc=pass (" + "a " * 1_000_000] * 5)
    assert time.perf_counter() - started < 5  # seconds: far above the normal few milliseconds
