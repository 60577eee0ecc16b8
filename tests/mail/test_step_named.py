"""A reply may name the step it answers about by its title, kept in the subject of the engine's
email ("Re: [Globex rollout] Your turn: Order form signed (due ...)"): "The order form is
signed, done", "Priya finished the order form" then say the step is done, the one who did it
opening the sentence. Words of anything else beside "done" are still asked about."""

from __future__ import annotations

import quopri
from datetime import date

import pytest

from mutualplan.mail.reading import read_reply, step_title
from mutualplan.models import Intent

TODAY = date(2026, 12, 1)


def reply(subject: str, text: str) -> bytes:
    body = quopri.encodestring(f"{text}\r\n".encode()).decode("ascii")
    return (
        "From: Jane Doe <jane.doe@globex.example>\r\n"
        "To: plans+ms-1@deals.acme.example\r\n"
        f"Subject: {subject}\r\n"
        "Date: Tue, 01 Dec 2026 09:14:00 -0800\r\n"
        "Message-ID: <named@globex.example>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + body
    ).encode("utf-8")


ORDER_FORM = "Re: [Globex rollout] Your turn: Order form signed (due 2026-12-04)"
DE_ORDER_FORM = "AW: [Globex] Du bist dran: Bestellformular unterschreiben (fällig 2026-12-04)"
SECURITY = "Re: [Globex rollout] Your turn: Security review complete (due 2026-12-04)"


@pytest.mark.parametrize(
    ("subject", "title"),
    [
        (ORDER_FORM, "Order form signed"),
        (DE_ORDER_FORM, "Bestellformular unterschreiben"),
        ("Re: [Globex] お願い：セキュリティレビュー（期限 2026-12-04）", "セキュリティレビュー"),
        ("Re: lunch tomorrow?", ""),
    ],
)
def test_the_step_is_read_from_the_subject(subject: str, title: str) -> None:
    assert step_title(subject) == title


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        (ORDER_FORM, "Priya finished the order form this morning"),
        (ORDER_FORM, "The order form is done"),
        (SECURITY, "Maria finished the security review yesterday"),
        (SECURITY, "Das Security-Review ist done, danke"),
        (SECURITY, "De review is done, bedankt!"),
        (DE_ORDER_FORM, "Kim hat das Bestellformular gestern erledigt"),
        (SECURITY, "Hi, Jane is on leave so I'm replying for her: the security review is done."),
        (SECURITY, "I am pleased to confirm that the security review has been completed."),
        (SECURITY, "Security review: done"),
        (SECURITY, "Security review and pen test are both done"),
        (SECURITY, "Das Security-Review und der Pentest sind beide erledigt"),
        (ORDER_FORM, "Order form - done, thanks"),
    ],
)
def test_naming_the_step_with_done_marks_it_done(subject: str, text: str) -> None:
    assert read_reply(reply(subject, text), today=TODAY).intent is Intent.DONE


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        (ORDER_FORM, "Priya finished the slides this morning"),
        (SECURITY, "The order form is done"),
        (SECURITY, "Nobody finished the security review"),
        (SECURITY, "Only finished the security review"),
        (SECURITY, "Maria will finish the security review tomorrow"),
        (SECURITY, "The DPA is done but the security review is still open"),
        (SECURITY, "Sam asked whether the security review is done"),
        (SECURITY, "If legal signs, the security review is done"),
        (SECURITY, "I think so, the security review is done"),
        (SECURITY, "DPA: done"),
        (SECURITY, "Pen test and DPA are both done"),
        (SECURITY, "Both the pen test and the DPA are done, the security review is next"),
        (SECURITY, "Security review and pen test are both almost done"),
        (SECURITY, "Security review: not done"),
        (DE_ORDER_FORM, "Niemand hat das Bestellformular erledigt"),
        ("Re: lunch tomorrow?", "Maria finished the security review yesterday"),
    ],
)
def test_anything_else_beside_done_is_not_acted_on(subject: str, text: str) -> None:
    assert read_reply(reply(subject, text), today=TODAY).intent is not Intent.DONE
