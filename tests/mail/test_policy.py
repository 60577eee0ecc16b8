"""The engine's `email` policy reads and writes every message as `email.policy.default` does:
its header caches change how long it takes, nothing else. Checked on the real mail of the
corpora, each message read twice (the second time from the caches)."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from mutualplan.mail.policy import POLICY

CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"
MESSAGES = sorted(p for p in CORPORA.rglob("*") if p.is_file() and p.suffix in {".eml", ""})


def headers(msg: EmailMessage) -> list[tuple[str, str, tuple[str, ...]]]:
    found = []
    for part in msg.walk():
        for name, value in part.items():
            found.append((name, str(value), tuple(type(d).__name__ for d in value.defects)))
    return found


def test_the_corpora_are_here() -> None:
    assert len(MESSAGES) > 600


@pytest.mark.parametrize("path", MESSAGES, ids=lambda p: str(p.relative_to(CORPORA)))
def test_a_message_reads_and_writes_as_with_the_default_policy(path: Path) -> None:
    raw = path.read_bytes()
    expected = email.message_from_bytes(raw, policy=email.policy.default)
    for _ in range(2):
        ours = email.message_from_bytes(raw, policy=POLICY)
        assert headers(ours) == headers(expected)  # type: ignore[arg-type]
        assert ours.as_bytes() == expected.as_bytes()
