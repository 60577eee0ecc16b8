"""Replies as mail clients we did not build the trimmer against write them (in
tests/fixtures/clients/): the fresh text is cut from the quoted history, the signature, the legal
footer and the phone's "Sent from" line, and the command in it is read."""

from __future__ import annotations

import pytest

from tests.support.held_out_clients import ClientCase, load

CASES = load()


def test_the_set_covers_every_language_and_many_clients() -> None:
    assert len(CASES) >= 60
    assert {c.lang for c in CASES} == {"en", "de", "fr", "es", "nl", "pt", "it", "ja"}
    assert len({c.client.split(" (")[0] for c in CASES}) >= 15


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_fresh_text_and_command(case: ClientCase) -> None:
    reply = case.read()
    assert reply.text == case.fresh
    assert case.command_right(reply), (reply.intent, reply.argument)
