"""A word that asks for a new date names what it moves: the step, a pronoun for it, or nothing
("postpone to the 18th") moves the step; anything else named ("we postponed the office party to
Friday", "Wir haben die Weihnachtsfeier auf den 18. verschoben", "忘年会を金曜日に延期しました")
is news, or asked about when the sentence asks for it (the thing named may be the step).

Today is Tuesday 1 December 2026 for every reading here.
"""

from __future__ import annotations

from datetime import date

import pytest

from mutualplan.mail.natural.findings import Certainty
from mutualplan.mail.understanding import understand
from mutualplan.models import Intent, Shift

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    "text",
    [
        "We postponed the office party to Friday",
        "They delayed the product launch until the 18th.",
        "Finance pushed the budget freeze to January 15.",
        "We've rescheduled our board offsite for Monday",
        "Wir haben die Weihnachtsfeier auf Freitag verschoben",
        "Wir verschieben die Inventur auf den 14.",
        "On a reporté le séminaire d'équipe au 18 décembre",
        "Hemos aplazado la cena de empresa al lunes",
        "Abbiamo posticipato la festa di Natale a venerdì",
        "We hebben de nieuwjaarsborrel verplaatst naar 8 januari",
        "De directie heeft de audit uitgesteld tot maandag",
        "Adiamos o treinamento da equipe para segunda",
        "年末の棚卸しを12月18日に延期しました",
    ],
)
def test_a_new_date_for_something_else_named_is_news(text: str) -> None:
    found = understand(text, TODAY)
    assert not found.acts and found.intent is not Intent.RESCHEDULE, found


@pytest.mark.parametrize(
    "text",
    [
        "Can we push the security review to Friday?",
        "Könnten wir die Sicherheitsprüfung auf Freitag verschieben?",
        "¿Podemos aplazar la auditoría al viernes?",
    ],
)
def test_a_request_naming_something_else_is_asked_about(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.certainty, found.when) == (
        Intent.RESCHEDULE,
        Certainty.PROBABLE,
        date(2026, 12, 4),
    ), found


@pytest.mark.parametrize(
    "text",
    [
        "We've postponed this to Friday",
        "Postponed to Friday, legal needs the time",
        "Please postpone the deadline to Friday",
        "Can we push it to Friday?",
        "Can we push this out to Friday?",
        "Können wir das noch auf Freitag verschieben?",
        "Wir haben das auf Freitag verschoben",
        "Bitte die Frist auf Freitag verschieben",
        "On l'a reporté à vendredi",
        "Pourriez-vous reporter la date à vendredi ?",
        "Lo hemos aplazado al viernes",
        "Possiamo rinviare la scadenza a venerdì?",
        "We hebben het uitgesteld naar vrijdag",
        "Kunnen we de deadline naar vrijdag verplaatsen?",
        "Adiamos isso para sexta",
        "期限を金曜日に延期してください",
    ],
)
def test_the_step_a_pronoun_or_nothing_moves_the_step(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.when, found.acts) == (Intent.RESCHEDULE, date(2026, 12, 4), True), (
        found
    )


@pytest.mark.parametrize(
    "text",
    [
        "期限の4日までには仕上げます。",  # "we will finish it by the deadline, the 4th"
        "期限は4日のままで大丈夫です。",  # "the deadline can stay the 4th"
        "なお、9日に役員会があります。期限の4日までには仕上げます。",
    ],
)
def test_a_deadline_promised_or_kept_moves_nothing(text: str) -> None:
    assert understand(text, TODAY).intent is not Intent.RESCHEDULE


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("期限を11日に変更してください。", date(2026, 12, 11)),
        ("期限は11日でお願いします。", date(2026, 12, 11)),
        ("Push this to Friday", date(2026, 12, 4)),  # Friday is its date already: as asked
    ],
)
def test_a_new_deadline_asked_for_is_read(text: str, when: date) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.certainty, found.when) == (
        Intent.RESCHEDULE,
        Certainty.CERTAIN,
        when,
    )


@pytest.mark.parametrize(
    ("text", "weeks"),
    [
        ("期限を1週間後ろ倒しにしていただけますか。", 1),  # a week later, not a week from today
        ("¿Podemos aplazar el plazo en dos semanas?", 2),  # by two weeks, not in two weeks
    ],
)
def test_a_deadline_moved_by_an_amount_moves_from_its_own_date(text: str, weeks: int) -> None:
    found = understand(text, TODAY)
    assert found.intent is Intent.RESCHEDULE and found.acts
    assert found.details == Shift(count=weeks, unit="weeks")
