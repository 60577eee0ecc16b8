"""Webhook events read from a plan's changes (pure): each once, in order, with stable ids."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from mutualplan import webhooks
from mutualplan.models import Comment, Event, MilestoneStatus, PlanStatus
from mutualplan.webhooks import EVENT_TYPES, events_since
from tests.support.plans import make_plan

NOW = datetime.now(UTC)
ALL = set(EVENT_TYPES)


def test_a_plans_life_makes_each_event_once_in_order() -> None:
    plan = make_plan("short", confirm=False, now=NOW)
    told, marks = events_since(None, plan, NOW, ALL)
    assert [e.type for e in told] == ["plan.started"]
    assert events_since(marks, plan, NOW, ALL)[0] == []  # nothing changed: nothing told

    plan.status = PlanStatus.ACTIVE
    first = plan.milestones[0]
    first.status = MilestoneStatus.ACTIVE
    events, marks = events_since(marks, plan, NOW, ALL)
    assert [e.type for e in events] == ["plan.confirmed", "milestone.started"]
    assert events[1].data["milestone"]["key"] == first.key

    first.blocked = "waiting for legal"
    first.history.append(Event(at=NOW, by="jane@globex.example", what="note: call me"))
    events, marks = events_since(marks, plan, NOW, ALL)
    assert [e.type for e in events] == ["milestone.blocked", "comment.added"]
    assert events[1].data["comment"]["text"] == "call me"

    later = NOW + timedelta(days=first.due.toordinal() - NOW.date().toordinal() + 2)
    plan.health = "at risk"
    events, marks = events_since(marks, plan, later, ALL)
    assert [e.type for e in events] == ["milestone.late", "plan.health_changed"]
    assert events[1].data["health"] == {"from": "on track", "to": "at risk"}
    assert events_since(marks, plan, later + timedelta(days=1), ALL)[0] == []  # late once

    first.status, first.done_at, first.blocked = MilestoneStatus.DONE, later, ""
    plan.milestones[1].status = MilestoneStatus.ACTIVE
    events, marks = events_since(marks, plan, later, ALL)
    assert [e.type for e in events] == ["milestone.done", "milestone.started"]
    assert events[0].data["note"] is None  # nothing written with "done"
    assert "note" not in events[1].data

    plan.status = PlanStatus.CANCELLED
    events, marks = events_since(marks, plan, later, ALL)
    assert [e.type for e in events] == ["plan.cancelled"]
    assert marks.sequence == 10


def test_ids_are_stable_and_unwanted_events_keep_their_numbers() -> None:
    plan = make_plan("short", now=NOW)
    plan.milestones[0].status = MilestoneStatus.ACTIVE
    events, _marks = events_since(None, plan, NOW, {"milestone.started"})
    assert [(e.type, e.id) for e in events] == [("milestone.started", f"{plan.id}.3")]
    again, _ = events_since(None, plan, NOW, {"milestone.started"})
    assert again[0].id == events[0].id and again[0].body() == events[0].body()
    body = json.loads(events[0].body())
    assert body["type"] == "milestone.started" and body["data"]["plan"]["id"] == plan.id
    assert set(body) == {"type", "timestamp", "data"}


def test_the_sample_is_a_milestone_done() -> None:
    sample = webhooks.sample_event(NOW)
    assert sample.type == "milestone.done" and sample.data["plan"]["deal"] == "Globex rollout"
    assert sample.data["note"]


def test_a_step_done_with_a_note_carries_it_beside_the_step() -> None:
    """Added beside `milestone`, not in it: what consumers read of the step is as it was."""
    plan = make_plan("short", now=NOW)
    _, marks = events_since(None, plan, NOW, ALL)
    first = plan.milestones[0]
    first.status, first.done_at = MilestoneStatus.DONE, NOW
    first.done_note = "Legal signed it this morning"
    [done, *_] = events_since(marks, plan, NOW, {"milestone.done"})[0]
    body = json.loads(done.body())
    assert body["data"]["note"] == "Legal signed it this morning"
    assert set(body["data"]) == {"plan", "milestone", "note"}
    assert "note" not in body["data"]["milestone"]


def test_what_people_wrote_is_a_comment_event_on_its_step_or_the_plan() -> None:
    plan = make_plan("short", now=NOW)
    _, marks = events_since(None, plan, NOW, ALL)
    later = NOW + timedelta(minutes=5)
    plan.comments += [
        Comment(at=later, by="jane@globex.example", text="When is this due?", step=1,
                message_id="q1@globex.example"),
        Comment(at=later + timedelta(seconds=1), by="sam@globex.example", text="Thanks all",
                message_id="q2@globex.example"),
    ]  # fmt: skip
    events, marks = events_since(marks, plan, later, ALL)
    assert [e.type for e in events] == ["comment.added", "comment.added"]
    on_step, on_plan = (e.data for e in events)
    assert on_step["milestone"]["number"] == 1 and on_step["comment"]["by_name"] == "Jane Doe"
    assert on_step["comment"]["text"] == "When is this due?"
    assert on_plan["milestone"] is None and on_plan["comment"]["by"] == "sam@globex.example"
    assert events_since(marks, plan, later, ALL)[0] == []  # told once
