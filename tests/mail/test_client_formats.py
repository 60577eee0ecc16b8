"""The natural replies as Gmail, Outlook (HTML only, under its divRplyFwdMsg quote), Apple Mail and
Thunderbird (format=flowed) send them: one case of each intent in each language, read the same
whatever the client."""

from __future__ import annotations

import pytest

from mutualplan.mail.reading import read_reply
from mutualplan.models import Intent
from tests.support.client_formats import CLIENTS
from tests.support.natural_cases import HELD_OUT, Case, judge, load


def one_of_each() -> list[Case]:
    """The first case of each (language, intent) in the held-out set."""
    chosen: dict[tuple[str, str], Case] = {}
    for case in load(HELD_OUT):
        chosen.setdefault((case.lang, case.intent), case)
    return list(chosen.values())


CASES = one_of_each()


def test_every_language_and_intent_is_covered() -> None:
    assert len({c.lang for c in CASES}) == 8
    assert {c.intent for c in CASES} >= {"done", "blocked", "reschedule", "reassign", "-"}


@pytest.mark.parametrize("client", sorted(CLIENTS))
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_each_client_is_read_alike(case: Case, client: str) -> None:
    reply = read_reply(CLIENTS[client](case))
    assert judge(case, reply) == "right", (reply.intent, reply.argument, reply.text)
    assert reply.text.split("\n")[0] == case.text  # the words, without the quote below
    assert reply.sent_at is not None and reply.sent_at.date().isoformat() == "2026-12-01"


def test_outlook_done_with_an_emoji_under_its_quote_block() -> None:
    reply = read_reply(CLIENTS["outlook"](Case("en", "done", "", "Done \u2705")))
    assert (reply.intent, reply.text) == (Intent.DONE, "Done \u2705")
