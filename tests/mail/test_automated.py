"""Tests for `mutualplan.mail.automated.automated_reason`.

The bulk of the evidence is the shared sisimai corpus (630 machine-generated messages and 2 human
ones, see ../shared/corpora/README.md); the inline cases pin down decisions the corpus does not
exercise, and the hypothesis test checks that no header junk can make the function raise.
"""

from __future__ import annotations

import email
import email.policy
from email.message import Message
from email.policy import Policy
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutualplan.mail.automated import automated_reason
from tests.support.corpora import BOUNCES

AUTO = BOUNCES.files("auto/*.eml")
HUMAN = BOUNCES.files("human/*.eml")


def parse(raw: bytes, policy: Policy = email.policy.default) -> Message:
    # The same call the inbound pipeline makes.
    return email.message_from_bytes(raw, policy=policy)


def message(headers: str, body: str = "Hello,\r\n\r\nsounds good.\r\n") -> Message:
    raw = headers.strip().replace("\n", "\r\n") + "\r\n\r\n" + body
    return parse(raw.encode("utf-8"))


# -- corpus -------------------------------------------------------------------------------------


def test_corpus_is_present() -> None:
    # Without this an empty glob would turn the parametrised tests into silent skips.
    assert len(AUTO) >= 600
    assert len(HUMAN) >= 2


@pytest.mark.parametrize("path", AUTO, ids=[p.name for p in AUTO])
def test_corpus_machine_mail_is_automated(path: Path) -> None:
    assert automated_reason(parse(path.read_bytes())) is not None


@pytest.mark.parametrize("path", HUMAN, ids=[p.name for p in HUMAN])
def test_corpus_human_mail_is_not_automated(path: Path) -> None:
    assert automated_reason(parse(path.read_bytes())) is None


# -- inline cases -------------------------------------------------------------------------------

OUTLOOK_HUMAN_REPLY = """
From: Jane Buyer <jane.buyer@buyer.example>
To: Sam Seller <sam@seller.example>
Subject: RE: Mutual action plan for the Q3 rollout
Date: Tue, 4 Jun 2024 09:12:44 +0000
Message-ID: <AM0PR01MB1234ABCD@AM0PR01MB1234.eurprd01.prod.outlook.com>
In-Reply-To: <plan-42@seller.example>
References: <plan-42@seller.example>
Thread-Topic: Mutual action plan for the Q3 rollout
Thread-Index: AQHaZ1b2c3d4e5f6g7h8i9j0
Accept-Language: en-US
Content-Language: en-US
X-MS-Has-Attach:
X-MS-TNEF-Correlator:
X-Auto-Response-Suppress: All
Return-Path: <jane.buyer@buyer.example>
MIME-Version: 1.0
Content-Type: text/plain; charset="us-ascii"
"""


def test_outlook_human_reply_with_auto_response_suppress_is_not_automated() -> None:
    # Outlook stamps X-Auto-Response-Suppress on ordinary mail: it asks others not to auto-reply.
    assert automated_reason(message(OUTLOOK_HUMAN_REPLY)) is None


def test_auto_submitted_no_is_not_automated() -> None:
    msg = message(
        """
From: Jane Buyer <jane.buyer@buyer.example>
To: sam@seller.example
Subject: Re: pricing
Auto-Submitted: no
"""
    )
    assert automated_reason(msg) is None


def test_exchange_german_out_of_office_subject_is_automated() -> None:
    # Exchange also sends Auto-Submitted, but the subject alone must be enough.
    msg = message(
        """
From: Jana Einkauf <jana.einkauf@kunde.example>
To: sam@seller.example
Subject: =?utf-8?Q?Automatische_Antwort:_Angebot_f=C3=BCr_Q3?=
X-Auto-Response-Suppress: All
Content-Type: text/plain; charset="utf-8"
"""
    )
    assert automated_reason(msg) == "auto-reply/out-of-office subject"


def test_gmail_vacation_responder_is_automated() -> None:
    msg = message(
        """
From: Jane Buyer <jane.buyer@gmail.example>
To: sam@seller.example
Subject: Re: Mutual action plan for the Q3 rollout
Auto-Submitted: auto-replied
Precedence: bulk
X-Autoreply: yes
"""
    )
    assert automated_reason(msg) == "Auto-Submitted: auto-replied"


@pytest.mark.parametrize(
    "subject",
    [
        "Automatic reply: Proposal",
        "Out of Office: Proposal",
        "Abwesenheitsnotiz: Angebot",
        "Réponse automatique : Proposition",
        "Respuesta automática: Propuesta",
        "Automatisch antwoord: Voorstel",
        "Risposta automatica: Proposta",
        "Resposta automática: Proposta",
        "Automatiskt svar: Förslag",
        "Automatisk svar: Forslag",
        "Odpowiedź automatyczna: Oferta",
        "自動応答: ご提案",
        "自动回复: 建议",
        "Undeliverable: Proposal",
        "Unzustellbar: Angebot",
        "Fwd: Returned mail: see transcript for details",
        # Outlook's in the languages of the fourth security round
        "Otomatik yan\u0131t: Teklif",
        "Ofis d\u0131\u015f\u0131nda: Teklif",
        "\u81ea\u52a8\u7b54\u590d: \u5efa\u8bae",
        "\u0391\u03c5\u03c4\u03cc\u03bc\u03b1\u03c4\u03b7 "
        "\u03b1\u03c0\u03ac\u03bd\u03c4\u03b7\u03c3\u03b7: x",
        "\u0410\u0432\u0442\u043e\u043c\u0430\u0442\u0438\u0447\u043d\u0430 "
        "\u0432\u0456\u0434\u043f\u043e\u0432\u0456\u0434\u044c: x",
        "R\u0103spuns automat: Propunere",
        "Automatski odgovor: Ponuda",
        "Autom\u0101tisk\u0101 atbilde: Pied\u0101v\u0101jums",
        "Tr\u1ea3 l\u1eddi t\u1ef1 \u0111\u1ed9ng: x",
        "Balasan Otomatis: Proposal",
        "Teslim edilemedi: Teklif",
        "Nedoru\u010diteln\u00e9: Nab\u00eddka",
    ],
)
def test_machine_subjects_in_several_languages(subject: str) -> None:
    msg = message(f"From: someone@buyer.example\nSubject: {subject}")
    assert automated_reason(msg) is not None


@pytest.mark.parametrize(
    "headers",
    [
        # Replying to a bounce or an out-of-office note is a person talking.
        "From: jane@buyer.example\nSubject: Re: Undeliverable: Proposal",
        "From: jane@buyer.example\nSubject: Re: Automatic reply: Proposal",
        # "bounce" inside a person's name or address is not a machine sender.
        "From: Bob Bouncer <bob.bouncer@buyer.example>\nSubject: Re: plan",
        "From: Anna Bounce <bounce.anna@buyer.example>\nSubject: Re: plan",
        # A person may well open a subject like this; only autoresponder prefixes count.
        "From: jane@buyer.example\nSubject: On vacation next week, can we move the review?",
        "From: jane@buyer.example\nSubject: Delivery report for the pilot",
        # Feedback-ID alone is stamped by relays such as Amazon SES on any mail they carry.
        "From: jane@buyer.example\nSubject: Re: plan\nFeedback-ID: 1.eu-west-1.abc:AmazonSES",
    ],
)
def test_human_mail_that_resembles_machine_mail(headers: str) -> None:
    assert automated_reason(message(headers)) is None


@pytest.mark.parametrize(
    "headers",
    [
        # what an Exchange inbox rule sends (its template reply, or a forward)
        "From: jane@buyer.example\nSubject: RE: plan\n"
        "X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent",
        "From: jane@buyer.example\nSubject: RE: plan\n"
        "X-MS-Exchange-Inbox-Rules-Loop: jane@buyer.example",
        "From: jane@buyer.example\nSubject: Re: plan\nReturn-Path: <> (null)",
        "From: autoreply@buyer.example\nSubject: Re: plan",
        "From: no-response@buyer.example\nSubject: Re: plan",
        "From: ne-pas-repondre@buyer.example\nSubject: Re: plan",
    ],
)
def test_robots_that_sign_themselves_otherwise_are_automated(headers: str) -> None:
    assert automated_reason(message(headers)) is not None


def test_list_mail_is_automated() -> None:
    msg = message("From: jane@buyer.example\nSubject: digest\nList-Id: <sales.lists.example>")
    assert automated_reason(msg) == "mailing list (List-Id)"


def test_bounce_attached_by_a_person_is_not_automated() -> None:
    # Only the outer message counts: a forwarded-as-attachment report does not make it automated.
    raw = (
        "From: jane@buyer.example\r\nSubject: see attached\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
        "--b1\r\nContent-Type: text/plain\r\n\r\nThis bounced, which address is right?\r\n"
        "--b1\r\nContent-Type: message/rfc822\r\n\r\n"
        "From: MAILER-DAEMON@mx.example\r\nAuto-Submitted: auto-replied\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b2"\r\n\r\n'
        "--b2\r\nContent-Type: message/delivery-status\r\n\r\nAction: failed\r\n--b2--\r\n"
        "--b1--\r\n"
    )
    assert automated_reason(parse(raw.encode())) is None


def test_header_that_fails_to_parse_falls_back_to_raw_value() -> None:
    # Under policy.default reading "From: <...<" raises IndexError inside the stdlib parser.
    msg = parse(b"From: MAILER-DAEMON@mx.example <\r\nMessage-ID: <\r\n\r\nbody")
    assert automated_reason(msg) == "From is MAILER-DAEMON"


def test_undecodable_subject_bytes_are_treated_as_text() -> None:
    msg = parse("Subject: 自動応答: ご提案 ".encode() + b"\xff\xfe\r\n\r\nbody")
    assert automated_reason(msg) == "auto-reply/out-of-office subject"


# -- never raises -------------------------------------------------------------------------------

_INTERESTING_NAMES = [
    "From",
    "Sender",
    "Return-Path",
    "Subject",
    "Auto-Submitted",
    "Precedence",
    "X-Precedence",
    "Content-Type",
    "Message-ID",
    "List-Id",
    "X-Autogenerated",
    "X-POST-MessageClass",
    "X-Loop",
    "To",
    "Date",
]
_text = st.text(st.characters(codec="utf-8"), max_size=60)
_header_name = st.one_of(st.sampled_from(_INTERESTING_NAMES), _text)
_header_value = st.one_of(
    _text.map(lambda t: t.encode("utf-8")),
    st.binary(max_size=60),
    st.sampled_from(
        [b"<", b"<>", b"=?utf-8?q?x?=<", b"x <a@[", b'multipart/report; report-type="', b"\r\n"]
    ),
)
_multipart_body = st.lists(st.tuples(_header_value, st.binary(max_size=40)), max_size=4).map(
    lambda parts: (
        b"".join(
            b"--B\r\nContent-Type: " + ctype + b"\r\n\r\n" + body + b"\r\n" for ctype, body in parts
        )
        + b"--B--\r\n"
    )
)


@settings(max_examples=300, deadline=None)
@given(
    headers=st.lists(st.tuples(_header_name, _header_value), max_size=8),
    multipart=st.booleans(),
    body=st.one_of(st.binary(max_size=80), _multipart_body),
    policy=st.sampled_from([email.policy.default, email.policy.compat32]),
)
def test_never_raises(
    headers: list[tuple[str, bytes]], multipart: bool, body: bytes, policy: Policy
) -> None:
    lines = [name.encode("utf-8") + b": " + value for name, value in headers]
    if multipart:
        lines.append(b'Content-Type: multipart/mixed; boundary="B"')
    raw = b"\r\n".join(lines) + b"\r\n\r\n" + body
    reason = automated_reason(parse(raw, policy))
    # A short one-line reason, fit for a log line, whatever junk the headers held.
    assert reason is None or (reason.isprintable() and 0 < len(reason) <= 80)
