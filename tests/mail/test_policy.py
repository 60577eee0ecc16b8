"""The engine's `email` policy reads and writes every message as `email.policy.default` does:
its header caches change how long it takes, nothing else. Checked on the real mail of the
corpora, each message read twice (the second time from the caches)."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from mutualplan.mail.policy import POLICY, SMTP_POLICY, SMTPUTF8_POLICY
from tests.support.corpora import EVERY_CORPUS

MESSAGES = [p for p in EVERY_CORPUS.files() if p.suffix in {".eml", ""}]


def headers(msg: EmailMessage) -> list[tuple[str, str, tuple[str, ...]]]:
    found = []
    for part in msg.walk():
        for name, value in part.items():
            found.append((name, str(value), tuple(type(d).__name__ for d in value.defects)))
    return found


def test_the_corpora_are_here() -> None:
    assert len(MESSAGES) > 600


@pytest.mark.slow  # a sweep: every message of the corpora, read twice each way
@pytest.mark.parametrize("path", MESSAGES, ids=lambda p: str(p.relative_to(EVERY_CORPUS.path)))
def test_a_message_reads_and_writes_as_with_the_default_policy(path: Path) -> None:
    raw = path.read_bytes()
    expected = email.message_from_bytes(raw, policy=email.policy.default)
    for _ in range(2):
        ours = email.message_from_bytes(raw, policy=POLICY)
        assert headers(ours) == headers(expected)  # type: ignore[arg-type]
        assert ours.as_bytes() == expected.as_bytes()


def composed(policy: email.policy.EmailPolicy) -> EmailMessage:
    msg = EmailMessage(policy=policy)
    msg["From"] = "Zoë Seller via mutualplan <plans@mutualplan.localhost>"
    msg["To"] = "Jürgen Doe <jurgen@globex.example>, Jane Doe <jane@globex.example>"
    msg["Subject"] = "[Globex — rollout] Your turn: a subject long enough to be folded, twice over"
    msg.set_content("Hi Jürgen,\n")
    msg.add_alternative("<p>Hi J&uuml;rgen,</p>\n", subtype="html")
    msg.set_boundary("=_boundary")
    return msg


def test_a_header_set_is_written_as_with_the_default_policy_in_every_way() -> None:
    """Headers set (not read) are folded once per way of writing them: the CRLF, UTF-8 and
    plain ones never stand in for one another, however often and in whatever order."""
    ways = [
        (POLICY, email.policy.default),
        (SMTP_POLICY, email.policy.SMTP),
        (SMTPUTF8_POLICY, email.policy.SMTPUTF8),
    ]
    for _ in range(2):
        for ours, theirs in ways + ways[::-1]:
            expected = composed(email.policy.default).as_bytes(policy=theirs)
            assert composed(POLICY).as_bytes(policy=ours) == expected
