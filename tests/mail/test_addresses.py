"""The From field read strictly: the one mailbox's address, never its display name; anything a
DMARC verifier could read as another mailbox (or none) gives no sender, with the reason."""

from __future__ import annotations

import time

import pytest

from mutualplan.mail.addresses import Sender, is_own, plus_tag, read_from
from mutualplan.mail.reading import parse_message

JANE = "jane@globex.example"


def sender_of(from_value: bytes, *, extra: bytes = b"") -> Sender:
    head = b"From: " + from_value + b"\r\n" + extra
    return read_from(parse_message(head + b"To: plans@x.example\r\nSubject: s\r\n\r\nhi\r\n"))


# (From as it came, the address the engine acts for)
READ_AS: list[tuple[bytes, str]] = [
    (b"jane@globex.example", JANE),
    (b"Jane Doe <jane@globex.example>", JANE),
    (b'"Jane Doe" <jane@globex.example>', JANE),
    (b"Jane Doe <JANE@Globex.Example>", JANE),
    (b"jane@globex.example (Jane Doe)", JANE),
    (b"<jane@globex.example>", JANE),
    (b"Jane Q. Doe <jane@globex.example>", JANE),  # an obsolete but plain form: a period
    (b'"Doe, Jane" <jane@globex.example>', JANE),
    (b"=?utf-8?q?J=C3=A4ne?= <jane@globex.example>", JANE),  # an encoded *name* is fine
    (b"Jane <jane@globex.example>\r\n (work)", JANE),  # folded, with a comment
    # the display name is never the identity: these are Mallory, whatever the name says
    (b'"jane@globex.example" <mallory@evil.example>', "mallory@evil.example"),
    (b"=?utf-8?q?jane=40globex=2Eexample?= <mallory@evil.example>", "mallory@evil.example"),
    (b"Jane <mallory@evil.example\r\n\t(jane@globex.example)>", "mallory@evil.example"),
    (b"jane%globex.example@evil.example", "jane%globex.example@evil.example"),
    (b"j\xc3\xa4ne@globex.example", "j\u00e4ne@globex.example"),  # UTF-8 (RFC 6532)
    (b"jane@xn--bcher-kva.example", "jane@xn--bcher-kva.example"),
]

# (From as it came, what the reason says): no sender at all
SET_ASIDE: list[tuple[bytes, str]] = [
    (b"jane@globex.example <mallory@evil.example>", "malformed"),  # an @ in a bare name
    (b"=?utf-8?q?jane=40globex=2Eexample?=", "encoded word"),
    (b"=?utf-8?b?YWxleEBhY21lLmV4YW1wbGU=?=", "encoded word"),
    (b"Jane <=?utf-8?q?jane=40globex.example?=>", "encoded word"),
    (b"jane@globex.example, mallory@evil.example", "2 mailboxes"),
    (b"mallory@evil.example, jane@globex.example", "2 mailboxes"),
    (b"Doe, Jane <jane@globex.example>", "not one"),  # an unquoted comma: two "mailboxes"
    (b"Team: jane@globex.example;", "group"),
    (b"undisclosed-recipients:;", "group"),
    (b"", "no mailbox"),
    (b"jane", "malformed"),
    (b"@globex.example", "malformed"),
    (b"<<<@>>>", "malformed"),
    (b"Jane <jane@globex.example", "malformed"),
    (b"Jane <jane@globex.example> mallory@evil.example", "malformed"),
    (b"jane@globex.example\x00mallory@evil.example", "malformed"),
    (b'"jane@globex.example"@evil.example', "not a plain address"),
    (b"jane@[127.0.0.1]", "not a plain address"),
    (b"Jane [Globex] <jane@globex.example>", "malformed"),
    (b"(" * 400 + b"jane@globex.example", "cannot be read"),  # the parser recursed
    (b"a@b " * 1000, "longer than"),  # not parsed at all: the stdlib parser is superlinear
]


@pytest.mark.parametrize(("value", "address"), READ_AS)
def test_the_sender_is_the_one_mailbox_address(value: bytes, address: str) -> None:
    sender = sender_of(value)
    assert (sender.address, sender.problem) == (address, "")


@pytest.mark.parametrize(("value", "why"), SET_ASIDE)
def test_a_from_that_is_not_one_plain_mailbox_gives_no_sender(value: bytes, why: str) -> None:
    sender = sender_of(value)
    assert sender.address == ""
    assert why in sender.problem


def test_two_from_fields_and_none_give_no_sender() -> None:
    assert (
        "more than one" in sender_of(JANE.encode(), extra=b"From: mallory@evil.example\r\n").problem
    )
    assert read_from(parse_message(b"To: plans@x.example\r\n\r\nhi\r\n")).problem == "no From field"


def test_a_hostile_from_is_read_quickly() -> None:
    started = time.perf_counter()
    for value in (b"a@b " * 250_000, b"(" * 100_000, b"=?utf-8?q?a?= " * 50_000, b"a," * 500_000):
        assert sender_of(value).address == ""
    assert time.perf_counter() - started < 5  # seconds, for 4 MB: far above the normal few ms


@pytest.mark.parametrize(
    ("address", "tag", "own"),
    [
        ("plans+enterprise@mutualplan.localhost", "enterprise", True),
        ("Plans+Short@MutualPlan.Localhost", "short", True),
        ("mailto:plans+abc@mutualplan.localhost", "abc", True),
        ("plans@mutualplan.localhost", None, True),
        ("plans+x@elsewhere.example", None, False),
        ("plansx+x@mutualplan.localhost", None, False),
        ("jane@globex.example", None, False),
    ],
)
def test_our_addresses_and_their_tags(address: str, tag: str | None, own: bool) -> None:
    assert plus_tag(address, "plans", "mutualplan.localhost") == tag
    assert is_own(address, "plans", "mutualplan.localhost") is own
