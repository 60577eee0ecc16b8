"""How a reply is understood: the typed argument, how sure, what is asked about and why.

Today is Tuesday 1 December 2026 for every reading here (a reply's Date fixes its "today"; no test
depends on the clock).
"""

from __future__ import annotations

from datetime import date
from email.utils import parseaddr

import pytest

from mutualplan.mail.dates import find_dates, parse_date
from mutualplan.mail.language import _detector, detect_language
from mutualplan.mail.natural.findings import Certainty
from mutualplan.mail.reading import read_reply
from mutualplan.mail.understanding import understand
from mutualplan.models import Instruction, Intent, NewPerson, Shift

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
    found = understand("Please move this to 3/2", TODAY)
    assert (found.intent, found.certainty, found.acts) == (
        Intent.RESCHEDULE,
        Certainty.PROBABLE,
        False,
    )
    assert found.options == ["2027-02-03", "2027-03-02"]
    assert found.doubts == ["\u00ab3/2\u00bb reads two ways: Wed 3 Feb 2027 or Tue 2 Mar 2027?"]


@pytest.mark.parametrize("text", ["Please move this to 12/11", "Let's say Friday 12/11 instead"])
def test_of_two_readings_the_one_almost_a_year_away_gives_way(text: str) -> None:
    """On 1 December "12/11" is 11 December: 12 November is gone, and next year's is no new
    date for a step due this week."""
    found = understand(text, TODAY)
    assert (found.intent, found.when, found.acts) == (Intent.RESCHEDULE, date(2026, 12, 11), True)


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
        ("We met today, but a few points are still open.\n\nDone", Intent.DONE, Certainty.PROBABLE),
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


@pytest.mark.parametrize(
    ("text", "intent", "argument"),
    [
        # a handover in the imperative, or naming who is in charge now
        ("Por favor, passe para jane@globex.example", Intent.REASSIGN, "jane@globex.example"),
        ("Agora é ela a responsável: jane@globex.example", Intent.REASSIGN, "jane@globex.example"),
        # how things stand, asked as people ask it
        ("Hoe staat het ervoor?", Intent.STATUS, ""),
        ("Hoe staat het ermee?", Intent.STATUS, ""),
    ],
)
def test_handovers_and_status_questions_as_written(
    text: str, intent: Intent, argument: str
) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.certainty, found.argument) == (intent, Certainty.CERTAIN, argument)


# a hedge before "done", after it, on its own, in each language that has hedges
HEDGED_DONE = [
    "pretty sure it's done",
    "I'm fairly sure",
    "should be done",
    "I think so",
    "Yes, I think so",
    "done, I think",
    "Done - pretty sure",
    "It's done, I'm fairly sure",
    "Done, probably",
    "Done. Pretty sure.",
    "I'm almost certain it's done",
    "I'd think it's done",
    "Done, in principle",
    "Ziemlich sicher erledigt",
    "Erledigt, glaube ich",
    "Ich glaube schon",
    "Je suis presque sûr que c'est fait",
    "C'est fait, je crois",
    "Je pense que oui",
    "Casi seguro que está hecho",
    "Hecho, que yo sepa",
    "Creo que sí",
    "Tenho quase certeza que está feito",
    "Feito, acho",
    "Acho que sim",
    "Quasi sicuro che sia fatto",
    "Fatto, credo",
    "Credo di sì",
    "Zou klaar moeten zijn",
    "Klaar, als het goed is",
    "Ik denk het wel",
    "完了のはずです",
    "完了したかもしれません",
    "完了した気がします",
    "そう思います",
]


@pytest.mark.parametrize("text", HEDGED_DONE)
def test_a_hedged_done_is_asked_about_never_applied(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.certainty) == (Intent.DONE, Certainty.PROBABLE)
    assert not found.acts


@pytest.mark.parametrize(
    "text",
    [
        "I don't think so",
        "Not sure",
        "Probably not",
        "Maybe later",
        "Almost done, I think",
        "Pretty sure it's not done",
        "Ich glaube nicht",
        "Je ne pense pas",
        "Creo que no",
        "Acho que não",
        "Credo di no",
        "Ik denk het niet",
        "完了したはずがない",
    ],
)
def test_a_hedged_no_is_no_done(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.certainty) == (Intent.UNKNOWN, Certainty.NONE)


def test_a_hedge_after_done_is_no_part_of_its_note() -> None:
    found = understand("Done - agreed with Sam, I think", TODAY)
    assert (found.certainty, found.argument) == (Certainty.PROBABLE, "agreed with Sam")
    # more words than a hedge: the note, and "done" is sure
    kept = understand("Done, I hope that helps", TODAY)
    assert (kept.certainty, kept.argument) == (Certainty.CERTAIN, "I hope that helps")


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


@pytest.mark.parametrize(
    ("text", "name", "address"),
    [
        ("new owner: Jörg Müller <joerg@mueller.example>", "Jörg Müller", "joerg@mueller.example"),
        (
            'new owner: "Müller, Jörg" <joerg@mueller.example>',
            "Müller, Jörg",
            "joerg@mueller.example",
        ),
        ("new owner: Jörg Müller <jörg@müller.example>", "Jörg Müller", "jörg@müller.example"),
        ("new owner: 山田 太郎 <yamada@example.jp>", "山田 太郎", "yamada@example.jp"),
        ('new owner: "Bob \\"B\\" O\'Brien" <bob@x.example>', 'Bob "B" O\'Brien', "bob@x.example"),
        ("add: José Núñez <jose@acme.example> as Legal", "José Núñez", "jose@acme.example"),
    ],
)
def test_a_name_is_kept_as_written_with_its_address(text: str, name: str, address: str) -> None:
    # the plan reads the person back with parseaddr: an accented name stays a name (not
    # "=?utf-8?b?...?="), and an address with accents is a new owner, not an error
    found = understand(text, TODAY)
    person = found.details.person if isinstance(found.details, NewPerson) else found.argument
    assert found.acts and parseaddr(person) == (name, address), (found, person)


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


def test_weeks_from_today_are_one_day_in_each_language() -> None:
    written = {
        "in two weeks": "en", "two weeks from today": "en", "in 2 weeks": "en",
        "heute in zwei Wochen": "de", "dans deux semaines": "fr",
        "dentro de dos semanas": "es", "tra due settimane": "it", "over twee weken": "nl",
        "daqui a duas semanas": "pt", "2週間後": "ja", "二週間後": "ja",
    }  # fmt: skip
    for text, language in written.items():
        assert parse_date(text, TODAY, language=language) == date(2026, 12, 15), text
    # "today" inside "two weeks from today" is not a second date
    assert understand("Can we move this to two weeks from today?", TODAY).when == date(2026, 12, 15)


def test_the_end_of_the_month_is_its_last_working_day_in_each_language() -> None:
    written = {
        "the end of the month": "en", "Monatsende": "de", "Ende des Monats": "de",
        "la fin du mois": "fr", "finales de mes": "es", "fine mese": "it",
        "eind van de maand": "nl", "fim do mês": "pt", "月末": "ja",
    }  # fmt: skip
    for text, language in written.items():
        assert parse_date(text, TODAY, language=language) == date(2026, 12, 31), text
    # January 2027 ends on a Sunday: its last working day is Friday the 29th
    assert parse_date("end of the month", date(2027, 1, 4)) == date(2027, 1, 29)


def test_a_numbered_week_is_a_guess_unless_its_end_is_named() -> None:
    assert parse_date("KW 3", TODAY, language="de") is None
    assert find_dates("KW 3", TODAY)[0].vague
    assert parse_date("Ende KW 3", TODAY, language="de") == date(2027, 1, 22)
    assert parse_date("end of week 3", TODAY, language="en") == date(2027, 1, 22)
    found = understand("Können wir das auf KW 3 schieben?", TODAY)
    assert found.intent is Intent.RESCHEDULE and not found.acts


def test_next_weekday_named_on_that_weekday_is_a_week_on() -> None:
    # written on a Tuesday, "next Tuesday" is the 8th to everyone; "next Friday" reads two ways
    for text in ("next Tuesday", "nächsten Dienstag", "mardi prochain", "martedì prossimo"):
        assert parse_date(text, TODAY) == date(2026, 12, 8), text
    assert parse_date("next Friday", TODAY) is None


@pytest.mark.parametrize(
    "text",
    [
        "can we push this in a week or two?",
        "push this about two weeks from now",
        "Let's move it to around the end of the month",
        "Can we move this to around Dec 18?",
        "Bitte auf etwa Monatsende verschieben",
        "期限を月末頃に変更してください",
    ],
)
def test_a_date_said_to_be_about_right_is_asked_about(text: str) -> None:
    found = understand(text, TODAY)
    assert found.intent is Intent.RESCHEDULE and found.certainty is Certainty.PROBABLE, found


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "wir schaffen das bis Mittwoch, 16. Dezember \u2013 bitte so eintragen.",
            date(2026, 12, 16),
        ),
        ("lo vamos a tener para el martes 22 de diciembre, ¿lo actualizas?", date(2026, 12, 22)),
        ("a gente entrega na quarta, 9 de dezembro, pode atualizar o prazo?", date(2026, 12, 9)),
    ],
)
def test_a_date_it_will_be_ready_by_and_a_request_to_put_it_in_is_asked_about(
    text: str, day: date
) -> None:
    """Not a move in so many words: the new date, asked about ("Did you mean ...?"), rather
    than passed on to the seller as conversation."""
    found = understand(text, TODAY)
    assert found.intent is Intent.RESCHEDULE and found.certainty is Certainty.PROBABLE, found
    assert found.when == day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # a polite request, however it opens, is a request ("Poderia," is no addressee)
        ("Poderia, por favor, adiar o prazo para 18 de dezembro?", date(2026, 12, 18)),
        ("Could you, please, move this to Dec 18?", date(2026, 12, 18)),
        ("¿Sería tan amable de aplazarlo al 18 de diciembre?", date(2026, 12, 18)),
        ("Would you be so kind as to move this to Dec 18?", date(2026, 12, 18)),
        ("来週の火曜日にずらせますか？", date(2026, 12, 8)),
    ],
)
def test_a_polite_request_for_a_date_is_the_date(text: str, day: date) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.when, found.acts) == (Intent.RESCHEDULE, day, True), found


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
        ("dnoe", True),  # a short word: swapped
        ("Completd today, thanks", True),  # a letter left out
        ("Erldigt", True),
        ("erldigt, danke", True),
        ("C'est termine", True),  # an accent left out
        ("Termine, merci", True),
        ("Hehco", True),  # in the word lists, but rarer than a word: a typo
        ("Fattto", True),  # a letter doubled
        ("Fieto", True),
        ("Voltoiod, bedankt", True),
        ("Terminaod, gracias", True),
        ("Completaot, grazie", True),
        ("not finsihed", False),
        ("donee?", False),
        ("Dnoe?", False),
        ("not dnoe yet", False),
        ("Noch nicht erldigt", False),
        # words of the command's language are words
        ("none", False),
        ("gone", False),
        ("dome", False),
        ("bone", False),
        ("we compete with them", False),
        ("Erledige ich", False),  # "I'll do it"
        ("Finiro", False),  # "I'll finish", without its accent: a mistyped letter is a form
        ("Eseguirò", False),  # an accent the command word lacks
        ("Je termine", False),  # a word with its accent left out is read only as a status
        ("Je termine demain", False),
        # words of the reply's language, or of another of ours
        ("Donne", False),
        ("Je vous donne accès", False),
        ("Le donne del team sono in ferie", False),
        ("Doen", False),
        ("Doen we morgen", False),
        ("Boa sorte", False),
        ("I realise", False),
        ("Afgrond", False),  # an abyss
    ],
)
def test_a_slip_in_a_done_word_is_the_word(text: str, acts: bool) -> None:
    found = understand(text, TODAY)
    assert (found.intent is Intent.DONE and found.acts) is acts, found


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Blokced on legal", "legal"),
        ("blcoked - waiting for procurement", "waiting for procurement"),
        ("Blockeirt: warten auf die IT", "warten auf die IT"),
        ("Bloque : en attente du juridique", "en attente du juridique"),
        ("Blcoked", "no reason given"),
        ("Bloqeuado", "no reason given"),
    ],
)
def test_a_slip_in_a_blocked_word_is_the_word(text: str, reason: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.reason, found.acts) == (Intent.BLOCKED, reason, True), found


def test_a_slip_is_named_back_as_written_and_says_its_language() -> None:
    found = understand("Erldigt", TODAY)
    assert (found.read_from, found.language) == ("Erldigt", "de")
    blocked = understand("Blokced on legal", TODAY)
    assert blocked.read_from == "Blokced on legal"


def test_the_words_one_slip_from_a_command_word_are_up_to_date_with_the_lexicon() -> None:
    from mutualplan.mail.slips import _NEAR_WORDS
    from tests.support.near_words import written

    assert _NEAR_WORDS.read_text(encoding="utf-8") == written(), (
        "the lexicon changed: run python -m tests.support.near_words"
    )


# --- small talk before the command ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        (
            "Hi Alex, hope you had a great weekend and thanks again for the call on Friday. "
            "Done on our side.",
            Intent.DONE,
        ),
        ("Hi Alex,\n\nThanks again for the call, it was really helpful.\n\nDone.", Intent.DONE),
        ("Hope you're well! Blocked on procurement.", Intent.BLOCKED),
        (
            "Hallo Herr Weber, ich hoffe, Sie hatten ein schönes Wochenende. Von unserer Seite "
            "erledigt.",
            Intent.DONE,
        ),
        ("Bonjour, j'espère que vous allez bien. C'est fait.", Intent.DONE),
        ("Hola Ana, espero que estés bien. Hecho.", Intent.DONE),
        ("Ciao Marco, spero tutto bene. Fatto.", Intent.DONE),
        ("Hoi Sanne, ik hoop dat alles goed gaat. Afgerond.", Intent.DONE),
        ("Olá Ana, espero que esteja tudo bem. Concluído.", Intent.DONE),
        ("お世話になっております。先日はありがとうございました。完了しました。", Intent.DONE),
        # an apology for a slow answer is small talk too, and so is an addressee's line
        ("Hi Alex,\n\nSorry for the slow reply, it was a busy week. All done now.", Intent.DONE),
        ("Entschuldigung für die späte Antwort. Erledigt.", Intent.DONE),
        ("Désolée pour le retard. C'est fait.", Intent.DONE),
        ("山田様\n\nご連絡ありがとうございます。本件、対応完了いたしました。", Intent.DONE),
    ],
)
def test_small_talk_before_the_command_is_passed_over(text: str, intent: Intent) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.acts) == (intent, True), found


@pytest.mark.parametrize(
    "text",
    [
        "Hi Alex, hope you had a great weekend. Is the security review done?",
        "Hope you're well. We are not done yet, legal still has it.",
        "Thanks for the reminder, but legal still has it. Done otherwise.",
        "Hope you had a great weekend, we met the team on Friday. Done?",
        "Hallo Herr Weber, danke für das Gespräch am Freitag. Ist das schon erledigt?",
        "Ciao Marco, spero tutto bene. È già fatto?",
        "お世話になっております。先日はありがとうございました。まだ完了していません。",
    ],
)
def test_small_talk_before_a_question_or_a_negation_changes_nothing(text: str) -> None:
    assert not understand(text, TODAY).acts


# --- a new owner copied in ---------------------------------------------------------------------

TOM = "tom.berg@globex.example"


@pytest.mark.parametrize(
    "text",
    [
        "Bitte an Frau Schmidt (schmidt@globex.example) weitergeben.",
        "Zuständig ist jetzt Frau Schmidt, schmidt@globex.example.",
        "Por favor pásaselo a Lucía (lucia@globex.example).",
    ],
)
def test_a_handover_written_object_first_is_applied(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.acts) == (Intent.REASSIGN, True), text
    assert found.address.endswith("@globex.example"), found.argument  # the name kept with it


@pytest.mark.parametrize(
    "text",
    [
        "Priya (priya@globex.example) is the right person for this one.",
        "I'm not the right person - try Priya at priya@globex.example",
        "I'm not the right person for this, but maybe priya@globex.example knows who is.",
        "Ich bin dafür nicht zuständig, bitte an schmidt@globex.example wenden.",
        "Ce n'est pas moi qui gère, voyez avec Claire (claire@globex.example).",
        "I'm no longer with Globex. Please contact Sam (sam@globex.example).",
        "Ich bin nicht mehr bei Globex, bitte wenden Sie sich an sam@globex.example.",
        "J'ai quitté Globex, merci de contacter sam@globex.example.",
        "Ya no estoy en Globex, contacte con sam@globex.example.",
        "Non lavoro più in Globex, contattate sam@globex.example.",
        "Não estou mais na Globex, fale com sam@globex.example.",
        "Ik werk niet meer bij Globex, neem contact op met sam@globex.example.",
        "退職しましたので、sam@globex.example にご連絡ください。",
    ],
)
def test_someone_else_named_as_the_right_person_is_asked_about(text: str) -> None:
    """Named, not handed over: the owner is asked whether to hand the step over."""
    found = understand(text, TODAY)
    assert (found.intent, found.certainty, found.acts) == (
        Intent.REASSIGN,
        Certainty.PROBABLE,
        False,
    ), text


def test_asking_whether_someone_is_the_right_person_changes_nothing() -> None:
    for text in (
        "Is Priya (priya@globex.example) the right person?",
        "Priya (priya@globex.example) is not the right person.",
        "If you have questions about the invoice, contact billing@globex.example.",
        "Please contact me at jane.mobile@globex.example if needed.",
        "Wenn Sie Fragen haben, wenden Sie sich an sam@globex.example.",
        "Out of office until Monday. For urgent matters please contact sam@globex.example.",
    ):
        found = understand(text, TODAY)
        assert (found.intent, found.acts) == (Intent.UNKNOWN, False), text


@pytest.mark.parametrize(
    "text",
    [
        f"{TOM} is the new owner, cc'ing him",
        f"Tom ({TOM}) will take this over, copying him here",
        f"Tom ({TOM}) übernimmt, ich setze ihn in CC",
        f"Tom ({TOM}) prend le relais, je le mets en copie",
        f"Tom ({TOM}) se encarga a partir de ahora, lo pongo en copia",
        f"Tom ({TOM}) subentra, lo metto in copia",
        f"Tom ({TOM}) neemt het over, ik zet hem in cc",
        f"O Tom ({TOM}) vai assumir, coloquei ele em cópia",
    ],
)
def test_a_new_owner_copied_in_is_the_new_owner(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.address, found.acts) == (Intent.REASSIGN, TOM, True), found


def test_copying_someone_else_in_is_asked_about_and_a_look_keeps_the_owner() -> None:
    asked = understand(f"handing this over to {TOM}, cc'ing legal", TODAY)
    assert (asked.intent, asked.certainty) == (Intent.REASSIGN, Certainty.PROBABLE)
    for text in (
        f"passing this to {TOM} for a second opinion, cc'ing him",
        f"cc'ing {TOM} for visibility",
        f"Ich gebe das an {TOM} zur Prüfung weiter, ich setze ihn in CC",
    ):
        assert not understand(text, TODAY).acts, text


def test_a_new_owner_named_by_name_is_found_on_the_copy() -> None:
    copied = (("Tom Berg", TOM), ("Jane Doe", "jane.doe@globex.example"))
    for text in ("Tom is the new owner, cc'ing him", "Tom übernimmt, ich setze ihn in CC"):
        found = understand(text, TODAY, copied=copied)
        assert (found.intent, found.address, found.acts) == (Intent.REASSIGN, TOM, True), text
    by_address = understand("Tom is the new owner", TODAY, copied=(('"Berg, Tom"', TOM),))
    assert by_address.address == TOM
    two_toms = (*copied, ("Tom Lee", "tom.lee@globex.example"))
    assert not understand("Tom is the new owner", TODAY, copied=two_toms).acts
    assert not understand("Sam is the new owner", TODAY, copied=copied).acts
    assert not understand("passing this to Tom for review, cc'ing him", TODAY, copied=copied).acts
    for stand_in_or_look in (
        "I'm out next week, Tom will handle it, cc'ing him",
        "Tom will take a look, cc'ing him",
        "Thanks Tom, cc'ing him",
    ):
        assert not understand(stand_in_or_look, TODAY, copied=copied).acts, stand_in_or_look


def test_a_reply_copying_the_new_owner_in_names_them_by_the_cc() -> None:
    raw = (
        "From: Jane Doe <jane.doe@globex.example>\r\n"
        "To: plans+ms-1@deals.acme.example\r\n"
        f"Cc: Tom Berg <{TOM}>\r\n"
        "Subject: Re: [Globex rollout] Your turn: Security review\r\n"
        "Date: Tue, 01 Dec 2026 09:14:00 -0800\r\n"
        "Message-ID: <copy@globex.example>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        "Tom is the new owner, cc'ing him\r\n"
    ).encode()
    reply = read_reply(raw)
    assert (reply.intent, reply.argument) == (Intent.REASSIGN, TOM)


# --- a bare one-word command ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("ブロック", Intent.BLOCKED),
        ("ブロック中", Intent.BLOCKED),
        ("ブロック中です", Intent.BLOCKED),
        ("保留でお願いします", Intent.BLOCKED),
        ("\uff8c\uff9e\uff9b\uff6f\uff78", Intent.BLOCKED),  # half-width katakana
        ("ぶろっく", Intent.BLOCKED),  # the input method's conversion not chosen
        ("完了", Intent.DONE),
        ("かんりょうしました", Intent.DONE),
        ("Blocked", Intent.BLOCKED),
        ("Blocked, thanks", Intent.BLOCKED),
        ("Blockiert", Intent.BLOCKED),
        ("Bloqué", Intent.BLOCKED),
        ("Bloqueado", Intent.BLOCKED),
        ("Bloccato", Intent.BLOCKED),
        ("Geblokkeerd", Intent.BLOCKED),
        ("Erledigt", Intent.DONE),
    ],
)
def test_a_bare_command_word_is_the_command(text: str, intent: Intent) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.acts) == (intent, True), found
    if intent is Intent.BLOCKED:
        assert found.reason == "no reason given"


def test_a_bare_word_for_a_new_date_is_conversation_as_in_english() -> None:
    for text in ("延期", "Postpone", "Verschieben"):
        found = understand(text, TODAY)
        assert (found.intent, found.acts, found.doubts) == (Intent.UNKNOWN, False, []), text


@pytest.mark.parametrize(
    "text",
    [
        "Sent.",
        "Security questionnaire submitted.",
        "Signed and sent back to you.",
        "Thanks, uploaded.",
        "Unterschrieben zurückgeschickt.",
        "Ist raus.",
        "Signé et renvoyé.",
        "Modulo compilato e inviato.",
        "Contrato assinado.",
        "Formulier ingevuld en verstuurd.",
        "契約書を返送しました。",
    ],
)
def test_the_steps_thing_sent_or_signed_is_asked_about_as_done(text: str) -> None:
    """ "Sent.", "Unterschrieben.": the step's thing went out, so it is probably done; the
    person is asked ("Did you mean: «...» is done?"), nothing is marked done until they say so."""
    found = understand(text, TODAY)
    assert (found.intent, found.certainty, found.acts) == (
        Intent.DONE,
        Certainty.PROBABLE,
        False,
    ), text


def test_what_was_sent_is_the_note_and_sent_alone_has_none() -> None:
    assert understand("Security questionnaire submitted.", TODAY).argument == (
        "Security questionnaire submitted."
    )
    for text in ("Sent.", "Signed and sent back.", "Thanks, uploaded."):
        assert understand(text, TODAY).argument == "", text


def test_news_of_something_sent_is_not_a_question_about_the_step() -> None:
    for text in (
        "I sent the contract to legal yesterday, they will review it next week.",
        "Thanks for the deck you sent.",
        "Danke für die Unterlagen, die Sie geschickt haben.",
        "Not sent yet.",
        "Has it been approved?",
        "Approved on our side.",  # in a draft, the plan approved: a person reads it
        "Freigegeben.",
        "I will send it tomorrow.",
        "Once signed, we can start.",
        "The budget was approved last quarter, which is why we started this project.",
        "資料をお送りいただきありがとうございます。",
    ):
        found = understand(text, TODAY)
        assert (found.intent, found.acts) == (Intent.UNKNOWN, False), text


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
    ("text", "day"),
    [
        ("The 4th won't work for us. How about the 11th?", 11),
        ("What about Friday the 18th instead?", 18),
        ("the 18th works better for us", 18),
        ("Friday would suit us better.", 4),
        ("Der 4. klappt nicht, wie wäre es mit dem 11.?", 11),
        ("Wie wär's mit Freitag, dem 18. Dezember?", 18),
        ("Le 4 ne nous convient pas, que diriez-vous du 11 ?", 11),
        ("Et si on disait le vendredi 18 ?", 18),
        ("El 4 no nos va bien, ¿qué tal el 11?", 11),
        ("¿Qué te parece el viernes 18?", 18),
        ("Il 4 non va bene, che ne dite di venerdì 11?", 11),
        ("Dia 4 não dá, que tal dia 11?", 11),
        ("O que acha de sexta, dia 18?", 18),
        ("De 4e lukt niet, wat dacht je van de 11e?", 11),
        ("Wat vindt u van vrijdag 18 december?", 18),
        ("4日は難しいので、11日はいかがでしょうか？", 11),
        ("18日でどうですか？", 18),
    ],
)
def test_a_date_offered_in_its_place_is_asked_about(text: str, day: int) -> None:
    """A date offered, not asked for ("How about the 11th?"): the person is asked whether to
    move the step there, with the date; nothing moves until they say so."""
    found = understand(text, TODAY)
    assert (found.intent, found.certainty, found.acts) == (
        Intent.RESCHEDULE,
        Certainty.PROBABLE,
        False,
    ), text
    # the date, or the question naming it when its month was left out ("the 11th")
    named = (
        [found.when.day]
        if found.when
        else [d for d in range(1, 32) for x in found.doubts if f" {d} Dec 2026?" in x]
    )
    assert named == [day], (text, found.doubts)


def test_a_date_offered_for_something_else_is_conversation() -> None:
    for text in (
        "How about the kickoff on the 18th?",  # the kickoff's date
        "The call on the 18th works better for us.",
        "How about we talk on Friday?",
        "Wie wäre es mit einem Termin am Freitag?",
        "¿Qué tal el fin de semana?",
        "How about no?",
        "Can't make the 11th, how about never?",
    ):
        found = understand(text, TODAY)
        assert (found.intent, found.acts) == (Intent.UNKNOWN, False), text


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


# --- handed over, but not made the owner ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "passing this to tom.berg@globex.example for a second opinion",
        "handing it over to tom.berg@globex.example to review before I sign off",
        "assigning to tom.berg@globex.example for review, cc'ing legal",
        "Übergebe das an tom.berg@globex.example zur Prüfung",
        "Je passe la main à tom.berg@globex.example pour relecture, je reste responsable",
        "Se lo paso a tom.berg@globex.example para que lo revise",
        "Ik draag dit over aan tom.berg@globex.example ter controle",
        "Vou passar para tom.berg@globex.example para ele revisar",
        "Passare a tom.berg@globex.example per un parere",
        "確認のためtom.berg@globex.exampleさんに引き継ぎます",
        "Se lo paso a tom.berg@globex.example, que lo revise",  # a purpose in the subjunctive
        "Je passe le relais à tom.berg@globex.example, qu'il relise",
        "Passo la palla a tom.berg@globex.example, che lo riveda",
    ],
)
def test_handing_over_for_an_opinion_or_a_look_keeps_the_owner(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.acts, found.doubts) == (Intent.UNKNOWN, False, []), found


def test_handing_over_for_another_purpose_is_asked_about_and_owning_words_act() -> None:
    asked = understand("handing this over to tom.berg@globex.example for the rollout", TODAY)
    assert (asked.intent, asked.certainty) == (Intent.REASSIGN, Certainty.PROBABLE)
    owning = (
        "passing this to tom.berg@globex.example, he owns it from here",
        "tom.berg@globex.example is now responsible for the review",  # "for": what he owns
        "tom.berg@globex.example ist jetzt zuständig für die Prüfung",
    )
    for text in owning:
        owned = understand(text, TODAY)
        assert (owned.intent, owned.address, owned.acts) == (
            Intent.REASSIGN,
            "tom.berg@globex.example",
            True,
        ), text


# --- a date for something else ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Can we do Thursday instead of the call?",
        "let's push the kickoff to Monday the 7th",
        "Podemos passar a reunião para quinta?",  # the event between the verb and its date
        "Possiamo passare la riunione a venerdì?",
        "On peut passer la démo à vendredi ?",
        "ミーティングを金曜日に延期できますか？",
    ],
)
def test_a_date_for_an_event_is_conversation(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.acts, found.doubts) == (Intent.UNKNOWN, False, []), found


@pytest.mark.parametrize(
    "text",
    [
        "Move the call to Friday",
        "Reschedule the meeting to Friday",
        "Assign to tom.berg@globex.example for review",
        "new owner: tom.berg@globex.example for a second opinion",
    ],
)
def test_a_one_line_command_about_something_else_changes_nothing(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.acts, found.doubts) == (Intent.UNKNOWN, False, []), found


def test_an_event_elsewhere_in_the_sentence_is_asked_about() -> None:
    found = understand("Thursday instead, the call is off", TODAY)
    assert (found.intent, found.certainty) == (Intent.RESCHEDULE, Certainty.PROBABLE)
    assert understand("Can we do Thursday instead?", TODAY).when == date(2026, 12, 3)


# --- a reschedule word and no date ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "push notifications are annoying",
        "Need until",
        "Delay",
        "Postpone?",
        "Postponed indefinitely",
        "Due to the holidays we are late",
        "Move on to the next step",
        "Ownership is with legal",
        "go-live went well",
        "Aplazar no es una opción",
        "Verschieben? Ich weiß nicht",
        "延期？\u3000未定です",
    ],
)
def test_a_reschedule_word_without_a_date_tried_is_conversation(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.acts, found.doubts) == (Intent.UNKNOWN, False, []), found


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Move to whenever suits", "whenever suits"),
        ("Postpone: TBD", "TBD"),
        ("延期\uff1a未定", "未定"),  # the full-width colon is the command's colon
        ("Verschieben auf irgendwann", "irgendwann"),
        ("new date: whenever", "whenever"),
    ],
)
def test_a_date_tried_and_not_read_is_named_back_never_empty(text: str, written: str) -> None:
    found = understand(text, TODAY)
    assert found.intent is Intent.RESCHEDULE and not found.acts
    assert found.doubts == [f"I could not read a date in \u00ab{written}\u00bb"]


# --- full-width forms -----------------------------------------------------------------------------


def test_full_width_digits_slashes_colons_and_at_signs_are_their_ascii_twins() -> None:
    assert understand("延期\uff1a\uff11\uff12\uff0f\uff11\uff18", TODAY).when == date(2026, 12, 18)
    due = understand("締切を\uff11\uff12\uff0f\uff11\uff15に変更してください", TODAY)
    assert (due.when, due.acts) == (date(2026, 12, 15), True)
    address = "".join(chr(ord(c) + 0xFEE0) for c in "tom.berg@globex.example")
    owner = understand(f"担当を{address}に変更してください", TODAY)
    assert (owner.address, owner.acts) == ("tom.berg@globex.example", True)
    blocked = understand("ブロック中\uff1a法務の確認待ち", TODAY)
    assert (blocked.intent, blocked.reason) == (Intent.BLOCKED, "法務の確認待ち")
    wide = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in "#2 new date: 12/18")
    command = understand(wide, TODAY)
    assert (command.intent, command.step, command.when) == (
        Intent.RESCHEDULE,
        2,
        date(2026, 12, 18),
    )


# --- a verb's object before its new date ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Podemos passar isso para sexta?", date(2026, 12, 4)),
        ("Dá para passar essa etapa para segunda, dia 7?", date(2026, 12, 7)),
        ("lo podemos pasar al viernes?", date(2026, 12, 4)),
        ("¿Podemos pasar esto al lunes 7?", date(2026, 12, 7)),
        ("on peut le passer à vendredi ?", date(2026, 12, 4)),
        ("Possiamo passare questa attività a lunedì 7?", date(2026, 12, 7)),
        ("Podemos mudar a data para sexta?", date(2026, 12, 4)),
        ("¿Podemos cambiarlo al lunes 7?", date(2026, 12, 7)),
    ],
)
def test_an_object_between_the_verb_and_the_new_date(text: str, day: date) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.when, found.acts) == (Intent.RESCHEDULE, day, True)


@pytest.mark.parametrize(
    "text",
    [
        "Vou passar o relatório para o cliente na sexta",  # the date is not the verb's
        "Voy a pasar el informe al cliente el viernes",
        "Podemos passar isso para o Tom?",
        "Podemos mudar o escopo para sexta?",  # "change": the scope, not the date
        "¿Podemos cambiar el alcance al viernes?",
        "On va mettre ça en place pour lundi",  # a plan for Monday
        "Vou deixar isso para segunda",
    ],
)
def test_an_object_and_a_date_elsewhere_is_no_new_date(text: str) -> None:
    found = understand(text, TODAY)
    assert not found.acts and found.intent is not Intent.RESCHEDULE, found


# --- a question word that opens a statement ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Quem vai cuidar disso é a Priya: priya.shah@globex.example",
        "Quien se encarga ahora es Priya: priya.shah@globex.example",
        "Chi se ne occupa ora è Priya: priya.shah@globex.example",
        "Wer das jetzt übernimmt, ist Priya: priya.shah@globex.example",
        "Wie het nu oppakt is Priya: priya.shah@globex.example",
    ],
)
def test_a_statement_opening_with_a_question_word_names_the_owner(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.address, found.acts) == (
        Intent.REASSIGN,
        "priya.shah@globex.example",
        True,
    )


@pytest.mark.parametrize(
    "text",
    ["Wie besprochen: erledigt", "Como combinado, já está feito", "Come concordato, fatto",
     "Comme convenu, c'est fait", "何とか完了しました！"],
)  # fmt: skip
def test_as_agreed_opens_a_statement(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.acts) == (Intent.DONE, True), found


@pytest.mark.parametrize(
    "text",
    [
        "Quem vai cuidar disso, a Priya? priya.shah@globex.example",
        "Quem é o responsável agora priya.shah@globex.example",
        "how do we move this to friday",
        "How we move this to Friday is up to you",
        "Who takes over is up to tom.berg@globex.example",  # "is", but no name after it
        "Come concordato, è fatto?",
    ],
)
def test_a_question_opening_with_a_question_word_still_asks(text: str) -> None:
    assert not understand(text, TODAY).acts


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("Done - agreed with Sam this morning", "agreed with Sam this morning"),
        ("Done, the contract is signed by both sides", "the contract is signed by both sides"),
        ("Done\nagreed with Sam this morning", "agreed with Sam this morning"),
        (
            "Hi Alex,\n\nDone. The contract is signed by both sides.\n\nThanks,\nJane",
            "The contract is signed by both sides.",
        ),
        ("Done - agreed with Sam, thanks!\nJane", "agreed with Sam"),
        (
            "Done - the contract went back to Acme this morning after\nlegal approved the last "
            "changes.\n\nJane",
            "the contract went back to Acme this morning after legal approved the last changes.",
        ),
        (
            "Done.\nSent the PO to ap@globex.example today.",
            "Sent the PO to ap@globex.example today.",
        ),
        (
            "All done. Legal signed yesterday. The PO is on the form. Anything else?\n\n"
            "Kind regards,\nJane",
            "Legal signed yesterday. The PO is on the form.",
        ),
        ("Erledigt \u2013 mit Sam heute früh abgestimmt", "mit Sam heute früh abgestimmt"),
        ("Terminé, validé avec le DSI ce matin", "validé avec le DSI ce matin"),
        (
            "Hecho, el contrato ya está firmado por ambas partes",
            "el contrato ya está firmado por ambas partes",
        ),
        (
            "Fatto, il contratto è firmato da entrambe le parti",
            "il contratto è firmato da entrambe le parti",
        ),
        (
            "Klaar, het contract is door beide partijen getekend",
            "het contract is door beide partijen getekend",
        ),
        (
            "Concluído, o contrato foi assinado pelas duas partes",
            "o contrato foi assinado pelas duas partes",
        ),
        ("完了しました。法務の承認も取れています。", "法務の承認も取れています。"),
    ],
)
def test_what_a_person_writes_with_done_is_its_note(text: str, note: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.certainty, found.argument) == (Intent.DONE, Certainty.CERTAIN, note)


@pytest.mark.parametrize(
    "text",
    [
        "Done, thanks!",
        "Done :)",
        "Done 👍",
        "Done. Best, Jane",
        "Done\n\nJane Doe\nHead of Procurement\nGlobex Inc.\n+1 555 010 2000",
        "Done.\nThanks!\nJane",
        "Done.\n\nJane Doe | VP Procurement | Globex\nM: +1 555 010 2000",
        "Done - thanks for chasing!",
        "Done. Have a great weekend!",
        "\u2705 Done",
        "Done\n\n-- \nJane Doe | Globex",
        "Done\n\nOn Tue, 1 Dec 2026 at 09:00, Alex <alex@acme.example> wrote:\n> Your turn",
        "Done.\n#3 new date: 2027-01-15",
        "Yes, done, all good",
        "Erledigt, danke!\n\nViele Grüße\nJens",
        "Erledigt.\n\nVG\nJens Müller",
        "Terminé, merci !\nCordialement,\nMarie Dupont",
        "Hecho, gracias. Saludos, Ana",
        "Fatto, grazie!\nCordiali saluti\nLuca",
        "Klaar, bedankt!\nGroeten,\nPiet",
        "Concluído. Abraços, João",
        "完了しました。よろしくお願いいたします。\n山田",
        "完了しました。\n\n山田太郎\n株式会社グローベックス",
    ],
)
def test_done_with_only_pleasantries_has_no_note(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.argument) == (Intent.DONE, "")


# the news, then a comma and the word that leads to "done": certain, the news its note
LED_TO_DONE = [
    ("Legal signed it, so done", "Legal signed it"),
    ("Hi Alex, Sam approved the budget, so done", "Sam approved the budget"),
    (
        "Legal signed it, so done - the PO goes out Monday.",
        "Legal signed it, so done - the PO goes out Monday.",
    ),
    ("Der Vertrag ist unterschrieben, also erledigt", "Der Vertrag ist unterschrieben"),
    ("Le juridique a signé, donc c'est fait", "Le juridique a signé"),
    ("Legal lo firmó, así que hecho", "Legal lo firmó"),
    ("L'ufficio legale ha firmato, quindi fatto", "L'ufficio legale ha firmato"),
    ("Juridisch heeft getekend, dus klaar", "Juridisch heeft getekend"),
    ("O jurídico assinou, então concluído", "O jurídico assinou"),
    ("法務が署名したので完了です", "法務が署名した"),
]
# the news and "done" with no word leading from one to the other: asked about
TOLD_BEFORE_DONE = [
    ("Sent the PO this morning - done", "Sent the PO this morning"),
    ("Legal signed it so it's done.\n\nBest,\nJane", "Legal signed it"),
    ("Bestellung heute früh verschickt \u2013 erledigt", "Bestellung heute früh verschickt"),
    ("Bon de commande envoyé ce matin - terminé", "Bon de commande envoyé ce matin"),
    ("Ordine inviato stamattina - fatto", "Ordine inviato stamattina"),
    ("PO vanochtend verstuurd - afgerond", "PO vanochtend verstuurd"),
    ("Enviei o pedido hoje cedo - feito", "Enviei o pedido hoje cedo"),
    ("今朝注文書を送りました、完了です", "今朝注文書を送りました"),
]


@pytest.mark.parametrize(
    ("text", "note", "certainty"),
    [(t, n, Certainty.CERTAIN) for t, n in LED_TO_DONE]
    + [(t, n, Certainty.PROBABLE) for t, n in TOLD_BEFORE_DONE],
)
def test_what_happened_before_done_is_its_note(text: str, note: str, certainty: Certainty) -> None:
    """What happened, written before "done", is its note. Led to "done" by "so", "also",
    "donc", "ので" after it, with nothing that doubts, it is done, as "Legal signed it this
    morning. Done." is; with no such word, the words the reader does not know make it ask
    first, and the yes that answers keeps the note."""
    found = understand(text, TODAY)
    assert (found.intent, found.certainty, found.argument) == (Intent.DONE, certainty, note)


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("Legal signed it this morning. Done.", "Legal signed it this morning."),
        ("Hi Alex,\n\nSent the PO today.\nDone.\n\nBest,\nJane", "Sent the PO today."),
        ("Der Vertrag ist unterschrieben.\n\nErledigt", "Der Vertrag ist unterschrieben."),
        ("法務が署名しました。完了です。", "法務が署名しました。"),
        ("We met today and talked it through.\n\nDone", "We met today and talked it through."),
    ],
)
def test_news_in_a_sentence_of_its_own_before_done_is_its_note_and_done_applies(
    text: str, note: str
) -> None:
    """A plain "done" after sentences that only tell what happened: the news is what was done,
    kept as the note; news that doubts or is relayed is asked about (test_how_sure)."""
    found = understand(text, TODAY)
    assert (found.intent, found.certainty, found.argument) == (Intent.DONE, Certainty.CERTAIN, note)


@pytest.mark.parametrize(
    "text",
    [
        "Thanks Alex! Done.",
        "Hi all, done",
        "Sorry for the delay, done",
        "Great news, done!",
        "Hope you had a good weekend - done",
        "Security review: done",
        "I think legal signed it, so done",
        "pretty sure this is done but let me double check with Priya",
        "should I mark this done",
        "Legal signed it, so done?",
        "Can you confirm legal signed it, so done",
        "Entschuldigung für die Verspätung, erledigt",
        "Merci Alex ! C'est fait.",
        "Perdón por la demora, hecho",
        "Scusa il ritardo, fatto",
        "Sorry voor de vertraging, klaar",
        "Desculpe a demora, feito",
        "遅くなりすみません、完了しました",
        "\u2705 Done",
        "Hope you are well. Done.",
        "Can you check the invoice? Done.",
        "I think legal signed it. Done.",
    ],
)
def test_small_talk_or_a_doubt_before_done_is_no_note(text: str) -> None:
    found = understand(text, TODAY)
    if found.intent is Intent.DONE:  # a doubt may make it no "done" at all
        assert found.argument in ("", "but let me double check with Priya")


# --- a date that is not a request to move the step ---------------------------------------------
# A word that moves things ("move", "verlegen", "déplacer", "spostare", "変更") asks for a new date
# only when what it moves is the step ("move this", "das verschieben") or the date is attached to
# it ("to the 18th", "auf den 18.", "12月18日に"): moving house, offices, teams or systems on a day
# is news. A date in another clause than the reschedule word is that clause's ("legal comes back
# tomorrow"): asked about at most.


@pytest.mark.parametrize(
    "text",
    [
        "We will move to the new office on Dec 18.",
        "We are moving offices on the 18th, so expect slow replies.",
        "We are moving house on Friday, so replies may be slow.",
        "We're shifting our systems to the new ERP on the 14th.",
        "Heads-up: the whole team is moving to Berlin on Monday.",
        "We push the new release to production on Friday.",
        "Wir verlegen am 18. Dezember unser Büro nach München.",
        "Unser Team zieht am Montag um, wir verlegen die Server nach Frankfurt.",
        "Wir verschieben am Freitag unsere Server ins neue Rechenzentrum.",
        "Wir verlegen die Abteilung am 14. nach Köln.",
        "Wir ziehen am 18. Dezember um.",
        "Nous déplaçons nos bureaux le 18, les réponses seront lentes.",
        "Nous déplaçons l'équipe à Lyon lundi.",
        "On déplace les serveurs le 14 décembre.",
        "Nous déménageons le 18 décembre.",
        "Vamos a mover el equipo a otra oficina el lunes.",
        "Movemos los servidores al nuevo centro de datos el 18 de diciembre.",
        "El lunes movemos la oficina a Madrid.",
        "Nos mudamos de oficina el 18 de diciembre.",
        "Spostiamo gli uffici a Roma il 18 dicembre.",
        "Lunedì spostiamo il team nella nuova sede.",
        "Spostiamo i server nel nuovo data center il 14.",
        "Ci trasferiamo nel nuovo ufficio il 18 dicembre.",
        "We verplaatsen ons team op maandag naar Utrecht.",
        "Op 18 december verplaatsen we het kantoor naar Amsterdam.",
        "We verplaatsen de servers vrijdag naar het nieuwe datacenter.",
        "We verhuizen op 18 december naar een nieuw kantoor.",
        "Vamos mover a equipe para o novo escritório na segunda.",
        "Na sexta vamos mover os servidores para o novo data center.",
        "Vamos mover o escritório para Lisboa no dia 18 de dezembro.",
        "Vamos mudar de escritório no dia 18 de dezembro.",
        "12月18日にシステムを変更します。",
        "月曜日にオフィスのレイアウトを変更します。",
        "来週、チーム体制を変更します。",
        "12月18日にオフィスを移転します。",
    ],
)
def test_moving_something_else_on_a_day_is_news(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.acts, found.doubts) == (Intent.UNKNOWN, False, []), found


@pytest.mark.parametrize(
    "text",
    [
        "We'll need to move this, legal comes back tomorrow.",
        "We need to move this because legal comes back on Monday.",
        "Because legal comes back tomorrow we need to move this.",
        "We have to postpone it since legal is only back on the 18th.",
        "Wir müssen das verschieben, weil die Rechtsabteilung erst am Montag zurück ist.",
        "Wir müssen das verschieben, die Rechtsabteilung ist erst am 18. zurück.",
        "Weil die Rechtsabteilung erst am Montag zurück ist, müssen wir das verschieben.",
        "Il faut le décaler, parce que le juridique revient lundi.",
        "On doit le reporter, le juridique revient le 18.",
        "Il faut reporter cette étape car le juridique revient lundi.",
        "Hay que aplazarlo porque legal vuelve el lunes.",
        "Tenemos que moverlo, legal vuelve el 18.",
        "Hay que posponerlo ya que legal vuelve el lunes.",
        "Dobbiamo rimandarlo perché l'ufficio legale torna lunedì.",
        "Dobbiamo spostarlo, l'ufficio legale torna il 18.",
        "Bisogna rinviarlo poiché l'ufficio legale torna lunedì.",
        "We moeten het uitstellen, omdat juridische zaken maandag terug is.",
        "We moeten het verplaatsen, juridische zaken is pas op 18 december terug.",
        "We moeten dit uitstellen want juridische zaken is maandag terug.",
        "Precisamos adiar isso porque o jurídico volta na segunda.",
        "Precisamos adiar isso, o jurídico volta no dia 18.",
        "Vamos adiar isso já que o jurídico volta na segunda.",
        "法務が月曜日に戻るので、延期が必要です。",
        "法務が月曜日に戻るので延期が必要です。",
        "延期が必要です、法務が明日戻ります。",
        "法務が12月18日に戻るため、期限を延ばしたいです。",
        # a question before the request: the date is asked about too
        "Do we need more time? Can we move this to Dec 18?",
        "Is legal still on it? Können wir das auf den 18. Dezember verschieben?",
        "¿Necesitamos más tiempo? ¿Podemos pasarlo al 18 de diciembre?",
    ],
)
def test_a_date_in_another_clause_is_asked_about_never_applied(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.certainty) == (Intent.RESCHEDULE, Certainty.PROBABLE), found


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Can we move this to Dec 18?", date(2026, 12, 18)),
        ("Please push the review to the 18th", date(2026, 12, 18)),
        ("Moving this to Friday", date(2026, 12, 4)),
        ("Could we push this back a week, to the 18th?", date(2026, 12, 18)),
        ("We need to move this to the 18th because legal is out.", date(2026, 12, 18)),
        ("Verschieben wir das auf den 18.", date(2026, 12, 18)),
        ("Können wir die Prüfung auf Freitag verschieben?", date(2026, 12, 4)),
        ("On peut décaler au 18 ?", date(2026, 12, 18)),
        ("Report au 05/01/2027 svp", date(2027, 1, 5)),
        ("¿Podemos pasarlo al lunes 7?", date(2026, 12, 7)),
        ("Possiamo spostarlo al 18?", date(2026, 12, 18)),
        ("Kunnen we het naar vrijdag verplaatsen?", date(2026, 12, 4)),
        ("Podemos adiar isso para sexta?", date(2026, 12, 4)),
        ("新しい日付: 12月18日", date(2026, 12, 18)),
        ("12月18日に延期できますか？", date(2026, 12, 18)),
        ("締切を12月18日に変更してください", date(2026, 12, 18)),
    ],
)
def test_a_request_to_move_the_step_still_acts(text: str, day: date) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.when, found.acts) == (Intent.RESCHEDULE, day, True), found


def test_moving_it_to_next_week_is_still_asked_about() -> None:
    found = understand("Let's move it to next week", TODAY)
    assert (found.intent, found.certainty) == (Intent.RESCHEDULE, Certainty.PROBABLE)


@pytest.mark.parametrize(
    "text",
    [
        "Bonjour,\n\nNous avons besoin d'un peu plus de temps. Serait-il possible de reporter au "
        "vendredi 18 décembre ?",
        "Hi Sam,\n\nWe need a bit more time. Can we move this to Dec 18?",
        "We're running a little behind. Please push the review to the 18th.",
        "Wir brauchen noch etwas mehr Zeit. Können wir das auf den 18. Dezember verschieben?",
        "Necesitamos más tiempo. ¿Podemos pasarlo al 18 de diciembre?",
        "Abbiamo bisogno di un po' più di tempo. Possiamo spostarlo al 18 dicembre?",
        "We hebben wat meer tijd nodig. Kunnen we het naar 18 december verplaatsen?",
        "Precisamos de mais tempo. Podemos adiar isso para 18 de dezembro?",
        "もう少し時間が必要です。12月18日に延期できますか？",
    ],
)
def test_a_reason_first_then_the_new_date_is_the_new_date(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.when, found.acts) == (
        Intent.RESCHEDULE,
        date(2026, 12, 18),
        True,
    ), found


@pytest.mark.parametrize(
    "text",
    [
        "We might need more time. Can we move this to Dec 18?",  # a hedge in the reason
        "We need more time, but not for legal. Can we move this to Dec 18?",  # a contrast
        "Legal signed yesterday. Can we move this to Dec 18?",  # news, then the request
        "Wir brauchen vielleicht mehr Zeit. Können wir das auf den 18. Dezember verschieben?",
        "Necesitamos más tiempo, pero no mucho. ¿Podemos pasarlo al 18 de diciembre?",
        "Our CISO is travelling until next week. Please move it to Dec 18.",
    ],
)
def test_a_new_date_asked_for_after_its_context_is_what_the_reply_says(text: str) -> None:
    """Whatever the sentences before say (a reason, its "but", news with a date of its own),
    a new date plainly asked for after them is the reply's request."""
    found = understand(text, TODAY)
    assert (found.intent, found.certainty, found.when) == (
        Intent.RESCHEDULE,
        Certainty.CERTAIN,
        date(2026, 12, 18),
    ), found


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("¿Podemos dejarlo para dentro de dos semanas?", date(2026, 12, 15)),
        ("¿Lo dejamos para el lunes 14?", date(2026, 12, 14)),
        ("Dejémoslo para el viernes.", date(2026, 12, 4)),
    ],
)
def test_spanish_dejar_para_asked_or_agreed_postpones(text: str, day: date) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.when, found.acts) == (Intent.RESCHEDULE, day, True), found


@pytest.mark.parametrize(
    "text",
    ["Voy a dejarlo para el lunes.", "Lo dejo para el lunes.", "Vou deixar isso para segunda"],
)
def test_leaving_it_for_a_day_is_a_plan_not_a_new_date(text: str) -> None:
    found = understand(text, TODAY)
    assert not found.acts and found.intent is not Intent.RESCHEDULE, found


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "Since legal is back on the 18th, we'd like to move this to the 21st.",
            date(2026, 12, 21),
        ),
        ("Legal is back on Monday so we need to move this to Wednesday.", date(2026, 12, 2)),
        (
            "Die Rechtsabteilung ist am Montag zurück, deshalb verschieben wir das auf Mittwoch.",
            date(2026, 12, 2),
        ),
        ("Weil legal am 18. zurück ist, bitte auf den 21. verschieben.", date(2026, 12, 21)),
    ],
)
def test_the_new_date_is_the_one_in_the_words_own_clause(text: str, day: date) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.when, found.acts) == (Intent.RESCHEDULE, day, True), found


def test_news_with_a_date_of_its_own_before_a_request_leaves_the_request_its_date() -> None:
    found = understand("We are moving offices on the 18th. Can we push this to the 21st?", TODAY)
    assert (found.intent, found.certainty, found.when) == (
        Intent.RESCHEDULE,
        Certainty.CERTAIN,
        date(2026, 12, 21),
    )


@pytest.mark.parametrize(
    "text",
    [
        "We're moving everything to the new office on the 18th.",
        "We are moving it all to AWS on the 18th.",
        "Wir verschieben es am Freitag ins neue Rechenzentrum.",
        "Wir verschieben es nach München am 18.",
        "Nous déplaçons tout le bureau le 18.",
        "Movemos todo a la nueva oficina el lunes.",
        "Spostiamo tutto nella nuova sede il 18.",
        "We verplaatsen alles op 18 december naar Utrecht.",
        "Vamos mover tudo para o novo escritório na segunda.",
    ],
)
def test_moving_anything_to_a_place_on_a_day_is_news(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.acts, found.doubts) == (Intent.UNKNOWN, False, []), found


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Let's move it to first thing Monday", date(2026, 12, 7)),
        ("Move it to the week of the 14th", date(2026, 12, 14)),
        ("Nous déplaçons la date au 18.", date(2026, 12, 18)),
    ],
)
def test_a_to_that_leads_to_a_date_is_the_new_date(text: str, day: date) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.when, found.acts) == (Intent.RESCHEDULE, day, True), found


# --- a new date by an amount: the plan resolves it against the step's due date -----------------

# (text, count, unit): three shapes or more a language, later and earlier
SHIFTS = [
    ("Can we push this back a week?", 1, "weeks"),
    ("Could we shift the deadline by a week?", 1, "weeks"),
    ("push by 2 weeks please", 2, "weeks"),
    ("Please postpone it by three days.", 3, "days"),
    ("new date: +1 week", 1, "weeks"),
    ("Can we bring this forward two days?", -2, "days"),
    ("Please move this up a week", -1, "weeks"),
    ("Können wir das um eine Woche verschieben?", 1, "weeks"),
    ("Bitte um zwei Wochen verschieben.", 2, "weeks"),
    ("Könnten Sie das um 3 Tage nach hinten schieben?", 3, "days"),
    ("Können wir das eine Woche vorziehen?", -1, "weeks"),
    ("On peut décaler d'une semaine ?", 1, "weeks"),
    ("Merci de reporter de deux semaines.", 2, "weeks"),
    ("Pouvez-vous repousser l'échéance de 3 jours ?", 3, "days"),
    ("Peut-on avancer d'une semaine ?", -1, "weeks"),
    ("¿Podemos aplazarlo una semana?", 1, "weeks"),
    ("Por favor, posponerlo dos semanas.", 2, "weeks"),
    ("¿Podemos retrasar la fecha 3 días?", 3, "days"),
    ("¿Podemos adelantarlo dos días?", -2, "days"),
    ("Possiamo posticipare di una settimana?", 1, "weeks"),
    ("Per favore rimandare di due settimane.", 2, "weeks"),
    ("Possiamo spostare la scadenza di 3 giorni?", 3, "days"),
    ("Possiamo anticipare di una settimana?", -1, "weeks"),
    ("Kunnen we het een week opschuiven?", 1, "weeks"),
    ("Graag twee weken uitstellen.", 2, "weeks"),
    ("Kunnen we de deadline 3 dagen verschuiven?", 3, "days"),
    ("Kunnen we het een week vervroegen?", -1, "weeks"),
    ("Podemos adiar uma semana?", 1, "weeks"),
    ("Por favor, adiar duas semanas.", 2, "weeks"),
    ("Podemos prorrogar o prazo por 3 dias?", 3, "days"),
    ("Podemos antecipar dois dias?", -2, "days"),
    ("1週間延期できますか？", 1, "weeks"),
    ("期日を2週間延ばしてください。", 2, "weeks"),
    ("3日間延期をお願いします。", 3, "days"),
    ("1週間前倒しできますか？", -1, "weeks"),
]


@pytest.mark.parametrize(("text", "count", "unit"), SHIFTS)
def test_a_new_date_by_an_amount_is_acted_on_as_that_amount(
    text: str, count: int, unit: str
) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.certainty) == (Intent.RESCHEDULE, Certainty.CERTAIN), found
    assert found.details == Shift(count=count, unit=unit) and found.argument == ""  # type: ignore[arg-type]
    assert found.acts and found.when is None  # the plan knows the step's date, not the reader


@pytest.mark.parametrize(
    "text",
    [
        "We need one more week",
        "We need two more days, sorry.",
        "I think we should push this back a week",
        "Wir müssen das um 3 Tage nach hinten schieben",  # a need, not asked for
        "Legal pushed their review back a week",  # news: asked, never acted on
        "Push notifications are delayed by 2 days",
        "Can we push this back by a week or two?",  # about that much: which?
        "push this back 2 - 3 days",
        "Können wir das ein bis zwei Wochen verschieben?",
        "Possiamo posticipare di una o due settimane?",
        "Die Lieferung hat sich um eine Woche verschoben.",
        "Wir brauchen noch zwei Tage",
        "Il nous faut une semaine de plus",
        "Necesitamos una semana más",
        "Ci serve un'altra settimana",
        "We hebben nog een week nodig",
        "Precisamos de mais uma semana",
        "あと1週間必要です",
    ],
)
def test_more_time_or_news_by_an_amount_is_asked_about_first(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.certainty) == (Intent.RESCHEDULE, Certainty.PROBABLE), found
    assert isinstance(found.details, Shift) and found.details.count > 0
    assert not found.acts


@pytest.mark.parametrize(
    "text",
    [
        "We are moving offices in a week",  # from today, and news
        "I was out for a week.",
        "Lunch was a week ago",
        "We don't need one more week",
        "Nous n'avons pas besoin d'une semaine de plus",
        "Wir ziehen in einer Woche um",
        "The weekend was long",
    ],
)
def test_an_amount_that_moves_no_step_changes_nothing(text: str) -> None:
    found = understand(text, TODAY)
    assert not found.acts and not isinstance(found.details, Shift), found


def test_a_date_beside_an_amount_is_the_new_date() -> None:
    found = understand("Can we push this back a week, to Fri 18 Dec?", TODAY)
    assert found.when == date(2026, 12, 18) and found.details is None
    # "in two weeks" counts from the day it was written: a date, as before, not an amount
    found = understand("Can we do it in two weeks?", TODAY)
    assert found.when == date(2026, 12, 15) and found.details is None


def test_a_one_line_command_with_an_amount_is_that_amount() -> None:
    found = understand("#2 new date: +2 weeks", TODAY)
    assert found.explicit and found.step == 2 and found.details == Shift(count=2, unit="weeks")
    found = understand("Done\n#2 new date: -3 days", TODAY)
    assert found.more[0].details == Shift(count=-3, unit="days") and found.more[0].step == 2


@pytest.mark.parametrize(
    ("text", "intent", "argument"),
    [
        # the passive with the step as its subject, or asked for
        ("It was rescheduled to the 18th.", Intent.RESCHEDULE, "2026-12-18"),
        ("The deadline has been moved to the 18th.", Intent.RESCHEDULE, "2026-12-18"),
        ("The review was postponed to the 18th.", Intent.RESCHEDULE, "2026-12-18"),
        ("Can this be moved to the 18th?", Intent.RESCHEDULE, "2026-12-18"),
        ("Could the deadline be pushed to January 8?", Intent.RESCHEDULE, "2027-01-08"),
        ("O prazo foi adiado para o dia 18", Intent.RESCHEDULE, "2026-12-18"),
        # a short English text that lingua takes for French
        ("Can we change the due date to 12/15? Thx", Intent.RESCHEDULE, "2026-12-15"),
        # a handover for good stands beside a leave; handovers in the imperative
        (
            "Maria (maria.rossi@globex.example) übernimmt ab sofort, ich bin ab nächster Woche "
            "in Elternzeit.",
            Intent.REASSIGN,
            "Maria <maria.rossi@globex.example>",
        ),
        (
            "Por favor, asigna este paso a Maria Rossi (maria.rossi@globex.example) de aquí en "
            "adelante.",
            Intent.REASSIGN,
            "Maria Rossi <maria.rossi@globex.example>",
        ),
        (
            "per favore assegna questo passaggio a Tom Berg (tom.berg@globex.example).",
            Intent.REASSIGN,
            "Tom Berg <tom.berg@globex.example>",
        ),
        (
            "Transfira esta etapa para o Raj (raj.patel@globex.example).",
            Intent.REASSIGN,
            "Raj <raj.patel@globex.example>",
        ),
        (
            "Vanaf nu neemt Tom (tom.berg@globex.example) dit over.",
            Intent.REASSIGN,
            "Tom <tom.berg@globex.example>",
        ),
        # a sentence of context, then the command
        (
            "Te comento que dejo el proyecto. Por favor, asigna este paso a "
            "maria.rossi@globex.example.",
            Intent.REASSIGN,
            "maria.rossi@globex.example",
        ),
        # status and help asked with asides
        ("Hallo Alex, kurze Frage: wie ist hier eigentlich der aktuelle Stand?", Intent.STATUS, ""),
        ("¿cómo vamos con esto?", Intent.STATUS, ""),
        ("Em que pé estamos nessa etapa?", Intent.STATUS, ""),
        ("Hoe staat het hiermee?", Intent.STATUS, ""),
        ("Wat kan ik hier eigenlijk antwoorden?", Intent.HELP, ""),
        ("Cosa posso rispondere qui?", Intent.HELP, ""),
        ("ここには何と返信すればいいですか？", Intent.HELP, ""),
        ("Qu'est-ce qui reste à faire de notre côté ?", Intent.STATUS, ""),
        ("Qu'est-ce que je peux répondre à ce message, concrètement ?", Intent.HELP, ""),
        ("¿Qué se supone que debo contestar aquí?", Intent.HELP, ""),
        (
            "Der Ordnung halber bitte ich Sie, im Plan zu vermerken, dass die Prüfung nur für"
            " die Produktivumgebung gilt.",
            Intent.NOTE,
            "die Prüfung nur für die Produktivumgebung gilt.",
        ),
    ],
)
def test_passives_handovers_asides_and_context_as_written(
    text: str, intent: Intent, argument: str
) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.certainty, found.argument) == (intent, Certainty.CERTAIN, argument)


@pytest.mark.parametrize(
    "text",
    [
        "Die Sicherheitsprüfung ist abgeschlossen.",
        "La revue de sécurité est terminée.",
        "La revisión de seguridad está completada.",
        "A revisão de segurança foi concluída.",
        "La revisione di sicurezza è completata.",
    ],
)
def test_the_step_named_in_the_replys_own_language_is_done(text: str) -> None:
    found = understand(text, TODAY, step_title="Security review complete")
    assert (found.intent, found.certainty) == (Intent.DONE, Certainty.CERTAIN)


def test_another_thing_named_in_the_replys_language_is_asked_about() -> None:
    found = understand("Die Rechnung ist erledigt.", TODAY, step_title="Security review complete")
    assert (found.intent, found.certainty) == (Intent.DONE, Certainty.PROBABLE)


def test_the_step_named_by_its_title_as_a_passives_subject_is_moved() -> None:
    found = understand(
        "The security review was postponed to the 18th.",
        TODAY,
        step_title="Security review complete",
    )
    assert (found.intent, found.certainty, found.argument) == (
        Intent.RESCHEDULE,
        Certainty.CERTAIN,
        "2026-12-18",
    )


@pytest.mark.parametrize(
    ("text", "intent", "argument"),
    [
        # a day counted from a date
        ("Can we make it a week from Friday instead?", Intent.RESCHEDULE, "2026-12-11"),
        ("Can we push it to a fortnight from Monday?", Intent.RESCHEDULE, "2026-12-21"),
        # the step closed in so many words, also opening with "you can"
        ("You can tick this one off.", Intent.DONE, ""),
        ("Das können wir abhaken.", Intent.DONE, ""),
        ("On peut clore ce point.", Intent.DONE, ""),
        ("Podéis darlo por cerrado.", Intent.DONE, ""),
        ("Mag afgevinkt worden.", Intent.DONE, ""),
        ("Pode dar como encerrado.", Intent.DONE, ""),
        ("Puoi considerarlo chiuso.", Intent.DONE, ""),
        ("本件はクローズで問題ありません。", Intent.DONE, ""),
        # an assistant's lead-in
        ("Jane asked me to let you know that it is complete.", Intent.DONE, ""),
        ("A pedido da Jane, informo que está concluído.", Intent.DONE, ""),
        # handovers
        (
            "Please send future reminders on this to raj.patel@globex.example.",
            Intent.REASSIGN,
            "raj.patel@globex.example",
        ),
        (
            "Maria (maria.rossi@globex.example) wordt de eigenaar van deze stap.",
            Intent.REASSIGN,
            "Maria <maria.rossi@globex.example>",
        ),
        # status asked about the plan
        ("A che punto siamo con il piano?", Intent.STATUS, ""),
        ("Hoe staat het ervoor met het plan?", Intent.STATUS, ""),
    ],
)
def test_closing_words_counted_days_lead_ins_and_handovers(
    text: str, intent: Intent, argument: str
) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.certainty, found.argument) == (intent, Certainty.CERTAIN, argument)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("We won't make it by Friday. Can we move this to the 18th?", date(2026, 12, 18)),
        ("On ne sera pas prêts vendredi. Nouvelle date : 11/12.", date(2026, 12, 11)),
        (
            "Wir schaffen das leider nicht bis Freitag. Können wir das auf den 8. Januar "
            "verschieben?",
            date(2027, 1, 8),
        ),
        ("Não vamos conseguir até sexta. Nova data: 17/12.", date(2026, 12, 17)),
    ],
)
def test_a_date_that_will_not_be_made_is_the_reason_for_the_new_one(text: str, day: date) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.certainty, found.when) == (
        Intent.RESCHEDULE,
        Certainty.CERTAIN,
        day,
    )


@pytest.mark.parametrize(
    ("text", "intent", "argument"),
    [
        ("Security-Review abgeschlossen, keine kritischen Befunde.", Intent.DONE, None),
        ("Done, no blocking findings.", Intent.DONE, None),
        (
            "Our security lead is out sick this week, so Friday isn't realistic. Please move the "
            "due date to Monday, December 14.",
            Intent.RESCHEDULE,
            "2026-12-14",
        ),
        (
            "Con el puente de diciembre vamos con media plantilla. ¿Podemos mover la fecha al "
            "jueves 17 de diciembre?",
            Intent.RESCHEDULE,
            "2026-12-17",
        ),
    ],
)
def test_findings_none_and_reasons_for_a_new_date(
    text: str, intent: Intent, argument: str | None
) -> None:
    found = understand(text, TODAY, step_title="Security review complete")
    assert (found.intent, found.certainty) == (intent, Certainty.CERTAIN)
    if argument is not None:
        assert found.argument == argument


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        (
            "Raj takes over the security review from here (raj.patel@globex.example).",
            Intent.REASSIGN,
        ),
        ("Je passe la main à Tom : tom.berg@globex.example", Intent.REASSIGN),
        ("We're waiting for the signed NDA from your side", Intent.BLOCKED),
        ("Wir hängen an der Freigabe durch die IT", Intent.BLOCKED),
        ("予算承認が下りるまで進められません", Intent.BLOCKED),
    ],
)
def test_the_step_itself_and_idioms_still_act(text: str, intent: Intent) -> None:
    found = understand(text, TODAY, step_title="Security review complete")
    assert (found.intent, found.certainty) == (intent, Certainty.CERTAIN)


def test_a_japanese_reply_with_an_address_keeps_its_language() -> None:
    text = "今後はマリアが担当します(maria.rossi@globex.example)。"
    assert detect_language(text) == "ja"


@pytest.mark.parametrize(
    "text",
    [
        "Oh sure, it's totally done. Just like the last three times we said that.",
        "Na klar, ist erledigt. Wer's glaubt.",
    ],
)
def test_a_sarcastic_done_is_asked_about(text: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.certainty) == (Intent.DONE, Certainty.PROBABLE)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Muévelo al miércoles 9, porfa.", date(2026, 12, 9)),
        ("Muda pra quinta, 10/12, por favor!", date(2026, 12, 10)),
        ("zet hem maar op maandag 21/12", date(2026, 12, 21)),
        (
            "Visto il periodo festivo, la scadenza va spostata a giovedì 14 gennaio 2027.",
            date(2027, 1, 14),
        ),
    ],
)
def test_more_imperatives_for_a_new_date(text: str, day: date) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.certainty, found.when) == (
        Intent.RESCHEDULE,
        Certainty.CERTAIN,
        day,
    )


# Replies that look like commands and change nothing, by the class each stands for
CHANGES_NOTHING = [
    # the passive names what moved; a note that only points elsewhere
    "Our holiday party was moved to the 18th.",
    "Our holiday party got moved to the 18th, so I'll be out that afternoon.",
    "Nossa festa de fim de ano foi remarcada para o dia 18",
    "Notre fête de Noël a été reportée au 18.",
    "Nuestra fiesta fue aplazada al 18.",
    "Ons kerstfeest is verplaatst naar 18 december.",
    "Unsere Weihnachtsfeier wurde auf den 18. verschoben.",
    "FYI, see below.\n\n---------- Forwarded message ---------\nFrom: Raj Patel "
    "<raj.patel@globex.example>\nSubject: RE: questionnaire\n\nStill on section 4.\n\nRaj",
    "FYI: see attached",
    # asking someone to close the step is not saying it is closed
    "Please complete this.",
    "Can you tick this one off?",
    "Nothing left to do?",
    # making it by a day is no new date
    "We will make it by Friday.",
    "We will make it by Friday. Can we move the next one to the 18th?",
    # someone else's request reported; "done" on a condition after it; "I'll answer later"
    "Tom asked whether we could move it to the 18th - I said no, we're sticking with Friday.",
    "Tom hat gefragt, ob wir das auf den 18. verschieben können - ich habe nein gesagt.",
    "Tom vroeg of we het naar de 18e konden verplaatsen, ik heb nee gezegd.",
    "Ist fertig, sobald die Rechtsabteilung unterschrieben hat.",
    "Done once legal signs.",
    "Estoy atascada en el tráfico, te contesto luego.",
    "Stuck in traffic, will reply later.",
    # a person's own wait; a quote's validity
    "I've been on hold with our IT helpdesk for 20 minutes, so I might be late for the demo.",
    "Wir warten gerade auf den Zug in Frankfurt, der hat 40 Minuten Verspätung.",
    "Je suis coincée dans les bouchons, j'arrive.",
    "お見積りの有効期限は12月31日まで、新価格は1月1日から適用という理解でよろしいでしょうか。",
    # a done in quotation marks is named, not said
    "Ah oui, bien sûr, c'est « terminé »… comme d'habitude 🙃",
    'Sure, it is "done".',
    # other steps and things handed over or paused; not yet moved; dates of other things
    "Raj takes over the contract step from here (raj.patel@globex.example).",
    "Maria übernimmt ab sofort die Budgetfreigabe (maria.rossi@globex.example).",
    "A partir de ahora Maria se encarga de la aprobación del presupuesto "
    "(maria.rossi@globex.example).",
    "今後、予算承認はマリアが担当します(maria.rossi@globex.example)。",
    "We paused the pilot in another region.",
    "Nous avons suspendu l'autre fournisseur, pour info.",
    "別プロジェクトは一時停止中です。",
    "Ne décalez pas encore, j'attends le retour de Raj.",
    "Nog niet verschuiven, ik wacht eerst op Raj.",
    "請求書の日付を12月15日に変更してください。",
    "4日の期限は固定でしょうか。",
    # someone else's leave; an unsubscribe; "please wait"
    "Raj moved his vacation to the 18th, just so you know who's around in December.",
    "Raj hat seinen Urlaub auf den 18. verschoben, nur zur Info wegen der Dezemberplanung.",
    "Raj heeft zijn vakantie verschoven naar de 18e, ter info.",
    "Rajさんの休暇が18日に変更になりました。ご参考まで。",
    "配信停止",
    "少々お待ちください。",
    # no objection to a move the reply does not name: asked about
    "No issues with moving it to the 18th.",
    "Aucun problème pour décaler au 18.",
    # a blocker said to be over
    "We were blocked on portal access last week but that's sorted now. Still working on it.",
    "On était bloqués à cause des accès au portail, mais c'est réglé. Je suis toujours dessus.",
    "Wir waren wegen des Portalzugangs blockiert, aber das ist jetzt gelöst.",
    "Estábamos bloqueados por el acceso al portal, pero ya está resuelto.",
    "先週はポータルへのアクセスの件で止まっていましたが、今は解消しています。",
    # "done" after news, then the step named as only starting; exasperation; a joke taken back
    "We filled in the questionnaire and uploaded the SOC 2 report. Done. Now the actual review "
    "can finally start.",
    "昨日、質問票に回答しました。完了！これでやっとレビュー本体に取りかかれます。",
    "I'm done. This is the third email today. Please stop sending me reminders.",
    "Basta, ho chiuso. Per favore smettetela con i promemoria.",
    "Sí, claro, la revisión está más que terminada. Ya en serio: seguimos en ello.",
    # an update that asks; the plan of the review approved; a wait for the review's own approval
    "Quick update: is the kickoff call still on for Thursday?",
    "Kurzes Update: Muss der Pentest auch die mobile App abdecken?",
    "Security review plan got approved by our CISO. Now the actual work begins :)",
    "O plano da revisão de segurança foi aprovado pelo nosso CISO.",
    "We're still waiting for the security review to be approved by the CISO.",
    "Seguimos esperando a que el CISO apruebe la revisión de seguridad.",
    "ほぼ終わってます、あとRajの承認待ちです。終わったら連絡します",
    # "approved" alone or of another thing; another thing handed over; "btw" that takes back;
    # after "not done", someone else's request or a wait
    "Approved on our side",
    "Budget approved.",
    "Approved by legal.",
    "契約書は完了です。",
    "I'm handing the contract to Maria (maria.gomez@globex.example).",
    "Done. Btw, not all of it: the DPA is still open.",
    "Not done. Tom asked to move it to the 18th.",
    "Not done yet, sorry! We're still waiting on the questionnaire.",
    # time blocked in a calendar
    "木曜の午後にこの作業の時間をブロックしました。",
    # a wait that ended; reminders not to be sent, or to me; a done taken back; another vendor
    "We were stuck waiting for your SOC 2 report for a while, it arrived yesterday. All good.",
    "Bitte schicken Sie die Erinnerungen NICHT an tom.berg@globex.example, an mich passt.",
    "Bitte schicken Sie die Erinnerungen weiterhin an mich und setzen Sie raj.patel@globex.example "
    "in CC.",
    "完了！…ごめん、間違えた。まだ終わってない。",
    "Done! Scratch that, wrong milestone.",
    "Rajさんから12月11日に延ばす案が出ましたが、4日で間に合いそうなので期日はそのままでお願いします。",
    "もう一社のベンダーのほうは完全に止まってるけど、そちらは順調に進んでるよ。",
    # other documents handed over while the step stays with its owner
    "Die Einkaufsunterlagen übergebe ich an tom.becker@globex.example, die Sicherheitsprüfung "
    "bleibt bei mir.",
    "De inkoopdocumenten draag ik over aan tom.becker@globex.example; de security review blijft "
    "bij mij.",
    # an Italian "report" is no French "report" (a postponement)
    "Dopo aver ricevuto venerdì il report del pentest, ne parliamo.",
    # the news before "done" is relayed or another's: asked about
    "Pour info, copié depuis Jira \u2013 c'est la sous-tâche de Tom :\n\nSEC-1218\n"
    "Statut : Terminé",
]


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("dnoe, sorry for the delay!!", ""),  # the word taken for a name is a slip
        ("donee, sorry for the delay", ""),
        ("Done, sorry for the delay", ""),  # an apology is no note
        ("ya está!! perdón por la tardanza", ""),
        ("Erledigt, sorry für die Verspätung", ""),
    ],
)
def test_a_slipped_done_before_an_apology_is_done_without_a_note(text: str, note: str) -> None:
    found = understand(text, TODAY)
    assert (found.intent, found.certainty, found.argument) == (
        Intent.DONE,
        Certainty.CERTAIN,
        note,
    ), found


# (text, intent, what the argument holds): read for certain, by class
READ_FOR_CERTAIN = [
    # the step named and approved, or done with its title written together
    ("Security review approved.", Intent.DONE, ""),
    ("Revisión de seguridad aprobada sin observaciones.", Intent.DONE, ""),
    ("Revisão de segurança aprovada, sem ressalvas.", Intent.DONE, ""),
    ("Security review approvata, nessun rilievo.", Intent.DONE, ""),
    ("セキュリティレビュー、承認済みです。指摘事項はありません。", Intent.DONE, ""),
    ("セキュリティレビューは完了です。", Intent.DONE, ""),
    # "therefore" beside done
    ("Die Sicherheitsprüfung ist damit abgeschlossen.", Intent.DONE, ""),
    ("La revue de sécurité est donc terminée.", Intent.DONE, ""),
    ("The security review is therefore complete.", Intent.DONE, ""),
    # another topic asked "by the way" after done
    ("Done - finished it yesterday. Btw are we still on for the demo Thursday at 2?", Intent.DONE,
     ""),
    ("Afgerond. Trouwens, staat de demo van donderdag nog?", Intent.DONE, ""),
    ("完了です。ちなみに木曜の打ち合わせは14時からで変わりないでしょうか？", Intent.DONE, ""),
    # the step, named, handed to someone; reminders sent to someone
    ("I'm handing the security review to Maria (maria.gomez@globex.example).", Intent.REASSIGN,
     "maria.gomez@globex.example"),
    ("Je confie la revue de sécurité à Maria Gomez (maria.gomez@globex.example).",
     Intent.REASSIGN, "maria.gomez@globex.example"),
    ("Le paso la revisión a Maria Gomez (maria.gomez@globex.example).", Intent.REASSIGN,
     "maria.gomez@globex.example"),
    ("Ik draag de security review over aan Maria Gomez (maria.gomez@globex.example).",
     Intent.REASSIGN, "maria.gomez@globex.example"),
    ("Estou passando a revisão de segurança para a Maria (maria.gomez@globex.example).",
     Intent.REASSIGN, "maria.gomez@globex.example"),
    ("Passo la revisione di sicurezza a Maria Gomez (maria.gomez@globex.example).",
     Intent.REASSIGN, "maria.gomez@globex.example"),
    ("Ich übergebe die Sicherheitsprüfung an Maria (maria.gomez@globex.example).",
     Intent.REASSIGN, "maria.gomez@globex.example"),
    ("Merci d'envoyer les relances à tom.berg@globex.example désormais.", Intent.REASSIGN,
     "tom.berg@globex.example"),
    ("Por favor manden los recordatorios a raj.patel@globex.example.", Intent.REASSIGN,
     "raj.patel@globex.example"),
    ("Stuur de herinneringen voortaan naar maria.gomez@globex.example aub.", Intent.REASSIGN,
     "maria.gomez@globex.example"),
    ("Por favor mandem os lembretes para tom.berg@globex.example.", Intent.REASSIGN,
     "tom.berg@globex.example"),
    ("リマインドは今後maria.gomez@globex.example宛にお送りください。", Intent.REASSIGN,
     "maria.gomez@globex.example"),
    # a new date after "not done"; a weekday picking a slash date; imperatives
    ("Not done yet. Can we move it to Dec 18?", Intent.RESCHEDULE, "2026-12-18"),
    ("push to wed 12/9 pls", Intent.RESCHEDULE, "2026-12-09"),  # 12 Sep is no Wednesday
    ("Por favor, cambiad la fecha al viernes 11/12.", Intent.RESCHEDULE, "2026-12-11"),
    ("Por favor, mudem o prazo para sexta, 11/12.", Intent.RESCHEDULE, "2026-12-11"),
    ("Bitte das Fälligkeitsdatum auf Freitag, 11.12. setzen.", Intent.RESCHEDULE, "2026-12-11"),
    ("Neues Zieldatum: 8. Januar.", Intent.RESCHEDULE, "2027-01-08"),
    # "can't move forward"; a blocker waiting to be resolved is still one
    ("Não dá pra avançar, o ambiente de teste está fora do ar.", Intent.BLOCKED, ""),
    ("Non riusciamo ad andare avanti, l'ambiente di test è giù.", Intent.BLOCKED, ""),
    ("Blocked until the DPA is sorted out.", Intent.BLOCKED, ""),
    ("Stuck on legal, once that's resolved we can go on.", Intent.BLOCKED, ""),
    ("Blockiert, bis die Rechtsabteilung das geklärt hat.", Intent.BLOCKED, ""),
    # an update is a note, unless what follows it is a command
    ("Quick update: the questionnaire is with our CISO, about halfway through.", Intent.NOTE,
     "the questionnaire is with our CISO"),
    ("Kurzes Update: Der Fragebogen liegt beim DSB.", Intent.NOTE, "Der Fragebogen"),
    ("Petit point d'étape : le questionnaire est chez notre DPO.", Intent.NOTE, "DPO"),
    ("Aggiornamento: il questionario è dal nostro DPO.", Intent.NOTE, "questionario"),
    ("Update: done!", Intent.DONE, ""),
    ("Kurzes Update: bitte auf den 18. Dezember verschieben.", Intent.RESCHEDULE, "2026-12-18"),
    # status and help asked about the whole plan, or "besides done"
    ("Where do we stand on the overall plan?", Intent.STATUS, ""),
    ("Where does the overall plan stand?", Intent.STATUS, ""),
    ("Wie ist denn der aktuelle Stand beim Gesamtplan?", Intent.STATUS, ""),
    ("Où en est-on sur le plan global ? Quelle est la prochaine étape ?", Intent.STATUS, ""),
    ("¿Cómo vamos con el plan en general?", Intent.STATUS, ""),
    ("¿En qué punto está el plan?", Intent.STATUS, ""),
    ("Hoe staan we ervoor met het hele plan?", Intent.STATUS, ""),
    ("Hoe staat het plan er nu in z'n geheel voor?", Intent.STATUS, ""),
    ("Como está o plano no geral?", Intent.STATUS, ""),
    ("A che punto siamo col piano complessivo?", Intent.STATUS, ""),
    ("全体の進捗はどうなっていますか？", Intent.STATUS, ""),
    ("プラン全体の進捗はどんな感じでしょうか？", Intent.STATUS, ""),
    ('What can I reply to these emails besides "done"?', Intent.HELP, ""),
    ("How does this work exactly?", Intent.HELP, ""),
    ("Was kann ich außer „erledigt“ noch antworten?", Intent.HELP, ""),
    ("Welche Antworten versteht das System eigentlich?", Intent.HELP, ""),
    ("Que puis-je répondre à part « fait » ?", Intent.HELP, ""),
    ("¿Qué más puedo responder aparte de «hecho»?", Intent.HELP, ""),
    ("Wat kan ik allemaal terugmailen behalve 'klaar'?", Intent.HELP, ""),
    ('O que mais eu posso responder além de "feito"?', Intent.HELP, ""),
    ("Cosa posso rispondere oltre a «fatto»?", Intent.HELP, ""),
    ("Cosa posso rispondere a queste mail?", Intent.HELP, ""),
    ("このメールにはどう返信すればいいですか？", Intent.HELP, ""),
]  # fmt: skip


@pytest.mark.parametrize(("text", "intent", "argument"), READ_FOR_CERTAIN)
def test_what_people_write_is_read_for_certain(text: str, intent: Intent, argument: str) -> None:
    found = understand(text, TODAY, step_title="Security review complete")
    assert (found.intent, found.certainty) == (intent, Certainty.CERTAIN), found
    assert argument in found.argument


@pytest.mark.parametrize("text", CHANGES_NOTHING)
def test_what_looks_like_a_command_but_is_not_changes_nothing(text: str) -> None:
    found = understand(text, TODAY, step_title="Security review complete")
    assert not found.acts, (found.intent, found.argument)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Niet verzetten en niet overdragen, we zitten niet vast.", "nl"),
        (
            "FYI procurement is stuck waiting on legal for the MSA. That doesn't affect the "
            "security review though, which is on track.",
            "en",
        ),
        (
            "ご参考までに、購買部門は法務の確認待ちで基本契約が止まっております。ただ、"
            "セキュリティレビューには影響なく、予定どおり進んでおります。",
            "ja",
        ),
    ],
)
def test_a_blocker_said_not_to_be_or_not_to_touch_the_step_blocks_nothing(
    text: str, language: str
) -> None:
    assert understand(text, TODAY, language=language).intent is not Intent.BLOCKED


@pytest.mark.parametrize(
    "text",
    [
        "Ich wollte eigentlich nicht im Plan vermerken, dass wir spät dran sind.",
        "Please do not note on the plan that we are late.",
    ],
)
def test_a_note_asked_not_to_be_kept_is_no_note(text: str) -> None:
    assert understand(text, TODAY).intent is not Intent.NOTE
