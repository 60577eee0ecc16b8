"""Pure edits to a plan from people's replies: who may do what, and what it changes.

    editing.py   a reply's commands checked (the update's validator) and applied (its handler):
                 a step done, blocked, moved or handed over, people added and removed, the plan
                 confirmed, resumed, cancelled, its terms and languages
    go_live.py   go-live moved: the open steps worked back from it, but for the dates people set
    steps.py     steps added and removed, success criteria added (seller and reviewer)
    changes.py   what an edit comes to: a summary, and the notices (emails) it queues

A refusal raises `errors.Refused`; time always comes in as an argument.
"""
