"""Tests for :func:`mutualplan.mail.trimming.fresh_text`.

The reference corpus comes from discourse's ``email_reply_trimmer`` gem (MIT):
``emails/NAME`` is a reply body, ``trimmed/NAME`` what should be left of it.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutualplan.mail.trimming import fresh_text
from tests.support.corpora import REPLY_TRIMMING

CORPUS = REPLY_TRIMMING.path

# Corpus files whose expected output contradicts a deliberate choice of ours (none now).
KNOWN_DIFFERENCES: dict[str, str] = {}


def _corpus_params() -> list[object]:
    names = sorted(p.name for p in (CORPUS / "emails").glob("*.txt"))
    return [
        pytest.param(
            name,
            id=name,
            marks=(
                [pytest.mark.xfail(strict=True, reason=KNOWN_DIFFERENCES[name])]
                if name in KNOWN_DIFFERENCES
                else []
            ),
        )
        for name in names
    ]


def _read(kind: str, name: str) -> str:
    # newline="" keeps CRLF bodies intact, so line-ending normalisation is exercised.
    with (CORPUS / kind / name).open(encoding="utf-8", newline="") as handle:
        return handle.read()


def test_corpus_is_complete() -> None:
    assert len(list((CORPUS / "emails").glob("*.txt"))) == 64


@pytest.mark.parametrize("name", _corpus_params())
def test_corpus(name: str) -> None:
    expected = _read("trimmed", name).replace("\r\n", "\n")
    assert fresh_text(_read("emails", name)).strip() == expected.strip()


REPLY = "Tuesday works for the security review.\n\nThanks,\nBob"


@pytest.mark.parametrize(
    "history",
    [
        pytest.param(
            "On Tue, Dec 1, 2026 at 10:00 AM Jane <j@x> wrote:\n\n> Can we meet next week?\n> Jane",
            id="gmail",
        ),
        pytest.param(
            "On Tue, Dec 1, 2026 at 10:00 AM Jane Doe <jane@example.com>\nwrote:\n\n"
            "> Can we meet next week?\n",
            id="gmail-wrapped-wrote",
        ),
        pytest.param(
            "On Tue, Dec 1, 2026 at 10:00 AM Jane Doe <\njane@example.com> wrote:\n\n"
            "> Can we meet next week?\n",
            id="gmail-wrapped-address",
        ),
        pytest.param(
            "From: Jane Doe <jane@example.com>\nSent: Tuesday, December 1, 2026 10:00 AM\n"
            "To: Bob <bob@example.com>\nSubject: RE: Mutual action plan\n\n"
            "Hi Bob,\n\nCan we meet next week?\n\nJane",
            id="outlook-headers",
        ),
        pytest.param(
            "-----Original Message-----\nFrom: Jane Doe\nSent: Tuesday, December 1, 2026\n"
            "To: Bob\nSubject: plan\n\nCan we meet next week?",
            id="original-message",
        ),
        pytest.param("> Can we meet next week?\n>\n> Jane\n", id="quoted-lines"),
        pytest.param("-- \nBob Example\nVP Sales, Example Corp\n+1 555 0100", id="sig-dash"),
        pytest.param("Sent from my iPhone", id="sent-from-iphone"),
    ],
)
def test_history_is_removed(history: str) -> None:
    assert fresh_text(f"{REPLY}\n\n{history}") == REPLY


def test_crlf_line_endings() -> None:
    body = (
        "Yes, legal approved.\r\n\r\nOn Tue, Dec 1, 2026 at 10:00 AM Jane <j@x> wrote:\r\n> ok?\r\n"
    )
    assert fresh_text(body) == "Yes, legal approved."


def test_signature_line_inside_reply_is_removed() -> None:
    assert fresh_text("Confirmed.\nSent from my iPhone\n\nSee you then.") == (
        "Confirmed.\n\nSee you then."
    )


def test_inline_answers_are_kept() -> None:
    body = "> Is Tuesday ok?\nYes.\n\n> And the budget?\nApproved.\n\n> Anything else?\n"
    assert fresh_text(body) == "> Is Tuesday ok?\nYes.\n\n> And the budget?\nApproved."


def test_bottom_posted_reply() -> None:
    body = "On Tue, Dec 1, 2026 at 10:00 AM Jane <j@x> wrote:\n> Can we meet?\n\nSure, Tuesday."
    assert fresh_text(body) == "Sure, Tuesday."


@pytest.mark.parametrize(
    "body",
    [
        "On Tue, Dec 1, 2026 at 10:00 AM Jane <j@x> wrote:\n> Can we meet?",
        "",
        "  \n\r\n\t",
    ],
)
def test_nothing_new_gives_empty_string(body: str) -> None:
    assert fresh_text(body) == ""


def test_a_body_of_only_plain_quotes_is_kept_as_the_reference_does() -> None:
    assert fresh_text("> one\n>\n> two\r\n") == "> one\n>\n> two"


def test_ordinary_sentences_are_not_taken_for_markers() -> None:
    body = "From my side the plan looks good.\n\nI wrote on the whiteboard:\n\n- sign by Friday"
    assert fresh_text(body) == body


@pytest.mark.parametrize(
    "body",
    [
        "Blocked until 2027-01-10, ask Priya Patel <priya@globex.example>\n\nThanks",
        "Done. The 2026 contract is with Sam Lee <sam@globex.example>",
        "Champion: Jane Doe 1000 <jane1000@globex.example>\nConfirm: yes",
    ],
)
def test_a_date_or_number_before_an_address_is_not_a_marker(body: str) -> None:
    assert fresh_text(body) == body


def test_a_line_opening_with_a_date_before_an_address_is_a_marker() -> None:
    body = "Agreed.\n\n2013/7/20 sam via Discourse Meta <info@discourse.org>\n\n> the plan"
    assert fresh_text(body) == "Agreed."


def _normalised(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


_LINE = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "> quoted",
            ">",
            "| piped",
            "--",
            "-- ",
            "```",
            "On Tue, Dec 1, 2026 at 10:00 AM Jane <j@x.com>",
            "wrote:",
            "From: Jane <j@x.com>",
            "Sent: Tuesday, December 1, 2026",
            "To: Bob",
            "Subject: plan",
            "-----Original Message-----",
            "Sent from my iPhone",
            "2016-10-24 15:36 GMT+02:00 Foo <",
            "foo@bar.com>:",
            "",
        ]
    ),
)
_BODY = st.one_of(
    st.text(),
    st.lists(_LINE, max_size=30).flatmap(
        lambda lines: st.sampled_from(["\n", "\r\n", "\r"]).map(lambda eol: eol.join(lines))
    ),
)


@settings(max_examples=300, deadline=None)
@given(_BODY)
def test_never_raises_nor_grows(body: str) -> None:
    result = fresh_text(body)
    assert isinstance(result, str)
    assert len(result) <= len(_normalised(body))


def test_lone_header_like_line_is_kept() -> None:
    body = "Hi Jane,\nDate: Dec 3 works for us.\nThanks"
    assert fresh_text(body) == body


def test_header_like_reply_line_is_not_merged_into_header_block() -> None:
    body = (
        "Hi Jane,\n\nTo: everyone on the call, thanks!\n\nBob\n\n"
        "From: Jane <jane@example.com>\nSent: Tuesday, December 1, 2026 10:00 AM\n"
        "To: Bob\nSubject: plan\n\nold text"
    )
    assert fresh_text(body) == "Hi Jane,\n\nTo: everyone on the call, thanks!\n\nBob"
