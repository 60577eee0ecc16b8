"""What the engine does with the check-in series as people change and answer it: answers per call,
SEQUENCE discipline, the series ended rather than cancelled, skip/move/cadence/meeting, the
organizer kept, answers from another address of the attendee. Pure: plan in, plan and notices out.

The plan (conftest): created Mon 2 March 2026, calls Tuesdays 10:00 Berlin until go-live 14 April.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from mutualplan import checkins, health
from mutualplan.calendar.checkin import Cadence
from mutualplan.calendar.series import calls, next_call
from mutualplan.edits import editing
from mutualplan.edits.changes import Notice
from mutualplan.errors import NotThisAttendee, Refused
from mutualplan.mail.commands import read_command
from mutualplan.mail.compose import Renderer
from mutualplan.mail.plan_emails import plan_email, subject_for
from mutualplan.messages import EmailRequest, ReplyCommand, RsvpCommand
from mutualplan.models import CheckIn, EmailKind, Plan, PlanStatus
from mutualplan.report import format_plan
from mutualplan.settings import Settings
from tests.support.invites import make_plan

BERLIN = ZoneInfo("Europe/Berlin")
STARTED = datetime(2026, 3, 2, 8, 5, tzinfo=UTC)
NOW = datetime(2026, 3, 12, 12, 0, tzinfo=UTC)  # two calls held (3 and 10 March); next: 17 March
SELLER, CLEO = "sam@seller.example", "cleo@buyer.example"
EVE, IAN = "eve@buyer.example", "ian@buyer.example"
SETTINGS = Settings(secret="test-secret")


def call(day: int, month: int = 3) -> datetime:
    return datetime(2026, month, day, 10, 0, tzinfo=BERLIN)


def running(**changes: Any) -> Plan:
    """The conftest plan with its series' first invites sent."""
    cadence = Cadence(weekday="TU", start="10:00", duration_minutes=30, timezone="Europe/Berlin")
    plan = make_plan(checkin=CheckIn(cadence=cadence), status="active", **changes)
    checkins.start_series(plan, STARTED)
    return plan


def reply(plan: Plan, text: str, sender: str = SELLER, now: datetime = NOW) -> list[Notice]:
    """A reply read as the engine reads it, checked and applied; its notices."""
    line = read_command(text, now.date())
    command = ReplyCommand(
        message_id=f"{uuid.uuid4()}@x", sender=sender, intent=line.intent,
        argument=line.argument, details=line.details, milestone_number=line.step,
        received_at=now,
    )  # fmt: skip
    editing.check_reply(plan, command, now)
    return editing.apply(plan, command, now).notices


def answer(
    plan: Plan, person_id: int, partstat: str, *, attendee: str | None = None,
    recurrence_id: datetime | date | None = None, dtstamp: datetime | None = None,
) -> list[Notice]:  # fmt: skip
    assert plan.checkin is not None
    person = plan.stakeholder(person_id)
    assert person is not None
    command = RsvpCommand(
        message_id=f"{uuid.uuid4()}@x", sender=attendee or person.email,
        token_stakeholder_id=person_id, uid=f"mutualplan-checkin-{plan.id}@plans.example.com",
        sequence=plan.checkin.sequence, attendee=attendee or person.email, partstat=partstat,
        recurrence_id=recurrence_id, dtstamp=dtstamp,
    )  # fmt: skip
    checkins.check_rsvp(plan, command)
    return checkins.record_rsvp(plan, command, NOW).notices


def kinds(notices: list[Notice]) -> dict[int, EmailKind]:
    return {n.recipient_id: n.kind for n in notices}


def subject(plan: Plan, notice: Notice) -> str:
    request = EmailRequest(kind=notice.kind, plan=plan, recipient_id=notice.recipient_id,
                           key="k", note=notice.note)  # fmt: skip
    return subject_for(request, None)


# --- 1. answers per call ------------------------------------------------------------------------


def test_declining_one_call_is_an_answer_for_that_call_only() -> None:
    plan = running()
    answer(plan, 3, "ACCEPTED")  # Eve, the Economic Buyer, accepts the series
    notices = answer(plan, 3, "DECLINED", recurrence_id=call(17))
    assert plan.checkin is not None
    assert plan.checkin.answers == {3: "ACCEPTED"}  # the series answer stands
    assert [(a.stakeholder_id, a.call, a.partstat) for a in plan.checkin.call_answers] == [
        (3, call(17), "DECLINED")
    ]
    assert health.read_health(plan, NOW) == "on track"  # one call missed is not a risk
    assert [n.note for n in notices] == [
        "Eve Budget (Economic Buyer) cannot come to the check-in call on Tue 17 Mar 10:00."
    ]
    assert "declined the check-in calls" not in notices[0].note


def test_the_next_call_shows_who_comes() -> None:
    plan = running()
    answer(plan, 2, "ACCEPTED")
    answer(plan, 3, "ACCEPTED")
    answer(plan, 3, "DECLINED", recurrence_id=call(17))
    answer(plan, 4, "TENTATIVE", recurrence_id=call(17))
    assert next_call(plan, NOW) == (call(17), call(17))
    status = format_plan(plan, NOW)
    assert "Next check-in call Tue 17 Mar 10:00 (Europe/Berlin):" in status
    assert "  coming: Cleo Champion\n" in status
    assert "  maybe: Ian Legal\n" in status
    assert "  not coming: Eve Budget\n" in status
    assert "  no answer: Sam Seller, se@seller.example" in status
    after = format_plan(plan, call(17) + timedelta(hours=1))  # the week after: Eve comes again
    assert "Next check-in call Tue 24 Mar" in after and "coming: Cleo Champion, Eve Budget" in after


def test_a_key_person_declining_the_series_puts_the_plan_at_risk() -> None:
    plan = running()
    notices = answer(plan, 3, "DECLINED")
    assert health.read_health(plan, NOW) == "at risk"
    assert [n.note for n in notices] == ["Eve Budget (Economic Buyer) declined the check-in calls."]


def test_a_key_person_missing_two_calls_in_a_row_puts_the_plan_at_risk() -> None:
    plan = running()
    answer(plan, 2, "DECLINED", recurrence_id=call(17))
    assert health.read_health(plan, NOW) == "on track"
    answer(plan, 2, "DECLINED", recurrence_id=call(24))
    assert health.read_health(plan, NOW) == "at risk"
    # someone who is not a key person may miss as many as they like
    other = running()
    answer(other, 4, "DECLINED", recurrence_id=call(17))
    answer(other, 4, "DECLINED", recurrence_id=call(24))
    assert health.read_health(other, NOW) == "on track"


def test_an_answer_for_a_call_the_series_does_not_have_is_refused() -> None:
    plan = running()
    with pytest.raises(Refused, match="a call the series does not have"):
        answer(plan, 3, "DECLINED", recurrence_id=call(17).replace(hour=11))  # 11:00, not 10:00
    with pytest.raises(Refused, match="a call the series does not have"):
        answer(plan, 3, "DECLINED", recurrence_id=call(18))
    answer(plan, 3, "DECLINED", recurrence_id=date(2026, 3, 17))  # a day names its one call
    assert plan.checkin is not None and plan.checkin.call_answers[0].call == call(17)


def test_an_older_answer_arriving_late_does_not_overwrite_a_newer_one() -> None:
    plan = running()
    answer(plan, 2, "ACCEPTED", dtstamp=datetime(2026, 3, 5, 9, tzinfo=UTC))
    with pytest.raises(Refused, match="newer answer"):
        answer(plan, 2, "DECLINED", dtstamp=datetime(2026, 3, 4, 9, tzinfo=UTC))
    assert plan.checkin is not None and plan.checkin.answers == {2: "ACCEPTED"}


# --- 7. answers from another address of the attendee ---------------------------------------------


def test_an_answer_from_the_same_mailbox_written_otherwise_is_recorded() -> None:
    plan = running()
    answer(plan, 2, "ACCEPTED", attendee="cleo+calendar@buyer.example")
    answer(plan, 3, "ACCEPTED", attendee="eve@buyer.example".upper().lower())
    assert plan.checkin is not None and plan.checkin.answers == {2: "ACCEPTED", 3: "ACCEPTED"}


def test_an_answer_from_another_address_is_conversation_not_an_answer() -> None:
    plan = running()
    with pytest.raises(NotThisAttendee, match=r"cleo\.champion@buyer\.example"):
        answer(plan, 2, "ACCEPTED", attendee="cleo.champion@buyer.example")
    assert not issubclass(
        NotThisAttendee, Refused
    )  # the sender is not told off: the seller reads it
    with pytest.raises(Refused, match=r"was sent to cleo@buyer\.example"):
        answer(plan, 2, "ACCEPTED", attendee=EVE)  # someone else on the plan: never theirs
    assert plan.checkin is not None and plan.checkin.answers == {}


# --- 2. the plan's end ends the series ------------------------------------------------------------


def test_the_end_of_the_plan_ends_the_series_and_keeps_the_calls_held() -> None:
    plan = running()
    plan.status = PlanStatus.COMPLETED
    notices = checkins.end_series(plan, NOW)
    assert set(kinds(notices).values()) == {EmailKind.CHECKIN_ENDED}
    assert len(notices) == len(plan.stakeholders)
    assert plan.checkin is not None and plan.checkin.sequence == 1
    assert calls(plan, plan.checkin) == [call(3), call(10)]  # held, and nothing after now


def test_a_plan_that_ends_before_its_first_call_cancels_the_series() -> None:
    plan = running()
    plan.status = PlanStatus.CANCELLED
    notices = checkins.end_series(plan, STARTED)
    assert set(kinds(notices).values()) == {EmailKind.CHECKIN_CANCEL}
    assert {n.note for n in notices} == {"the plan was cancelled"}


# --- 5, 6, 9: SEQUENCE discipline, the organizer kept, subjects -----------------------------------


def test_a_step_moved_past_go_live_updates_everyone_with_a_new_sequence() -> None:
    plan = running()
    assert plan.checkin is not None
    notices = reply(plan, "#2 new date: 2026-05-05", sender=EVE)
    assert plan.checkin.sequence == 1
    invites = [n for n in notices if n.kind is EmailKind.CHECKIN_INVITE]
    assert sorted(n.recipient_id for n in invites) == [s.id for s in plan.stakeholders]
    assert subject(plan, invites[0]) == "[Acme Corp] Check-in calls now run until Tue 05 May 2026"
    assert calls(plan, plan.checkin)[-1] == call(5, 5)


def test_nothing_attendees_see_changed_means_no_new_sequence() -> None:
    plan = running()
    assert plan.checkin is not None
    notices = reply(plan, "#1 done", sender=IAN)
    notices += reply(plan, "#2 new date: 2026-04-02", sender=EVE)  # before go-live: same end
    assert plan.checkin.sequence == 0
    assert not [n for n in notices if n.kind.value.startswith("checkin")]


def test_assigning_a_newcomer_invites_them_by_name_and_updates_the_others() -> None:
    plan = running()
    notices = reply(plan, "#2 assign to Lee Park <lee@buyer.example>", sender=EVE)
    lee = plan.stakeholder_by_email("lee@buyer.example")
    assert lee is not None and lee.name == "Lee Park"
    invites = {n.recipient_id: n for n in notices if n.kind is EmailKind.CHECKIN_INVITE}
    assert sorted(invites) == sorted(s.id for s in plan.stakeholders)
    assert invites[lee.id].note == ""  # a plain invitation
    assert subject(plan, invites[lee.id]).startswith("[Acme Corp] Check-in call: Tuesdays")
    assert subject(plan, invites[1]) == "[Acme Corp] Check-in: Lee Park joined"


def test_add_and_remove_subjects_name_the_change() -> None:
    plan = running()
    notices = reply(plan, "add: Kim Lee <kim@buyer.example> as Security")
    assert subject(plan, notices[0]) == "[Acme Corp] Check-in: Kim Lee joined"
    notices = reply(plan, "remove ian@buyer.example")
    removed = [n for n in notices if n.kind is EmailKind.CHECKIN_CANCEL]
    assert [n.recipient_id for n in removed] == [4]
    update = next(n for n in notices if n.kind is EmailKind.CHECKIN_INVITE)
    assert subject(plan, update) == "[Acme Corp] Check-in: Ian Legal left"


def test_someone_removed_and_added_again_keeps_their_id_and_so_their_organizer() -> None:
    plan = running()
    reply(plan, "remove ian@buyer.example")
    notices = reply(plan, "add: Ian Legal <ian@buyer.example>")
    ian = plan.stakeholder_by_email(IAN)
    assert ian is not None and ian.id == 4
    assert plan.former == []
    assert kinds(notices)[4] is EmailKind.CHECKIN_INVITE
    first = organizer_of(plan, 4)
    reply(plan, "remove ian@buyer.example")
    reply(plan, "add: Ian Legal <ian@buyer.example>")
    assert organizer_of(plan, 4) == first


def organizer_of(plan: Plan, person_id: int) -> str:
    request = EmailRequest(kind=EmailKind.CHECKIN_INVITE, plan=plan, recipient_id=person_id,
                           key="k")  # fmt: skip
    email = plan_email(request, settings=SETTINGS, renderer=Renderer(), now=NOW)
    assert email.calendar is not None
    line = next(li for li in email.calendar.replace(b"\r\n ", b"").split(b"\r\n")
                if li.startswith(b"ORGANIZER"))  # fmt: skip
    return line.decode().rpartition(":")[2]


# --- 11-13: the seller's commands ----------------------------------------------------------------


def test_meeting_link_sends_an_update() -> None:
    plan = running()
    notices = reply(plan, "meeting: https://meet.example.com/abc-defg-hij")
    assert (
        plan.checkin is not None and plan.checkin.meeting == "https://meet.example.com/abc-defg-hij"
    )
    assert plan.checkin.sequence == 1
    assert subject(plan, notices[0]) == "[Acme Corp] Check-in: a new meeting link"
    with pytest.raises(Refused, match="https://"):
        reply(plan, "meeting: javascript:alert(1)")


def test_skipping_one_call_cancels_that_call_for_everyone() -> None:
    plan = running()
    notices = reply(plan, "skip the call on Mar 24")
    assert plan.checkin is not None and plan.checkin.sequence == 1
    assert {n.kind for n in notices} == {EmailKind.CHECKIN_SKIPPED}
    assert sorted(n.recipient_id for n in notices) == [s.id for s in plan.stakeholders]
    assert {n.note for n in notices} == {call(24).isoformat()}
    assert subject(plan, notices[0]) == "[Acme Corp] Check-in call on Tue 24 Mar 10:00 skipped"
    with pytest.raises(Refused, match="already begun"):
        reply(plan, "skip the call on 2026-03-10")
    with pytest.raises(Refused, match="no check-in call on"):
        reply(plan, "skip the call on Mar 25")


def test_moving_one_call_sends_its_new_time_to_everyone() -> None:
    plan = running()
    notices = reply(plan, "move the Mar 24 call to Mar 25 15:00")
    assert {n.kind for n in notices} == {EmailKind.CHECKIN_MOVED}
    assert plan.checkin is not None
    assert plan.checkin.changes[0].call == call(24)
    assert plan.checkin.changes[0].moved_to == datetime(2026, 3, 25, 15, 0, tzinfo=BERLIN)
    assert subject(plan, notices[0]) == (
        "[Acme Corp] Check-in call on Tue 24 Mar 10:00 moved to Wed 25 Mar 15:00"
    )
    # answers for the moved call are for its original RECURRENCE-ID
    answer(plan, 2, "ACCEPTED", recurrence_id=call(24))
    assert plan.checkin.call_answers[0].call == call(24)


def test_changing_the_cadence_after_calls_were_held_starts_a_new_series() -> None:
    plan = running()
    notices = reply(plan, "check-in: Wednesdays 15:00 Europe/Berlin")
    assert plan.checkin is not None
    assert plan.checkin.number == 1 and plan.checkin.sequence == 0
    (ended,) = plan.checkin.earlier
    assert calls(plan, ended) == [call(3), call(10)]  # the calls held stay
    assert ended.sequence == 1
    assert calls(plan, plan.checkin)[0] == datetime(2026, 3, 18, 15, 0, tzinfo=BERLIN)
    assert [n.kind for n in notices].count(EmailKind.CHECKIN_ENDED) == len(plan.stakeholders)
    invite = next(n for n in notices if n.kind is EmailKind.CHECKIN_INVITE)
    assert subject(plan, invite) == (
        "[Acme Corp] Check-in calls now Wednesdays 15:00\u201315:30 (Europe/Berlin)"
    )
    ended_notice = next(n for n in notices if n.kind is EmailKind.CHECKIN_ENDED)
    assert subject(plan, ended_notice).startswith("[Acme Corp] Check-in calls end: now Wednesdays")


def test_changing_the_cadence_before_any_call_moves_the_one_series() -> None:
    plan = running()
    notices = reply(plan, "check-in: Thursdays 9:00", now=STARTED)
    assert plan.checkin is not None and plan.checkin.number == 0 and plan.checkin.sequence == 1
    assert {n.kind for n in notices} == {EmailKind.CHECKIN_INVITE}
    assert calls(plan, plan.checkin)[0] == datetime(2026, 3, 5, 9, 0, tzinfo=BERLIN)


def test_only_the_seller_changes_the_calls() -> None:
    plan = running()
    with pytest.raises(Refused, match="only the seller"):
        reply(plan, "skip the call on Mar 24", sender=CLEO)
