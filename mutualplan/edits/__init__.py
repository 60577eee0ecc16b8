"""Pure edits to a plan from people's replies: who may do what, and what it changes.

    editing.py       a reply's commands checked (the update's validator) and applied (its
                     handler), each by the module of what it changes
    permissions.py   who may change what: a step's owner, the seller, a draft's champion; the
                     reply address's holder
    step_answers.py  a step done, blocked, given a new date, a note, handed over; which step
    people.py        people added and removed, the language each is written in
    plan_state.py    the plan confirmed, resumed, cancelled; its amount and close date
    go_live.py       go-live moved: the open steps worked back from it, but for the dates people set
    steps.py         steps added and removed, success criteria added (seller and reviewer)
    days_off.py      a date that falls on a day off, said with the change
    refusals.py      a refusal for who the sender is, naming who can act instead
    changes.py       what an edit comes to: a summary, and the notices (emails) it queues

A refusal raises `errors.Refused`; time always comes in as an argument.
"""
