"""Pure: the check-in series of a plan as people change it and answer it.

The seller moves or skips one call, changes the cadence or the meeting link; attendees answer
the series or one call from their calendars; the plan's end ends the series. Every change that
attendees see goes out through `sync`, which compares the series with what its invites last
showed: if anything differs, SEQUENCE goes up by one and everyone gets the update (RFC 5546), so
one SEQUENCE never carries two contents, the plan page's .ics included.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from mutualplan.calendar import series as calls
from mutualplan.calendar.checkin import Cadence, parse_cadence, read_meeting_link
from mutualplan.edits.changes import Change, Notice
from mutualplan.errors import NotTheirs, NotThisAttendee, Refused
from mutualplan.messages import ReplyCommand, RsvpCommand
from mutualplan.models import (
    CLAUSES,
    KEY_ROLES,
    CallAnswer,
    CallChange,
    CallMove,
    CheckIn,
    EmailKind,
    Event,
    Intent,
    Phrase,
    Plan,
    PlanStatus,
    day_and_time,
    full_date,
    joined,
    phrase,
    term,
)

SERIES_EDITS = {Intent.MEETING, Intent.SKIP_CALL, Intent.MOVE_CALL, Intent.CADENCE}
NO_MEETING = {"none", "no", "remove", "-", "no link"}


# --- starting, syncing, ending ------------------------------------------------------------------


def start_series(plan: Plan, now: datetime) -> list[Notice]:
    """The first invites, to everyone; what they show is the base later changes are told from."""
    if plan.checkin is None:
        return []
    plan.checkin.shown = calls.shown(plan)
    plan.checkin.revised_at = plan.checkin.revised_at or now
    return [Notice(kind=EmailKind.CHECKIN_INVITE, recipient_id=s.id) for s in plan.stakeholders]


def sync(
    plan: Plan, now: datetime, note: str = "", said: list[Phrase] | None = None
) -> list[Notice]:
    """SEQUENCE + 1 and an update to everyone if the series shows anything new; else nothing.

    A skipped or moved call alone goes out as a message about that call; anything else as the
    whole series. Newcomers get a plain invitation; the others are told what changed (`note`,
    and `said`: the same in phrases, told in each reader's language)."""
    series = plan.checkin
    if series is None or series.shown is None or plan.status is not PlanStatus.ACTIVE:
        return []
    now_shown = calls.shown(plan)
    before = series.shown
    if now_shown == before:
        return []
    series.sequence += 1
    series.revised_at = now
    series.shown = now_shown
    changes = calls.describe_changes(before, now_shown)
    series.latest, series.latest_said = [c.english() for c in changes], changes
    if not note:  # what the calendars must show, told as such: "Kim Lee joined."
        said = [phrase("{changes}.", changes=joined(changes, CLAUSES))]
        note = "; ".join(series.latest).capitalize() + "."
    if before.model_copy(update={"changes": now_shown.changes}) == now_shown:
        return _call_notices(plan, before.changes, now_shown.changes, note)
    invited = {person[0] for person in before.attendees}
    return [
        Notice(kind=EmailKind.CHECKIN_INVITE, recipient_id=s.id, note=note, said=said or [])
        if s.id in invited
        else Notice(kind=EmailKind.CHECKIN_INVITE, recipient_id=s.id)
        for s in plan.stakeholders
    ]


def _call_notices(
    plan: Plan, before: list[CallChange], after: list[CallChange], note: str
) -> list[Notice]:
    notices = []
    for change in after:
        if change in before:
            continue
        kind = EmailKind.CHECKIN_SKIPPED if change.moved_to is None else EmailKind.CHECKIN_MOVED
        notices += [
            Notice(kind=kind, recipient_id=s.id, note=change.call.isoformat())
            for s in plan.stakeholders
        ]
    return notices


def end_series(plan: Plan, now: datetime) -> list[Notice]:
    """The plan ended: its series ends now (UNTIL), so the calls held stay on calendars; a
    series that never had a call is cancelled whole."""
    series = plan.checkin
    if series is None:
        return []
    ends = {
        PlanStatus.CANCELLED: phrase("the plan was cancelled"),
        PlanStatus.STALLED: phrase("the plan stalled"),
    }
    why = [ends[plan.status]] if plan.status in ends else []
    series.sequence += 1
    series.revised_at = now
    if calls.first_call(plan, series) > now:
        kind = EmailKind.CHECKIN_CANCEL
    else:
        kind = EmailKind.CHECKIN_ENDED
        _end(plan, series, now)
        series.shown = calls.shown(plan)
    note = " ".join(p.english() for p in why)
    return [Notice(kind=kind, recipient_id=s.id, note=note, said=why) for s in plan.stakeholders]


# --- the seller's commands ----------------------------------------------------------------------


def check(plan: Plan, command: ReplyCommand, now: datetime) -> None:
    """Refused with a reason unless the seller's change to the series can be made."""
    if plan.checkin is None:
        raise Refused(phrase("the plan has no check-in call"))
    match command.intent:
        case Intent.MEETING:
            _meeting(command.argument)
        case Intent.SKIP_CALL:
            _upcoming_call(plan, command.argument, now)
        case Intent.MOVE_CALL:
            move = _call_move(command)
            _moved_to(plan, _upcoming_call(plan, move.call, now), move.to, now)
        case Intent.CADENCE:
            _cadence(plan, command.argument)


def _call_move(command: ReplyCommand) -> CallMove:
    """Which call a MOVE_CALL command moves, and where to (none: the next call, nowhere)."""
    move = command.details
    return move if isinstance(move, CallMove) else CallMove(call="next", to="")


def apply(plan: Plan, command: ReplyCommand, now: datetime) -> Change:
    """Make the seller's change to the series; `sync` (after every reply) sends it out."""
    series = plan.checkin
    assert series is not None, "checked by check()"
    match command.intent:
        case Intent.MEETING:
            series.meeting = _meeting(command.argument)
            what = _WHAT["meeting" if series.meeting else "no meeting"]
            slots: dict[str, str | Phrase] = {"link": series.meeting}
        case Intent.SKIP_CALL:
            call = _upcoming_call(plan, command.argument, now)
            series.changes = [*_other_changes(series, call), CallChange(call=call)]
            what, slots = _WHAT["skip"], {"call": _when(call)}
        case Intent.MOVE_CALL:
            move = _call_move(command)
            call = _upcoming_call(plan, move.call, now)
            to = _moved_to(plan, call, move.to, now)
            series.changes = [*_other_changes(series, call), CallChange(call=call, moved_to=to)]
            series.call_answers = [a for a in series.call_answers if a.call != call]
            what, slots = _WHAT["move"], {"call": _when(call), "to": _when(to)}
        case _:
            cadence = _cadence(plan, command.argument)
            what, slots = _WHAT["cadence"], {"cadence": calls.weekly(cadence)}
            notices = change_cadence(plan, cadence, now)
            return _with_history(plan, command.sender, now, what, slots, notices)
    return _with_history(plan, command.sender, now, what, slots, [])


# what the seller's change to the series was: (the line of history, what everyone is told)
_WHAT: dict[str, tuple[Phrase, Phrase]] = {
    "meeting": (
        phrase("set the meeting link to {link}"),
        phrase("{name} set the meeting link to {link}."),
    ),
    "no meeting": (phrase("removed the meeting link"), phrase("{name} removed the meeting link.")),
    "skip": (
        phrase("skipped the check-in call on {call}"),
        phrase("{name} skipped the check-in call on {call}."),
    ),
    "move": (
        phrase("moved the check-in call on {call} to {to}"),
        phrase("{name} moved the check-in call on {call} to {to}."),
    ),
    "cadence": (
        phrase("changed the check-in calls to {cadence}"),
        phrase("{name} changed the check-in calls to {cadence}."),
    ),
}


def change_cadence(plan: Plan, cadence: Cadence, now: datetime) -> list[Notice]:
    """A new cadence. Once calls were held, the series ends now (its past calls stay on
    calendars) and a new one, with a UID of its own, starts at the first new slot."""
    old = plan.checkin
    assert old is not None, "checked by check()"
    first = calls.first_slot_after(now, cadence)
    if calls.first_call(plan, old) > now:  # nothing held yet: the same series moves
        old.cadence, old.first_call, old.changes, old.call_answers = cadence, first, [], []
        return []
    ended = old.model_copy(deep=True, update={"earlier": []})
    _end(plan, ended, now)
    ended.sequence += 1
    new = CheckIn(cadence=cadence, meeting=old.meeting, first_call=first, number=old.number + 1)
    new.earlier = [*old.earlier, ended]
    new.revised_at, new.shown = now, None
    plan.checkin = new
    new.shown = calls.shown(plan)
    now_weekly = calls.weekly(cadence)
    new.latest_said = [phrase("calls now {cadence}", cadence=now_weekly)]
    new.latest = [said.english() for said in new.latest_said]
    told = phrase("The check-in calls are now {cadence}.", cadence=now_weekly)
    note = told.english()
    return [Notice(kind=EmailKind.CHECKIN_ENDED, recipient_id=s.id, note=note, said=[told])
            for s in plan.stakeholders] + [
        Notice(kind=EmailKind.CHECKIN_INVITE, recipient_id=s.id, note=note, said=[told])
        for s in plan.stakeholders
    ]  # fmt: skip


def _end(plan: Plan, series: CheckIn, now: datetime) -> None:
    """The series ends now: the calls after it, and what was changed of them, are gone."""
    series.ended_at = min(now, calls.until(plan, series))
    series.changes = [c for c in series.changes if c.call <= series.ended_at]
    series.call_answers = [a for a in series.call_answers if a.call <= series.ended_at]


def _with_history(
    plan: Plan,
    by: str,
    now: datetime,
    what: tuple[Phrase, Phrase],
    slots: dict[str, str | Phrase],
    notices: list[Notice],
) -> Change:
    line, told = (said.model_copy(update=_filled(slots)) for said in what)
    plan.history.append(Event(at=now, by=by, what=line.english(), said=line))
    who = plan.stakeholder_by_email(by)
    summary = told.model_copy(update=_filled({**slots, "name": who.display if who else by}))
    return Change(summary=summary.english(), notices=notices, said=[summary])


def _filled(slots: dict[str, str | Phrase]) -> dict[str, object]:
    """A phrase's slots, for `model_copy`."""
    return {
        "args": {k: v for k, v in slots.items() if isinstance(v, str)},
        "parts": {k: v for k, v in slots.items() if isinstance(v, Phrase)},
    }


def _meeting(argument: str) -> str:
    if argument.strip().lower().rstrip(".") in NO_MEETING:
        return ""
    link = read_meeting_link(argument)
    if link is None:
        raise Refused(phrase("a meeting link starts with https:// (for example \u201cmeeting: "
                             "https://meet.example.com/abc-defg\u201d)"))  # fmt: skip
    return link


def _upcoming_call(plan: Plan, day: str, now: datetime) -> datetime:
    """The call of the series on `day` (its own date, in the cadence's zone), not yet begun."""
    assert plan.checkin is not None
    series = plan.checkin
    wanted = _day(plan, day, now)
    planned = calls.held_or_planned(plan, series)
    on_day = [(c, when) for c, when in planned if wanted in (c.date(), when.date())]
    if not on_day:
        raise Refused(phrase("there is no check-in call on {date}", date=full_date(wanted)))
    call, when = on_day[0]
    if when <= now:
        raise Refused(phrase("the call on {day} has already begun", day=wanted))
    return call


def _day(plan: Plan, text: str, now: datetime) -> date:
    """An ISO date, or 'next': the next call's own date."""
    if text == "next":
        upcoming = calls.next_call(plan, now)
        if upcoming is None:
            raise Refused(phrase("there is no check-in call left"))
        return upcoming[0].date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Refused(phrase("which call? \u201c{text}\u201d is not a date", text=text)) from None


def _moved_to(plan: Plan, call: datetime, text: str, now: datetime) -> datetime:
    """'2026-12-24T10:00' or '2026-12-24' (the call's own time) in the cadence's zone."""
    assert plan.checkin is not None
    zone = plan.checkin.cadence.zone
    day, _, clock = text.partition("T")
    try:
        at = time.fromisoformat(clock) if clock else call.time()
        moved = datetime.combine(date.fromisoformat(day) if day else call.date(), at, tzinfo=zone)
    except ValueError:
        raise Refused(
            phrase("move the call to when? \u201c{text}\u201d is not a date and time", text=text)
        ) from None
    if moved <= now:
        raise Refused(phrase("{when} is in the past", when=_when(moved)))
    if moved == call:
        raise Refused(phrase("the call is on {when} already", when=_when(call)))
    if abs(moved - call) > timedelta(days=31):
        raise Refused(phrase("a call moves by a month at most; change the cadence for more"))
    return moved


def _cadence(plan: Plan, text: str) -> Cadence:
    assert plan.checkin is not None
    cadence = parse_cadence(text, default_timezone=plan.checkin.cadence.timezone)
    if cadence is None:
        raise Refused(phrase("\u201c{text}\u201d is not a cadence (try \u201ccheck-in: Wednesdays "
                             "15:00 Europe/Berlin\u201d)", text=text))  # fmt: skip
    if cadence == plan.checkin.cadence:
        raise Refused(phrase("the check-in calls are at that time already"))
    return cadence


def _other_changes(series: CheckIn, call: datetime) -> list[CallChange]:
    return [change for change in series.changes if change.call != call]


def _when(moment: datetime) -> Phrase:
    return day_and_time(moment)


# --- answers from calendars ---------------------------------------------------------------------


def check_rsvp(plan: Plan, command: RsvpCommand) -> None:
    """Refused unless the answer is to this plan's current series, from whom it was sent to
    (the answering attendee is the email's sender: NotTheirs otherwise), for the series or one
    of its calls, and newer than the answer it would replace.
    NotThisAttendee when it comes from an address that is not provably the invitee's: that is
    someone writing about the plan, for the seller to read."""
    series = plan.checkin
    if series is None:
        raise Refused(phrase("the plan has no check-in call"))
    if not _is_series_uid(command.uid, plan.id, series.number):
        raise Refused(phrase("the answer is to another calendar event"))
    holder = plan.stakeholder(command.token_stakeholder_id)
    if holder is None:
        raise Refused(phrase("the invite belongs to someone no longer on the plan"))
    if not same_mailbox(command.sender, command.attendee):  # nobody answers for someone else
        raise NotTheirs(f"an answer for {command.attendee}, sent by {command.sender}")
    if not same_mailbox(command.attendee, holder.email):
        if plan.stakeholder_by_email(command.attendee) is not None:
            raise Refused(
                phrase(
                    "the invite was sent to {holder}, not to {attendee}",
                    holder=holder.email,
                    attendee=command.attendee,
                )
            )
        raise NotThisAttendee(
            f"a calendar answer from {command.attendee}, but the invite was sent to {holder.email}"
        )
    if command.sequence < series.sequence:
        raise Refused(
            phrase(
                "the answer is to an older invite (SEQUENCE {sequence})", sequence=command.sequence
            )
        )
    call = _answered_call(plan, command)
    stored = _stored_stamp(series, holder.id, call)
    if stored is not None and command.dtstamp is not None and command.dtstamp < stored:
        raise Refused(phrase("a newer answer from them is recorded already"))


def record_rsvp(plan: Plan, command: RsvpCommand, now: datetime) -> Change:
    series = plan.checkin
    person = plan.stakeholder(command.token_stakeholder_id)
    assert series is not None and person is not None, "checked by check_rsvp"
    answer = command.partstat.upper()
    call = _answered_call(plan, command)
    if call is None:
        series.answers[person.id] = answer
        if command.dtstamp is not None:
            series.answered_at[person.id] = command.dtstamp
        said = term(answer.lower())
        what = phrase("answered the check-in invite: {answer}", answer=said)
        summary = phrase("{name} answered the check-in invite: {answer}", name=person.display,
                         answer=said)  # fmt: skip
    else:
        series.call_answers = [
            a for a in series.call_answers if (a.stakeholder_id, a.call) != (person.id, call)
        ] + [CallAnswer(stakeholder_id=person.id, call=call, partstat=answer,
                        dtstamp=command.dtstamp)]  # fmt: skip
        slots: dict[str, str | Phrase] = {"call": _when(call), "answer": term(answer.lower())}
        what = phrase("answered for the check-in call on {call}: {answer}", **slots)
        summary = phrase("{name} answered for the check-in call on {call}: {answer}",
                         name=person.display, **slots)  # fmt: skip
    plan.history.append(Event(at=now, by=person.email, what=what.english(), said=what))
    note = _decline_note(plan, person.id, call, answer)
    if note is None:
        return Change(summary=summary.english(), notices=[], said=[summary])
    notice = Notice(kind=EmailKind.PLAN_NOTICE, recipient_id=plan.seller_id, note=note.english(),
                    said=[note])  # fmt: skip
    return Change(summary=summary.english(), notices=[notice], said=[summary])


def _decline_note(plan: Plan, person_id: int, call: datetime | None, answer: str) -> Phrase | None:
    """The seller hears of a decline of the series, or of one call by a key person."""
    person = plan.stakeholder(person_id)
    if answer != "DECLINED" or person is None or person_id == plan.seller_id:
        return None
    who = person.display
    if call is None:
        if person.role:
            return phrase("{name} ({role}) declined the check-in calls.", name=who,
                          role=term(person.role))  # fmt: skip
        return phrase("{name} declined the check-in calls.", name=who)
    if person.role in KEY_ROLES:
        return phrase("{name} ({role}) cannot come to the check-in call on {call}.", name=who,
                      role=term(person.role), call=_when(call))  # fmt: skip
    return None


def _answered_call(plan: Plan, command: RsvpCommand) -> datetime | None:
    """The call a RECURRENCE-ID names (None: the series), or Refused if the series has none."""
    assert plan.checkin is not None
    if command.recurrence_id is None:
        return None
    call = calls.find_call(plan, plan.checkin, command.recurrence_id)
    if call is None:
        raise Refused(
            phrase(
                "the answer is for a call the series does not have ({call})",
                call=str(command.recurrence_id),
            )
        )
    skipped = any(c.call == call and c.moved_to is None for c in plan.checkin.changes)
    if skipped:
        raise Refused(phrase("the call on {when} is skipped", when=_when(call)))
    return call


def _stored_stamp(series: CheckIn, person_id: int, call: datetime | None) -> datetime | None:
    if call is None:
        return series.answered_at.get(person_id)
    return next((a.dtstamp for a in series.call_answers
                 if a.stakeholder_id == person_id and a.call == call), None)  # fmt: skip


def _is_series_uid(uid: str, plan_id: str, number: int) -> bool:
    own = f"mutualplan-checkin-{plan_id}" + (f"-{number}" if number else "")
    return uid.startswith(f"{own}@")


def same_mailbox(one: str, other: str) -> bool:
    """The same mailbox written two ways: in another case, or with a +tag (RFC 5233
    subaddressing); at Gmail also with dots in the name. Another name at the same domain may
    be anyone's, so it is not the same."""
    return _mailbox(one) == _mailbox(other)


def _mailbox(address: str) -> str:
    local, _, domain = address.strip().lower().rpartition("@")
    local = local.split("+", 1)[0]
    if domain in {"gmail.com", "googlemail.com"}:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"
