"""Replies typed on a phone: no apostrophes ("cant", "cest"), no dot after a day ("auf den 18"),
colloquial contractions ("pro dia 18"), no capitals or punctuation.

Today is Tuesday 1 December 2026 for every reading here.
"""

from __future__ import annotations

from datetime import date

import pytest

from mutualplan.mail.understanding import understand
from mutualplan.models import Intent

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("cant do anything till legal signs the nda", Intent.BLOCKED),
        ("we cant move forward until IT approves", Intent.BLOCKED),
        ("wont be able to start before the PO arrives", Intent.BLOCKED),
        ("cest fait merci", Intent.DONE),
        ("cest bon cest fait", Intent.DONE),
    ],
)
def test_words_without_their_apostrophe(text: str, intent: Intent) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.acts) == (intent, True), found


@pytest.mark.parametrize("text", ["cant wait to get this done", "cest pas fait", "cest pas fini"])
def test_without_apostrophes_a_negation_is_still_one(text: str) -> None:
    assert not understand(text, TODAY).acts


@pytest.mark.parametrize(
    "text",
    [
        "kim is taking this from now on kim.lee@globex.example",
        "Kim takes it from here: kim.lee@globex.example",
    ],
)
def test_taking_it_from_now_on_is_a_new_owner(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.address, found.acts) == (
        Intent.REASSIGN,
        "kim.lee@globex.example",
        True,
    ), found


@pytest.mark.parametrize(
    "text",
    [
        "koennen wir das auf den 18 schieben",
        "bitte auf den 18 verschieben",
        "kannst du das auf den 18 schieben",
        "da pra passar pro dia 18",
        "podemos passar pro dia 18",
        "on peut decaler au 18",
    ],
)
def test_a_day_typed_without_its_dot_or_with_a_contraction(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.when, found.acts) == (
        Intent.RESCHEDULE,
        date(2026, 12, 18),
        True,
    ), found


@pytest.mark.parametrize(
    "text",
    ["wir haben am 18 uhr ein meeting", "in den 18 monaten verschieben wir nichts"],
)
def test_a_number_after_den_or_am_that_is_no_day(text: str) -> None:
    found = understand(text, TODAY)
    assert found.when != date(2026, 12, 18) and not found.acts, found


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Could we push it to the eighteenth?", 18),
        ("push it to the eighteenth please", 18),
        ("can we move this to the twenty-first", 21),
        ("move it to the twenty first?", 21),
        ("Can we do the thirtieth instead?", 30),
    ],
)
def test_a_day_of_the_month_in_words(text: str, day: int) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.when, found.acts) == (
        Intent.RESCHEDULE,
        date(2026, 12, day),
        True,
    ), found


@pytest.mark.parametrize(
    "text", ["Can we move the fourth workshop to the 18th?", "Done with the fourth"]
)
def test_an_ordinal_before_a_noun_or_alone_after_done_is_no_day(text: str) -> None:
    found = understand(text, TODAY)
    assert found.when != date(2026, 12, 4), found


@pytest.mark.parametrize(
    "text",
    [
        "Yes, completed yesterday afternoon.",
        "erledigt, gestern abend",
        "hecho anoche",
        "fatto ieri sera tutto ok",
        "klaar, gisteravond",
        "feito ontem à tarde",
    ],
)
def test_done_with_the_part_of_the_day_it_was_done(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.acts) == (Intent.DONE, True), found


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("done sent the report to legal this morning", "sent the report to legal this morning"),
        ("done signed and returned it", "signed and returned it"),
        ("finished uploaded the report to the portal", "uploaded the report to the portal"),
    ],
)
def test_done_then_what_was_done_without_a_stop(text: str, note: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.argument, found.acts) == (Intent.DONE, note, True), found


@pytest.mark.parametrize(
    "text", ["done deal", "done? sent it", "done didnt send it yet", "done I think sent it"]
)
def test_done_then_words_that_are_no_past_tense_is_not_applied(text: str) -> None:
    assert not understand(text, TODAY).acts
