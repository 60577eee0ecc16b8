"""Pure: one email a day per person and plan; news beyond it waits for the next morning.

The day runs from one morning wake to the next. Calls to act (your turn, invites, the plan
itself) always go at once. News (HOLDABLE) for someone who already had an email that day and
has not acted since waits, as one line of the next morning's email.
"""

from __future__ import annotations

from mutualplan.messages import Pacing, QueuedEmail
from mutualplan.models import EmailKind, Phrase, Plan, joined, phrase, plural_phrase, step_title

HELD_LINES = 20  # news lines held for one person; the last counts any more
HOLDABLE = {
    EmailKind.MILESTONE_DONE,
    EmailKind.MILESTONE_CHANGED,
    EmailKind.PLAN_NOTICE,
    EmailKind.MILESTONE_REMINDER,
    EmailKind.MILESTONE_LATE,
}


def holds(pacing: Pacing, plan: Plan, email: QueuedEmail) -> bool:
    """True if `email` waits for the next morning (its line is kept for it); otherwise it goes
    now, and its recipient has had their email today."""
    person = email.recipient_id
    if email.kind in HOLDABLE and person in pacing.emailed_today:
        who = plan.stakeholder(person)
        if who is not None and who.email not in pacing.acted_today:
            _hold(pacing.held.setdefault(person, []), news_line(email, plan))
            return True
    if person not in pacing.emailed_today:
        pacing.emailed_today.append(person)
    return False


def _hold(lines: list[str | Phrase], line: str | Phrase) -> None:
    """Keep `line` for the morning: at most HELD_LINES lines, the last of them counting the
    news beyond (someone posting the same link all day must not make a morning email of a
    thousand lines, nor a plan of a megabyte)."""
    if len(lines) < HELD_LINES:
        lines.append(line)
        return
    last = lines[-1]
    count = last.count + 1 if isinstance(last, Phrase) and last.text == _MORE and last.count else 2
    lines[-1] = _more(count)


def _more(count: int) -> Phrase:
    return plural_phrase(
        "And {count} more change: the plan page shows the latest.",
        "And {count} more changes: the plan page shows the latest.",
        count,
    )


_MORE = _more(2).text


def acted(pacing: Pacing, address: str) -> None:
    """Someone answered: news for them goes at once again today."""
    if address not in pacing.acted_today:
        pacing.acted_today.append(address)


def new_day(pacing: Pacing) -> dict[int, list[str | Phrase]]:
    """The morning: the news held for each person; nobody has been emailed or acted yet."""
    held = pacing.held
    pacing.held, pacing.emailed_today, pacing.acted_today = {}, [], []
    return held


def news_line(email: QueuedEmail, plan: Plan) -> str | Phrase:
    """One line for a held email in the next morning's email, said in the reader's language
    (a person's own words, as a note the workflow has no phrase for, stay as they are)."""
    milestone = plan.milestone(email.milestone_key) if email.milestone_key else None
    title = step_title(milestone) if milestone else ""
    match email.kind:
        case EmailKind.MILESTONE_DONE if milestone and milestone.done_note:
            # what its owner wrote with "done" reaches the seller held or not
            return phrase(
                "Done: {title} \u2014 \u201c{note}\u201d", title=title, note=milestone.done_note
            )
        case EmailKind.MILESTONE_DONE:
            return phrase("Done: {title}", title=title)
        case EmailKind.MILESTONE_REMINDER if milestone:
            return phrase("Reminder: {title} is due {due}", title=title, due=milestone.due)
        case EmailKind.MILESTONE_LATE if milestone:
            return phrase("Late: {title} was due {due}", title=title, due=milestone.due)
    if email.said:
        return joined(email.said) if len(email.said) > 1 else email.said[0]
    if email.note:
        return email.note
    return phrase("Changed: {title}", title=title) if title else phrase("The plan changed.")
