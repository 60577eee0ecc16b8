"""Formal letters: a salutation with a title ("Madame, Monsieur,", "Geachte heer De Vries,",
"Gentile Dott. Rossi,") is passed over like "Hi Alex,", and a request made politely with a word
that is a hedge or a condition elsewhere ("Zou u ...", "Le sarei grata se ...") is a request.
And a date written with its weekday in brackets ("12/18（金）", "Dec 18 (Fri)") is that one day.

Today is Tuesday 1 December 2026 for every reading here.
"""

from __future__ import annotations

from datetime import date

import pytest

from mutualplan.mail.natural.findings import Certainty
from mutualplan.mail.understanding import understand
from mutualplan.models import Intent

TODAY = date(2026, 12, 1)
FRIDAY_18 = date(2026, 12, 18)


@pytest.mark.parametrize(
    "text",
    [
        "Madame, Monsieur,\n\nC'est fait de notre côté.\n\nCordialement,\nJane Doe",
        "Messieurs,\n\nC'est terminé.\n\nJane Doe",
        "Geachte heer De Vries,\n\nIs bij ons afgerond.\n\nMet vriendelijke groet,\nJane Doe",
        "Geachte mevr. Jansen,\n\nAfgerond.\n\nJane",
        "Gentile Dott. Rossi,\n\nda parte nostra è fatto.\n\nDistinti saluti,\nJane Doe",
        "Gentile Prof. Bianchi,\n\nCompletato.\n\nJane",
        "株式会社アクメ\n山田様\n\nいつも大変お世話になっております。\nグローベックスのジェーンでございます。"
        "\n\n本件、完了いたしました。\n\n何卒よろしくお願い申し上げます。",
        "アクメ株式会社 御中\n\n完了でございます。",
    ],
)
def test_a_formal_salutation_is_passed_over(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.acts) == (Intent.DONE, True), found


@pytest.mark.parametrize(
    "text",
    [
        "Zou u de deadline willen verplaatsen naar vrijdag 18 december?",
        "Zou je het naar 18 december willen verplaatsen?",
        "Le sarei grata se potesse posticipare la scadenza al 18 dicembre.",
        "Ti sarei grato se potessi spostarlo al 18 dicembre.",
        "I would be grateful if the deadline could be moved to Friday 18 December.",
        "Gostaria de solicitar que o prazo seja adiado para 18 de dezembro.",
        "Gostaríamos que o prazo fosse adiado para 18 de dezembro.",
    ],
)
def test_a_polite_request_for_a_new_date_is_one(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.when, found.acts) == (Intent.RESCHEDULE, FRIDAY_18, True), found


@pytest.mark.parametrize(
    "text",
    [
        "Zou het klaar zijn? Misschien naar 18 december verplaatsen",
        "Se legale firma, possiamo spostarlo al 18 dicembre",
        "If legal agrees, can we move this to December 18?",
    ],
)
def test_a_hedge_or_a_condition_outside_the_request_is_still_asked_about(text: str) -> None:
    found = understand(text, TODAY)
    assert not found.acts, found


@pytest.mark.parametrize(
    "text",
    [
        "12/18（金）に変更お願いします",
        "12月18日（金）に延期してください",
        "Can we move this to Dec 18 (Fri)?",
        "Please push this to 12/18 (Fri)",
    ],
)
def test_a_date_with_its_weekday_in_brackets_is_that_day(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.when, found.acts) == (Intent.RESCHEDULE, FRIDAY_18, True), found


@pytest.mark.parametrize(
    "text",
    ["12月17日（金）に変更できますか？", "Can we move this to Dec 17 (Fri)?", "12/17（金）に延期"],
)
def test_a_weekday_in_brackets_that_is_not_the_dates_is_asked_about(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.certainty) == (Intent.RESCHEDULE, Certainty.PROBABLE), found
    assert "is a Thursday" in found.doubts[0]


@pytest.mark.parametrize(
    "text",
    [
        "I am pleased to confirm that it is done.",
        "We can confirm that this is completed.",
        "Je vous confirme que c'est fait.",
        "Le confirmo que está hecho.",
        "Hiermit bestätige ich, dass es erledigt ist.",
        "Le confermo che è completato.",
        "Hierbij bevestig ik dat het afgerond is.",
        "Confirmo que está concluído.",
        "完了いたしましたのでご報告申し上げます。",
    ],
)
def test_a_formal_lead_in_to_done_is_done(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.acts) == (Intent.DONE, True), found


@pytest.mark.parametrize(
    "text", ["I can confirm that it is not done.", "Je vous confirme que ce n'est pas fait."]
)
def test_a_formal_lead_in_keeps_its_negation(text: str) -> None:
    assert not understand(text, TODAY).acts


@pytest.mark.parametrize(
    "text",
    [
        "Können wir das auf Freitag, den 18. Dezember verschieben?",
        "Könnten wir die Frist bitte auf Freitag, den 18. Dezember, verlegen?",
        "Could we move this to Friday, the 18th of December?",
    ],
)
def test_a_date_with_its_weekday_written_first_and_a_comma(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.when, found.acts) == (Intent.RESCHEDULE, FRIDAY_18, True), found


@pytest.mark.parametrize(
    "text",
    [
        "Können wir das auf Donnerstag, den 18. Dezember verschieben?",
        "Wir ziehen am 18. um, verlegen?",
    ],
)
def test_a_wrong_weekday_or_a_lone_word_after_news_is_not_applied(text: str) -> None:
    assert not understand(text, TODAY).acts


def test_who_writes_is_passed_over_but_not_a_done_said_formally() -> None:
    found = understand("ジェーンと申します。まだ完了していません。", TODAY)
    assert not found.acts, found
