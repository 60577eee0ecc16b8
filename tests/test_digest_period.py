"""The seller's digest names the period it covers: Monday's email says "week"; `mutualplan digest
--days 1` says "the past day", `--days 3` "the past 3 days", in every language. Pure: a plan's
list row in, the digest's text and HTML as the email and the command render them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mutualplan.digest import seller_digest
from mutualplan.languages import ENGLISH, SHIPPED, wording
from mutualplan.mail.compose import Renderer
from mutualplan.models import Event
from mutualplan.plan_rows import NEWS_DAYS, summary_of
from tests.support.plans import jane_plan

NOW = datetime.now(UTC).replace(microsecond=0)
RENDERER = Renderer()
JANE = "jane@globex.example"


def rendered(days: int, language: str = ENGLISH, *, quiet: bool = False) -> tuple[str, str]:
    """The digest's text and HTML for a plan that moved an hour ago (`quiet`: not at all)."""
    plan = jane_plan(NOW)
    if not quiet:
        plan.history.append(Event(at=NOW - timedelta(hours=1), by=JANE, what="opened the plan"))
    row = summary_of(plan, NOW)
    digest = seller_digest([row], NOW - timedelta(days=days), NOW, days=days)
    assert digest is not None
    context = {"digest": digest, "subject": ""}
    return (
        RENDERER.text("seller-digest", language=language, **context),
        RENDERER.html("seller-digest", language=language, **context),
    )


def test_mondays_digest_says_week() -> None:
    text, html = rendered(7)
    assert "Your mutual action plans, week of " in text and "   This week:" in text
    assert "<b>This week</b>" in html


@pytest.mark.parametrize(
    ("days", "covered", "moved"),
    [
        (1, "Your mutual action plans, the past day to ", "The past day"),
        (3, "Your mutual action plans, the past 3 days to ", "The past 3 days"),
        (14, "Your mutual action plans, the past 14 days to ", "The past 14 days"),
    ],
)
def test_a_digest_of_other_days_says_them(days: int, covered: str, moved: str) -> None:
    text, html = rendered(days)
    assert covered in text and f"   {moved}:" in text, text
    assert covered in html and f"<b>{moved}</b>" in html
    assert "week" not in text.split("\n--\n")[0] and "week" not in html.split('<p style="color')[0]


@pytest.mark.parametrize(("days", "nothing"), [(1, "in the past day."), (4, "in the past 4 days.")])
def test_nothing_moved_names_the_period(days: int, nothing: str) -> None:
    text, html = rendered(days, quiet=True)
    assert f"Nothing moved {nothing}" in text and f"Nothing moved {nothing}" in html, text


@pytest.mark.parametrize("language", [code for code in SHIPPED if code != ENGLISH])
def test_every_language_names_the_period(language: str) -> None:
    def heading(days: int) -> str:
        text, _ = rendered(days, language)
        return [line for line in text.splitlines() if line.strip()][1]

    said = [heading(days) for days in (1, 3, 4, 7)]
    assert len(set(said)) == 4, said  # a day, 3 days and 4 days each say so; a week is a week


# --- the digest workflow's: Monday's week, or the days since the last one sent ---------------

MONDAY = datetime.combine(
    (NOW - timedelta(days=NOW.weekday() + 7)).date(), datetime.min.time(), tzinfo=UTC
) + timedelta(hours=8)  # a Monday at 8:00 a week or two before the test runs


def sent(since: datetime, now: datetime, language: str = ENGLISH) -> tuple[str, str]:
    """The digest's heading lines and text, as the workflow's activity sends it for MONDAY."""
    plan = jane_plan(since - timedelta(days=1))
    row = summary_of(plan, now)
    digest = seller_digest([row], since, now, due=MONDAY)
    assert digest is not None
    text = RENDERER.text("seller-digest", language=language, digest=digest, subject="")
    return "\n".join(text.split("\n\n")[1].splitlines()[:2]), text


def test_mondays_digest_on_its_monday_is_the_week() -> None:
    heading, _ = sent(MONDAY - timedelta(days=7), MONDAY + timedelta(seconds=1))
    assert heading.startswith("Your mutual action plans, week of ")
    assert "late" not in heading


def test_a_digest_sent_on_tuesday_says_since_the_last_and_that_it_is_late() -> None:
    last = MONDAY - timedelta(days=7)
    heading, text = sent(last, MONDAY + timedelta(days=1, hours=2))
    words = wording(ENGLISH)
    assert heading == (
        f"Your mutual action plans since {words.longdate(last.date())}: 1 plan, 0 at risk or "
        f"stalled.\nThis digest was due {words.longdate(MONDAY.date())} and comes late: it "
        f"covers what moved since {words.longdate(last.date())}."
    )
    assert "week" not in text.split("\n--\n")[0]
    row = summary_of(jane_plan(last - timedelta(days=1)), MONDAY + timedelta(days=1))
    digest = seller_digest([row], last, MONDAY + timedelta(days=1), due=MONDAY)
    html = RENDERER.html("seller-digest", language=ENGLISH, digest=digest, subject="")
    assert f"This digest was due {words.longdate(MONDAY.date())} and comes late" in html
    assert f"Your mutual action plans since {words.longdate(last.date())}:" in html


def test_after_a_digest_not_sent_the_next_covers_both_weeks_and_says_so() -> None:
    last = MONDAY - timedelta(days=14)
    heading, _ = sent(last, MONDAY + timedelta(seconds=1))
    assert heading.startswith(
        f"Your mutual action plans since {wording(ENGLISH).longdate(last.date())}: "
    )
    assert "comes late" not in heading


def test_a_digest_says_only_the_days_plans_keep_news_of() -> None:
    """Cards keep NEWS_DAYS of news: a digest 20 days after the last says those days."""
    now = MONDAY + timedelta(days=6)
    heading, _ = sent(MONDAY - timedelta(days=14), now)
    kept = (now - timedelta(days=NEWS_DAYS)).date()
    assert heading.startswith(f"Your mutual action plans since {wording(ENGLISH).longdate(kept)}: ")


@pytest.mark.parametrize("language", [code for code in SHIPPED if code != ENGLISH])
def test_every_language_says_a_late_digest_is_late(language: str) -> None:
    weekly, _ = sent(MONDAY - timedelta(days=7), MONDAY, language)
    late, _ = sent(MONDAY - timedelta(days=7), MONDAY + timedelta(days=2), language)
    words = wording(language)
    assert len(late.splitlines()) == 2 and len(weekly.splitlines()) == 1, late
    assert words.longdate(MONDAY.date()) in late.splitlines()[1]
    assert words.longdate((MONDAY - timedelta(days=7)).date()) in late.splitlines()[0]
