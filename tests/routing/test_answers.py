"""The budget of automatic answers: at most N an hour in all, and each kind to one person at
most as often as it says; it forgets what is older than an hour, so it stays small."""

from __future__ import annotations

from mutualplan.routing.answers import HOUR, AnswerBudget, AnswerKind


def test_help_goes_to_a_person_once_an_hour() -> None:
    budget = AnswerBudget(per_hour=100)
    assert budget.allow("jane@globex.example", AnswerKind.HELP, 0)
    assert not budget.allow("jane@globex.example", AnswerKind.NOT_UNDERSTOOD, 10)
    assert not budget.allow("jane@globex.example", AnswerKind.HELP, HOUR - 1)
    assert budget.allow("sam@globex.example", AnswerKind.HELP, 10), "another person"
    assert budget.allow("jane@globex.example", AnswerKind.REFUSED, 10), "another kind"
    assert budget.allow("jane@globex.example", AnswerKind.HELP, HOUR)


def test_a_seller_gets_a_few_start_answers_an_hour() -> None:
    budget = AnswerBudget(per_hour=100)
    sent = [budget.allow("alex@acme.example", AnswerKind.START_FAILED, t) for t in range(5)]
    assert sent == [True, True, True, False, False]


def test_at_most_n_an_hour_in_all_whoever_they_go_to() -> None:
    budget = AnswerBudget(per_hour=20)
    sent = [budget.allow(f"victim{n}@x.example", AnswerKind.TEMPLATES, n) for n in range(50)]
    assert sum(sent) == 20
    assert budget.allow("victim99@x.example", AnswerKind.TEMPLATES, HOUR + 1), "an hour later"


def test_none_at_all_with_a_budget_of_zero() -> None:
    assert not AnswerBudget(per_hour=0).allow("jane@globex.example", AnswerKind.STATUS, 0)


def test_it_keeps_no_more_than_an_hours_answers() -> None:
    budget = AnswerBudget(per_hour=10)
    for n in range(1000):
        budget.allow(f"p{n}@x.example", AnswerKind.HELP, n * 60.0)
    assert len(budget._sent) <= 10


def test_answers_to_accepted_changes_do_not_use_up_everyone_elses() -> None:
    budget = AnswerBudget(per_hour=2)
    confirmed = [budget.allow(f"p{n}@x.example", AnswerKind.CONFIRMED, n) for n in range(25)]
    assert sum(confirmed) == 20  # a pool of their own, ten times the budget
    assert budget.allow("jane@globex.example", AnswerKind.HELP, 30), "help still goes"
    assert budget.allow("jane@globex.example", AnswerKind.ASKED, 30) is False  # the pool is spent
    one = AnswerBudget(per_hour=100)
    assert sum(one.allow("jane@globex.example", AnswerKind.ASKED, n) for n in range(9)) == 5
    assert not AnswerBudget(per_hour=0).allow("jane@globex.example", AnswerKind.CONFIRMED, 0)


def test_an_answer_that_could_not_be_sent_is_not_counted() -> None:
    """A question is counted when it is sent: a message read again while the SMTP server was
    down (TryLater) does not use up the person's questions (red-team, 2026-12-08)."""
    budget = AnswerBudget(per_hour=100)
    for attempt in range(10):  # ten reads of one message, each failing to send
        assert budget.fits("jane@globex.example", AnswerKind.ASKED, attempt)
    for sent in range(5):
        budget.count("jane@globex.example", AnswerKind.ASKED, 10 + sent)
    assert not budget.fits("jane@globex.example", AnswerKind.ASKED, 20)
