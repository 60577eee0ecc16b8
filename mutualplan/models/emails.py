"""The kinds of email a plan sends, by what each says."""

from __future__ import annotations

from enum import StrEnum


class EmailKind(StrEnum):
    PLAN_DRAFT = "plan-draft"
    PLAN_CREATED = "plan-created"
    MILESTONE_STARTED = "milestone-started"
    MILESTONE_DONE = "milestone-done"
    MILESTONE_CHANGED = "milestone-changed"
    MILESTONE_REMINDER = "milestone-reminder"
    MILESTONE_LATE = "milestone-late"
    PLAN_COMPLETED = "plan-completed"
    PLAN_STALLED = "plan-stalled"
    PLAN_NOTICE = "plan-notice"
    PLAN_UPDATES = "plan-updates"
    CHECKIN_INVITE = "checkin-invite"
    CHECKIN_CANCEL = "checkin-cancel"
    CHECKIN_ENDED = "checkin-ended"  # the series ends (UNTIL): past calls stay on calendars
    CHECKIN_SKIPPED = "checkin-skipped"  # one call cancelled; note: its RECURRENCE-ID
    CHECKIN_MOVED = "checkin-moved"  # one call moved; note: its RECURRENCE-ID
    PLAN_COMMENT = "plan-comment"  # what someone wrote, to the seller; note: its Message-ID
