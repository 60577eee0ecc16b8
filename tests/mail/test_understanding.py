"""How a reply is understood: the typed argument, how sure, what is asked about and why.

Today is Tuesday 1 December 2026 for every reading here (a reply's Date fixes its "today"; no test
depends on the clock).
"""

from __future__ import annotations

from datetime import date

import pytest

from mutualplan.mail.dates import find_dates, parse_date
from mutualplan.mail.language import _detector, detect_language
from mutualplan.mail.natural import Certainty
from mutualplan.mail.understanding import understand
from mutualplan.models import Instruction, Intent

TODAY = date(2026, 12, 1)


def test_a_certain_reading_carries_its_typed_argument_and_where_it_was_read() -> None:
    found = understand("Hi Alex,\n\nCan we move this to Fri 11 Dec?\n\nJane", TODAY)
    assert (found.intent, found.certainty, found.when) == (
        Intent.RESCHEDULE,
        Certainty.CERTAIN,
        date(2026, 12, 11),
    )
    assert found.argument == "2026-12-11" and found.acts
    assert found.read_from == "Can we move this to Fri 11 Dec?"
    assert found.described() == "new date Fri 11 Dec 2026"
    assert found.language == "en"


def test_a_date_that_reads_two_ways_is_asked_about_with_both_readings() -> None:
    found = understand("Please move this to 12/11", TODAY)
    assert (found.intent, found.certainty, found.acts) == (
        Intent.RESCHEDULE,
        Certainty.PROBABLE,
        False,
    )
    assert found.options == ["2026-12-11", "2027-11-12"]
    assert found.doubts == ["\u00ab12/11\u00bb reads two ways: Fri 11 Dec 2026 or Fri 12 Nov 2027?"]


def test_day_first_where_the_language_writes_it_so() -> None:
    found = understand("Bitte auf den 12.1. verschieben", TODAY)
    assert found.when == date(2027, 1, 12) and found.acts
    assert understand("Report au 05/01/2027 svp", TODAY).when == date(2027, 1, 5)


@pytest.mark.parametrize(
    ("text", "doubt"),
    [
        ("Can we move this to 2026-11-20?", "\u00ab2026-11-20\u00bb is in the past"),
        ("Move to whenever suits", "I could not read a date in \u00abwhenever suits\u00bb"),
        (
            "Push to Thursday 11 December",
            "\u00abThursday 11 December\u00bb: 11 December 2026 is a Friday",
        ),
    ],
)
def test_a_date_that_cannot_be_acted_on_says_why(text: str, doubt: str) -> None:
    found = understand(text, TODAY)
    assert found.intent is Intent.RESCHEDULE and not found.acts
    assert found.doubts == [doubt]


@pytest.mark.parametrize(
    ("text", "intent", "certainty"),
    [
        ("I think we're done here?", Intent.DONE, Certainty.PROBABLE),
        ("Probably done", Intent.DONE, Certainty.PROBABLE),
        ("Done, but legal still has to sign", Intent.DONE, Certainty.PROBABLE),
        ("We met today.\n\nDone", Intent.DONE, Certainty.PROBABLE),
        ("\u2705", Intent.DONE, Certainty.PROBABLE),
        ("We might need to push this to Friday", Intent.RESCHEDULE, Certainty.PROBABLE),
        ("Not done yet", Intent.UNKNOWN, Certainty.NONE),
        ("Is this done?", Intent.UNKNOWN, Certainty.NONE),
        ("Once it's done I'll let you know", Intent.UNKNOWN, Certainty.NONE),
        ("Can we skip the call on the 23rd?", Intent.UNKNOWN, Certainty.NONE),
        # a date for something else: conversation, for the seller
        ("Can we move the call to Friday?", Intent.UNKNOWN, Certainty.NONE),
        ("Können wir das Meeting auf Freitag verschieben?", Intent.UNKNOWN, Certainty.NONE),
        ("On peut décaler la réunion à vendredi ?", Intent.UNKNOWN, Certainty.NONE),
        ("Yes", Intent.YES, Certainty.CERTAIN),
        ("Ja, bitte", Intent.YES, Certainty.CERTAIN),
        # consent, as a "yes" to a question is written
        ("Yes, go ahead", Intent.YES, Certainty.CERTAIN),
        ("Correct, thanks!", Intent.YES, Certainty.CERTAIN),
        ("Genau", Intent.YES, Certainty.CERTAIN),
        ("Oui, c'est ça", Intent.YES, Certainty.CERTAIN),
        ("Klopt", Intent.YES, Certainty.CERTAIN),
        ("No, do not do it", Intent.UNKNOWN, Certainty.NONE),
        ("Correct?", Intent.UNKNOWN, Certainty.NONE),
    ],
)
def test_how_sure(text: str, intent: Intent, certainty: Certainty) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.certainty) == (intent, certainty)
    assert not found.acts


def test_a_bare_yes_is_read_but_not_acted_on() -> None:
    found = understand("Yes!", TODAY)
    assert found.intent is Intent.YES and not found.acts


def test_blocked_reason_and_note_text_are_typed() -> None:
    blocked = understand("We're blocked on procurement.\n\nJane", TODAY)
    assert (blocked.intent, blocked.reason) == (Intent.BLOCKED, "procurement.")
    note = understand("FYI: Sam is out until Monday.\nBack on Tuesday.\n\nJane", TODAY)
    assert (note.intent, note.reason) == (Intent.NOTE, "Sam is out until Monday. Back on Tuesday.")


def test_a_reassign_names_the_address_and_refuses_one_without() -> None:
    found = understand("Raj (raj.patel@globex.example) owns this now", TODAY)
    assert (found.intent, found.address) == (Intent.REASSIGN, "raj.patel@globex.example")
    tried = understand("assign to Raj", TODAY)
    assert (tried.intent, tried.acts, tried.doubts) == (
        Intent.REASSIGN,
        False,
        ["\u00abRaj\u00bb has no email address"],
    )


def test_the_command_lines_after_a_natural_first_line_are_applied_with_it() -> None:
    found = understand("Yes, done.\n#3 new date: 2027-01-15\nThanks!", TODAY)
    assert found.intent is Intent.DONE and found.acts
    assert found.more == [Instruction(intent=Intent.RESCHEDULE, argument="2027-01-15", step=3)]


def test_a_step_named_before_natural_words() -> None:
    found = understand("#4 erledigt", TODAY)
    assert (found.intent, found.step, found.acts) == (Intent.DONE, 4, True)


def test_dates_in_words_of_each_language() -> None:
    written = {
        "18 December": "en", "18. Dezember": "de", "18 décembre": "fr", "18 de diciembre": "es",
        "18 december": "nl", "18 de dezembro": "pt", "18 dicembre": "it", "12月18日": "ja",
    }  # fmt: skip
    for text, language in written.items():
        assert parse_date(text, TODAY, language=language) == date(2026, 12, 18), text
    assert [r.when for r in find_dates("vendredi", TODAY)] == [date(2026, 12, 4)]
    assert find_dates("next Friday", TODAY)[0].options == (date(2026, 12, 4), date(2026, 12, 11))


@pytest.mark.parametrize(
    ("text", "language", "day"),
    [
        ("mon 14th", "en", date(2026, 12, 14)),
        ("Wed the 9th", "en", date(2026, 12, 9)),
        ("Montag 14.12.", "de", date(2026, 12, 14)),
        ("am Freitag, den 18.12.", "de", date(2026, 12, 18)),
        ("lundi 14", "fr", date(2026, 12, 14)),
        ("el lunes 14", "es", date(2026, 12, 14)),
        ("lunedì 14", "it", date(2026, 12, 14)),
        ("Friday 10am", "en", date(2026, 12, 4)),  # a time, not a day of the month
    ],
)
def test_a_weekday_with_the_day_after_it_is_one_day(text: str, language: str, day: date) -> None:
    assert parse_date(text, TODAY, language=language) == day


def test_a_weekday_that_is_not_the_day_after_it_is_asked_about() -> None:
    found = understand("Push to Thursday 11", TODAY)
    assert found.intent is Intent.RESCHEDULE and not found.acts
    assert found.doubts == ["\u00abThursday 11\u00bb: 11 December 2026 is a Friday"]


def test_the_end_of_next_week_is_its_friday_in_each_language() -> None:
    written = {
        "end of next week": "en", "Ende nächster Woche": "de",
        "fin de la semaine prochaine": "fr", "finales de la semana que viene": "es",
        "eind volgende week": "nl", "fim da semana que vem": "pt",
        "fine della settimana prossima": "it",
    }  # fmt: skip
    for text, language in written.items():
        assert parse_date(text, TODAY, language=language) == date(2026, 12, 11), text


def test_a_japanese_date_with_a_slash_is_month_first() -> None:
    found = understand("締切を12/15にずらしてください", TODAY)
    assert (found.intent, found.when, found.acts) == (Intent.RESCHEDULE, date(2026, 12, 15), True)


@pytest.mark.parametrize(
    ("text", "acts"),
    [
        ("Compelted \u2705", True),  # two letters swapped
        ("finsihed this yesterday, thx", True),
        ("donee", True),  # the last letter held down
        ("Doneです\uff01", True),  # kana end an English word
        ("not finsihed", False),
        ("donee?", False),
        ("none", False),
        ("gone", False),
        ("we compete with them", False),
    ],
)
def test_a_slip_in_a_done_word_is_the_word(text: str, acts: bool) -> None:
    found = understand(text, TODAY)
    assert (found.intent is Intent.DONE and found.acts) is acts, found


def test_a_proposed_date_needs_the_date() -> None:
    found = understand("need a couple more days, can we do Wed the 9th", TODAY)
    assert (found.intent, found.when, found.acts) == (Intent.RESCHEDULE, date(2026, 12, 9), True)
    talks = (
        "Can we do a call on this?",
        "let's do the call on Wed the 9th",  # the date is the call's
        "we need more time",
        "Kan het naar de juristen?",
    )
    for text in talks:
        talk = understand(text, TODAY)
        assert (talk.intent, talk.doubts) == (Intent.UNKNOWN, []), text  # conversation


@pytest.mark.parametrize(
    "text",
    [
        "Out of office until Monday - tom.berg@globex.example will handle anything urgent",
        "Ich bin im Urlaub, tom.berg@globex.example übernimmt meine Vertretung",
        "Estoy de vacaciones, tom.berg@globex.example se encarga de lo urgente",
        "Sono in ferie, per urgenze tom.berg@globex.example se ne occupa",
    ],
)
def test_a_stand_in_while_away_is_no_new_owner(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.acts, found.doubts) == (Intent.UNKNOWN, False, [])


def test_an_address_written_inside_japanese_is_the_address_alone() -> None:
    found = understand("担当をトムさん\uff08tom.berg@globex.example\uff09に引き継ぎます", TODAY)
    assert (found.intent, found.address) == (Intent.REASSIGN, "tom.berg@globex.example")


def test_the_language_of_a_reply_and_one_detector_per_process() -> None:
    assert detect_language("Wir warten noch auf die Freigabe der IT-Abteilung") == "de"
    assert detect_language("Erledigt", hint="de") == "de"
    assert detect_language("👍") == ""
    assert _detector() is _detector()
