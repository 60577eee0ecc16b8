"""How late a step is, said the same everywhere a person reads it (the health, the Monday
digest, the cockpit, the plan page): in the plan's business days, skipping its weekend and its
public holidays. A step due on a Friday is one day late on Monday; a holiday week moves no plan
closer to stalled. Pure: a plan in, what each view shows out."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from mutualplan.business_days import EVERY_DAY
from mutualplan.digest import seller_digest
from mutualplan.health import read_health
from mutualplan.languages import wording
from mutualplan.links import Links
from mutualplan.mail.compose import Renderer
from mutualplan.models import Event, Health, Plan
from mutualplan.plan_rows import card_of, summary_of
from mutualplan.web.cockpit import cockpit_view
from mutualplan.web.page import plan_page
from tests.test_health import JANE, SELLER
from tests.test_health import running_plan as health_plan


def running_plan(holidays: str | None, due: date) -> Plan:
    """test_health's short plan (US calendar, or none), its first step under way and due on
    `due`."""
    plan = health_plan(holidays)
    plan.milestones[0].due = due
    return plan


def at_noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def seen_on(plan: Plan, day: date) -> dict[str, object]:
    """How late the first step is and how the plan is, as each view shows it on `day` (Jane
    looked at the plan the day before, so it is not stalled for want of buyer action)."""
    now = at_noon(day)
    plan.history.append(Event(at=now - timedelta(days=1), by=JANE.email, what="opened the plan"))
    row = summary_of(plan, now)
    digest = seller_digest([row], now - timedelta(days=7), now)
    assert digest is not None
    text = Renderer().text("seller-digest", language="en", digest=digest, subject="")
    [late_line] = [line.strip() for line in text.splitlines() if line.endswith(" late")]
    [cockpit] = cockpit_view([row], person=SELLER.email, team=False, now=now).rows
    jane = plan.stakeholder_by_email(JANE.email)
    assert jane is not None
    page = plan_page(plan, jane, Links(b"k" * 32), now)
    return {
        "health": read_health(plan, now),
        "listed": row.health,
        "digest": late_line,
        "cockpit": cockpit.step.days_late if cockpit.step else None,
        "page": wording("en").say(page.timeline[0].state_text),
    }


def test_a_step_due_on_friday_is_one_day_late_on_monday() -> None:
    friday = date(2026, 11, 20)
    seen = seen_on(running_plan(None, friday), friday + timedelta(days=3))
    title = "Proposal reviewed and agreed (Jane Doe)"
    assert seen == {
        "health": Health.AT_RISK,
        "listed": Health.AT_RISK,
        "digest": f"- {title}: 1 day late",
        "cockpit": 1,
        "page": "1 day late",
    }


def test_a_holiday_week_moves_no_plan_closer_to_stalled() -> None:
    """Due Thursday 17 December 2026 (US): on Monday 28 December it is 6 business days late
    (Christmas Day and two weekends not counted), not 11 calendar days: at risk, not stalled."""
    plan = running_plan("US", date(2026, 12, 17))
    seen = seen_on(plan, date(2026, 12, 28))
    assert seen["health"] == seen["listed"] == Health.AT_RISK
    assert str(seen["digest"]).endswith(": 6 days late")
    assert seen["cockpit"] == 6 and seen["page"] == "6 days late"
    # the 7th business day late, Tuesday 29 December, it stalls, and every view says 7
    seen = seen_on(plan, date(2026, 12, 29))
    assert seen["health"] == seen["listed"] == Health.STALLED
    assert str(seen["digest"]).endswith(": 7 days late")
    assert seen["cockpit"] == 7 and seen["page"] == "7 days late"


@pytest.mark.parametrize("day", [date(2026, 12, 19), date(2026, 12, 20), date(2026, 12, 25)])
def test_a_day_off_adds_no_day_late(day: date) -> None:
    """On a Saturday, a Sunday or Christmas Day a step is as late as on the business day
    before."""
    plan = running_plan("US", date(2026, 12, 17))
    before = seen_on(plan, day - timedelta(days=1 if day.weekday() != 6 else 2))
    assert seen_on(plan, day)["cockpit"] == before["cockpit"]


def test_a_plan_that_counted_calendar_days_keeps_its_card_saying_them() -> None:
    """A run from before counts calendar days until it continues as new (workflow.patched):
    its health and its card agree, as its card (with no days off) says calendar days."""
    plan = running_plan(None, date(2026, 11, 20))
    now = at_noon(date(2026, 11, 23))
    plan.history.append(Event(at=now - timedelta(days=1), by=JANE.email, what="opened the plan"))
    card = card_of(plan, now, before=True)
    assert card.days_off is None and card.days_late(date(2026, 11, 20), now.date()) == 3
    assert read_health(plan, now, EVERY_DAY) == Health.AT_RISK
